"""Turn exceptions into exit codes and Chinese messages; tracebacks only with --debug."""

from __future__ import annotations

import functools
import signal
import sys
import threading
import traceback
from typing import Any

import typer

from xingxian_cli.messages import common as M


def run(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run the Typer app; return the process exit code (0 ok, 1 data errors, 2 usage)."""
    from xingxian_cli.cli import usage
    from xingxian_cli.cli.app import state
    from xingxian_cli.cli.console import errors_as_json, prepare_streams

    prepare_streams()
    state.workspace, state.debug = None, False
    errors_as_json(False)
    usage.install()
    args = usage.global_options_first(list(sys.argv[1:] if args is None else args))
    previous = _stop_signals_interrupt()
    try:
        # Not standalone: usage errors come here to be told in Chinese; typer.Exit(n) returns n.
        result = command_of(app).main(args=args, prog_name="xx", standalone_mode=False)
        if result == _INTERRUPTED:  # Typer turns Ctrl-C in a command into Exit(130)
            _interrupted()
        return result if isinstance(result, int) else 0
    except SystemExit as exc:
        code = exc.code
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            # Typer's answer to a reader that stopped early (xx --help | head, policy export |
            # more quit): exit 1, "the data has errors". The text printed so (help, a policy
            # export) has no other outcome than 0; the rest of it goes nowhere.
            return 0
        return code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        _interrupted()
        return _INTERRUPTED
    except usage.usage_errors() as exc:
        return usage.show(exc, args, command_of(app))
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if _while_interrupted(exc):
            _interrupted()
            return _INTERRUPTED
        code = handle(exc)
        if state.debug:
            traceback.print_exc(file=sys.stderr)
        return code
    finally:
        for sig, handler in previous:
            signal.signal(sig, handler)


@functools.cache
def command_of(app: typer.Typer) -> Any:
    """The Click command Typer makes of ``app``, made once per process: Typer would read
    every command's signature again on each call (a tenth of a short command's time when
    the tests run hundreds of commands in one process)."""
    import typer.main

    return typer.main.get_command(app)


_INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C


def _while_interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` was raised while a Ctrl-C was being handled: the database driver,
    cancelling the query the officer stopped, closes the connection and raises that instead
    (review R127: exit 2, "数据库连接中断", for a Ctrl-C)."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        if isinstance(e, KeyboardInterrupt):
            return True
        seen.add(id(e))
        stack += [e.__cause__, e.__context__]
    return False


def _interrupted() -> None:
    from xingxian_cli.cli.console import error_panel

    error_panel(M.INTERRUPTED, M.INTERRUPTED_HINT)


def _stop_signals_interrupt() -> list[tuple[int, Any]]:
    """Make SIGTERM (a task manager, ``kill``) and SIGHUP (the terminal closed) end the
    command as Ctrl-C does, so its clean-up runs: an import's archived originals are
    removed, drafts deleted. Returns the handlers replaced."""
    if threading.current_thread() is not threading.main_thread():
        return []

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    replaced = []
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            replaced.append((sig, signal.signal(sig, interrupt)))
    return replaced


def handle(exc: BaseException) -> int:
    """Render a known failure; return its exit code."""
    from xingxian_cli.cli.console import diagnostics_panel, error_panel
    from xingxian_cli.domain.diagnostics import DataError
    from xingxian_cli.errors import UsageError
    from xingxian_cli.io.workspace import WorkspaceNotFound

    if isinstance(exc, DataError):
        diagnostics_panel(exc.diagnostics)
        return 1
    if isinstance(exc, WorkspaceNotFound):
        if exc.from_env:
            from xingxian_cli.domain.text import path_before_quote

            meant = path_before_quote(str(exc.searched))
            error_panel((M.ERR_NO_WORKSPACE_ENV if meant is None else M.ERR_NO_WORKSPACE_ENV_QUOTED).format(where=exc.searched),
                        M.ERR_NO_WORKSPACE_ENV_HINT if meant is None else M.ERR_NO_WORKSPACE_ENV_QUOTE_HINT.format(meant=meant))
        elif exc.explicit:  # -w named it: the hint is not to give -w
            from xingxian_cli.domain.text import shell_arg

            hint = (M.ERR_NO_WORKSPACE_INSIDE_HINT.format(
                root=exc.inside, root_arg=shell_arg(exc.inside),
                what=M.WORKSPACE_PART_FILE if exc.is_file else M.WORKSPACE_PART_FOLDER if exc.exists
                else M.WORKSPACE_PART_PATH) if exc.inside is not None
                else M.ERR_NO_WORKSPACE_FILE_HINT.format(where=exc.searched) if exc.is_file
                else M.ERR_NO_WORKSPACE_GIVEN_HINT.format(where=shell_arg(exc.searched)))
            error_panel(M.ERR_NO_WORKSPACE.format(where=exc.searched), hint)
        else:
            error_panel(M.ERR_NO_WORKSPACE.format(where=exc.searched), M.ERR_NO_WORKSPACE_HINT)
        return 2
    if isinstance(exc, UsageError):
        message = getattr(exc, "message", None)  # a database problem: its message and hint apart
        if message is not None:
            error_panel(message, getattr(exc, "hint", None))
        else:
            error_panel(str(exc))
        return 2
    problem = _database_problem(exc)
    if problem is not None:
        from xingxian_cli.io.store import BUSY_TIMEOUT_S
        from xingxian_cli.messages import database as DBM

        if problem == "busy":
            error_panel(DBM.ERR_BUSY.format(seconds=BUSY_TIMEOUT_S), DBM.ERR_BUSY_HINT)
            return 2
        if problem == "full":
            error_panel(DBM.ERR_DISK_FULL, DBM.ERR_DISK_FULL_HINT)
            return 2
        if problem == "readonly":
            error_panel(DBM.ERR_READONLY_FILE if _sqlite_error(exc) else DBM.ERR_READONLY.format(reason=_driver_message(exc)),
                        DBM.ERR_READONLY_HINT)
            return 2
        if problem == "lost":
            error_panel(DBM.ERR_LOST.format(reason=_driver_message(exc)), DBM.ERR_LOST_HINT)
            return 2
        # the machine's part, not the data's (README: exit code 2; review R137: it was 1), and an
        # officer's own SQLite file said in Chinese alone
        from xingxian_cli.io.store import driver_reason

        error_panel(DBM.ERR_DAMAGED.format(reason=driver_reason(exc, line_too=not _sqlite_error(exc))), DBM.ERR_DAMAGED_HINT)
        return 2
    if isinstance(exc, OSError):
        import errno

        from xingxian_cli.errors import os_error_reason

        reason = os_error_reason(exc)
        if exc.errno == errno.ENOSPC:  # no file is to blame, and an open one is no cause
            at = f"（{exc.filename}）" if exc.filename else ""  # a zip's write names no file
            error_panel(M.ERR_DISK_FULL.format(path=at, reason=reason), M.ERR_DISK_FULL_HINT)
        elif exc.errno == errno.ENAMETOOLONG:  # (asking whether it is a folder raises again: review R133)
            error_panel(M.ERR_OS.format(path=exc.filename or "", reason=reason), M.ERR_OS_HINT_LONG)
        else:
            from pathlib import Path

            # A read-only folder, or a file or folder that could not be made there: no file open
            # in Excel to close (review R72: a folder not created was "open in another program")
            path = Path(str(exc.filename)) if exc.filename else None
            try:
                is_dir, there = (path.is_dir(), path.exists()) if path is not None else (False, False)
            except OSError:  # a path the system will not even look at: said as it is
                is_dir, there = False, True
            # a folder where a file was to go (on Windows "access denied", not "is a directory": R133)
            if is_dir and (isinstance(exc, IsADirectoryError) or path.suffix.lower() in _FILE_SUFFIXES):
                error_panel(M.ERR_OS_NAMED_FOLDER.format(path=path), M.ERR_OS_HINT_NAMED_FOLDER)
            elif is_dir:
                error_panel(M.ERR_OS_DIR.format(path=path, reason=reason), M.ERR_OS_HINT_DIR)
            elif path is not None and not there and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                error_panel(M.ERR_OS_CREATE.format(path=path, reason=reason), M.ERR_OS_HINT_DIR)
            else:
                error_panel(M.ERR_OS.format(path=exc.filename or "", reason=reason), M.ERR_OS_HINT)
        # The machine's part, not the data's (README: exit code 2): a file open in Excel, a
        # read-only folder, a full disk (review R60: these were 1, "the data has errors").
        return 2
    error_panel(M.ERR_INTERNAL.format(kind=type(exc).__name__))
    return 3


_FILE_SUFFIXES = frozenset({".xlsx", ".zip", ".xxbak", ".csv", ".json", ".yaml", ".toml"})  # files xx writes
_RETRY_STATES = ("08", "57P0", "53", "57014", "40001", "40P01", "55P03")  # PostgreSQL SQLSTATE prefixes
# What SQLite says, by the kind of problem it is for the officer.
_SQLITE_PROBLEMS = (("database is locked", "busy"), ("database or disk is full", "full"),
                    ("readonly database", "readonly"),
                    ("file is not a database", "damaged"), ("database disk image is malformed", "damaged"))


def _database_problem(exc: BaseException) -> str | None:
    """busy (SQLite's lock still held by another command, an import say, after the wait),
    full (no room on the disk), readonly (a read-only file or folder) or damaged (not a
    database, malformed); else None."""
    # Never loaded just to ask. The drivers' own errors too: bulk inserts use their cursors.
    kinds = tuple(k for k in (getattr(sys.modules.get("sqlalchemy.exc"), "DBAPIError", None),
                              getattr(sys.modules.get("sqlite3"), "DatabaseError", None),
                              getattr(sys.modules.get("psycopg"), "Error", None)) if k is not None)
    if not kinds or not isinstance(exc, kinds):
        return None
    orig = getattr(exc, "orig", None) or exc
    if type(orig).__module__.startswith("psycopg"):
        # By SQLSTATE: 53100 the server's disk full; the connection lost (class 08, 57P0x,
        # or no state: the socket itself broke) and a server too busy for now (other class
        # 53, a timeout, a deadlock, a lock not granted) are worth running again. Anything
        # else is a fault of ours.
        state = getattr(orig, "sqlstate", None) or ""
        if state == "53100":
            return "full"
        if state == "55P03":  # a lock still held after the wait: another import of the county
            return "busy"
        if state.startswith(_RETRY_STATES) or (not state and type(orig).__name__ in ("OperationalError",
                                                                                       "InterfaceError")):
            return "lost"
        return None
    said = str(getattr(exc, "orig", None) or exc)
    return next((kind for text, kind in _SQLITE_PROBLEMS if text in said), None)


def _sqlite_error(exc: BaseException) -> bool:
    """Whether the driver's error is SQLite's: an officer's own file, no server administrator to
    read the driver's own words."""
    return type(getattr(exc, "orig", None) or exc).__module__.startswith("sqlite3")


def _driver_message(exc: BaseException) -> str:
    """The database driver's first line (SQLAlchemy wraps it with the statement), said in
    Chinese first when it is a usual case."""
    from xingxian_cli.io.store import driver_reason

    return driver_reason(exc)
