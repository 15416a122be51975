"""Benchmark: county, ×10 and province intake as whole processes, against the calamine floor.

Run: ``python benchmarks/bench_intake.py [--sets county,x10,province] [--runs N]
[--province-runs N] [--markdown FILE]``.

The workbooks are made by the project's own generator and cached under
``benchmarks/cache/`` (first run: about 1 s per 15 files per core). ``county`` is the
default registry's 15 townships; ``x10`` (150) and ``province`` (1,200) use a synthetic
registry of copies of it — each copy is a real Shanxi county (its name prefixes the
township names, its area code starts every resident ID), so names and IDs are unique
across the whole set. Every figure is a whole process (``subprocess``) measured in the same
run: the raw floor (python-calamine reading every sheet into Python values, nothing
else), ``xx import`` into a fresh workspace, ``xx score`` (the first after the import,
again with nothing changed, as JSON, one cadre's ``--explain``), ``xx report``, start-up
(``xx status`` on an empty workspace) and ``xx --help``. Wall times are medians; each import
runs next to a floor run (in turn before and after it), and import / floor is the median of
those pairs' ratios; peak
memory is the largest single process (``wait4``) and, on Linux, the sampled peak of the
whole process tree (sum of PSS every 0.1 s, so pages a pool worker shares with its parent
count once).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"
QUARTER = "2022Q3"
SEED = 2022
# Bump when the generated sets must be rebuilt (generator or layout changes).
DATA_VERSION = 2  # 2: written with XlsxWriter (shared strings), not openpyxl
COPIES = {"county": 0, "x10": 10, "province": 80}  # 0: the default registry itself
GOAL_COUNTY_IMPORT_S = 1.0
GOAL_HELP_S = 0.3
GOAL_FLOOR_RATIO = 2.0
GOAL_PEAK_MB = 1024
GOAL_SCORE_S = 2.0
GOAL_LINEARITY = 1.2

FLOOR_SCRIPT = """
import sys
from pathlib import Path
from python_calamine import CalamineWorkbook
rows = 0
for p in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    book = CalamineWorkbook.from_path(str(p))
    for name in book.sheet_names:
        rows += len(book.get_sheet_by_name(name).to_python())
print(rows)
"""


# --- the synthetic province ----------------------------------------------------------------


def shanxi_counties(n: int) -> list[tuple[str, str]]:
    """``n`` current Shanxi county-level ``(area code, name)`` pairs, in code order.

    Taken from python-stdnum's area table (the one ``check_id`` uses), so every resident
    ID made with these codes passes the area check.
    """
    from stdnum import numdb

    db = numdb.get("cn/loc")
    found: list[tuple[str, str]] = []
    for prefecture in range(1, 12):
        for county in range(21, 100):  # 01-20 are city districts (市辖区); 21+ counties and cities
            code = f"14{prefecture:02d}{county:02d}"
            props = {k: v for _part, p in db.info(code) for k, v in p.items()}
            name = props.get("county", "")
            if name.startswith("["):
                span, name = name[1:].split("]", 1)
                if not span.endswith("-"):  # abolished: [1983-1997]…
                    continue
            if name.endswith(("县", "市")):
                found.append((code, name))
    if len(found) < n:
        raise SystemExit(f"only {len(found)} Shanxi counties in stdnum's table, {n} needed")
    return found[:n]


def copy_registry(base, area: str, county: str):  # type: ignore[no-untyped-def]
    """The default registry as county ``county``: prefixed township names, re-coded villages."""
    from xingxian_cli.domain.registry import Registry, Village

    return Registry(tuple(
        Village(f"{county}{v.township}", v.name, v.kind, area + v.code[6:] if v.code else None)
        for v in base.villages
    ))


def remap_ids(county: dict, area: str) -> dict:  # type: ignore[type-arg]
    """Every resident ID re-issued under ``area``: same birth date and sex digit, new check digit.

    Applied to roster, honours, scores and deductions alike, so references still match.
    IDs are taken in sorted order and sequence numbers stepped by two on a clash, so the
    map is deterministic and one-to-one.
    """
    from stdnum.cn.ric import calc_check_digit

    ids = sorted({c.person_id for sub in county.values() for c in sub.cadres}
                 | {x.person_id for sub in county.values() for x in (*sub.honours, *sub.scores, *sub.deductions)})
    used: set[str] = set()
    mapping: dict[str, str] = {}
    for old in ids:
        birth, seq = old[6:14], int(old[14:17])
        while f"{birth}{seq:03d}" in used:
            seq = (seq + 2) % 1000
        used.add(f"{birth}{seq:03d}")
        body = f"{area}{birth}{seq:03d}"
        mapping[old] = body + calc_check_digit(body + "0")
    out = {}
    for township, sub in county.items():
        out[township] = dataclasses.replace(
            sub,
            cadres=[dataclasses.replace(x, person_id=mapping[x.person_id]) for x in sub.cadres],
            honours=[dataclasses.replace(x, person_id=mapping[x.person_id]) for x in sub.honours],
            scores=[dataclasses.replace(x, person_id=mapping[x.person_id]) for x in sub.scores],
            deductions=[dataclasses.replace(x, person_id=mapping[x.person_id]) for x in sub.deductions],
        )
    return out


def _write_copy(k: int, area: str, county_name: str, out_dir: str) -> list[str]:
    """Generate and write copy ``k`` (a process-pool task); return the file names."""
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.io.policy_io import default_policy
    from xingxian_cli.io.registry_io import default_registry
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    policy = default_policy()
    if k < 0:  # the county set: the default registry as shipped
        registry = default_registry()
        county = generate_county(policy, registry, Quarter.parse(QUARTER), SEED)
    else:
        registry = copy_registry(default_registry(), area, county_name)
        county = remap_ids(generate_county(policy, registry, Quarter.parse(QUARTER), SEED + k), area)
    names = []
    for sub in county.values():
        write_book(book_from_submission(sub, policy), Path(out_dir) / sub.file, policy=policy, registry=registry)
        names.append(sub.file)
    return names


@dataclasses.dataclass
class BenchSet:
    name: str
    folder: Path
    registry_csv: Path | None  # None: the default registry
    files: int


def prepare(name: str) -> BenchSet:
    """The cached set ``name``, generated when absent or stale."""
    folder = CACHE / name
    stamp = folder / "manifest.json"
    copies = COPIES[name]
    registry_csv = CACHE / f"registry-{name}.csv" if copies else None
    expected = {"version": DATA_VERSION, "quarter": QUARTER, "seed": SEED, "copies": copies}
    if stamp.is_file():
        found = json.loads(stamp.read_text("utf-8"))
        if {k: found.get(k) for k in expected} == expected and all((folder / f).is_file() for f in found["files"]):
            return BenchSet(name, folder, registry_csv, len(found["files"]))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    print(f"generating {name} …", file=sys.stderr, flush=True)
    if copies:
        from xingxian_cli.domain.registry import Registry
        from xingxian_cli.io.registry_io import default_registry
        from xingxian_cli.io.registry_io import registry_csv as to_csv

        counties = shanxi_counties(copies)
        base = default_registry()
        full = Registry(tuple(v for area, cname in counties for v in copy_registry(base, area, cname).villages))
        assert registry_csv is not None
        registry_csv.write_text(to_csv(full), encoding="utf-8")
        # Copy k is the same in every set, so the ×10 set links the province's first copies.
        source = CACHE / f"copies-v{DATA_VERSION}"  # a new data version writes every copy again
        for stale in CACHE.glob("copies*"):
            if stale != source:
                shutil.rmtree(stale)
        source.mkdir(exist_ok=True)
        todo = [(k, area, cname) for k, (area, cname) in enumerate(counties)
                if not (source / f"c{k:03d}" / "done").is_file()]
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            futures = []
            for k, area, cname in todo:
                d = source / f"c{k:03d}"
                if d.exists():
                    shutil.rmtree(d)
                d.mkdir()
                futures.append((d, pool.submit(_write_copy, k, area, cname, str(d))))
            for d, fut in futures:
                (d / "done").write_text("\n".join(fut.result()), encoding="utf-8")
        files: list[str] = []
        for k in range(copies):
            d = source / f"c{k:03d}"
            for f in (d / "done").read_text("utf-8").splitlines():
                try:
                    os.link(d / f, folder / f)
                except OSError:
                    shutil.copy2(d / f, folder / f)
                files.append(f)
    else:
        files = _write_copy(-1, "", "", str(folder))
    stamp.write_text(json.dumps({**expected, "files": sorted(files)}, ensure_ascii=False), encoding="utf-8")
    print(f"  {len(files)} files in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return BenchSet(name, folder, registry_csv, len(files))


# --- measuring whole processes ----------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak of the summed PSS of a process and its descendants, sampled every 0.1 s (Linux).

    Reading smaps_rollup walks the target's page tables: sampled more often, it slows
    the processes it measures on a 2-core machine.
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            todo, total = [self.pid], 0
            while todo:
                p = todo.pop()
                total += _pss_kb(p)
                todo += _children(p)
            self.peak_kb = max(self.peak_kb, total)
            self.stop.wait(0.1)


@dataclasses.dataclass
class Run:
    seconds: float
    rss_mb: float  # largest single process of the tree
    tree_mb: float | None  # sampled peak of the whole tree (Linux)
    stdout: str
    cpu: float = float("nan")  # user + system seconds of the process and its reaped children


def run(cmd: Sequence[str], *, check: bool = True) -> Run:
    """Run one whole process; its wall time, peak memory and standard output."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), env=env, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid) if sys.platform == "linux" else None
        if sampler is not None:
            sampler.start()
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss: the largest of the process and its reaped descendants (Linux: KiB, macOS: bytes).
            rss_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
            cpu = usage.ru_utime + usage.ru_stime
        else:
            proc.wait()
            seconds = time.perf_counter() - t0
            rss_mb = cpu = float("nan")
        tree = None
        if sampler is not None:
            sampler.stop.set()
            sampler.join()
            tree = sampler.peak_kb / 1024 or None
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if check and proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return Run(seconds, rss_mb, tree, stdout, cpu)


def _median(runs: list[Run]) -> Run:
    secs = statistics.median(r.seconds for r in runs)
    trees = [r.tree_mb for r in runs if r.tree_mb is not None]
    return Run(secs, max(r.rss_mb for r in runs), max(trees) if trees else None, "",
               statistics.median(r.cpu for r in runs))


XX = [sys.executable, "-m", "xingxian_cli"]
RATIOS: dict[str, float] = {}  # set -> median of import / floor over the paired runs


def _xx() -> list[str]:
    # The installed console script is what users run; fall back to ``python -m``.
    script = Path(sys.executable).with_name("xx")
    return [str(script)] if script.is_file() else XX


def workspace(s: BenchSet, root: Path) -> Path:
    ws = Path(tempfile.mkdtemp(prefix=f"ws-{s.name}-", dir=root))
    cmd = [*_xx(), "init", str(ws)]
    if s.registry_csv is not None:  # copies of Shanxi's counties: the province's workspace
        cmd += ["--registry", str(s.registry_csv), "--county", "山西省", "--county-code", "140000"]
    run(cmd)
    return ws


def measure(s: BenchSet, runs: int, root: Path) -> dict[str, Run]:
    xx = _xx()
    res: dict[str, Run] = {}
    floor = [sys.executable, "-c", FLOOR_SCRIPT, str(s.folder)]
    run(floor)  # warm the page cache for everything below
    empty = workspace(s, root)
    res["start-up"] = _median([run([*xx, "--workspace", str(empty), "status", "--quarter", QUARTER, "--format", "json"])
                               for _ in range(runs)])
    # Each import next to a floor run, the two in turn first: this VM's speed drifts with the
    # host's load over minutes, so a ratio of runs far apart measures the drift as much as
    # the import.
    floors, imports, ws = [], [], None
    for k in range(runs):
        if ws is not None:
            shutil.rmtree(ws)
        ws = workspace(s, root)
        if k % 2 == 0:
            floors.append(run(floor))
        imports.append(run([*xx, "--workspace", str(ws), "import", str(s.folder), "--quarter", QUARTER]))
        if k % 2 == 1:
            floors.append(run(floor))
    res["floor"] = _median(floors)
    res["import"] = _median(imports)
    RATIOS[s.name] = statistics.median(i.seconds / f.seconds for f, i in zip(floors, imports, strict=True))
    assert ws is not None
    status = json.loads(run([*xx, "--workspace", str(ws), "status", "--quarter", QUARTER, "--format", "json"]).stdout)
    if status["submitted"] != s.files:
        raise SystemExit(f"{s.name}: {status['submitted']} of {s.files} files imported")
    score = [*xx, "--workspace", str(ws), "score", "--quarter", QUARTER]
    # The first score after the import reads the facts, scores and stores the run; again
    # with nothing changed, the table and the JSON (every cadre's explanation) come from
    # the stored run — which each repeat's table must say.
    res["score first"] = run(score)
    again = [run(score) for _ in range(runs)]
    from xingxian_cli.messages.common import SCORE_UNCHANGED

    if not all(SCORE_UNCHANGED in r.stdout for r in again):
        raise SystemExit(f"{s.name}: `xx score` again did not show the stored run")
    res["score"] = _median(again)
    res["score json"] = _median([run([*score, "--format", "json"]) for _ in range(runs)])
    # One cadre's explanation: the first of the first township's list, by full ID.
    first = json.loads(run([*score, "--format", "json", "--unmask", "--township", status["townships"][0]["township"]]).stdout)
    res["explain"] = _median([run([*score, "--explain", first["cadres"][0]["id"]]) for _ in range(runs)])
    if _has_report(xx):
        out = root / f"report-{s.name}.xlsx"
        res["report"] = _median([run([*xx, "--workspace", str(ws), "report", "--quarter", QUARTER, "-o", str(out)])
                                 for _ in range(runs)])
    else:
        print("  no `xx report` command: report skipped", file=sys.stderr)
    shutil.rmtree(ws)
    shutil.rmtree(empty)
    return res


def _has_report(xx: list[str]) -> bool:
    return subprocess.run([*xx, "report", "--help"], capture_output=True).returncode == 0


# --- the table ----------------------------------------------------------------------------------


def _mb(r: Run) -> str:
    tree = f"{r.tree_mb:.0f}" if r.tree_mb is not None else "–"
    return f"{r.rss_mb:.0f} / {tree}"


def table(sets: list[BenchSet], results: dict[str, dict[str, Run]], help_run: Run, runs: dict[str, int]) -> str:
    lines = [
        "| set | files | runs | floor s | start-up s | import s | import / floor (paired) | import ms per file | "
        "import CPU s | first score s | score again s | score json s | explain s | report s | "
        "import peak MB (process / tree) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sets:
        r = results[s.name]
        per_file = (r["import"].seconds - r["start-up"].seconds) / s.files * 1000
        report = f"{r['report'].seconds:.2f}" if "report" in r else "n/a"
        lines.append(
            f"| {s.name} | {s.files:,} | {runs[s.name]} | {r['floor'].seconds:.2f} | {r['start-up'].seconds:.2f} | "
            f"{r['import'].seconds:.2f} | {RATIOS[s.name]:.2f} | {per_file:.1f} | "
            f"{r['import'].cpu:.2f} | "
            f"{r['score first'].seconds:.2f} | {r['score'].seconds:.2f} | {r['score json'].seconds:.2f} | "
            f"{r['explain'].seconds:.2f} | "
            f"{report} | {_mb(r['import'])} |"
        )
    lines.append("")
    lines.append(f"`xx --help`: {help_run.seconds:.2f} s.")
    lines.append("")
    lines += goals(sets, results, help_run)
    return "\n".join(lines)


def goals(sets: list[BenchSet], results: dict[str, dict[str, Run]], help_run: Run) -> list[str]:
    def mark(ok: bool) -> str:
        return "met" if ok else "NOT met"

    out = ["| goal | measured | |", "|---|---|---|"]
    out.append(f"| `xx --help` ≤ {GOAL_HELP_S} s | {help_run.seconds:.2f} s | {mark(help_run.seconds <= GOAL_HELP_S)} |")
    by = {s.name: s for s in sets}
    if "county" in results:
        t = results["county"]["import"].seconds
        out.append(f"| county import ≤ {GOAL_COUNTY_IMPORT_S} s | {t:.2f} s | {mark(t <= GOAL_COUNTY_IMPORT_S)} |")
    for name in ("x10", "province"):
        if name not in results:
            continue
        r = results[name]
        ratio = RATIOS[name]
        out.append(f"| {name} import ≤ {GOAL_FLOOR_RATIO} × floor | {ratio:.2f} × | {mark(ratio <= GOAL_FLOOR_RATIO)} |")
        peak = r["import"].tree_mb if r["import"].tree_mb is not None else r["import"].rss_mb
        out.append(f"| {name} import peak ≤ {GOAL_PEAK_MB} MB | {peak:.0f} MB | {mark(peak <= GOAL_PEAK_MB)} |")
        if "county" in results:
            c = results["county"]
            per_c = (c["import"].seconds - c["start-up"].seconds) / by["county"].files
            per_n = (r["import"].seconds - r["start-up"].seconds) / by[name].files
            out.append(f"| {name} per file ≤ {GOAL_LINEARITY} × county per file (start-up excluded) | "
                       f"{per_n * 1000:.1f} ms vs {per_c * 1000:.1f} ms ({per_n / per_c:.2f} ×) | "
                       f"{mark(per_n <= GOAL_LINEARITY * per_c)} |")
    if "province" in results:  # the set with 100,000 cadres and more
        r = results["province"]
        for key, what in (("score first", "first `xx score` after the import"), ("score", "`xx score` again")):
            t = r[key].seconds
            out.append(f"| province {what} ≤ {GOAL_SCORE_S} s | {t:.2f} s | {mark(t <= GOAL_SCORE_S)} |")
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="county,x10,province", help="comma-separated: county, x10, province")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure (median) for county and x10")
    ap.add_argument("--province-runs", type=int, default=1, help="runs per figure for the province")
    ap.add_argument("--markdown", type=Path, help="also write the table to this Markdown file")
    args = ap.parse_args(argv)
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    unknown = [n for n in names if n not in COPIES]
    if unknown:
        ap.error(f"unknown set(s): {', '.join(unknown)}")
    CACHE.mkdir(exist_ok=True)
    sets = [prepare(n) for n in names]
    runs = {n: args.province_runs if n == "province" else args.runs for n in names}
    root = Path(tempfile.mkdtemp(prefix="bench-", dir=CACHE))
    try:
        results = {}
        for s in sets:
            print(f"measuring {s.name} ({s.files} files, {runs[s.name]} run(s)) …", file=sys.stderr, flush=True)
            results[s.name] = measure(s, runs[s.name], root)
        help_run = _median([run([*_xx(), "--help"]) for _ in range(max(runs.values()))])
    finally:
        shutil.rmtree(root, ignore_errors=True)
    text = table(sets, results, help_run, runs)
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}"
    text = f"Machine: {machine}. Command: `python benchmarks/bench_intake.py --sets {','.join(names)} " \
           f"--runs {args.runs} --province-runs {args.province_runs}`.\n\n{text}"
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
