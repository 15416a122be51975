"""One cadre whose resident ID reads differently in two quarters is two people to the scoring
(facts are remembered by ID): the officer hears of it where they look."""

from __future__ import annotations

import json

import pytest
from xlsx_values import load_values

from tests.intake.intake_helpers import with_check_digit
from xingxian_cli.domain.ids import mask_id
from xingxian_cli.domain.period import Quarter
from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book


def _mistyped(xx, tmp_path, policy, registry):
    """蔚汾镇 imported for 2022Q3, then for 2022Q4 with its first cadre's ID read otherwise:
    (workspace, that cadre, the 2022Q4 book, its path, the new ID)."""
    county = generate_county(policy, registry, Quarter(2022, 3), seed=2022)
    sub = county["蔚汾镇"]
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    q3 = write_book(book_from_submission(sub, policy), tmp_path / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    assert xx("-w", ws, "import", q3, "-q", "2022Q3").code == 0
    cadre = sub.cadres[0]
    old = cadre.person_id
    new = with_check_digit(old[:14] + ("000" if old[14:17] != "000" else "001"))  # one clerk's other reading
    book = book_from_submission(sub, policy)
    book.info["quarter"] = "2022Q4"
    for rows in book.sheets.values():
        for row in rows:
            row[:] = [new if v == old else v for v in row]
    q4 = write_book(book, tmp_path / "蔚汾镇_2022Q4.xlsx", policy=policy, registry=registry)
    assert xx("-w", ws, "import", q4, "-q", "2022Q4").code == 0
    return ws, cadre, book, q4, new


@pytest.mark.sqlite_only  # what is shown: the store's queries are those of every score
def test_a_cadre_listed_under_another_id_than_last_quarter_is_flagged_in_explain_json_and_report(xx, tmp_path, policy,
                                                                                                 registry):
    ws, cadre, book, q4, new = _mistyped(xx, tmp_path, policy, registry)
    old = cadre.person_id

    said = xx("-w", ws, "score", "-q", "2022Q4", "--explain", new, "--allow-missing").out.replace("\n", "")
    assert f"上季度同村有同名的{cadre.name}（身份证号 {mask_id(old)}）" in said and "填错" in said
    r = xx("-w", ws, "score", "-q", "2022Q4", "--explain", old, "--allow-missing")  # last quarter's ID
    said = "".join(r.err.replace("│", "").split())  # the error box, unwrapped
    assert r.code == 2 and f"同名的{cadre.name}（身份证号{mask_id(new)}）" in said and f"--explain{mask_id(new)}" in said

    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "-f", "json", "--allow-missing").out)
    me = next(c for c in doc["cadres"] if c["name"] == cadre.name and c["village"] == cadre.village)
    assert me["change"]["kind"] == "new" and me["change"]["namesake"] == mask_id(old)
    gone = next(p for p in doc["departed"] if p["name"] == cadre.name)
    assert gone["namesake"] == mask_id(new) and gone["id"] == mask_id(old)
    others = [c for c in doc["cadres"] if c["change"] and c["change"]["namesake"]]
    assert others == [me]  # nobody else: the rest kept their IDs
    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "-f", "json", "--unmask", "--allow-missing").out)
    assert next(p for p in doc["departed"] if p["name"] == cadre.name)["namesake"] == new

    assert xx("-w", ws, "report", "-q", "2022Q4", "-o", tmp_path / "r.xlsx").code == 0
    wb = load_values(tmp_path / "r.xlsx")
    departed = [r for r in wb["较上季度减少人员"].iter_rows(values_only=True) if cadre.name in r]
    assert len(departed) == 1 and "同名" in departed[0][-1] and "核对" in departed[0][-1]
    listed = [r for r in wb["村干部星级"].iter_rows(values_only=True) if cadre.name in r]
    assert len(listed) == 1 and any(isinstance(v, str) and "身份证号不同" in v for v in listed[0])

    book.info["phone"] = "13900000000"  # a corrected 2022Q4: the quarter is scored afresh, then read back
    assert xx("-w", ws, "import", write_book(book, q4, policy=policy, registry=registry), "-q", "2022Q4").code == 0
    for run in ("scored", "stored"):
        said = xx("-w", ws, "score", "-q", "2022Q4", "--allow-missing", "--limit", "0").out
        assert ("输入与上次保存的结果相同" in said) == (run == "stored")
        row = next(line for line in said.splitlines() if cadre.name in line.replace(" ", ""))
        assert "新*" in row, (run, row)
        assert "注意：1 名新任人员与上季度同村离开的人员同名" in said.replace("\n", ""), run
        assert "xx score --quarter 2022Q4 --explain" in said.replace("\n", "")


@pytest.mark.sqlite_only
def test_the_namesake_label_stays_whole_on_an_80_column_console(xx, tmp_path, policy, registry, monkeypatch):
    ws, *_ = _mistyped(xx, tmp_path, policy, registry)
    monkeypatch.setenv("COLUMNS", "80")
    said = xx("-w", ws, "score", "-q", "2022Q4", "--allow-missing", "--limit", "0").out
    assert "…" not in said
    lines = said.splitlines()
    # whole, under the stars on the line after the ID's (a column of its own does not fit)
    assert any("*" * 10 in line and "新*" in after for line, after in zip(lines, lines[1:], strict=False))
