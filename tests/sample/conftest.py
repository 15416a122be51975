"""Fixtures: the generated sample county for 2022Q3 and its evolution into 2022Q4."""

from __future__ import annotations

import pytest

from xingxian_cli.domain.facts import Submission
from xingxian_cli.domain.period import Quarter
from xingxian_cli.sample.generator import generate_county


@pytest.fixture(scope="session")
def county_q3(policy, registry) -> dict[str, Submission]:
    return generate_county(policy, registry, Quarter(2022, 3), seed=2022)


@pytest.fixture(scope="session")
def county_q4(policy, registry, county_q3) -> dict[str, Submission]:
    return generate_county(policy, registry, Quarter(2022, 4), seed=2022, previous=county_q3)
