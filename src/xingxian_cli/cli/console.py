"""Shared Rich consoles and the error rendering used by every command."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from xingxian_cli.domain.diagnostics import Diagnostic

_consoles: dict[tuple[bool, str | None], Console] = {}


def prepare_streams() -> None:
    """Output redirected to a file or pipe on a Chinese Windows is GBK (cp936) by default,
    which has no ›: written as UTF-8 instead, as the JSON output is, from the first line (a
    usage message too). A terminal that cannot show a character gets a ? rather than a
    crash, and so does text holding an argument's undecodable bytes. No stream at all
    (started without a console) writes nowhere."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process's life
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if stream.isatty():
                reconfigure(errors="replace")
            elif encoding in ("utf8", "utf8sig"):
                # An argument the locale could not decode (LC_ALL=C) is held as surrogates:
                # echoed in a message, its bytes go back out as they came in.
                reconfigure(errors="surrogateescape")
            else:
                reconfigure(encoding="utf-8", errors="surrogateescape")
        except (OSError, ValueError):  # a closed or detached stream: left as it is
            continue


def _console(stderr: bool) -> Console:
    # Keyed by COLUMNS too: Rich reads it once, and tests (or a caller) may change it.
    key = (stderr, os.environ.get("COLUMNS"))
    console = _consoles.get(key)
    if console is None:
        from rich.console import Console

        prepare_streams()

        if stderr:
            console = Console(stderr=True, highlight=False)
        else:
            # Piped or redirected output (a log file, a script) is not squeezed to 80 columns.
            wide = sys.stdout.isatty() or key[1]
            console = Console(highlight=False, width=None if wide else 120)
        console.on_broken_pipe = lambda c=console: _reader_gone(c)  # type: ignore[method-assign]
        _consoles[key] = console
    return console


def _reader_gone(console: Console) -> None:
    """The program reading the output stopped early (``xx validate … | head``, ``| more``
    quit): the rest goes nowhere and the command ends as it would have, with its own exit
    code. Rich's default exits with 1, which here means "the data has errors"."""
    console.quiet = True
    _drop_stdout(sys.stderr if console.stderr else sys.stdout)


def out() -> Console:
    """Console for data and results (stdout)."""
    return _console(False)


def err() -> Console:
    """Console for messages and errors (stderr)."""
    return _console(True)


def print_json(doc: object) -> None:
    """The document as JSON on stdout: indented on a terminal; compact when piped or
    redirected, where it goes to a program."""
    from xingxian_cli.io.jsondoc import json_bytes

    data = json_bytes(doc, indent=sys.stdout.isatty())
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None or sys.stdout.isatty():  # a text-only stream (an embedding program's), a console
        import typer

        typer.echo(data.decode("utf-8"))
        return
    # UTF-8 bytes straight to the stream, whatever the platform's default encoding (GBK on a
    # Chinese Windows); echo would also search the whole text for colour codes to strip.
    try:
        sys.stdout.flush()
        binary.write(data + b"\n")
        binary.flush()
    except BrokenPipeError:  # the reading program stopped early (| head): as _reader_gone
        _drop_stdout()


_json_errors = False


def _error_json(doc: object) -> None:
    """The error document on stdout, unless stdout itself is what failed (a full disk the
    output was redirected to, review R69): then the panel on stderr says it alone."""
    try:
        print_json(doc)
    except OSError:
        _drop_stdout()


def _drop_stdout(stream: Any = None) -> None:
    """Stop writing to a stdout (or ``stream``) that cannot be written: what is left in its
    buffer would fail again, with a traceback, as the interpreter exits."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, (stream or sys.stdout).fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def errors_as_json(on: bool) -> None:
    """With ``--format json`` a failed command still prints one JSON document on stdout
    (``{"error": …}``) for the script reading it; the panel goes to stderr as always."""
    global _json_errors
    _json_errors = on


def confirm(question: str) -> bool:
    """Ask ``question``; True for 是 (or y, yes, 好, 确定), False for 否 (or n, no, an empty
    answer); anything else is asked again, in Chinese (review R95: 是 was answered "Error:
    invalid input"). Ctrl-C or the end of input ends the command as Abort does."""
    import typer

    from xingxian_cli.messages import common as M

    while True:
        import unicodedata

        answer = unicodedata.normalize("NFKC", typer.prompt(question + M.CONFIRM_CHOICES, default="", show_default=False,
                                                            prompt_suffix=" ")).strip().lower()  # (ｙ: R97)
        if answer in M.CONFIRM_YES:
            return True
        if not answer or answer in M.CONFIRM_NO:
            return False
        err().print(M.CONFIRM_AGAIN.format(answer=answer), style="yellow")


def error_panel(message: str, hint: str | None = None, title: str | None = None) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from xingxian_cli.messages import common as M

    if _json_errors:
        _error_json({"error": {"message": message, "hint": hint}})
    body = Text(message)
    if hint:
        body.append("\n" + hint, style="yellow")
    err().print(Panel(body, title=title or M.ERR_TITLE, border_style="red", title_align="left"))


def warning_lines(diags: list[Diagnostic], console: Console) -> None:
    """Warnings of a command that went through (a policy that passes, a registry loaded): one
    line each, with its place, the warnings sharing a hint together and their hint once under
    them (several warnings of one kind share it; review R117: all hints after all warnings)."""
    from xingxian_cli.messages import common as M

    by_hint: dict[str, list[Diagnostic]] = {}
    for d in diags:
        by_hint.setdefault(d.hint, []).append(d)
    for hint, group in by_hint.items():
        for d in group:
            place = d.location()
            console.print(M.WARNING_LINE.format(place=f"{place}：" if place else "", message=d.message), style="yellow")
        if hint:
            console.print(hint, style="yellow")


def diagnostics_panel(diags: list[Diagnostic], title: str | None = None) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from xingxian_cli.messages import common as M

    if title is None:  # a policy or registry file's own problems are no data's (review R118)
        title = M.ERR_POLICY_TITLE if all(d.code.startswith("policy-") for d in diags) else \
            M.ERR_REGISTRY_TITLE if all(d.code.startswith("registry-") for d in diags) else M.ERR_DATA_TITLE
    if _json_errors:
        _error_json({"error": {"message": title, "hint": None,  # each diagnostic has its own
                               "diagnostics": [d.model_dump(mode="json") for d in diags]}})
    body = Text()
    for i, d in enumerate(diags):
        if i:
            body.append("\n")
        body.append(d.location() + ": " if d.location() else "", style="bold")
        body.append(d.message)
        if d.hint:
            body.append(" — " + d.hint, style="yellow")
    err().print(Panel(body, title=title, border_style="red", title_align="left"))
