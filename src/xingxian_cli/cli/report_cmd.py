"""The ``xx report`` command (ranked workbooks for the leadership and payroll)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xingxian_cli.cli.app import app
from xingxian_cli.cli.commands import QuarterOpt, parse_quarter, workspace_context
from xingxian_cli.messages import report as msg

if TYPE_CHECKING:
    from xingxian_cli.services.report import ReportResult

_SHOWN = 3  # townships shown at the top and at the bottom of the ranking


@app.command("report", help=msg.HELP)
def report(
    quarter: QuarterOpt,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=msg.OPT_OUTPUT)] = None,
    per_township: Annotated[Path | None, typer.Option("--per-township", help=msg.OPT_PER_TOWNSHIP)] = None,
    unmask: Annotated[bool, typer.Option("--unmask", help=msg.OPT_UNMASK)] = False,
) -> None:
    from xingxian_cli.cli.console import error_panel
    from xingxian_cli.io.report_writer import ReportWriteError
    from xingxian_cli.services.report import NothingToReport, check_targets, make_report

    q = parse_quarter(quarter)
    check_targets(output, per_township)  # before opening the workspace: a usage error is exit 2
    try:
        with workspace_context() as ctx:
            result = make_report(ctx, q, output=output, per_township=per_township, unmask=unmask)
    except NothingToReport:
        error_panel(msg.ERR_NOTHING.format(quarter=q))
        raise typer.Exit(1) from None
    except ReportWriteError as exc:
        error_panel(msg.ERR_WRITE.format(path=exc.path, reason=exc.reason))
        raise typer.Exit(1) from None
    _summary(result)


def _summary(result: ReportResult) -> None:
    from rich.table import Table

    from xingxian_cli.cli.console import out

    o = result.outcome
    c = out()
    c.print(msg.SUMMARY_TITLE.format(quarter=o.quarter), style="bold")
    towns = o.townships
    top = towns[:_SHOWN]
    bottom = towns[-_SHOWN:] if len(towns) > _SHOWN else []
    bottom = [t for t in bottom if t not in top]
    for title, rows in ((msg.SUMMARY_TOP, top), (msg.SUMMARY_BOTTOM, bottom)):
        if not rows:
            continue
        t = Table(title=title.format(n=len(rows)), title_justify="left")
        for i, col in enumerate(msg.SUMMARY_TOWN_COLS):
            t.add_column(col, justify="right" if i in (0, 2) else "left")
        for row in rows:
            t.add_row(str(row.rank), row.township, f"{row.rate_rounded:.2%}",
                      msg.SUBMITTED if row.submitted else msg.MISSING)
        c.print(t)
    c.print(msg.SUMMARY_COUNTS.format(n=len(o.cadres), rated=o.count("rated"), unrated=o.count("unrated"),
                                      vetoed=o.count("vetoed")))
    dist = o.star_distribution()
    c.print(msg.SUMMARY_DIST.format(
        dist="，".join(msg.SUMMARY_DIST_ITEM.format(stars=k, n=v) for k, v in sorted(dist.items(), reverse=True))
    ))
    pay, bonus = o.total_pay, o.total_bonus
    c.print(msg.SUMMARY_PAY.format(pay=pay, bonus=bonus, total=pay + bonus), style="bold")
    if o.missing:
        c.print(msg.SUMMARY_MISSING.format(n=len(o.missing), names="、".join(o.missing)), style="yellow")
    if result.county is not None:
        c.print(msg.SUMMARY_WRITTEN.format(path=result.county.path), style="green")
    if result.townships:
        c.print(msg.SUMMARY_PER_TOWNSHIP.format(n=len(result.townships), dir=result.townships[0].path.parent),
                style="green")
    if any(f.unmasked for f in [result.county, *result.townships] if f is not None):
        c.print(msg.SUMMARY_UNMASKED, style="yellow")
    c.print(msg.SUMMARY_SECONDS.format(seconds=result.seconds), style="dim")
