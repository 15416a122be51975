"""Text normalisation for matching labels and coded values the way clerks write them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_ASCII = re.compile(r"^[\x00-\x7f]*$")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    # Imported lazily: building the converter costs a few ms, only when Han text appears.
    from opencc import OpenCC

    return OpenCC("t2s")


# The control characters a cell can hold only by escape (_x0000_ in the file's XML: an export
# from another system): invisible in Excel and WPS, and a NUL is refused by PostgreSQL's text.
# Tab, line feed and carriage return are a cell's own.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def without_controls(text: str) -> str:
    """``text`` without invisible control characters (see _CONTROLS)."""
    return text.translate(_CONTROLS)


@lru_cache(maxsize=65536)
def norm(text: object) -> str:
    """Fold a label or coded value for matching.

    Trims and removes all spaces, folds full-width forms to half-width (NFKC, so
    ``村（社区）`` becomes ``村(社区)``), converts Traditional to Simplified characters and
    upper-cases Latin letters. Personal names must never go through this.
    """
    s = unicodedata.normalize("NFKC", str(text))
    s = _SPACES.sub("", s)
    if not _ASCII.match(s):
        s = _t2s().convert(s)
    return s.upper()


def fold(text: str) -> str:
    """A clerk's note folded for reading, not for matching: full-width forms to half-width
    (NFKC) and Traditional to Simplified characters (進行中 as 进行中, 部份 as 部分), spaces
    and case kept."""
    s = unicodedata.normalize("NFKC", text)
    if not _ASCII.match(s):
        s = _t2s().convert(s)
    return s.replace("部份", "部分")


# A value followed by a note without brackets: 已完成，已验收; 警告 已送达本人; 县级，县委表彰.
# (After 、 or / too, when what follows is no value: 已完成、已验收; 书记、主任 is read as joined before.)
TAIL_NOTE = re.compile(r"^(?P<head>[^\s，,。；;、/：:—\-（(【\[〔]{2,16}?)\s*(?:(?P<sep>[，,。；;、/：:]|—+|-+)\s*|\s+)(?P<rest>.+?)$")
FLATTEN = str.maketrans({c: "，" for c in "（）()【】[]〔〕"})  # a tail note's own brackets, as clauses


# Folding a free-text part of a fact's identity (文号, 处理结果, 荣誉名称) on top of ``norm``:
# one kind of bracket, no quotes; a placeholder is a blank.
_IDENTITY_FOLD = str.maketrans({**{c: "(" for c in "[{〔【〖〘「『"}, **{c: ")" for c in "]}〕】〗〙」』"},
                                **{c: None for c in "\"“”‘’'"}})
_PLACEHOLDERS = frozenset({"", "/", "\\", "-", "--", "—", "——", "–", "无", "暂无", "空", "N/A", "NA", "NONE",
                           "无文号", "暂无文号", "没有文号", "未发文", "尚未发文", "无文件", "待发文"})


_NAME_NOTE = re.compile(r"\([^()]*\)$")  # 乔福生(代), after NFKC
_NAME_DOTS = str.maketrans(dict.fromkeys("·•‧・･."))
# A phone number typed in full-width forms (１３９…, ０３５８－…): stored in plain digits (review R124)
_WIDE_PHONE = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "－": "-", "＋": "+", "\u3000": " "})


def phone_text(text: str | None) -> str | None:
    """A phone number as stored: full-width digits, dash, plus and space as plain ones, the
    rest (a clerk's note beside it) as written."""
    return text.translate(_WIDE_PHONE) if text else text


def name_key(name: str) -> str:
    """A person's name as typed in two quarters by two clerks, to compare (never to show):
    folded as :func:`norm`, without a trailing mark, a note in brackets after it (乔福生（代）)
    or middle dots (乔·福生)."""
    key = norm(name).rstrip(TRAILING_MARKS)
    key = _NAME_NOTE.sub("", key) or key
    return key.translate(_NAME_DOTS).rstrip(TRAILING_MARKS)


_PLACE_SUFFIX = re.compile(r"(?:村民委员会|居民委员会|村委会|居委会|社区|村)$")
_PLACE_OR_TOWNSHIP_SUFFIX = re.compile(r"(?:村民委员会|居民委员会|村委会|居委会|社区|村|街道办事处|街道|乡|镇)$")


def place_stem(name: str, *, townships: bool = False) -> str:
    """A village's name without what kind of place it is: 城东 of 城东社区 and 城东村; with
    ``townships``, a township's too (蔚汾 of 蔚汾镇)."""
    return (_PLACE_OR_TOWNSHIP_SUFFIX if townships else _PLACE_SUFFIX).sub("", name) or name


def closest_names(written: str, names: Sequence[str], *, townships: bool = False) -> list[str]:
    """The names of ``names`` a person who wrote ``written`` (a name not found) likely meant:
    those with the same place stem (城东村 for 城东社区, not the nearer spelling 城关村, review
    R70; with ``townships``, 蔚汾镇 and 蔚汾社区 for 蔚汾), else the nearest spellings, all of
    them when several are as near (城冬社区 is as near 城东, 城西, 城南 and 城北社区: naming one
    sent a cadre to the wrong village, review R83); empty when none is close. A two-character
    name with one character wrong (卫中 for 卫忠) is as near as half (review R84)."""
    import difflib

    key = norm(written)
    folded = {norm(n): n for n in names}
    stem = place_stem(key, townships=townships)
    same = [n for k, n in folded.items() if place_stem(k, townships=townships) == stem]
    if same:
        return same
    cutoff = 0.5 if len(key) <= 2 else 0.6
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)  # (as difflib.get_close_matches: the cheap bounds first, a province's names)
    near: list[tuple[float, str]] = []
    for k in folded:
        matcher.set_seq1(k)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff \
                and (ratio := matcher.ratio()) >= cutoff:
            near.append((ratio, k))
    best = max((r for r, _k in near), default=0.0)
    return [folded[k] for r, k in near if r == best]


@lru_cache(maxsize=65536)
def identity_text(text: str | None) -> str:
    """A free-text part of a fact as it counts for "the same fact reported again": another
    clerk retyping 兴组通〔2022〕22号 as 兴组通[2022]22号, or leaving / for a blank, names the same
    event. Folded as :func:`norm`, with every bracket one kind, quotes dropped and a
    placeholder (/, 无, —) read as blank."""
    if text is None:
        return ""
    s = norm(text).translate(_IDENTITY_FOLD)
    return "" if s in _PLACEHOLDERS else s


_DOC_SERIAL = re.compile(r"第?0*(\d+)(?=号?$|号)")  # 第030号 is 30号


@lru_cache(maxsize=65536)
def doc_number_text(text: str | None) -> str:
    """A 文号 as it counts for "the same event reported again": :func:`identity_text`, and
    the serial written with or without 第, leading zeros or the closing 号 (兴组通〔2022〕第030号
    is 兴组通〔2022〕30号, and so is 兴组通〔2022〕30)."""
    s = identity_text(text)
    if not s:
        return s
    s = _DOC_SERIAL.sub(lambda m: m.group(1), s)
    return s[:-1] if s.endswith("号") else s


# Punctuation an input method leaves after a coded value or a name (已完成。, 县级！), after norm.
TRAILING_MARKS = "。.，,；;：:！!、"
# Where a clerk joins two posts one person holds: 书记、主任, 书记/主任, 支部书记兼村委主任.
_JOINED = re.compile(r"[、/,，;；+＋&和及兼]")
# A note in brackets after a value: 书记兼主任（一肩挑）, 村主任（代） (after norm).
_NOTE = re.compile(r"\([^()]*\)$")
# Bracketed notes that take back or doubt the value before them: 书记（2022年8月离任）,
# 撤销党内职务（拟）, 警告（处分已撤销）, 县级（待审批中）, 已完成（取消）. Such a value is not read.
# A note is looked at clause by clause (split at ，；、), a leading date and 已/被/于 set aside:
# a clause that ENDS in an undoing verb takes the value back (撤销 in 严重警告（撤销村委会职务）
# is the sanction itself, and 取消 in 警告（取消当年评优资格） what it cost); one that STARTS
# with a doubt (拟, 待, 未) doubts a level or a sanction, not a status (推进中（拟于12月底前完成））.
# For a post, also a clause ending in leaving it (离任, 免职 …); for a sanction 免职 is what it
# was (政务处分（免职）).
_CLAUSES = re.compile(r"[,，;；、]")
_CLAUSE_SEPS = re.compile(f"({_CLAUSES.pattern})")  # as _CLAUSES, keeping each separator
_GAVE_VERB = re.compile(r"免去|辞去|卸去|撤销|撤去|不再担任")
_CLAUSE_LEAD = re.compile(r"^[\d.\-/年月日号度]*(?:已经|已|被|于|在)*")
_UNDOING = ("撤销", "撤消", "取消", "撤回", "作废", "无效")
# 收回 takes back a fact (荣誉已收回) but ends many a task done (已完成（借调干部已全部收回）).
_FACT_UNDOING = (*_UNDOING, "收回")
_LEAVING = ("离任", "卸任", "离职", "免职", "辞职", "调离", "退休", "去世", "已故", "故", "停职", "撤职", "罢免")
# A fact (an honour's title, a deduction's measure) is taken back only by a note saying just
# that: （已撤销）, （荣誉已收回）, （处分已撤消）, （拟表彰）. A note explaining the fact keeps it,
# however it ends: 考核问责（评先评优资格取消）, 考核问责（未完成年度目标任务）, 先进个人（撤销建制村合并工作）.
# What may stand before the undoing word: the fact itself in other words (问责决定已撤销,
# 经复查已撤销, 该荣誉已于2022年撤销, 通报已收回), matched as a run of these words.
_FACT_WORDS = re.compile(r"^(?:经|经过|复查|复核|核查|该|本|此|原|项|荣誉|称号|表彰|奖励|处分|处理|问责|决定|事项|通报|"
                         r"文件|批评|结论|认定|举措|任务)*$")
# Before the undoing word of a status's note: the measure itself (该举措已取消), nothing else.
_STATUS_WORDS = re.compile(r"^(?:该|本|此)?项?(?:事项|举措|任务|项目)?$")  # 该项任务, 本项举措, 项目
_FACT_DOUBTS = frozenset({"拟", "拟表彰", "拟授予", "拟推荐", "拟处理", "拟问责", "拟处分", "待定", "待批", "待审批",
                          "待审批中", "待核实", "待认定", "公示中", "未批", "未审批", "拟推荐对象", "拟表彰对象",
                          "推荐对象", "候选对象", "公示对象",
                          # (review R149) no sanction after all: 考核问责（免予问责）
                          "免予问责", "免于问责", "不予问责", "免予处理", "免于处理", "不予处理", "免予追究", "不予追究",
                          "免予处分", "免于处分", "不予处分"})
_FACT_FILLER = re.compile(r"[\d.\-/年月日号]|已经|已|被|于")  # 处分已于2023年撤销 says 处分撤销
# Notes in other brackets at the end of a value: 穆平【已离任】, 违纪违法〔已撤销〕 (after norm).
_ANY_NOTE = re.compile(r"(?:\(([^()]*)\)|\[([^\[\]]*)\]|【([^【】]*)】|〔([^〔〕]*)〕)$")
# A level's note saying it is not granted (yet), or was taken back: 县级（推荐对象）, （正在公示）,
# （尚未发文）, （报市里审批）, （没有评上）, （荣誉已收回）; not 县级（县委推荐）, （已公示）, （提名奖）,
# （公示后已发文）, （待补文号）.
_LEVEL_NOT_GRANTED = re.compile(
    r"推荐对象|候选|推荐人选|考察对象|拟(?:表彰|授予|推荐|评|报|上报)|^拟$|^推荐$|推荐中|申报中|^申报$|^提名$|被提名|提名中|入围"
    r"|公示中|正在公示|公示阶段|公示期(?:内|间|未满|还没满)|尚未发文|(?<!文号)未(?:正式)?(?:发文|下文|公布)|还?没(?:有)?(?:下文|发文|公布)"
    r"|(?:还|尚)?未(?:获)?批准?(?![复])|待[^，,；;。]{0,4}?(?:批|审批|定|发文|下文)|等待审批|报.{0,4}审批|审批中|走程序|程序中"
    r"|正在研究|研究中|还在评|正在评|初评|评审通过待|待评"
    r"|已?上报|参评|评审中|正在评选|评选中|争创|以乡镇名义"
    r"|(?:暂不予?|暂缓|不予|免予|未予)(?:授予|表彰|颁发|命名|发文|下文|认定|评定|通过|公布)|^暂缓$|因故暂缓|不再表彰"
    r"|没有?(?:被)?表彰|" + r"|".join(("评选未通过", "未通过", "还?没有?批", "没有?评上", "未评上",
                                                                        "落选", "收回", "撤[销消]", "取消")))
# ... of which these take it back after it was granted: no award said in the note outweighs them.
_LEVEL_TAKEN_BACK = re.compile(r"评选未通过|未通过|没有?评上|未评上|落选|收回|撤[销消]|取消")
# An award said in the note (县委表彰, 县里发文, 镇评县定, 已发文): a township's part in it (镇里评选,
# 乡镇颁发, 由镇上报) or a pending step before it (公示期间无异议) does not make it another's or pending.
_AWARDED = re.compile(r"(国家|中央|省|市|县)(?:委|政府|人民政府|里|上|级|委组织部|委、[县市省]政府)?"
                      r"(?:(?![未没待拟不尚正])[\u4e00-\u9fff]){0,3}?(?:表彰|发文|下文|授予|颁发|定|批准)"
                      r"|已(?:正式)?(?:发文|下文|表彰|授予|颁发)")
# ... or awarded by a township (县级（镇党委表彰）, （蔚汾镇表彰）, （镇里评的）, （乡党委、乡政府表彰）): no
# honour of the level written.
_BY_TOWNSHIP = re.compile(r"^(?:由|经)?(?:[\u4e00-\u9fff]{0,4}[镇乡]|乡镇)(?:里|上)?(?:党委|政府|人民政府|党委政府|党委和政府)?"
                          r"(?:[、和及](?:[\u4e00-\u9fff]{0,4}[镇乡])?(?:党委|政府|人民政府))?(?:联合)?"
                          r"(?:表彰|评选|评的|评定|授予|颁发|发文|发证|颁证|评)")
# ... or saying it is another level than written (县级（其实是乡镇级）, （应为乡镇）, （乡镇级）): its level word.
_LEVEL_WORD = r"(国家|中央|省|市|县|乡镇|乡|镇)(?:级|委|政府|表彰)?"
_LEVEL_IS_OTHER = re.compile(rf"(?:改为|改成|应为|应该是|其实是|实为|实际是|实际为|更正为?[:：]?|降为|升为|调整为|只是|仅是|属于)"
                             rf"{_LEVEL_WORD}|^{_LEVEL_WORD}$")
# An outcome's note saying the sanction was undone, whatever the measure: 处分已撤销, 已撤销该处分,
# 撤销原处分决定, 已恢复党籍, 经甄别平反, 二审改判无罪; not 严重警告（撤销村委会职务）, （年度评先资格取消）.
# An outcome not decided yet (拟给予, 尚未作出处理决定, 处理意见待县纪委审定, 研究中), or won on
# appeal (申诉成功): no sanction to count.
_NOT_DECIDED = re.compile(r"^(?:拟|建议)(?:给予|处分|作出|处理|对其)|(?:尚|还)未(?:作出|做出|下达)(?:处理|处分)?(?:决定|意见)?"
                          r"|待[^，,；;。]{0,8}?(?:审定|审批|审议|研究|决定|批复|批准)(?!备案)|研究中|审理中|审议中|调查中|审查中"
                          r"|申诉成功|复查成功")
def changed_later(note: str, said: re.Match[str], until: date) -> bool:
    """Whether a note's CHANGED_TO match ``said`` tells of a change after the period: a change
    (改为, 改成, 调整为) dated after it in its own clause, or, when that clause has no date, in
    the note (书记（2022年8月任职，2023年1月改为副书记）, 书记（2023年1月起，改为副书记）); a correction
    (实为, 应为: what the post is) never (书记（实为主任，2023年1月换届）: R153, R154)."""
    if not said.group(0).startswith(("改", "调", "变", "降", "减")):
        return False
    clause = clause_of(note, said.start())
    return dated_after(clause if _A_DATE.search(clause) else note, until)


_A_DATE = re.compile(r"\d{4}\s*年|\d{4}[-./]\d{1,2}|\d{1,2}\s*月")


def clause_of(text: str, at: int) -> str:
    """The clause of ``text`` (between ，；。 marks) holding position ``at``."""
    start = max(text.rfind(m, 0, at) for m in "，,；;。") + 1
    ends = [e for e in (text.find(m, at) for m in "，,；;。") if e >= 0]
    return text[start:min(ends) if ends else len(text)]


# ... not an appeal withdrawn (申诉已撤回, 本人撤回申诉): the sanction stands.
_APPEAL_WITHDRAWN = re.compile(r"(?:申诉|复议|复查申请)(?:已经?|被|已被)?撤回|撤回(?:了)?(?:申诉|复议)")
_UNDONE_ANY = (r"(?:处分|问责|处理|通报)(?:决定)?(?:已经?|被)?(?:撤[销消]|撤回)|撤[销消](?:了)?(?:该|原|此)?(?:处分|问责|处理决定)"
               r"|恢复党籍|平反|改判无罪|宣告无罪|不属实|属误报|^误报$|系误报")
_OUTCOME_UNDONE = re.compile(_UNDONE_ANY +
                             r"|(?:^|经(?:申诉|复查|复议|复核|甄别|上级|纪委)[^，,；;。未不没无需拟待]{0,6}?|(?:申诉|复查|复议)后)"
                             r"(?:已经?|被|予以)?撤[销消]$|(?:纪委|监委|党委|组织部)[^，,；;。]{0,4}?(?:已经?|被|予以)撤[销消](?!党内职务|职务)"
                             r"|^(?:已经?)?(?:取消|作废|无效|撤回)$|^(?:已经?)?恢复$|^(?:拟|待定|拟处理|待处理|尚未处理|未作处理)$")
# ... or, where the outcome decides the stars ("sanction"), changed to another, or none imposed:
# 留党察看（后经申诉改为严重警告）, （填错了，是警告）, 刑事处罚（免予刑事处罚）, 警告（不予处分）. The target is
# compared with the value by the matcher (警告（更正为党内警告） is the same outcome).
CHANGED_TO = re.compile(r"(?:(?<!整)改为|改成|改判为?|减为|减轻为|降为|降成|变更为|调整为|更正为|纠正为|变成了?|应为|应该是|实为|其实是|实际是|实际为"
                        r"|(?:填错|错填)了?[，,]?(?:应)?是)([^，,；;。]{1,10}?)了?(?=$|[，,；;。])")
# Revoked on appeal or review, in any sanction's words (经申诉已撤销, 经县纪委复查已撤销, 复核后撤销, 经复查，
# 决定撤销, 经申诉已撤回): searched in the whole note; not 经申诉未撤销, 不予撤销, 拟撤销, 待撤销.
_REVIEWED_UNDONE = re.compile(r"(?:申诉|复查|复议|复核|甄别|核实|核查)[^。未不没无需拟待]{0,10}?(?:已经?|被|予以|决定)?"
                              r"(?:撤[销消]|撤回)(?!党内职务|职务)")
# ... and of a sanction that is itself a 撤销 (撤销党内职务（已于8月撤销）: carried out), only these:
_SANCTION_UNDONE = re.compile(_UNDONE_ANY + r"|恢复(?:原)?职务|^(?:拟|待定|拟处理|拟处分|待处理|尚未处理|未作处理)$")
_SANCTION_NONE = re.compile(r"免[予于](?:刑事)?处[分罚]$|^不予处分$|^(?:填错|错填)了?$|免[予于]起诉|不予?起诉|判决?无罪|未被?判刑")
_SELF = ("本人", "该同志", "该人", "此人")
# Another person, or this one before: 原书记已卸任, 前任已离任, 老书记已离任, 曾任书记，已免职.
_OTHER_PERSON = ("原", "前任", "前一任", "上任", "上一任", "原任", "老书记", "老主任", "曾")
# The predecessor in the post as a clause's subject: 前主任已离任, 上届书记已调走 (that clause only:
# 书记（上届书记，已离任） still says this person left).
_PREDECESSOR = re.compile(r"^(?:前|上届|上一届|前届|前一届|老)(?:村|社区)?(?:党支部|支部|党总支|总支|村委会|村委|居委会|两委|村两委)?"
                          r"(?:书记|主任|支书|村长|班子)")
# A leaving asked for (经本人申请免去…, 申请辞去主任) and refused or not yet granted in a later clause
# (，未批准; ，尚未批复): no leaving. Granted, or said no more of, it is one.
_APPLIED = ("申请", "提出", "请求")
# Pending, but another matter than the leaving when named right before the pending word: 补选待批,
# 离任审计待审 (not 离任审计未完成未予批准: that is the leaving's approval).
_OTHER_MATTERS = ("补选", "审计", "接任", "人选", "方案", "复职", "新任")
_AWAITING = re.compile(r"待|(?:未|尚未|没有|未经|仍未|未予|不予|不)(?:获|被)?(?:批准|批复|审批|同意|准许)")
# Other roles than the rated posts, some named as a post is: 妇联主任 is no 主任, 团支部书记 no
# 书记 (nor 治保和主任 one role: the middle holds no 和, 及, 兼, 与).
_ROLE_NAME = (r"(?:调解委员会主任|团支书|计生专干|民兵营长|(?:妇联|妇女|妇代会|治保|治调|民调|调解|计生|团支部|民兵)"
              r"(?:(?![和及兼与、])[\u4e00-\u9fff]){0,3}?(?:主任|委员|主席|书记|连长)|(?:股份)?(?:经济)?(?:合作社)?"
              r"(?:理事长|监事长)|网格员|文书|会计|出纳|报账员|村医|护林员|保洁员|电工|扶贫专干|信息员|大学生村官|"
              r"驻村工作队[长员]?|驻村队员)")
_ROLE_POSTS = re.compile(_ROLE_NAME)


def _awaits(text: str, pending: re.Pattern[str]) -> bool:
    """Whether ``text`` says a leaving waits (辞去主任待批, 申请辞去主任职务未获批准, …。尚未批准):
    a pending word with no other matter named before it in its sentence (。补选待批 is not)."""
    for sentence in text.split("。"):
        for m in pending.finditer(sentence):
            if not sentence[:m.start()].endswith(_OTHER_MATTERS):
                return True
    return False


_PENDING_IN = re.compile(r"(?:未|尚未|没有|未经|仍未|未予|不予|待)(?:获|被)?(?:批准|批复|审批|同意|准许)|待批|待审")

# What a later sentence (or, after a resignation, a later clause) says that undoes a leaving.
# The person still in post, in general words (仍主持工作, 尚在履职, 暂由本人继续主持, 仍由其主持, 组织挽留,
# 留任, 待换届时离任): not of a post or body (继续担任书记, 仍主持支部工作: which post is left is then unclear,
# so the leaving stands), not someone else (副书记继续主持工作, 会计仍在岗), not of the time before the
# leaving (调离前仍主持工作), not negated (不能继续工作), not 挽留 to no avail (挽留无果, 本人仍坚持).
_STILL = re.compile(r"(?:仍|继续|还|尚)(?:由本人|由其|由该同志)?(?:在)?(?:正常)?(?:主持(?:村里|全村|村|日常)?(?:工作)?(?:至|到|$)|"
                    r"履职|在岗|在职|任职|留任|负责(?:村里|全村|日常)*(?:工作)?$|工作(?![到至]))|"
                    r"(?:仍|继续)(?:由本人|由其|由该同志)负责|暂由(?:本人|其)(?:继续)?主持|"
                    r"(?:未|尚未|暂未)(?:离岗|离任(?!审计)|离职)|挽留|(?<!不愿)(?<!不再)留任$|待[^。，,]*[时后]离任$|"
                    r"(?:撤回|收回)(?:了)?(?:辞职)?(?:申请|报告)?$|还在干|(?:继续|还)干|留下(?:了)?$")
_NOT_STILL = re.compile(r"[不无没难未]")
# Who may be said to carry on: the person, by adverbs only, or before a successor comes (补选前, 新书记选出前).
_SELF_LEAD = re.compile(r"^(?:但是|但|目前|现在|现|暂时|暂|本人|该同志|其本人|其|他(?!人)|(?<!他)人|村里的事|日常工作|村里工作|"
                        r"工作|在)*"
                        r"(?:[^。，,]{0,8}?(?:同意|答应|决定))?"
                        r"(?:[^。，,]*(?:新|补选|换届|选出|产生|到任|批准|确定|继任|人选)[^。，,]*前|[\d年月日]+前|"
                        r"[^。，,]{0,6}?(?:要求|劝|让|请)其)?(?:但是|但|目前|现在|现|暂时|暂|本人|其|他(?!人))*$")
_INSISTS = re.compile(r"坚持|去意|未果|不成|未成功|无效|无果|失败|不住|未留住|没留住|留不住|未留下|挽留不下|挽留不了|无用|没用|"
                      r"无望|未允|未能|还是走了|仍辞职|坚决|执意|拒绝|不愿留任|仍要|本人不同意")
# A resignation (or an application) waiting or refused: 未批准, 组织未批, 乡党委研究中, 尚未答复, 手续正在办理
# (said of a resignation only: 已离任。交接手续正在办理 is done) — not when decided (审批通过, 研究同意,
# 8月批复) or when another matter waits (补选待批, 继任者待乡党委批准, 丧葬补助待批).
_RESIGN_WAITS = re.compile(r"(?:未|没|不|尚未|暂未|还未|还没|待|正在|尚在|还在|等)[^。，,]{0,6}?(?:批|准|审|研究|考察|考虑|答复|回复|表态|"
                           r"定|同意|受理|决定)|(?:审批|审核|研究|考察|考虑)中|暂缓|驳回|退回|不让|压着|报告在|思想工作|劝其留任|劝留|再定|"
                           r"(?:上报|报请|报送|报乡|报镇|报县)[^。，,]{0,6}?(?:审批|审核|批准)|"
                           r"(?:手续|程序)(?:正在|尚在|还在)(?:办理|走)|程序未走完|待审(?!计)|待批|待下发|未下|没下来|尚未下发|"
                           r"(?:尚未|未|待|还没)(?:报到|到岗|到任)|公示|体检|政审")
_RESIGN_DONE = re.compile(r"批准|同意|获批|批复|通过|准予|予以|已审批|已审核|已答复|已回复|下文|下发|免去其")
_MATTERS = ("补选", "审计", "接任", "接替", "继任", "人选", "方案", "新任", "抚恤", "丧葬", "遗属", "退休金", "养老", "选举",
            "换届", "新书记", "新主任", "任命", "补助", "交接", "移交", "接班", "新人", "候选人", "接手", "代理人", "谁", "下任")


def _undoes(sentence: str, resigned: bool, context: str = "") -> bool:
    """Whether a sentence after a leaving says it did not happen (yet): the person still in
    post; after a resignation, also the resignation waiting or refused. ``context``: the
    whole note (挽留 undone by 本人仍坚持 elsewhere in it)."""
    if _insists(context or sentence):
        return False  # 经做思想工作后仍坚持辞职
    if _still(sentence, context):
        return True
    return resigned and _resign_waits(sentence)


@lru_cache(maxsize=256)
def _insists(text: str) -> bool:
    """Whether a note says the person insisted on leaving (see _INSISTS); asked once per note."""
    return _INSISTS.search(text) is not None


@lru_cache(maxsize=256)
def _decided(text: str) -> bool:
    """Whether a text says a resignation was decided: 审批通过, 乡党委8月批复, 考察后批准, 经报县委
    组织部批准, 报乡党委批准同意 (not 未批准, 待乡党委批准, 报乡党委审批, 批复待下发, 批准后离任)."""
    for m in _RESIGN_DONE.finditer(text):
        before, after = text[max(0, m.start() - 8):m.start()], text[m.end():]
        if re.search(r"不|未|没", before[-3:]) or re.match(r"待|未|还没|尚未|没|后|继续|留", after):
            continue
        if (m.group(0) in ("同意", "通过", "准予", "予以") or before.endswith(("获", "已", "并")) or "经报" in before
                or not re.search(r"待|等|上报|报请|报送|报乡|报镇|报县", before)):
            return True
    return False


def _resign_waits(text: str) -> bool:
    """Whether a text says a resignation waits or was refused (see _RESIGN_WAITS)."""
    if _decided(text):
        return False
    if re.search(r"后(?:生效|离任)", text) and not _DATED.search(text):
        return True  # 待新书记任命后生效, 新书记到任后离任: the resignation takes effect later
    main = re.split(r"(?<=批准|同意|研究|考察|审批|审核|决定)后", text)[0]  # 待批准后补选: a matter after it follows
    if any(w in main for w in _MATTERS) or re.search(r"未经[^。，,]*已", text):
        return False  # 补选待批; 未经批准已外出务工
    return _RESIGN_WAITS.search(text) is not None


def _still(sentence: str, context: str = "") -> bool:
    """Whether a sentence says the person is still in post (see _STILL)."""
    if _insists(context or sentence):
        return False  # 经挽留本人仍坚持辞职
    for m in _STILL.finditer(sentence):
        lead = sentence[:m.start()]
        if re.search(r"书记|主任|委员|支部|村委|两委", m.group(0)) or _NOT_STILL.search(lead[-3:]):
            continue  # 仍主持支部工作, 不能继续工作
        if m.group(0) == "挽留" and _decided(context or sentence):
            continue  # 挽留后同意其辞职: asked to stay, then let go
        if m.group(0).startswith(("挽留", "未", "尚未", "暂未", "待")) or _SELF_LEAD.match(
                re.sub(r"由(?:本人|其|该同志|他(?!人))", "", lead)):
            return True
    return False


# Handed over: 工作已移交 (the person's work), 主任职务已移交 (a post named; not 扶贫工作已移交, 资料已移交).
_HANDED_OVER = re.compile(r"^(?P<head>(?:将)?(?:因病|因故)?(?:(?:本人|其)?(?:全部|所有)?(?:村务|村里|全村)?(?:工作|职务)|"
                          r"(?P<post>[^。]+?)(?:职务|一职|工作))(?:[\d.\-/年月日号]|已经|已|于|全部)*)移交"
                          r"(?:(?![中未尚待不有])(?:给|予)?(?!手续(?!已))[\u4e00-\u9fff]{1,10})?$|^(?P<bare>)移交(?:全部)?(?:工作|职务)?$")
# The holder of another role as a clause's whole subject, or the role given up: 会计已辞职, 治保主任
# 因病去世, 会计和出纳已辞职, 其会计 (not 因会计工作失误被免职, 与会计一同辞职: this person).
_ROLE_SUBJECT = re.compile(rf"^(?:村|社区|本村)?(?:兼任的|兼任|其)?{_ROLE_NAME}(?:[和兼、及与]{_ROLE_NAME})*"
                           r"(?:[\u4e00-\u9fff]某{1,2}|本人)?(?:一职|职务)?"  # 会计张某已辞职
                           r"(?:因病|因故|因[\u4e00-\u9fff]{0,4}?原因)?(?:[\d.\-/年月日号]|已经|已|于|被|也|均|都)*$")
# An item of a list after a verb at 、: a post or role alone (已辞去妇联主任、村委会主任职务).
_LIST_ITEM = re.compile(rf"^(?:(?:村|社区|党|两委|村两委|村委|村委会|村民委员会|居委会|支部|支委|党支部|总支|党总支|村务监督委员会|"
                        rf"监委会|监委|监督委员会)*副?(?:书记|主任|委员|支书|村长|一肩挑)|{_ROLE_NAME})(?:职务|一职)?$")
_RESIGNED = re.compile(r"辞职|辞去|请辞|不干|^(?:考录|考上|考取)")
# A leaving's own date in the clause after it: 调任乡政府，2022年11月到岗.
_TAKES_EFFECT = re.compile(r"^(?:[\d.\-/年月日号份底初中旬]|[一二三四五六七八九十]|于|自|从)+(?:起)?(?:正式)?"
                           r"(?:到岗|到任|生效|报到|离任|离职|起)$")
# What follows a leaving: its successor, handover or by-election (2022年11月离任，由王某接任).
_FOLLOWS = re.compile(r"接任|交接|移交|补选|到岗|接替|审计")
_APPROVAL = re.compile(r"批准|获批|同意|批复")
_POST_WORDS = ("书记", "主任", "委员", "职务", "村长")
# A clause of 原 or 曾 that names no role held before (a leaving after it is this person's).
_NO_ROLE = ("村干部", "两委干部", "获表彰", "获奖", "获评", "获得", "获县", "获市", "获省", "受到表彰", "受表彰", "籍", "原定",
            "原计划", "务工")  # 主任（书记职务已免职）: another post was left
_POST_LEAVING = (*_LEAVING, "调走", "免", "逝世", "离世", "病逝", "过世", "死亡", "解聘", "辞退", "开除", "卸职", "去职", "殁",
                 "辞任", "不干", "身亡", "殉职", "牺牲", "猝死", "病亡", "辞世", "留置", "不在村里任职", "不在村任职",
                 "不在本村任职", "不再任职", "人已走", "人已经走", "减员", "留置审查", "另选他人", "另选别人", "另选了他人",
                 "退出村两委", "退出两委", "退出村两委班子", "退出两委班子", "不在村两委", "不在两委", "不在两委班子",
                 "判刑", "入狱", "服刑",  # (review R111)
                 # (review R114) the other bodies a cadre sits on, and a criminal case's steps
                 "退出村委会", "退出村委", "退出村支委", "退出支委", "退出村党支部委员会", "退出党支部委员会",
                 "退出村民委员会", "退出居委会", "退出社区两委", "退出社区两委班子", "退出村班子", "退出班子",
                 "逮捕", "刑事拘留", "在押", "羁押", "关押", "收监")
# Before a criminal case's step, what says the person is not held by it: 不予逮捕, 已解除羁押,
# 协助公安逮捕 (someone else held), 不批准逮捕.
# Not held: the arrest or custody itself undone or refused, just before the word (不予逮捕, 已解除羁押)
_NOT_HELD = re.compile(r"(?:不予|不批准|不准|解除|撤销|取消|释放)(?:对其|其|了|的)?$")
# Or the person helping to hold another (协助公安逮捕): not when the person is held after it, the
# helping being the crime's (因帮助信息网络犯罪活动被逮捕, 因参与赌博被刑事拘留: review R120)
_HELPING = re.compile(r"协助|配合|帮助|举报|参与")
_SENTENCED = ("判刑", "入狱", "服刑", "逮捕", "刑事拘留", "在押", "羁押", "关押", "收监")  # of the person, or of kin (其子被判刑)
# A sentence as the court words it (被判处有期徒刑三年，缓刑两年), read as 判刑.
_SENTENCE = re.compile(r"判处了?(?:有期徒刑|无期徒刑|拘役|管制|死刑|死缓)[^,;。]*(?:,缓刑[^,;。]*)?$")
_QUOTE_MARKS = str.maketrans("", "", "\"'“”‘’「」『』")  # 退出村“两委”班子 as 退出村两委班子
# Left by not being chosen again (换届未当选) or with a resignation approved (辞职已获批准).
_NOT_CHOSEN = ("未当选", "未连任", "落选", "没选上", "未选上", "没当选", "没有当选", "没连任")
# What may come before those in everyday words (没选上, 换届没选上, 主任没选上; not 县人大代表没选上, 差点没选上,
# 上届没选上, 王某没选上): nothing but the post and the election.
_NOT_CHOSEN_SAID = re.compile(r"(?:(?:村|村委会|村民委员会|党支部|支部|两委)?(?:书记|主任|支书|村长|委员)|本人|他|她|人)?"
                              r"(?:这次|本次|这回|这届|本届|今年)?(?:换届|选举|换届选举)?(?:时|中)?(?:竞选连任|连任|竞选|参选)?"
                              r"(?:(?:得票|票数)(?:太少|不够|不足|较少|少)|差了?[几一二两三四五]票)?(?:已经|已|又|也|都)?")
# Gone, in everyday words ending in 了 (the 了 taken off): 走了, 人走了, 被撤了, 退了, 人没了.
_SAID_GONE = re.compile(r"(?:后来|后|再后来)?(?:人|他|她)?(?:已经|已|早就|早|都|也|又)?(?:走|退|撤|没)")
# The person's handover done: 已完成工作移交, 已办理移交手续, 工作交接已完成 (not 移交手续正在办理, 未办理…).
_HANDOVER_DONE = re.compile(r"(?:完成|办理|办完|办好)(?:全部)?(?:村务|工作|职务)?(?:移交|交接)(?:手续|工作)?|"
                            r"(?:村务|工作|职务)?(?:移交|交接)(?:手续|工作)?(?:已经|已)?(?:完成|办理|办完|办好|结束)(?:完毕)?")
_APPROVAL_END = re.compile(r"(?:批准|获批|同意|批复|已批|已审批|(?<![未没不])(?<!没有)通过)$")  # 辞职报告已批复


def _approved(clause: str) -> bool:
    """辞职 … 批准/获批/同意 at the end (辞职已获批准); linear, unlike 辞职.*批准$ on a long cell."""
    m = _APPROVAL_END.search(clause)
    return m is not None and "辞职" in clause[:m.start()]
# 已免去书记职务, 辞去主任职务, 撤销职务, 不再担任: what was left named between verb and 职务, if at all.
_CHOSEN_OTHER = re.compile(r"(?:已经?)?另(?:选|选出|选了|任命|派)(?:他人|别人|其他人|新人)?$")  # 主任已另选他人
_GAVE_UP = re.compile(r"(?:免去|辞去|卸去|撤销|撤去|不再担任)(.*?)(?:职务)?$")
# Verbs that give up a post only when one is named after them: 不再兼任主任, 罢免村委会主任
# (not 不再兼任合作社理事长, 罢免未通过).
_GAVE_UP_NAMED = re.compile(r"(?:不再兼任|不兼任|不兼|辞掉|卸下|罢免)(?:村|村委会|村民委员会|居委会|党支部|支部)?(书记|主任|支书|村长)")
# Leaving words that begin a clause saying the person left: 调离本村, 调任乡政府, 暂停职务, 离任审计中.
# Someone else whose death or leaving a note tells of: 父亲病亡, 妻子去世了, 村民张某车祸身亡.
_DEATHS = ("去世", "已故", "故", "逝世", "离世", "病逝", "过世", "死亡", "殁", "身亡", "殉职", "牺牲", "猝死", "病亡", "辞世")
_KIN = re.compile(r"^(?:(?:\d+[年月日份]*)+)?(?:其|本人的?|他的?|本村)?(?:一名?|一位)?(?:父亲|母亲|父母|岳父|岳母|公公|婆婆|爷爷|奶奶|外公|外婆|哥哥|姐姐|弟弟|妹妹|叔叔|"
                  r"伯父|舅舅|姑姑|儿媳|女婿|丈母娘|岳父母|妻子|妻|丈夫|夫|爱人|儿子|女儿|孩子|孙子|孙女|家属|家人|亲属|老伴|家中老人|村民|群众|"
                  r"老党员|牲畜|家中牲畜|养殖|羊|牛|猪|父|母|子女|子|女)")  # as the subject: 父亲病亡, 村民张某车祸身亡
_LEFT_FIRST = ("调离", "离任", "离职", "调任", "调往", "调出", "离开", "离岗", "暂停", "停职", "撤职")
# Moved out, in everyday words: 调到镇政府, 调入乡政府工作, 考录为乡镇公务员 (not 调入本村任书记, 考录前,
# 考录公务员，尚未报到).
_MOVED_OUT = re.compile(r"^(?:借)?调(?:(?:到|入|往|去|回)(?!本村|我村|该村|村委|村里|村|时间)|(?![到入往去回解整研查度配剂换休任]))"
                        r"(?![^。，,]*(?:回村|返岗|期满))[\u4e00-\u9fff]|"
                        r"^(?:提拔|提任|升任)(?:为)?(?:副?(?:乡长|镇长|县长)|乡|镇|县)(?![^。，,]*(?:公示|尚未|未|前|待))|"  # 提拔为副乡长
                        r"^到(?:乡|镇|县|市|乡镇)(?:里|上|政府|党委|机关|直机关|直单位|[\u4e00-\u9fff]{1,4}?(?:局|委|办|部|中心|站|所|院|校|中|公司|厂|行|社))?"
                        r"(?:任职|工作|上班)$|"  # 到乡政府任职, 到县农业局工作 (not 到县里汇报工作)
                        r"^(?:考上|考取|考录|考入|被录用|录用)(?:为)?[\u4e00-\u9fff]{0,8}?(?:公务员|事业编|选调生|事业单位|研究生|教师)"
                        r"(?![^。，,]*(?:尚未|未|公示|前|待|政审|体检))")
# The person left and is back, or the post's holder is someone else now: the post stands or
# not, whatever came before: 离任后返聘, 停职期满已复职; 已由李某接任.
_BACK = ("返聘", "恢复", "复职", "返岗", "再次当选", "又当选", "重新当选", "再度当选", "回村任职")
# A later clause that undoes a leaving: back (人走了，又回来了; 退了，8月返聘), or, after a move, still at the
# village or not moved yet (提拔为副乡长，仍兼任村书记; 考入事业单位，尚未报到).
# Each said of this person: the clause begins with it, after a date (8月又回来了; not 王某补选当选,
# 新书记尚未到任, 会计返聘), and nothing but a post or 了 follows a return.
_LATER_LEAD = (r"^(?:[\d.\-/年月日号底初份]|[一二三四五六七八九十]+月|上个月|后来|后|于|但|不过|目前|现在|现|本人|其|该同志|他|她|人|"
               r"经(?:组织|乡党委|党委|乡里|村民)?(?:挽留|做工作|复查|研究|选举)后?|换届|选举|又|被|已经|已)*")
_BACK_LATER = re.compile(_LATER_LEAD + "(?:" + "|".join((*_BACK, "又回来", "回来", "回村", "又留下", "留下", "补选当选", "被挽留",
                                                        "留任")) + r")(?:了|为?(?:本村|村|村委会|村党支部|党支部)?(?:书记|主任|委员)|当(?:书记|主任|委员)了?|"
                         r"上班了?|职务|工作)?(?:至今)?$")
_MOVE_KEPT = re.compile(_LATER_LEAD + r"(?:(?:仍|继续|按规定继续)(?:兼任|兼|任|担任)|尚未(?:到任|到岗|报到|赴任)|"
                        r"未(?:到任|到岗|报到)|(?<!已)(?:正在|尚在|在)?公示(?:中|期内|期间|期)?$)")
# The person took the post over (the handover theirs, received): 8月接任, 从王某手里接任 (not 新书记已上任).
_TOOK_OVER = re.compile(_LATER_LEAD + r"(?:(?:从[\u4e00-\u9fff]{1,6}?(?:手里|手中))?(?:接任|上任|到任|接替)(?:本村|村)?(?:书记|主任)?|新任)$")
# A return to the post (离任后返聘, 返聘为书记; not 返聘为会计).
_BACK_IN = re.compile(r"(?<![未没拟不])(?<!没有)(?<!不再)(?<!暂不)(?<!尚未)(?<!拒绝)(?<!申请)(?<!要求)(?:" + "|".join(_BACK)
                      + r")(?=(?:为)?(?:本村|村)?(?:党支部|支部|村委会)?(?:书记|主任|委员)?(?:职务|工作|了)?$)")
# Left, and what came after (not a return to the post, found before this): 离任后未返聘, 停职至今未复职.
_LEFT_SINCE = re.compile(r"(?:离任|离职|辞职|免职|停职|撤职|调离|卸任|退休|落选)(?:后|以后|至今)")
# Carrying on in the post after a return or keeping: 继续当书记, 仍在村工作, 至今.
_CARRY_ON = re.compile(_LATER_LEAD + r"(?:(?:继续|仍|一直)(?:在村)?(?:当|任|担任|主持|履职|任职|工作|干)(?:本村|村)?(?:书记|主任|委员)?"
                       r"(?:工作|职务)?(?:至今)?|至今|工作照常|(?:工作|履职)正常|正常(?:履职|工作)|在岗(?:履职)?)$")
# The one post kept after a move, as the clause's whole object: 仍兼任村书记, 继续担任本村党支部书记.
_KEEP_POST = re.compile(_LATER_LEAD + r"(?:暂时|同时)?(?:仍|继续|按规定继续)?(?:兼任|兼|任|担任)(?:本村|村)?"
                        r"(?:党支部|党总支|支部|村委会|村民委员会|两委)?(?P<post>副?书记|副?主任|监委会主任|委员)(?:职务|一职)?(?:至今)?$")
_SUCCEEDED = re.compile(r"(?:由.+接任|继任者.*到岗|交接(?:工作|完毕)?)$")
# Posts whose name holds another's: a note about the 书记 is not about the 副书记.
_POST_PREFIXES = ("副", "监委会", "监督委员会", "第一", "驻村第一")
# Before a leaving word: not left (yet): 未离任, 即将退休, 年底退休, 拟免职, 辞职待批.
_NOT_YET = ("未", "没", "尚", "即将", "待", "拟", "将要", "准备", "年底", "明年", "下月", "计划", "打算",
            "届满后", "期满后", "到期后")
_POST_DOUBTS = frozenset({"拟", "拟任", "拟定", "候选", "候选人", "待定", "待批", "待任命"})
# A term written after a sanction: 留党察看1年, 留党察看一年 (after norm).
_TERM = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)(?:年|个月)$")
# Roles besides the rated posts, dropped from joined posts: 书记、主任、股份经济合作社理事长.
_OTHER_ROLES = ("理事长", "监事长", "合作社", "网格员", "文书", "会计")


def says_departed(value: str) -> bool:
    """Whether a cell's whole text says its person has left the post (已离任, 2022年8月离任,
    已调离), as a clerk writes into 职务 instead of deleting the row."""
    if len(value) > MAX_NOTED_VALUE:
        return False
    key = norm(value).rstrip(TRAILING_MARKS)
    return _NOTE.search(key) is None and _left(key)  # a note after a post: taken back or not, as such


_MAX_SENTENCES = 12  # the sentences of a clause tried one by one (linear beyond: a 32,000-character cell stays fast)


def _left(clause: str, head: str | None = None) -> bool:
    """Whether a clause says its person left the post ``head`` (see :func:`_left_in`); a
    sentence saying so stands unless a later one undoes it (辞职。未批准, 已辞职。手续正在办理,
    已辞职。尚在履职; not 已离任。补选待批, 已去世。享年72岁)."""
    clause = _SENTENCE.sub("判刑", clause.translate(_QUOTE_MARKS))
    if "。" not in clause:
        return _left_in(clause, head)
    sentences = [s for s in clause.split("。") if s]
    if _BACK_IN.search(sentences[0]) or _undone_later(sentences[0], sentences[1:], head):
        return False  # 离任后返聘; 人走了。又回来了; 已离任。现返聘 (not 已离任。王某补选当选, 又回来了。8月又走了)
    resigned = bool(_RESIGNED.search(sentences[0]) or any(w in sentences[0] for w in _APPLIED))
    if _left_in(clause, head):
        # 补选。原书记已离任: the only leaving is another person's
        return (any(_left_in(s, head) for s in sentences) or not any(
            _CLAUSE_LEAD.sub("", s).startswith(_OTHER_PERSON) or _PREDECESSOR.match(_CLAUSE_LEAD.sub("", s))
            for s in sentences)) and not any(_undoes(s, resigned, clause) for s in sentences[1:])
    for k in range(1, min(len(sentences), _MAX_SENTENCES)):  # a note is a few sentences; a pasted essay is not read on
        if _left_in("。".join(sentences[:k]), head):
            resigned = bool(_RESIGNED.search("。".join(sentences[:k])) or any(w in sentences[0] for w in _APPLIED))
            return not any(_undoes(s, resigned, clause) for s in sentences[k:])
    return False


def _left_in(clause: str, head: str | None = None) -> bool:
    """Whether a clause says its person left the post ``head`` (the cell's text before the
    note; None: the whole cell is the clause): a leaving word at its end (已离任, 换届离任,
    因病去世, 已调走, 免), a post given up (已免去书记职务, 不再担任), not chosen again (换届未当选),
    a resignation approved, a successor named (已由李某接任), or a clause beginning with leaving
    (调离本村, 调任乡政府). Not when it tells of another person (原书记已卸任, 前任已离任, 第一书记
    已调离) or, after ``head``, of another post (主任（书记职务已免职）, 副书记（书记已离任）), nor of
    leaving not yet done (未离任, 即将退休, 拟免职, 辞职待批) or undone (离任后返聘)."""
    for who in _SELF:
        clause = clause.removeprefix(who)
    said_le = clause.endswith(("了", "啦"))  # 辞职了, 主任辞了, 不干了: everyday endings
    clause = clause.rstrip("了啦") or clause
    full, clause = clause, _CLAUSE_LEAD.sub("", clause)  # 年底退休 is not 底退休 to what follows
    while _PREDECESSOR.match(clause) and "。" in clause:  # 上届书记。已离任: what follows is this person's
        clause = clause.split("。", 1)[1]
        for who in _SELF:
            clause = clause.removeprefix(who)
        full, clause = clause, _CLAUSE_LEAD.sub("", clause)
    since = _LEFT_SINCE.match(clause)
    if since is not None and not any(w in clause[:2] for w in _NOT_YET):
        # 离任后未再返聘, 退休后回家养老: left; 离任后返聘, 辞职后又回来当书记了: back, read as a later clause
        rest = clause[since.end():]
        return not (rest and _undone_later(clause[:since.end()], [rest], head))
    if (not clause or clause.startswith(_OTHER_PERSON) or _PREDECESSOR.match(clause) or "第一书记" in clause
            or _BACK_IN.search(clause)):
        return False
    if any(w in clause for w in _APPLIED) and _awaits(clause, _PENDING_IN):  # 已申请辞去主任。尚未批准
        return False
    if said_le and _SAID_GONE.fullmatch(clause) or _HANDOVER_DONE.fullmatch(clause):
        return True  # 人走了, 被撤了; 已完成工作移交, 移交手续已办理
    skipped = len(full) - len(clause)
    word = next((w for w in _POST_LEAVING if clause.endswith(w)), None)
    if word is None and (clause == "辞" and full.endswith("已辞") or said_le and clause.endswith("辞")):
        word = "辞"  # （已辞）: 已 was read as a lead, nothing else; 主任辞了
    elif word is None and clause.endswith("已辞") and any(w in _ROLE_POSTS.sub("", clause) for w in _POST_WORDS
                                                          if w != "职务"):
        word = "已辞"  # 主任已辞 (not 外地工作已辞, 合作社理事长已辞, 妇联主任已辞)
    elif word is None and said_le and clause.endswith("不当"):
        word = "不当"  # 不当了, 主任不当了 (not 工作方法不当: no 了)
    needs_post = False  # 主任职务已移交: only a post's being handed over is a leaving (not 出纳职务)
    handed = None
    if word is None and (handed := _HANDED_OVER.match(clause)) is not None:
        if _ROLE_SUBJECT.match(handed.group("post") or ""):
            return False  # 妇联主任工作已移交: another role's work
        word, needs_post = "移交", handed.group("post") is not None
    subject = word is not None
    if word is not None:
        before = clause[:-len(word)] if handed is None else handed.group("head") or ""  # 已移交工作: ""
        lead = full[:skipped + len(before)]
        if (word in _DEATHS or word in _SENTENCED) and _KIN.match(lead):
            return False  # 父亲病亡, 村民张某车祸身亡: someone else
        if word in _SENTENCED and (_NOT_HELD.search(lead) or (helping := _HELPING.search(lead)) is not None
                                   and "被" not in lead[helping.end():]) \
                or word.startswith("退出") and lead.endswith(("不", "不会")):
            return False  # 不予逮捕, 已解除羁押, 协助公安逮捕; 不退出班子 (review R117)
        said = re.sub(r"^(?:\d+[年月日份]*)+(?:起|就)?", "", lead)  # 8月份就不干了; not 7月合作社不干了
        if word in ("不干", "不当") and said and not re.match(r"(?:本人|已经|已|又|早就|今年|决定|坚决|表示|因|由于|主要|年纪|年龄|身体|嫌|"
                                                    r"外出|说|辞职|村里的事|书记|主任|委员|支书|村长)", said):
            return False  # 合作社不干了, 想不干了, 小卖部不干了
        if word == "辞" and said_le and before and not any(p in before for p in _POST_WORDS):
            return False  # 外地工作辞了
    elif (chosen := next((w for w in _NOT_CHOSEN if clause.endswith(w)), None)) is not None:
        before = clause[:-len(chosen)]
        if chosen in _NOT_CHOSEN[3:] and not _NOT_CHOSEN_SAID.fullmatch(before):
            return False  # 县人大代表没选上, 差点没选上, 上届没选上: not this post now
        lead = full[:skipped + len(before)]
        subject = True
    elif _approved(clause):  # 辞职已获批准; not 辞职未获批准, 已辞职。待乡党委批准
        if any(w in clause for w in _NOT_YET if w != "待") or _awaits(clause, _AWAITING):
            return False
        before = clause[:clause.find("辞职")]  # whose: 主任辞职报告已批复 (for a 书记, another post's)
        if re.search(r"[\u4e00-\u9fff]某", before):
            return False  # 张某辞职报告已批复: another person
        lead = full[:skipped + len(before)]
        subject = True
    elif _SUCCEEDED.search(clause) is not None:
        return not any(w in clause for w in _NOT_YET if w != "待")
    elif (gave := _GAVE_UP.search(clause) or _GAVE_UP_NAMED.search(clause)) is not None:
        obj = gave.group(1) or clause[:gave.start()]  # 辞去会计职务; 会计一职已辞去
        if head is not None and _ROLE_SUBJECT.match(obj) and not any(p in _ROLE_POSTS.sub("", obj)
                                                                     for p in _POST_WORDS if p != "职务"):
            return False  # 已辞去会计职务, 辞去治保主任职务: another role given up
        before = clause[:gave.start()] + gave.group(1)
        # what comes before the verb, and after it (辞去主任待批: not yet)
        lead = full[:skipped + gave.start()] + ("待" if _awaits(clause[gave.start():], _AWAITING) else "")
    elif (clause.startswith(_LEFT_FIRST) or _MOVED_OUT.search(clause)) and not any(w in clause for w in _NOT_YET):
        return True
    elif re.fullmatch(r"起?(?:已经|已|长期|一直|常年)*(?:在外|外出)?(?:务工|打工|经商)?不在岗", clause):
        return True  # 长期不在岗 (not 请假不在岗)
    else:
        return False
    if any(w in lead for w in _NOT_YET):
        return False
    if head is not None and subject and _ROLE_SUBJECT.match(before):  # 治保主任已辞职, 会计已离职
        return False
    # another role named in passing is no post (因治保主任打人事件被免职); one leading the clause is
    # its subject (妇联主任张某已辞职: for a 书记, another person's post)
    cut = m.end() if (m := _ROLE_POSTS.match(before)) else 0
    before = before[:cut] + _ROLE_POSTS.sub("", before[cut:])
    if handed is not None:  # 村委会工作已移交 is the 主任's
        for body, post in _POST_BODIES:
            before = before.replace(body, post)
    before = before.replace("村长", "主任")
    named = [p for p in _POST_WORDS if p in before and p != "职务"]
    if not named:
        return not needs_post
    if head is None:
        return True
    if (head.startswith(_POST_PREFIXES) and _post_key(head) in _post_key(before)
            and not re.search(r"另|其他|其余|[\u4e00-\u9fff]某", before)):
        return True  # 副主任（辞去村委会副主任职务）, 监委会主任（辞去村务监督委员会主任职务）
    own = [p for p in named if _holds(before, p)]  # 副书记已免职 names 副书记, not 书记
    return bool(own) and any(_holds(head, p) for p in own)


_SUPERVISORS = re.compile(r"村务监督委员会|监督委员会|村监委会|监委会|监委")


def _post_key(text: str) -> str:
    """A post's text with the 监委会's other names folded (村务监督委员会主任, 监委主任)."""
    return _SUPERVISORS.sub("监委会", text)


def _holds(head: str, post: str) -> bool:
    """Whether the post written ``head`` (书记兼主任, 书记、主任, 书记主任, 一肩挑, 村委会主任) is
    or includes ``post`` itself, not one whose name merely holds it (副书记, 监委会主任)."""
    if post in ("书记", "主任") and "一肩挑" in head or post == "书记" and "支书" in head:
        return True
    at = head.find(post)
    while at >= 0:
        if not head[:at].endswith(_POST_PREFIXES):
            return True
        at = head.find(post, at + 1)
    return False


def withdrawing(note: str, kind: str | None, head: str = "", until: date | None = None) -> bool:
    """Whether a bracketed note (folded, without its brackets) takes back a value of ``kind``
    ("post", "level", "outcome" or "status"; "sanction" for an outcome that decides the stars,
    taken back also by a note that it was changed; "person" for a name and "fact" for an honour's
    title or a deduction's measure, free texts taken back only by a note saying just that;
    None: never). ``head``: the value before the note (书记 of 书记（已离任）). ``until``: the
    period's last day; a post's leaving dated after it (书记（2022年11月离任） in a return for
    2022Q3) is no leaving in the period: they held the post all of it; nor is a return to it
    (2022年8月离任。2022年11月再次当选) a return in the period."""
    if kind is None:
        return False
    of_another = False  # 委员（原书记，已卸任）: the clauses after one of another person tell of them
    applied = False  # 申请辞去主任 said: a leaving, unless the next clause says it was not granted
    verb = ""  # 已辞去妇联主任、村委会主任职务: the verb before a list at 、 is each item's
    later = False  # the clause before was dated after the period
    applied_matter = False
    parts = _CLAUSE_SEPS.split(note)
    for i in range(0, len(parts), 2):
        clause = parts[i].strip().rstrip(TRAILING_MARKS).removeprefix("兼")
        if kind == "post":
            listed = i > 0 and parts[i - 1] == "、" and verb and _LIST_ITEM.match(clause) is not None
            gave = _GAVE_VERB.search(clause)
            verb = gave.group(0) if gave else verb if listed else ""
            if listed:
                clause = verb + clause
        if not clause:
            continue
        core = _CLAUSE_LEAD.sub("", clause)
        if kind in ("person", "fact", "status", "outcome", "sanction"):
            core = _CLAUSE_LEAD.sub("", core)  # 已于2022年8月离任: the date after 已于
        if kind == "post" and until is not None and (_dated_after_all(clause, until) or (
                i + 2 < len(parts) and _TAKES_EFFECT.match(parts[i + 2].strip()) and dated_after(parts[i + 2], until)
                and (_DATED.search(clause) is None or _RESIGNED.search(clause) or "调任" in clause) and _left_in(clause))):
            if any(dated_after(x, until) and (_APPROVAL.search(x) or re.search(r"不再担任|离任(?!审计)|离职|卸任", x))
                   for x in clause.split("。")):
                applied = False  # 2022年9月申请辞职，2022年10月批准 / 10月起不再担任: left after the period
            later = True
            continue
        if later and kind == "post" and _DATED.search(clause) is None and _FOLLOWS.search(clause):
            continue  # 2022年11月离任，由王某接任: the successor comes after the leaving, after the period
        later = False
        if kind == "person":
            if core in _LEAVING or core in _POST_DOUBTS:
                return True
            continue
        if kind == "fact":
            if _fact_taken_back(_FACT_FILLER.sub("", core)):
                return True
            continue
        if kind == "status":
            # 已完成（已取消）, 推进中（该举措已取消） take it back; 已完成（原软弱涣散村党组织已撤销）,
            # 已完成（借调干部已全部撤回） or 推进中（原项目已取消，改为新项目） tell what was done
            bare = _FACT_FILLER.sub("", core)
            undo = next((w for w in _UNDOING if bare.endswith(w)), None)
            if undo is not None and _STATUS_WORDS.match(bare[:-len(undo)]) is not None:
                return True
            continue
        if clause.endswith(_UNDOING) and kind not in ("outcome", "sanction"):  # (theirs below)
            return True
        # 书记（已离任）, 书记（2022年8月离任）: the person left the post. 委员（原书记已卸任） and
        # 监委会主任（前任已离任） tell of another post or person: the post stands.
        if kind == "post":
            # 原书记 or 原任会计 tells of a post or role held before, which the next clauses may end;
            # 原任村干部, 曾获表彰 or 原籍外县 tells of none: a leaving after them is this person's
            of_another = of_another or (core.startswith(_OTHER_PERSON) and not any(w in core for w in _NO_ROLE))
            if applied:  # the clause after an application: refused or pending, no leaving
                # (not of a post named: 主任已辞职，辞去书记未获批准 gave up 主任)
                if ((_resign_waits(clause) and not applied_matter and not _decided(note))
                        or (_still(core, note) and not _insists(note))) and not any(
                        w in re.sub(r"[新原前上下]任?(?:书记|主任)", "", core) for w in _POST_WORDS[:4]):
                    applied = False
                    continue
                return True
            if core in _POST_DOUBTS:
                return True
            said = "兼" + clause if parts[i].strip().startswith("兼") else clause  # 兼合作社理事长因病去世: theirs
            if until is not None and "。" in said:  # 2022年8月离任。2022年11月再次当选: back only after the period
                said = "。".join(x for x in said.split("。") if not ((any(w in x for w in _BACK) or _BACK_LATER.match(x))
                                                                      and dated_after(x, until)))
            if not of_another and _left(said, head):
                later_parts = [x for x in parts[i + 1:] if x.strip() and not (until is not None and (
                    dated_after(x, until) or re.search(r"年底|年后|年初|明年|下半年", x)))]  # after the period: no return in it
                if _undone_later(core, later_parts, head) or (
                        _HANDOVER_DONE.fullmatch(core) and any(_TOOK_OVER.match(x.strip()) for x in parts if x != parts[i])):
                    continue  # 人走了，又回来了; 提拔为副乡长，仍兼任村书记; 8月接任，已办理交接手续
                if any(w in clause for w in _APPLIED) or (_RESIGNED.search(clause) and not _approved(clause)):
                    # 经本人申请免去…, a resignation (已辞职，未批准; 2022年9月辞职，10月批准): settled by
                    # what follows, if anything
                    applied = True
                    applied_matter = any(w in clause for w in _MATTERS)  # 已辞职。拟由王某接任，待批: the successor's
                    continue
                return True
        if kind == "level" and (_not_granted(core, note, head) or _other_level(clause, head)
                                or (_BY_TOWNSHIP.match(core) and _level_rank(head) > 1 and not _awarded(note, head))):
            return True
        if kind in ("outcome", "sanction"):
            said = clause.strip().rstrip(TRAILING_MARKS)
            # 撤销党内职务（已于8月撤销）: the sanction carried out, not undone (only 处分已撤销 undoes it)
            undone = _SANCTION_UNDONE if "撤销" in head or "撤消" in head else _OUTCOME_UNDONE
            if _APPEAL_WITHDRAWN.search(said):
                continue  # 申诉已撤回: the sanction stands
            if undone.search(said) or undone.search(core.rstrip(TRAILING_MARKS)) or _REVIEWED_UNDONE.search(note) or (
                    kind == "sanction" and (  # (where §4a has the outcome decide the stars; others are kept as text)
                    _SANCTION_NONE.search(said) or CHANGED_TO.search(said) or _NOT_DECIDED.search(said))):
                return True
    return applied


_LEVEL_RANKS = {"乡镇": 1, "乡": 1, "镇": 1, "县": 2, "市": 3, "省": 4, "国家": 5, "中央": 5}


def _level_rank(text: str) -> int:
    """The rank of the first level a text names (乡镇 1 … 国家 5; 0: none)."""
    m = re.search(_LEVEL_WORD, text)
    return _LEVEL_RANKS[m.group(1)] if m else 0


def _not_granted(core: str, note: str, head: str) -> bool:
    """Whether a clause of a level's note says the honour is not granted (yet) or was taken
    back. Not a step towards a higher level (县级（推荐上报市级）, （已推荐为市级候选人）: the county
    honour stands, another is sought), nor a pending step when the note says it was awarded at
    the level (县级（公示期间无异议，已发文）, 市级（市委表彰，县委推荐上报）)."""
    own = _level_rank(head)
    awarded = _awarded(note, head)
    for m in _LEVEL_NOT_GRANTED.finditer(core):
        if _LEVEL_TAKEN_BACK.fullmatch(m.group(0)):
            return True
        if awarded:
            continue
        near = core[max(0, m.start() - 4):m.start()] + "|" + core[m.end():m.end() + 6]
        higher = re.search(rf"(?:为|到|至|参评|上报|推荐|申报)?{_LEVEL_WORD}[^|]{{0,3}}\|"
                           rf"|\|(?:为|到|至|参评|上报|推荐|申报|报)?{_LEVEL_WORD}", near)
        if own and higher is not None and _LEVEL_RANKS[higher.group(1) or higher.group(2)] > own:
            continue  # the step is towards the higher level the note names right beside it
        return True
    return False


def _awarded(note: str, head: str) -> bool:
    """Whether a level's note says the honour was awarded at ``head``'s level or above."""
    own = _level_rank(head)
    return any(m.group(1) is None or _LEVEL_RANKS[m.group(1)] >= own for m in _AWARDED.finditer(note))


def _other_level(clause: str, head: str) -> bool:
    """Whether a level's note names another level than ``head`` as the one it is
    (县级（其实是乡镇级）); not the same one (县级（升为县级）, 市级（由县级升为市级）)."""
    m = _LEVEL_IS_OTHER.search(clause.strip().rstrip(TRAILING_MARKS))
    if m is None:
        return False
    word = m.group(1) or m.group(2)
    own = re.search(_LEVEL_WORD, head)
    same = {"乡": "乡镇", "镇": "乡镇", "中央": "国家"}
    return own is None or same.get(word, word) != same.get(own.group(1), own.group(1))


def _undone_later(core: str, later: list[str], head: str | None) -> bool:
    """Whether the clauses after a leaving (``core``) undo it: the last of them that is not
    carrying on (继续当书记, 至今) says, of this person and this post, a return (人走了，又回来了;
    退了，8月返聘) or, after a move, the post kept or the move not made yet (提拔为副乡长，仍兼任村书记;
    考入事业单位，尚未报到). Anything else after it (又走了, 在合作社上班, 8月已入职) leaves the
    leaving standing, as does a joint post's one half back (返聘为书记: the other half is not)."""
    moved = _MOVED_OUT.search(core) is not None or core.startswith(("调任", "调离", "调往", "调出"))
    undone = False
    for x in (p.strip().rstrip(TRAILING_MARKS) for p in later):
        if not x:
            continue
        if _BACK_LATER.match(x) and _names_head(x, head):
            undone = True
        elif moved and _MOVE_KEPT.match(x) and _keeps_head(x, head):
            undone = True
        elif not (undone and _CARRY_ON.match(x) and _names_head(x, head)):
            undone = False
    return undone


def _names_head(clause: str, head: str | None) -> bool:
    """Whether the posts a clause names (none: True) are the one post of ``head``: 返聘为书记 for
    a 书记 (not 又回来当主任了, 返聘为副书记, nor any post for a 书记兼主任)."""
    if not re.search(r"书记|主任|委员", clause):
        return True
    if head is None or ("书记" in head and "主任" in head):
        return False
    if head.startswith(_POST_PREFIXES):
        return head in clause
    return all(p in head for p in ("书记", "主任", "委员") if p in clause) and not re.search(
        r"副|监委|妇|治保|团|合作社|[\u4e00-\u9fff]某", clause)


def _keeps_head(clause: str, head: str | None) -> bool:
    """Whether a clause after a move keeps ``head``, the one post held: it names that post and
    no other person (仍兼任村书记 for a 书记; not 仍兼任村会计, 仍兼任村副书记, 仍兼任村书记的是王某,
    nor for a 书记兼主任, whose other half is then given up), or says the move is not made yet."""
    if head is None or re.search(r"[\u4e00-\u9fff]某|的是|由", clause):
        return False
    if re.fullmatch(r"(?:仍|继续|按规定继续)(?:兼任|兼|任|担任)(?:原职|原职务|本职)?", clause):
        return True  # 仍兼任
    kept = _KEEP_POST.match(clause)
    if kept is not None:  # the post kept is the clause's whole object: not 仍兼任村团支部书记
        post = kept.group("post")
        return not ("书记" in head and "主任" in head) and (post == head or (
            post in head and not head.startswith(_POST_PREFIXES) and not post.startswith(("副", "监委会"))))
    return not re.search(r"兼|任|担任", re.sub(r"到任|赴任", "", clause))  # 尚未报到, 公示中 (not 仍兼任村会计)


# The months a text is dated by: 2022年11月, 2022.11, 2022-11-05, 2022年第四季度, 四季度, 11月, 十一月,
# 2023年 (a month or quarter without a year: the one nearest the period, see dated_after).
_DATED = re.compile(r"(?<!\d)(?:(\d{4})\s*[年.\-/]\s*(\d{1,2})(?!\d)(?!\s*季)|(\d{4})?\s*年?\s*第?([一二三四1-4])季度"
                    r"|(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月|(\d{4})\s*年)")
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
              "十二": 12}


def _dated_after_all(clause: str, until: date) -> bool:
    """Whether every sentence of a clause is dated after the period (已离任。2022年10月补选 is not:
    its leaving is undated)."""
    sentences = [x for x in clause.split("。") if x]  # 2022年11月辞职。待补选: what follows it undated
    after = [x for x in sentences if _DATED.search(x) and dated_after(x, until)]
    if not after:
        return False
    left_after = any(_APPROVAL.search(x) or (_left_in(x) and "审计" not in x) for x in after)
    if left_after:  # 辞职。2022年10月批准: effective then
        sentences = [x for x in sentences if not _RESIGNED.search(x)]
    # every leaving in it dated after the period; what follows one (由王某接任) goes along
    return all(x in after or not _left_in(x) or (left_after and not _DATED.search(x) and _FOLLOWS.search(x))
               for x in sentences)


def dated_after(text: str, until: date) -> bool:
    """Whether ``text`` names dates and all of them fall after ``until``'s month. A month or
    a quarter written without its year is the one within three months after the period
    (10月 in a 2022Q3 return is October 2022), else one before it (12月 in 2023Q1 is December
    2022)."""
    if any(w in text for w in ("去年", "上年", "前年", "上一年")):
        return False  # 去年12月离任
    after = []
    for m in _DATED.finditer(text):
        year, month, q_year, quarter, bare, whole = m.groups()
        if text[m.end():].lstrip("月份底初中旬日号0123456789").startswith(("前", "以前", "之前")):
            after.append(False)  # 2022年10月前离任: by then, maybe within the period
            continue
        if whole is not None:
            after.append(int(whole) > until.year)
            continue
        if quarter is not None:
            mo = 3 * _CN_MONTHS.get(quarter, 0) - 2 if not quarter.isdigit() else 3 * int(quarter) - 2
            if q_year is not None:
                after.append((int(q_year), mo) > (until.year, until.month))
                continue
        elif bare is not None:
            mo = int(bare) if bare.isdigit() else _CN_MONTHS[bare]
        else:
            after.append(1 <= int(month) <= 12 and (int(year), int(month)) > (until.year, until.month))
            continue
        after.append(1 <= (mo - until.month) % 12 <= 3)
    return bool(after) and all(after)


def _fact_taken_back(core: str) -> bool:
    if core in _FACT_DOUBTS:
        return True
    undo = next((w for w in _FACT_UNDOING if core.endswith(w)), None)
    return undo is not None and _FACT_WORDS.match(core[:-len(undo)]) is not None


# The longest coded value with its note read as one (书记兼主任（…）): longer is pasted text, not read
# clause by clause (the rules are linear, but a sheet of 32,000-character cells would still be slow).
MAX_NOTED_VALUE = 300


def withdrawing_note(value: object, kind: str | None, until: date | None = None) -> str | None:
    """The note in brackets at the end of ``value`` (folded) when it takes a value of
    ``kind`` back, else None. The note may be in any brackets (穆平【已离任】, 书记[已离任])."""
    if not isinstance(value, str) or kind is None or (kind not in ("person", "fact") and len(value) > MAX_NOTED_VALUE):
        return None  # (a name or a fact is free text: read whatever its length)
    key = norm(value).rstrip(TRAILING_MARKS)
    found = _ANY_NOTE.search(key)
    if found is None:
        # 通报批评，已撤销: a note after a comma, as in brackets (not for names and titles, free text)
        tail = TAIL_NOTE.match(unicodedata.normalize("NFKC", value).strip()) if kind not in ("person", "fact") else None
        if tail is None:
            return None
        note = norm(tail["rest"].translate(FLATTEN)).rstrip(TRAILING_MARKS)
        return note if note and withdrawing(note, kind, norm(tail["head"]), until) else None
    note = next((g for g in found.groups(default="") if g), "")
    # 张三（）: an empty note takes nothing back; nor does a value wholly in brackets, （县级）, which
    # is no note on anything (review R147: "its note 县级 says it no longer holds")
    return note if note and found.start() > 0 and withdrawing(note, kind, key[:found.start()], until) else None


# Words by which a note after a post speaks of a post changing hands: leaving (走, 退, 辞, 离,
# 调走, 去世, 没了, 不当了, 没选上, 被撤了, 拿下), moving up or out (提拔, 考入, 到县里上班, 当公务员), a
# handover (移交, 交接, 交由), an election (补选, 换届后), a joint post split (只当书记, 主任由王某担任).
# Read as the post still held, such a note is shown to the officer (see change_note): the rules
# over free text cannot know every way a clerk says a cadre left, and a leaver must not be paid
# unseen. Not the plain notes of a post (一肩挑, 主持工作, 代, 兼会计, 2018年任职, 当选, 连任).
_CHANGE_OF_POST = re.compile(
    # leaving, in the words clerks use (not 走访, 退役, 离退休, 免费, 批准 alone)
    r"走了|走人|人走|已走|出走|离任|离职|离开|离岗|调离|(?<!离)退休|退出|退了|退下|退居|退职|辞|撤职|撤换|撤了|被撤|撤掉|"
    r"调[走任往入到出动]|去世|逝世|病故|病亡|身亡|死亡|亡故|没了|不在了|不在村|不在岗|人不在|"
    r"不当|不干|不兼|不再|只当|光当|只任|仅任|没进|未进|卸任|免职|免去|被免|罢免|停职|开除|拿下|双开|"
    r"判刑|被判|留置|接受审查|被审查|立案审查|"
    # an election lost or held again, a handover, someone else in the post
    r"落选|[没未]\S{0,2}选上|未能?当选|没当选|补选|改选|换人|换届后任|"
    r"移交|交接|交回|交出|交由|由[^,;。]{1,6}(?:担任|接任|兼任|代理|主持)|接任|接替|"
    # moving up or out, away for work
    r"提拔|任命为|考[入录上取]|事业单位|当了?[^,;。]{0,4}(?:干部|公务员)|[到去][^,;。]{0,8}(?:任职|工作|上班)|上班了|"
    r"(?<![曾原])(?:外出|出去)(?:打工|务工)|去打工|打工去了|长期在外|常年在外|搬走|搬家|搬离")


def change_note(value: object) -> str | None:
    """The note in brackets at the end of a post read as held (书记（人走了半年了）), as the clerk
    wrote it, when it speaks of a post changing hands (see ``_CHANGE_OF_POST``), else None."""
    if not isinstance(value, str) or len(value) > MAX_NOTED_VALUE:
        return None
    found = _ANY_NOTE.search(norm(value).rstrip(TRAILING_MARKS))
    note = next((g for g in found.groups(default="") if g), "") if found is not None else ""
    if not _CHANGE_OF_POST.search(note):
        return None
    written = WRITTEN_NOTE.search(value.strip())
    return written.group(1).strip() if written is not None and written.group(1).strip() else note


# Given up or kept, in a joint post's note: what may come before the post (已辞去主任, 免去村主任
# 职务), what after it (主任已辞职, 主任职务已免, 主任一职辞去), and what keeps it (仍任书记, 保留书记).
# A date or a reason first (2022年8月辞去主任职务, 因病辞去主任职务), the person named (该同志已辞去…).
_GIVEN_UP_LEAD = re.compile(r"^(?:本人|该同志|此人)?[\d.\-/年月日号度]*起?(?:换届(?:时|后|中)?)?(?:因[\u4e00-\u9fff]{0,6}?原因|因病|因故|因工作调动|因工作需要)?"
                            r"(?:已经|已|被|于|经)*(?:免去|辞去|卸去|撤销|撤去|不再担任|不再兼任|不兼任|不兼|罢免|辞掉|卸下)?(?:其)?")
_GIVEN_UP_REST = re.compile(r"^(?:职务|一职)?(?:了|啦)?(?:于)?[\d.\-/年月日号度]*")  # 主任于2022年8月辞职, 主任8月离任
_GIVEN_UP_NEXT = ("职务", "一职", "职", "已", "辞", "免", "卸", "调", "离", "不", "被", "落", "未当选", "由", "停", "罢",
                  "撤", "换届", "退", "去", "没选上", "未选上", "没当选", "没有当选")
_KEPT_NEXT = ("留任", "不变", "仍在任", "继续担任", "保留", "仍保留", "连任", "已连任", "换届连任", "由本人担任", "仍任",
              "仍担任")
_KEEPING = ("仍任", "仍担任", "保留", "只保留", "仍保留", "继续担任", "继续任", "继续当", "现任", "现只任", "只任", "仅任", "留任", "仍为", "只当", "只干",
            "由本人继续担任", "本人继续担任", "由本人担任")
_HELD_BY_OTHERS = ("由", "空缺", "暂缺", "另选", "另有", "不兼", "不再兼")
_ONLY = re.compile(r"^(?:本人|该同志)?(?:自|从)?[\d.\-/年月日号]*(?:起|以来|开始)?(?:换届(?:以)?后|本届|今年起|今年|此后)?"
                   r"(?:现|目前|现在|本季度)?(?:只|仅)(?:担任|任|当|干|保留|兼任|负责)?")  # 只任书记, 现仅任主任, 只当书记
# What may follow the one post held: nothing, 职务, 工作 (仅负责书记工作), 了, or another role (只任书记兼会计).
_ONLY_REST = re.compile(rf"^(?:职务|一职|工作|了)?(?:[兼和及]{_ROLE_NAME})*(?:职务|了)?$")
# A joint post's half said to be someone else's: 主任由王某担任 (not 由本人).
_HELD_BY = re.compile(r"由(?!本人|其|该同志|同一人|他(?!人))[\u4e00-\u9fff]{1,6}(?:担任|兼任|接任|代理|主持)")
# ... said of the post itself, now (主任由王某担任; not 妇联主任…, 原主任…, 主任原由…, 第一书记…)
_HALF_BY = re.compile(r"^(?:自)?(?:[\d年月日]+起?)?(?:现在|现|目前)?(?:本村|村|村委|村委会|村民委员会|居委会|党支部|支部|村党支部)?"
                      r"(?:主任|书记|支书|村长)(?:职务|一职)?(?:现在|现|目前|暂|现已|已|改)?由(?!本人|其|该同志|同一人|他)"
                      r"(?![^。，,]*至\d)")
_THEN = re.compile(r"^(?:后|之后|随后|现|现已|目前|后来)+")  # 主任已辞职，后调离本村: then left both
WRITTEN_NOTE = re.compile(r"[（(【\[〔]([^（）()【】\[\]〔〕]*)[）)】\]〕][\s。.，,；;：:！!、]*$")  # as the clerk wrote it
# A body named for its head's post in such a note: 辞去村委会职务 gives up 主任, 辞去支部职务 书记.
_POST_BODIES = (("村民委员会", "主任"), ("村委会", "主任"), ("居委会", "主任"), ("党支部", "书记"), ("支部", "书记"))


class Matcher:
    """Map free-form values to canonical ones through normalisation and aliases.

    A value that does not match as written is tried again without trailing punctuation
    and without the ``affixes`` (prefix, suffix) pairs the caller allows (给予…处分); with
    ``joins``, two parts joined by 、, / or 兼 that name two canonical values A and B match
    the canonical value ``A兼B`` (书记、村委会主任 → 书记兼主任).
    """

    def __init__(self, canonical: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None, *,
                 affixes: Iterable[tuple[str, str]] = (), joins: bool = False, member: str | None = None,
                 withdraw: str | None = None):
        self.canonical = list(canonical)
        self._map: dict[str, str] = {}
        for c in self.canonical:
            self._map[norm(c)] = c
        renamed: list[tuple[str, tuple[str, ...]]] = []
        for c, alts in (aliases or {}).items():
            if c not in self.canonical:
                renamed.append((c, tuple(alts)))
                continue
            for a in alts:
                self._map.setdefault(norm(a), c)
        # A value the policy renamed to one of its own spellings (委员 -> 两委委员): the old name
        # and its other spellings are the new one, as a file made from last quarter's template
        # writes it; when two of the policy's values are spellings of it, neither (the
        # clerk's to choose). Aliases of values the policy does not use otherwise are ignored.
        own = {c: c for c in self.canonical}  # a default name -> the policy's (委员 -> 两委委员)
        for c, alts in renamed:
            spelt = {norm(a) for a in alts}
            named = [x for x in self.canonical if norm(x) in spelt]
            if len(named) == 1:
                own.setdefault(c, named[0])
                for a in (c, *alts):
                    self._map.setdefault(norm(a), named[0])
        self._affixes = [(norm(a) if a else "", norm(b) if b else "") for a, b in affixes]
        # Two posts A and B held as one, A兼B, in the policy's names: 书记兼主任, or the post a
        # policy renamed it to (一肩挑), of its parts as the policy names them (review R102).
        self._joined: dict[tuple[str, str], str] = {}
        for name, target in own.items() if joins else ():
            parts = name.split("兼")
            if len(parts) == 2 and parts[0] in own and parts[1] in own:
                self._joined.setdefault((own[parts[0]], own[parts[1]]), target)
        self._joins = joins
        self._joint_pairs = {name: ab for ab, name in self._joined.items()}  # 书记兼主任 -> (书记, 主任)
        # With ``member`` (委员, or the policy's name for it): a post joined with it is that post
        # (监委会主任、委员 is 监委会主任).
        self._member = own.get(member) if member is not None else None
        # What a bracketed note may take back (see withdrawing): a post, a level, a sanction, a status.
        self._withdraw = withdraw
        self._longest_first = sorted((k for k in self._map if len(k) >= 2), key=len, reverse=True)  # see named_in

    def __call__(self, value: object, until: date | None = None) -> str | None:
        """Return the canonical value, or None when nothing matches (``until``: see
        :func:`withdrawing`)."""
        if value is None:
            return None
        key = norm(value)
        hit = self._map.get(key)
        if hit is None and len(key) > MAX_NOTED_VALUE:
            return None  # no coded value with a note: a pasted text, read no further
        if hit is not None or not key:
            return hit
        hit = self._again(key, until)
        if hit is None and isinstance(value, str) and (tail := self.tail_note(value)) is not None:
            hit = self._again(norm(f"{tail[0]}({tail[1]})"), until)  # 警告，已送达本人 as 警告（已送达本人）
        return hit

    def named_in(self, value: str) -> tuple[list[str], str]:
        """The canonical values ``value`` names anywhere in it (a spelling of two characters
        or more; the longest first, none counted twice: 严重警告 is not 警告 as well), in
        the order written, each once; and the folded text left around them."""
        text = norm(value)
        found: list[tuple[int, str]] = []
        for key in self._longest_first:
            at = text.find(key)
            while at >= 0:
                end = at + len(key)
                if not ((key[0].isdigit() and at and (text[at - 1].isdigit() or text[at - 1] == "."))
                        or (key[-1].isdigit() and end < len(text) and text[end].isdigit())):  # no 0% in 60%
                    found.append((at, self._map[key]))
                    text = text[:at] + "\0" * len(key) + text[end:]
                at = text.find(key, end)
        return list(dict.fromkeys(c for _at, c in sorted(found))), text.replace("\0", "")

    def tail_note(self, value: str) -> tuple[str, str] | None:
        """(value, note) of a value written with a note after a comma or a space, not in
        brackets (县级，县委表彰), read as the bracketed one is; None otherwise, and for two values
        listed with 、 or / (县级、市级: the clerk's to choose)."""
        m = TAIL_NOTE.match(unicodedata.normalize("NFKC", value).strip())
        if m is None:
            return None
        listed = self._map.get(_ANY_NOTE.sub("", norm(m["rest"]).rstrip(TRAILING_MARKS)))
        if m["sep"] in ("、", "/") and listed is not None and listed != self._map.get(norm(m["head"])):
            return None  # (县级、市级; 书记、主任（主任职务已免）: values listed, read as such or the clerk's to choose)
        rest = m["rest"].translate(FLATTEN).strip("，")  # 已验收（附验收单） as 已验收，附验收单
        return (m["head"], rest) if rest else None

    def _again(self, key: str, until: date | None = None) -> str | None:
        key = self._unbracket(key.rstrip(TRAILING_MARKS), until)
        hit = self._map.get(key)
        for prefix, suffix in self._affixes:
            if hit is not None:
                break
            if key.startswith(prefix) and key.endswith(suffix) and len(key) > len(prefix) + len(suffix):
                inner = key[len(prefix):len(key) - len(suffix)]
                hit = self._map.get(inner) or self._map.get(_TERM.sub("", inner))
                if hit is None and self._joins:
                    hit = self._joined_post(inner, until)  # 代理书记兼主任
        if hit is None and self._joins:
            hit = self._joined_post(key, until)
        return hit

    def _unbracket(self, key: str, until: date | None = None) -> str:
        """A note in brackets at the end is dropped (书记兼主任（一肩挑）, 副书记（主持工作）); a post in
        them is a post held as well (书记（兼主任）, 委员（兼监委会主任）). Square brackets are
        brackets too (书记兼主任【一肩挑】, 村主任[代])."""
        other = _ANY_NOTE.search(key) if not key.endswith(")") else None
        if other is not None:
            key = f"{key[:other.start()]}({next(g for g in other.groups() if g is not None)})"
        note = _NOTE.search(key)
        if note is None:
            return key
        outer, inner = key[:note.start()], note.group(0)[1:-1].removeprefix("兼")
        if self._withdraw == "sanction" and self._same_outcome(note.group(0)[1:-1], outer):
            return outer  # 警告（更正为党内警告）, 留党察看二年（改为留党察看一年）: the same outcome
        if withdrawing(note.group(0)[1:-1], self._withdraw, outer, until):
            return key  # not this value after all: no match, and the cell is reported
        also = self._map.get(inner) if self._joins else None
        own = self._map.get(outer)
        if self._withdraw == "post" and (said := CHANGED_TO.search(inner)) is not None \
                and self._map.get(said.group(1)) not in (None, own) and not (until is not None and changed_later(inner, said, until)):
            return key  # 书记（实为副书记）, 书记（改为主任）: the post is the other one (review R149)
        joint = own or (self._joined_post(outer) if self._joins and outer else None)  # 书记/主任（只任书记）
        if joint in self._joint_pairs and self._only(inner, self._joint_pairs[joint], until):
            return key  # 书记兼主任（只任书记）: not the joint post (see given_up)
        if also is not None and also not in (own, joint):
            if own is not None and own in self._joint_pairs.get(also, also.split("兼")):
                return norm(also)  # 村主任（一肩挑）: the note names the joint post it is part of
            return outer + "兼" + inner
        return outer or key  # a note, another role (兼妇联主席) or the same post again (一肩挑)

    def _same_outcome(self, note: str, outer: str) -> bool:
        """Whether every outcome a note says ``outer`` was changed to is ``outer``'s own, and it
        says nothing else of it undone."""
        targets = [m.group(1) for m in CHANGED_TO.finditer(note)]
        own = self(outer) if outer else None
        if not targets or own is None or _OUTCOME_UNDONE.search(note) or _SANCTION_NONE.search(note):
            return False
        return all(self(t) == own for t in targets)

    def given_up(self, value: object, until: date | None = None) -> tuple[str, str, str, str] | None:
        """书记兼主任（主任已辞去）: (the note, the joint post, the post given up, the post still
        held) when a note takes back one of the two posts a joint post names; else None
        (``until``: see :func:`withdrawing`)."""
        if not self._joined or not isinstance(value, str) or len(value) > MAX_NOTED_VALUE:
            return None
        key = norm(value).rstrip(TRAILING_MARKS).translate(_IDENTITY_FOLD)  # 【主任已辞去】 too
        found = _NOTE.search(key)
        if found is None and (tail := self.tail_note(value)) is not None:  # 书记兼主任，主任已辞去
            key = norm(f"{tail[0]}({tail[1]})").rstrip(TRAILING_MARKS)
            found = _NOTE.search(key)
        if found is None:
            return None
        note, outer = found.group(0)[1:-1], key[:found.start()]
        joint = self._map.get(outer) or self._joined_post(outer)
        pair = self._joint_pairs.get(joint or "")
        if pair is None:
            return None
        written = WRITTEN_NOTE.search(value.strip())  # quoted as the clerk wrote it (，not ,)
        quoted = written.group(1) if written else note
        if not withdrawing(note, self._withdraw, outer, until):
            only = self._only(note, pair, until)  # 只任书记: the other post is not held
            return None if only is None else (quoted, joint, pair[1] if only == pair[0] else pair[0], only)
        # Each clause names at most one of the two posts, by its longest spelling (村委会主任 is
        # 主任; 副书记 is no 书记), as its subject: 主任已辞职 or 辞去主任职务 gives it up, 仍任书记
        # keeps it; 前主任已离任 or 主任张三已辞职 tell of another person (no hint to give).
        gone: set[str] = set()
        kept: set[str] = set()
        clauses = [c.strip().rstrip(TRAILING_MARKS) for c in _CLAUSES.split(note)]
        for k, clause in enumerate(clauses):
            if until is not None and dated_after(clause, until):
                continue  # 2023年1月起辞去主任, in a return for 2022Q3: both held all the period
            hits = [h for h in self._spellings_in(clause) if h[2] in pair]
            body = not hits  # 辞去村委会职务: named by its body only, a weaker sign
            hits = hits or [(at, b, post) for b, post in _POST_BODIES if post in pair and (at := clause.find(b)) >= 0][:1]
            if not hits:
                if clause and _left(_THEN.sub("", clause)):  # 本人已去世, 后调离本村: the person left both posts
                    half = self._half_back(clause, clauses[k + 1:], pair, until)  # …，仍兼任村书记: one kept
                    return None if half is None else (quoted, joint, pair[1] if half == pair[0] else pair[0], half)
                continue
            if len({c for _i, _k, c in hits}) > 1:
                return None
            at, k, post = hits[0]
            lead, rest = _GIVEN_UP_LEAD.sub("", clause[:at]), _GIVEN_UP_REST.sub("", clause[at + len(k):])
            if lead in _KEEPING or (not lead and rest.startswith(_KEPT_NEXT)):
                kept.add(post)
            elif lead or (rest and not rest.startswith(_GIVEN_UP_NEXT)):
                if body:
                    continue  # 由王某主持村委会工作: a body named in passing
                return None  # another person's post (前主任, 主任张三) or not plainly given up
            elif _left(clause) or _GAVE_UP.search(clause) or _CHOSEN_OTHER.search(clause):  # (not 书记已连任)
                gone.add(post)
            else:
                return None  # named, neither kept nor given up (已免去书记、主任职务 splits at 、)
        if len(gone) != 1 or kept - (set(pair) - gone):
            return None
        (left,) = gone
        return quoted, joint, left, pair[1] if left == pair[0] else pair[0]

    def _half_back(self, core: str, later: list[str], pair: tuple[str, str], until: date | None) -> str | None:
        """The one post of ``pair`` a joint post's holder kept or came back to after leaving
        (``core``), said last (but for carrying on): 调任乡政府，仍兼任村书记; 已离任，返聘为书记.
        None when it is not plainly one of them, or is followed by anything else."""
        moved = _MOVED_OUT.search(core) is not None or core.startswith(("调任", "调离", "调往", "调出"))
        half = None
        for x in later:
            if not re.search(r"[\u4e00-\u9fff]", x) or (until is not None and dated_after(x, until)):
                continue  # a separator; what comes after the period
            named = {h[2] for h in self._spellings_in(x) if h[2] in pair}
            if (len(named) == 1 and (_BACK_LATER.match(x) or (moved and _KEEP_POST.match(x)))
                    and not re.search(r"[\u4e00-\u9fff]某|的是|由|副|监委|妇|团", x)):
                (half,) = named
            elif not (half is not None and _CARRY_ON.match(x) and named <= {half}):
                half = None
        return half

    def _only(self, note: str, pair: tuple[str, str], until: date | None = None) -> str | None:
        """The one post of ``pair`` a note says is the only one held (只任书记, 现仅任村委会主任),
        not from after the period (``until``: 2022年10月起只任书记 in a 2022Q3 return)."""
        clauses = [c.strip().rstrip(TRAILING_MARKS) for c in _CLAUSES.split(note.replace("。", "，"))]
        held, others, kept = None, [], []
        for clause in filter(None, clauses):
            if until is not None and dated_after(clause, until):
                if _ONLY.match(clause) or not any(h[2] in pair for h in self._spellings_in(clause)):
                    return None  # 2022年10月起只任书记: from after the period
                continue  # 只任书记，主任2022年10月补选: the other post filled after it
            m = _ONLY.match(clause)
            rest = clause[m.end():] if m else clause
            for body, post in _POST_BODIES:  # 仅负责党支部工作 (not 村委会主任)
                if rest.startswith(body) and not rest[len(body):].startswith(post):
                    rest = post + rest[len(body):]
            hits = [h for h in self._spellings_in(rest) if h[2] in pair]
            if (m and len(hits) == 1 and hits[0][0] == 0 and held is None
                    and _ONLY_REST.match(rest[len(hits[0][1]):])):  # not 只任书记时获县级表彰
                held = hits[0][2]
            elif (any(h[2] not in pair and h[2] == self._joint_of(pair) for h in self._spellings_in(rest))
                  and not re.search(r"不再|原来|原|以前|曾", clause)):
                return None  # 只任书记，2021年起一肩挑: the joint post after all
            elif (not m and len(hits) == 1 and any(w in clause for w in _HELD_BY_OTHERS)
                  and not any(w in clause for w in _SELF) and (_HALF_BY.match(clause) or "由" not in clause)):
                others.append(hits[0][2])  # 主任由王某担任, 主任空缺: the other post, not this person's
            elif not m and not hits:
                continue  # 获县级表彰: of something else
            elif not m and len(hits) == 1 and re.fullmatch(r"(?:本人)?(?:仍|现)?任?", rest[:hits[0][0]]) and (
                    rest[hits[0][0] + len(hits[0][1]):] in ("", "职务")):
                kept.append(hits[0][2])  # 任书记 / 书记, beside 主任由王某担任
            else:
                return None
        if held is None and len(others) == 1 and all(k != others[0] for k in kept) and _HELD_BY.search(note):
            held = pair[1] if others[0] == pair[0] else pair[0]  # 主任由王某担任: this person holds the other
        return held if held is not None and all(o != held for o in others) else None

    def joint_parts(self, value: str) -> tuple[str, ...]:
        """The two values a joint one holds (书记兼主任, or a policy's 一肩挑 for it: 书记, 主任);
        ``value`` alone otherwise."""
        return self._joint_pairs.get(value, (value,))

    def _joint_of(self, pair: tuple[str, str]) -> str | None:
        return self._joined.get(pair)

    def _spellings_in(self, text: str) -> list[tuple[int, str, str]]:
        """The values ``text`` names, longest spelling first at each place (村委会主任 is 主任,
        not 村委 and 主任): (where, spelling, canonical value) each."""
        found, i = [], 0
        while i < len(text):
            k = max((k for k in self._map if k and text.startswith(k, i)), key=len, default="")
            if k:
                found.append((i, k, self._map[k]))
            i += len(k) or 1
        return found

    def posts_in(self, value: object, until: date | None = None) -> list[str]:
        """The canonical posts a joined cell names (书记、主任 → [书记, 主任]), other roles left
        out; [] when a part is not a post or the cell names fewer than two."""
        if not self._joins or value is None or len(str(value)) > MAX_NOTED_VALUE:
            return []
        key = self._unbracket(norm(value).rstrip(TRAILING_MARKS), until)
        parts = [p for p in _JOINED.split(key) if p and not any(r in p for r in _OTHER_ROLES)]
        if len(parts) == 1:  # written with a space, which norm drops: 党支部书记 村委会主任
            parts = next(([key[:i], key[i:]] for i in range(1, len(key))
                          if key[:i] in self._map and key[i:] in self._map), parts)
        posts = [self._map.get(p) for p in parts]
        return [] if None in posts or len(posts) < 2 else list(dict.fromkeys(posts))  # type: ignore[arg-type]

    def _joined_post(self, key: str, until: date | None = None) -> str | None:
        """Posts joined in one cell: A and B where A兼B is a post, or posts and the member
        post; other roles (合作社理事长) are left out. Anything else is no match."""
        posts = set(self.posts_in(key, until))
        if len(posts) > 1 and self._member in posts:
            posts.discard(self._member)
        if len(posts) == 1:
            return posts.pop()
        if len(posts) == 2:
            a, b = posts
            return self._joined.get((a, b)) or self._joined.get((b, a))
        return None

    def allowed(self) -> str:
        """The canonical values as one Chinese list for messages."""
        return "、".join(self.canonical)


def readable(name: str) -> str:
    """A file name or path as text any output and database take: bytes that were not UTF-8
    on disk (Python keeps them as surrogates) show escaped, ``\\xb6``, so that two such
    names stay two."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_LISTED = 20  # names a message lists before it counts the rest (a prefecture has 150 townships)


def listed(names: Iterable[str], shown: int = _LISTED) -> str:
    """``names`` for a sentence: the first ``shown``, then how many in all (review R106)."""
    from xingxian_cli.messages import common as M

    names = list(names)
    return M.LIST_SEP.join(names[:shown]) + (M.NAMES_MORE.format(n=len(names)) if len(names) > shown else "")


def path_before_quote(text: str) -> str | None:
    """The path meant by an argument holding a double quote (None: it holds none): cmd reads
    ``"D:\\收件箱\\" -q 2022Q3`` as one argument, ``D:\\收件箱" -q 2022Q3``, the backslash
    making the closing quote part of it and the words after it too (review R119)."""
    if '"' not in text:
        return None
    # (cmd's ``set X= "D:\\ws"`` leaves a space before the quote, ``&&`` one after: review R132)
    return text.split('"', 1)[0].strip().rstrip("\\/") or text.replace('"', "").strip()


def shell_arg(path: object) -> str:
    """A path as typed into a command line (PowerShell, cmd or a Unix shell): in double
    quotes when it holds a space or a character those shells read otherwise, in single
    quotes when it holds one they expand even inside double quotes ($, `, !)."""
    text = readable(str(path))
    if any(ch in "$`!" for ch in text) and "'" not in text:
        return f"'{text}'"  # PowerShell and a Unix shell expand these inside double quotes
    return f'"{text}"' if not text or any(ch.isspace() or ch in "\"'&|;<>()^%,{}[]#*?~" for ch in text) else text
