"""The ``xx report`` command (ranked workbooks for the leadership and payroll)."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Annotated

import typer

from xingxian_cli.cli.app import app
from xingxian_cli.cli.commands import QuarterOpt, parse_quarter, workspace_context
from xingxian_cli.cli.usage import refuse_quoted_path
from xingxian_cli.messages import common as M
from xingxian_cli.messages import report as msg


@app.command("report", help=msg.HELP, short_help=msg.SHORT_HELP)
def report(
    quarter: QuarterOpt,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=msg.OPT_OUTPUT, callback=refuse_quoted_path)] = None,
    per_township: Annotated[Path | None, typer.Option("--per-township", help=msg.OPT_PER_TOWNSHIP, callback=refuse_quoted_path)] = None,
    unmask: Annotated[bool, typer.Option("--unmask", help=msg.OPT_UNMASK)] = False,
) -> None:
    from xingxian_cli.cli import render
    from xingxian_cli.cli.console import error_panel
    from xingxian_cli.io.report_writer import ReportWriteError
    from xingxian_cli.services.report import NothingToReport, check_targets, make_report

    q = parse_quarter(quarter)
    check_targets(output, per_township)  # before opening the workspace: a usage error is exit 2
    try:
        with workspace_context() as ctx:
            with render.writing_progress(M.REPORT_PROGRESS) as bar:
                result = make_report(ctx, q, output=output, per_township=per_township, unmask=unmask,
                                     on_workbook=bar.step)
    except NothingToReport:
        error_panel(msg.ERR_NOTHING.format(quarter=q))
        raise typer.Exit(1) from None
    except ReportWriteError as exc:
        cause = exc.os_error
        if Path(exc.path).is_dir():
            hint = msg.ERR_WRITE_HINT_FOLDER
        elif isinstance(cause, (NotADirectoryError, FileNotFoundError)):
            hint = msg.ERR_WRITE_HINT_PATH  # 文件.txt/r.xlsx: no program holds anything open
        elif cause is None or isinstance(cause, PermissionError):
            hint = msg.ERR_WRITE_HINT
        elif getattr(cause, "errno", None) == errno.ENOSPC:
            hint = M.ERR_DISK_FULL_HINT  # (review R133: template, annotate and backup said so, report not)
        else:
            hint = ""  # a read-only disk: the reason says it all
        error_panel(msg.ERR_WRITE.format(path=exc.path, reason=exc.reason, hint=hint),
                    (msg.ERR_WRITE_PARTLY_FULL if hint == M.ERR_DISK_FULL_HINT else msg.ERR_WRITE_PARTLY).format(
                        paths="、".join(map(str, exc.written))) if exc.written else None)
        raise typer.Exit(2) from None  # the machine's part (a file open in Excel, a read-only folder), as README says
    render.report_summary(result)
