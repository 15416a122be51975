"""xx import and xx status: atomic per file, versioned, archived, idempotent."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text


def _db(ws):
    return create_engine("sqlite:///" + (ws / "xx.sqlite3").as_posix())


def _count(ws, table: str) -> int:
    with _db(ws).connect() as c:
        return c.execute(text(f"select count(*) from {table}")).scalar()


@pytest.mark.both_engines  # PostgreSQL too: the whole county imported
def test_import_loads_the_sample_county_and_status_shows_all_15(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("-w", ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3")
    assert r.code == 0, r
    assert "导入 15 个" in r.out
    st = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert st["submitted"] == 15 and st["missing"] == []
    assert all(t["version"] == 1 and t["cadres"] > 0 for t in st["townships"])


def test_reimporting_the_identical_file_changes_nothing_and_says_so(xx, copy_ws, sample_dir):
    before = _count(copy_ws, "cadre")
    f = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    r = xx("-w", copy_ws, "import", f, "--quarter", "2022Q3")
    assert r.code == 0 and "完全相同" in r.out
    assert _count(copy_ws, "cadre") == before


def test_an_annotated_copy_sent_back_as_it_was_is_no_new_version(xx, copy_ws, sample_dir, tmp_path):
    # the township got its marked copy back for its warnings and sent that very copy in
    f = next((sample_dir / "2022Q3").glob("东会乡*.xlsx"))
    assert xx("-w", copy_ws, "validate", f, "-q", "2022Q3", "--annotate", tmp_path / "标注").code == 0
    marked = next((tmp_path / "标注").glob("*.xlsx"))
    assert marked.read_bytes() != f.read_bytes()
    archived = sorted(p.name for p in (copy_ws / "archive").rglob("*") if p.is_file())
    assert archived
    dry = xx("-w", copy_ws, "import", marked, "-q", "2022Q3", "--dry-run")
    assert dry.code == 0 and "1 个与已导入的相同" in dry.out, dry
    r = xx("-w", copy_ws, "import", marked, "-q", "2022Q3")
    assert r.code == 0 and "未变化 1 个" in r.out and "与已导入的第 1 版完全相同" in r.out, r
    assert "未另存新版本" in r.out.replace("\n", "")
    st = json.loads(xx("-w", copy_ws, "status", "-q", "2022Q3", "-f", "json").out)
    row = next(t for t in st["townships"] if t["township"] == "东会乡")
    assert row["version"] == 1 and row["versions"] == 1 and row["file"] == f.name
    assert sorted(p.name for p in (copy_ws / "archive").rglob("*") if p.is_file()) == archived


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_marked_copy_beside_its_original_or_a_resaved_copy_is_unchanged_in_the_dry_run_as_in_the_import(
        xx, copy_ws, sample_dir, tmp_path):
    f = next((sample_dir / "2022Q3").glob("东会乡*.xlsx"))
    inbox = tmp_path / "收件箱"
    assert xx("-w", copy_ws, "validate", f, "-q", "2022Q3", "--annotate", inbox).code == 0
    shutil.copy(f, inbox / f.name)
    for args in (("--dry-run",), ()):
        r = xx("-w", copy_ws, "import", inbox, "-q", "2022Q3", *args)
        assert r.code == 0 and "会被拒收：" not in r.out and "已拒收" not in r.out, r
        assert ("2 个与已导入的相同" if args else "未变化 2 个") in r.out, r
    assert xx("-w", copy_ws, "validate", inbox, "-q", "2022Q3").code == 0


@pytest.mark.both_engines  # PostgreSQL too: versions of a file
def test_a_marked_copy_of_a_version_corrected_since_is_an_old_version_unless_reverting(
        xx, copy_ws, sample_dir, tmp_path, policy, registry, q3_county):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    f = next((sample_dir / "2022Q3").glob("东会乡*.xlsx"))
    assert xx("-w", copy_ws, "validate", f, "-q", "2022Q3", "--annotate", tmp_path / "标注").code == 0
    marked = next((tmp_path / "标注").glob("*.xlsx"))
    book = book_from_submission(q3_county["东会乡"], policy)
    book.info["filler"] = "更正后的填报人"
    fixed = write_book(book, tmp_path / "东会乡_2022Q3_更正.xlsx", policy=policy, registry=registry)
    assert "第 2 版" in xx("-w", copy_ws, "import", fixed, "-q", "2022Q3").out
    for args in (("--dry-run",), ()):
        r = xx("-w", copy_ws, "import", marked, "-q", "2022Q3", *args)
        assert r.code == 1 and "已被更正后的版本取代" in r.out.replace("\n", ""), r
    r = xx("-w", copy_ws, "import", marked, "-q", "2022Q3", "--revert")
    assert r.code == 0 and "已改回（--revert）：这个文件与第 1 版完全相同，现在作为第 3 版" in r.out, r
    # (review R93) version 1's own bytes now hold the current data: unchanged, not an old version
    for args in (("--dry-run",), ()):
        r = xx("-w", copy_ws, "import", f, "-q", "2022Q3", *args)
        assert r.code == 0 and ("1 个与已导入的相同" if args else "未变化 1 个") in r.out, r
    assert xx("-w", copy_ws, "validate", f, "-q", "2022Q3").code == 0


@pytest.mark.both_engines  # PostgreSQL too: versions of a file
def test_a_file_read_by_older_reading_rules_is_read_again_when_imported_again(xx, copy_ws, sample_dir, ws_engine):
    # as a workspace upgraded from a version whose rules read this very file differently
    with ws_engine(copy_ws).begin() as c:
        c.execute(text("update submission set reader = null where township='蔚汾镇' and quarter='2022Q3'"))
        c.execute(text("update cadre set name = name || '某' where id = (select min(c.id) from cadre c"
                       " join submission s on s.id = c.submission_id where s.township='蔚汾镇' and s.quarter='2022Q3')"))
    st = xx("-w", copy_ws, "status", "-q", "2022Q3")
    assert "1 个乡镇的当前报送是按本工具较早版本的读取规则读入的（蔚汾镇）" in st.out.replace("\n", "")
    f = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    r = xx("-w", copy_ws, "import", f, "--quarter", "2022Q3")
    assert r.code == 0 and "已按现在的规则重新读取，作为第 2 版" in r.out, r
    assert "较早版本的读取规则" not in xx("-w", copy_ws, "status", "-q", "2022Q3").out
    st = json.loads(xx("-w", copy_ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert next(t for t in st["townships"] if t["township"] == "蔚汾镇")["version"] == 2
    again = xx("-w", copy_ws, "import", f, "--quarter", "2022Q3")  # now read by these rules: unchanged
    assert again.code == 0 and "完全相同" in again.out and "重新读取" not in again.out


Q3_ISSUES = "submission_id in (select id from submission where quarter='2022Q3')"


@pytest.mark.both_engines  # PostgreSQL too: versions of a file
def test_a_file_read_again_by_newer_rules_to_the_same_facts_stays_the_same_version(xx, copy_ws, sample_dir, ws_engine):
    # after an upgrade the officer imports the quarter's folder again: nothing is read otherwise
    with ws_engine(copy_ws).begin() as c:
        c.execute(text("update submission set reader = 1, n_warnings = 0 where quarter='2022Q3'"))
        c.execute(text(f"delete from issue where {Q3_ISSUES}"))
    r = xx("-w", copy_ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3")
    assert r.code == 0 and "导入 0 个，未变化 15 个" in r.out, r
    assert "读出的数据没有变化" in r.out and "第 2 版" not in r.out
    st = xx("-w", copy_ws, "status", "-q", "2022Q3")
    assert "较早版本的读取规则" not in st.out  # counted as read by these rules now
    with ws_engine(copy_ws).connect() as c:
        assert c.execute(text("select count(*) from submission where quarter='2022Q3'")).scalar() == 15
        # the warnings are those of these rules again
        issues = c.execute(text(f"select count(*) from issue where {Q3_ISSUES}")).scalar()
        assert issues > 0
        assert c.execute(text("select sum(n_warnings) from submission where quarter='2022Q3'")).scalar() == issues
    again = xx("-w", copy_ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3")
    assert "读出的数据没有变化" not in again.out and "未变化 15 个" in again.out


def test_a_new_file_for_the_same_township_becomes_the_current_version(
        xx, copy_ws, sample_dir, tmp_path, policy, registry, q3_county):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    sub = q3_county["蔚汾镇"]
    book = book_from_submission(sub, policy)
    book.info["filler"] = "更正后的填报人"
    f = write_book(book, tmp_path / "蔚汾镇_2022Q3_更正.xlsx", policy=policy, registry=registry)
    r = xx("-w", copy_ws, "import", f, "--quarter", "2022Q3")
    assert r.code == 0 and "第 2 版" in r.out, r
    st = json.loads(xx("-w", copy_ws, "status", "-q", "2022Q3", "-f", "json").out)
    row = next(t for t in st["townships"] if t["township"] == "蔚汾镇")
    assert row["version"] == 2 and row["versions"] == 2 and row["file"] == "蔚汾镇_2022Q3_更正.xlsx"
    # the earlier version stays in history, its rows untouched
    with _db(copy_ws).connect() as c:
        rows = c.execute(text("select version, is_current from submission where township='蔚汾镇' and quarter='2022Q3' order by version")).all()
    assert [(v, bool(cur)) for v, cur in rows] == [(1, False), (2, True)]


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_explanations_name_the_version_of_a_corrected_file_sent_under_the_same_name(xx, copy_ws, tmp_path, policy,
                                                                                    registry, q3_county):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    sub = q3_county["蔚汾镇"]
    book = book_from_submission(sub, policy)
    book.info["filler"] = "更正后的填报人"
    f = write_book(book, tmp_path / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)  # the same name
    assert xx("-w", copy_ws, "import", f, "--quarter", "2022Q3").code == 0
    doc = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q3", "-f", "json", "-t", "蔚汾镇").out)
    sources = {h["source"] for c in doc["cadres"] for h in c["rules"] if h["source"]}
    assert sources and all(s.startswith("蔚汾镇_2022Q3.xlsx（第2版） › ") for s in sources)
    other = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q3", "-f", "json", "-t", "东会乡").out)
    assert all("版）" not in h["source"] for c in other["cadres"] for h in c["rules"] if h["source"])


def test_importing_a_replaced_version_again_is_refused_unless_reverting_on_purpose(xx, copy_ws, sample_dir, tmp_path,
                                                                                  policy, registry, q3_county):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    book = book_from_submission(q3_county["蔚汾镇"], policy)
    book.info["filler"] = "更正后的填报人"
    corrected = write_book(book, tmp_path / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    r = xx("-w", copy_ws, "import", corrected, "--quarter", "2022Q3")
    assert r.code == 0 and "第 2 版" in r.out and "注意" not in r.out.split("完成：")[0]
    assert "注意：2022Q4 已保存了评分结果" in r.out.replace("\n", "")  # (R92) scored after the quarter corrected
    old = sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx"
    r = xx("-w", copy_ws, "import", old, "--quarter", "2022Q3")  # the old file again, by mistake
    said = r.out.replace("\n", "")
    assert r.code == 1 and "第 1 版完全相同" in said and "这是旧版本，未导入" in said and "第 3 版" not in said
    status = json.loads(xx("-w", copy_ws, "status", "-q", "2022Q3", "-f", "json").out)
    weifen = next(t for t in status["townships"] if t["township"] == "蔚汾镇")
    assert weifen["version"] == 2 and weifen.get("refused") is None  # the correction stands; no news of 蔚汾镇
    r = xx("-w", copy_ws, "import", old, "--quarter", "2022Q3", "--revert")
    said = r.out.replace("\n", "")
    assert r.code == 0 and "已改回" in said and "与第 1 版完全相同" in said and "第 3 版" in said and "替换了第 2 版" in said


def test_a_file_with_an_empty_roster_is_refused_and_the_townships_version_stays(
        xx, copy_ws, tmp_path, policy, registry, q3_county):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    before = json.loads(xx("-w", copy_ws, "status", "-q", "2022Q3", "-f", "json").out)
    sub = q3_county["蔚汾镇"]
    book = book_from_submission(sub, policy)
    for sheet in ("roster", "honours", "scores", "deductions"):  # headers only; progress and economy filled
        book.sheets[sheet] = []
    f = write_book(book, tmp_path / "蔚汾镇_2022Q3_未填完.xlsx", policy=policy, registry=registry)
    r = xx("-w", copy_ws, "import", f, "--quarter", "2022Q3")
    assert r.code == 1 and "1 处错误" in r.out and "没有任何村干部" in r.out, r
    assert "名录中的" not in r.out  # one error, not a warning per village
    after = json.loads(xx("-w", copy_ws, "status", "-q", "2022Q3", "-f", "json").out)
    weifen = next(t for t in after["townships"] if t["township"] == "蔚汾镇")
    assert weifen.pop("refused")["file"] == f.name  # noted as sent back, and nothing else changed
    next(t for t in before["townships"] if t["township"] == "蔚汾镇").pop("refused")
    assert after == before


def test_a_file_with_errors_is_refused_whole_while_good_files_load(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    good = next((sample_dir / "2022Q3").glob("魏家滩镇*.xlsx"))
    bad = next((sample_dir / "faulty").glob("蔡家会镇*身份证号错误.xlsx"))
    shutil.copy(good, inbox / good.name)
    shutil.copy(bad, inbox / bad.name)
    r = xx("-w", ws, "import", inbox, "--quarter", "2022Q3")
    assert r.code == 1
    assert "已拒收 蔡家会镇" in r.out and "已导入 魏家滩镇" in r.out
    assert "校验位" in r.out
    with _db(ws).connect() as c:
        towns = c.execute(text("select township from submission")).scalars().all()
    assert towns == ["魏家滩镇"]


def test_import_refuses_files_that_are_not_xlsx_without_traceback(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("-w", ws, "import", sample_dir / "faulty" / "某镇_2022Q3.xls", "--quarter", "2022Q3")
    assert r.code == 1 and "Traceback" not in r.out + r.err
    assert "另存为" in r.out
    assert _count(ws, "submission") == 0


def test_dry_run_validates_but_stores_nothing(xx, tmp_path, sample_dir):
    ws, inbox = tmp_path / "ws", tmp_path / "收件箱"
    xx("init", ws)
    inbox.mkdir()
    for f in sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:3]:  # a folder of good files (three do as well as 15)
        shutil.copy(f, inbox)
    r = xx("-w", ws, "import", inbox, "--quarter", "2022Q3", "--dry-run")
    assert r.code == 0 and "试运行完成（没有写入任何数据）：3 个可以导入" in r.out and "导入 3 个" not in r.out
    assert _count(ws, "submission") == 0
    refused = xx("-w", ws, "import", sample_dir / "faulty", "--quarter", "2022Q3", "--dry-run")
    assert refused.code == 1 and "试运行完成（没有写入任何数据）：0 个可以导入" in refused.out and "完成：导入" not in refused.out


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_dry_run_says_which_version_a_corrected_file_would_become(xx, tmp_path, sample_dir):
    # (review R78) the dry run said only "可以导入"; the import then said "第 2 版", replacing version 1
    import openpyxl

    ws = tmp_path / "ws"
    xx("init", ws)
    first = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    assert xx("-w", ws, "import", first, "-q", "2022Q3").code == 0
    wb = openpyxl.load_workbook(first)
    sheet = wb["六大体系评分"]
    sheet["C2"] = 88  # a score corrected
    fixed = tmp_path / first.name
    wb.save(fixed)
    dry = xx("-w", ws, "import", fixed, "-q", "2022Q3", "--dry-run").out.replace("\n", "")
    assert "导入后作为蔚汾镇 2022Q3 第 2 版，代替现在的第 1 版" in dry
    assert "蔚汾镇 2022Q3 第 2 版" in xx("-w", ws, "import", fixed, "-q", "2022Q3").out


def test_imported_originals_are_archived_under_their_hash(imported_ws):
    with _db(imported_ws).connect() as c:
        rows = c.execute(text("select sha256, archive_path from submission")).all()
    assert len(rows) == 30
    for sha, path in rows:
        data = (imported_ws / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha


def test_stored_rows_keep_their_source_sheet_and_row(imported_ws):
    with _db(imported_ws).connect() as c:
        row = c.execute(text("select src_sheet, src_row from cadre order by id limit 1")).one()
    assert row[0] in ("村干部名册", "村幹部名冊") and row[1] >= 2


def test_import_of_a_missing_path_is_a_usage_error(xx, tmp_path):
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("-w", ws, "import", tmp_path / "没有这个文件.xlsx", "--quarter", "2022Q3")
    assert r.code == 2 and "找不到" in r.err


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_status_lists_missing_townships_at_the_end(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    f = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    xx("-w", ws, "import", f, "--quarter", "2022Q3")
    r = xx("-w", ws, "status", "-q", "2022Q3")
    assert r.code == 0
    assert "已报送 1/15" in r.out
    assert r.out.strip().splitlines()[-1].startswith("未报送：魏家滩镇")


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_status_tells_a_township_whose_file_was_refused_from_one_that_sent_nothing(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    bad = next((sample_dir / "faulty").glob("康宁镇*评分错误.xlsx"))
    r = xx("-w", ws, "import", bad, sample_dir / "faulty" / "某镇_2022Q3.xls", "--quarter", "2022Q3")
    assert r.code == 1
    st = xx("-w", ws, "status", "-q", "2022Q3")
    row = next(line for line in st.out.splitlines() if "康宁镇" in line and "│" in line)
    assert "已拒收" in row and "未报送" not in row
    assert f"康宁镇：{bad.name}" in st.out and "错误 2 处" in st.out
    assert "认不出是哪个乡镇" in st.out and "某镇_2022Q3.xls" in st.out
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    kangning = next(t for t in doc["townships"] if t["township"] == "康宁镇")
    assert not kangning["submitted"] and kangning["refused"]["file"] == bad.name
    assert kangning["refused"]["errors"] == 2
    # where the file is and what is wrong first: the officer need not look for it or run validate first
    assert kangning["refused"]["path"] == str(bad.absolute()) and kangning["refused"]["first_error"].startswith("六大体系评分 › 第")
    # (review R140) and as validate's JSON gives it, field by field, for a script to filter or find the cell
    first = kangning["refused"]["first_problem"]
    said = json.loads(xx("-w", ws, "validate", bad, "-q", "2022Q3", "-f", "json").out)["files"][0]["diagnostics"]
    assert first == next(d for d in said if d["severity"] == "error") and first["sheet"] == "六大体系评分" and first["hint"]
    squeezed = "".join(st.out.split())
    assert "".join(f"文件：{bad}".split()) in squeezed and "第一处错误：六大体系评分›第" in squeezed
    assert [u["file"] for u in doc["refused_unattributed"]] == ["某镇_2022Q3.xls"]
    assert "康宁镇" in doc["missing"]  # still not submitted: scoring treats it as missing

    good = next((sample_dir / "2022Q3").glob("康宁镇*.xlsx"))
    assert xx("-w", ws, "import", good, "--quarter", "2022Q3").code == 0
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    kangning = next(t for t in doc["townships"] if t["township"] == "康宁镇")
    assert kangning["submitted"] and kangning["refused"] is None
    # a file of one township says nothing of whose the unreadable one was: still listed …
    assert [u["file"] for u in doc["refused_unattributed"]] == ["某镇_2022Q3.xls"]
    shown = xx("-w", ws, "status", "-q", "2022Q3").out
    assert "康宁镇：" not in shown and "康宁镇" not in shown.split("未报送：")[-1]
    # … until every township is in: then it was no one's missing file
    assert xx("-w", ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3").code == 0
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert doc["refused_unattributed"] == [] and not doc["missing"]


@pytest.mark.both_engines  # PostgreSQL too: refusals stored
def test_a_file_refused_in_the_run_that_imported_its_townships_good_one_is_still_said(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    bad = next((sample_dir / "faulty").glob("康宁镇*评分错误.xlsx"))  # perhaps the township's newer copy
    good = next((sample_dir / "2022Q3").glob("康宁镇*.xlsx"))
    assert xx("-w", ws, "import", good, bad, "--quarter", "2022Q3").code == 1
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    kangning = next(t for t in doc["townships"] if t["township"] == "康宁镇")
    assert kangning["submitted"] and kangning["refused"]["file"] == bad.name
    assert xx("-w", ws, "import", good, "--quarter", "2022Q3").code == 0  # the same again: unchanged
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert next(t for t in doc["townships"] if t["township"] == "康宁镇")["refused"]["file"] == bad.name


def test_a_refused_file_naming_no_township_sent_with_good_ones_is_still_listed(xx, tmp_path, sample_dir):
    import shutil

    ws = tmp_path / "ws"
    xx("init", ws)
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    shutil.copy(next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx")), inbox)
    shutil.copy(sample_dir / "faulty" / "某镇_2022Q3.xls", inbox)
    assert xx("-w", ws, "import", inbox, "--quarter", "2022Q3").code == 1
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert [u["file"] for u in doc["refused_unattributed"]] == ["某镇_2022Q3.xls"]


def test_a_refused_file_whose_contents_name_no_township_is_put_down_to_the_one_its_name_names(xx, tmp_path, sample_dir):
    import shutil

    ws = tmp_path / "ws"
    xx("init", ws)
    disguised = tmp_path / "赵家坪乡_2022Q3.xlsx"
    shutil.copy(sample_dir / "faulty" / "某镇_2022Q3.xls", disguised)  # a CSV, whatever its name says
    assert xx("-w", ws, "import", disguised, "--quarter", "2022Q3").code == 1
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    zhao = next(t for t in doc["townships"] if t["township"] == "赵家坪乡")
    assert zhao["refused"]["file"] == disguised.name and doc["refused_unattributed"] == []
    shown = xx("-w", ws, "status", "-q", "2022Q3").out
    assert "赵家坪乡" not in shown.split("未报送：")[-1].splitlines()[0]  # listed as refused, not as silent


def test_a_dry_run_refusal_is_not_recorded(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    bad = next((sample_dir / "faulty").glob("康宁镇*评分错误.xlsx"))
    assert xx("-w", ws, "import", bad, "--quarter", "2022Q3", "--dry-run").code == 1
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert all(t["refused"] is None for t in doc["townships"]) and doc["refused_unattributed"] == []


@pytest.mark.sqlite_only  # what is said and recorded: the store's refusals are plain audit rows
def test_a_folder_given_the_wrong_quarter_or_workspace_is_not_sent_back_nor_recorded_as_refused(
        xx, tmp_path, sample_dir, registry):
    # (review R142) every file of the folder was listed 退回乡镇改正, each told to change its
    # quarter to the one mistyped, and status showed fifteen refused townships ever after
    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:3]
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for f in files:
        (inbox / f.name).write_bytes(f.read_bytes())
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "import", inbox, "-q", "2023Q3")
    said = "".join(r.out.split())
    assert r.code == 1 and "请改用--quarter2022Q3导入" in said and "退回乡镇改正" not in said
    assert "不用退回乡镇的文件" in said and all(f.name in said for f in files)
    doc = json.loads(xx("-w", ws, "status", "-q", "2023Q3", "-f", "json").out)
    assert all(t["refused"] is None for t in doc["townships"]) and doc["refused_unattributed"] == []
    v = xx("-w", ws, "validate", inbox, "-q", "2023Q3", "--annotate", tmp_path / "退回")
    said = "".join(v.out.split())
    assert "这3个文件的考核季度都是2022Q3" in said and "不用退回乡镇的文件" in said and "退回乡镇改正" not in said
    # a workspace of another county: the files are said to be another county's, not sent back
    other = tmp_path / "临县.csv"
    other.write_text("乡镇,村(社区),类型,区划代码\n" + "".join(
        f"临{v.township[1:]},{v.name},{v.kind},{(v.code or '').replace('141123', '141124')}\n"
        for v in registry.villages), encoding="utf-8")
    lin = tmp_path / "临县"
    assert xx("init", lin, "--county", "临县", "--county-code", "141124", "--registry", other).code == 0
    r = xx("-w", lin, "import", inbox, "-q", "2022Q3")
    said = "".join(r.out.split())
    assert r.code == 1 and "这3个文件的乡镇都不在本工作区的名录中" in said and "-w" in said
    # (review R145: a township misspelt alike by clerks is the clerks' to mend) they still go back
    assert "不用退回乡镇的文件" not in said and "退回乡镇改正" in said
    # one file of another quarter among good ones is the township's to mend, as before
    mixed = tmp_path / "混合"
    mixed.mkdir()
    for f in (*files[:2], sorted((sample_dir / "2022Q4").glob("*.xlsx"))[2]):
        (mixed / f.name).write_bytes(f.read_bytes())
    r = xx("-w", ws, "import", mixed, "-q", "2022Q3")
    assert r.code == 1 and "退回乡镇改正" in "".join(r.out.split()) and "不用退回乡镇的文件" not in "".join(r.out.split())


@pytest.mark.sqlite_only  # what is said: the store plays no part
@pytest.mark.parametrize("slip", ["township", "quarter", "quarter-in-words", "one-township", "no-quarter-named"])
def test_files_whose_names_point_to_the_clerks_slip_are_sent_back_though_every_file_of_the_run_has_it(
        xx, tmp_path, policy, registry, q3_county, slip):
    # (review R143) two clerks writing 蔚汾乡 for 蔚汾镇, or two 2022Q4 files reusing 2022Q3's
    # 基本信息, were said to be the officer's slip: not to send back, and not recorded as refused
    from xingxian_cli.sample.generator import book_from_submission, write_book

    # (review R145) nor 2022年第四季度 in the name, nor two files of one township; nor files named
    # for no quarter (self-review: last quarter's workbook sent again)
    inbox = tmp_path / "收件箱"
    named = {"township": "{t}_2022Q3.xlsx", "quarter": "{t}_2022Q4.xlsx", "quarter-in-words": "{t}_2022年第四季度.xlsx",
             "one-township": "蔚汾镇{k}.xlsx", "no-quarter-named": "{t}.xlsx"}[slip]
    for k, town in enumerate(("蔚汾镇", "康宁镇")):
        book = book_from_submission(q3_county["蔚汾镇" if slip == "one-township" else town], policy)
        if slip == "township":
            book.info["township"] = town[:-1] + "乡"
        write_book(book, inbox / named.format(t=town, k=k), policy=policy, registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    quarter = "2022Q3" if slip == "township" else "2022Q4"
    r = xx("-w", ws, "import", inbox, "-q", quarter)
    said = "".join(r.out.split())
    assert r.code == 1 and "不用退回乡镇的文件" not in said, r
    assert "被拒收的文件（退回乡镇改正）" in said, r
    doc = json.loads(xx("-w", ws, "status", "-q", quarter, "-f", "json").out)
    assert {t["township"] for t in doc["townships"] if t["refused"]} == (
        {"蔚汾镇"} if slip == "one-township" else {"蔚汾镇", "康宁镇"})


@pytest.mark.sqlite_only  # what is said: the store plays no part
def test_files_named_for_their_quarter_by_its_months_are_the_officers_slip_not_sent_back(
        xx, tmp_path, policy, registry, q3_county):
    # (review R146) 2022年7-9月 in the name was not read as naming the quarter: the officer's wrong
    # --quarter sent both files back to their townships
    from xingxian_cli.domain.intake import quarters_named
    from xingxian_cli.sample.generator import book_from_submission, write_book

    assert [str(q) for q in quarters_named("东会乡2022年10月至12月.xlsx")] == ["2022Q4"]
    assert quarters_named("东会乡2022-07-09.xlsx") == [] and quarters_named("东会乡2022年1-6月.xlsx") == []
    inbox = tmp_path / "收件箱"
    for town in ("蔚汾镇", "康宁镇"):
        write_book(book_from_submission(q3_county[town], policy), inbox / f"{town}2022年7-9月报送表.xlsx",
                   policy=policy, registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    said = "".join(xx("-w", ws, "import", inbox, "-q", "2022Q4").out.split())
    assert "请改用--quarter2022Q3导入" in said and "不用退回乡镇的文件" in said and "退回乡镇改正" not in said


def test_two_concurrent_imports_of_different_townships_both_land(tmp_path, sample_dir):
    import subprocess
    import sys

    from xingxian_cli.cli.app import main

    ws = tmp_path / "ws"
    assert main(["init", str(ws)]) == 0
    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:2]
    procs = [
        subprocess.Popen([sys.executable, "-m", "xingxian_cli", "-w", str(ws), "import", str(f), "--quarter", "2022Q3"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for f in files
    ]
    codes = [p.wait(timeout=60) for p in procs]
    assert codes == [0, 0], [p.stderr.read().decode() for p in procs]
    assert _count(ws, "submission") == 2


def test_two_concurrent_imports_of_the_same_township_leave_one_current_version(
        tmp_path, sample_dir, policy, registry, q3_county):
    import subprocess
    import sys

    from xingxian_cli.cli.app import main
    from xingxian_cli.sample.generator import book_from_submission, write_book

    ws = tmp_path / "ws"
    assert main(["init", str(ws)]) == 0
    sub = q3_county["瓦塘镇"]
    paths = []
    for i in range(2):
        book = book_from_submission(sub, policy)
        book.info["filler"] = f"填报人{i}"
        paths.append(write_book(book, tmp_path / f"瓦塘镇_2022Q3_{i}.xlsx", policy=policy, registry=registry))
    procs = [
        subprocess.Popen([sys.executable, "-m", "xingxian_cli", "-w", str(ws), "import", str(p), "--quarter", "2022Q3"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for p in paths
    ]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    with _db(ws).connect() as c:
        rows = c.execute(text("select version, is_current from submission order by version")).all()
        n_cadres = c.execute(text("select count(*) from cadre")).scalar()
    assert [v for v, _ in rows] == [1, 2]
    assert [bool(cur) for _, cur in rows] == [False, True]
    assert n_cadres == 2 * len(sub.cadres)


@pytest.mark.sqlite_only
def test_an_import_that_waits_too_long_for_another_commands_write_says_so_and_stores_nothing(
        xx, tmp_path, sample_dir, monkeypatch):
    import sqlite3

    from xingxian_cli.io import store

    ws = tmp_path / "ws"
    xx("init", ws)
    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:2]  # two townships' files: none stored, then both
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 1)
    other = sqlite3.connect(ws / "xx.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another command's import, still running
    try:
        r = xx("-w", ws, "import", *files, "--quarter", "2022Q3")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert r.code == 2
    assert "正被另一个命令占用" in r.out + r.err and "Traceback" not in r.out + r.err
    assert "等它完成后继续" in r.err  # (review R47) said before the wait, not after a silent minute
    assert _count(ws, "submission") == 0
    assert xx("-w", ws, "import", *files, "--quarter", "2022Q3").code == 0


@pytest.mark.both_engines  # PostgreSQL too: the server's locks
def test_an_import_behind_a_colleagues_unfinished_import_on_the_server_gives_up_and_says_so(
        xx, tmp_path, sample_dir, monkeypatch, db_backend, ws_engine):
    if db_backend != "postgresql":
        pytest.skip("the server's lock between two officers of a county (SQLite: the test above)")
    from xingxian_cli.io import store

    ws = tmp_path / "ws"
    xx("init", ws)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 1)
    with ws_engine(ws).connect() as other:  # a colleague's import of the county, still running
        other.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": store._lock_key("xx-import", "141123")})
        r = xx("-w", ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3")
        other.rollback()
        stored = other.execute(text("select count(*) from submission")).scalar()
    assert r.code == 2
    assert "正被另一个命令占用" in r.out + r.err and "Traceback" not in r.out + r.err
    assert "等它完成后继续" in r.err  # (review R47) said before the wait, not after a silent minute
    assert stored == 0
    assert xx("-w", ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3").code == 0


def test_a_lock_error_from_the_database_driver_itself_is_reported_as_busy_not_as_an_internal_error(capsys):
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    from xingxian_cli.cli.errors import handle

    raw = sqlite3.OperationalError("database is locked")  # bulk inserts and fact reads use the driver's cursor
    for exc in (raw, DBAPIError.instance("SELECT 1", [], raw, sqlite3.Error)):
        assert handle(exc) == 2
        assert "正被另一个命令占用" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux file systems take names that are not valid text")
def test_files_whose_names_are_not_valid_text_on_disk_import_under_distinct_readable_names(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for township in ("魏家滩镇", "蔚汾镇"):  # saved by a GBK system
        good = next((sample_dir / "2022Q3").glob(f"{township}*.xlsx"))
        (inbox / os.fsdecode(f"{township}.xlsx".encode("gbk"))).write_bytes(good.read_bytes())
    r = xx("-w", ws, "import", inbox, "--quarter", "2022Q3")
    assert r.code == 0 and "导入 2 个" in r.out, r.err
    st = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    files = {t["township"]: t["file"] for t in st["townships"] if t["file"]}
    # each byte that is not UTF-8 written as \xNN: the two names stay two, and readable as what they were
    assert files == {t: t.encode("gbk").decode("utf-8", "backslashreplace") + ".xlsx" for t in ("魏家滩镇", "蔚汾镇")}
    assert all("\\x" in f for f in files.values())


@pytest.mark.both_engines  # PostgreSQL too: a transaction cut off
def test_an_import_ended_by_the_task_manager_leaves_nothing_and_says_so(xx, tmp_path, sample_dir, monkeypatch):
    # SIGTERM (kill, a task manager, the terminal closed) ends it as Ctrl-C does: the
    # originals archived so far (residents' IDs) are removed, the database keeps nothing
    import signal

    from xingxian_cli.services import importing

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    archive = importing._archive
    before = signal.getsignal(signal.SIGTERM)

    def archive_then_killed(*args, **kwargs):
        rel = archive(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        return rel

    monkeypatch.setattr(importing, "_archive", archive_then_killed)
    monkeypatch.setenv("XX_WORKERS", "0")
    r = xx("-w", ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3")
    assert r.code == 130 and "已中断" in r.err
    assert not [p for p in (ws / "archive").rglob("*") if p.is_file()]
    monkeypatch.setattr(importing, "_archive", archive)
    assert json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)["submitted"] == 0
    assert signal.getsignal(signal.SIGTERM) == before  # the caller's handler is back


def test_verify_names_archived_originals_no_submission_refers_to(xx, copy_ws):
    stray = copy_ws / "archive" / "ab" / ("ab" + "0" * 62 + ".xlsx")
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"left by an import killed outright")
    r = xx("-w", copy_ws, "verify")
    assert r.code == 0 and "1 个文件没有任何报送引用" in r.out and stray.name in r.out


def test_a_second_workspace_of_a_county_with_data_cannot_replace_its_registry(xx, tmp_path, q3_paid):
    # two officers' workspaces on one shared database (a SQLite file, or the server): the second
    # one's xx init --registry would have hidden every township the first had imported
    first = q3_paid  # the county's 2022Q3 imported
    other = tmp_path / "名录.csv"
    other.write_text("乡镇,村(社区),类型\n某某乡,某某村,村\n", encoding="utf-8")
    from xingxian_cli.io.workspace import Workspace, read_config

    url = Workspace(first, read_config(first)).database_url  # its SQLite file, or the run's server
    r = xx("init", tmp_path / "second", "--db", url, "--registry", other)
    assert r.code in (1, 2) and "蔚汾镇" in r.err + r.out, r
    assert json.loads(xx("-w", first, "status", "-q", "2022Q3", "-f", "json").out)["submitted"] == 15


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_folder_imported_under_the_wrong_quarter_is_told_once_which_quarter_it_is(xx, tmp_path, sample_dir):
    ws, inbox = tmp_path / "ws", tmp_path / "收件箱"
    assert xx("init", ws).code == 0
    inbox.mkdir()
    for f in sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:3]:  # three files: told once, not three times
        shutil.copy(f, inbox)
    for dry in (("--dry-run",), ()):
        r = xx("-w", ws, "import", inbox, "-q", "2022Q4", *dry)
        said = r.out.replace("\n", "")
        assert r.code == 1 and "有 3 个文件的考核季度是 2022Q3，不是这次给的 --quarter 2022Q4" in said, dry
        assert "请改用 --quarter 2022Q3 导入" in said


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_next_quarters_file_come_early_is_no_refusal_of_this_quarter_once_imported_as_its_own(xx, tmp_path, sample_dir):
    # (review R64) 东会乡_2022Q4.xlsx in the 2022Q3 inbox: after it went in as 2022Q4, every import of
    # the inbox refused it again (exit 1) and xx status listed 东会乡 as refused for 2022Q3
    import json
    import shutil

    ws, inbox = tmp_path / "ws", tmp_path / "收件箱"
    assert xx("init", ws).code == 0
    inbox.mkdir()
    for f in sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:3]:
        shutil.copy(f, inbox)
    early = shutil.copy(next((sample_dir / "2022Q4").glob("东会乡*.xlsx")), inbox)
    first = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    assert first.code == 1 and "考核季度" in first.out  # not yet known as 2022Q4's: refused, said why
    assert xx("-w", ws, "import", early, "-q", "2022Q4").code == 0
    again = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    said = again.out.replace("\n", "")
    assert again.code == 0 and "已作为 2022Q4 第 1 版导入" in said and "拒收 0 个" in said
    status = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert not [t for t in status["townships"] if t.get("refused")]




def _import_a_correction_of_kangning_2022q3(  # type: ignore[no-untyped-def]
        xx, ws, tmp_path, county, policy, registry) -> None:
    """康宁镇's 2022Q3 return (from ``county``) sent again with one score changed, imported as version 2."""
    from xingxian_cli.sample.generator import book_from_submission, write_book

    book = book_from_submission(county["康宁镇"], policy)
    book.sheets["scores"][0][2] = 61
    fixed = write_book(book, tmp_path / "康宁镇_2022Q3.xlsx", policy=policy, registry=registry)
    assert xx("-w", ws, "import", fixed, "-q", "2022Q3").code == 0


def test_status_says_when_a_correction_was_imported_after_the_results_were_stored(
        xx, copy_ws, tmp_path, policy, registry, q3_county):
    # (review R116) the import said so, status never: an officer checking the next day could not
    # tell that the report already handed out was superseded
    assert "其后没有再导入报送" in xx("-w", copy_ws, "status", "-q", "2022Q4").out
    _import_a_correction_of_kangning_2022q3(xx, copy_ws, tmp_path, q3_county, policy, registry)
    for q in ("2022Q3", "2022Q4"):  # the quarter corrected, and the next one (its history)
        said = xx("-w", copy_ws, "status", "-q", q).out.replace("\n", "")
        assert "保存之后又导入了 康宁镇 2022Q3 第 2 版" in said, said
    doc = json.loads(xx("-w", copy_ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert [(m["township"], m["version"]) for m in doc["stored"]["imported_since"]] == [("康宁镇", 2)]
    assert xx("-w", copy_ws, "score", "-q", "2022Q3").code == 0
    assert "其后没有再导入报送" in xx("-w", copy_ws, "status", "-q", "2022Q3").out


@pytest.mark.sqlite_only  # reads the SQLite file: sets the stored run's time to the second of an import
def test_status_tells_a_correction_from_the_scored_versions_when_both_fall_in_the_results_second(
        xx, copy_ws, tmp_path, policy, registry, q3_county):
    # (CI, round 34) times are kept to the second: a correction imported in the second the
    # results were stored was not listed, and status said nothing had come in since
    import sqlite3

    def stored_at_last_import() -> None:  # the results stored in the second of the last import
        con = sqlite3.connect(copy_ws / "xx.sqlite3", isolation_level=None)
        latest = con.execute("SELECT max(imported_at) FROM submission").fetchone()[0]
        con.execute("UPDATE score_run SET created_at = ? WHERE quarter = '2022Q4'", (latest,))
        con.close()

    stored_at_last_import()  # the versions it was scored from: nothing came in since
    assert "其后没有再导入报送" in xx("-w", copy_ws, "status", "-q", "2022Q4").out
    _import_a_correction_of_kangning_2022q3(xx, copy_ws, tmp_path, q3_county, policy, registry)
    stored_at_last_import()  # a correction of the quarter its changes follow from, in that second
    said = xx("-w", copy_ws, "status", "-q", "2022Q4").out.replace("\n", "")
    assert "保存之后又导入了 康宁镇 2022Q3 第 2 版" in said, said


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines elsewhere (CI time)
def test_a_file_named_for_next_quarter_does_not_replace_this_quarters_imported_version(
        xx, copy_ws, tmp_path, policy, registry, q3_county):
    # (review R116) next quarter's return with this quarter's 考核季度 left on was taken as a
    # correction of the scored quarter (39 cadres paid again by next quarter's data), the file
    # name's quarter one of "3 more warnings"
    from xingxian_cli.sample.generator import book_from_submission, write_book

    county = q3_county
    book = book_from_submission(county["康宁镇"], policy)
    book.sheets["scores"][0][2] = 61
    named = write_book(book, tmp_path / "康宁镇_2022Q4.xlsx", policy=policy, registry=registry)
    r = xx("-w", copy_ws, "import", named, "-q", "2022Q3")
    assert r.code == 1 and "拒收 1 个" in r.out
    doc = json.loads(xx("-w", copy_ws, "validate", named, "-q", "2022Q3", "-f", "json").out)
    (d,) = [d for d in doc["files"][0]["diagnostics"] if d["severity"] == "error"]
    assert d["code"] == "file-named-later-replaces" and d["sheet"] == "基本信息"
    assert (d["row"], d["column"], d["value"]) == (2, "B", "2022Q3")  # at its 考核季度 (review R117)
    assert "文件名写的是 2022Q4，基本信息中的考核季度是 2022Q3：导入会替换已导入的康宁镇 2022Q3 报送" in d["message"]
    assert "请把文件名改为 康宁镇_2022Q3.xlsx" in d["hint"]
    assert "file-quarter-mismatch" not in {d["code"] for d in doc["files"][0]["diagnostics"]}  # one word at the cell
    # (review R131) a file refused for another fault too is told of both in one round
    book.sheets["scores"][1][2] = 161
    worse = write_book(book, tmp_path / "再改" / "康宁镇_2022Q4.xlsx", policy=policy, registry=registry)
    doc = json.loads(xx("-w", copy_ws, "validate", worse, "-f", "json").out)
    assert {d["code"] for d in doc["files"][0]["diagnostics"] if d["severity"] == "error"} == {
        "file-named-later-replaces", "score-out-of-range"}, doc
    # a correction named as one is taken
    fixed = shutil.copy(named, tmp_path / "康宁镇_2022Q3_更正.xlsx")
    assert xx("-w", copy_ws, "import", fixed, "-q", "2022Q3").code == 0


@pytest.mark.sqlite_only  # what is said of stored refusals: the store's queries are those of every import
def test_a_file_refused_again_is_said_to_be_refused_before_and_status_keeps_when_it_was_first(
        xx, tmp_path, policy, registry, q3_county, ws_engine):
    # (round 22) the inbox imported again with the township's bad file still in it: it was
    # told as a new refusal, and xx status moved the refusal's time to the latest import
    from xingxian_cli.sample.generator import book_from_submission, write_book

    county = q3_county

    def bad_file(name, score):
        book = book_from_submission(county["康宁镇"], policy)
        book.sheets["scores"][0][2] = score
        return write_book(book, tmp_path / name, policy=policy, registry=registry)

    bad = bad_file("康宁镇_2022Q3.xlsx", 105)
    ws = tmp_path / "ws"
    xx("init", ws)
    assert xx("-w", ws, "import", bad, "--quarter", "2022Q3").code == 1
    with ws_engine(ws).begin() as c:  # the first refusal a day earlier
        c.execute(text("update audit_log set at = '2022-10-08T09:30:00' where action = 'import-refused'"))
    for args in (("--dry-run",), ()):
        again = xx("-w", ws, "import", bad, "--quarter", "2022Q3", *args)
        said = again.out.replace("\n", "")
        assert again.code == 1 and "这个文件 2022-10-08 09:30:00 已经拒收过一次" in said, said
    row = next(line for line in xx("-w", ws, "status", "-q", "2022Q3").out.splitlines() if "康宁镇" in line)
    assert "2022-10-08" in row and "已拒收" in row
    # another bad file of the township is news: said as a refusal, at its own time
    worse = xx("-w", ws, "import", bad_file("康宁镇_2022Q3_改.xlsx", 106), "--quarter", "2022Q3")
    assert worse.code == 1 and "已经拒收过一次" not in worse.out
    row = next(line for line in xx("-w", ws, "status", "-q", "2022Q3").out.splitlines() if "康宁镇" in line)
    assert "2022-10-08" not in row and "已拒收" in row

@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
def test_validate_says_last_quarters_file_sent_again_is_already_imported_not_one_to_send_back(xx, tmp_path, sample_dir):
    # (review R78) import skips such a file ("已作为 2022Q3 第 1 版导入"), but validate called it an
    # error to return to the township with an annotated copy
    import json
    import shutil

    ws, inbox = tmp_path / "ws", tmp_path / "收件箱"
    assert xx("init", ws).code == 0
    old = next((sample_dir / "2022Q3").glob("瓦塘镇*.xlsx"))
    assert xx("-w", ws, "import", old, "-q", "2022Q3").code == 0
    inbox.mkdir()
    shutil.copy(old, inbox)
    shutil.copy(next((sample_dir / "2022Q4").glob("东会乡*.xlsx")), inbox)
    r = xx("-w", ws, "validate", inbox, "-q", "2022Q4", "-f", "json")
    files = {f["file"]: f for f in json.loads(r.out)["files"]}
    (d,) = [d for d in files[old.name]["diagnostics"] if d["severity"] == "error"]
    assert d["code"] == "quarter-file-imported" and files[old.name]["skipped"]
    assert r.code == 0  # (review R91) nothing import refuses: it passes the file over
    assert "与已导入的瓦塘镇 2022Q3 第 1 版完全相同" in d["message"] and "不用退回乡镇" in d["hint"]
    # (R81) its annotated copy is not one to send back
    told = xx("-w", ws, "validate", inbox / old.name, "-q", "2022Q4", "--annotate", tmp_path / "标注").out.replace("\n", "")
    assert "不用退回乡镇" in told and "退回乡镇改正" not in told
    # a file of 2022Q3 not imported is still the plain mismatch, its hint as before
    other = shutil.copy(next((sample_dir / "2022Q3").glob("东会乡*.xlsx")), tmp_path / "东会乡_2022Q3.xlsx")
    plain = json.loads(xx("-w", ws, "validate", other, "-q", "2022Q4", "-f", "json").out)["files"][0]
    assert [d["code"] for d in plain["diagnostics"] if d["severity"] == "error"] == ["quarter-mismatch"]


def _rescore(path):
    """Change one score of a workbook in place (another version of the township's file)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = next(s for s in wb.worksheets if s["C1"].value == "党建引领")
    ws["C2"].value = 91 if ws["C2"].value != 91 else 92
    wb.save(path)


@pytest.mark.sqlite_only  # what is shown: the database engine plays no part (CI time)
def test_a_folders_import_and_check_name_the_files_to_send_back_after_their_summary(xx, tmp_path, sample_dir):
    # (review R106) a prefecture's 150 files bury the few refused among hundreds of lines
    import shutil

    ws, inbox = tmp_path / "ws", tmp_path / "收件"
    inbox.mkdir()
    for f in [*sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:2], next((sample_dir / "faulty").glob("康宁镇*评分*.xlsx"))]:
        shutil.copy(f, inbox / f.name)
    assert xx("init", ws).code == 0
    bad = next(inbox.glob("康宁镇*")).name
    said = xx("-w", ws, "validate", inbox, "-q", "2022Q3").out.replace("\n", "")
    assert said.endswith(f"有错误的文件（退回乡镇改正）：{bad}"), said[-300:]
    first = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    tail = first.out.replace("\n", "").split("完成：", 1)[1]
    assert first.code == 1 and f"被拒收的文件（退回乡镇改正）：{bad}" in tail, tail
    again = xx("-w", ws, "import", inbox, "-q", "2022Q3").out  # nothing new: no warning hint per unchanged file
    assert again.count("另有") == 1 and "未变化 2 个" in again and f"被拒收的文件（退回乡镇改正）：{bad}" in again, again
    # (review R110) two files of one township, each fine: the officer's to choose, not to send back
    first_good = sorted(inbox.glob("*.xlsx"))[0]
    second = inbox / (first_good.stem + "_改.xlsx")
    shutil.copy(first_good, second)
    _rescore(second)
    said = xx("-w", ws, "validate", inbox, "-q", "2022Q3").out.replace("\n", "")
    assert said.endswith(f"有错误的文件（退回乡镇改正）：{bad}同一乡镇的多份文件（选定一份、把其余的移出后再检查，不用退回乡镇）："
                         f"{second.name}"), said[-300:]  # (the other is the current version)
    tail = xx("-w", ws, "import", inbox, "-q", "2022Q3").out.replace("\n", "").split("完成：", 1)[1]
    assert f"（退回乡镇改正）：{bad}同一乡镇的多份文件，都没有导入" in tail, tail
    assert xx("init", tmp_path / "ws2").code == 0  # neither imported before: both named
    said = xx("-w", tmp_path / "ws2", "validate", first_good, second, inbox / bad, "--annotate", tmp_path / "退回"
              ).out.replace("\n", "")
    assert f"多份文件（选定一份、把其余的移出后再检查，不用退回乡镇）：{first_good.name}、{second.name}" in said, said[-300:]
    # (review R129) nor does either file's own line say to send its marked copy back
    assert said.count("（有错误，退回乡镇改正）") == 1 and said.count("同一乡镇的多份文件之一") == 2, said
    for name in (first_good.name, second.name):  # nor the marked files themselves
        verdict = openpyxl.load_workbook(tmp_path / "退回" / name.replace(".xlsx", "_校验结果.xlsx"))["校验结果"]["A1"].value
        assert "由考核办选定导入哪一份；不用为此修改本文件" in verdict and "不能导入" not in verdict, verdict
    # (review R129) nor does xx status call the township's work refused: the two are to choose between
    assert xx("-w", tmp_path / "ws2", "import", first_good, second, "-q", "2022Q3").code == 1
    said = xx("-w", tmp_path / "ws2", "status", "-q", "2022Q3").out
    township = first_good.name.split("_")[0]
    row = next(line for line in said.splitlines() if line.startswith(f"│ {township}"))
    assert "多份待选定" in row and "已拒收" not in row, row
    flat = said.replace("\n", "")
    assert "送来多份文件、都没有导入的乡镇（由考核办选定一份" in flat and "送来的文件被拒收" not in flat, flat
    assert f"{township}：{first_good.name}、{second.name}" in flat, flat
    (t,) = [t for t in json.loads(xx("-w", tmp_path / "ws2", "status", "-q", "2022Q3", "-f", "json").out)["townships"]
            if t["township"] == township]
    assert t["choose_between"] == [first_good.name, second.name] and not t["submitted"], t
    second.unlink()
    # 13 townships tied at the bottom: ten rows of the summary's table, the rest counted (R106)
    summary = xx("-w", ws, "report", "-q", "2022Q3", "-o", tmp_path / "r.xlsx").out
    assert "完成率前 15 名乡镇" in summary and "另有 5 个并列第 3 名的乡镇未列出" in summary, summary
    assert summary.split("完成率前 15 名乡镇")[1].split("另有 5 个")[0].count("│    3 │") == 8, summary


@pytest.mark.sqlite_only  # what is shown: the database engine plays no part (CI time)
def test_a_refused_original_beside_its_townships_imported_fixed_copy_is_not_listed_to_send_back(xx, tmp_path, sample_dir):
    # (review R124) the clerk's fixed copy saved into the inbox beside the original: the copy went
    # in, yet the original was listed under "被拒收的文件（退回乡镇改正）"
    import shutil

    ws, inbox = tmp_path / "ws", tmp_path / "收件"
    inbox.mkdir()
    good = Path(shutil.copy(next((sample_dir / "2022Q3").glob("康宁镇*.xlsx")), inbox / "康宁镇_2022Q3_校验结果.xlsx"))
    bad = Path(shutil.copy(next((sample_dir / "faulty").glob("康宁镇*评分*.xlsx")), inbox / "康宁镇_2022Q3.xlsx"))
    other = Path(shutil.copy(next((sample_dir / "faulty").glob("蔡家会镇*.xlsx")), inbox))
    assert xx("init", ws).code == 0
    checked = xx("-w", ws, "validate", inbox, "-q", "2022Q3").out.replace("\n", "")
    assert f"有错误的文件（退回乡镇改正）：{other.name}有错误、但同一乡镇另有一个文件通过检查的" in checked, checked[-400:]
    assert checked.endswith(f"{bad.name}（另见 {good.name}）"), checked[-400:]
    run = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    tail = run.out.replace("\n", "").split("完成：", 1)[1]
    assert run.code == 1 and "导入 1 个" in tail and f"（退回乡镇改正）：{other.name}被拒收、但同一乡镇本次已有另一个文件导入" in tail, tail
    assert tail.endswith(f"{bad.name}（另见 {good.name}）"), tail


def test_a_long_bottom_table_keeps_the_last_places_and_counts_those_tied_above_them():
    # (review R108) 50 townships tied at 9th over two last at 59th: cutting the bottom table's
    # first ten rows hid the real last places from the leaders
    from types import SimpleNamespace

    from xingxian_cli.cli.render import tied_cut

    ranks = [9] * 50 + [59, 59]
    rows = [SimpleNamespace(rank=r, township=f"镇{i}") for i, r in enumerate(ranks)]
    shown, more, tied = tied_cut(rows, top=False)
    assert [r.rank for r in shown] == [9] * 8 + [59, 59] and (more, tied) == (42, 9)
    top = [SimpleNamespace(rank=r) for r in [1, 2] + [3] * 13]
    shown, more, tied = tied_cut(top, top=True)
    assert [r.rank for r in shown] == [1, 2] + [3] * 8 and (more, tied) == (5, 3)
    assert tied_cut(rows[:10], top=False) == (rows[:10], 0, 0)


def test_a_list_of_names_in_a_message_gives_the_first_twenty_then_the_count():
    from xingxian_cli.cli.render import listed

    assert listed(["甲", "乙"]) == "甲、乙"
    names = [f"乡镇{i}" for i in range(150)]
    assert listed(names) == "、".join(names[:20]) + " 等 150 个"


@pytest.mark.sqlite_only  # what is shown: the database engine plays no part (CI time)
def test_each_file_with_errors_is_listed_once_by_what_becomes_of_it_its_township_taken_quarter_by_quarter(
        xx, tmp_path, sample_dir):
    # (review R132) a good 2022Q4 file let off the township's bad 2022Q3 return in a run without -q;
    # an old version re-sent was "退回乡镇改正" in the summary; with two good files and a bad one of
    # a township, status showed one side or the other by the files' names
    ws, inbox = tmp_path / "ws", tmp_path / "收件"
    inbox.mkdir()
    assert xx("init", ws).code == 0
    bad = Path(shutil.copy(sample_dir / "faulty" / "康宁镇_2022Q3_评分错误.xlsx", inbox))
    shutil.copy(sample_dir / "2022Q4" / "康宁镇_2022Q4.xlsx", inbox)
    said = xx("-w", ws, "validate", inbox).out.replace("\n", "")
    assert said.endswith(f"有错误的文件（退回乡镇改正）：{bad.name}") or f"（退回乡镇改正）：{bad.name}" in said, said[-300:]
    assert "另见 康宁镇_2022Q4.xlsx" not in said, said[-300:]
    # an old version sent again beside a file to send back: listed apart, as its own line says
    v1 = shutil.copy(sample_dir / "2022Q3" / "瓦塘镇_2022Q3.xlsx", tmp_path / "瓦塘镇_2022Q3.xlsx")
    assert xx("-w", ws, "import", v1, "-q", "2022Q3").code == 0
    (tmp_path / "v2").mkdir()
    v2 = Path(shutil.copy(v1, tmp_path / "v2" / "瓦塘镇_2022Q3.xlsx"))
    _rescore(v2)
    assert xx("-w", ws, "import", v2, "-q", "2022Q3").code == 0
    (inbox / "康宁镇_2022Q4.xlsx").unlink()
    shutil.copy(v1, inbox)
    for args in (("validate",), ("import",)):
        tail = xx("-w", ws, *args, inbox, "-q", "2022Q3").out.replace("\n", "").rsplit("个", 1)[-1]
        assert f"（退回乡镇改正）：{bad.name}" in tail and "旧版本或重复的副本（不用退回乡镇，请从收件箱移出）：瓦塘镇_2022Q3.xlsx" in tail, tail
    # two good files and a bad one of a township: each told, whatever their names
    for n, bad_name in enumerate(("蔚汾镇_2022Q3_v1.xlsx", "蔚汾镇_2022Q3_v3.xlsx")):
        folder, w = tmp_path / f"三份{n}", tmp_path / f"ws{n}"
        folder.mkdir()
        assert xx("init", w).code == 0
        names = [n2 for n2 in ("蔚汾镇_2022Q3.xlsx", "蔚汾镇_2022Q3_v2.xlsx", "蔚汾镇_2022Q3_v1.xlsx",
                               "蔚汾镇_2022Q3_v3.xlsx") if n2 == bad_name or "_v" not in n2 or n2.endswith("v2.xlsx")]
        for name in names:
            shutil.copy(sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", folder / name)
        _rescore(folder / "蔚汾镇_2022Q3_v2.xlsx")
        wb = openpyxl.load_workbook(folder / bad_name)
        next(s for s in wb.worksheets if s["C1"].value == "党建引领")["C2"].value = 105
        wb.save(folder / bad_name)
        checked = xx("-w", w, "validate", folder, "-q", "2022Q3").out.replace("\n", "")
        # the bad one beside the two good ones is most likely the stale original (as beside one good file)
        assert f"{bad_name}（另见 蔚汾镇_2022Q3" in checked and "（退回乡镇改正）：" not in checked, checked[-500:]
        # (review R134) the good ones wait for the officer's choice: neither "passed" nor "imported"
        assert "另有几份没有错误而待选定的文件的" in checked and "通过检查的" not in checked, checked[-500:]
        imported = xx("-w", w, "import", folder, "-q", "2022Q3")
        assert imported.code == 1 and "另有几份没有错误而待选定的文件的" in imported.out.replace("\n", "")
        assert "本次已有另一个文件导入" not in imported.out.replace("\n", "")
        status = xx("-w", w, "status", "-q", "2022Q3").out
        flat = status.replace("\n", "")
        row = next(line for line in status.splitlines() if line.startswith("│ 蔚汾镇"))
        assert "已拒收" in row and bad_name in row, row
        assert "送来多份文件、都没有导入的乡镇" in flat and "蔚汾镇：蔚汾镇_2022Q3.xlsx、蔚汾镇_2022Q3_v2.xlsx" in flat, flat
        (t,) = [t for t in json.loads(xx("-w", w, "status", "-q", "2022Q3", "-f", "json").out)["townships"]
                if t["township"] == "蔚汾镇"]
        assert t["refused"]["file"] == bad_name and t["choose_between"] == ["蔚汾镇_2022Q3.xlsx", "蔚汾镇_2022Q3_v2.xlsx"]


@pytest.mark.sqlite_only  # what is said: the database engine plays no part (CI time)
def test_a_file_whose_basic_info_was_copied_from_a_neighbour_is_sent_back_not_taken_for_the_neighbours_original(
        xx, tmp_path, sample_dir):
    # (review R135) 高家村镇's only file, its 基本信息 pasted from 罗峪口镇's, was "多半是改正前的原件，不必退回"
    # beside 罗峪口镇's good file
    inbox = tmp_path / "收件"
    inbox.mkdir()
    shutil.copy(sample_dir / "2022Q3" / "罗峪口镇_2022Q3.xlsx", inbox)
    wb = openpyxl.load_workbook(sample_dir / "2022Q3" / "高家村镇_2022Q3.xlsx")
    wb["基本信息"]["B4"] = "罗峪口镇"
    wb.save(inbox / "高家村镇_2022Q3.xlsx")
    assert xx("init", tmp_path / "ws").code == 0
    for args in (("validate", inbox, "-q", "2022Q3"), ("import", inbox, "-q", "2022Q3")):
        said = xx("-w", tmp_path / "ws", *args).out.replace("\n", "")
        assert "（退回乡镇改正）：高家村镇_2022Q3.xlsx" in said and "另见 罗峪口镇_2022Q3.xlsx" not in said, said[-400:]
