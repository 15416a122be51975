"""The cyclic collector around bulk work: paused, and not left a heap of young objects."""

from __future__ import annotations

import gc

from xingxian_cli.domain.memory import gc_paused


def test_objects_made_in_a_pause_are_not_scanned_again_as_young_when_the_collector_returns():
    # A province's scoring leaves millions of containers behind: if they stayed in the
    # youngest generation, the collector's first pass after the pause would scan them all.
    kept = []
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        kept.extend([i] for i in range(50_000))
    gc.disable()  # look before anything allocates (and collects) again
    try:
        young = gc.get_objects(generation=0)
        oldest = gc.get_objects(generation=2)
    finally:
        gc.enable()
    assert len(young) < 5_000
    assert len(oldest) > 50_000
    assert gc.get_freeze_count() == 0  # moved to the oldest generation, not frozen for good


def test_cycles_made_in_a_pause_are_still_collected_by_a_full_collection():
    class Node:
        pass

    with gc_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
    alive = {id(a)}
    del a, b
    gc.collect()
    assert not any(id(o) in alive for o in gc.get_objects() if isinstance(o, Node))


def test_a_pause_inside_a_pause_leaves_the_collector_off_until_the_outer_one_ends():
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
