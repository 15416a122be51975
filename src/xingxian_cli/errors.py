"""Exceptions shared by services and the CLI."""

from __future__ import annotations


class UsageError(Exception):
    """Wrong usage detected after parsing (unknown township, bad quarter …): exit code 2."""
