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
    "string_pattern_mismatch": "格式不对（应符合 {pattern}）",
    "literal_error": "只能是 {expected}",
    "too_short": "至少要有 {min_length} 项",
}
PYDANTIC_DEFAULT = "值不符合要求（{type}）"
ROOT_NOT_MAPPING = "考核方案应为键值结构"
