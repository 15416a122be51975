"""Check township workbooks in worker processes, one file per task, yielding each as it finishes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from xingxian_cli.domain.facts import (
    Cadre,
    Deduction,
    Economy,
    Honour,
    Progress,
    Source,
    Submission,
    SystemScores,
)
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.services.validate import FileResult, KeepData, check_file

# A file costs about 15 ms to check. A worker costs a fork (a few ms) where processes are
# forked (Linux), but a fresh interpreter importing the intake modules (about 0.3 s) where
# they are spawned (Windows, macOS): below these file counts one process is faster.
MIN_FILES_FORK = 4
MIN_FILES_SPAWN = 40
WORKERS_ENV = "XX_WORKERS"  # a whole number: how many processes check files (1: no pool)


def _start_method() -> str:
    # fork is cheap and shares the loaded policy, registry and lookups with the workers;
    # macOS's system libraries are not fork-safe, and Windows has only spawn.
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def pool_size(n_files: int, workers: int | None = None) -> int:
    """How many worker processes to check ``n_files`` with; 1 means in this process."""
    if workers is None:
        try:
            workers = int(os.environ.get(WORKERS_ENV, "") or 0) or None
        except ValueError:
            workers = None
    if workers is not None:
        return max(1, min(workers, n_files))
    minimum = MIN_FILES_FORK if _start_method() == "fork" else MIN_FILES_SPAWN
    if n_files < minimum:
        return 1
    return max(1, min(_cpus(), n_files))


def check_files(
    paths: list[Path],
    names: list[str],
    *,
    policy: Policy,
    registry: Registry,
    quarter: Quarter | None,
    today: date,
    keep_data: KeepData,
    workers: int | None = None,
) -> Iterator[tuple[int, FileResult]]:
    """Yield ``(index, result)`` for every file, in the order the checks finish.

    With more than one worker, files are checked in a process pool; should a worker die
    (a reader crashing on a hostile file), the files not yet done are checked here.
    """
    settings: dict[str, Any] = {"policy": policy, "registry": registry, "quarter": quarter, "today": today,
                                "keep_data": keep_data}
    n = pool_size(len(paths), workers)
    done: set[int] = set()
    if n > 1:
        yield from _pooled(paths, names, settings, n, done)
    for i, (path, name) in enumerate(zip(paths, names, strict=True)):
        if i not in done:
            yield i, check_file(path, name, **settings)


def _pooled(
    paths: list[Path], names: list[str], settings: dict[str, Any], n: int, done: set[int]
) -> Iterator[tuple[int, FileResult]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    from xingxian_cli.domain.intake import prepare_lookups

    method = _start_method()
    if method == "fork":
        prepare_lookups(settings["policy"], settings["registry"])  # built once, inherited by every worker
    pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context(method), initializer=_init_worker,
                               initargs=(settings,))
    try:
        futures = {pool.submit(_check_in_worker, str(p), name): i for i, (p, name) in enumerate(zip(paths, names, strict=True))}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                packed = fut.result()
            except BrokenProcessPool:
                break  # the caller checks the rest in this process
            done.add(i)
            yield i, _unpack_result(packed)
    finally:
        # On an interrupt or an early stop, drop the files not started; the workers finish
        # the file in hand and exit.
        pool.shutdown(wait=False, cancel_futures=True)


# --- in the worker -----------------------------------------------------------------------------

_SETTINGS: dict[str, Any] = {}


def _init_worker(settings: dict[str, Any]) -> None:
    import signal

    # Ctrl-C is the main process's to handle: it cancels the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker may inherit the console's stream lock held by the progress bar's
    # thread; it never prints, so give it streams of its own to flush at exit.
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the worker
    _SETTINGS.update(settings)


def _check_in_worker(path: str, name: str) -> tuple[Any, ...]:
    return _pack_result(check_file(Path(path), name, **_SETTINGS))


# --- results across the process boundary ---------------------------------------------------------
# Pickling the frozen fact dataclasses field by field costs about as much as parsing the
# workbook; plain tuples cost a tenth, and sources are sent as (sheet, row) under the file.

_LISTS: dict[str, type] = {
    "cadres": Cadre, "honours": Honour, "scores": SystemScores,
    "deductions": Deduction, "progress": Progress, "economy": Economy,
}
_HEAD = [f.name for f in fields(Submission) if f.name not in _LISTS]
_head = attrgetter(*_HEAD)
_ROW_FIELDS = {cls: [f.name for f in fields(cls)] for cls in _LISTS.values()}
for _cls, _names in _ROW_FIELDS.items():
    assert _names[-1] == "source", f"{_cls.__name__}: 'source' must stay the last field"
_VALUES = {cls: attrgetter(*names[:-1]) for cls, names in _ROW_FIELDS.items()}


def _pack_submission(sub: Submission) -> tuple[Any, ...]:
    out: list[Any] = [_head(sub)]
    for key, cls in _LISTS.items():
        items = getattr(sub, key)
        values = _VALUES[cls]
        out.append(([values(x) for x in items],
                    [(s.sheet, s.row) if s is not None and s.file == sub.file else s for s in (x.source for x in items)]))
    return tuple(out)


def _unpack_submission(packed: tuple[Any, ...]) -> Submission:
    sub = Submission(**dict(zip(_HEAD, packed[0], strict=True)))
    file = sub.file
    for (key, cls), (rows, sources) in zip(_LISTS.items(), packed[1:], strict=True):
        setattr(sub, key, [cls(*v, Source(file, *s) if type(s) is tuple else s) for v, s in zip(rows, sources, strict=True)])
    return sub


def _pack_result(r: FileResult) -> tuple[Any, ...]:
    sub = _pack_submission(r.submission) if r.submission is not None else None
    return (str(r.path), r.name, r.sha256, sub, r.diagnostics, r.readable, r.data, r.id_column)


def _unpack_result(t: tuple[Any, ...]) -> FileResult:
    path, name, sha, sub, diags, readable, data, id_column = t
    return FileResult(Path(path), name, sha, _unpack_submission(sub) if sub is not None else None, diags,
                      readable, data, id_column)
