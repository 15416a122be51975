"""Score a quarter (``xx score``): stars, ranks, pay, completion, changes; store the run."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from xingxian_cli.domain.diagnostics import DataError, Diagnostic
from xingxian_cli.domain.memory import gc_paused
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.policy import Policy, json_number
from xingxian_cli.domain.ranking import (
    Completion,
    TaskResult,
    TownshipResult,
    VillageResult,
    task_rollup,
    township_completion,
    village_ranking,
)
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.scoring import (
    CadreResult,
    PreviousCadre,
    StarChange,
    VillageBonus,
    departures,
    facts_outside_policy,
    namesakes,
    score_cadres,
    star_changes,
    village_bonuses,
)
from xingxian_cli.io.store import QuarterFacts, Store, StoredPage, SubmissionMeta
from xingxian_cli.services.context import (
    Context,
    for_quarter,
    kept_policy,
    kept_registry,
    policy_json,
    policy_labels,
    registry_json,
)


@dataclass(frozen=True)
class ComparedPolicy:
    """The policy the previous quarter's stars (what "change" compares with) were given by,
    when its star rules are not those this quarter is scored by: each quarter keeps its own
    (a closed quarter's stars stay as they were paid), so some ups and downs are the policy's."""

    quarter: str  # the previous quarter
    name: str | None  # None: not known (its stored results follow a policy this tool cannot read)
    version: str
    fingerprint: str | None
    used: str  # the previous quarter's policy, as notes name it
    now: str  # this quarter's

    def document(self) -> dict[str, Any]:
        return {"quarter": self.quarter, "name": self.name, "version": self.version, "fingerprint": self.fingerprint}


def compared_policy(ctx: Context, previous: str | None) -> ComparedPolicy | None:
    """Of ``ctx`` (bound to a quarter): the previous quarter's policy when its star rules differ
    from the quarter's own (see :func:`_compared_context`); None when they agree (other pay
    rates change no star), or there is no previous quarter."""
    from xingxian_cli.domain.policy import policy_fingerprint
    from xingxian_cli.messages import common as M

    if previous is None:
        return None
    other = _compared_context(ctx, previous)
    if other is None:  # its stored stars, by a policy known by its version only
        last = ctx.store.latest_score_run(previous)
        if last is None or last["policy_version"] == ctx.policy.version:
            return None
        used, now = (M.POLICY_LABEL_VERSION.format(version=v) for v in (last["policy_version"], ctx.policy.version))
        return ComparedPolicy(previous, None, last["policy_version"], None, used, now)
    if _star_rules_key(other.policy) == _star_rules_key(ctx.policy):  # other pay, the same stars: nothing to say
        return None
    return ComparedPolicy(previous, other.policy.name, other.policy.version, policy_fingerprint(other.policy),
                          *policy_labels(other.policy, ctx.policy))


def _star_rules_key(policy: Policy) -> str:
    """A policy's star rules as text in which the order of a list of names does not count (the
    veto outcomes or honour levels listed in another order give the same stars, review R74)."""
    def canon(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: canon(x) for k, x in v.items()}
        if isinstance(v, list):
            items = [canon(x) for x in v]
            return sorted(items) if all(isinstance(x, str) for x in items) else items
        return v

    return json.dumps(canon(policy.star_rules.model_dump(mode="json")), sort_keys=True, ensure_ascii=False)


@dataclass
class Summary:
    """Counts and sums over a ranked list (all of it, or one township's part)."""

    cadres: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: {"rated": 0, "unrated": 0, "vetoed": 0})
    stars: dict[int, int] = field(default_factory=dict)  # rated cadres per final star count
    pay: Decimal = Decimal(0)
    bonus: Decimal = Decimal(0)

    @classmethod
    def of_groups(cls, groups: Iterable[tuple[str, int | None, Decimal, Decimal, int]]) -> Summary:
        """From (status, stars, pay, bonus, cadres) groups: one per cadre, or as a query grouped them."""
        s = cls()
        for status, stars, pay, bonus, n in groups:
            s.cadres += n
            s.statuses[status] = s.statuses.get(status, 0) + n
            if status == "rated" and stars is not None:
                s.stars[stars] = s.stars.get(stars, 0) + n
            s.pay += pay * n
            s.bonus += bonus * n
        s.stars = dict(sorted(s.stars.items()))
        return s

    @classmethod
    def of_cadres(cls, cadres: Iterable[CadreResult]) -> Summary:
        return cls.of_groups((c.status, c.stars, c.pay, c.bonus, 1) for c in cadres)

    def document(self) -> dict[str, Any]:
        """As ``summary`` in the JSON document."""
        return {"cadres": self.cadres, **{k: self.statuses.get(k, 0) for k in ("rated", "unrated", "vetoed")},
                "stars": {str(k): v for k, v in self.stars.items()},
                "total_pay": json_number(self.pay), "total_bonus": json_number(self.bonus)}


@dataclass
class ScoreOutcome:
    """Everything ``xx score`` and ``xx report`` show for one quarter."""

    quarter: Quarter
    policy_version: str
    inputs_hash: str
    cadres: list[CadreResult]
    townships: list[TownshipResult]
    tasks: list[TaskResult]
    villages: list[VillageResult]
    changes: dict[str, StarChange]
    submitted: list[str]
    missing: list[str]
    warnings: list[Diagnostic] = field(default_factory=list)
    warning_townships: list[str] = field(default_factory=list)  # each warning's township, in order
    previous_quarter: str | None = None
    previous_policy: ComparedPolicy | None = None  # when the previous quarter's stars follow another policy
    departed: list[PreviousCadre] = field(default_factory=list)  # the previous quarter's, not in this one
    # the previous quarter's cadres in another township now: (their record then, township now)
    moved: list[tuple[PreviousCadre, str]] = field(default_factory=list)
    # township -> (file name, version) of the submission its figures come from
    sources: dict[str, tuple[str, int]] = field(default_factory=dict)
    # (township, quarter, version, file name) of every current submission up to the quarter:
    # what the result follows from (honours and deductions count across quarters)
    inputs: list[tuple[str, str, int, str]] = field(default_factory=list)
    # each registry village's collective-economy bonus, of the townships that sent (a quarter
    # that pays it; else empty)
    village_bonus: list[VillageBonus] = field(default_factory=list)
    stored: bool = False
    unchanged: bool = False  # the same inputs were already stored
    read_only: bool = False  # to be stored, but the database is read-only: shown all the same
    # When this result replaced a stored one with other figures (a late version of this or
    # an earlier quarter, a policy change): when that one was stored, its sums and these.
    replaced: Replaced | None = None
    # When the quarter was scored by the policy its stored results were scored by, not the
    # workspace's (see context.for_quarter): the two, as notes name them; else None.
    policy_kept: tuple[str, str] | None = None
    workspace_policy: dict[str, str] | None = None  # the workspace's then, as the JSON gives it
    registry_kept: tuple[str, str] | None = None  # as policy_kept, for the registry
    workspace_registry: dict[str, int] | None = None  # as workspace_policy, for the registry
    # The whole county's unmasked document this run built to store (None: none stored), which
    # --format json then shows as a stored one is shown rather than building it again.
    stored_document: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def summary(self, township: str | None = None) -> Summary:
        return Summary.of_cadres(c for c in self.cadres if township is None or c.township == township)

    @property
    def total_pay(self) -> Decimal:
        return self.summary().pay

    @property
    def total_bonus(self) -> Decimal:
        return self.summary().bonus

    def count(self, status: str) -> int:
        return self.summary().statuses.get(status, 0)

    def star_distribution(self) -> dict[int, int]:
        """Rated cadres per final star count."""
        return self.summary().stars


def _inputs_hash(ctx: Context, history: list[SubmissionMeta], previous_quarter: str | None) -> str:
    """What a quarter's result follows from, without reading its facts: this tool's code,
    the policy, the registry, every current submission up to the quarter (its own, and the
    earlier ones honours and deductions come from) and the quarter its changes compare to,
    with the policy its stars are taken by (its own once stored: rescored by another, the
    changes move).

    A submission is its id and its file's hash: facts are stored once per submission and
    never change, so the same hash means the same facts and the same result.
    """
    from xingxian_cli.domain.policy import policy_fingerprint

    compared: Any = None
    if previous_quarter is not None:
        other = _compared_context(ctx, previous_quarter)
        if other is not None:
            compared = policy_fingerprint(other.policy)
        else:  # its stored stars as they are: they follow its stored run
            last = ctx.store.latest_score_run(previous_quarter)
            compared = ["stored", last["inputs_hash"] if last is not None else None]
    h = hashlib.sha256()
    h.update(json.dumps([
        code_fingerprint(),
        previous_quarter,
        compared,
        ctx.policy.model_dump(mode="json"),
        [(v.township, v.name, v.kind, v.code) for v in ctx.registry.villages],
        sorted((m.quarter, m.township, m.id, m.sha256) for m in history),
    ], ensure_ascii=False).encode())
    return h.hexdigest()


@lru_cache(maxsize=4)
def code_fingerprint(root: Path | None = None) -> str:
    """A hash of the tool's version and its own source files (``root``: the package's
    folder). Results follow from the code as much as from the data, and a corrected rule
    does not always come with a new version number; installed without sources, the version."""
    import xingxian_cli

    root = root or Path(xingxian_cli.__file__).parent
    h = hashlib.sha256(xingxian_cli.__version__.encode())
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _current_inputs(ctx: Context, quarter: Quarter) -> tuple[list[SubmissionMeta], str]:
    """The submissions a score of ``quarter`` would follow from now, and its inputs hash
    (its facts unread)."""
    history = ctx.store.inputs_of(str(quarter))
    return history, _inputs_hash(ctx, history, _previous_quarter(history, quarter))


def _current_inputs_hash(ctx: Context, quarter: Quarter) -> tuple[str, str | None]:
    """The inputs hash a score of ``quarter`` would have now (its facts unread), and the
    quarter its changes compare to."""
    history, key = _current_inputs(ctx, quarter)
    _record_policy(ctx, quarter, key)
    return key, _previous_quarter(history, quarter)


def stored_run_state(ctx: Context, quarter: Quarter) -> tuple[str, list[SubmissionMeta]] | None:
    """When the quarter's results were last stored, and the submissions it follows from that
    were imported since (corrections of it or of earlier quarters: a score or report gives
    other figures; review R116). None when none are stored."""
    last = ctx.store.latest_score_run(str(quarter))
    if last is None:
        return None
    at = str(last["created_at"])
    history = ctx.store.inputs_of(str(quarter))
    later = [m for m in history if m.imported_at > at]
    if later:
        return at, later
    # Times are kept to the second: a version imported in the second the results were stored
    # may have come before or after them. It came after when what they follow from has
    # changed since (the inputs hash, as `xx score` compares it).
    same = [m for m in history if m.imported_at == at]
    if same and _stored_inputs_changed(ctx, quarter, history, str(last["inputs_hash"])):
        return at, same
    return at, []


def _stored_inputs_changed(ctx: Context, quarter: Quarter, history: list[SubmissionMeta], stored: str) -> bool:
    """Whether a score of ``quarter`` would follow from other inputs than the stored run's
    (``stored``, its inputs hash); True when the policy they are hashed with cannot be read
    (status needs no policy: a version of the stored second is then listed, to be rescored)."""
    try:
        return _inputs_hash(ctx, history, _previous_quarter(history, quarter)) != stored
    except DataError:
        return True


def _record_policy(ctx: Context, quarter: Quarter, key: str) -> None:
    """A stored run of ``key`` from before schema 7 or 8 (no policy or registry recorded) was
    scored by this policy and registry, which ``key`` hashes: record them, so that the
    quarter keeps them from now on."""
    run = ctx.store.run_policy(str(quarter))
    if run is None or (run.policy is not None and run.registry is not None):
        return
    last = ctx.store.latest_score_run(str(quarter))
    if last is None or last["inputs_hash"] != key:  # scored by other inputs: nothing to record (no write)
        return
    try:
        ctx.store.record_run_policy(str(quarter), key, policy_json(ctx.policy), registry_json(ctx.registry))
    except Exception as exc:
        from xingxian_cli.io.store import read_only

        if not read_only(exc):
            raise


def _compared_context(ctx: Context, quarter: object) -> Context | None:
    """``ctx`` (bound to a quarter) for the quarter its changes compare to: by that one's own
    policy once it has stored results, else by the comparing quarter's (not the workspace's:
    a closed quarter's changes stay as they were paid). None when that quarter's stored
    results follow a policy this tool cannot apply again (see context.PolicyUnknown): its
    stored stars are compared with as they are, and the quarter asked about is not held up."""
    from xingxian_cli.services.context import PolicyUnknown

    try:
        return for_quarter(ctx, quarter, default=ctx.policy, default_registry=ctx.registry)
    except PolicyUnknown:
        return None


def _places_named_now(ctx: Context, then: Registry, previous: list[PreviousCadre]) -> dict[str, tuple[str, str]]:
    """Where each cadre of the quarter before was (scored by registry ``then``), as the
    registry names the place now: a village renamed since (its 区划代码 another name's now,
    村改居) is the same place, its cadres no movers (review R116: "由斜沟村调入" for all six
    of a renamed village)."""
    from xingxian_cli.services.context import recorded_renames

    places = {p.person_id: (p.township, p.village) for p in previous}
    now = {v.code: (v.township, v.name) for v in ctx.registry.villages if v.code}
    if not now:
        return places
    codes = {(v.township, v.name): v.code for v in then.villages if v.code}
    for township, name, code in recorded_renames(ctx.store):
        codes.setdefault((township, name), code)
    return {pid: now.get(codes.get(place, ""), place) for pid, place in places.items()}


def _previous_cadres(ctx: Context, quarter: Quarter) -> tuple[list[SubmissionMeta], list[PreviousCadre], Registry]:
    """The cadres of ``quarter`` (the one changes compare to) with their stars, the
    submissions they follow from and the registry it is scored by: read from its stored run
    when nothing it follows from has changed since (the ranked list), else scored afresh from
    its facts (by its own policy, see :func:`_compared_context`)."""
    other = _compared_context(ctx, quarter)
    if other is None:  # its policy unknown: its stored stars as they are, when it has the list
        last = ctx.store.latest_score_run(str(quarter))
        rows = ctx.store.stored_cadres(str(quarter), last["inputs_hash"]) if last is not None else None
        if rows is not None:
            return ctx.store.inputs_of(str(quarter)), [PreviousCadre(*r) for r in rows], ctx.registry
    ctx = other or ctx  # else by the comparing quarter's policy
    history, key = _current_inputs(ctx, quarter)
    rows = ctx.store.stored_cadres(str(quarter), key)
    if rows is not None:
        return history, [PreviousCadre(*r) for r in rows], ctx.registry
    facts = quarter_facts(ctx, quarter)
    # Its stars are shown as "before"; its task progress plays no part in them.
    refuse_facts_outside_policy(ctx, quarter, facts, progress=False)
    scored = score_cadres(ctx.policy, quarter, *_facts_args(facts), registry=ctx.registry)
    return facts.history, [PreviousCadre.of(r) for r in scored], ctx.registry


def score_document(ctx: Context, quarter: Quarter, *, township: str | None, unmask: bool,
                   allow_missing: bool = False,
                   on_scored: Callable[[ScoreOutcome], None] | None = None) -> dict[str, Any] | None:
    """``xx score --format json``'s document (None: nothing submitted for the quarter): the
    stored run's when nothing it follows from has changed, else scored (and stored), and
    ``on_scored`` hears of it (whether it was stored, what it replaced)."""
    ctx = for_quarter(ctx, quarter)
    key, previous = _current_inputs_hash(ctx, quarter)
    doc = ctx.store.stored_result(str(quarter), key)
    page = ctx.store.ranked_page(str(quarter), key, township, limit=1) if doc is not None else None
    if doc is not None and page is not None:
        doc = document_view(doc, unmask=unmask, township=township, summary=_page_summary(page))
        doc["workspace_policy"] = workspace_policy(ctx)  # as of now
        compared = compared_policy(ctx, previous)
        doc["previous_policy"] = compared.document() if compared is not None else None
        doc["workspace_registry"] = workspace_registry(ctx)
        doc["stored"] = "unchanged"
        return doc
    o = score_quarter(ctx, quarter, allow_missing=allow_missing)
    if on_scored is not None and o.submitted:
        on_scored(o)
    if not o.submitted:
        return None
    if (doc := o.stored_document) is not None:  # built once: a province's takes a second or more
        o.stored_document = None  # (changed in place from here)
        doc = document_view(doc, unmask=unmask, township=township, summary=o.summary(township))
    else:
        doc = outcome_document(o, unmask=unmask, township=township)
    doc["stored"] = _stored_status(o)
    return doc


def _stored_status(o: ScoreOutcome) -> str:
    """Whether ``xx score --format json``'s result is the workspace's stored one, as the
    table's last line says (review R108: a script could not tell)."""
    if o.read_only:
        return "not-stored-read-only"
    if o.unchanged:
        return "unchanged"
    if o.stored:
        return "stored"
    return "not-stored-missing" if o.missing else "not-stored"


def workspace_policy(ctx: Context) -> dict[str, str] | None:
    """The workspace's policy (name, version, content fingerprint) when ``ctx`` (bound to a
    quarter) scores by another one, the policy the quarter's stored results were scored by."""
    from xingxian_cli.domain.policy import policy_fingerprint

    p = ctx.workspace_policy
    return None if p is None else {"name": p.name, "version": p.version, "fingerprint": policy_fingerprint(p)}


def workspace_registry(ctx: Context) -> dict[str, int] | None:
    """The workspace's registry (townships and villages counted) when ``ctx`` (bound to a
    quarter) scores by another one, the registry the quarter's stored results were scored by."""
    r = ctx.workspace_registry
    return None if r is None else {"townships": len(r.townships), "villages": len(r.villages)}


def _previous_quarter(history: Iterable[SubmissionMeta], quarter: Quarter) -> str | None:
    """The last quarter before ``quarter`` with submissions (of ``history``, the current ones
    up to it): star changes compare to it, whether or not anyone has scored it yet."""
    return max((m.quarter for m in history if m.quarter < str(quarter)), default=None)


def quarter_facts(ctx: Context, quarter: Quarter) -> QuarterFacts:
    """The quarter's stored facts as its policy (``ctx``'s) reads them: a status or a post the
    policy has renamed since they were imported written in its words (see
    statuses_in_policy_words, posts_in_policy_words)."""
    from xingxian_cli.domain.intake import (
        places_in_registry_words,
        posts_in_policy_words,
        statuses_in_policy_words,
    )

    facts = ctx.store.quarter_facts(str(quarter))
    facts.progress = statuses_in_policy_words(ctx.policy.completion.status_values, facts.progress)
    facts.cadres = posts_in_policy_words(ctx.policy.positions, facts.cadres)
    facts.cadres, facts.economy = places_in_registry_words(ctx.registry, facts.cadres, facts.economy)
    return facts


def facts_outside_of(store: Store, policy: Policy, quarter: str) -> list[Diagnostic]:
    """What ``quarter``'s stored submissions hold that ``policy`` does not cover (a policy about
    to replace the workspace's), as scoring by it would refuse."""
    from xingxian_cli.domain.intake import posts_in_policy_words, statuses_in_policy_words

    facts = store.quarter_facts(quarter)
    progress = statuses_in_policy_words(policy.completion.status_values, facts.progress)
    cadres = posts_in_policy_words(policy.positions, facts.cadres)
    return facts_outside_policy(policy, Quarter.parse(quarter), cadres, facts.scores.values(), facts.honours,
                                facts.deductions, progress)


def refuse_facts_outside_policy(ctx: Context, quarter: Quarter, facts: QuarterFacts, *, progress: bool = True) -> None:
    """Stop with a diagnostic per stored value the workspace's policy no longer covers
    (the task progress too, unless ``progress`` is False)."""
    stale = facts_outside_policy(ctx.policy, quarter, facts.cadres, facts.scores.values(), facts.honours,
                                 facts.deductions, facts.progress if progress else {})
    if stale:
        raise DataError(stale)


def _compute(ctx: Context, quarter: Quarter, facts: QuarterFacts) -> tuple[list[CadreResult], list[TownshipResult], list[TaskResult], list[VillageResult]]:
    refuse_facts_outside_policy(ctx, quarter, facts)
    cadres = score_cadres(ctx.policy, quarter, facts.cadres, facts.scores, facts.honours, facts.deductions, facts.economy,
                          registry=ctx.registry)
    comp = Completion(ctx.policy, ctx.registry, facts.progress)  # shared by the three rankings
    towns = township_completion(ctx.policy, ctx.registry, facts.progress, comp)
    tasks = task_rollup(ctx.policy, ctx.registry, facts.progress, comp)
    villages = village_ranking(ctx.policy, ctx.registry, facts.progress, cadres, comp)
    return cadres, towns, tasks, villages


def _warnings(ctx: Context, quarter: Quarter, facts: QuarterFacts) -> list[tuple[str, Diagnostic]]:
    """The quarter's stored warnings, (township, warning) each, with those against earlier
    quarters (see ``domain.intake.against_earlier``) worked out afresh from the history as it
    stands now: an earlier quarter corrected since the import would leave the stored ones
    wrong, and the report's issue sheet says what scoring does."""
    from xingxian_cli.domain.intake import AGAINST_EARLIER, against_earlier, earlier_facts

    kept = [(t, d) for t, d in facts.warnings if d.code not in AGAINST_EARLIER]
    deductions, roster = ctx.store.earlier_facts(str(quarter))
    if not deductions and not roster:
        return _in_registry_order(ctx, facts, kept)
    told = earlier_facts(deductions, roster)
    mine: dict[str, tuple[str, list[tuple[Any, ...]], list[tuple[Any, ...]]]] = {}  # file -> township, rows
    for c in facts.cadres:
        if c.source is not None:
            mine.setdefault(c.source.file, (c.township, [], []))[1].append(
                (c.person_id, c.start_date, c.source.sheet, c.source.row, c.village))
    current = {m.id for m in facts.submissions}
    for d in facts.deductions:
        src = d.source
        if src is not None and src.report in current and src.file in mine:
            mine[src.file][2].append((d.person_id, d.measure, d.outcome, d.date, d.doc_no, src.sheet, src.row))
    for file, (township, starts, rows) in mine.items():
        kept += [(township, w) for w in against_earlier(file, starts, rows, told, ctx.policy, quarter,
                                                        township=township, registry=ctx.registry)]
    return _in_registry_order(ctx, facts, kept)


def _in_registry_order(ctx: Context, facts: QuarterFacts, warned: list[tuple[str, Diagnostic]]) -> list[tuple[str, Diagnostic]]:
    """``warned`` by township in registry order (as the payroll lists them, review R105), each
    file's together in the order its stored ones came (the report lists them so)."""
    towns = {t: i for i, t in enumerate(ctx.registry.townships)}
    rank = {f: i for i, f in enumerate(dict.fromkeys(d.file for _t, d in (*facts.warnings, *warned)))}
    return sorted(warned, key=lambda tw: (towns.get(tw[0], len(towns)), rank.get(tw[1].file, len(rank))))


def _registry_villages(ctx: Context, townships: Iterable[str], facts: QuarterFacts) -> list[tuple[str, str]]:
    """(township, village) of each registry village of ``townships``, spelt as the stored facts
    spell it (a registry imported again in other but equal spellings: 城東社区 for 城东社区)."""
    from xingxian_cli.domain.text import norm

    stored = {(t, norm(v)): v for t, v in (*facts.economy, *((c.township, c.village) for c in facts.cadres))}
    return [(t, stored.get((t, norm(v.name)), v.name)) for t in townships for v in ctx.registry.by_township[t]]


def score_quarter(ctx: Context, quarter: Quarter, *, allow_missing: bool = False, store: bool = True) -> ScoreOutcome:
    """Score ``quarter`` from the current submissions; store the run when complete.

    A quarter with townships missing is computed and shown but stored only with
    ``allow_missing``. Scoring the same inputs again gives identical results and stores
    nothing new. The quarter is scored by its own policy (see context.for_quarter).
    """
    ctx = for_quarter(ctx, quarter)
    with gc_paused():  # a province's facts are a million objects, and no cycles
        return _score_quarter(ctx, quarter, allow_missing=allow_missing, store=store)


def missing_townships(registry: Registry, facts: QuarterFacts) -> list[str]:
    """The registry's townships with no current submission of the quarter, in its order."""
    sent = {m.township for m in facts.submissions}
    return [t for t in registry.townships if t not in sent]


def _score_quarter(ctx: Context, quarter: Quarter, *, allow_missing: bool, store: bool) -> ScoreOutcome:
    facts = quarter_facts(ctx, quarter)
    cadres, towns, tasks, villages = _compute(ctx, quarter, facts)
    sent = {m.township for m in facts.submissions}
    submitted = [t for t in ctx.registry.townships if t in sent]
    missing = missing_townships(ctx.registry, facts)
    prev_q = _previous_quarter(facts.history, quarter)
    changes: dict[str, StarChange] = {}
    departed: list[PreviousCadre] = []
    moved: list[tuple[PreviousCadre, str]] = []
    same_inputs = True  # the previous quarter's facts are those this quarter's snapshot saw
    if prev_q is not None:
        prev_history, previous, then = _previous_cadres(ctx, Quarter.parse(prev_q))
        same_inputs = {m.id for m in prev_history} == {m.id for m in facts.history if m.quarter <= prev_q}
        changes = star_changes(cadres, {p.person_id: (p.status, p.stars) for p in previous},
                               sent_before={m.township for m in facts.history if m.quarter == prev_q},
                               unsent_now={p.person_id for p in previous if p.township not in sent},
                               places_before=_places_named_now(ctx, then, previous))
        departed, moved = departures(cadres, previous)
        changes = namesakes(changes, cadres, departed)  # one person under two IDs?
    warned = _warnings(ctx, quarter, facts)
    outcome = ScoreOutcome(
        quarter=quarter,
        policy_version=ctx.policy.version,
        inputs_hash=_inputs_hash(ctx, facts.history, prev_q),
        cadres=cadres,
        townships=towns,
        tasks=tasks,
        villages=villages,
        changes=changes,
        submitted=submitted,
        missing=missing,
        warnings=[d for _t, d in warned],
        warning_townships=[t for t, _d in warned],
        previous_quarter=prev_q,
        previous_policy=compared_policy(ctx, prev_q),
        departed=departed,
        moved=moved,
        sources={m.township: (m.file_name, m.version) for m in facts.submissions},
        inputs=sorted((m.township, m.quarter, m.version, m.file_name) for m in facts.history
                      if m.is_current and m.quarter <= str(quarter)),
        # a quarter that pays the bonus (the registry villages are looked up only then)
        village_bonus=village_bonuses(ctx.policy, quarter, _registry_villages(ctx, submitted, facts), facts.economy)
        if quarter.q == ctx.policy.pay.bonus.quarter else [],
        policy_kept=kept_policy(ctx),
        workspace_policy=workspace_policy(ctx),
        registry_kept=kept_registry(ctx),
        workspace_registry=workspace_registry(ctx),
    )
    # An import landing between the two quarters' reads: show this result, store it next time.
    if store and missing and not allow_missing and facts.submissions and same_inputs:
        # Not stored (townships missing), yet a provisional result stored earlier may have been
        # paid by: this one's figures, when they differ, are said against it (review R104).
        outcome.replaced = _differs(ctx, quarter, outcome, facts.history)
    elif store and facts.submissions and same_inputs:
        last = ctx.store.latest_score_run(str(quarter))
        if _same_run(ctx, last, outcome):
            outcome.unchanged = True
            _record_policy(ctx, quarter, outcome.inputs_hash)
        else:
            if last is not None:
                outcome.replaced = _replaced(ctx, quarter, outcome, facts.history)
            try:
                doc = outcome_document(outcome, unmask=True)
                ctx.store.save_score_run(str(quarter), ctx.policy.version, outcome.inputs_hash, missing,
                                         doc, _ranked_rows(outcome), policy_json(ctx.policy), registry_json(ctx.registry))
                outcome.stored_document = doc
            except Exception as exc:
                from xingxian_cli.io.store import read_only

                if not read_only(exc):
                    raise
                # A workspace on a read-only share or disk: the figures are shown, not kept (the
                # stored result stays: what differs from it is said as such).
                outcome.read_only = True
                if outcome.replaced is not None:
                    outcome.replaced.kept = True
                return outcome
        outcome.stored = True
    return outcome


@dataclass
class Replaced:
    """A stored result replaced by one with other figures: when it was stored, its sums and
    the new ones, and each cadre whose status, stars, pay or bonus moved (name, township,
    village, (status, stars, pay, bonus) before, the same now; before None: not listed then)."""

    at: str
    before: Summary
    now: Summary
    changed: list[tuple[str, str, str, tuple[Any, ...] | None, tuple[Any, ...] | None]]
    # Townships whose completion rate or rank moved: (township, rate then, now, rank then, now),
    # and how many villages' completion or rank moved (a late version, a policy or registry change).
    townships: list[tuple[str, float, float, int, int]] = field(default_factory=list)
    villages: int = 0
    quarter: str = ""  # the quarter scored (for the commands the note suggests)
    rate_decimals: int = 4  # the policy's: the rates are shown to them
    # The current versions imported since it was stored (township, quarter, version): an
    # earlier quarter's correction changes this one through its honours and deductions (R92).
    since: list[tuple[str, str, int]] = field(default_factory=list)
    # This result was not stored (townships missing, a read-only database): the stored one
    # stays, and only differs from it.
    kept: bool = False


def _same_run(ctx: Context, last: dict[str, Any] | None, outcome: ScoreOutcome) -> bool:
    """Whether the stored run ``last`` was scored from ``outcome``'s inputs by the same policy."""
    return last is not None and last["inputs_hash"] == outcome.inputs_hash and last["policy_version"] == ctx.policy.version


def _differs(ctx: Context, quarter: Quarter, outcome: ScoreOutcome,
             history: Iterable[SubmissionMeta]) -> Replaced | None:
    """How ``outcome``, not stored, differs from the quarter's stored result (None: no stored
    result, the same inputs, or the same figures)."""
    last = ctx.store.latest_score_run(str(quarter))
    if last is None or _same_run(ctx, last, outcome):
        return None
    differs = _replaced(ctx, quarter, outcome, history)
    if differs is not None:
        differs.kept = True
    return differs


def _replaced(ctx: Context, quarter: Quarter, outcome: ScoreOutcome,
              history: Iterable[SubmissionMeta] = ()) -> Replaced | None:
    """The stored result ``outcome`` replaces, when its counts, sums or rankings differ: an
    officer who paid by it, or sent its rankings on, must hear that the figures moved, whose,
    and which of the current submissions it follows from (``history``) came in since."""
    found = ctx.store.latest_run_groups(str(quarter))
    if found is None:
        return None
    at, groups = found
    dec = _decimals()
    before = Summary.of_groups((status, stars, dec(p), dec(b), n) for status, stars, p, b, n in groups)
    now = outcome.summary()
    last = ctx.store.latest_score_run(str(quarter), with_result=True)
    doc = (last["result"] if last is not None else None) or {}
    towns, villages = _moved_places(doc, outcome)
    if before == now and not towns and not villages:
        return None
    old = ctx.store.latest_run_people(str(quarter))
    changed = []
    for c in outcome.cadres:
        then = old.pop(c.person_id, None)
        was = (then[3], then[4], dec(then[5]), dec(then[6])) if then is not None else None
        is_ = (c.status, c.stars, c.pay, c.bonus)
        if was != is_:
            changed.append((c.name, c.township, c.village, was, is_))
    changed += [(name, town, village, (status, stars, dec(pay), dec(bonus)), None)
                for name, town, village, status, stars, pay, bonus in old.values()]
    if "inputs" in doc:  # what it followed from (schema 8 documents before it: by the time of import)
        used = {(x["township"], x["quarter"], x["version"]) for x in doc["inputs"]}
        since = [(t, q, v) for q, t, v in sorted((q, t, v) for t, q, v, _f in outcome.inputs) if (t, q, v) not in used]
    else:
        since = [(m.township, m.quarter, m.version) for m in sorted(history, key=lambda m: (m.quarter, m.imported_at))
                 if m.is_current and m.quarter <= str(quarter) and m.imported_at > at]
    return Replaced(at, before, now, changed, towns, villages, str(quarter), ctx.policy.completion.rate_decimals,
                    since)


def _moved_places(doc: dict[str, Any], outcome: ScoreOutcome) -> tuple[list[tuple[str, float, float, int, int]], int]:
    """The townships whose completion rate or rank differ from those of the stored run's
    document ``doc``, and how many villages' completion or rank do."""
    if not doc:
        return [], 0
    then = {t["township"]: (t["completion_rate"], t["rank"]) for t in doc.get("townships", ())}
    towns = []
    for t in outcome.townships:
        was = then.get(t.township)
        is_ = (float(t.rate_rounded), t.rank)
        if was is not None and tuple(was) != is_:
            towns.append((t.township, was[0], is_[0], was[1], is_[1]))
    before = {(v["township"], v["village"]): (v["completion"], v["rank"]) for v in doc.get("villages", ())}
    moved = sum(before.get((v.township, v.village)) != (float(v.rate_rounded), v.rank) for v in outcome.villages)
    return towns, moved


def _ranked_rows(o: ScoreOutcome) -> list[tuple[Any, ...]]:
    """The ranked list as ``score_cadre`` rows (after ``run_id``)."""
    return [(seq, r.person_id, r.name, r.township, r.village, r.position, r.status, r.stars, str(r.composite),
             r.rank_county, r.rank_township, str(r.pay), str(r.bonus), r.change_kind, r.change_delta)
            for seq, r in enumerate(_rows_of(o, o.cadres))]


@dataclass
class RankedRow:
    """One line of the ranked list as ``xx score`` shows it."""

    rank_county: int | None
    rank_township: int | None
    township: str
    village: str
    name: str
    position: str
    status: str
    stars: int | None
    composite: Decimal
    pay: Decimal
    bonus: Decimal
    change_kind: str | None
    change_delta: int | None
    person_id: str


# A new cadre with a namesake who left, in the table's 变化 column and the stored ranked list (at
# most 8 characters: score_cadre.change_kind); the JSON keeps kind "new" and names the namesake.
NAMESAKE_KIND = "namesake"
MOVED_KIND = "moved"  # the same stars in another township or village (the JSON: "same", moved_from)


def _rows_of(o: ScoreOutcome, cadres: list[CadreResult]) -> list[RankedRow]:
    rows = []
    for c in cadres:
        ch = o.changes.get(c.person_id)
        rows.append(RankedRow(c.rank_county, c.rank_township, c.township, c.village, c.name, c.position, c.status,
                              c.stars, c.composite, c.pay, c.bonus, _table_kind(ch),
                              None if ch is None else ch.delta, c.person_id))
    return rows


def _table_kind(change: StarChange | None) -> str | None:
    """A change as the table's 变化 column shows it: a new cadre with a namesake who left
    (one person under two IDs?) is "namesake" there, one who moved with the same stars
    "moved" (the JSON keeps kind, namesake and moved_from); vetoed or unrated as last
    quarter is no change (the stars column says it)."""
    if change is None:
        return None
    if change.namesake is not None and change.kind == "new":
        return NAMESAKE_KIND
    if change.kind == "same" and change.moved_from is not None:
        return MOVED_KIND
    return change.shown_kind


@dataclass
class ScoreTable:
    """What ``xx score`` shows: the first places of the ranked list (of one township or all)
    and the counts and sums over the whole of it."""

    quarter: Quarter
    policy_version: str
    inputs_hash: str
    rows: list[RankedRow]
    summary: Summary
    missing: list[str]
    stored: bool
    unchanged: bool
    replaced: Replaced | None = None  # see ScoreOutcome.replaced (the county's sums)
    namesakes: int = 0  # new cadres of the whole list with a namesake who left (see _table_kind)
    read_only: bool = False  # see ScoreOutcome.read_only
    previous_policy: ComparedPolicy | None = None  # see ScoreOutcome.previous_policy
    refused: list[str] = field(default_factory=list)  # of ``missing``, those whose file an import refused


def ranked_table(o: ScoreOutcome, *, township: str | None, limit: int) -> ScoreTable:
    """The table of a computed outcome."""
    cadres = [c for c in o.cadres if township is None or c.township == township]
    namesakes = sum(_table_kind(o.changes.get(c.person_id)) == NAMESAKE_KIND for c in cadres)
    return ScoreTable(o.quarter, o.policy_version, o.inputs_hash, _rows_of(o, cadres if limit <= 0 else cadres[:limit]),
                      Summary.of_cadres(cadres), o.missing, o.stored, o.unchanged, o.replaced, namesakes, o.read_only,
                      o.previous_policy)


def score_table(ctx: Context, quarter: Quarter, *, township: str | None, limit: int,
                allow_missing: bool = False) -> ScoreTable | None:
    """``xx score``'s table (None: nothing submitted for the quarter): read from the quarter's
    stored run when nothing it follows from has changed since (a page and a few sums, not a
    province's facts), else scored (and stored) as :func:`score_quarter` does."""
    ctx = for_quarter(ctx, quarter)
    key, previous = _current_inputs_hash(ctx, quarter)
    page = ctx.store.ranked_page(str(quarter), key, township, limit)
    if page is None:
        o = score_quarter(ctx, quarter, allow_missing=allow_missing)
        table = ranked_table(o, township=township, limit=limit) if o.submitted else None
    else:
        dec = _decimals()
        rows = [RankedRow(rc, rt, t, v, name, pos, status, st, dec(comp), dec(p), dec(b), kind, delta, pid)
                for rc, rt, t, v, name, pos, status, st, comp, p, b, kind, delta, pid in page.rows]
        table = ScoreTable(quarter, page.policy_version, key, rows, _page_summary(page, dec), page.missing, True, True,
                           namesakes=page.kinds.get(NAMESAKE_KIND, 0), previous_policy=compared_policy(ctx, previous))
    if table is not None and table.missing:
        # said as status and the report say them: sent and refused is not "not sent" (review R100)
        refused = {r.township for r in ctx.store.refusals(str(quarter))}
        table.refused = [t for t in table.missing if t in refused]
    return table


def _decimals() -> Callable[[str], Decimal]:
    """Decimal of a stored decimal text, made once per distinct text (they repeat)."""
    made: dict[str, Decimal] = {}

    def dec(text: str) -> Decimal:
        return made[text] if text in made else made.setdefault(text, Decimal(text))

    return dec


def _page_summary(page: StoredPage, dec: Callable[[str], Decimal] | None = None) -> Summary:
    dec = dec or _decimals()
    return Summary.of_groups((status, stars, dec(p), dec(b), n) for status, stars, p, b, n in page.groups)


def _facts_args(f: QuarterFacts) -> tuple[Any, ...]:
    return f.cadres, f.scores, f.honours, f.deductions, f.economy


def _namesake(change: StarChange | None, unmask: bool) -> str | None:
    """The ID of a change's namesake (see :func:`namesakes`), masked unless ``unmask``."""
    from xingxian_cli.domain.ids import mask_id

    if change is None or change.namesake is None:
        return None
    return change.namesake if unmask else mask_id(change.namesake)


def cadre_document(c: CadreResult, *, unmask: bool, change: StarChange | None = None) -> dict[str, Any]:
    from xingxian_cli.domain.ids import mask_id

    return {
        "id": c.person_id if unmask else mask_id(c.person_id),
        "name": c.name,
        "township": c.township,
        "village": c.village,
        "position": c.position,
        "status": c.status,
        "tenure_years": c.tenure_years,
        "tenure_stars": c.tenure_stars,
        "achievement_stars": c.achievement_stars,
        "base": c.base,
        "added": c.added,
        "deducted": c.deducted,
        "stars": c.stars,
        "composite": json_number(c.composite),
        "rank_county": c.rank_county,
        "rank_township": c.rank_township,
        "pay": json_number(c.pay),
        "bonus": json_number(c.bonus),
        "veto_reason": c.veto_reason,
        "change": None if change is None else {"kind": change.kind, "before": change.before, "delta": change.delta,
                                               "before_status": change.before_status,
                                               "moved_from": None if change.moved_from is None else
                                               dict(zip(("township", "village"), change.moved_from, strict=True)),
                                               "namesake": None if change.namesake is None
                                               else _namesake(change, unmask)},
        "rules": [
            {"rule": h.rule, "text": h.text, "delta": h.delta,
             "amount": None if h.amount is None else json_number(h.amount), "source": h.source}
            for h in c.rules
        ],
    }


def outcome_document(o: ScoreOutcome, *, unmask: bool, township: str | None = None) -> dict[str, Any]:
    """The JSON document of ``xx score --format json`` (shape documented in README)."""
    with gc_paused():  # a dict or two per cadre: a province's document is a million containers
        return _outcome_document(o, unmask=unmask, township=township)


def _outcome_document(o: ScoreOutcome, *, unmask: bool, township: str | None) -> dict[str, Any]:
    from xingxian_cli.domain.ids import mask_id

    # Who each change is about: masked IDs are not unique, so a script needs the name and place.
    who = {c.person_id: (c.name, c.township, c.village) for c in o.departed} | {
        c.person_id: (c.name, c.township, c.village) for c in o.cadres}
    return {
        "quarter": str(o.quarter),
        "policy_version": o.policy_version,
        # the workspace's policy, when the quarter kept the one its stored results were scored by
        "workspace_policy": o.workspace_policy,
        "workspace_registry": o.workspace_registry,  # the same for the registry
        "inputs_hash": o.inputs_hash,
        "submitted": o.submitted,
        "missing": o.missing,
        "previous_quarter": o.previous_quarter,  # what "change" compares with
        # that quarter's policy, when its stars were given by another one than this quarter's
        "previous_policy": o.previous_policy.document() if o.previous_policy is not None else None,
        # every current submission up to the quarter the result follows from
        "inputs": [{"township": t, "quarter": q, "version": v, "file": f} for t, q, v, f in o.inputs],
        "summary": o.summary(township).document(),
        "cadres": [cadre_document(c, unmask=unmask, change=o.changes.get(c.person_id))
                   for c in o.cadres if township is None or c.township == township],
        "townships": [
            {"township": t.township, "submitted": t.submitted, "completion_rate": float(t.rate_rounded), "rank": t.rank}
            for t in o.townships
        ],
        "tasks": [
            {"id": t.task_id, "area": t.area, "title": t.title, "completion": float(t.rate_rounded), "measures": t.measures}
            for t in o.tasks
        ],
        "villages": [
            {"township": v.township, "village": v.village, "kind": v.kind, "completion": float(v.rate_rounded),
             "mean_stars": float(v.mean_stars), "cadres_counted": v.counted, "rank": v.rank}
            for v in o.villages if township is None or v.township == township
        ],
        "changes": [
            {"id": pid if unmask else mask_id(pid), "name": name, "township": town, "village": village,
             "kind": ch.kind, "before": ch.before, "after": ch.after, "delta": ch.delta, "before_status": ch.before_status,
             "moved_from": None if ch.moved_from is None else dict(zip(("township", "village"), ch.moved_from, strict=True)),
             "namesake": _namesake(ch, unmask)}
            for pid, ch in sorted(o.changes.items())
            for name, town, village in (who.get(pid, (None, None, None)),)
            if (ch.kind != "same" or ch.moved_from is not None)
            # a township's own, and those who moved from it to another township
            and (township is None or town == township or (ch.moved_from is not None and ch.moved_from[0] == township))
        ],
        "departed": [
            {"id": p.person_id if unmask else mask_id(p.person_id), "name": p.name, "township": p.township,
             "village": p.village, "position": p.position, "status": p.status, "stars": p.stars,
             "reason": "not-sent" if p.township in o.missing else "not-listed",
             "namesake": _namesake(o.changes.get(p.person_id), unmask)}
            for p in o.departed if township is None or p.township == township
        ],
    }


def document_view(doc: dict[str, Any], *, unmask: bool, township: str | None, summary: Summary) -> dict[str, Any]:
    """What :func:`outcome_document` gives with ``unmask`` and ``township``, from the whole
    county's unmasked document (as a run stores it; changed in place) and the ``summary`` of
    the township's (or the county's) stored ranked list."""
    from xingxian_cli.domain.ids import mask_id

    doc["summary"] = summary.document()
    if township is not None:
        doc["cadres"] = [c for c in doc["cadres"] if c["township"] == township]
        doc["villages"] = [v for v in doc["villages"] if v["township"] == township]
        doc["departed"] = [p for p in doc.get("departed", []) if p["township"] == township]
        mine = {c["id"] for c in doc["cadres"]} | {p["id"] for p in doc["departed"]}
        doc["changes"] = [x for x in doc["changes"] if x["id"] in mine
                          or (x.get("moved_from") or {}).get("township") == township]
    if not unmask:
        for x in (*doc["changes"], *doc.get("departed", [])):
            x["id"] = mask_id(x["id"])
            if x.get("namesake"):
                x["namesake"] = mask_id(x["namesake"])
        for x in doc["cadres"]:
            _mask_cadre(x)
    return doc


def _mask_cadre(x: dict[str, Any]) -> None:
    """Mask a stored (unmasked) cadre entry's ID and its change's namesake, in place."""
    from xingxian_cli.domain.ids import mask_id

    x["id"] = mask_id(x["id"])
    if (ch := x.get("change")) and ch.get("namesake"):
        ch["namesake"] = mask_id(ch["namesake"])


def _matches(people: list[tuple[str, str, str]], wanted: str, township: str | None = None) -> list[int]:
    """Which of ``people`` ((id, name, township) each) ``wanted`` names: a full ID, a masked
    one such as 1411**********123X (several cadres can share one), or a name as written;
    within ``township`` when given."""
    from xingxian_cli.domain.ids import clean_id

    pid = clean_id(wanted)
    if not pid.replace("*", "").isascii():  # a name (an ID, even masked, is ASCII)
        # within the township first: its 穆　平 is the one meant, not another township's 穆平
        among = [i for i, (_id, _n, t) in enumerate(people) if township is None or t == township]
        hits = [i for i in among if people[i][1] == wanted.strip()]
        if not hits:  # 穆平 for 穆　平 (padded to line up), 穆树\n林 (Alt+Enter) or 乔·有才 (a middle dot)
            bare = _bare_name(wanted)
            hits = [i for i in among if _bare_name(people[i][1]) == bare]
        if not hits:  # 张建国 for 張建國 (Traditional), 李秀英 for 李秀英(女) (a note after the name)
            from xingxian_cli.domain.text import name_key

            key = name_key(_bare_name(wanted))
            hits = [i for i in among if name_key(_bare_name(people[i][1])) == key]
    elif "*" in pid:
        if not pid.strip("*"):  # ** alone: a mask with no digits fits every cadre, names none (review R84)
            return []
        head, tail = pid.split("*", 1)[0], pid.rsplit("*", 1)[-1]
        hits = [i for i, (x, _n, _t) in enumerate(people) if x.startswith(head) and x.endswith(tail)]
    else:
        hits = [i for i, (x, _n, _t) in enumerate(people) if x == pid]
    return [i for i in hits if township is None or people[i][2] == township]


_NAME_DOTS = str.maketrans(dict.fromkeys("·•‧・･．."))


def _bare_name(name: str) -> str:
    """A name without its spaces and middle dots, to find it however it was typed."""
    return "".join(name.split()).translate(_NAME_DOTS)


def _names_near(ctx: Context, written: str, township: str | None,
                people: list[tuple[str, str, str, str]]) -> list[str]:
    """The names ``written`` was likely meant as, when it names no one (an ID is never
    guessed): the quarter's cadres' (of ``township`` when given), the registry's villages'
    and townships' (see domain.text.closest_names)."""
    from xingxian_cli.domain.ids import clean_id
    from xingxian_cli.domain.text import closest_names

    if clean_id(written).replace("*", "").isascii():
        return []
    towns = [township] if township else ctx.registry.townships
    names = [*dict.fromkeys(p[1] for p in people if township is None or p[2] == township),
             *dict.fromkeys(v for t in towns for v in ctx.registry.village_names(t)), *ctx.registry.townships]
    return closest_names(written.strip(), names, townships=True)


@dataclass
class Explanation:
    """``xx score --explain``: one cadre's document (as in ``--format json``; None when no
    cadre, or more than one, fits the argument), the composite as ranked (the document
    writes it as a number), and the cadres that fit when several do (masked ID, name,
    township, village)."""

    cadre: dict[str, Any] | None
    composite: Decimal | None = None
    candidates: list[tuple[str, str, str, str]] = field(default_factory=list)
    # Nobody fits, but a cadre of the previous quarter does whose township has not sent this
    # one: (name, township, village).
    waiting: tuple[str, str, str] | None = None
    # Nobody of the township asked about fits, but cadres of other townships do (one who
    # moved away): (name, township, village) each.
    elsewhere: list[tuple[str, str, str]] = field(default_factory=list)
    # Nobody fits, but a cadre of the previous quarter does who left, with a namesake new in
    # their village (one person under two IDs?): (name, township, village, the new ID as shown).
    namesake: tuple[str, str, str, str] | None = None
    # Nobody fits, but a cadre of the previous quarter does whom their township's roster no
    # longer lists (left, or listed under another ID): (name, township, village, that quarter).
    left: tuple[str, str, str, str] | None = None
    # with ``left``: the townships that have not sent the quarter (moved to one of them?)
    unsent: list[str] = field(default_factory=list)
    # Every six-system score as its row holds it (system -> score text), so that the composite,
    # which ranks, can be worked out from what is shown; None: no score row.
    scores: dict[str, str] | None = None
    previous_policy: ComparedPolicy | None = None  # see ScoreOutcome.previous_policy
    # Nothing fits a name: the cadres', villages' and townships' names nearest to it (城冬社区:
    # 城东社区, 城西社区 …; 张建困: 张建国), as in a workbook's hint.
    near: list[str] = field(default_factory=list)
    # The townships that have not sent the quarter: the ranks are provisional (review R129).
    missing: list[str] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        """``--explain --format json``: the cadre's document, and the star rules its change
        is measured against when the previous quarter's were other ones (as the whole
        quarter's document says)."""
        assert self.cadre is not None
        compared = self.previous_policy
        return {**self.cadre, "previous_policy": compared.document() if compared is not None else None,
                "missing": self.missing}


def explain_cadre(ctx: Context, quarter: Quarter, person_id: str, *, unmask: bool,
                  allow_missing: bool = False, township: str | None = None,
                  on_scored: Callable[[ScoreOutcome], None] | None = None) -> Explanation | None:
    """One cadre's full explanation (None: nothing submitted for the quarter), from the
    stored run when nothing it follows from has changed, else scored (and stored;
    ``on_scored`` as in :func:`score_document`). The cadre is named by ID, masked ID or
    name (within ``township`` when given)."""
    from xingxian_cli.domain.ids import mask_id

    ctx = for_quarter(ctx, quarter)
    key, previous = _current_inputs_hash(ctx, quarter)
    doc = ctx.store.stored_result(str(quarter), key)
    if doc is None:
        o = score_quarter(ctx, quarter, allow_missing=allow_missing)
        if on_scored is not None and o.submitted:
            on_scored(o)
        if not o.submitted:
            return None
        people = [(c.person_id, c.name, c.township, c.village) for c in o.cadres]
    else:
        people = [(c["id"], c["name"], c["township"], c["village"]) for c in doc["cadres"]]
    hits = _matches([p[:3] for p in people], person_id, township)
    if not hits:  # perhaps last quarter's, of a township that has not sent this one yet
        gone = [(p["id"], p["name"], p["township"], p["village"]) for p in doc.get("departed", ())
                if p.get("reason") == "not-sent"] if doc is not None else [
            (p.person_id, p.name, p.township, p.village) for p in o.departed if p.township in o.missing]
        waiting = _matches([g[:3] for g in gone], person_id, township)
        if len(waiting) == 1:
            return Explanation(None, waiting=gone[waiting[0]][1:])
        # perhaps last quarter's ID of a cadre listed under another one now
        paired = [(p["id"], p["name"], p["township"], p["village"], p["namesake"]) for p in doc.get("departed", ())
                  if p.get("namesake")] if doc is not None else [
            (p.person_id, p.name, p.township, p.village, ch.namesake) for p in o.departed
            if (ch := o.changes.get(p.person_id)) is not None and ch.namesake is not None]
        if len(twin := _matches([g[:3] for g in paired], person_id, township)) == 1:
            _pid, name, town, village, now = paired[twin[0]]
            return Explanation(None, namesake=(name, town, village, now if unmask else mask_id(now)))
        if township is not None and (others := _matches([p[:3] for p in people], person_id)):
            return Explanation(None, elsewhere=[people[i][1:] for i in others])
        # perhaps last quarter's cadre whom the roster no longer lists
        off = [(p["id"], p["name"], p["township"], p["village"]) for p in doc.get("departed", ())
               if p.get("reason") == "not-listed"] if doc is not None else [
            (p.person_id, p.name, p.township, p.village) for p in o.departed if p.township not in o.missing]
        if len(gone_ := _matches([g[:3] for g in off], person_id, township)) == 1:
            before = doc.get("previous_quarter") if doc is not None else o.previous_quarter
            unsent = list(doc.get("missing", ())) if doc is not None else list(o.missing)
            return Explanation(None, left=(*off[gone_[0]][1:], str(before)), unsent=unsent)
    if not hits:
        return Explanation(None, near=_names_near(ctx, person_id, township, people))
    if len(hits) != 1:
        shown = [(p[0] if unmask else mask_id(p[0]), p[1], p[2], p[3]) for p in (people[i] for i in hits)]
        return Explanation(None, candidates=shown)
    i = hits[0]
    if doc is None:
        x = o.cadres[i]
        found = Explanation(cadre_document(x, unmask=True, change=o.changes.get(x.person_id)), x.composite)
    else:
        cadre = doc["cadres"][i]
        quantum = Decimal(1).scaleb(-ctx.policy.star_rules.composite_decimals)
        # the document's number is the ranked Decimal written shortest: exact to its decimals
        found = Explanation(cadre, Decimal(str(cadre["composite"])).quantize(quantum))
    if found.cadre is not None:
        # read for this one cadre when asked (the rule's text names only the scores that earn)
        from xingxian_cli.domain.scoring import score_text

        stored = ctx.store.system_scores_of(str(quarter), found.cadre["id"])
        found.scores = {k: score_text(Decimal(v)) for k, v in stored.items()} if stored is not None else None
        found.previous_policy = o.previous_policy if doc is None else compared_policy(ctx, previous)
        found.missing = list(o.missing if doc is None else doc.get("missing", ()))
    if not unmask and found.cadre is not None:
        _mask_cadre(found.cadre)
    return found
