"""Factories for scoring tests: facts built directly from the domain dataclasses."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from xingxian_cli.domain.facts import Cadre, Deduction, Economy, Honour, Source, SystemScores
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.policy import Policy, build_policy
from xingxian_cli.domain.scoring import CadreResult, score_cadres

TOWNSHIP = "蔚汾镇"
VILLAGE = "城东社区"


def variant(policy: Policy, changes: Mapping[str, Any]) -> Policy:
    """A copy of ``policy`` with dotted-path fields replaced, checked like a policy file."""
    data = copy.deepcopy(policy.model_dump())
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = data
        for part in parents:
            node = node[part]
        node[leaf] = value
    built, problems = build_policy(data)
    assert built is not None, problems
    return built


class Make:
    """Builds facts with sensible defaults, so each test states only what it is about."""

    def __init__(self) -> None:
        self._row = 2

    def _source(self, file: str, sheet: str) -> Source:
        self._row += 1
        return Source(file, sheet, self._row)

    def cadre(
        self,
        pid: str = "P1",
        *,
        start: date = date(2015, 1, 1),
        position: str = "书记",
        township: str = TOWNSHIP,
        village: str = VILLAGE,
        name: str | None = None,
    ) -> Cadre:
        return Cadre(
            person_id=pid,
            name=name or f"干部{pid}",
            township=township,
            village=village,
            position=position,
            start_date=start,
            source=self._source(f"{township}_2022Q3.xlsx", "村干部名册"),
        )

    def scores(self, pid: str, values: Sequence[object], policy: Policy) -> SystemScores:
        """Six-system scores in policy order (numbers or numeric strings)."""
        assert len(values) == len(policy.systems)
        return SystemScores(
            person_id=pid,
            name=f"干部{pid}",
            scores={s: Decimal(str(v)) for s, v in zip(policy.systems, values, strict=True)},
            source=self._source(f"{TOWNSHIP}_2022Q3.xlsx", "六大体系评分"),
        )

    def honour(
        self,
        pid: str = "P1",
        on: date = date(2021, 6, 1),
        *,
        level: str = "县级",
        title: str = "优秀共产党员",
        file: str = f"{TOWNSHIP}_2022Q3.xlsx",
    ) -> Honour:
        return Honour(
            person_id=pid,
            name=f"干部{pid}",
            title=title,
            level=level,
            date=on,
            doc_no="兴组〔2021〕1号",
            source=self._source(file, "荣誉成就"),
        )

    def deduction(
        self,
        pid: str = "P1",
        on: date = date(2022, 5, 1),
        *,
        measure: str = "考核问责",
        outcome: str | None = None,
        situation: str | None = None,
        doc_no: str | None = "兴纪〔2022〕1号",
        file: str = f"{TOWNSHIP}_2022Q3.xlsx",
    ) -> Deduction:
        return Deduction(
            person_id=pid,
            name=f"干部{pid}",
            measure=measure,
            situation=situation,
            outcome=outcome,
            date=on,
            doc_no=doc_no,
            source=self._source(file, "降星事项"),
        )

    def economy(
        self, last: str, this: str, *, township: str = TOWNSHIP, village: str = VILLAGE
    ) -> dict[tuple[str, str], Economy]:
        return {
            (township, village): Economy(
                village,
                Decimal(last),
                Decimal(this),
                self._source(f"{township}_2022Q4.xlsx", "村集体经济"),
            )
        }

    def score(
        self,
        policy: Policy,
        quarter: str | Quarter,
        cadres: Sequence[Cadre],
        *,
        scores: Mapping[str, Sequence[object]] | None = None,
        honours: Iterable[Honour] = (),
        deductions: Iterable[Deduction] = (),
        economy: Mapping[tuple[str, str], Economy] | None = None,
        default_scores: Sequence[object] = (80, 80, 80, 80, 80, 80),
    ) -> list[CadreResult]:
        """Score ``cadres``; anyone without explicit scores gets ``default_scores``."""
        q = Quarter.parse(quarter) if isinstance(quarter, str) else quarter
        given = dict(scores or {})
        rows = {
            c.person_id: self.scores(c.person_id, given.get(c.person_id, default_scores), policy)
            for c in cadres
        }
        return score_cadres(policy, q, cadres, rows, honours, deductions, economy or {})

    def one(self, policy: Policy, quarter: str | Quarter, cadre: Cadre, **kw: Any) -> CadreResult:
        """Score a single cadre."""
        (result,) = self.score(policy, quarter, [cadre], **kw)
        return result


@pytest.fixture(scope="session")
def make() -> Make:
    return Make()


@pytest.fixture(scope="session")
def vary():
    """``vary(policy, {"dotted.path": value})``: a checked variant of a policy."""
    return variant
