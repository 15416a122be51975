"""Chinese text of the command-line parser's own output: help page headings, usage errors."""

from __future__ import annotations

# Help pages (the parser writes these in English).
USAGE_PREFIX = "用法："
SECTIONS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
HELP_OPTION = "显示本帮助并退出"
# (English, Chinese) pieces of an option's help line, replaced where they appear.
HELP_PIECES = (
    ("Show this message and exit.", HELP_OPTION),
    ("[required]", "[必填]"),
    ("[default: ", "[默认："),
    ("default: ", "默认："),
    ("required", "必填"),
    ("env var: ", "环境变量："),
    ("(dynamic)", "（运行时确定）"),
    ("x>=0", "不小于 0"),
)
# Value placeholders shown after an option's name.
METAVARS = {
    "<str>": "<文本>", "<path>": "<路径>", "<int>": "<整数>", "<float>": "<数>", "<bool>": "<是/否>",
    "<list[path]>": "<路径…>", "<list[str]>": "<文本…>", "TEXT": "文本", "PATH": "路径", "INTEGER": "整数",
    "<int range>": "<整数>",
}

# Usage errors. {hint} commands name the help page of the command that was meant.
ERR_TITLE = "命令写法有误"
HINT = "运行 {command} --help 查看用法。"
NO_SUCH_OPTION = "没有 {name} 这个选项。"
OUTPUT_IS_ANNOTATE = ("{command} 没有 {name} 这个选项：要把标出问题的副本写到一个文件夹里，请用 --annotate，"
                      "如 {command} 文件 --annotate {example}。")
ANNOTATE_EXAMPLE_DIR = "退回"
ARGUMENT_NOT_OPTION = "{command} 没有 {name} 这个选项：{argument}直接写在命令后面，如 {command} {example}。"
OPTION_OF_COMMAND = "{name} 是命令（{commands}）的选项，要写在命令名的后面，如 xx {example} {name} …"
MORE_COMMANDS = " 等"
SINGLE_DASH_HELP = "查看帮助请写 --help（两个短横线）或 -h。"
HELP_WORDS = ("help", "帮助")  # -help typed for --help
DID_YOU_MEAN = "是不是 {names}？"
MISSING_OPTION = "缺少必填的选项 {name}。"
MISSING_ARGUMENT = "缺少参数：{name}。"
NEEDS_VALUE = "选项 {name} 后面要写一个值。"
OPTION_TWICE = "选项 {name} 给了不止一次：它只能给一个值，请只留下要用的那一个。"
WORKSPACE_NOT_GIVEN = ("选项 {name} 后面要先写工作区目录，现在紧跟的是 {value}（{what}）。"
                       "应写成 xx {name} 工作区目录 命令 …，如 xx {name} 兴县考核 status -q 2022Q3。")
WORKSPACE_NOT_GIVEN_WHAT = {"command": "一个命令名", "option": "一个选项"}
TAKES_NO_VALUE = "选项 {name} 是开关，后面不能写值（直接写 {name}）。"
BAD_VALUE = "{name} 的值不对：{reason}"
NOT_ONE_OF = "“{value}”不在可选范围内（可选：{allowed}）"
NOT_INTEGER = "“{value}”不是整数"
NOT_NUMBER = "“{value}”不是数"
SHOULD_BE_INTEGER = "应为整数{value}"
OUT_OF_RANGE = "“{value}”超出了允许的范围"
AT_LEAST = "不能小于 {value}"
SHOULD_BE_NUMBER = "应为数{value}"
PATH_MISSING = "找不到“{value}”"
PATH_IS_DIR = "“{value}”是文件夹，这里要一个文件"
PATH_IS_FILE = "“{value}”是文件，这里要一个文件夹"
NO_SUCH_COMMAND = "没有 {name} 这个命令。"
MISSING_COMMAND = "请写出要运行的命令。"
EXTRA_ARGUMENTS = "多出了参数：{values}"
OTHER = "命令写法有误：{message}"
CANCELLED = "已取消。"
ARGUMENT_NAMES = {"files": "文件或目录", "file": "文件", "directory": "目录", "dir": "目录", "path": "路径"}

# click's usage line words, as users read them
ARG_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND", "命令"), ("[ARGS]", "[参数]"))
