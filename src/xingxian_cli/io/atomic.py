"""Writing a file whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path


@contextlib.contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write the file to. When the block ends it
    is moved over ``path`` in one step, so neither a reader nor an earlier good copy ever
    meets half a file; when the block fails or is interrupted (Ctrl-C, a full disk) it is
    removed and ``path`` is left as it was."""
    path = Path(path)
    # Hidden (a leading dot) so an interrupted run's leftover is not taken for a workbook;
    # short, so a target whose name is near the system's 255-byte limit still has a draft.
    tmp = path.with_name(f"{_draft_prefix(path)}{os.getpid()}.{next(_drafts)}.partial")
    try:
        yield tmp
        os.replace(tmp, path)
        clear_leftovers(path.parent, _draft_prefix(path))
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if exc.filename in (str(tmp), tmp):  # the draft is the tool's: the user's file is the target
            exc.filename, exc.filename2 = str(path), None
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


_drafts = itertools.count(1)


def _draft_prefix(path: Path) -> str:
    return f".{path.stem[:40]}."


def clear_leftovers(folder: Path, prefix: str) -> None:
    """Remove what runs killed mid-write (a closed console window, kill -9) left in ``folder``
    under ``prefix``: drafts ``{prefix}{pid}.{n}.partial`` (see :func:`written_whole`), or
    the staging folders ``{prefix}{pid}-…`` (see :func:`staging_folder`), of processes no longer
    running. Written again, a file takes its own leftovers away; nothing of a running process
    is touched."""
    staging = prefix.startswith(_STAGING)
    # Touched in the last minutes: maybe another computer's run in a shared folder, whose
    # process this one cannot ask after (a live write touches its files as it goes).
    recent = time.time() - _IDLE_SECONDS
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(prefix) and e.stat().st_mtime < recent]
    except OSError:
        return
    for name in names:
        rest = name[len(prefix):]
        pid, _sep, tail = rest.partition("-" if staging else ".")
        if not pid.isdigit() or int(pid) == os.getpid() or _running(int(pid)):
            continue
        if staging:
            import shutil

            shutil.rmtree(folder / name, ignore_errors=True)
        elif tail.endswith(".partial") and tail[:-len(".partial")].isdigit():
            with contextlib.suppress(OSError):
                (folder / name).unlink()


_STAGING = ".xx-"
_IDLE_SECONDS = 600  # a leftover untouched this long is no live write's


def staging_folder(folder: Path, name: str) -> Path:
    """A new staging folder in ``folder`` for a run's ``name`` (report, template) outputs,
    ``.xx-{name}-{pid}-…``, once a killed run's are taken away (see :func:`clear_leftovers`)."""
    import tempfile

    prefix = f"{_STAGING}{name}-"
    clear_leftovers(folder, prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=folder))


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (when it cannot be told: yes)."""
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # type: ignore[attr-defined]  # access denied: it runs
        try:
            code = ctypes.c_ulong()
            return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0: asks, sends nothing
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True

# A name a folder given for output files must not have: it would become a folder so named.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")


def check_replaceable(paths: Iterable[Path]) -> None:
    """Raise the OSError of the first existing file of ``paths`` that cannot be replaced now
    (on Windows: one open in Excel or WPS), before any of a set of files is replaced."""
    for path in paths:
        if path.exists():
            with open(path, "ab"):
                pass


def make_dirs(folder: Path) -> None:
    """``folder.mkdir(parents=True, exist_ok=True)``, but a file standing where a folder of the
    path should be is said as such (NotADirectoryError), not as "the file exists"."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise NotADirectoryError(errno.ENOTDIR, exc.strerror, str(blocker)) from exc
