"""The administrative registry (行政区划名录): townships and their villages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from xingxian_cli.domain.text import norm


@dataclass(frozen=True, slots=True)
class Village:
    township: str
    name: str
    kind: str  # 村 / 社区
    code: str | None = None


@dataclass(frozen=True)
class Registry:
    """Townships in registry order, each with its villages."""

    villages: tuple[Village, ...]
    # (township, name, 区划代码) of villages renamed by earlier registries (村改居: 肖家洼村 →
    # 肖家洼社区, the same code): facts stored under the old name are the renamed village's
    # (review R123: a renamed village counted as not reported, 0 %). Not part of equality.
    former: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)

    def with_former(self, renamed: Sequence[Sequence[str]]) -> Registry:
        """This registry knowing the villages ``renamed`` ((township, old name, 区划代码) each)."""
        former = tuple(dict.fromkeys((*self.former, *((t, n, c) for t, n, c in renamed))))
        return self if former == self.former else replace(self, former=former)

    @cached_property
    def townships(self) -> list[str]:
        return list(dict.fromkeys(v.township for v in self.villages))

    @cached_property
    def by_township(self) -> dict[str, list[Village]]:
        out: dict[str, list[Village]] = {t: [] for t in self.townships}
        for v in self.villages:
            out[v.township].append(v)
        return out

    def other_county(self, county_code: str) -> str | None:
        """The county code (the first 6 digits) every 区划代码 the registry gives starts with, when
        that is not ``county_code``: a registry of another county; None otherwise (no codes, or
        codes of several counties, or of this one)."""
        prefixes = self.county_codes()
        return next(iter(prefixes)) if len(prefixes) == 1 and not self.covered_by(county_code) else None

    def covering_code(self) -> str | None:
        """The smallest area code covering every county the 区划代码 name: their prefecture's
        (1411xx: 141100) or province's (14xxxx: 140000); None when none does (or no codes)."""
        codes = self.county_codes()
        for digits in (4, 2):
            heads = {c[:digits] for c in codes}
            if len(heads) == 1:
                return next(iter(heads)).ljust(6, "0")
        return None

    def other_counties(self, code: str) -> list[str] | None:
        """The county codes, sorted, of a registry of several counties none of which is ``code``'s
        and which ``code`` (a prefecture's, a province's) does not hold; None otherwise."""
        codes = self.county_codes()
        return sorted(codes) if len(codes) > 1 and code not in codes and not self.covered_by(code) else None

    def covered_by(self, code: str) -> bool:
        """Whether every 区划代码 the registry gives lies within the area of ``code``: the county's
        own, or a prefecture's (141100: 1411…) or a province's (140000: 14…) holding them."""
        area = code
        while area.endswith("00") and len(area) > 2:
            area = area[:-2]
        return all(c.startswith(area) for c in self.county_codes())

    def county_codes(self) -> set[str]:
        """The county codes (first 6 digits) the registry's 区划代码 start with."""
        return {v.code[:6] for v in self.villages if v.code and len(v.code) >= 6 and v.code[:6].isdigit()}

    def village_names(self, township: str) -> list[str]:
        return [v.name for v in self.by_township.get(township, [])]

    def has_village(self, township: str, village: str) -> bool:
        return village in self._village_sets.get(township, ())

    def village_named(self, township: str, name: str) -> str | None:
        """The registry's spelling of the township's village written ``name``, exactly or as
        matching folds names (城東社区 and 城东 社区 are 城东社区), or by a name it had before a
        rename (``former``); None when it has none.

        Stored facts keep the spelling of the registry they were imported under, so a
        registry imported again in other but equal spellings still holds their villages.
        """
        names = self._village_sets.get(township)
        if names is None:
            return None
        if name in names:
            return name
        return self._folded[township].get(norm(name))

    def renamed_to(self, township: str, name: str) -> str | None:
        """The township's village now named otherwise that was written ``name`` before a rename
        (``former``: the same 区划代码); None when ``name`` is no such former name."""
        return self._renamed.get((township, norm(name)))

    def place_key(self, positions: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
        """A sort key for people (``township``, ``village``, ``position``, ``name``,
        ``person_id``): township and village in registry order, then post in ``positions``'
        order, name and ID; places the registry lacks after its own, by name."""
        towns = {t: i for i, t in enumerate(self.townships)}
        villages = {(v.township, v.name): i for i, v in enumerate(self.villages)}
        posts = {p: i for i, p in enumerate(positions)}
        big = len(villages) + len(posts)

        def key(c: Any) -> tuple[Any, ...]:
            return (towns.get(c.township, big), c.township,
                    villages.get((c.township, self.village_named(c.township, c.village) or c.village), big), c.village,
                    posts.get(c.position, big), c.name, c.person_id)

        return key

    @cached_property
    def _village_sets(self) -> dict[str, frozenset[str]]:
        return {t: frozenset(v.name for v in vs) for t, vs in self.by_township.items()}

    @cached_property
    def _renamed(self) -> dict[tuple[str, str], str]:
        by_code = {(v.township, v.code): v.name for v in self.villages if v.code}
        names = {(v.township, norm(v.name)) for v in self.villages}
        return {(t, norm(n)): now for t, n, c in self.former
                if (now := by_code.get((t, c))) is not None and (t, norm(n)) not in names}

    @cached_property
    def _folded(self) -> dict[str, dict[str, str]]:
        folded = {t: {norm(v.name): v.name for v in vs} for t, vs in self.by_township.items()}
        by_code = {(v.township, v.code): v.name for v in self.villages if v.code}
        for township, name, code in self.former:  # a name now another village's stays that one's
            if (now := by_code.get((township, code))) is not None:
                folded[township].setdefault(norm(name), now)
        return folded
