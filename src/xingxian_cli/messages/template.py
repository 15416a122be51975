"""Chinese text of the township template workbook and of the generated sample data."""

from __future__ import annotations

# --- Quarter as users read it ------------------------------------------------------
QUARTER_CN = "{year}年第{q}季度"

# --- 填报说明 (guide sheet) -----------------------------------------------------------
GUIDE_TITLE = "{township}{quarter_cn}村干部“四位一体”星级化管理考核报送表 填报说明"
GUIDE_GENERAL_HEADING = "一、总体要求"
GUIDE_GENERAL: tuple[str, ...] = (
    "1. 本表由乡镇汇总填报，每季度一份，文件名为“乡镇_季度.xlsx”（本表为 {file_name}）。",
    "2. 请勿修改工作表名称和表头，不要删除、插入或隐藏列，不要合并单元格，不要使用公式。"
    "本季度没有内容的工作表（如没有荣誉或降星事项）请保留表头、不要删除，缺少工作表的报送表无法导入。",
    "3. 除基本信息外，每张表第一行为表头，请从第二行起逐行填写，中间不要留空行。带下拉箭头的单元格请从下拉列表中选择。"
    "已离任的人员请删除整行，不要隐藏行（隐藏的行照样导入）。",
    "4. 身份证号、联系电话两列已设为文本格式：请直接输入完整的18位号码，末位 X 用大写；"
    "切勿让 Excel 把身份证号变成数字（变成数字后末三位会变成 000，无法导入）。",
    "5. 日期请写成 2015-03-01 的形式（也可写 2015/3/1）；只写到月份的（如 2015年3月）按该月1日计算。",
    "6. 金额单位为万元，保留两位小数；评分为 {score_min}—{score_max} 的数字，可保留两位小数{score_note}。",
)
# After the score range on a scale where percents are refused (see PERCENT_SCALE_MIN).
GUIDE_SCORE_PERCENT = "；不要填百分比：0 与 1 之间的分数（如 0.95），或一行分数都不超过 1，会被当作百分比格式退回"
GUIDE_PREFILLED = ("{n}. 村干部名册和六大体系评分的人员已按{quarter_cn}的名册预填：请删去已离任的人员（删除整行），"
                   "补充新任人员，核对职务和任职起始日期，并填写本季度的评分。")
GUIDE_SHEETS_HEADING = "二、各工作表填写方法"
GUIDE_SHEETS: dict[str, str] = {
    "info": "【基本信息】乡镇、考核季度已预填，请勿修改；请填写填报人、联系电话和填报日期。",
    "roster": (
        "【村干部名册】本季度末在任的全部村干部，每人一行。村(社区)从下拉列表选择；"
        "职务只能填：{positions}；任职起始日期为开始担任村干部的日期，用于计算工龄（职务变动时不必改动，县里另有规定的按规定）。政治面貌、学历、联系电话可不填。"
    ),
    "honours": (
        "【荣誉成就】近{window}个月内获得的荣誉，每项一行，身份证号须与名册一致；以前季度已报过的荣誉已有记录，"
        "可不再重报（重报的只计一次）。"
        "级别只能填：{levels}（其中{no_star}不加星）。"
    ),
    "scores": (
        "【六大体系评分】名册中的每名村干部各一行（不能多也不能少），"
        "{systems}共 {n_systems} 项，分别按 {score_min}—{score_max} 分评分。"
    ),
    "deductions": (
        "【降星事项】近{window}个月内发生的降星事项，每件一行。措施只能填：{measures}；{outcome_rule}。"
        "以前季度已报过的事项已有记录，可不再重报；再次填报时请照原样填写（文号、处理结果等不要补填或改动，"
        "否则会被当作另一件事项再降一次星）；确需更正的，请说明后由县里核实。"
    ),
    "progress": (
        "【任务进度】已按考核方案预填全部落实举措：乡镇级举措每项一行（村(社区)为空），"
        "村级举措每个村(社区)一行。请在完成状态列选择：{statuses}。“举措内容”列仅供对照，不必修改；"
        "完成值、说明两列可填可不填（如完成的数量、进展情况），不影响计分。"
    ),
    "economy": (
        "【村集体经济】每个村(社区)一行，上年收入填上一年度全年集体经营性收入，"
        "本年累计收入填本年初至本季度末的累计数，单位万元。"
    ),
}
GUIDE_CONTACT_HEADING = "三、联系方式"
GUIDE_CONTACT = "填报中如有疑问，请联系县委组织部考核办公室（联系人及电话见本季度考核通知）。"
LIST_SEPARATOR = "、"

# --- Hidden sheet holding the dropdown lists ------------------------------------------
LIST_SHEET_NAME = "下拉选项"
LIST_LABELS: dict[str, str] = {
    "village": "村(社区)",
    "position": "职务",
    "level": "级别",
    "measure": "措施",
    "outcome": "处理结果",
    "status": "完成状态",
    "measure_id": "举措编号",
}

# --- Data validation (dropdown) messages -------------------------------------------------
DV_ERROR_TITLE = "输入值不在列表中"
DV_ERROR = "请从下拉列表中选择{label}。"
DV_WARNING = "该值不在列表中；须填写处理结果的措施，处理结果只能从列表中选择。"
# The 降星事项 line's rule for 处理结果, from the policy's measures.
GUIDE_OUTCOME_REQUIRED = "{measures}必须填写处理结果（{outcomes}）"
GUIDE_OUTCOME_OPTIONAL = "{measures}的处理结果可不填"
GUIDE_OUTCOME_LISTED = "{measure}的处理结果可不填，填写时只能是：{outcomes}"
GUIDE_OUTCOME_JOIN = "，"
DV_SCORE_TITLE = "分数超出范围"
DV_SCORE = "请填写 {lo}–{hi} 之间的数（按 {hi} 分制，如 {example}；不要填百分比）。"
DV_ID_TITLE = "身份证号位数不对"
DV_ID = "身份证号应为 18 位（最后一位可以是 X）。"
DV_PROMPT_TITLE = "{label}"
DV_PROMPT = "请从下拉列表中选择"

# --- Sample-book styles (how clerks really send workbooks) ------------------------------
BOOK_TITLE = "{township}{quarter_cn}{sheet}"
BOOK_NOTES: tuple[str, ...] = (
    "注：本表由各村（社区）填报，乡镇党委审核汇总后报县委组织部。",
    "填表说明：身份证号请按文本格式录入，日期按“年-月-日”填写。",
    "如有变动请在备注中说明。",
)
HIDDEN_COLUMN_LABEL = "性别"
SEX_MALE = "男"
SEX_FEMALE = "女"
# Header labels a clerk may use instead of the canonical ones (all accepted by the reader).
ALIAS_HEADERS: dict[str, str] = {
    "村(社区)": "村（社区）",
    "姓名": "干部姓名",
    "身份证号": "身份证号码",
    "职务": "现任职务",
    "任职起始日期": "任职时间",
    "学历": "文化程度",
    "联系电话": "手机号码",
    "荣誉名称": "荣誉称号",
    "级别": "荣誉级别",
    "授予日期": "获得时间",
    "文号": "文件号",
    "措施": "降星措施",
    "情形": "具体情形",
    "处理结果": "处理结论",
    "发生日期": "发生时间",
    "举措编号": "举措代码",
    "完成状态": "完成情况",
    "说明": "备注",
    "上年收入(万元)": "上年收入",
    "本年累计收入(万元)": "本年累计收入",
}
INFO_ALIAS_HEADERS: dict[str, str] = {
    "乡镇": "乡镇名称",
    "考核季度": "考核期",
    "填报人": "填表人",
    "联系电话": "手机号",
    "填报日期": "填表日期",
}

# --- Sample data folder ---------------------------------------------------------------
SAMPLE_DONE = "已生成示例数据：{count} 个文件，目录 {out_dir}（用时 {seconds:.1f} 秒）"
SAMPLE_README = """# 示例数据（由 xingxian_cli.sample 生成）

本目录由示例数据生成器按随机种子 {seed} 生成，人员、身份证号、电话均为虚构。
重新生成（相同种子得到完全相同的文件）：

    python -m xingxian_cli.sample {out_name} --seed {seed}

- `{q3}/`：{q3} 季度 15 个乡镇的报送表（共 {cadres_q3} 名村干部）。
- `{q4}/`：{q4} 季度 15 个乡镇的报送表（人员有增减、调动，共 {cadres_q4} 名村干部）。
- `faulty/`：故意出错的报送表，说明见 `faulty/README.md`。

其中以下乡镇的报送表模仿基层常见的“不规范”写法，但内容正确，应能正常导入：

{messy}
"""
SAMPLE_STYLE_LINE = "- {township}：{styles}"
STYLE_NAMES: dict[str, str] = {
    "title_row": "表头上方有合并的标题行",
    "note_rows": "标题与表头之间有说明行",
    "traditional": "工作表名、表头和代码值使用繁体字",
    "alias_headers": "表头使用别名（如“身份证号码”“村（社区）”“任职时间”）",
    "blank_rows": "数据行之间夹有空行",
    "hidden_column": "村干部名册中有一列隐藏列",
    "date_styles": "日期写法混杂（2015/3/1、2015.3、2015年3月、201503 等）",
    "plain_cells": "单元格没有设置数字格式",
    "merged_villages": "村干部名册的村(社区)单元格向下合并",
    "hidden_roster_rows": "村干部名册中有隐藏的数据行",
    "hidden_sheets": "有隐藏的工作表",
    "sheet_copies": "有工作表的副本",
    "info_layout": "基本信息横向排列",
    "renamed": "工作表改了名称",
}

FAULTY_README_HEAD = """# 故意出错的报送表

这些文件用于演示和测试 `xx validate`：每个文件都故意违反报送表规则。
除下表所列问题外，各文件内容与 `{q3}/` 目录中同一乡镇的报送表相同。

| 文件 | 故意出错之处 |
|---|---|
"""
FAULTY_README_ROW = "| {file} | {what} |"
FAULT_SUFFIX: dict[str, str] = {
    "ids": "身份证号错误",
    "villages": "村名和任职日期错误",
    "scores": "评分错误",
    "quarter": "季度不符",
    "missing_sheet": "缺少降星事项",
    "duplicate": "人员重复",
}
FAULT_WHAT: dict[str, str] = {
    "checksum": "{sheet}第{row}行（{name}）身份证号校验位错误",
    "number_id": "{sheet}第{row}行（{name}）身份证号被存成数字，末三位变成 000",
    "unknown_village": "{sheet}第{row}行（{name}）村(社区)“{village}”不属于本乡镇",
    "under_18": "{sheet}第{row}行（{name}）任职起始日期 {start} 时未满18周岁",
    "score_range": "{sheet}第{row}行（{name}）“{system}”评分为 105，超出 0—100",
    "score_text": "{sheet}第{row}行（{name}）“{system}”评分为“abc”，不是数字",
    "quarter": "基本信息中的考核季度为 {wrong}，与文件名和目录的 {right} 不符",
    "missing_sheet": "缺少工作表“{sheet}”",
    "duplicate": "{sheet}第{row}行与第{first_row}行是同一人（{name}，身份证号相同）",
    "not_xlsx": "实为 CSV 文本文件（GBK 编码），只是扩展名改成了 .xls，不是 Excel 工作簿",
}
FAULT_SEPARATOR = "；"
