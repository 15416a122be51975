"""All Rich rendering of results (tables, trees, summaries)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.tree import Tree

from xingxian_cli.cli.console import err, out
from xingxian_cli.domain.text import listed, shell_arg
from xingxian_cli.messages import common as M
from xingxian_cli.messages import places
from xingxian_cli.messages.scoring import stars_text

if TYPE_CHECKING:
    from pathlib import Path

    from xingxian_cli.domain.policy import Policy
    from xingxian_cli.services.registry import TownshipCount
    from xingxian_cli.services.validate import FileResult


def registry_table(rows: list[TownshipCount]) -> None:
    t = Table(title=M.REGISTRY_TITLE)
    for i, col in enumerate(M.REGISTRY_COLS):
        t.add_column(col, justify="right" if i != 1 else "left")
    for i, r in enumerate(rows, 1):
        t.add_row(str(i), r.township, str(r.villages), str(r.communities), str(r.total))
    t.add_section()
    t.add_row("", M.REGISTRY_TOTAL, str(sum(r.villages for r in rows)), str(sum(r.communities for r in rows)),
              str(sum(r.total for r in rows)))
    out().print(t)


def village_table(township: str, villages) -> None:  # type: ignore[no-untyped-def]
    """One township's villages in registry order: name, type, code."""
    t = Table(title=M.VILLAGES_TITLE.format(township=township, n=len(villages)))
    for i, col in enumerate(M.VILLAGE_COLS):
        t.add_column(col, justify="right" if i == 0 else "left")
    for i, v in enumerate(villages, 1):
        t.add_row(str(i), v.name, v.kind, v.code or "")
    out().print(t)


def policy_tree(p: Policy) -> None:
    from xingxian_cli.domain.policy import plain_number

    sep = M.LIST_SEP
    root = Tree(M.POLICY_TREE_ROOT.format(name=p.name, version=p.version))
    tasks = root.add(M.POLICY_TREE_TASKS.format(n=len(p.tasks), areas=len(p.task_areas)))
    for area in p.task_areas:
        node = tasks.add(f"[cyan]{area}[/]")
        for t in p.tasks:
            if t.area == area:
                node.add(f"{t.id} {t.title}")
    measures = root.add(M.POLICY_TREE_MEASURES.format(n=len(p.measures), areas=len(p.measure_areas)))
    for area in p.measure_areas:
        node = measures.add(f"[cyan]{area}[/]")
        for m in p.measures:
            if m.area == area:
                node.add(M.POLICY_TREE_MEASURE.format(id=m.id, title=m.title, level=M.LEVEL_NAMES[m.level],
                                                      weight=m.weight, tasks=",".join(m.tasks)))
    sr = p.star_rules
    stars = root.add(M.POLICY_TREE_STARS)
    stars.add((M.POLICY_TREE_TENURE if sr.min_tenure_years else M.POLICY_TREE_TENURE_ALL).format(
        bands=M.LIST_SEP_STRONG.join(M.POLICY_TREE_BAND.format(years=b.min_years, stars=b.stars) for b in sr.tenure_bands),
        min_years=sr.min_tenure_years))
    stars.add(M.POLICY_TREE_ACHIEVEMENT.format(months=sr.achievement.window_months, levels="/".join(sr.achievement.levels),
                                               stars=sr.achievement.stars, base_max=sr.base_max))
    s = sr.systems
    stars.add(M.POLICY_TREE_SYSTEMS.format(names=sep.join(s.names), lo=plain_number(s.score_min),
                                           hi=plain_number(s.score_max), threshold=plain_number(s.threshold),
                                           each=s.star_each, max_added=s.max_added))
    from xingxian_cli.messages.scoring import rule_titles

    ded = stars.add(M.POLICY_TREE_DEDUCTIONS.format(title=rule_titles(len(sr.deductions.measures))["deduction"],
                                                    months=sr.deductions.window_months))
    for name, dm in sr.deductions.measures.items():
        parts = []
        if dm.per_event is not None:
            parts.append(M.POLICY_TREE_PER_EVENT.format(stars=dm.per_event))
        parts += [M.POLICY_TREE_BY_OUTCOME.format(outcome=o, stars=n) for o, n in dm.by_outcome.items()]
        if dm.veto:
            parts.append(M.POLICY_TREE_VETO.format(outcomes=sep.join(dm.veto)))
        ded.add(M.POLICY_TREE_MEASURE_RULE.format(name=name, rules=M.LIST_SEP_STRONG.join(parts)))
    stars.add(M.POLICY_TREE_FINAL.format(lo=sr.min_stars, hi=sr.max_stars))
    stars.add(M.POLICY_TREE_HEADS.format(posts=M.OR_SEP.join(p.village_heads)))  # any one of them
    pay = root.add(M.POLICY_TREE_PAY)
    for pos in p.positions:
        pay.add(f"{pos}：{p.pay.annual[pos]:,}")
    pay.add(M.POLICY_TREE_QUARTERLY.format(periods=p.pay.periods_per_year, base=p.pay.base_share,
                                           performance=p.pay.performance_share))
    pay.add(M.POLICY_TREE_K.format(
        ks=M.LIST_SEP_COMMA.join(M.POLICY_TREE_K_ITEM.format(stars=s, k=k) for s, k in sorted(p.pay.k_by_stars.items())),
        unrated=p.pay.k_unrated, vetoed=p.pay.k_vetoed))
    b = p.pay.bonus
    pay.add(M.POLICY_TREE_BONUS.format(quarter=b.quarter, growth=f"{b.growth_min:%}", posts="/".join(b.positions),
                                       share=f"{b.share:%}", cap=f"{b.cap:,}"))
    root.add(M.POLICY_TREE_COMPLETION.format(values=M.LIST_SEP_COMMA.join(
        M.POLICY_TREE_STATUS.format(status=st, value=plain_number(v)) for st, v in p.completion.status_values.items())))
    out().print(root)


_NARROW_MIN_WIDTHS = {1: 8, 2: 6, 3: 9}  # four characters of a township, three of a name; half an ID
_POST_WIDTH = 10  # five characters of a post (监委会主任, 书记兼主任), from 80 columns on
_ID_WIDTH = 18
_WHOLE_ID_COLUMNS = 76  # from here on an ID is shown on one line (80 columns, the old console's width)


def _star_distribution(c, stars: dict[int, int]) -> None:  # type: ignore[no-untyped-def]
    """星级分布：5★ n人，… (most stars first); nothing when nobody has stars (all vetoed or
    unrated: the counts above say so, an empty list would not; review R102)."""
    if stars:
        c.print(M.SCORE_DIST.format(dist=M.LIST_SEP_COMMA.join(M.SCORE_DIST_ITEM.format(stars=k, n=v)
                                                                for k, v in sorted(stars.items(), reverse=True))))


def score_table(t, *, max_stars: int, unmask: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A ScoreTable: the first places of the ranked list, then the counts and sums of it all.
    The ID column (masked unless ``unmask``) is what ``--explain`` takes; stars are drawn
    out of the policy's ``max_stars``."""
    from rich import box

    from xingxian_cli.domain.ids import mask_id

    c = out()
    rows = []
    for x in t.rows:
        change = M.CHANGE_SHORT.get(x.change_kind, "").format(delta=abs(x.change_delta or 0)) if x.change_kind else ""
        rank = f"{x.rank_county}/{x.rank_township}" if x.rank_county else "-"
        rows.append((rank, x.township, x.village, x.name, x.person_id if unmask else mask_id(x.person_id),
                     x.position, stars_text(x.stars, x.status, max_stars), f"{x.composite}", f"{x.pay + x.bonus:,}", change))
    # Townships missing: every rank and sum is provisional, said in the title as the report does (review R64)
    title = (M.SCORE_TITLE_PROVISIONAL.format(quarter=t.quarter, n=len(t.missing)) if t.missing
             else M.SCORE_TITLE.format(quarter=t.quarter))
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    for i, col in enumerate(M.SCORE_COLS):
        table.add_column(col, justify="right" if i in (0, 7, 8) else "left", no_wrap=i in (0, 1, 3, 4, 6, 7, 8))
    for row in rows:
        table.add_row(*row)
    if c.measure(table, options=c.options.update_width(10_000)).maximum > c.width:
        # A narrow console (80 columns): place, person, and stars and change each in one column of two lines,
        # and an ID that still does not fit folds, so no star, score, yuan or digit is cut off.
        table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True,
                      caption=M.SCORE_NARROW_LEGEND, caption_justify="left")  # 7/1 and ↑2 said (review R100)
        whole_id = c.width >= _WHOLE_ID_COLUMNS  # then the ID keeps its 18 and the text columns wrap
        for i, col in enumerate(M.SCORE_COLS_NARROW):
            table.add_column(col, justify="right" if i in (0, 5, 6) else "left", overflow="fold",
                             no_wrap=i in (0, 4, 5, 6),
                             min_width=_POST_WIDTH if i == 2 and c.width >= 80 else _NARROW_MIN_WIDTHS.get(i),
                             width=_ID_WIDTH if i == 3 and whole_id else None)
        for rank, town, village, name, pid, position, stars, composite, pay, change in rows:
            # the change under the stars: a column of its own would not fit (恢复评星 cut to 恢)
            table.add_row(rank, f"{town}\n{village}", f"{name}\n{position}", pid, f"{stars}\n{change}", composite, pay)
    c.print(table)
    s = t.summary
    if len(t.rows) < s.cadres:
        c.print(M.SCORE_LIMIT.format(n=len(t.rows)), style="dim")
    c.print(M.SCORE_SUMMARY.format(
        n=s.cadres, rated=s.statuses.get("rated", 0), unrated=s.statuses.get("unrated", 0),
        vetoed=s.statuses.get("vetoed", 0), pay=s.pay, bonus=s.bonus, total=s.pay + s.bonus), style="bold")
    _star_distribution(c, s.stars)
    if t.namesakes:
        c.print(M.SCORE_NAMESAKES.format(n=t.namesakes, quarter=t.quarter), style="yellow")
    if (p := t.previous_policy) is not None:
        c.print(M.SCORE_COMPARED_POLICY.format(previous=p.quarter, used=p.used, now=p.now), style="yellow")
    if t.missing:
        c.print(M.SCORE_MISSING.format(n=len(t.missing), names=listed(t.missing)), style="yellow")
        if t.refused:
            c.print(M.SCORE_MISSING_REFUSED.format(names=listed(t.refused)), style="yellow")
    if t.read_only:
        c.print(M.SCORE_NOT_STORED_READ_ONLY, style="yellow")
    elif t.unchanged:
        c.print(M.SCORE_UNCHANGED, style="dim")
    elif t.stored:
        stored = M.SCORE_STORED_PROVISIONAL if t.missing else M.SCORE_STORED
        c.print(stored.format(version=t.policy_version, hash=t.inputs_hash[:12]), style="yellow" if t.missing else "green")
    elif t.missing:
        c.print(M.SCORE_NOT_STORED, style="yellow")
    replaced_note(t.replaced)


def names_near(near: list[str]) -> str:
    """``--explain``'s "did you mean" for a name that names no one ("" when none is near)."""
    if len(near) == 1:
        return M.SCORE_NEAR_ONE.format(name=near[0])
    if len(near) > _NEAR_LIMIT:
        return M.SCORE_NEAR_SOME.format(names=M.LIST_SEP.join(f"“{n}”" for n in near[:_NEAR_LIMIT]), n=len(near))
    return M.SCORE_NEAR_MANY.format(names=M.LIST_SEP.join(f"“{n}”" for n in near)) if near else ""


_NEAR_LIMIT = 5  # names --explain's "did you mean" lists at most


def missing_note(missing: list[str]) -> None:
    """On stderr (beside a JSON document): which townships have not sent."""
    err().print(M.SCORE_MISSING.format(n=len(missing), names=listed(missing)), style="yellow")


def provisional_line(missing: list[str]) -> None:
    """Under an explanation's title, when townships have not sent: the ranks and rates it
    gives are provisional, as the table's title and the report say (review R129)."""
    if missing:
        out().print(M.EXPLAIN_PROVISIONAL.format(n=len(missing), names=listed(missing)), style="yellow")


def scored_notes(o) -> None:  # type: ignore[no-untyped-def]
    """On stderr, when ``xx score --format json`` or ``--explain`` scored the quarter afresh:
    that a result without every township was not stored, and what a stored one it replaced held."""
    if o.read_only:
        err().print(M.SCORE_NOT_STORED_READ_ONLY, style="yellow")
    elif o.missing and not o.stored:
        err().print(M.SCORE_NOT_STORED, style="yellow")
    replaced_note(o.replaced)


def policy_kept_note(quarter: object, used: str, now: str, *, checked: bool = False) -> None:
    """On stderr: the quarter was scored (files of it ``checked``) by the policy its stored
    results were, not the workspace's."""
    err().print((M.IMPORT_POLICY_KEPT if checked else M.SCORE_POLICY_KEPT).format(quarter=quarter, used=used, now=now),
                style="yellow")


def registry_kept_note(quarter: object, kept: tuple[str, str] | None, *, checked: bool = False) -> None:
    """On stderr: the quarter was scored (files of it ``checked``) by the registry its stored
    results were, not the workspace's (nothing when ``kept`` is None)."""
    if kept is not None:
        used, now = kept
        err().print((M.IMPORT_REGISTRY_KEPT if checked else M.SCORE_REGISTRY_KEPT).format(quarter=quarter, used=used,
                                                                                          now=now), style="yellow")


def replaced_note(replaced) -> None:  # type: ignore[no-untyped-def]
    """Tell the officer that this result differs from the stored one it replaced."""
    if replaced is None:
        return
    before, now = replaced.before, replaced.now
    at = replaced.at.replace("T", " ")
    e = err()
    if not replaced.changed and before.pay + before.bonus == now.pay + now.bonus and before.statuses == now.statuses:
        then = (M.SCORE_REPLACED_RANKS_KEPT if replaced.kept else M.SCORE_REPLACED_RANKS_SAVED).format(at=at)
        e.print(M.SCORE_REPLACED_RANKS.format(at=at, new=f"{now.pay + now.bonus:,}", then=then), style="yellow")
    else:
        then = (M.SCORE_REPLACED_KEPT if replaced.kept else M.SCORE_REPLACED_SAVED).format(at=at)
        counts = "".join(said.format(old=a, new=b) for key, said in M.SCORE_REPLACED_COUNTS.items()
                         if (a := before.statuses.get(key, 0)) != (b := now.statuses.get(key, 0)))
        e.print(M.SCORE_REPLACED.format(at=at, old=f"{before.pay + before.bonus:,}", new=f"{now.pay + now.bonus:,}",
                                        counts=counts, then=then), style="yellow")
    if replaced.since:  # what came in since: an earlier quarter's correction, say
        shown = [M.SCORE_SINCE_ITEM.format(township=t, quarter=q, version=v) for t, q, v in replaced.since[:_CHANGED_SHOWN]]
        more = len(replaced.since) - len(shown)
        e.print(M.SCORE_SINCE.format(items=M.LIST_SEP.join(shown), more=M.SCORE_SINCE_MORE.format(n=more) if more else ""),
                style="yellow")
    if replaced.changed:  # whose figures moved: the ones to look at in the payroll
        shown = [M.SCORE_CHANGED_ITEM.format(name=name, township=town, village=village,
                                             before=_figures(was, M.SCORE_CHANGED_NOT_BEFORE),
                                             after=_figures(is_, M.SCORE_CHANGED_NOT_NOW))
                 for name, town, village, was, is_ in replaced.changed[:_CHANGED_SHOWN]]
        more = len(replaced.changed) - len(shown)
        e.print(M.SCORE_CHANGED.format(n=len(replaced.changed), items=M.LIST_SEP_SEMI.join(shown),
                                       more=M.SCORE_CHANGED_MORE.format(n=more, quarter=replaced.quarter) if more else ""), style="yellow")
    if replaced.townships:  # rankings sent on to the leadership moved too
        places = replaced.rate_decimals
        shown = [M.SCORE_TOWN_MOVED_ITEM.format(township=t, old=_percent(Decimal(str(r0)), places),
                                                new=_percent(Decimal(str(r1)), places), old_rank=k0, new_rank=k1)
                 for t, r0, r1, k0, k1 in replaced.townships[:_CHANGED_SHOWN]]
        more = len(replaced.townships) - len(shown)
        e.print(M.SCORE_TOWNS_MOVED.format(n=len(replaced.townships), items=M.LIST_SEP_SEMI.join(shown),
                                           more=M.SCORE_TOWNS_MORE.format(n=more, quarter=replaced.quarter) if more else ""), style="yellow")
    if replaced.villages:
        e.print(M.SCORE_VILLAGES_MOVED.format(n=replaced.villages, quarter=replaced.quarter), style="yellow")


_CHANGED_SHOWN = 10  # cadres named in the replaced-result note; the rest are counted


def _figures(fig, absent: str) -> str:  # type: ignore[no-untyped-def]
    """(status, stars, pay, bonus) as the note shows it; None: not in that result (``absent``)."""
    if fig is None:
        return absent
    from xingxian_cli.messages.scoring import STATUS

    status, stars, pay, bonus = fig
    shown = f"{stars}★" if status == "rated" and stars is not None else STATUS[status]
    return M.SCORE_CHANGED_FIGURES.format(stars=shown, total=f"{pay + bonus:,}")


def _percent(rate: Decimal, decimals: int) -> str:
    """A rate ranked to ``decimals`` places as the percent it is (0.514 -> 51.4%, not 51.40%)."""
    return format(rate * 100, f".{max(decimals - 2, 0)}f") + "%"


def _places(value: Decimal, decimals: int) -> str:
    """A figure of the completion equation (a measure's completion, the weighted sum) rounded
    half-up (0.53125 is 0.5313, not the 0.5312 a bare quantize gives, review R79) to the
    policy's rate decimals, and to 4 at least: the equation must add up as shown (R81)."""
    from xingxian_cli.domain.policy import plain_number
    from xingxian_cli.domain.ranking import half_up

    return plain_number(half_up(value, max(decimals, 4)))


def explain_township(e, status_values) -> None:  # type: ignore[no-untyped-def]
    """A TownshipExplanation: the rate and rank, the rule, then each measure with its rows."""
    from xingxian_cli.domain.policy import plain_number

    c = out()
    c.print(M.EXPLAIN_TOWN_TITLE.format(township=e.township, quarter=e.quarter, rate=_percent(e.rate, e.decimals), rank=e.rank,
                                        n=e.n_townships), style="bold")
    provisional_line(e.missing)
    values = M.LIST_SEP_COMMA.join(f"{k} = {plain_number(v)}" for k, v in status_values.items())
    c.print(M.EXPLAIN_TOWN_RULE.format(weighted=_places(e.weighted, e.decimals),
                                       total=plain_number(e.total_weight), values=values, villages=e.n_villages))
    c.print(_progress_source(e))
    t = Table(box=None, pad_edge=False)
    for i, col in enumerate(M.EXPLAIN_TOWN_COLS):
        # The measure's title wraps on a narrow console; the rows it cites never shrink to "…".
        t.add_column(col, justify="right" if i in (2, 3) else "left", no_wrap=0 < i < 4,
                     min_width=24 if i == 4 else None, overflow="fold")
    for m in e.lines:
        if m.level == "township":
            basis = M.EXPLAIN_TOWN_ROW.format(status=m.status, row=m.row) if m.status else M.EXPLAIN_TOWN_NOT_REPORTED
        elif not m.counts:
            basis = M.EXPLAIN_TOWN_VILLAGES_NONE
        else:
            parts = [M.EXPLAIN_TOWN_COUNT.format(status=k, n=n) for k, n in m.counts.items()]
            if m.unreported:
                parts.append(M.EXPLAIN_TOWN_UNREPORTED.format(n=m.unreported))
            basis = M.EXPLAIN_TOWN_VILLAGES.format(counts=M.LIST_SEP_COMMA.join(parts), first=min(m.rows),
                                                   last=max(m.rows))
        t.add_row(f"{m.measure_id} {m.title}", M.LEVEL_NAMES[m.level], plain_number(m.weight),
                  _places(m.completion, e.decimals), basis)
    c.print(t)


def _progress_source(e) -> str:  # type: ignore[no-untyped-def]
    """Where an explanation's 任务进度 rows are: the file (its version once it has several)."""
    from xingxian_cli.messages.places import VERSIONED_FILE

    if not e.file:
        return M.EXPLAIN_TOWN_REFUSED if e.refused else M.EXPLAIN_TOWN_UNSENT
    shown = e.file if e.version == 1 else VERSIONED_FILE.format(file=e.file, version=e.version)
    return M.EXPLAIN_TOWN_SOURCE.format(file=shown, sheet=e.sheet)


def explain_village(e, status_values, max_stars: int) -> None:  # type: ignore[no-untyped-def]
    """A VillageExplanation: the rank, the rate measure by measure with its rows, the stars."""
    from xingxian_cli.domain.policy import plain_number

    c = out()
    counted = [x for x in e.cadres if x.counted is not None]
    mean = format(e.mean_stars, f".{e.star_decimals}f")
    if not counted:  # as the report says (R98)
        mean = M.EXPLAIN_VILLAGE_NO_STARS_MEAN.format(zero=mean)
    c.print(M.EXPLAIN_VILLAGE_TITLE.format(township=e.township, village=e.village, quarter=e.quarter,
                                           rate=_percent(e.rate, e.decimals), mean=mean, rank=e.rank,
                                           n=e.n_villages), style="bold")
    provisional_line(e.missing)
    values = M.LIST_SEP_COMMA.join(f"{k} = {plain_number(v)}" for k, v in status_values.items())
    c.print(M.EXPLAIN_VILLAGE_RULE.format(weighted=plain_number(e.weighted), total=plain_number(e.total_weight),
                                          n=len(e.lines), values=values))
    who = M.LIST_SEP.join(M.EXPLAIN_VILLAGE_CADRE.format(name=x.name, position=x.position,
                                                         stars=stars_text(x.stars, x.status, max_stars))
                          for x in e.cadres)
    if counted:
        c.print(M.EXPLAIN_VILLAGE_STARS.format(total=sum(x.counted for x in counted), count=len(counted),
                                               mean=format(e.mean_stars, f".{e.star_decimals}f"), who=who))
    else:
        c.print(M.EXPLAIN_VILLAGE_NO_STARS.format(who=f"：{who}" if who else ""))
    c.print(_progress_source(e))
    t = Table(box=None, pad_edge=False)
    for i, col in enumerate(M.EXPLAIN_VILLAGE_COLS):
        t.add_column(col, justify="right" if i in (1, 2) else "left", no_wrap=i < 3)
    for m in e.lines:
        basis = M.EXPLAIN_TOWN_ROW.format(status=m.status, row=m.row) if m.status else M.EXPLAIN_TOWN_NOT_REPORTED
        t.add_row(f"{m.measure_id} {m.title}", plain_number(m.weight), plain_number(m.value), basis)
    c.print(t)


_WHERE_SHOWN = 20  # townships named per status of a measure in --explain TASK; the rest counted


def explain_task(e, n_townships: int, n_villages: int) -> None:  # type: ignore[no-untyped-def]
    """A TaskExplanation: the rate, the rule, each measure's county completion and reports."""
    from xingxian_cli.domain.policy import plain_number

    c = out()
    c.print(M.EXPLAIN_TASK_TITLE.format(task=e.task_id, title=e.title, area=e.area, quarter=e.quarter,
                                        rate=_percent(e.rate, e.decimals)), style="bold")
    provisional_line(e.missing)
    c.print(M.EXPLAIN_TASK_RULE.format(weighted=_places(e.weighted, e.decimals),
                                       total=plain_number(e.total_weight), towns=n_townships, villages=n_villages,
                                       quarter=e.quarter))
    t = Table(box=None, pad_edge=False)
    for i, col in enumerate(M.EXPLAIN_TASK_COLS):
        # The measure's title wraps on a narrow console; the rows it cites never shrink to "…".
        t.add_column(col, justify="right" if i in (2, 3) else "left", no_wrap=0 < i < 4,
                     min_width=24 if i == 4 else None, overflow="fold")

    def where(m, status) -> str:  # type: ignore[no-untyped-def]
        """Which townships (and how many of their villages) are in ``status``: named for every
        status but the measure's largest (已完成 8 个乡镇 needs no list; the other 7 do)."""
        places = m.where.get(status, {})
        sizes = {k: sum(v.values()) for k, v in m.where.items()}
        if not places or status == max(sizes, key=lambda k: sizes[k]):
            return ""
        names = [t if m.level == "township" else M.EXPLAIN_TASK_TOWN_VILLAGES.format(township=t, n=n)
                 for t, n in places.items()]
        return M.EXPLAIN_TASK_WHERE.format(names=listed(names, _WHERE_SHOWN))  # (150 townships: review R135)

    for m in e.lines:
        parts = [M.EXPLAIN_TASK_COUNT[m.level].format(status=k, n=n) + where(m, k) for k, n in m.counts.items()]
        if m.unreported:
            parts.append(M.EXPLAIN_TASK_UNREPORTED[m.level].format(n=m.unreported) + where(m, None))
        t.add_row(f"{m.measure_id} {m.title}", M.LEVEL_NAMES[m.level], plain_number(m.weight),
                  _places(m.completion, e.decimals), M.LIST_SEP_COMMA.join(parts))
    c.print(t)


def explain(e, *, max_stars: int, deduction_measures: int) -> None:  # type: ignore[no-untyped-def]
    """An Explanation: who, status and ranks, every rule with its source cell, the pay."""
    from rich.markup import escape

    from xingxian_cli.messages.scoring import STATUS, rule_titles

    titles = rule_titles(deduction_measures)

    c = out()
    x = e.cadre
    c.print(M.EXPLAIN_TITLE.format(name=x["name"], pid=x["id"], township=x["township"], village=x["village"],
                                   position=x["position"]), style="bold")
    provisional_line(e.missing)
    c.print(M.EXPLAIN_STATUS.format(status=STATUS[x["status"]], stars=stars_text(x["stars"], x["status"], max_stars),
                                    composite=e.composite, rank_county=x["rank_county"] or "-",
                                    rank_township=x["rank_township"] or "-"))
    ch = x.get("change")
    if ch:  # against the previous scored quarter
        from xingxian_cli.domain.scoring import shown_kind
        from xingxian_cli.messages.scoring import CHANGE_KINDS

        after = stars_text(x["stars"], x["status"], max_stars)
        if ch["kind"] == "unsent":  # nothing to compare with
            c.print(M.EXPLAIN_CHANGE_UNSENT.format(kind=CHANGE_KINDS[ch["kind"]], after=after))
        else:
            before = M.EXPLAIN_NOT_BEFORE if ch["kind"] == "new" else stars_text(
                ch["before"], ch.get("before_status") or ("rated" if ch["before"] is not None else "unrated"), max_stars)
            kind = shown_kind(ch["kind"], ch.get("before_status"))  # 取消评星 as last quarter: no change
            c.print(M.EXPLAIN_CHANGE.format(kind=CHANGE_KINDS[kind], before=before, after=after))
            if (p := e.previous_policy) is not None and ch["kind"] != "new":
                c.print(M.EXPLAIN_CHANGE_POLICY.format(previous=p.quarter, used=p.used, now=p.now), style="yellow")
        if ch.get("moved_from"):
            was = ch["moved_from"]
            now = x["village"] if was["township"] == x["township"] else f"{x['township']} {x['village']}"
            c.print(M.EXPLAIN_MOVED.format(township=was["township"], village=was["village"], now=now))
        if ch.get("namesake"):  # a namesake of last quarter's roster left: one person, two IDs?
            c.print(M.EXPLAIN_NAMESAKE.format(name=escape(x["name"]), pid=ch["namesake"])
                    + (M.EXPLAIN_UNMASK if "*" in ch["namesake"] else ""), style="yellow", soft_wrap=True)
    for h in x["rules"]:
        d = h["delta"]
        delta = "" if not d else (f" [green]+{d}★[/]" if d > 0 else f" [red]{d}★[/]")
        amount = "" if h["amount"] is None else " [bold]" + M.EXPLAIN_AMOUNT.format(amount=h["amount"]) + "[/]"
        c.print(f"• [cyan]{titles.get(h['rule'], h['rule'])}[/]{delta}{amount}：{escape(h['text'])}")
        if h["rule"] == "system" and e.scores:  # every score, so that the composite can be worked out
            c.print("    " + M.EXPLAIN_SCORES.format(scores=M.LIST_SEP.join(f"{k} {v}" for k, v in e.scores.items())))
        if h["source"]:
            c.print("    " + M.EXPLAIN_SOURCE.format(source=escape(h["source"])), style="dim")
    c.print(M.EXPLAIN_PAY.format(pay=x["pay"], bonus=x["bonus"]), style="bold")


# A problem repeated in one column of a sheet (a misspelt village on every row, a whole column
# shifted) is shown this many times, then counted: the root cause stays on the first screen.
SAME_PROBLEM_ROWS = 10
# A file with more problems than this opens with the commonest errors, to fix first.
MAIN_PROBLEMS_FROM = 30


def diagnostic_tables(name: str, diags) -> None:  # type: ignore[no-untyped-def]
    """One table per sheet of ``diags`` (all from the file ``name``): errors first, and a
    problem repeated down one column shown :data:`SAME_PROBLEM_ROWS` times, then counted
    (the annotated copy and ``--format json`` list every one)."""
    from collections import Counter

    from rich.text import Text

    diags = sorted(diags, key=lambda d: not d.is_error)  # stable: each sheet's order kept
    errors = Counter(d.title for d in diags if d.is_error)
    if len(diags) > MAIN_PROBLEMS_FROM and errors:
        out().print(M.VALIDATE_MAIN_PROBLEMS.format(file=name, n=sum(errors.values()), items=M.LIST_SEP.join(
            M.VALIDATE_MAIN_ITEM.format(title=t, n=n) for t, n in errors.most_common(3))), style="bold")
    by_sheet: dict[str, list] = {}
    for d in diags:
        by_sheet.setdefault(d.sheet or "", []).append(d)
    for sheet, items in by_sheet.items():
        t = Table(title=f"{name} › {sheet}" if sheet else name, title_justify="left")
        for col in M.VALIDATE_COLS:
            t.add_column(col, overflow="fold")
        groups = Counter((d.code, d.column) for d in items)
        shown: Counter[tuple[str, str | None]] = Counter()
        for d in items:
            key = (d.code, d.column)
            shown[key] += 1
            if shown[key] > SAME_PROBLEM_ROWS:
                continue
            loc = places.SEP.join(x for x in (places.row_text(d.row) if d.row else "", d.header or "",
                                              places.COLUMN.format(column=d.column) if d.column else "") if x)
            sev = Text(M.SEVERITY_NAMES[d.severity.value], style="red" if d.is_error else "yellow")
            t.add_row(loc, sev, d.message, d.value or "", d.hint)
            if shown[key] == SAME_PROBLEM_ROWS and groups[key] > SAME_PROBLEM_ROWS:
                t.add_row("", "", Text(M.VALIDATE_MORE_SAME.format(n=groups[key] - SAME_PROBLEM_ROWS, title=d.title),
                                       style="bold"), "", M.VALIDATE_MORE_WHERE)
        out().print(t)


def unread(found, verb: str) -> None:  # type: ignore[no-untyped-def]
    """The subfolders and archives of the folders given whose files were not read (see
    :func:`xingxian_cli.services.importing.unread_in`)."""
    folders = [u for u in found if u.path.is_dir()]
    packed = [u for u in found if not u.path.is_dir() and not u.document]
    documents = [u for u in found if u.document]
    c = out()
    if folders:
        names = "、".join(M.UNREAD_FOLDER.format(name=u.path.name, n=u.files) for u in folders[:5]) + (
            M.NAMES_MORE.format(n=len(folders)) if len(folders) > 5 else "")
        c.print(M.UNREAD_FOLDERS.format(names=names, verb=verb, example=shell_arg(str(folders[0].path))),
                style="yellow", soft_wrap=True)
    if packed:
        names = "、".join(u.path.name if u.files is None else M.UNREAD_ARCHIVE.format(name=u.path.name, n=u.files)
                         for u in packed[:5]) + (M.NAMES_MORE.format(n=len(packed)) if len(packed) > 5 else "")
        c.print(M.UNREAD_ARCHIVES.format(names=names, verb=verb), style="yellow", soft_wrap=True)
    if documents:
        names = "、".join(u.path.name for u in documents[:5]) + (
            M.NAMES_MORE.format(n=len(documents)) if len(documents) > 5 else "")
        c.print(M.UNREAD_DOCUMENTS.format(names=names), style="yellow", soft_wrap=True)


def open_in_office(paths, verb: str) -> None:  # type: ignore[no-untyped-def]
    """The files read while Excel or WPS has them open (see
    :func:`xingxian_cli.services.importing.open_in_office`)."""
    if paths:
        names = "、".join(p.name for p in paths[:5]) + (M.NAMES_MORE.format(n=len(paths)) if len(paths) > 5 else "")
        out().print(M.OPEN_IN_OFFICE.format(names=names, verb=verb), style="yellow", soft_wrap=True)


def annotate_kept(kept) -> None:  # type: ignore[no-untyped-def]
    """The files found under an annotated copy's name and left as they were."""
    for path, written in kept:
        out().print(M.VALIDATE_ANNOTATE_KEPT.format(path=path, written=written.name), style="yellow")


def validation(files, written=None) -> None:  # type: ignore[no-untyped-def]
    """Problems grouped by file and sheet, then a summary line."""
    c = out()
    from xingxian_cli.services.validate import other_county_run, run_roles, run_slip

    bad = [f for f in files if not f.valid and not f.skipped]
    roles = run_roles(files)
    for i, f in enumerate(files):
        if f.skipped:
            why = "；".join(d.message + (f"。{d.hint}" if d.hint else "") for d in f.errors)
            c.print(M.VALIDATE_FILE_SKIPPED.format(file=f.name, why=why), style="dim", soft_wrap=True)
        elif f.diagnostics:
            diagnostic_tables(f.name, f.diagnostics)
        else:
            c.print(M.VALIDATE_FILE_OK.format(file=f.name), style="green")
        if written is not None:
            p = written[i]
            if p:  # which copies go back to the township, which only keep its warnings (review R50)
                # said as the summary below lists the file (review R128, R129: a second file of
                # the township, or an original beside its returned copy, was "退回乡镇改正" here)
                role, other = roles.get(id(f), ("back", ""))
                said = M.VALIDATE_ANNOTATED_OK if f.valid else _ANNOTATED_AS[role]
                c.print(said.format(path=p, file=f.name, other=other),
                        style="bold" if said == M.VALIDATE_ANNOTATED else "dim")
            else:
                said = (M.VALIDATE_NOT_ANNOTATED_VALUE if any(d.code == "file-value-unreadable" for d in f.errors)
                        else M.VALIDATE_NOT_ANNOTATED if not f.readable else M.VALIDATE_ANNOTATE_FAILED)
                c.print(said.format(file=f.name),
                        style="dim")
    skipped = sum(f.skipped for f in files)
    n_bad = sum(not f.valid for f in files) - skipped
    c.print(M.VALIDATE_SUMMARY.format(files=len(files), ok=len(files) - n_bad - skipped, bad=n_bad,
                                      errors=sum(len(f.errors) for f in files if not f.skipped),
                                      warnings=sum(len(f.warnings) for f in files if not f.skipped))
            + (M.VALIDATE_SUMMARY_SKIPPED.format(n=skipped) if skipped else ""),
            style="bold red" if n_bad else "bold green")
    slip = run_slip(bad, [f for f in files if f.valid])
    if slip == "quarter-mismatch":  # (review R142: the whole folder was to be sent back)
        other = next(d for d in bad[0].errors if d.code == slip)
        c.print(M.VALIDATE_WRONG_QUARTER.format(n=len(bad), value=other.value),
                style="bold yellow", soft_wrap=True)
    elif other_county_run(bad, [f for f in files if f.valid]):
        c.print(M.RUN_OTHER_COUNTY.format(n=len(bad)), style="bold yellow", soft_wrap=True)
    if n_bad and len(files) > 1:
        named = _lists(bad, roles)  # the roles each file's line above was said by
        for said, names, style in ((M.VALIDATE_BAD_FILES, named["back"], "bold red"),
                                   (M.VALIDATE_BESIDE, named["beside"], "yellow"), (M.BESIDE_TWO, named["beside_two"], "yellow"),
                                   (M.BESIDE_ITS_COPY, named["later"], "yellow"),
                                   (M.VALIDATE_TWO_OF_ONE, named["two"], "bold red"), (M.COPY_FILES, named["copy"], "yellow"),
                                   (M.OURS_FILES, named["ours"], "yellow")):
            if names:
                c.print(said.format(names=listed(names)), style=style, soft_wrap=True)
    if written is not None and n_bad and len(files) > 1:  # which of many marked files to mail (review R135)
        back = [p for f, p in zip(files, written, strict=True)
                if p and not f.valid and not f.skipped and roles.get(id(f), ("back", ""))[0] == "back"]
        if back:
            c.print(M.VALIDATE_TO_RETURN.format(n=len(back), folder=back[0].parent, names=listed([p.name for p in back])),
                    style="bold", soft_wrap=True)


_ANNOTATED_AS = {"back": M.VALIDATE_ANNOTATED, "copy": M.VALIDATE_ANNOTATED_COPY,
                 "beside_two": M.VALIDATE_ANNOTATED_BESIDE_TWO, "two": M.VALIDATE_ANNOTATED_TWO_OF_ONE,
                 "beside": M.VALIDATE_ANNOTATED_BESIDE, "later": M.VALIDATE_ANNOTATED_LATER,
                 "ours": M.VALIDATE_ANNOTATED_OURS}


def _lists(bad: list[FileResult], roles: dict[int, tuple[str, str]]) -> dict[str, list[str]]:
    """The files with errors by what becomes of them (see
    :func:`xingxian_cli.services.validate.file_roles`), as the summary names them: those to send
    back; those whose township has another file that passed, named with it (most often the
    original beside the copy the clerk fixed and sent back, review R124); an original whose
    marked copy came back with errors still, named with it (review R126); the several files of
    one township; the old versions and copies."""
    lists: dict[str, list[str]] = {"back": [], "beside": [], "beside_two": [], "later": [], "two": [], "copy": [],
                                   "ours": []}
    for f in bad:
        role, other = roles[id(f)]
        lists[role].append(M.BESIDE_ITEM.format(name=f.name, taken=other) if other else f.name)
    return lists




class _Progress:
    def __init__(self, description: str = M.IMPORT_PROGRESS) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=out(), transient=True,
                                 disable=not out().is_terminal)
        self.task = None
        self.description = description

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.progress.__enter__()
        self.task = self.progress.add_task(self.description, total=None)
        return self

    def __call__(self, item) -> None:  # type: ignore[no-untyped-def]
        self.progress.advance(self.task)
        self.progress.update(self.task, description=f"{self.description} {item.name}")

    def step(self, name: str, total: int) -> None:
        """A file about to be written, of ``total``."""
        self.progress.update(self.task, total=total, description=f"{self.description} {name}")
        self.progress.advance(self.task)

    def set_total(self, n: int) -> None:
        self.progress.update(self.task, total=n)

    def __exit__(self, *exc) -> None:  # type: ignore[no-untyped-def]
        self.progress.__exit__(*exc)


def import_progress() -> _Progress:
    return _Progress()


def writing_progress(description: str) -> _Progress:
    """A bar for files being written (marked copies, reports): on a console only."""
    return _Progress(description)


def workspace_option(root: Path) -> str:
    """``-w ROOT `` for a command the user types here, unless it finds the workspace at
    ``root`` by itself (XX_WORKSPACE, or this folder and its parents)."""
    from xingxian_cli.errors import UsageError
    from xingxian_cli.io.workspace import WorkspaceNotFound, find_workspace

    try:
        if find_workspace(None).root == root:
            return ""
    except (WorkspaceNotFound, UsageError, OSError):
        pass
    return f"-w {shell_arg(root)} "


def import_outcome(res, workspace: Path | None = None) -> None:  # type: ignore[no-untyped-def]
    """A line per file (with the errors of a refused one), then the summary.

    The lines are gathered into one Text and printed together, as plain text: a province
    has 1,200 files, and printing them one by one (each parsed for markup, highlighted
    and measured on its own) took half a second.
    """
    from rich.text import Text

    c = out()
    lines = Text()
    option: str | None = None  # -w for the warnings' hint, when needed

    def line(message: str, style: str) -> None:
        lines.append(message, style=style)
        lines.append("\n")

    for f in res.files:
        r = f.result
        if f.status == "imported":
            line(M.IMPORT_OK.format(file=f.name, township=f.township, quarter=res.quarter, version=f.version,
                                    cadres=f.cadres, rows=f.rows), "green")
            if f.reread:
                line(M.IMPORT_REREAD.format(current=f.replacing, version=f.version), "yellow")
            elif f.same_as is not None and f.replacing is not None and f.replacing != f.same_as:
                line(M.IMPORT_OLD_AGAIN.format(old=f.same_as, current=f.replacing, version=f.version), "bold yellow")
            if f.filled_before is not None and f.same_as is None:
                line(M.IMPORT_FILLED_EARLIER.format(date=f.filled_before[0], current=f.replacing,
                                                    before=f.filled_before[1]), "bold yellow")
        elif f.status == "unchanged":
            same = M.IMPORT_SAME_CONTENT if f.same_content else M.IMPORT_SAME_REREAD if f.reread else M.IMPORT_SAME
            line(same.format(file=f.name, version=f.version), "dim")
        elif f.status == "checked":
            line(M.IMPORT_DRY.format(file=f.name), "green")
            if f.reread and f.replacing is not None:
                line(M.IMPORT_DRY_REREAD.format(current=f.replacing), "yellow")
            elif f.same_as is not None and f.replacing is not None and f.replacing != f.same_as:
                line(M.IMPORT_DRY_OLD_AGAIN.format(old=f.same_as, current=f.replacing), "bold yellow")
            else:
                if f.replacing is not None and f.version is not None:
                    line(M.IMPORT_DRY_NEW_VERSION.format(township=f.township, quarter=res.quarter, version=f.version,
                                                         current=f.replacing), "yellow")
                if f.filled_before is not None:
                    line(M.IMPORT_FILLED_EARLIER.format(date=f.filled_before[0], current=f.replacing,
                                                        before=f.filled_before[1]), "bold yellow")
        elif f.status == "refused_before":  # the old copy of a file sent back, beside its correction
            line((M.IMPORT_REFUSED_BEFORE if f.version is not None else M.IMPORT_REFUSED_BEFORE_DRY).format(
                file=f.name, township=f.township, version=f.version), "dim")
            continue  # (its warnings were the old copy's)
        elif f.status == "other_quarter":  # next quarter's file, imported as that quarter's since
            line(M.IMPORT_OTHER_QUARTER.format(file=f.name, township=f.township, other=f.other_quarter,
                                               version=f.version), "dim")
            continue
        elif f.status == "report":  # a report xx wrote, put in the inbox
            line(M.IMPORT_REPORT_SKIPPED.format(file=f.name), "dim")
            continue
        elif f.status == "copy":  # the same bytes as a file taken in this run
            line((M.IMPORT_COPY_RESAVED if f.copy_resaved else M.IMPORT_COPY).format(file=f.name, other=f.copy_of), "dim")
            continue  # (its warnings are the other copy's)
        else:
            line((M.IMPORT_REFUSED_DRY if res.dry_run else M.IMPORT_REFUSED).format(file=f.name, errors=len(r.errors)),
                 "bold red")
            if f.refused_at is not None:
                line(M.IMPORT_REFUSED_AGAIN.format(at=f.refused_at.replace("T", " ")), "yellow")
            lines.rstrip()
            c.print(lines, soft_wrap=True)  # a command to copy is not broken inside a quoted path
            lines = Text()
            diagnostic_tables(f.name, r.errors)
        if r.warnings and f.status != "unchanged":  # (said when it was imported: not again for each file, R106)
            if option is None:  # worked out once: a province has 1,200 files
                option = workspace_option(workspace) if workspace else ""
            line(M.IMPORT_WARNINGS.format(n=len(r.warnings), file=shell_arg(r.path), workspace=option,
                                          quarter=res.quarter), "yellow")
    # A folder of another quarter given the wrong -q: said once, beside the tables per file
    others = Counter(d.value for f in res.files if f.status == "refused" for d in f.result.errors
                     if d.code == "quarter-mismatch" and d.value)
    if others and (common := others.most_common(1)[0])[1] > 1:
        line(M.IMPORT_WRONG_QUARTER.format(n=common[1], value=common[0], given=res.quarter), "bold yellow")
    from xingxian_cli.services.validate import other_county_run

    refused = [f.result for f in res.files if f.status == "refused"]
    passed = [f.result for f in res.files if f.status in ("imported", "unchanged", "checked")]
    if other_county_run(refused, passed):  # a workspace of another county (review R142)
        line(M.RUN_OTHER_COUNTY.format(n=len(refused)), "bold yellow")
    before, copies, other = res.count("refused_before"), res.count("copy"), res.count("other_quarter")
    reports = res.count("report")
    skipped = ((M.IMPORT_SUMMARY_REFUSED_BEFORE.format(n=before) if before else "")
               + (M.IMPORT_SUMMARY_COPIES.format(n=copies) if copies else "")
               + (M.IMPORT_SUMMARY_REPORTS.format(n=reports) if reports else "")
               + (M.IMPORT_SUMMARY_OTHER_QUARTER.format(n=other) if other else ""))
    if res.dry_run:  # nothing was written
        line(M.IMPORT_DRY_SUMMARY.format(ok=res.count("checked"), same=res.count("unchanged"), bad=res.count("refused"),
                                         seconds=res.seconds) + skipped, "bold")
    else:
        line(M.IMPORT_SUMMARY.format(ok=res.count("imported"), same=res.count("unchanged"),
                                     bad=res.count("refused"), seconds=res.seconds) + skipped, "bold")
    if res.count("refused") and len(res.files) > 1:  # the files to send back, named after their tables (R106)
        from xingxian_cli.services.validate import file_roles

        named = _lists(refused, file_roles(refused, passed))
        for said, names, style in ((M.IMPORT_REFUSED_FILES, named["back"], "bold red"),
                                   (M.IMPORT_REFUSED_BESIDE, named["beside"], "yellow"),
                                   (M.BESIDE_TWO, named["beside_two"], "yellow"),
                                   (M.BESIDE_ITS_COPY, named["later"], "yellow"),
                                   (M.IMPORT_TWO_OF_ONE, named["two"], "bold red"), (M.COPY_FILES, named["copy"], "yellow"),
                                   (M.OURS_FILES, named["ours"], "yellow")):
            if names:
                line(said.format(names=listed(names)), style)
    if res.scored:
        line((M.IMPORT_DRY_OWN_SCORED if res.dry_run else M.IMPORT_OWN_SCORED).format(quarter=res.quarter), "yellow")
    if res.later_scored:
        line((M.IMPORT_DRY_LATER_SCORED if res.dry_run else M.IMPORT_LATER_SCORED).format(
            quarter=res.quarter, later=M.LIST_SEP.join(res.later_scored)), "yellow")
    lines.rstrip()
    c.print(lines, soft_wrap=True)


def status_table(st) -> None:  # type: ignore[no-untyped-def]
    c = out()
    t = Table(title=M.STATUS_TITLE.format(quarter=st.quarter))
    for i, col in enumerate(M.STATUS_COLS):
        # A township and its state whole on any console (蔡家会镇 and 蔡家崖乡 must not both be 蔡…);
        # the file name and the time wrap instead.
        t.add_column(col, justify="right" if i in (2, 5, 6, 7) else "left", no_wrap=i in (0, 1), overflow="fold")
    for row in st.townships:
        m = row.current
        r = row.refused
        if m is None and r is not None:
            own = row.own_fault is not None  # refused for its own faults: said first (review R132)
            t.add_row(row.township, f"[red]{M.STATUS_REFUSED}[/]" if own else f"[yellow]{M.STATUS_CHOOSE}[/]",
                      "", r.at.replace("T", " "), r.file_name if own else M.LIST_SEP.join(x.file_name for x in row.choices),
                      "", "", "")
        elif m is None:
            t.add_row(row.township, f"[red]{M.STATUS_MISSING}[/]", "", "", "", "", "", "")
        else:
            t.add_row(row.township, f"[green]{M.STATUS_SUBMITTED}[/]", f"{m.version}/{row.versions}",
                      m.imported_at.replace("T", " "), m.file_name, str(m.n_cadres), str(m.n_rows), str(m.n_warnings))
    c.print(t)
    c.print(M.STATUS_SUMMARY.format(done=st.done, total=len(st.townships)), style="bold")
    silent = [t.township for t in st.townships if not t.submitted and t.refused is None]  # refused: listed below
    if silent:
        c.print(M.STATUS_MISSING_LIST.format(names=listed(silent)), style="yellow")
    _refusals(c, st)
    if st.stored is not None:
        at, since = st.stored
        at = at.replace("T", " ")[:16]
        files = listed([M.STATUS_STORED_FILE.format(township=m.township, quarter=m.quarter, version=m.version)
                        for m in since], 5)
        c.print(M.STATUS_STORED_STALE.format(at=at, files=files, quarter=st.quarter) if since
                else M.STATUS_STORED_CURRENT.format(at=at), style="bold yellow" if since else "dim")
    if st.read_by_older_rules:
        older = st.read_by_older_rules
        c.print(M.STATUS_OLDER_RULES.format(n=len(older), names=M.LIST_SEP.join(older[:5]) + (M.LIST_MORE if len(older) > 5 else "")),
                style="yellow")


_CHANGES_SHOWN = 50  # per version, in the table: the rest are counted (JSON has them all)


def township_history(h) -> None:  # type: ignore[no-untyped-def]
    """``xx status --township``: the township's versions, then what each changed."""
    c = out()
    if not h.versions and not h.refusals:
        c.print(M.HISTORY_NONE.format(township=h.township, quarter=h.quarter), style="yellow")
        return
    if h.versions:  # one line a version: whole on an 80-column console, where a table's cells broke (review R136)
        c.print(M.HISTORY_TITLE.format(township=h.township, quarter=h.quarter), style="bold")
    for v in h.versions:
        m = v.meta
        c.print(M.HISTORY_VERSION.format(
            version=m.version, current=M.HISTORY_IS_CURRENT if m.is_current else "", at=m.imported_at.replace("T", " ")[:16],
            by=v.imported_by or M.HISTORY_BLANK, file=m.file_name, filler=v.filler or M.HISTORY_BLANK,
            filled=m.fill_date.isoformat() if m.fill_date else M.HISTORY_BLANK, cadres=m.n_cadres, warnings=m.n_warnings),
            highlight=False, soft_wrap=True)
    for before, v in zip(h.versions, h.versions[1:], strict=False):
        said = M.HISTORY_CHANGES if v.changes else M.HISTORY_SAME
        c.print(said.format(version=v.meta.version, file=v.meta.file_name, before=before.meta.version,
                            n=len(v.changes)), style="bold")
        for ch in v.changes[:_CHANGES_SHOWN]:
            c.print(_change_line(ch, before.meta.version), highlight=False, soft_wrap=True)
        if len(v.changes) > _CHANGES_SHOWN:
            c.print(M.HISTORY_MORE.format(n=len(v.changes) - _CHANGES_SHOWN), style="dim")
    if h.refusals:
        c.print(M.HISTORY_REFUSED if h.versions else M.HISTORY_ONLY_REFUSED.format(township=h.township,
                                                                                  quarter=h.quarter), style="red")
        for r in h.refusals:
            said = M.HISTORY_REFUSED_CHOOSE if r.choose else M.HISTORY_REFUSED_ITEM
            taken = h.taken_as.get(r.sha256)  # chosen since: imported on its own (review R136)
            c.print(said.format(at=r.at.replace("T", " "), file=r.file_name, errors=r.errors)
                    + (M.HISTORY_TAKEN_LATER.format(version=taken) if taken else ""), highlight=False, soft_wrap=True)
            if r.path and not r.choose:
                c.print(M.STATUS_REFUSED_PATH.format(path=r.path), highlight=False)
            if r.first and not r.choose:
                c.print(M.STATUS_REFUSED_FIRST.format(first=r.first), highlight=False)


def _change_line(ch, before: int) -> str:  # type: ignore[no-untyped-def]
    """One change of ``xx status --township``, as a line."""
    from xingxian_cli.domain.ids import mask_id
    from xingxian_cli.messages import workbook as W

    if ch.sheet == "info":  # 基本信息: 填报人, 联系电话, 填报日期
        return M.HISTORY_CHANGED.format(where=M.HISTORY_WHERE_INFO.format(sheet=ch.src_sheet), who="",
                                        field=W.INFO_KEYS[ch.field][0], old=ch.before or M.HISTORY_BLANK,
                                        new=ch.after or M.HISTORY_BLANK)
    where = M.HISTORY_WHERE.format(sheet=ch.src_sheet, row=ch.src_row)
    who = M.HISTORY_WHO.format(name=ch.name, id=mask_id(ch.person_id)) if ch.person_id else ""
    who = " ".join(x for x in (who, ch.subject) if x)
    if ch.kind == "added":
        return M.HISTORY_ADDED.format(where=where, who=who)
    if ch.kind == "removed":
        return M.HISTORY_REMOVED.format(where=where, before=before, who=who)
    label = W.COLUMNS.get(ch.sheet, {}).get(ch.field, (ch.field,))[0]
    return M.HISTORY_CHANGED.format(where=where, who=who + " " if who else "", field=label,
                                    old=ch.before if ch.before is not None else M.HISTORY_BLANK,
                                    new=ch.after if ch.after is not None else M.HISTORY_BLANK)


def _refusals(c, st) -> None:  # type: ignore[no-untyped-def]
    """The files imports refused that no good file has replaced yet, and where to look."""
    def item(r, township: str | None = None) -> str:  # type: ignore[no-untyped-def]
        at = r.at.replace("T", " ")
        if township is None:
            text = M.STATUS_REFUSED_ITEM_UNKNOWN.format(file=r.file_name, at=at, errors=r.errors)
        else:
            text = M.STATUS_REFUSED_ITEM.format(township=township, file=r.file_name, at=at, errors=r.errors)
        if r.path:  # where it is, and what is wrong first (an import before this xx kept neither)
            text += "\n" + M.STATUS_REFUSED_PATH.format(path=r.path)
        if r.first:
            text += "\n" + M.STATUS_REFUSED_FIRST.format(first=r.first)
        return text

    waiting = [item(t.own_fault, t.township) for t in st.refused if not t.submitted and t.own_fault]
    later = [item(t.own_fault, t.township) for t in st.refused if t.submitted and t.own_fault]
    # several files of one township, for the officer to choose between (review R129)
    def chosen(submitted: bool) -> list[str]:
        return [M.STATUS_CHOOSE_ITEM.format(township=t.township, files=M.LIST_SEP.join(r.file_name for r in t.choices),
                                            at=t.refused.at.replace("T", " "))
                for t in st.refused if t.choices and t.submitted == submitted]

    for template, items, style in ((M.STATUS_REFUSED_LIST, waiting, "red"), (M.STATUS_REFUSED_LATER, later, "red"),
                                   (M.STATUS_REFUSED_UNATTRIBUTED, [item(r) for r in st.unattributed], "red"),
                                   (M.STATUS_CHOOSE_LIST, chosen(False), "yellow"),
                                   (M.STATUS_CHOOSE_LATER, chosen(True), "yellow")):
        if items:
            c.print(template, style=style)
            for line in items:
                c.print(line, highlight=False)
    if waiting or later or st.unattributed:
        c.print(M.STATUS_REFUSED_HINT, style="dim")


_SHOWN = 3  # townships shown at the top and at the bottom of the ranking
_TIED_SHOWN = 10  # rows of the top or bottom table when ties make it longer: the rest are counted


def tied_cut(rows: list[Any], *, top: bool) -> tuple[list[Any], int, int]:
    """The rows of the summary's top or bottom table (ranked, ``.rank`` each) to show, how
    many are left out and the rank they share: ties of a prefecture's early quarter make it
    long (145 at the bottom, R106); those cut are tied at its inner end, so the top keeps its
    first rows and the bottom its last, the real last places (R108)."""
    more = len(rows) - _TIED_SHOWN
    if more <= 0:
        return rows, 0, 0
    kept = rows[:_TIED_SHOWN] if top else rows[-_TIED_SHOWN:]
    return kept, more, kept[-1].rank if top else kept[0].rank


def report_summary(result) -> None:  # type: ignore[no-untyped-def]
    """Top and bottom townships, star distribution, totals and where the report went."""
    from xingxian_cli.messages import report as msg

    o = result.outcome
    c = out()
    replaced_note(o.replaced)
    if o.policy_kept is not None:
        policy_kept_note(o.quarter, *o.policy_kept)
    registry_kept_note(o.quarter, o.registry_kept)
    c.print(msg.SUMMARY_TITLE.format(quarter=o.quarter), style="bold")
    towns = o.townships
    # Townships tied at a cut-off are all shown (ties share a rank: 12, 12, 12, 12).
    top = [t for t in towns if t.rank <= towns[min(_SHOWN, len(towns)) - 1].rank] if towns else []
    bottom = [t for t in towns if t.rank >= towns[-_SHOWN].rank] if len(towns) > _SHOWN else []
    bottom = [t for t in bottom if t not in top]
    for title, rows in ((msg.SUMMARY_TOP, top), (msg.SUMMARY_BOTTOM, bottom)):
        if not rows:
            continue
        t = Table(title=title.format(n=len(rows)), title_justify="left")
        rows, more, tied = tied_cut(rows, top=title == msg.SUMMARY_TOP)
        for i, col in enumerate(msg.SUMMARY_TOWN_COLS):
            t.add_column(col, justify="right" if i in (0, 2) else "left")
        for row in rows:
            places = -int(row.rate_rounded.as_tuple().exponent)  # ranked to the policy's decimals
            t.add_row(str(row.rank), row.township, _percent(row.rate_rounded, places), msg.SUBMITTED if row.submitted
                      else msg.REFUSED if row.township in result.refused else msg.MISSING)
        c.print(t)
        if more > 0:
            c.print(msg.SUMMARY_TIED_MORE.format(n=more, rank=tied), style="dim")
    s = o.summary()
    c.print(msg.SUMMARY_COUNTS.format(n=s.cadres, rated=s.statuses["rated"], unrated=s.statuses["unrated"],
                                      vetoed=s.statuses["vetoed"]))
    _star_distribution(c, s.stars)
    pay, bonus = s.pay, s.bonus
    c.print(msg.SUMMARY_PAY.format(pay=pay, bonus=bonus, total=pay + bonus), style="bold")
    if o.missing:
        refused = [t for t in o.missing if t in result.refused]
        names = listed(msg.SUMMARY_REFUSED_NAME.format(township=t) if t in result.refused else t for t in o.missing)
        c.print((msg.SUMMARY_MISSING_REFUSED if refused else msg.SUMMARY_MISSING).format(n=len(o.missing), names=names),
                style="yellow")
    if result.county is not None:
        c.print(msg.SUMMARY_WRITTEN.format(path=result.county.path), style="green")
    if result.earlier is not None:
        c.print((msg.EARLIER_KEPT_QUARTER if result.earlier[3] else msg.EARLIER_KEPT).format(
            path=result.county.path.name if result.county else "", generated=result.earlier[1], kept=result.earlier[0],
            quarter=result.earlier[3]), style="bold yellow")
    if result.townships:
        c.print(msg.SUMMARY_PER_TOWNSHIP.format(n=len(result.townships), dir=result.townships[0].path.parent),
                style="green")
    if result.earlier_townships:
        folders = sorted({str(p.parent) for p in result.earlier_townships})
        c.print(msg.EARLIER_TOWNSHIPS_KEPT.format(
            n=len(result.earlier_townships), names=listed(p.name for p in result.earlier_townships),
            folders="、".join(folders)), style="bold yellow")
    if result.unsent:
        c.print(msg.SUMMARY_PER_TOWNSHIP_UNSENT.format(names=listed(result.unsent)), style="yellow")
    if result.stale:
        c.print(msg.SUMMARY_PER_TOWNSHIP_STALE.format(n=len(result.stale), names="、".join(p.name for p in result.stale)),
                style="bold yellow")
    if any(f.unmasked for f in [result.county, *result.townships] if f is not None):
        c.print(msg.SUMMARY_UNMASKED, style="yellow")
    c.print(msg.SUMMARY_SECONDS.format(seconds=result.seconds), style="dim")


def restore_preview(backup, current) -> None:  # type: ignore[no-untyped-def]
    """Before a restore is confirmed: what the backup holds and what the workspace holds now."""
    def said(h) -> str:  # type: ignore[no-untyped-def]
        quarters = M.LIST_SEP.join(M.RESTORE_QUARTER.format(quarter=q, n=n) for q, n in h.quarters.items())
        return M.RESTORE_HOLDINGS.format(county=f"{h.county} " if h.county else "", quarters=quarters or M.RESTORE_NOTHING)

    c = out()
    c.print(M.RESTORE_WHAT.format(made=backup.made or M.RESTORE_MADE_UNKNOWN, backup=said(backup), current=said(current)))
    versions, runs = backup.lacking(current)  # (review R133: both sides read the same, a correction since unsaid)
    lines = [M.RESTORE_LOST_VERSION.format(township=t, quarter=q, version=v, file=f, at=at.replace("T", " ")[:16])
             for t, q, v, f, at in versions]
    lines += [M.RESTORE_LOST_RUN.format(quarter=q, at=at.replace("T", " ")[:16]) for q, at in runs]
    if lines:
        c.print(M.RESTORE_LOSES, style="bold yellow")
        for line in lines[:20]:
            c.print(line, highlight=False)
        if len(lines) > 20:
            c.print(M.RESTORE_LOST_MORE.format(n=len(lines) - 20), style="dim")
    if backup.county and current.county and backup.county != current.county:
        c.print(M.RESTORE_OTHER_COUNTY.format(backup=backup.county, current=current.county), style="bold yellow")
