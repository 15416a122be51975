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

    Before the collector is restored, what survived is moved to its oldest generation
    without a scan (``gc.freeze`` then ``gc.unfreeze``): otherwise its first pass would scan
    every object made in the pause as young, half a second after scoring a province (issue
    7). A full collection, rare, still finds any cycle among them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
