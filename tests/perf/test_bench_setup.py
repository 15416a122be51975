"""The benchmarks' own set-up still runs: a workspace of the province's copied counties.

The benchmarks are not part of the suite (they take minutes); their first step is, so that a
change to ``xx init`` that refuses how they make their workspaces is found here, not by the
next person measuring (round 40: several counties' registry needed the covering code).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_intake.py"


def _bench_intake():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_intake", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_intake", module)
    spec.loader.exec_module(module)
    return module


def test_the_intake_benchmark_makes_its_province_workspace_from_copies_of_several_counties(tmp_path):
    from xingxian_cli.domain.registry import Registry
    from xingxian_cli.io.registry_io import default_registry, registry_csv

    bench = _bench_intake()
    counties = bench.shanxi_counties(2)
    full = Registry(tuple(v for area, name in counties for v in bench.copy_registry(default_registry(), area, name).villages))
    csv = tmp_path / "registry.csv"
    csv.write_text(registry_csv(full), encoding="utf-8")
    ws = bench.workspace(bench.BenchSet("province", tmp_path, csv, 0), tmp_path)
    assert (ws / "xx.yaml").is_file()
