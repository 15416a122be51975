"""Township workbook intake: find sheets and headers, parse cells, check every rule of §5.

Pure: takes cell grids (sheet name -> rows of values, Excel row = index + 1) and returns a
``Submission`` plus every diagnostic found (lazy validation, never the first only).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any

from xingxian_cli.domain.cells import column_index, column_letter
from xingxian_cli.domain.diagnostics import Diagnostic, Severity, make
from xingxian_cli.domain.facts import (
    Cadre,
    Deduction,
    Economy,
    Honour,
    Progress,
    ProgressStatus,
    Source,
    Submission,
    SystemScores,
    event_detail,
)
from xingxian_cli.domain.ids import long_numbers, mask_id, mask_numbers_in
from xingxian_cli.domain.intake_cells import (
    INVISIBLE,
    cell_date,
    cell_decimal,
    cell_id,
    cell_text,
    chinese_numeral,
    impossible_date,
    is_blank,
    month_lost_by_number,
    serial_date,
    typed_number,
)
from xingxian_cli.domain.period import Quarter, add_months, window_start
from xingxian_cli.domain.policy import Policy, plain_number, score_example
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.text import (
    CHANGED_TO,
    FLATTEN,
    TAIL_NOTE,
    TRAILING_MARKS,
    WRITTEN_NOTE,
    Matcher,
    change_note,
    changed_later,
    closest_names,
    dated_after,
    doc_number_text,
    fold,
    identity_text,
    norm,
    phone_text,
    place_stem,
    says_departed,
    withdrawing,
    withdrawing_note,
)
from xingxian_cli.messages import diagnostics as DM
from xingxian_cli.messages import report as RM
from xingxian_cli.messages import workbook as W

Grid = list[list[object]]

HEADER_SCAN_ROWS = 15
MAX_LABEL_CHARS = 40  # a header cell longer than this (labels, aliases, marks and spaces) is data
INFO_KEY_COLUMNS = 6  # 基本信息 keys are looked for in the first columns only
# A row whose every filled cell starts like this is notes or signatures under the table
# (注：…; 填报人：… 审核人：…), not data; so is a total line (合计 | 79人 | =SUM(…)).
_FOOTNOTE_PREFIXES = ("注", "说明", "备注", "填表", "填报", "审核", "制表", "签字", "负责人", "单位")
# Who signs a form, as the label of a signature line (after norm, before any colon).
_SIGNERS = frozenset({"填报人", "填表人", "审核人", "制表人", "负责人", "经办人", "联系人", "联系电话", "日期", "填报日期",
                      "审核日期", "主要负责人", "分管领导", "单位负责人", "统计人", "核对人"})
# A numbered note line of its own: 2.得分保留两位小数。 (a number, a mark, then words).
_NUMBERED_NOTE = re.compile(r"^\d{1,2}\s*[.、．)）]\s*\D.{4,}$")
_TOTAL_WORD = r"(?:合计|小计|总计|共计|汇总)[:]?[\d.,]*(?:人|名|个|项|户|村)?$"  # 汇总: Excel's own total row
_TOTAL_LINE = re.compile("^" + _TOTAL_WORD)  # after norm
_ENDS_AS_TOTAL = re.compile(_TOTAL_WORD)  # 蔚汾镇小计, 全县合计 (after norm)
_STARTS_AS_TOTAL = re.compile(r"^(?:全县|全乡|全镇|全市|本乡镇)?(?:合计|小计|总计|共计|汇总)")  # 小计：23个村、7个社区
# A summary line under a table, as a total line: 平均分 | | 85 | 85 …, 最高分, 全乡平均, 完成率 | | 60%,
# 共34人, 全乡共有34人 (after norm). Only in a row holding no resident ID (see _note_kind).
_WHOLE = r"(?:全县|全乡|全镇|全村|本乡镇|本乡|本镇|全乡镇)?"
_PLACE = r"(?:[\u4e00-\u9fff]{1,12}(?:村|社区|居委会|村委会|乡|镇))?"  # 城东社区平均分 (review R70)
_SUMMARY_LINE = re.compile(rf"^{_WHOLE}{_PLACE}(?:平均|平均分|平均值|均值|最高分|最低分|最高|最低|总分|完成率)[:]?[\d.,%]*$"
                           rf"|^{_WHOLE}共有?计?[:]?\d+(?:人|名|个|项|户|个村|个行政村)$")
# A cell saying there is nothing to report (a row of only such cells is no data): 无, 暂无, /, —.
_PLACEHOLDER = re.compile(r"^(?:无|暂无|没有|空|空白|无此项|无内容|无数据|本季度无|/+|\\+|-+|—+|…+|\.+)[.。]?$")
# What may start or fill a first cell of such lines (before norm: a cheap look at each distinct
# first cell, _note_kind deciding).
_SUMMARY_HINT = re.compile(r"合计|小计|总计|共计|汇总|平均|最高|最低|总分|完成率|^(?:全|本)?[乡镇县村]?共|^[无暂没空/\\\-—－／…．.]")
_ID_DIGITS = re.compile(r"\d{15}")
# A cadre this old at the period's end is more likely a mistyped ID (出生 1900 年) than a real
# one: warned of, not refused (an ID valid in every other way is the clerk's to confirm).
_OLDEST_CADRE = 80
_TASK_ID = re.compile(r"^T0*(\d{1,3})$")  # T01, t1: a key task's number (after norm, upper-cased)
# A level written with its place before it (吕梁市级, 山西省级, 兴县级): the place's level (after norm).
_PLACED_LEVEL = re.compile(r"^[\u4e00-\u9fff]{1,10}?([省市县乡镇]级)$")
# ... after the words of an award (荣获省级, 被评为县级), but no place: 拟报省级, 推荐县级, 撤销县级,
# 未评上县级, 非县级 (an honour not granted, or taken back); 太原市级, 无锡市级 are places.
_LEVEL_AWARDED = re.compile(r"^(?:曾经?)?(?:荣获|获得|获评|被评为|评为|获)")
_LEVEL_NOT_PLACE = re.compile(r"报|拟|推荐|申请|参评|入选|争取|争创|候选|提名|撤|取消|未|没|不是|非|待|入围|公示|预|落选")
# A signature cell of any wording: a short label and a colon (经办人：, 分管领导：王某, 日期：…),
# or a place to sign or stamp (乡镇党委（盖章）). After norm.
_LABEL_CELL = re.compile(r"^[^:\d]{1,10}:")
# A lone cell that is no data (after norm; see W.NOTHING_BELOW).
_NO_DATA_CELL = re.compile(r"^(?:\(?(?:{below})\)?[.。]?|(?:[{n}]{{1,3}}[、.]|\([{n}]{{1,3}}\))[^\d]{{1,20}})$".format(
    below="|".join(map(re.escape, W.NOTHING_BELOW)), n=W.HEADING_NUMERALS))
_SIGN_MARKS = ("(盖章)", "(签字)", "(签名)", "盖章", "签字")
# First characters of those (Simplified and Traditional; 经办人, 分管领导, 主要负责人, 乡镇党委（盖章）,
# 日期, 联系电话 …): only rows whose first cell starts so, or holds a colon, are looked at closer.
_NOTE_STARTS = frozenset("注说說备備填审審制签簽负負单單合小总總共经經分主乡鄉日联聯盖蓋")
_HEADER_MARKS = "*:。."  # required-field stars and trailing colons around labels (after norm)
_HEADER_SUFFIXES = ("(必填)", "(选填)", "(可选)")
_DASHES = str.maketrans(dict.fromkeys("—–~", "-"))
_FULL_MARKS = re.compile(r"\((?:满分)?\d+分?(?:制)?\)$|\(满分\d+分?\)$")
# An id, optionally followed by words (``M01（乡镇领导班子分析研判）``); a tail holding
# another number or id (``M1.5``, ``M13、M14``, ``M13-M20``) is not one measure and is refused.
_MEASURE_ID = re.compile(r"^([A-Z]*)0*(\d{1,4})(?:[^\dA-Z.][^\dA-Z]*)?$")
_MORE_LIMIT = 5  # village names listed in one progress-missing warning
# A village's collective income above this many 万元 (one hundred million yuan) is taken for
# an amount typed in yuan: the bonus would otherwise be paid on figures ten thousand times too big.
_MAX_VILLAGE_INCOME = Decimal(10_000)
# Above this (ten million yuan) an income is read but questioned: 8000 typed in yuan under a
# 万元 header would pass the limit above and pay the largest bonus.
_LARGE_VILLAGE_INCOME = Decimal(1_000)


# --- lookups, cached per (policy, registry) ---------------------------------------------


def norm_header(v: str) -> str:
    """A column heading as headings are matched (Traditional, full width, 任职起始日期（年月）…)."""
    return _norm_header(v)


@lru_cache(maxsize=65536)
def _norm_header(v: str) -> str:
    s = norm(v).strip(_HEADER_MARKS)
    for suffix in _HEADER_SUFFIXES:
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    s = _FULL_MARKS.sub("", s).translate(_DASHES)  # 党建引领（满分100）; 1—12月 as 1-12月
    return s.strip(_HEADER_MARKS)


ColumnSpec = tuple[str, tuple[str, ...], bool]


_TOWNSHIP_ENDS = ("乡", "镇", "街道")  # left off by a clerk (奥家湾 for 奥家湾乡), or mistyped in a file name


@dataclass
class _Lookups:
    specs: dict[str, dict[str, ColumnSpec]]
    header_maps: dict[str, dict[str, str]]
    info_map: dict[str, str]
    sheet_map: dict[str, str]
    positions: Matcher
    levels: Matcher
    measures: Matcher
    outcomes: dict[str, Matcher]
    statuses: Matcher
    townships: dict[str, str]
    villages: dict[str, dict[str, str]]
    measure_ids: dict[str, str]
    measure_numbers: dict[tuple[str, int], str]
    secretaries: frozenset[str]
    systems: list[str]
    # Derived from ``townships``: its keys' lengths, and each township's place in the registry.
    township_lengths: tuple[int, ...] = ()
    township_order: dict[str, int] = field(default_factory=dict)
    # A file name's way of naming a township: its folded name, or that name with another of
    # 乡/镇/街道 when no other township shares its stem (东会镇 for 东会乡: review R95). The stem
    # alone names none: 康宁-2022Q3 may be the clerk who filled it in, 魏家滩村 is a village.
    file_names: dict[str, str] = field(default_factory=dict)

    # Folded village name -> the townships with a village so named; made when first asked.
    village_towns: dict[str, list[str]] | None = None

    def __post_init__(self) -> None:
        self.township_order = {t: i for i, t in enumerate(self.townships.values())}
        bare: dict[str, set[str]] = {}
        for n, t in self.townships.items():
            stem = place_stem(n, townships=True)
            if len(stem) >= 2 and stem != n:
                bare.setdefault(stem, set()).add(t)
        self.file_names = {**{b + end: next(iter(ts)) for b, ts in bare.items() if len(ts) == 1
                              for end in _TOWNSHIP_ENDS}, **self.townships}
        self.township_lengths = tuple(sorted({len(n) for n in self.file_names}))

    def towns_with_village(self, written: str, but: str) -> list[tuple[str, str]]:
        """(township, the registry's name) of each village named ``written`` (after norm, or as
        its committee) in a township other than ``but``."""
        if self.village_towns is None:
            index: dict[str, list[str]] = {}
            for township, names in self.villages.items():
                for key in names:
                    index.setdefault(key, []).append(township)
            self.village_towns = index
        key = norm(written).rstrip(TRAILING_MARKS)
        towns = self.village_towns.get(key)
        if towns is None and (body := _VILLAGE_BODY.match(key)) is not None:  # 宋家峁村村委会, 宋家峁村民委员会
            stem = body.group(1)
            towns = self.village_towns.get(stem) or self.village_towns.get(stem + "村") or self.village_towns.get(
                stem + "社区")
        return [(t, name) for t in towns or () if t != but
                for name in (self.villages[t].get(key) or village_of(self.villages[t], t, written),) if name]


_CACHE: dict[tuple[int, int], tuple[Policy, Registry, _Lookups]] = {}


def _lookups(policy: Policy, registry: Registry) -> _Lookups:
    key = (id(policy), id(registry))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is policy and hit[1] is registry:
        return hit[2]
    specs: dict[str, dict[str, ColumnSpec]] = {k: {**v, **W.EXTRA_COLUMNS.get(k, {})} for k, v in W.COLUMNS.items()}
    for name in policy.systems:
        specs["scores"][name] = (name, (f"{name}得分", f"{name}(分)", f"{name}评分"), True)
    header_maps: dict[str, dict[str, str]] = {}
    for sheet, cols in specs.items():
        m: dict[str, str] = {}
        for key_, (label, aliases, _req) in cols.items():
            m.setdefault(_norm_header(label), key_)
            for a in aliases:
                m.setdefault(_norm_header(a), key_)
        header_maps[sheet] = m
    info_map: dict[str, str] = {}
    for key_, (label, aliases) in W.INFO_KEYS.items():
        info_map.setdefault(_norm_header(label), key_)
        for a in aliases:
            info_map.setdefault(_norm_header(a), key_)
    ded = policy.star_rules.deductions.measures
    outcomes = {
        name: Matcher([*dm.by_outcome, *dm.veto], W.OUTCOME_ALIASES, affixes=W.OUTCOME_AFFIXES, withdraw="sanction")
        for name, dm in ded.items()
    }
    measure_numbers: dict[tuple[str, int], str] = {}
    for m_ in policy.measures:
        mm = _MEASURE_ID.match(m_.id.upper())
        if mm:
            measure_numbers.setdefault((mm.group(1), int(mm.group(2))), m_.id)
    lk = _Lookups(
        specs=specs,
        header_maps=header_maps,
        info_map=info_map,
        sheet_map={norm(name): key_ for key_ in W.REQUIRED_SHEETS
                   for name in (W.SHEETS[key_], *W.SHEET_ALIASES.get(key_, ()))},
        positions=post_matcher(policy.positions),
        levels=Matcher(policy.star_rules.honour_levels, W.HONOUR_LEVEL_ALIASES, affixes=W.HONOUR_LEVEL_AFFIXES,
                       withdraw="level"),
        measures=Matcher(policy.deduction_measures, W.DEDUCTION_MEASURE_ALIASES),
        outcomes=outcomes,
        statuses=Matcher(list(policy.completion.status_values), status_aliases(policy.completion.status_values),
                         withdraw="status"),
        townships={n: t for t in registry.townships if (n := norm(t))},
        villages={t: {norm(v): v for v in registry.village_names(t)} for t in registry.townships},
        measure_ids={norm(m_.id): m_.id for m_ in policy.measures},
        measure_numbers=measure_numbers,
        secretaries=frozenset(policy.village_heads),
        systems=list(policy.systems),
    )
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[key] = (policy, registry, lk)
    return lk


def status_aliases(values: Mapping[str, Decimal]) -> dict[str, tuple[str, ...]]:
    """The everyday spellings of a status (W.STATUS_ALIASES, keyed by the default policy's
    names) keyed by the policy's own statuses. A group goes to the policy's status named as
    one of its spellings, whatever its value (推进中 valued 0 keeps 部分完成, review R84). Else
    the group of full credit (已完成) goes to the policy's one status valued 1, and that of
    no credit (未启动) to its one status valued 0: a policy renaming them 完成 and 未开始 reads
    已完成 and 尚未开展 (review R80). The spellings of work under way go to no status of
    another name: 部分完成 read as a county's 基本完成 (0.9) would credit a measure just begun
    at nine tenths (review R84); the clerk writes the county's word."""
    by_value = {W.STATUS_ALIASES_DONE: Decimal(1), W.STATUS_ALIASES_NONE: Decimal(0)}
    out: dict[str, list[str]] = {}
    for name, spellings in W.STATUS_ALIASES.items():
        group = (name, *spellings)
        fits = [s for s in values if s in group]
        if not fits and name in by_value:
            fits = [s for s, v in values.items() if v == by_value[name]]
        if len(fits) == 1:
            out.setdefault(fits[0], []).extend(g for g in group if g != fits[0])
    return {status: tuple(spellings) for status, spellings in out.items()}


def statuses_in_policy_words(values: Mapping[str, Decimal],
                             progress: dict[str, list[ProgressStatus]]) -> dict[str, list[ProgressStatus]]:
    """Stored ``progress`` (township -> rows) with each status the policy (its ``values``) no
    longer names, but reads as one of its own, written as that one: 推进中, imported while it
    was a status of the policy, after the policy renamed it 正在推进 — a file read now reads it
    so (review R96: validate took the files, score refused them, and importing them again
    changed nothing). ``progress`` itself when nothing is to be renamed."""
    word = status_in_policy_words(values)
    # (the distinct statuses, gathered in C: a province's first score reads 635,000 rows)
    written = set().union(*(map(itemgetter(2), rows) for rows in progress.values()))
    renamed = {status for status in written if word(status) != status}
    if not renamed:
        return progress
    return {t: [(m, v, word(s)) if s in renamed else (m, v, s) for m, v, s in rows] for t, rows in progress.items()}


def status_in_policy_words(values: Mapping[str, Decimal]) -> Callable[[str], str]:
    """A stored status as the policy (its ``values``) names it: one of its own as it is, else
    the one of its statuses it reads the word as (see status_aliases), else as it is."""
    spelled = {s: status for status, spellings in status_aliases(values).items() for s in spellings}
    return lambda status: status if status in values else spelled.get(status, status)


def post_matcher(positions: Sequence[str]) -> Matcher:
    """How a 职务 cell is read under a policy's ``positions`` (its spellings, two posts joined
    as 书记兼主任, a note taking a post back)."""
    return Matcher(positions, W.POSITION_ALIASES, affixes=W.POSITION_AFFIXES, joins=True, member=W.MEMBER_POST, withdraw="post")


def posts_in_policy_words(positions: Sequence[str], cadres: list[Cadre]) -> list[Cadre]:
    """Stored ``cadres`` with each post the policy (its ``positions``) no longer names, but
    reads as one of its own, written as that one: 委员, imported before the policy renamed it
    两委委员 — a file read now reads it so (as statuses_in_policy_words does for statuses).
    ``cadres`` itself when nothing is to be renamed."""
    known = set(positions)
    stale = {c.position for c in cadres if c.position not in known}
    if not stale:
        return cadres
    read = post_matcher(positions)
    renamed = {post: word for post in stale if (word := read(post)) is not None}
    return [replace(c, position=renamed[c.position]) if c.position in renamed else c for c in cadres]


def places_in_registry_words(registry: Registry, cadres: list[Cadre],
                             economy: dict[tuple[str, str], Economy]) -> tuple[list[Cadre], dict[tuple[str, str], Economy]]:
    """Stored ``cadres`` and village ``economy`` with each village written as ``registry`` names
    it now: a village renamed since they were imported (村改居, its 区划代码 another name's now)
    is the renamed one, so its cadres are listed, explained and compared under one name
    (review R126: cadres of an open quarter shown as moved from the new name to the old)."""
    def now(township: str, village: str) -> str:
        return registry.village_named(township, village) or village

    moved = [c if (name := now(c.township, c.village)) == c.village else replace(c, village=name) for c in cadres]
    places: dict[tuple[str, str], Economy] = {}
    for (township, village), e in economy.items():
        name = now(township, village)
        places.setdefault((township, name), e if name == village else replace(e, village=name))
    return moved, places


def prepare_lookups(policy: Policy, registry: Registry) -> None:
    """Build now what checking a workbook loads once per process: the lookups for ``policy``
    and ``registry``, and python-stdnum's table of area codes (about 80 ms to parse) — done
    before forking workers, every worker shares them."""
    from stdnum import numdb

    _lookups(policy, registry)
    numdb.get("cn/loc")


_ONE = Decimal(1)
# Codes of a coded value not read, which a note taking it back (see text.withdrawing) explains.
_WITHDRAWABLE = {"unknown-position": "post", "unknown-level": "level", "unknown-outcome": "sanction",
                 "unknown-status": "status"}
_AMBIGUOUS_STATUSES = frozenset(norm(s) for s in W.STATUS_AMBIGUOUS)
PERCENT_SCALE_MIN = 50  # the smallest scale whose scores of at most 1 look like percents

# The number of the rules workbooks are read by. Raise it with any change that can read an
# unchanged file differently (a value, a refusal): a file stored under an older number is
# read again when it is imported again, instead of being "unchanged" with its old facts.
READING_RULES = 54  # 3: unsaved formulas refused; 4: 2015.3 in a date cell; 5: 12,5 and one 0.95 score refused;
# 6: a bracketed note that takes a value back (书记（已离任）) refused; 7: those notes narrowed, 95， read;
# 8: only whole notes take a value back; 9: rows of "" and 0 from dragged formulas skipped;
# 10: notes read clause by clause, per kind of value; 11: 未完成 refused as ambiguous (was 未启动);
# 12: of two sheets of one folded name (村干部名册, 村幹部名冊) the visible one is read;
# 13: a score scale or income unit stated in or over the header heeded; Strict Open XML merges read;
# 14: a share after a status read only when it agrees; tighter 栏次 lines and two-row headers;
# 15: a bracketed share too; serials below 1970 (20227) no dates; 百万元 no 万元; totals and ranges state scales;
# 16: any share written with a status must agree; a unit or scale in a note under an upper label heeded;
#     serials back from 1927 but for the shapes of a year and month (20227)
# 17: a name, honour or deduction measure whose note takes it back (张斌（已离任）, 违纪违法（已撤销）) refused
# 18: a noted column (党建引领（自评）) no longer read before the standard one; two noted ones, or a label
#     over two sub-columns, refused when they differ; 19: 乡镇 or 考核季度 written twice with two values refused
# 20: post notes: a joint post written with 、, no separator or 一肩挑 taken back by a note on one post; a note
#     of another post or person (副书记已免职, 前主任已离任) keeps the post; a leaving applied for and not
#     granted keeps it
# 21: post notes read again after eight reviews: any brackets (书记兼主任【一肩挑】); another role's holder or
#     another role given up (会计已辞职, 辞去治保主任职务) keeps the post; 只任书记 and 主任职务已移交 give up the
#     joint post's other one; a later sentence undoes a leaving only when it says so (辞职。未批准, 仍由其主持
#     工作); a resignation is settled by the clause after it (已辞职，未批准); a leaving dated after the
#     period (书记（2022年11月离任） in 2022Q3) keeps the post, with a warning
# 22: post notes in everyday words (人走了, 被撤了, 没选上, 只当书记, 不兼主任了), a resignation approved in other
#     words (辞职报告已批复), a move up or out (已提拔为副乡长, 已到乡政府任职, 考入事业单位), a handover done
# 23: those narrowed after a review (县人大代表没选上, 主任辞职报告已批复 for a 书记, 到乡政府汇报工作, 提拔…公示中,
#     8月接任，已办理交接手续 keep the post) and undone by a later clause (人走了，又回来了; 提拔为副乡长，仍兼任村书记)
# 24: that later clause only when said of this post's holder and not followed by another leaving (经研究王某补选当选,
#     仍兼任村会计, 又回来了，8月又走了 do not undo); 返聘为会计 is no return to the post
# 25: the undo weighed to the last clause (a return then anything but carrying on in the post leaves the leaving
#     standing), the post kept or returned to compared with the cadre's own; 离任后未返聘 is a leaving
# 26: 离任后…, 退休后… in one clause read as a leaving and a later clause (离任后未再返聘, 离任后返聘为主任: left;
#     辞职后又回来当书记了: back); 被挽留, 留任, …至今 as returns or keepings; 已公示 is no pending move
# 27: a post read as held whose note speaks of it changing hands (书记（人走了半年了）) imported with a warning
# 28: summary lines in other words (全乡合计, 平均分, 最高分, 共34人, 完成率) and rows of only 无 / 暂无 / / are no data;
#     no line holding a resident ID is a total line (合计 in a cadre's village cell)
# 29: a village's two holders of a head's post warned of; statuses, levels and posts in more everyday words
#     (已经完成, 正在进行, 0%, 吕梁市级, 市厅级, 代理书记, 监督委员会委员); T01 where a measure goes said so
# 30: sheets under other names clerks give them (村干部花名册, 基本情况, 集体经济, 六大体系评分表) read as the sheet
# 31: a village with no village-level progress at all is one warning (progress-village-missing)
# 32: a scores sheet with no score at all is one error (scores-unfilled); a progress sheet with no status one warning
# 33: a deduction dated before its window is warned of (deduction-outside-window), as an honour is
# 34: a cadre 80 or older by the ID's birth date is warned of (age-implausible)
# 35: blank 填报人 / 联系电话 / 填报日期 in 基本信息 warned of, once (info-contact-missing)
# 36: a 处理结果 another measure rates otherwise (开除党籍 under 考核问责) warned of (outcome-of-other-measure)
# 37: a date kept as a plain number counted from the 1904 epoch on that system; a score of 1 in a percent cell refused
# 38: cells merged down in several columns filled all the way; rows a filter left on hides one warning (rows-filtered)
# 39: notes after 已完成 saying the work is not all done, honour levels not granted or of another level, and
#     sanctions changed or undone refused (others worth a look warned of); a sheet copy labelled this quarter
#     refused; a header note of an earlier period names no field; dashes like ‐ – ― and ——, a final × for X,
#     a village after its county and township read; 完成值 shares against the status warned of
# 40: a note after a comma or space as one in brackets (已完成，已验收); notes folded from Traditional; more words of
#     work not done, honours not granted (镇党委表彰, 还没下文) and sanctions not decided (拟给予) refused; notes
#     upheld (维持原处分) or of a higher level sought (推荐参评市级) read; a header noting another quarter
#     (党建引领（二季度）) names no field; a vacant post's 评分 row skipped, 空缺 over an ID refused; a text
#     formula with no saved result refused as unsaved; missing economy figures outside the bonus quarter one warning
# 41: a post noted vacant over a person (委员（空缺）, 监委会主任，暂缺) refused
# 42: values a formula takes from another workbook (an external link) warned of (formula-external)
# 43: the same of a 基本信息 cell read (填报人 or 填报日期 pulled from the township's summary file)
# 44: an income typed into a cell formatted as percent refused (income-cell-percent); a village's own summary
#     line (城东社区平均分 | | 85 …) no data
# 45: a score whose cell's format shows it rounded across the threshold (89.6 formatted 0) warned of
#     and a 完成状态 of 1 in a percent cell read as the 100% it shows
# 46: a score or income merged down over several rows warned of (value-merged-down); a village's
#     progress row left blank warned of at its own row (was: one warning at the measure's first); rows
#     missing said beside a refused progress sheet's errors; a status written as a share (50%) told apart;
#     an outcome written as the measure (outcome-for-measure, refused as before)
# 47: a value hidden under an area merged down read as the shown one (value-hidden-under-merge), one under
#     an area on one row read as stored and said (value-covered-in-row); a progress row pasted twice word
#     for word counted once (was refused); everyday status words for a county's renamed statuses; 党纪警告,
#     levels with 表彰, dates in Chinese numerals read; a number in a cell formatted in 元 refused as yuan;
#     a score's two-decimal format showing it across the threshold warned of
# 48: a line under the header saying how to fill the columns in skipped (a scale it states heeded, even
#     merged from a column not read); a roster name split over lines warned of (name-line-break); a cadre
#     in another village of the township than last quarter warned of (village-changed, against earlier);
#     a file name naming another township with the wrong 乡/镇 (东会镇 for 东会乡) refused as naming it
# 49: a window of months not a multiple of 12 ends a whole month back (R99: 18 months to 2022-09-30 began
#     after 2021-03-30, so an honour or deduction of 2021-03-31 was in it): the outside-window warnings
# 51: a note beside a roster row outside the table (no header over it) telling of the post given up warned of
#     as a 备注 is (roster-aside-left); 村长, 副村长, 村支部副书记 read as the posts they name
# 52: a note telling of the post given up in a roster column read for something else (联系电话 已离任) warned of
#     (roster-column-left), and beside the table whatever the 备注 says; 退出村两委, 被判刑 read as leavings;
#     a row left with only its name one error (row-name-only)
# 53: an acting post (代村长, 代理社区书记) read as the post; 退出村“两委”班子, 退出村委会, 被判处有期徒刑, 刑事拘留,
#     逮捕 read as leavings; a phone's own note (暂停使用, 关机) in 联系电话 is none; 空缺 alone a vacant post;
#     以上人员已核实 in the 姓名 column a note; more than 3 rows hidden by hand one warning (rows-hidden)
# 54: two sanctions, levels or measures in one cell refused (R147, R149); a sanction awaiting approval or
#     suspended, a level not granted (暂不授予, 不予表彰), 考核问责（免予问责） and a post corrected in its note
#     (书记（实为副书记）) refused; 撤职（党内）, 警告（政务）, 已启动 read as what they name; a status's note naming
#     another warned of; a village or 举措编号 on its group's first row only told so; incomes shown
#     rounded across the bonus's growth line warned of (R150)
# 50: a clerk's label alone in the first column between data rows (以下为新任人员) not read, warned of
#     (row-label-skipped; was refused as a row with every other cell blank); a village without a head
#     warned of while the township is written wrong; under a policy renaming a post, joined cells
#     (副主任、委员; 书记/主任 for a renamed 书记兼主任) read as under the default
# (Not raised for a 考核季度 kept as a plain serial counting from the 1904 epoch on that system: one a file
#  stored under 38 held was a quarter's last day on the 1900 system, the day after one on the 1904 system,
#  which no clerk writes; the count would only send every county to import its files again.)


def wanted_sheet(name: str) -> bool:
    """True when a sheet of this name (as written) is one the intake reads, or may be a copy
    or a renamed one of those (村干部名册 (2), 新村干部名册: compared with the one read)."""
    n = norm(name)
    return n in _SHEET_NAMES or any(s in n for s in _STANDARD_SHEET_NAMES)


_STANDARD_SHEET_NAMES = frozenset(norm(W.SHEETS[k]) for k in W.REQUIRED_SHEETS)
_SHEET_NAMES = _STANDARD_SHEET_NAMES | {norm(a) for k in W.REQUIRED_SHEETS for a in W.SHEET_ALIASES.get(k, ())}


# --- tables -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Col:
    index: int
    letter: str
    header: str  # as written, on one line (see _one_line)


def _one_line(label: str) -> str:
    """A header as a message quotes it: the lines of 任职起始⏎日期 (Alt+Enter) joined, 任职起始日期
    (review R86: quoted with the line break, and so in the JSON's header)."""
    return "".join(part.strip() for part in label.splitlines())


@dataclass
class _Table:
    key: str
    sheet: str  # as written
    grid: Grid
    header_row: int  # 0-based index of the header row
    cols: dict[str, _Col]
    header_map: Mapping[str, str] = field(default_factory=dict)  # folded label -> column key
    # Required columns the sheet lacks (reported once, as missing-column): read without them,
    # so that the rest of its rows are checked in the same round trip.
    missing: frozenset[str] = frozenset()
    # The row under the header numbers the columns (栏次: 1 2 3…, 甲 乙 1 2…) or gives their
    # units (万元, 分): no data, and the data starts below it.
    under_header: bool = False
    # Rows read as a clerk's label between data rows (以下为2023年新任人员 alone in the first
    # column, 以上人员已核实 alone in another): Excel row -> the text and its column's key; not
    # data, each said by a warning (see is_section_label).
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)

    def rows(self) -> Iterator[tuple[int, dict[str, object]]]:
        """Yield ``(excel_row, {column key: value})`` for each data row, skipping blank rows,
        footnotes and repeated header rows."""
        keys = list(self.cols)
        idx = [c.index for c in self.cols.values()]
        width = max(idx) + 1
        # One C-level call per row picks the table's cells (a tuple even for one column).
        pick = itemgetter(*idx) if len(idx) > 1 else (lambda r: (r[idx[0]],))
        grid = self.grid
        header = self.cols[keys[0]].header
        # What a first cell's text says of its row, worked out once per distinct text (they
        # repeat: a village's name, a measure id): 0 data, 1 maybe a note or signature line,
        # 2 the first header's text (maybe the header repeated for printing).
        kinds: dict[str, int] = {}
        # A date alone or a numbered note line is a trailer only under the data: held back,
        # and read as data after all when a data row follows it.
        held: list[tuple[int, dict[str, object]]] = []
        for i in range(self.header_row + 1 + self.under_header, len(grid)):
            row = grid[i]
            if len(row) >= width:
                cells = pick(row)
            else:  # a ragged row (the openpyxl fallback): pad the missing cells
                n = len(row)
                cells = tuple(row[j] if j < n else None for j in idx)
            # Empty cells are None or "" (counted in C); only the rest need a closer look.
            if cells.count(None) + cells.count("") == len(cells):
                continue
            filled = _count_filled(cells, 2)
            if filled == 0:
                continue
            v0 = cells[0]
            if (type(v0) is not str or not v0) and _only_zeros(cells):
                # =村干部名册!C2 dragged past the data shows 0s (and =IF(…="","",…) shows ""):
                # a formula's row, not data
                continue
            vals = dict(zip(keys, cells, strict=False))  # as many cells as keys, by construction
            kind = 0
            if type(v0) is str:
                kind = kinds.get(v0, -1)
                if kind < 0:
                    s = v0.strip()
                    kind = kinds[v0] = 2 if s == header or self._names_first_column(s) else 1 if (
                        s[:1] in _NOTE_STARTS or ":" in s or "：" in s
                        or (not s[:1].isdigit() and _SUMMARY_HINT.search(s))) else 0  # (IDs: one per row)
            if filled == 1 or v0 is None or v0 == "" or kind == 1:
                note = _note_kind(row)
                if note == _NOTE or (note == 0 and self._is_title(row)):
                    continue
                if note == _TRAILER:
                    held.append((i + 1, vals))
                    continue
                if filled == 1 and type(v0) is str and is_section_label(v0):
                    self.labels[i + 1] = (v0, keys[0])
                    continue
                if filled == 1 and (v0 is None or v0 == ""):  # 以上人员已核实 under the table in the 姓名 column (review R114)
                    k, v = next((k, v) for k, v in vals.items() if not is_blank(v))
                    if type(v) is str and is_section_label(v) and not _says_vacant(v.strip()):
                        self.labels[i + 1] = (v, k)
                        continue
            if kind == 2 and self._is_repeated_header(vals):
                continue
            if held:
                yield from held
                held.clear()
            yield i + 1, vals

    def _is_repeated_header(self, vals: dict[str, object]) -> bool:
        # A header repeated after a page break: most cells name their own column, as written
        # or by another label of it (asked only of rows whose first cell names the first column).
        hm = self.header_map
        same = sum(1 for k, v in vals.items() if isinstance(v, str) and (
            v.strip() == self.cols[k].header or (len(v) <= MAX_LABEL_CHARS and hm.get(_norm_header(v)) == k)))
        return same * 2 > len(vals)

    def _names_first_column(self, text: str) -> bool:
        # Labels are Chinese: an ID or a measure id (most first cells) is never one, unfolded.
        if text.isascii() or len(text) > MAX_LABEL_CHARS:
            return False
        return self.header_map.get(_norm_header(text)) == next(iter(self.cols))

    def _is_title(self, row: list[object]) -> bool:
        """The sheet's title pasted again above a repeated header (蔚汾镇2022年第三季度村干部名册):
        the row's only filled cell, holding the sheet's name and more."""
        filled = [v for v in row if not is_blank(v)]
        name = norm(W.SHEETS[self.key])
        return len(filled) == 1 and type(filled[0]) is str and name in norm(filled[0]) and len(filled[0]) > len(name)


def _only_zeros(cells: tuple[object, ...]) -> bool:
    """Every cell blank or the number 0 (what reference formulas show past the data)."""
    return all(v is None or v == "" or (type(v) in (int, float) and v == 0) for v in cells)


def _count_filled(cells: tuple[object, ...], enough: int) -> int:
    """How many cells are not blank, counting no further than ``enough``."""
    n = 0
    for v in cells:
        if v is None or v == "":
            continue
        if type(v) is str:
            s = v.strip()
            if not s or ((s[0] in INVISIBLE or s[-1] in INVISIBLE) and is_blank(s)):
                continue
        n += 1
        if n >= enough:
            break
    return n


_NOTE, _TRAILER = 1, 2  # what _note_kind finds


def _note_kind(row: list[object]) -> int:
    """_NOTE: a total line, or notes and signatures, under a table (see ``_FOOTNOTE_PREFIXES``),
    also a signer's label with names and a date beside it (填报人 | 刘雨欣 | 审核人 | 王建军).
    _TRAILER: a date alone (under a stamp) or a numbered note line alone (2.得分保留两位小数。),
    which are notes only when no data follows. 0: neither."""
    filled = [v for v in row if not is_blank(v)]
    if not filled:
        return 0
    if all(type(v) is str and _PLACEHOLDER.match(norm(v)) for v in filled):
        return _NOTE  # 无 | 无 | 无, or / alone: the clerk's "nothing to report" in an empty sheet
    if len(filled) == 1 and (isinstance(filled[0], date) or (
            type(filled[0]) is str and (_FULL_DATE.match(filled[0].strip()) or _NUMBERED_NOTE.match(filled[0].strip())))):
        return _TRAILER
    if type(filled[0]) is not str:
        return 0
    first = norm(filled[0])  # a village's name, say: the same few come again and again (cached)
    if len(filled) == 1 and _NO_DATA_CELL.match(first):
        return _NOTE
    if first.split(":", 1)[0] in _SIGNERS:
        return _NOTE
    if (_TOTAL_LINE.match(first) or is_total_label(first) or _SUMMARY_LINE.match(first)) \
            and not any(_holds_id(v) for v in filled):
        return _NOTE  # 全乡合计 | 100 | 120, 平均分 | | 85 …, 共34人: a person's row has their ID
    return _NOTE if _is_note_cell(first) and all(type(v) is str and _is_note_cell(norm(v)) for v in filled[1:]) else 0


# A clerk's label over the rows under it, alone in the first column (after norm): 以下为新任人员,
# 新增人员：, （补选）, 其中：社区干部; or a line saying there is nothing of the kind: 本季度无新增荣誉.
_SECTION_WORDS = re.compile(r"^\(?(?:以下|以上|下列|下面|其中|新增|新任|新当选|新选|补选|补报|补充|增补|调整|变动|变更|离任|已离任|"
                            r"辞职|退休|附|本季度无|本期无|无新增|暂无)|:$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FEW_DIGITS = 5  # at most this many digits in a cell: no part of an ID to mask, no ID to read


def _few_digits(text: str) -> bool:
    """Whether ``text`` holds at most a few digits (of any width, in any groups): no resident ID
    or any real part of one."""
    return sum(ch.isdigit() for ch in text) <= _FEW_DIGITS


def is_section_label(text: str) -> bool:
    """Whether ``text``, alone on its row in the first column, labels the rows
    under it rather than being a value: Chinese words in a label's words (see _SECTION_WORDS)
    and no ID's worth of digits. A text of other words stays a value, refused as such: a
    deduction pasted whole into the ID cell, a name beside an ID written in groups (review R103)."""
    folded = norm(text)
    return _CJK.search(folded) is not None and _few_digits(folded) and _SECTION_WORDS.search(folded) is not None


def _holds_id(v: object) -> bool:
    """Whether a cell holds a resident ID's worth of digits (as text, or as Excel's number)."""
    if type(v) is str:
        return _ID_DIGITS.search(v) is not None
    return type(v) in (int, float) and abs(v) >= 1e14  # type: ignore[arg-type]


def is_note_row(row: list[object]) -> bool:
    """A row under (or within) a table that is no data: a total line, notes, signatures, a
    lone date or numbered note (see :func:`_note_kind`)."""
    return _note_kind(row) != 0


def is_total_label(text: object) -> bool:
    """A cell naming a total or subtotal: 合计, 小计：18个, 蔚汾镇小计, 全县合计, 小计30个行政村."""
    if type(text) is not str:
        return False
    folded = norm(text)
    return _ENDS_AS_TOTAL.search(folded) is not None or _STARTS_AS_TOTAL.match(folded) is not None


def _is_note_cell(text: str) -> bool:
    """A note or signature cell (``text`` as :func:`norm` folds it)."""
    return text.startswith(_FOOTNOTE_PREFIXES) or _LABEL_CELL.match(text) is not None or any(
        m in text for m in _SIGN_MARKS)


def _noted_header(header_map: Mapping[str, str], v: str, end: date | None = None) -> str | None:
    """The column of a label with a clerk's note after it in brackets (身份证号（18位）,
    任职起始日期（年月日）, 党建引领（百分制）); after an income's label a note naming a unit is
    the label's own (see W.HEADER_UNIT_WORDS). ``end``: the end of the period checked, for a
    note naming a quarter (党建引领（二季度）)."""
    m = _HEADER_NOTE.match(_norm_header(v))
    if m is None:
        return None
    base, note = m.group(1).strip(_HEADER_MARKS), m.group(2)
    if _of_another_period(note, end) and header_map.get(base) not in _EARLIER_KEYS:
        return None  # 党建引领（上季度）, （二季度）: another quarter's, kept beside this one's, or not yet updated
    if note.startswith(W.HEADER_UNIT_PREFIX):  # 上年收入(单位:万元) is 上年收入(万元)
        return header_map.get(_norm_header(f"{base}({note[len(W.HEADER_UNIT_PREFIX):]})"))
    key = header_map.get(base)
    if key in _INCOME_KEYS and not _WAN_YUAN.search(note) and any(w in note for w in W.HEADER_UNIT_WORDS):
        return None  # another unit: 上年收入(亿) is no 上年收入(万元); (截至9月底，万元) is
    return key


_INCOME_KEYS = frozenset({"last_year", "this_year"})  # read in 万元, whatever a header says
_WAN_YUAN = re.compile(rf"(?<![{W.UNIT_MULTIPLIERS}\d]){W.INCOME_UNIT}")  # 万元, not 百万元, 十万元 or 100万元


_HEADER_NOTE = re.compile(r"^([^()]+)\(([^()]{1,20})\)$")


def _earlier_column(grid: Grid, header_row: int | None, header_map: Mapping[str, str],
                    key: str, end: date | None) -> tuple[int, str, str] | None:
    """A header cell naming field ``key`` with a note of another period (党建引领（上季度）, （二季度）
    in a third-quarter return): its column, label as written and the note; None when there is
    none (or no header row)."""
    if header_row is None:
        return None
    for j, v in enumerate(grid[header_row]):
        if isinstance(v, str) and (m := _HEADER_NOTE.match(_norm_header(v))) and _of_another_period(m.group(2), end) \
                and header_map.get(m.group(1).strip(_HEADER_MARKS)) == key and key not in _EARLIER_KEYS:
            written = WRITTEN_NOTE.search(v.strip())
            return j, v.strip(), (written.group(1).strip() if written else "") or m.group(2)
    return None




def _of_another_period(note: str, end: date | None) -> bool:
    """Whether a header's note (as headers are folded) says its column is of another period."""
    return _EARLIER_NOTE.match(note) is not None or _names_other_quarter(note, end)


# A header's whole note naming an earlier period (上季度, 上期, 去年的数据); not 较上季度, 截至上季度末,
# nor a note on a field that is of an earlier time by itself (上年收入（去年）, 任职起始日期（上次换届）).
_EARLIER_NOTE = re.compile(r"^(?:上一?季度?|上一?期|前一?季度|前期|上次|去年|上年|去年同期)(?:的)?"
                           r"(?:数据|评分|得分|数|分数|成绩|评分结果|数值|结果)?$")
_EARLIER_KEYS = frozenset({"last_year", "start_date"})


def _find_header(
    grid: Grid, header_map: dict[str, str], hidden: frozenset[int], end: date | None = None
) -> tuple[int | None, dict[str, _Col]]:
    """The first row (of the first 15) holding every required label, or the best partial one
    (``end``: the end of the period checked, see :func:`_noted_header`).

    A header over two rows (身份证号 | 姓名 | 六大体系评分 over the six systems, the first two
    not merged down) is one header: labels the row above holds in columns of their own are
    taken with the lower row's."""
    best: tuple[int | None, dict[str, _Col]] = (None, {})
    best_n = 0
    # every label the template writes (a column a clerk may add, W.EXTRA_COLUMNS, is seldom there:
    # looked for in the header row found, not a reason to read on through the data rows)
    every = len(set(header_map.values()) - _EXTRA_KEYS)
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        if best_n == every:
            break  # no later row can hold more labels: the data rows need no reading
        found = _labels_in(row, header_map, hidden, end)
        if len(found) > best_n:
            best, best_n = (i, found), len(found)
    i, found = best
    if i and best_n < every:
        used = {c.index for c in found.values()}
        lower = grid[i]
        for key, c in _labels_in(grid[i - 1], header_map, hidden, end).items():
            # only over a blank cell of the header row: a label of a line above (联系电话 | 138…)
            # over another column's header is no header of that column
            under = lower[c.index] if c.index < len(lower) else None
            if key in found or c.index in used:
                continue
            if is_blank(under):
                found[key] = c
            elif isinstance(under, str) and _BRACKET_NOTE.match(norm(under)):
                # 身份证号 over （18位）: one label, read as the two cells together, so a unit or
                # scale in the note (上年收入 over （百万元）, 党建引领 over （满分20分）) is heeded
                joined = c.header + under.strip()
                if header_map.get(_norm_header(joined), _noted_header(header_map, joined, end)) == key:
                    found[key] = _Col(c.index, c.letter, _one_line(joined))
                elif not _names_other_unit(norm(under), key):
                    found[key] = c  # 村(社区) over （全称）, 上年收入(万元) over （2021年）: a note on the label
    return best


_BRACKET_NOTE = re.compile(r"^\([^()]{1,20}\)$")  # after norm


def _names_other_unit(note: str, key: str) -> bool:
    """Whether a bracketed note (after norm) under a label names a unit or scale that would
    read the column otherwise: a unit but 万元 for an income, a score scale for any column."""
    if key in _INCOME_KEYS and not _WAN_YUAN.search(note) and any(w in note for w in W.HEADER_UNIT_WORDS):
        return True
    return bool(_SCALE.search(note) or _SCORE_RANGE.search(note))


def _labels_in(row: list[object], header_map: Mapping[str, str], hidden: frozenset[int],
               end: date | None = None) -> dict[str, _Col]:
    """The columns a row labels, by field key."""
    found: dict[str, _Col] = {}
    for j, v in enumerate(row):
        # Data rows within the first 15 hold long free text (notes, titles): no label is
        # that long, so skip normalising them (each distinct text costs a conversion).
        if not isinstance(v, str) or not v or len(v) > MAX_LABEL_CHARS:
            continue
        key = header_map.get(_norm_header(v))
        if key is None:
            key = _noted_header(header_map, v, end)
            if key is None:
                continue
        prev = found.get(key)
        # Two columns with one label: the visible one wins (hidden copies happen).
        if prev is None or (prev.index in hidden and j not in hidden):
            found[key] = _Col(j, column_letter(j), _one_line(v))
    return found


# --- the report under construction ---------------------------------------------------------


@dataclass
class _Out:
    file: str
    diags: list[Diagnostic] = field(default_factory=list)
    until: date | None = None  # the period's last day, once known: notes are read against it

    def add(self, code: str, t: _Table | None = None, row: int | None = None, col: str | None = None,
            *, sheet: str | None = None, header: str | None = None, value: Any = None,
            severity: Severity | None = None, letter: str | None = None, **ctx: Any) -> None:
        """Add a diagnostic at ``t``'s column ``col`` (letter and header as written) of ``row``;
        or at column ``letter`` (with ``header``) for a cell outside the table's columns."""
        if code in ("required-missing", "income-blank") and t is not None and col in t.missing:
            return  # the whole column is missing: said once, not on every row
        c = t.cols.get(col) if (t is not None and col is not None) else None
        if code in _WITHDRAWABLE and (note := withdrawing_note(value, _WITHDRAWABLE[code], self.until)):
            # 书记（已离任）: say why it is not read (of a leaver: their other rows too)
            code, ctx = "value-withdrawn", {"note": note, "more": DM.WITHDRAWN_LEAVER if code == "unknown-position" else ""}
        self.diags.append(
            make(
                code,
                file=self.file,
                sheet=sheet if sheet is not None else (t.sheet if t is not None else None),
                row=row,
                column=c.letter if c else letter,
                header=c.header if c else header,
                value=value,
                severity=severity,
                **ctx,
            )
        )


# --- the parse ----------------------------------------------------------------------------


@dataclass
class _Person:
    row: int
    name: str | None
    village: str | None
    position: str | None


@dataclass
class _State:
    """Everything learnt while reading one workbook."""

    lk: _Lookups
    policy: Policy
    registry: Registry
    out: _Out
    today: date
    period_end: date | None = None
    # the later quarter the file's name names, 基本信息 another: a date after the period's end but
    # within this one's may be of the quarter written wrong (see date-after-period-named)
    named_quarter: tuple[Quarter, Quarter] | None = None  # (基本信息's, the name's)
    township: str | None = None  # canonical, from 基本信息 (or the file name as a fallback)
    township_ok: bool = False  # the township came from 基本信息 and is in the registry
    township_disputed: bool = False  # 基本信息 and the file name name two townships: villages wait
    date1904: bool = False  # the workbook is on the 1904 date system (numbers typed into date cells)
    # per sheet, 0-based row -> columns formatted as percent (100% typed there is kept as 1)
    percent_cells: Mapping[str, Mapping[int, frozenset[int]]] = field(default_factory=dict)
    yuan_cells: Mapping[str, Mapping[int, frozenset[int]]] = field(default_factory=dict)
    scaled_cells: Mapping[str, Mapping[int, frozenset[int]]] = field(default_factory=dict)
    # per sheet, 0-based row -> column -> decimals its number format shows (at most one)
    rounded_cells: Mapping[str, Mapping[int, Mapping[int, int]]] = field(default_factory=dict)
    roster_ok: bool = False  # the roster's columns were found, so "not on roster" can be judged
    roster: _Table | None = None  # the roster as read: a cadre's row is pointed at from other sheets
    unfilled: bool = False  # nobody on the roster: one error says so, not a warning per missing row
    people: dict[str, _Person] = field(default_factory=dict)  # valid ID -> first roster row
    # folded name -> roster row, of roster rows whose ID was refused: the other sheets' rows
    # of that name are not "not on the roster" (the clerk would enter them twice)
    bad_ids: dict[str, int] = field(default_factory=dict)
    # of those, the rows left with only the name (row-name-only): what the other sheets say of them
    name_only: set[int] = field(default_factory=set)
    scores_name_only: set[str] = field(default_factory=set)  # folded names of score rows left with only the name
    refused_villages: set[str] = field(default_factory=set)  # of roster rows refused (a bad ID, say)
    _by_name: dict[str, list[str]] | None = None

    def ids_named(self, name: str) -> list[str]:
        """The roster IDs whose name folds to ``name``'s (built once, when first asked)."""
        if self._by_name is None:
            self._by_name = {}
            for pid, person in self.people.items():
                if person.name is not None:
                    self._by_name.setdefault(norm(person.name), []).append(pid)
        return self._by_name.get(norm(name), [])


# What a file's 基本信息 names (township, quarter) and, refused, its good roster rows.
Named = tuple[str | None, str | None, list[tuple[str, str | None, int | None]] | None]


def parse_submission(
    grids: Mapping[str, Grid],
    *,
    file: str,
    policy: Policy,
    registry: Registry,
    quarter: Quarter | None,
    today: date,
    hidden_columns: Mapping[str, frozenset[int]] | None = None,
    hidden_rows: Mapping[str, frozenset[int]] | None = None,
    filtered_rows: Mapping[str, frozenset[int]] | None = None,
    sheet_names: Sequence[str] = (),
    hidden_sheets: frozenset[str] = frozenset(),
    error_cells: Mapping[str, Mapping[tuple[int, int], str]] | None = None,
    unsaved_formulas: Mapping[str, Mapping[tuple[int, int], str]] | None = None,
    date1904: bool = False,
    struck_cells: Mapping[str, Mapping[int, frozenset[int]]] | None = None,
    percent_cells: Mapping[str, Mapping[int, frozenset[int]]] | None = None,
    yuan_cells: Mapping[str, Mapping[int, frozenset[int]]] | None = None,
    scaled_cells: Mapping[str, Mapping[int, frozenset[int]]] | None = None,
    external_cells: Mapping[str, Mapping[tuple[int, int], str]] | None = None,
    external_books: Sequence[str] = (),
    rounded_cells: Mapping[str, Mapping[int, Mapping[int, int]]] | None = None,
    merged_cells: Mapping[str, Mapping[tuple[int, int], tuple[int, int, int, int]]] | None = None,
    merged_hidden: Mapping[str, Mapping[tuple[int, int], object]] | None = None,
) -> tuple[Submission | None, list[Diagnostic], Named]:
    """Read one township workbook's grids; return the Submission (None when any error),
    every diagnostic, errors and warnings, in sheet and row order, and the (township,
    quarter) its 基本信息 names when they could be read (also from a refused file) with, for
    a refused file, its roster rows fine on their own (person ID, sheet, row). ``sheet_names`` are all
    the workbook's sheets (read or not), ``hidden_sheets`` those it hides, ``error_cells`` the
    cells showing a formula's error and ``unsaved_formulas`` the formulas saved without a
    result (both read as blank), per sheet: 0-based (row, column) -> what the cell holds;
    ``date1904``: the workbook is on the 1904 date system; ``struck_cells``: per sheet, 0-based
    row -> the columns whose text is struck through; ``percent_cells``: likewise, the cells
    formatted as percent (``yuan_cells``: in 元; ``scaled_cells``: divided by 1,000); ``external_cells``: as ``unsaved_formulas``, the formulas taking
    their value from the workbooks ``external_books``; ``rounded_cells``: per sheet, 0-based
    row -> column -> the decimals a cell's number format shows, of those showing at most one;
    ``merged_cells``: per sheet, 0-based (row, column) of each cell given the value of an area
    merged down over it -> the area (first row, first column, last row, last column);
    ``merged_hidden``: per sheet, those of them that held a value of their own -> that value."""
    lk = _lookups(policy, registry)
    st = _State(lk=lk, policy=policy, registry=registry, out=_Out(file), today=today,
                date1904=date1904, percent_cells=percent_cells or {}, rounded_cells=rounded_cells or {},
                yuan_cells=yuan_cells or {}, scaled_cells=scaled_cells or {})
    hidden = hidden_columns or {}
    sheets: dict[str, tuple[str, Grid]] = {}

    def rank(name: str, key: str) -> tuple[bool, bool]:  # visible first, then the standard name
        return name in hidden_sheets, norm(name) != norm(W.SHEETS[key])

    for name, grid in grids.items():
        key = lk.sheet_map.get(norm(name))
        # Two sheets of one name once folded (村干部名册, 村幹部名冊), or by another name of it
        # (花名册): the visible one is read, as with a hidden old copy under another name, and
        # of two visible ones the standard name; they are told apart below.
        if key is not None and (key not in sheets or rank(name, key) < rank(sheets[key][0], key)):
            sheets[key] = (name, grid)
    names = list(sheet_names) or list(grids)
    if not {"info", "roster", "scores"} & set(sheets) and _a_report(names):
        # a report xx wrote (考核结果, 考核汇总) put in the inbox: no township's submission, said
        # as such, not as eight missing sheets charged to the township its name names (review R95)
        st.out.add("file-is-report", sheet=None, name=names[0])
        return None, st.out.diags, (None, None, None, None, {})
    misnamed: dict[str, str] = {}  # key -> the one sheet named like it, checked as it if its headings are
    for key in W.REQUIRED_SHEETS:
        if key not in sheets:
            label = W.SHEETS[key]
            similar = _names_like(label, names)
            if len(similar) > 1:  # 评分（2022Q3） and 评分（2022Q2）: which is this quarter's is the clerk's to say
                st.out.add("sheet-misnamed-several", sheet=similar[0], name=label,
                           similar="、".join(f"“{n}”" for n in similar))
            elif similar:  # 村干部名册（2022年第三季度）: say which sheet to rename
                st.out.add("sheet-misnamed", sheet=similar[0], name=label, similar=similar[0])
                if key != "info" and similar[0] in grids:
                    misnamed[key] = similar[0]
            else:
                seen = [n for n in names if n not in hidden_sheets]  # as the clerk sees the workbook
                shown = "、".join(f"“{n}”" for n in seen[:8]) + ("等" if len(seen) > 8 else "")
                st.out.add("missing-sheet", sheet=label, name=label, present=shown or "—")
    sub = Submission(file=file, township="", quarter="")
    info_read: dict[str, tuple[int, str, int, object]] = {}
    if "info" in sheets:
        info_read = _info(st, sub, *sheets["info"], quarter=quarter)
    if st.period_end is None and quarter is not None:
        st.period_end = st.out.until = quarter.end
    _sheet_copies(st, sheets, grids, names, hidden_sheets)  # a copy named for this quarter: known now
    tables: dict[str, _Table] = {}
    for key, (name, grid) in sheets.items():
        if key == "info":
            continue
        t = _table(st, key, name, grid, hidden.get(name, frozenset()), _year_labels(key, sub.quarter))
        if t is not None:
            tables[key] = t
    for key, name in misnamed.items():
        # Its rows checked now, not after the clerk renames it and sends it again (review R110),
        # if it has every heading of the table: else it is another table, and its name was said.
        mark = len(st.out.diags)
        t = _table(st, key, name, grids[name], hidden.get(name, frozenset()), _year_labels(key, sub.quarter))
        if t is None or t.missing:
            del st.out.diags[mark:]
        else:
            tables[key] = t

    if st.period_end is None and quarter is not None:
        st.period_end = st.out.until = quarter.end
    if st.township is None and not st.township_disputed:
        st.township = _township_from_file(lk, file)

    if "roster" in tables:
        sub.cadres = _roster(st, tables["roster"])
    if "honours" in tables:
        sub.honours = _honours(st, tables["honours"])
    if "scores" in tables:
        sub.scores = _scores(st, tables["scores"])
    if "deductions" in tables:
        sub.deductions = _deductions(st, tables["deductions"])
    if "progress" in tables:
        sub.progress = _progress(st, tables["progress"])
    if "economy" in tables:
        sub.economy = _economy(st, tables["economy"])
    _village_warnings(st, tables.get("roster"))
    for t in tables.values():
        for row, (text, key) in sorted(t.labels.items()):
            st.out.add("row-label-skipped", t, row, key, value=_one_line(text))
        _hidden_data_rows(st, t, (hidden_rows or {}).get(t.sheet, frozenset()),
                          (filtered_rows or {}).get(t.sheet, frozenset()))
        if t is tables.get("roster") and (hidden := (hidden_rows or {}).get(t.sheet)):
            _hidden_without_scores(st, t, hidden, tables.get("scores"))
        if struck_cells and t.sheet in struck_cells:
            _struck_data_rows(st, t, struck_cells[t.sheet])
        if merged_cells and t.sheet in merged_cells:
            _merged_figures(st, t, merged_cells[t.sheet])
            if merged_hidden and t.sheet in merged_hidden:
                _hidden_under_merges(st, t, merged_hidden[t.sheet], merged_cells[t.sheet])

    if unsaved_formulas:
        _unsaved_in_data(st, tables, unsaved_formulas)
    if external_cells:
        if info_read:
            _external_in_info(st, sheets["info"][0], info_read, external_cells, external_books)
        _external_in_data(st, tables, external_cells, external_books)
    diags = st.out.diags
    for code, cells in (("cell-error", error_cells), ("formula-unsaved", unsaved_formulas)):
        if cells:
            diags = _at_cells(diags, cells, code)
    if merged_cells:
        diags = _under_merges(diags, grids, merged_cells)
    diags = sorted(diags, key=_order_key)
    if any(d.is_error for d in diags):
        # A refused file's rows that are fine on their own still take part in the checks
        # across files and against earlier quarters, so the clerk hears of a person in two
        # townships, or a start date moved, in the same reply as of the file's other errors,
        # not after fixing those.
        people = [(c.person_id, c.source.sheet, c.source.row) if c.source is not None else (c.person_id, None, None)
                  for c in sub.cadres]
        return None, diags, (sub.township or None, sub.quarter or None, people, earlier_rows(sub), _columns(tables))
    return sub, diags, (sub.township or None, sub.quarter or None, None, None, _columns(tables))


# The columns the checks against earlier quarters point at: (sheet key, field) of each.
_EARLIER_COLUMNS = (("roster", "start_date"), ("roster", "village"), ("deductions", "outcome"), ("deductions", "doc_no"))


def _columns(tables: Mapping[str, _Table]) -> dict[str, tuple[str, str]]:
    """field -> (column letter, heading as written) of the columns :func:`against_earlier`
    points at, as this file has them."""
    return {field: (c.letter, c.header) for key, field in _EARLIER_COLUMNS
            if (t := tables.get(key)) is not None and (c := t.cols.get(field)) is not None}


def earlier_rows(sub: Submission) -> tuple[list[tuple[str, date | None, str, int, str]],
                                           list[tuple[str, str, str | None, date, str | None, str, int]]]:
    """A submission's roster and deduction rows as :func:`against_earlier` takes them."""
    def src(s: Source | None) -> tuple[str, int]:
        return (s.sheet, s.row) if s is not None else ("", 0)

    return ([(c.person_id, c.start_date, *src(c.source), c.village) for c in sub.cadres],
            [(d.person_id, d.measure, d.outcome, d.date, d.doc_no, *src(d.source)) for d in sub.deductions])


def _at_cells(diags: list[Diagnostic], cells: Mapping[str, Mapping[tuple[int, int], str]], code: str) -> list[Diagnostic]:
    """Problems found at a cell that holds no value to read are that cell's ``code``, once:
    "cell-error" for one showing a formula's error (#N/A from a VLOOKUP that found nothing;
    the clerk sees #N/A there, not a blank), "formula-unsaved" for a formula saved without
    its result."""
    out: list[Diagnostic] = []
    done: set[tuple[str, int, str]] = set()
    for d in diags:
        at = cells.get(d.sheet or "")
        shown = at.get((d.row - 1, column_index(d.column))) if at and d.row and d.column else None
        if shown is None:
            out.append(d)
            continue
        key = (d.sheet or "", d.row or 0, d.column or "")
        if key not in done:
            done.add(key)
            out.append(d if d.code.startswith(code) else make(  # formula-unsaved-rows is one as well
                code, file=d.file, sheet=d.sheet, row=d.row, column=d.column, header=d.header, value=shown))
    return out


# A cell found blank that should hold a value: said to be merged, at the severity it had (an
# income left blank is a warning: review R77 found such files refused once it was merged over).
_BLANK_CODES = frozenset({"required-missing", "income-blank", "village-only-above", "village-only-above-measure",
                          "measure-only-above"})


def _under_merges(diags: list[Diagnostic], grids: Mapping[str, Grid],
                  merged: Mapping[str, Mapping[tuple[int, int], tuple[int, int, int, int]]]) -> list[Diagnostic]:
    """A cell found blank under a merged area (two scores merged into one cell: the clerk sees
    84 over both) is that cell's "cell-merged-blank", once: "为空" would send the clerk to a
    cell that shows a number. Other problems at such a cell are left as they are."""
    out: list[Diagnostic] = []
    done: set[tuple[str, int, str]] = set()
    for d in diags:
        at = (d.row - 1, column_index(d.column)) if d.row and d.column and d.code in _BLANK_CODES else None
        area = merged.get(d.sheet or "", {}).get(at) if at is not None else None
        if area is None or not is_blank(grids[d.sheet or ""][at[0]][at[1]]) \
                or is_blank(grids[d.sheet or ""][area[0]][area[1]]):  # (an area blank as a whole: blank it is)
            out.append(d)
            continue
        key = (d.sheet or "", d.row or 0, d.column or "")
        if key not in done:
            done.add(key)
            r0, c0, _r1, _c1 = area
            out.append(make("cell-merged-blank", file=d.file, sheet=d.sheet, row=d.row, column=d.column,
                            header=d.header, value=cell_text(grids[d.sheet or ""][r0][c0]),
                            first=f"{column_letter(c0)}{r0 + 1}", area=_area_ref(area), severity=d.severity,
                            effect=DM.MERGED_BLANK_EFFECTS.get(d.code, "")))
    return out


def _formula_cells(tables: Mapping[str, _Table], formulas: Mapping[str, Mapping[tuple[int, int], str]]
                   ) -> Iterator[tuple[_Table, dict[int, str], set[int], list[tuple[tuple[int, int], str]]]]:
    """Each table with formula cells listed in ``formulas``: the table, its read columns
    (0-based index -> field), its data rows (1-based) and those cells in order."""
    for t in tables.values():
        if cells := formulas.get(t.sheet):
            yield t, {c.index: k for k, c in t.cols.items()}, {row for row, _vals in t.rows()}, sorted(cells.items())


def _external_in_data(st: _State, tables: Mapping[str, _Table], formulas: Mapping[str, Mapping[tuple[int, int], str]],
                      books: Sequence[str]) -> None:
    """Values a formula takes from another workbook (a VLOOKUP into the township's own
    summary file) in a data row's column that is read: one warning per sheet, at the first
    such cell. The value read is the one saved with the file, which Excel may since have
    updated from the other file, or would, when that file changes."""
    for t, keys, data_rows, cells in _formula_cells(tables, formulas):
        hits = [(i, j, f) for (i, j), f in cells if j in keys and i + 1 in data_rows]
        if hits:
            i, j, formula = hits[0]
            st.out.add("formula-external", t, i + 1, keys[j], value=formula, n=len(hits),
                       books=DM.LIST_SEP.join(books) or DM.ANOTHER_BOOK)


def _external_in_info(st: _State, sheet: str, cells: Mapping[str, tuple[int, str, int, object]],
                      formulas: Mapping[str, Mapping[tuple[int, int], str]], books: Sequence[str]) -> None:
    """As :func:`_external_in_data`, for the 基本信息 cells read (the 乡镇 or 填报日期 taken
    from the township's own summary file): one warning, at the first such cell."""
    linked = formulas.get(sheet) or {}
    hits = sorted((row, col, label) for row, label, col, _v in cells.values() if (row - 1, col) in linked)
    if hits:
        row, col, label = hits[0]
        st.out.diags.append(make("formula-external", file=st.out.file, sheet=sheet, row=row, column=column_letter(col),
                                 header=label, value=linked[(row - 1, col)], n=len(hits),
                                 books=DM.LIST_SEP.join(books) or DM.ANOTHER_BOOK))


def _unsaved_in_data(st: _State, tables: Mapping[str, _Table], formulas: Mapping[str, Mapping[tuple[int, int], str]]) -> None:
    """A formula saved without its result in a data row's column that is read: its value is
    unknown, even where a blank would be accepted (an optional column). Rows holding nothing
    else (formulas dragged past the data) are not data rows, as they are not when saved;
    but a sheet made of such formulas reads as empty, and when the file is refused (every
    cadre then lacks a row, say) the first of them is named as the likely cause."""
    refused = any(d.is_error for d in st.out.diags)
    for t, keys, data_rows, cells in _formula_cells(tables, formulas):
        outside = []
        for (i, j), formula in cells:
            if j in keys and i + 1 in data_rows:
                st.out.add("formula-unsaved", t, i + 1, keys[j], value=formula)
            elif j in keys and i > t.header_row:
                outside.append((i, j, formula))
        if refused and outside and not data_rows:  # the sheet reads as empty because of them
            i, j, formula = outside[0]
            st.out.add("formula-unsaved-rows", t, i + 1, keys[j], value=formula, n=len(outside))


_SHEET_ORDER = {W.SHEETS[k]: i for i, k in enumerate(W.REQUIRED_SHEETS)}


def _order_key(d: Diagnostic) -> tuple[int, int, int, str]:
    sheet_rank = _SHEET_ORDER.get(norm(d.sheet) if d.sheet else "", 0 if d.sheet is None else 50)
    return (sheet_rank, d.row or 0, column_index(d.column or "") + 1, d.code)


_REPORT_SHEETS = frozenset(norm(RM.SHEETS[k]) for k in ("overview", "cadres", "payroll"))


def _a_report(names: Sequence[str]) -> bool:
    """Whether a workbook's sheets are those of a report xx writes (two of 总览, 村干部星级 and
    报酬发放表: one deleted or renamed by hand is still ours, review R97)."""
    return len(_REPORT_SHEETS & {norm(n) for n in names}) >= 2


def _names_like(label: str, names: Sequence[str]) -> list[str]:
    """Sheet names holding ``label`` without being it: 村干部名册 (2), 新村干部名册, 村干部名册（修订）."""
    base = norm(label)
    return [n for n in names if base in norm(n) and norm(n) != base]


def _sheet_copies(st: _State, read: Mapping[str, tuple[str, Grid]], grids: Mapping[str, Grid],
                  names: Sequence[str], hidden: frozenset[str]) -> None:
    """A sheet read while it is hidden, or beside another sheet named like it: a clerk who
    copies last quarter's sheet, edits the copy and hides the old one, or leaves both, would
    otherwise have the old one read without a word.
    Refused: a hidden sheet beside a visible one named like it (村干部名册2, 新村干部名册,
    村干部名册（修订）) holding other rows; a visible copy by name (村干部名册 (2), 副本, 新, 修订)
    holding the same table with other rows (which one is this quarter's cannot be known).
    Warned of: a hidden sheet read; another visible sheet named like it (村干部名册（离任人员）),
    which is not read. A copy holding the same rows, in any order, says nothing."""
    for key, (name, grid) in read.items():
        label = W.SHEETS[key]
        same = [n for n in names if n != name and norm(n) == norm(label)]  # 村幹部名冊 beside 村干部名册
        # Another name of it beside the one read (花名册 of retired cadres, 基本情况 of village
        # figures): another table most likely, not read, and said so (not refused as a copy).
        aliases = [n for n in names if n != name and n not in same and st.lk.sheet_map.get(norm(n)) == key]
        similar = [n for n in [*same, *aliases, *_names_like(label, names)] if n not in hidden]
        others = [n for n in similar if not (grids.get(n) is not None and _same_rows(grids[n], grid))]
        for n in same:  # a hidden one of the very name, not read: said, as it may be the one meant
            if n in hidden and not (grids.get(n) is not None and _same_rows(grids[n], grid)):
                st.out.add("sheet-copy-not-read", sheet=name, name=name, copy=n)
        if name in hidden:
            if others:
                st.out.add("sheet-hidden-copy", sheet=name, name=name, copy=others[0])
            else:
                st.out.add("sheet-hidden", sheet=name, name=name)
            continue
        for copy in others:
            other = grids.get(copy)
            added = norm(copy).replace(norm(label), "", 1)
            if other is not None and copy not in aliases and (_COPY_NAME.match(added) or _names_quarter(added, st.period_end)) \
                    and _same_table(st, key, other):
                st.out.add("sheet-copy-differs", sheet=name, name=name, copy=copy)
            else:
                st.out.add("sheet-copy-not-read", sheet=name, name=name, copy=copy)


# What is added to a table's name to make a copy of it (after norm, the name taken out):
# 村干部名册 (2), 村干部名册2, 村干部名册-副本, 新村干部名册, 村干部名册（修订）, 村干部名册(新),
# 村干部名册（修改后）, （最新）, （终稿）, and a period: 村干部名册（三季度）, 村干部名册-2022年第三季度.
# A period names a copy only when it is the quarter being checked: 村干部名册（二季度） in a 2022Q3
# return is last quarter's, kept for reference, and the standard-named sheet is this one's.
_COPY_WORD = r"(?:新|最新|新版|修改后|修改稿|改后|修订|修订后|更正|更正后|更新|调整后|终|最终|终稿|定稿|正式|正式版|核对后)"
_COPY_NAME = re.compile(rf"^(?:新|修改后的?|更正后的?)?(?:\(\d+\)|\d+|[-_]?副本\d*|\((?:{_COPY_WORD}|新|修改|改|修订|更正)\)"
                        rf"|[-_]?(?:{_COPY_WORD}|修改稿?|修订|更正)\d*)?$")
_LABEL_FILLER = re.compile(r"\(\d+\)|[()【】\[\]_—~\s]|(?<!\d)-|-(?![\d])|报送|数据|版本?|截至|截止|末|底|份|最新|修改后|更正后|修订后|调整后"
                           r"|终稿|定稿|最终|正式|新")
_CN_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "叁": 3, "I": 1, "II": 2, "III": 3, "IV": 4}  # (Ⅲ is III once folded)


def _names_quarter(label: str, end: date | None) -> bool:
    """Whether what is added to a sheet's name names the quarter ending ``end`` (and nothing
    else: 三季度, -2022年第三季度, (2022Q3), 7-9月, 2022.9, 本季度, 三季度修改后; not 二季度, 2021年三季度,
    三季度离任人员)."""
    if end is None:
        return False
    named = _period_named(label)
    if named is None:
        return False
    if named == "this":
        return True
    year, months = named
    same = all((x - 1) // 3 == (end.month - 1) // 3 for x in months)
    return same and (year is None or year == end.year)


def _names_other_quarter(note: str, end: date | None) -> bool:
    """Whether a header's note names a period other than the quarter ending ``end``:
    党建引领（二季度）, 完成值（2022Q2）, 本年收入（1-6月） in a third-quarter return; not （三季度）,
    （7-9月）, （1-9月） (the year so far), （本季度）, nor a note naming no period."""
    named = _period_named(note) if end is not None else None
    if named is None or named == "this":
        return False
    year, months = named
    last = months[-1]  # 1-9月 is the year to September
    return (last - 1) // 3 != (end.month - 1) // 3 or (year is not None and year != end.year)


def _period_named(label: str) -> tuple[int | None, list[int]] | str | None:
    """The period a label (a sheet name's addition, a header's note) is all about: "this"
    (本季度, 本期), or (year or None, its months: 三季度 [9], 7-9月 [7, 9], 2022.9 [9]); None
    when it names no period, or more than one."""
    rest = _LABEL_FILLER.sub("", label)
    if rest in ("本季度", "本期"):
        return "this"
    if (half := re.fullmatch(r"(?:(\d{4})年)?上半年", rest)) is not None:  # the year to June (下半年: not said)
        return (int(half.group(1)) if half.group(1) else None), [1, 6]
    year: str | None = None
    months: list[int] = []
    if m := re.fullmatch(r"(?:(\d{4}|\d{2})年度?)?第?([一二三四叁1-4]|III|II|IV|I)季度?", rest):
        year, q = m.group(1), m.group(2)
        n = int(q) if q.isdigit() else _CN_QUARTERS[q]
        months = [3 * n]
    elif m := re.fullmatch(r"(?:(\d{4})年?)?Q([1-4])", rest):
        year, months = m.group(1), [3 * int(m.group(2))]
    elif m := re.fullmatch(r"(?:(\d{4}|\d{2})年)?(\d{1,2})(?:月?[-至到]?(\d{1,2}))?月", rest):
        year, months = m.group(1), [int(x) for x in (m.group(2), m.group(3)) if x]
    elif m := re.fullmatch(r"(\d{4})\.(\d{1,2})", rest):
        year, months = m.group(1), [int(m.group(2))]
    if not months or not all(1 <= x <= 12 for x in months):
        return None
    return (None if year is None else 2000 + int(year) if len(year) == 2 else int(year)), months


def _same_rows(a: Grid, b: Grid) -> bool:
    """The same rows, in whatever order (a copy sorted by another column)."""

    def rows(g: Grid) -> Counter[tuple[object, ...]]:
        return Counter(tuple(v for v in r if not is_blank(v)) for r in g if any(not is_blank(v) for v in r))

    return a == b or rows(a) == rows(b)


def _same_table(st: _State, key: str, grid: Grid) -> bool:
    """Whether ``grid`` holds the table ``key`` (every required column, or 基本信息's township)."""
    if key == "info":
        return "township" in _info_cells(grid, st.lk.info_map)
    _row, cols = _find_header(grid, st.lk.header_maps[key], frozenset(), st.period_end)
    return all(k in cols for k, (_l, _a, required) in st.lk.specs[key].items() if required)


def _year_labels(key: str, quarter: str) -> dict[str, str]:
    """村集体经济's income headers written with the years (2021年收入(万元), 2022年1-9月累计收入),
    as labels of their fields for the quarter's year (folded as headers are)."""
    if key != "economy" or not quarter:
        return {}
    try:
        q = Quarter.parse(quarter)
    except ValueError:  # 999Q3: said of the 考核季度 cell, not here
        return {}
    last, this, month = q.year - 1, q.year, 3 * q.q
    labels = {f"{last}{w}": "last_year" for w in W.LAST_YEAR_WORDS}
    labels.update({f"{prefix}{this}{w}": "this_year" for w in W.THIS_YEAR_WORDS for prefix in ("", "截至")})
    labels.update({f"{this}年1-{month}月{w}": "this_year" for w in W.MONTHS_WORDS})
    return {_norm_header(k): v for k, v in labels.items()}


def _table(st: _State, key: str, name: str, grid: Grid, hidden: frozenset[int],
           more_labels: Mapping[str, str] | None = None) -> _Table | None:
    specs = st.lk.specs[key]
    header_map = {**st.lk.header_maps[key], **more_labels} if more_labels else st.lk.header_maps[key]
    header_row, cols = _find_header(grid, header_map, hidden, st.period_end)
    missing = {k: label for k, (label, _a, required) in specs.items() if required and k not in cols}
    in_yuan = _in_yuan(grid, header_map, missing) if key == "economy" and missing else {}
    for k, label in missing.items():
        if k in in_yuan:
            i, j, written = in_yuan[k]
            st.out.diags.append(make("column-in-yuan", file=st.out.file, sheet=name, row=i + 1,
                                     column=column_letter(j), header=written, label=label))
        elif (earlier := _earlier_column(grid, header_row, header_map, k, st.period_end)) is not None:
            j, written, period = earlier  # 党建引领（上季度）, and no 党建引领: not read as this quarter's
            st.out.diags.append(make("column-earlier-period", file=st.out.file, sheet=name, row=header_row + 1,
                                     column=column_letter(j), header=written, value=written, label=label,
                                     period=period))
        else:
            st.out.add("missing-column", sheet=name, header=label)
    if header_row is None or (missing and not _readable_without(key, specs, cols)):
        return None
    if _ambiguous_columns(st, key, name, grid, header_row, cols, hidden, header_map):
        return None
    if _label_over_columns(st, key, name, grid, header_row, cols, hidden, header_map):
        return None
    t = _Table(key=key, sheet=name, grid=grid, header_row=header_row, cols=cols, header_map=header_map,
               missing=frozenset(missing))
    t.under_header = header_row + 1 < len(grid) and _numbers_or_units(grid[header_row + 1], cols)
    _stated_units(st, t)
    return t


def _numbers_or_units(row: list[object], cols: Mapping[str, _Col]) -> bool:
    """Whether the row under a header numbers the table's columns (栏次: every one, in order,
    1 2 3… or 甲 乙 1 2…), gives units (万元, 分; some of them) or says how to fill them in
    ((满分100), (18位，末位X大写), 填写村名, 0-100分; every cell it fills): a form's line, not data."""
    ordered = sorted(cols.values(), key=lambda c: c.index)
    cells = [row[c.index] if c.index < len(row) else None for c in ordered]
    filled = [v for v in cells if not is_blank(v)]
    if not filled:
        # a note merged across the line from a column the table does not read (序号): its
        # scale is a statement about the columns it spans (review R93: 每项满分20分 went unheeded);
        # whatever it says, the line holds nothing the table reads
        return any(type(v) is str and not is_blank(v) for v in row)
    if len(filled) == 1 and cells[0] is filled[0] and type(filled[0]) is str and (
            _is_note_cell(folded := norm(filled[0])) or _SCALE.search(folded)):
        return True  # 说明：每项满分20分, 每项满分20分, merged across from the first column (review R97)
    if all(is_blank(v) or (type(v) is str and not _holds_id(v) and not _says_vacant(v) and (
            _HOW_TO_FILL.match(folded := norm(v)) or folded == _norm_header(c.header)))
           for v, c in zip(cells, ordered, strict=True)):  # (（空缺）: a post nobody holds, said as such, R93)
        return True  # (a cell may repeat its column's label: 18位 | 姓名 | 0-100分)
    # is_integer, not v == int(v): a cell may hold inf or nan (a crafted file), which int() refuses.
    texts = [str(int(v)) if type(v) is int or (type(v) is float and v.is_integer()) else str(v).strip()
             for v in filled]
    if len(filled) == len(cells) > 1:
        stems = 0
        while stems < len(texts) and texts[stems] == W.COLUMN_STEMS[stems:stems + 1]:
            stems += 1  # 甲 乙 … first
        numbers = texts[stems:]
        if all(x.isdigit() for x in numbers) and all(
                int(a) < int(b) for a, b in zip(numbers, numbers[1:], strict=False)):
            return True  # rising (a column the table does not read may sit between two it does)
    if norm(texts[0]) in W.UNIT_LABELS:  # 单位 | 万元 | 万元
        texts = texts[1:]
    return bool(texts) and all(norm(x) in W.UNIT_WORDS or _RANGE_CELL.match(norm(x)) for x in texts)


_RANGE_CELL = re.compile(r"^\(?\d+(?:\.\d+)?[-~～—]\d+(?:\.\d+)?(?:分)?\)?$")  # 0-100 under a score header
# A cell of a line under the header saying how to fill its column in (after norm): a note in
# brackets, an instruction (填写村名, 请填18位身份证号), a length (18位) or a range (0-100分).
_HOW_TO_FILL = re.compile(r"^(?:\(.+\)|【.+】|\[.+\]|(?:请|须|需|应)?(?:按|照)?(?:填写|填报|填入|填).*|.*\d+位.*"
                          r"|(?:如|例|例如|比如)[:：].*|如\d.*|.*(?:下拉|选填|必填).*|\d+(?:\.\d+)?[-~～—]\d+(?:\.\d+)?分?)$")


# A score scale stated in a header (after norm): 满分20, 20分制, (20分).
_SCALE = re.compile(r"满分(?:为|是|:)?(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)分制|\((\d+(?:\.\d+)?)分\)")
# Yuan as a unit (after norm): (元), 单位:元, or a cell that is just 元 — not 元月 or 万元.
_YUAN = re.compile(r"\((?:单位:)?(?:人民币)?元\)|单位:(?:人民币)?元(?!月)|^元$")


def _stated_units(st: _State, t: _Table) -> None:
    """Refuse a unit or scale the header states over the data other than the contract's:
    incomes are read as 万元 and scores on the policy's scale, so 收入（元） over 上年 | 本年累计,
    or 六大体系评分（每项满分20分）, would pay a bonus 10,000 times too large or cost stars.
    Looked at: each column's own header cell and the label over it in the two rows above
    (a group label, merged across its columns)."""
    if t.key == "economy":
        keys = [k for k in ("last_year", "this_year") if k in t.cols]
    elif t.key == "scores":
        keys = [k for k in st.lk.systems if k in t.cols]
    else:
        return
    rule = st.policy.star_rules.systems
    said: set[tuple[int, int]] = set()
    for k in keys:
        col = t.cols[k]
        labels = [(t.header_row, col.index, col.header), *_labels_over(t.grid, t.header_row, col.index)]
        under = t.grid[t.header_row + 1] if t.under_header else []
        # a units line (元 under 上年), or a note merged from a cell to its left across the line
        at = next((j for j in range(min(col.index, len(under) - 1), -1, -1) if not is_blank(under[j])), None)
        if at is not None and isinstance(under[at], str):
            labels.append((t.header_row + 1, at, under[at]))
        for i, j, text in labels:
            if (i, j) in said:
                continue
            folded = norm(text)
            where = "own" if (i, j) == (t.header_row, col.index) else "under" if i > t.header_row else "over"
            if t.key == "economy" and _YUAN.search(folded):
                said.add((i, j))
                st.out.diags.append(make("column-in-yuan", file=st.out.file, sheet=t.sheet, row=i + 1,
                                         column=column_letter(j), header=text.strip(),
                                         label=W.COLUMNS["economy"][k][0]))
            elif t.key == "scores" and (scale := _stated_scale(folded, where, rule.score_max, len(keys))) is not None:
                if scale != rule.score_max:
                    said.add((i, j))
                    shown = plain_number(scale.quantize(Decimal("0.01")) if scale != scale.to_integral_value() else scale)
                    st.out.diags.append(make("score-scale", file=st.out.file, sheet=t.sheet, row=i + 1,
                                             column=column_letter(j), header=text.strip(), value=shown,
                                             min=plain_number(rule.score_min), max=plain_number(rule.score_max)))


def _stated_scale(folded: str, where: str, score_max: Decimal, systems: int) -> Decimal | None:
    """The score scale other than the policy's that a column's own header (``where`` "own"),
    a label or note over it ("over") or a line under it ("under") states; None when it states
    none or the policy's.

    满分N and N分制 state a scale; so does (N分) outside a note (in a note, (90分) is the star
    threshold, say), and a range 0-N in a header or the line under it (over a table, 0-59分不得星
    is a band of the star rules). A total states the scale: a column's own 总分N is N; over
    the systems, 总分N (or N itself) is N ÷ their number unless 每项/各项 says it is each one's
    (or N is no whole multiple of their number): 600 is the policy's 100 each, 120 is 20 each."""
    note = where == "over" and folded.startswith(_FOOTNOTE_PREFIXES)
    stated: list[Decimal] = []
    spans: list[tuple[int, int]] = []
    for m in _TOTAL_SCORE.finditer(folded):
        n = Decimal(m.group(1))
        each = where == "own" or folded[max(0, m.start() - 2):m.start()] in W.EACH_WORDS \
            or n % systems != 0  # 总分为100分 over six systems: no total of six whole scales
        stated.append(n if each else n / systems)
        spans.append((m.start(), m.end()))
    for m in _SCALE.finditer(folded):
        if any(a <= m.start() < b for a, b in spans) or (note and m.group(3)):
            continue  # part of a total; or a bracketed score in a note
        stated.append(Decimal(next(g for g in m.groups() if g)))
    if where != "over":
        stated += [Decimal(m.group(1)) for m in _SCORE_RANGE.finditer(folded)]
    # (over the systems, 六大体系评分（满分600分） is their total: 6 × 100)
    return next((n for n in stated if n != score_max and (where != "over" or n != score_max * systems)), None)


_TOTAL_SCORE = re.compile(rf"(?:{'|'.join(W.TOTAL_WORDS)})\s*(?:分)?\s*(?:满分|为|:)?\s*(\d+(?:\.\d+)?)\s*分")
_SCORE_RANGE = re.compile(r"(?<![\d.])0\s*[-~～—]\s*(\d+(?:\.\d+)?)(?![\d.日月年号时])")  # 0-20, 0~100分


def _labels_over(grid: Grid, header_row: int, j: int) -> list[tuple[int, int, str]]:
    """(row, column, text) of the short label over column ``j`` in each of the two rows above
    the header: the cell there, or the nearest filled one to its left (a label merged across
    is held by its first cell)."""
    out = []
    for i in range(max(0, header_row - 2), header_row):
        row = grid[i]
        k = min(j, len(row) - 1)
        while k >= 0 and is_blank(row[k]):
            k -= 1
        if k >= 0 and isinstance(row[k], str) and len(row[k]) <= MAX_LABEL_CHARS:
            out.append((i, k, row[k]))
    return out


# The column a sheet's rows are known by: without it nothing of the sheet can be checked.
_ROW_KEYS = {"roster": "person_id", "honours": "person_id", "scores": "person_id", "deductions": "person_id",
             "progress": "measure_id", "economy": "village"}


def _readable_without(key: str, specs: Mapping[str, ColumnSpec], cols: Mapping[str, _Col]) -> bool:
    """Whether a sheet lacking some required columns is still worth reading for its other
    problems (so the clerk mends them all in one round): only with its row key and most of
    its required columns. The file is refused all the same."""
    row_key = _ROW_KEYS.get(key)
    required = [k for k, (_l, _a, req) in specs.items() if req]
    return row_key is not None and row_key in cols and 2 * sum(k in cols for k in required) > len(required)


def _in_yuan(grid: Grid, header_map: Mapping[str, str], missing: Mapping[str, str]) -> dict[str, tuple[int, int, str]]:
    """Missing income columns headed in 元 instead of 万元 (上年收入(元)): 0-based (row,
    column) and the label as written, by column key. Read as 万元 they would be 10,000
    times too large, and the bonus is paid from them; divided, a clerk's 万元 typed under
    the wrong label would be 10,000 times too small. Only the clerk can say: refused."""
    found: dict[str, tuple[int, int, str]] = {}
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        for j, v in enumerate(row):
            if isinstance(v, str) and "元" in v and "万元" not in v and len(v) <= MAX_LABEL_CHARS:
                k = header_map.get(_norm_header(v.replace("元", "万元")))
                if k in missing:
                    found.setdefault(k, (i, j, v.strip()))
    return found


def _ambiguous_columns(st: _State, key: str, name: str, grid: Grid, header_row: int, cols: dict[str, _Col],
                       hidden: frozenset[int], header_map: Mapping[str, str]) -> bool:
    """Settle a field that two visible header cells both name (联系电话 and 手机号码, 任职时间
    and 任现职时间, 党建引领 and 党建引领（自评）): the cell with the field's standard label is
    read when there is one, and an optional field is read from its first column. A required
    field named twice by other labels (职务（党组织） and 职务（村委会）, 本年累计收入（1-9月）
    and 本年累计收入（1-12月）), whose columns disagree in some row (as values: a date as a
    date), would decide stars or pay either way: it is refused, naming both (the return value
    says so)."""
    by_key: dict[str, list[int]] = {}
    plain: set[int] = set()  # labelled without a note: the standard label or an alias
    header = grid[header_row]
    for j, v in enumerate(header):
        if isinstance(v, str) and v and len(v) <= MAX_LABEL_CHARS and j not in hidden:
            k = header_map.get(_norm_header(v))
            if k is not None:
                plain.add(j)
            else:
                k = _noted_header(header_map, v, st.period_end)
            if k is not None:
                by_key.setdefault(k, []).append(j)
    specs = st.lk.specs[key]
    refused = False
    for k, idx in by_key.items():
        if len(idx) < 2:
            continue
        label, _aliases, required = specs[k]
        filled = {j: _filled(grid, header_row, j) for j in idx}
        exact = [j for j in idx if filled[j] and _norm_header(str(header[j])) == _norm_header(label)]
        if not exact:  # 完成情况 beside 完成情况（上季度）: the one label without a note, alias or not
            exact = [j for j in idx if filled[j] and j in plain] if len(idx) > len(plain & set(idx)) else []
        # The standard label's column when it has data; else the fullest (the left-most of equals).
        a = exact[0] if len(exact) == 1 else max(idx, key=lambda j: (filled[j], -j))
        cols[k] = _Col(a, column_letter(a), _one_line(str(header[a])))
        if len(exact) == 1 or not required:
            continue
        read = _reader(st, k)
        other = next((j for j in idx if j != a and filled[j] and _columns_differ(grid, header_row, a, j, read)), None)
        if other is None:
            continue  # copies of one column read the same whichever is taken
        second = str(header[other]).strip()
        st.out.diags.append(make("ambiguous-column", file=st.out.file, sheet=name, row=header_row + 1,
                                 column=column_letter(other), header=second, value=second,
                                 first=str(header[a]).strip(), first_col=column_letter(a),
                                 second=second, second_col=column_letter(other), label=label))
        refused = True
    return refused


def _label_over_columns(st: _State, key: str, name: str, grid: Grid, header_row: int, cols: dict[str, _Col],
                        hidden: frozenset[int], header_map: Mapping[str, str]) -> bool:
    """Refuse a required field whose label stands over several columns of a two-row header
    (职务 merged over 党组织 | 村委会, 党建引领 over 自评 | 考评): only the first column holds the
    label, the cells right of it are blank, and the row below names each column. Read from
    the first alone, the second's posts or scores would be lost; when their contents
    disagree the sheet is refused, naming both (the return value says so)."""
    below_row = header_row + 1
    if below_row >= len(grid):
        return False
    header, below = grid[header_row], grid[below_row]
    # The row below is a second header row only when it holds nothing under the other labels
    # (or their own label again, merged down): a first data row has names and IDs there.
    for c in cols.values():
        v = below[c.index] if c.index < len(below) else None
        if not is_blank(v) and norm(str(v)) != norm(str(header[c.index])) and _stands_alone(header, c.index):
            return False
    specs = st.lk.specs[key]

    def sub_label(j: int) -> str | None:
        v = below[j] if j < len(below) else None
        if not isinstance(v, str) or not v.strip() or len(v) > MAX_LABEL_CHARS or j in hidden:
            return None
        return v.strip() if header_map.get(_norm_header(v)) is None else None

    for k, c in cols.items():
        if k not in specs or not specs[k][2] or (first := sub_label(c.index)) is None:
            continue
        j = c.index + 1
        read = _reader(st, k)
        while j < len(header) and is_blank(header[j]) and (second := sub_label(j)) is not None:
            # A part of the first (合计 | 其中：经营性收入), or a column of something else
            # (职务名称 | 分管工作): the first is read, as a header over one column would be.
            if not norm(second).startswith(W.PART_OF_WORDS) and _holds_field(st, k, grid, below_row, j) \
                    and _columns_differ(grid, below_row, c.index, j, read):
                label = c.header
                st.out.diags.append(make("ambiguous-column", file=st.out.file, sheet=name, row=below_row + 1,
                                         column=column_letter(j), header=second, value=second,
                                         first=f"{label}/{first}", first_col=c.letter,
                                         second=f"{label}/{second}", second_col=column_letter(j), label=label))
                return True
            j += 1
    return False


def _holds_field(st: _State, k: str, grid: Grid, header_row: int, j: int) -> bool:
    """Whether column ``j`` below ``header_row`` holds values of field ``k`` (a post, a
    status, a number for a score or an income, a date); other fields: any value."""
    def reads(v: object) -> bool:
        if k == "position":
            return st.lk.positions(v) is not None
        if k == "status":
            return st.lk.statuses(v) is not None
        if k in _NUMBER_KEYS or k in st.lk.systems:
            return cell_decimal(v, ("分", "万元", "万")) is not None
        if k in _DATE_KEYS:
            return cell_date(v) is not None
        return True

    return any(not is_blank(row[j]) and reads(row[j]) for row in grid[header_row + 1:] if j < len(row))


def _stands_alone(header: list[object], j: int) -> bool:
    """Whether the label at ``j`` is over its own column only: not followed by the blank
    header cells a label merged over several columns leaves."""
    return not (j + 1 < len(header) and is_blank(header[j + 1]))


def _reader(st: _State, k: str) -> Callable[[object], object]:
    """How a field's cells compare: dates as dates, numbers as numbers, else as text."""
    return _as_date if k in _DATE_KEYS else _as_number if k in _NUMBER_KEYS or k in st.lk.systems else cell_text


_DATE_KEYS = frozenset({"start_date", "date"})
_NUMBER_KEYS = frozenset({"last_year", "this_year"})


def _as_date(v: object) -> object:
    d = cell_date(v)
    return cell_text(v) if d is None else d


def _as_number(v: object) -> object:
    d = cell_decimal(v, ("分", "万元", "万"))
    return cell_text(v) if d is None else d


def _filled(grid: Grid, header_row: int, j: int) -> int:
    """How many cells of column ``j`` below the header hold something."""
    return sum(1 for row in grid[header_row + 1:] if j < len(row) and not is_blank(row[j]))


def _columns_differ(grid: Grid, header_row: int, a: int, b: int, read: Callable[[object], object]) -> bool:
    for row in grid[header_row + 1:]:
        x = row[a] if a < len(row) else None
        y = row[b] if b < len(row) else None
        if not is_blank(x) and not is_blank(y) and x != y and read(x) != read(y):
            return True
    return False


# --- 基本信息 -------------------------------------------------------------------------------


def _info_cells(grid: Grid, info_map: dict[str, str],
                conflicts: list[tuple[str, tuple[int, str, int, object], tuple[int, str, int, object]]] | None = None,
                ) -> dict[str, tuple[int, str, int, object]]:
    """Info key -> (excel row, key as written, value column index, value).

    Keys are looked for in the first columns, as key | value rows, as pairs across a row
    (乡镇 | 蔚汾镇 | 考核季度 | 2022Q3: a value runs up to the next key, so a blank value
    is blank, not the next key), or as keys across a row with their values in the row
    below; "乡镇：蔚汾镇" in one cell is used when no key cell exists.
    The first of a key written twice is used; a later one with another value goes
    into ``conflicts`` when given.
    """
    found: dict[str, tuple[int, str, int, object]] = {}
    inline: dict[str, tuple[int, str, int, object]] = {}
    value: object
    for i, row in enumerate(grid):
        labels: list[tuple[int, str, str]] = []  # (column, key, key as written)
        for j in range(min(len(row), INFO_KEY_COLUMNS)):
            v = row[j]
            if not isinstance(v, str) or not v.strip():
                continue
            key = info_map.get(_norm_header(v))
            if key is not None:
                labels.append((j, key, v.strip()))
                continue
            parts = re.split(r"[:：]", v, maxsplit=1)
            if len(parts) == 2 and not is_blank(parts[1]):
                k2 = info_map.get(_norm_header(parts[0]))
                if k2 is not None and k2 not in inline:
                    inline[k2] = (i + 1, parts[0].strip(), j, parts[1])
        if not labels:
            continue
        cols = {j for j, _k, _t in labels}
        across = len(labels) >= 2 and i + 1 < len(grid) and all(
            j + 1 >= len(row) or j + 1 in cols or is_blank(row[j + 1]) for j, _k, _t in labels)
        for n, (j, key, text) in enumerate(labels):
            if key in found and conflicts is None:
                continue
            cell: tuple[int, str, int, object]
            if across:
                below = grid[i + 1]
                value = below[j] if j < len(below) else None
                if isinstance(value, str) and info_map.get(_norm_header(value)) is not None:
                    value = None  # the row below is more keys: this one's value is blank
                cell = (i + 2, text, j, value)
            else:
                value = None
                vcol = j + 1
                for k in range(j + 1, labels[n + 1][0] if n + 1 < len(labels) else len(row)):
                    if not is_blank(row[k]):
                        value, vcol = row[k], k
                        break
                cell = (i + 1, text, vcol, value)
            if key not in found:
                found[key] = cell
            elif conflicts is not None and not is_blank(value) and not is_blank(found[key][3]) \
                    and norm(cell_text(value)) != norm(cell_text(found[key][3])):
                conflicts.append((key, found[key], cell))  # 乡镇 | 东会乡 … 乡镇 | 固贤乡
    for key, cell in inline.items():
        found.setdefault(key, cell)
    return found


def _info_value(st: _State, key: str, cell: tuple[int, str, int, object]) -> tuple[object, bool]:
    """The township or quarter a 基本信息 cell names, and whether it is read so as it stands
    ((None, False): none, a note). A registry township exactly or as clerks write it, else
    one named inside (蔚汾镇党委组织办); a cell under the key's own label (乡镇, 考核季度) that
    names none is what it says (临县城庄镇). A quarter as the 考核季度 cell is read, else that
    of a date range's first month (2022年7月1日至9月30日)."""
    _row, label, _col, value = cell
    raw = cell_text(value) or ""
    own = _norm_header(label) == _norm_header(W.INFO_KEYS[key][0])
    if key == "township":
        folded = norm(raw)
        found = _find_township(st.lk, folded)
        if found is not None:
            return found, True
        inside = frozenset(t for w, t in st.lk.townships.items() if len(w) > 1 and w in folded)
        if inside:  # 东会乡（原属蔚汾镇管辖）: the townships it names, any of which agrees
            return inside, False
        return (folded or None) if own else None, False
    try:
        return _quarter_of(value, raw, st.date1904), True
    except ValueError:
        q = _range_quarter(norm(raw))
        if q is not None:
            return q, False
        return (norm(raw) if own and raw.strip() else None), False


_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)\s*[年.\-/]\s*(\d{1,2})")  # 2022年7月1日至…, 2022.07.01-…
_MONTH = re.compile(r"(\d{1,2})\s*月")


def _range_quarter(text: str) -> Quarter | None:
    """The quarter a period written as dates lies in (2022年7月1日至9月30日, 2022.07.01-2022.09.30,
    2022年10月); None when it spans more than one (2022年1-9月, a year's window) or names none."""
    dates = _YEAR_MONTH.findall(text)
    if not dates:
        return None
    y0, m0 = int(dates[0][0]), int(dates[0][1])
    if len(dates) > 1:
        y1, m1 = int(dates[-1][0]), int(dates[-1][1])
    else:
        tail = text[_YEAR_MONTH.search(text).end():]  # type: ignore[union-attr]
        months = _MONTH.findall(tail)
        y1, m1 = y0, int(months[-1]) if months else m0
    if not (1 <= m0 <= 12 and 1 <= m1 <= 12):
        return None
    first, last = Quarter.of(date(y0, m0, 1)), Quarter.of(date(y1, m1, 1))
    return first if first == last else None


def _info(st: _State, sub: Submission, name: str, grid: Grid, *, quarter: Quarter | None
          ) -> dict[str, tuple[int, str, int, object]]:
    """Read 基本信息 into ``sub``; the cells read (see :func:`_info_cells`)."""
    conflicts: list[tuple[str, tuple[int, str, int, object], tuple[int, str, int, object]]] = []
    cells = _info_cells(grid, st.lk.info_map, conflicts)
    out = st.out
    # What decides whose figures these are, and of when, may be written more than once: one
    # township or quarter written two ways (2022Q3 and 2022年第三季度, 东会乡 and 东会乡人民政府)
    # is one; two (东会乡 and 蔚汾镇党委组织办, 2022Q3 and 2022年10月1日至12月31日) are refused. A
    # cell naming none (填报单位 | 县委组织部) is a note: the first that names one is read.
    for key in ("township", "quarter"):
        if key not in cells:
            continue
        written = [cells[key]] + [second for k, _first, second in conflicts if k == key]
        named = [(c, v, direct) for c in written for v, direct in [_info_value(st, key, c)] if v is not None]
        if not named:
            continue
        # read: the first cell read as it stands (a township, a quarter), else the first naming one
        read, value, _direct = next((n for n in named if n[2]), named[0])
        cells[key] = read
        if isinstance(value, frozenset):
            continue  # no cell names one township as it stands: said below (unknown township)
        for c, v, _d in named:
            if v != value and not (isinstance(v, frozenset) and value in v):
                out.diags.append(make("info-conflict", file=out.file, sheet=name, row=c[0],
                                      column=column_letter(c[2]), header=_one_line(str(c[1])), value=cell_text(c[3]),
                                      first=cell_text(read[3]), first_row=read[0], what=W.INFO_KEYS[key][0]))

    def at(info_key: str, code: str, **ctx: Any) -> None:
        row, label, vcol, value = cells[info_key]
        out.diags.append(make(code, file=out.file, sheet=name, row=row, column=column_letter(vcol),
                              header=_one_line(str(label)), **{"value": cell_text(value), **ctx}))

    for key in W.INFO_REQUIRED:
        if key not in cells or is_blank(cells[key][3]):
            label = W.INFO_KEYS[key][0]
            if key in cells:
                at(key, "missing-info", key=label)
            else:
                out.add("missing-info", sheet=name, key=label)
    if "township" in cells and not is_blank(cells["township"][3]):
        raw = cell_text(cells["township"][3]) or ""
        township = _find_township(st.lk, norm(raw))
        if township is None:
            at("township", "unknown-township", count=len(st.registry.townships),
               suggest=_suggest(raw, st.registry.townships))
        else:
            st.township, st.township_ok = township, True
            sub.township = township
            named = _townships_named(st.lk, sub.file)
            if named and township not in named:
                # quoted as the name has it: 东会镇 (东会乡's, its 乡 mistyped), review R97
                written = _file_name_parts(st.lk, sub.file)[named[0]]
                at("township", "file-township-mismatch", named=named[0], township=township,
                   written=written if written == norm(named[0]) else DM.WRITTEN_AS.format(written=written, named=named[0]))
                # Which township the rows belong to is not settled: checking every village
                # against 基本信息's would bury this one error under hundreds (a 乡镇 cell
                # copied from a neighbour's form), and each would point at a right cell.
                st.township, st.township_ok, st.township_disputed = None, False, True
    if "quarter" in cells and not is_blank(cells["quarter"][3]):
        value = cells["quarter"][3]
        raw = cell_text(value) or ""
        try:
            q = _quarter_of(value, raw, st.date1904)
        except ValueError:  # the hint's example is the quarter expected (2022.4 in a 2022Q4 file: not 2022Q3)
            named = quarters_named(sub.file)
            example = quarter or (named[0] if len(named) == 1 else None) or Quarter(2022, 3)
            at("quarter", "quarter-invalid", example=str(example), year=example.year, q=example.q)
        else:
            sub.quarter = str(q)
            if quarter is not None and q != quarter:
                at("quarter", "quarter-mismatch", value=str(q), expected=str(quarter))
                # Which of the two quarters the rows are of is not settled (next quarter's file come
                # early, or last quarter's label left on): dates are checked against the later end,
                # so a start date in 2022Q4 is not refused of a 2022Q4 file imported as 2022Q3 (the
                # township told to delete two cadres, review R64), and one after both still is.
                st.period_end = st.out.until = max(q.end, quarter.end)
            else:
                st.period_end = st.out.until = q.end
            named_q = quarters_named(sub.file)
            if named_q and q not in named_q:
                at("quarter", "file-quarter-mismatch", named=str(named_q[0]), value=str(q))
                st.named_quarter = (q, max(named_q, key=lambda n: n.end))
    # Who filled it in, a phone and the date: asked for by the guide, needed only to call back
    # about the file; left blank, said once (the file imports all the same).
    blank = [k for k in ("filler", "phone", "fill_date") if k not in cells or is_blank(cells[k][3])]
    if blank:
        where = next((k for k in blank if k in cells), None)
        labels = "、".join(W.INFO_KEYS[k][0] for k in blank)
        if where is not None:
            at(where, "info-contact-missing", keys=labels)
        else:
            out.add("info-contact-missing", sheet=name, keys=labels)
    if "filler" in cells:
        sub.filler = cell_text(cells["filler"][3])
    if "phone" in cells:
        sub.phone = phone_text(cell_text(cells["phone"][3]))
    if "fill_date" in cells and not is_blank(cells["fill_date"][3]):
        d = cell_date(cells["fill_date"][3], st.date1904)
        if d is None and (why := _why_impossible(cells["fill_date"][3])) is not None:
            at("fill_date", "date-impossible", severity=Severity.WARNING, why=why)
        elif d is None:
            at("fill_date", "date-invalid", severity=Severity.WARNING)
        elif d > st.today:  # 2032 for 2023: a slip that an officer checking the file should see
            at("fill_date", "fill-date-future", today=st.today.isoformat())
        elif sub.quarter and d < (start := Quarter.parse(sub.quarter).start):  # 基本信息 pasted from an old file (R131)
            at("fill_date", "fill-date-early", quarter=sub.quarter, start=start.isoformat())
        sub.fill_date = d
    return cells


def _townships_named(lk: _Lookups, file: str) -> list[str]:
    """Registry townships whose name appears in the file name, longest first."""
    return sorted(_file_name_parts(lk, file), key=lambda t: (-len(t), lk.township_order[t]))


def _file_name_parts(lk: _Lookups, file: str) -> dict[str, str]:
    """Township -> the part of the file's name (folded) naming it: its name, or 东会镇 for 东会乡."""
    stem = norm(file.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    # Look the name's substrings up (a few hundred) rather than search the name for every
    # township: a province has over a thousand, and a file each.
    names = lk.file_names
    found: dict[str, str] = {}
    for size in reversed(lk.township_lengths):  # the longest part first
        for i in range(len(stem) - size + 1):
            if (part := stem[i:i + size]) in names:
                found.setdefault(names[part], part)
    return found


_FILE_QUARTER = re.compile(r"(?<!\d)(\d{4})\s*(?:[-_ .]?\s*[Qq]\s*([1-4])|年?\s*第?\s*([1-4一二三四])\s*季度?)(?!\d)")
# 2022年10-12月, 2022.7月-9月: a quarter by its months (the 月 after them: 2022-07-09 is a day)
_FILE_MONTHS = re.compile(r"(?<!\d)(\d{4})\s*[年.\-_ ]?\s*(\d{1,2})\s*月?\s*[-—–~～至到]\s*(\d{1,2})\s*月")


def _named_later_replacing(rosters: list[FileRoster], existing: Mapping[str, tuple[str, str]],
                           quarter: str | None) -> list[Diagnostic]:
    """A file whose name names a later quarter than ``quarter`` (the one its 基本信息 says, or
    the run's), about to replace its township's version of ``quarter``: next quarter's return
    with last quarter's 考核季度 left on, taken for a correction (review R116: 39 cadres of a
    quarter paid again by next quarter's data, told as one of "3 more warnings")."""
    if quarter is None:
        return []
    q = Quarter.parse(quarter)
    imported = {township for township, _f in existing.values()}
    out = []
    for r in rosters:
        later = [n for n in quarters_named(r.file) if n.end > q.end]
        # (a file refused for other faults too: said now, not in the round after those are mended, review R131)
        if r.current or r.township not in imported or not later or q in quarters_named(r.file):
            continue
        named = str(min(later, key=lambda n: n.end))
        out.append(make("file-named-later-replaces", file=r.file, sheet=W.SHEETS["info"], township=r.township,
                        named=named, value=quarter, renamed=f"{r.township}_{quarter}.xlsx"))
    return out


def add_across(own: list[Diagnostic], d: Diagnostic) -> None:
    """Add the check across files ``d`` to its file's diagnostics ``own``, placed as
    :func:`placed_with` says; the file's warning it settles goes (review R131: a warning and an
    error on one 考核季度 cell, each with its own hint)."""
    placed = placed_with(d, own)
    if d.code == "file-named-later-replaces":
        own[:] = [x for x in own if x.code != "file-quarter-mismatch"]
    own.append(placed)


def placed_with(d: Diagnostic, own: Sequence[Diagnostic]) -> Diagnostic:
    """A check across files ``d`` on a file whose own diagnostics are ``own``, at the cell it
    is about where the file's own checks found that cell: a file named for a later quarter,
    at its 考核季度 (review R117: the refusal had no row or column, the warning beside it had)."""
    if d.code == "file-named-later-replaces" and d.row is None:
        cell = next((x for x in own if x.code == "file-quarter-mismatch" and x.row is not None), None)
        if cell is not None:
            return d.model_copy(update={"sheet": cell.sheet, "row": cell.row, "column": cell.column,
                                        "header": cell.header, "value": cell.value})
    return d


_CHANGE_WORDS = re.compile(r"改|应为|应是|实为|实际|其实|更正|纠正|原为|原是|原来")
_STATUS_CHANGE = re.compile(r"改|应为|应是|实为|实际|其实|更正|纠正")  # not 原为: what it was before (R151)
# ... and the status such a word says, the rest of its clause (实际未启动, 已改为推进中; not 实际上已经完成了一半)
_STATUS_CHANGED_TO = re.compile(r"(?:改为|改成|应为|应是|实为|实际上?(?:是|为)?|其实(?:是)?|更正为?|纠正为?)[:：]?(.+)$")
_STATUS_FILLER = re.compile(r"^(?:已经|已|均|都|全部)+")
_WORK_WORDS = re.compile(r"完成|进度|推进|实施")  # a share of the work, not of funds (资金实际到位100%: R153)
_BRACKETED_NOTE = re.compile(r"[(（\[【〔][^()（）\[\]【】〔〕]*[)）\]】〕]")


def _several(matcher: Matcher, raw: str, story: re.Pattern[str] | None = None) -> list[str]:
    """The values of ``matcher`` that ``raw`` names outside its bracketed notes, when more than
    one and nothing else around them tells a story (``story``: 县级，推荐市级 is the county's
    honour; 改为 a change, said otherwise): two values in one cell, the clerk's to choose."""
    named, rest = matcher.named_in(_BRACKETED_NOTE.sub("", raw))
    if len(named) < 2 or _CHANGE_WORDS.search(rest) or (story is not None and story.search(rest)):
        return []
    return named


def quarters_named(file: str) -> list[Quarter]:
    """Quarters a file name names (蔚汾镇_2022Q3.xlsx, 2022年第三季度报送表.xlsx, 2022年7-9月.xlsx)."""
    name = unicodedata.normalize("NFKC", file)
    written = [f"{m.group(1)}年第{m.group(2) or m.group(3)}季度" for m in _FILE_QUARTER.finditer(name)]
    written += [f"{m.group(1)}年{m.group(2)}-{m.group(3)}月" for m in _FILE_MONTHS.finditer(name)]  # (review R146)
    found = []
    for text in written:
        try:
            found.append(Quarter.parse(text))
        except ValueError:
            continue
    return found


_FULL_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?$")


def _quarter_of(value: object, raw: str, date1904: bool = False) -> Quarter:
    """The quarter a 考核季度 cell names: written as a quarter, or as the quarter's last day
    (2022-09-30, typed as a date, or as text, or kept as its serial number, counted from the
    workbook's epoch: ``date1904``). Any other date is refused: 2022-3 is a date to Excel
    (2022-03-01) but the third quarter to the clerk. Raises ValueError."""
    if isinstance(value, datetime):
        value = value.date()
    text = unicodedata.normalize("NFKC", raw).strip()
    if isinstance(value, date):
        day: date | None = value
    else:
        try:
            return Quarter.parse(text)
        except ValueError:
            noted = _QUARTER_NOTE.match(text)  # 2022年第3季度（7-9月）: the months must agree
            if noted:
                q = Quarter.parse(noted.group(1))  # a ValueError still when neither part is a quarter
                if Quarter.parse(f"{q.year}年{noted.group(2)}") != q:
                    raise ValueError(f"quarter and months disagree: {raw!r}") from None
                return q
            number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
            if number is not None:
                day = serial_date(number, date1904)
            else:
                day = cell_date(text) if _FULL_DATE.match(text) else None
    if day is None or day != Quarter.of(day).end:
        raise ValueError(f"not a quarter's last day: {raw!r}")
    return Quarter.of(day)


_QUARTER_NOTE = re.compile(r"^(.+?)\s*\(([^()]+)\)$")  # a quarter with its months in brackets (after NFKC)
_COUNTY_ENDS = ("县", "市", "区", "旗")  # a county-level name written before the township's
# The township as the body that stamps the form (after norm): 蔚汾镇人民政府, 中共蔚汾镇委员会, 蔚汾镇党委.
_TOWNSHIP_BODY = re.compile(r"^(?:中共)?(.+?)(?:人民政府|政府|党委员会|党委|委员会)?(?:\(盖章\)|盖章)?$")
# A village written as its committee (after norm): 城东社区居委会, 城东社区(居委会), 赵家坪村村委会.
_VILLAGE_BODY = re.compile(r"^(.+?)\(?(?:居民委员会|村民委员会|居委会|村委会)\)?$")


def _village_suggest(st: _State, written: str) -> str:
    """A not-found village's hint: the township whose village it is (a neighbour's roster
    pasted in: no look-alike of ours to move the person to), else our closest name. A name the
    township's village had before a rename (the same 区划代码) is said to be that village's
    (review R126: 城关村, now 晋绥社区, was told "是不是北关村、南关村、西关村之一")."""
    renamed = st.registry.renamed_to(st.township or "", written)
    if renamed is not None:
        return DM.VILLAGE_RENAMED.format(old=written, new=renamed)
    elsewhere = st.lk.towns_with_village(written, st.township or "")
    if len(elsewhere) > 3:  # a prefecture's registry (review R135): the file's own county's first, the rest counted
        county = {v.code[:6] for v in st.registry.by_township.get(st.township or "", ()) if v.code}
        codes = {v.township: v.code[:6] for v in st.registry.villages if v.code}
        elsewhere.sort(key=lambda tv: codes.get(tv[0]) not in county)
        return DM.VILLAGE_ELSEWHERE_MANY.format(village=elsewhere[0][1], n=len(elsewhere),
                                                townships=DM.LIST_SEP.join(t for t, _v in elsewhere[:3]))
    if elsewhere:
        return DM.VILLAGE_ELSEWHERE.format(village=elsewhere[0][1], townships=DM.LIST_SEP.join(t for t, _v in elsewhere))
    return _suggest(written, st.registry.village_names(st.township or ""))


def _suggest(written: str, names: Sequence[str]) -> str:
    """A hint's "did you mean" for a name not found: the closest of ``names``, if close."""
    return _closest(norm(written), tuple(names))


@lru_cache(maxsize=4096)
def _closest(written: str, names: tuple[str, ...]) -> str:
    # Cached: a misspelt village comes again on every row of its cadres and measures.
    near = closest_names(written, names)
    if len(near) == 1:
        return DM.SUGGEST.format(name=near[0])
    if len(near) > _SUGGEST_LIMIT:  # (review R84: five of thirteen, as if the one meant were among them)
        return DM.SUGGEST_SOME_OF.format(names=DM.LIST_SEP.join(f"“{n}”" for n in near[:_SUGGEST_LIMIT]), n=len(near))
    return DM.SUGGEST_ONE_OF.format(names=DM.LIST_SEP.join(f"“{n}”" for n in near)) if near else ""


_SUGGEST_LIMIT = 5  # names a hint lists at most


def village_of(known: Mapping[str, str], township: str, written: str) -> str | None:
    """The registry village (of ``known``: folded name -> name, one township's) that
    ``written`` names: exactly, or after its township (蔚汾镇城东社区, 兴县蔚汾镇城东社区) or as its committee
    (城东社区居委会, 赵家坪村民委员会)."""
    key = norm(written).rstrip(TRAILING_MARKS)
    hit = known.get(key)
    if hit is not None:
        return hit
    town = norm(township)
    at = key.find(town) if town else -1
    if (at == 0 or (at > 0 and key[:at].endswith(_COUNTY_ENDS))) and len(key) > at + len(town):
        key = key[at + len(town):]  # 蔚汾镇城东社区, 兴县蔚汾镇城东社区
        hit = known.get(key)
    body = _VILLAGE_BODY.match(key) if hit is None else None
    if body is not None:  # 城关村委会 and 城关村民委员会 are 城关村's; 城东居委会 is 城东社区's
        stem = body.group(1)
        hit = known.get(stem) or known.get(stem + ("社区" if "居" in key[len(stem):] else "村"))
    if hit is None:  # the registry names the committee (城西社区居委会), the clerk the village
        hit = next((name for k, name in known.items() if (m := _VILLAGE_BODY.match(k)) and m.group(1) == key), None)
    return hit


def _find_township(lk: _Lookups, written: str) -> str | None:
    """The registry township a 基本信息 乡镇 cell names (``written`` as :func:`norm` folds
    it): exactly, or written the way clerks do, after their county (兴县奥家湾乡) or without
    乡/镇 (奥家湾) — when that names exactly one township."""
    exact = lk.townships.get(written)
    if exact is not None or not written:
        return exact
    body = _TOWNSHIP_BODY.match(written)
    if body is not None and body.group(1) != written:  # 蔚汾镇人民政府, 中共蔚汾镇委员会, 蔚汾镇（盖章）
        return _find_township(lk, body.group(1))
    found = set()
    for name in (written, *(written + end for end in _TOWNSHIP_ENDS)):
        if name in lk.townships:
            found.add(lk.townships[name])
            continue
        for key, township in lk.townships.items():
            if len(name) > len(key) and name.endswith(key) and name[:-len(key)].endswith(_COUNTY_ENDS):
                found.add(township)
    return found.pop() if len(found) == 1 else None


def _township_from_file(lk: _Lookups, file: str) -> str | None:
    named = _townships_named(lk, file)
    return named[0] if len(named) == 1 else None


def township_in_file_name(policy: Policy, registry: Registry, file: str) -> str | None:
    """The one registry township a file's name names (蔚汾镇_2022Q3.xlsx), or None."""
    return _township_from_file(_lookups(policy, registry), file)


# --- shared cell checks -------------------------------------------------------------------------


def _text(t: _Table, vals: dict[str, object], key: str) -> str | None:
    # ``vals`` holds exactly the table's columns: a missing column reads as a blank cell.
    v = vals.get(key)
    if type(v) is str:
        s = v.strip()
        if s and s[0] not in INVISIBLE and s[-1] not in INVISIBLE:
            return s  # the common case of cell_text, without the call
    return cell_text(v)


def _required_text(st: _State, t: _Table, row: int, vals: dict[str, object], key: str) -> str | None:
    s = _text(t, vals, key)
    if s is None:
        st.out.add("required-missing", t, row, key)
    return s


def _person_id(st: _State, t: _Table, row: int, vals: dict[str, object]) -> str | None:
    """The row's resident ID when valid; reports why not otherwise."""
    v = vals.get("person_id")
    if is_blank(v):
        st.out.add("required-missing", t, row, "person_id")
        return None
    pid, problem = cell_id(v, st.today)
    if problem is not None:
        code, ctx = problem
        # Even a rounded ID keeps most of the real digits: it is masked like any other.
        ctx.pop("value", None)
        # Words in the ID column (a name, a note) hold no ID: quoted as written. Anything holding an
        # ID's worth of digits, in whatever groups (1411.2319…, 1411-2319-…), is masked (review R103).
        shown = pid if _few_digits(pid) else mask_id(pid)
        st.out.add(code, t, row, "person_id", value=shown, **ctx)
        return None
    return pid


def _date(st: _State, t: _Table, row: int, vals: dict[str, object], key: str) -> date | None:
    v = vals.get(key)
    if is_blank(v):
        st.out.add("required-missing", t, row, key)
        return None
    d = cell_date(v, st.date1904)
    if d is None:
        typed = typed_number(v, st.date1904)  # as the clerk typed it, not the 1905 date Excel shows
        shown = cell_text(v if typed is None else typed)
        if month_lost_by_number(v, st.date1904):
            st.out.add("date-month-lost", t, row, key, value=shown)
        elif (why := _why_impossible(v if typed is None else typed)) is not None:  # 2023-02-30, 2023.13
            st.out.add("date-impossible", t, row, key, value=shown, why=why)
        else:
            st.out.add("date-invalid", t, row, key, value=shown)
    return d


def _why_impossible(v: object) -> str | None:
    """Which part of a date written in a date's form does not exist (None: not such a date)."""
    ymd = impossible_date(v)
    if ymd is None:
        return None
    y, m, day = ymd
    return DM.NO_SUCH_MONTH.format(month=m) if not 1 <= m <= 12 else DM.NO_SUCH_DAY.format(year=y, month=m, day=day)


def _raw_village(written: str | None) -> str | None:
    """A village as written, folded (see text.norm) to be compared, while the township and so
    its registry villages are not known."""
    if written is None:
        return None
    return norm(written) or None


def _village(st: _State, t: _Table, row: int, vals: dict[str, object], key: str = "village") -> str | None:
    raw = _text(t, vals, key)
    if raw is None:
        return None
    if st.township is None:
        return None  # no township to check against; the 基本信息 problem is reported already
    village = village_of(st.lk.villages.get(st.township, {}), st.township, raw)
    if village is None:
        st.out.add("unknown-village", t, row, key, value=raw, township=st.township, suggest=_village_suggest(st, raw))
    return village


def _on_roster(st: _State, t: _Table, row: int, pid: str, name: str | None) -> None:
    if not st.roster_ok:
        return
    person = st.people.get(pid)
    if person is None:
        pending = st.bad_ids.get(norm(name)) if name is not None and st.bad_ids else None
        if pending is not None:
            # a roster row left with only the name: delete this row with it, or fill it in (review R114)
            code = "roster-name-only-pending" if pending in st.name_only else "roster-id-pending"
            st.out.add(code, t, row, "person_id", value=mask_id(pid), name=name, roster_row=pending,
                       severity=Severity.WARNING)
        else:
            st.out.add("not-on-roster", t, row, "person_id", value=mask_id(pid), pid=mask_id(pid),
                       who=f"（{name}）" if name else "")
    elif name is not None and person.name is not None and name != person.name and norm(name) != norm(person.name):
        others = st.ids_named(name)
        if others:
            # The name is another roster cadre's: the ID and name columns have slipped apart
            # (one column sorted alone, a row pasted one off), and the fact would go to the
            # wrong person.
            st.out.add("id-of-another-person", t, row, "person_id", value=mask_id(pid),
                       expected=mask_numbers_in(person.name), name=mask_numbers_in(name), other=mask_id(others[0]))
        else:
            # Names are kept as written; a differing spelling is shown, not refused: the ID decides.
            # (a phone pasted into either name shown masked, as name-has-digits shows it: R146)
            st.out.add("name-mismatch", t, row, "name", value=mask_numbers_in(name), expected=mask_numbers_in(person.name),
                       severity=Severity.WARNING)


def _birth(pid: str) -> date:
    # The ID passed check_id, so digits 7-14 are a real date: read them directly rather
    # than through python-stdnum, which cleans the number again first (ten times dearer).
    return date(int(pid[6:10]), int(pid[10:12]), int(pid[12:14]))


# --- 村干部名册 -----------------------------------------------------------------------------


_ID_LIKE = re.compile(r"^\d{17}[\dXx]$")


@lru_cache(maxsize=4096)
def _tells_of_leaving_cached(note: str, head: str, until: date | None) -> bool:
    """:func:`_tells_of_leaving` of a cell outside the 备注 (政治面貌, 学历: a few words on every row)."""
    return _tells_of_leaving(note, head, until)


def _tells_of_leaving(note: str, head: str, until: date | None) -> bool:
    """Whether a roster note (in 备注 or beside the table) tells of the post ``head`` given up
    by ``until``; bracketed parts read as clauses (辞职（2022年8月）)."""
    plain = _BRACKETS_AND_SPACES.sub("，", norm(note)).strip("，")
    return withdrawing(plain.rstrip(TRAILING_MARKS), "post", head, until)


# Roster columns whose cells are read for what they must hold: a note elsewhere in the row is
# looked at as one (the 备注 by itself).
_ROSTER_READ = frozenset({"village", "name", "person_id", "position", "start_date", "remarks"})
_PHONE_LIKE = re.compile(r"^[\d\s\-+()（）—－/、,，;；.]*$")  # 联系电话 as written: never a note
_CLAUSE_BREAK = re.compile(r"[，,；;。、（）()\s]+")
_OF_A_PHONE = re.compile(r"使用|关机|停机|停用|空号|欠费|手机|电话|号码|打不通|不通|换号|销号|微信|信号")


def _aside_left(st: _State, t: _Table, row: int, head: str, position: str,
                read: Container[int], other: Mapping[int, _Col]) -> None:
    """A note telling of the post given up written in a roster row's cell that holds no
    note: beside the table, no header over it (已离任 in the next column; review R110), or in
    a column read for something else (联系电话 已离任, 学历 已辞职; R111). Said like a 备注, the
    first such cell of the row; it used to go unread, the cadre paid as in post."""
    cells = t.grid[row - 1]
    for j, v in enumerate(cells):
        if type(v) is not str or j in read:
            continue
        note = whole = v.strip()
        if note and j in other:
            # 13812345678（暂停使用）, 离开本地时关机: of the phone (review R114); 已去世，手机号已停用:
            # the clauses not of the phone still tell (R117)
            note = "，".join(c for c in _CLAUSE_BREAK.split(note)
                            if c and _PHONE_LIKE.match(c) is None and _OF_A_PHONE.search(c) is None)
        if not note:
            continue
        if not _tells_of_leaving_cached(note, head, st.period_end):  # 中共党员, 高中: the same few words
            continue
        if j in other:
            st.out.add("roster-column-left", t, row, header=other[j].header, letter=other[j].letter, value=whole,
                       post=position, label=other[j].header)
        else:
            header = cell_text(t.grid[t.header_row][j]) if j < len(t.grid[t.header_row]) else None
            st.out.add("roster-aside-left", t, row, header=_one_line(header) if header else None,
                       letter=column_letter(j), value=note, post=position)
        return


def _name_only(st: _State, t: _Table, row: int, vals: dict[str, object], also: str) -> bool:
    """Whether only the name is left of a row (and maybe its 备注): said once, as a cadre deleted by
    clearing cells, or one added and not filled, not as a blank cell per column (review R110)."""
    name = vals.get("name")
    if not is_blank(vals.get("person_id")) or is_blank(name) or (type(name) is str and _says_vacant(name.strip())):
        return False  # (空缺 alone: a vacant post, said as such)
    blank = [k for k in vals if k not in ("name", "remarks")]
    if not blank or not all(is_blank(vals[k]) for k in blank):
        return False
    specs = st.lk.specs[t.key]
    shown = [t.cols[k].header for k in blank if k in specs and specs[k][2]]
    st.out.add("row-name-only", t, row, "name", value=cell_text(vals.get("name")),
            columns=DM.LIST_SEP.join(shown), also=also)
    return True


def _roster(st: _State, t: _Table) -> list[Cadre]:
    out, lk = st.out, st.lk
    cadres: list[Cadre] = []
    filled = False
    # Rows whose 职务 holds an ID or a date: the data moved a column against the header.
    rows = misplaced = 0
    diags_before = len(out.diags)
    # the columns read for what they must hold, and the others (see _aside_left)
    read = frozenset(c.index for k, c in t.cols.items() if k in _ROSTER_READ)
    other = {c.index: c for k, c in t.cols.items() if k not in _ROSTER_READ}
    above: str | None = None  # the village of the last row that gave one
    only_above: list[_Blank] = []  # blank villages under a filled one (see _said_only_above)
    for row, vals in t.rows():
        filled = True
        rows += 1
        post = vals.get("position")
        if type(post) is str:  # the usual case: a post's name, no digit first
            misplaced += post.lstrip()[:1].isdigit() and _ID_LIKE.match(post.strip()) is not None
        else:
            misplaced += (type(post) in (int, float) and 10**16 < post < 10**18) or isinstance(post, date)
        errors_before = len(out.diags)
        named = vals.get("name")
        if _vacant_row(named, vals):  # 空缺 | (no ID) | 村委会主任: a post nobody holds, no cadre
            out.add("roster-vacant", t, row, "name", value=cell_text(named) or DM.EMPTY_SHOWN)
            continue
        if _name_only(st, t, row, vals, W.NAME_ONLY_ALSO):
            st.bad_ids.setdefault(norm(cell_text(named) or ""), row)  # its score row: 名册第 N 行, not 不在名册
            st.name_only.add(row)
            continue
        village_raw = _text(t, vals, "village")
        if village_raw is None:  # 固贤村 on its first cadre's row only: each row is told why (review R147)
            _said_blank(out, t, row, "village", "required-missing", only_above,
                        ("village-only-above", {"village": above}) if above else None)
        else:
            above = village_raw
        village = _village(st, t, row, vals) if village_raw is not None else None
        name = _required_text(st, t, row, vals, "name")
        if name is not None and ("\n" in name or "\r" in name):
            # 温泽⏎宇 (Alt+Enter): kept as written, but it would print over two lines on the payroll (R91)
            out.add("name-line-break", t, row, "name", value=_one_line(name.replace("\r\n", "\n").replace("\n", "⏎\n")))
        said_of_name = len(out.diags)
        if name is not None and name[:1] in _VACANT_STARTS and not _no_id(vals.get("person_id")) and _says_vacant(name):
            # 空缺 over a leaver's ID left from last quarter's row: no cadre to pay, or a name to fill
            out.add("roster-vacant-with-id", t, row, "name", value=name)
        _taken_back(st, t, row, name, "name", "person")  # 张斌（已离任）: not a cadre to rate and pay
        if name is not None and len(out.diags) == said_of_name and long_numbers(name):
            # 段建平 141123198405168310: an ID (a phone) pasted with the name would be printed in
            # full on every ranking and the payroll (R141); 张满仓（2022年8月已离任） is said as a
            # leaver's row above (R143), and a date or 王伟2 is no number of 7 digits (self-review)
            out.add("name-has-digits", t, row, "name", value=mask_numbers_in(name))
        pid = _person_id(st, t, row, vals)
        if pid is None and name is not None:  # a wrong ID, or none (blank, #N/A, a formula never saved)
            st.bad_ids.setdefault(norm(name), row)
        if pid is not None:
            first = st.people.get(pid)
            if first is not None:
                joint = _joint_post(st)
                out.add("duplicate-person", t, row, "person_id", value=mask_id(pid), pid=mask_id(pid),
                        other_row=first.row, joint=W.JOINT_POST_HINT.format(joint=joint) if joint else "")
                pid = None
        pos_raw = _required_text(st, t, row, vals, "position")
        position = lk.positions(pos_raw, st.period_end) if pos_raw is not None else None
        if pos_raw is not None and position is None:
            both = lk.positions.posts_in(pos_raw, st.period_end)
            if both:  # two paid posts and no post for holding both: the clerk must say which pay follows
                out.add("position-two-posts", t, row, "position", value=pos_raw, posts="、".join(both),
                        allowed=lk.positions.allowed())
            elif given := lk.positions.given_up(pos_raw, st.period_end):  # 书记兼主任（主任已辞去）: the post still held
                note, joint, gone, kept = given
                out.add("position-given-up", t, row, "position", value=pos_raw, note=note, joint=joint, gone=gone,
                        kept=kept)
            elif says_departed(pos_raw):  # 已离任 where the post was: the row should have gone
                out.add("position-departed", t, row, "position", value=pos_raw, allowed=lk.positions.allowed())
            elif (said := CHANGED_TO.search(flat := re.sub(r"[()\[\]【】]", "，", norm(pos_raw)))) is not None \
                    and lk.positions(said.group(1)) is not None \
                    and not (st.period_end is not None and changed_later(flat, said, st.period_end)):
                # 书记（实为副书记）: said as the post the note names (review R151)
                out.add("position-corrected", t, row, "position", value=pos_raw, post=lk.positions(said.group(1)))
            else:
                out.add("unknown-position", t, row, "position", value=pos_raw, allowed=lk.positions.allowed())
        elif position is not None and pos_raw is not None and (vacancy := _vacancy_noted(pos_raw)) is not None:
            # 委员（空缺） over a name and an ID: is the person in the post or not? pay hangs on it
            out.add("position-vacant", t, row, "position", value=pos_raw, note=vacancy)
        elif (position is not None and pos_raw is not None and st.period_end is not None
              and not _NOTE_OPENERS.isdisjoint(pos_raw)
              and lk.positions(pos_raw) != position):  # 书记（2022年11月离任） in 2022Q3: held all of it
            out.add("position-leaves-later", t, row, "position", value=pos_raw, post=position,
                    period_end=st.period_end.isoformat())
        elif position is not None and pos_raw is not None and not _NOTE_OPENERS.isdisjoint(pos_raw) \
                and (note := change_note(pos_raw)) is not None:
            # 书记（人走了半年了）: read as the post held, yet the note speaks of it changing hands
            out.add("position-note-change", t, row, "position", value=pos_raw, note=note, post=position)
        note = cell_text(vals.get("remarks")) if position is not None and "remarks" in t.cols else None
        if note is not None and _tells_of_leaving(note, norm(pos_raw or ""), st.period_end):
            # 备注 已于11月辞职: read as in post (a free text may tell of others), and said; not every note
            # of a change (其父亲于2022年病故, 原书记退休，本人接任: review R46), as after a post
            out.add("roster-note-left", t, row, "remarks", value=note, post=position)
        elif position is not None:  # (a 备注 of something else leaves the other cells to look at: R111)
            _aside_left(st, t, row, norm(pos_raw or ""), position, read, other)
        if pid is not None:
            # the township not known, the village as written (folded: 東會村 is 东会村): its heads are
            # still checked (_village_warnings)
            st.people[pid] = _Person(row, name, village if st.township is not None else _raw_village(village_raw),
                                     position)
        if pid is not None and st.period_end is not None and int(pid[6:10]) <= st.period_end.year - _OLDEST_CADRE:
            born = _birth(pid)
            if add_months(born, _OLDEST_CADRE * 12) <= st.period_end:  # 1900 on an ID: a slip, most likely
                out.add("age-implausible", t, row, "person_id", value=mask_id(pid), birth=born.isoformat(),
                        age=_OLDEST_CADRE)
        start = _date(st, t, row, vals, "start_date")
        if start is not None:
            if st.period_end is not None and start > st.period_end:
                if st.named_quarter is not None and start <= st.named_quarter[1].end:
                    written, named = st.named_quarter
                    out.add("date-after-period-named", t, row, "start_date", value=start.isoformat(),
                            period_end=st.period_end.isoformat(), quarter=str(written), named=str(named))
                else:
                    out.add("date-after-period", t, row, "start_date", value=start.isoformat(),
                            period_end=st.period_end.isoformat())
            if pid is not None:
                born = _birth(pid)
                adult = add_months(born, 18 * 12)
                if start < adult:
                    out.add("start-before-18", t, row, "start_date", value=start.isoformat(),
                            birth=born.isoformat())
        if (refused := _new_errors(out, errors_before)) or None in (village, name, pid, position, start):
            if village is not None:  # its cadre's row is refused: no "village without cadres" on top
                st.refused_villages.add(village)
            elif refused and st.township is None and (raw := _raw_village(village_raw)) is not None:
                st.refused_villages.add(raw)  # nor "without a 书记", the township not known (review R103)
            continue
        assert village is not None and name is not None and pid is not None
        assert position is not None and start is not None
        cadres.append(
            Cadre(
                person_id=pid,
                name=name,
                township=st.township or "",
                village=village,
                position=position,
                start_date=start,
                politics=_text(t, vals, "politics"),
                education=_text(t, vals, "education"),
                phone=phone_text(_text(t, vals, "phone")),
                source=Source(st.out.file, t.sheet, row),
            )
        )
    _said_only_above(out, only_above)  # (before the insertion below moves the indices)
    if misplaced >= max(3, rows // 2):  # one cause for hundreds of errors: said first, once
        out.add("columns-shifted", t, t.header_row + 1, "position", sheet=t.sheet, n=misplaced,
                label=t.cols["position"].header if "position" in t.cols else "")
        out.diags.insert(diags_before, out.diags.pop())  # before the errors it causes
    if not filled:
        # A township always has cadres: a roster with none is an unfinished file, and imported
        # it would replace the township's last version with nobody.
        out.add("roster-empty", sheet=t.sheet, row=t.header_row + 2)
        st.unfilled = True
    st.roster_ok = True
    st.roster = t
    return cadres


# --- 荣誉成就 -------------------------------------------------------------------------------


def _honours(st: _State, t: _Table) -> list[Honour]:
    out, lk = st.out, st.lk
    ach = st.policy.star_rules.achievement
    earning = set(ach.levels)
    items: list[Honour] = []
    seen: dict[tuple, list] = {}
    for row, vals in t.rows():
        before = len(out.diags)
        pid = _person_id(st, t, row, vals)
        name = _required_text(st, t, row, vals, "name")
        if pid is not None:
            _on_roster(st, t, row, pid, name)
        title = _required_text(st, t, row, vals, "title")
        _taken_back(st, t, row, title, "title", "fact")  # 优秀党务工作者（已撤销）, …（拟表彰）
        level_raw = _required_text(st, t, row, vals, "level")
        level = lk.levels(level_raw) if level_raw is not None else None
        if level_raw is not None and len(several := _several(lk.levels, level_raw, _LEVEL_NOT_PLACE)) > 1:
            # 县级 乡镇级, 乡镇级⏎县级: read as the last, with the first a place (review R149)
            out.add("level-several", t, row, "level", value=level_raw, count=len(several), levels="、".join(several),
                    allowed=lk.levels.allowed())
            level_raw = level = None
        if (level is None and level_raw is not None and (placed := _PLACED_LEVEL.match(norm(level_raw)))
                and not _LEVEL_NOT_PLACE.search(_LEVEL_AWARDED.sub("", placed.string[:placed.start(1)]))):
            level = lk.levels(placed.group(1))  # 吕梁市级, 山西省级: the place's level
        if level_raw is not None and level is None:
            out.add("unknown-level", t, row, "level", value=level_raw, allowed=lk.levels.allowed())
        elif level in earning and _noted_with(level_raw, _LEVEL_CHECK, _LEVEL_GRANTED):  # 县级（未附文件）: looked at
            out.add("level-note-check", t, row, "level", value=level_raw, level=level)
        when = _date(st, t, row, vals, "date")
        if when is not None and st.period_end is not None and level in earning:
            if when > st.period_end:
                out.add("date-future", t, row, "date", value=when.isoformat())
            elif when <= window_start(st.period_end, ach.window_months):
                out.add("honour-outside-window", t, row, "date", value=when.isoformat(),
                        months=ach.window_months)
        if _new_errors(out, before) or None in (pid, name, title, level, when):
            continue
        assert pid is not None and name is not None and title is not None
        assert level is not None and when is not None
        item = Honour(pid, name, title, level, when, _text(t, vals, "doc_no"), Source(out.file, t.sheet, row))
        _repeated(st, t, row, item, seen, "honour-repeated")
        items.append(item)
    return items


def _repeated(st: _State, t: _Table, row: int, item: Honour | Deduction, seen: dict[tuple, list], code: str) -> None:
    """Warn of a fact the sheet already holds (the identity scoring counts by): a pasted
    row twice is a clerk's slip more often than two events. Facts are compared whole only
    when person and date already meet (the folded identity costs more to make)."""
    earlier = seen.setdefault((item.person_id, item.date), [])
    key = item.key if earlier else None
    for first, other in earlier:
        # Counted once (domain/scoring.py _history): one identity, and for a deduction one 情形;
        # two 情形 on one day are two events, and no slip.
        if other.key == key and event_detail(other) == event_detail(item):
            numbered = bool(key[-1]) if code == "deduction-repeated" else True  # key[-1]: the folded 文号
            st.out.add(code, t, row, "person_id", value=mask_id(item.person_id), other_row=first,
                       same=W.REPEATED_SAME[numbered], apart=W.REPEATED_APART[numbered])
            break
    earlier.append((row, item))


_NOTE_OPENERS = frozenset("(（[［【〔")
# A roster row of a post nobody holds (姓名 空缺, no ID): no cadre to read.
_VACANT = re.compile(r"^[(\[【]?(?:暂时|职位|岗位)?(?:空缺|暂缺|暂空|缺员|缺额|缺|空|空岗|未配备|暂未配备|暂无人选|暂无|无人|未选出|待定|无)?(?:中)?"
                     r"(?:待(?:换届)?(?:补选|选举|选))?[)\]】]?$|^[/\-—]+$")
_VACANT_STARTS = frozenset("(（[【空暂缺待未职岗无/-—")  # a cheap first look at each 姓名
_BRACKETS_AND_SPACES = re.compile(r"[()\[\]【】\s]")
_VACANCY_HEAD = re.compile(r"(?<=.)[(\[【，,;；/、\-—\s]")  # 空缺（原书记辞职）, 空缺，待补选, 空缺/待补选: the word first


def _vacant_row(named: object, vals: Mapping[str, object]) -> bool:
    """Whether a roster row is a post nobody holds: a post, no ID, and a 姓名 blank or saying
    so (空缺, （空缺）, 暂无人选, 空缺（待补选）, /)."""
    if type(named) is str and named[:1] not in _VACANT_STARTS and named[:1].strip():
        return False  # the usual case, a name: one look at its first character
    text = cell_text(named)
    if text is not None and not _says_vacant(text):
        return False
    if text is None and cell_text(vals.get("start_date")) is not None:
        return False  # a cadre's row with the name and ID left out, not a vacancy: its blanks are errors
    if cell_text(vals.get("position")) is None:
        # 空缺 alone on its row, or with its village (review R114: four cells to fill, and
        # "这一行却填了身份证号" though it had none)
        return text is not None and all(is_blank(v) for k, v in vals.items() if k not in ("name", "remarks", "village"))
    return _no_id(vals.get("person_id"))


def _no_score(value: object) -> bool:
    """Whether a score cell of a vacant post's row holds no score: blank, a placeholder (/, —,
    无) or 0 (no one was scored)."""
    if is_blank(value) or value == 0:
        return True
    if not isinstance(value, str):
        return False
    text = norm(value)
    return bool(_PLACEHOLDER.match(text) or _VACANT.match(text)) or re.fullmatch(r"0+(?:\.0+)?", text) is not None


def _says_vacant(text: str) -> bool:
    """Whether a 姓名 says the post is vacant (空缺, 空缺（原书记辞职）, 空缺，待补选: the word
    before the note)."""
    return text[:1] in _VACANT_STARTS and _VACANT.match(_VACANCY_HEAD.split(norm(text))[0]) is not None


# A post's note saying no one holds it, clause by clause (空缺; 空缺，待补选; 暂缺人选): a note
# that goes on to fill it (空缺，2022年8月已补选; 暂缺，由委员代理) or says less (暂无) is not one.
_POST_VACANT = re.compile(r"^(?:现|目前|该岗位|该职|职位|岗位|暂时)?(?:空缺|暂缺|缺员|缺额|缺位|出缺|缺|空岗|暂空|空|未配备|暂未配备|"
                          r"暂无人选|无人选|暂缺人选|暂无人|无人|未选出)(?:中)?(?:待(?:换届)?(?:补选|选举|选|配备))?$"
                          r"|^待(?:换届)?(?:补选|选举|配备)$")
_VACANCY_CHARS = frozenset("缺空无無未")  # a cheap first look at a post with a note (before folding)


def _vacancy_noted(post: str) -> str | None:
    """The note of a post read as held that says the post is vacant (委员（空缺）, 监委会主任，暂缺,
    书记（空缺，待补选）), as written; None for other notes (书记（主任空缺）: the other post's;
    委员（空缺，8月已补选）: filled since)."""
    if _VACANCY_CHARS.isdisjoint(post):
        return None
    for note in _notes_of(post):
        clauses = [c.strip() for c in re.split(r"[,，;；、/\s]+", norm(note)) if c.strip()]
        if clauses and all(_POST_VACANT.match(c) for c in clauses):
            written = WRITTEN_NOTE.search(post.strip())
            return written.group(1).strip() if written is not None and written.group(1).strip() else note.strip()
    return None


def _no_id(value: object) -> bool:
    """Whether an ID cell holds no ID: blank, a placeholder (无, /) or a vacancy's word."""
    text = cell_text(value)
    return text is None or bool(_PLACEHOLDER.match(norm(text))) or bool(_VACANT.match(norm(text)))
_EXTRA_KEYS = frozenset(k for cols in W.EXTRA_COLUMNS.values() for k in cols)
# Words in a level's or a sanction's note worth a second look, though nothing plainly takes it back.
_LEVEL_CHECK = re.compile(r"推荐|公示|候选|提名(?!奖)|申报|审批|上报|(?<!曾)未|待|撤|收回|取消|文号|证书|原件|拟")
# 县级（公示后已发文）, （镇党委推荐，县委表彰）: settled
_LEVEL_GRANTED = re.compile(r"已(?:正式)?(?:发文|下文|表彰|授予|颁发)|[县市省](?:委|政府|里)[^，,；;。未没待拟不]{0,4}?(?:表彰|发文|授予|颁发|评定)")
_OUTCOME_CHECK = re.compile(r"(?<![未没不无整])(?:改|复查|复议|复核|申诉|撤(?!职)|恢复|免予|不予|平反|纠正|填错|原为|原是|原来是|原先是)"
                            r"(?!正常|党员权利|村委会职务|党内职务)")
# A note naming another sanction not given, or given before (警告（未给予政务处分）, 严重警告（受警告处分期间再次
#违纪）, 政务记过（此前受过警告）: review R151): one sanction with its story, not two
_OUTCOME_HISTORY = re.compile(r"未|无|不|没|非|免|期间|此前|之前|以前|曾|受过|再")


# A sanction's note that speaks of approval or of carrying it out (批, 审, 通过, 同意, 执行, 生效, 报请, 上报 …):
# in force only when its last such clause says so with no word of waiting, need or refusal (未, 尚, 还,
# 待, 正在, 需, 须, 等, 拟, 报 … for approval; 批准后… only when done, 已于…, or dated in the period, even
# by its month alone), no date of approval or effect falls after the period, and nothing says it is suspended. Clauses of the offence itself (未批先建, 未经批准外出务工, 年度考核未通过,
# 因未执行换届纪律) are no such words. Reviews R149–R155 each found notes misread by finer wording rules,
# in both directions: what is left open is the clerk's to settle (outcome-not-in-force).
_IN_FORCE_WORDS = re.compile(r"批|审批|审定|通过|同意|执行|生效|宣布|报请|提请|呈报|上报|已报|报县|报乡|报市|下达|下文|下来"
                             r"|意见|建议")
_IN_FORCE_SAID = re.compile(r"批准|批复|已批|批了|批下来|同意|审批|审定|通过|执行|生效|宣布|下达|下文")
_NOT_YET = re.compile(r"未|没|不|尚|还|待|正在|需|须|等|拟|申请|报请|提请|呈报|上报|报|中$|意见|建议|初步|(?:支部|党员)大会")
_SUSPENDED = re.compile(r"^暂缓(?:执行|生效|处理|处分)?$|暂缓执行|暂未执行|尚未执行|尚未生效|暂停执行|中止执行|停止执行"
                        r"|(?:处分|决定|处理)[^，,；;。]{0,4}?(?:暂|尚|还|仍)?(?:未|没有?)(?:执行|生效|落实)"
                        r"|^(?:目前|现在?|暂|尚|还|仍)?(?:未|没有?)(?:执行|生效|落实)$")
_SANCTION_OFFENCE = re.compile(r"擅自|私自|违规|违反|未批先|先建|未按规定|开工|施工|建房|占用|外出|务工|挪用|发包|出租|签订"
                               r"|侵占|截留|出境|离岗|擅离|考核|评议|纪律|制度|收受|骗取|利用|备案|归档|存档"  # (filing is no approval)
                               r"|不力|上级决定|政策|贯彻|变卖|转让|审计"
                               r"|未(?:下达|下发|宣布)前")  # 未下达前已谈话提醒: what was done before (R51)
_DATED_IN = re.compile(r"\d{4}\s*年|\d{4}[-./]\d{1,2}|\d{1,2}\s*月")  # 8月批准后执行 is dated too


def _not_in_force(raw: str, until: date | None) -> str | None:
    """The note of a 处理结果 cell that leaves open whether the sanction is in force (see
    _IN_FORCE_WORDS), else None."""
    notes = _notes_of(raw)
    clauses = [c.strip() for n in notes for c in re.split(r"[，,；;。]", n) if c.strip()]
    if any(_SUSPENDED.search(c) for c in clauses):
        return "，".join(n.strip("，, ") for n in notes)
    speaking = [c for c in clauses if _IN_FORCE_WORDS.search(c) and not _SANCTION_OFFENCE.search(c)]
    if not speaking:
        return None
    if until is not None and any(dated_after(c, until) for c in speaking):
        return "，".join(n.strip("，, ") for n in notes)  # 2022年10月经县纪委批准 in a 2022Q3 return (R156)
    last = speaking[-1]
    waits = _NOT_YET.search(_BY_WAY_OF.sub("经", last)) is not None  # 报经…批准, 经乡纪委报县纪委批准: settled
    later = _APPROVED_THEN.search(last) is not None and "已" not in last and not (  # 批准后执行: to come;
        until is not None and _DATED_IN.search(last) is not None and not dated_after(last, until))  # 已于8月…: done
    shown = "，".join(n.strip("，, ") for n in notes)
    return shown if waits or later or not _IN_FORCE_SAID.search(last) else None


_APPROVED_THEN = re.compile(r"(?:批准|批复|同意|审批|审定|通过|批)后")  # not 经县纪委研究后批准


_BY_WAY_OF = re.compile(r"经[^，,；;。]*?报|报经")


def _sanction_story(rest: str) -> bool:
    return bool(_OUTCOME_CHECK.search(rest) or _OUTCOME_HISTORY.search(rest))


# What may stand beside a measure named in a clause of its own: joining words and counts
# (考核问责、负面情形各一次, 违纪违法、负面情形两项, 考核问责及负面情形均有: R152); anything else is its story
# (负面情形，信访问题被问责: R151).
_MEASURE_COUNTS = re.compile(r"[和及与兼各共均有为计次项起件个\d一二两三四五六七八九十]*")


def _measure_story(rest: str) -> bool:
    return not _MEASURE_COUNTS.fullmatch(rest)


_CLAUSE_BREAKS = re.compile(r"[,，;；。、:：()\[\]【】〔〕/]")


# A clause telling that a heavier sanction named in it was changed, or not given: 原为撤销党内职务, 改为, 未开除党籍,
# 够不上开除党籍 (R154); not 悔改, 申诉期间, 复查后 (the veto then given stands: R154)
_HEAVY_UNDONE = re.compile(r"改为|改成|原为|原是|更正为|应为|实为|未达到|达不到|(?:未|没有?|不|不予|免予|够不上|不够|不至于|未予|未被|没被)"
                           r"(?:给予|给|被|予以|作出|受到?)?(?:撤销|开除|留党|刑事|追究)")


def _standing(matcher: Matcher, raw: str, story: Callable[[str], bool], heavy: Container[str] = ()) -> list[str]:
    """The values of ``matcher`` named in ``raw`` (folded, cut into clauses at marks and brackets)
    that stand in a clause whose other words tell no ``story``, each once, in order: two of them
    are two values in one cell (警告，开除党籍（再次违纪）: the note's words are its own clause's, R152).
    A ``heavy`` value (a veto) named after a lighter first one stands whatever its clause tells
    but a change (严重警告，不久再次违纪被开除党籍: the veto is not to be lost unseen, R153)."""
    found: list[str] = []
    first: str | None = None
    for clause in _CLAUSE_BREAKS.split(norm(raw)):
        named, rest = matcher.named_in(clause) if clause else ([], "")
        first = first or (named[0] if named else None)
        if named and not story(rest):
            found += [n for n in named if n not in found]
        elif named and first not in heavy and not _HEAVY_UNDONE.search(clause):
            found += [n for n in named if n in heavy and n not in found]
    if found and first is not None and first not in found:
        found.insert(0, first)  # 警告（…开除党籍…）: the one read is one of the two
    return found
# A case passed on to the courts (警告，已移送司法机关): counted as written, the note looked at
_REFERRED = re.compile(r"移送(?:司法|检察|公安|监察)|司法机关|立案侦查|涉嫌犯罪")
# 经申诉维持原处分, 本人撤回申诉, 未提出申诉: settled
_UPHELD = re.compile(r"维持|驳回|(?:未|不予|没有|未予)(?:撤销|改变|撤消)|撤回(?:了)?申诉|申诉(?:已经?)?撤回|未(?:提出)?申诉|没有申诉")


def _noted_with(raw: str | None, words: re.Pattern[str], settled: re.Pattern[str] | None = None,
                drop: str = "") -> bool:
    """Whether ``raw`` has a note (see :func:`_notes_of`) holding one of ``words`` (``drop``
    taken out first), and not saying the matter is ``settled``."""
    return raw is not None and any(words.search(n.replace(drop, "") if drop else n) and not (
        settled is not None and settled.search(n)) for n in _notes_of(raw))


def _taken_back(st: _State, t: _Table, row: int, raw: str | None, col: str, kind: str) -> bool:
    """Refuse a name or fact whose note takes it back (see :func:`withdrawing_note`):
    张斌（已离任）, 穆平【已离任】, 穆平 已离任, 违纪违法（已撤销）. True when refused."""
    if raw is None:
        return False
    note = withdrawing_note(raw, kind) if not _NOTE_OPENERS.isdisjoint(raw) else None
    if note is None and kind == "person" and len(parts := raw.split()) > 1 and withdrawing(norm(parts[-1]), kind):
        note = parts[-1]
    if note:
        st.out.add("value-withdrawn", t, row, col, value=mask_numbers_in(raw) if kind == "person" else raw, note=note,
                   more=DM.WITHDRAWN_LEAVER if kind == "person" else "")
    return bool(note)


def _shown_otherwise(st: _State, t: _Table, row: int, system: str, score: Decimal, places: int) -> None:
    """A score whose cell's number format shows it rounded to the other side of the star's
    threshold (89.6 formatted 0 shows 90, review R70): the clerk, the officer and the printout
    see one score, the stars follow the one stored. Said; the stored one is read."""
    threshold = st.policy.star_rules.systems.threshold
    shown = score.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    if (shown >= threshold) != (score >= threshold):
        st.out.add("score-shown-rounded", t, row, system, value=plain_number(score), shown=f"{shown:.{places}f}",
                   places=DM.PLACES_SHOWN[places],
                   effect=(DM.SCORE_BELOW if score < threshold else DM.SCORE_REACHES).format(threshold=plain_number(threshold)))


_Blank = tuple[int, int, str, dict[str, str]]  # (index in out.diags, row, code, its fields)


def _said_blank(out: _Out, t: _Table, row: int, col: str, code: str, blanks: list[_Blank],
                otherwise: tuple[str, dict[str, str]] | None, **ctx: Any) -> None:
    """A blank cell said as ``code``; with a value above it, kept in ``blanks`` to be told
    ``otherwise`` (code, fields) where blanks run (see :func:`_said_only_above`)."""
    at = len(out.diags)
    out.add(code, t, row, col, **ctx)
    if otherwise is not None and len(out.diags) > at:
        blanks.append((at, row, *otherwise))


def _said_only_above(out: _Out, blanks: list[_Blank]) -> None:
    """Blank cells under a filled one, said "为空" as they were found, told instead that each
    row needs its own value (固贤村 on its first cadre's row only: review R147) where they are
    the sheet's layout: two or more in a row of the same column. A single blank is a slip,
    said as such (R151, R152: "只填在了第一行" of another village's first row)."""
    rows = {(row, code) for _at, row, code, _ctx in blanks}
    for at, row, code, ctx in blanks:
        if (row - 1, code) in rows or (row + 1, code) in rows:
            d = out.diags[at]
            assert d.row == row and d.code in _BLANK_CODES | {"village-required"}, (d, row)  # nothing moved it
            out.diags[at] = make(code, file=d.file, sheet=d.sheet, row=d.row, column=d.column, header=d.header,
                                 value=d.value, **ctx)


def _income_shown_otherwise(st: _State, t: _Table, row: int, vals: Mapping[str, object], last: Decimal,
                            this: Decimal) -> None:
    """Incomes whose cells' number format shows them rounded to the other side of the bonus's
    growth line (10.004 → 11 formatted 0.00 shows 10.00 → 11.00, exactly 10 %: review R150).
    Said; the stored figures are read, as a score's are (see :func:`_shown_otherwise`)."""
    rule = st.policy.pay.bonus
    if st.period_end is None or Quarter.of(st.period_end).q != rule.quarter:
        return  # no bonus this quarter: nothing follows the line (self-review)
    rounded = st.rounded_cells.get(t.sheet, {}).get(row - 1, {})
    places = {k: rounded.get(c.index) for k in ("last_year", "this_year") if (c := t.cols.get(k)) is not None}
    if not any(p is not None for p in places.values()) or isinstance(vals.get("last_year"), str) \
            and isinstance(vals.get("this_year"), str):
        return
    qualifies = rule.qualifies

    def shown(key: str, value: Decimal) -> Decimal:
        p = places.get(key)
        return value if p is None or isinstance(vals.get(key), str) else value.quantize(Decimal(1).scaleb(-p), ROUND_HALF_UP)

    seen_last, seen_this = shown("last_year", last), shown("this_year", this)
    if qualifies(seen_last, seen_this) != qualifies(last, this):
        st.out.add("income-shown-rounded", t, row, "this_year", value=f"{plain_number(last)} → {plain_number(this)}",
                   last=plain_number(last), this=plain_number(this), seen_last=seen_last, seen_this=seen_this,
                   effect=(DM.INCOME_REACHES if qualifies(last, this) else DM.INCOME_SHORT).format(
                       growth=plain_number(rule.growth_min * 100)))


def _new_errors(out: _Out, before: int) -> bool:
    return any(d.is_error for d in out.diags[before:])


# --- 六大体系评分 ---------------------------------------------------------------------------


def _scores(st: _State, t: _Table) -> list[SystemScores]:
    out = st.out
    rule = st.policy.star_rules.systems
    lo, hi = rule.score_min, rule.score_max
    # Scores of at most 1 look like a percent format's fractions only on a large scale: on
    # one of 5 or 10 points, 1 and 0.5 are real (low) scores.
    # (With a system's column missing the sheet is refused already: percents can wait.)
    percent_like = hi >= PERCENT_SCALE_MIN and not t.missing
    percent = st.percent_cells.get(t.sheet, {})
    rounded = st.rounded_cells.get(t.sheet, {})
    seen: dict[str, int] = {}
    items: list[SystemScores] = []
    # (row, system, cell) of single scores strictly between 0 and 1: 95% typed into a percent
    # cell. Exactly 1 may be a real (if dismal) score, unless its cell is formatted as percent
    # (100%); a row of them is refused on its own.
    fractions: list[tuple[int, str, object]] = []
    # Names on rows whose ID is unreadable or not the roster's: a roster cadre of that name
    # has a score row, its ID mistyped (said on that row), not "no score row".
    strays: dict[str, list[str]] = {}  # folded name -> the IDs written on those rows
    start = len(out.diags)
    rows = blank_rows = 0  # rows read; of them, rows with no score at all
    first_row: int | None = None
    n_systems = len(st.lk.systems)
    for row, vals in t.rows():
        before = len(out.diags)
        named = vals.get("name")
        if type(named) is str and named[:1] in _VACANT_STARTS and _says_vacant(named) \
                and _no_id(vals.get("person_id")) and all(_no_score(vals.get(s)) for s in st.lk.systems):
            out.add("scores-vacant", t, row, "name", value=named.strip())  # 空缺 | (no ID) | (no score: /, —, 0)
            continue
        if _name_only(st, t, row, vals, ""):
            st.scores_name_only.add(norm(cell_text(named) or ""))
            continue
        rows += 1
        first_row = row if first_row is None else first_row
        pid = _person_id(st, t, row, vals)
        name = _required_text(st, t, row, vals, "name")
        if name is not None and (pid is None or pid not in st.people):
            raw = vals.get("person_id")  # an ID kept as a number: its first 15 digits, then zeros
            digits = str(int(raw)) if type(raw) is float and math.isfinite(raw) and raw >= 1 else None
            written = digits[:15].ljust(len(digits), "0") if digits is not None else cell_text(raw)
            strays.setdefault(norm(name), []).append(pid or written or "")
        if pid is not None and st.roster_ok and pid not in st.people and all(
                is_blank(vals.get(s)) for s in st.lk.systems) and not (name and norm(name) in st.bad_ids):
            # A row the template pre-filled for a cadre since deleted from the roster (left):
            # one error saying so, not "register this person" and a blank score per system.
            out.add("scores-row-left-over", t, row, "person_id", value=mask_id(pid), pid=mask_id(pid))
            blank_rows += 1  # (its every score blank, as just seen)
            continue
        if pid is not None:
            if pid in seen:
                out.add("scores-duplicate", t, row, "person_id", value=mask_id(pid), pid=mask_id(pid),
                        other_row=seen[pid])
            else:
                seen[pid] = row
                _on_roster(st, t, row, pid, name)
        scores: dict[str, Decimal] = {}
        blanks = 0
        for system in st.lk.systems:
            v = vals.get(system)
            if is_blank(v):
                blanks += 1
                out.add("required-missing", t, row, system)
                continue
            d = cell_decimal(v, ("分",))
            if d is None:
                spelt = chinese_numeral(v, ("分",))
                if spelt is not None and lo <= spelt <= hi:  # 九十五: refused, with the digits to write
                    out.add("score-in-chinese-numerals", t, row, system, value=cell_text(v), number=plain_number(spelt),
                            min=lo, max=hi)
                else:
                    out.add("score-not-number", t, row, system, value=cell_text(v), min=lo, max=hi)
            elif not lo <= d <= hi:
                out.add("score-out-of-range", t, row, system, value=cell_text(v), min=lo, max=hi)
            else:
                scores[system] = d
                if rounded and type(v) is float and (places := rounded.get(row - 1, {}).get(t.cols[system].index)) \
                        is not None:
                    _shown_otherwise(st, t, row, system, d, places)
        if blanks == n_systems:
            blank_rows += 1
        if percent_like and len(scores) == len(st.lk.systems) and next(iter(scores.values())) <= 1 \
                and all(d <= 1 for d in scores.values()) and any(d > 0 for d in scores.values()):
            # 95% typed into a percent-formatted cell is saved as 0.95 (100% as 1): out of 100
            # it would rate nobody. Six scores none above 1 are not scores out of 100.
            first = st.lk.systems[0]
            out.add("score-looks-like-percent", t, row, first, value=cell_text(vals.get(first)), max=plain_number(hi),
                    n=len(scores), example=score_example(hi))
        elif percent_like and scores and min(scores.values()) <= _ONE:  # nearly never: one test a row
            # A 1 is a real (if dismal) score, unless its cell shows it as 100%.
            shown = percent.get(row - 1, frozenset())
            fractions += [(row, s, vals.get(s)) for s, d in scores.items()
                          if 0 < d < 1 or (d == 1 and t.cols[s].index in shown)]
        if _new_errors(out, before) or pid is None or name is None or len(scores) < len(st.lk.systems):
            continue  # (a system's column missing: the sheet is refused, its rows checked all the same)
        items.append(SystemScores(pid, name, scores, Source(out.file, t.sheet, row)))
    if rows and blank_rows == rows and not t.missing:
        # The pre-filled rows sent back with no score at all (a template returned unfilled): one
        # error saying so, not a blank score per system and cadre (1,110 for a large township).
        letters = {t.cols[s_].letter for s_ in st.lk.systems if s_ in t.cols}
        out.diags[start:] = [d for d in out.diags[start:] if not (d.code == "required-missing" and d.sheet == t.sheet
                                                                   and d.column in letters)]
        out.add("scores-unfilled", t, first_row, st.lk.systems[0], n=rows)
        return items
    percent_columns = _percent_columns(st, t, items, hi) if percent_like and len(items) > 1 else set()
    for row, system, v in fractions:
        # One cell of a row formatted as percent: 95% typed there is 0.95, a score no cadre gets.
        if system not in percent_columns:
            # Typed as text (".5", "0.9"), no cell format made it a fraction: no percent story.
            out.add("score-below-one" if isinstance(v, str) else "score-cell-percent", t, row, system,
                    value=cell_text(v), max=plain_number(hi), example=score_example(hi))
    if st.roster_ok:
        missing = [(pid, p) for pid, p in st.people.items() if pid not in seen]
        # One row of a name excuses one cadre of it: first the one whose ID it nearly is (a slip
        # of a digit or two), then in roster order.
        excused: set[str] = set()
        for near in (True, False):
            for pid, person in missing:
                written = strays.get(norm(person.name or "")) if pid not in excused else None
                hit = next((w for w in written or () if not near or _near_id(w, pid)), None)
                if hit is not None:
                    written.remove(hit)  # type: ignore[union-attr]
                    excused.add(pid)
        for pid, person in missing:
            if pid not in excused and norm(person.name or "") not in st.scores_name_only:
                # (a score row left with only this name says to fill it in: not "add a row", review R114)
                # Said at the cadre's roster row (the clerk finds the person there, and the
                # annotated copy marks it): the row that is missing has no cell of its own.
                out.add("scores-missing", st.roster, person.row, "person_id", value=mask_id(pid),
                        name=person.name or mask_id(pid), roster_row=person.row, scores=t.sheet)
    return items


def _near_id(written: str, pid: str) -> bool:
    """Whether an ID as written is ``pid`` but for a digit or two (or its case), or is ``pid``
    as Excel keeps it as a number (its first 15 digits, then zeros)."""
    w = written.strip().upper()
    if len(w) != len(pid):
        return False
    differ = [i for i, (a, b) in enumerate(zip(w, pid, strict=True)) if a != b]
    return len(differ) <= 2 or (w.endswith("000") and min(differ) >= 15)


def _percent_columns(st: _State, t: _Table, items: list[SystemScores], hi: int | Decimal) -> set[str]:
    """A system's column formatted as percent (0.93 for 93%) beside columns of real scores:
    every score in it at most 1, a fraction among them, while another column goes above 1.
    Returns the systems refused so."""
    tops = {s: max(x.scores[s] for x in items) for s in st.lk.systems}
    if max(tops.values()) <= 1:
        return set()  # the whole sheet (each row is refused on its own)
    found = set()
    for s, top in tops.items():
        if top <= 1 and any(x.scores[s] != x.scores[s].to_integral_value() for x in items):
            st.out.add("score-column-percent", t, t.header_row + 1, s, value=str(top), max=plain_number(hi),
                       example=score_example(hi))
            found.add(s)
    return found


# --- 降星事项 -------------------------------------------------------------------------------


def _deductions(st: _State, t: _Table) -> list[Deduction]:
    out, lk = st.out, st.lk
    rules = st.policy.star_rules.deductions.measures
    outcome_column_reported = False
    items: list[Deduction] = []
    seen: dict[tuple, list] = {}
    for row, vals in t.rows():
        before = len(out.diags)
        pid = _person_id(st, t, row, vals)
        name = _required_text(st, t, row, vals, "name")
        if pid is not None:
            _on_roster(st, t, row, pid, name)
        measure_raw = _required_text(st, t, row, vals, "measure")
        measure = lk.measures(measure_raw) if measure_raw is not None else None
        # 违纪违法（已撤销）, 违纪违法【已撤销】: said so, whether or not the measure was read
        if _taken_back(st, t, row, measure_raw, "measure", "fact"):
            measure = None
        elif measure_raw is not None and len(several := _standing(lk.measures, measure_raw, _measure_story)) > 1:
            # 违纪违法⏎负面情形: two events in one row, which were read as the first (review R149)
            out.add("measure-several", t, row, "measure", value=measure_raw, count=len(several),
                    measures="、".join(several))
            measure = None
        elif measure_raw is not None and measure is None:
            # 严重警告 in the 措施 column: the 处理结果 of a measure (review R83: the clerk chose the
            # measure, then heard of the empty 处理结果 in a second round)
            of = next((m for m, r in rules.items() if (r.by_outcome or r.veto) and lk.outcomes[m](measure_raw)), None)
            out.add("outcome-for-measure" if of else "unknown-measure", t, row, "measure", value=measure_raw,
                    allowed=lk.measures.allowed(), measure=of or "")
        outcome_raw = _text(t, vals, "outcome")
        outcome: str | None = outcome_raw
        if measure is not None:
            rule = rules[measure]
            matcher = lk.outcomes[measure]
            interpreted = bool(rule.by_outcome or rule.veto)
            if outcome_raw is None:
                if rule.outcome_required:
                    if "outcome" in t.cols:
                        out.add("outcome-required", t, row, "outcome", measure=measure, allowed=matcher.allowed())
                    elif not outcome_column_reported:
                        # The column is optional until a row needs it: report it once.
                        out.add("missing-column", sheet=t.sheet, header=W.COLUMNS["deductions"]["outcome"][0])
                        outcome_column_reported = True
            elif (not interpreted or matcher(outcome_raw) is None) and (
                    note := withdrawing_note(outcome_raw, "sanction" if interpreted else "outcome")):
                # 诫勉谈话（已撤销）, 重大安全事故（拟）: whatever the measure, not an event to count;
                # 留党察看（后经申诉改为严重警告）: where the outcome decides, not this one (the matcher
                # reads 警告（更正为党内警告） as the outcome it is)
                out.add("value-withdrawn", t, row, "outcome", value=outcome_raw, note=note, more="")
            elif not interpreted:
                _other_measures_outcome(st, t, row, measure, outcome_raw)
            elif matcher(_head_of(outcome_raw)) is not None \
                    and (unsettled := _not_in_force(outcome_raw, st.period_end)) is not None:
                # 开除党籍（待批）, （县纪委尚未批复）, （经县纪委批准后执行）, （暂缓执行）: whether it is in force is
                # the clerk's to say (reviews R149–R156 found no finer wording rule that reads them all right)
                out.add("outcome-not-in-force", t, row, "outcome", value=outcome_raw, note=unsettled,
                        outcome=matcher(_head_of(outcome_raw)))
            elif len(several := _standing(matcher, outcome_raw, _sanction_story, rule.veto)) > 1:
                # 政务撤职 留党察看一年, 党内警告、开除党籍: one event, two sanctions; read as the first
                # with a note, the veto after it was lost (review R147). Not a sanction named in a
                # clause telling of a change or of its history (警告（复查中，可能改为严重警告）: outcome-note-check
                # below; 警告（未给予政务处分）, 严重警告（受警告处分期间再次违纪）: R151).
                heaviest = max((o for o in several if o in rule.veto), key=rule.veto.index, default=None) or max(
                    several, key=lambda o: rule.by_outcome.get(o, 0))
                out.add("outcome-several", t, row, "outcome", value=outcome_raw, count=len(several),
                        outcomes="、".join(several), heaviest=heaviest)
            else:
                outcome = matcher(outcome_raw)
                if outcome is None and rule.per_event is not None and not rule.outcome_required:
                    # An outcome the rule does not list costs per_event: kept as written, and
                    # said, since a slip in a vetoing one (重大安全责任事故) would cost one star.
                    outcome = outcome_raw
                    out.add("outcome-not-listed", t, row, "outcome", value=outcome_raw, measure=measure,
                            stars=rule.per_event, allowed=matcher.allowed())
                elif outcome is None:
                    out.add("unknown-outcome", t, row, "outcome", value=outcome_raw, measure=measure,
                            allowed=matcher.allowed())
                elif _noted_with(outcome_raw, _OUTCOME_CHECK, _UPHELD,  # 警告（复查中）: counted as written, looked at
                                 drop="撤销" if outcome.startswith("撤销") else "") \
                        or _REFERRED.search(outcome_raw):  # 撤销党内职务（已于8月撤销）; 警告、移送司法机关 (R147)
                    out.add("outcome-note-check", t, row, "outcome", value=outcome_raw, outcome=outcome)
        when = _date(st, t, row, vals, "date")
        if when is not None and st.period_end is not None and when > st.period_end:
            out.add("date-future", t, row, "date", value=when.isoformat())
        elif when is not None and st.period_end is not None and \
                when <= window_start(st.period_end, st.policy.star_rules.deductions.window_months):
            # as an honour outside its window: read and kept, but of no effect this quarter
            out.add("deduction-outside-window", t, row, "date", value=when.isoformat(),
                    months=st.policy.star_rules.deductions.window_months)
        if _new_errors(out, before) or None in (pid, name, measure, when):
            continue
        assert pid is not None and name is not None and measure is not None and when is not None
        item = Deduction(pid, name, measure, _text(t, vals, "situation"), outcome, when,
                         _text(t, vals, "doc_no"), Source(out.file, t.sheet, row))
        _repeated(st, t, row, item, seen, "deduction-repeated")
        items.append(item)
    return items


def _other_measures_outcome(st: _State, t: _Table, row: int, measure: str, outcome: str) -> None:
    """Warn of a result that another measure rates otherwise than ``measure`` does (开除党籍 or
    严重警告 written under 考核问责): kept as text and counted as ``measure``, as §4a says,
    but a veto filed under the wrong measure would cost one star."""
    rules = st.policy.star_rules.deductions.measures
    stars = rules[measure].per_event
    for other, rule in rules.items():
        found = st.lk.outcomes[other](outcome) if other != measure and (rule.by_outcome or rule.veto) else None
        if found is None or (found not in rule.veto and rule.by_outcome.get(found) == stars):
            continue
        effect = DM.VETO_EFFECT if found in rule.veto else DM.STARS_EFFECT.format(stars=rule.by_outcome[found])
        st.out.add("outcome-of-other-measure", t, row, "outcome", value=outcome, other=other, effect=effect,
                   measure=measure, stars=stars)
        return


# --- 任务进度 -------------------------------------------------------------------------------


# Letters a clerk may type for digits in an id after its first letter (MO1, M0l, ＭＯ１).
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "Ｏ": "0", "ｏ": "0", "〇": "0", "l": "1", "I": "1",
                                   "ｌ": "1", "Ｉ": "1"})


def _measure_id(lk: _Lookups, raw: str) -> str | None:
    key = norm(raw)
    hit = lk.measure_ids.get(key)
    if hit is not None:
        return hit
    m = _MEASURE_ID.match(key)
    if m is None:
        return None
    prefix = m.group(1)
    number = int(m.group(2))
    if prefix:
        return lk.measure_numbers.get((prefix, number))
    # A bare number: accepted only when exactly one id prefix exists in the policy.
    prefixes = {p for p, _n in lk.measure_numbers}
    return lk.measure_numbers.get((next(iter(prefixes)), number)) if len(prefixes) == 1 else None


def _progress(st: _State, t: _Table) -> list[Progress]:
    # The sheet has a row per measure and village (hundreds), and its coded cells repeat a
    # few dozen values: each distinct cell is read and matched once (keyed by the text
    # itself, other values with their type, since 1 == 1.0 == True).
    out, lk = st.out, st.lk
    levels = {m.id: m.level for m in st.policy.measures}
    town_villages = lk.villages.get(st.township, {}) if st.township is not None else None
    measures: dict[object, tuple[str | None, str | None]] = {}
    statuses: dict[object, tuple[str | None, str | None]] = {}
    villages: dict[object, tuple[str | None, str | None]] = {}
    has_village = "village" in t.cols
    values = st.policy.completion.status_values
    top = max(values, key=lambda k: values[k])  # the status of full credit (已完成)
    higher: dict[str, tuple[str, str] | tuple[()]] = {}  # status cell text -> what its note says (_status_note)
    shares_ok: dict[tuple[str, object, bool], bool] = {}  # (status, 完成值, in a percent cell) -> agrees
    noted: dict[str, bool] = {}  # 完成状态 cell of full credit -> its note is worth a look
    file, sheet = out.file, t.sheet
    seen: dict[tuple[str, str | None], int] = {}
    contents: dict[tuple[str, str | None], tuple[object, ...]] = {}  # the cells of the row seen
    blank: dict[tuple[str, str | None], int] = {}  # pre-filled rows left blank: where the warning points
    items: list[Progress] = []
    unplaced = False  # a row refused whose measure or village is not known
    # well-formed measure ids the policy has not (M11 dropped since): id -> first row; rows of
    # another policy's template, no slip for a measure missing (review R122)
    foreign: dict[str, int] = {}
    above: str | None = None  # the village of the last village-level row that gave one
    measure_above: str | None = None  # the 举措编号 of the last row that gave one
    only_above: list[_Blank] = []  # blank 举措编号 or villages under filled ones (see _said_only_above)
    for row, vals in t.rows():
        before = len(out.diags)
        cell = vals.get("measure_id")
        key = cell if type(cell) is str else (type(cell), cell)
        hit = measures.get(key)
        if hit is None:
            text = cell_text(cell)
            hit = measures[key] = (text, _measure_id(lk, text) if text is not None else None)
        raw, mid = hit
        if raw is None:  # M39 on its first village's row only (review R147)
            _said_blank(out, t, row, "measure_id", "required-missing", only_above,
                        ("measure-only-above", {"measure": measure_above}) if measure_above else None)
        else:
            measure_above = raw
        if raw is not None and mid is None:
            titled = next((m.id for m in st.policy.measures if norm(m.title) == norm(raw)), None)
            numbered = _TASK_ID.match(norm(raw).upper())
            task = next((k for k in st.policy.tasks if numbered and int(k.id[1:]) == int(numbered.group(1))), None)
            if titled is not None:  # the measure's title written where its number goes
                out.add("measure-title-for-id", t, row, "measure_id", value=raw, measure=titled)
            elif task is not None:  # T01: the key task's number, not one of its measures'
                serving = [m.id for m in st.policy.measures if task.id in m.tasks]
                out.add("task-id-for-measure", t, row, "measure_id", value=raw, task=task.id,
                        measures="、".join(serving) or "—")
            else:
                ids = [m.id for m in st.policy.measures]
                # M01–M85 with M03 left out of this policy: the range alone would seem to hold it
                gaps = len(ids) != int(ids[-1][1:]) - int(ids[0][1:]) + 1
                # M0l, ＭＯ１: a letter typed for a digit (review R82)
                meant = _measure_id(lk, raw[0] + raw[1:].translate(_DIGIT_LOOKALIKES)) if raw[1:] else None
                if meant is None and _OTHER_POLICY_ID.fullmatch(plain := norm(raw).upper()):
                    foreign.setdefault(plain, row)
                out.add("unknown-measure-id", t, row, "measure_id", value=raw, first=ids[0], last=ids[-1],
                        count=DM.MEASURES_COUNTED.format(n=len(ids)) if gaps else "",
                        suggest=DM.SUGGEST.format(name=meant) if meant else "")
        village: str | None = None
        village_raw: str | None = None
        if has_village:
            cell = vals.get("village")
            key = cell if type(cell) is str else (type(cell), cell)
            hit = villages.get(key)
            if hit is None:
                text = cell_text(cell)
                known = village_of(town_villages, st.township or "", text) \
                    if text is not None and town_villages is not None else None
                hit = villages[key] = (text, known)
            village_raw = hit[0]
        if mid is not None:
            if levels[mid] == "village":
                if village_raw is None:
                    _said_blank(out, t, row, "village" if has_village else "measure_id", "village-required", only_above,
                                ("village-only-above-measure", {"measure": mid, "village": above})
                                if above and has_village else None, measure=mid)
                elif town_villages is not None:  # no township: its 基本信息 problem is reported already
                    above = village_raw
                    village = hit[1]
                    if village is None and _several_villages(town_villages, st.township or "", village_raw):
                        out.add("village-list", t, row, "village", value=village_raw, measure=mid)
                    elif village is None:
                        out.add("unknown-village", t, row, "village", value=village_raw, township=st.township,
                                suggest=_village_suggest(st, village_raw))
            elif village_raw is not None:
                out.add("village-not-expected", t, row, "village", value=village_raw, measure=mid)
        cell = vals.get("status")
        if type(cell) in (int, float) and math.isfinite(cell) and _percent_cell(st, t, row, "status"):  # type: ignore[arg-type]
            cell = f"{plain_number(Decimal(str(cell)) * 100)}%"  # 1 in a 0% cell shows 100%, as typed text is read
        key = cell if type(cell) is str else (type(cell), cell)
        hit = statuses.get(key)
        if hit is None:
            text = cell_text(cell)
            hit = statuses[key] = (text, _status(st, text) if text is not None else None)
        status_raw, status = hit
        if status_raw is None and mid is not None and is_blank(vals.get("value")) and is_blank(vals.get("note")) \
                and (village is not None or village_raw is None) and not _new_errors(out, before):
            blank.setdefault((mid, village), row)
            continue  # a template's pre-filled row left blank: not reported, as if it were not there
        if status_raw is None:
            out.add("required-missing", t, row, "status")
        elif status is None:
            code = ("status-ambiguous" if norm(status_raw) in _AMBIGUOUS_STATUSES
                    else "status-note-doubts" if _done_doubt(status_raw, st.period_end) == "refused"
                    and lk.statuses(_head_of(status_raw))
                    else "status-percent" if _PERCENT_TEXT.fullmatch(norm(status_raw))  # 50% (review R82)
                    else "unknown-status")
            out.add(code, t, row, "status", value=status_raw, allowed=lk.statuses.allowed(),
                    status=lk.statuses(_head_of(status_raw)) or "")
        elif status == top and (look := noted.get(status_raw)) is not False:  # 已完成（部分资金自筹）: looked at
            if look is None:
                look = noted[status_raw] = norm(status_raw) != norm(status) and bool(
                    _done_doubt(status_raw, st.period_end))
            if look:
                out.add("status-note-check", t, row, "status", value=status_raw, status=status)
        elif status != top and len(status_raw) > len(status):
            said = higher.get(status_raw)
            if said is None:  # (worked out once per distinct cell text)
                said = higher[status_raw] = _status_note(st, status_raw, status, top)
            if said:  # 推进中（已全部完成）, （实际未启动）: counted as written, the note looked at (R49, R53, R149)
                out.add(said[0], t, row, "status", value=status_raw, status=status, top=top, other=said[1])
        if (mid is None and not (raw is not None and norm(raw).upper() in foreign)) \
                or mid is not None and village is None and (village_raw is not None or levels[mid] == "village"):
            unplaced = True  # a row whose measure or village is not known: it may be any one missing
        if mid is not None and (village is not None or village_raw is None):
            key = (mid, village)
            content = tuple(t.grid[row - 1])  # every cell, 举措内容 too: M03 typed over M04's row is no copy (R84)
            if key in seen:
                if contents[key] == content:  # the same row pasted twice: counted once (review R82)
                    out.add("progress-repeated", t, row, "measure_id", value=raw, measure=mid,
                            village=DM.VILLAGE_SUFFIX.format(village=village) if village else "", other_row=seen[key])
                    continue
                out.add("duplicate-progress", t, row, "measure_id", value=raw, measure=mid,
                        village=DM.VILLAGE_SUFFIX.format(village=village) if village else "",
                        other_row=seen[key])
            else:
                seen[key] = row
                contents[key] = content
        if mid is None or status is None or (len(out.diags) > before and _new_errors(out, before)):
            continue
        value, note = vals.get("value"), vals.get("note")  # mostly blank
        if value is not None and (("%" in value or "成" in value or "/" in value) if type(value) is str
                                  else type(value) in (int, float)) and not (
                shares_ok[sk] if (sk := (status, value, type(value) is str or _percent_cell(st, t, row, "value")))
                in shares_ok else shares_ok.setdefault(sk, _share_agrees(st, status, value, sk[2] is True))):
            shown = f"{Decimal(str(value)) * 100:f}".rstrip("0").rstrip(".") + "%" if not isinstance(value, str) else value
            out.add("status-value-differs", t, row, "value", value=shown, status=status)  # 已完成 beside 30%
        items.append(Progress(mid, village, status, None if value is None else _text(t, vals, "value"),
                              None if note is None else _text(t, vals, "note"), Source(file, sheet, row)))
    _said_only_above(out, only_above)
    sheet_refused = any(d.is_error and d.sheet == sheet for d in out.diags)
    # With rows refused whose measure or village is unknown, any missing one may be among them:
    # nothing to say until they are corrected. Otherwise the rows missing are missing all the
    # same, and the township hears of them with the errors, not on sending the file again (R82).
    present = {mid for mid, _v in seen} | {mid for mid, _v in blank}  # measures with a row, filled or not
    if st.township_ok and st.township is not None and not st.unfilled and not (sheet_refused and unplaced):
        _missing_progress(st, t, seen, blank, present)
    if foreign and not st.unfilled:
        _other_policy(st, t, foreign, present)
    return items


_OTHER_POLICY_ID = re.compile(r"[A-Z]{1,3}\d{2,4}")  # M11, T39M11 not: a measure id of a policy's form


def _quarter_named(st: _State) -> str:
    """The quarter the workbook is checked for (as 2023Q1), or 本季度 when not known."""
    return str(Quarter.of(st.period_end)) if st.period_end is not None else DM.THIS_QUARTER


def _other_policy(st: _State, t: _Table, foreign: dict[str, int], present: set[str]) -> None:
    """Say once that the table's measure ids are another policy's (those it has that this one
    has not, and this one's it lacks every row of): the workbook is another quarter's template,
    to be filled again on this quarter's (review R122)."""
    absent = [m.id for m in st.policy.measures if m.id not in present]
    differs = [DM.TEMPLATE_EXTRA_IDS.format(ids="、".join(list(foreign)[:_MORE_LIMIT])
                                           + (DM.IDS_MORE.format(n=len(foreign)) if len(foreign) > _MORE_LIMIT else ""))]
    if absent:
        differs.append(DM.TEMPLATE_ABSENT_IDS.format(ids="、".join(absent[:_MORE_LIMIT])
                                                     + (DM.IDS_MORE.format(n=len(absent)) if len(absent) > _MORE_LIMIT else "")))
    st.out.add("template-other-policy", t, None, None, sheet=t.sheet, quarter=_quarter_named(st),
               differs=DM.TEMPLATE_DIFFERS_SEP.join(differs))


_STATUS_TAIL = re.compile(r"^[✔✓√☑]?\s*(.*?)\s*(?:([✔✓√☑])|(?:[，,、;；]\s*(?:完成)?|约|达)?\s*(\d{1,3}(?:\.\d+)?)\s*%)?\s*$")


def _status(st: _State, text: str) -> str | None:
    """The status a 完成状态 cell names; also with a tick (已完成✔, √已完成) or a share written
    with it (推进中 60%, 推进中（完成率60%）, 已完成 100%), when every share agrees with the status's
    credit. A share that says otherwise (完成60%, 已完成（50%）, 推进中 100%) is no status: which
    of the two is meant is the clerk's to say."""
    text = unicodedata.normalize("NFKC", text)  # 60％ from a Chinese input method
    found = st.lk.statuses(text)
    if found is None:
        m = _STATUS_TAIL.match(text)
        if m is not None and m.group(1) != text:
            found = st.lk.statuses(m.group(1))
    if found is None:
        return None
    credit = st.policy.completion.status_values[found]
    if credit == max(st.policy.completion.status_values.values()) and _done_doubt(text, st.period_end) == "refused":
        return None  # 已完成（3个村未完成）: full credit claimed, and taken back in the same cell
    # the shares the cell gives of the work: outside brackets, or a note that is just one
    # (已完成（100%）, 推进中（完成率60%）); not 已完成（覆盖率95%）, （满意度98%）, （年度计划的120%）
    notes = _BRACKETED.findall(text)
    shares = [*_SHARE.findall(_BRACKETED.sub("", text)),
              *(x for n in notes if _SHARE_NOTE.match(n.strip()) for x in _SHARE.findall(n))]
    for share in shares:
        n = Decimal(share)
        if not (n >= 100 if credit == 1 else n == 0 if credit == 0 else 0 < n < 100):  # 完成120%: done, and more
            return None
    return found


_SHARE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")
# A share in words or as a fraction: 八成, 8成, 十成, 8/10 (of the work; not 3/5 个村 and the like)
_SHARE_WORDS = re.compile(r"^(?:完成|已完成)?(?:约|近)?(?:(?P<tenths>[一二三四五六七八九十]|10|[0-9])成|(?P<part>\d{1,3})/(?P<whole>\d{1,3}))$")
_SHARE_ANY = re.compile(r"\d\s*%|[一二三四五六七八九十\d]成|\d/\d")  # a share anywhere in a note
_CN_TENTHS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9", "十": "10"}
_SHARE_NOTE = re.compile(r"^(?:已?完成率?|进度|完成进度)?[:：]?(?:约|达|为)?\s*\d{1,3}(?:\.\d+)?\s*%$")


def _percent_cell(st: _State, t: _Table, row: int, key: str) -> bool:
    """Whether the cell of field ``key`` on (1-based) ``row`` is formatted as a percentage."""
    return _styled(st.percent_cells, t, row, key)


def _styled(cells: Mapping[str, Mapping[int, frozenset[int]]], t: _Table, row: int, key: str) -> bool:
    """Whether the cell of field ``key`` on (1-based) ``row`` is among ``cells`` (per sheet,
    0-based row -> columns: those of a number format)."""
    col = t.cols.get(key)
    return col is not None and col.index in cells.get(t.sheet, {}).get(row - 1, frozenset())


def _share_agrees(st: _State, status: str, value: object, percent: bool) -> bool:
    """Whether a 完成值 cell's share agrees with the status's credit, as a share written in the
    status cell must (see :func:`_status`): 30%, or a number in a cell formatted as a
    percentage (``percent``: 0.3 shows as 30%, 1 as 100%); not a share of something else
    (覆盖率95%, 满意度98%). True when it holds no share."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        if not percent:
            return True
        shares = [Decimal(str(value)) * 100]
    elif isinstance(value, str) and _SHARE_NOTE.match(text := unicodedata.normalize("NFKC", value).strip()):
        shares = [Decimal(s) for s in _SHARE.findall(text)]
    elif isinstance(value, str) and (m := _SHARE_WORDS.match(unicodedata.normalize("NFKC", value).strip())):
        # 八成, 8成, 8/10 (review R150: said only as 80%)
        if m["tenths"]:
            tenths = m["tenths"]
            shares = [Decimal(_CN_TENTHS.get(tenths, tenths)) * 10]
        elif int(m["whole"]) == 0 or int(m["part"]) > int(m["whole"]):
            return True  # 13/12: no share
        else:
            shares = [Decimal(m["part"]) / Decimal(m["whole"]) * 100]
    else:
        return True
    credit = st.policy.completion.status_values[status]
    return all(n >= 100 if credit == 1 else n == 0 if credit == 0 else 0 < n < 100 for n in shares)


_BRACKETED = re.compile(r"[（(【\[〔]([^（）()【】\[\]〔〕]*)[）)】\]〕]")
# A note saying the work is not all done (部分完成, 3个村未完成, 计划10月完成, 八成, 待定, 不适用):
# no note on the status of full credit, whose every village and item is done.
# A note after the status of full credit (已完成) is judged clause by clause (see _done_doubt).
_UNITS = r"(?:个)?(?:行政村|村|社区|户|项目|项|个|处|人|家|期|批)"
_NOT_DONE = re.compile("|".join((
    r"(?:未|尚未|还未|没有?|还没有?)(?:全部|全面|按期|如期)?(?:完成|完工|竣工|落实|到位|启动|开展|验收|搬迁|通过|办结|结束|实施|开工|动工|完$)",
    r"停工|(?:^|因\S{1,6})暂停(?:施工|实施)?$",
    r"(?:未|没|还没)(?:有)?(?:弄|做|干|搞)完|还没(?:有)?(?:弄|做|干|搞|开始|动)"
    r"|^(?:工作|项目|工程|该项工作)?(?:刚刚?|才)(?:启动|开始|开工|起步)(?:实施)?$|^(?:正在|仍在|还在|尚在)?(?:筹备|筹建)(?:中|阶段)?$"
    r"|暂缓(?:实施|建设|推进|执行|开展)?$|缓建|停建|^(?:正|仍|还)?在(?:推进|实施|施工|建设|整改)中?$",
    r"^部分$|部分(?:完成|落实|到位)|大部分(?:村|户)?(?:已)?完成|完成(?:了)?大部分",
    r"基本(?:完成|到位|落实|完工)|(?:完成|已完成)了?(?:一半|过半|大半|[一二两三四五六七八九]成|三分之[一二]|近[一二三四五六七八九]成)"
    r"|^(?:一半|过半|大半|[一二两三四五六七八九]成|三分之[一二]|近[一二三四五六七八九]成)$",
    r"(?:正在|仍在|还在|仍|有序|稳步)(?:推进|实施|施工|建设|整改|办理|审批|收尾|完善)|^(?:正在|仍在|还在)?进行(?:中)?$"
    rf"|[\d一二两三四五六七八九十几]+{_UNITS}(?:还|仍|正|也)?在(?:推进|实施|施工|建设|整改)"
    r"|(?<!持续)(?<!常态化)(?<!长效)(?<!深入)(?<!扎实)(?<!常态)(?:推进|实施|施工|建设|整改|办理|审批|开展)中(?!发挥|起到|的)"
    r"|还在(?:弄|做|干|搞)|在建(?!设)|收尾|等待验收|待验收|待审批|待批|已报审批|按(?:计划|进度)推进|进度正常",
    r"尚需|有待|还需|待完善|待进一步|待搬迁|待(?:完成|落实|开工)",
    r"无此项|不适用|不涉及|待定|^拟$",
    rf"(?:还?差|仅?剩下?|还剩|尚余|剩余|余)\s*(?:[1-9]\d*|[一两二三四五六七八九十几]+)\s*{_UNITS}",
    r"(?:仅|只)完成|除.{1,12}外|主体(?:工程)?(?:已经?)?(?:完工|完成)",
)))
_NEGATED = re.compile(r"(?:无|没有|不存在|并无|未发现)\S{0,2}$")  # 没有未完成的村, 无在建项目: before the words above
_NIL = re.compile(rf"(?<![\d.])0\s*{_UNITS}?\S{{0,2}}$")  # 0个村未完成
_NIL_AFTER = re.compile(r"^\S{0,3}[:：]?\s*0(?![\d.])")  # 未完成0户, 未完成：0
# ... unless the same clause goes on to say it was done after all (未完成的2个村已于9月补齐, 在建项目已全部
# 完工) — not that it was ordered (已责令限期完成, 已安排10月底前完成) — or a later clause does, all of it
# (原未启动，现已完成; 计划10月完成，提前完成), not some (已完成80%, 已完成3个村) or something else (已督促整改).
_DONE_AFTER = re.compile(r"已(?!安排|责令|督促|要求|计划|限期|部署)[^，,；;。]{0,10}?(?:补齐|完成|完工|落实|整改|解决|安置|拨付)")
_ALL_DONE = re.compile(r"^(?:现|本季度|目前|现在|其余|[\d一二三四五六七八九十]{1,2}月(?:份|底)?)?(?:已经?|均已|均)?(?:全部)?"
                       r"(?:完成|完工|补齐|整改到位|落实到位|按期完成|如期完成)$|^(?:已经?)?提前(?:至.{1,8})?完成$|^(?:已经?)?(?:按期|如期)完成$")
# A date it is (to be) done by: after the period end, it is not done in the period.
_DONE_BY = re.compile(r"(年底|年内|下半年|明年|下季度|第?四季度|下月|(?<!\d)([\d一二三四五六七八九十]{1,2})月(?:\d{1,2}日)?(?:份|底|末|中旬|上旬|下旬)?)"
                      r"(?:前|之前)?(?:可|能|才能?|将|就能?)?(?:全部)?(?:完成|完工|落实|到位|竣工)(?!验收|审计|决算|备案|结算)")
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
# Counts of villages or items short of the whole: 完成8个村，共10个村; 10个村完成8个; 10个村中8个已完成; 8/10.
_COUNTS = (re.compile(rf"完成(?:了)?(\d+){_UNITS}[，,](?:全镇|全乡|全村)?(?:共|总共)(?:有)?(\d+){_UNITS}"),
           re.compile(rf"(\d+){_UNITS}中(\d+){_UNITS}?已?完成"), re.compile(rf"(\d+){_UNITS}完成(\d+){_UNITS}"),
           re.compile(r"(?<![\d.])(\d+)\s*/\s*(\d+)(?![\d.])"))
# A share of the work written in a note (完成了90%, 工程进度80%, 80%的村已完成): full credit wants all of it.
_WORK_SHARE = re.compile(r"(?:完成|进度)[^%，,；;。]{0,8}?(\d{1,3}(?:\.\d+)?)\s*%|(\d{1,3}(?:\.\d+)?)\s*%的(?:村|户|项目?|任务)")
# Words that make a note worth a second look, though it says nothing plainly: warned of.
_DONE_DOUBTS = re.compile(
    r"未(?!发现|出现|超|影响|造成|申诉)|尚(?!无|有结余)|还[没未在需](?!结余)|(?<!资金)部分(?!资金|由|自筹)|一半|大部|大半|基本(?!情况)"
    r"|[\d一二两三四五六七八九几]成(?!员|立|效|绩|果|本|熟)|预计(?!年?增收|节约)|拟(?:于|在|定于)|待(?!遇|业)|争取(?!到)"
    r"|正在(?!发挥|使用|运行|运营|进行总结|整理)|(?<!持续)(?<!常态化)(?<!长效)(?<!深入)(?<!扎实)(?<!统筹)(?<!无需)推进(?!有力)"
    r"|逐步|剩(?!余资金)|差|暂(?!无|未发现)|缓|启动(?!运行|仪式|使用)|前期|筹备|在建")
_CLAUSE_MARKS = re.compile(r"[，,；;。]")
_OTHER_WORK = re.compile(r"^(?:[二三四]期|下一步|后续|下阶段|下一阶段|同时|另外|另|此外)")
_PLAN = re.compile(r"^(?:计划|预计|拟|争取|力争|将于?)")


def _status_note(st: _State, raw: str, status: str, top: str) -> tuple[str, str] | tuple[()]:
    """What the note of a 完成状态 cell read as ``status`` (not the top one) says of another:
    ("status-note-higher", top) when it says the work is all done (推进中（已全部完成）);
    ("status-note-other", the status) when it is another status or tells of a change to one
    (推进中（实际未启动）, （尚未启动）, （改为已完成）, 未启动（已改为推进中）: review R149); else ()."""
    clauses = [c.strip() for n in _notes_of(raw) for c in _CLAUSE_MARKS.split(n) if c.strip()]
    if any(_ALL_DONE.match(c) for c in clauses):
        return "status-note-higher", top
    for c in clauses:
        if _SHARE_ANY.search(c):
            # 实际完成60%: the share says which status (review R151: not the 0% or 完成 in it), when
            # the clause says it is the actual one (推进中（实际已完成100%）, 未启动（实际推进中30%）: R152)
            other = _status_of_share(st, c) if _STATUS_CHANGE.search(c) and _WORK_WORDS.search(c) else None
            if other is not None and other != status:
                return "status-note-other", other
            continue
        other = st.lk.statuses(c)
        if other is None and (said := _STATUS_CHANGED_TO.search(c)) is not None:
            # the status straight after the word, as written (已启动) or after filler (实际上已经完成);
            # not 改为年底前完成
            other = st.lk.statuses(said.group(1)) or st.lk.statuses(_STATUS_FILLER.sub("", said.group(1)))
        if other is not None and other != status:
            return "status-note-other", other
    return ()


def _status_of_share(st: _State, clause: str) -> str | None:
    """The status whose credit a clause's share of the work gives (100%, 十成: full credit; 0%: none;
    between: the status between), or None when it gives none or several."""
    values = st.policy.completion.status_values
    shares = [Decimal(x) for x in _SHARE.findall(clause)]
    shares += [Decimal(_CN_TENTHS.get(m, m)) * 10 for m in re.findall(r"([一二三四五六七八九十]|10|\d)成", clause)]
    if len(shares) != 1:
        return None
    n = shares[0]
    fits = [s for s, credit in values.items()
            if (n >= 100 if credit == max(values.values()) else n == 0 if credit == min(values.values()) else 0 < n < 100)]
    return fits[0] if len(fits) == 1 else None


def _notes_of(text: str) -> list[str]:
    """The notes written with a coded value, folded (see text.fold): what follows a comma or a
    space after it (已完成，已验收（附验收单）: one note, its brackets as clauses), else what is in
    brackets (已完成（已验收）)."""
    text = fold(text)
    if (m := TAIL_NOTE.match(text.strip())) is not None:
        return [m["rest"].translate(FLATTEN)]
    return _BRACKETED.findall(text)



def _head_of(text: str) -> str:
    """A coded value's cell without its notes (see :func:`_notes_of`)."""
    if (m := TAIL_NOTE.match(unicodedata.normalize("NFKC", text).strip())) is not None:
        return m["head"]
    return _BRACKETED.sub("", text)


def _done_doubt(text: str, end: date | None) -> str | None:
    """How a 完成状态 cell's bracketed note stands to the status of full credit: "refused" when
    a clause says plainly that the work is not all done (部分完成, 3个村未完成, 在建, 完成8个村，共10个村,
    计划10月完成 in a 2022Q3 return, 工程进度80%) and nothing after it says it was done all the same;
    "warned" when it only has words worth a second look; None for a note of other things."""
    worth = False
    for note in _notes_of(text):
        clauses = [c.strip() for c in _CLAUSE_MARKS.split(note)]
        understood = False  # a clause read as not done, then as done after all: nothing to look at
        for i, clause in enumerate(clauses):
            if not clause:
                continue
            said = _not_done(clause, end)
            if said is not True and _PLAN.match(clause) and not any(_ALL_DONE.match(c) for c in clauses[i + 1:] if c):
                worth = True  # 计划12月底前完成 in a 2022Q4 return: a plan, though within the period
            if said is None:
                continue
            understood = True
            if said and not any(_ALL_DONE.match(c) for c in clauses[i + 1:] if c):
                return "refused"
        if any(int(a) != int(b) for rx in _COUNTS for a, b in rx.findall(note)):
            return "refused"
        if any(float(x or y) < 100 for x, y in _WORK_SHARE.findall(note)):
            return "refused"
        worth = worth or (not understood and _DONE_DOUBTS.search(note) is not None)
    return "warned" if worth else None


def _not_done(clause: str, end: date | None) -> bool | None:
    """Whether one clause of a note says the work is not all done (see :func:`_done_doubt`);
    False when it says so and then that it was done after all (未完成的2户已于9月补齐), or denies
    it (没有未完成的村); None when it says neither."""
    said: bool | None = None
    if _OTHER_WORK.match(clause):
        return None  # 二期工程在建, 后续管护在推进, 同时在推进巩固提升: the work reported is done (a second look)
    for m in _NOT_DONE.finditer(clause):
        before, after = clause[:m.start()], clause[m.end():]
        if _NEGATED.search(before) or _NIL.search(before) or _NIL_AFTER.match(after) or (
                _DONE_AFTER.search(after) and not m.group(0).startswith("除")):  # 除1户外其余均已完成: not all
            said = False
            continue
        return True
    for m in _DONE_BY.finditer(clause):
        if clause[:m.start()].endswith(("已于", "已在", "已", "于", "在", "提前至")) and not clause.startswith(
                ("计划", "预计", "拟", "将", "争取", "力争")):
            said = False  # 已于9月底前完成: done by then
            continue
        if end is not None and _after_period(m.group(1), m.group(2), end):
            return True
        said = False  # 计划8月完成, in a return for 2022Q3: done within the period
    return said


def _after_period(when: str, month: str | None, end: date) -> bool:
    """Whether 年底, 下季度, 10月 … (of the period's year) falls after the period ending ``end``."""
    if month is not None:
        n = int(month) if month.isdigit() else _CN_NUM.get(month, 0)
        return n > end.month
    if when in ("年底", "年内"):
        return end.month < 12
    if when == "下半年":
        return end.month <= 6
    if when.endswith("四季度"):
        return end.month < 10
    return True  # 明年, 下季度, 下月


_PERCENT_TEXT = re.compile(r"\d{1,3}(?:\.\d+)?%")  # a status written as a share (folded: ％ is %)
_LIST_MARKS = re.compile(r"[、，,；;/\s]+")


def _several_villages(known: Mapping[str, str], township: str, text: str) -> bool:
    """Whether a village cell lists two or more of the township's villages (甲村、乙村)."""
    parts = [p for p in _LIST_MARKS.split(text) if p]
    return len(parts) > 1 and sum(village_of(known, township, p) is not None for p in parts) > 1


def _missing_progress(st: _State, t: _Table, seen: dict[tuple[str, str | None], int],
                      blank: dict[tuple[str, str | None], int], present: set[str]) -> None:
    """Warn of measures (and villages) without a status; at the row left blank for one, when
    the template's row is there, so the annotated copy can mark it."""
    values = st.policy.completion.status_values
    nothing = [k for k, v in values.items() if v == 0]  # 未启动, or the county's own word for it (review R80)
    counted = DM.COUNTED_AS_STATUS.format(status=nothing[0]) if nothing else DM.COUNTED_AS_ZERO
    if not seen:
        # Nothing reported at all (the template's rows sent back blank, or none): one warning,
        # not one per measure and village; every measure counts 0.
        row = min(blank.values(), default=None)
        st.out.add("progress-unfilled", t, row, "status" if row else None, sheet=t.sheet, n=len(st.policy.measures),
                   counted=counted)
        return
    villages = st.registry.village_names(st.township or "")
    village_measures = [m.id for m in st.policy.measures if m.level != "township"]
    # A village with no village-level measure reported at all: said once for it, not once per
    # measure (28 warnings for one village left out); at its first row left blank, if any.
    silent = [v for v in villages if len(village_measures) > 1 and all((mid, v) not in seen for mid in village_measures)]
    for v in silent:
        row = min((blank[(mid, v)] for mid in village_measures if (mid, v) in blank), default=None)
        st.out.add("progress-village-missing", t, row, "status" if row else None, sheet=t.sheet, village=v, counted=counted,
                   n=len(village_measures))
    villages = [v for v in villages if v not in silent]
    # A measure with no row at all, for no village: one this quarter's template has and the
    # workbook's (another quarter's) had not (review R122)
    for m in st.policy.measures:
        if m.id not in present:
            n = len(villages) + len(silent) if m.level != "township" else 0
            st.out.add("progress-measure-absent", t, None, None, sheet=t.sheet, measure=m.id, counted=counted,
                       villages=DM.ABSENT_VILLAGES.format(n=n) if n else "", quarter=_quarter_named(st))
            continue
        if m.level == "township":
            if (m.id, None) not in seen:
                row = blank.get((m.id, None))
                st.out.add("progress-missing", t, row, "status" if row else None, sheet=t.sheet, measure=m.id, counted=counted,
                           village="")
            continue
        missing = [v for v in villages if (m.id, v) not in seen]
        # A village whose row the template gave is warned of at that row, each on its own: the
        # annotated copy marks every 完成状态 left blank, not the first of them (review R78).
        for v in missing:
            if (m.id, v) in blank:
                st.out.add("progress-missing", t, blank[(m.id, v)], "status", sheet=t.sheet, measure=m.id, counted=counted,
                           village=DM.MISSING_VILLAGES.format(names=v, more=""))
        missing = [v for v in missing if (m.id, v) not in blank]  # no row at all: one warning for them
        if not missing:
            continue
        shown = DM.LIST_SEP.join(missing[:_MORE_LIMIT])
        more = DM.MORE_VILLAGES.format(count=len(missing)) if len(missing) > _MORE_LIMIT else ""
        st.out.add("progress-missing", t, None, None, sheet=t.sheet, measure=m.id, counted=counted,
                   village=DM.MISSING_VILLAGES.format(names=shown, more=more))


# --- 村集体经济 ------------------------------------------------------------------------------


def _economy(st: _State, t: _Table) -> list[Economy]:
    out = st.out
    seen: dict[str, int] = {}
    blank: dict[str, int] = {}  # villages whose pre-filled row was left blank: where the warning points
    items: list[Economy] = []
    for row, vals in t.rows():
        before = len(out.diags)
        raw = _required_text(st, t, row, vals, "village")
        village = _village(st, t, row, vals) if raw is not None else None
        if village is not None and is_blank(vals.get("last_year")) and is_blank(vals.get("this_year")):
            blank.setdefault(village, row)
            continue  # a template's pre-filled village left blank: no data, as if the row were not there
        if village is not None:
            if village in seen:
                out.add("economy-duplicate", t, row, "village", value=raw, village=village, other_row=seen[village])
            else:
                seen[village] = row
        amounts: list[Decimal | None] = []
        for key in ("last_year", "this_year"):
            v = vals.get(key)
            if is_blank(v):
                out.add("income-blank", t, row, key)  # a new village's 上年: no income is 0
                amounts.append(None)
                continue
            d = cell_decimal(v, ("万元", "万", "萬元", "萬"))  # 33.65萬元 (review R150)
            if d is not None and not isinstance(v, str) and _styled(st.yuan_cells, t, row, key):
                # 360000 in a cell formatted 0"元" shows 360000元: not 万元, refused (R87); the cell's format
                # is what to change (R88: "去掉元字" found no 元 to take away)
                out.add("number-format-yuan", t, row, key, value=cell_text(v))
                amounts.append(None)
                continue
            if d is not None and not isinstance(v, str) and _styled(st.scaled_cells, t, row, key):
                # 5000 in a cell formatted 0.0,"万元" shows 5.0万元: what is seen is not what it holds (R88)
                out.add("number-format-scaled", t, row, key, value=cell_text(v))
                amounts.append(None)
                continue
            if d is not None and not isinstance(v, str) and _percent_cell(st, t, row, key):
                # 59.8 typed into a cell formatted 0.00% is stored as 0.598 and shows 59.80%: read
                # as it is, the village's income would be a hundredth of it (review R70)
                shown = plain_number((d * 100).quantize(Decimal("0.01")).normalize())
                out.add("income-cell-percent", t, row, key, value=cell_text(v), shown=f"{shown}%")
            elif d is None:
                yuan = cell_decimal(v, ("元",))
                spelt = chinese_numeral(v, ("万元", "万", "萬元", "萬")) if yuan is None else None
                if yuan is not None:
                    # 125000元: yuan written into a 万元 column. Refused with the figure to write, not
                    # converted: 9.7元 was meant as 9.7 万元, and read as 0.00097 it paid a bonus on
                    # a growth of a million per cent (review R87); the bonus rides on this cell.
                    out.add("number-in-yuan", t, row, key, value=cell_text(v), amount=plain_number(yuan / 10000))
                elif spelt is not None:  # 二十五点六六: refused with the digits to write (review R150)
                    out.add("income-in-chinese-numerals", t, row, key, value=cell_text(v), number=plain_number(spelt))
                else:
                    out.add("number-invalid", t, row, key, value=cell_text(v))
            elif d > _MAX_VILLAGE_INCOME:
                # 598000 under a header without its unit: yuan typed where 万元 are read
                # (review R150: the unit said twice, 125000万元 万元, and a fixed example for a hint)
                out.add("number-implausible", t, row, key, value=cell_text(v), amount=plain_number(d),
                        most=_MAX_VILLAGE_INCOME, meant=plain_number(d / 10000))
                d = None
            elif d < 0:
                # Income is a sum received: a negative figure is a typing slip, and the
                # growth test would otherwise reward a smaller loss as "growth".
                out.add("number-negative", t, row, key, value=cell_text(v))
                d = None
            elif d > _LARGE_VILLAGE_INCOME:
                out.add("number-large", t, row, key, value=cell_text(v), amount=plain_number(d), most=_LARGE_VILLAGE_INCOME)
            amounts.append(d)
        last, this = amounts
        if _new_errors(out, before) or village is None or last is None or this is None:
            continue
        _income_shown_otherwise(st, t, row, vals, last, this)
        items.append(Economy(village, last, this, Source(out.file, t.sheet, row)))
    if st.township_ok and st.township is not None and not st.unfilled:
        # In the bonus quarter a village without figures costs its heads the bonus: said so
        # where the roster has a head the bonus is paid to (or the roster could not be read);
        # elsewhere, as in other quarters, the plain warning. domain.md refuses neither.
        rule = st.policy.pay.bonus
        bonus_quarter = st.period_end is not None and Quarter.of(st.period_end).q == rule.quarter
        heads = set(rule.positions)
        owed = {p.village for p in st.people.values() if p.position in heads}
        unfilled = [v for v in st.registry.village_names(st.township) if v not in seen]
        if not bonus_quarter and len(unfilled) > 1:
            # figures no pay follows this quarter: one word for them all, not one per village that
            # buries the warnings that matter (review R50)
            shown = "、".join(unfilled[:_VILLAGES_SHOWN]) + ("等" if len(unfilled) > _VILLAGES_SHOWN else "")
            out.add("economy-missing-several", t, None, None, sheet=t.sheet, count=len(unfilled), villages=shown,
                    bonus_quarter=rule.quarter)
            unfilled = []
        for v in unfilled:
            row = blank.get(v)
            at = "last_year" if row else None
            if bonus_quarter and (v in owed or not st.roster_ok):
                out.add("economy-missing-bonus", t, row, at, sheet=t.sheet, village=v,
                        positions=DM.LIST_SEP.join(st.policy.pay.bonus.positions),  # the policy's (review R80)
                        quarter=Quarter.of(st.period_end))
            else:
                out.add("economy-missing", t, row, at, sheet=t.sheet, village=v)
    return items


_VILLAGES_SHOWN = 8  # villages named in one warning for several


# --- cross-sheet warnings -------------------------------------------------------------------


def _village_warnings(st: _State, roster: _Table | None) -> None:
    if roster is None or not st.people:
        return  # an empty roster is one error, not a warning per village
    if {"village", "position"} & roster.missing:
        return  # the missing column is one error, not a warning per village
    with_cadres: set[str] = set()
    with_secretary: set[str] = set()
    first_row: dict[str, int] = {}  # village -> its first roster row: where the 书记 would be written
    unplaced = unplaced_head = False  # a cadre whose village is written wrong (an error of its own)
    for person in st.people.values():
        if person.village is None:
            unplaced = True
            unplaced_head = unplaced_head or person.position in st.lk.secretaries
            continue
        with_cadres.add(person.village)
        first_row[person.village] = min(first_row.get(person.village, person.row), person.row)
        if person.position in st.lk.secretaries:
            with_secretary.add(person.village)
    # The township not known (written wrong, an error of its own): its registry villages are not
    # known either, but the roster's villages without a head are, and said in the same pass.
    known = st.township_ok and st.township is not None
    for v in st.registry.village_names(st.township) if known else sorted(with_cadres, key=first_row.__getitem__):
        if v in st.refused_villages and v not in with_secretary:
            continue  # a refused row of its own is said already: it is not "without cadres"
        if v not in with_cadres:
            if not unplaced:  # (they may be the cadres of a village written wrong)
                st.out.add("village-no-cadres", sheet=roster.sheet, village=v)
        elif st.lk.secretaries and v not in with_secretary and not unplaced_head:
            # (not while a head's village is written wrong: 城东 for 城东社区 is that village's head, review R115)
            # at the village's first cadre's 职务: the annotated copy marks a cell (review R83)
            st.out.add("village-no-secretary", roster, first_row[v], "position", village=v,
                       heads=W.LIST_OR.join(st.policy.village_heads))
    _two_heads(st, roster)


def _joint_post(st: _State) -> str | None:
    """The policy's post for one person holding two (书记兼主任, a county's 一肩挑), if any: hints
    name it in the policy's words (review R109)."""
    return next((p for p in st.policy.positions if len(st.lk.positions.joint_parts(p)) > 1), None)


def _two_heads(st: _State, roster: _Table) -> None:
    """Warn of a village with two holders of a head's post (two 书记, or a 主任 beside a 书记兼主任):
    a village has one of each, so one of them has likely left, or a post is written wrong, and
    both would be paid. The posts are the heads' (policy.village_heads) and their parts (主任 of
    书记兼主任)."""
    posts = set(st.policy.positions)

    def parts(post: str) -> list[str]:  # 书记兼主任 (or a policy's 一肩挑 for it) -> 书记, 主任
        return list(st.lk.positions.joint_parts(post))

    roles = list(dict.fromkeys(p for head in st.policy.village_heads for p in parts(head)))
    held = {post: [r for r in parts(post) if r in roles] for post in posts}  # post -> the heads' posts it holds
    holders: dict[tuple[str, str], list[int]] = {}
    post_of: dict[int, str] = {}
    for person in st.people.values():
        if person.village is not None and person.position is not None:
            post_of[person.row] = person.position
            for role in held.get(person.position, ()):
                holders.setdefault((person.village, role), []).append(person.row)
    said: set[tuple[str, tuple[int, ...]]] = set()  # two 书记兼主任: said once, not for each half
    for (village, role), rows in holders.items():
        if len(rows) > 1 and (village, tuple(rows)) not in said:
            said.add((village, tuple(rows)))
            # the posts as written: two 书记兼主任 are no "2 人担任书记" (review R62)
            posts = list(dict.fromkeys(post_of[r] for r in sorted(rows)))
            post = posts[0] if len(posts) == 1 else f"{role}（{'、'.join(posts)}）"
            joint = _joint_post(st)
            slip = W.JOINT_POST_SLIP.format(joint=joint, part=role) if joint and role in parts(joint) else ""
            st.out.add("village-two-heads", roster, max(rows), "position", village=village, post=post,
                       n=len(rows), rows="、".join(map(str, sorted(rows))), joint=slip)


_HIDDEN_ROWS_TOLD = 3  # more hidden rows than this in a table are told by one warning
_HIDDEN_ROWS_LISTED = 10  # … naming this many of them


def _hidden_data_rows(st: _State, t: _Table, hidden: frozenset[int], filtered: frozenset[int] = frozenset()) -> None:
    """Warn of data rows the sheet hides: read like any other, though the clerk who hid a
    departed cadre's row may believe it gone. Rows not read as data (notes, a repeated
    header, a date under the table) are not warned of. Those a filter left on hides
    (``filtered``, of ``hidden``) were not hidden row by row: one warning says how many."""
    rows = [i for i in sorted(hidden) if t.header_row < i < len(t.grid)]
    if rows:
        read = _data_rows(t)
        rows = [i for i in rows if i + 1 in read]
        by_filter = [i + 1 for i in rows if i in filtered]
        if by_filter:
            st.out.add("rows-filtered", t, by_filter[0], n=len(by_filter), first=by_filter[0])
        by_hand = [i + 1 for i in rows if i not in filtered]
        if len(by_hand) > _HIDDEN_ROWS_TOLD:  # many rows hidden at once: one warning (review R110)
            st.out.add("rows-hidden", t, by_hand[0], n=len(by_hand), rows=DM.LIST_SEP.join(map(str, by_hand[:_HIDDEN_ROWS_LISTED]))
                       + (DM.AND_MORE if len(by_hand) > _HIDDEN_ROWS_LISTED else ""))
            return
        for row in by_hand:
            st.out.add("hidden-row", t, row)


def _hidden_without_scores(st: _State, roster: _Table, hidden: frozenset[int], scores: _Table | None) -> None:
    """A cadre whose roster row the clerk hid and who has no scores most likely left: the
    error says to delete the row, not only to add scores (review R124: the clerk added a score
    row as told, and the departed cadre was imported and paid) — whether the score row is gone
    or kept with its scores cleared (review R126)."""
    def pid(row: Sequence[object], j: int | None) -> str | None:
        v = row[j] if j is not None and j < len(row) else None
        return None if is_blank(v) else re.sub(r"\s", "", str(v)).upper()

    j = roster.cols["person_id"].index if "person_id" in roster.cols else None
    gone = {p for i in hidden if i < len(roster.grid) and (p := pid(roster.grid[i], j)) is not None}
    k = scores.cols["person_id"].index if scores is not None and "person_id" in scores.cols else None
    diags = st.out.diags
    for n, d in enumerate(diags):
        if d.row is None:
            continue
        if d.code == "scores-missing" and d.sheet == roster.sheet and d.row - 1 in hidden:
            diags[n] = d.model_copy(update={"hint": DM.SCORES_MISSING_HIDDEN_HINT.format(hint=d.hint)})
        elif (gone and scores is not None and d.code == "required-missing" and d.sheet == scores.sheet
              and d.row - 1 < len(scores.grid) and pid(scores.grid[d.row - 1], k) in gone):
            diags[n] = d.model_copy(update={"hint": DM.SCORES_EMPTY_HIDDEN_HINT.format(hint=d.hint)})


# Free-text columns: an outdated note or phone number crossed out says nothing of the row.
_STRUCK_ASIDE = frozenset({"politics", "education", "phone", "doc_no", "situation", "value", "note"})


def _struck_data_rows(st: _State, t: _Table, struck: Mapping[int, frozenset[int]]) -> None:
    """Warn of data rows whose filled cells are struck through: read like any other, though
    the clerk who crossed out a departed cadre may believe the row void, or part of a cell's
    text (书记~~兼主任~~) read as written. Rows not read as data (a struck old date under the
    table, a repeated header) and cells of free text (说明, 学历) are not warned of."""
    keys = {c.index: key for key, c in t.cols.items() if key not in _STRUCK_ASIDE}
    rows = [i for i in sorted(struck) if t.header_row < i < len(t.grid)]
    read = _data_rows(t) if rows else frozenset()
    for i in rows:
        row = t.grid[i]
        crossed = [j for j in sorted(struck[i]) if j in keys and j < len(row) and not is_blank(row[j])]
        if crossed and i + 1 in read:
            st.out.add("struck-row", t, i + 1, keys[crossed[0]], value=row[crossed[0]])


def _merged_figures(st: _State, t: _Table, merged: Mapping[tuple[int, int], tuple[int, int, int, int]]) -> None:
    """Warn of a score or income merged down over several data rows: Excel keeps one value
    for the area and it is read as every row's (a village merged over its cadres' rows is a
    clerk's habit; one score for several cadres, or one income for several villages, is more
    likely a slip of formatting). One warning per area, at its first cell, when that cell is
    a figure on a data row: an area from a header or a name down over figures gives them text,
    refused as such where it lands."""
    figures = st.lk.systems if t.key == "scores" else ("last_year", "this_year") if t.key == "economy" else ()
    keys = {t.cols[k].index: k for k in figures if k in t.cols}
    areas: dict[tuple[int, int, int, int], set[int]] = {}  # area -> the data rows (Excel) it gave its value
    columns: dict[tuple[int, int, int, int], set[int]] = {}  # area -> its figure columns
    read = _data_rows(t) if keys else frozenset()
    for (i, j), area in merged.items():
        if j in keys and i + 1 in read and area[0] != area[2] and not is_blank(t.grid[i][j]):  # (areas down only)
            areas.setdefault(area, set()).add(i + 1)
            columns.setdefault(area, set()).add(j)
    for area, rows in sorted(areas.items()):
        r0, c0, _r1, _c1 = area
        value = t.grid[r0][c0]
        if c0 not in keys or r0 + 1 not in read or (isinstance(value, str) and cell_decimal(value, ("分", "万元", "万")) is None):
            continue
        rows.add(r0 + 1)
        cols = columns[area] | {c0}
        st.out.add("value-merged-down", t, r0 + 1, keys[c0], value=cell_text(value), area=_area_ref(area),
                   n=len(rows), rows=_rows_text(sorted(rows)),
                   more=DM.MERGED_MORE_COLUMNS.format(n=len(cols)) if len(cols) > 1 else "")


def _hidden_under_merges(st: _State, t: _Table, hidden: Mapping[tuple[int, int], object],
                         merged: Mapping[tuple[int, int], tuple[int, int, int, int]]) -> None:
    """Warn of the cells of a data row under a merged area that held a value of their own in
    the file (one Excel or WPS never leaves; another program may). Under an area merged down
    each is read as the area's value, the one the clerk sees, and the value hidden is named,
    once per area (review R77: the hidden one was read, unseen); under an area on one row
    (two scores made one cell) each keeps its own value, named at its cell (review R87)."""
    keys = {c.index: k for k, c in t.cols.items()}
    read = _data_rows(t)
    areas: dict[tuple[int, int, int, int], list[tuple[int, int, object]]] = {}
    for (i, j), was in sorted(hidden.items()):
        if j in keys and i + 1 in read and (area := merged.get((i, j))) is not None:
            areas.setdefault(area, []).append((i, j, was))
    for area, cells in sorted(areas.items()):
        i, j, was = cells[0]
        shown = cell_text(t.grid[area[0]][area[1]]) or DM.SHOWN_BLANK
        if area[0] == area[2]:  # on one row: each covered cell is read as its own (see _fill_merged_down)
            for i, j, was in cells:
                st.out.add("value-covered-in-row", t, i + 1, keys[j], value=cell_text(was), shown=shown,
                           area=_area_ref(area), first=f"{column_letter(area[1])}{area[0] + 1}")
            continue
        rows = sorted({c[0] + 1 for c in cells})
        st.out.add("value-hidden-under-merge", t, i + 1, keys[j], value=cell_text(was), shown=shown, area=_area_ref(area),
                   more=DM.HIDDEN_MORE_CELLS.format(n=len(cells), rows=_rows_text(rows)) if len(cells) > 1 else "")


def _area_ref(area: tuple[int, int, int, int]) -> str:
    r0, c0, r1, c1 = area
    return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"


def _rows_text(rows: list[int]) -> str:
    """Excel rows as a clerk reads them: 3–5 for a run, 5、7 otherwise."""
    if rows == list(range(rows[0], rows[-1] + 1)):
        return f"{rows[0]}–{rows[-1]}"
    return DM.LIST_SEP.join(map(str, rows))


def _data_rows(t: _Table) -> frozenset[int]:
    """The Excel rows ``t`` reads as data."""
    return frozenset(r for r, _vals in t.rows())


# --- helpers for callers ---------------------------------------------------------------------


def roster_id_column(
    grids: Mapping[str, Grid], *, policy: Policy, registry: Registry,
    hidden_columns: Mapping[str, frozenset[int]] | None = None,
) -> tuple[str, str, str] | None:
    """``(sheet as written, column letter, header as written)`` of the roster's ID column."""
    lk = _lookups(policy, registry)
    for name, grid in grids.items():
        if lk.sheet_map.get(norm(name)) == "roster":
            _row, cols = _find_header(grid, lk.header_maps["roster"], (hidden_columns or {}).get(name, frozenset()))
            c = cols.get("person_id")
            return (name, c.letter, c.header) if c else None
    return None


# --- against earlier quarters -------------------------------------------------------------------
EarlierDeductions = Mapping[tuple[str, str, date], list[tuple[str, str, str | None, str | None, str, str]]]


def earlier_deductions(rows: Iterable[tuple[str, str, str | None, date, str | None, str, str]]) -> EarlierDeductions:
    """The deductions of earlier quarters ((person ID, 措施, 处理结果, 发生日期, 文号, quarter,
    file) each) by person, measure and day, for :func:`relisted_deductions`."""
    told: dict[tuple[str, str, date], list[tuple[str, str, str | None, str | None, str, str]]] = {}
    for pid, measure, outcome, day, doc, quarter, src in rows:
        told.setdefault((pid, measure, day), []).append(
            (identity_text(outcome), doc_number_text(doc), outcome, doc, quarter, src))
    return told


@dataclass(frozen=True)
class Earlier:
    """What the current submissions of the quarters before a file's say, that a new file is
    checked against (:func:`against_earlier`)."""

    deductions: EarlierDeductions
    # person ID -> (任职起始日期, 职务, quarter, file, township, village) as the latest earlier
    # quarter's roster gives it
    starts: Mapping[str, tuple[date | None, str, str, str, str, str]]


def earlier_facts(deductions: Iterable[tuple[str, str, str | None, date, str | None, str, str]],
                  roster: Iterable[tuple[str, date | None, str, str, str, str, str]]) -> Earlier:
    """:class:`Earlier` of the stored rows (see ``Store.earlier_facts``; roster oldest quarter first)."""
    return Earlier(earlier_deductions(deductions), {r[0]: r[1:] for r in roster})


def against_earlier(
    file: str,
    roster: Iterable[tuple[str, date | None, str, int, str]],
    deductions: Iterable[tuple[str, str, str | None, date, str | None, str, int]],
    earlier: Earlier,
    policy: Policy,
    quarter: Quarter,
    columns: Mapping[str, tuple[str, str]] | None = None,
    township: str | None = None,
    registry: Registry | None = None,
) -> list[Diagnostic]:
    """Warnings for a file's rows of ``quarter`` (``columns``: the file's column letter and
    heading per field, when known) that disagree with what earlier quarters said: a roster
    row ((person ID, 任职起始日期, sheet, row, village) each) whose 任职起始日期 differs from the
    latest earlier quarter's (tenure, and so stars, counts from it: a promotion entered with
    the new post's date leaves the cadre 未定星) or, in the same ``township``, whose village
    does (a row put under the wrong village moves the cadre's stars into its ranking, and in
    the bonus quarter decides whose income pays them), and the deductions of
    :func:`relisted_deductions` dated in the quarter's deduction window. Villages are
    compared in ``registry``'s words: a village renamed since (村改居) is no move (review R128)."""
    def now(village: str) -> str:
        return (registry.village_named(township, village) if registry is not None and township is not None
                else None) or village

    out = []
    for pid, start, sheet, row, village in roster:
        before = earlier.starts.get(pid)
        if before is None:
            continue
        then, post, told_in, src, town_then, village_then = before
        if then is not None and start is not None and then != start:
            out.append(make("start-date-changed", file=file, sheet=sheet, row=row,
                            **_at(columns, "roster", "start_date"), value=start.isoformat(), before=then.isoformat(),
                            quarter=told_in, before_file=src, before_post=post,
                            min_years=policy.star_rules.min_tenure_years))
        if (township is not None and town_then == township and village_then and village and village_then != village
                and now(village_then) != now(village)):
            out.append(make("village-changed", file=file, sheet=sheet, row=row, **_at(columns, "roster", "village"),
                            value=village, before=village_then, quarter=told_in, before_file=src))
    first, last = deduction_window(policy, quarter)  # one dated outside counts in neither report
    vetoing = {(name, identity_text(o)) for name, dm in policy.star_rules.deductions.measures.items() for o in dm.veto}
    return out + relisted_deductions(file, [d for d in deductions if first < d[3] <= last], earlier.deductions, vetoing,
                                     columns)


def _at(columns: Mapping[str, tuple[str, str]] | None, sheet_key: str, field: str) -> dict[str, str | None]:
    """``column`` and ``header`` of a diagnostic for ``field``: as the file has it, else the
    standard heading alone."""
    found = (columns or {}).get(field)
    if found is None:
        return {"column": None, "header": W.COLUMNS[sheet_key][field][0]}
    return {"column": found[0], "header": found[1]}


RELISTED = "deduction-relisted-differs"  # see relisted_deductions
# The warnings against earlier quarters: worked out afresh when a quarter is scored.
AGAINST_EARLIER = frozenset({RELISTED, "start-date-changed", "village-changed"})


def deduction_window(policy: Policy, quarter: Quarter) -> tuple[date, date]:
    """The days whose deductions count in ``quarter``: after the first, up to the second (§4a)."""
    return window_start(quarter.end, policy.star_rules.deductions.window_months), quarter.end


def relisted_deductions(
    file: str,
    rows: Iterable[tuple[str, str, str | None, date, str | None, str, int]],
    told: EarlierDeductions,
    vetoing: Container[tuple[str, str]] = (),
    columns: Mapping[str, tuple[str, str]] | None = None,
) -> list[Diagnostic]:
    """A warning per deduction of ``rows`` ((person ID, 措施, 处理结果, 发生日期, 文号, sheet,
    row) each) that an earlier quarter reported (``told``, see :func:`earlier_deductions`) for
    the same person, measure and day with another 处理结果 or 文号, and none with these. §4a
    keys an event by all five, so it would count as a second event and deduct again: a
    处理结果 filled in when re-listing one reported blank, say (``vetoing``: (measure,
    处理结果 as identity_text folds it) that veto, for the message)."""
    if not told:
        return []
    out = []
    for pid, measure, outcome, day, doc, sheet, row in rows:
        before = told.get((pid, measure, day))
        if not before:
            continue
        key = (identity_text(outcome), doc_number_text(doc))
        if any(b[:2] == key for b in before):
            continue  # the same event again: counted once
        first = before[0]
        what = [DM.RELISTED_OUTCOME] if first[0] != key[0] else []
        what += [DM.RELISTED_DOC] if first[1] != key[1] else []
        out.append(make(RELISTED, file=file, sheet=sheet, row=row,
                        **_at(columns, "deductions", "outcome" if first[0] != key[0] else "doc_no"),
                        value=(outcome if first[0] != key[0] else doc) or "", quarter=first[4], date=day.isoformat(),
                        measure=measure, before_outcome=_told(first[2]), before_doc=_told(first[3]),
                        before_file=first[5], what="和".join(what),
                        effect=DM.RELISTED_EFFECT_VETO if (measure, key[0]) in vetoing else DM.RELISTED_EFFECT))
    return out


def _told(text: str | None) -> str:
    return DM.RELISTED_VALUE.format(value=text) if text and text.strip() else DM.RELISTED_BLANK


# --- across files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileRoster:
    """What the checks across files need of one file: its township and roster people."""

    file: str  # display name
    township: str
    people: Sequence[tuple[str, str | None, int | None]]  # (person ID, sheet, row) per roster row
    # A file refused on its own: its good rows meet the others' (a person in two townships),
    # but it is no second submission of its township (the good copy beside it is not refused).
    refused: bool = False
    # Identical to its township's current version (an import's "unchanged" file): its people
    # are those ``existing`` holds already, so a person it shares with another file of the run
    # is that file's problem (already imported), not a reason to refuse this one too.
    current: bool = False
    sha256: str | None = None  # the file's bytes: two copies of one file are no two versions of it
    # A key of the file's data (header values and every fact row), set where its township has
    # another file in the run: a copy re-saved or annotated is the same file in other bytes.
    data: str | None = None
    # Identical to a version of its township imported before and replaced since: an old copy.
    replaced: int | None = None

    @classmethod
    def of(cls, file: str, sub: Submission) -> FileRoster:
        return cls(file, sub.township, [(c.person_id, c.source.sheet, c.source.row) if c.source is not None
                                        else (c.person_id, None, None) for c in sub.cadres])


def _copies(a: FileRoster, b: FileRoster) -> bool:
    """Whether two files of a run are copies of one file: the same bytes, or the same data."""
    return (a.sha256 is not None and a.sha256 == b.sha256) or (a.data is not None and a.data == b.data)


# A file name as a second download or a copy makes it: 蔚汾镇_2022Q3(1).xlsx, …（2）.xlsx, … - 副本.xlsx
_DOWNLOADED_AGAIN = re.compile(r"(?:[(（]\s*\d{1,3}\s*[)）]|副本|copy)[^/\\]*$", re.IGNORECASE)


def _first_copy(group: list[FileRoster], r: FileRoster) -> FileRoster:
    """The copy taken of the run's files that are copies of ``r`` (``r`` among them)."""
    return min((x for x in group if (x is r or _copies(x, r)) and not x.current), key=lambda x: copy_rank(x.file))


def copy_rank(name: str) -> int:
    """How far a file's name is from the file a township sent, of copies of one file: 0 the
    name as sent, 1 a second download or a copy (see above), 2 the marked copy ``xx validate
    --annotate`` writes (R98: kept, it was archived as the township's file). Of copies, the
    lowest is the one taken."""
    if name.rsplit(".", 1)[0].endswith(DM.ANNOTATE_SUFFIX):
        return 2
    return 1 if _DOWNLOADED_AGAIN.search(name) is not None else 0


def _named_move(file: str, quarter: str | None, move: str) -> str:
    """The already-imported hint's end for a file whose name names a later quarter than the
    one its 基本信息 says (review R108): the cadre may have moved in that quarter, and the one
    cell to mend is the quarter, not the person's row."""
    if quarter is None:
        return move
    q = Quarter.parse(quarter)
    later = [n for n in quarters_named(file) if n.end > q.end]
    if not later or q in quarters_named(file):
        return move
    return DM.MOVE_NAMED.format(named=str(max(later, key=lambda n: n.end)), quarter=quarter, move=move)


def cross_file_problems(
    rosters: list[FileRoster],
    existing: Mapping[str, tuple[str, str]] | None = None,
    *,
    id_columns: Mapping[str, tuple[str, str, str]] | None = None,
    revert: bool = False,
    quarter: str | None = None,
) -> list[Diagnostic]:
    """Problems between files of one run, and against what is already imported.

    ``rosters`` gives each file's township and roster; ``existing`` maps a person ID to
    ``(township, file)`` already imported for the quarter; ``id_columns`` gives each file's
    roster ID column (see :func:`roster_id_column`) so problems point at the cell. A file
    identical to a version a correction replaced since is refused (it would quietly undo the
    correction), unless ``revert``: the officer brings that version back on purpose.
    ``quarter`` is the one the files are checked as: a file whose name names another may have
    its 基本信息 quarter wrong, and a cadre it shares with ``existing`` be one who moved since.
    """
    out: list[Diagnostic] = []
    cols = id_columns or {}
    by_township: dict[str, list[FileRoster]] = {}
    for r in rosters:
        if not r.refused:
            by_township.setdefault(r.township, []).append(r)
    for group in by_township.values():
        if len(group) < 2:
            (r,) = group
            if r.replaced is not None and not r.current and not revert:
                out.append(make("duplicate-submission-old", file=r.file, township=r.township, version=r.replaced))
            continue
        for r in group:
            if r.current:
                continue  # what the store holds already: the other file is the question
            others = [x for x in group if x is not r]
            now = next((x.file for x in others if x.current), None)
            twins = [x.file for x in others if _copies(x, r) and not x.current]
            if r.replaced is not None:  # known to be old: no guessing which of the two is newer
                out.append(make("duplicate-submission-old", file=r.file, township=r.township, version=r.replaced))
            elif now is not None:  # beside a copy of the current version: this one is new, or old
                out.append(make("duplicate-submission-current", file=r.file, other=now))
            elif twins and (first := _first_copy(group, r)) is not r:
                # WeChat's second download: the same bytes twice. The first copy is taken; each
                # later one is said to be a copy of it (review R48), the one named as sent before
                # those named as downloaded again (X(1).xlsx sorts before X.xlsx: review R65).
                # (the same data in other bytes, a copy re-saved or annotated, is one too: R98;
                # and beside a file of other data, a copy is still no third file to choose: R136)
                out.append(make("duplicate-copy", file=r.file, other=first.file, value=first.file,
                                how=DM.COPY_SAME_BYTES if first.sha256 == r.sha256 else DM.COPY_SAME_DATA))
            elif len(twins) < len(others):  # which of the different files stands is the township's to say
                choices = [x.file for x in others if not _copies(x, r) and _first_copy(group, x) is x]
                out.append(make("duplicate-submission", file=r.file, other=DM.LIST_SEP.join(choices)))

    places: dict[str, list[tuple[FileRoster, str | None, int | None]]] = {}
    for r in rosters:
        if r.refused and r.township in by_township:
            continue  # its township's good file of this run is the one that counts (an older attempt)
        for pid, sheet, row in r.people:
            places.setdefault(pid, []).append((r, sheet, row))

    def at(file: str, pid: str, sheet: str | None, row: int | None, code: str, **ctx: Any) -> Diagnostic:
        col = cols.get(file)
        return make(code, file=file, sheet=sheet if sheet is not None else (col[0] if col else None),
                    row=row, column=col[1] if col else None,
                    header=col[2] if col else None, value=mask_id(pid), pid=mask_id(pid), **ctx)

    for pid, entries in places.items():
        townships = {r.township for r, _s, _n in entries}
        if len(townships) > 1:
            for r, sheet, row in entries:
                if r.current:
                    continue  # the store's current version already: the others hear of it below
                other = DM.LIST_SEP.join(
                    DM.OTHER_PLACE.format(township=r2.township, file=r2.file, sheet=s2 or "", row=n2 or "")
                    for r2, s2, n2 in entries if r2.township != r.township and not r2.current
                )
                if other:
                    out.append(at(r.file, pid, sheet, row, "person-in-two-townships", other=other))
    if not existing:
        return out
    out += _named_later_replacing(rosters, existing, quarter)
    # A cadre who moved: the township they left sends a corrected file without them in the
    # same run as the one they joined. If that file is taken, the store's entry goes with the
    # version it replaces; if it is refused (here too, below), the entry stands.
    refused = {d.file for d in out if d.severity is Severity.ERROR}
    while True:
        new = [r for r in rosters if not r.refused and not r.current and r.file not in refused]
        counts = Counter(r.township for r in new)
        replaced = {r.township: {pid for pid, _s, _n in r.people} for r in new if counts[r.township] == 1}
        found = []
        for pid, entries in places.items():
            if pid not in existing:
                continue
            township, efile = existing[pid]
            if township in replaced and pid not in replaced[township]:
                continue  # left that township in its new version
            # its files of this run, none of them taken (refused on their own or above, or a taken
            # one still lists the person: refused as person-in-two-townships)
            sent = [r.file for r in rosters if r.township == township and not r.current]
            move = (DM.MOVE_REFUSED.format(township=township, files=DM.LIST_SEP.join(sent)) if sent
                    else DM.MOVE_WITH.format(township=township))
            for r, sheet, row in entries:
                if township != r.township:
                    found.append(at(r.file, pid, sheet, row, "already-imported", move=_named_move(r.file, quarter, move),
                                    other=DM.OTHER_FILE.format(township=township, file=efile)))
        more = {d.file for d in found} - refused
        if not more & {r.file for r in new if r.township in replaced}:
            return out + found
        refused |= more  # a replacing file refused: the people it dropped are still the store's
