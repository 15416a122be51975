"""Catalogue of every diagnostic code: Chinese title, message template and hint.

Templates are filled with ``str.format`` from the diagnostic's context (pydantic's
``type``/``msg``/``ctx`` pattern). Every ``Code`` member must have an entry here; a test
checks that.
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    title: str
    template: str
    hint: str


CATALOGUE: dict[str, Entry] = {
    # --- policy file -------------------------------------------------------------
    "policy-unreadable": Entry("考核方案无法读取", "无法读取考核方案文件：{reason}",
                               "请确认文件为 UTF-8 编码的 YAML、TOML 或 JSON（别的编码：用记事本打开，“另存为”时编码选 UTF-8）；"
                               "改好后可用 xx policy check 文件 再检查一次，"
                               "或从备份取回原来的文件"),
    "file-is-report": Entry("这是考核结果，不是报送表", "这个工作簿是 xx report 生成的考核结果（工作表“{name}”等），不是乡镇的报送表",
                            "不用导入：请把它从收件文件夹移走（导入时跳过，不算任何乡镇被拒收）"),
    "policy-syntax": Entry("考核方案写法有误", "无法读取考核方案文件：{reason}",
                           "按说明改正这一行（{rules}）；改好后可用 xx policy check 文件 再检查一次，或从备份取回原来的文件"),
    "policy-missing": Entry("工作区的考核方案文件不见了", "工作区里没有考核方案文件 {name}（xx init 时放入，之后被移走或删除）",
                            "从备份或别处取回这个文件放回工作区；或用 xx init 工作区目录 --policy 本县方案文件 重新放入"
                            "（不加 --policy 放入的是示例方案）。已结账的季度照旧按保存结果时的方案显示"),
    "policy-invalid": Entry("考核方案字段有误", "字段 {field}：{reason}", ("请对照 xx policy export 导出的方案修改（在工作区里导出的是本县现用的方案，在工作区外是示例方案；"
                                                                       "工作区的方案文件本身有误时请在工作区外导出，或对照工作区 policies 文件夹里换下的方案）")),
    "policy-duplicate-id": Entry("编号重复", "编号 {id} 重复出现", "每个任务、举措的编号必须唯一"),
    "policy-unknown-task": Entry("举措引用了不存在的任务", "举措 {measure} 引用了不存在的任务 {task}", "请检查举措的 tasks 列表"),
    "policy-unknown-area": Entry("方面名称未定义", "{kind} {id} 的方面“{area}”未在方面列表中定义", "请在 task_areas / measure_areas 中添加该方面或改正名称"),
    "policy-unserved-task": Entry("任务没有举措支撑", "任务 {task} 没有任何举措服务", "每项重点任务至少要有一条落实举措"),
    "policy-count-mismatch": Entry("数量与声明不符", "{kind}声明 {declared} 项，实际 {actual} 项", "请核对 counts 声明或补齐条目"),
    "policy-pay-missing": Entry("薪酬标准缺少职务", "薪酬标准缺少职务“{position}”", "pay.annual 必须列出全部职务"),
    "policy-k-missing": Entry("绩效系数缺少星级", "绩效系数缺少 {stars} 星", "pay.k_by_stars 要给 star_rules 的 min_stars 至 max_stars 之间的每个星级各写一个系数"),
    "policy-rule-invalid": Entry("规则中的数字或写法有误", "方案规则：{reason}", "请按说明修改考核方案中的这一项，改好后用 xx policy check 再检查一次"),
    "policy-rule-unused": Entry("规则有一部分不起作用", "方案规则：{reason}",
                                "方案仍可使用；如这不是本意，请修改这一项，改好后用 xx policy check 再检查一次"),
    # --- registry ------------------------------------------------------------------
    "registry-unreadable": Entry("名录文件无法读取", "无法读取名录文件：{reason}", "请提供 .xlsx 或 UTF-8/GBK 编码的 .csv 文件"),
    "registry-missing-column": Entry("名录缺少必填列", "缺少列“{column}”", "名录需要列：乡镇 | 村(社区) | 类型 | 区划代码(可选)"),
    "registry-no-header": Entry("找不到名录的表头", "{where}的前 {rows} 行中没有同时写着“乡镇”和“村(社区)”的表头行",
                                "名录需要一行表头：乡镇 | 村(社区) | 类型 | 区划代码(可选)，表头上方可以有标题"),
    "registry-empty-name": Entry("名称为空", "{column}为空", "请填写名称，或删除该空行"),
    "registry-bad-type": Entry("类型无法识别", "类型“{value}”无法识别", "类型只能填“村”或“社区”"),
    "registry-blank-type": Entry("类型为空", "类型为空，从名称“{village}”也看不出是村还是社区", "请填写“村”或“社区”"),
    "registry-duplicate": Entry("村(社区)重复", "“{township} {village}”重复出现（首次出现在第{first_row}行）", "同一乡镇内村(社区)名称不能重复"),
    "registry-bad-code": Entry("区划代码格式不对", "区划代码“{value}”不是 12 位数字",
                               "村(社区)的统计用区划代码是 12 位数字（县的 6 位代码、乡镇 3 位、村 3 位）；显示成 1.4E+11 这样的是 Excel 把它当成了数字，"
                               "请把该列设为“文本”格式后重新填写，或留空"),
    "registry-codes-as-numbers": Entry("区划代码被 Excel 变成了数字",
                                       "区划代码列有 {count} 行显示成“{value}”这样的科学计数法（从第{first_row}行起），后几位已被四舍五入丢失",
                                       "请把该列设为“文本”格式后重新填写（或从原始文件复制时选“文本”），或整列留空"),
    "registry-duplicate-code": Entry("区划代码重复", "区划代码 {value} 重复出现（首次出现在第{first_row}行）", "区划代码必须唯一"),
    "registry-drops-township": Entry("名录缺少已有数据的乡镇", "新名录中没有“{township}”，但已导入了它 {quarters} 的报送",
                                     "请在名录中保留该乡镇；确需删除（如乡镇撤并）时用 xx registry import {path} --force 导入，"
                                     "其已导入的数据仍会参加评分"),
    "registry-drops-village": Entry("名录缺少已有数据的村(社区)", "新名录的“{township}”中没有{villages}，但已导入的名册中有这些村(社区)的村干部",
                                    "请在名录中保留这些村(社区)；确需删除或划转时用 xx registry import {path} --force 导入："
                                    "这些村干部仍会评星计酬；这些季度再评分时，删除的村不再计入完成率和村排名，"
                                    "划走的村计入新乡镇、按未填报计 0"),
    "registry-empty": Entry("名录为空", "名录中没有任何村(社区)", "请检查文件内容"),
    "registry-empty-file": Entry("名录文件为空", "文件是空的，没有任何内容", "请确认选的是名录文件，且已保存"),
    "registry-other-county": Entry("名录像是别的县的", "名录里的区划代码都以 {prefix} 开头，而本工作区是{county}（{county_code}）",
                                   "如果这不是本意，请把本县的名录再导入一次（xx registry import 名录文件）；如果本县代码写错了，请为本县另建工作区"
                                   "（xx init 目录 --county 县名 --county-code 代码）"),
    "registry-other-counties": Entry("名录是几个县的", "名录里的区划代码分属 {n} 个县（{prefixes}），没有一个是本工作区{county}（{county_code}）的",
                                     "报表、工资表都按工作区的名称（{county}）署名；几个县一起考核时，请为这个范围另建工作区，"
                                     "名称和代码写包含这几个县的市（或省）的{example}，再导入这份名录"),
    "registry-near-twins": Entry("名录中两个村(社区)只差一个“村”“社区”字样",
                                 "“{township}”中既有“{short}”又有“{long}”",
                                 "报送表里写“{short}”的村干部会算作“{short}”，不会算作“{long}”；"
                                 "如确是两个村(社区)可照常使用，否则请删去多出的一行后重新导入名录"),
    "registry-village-renamed": Entry("村(社区)改名", "“{township} {village}”（区划代码 {village_code}）在新名录中改名为“{renamed}”",
                                      "已导入的“{village}”的数据算作“{renamed}”，计入它的完成率和村排名；"
                                      "今后的报送请填新名称（下季度的模板已按新名称预填）"),
    "registry-name-reused": Entry("改名的村(社区)原名给了另一个村",
                                  "“{township} {village}”（区划代码 {old_code}）在新名录中改名为“{renamed}”，"
                                  "而新名录另有一个“{village}”（区划代码 {other_code}）",
                                  "已导入的“{village}”村干部按名称算在新的“{village}”；如他们属于“{renamed}”，"
                                  "请乡镇在下次报送的名册中改写村名"),
    "registry-type-differs": Entry("类型与名称不符", "“{township} {village}”的类型写的是“{kind}”，名称看起来是{told}",
                                   "村和社区分开排名；请核对类型，写错了就改正后重新导入名录"),
    # --- workbook files ------------------------------------------------------------
    "file-not-found": Entry("文件不存在", "找不到文件", "请检查路径是否正确"),
    "file-not-xlsx": Entry("不是 .xlsx 工作簿", "文件不是有效的 .xlsx 工作簿（{kind}）", "请用 Excel 或 WPS 打开后“另存为 Excel 工作簿(*.xlsx)”再报送"),
    "file-not-a-table": Entry("不是工作簿", "文件是 {kind}，不是 Excel 工作簿：扫描件、照片和文档里的数据无法读取",
                              "请乡镇用下发的报送表模板（xx template 生成）填写，报送 .xlsx 工作簿本身；"
                              "盖章的纸质件可另行留存"),
    "file-archive": Entry("是压缩包", "文件是 {kind}，不是工作簿{inside}：导入和校验不会打开压缩包",
                          "请先解压，再导入或校验解压出来的 .xlsx 文件"),
    "file-encrypted": Entry("工作簿设有密码", "工作簿设有打开密码，无法读取", "请取消密码（文件 › 信息 › 保护工作簿）后另存为 .xlsx 再报送"),
    "file-unreadable": Entry("文件无法读取", "无法读取文件：{reason}", "如文件正在 Excel 或 WPS 中打开，请先关闭再重试；或检查该文件的访问权限"),
    "file-corrupt": Entry("工作簿已损坏", "工作簿已损坏或不完整：{reason}", "请重新保存或重新导出后再报送"),
    "file-value-unreadable": Entry("工作簿里有读不出的值",
                                   "工作表“{name}”里有读不出的单元格值，文件较大，无法逐格找出是哪一格",
                                   "多半是设了日期格式的单元格里填了超出日期范围的数（Excel 里显示为 ####）："
                                   "请在该工作表里找到这样的单元格，改正后再报送"),
    "file-too-large": Entry("工作簿超出限制", "工作簿超出安全限制：{reason}", "报送表不应有如此多的数据，请检查是否误粘贴了大量内容"),
    "file-unsafe": Entry("工作簿含不安全内容", "工作簿含有不安全的 XML 内容（{reason}）", "请用 Excel 或 WPS 重新另存为 .xlsx 后报送"),
    "file-township-mismatch": Entry("文件名与乡镇不符", "文件名含“{written}”，但基本信息中的乡镇是“{township}”（各村(社区)待乡镇确定后再核对）",
                                    "是{named}的表就把基本信息的乡镇改为“{named}”，否则更正文件名"),
    "duplicate-submission-current": Entry("同一乡镇另有一个文件", "本次同时提交了同一乡镇的 {other}，它与已导入的当前版本相同，"
                                          "无法判断本文件是更正后的新版本还是旧版本",
                                          "如本文件是更正后的新版本，请把 {other} 移出文件夹后重新导入，或只导入本文件；"
                                          "如本文件是旧版本，请把它移出文件夹"),
    "duplicate-copy": Entry("同一文件的两份副本", "与本次一同提交的 {other} {how}",
                            "只读取 {other}，本文件不再导入；可以把本文件从收件箱删去"),
    "duplicate-submission-old": Entry("旧版本", "本文件与{township}已导入的第 {version} 版完全相同，那一版后来已被更正后的版本取代",
                                      "这是旧版本，未导入（放在收件文件夹里的请移出）；如确实要改回第 {version} 版，请加 --revert 单独导入本文件"),
    "duplicate-submission": Entry("同一乡镇重复报送", "本次同时提交了同一乡镇的多个文件（另见 {other}）",
                                  "请向乡镇确认哪一份是要报送的版本，把其余的移出收件文件夹后再导入（表本身没有错误的，不用退回乡镇）"),
    # --- sheets and headers --------------------------------------------------------
    "missing-sheet": Entry("缺少工作表", "缺少工作表“{name}”（本文件的工作表：{present}）",
                           "请使用县里下发的标准模板（缺的工作表可从模板里复制过来），不要删除或改名工作表；"
                           "已有这张表而名称不同的，请把它改名为“{name}”"),
    "column-earlier-period": Entry("列标题写的是别的季度", "“{value}”标明是{period}的，找不到本季度的“{label}”列",
                                   "如果这一列填的是本季度的数据，请把列标题改为“{label}”；如果是{period}的，请换成本季度的"),
    "missing-column": Entry("缺少必填列", "在前 15 行中找不到列“{column}”", "请使用标准模板的表头，不要删除或改名列"),
    "missing-info": Entry("基本信息缺项", "基本信息缺少“{key}”", "请在基本信息表中填写{key}"),
    # --- 基本信息 --------------------------------------------------------------------
    "unknown-township": Entry("乡镇不在名录中", "乡镇“{value}”不在行政区划名录中", "请从名录中的 {count} 个乡镇名称中选择{suggest}"),
    "quarter-invalid": Entry("考核季度格式有误", "考核季度“{value}”无法识别", "请写成 {example} 或 {year}年第{q}季度"),
    "quarter-mismatch": Entry("考核季度不符", "考核季度为 {value}，本次要求 {expected}",
                             "请确认报送的是 {expected} 的表：是就把基本信息的考核季度改为 {expected}；这份就是 {value} 的表的，"
                             "不算本季度的报送（考核办把它移出本季度的文件夹，另用 -q {value} 校验或导入）"),
    "quarter-file-imported": Entry("这是已导入的另一季度的表",
                                   "考核季度为 {value}，本次要求 {expected}：这份文件与已导入的{township} {value} 第 {version} 版完全相同",
                                   "不用退回乡镇：把它从 {expected} 的文件夹移走即可（导入时会跳过它）；{township} {expected} 的表还要另报"),
    # --- cells ---------------------------------------------------------------------
    "required-missing": Entry("必填项为空", "“{column}”为空", "请填写该单元格"),
    "id-invalid-length": Entry("身份证号位数不对", "身份证号应为 18 位，填写的是 {length} 位", "请核对身份证原件"),
    "id-old-15": Entry("身份证号是旧的 15 位号码", "身份证号是 15 位的第一代号码", "请填写本人现在的 18 位身份证号（第二代身份证上的号码）"),
    "id-two-in-cell": Entry("一格写了两个身份证号", "身份证号一格里写了两个号码", "一格只填一个人的身份证号：每人一行"),
    "id-bad-char": Entry("身份证号格式有误", "身份证号第 {pos} 位是“{char}”，不是 0–9 的数字",
                         "身份证号为 17 位数字加 1 位数字或 X（字母 O 请改成数字 0，字母 I、l 请改成数字 1）"),
    "id-invalid-format": Entry("身份证号格式有误", "身份证号含非法字符", "身份证号为 17 位数字加 1 位数字或 X"),
    "id-checksum": Entry("身份证号校验位错误", "身份证号的末位（校验位）与前 17 位对不上：按前 17 位算应为 {expected}，填写为 {actual}；"
                         "多半是前 17 位中有数字填错", "请对照身份证原件逐位核对全部 18 位，不要只改最后一位"),
    "id-birth-date": Entry("身份证号出生日期不存在", "出生日期 {birth} 不可能（不存在、早于 1900 年或晚于今天）", "请核对身份证原件"),
    "id-area": Entry("身份证号地区码无效", "前 6 位地区码 {area} 不是有效的行政区划代码", "请核对身份证原件"),
    "id-number-rounded": Entry("身份证号被 Excel 转成了数字", "身份证号被保存为数字 {value}，已丢失末尾数位", "请把该列设置为“文本”格式后重新输入身份证号"),
    "roster-empty": Entry("村干部名册为空", "村干部名册中没有任何村干部（像是还没有填写的模板）", "请按表头填写本乡镇全部村干部和各表内容后再报送"),
    "duplicate-person": Entry("人员重复", "身份证号 {pid} 在本表出现多次（另见第{other_row}行）", "同一人只能填写一行{joint}"),
    "person-in-two-townships": Entry("人员出现在两个乡镇", "身份证号 {pid} 同时出现在 {other}",
                                       "请与相关乡镇核实此人的任职所在地；不在本乡镇任职的，删去名册中的这一行，其他表中此人的行一并删除"),
    "unknown-village": Entry("村(社区)不在本乡镇名录中", "“{value}”不是{township}的村(社区)", "请从下拉列表中选择本乡镇的村(社区){suggest}"),
    "unknown-position": Entry("职务无法识别", "职务“{value}”无法识别", "职务只能是：{allowed}"),
    "position-departed": Entry("职务写的是已离任", "职务写的是“{value}”：此人已不在任，不能计星计酬",
                               "已离任的人员请删除整行，并删除其他表中此人的行（如六大体系评分）；仍在任的请填职务：{allowed}"),
    "position-vacant": Entry("职务注明空缺，却填了人员", "职务写的是“{value}”，说的是这个职务空缺，这一行却有姓名和身份证号：不能确定此人是否在任",
                             "此人在任的，请删去“{note}”字样；职务确实空缺的，姓名写“空缺”并删去身份证号（这一行不计星计酬）"),
    "position-leaves-later": Entry("考核期后离任", "职务“{value}”括号中的说明是考核期末（{period_end}）以后的事，本季度照常按{post}计星计酬",
                                   "仅供核对，不影响导入；下季度的名册请按那时的实际任职填写"),
    "position-note-change": Entry("职务的说明提到任职变动", "职务“{value}”括号中的“{note}”像是说任职有变动；本季度仍按{post}计星计酬",
                                  "请核实：仍担任{post}的，职务只填“{post}”即可；本季度已不在任的，请删除整行，"
                                  "并删除其他表中此人的行（如六大体系评分）"),
    "position-given-up": Entry("兼任的两个职务辞去了一个", "职务“{value}”括号中的“{note}”表示已不担任{gone}，不能按{joint}计星计酬",
                               "仍担任{kept}的，职务请改写为“{kept}”（报酬按{kept}计）；两个职务都已不担任的，请删除整行，"
                               "并删除其他表中此人的行（如六大体系评分）"),
    "position-two-posts": Entry("职务写了两个", "职务“{value}”写了两个职务（{posts}），报酬只按一个职务计算",
                                "请只填报酬按其计算的那一个职务；职务只能是：{allowed}"),
    "unknown-level": Entry("级别无法识别", "级别“{value}”无法识别", "级别只能是：{allowed}"),
    "unknown-measure": Entry("措施无法识别", "措施“{value}”无法识别", "措施只能是：{allowed}"),
    "outcome-for-measure": Entry("措施栏填的是处理结果", "“{value}”是{measure}的处理结果，不是措施",
                                 "措施填“{measure}”，处理结果填“{value}”（措施只能是：{allowed}）"),
    "unknown-outcome": Entry("处理结果无法识别", "处理结果“{value}”无法识别", "{measure}的处理结果只能是：{allowed}"),
    "unknown-status": Entry("完成状态无法识别", "完成状态“{value}”无法识别", "完成状态只能是：{allowed}"),
    "status-percent": Entry("完成状态填的是百分比", "完成状态“{value}”是百分比，不是完成状态",
                            "完成状态只能是：{allowed}；完成的比例请写在“完成值”栏（如完成状态填推进中，完成值填 {value}）"),
    "status-note-doubts": Entry("完成状态与后面的说明不符", "完成状态“{value}”写的是{status}，后面的说明却与此不符（没有全部完成，或只是计划、待定）",
                                "全部完成的只填“{status}”；没有全部完成的按实际情况填写，只能是：{allowed}（情况写在“说明”栏）"),
    "level-note-check": Entry("荣誉级别的说明请核对", "级别“{value}”按{level}计星，后面的说明请核对是否已正式授予",
                              "已正式授予的只填级别；还在推荐、公示、审批中的，或已撤销的，不要填在本表"),
    "level-several": Entry("级别写了几种", "级别“{value}”写了 {count} 种：{levels}，不知道按哪一种计",
                           "一项荣誉只填授予它的那一级（只能是：{allowed}）；几项荣誉请每项各填一行"),
    "measure-several": Entry("措施写了几种", "措施“{value}”写了 {count} 种：{measures}，不知道按哪一种计",
                             "一行只填一个降星事项；几个事项请每个各填一行"),
    "outcome-not-in-force": Entry("看不出处分是否已生效", "处理结果“{value}”的说明“{note}”看不出处分是否已经批准生效",
                                  "处分已批准生效的，处理结果只填处分（如“{outcome}”），经过和情况写在“情形”栏；"
                                  "还没有批准或暂缓执行的，生效后再填"),
    "outcome-several": Entry("处理结果写了几种", "处理结果“{value}”写了 {count} 种：{outcomes}，不知道按哪一种计",
                             "同一次违纪受到几种处分的，处理结果只填最重的一种（这里写到的最重的是“{heaviest}”），其余写在“情形”栏；"
                             "几次不同的违纪请每次各填一行；以前受过的处分不要写在这一格"),
    "outcome-note-check": Entry("处理结果的说明请核对", "处理结果“{value}”按“{outcome}”计，后面的说明请核对",
                                "如处分经复查、申诉后改变或撤销，请填写现在有效的处理结果后重新报送"),
    "status-note-check": Entry("完成状态的说明请核对", "完成状态“{value}”按{status}计分，但后面的说明看不出是否全部完成",
                               "如果没有全部完成，请按实际情况改写完成状态后重新报送；情况说明请写在“说明”栏"),
    "status-note-higher": Entry("完成状态比后面的说明低", "完成状态“{value}”按{status}计分，后面的说明却说已经完成",
                                "如果已经全部完成，请把完成状态改为“{top}”后重新报送；否则可不改"),
    "status-note-other": Entry("完成状态与后面的说明不一致", "完成状态“{value}”按{status}计分，后面的说明却说是{other}",
                               "如果实际是{other}，请把完成状态改为“{other}”后重新报送（情况写在“说明”栏）；否则可不改"),
    "status-value-differs": Entry("完成值与完成状态不符", "完成状态是{status}，完成值却写的是 {value}",
                                  "按完成状态计分；请核对，如没有全部完成，请把完成状态改为实际的状态后重新报送"),
    "status-ambiguous": Entry("完成状态含糊", "完成状态“{value}”分不清是已经开展、尚未完成，还是还没有启动，两者计分不同",
                              "请改写为：{allowed}"),
    "measure-title-for-id": Entry("举措编号写成了名称", "“{value}”是举措 {measure} 的名称，这一列要填编号", "请填写 {measure}"),
    "village-list": Entry("一格写了多个村(社区)", "举措 {measure} 的一格里写了多个村(社区)“{value}”",
                          "村级举措每个村(社区)各填一行，各写各的完成状态"),
    "task-id-for-measure": Entry("举措编号写成了重点任务编号", "“{value}”是重点任务 {task} 的编号，这一列要填举措编号",
                                 "服务重点任务 {task} 的举措是 {measures}：请按举措逐行填写"),
    "unknown-measure-id": Entry("举措编号不存在", "举措编号“{value}”不在考核方案中", "请从下拉列表中选择举措编号（{first}–{last}{count}）{suggest}"),
    "village-only-above": Entry("村(社区)只填在了第一行", "“村(社区)”为空（上面一行是“{village}”）",
                                "同一村(社区)的每一行都要填写村名，不能只填第一行；请把村名补到每一行（也可以把同村的单元格合并）"),
    "village-only-above-measure": Entry("村(社区)只填在了第一行", "举措 {measure} 为村级举措，“村(社区)”为空（上面一行是“{village}”）",
                                        "同一村(社区)的每一行都要填写村名，不能只填第一行；请把村名补到每一行（也可以把同村的单元格合并）"),
    "measure-only-above": Entry("举措编号只填在了第一行", "“举措编号”为空（上面一行是“{measure}”）",
                                "每一行都要填写举措编号，不能只在一项举措的第一行填；请把编号补到每一行（也可以把同一举措的单元格合并）"),
    "village-required": Entry("村级举措缺少村(社区)", "举措 {measure} 为村级举措，必须填写村(社区)", "请为每个村(社区)各填一行"),
    "village-not-expected": Entry("乡镇级举措填写了村(社区)", "举措 {measure} 为乡镇级举措，不应填写村(社区)“{value}”", "乡镇级举措的村(社区)列请留空"),
    "duplicate-progress": Entry("任务进度重复", "举措 {measure}{village} 重复填写（另见第{other_row}行）", "每个举措（村级举措每个村）只填一行"),
    "progress-repeated": Entry("任务进度重复填写", "举措 {measure}{village} 与第{other_row}行完全相同（完成状态、完成值、说明都一样），只按一行计",
                               "如是重复粘贴，请删去一行"),
    "score-not-number": Entry("评分不是数字", "“{column}”的评分“{value}”不是数字", "评分填写 {min}–{max} 的数字"),
    "score-in-chinese-numerals": Entry("评分写成了汉字", "“{column}”的评分“{value}”是用汉字写的，不是数字",
                                       "请改写成数字 {number}（评分填写 {min}–{max} 的数字）"),
    "score-out-of-range": Entry("评分超出范围", "“{column}”的评分 {value} 不在 {min}–{max} 之间", "评分填写 {min}–{max} 的数字"),
    "income-in-chinese-numerals": Entry("收入写成了汉字", "“{column}”的值“{value}”是用汉字写的，不是数字",
                                        "请改写成数字 {number}（单位见表头）"),
    "number-invalid": Entry("数值有误", "“{column}”的值“{value}”不是有效数字", "请填写数字，单位见表头"),
    "number-implausible": Entry("收入数额过大", "“{column}”读作 {amount} 万元，超过了 {most} 万元（1 亿元），像是按“元”填写的",
                                "请按万元填写：如确是 {amount} 元，请填 {meant}"),
    "number-large": Entry("收入数额很大", "“{column}”为 {amount} 万元，超过 {most} 万元，远高于一般村的集体收入",
                          "请核实是否误按“元”填写（598000 元应填 59.8 万元）；如确为此数可不改"),
    "number-negative": Entry("收入不能为负数", "“{column}”为 {value}，收入不能为负数", "请填写实际收入（万元），没有收入填 0"),
    "date-month-lost": Entry("日期被存成了数字", "“{column}”的“{value}”被 Excel 存成了数字，2015.10 和 2015.1 存成同一个数，无法判断是 1 月还是 10 月",
                             "请写成 2015-10-01 或 2015年10月，或先把该列设为“文本”格式再填写"),
    "columns-shifted": Entry("数据与表头错开了一列", "“{label}”列有 {n} 行填的是身份证号或日期：这张表的数据很可能整体错开了一列",
                             "请检查是否在数据区插入或删除了单元格（而不是整行、整列），把数据移回与表头对齐；下面各列的错误多半由此而来"),
    "date-impossible": Entry("日期不存在", "“{column}”的日期“{value}”不存在：{why}", "请核对后改正，写成 2015-03-01 或 2015年3月 这样的形式"),
    "date-invalid": Entry("日期无法识别", "“{column}”的日期“{value}”无法识别", "请写成 2015-03-01 或 2015年3月 这样的形式"),
    "date-after-period": Entry("日期晚于考核期末", "“{column}”为 {value}，晚于考核期末 {period_end}",
                               "请改正日期（不能晚于考核期末）；此人如是期末以后才任职的，本季度不列入名册，请删去这一行和此人的评分行"),
    # as date-after-period, in a file whose name names a later quarter the date is within: the
    # quarter may be the slip, not the row (review R107: two cadres to delete, the fix one cell)
    "date-after-period-named": Entry("日期晚于考核期末", "“{column}”为 {value}，晚于考核期末 {period_end}（基本信息的考核季度是 {quarter}）",
                                     "文件名写的是 {named}：如这是 {named} 的表，请先把基本信息的考核季度改为 {named}，这一行就不用改；"
                                     "如确是 {quarter} 的表，请改正日期，期末以后才任职的人本季度不列入名册"),
    "info-contact-missing": Entry("基本信息未填联系人", "基本信息中没有填写{keys}", "请填写，便于县里就本表联系核实（不影响导入）"),
    "age-implausible": Entry("年龄不合常理", "身份证号的出生日期是 {birth}，到考核期末已满 {age} 周岁", "请核对身份证号（常见为出生年份输错）"),
    "start-before-18": Entry("任职时未满18周岁", "任职起始日期 {value} 时此人未满 18 周岁（出生于 {birth}）", "请核对任职起始日期和身份证号"),
    "outcome-required": Entry("缺少处理结果", "{measure}事项必须填写处理结果", "处理结果只能是：{allowed}"),
    "economy-duplicate": Entry("村集体经济重复", "“{village}”的集体经济数据重复填写（另见第{other_row}行）", "每个村(社区)只填一行"),
    "not-on-roster": Entry("人员不在名册中", "身份证号 {pid}{who} 不在村干部名册中",
                           "请先在村干部名册中登记此人，或核对身份证号；如此人已离任、已从名册删去，请把这一行也删除"),
    "roster-id-pending": Entry("名册中此人的身份证号有误", "{name}在村干部名册第{roster_row}行的身份证号有误或没有填，本行暂时无法与名册核对",
                               "请先改正或填上名册第{roster_row}行的身份证号（本行的号码如果是对的，就不用改）"),
    "roster-name-only-pending": Entry("名册中此人的行只填了姓名",
                                      "{name}在村干部名册第{roster_row}行只填了姓名，本行暂时无法与名册核对",
                                      "按名册第{roster_row}行的提示处理：此人已不在任的，连同本行一起删除；仍在任的，补填名册那一行"),
    "economy-missing-bonus": Entry("缺少村集体经济数据", "“{village}”没有村集体经济数据（没有这一行，或两项收入都为空）：{quarter} 该村{positions}的集体经济奖励按 0 元计",
                                   "如该村有集体收入，请补填上年收入和本年累计收入后重新报送；没有收入填 0"),
    "sheet-copy-differs": Entry("有两张同样的工作表", "“{name}”和“{copy}”都是这张表，内容却不同，无法确定哪一张是本季度的",
                                "请删除旧的那张，只保留本季度的一张并命名为“{name}”"),
    "sheet-misnamed-several": Entry("工作表名称不对", "没有名为“{name}”的工作表，但有 {similar}，不知道哪一张是本季度的",
                                    "请把本季度的那一张改名为“{name}”，并删除其余的"),
    "sheet-misnamed": Entry("工作表名称不对", "没有名为“{name}”的工作表，但有“{similar}”",
                            "如果“{similar}”就是{name}，请把它改名为“{name}”"),
    "formula-external": Entry("数值取自另一个文件", "“{column}”是公式 {value}，值取自另一个文件（{books}）；本表共 {n} 格这样取值，"
                              "读入的是本文件保存时的结果",
                              "如果那个文件后来改过，请在 Excel 或 WPS 里更新链接（数据 › 编辑链接）后保存；最好把这些公式换成数值"
                              "（复制后“选择性粘贴 › 数值”）再报送"),
    "cell-error": Entry("单元格显示公式错误", "“{column}”显示的是 {value}：公式出错，没有可以读取的值",
                        "请检查这个单元格的公式（如 VLOOKUP 没有找到对应的人或村），或者直接填写内容"),
    "score-scale": Entry("评分的满分与考核方案不符", "表头写明满分 {value} 分，而考核方案的体系评分是 {min}–{max} 分",
                         "请按 {min}–{max} 分填写各体系得分并改正表头；不能换算的请与考核办联系"),
    "fill-date-future": Entry("填报日期晚于今天", "填报日期“{value}”晚于今天（{today}）", "请核对填报日期"),
    "fill-date-early": Entry("填报日期早于考核季度", "填报日期“{value}”早于 {quarter} 的第一天（{start}）",
                             "基本信息是不是从以前的表里粘贴过来的？请核对考核季度、填报人、联系电话和填报日期"),
    "income-blank": Entry("收入未填写", "“{column}”为空：该村按没有村集体经济数据计（发放奖励的季度没有奖励）", "没有收入请填 0"),
    "number-in-yuan": Entry("收入按元填写", "“{value}”是按元填写的，本表的收入按万元填写",
                            "如确是 {value}，请填 {amount}（元数除以 10000）；如本意是万元，去掉“元”字即可"),
    "number-format-yuan": Entry("收入单元格的格式以元为单位",
                                "“{column}”这一格的数字格式把 {value} 显示成以元为单位（格式里写的是元，不是万元）",
                                "本表的收入按万元填写：请把这一格的格式改为“常规”，再按万元填写"),
    "number-format-scaled": Entry("收入单元格的格式把数缩小了显示",
                                  "“{column}”这一格存的是 {value}，数字格式却把它除以 1000 显示（格式末尾有逗号），看到的数与存的不同",
                                  "本表的收入按万元填写：请把这一格的格式改为“常规”，再按万元填写"),
    "column-in-yuan": Entry("收入按元填写", "列“{column}”以元为单位，本表的收入按万元填写",
                            "请把这一列的数值都除以 10000（如 598000 元填 59.8），并把表头改为“{label}”"),
    "facts-outside-policy": Entry("已导入的数据不符合现行考核方案",
                                  "{kind}“{value}”不在现行考核方案中：已导入的报送有 {n} 处用到它{at}",
                                  "考核方案是在这些报送导入之后改的。请在方案的 {field} 中加回它{back}，"
                                  "或让乡镇按现行方案的模板重新报送并导入，然后再评分"),
    "facts-missing-system": Entry("已导入的数据缺少现行方案的评分项",
                                  "现行考核方案的评分项“{value}”在已导入的报送中没有分数：{n} 人缺这一项{at}",
                                  "这一项是在这些报送导入之后加进方案的。请让乡镇按现行方案的模板重新报送并导入，"
                                  "或在方案的 {field} 中去掉它，然后再评分"),
    "outcome-not-listed": Entry("处理结果不在方案列出的范围内",
                                "{measure}的处理结果“{value}”不是方案列出的（{allowed}），按每次降 {stars} 星计",
                                "如是列出的某一项写法不同（比如一票否决的情形），请改成方案中的写法；否则可不改"),
    "outcome-of-other-measure": Entry("处理结果属于另一项措施",
                                      "处理结果“{value}”是{other}的处理结果（{other}中{effect}），本行措施填的是{measure}，"
                                      "按{measure}降 {stars} 星计",
                                      "如这件事属于{other}，请把措施改为“{other}”；如确是{measure}，可不改"),
    "row-label-skipped": Entry("说明文字未读取", "这一行只写了“{value}”，当作说明文字，未读取（上下各行照常读取）",
                               "如这段文字是说其下的行不应计入（如人员已离任），请删去那些行；如是数据，请补全这一行；"
                               "说明文字可以留着，也可以删去"),
    "row-name-only": Entry("这一行只剩姓名", "这一行只填了姓名“{value}”，其他各列都是空的：像是删除人员时只清除了部分单元格，或新增人员还没有填完",
                           "此人已不在任的，请删除整行{also}；仍在任的，请补填{columns}"),
    "roster-vacant": Entry("空缺的职务未读取", "这一行是空缺的职务（姓名写的是“{value}”），没有村干部，未读取",
                           "职务空缺的不用填在名册里，可以删去这一行（村里没有书记或主任时另有提示）"),
    "roster-vacant-with-id": Entry("姓名写的是空缺，却有身份证号", "姓名写的是“{value}”，这一行却填了身份证号，不能确定是空缺还是有人任职",
                                   "职务空缺的请删去身份证号（或删去这一行）；有人任职的请填写其姓名"),
    "scores-vacant": Entry("空缺职务的评分行未读取", "这一行是空缺的职务（姓名写的是“{value}”），没有身份证号也没有评分，未读取",
                           "空缺的职务不用评分，可以删去这一行"),
    "roster-note-left": Entry("备注提到离任或任职变动", "备注“{value}”提到离任或任职变动，本表仍按在任的{post}计星计酬，请核实",
                              "已离任的人员请删除这一行，并删除其他表中此人的行（如六大体系评分、降星事项）后重新报送；"
                              "如说的是别人或仍在任，可不改"),
    "roster-aside-left": Entry("表格外的说明提到离任或任职变动",
                               "这一行表格外写着“{value}”，提到离任或任职变动，本表仍按在任的{post}计星计酬，请核实",
                               "已离任的人员请删除这一行，并删除其他表中此人的行（如六大体系评分、降星事项）后重新报送；"
                               "如说的是别人或仍在任，可不改（说明请写在表头为“备注”的一列，没有这一列的可在最右边加上）"),
    "roster-column-left": Entry("其他栏目里提到离任或任职变动",
                                "“{label}”一栏写着“{value}”，提到离任或任职变动，本表仍按在任的{post}计星计酬，请核实",
                                "已离任的人员请删除这一行，并删除其他表中此人的行（如六大体系评分、降星事项）后重新报送；"
                                "如说的是别人或仍在任，请把“{label}”改回应填的内容（说明请写在表头为“备注”的一列）"),
    "position-corrected": Entry("职务的说明改了职务", "职务“{value}”后面的说明说是{post}，不知道按哪一个计",
                                "请直接填写现在的职务（如“{post}”），不要在职务后面加更正说明"),
    "value-withdrawn": Entry("说明表示这一项不成立", "“{value}”中的说明“{note}”表示这一项已不成立、已改变或还没有定，"
                             "不能按说明前的内容计",
                             "请按现在有效的情况填写：还没定的定下来后再填；已撤销的删去这一行，已改变的填改变后的；"
                             "确已成立的去掉这句说明{more}"),
    "formula-unsaved-rows": Entry("公式没有保存计算结果", "这张表有 {n} 个公式没有保存算出的值（如“{column}”的 {value}），这些行读出来是空的",
                                  "这个文件可能是用软件导出的，没有经 Excel 或 WPS 保存：请用 Excel 或 WPS 打开、保存后再报送，"
                                  "或者把公式换成数值（复制后“选择性粘贴 › 数值”）"),
    "formula-unsaved": Entry("公式没有保存计算结果", "“{column}”是公式 {value}，文件里没有保存它算出的值，无法读取",
                             "这个文件可能是用软件导出的，没有经 Excel 或 WPS 保存：请用 Excel 或 WPS 打开、保存后再报送，"
                             "或者把公式换成数值（复制后“选择性粘贴 › 数值”）"),
    "sheet-hidden-copy": Entry("读取的工作表是隐藏的", "工作表“{name}”是隐藏的，而工作簿中还有未隐藏的“{copy}”，无法确定哪一张是本季度的",
                               "请删除旧的那张工作表，把本季度的那张命名为“{name}”"),
    "score-looks-like-percent": Entry("分数像是百分比",
                                      "这一行的 {n} 项分数都不超过 1（如 {value}），像是把 95% 存成了 0.95、100% 存成了 1",
                                      "分数按 {max} 分制填写（如 {example}）：请把这些单元格的格式改为“常规”，再填写分数"),
    "income-shown-rounded": Entry("显示的收入与存的不同",
                                  "存的是上年 {last}、本年 {this} 万元，单元格格式显示为上年 {seen_last}、本年 {seen_this}；"
                                  "按存的数{effect}",
                                  "看到的（打印的）与计奖励的收入不一致：请核对后直接填写实际收入（如确是上年 {last}、本年 {this} 万元可不改），"
                                  "或把单元格格式改为“常规”再核对一遍"),
    "score-shown-rounded": Entry("显示的分数与存的不同",
                                 "“{column}”存的是 {value}，单元格格式只显示到{places}，看上去是 {shown}；按存的 {value} 计，{effect}",
                                 "看到的（打印的）与计星的分数不一致：请直接填写要计的分数（如 {shown} 或 {value}），"
                                 "或把单元格格式改为“常规”，再核对一遍"),
    "value-merged-down": Entry("合并单元格的数值读作多行的",
                               "“{column}”{more}的 {value} 写在合并单元格 {area} 里，第 {rows} 行这 {n} 行都读作 {value}",
                               "合并单元格只存一个数：若这几行（几人、几村）的数本该各不相同，请取消合并，逐行填写；"
                               "确实相同可不改，但最好逐行填写，免得排序或筛选后错行"),
    "value-hidden-under-merge": Entry("合并单元格下藏着别的值",
                                      "“{column}”这一格在合并单元格 {area} 里，显示的是 {shown}，文件里这一格却还存着 {value}{more}："
                                      "按显示的 {shown} 读取",
                                      "Excel、WPS 合并时只留第一格的值，这种文件多是别的软件生成的。如藏着的值才对，"
                                      "请取消合并，逐格填写"),
    "value-covered-in-row": Entry("合并单元格盖住了一格的数",
                                  "“{column}”这一格与 {first} 合并在 {area} 里，看上去是 {first} 的 {shown}；文件里这一格自己存着 {value}："
                                  "按 {value} 读取",
                                  "合并单元格只显示第一格：请取消合并，让每一格的数都看得见，再核对一遍"),
    "cell-merged-blank": Entry("合并单元格里的这一格是空的",
                               "“{column}”这一格与 {first} 合并在 {area} 里：合并单元格只存 {first} 的 {value}，这一格读出来是空的{effect}",
                               "请取消合并，每一格分别填写"),
    "income-cell-percent": Entry("收入单元格是百分比格式", "“{column}”的单元格设成了百分比格式：显示 {shown}，实际存的是 {value}",
                                 "集体经济收入按万元填写数字：请把这个单元格的格式改为“常规”或“数值”，核对后按万元重新填写"),
    "score-cell-percent": Entry("分数像是百分比", "“{column}”的评分 {value} 像是百分比：95% 存成了 0.95、100% 存成了 1",
                                "分数按 {max} 分制填写（如 {example}）：请把这个单元格的格式改为“常规”，再填写分数"),
    "score-below-one": Entry("分数不到 1 分", "“{column}”的评分写的是“{value}”，不到 1 分，不像 {max} 分制的分数",
                             "分数按 {max} 分制填写（如 {example}）：请核对后重新填写这一格"),
    "score-column-percent": Entry("这一列像是百分比", "“{column}”这一列的分数都不超过 1（最高 {value}），像是设成了百分比格式（93% 存成了 0.93）",
                                  "分数按 {max} 分制填写（如 {example}）：请把这一列的格式改为“常规”，再填写分数"),
    "ambiguous-column": Entry("两列标题指同一项",
                              "“{first}”（{first_col}列）和“{second}”（{second_col}列）都是“{label}”，两列内容不同，无法确定用哪一列",
                              "请删去其中一列，或把不用的那一列的标题改掉（如改为“备注”）"),
    "id-of-another-person": Entry("身份证号与姓名不是同一人",
                                  "身份证号 {value} 在名册中是“{expected}”，而“{name}”在名册中的身份证号是 {other}",
                                  "身份证号和姓名可能错行了（常见于只对一列排序、粘贴时错开一行），请逐行核对后重新报送"),
    "name-line-break": Entry("姓名中有换行", "姓名“{value}”在单元格里分成了几行（⏎ 处按了 Alt+Enter 或粘贴时带了换行）",
                             "请删去换行；不改则按原样保存，评分表、报表和报酬发放表上的姓名也会分成几行"),
    "name-has-digits": Entry("姓名中有数字", "姓名“{value}”中有数字（像是把身份证号、电话或编号一起填进了姓名）",
                             "姓名一栏只填姓名：身份证号填在“身份证号”列，电话填在“联系电话”列，其余删去"),
    "name-mismatch": Entry("姓名与名册不一致", "姓名“{value}”与名册中的“{expected}”不一致", "请核对姓名"),
    "scores-unfilled": Entry("六大体系评分还没有填写", "六大体系评分表的 {n} 行都没有填写分数（像是预填的模板还没有填写）",
                             "请为名册中的每位村干部填写各项体系的得分后再报送"),
    "scores-missing": Entry("缺少六大体系评分", "{name}（名册第{roster_row}行）没有六大体系评分",
                            "名册中的每位村干部都要有一行评分：请在“{scores}”表中为此人补填一行"),
    "info-conflict": Entry("基本信息前后不一致", "基本信息写了两个不同的{what}：第{first_row}行是“{first}”，这里（{column}）是“{value}”",
                           "基本信息中每一项只填一次：请删去不对的那一行"),
    "scores-row-left-over": Entry("名册中没有此人，这一行也没有评分", "身份证号 {pid} 不在村干部名册中，这一行也没有填评分",
                                  "如此人已离任，请删除这一行（模板按上季度名册预填了这一行）；如是新任人员，请在村干部名册中登记并填写评分"),
    "scores-duplicate": Entry("六大体系评分重复", "身份证号 {pid} 有多行评分（另见第{other_row}行）", "每位村干部只填一行评分"),
    # --- warnings ------------------------------------------------------------------
    "village-two-heads": Entry("一个村(社区)有两人担任同一主要职务", "“{village}”有 {n} 人担任{post}（名册第{rows}行），两人都会被计星计酬",
                               "一个村(社区)只有一名{post}：请核实是否有人已离任未删除，或职务填错{joint}"),
    "village-no-secretary": Entry("村(社区)缺少主要负责人", "“{village}”没有{heads}", "请核实该村(社区)的{heads}是否漏填"),
    "village-no-cadres": Entry("村(社区)没有村干部", "名录中的“{village}”在名册中没有任何村干部", "请核实是否漏填"),
    "sheet-hidden": Entry("工作表是隐藏的", "工作表“{name}”是隐藏的，已照常读取", "请确认隐藏的这张就是本季度要报送的"),
    "sheet-copy-not-read": Entry("有名称相近的工作表未读取", "只读取了“{name}”，没有读取“{copy}”",
                                 "如果“{copy}”才是本季度的数据，请删除旧表并把它命名为“{name}”"),
    "deduction-outside-window": Entry("降星事项不在计算期内", "发生日期 {value} 不在考核期末前 {months} 个月内，本季度不降星、不否决",
                                      "仅供核对，不影响导入"),
    "deduction-relisted-differs": Entry("降星事项重报时写法不同",
                                        "{quarter} 已报过此人同一天（{date}）的{measure}（处理结果{before_outcome}，"
                                        "文号{before_doc}，见 {before_file}），本行的{what}与之不同：按规则算作另一件事，{effect}",
                                        "如是同一件事，请把处理结果和文号写得与 {quarter} 报的一致，或删去本行（{quarter} 报错了的，"
                                        "请 {quarter} 重报更正）；确是另一件事不用改"),
    "village-changed": Entry("所在村(社区)与上季度不同", "{quarter} 此人在“{before}”（见 {before_file}），本季度在“{value}”",
                             "如确是调到了本乡镇的另一个村，可不改；如是填错了村，请改正（村排名按所在村计算，"
                             "集体经济奖励按所在村的收入发给书记、主任）"),
    "start-date-changed": Entry("任职起始日期与上季度不同",
                                "{quarter} 报的任职起始日期是 {before}（职务 {before_post}，见 {before_file}），"
                                "本季度是 {value}：工龄从 {value} 算起，工龄星可能随之变化（不满 {min_years} 年为未定星）",
                                "如是职务变动（改任了另一职务），任职起始日期一般不必改动（工龄从开始担任村干部算起，县里另有规定的按规定）；如是上季度填错，本季度改正即可"),
    "honour-outside-window": Entry("荣誉超出计星时限", "授予日期 {value} 不在考核期末前 {months} 个月内，不计星", "仅供核对，不影响导入"),
    "honour-repeated": Entry("荣誉重复填写", "与第{other_row}行是同一项荣誉（身份证号、荣誉名称、级别、授予日期均相同），成就星不会重复加",
                             "如是重复粘贴，请删去一行"),
    "deduction-repeated": Entry("降星事项重复填写", "与第{other_row}行是同一事项（{same}），只按一次降星计",
                                "如是重复粘贴，请删去一行；{apart}"),
    "hidden-row": Entry("隐藏行照样导入", "该行被隐藏，但仍按正常数据读取和导入",
                        "如该行的人员或事项已不适用（如已离任），请删除该行，而不是隐藏（名册中的人员，其他表中此人的行一并删除）"),
    "rows-hidden": Entry("隐藏的行照样导入", "有 {n} 行数据被隐藏（第{rows}行），仍按正常数据读取和导入",
                         "隐藏只是不显示这些行，并不删除它们；如其中有已不适用的人员或事项（如已离任），请删除那些行，而不是隐藏"),
    "rows-filtered": Entry("筛选隐藏的行照样导入", "工作表处于筛选状态，有 {n} 行数据被筛选隐藏（从第{first}行起），仍按正常数据读取和导入",
                           "筛选只是不显示这些行，并不删除它们；如其中有已不适用的人员或事项（如已离任），请删除那些行"),
    "struck-row": Entry("划删除线的行照样导入", "该行有文字划了删除线，但仍按写的全部文字读取和导入",
                        "删除线不会让该行或划掉的文字作废：如该行的人员或事项已不适用（如已离任），请删除整行"
                        "（名册中的人员，其他表中此人的行一并删除）；只是写错的文字，请删去后重写"),
    "file-named-later-replaces": Entry("文件名是下一季度的，却会替换本季度已导入的报送",
                                       "文件名写的是 {named}，基本信息中的考核季度是 {value}：导入会替换已导入的{township} {value} 报送",
                                       "如这是 {named} 的报送，请乡镇把基本信息中的考核季度改为 {named} 后重新报送，再导入到 {named}；"
                                       "如确是 {value} 的更正，请把文件名改为 {renamed} 后重新导入"),
    "file-quarter-mismatch": Entry("文件名与考核季度不符", "文件名写的是 {named}，但基本信息中的考核季度是 {value}",
                                   "请确认报送的是哪个季度的表：是 {named} 的，请把基本信息中的考核季度改为 {named}；"
                                   "是 {value} 的，请更正文件名"),
    "progress-unfilled": Entry("任务进度还没有填写", "任务进度表中没有任何举措的完成状态，{n} 条举措都{counted}",
                               "请逐项填写各举措（村级举措逐村）的完成状态"),
    "progress-village-missing": Entry("任务进度缺一个村(社区)", "“{village}”的 {n} 项村级举措都没有进度（没有这些行，或完成状态为空），都{counted}",
                                      "请为该村(社区)逐项补填村级举措的完成状态"),
    "progress-missing": Entry("任务进度缺项", "缺少举措 {measure}{village} 的进度（没有这一行，或完成状态为空），{counted}", "请补填该举措的完成状态"),
    # Measure ids of another policy in the table (M11 dropped, M86 added since): a workbook of
    # another quarter's template (review R122)
    "template-other-policy": Entry("报送表与本季度考核方案的举措不一致",
                                   "本表的举措编号与 {quarter} 的考核方案不一致：{differs}，多半是用其他季度的报送表或模板填写的",
                                   "请用县里下发的 {quarter} 报送表模板重新填写，"
                                   "已填的内容可按举措编号抄过去；如只是编号写错，改正编号即可"),
    "progress-measure-absent": Entry("任务进度缺少整个举措",
                                     "表中没有举措 {measure} 的任何一行{villages}，{counted}",
                                     "本季度的考核方案有这一举措，旧的报送表或模板里没有：请用 {quarter} 的报送表模板填写，"
                                     "或在表末补上 {measure} 的行"),
    "economy-missing": Entry("缺少村集体经济数据", "“{village}”没有村集体经济数据（没有这一行，或两项收入都为空）",
                             "请补填该村的上年收入和本年累计收入（没有收入填 0）：发放集体经济奖励的季度按它计算奖励"),
    "economy-missing-several": Entry("多个村(社区)缺少村集体经济数据", "{count} 个村(社区)没有村集体经济数据：{villages}",
                                     "本季度不发集体经济奖励，可不补；第 {bonus_quarter} 季度按这些数据计算奖励，届时请填齐（没有收入填 0）"),
    "date-future": Entry("日期晚于考核期末", "“{column}”为 {value}，晚于考核期末，不计入本期", "仅供核对"),
    "formula-cell": Entry("单元格含公式", "单元格含公式，已按其文本读取", "报送表请填写数值，不要使用公式"),
    "already-imported": Entry("本季度已有该人员", "身份证号 {pid} 已在 {other} 本季度的报送中", "请与相关乡镇核实此人的任职所在地；{move}"),
}

# --- fillers for file-level diagnostics (the {kind} and {reason} of the entries above) ---
FILE_KINDS: dict[str, str] = {
    "xls": "旧版 Excel 97-2003 (.xls) 格式",
    "ole": "旧版 Office 二进制文件，不是 Excel 工作簿",
    "ole_damaged": "旧版 Office 文件，已损坏或不完整",
    "html": "网页(HTML)文件，改了扩展名的网页导出表",
    "xml2003": "Excel 2003 XML 表格",
    "csv": "CSV 或纯文本文件",
    "pdf": "PDF 文件",
    "image": "图片（照片或扫描件）",
    "doc": "Word 文档（.doc）",
    "zip": "普通 zip 压缩包",
    "archive": "压缩包（RAR 或 7z）",
    "et": "WPS 表格 (.et) 格式",
    "docx": "Word 文档",
    "pptx": "PowerPoint 演示文稿",
    "ods": "OpenDocument (.ods/.odt) 文件",
    "xlsb": "Excel 二进制工作簿 (.xlsb)",
    "unknown": "无法识别的文件类型",
}
ARCHIVE_INSIDE = "（内有 {n} 个工作簿，如 {names}）"
CORRUPT_REASONS: dict[str, str] = {
    "empty": "文件为空（0 字节）",
    "zip": "压缩结构损坏或文件不完整（可能没有下载或复制完整）",
    "member": "内部文件“{part}”已损坏",
    "compression": "内部文件“{part}”使用了不支持的压缩方式",
    "duplicate": "内部文件“{part}”重复出现",
    "no-workbook": "缺少工作簿主体（xl/workbook.xml）",
    "prolog": "内部文件“{part}”不是有效的 XML",
    "sheet-xml": "工作表“{sheet}”不是有效的 XML（{detail}）",
    "sheet-twice": "工作表名称“{sheet}”出现了两次",
    "parse": "无法解析工作簿内容",
    "parse-kind": "无法解析工作簿内容（{detail}）",
}
TOO_LARGE_REASONS: dict[str, str] = {
    "file": "文件大小 {size} MB，超过上限 {limit} MB",
    "members": "压缩包内有 {count} 个文件，超过上限 {limit} 个",
    "total": "解压后共 {size} MB，超过上限 {limit} MB",
    "part": "内部文件“{part}”解压后 {size} MB，超过上限 {limit} MB",
    "ratio": "内部文件“{part}”的压缩比为 {ratio}:1，疑似压缩炸弹",
    "lie": "内部文件“{part}”实际解压大小超出声明，疑似压缩炸弹",
    "span": "工作表“{sheet}”的数据区域延伸到 {ref}（{cells} 个单元格），超过上限 {limit} 个",
    "cells": "各工作表合计 {cells} 个单元格，超过上限 {limit} 个",
    "strings": "单元格引用的共享文字合计可达 {size} MB，超过上限 {limit} MB",
    "sheets": "工作簿有 {count} 张工作表，超过上限 {limit} 张",
    "markup": "工作表“{sheet}”等的单元格写法特殊、须逐个核对，合计超过上限 {limit} MB",
}
UNSAFE_REASONS: dict[str, str] = {
    "doctype": "内部文件“{part}”含 DOCTYPE/ENTITY 声明",
}

# Pieces of messages assembled by the intake checks.
VILLAGE_SUFFIX = "（{village}）"
SUGGEST = "（是不是“{name}”？）"
SUGGEST_ONE_OF = "（是不是 {names} 之一？）"  # names as near as each other
SUGGEST_SOME_OF = "（是不是 {names} 等 {n} 个名称之一？）"  # more as near than a hint lists
MERGED_MORE_COLUMNS = "等 {n} 列"  # value-merged-down: an area over several figure columns
SHOWN_BLANK = "空白"  # value-hidden-under-merge: an area shown blank
HIDDEN_MORE_CELLS = "（第 {rows} 行共 {n} 格如此）"  # value-hidden-under-merge: more cells of the area
PLACES_SHOWN = {0: "整数", 1: "一位小数", 2: "两位小数", 3: "三位小数", 4: "四位小数", 5: "五位小数",
                6: "六位小数"}  # score-shown-rounded: what a number format shows (see ROUNDED_MAX_DECIMALS)
WITHDRAWN_LEAVER = "；已离任的人员请删除这一行，并删除其他表中此人的行（如六大体系评分、降星事项）"  # value-withdrawn {more}
INCOME_SHORT = "增长不到 {growth}%，没有集体经济奖励"  # income-shown-rounded: what the stored figures give
INCOME_REACHES = "增长达到 {growth}%，有集体经济奖励"
SCORE_BELOW = "不到 {threshold} 分，不加星"
SCORE_REACHES = "达到 {threshold} 分，加星"
MEASURES_COUNTED = " 中的 {n} 项"  # after M01–M85 when the policy leaves some of those numbers out
# scores-missing for a cadre whose roster row is hidden (review R124)
SCORES_EMPTY_HIDDEN_HINT = ("此人在名册中的那一行被隐藏了：如此人已离任，请删除名册和本表中此人的行"
                            "（不要只隐藏，也不要补填评分）；否则{hint}")
SCORES_MISSING_HIDDEN_HINT = "名册中这一行被隐藏了：如此人已离任，请删除名册中的这一行（不要只隐藏，也不要补填评分）；否则{hint}"
VILLAGE_MOVED = "{village}（新名录中属{township}）"  # registry-drops-village
VILLAGE_RENAMED = "{village}（区划代码相同的现为{township}“{name}”）"
NO_SUCH_MONTH = "没有 {month} 月"  # date-impossible
NO_SUCH_DAY = "{year} 年 {month} 月没有 {day} 日"
VILLAGE_RENAMED = "（名录中“{old}”已改名为“{new}”（区划代码相同）：请改写为“{new}”，其人员与数据照旧）"
VILLAGE_ELSEWHERE = "（名录中“{village}”属{townships}，不属本乡镇：是别的乡镇的人员，或该村已划归{townships}，都请由{townships}报送）"
VILLAGE_ELSEWHERE_MANY = ("（名录中“{village}”不属本乡镇，{n} 个别的乡镇各有一个同名的村(社区)（{townships} 等）："
                          "请核对村名；是别的乡镇的人员，请由那个乡镇报送）")
MISSING_VILLAGES = "（{names}{more}）"
MORE_VILLAGES = "等{count}个村(社区)"
OTHER_PLACE = "{township}（{file} › {sheet} › 第{row}行）"
OTHER_FILE = "{township}（{file}）"
# The already-imported hint's end: how a cadre who moved is taken (the township they left, in
# this run or not).
MOVE_WITH = "如此人已调入本乡镇，请把{township}删去此人后的更正报送表与本文件一起导入"
# … when the file's name names a later quarter than its 基本信息 (R108: the quarter, not the person)
MOVE_NAMED = ("文件名写的是 {named}：如这是 {named} 的表，请先把基本信息的考核季度改为 {named}，此人这一行就不用改；"
              "如确是 {quarter} 的表：{move}")
MOVE_REFUSED = "{township}这次送来的 {files} 没有导入，此人仍在{township}：那份表改正后与本文件一起再导入"
LIST_SEP = "、"
AND_MORE = " 等"  # after a list cut short
# duplicate-copy: how the two files are one
COPY_SAME_BYTES = "内容完全相同（同一文件收到了两份，如微信重复下载）"
COPY_SAME_DATA = "所填数据完全相同（同一文件另存或标注过的副本）"
WRITTEN_AS = "{written}（即{named}）"  # a township named in a file name with its 乡/镇 mistyped
# cell-merged-blank: what a blank cell means, by the code it replaces (review R81: the bonus lost went unsaid)
MERGED_BLANK_EFFECTS = {"income-blank": "：该村按没有村集体经济数据计（发放奖励的季度没有奖励）"}
COUNTED_AS_STATUS = "按{status}计"  # progress-*: a measure not reported counts as the policy's 0 status
COUNTED_AS_ZERO = "按 0 计"  # … or as 0, when no status is worth 0
ANOTHER_BOOK = "另一个文件"  # formula-external: a link whose workbook is not named
EMPTY_SHOWN = "（空）"  # roster-vacant: a vacant post's name cell left blank

# How another measure rates a result (outcome-of-other-measure's {effect}).
VETO_EFFECT = "一票否决"
STARS_EFFECT = "降 {stars} 星"

REGISTRY_COVERING_EXAMPLE = "（xx init 目录 --county 名称 --county-code {code}）"  # the area covering a registry's counties
# --- the annotated copy (xx validate --annotate) ----------------------------------------
# What a row of xx status --township is (an honour, a deduction), and a phone changed where its mask hides
CHANGE_HONOUR = "{title}（{level}，{date}）"
CHANGE_DEDUCTION = "{measure}（{date}）"
CHANGED_HIDDEN = "{value}（号码已改）"
ANNOTATE_SHEET = "校验结果"
ANNOTATE_SUFFIX = "_校验结果"
ANNOTATE_NAME_END = ANNOTATE_SUFFIX + ".xlsx"  # an annotated copy's name ends so
ANNOTATE_HEADERS = ("位置", "工作表", "行", "列", "类别", "问题", "建议")  # 类别 as the report (级别: an honour's)
ANNOTATE_COLUMN = "{letter} ({header})"
ANNOTATE_NO_PROBLEMS = "未发现问题"
ANNOTATE_HEADLINE = "{file}：{errors} 个错误，{warnings} 个警告。{verdict}"
ANNOTATE_REFUSED = "有错误，本文件不能导入：请按下表逐项修改（点击“位置”跳到该单元格）后重新报送。"
ANNOTATE_REFUSED_LIST_ONLY = ("有错误，本文件不能导入。这份副本里只有问题清单（原文件的格式无法在副本里保留）："
                              "请在原文件里按下表逐项修改后重新报送。")
ANNOTATE_ACCEPTED = "没有错误，可以导入；警告仅供核对。"
# The verdict of a file with errors that goes back to no one, as `xx validate` lists it
ANNOTATE_OURS = "考核办校验时给的季度与本文件不同：本文件不用修改，考核办改正后重新校验即可。"
ANNOTATE_COPY = "是已导入的旧版本或重复的副本：不用修改，也不用再报送。"
ANNOTATE_TWO_OF_ONE = ("同一乡镇送来了多份文件，由考核办选定导入哪一份；不用为此修改本文件。"
                       "下表如还有其他问题，请按表修改。")
ANNOTATE_BESIDE = ("同一乡镇另有通过检查的 {other}：这份多半是改正前的原件，不必修改；"
                   "如它才是乡镇最新报送的，请按下表逐项修改后重新报送。")
ANNOTATE_BESIDE_TWO = ("同一乡镇另有几份没有错误、待考核办选定的文件（如 {other}）：这份多半是改正前的原件，不必修改；"
                       "如它才是乡镇最新报送的，请按下表逐项修改后重新报送。")
ANNOTATE_LATER = "这是改正前的原件：乡镇已送回它的标注副本 {other}，请按那一份的标注文件修改，不必改这一份。"
ANNOTATE_COMMENT_AUTHOR = "xx validate"
ANNOTATE_ROWS_DROPPED = ("注：工作表“{sheet}”第{row}行以下还有 {count:,} 行只有格式、没有内容，"
                         "本副本没有保留这些空行（原文件不受影响）。")
# What the annotated copy unhid so that its marks are seen (the township's file is not changed).
ANNOTATE_SHOWN_SHEET = "注：工作表“{sheet}”原为隐藏，有标出的问题，本副本已取消隐藏。"
ANNOTATE_SHOWN_ROWS = "注：工作表“{sheet}”第{rows}行原为隐藏，有标出的问题，本副本已取消隐藏。"
ANNOTATE_SHOWN_COLUMNS = "注：工作表“{sheet}”的 {columns} 列原为隐藏，有标出的问题，本副本已取消隐藏。"
SEVERITY_LABELS = {"error": "错误", "warning": "警告"}

# deduction-relisted-differs: what differs, and an empty cell as the message names it
RELISTED_OUTCOME = "处理结果"
RELISTED_DOC = "文号"
RELISTED_VALUE = "“{value}”"
RELISTED_BLANK = "空着"
RELISTED_EFFECT = "再降一次星"
RELISTED_EFFECT_VETO = "按本行的处理结果一票否决"

# Pieces of template-other-policy's {differs}
TEMPLATE_EXTRA_IDS = "本季度方案中没有 {ids}"
TEMPLATE_ABSENT_IDS = "表中缺少 {ids}"
TEMPLATE_DIFFERS_SEP = "，"
IDS_MORE = " 等 {n} 项"  # after a list of measure ids cut short: how many in all
THIS_QUARTER = "本季度"
ABSENT_VILLAGES = "（{n} 个村(社区)都没有）"  # the quarter checked for, when the workbook names none
