"""JSON documents are written as the standard library would write them, only faster."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from xingxian_cli.io.jsondoc import json_bytes, json_loads

DOC = {"quarter": "2022Q3", "summary": {"cadres": 3, "total_pay": 10500.5, "stars": {"5": 1}},
       "cadres": [{"name": "白伟", "village": "花园沟村", "rank": None, "rules": [], "ok": True, "composite": 97.75}],
       "empty": {}, "text": 'quote " and \\ and \n and 𠀀'}


@pytest.mark.parametrize("indent", [False, True])
def test_a_document_is_written_byte_for_byte_as_the_standard_library_writes_it(indent):
    expected = json.dumps(DOC, ensure_ascii=False, indent=2 if indent else None,
                          separators=None if indent else (",", ":"))
    assert json_bytes(DOC, indent=indent) == expected.encode("utf-8")


def test_values_json_has_no_type_for_are_written_as_their_text():
    doc = {"pay": Decimal("10500"), "date": date(2022, 9, 30), "file": Path("兴县") / "蔚汾镇.xlsx", 3: "int key"}
    assert json.loads(json_bytes(doc)) == {"pay": "10500", "date": "2022-09-30", "file": str(Path("兴县") / "蔚汾镇.xlsx"),
                                           "3": "int key"}


def test_a_file_name_that_was_not_valid_text_on_disk_reads_back_as_it_was():
    name = b"\xb6\xd4.xlsx".decode("utf-8", "surrogateescape")  # GBK bytes on a UTF-8 system
    for indent in (False, True):
        data = json_bytes({"file": name, "name": "白伟"}, indent=indent)
        assert json_loads(data) == json.loads(data) == {"file": name, "name": "白伟"}
