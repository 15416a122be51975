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


def test_a_file_refused_across_files_after_it_was_stored_leaves_no_row_and_the_old_version_stays_current(
        xx, make_ws, tmp_path, policy, registry, ws_engine):
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    county = generate_county(policy, registry, Quarter(2022, 3), seed=11)
    first, second = list(county)[:2]
    books = {t: book_from_submission(county[t], policy) for t in (first, second)}
    ws = make_ws()
    v1 = write_book(books[first], tmp_path / "v1" / f"{first}_2022Q3.xlsx", policy=policy, registry=registry)
    assert xx("-w", ws, "import", v1, "--quarter", "2022Q3").code == 0
    db = ws_engine(ws)
    cadres_v1 = _rows(db, "SELECT count(*) FROM cadre")

    # A corrected version of the first township, fine on its own (so it is stored while the
    # other file is still being checked) and a second township listing one of its people.
    books[first].sheets["roster"][-1][7] = "13800000000"  # a new phone number
    moved = list(books[first].sheets["roster"][0])
    moved[0] = books[second].sheets["roster"][0][0]
    books[second].sheets["roster"].append(moved)
    books[second].sheets["scores"].append(list(books[first].sheets["scores"][0]))
    inbox = tmp_path / "收件箱"
    for t, b in books.items():
        write_book(b, inbox / f"{t}_2022Q3.xlsx", policy=policy, registry=registry)
    r = xx("-w", ws, "import", inbox, "--quarter", "2022Q3")
    assert r.code == 1 and f"已拒收 {first}" in r.out and f"已拒收 {second}" in r.out
    assert _rows(db, "SELECT township, version FROM submission") == [(first, 1)]
    assert _rows(db, "SELECT count(*) FROM submission WHERE is_current = true") == [(1,)]
    assert _rows(db, "SELECT count(*) FROM cadre") == cadres_v1
    for table in ("honour", "system_score", "deduction", "progress", "economy", "issue"):
        orphans = _rows(db, f"SELECT count(*) FROM {table} t LEFT JOIN submission s ON s.id = t.submission_id "
                            "WHERE s.id IS NULL")
        assert orphans == [(0,)], table
    # The refused files' originals are not kept either: the archive holds the first version only.
    kept = {p.relative_to(ws).as_posix() for p in (ws / "archive").rglob("*.xlsx")}
    assert kept == {path for (path,) in _rows(db, "SELECT archive_path FROM submission")}


def test_an_import_that_fails_before_its_commit_keeps_neither_rows_nor_originals(
        make_ws, sample_dir, ws_engine, monkeypatch):
    import pytest

    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.io.store import ImportSession
    from xingxian_cli.services.context import open_context
    from xingxian_cli.services.importing import import_files

    ws = make_ws()

    def broken_publish(self, sids):
        raise RuntimeError("disk full")  # anything going wrong once every file is staged

    monkeypatch.setattr(ImportSession, "publish", broken_publish)
    with open_context(ws) as ctx, pytest.raises(RuntimeError):
        import_files(ctx, [sample_dir / "2022Q3"], Quarter(2022, 3))
    assert _rows(ws_engine(ws), "SELECT count(*) FROM submission") == [(0,)]
    assert not list((ws / "archive").rglob("*.xlsx"))


def test_a_resaved_copy_beside_its_file_in_a_first_import_leaves_one_version_and_no_rows_of_the_copy(
        xx, make_ws, tmp_path, policy, registry, ws_engine):
    # (review R98) the copy is found by comparing its rows with those staged in the same
    # transaction (ImportSession.same_facts), then taken out again
    import openpyxl

    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    county = generate_county(policy, registry, Quarter(2022, 3), seed=11)
    town = min(county, key=lambda t: len(county[t].cadres))
    box = tmp_path / "收件箱"
    sent = write_book(book_from_submission(county[town], policy), box / f"{town}_2022Q3.xlsx", policy=policy,
                      registry=registry)
    openpyxl.load_workbook(sent).save(box / f"{town}_2022Q3 - 副本.xlsx")
    ws = make_ws()
    r = xx("-w", ws, "import", box, "--quarter", "2022Q3")
    assert r.code == 0 and "所填数据完全相同" in r.out, r.out
    db = ws_engine(ws)
    assert [tuple(x) for x in _rows(db, "SELECT version, file_name FROM submission")] == [(1, sent.name)]
    assert _rows(db, "SELECT count(*) FROM cadre") == [(len(county[town].cadres),)]
