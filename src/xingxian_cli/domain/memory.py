"""Pausing Python's cyclic garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration (restored as it was after).

    Reading, checking, storing and scoring a province allocate millions of small objects
    and no reference cycles: the collector would rescan the growing heap again and again
    without finding garbage (a quarter to a third of those commands' time). Objects are
    still freed as soon as nothing refers to them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
