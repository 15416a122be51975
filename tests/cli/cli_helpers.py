"""Builders for the CLI tests: a workspace where a cadre moved township between quarters."""

from __future__ import annotations

from pathlib import Path

from xingxian_cli.domain.facts import Cadre
from xingxian_cli.domain.period import Quarter
from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book


def workspace_with_a_mover(xx, tmp_path: Path, policy, registry, sent: tuple[str, ...] | None = None
                           ) -> tuple[Path, Cadre, str]:
    """A workspace with 2022Q3 imported (every township, or those ``sent``), then 魏家滩镇's
    2022Q4 listing 蔚汾镇's first cadre in its first village: (workspace, that cadre, village)."""
    county = generate_county(policy, registry, Quarter(2022, 3), seed=2022)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    q3 = [write_book(book_from_submission(sub, policy), tmp_path / f"{t}_2022Q3.xlsx", policy=policy, registry=registry)
          for t, sub in county.items() if sent is None or t in sent]
    assert xx("-w", ws, "import", *q3, "-q", "2022Q3").code == 0
    mover = county["蔚汾镇"].cadres[0]
    book = book_from_submission(county["魏家滩镇"], policy)
    book.info["quarter"] = "2022Q4"
    village = book.sheets["roster"][0][0]
    book.sheets["roster"].append([village, mover.name, mover.person_id, "委员", mover.start_date, None, None, None])
    book.sheets["scores"].append([mover.person_id, mover.name, *([80] * len(policy.systems))])
    q4 = write_book(book, tmp_path / "魏家滩镇_2022Q4.xlsx", policy=policy, registry=registry)
    assert xx("-w", ws, "import", q4, "-q", "2022Q4").code == 0
    return ws, mover, village
