"""Messages about the database itself: connection, schema version, ``xx db`` (Simplified Chinese)."""

from __future__ import annotations

HELP_DB = "数据库：查看结构版本、升级数据库结构（多县共用 PostgreSQL 服务器时由管理员执行）。"
HELP_DB_UPGRADE = "把数据库结构升级到本程序的版本（升级前请先备份；升级在一个事务中完成，失败则不做任何改动）。"
HELP_DB_STATUS = "显示数据库地址（不含密码）、类型、结构版本和本县的数据量。"
HELP_DB_MOVE = ("把本工作区 SQLite 文件里本县的全部数据（各版本报送、保存的评分、拒收记录、审计日志）搬到 PostgreSQL 服务器，"
                "工作区从此使用服务器；原来的 SQLite 文件保留在工作区里备查。")
ARG_MOVE_URL_NAME = "服务器地址"
ARG_MOVE_URL = "服务器数据库地址，如 postgresql://xx@服务器地址:5432/xx（口令放在 pgpass 或 XX_DATABASE_URL 里）"
MOVE_DONE = ("已把{county}的数据搬到 {url}：{submissions} 个报送版本（{facts} 行数据）、{runs} 次评分、{audit} 条审计记录。"
             "工作区从此使用服务器数据库。")
MOVE_KEPT = "原来的 SQLite 文件保留为 {path}（只作备查：之后的导入和评分都在服务器上）。"
MOVE_LEFT = "原来的 {name} 正被别的程序打开，没能移走：它已不再使用，关闭那个程序后可以删除。"
MOVE_PASSWORD_KEPT = ("注意：地址里的口令已原样写入 xx.yaml（在 Linux、macOS 上该文件只有本人可读）。建议把口令放在 PostgreSQL 的"
                      "口令文件（pgpass）或环境变量 XX_DATABASE_URL 里，并从 xx.yaml 的 database_url 中删去口令。")
MOVE_RESUMED = ("服务器 {url} 上已有上次 xx db move 搬过去的{county}数据（与本工作区的各版本报送完全相同，当时没来得及改 xx.yaml）："
                "已改为使用服务器数据库。")
MOVE_CONFIG_FAILED = ("数据已复制到服务器，但无法改写 {path} 里的 xx.yaml（{reason}），工作区仍在使用原来的 SQLite 文件。"
                      "请解决后再运行一次 xx db move：它会认出服务器上的这份数据，只改 xx.yaml。")
MOVE_NOT_LOCAL = "本工作区已经在使用服务器数据库 {url}，不需要再搬。"
MOVE_NOT_SERVER = "xx db move 只能搬到 PostgreSQL 服务器（地址以 postgresql:// 开头）。"
MOVE_TARGET_HOLDS = ("服务器 {url} 上已有县代码 {code} 的数据（{county}的名录、报送、评分或审计记录）：为免两份数据混在一起，没有搬。"
                     "如这是上次没搬完留下的，请管理员核对后删除这些数据再搬；如是本县同事已在服务器上建了工作区，"
                     "请改用那个工作区（xx init 新目录 --county … --county-code … --db …）。")
OPT_DB_URL = "直接指定数据库地址（服务器管理员用，无需工作区）；默认用当前工作区的数据库"

ERR_BAD_URL = "数据库地址“{url}”无法识别：{reason}"
ERR_URL_FORM = "写法不对（用户名或口令里的 @ : / # ? % 须分别写成 %40 %3A %2F %23 %3F %25）"
ERR_URL_KEYWORDS = ("这是“键=值”的写法，本工具要的是地址写法：postgresql://用户名@主机:端口/数据库"
                    "（口令放在口令文件里，或写成 postgresql://用户名:口令@主机:端口/数据库）")
# The usual driver failures, said in Chinese (pattern of the driver's line, what it means);
# the driver's own line follows for whoever runs the server.
DRIVER_REASON = "{said}（{driver}）"
DRIVER_REASONS = [
    (r"connection refused", "服务器拒绝连接：没有启动，或地址、端口不对"),
    (r'database "([^"]*)" does not exist', "服务器上没有名为“{}”的数据库"),
    (r"no password supplied", "没有口令：口令要放在 PostgreSQL 的口令文件里（Linux ~/.pgpass，Windows %APPDATA%\\postgresql\\pgpass.conf），"
                              "或临时用环境变量 XX_DATABASE_URL 给出带口令的地址"),
    (r"password authentication failed", "用户名或口令不对"),
    (r'role "([^"]*)" does not exist', "服务器上没有用户“{}”"),
    (r"timeout expired|timed out", "连接超时：服务器没有应答"),
    (r"could not translate host name|name or service not known|nodename nor servname", "找不到这个服务器地址"),
    (r"no pg_hba\.conf entry", "服务器不允许本机连接（pg_hba.conf）"),
    (r"server closed the connection|connection .*(?:lost|closed)", "与服务器的连接断开了"),
    (r"file is not a database", "这不是数据库文件（可能被别的程序改写了，或只复制了一部分）"),
    (r"database disk image is malformed", "数据库文件的内容已损坏"),
    (r"attempt to write a readonly database", "数据库文件或所在文件夹是只读的"),
    (r"unable to open database file", "打不开数据库文件"),
]
ERR_ENGINE_UNSUPPORTED = "不支持 {engine} 数据库，只支持 SQLite 和 PostgreSQL"
ERR_LOST = "数据库连接中断或服务器暂时无法完成本次操作：{reason}"
ERR_LOST_HINT = "没有提交的部分已整体撤销；请确认数据库服务器正常、网络畅通后，先用 xx status 查看，再重新运行。"
ERR_BAD_URL_HINT = "PostgreSQL 的写法：postgresql://用户名:密码@服务器:5432/数据库名；SQLite：sqlite:///文件路径"
ERR_UNAVAILABLE = "无法连接数据库 {url}：{reason}"
ERR_EMPTY = "工作区的数据库 {url} 是空的（没有任何表）：数据库文件被清空、替换或删除了，工作区的数据不在这里。"
ERR_EMPTY_HINT = "请用 xx restore 备份文件 恢复；确实要从头开始，请对本工作区目录再运行一次 xx init。"
ERR_MISSING = "工作区的数据库文件 {path} 不见了：被删除、移走，或工作区目录是不带数据库复制过来的。"
ERR_MISSING_HINT = ("请用 xx restore 备份文件 恢复；本工作区的数据若在共用服务器上（以前不加 --db、用环境变量 XX_DATABASE_URL "
                    "建的工作区），请设置 XX_DATABASE_URL 后再运行；确实要从头开始，请对本工作区目录再运行一次 xx init。")
ERR_EMPTY_SERVER = "数据库 {url} 里没有本工具的表（数据库是新建的，或连到了别的数据库）。"
ERR_EMPTY_SERVER_HINT = "请核对 xx.yaml 里的 database_url；新数据库请由管理员运行 xx db upgrade --db 数据库地址，或对本工作区再运行一次 xx init。"
ERR_DAMAGED = "数据库文件已损坏，无法读取：{reason}"
ERR_DAMAGED_HINT = "请用 xx restore 备份文件 恢复（备份文件是 xx backup 写出的那个文件）；数据没有任何改动。"
ERR_DISK_FULL = "磁盘空间不足，数据库写不进去：本次操作没有保存任何内容。"
ERR_READONLY = "数据库文件是只读的，写不进去：{reason}"
ERR_READONLY_FILE = "数据库文件或它所在的文件夹是只读的，写不进去。"  # an officer's own SQLite file: no driver's words (R142)
ERR_READONLY_HINT = ("请去掉工作区里 xx.sqlite3 文件的“只读”属性（右键 › 属性），或把工作区复制到可以写入的文件夹"
                     "（光盘、只读的 U 盘或网络共享写不进去）后重新运行；数据没有任何改动。")
ERR_DISK_FULL_HINT = "请腾出磁盘空间后重新运行。"
ERR_SQLITE_OPEN = "无法打开数据库文件 {path}：{reason}"
ERR_SQLITE_OPEN_HINT = "请确认工作区目录存在、当前用户有读写权限（不在只读的 U 盘、光盘或受保护的目录里）。"
STATUS_OTHER_NAME = ("注意：数据库里县代码 {code} 的数据是{recorded}的，与 xx.yaml 写的县名不同，其他命令会拒绝打开本工作区："
                     "请核对 xx.yaml 的 county_code 和 county。")
WAITING = "数据库正被另一个命令占用（例如另一位同事正在导入），等它完成后继续（最多等 {seconds} 秒）……"
ERR_BUSY = "数据库正被另一个命令占用，等了 {seconds} 秒仍未释放（例如另一位同事正在导入大批报送表）。"
ERR_BUSY_HINT = "请等那个命令完成后再运行本命令；数据没有任何改动。"
ERR_UNAVAILABLE_HINT = "请确认数据库服务器已启动、地址和端口正确、用户名和密码无误；网络不通时请联系管理员。"
ERR_FILE_GONE = ("数据库文件 {path} 在本命令等待或运行时被搬走或替换（例如同时运行了 xx db move）：数据库里没有做任何改动。"
                 "请重新运行本命令（搬到服务器后，命令会使用服务器上的数据库）。")
ERR_TOO_OLD = (
    "数据库 {url} 的结构是第 {found} 版，本程序需要第 {expected} 版。"
    "请由管理员先备份数据库（pg_dump），再运行 xx db upgrade --db 数据库地址 升级；升级时其他人请暂停使用。"
)
ERR_TOO_NEW = (
    "数据库 {url} 的结构是第 {found} 版，比本程序（第 {expected} 版）新：数据库已被更新版本的 xx 升级过。"
    "请把 xx 升级到最新版本后再使用。"
)

UPGRADE_DONE = "数据库结构已从第 {found} 版升级到第 {expected} 版：{url}"
UPGRADE_CREATED = "数据库是空的，已按第 {expected} 版建立全部数据表：{url}"
UPGRADE_NOTHING = "数据库结构已是最新（第 {expected} 版），无需升级：{url}"
UPGRADE_BACKUP = "升级前的数据库副本已保存为 {path}"

STATUS_URL = "数据库：{url}"
STATUS_KIND = "类型：{kind}"
STATUS_SCHEMA = "结构版本：第 {found} 版（本程序需要第 {expected} 版）"
STATUS_SCHEMA_EMPTY = "结构版本：空数据库（尚未建表；本程序需要第 {expected} 版）"
STATUS_COUNTY = "本县（{county}）：{submissions} 份报送版本，{runs} 次评分记录"
STATUS_OTHER_COUNTIES = ("注意：数据库里没有县代码 {county} 的名录和数据，却有县代码 {found} 的：xx.yaml 的 county_code "
                         "是不是改错了？其他命令在改正之前都会拒绝打开这个工作区。")
STATUS_NEEDS_UPGRADE = "需要升级：请运行 xx db upgrade"
KIND_NAMES = {"sqlite": "SQLite（工作区内文件）", "postgresql": "PostgreSQL 服务器"}
