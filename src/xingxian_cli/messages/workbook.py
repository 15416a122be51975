"""Sheet names, header labels and value aliases of the township submission workbook."""

from __future__ import annotations

# Canonical sheet key -> Chinese sheet name.
SHEETS: dict[str, str] = {
    "guide": "填报说明",
    "info": "基本信息",
    "roster": "村干部名册",
    "honours": "荣誉成就",
    "scores": "六大体系评分",
    "deductions": "降星事项",
    "progress": "任务进度",
    "economy": "村集体经济",
}

# Other names of the sheets, as clerks name them: read as the sheet itself (a workbook holding
# both, with other rows, is refused as holding two copies of it).
SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "info": ("基本情况", "基本信息表", "基本情况表", "报送基本信息"),
    "roster": ("村干部花名册", "花名册", "村干部名单", "村干部名册表", "村干部信息", "村干部基本信息"),
    "honours": ("荣誉成就表", "荣誉", "获得荣誉", "荣誉表彰", "获奖情况"),
    "scores": ("六大体系评分表", "六大体系得分", "六大体系", "体系评分"),
    "deductions": ("降星事项表", "降星", "降星情况"),
    "progress": ("任务进度表", "重点任务进度", "重点任务完成情况", "任务完成情况"),
    "economy": ("村集体经济表", "集体经济", "村级集体经济", "村集体经济收入", "集体经济收入"),
}

# The font of every workbook the tool writes (templates, reports): one Chinese Windows, WPS and
# Excel all have, so nothing is substituted (Excel's default Calibri has no Chinese characters).
WORKBOOK_FONT: dict[str, object] = {"font_name": "宋体", "font_size": 11, "font_scheme": "none"}

# Sheets that every submission must contain (the guide sheet is ours, not theirs).
REQUIRED_SHEETS: tuple[str, ...] = (
    "info",
    "roster",
    "honours",
    "scores",
    "deductions",
    "progress",
    "economy",
)

# 基本信息 keys (key | value rows).
INFO_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "township": ("乡镇", ("乡镇名称", "乡(镇)", "乡镇(街道)", "填报单位", "报送单位", "单位")),
    "quarter": ("考核季度", ("季度", "考核期", "考核周期")),
    "filler": ("填报人", ("填表人", "联系人")),
    "phone": ("联系电话", ("电话", "手机", "手机号")),
    "fill_date": ("填报日期", ("填表日期", "日期")),
}
INFO_REQUIRED: tuple[str, ...] = ("township", "quarter")


# Column spec: key -> (label, aliases, required).
ColumnSpec = tuple[str, tuple[str, ...], bool]

ID_ALIASES = ("身份证号码", "公民身份号码", "公民身份证号码", "身份证", "身份证号码(18位)", "公民身份证号")
VILLAGE_ALIASES = ("村(社区)名称", "村社区", "村", "村名", "社区", "村/社区", "行政村", "村(居)", "所在村",
                   "所在村(社区)", "村(居)名称", "村(居)委会", "村(居)委会名称")
NAME_ALIASES = ("名字", "干部姓名")

# Columns a clerk may add that the reader heeds, though the template does not have them.
EXTRA_COLUMNS: dict[str, dict[str, ColumnSpec]] = {
    "roster": {"remarks": ("备注", ("说明", "情况说明", "变动情况", "备注说明"), False)},  # a leaving written there
}
COLUMNS: dict[str, dict[str, ColumnSpec]] = {
    "roster": {
        "village": ("村(社区)", VILLAGE_ALIASES, True),
        "name": ("姓名", NAME_ALIASES, True),
        "person_id": ("身份证号", ID_ALIASES, True),
        "position": ("职务", ("现任职务", "担任职务"), True),
        "start_date": ("任职起始日期", ("任职时间", "任职日期", "任现职时间", "任职起始时间", "任职年月", "任现职年月",
                                                 "任职起始年月", "任现职日期"), True),
        "politics": ("政治面貌", (), False),
        "education": ("学历", ("文化程度",), False),
        "phone": ("联系电话", ("电话", "手机", "手机号", "手机号码"), False),
    },
    "honours": {
        "person_id": ("身份证号", ID_ALIASES, True),
        "name": ("姓名", NAME_ALIASES, True),
        "title": ("荣誉名称", ("荣誉", "荣誉称号", "奖项名称", "荣誉称号名称", "表彰名称"), True),
        "level": ("级别", ("荣誉级别", "表彰级别", "荣誉等级", "表彰等级"), True),
        "date": ("授予日期", ("授予时间", "表彰日期", "获得时间", "获奖时间", "表彰时间", "获得日期"), True),
        "doc_no": ("文号", ("表彰文号", "文件号"), False),
    },
    "scores": {
        "person_id": ("身份证号", ID_ALIASES, True),
        "name": ("姓名", NAME_ALIASES, True),
        # The six system columns are added from the policy at run time.
    },
    "deductions": {
        "person_id": ("身份证号", ID_ALIASES, True),
        "name": ("姓名", NAME_ALIASES, True),
        "measure": ("措施", ("降星措施", "事项类别", "类别", "降星类型", "降星类别"), True),
        "situation": ("情形", ("具体情形", "事由"), False),
        "outcome": ("处理结果", ("处理结论", "处分结果"), False),
        "date": ("发生日期", ("发生时间", "处理日期"), True),
        "doc_no": ("文号", ("处理文号", "文件号"), False),
    },
    "progress": {
        "measure_id": ("举措编号", ("举措", "编号", "举措代码", "举措序号"), True),
        "village": ("村(社区)", VILLAGE_ALIASES, False),
        "status": ("完成状态", ("状态", "进展情况", "完成情况", "完成进度"), True),
        "value": ("完成值", ("完成数量", "数值"), False),
        "note": ("说明", ("备注",), False),
    },
    "economy": {
        "village": ("村(社区)", VILLAGE_ALIASES, True),
        "last_year": ("上年收入(万元)", ("上年收入", "上年集体收入(万元)", "上年度收入(万元)", "上年度集体经济收入(万元)",
                                           "上年集体经济收入(万元)", "上年度收入", "上年度集体经济收入", "上年",
                                           "上年度"), True),
        "this_year": ("本年累计收入(万元)", ("本年累计收入", "本年收入(万元)", "本年度累计收入(万元)", "本年度累计(万元)",
                                                  "本年累计(万元)", "本年集体经济收入(万元)", "本年度累计收入",
                                                  "本年度集体经济收入", "本年累计", "当年累计收入(万元)", "当年累计收入",
                                                  "当年收入(万元)"), True),
    },
}

# Template-only helper column (the measure title next to its id), ignored on read.
PROGRESS_TITLE_LABEL = "举措内容"

# Coded values: canonical value -> aliases (matched after normalisation).
POSITION_ALIASES: dict[str, tuple[str, ...]] = {
    "书记兼主任": ("一肩挑", "书记、主任", "书记主任", "党支部书记兼村委会主任", "支部书记兼主任",
                "党支部书记、村委会主任", "书记兼村委会主任", "党组织书记兼主任"),
    "书记": ("党支部书记", "支部书记", "代理书记", "代书记", "村党支部书记", "党总支书记", "社区党支部书记", "党组织书记",
           "村党总支书记", "社区党总支书记", "村党组织书记", "社区党组织书记", "党委书记", "社区党委书记",
           "村支书", "支书", "村支部书记", "社区书记", "社区支部书记", "村书记"),
    "主任": ("村委会主任", "村委主任", "代理主任", "代主任", "居委会主任", "社区居委会主任", "村民委员会主任", "村主任", "社区主任",
           "居委主任", "居民委员会主任", "村长"),
    "副书记": ("党支部副书记", "支部副书记", "党总支副书记", "村党支部副书记", "社区党支部副书记", "党委副书记",
            "社区党委副书记", "党组织副书记", "村党总支副书记", "社区党总支副书记",
            "村支部副书记", "社区支部副书记", "村副书记", "社区副书记"),
    "副主任": ("村委会副主任", "村委副主任", "居委会副主任", "村民委员会副主任", "居民委员会副主任", "社区居委会副主任",
            "居委副主任", "村副主任", "社区副主任", "副村长"),
    "监委会主任": ("村务监督委员会主任", "监督委员会主任", "监委主任", "村监委会主任", "村监委主任",
              "社区监委会主任", "居务监督委员会主任"),
    "委员": ("两委委员", "支委委员", "村委委员", "支部委员", "村委会委员", "委员会委员", "支委", "村委",
           "居委委员", "居委会委员", "村支两委委员", "村两委委员", "监委委员", "监委会委员", "村务监督委员会委员",
           "监督委员会委员", "村监委委员", "村监委会委员", "居务监督委员会委员",
           "党总支委员", "党支部委员", "党委委员", "社区党委委员", "村民委员会委员", "居民委员会委员", "社区居委会委员"),
}
# An acting post is the post (代村长 as 村长, 代理社区书记 as 社区书记), as 代主任 always was (review R111).
POSITION_AFFIXES: tuple[tuple[str, str], ...] = (("代理", ""), ("代", ""))
HONOUR_LEVEL_ALIASES: dict[str, tuple[str, ...]] = {
    "乡镇级": ("乡级", "镇级", "乡(镇)级", "乡镇", "乡镇党委", "乡镇政府"),
    "县级": ("县", "县级表彰", "县委县政府", "县委、县政府", "县委", "县政府", "县委组织部"),
    "市级": ("市", "地市级", "市级表彰", "市委", "市政府", "市委市政府", "市委、市政府", "市厅级", "地厅级"),
    "省级": ("省", "省部级", "省级表彰", "省委", "省政府", "省委省政府", "省委、省政府"),
    "国家级": ("国家", "全国", "中央", "国家级表彰", "党中央", "国务院", "中共中央"),
}
# The wording around a level: 县委县政府表彰 is 县委县政府's (县级).
HONOUR_LEVEL_AFFIXES: tuple[tuple[str, str], ...] = (("", "表彰"), ("", "表扬"))
DEDUCTION_MEASURE_ALIASES: dict[str, tuple[str, ...]] = {
    "考核问责": ("考核不合格", "问责", "任务未完成"),
    "负面情形": ("负面清单", "负面"),
    "违纪违法": ("违法违纪", "违纪", "违法"),
}
OUTCOME_ALIASES: dict[str, tuple[str, ...]] = {
    "警告": ("党内警告", "警告(党内)", "党纪警告"),
    "严重警告": ("党内严重警告", "严重警告(党内)", "党纪严重警告"),
    "政务处分": ("政务处分(记过)", "政务警告", "警告(政务)", "记过", "记大过", "降级", "撤职", "政务记过", "政务记大过",
             "政务降级", "政务撤职"),
    "撤销党内职务": ("撤销党内职务处分", "撤职(党内)", "撤职(党内职务)", "党内撤职", "撤销其党内职务"),
    "留党察看": ("留党查看",),
    "开除党籍": (),
    "刑事处罚": ("追究刑事责任",),
}
# 村集体经济's incomes headed with the year itself, after the year: 2021年收入(万元) (the year
# before the quarter's), 2022年累计收入(万元), 2022年1-9月累计收入(万元) (the quarter's year).
LAST_YEAR_WORDS = ("年收入(万元)", "年收入", "年集体经济收入(万元)", "年集体经济收入", "年度收入(万元)", "年度收入",
                   "年度集体经济收入(万元)", "年度集体经济收入", "年全年收入(万元)")
THIS_YEAR_WORDS = (*LAST_YEAR_WORDS, "年累计收入(万元)", "年累计收入", "年度累计收入(万元)", "年度累计(万元)",
                   "年累计(万元)", "年底累计收入(万元)")
MONTHS_WORDS = ("累计收入(万元)", "累计收入", "收入(万元)")
# The plain member's post: another post joined with it in one cell is that other post.
MEMBER_POST = "委员"
# The wording of a 处分决定 around the outcome: 给予党内警告处分 is 党内警告.
OUTCOME_AFFIXES: tuple[tuple[str, str], ...] = (("", ""), ("", "处分"), ("给予", ""), ("给予", "处分"), ("给", "处分"))
# Everyday spellings of a progress status, keyed by the default policy's names. A policy that
# renames its statuses gets them for its own status of the same share (1, 0, or one between).
STATUS_ALIASES: dict[str, tuple[str, ...]] = {
    "已完成": ("完成", "已办结", "100%", "已经完成", "全部完成", "已全部完成", "已落实", "已完成了"),
    "推进中": ("进行中", "正在推进", "部分完成", "正在进行", "持续推进", "正在实施", "实施中", "推进",
             "已启动", "已开始", "已开工", "开始实施", "已开始实施", "在推进"),
    "未启动": ("未开始", "未开展", "0%", "尚未启动", "还未启动", "没有启动", "没启动", "尚未开展"),
}
STATUS_ALIASES_DONE = "已完成"  # the group whose status counts 1
STATUS_ALIASES_NONE = "未启动"  # the group whose status counts 0 (the third: one between)
# A lone cell under or between a table's rows that is no data: the form's "nothing below"
# (以下空白, also in brackets, with a full stop), and a section heading numbered in Chinese
# numerals (一、固贤村, （二）吕家坪村).
NOTHING_BELOW: tuple[str, ...] = ("以下空白", "以下为空", "以下无内容", "以下无数据", "以下无")
HEADING_NUMERALS = "一二三四五六七八九十"
# A note in brackets after a header label that names a unit is the label's own (上年收入（亿）
# is no 上年收入(万元)); "单位：万元" names it in full.
HEADER_UNIT_WORDS: tuple[str, ...] = ("元", "万", "亿", "千", "%", "百分")
UNIT_MULTIPLIERS = "十百千拾佰仟"  # before 万元: 百万元 is another unit
INCOME_UNIT = "万元"  # the workbook's unit of income: a note naming it after an income's label is no other unit
# The first cell of a units line under a header (单位 | 万元 | 万元), after norm.
UNIT_LABELS = frozenset({"单位", "单位:", "计量单位", "计量单位:"})
# Words of a label over several score columns that make its number a total (六大体系评分（总分600分）).
TOTAL_WORDS: tuple[str, ...] = ("总", "合计", "共")
# Words before a total that make it each system's own (每项总分100分).
EACH_WORDS: tuple[str, ...] = ("每项", "各项")
HEADER_UNIT_PREFIX = "单位:"  # after norm
# A form's 栏次 line under a header numbers the columns, after stems for the first few: 甲 乙 1 2 3.
COLUMN_STEMS = "甲乙丙丁戊己庚辛壬癸"
# A line of units under a header (after norm), which is no data: 万元 under the incomes.
UNIT_WORDS = frozenset({"万元", "元", "分", "人", "个", "%", "岁", "年", "月", "日", "项", "次", "(万元)", "(元)", "(分)"})
# Statuses that could be either of two with different credit (started but unfinished, or
# not started): refused, so the clerk says which rather than the tool guessing 0.
STATUS_AMBIGUOUS: tuple[str, ...] = ("未完成", "没完成", "没有完成", "尚未完成", "还未完成")
# A sub-column that is a part of the one before it (合计 | 其中：经营性收入), after norm.
PART_OF_WORDS: tuple[str, ...] = ("其中", "含", "内含", "包括")
# What makes two deduction rows one event (the repeated-row warning), with and without a 文号.
REPEATED_SAME = {True: "身份证号、措施、处理结果、发生日期、文号均相同", False: "身份证号、措施、情形、处理结果、发生日期均相同，且都没有文号"}
REPEATED_APART = {True: "文号相同即为同一事项，确为两次事项的请填写各自的文号",
                  False: "确为两次事项（如同日两次被问责）的，请写明各自的情形或文号"}
VILLAGE_TYPES: tuple[str, ...] = ("村", "社区")
VILLAGE, COMMUNITY = VILLAGE_TYPES
# The registry file's columns: key -> (label, aliases, required); in the order it is written.
REGISTRY_COLUMNS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "township": ("乡镇", ("乡镇名称", "乡(镇)", "乡镇(街道)", "所属乡镇", "所在乡镇", "乡镇名", "所属乡(镇)",
                         "乡(镇)名称", "乡镇(街道)名称", "所属乡镇(街道)", "镇(乡)", "乡镇街道"), True),
    "village": ("村(社区)", VILLAGE_ALIASES, True),
    "kind": ("类型", ("村/社区", "类别", "类型(村/社区)", "村/社区类型"), True),
    "code": ("区划代码", ("行政区划代码", "代码", "统计用区划代码"), False),
}
REGISTRY_HEADER_NEEDED = "乡镇 / 村(社区)"  # no header row holding both
REGISTRY_FILE_WHERE = "文件"  # where no header was found: the CSV file, or 工作表“名录”
REGISTRY_SHEET_WHERE = "工作表“{sheet}”"
REGISTRY_SHEETS_JOIN = "、"
# How registries write the two types (after norm): 居委会 is a 社区's committee, 村委会 a 村's.
VILLAGE_TYPE_ALIASES: dict[str, str] = {
    "居委会": "社区", "社区居委会": "社区", "居民委员会": "社区", "社区居民委员会": "社区", "居委": "社区",
    "社区居委": "社区", "居": "社区",
    "村委会": "村", "行政村": "村", "村民委员会": "村", "村委": "村", "村委员会": "村",
}
# Name endings that tell a village's type when the registry leaves 类型 blank (after norm).
VILLAGE_TYPE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("社区", "社区"), ("居委会", "社区"), ("居民委员会", "社区"), ("村委会", "村"), ("村民委员会", "村"), ("村", "村"))
REGISTRY_UNREADABLE = {
    "suffix": "只支持 .xlsx、.csv 或制表符分隔的 .txt 文件（在 Excel 或 WPS 中“另存为”其中一种）",
    "encoding": "CSV 既不是 UTF-8 也不是 GBK 编码（请用 Excel 另存为“CSV UTF-8”或 .xlsx）",
    "password": "请在 Excel 或 WPS 中取消打开密码（文件 › 信息 › 保护工作簿）后保存，再导入名录",
}

LIST_OR = "或"  # between alternatives in a message: 书记或书记兼主任

# The policy's post for one person holding both heads' posts (书记兼主任, or its 一肩挑), in
# hints: after duplicate-person, after village-two-heads.
NAME_ONLY_ALSO = "，并删除其他表中此人的行（如六大体系评分）"  # row-name-only on the roster
JOINT_POST_HINT = "；兼任两个职务的请填写“{joint}”"
JOINT_POST_SLIP = "（如把{joint}填成了{part}）"
