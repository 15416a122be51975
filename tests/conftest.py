"""Shared fixtures: the default policy and registry."""

from __future__ import annotations

import pytest

from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.io.policy_io import default_policy
from xingxian_cli.io.registry_io import default_registry


@pytest.fixture(scope="session")
def policy() -> Policy:
    return default_policy()


@pytest.fixture(scope="session")
def registry() -> Registry:
    return default_registry()
