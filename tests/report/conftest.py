"""Fixtures: score outcomes of the generated sample county, built without a workspace store."""

from __future__ import annotations

import pytest

from xingxian_cli.domain.diagnostics import Diagnostic, make
from xingxian_cli.domain.facts import Submission
from xingxian_cli.domain.period import Quarter
from xingxian_cli.sample.generator import generate_county
from xingxian_cli.sample.outcome import build_outcome
from xingxian_cli.services.scoring import ScoreOutcome

__all__ = ["Q3", "Q4", "build_outcome"]

Q3 = Quarter(2022, 3)
Q4 = Quarter(2022, 4)


@pytest.fixture(scope="session")
def county_q3(policy, registry) -> dict[str, Submission]:
    return generate_county(policy, registry, Q3, seed=2022)


@pytest.fixture(scope="session")
def county_q4(policy, registry, county_q3) -> dict[str, Submission]:
    return generate_county(policy, registry, Q4, seed=2022, previous=county_q3)


@pytest.fixture(scope="session")
def sample_warnings(county_q3) -> list[Diagnostic]:
    first, second = list(county_q3.values())[:2]
    return [
        make("village-no-cadres", file=first.file, sheet="村干部名册", village="某村"),
        make("honour-outside-window", file=second.file, sheet="荣誉成就", row=7, column="E",
             header="授予日期", value="2019-01-01", months=36),
    ]


@pytest.fixture(scope="session")
def outcome_q3(policy, registry, county_q3, sample_warnings) -> ScoreOutcome:
    return build_outcome(policy, registry, Q3, county_q3, warnings=sample_warnings)


@pytest.fixture(scope="session")
def outcome_q4(policy, registry, county_q3, county_q4) -> ScoreOutcome:
    return build_outcome(policy, registry, Q4, county_q4, previous=(Q3, county_q3))
