"""Benchmark: write the report workbook for 100,000 synthetic cadres (target: under 30 s).

Run: ``python benchmarks/bench_report.py [N]``. The ScoreOutcome is built in memory
(deterministic, no store). The same run then reads the report's cells back and writes
exactly those cells with bare xlsxwriter — no formats, widths, filters, charts or print
set-up — as the floor, and prints both times, their ratio and the peak memory. It also
times the generated sample county (about 1,500 cadres).
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

from xingxian_cli.domain.diagnostics import Diagnostic, make
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.ranking import TaskResult, TownshipResult, VillageResult, competition_rank
from xingxian_cli.domain.registry import Registry, Village
from xingxian_cli.domain.scoring import CadreResult, RuleHit, StarChange
from xingxian_cli.io.policy_io import default_policy
from xingxian_cli.io.registry_io import default_registry
from xingxian_cli.io.report_writer import write_report
from xingxian_cli.services.scoring import ScoreOutcome

QUARTER = Quarter(2022, 4)
VILLAGES_PER_TOWNSHIP = 400
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国福生金锁满仓兰花红梅小平玉珍海燕"
GENERATED = datetime(2022, 12, 31, 9, 0, 0)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def synthetic(n: int, policy: Policy, seed: int = 20221231) -> tuple[ScoreOutcome, Registry]:
    """A ScoreOutcome of ``n`` cadres in 15 townships x 400 villages, ranked as the engine does."""
    rng = random.Random(seed)
    towns = default_registry().townships
    registry = Registry(tuple(
        Village(t, f"{t[:2]}{v:03d}村", "社区" if v % 25 == 0 else "村")
        for t in towns for v in range(VILLAGES_PER_TOWNSHIP)
    ))
    annual = policy.pay.annual
    k_by = policy.pay.k_by_stars
    ded_measures = policy.deduction_measures
    cadres: list[CadreResult] = []
    for i in range(n):
        township = towns[rng.randrange(len(towns))]
        village = f"{township[:2]}{rng.randrange(VILLAGES_PER_TOWNSHIP):03d}村"
        position = rng.choice(policy.positions)
        years = rng.randrange(0, 30)
        file = f"{township}_{QUARTER}.xlsx"
        roster = f"{file} › 村干部名册 › 第{i % 5000 + 3}行"
        hits = [RuleHit("tenure", f"任职满 {years} 年，工龄赋星", 1, None, roster)]
        tenure_stars = 0 if years < 1 else 1 if years < 5 else 2 if years < 10 else 3
        base = min(3, tenure_stars + (1 if rng.random() < 0.2 else 0))
        added = rng.choice((0, 0, 1, 1, 2))
        composite = Decimal(rng.randrange(6000, 10000)) / 100
        hits.append(RuleHit("system", f"六大体系综合分 {composite}，加 {added} 星", added, None,
                            f"{file} › 六大体系评分 › 第{i % 5000 + 3}行"))
        deducted = 0
        veto = None
        for _ in range(rng.choice((0, 0, 0, 0, 1, 2))):
            measure = rng.choice(ded_measures)
            source = f"{file} › 降星事项 › 第{rng.randrange(3, 300)}行"
            if rng.random() < 0.02:
                hits.append(RuleHit("veto", f"{measure}“违规”（2022-10-01）处理结果“开除党籍”：一票否决", None, None, source))
                veto = veto or f"{measure}：开除党籍（2022-10-01） {source}"
            else:
                deducted += 1
                hits.append(RuleHit("deduction", f"{measure}“履职不力被通报批评”（2022-08-01）：降 1 星", -1, None, source))
        if veto:
            status, stars, k = "vetoed", 0, policy.pay.k_vetoed
        elif years < 1:
            status, stars, k = "unrated", None, policy.pay.k_unrated
        else:
            stars = max(0, min(5, base + added - deducted))
            status, k = "rated", k_by[stars]
        pay = (Decimal(annual[position]) * (Decimal("0.6") + Decimal("0.4") * k) / 4).quantize(Decimal(1))
        bonus = Decimal(rng.randrange(100, 10001)) if position in ("书记", "书记兼主任", "主任") and rng.random() < 0.3 and status != "vetoed" else Decimal(0)
        hits.append(RuleHit("pay", f"季度报酬 {pay} 元", None, pay, roster))
        cadres.append(CadreResult(
            person_id=f"14112319{i:010d}",
            name=rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
            township=township, village=village, position=position, status=status,
            tenure_years=years, tenure_stars=tenure_stars, achievement_stars=base - tenure_stars,
            base=base, added=added, deducted=deducted, stars=stars,
            composite=composite, composite_exact=composite, rank_county=None, rank_township=None,
            pay=pay, bonus=bonus, veto_reason=veto, rules=hits, k=k, source=roster,
        ))
    rated = [c for c in cadres if c.status == "rated"]
    for c, rank in zip(rated, competition_rank([(c.stars, c.composite) for c in rated]), strict=True):
        c.rank_county = rank
    for t in towns:
        mine = [c for c in rated if c.township == t]
        for c, rank in zip(mine, competition_rank([(c.stars, c.composite) for c in mine]), strict=True):
            c.rank_township = rank
    rated.sort(key=lambda c: c.rank_county or 0)
    ordered = rated + [c for c in cadres if c.status != "rated"]
    kinds = ("up", "down", "same", "same", "new", "rated")
    changes = {}
    for c in ordered:
        kind = rng.choice(kinds)
        delta = {"up": 1, "down": -1, "same": 0}.get(kind)
        changes[c.person_id] = StarChange(c.person_id, kind, None, c.stars, delta)
    rates = [Decimal(rng.randrange(4000, 10000)) / 10000 for _ in towns]
    town_rows = [
        TownshipResult(township=t, submitted=True, completion_rate=r, rate_rounded=r, rank=0,
                       measures={m.id: r for m in policy.measures})
        for t, r in zip(towns, rates, strict=True)
    ]
    for row, rank in zip(town_rows, competition_rank([(r.rate_rounded,) for r in town_rows]), strict=True):
        row.rank = rank
    town_rows.sort(key=lambda r: r.rank)
    serving: dict[str, list[str]] = {t.id: [] for t in policy.tasks}
    for m in policy.measures:
        for tid in m.tasks:
            serving[tid].append(m.id)
    tasks = [
        TaskResult(task_id=t.id, area=t.area, title=t.title, completion=Decimal("0.8"),
                   measures=serving[t.id], rate_rounded=Decimal("0.8"))
        for t in policy.tasks
    ]
    villages = [
        VillageResult(township=v.township, village=v.name, kind=v.kind, completion=Decimal("0.75"),
                      rate_rounded=Decimal("0.75"), mean_stars=Decimal("2.5"), rank=0)
        for v in registry.villages
    ]
    for row, rank in zip(villages, competition_rank([(v.rate_rounded, v.mean_stars) for v in villages]), strict=True):
        row.rank = rank
    warnings: list[Diagnostic] = [
        make("village-no-secretary", file=f"{t}_{QUARTER}.xlsx", sheet="村干部名册", row=rng.randrange(3, 500),
             village=f"{t[:2]}{rng.randrange(VILLAGES_PER_TOWNSHIP):03d}村", heads="书记或书记兼主任")
        for t in towns for _ in range(60)
    ]
    outcome = ScoreOutcome(
        quarter=QUARTER, policy_version=policy.version, inputs_hash="f" * 64, cadres=ordered,
        townships=town_rows, tasks=tasks, villages=villages, changes=changes, submitted=list(towns),
        missing=[], warnings=warnings, previous_quarter="2022Q3",
    )
    return outcome, registry


def floor(source: Path, target: Path) -> tuple[float, float, int]:
    """Write every cell of ``source`` again with bare xlsxwriter; return (seconds, CPU seconds, cells)."""
    book = CalamineWorkbook.from_path(str(source))
    sheets = [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names]
    cells = 0
    started, cpu = time.perf_counter(), time.process_time()
    wb = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        string, number = ws.write_string, ws.write_number
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == "":
                    continue
                cells += 1
                if value.__class__ is str:
                    string(r, c, value)
                else:
                    number(r, c, value)
    wb.close()
    return time.perf_counter() - started, time.process_time() - cpu, cells


def sample_county(policy: Policy, out: Path) -> tuple[int, float]:
    """Time the report of the generated sample county (scoring excluded)."""
    from xingxian_cli.sample.generator import generate_county
    from xingxian_cli.sample.outcome import (
        build_outcome,  # generated submissions -> outcome, no store
    )

    registry = default_registry()
    q3 = generate_county(policy, registry, Quarter(2022, 3))
    o = build_outcome(policy, registry, QUARTER, generate_county(policy, registry, QUARTER, previous=q3),
                      previous=(Quarter(2022, 3), q3))
    started = time.perf_counter()
    write_report(o, policy, registry, out, generated_at=GENERATED)
    return len(o.cadres), time.perf_counter() - started


def main() -> None:
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and not sys.argv[1].isdigit()):
        sys.exit(f"usage: python {Path(__file__).name} [N]   (N cadres, default 100000)")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    policy = default_policy()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, small_s = sample_county(policy, folder / "sample.xlsx")
        print(f"sample county: {small:,} cadres, report written in {small_s:.2f} s")

        t0 = time.perf_counter()
        outcome, registry = synthetic(n, policy)
        t1 = time.perf_counter()
        hits = sum(1 for c in outcome.cadres for h in c.rules if h.rule in ("deduction", "veto"))
        print(f"built {n:,} cadres ({hits:,} deduction/veto hits, {len(outcome.warnings):,} warnings) "
              f"in {t1 - t0:.1f} s")
        before = _rss_mb()
        started, cpu = time.perf_counter(), time.process_time()
        report = write_report(outcome, policy, registry, folder / "report.xlsx", generated_at=GENERATED)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = _rss_mb()
        size = report.path.stat().st_size / 1e6
        floor_s, floor_cpu, cells = floor(report.path, folder / "floor.xlsx")
        print(f"report:  {seconds:.2f} s ({cpu:.2f} s CPU)  {cells:,} cells, {size:.1f} MB")
        print(f"floor:   {floor_s:.2f} s ({floor_cpu:.2f} s CPU)  bare xlsxwriter, same cells, no formatting")
        print(f"ratio:   {seconds / floor_s:.2f} (CPU {cpu / floor_cpu:.2f})")
        print(f"memory:  peak RSS {peak:.0f} MB; the outcome alone {before:.0f} MB, "
              f"so writing added {peak - before:.0f} MB")


if __name__ == "__main__":
    main()
