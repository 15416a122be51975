"""``xx db``: schema version and upgrade of the workspace's database."""

from __future__ import annotations

from typing import Annotated

import typer

from xingxian_cli.cli.app import app, state
from xingxian_cli.messages import database as DBM

db_app = typer.Typer(help=DBM.HELP_DB, no_args_is_help=True)
app.add_typer(db_app, name="db")

DbOpt = Annotated[str | None, typer.Option("--db", help=DBM.OPT_DB_URL)]


@db_app.command("upgrade", help=DBM.HELP_DB_UPGRADE)
def upgrade(db: DbOpt = None) -> None:
    from xingxian_cli.cli.console import out
    from xingxian_cli.services.database import upgrade_database

    res = upgrade_database(state.workspace, db)
    c = out()
    if res.found is None:
        c.print(DBM.UPGRADE_CREATED.format(expected=res.now, url=res.url), style="green")
    elif res.changed:
        c.print(DBM.UPGRADE_DONE.format(found=res.found, expected=res.now, url=res.url), style="green")
    else:
        c.print(DBM.UPGRADE_NOTHING.format(expected=res.now, url=res.url))
    if res.kept_copy is not None:
        c.print(DBM.UPGRADE_BACKUP.format(path=res.kept_copy), style="dim")


@db_app.command("status", help=DBM.HELP_DB_STATUS)
def status(db: DbOpt = None) -> None:
    from xingxian_cli.cli.console import out
    from xingxian_cli.services.database import database_status

    st = database_status(state.workspace, db)
    c = out()
    c.print(DBM.STATUS_URL.format(url=st.url))
    c.print(DBM.STATUS_KIND.format(kind=DBM.KIND_NAMES.get(st.dialect, st.dialect)))
    if st.found is None:
        c.print(DBM.STATUS_SCHEMA_EMPTY.format(expected=st.expected))
    else:
        c.print(DBM.STATUS_SCHEMA.format(found=st.found, expected=st.expected))
    if st.county:
        c.print(DBM.STATUS_COUNTY.format(county=st.county, submissions=st.submissions, runs=st.score_runs))
    if st.other_counties:
        c.print(DBM.STATUS_OTHER_COUNTIES.format(county=st.county, found="、".join(st.other_counties)), style="yellow")
    if st.recorded_name:
        c.print(DBM.STATUS_OTHER_NAME.format(code=st.county, recorded=st.recorded_name), style="yellow")
    if st.needs_upgrade:
        c.print(DBM.STATUS_NEEDS_UPGRADE, style="yellow")


@db_app.command("move", help=DBM.HELP_DB_MOVE)
def move(url: Annotated[str, typer.Argument(help=DBM.ARG_MOVE_URL, show_default=False,
                                            metavar=DBM.ARG_MOVE_URL_NAME)]) -> None:
    from xingxian_cli.cli.console import err, out
    from xingxian_cli.io.workspace import DB_NAME, find_workspace
    from xingxian_cli.services.database import move_to_server

    res = move_to_server(state.workspace, url)
    c, n = out(), res.counts
    county = find_workspace(state.workspace).county_name
    if res.resumed:
        c.print(DBM.MOVE_RESUMED.format(county=county, url=res.url), style="green")
    else:
        c.print(DBM.MOVE_DONE.format(county=county, url=res.url, submissions=n["submission"], facts=res.facts,
                                     runs=n["score_run"], audit=n["audit_log"]), style="green")
    c.print(DBM.MOVE_KEPT.format(path=res.kept), style="dim")
    if res.left:
        err().print(DBM.MOVE_LEFT.format(name=DB_NAME), style="yellow")
    if res.password_kept:
        err().print(DBM.MOVE_PASSWORD_KEPT, style="yellow")
