"""Registry use cases: import a county's registry, summarise it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xingxian_cli.domain.diagnostics import DataError, make
from xingxian_cli.domain.registry import Registry
from xingxian_cli.io.registry_io import load_registry
from xingxian_cli.io.store import Store
from xingxian_cli.messages.diagnostics import LIST_SEP
from xingxian_cli.messages.workbook import COMMUNITY, VILLAGE
from xingxian_cli.services.context import Context


@dataclass
class TownshipCount:
    township: str
    villages: int
    communities: int

    @property
    def total(self) -> int:
        return self.villages + self.communities


def import_registry(ctx: Context, path: Path, *, force: bool = False) -> Registry:
    """Check the file and replace the workspace registry with it (raises DataError).

    A registry that drops a township or village the imported submissions hold is refused
    (unless ``force``): those cadres would still be scored and paid, under no township.
    """
    reg = load_registry(path)
    if not force:
        check_keeps_data(ctx.store, reg, path.name)
    ctx.store.replace_registry(reg)
    ctx.store.audit("registry-import", {"file": path.name, "villages": len(reg.villages)})
    ctx.registry = reg
    return reg


def check_keeps_data(store: Store, reg: Registry, file: str) -> None:
    """Raise DataError when ``reg`` lacks a township or village the store's current
    submissions hold."""
    problems = []
    for township, (quarters, villages) in store.places_with_data().items():
        if township not in reg.by_township:
            problems.append(make("registry-drops-township", file=file, township=township,
                                 quarters=LIST_SEP.join(quarters)))
            continue
        gone = sorted(v for v in villages if reg.village_named(township, v) is None)
        if gone:
            problems.append(make("registry-drops-village", file=file, township=township,
                                 villages=LIST_SEP.join(gone)))
    if problems:
        raise DataError(problems)


def registry_summary(reg: Registry) -> list[TownshipCount]:
    """Per township, the number of 村 and 社区, in registry order."""
    return [
        TownshipCount(t, sum(v.kind == VILLAGE for v in vs), sum(v.kind == COMMUNITY for v in vs))
        for t, vs in reg.by_township.items()
    ]
