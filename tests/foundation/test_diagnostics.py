"""The diagnostics catalogue: every code used is documented, every documented code is used."""

from __future__ import annotations

import re
from pathlib import Path

from xingxian_cli.domain.diagnostics import WARNING_CODES, Severity, make
from xingxian_cli.messages.diagnostics import CATALOGUE

SRC = Path(__file__).parents[2] / "src" / "xingxian_cli"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _code_literals() -> set[str]:
    found: set[str] = set()
    for p in SRC.rglob("*.py"):
        if p.parts[-2] == "messages":
            continue
        found |= set(re.findall(r"\"([a-z]+(?:-[a-z0-9]+)+)\"", p.read_text(encoding="utf-8")))
    return found


def test_every_catalogue_entry_has_a_chinese_title_template_and_hint():
    for code, entry in CATALOGUE.items():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", code)
        assert HAN.search(entry.title) and HAN.search(entry.template) and HAN.search(entry.hint), code


def test_every_catalogue_code_is_raised_somewhere_in_the_code():
    unused = set(CATALOGUE) - _code_literals()
    assert unused <= {"formula-cell"}, sorted(unused)  # calamine cannot tell formula cells apart


def test_warning_codes_are_catalogue_codes():
    assert WARNING_CODES <= set(CATALOGUE)


def test_make_fills_the_template_and_locates_the_cell():
    d = make("id-checksum", file="蔚汾镇_2022Q3.xlsx", sheet="村干部名册", row=12, column="C", header="身份证号",
             value="1411**********0013", expected="7", actual="3")
    assert d.severity is Severity.ERROR
    assert d.text() == ("蔚汾镇_2022Q3.xlsx › 村干部名册 › 第12行 › 身份证号(C列): 身份证号的末位（校验位）与前 17 位对不上："
                        "按前 17 位算应为 7，填写为 3；多半是前 17 位中有数字填错 — 请对照身份证原件逐位核对全部 18 位，不要只改最后一位")


def test_a_long_cell_is_quoted_by_its_start_but_a_list_a_check_made_is_kept_whole():
    # (review R72) a cell of megabytes was quoted whole; (review R74) a registry's 28 villages
    # were then cut as if they were one long cell

    villages = "、".join(f"第{i:02d}村（新名录中属魏家滩镇）" for i in range(28))
    d = make("missing-sheet", sheet="名录", name="名录", present=villages)
    assert villages in d.message
    d = make("unknown-position", value="书记" + "啊" * 500, allowed="书记、主任")
    assert "（共 502 字）" in d.message and len(d.message) < 300
