"""Chinese text of the report workbook (``xx report``): sheet names, titles, headers, labels, messages."""

from __future__ import annotations

from xingxian_cli.messages.common import ERR_OS_HINT_NAMED_FOLDER

# --- Sheets, in workbook order ---------------------------------------------------------
SHEETS: dict[str, str] = {
    "overview": "总览",
    "townships": "乡镇排名",
    "tasks": "重点任务完成情况",
    "villages": "村排名",
    "cadres": "村干部星级",
    "payroll": "报酬发放表",
    "bonus": "集体经济奖励",  # only in a quarter that pays the bonus
    "departed": "较上季度减少人员",
    "deductions": "降星与否决",
    "basis": "评星依据",
    "warnings": "校验问题",
}

# Title row of each sheet: {scope} is the county name or the township, {quarter} is 2022年第3季度.
TITLES: dict[str, str] = {
    "overview": "{scope}{quarter}村干部“四位一体”星级化管理考核结果总览",
    "townships": "{scope}{quarter}乡镇重点任务完成率排名",
    "tasks": "{scope}{quarter}重点任务完成情况",
    "villages": "{scope}{quarter}村(社区)排名",
    "cadres": "{scope}{quarter}村干部星级评定结果",
    "payroll": "{scope}{quarter}村干部报酬发放表",
    "bonus": "{scope}{quarter}村集体经济奖励（每村的计算与来源）",
    "departed": "{scope}{quarter}较上季度减少的村干部（上季度在册、本季度名册中没有）",
    "deductions": "{scope}{quarter}降星与一票否决事项",
    "basis": "{scope}{quarter}村干部星级与报酬的计算依据（每条规则及其来源单元格；降星与否决见上一表，合计见村干部星级表）",
    "warnings": "{scope}{quarter}报送表校验问题（已导入，仅提示）",
    # (the same sheet when a township's file was refused: its errors head the list)
    "warnings_refused": "{scope}{quarter}报送表校验问题（被拒收的报送表在前，其余已导入，仅提示）",
}
PAYROLL_MASKED = "（身份证号已打码，仅供核对；发放用表请用 xx report --unmask 生成）"
PAYROLL_MASKED_TOWNSHIP = "（身份证号已打码，仅供核对）"
ISSUE_REFUSED_TITLE = "报送表被拒收"
ISSUE_REFUSED = "{township}的报送表有 {n} 处错误，未导入，本季度按未报送计算"
ISSUE_REFUSED_FIRST = "；第一处：{first}"
ISSUE_REFUSED_HINT = ("用 xx validate 检查 {file} 并加 --annotate 生成标注了每处错误的副本，退回乡镇改正后重报；"
                      "导入改正后的文件再生成报表")
QUARTER_CN = "{year}年第{q}季度"
TITLE_PROVISIONAL = "（{n} 个乡镇未报送，暂行结果）"
TITLE_PROVISIONAL_REFUSED = "（{n} 个乡镇未报送或报送表被拒收，暂行结果）"
# Every printed page says which run it is: the quarter (provisional or not), the policy version
# and when it was generated (two printouts before and after a corrected file differ there).
FOOTER = "&L&A&C第 &P 页，共 &N 页&R{quarter}{note}  方案 {version}  生成于 {generated}"

# --- Column headers ---------------------------------------------------------------------
TOWNSHIP_COLS = ("排名", "乡镇", "报送情况", "完成率", "村(社区)数", "村干部(人)", "发放合计(元)", "报送文件")
TASK_COLS = ("方面", "任务编号", "重点任务", "完成率", "举措数", "服务该任务的落实举措")
VILLAGE_COLS = ("全县排名", "乡镇", "村(社区)", "类型", "村级举措完成率", "平均星级", "说明")  # also in a township's own file
# 说明 of a village none of whose cadres has stars, and of one whose township has no result
# (未报送 / 已拒收): the figures stay numbers a reader can sort and average (review R105)
VILLAGE_NO_STARS = "无定星人员，平均星级按 0 星排名"
VILLAGE_NOT_SENT = "{said}：完成率和平均星级按 0 计"
CADRE_COLS = (
    "县排名", "乡镇排名", "乡镇", "村(社区)", "姓名", "身份证号", "职务", "任职年限",
    "基础星", "加星", "降星", "星级", "星数", "综合分", "较上季度", "状态", "否决原因",
)
PAYROLL_COLS = (
    "序号", "乡镇", "村(社区)", "姓名", "身份证号", "职务", "星级",
    "季度报酬(元)", "集体经济奖励(元)", "合计(元)", "领取人签字",
)
BONUS_ALL_VETOED = "{village}可领奖励的干部均已取消评星，不发放"
BONUS_SOME_VETOED = "；其中 {n} 人已取消评星，不发放"
BONUS_NO_HEADS = "；本村名册中没有可领奖励的干部（{heads}），无人领取"
BONUS_COLS = ("乡镇", "村(社区)", "计算", "每人奖励(元)", "领取人数", "奖励合计(元)", "来源")
DEPARTED_COLS = ("乡镇", "村(社区)", "姓名", "身份证号", "职务", "上季度星级", "说明")
DEDUCTION_COLS = ("乡镇", "村(社区)", "姓名", "身份证号", "类别", "降星", "事项与处理", "来源")
BASIS_COLS = ("乡镇", "村(社区)", "姓名", "身份证号", "规则", "星", "金额(元)", "计算与依据", "来源")
BASIS_CUT = "（本表已达 Excel 的行数上限，以下 {n} 条从略：请用 xx score --explain 查看）"
WARNING_COLS = ("文件", "工作表", "行", "列", "类别", "问题", "填写值", "建议")  # as xx validate shows them

# --- 总览 -----------------------------------------------------------------------------
OVERVIEW_COLS = ("项目", "内容")
OV_QUARTER = "考核季度"
OV_SCOPE = "范围"
OV_POLICY = "考核方案版本"
OV_POLICY_VALUE = "{version}（核对码 {fingerprint}：方案内容改了，核对码就不同）"
OV_POLICY_KEPT = "所用方案"
OV_POLICY_KEPT_VALUE = "按本季度保存结果时所用的方案（{used}）评分；工作区现在的方案是 {now}：换了方案，已保存的季度不变"
OV_REGISTRY_KEPT = "所用名录"
OV_REGISTRY_KEPT_VALUE = "按本季度保存结果时的名录（{used}）评分；工作区现在的名录是 {now}：换了名录，已保存的季度不变"
# What the figures follow from (报送表, 方案, 名录, this tool): the same inputs, the same code. The
# leaders read it on paper: no "fingerprint" (review R129); reports written before say 输入指纹.
OV_INPUTS = "数据核对码"
OV_INPUTS_BEFORE = ("输入指纹",)
# A report written over an earlier one of other figures (a correction imported since, review R125):
# the earlier one is kept beside it under its time, and the new one says which it replaces
OV_REPLACES = "取代的报表"
# (an input changed since: not necessarily a figure — a correction of 填报人 changes the fingerprint: review R128)
OV_REPLACES_VALUE = "{generated} 生成的报表（数据核对码 {inputs}），其后输入有变化，内容可能与本表不同；原表已另存为 {name}"
OV_REPLACES_QUARTER_VALUE = "{generated} 生成的 {quarter} 的报表（数据核对码 {inputs}），另一个季度的；原表已另存为 {name}"
EARLIER_KEPT_QUARTER = ("原文件 {path} 是 {generated} 生成的 {quarter} 的报表，不是本季度的：已另存为 {kept}")
EARLIER_KEPT = ("原报表 {path} 是 {generated} 生成的，其后输入有变化（导入了更正，改了方案、名录，或换了新版本的本工具），内容可能与本次不同："
                "已另存为 {kept}，以便与已发出或已签批的那份核对")
# --per-township written over workbooks that said something else: those kept in a folder beside them
EARLIER_TOWNSHIPS_FOLDER = "此前生成_{stamp}"
EARLIER_TOWNSHIPS_KEPT = ("有 {n} 个乡镇的报表与此前生成的内容不同（其后导入了更正或改了方案、名录）：{names}。"
                          "此前的已另存到 {folders}，以便与已发给乡镇的那份核对")
OV_SUBMITTED = "已报送乡镇"
OV_SENT = "报送情况"
OV_MISSING = "未报送乡镇"
OV_REFUSED = "其中报送表被拒收、待重报"
OV_TOWNSHIP_RANK = "全县排名"
OV_TOWNSHIP_RATE = "重点任务完成率"
OV_CADRES = "村干部总数(人)"
OV_RATED = "已定星(人)"
OV_UNRATED = "未定星(人)"
OV_VETOED = "取消评星(人)"
OV_PAY = "季度报酬合计(元)"
OV_BONUS = "集体经济奖励合计(元)"
OV_TOTAL = "发放合计(元)"
OV_PREVIOUS = "对比季度"
OV_CHANGES = "较上季度星级变化(人)"
CHANGE_SEP = "，"
OV_MASK = "身份证号"
OV_EXPLAIN = "逐人计算依据"
OV_EXPLAIN_VALUE = ("每人每一项星级、报酬所依据的规则和报送表单元格见{sheets}各表；"
                    "逐人查看：xx score --quarter {quarter} --explain 身份证号（或姓名）")
OV_EXPLAIN_TOWNSHIP = "每人每一项星级、报酬所依据的规则和报送表单元格见{sheets}各表"
# the sheets those name (集体经济奖励 only in a quarter that pays the bonus: review R125)
OV_EXPLAIN_SHEETS = "“评星依据”“降星与否决”"
OV_EXPLAIN_BONUS_SHEET = "“集体经济奖励”"
OV_GENERATED = "生成时间"
OV_NAMES = "{n} 个：{names}"
OV_NAMES_CUT = "{n} 个：{names} 等（全部见“乡镇排名”）"
OV_NONE = "无"
OV_PREVIOUS_POLICY = "{quarter}（按考核方案（{used}）评星，本季度按（{now}）；升降星有一部分来自方案的改动）"
OV_NO_PREVIOUS = "无（本季度为首次评星，不显示星级变化）"
OV_RANK = "第 {rank} 名（共 {total} 个乡镇）"
OV_MASKED = "已隐去中间 10 位（加 --unmask 生成完整号码，会记入审计日志）"
OV_MASKED_TOWNSHIP = "已隐去中间 10 位"
OV_UNMASKED = "列出人员的各表均为完整号码（已记入审计日志），请妥善保管本文件"
SCOPE_COUNTY = "全县"
DIST_COLS = ("星级", "人数", "占已定星比例")
DIST_LABEL = "{stars}星"
CHART_DIST = "已定星村干部星级分布"
CHART_DIST_Y = "人数"
CHART_TOWNSHIPS = "乡镇重点任务完成率"

# --- Cells ---------------------------------------------------------------------------------
SUBMITTED = "已报送"
MISSING = "未报送"
REFUSED = "已拒收"  # sent, refused, not sent again yet: counted as not sent (as xx status says it)
KINDS = {"deduction": "三项措施降星", "veto": "一票否决"}
KIND_NOT_COUNTED = "（不在考核期内，不计）"  # after 一票否决: an event outside the window
CHANGE = {
    "up": "升 {delta} 星",
    "down": "降 {delta} 星",
    "same": "持平",
    "new": "新增",
    "rated": "首次定星",
    "unrated": "未定星",
    "unrated2": "仍未定星",
    "left": "本期无此人",
    "vetoed": "取消评星",
    "vetoed2": "仍取消评星",
    "restored": "恢复评星",
    "unsent": "上季度乡镇未报送",
    "not_sent": "本季度乡镇未报送",
}
CHANGE_MOVED = "（由{place}调入）"
DEPARTED_NOT_SENT = "所在乡镇本季度未报送"
DEPARTED_NOT_LISTED = "本季度名册中没有（离任、调动或漏报，请与乡镇核实）"
DEPARTED_NAMESAKE = ("本季度名册中没有这个身份证号，但同村有同名的人（身份证号不同）：如是同一人，两个季度的身份证号有一个填错了，"
                     "荣誉和扣星记录不会合在一起，请与乡镇核对")
CHANGE_NAMESAKE = "（上季度同村有同名人员，身份证号不同，请核对）"
DEPARTED_MOVED = "本季度在{township}的名册中（调往{township}，在该乡镇考核、计酬）"
MOVED_AWAY_COUNT = "调往其他乡镇 {n}"
SUBTOTAL = "{township} 小计"
PAYROLL_CAPITAL = "发放合计（大写）：人民币{amount}"
PAYROLL_SIGN = "制表人：　　　　　　审核人：　　　　　　负责人：　　　　　　（单位盖章）　　　　年　　月　　日"
# Under each township's subtotal on the county's payroll (its page is printed and signed alone)
PAYROLL_TOWN_CAPITAL = "{township}发放小计（大写）：人民币{amount}"
PAYROLL_TOWN_SIGN = "乡镇经办人：　　　　　　乡镇负责人：　　　　　　（乡镇盖章）　　　　年　　月　　日"
GRAND_TOTAL = "合计"
NO_ROWS = "（无）"
TEXT_CUT = "……（一个单元格最多 32,767 字，此处略去 {n} 字，全文见 xx score --explain）……"

# --- Files -----------------------------------------------------------------------------------
PER_TOWNSHIP_FILE = "{township}_{quarter}_考核结果.xlsx"

# --- Command ---------------------------------------------------------------------------------
HELP = (
    "生成考核结果工作簿（.xlsx）："
    + "、".join(name + ("（发放奖励的季度）" if key == "bonus" else "") for key, name in SHEETS.items())
    + "；可按乡镇分别生成退回各乡镇的文件。"
)
SHORT_HELP = "生成考核结果工作簿：排名、报酬发放表等；可按乡镇分别生成。"  # the line in xx --help
OPT_OUTPUT = "全县报表的保存路径（.xlsx）"
OPT_PER_TOWNSHIP = "另为每个乡镇生成一个只含本乡镇数据的工作簿，保存到此目录"
OPT_UNMASK = "各表写入完整身份证号（会记入审计日志）"
ERR_UNMASK_READ_ONLY = ("--unmask 显示或写出完整身份证号之前，要先在工作区的操作记录里记下谁在何时看了或导出了什么；"
                        "这个工作区是只读的（光盘、只读的 U 盘或网络共享，或数据库文件设了“只读”），记不进去，所以没有显示或写出任何完整号码。"
                        "不加 --unmask 可照常运行（身份证号遮盖）；要完整号码，请把工作区复制到可以写入的文件夹后再运行。")
ERR_NO_TARGET = "请用 -o 指定报表文件，或用 --per-township 指定乡镇报表的目录。"
ERR_NOT_XLSX = "报表文件名须以 .xlsx 结尾：{path}"
ERR_NOTHING = "{quarter} 还没有导入任何报送表，无法生成报表。请先运行 xx import。"
ERR_WRITE = "无法写入 {path}：{reason}。{hint}"
ERR_WRITE_HINT = "如果该文件正在用 Excel 或 WPS 打开，请先关闭再重试。"
ERR_WRITE_HINT_PATH = "请核对 -o（或 --per-township）给出的路径：文件名前面的每一段都应当是文件夹，不能是文件。"
ERR_WRITE_HINT_FOLDER = ERR_OS_HINT_NAMED_FOLDER  # a folder bears the workbook's name
ERR_WRITE_PARTLY = "全县报表已写出：{paths}；各乡镇的报表一份也没有写出（已有的保持原样），关闭占用的文件后重新运行即可。"
ERR_WRITE_PARTLY_FULL = "全县报表已写出：{paths}；各乡镇的报表一份也没有写出（已有的保持原样），腾出磁盘空间后重新运行即可。"
ERR_DIR_IS_FILE = "--per-township 须指定目录，{path} 是一个文件。"
ERR_DIR_NAMED_LIKE_FILE = "--per-township 须指定目录：各乡镇报表的文件名按乡镇自动取（乡镇名_季度_考核结果.xlsx），没有写到 {path}。"
ERR_NOT_A_REPORT = ("{path} 已经存在，而且不是考核结果报表（可能是乡镇的报送表或其他文件），没有覆盖，什么也没写。"
                    "请换一个文件名（-o），或先把它移走。")
ERR_REPORT_SHEETS_ADDED = ("{path} 是之前写出的报表，但其中有报表本身没有的工作表：{sheets}（应是后来加上的）。"
                           "写新报表会把它们一起覆盖掉，所以没有覆盖，什么也没写。"
                           "请{other}，或先把这些工作表移到别的工作簿。")
SHEETS_ADDED_OTHER_FILE = "换一个文件名（-o）"
SHEETS_ADDED_OTHER_FOLDER = "换一个文件夹（--per-township；各乡镇报表的文件名是固定的）"

SUMMARY_TITLE = "{quarter} 考核结果"
SUMMARY_TOP = "完成率前 {n} 名乡镇"
SUMMARY_BOTTOM = "完成率后 {n} 名乡镇"
SUMMARY_TOWN_COLS = ("排名", "乡镇", "完成率", "报送")
SUMMARY_COUNTS = "村干部 {n} 人：已定星 {rated} 人，未定星 {unrated} 人，取消评星 {vetoed} 人"
SUMMARY_PAY = "季度报酬合计 {pay:,} 元，集体经济奖励 {bonus:,} 元，发放合计 {total:,} 元"
SUMMARY_TIED_MORE = "另有 {n} 个并列第 {rank} 名的乡镇未列出（全部名次见报表的“乡镇排名”，或 xx score --format json）"
SUMMARY_MISSING = "注意：{n} 个乡镇未报送（{names}），报表按未报送计算其完成率。"
SUMMARY_MISSING_REFUSED = "注意：{n} 个乡镇未报送或报送表被拒收（{names}），报表按未报送计算其完成率。"
SUMMARY_REFUSED_NAME = "{township}（已拒收）"
SUMMARY_WRITTEN = "报表已保存：{path}"
SUMMARY_PER_TOWNSHIP = "已为 {n} 个乡镇分别生成报表，保存在 {dir}"
SUMMARY_PER_TOWNSHIP_UNSENT = "{names} 本季度没有结果（未报送或报送表被拒收），没有生成分乡镇报表"
SUMMARY_PER_TOWNSHIP_STALE = ("文件夹里还有以前生成的 {n} 个分乡镇报表：{names}。这次没有重写它们（这些乡镇本季度现在没有结果，"
                              "或名录里已没有这个乡镇名），内容可能已过时，请勿下发（本工具不删除它们，可自行删除）")
SUMMARY_UNMASKED = "各表含完整身份证号，已记入审计日志，请妥善保管。"
SUMMARY_SECONDS = "用时 {seconds:.2f} 秒"
