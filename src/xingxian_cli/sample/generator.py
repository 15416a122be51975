"""Deterministic synthetic county: township submissions and the workbooks clerks send back."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from stdnum.cn import ric

from xingxian_cli.domain.facts import (
    Cadre,
    Deduction,
    Economy,
    Honour,
    Progress,
    Submission,
    SystemScores,
)
from xingxian_cli.domain.period import Quarter, add_months, full_years, window_start
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.io.template_writer import (
    DATE_COLUMNS,
    SEX_COLUMN,
    SheetSpec,
    choice_lists,
    guide_spec,
    info_spec,
    quarter_cn,
    resolve_columns,
    roster_row,
    standard_labels,
    write_sheets,
)
from xingxian_cli.messages import template as msg
from xingxian_cli.messages.workbook import INFO_KEYS, SHEETS
from xingxian_cli.sample import vocab

DEFAULT_SEED = 2022
SAMPLE_QUARTERS = (Quarter(2022, 3), Quarter(2022, 4))

# Canonical positions the synthetic villages are staffed with (all in the default policy).
SECRETARY_AND_DIRECTOR = "书记兼主任"
SECRETARY = "书记"
DIRECTOR = "主任"
HEADS = (SECRETARY_AND_DIRECTOR, SECRETARY)
DEPUTY_SECRETARY = "副书记"
DEPUTY_DIRECTOR = "副主任"
SUPERVISOR = "监委会主任"
MEMBER = "委员"

VILLAGE_SIZES = ((4, 1), (5, 2), (6, 3), (7, 2), (8, 1))
MIN_VILLAGE, MAX_VILLAGE = 4, 8
AGE_MIN, AGE_MAX = 23, 62
HEAD_AGE_MIN = 32
ADULT_MONTHS = 18 * 12
EARLIEST_START = date(1984, 1, 1)
CENT = Decimal("0.01")
ONE_DAY = timedelta(days=1)

# Column keys whose values are codes (matched through Traditional/aliases by the reader).
_CODED_COLUMNS = frozenset({"village", "position", "level", "measure", "outcome", "status"})


# --- Generation -------------------------------------------------------------------------


def generate_county(
    policy: Policy,
    registry: Registry,
    quarter: Quarter,
    seed: int = DEFAULT_SEED,
    previous: dict[str, Submission] | None = None,
) -> dict[str, Submission]:
    """One valid submission per registry township (registry order) for ``quarter``.

    The same arguments always give the same result. With ``previous`` (the quarter
    before), the county evolves: the same people keep IDs and start dates, a few leave,
    join, change position or move township, earlier facts are partly reported again.
    """
    missing = [
        p
        for p in (*HEADS, DIRECTOR, DEPUTY_SECRETARY, DEPUTY_DIRECTOR, SUPERVISOR, MEMBER)
        if p not in policy.positions
    ]
    if missing:
        raise ValueError(f"the sample generator needs positions {missing} in the policy")
    builder = _CountyBuilder(policy, registry, quarter, random.Random(f"xingxian:{seed}:{quarter}"))
    if previous is None:
        return builder.fresh()
    return builder.evolve(previous)


def _weighted(rng: random.Random, pairs: tuple[tuple[object, int], ...]):  # type: ignore[no-untyped-def]
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _uniform_date(rng: random.Random, lo: date, hi: date) -> date:
    if hi <= lo:
        return lo
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def _dec(x: float) -> Decimal:
    return Decimal(str(round(x, 2))).quantize(CENT, ROUND_HALF_UP)


class _CountyBuilder:
    def __init__(self, policy: Policy, registry: Registry, quarter: Quarter, rng: random.Random):
        self.policy = policy
        self.registry = registry
        self.quarter = quarter
        self.end = quarter.end
        self.rng = rng
        self.used_ids: set[str] = set()
        sr = policy.star_rules
        self.honour_window = sr.achievement.window_months
        self.deduction_window = sr.deductions.window_months
        # Tenure bands as [lo, hi) years: not rated, then each policy band.
        edges = [0, sr.min_tenure_years, *(b.min_years for b in sr.tenure_bands)]
        lows = sorted(set(edges))
        self.bands = [(lo, hi) for lo, hi in zip(lows, lows[1:], strict=False)] + [
            (lows[-1], lows[-1] + 20)
        ]
        self.band_weights = [10, 40, 25, 25][: len(self.bands)] + [20] * max(0, len(self.bands) - 4)
        self.position_rank = {p: i for i, p in enumerate(policy.positions)}
        n = len(vocab.SURNAMES)
        self.surname_weights = [n - i + 5 for i in range(n)]

    # -- people ------------------------------------------------------------------------

    def new_cadre(
        self, township: str, village: str, position: str, start: date | None = None
    ) -> Cadre:
        rng = self.rng
        head = position in HEADS
        female = rng.random() < (0.10 if head else 0.26)
        age = rng.randint(HEAD_AGE_MIN if head else AGE_MIN, AGE_MAX)
        birth = _uniform_date(
            rng, add_months(self.end, -12 * (age + 1)) + ONE_DAY, add_months(self.end, -12 * age)
        )
        young = birth.year >= 1985
        if female:
            given = vocab.FEMALE_GIVEN_YOUNG if young else vocab.FEMALE_GIVEN_OLD
        else:
            given = vocab.MALE_GIVEN_YOUNG if young else vocab.MALE_GIVEN_OLD
        name = rng.choices(vocab.SURNAMES, weights=self.surname_weights)[0] + rng.choice(given)
        politics = "中共党员" if head else _weighted(rng, vocab.POLITICS)
        education = _weighted(rng, vocab.EDUCATION_YOUNG if young else vocab.EDUCATION_OLD)
        phone = (
            rng.choice(vocab.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if rng.random() < 0.92
            else None
        )
        return Cadre(
            person_id=self.new_id(birth, female),
            name=name,
            township=township,
            village=village,
            position=position,
            start_date=start or self.start_date(birth),
            politics=politics,
            education=education if rng.random() < 0.95 else None,
            phone=phone,
        )

    def new_id(self, birth: date, female: bool) -> str:
        while True:
            area = _weighted(self.rng, vocab.AREA_CODES)
            sex_digit = self.rng.choice("02468" if female else "13579")
            body = f"{area}{birth:%Y%m%d}{self.rng.randrange(100):02d}{sex_digit}"
            pid = body + ric.calc_check_digit(body + "0")
            if pid not in self.used_ids:
                self.used_ids.add(pid)
                return pid

    def start_date(self, birth: date) -> date:
        rng = self.rng
        earliest = max(add_months(birth, ADULT_MONTHS), EARLIEST_START)
        band = rng.choices(range(len(self.bands)), weights=self.band_weights)[0]
        while True:
            lo_years, hi_years = self.bands[band]
            lo = max(add_months(self.end, -12 * hi_years) + ONE_DAY, earliest)
            hi = add_months(self.end, -12 * lo_years)
            if lo <= hi or band == 0:
                break
            band -= 1
        d = _uniform_date(rng, lo, hi)
        # Appointments often date from the first of a month (and clerks then write "2015.3").
        if rng.random() < 0.45 and d.replace(day=1) >= lo:
            d = d.replace(day=1)
        return d

    def adult_on(self, cadre: Cadre, d: date) -> bool:
        return add_months(_birth(cadre.person_id), ADULT_MONTHS) <= d

    def tenure(self, cadre: Cadre) -> int:
        return full_years(cadre.start_date, self.end)

    def sort_roster(self, cadres: list[Cadre], village_order: dict[str, int]) -> list[Cadre]:
        return sorted(
            cadres,
            key=lambda c: (
                village_order.get(c.village, 10**6),
                self.position_rank.get(c.position, 99),
            ),
        )

    def staff_village(self, township: str, village: str) -> list[Cadre]:
        rng = self.rng
        size = _weighted(rng, VILLAGE_SIZES)
        positions = [SECRETARY_AND_DIRECTOR] if rng.random() < 0.6 else [SECRETARY, DIRECTOR]
        if rng.random() < 0.85:
            positions.append(SUPERVISOR)
        if rng.random() < 0.3:
            positions.append(DEPUTY_SECRETARY)
        if rng.random() < 0.4:
            positions.append(DEPUTY_DIRECTOR)
        positions = positions[:size]
        positions += [MEMBER] * (size - len(positions))
        return [self.new_cadre(township, village, p) for p in positions]

    # -- honours, deductions, scores, progress, economy --------------------------------

    def honour(self, cadre: Cadre, d: date, level: str | None = None) -> Honour:
        rng = self.rng
        level = level or _weighted(rng, self._honour_levels())
        titles = vocab.HONOUR_TITLES.get(level, (level + "表彰",))
        title = rng.choice(titles).format(township=cadre.township)
        doc = None
        if rng.random() < 0.85:
            prefix = vocab.HONOUR_DOC_PREFIX.get(level, "兴发").format(abbr=cadre.township[:-1])
            doc = f"{prefix}〔{d.year}〕{rng.randint(1, 120)}号"
        return Honour(cadre.person_id, cadre.name, title, level, d, doc)

    def _honour_levels(self) -> tuple[tuple[str, int], ...]:
        levels = self.policy.star_rules.honour_levels
        known = tuple((lv, w) for lv, w in vocab.HONOUR_LEVEL_WEIGHTS if lv in levels)
        return known or tuple((lv, 1) for lv in levels)

    def honour_date(self, cadre: Cadre, lo: date, hi: date) -> date | None:
        lo = max(lo, add_months(_birth(cadre.person_id), ADULT_MONTHS))
        if lo > hi:
            return None
        d = _uniform_date(self.rng, lo, hi)
        # Commendations cluster around 七一 (1 July) and year end.
        if self.rng.random() < 0.25:
            for anchor in (date(d.year, 6, 28), date(d.year, 12, 1)):
                if lo <= anchor <= hi:
                    return anchor
        return d

    def deduction(
        self, cadre: Cadre, measure: str, d: date, outcome: str | None = None
    ) -> Deduction:
        rng = self.rng
        rule = self.policy.star_rules.deductions.measures[measure]
        if outcome is None:
            if rule.by_outcome:
                outcome = rng.choice(list(rule.by_outcome))
            elif rng.random() < 0.3:
                outcome = rng.choice(vocab.FREE_OUTCOMES)
        situation = rng.choice(vocab.SITUATIONS.get(measure, ("",))) or None
        doc = (
            f"{vocab.DEDUCTION_DOC_PREFIX.get(measure, '兴发')}〔{d.year}〕{rng.randint(1, 80)}号"
            if rng.random() < 0.9
            else None
        )
        return Deduction(cadre.person_id, cadre.name, measure, situation, outcome, d, doc)

    def deduction_date(self, cadre: Cadre, inside: bool) -> date:
        w = self.deduction_window
        if inside:
            lo = max(window_start(self.end, w) + ONE_DAY, min(cadre.start_date, self.end))
            return _uniform_date(self.rng, lo, self.end)
        return _uniform_date(self.rng, window_start(self.end, 2 * w), window_start(self.end, w))

    def scores(self, cadre: Cadre) -> SystemScores:
        rng = self.rng
        rule = self.policy.star_rules.systems
        ability = rng.gauss(83, 5)
        out: dict[str, Decimal] = {}
        for name in self.policy.systems:
            x = min(float(rule.score_max), max(float(rule.score_min), rng.gauss(ability, 5)))
            out[name] = Decimal(round(x)) if rng.random() < 0.7 else _dec(x)
        return SystemScores(cadre.person_id, cadre.name, out)

    def status(self, diligence: float) -> str:
        statuses = list(self.policy.completion.status_values.items())
        done, doing, idle = _status_triple(statuses)
        u = self.rng.random()
        if u < diligence:
            return done
        return doing if u < diligence + (1 - diligence) * 0.7 else idle

    def progress(self, measure_id: str, village: str | None, status: str) -> Progress:
        rng = self.rng
        statuses = list(self.policy.completion.status_values.items())
        done, doing, _idle = _status_triple(statuses)
        value = None
        if status == done and rng.random() < 0.4:
            value = "100%"
        elif status == doing and rng.random() < 0.5:
            value = f"{rng.randrange(20, 90, 10)}%"
        note = rng.choice(vocab.PROGRESS_NOTES) if rng.random() < 0.15 else None
        return Progress(measure_id, village, status, value, note)

    def info(self, township: str) -> tuple[str, str, date]:
        rng = self.rng
        female = rng.random() < 0.4
        given = vocab.FEMALE_GIVEN_YOUNG if female else vocab.MALE_GIVEN_YOUNG
        filler = rng.choices(vocab.SURNAMES, weights=self.surname_weights)[0] + rng.choice(given)
        phone = rng.choice(vocab.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        return filler, phone, self.end + timedelta(days=rng.randint(3, 12))

    # -- a whole county ---------------------------------------------------------------

    def fresh(self) -> dict[str, Submission]:
        rng = self.rng
        rosters: dict[str, list[Cadre]] = {}
        for township in self.registry.townships:
            rosters[township] = [
                c
                for v in self.registry.village_names(township)
                for c in self.staff_village(township, v)
            ]
        everyone = [c for cs in rosters.values() for c in cs]
        self._inject_tenure_edges(rosters, everyone)
        everyone = [c for cs in rosters.values() for c in cs]

        honours: dict[str, list[Honour]] = {t: [] for t in rosters}
        deductions: dict[str, list[Deduction]] = {t: [] for t in rosters}
        window_lo = window_start(self.end, self.honour_window) + ONE_DAY
        for c in everyone:
            if rng.random() < 0.3:
                for _ in range(1 if rng.random() < 0.8 else 2):
                    if rng.random() < 0.85:
                        d = self.honour_date(c, window_lo, self.end)
                    else:
                        d = self.honour_date(
                            c, window_start(self.end, 2 * self.honour_window), window_lo - ONE_DAY
                        )
                    if d:
                        honours[c.township].append(self.honour(c, d))
        self._inject_honour_edges(honours, everyone)
        self._add_deductions(deductions, everyone, fresh=True)
        scores = {t: [self.scores(c) for c in cs] for t, cs in rosters.items()}
        self._inject_score_edges(scores)

        levels = [0.25 + 0.65 * i / max(1, len(rosters) - 1) for i in range(len(rosters))]
        rng.shuffle(levels)
        progress: dict[str, list[Progress]] = {}
        for township, diligence in zip(rosters, levels, strict=True):
            rows = [
                self.progress(m.id, None, self.status(diligence))
                for m in self.policy.township_measures
            ]
            for m in self.policy.village_measures:
                for v in self.registry.village_names(township):
                    rows.append(self.progress(m.id, v, self.status(diligence)))
            progress[township] = rows
        economy = self._fresh_economy()
        return self._assemble(rosters, honours, deductions, scores, progress, economy)

    def _assemble(
        self,
        rosters: dict[str, list[Cadre]],
        honours: dict[str, list[Honour]],
        deductions: dict[str, list[Deduction]],
        scores: dict[str, list[SystemScores]],
        progress: dict[str, list[Progress]],
        economy: dict[str, list[Economy]],
    ) -> dict[str, Submission]:
        out: dict[str, Submission] = {}
        for township in self.registry.townships:
            order = {v: i for i, v in enumerate(self.registry.village_names(township))}
            roster = self.sort_roster(rosters[township], order)
            rank = {c.person_id: i for i, c in enumerate(roster)}
            filler, phone, fill_date = self.info(township)
            out[township] = Submission(
                file=f"{township}_{self.quarter}.xlsx",
                township=township,
                quarter=str(self.quarter),
                filler=filler,
                phone=phone,
                fill_date=fill_date,
                cadres=roster,
                honours=sorted(
                    _unique(honours[township], lambda h: h.key),
                    key=lambda h: (rank[h.person_id], h.date),
                ),
                scores=sorted(scores[township], key=lambda s: rank[s.person_id]),
                deductions=sorted(
                    _unique(deductions[township], lambda d: d.key),
                    key=lambda d: (rank[d.person_id], d.date),
                ),
                progress=progress[township],
                economy=economy[township],
            )
        return out

    def _inject_tenure_edges(self, rosters: dict[str, list[Cadre]], everyone: list[Cadre]) -> None:
        """Starts exactly on an anniversary of the period end and the day after; 29 February."""
        targets: list[date] = []
        for end in (self.end, self.quarter.next().end):
            for lo, _hi in self.bands[1:]:
                anniversary = add_months(end, -12 * lo)
                targets += [anniversary, anniversary + ONE_DAY]
        leap_years = [
            y
            for y in range(self.end.year, 1990, -1)
            if calendar.isleap(y) and date(y, 2, 29) <= self.end
        ]
        targets += [date(y, 2, 29) for y in leap_years[:2]]
        pool = list(everyone)
        self.rng.shuffle(pool)
        taken: set[str] = set()
        for target in targets:
            if target > self.end:
                continue
            for c in pool:
                if c.person_id not in taken and self.adult_on(c, target):
                    taken.add(c.person_id)
                    _swap(rosters[c.township], c, replace(c, start_date=target))
                    break

    def _inject_honour_edges(self, honours: dict[str, list[Honour]], everyone: list[Cadre]) -> None:
        """One honour on the last day outside the window, one on the first day inside."""
        boundary = window_start(self.end, self.honour_window)
        levels = self.policy.star_rules.achievement.levels
        picks = [c for c in self.rng.sample(everyone, 40) if self.adult_on(c, boundary)][:2]
        for c, d in zip(picks, (boundary, boundary + ONE_DAY), strict=False):
            honours[c.township].append(self.honour(c, d, level=levels[0]))

    def _inject_score_edges(self, scores: dict[str, list[SystemScores]]) -> None:
        """Scores exactly on the threshold and one hundredth below it."""
        rule = self.policy.star_rules.systems
        exact = Decimal(rule.threshold)
        below = (exact - CENT).quantize(CENT)
        flat = [(t, i) for t, rows in scores.items() for i in range(len(rows))]
        for k, (t, i) in enumerate(self.rng.sample(flat, 18)):
            row = scores[t][i]
            system = self.rng.choice(self.policy.systems)
            value = exact if k < 10 else below if k < 16 else Decimal(rule.score_max)
            scores[t][i] = replace(row, scores={**row.scores, system: value})

    def _add_deductions(
        self, deductions: dict[str, list[Deduction]], everyone: list[Cadre], fresh: bool
    ) -> None:
        rng = self.rng
        rules = self.policy.star_rules.deductions.measures
        per_event = [m for m, r in rules.items() if r.per_event is not None]
        by_outcome = [m for m, r in rules.items() if r.by_outcome]
        chance = 1.0 if fresh else 0.4
        for c in everyone:
            u = rng.random()
            m = None
            if per_event and u < 0.10 * chance:
                m = per_event[0] if u < 0.06 * chance or len(per_event) == 1 else per_event[1]
            elif by_outcome and u < 0.12 * chance:
                m = by_outcome[0]
            if m is None:
                continue
            if fresh:
                d = self.deduction_date(c, inside=rng.random() < 0.85)
            else:
                d = _uniform_date(
                    rng, max(self.quarter.start, min(c.start_date, self.end)), self.end
                )
            deductions[c.township].append(self.deduction(c, m, d))
        # Every outcome that deducts appears, each veto outcome appears (one of them on a
        # cadre not yet rated), and the window boundary is hit from both sides.
        heads_excluded = [c for c in everyone if c.position not in HEADS]
        pool = rng.sample(heads_excluded, min(60, len(heads_excluded)))
        for m in by_outcome:
            for outcome in rules[m].by_outcome:
                c = pool.pop()
                deductions[c.township].append(
                    self.deduction(c, m, self.deduction_date(c, True), outcome)
                )
        if fresh:
            vetoes = [(m, o) for m, r in rules.items() for o in r.veto]
            min_years = self.policy.star_rules.min_tenure_years
            newcomers = [
                c
                for c in pool
                if self.tenure(c) < min_years and c.start_date <= self.end - timedelta(days=30)
            ]
            for k, (m, outcome) in enumerate(vetoes + vetoes[:1]):
                c = newcomers[0] if k == 0 and newcomers else pool.pop()
                if k == 0 and newcomers:
                    pool.remove(c)
                deductions[c.township].append(
                    self.deduction(c, m, self.deduction_date(c, True), outcome)
                )
        boundary = window_start(self.end, self.deduction_window)
        if per_event:
            for d in (boundary, boundary + ONE_DAY):
                c = pool.pop()
                deductions[c.township].append(self.deduction(c, per_event[0], d))

    def _fresh_economy(self) -> dict[str, list[Economy]]:
        rng = self.rng
        growth = Decimal(1) + Decimal(self.policy.pay.bonus.growth_min)
        out: dict[str, list[Economy]] = {}
        for township in self.registry.townships:
            rows = []
            for v in self.registry.village_names(township):
                if rng.random() < 0.05:
                    rows.append(Economy(v, Decimal("0.00"), _dec(rng.uniform(0.5, 6))))
                    continue
                one_decimal = rng.random() < 0.3
                last = Decimal(str(round(rng.uniform(2, 60), 1 if one_decimal else 2))).quantize(
                    CENT
                )
                if one_decimal and rng.random() < 0.4:
                    this = (last * growth).quantize(CENT)
                else:
                    this = _dec(float(last) * (1 + rng.gauss(0.09, 0.07)))
                rows.append(Economy(v, last, max(this, Decimal("0.00"))))
            out[township] = rows
        # Guaranteed corner cases: 上年 and 本年 both 0, and growth just under the threshold.
        flat = [(t, i) for t, rows in out.items() for i in range(len(rows))]
        (t0, i0), (t1, i1) = rng.sample(flat, 2)
        out[t0][i0] = Economy(out[t0][i0].village, Decimal("0.00"), Decimal("0.00"))
        out[t1][i1] = Economy(
            out[t1][i1].village, Decimal("20.00"), (Decimal("20.00") * growth - CENT).quantize(CENT)
        )
        return out

    # -- the next quarter -------------------------------------------------------------

    def evolve(self, previous: dict[str, Submission]) -> dict[str, Submission]:
        rng = self.rng
        reg = self.registry
        for sub in previous.values():
            self.used_ids.update(c.person_id for c in sub.cadres)
        villages: dict[tuple[str, str], list[Cadre]] = {
            (t, v): [] for t in reg.townships for v in reg.village_names(t)
        }
        for t in reg.townships:
            if t in previous:
                for c in previous[t].cadres:
                    villages.setdefault((t, c.village), []).append(c)
        for (t, v), cs in villages.items():
            if not cs and t not in previous:
                cs.extend(self.staff_village(t, v))

        prev_honours = [h for sub in previous.values() for h in sub.honours]
        prev_deductions = [d for sub in previous.values() for d in sub.deductions]
        vetoes = {o for r in self.policy.star_rules.deductions.measures.values() for o in r.veto}
        vetoed = {d.person_id for d in prev_deductions if d.outcome in vetoes}

        def leave(key: tuple[str, str], c: Cadre) -> None:
            villages[key].remove(c)

        # Some vetoed cadres are dismissed, and a few others leave.
        for key in list(villages):
            for c in list(villages[key]):
                if c.position in HEADS:
                    continue
                if (c.person_id in vetoed and rng.random() < 0.5) or (
                    len(villages[key]) > MIN_VILLAGE and rng.random() < 0.015
                ):
                    leave(key, c)
        keys = list(villages)
        # A village's 主任 leaves and its 书记 takes both posts (一肩挑).
        for key in rng.sample(keys, len(keys)):
            cs = villages[key]
            sec = [c for c in cs if c.position == SECRETARY]
            dirs = [c for c in cs if c.position == DIRECTOR]
            if sec and dirs and len(cs) > MIN_VILLAGE:
                leave(key, dirs[0])
                _swap(cs, sec[0], replace(sec[0], position=SECRETARY_AND_DIRECTOR))
                break
        # A 委员 becomes 副主任.
        for key in rng.sample(keys, len(keys)):
            cs = villages[key]
            members = [c for c in cs if c.position == MEMBER]
            if members and not any(c.position == DEPUTY_DIRECTOR for c in cs):
                _swap(cs, members[0], replace(members[0], position=DEPUTY_DIRECTOR))
                break
        # One honoured cadre moves to a village of another township, keeping their ID.
        honoured = {h.person_id for h in prev_honours}
        movers = [
            (k, c)
            for k in keys
            for c in villages[k]
            if c.person_id in honoured
            and c.position not in HEADS
            and len(villages[k]) > MIN_VILLAGE
        ]
        if movers:
            (src, mover) = rng.choice(movers)
            dests = [k for k in keys if k[0] != src[0] and len(villages[k]) < MAX_VILLAGE]
            if dests:
                dest = rng.choice(dests)
                leave(src, mover)
                villages[dest].append(
                    replace(mover, township=dest[0], village=dest[1], position=MEMBER)
                )
        # Newcomers: understaffed villages first, then a few more.
        for key in keys:
            while len(villages[key]) < MIN_VILLAGE:
                villages[key].append(self._newcomer(key))
        for key in rng.sample(keys, 15):
            if len(villages[key]) < MAX_VILLAGE:
                villages[key].append(self._newcomer(key))

        rosters: dict[str, list[Cadre]] = {t: [] for t in reg.townships}
        for (t, _v), cs in villages.items():
            rosters[t].extend(cs)
        current = {c.person_id: c for cs in rosters.values() for c in cs}
        everyone = list(current.values())

        honours: dict[str, list[Honour]] = {t: [] for t in reg.townships}
        was_in = {c.person_id: t for t, sub in previous.items() for c in sub.cadres}
        moved = {c.person_id for c in everyone if was_in.get(c.person_id, c.township) != c.township}
        for h in prev_honours:
            c = current.get(h.person_id)
            if c and (h.person_id in moved or rng.random() < 0.5):
                honours[c.township].append(replace(h, name=c.name, source=None))
        for c in everyone:
            if rng.random() < 0.04:
                d = self.honour_date(c, self.quarter.start, self.end)
                if d:
                    honours[c.township].append(self.honour(c, d))
        self._inject_honour_edges(honours, everyone)

        deductions: dict[str, list[Deduction]] = {t: [] for t in reg.townships}
        for d in prev_deductions:
            c = current.get(d.person_id)
            if c and (d.outcome in vetoes or rng.random() < 0.5):
                deductions[c.township].append(replace(d, name=c.name, source=None))
        self._add_deductions(deductions, everyone, fresh=False)

        scores = {t: [self.scores(c) for c in cs] for t, cs in rosters.items()}
        self._inject_score_edges(scores)
        progress = {t: self._evolve_progress(t, previous.get(t)) for t in reg.townships}
        economy = {t: self._evolve_economy(t, previous.get(t)) for t in reg.townships}
        return self._assemble(rosters, honours, deductions, scores, progress, economy)

    def _newcomer(self, key: tuple[str, str]) -> Cadre:
        start = _uniform_date(self.rng, self.quarter.start, self.end)
        return self.new_cadre(key[0], key[1], MEMBER, start=start)

    def _evolve_progress(self, township: str, prev: Submission | None) -> list[Progress]:
        rng = self.rng
        done, doing, idle = _status_triple(list(self.policy.completion.status_values.items()))
        before = {(p.measure_id, p.village): p.status for p in (prev.progress if prev else [])}
        rows = []
        keys = [(m.id, None) for m in self.policy.township_measures]
        keys += [
            (m.id, v)
            for m in self.policy.village_measures
            for v in self.registry.village_names(township)
        ]
        for mid, v in keys:
            old = before.get((mid, v))
            if old is None:
                status = self.status(0.5)
            elif old == done:
                status = done
            elif old == doing:
                status = done if rng.random() < 0.5 else doing
            else:
                u = rng.random()
                status = done if u < 0.15 else doing if u < 0.65 else idle
            rows.append(self.progress(mid, v, status))
        return rows

    def _evolve_economy(self, township: str, prev: Submission | None) -> list[Economy]:
        rng = self.rng
        growth = Decimal(1) + Decimal(self.policy.pay.bonus.growth_min)
        before = {e.village: e for e in (prev.economy if prev else [])}
        rows = []
        for v in self.registry.village_names(township):
            e = before.get(v)
            if e is None:
                last = _dec(rng.uniform(2, 60))
                rows.append(Economy(v, last, _dec(float(last) * (1 + rng.gauss(0.09, 0.07)))))
                continue
            if e.last_year == 0:
                this = e.this_year if e.this_year == 0 else e.this_year + _dec(rng.uniform(0.3, 3))
            elif (
                e.this_year < e.last_year * growth
                and e.last_year * 10 % 1 == 0
                and rng.random() < 0.4
            ):
                this = (e.last_year * growth).quantize(CENT)  # exactly the threshold
            elif e.this_year < e.last_year * growth and rng.random() < 0.05:
                this = max(e.this_year, (e.last_year * growth - CENT).quantize(CENT, ROUND_DOWN))
            else:
                this = max(
                    e.this_year + CENT, _dec(float(e.this_year) * (1 + rng.uniform(0.01, 0.08)))
                )
            rows.append(Economy(v, e.last_year, this))
        return rows


def _status_triple(statuses: list[tuple[str, Decimal]]) -> tuple[str, str, str]:
    """(done, in progress, not started): the statuses by value, highest first."""
    ordered = [s for s, _v in sorted(statuses, key=lambda sv: -sv[1])]
    return ordered[0], ordered[len(ordered) // 2], ordered[-1]


def _swap(items: list[Cadre], old: Cadre, new: Cadre) -> None:
    items[items.index(old)] = new


def _unique(items, key):  # type: ignore[no-untyped-def]
    seen: dict[object, object] = {}
    for it in items:
        seen.setdefault(key(it), it)
    return list(seen.values())


@lru_cache(maxsize=4096)
def _birth(person_id: str) -> date:
    return ric.get_birth_date(person_id)


# --- Workbooks as clerks send them --------------------------------------------------------


@dataclass
class BookStyle:
    title_row: bool = False  # a merged title row above the header
    note_rows: int = 0  # free-text note rows between title and header
    traditional: bool = (
        False  # sheet names, header labels and coded values in Traditional characters
    )
    alias_headers: bool = (
        False  # an alias label (e.g. 身份证号码, 村（社区）, 任职时间) instead of the canonical
    )
    blank_rows: bool = False  # blank rows sprinkled between data rows
    hidden_column: bool = False  # an extra hidden column in 村干部名册
    date_styles: bool = (
        False  # dates in mixed text forms: '2015/3/1', '2015.3', '2015年3月', '201503', real dates
    )
    plain_cells: bool = False  # tables without number formats, as in a workbook the clerk made
    merged_villages: bool = False  # 村干部名册's village cell merged down the rows of its cadres
    hidden_roster_rows: frozenset[int] = frozenset()  # 村干部名册 data rows hidden (0-based), not deleted
    struck_roster_rows: frozenset[int] = frozenset()  # 村干部名册 data rows struck through (0-based), not deleted
    struck_text: bool = False  # … by striking the text inside each cell (rich text), not the cell format
    hidden_sheets: frozenset[str] = frozenset()  # sheet keys written as hidden sheets
    # (name, sheet key, how): a further visible sheet of that name holding a copy of that
    # sheet (a clerk's 村干部名册 (2)), written right after it: "" the same rows, "sorted" the
    # same rows in another order, "edited" other data (its last row left out).
    sheet_copies: tuple[tuple[str, str, str], ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()  # (sheet key, name): a sheet written under another name
    # 基本信息 laid out as key | value rows ("rows"), two pairs a row ("pairs") or keys across
    # a row with values below ("across").
    info_layout: str = "rows"


@dataclass
class Book:
    """A township workbook before writing; tests mutate it to inject faults."""

    info: dict[str, object]  # messages.workbook.INFO_KEYS key -> value
    sheets: dict[str, list[list[object]]]  # sheet key -> data rows, values written as given
    headers: dict[str, list[str]]  # sheet key -> header labels in column order
    style: BookStyle = field(default_factory=BookStyle)
    drop_sheets: set[str] = field(default_factory=set)  # sheet keys to leave out


BLANK_EVERY = 7


def book_from_submission(sub: Submission, policy: Policy) -> Book:
    """The workbook a clerk would send for ``sub``: canonical labels, standard layout."""
    titles = {m.id: m.title for m in policy.measures}
    sheets: dict[str, list[list[object]]] = {
        "roster": [
            roster_row(c)
            for c in sub.cadres
        ],
        "honours": [[h.person_id, h.name, h.title, h.level, h.date, h.doc_no] for h in sub.honours],
        "scores": [
            [s.person_id, s.name, *(s.scores.get(n) for n in policy.systems)] for s in sub.scores
        ],
        "deductions": [
            [d.person_id, d.name, d.measure, d.situation, d.outcome, d.date, d.doc_no]
            for d in sub.deductions
        ],
        "progress": [
            [p.measure_id, titles.get(p.measure_id), p.village, p.status, p.value, p.note]
            for p in sub.progress
        ],
        "economy": [[e.village, e.last_year, e.this_year] for e in sub.economy],
    }
    info: dict[str, object] = {
        "township": sub.township,
        "quarter": sub.quarter,
        "filler": sub.filler,
        "phone": sub.phone,
        "fill_date": sub.fill_date,
    }
    return Book(info=info, sheets=sheets, headers={k: standard_labels(k, policy) for k in sheets})


@lru_cache(maxsize=1)
def _s2t():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("s2t")


def _traditional(text: str) -> str:
    return _s2t().convert(text)


def styled_date(d: date, i: int) -> object:
    """The ``i``-th of the ways clerks write ``d`` (month-only forms only for a 1st)."""
    forms: list[object] = [d, f"{d.year}/{d.month}/{d.day}", d.isoformat()]
    if d.day == 1:
        forms += [f"{d.year}.{d.month}", f"{d.year}年{d.month}月", f"{d.year}{d.month:02d}"]
    return forms[i % len(forms)]


def _sex(person_id: object) -> str | None:
    s = str(person_id)
    if len(s) == 18 and s[16].isdigit():
        return msg.SEX_MALE if int(s[16]) % 2 else msg.SEX_FEMALE
    return None


def write_book(book: Book, path: Path, *, policy: Policy, registry: Registry) -> Path:
    """Write ``book`` laid out like the template, honouring ``book.style``; return the path."""
    style = book.style
    township = str(book.info.get("township") or "")
    quarter = str(book.info.get("quarter") or "")

    def conv(text: str) -> str:
        return _traditional(text) if style.traditional else text

    def label(text: str, aliases: dict[str, str]) -> str:
        return conv(aliases.get(text, text) if style.alias_headers else text)

    lists = choice_lists(policy, registry, township)
    # Only codes are converted: free text (e.g. a 处理结果 of 考核问责) is kept as written
    # by the reader, so converting it would change the fact.
    codes = {v for values in lists.values() for v in values} | set(registry.townships)
    counter = 0

    def value(key: str | None, v: object) -> object:
        nonlocal counter
        if style.traditional and key in _CODED_COLUMNS and isinstance(v, str) and v in codes:
            return _traditional(v)
        if style.date_styles and key in DATE_COLUMNS and isinstance(v, date):
            counter += 1
            return styled_date(v, counter)
        return v

    notes = [msg.BOOK_NOTES[i % len(msg.BOOK_NOTES)] for i in range(style.note_rows)]
    specs: list[SheetSpec] = []
    for key, sheet_name in SHEETS.items():
        if key in book.drop_sheets:
            continue
        name = dict(style.renamed).get(key) or conv(sheet_name)
        if key == "guide":
            specs.append(guide_spec(policy, township, quarter))
            continue
        title = (
            msg.BOOK_TITLE.format(
                township=conv(township), quarter_cn=quarter_cn(quarter), sheet=name
            )
            if style.title_row
            else None
        )
        if key == "info":
            info = {k: value("village" if k == "township" else k, v) for k, v in book.info.items()}
            labels = {k: label(lbl, msg.INFO_ALIAS_HEADERS) for k, (lbl, _a) in INFO_KEYS.items()}
            spec = info_spec(info, labels=labels, name=name)
            if style.info_layout != "rows":
                spec.rows, spec.column_keys = _info_layout(spec.rows, style.info_layout), []
            spec.title, spec.notes = title, notes
            specs.append(spec)
            continue
        if key not in book.sheets and key not in book.headers:
            continue
        labels_in = list(book.headers.get(key) or standard_labels(key, policy))
        keys = resolve_columns(key, labels_in, policy)
        rows = [
            [value(keys[j] if j < len(keys) else None, v) for j, v in enumerate(r)]
            for r in book.sheets.get(key, [])
        ]
        out_labels = [label(lbl, msg.ALIAS_HEADERS) for lbl in labels_in]
        hidden: frozenset[int] = frozenset()
        if key == "roster" and style.hidden_column:
            at = keys.index("person_id") + 1 if "person_id" in keys else len(keys)
            id_col = at - 1
            out_labels.insert(at, conv(msg.HIDDEN_COLUMN_LABEL))
            keys.insert(at, SEX_COLUMN)
            for r in rows:
                r.insert(at, _sex(r[id_col]) if id_col < len(r) else None)
            hidden = frozenset({at})
        specs.append(
            SheetSpec(
                key,
                name,
                out_labels,
                rows,
                title=title,
                notes=notes,
                blank_every=BLANK_EVERY if style.blank_rows else 0,
                hidden_columns=hidden,
                hidden_rows=style.hidden_roster_rows if key == "roster" else frozenset(),
                struck_rows=style.struck_roster_rows if key == "roster" else frozenset(),
                struck_text=style.struck_text,
                column_keys=keys,
                plain_cells=style.plain_cells,
                merge_down=frozenset({keys.index("village")})
                if key == "roster" and style.merged_villages and "village" in keys else frozenset(),
                hidden=key in style.hidden_sheets,
            )
        )
        specs.extend(replace(specs[-1], name=copy, hidden=False, rows=_copied_rows(specs[-1].rows, how))
                     for copy, of, how in style.sheet_copies if of == key)
    return write_sheets(path, specs, policy=policy, lists=lists)


def _copied_rows(rows: list[list[object]], how: str) -> list[list[object]]:
    """A sheet copy's rows (see BookStyle.sheet_copies)."""
    return rows[::-1] if how == "sorted" else rows[:-1] if how == "edited" else rows


def _info_layout(pairs: list[list[object]], layout: str) -> list[list[object]]:
    """基本信息's key | value rows laid out as ``layout`` (see BookStyle.info_layout)."""
    if layout == "pairs":
        return [[*pairs[i], *(pairs[i + 1] if i + 1 < len(pairs) else [])] for i in range(0, len(pairs), 2)]
    if layout == "across":
        return [[p[0] for p in pairs], [p[1] for p in pairs]]
    return pairs


# --- The sample_data folder -----------------------------------------------------------------

# Townships (by registry index) whose clerks send messy but correct workbooks.
MESSY_STYLES: tuple[tuple[int, BookStyle], ...] = (
    (4, BookStyle(title_row=True, note_rows=2, blank_rows=True, hidden_column=True)),
    (7, BookStyle(traditional=True, date_styles=True)),
    (13, BookStyle(alias_headers=True, date_styles=True, title_row=True, note_rows=1)),
)
_PLAIN_STYLE = BookStyle()
# Township (by registry index) each faulty workbook is based on.
FAULTY_BASES: tuple[tuple[str, int], ...] = (
    ("ids", 6),
    ("villages", 5),
    ("scores", 3),
    ("quarter", 2),
    ("missing_sheet", 8),
    ("duplicate", 9),
)
NOT_XLSX_NAME = "某镇_{quarter}.xls"
FIRST_DATA_ROW = 2  # standard layout: header on row 1


def messy_styles(registry: Registry) -> dict[str, BookStyle]:
    """Township -> the messy style its sample workbooks use."""
    towns = registry.townships
    return {towns[i % len(towns)]: style for i, style in MESSY_STYLES}


def generate_sample_data(
    out_dir: Path,
    seed: int = DEFAULT_SEED,
    *,
    policy: Policy | None = None,
    registry: Registry | None = None,
) -> list[Path]:
    """Write the sample county (two quarters and faulty files) under ``out_dir``; return the files."""
    from xingxian_cli.io.policy_io import default_policy
    from xingxian_cli.io.registry_io import default_registry

    policy = policy or default_policy()
    registry = registry or default_registry()
    out_dir = Path(out_dir)
    q3, q4 = SAMPLE_QUARTERS
    county3 = generate_county(policy, registry, q3, seed)
    county4 = generate_county(policy, registry, q4, seed, previous=county3)
    styles = messy_styles(registry)
    written: list[Path] = []
    for quarter, county in ((q3, county3), (q4, county4)):
        for township, sub in county.items():
            book = book_from_submission(sub, policy)
            book.style = styles.get(township, BookStyle())
            written.append(
                write_book(
                    book, out_dir / str(quarter) / sub.file, policy=policy, registry=registry
                )
            )
    written += write_faulty(out_dir / "faulty", county3, policy=policy, registry=registry)

    messy = "\n".join(
        msg.SAMPLE_STYLE_LINE.format(
            township=t,
            styles="；".join(msg.STYLE_NAMES[k] for k, v in vars(s).items() if v != getattr(_PLAIN_STYLE, k)),
        )
        for t, s in styles.items()
    )
    readme = out_dir / "README.md"
    readme.write_text(
        msg.SAMPLE_README.format(
            seed=seed,
            out_name=out_dir.name,
            q3=q3,
            q4=q4,
            cadres_q3=sum(len(s.cadres) for s in county3.values()),
            cadres_q4=sum(len(s.cadres) for s in county4.values()),
            messy=messy,
        ),
        encoding="utf-8",
    )
    written.append(readme)
    return written


def write_faulty(
    out_dir: Path, county: dict[str, Submission], *, policy: Policy, registry: Registry
) -> list[Path]:
    """Workbooks that each break submission rules on purpose, a fake .xls and a README."""
    towns = registry.townships
    lines: list[str] = []
    written: list[Path] = []
    for fault, index in FAULTY_BASES:
        sub = county[towns[index % len(towns)]]
        book = book_from_submission(sub, policy)
        what = _break(fault, book, sub, policy, registry)
        name = f"{sub.township}_{sub.quarter}_{msg.FAULT_SUFFIX[fault]}.xlsx"
        written.append(write_book(book, out_dir / name, policy=policy, registry=registry))
        lines.append(msg.FAULTY_README_ROW.format(file=name, what=msg.FAULT_SEPARATOR.join(what)))

    any_sub = next(iter(county.values()))
    fake = out_dir / NOT_XLSX_NAME.format(quarter=any_sub.quarter)
    book = book_from_submission(any_sub, policy)
    text = "\r\n".join(
        ",".join("" if v is None else str(v) for v in row)
        for row in [book.headers["roster"], *book.sheets["roster"]]
    )
    fake.write_bytes((text + "\r\n").encode("gb18030"))
    written.append(fake)
    lines.append(msg.FAULTY_README_ROW.format(file=fake.name, what=msg.FAULT_WHAT["not_xlsx"]))

    readme = out_dir / "README.md"
    readme.write_text(
        msg.FAULTY_README_HEAD.format(q3=any_sub.quarter) + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    written.append(readme)
    return written


def _replace_everywhere(book: Book, old: object, new: object) -> None:
    for rows in book.sheets.values():
        for r in rows:
            for j, v in enumerate(r):
                if v == old:
                    r[j] = new


def _break(
    fault: str, book: Book, sub: Submission, policy: Policy, registry: Registry
) -> list[str]:
    """Inject ``fault`` into ``book``; return what now is wrong, in Chinese."""
    w = msg.FAULT_WHAT
    roster = book.sheets["roster"]
    members = [i for i, c in enumerate(sub.cadres) if c.position not in HEADS]
    sheet = SHEETS["roster"]
    if fault == "ids":
        i, k = members[1], next(m for m in members[3:] if not sub.cadres[m].person_id.endswith("X"))
        pid = sub.cadres[i].person_id
        digits = "0123456789X"
        wrong = pid[:17] + digits[(digits.index(pid[17]) + 1) % len(digits)]
        _replace_everywhere(book, pid, wrong)
        other = sub.cadres[k].person_id
        _replace_everywhere(book, other, (int(other) + 500) // 1000 * 1000)  # Excel keeps 15 digits
        return [
            w["checksum"].format(sheet=sheet, row=i + FIRST_DATA_ROW, name=sub.cadres[i].name),
            w["number_id"].format(sheet=sheet, row=k + FIRST_DATA_ROW, name=sub.cadres[k].name),
        ]
    if fault == "villages":
        i, k = members[2], members[5]
        foreign = next(
            v
            for t in registry.townships
            if t != sub.township
            for v in registry.village_names(t)
            if not registry.has_village(sub.township, v)
        )
        roster[i][0] = foreign
        c = sub.cadres[k]
        start = add_months(_birth(c.person_id), 16 * 12)
        roster[k][4] = start
        return [
            w["unknown_village"].format(
                sheet=sheet, row=i + FIRST_DATA_ROW, name=sub.cadres[i].name, village=foreign
            ),
            w["under_18"].format(
                sheet=sheet, row=k + FIRST_DATA_ROW, name=c.name, start=start.isoformat()
            ),
        ]
    if fault == "scores":
        scores = book.sheets["scores"]
        systems = policy.systems
        scores[3][2] = 105
        scores[8][4] = "abc"
        s = SHEETS["scores"]
        return [
            w["score_range"].format(
                sheet=s, row=3 + FIRST_DATA_ROW, name=scores[3][1], system=systems[0]
            ),
            w["score_text"].format(
                sheet=s, row=8 + FIRST_DATA_ROW, name=scores[8][1], system=systems[2]
            ),
        ]
    if fault == "quarter":
        right = Quarter.parse(sub.quarter)
        book.info["quarter"] = str(right.previous())
        return [w["quarter"].format(wrong=right.previous(), right=right)]
    if fault == "missing_sheet":
        book.drop_sheets.add("deductions")
        return [w["missing_sheet"].format(sheet=SHEETS["deductions"])]
    if fault == "duplicate":
        i = members[4]
        c = sub.cadres[i]
        other_village = next(v for v in registry.village_names(sub.township) if v != c.village)
        roster.append(
            [
                other_village,
                c.name,
                c.person_id,
                MEMBER,
                c.start_date,
                c.politics,
                c.education,
                c.phone,
            ]
        )
        return [
            w["duplicate"].format(
                sheet=sheet,
                row=len(roster) - 1 + FIRST_DATA_ROW,
                first_row=i + FIRST_DATA_ROW,
                name=c.name,
            )
        ]
    raise ValueError(f"unknown fault: {fault}")
