"""Chinese text of scoring: status names, rule titles and rule-explanation templates.

Templates are filled with ``str.format`` by ``xingxian_cli.domain.scoring``; numbers arrive
already formatted as text (no exponent, no trailing zeros).
"""

from __future__ import annotations

# CadreResult.status -> display name.
STATUS: dict[str, str] = {
    "rated": "已定星",
    "unrated": "未定星",
    "vetoed": "取消评星",
}

# RuleHit.rule -> short title (for tables and --explain headings).
RULE_TITLES: dict[str, str] = {
    "tenure": "工龄赋星",
    "achievement": "成就赋星",
    "base-cap": "基础星上限",
    "system": "六大体系加星",
    "system-cap": "加星上限",
    "deduction": "三项措施降星",
    "veto": "一票否决",
    "stars": "最终星级",
    "clamp": "星级上下限",
    "unrated": "未定星",
    "pay": "薪酬待遇依星",
    "bonus": "集体经济奖励",  # one name everywhere (review R62: also 集体经济增收奖励)
}
_CN_COUNTS = "一二三四五六七八九十"
DEDUCTION_TITLE = "{n}项措施降星"  # 三项措施降星 with the default policy's three measures


def rule_titles(deduction_measures: int) -> dict[str, str]:
    """RULE_TITLES for a policy of that many deduction measures (四项措施降星 for four, review R80)."""
    n = _CN_COUNTS[deduction_measures - 1] if 0 < deduction_measures <= len(_CN_COUNTS) else str(deduction_measures)
    return {**RULE_TITLES, "deduction": DEDUCTION_TITLE.format(n=n)}

# StarChange.kind -> display name (stars vs the previous quarter).
CHANGE_KINDS: dict[str, str] = {
    "up": "升星",
    "down": "降星",
    "same": "持平",
    "new": "新增",
    "left": "本期无此人",
    "rated": "首次定星",
    "unrated": "未定星",
    "unrated2": "仍未定星",  # 未定星 last quarter too: no stars kept, no 持平 (review R112)
    "vetoed": "取消评星",
    "vetoed2": "仍取消评星",
    "restored": "恢复评星",  # 取消评星 last quarter, rated now
    "unsent": "上季度乡镇未报送",  # not compared: the township sent no roster last quarter
    "not_sent": "本季度乡镇未报送",  # a cadre of last quarter whose township has sent nothing yet
}

# --- tenure -----------------------------------------------------------------------
TENURE = "任职起始日期 {start}，至考核期末 {end} 任职满 {years} 年，工龄赋星 {stars} 星"
TENURE_FUTURE = "任职起始日期 {start} 晚于考核期末 {end}，任职年限按 0 年计"
UNRATED = "任职满 {years} 年，不足 {min_years} 年：未定星（列出但不参与排名），绩效系数 {k}"
# a rule that would add or deduct stars, for a 未定星 cadre
UNRATED_NOT_COUNTED = "{text}（未定星，本季度不计星）"
# the same for a vetoed (取消评星) cadre: the veto sets the stars, nothing else counts
VETOED_NOT_COUNTED = "{text}（已取消评星，不计星）"

# --- achievement ------------------------------------------------------------------
ACHIEVEMENT_EARNED = "{level}荣誉“{title}”（{date}）在考核期末前 {months} 个月内，成就赋星 +{stars}"
ACHIEVEMENT_ALREADY = "{level}荣誉“{title}”（{date}）在 {months} 个月内（成就星已计，不重复加星）"
ACHIEVEMENT_LEVEL = "{level}荣誉“{title}”（{date}）：{level}荣誉不赋星"
ACHIEVEMENT_OUTSIDE = "{level}荣誉“{title}”（{date}）不在考核期末前 {months} 个月内，不计"
ACHIEVEMENT_FUTURE = "{level}荣誉“{title}”（{date}）晚于考核期末 {end}，不计"
BASE_CAP = "工龄 {tenure} 星 + 成就 {achievement} 星 = {total} 星，基础星最多 {cap} 星：多出的 {over} 星不计"

# --- six systems --------------------------------------------------------------------
SYSTEM = "六大体系综合分 {composite}（{n} 项评分平均）；达到 {threshold} 分的体系 {count} 项{names}，加 {added} 星"
SYSTEM_MISSING = "没有六大体系评分：综合分按 0 计，不加星"
SYSTEM_OVER = "（超过本期上限，见下一条）"  # after SYSTEM, when SYSTEM_CAP follows
SYSTEM_CAP = "达标 {count} 项，每项 +{each} 共 {raw} 星，本期最多加 {cap} 星：多出的 {over} 星不计"

# --- deductions ----------------------------------------------------------------------
DEDUCTION_OUTCOME_SHOWN = "处理结果“{}”"  # the {outcome} of the deduction lines, when there is one
DEDUCTION_SITUATION_SHOWN = "“{}”"  # their {situation}, when there is one
DEDUCTION = "{measure}{situation}（{date}）{outcome}：降 {stars} 星"
# After a deduction that reads as an earlier one completed (its 文号 or 处理结果 filled in later).
DEDUCTION_ALIKE = "（与 {} 的事项措施、发生日期相同，只是文号或处理结果一处空着，按两件事项计；如是同一事项，请乡镇更正报送表）"
DEDUCTION_OUTSIDE = "{measure}{situation}（{date}）{outcome}不在考核期末前 {months} 个月内，不计"
DEDUCTION_FUTURE = "{measure}{situation}（{date}）{outcome}晚于考核期末 {end}，不计"
DEDUCTION_UNKNOWN = "{measure}{situation}（{date}）{outcome}：考核方案未规定此项的降星，不计"
VETO = "{measure}{situation}（{date}）处理结果“{outcome}”：一票否决，取消评星（0 星，不参与排名）"
VETO_REASON = "{measure}：{outcome}（{date}）"

# --- final stars ---------------------------------------------------------------------
STARS = "最终星级 = 基础 {base} + 加星 {added} − 降星 {deducted} = {stars} 星"
CLAMP = "基础 {base} + 加星 {added} − 降星 {deducted} = {raw} 星，按 {low}–{high} 星的范围计为 {stars} 星"

# --- pay ---------------------------------------------------------------------------------
PAY = "{position}年度标准 {annual} 元 ÷ {periods} ×（{base_share} + {performance_share} × 系数 {k}）= {pay} 元（{basis}）"
PAY_BASIS_STARS = "{stars} 星"
PAY_BASIS_UNRATED = "未定星"
PAY_BASIS_VETOED = "取消评星"
# facts-outside-policy: what kind of stored value the policy no longer covers, and where
# in the policy it would go.
OUTSIDE_POLICY = {"position": "职务", "system": "评分项", "level": "荣誉级别", "measure": "降星措施",
                  "outcome": "降星措施的处理结果", "status": "完成状态", "measure_id": "举措编号",
                  "measure_level": "举措的层级"}
# Said after "加回它" where adding it back need not bring its effect back (review R109: a
# measure dropped mid-year blocked scoring until its last event left the window, and events
# of earlier quarters cannot be sent again).
OUTSIDE_POLICY_BACK = {"measure": "（这项以后不再降星的，加回时写 per_event: 0，已报的事项就都不降星）"}
OUTSIDE_POLICY_FIELD = {"position": "positions 和 pay.annual", "system": "star_rules.systems.names",
                        "level": "star_rules.honour_levels", "measure": "star_rules.deductions.measures",
                        "outcome": "star_rules.deductions.measures 的 by_outcome / veto",
                        "status": "completion.status_values", "measure_id": "measures",
                        "measure_level": "measures 的 level"}
OUTSIDE_POLICY_LEVEL = "{measure} 按{level}填报"  # a measure's rows stored at the level the policy no longer has
OUTSIDE_POLICY_OUTCOME = "{measure}：{outcome}"  # the value named for an outcome
NOT_FILLED = "（未填）"
OUTSIDE_POLICY_AT = "（如 {township} 的报送）"  # when no row is known (progress statuses)
PAY_MISSING = "职务“{position}”不在薪酬标准中，季度薪酬按 0 元计"

# --- collective-economy bonus ------------------------------------------------------------
BONUS = (
    "{village}集体收入 本年 {this_year} 万元、上年 {last_year} 万元，增长 {growth}（≥ {growth_min}），"
    "奖励为增收 {increase} 元的 {share}、最多 {cap} 元：{bonus} 元"
)
BONUS_FROM_ZERO = (
    "{village}集体收入 本年 {this_year} 万元、上年 0 万元（上年为 0，本年大于 0 即达标），"
    "奖励为增收 {increase} 元的 {share}、最多 {cap} 元：{bonus} 元"
)
BONUS_SHORT = "{village}集体收入 本年 {this_year} 万元、上年 {last_year} 万元，增长 {growth}，未达 {growth_min}，无奖励"
BONUS_NO_INCOME = "{village}集体收入 本年 {this_year} 万元、上年 0 万元，本年无收入，无奖励"
BONUS_NO_DATA = "{village}没有村集体经济数据，无奖励"
BONUS_VETOED = "已取消评星，不发放集体经济奖励"


def stars_text(stars: int | None, status: str, max_stars: int) -> str:
    """★★★☆☆ for a rated cadre (out of the policy's ``max_stars``); the status name
    (未定星, 取消评星) otherwise."""
    if status != "rated" or stars is None:
        return STATUS[status]
    return "★" * stars + "☆" * (max_stars - stars)
