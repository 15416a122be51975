"""Chinese reasons for structural problems in a policy file (keyed by pydantic error type)."""

from __future__ import annotations

PYDANTIC_REASONS: dict[str, str] = {
    "missing": "缺少此项",
    "extra_forbidden": "考核方案中没有这一项（拼写错误？）",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为键值表",
    "model_type": "应为键值表",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "string_pattern_mismatch": "格式不对（{pattern}）",
    "literal_error": "只能是 {expected}",
    "too_short": "至少要有 {min_length} 项",
}
PYDANTIC_DEFAULT = "值不符合要求（{type}）"
ROOT_NOT_MAPPING = "考核方案应为键值结构"

# Rules whose numbers would give impossible stars or money (policy-rule-invalid reasons).
RULE_NEGATIVE_PAY = "pay.annual 中“{position}”的年度标准 {value} 不能为负数"
RULE_SHARES = "base_share 与 performance_share 都不能为负，且两者之和应为 1（现为 {total}）"
RULE_K_RANGE = "系数 {where} = {value} 应在 0 到 1 之间"
RULE_K_ORDER = "k_by_stars 应随星级不减（{low} 星的 {k_low} 大于 {high} 星的 {k_high}）"
RULE_PERIODS = "periods_per_year 应为 4：按季度考核、按季度发放（现为 {value}）"
RULE_SCORE_RANGE = "评分项的分数应满足 score_min ≤ threshold ≤ score_max，且 score_min < score_max"
RULE_BONUS = "集体经济奖励的 share、cap 不能为负"
RULE_UNIT = ("pay.bonus.unit_yuan 应为 {unit}：报送表的集体经济收入按万元填报（表头、填报说明和校验都按万元），"
             "1 万元 = {unit} 元（现为 {value}）")
RULE_STATUS_VALUE = "completion.status_values 中“{status}”的值 {value} 应在 0 到 1 之间"
RULE_OUTCOME_TWICE = "降星措施“{measure}”的处理结果“{outcome}”同时出现在 by_outcome 和 veto 中"
RULE_BLANK_TITLE = "{kind} {id} 的名称为空"

# Patterns of the policy's ids, as a county's officer reads them.
PATTERN_TEXT: dict[str, str] = {
    r"^T\d{2,3}$": "任务编号写作 T 加两位或三位数字，如 T01",
    r"^M\d{2,3}$": "举措编号写作 M 加两位或三位数字，如 M01",
}
LITERAL_OR = " 或 "
FIELD_ITEM = "第{n}项"  # a list's item in a field path (1-based)
