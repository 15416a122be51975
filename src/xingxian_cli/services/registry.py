"""Registry use cases: import a county's registry, summarise it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xingxian_cli.domain.registry import Registry
from xingxian_cli.io.registry_io import load_registry
from xingxian_cli.services.context import Context


@dataclass
class TownshipCount:
    township: str
    villages: int
    communities: int

    @property
    def total(self) -> int:
        return self.villages + self.communities


def import_registry(ctx: Context, path: Path) -> Registry:
    """Check the file and replace the workspace registry with it (raises DataError)."""
    reg = load_registry(path)
    ctx.store.replace_registry(reg)
    ctx.store.audit("registry-import", {"file": path.name, "villages": len(reg.villages)})
    ctx.registry = reg
    return reg


def registry_summary(reg: Registry) -> list[TownshipCount]:
    """Per township, the number of 村 and 社区, in registry order."""
    return [
        TownshipCount(t, sum(v.kind == "村" for v in vs), sum(v.kind == "社区" for v in vs))
        for t, vs in reg.by_township.items()
    ]
