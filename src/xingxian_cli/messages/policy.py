"""Chinese reasons for structural problems in a policy file (keyed by pydantic error type)."""

from __future__ import annotations

PYDANTIC_REASONS: dict[str, str] = {
    "missing": "缺少此项",
    "extra_forbidden": "考核方案中没有这一项（拼写错误？）",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "bool_for_number": "应写数字，不能写 true / false（是 / 否）",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应写 true 或 false（是、否要写成 true、false）",
    "finite_number": "应为有限的数字（不能写 .nan、.inf）",
    "decimal_max_digits": "数字的位数太多",
    "decimal_max_places": "小数位太多",
    "int_parsing_size": "数字太大",
    "string_too_long": "文字太长",
    "string_too_short": "不能为空",
    "too_long": "项数太多",
    "dict_type_from_string": "应为键值表",
    "list_type_from_string": "应为列表",
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
    "value_error": "{error}",
}
PYDANTIC_DEFAULT = "值不符合要求（请对照 xx policy export 导出的方案中这一项的写法）"
ROOT_NOT_MAPPING = "考核方案应为键值结构"

# Names of the policy's parts in messages.
COUNT_KINDS = {"task_areas": "任务方面", "tasks": "重点任务", "measure_areas": "举措方面", "measures": "落实举措",
               "task": "任务", "measure": "举措"}
ROOT_FIELD = "(根)"  # the field of a problem with the whole file

# Fields that name something the policy does not define (policy-invalid reasons).
REASON_AREA_TWICE = "方面名称重复"
REASON_CAP_WHOLE = "应为整数元（封顶额按元取整，3333.5 元会进位成 3,334 元，超过封顶）"
REASON_NUMBER_WRITTEN = "{reason}，写的是“{value}”：只写阿拉伯数字，不带单位、百分号或汉字（比例按小数写，如 5% 写 0.05）"
REASON_FRACTION = "应不大于 1：比例按小数填写（1 即 100%，10% 写 0.1）"
REASON_NOT_A_POSITION = "职务不在 positions 列表中"
REASON_POST_NOT_A_POSITION = "职务“{post}”不在 positions 列表中"
REASON_POSITION_TWICE = "职务重复"
REASON_VERSION_NUMBER = "写成了数字 {value}（YAML 会把 2022.10 读成 2022.1），请加引号，如 version: \"2022.10\""

# Rules that cannot be applied as written (policy-rule-invalid reasons).
RULE_LEVEL_UNKNOWN = "achievement.levels 中的“{level}”不在 honour_levels 中"
RULE_BANDS_ORDER = "tenure_bands 必须按 min_years 从小到大排列，两档的 min_years 不能相同"
RULE_BANDS_STARS = "tenure_bands 中年限更长的一档星数不能更少"
RULE_BANDS_START = "tenure_bands 的第一档应从 min_tenure_years 开始"
RULE_STARS_RANGE = "max_stars 小于 min_stars"
RULE_MEASURE_EMPTY = "降星措施“{measure}”既没有 per_event 也没有 by_outcome"
RULE_SYSTEMS_TWICE = "评分项名称重复"
RULE_FOLDED_TWICE = ("{field} 中的“{first}”和“{name}”在报送表里读作同一个（不分简繁体、全角半角、空格和大小写），"
                     "乡镇填写的只会按其中一个读：请只保留一个，或改成确实不同的名称")
RULE_SYSTEM_FIXED = "评分项“{name}”与六大体系评分表固定的“{column}”列同名，报送表里分不开：请给评分项改个名称"

# File-level problems (policy-unreadable reasons).
SYNTAX_AT = "第{line}行 "
SYNTAX_TOML = "{where}TOML 语法错误"
SYNTAX_YAML = "{where}YAML 语法错误"
SYNTAX_JSON = "{where}JSON 语法错误（常见的是最后一项后面多了逗号，或少了引号、括号）"
SYNTAX_KEY_TWICE = "{where}“{key}”在同一处写了两次（只能写一次，否则以哪个为准说不清）"
SYNTAX_FULL_WIDTH_COLON = "{where}键名后面用了中文冒号“：”：YAML 要用英文冒号加一个空格（如 threshold: 90）"
REASON_FULL_WIDTH_COLON = "键名后面用了中文冒号“：”，应写英文冒号加一个空格（如 min_years: 5）"
SYNTAX_FULL_WIDTH_COLON_JSON = "{where}键名后面用了中文冒号“：”：JSON 要用英文冒号（如 \"threshold\": 90）"
SYNTAX_FULL_WIDTH_SPACE_JSON = "{where}用了全角空格（中文输入法下打的空格）：JSON 在引号以外只能用半角空格"
SYNTAX_TAB = "{where}用了 Tab 缩进：YAML 只能用空格缩进"
SYNTAX_NO_SPACE = "{where}冒号后面少了一个空格：YAML 要写成“键: 值”，冒号后加一个空格（如 threshold: 90）"
SYNTAX_FULL_WIDTH_SPACE = "{where}用了全角空格（中文输入法下打的空格）：YAML 的缩进和冒号后面只能用半角空格"
# policy-syntax's hint: how the file's kind is written (by its name's ending)
SYNTAX_RULES = {
    ".json": "JSON：键和文字都用英文双引号，最后一项后面不加逗号，括号成对，同一处不写两个同名的键",
    ".toml": "TOML：键 = 值，文字用英文双引号，[节名] 用英文方括号，同一节不写两个同名的键",
}
SYNTAX_RULES_YAML = "YAML：缩进和冒号后面只用半角空格，冒号用英文冒号，同一处不写两个同名的键"
NOT_UTF8 = "不是 UTF-8 编码"
EMPTY_FILE = "文件是空的"
NOT_A_POLICY_FILE = "这是 Excel 工作簿或别的二进制文件，不是考核方案文件（考核方案是 YAML、TOML 或 JSON 文本）"

# Rules whose numbers would give impossible stars or money (policy-rule-invalid reasons).
RULE_SHARES = "base_share 与 performance_share 都不能为负，且两者之和应为 1（现为 {total}）"
RULE_K_RANGE = "系数 {where} = {value} 应在 0 到 1 之间"
RULE_K_ORDER = "k_by_stars 应随星级不减（{low} 星的 {k_low} 大于 {high} 星的 {k_high}）"
RULE_PERIODS = "periods_per_year 应为 4：按季度考核、按季度发放（现为 {value}）"
RULE_SCORE_RANGE = ("评分项的分数应满足 score_min ≤ threshold ≤ score_max，且 score_min < score_max"
                    "（现为 score_min {lo}、threshold {threshold}、score_max {hi}）")
RULE_UNIT = ("pay.bonus.unit_yuan 应为 {unit}：报送表的集体经济收入按万元填报（表头、填报说明和校验都按万元），"
             "1 万元 = {unit} 元（现为 {value}）")
RULE_STATUS_VALUE = "completion.status_values 中“{status}”的值 {value} 应在 0 到 1 之间"
RULE_OUTCOME_TWICE = "降星措施“{measure}”的处理结果“{outcome}”同时出现在 by_outcome 和 veto 中"

# Settings that are valid but leave part of a rule with no effect (policy-rule-unused reasons).
UNUSED_TOP_STARS = ("max_stars 为 {max_stars}，但基础星最多 {base} 颗（{why}）、加星最多 {added} 颗，"
                    "合计 {reach} 颗：{first} 星及以上没有人能评上")
UNUSED_BASE_CAP = "base_max"
UNUSED_BASE_EARNED = "工龄最高一档 {tenure} 颗加成就 {achievement} 颗"
UNUSED_BASE_MAX = "base_max 为 {base_max}，超过 max_stars {max_stars}：基础星超过 {max_stars} 颗的部分总会被最高星级截去"
UNUSED_BAND_STARS = "tenure_bands 最高一档给 {stars} 颗星，超过基础星上限 base_max {base_max}：多出的星不计"
UNUSED_MAX_ADDED = ("systems.max_added 为 {max_added}，但 {n} 个评分项每项加 {each} 颗，最多只有 {total} 颗："
                    "这个上限用不上")
UNUSED_K = "pay.k_by_stars 中的 {stars} 星不在 min_stars {low} 至 max_stars {high} 之间，这个系数用不上"
RULE_NAME_SEPARATOR = ("{field} 中的“{name}”含有“{sep}”：列表的每一项要分开写（如 [{parts}]）；"
                       "写在一起算作一项，报送表里的值都对不上")
RULE_BLANK_TITLE = "{kind} {id} 的名称为空"

# Patterns of the policy's ids, as a county's officer reads them.
PATTERN_TEXT: dict[str, str] = {
    r"^T\d{2,3}$": "任务编号写作 T 加两位或三位数字，如 T01",
    r"^M\d{2,3}$": "举措编号写作 M 加两位或三位数字，如 M01",
}
LITERAL_OR = " 或 "
FIELD_ITEM = "第{n}项"  # a list's item in a field path (1-based)
FIELD_ITEM_ID = "（{id}）"  # after it, the id of an item that has one: measures.第12项（M13）.level
FIELD_KEY = "（键名）"  # a mapping's key itself in a field path: k_by_stars.五星.（键名）
