"""The command-line parser's own output in Chinese: help pages and usage errors.

Typer's parser (click, vendored by newer Typer) writes its headings, the help option's
line and its usage errors in English. Help pages go through a formatter that writes them
in Chinese; usage errors are caught (the app runs in click's non-standalone mode) and
explained from the exception's kind and fields, never from its English text alone.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Sequence
from functools import lru_cache
from importlib import import_module
from types import ModuleType
from typing import Any

from xingxian_cli.domain.columns import text_width, wrap_columns
from xingxian_cli.messages import usage as U


@lru_cache(maxsize=1)
def _click() -> str:
    """The package name of the click Typer runs on: its own copy, or click itself."""
    try:
        import_module("typer._click.core")
        return "typer._click"
    except ImportError:
        return "click"


def _module(name: str) -> ModuleType:
    return import_module(f"{_click()}.{name}")


def usage_errors() -> tuple[type[BaseException], ...]:
    """The exceptions the parser raises for a command line it cannot take (and for a
    prompt the user aborts)."""
    import typer

    exc = _module("exceptions")
    return (exc.ClickException, getattr(exc, "Abort", typer.Abort), typer.Abort)


_ARG_WORDS = U.ARG_WORDS
# The app's own options, which click takes only before the command's name.
_GLOBAL_WITH_VALUE = ("--workspace", "-w")
_GLOBAL_FLAGS = ("--debug",)


def global_options_first(args: list[str]) -> list[str]:
    """``args`` with the app's own options (-w/--workspace DIR, --debug) moved before the
    command wherever they were typed: officers write ``xx score -q 2022Q3 -w 兴县考核``
    as often as ``xx -w 兴县考核 score -q 2022Q3``. Nothing after ``--`` is moved."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest += args[i:]
            break
        if a in _GLOBAL_WITH_VALUE and i + 1 < len(args):
            front += args[i:i + 2]
            i += 2
            continue
        if a.startswith("--workspace=") or a in _GLOBAL_FLAGS:
            front.append(a)
        else:
            rest.append(a)
        i += 1
    return front + rest
_BRACED = re.compile(r"\{(\w+)\}|\b([A-Z][A-Z_]+)\b")
_OPTIONAL_ARG = re.compile(r"\[([a-z_]+)\]")
_METAVAR = re.compile(r"<[^>]+>|\b(?:TEXT|PATH|INTEGER)\b")


def _argument(name: str) -> str:
    return U.ARGUMENT_NAMES.get(name.lower(), name)


def _usage_args(args: str) -> str:
    for en, zh in _ARG_WORDS:
        args = args.replace(en, zh)
    args = _OPTIONAL_ARG.sub(lambda m: f"[{_argument(m.group(1))}]", args)  # [directory]
    return _BRACED.sub(lambda m: _argument(m.group(1) or m.group(2)), args)


def _term(term: str) -> str:
    term = _METAVAR.sub(lambda m: U.METAVARS.get(m.group(0).lower(), U.METAVARS.get(m.group(0), m.group(0))), term)
    head, _, rest = term.partition(" ")
    if not head.startswith("-"):  # an argument: files... <路径…>
        bare = head.rstrip(".")
        head = _argument(bare) + head[len(bare):]
    return f"{head} {rest}".rstrip() if rest else head


def _help(text: str) -> str:
    for en, zh in U.HELP_PIECES:
        text = text.replace(en, zh)
    return text


@lru_cache(maxsize=1)
def install() -> None:
    """Make every parser context write its help page in Chinese (once per process)."""
    core, formatting = _module("core"), _module("formatting")
    base = formatting.HelpFormatter

    class ChineseHelpFormatter(base):  # type: ignore[misc, valid-type]
        """Click's layout, measured in screen columns: its own wrapping counts a Chinese
        character as one column and breaks only at spaces, so an 80-column console got
        lines of up to 150 columns, cut by the console mid-word and out of alignment."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            head = f"{U.USAGE_PREFIX if prefix is None else prefix:>{self.current_indent}}{prog} "
            lines = wrap_columns(_usage_args(args), max(self.width - self.current_indent - text_width(head), 20))
            self.write(head + f"\n{' ' * text_width(head)}".join(lines or [""]) + "\n")

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{U.SECTIONS.get(heading, heading)}：\n")

        def write_text(self, text: str) -> None:
            indent = " " * self.current_indent
            for i, para in enumerate(_paragraphs(text)):
                lines = para[1:] if para[0] == "\b" else wrap_columns(" ".join(para), self.width - len(indent))
                self.write(("\n" if i else "") + "".join(f"{indent}{line}\n" for line in lines))

        def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
            rows = [(_term(t), _help(h)) for t, h in rows]
            first = min(max((text_width(t) for t, _h in rows), default=0), col_max) + col_spacing
            hang = " " * (first + self.current_indent)
            for term, help_text in rows:
                self.write(f"{'':>{self.current_indent}}{term}")
                if not help_text:
                    self.write("\n")
                    continue
                gap = first - text_width(term)
                self.write(" " * gap if gap >= col_spacing else "\n" + hang)
                lines = [line for i, para in enumerate(_paragraphs(help_text))
                         for line in ([""] if i else []) + wrap_columns(" ".join(para), max(self.width - first - 2, 10))]
                self.write(f"\n{hang}".join(lines).replace(f"\n{hang}\n", "\n\n") + "\n")

    core.Context.formatter_class = ChineseHelpFormatter
    # A command's line in its group's list, whole: click cuts it to fit the width counting
    # characters, not columns (数据库：…（多县共用 PostgreSQL... at 60 columns, review R111),
    # where write_dl above wraps it.
    short = core.Command.get_short_help_str
    core.Command.get_short_help_str = lambda self, limit=45: short(self, limit=_WHOLE)
    make_parser = core.Command.make_parser
    if getattr(make_parser, "_counts_repeats", False):
        return

    def counting_parser(self: Any, ctx: Any) -> Any:
        parser = make_parser(self, ctx)
        parse = parser.parse_args

        def parse_args(args: list[str]) -> Any:
            opts, rest, order = parse(args=args)
            if not ctx.resilient_parsing:
                _refuse_repeated(ctx, order)
            return opts, rest, order

        parser.parse_args = parse_args
        return parser

    counting_parser._counts_repeats = True  # type: ignore[attr-defined]
    core.Command.make_parser = counting_parser


def _refuse_repeated(ctx: Any, order: Sequence[Any]) -> None:
    """An option that takes one value, typed twice (xx score -q 2022Q3 … -q 2022Q4): click
    keeps the last and says nothing (review R142); the officer is asked which one is meant.
    A flag typed twice means the same either way."""
    counts: dict[int, int] = {}
    for param in order:
        if getattr(param, "param_type_name", "") != "option" or param.multiple or param.count or param.is_flag:
            continue
        counts[id(param)] = counts.get(id(param), 0) + 1
        if counts[id(param)] == 2:
            exc = _module("exceptions").UsageError(U.OPTION_TWICE.format(name=_param_name(param)), ctx)
            exc.twice = True
            raise exc


_WHOLE = 10_000  # characters: no help line is cut


def _paragraphs(text: str) -> list[list[str]]:
    """``text``'s paragraphs (split at blank lines), each its lines stripped; one starting
    with a line of ``\\b`` is kept as written, as click keeps it."""
    out: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line.strip():
            out[-1].append(line.strip())
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "option":
        return " / ".join(param.opts)
    return _argument(param.name or "")


_ONE_OF = re.compile(r"'(.*)' is not one of (.*?)\.?$")
_REASONS = (
    (re.compile(r"'(.*)' is not a valid integer"), U.NOT_INTEGER),
    (re.compile(r"'(.*)' is not a valid float"), U.NOT_NUMBER),
    (re.compile(r"(?:File|Directory|Path) '(.*)' does not exist"), U.PATH_MISSING),
    (re.compile(r"(?:File|Path) '(.*)' is a directory"), U.PATH_IS_DIR),
    (re.compile(r"(?:Directory|Path) '(.*)' is a file"), U.PATH_IS_FILE),
    (re.compile(r"Input should be a valid integer()"), U.SHOULD_BE_INTEGER),
    (re.compile(r"(-?[\d.]+) is not in the range"), U.OUT_OF_RANGE),
    (re.compile(r"Input should be greater than or equal to (-?[\d.]+)"), U.AT_LEAST),
    (re.compile(r"Input should be a valid number()"), U.SHOULD_BE_NUMBER),
)


def _reason(message: str) -> str:
    message = message.removeprefix("Value error, ")
    m = _ONE_OF.search(message)
    if m:
        allowed = "、".join(re.findall(r"'([^']*)'", m.group(2))) or m.group(2)
        return U.NOT_ONE_OF.format(value=m.group(1), allowed=allowed)
    for pattern, text in _REASONS:
        m = pattern.search(message)
        if m:
            return text.format(value=m.group(1))
    return message


_SHOWN_COMMANDS = 4  # commands named as taking an option typed before them
_NO_COMMAND = re.compile(r"No such command '(.*?)'")
_EXTRA = re.compile(r"unexpected extra argument(?:s|\(s\))? \((.*)\)")


def _commands_with_option(group: Any, name: str) -> list[str]:
    """The commands under ``group`` (``db move``, ``score``) that take option ``name``."""
    found = []
    for key, command in sorted(getattr(group, "commands", {}).items()):
        if getattr(command, "commands", None):
            found += [f"{key} {sub}" for sub in _commands_with_option(command, name)]
        elif any(name in p.opts for p in command.params if getattr(p, "param_type_name", "") == "option"):
            found.append(key)
    return found


def _workspace_not_given(args: Sequence[str], root: Any) -> str | None:
    """The message for -w typed with a command's name or an option right after it, in place
    of the folder (xx -w validate 文件.xlsx: "no command 文件.xlsx" told of the wrong word,
    review R108); None when each -w has something else after it. Asked only once the
    command line failed: a workspace folder may be named score."""
    commands = set(getattr(root, "commands", {}) or ())
    for a, value in itertools.pairwise(args):
        if a in _GLOBAL_WITH_VALUE and (value.startswith("-") or value in commands):
            what = U.WORKSPACE_NOT_GIVEN_WHAT["option" if value.startswith("-") else "command"]
            return U.WORKSPACE_NOT_GIVEN.format(name=a, value=value, what=what)
    return None


def explain(exc: BaseException, args: Sequence[str] = (), root: Any = None) -> str:
    """A usage error in Chinese, from its kind and fields (and the words typed, ``args``,
    under the app's command ``root``)."""
    if (told := _workspace_not_given(args, root)) is not None:
        return told
    e = _module("exceptions")
    if getattr(exc, "twice", False):
        return exc.message  # type: ignore[attr-defined]  # said in Chinese already
    if isinstance(exc, e.NoSuchOption):
        if any(a.startswith("-") and not a.startswith("--") and a[1:].lower() in U.HELP_WORDS for a in args):
            return U.SINGLE_DASH_HELP  # -help read as -h -e -l -p: "no -e option" (R107)
        if exc.option_name in _GLOBAL_WITH_VALUE:  # -w typed last, with no folder after it (R107)
            return U.NEEDS_VALUE.format(name=exc.option_name)
        ctx = getattr(exc, "ctx", None)
        if ctx is not None and getattr(ctx.command, "commands", None) and (
                where := _commands_with_option(ctx.command, exc.option_name)):
            # xx -q 2022Q3 import: a command's option typed before the command's name (R107)
            typed = next((w for w in where if w.split()[0] in args), where[0])
            return U.OPTION_OF_COMMAND.format(name=exc.option_name, example=typed,
                                              commands="、".join(where[:_SHOWN_COMMANDS])
                                              + (U.MORE_COMMANDS if len(where) > _SHOWN_COMMANDS else ""))
        more = U.DID_YOU_MEAN.format(names="、".join(sorted(exc.possibilities))) if exc.possibilities else ""
        argument = next((p for p in getattr(getattr(ctx, "command", None), "params", ())
                         if getattr(p, "param_type_name", "") == "argument"), None)
        params = {getattr(p, "name", None) for p in getattr(getattr(ctx, "command", None), "params", ())}
        if exc.option_name in ("-o", "--output") and "annotate" in params and not more:
            # xx validate 文件 -o 退回: the marked copies' folder is --annotate's (review R117)
            typed = list(args)
            at = typed.index(exc.option_name) if exc.option_name in typed else -1
            value = typed[at + 1] if 0 <= at < len(typed) - 1 else U.ANNOTATE_EXAMPLE_DIR
            return U.OUTPUT_IS_ANNOTATE.format(name=exc.option_name, command=ctx.command_path, example=value)
        if exc.option_name in ("-o", "--output") and argument is not None and getattr(argument, "nargs", 1) == 1 \
                and not more:
            # xx backup -o 备份.zip, as report takes -o: the file is written straight after the command
            typed = list(args)
            at = typed.index(exc.option_name) if exc.option_name in typed else -1
            value = typed[at + 1] if 0 <= at < len(typed) - 1 else _param_name(argument)
            return U.ARGUMENT_NOT_OPTION.format(name=exc.option_name, command=ctx.command_path,
                                                argument=_param_name(argument), example=value)
        return U.NO_SUCH_OPTION.format(name=exc.option_name) + more
    if isinstance(exc, e.MissingParameter):
        param = exc.param
        if param is not None and getattr(param, "param_type_name", "") == "option":
            return U.MISSING_OPTION.format(name=_param_name(param)) + _quote_swallowed(args)
        return U.MISSING_ARGUMENT.format(name=_param_name(param))
    if isinstance(exc, e.BadOptionUsage) and "requires an argument" in exc.message:
        return U.NEEDS_VALUE.format(name=exc.option_name)
    if isinstance(exc, e.BadOptionUsage) and "does not take a value" in exc.message:
        return U.TAKES_NO_VALUE.format(name=exc.option_name)
    if isinstance(exc, e.BadParameter):
        hint = exc.param_hint if isinstance(exc.param_hint, str) else _param_name(exc.param)
        return U.BAD_VALUE.format(name=hint, reason=_reason(exc.message))
    message = getattr(exc, "message", str(exc))
    m = _NO_COMMAND.search(message)
    if m:
        close = re.findall(r"'([^']*)'", message[m.end():])
        more = U.DID_YOU_MEAN.format(names="、".join(close)) if close else ""
        return U.NO_SUCH_COMMAND.format(name=m.group(1)) + more
    if "Missing command" in message:
        return U.MISSING_COMMAND
    m = _EXTRA.search(message)
    if m:
        return U.EXTRA_ARGUMENTS.format(values=m.group(1))
    return U.OTHER.format(message=message)


def _quote_swallowed(args: Sequence[str]) -> str:
    """How an option typed came to be missing when cmd took it into a path ending in ``\\"``
    (``"D:\\收件箱\\" -q 2022Q3``: one argument; review R119), else ''."""
    from xingxian_cli.errors import path_quote_hint

    typed = next((a for a in args if '"' in a and re.search(r"\s-", a)), None)
    return "" if typed is None else path_quote_hint(typed)


def refuse_quoted_path(value: Any) -> Any:
    """The callback of every single-path option and argument (lists of workbooks are told by
    importing.expand_paths): a path cmd ended with its closing
    quote (``-o "D:\\报表\\"`` reaches us as ``D:\\报表"``, a name Windows cannot make) is a
    usage error saying how to type it, before any work (review R120). A file of that name
    that exists (another system's) is taken as it is."""
    from pathlib import Path

    from xingxian_cli.errors import path_quote_hint

    if isinstance(value, Path) and '"' in str(value) and not value.exists():
        raise _module("exceptions").BadParameter(f"{value}{path_quote_hint(str(value))}")
    return value


def command_path(root: Any, args: Sequence[str]) -> str:
    """``xx score`` for ``["-w", "ws", "score", "--quarter"]``: the commands named in ``args``
    (for the help page to point at when the parser failed before it knew the command)."""
    path, group, rest = ["xx"], root, list(args)
    while rest:
        token = rest.pop(0)
        if token.startswith("-"):
            if token in ("-w", "--workspace") and rest:
                rest.pop(0)
            continue
        commands = getattr(group, "commands", None)
        if not commands or token not in commands:
            break
        path.append(token)
        group = commands[token]
    return " ".join(path)


def wants_json(args: Sequence[str]) -> bool:
    """Whether the command line asks for ``--format json`` (in any spelling click takes)."""
    for i, a in enumerate(args):
        if a == "--":
            break
        if a in ("--format", "-f") and i + 1 < len(args) and args[i + 1] == "json":
            return True
        if a in ("--format=json", "-fjson"):
            return True
    return False


def show(exc: BaseException, args: Sequence[str] = (), root: Any = None) -> int:
    """Tell the user what is wrong with the command line; return the exit code."""
    from xingxian_cli.cli.console import err, error_panel, errors_as_json

    errors_as_json(wants_json(args))  # the parser failed before the command could say so
    e = _module("exceptions")
    ctx = getattr(exc, "ctx", None)
    if not isinstance(exc, e.ClickException):  # a confirmation answered with Ctrl-C or EOF
        err().print(U.CANCELLED)
        return 1
    no_args = getattr(e, "NoArgsIsHelpError", None)
    if (no_args is not None and isinstance(exc, no_args)) and ctx is not None:
        sys.stderr.write(ctx.get_help() + "\n")  # as laid out: Rich would wrap it again
        return 2
    if ctx is not None:
        sys.stderr.write(ctx.get_usage() + "\n")
    command = ctx.command_path if ctx is not None else command_path(root, args) if root is not None else "xx"
    error_panel(explain(exc, args, root), U.HINT.format(command=command), title=U.ERR_TITLE)
    return int(getattr(exc, "exit_code", 2))
