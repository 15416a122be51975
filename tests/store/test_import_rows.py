"""What ``xx import`` leaves in the store, checked on the rows themselves, on either engine."""

from __future__ import annotations

import shutil

from sqlalchemy import text


def _rows(engine, sql):
    with engine.connect() as c:
        return c.execute(text(sql)).all()


def test_a_refused_file_or_a_dry_run_leaves_no_row_while_good_files_land(xx, make_ws, sample_dir, tmp_path, ws_engine):
    ws = make_ws()
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    good = next((sample_dir / "2022Q3").glob("魏家滩镇*.xlsx"))
    bad = next((sample_dir / "faulty").glob("蔡家会镇*身份证号错误.xlsx"))
    for f in (good, bad):
        shutil.copy(f, inbox / f.name)
    assert xx("-w", ws, "import", inbox, "--quarter", "2022Q3", "--dry-run").code == 1
    db = ws_engine(ws)
    assert _rows(db, "SELECT count(*) FROM submission") == [(0,)]
    r = xx("-w", ws, "import", inbox, "--quarter", "2022Q3")
    assert r.code == 1 and "已拒收 蔡家会镇" in r.out and "已导入 魏家滩镇" in r.out
    assert _rows(db, "SELECT township FROM submission") == [("魏家滩镇",)]
    orphans = _rows(db, "SELECT count(*) FROM cadre c LEFT JOIN submission s ON s.id = c.submission_id "
                        "WHERE s.township IS NULL OR s.township <> '魏家滩镇'")
    assert orphans == [(0,)]


def test_reimporting_the_same_file_changes_nothing_and_rows_keep_their_source_cell(xx, make_ws, sample_dir, ws_engine):
    ws = make_ws()
    f = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    assert xx("-w", ws, "import", f, "--quarter", "2022Q3").code == 0
    db = ws_engine(ws)
    before = _rows(db, "SELECT count(*) FROM cadre")
    r = xx("-w", ws, "import", f, "--quarter", "2022Q3")
    assert r.code == 0 and "完全相同" in r.out
    assert _rows(db, "SELECT count(*) FROM cadre") == before
    assert _rows(db, "SELECT version, is_current FROM submission") in ([(1, True)], [(1, 1)])
    sheet, row = _rows(db, "SELECT src_sheet, src_row FROM cadre ORDER BY id LIMIT 1")[0]
    assert sheet in ("村干部名册", "村幹部名冊") and row >= 2
