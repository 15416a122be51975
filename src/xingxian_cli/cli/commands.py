"""Command bodies: parse options, call one service, render, set the exit code."""

from __future__ import annotations

import errno
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from xingxian_cli.cli.app import app, state
from xingxian_cli.cli.console import errors_as_json, print_json
from xingxian_cli.cli.usage import refuse_quoted_path
from xingxian_cli.errors import UsageError
from xingxian_cli.messages import common as M

registry_app = typer.Typer(help=M.HELP_REGISTRY, no_args_is_help=True)
policy_app = typer.Typer(help=M.HELP_POLICY, no_args_is_help=True)
app.add_typer(registry_app, name="registry")
app.add_typer(policy_app, name="policy")


class OutFormat(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    json = "json"
    yaml = "yaml"


QuarterOpt = Annotated[str, typer.Option("--quarter", "-q", help=M.OPT_QUARTER)]


def parse_quarter(text: str):  # type: ignore[no-untyped-def]
    from xingxian_cli.domain.period import Quarter

    try:
        return Quarter.parse(text)
    except ValueError:
        raise UsageError(M.ERR_BAD_QUARTER.format(value=text)) from None


def require_file(path: Path | None) -> None:
    """A file named on the command line that is not there is a wrong argument (exit 2)."""
    if path is not None and not path.is_file():
        raise UsageError((M.ERR_PATH_IS_DIR if path.is_dir() else M.ERR_FILE_MISSING).format(path=path))
    from xingxian_cli.services.importing import is_lock_file

    if path is not None and is_lock_file(path):  # ~$名录.xlsx: said as validate says it (review R119)
        raise UsageError(M.ERR_LOCK_FILE_GIVEN.format(path=path))


def workspace_context():  # type: ignore[no-untyped-def]
    from xingxian_cli.io import store
    from xingxian_cli.services.context import open_context

    store.waiting_hook = _say_waiting  # a colleague's import holding the database: said, not a silent minute
    return open_context(state.workspace)


def _say_waiting() -> None:
    from xingxian_cli.cli.console import err
    from xingxian_cli.io import store
    from xingxian_cli.messages import database as DBM

    err().print(DBM.WAITING.format(seconds=store.BUSY_TIMEOUT_S), style="yellow")
    store.waiting_hook = None  # said once: the command's later writes wait quietly


# --- init ---------------------------------------------------------------------------
@app.command(help=M.HELP_INIT)
def init(
    directory: Annotated[Path | None, typer.Argument(help=M.ARG_WORKSPACE_DIR, show_default=False, callback=refuse_quoted_path)] = None,
    registry: Annotated[Path | None, typer.Option("--registry", help=M.OPT_REGISTRY, callback=refuse_quoted_path)] = None,
    policy: Annotated[Path | None, typer.Option("--policy", help=M.OPT_POLICY, callback=refuse_quoted_path)] = None,
    db: Annotated[str | None, typer.Option("--db", help=M.OPT_DB)] = None,
    county: Annotated[str | None, typer.Option("--county", help=M.OPT_COUNTY)] = None,
    county_code: Annotated[str | None, typer.Option("--county-code", help=M.OPT_COUNTY_CODE)] = None,
) -> None:
    from xingxian_cli.cli.console import err, out
    from xingxian_cli.services.workspace import NextStep, init_folder, init_workspace

    directory = init_folder(directory, state.workspace)
    require_file(registry)
    require_file(policy)
    res = init_workspace(directory, registry_file=registry, policy_file=policy, database_url=db,
                         county=county, county_code=county_code)
    c = out()
    c.print((M.INIT_CREATED if res.created else M.INIT_EXISTS).format(root=res.workspace.root), style="green")
    if res.enclosing is not None and res.next_step is not NextStep.ENV:
        from xingxian_cli.io.workspace import CONFIG_NAME

        err().print(M.INIT_NESTED.format(outer=res.enclosing, root=res.workspace.root, config=CONFIG_NAME),
                    style="yellow")
    c.print(M.INIT_COUNTY.format(name=res.workspace.county_name, code=res.workspace.county))
    c.print(M.INIT_DATABASE.format(url=M.INIT_DATABASE_LOCAL if res.database_shown is None else res.database_shown))
    if res.password_kept:
        err().print(M.INIT_PASSWORD_KEPT, style="yellow")
    c.print(M.INIT_POLICY.format(name=res.policy.name, version=res.policy.version))
    c.print(M.INIT_REGISTRY.format(townships=len(res.registry.townships), villages=len(res.registry.villages))
            + (M.INIT_REGISTRY_SAMPLE if res.sample_registry else ""))
    _registry_notes(res.codes_kept, res.warnings)
    from xingxian_cli.domain.text import shell_arg

    if res.created and res.sample_registry:  # the county's own villages before any template goes out
        c.print(M.INIT_NEXT_REGISTRY.format(root=shell_arg(res.workspace.root)), style="yellow", soft_wrap=True)
    if res.created:
        from datetime import date

        from xingxian_cli.domain.period import Quarter
        from xingxian_cli.domain.text import path_before_quote

        hint = {NextStep.ENV: M.INIT_NEXT_ENV, NextStep.HERE: M.INIT_NEXT_HERE, NextStep.CD: M.INIT_NEXT}[res.next_step]
        meant = path_before_quote(str(res.env_workspace or ""))
        if res.next_step is NextStep.ENV and meant is not None:  # cmd's set kept its quotes (review R130)
            hint = M.INIT_NEXT_ENV_QUOTED
        c.print(hint.format(dir=shell_arg(directory), root=shell_arg(res.workspace.root), env=res.env_workspace,
                            quarter=Quarter.of(date.today()), meant=meant), style="dim", soft_wrap=True)
    else:  # an existing workspace: say which files were put in, and what keeps its own
        applied = [opt for opt, given in (("--policy", policy and not res.policy_unchanged), ("--registry", registry))
                   if given]
        if applied:
            c.print(M.INIT_APPLIED.format(options=" ".join(applied)), style="green")
        if res.policy_unchanged:
            c.print(M.INIT_POLICY_SAME, style="dim")
        if res.policy_kept is not None:
            c.print(M.INIT_POLICY_KEPT.format(path=res.policy_kept, again=shell_arg(res.policy_kept),
                                              root=shell_arg(res.workspace.root)), style="dim", soft_wrap=True)
        if res.policy_stale:
            from xingxian_cli.cli import render

            c.print(M.INIT_POLICY_STALE, style="yellow")  # over its tables, on the same stream
            for quarter, found in res.policy_stale:
                # by file: a row number is of one township's workbook (review R120)
                files = dict.fromkeys(d.file for d in found)
                for file in files:
                    title = M.INIT_POLICY_STALE_TITLE.format(quarter=quarter) + (f" › {file}" if file else "")
                    render.diagnostic_tables(title, [d for d in found if d.file == file])
        if res.kept:
            c.print(M.REGISTRY_KEEPS.format(quarters=M.LIST_SEP.join(res.kept), first=res.kept[0]), style="yellow")


# --- registry -----------------------------------------------------------------------
@registry_app.command("import", help=M.HELP_REGISTRY_IMPORT)
def registry_import(
    file: Annotated[Path, typer.Argument(help=M.ARG_REGISTRY_FILE, show_default=False, callback=refuse_quoted_path)],
    force: Annotated[bool, typer.Option("--force", help=M.OPT_REGISTRY_FORCE)] = False,
) -> None:
    from xingxian_cli.cli.console import out
    from xingxian_cli.services.registry import import_registry

    require_file(file)
    with workspace_context() as ctx:
        res = import_registry(ctx, file, force=force)
    reg = res.registry
    out().print(M.REGISTRY_IMPORTED.format(townships=len(reg.townships), villages=len(reg.villages)), style="green")
    if res.affected:
        out().print(M.REGISTRY_AFFECTS.format(quarters=M.LIST_SEP.join(res.affected)), style="yellow")
    if res.kept:
        out().print(M.REGISTRY_KEEPS.format(quarters=M.LIST_SEP.join(res.kept), first=res.kept[0]), style="yellow")
    _registry_notes(res.codes_kept, res.warnings)


def _registry_notes(codes_kept: int, warnings: list[Any]) -> None:
    """What a registry loaded (by registry import or init --registry) kept, or looks wrong for."""
    from xingxian_cli.cli.console import err, out, warning_lines

    if codes_kept:
        out().print(M.REGISTRY_CODES_KEPT.format(n=codes_kept), style="yellow")
    warning_lines(warnings, err())  # another county's 区划代码


@registry_app.command("show", help=M.HELP_REGISTRY_SHOW)
def registry_show(
    township: Annotated[str | None, typer.Option("--township", "-t", help=M.OPT_REGISTRY_TOWNSHIP)] = None,
) -> None:
    from xingxian_cli.cli.render import registry_table, village_table
    from xingxian_cli.services.context import resolve_township
    from xingxian_cli.services.registry import registry_summary

    with workspace_context() as ctx:
        if township:
            town = resolve_township(ctx.registry, township)
            village_table(town, ctx.registry.by_township[town])
            return
        rows = registry_summary(ctx.registry)
    registry_table(rows)


# --- policy -------------------------------------------------------------------------
@policy_app.command("show", help=M.HELP_POLICY_SHOW)
def policy_show() -> None:
    from xingxian_cli.cli.render import policy_tree

    with workspace_context() as ctx:
        policy_tree(ctx.policy)


@policy_app.command("check", help=M.HELP_POLICY_CHECK)
def policy_check(file: Annotated[Path, typer.Argument(help=M.ARG_POLICY_FILE, show_default=False, callback=refuse_quoted_path)]) -> None:
    from xingxian_cli.cli.console import diagnostics_panel, out, warning_lines
    from xingxian_cli.services.policy import check_policy, policy_defaults

    require_file(file)  # a wrong argument, not a wrong policy
    pol, problems = check_policy(file)
    if pol is None:
        diagnostics_panel(problems, title=M.POLICY_BAD.format(n=len(problems)))
        raise typer.Exit(1)
    out().print(
        M.POLICY_OK.format(tasks=len(pol.tasks), task_areas=len(pol.task_areas), measures=len(pol.measures),
                           measure_areas=len(pol.measure_areas), village=len(pol.village_measures)),
        style="green",
    )
    if defaults := policy_defaults(pol):  # numbers the file leaves to the tool: said, not silently taken
        items = [(M.POLICY_DEFAULT_ITEM_MANY if n > 1 else M.POLICY_DEFAULT_ITEM).format(field=f, value=v, n=n)
                 for f, v, n in defaults]
        out().print(M.POLICY_DEFAULTS.format(items=M.LIST_SEP_COMMA.join(items)), style="yellow")
    warning_lines(problems, out())  # the policy works, but part of a rule has no effect


@policy_app.command("export", help=M.HELP_POLICY_EXPORT)
def policy_export(
    fmt: Annotated[ExportFormat | None, typer.Option("--format", "-f", help=M.OPT_FORMAT_EXPORT,
                                                      show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=M.OPT_EXPORT_OUTPUT, callback=refuse_quoted_path)] = None,
) -> None:
    from xingxian_cli.cli.console import err, errors_as_json
    from xingxian_cli.services.policy import export, policy_to_export, write_export

    errors_as_json(fmt is ExportFormat.json)  # as written (review R137: -o 文件夹 alone printed a JSON error)
    if fmt is None:  # -o 方案.yaml writes YAML (review R69: it wrote JSON into a .yaml file)
        yaml_out = output is not None and output.suffix.lower() in (".yaml", ".yml")
        fmt = ExportFormat.yaml if yaml_out else ExportFormat.json
    if output is not None and (output.is_dir() or output.suffix.lower() == ".toml"):
        from xingxian_cli.domain.text import shell_arg

        if output.is_dir():
            example = shell_arg(output / M.EXAMPLE_POLICY_FILE.format(suffix=fmt.value))
            raise UsageError(M.ERR_OUTPUT_IS_DIR.format(path=output, example=example))
        raise UsageError(M.ERR_EXPORT_SUFFIX.format(suffix=output.suffix, example=shell_arg(output.with_suffix(".yaml"))))
    text = export(policy_to_export(state.workspace), fmt.value)
    if output is None:
        typer.echo(text)
        return
    # Written as UTF-8 whatever the console's code page: PowerShell's > would re-encode it.
    write_export(output, text)
    err().print(M.EXPORT_WRITTEN.format(path=output))


# --- template -----------------------------------------------------------------------
@app.command(help=M.HELP_TEMPLATE)
def template(
    quarter: QuarterOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help=M.OPT_OUTPUT_DIR, callback=refuse_quoted_path)],
    township: Annotated[str | None, typer.Option("--township", "-t", help=M.OPT_TOWNSHIP)] = None,
    all_: Annotated[bool, typer.Option("--all", help=M.OPT_ALL)] = False,
    force: Annotated[bool, typer.Option("--force", help=M.OPT_TEMPLATE_FORCE)] = False,
) -> None:
    from collections import Counter

    from xingxian_cli.cli.console import out
    from xingxian_cli.services.template import make_templates

    q = parse_quarter(quarter)
    if not township and not all_:
        raise UsageError(M.ERR_TEMPLATE_TARGET)
    if township and all_:
        raise UsageError(M.ERR_TEMPLATE_BOTH)
    with workspace_context() as ctx:
        res = make_templates(ctx, q, None if all_ else township, output, force=force)
    c = out()
    for p in res.paths:
        c.print(str(p))
    c.print(M.TEMPLATE_WRITTEN.format(n=len(res.paths), dir=output), style="green")
    if res.replaced:  # a returned workbook, maybe: the officer sees which were overwritten
        c.print(M.TEMPLATE_REPLACED.format(n=len(res.replaced), names=M.LIST_SEP.join(p.name for p in res.replaced)),
                style="yellow")
    for q_from, n in sorted(Counter(res.prefilled_from.values()).items(), reverse=True):
        c.print(M.TEMPLATE_PREFILLED.format(n=n, quarter=q_from), style="dim")
    # They type their whole roster again: said when others were pre-filled, or of the one asked for.
    if res.blank and (res.prefilled or township):
        c.print(M.TEMPLATE_NOT_PREFILLED.format(n=len(res.blank), quarter=q, names=M.LIST_SEP.join(res.blank)),
                style="yellow")
    # kept in their township with a village the registry no longer names; of a township merged
    # away, in a village the new registry names twice or not at all
    for template, cadres in ((M.TEMPLATE_STALE, res.stale), (M.TEMPLATE_UNPLACED, res.unplaced)):
        if cadres:
            shown = [M.TEMPLATE_UNPLACED_ITEM.format(name=x.name, township=x.township, village=x.village)
                     for x in cadres[:10]]
            c.print(template.format(n=len(cadres), items=M.LIST_SEP.join(shown), more="……" if len(cadres) > 10 else ""),
                    style="yellow")
    if res.unknown_posts:  # a post the quarter's policy renamed or dropped
        c.print(M.TEMPLATE_POSTS_UNKNOWN.format(
            n=sum(res.unknown_posts.values()), quarter=q,
            items=M.LIST_SEP.join(M.TEMPLATE_POST_ITEM.format(post=p, n=n) for p, n in res.unknown_posts.items())),
            style="yellow")


# --- score --------------------------------------------------------------------------
def _masked_argument(argument: str) -> str:
    """``--explain``'s argument as shown or logged without --unmask: an ID (digits, a final X,
    of any length: one typed a digit too many, R81) masked; a name, even in Latin letters, as
    written, but for an ID pasted into it."""
    from xingxian_cli.domain.ids import mask_id, mask_private_in

    raw = argument.strip()
    compact = "".join(raw.replace("-", " ").split())  # 141123 19630119 5957: grouped, wrong check digit (R146)
    return mask_id(compact) if len(compact) > 8 and compact[:-1].isdigit() else mask_private_in(raw)


_CANDIDATES_SHOWN = 10  # cadres --explain lists when several match; the rest are counted, by township


@app.command(help=M.HELP_SCORE)
def score(
    quarter: QuarterOpt,
    township: Annotated[str | None, typer.Option("--township", "-t", help=M.OPT_SCORE_TOWNSHIP)] = None,
    explain_id: Annotated[str | None, typer.Option("--explain", help=M.OPT_EXPLAIN)] = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help=M.OPT_FORMAT)] = OutFormat.table,
    unmask: Annotated[bool, typer.Option("--unmask", help=M.OPT_UNMASK)] = False,
    allow_missing: Annotated[bool, typer.Option("--allow-missing", help=M.OPT_ALLOW_MISSING)] = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help=M.OPT_LIMIT)] = 50,
    rescore: Annotated[bool, typer.Option("--rescore", help=M.OPT_RESCORE)] = False,
) -> None:
    from xingxian_cli.cli import render
    from xingxian_cli.cli.console import error_panel
    from xingxian_cli.services.context import (
        find_township,
        for_quarter,
        kept_policy,
        kept_registry,
        record_unmask,
        resolve_township,
    )
    from xingxian_cli.services.scoring import (
        explain_cadre,
        score_document,
        score_quarter,
        score_table,
    )
    from xingxian_cli.services.township import (
        explain_task,
        explain_township,
        explain_village,
        find_villages,
        named_then,
        place_named,
    )

    errors_as_json(fmt is OutFormat.json)
    q = parse_quarter(quarter)
    if explain_id is not None and not explain_id.strip():  # --explain "" (a script's empty variable)
        raise UsageError(M.SCORE_EXPLAIN_EMPTY)
    scored: list[Any] = []  # a quarter scored afresh by --format json or --explain: its notes follow
    with workspace_context() as whole:
        # the quarter's own policy: the one its stored results were scored by, unless --rescore
        ctx = for_quarter(whole, q, rescore=rescore)
        kept, kept_villages = kept_policy(ctx), kept_registry(ctx)
        if township and kept_villages is not None and find_township(ctx.registry, township) is None \
                and find_township(whole.registry, township) is not None:  # added since the quarter was kept (R93)
            raise UsageError(M.SCORE_PLACE_IN_NEWER_REGISTRY.format(arg=township.strip(), quarter=q,
                                                                     kind=M.PLACE_KIND_TOWNSHIP))
        town = resolve_township(ctx.registry, township) if township else None
        if unmask:
            # who was looked at, masked: the log itself holds no full ID (review R79), nor one
            # mistyped with a digit too many or too few (R81; no digest either: with the mask it gives
            # the ID back in a second); what else was asked tells one township's three rows from
            # the whole county's JSON (R141)
            record_unmask(ctx, {"command": "score", "quarter": str(q), "township": town, "format": fmt.value,
                                "limit": limit if fmt is OutFormat.table and not explain_id else None,
                                "explain": _masked_argument(explain_id) if explain_id else None})
        # An unchanged quarter's table, document and explanations come from its stored run.
        found: Any
        # --explain 蔚汾镇, T01 or 城东社区: a township's, a task's or a village's figures; else a cadre
        place, task, village = place_named(ctx, explain_id, town) if explain_id else (None, None, None)
        if rescore and (place or task or village):  # --rescore stores the quarter rescored, whatever is shown
            rescored = score_quarter(ctx, q, allow_missing=allow_missing)
            scored += [rescored] if rescored.submitted else []
        status_values = ctx.policy.completion.status_values
        n_towns, n_villages = len(ctx.registry.townships), len(ctx.registry.villages)
        if place is not None:  # the township's completion rate and rank
            found = explain_township(ctx, q, place)
        elif task is not None:  # the key task's county completion
            found = explain_task(ctx, q, task)
        elif village is not None:  # the village's rank
            found = explain_village(ctx, q, *village)
        elif explain_id:
            found = explain_cadre(ctx, q, explain_id, unmask=unmask, allow_missing=allow_missing, township=town,
                                  on_scored=scored.append)
        elif fmt is OutFormat.json:
            found = score_document(ctx, q, township=town, unmask=unmask, allow_missing=allow_missing,
                                   on_scored=scored.append)
        else:
            found = score_table(ctx, q, township=town, limit=limit, allow_missing=allow_missing)
        max_stars = ctx.policy.star_rules.max_stars
        n_deduction_measures = len(ctx.policy.star_rules.deductions.measures)
    if found is None:
        error_panel(M.SCORE_NOTHING.format(quarter=q))
        raise typer.Exit(1)
    try:
        if place is not None or task is not None or village is not None:
            if fmt is OutFormat.json:
                print_json(found.document())
            elif place is not None:
                render.explain_township(found, status_values)
            elif task is not None:
                render.explain_task(found, n_towns, n_villages)
            else:
                render.explain_village(found, status_values, max_stars)
        elif explain_id:
            if found.cadre is None and found.candidates:  # a masked ID or a name several cadres share
                # (imported here, not at start-up: `xx --help` stays light)
                from xingxian_cli.domain.text import listed

                raise UsageError(M.SCORE_MANY_CADRES.format(
                    arg=explain_id, n=len(found.candidates), quarter=q,
                    # --township helps only when they are in more than one, and none was given
                    township=M.SCORE_MANY_CADRES_TOWNSHIP if town is None and len({c[2] for c in found.candidates}) > 1
                    else "",
                    names="；".join(M.SCORE_CANDIDATE.format(id=i, name=n, township=t, village=v)
                                   for i, n, t, v in found.candidates[:_CANDIDATES_SHOWN]) + (
                        M.SCORE_CANDIDATES_MORE.format(n=len(found.candidates) - _CANDIDATES_SHOWN, townships=listed(
                            dict.fromkeys(t for _i, _n, t, _v in found.candidates[_CANDIDATES_SHOWN:])))
                        if len(found.candidates) > _CANDIDATES_SHOWN else "")))
            if found.cadre is None and found.waiting is not None:  # last quarter's; the township has not sent
                name, town_, village = found.waiting
                raise UsageError(M.SCORE_CADRE_WAITING.format(name=name, township=town_, village=village, quarter=q))
            shown = explain_id.strip() if unmask else _masked_argument(explain_id)
            if found.cadre is None and found.elsewhere:  # --township names where they are not (moved away)
                raise UsageError(M.SCORE_CADRE_ELSEWHERE.format(
                    arg=shown, township=town,
                    places="；".join(M.SCORE_PLACE.format(name=n, township=t, village=v) for n, t, v in found.elsewhere)))
            if found.cadre is None and found.namesake is not None:  # last quarter's ID, another one now?
                name, town_, village, now = found.namesake
                raise UsageError(M.SCORE_CADRE_NAMESAKE.format(arg=shown, name=name, township=town_, village=village,
                                                               now=now, quarter=q))
            if found.cadre is None and found.left is not None:  # last quarter's, off the roster now
                name, town_, village, before = found.left
                raise UsageError(M.SCORE_CADRE_LEFT.format(arg=shown, name=name, township=town_, village=village,
                                                           quarter=q, previous=before)
                                 + (M.SCORE_CADRE_LEFT_UNSENT.format(n=len(found.unsent), quarter=q,
                                                                     townships=M.LIST_SEP.join(found.unsent))
                                    if found.unsent else ""))
            if found.cadre is None and kept_villages is not None and (
                    newer := find_township(whole.registry, explain_id) or find_villages(whole.registry, explain_id, town)):
                # a place of the workspace's registry, not of the one the quarter keeps (review R92);
                # a village renamed since is said by the name it had then (review R128)
                then = named_then(ctx.registry, whole.registry, newer) if isinstance(newer, list) else []
                if then:
                    raise UsageError(M.SCORE_VILLAGE_RENAMED_SINCE.format(
                        arg=explain_id.strip(), quarter=q, old=then[0][1], township=then[0][0]))
                raise UsageError(M.SCORE_PLACE_IN_NEWER_REGISTRY.format(
                    arg=explain_id.strip(), quarter=q,
                    kind=M.PLACE_KIND_TOWNSHIP if isinstance(newer, str) else M.PLACE_KIND_VILLAGE))
            if found.cadre is None:  # a wrong argument, not wrong data
                raise UsageError(M.SCORE_NO_CADRE.format(pid=shown) + render.names_near(found.near))
            if fmt is OutFormat.json:
                print_json(found.document())
            else:
                render.explain(found, max_stars=max_stars, deduction_measures=n_deduction_measures)
        elif fmt is OutFormat.json:
            print_json(found)
            if found["missing"]:  # what the table says under it, said on stderr beside the document
                render.missing_note(found["missing"])
        else:
            render.score_table(found, unmask=unmask, max_stars=max_stars)
    finally:  # also when --explain names no one: the quarter was scored all the same
        for o in scored:
            render.scored_notes(o)
        if kept is not None:
            render.policy_kept_note(q, *kept)
        render.registry_kept_note(q, kept_villages)


# --- validate -----------------------------------------------------------------------
@app.command(help=M.HELP_VALIDATE)
def validate(
    # readable=False: an unreadable file is that file's problem (file-unreadable), not a usage error
    files: Annotated[list[Path], typer.Argument(help=M.ARG_WORKBOOKS, show_default=False, readable=False)],
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help=M.OPT_VALIDATE_QUARTER)] = None,
    annotate: Annotated[Path | None, typer.Option("--annotate", help=M.OPT_ANNOTATE, callback=refuse_quoted_path)] = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help=M.OPT_FORMAT)] = OutFormat.table,
) -> None:
    from xingxian_cli.cli import render
    from xingxian_cli.cli.console import error_panel
    from xingxian_cli.errors import os_error_reason
    from xingxian_cli.services.importing import expand_paths, open_in_office, unread_in
    from xingxian_cli.services.validate import (
        annotate_files,
        check_annotate_dir,
        validate_in_workspace,
    )

    errors_as_json(fmt is OutFormat.json)
    q = parse_quarter(quarter) if quarter else None
    paths = expand_paths(files)
    if annotate is not None:
        check_annotate_dir(annotate, paths)
    with workspace_context() as ctx:
        # without a quarter, each file is checked against the quarter its 基本信息 names
        res = validate_in_workspace(ctx, paths, q)
    written, failed, kept = None, [], []
    if annotate is not None:
        with render.writing_progress(M.ANNOTATE_PROGRESS) as bar:
            done = annotate_files(res, annotate, on_file=bar.step)
        written, failed, kept = done.paths, done.failed, done.kept
    unread = unread_in(files, paths)
    opened = open_in_office(paths)
    if fmt is OutFormat.json:
        doc = res.to_json()
        doc["open_in_office"] = [str(p) for p in opened]  # read as last saved: edits since are not in it
        # what a folder given holds and was not read: subfolders, archives (files: workbooks not beside it)
        doc["unread"] = [{"path": str(u.path), "kind": "folder" if u.path.is_dir() else "archive", "files": u.files}
                         for u in unread]
        if written is not None:
            doc["annotated"] = [None if p is None else str(p) for p in written]
            for entry, p in zip(doc["files"], written, strict=True):  # each file's own copy, beside it
                entry["annotated"] = None if p is None else str(p)
            doc["annotate_failed"] = [{"path": str(p), "reason": os_error_reason(exc)} for p, exc in failed]
            doc["annotate_kept"] = [{"path": str(p), "written": str(w)} for p, w in kept]
        print_json(doc)
    else:
        render.validation(res.files, written)
        render.annotate_kept(kept)
        render.unread(unread, M.VERB_VALIDATE)
        render.open_in_office(opened, M.VERB_VALIDATE)
        from xingxian_cli.domain.text import listed

        full = [path for path, exc in failed if exc.errno == errno.ENOSPC]
        if len(full) > 1:  # one word for them all, not a panel each (review R136)
            error_panel(M.ERR_ANNOTATE_FULL.format(n=len(full), folder=full[0].parent,
                                                   names=listed([p.name for p in full])), M.ERR_DISK_FULL_HINT)
        for path, exc in failed:
            if len(full) > 1 and exc.errno == errno.ENOSPC:
                continue
            hint = (M.ERR_DISK_FULL_HINT if exc.errno == errno.ENOSPC
                    else M.ERR_OS_HINT_NAMED_FOLDER if _is_folder(path) else M.ERR_ANNOTATE_FAILED_HINT)
            error_panel(M.ERR_ANNOTATE_FAILED.format(path=path, reason=os_error_reason(exc)), hint)
    for checked_q, (policy_kept, registry_kept) in sorted(res.kept.items()):
        if policy_kept is not None:
            render.policy_kept_note(checked_q, *policy_kept, checked=True)
        render.registry_kept_note(checked_q, registry_kept, checked=True)
    # the data's errors first (1); a copy the machine would not let be written is its part (2)
    raise typer.Exit(1 if not res.valid else 2 if failed else 0)


# --- import -------------------------------------------------------------------------
@app.command("import", help=M.HELP_IMPORT)
def import_(
    # readable=False: an unreadable file is that file's problem (file-unreadable), not a usage error
    files: Annotated[list[Path], typer.Argument(help=M.ARG_WORKBOOKS, show_default=False, readable=False)],
    quarter: QuarterOpt,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=M.OPT_DRY_RUN)] = False,
    revert: Annotated[bool, typer.Option("--revert", help=M.OPT_REVERT)] = False,
) -> None:
    from xingxian_cli.cli import render
    from xingxian_cli.services.importing import (
        import_files,
        open_in_office,
        start_checking,
        unread_in,
    )

    q = parse_quarter(quarter)
    # Files start being read before the workspace (and its database library) is loaded.
    with start_checking(files, dry_run=dry_run) as checking, workspace_context() as ctx, \
            render.import_progress() as bar:
        res = import_files(ctx, files, q, dry_run=dry_run, on_file=bar, on_total=bar.set_total, checking=checking,
                           revert=revert)
    render.import_outcome(res, ctx.workspace.root)
    read = [f.result.path for f in res.files]
    render.unread(unread_in(files, read), M.VERB_IMPORT)
    render.open_in_office(open_in_office(read), M.VERB_IMPORT)
    if res.policy_kept is not None:
        render.policy_kept_note(q, *res.policy_kept, checked=True)
    render.registry_kept_note(q, res.registry_kept, checked=True)
    raise typer.Exit(0 if res.ok else 1)


# --- status -------------------------------------------------------------------------
@app.command(help=M.HELP_STATUS)
def status(
    quarter: QuarterOpt,
    township: Annotated[str | None, typer.Option("--township", "-t", help=M.OPT_STATUS_TOWNSHIP)] = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help=M.OPT_FORMAT)] = OutFormat.table,
) -> None:
    from xingxian_cli.cli import render
    from xingxian_cli.services.status import quarter_status

    errors_as_json(fmt is OutFormat.json)
    q = parse_quarter(quarter)
    if township is not None:
        _township_history(q, township, fmt)
        return
    with workspace_context() as ctx:
        st = quarter_status(ctx, q)
    if fmt is OutFormat.json:
        print_json({
            "quarter": str(q),
            "submitted": st.done,
            "total": len(st.townships),
            "missing": st.missing,
            "townships": [
                {"township": t.township, "submitted": t.submitted, "versions": t.versions,
                 "version": t.current.version if t.current else None,
                 "imported_at": t.current.imported_at if t.current else None,
                 "file": t.current.file_name if t.current else None,
                 "cadres": t.current.n_cadres if t.current else 0,
                 "rows": t.current.n_rows if t.current else 0,
                 "warnings": t.current.n_warnings if t.current else 0,
                 "read_by_older_rules": t.read_by_older_rules,
                 "refused": _refusal_json(t.own_fault),
                 "choose_between": [r.file_name for r in t.choices]}
                for t in st.townships
            ],
            "refused_unattributed": [_refusal_json(r) for r in st.unattributed],
            "stored": None if st.stored is None else {
                "at": st.stored[0],
                "imported_since": [{"township": m.township, "quarter": m.quarter, "version": m.version,
                                    "file": m.file_name, "imported_at": m.imported_at} for m in st.stored[1]]},
        })
        return
    render.status_table(st)


def _is_folder(path: Path) -> bool:
    """Whether a folder stands where a file was to be written (Windows says "access denied" of
    it, not "is a directory": review R133)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _township_history(q, township: str, fmt: OutFormat) -> None:  # type: ignore[no-untyped-def]
    """``xx status --township``: every version of the township's file, and what each changed."""
    from xingxian_cli.cli import render
    from xingxian_cli.domain.ids import mask_id
    from xingxian_cli.services.status import township_history

    with workspace_context() as ctx:
        h = township_history(ctx, q, township)
    if fmt is not OutFormat.json:
        render.township_history(h)
        return
    print_json({
        "quarter": str(q), "township": h.township,
        "versions": [{"version": v.meta.version, "current": v.meta.is_current, "file": v.meta.file_name,
                      "sha256": v.meta.sha256, "imported_at": v.meta.imported_at, "imported_by": v.imported_by,
                      "filler": v.filler, "phone": v.phone,
                      "fill_date": v.meta.fill_date.isoformat() if v.meta.fill_date else None,
                      "cadres": v.meta.n_cadres, "rows": v.meta.n_rows, "warnings": v.meta.n_warnings,
                      "changes": [{"kind": ch.kind, "sheet": ch.src_sheet, "row": ch.src_row,
                                   "id": mask_id(ch.person_id) if ch.person_id else None, "name": ch.name,
                                   "subject": ch.subject or None, "field": ch.field, "before": ch.before,
                                   "after": ch.after} for ch in v.changes]}
                     for v in h.versions],
        "refused": [{**_refusal_json(r), "choose": r.choose, "imported_later_as": h.taken_as.get(r.sha256)}
                    for r in h.refusals],
    })


def _refusal_json(r):  # type: ignore[no-untyped-def]
    """A refused file in ``xx status --format json`` (None stays None)."""
    return None if r is None else {"file": r.file_name, "at": r.at, "errors": r.errors, "township": r.township,
                                   "path": r.path, "first_error": r.first, "first_problem": r.first_problem}


# --- demo ---------------------------------------------------------------------------
@app.command(help=M.HELP_DEMO)
def demo(
    sample: Annotated[Path | None, typer.Option("--sample", help=M.OPT_SAMPLE, callback=refuse_quoted_path)] = None,
    directory: Annotated[Path | None, typer.Option("--dir", help=M.OPT_DEMO_DIR, callback=refuse_quoted_path)] = None,
) -> None:
    import tempfile
    import time

    from xingxian_cli.cli import render
    from xingxian_cli.cli.console import out
    from xingxian_cli.services.context import open_context
    from xingxian_cli.services.demo import DEMO_QUARTERS, locate_sample, make_sample, sample_ready
    from xingxian_cli.services.importing import expand_paths, import_files
    from xingxian_cli.services.report import ReportResult, write_report
    from xingxian_cli.services.scoring import ranked_table, score_quarter
    from xingxian_cli.services.status import quarter_status
    from xingxian_cli.services.template import make_templates
    from xingxian_cli.services.validate import annotate_files, validate_files
    from xingxian_cli.services.workspace import init_workspace

    c = out()
    if sample is not None and not sample_ready(sample):  # before anything is made
        raise UsageError(M.ERR_DEMO_SAMPLE.format(path=sample, quarters=M.LIST_SEP.join(DEMO_QUARTERS)))
    root = directory or Path(tempfile.mkdtemp(prefix="xx-demo-"))
    sample_dir = sample or locate_sample()
    if sample_dir is None:
        sample_dir = make_sample(root / "sample_data")
        c.print(M.DEMO_GENERATED.format(path=sample_dir), style="yellow")
    else:
        c.print(M.DEMO_SAMPLE.format(path=sample_dir))
    step = 0

    def head(key: str, **kw: object) -> None:
        nonlocal step
        step += 1
        c.rule(M.DEMO_STEP.format(n=step, text=M.DEMO_STEPS[key].format(**kw)), align="left")

    ws_dir = root / "workspace"
    head("init")
    init_workspace(ws_dir, use_env=False)  # the demo never writes into a server named by XX_DATABASE_URL
    c.print(M.DEMO_WORKSPACE.format(root=ws_dir))
    reports: list[Path] = []
    with open_context(ws_dir) as ctx:
        first = parse_quarter(DEMO_QUARTERS[0])
        head("template", quarter=first)
        made = make_templates(ctx, first, None, root / M.DEMO_TEMPLATE_DIR)
        c.print(M.TEMPLATE_WRITTEN.format(n=len(made.paths), dir=root / M.DEMO_TEMPLATE_DIR), style="green")
        faulty = sample_dir / "faulty"
        if faulty.is_dir():  # what townships send wrong, and the marked copies that go back to them
            head("validate", quarter=first)
            checked = validate_files(expand_paths([faulty]), policy=ctx.policy, registry=ctx.registry, quarter=first)
            done = annotate_files(checked, root / M.DEMO_RETURN_DIR)
            render.validation(checked.files, done.paths)
            render.annotate_kept(done.kept)
            if done.failed:  # the demo's own folder: said as any file that cannot be written
                raise done.failed[0][1]
        for quarter in DEMO_QUARTERS:
            q = parse_quarter(quarter)
            head("import", quarter=q)
            with render.import_progress() as on_file:
                res = import_files(ctx, [sample_dir / quarter], q, on_file=on_file)
            render.import_outcome(res, ctx.workspace.root)
            head("status", quarter=q)
            render.status_table(quarter_status(ctx, q))
            head("score", quarter=q)
            o = score_quarter(ctx, q)
            render.score_table(ranked_table(o, township=None, limit=10), max_stars=ctx.policy.star_rules.max_stars)
            head("report", quarter=q)
            path = root / M.DEMO_REPORT_NAME.format(county=ctx.workspace.county_name, quarter=q)
            started = time.perf_counter()
            written = write_report(ctx, q, path, outcome=o)
            render.report_summary(ReportResult(o, written, seconds=time.perf_counter() - started))
            reports.append(path)
    c.rule()
    c.print(M.DEMO_DONE, style="bold green")
    for p in reports:
        c.print(f"  {p}")


# --- verify / backup / restore ------------------------------------------------------
@app.command(help=M.HELP_VERIFY)
def verify() -> None:
    from xingxian_cli.cli.console import error_panel, out
    from xingxian_cli.io.store import SCHEMA_VERSION
    from xingxian_cli.services.maintenance import verify_store

    with workspace_context() as ctx:
        rep = verify_store(ctx)
    if rep.leftovers:  # a restore killed at its question: a backup's database, with IDs
        out().print(M.VERIFY_RESTORE_LEFTOVERS.format(names="、".join(rep.leftovers)), style="yellow")
    if rep.unreferenced:  # not a fault of the records: said, listed, left to the officer
        shown = "\n".join(f"  {rel}" for rel in rep.unreferenced[:5])
        more = M.VERIFY_MORE.format(n=len(rep.unreferenced) - 5) if len(rep.unreferenced) > 5 else ""
        out().print(M.VERIFY_UNREFERENCED.format(n=len(rep.unreferenced)) + "\n" + shown + more, style="yellow")
    if rep.elsewhere:  # a shared server: a colleague's imports keep their originals in their workspace
        names = M.LIST_SEP.join(rep.elsewhere[:5]) + (M.VERIFY_ETC if len(rep.elsewhere) > 5 else "")
        out().print(M.VERIFY_ELSEWHERE.format(n=len(rep.elsewhere), names=names), style="yellow")
    if rep.problems:
        error_panel("\n".join(p.message for p in rep.problems), title=M.VERIFY_BAD.format(n=len(rep.problems)))
        raise typer.Exit(1)
    out().print(M.VERIFY_OK.format(version=SCHEMA_VERSION, n=rep.archives_checked), style="green")


@app.command(help=M.HELP_BACKUP)
def backup(file: Annotated[Path, typer.Argument(help=M.ARG_BACKUP_FILE, show_default=False, callback=refuse_quoted_path)]) -> None:
    from xingxian_cli.cli.console import out
    from xingxian_cli.services.maintenance import backup_workspace

    with workspace_context() as ctx:
        done = backup_workspace(ctx, file)
    out().print(M.BACKUP_DONE.format(path=done.path, size=done.path.stat().st_size), style="green")
    if not done.logged:
        out().print(M.BACKUP_NOT_LOGGED)
    if done.missing or done.changed:  # review R63: said to be done, without a word of the gaps
        out().print(M.BACKUP_INCOMPLETE.format(missing=len(done.missing), changed=len(done.changed)),
                    style="bold yellow")


@app.command(help=M.HELP_RESTORE)
def restore(
    file: Annotated[Path, typer.Argument(help=M.ARG_BACKUP_FILE, show_default=False, callback=refuse_quoted_path)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=M.OPT_YES)] = False,
) -> None:
    from xingxian_cli.cli import render
    from xingxian_cli.cli.console import confirm, out
    from xingxian_cli.io.workspace import find_workspace
    from xingxian_cli.services.maintenance import planned_restore, restore_workspace

    ws = find_workspace(state.workspace, any_config=True)  # a broken xx.yaml is what a restore mends
    with planned_restore(ws, file) as plan:
        render.restore_preview(plan.backup, plan.current)  # what is replaced by what
        if not yes and not confirm(M.RESTORE_CONFIRM.format(path=file, root=ws.root)):
            out().print(M.RESTORE_CANCELLED)
            raise typer.Exit(1)
        done = restore_workspace(plan)
    out().print(M.RESTORE_DONE.format(path=file, n=done.originals), style="green")
    if done.kept is not None:
        out().print(M.RESTORE_KEPT.format(path=done.kept, n=done.audit_carried))
