"""CLI help texts and console messages (Simplified Chinese)."""

from __future__ import annotations

APP_HELP = "村干部“四位一体”星级化管理考核工具：下发模板、校验报送表、导入、评星、计酬、出报表（默认示例为兴县，可换成本县的名录和考核方案）。"
EPILOG = "工作区按 --workspace、环境变量 XX_WORKSPACE、当前目录及其上级目录的顺序查找。"

OPT_WORKSPACE = "工作区目录（默认：XX_WORKSPACE 或当前目录及上级目录）"
OPT_DEBUG = "出错时显示技术细节（供开发人员排查）"
OPT_QUARTER = "考核季度，如 2022Q3（也可写 2022年第3季度、2022年7-9月）"
OPT_FORMAT = "输出格式：table（表格）或 json（供脚本使用）"
OPT_UNMASK = "显示完整身份证号（会记入审计日志）"
OPT_POLICY = "考核方案文件（YAML、TOML 或 JSON）；默认使用内置示例方案"
OPT_REGISTRY = "行政区划名录文件（.xlsx 或 .csv）；默认使用内置兴县名录"
OPT_OUTPUT_DIR = "输出目录"
OPT_DB = "数据库连接地址（默认：工作区内的 SQLite 文件）"
OPT_COUNTY = "县名（默认：兴县）"
OPT_COUNTY_CODE = "县的 6 位行政区划代码（默认：141123）；多个县共用一个数据库时据此区分各县数据"
ERR_COUNTY_CODE = "县区划代码“{value}”应为 6 位数字，如 141123"
ERR_COUNTY_NEEDS_CODE = ("请同时用 --county-code 给出{county}的 6 位行政区划代码（如临县 141124）："
                         "共用数据库里各县的数据按区划代码区分，不给代码就会用兴县的 141123。")
ERR_REGISTRY_OTHER_COUNTY = ("名录里的区划代码都以 {prefix} 开头，不是{county}的 {code}：这是另一个县的名录。"
                             "请同时用 --county 县名 --county-code {prefix} 建立工作区（县代码建好后不能再改）。")
# xx registry import into a workspace of its own county (review R142: loaded with a warning whose
# advice, 换回本县的名录, the replaced registry being kept nowhere, could not be followed)
ERR_REGISTRY_IMPORT_OTHER_COUNTY = ("{file} 里的区划代码都以 {prefix} 开头，而本工作区是{county}（{code}）：这是另一个县的名录，"
                                    "没有导入，工作区的名录不变。请换用本县的名录；如果本县代码当初写错了，请为本县另建工作区"
                                    "（xx init 目录 --county 县名 --county-code 代码）；确要导入这份名录，{force}。")
REGISTRY_FORCE = "加 --force"
REGISTRY_FORCE_BY_IMPORT = "请用 xx -w {ws} registry import {path} --force"  # (xx init --registry into a workspace)
ERR_REGISTRY_OTHER_COUNTIES = ("名录里的区划代码分属几个县（{prefixes}），不是{county}（{code}）的：这是几个县一起的名录。"
                               "请同时用 --county 名称 --county-code 代码 建立工作区，名称和代码写包含这几个县的市（或省）的"
                               "{example}（代码建好后不能再改）。")
INIT_COVERING_EXAMPLE = "，这份名录是 --county-code {code}"  # the area code covering a registry's counties
REGISTRY_CODES_KEPT = "名录文件没有区划代码：沿用原名录中 {n} 个村(社区)的区划代码"
ERR_CODE_NEEDS_COUNTY = ("请同时用 --county 给出区划代码 {code} 的县名（如 --county 临县）：不给县名，"
                         "工作区和报表标题就会写成兴县。")
INIT_COUNTY = "县：{name}（区划代码 {code}）"
INIT_DATABASE = "数据库：{url}"
INIT_DATABASE_LOCAL = "工作区内的 SQLite 文件（xx.sqlite3）"
INIT_PASSWORD_KEPT = ("注意：--db 里的口令已原样写入 xx.yaml（在 Linux、macOS 上该文件只有本人可读；Windows 上请确认"
                      "工作区文件夹只有本人能访问）。建议把口令放在 PostgreSQL 的口令文件（pgpass）或环境变量 "
                      "XX_DATABASE_URL 里，并从 xx.yaml 的 database_url 中删去口令。")

HELP_INIT = "创建工作区（配置文件、考核方案副本与 SQLite 数据库）；已有工作区不会被覆盖。"
HELP_REGISTRY = "行政区划名录：导入、查看乡镇与村(社区)。"
HELP_REGISTRY_IMPORT = "从 .xlsx 或 .csv（UTF-8/GBK）导入名录，列：乡镇 | 村(社区) | 类型 | 区划代码(可选)。"
HELP_REGISTRY_SHOW = "列出名录：每个乡镇的村、社区数量；加 --township 列出该乡镇的每个村(社区)。"
OPT_REGISTRY_TOWNSHIP = "列出这个乡镇的村(社区)名称、类型和区划代码"
HELP_POLICY = "考核方案：查看、检查、导出。"
HELP_POLICY_SHOW = "以树形显示当前考核方案（任务、举措、星级与薪酬规则）。"
HELP_POLICY_CHECK = "检查一个考核方案文件，列出找到的问题（格式问题改好后，可能还会查出编号引用等问题）。"
HELP_POLICY_EXPORT = "导出当前考核方案（json 或 yaml），可作为自定义方案的起点。"
OPT_EXPORT_OUTPUT = "写到这个文件（UTF-8 编码），不输出到屏幕"
EXPORT_WRITTEN = "已导出考核方案：{path}"
ERR_OUTPUT_IS_DIR = "{path} 是一个文件夹：-o 要写文件名（如 {example}）"
# (review R142: -o 方案.toml wrote JSON, which the TOML reader then refused)
ERR_EXPORT_SUFFIX = "导出的方案是 YAML 或 JSON，不能写成 {suffix} 文件：请把 -o 的文件名改为以 .yaml 或 .json 结尾（如 {example}），两种都可以直接用 xx init --policy 读入"
EXAMPLE_REPORT_FILE = "考核结果.xlsx"  # ERR_OUTPUT_IS_DIR of xx report
EXAMPLE_POLICY_FILE = "考核方案.{suffix}"  # … of xx policy export
HELP_TEMPLATE = ("生成乡镇报送表模板（含下拉列表、填报说明；有上季度数据时预填名册）。\n\n"
                 "预填的名册含完整身份证号（乡镇按它填报），生成时记入审计日志。")
HELP_VALIDATE = "校验乡镇报送表，逐单元格指出问题；可生成标注问题的工作簿退回乡镇。"
HELP_IMPORT = "校验并导入报送表：每个文件整体导入或整体拒收。"
HELP_STATUS = "查看本季度各乡镇报送情况。"
HELP_SCORE = "计算村干部星级、排名和报酬，并说明每一颗星的来由。"
HELP_DEMO = "用 sample_data 中的示例数据演示完整流程。"

OPT_TOWNSHIP = "只为这个乡镇生成（与 --all 二选一，必须给出其一）"
OPT_SCORE_TOWNSHIP = "只看这个乡镇：表格只列它的村干部；--explain 遇到重名的人或村时限于这个乡镇"
OPT_ALL = "为全部乡镇生成（与 --township 二选一）"
OPT_VALIDATE_QUARTER = "考核季度，如 2022Q3（也可写 2022年第3季度、2022年7-9月）；不给时每个文件按它“基本信息”里的考核季度校验"
OPT_ANNOTATE = "把标注了问题的工作簿副本写到此目录"
OPT_VERSION = "显示本工具的版本并退出"
VERSION = "xx（xingxian-cli）{version}"
OPT_DRY_RUN = "只校验，不写入"
OPT_REVERT = "改回旧版本：导入与本乡镇以前某一版完全相同、后来被更正取代的文件，使它重新成为当前版本（不加时这样的文件按旧版本拒收）"
OPT_EXPLAIN = ("显示某位村干部的完整计算过程（身份证号、表格中的打码号码或姓名），或某个乡镇的任务完成率（乡镇名）、"
               "某个村的排名（村名）、某项重点任务的全县完成率（任务编号，如 T01）逐条举措的来源")
OPT_ALLOW_MISSING = "有乡镇未报送时仍然保存评分结果"
OPT_RESCORE = "按工作区现在的考核方案重新评分，替换本季度已保存的结果（本季度的结果是按另一个方案保存的时候才需要）"
OPT_FORMAT_EXPORT = "导出格式：json 或 yaml（不写时按 -o 文件的扩展名，.yaml/.yml 为 yaml，其余为 json）"
OPT_REGISTRY_FORCE = "新名录缺少已导入数据的乡镇或村(社区)时仍然替换（如乡镇撤并）"

ERR_TITLE = "错误"
ERR_DATA_TITLE = "数据有误"
ERR_POLICY_TITLE = "考核方案有误"
ERR_REGISTRY_TITLE = "名录有误"
ERR_INTERNAL = "程序内部错误：{kind}。请把命令和文件发给技术支持；加 --debug 可查看详细信息。"
ERR_NO_WORKSPACE = "找不到工作区（已查找：{where}）。"
ERR_NO_WORKSPACE_HINT = "请先运行 xx init 创建工作区，或用 --workspace 指定工作区目录。"
ERR_NO_WORKSPACE_INSIDE_HINT = "这是工作区 {root} 里面的{what}：请用 -w {root_arg}（不要在工作区里面再建工作区）"
WORKSPACE_PART_FOLDER = "文件夹"
WORKSPACE_PART_FILE = "文件"
WORKSPACE_PART_PATH = "路径"  # (one that does not exist)
ERR_NO_WORKSPACE_FILE_HINT = "{where} 是一个文件：-w/--workspace 要写工作区的文件夹；还没有工作区的，先运行 xx init 文件夹 创建。"
ERR_NO_WORKSPACE_GIVEN_HINT = "请检查 -w/--workspace 给出的目录是否写对；还没有工作区的，先运行 xx init {where} 创建。"
ERR_NO_WORKSPACE_ENV = "找不到工作区：环境变量 XX_WORKSPACE 指向 {where}，那里没有工作区。"
ERR_NO_WORKSPACE_ENV_QUOTED = "找不到工作区：环境变量 XX_WORKSPACE 的值 {where} 带着引号，不是一个能找到的目录。"
ERR_NO_WORKSPACE_ENV_HINT = "请把 XX_WORKSPACE 改成现在的工作区目录，或删掉这个环境变量（就会在当前文件夹里找），或用 --workspace 指定。"
# XX_WORKSPACE holding a double quote: cmd's ``set XX_WORKSPACE="D:\兴县考核"`` keeps the quotes in the value
ERR_NO_WORKSPACE_ENV_QUOTE_HINT = ("XX_WORKSPACE 的值里有引号 \"：cmd 的 set 命令会把引号也存进变量。请不加引号重新设置："
                                   "set XX_WORKSPACE={meant}（PowerShell 中：$env:XX_WORKSPACE = \"{meant}\"），"
                                   "或用 --workspace 指定。")
ERR_BAD_QUARTER = ("季度“{value}”写得不对：应写成“年份Q季度”，季度为 1–4，如 2022Q3；也可写 2022年第3季度，"
                   "或一个季度的三个月 2022年7-9月（1-3、4-6、7-9、10-12 月）。")
ERR_UNKNOWN_TOWNSHIP = "乡镇“{value}”不在名录中。{meant}可选：{allowed}"
ERR_TOWNSHIP_MEANT = "是不是“{meant}”？"
ERR_TOWNSHIP_MEANT_SEP = "”或“"  # between the townships ERR_TOWNSHIP_MEANT names
ERR_BACKUP_EXISTS = "已有同名文件 {path}：它可能是更早的备份，没有覆盖。请换一个文件名（如加上日期）。"
ERR_TEMPLATE_TARGET = "请用 --township 指定乡镇，或用 --all 生成全部乡镇。"
ERR_TEMPLATE_BOTH = "--township 和 --all 只能用一个：要一个乡镇的模板用 --township，要全部乡镇的用 --all。"
ERR_FILE_MISSING = "找不到文件或目录：{path}"
UNREAD_ARCHIVES = "压缩包没有打开：{names}（请先解压到文件夹中，再{verb}解压出来的报送表）"
UNREAD_DOCUMENTS = ("不是工作簿、没有读取的文件：{names}（扫描件、照片、文档和没下载完的文件读不出数据；"
                    "如某乡镇只发来了这类文件，请让其用报送表模板填写后报送 .xlsx 工作簿）")
UNREAD_ARCHIVE = "{name}（其中 {n} 个工作簿不在本次读取的文件中）"
ERR_NO_FILES_ARCHIVES = "（文件夹里有压缩包 {names}：压缩包不会打开，请先解压）"
ERR_LOCK_FILE_GIVEN = "{path} 是 Excel 或 WPS 打开工作簿时生成的临时文件，不是文件本身：请关闭 Excel 或 WPS，给出它旁边的那个文件（名称前面没有 ~$）"
ERR_LOCK_FILE = "{path} 是 Excel 或 WPS 打开工作簿时生成的临时文件，不是报送表：请关闭 Excel 或 WPS，给出工作簿本身"
UNREAD_FOLDERS = "子文件夹中的文件没有读取：{names}（如其中有要{verb}的报送表，请另行给出该文件夹，如 {example}）"
# A file read while Excel or WPS has it open (its ~$ owner file beside it): what was read is its last
# save (review R119)
OPEN_IN_OFFICE = ("正在 Excel 或 WPS 中打开的文件：{names}。{verb}的是文件上次保存的内容，打开后还没保存的改动不在其中；"
                  "如有改动，请保存并关闭后再{verb}一次")
VERB_VALIDATE = "校验"
VERB_IMPORT = "导入"
NAMES_MORE = " 等 {n} 个"  # after a list of names cut short: how many in all
UNREAD_FOLDER = "{name}（{n} 个文件）"
ERR_NO_FILES = "没有找到 .xlsx 文件：{path}"
ERR_NO_FILES_SUBFOLDERS = "（子文件夹里的文件不会读取；报送表在子文件夹 {names} 中，请直接给出子文件夹，如 {example}）"
# A path with a double quote in it that does not exist: cmd took the quote after a trailing
# backslash ("D:\收件箱\") as part of the path, with the arguments after it (review R119)
ERR_PATH_QUOTE_HINT = ("（路径里有一个引号 \"：在 Windows 的 cmd 中，引号前面的反斜杠（\\）会让引号成为路径的一部分，"
                       "后面的参数也一起并进了路径。路径末尾不要写反斜杠，如 {example}）")
ERR_NO_MATCH = "没有与 {pattern} 匹配的文件"
ERR_PATH_IS_FILE = "输出路径 {path} 是文件，请指定一个目录"
ERR_TEMPLATE_DIR = "-o 要写一个目录：模板的文件名按乡镇自动取（如 {example}），没有写到 {path}"
EXAMPLE_FILE_NAME = "乡镇名_季度.xlsx"  # a submission's name, where no real one is at hand
ERR_ANNOTATE_DIR = "--annotate 要写一个目录：标注文件的文件名按原文件自动取（如 {example}），没有写到 {path}"
ERR_ANNOTATE_INTO_INBOX = ("标注副本不能写进报送表所在的目录 {path}：它们是退回乡镇的，之后导入这个目录时会和原件一起"
                           "被读到（有错误的表，副本也会再被拒收一次）。请换一个目录，如 --annotate 退回")
ERR_OS = "无法读写文件 {path}：{reason}"
ERR_OS_DIR = "无法写入文件夹 {path}：{reason}"
ERR_OS_CREATE = "无法创建 {path}：{reason}"
ERR_OS_HINT = "如文件正在 Excel 或 WPS 中打开，请先关闭再重试。"
ERR_OS_HINT_DIR = "请确认这个文件夹可以写入（不是只读的、有权限），或换一个文件夹再试。"
# a folder bearing the name of the file to be written (review R133)
ERR_OS_NAMED_FOLDER = "无法写入 {path}：那里已有一个同名的文件夹"
ERR_OS_HINT_NAMED_FOLDER = "请把这个文件夹改名或移走，或换一个输出位置后再试。"
ERR_OS_HINT_LONG = "请把文件夹名或文件名改短一些，或换一个层级浅一些的文件夹（如 D:\\考核）再试。"
ERR_ANNOTATE_FAILED = "标注文件 {path} 没有写出：{reason}"
ERR_ANNOTATE_FULL = "{n} 个标注文件因磁盘空间不足没有写出（应在 {folder} 中）：{names}"
ERR_ANNOTATE_FAILED_HINT = "如该文件正在 Excel 或 WPS 中打开，请关闭后重新运行；各文件的校验结果见上。"
ERR_DISK_FULL = "磁盘空间不足，写不下去了{path}：{reason}。写到一半的文件已删除；导入时整批撤销，什么也没有导入。"
ERR_DISK_FULL_HINT = "请腾出磁盘空间（或写到别的盘）后重新运行。"
ERR_CONFIG = "工作区配置文件 {path} 读不了：{reason}"
ERR_CONFIG_HINT = "请改正这个文件（它是 YAML 格式，用记事本打开即可），或用 xx restore 从备份恢复。"
ERR_ENV_OTHER_DATABASE = ("环境变量 {env} 指向的数据库与工作区配置文件 {path} 里的 database_url 不是同一个（服务器、数据库名或用户名不同）："
                          "这个变量只用来给出口令。请把它改成 xx.yaml 里的地址加上口令，或者去掉它。")
ERR_CONFIG_HINT_SERVER = "请改正这个文件（它是 YAML 格式，用记事本打开即可）：数据在共用的数据库里，改正后即可照常打开。"
ERR_CONFIG_YAML = "第 {line} 行格式错误"
ERR_CONFIG_ENCODING = "不是 UTF-8 编码（请用记事本“另存为”UTF-8）"
ERR_CONFIG_SHAPE = "内容应是“名称: 值”的若干行"
ERR_CONFIG_CODE = "county_code 应是 6 位行政区划代码，现在是“{value}”"
ERR_CONFIG_OTHER_CODE = ("工作区配置文件 {path} 里的 county_code 是 {code}，但数据库里没有这个县的数据（xx init 时会放入本县的名录）；"
                         "数据库里的是县代码 {found} 的数据。县代码是不是改错了？照这样打开会看到一个空的县，导入的也会存到另一个县下")
ERR_CONFIG_OTHER_NAME = ("工作区配置文件 {path} 写的是{name}（county_code: {code}），但数据库里县代码 {code} 的数据是{recorded}的。"
                         "照这样打开会以{name}的名义查看和改动{recorded}的数据。请核对 county_code：如果代码没错、只是县名写法不同，"
                         "请把 county 改回“{recorded}”")
ERR_CODE_IS_XING = "{code} 是兴县的区划代码，不能用于{county}：请用 --county-code 给出{county}自己的 6 位行政区划代码（如临县 141124）。"
ERR_CODE_UNCLAIMED = ("数据库里县代码 {code} 已有数据（{townships} 个乡镇的名录），是旧版本建的，还没记下是哪个县的。为免代码写错的工作区"
                      "占用别的县的数据，请先在一直在用这些数据的那个工作区里运行一次 xx registry show，它会记下县名；"
                      "然后再建{name}的新工作区。如果这不是{name}的数据，请核对县代码。")
ERR_CONFIG_NAME_ELSEWHERE = ("工作区配置文件 {path} 写的是{name}、县代码 {code}，但数据库里{name}的数据在县代码 {other} 下："
                             "county_code 是不是改错了？照这样打开会以{name}的名义看到和改动别的县的数据。")
ERR_XING_OTHER_CODE = "兴县的区划代码是 {xing}，不是 {code}：请核对 --county-code（别的县请用 --county 写明县名）。"
ERR_NAME_ELSEWHERE = ("数据库里{name}的数据在县代码 {other} 下，不是 {code}：请核对 --county-code；"
                      "{name}的另一位考核干部请用 --county-code {other}。")
ERR_CODE_TAKEN = ("数据库里县代码 {code} 已经是{recorded}的数据，不能再建{name}的工作区。请核对 --county-code；"
                  "如果是{recorded}的另一位考核干部，请用 --county {recorded}")
ERR_CONFIG_NO_CODE = "缺少 county_code（本县的 6 位行政区划代码，如 county_code: 141123）：工作区的数据按它存放，没有它会打开一个空的县"
# Why a file could not be read or written, by exception type or errno name.
OS_REASONS = {
    "PermissionError": "文件正被其他程序占用，或没有访问权限",
    "FileNotFoundError": "找不到该文件或目录",
    "IsADirectoryError": "这是一个文件夹，不是文件",
    "NotADirectoryError": "路径中有一段不是文件夹",
    "FileExistsError": "文件已存在",
    "ENOSPC": "磁盘空间不足",
    "EROFS": "磁盘只读",
    "ENAMETOOLONG": "路径或文件名太长",
}
OS_REASON_OTHER = "系统错误（{code}）"

INIT_CREATED = "已创建工作区：{root}"
INIT_TWO_FOLDERS = ("-w 指定的工作区（{workspace}）与 xx init 后面写的文件夹（{directory}）不是同一个：请只写其中一个，"
                    "比如 xx init {directory} 或 xx -w {workspace} init")
ERR_INIT_INSIDE = ("当前文件夹 {here} 在工作区 {outer} 之内，没有新建工作区。要给这个工作区换方案或名录，"
                   "请运行 xx -w \"{outer}\" init --policy 文件（或 --registry 文件），或到 {outer} 中运行；"
                   "确要在这里另建一个工作区，请写明文件夹：xx init .")
INIT_NESTED = ("注意：它在工作区 {outer} 的目录之内。在 {root} 及其子目录里运行的命令从此用新的工作区，"
               "不再用 {outer}；如果是误建，删除 {root} 里的 {config} 即可。")
INIT_EXISTS = "工作区已存在：{root}（已导入的数据不变）"
INIT_POLICY_SAME = "--policy 指定的方案与工作区现在的方案内容相同：方案文件没有改动，评分不变。"
INIT_APPLIED = ("已换用 {options} 指定的文件；还没有结账的季度按它评分（已结账的季度仍按保存结果时的方案和名录，"
                "确需改用：xx score --quarter 季度 --rescore）。")
INIT_POLICY_KEPT = "换下的原方案已保存为 {path}；要换回原方案：xx init {root} --policy {again}"
INIT_POLICY_STALE = ("注意：还没有结账的季度已导入的报送里，有新方案没有的内容（见下表）。这些季度在乡镇按新方案的模板重新报送并导入"
                     "（或在方案中加回这些项）之前，无法评分。")
INIT_POLICY_STALE_TITLE = "{quarter} 已导入的报送"
INIT_NEW_FOLDER = "新工作区"  # the folder ERR_INIT_ANOTHER_IDENTITY suggests beside the existing one
ERR_INIT_ANOTHER_IDENTITY = ("工作区 {root} 已存在，是{name}（区划代码 {code}）的，数据库：{db}；{options} 与它不同。"
                             "县、区划代码和数据库在建工作区时确定，之后不能改，所以这次什么也没有改动。"
                             "要给别的县或别的数据库建工作区，请换一个新目录（如 xx init {new} {options}）；"
                             "只想给这个工作区换考核方案或名录，请去掉 {options} 再运行。")
INIT_POLICY = "考核方案：{name}（版本 {version}）"
INIT_REGISTRY = "名录：{townships} 个乡镇，{villages} 个村(社区)"
INIT_REGISTRY_SAMPLE = "（内置名录：乡镇是兴县的 15 个乡镇，村(社区)是示例）"
INIT_NEXT_REGISTRY = ("先导入本县实际的名录（乡镇 | 村(社区) | 类型 | 区划代码 的 .xlsx 或 .csv）："
                      "xx -w {root} registry import 名录文件；模板的村(社区)下拉列表和校验都按名录来")
INIT_NEXT = "下一步：cd {dir}，然后 xx template --quarter {quarter} --all -o 模板（或在任何目录加 -w {root}）"
INIT_NEXT_HERE = "下一步：xx template --quarter {quarter} --all -o 模板（在别的目录加 -w {root}）"
INIT_NEXT_ENV = ("下一步：xx -w {root} template --quarter {quarter} --all -o 模板"
                 "（环境变量 XX_WORKSPACE 指向 {env}：不加 -w 的命令用的是那个工作区）")
INIT_NEXT_ENV_QUOTED = ("下一步：xx -w {root} template --quarter {quarter} --all -o 模板"
                        "（环境变量 XX_WORKSPACE 的值 {env} 带着引号，不加 -w 的命令会找不到工作区：请不加引号重新设置："
                        "set XX_WORKSPACE={meant}，PowerShell 中 $env:XX_WORKSPACE = \"{meant}\"）")

REGISTRY_IMPORTED = "已导入名录：{townships} 个乡镇，{villages} 个村(社区)"
REGISTRY_AFFECTS = ("注意：已导入 {quarters} 的报送，还没有全部报齐评分保存。这些季度再评分（xx score、xx report）时，"
                    "乡镇完成率和村排名按新名录计算（新名录新增的村(社区)在这些季度计 0，划走的村计入新乡镇、按未填报计 0），"
                    "与已保存或已发出的暂行结果可能不同。")
REGISTRY_KEEPS = ("已结账的季度 {quarters} 仍按保存结果时的名录评分，完成率和排名不变（补报的更正也按那时的名录检查）；"
                  "确需按新名录重算并替换保存的结果：xx score --quarter {first} --rescore（每个季度各运行一次）。")
REGISTRY_TITLE = "行政区划名录"
REGISTRY_COLS = ("序号", "乡镇", "村", "社区", "合计")
VILLAGES_TITLE = "{township}的村(社区)（{n} 个）"
VILLAGE_COLS = ("序号", "村(社区)", "类型", "区划代码")
REGISTRY_TOTAL = "合计"

POLICY_DEFAULTS = "方案文件没有写、按本工具的默认值计的数：{items}。如要别的值，请写进方案文件"
POLICY_DEFAULT_ITEM = "{field} = {value}"
WARNING_LINE = "警告：{place}{message}"  # a warning of a command that went through
POLICY_DEFAULT_ITEM_MANY = "{field} = {value}（{n} 项）"
POLICY_OK = "考核方案检查通过：{tasks} 项重点任务（{task_areas} 个方面），{measures} 条落实举措（{measure_areas} 个方面，村级 {village} 条）"
POLICY_BAD = "考核方案有 {n} 处问题："
ARG_WORKSPACE_DIR = "工作区目录（不写时用 -w 指定的，否则用当前目录）"
ARG_REGISTRY_FILE = "名录文件"
ARG_POLICY_FILE = "考核方案文件"
ARG_WORKBOOKS = "报送表文件或目录"
ARG_BACKUP_FILE = "备份文件"

LIST_SEP = "、"  # between items of a list in a sentence
# names of files a folder's check or import found wrong, after its summary (a prefecture's
# 150 files bury the 3 to send back among hundreds of lines, review R106)
VALIDATE_BAD_FILES = "有错误的文件（退回乡镇改正）：{names}"
IMPORT_REFUSED_FILES = "被拒收的文件（退回乡镇改正）：{names}"
# … and those whose one error is another file of their township in the run (R110: not the township's to mend)
VALIDATE_TWO_OF_ONE = "同一乡镇的多份文件（选定一份、把其余的移出后再检查，不用退回乡镇）：{names}"
# A refused file whose township had another file imported (or found unchanged) in the same run:
# most often the original beside the copy the clerk fixed (review R124)
IMPORT_REFUSED_BESIDE = ("被拒收、但同一乡镇本次已有另一个文件导入的（“另见”的是已导入的那个；被拒收的多半是改正前的原件，"
                         "不必退回；如被拒收的才是乡镇最新报送的，请退回改正）：{names}")
VALIDATE_BESIDE = ("有错误、但同一乡镇另有一个文件通过检查的（“另见”的是通过的那个；有错误的多半是改正前的原件，"
                   "只导入通过的那个即可，不必退回；如有错误的才是乡镇最新报送的，请退回改正）：{names}")
BESIDE_ITEM = "{name}（另见 {taken}）"
BESIDE_TWO = ("有错误、同一乡镇另有几份没有错误而待选定的文件的（“另见”的是其中一份；有错误的多半是改正前的原件，不必退回；"
              "如有错误的才是乡镇最新报送的，请退回改正）：{names}")
COPY_FILES = "已导入的旧版本或重复的副本（不用退回乡镇，请从收件箱移出）：{names}"
# Every file of the run refused for the run's quarter or workspace, not for anything the townships
# wrote (review R142: the whole folder was listed 退回乡镇改正)
OURS_FILES = "不用退回乡镇的文件（不对的是这次给的季度，见上）：{names}"
RUN_OTHER_COUNTY = ("这 {n} 个文件的乡镇都不在本工作区的名录中：如果它们是别的县的报送表，请检查 -w 是否指向了那个县的工作区；"
                    "如果是名录里缺了这些乡镇，请先导入本县完整的名录（xx registry import 名录文件）")
BESIDE_ITS_COPY = ("不必单独退回的（“另见”的是同一乡镇的另一个文件：乡镇改过送回的标注副本，或所填数据相同的副本；"
                   "按那一个的问题退回即可）：{names}")
IMPORT_TWO_OF_ONE = "同一乡镇的多份文件，都没有导入（选定一份、把其余的移出后再导入，不用退回乡镇）：{names}"
OR_SEP = "或"  # between alternatives (书记或书记兼主任)
LIST_SEP_COMMA = "，"  # between longer items
LIST_SEP_SEMI = "；"  # between items that hold commas
LIST_SEP_STRONG = "；"  # between items that hold commas themselves
LIST_MORE = "等"  # after a list cut short

POLICY_TREE_ROOT = "[bold]{name}[/]  (版本 {version})"
POLICY_TREE_TASKS = "重点任务（{n} 项，{areas} 个方面）"
POLICY_TREE_MEASURE = "{id} {title}  [dim]{level} · 权重 {weight} · {tasks}[/]"
POLICY_TREE_TENURE = "工龄赋星：{bands}；不满{min_years}年 未定星"
POLICY_TREE_TENURE_ALL = "工龄赋星：{bands}（任职不论长短都定星）"  # min_tenure_years 0
POLICY_TREE_BAND = "满{years}年 {stars}星"
POLICY_TREE_ACHIEVEMENT = "成就赋星：近{months}个月内获{levels}荣誉 +{stars}星；基础星最多{base_max}星"
POLICY_TREE_SYSTEMS = "六大体系加星：{names}（{lo}—{hi} 分），每项≥{threshold}分 +{each}星，每期最多+{max_added}星"
POLICY_TREE_DEDUCTIONS = "{title}（近{months}个月）"
POLICY_TREE_PER_EVENT = "每次 -{stars}星"
POLICY_TREE_BY_OUTCOME = "{outcome} -{stars}星"
POLICY_TREE_VETO = "一票否决：{outcomes}"
POLICY_TREE_MEASURE_RULE = "{name}：{rules}"
POLICY_TREE_FINAL = "最终星级：{lo}–{hi}星"
POLICY_TREE_HEADS = "每个村(社区)至少应有一名{posts}（没有时校验给出警告）"
POLICY_TREE_QUARTERLY = "季度报酬 = 年标准 ÷ {periods} × ({base} + {performance} × k)"
POLICY_TREE_K = "k：{ks}；未定星 {unrated}；否决 {vetoed}"
POLICY_TREE_K_ITEM = "{stars}星 {k}"
POLICY_TREE_BONUS = "第{quarter}季度集体经济奖励：增收≥{growth}时，{posts}获增收额的{share}，最多{cap}元（收入按万元填报）"
POLICY_TREE_COMPLETION = "任务进度计分：{values}"
POLICY_TREE_STATUS = "{status} {value}"
POLICY_TREE_MEASURES = "落实举措（{n} 条，{areas} 个方面）"
POLICY_TREE_STARS = "星级规则"
POLICY_TREE_PAY = "薪酬标准（元/年）"
LEVEL_NAMES = {"township": "乡镇级", "village": "村级"}
# xx score --explain 乡镇: a township's completion rate, measure by measure.
EXPLAIN_TOWN_TITLE = "{township} {quarter} 任务完成率 {rate}，全县第 {rank} 名（共 {n} 个乡镇，按完成率排名）"
EXPLAIN_TOWN_RULE = ("完成率 = Σ(权重 × 完成度) ÷ Σ权重 = {weighted} ÷ {total}；完成度：{values}，未填报计 0；"
                     "村级举措取本乡镇名录中 {villages} 个村(社区)的平均")
EXPLAIN_TOWN_SOURCE = "来源：{file} › {sheet}（第几行见“依据”）"
EXPLAIN_TOWN_UNSENT = "本季度未报送：每条举措都计 0。"
EXPLAIN_TOWN_REFUSED = "本季度的报送表已拒收（改正后重新导入即可计入）：每条举措都计 0。"
EXPLAIN_TOWN_COLS = ("举措", "级别", "权重", "完成度", "依据")
EXPLAIN_TOWN_ROW = "{status}（第{row}行）"
EXPLAIN_TOWN_NOT_REPORTED = "未填报"
EXPLAIN_TOWN_VILLAGES = "{counts}（第{first}–{last}行）"
EXPLAIN_TOWN_VILLAGES_NONE = "各村都未填报"
EXPLAIN_TOWN_COUNT = "{status} {n} 个村"
EXPLAIN_TOWN_UNREPORTED = "未填报 {n} 个村"
# xx score --explain 村: a village's rank.
EXPLAIN_VILLAGE_TITLE = ("{township} {village} {quarter} 村级举措完成率 {rate}，平均星级 {mean}，全县第 {rank} 名"
                         "（共 {n} 个村(社区)，先按完成率、再按平均星级排名）")
EXPLAIN_VILLAGE_NO_STARS_MEAN = "{zero}（无定星人员，按 0 星排名）"  # the title's 平均星级, as the report's 说明 says
EXPLAIN_VILLAGE_RULE = "完成率 = Σ(权重 × 完成度) ÷ Σ权重 = {weighted} ÷ {total}（{n} 条村级举措）；完成度：{values}，未填报计 0"
EXPLAIN_VILLAGE_STARS = "平均星级 = 已定星人员的星级之和 ÷ 人数（取消评星计 0 星，未定星不计）= {total} ÷ {count} = {mean}：{who}"
EXPLAIN_VILLAGE_NO_STARS = "没有已定星或取消评星的村干部：平均星级计 0{who}"
EXPLAIN_VILLAGE_CADRE = "{name}（{position}）{stars}"
EXPLAIN_VILLAGE_COLS = ("举措", "权重", "完成度", "依据")
# xx score --explain T01: a key task's county completion.
EXPLAIN_TASK_TITLE = "{task} {title}（{area}）{quarter} 全县完成率 {rate}"
EXPLAIN_TASK_RULE = ("完成率 = Σ(权重 × 全县完成度) ÷ Σ权重 = {weighted} ÷ {total}；乡镇级举措的全县完成度是 {towns} 个乡镇的平均，"
                     "村级举措是 {villages} 个村(社区)的平均，未填报计 0。各乡镇填报的行见 xx score --quarter {quarter} "
                     "--explain 乡镇名，各村的见 xx score --quarter {quarter} --explain 村名")
EXPLAIN_TASK_COLS = ("举措", "级别", "权重", "全县完成度", "填报情况")
EXPLAIN_TASK_COUNT = {"township": "{status} {n} 个乡镇", "village": "{status} {n} 个村"}
EXPLAIN_TASK_UNREPORTED = {"township": "未填报 {n} 个乡镇", "village": "未填报 {n} 个村"}
EXPLAIN_TASK_WHERE = "（{names}）"  # the townships of a status but the best
EXPLAIN_TASK_TOWN_VILLAGES = "{township} {n}"  # a township and how many of its villages
SCORE_CADRE_ELSEWHERE = "“{arg}”不在{township}本季度的名册中，在：{places}。请去掉 --township 或改写乡镇。"
SCORE_PLACE = "{name}（{township} {village}）"
SCORE_CADRE_NAMESAKE = ("“{arg}”是上季度{township}{village}的{name}，本季度名册中没有这个身份证号；同村本季度新列出了同名的"
                        "{name}（身份证号 {now}）。如是同一人，两个季度的身份证号有一个填错了：请与乡镇核对；"
                        "本季度的计算过程：xx score --quarter {quarter} --explain {now}")
SCORE_CADRE_LEFT = ("“{arg}”是 {previous} 名册上的{name}（{township}{village}），{township}报送的 {quarter} 名册上没有此人："
                    "已离任则不再评星；如仍在任，请乡镇把此人补进名册（或核对身份证号）后重新报送。"
                    "看上季度的计算：xx score --quarter {previous} --explain {arg}")
SCORE_CADRE_LEFT_UNSENT = ("\n另有 {n} 个乡镇还没有报送 {quarter}（{townships}）：此人也可能调到了其中之一，"
                           "那样就不要补进原乡镇的名册（会与调入乡镇的名册冲突），等调入的乡镇报送即可。")
SCORE_CADRE_WAITING = "{name}（上季度在{township}{village}）所在的{township}还没有报送 {quarter}：报送并导入后才能评星。"
SCORE_VILLAGE_ELSEWHERE = "“{arg}”不是{township}的村(社区)，是{places}的：请去掉 --township 或改写乡镇。"
SCORE_MANY_VILLAGES = "“{arg}”是 {n} 个乡镇的村(社区)：{places}。请加 --township 乡镇 指明是哪一个。"

TEMPLATE_UNPLACED = ("有 {n} 名村干部没有预填到任何模板：{items}{more}。他们所在的乡镇已不在名录中，"
                     "所在的村在新名录中没有或有重名，无法判断现属哪个乡镇；请告知相关乡镇在名册中填写。")
TEMPLATE_UNPLACED_ITEM = "{name}（原{township}{village}）"
TEMPLATE_STALE = ("有 {n} 名村干部所在的村(社区)已不在名录中，模板里照旧预填了原村名（校验时会被拒收）：{items}{more}。"
                  "请乡镇把他们改到现在所在的村(社区)，已离任的删去")
TEMPLATE_POSTS_UNKNOWN = ("有 {n} 名村干部上次报的职务不在 {quarter} 的考核方案中（{items}），模板里照旧预填（校验时会被拒收）："
                          "请乡镇改为方案中的职务，或先核对考核方案的 positions 与 pay.annual")
TEMPLATE_POST_ITEM = "{post} {n} 人"
TEMPLATE_WRITTEN = "已生成 {n} 个模板，保存在 {dir}"
ERR_TEMPLATE_EXISTS = ("{dir} 中已有 {n} 个同名文件且内容与新模板不同（{names}{more}），可能是乡镇已经填好报回的报送表，"
                       "没有覆盖，什么也没写。请换一个目录（-o），或确认可以覆盖后加 --force。")
ERR_TEMPLATE_MORE = " 等"
OPT_TEMPLATE_FORCE = "覆盖输出目录中内容不同的同名文件"
TEMPLATE_PREFILLED = "（{n} 个乡镇已按 {quarter} 的名册预填）"
TEMPLATE_NOT_PREFILLED = "{n} 个乡镇在 {quarter} 之前没有已导入的名册，模板未预填，需要重新填写全部人员：{names}"
TEMPLATE_REPLACED = "已按 --force 覆盖 {n} 个内容不同的同名文件：{names}"

VALIDATE_SUMMARY = "共 {files} 个文件：{ok} 个通过，{bad} 个有错误；错误 {errors} 处，警告 {warnings} 处"
VALIDATE_SUMMARY_SKIPPED = ("；另有 {n} 个导入时会跳过、不必退回（本次另一文件的副本、已导入的其他季度的文件，"
                            "或本工具生成的考核结果）")
VALIDATE_COLS = ("位置", "类别", "问题", "填写值", "建议")  # 类别: 错误 or 警告, as the report says
SEVERITY_NAMES = {"error": "错误", "warning": "警告"}
VALIDATE_FILE_OK = "{file}：通过"
# A file import passes over (a second copy, a file of another quarter imported already, a report of
# ours): why, in a line, not as errors to correct nor with its warnings again (review R119)
VALIDATE_FILE_SKIPPED = "{file}：导入时跳过，不必退回。{why}"
VALIDATE_MAIN_PROBLEMS = "{file}：错误 {n} 处，最多的是 {items}——先改这些，其他问题常常随之消失"
VALIDATE_MAIN_ITEM = "“{title}” {n} 处"
VALIDATE_MORE_SAME = "…… 另有 {n} 处同样的问题（{title}）"
VALIDATE_MORE_WHERE = "完整列表见 xx validate --annotate 写出的标注文件，或 --format json"
VALIDATE_ANNOTATED = "已写出标注文件：{path}（有错误，退回乡镇改正）"
VALIDATE_TO_RETURN = "要寄回乡镇改正的标注文件 {n} 个（在 {folder} 中）：{names}"
VALIDATE_ANNOTATED_OURS = "已写出标注文件：{path}（不对的是这次给的季度，不用退回乡镇）"
VALIDATE_ANNOTATED_COPY = "已写出标注文件：{path}（是已导入的旧版本或重复的副本，不用退回乡镇，请从收件箱移出）"
VALIDATE_ANNOTATE_KEPT = ("注意：{path} 已经存在，而且不是本工具写出后原样未动的标注文件（可能是乡镇改好后送回的），没有覆盖；"
                          "这次的标注文件写成了 {written}")
# an annotated file that goes back to no one, as the summary lists it (review R128, R129)
VALIDATE_ANNOTATED_TWO_OF_ONE = "已写出标注文件：{path}（同一乡镇的多份文件之一：由考核办选定一份，不用退回乡镇）"
VALIDATE_ANNOTATED_BESIDE = ("已写出标注文件：{path}（同一乡镇另有通过检查的 {other}：这份多半是改正前的原件，不必退回；"
                             "如它才是乡镇最新报送的，再退回）")
VALIDATE_ANNOTATED_BESIDE_TWO = ("已写出标注文件：{path}（同一乡镇另有待选定的 {other} 等文件：这份多半是改正前的原件，不必退回；"
                                 "如它才是乡镇最新报送的，再退回）")
VALIDATE_ANNOTATED_LATER = ("已写出标注文件：{path}（是改正前的原件：乡镇已送回它的标注副本 {other}，"
                            "按那一份的标注文件退回，不要退回这一份）")
VALIDATE_ANNOTATED_OK = "已写出标注文件：{path}（没有错误，可直接导入 {file}，不必退回）"  # the file checked (R124)
VALIDATE_NOT_ANNOTATED = "{file} 不是可读的 .xlsx，未生成标注文件"
VALIDATE_NOT_ANNOTATED_VALUE = "{file} 较大，读不出的值找不到是哪一格，未生成标注文件：请按上面的提示找到并改正"
VALIDATE_ANNOTATE_FAILED = "{file} 的标注文件没有写出（原因见下）"

IMPORT_PROGRESS = "导入中"
ANNOTATE_PROGRESS = "写标注文件"
REPORT_PROGRESS = "写报表"
IMPORT_OK = "已导入 {file}：{township} {quarter} 第 {version} 版，{cadres} 名村干部，{rows} 行数据"
IMPORT_SAME = "{file} 与已导入的第 {version} 版完全相同，未做改动"
IMPORT_OWN_SCORED = ("注意：{quarter} 已保存了评分结果，它没有包括本次导入的报送：下次运行 xx score 或 xx report 时会重新评分，"
                     "星级或报酬与保存的结果如有不同会逐人列出")
IMPORT_DRY_OWN_SCORED = ("注意：{quarter} 已保存了评分结果：导入后，下次运行 xx score 或 xx report 时会重新评分，"
                         "星级或报酬与保存的结果如有不同会逐人列出")
IMPORT_LATER_SCORED = ("注意：{later} 已保存了评分结果，而表彰、降星事项跨季度累计，星级变化也与上一季度比较："
                       "下次查看这些季度时会按本次导入的 {quarter} 新版本重新评分，星级或报酬如有变化会逐人列出")
IMPORT_DRY_LATER_SCORED = ("注意：{later} 已保存了评分结果，而表彰、降星事项跨季度累计，星级变化也与上一季度比较："
                           "导入后，下次查看这些季度时会按 {quarter} 的新版本重新评分，星级或报酬如有变化会逐人列出")
IMPORT_SAME_CONTENT = ("{file} 读出的数据（填报人、电话、填报日期和每一行）与已导入的第 {version} 版完全相同，"
                       "只是文件本身不同（另存过或是标注副本），未另存新版本")
IMPORT_SAME_REREAD = ("{file} 与已导入的第 {version} 版完全相同；第 {version} 版是按本工具较早版本的读取规则读入的，"
                      "已按现在的规则重新读取，读出的数据没有变化，未做改动")
IMPORT_OLD_AGAIN = ("  已改回（--revert）：这个文件与第 {old} 版完全相同，现在作为第 {version} 版成为当前版本，"
                    "替换了第 {current} 版")
IMPORT_FILLED_EARLIER = ("  注意：这个文件的填报日期 {date} 早于它替换的第 {current} 版（{before}），可能是更正前的旧文件；"
                         "如果是，请把第 {current} 版的文件加 --revert 重新导入，使它重新成为当前版本")
IMPORT_DRY_OLD_AGAIN = "  改回（--revert）：这个文件与第 {old} 版完全相同，导入后它重新成为当前版本，替换第 {current} 版"
IMPORT_WRONG_QUARTER = ("有 {n} 个文件的考核季度是 {value}，不是这次给的 --quarter {given}："
                        "如果它们是 {value} 的报送表，请改用 --quarter {value} 导入")
VALIDATE_WRONG_QUARTER = ("这 {n} 个文件的考核季度都是 {value}，与这次给的 --quarter 不同："
                          "如果它们是 {value} 的报送表，请改用 --quarter {value} 校验")
IMPORT_REFUSED = "已拒收 {file}：{errors} 处错误，未导入任何数据"
IMPORT_REFUSED_DRY = "（试运行）{file} 会被拒收：{errors} 处错误"
STATUS_OLDER_RULES = ("{n} 个乡镇的当前报送是按本工具较早版本的读取规则读入的（{names}）："
                      "把原文件再导入一次，即按现在的规则重新读取")
IMPORT_REREAD = ("  这个文件与第 {current} 版完全相同，但第 {current} 版是按本工具较早版本的读取规则读入的；"
                 "已按现在的规则重新读取，作为第 {version} 版")
IMPORT_DRY_REREAD = ("  这个文件与第 {current} 版完全相同，但第 {current} 版是按本工具较早版本的读取规则读入的；"
                     "按现在的规则读出的数据不同，导入后作为新版本")
IMPORT_DRY = "（试运行）{file} 校验通过，可以导入"
IMPORT_DRY_NEW_VERSION = "  导入后作为{township} {quarter} 第 {version} 版，代替现在的第 {current} 版"
IMPORT_WARNINGS = "  另有 {n} 条警告（警告本身不妨碍导入），查看：xx {workspace}validate {file} --quarter {quarter}"
IMPORT_REFUSED_BEFORE = ("跳过 {file}：与以前拒收的文件内容完全相同，{township}此后已导入第 {version} 版"
                         "（这是退回前的旧文件，可以从收件箱删去）")
IMPORT_REFUSED_AGAIN = "  这个文件 {at} 已经拒收过一次（内容完全相同），下面的问题仍然没有解决"
IMPORT_REFUSED_BEFORE_DRY = ("跳过 {file}：与以前拒收的文件内容完全相同，{township}本次另有文件可以导入"
                             "（这是退回前的旧文件，可以从收件箱删去）")
IMPORT_COPY = "跳过 {file}：与本次的 {other} 内容完全相同（同一文件收到了两份），只看那一份"
IMPORT_COPY_RESAVED = "跳过 {file}：与本次的 {other} 所填数据完全相同（同一文件另存或标注过的副本），只看那一份"
IMPORT_OTHER_QUARTER = "跳过 {file}：这是{township} {other} 的报送表，已作为 {other} 第 {version} 版导入（可以从本季度的收件箱移走）"
IMPORT_SUMMARY_OTHER_QUARTER = "；另跳过已导入别的季度的文件 {n} 个"
IMPORT_SUMMARY_COPIES = "；另跳过重复的副本 {n} 个"
IMPORT_SUMMARY_REPORTS = "；另跳过本工具生成的考核结果 {n} 个"
IMPORT_REPORT_SKIPPED = "跳过 {file}：这是 xx report 生成的考核结果，不是报送表（可以从收件箱移走）"
IMPORT_SUMMARY_REFUSED_BEFORE = "；另跳过以前已拒收的旧文件 {n} 个"
IMPORT_SUMMARY = "完成：导入 {ok} 个，未变化 {same} 个，拒收 {bad} 个，用时 {seconds:.2f} 秒"
IMPORT_DRY_SUMMARY = "试运行完成（没有写入任何数据）：{ok} 个可以导入，{same} 个与已导入的相同，{bad} 个会被拒收，用时 {seconds:.2f} 秒"

OPT_STATUS_TOWNSHIP = "只看一个乡镇：它本季度的每一版报送（何时、由谁导入，填报人）和每一版比上一版改了哪些格"
HISTORY_TITLE = "{township} {quarter} 的报送版本"
HISTORY_VERSION = ("第 {version} 版{current}：{at} 由 {by} 导入 {file}（填报人 {filler}，填报日期 {filled}；"
                   "村干部 {cadres} 人，警告 {warnings} 条）")  # (电话: in JSON)
HISTORY_IS_CURRENT = "（当前）"
HISTORY_NONE = "{township} {quarter} 还没有导入过报送。"
HISTORY_ONLY_REFUSED = "{township} {quarter} 还没有导入过报送，只有被拒收的文件："
HISTORY_CHANGES = "第 {version} 版（{file}）比第 {before} 版：{n} 处变化"
HISTORY_SAME = "第 {version} 版（{file}）比第 {before} 版：数据没有变化（只是文件不同）"
HISTORY_ADDED = "  新增 {where}：{who}"
HISTORY_REMOVED = "  删去 {where}（第 {before} 版里的行）：{who}"
HISTORY_CHANGED = "  {where} {who}{field}：{old} → {new}"
HISTORY_WHERE = "{sheet} 第{row}行"
HISTORY_WHO = "{name}（{id}）"
HISTORY_BLANK = "（空）"  # a cell left blank
HISTORY_MORE = "  另有 {n} 处变化未列出，加 --format json 可看全部"
HISTORY_REFUSED = "被拒收的文件："
HISTORY_REFUSED_ITEM = "  {at} {file}（错误 {errors} 处）"
HISTORY_REFUSED_CHOOSE = "  {at} {file}（与同一乡镇的其他文件一起送来，待选定，本身没有别的错误）"
HISTORY_WHERE_INFO = "{sheet}"
HISTORY_TAKEN_LATER = "——后来作为第 {version} 版导入"
STATUS_TITLE = "{quarter} 报送情况"
STATUS_COLS = ("乡镇", "状态", "版本", "导入时间", "文件", "村干部", "数据行", "警告")
STATUS_SUBMITTED = "已报送"
STATUS_MISSING = "未报送"
STATUS_SUMMARY = "已报送 {done}/{total} 个乡镇"
STATUS_STORED_CURRENT = "评分结果已于 {at} 保存，其后没有再导入报送。"
STATUS_STORED_STALE = ("评分结果 {at} 保存之后又导入了 {files}：再运行 xx score -q {quarter} 或 xx report "
                       "会按这些报送重新评分；已发出的报表、发放表请以新结果为准。")
STATUS_STORED_FILE = "{township} {quarter} 第 {version} 版"
STATUS_MISSING_LIST = "未报送：{names}"
STATUS_REFUSED = "已拒收"  # sent, refused, nothing taken yet (as import says it)
STATUS_CHOOSE = "多份待选定"  # several files sent in one run, each refused only for the others
STATUS_CHOOSE_LIST = "送来多份文件、都没有导入的乡镇（由考核办选定一份、把其余的移出后再导入，不用退回乡镇）："
STATUS_CHOOSE_LATER = ("已报送、后来又送来的多份文件只因彼此（或与当前版本的文件同时送来）而没有导入的乡镇（当前版本不变；"
                       "选定要导入的一份，把其余的移出后再导入）：")
STATUS_CHOOSE_ITEM = "  {township}：{files}（{at}）"
STATUS_REFUSED_ITEM = "  {township}：{file}（{at}，错误 {errors} 处）"
STATUS_REFUSED_ITEM_UNKNOWN = "  {file}（{at}，错误 {errors} 处）"
STATUS_REFUSED_PATH = "    文件：{path}"
STATUS_REFUSED_FIRST = "    第一处错误：{first}"
STATUS_REFUSED_LIST = "送来的文件被拒收、还没有重新报送的乡镇："
STATUS_REFUSED_LATER = "已报送、另有送来的文件被拒收的乡镇（当前版本不变）："
STATUS_REFUSED_UNATTRIBUTED = "被拒收、认不出是哪个乡镇的文件："
STATUS_REFUSED_HINT = ("退回问题清单：xx validate 文件 --annotate 退回目录（为每个能读的 .xlsx 文件写出标注了错误单元格的副本；"
                      "不是 .xlsx 的文件请乡镇用 Excel 或 WPS 另存为 .xlsx 后重报）")

DEMO_TEMPLATE_DIR = "模板"
DEMO_RETURN_DIR = "退回"
DEMO_REPORT_NAME = "{county}_{quarter}_考核汇总.xlsx"
DEMO_STEP = "【{n}】{text}"
DEMO_DONE = "演示完成。报表："
DEMO_WORKSPACE = "演示工作区：{root}"

SCORE_TITLE = "{quarter} 村干部星级排名"
SCORE_TITLE_PROVISIONAL = "{quarter} 村干部星级排名（{n} 个乡镇未报送，暂行结果）"  # as the report's titles say it
# 发放(元) is pay plus bonus, as the report's 合计(元): the summary line gives the three sums.
SCORE_COLS = ("排名(全县/乡镇)", "乡镇", "村(社区)", "姓名", "身份证号", "职务", "星级", "综合分", "发放(元)", "变化")
SCORE_COLS_NARROW = ("排名", "乡镇/村", "姓名/职务", "身份证号", "星级", "综合分", "发放(元)")  # 县/乡; the change under the stars
SCORE_NARROW_LEGEND = "排名：全县/乡镇；星级下面是较上季度的变化（↑升、↓降）"  # what the narrow table's columns leave unsaid
SCORE_SUMMARY = (
    "共 {n} 人：定星 {rated} 人，未定星 {unrated} 人，取消评星 {vetoed} 人；"
    "季度报酬合计 {pay:,} 元，集体经济奖励合计 {bonus:,} 元，发放合计 {total:,} 元"
)
SCORE_DIST = "星级分布：{dist}"
SCORE_DIST_ITEM = "{stars}★ {n}人"
EXPLAIN_AMOUNT = "{amount:,} 元"
SCORE_NAMESAKES = ("注意：{n} 名新任人员与上季度同村离开的人员同名、身份证号不同（表中“变化”为“新*”；"
                   "表格只列出前面的名次时加 --limit 0 看全部），可能是某个季度的身份证号填错了："
                   "请用 xx score --quarter {quarter} --explain 身份证号 逐一核对。")
SCORE_MISSING_REFUSED = "其中 {names} 送来过报送表，但被拒收了（哪里有错见 xx status 和 xx validate）；改正后重新导入即可。"
# (the townships with no file imported: not sent, or sent and refused)
EXPLAIN_PROVISIONAL = ("暂行结果：{n} 个乡镇的报送表还没有导入（{names}），它们的完成率按 0 计；"
                       "以下名次、完成率按已导入的计算，报齐后会变。")
SCORE_MISSING = "注意：{n} 个乡镇未报送（{names}）：它们的完成率按 0 计，其村干部不在表中，名次和合计都是暂行的，报齐后会变。"
SCORE_NOT_STORED = "结果未保存：有乡镇未报送。确认无误后加 --allow-missing 保存。"
SCORE_NOT_STORED_READ_ONLY = "结果未保存：数据库是只读的（只读的文件、文件夹或共享目录）。以上结果照常算出，下次在可写的工作区评分时保存。"
SCORE_STORED = "结果已保存（方案版本 {version}，数据核对码 {hash}）。"
SCORE_STORED_PROVISIONAL = "暂行结果已保存（方案版本 {version}，数据核对码 {hash}）：其余乡镇报齐后再运行 xx score 会重算并替换。"
SCORE_UNCHANGED = "输入与上次保存的结果相同，结果未变。"
# A quarter whose stored results were scored by another policy than the workspace's now.
POLICY_LABEL = "《{name}》{version}"
POLICY_LABEL_VERSION = "{version} 版"
POLICY_LABEL_EDITED = "{label}，版本号相同但内容已改动"
REGISTRY_LABEL = "{townships} 个乡镇、{villages} 个村(社区)"
REGISTRY_LABEL_EDITED = "{label}，但村(社区)的名称、归属或类型不同"
SCORE_REGISTRY_KEPT = ("{quarter} 按本季度保存结果时的名录（{used}）计算，工作区现在的名录（{now}）不用于本季度"
                       "（含补报的更正版本）。确需按现在的名录重算并替换保存的结果：xx score --quarter {quarter} --rescore")
IMPORT_REGISTRY_KEPT = ("{quarter} 的报送表按本季度保存结果时的名录（{used}）检查，工作区现在的名录（{now}）"
                        "不用于本季度。确需改用现在的名录：先 xx score --quarter {quarter} --rescore，再导入")
POLICY_LABEL_BROKEN = "{file} 有问题，改好之前不能用：{problem}"
SCORE_POLICY_KEPT = ("{quarter} 按本季度保存结果时所用的考核方案（{used}）计算，工作区现在的方案（{now}）不用于本季度"
                     "（含补报的更正版本）。确需按现在的方案重算并替换保存的结果：xx score --quarter {quarter} --rescore")
IMPORT_POLICY_KEPT = ("{quarter} 的报送表按本季度保存结果时所用的考核方案（{used}）检查，工作区现在的方案（{now}）"
                     "不用于本季度。确需改用现在的方案：先 xx score --quarter {quarter} --rescore，再导入")
POLICY_UNREADABLE = ("{quarter} 保存的结果是按方案 {version} 版算的，但本版本的工具读不出保存的那份方案"
                     "（可能是更新版本的工具保存的），不能按它重算")
POLICY_UNKNOWN_HINT = ("请用保存结果的那个版本的工具查看 {quarter}；确需按工作区现在的方案重算并替换 {quarter} 保存的结果："
                       "xx score --quarter {quarter} --rescore")
POLICY_NOT_RECORDED = ("{quarter} 保存的结果是按方案 {version} 版算的（本工具的旧版本没有记下方案的内容），"
                       "而现在要用的是 {now} 版：不按另一个方案改动已保存的结果")
POLICY_UNKNOWN_HINT_OLD = ("把工作区的 policy.yaml 暂时换回 {version} 版，查看一次 {quarter}（xx score --quarter {quarter}），"
                           "工具就记下这份方案，之后再换回新方案；确需按现在的方案重算并替换 {quarter} 保存的结果："
                           "xx score --quarter {quarter} --rescore")
SCORE_REPLACED = ("注意：全县的结果与 {at} 保存的不同（其间补报了新版本，或改了方案、名录）：发放合计 {old} → {new} 元"
                  "{counts}。{then}")
# … each count that changed (one unchanged is not listed: "定星 1394 → 1394 人", review R125)
SCORE_REPLACED_COUNTS = {"rated": "，定星 {old} → {new} 人", "unrated": "，未定星 {old} → {new} 人",
                         "vetoed": "，取消评星 {old} → {new} 人"}
SCORE_REPLACED_RANKS = ("注意：全县的结果与 {at} 保存的不同（其间补报了新版本，或改了方案、名录）：每名村干部的星级和报酬都没有变化"
                        "（发放合计仍是 {new} 元），变化的是完成率或名次，见下。{then}")
# How SCORE_REPLACED (…_RANKS) ends: this result stored in its place, or not stored (the stored one stays).
SCORE_REPLACED_SAVED = "现在的结果已保存；如已按旧结果发放，请核对差额。"
SCORE_REPLACED_RANKS_SAVED = "现在的结果已保存。"
SCORE_REPLACED_KEPT = "现在的结果未保存，数据库里仍是 {at} 保存的那次；如已按那次的结果发放，请核对差额。"
SCORE_REPLACED_RANKS_KEPT = "现在的结果未保存，数据库里仍是 {at} 保存的那次。"
SCORE_SINCE = "保存那次结果之后导入的报送：{items}{more}"
SCORE_SINCE_ITEM = "{township} {quarter} 第 {version} 版"
SCORE_SINCE_MORE = " 等，另有 {n} 份"
SCORE_CHANGED = "其中星级或报酬有变化的 {n} 人：{items}{more}"
SCORE_CHANGED_ITEM = "{name}（{township} {village}）{before} → {after}"
SCORE_CHANGED_FIGURES = "{stars} {total} 元"
# one side of a change: not in that result (the township had not sent yet, or sent them since)
SCORE_CHANGED_NOT_BEFORE = "（原结果中没有此人）"
SCORE_CHANGED_NOT_NOW = "（现在的结果中没有此人）"
SCORE_CHANGED_MORE = "；另有 {n} 人（xx score --quarter {quarter} --explain 姓名 可看每人的计算）"
SCORE_TOWNS_MOVED = "任务完成率或名次有变化的乡镇 {n} 个：{items}{more}"
SCORE_TOWN_MOVED_ITEM = "{township} {old} → {new}（第 {old_rank} 名 → 第 {new_rank} 名）"
SCORE_TOWNS_MORE = "；另有 {n} 个（xx score --quarter {quarter} --explain 乡镇名 可看计算）"
SCORE_VILLAGES_MOVED = "村级完成率或名次有变化的村(社区) {n} 个（xx score --quarter {quarter} --explain 村名 可看计算）。"
SCORE_NOTHING = "{quarter} 还没有导入任何报送表。请先运行 xx import。"
SCORE_LIMIT = "（仅显示前 {n} 行；加 --limit 0 显示全部，--township 只看某个乡镇，--format json 输出全部明细）"
SCORE_EXPLAIN_EMPTY = "--explain 后面要写身份证号（完整或打码形式）、姓名、乡镇、村(社区)或重点任务编号（如 T01）"
SCORE_PLACE_IN_NEWER_REGISTRY = ("“{arg}”是工作区现在的名录中的{kind}，但 {quarter} 保留了保存结果时所用的名录，那份名录中没有它"
                                 "（它是后来加进名录的）。要按现在的名录重新评 {quarter}：xx score --quarter {quarter} --rescore")
SCORE_VILLAGE_RENAMED_SINCE = ("“{arg}”是 {quarter} 之后由{township}的“{old}”改名而来的（区划代码相同）；{quarter} 保留了"
                               "保存结果时的名录，请写当时的名称：xx score --quarter {quarter} --explain {old}")
PLACE_KIND_TOWNSHIP = "乡镇"
PLACE_KIND_VILLAGE = "村(社区)"
SCORE_NO_CADRE = "找不到“{pid}”：本季度名册中没有这个身份证号（或打码形式、姓名）的村干部，也不是名录中的乡镇、村或方案中的任务编号。"
SCORE_NEAR_ONE = "是不是“{name}”？"  # after SCORE_NO_CADRE: the name nearest to the argument
SCORE_NEAR_MANY = "是不是 {names} 之一？"  # names as near as each other
SCORE_NEAR_SOME = "是不是 {names} 等 {n} 个名称之一？"  # more as near than the message lists
SCORE_MANY_CADRES = ("有 {n} 位村干部符合“{arg}”：{names}。请改用上面列出的某一人的打码号码（打码号码也相同时写完整的身份证号）"
                     "{township}（完整号码可用 xx score --quarter {quarter} --unmask 查看，会记入审计日志）。")
SCORE_MANY_CADRES_TOWNSHIP = "，或加 --township 乡镇 缩小范围"
SCORE_CANDIDATE = "{name}（{township} {village}，{id}）"
SCORE_CANDIDATES_MORE = "；另有 {n} 位未列出，在 {townships}"  # past the ten listed: where, for --township (R106)
EXPLAIN_TITLE = "{name}（{pid}）{township} {village} {position}"
EXPLAIN_STATUS = "状态：{status}；最终星级：{stars}；综合分 {composite}；县排名 {rank_county}，乡镇排名 {rank_township}"
EXPLAIN_PAY = "季度报酬 {pay:,} 元；集体经济奖励 {bonus:,} 元"
EXPLAIN_CHANGE = "较上季度：{kind}（上季度 {before}，本季度 {after}）"
EXPLAIN_NOT_BEFORE = "无此人"
EXPLAIN_MOVED = "上季度在 {township} {village}，本季度调到 {now}"
EXPLAIN_NAMESAKE = ("上季度同村有同名的{name}（身份证号 {pid}），本季度名册中没有：如是同一人，两个季度的身份证号有一个填错了——"
                    "荣誉和扣星记录按身份证号认人，两个号码的记录不会合在一起，请与乡镇核对后改正错的那个季度的报送表并重新导入")
EXPLAIN_UNMASK = "（加 --unmask 可看完整号码，便于对照）"
EXPLAIN_CHANGE_POLICY = "（{previous} 按考核方案（{used}）评星，本季度按（{now}）：升降星有一部分来自方案的改动）"
SCORE_COMPARED_POLICY = ("“较上季度”对比的是 {previous} 按考核方案（{used}）评的星级，本季度按（{now}）评星："
                         "两个方案不同，升降星有一部分来自方案的改动，不全是干部本人的变化")
EXPLAIN_CHANGE_UNSENT = "较上季度：{kind}，无从对比（本季度 {after}）"
EXPLAIN_SOURCE = "来源：{source}"
EXPLAIN_SCORES = "各项评分：{scores}"
CHANGE_SHORT = {"up": "↑{delta}", "down": "↓{delta}", "same": "", "new": "新", "left": "", "rated": "首次定星", "unrated": "未定星",
                "vetoed": "取消评星", "unrated2": "", "vetoed2": "", "restored": "恢复评星", "unsent": "上季未报", "not_sent": "",
                "namesake": "新*", "moved": "调入"}  # a namesake left: see SCORE_NAMESAKES
OPT_LIMIT = "表格最多显示的行数（0 表示全部）"

OPT_SAMPLE = "示例数据目录（默认：当前目录或上级目录中的 sample_data；找不到时自动生成）"
OPT_DEMO_DIR = "演示工作区目录（默认：新建临时目录）"
DEMO_SAMPLE = "示例数据：{path}"
# --sample naming a folder without the demo's quarters (review R142: half a demo was made, then
# "找不到文件或目录：empty/2022Q3")
ERR_DEMO_SAMPLE = ("示例数据目录 {path} 里要有 {quarters} 两个季度的文件夹、各有报送表（faulty 文件夹可有可无），没有运行演示。"
                   "请改正 --sample 的目录；不加 --sample 时在当前目录或上级目录中找 sample_data，找不到就自动生成一份")
DEMO_GENERATED = "未找到 sample_data，已用生成器生成示例数据：{path}"
DEMO_STEPS = {
    "init": "创建工作区",
    "template": "下发 {quarter} 报送表模板（每个乡镇一份）",
    "validate": "校验乡镇报来的有错报送表（faulty/），写出标注问题的副本退回乡镇",
    "import": "导入 {quarter} 报送表",
    "status": "查看 {quarter} 报送情况",
    "score": "{quarter} 评星、排名、计酬",
    "report": "生成 {quarter} 汇总报表",
}

HELP_VERIFY = "检查数据库与归档原件是否完整（外键、当前版本、原件哈希、结构版本）。"
HELP_BACKUP = "把工作区（数据库快照、归档原件、配置）备份为一个文件；导入进行中也可以备份。"
HELP_RESTORE = "从备份文件恢复工作区（会覆盖现有数据，需确认）。"
OPT_YES = "不再询问，直接执行"
INTERRUPTED = ("已中断，本命令可能没有做完：已经写完的文件照常保留，没写完的（报表、模板、标注文件、备份）已删除；"
               "数据库里不会留下做了一半的改动（导入要么整个完成、要么整个撤销）。")
INTERRUPTED_HINT = "需要时重新运行本命令即可。"
VERIFY_OK = "检查通过：数据库结构版本 {version}，{n} 份报送原件完好。"
VERIFY_BAD = "发现 {n} 处问题："
VERIFY_SCHEMA = "数据库结构版本为 {found}，应为 {expected}"
_VERIFY_RESTORE = "请用损坏之前的备份恢复（xx restore 备份文件）；损坏后做的备份同样不能用"
VERIFY_INTEGRITY = "数据库文件已损坏：SQLite 完整性检查发现 {n} 处问题。" + _VERIFY_RESTORE
# the check stops after {n} problems
VERIFY_INTEGRITY_MANY = "数据库文件已损坏：SQLite 完整性检查发现至少 {n} 处问题（查到 {n} 处即停止）。" + _VERIFY_RESTORE
VERIFY_ORPHANS = "表 {table} 中有 {n} 行不属于任何报送版本"
VERIFY_CURRENT = "{township} {quarter} 有 {n} 个当前版本（应为 1 个）"
VERIFY_ARCHIVE_MISSING = "{file} 的归档原件 {path} 不见了"
VERIFY_ARCHIVE_MISSING_SHARED = ("{file} 的归档原件 {path} 不在本工作区：如果是用同一登录名在本县另一个工作区导入的，原件在那个工作区的 "
                                 "archive 目录里（在本工作区再导入一次同一文件即可把原件存到这里）；否则原件已丢失")
VERIFY_ELSEWHERE = ("{n} 份报送的原件不在本工作区（共用数据库上由本县其他考核干部用他们的登录名导入，原件在他们工作区的 "
                    "archive 目录里；未核对）：{names}。在本工作区再导入一次同一文件即可把原件存到这里。")
VERIFY_ELSEWHERE_ITEM = "{file}（{user} 导入）"
VERIFY_ARCHIVE_CHANGED = ("{file} 的归档原件 {path} 已被改动（哈希不符）：用乡镇报来的原文件再 xx import 一次即可修复"
                          "（结果不变）；原文件找不到时，从改动前的备份恢复（xx restore）")
VERIFY_UNREFERENCED = ("归档目录中有 {n} 个文件没有任何报送引用（被强行结束的导入留下的，或恢复备份前的原件；"
                       "其中含身份证号，确认不再需要后请删除）：")
VERIFY_RESTORE_LEFTOVERS = ("工作区里有被强行结束的恢复或备份留下的临时文件夹：{names}（其中是一份数据库，含身份证号；"
                            "没有恢复或备份在进行时可以删除，下次恢复或备份时一小时前的也会自动删除）")
VERIFY_MORE = "\n  ……另有 {n} 个"
VERIFY_ETC = " 等"
BACKUP_DONE = "已备份到 {path}（{size:,} 字节）"
BACKUP_NOT_LOGGED = "工作区是只读的（光盘、只读的 U 盘或网络共享），这次备份没有记入工作区的操作记录；备份文件本身完整。"
BACKUP_INCOMPLETE = ("这份备份不完整：数据库记着的归档原件有 {missing} 份不见了、{changed} 份已被改动（照原样备份），"
                     "运行 xx verify 查看是哪些；有更早的完整备份时请一并保留。")
BACKUP_NOT_SQLITE = ("备份与恢复命令只用于工作区内的 SQLite 数据库；服务器上的 PostgreSQL 请由管理员用 pg_dump / pg_restore 备份"
                     "（它备份和恢复整个数据库：多县共用时，恢复会连同其他县的数据一起回到备份时的样子）。"
                     "本工作区 archive 文件夹里的报送原件不在数据库里，请另行复制备份。")
BACKUP_NOT_OWN = ("备份与恢复命令只用于只有本工作区数据的 SQLite 数据库；本工作区的数据库文件与别的工作区或别的县共用"
                  "（xx.yaml 的 database_url，或别的县的工作区用 --db 指向了这个文件），整个文件里还有它们的数据，请由管理员统一备份。")
RESTORE_CONFIRM = "将用 {path} 覆盖工作区 {root} 的全部数据，确定吗？"
# What a restore replaces, said before it is confirmed (review R63: an empty backup over a year's data
# asked the same question).
RESTORE_WHAT = "备份中（{made} 备份）：{backup}\n工作区现有：{current}（恢复后另存在 before-restore-时间 文件夹中）"
RESTORE_MADE_UNKNOWN = "时间不明"
RESTORE_LOSES = "恢复后，备份之后的这些将不再在工作区里（仍在 before-restore-时间 文件夹中，恢复记录里也会写明）："
RESTORE_LOST_VERSION = "  {township} {quarter} 第 {version} 版（{file}，{at} 导入）"
RESTORE_LOST_RUN = "  {quarter} 的评分结果（{at} 保存；据此写出的报表与恢复后的结果可能不同）"
RESTORE_LOST_MORE = "  另有 {n} 项"
RESTORE_HOLDINGS = "{county}{quarters}"
RESTORE_QUARTER = "{quarter} {n} 个乡镇"
RESTORE_NOTHING = "没有已导入的报送表"
RESTORE_OTHER_COUNTY = "注意：备份是 {backup} 的，这个工作区是 {current} 的；恢复后工作区成为 {backup} 的。"
RESTORE_DONE = "已从 {path} 恢复，归档原件 {n} 份。"
RESTORE_KEPT = "恢复前的数据库、配置和考核方案已另存在 {path}（恢复错了可用它找回）；备份之后的 {n} 条审计记录已保留。"
RESTORE_CANCELLED = "已取消，未做改动。"
CONFIRM_CHOICES = " [是/否，直接回车为否]"
CONFIRM_YES = frozenset({"是", "是的", "好", "确定", "对", "y", "yes"})
CONFIRM_NO = frozenset({"否", "不", "不是", "取消", "n", "no"})
CONFIRM_AGAIN = "没看懂“{answer}”：请回答“是”或“否”（也可以写 y 或 n）"
RESTORE_NOT_BACKUP = "{path} 不是 xx backup 生成的备份文件"
BACKUP_DAMAGED = ("数据库文件已损坏（SQLite 完整性检查未通过），没有写出备份：这样的备份恢复后同样不能用。"
                  "请用损坏之前的备份恢复：xx restore 备份文件")
RESTORE_DAMAGED_DB = "备份 {path} 里的数据库已损坏（SQLite 完整性检查未通过），没有恢复，工作区没有任何改动；请换一份备份"
RESTORE_DAMAGED = "备份文件 {path} 已损坏（内容校验不通过，可能没有复制完整），没有做任何改动；请换一份备份"
ERR_PATH_IS_DIR = "{path} 是目录，请给出文件名"
