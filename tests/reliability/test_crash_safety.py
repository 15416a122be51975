"""A killed import or score leaves the store as it was; concurrent readers never see a mix."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zlib

import pytest
from sqlalchemy import create_engine, text

from xingxian_cli.cli.app import main

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")


def _xx(*args: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "xingxian_cli", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _store_snapshot(ws):
    eng = create_engine("sqlite:///" + (ws / "xx.sqlite3").as_posix())
    with eng.connect() as c:
        subs = c.execute(text("select id, township, version, is_current, n_rows from submission order by id")).all()
        counts = {}
        for t in ("cadre", "honour", "system_score", "deduction", "progress", "economy"):
            for sid, n in c.execute(text(f"select submission_id, count(*) from {t} group by submission_id")):
                counts[sid] = counts.get(sid, 0) + n
        runs = c.execute(text("select count(*) from score_run")).scalar()
    eng.dispose()
    return subs, counts, runs


def _assert_whole(ws):
    subs, counts, _ = _store_snapshot(ws)
    for sid, _t, _v, _cur, n_rows in subs:
        assert counts.get(sid, 0) == n_rows, "a submission was stored in part"
    return subs


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.35, 0.6, 0.9])
def test_killing_an_import_midway_leaves_only_whole_files_and_a_rerun_completes(tmp_path, sample_dir, delay):
    ws = tmp_path / "ws"
    assert main(["init", str(ws)]) == 0
    proc = _xx("-w", ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    # One transaction per run: the killed import stored all of its files or none of them.
    assert len(_assert_whole(ws)) in (0, 15)
    assert main(["-w", str(ws), "verify"]) == 0
    # running the import again loads what is missing and leaves the rest unchanged
    assert main(["-w", str(ws), "import", str(sample_dir / "2022Q3"), "--quarter", "2022Q3"]) == 0
    subs = _assert_whole(ws)
    assert len({t for _s, t, _v, cur, _n in subs if cur}) == 15
    assert all(v == 1 for _s, _t, v, _c, _n in subs)


@pytest.mark.slow
def test_killing_a_score_run_stores_nothing_half_written(copy_ws):
    before = _store_snapshot(copy_ws)
    for delay in (0.3, 0.6, 0.9):
        # change nothing in the inputs: a complete run would add no row; a killed one must not add a broken one
        proc = _xx("-w", copy_ws, "score", "--quarter", "2022Q4", "--format", "json")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert _store_snapshot(copy_ws) == before
    eng = create_engine("sqlite:///" + (copy_ws / "xx.sqlite3").as_posix())
    with eng.connect() as c:
        for (doc,) in c.execute(text("select result_gz from score_run")):
            assert json.loads(zlib.decompress(doc))["cadres"]  # every stored run parses whole
    eng.dispose()


@pytest.mark.slow
def test_score_during_an_import_sees_the_old_or_the_new_version_never_a_mix(tmp_path, sample_dir, policy, registry):
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    ws = tmp_path / "ws"
    assert main(["init", str(ws)]) == 0
    assert main(["-w", str(ws), "import", str(sample_dir / "2022Q3"), "--quarter", "2022Q3"]) == 0
    sub = generate_county(policy, registry, Quarter(2022, 3), seed=2022)["蔚汾镇"]
    old_n = len(sub.cadres)
    book = book_from_submission(sub, policy)
    keep = {c.person_id for c in sub.cadres[: old_n // 2]} | {
        c.person_id for c in sub.cadres if c.position in ("书记", "书记兼主任")
    }
    for key in ("roster", "scores"):
        book.sheets[key] = [r for r in book.sheets[key] if any(str(v) in keep for v in r)]
    book.sheets["honours"] = [r for r in book.sheets["honours"] if any(str(v) in keep for v in r)]
    book.sheets["deductions"] = [r for r in book.sheets["deductions"] if any(str(v) in keep for v in r)]
    new_file = write_book(book, tmp_path / "蔚汾镇_2022Q3_v2.xlsx", policy=policy, registry=registry)
    new_n = len(keep)
    assert new_n != old_n

    proc = _xx("-w", ws, "import", new_file, "--quarter", "2022Q3")
    seen = set()
    while proc.poll() is None or not seen:
        r = subprocess.run([sys.executable, "-m", "xingxian_cli", "-w", str(ws), "score", "-q", "2022Q3",
                            "-t", "蔚汾镇", "-f", "json"], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        seen.add(json.loads(r.stdout)["summary"]["cadres"])
    assert proc.wait(timeout=60) == 0
    assert seen <= {old_n, new_n}


def _a_gone_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_a_killed_writes_leftovers_are_taken_away_when_the_file_is_written_again(tmp_path):
    from xingxian_cli.io.atomic import written_whole

    gone, running = _a_gone_pid(), os.getppid()
    left = tmp_path / f".考核结果.{gone}.1.partial"  # a report killed mid-write (the console closed)
    live = tmp_path / f".考核结果.{running}.3.partial"  # another run writing the same file right now
    other = tmp_path / f".其他报表.{gone}.1.partial"  # another file's: taken when that file is written
    fresh = tmp_path / f".考核结果.{gone}.2.partial"  # just written: maybe another computer's live run
    for p in (left, live, other, fresh):
        p.write_bytes(b"")
    for p in (left, live, other):
        os.utime(p, (time.time() - 3600, time.time() - 3600))  # an hour old
    with written_whole(tmp_path / "考核结果.xlsx") as draft:
        draft.write_bytes(b"whole")
    assert (tmp_path / "考核结果.xlsx").read_bytes() == b"whole"
    assert not left.exists() and live.exists() and other.exists() and fresh.exists()


@pytest.mark.sqlite_only  # files on disk: the database engine plays no part (CI time)
def test_a_killed_per_township_reports_staging_folder_is_taken_away_by_the_next_run(xx, copy_ws, tmp_path):
    out = tmp_path / "各乡镇"
    stale = out / f".xx-report-{_a_gone_pid()}-abc123"
    stale.mkdir(parents=True)
    (stale / "蔚汾镇_2022Q3_考核结果.xlsx").write_bytes(b"half")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert xx("--workspace", copy_ws, "report", "-q", "2022Q3", "--per-township", out).code == 0
    assert not stale.exists() and list(out.glob("*_考核结果.xlsx"))
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def _archived(ws):
    return sorted(p.name for p in (ws / "archive").rglob("*") if p.is_file())


def test_a_ctrl_c_just_after_the_import_committed_keeps_its_originals(xx, tmp_path, sample_dir, monkeypatch):
    # (review R60) a Ctrl-C landing after the commit removed every archived original of a stored
    # run: xx verify then found 15 originals missing, and a backup held none
    from contextlib import contextmanager

    from xingxian_cli.io.store import Store

    real = Store.import_session

    @contextmanager
    def interrupted_after_commit(self):
        with real(self) as session:
            yield session
        raise KeyboardInterrupt

    ws = tmp_path / "ws"
    xx("init", ws)
    monkeypatch.setattr(Store, "import_session", interrupted_after_commit)
    assert xx("-w", ws, "import", sample_dir / "2022Q3", "-q", "2022Q3").code == 130
    monkeypatch.setattr(Store, "import_session", real)
    assert len(_archived(ws)) == 15
    assert xx("-w", ws, "verify").code == 0


def test_a_ctrl_c_while_the_workers_stop_stores_nothing_as_it_says(xx, tmp_path, sample_dir, monkeypatch):
    # the workers are let go before the commit: an interruption then leaves nothing, no originals
    from xingxian_cli.services.intake_pool import Checking

    real = Checking.__exit__

    def interrupted(self, *exc):
        real(self, *exc)
        raise KeyboardInterrupt

    ws = tmp_path / "ws"
    xx("init", ws)
    monkeypatch.setattr(Checking, "__exit__", interrupted)
    r = xx("-w", ws, "import", sample_dir / "2022Q3", "-q", "2022Q3")
    assert r.code == 130 and "已中断" in r.err
    monkeypatch.setattr(Checking, "__exit__", real)
    assert _store_snapshot(ws)[0] == [] and _archived(ws) == []
    assert xx("-w", ws, "verify").code == 0


def test_ctrl_c_while_an_original_is_archived_leaves_no_copy_of_it_behind(xx, tmp_path, sample_dir, monkeypatch):
    # (review R133) the archive's temporary file, a whole township workbook with its IDs, stayed
    # after Ctrl-C, and the next import did not remove it
    import os

    from xingxian_cli.services import importing

    def interrupted(*_a):
        raise KeyboardInterrupt

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    monkeypatch.setattr(importing.os, "replace", interrupted)
    r = xx("-w", ws, "import", sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", "-q", "2022Q3")
    monkeypatch.undo()
    assert r.code == 130, r
    left = [p.name for p in (ws / "archive").rglob("*")] if (ws / "archive").exists() else []
    assert not [n for n in left if n.endswith(".tmp")], left
    assert os.replace is not interrupted
