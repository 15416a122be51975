"""Check township workbooks in worker processes, one file per task, yielding each as it finishes."""

from __future__ import annotations

import os
import sys
import time
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
from xingxian_cli.services.validate import FileResult, KeepData, check_file, check_read, read_file

# A file costs about 15 ms to check. A worker costs about 60 ms of one-off work (python-
# stdnum's area table, lookups, imports) after a fork (Linux), and a fresh interpreter
# (about 0.3 s more) where processes are spawned (Windows, macOS): below these file counts
# checking in this process is faster.
MIN_FILES_FORK = 4
MIN_FILES_SPAWN = 40
# One worker per this many files, up to one per core. A county's 15 files get one worker:
# it reads and checks them while this process loads the database library and opens the
# workspace, which takes as long; a second worker would only add its one-off cost.
FILES_PER_WORKER = 24
MAX_BATCH = 8
WORKERS_ENV = "XX_WORKERS"  # a whole number: how many worker processes check files (0: none)


def _start_method() -> str:
    # fork is cheap and shares the loaded policy, registry and lookups with the workers;
    # macOS's system libraries are not fork-safe, and Windows has only spawn.
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def batch_size(n_files: int, workers: int) -> int:
    """Files per task: few enough to share the work out evenly and show steady progress,
    and to bound what a worker holds (each read file's values until it is parsed)."""
    return max(1, min(MAX_BATCH, -(-n_files // workers)))


def pool_size(n_files: int, workers: int | None = None) -> int:
    """How many worker processes check ``n_files``; 0: they are checked in this process."""
    if workers is None:
        try:
            workers = int(os.environ[WORKERS_ENV])
        except (KeyError, ValueError):
            workers = None
    if workers is not None:
        return max(0, min(workers, n_files))
    minimum = MIN_FILES_FORK if _start_method() == "fork" else MIN_FILES_SPAWN
    if n_files < minimum:
        return 0
    return max(1, min(_cpus(), -(-n_files // FILES_PER_WORKER)))


class Checking:
    """Files being checked, possibly started before the policy and registry are loaded.

    Worker processes start reading (hashing, unpacking, loading sheet values: most of the
    work) at once, a batch of files per task; a worker waits for the policy and registry
    only once its batch is read, so opening the workspace overlaps the reading. Use as a
    context manager: on leaving, batches not started are dropped and waiting workers
    released.
    """

    def __init__(self, paths: list[Path], names: list[str], *, today: date, keep_data: KeepData,
                 workers: int | None = None, for_store: bool = False):
        self.started = time.perf_counter()
        self.paths, self.names = paths, names
        self.today, self.keep_data = today, keep_data
        # For storing: each result carries table rows (FileResult.rows) instead of its
        # Submission, built in the worker so that this process only runs the inserts.
        self.for_store = for_store
        self.workers = pool_size(len(paths), workers)
        self._pool: Any = None
        self._queue: Any = None
        self._futures: dict[Any, int] = {}
        self._delivered = False
        if self.workers > 0:
            self._start()

    def _start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        mp = multiprocessing.get_context(_start_method())
        # A Queue's put never blocks (a thread feeds the pipe), whether or not every worker
        # comes to ask.
        self._queue = mp.Queue()
        self._pool = ProcessPoolExecutor(self.workers, mp_context=mp, initializer=_init_worker,
                                         initargs=(self._queue, os.getpid(), self.today, self.keep_data,
                                                   self.for_store))
        items = [(i, str(p), name) for i, (p, name) in enumerate(zip(self.paths, self.names, strict=True))]
        size = batch_size(len(items), self.workers)
        self._futures = {self._pool.submit(_check_in_worker, items[k:k + size]): k for k in range(0, len(items), size)}

    def results(self, policy: Policy, registry: Registry, quarter: Quarter | None) -> Iterator[tuple[int, FileResult]]:
        """Yield ``(index, result)`` for every file, in the order the checks finish.

        Should a worker die (a reader crashing on a hostile file), the files not yet done
        are checked in this process.
        """
        done: set[int] = set()
        if self._pool is not None:
            from concurrent.futures import as_completed
            from concurrent.futures.process import BrokenProcessPool

            self._deliver((policy, registry, quarter))
            for fut in as_completed(self._futures):
                try:
                    batch = fut.result()
                except BrokenProcessPool:
                    break
                for i, packed in batch:
                    done.add(i)
                    yield i, _unpack_result(packed)
        settings = {"policy": policy, "registry": registry, "quarter": quarter, "today": self.today,
                    "keep_data": self.keep_data}
        for i, (path, name) in enumerate(zip(self.paths, self.names, strict=True)):
            if i not in done:
                result = check_file(path, name, **settings)
                yield i, result.for_store() if self.for_store else result

    def _deliver(self, settings: tuple[Any, ...] | None) -> None:
        if self._delivered:
            return
        self._delivered = True
        for _ in range(self.workers):  # one for each worker that asks (each asks once)
            self._queue.put(settings)

    def close(self) -> None:
        """Drop the files not started; release workers still waiting for the policy."""
        if self._pool is None:
            return
        # Waiting costs nothing once every batch is done (the workers are idle), and leaves
        # no executor thread for the interpreter's exit to race with: without it, about one
        # run in ten printed "Exception ignored … Bad file descriptor" from
        # concurrent.futures' exit hook (CPython 3.11). Batches not done are dropped.
        finished = all(f.done() for f in self._futures)
        self._pool.shutdown(wait=finished, cancel_futures=True)
        self._deliver(None)  # never delivered: the waiting workers give up their file
        self._queue.close()
        self._queue.cancel_join_thread()  # settings no worker asked for need not be flushed at exit
        self._pool = None

    def __enter__(self) -> Checking:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- in the worker -----------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


class _NoPolicy(Exception):
    """The run ended before the policy and registry were sent: the file is not checked."""


def _init_worker(queue: Any, parent: int, today: date, keep_data: KeepData, for_store: bool) -> None:
    import gc
    import signal

    # Ctrl-C is the main process's to handle: it cancels the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker may inherit the console's stream lock held by the progress bar's
    # thread; it never prints, so give it streams of its own to flush at exit.
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the worker
    _STATE.update(queue=queue, parent=parent, today=today, keep_data=keep_data, for_store=for_store)
    _watch_parent(parent)
    # Checking a file makes no reference cycles (each file's objects go as soon as they are
    # dropped), and the heap a forked worker starts with never becomes garbage: freeze it
    # out of the collector's sight and let the collector run rarely (a tenth of the CPU
    # otherwise). It stays on, in case a hostile file's exception path makes a cycle.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    gc.enable()
    # Loaded once per process (python-stdnum's area codes take about 80 ms to parse):
    # while the main process still opens the workspace.
    from stdnum import numdb

    numdb.get("cn/loc")


def _watch_parent(parent: int) -> None:
    """Exit when the main process is gone (killed, say), whatever this worker is doing.

    A forked worker inherits the write end of the pool's task pipe, so it would never see
    the pipe close and would wait for work forever.
    """
    import threading

    def watch() -> None:
        while not _parent_gone(parent):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="xx-parent-watch", daemon=True).start()


def _parent_gone(parent: int) -> bool:
    """Whether the main process (pid ``parent``) has ended: this process was handed to
    another parent (POSIX), or the handle multiprocessing keeps on its parent says so
    (Windows, where a process's parent id never changes)."""
    import multiprocessing

    if os.getppid() != parent:
        return True
    proc = multiprocessing.parent_process()
    return proc is not None and not proc.is_alive()


def _settings() -> dict[str, Any]:
    if "policy" not in _STATE:
        got = _wait_for_settings()
        if got is None:
            _STATE["policy"] = None
        else:
            from xingxian_cli.domain.intake import prepare_lookups

            policy, registry, quarter = got
            prepare_lookups(policy, registry)
            _STATE.update(policy=policy, registry=registry, quarter=quarter)
    if _STATE["policy"] is None:
        raise _NoPolicy
    return {k: _STATE[k] for k in ("policy", "registry", "quarter", "today", "keep_data")}


def _wait_for_settings() -> tuple[Any, ...] | None:
    """The policy, registry and quarter, once the main process has opened the workspace."""
    import queue

    while True:
        try:
            return _STATE["queue"].get(timeout=1.0)  # type: ignore[no-any-return]
        except queue.Empty:
            if _parent_gone(_STATE["parent"]):
                return None  # the main process is gone: nobody wants this file any more


def _check_in_worker(items: list[tuple[int, str, str]]) -> list[tuple[int, tuple[Any, ...]]]:
    # Read the whole batch first: the first batches are read while the main process is
    # still opening the workspace, before the policy and registry are here.
    reads = [(i, read_file(Path(path), name)) for i, path, name in items]
    settings = _settings()
    if _STATE["for_store"]:
        return [(i, _pack_result(check_read(read, **settings).for_store())) for i, read in reads]
    return [(i, _pack_result(check_read(read, **settings))) for i, read in reads]


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


_RESULT_FIELDS = [f.name for f in fields(FileResult)]  # every field: one added later crosses too (review R102)


def _pack_result(r: FileResult) -> tuple[Any, ...]:
    # Every field: a refused file's good rows take part in the checks across files (people)
    # and against earlier quarters (fine), its values' key finds its copies (content).
    return tuple(_pack_submission(v) if k == "submission" and v is not None else str(v) if k == "path" else v
                 for k, v in zip(_RESULT_FIELDS, (getattr(r, k) for k in _RESULT_FIELDS), strict=True))


def _unpack_result(t: tuple[Any, ...]) -> FileResult:
    values = dict(zip(_RESULT_FIELDS, t, strict=True))
    values["path"] = Path(values["path"])
    if values["submission"] is not None:
        values["submission"] = _unpack_submission(values["submission"])
    return FileResult(**values)
