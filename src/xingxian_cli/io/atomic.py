"""Writing a file whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
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
    tmp = path.with_name(f".{path.stem[:40]}.{os.getpid()}.{next(_drafts)}.partial")
    try:
        yield tmp
        os.replace(tmp, path)
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
