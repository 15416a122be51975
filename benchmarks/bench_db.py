"""Benchmark: ``xx import`` and ``xx score`` of 15 and 150 townships on SQLite and PostgreSQL.

Run: ``python benchmarks/bench_db.py [--pg URL] [--runs N] [--sets county,x10]``.

``county`` is the sample county (the generator's ``generate_sample_data`` 2022Q3 files,
15 townships). ``x10`` is 150 townships: ten copies of the county, each a real Lüliang
county (its name prefixes the township names, its area code starts every resident ID), so
names and IDs are unique across the set; it is imported as one county with a 150-township
registry. Workbooks are generated once into ``benchmarks/cache/db/``.

Every figure is a whole ``xx`` process (``subprocess``) into a fresh workspace and, on
PostgreSQL, a fresh database created on the server ``--pg`` names (its role needs
CREATEDB; the databases are dropped at the end). Median of ``--runs`` runs, alternating
between the engines. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache" / "db"
QUARTER = "2022Q3"
SEED = 2022
DATA_VERSION = 2  # 2: written with XlsxWriter (shared strings), not openpyxl
# Real Lüliang counties besides Xing County (141123): area code and name.
COPIES = (("141122", "交城县"), ("141124", "临县"), ("141125", "柳林县"), ("141126", "石楼县"),
          ("141127", "岚县"), ("141128", "方山县"), ("141129", "中阳县"), ("141130", "交口县"),
          ("141181", "孝义市"), ("141182", "汾阳市"))


def _remap_ids(county: dict, area: str) -> dict:  # type: ignore[type-arg]
    """Every resident ID re-issued under ``area`` (shared with the intake benchmark)."""
    from bench_intake import remap_ids  # same folder: the script's own directory is on sys.path

    return remap_ids(county, area)


def prepare() -> dict[str, tuple[Path, Path | None]]:
    """{set: (folder of workbooks, registry file or None for the default)}; cached."""
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.domain.registry import Registry, Village
    from xingxian_cli.io.policy_io import default_policy
    from xingxian_cli.io.registry_io import default_registry, registry_csv
    from xingxian_cli.sample.generator import (
        book_from_submission,
        generate_county,
        generate_sample_data,
        write_book,
    )

    stamp = CACHE / "manifest.json"
    sets = {"county": (CACHE / "sample" / QUARTER, None), "x10": (CACHE / "x10", CACHE / "registry-x10.csv")}
    if stamp.is_file() and json.loads(stamp.read_text("utf-8")).get("version") == DATA_VERSION:
        return sets
    t0 = time.perf_counter()
    print("generating workbooks …", file=sys.stderr, flush=True)
    generate_sample_data(CACHE / "sample")
    policy, base = default_policy(), default_registry()
    villages: list[Village] = []
    out = sets["x10"][0]
    out.mkdir(parents=True, exist_ok=True)
    for k, (area, name) in enumerate(COPIES):
        reg = Registry(tuple(Village(f"{name}{v.township}", v.name, v.kind, area + v.code[6:] if v.code else None)
                             for v in base.villages))
        villages += reg.villages
        county = _remap_ids(generate_county(policy, reg, Quarter.parse(QUARTER), SEED + k), area)
        for sub in county.values():
            write_book(book_from_submission(sub, policy), out / sub.file, policy=policy, registry=reg)
    sets["x10"][1].write_text(registry_csv(Registry(tuple(villages))), encoding="utf-8")  # type: ignore[union-attr]
    stamp.write_text(json.dumps({"version": DATA_VERSION}), encoding="utf-8")
    print(f"generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return sets


def _run(args: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "xingxian_cli", *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"xx {' '.join(args)} failed ({r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return elapsed


class Server:
    """Fresh databases on the --pg server, dropped at the end."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine

        from xingxian_cli.io.store import make_engine

        self.base = make_engine(url).url
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.made: list[str] = []

    def create(self) -> str:
        from sqlalchemy import text

        name = f"xx_bench_{os.getpid()}_{len(self.made)}"
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        self.made.append(name)
        return self.base.set(database=name).render_as_string(hide_password=False)

    def close(self) -> None:
        from sqlalchemy import text

        with self.admin.connect() as c:
            for name in self.made:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


def measure(folder: Path, registry: Path | None, db: Callable[[], str] | None, tmp: Path) -> tuple[float, float]:
    """Seconds of ``xx import`` and ``xx score`` into a fresh workspace (and database)."""
    env = {k: v for k, v in os.environ.items() if k not in ("XX_DATABASE_URL", "XX_WORKSPACE")}
    ws = Path(tempfile.mkdtemp(dir=tmp))
    # the province's copies of Shanxi's counties: a workspace of the province's code
    init = ["init", str(ws / "ws")] + (["--registry", str(registry), "--county", "山西省", "--county-code", "140000"]
                                      if registry else []) + (["--db", db()] if db else [])
    _run(init, env)
    imp = _run(["-w", str(ws / "ws"), "import", str(folder), "--quarter", QUARTER], env)
    score = _run(["-w", str(ws / "ws"), "score", "--quarter", QUARTER, "--format", "json"], env)
    return imp, score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", help="PostgreSQL URL of a database whose role may CREATE DATABASE")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sets", default="county,x10")
    a = ap.parse_args()
    sets = prepare()
    server = Server(a.pg) if a.pg else None
    engines: list[tuple[str, Callable[[], str] | None]] = [("SQLite", None)]
    if server:
        engines.append(("PostgreSQL", server.create))
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="xx-bench-db-") as tmp:
            for name in a.sets.split(","):
                folder, registry = sets[name]
                times: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in engines}
                # Runs alternate between the engines, so a busy moment hits both alike.
                for _ in range(a.runs):
                    for label, db in engines:
                        times[label].append(measure(folder, registry, db, Path(tmp)))
                n = len(list(folder.glob("*.xlsx")))
                for label, _db in engines:
                    imp = statistics.median(t[0] for t in times[label])
                    score = statistics.median(t[1] for t in times[label])
                    rows.append((n, label, imp, score))
                    print(f"{n} townships on {label}: import {imp:.2f} s, score {score:.2f} s", file=sys.stderr,
                          flush=True)
    finally:
        if server:
            server.close()
    print("\n| 乡镇数 | 数据库 | xx import（秒） | xx score（秒） |\n|---:|---|---:|---:|")
    for n, label, imp, score in rows:
        print(f"| {n} | {label} | {imp:.2f} | {score:.2f} |")
    print(f"\n(median of {a.runs} runs, whole processes, {os.cpu_count()} cores, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
