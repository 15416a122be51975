"""Benchmark: score and rank 100,000 synthetic cadres in memory (target: under 2 s).

Run: ``python benchmarks/bench_score.py [N]``. Facts are generated deterministically here
(not by the sample generator) so the figure only measures the engine.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from xingxian_cli.domain.facts import Cadre, Deduction, Economy, Honour, Source, SystemScores
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.scoring import changes, score_cadres
from xingxian_cli.io.policy_io import default_policy

QUARTER = Quarter(2022, 4)  # Q4, so the collective-economy bonus is exercised too
TOWNSHIPS = 15
VILLAGES_PER_TOWNSHIP = 400


def _id(n: int) -> str:
    return f"14112319{n:010d}"


def generate(n: int, seed: int = 20221231) -> tuple[list, dict, list, list, dict]:
    """``n`` cadres with scores, honours, deductions (some re-reported) and economy."""
    rng = random.Random(seed)
    policy = default_policy()
    positions = policy.positions
    systems = policy.systems
    levels = policy.star_rules.honour_levels
    outcome_pool = ["警告", "严重警告", "政务处分", *["警告"] * 20, "开除党籍"]
    score_values = [Decimal(v) / 2 for v in range(100, 201)]  # 50.0 .. 100.0 in halves
    first_day = date(1990, 1, 1)
    span = (QUARTER.end - first_day).days + 200
    cadres: list[Cadre] = []
    scores: dict[str, SystemScores] = {}
    honours: list[Honour] = []
    deductions: list[Deduction] = []
    economy: dict[tuple[str, str], Economy] = {}
    for t in range(TOWNSHIPS):
        township = f"乡镇{t:02d}"
        for v in range(VILLAGES_PER_TOWNSHIP):
            village = f"村{v:03d}"
            last = Decimal(rng.randrange(0, 2000)) / 10
            this = (last * Decimal(rng.choice(["0.9", "1.05", "1.1", "1.3", "3"]))).quantize(
                Decimal("0.01")
            )
            economy[(township, village)] = Economy(
                village, last, this, Source(f"{township}_2022Q4.xlsx", "村集体经济", v + 3)
            )
    for i in range(n):
        pid = _id(i)
        name = f"干部{i}"
        township = f"乡镇{rng.randrange(TOWNSHIPS):02d}"
        village = f"村{rng.randrange(VILLAGES_PER_TOWNSHIP):03d}"
        file = f"{township}_2022Q4.xlsx"
        cadres.append(
            Cadre(
                pid,
                name,
                township,
                village,
                rng.choice(positions),
                first_day + timedelta(days=rng.randrange(span)),
                source=Source(file, "村干部名册", i + 3),
            )
        )
        scores[pid] = SystemScores(
            pid,
            name,
            {s: rng.choice(score_values) for s in systems},
            Source(file, "六大体系评分", i + 3),
        )
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            h = Honour(
                pid,
                name,
                rng.choice(("优秀党务工作者", "人民满意村干部", "脱贫攻坚先进个人")),
                rng.choice(levels),
                QUARTER.end - timedelta(days=rng.randrange(2000)),
                source=Source(file, "荣誉成就", i + 3),
            )
            honours.append(h)
            if rng.random() < 0.3:  # re-reported in a later quarter's file: counts once
                honours.append(replace(h, source=Source(f"{township}_2023Q1.xlsx", "荣誉成就", i + 3)))
        for _ in range(rng.choice((0, 0, 0, 0, 1, 2))):
            measure = rng.choice(policy.deduction_measures)
            outcome = rng.choice(outcome_pool) if measure == "违纪违法" else None
            d = Deduction(
                pid,
                name,
                measure,
                None,
                outcome,
                QUARTER.end - timedelta(days=rng.randrange(800)),
                source=Source(file, "降星事项", i + 3),
            )
            deductions.append(d)
            if rng.random() < 0.3:
                deductions.append(replace(d, source=Source(f"{township}_2023Q1.xlsx", "降星事项", i + 3)))
    return cadres, scores, honours, deductions, economy


def _speed_check() -> float:
    """Seconds for a fixed pure-Python loop: the shared VM's speed varies by half over a
    day, so the scoring figure is only comparable next to this one."""
    t = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - t


def main() -> None:
    if len(sys.argv) > 3 or not all(a.isdigit() for a in sys.argv[1:]):
        sys.exit(f"usage: python {Path(__file__).name} [N [REPEAT]]   (N cadres, default 100000; 3 runs)")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    policy = default_policy()
    t0 = time.perf_counter()
    cadres, scores, honours, deductions, economy = generate(n)
    print(
        f"generated {n:,} cadres, {len(honours):,} honours, {len(deductions):,} deductions "
        f"in {time.perf_counter() - t0:.2f} s"
    )
    gc.collect()
    timings, cpu = [], []
    for _ in range(repeat):
        t1, c1 = time.perf_counter(), time.process_time()
        results = score_cadres(policy, QUARTER, cadres, scores, honours, deductions, economy)
        timings.append(time.perf_counter() - t1)
        cpu.append(time.process_time() - c1)
        # score_cadres pauses the cyclic collector; the pass it defers is timed on its own.
        t2 = time.perf_counter()
        gc.collect()
        collect = time.perf_counter() - t2
        if _ < repeat - 1:
            del results
            gc.collect()
    rated = sum(1 for r in results if r.status == "rated")
    hits = sum(len(r.rules) for r in results)
    runs = ", ".join(f"{t:.3f}" for t in timings)
    print(
        f"score_cadres (+ ranking): best {min(timings):.3f} s of {repeat} runs ({runs}) "
        f"for {n:,} cadres ({rated:,} rated, {hits:,} rule hits)"
    )
    # On a shared machine the wall clock includes time other processes held the CPU.
    print(f"CPU time of the same runs: best {min(cpu):.3f} s")
    print(f"deferred garbage collection after the last run: {collect:.3f} s")
    t3 = time.perf_counter()
    delta = changes(results, results)
    print(f"changes: {time.perf_counter() - t3:.3f} s for {len(delta):,} people")
    print(f"speed check (10M-iteration loop): {_speed_check():.3f} s")


if __name__ == "__main__":
    main()
