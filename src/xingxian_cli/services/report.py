"""Write the report workbooks of a quarter (``xx report``): the county's and one per township."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.text import shell_arg
from xingxian_cli.errors import UsageError, os_error_reason
from xingxian_cli.io import report_writer
from xingxian_cli.io.atomic import (
    WORKBOOK_SUFFIXES,
    check_replaceable,
    make_dirs,
    staging_folder,
)
from xingxian_cli.io.report_writer import ReportFile, ReportWriteError, report_file_name
from xingxian_cli.messages import common as M
from xingxian_cli.messages import report as msg
from xingxian_cli.services.context import Context, for_quarter
from xingxian_cli.services.scoring import ScoreOutcome, score_quarter


class NothingToReport(Exception):
    """No submission of the quarter has been imported: there is nothing to report."""

    def __init__(self, quarter: Quarter) -> None:
        super().__init__(str(quarter))
        self.quarter = quarter


@dataclass
class ReportResult:
    """The scored quarter and the workbooks written from it."""

    outcome: ScoreOutcome
    county: ReportFile | None
    townships: list[ReportFile] = field(default_factory=list)
    seconds: float = 0.0
    # -o written over a report of other figures: that report, kept as (its copy, its 生成时间, 数据核对码,
    # its quarter when another one's: the same -o given each quarter)
    earlier: tuple[Path, str, str, str | None] | None = None
    refused: frozenset[str] = frozenset()  # townships not sent whose file was refused (已拒收)
    # with --per-township: the townships with no workbook of their own, having no result (not
    # sent, or refused): a zero-yuan payroll ready to sign is no result (review R94)
    unsent: list[str] = field(default_factory=list)
    # with --per-township: the quarter's township workbooks in the folder this run did not write
    # (see _stale_workbooks): not this run's, said, not removed
    stale: list[Path] = field(default_factory=list)
    # with --per-township: township workbooks written over that said something else (sent to
    # townships before a correction), kept in a folder named by their 生成时间: the copies
    earlier_townships: list[Path] = field(default_factory=list)


def check_targets(output: Path | None, per_township: Path | None) -> None:
    """Refuse (UsageError) a report with no target, a non-.xlsx file or a file as the folder."""
    if output is None and per_township is None:
        raise UsageError(msg.ERR_NO_TARGET)
    if output is not None and output.is_dir():
        raise UsageError(M.ERR_OUTPUT_IS_DIR.format(path=output, example=shell_arg(output / M.EXAMPLE_REPORT_FILE)))
    if output is not None and output.suffix.lower() != ".xlsx":
        raise UsageError(msg.ERR_NOT_XLSX.format(path=output))
    # Written over: an earlier report, or an empty file. A township's workbook (-o into the
    # inbox, a name mistyped) or any other file would be lost.
    if output is not None and output.is_file() and output.stat().st_size and not report_writer.is_report(output):
        raise UsageError(msg.ERR_NOT_A_REPORT.format(path=output))
    if output is not None:
        _refuse_added_sheets([output])
    if per_township is not None and per_township.exists() and not per_township.is_dir():
        raise UsageError(msg.ERR_DIR_IS_FILE.format(path=per_township))
    if per_township is not None and not per_township.exists() and per_township.suffix.lower() in WORKBOOK_SUFFIXES:
        raise UsageError(msg.ERR_DIR_NAMED_LIKE_FILE.format(path=per_township))


def _refuse_added_sheets(targets: list[Path], *, folder: bool = False) -> None:
    """Refuse (UsageError) to write over a report holding sheets an officer added (see
    report_writer.added_sheets): they would be lost with it. ``folder``: the per-township
    workbooks, whose names are fixed (another folder, not another name)."""
    for path in targets:
        if path.is_file() and (added := report_writer.added_sheets(path)):
            raise UsageError(msg.ERR_REPORT_SHEETS_ADDED.format(
                path=path, sheets="、".join(added[:5]) + (M.NAMES_MORE.format(n=len(added)) if len(added) > 5 else ""),
                other=msg.SHEETS_ADDED_OTHER_FOLDER if folder else msg.SHEETS_ADDED_OTHER_FILE))


def make_report(
    ctx: Context,
    quarter: Quarter,
    *,
    output: Path | None = None,
    per_township: Path | None = None,
    unmask: bool = False,
    generated_at: datetime | None = None,
    on_workbook: Callable[[str, int], None] | None = None,
) -> ReportResult:
    """Score ``quarter`` and write the county workbook and/or one workbook per township.

    The quarter is scored as ``xx score`` does (stored when every township has submitted,
    so a report always matches a recorded run). With ``unmask`` the payroll sheets carry
    full IDs and the audit log records who wrote which files, when. Raises UsageError,
    NothingToReport or ReportWriteError. ``on_workbook(name, total)`` is told of each workbook
    about to be written (a prefecture's 150 took 20 s with nothing shown: review R135).
    """
    check_targets(output, per_township)
    started = time.perf_counter()
    ctx = for_quarter(ctx, quarter)  # the quarter's own policy: its sheets name and apply it
    outcome = score_quarter(ctx, quarter)
    if not outcome.submitted:
        raise NothingToReport(quarter)
    at = generated_at or datetime.now()
    found = _Found.of(ctx, outcome)
    result = ReportResult(outcome, None, refused=found.refused)
    sent = [t for t in ctx.registry.townships if t in set(outcome.submitted)]
    if per_township is not None:
        result.unsent = [t for t in ctx.registry.townships if t not in set(outcome.submitted)]
        _refuse_added_sheets([per_township / report_file_name(t, str(quarter)) for t in sent], folder=True)
    if unmask:
        _audit(ctx, quarter, ([output] if output is not None else []) + (
            [per_township / report_file_name(t, str(quarter)) for t in sent] if per_township is not None else []))
    if output is not None:
        result.earlier = _keep_earlier(output, outcome.inputs_hash, str(quarter))
        replaces = (msg.OV_REPLACES_QUARTER_VALUE if result.earlier[3] else msg.OV_REPLACES_VALUE).format(
            generated=result.earlier[1], inputs=result.earlier[2], name=result.earlier[0].name,
            quarter=result.earlier[3]) if result.earlier else None
        total = 1 + (len(sent) if per_township is not None else 0)
        if on_workbook is not None:
            on_workbook(output.name, total)
        result.county = _write(ctx, outcome, output, None, unmask=unmask, at=at, found=found, replaces=replaces)
    if per_township is not None:
        try:
            result.townships, result.earlier_townships = _write_townships(
                ctx, outcome, per_township, sent, unmask=unmask, at=at, found=found,
                on_workbook=None if on_workbook is None else
                (lambda name: on_workbook(name, len(sent) + (output is not None))))
        except ReportWriteError as exc:  # the county workbook stays written: said so
            exc.written = [result.county.path] if result.county else []
            raise
        result.stale = _stale_workbooks(per_township, str(quarter), result.townships)
    result.seconds = time.perf_counter() - started
    return result


def _stale_workbooks(folder: Path, quarter: str, written: list[ReportFile]) -> list[Path]:
    """The quarter's township workbooks in ``folder`` this run did not write: left by an earlier
    run for a township now without a result, or under a name the registry no longer has (R103)."""
    head, tail = report_file_name("\u2603", quarter).split("\u2603")  # around the township's name
    ours = {f.path.name for f in written}
    return sorted(p for p in folder.glob(f"*{tail}")
                  if p.name.startswith(head) and p.name not in ours and p.is_file() and not p.name.startswith("~$"))


def write_report(
    ctx: Context,
    quarter: Quarter,
    path: Path,
    *,
    outcome: ScoreOutcome | None = None,
    unmask: bool = False,
    generated_at: datetime | None = None,
) -> ReportFile:
    """Write the county workbook of ``quarter`` to ``path``; score the quarter unless ``outcome``
    is given (``xx demo`` passes the one it has just shown). Raises NothingToReport,
    ReportWriteError."""
    ctx = for_quarter(ctx, quarter)
    o = outcome or score_quarter(ctx, quarter)
    if not o.submitted:
        raise NothingToReport(quarter)
    found = _Found.of(ctx, o)
    if unmask:
        _audit(ctx, quarter, [Path(path)])
    return _write(ctx, o, Path(path), None, unmask=unmask, at=generated_at or datetime.now(), found=found)


def _write_townships(ctx: Context, o: ScoreOutcome, folder: Path, townships: list[str], *, unmask: bool,
                     at: datetime, found: _Found,
                     on_workbook: Callable[[str], None] | None = None) -> tuple[list[ReportFile], list[Path]]:
    """The workbook of each of ``townships`` into ``folder``, all or none: written beside their
    places first, and moved in only when every one was written and every file they replace
    can be (one still open in Excel or WPS stops the run before any is replaced). A workbook
    written over that said something else is kept first (see _keep_earlier_townships); the
    copies are returned with the workbooks."""
    import os
    import shutil

    try:
        make_dirs(folder)
        staging = staging_folder(folder, "report")
    except OSError as exc:
        raise ReportWriteError(folder, os_error_reason(exc)) from exc
    try:
        drafts = []
        for township in townships:
            name = report_file_name(township, str(o.quarter))
            if on_workbook is not None:
                on_workbook(name)
            try:
                drafts.append((_write(ctx, o, staging / name, township, unmask=unmask, at=at, found=found),
                               folder / name))
            except ReportWriteError as exc:  # said of the file it is to be, not of its hidden draft (R133)
                said = ReportWriteError(folder / name, exc.reason)
                raise said from exc.__cause__ or exc
        try:
            check_replaceable([final for _draft, final in drafts])
        except OSError as exc:
            raise ReportWriteError(Path(exc.filename), os_error_reason(exc)) from exc
        kept = _keep_earlier_townships([(draft.path, final) for draft, final in drafts])
        done = []
        for draft, final in drafts:
            try:
                os.replace(draft.path, final)
            except OSError as exc:
                raise ReportWriteError(final, os_error_reason(exc)) from exc
            done.append(replace(draft, path=final))
        return done, kept
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _keep_earlier_townships(pairs: list[tuple[Path, Path]]) -> list[Path]:
    """Before township workbooks are written over: each one whose content differs from its new
    draft (one sent to its township before a correction was imported) copied into a folder
    beside them named by its 生成时间, so what a township was sent can still be shown. Equal
    contents (the same figures written again) keep nothing."""
    import shutil

    kept: list[Path] = []
    for draft, final in pairs:
        before = report_writer.report_content(final) if final.is_file() else None
        if before is None or before[1] == (report_writer.report_content(draft) or ("", None))[1]:
            continue
        stamp = "".join(ch for ch in before[0] if ch.isdigit())
        copy = final.parent / msg.EARLIER_TOWNSHIPS_FOLDER.format(stamp=f"{stamp[:8]}-{stamp[8:14]}") / final.name
        try:
            make_dirs(copy.parent)
            if not copy.exists():
                shutil.copy2(final, copy)
        except OSError as exc:
            raise ReportWriteError(copy, os_error_reason(exc)) from exc
        kept.append(copy)
    return kept


@dataclass(frozen=True)
class _Found:
    """What every workbook of one run reads from the store, read once (a province writes
    1,200 township workbooks)."""

    files: dict[str, str]  # file name -> township: each township's workbook lists its own import warnings
    refused: frozenset[str]  # townships with no current version whose file an import refused (已拒收)
    # of those, the latest refused file's (name, errors, first error as located): the issue sheet
    # says why, not "no problems" (review R94)
    refusals: dict[str, tuple[str, int, str | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, ctx: Context, o: ScoreOutcome) -> _Found:
        files = {m.file_name: m.township for m in ctx.store.current_submissions(str(o.quarter))}
        if not o.missing:
            return cls(files, frozenset())
        latest = {r.township: r for r in sorted(ctx.store.refusals(str(o.quarter)), key=lambda r: r.at)
                  if r.township in set(o.missing)}
        return cls(files, frozenset(latest), {t: (r.file_name, r.errors, r.first) for t, r in latest.items()})


def _keep_earlier(path: Path, inputs_hash: str, quarter: str) -> tuple[Path, str, str, str | None] | None:
    """Before ``path`` is written over: when it holds a county report made from other inputs
    (the one leaders signed, before a correction was imported: review R125), a copy of it beside
    it named by its 生成时间, that time, its 数据核对码 and its quarter when not ``quarter`` (review
    R126: the same -o each quarter was said to be a correction); None when there is none or it
    holds these figures."""
    import shutil

    earlier = report_writer.earlier_report(path) if path.is_file() else None
    if earlier is None or earlier[0] == inputs_hash:
        return None
    inputs, generated, of = earlier
    stamp = "".join(ch for ch in generated if ch.isdigit())
    kept, n = path.with_name(f"{path.stem}_{stamp[:8]}-{stamp[8:14]}{path.suffix}"), 2
    while kept.exists() and report_writer.earlier_report(kept) != earlier:
        kept, n = path.with_name(f"{path.stem}_{stamp[:8]}-{stamp[8:14]}_{n}{path.suffix}"), n + 1
    try:
        if not kept.exists():
            shutil.copy2(path, kept)
    except OSError as exc:
        raise ReportWriteError(kept, os_error_reason(exc)) from exc
    return kept, generated, inputs, (of if of and of != quarter else None)


def _write(
    ctx: Context, o: ScoreOutcome, path: Path, township: str | None, *, unmask: bool, at: datetime, found: _Found,
    replaces: str | None = None,
) -> ReportFile:
    try:
        make_dirs(path.parent)
    except OSError as exc:
        raise ReportWriteError(path, os_error_reason(exc)) from exc
    return report_writer.write_report(
        o, ctx.policy, ctx.registry, path, unmask=unmask, township=township, files=found.files,
        generated_at=at, county="" if township else ctx.workspace.county_name, refused=found.refused,
        refusals=found.refusals, replaces=replaces,
    )


def _audit(ctx: Context, quarter: Quarter, targets: list[Path]) -> None:
    """Log the workbooks with full IDs about to be written, before any is: a log that cannot be
    written (a read-only or busy database) stops the run with nothing written, and a file is
    never on disk unlogged. Who and when are recorded by the store; what is the files and the
    sheets with full IDs."""
    from xingxian_cli.services.context import record_unmask

    record_unmask(ctx, {
        "command": "report",
        "quarter": str(quarter),
        "sheets": list(report_writer.ID_SHEETS),
        "files": [str(p.resolve()) for p in targets],
    })
