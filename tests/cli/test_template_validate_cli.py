"""xx template (pre-filled from the last imported quarter) and xx validate --annotate, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from xlsx_values import load_values


@pytest.mark.sqlite_only  # files on disk: the database engine plays no part
def test_template_all_writes_15_workbooks_named_by_township_and_quarter(xx, tmp_path, registry):
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("-w", ws, "template", "--quarter", "2022Q3", "--all", "-o", tmp_path / "模板")
    assert r.code == 0, r
    names = sorted(p.name for p in (tmp_path / "模板").glob("*.xlsx"))
    assert names == sorted(f"{t}_2022Q3.xlsx" for t in registry.townships)


@pytest.mark.both_engines  # PostgreSQL too: rosters read back
def test_template_prefills_the_roster_from_the_last_imported_quarter(xx, copy_ws, tmp_path):
    r = xx("-w", copy_ws, "template", "--quarter", "2023Q1", "--township", "蔚汾镇", "-o", tmp_path)
    assert r.code == 0 and "2022Q4" in r.out
    wb = load_values(tmp_path / "蔚汾镇_2023Q1.xlsx")  # values only: no formatting is checked
    roster = wb["村干部名册"]
    ids = [row[2] for row in roster.iter_rows(min_row=2, values_only=True) if row[2]]
    doc = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-t", "蔚汾镇", "-f", "json", "--unmask").out)
    assert sorted(ids) == sorted(c["id"] for c in doc["cadres"])
    scores = wb["六大体系评分"]
    assert sum(1 for row in scores.iter_rows(min_row=2, values_only=True) if row[0]) == len(ids)
    guide = " ".join(str(row[0]) for row in wb["填报说明"].iter_rows(values_only=True) if row[0])
    assert "已按2022年第4季度的名册预填" in guide and "删去已离任的人员" in guide


@pytest.mark.sqlite_only  # files and prefill logic; the store's queries are covered on PostgreSQL elsewhere
def test_template_all_names_the_townships_it_could_not_prefill(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    q3 = [f for f in sorted((sample_dir / "2022Q3").glob("*.xlsx")) if not f.name.startswith("瓦塘镇")]
    assert xx("-w", ws, "import", *q3, "--quarter", "2022Q3").code == 0
    r = xx("-w", ws, "template", "--quarter", "2022Q4", "--all", "-o", tmp_path / "模板")
    assert r.code == 0
    assert "14 个乡镇已按 2022Q3 的名册预填" in r.out
    assert "1 个乡镇在 2022Q4 之前没有已导入的名册，模板未预填，需要重新填写全部人员：瓦塘镇" in r.out.replace("\n", "")
    alone = xx("-w", ws, "template", "--quarter", "2022Q4", "--township", "瓦塘", "-o", tmp_path / "单个")
    assert alone.code == 0 and (tmp_path / "单个" / "瓦塘镇_2022Q4.xlsx").is_file()  # 瓦塘 is 瓦塘镇
    assert "需要重新填写全部人员：瓦塘镇" in alone.out.replace("\n", "")  # said of the one asked for too
    # (review R59) a template for a quarter already imported is filled from the quarters before it
    same = xx("-w", ws, "template", "--quarter", "2022Q3", "--township", "蔚汾镇", "-o", tmp_path / "本季")
    assert same.code == 0 and "在 2022Q3 之前没有已导入的名册" in same.out.replace("\n", "")


def test_template_for_an_unknown_township_is_a_usage_error(xx, tmp_path):
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("-w", ws, "template", "-q", "2022Q3", "--township", "不存在乡", "-o", tmp_path / "t")
    assert r.code == 2 and "不在名录中" in r.err and "是不是" not in r.err
    r = xx("-w", ws, "template", "-q", "2022Q3", "--township", "东会", "-o", tmp_path / "t")
    assert r.code == 0 and (tmp_path / "t" / "东会乡_2022Q3.xlsx").is_file()  # without its suffix, one township
    wrong = xx("-w", ws, "template", "-q", "2022Q3", "--township", "东会镇", "-o", tmp_path / "u")
    assert wrong.code == 2 and not (tmp_path / "u").exists()  # another township's name: not taken for 东会乡
    assert "是不是“东会乡”？" in wrong.err.replace("\n", "")  # (review R59) but said which was meant
    slip = xx("-w", ws, "template", "-q", "2022Q3", "--township", "尉汾镇", "-o", tmp_path / "u")
    assert slip.code == 2 and "是不是“蔚汾镇”？" in slip.err.replace("\n", "")  # one character apart (R107)


def test_an_unknown_township_of_a_prefectures_registry_names_the_ones_meant_and_counts_the_rest():
    # (review R106) 150 townships listed in a 23-line box for a name ten of them end in
    from xingxian_cli.domain.registry import Registry, Village
    from xingxian_cli.errors import UsageError
    from xingxian_cli.services.context import resolve_township

    counties = ["清徐县", "阳曲县", "娄烦县"] + [f"县{i}" for i in range(47)]
    registry = Registry(tuple(Village(f"{c}{t}", "一村", "村") for c in counties for t in ("蔚汾镇", "奥家湾乡", "东会乡")))
    with pytest.raises(UsageError) as told:
        resolve_township(registry, "奥家湾乡")
    said = str(told.value)
    assert "是不是“清徐县奥家湾乡”或“阳曲县奥家湾乡”" not in said  # fifty hold it: too many to name
    assert said.endswith(" 等 150 个") and said.count("、") == 19, said
    with pytest.raises(UsageError) as told:
        resolve_township(registry, "清徐奥家湾乡")
    assert "是不是“清徐县奥家湾乡”" in str(told.value)  # the nearest first


def test_an_unknown_township_names_those_one_character_off_before_looser_matches():
    # (review R108) 东三镇 was answered with 高东镇 and 老东镇, two characters off, and not 东兴镇
    from xingxian_cli.domain.registry import Registry, Village
    from xingxian_cli.errors import UsageError
    from xingxian_cli.services.context import resolve_township

    towns = ["高东镇", "老东镇", "东兴镇", "东后镇", "东山镇", "西三乡"]
    with pytest.raises(UsageError) as told:
        resolve_township(Registry(tuple(Village(t, "一村", "村") for t in towns)), "东三镇")
    said = str(told.value)
    assert "是不是“东兴镇”或“东后镇”或“东山镇”？" in said, said


def test_a_township_with_a_suffix_of_its_own_is_no_short_name_of_another():
    from xingxian_cli.domain.registry import Registry, Village
    from xingxian_cli.services.context import _township_without_suffix

    reg = Registry((Village("东关镇", "甲村", "村"), Village("东关街道办事处", "乙社区", "社区")))
    assert _township_without_suffix(reg, "东关街道") is None  # review R26: was 东关镇
    assert _township_without_suffix(reg, "东关") is None  # two fit


@pytest.mark.sqlite_only  # files on disk: the database engine plays no part
def test_template_does_not_overwrite_a_returned_workbook_of_the_same_name(xx, tmp_path, sample_dir):
    ws, out = tmp_path / "ws", tmp_path / "收件"
    xx("init", ws)
    assert xx("-w", ws, "template", "-q", "2022Q4", "--all", "-o", out).code == 0
    blank = (out / "蔚汾镇_2022Q4.xlsx").read_bytes()
    # importing the quarter before changes the pre-filled roster: an untouched template is replaced
    # (蔚汾镇's file and template alone: the other 14 blank templates stay for the --all run below)
    assert xx("-w", ws, "import", sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", "-q", "2022Q3").code == 0
    replaced = xx("-w", ws, "template", "-q", "2022Q4", "--township", "蔚汾镇", "-o", out)
    assert replaced.code == 0, replaced
    assert (out / "蔚汾镇_2022Q4.xlsx").read_bytes() != blank
    returned = sample_dir / "2022Q4" / "蔚汾镇_2022Q4.xlsx"  # filled in, as a township sends it back
    (out / "蔚汾镇_2022Q4.xlsx").write_bytes(returned.read_bytes())
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    r = xx("-w", ws, "template", "-q", "2022Q4", "--all", "-o", out)
    assert r.code == 2 and "蔚汾镇_2022Q4.xlsx" in r.err and "--force" in r.err
    assert (out / "蔚汾镇_2022Q4.xlsx").read_bytes() == returned.read_bytes()
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before  # nothing written, no leftovers
    forced = xx("-w", ws, "template", "-q", "2022Q4", "--township", "蔚汾镇", "-o", out, "--force")
    assert forced.code == 0 and (out / "蔚汾镇_2022Q4.xlsx").read_bytes() != returned.read_bytes()
    # (review R59) the officer is told which returned workbook was overwritten
    assert "已按 --force 覆盖 1 个内容不同的同名文件：蔚汾镇_2022Q4.xlsx" in forced.out.replace("\n", "")


def test_validate_annotate_writes_the_marked_copy_to_mail_back(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    bad = next((sample_dir / "faulty").glob("康宁镇*.xlsx"))
    r = xx("-w", ws, "validate", bad, "--quarter", "2022Q3", "--annotate", tmp_path / "退回")
    assert r.code == 1
    assert "党建引领" in r.out and "105" in r.out
    (copy,) = (tmp_path / "退回").glob("*.xlsx")
    wb = load_workbook(copy)
    assert wb.sheetnames[0] == "校验结果"
    sheet = wb["六大体系评分"]
    marked = [c for row in sheet.iter_rows() for c in row if c.comment is not None]
    assert any("105" in c.comment.text for c in marked)
    doc = json.loads(xx("-w", ws, "validate", bad, "-q", "2022Q3", "--annotate", tmp_path / "退回", "-f", "json").out)
    assert doc["files"][0]["annotated"] == str(copy)  # a script finds each file's copy beside it


def test_annotate_keeps_a_file_under_the_copys_name_that_it_did_not_write_as_it_is(xx, tmp_path, sample_dir):
    # Review R119: the township's corrected return, sent back under the copy's name, was overwritten.
    ws, back = tmp_path / "ws", tmp_path / "退回"
    xx("init", ws)
    bad = next((sample_dir / "faulty").glob("康宁镇*.xlsx"))
    assert xx("-w", ws, "validate", bad, "-q", "2022Q3", "--annotate", back).code == 1
    (copy,) = back.glob("*.xlsx")
    again = xx("-w", ws, "validate", bad, "-q", "2022Q3", "--annotate", back, "-f", "json")
    assert json.loads(again.out)["annotate_kept"] == [] and list(back.glob("*.xlsx")) == [copy]  # ours: replaced
    wb = load_workbook(copy)
    wb.properties.lastModifiedBy = "乡镇填表人"  # the township's Excel saved it
    wb.save(copy)
    returned = copy.read_bytes()
    r = xx("-w", ws, "validate", bad, "-q", "2022Q3", "--annotate", back)
    second = back / copy.name.replace(".xlsx", "_2.xlsx")
    assert copy.read_bytes() == returned and second.is_file()
    assert "没有覆盖" in r.out and second.name in r.out.replace("\n", "")
    copy.write_text("备忘", encoding="utf-8")  # not a workbook at all
    doc = json.loads(xx("-w", ws, "validate", bad, "-q", "2022Q3", "--annotate", back, "-f", "json").out)
    assert copy.read_text(encoding="utf-8") == "备忘"
    assert doc["annotate_kept"] == [{"path": str(copy), "written": str(second)}]


def test_an_annotated_copy_that_cannot_be_written_is_exit_code_2_for_a_file_that_passed(
        xx, tmp_path, sample_dir, monkeypatch):
    # (review R60) exit code 1 says the data has errors: a good file whose copy the folder refused has none
    from xingxian_cli.io import annotate

    def refused(_data, _diags, out_path, **_k):
        raise PermissionError(13, "Permission denied", str(out_path))

    monkeypatch.setattr(annotate, "write_annotated", refused)
    ws = tmp_path / "ws"
    xx("init", ws)
    good = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    bad = next((sample_dir / "faulty").glob("康宁镇*.xlsx"))
    r = xx("-w", ws, "validate", good, "-q", "2022Q3", "--annotate", tmp_path / "退回")
    assert r.code == 2 and "没有写出" in r.err.replace("\n", "")
    assert xx("-w", ws, "validate", good, bad, "-q", "2022Q3", "--annotate", tmp_path / "退回").code == 1


@pytest.mark.sqlite_only  # what is shown or written to files: the database engine plays no part (CI time)
def test_a_full_disk_while_annotating_still_shows_every_files_problems(xx, tmp_path, sample_dir, monkeypatch):
    # (review R61) a full disk printed no table, only a panel about an import, with exit code 2
    import errno

    from xingxian_cli.io import annotate

    tried = []

    def full(_data, _diags, out_path, **_k):
        tried.append(out_path)
        raise OSError(errno.ENOSPC, "No space left on device")  # a zip's write names no file

    monkeypatch.setattr(annotate, "write_annotated", full)
    ws = tmp_path / "ws"
    xx("init", ws)
    bad = next((sample_dir / "faulty").glob("康宁镇*.xlsx"))
    good = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    r = xx("-w", ws, "validate", bad, good, "-q", "2022Q3", "--annotate", tmp_path / "退回")
    said = r.out.replace("\n", "") + r.err.replace("\n", "")
    assert r.code == 1 and len(tried) == 1  # the data's errors; the second copy not tried
    assert "105" in said and "导入" not in r.err and said.count("标注文件") >= 2
    assert "腾出磁盘空间" in said and "Excel" not in r.err  # a full disk is no file open in Excel
    # (review R136) the copies not written are said in one panel, not a panel each
    assert r.err.count("╭") == 1 and "2 个标注文件因磁盘空间不足没有写出" in said, r.err


def test_validate_annotate_says_which_copies_go_back_to_the_township(xx, tmp_path, sample_dir):
    # (review R50) every copy was "已写出标注文件", passed files' alike
    ws = tmp_path / "ws"
    xx("init", ws)
    bad = next((sample_dir / "faulty").glob("康宁镇*.xlsx"))
    good = sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx"
    said = xx("-w", ws, "validate", bad, good, "--quarter", "2022Q3", "--annotate", tmp_path / "退回").out.replace("\n", "")
    assert "康宁镇_2022Q3_评分错误_校验结果.xlsx（有错误，退回乡镇改正）" in said
    assert "蔚汾镇_2022Q3_校验结果.xlsx（没有错误，可直接导入 蔚汾镇_2022Q3.xlsx，不必退回）" in said


def test_a_marked_copy_that_cannot_be_written_is_named_after_every_files_results(xx, tmp_path, sample_dir):
    """Last time's copy still open in Excel (here a folder of its name): the other copies are
    written, every file's results are shown, and the blocked copy is named, not a draft."""
    from xingxian_cli.io.annotate import annotated_name

    ws, out = tmp_path / "ws", tmp_path / "退回"
    xx("init", ws)
    bad = sorted((sample_dir / "faulty").glob("*.xlsx"))[:2]
    (out / annotated_name(bad[0].name)).mkdir(parents=True)
    r = xx("-w", ws, "validate", *bad, "--quarter", "2022Q3", "--annotate", out)
    assert r.code == 1
    assert bad[0].name in r.out and bad[1].name in r.out and "没有写出" in r.out
    assert annotated_name(bad[0].name) in r.err and ".partial" not in r.err
    assert (out / annotated_name(bad[1].name)).is_file()


def test_validate_will_not_write_the_marked_copies_into_the_folder_being_checked(xx, tmp_path, sample_dir):
    import shutil

    ws, inbox = tmp_path / "ws", tmp_path / "收件箱"
    xx("init", ws)
    inbox.mkdir()
    shutil.copy(next((sample_dir / "faulty").glob("康宁镇*.xlsx")), inbox)
    r = xx("-w", ws, "validate", inbox, "--quarter", "2022Q3", "--annotate", inbox)
    assert r.code == 2 and "不能写进报送表所在的目录" in r.err
    assert len(list(inbox.iterdir())) == 1  # nothing written beside the original


def test_validate_json_is_one_document_with_every_problem(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("-w", ws, "validate", sample_dir / "faulty", "-f", "json")
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["valid"] is False and doc["summary"]["files"] == 7
    codes = {d["code"] for f in doc["files"] for d in f["diagnostics"]}
    assert {"id-checksum", "id-number-rounded", "unknown-village", "start-before-18", "score-out-of-range",
            "score-not-number", "missing-sheet", "duplicate-person", "file-not-xlsx"} <= codes
    # a refused file still says which township and quarter it is, when its 基本信息 does
    named = {f["file"]: (f["township"], f["quarter"]) for f in doc["files"] if f["readable"]}
    assert all(t and q for t, q in named.values()) and named["瓦塘镇_2022Q3_季度不符.xlsx"] == ("瓦塘镇", "2022Q2")


def test_start_dates_after_the_quarter_written_but_within_the_one_the_name_says_point_at_the_quarter_first(
        xx, tmp_path, sample_dir):
    # (review R107) 瓦塘镇_2022Q3 with 考核季度 2022Q2: two cadres who started in July and August
    # were to be deleted from the workbook sent back, the fix being one cell
    ws = tmp_path / "ws"
    xx("init", ws)
    bad = sample_dir / "faulty" / "瓦塘镇_2022Q3_季度不符.xlsx"
    doc = json.loads(xx("-w", ws, "validate", bad, "-f", "json").out)
    dates = [d for d in doc["files"][0]["diagnostics"] if d["column"] == "E" and d["sheet"] == "村干部名册"]
    assert dates and all(d["code"] == "date-after-period-named" and d["severity"] == "error" for d in dates)
    assert all("基本信息的考核季度改为 2022Q3，这一行就不用改" in d["hint"] and "删去" not in d["hint"] for d in dates)
    assert all("（基本信息的考核季度是 2022Q2）" in d["message"] for d in dates)


def test_validate_without_quarter_still_refuses_a_person_imported_for_another_township(
        xx, tmp_path, sample_dir, policy, registry, q3_county):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    ws = tmp_path / "ws"
    xx("init", ws)
    county = q3_county
    xx("-w", ws, "import", next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx")), "-q", "2022Q3")
    moved = county["蔚汾镇"].cadres[0].person_id
    book = book_from_submission(county["赵家坪乡"], policy)
    old = county["赵家坪乡"].cadres[0].person_id
    for rows in book.sheets.values():
        for row in rows:
            for i, v in enumerate(row):
                if v == old:
                    row[i] = moved
    f = write_book(book, tmp_path / "赵家坪乡_2022Q3.xlsx", policy=policy, registry=registry)
    r = xx("-w", ws, "validate", f, "-f", "json")
    assert r.code == 1
    codes = [d["code"] for d in json.loads(r.out)["files"][0]["diagnostics"]]
    assert "already-imported" in codes


def test_a_file_that_cannot_be_read_is_named_as_such_not_as_corrupt(xx, tmp_path, sample_dir, monkeypatch):
    from pathlib import Path

    ws = tmp_path / "ws"
    xx("init", ws)
    locked = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    real = Path.read_bytes

    def read_bytes(self):  # as Windows answers while another program holds the file
        if self.name == locked.name:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = xx("-w", ws, "validate", locked, "-f", "json")
    assert r.code == 1
    (d,) = json.loads(r.out)["files"][0]["diagnostics"]
    assert d["code"] == "file-unreadable" and "占用" in d["message"] and "关闭" in d["hint"]
    assert "损坏" not in d["message"] and "process" not in d["message"]


def test_a_file_without_read_permission_named_beside_good_ones_is_that_files_error_not_a_usage_error(
        xx, tmp_path, sample_dir, monkeypatch):
    import os
    from pathlib import Path

    ws = tmp_path / "ws"
    xx("init", ws)
    good, locked = sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:2]
    real_access, real_read = os.access, Path.read_bytes

    def access(path, mode, *a, **k):  # an ordinary user's file of a colleague's, mode 600
        return False if Path(path).name == locked.name else real_access(path, mode, *a, **k)

    def read_bytes(self):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = xx("-w", ws, "validate", good, locked, "-q", "2022Q3", "-f", "json")
    assert r.code == 1, r
    doc = json.loads(r.out)
    assert [f["file"] for f in doc["files"]] == [good.name, locked.name] and doc["files"][0]["valid"]
    bad = doc["files"][1]
    assert [d["code"] for d in bad["diagnostics"]] == ["file-unreadable"] and bad["sha256"] is None


def test_template_with_both_a_township_and_all_is_a_usage_error(xx, tmp_path):
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("-w", ws, "template", "-q", "2022Q3", "-t", "蔚汾镇", "--all", "-o", tmp_path / "t")
    assert r.code == 2 and "只能用一个" in r.err and not (tmp_path / "t").exists()


@pytest.mark.sqlite_only  # what is shown or written to files: the database engine plays no part (CI time)
def test_one_mistake_repeated_down_a_column_is_shown_a_few_times_then_counted_errors_first(
        xx, tmp_path, policy, registry, q3_county):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    county = q3_county
    book = book_from_submission(county["蔚汾镇"], policy)
    j = book.headers["progress"].index("村(社区)")
    rows = [r for r in book.sheets["progress"] if r[j]]
    for r in rows:  # every village written without 村/社区, as a clerk shortens them
        r[j] = r[j].removesuffix("村").removesuffix("社区")
    f = write_book(book, tmp_path / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    r = xx("init", tmp_path / "ws")
    r = xx("-w", tmp_path / "ws", "validate", f)
    shown = r.out.replace("\n", "")
    assert r.code == 1 and f"另有 {len(rows) - 10} 处同样的问题" in shown
    assert shown.index("最多的是") < shown.index("错误") + 80 and "村(社区)不在本乡镇名录中" in shown
    # the errors before the warnings (honours outside their window)
    assert shown.rindex("不是蔚汾镇的村") < shown.index("不在考核期末前")
    doc = json.loads(xx("-w", tmp_path / "ws", "validate", f, "-f", "json").out)
    assert sum(d["code"] == "unknown-village" for d in doc["files"][0]["diagnostics"]) == len(rows)  # JSON: all


def test_a_townships_files_of_two_quarters_checked_together_are_not_two_submissions(xx, tmp_path, sample_dir):
    assert xx("init", tmp_path / "ws").code == 0
    q3, q4 = (sample_dir / q / f"东会乡_{q}.xlsx" for q in ("2022Q3", "2022Q4"))
    doc = json.loads(xx("-w", tmp_path / "ws", "validate", q3, q4, "-f", "json").out)
    codes = {d["code"] for f in doc["files"] for d in f["diagnostics"]}
    assert "duplicate-submission" not in codes and "person-in-two-townships" not in codes
    assert all(f["valid"] for f in doc["files"]), [f["diagnostics"] for f in doc["files"]]


@pytest.mark.sqlite_only  # files and prefill logic; the store's queries are covered on PostgreSQL elsewhere
def test_a_template_prefills_a_village_moved_to_another_township_in_its_new_township(xx, copy_ws, tmp_path):
    from importlib.resources import files

    from openpyxl import load_workbook

    text = files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")
    assert "蔚汾镇,城东社区," in text
    moved = tmp_path / "新名录.csv"
    moved.write_text(text.replace("蔚汾镇,城东社区,", "康宁镇,城东社区,"), encoding="utf-8")
    refused = xx("-w", copy_ws, "registry", "import", moved)  # data of 蔚汾镇's 城东社区 is stored
    assert refused.code == 1 and "城东社区（新名录中属康宁镇）" in refused.err.replace("\n", "")
    r = xx("-w", copy_ws, "registry", "import", moved, "--force")
    assert r.code == 0, r
    assert "已结账的季度 2022Q3、2022Q4 仍按保存结果时的名录" in r.out.replace("\n", "")  # closed: they keep theirs
    for township in ("康宁镇", "蔚汾镇"):
        assert xx("-w", copy_ws, "template", "-q", "2023Q1", "-t", township, "-o", tmp_path / "模板").code == 0

    def roster_villages(township):
        ws = load_workbook(tmp_path / "模板" / f"{township}_2023Q1.xlsx", read_only=True)["村干部名册"]
        return [row[0] for row in ws.iter_rows(min_row=2, values_only=True) if row[1]]

    assert "城东社区" in roster_villages("康宁镇") and "城东社区" not in roster_villages("蔚汾镇")


@pytest.mark.sqlite_only  # files and prefill logic
def test_a_template_prefilling_cadres_of_a_village_the_registry_dropped_says_so(xx, copy_ws, tmp_path):
    from importlib.resources import files

    text = files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("东会乡,"))
    village = line.split(",")[1]
    dropped = tmp_path / "新名录.csv"
    dropped.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    assert xx("-w", copy_ws, "registry", "import", dropped, "--force").code == 0
    r = xx("-w", copy_ws, "template", "-q", "2023Q1", "--township", "东会乡", "-o", tmp_path / "模板")
    assert r.code == 0
    said = r.out.replace("\n", "")
    assert "所在的村(社区)已不在名录中" in said and f"原东会乡{village}" in said


def _west_community_renamed(folder: Path) -> Path:
    """The default registry as a CSV with 蔚汾镇's 城西社区 renamed 西城社区, its 区划代码 kept (村改居)."""
    from importlib.resources import files

    text = files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")
    renamed = folder / "新名录.csv"
    renamed.write_text(text.replace("蔚汾镇,城西社区,", "蔚汾镇,西城社区,"), encoding="utf-8")
    return renamed


def _prefilled_villages(template: Path) -> set[str]:
    """The villages a template's roster is pre-filled with."""
    sheet = load_workbook(template, read_only=True)["村干部名册"]
    return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}


@pytest.mark.both_engines  # PostgreSQL too: places with data
def test_a_registry_renaming_a_village_with_data_names_its_new_name_by_its_code(xx, copy_ws, tmp_path):

    renamed = _west_community_renamed(tmp_path)
    # (review R123) a rename in its own township is no village dropped: imported, said, and its
    # stored facts follow it (it counted 0 % when its quarter was scored by the new registry)
    r = xx("-w", copy_ws, "registry", "import", renamed)
    said = "".join(r.err.split())
    assert r.code == 0 and "“蔚汾镇城西社区”（区划代码" in said and "改名为“西城社区”" in said, r
    assert "已导入的“城西社区”的数据算作“西城社区”" in said
    scored = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "--rescore", "-f", "json").out)
    (west,) = [v for v in scored["villages"] if v["village"] == "西城社区"]
    assert west["completion"] > 0.5 and west["cadres_counted"] > 0, west
    # next quarter's template names the village as it is called now, by its code in the registry
    # the stored quarters were scored by (review R113: the old name, which the validator then refused)
    r = xx("-w", copy_ws, "template", "-q", "2023Q1", "--township", "蔚汾镇", "-o", tmp_path / "模板")
    assert r.code == 0 and "已不在名录中" not in r.out.replace("\n", ""), r.out
    villages = _prefilled_villages(tmp_path / "模板" / "蔚汾镇_2023Q1.xlsx")
    assert "西城社区" in villages and "城西社区" not in villages


def test_a_village_renamed_before_its_imported_quarter_was_scored_is_prefilled_under_its_new_name(
        xx, tmp_path, sample_dir):
    # (review R114) no stored run had the old registry: the template pre-filled the old name,
    # which the validator then refused

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    # 蔚汾镇's file alone: the template asked for is its own (imported, never scored: no stored run)
    assert xx("-w", ws, "import", sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", "-q", "2022Q3").code == 0
    renamed = _west_community_renamed(tmp_path)
    assert xx("-w", ws, "registry", "import", renamed, "--force").code == 0
    r = xx("-w", ws, "template", "-q", "2022Q4", "--township", "蔚汾镇", "-o", tmp_path / "模板")
    assert r.code == 0 and "已不在名录中" not in r.out.replace("\n", ""), r.out
    villages = _prefilled_villages(tmp_path / "模板" / "蔚汾镇_2022Q4.xlsx")
    assert "西城社区" in villages and "城西社区" not in villages


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines elsewhere (CI time)
def test_a_renamed_villages_old_name_given_to_another_village_is_warned_of_at_registry_import(xx, copy_ws, tmp_path):
    # (review R114) its cadres are taken for the new village of that name, without a word
    from importlib.resources import files

    text = files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("蔚汾镇,城西社区,"))
    reused = tmp_path / "新名录.csv"
    reused.write_text(text.replace(line, line.replace("城西社区", "西城社区") + "\n蔚汾镇,城西社区,社区,141123100999"),
                      encoding="utf-8")
    r = xx("-w", copy_ws, "registry", "import", reused, "--force")
    said = r.err.replace("\n", "")
    assert r.code == 0 and "“蔚汾镇 城西社区”" in said and "改名为“西城社区”，而新名录另有一个“城西社区”" in said


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
@pytest.mark.parametrize("workers", ["0", "2"])  # checked here, or in worker processes
def test_with_a_quarter_given_a_file_whose_quarter_cell_is_blank_still_meets_the_others_rosters(
        xx, tmp_path, policy, registry, q3_county, monkeypatch, workers):
    monkeypatch.setenv("XX_WORKERS", workers)
    from xingxian_cli.sample.generator import book_from_submission, write_book

    county = q3_county
    good = write_book(book_from_submission(county["蔚汾镇"], policy), tmp_path / "蔚汾镇_2022Q3.xlsx",
                      policy=policy, registry=registry)
    book = book_from_submission(county["康宁镇"], policy)
    book.info["quarter"] = None  # refused for that, its roster read all the same
    old, twice = county["康宁镇"].cadres[0].person_id, county["蔚汾镇"].cadres[0].person_id
    for rows in book.sheets.values():
        for row in rows:
            row[:] = [twice if v == old else v for v in row]
    other = write_book(book, tmp_path / "康宁镇_2022Q3.xlsx", policy=policy, registry=registry)
    assert xx("init", tmp_path / "ws").code == 0
    doc = json.loads(xx("-w", tmp_path / "ws", "validate", good, other, "-q", "2022Q3", "-f", "json").out)
    first = next(f for f in doc["files"] if f["file"] == good.name)
    assert "person-in-two-townships" in {d["code"] for d in first["diagnostics"]}  # as import finds it
    r = xx("-w", tmp_path / "ws", "import", good, other, "-q", "2022Q3", "--dry-run")
    assert r.code == 1 and "0 个可以导入" in r.out


@pytest.mark.sqlite_only  # what is shown or written to files: the database engine plays no part (CI time)
def test_a_cadre_who_moved_township_since_is_prefilled_only_where_the_newer_roster_lists_them(
        xx, tmp_path, policy, registry):
    from cli_helpers import workspace_with_a_mover

    ws, mover, _village = workspace_with_a_mover(xx, tmp_path, policy, registry)  # in 魏家滩镇's roster from 2022Q4 on
    for township in ("魏家滩镇", "蔚汾镇"):  # each asked for alone, as an officer re-sends one
        assert xx("-w", ws, "template", "-q", "2023Q1", "-t", township, "-o", tmp_path / "模板").code == 0

    def ids(township):
        sheet = load_workbook(tmp_path / "模板" / f"{township}_2023Q1.xlsx", read_only=True)["村干部名册"]
        return {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}

    assert mover.person_id in ids("魏家滩镇") and mover.person_id not in ids("蔚汾镇")


@pytest.mark.sqlite_only  # files and prefill logic; the store's queries are covered on PostgreSQL elsewhere
def test_a_moved_village_is_prefilled_in_its_new_township_whose_newer_roster_predates_the_move(
        xx, tmp_path, sample_dir):
    from importlib.resources import files

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    # the two townships' files it needs (the rest of the county plays no part): 蔚汾镇's roster of
    # 城西社区 is its 2022Q3 one (its 2022Q4 file not imported)
    q3 = [sample_dir / "2022Q3" / f"{t}_2022Q3.xlsx" for t in ("蔚汾镇", "魏家滩镇")]
    assert xx("-w", ws, "import", *q3, "-q", "2022Q3").code == 0
    q4 = sample_dir / "2022Q4" / "魏家滩镇_2022Q4.xlsx"
    assert xx("-w", ws, "import", q4, "-q", "2022Q4").code == 0  # 魏家滩镇's newer roster: before the move
    text = files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")
    moved = tmp_path / "新名录.csv"
    moved.write_text(text.replace("蔚汾镇,城西社区,", "魏家滩镇,城西社区,"), encoding="utf-8")
    assert xx("-w", ws, "registry", "import", moved, "--force").code == 0
    assert xx("-w", ws, "template", "-q", "2023Q1", "-t", "魏家滩镇", "-o", tmp_path / "模板").code == 0
    sheet = load_workbook(tmp_path / "模板" / "魏家滩镇_2023Q1.xlsx", read_only=True)["村干部名册"]
    assert "城西社区" in {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_a_refused_file_of_another_quarter_does_not_meet_this_quarters_files(xx, tmp_path, policy, registry, q3_county):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    county = q3_county
    mover = county["蔚汾镇"].cadres[0]  # in 蔚汾镇 in 2022Q2, in 魏家滩镇 by 2022Q3
    old = book_from_submission(county["蔚汾镇"], policy)
    old.info["quarter"] = "2022Q2"
    stale = write_book(old, tmp_path / "蔚汾镇_2022Q2.xlsx", policy=policy, registry=registry)
    book = book_from_submission(county["魏家滩镇"], policy)
    book.sheets["roster"].append([book.sheets["roster"][0][0], mover.name, mover.person_id, "委员", mover.start_date,
                                  None, None, None])
    book.sheets["scores"].append([mover.person_id, mover.name, *([80] * len(policy.systems))])
    good = write_book(book, tmp_path / "魏家滩镇_2022Q3.xlsx", policy=policy, registry=registry)
    assert xx("init", tmp_path / "ws").code == 0
    doc = json.loads(xx("-w", tmp_path / "ws", "validate", good, stale, "-q", "2022Q3", "-f", "json").out)
    assert [f["valid"] for f in doc["files"]] == [True, False]  # the stale one refused for its quarter only


@pytest.mark.sqlite_only  # the recorded renames are read on both engines by the template test above (CI time)
@pytest.mark.parametrize("scored_before", [True, False])
def test_cadres_of_a_village_renamed_since_last_quarter_are_not_told_as_moved(xx, tmp_path, sample_dir, policy,
                                                                              scored_before, request):
    # (review R116) 村改居 with the same 区划代码: every cadre of the village was "由斜沟村调入"

    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.io.registry_io import read_registry_file
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    if scored_before:  # the county's 2022Q3 imported and scored, its results stored: q3_paid
        ws = request.getfixturevalue("q3_paid")
    else:  # imported, never scored: 蔚汾镇's file, the renamed village's township, is what it needs
        ws = tmp_path / "ws"
        assert xx("init", ws).code == 0
        assert xx("-w", ws, "import", sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", "-q", "2022Q3").code == 0
    renamed = _west_community_renamed(tmp_path)
    assert xx("-w", ws, "registry", "import", renamed, "--force").code == 0
    new_registry, _ = read_registry_file(renamed)
    inbox = tmp_path / "2022Q4"  # 蔚汾镇's 2022Q4 file alone: the renamed village's cadres are in it
    inbox.mkdir()
    q3 = generate_county(policy, new_registry, Quarter(2022, 3), seed=2022)
    q4 = generate_county(policy, new_registry, Quarter(2022, 4), seed=2022, previous=q3)
    book = book_from_submission(q4["蔚汾镇"], policy)
    for rows in book.sheets.values():
        for row in rows:
            row[:] = ["西城社区" if v == "城西社区" else v for v in row]
    write_book(book, inbox / "蔚汾镇_2022Q4.xlsx", policy=policy, registry=new_registry)
    assert xx("-w", ws, "import", inbox, "-q", "2022Q4").code == 0
    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "-f", "json").out)
    there = [c for c in doc["cadres"] if c["village"] == "西城社区"]
    assert there and all(c["change"]["moved_from"] is None for c in there)


@pytest.mark.sqlite_only  # which registry a closed quarter is checked by: the store's part is checked elsewhere
def test_a_village_renamed_before_next_quarter_is_no_move_once_that_quarter_is_closed(xx, tmp_path, q3_paid, policy):
    # (review R130) the closed quarter is checked by the registry it was scored by, which knew
    # no former names: every cadre of the renamed village was "moved" at validate and on the
    # report's issue sheet once the quarter closed
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.io.registry_io import read_registry_file
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    renamed = _west_community_renamed(tmp_path)
    assert xx("-w", q3_paid, "registry", "import", renamed, "--force").code == 0
    new_registry, _ = read_registry_file(renamed)
    inbox = tmp_path / "2022Q4"
    q3 = generate_county(policy, new_registry, Quarter(2022, 3), seed=2022)
    q4 = generate_county(policy, new_registry, Quarter(2022, 4), seed=2022, previous=q3)
    for township, sub in q4.items():
        book = book_from_submission(sub, policy)
        for rows in book.sheets.values():
            for row in rows:
                row[:] = ["西城社区" if v == "城西社区" else v for v in row]
        write_book(book, inbox / f"{township}_2022Q4.xlsx", policy=policy, registry=new_registry)
    assert xx("-w", q3_paid, "import", inbox, "-q", "2022Q4").code == 0
    assert xx("-w", q3_paid, "score", "-q", "2022Q4").code == 0  # all sent: the quarter is closed

    def moves(*args) -> list:  # type: ignore[no-untyped-def]
        doc = json.loads(xx("-w", q3_paid, "validate", inbox / "蔚汾镇_2022Q4.xlsx", *args, "-f", "json").out)
        return [d for d in doc["files"][0]["diagnostics"] if d["code"] == "village-changed"]

    assert moves("-q", "2022Q4") == [] and moves() == []
    report = tmp_path / "r.xlsx"
    assert xx("-w", q3_paid, "report", "-q", "2022Q4", "-o", report).code == 0
    issues = [row for row in load_workbook(report, read_only=True)["校验问题"].iter_rows(values_only=True)]
    assert issues and not [row for row in issues if any("此人在“城西社区”" in str(v) for v in row)], issues[:3]
