"""Import township workbooks (``xx import``): validate, archive, store one version per file."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.intake import (
    AGAINST_EARLIER,
    READING_RULES,
    Earlier,
    FileRoster,
    add_across,
    against_earlier,
    copy_rank,
    cross_file_problems,
    earlier_facts,
    township_in_file_name,
)
from xingxian_cli.domain.memory import gc_paused
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.text import readable, shell_arg
from xingxian_cli.errors import UsageError, path_quote_hint
from xingxian_cli.messages import common as M
from xingxian_cli.messages import diagnostics as DM
from xingxian_cli.messages import report as RM
from xingxian_cli.services.validate import (
    FileResult,
    ValidationResult,
    current_elsewhere,
    current_hashes,
    diagnostic_json,
    display_names,
    earlier_of,
    one_of_two,
    replaced_hashes,
    same_facts_of,
    slipped,
    validate_files,
)

if TYPE_CHECKING:  # the store (SQLAlchemy) loads while the first files are read: see start_checking
    from xingxian_cli.domain.facts import Submission
    from xingxian_cli.io.store import Refusal
    from xingxian_cli.services.context import Context
    from xingxian_cli.services.intake_pool import Checking

# What a directory argument contributes: everything a clerk might have sent, so that a
# wrong format is reported rather than silently skipped. Excel's lock files are not data.
# Read from a folder: workbooks, and what a township may send instead of one (each then
# refused saying what to do): other spreadsheet formats, CSV, archives of workbooks.
_ACCEPTED_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlt", ".et", ".xlsb", ".ods", ".csv"}
# What a township sends instead of its workbook, or beside it (a scan, a photo, a Word file, a
# download not finished): in a folder, not read, and named when its name is a submission's
# (乡, 镇, 报送, a quarter), so a township that sent only a scan is not missed (review R72);
# not refused: the stamped page's photo beside a good workbook is no error (review R74).
_SENT_INSTEAD = {".pdf", ".doc", ".docx", ".wps", ".wpt", ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff",
                 ".heic", ".webp", ".crdownload", ".download", ".part", ".partial"}
_SUBMISSION_NAME = re.compile(r"乡|镇|街道|报送|季度|[Qq][1-4]")
# Archives in a folder are not opened: said, with the workbooks in them not already beside them.
_ARCHIVES = {".zip", ".rar", ".7z"}
# The tool's own workbooks (annotated copies, reports): a folder of them is nothing to import.
_OUTPUT_ENDS = (DM.ANNOTATE_NAME_END, RM.PER_TOWNSHIP_FILE.rsplit("}", 1)[-1],
                M.DEMO_REPORT_NAME.rsplit("}", 1)[-1].lstrip("_"))  # 2022Q3考核汇总.xlsx as README names it
_CONTAINERS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # zip (xlsx) and OLE2 (xls, encrypted xlsx)


@dataclass
class FileImport:
    result: FileResult
    status: str  # imported | unchanged | refused | checked (dry run) | refused_before | copy | other_quarter | report
    version: int | None = None
    township: str | None = None
    cadres: int = 0  # counted when stored, so the parsed rows need not be kept for the summary
    rows: int = 0
    same_as: int | None = None  # imported: the bytes of an earlier version that a later one replaced
    replacing: int | None = None  # imported: the version it replaces as current
    # imported or unchanged: the current version's bytes, read again by this version's rules
    # (imported: to other facts; unchanged: to the same ones)
    reread: bool = False
    # unchanged: other bytes than the current version's (saved again, an annotated copy)
    # that read to its very facts, so no new version
    same_content: bool = False
    other_quarter: str | None = None  # other_quarter: the quarter the file is current in
    refused_at: str | None = None  # refused: when an earlier import first refused the very same bytes
    copy_of: str | None = None  # copy: the file of this run it is a second copy of
    copy_resaved: bool = False  # copy: of that file's data in other bytes (re-saved, annotated)
    # imported: its 填报日期 and the earlier 填报日期 of the version it replaced (an old file?)
    filled_before: tuple[date, date] | None = None

    @property
    def name(self) -> str:
        return self.result.name


@dataclass
class ImportOutcome:
    quarter: Quarter
    files: list[FileImport] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    validation: ValidationResult | None = None
    # the files were checked by the policy the quarter's stored results were scored by, not
    # the workspace's (see context.for_quarter): the two, as notes name them
    policy_kept: tuple[str, str] | None = None
    registry_kept: tuple[str, str] | None = None  # as policy_kept, for the registry
    # Later quarters with stored results that a version imported now will change when next
    # looked at (honours and deductions count across quarters, stars are compared with the
    # quarter before): said at the import, not first discovered there (review R92).
    later_scored: list[str] = field(default_factory=list)
    # The quarter itself has a stored result, which a version imported now puts out of date
    # until the quarter is scored again (review R104).
    scored: bool = False

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def ok(self) -> bool:
        return self.count("refused") == 0


def expand_paths(args: list[Path]) -> list[Path]:
    """Files named directly, plus the workbook-like files inside named folders (sorted).

    A wildcard the shell left as it is (收件箱/*.xlsx: Windows shells never expand them) is
    expanded here. A file named twice (a folder and a file in it, two spellings of one
    path) is taken once: it would otherwise be imported and refused as its own duplicate.
    """
    out: list[Path] = []
    seen: set[str] = set()
    packed: list[Path] = []  # archives a wildcard matched: not opened
    locks: list[Path] = []  # Excel's owner files named: left out
    named_packed: list[Path] = []  # archives named as files: refused when nothing else is read

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.realpath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for a in args:
        if not a.exists() and _WILDCARD.search(str(a)):
            matched = [m for m in _glob(a) if m.is_dir() or not (m.name.startswith(".") or is_lock_file(m))]
            # 收件箱/*.xlsx names files: a folder it matches is not opened, nor one named like a
            # workbook (备份.xlsx) by any pattern; one matched by 收件箱/* or 收件箱/2022.10.* (folders
            # by date) is opened when it holds something to read.
            files_only = Path(a.name).suffix.lower() in _ACCEPTED_SUFFIXES
            folders = [m for m in matched if m.is_dir() and not files_only and m.suffix.lower() not in _ACCEPTED_SUFFIXES
                       and any(to_read(q) for q in m.iterdir())]
            # Windows' own files in a folder (Thumbs.db, desktop.ini, a shortcut) are no township's
            # refused return (review R60); a PDF or Word file sent instead of the workbook is,
            # and is refused by name (review R61)
            matched = [m for m in matched if m.is_file() and not _system_file(m)] + folders
            if not matched:
                raise UsageError(M.ERR_NO_MATCH.format(pattern=a))
            for m in matched:
                if m.is_file() and _an_archive(m):
                    packed.append(m)  # 收件箱/*.* takes in the zip it was extracted from: noted, as in a folder
                    continue
                for p in _files_in(m) if m.is_dir() else [m]:
                    add(p)
        elif a.is_dir():
            for p in _files_in(a):
                add(p)
        elif a.exists():
            if is_lock_file(a):  # 收件箱/*.xlsx expanded by the shell takes in Excel's ~$ owner files
                locks.append(a)
            elif _an_archive(a):
                named_packed.append(a)  # 收件箱/*.* expanded by the shell: noted beside workbooks, else refused
            else:
                add(a)
        else:
            raise UsageError(M.ERR_FILE_MISSING.format(path=a) + path_quote_hint(str(a)))
    if not out and named_packed:  # archives alone: each refused, saying to unzip it
        out.extend(named_packed)
    if not out and locks:  # owner files alone: say what they are rather than read nothing
        raise UsageError(M.ERR_LOCK_FILE.format(path=locks[0]))
    if not out and packed:  # 收件箱/*.zip: archives only
        raise UsageError(M.ERR_NO_FILES.format(path=args[0]) + M.ERR_NO_FILES_ARCHIVES.format(
            names="、".join(p.name for p in packed[:3])))
    return out


_WILDCARD = re.compile(r"[*?\[]")


def _glob(pattern: Path) -> list[Path]:
    """The paths matching ``pattern``, whose folders that exist are taken as written
    (收件箱[2022Q3]/*.xlsx: the brackets of a real folder name are no character class)."""
    parts = pattern.parts
    base: Path | None = None
    i = 0
    while i < len(parts):
        step = Path(parts[i]) if base is None else base / parts[i]
        if not step.exists():
            break
        base, i = step, i + 1
    rest = parts[i:]
    pat = os.path.join(glob.escape(str(base)), *rest) if base is not None else os.path.join(*rest)
    return [Path(m) for m in sorted(glob.glob(pat))]


def _head(p: Path) -> bytes:
    try:
        with p.open("rb") as f:
            return f.read(8)
    except OSError:
        return b""


def is_lock_file(p: Path) -> bool:
    """Excel's or WPS's owner file of an open workbook (~$蔚汾镇_2022Q3.xlsx, a few hundred
    bytes, no workbook), or LibreOffice's (.~lock.蔚汾镇_2022Q3.xlsx#)."""
    name = p.name
    try:
        if name.startswith(".~lock.") and name.endswith("#"):
            return p.is_file()
        return name.startswith("~$") and p.is_file() and p.stat().st_size <= 4096 and not _head(p).startswith(_CONTAINERS)
    except OSError:  # a name past the system's length limit (an owner file's of a long name) is none
        return False


def open_in_office(paths: Iterable[Path]) -> list[Path]:
    """The files of ``paths`` that Excel, WPS or LibreOffice has open now: their owner file
    (~$蔚汾镇_2022Q3.xlsx, .~lock.蔚汾镇_2022Q3.xlsx#) is beside them. What is read of such a
    file is its last save, without the edits made since (review R119)."""
    out = []
    for p in paths:
        if any(is_lock_file(o) for o in (p.with_name("~$" + p.name), p.with_name(f".~lock.{p.name}#"))):
            out.append(p)
    return out


_SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"})
_SHORTCUTS = frozenset({".lnk", ".url"})


def _system_file(p: Path) -> bool:
    """A file Windows (or a Mac) keeps in a folder by itself, or a shortcut to another file."""
    return p.name.casefold() in _SYSTEM_FILES or p.suffix.casefold() in _SHORTCUTS


def to_read(p: Path) -> bool:
    """Whether a folder's file is taken: by its suffix, or, without one or with a date's dots
    for one (WeChat keeps some so: 瓦塘镇报送表2022.9.30), by holding a workbook's container.
    Excel's owner files (~$…) are left out, a real workbook so named is not."""
    if p.name.startswith(".") or not p.is_file() or is_lock_file(p):
        return False
    suffix = p.suffix.lower()
    if suffix in _ACCEPTED_SUFFIXES:
        return True
    if suffix in _ARCHIVES:  # a workbook saved as .zip is one; a damaged .zip is an archive, noted
        return _a_book(p, damaged=False)
    # no suffix, or none a program gives (2022.9.30, 03.交楼申乡报送表): a workbook by its content
    return (not suffix or not (suffix[1:].isascii() and suffix[1:].isalpha())) and _a_book(p)


def _a_book(p: Path, *, damaged: bool = True) -> bool:
    """Whether a file without a workbook's suffix holds one: an OLE2 container (an old .xls,
    an encrypted .xlsx) or a zip with a workbook part (not a zip of files, nor a Word file);
    a zip that cannot be read counts as one when ``damaged`` (read, and said to be damaged)."""
    import zipfile

    head = _head(p)
    if head.startswith(_CONTAINERS[1]):
        return True
    if not head.startswith(_CONTAINERS[0]):
        return False
    try:
        with zipfile.ZipFile(p) as z:
            return any(n.startswith("xl/") for n in z.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return damaged


@dataclass
class Unread:
    """What the paths given hold that is not read: a subfolder (``files``: how many files it
    holds to take), an archive (``files``: its workbooks not among the files read; None
    when it cannot be listed, a RAR or 7z), or a document (a scan, a photo, a Word file, a
    download not finished) named like a submission."""

    path: Path
    files: int | None
    document: bool = False


def unread_in(args: list[Path], taken: list[Path] | None = None) -> list[Unread]:
    """The subfolders and archives of the folders named in ``args`` whose files are not
    read (said, so a township's file there is not missed): not a folder named itself, nor
    one of annotated copies, nor an archive whose workbooks are all in the folder too.
    ``taken``: the files ``args`` gave to read, when the caller has them already."""
    named = {os.path.normcase(os.path.realpath(a)) for a in args}
    out: list[Unread] = []
    seen: set[str] = set()
    taken = _quiet_paths(args) if taken is None else taken
    read = {p.name.casefold() for p in taken}
    refused = {os.path.normcase(os.path.realpath(p)) for p in taken}  # archives alone are read (and refused)
    for a in args:
        if a.is_file() and _an_archive(a):  # named (a shell's *.*)
            if (key := os.path.normcase(os.path.realpath(a))) not in seen and key not in refused:
                seen.add(key)
                books = _archived_books(a)
                missing = None if books is None else [b for b in books if b.casefold() not in read]
                if missing is None or missing:
                    out.append(Unread(a, None if missing is None else len(missing)))
            continue
        if not a.exists() and _WILDCARD.search(str(a)):  # 收件箱/*.*: the archives it matched
            for m in _glob(a):
                if m.is_file() and _an_archive(m):
                    _unread_archive(m, out, seen)
            continue
        key = os.path.normcase(os.path.realpath(a))
        if not a.is_dir() or key in seen:
            continue
        seen.add(key)
        try:
            entries = sorted(a.iterdir())
        except OSError:
            continue
        for e in entries:
            if e.is_dir() and not e.name.startswith(".") and e.name != "__MACOSX":
                if os.path.normcase(os.path.realpath(e)) in named:
                    continue
                if e.name == "archive" and (a / "xx.yaml").is_file():
                    continue  # a workspace's own store of originals
                try:
                    files = [q for q in e.iterdir() if to_read(q) and not q.name.endswith(_OUTPUT_ENDS)]
                except OSError:
                    continue
                if files:
                    out.append(Unread(e, len(files)))
                    continue
                # 收件箱/2022-10/瓦塘镇（更正）/: a folder per month, then per township (review R120)
                for deeper in _folders_with_files(e, depth=2):
                    try:
                        n = sum(1 for q in deeper.iterdir() if to_read(q) and not q.name.endswith(_OUTPUT_ENDS))
                    except OSError:
                        continue
                    if n and os.path.normcase(os.path.realpath(deeper)) not in named:
                        out.append(Unread(deeper, n))
            elif e.is_file() and _an_archive(e):
                _unread_archive(e, out, seen)
            elif e.is_file() and e.suffix.lower() in _SENT_INSTEAD and _SUBMISSION_NAME.search(e.stem) \
                    and not to_read(e):
                out.append(Unread(e, None, document=True))
    return out


def _unread_archive(path: Path, out: list[Unread], seen: set[str]) -> None:
    """Note ``path`` (an archive not opened) in ``out`` unless its workbooks are all beside it."""
    key = os.path.normcase(os.path.realpath(path))
    if key in seen:
        return
    seen.add(key)
    books = _archived_books(path)
    try:
        here = {e.name.casefold() for e in path.parent.iterdir()}
    except OSError:
        here = set()
    missing = None if books is None else [b for b in books if b.casefold() not in here]
    if missing is None or missing:
        out.append(Unread(path, None if missing is None else len(missing)))


def _quiet_paths(args: list[Path]) -> list[Path]:
    """The files ``args`` give to read, or none when they are in error (said elsewhere)."""
    try:
        return expand_paths(args)
    except UsageError:
        return []


def _an_archive(p: Path) -> bool:
    """An archive not opened: a .zip, .rar or .7z, or a zip without a suffix (WeChat), that is
    no workbook (a workbook saved as .zip is read as one)."""
    if p.suffix.lower() in _ARCHIVES:
        return not _a_book(p, damaged=False)
    return _packed_without_suffix(p) and not _a_book(p)


def _packed_without_suffix(p: Path) -> bool:
    """A zip without a suffix, or with a date's dots for one, that is no workbook (WeChat)."""
    ext = p.suffix[1:]
    return (not ext or not (ext.isascii() and ext.isalpha())) and _head(p).startswith(_CONTAINERS[0])


def _archived_books(path: Path) -> list[str] | None:
    """The names of the workbooks a zip holds (None: not a zip that can be listed)."""
    import zipfile

    from xingxian_cli.io.xlsx_reader import workbooks_in

    try:
        with zipfile.ZipFile(path) as z:
            return workbooks_in(z)
    except (OSError, zipfile.BadZipFile, ValueError):
        return None


def _files_in(folder: Path) -> list[Path]:
    found = sorted(p for p in folder.iterdir() if to_read(p))
    if not found:
        # An inbox sorted into a folder per township or per day: the folders are not opened
        # (one named by mistake would import everything under it), and said so.
        inner = _folders_with_files(folder)
        more = M.ERR_NO_FILES_SUBFOLDERS.format(names="、".join(str(p.relative_to(folder)) for p in inner[:3]),
                                                example=shell_arg(inner[0])) if inner else ""
        packed = [p.name for p in sorted(folder.iterdir()) if p.is_file() and _an_archive(p)]
        more += M.ERR_NO_FILES_ARCHIVES.format(names="、".join(packed[:3])) if packed else ""
        raise UsageError(M.ERR_NO_FILES.format(path=folder) + more)
    return found


def _folders_with_files(folder: Path, depth: int = 3, budget: int = 500) -> list[Path]:
    """The subfolders of ``folder`` nearest to it that hold files to read, looked for down to
    ``depth`` levels (收件箱/2022-10/瓦塘镇（更正）: review R119) among at most ``budget`` folders."""
    level = [folder]
    for _ in range(depth):
        below: list[Path] = []
        for d in level:
            try:
                below += sorted(p for p in d.iterdir() if p.is_dir() and not p.name.startswith("."))
            except OSError:
                continue
        below = below[:budget]
        found = []
        for d in below:
            try:
                if any(to_read(q) for q in d.iterdir()):
                    found.append(d)
            except OSError:
                continue
        if found or not below:
            return found
        level = below
    return []


def _archive(ctx: Context, f: FileResult, created: list[str] | None = None) -> str:
    """Write the original bytes under their hash (atomic; identical bytes are kept once).

    Returns the path relative to the workspace; a file newly written is added to ``created``.
    """
    folder = ctx.workspace.archive_dir / f.sha256[:2]
    folder.mkdir(parents=True, exist_ok=True)
    suffix = f.path.suffix.lower() or ".xlsx"
    target = folder / f"{f.sha256}{suffix}"
    rel = target.relative_to(ctx.workspace.root).as_posix()
    there = target.exists()
    if not there or (f.data and not _holds(target, f.sha256, len(f.data))):
        # Not there, or there with other bytes (damaged since, or cut short by a crash before
        # the disk had it): written whole, so importing the original again mends it (review R72).
        tmp = folder / f".{f.sha256}.{os.getpid()}.tmp"
        try:
            try:
                tmp.write_bytes(f.data)
            except FileNotFoundError:  # its folder emptied and removed by another import just now
                folder.mkdir(parents=True, exist_ok=True)
                tmp.write_bytes(f.data)
            os.replace(tmp, target)
        except BaseException:  # Ctrl-C or a full disk mid-write: no copy of a township's IDs left (review R133)
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        if created is not None and not there:
            created.append(rel)
    return rel


def _remove_original(ctx: Context, rel: str) -> None:
    """Remove an archived original no stored version refers to, and its hash folder (and
    the archive folder) when that leaves them empty: a failed first import leaves no empty
    archive/bc behind (review R111)."""
    path = ctx.workspace.root / rel
    path.unlink(missing_ok=True)
    for folder in (path.parent, ctx.workspace.archive_dir):
        with contextlib.suppress(OSError):  # not empty (other originals), or not ours to remove
            folder.rmdir()


def _holds(path: Path, sha256: str, size: int) -> bool:
    """Whether the file at ``path`` has ``size`` bytes hashing to ``sha256``."""
    try:
        if path.stat().st_size != size:
            return False
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest() == sha256
    except OSError:
        return False


def start_checking(paths: list[Path], *, dry_run: bool = False, workers: int | None = None) -> Checking:
    """Start reading the files named by ``paths`` (folders expanded) before the workspace opens.

    With several files, worker processes hash and unpack them while this process loads
    the store, policy and registry; pass the result to :func:`import_files` as
    ``checking`` (a context manager: leaving it drops whatever was not used).
    """
    from xingxian_cli.services.intake_pool import Checking

    files = expand_paths(paths)
    return Checking(files, display_names(files), today=date.today(), keep_data="none" if dry_run else "valid",
                    workers=workers, for_store=not dry_run)


def import_files(
    ctx: Context,
    paths: list[Path],
    quarter: Quarter,
    *,
    dry_run: bool = False,
    on_file: Callable[[FileImport], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    workers: int | None = None,
    checking: Checking | None = None,
    revert: bool = False,
) -> ImportOutcome:
    """Validate every file; store each valid one as its township's new current version.

    A file with any error is refused whole; the others still load. A file identical to an
    already imported one (same SHA-256) changes nothing.

    Files are checked in parallel when there are several (``workers``: how many processes,
    default one per core), and each file is stored as soon as its own checks pass, while
    the others are still being checked; but a person found in two files refuses both, so
    the run is one transaction: once every file is checked, files refused across files are
    taken out again and the accepted ones become current at commit. Each file lands whole
    or not at all, and a run that fails or is killed leaves nothing behind.

    Progress: ``on_total`` first gets the number of ``on_file`` calls to expect, two per
    file: one as its check finishes (status ``checked`` or ``refused``, in the order files
    finish) and one once it is settled (its final FileImport, in argument order). Each
    file's bytes are dropped once archived. ``checking``: the same files' checks started
    earlier by :func:`start_checking` (with the same ``dry_run``). Files are checked against
    the quarter's own policy (a closed quarter's late correction against the policy its
    stored results were scored by; see context.for_quarter). A file identical to a version a
    correction replaced since is refused, unless ``revert`` (see :func:`cross_file_problems`).
    """
    from xingxian_cli.services.context import for_quarter, kept_policy, kept_registry

    ctx = for_quarter(ctx, quarter)
    with gc_paused():
        if dry_run:
            res = _check_only(ctx, paths, quarter, on_file=on_file, on_total=on_total, workers=workers,
                              checking=checking, revert=revert)
        else:
            res = _import_files(ctx, paths, quarter, on_file=on_file, on_total=on_total, workers=workers,
                                checking=checking, revert=revert)
    res.policy_kept, res.registry_kept = kept_policy(ctx), kept_registry(ctx)
    return res


def _check_only(
    ctx: Context,
    paths: list[Path],
    quarter: Quarter,
    *,
    on_file: Callable[[FileImport], None] | None,
    on_total: Callable[[int], None] | None,
    workers: int | None,
    checking: Checking | None,
    revert: bool = False,
) -> ImportOutcome:
    """``--dry-run``: every check of an import, nothing stored."""
    if checking is not None and checking.for_store:
        raise ValueError("a dry run needs the checks started with dry_run=True (facts, not rows)")
    start = checking.started if checking is not None else time.perf_counter()
    files = checking.paths if checking is not None else expand_paths(paths)
    if on_total is not None:
        on_total(2 * len(files))
    existing = ctx.store.people_in_quarter(str(quarter))

    def checked(f: FileResult) -> None:
        if on_file is not None:
            on_file(FileImport(f, "checked" if f.valid else "refused"))

    twin = same_facts_of(ctx)
    result = validate_files(files, policy=ctx.policy, registry=ctx.registry, quarter=quarter, existing=existing,
                            current=current_hashes(ctx), replaced=replaced_hashes(ctx), same_facts=twin,
                            earlier=earlier_of(ctx),
                            keep_data="none", workers=workers, on_checked=checked, checking=checking, revert=revert)
    outcome = ImportOutcome(quarter, dry_run=True, validation=result)
    # What the import would make of each file, said as the import says it (review: a dry run
    # called a folder imported once already "15 can be imported", the import "15 unchanged").
    q = str(quarter)
    history = ctx.store.history(q)
    current = {m.township: m for m in history if m.is_current}
    items = []
    for f in result.files:
        sub = f.submission
        if sub is None or not f.valid:
            items.append(FileImport(f, "refused"))
        elif (now := current.get(sub.township)) is not None and now.sha256 == f.sha256 and (
                now.reader == READING_RULES or _same_facts(ctx, now.id, sub)):
            # (read by older rules to the same facts: the import re-reads it and keeps the version, R68)
            items.append(FileImport(f, "unchanged", now.version, sub.township, reread=now.reader != READING_RULES))
        elif now is not None and now.sha256 != f.sha256 and (found := twin(sub, f.sha256)) is not None and found[1]:
            # other bytes, the current version's very data: the import keeps that version
            items.append(FileImport(f, "unchanged", now.version, sub.township, same_content=True))
        else:
            item = FileImport(f, "checked", township=sub.township)
            if now is not None:  # what the import will say of the version it replaces (review R65)
                item.replacing = now.version
                # the version it would be (review R78: the dry run did not say it replaces one)
                item.version = 1 + max(m.version for m in history if m.township == sub.township)
                item.reread = now.sha256 == f.sha256  # its bytes, read by these rules to other facts
                item.same_as = next((m.version for m in history if m.township == sub.township and not m.is_current
                                     and m.sha256 == f.sha256), None)  # --revert
                if item.same_as is None and not item.reread and (found := twin(sub, f.sha256)) is not None \
                        and not found[1]:
                    item.same_as = found[0]  # an old version's data in other bytes
                if sub.fill_date is not None and now.fill_date is not None and sub.fill_date < now.fill_date:
                    item.filled_before = (sub.fill_date, now.fill_date)
            items.append(item)
    # (a township with a file to import this run: an old refused copy beside it is skipped, as
    # the import will skip it once that file is current)
    for item in _skipped(ctx, q, items, coming={i.township for i in items if i.status == "checked"}):
        outcome.files.append(item)
        if on_file is not None:
            on_file(item)
    if outcome.count("checked"):  # what the import would say of stored results (reviews R93, R104)
        outcome.scored, outcome.later_scored = _stored_results(ctx, q)
    outcome.seconds = time.perf_counter() - start
    return outcome


def _import_files(
    ctx: Context,
    paths: list[Path],
    quarter: Quarter,
    *,
    on_file: Callable[[FileImport], None] | None,
    on_total: Callable[[int], None] | None,
    workers: int | None,
    checking: Checking | None,
    revert: bool = False,
) -> ImportOutcome:
    from xingxian_cli.services.intake_pool import Checking

    if checking is None:
        files = expand_paths(paths)
        checking = Checking(files, display_names(files), today=date.today(), keep_data="valid", workers=workers,
                            for_store=True)
    if not checking.for_store:
        raise ValueError("an import needs the checks started with dry_run=False (rows to store)")
    start, files = checking.started, checking.paths
    if on_total is not None:
        on_total(2 * len(files))
    q = str(quarter)
    slots: list[FileResult | None] = [None] * len(files)
    settled: dict[int, FileImport] = {}
    sids: dict[int, int] = {}  # file index -> staged submission id
    rosters: dict[int, FileRoster] = {}  # file index -> its people, for the checks across files
    towns: set[str] = set()  # the townships of the files staged so far
    refresh: dict[int, int] = {}  # file index -> current version read again by these rules to the same facts
    confirmed: dict[int, int | None] = {}  # file index -> the current version it is identical to
    dropped: list[str] = []  # archive paths of files staged, then refused across files
    created: list[str] = []  # archive files this run wrote
    told: Earlier | None = None  # what earlier quarters said, read for the first file stored
    try:
        # The workers are let go before the commit, not after it: a Ctrl-C while they shut down
        # then finds nothing stored, as it is told.
        with ctx.store.import_session() as session, checking:
            existing = session.people_in_quarter(q)  # read under the county's import lock: no other import interleaves
            for i, f in checking.results(ctx.policy, ctx.registry, quarter):
                slots[i] = f
                if on_file is not None:
                    on_file(FileImport(f, "checked" if f.valid else "refused"))
                rows, f.rows = f.rows, None  # stored below: the rows need not stay in memory
                if told is None:
                    told = earlier_facts(*ctx.store.earlier_facts(q))
                fine = (rows.starts(), rows.deductions()) if rows is not None and f.valid else f.fine
                if fine is not None:  # said at import as at validate, a refused file's good rows too
                    f.diagnostics += against_earlier(f.name, *fine, told, ctx.policy, quarter, f.columns,
                                                     township=rows.township if rows is not None else f.township,
                                                     registry=ctx.registry)
                if rows is None or not f.valid:
                    refused = f.roster(q)  # its good roster rows still meet the other files'
                    if refused is not None:
                        rosters[i] = refused
                    continue
                rosters[i] = FileRoster(f.name, rows.township, rows.people(), sha256=f.sha256)
                staged = session.stage(rows, sha256=f.sha256, file_name=f.name,
                                       archive=lambda f=f: _archive(ctx, f, created),
                                       warnings=_own(f.warnings), reader=READING_RULES)
                if staged.sid is None:
                    if not staged.same_content:
                        # Identical to the current version: its original is kept here too (on a
                        # shared server a colleague may have imported it into their workspace).
                        _archive(ctx, f, created)
                    rosters[i] = replace(rosters[i], current=True)  # the store's: not refused for another file
                    confirmed[i] = staged.current
                    settled[i] = FileImport(f, "unchanged", staged.version, rows.township, reread=staged.reread,
                                            same_content=staged.same_content)
                    if staged.refresh is not None:
                        refresh[i] = staged.refresh
                else:
                    # A second file of the township in this run holding the very data of one staged
                    # before it (re-saved, annotated) is a copy of that one, as identical bytes are (R98).
                    twin = next((k for k in sids if rosters[k].township == rows.township
                                 and session.same_facts(sids[k], rows)), i) if rows.township in towns else i
                    towns.add(rows.township)
                    sids[i] = staged.sid
                    rosters[i] = replace(rosters[i], replaced=staged.same_as,  # an old copy: said so if another file came
                                         data=f"staged {sids[twin]}")
                    settled[i] = FileImport(f, "imported", staged.version, rows.township, rows.n_cadres, rows.n_rows,
                                            staged.same_as, staged.replacing, staged.reread)
                    if rows.fill_date is not None and staged.replacing_filled is not None \
                            and rows.fill_date < staged.replacing_filled:
                        # a draft found in another folder, imported after its correction (round 22)
                        settled[i].filled_before = (rows.fill_date, staged.replacing_filled)
                f.data = b""  # archived (or identical to the archived current version)
            results = [f for f in slots if f is not None]
            assert len(results) == len(slots), "every file is checked"
            _check_across(results, rosters, existing, revert=revert, quarter=str(q))
            for i in rosters:
                if results[i].errors:  # refused across files
                    settled.pop(i, None)
                    if i in sids:
                        dropped.append(session.discard(sids.pop(i)))
            if dropped:  # the versions staged after a discarded one moved down
                for i, sid in sids.items():
                    settled[i].version = session.version_of(sid)
            session.publish(sids.values())
            for i, sid in refresh.items():
                if i in settled:  # not refused across files
                    session.refresh(sid, reader=READING_RULES, warnings=_own(results[i].warnings))
    except BaseException:
        # Nothing of the run was stored (the transaction rolled back): neither are the
        # originals it archived, which hold residents' ID numbers. Asked of the store, not
        # assumed: an interruption that lands just after the commit leaves a stored run,
        # whose originals stay (review R60: all 15 were lost).
        with contextlib.suppress(Exception):  # unsure: kept, an orphan xx verify lists
            for rel in created:
                if not ctx.store.archive_in_use(rel):
                    _remove_original(ctx, rel)
        raise
    # A refused file's original is not kept (it was archived when it was staged), unless
    # an earlier import of the same bytes still refers to it.
    for rel in dropped:
        if not ctx.store.archive_in_use(rel):
            _remove_original(ctx, rel)
    outcome = ImportOutcome(quarter, validation=ValidationResult(results))
    for item in _skipped(ctx, q, [settled.get(i) or FileImport(f, "refused") for i, f in enumerate(results)]):
        outcome.files.append(item)
        if on_file is not None:
            on_file(item)
    # For xx status: a township whose file was sent back is not one that has sent nothing
    # (named by its 基本信息, or else by its file name: a CSV sent as .xlsx has neither read).
    # With the version this run made current for the same township, or found a file identical
    # to, if any: a file refused beside it is still news (it may be the newer copy), whatever
    # the clock's second says.
    made_current = {settled[i].township: sid for i, sid in (*confirmed.items(), *sids.items()) if i in settled}
    # A file named for one township holding another's (康宁镇_2022Q3.xlsx with 罗峪口镇 in its
    # 基本信息) is listed under both: either may be the one that sent it.
    # A copy of a version replaced since is no news of its township: not listed; nor a file
    # refused, as every file of the run, for the quarter it was given (review R142: see run_slip).
    ours = slipped([f.result for f in outcome.files if f.status == "refused"],
                   [f.result for f in outcome.files if f.status in ("imported", "unchanged", "checked")])
    refused = [(t, f) for f in outcome.files if f.status == "refused"
               and any(d.code != "duplicate-submission-old" for d in f.result.errors)
               and id(f.result) not in ours
               for t in [t for t in dict.fromkeys((f.result.township,
                                                   township_in_file_name(ctx.policy, ctx.registry, f.name)))
                         if t is not None] or [None]]
    ctx.store.record_refusals(q, [(t, f.name, f.result.sha256, len(f.result.errors), made_current.get(t or ""),
                                   readable(os.path.normpath(f.result.path.absolute())), _first_error(f.result.errors),
                                   _own_township(ctx, f.result), f.result.content, one_of_two(f.result),
                                   diagnostic_json(f.result.errors[0]) if f.result.errors else None)
                                  for t, f in refused])
    if outcome.count("imported"):
        outcome.scored, outcome.later_scored = _stored_results(ctx, q)
    outcome.seconds = time.perf_counter() - start
    return outcome


def _stored_results(ctx: Context, quarter: str) -> tuple[bool, list[str]]:
    """Whether ``quarter`` has a stored result, and the quarters after it that have: a new
    version of it changes them when they are next looked at (see ImportOutcome.scored and
    .later_scored)."""
    scored = ctx.store.scored_quarters()
    return quarter in scored, [later for later in scored if later > quarter]


def _same_facts(ctx: Context, sid: int, sub: Submission) -> bool:
    from xingxian_cli.io.rows import submission_rows

    return ctx.store.same_facts(sid, submission_rows(sub))


def _skipped(ctx: Context, quarter: str, items: list[FileImport],
             coming: Collection[str | None] = ()) -> list[FileImport]:
    """``items`` (one per file, in order), each refused file that is no news skipped instead
    (changed in place): the old copy of a file sent back, left beside its correction; next
    quarter's file imported since as that quarter's; a second copy of a file taken in this run.
    ``coming``: the townships a dry run found a file to import for (their old refused copies
    are skipped, with no version yet)."""
    # A refused file is known by its bytes, and by its sheets' values: a copy of it re-saved or
    # marked is the same refused file (R98). Keys: (township, SHA-256 or values' key).
    refusals = ctx.store.refusals(quarter)
    superseded: dict[tuple[str | None, str], int | None] = dict(_refused_before(ctx, quarter, refusals))
    if coming:
        superseded.update({(_whose(r), k): None for r in refusals if _whose(r) in coming
                           for k in (r.sha256, r.content) if k and (_whose(r), k) not in superseded})
    first_refused: dict[tuple[str | None, str], str] = {}
    for r in refusals:
        for k in (r.sha256, r.content):
            if k:
                first_refused.setdefault((_whose(r), k), r.at)
    elsewhere = current_elsewhere(ctx, [item.result for item in items])
    # Of refused files with the same bytes, one is refused; the others are its copies (the
    # checks across files, which say so of files fine on their own, skip refused ones).
    # (Of one township: two townships' empty downloads have the same bytes, and both are refused, R68.)
    own = [_own_township(ctx, item.result) for item in items]
    sent: dict[tuple[str | None, str], FileImport] = {}
    for k in sorted((k for k, i in enumerate(items) if i.status == "refused" and i.result.sha256),
                    key=lambda k: copy_rank(items[k].name)):
        sent.setdefault((own[k], items[k].result.content or items[k].result.sha256), items[k])
    for i, item in enumerate(items):
        f = item.result
        if item.status != "refused":
            continue
        # (a CSV or a damaged file has no 基本信息: its name says whose it is, review R65)
        keys = [(own[i], k) for k in (f.sha256, f.content) if k] or [(own[i], "")]
        before = next((k for k in keys if k in superseded), None)
        if all(d.code == "file-is-report" for d in f.errors):  # a report of ours in the inbox (R95)
            item.status = "report"
        elif before is not None:
            item.status, item.township, item.version = "refused_before", before[0], superseded[before]
        elif (there := elsewhere.get(i)) is not None:
            # next quarter's file come early, imported since as that quarter's: no refusal of this
            # quarter's, in the output or in xx status (review R64)
            item.status, item.other_quarter, item.township, item.version = "other_quarter", *there
        elif (copy := next((d for d in f.errors if d.code == "duplicate-copy"), None)) is not None:
            # WeChat's second download of a file of this run: skipped, no refusal; its other
            # errors are the first copy's, which is refused for them (review R65)
            item.status, item.copy_of = "copy", copy.value
            item.copy_resaved = next((x.result.sha256 != f.sha256 for x in items if x.name == copy.value), False)
        elif f.sha256 and (first := sent[own[i], f.content or f.sha256]) is not item:
            item.status, item.copy_of = "copy", first.name  # a second download (or re-saved copy) of a file refused
            item.copy_resaved = first.result.sha256 != f.sha256
        elif f.sha256:
            # the same file refused before, and nothing from the township since: not news of a new file
            item.refused_at = next((first_refused[k] for k in keys if k in first_refused), None)
    return items


def _own_township(ctx: Context, f: FileResult) -> str | None:
    """The township a file is its own: as its 基本信息 names it, or as its name does when that
    could not be read."""
    return f.township if f.township is not None else township_in_file_name(ctx.policy, ctx.registry, f.name)


def _whose(r: Refusal) -> str | None:
    """The township a refused file was its own (see Refusal.own; for one an older xx recorded,
    the township it is listed under)."""
    return r.own if r.own is not None else r.township


def _refused_before(ctx: Context, quarter: str, refusals: list[Refusal]) -> dict[tuple[str | None, str], int]:
    """(township, SHA-256 or values' key) of the files an earlier import of ``quarter`` refused whose township
    has imported a version since -> that version: the old copy of a file sent back, left in the
    inbox beside its correction, is no news when the folder is imported again (review R50)."""
    current = {m.township: m for m in ctx.store.history(quarter) if m.is_current}
    out: dict[tuple[str | None, str], int] = {}
    for r in refusals:
        if r.own is not None and r.own != r.township:
            continue  # a misnamed file's entry under the township its name gives: its own is the other
        now = current.get(r.township or "")
        # (one refused beside that version, in the run that stored it, may be the newer copy: news still)
        if now is not None and r.sha256 and r.before(now):
            out[(r.township, r.sha256)] = now.version
            if r.content:
                out[(r.township, r.content)] = now.version
    return out


def _own(warnings: list[Diagnostic]) -> list[Diagnostic]:
    """The warnings stored with a submission: of the file itself. Those against earlier
    quarters follow those quarters, which may be corrected later: they are worked out afresh
    when the quarter is scored (the report) and when a file is checked, and not counted in
    ``xx status``."""
    return [w for w in warnings if w.code not in AGAINST_EARLIER]


def _first_error(errors: list[Diagnostic]) -> str | None:
    """A refused file's first error as ``xx status`` shows it: 六大体系评分 › 第5行 › 党建引领(C列)：…"""
    from xingxian_cli.messages import places

    if not errors:
        return None
    d = errors[0]
    where = [p for p in (d.sheet, places.row_text(d.row) if d.row else "", places.column_text(d.header, d.column)) if p]
    return places.SEP.join(where) + "：" + d.message if where else d.message


def _check_across(results: list[FileResult], rosters: dict[int, FileRoster],
                  existing: dict[str, tuple[str, str]], *, revert: bool = False, quarter: str | None = None) -> None:
    """The checks across files (see :func:`cross_file_problems`): the files fine on their own,
    and the good roster rows of those refused."""
    id_columns = {results[i].name: results[i].id_column for i in rosters if results[i].id_column is not None}
    by_name = {f.name: f for f in results}
    for d in cross_file_problems([rosters[i] for i in sorted(rosters)], existing, id_columns=id_columns,
                                 revert=revert, quarter=quarter):
        target = by_name.get(d.file or "")
        if target is not None:
            add_across(target.diagnostics, d)
