"""Shared Rich consoles and the error rendering used by every command."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from xingxian_cli.domain.diagnostics import Diagnostic

_out: Console | None = None
_err: Console | None = None


def out() -> Console:
    """Console for data and results (stdout)."""
    global _out
    if _out is None:
        from rich.console import Console

        # Piped or redirected output (a log file, a script) is not squeezed to 80 columns.
        tty = sys.stdout.isatty()
        _out = Console(highlight=False, width=None if tty or os.environ.get("COLUMNS") else 120)
    return _out


def err() -> Console:
    """Console for messages and errors (stderr)."""
    global _err
    if _err is None:
        from rich.console import Console

        _err = Console(stderr=True, highlight=False)
    return _err


def error_panel(message: str, hint: str | None = None, title: str | None = None) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from xingxian_cli.messages import common as M

    body = Text(message)
    if hint:
        body.append("\n" + hint, style="yellow")
    err().print(Panel(body, title=title or M.ERR_TITLE, border_style="red", title_align="left"))


def diagnostics_panel(diags: list[Diagnostic], title: str | None = None) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from xingxian_cli.messages import common as M

    body = Text()
    for i, d in enumerate(diags):
        if i:
            body.append("\n")
        body.append(d.location() + ": " if d.location() else "", style="bold")
        body.append(d.message)
        if d.hint:
            body.append(" — " + d.hint, style="yellow")
    err().print(Panel(body, title=title or M.ERR_DATA_TITLE, border_style="red", title_align="left"))
