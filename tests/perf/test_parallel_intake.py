"""Checking files in worker processes gives exactly what checking them one by one gives."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from xingxian_cli.domain.period import Quarter
from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book
from xingxian_cli.services import intake_pool
from xingxian_cli.services.context import open_context
from xingxian_cli.services.importing import import_files
from xingxian_cli.services.validate import validate_files
from xingxian_cli.services.workspace import init_workspace

Q3 = Quarter(2022, 3)
FACT_TABLES = ("cadre", "honour", "system_score", "deduction", "progress", "economy", "issue")


def _import(tmp_path, name, paths, workers, **kw):
    root = tmp_path / name
    init_workspace(root)
    with open_context(root) as ctx:
        outcome = import_files(ctx, paths, Q3, workers=workers, **kw)
    return root, outcome


def _store_rows(root) -> dict[str, list[tuple]]:
    """Every stored row without ids and import times, keyed to its township and version."""
    con = sqlite3.connect(root / "xx.sqlite3")
    try:
        out = {"submission": sorted(con.execute(
            "select township, quarter, version, is_current, sha256, file_name, archive_path, filler, phone,"
            " fill_date, n_cadres, n_rows, n_warnings from submission").fetchall())}
        for table in FACT_TABLES:
            cols = [r[1] for r in con.execute(f"pragma table_info({table})") if r[1] not in ("id", "submission_id")]
            out[table] = sorted(con.execute(
                f"select s.township, s.version, {', '.join('t.' + c for c in cols)} from {table} t"
                " join submission s on s.id = t.submission_id").fetchall(), key=repr)
    finally:
        con.close()
    return out


def test_parallel_and_serial_imports_store_identical_rows(tmp_path, sample_dir):
    files = [sample_dir / "2022Q3"]
    serial, one = _import(tmp_path, "serial", files, workers=0)
    parallel, two = _import(tmp_path, "parallel", files, workers=2)
    assert [(f.name, f.status, f.version) for f in one.files] == [(f.name, f.status, f.version) for f in two.files]
    assert one.count("imported") == 15
    assert _store_rows(serial) == _store_rows(parallel)
    assert sorted(p.name for p in (serial / "archive").rglob("*.xlsx")) == \
        sorted(p.name for p in (parallel / "archive").rglob("*.xlsx"))


def test_parallel_validation_returns_the_same_facts_and_diagnostics_in_argument_order(sample_dir, policy, registry):
    paths = sorted((sample_dir / "2022Q3").glob("*.xlsx")) + sorted((sample_dir / "faulty").glob("*"))
    kw = dict(policy=policy, registry=registry, quarter=Q3)
    one = validate_files(paths, workers=0, **kw)
    two = validate_files(paths, workers=2, **kw)
    assert [f.path for f in two.files] == paths
    for a, b in zip(one.files, two.files, strict=True):
        assert (a.name, a.sha256, a.readable, a.id_column, a.data) == (b.name, b.sha256, b.readable, b.id_column, b.data)
        assert a.submission == b.submission  # every fact, with its source cell
        assert a.diagnostics == b.diagnostics
    assert not two.valid and any(f.valid for f in two.files)


def test_person_in_two_townships_refuses_both_files_when_checked_in_parallel(tmp_path, policy, registry):
    county = generate_county(policy, registry, Q3, seed=7)
    towns = list(county)[:5]
    books = {t: book_from_submission(county[t], policy) for t in towns}
    first, second = towns[0], towns[3]
    moved = list(books[first].sheets["roster"][0])
    moved[0] = books[second].sheets["roster"][0][0]  # a village of the second township
    books[second].sheets["roster"].append(moved)
    books[second].sheets["scores"].append(list(books[first].sheets["scores"][0]))
    paths = [write_book(b, tmp_path / f"{t}_2022Q3.xlsx", policy=policy, registry=registry) for t, b in books.items()]
    root, outcome = _import(tmp_path, "ws", paths, workers=2)
    status = {f.township or f.name.split("_")[0]: f.status for f in outcome.files}
    assert status[first] == status[second] == "refused"
    assert sorted(s for t, s in status.items() if t not in (first, second)) == ["imported"] * 3
    assert [d.code for d in outcome.files[0].result.errors] == ["person-in-two-townships"]
    assert len(_store_rows(root)["submission"]) == 3


def test_progress_reports_each_file_as_it_is_checked_and_again_when_settled(tmp_path, sample_dir):
    events, totals = [], []
    _root, outcome = _import(tmp_path, "ws", [sample_dir / "2022Q3"], workers=2,
                             on_file=lambda item: events.append((item.name, item.status)), on_total=totals.append)
    assert totals == [30] and len(events) == 30
    checked, settled = events[:15], events[15:]
    assert {s for _n, s in checked} == {"checked"} and sorted(n for n, _s in checked) == sorted(f.name for f in outcome.files)
    assert settled == [(f.name, "imported") for f in outcome.files]


def test_imported_files_do_not_keep_their_bytes(tmp_path, sample_dir):
    _root, outcome = _import(tmp_path, "ws", [sample_dir / "2022Q3"], workers=2)
    assert all(f.result.data == b"" for f in outcome.files)


_REAL_WORKER = intake_pool._check_in_worker


def _dies_on_one(items):
    if any(name.startswith("蔚汾镇") for _i, _path, name in items):
        import os

        os._exit(3)  # what a reader crash looks like from the pool
    return _REAL_WORKER(items)


def test_a_worker_dying_leaves_the_rest_to_the_main_process(tmp_path, sample_dir, monkeypatch):
    monkeypatch.setattr(intake_pool, "_check_in_worker", _dies_on_one)
    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))
    _root, outcome = _import(tmp_path, "ws", files, workers=2)
    assert outcome.count("imported") == 15


@pytest.mark.parametrize(("n_files", "expected"), [(1, 0), (3, 0), (15, 1), (48, 2), (1200, 2)])
def test_pool_size_uses_the_cores_only_for_several_files(monkeypatch, n_files, expected):
    monkeypatch.delenv(intake_pool.WORKERS_ENV, raising=False)
    monkeypatch.setattr(intake_pool, "_cpus", lambda: 2)
    monkeypatch.setattr(intake_pool, "_start_method", lambda: "fork")
    assert intake_pool.pool_size(n_files) == expected


def test_pool_size_follows_the_environment_and_waits_longer_where_workers_are_spawned(monkeypatch):
    monkeypatch.setattr(intake_pool, "_cpus", lambda: 8)
    monkeypatch.setenv(intake_pool.WORKERS_ENV, "0")
    assert intake_pool.pool_size(500) == 0
    monkeypatch.setenv(intake_pool.WORKERS_ENV, "3")
    assert intake_pool.pool_size(500) == 3 and intake_pool.pool_size(2) == 2
    monkeypatch.delenv(intake_pool.WORKERS_ENV)
    monkeypatch.setattr(intake_pool, "_start_method", lambda: "spawn")
    assert intake_pool.pool_size(15) == 0 and intake_pool.pool_size(400) == 8


def test_spawned_workers_check_files_like_forked_ones(sample_dir, policy, registry, monkeypatch):
    monkeypatch.setattr(intake_pool, "_start_method", lambda: "spawn")
    paths = sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:3]
    kw = dict(policy=policy, registry=registry, quarter=Q3)
    spawned = validate_files(paths, workers=2, **kw)
    assert [f.submission for f in spawned.files] == [f.submission for f in validate_files(paths, workers=0, **kw).files]


def test_one_worker_checks_every_file_while_this_process_waits(tmp_path, sample_dir):
    serial, _one = _import(tmp_path, "serial", [sample_dir / "2022Q3"], workers=0)
    pooled, outcome = _import(tmp_path, "pooled", [sample_dir / "2022Q3"], workers=1)
    assert outcome.count("imported") == 15 and _store_rows(serial) == _store_rows(pooled)


_ORPHAN_SCRIPT = """
import sys, time
from datetime import date
from pathlib import Path
from xingxian_cli.services.intake_pool import Checking
paths = [Path(p) for p in sys.argv[1:]]
checking = Checking(paths, [p.name for p in paths], today=date.today(), keep_data="none", workers=2)
print(*checking._pool._processes, flush=True)  # the workers, waiting for a policy that never comes
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_import_is_killed(sample_dir):
    files = [str(p) for p in sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:4]]
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN_SCRIPT, *files], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in proc.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def test_a_finished_check_leaves_no_executor_thread_for_the_exit_to_race_with(sample_dir, policy, registry):
    # With one left running, the interpreter's exit hook now and then printed "Exception
    # ignored … Bad file descriptor" to the officer's terminal.
    import threading
    from datetime import date

    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:3]
    with intake_pool.Checking(files, [f.name for f in files], today=date(2022, 10, 15), keep_data="none",
                              workers=2) as checking:
        assert len(list(checking.results(policy, registry, Q3))) == 3
    assert not [t for t in threading.enumerate() if "ExecutorManager" in type(t).__name__], threading.enumerate()


def test_a_worker_knows_its_main_process_is_gone_where_the_parent_id_never_changes(monkeypatch):
    import multiprocessing
    import os

    class EndedParent:  # Windows: the parent id stays; multiprocessing's handle says it ended
        def is_alive(self) -> bool:
            return False

    assert not intake_pool._parent_gone(os.getppid())  # this test's own parent is alive
    monkeypatch.setattr(multiprocessing, "parent_process", lambda: EndedParent())
    assert intake_pool._parent_gone(os.getppid())
