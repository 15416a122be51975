"""Check township workbooks (``xx validate``) and write annotated copies (``--annotate``)."""

from __future__ import annotations

import errno
import hashlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from xingxian_cli.domain.diagnostics import Diagnostic, make
from xingxian_cli.domain.facts import Submission
from xingxian_cli.domain.intake import (
    Earlier,
    FileRoster,
    add_across,
    against_earlier,
    cross_file_problems,
    earlier_rows,
    parse_submission,
    roster_id_column,
    wanted_sheet,
)
from xingxian_cli.domain.memory import gc_paused
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.text import readable
from xingxian_cli.errors import UsageError, os_error_reason
from xingxian_cli.io.atomic import WORKBOOK_SUFFIXES, make_dirs
from xingxian_cli.messages import common as M

if TYPE_CHECKING:
    from xingxian_cli.io.rows import SubmissionRows
    from xingxian_cli.io.store import SubmissionMeta
    from xingxian_cli.io.xlsx_reader import WorkbookData
    from xingxian_cli.services.context import Context
    from xingxian_cli.services.intake_pool import Checking


# Errors that only say import passes a file over, refusing nothing: a second copy of a file of
# the same run, another quarter's file the store holds as it is (review R91: validate called
# such a folder "1 个有错误" and exited 1 where import took it and exited 0), a report of ours.
SKIPPED_CODES = frozenset({"duplicate-copy", "quarter-file-imported", "file-is-report"})


@dataclass
class FileResult:
    """One checked file: its bytes' hash, the Submission (None when any error), its problems.

    Checked for storing (``xx import``), a file without errors carries ``rows`` instead of
    ``submission`` (see :meth:`for_store`).
    """

    path: Path
    name: str  # display name used in every diagnostic (the file name)
    sha256: str
    submission: Submission | None
    diagnostics: list[Diagnostic]
    readable: bool  # False when the file is not a workbook we can open (no annotated copy)
    data: bytes = field(default=b"", repr=False)
    # (sheet, column letter, header) of the roster's ID column, so that problems found
    # across files point at the cell.
    id_column: tuple[str, str, str] | None = None
    # For storing (``xx import``): the submission as table rows, in place of ``submission``.
    rows: SubmissionRows | None = None
    # What its 基本信息 names, when readable (a refused file's too, for the JSON document).
    township: str | None = None
    quarter: str | None = None
    # A refused file's roster rows fine on their own (person ID, sheet, row): they take part
    # in the checks across files all the same.
    people: list[tuple[str, str | None, int | None]] | None = None
    # Its roster and deduction rows fine on their own (see intake.earlier_rows): they are
    # checked against earlier quarters all the same.
    fine: tuple[list[Any], list[Any]] | None = None
    # field -> (column letter, heading as written) of the columns those checks point at
    columns: dict[str, tuple[str, str]] | None = None
    # A refused readable file's key of its sheets' values: a copy re-saved or marked (other
    # bytes) is the same refused file (see importing._skipped; R98).
    content: str | None = None

    def roster(self, quarter: str | None = None) -> FileRoster | None:
        """This refused file's part in the checks across files of ``quarter`` (None: it has
        none — nor when its 基本信息 names another quarter: its people are that quarter's)."""
        if quarter is not None and self.quarter is not None and self.quarter != quarter:
            return None
        if self.people and self.township:
            return FileRoster(self.name, self.township, self.people, refused=True)
        return None

    def for_store(self) -> FileResult:
        """Turn the submission into table rows (see :mod:`xingxian_cli.io.rows`); returns self."""
        if self.submission is not None:
            from xingxian_cli.io.rows import submission_rows

            self.rows = submission_rows(self.submission)
            self.submission = None
        return self

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def skipped(self) -> bool:
        """Whether import passes it over rather than refuse it (see SKIPPED_CODES)."""
        errors = self.errors
        return bool(errors) and all(d.code in SKIPPED_CODES for d in errors)

    def to_json(self) -> dict[str, Any]:
        sub = self.submission
        return {
            "file": self.name,
            "path": readable(str(self.path)),
            "sha256": self.sha256 or None,  # None: the file could not be read
            "valid": self.valid,
            "skipped": self.skipped,
            "readable": self.readable,
            "township": sub.township if sub else self.township,
            "quarter": sub.quarter if sub else self.quarter,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "diagnostics": [diagnostic_json(d) for d in self.diagnostics],
        }


@dataclass
class ValidationResult:
    """Every file of one ``xx validate`` run."""

    files: list[FileResult]
    # Per quarter whose files were checked by the policy (registry) its stored results were
    # scored by, not the workspace's: the two as notes name them (see context.kept_policy).
    kept: dict[str, tuple[tuple[str, str] | None, tuple[str, str] | None]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.errors]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.warnings]

    @property
    def valid(self) -> bool:
        """Whether import would refuse none of the files (a copy it passes over is no refusal)."""
        return all(f.valid or f.skipped for f in self.files)

    @property
    def submissions(self) -> list[Submission]:
        """The Submissions of the files without errors, in argument order."""
        return [f.submission for f in self.files if f.submission is not None]

    def to_json(self) -> dict[str, Any]:
        """The whole result as plain JSON-able data (what ``--format json`` prints)."""
        return {
            "valid": self.valid,
            "summary": {
                "files": len(self.files),
                "valid_files": sum(f.valid for f in self.files),
                "skipped_files": sum(f.skipped for f in self.files),
                "errors": sum(len(f.errors) for f in self.files if not f.skipped),  # as the table counts them
                "warnings": sum(len(f.warnings) for f in self.files if not f.skipped),  # a copy's are its first's
            },
            "files": [f.to_json() for f in self.files],
        }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic in the JSON documents (validate, the refusals status lists)."""
    doc = d.model_dump(mode="json")
    doc["title"] = d.title
    return doc


def display_names(paths: list[Path]) -> list[str]:
    """File names, or full paths for names that occur twice (so problems stay attributable),
    as text (see :func:`readable`)."""
    from collections import Counter


    names = [readable(p.name) for p in paths]
    seen = Counter(names)
    return [readable(str(p)) if seen[n] > 1 else n for p, n in zip(paths, names, strict=True)]


# Which original bytes a FileResult keeps: all readable files (annotated copies need them),
# only the files without errors (the archive needs them), or none.
KeepData = Literal["all", "valid", "none"]


@dataclass
class FileRead:
    """One file read and hashed, its sheets' values loaded: what needs no policy or registry."""

    path: Path
    name: str
    sha256: str
    data: bytes
    book: WorkbookData | None  # None when the file is refused or cannot be read
    problem: Diagnostic | None  # why there is no book


def read_file(path: Path, name: str) -> FileRead:
    """Read one file once: hashed and loaded from the same bytes (never raises for bad input)."""
    from xingxian_cli.io.xlsx_reader import read_workbook, refused_by_size

    try:
        # A file past the size limit is refused unread (review R72: a 5 GB one was read whole
        # first, and on a small laptop the whole import stopped out of memory); hashed as it
        # streams by, so that the refusal is recorded as any other.
        if (too_large := refused_by_size(name, path.stat().st_size)) is not None:
            with path.open("rb") as f:
                digest = hashlib.file_digest(f, "sha256").hexdigest()
            return FileRead(path, name, digest, b"", None, too_large)
        data = path.read_bytes()
    except FileNotFoundError:
        return FileRead(path, name, "", b"", None, make("file-not-found", file=name))
    except OSError as exc:  # nothing wrong with the file's content: it could not be read
        return FileRead(path, name, "", b"", None, make("file-unreadable", file=name, reason=os_error_reason(exc)))
    book, refused = read_workbook(data, file=name, want=wanted_sheet)
    return FileRead(path, name, hashlib.sha256(data).hexdigest(), data, book, refused)


def check_read(
    read: FileRead,
    *,
    policy: Policy,
    registry: Registry,
    quarter: Quarter | None,
    today: date | None = None,
    keep_data: KeepData = "all",
) -> FileResult:
    """Check one read file on its own (the checks across files come later)."""
    path, name, digest, data, book = read.path, read.name, read.sha256, read.data, read.book
    if book is None:
        diags = [read.problem] if read.problem is not None else []
        return FileResult(path, name, digest, None, diags, False, data if keep_data == "all" else b"")
    sub, diags, (township, quarter_named, people, fine, columns) = parse_submission(
        book.sheets, file=name, policy=policy, registry=registry, quarter=quarter, today=today or date.today(),
        hidden_columns=book.hidden_columns, hidden_rows=book.hidden_rows, filtered_rows=book.filtered_rows,
        sheet_names=book.sheet_names, hidden_sheets=book.hidden_sheets, error_cells=book.error_cells,
        unsaved_formulas=book.unsaved_formulas, date1904=book.date1904, struck_cells=book.struck_cells,
        percent_cells=book.percent_cells, yuan_cells=book.yuan_cells, scaled_cells=book.scaled_cells, external_cells=book.external_cells, external_books=book.external_books,
        rounded_cells=book.rounded_cells, merged_cells=book.merged_cells, merged_hidden=book.merged_hidden,
    )
    col = None
    if sub is not None:
        sub.sha256 = digest
    if sub is not None or people:
        col = roster_id_column(book.sheets, policy=policy, registry=registry, hidden_columns=book.hidden_columns)
    keep = keep_data == "all" or (keep_data == "valid" and sub is not None)
    return FileResult(path, name, digest, sub, diags, True, data if keep else b"", col,
                      township=township, quarter=quarter_named, people=people or None, fine=fine,
                      columns=columns or None, content=None if sub is not None else values_key(book))


def values_key(book: WorkbookData) -> str:
    """A key of a workbook's sheet values, the sheet of marks ``xx validate --annotate`` adds
    left out: the same for a copy re-saved in Excel or WPS, or marked, as for the file itself."""
    from xingxian_cli.messages.diagnostics import ANNOTATE_SHEET

    sheets = sorted((name, rows) for name, rows in book.sheets.items() if name != ANNOTATE_SHEET)
    return hashlib.sha256(repr(sheets).encode()).hexdigest()


def check_file(
    path: Path,
    name: str,
    *,
    policy: Policy,
    registry: Registry,
    quarter: Quarter | None,
    today: date | None = None,
    keep_data: KeepData = "all",
) -> FileResult:
    """Read and check one file on its own (the checks across files come later)."""
    return check_read(read_file(path, name), policy=policy, registry=registry, quarter=quarter, today=today,
                      keep_data=keep_data)


def validate_files(
    paths: list[Path],
    *,
    policy: Policy,
    registry: Registry,
    quarter: Quarter | None,
    existing: Mapping[str, tuple[str, str]] | Callable[[str], Mapping[str, tuple[str, str]]] | None = None,
    current: Callable[[str], Mapping[str, str]] | None = None,
    replaced: Callable[[str], Mapping[tuple[str, str], int]] | None = None,
    same_facts: Callable[[Submission, str], tuple[int, bool] | None] | None = None,
    earlier: Callable[[str], Earlier] | None = None,
    today: date | None = None,
    keep_data: KeepData = "all",
    workers: int | None = None,
    on_checked: Callable[[FileResult], None] | None = None,
    checking: Checking | None = None,
    revert: bool = False,
) -> ValidationResult:
    """Read and check every file, then check the files against each other and ``existing``.

    ``existing`` maps a person ID to ``(township, file)`` already imported for the quarter
    from other townships, or gives that map per quarter (without ``quarter``: each file is
    checked against the quarter its 基本信息 names); ``current(quarter)`` the SHA-256 of each
    township's current version of a quarter (a file identical to it is what the store holds,
    as import finds), ``replaced(quarter)`` the version number of each (township, SHA-256) of
    the versions replaced since (a file identical to one is an old copy), ``same_facts`` the
    version a file of other bytes holds the very data of (see :func:`same_facts_of`), ``earlier(quarter)``
    what the quarters before say (see :func:`against_earlier`). Files are checked in parallel when that pays off (``workers``,
    see :mod:`xingxian_cli.services.intake_pool`), or by ``checking`` when it was started
    earlier for these paths; ``on_checked`` is called as each one is done, in the order
    they finish. The result lists the files in argument order.
    """
    from xingxian_cli.services.intake_pool import Checking

    with gc_paused():
        if checking is None:
            checking = Checking(paths, display_names(paths), today=today or date.today(), keep_data=keep_data,
                                workers=workers)
        with checking:
            slots: list[FileResult | None] = [None] * len(checking.paths)
            for i, result in checking.results(policy, registry, quarter):
                slots[i] = result
                if on_checked is not None:
                    on_checked(result)
        results = [r for r in slots if r is not None]
        _cross_file(results, existing, keep_data, quarter=str(quarter) if quarter is not None else None,
                    current=current, replaced=replaced, same_facts=same_facts, revert=revert)
        if earlier is not None:
            for f in results:
                rows = earlier_rows(f.submission) if f.submission is not None else f.fine
                q = quarter or _quarter(f.submission.quarter if f.submission is not None else f.quarter)
                if rows is not None and q is not None:
                    f.diagnostics += against_earlier(f.name, *rows, earlier(str(q)), policy, q, f.columns, township=(
                        f.submission.township if f.submission is not None else f.township), registry=registry)
        return ValidationResult(results)


def _quarter(text: str | None) -> Quarter | None:
    try:
        return Quarter.parse(text) if text else None
    except ValueError:
        return None


def validate_in_workspace(ctx: Context, paths: list[Path], quarter: Quarter | None) -> ValidationResult:
    """``xx validate``: :func:`validate_files` against what the workspace holds, each file by
    the policy of its quarter (``quarter``, else the one its 基本信息 names): a closed
    quarter's correction by the policy its stored results were scored by, as import takes it
    (see context.for_quarter)."""
    from functools import cache

    from xingxian_cli.services.context import for_quarter
    from xingxian_cli.services.intake_pool import Checking

    @cache  # once per quarter, not per file
    def bound(q: str) -> Context:
        return for_quarter(ctx, q)  # PolicyUnknown as import says it

    existing = ctx.store.people_in_quarter(str(quarter)) if quarter else ctx.store.people_in_quarter
    given = {"existing": existing, "current": current_hashes(ctx), "replaced": replaced_hashes(ctx),
             "same_facts": same_facts_of(ctx), "earlier": earlier_of(ctx)}
    if quarter is not None:
        own = bound(str(quarter))
        res = validate_files(paths, policy=own.policy, registry=own.registry, quarter=quarter, **given)
        _note_kept(res, str(quarter), own)
        for i, (_other, township, version) in current_elsewhere(ctx, res.files).items():
            # another quarter's file the store holds as it is (last quarter's sent again by
            # mistake): import skips it, so nothing to send back to the township (review R78)
            f = res.files[i]
            f.diagnostics = [make("quarter-file-imported", file=d.file, sheet=d.sheet, row=d.row, column=d.column,
                                  header=d.header, value=d.value, expected=str(quarter), township=township,
                                  version=version)
                             if d.code == "quarter-mismatch" else d for d in f.diagnostics]
        return res
    res = validate_files(paths, policy=ctx.policy, registry=ctx.registry, quarter=None, **given)
    again: dict[str, list[int]] = {}  # quarter -> the files of it to check by its own policy
    for i, f in enumerate(res.files):
        q = f.submission.quarter if f.submission is not None else f.quarter
        if q and (bound(q).policy != ctx.policy or bound(q).registry != ctx.registry):
            again.setdefault(q, []).append(i)
    for q, which in again.items():
        names = [res.files[i].name for i in which]
        checking = Checking([res.files[i].path for i in which], names, today=date.today(), keep_data="all")
        redone = validate_files(checking.paths, policy=bound(q).policy, registry=bound(q).registry,
                                quarter=Quarter.parse(q), checking=checking, **given)
        for i, f in zip(which, redone.files, strict=True):
            res.files[i] = f
        _note_kept(res, q, bound(q))
    return res


def current_elsewhere(ctx: Context, results: list[FileResult]) -> dict[int, tuple[str, str, int]]:
    """File index -> (quarter, township, version) of the files refused for naming another quarter
    in their 基本信息 whose very bytes are that quarter's current version."""
    found: dict[int, tuple[str, str, int]] = {}
    current: dict[str, dict[str, SubmissionMeta]] = {}  # quarter -> SHA-256 -> its current version
    for i, f in enumerate(results):
        other = next((d.value for d in f.errors if d.code == "quarter-mismatch" and d.value), None)
        if other is None or f.sha256 is None:
            continue
        if other not in current:
            current[other] = {m.sha256: m for m in ctx.store.history(other) if m.is_current}
        if (meta := current[other].get(f.sha256)) is not None:
            found[i] = (other, meta.township, meta.version)
    return found


def _note_kept(res: ValidationResult, quarter: str, bound: Context) -> None:
    """Record in ``res`` that files of ``quarter`` were checked by its kept policy or registry."""
    from xingxian_cli.services.context import kept_policy, kept_registry

    policy, registry = kept_policy(bound), kept_registry(bound)
    if policy is not None or registry is not None:
        res.kept[quarter] = (policy, registry)


def earlier_of(ctx: Context) -> Callable[[str], Earlier]:
    """What the quarters before a quarter say, as :func:`validate_files` takes it (read once
    per quarter asked)."""
    from functools import cache

    from xingxian_cli.domain.intake import earlier_facts as bundled

    return cache(lambda quarter: bundled(*ctx.store.earlier_facts(quarter)))


def _cross_file(results: list[FileResult],
                existing: Mapping[str, tuple[str, str]] | Callable[[str], Mapping[str, tuple[str, str]]] | None,
                keep_data: KeepData, *, quarter: str | None = None,
                current: Callable[[str], Mapping[str, str]] | None = None,
                replaced: Callable[[str], Mapping[tuple[str, str], int]] | None = None,
                same_facts: Callable[[Submission, str], tuple[int, bool] | None] | None = None,
                revert: bool = False) -> None:
    # Without ``quarter`` (validate may be given several quarters), per quarter: a township's
    # Q3 and Q4 files are no two submissions, nor a cadre who moved between them in two
    # townships. With it, every file is that quarter's, as import takes them (but a refused
    # one whose 基本信息 names another quarter).
    groups: dict[str | None, list[FileRoster]] = {}
    held: dict[tuple[int, str | None], Submission] = {}  # (place in its group, group) -> the file's data
    for f in results:
        r = FileRoster.of(f.name, f.submission) if f.submission is not None else f.roster(quarter)
        if r is not None:
            sub = f.submission
            now = sub is not None and current is not None and current(quarter or sub.quarter).get(r.township) == f.sha256
            old = replaced(quarter or sub.quarter).get((r.township, f.sha256)) \
                if sub is not None and replaced is not None else None
            if sub is not None and same_facts is not None and not now \
                    and (twin := same_facts(sub, f.sha256)) is not None and (twin[1] or old is None):
                # other bytes holding a stored version's data: that version, as import takes it
                # (a replaced version's bytes whose data is current again are current: R93)
                now, old = twin[1], None if twin[1] else twin[0]
            r = replace(r, sha256=f.sha256 or None, current=now, replaced=old)
            key = None if quarter is not None else f.submission.quarter if f.submission is not None else f.quarter
            groups.setdefault(key, []).append(r)
            if sub is not None:
                held[len(groups[key]) - 1, key] = sub
    for key, rosters in groups.items():
        _with_data_keys(rosters, {i: sub for (i, k), sub in held.items() if k == key})
    unknown = groups.pop(None, [])  # a refused file whose quarter is unread meets every quarter's
    for rosters in groups.values():
        rosters.extend(unknown)
    if not groups:
        groups[None] = unknown
    id_columns = {f.name: f.id_column for f in results if f.id_column is not None}
    by_name = {f.name: f for f in results}
    for key, rosters in groups.items():
        if callable(existing):
            people = existing(quarter or key) if (quarter or key) is not None else None
        else:
            people = existing
        for d in cross_file_problems(rosters, people, id_columns=id_columns, revert=revert, quarter=quarter or key):
            target = by_name.get(d.file or "")
            if target is not None and d not in target.diagnostics:
                add_across(target.diagnostics, d)
    for f in results:
        if f.submission is not None and f.errors:
            # refused across files: nothing of it may be imported, but what it says is
            # still checked against earlier quarters, as a file refused on its own is
            sub = f.submission
            f.fine = f.fine or earlier_rows(sub)
            f.township, f.quarter = f.township or sub.township or None, f.quarter or sub.quarter or None
            f.submission = None
            if keep_data == "valid":
                f.data = b""


def check_annotate_dir(out_dir: Path, inputs: list[Path]) -> None:
    """Refuse (UsageError) an ``--annotate`` target that is not a folder the copies can go to:
    a file, a name like a workbook's (it would become a folder of that name), or the folder
    of the files checked (the copies would be imported with the originals: two files of one
    township)."""
    from xingxian_cli.io.annotate import annotated_name

    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(M.ERR_PATH_IS_FILE.format(path=out_dir))
    if not out_dir.exists() and out_dir.suffix.lower() in WORKBOOK_SUFFIXES:
        example = annotated_name(inputs[0].name if inputs else M.EXAMPLE_FILE_NAME)
        raise UsageError(M.ERR_ANNOTATE_DIR.format(path=out_dir, example=example))
    if out_dir.resolve() in {p.resolve().parent for p in inputs}:
        raise UsageError(M.ERR_ANNOTATE_INTO_INBOX.format(path=out_dir))


# Errors that only say the file is another's copy or an old version (of this quarter or, sent
# again, of the last: R81): nothing for the township to correct.
COPY_CODES = frozenset({"duplicate-submission-old", "duplicate-copy", "duplicate-submission-current",
                        "quarter-file-imported"})
# Errors that only say the township sent another file in the same run: the officer's to choose.
TWO_OF_ONE_CODES = frozenset({"duplicate-submission", "duplicate-submission-current"})

# What becomes of a file with errors, as the summary lists it: "back" (to send back), "copy" (an
# old version or a copy, nothing to correct), "two" (one of several files of its township),
# "beside" (its township has a file that passed) or "later" (its township's returned copy of it
# is in the run).
# "ours": refused, as every file of the run, for the quarter the run was given (see run_slip).
Role = Literal["back", "copy", "two", "beside", "beside_two", "later", "ours"]  # beside_two: beside files to choose from


def one_of_two(f: FileResult) -> bool:
    """Whether a file's one fault is another file of its township in the run: the officer's to
    choose between, not the township's to mend (review R110)."""
    return all(d.code in TWO_OF_ONE_CODES for d in f.errors)


def file_roles(bad: list[FileResult], passed: list[FileResult]) -> dict[int, tuple[Role, str]]:
    """Each of the files with errors ``bad`` (by ``id``: two folders may hold files of one name):
    its role (see :data:`Role`) with the other file named; ``passed`` are the run's files that
    passed. A township's files are those of one quarter (review R132: a good 2022Q4 file let off
    the township's 2023Q1 return in a run without ``-q``); one of several good files of it that
    wait for the officer's choice counts as passing."""
    roles: dict[int, tuple[Role, str]] = {i: ("ours", "") for i in slipped(bad, passed)}
    roles.update((id(f), ("two", "")) for f in bad if one_of_two(f) and id(f) not in roles)
    taken: dict[tuple[str, str | None], tuple[Role, str]] = {}
    waiting = [f for f in bad if roles.get(id(f), ("",))[0] == "two"]
    for f in (*passed, *waiting):  # (review R134: "passed" said of one waiting)
        if f.township:
            taken.setdefault((f.township, f.quarter), ("beside" if id(f) not in roles else "beside_two", f.name))
    for f in bad:
        if id(f) in roles:
            continue
        if all(d.code in COPY_CODES for d in f.errors):  # an old version or a copy (review R55)
            roles[id(f)] = ("copy", "")
            continue
        other = _copy_of(f, bad)
        # (a file whose name names another township than its 基本信息: whose it is is not known,
        # and the file named so may be its township's only one, review R135)
        key = (f.township or "", f.quarter) if all(d.code != "file-township-mismatch" for d in f.errors) else None
        roles[id(f)] = (taken[key] if key in taken else ("later", other) if other is not None else ("back", ""))
    return roles


def run_slip(bad: list[FileResult], passed: list[FileResult]) -> str | None:
    """``quarter-mismatch`` when the files of a run (two or more townships, none passing) were
    all refused for naming one other quarter in 基本信息 than the run's, and each file's name
    names that quarter too: the --quarter given is the officer's slip, not the townships'
    (review R142). A file named for the quarter given, however it writes it (2022年第四季度,
    2022-Q4), one named for no quarter (last quarter's workbook sent again?), or files of one
    township point to the clerks' (R143, R145, self-review)."""
    from xingxian_cli.domain.intake import quarters_named

    if passed or len(bad) < 2 or len({f.township for f in bad} - {None}) < 2:
        return None
    said = [[d.value for d in f.errors if d.code == "quarter-mismatch" and d.value] for f in bad]
    values = {v for vs in said for v in vs}
    if not all(said) or len(values) != 1:
        return None
    if not all({str(q) for q in quarters_named(f.name)} == values for f in bad):
        return None
    return "quarter-mismatch"


def slipped(bad: list[FileResult], passed: list[FileResult]) -> set[int]:
    """The files (by ``id``) refused for the run's slip alone (see :func:`run_slip`): nothing of
    theirs to mend, and no refusal of their township's."""
    slip = run_slip(bad, passed)
    return {id(f) for f in bad if slip is not None and all(d.code == slip for d in f.errors)}


def other_county_run(bad: list[FileResult], passed: list[FileResult]) -> bool:
    """Whether every file of a run (two or more, of two or more townships as written, none
    passing) names a township the registry lacks: the files of another county, or a -w naming
    another county's workspace (R142); said beside the files, which go back all the same (a
    misspelt township is the clerk's, R145)."""
    written = [{d.value for d in f.errors if d.code == "unknown-township" and d.value} for f in bad]
    return not passed and len(bad) >= 2 and all(written) and len(set().union(*written)) >= 2


def run_roles(files: list[FileResult]) -> dict[int, tuple[Role, str]]:
    """The role of each file of a validate run that has errors (those import passes over as
    copies, too), as :func:`file_roles` says."""
    bad = [f for f in files if not f.valid and (not f.skipped or all(d.code in COPY_CODES for d in f.errors))]
    return file_roles(bad, [f for f in files if f.valid])


def _copy_of(f: FileResult, bad: list[FileResult]) -> str | None:
    """The other file of the run that ``f`` is a copy of, or whose marked copy came back."""
    from xingxian_cli.messages.diagnostics import ANNOTATE_SUFFIX

    if f.errors and all(d.code == "duplicate-copy" for d in f.errors):
        return str(f.errors[0].value)
    stem = Path(f.name).stem + ANNOTATE_SUFFIX
    return next((g.name for g in bad if g is not f and (g.township, g.quarter) == (f.township, f.quarter)
                 and Path(g.name).stem.startswith(stem) and not one_of_two(g)), None)


@dataclass
class Annotated:
    """What ``--annotate`` wrote: per file of the run, in order, the copy's path (None: a file
    not read as a workbook, nothing to annotate, or whose copy could not be written); the
    copies not written (one open in Excel, say) with the reason, the others written all the
    same; and the files found under a copy's name and kept, with the name written instead."""

    paths: list[Path | None] = field(default_factory=list)
    failed: list[tuple[Path, OSError]] = field(default_factory=list)
    kept: list[tuple[Path, Path]] = field(default_factory=list)


def annotate_files(result: ValidationResult, out_dir: Path,
                   on_file: Callable[[str, int], None] | None = None) -> Annotated:
    """Write ``<stem>_校验结果.xlsx`` into ``out_dir`` for each file of ``result``. An earlier
    copy of ours is replaced; any other file of that name (the copy filled in and sent back
    by the township, saved over by Excel or WPS) is kept, and the copy written as
    ``<stem>_校验结果_2.xlsx``."""
    from xingxian_cli.io.annotate import annotated_name, is_our_copy, write_annotated

    make_dirs(out_dir)
    done = Annotated()
    out: list[Path | None] = [None] * len(result.files)
    failed = done.failed
    used: set[str] = set()
    full: OSError | None = None  # the disk is full: no later copy fits either
    roles = run_roles(result.files)  # the copy's verdict says what the terminal says of it
    # The files to send back (or passed) take their copies' names first: an original beside its
    # returned marked copy X_校验结果.xlsx has its stale copy named X_校验结果_2.xlsx, not that
    # one's (review R130: the name the terminal said to import held the stale original's marks).
    order = sorted(range(len(result.files)), key=lambda i: roles.get(id(result.files[i]), ("back",))[0] != "back")
    writable = sum(f.readable and all(d.code != "file-is-report" for d in f.errors) for f in result.files)
    for i in order:
        f = result.files[i]
        if not f.readable or any(d.code == "file-is-report" for d in f.errors):
            continue  # (a report of ours: no township's to mark and return, review R97)
        name = annotated_name(f.path.name)
        stem, n = name[: -len(".xlsx")], 2
        def free(candidate: str) -> bool:  # 乡_2022Q3 and 乡_2022q3 are one file on Windows
            there = out_dir / candidate
            return candidate.casefold() not in used and (not there.is_file() or is_our_copy(there))

        first = name
        while not free(name):
            name, n = f"{stem}_{n}.xlsx", n + 1
        if name != first and first.casefold() not in used:  # someone else's file under the copy's name
            done.kept.append((out_dir / first, out_dir / name))
        used.add(name.casefold())
        if full is not None:  # not tried: said with the same reason, beside the checks' results
            failed.append((out_dir / name, full))
            continue
        if on_file is not None:  # (150 copies took 20 s with nothing shown: review R135)
            on_file(name, writable)
        try:
            out[i] = write_annotated(f.data, f.diagnostics, out_dir / name, file=f.path.name,
                                     verdict=_copy_verdict(*roles.get(id(f), ("back", ""))))
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                full = exc
            failed.append((out_dir / name, exc))
    done.paths = out
    return done


def _copy_verdict(role: Role, other: str) -> str | None:
    """The annotated copy's verdict for a file not to be sent back (None: the usual one)."""
    from xingxian_cli.messages import diagnostics as DM

    said = {"copy": DM.ANNOTATE_COPY, "two": DM.ANNOTATE_TWO_OF_ONE, "beside": DM.ANNOTATE_BESIDE,
            "beside_two": DM.ANNOTATE_BESIDE_TWO, "later": DM.ANNOTATE_LATER, "ours": DM.ANNOTATE_OURS}.get(role)
    return said.format(other=other) if said else None


def replaced_hashes(ctx: Context) -> Callable[[str], Mapping[tuple[str, str], int]]:
    """Per quarter (looked up once each), the version number of each (township, SHA-256) of
    the versions that are no longer current (the latest, when one file came twice)."""
    seen: dict[str, dict[tuple[str, str], int]] = {}

    def of(quarter: str) -> dict[tuple[str, str], int]:
        if quarter not in seen:
            seen[quarter] = {(m.township, m.sha256): m.version for m in ctx.store.history(quarter) if not m.is_current}
        return seen[quarter]

    return of


def _with_data_keys(rosters: list[FileRoster], subs: Mapping[int, Submission]) -> None:
    """Give each file fine on its own a key of its data (``FileRoster.data``) where its township
    has another such file of other bytes in the run: a copy re-saved or annotated is then
    known as a copy, as import finds it (see ``ImportSession.same_facts``)."""
    from xingxian_cli.io.rows import submission_rows

    towns = Counter(rosters[i].township for i in subs)
    for i, sub in subs.items():
        r = rosters[i]
        if towns[r.township] < 2 or r.current:
            continue
        rows = submission_rows(sub)
        head = (rows.township, rows.quarter, rows.filler, rows.phone, rows.fill_date)
        rosters[i] = replace(r, data=hashlib.sha256(repr((head, rows.tables)).encode()).hexdigest())


def same_facts_of(ctx: Context) -> Callable[[Submission, str], tuple[int, bool] | None]:
    """For a file's data and SHA-256, ``(version, is current)`` of its township's stored
    version holding the very same data in other bytes (re-saved, an annotated copy), as
    import finds it; looked up once per file, and only for a township with versions of the
    file's quarter."""
    from functools import cache

    from xingxian_cli.io.rows import submission_rows

    held = cache(lambda quarter: frozenset(m.township for m in ctx.store.history(quarter)))
    found: dict[tuple[str, str, str], tuple[int, bool] | None] = {}

    def of(sub: Submission, sha256: str) -> tuple[int, bool] | None:
        if sub.township not in held(sub.quarter):
            return None
        key = (sub.township, sub.quarter, sha256)
        if key not in found:
            found[key] = ctx.store.version_with_facts(submission_rows(sub))
        return found[key]

    return of


def current_hashes(ctx: Context) -> Callable[[str], Mapping[str, str]]:
    """Per quarter (looked up once each), the SHA-256 of each township's current version."""
    seen: dict[str, dict[str, str]] = {}

    def of(quarter: str) -> dict[str, str]:
        if quarter not in seen:
            seen[quarter] = {m.township: m.sha256 for m in ctx.store.current_submissions(quarter)}
        return seen[quarter]

    return of
