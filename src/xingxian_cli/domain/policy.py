"""The assessment policy (考核方案): typed models and integrity checks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from xingxian_cli.domain.diagnostics import Diagnostic, make
from xingxian_cli.messages.policy import (
    COUNT_KINDS,
    FIELD_ITEM,
    FIELD_ITEM_ID,
    FIELD_KEY,
    LITERAL_OR,
    PATTERN_TEXT,
    PYDANTIC_DEFAULT,
    PYDANTIC_REASONS,
    REASON_AREA_TWICE,
    REASON_CAP_WHOLE,
    REASON_FRACTION,
    REASON_FULL_WIDTH_COLON,
    REASON_NOT_A_POSITION,
    REASON_NUMBER_WRITTEN,
    REASON_POSITION_TWICE,
    REASON_POST_NOT_A_POSITION,
    REASON_VERSION_NUMBER,
    ROOT_FIELD,
    ROOT_NOT_MAPPING,
    RULE_BANDS_ORDER,
    RULE_BANDS_STARS,
    RULE_BANDS_START,
    RULE_BLANK_TITLE,
    RULE_FOLDED_TWICE,
    RULE_K_ORDER,
    RULE_K_RANGE,
    RULE_LEVEL_UNKNOWN,
    RULE_MEASURE_EMPTY,
    RULE_NAME_SEPARATOR,
    RULE_OUTCOME_TWICE,
    RULE_PERIODS,
    RULE_SCORE_RANGE,
    RULE_SHARES,
    RULE_STARS_RANGE,
    RULE_STATUS_VALUE,
    RULE_SYSTEM_FIXED,
    RULE_SYSTEMS_TWICE,
    RULE_UNIT,
    UNUSED_BAND_STARS,
    UNUSED_BASE_CAP,
    UNUSED_BASE_EARNED,
    UNUSED_BASE_MAX,
    UNUSED_K,
    UNUSED_MAX_ADDED,
    UNUSED_TOP_STARS,
)

# The township workbook's collective incomes are in 万元 (domain.md §5: its headers, guide
# and checks say so): the bonus rule's unit must agree.
WORKBOOK_INCOME_UNIT_YUAN = Decimal(10_000)
# Policy.head_positions when a policy file (older than the field) does not name them.
DEFAULT_HEAD_POSITIONS = ("书记", "书记兼主任")


_NUMBERS = frozenset({int, Decimal, float})


def _bare(t: Any) -> Any:
    """A type without its Annotated constraints (Annotated[int, Field(ge=0)] is int)."""
    return get_args(t)[0] if get_origin(t) is Annotated else t


class _Model(BaseModel):
    # A version or title written as a bare number in YAML (2023) is still text.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_yes_for_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        """YAML's true/false where a number goes is refused, not read as 1 or 0 (review R137:
        window_months: true was a one-month window)."""
        if info.field_name is None or not isinstance(value, bool | dict):
            return value  # (every other value: this runs for each field of each model read)
        annotation = cls.model_fields[info.field_name].annotation
        kinds = {_bare(t) for t in (annotation, *get_args(annotation))}
        if isinstance(value, bool) and kinds & _NUMBERS:  # (per_event: int | None too: review R138)
            raise PydanticCustomError("bool_for_number", "bool for a number")
        if isinstance(value, dict) and get_origin(annotation) is dict:  # by_outcome: {警告: true}; k_by_stars: {true: 1}
            key_kind, value_kind = (_bare(t) for t in get_args(annotation))
            if (value_kind in _NUMBERS and any(isinstance(v, bool) for v in value.values())) \
                    or (key_kind in _NUMBERS and any(isinstance(k, bool) for k in value)):
                raise PydanticCustomError("bool_for_number", "bool for a number")
        return value


class Task(_Model):
    id: str = Field(pattern=r"^T\d{2,3}$")
    area: str
    title: str


class Measure(_Model):
    id: str = Field(pattern=r"^M\d{2,3}$")
    area: str
    title: str
    tasks: list[str] = Field(min_length=1)
    level: Literal["township", "village"]
    weight: Decimal = Field(default=Decimal(1), gt=0, le=1000)


# Bounds no county's rules come near, which keep the arithmetic defined: a window of
# 100,000 months reaches before year 1, 40 decimals overflow Decimal's context.
MAX_WINDOW_MONTHS = 600  # 50 years
MAX_STARS = 20
MAX_DECIMALS = 8
MAX_ANNUAL_PAY = Decimal(10_000_000)  # yuan a year for one post


class TenureBand(_Model):
    min_years: int = Field(ge=0)
    stars: int = Field(ge=0, le=MAX_STARS)


class AchievementRule(_Model):
    stars: int = Field(ge=0, le=MAX_STARS)
    window_months: int = Field(gt=0, le=MAX_WINDOW_MONTHS)
    levels: list[str]  # levels that earn the star


class SystemsRule(_Model):
    names: list[str] = Field(min_length=1)
    threshold: Decimal
    star_each: int = Field(ge=0, le=MAX_STARS)
    max_added: int = Field(ge=0, le=MAX_STARS)
    score_min: Decimal = Decimal(0)
    score_max: Decimal = Decimal(100)


def json_number(d: Decimal) -> int | float:
    """A figure for JSON or a workbook cell: whole ones (yuan after half-up rounding) as an exact
    int, others as a float."""
    i = int(d)
    return i if i == d else float(d)


def plain_number(d: Decimal) -> str:
    """A policy number as a person writes it: 100, 9.5 (never 1E+2 or 9.50)."""
    return format(d.normalize(), "f")


def score_example(score_max: Decimal) -> str:
    """A good score on a ``score_max`` scale, for hints: 95 out of 100, 9.5 out of 10."""
    return plain_number((score_max * Decimal("0.95")).quantize(Decimal("0.1")))


class DeductionMeasure(_Model):
    per_event: int | None = Field(default=None, ge=0)  # stars per event, when not by outcome
    by_outcome: dict[str, Annotated[int, Field(ge=0, le=MAX_STARS)]] = {}  # outcome -> stars deducted
    veto: list[str] = []  # outcomes that veto the rating
    outcome_required: bool = False


class DeductionRule(_Model):
    window_months: int = Field(gt=0, le=MAX_WINDOW_MONTHS)
    measures: dict[str, DeductionMeasure]


class StarRules(_Model):
    min_tenure_years: int = Field(ge=0)
    tenure_bands: list[TenureBand] = Field(min_length=1)
    honour_levels: list[str]
    achievement: AchievementRule
    base_max: int = Field(ge=0, le=MAX_STARS)
    systems: SystemsRule
    deductions: DeductionRule
    min_stars: int = Field(default=0, ge=0, le=MAX_STARS)
    max_stars: int = Field(ge=0, le=MAX_STARS)
    composite_decimals: int = Field(default=2, ge=0, le=MAX_DECIMALS)


class BonusRule(_Model):
    quarter: int = Field(ge=1, le=4)
    growth_min: Decimal = Field(ge=0, le=1)  # growth of at least this share (0.1: 10 %); below 0 pays for losses, 10 is 1000 %
    share: Decimal = Field(ge=0, le=1)  # of the increase
    cap: Decimal = Field(ge=0, le=MAX_ANNUAL_PAY)
    unit_yuan: Decimal
    positions: list[str]

    def qualifies(self, last: Decimal, this: Decimal) -> bool:
        """Whether a village's incomes (万元) earn the bonus: growth of at least ``growth_min``,
        or any income this year after none last year."""
        return this > 0 if last == 0 else this >= (1 + self.growth_min) * last

    @field_validator("cap")
    @classmethod
    def _whole_yuan(cls, v: Decimal) -> Decimal:
        # 3333.5 rounded half up pays 3,334: more than the cap says (review R118)
        if v != v.to_integral_value():
            raise ValueError(REASON_CAP_WHOLE)
        return v


class PayRules(_Model):
    annual: dict[str, Annotated[Decimal, Field(ge=0, le=MAX_ANNUAL_PAY)]]
    periods_per_year: int = Field(gt=0)
    base_share: Decimal
    performance_share: Decimal
    k_by_stars: dict[int, Decimal]
    k_unrated: Decimal
    k_vetoed: Decimal
    bonus: BonusRule


class CompletionRules(_Model):
    status_values: dict[str, Decimal] = Field(min_length=1)
    rate_decimals: int = Field(default=4, ge=0, le=MAX_DECIMALS)
    # The village ranking's second key, the mean stars of a village's cadres (2.33 ★).
    mean_stars_decimals: int = Field(default=2, ge=0, le=MAX_DECIMALS)


class Counts(_Model):
    task_areas: int | None = None
    tasks: int | None = None
    measure_areas: int | None = None
    measures: int | None = None


class Policy(_Model):
    """A whole policy file; build it with :func:`build_policy` to get integrity checks."""

    version: str
    name: str
    counts: Counts = Counts()

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_written(cls, v: object) -> object:
        # YAML reads version: 2022.10 as the number 2022.1: the label written is lost
        if isinstance(v, float):
            raise ValueError(REASON_VERSION_NUMBER.format(value=v))
        return v

    positions: list[str] = Field(min_length=1)
    # The posts that head a village (a village with none of them gets a warning); absent:
    # 书记 and 书记兼主任, those of them the positions list.
    head_positions: list[str] | None = None
    task_areas: list[str]
    measure_areas: list[str]
    tasks: list[Task] = Field(min_length=1)
    measures: list[Measure] = Field(min_length=1)
    star_rules: StarRules
    pay: PayRules
    completion: CompletionRules

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Policy:
        """A copy whose derived lookups (cached properties) are worked out afresh: pydantic
        copies them with the fields, so a copy with other measures would keep the old ones."""
        copy = super().model_copy(update=update, deep=deep)
        for name, attr in vars(Policy).items():
            if isinstance(attr, cached_property):
                copy.__dict__.pop(name, None)
        return copy

    @property
    def village_heads(self) -> tuple[str, ...]:
        """The posts of which every village should have one (see ``head_positions``)."""
        if self.head_positions is not None:
            return tuple(self.head_positions)
        return tuple(p for p in DEFAULT_HEAD_POSITIONS if p in self.positions)

    @cached_property
    def task_by_id(self) -> dict[str, Task]:
        return {t.id: t for t in self.tasks}

    @cached_property
    def measure_by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    @property
    def systems(self) -> list[str]:
        return self.star_rules.systems.names

    @property
    def village_measures(self) -> list[Measure]:
        return [m for m in self.measures if m.level == "village"]

    @property
    def township_measures(self) -> list[Measure]:
        return [m for m in self.measures if m.level == "township"]

    @property
    def deduction_measures(self) -> list[str]:
        return list(self.star_rules.deductions.measures)

    @property
    def outcomes(self) -> list[str]:
        """Every 处理结果 value the policy interprets (deducting or vetoing)."""
        seen: dict[str, None] = {}
        for dm in self.star_rules.deductions.measures.values():
            for o in (*dm.by_outcome, *dm.veto):
                seen[o] = None
        return list(seen)


def _reason(e: Any) -> str:
    if e["type"] == "less_than_equal" and e["loc"][-1:] in (("growth_min",), ("share",)):
        return REASON_FRACTION  # a share written as a percent (10 for 10 %): R99
    written = e.get("input")
    if e["type"] in _NUMBER_PARSING and isinstance(written, str) and written.strip():
        # 500元, 90%, 五百: said back, with what to write (review R118: "应为数字" alone)
        return REASON_NUMBER_WRITTEN.format(value=written.strip(), reason=PYDANTIC_REASONS[e["type"]])
    template = PYDANTIC_REASONS.get(e["type"], PYDANTIC_DEFAULT)
    ctx = dict(e.get("ctx") or {})
    if "pattern" in ctx:
        ctx["pattern"] = PATTERN_TEXT.get(ctx["pattern"], ctx["pattern"])
    if "expected" in ctx:  # "'township' or 'village'"
        ctx["expected"] = str(ctx["expected"]).replace(" or ", LITERAL_OR).replace("'", "")
    try:
        return template.format(type=e["type"], **ctx)
    except (KeyError, IndexError):
        return PYDANTIC_DEFAULT.format(type=e["type"])


_NUMBER_PARSING = frozenset({"decimal_parsing", "int_parsing", "float_parsing"})


def _field(loc: tuple[Any, ...], data: Any = None) -> str:
    """A field path as a county's officer counts: list items from 1, with the id of an item
    that has one (measures.第12项（M13）.level), as found in ``data``."""
    parts = []
    for p in loc:
        item = data[p] if isinstance(data, list) and isinstance(p, int) and 0 <= p < len(data) else \
            data.get(p) if isinstance(data, dict) else None
        if isinstance(p, int):
            named = item.get("id") if isinstance(item, dict) else None
            parts.append(FIELD_ITEM.format(n=p + 1) + (FIELD_ITEM_ID.format(id=named) if isinstance(named, str) else ""))
        else:
            parts.append(FIELD_KEY if p == "[key]" else str(p))
        data = item
    return ".".join(parts)


def _pydantic_problems(err: ValidationError, data: Any = None) -> list[Diagnostic]:
    out = []
    for e in err.errors():
        field = _field(e["loc"], data)
        value = e.get("input")
        shown = None if isinstance(value, dict | list) else value
        full_width = e["type"] == "extra_forbidden" and "：" in str(e["loc"][-1])  # {min_years： 5, …}
        out.append(make("policy-invalid", field=field, reason=REASON_FULL_WIDTH_COLON if full_width else _reason(e),
                        value=shown))
    return out


def integrity_problems(p: Policy) -> list[Diagnostic]:
    """Every referential-integrity problem of a structurally valid policy."""
    out: list[Diagnostic] = []
    for items in (p.tasks, p.measures):
        seen: set[str] = set()
        for it in items:
            if it.id in seen:
                out.append(make("policy-duplicate-id", id=it.id))
            seen.add(it.id)
    for name, items in (("task_areas", p.task_areas), ("measure_areas", p.measure_areas)):
        if len(set(items)) != len(items):
            out.append(make("policy-invalid", field=name, reason=REASON_AREA_TWICE))
    task_areas, measure_areas = set(p.task_areas), set(p.measure_areas)
    for t in p.tasks:
        if t.area not in task_areas:
            out.append(make("policy-unknown-area", kind=COUNT_KINDS["task"], id=t.id, area=t.area))
    served: set[str] = set()
    for m in p.measures:
        if m.area not in measure_areas:
            out.append(make("policy-unknown-area", kind=COUNT_KINDS["measure"], id=m.id, area=m.area))
        for tid in m.tasks:
            if tid not in p.task_by_id:
                out.append(make("policy-unknown-task", measure=m.id, task=tid))
            served.add(tid)
    for t in p.tasks:
        if t.id not in served:
            out.append(make("policy-unserved-task", task=t.id))
    c = p.counts
    for kind, declared, actual in (
        (COUNT_KINDS["task_areas"], c.task_areas, len(p.task_areas)),
        (COUNT_KINDS["tasks"], c.tasks, len(p.tasks)),
        (COUNT_KINDS["measure_areas"], c.measure_areas, len(p.measure_areas)),
        (COUNT_KINDS["measures"], c.measures, len(p.measures)),
    ):
        if declared is not None and declared != actual:
            out.append(make("policy-count-mismatch", kind=kind, declared=declared, actual=actual))
    if len(set(p.positions)) != len(p.positions):
        out.append(make("policy-invalid", field="positions", reason=REASON_POSITION_TWICE))
    for pos in p.positions:
        if pos not in p.pay.annual:
            out.append(make("policy-pay-missing", position=pos))
    for pos in p.pay.annual:
        if pos not in p.positions:
            out.append(make("policy-invalid", field=f"pay.annual.{pos}", reason=REASON_NOT_A_POSITION))
    sr = p.star_rules
    for s in range(sr.min_stars, sr.max_stars + 1):
        if s not in p.pay.k_by_stars:
            out.append(make("policy-k-missing", stars=s))
    for pos in p.head_positions or ():
        if pos not in p.positions:
            out.append(make("policy-invalid", field="head_positions", reason=REASON_POST_NOT_A_POSITION.format(post=pos)))
    for pos in p.pay.bonus.positions:
        if pos not in p.positions:
            out.append(make("policy-invalid", field="pay.bonus.positions", reason=REASON_POST_NOT_A_POSITION.format(post=pos)))
    for lvl in sr.achievement.levels:
        if lvl not in sr.honour_levels:
            out.append(make("policy-rule-invalid", reason=RULE_LEVEL_UNKNOWN.format(level=lvl)))
    bands = sr.tenure_bands
    # Each band starts later than the one before (two bands from the same year leave it
    # unsaid which applies) and gives no fewer stars.
    if any(a.min_years >= b.min_years for a, b in pairwise(bands)):
        out.append(make("policy-rule-invalid", reason=RULE_BANDS_ORDER))
    elif any(a.stars > b.stars for a, b in pairwise(bands)):
        out.append(make("policy-rule-invalid", reason=RULE_BANDS_STARS))
    if sr.tenure_bands[0].min_years != sr.min_tenure_years:
        out.append(make("policy-rule-invalid", reason=RULE_BANDS_START))
    if sr.max_stars < sr.min_stars:
        out.append(make("policy-rule-invalid", reason=RULE_STARS_RANGE))
    for name, dm in sr.deductions.measures.items():
        if dm.per_event is None and not dm.by_outcome and not dm.veto:
            out.append(make("policy-rule-invalid", reason=RULE_MEASURE_EMPTY.format(measure=name)))
    if len(set(sr.systems.names)) != len(sr.systems.names):
        out.append(make("policy-rule-invalid", reason=RULE_SYSTEMS_TWICE))
    out += [make("policy-rule-invalid", reason=r) for r in _number_problems(p)]
    return out


def _number_problems(p: Policy) -> list[str]:
    """Numbers that would give impossible stars or money: negative pay, shares not adding up
    to the whole, coefficients outside 0..1, a threshold no score can reach."""
    out: list[str] = []
    pay, sr = p.pay, p.star_rules
    if pay.base_share < 0 or pay.performance_share < 0 or pay.base_share + pay.performance_share != 1:
        out.append(RULE_SHARES.format(total=pay.base_share + pay.performance_share))
    ks = [(f"k_by_stars.{s}", k) for s, k in sorted(pay.k_by_stars.items())]
    for where, k in [*ks, ("k_unrated", pay.k_unrated), ("k_vetoed", pay.k_vetoed)]:
        if not 0 <= k <= 1:
            out.append(RULE_K_RANGE.format(where=where, value=k))
    ordered = sorted(pay.k_by_stars.items())
    for (low, k_low), (high, k_high) in zip(ordered, ordered[1:], strict=False):
        if k_low > k_high:
            out.append(RULE_K_ORDER.format(low=low, k_low=k_low, high=high, k_high=k_high))
    if pay.periods_per_year != 4:
        out.append(RULE_PERIODS.format(value=pay.periods_per_year))
    sys = sr.systems
    if not (sys.score_min < sys.score_max and sys.score_min <= sys.threshold <= sys.score_max):
        out.append(RULE_SCORE_RANGE.format(lo=sys.score_min, threshold=sys.threshold, hi=sys.score_max))
    b = pay.bonus
    if b.unit_yuan != WORKBOOK_INCOME_UNIT_YUAN:
        out.append(RULE_UNIT.format(value=b.unit_yuan, unit=WORKBOOK_INCOME_UNIT_YUAN))
    for status, value in p.completion.status_values.items():
        if not 0 <= value <= 1:
            out.append(RULE_STATUS_VALUE.format(status=status, value=value))
    for name, dm in sr.deductions.measures.items():
        for outcome in set(dm.by_outcome) & set(dm.veto):
            out.append(RULE_OUTCOME_TWICE.format(measure=name, outcome=outcome))
    for kind, items in ((COUNT_KINDS["task"], p.tasks), (COUNT_KINDS["measure"], p.measures)):
        for it in items:
            if not it.title.strip():
                out.append(RULE_BLANK_TITLE.format(kind=kind, id=it.id))
    return out + _joined_names(p) + _folded_names(p)


def _folded_names(p: Policy) -> list[str]:
    """Names a workbook cannot tell apart: the reader matches a header or a cell with
    Traditional and Simplified, full and half width, spaces and letter case folded (支部書記
    is 支部书记), so of two such names in one list a cell is read as one of them, silently (review
    R109: 支部书记 paid as 支部書記, 已办结 counted as 已辦結); nor a system named as the scores
    sheet's own columns (姓名), which no workbook could then be read by."""
    from xingxian_cli.domain.text import norm
    from xingxian_cli.messages.workbook import COLUMNS

    names, values = _matched_names(p)
    dm = p.star_rules.deductions.measures
    lists = [(w, n) for w, n in (*names, *values) if not w.endswith((".by_outcome", ".veto"))]
    lists += [(f"star_rules.deductions.measures.{m}", [*d.by_outcome, *d.veto]) for m, d in dm.items()]
    lists += [("tasks", [t.id for t in p.tasks]), ("measures", [m.id for m in p.measures])]
    out = []
    for where, items in lists:
        seen: dict[str, str] = {}
        for n in items:
            first = seen.setdefault(norm(n), n)
            if first != n:
                out.append(RULE_FOLDED_TWICE.format(field=where, first=first, name=n))
    fixed = {norm(a): label for label, aliases, _req in COLUMNS["scores"].values() for a in (label, *aliases)}
    for n in p.star_rules.systems.names:
        if norm(n) in fixed:
            out.append(RULE_SYSTEM_FIXED.format(name=n, column=fixed[norm(n)]))
    return out


# What separates a list's items when a person writes them on one line: one name holding it
# was meant as two ([撤销党内职务，留党察看, …] in a flow list, review R71). A township's cell
# reads what follows a comma as a note, so such an outcome could never be matched; 、 only
# among names of columns and posts (开除党籍、开除公职 may be one outcome), and inside
# brackets nowhere (省部级（含省、部级）, review R74).
_LIST_SEPARATORS = ("，", "；", ";", ",")
_NAME_SEPARATORS = (*_LIST_SEPARATORS, "、")
_BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)")


def _matched_names(p: Policy) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """The names a township's workbook must match, (field, names) each: those of columns and
    posts, and those of what a cell holds."""
    sr = p.star_rules
    names: list[tuple[str, list[str]]] = [  # columns and posts
        ("positions", p.positions), ("head_positions", p.head_positions or []), ("task_areas", p.task_areas),
        ("measure_areas", p.measure_areas), ("star_rules.systems.names", sr.systems.names),
        ("star_rules.deductions.measures", list(sr.deductions.measures)), ("pay.annual", list(p.pay.annual)),
        ("pay.bonus.positions", p.pay.bonus.positions),
    ]
    values: list[tuple[str, list[str]]] = [  # what a cell holds
        ("star_rules.honour_levels", sr.honour_levels), ("star_rules.achievement.levels", sr.achievement.levels),
        ("completion.status_values", list(p.completion.status_values)),
    ]
    for name, dm in sr.deductions.measures.items():
        values += [(f"star_rules.deductions.measures.{name}.by_outcome", list(dm.by_outcome)),
                   (f"star_rules.deductions.measures.{name}.veto", dm.veto)]
    return names, values


def _joined_names(p: Policy) -> list[str]:
    """Names that a township's cell must match, written as two or more in one."""
    names, values = _matched_names(p)
    out = []
    for lists, separators in ((names, _NAME_SEPARATORS), (values, _LIST_SEPARATORS)):
        for where, items in lists:
            for n in items:
                bare = _BRACKETED.sub("", n)
                sep = next((c for c in separators if c in bare), None)
                if sep is not None:
                    parts = ", ".join(x.strip() for x in n.split(sep) if x.strip())
                    out.append(RULE_NAME_SEPARATOR.format(field=where, name=n, sep=sep, parts=parts))
    return out


def unused_rule_parts(p: Policy) -> list[Diagnostic]:
    """Settings a policy may hold that leave part of a rule with no effect: a top star no one
    can reach, a cap that never cuts, a coefficient for stars outside the range. Warnings
    (``policy-rule-unused``): the policy works, but such a setting is more often a slip than
    a decision, and nothing else would say so (review R80)."""
    sr, sysr = p.star_rules, p.star_rules.systems
    reasons: list[str] = []
    added = min(sysr.max_added, sysr.star_each * len(sysr.names))
    earned = max(b.stars for b in sr.tenure_bands) + (sr.achievement.stars if sr.achievement.levels else 0)
    base = min(sr.base_max, earned, sr.max_stars)  # the most base stars anyone can have (review R84)
    if base + added < sr.max_stars:
        why = UNUSED_BASE_CAP.format(base_max=sr.base_max) if base == sr.base_max else UNUSED_BASE_EARNED.format(
            tenure=max(b.stars for b in sr.tenure_bands), achievement=sr.achievement.stars if sr.achievement.levels else 0)
        reasons.append(UNUSED_TOP_STARS.format(max_stars=sr.max_stars, base=base, why=why, added=added,
                                               reach=base + added, first=base + added + 1))
    if sr.base_max > sr.max_stars:
        reasons.append(UNUSED_BASE_MAX.format(base_max=sr.base_max, max_stars=sr.max_stars))
    if (top := max(b.stars for b in sr.tenure_bands)) > sr.base_max:
        reasons.append(UNUSED_BAND_STARS.format(stars=top, base_max=sr.base_max))
    if sysr.max_added > (total := sysr.star_each * len(sysr.names)):
        reasons.append(UNUSED_MAX_ADDED.format(max_added=sysr.max_added, n=len(sysr.names), each=sysr.star_each,
                                               total=total))
    for stars in sorted(p.pay.k_by_stars):
        if not sr.min_stars <= stars <= sr.max_stars:
            reasons.append(UNUSED_K.format(stars=stars, low=sr.min_stars, high=sr.max_stars))
    return [make("policy-rule-unused", reason=r) for r in reasons]


def policy_fingerprint(p: Policy) -> str:
    """A short hash of the policy's content: two tables of pay under one version label (a
    policy.yaml edited without changing ``version``) print different fingerprints."""
    import hashlib
    import json

    text = json.dumps(p.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def build_policy(data: Any) -> tuple[Policy | None, list[Diagnostic]]:
    """Validate raw policy data; return the policy (None when unusable) and every problem."""
    if not isinstance(data, dict):
        return None, [make("policy-invalid", field=ROOT_FIELD, reason=ROOT_NOT_MAPPING)]
    try:
        policy = Policy.model_validate(data)
    except ValidationError as err:
        return None, _pydantic_problems(err, data)
    problems = integrity_problems(policy)
    return (None if problems else policy), problems


def defaulted_numbers(policy: BaseModel) -> list[tuple[str, str, int]]:
    """The numbers ``policy`` takes from the tool's defaults because its file leaves them out
    (score_max, composite_decimals, a measure's weight …): (field path, value, how many items
    of a list take it), in field order. ``xx policy check`` names them, so that no figure is
    decided by code the officer never saw (review R79). Empty lists and flags are not numbers."""
    found: dict[str, list[Any]] = {}

    def walk(model: BaseModel, path: str) -> None:
        for name, spec in type(model).model_fields.items():
            value = getattr(model, name)
            here = f"{path}.{name}" if path else name
            if name not in model.model_fields_set and not spec.is_required():
                if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
                    found.setdefault(here, [value, 0])[1] += 1
                continue
            items = value.values() if isinstance(value, Mapping) else value if isinstance(value, (list, tuple)) else ()
            if isinstance(value, BaseModel):
                walk(value, here)
            for item in items:
                if isinstance(item, BaseModel):
                    walk(item, f"{here}[]")

    walk(policy, "")
    return [(path, plain_number(Decimal(str(v))), n) for path, (v, n) in found.items()]
