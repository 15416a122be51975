"""xx status --township: every version of a township's file, who imported it, and what changed."""

from __future__ import annotations

import json

import pytest


@pytest.mark.sqlite_only  # the store's queries are plain selects of what every import stores
def test_a_townships_versions_say_who_imported_each_and_what_each_correction_changed_cell_by_cell(
        xx, copy_ws, tmp_path, policy, registry, q3_county):
    # (review R133) asked in March why a cadre's pay differs from the printed report, the officer
    # could see version 2 was used, not who imported it nor what it changed
    from xingxian_cli.sample.generator import book_from_submission, write_book

    book = book_from_submission(q3_county["康宁镇"], policy)
    scores, roster, honours = book.sheets["scores"], book.sheets["roster"], book.sheets["honours"]
    old_score, scores[0][2] = scores[0][2], 61
    row = next(i for i, r in enumerate(roster) if r[3] == "委员")
    roster[row][3] = "副主任"
    gone = honours.pop(0)
    honours[0][5] = "兴组字〔2022〕99号"  # (review R134) a 文号 changed: said as the cell, not as a row removed and added
    book.info["filler"] = "新填报人"
    fixed = write_book(book, tmp_path / "康宁镇_2022Q3_更正.xlsx", policy=policy, registry=registry)
    assert xx("-w", copy_ws, "import", fixed, "-q", "2022Q3").code == 0
    r = xx("-w", copy_ws, "status", "-q", "2022Q3", "--township", "康宁")
    said = r.out.replace("\n", "")
    assert r.code == 0 and "康宁镇 2022Q3 的报送版本" in said and "第 2 版（当前）：" in said and "康宁镇_2022Q3_更正.xlsx" in said
    assert "第 2 版（康宁镇_2022Q3_更正.xlsx）比第 1 版：5 处变化" in said, said
    assert "基本信息 填报人：" in said and "→ 新填报人" in said, said
    assert f"荣誉成就 第2行 {honours[0][1]}（" in said and "文号：" in said and "→ 兴组字〔2022〕99号" in said, said
    system = policy.systems[0]
    assert f"六大体系评分 第2行 {scores[0][1]}（" in said and f"{system}：{old_score} → 61" in said, said
    assert f"村干部名册 第{row + 2}行 {roster[row][1]}（" in said and "职务：委员 → 副主任" in said, said
    assert f"删去 荣誉成就 第2行（第 1 版里的行）：{gone[1]}（" in said and gone[0] not in said, said  # IDs masked
    doc = json.loads(xx("-w", copy_ws, "status", "-q", "2022Q3", "-t", "康宁镇", "-f", "json").out)
    v1, v2 = doc["versions"]
    assert (v1["current"], v2["current"], v1["changes"]) == (False, True, [])
    assert v2["imported_by"] and v2["filler"] == book.info["filler"] and "****" in v2["phone"]
    assert {(c["kind"], c["sheet"], c["field"]) for c in v2["changes"]} == {
        ("changed", "六大体系评分", system), ("changed", "村干部名册", "position"), ("removed", "荣誉成就", None),
        ("changed", "荣誉成就", "doc_no"), ("changed", "基本信息", "filler")}
    # a township with no file yet, and a name no township has
    assert "还没有导入过报送" in xx("-w", copy_ws, "status", "-q", "2023Q1", "-t", "康宁镇").out
    wrong = xx("-w", copy_ws, "status", "-q", "2022Q3", "-t", "康乐镇")
    assert wrong.code == 2 and "康宁镇" in wrong.err


@pytest.mark.sqlite_only
def test_a_closed_quarters_township_renamed_in_the_registry_since_is_still_found_by_its_name_then(xx, q3_paid,
                                                                                                   tmp_path):
    # (review R134) -t looked the name up in the workspace's registry, not the quarter's
    from importlib.resources import files

    text = files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")
    renamed = tmp_path / "新名录.csv"
    renamed.write_text(text.replace("\n蔚汾镇,", "\n蔚汾街道,"), encoding="utf-8")
    assert xx("-w", q3_paid, "registry", "import", renamed, "--force").code == 0
    said = xx("-w", q3_paid, "status", "-q", "2022Q3", "-t", "蔚汾镇").out
    assert "蔚汾镇 2022Q3 的报送版本" in said and "第 1 版（当前）：" in said, said


@pytest.mark.sqlite_only
def test_files_that_waited_for_a_choice_say_which_was_imported_since(xx, tmp_path, sample_dir):
    # (review R136) the history still called the chosen file "待选定" after it became version 1
    import shutil

    import openpyxl

    inbox = tmp_path / "收件"
    inbox.mkdir()
    first = shutil.copy(sample_dir / "2022Q3" / "东会乡_2022Q3.xlsx", inbox / "东会乡_2022Q3_甲.xlsx")
    wb = openpyxl.load_workbook(first)
    wb["六大体系评分"]["C2"] = 91 if wb["六大体系评分"]["C2"].value != 91 else 92
    wb.save(inbox / "东会乡_2022Q3_乙.xlsx")
    assert xx("init", tmp_path / "ws").code == 0
    assert xx("-w", tmp_path / "ws", "import", inbox, "-q", "2022Q3").code == 1  # two of one township
    assert xx("-w", tmp_path / "ws", "import", first, "-q", "2022Q3").code == 0  # the officer's choice
    said = xx("-w", tmp_path / "ws", "status", "-q", "2022Q3", "-t", "东会乡").out.replace("\n", "")
    assert "东会乡_2022Q3_甲.xlsx（与同一乡镇的其他文件一起送来，待选定，本身没有别的错误）——后来作为第 1 版导入" in said, said
    assert "东会乡_2022Q3_乙.xlsx（与同一乡镇的其他文件一起送来，待选定，本身没有别的错误）" in said
    assert "东会乡_2022Q3_乙.xlsx（与同一乡镇的其他文件一起送来，待选定，本身没有别的错误）——" not in said


def test_a_phone_changed_only_where_its_mask_hides_is_still_a_change():
    # (self-review) the masked numbers were compared: 139****5678 both times, "数据没有变化"
    from xingxian_cli.domain.ids import mask_phone
    from xingxian_cli.domain.versions import info_changes, version_changes

    old = {"cadre": [{"person_id": "1", "name": "甲", "phone": "13912345678", "src_sheet": "村干部名册", "src_row": 2}]}
    new = {"cadre": [{"person_id": "1", "name": "甲", "phone": "13900005678", "src_sheet": "村干部名册", "src_row": 2}]}
    (ch,) = version_changes(old, new, mask=mask_phone)
    assert (ch.field, ch.before, ch.after) == ("phone", "139****5678", "139****5678（号码已改）")
    (ch,) = info_changes({"phone": "13912345678"}, {"phone": "13900005678"}, sheet="基本信息", mask=mask_phone)
    assert ch.after.endswith("（号码已改）")
    assert version_changes(old, old, mask=mask_phone) == []


def test_an_id_typed_into_any_text_of_a_version_is_shown_masked_as_everywhere():
    # (review R141) a 文号, 情形 or honour title holding a resident ID was printed in full by
    # status -t (and its JSON), though score --explain and the report mask it
    from xingxian_cli.domain.ids import mask_phone
    from xingxian_cli.domain.versions import version_changes

    pid = "141123198405168310"
    row = {"person_id": "1", "name": "甲", "measure": "M01", "date": "2022-08-01", "src_sheet": "降星事项", "src_row": 2}
    old = {"deduction": [{**row, "situation": "履职不力", "doc_no": "兴办〔2022〕1号"}],
           "honour": [{"person_id": "1", "name": "甲", "title": f"先进个人（证书号{pid}）", "level": "县级",
                       "date": "2022-07-01", "doc_no": "1号", "src_sheet": "荣誉成就", "src_row": 2}]}
    new = {"deduction": [{**row, "situation": f"群众举报（身份证{pid}）", "doc_no": f"兴办{pid}号"}]}
    changes = version_changes(old, new, mask=mask_phone)
    shown = " ".join(str(x) for c in changes for x in (c.subject, c.before, c.after, c.name))
    assert {(c.kind, c.field) for c in changes} == {("changed", "situation"), ("changed", "doc_no"), ("removed", None)}
    assert pid not in shown and shown.count("1411**********8310") == 3, shown


def test_a_phone_typed_after_the_fillers_name_is_shown_masked():
    # (review R141) 填报人 刘雨欣 19998103792 was shown in full by status -t
    from xingxian_cli.domain.ids import mask_phone
    from xingxian_cli.domain.versions import info_changes

    (ch,) = info_changes({"filler": "刘雨欣"}, {"filler": "刘雨欣 19998103792"}, sheet="基本信息", mask=mask_phone)
    assert (ch.before, ch.after) == ("刘雨欣", "刘雨欣 199****3792")
