"""Writing a file whole or not at all."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
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
