"""Exceptions shared by services and the CLI."""

from __future__ import annotations


class UsageError(Exception):
    """Wrong usage detected after parsing (unknown township, bad quarter …): exit code 2."""


def os_error_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in the user's words (the system's own text
    is English, and on Windows in the system's language)."""
    import errno

    from xingxian_cli.messages import common as M

    code = errno.errorcode.get(exc.errno or 0, "")
    for kind in type(exc).__mro__:  # Windows' sharing violation is a PermissionError too
        if kind.__name__ in M.OS_REASONS and kind is not OSError:
            return M.OS_REASONS[kind.__name__]
    return M.OS_REASONS.get(code) or M.OS_REASON_OTHER.format(code=code or type(exc).__name__)


def path_quote_hint(text: str) -> str:
    """For a path typed with a double quote in it: how cmd made it so and what to type (see
    text.path_before_quote); '' when it holds none."""
    from xingxian_cli.domain.text import path_before_quote, shell_arg
    from xingxian_cli.messages import common as M

    meant = path_before_quote(text)
    return "" if meant is None else M.ERR_PATH_QUOTE_HINT.format(example=shell_arg(meant))
