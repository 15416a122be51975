"""Several officers at once, as separate ``xx`` processes, on either engine."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace

from sqlalchemy import text

from xingxian_cli.domain.period import Quarter

Q3 = Quarter(2022, 3)


def _xx(ws, *args):
    return subprocess.Popen([sys.executable, "-m", "xingxian_cli", "-w", str(ws), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait(procs, timeout=120):
    codes = [p.wait(timeout=timeout) for p in procs]
    assert codes == [0] * len(procs), [p.stderr.read().decode() for p in procs]


def test_four_importers_on_different_townships_all_land(make_ws, sample_dir, ws_engine):
    ws = make_ws()
    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:4]
    _wait([_xx(ws, "import", f, "--quarter", "2022Q3") for f in files])
    with ws_engine(ws).connect() as c:
        rows = c.execute(text("SELECT township, version, is_current FROM submission")).all()
        n_cadres = c.execute(text("SELECT count(*) FROM cadre")).scalar()
    assert sorted(t for t, _, _ in rows) == sorted(f.name.split("_")[0] for f in files)
    assert all(v == 1 and bool(cur) for _, v, cur in rows)
    assert n_cadres > 0


def test_two_runs_sharing_townships_in_opposite_orders_both_finish(make_ws, sample_dir, ws_engine, monkeypatch,
                                                                   db_backend):
    # Each run stages its files as their checks finish and holds them until it commits: two
    # runs taking the same townships in opposite orders must wait for each other, not deadlock.
    # (On PostgreSQL each township is locked apart: three rounds for the crossing to happen. A
    # SQLite import holds the whole file's write lock from its first file: one round.)
    monkeypatch.setenv("XX_WORKERS", "0")  # checked, so staged, in argument order
    ws = make_ws()
    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))
    first = [files[0], *files[2:5], files[1]]  # three files between the shared ones: time to cross
    second = [files[1], *files[5:8], files[0]]
    for _ in range(3 if db_backend == "postgresql" else 1):
        _wait([_xx(ws, "import", *first, "--quarter", "2022Q3"), _xx(ws, "import", *second, "--quarter", "2022Q3")])
    with ws_engine(ws).connect() as c:
        current = c.execute(text("SELECT township, version FROM submission WHERE is_current = true")).all()
    assert len(current) == 8 and all(v == 1 for _t, v in current)


def test_two_importers_on_the_same_township_leave_versions_1_and_2(make_ws, tmp_path, policy, registry, ws_engine):
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    ws = make_ws()
    sub = generate_county(policy, registry, Q3, seed=2022)["瓦塘镇"]
    paths = []
    for i in range(2):
        book = book_from_submission(sub, policy)
        book.info["filler"] = f"填报人{i}"
        paths.append(write_book(book, tmp_path / f"瓦塘镇_2022Q3_{i}.xlsx", policy=policy, registry=registry))
    _wait([_xx(ws, "import", p, "--quarter", "2022Q3") for p in paths])
    with ws_engine(ws).connect() as c:
        rows = c.execute(text("SELECT version, is_current FROM submission ORDER BY version")).all()
        n_cadres = c.execute(text("SELECT count(*) FROM cadre")).scalar()
    assert [(v, bool(cur)) for v, cur in rows] == [(1, False), (2, True)]
    assert n_cadres == 2 * len(sub.cadres)


def _without_last_cadre(sub):
    gone = sub.cadres[-1].person_id
    return replace(
        sub, filler="更正版",
        cadres=sub.cadres[:-1],
        scores=[s for s in sub.scores if s.person_id != gone],
        honours=[h for h in sub.honours if h.person_id != gone],
        deductions=[d for d in sub.deductions if d.person_id != gone],
    )


def test_scoring_while_an_import_runs_sees_each_township_whole_old_or_whole_new(
        xx, make_ws, tmp_path, policy, registry):
    """Five townships each send a corrected version with one cadre fewer; scores computed
    during the import show every township at its old or its new roster, never between."""
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book
    from xingxian_cli.services.context import open_context
    from xingxian_cli.services.scoring import score_quarter

    ws = make_ws()
    county = generate_county(policy, registry, Q3, seed=2022)
    first, second = tmp_path / "第一版", tmp_path / "更正版"
    first.mkdir()
    second.mkdir()
    towns = list(county)[:5]
    for t in towns:
        write_book(book_from_submission(county[t], policy), first / f"{t}_2022Q3.xlsx", policy=policy, registry=registry)
        write_book(book_from_submission(_without_last_cadre(county[t]), policy), second / f"{t}_2022Q3_更正.xlsx",
                   policy=policy, registry=registry)
    assert xx("-w", ws, "import", first, "--quarter", "2022Q3").code == 0
    old = {t: len(county[t].cadres) for t in towns}

    proc = _xx(ws, "import", second, "--quarter", "2022Q3")
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        running = proc.poll() is None
        with open_context(ws) as ctx:
            o = score_quarter(ctx, Q3, store=False)
        seen.append(Counter(c.township for c in o.cadres))
        if not running:
            break
    _wait([proc])
    for counts in seen:
        for t in towns:
            assert counts[t] in (old[t], old[t] - 1), (t, counts[t], old[t])
    assert all(seen[-1][t] == old[t] - 1 for t in towns)
    assert len(seen) >= 2
