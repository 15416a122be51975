"""Load and export policy files (YAML, JSON or TOML in; YAML or JSON out)."""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from xingxian_cli.domain.diagnostics import DataError, Diagnostic, make
from xingxian_cli.domain.policy import Policy, build_policy
from xingxian_cli.errors import os_error_reason
from xingxian_cli.messages import policy as PM

DEFAULT_POLICY_NAME = "policy_default.yaml"

# libyaml's safe loader is ~8x faster than the pure-Python one; same safety, same result.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, mark: Any):
        super().__init__(f"duplicate key {key!r}")
        self.key, self.problem_mark = key, mark


def _key_text(key: object) -> str:
    """A mapping key as the policy model reads it: 5, 05, "05", 5.0 and " 5" are one."""
    text = str(key).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return str(int(number)) if number.is_finite() and number == number.to_integral_value() else text


class _SafeLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a key written twice in one mapping: YAML keeps the last
    silently, so ``书记: 36000`` then ``书记: 1`` would pay 1 yuan a year."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        # Scalar keys are compared by what they become as text, as the policy model reads
        # them (5, 05 and "5" are one star count); a merge key (<<) or a key that is itself a
        # list is left to the constructor.
        seen: set[str] = set()
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = _key_text(self.construct_object(key_node))
            if key in seen:
                raise _DuplicateKey(key_node.value, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def default_policy_text() -> str:
    """The shipped default policy file's text."""
    return resources.files("xingxian_cli.data").joinpath(DEFAULT_POLICY_NAME).read_text("utf-8")


def _syntax(name: str, reason: str) -> Diagnostic:
    """A policy-syntax diagnostic, its hint in the terms of the file's kind (JSON, TOML, YAML)."""
    rules = PM.SYNTAX_RULES.get(Path(name).suffix.lower(), PM.SYNTAX_RULES_YAML)
    return make("policy-syntax", file=name, reason=reason, rules=rules)


def is_toml(name: str) -> bool:
    return name.lower().endswith(".toml")


def parse_policy_text(text: str, name: str) -> tuple[Policy | None, list[Diagnostic]]:
    """Parse policy text (TOML when ``name`` ends in .toml; else YAML, a superset of JSON)
    and check it."""
    policy, problems = _parse_policy_text(text, name)
    return policy, list(problems)


_FULL_WIDTH_NUMBERS = frozenset([*map(chr, range(0xFF10, 0xFF1A)), *map(chr, range(0xFF21, 0xFF3B)),
                                  *map(chr, range(0xFF41, 0xFF5B)), "．", "－", "＋"])


def _half_width(data: Any) -> Any:
    """``data`` with each text written in full-width letters and digits (３６, M８５, ０．６) as
    the half-width text it stands for (review R118: 书记: ３６０００ was read, window_months: ３６
    refused, and M８５ passed the check yet left its data unscored). Chinese text is kept as written."""
    if isinstance(data, str):
        if data.isascii() or not all(ch.isascii() or ch in _FULL_WIDTH_NUMBERS for ch in data):
            return data  # (a full-width colon or comma is a slip told where it is, see _full_width_colon)
        return unicodedata.normalize("NFKC", data)
    if isinstance(data, dict):
        return {_half_width(k): _half_width(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_half_width(v) for v in data]
    return data


@lru_cache(maxsize=8)
def _parse_policy_text(text: str, name: str) -> tuple[Policy | None, tuple[Diagnostic, ...]]:
    """``parse_policy_text``, kept for the same text: a policy and its diagnostics are
    immutable, and one process (a test run, a score reading each quarter's rules) may read
    the same file many times."""
    data: Any
    if is_toml(name):
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"line (\d+)", str(exc))
            where = PM.SYNTAX_AT.format(line=line.group(1)) if line else ""
            return None, (_syntax(name, PM.SYNTAX_TOML.format(where=where)),)
    else:
        try:
            data = yaml.load(text, Loader=_SafeLoader)
        except (ValueError, TypeError):  # a value its tag cannot make (!!int abc)
            return None, (_syntax(name, PM.SYNTAX_YAML.format(where="")),)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = PM.SYNTAX_AT.format(line=mark.line + 1) if mark is not None else ""
            # (a .json file is read as the YAML it is a part of, and told as JSON: R96; a tab or
            # "key":value is fine in JSON, a full-width colon or space told in its terms: R98)
            json_text = name.lower().endswith(".json")
            if isinstance(exc, _DuplicateKey):
                reason = PM.SYNTAX_KEY_TWICE.format(where=where, key=exc.key)
            elif not json_text and mark is not None \
                    and "\t" in "".join(text.splitlines()[max(0, mark.line - 1):mark.line + 1]):
                reason = PM.SYNTAX_TAB.format(where=where)
            elif mark is not None and (line := _full_width_colon(text, mark.line)) is not None:
                reason = (PM.SYNTAX_FULL_WIDTH_COLON_JSON if json_text else PM.SYNTAX_FULL_WIDTH_COLON).format(
                    where=PM.SYNTAX_AT.format(line=line))
            elif mark is not None and (line := _near(text, mark.line, _FULL_WIDTH_SPACE)) is not None:
                reason = (PM.SYNTAX_FULL_WIDTH_SPACE_JSON if json_text else PM.SYNTAX_FULL_WIDTH_SPACE).format(
                    where=PM.SYNTAX_AT.format(line=line))
            elif not json_text and mark is not None and (line := _near(text, mark.line, _NO_SPACE_AFTER_COLON)) is not None:
                reason = PM.SYNTAX_NO_SPACE.format(where=PM.SYNTAX_AT.format(line=line))
            else:
                reason = (PM.SYNTAX_JSON if json_text else PM.SYNTAX_YAML).format(where=where)
            return None, (_syntax(name, reason),)
    policy, problems = build_policy(_half_width(data))
    if (problems or _absorbed_space(data)) and name.lower().endswith(".json") and "\u3000" in text \
            and (line := _json_full_width_space(text)) is not None:
        # YAML read a full-width space before a key as part of the key: "字段 counts.　"tasks"：考核方案中
        # 没有这一项" named neither the line nor the space (review R102), or into a text ("version":　"2022.1"
        # gave the version 　"2022.1": R103); one YAML reads past is no problem
        return None, (_syntax(name, PM.SYNTAX_FULL_WIDTH_SPACE_JSON.format(where=PM.SYNTAX_AT.format(line=line))),)
    return policy, tuple(p.model_copy(update={"file": name}) for p in problems)


# A key followed by a full-width colon (threshold： 90), before any ASCII one or a comment.
_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s#:：][^#:：]*：")


def _full_width_colon(text: str, line: int) -> int | None:
    """The (1-based) line near a YAML error's (0-based ``line``) whose key ends in a full-width
    colon: YAML reads ``threshold： 90`` as text, and stops a line or two later."""
    return _near(text, line, _FULL_WIDTH_KEY)


# A key and its value with no space between (threshold:90): YAML reads the line as one text,
# and stops a line later; not a comment, nor a time or URL in a quoted value (review R96).
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*:[^\s:/]")
# A full-width space (the Chinese input method's) indenting a line or after a colon (review R96).
_FULL_WIDTH_SPACE = re.compile(r"^\u3000|^[^#]*:\u3000")


def _absorbed_space(data: Any) -> bool:
    """Whether a key or text of ``data`` starts with a full-width space (YAML took it in)."""
    if isinstance(data, str):
        return data.startswith("\u3000")
    if isinstance(data, dict):
        return any(_absorbed_space(k) or _absorbed_space(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_absorbed_space(v) for v in data)
    return False


def _json_full_width_space(text: str) -> int | None:
    """The (1-based) line of a full-width space outside quotes that JSON refuses (YAML, which
    reads the file, may take it into a key), near where a JSON parser stops; None when JSON
    reads the text, or stops for another reason (a YAML-ism this tool accepts)."""
    import json

    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return _near(text, exc.lineno - 1, _FULL_WIDTH_SPACE_JSON)
    return None


_FULL_WIDTH_SPACE_JSON = re.compile(r'^[^"]*\u3000|^[^"]*"[^"]*"[^"]*\u3000')  # before a key, or after its colon


def _near(text: str, line: int, pattern: re.Pattern[str]) -> int | None:
    """The (1-based) line at or up to three before a YAML error's (0-based ``line``) that
    ``pattern`` matches (YAML stops a line or two after the slip), else None."""
    lines = text.splitlines()
    for i in range(min(line, len(lines) - 1), max(-1, line - 4), -1):
        if pattern.match(lines[i]):
            return i + 1
    return None


def read_policy_file(path: Path) -> tuple[Policy | None, list[Diagnostic]]:
    """Read and check a policy file; return the policy (or None) and every problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [make("policy-unreadable", file=path.name, reason=os_error_reason(exc))]
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a workbook (zip or OLE2) named as the policy
        return None, [make("policy-unreadable", file=path.name, reason=PM.NOT_A_POLICY_FILE)]
    try:
        # Notepad's and PowerShell 5's "Unicode" is UTF-16 with its byte-order mark.
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [make("policy-unreadable", file=path.name, reason=PM.NOT_UTF8)]
    if not text.strip():
        return None, [make("policy-unreadable", file=path.name, reason=PM.EMPTY_FILE)]
    return parse_policy_text(text, path.name)


def load_policy(path: Path | None = None) -> Policy:
    """The policy at ``path`` (default: the shipped one); raises DataError when invalid."""
    if path is None:
        return default_policy()
    policy, problems = read_policy_file(path)
    if policy is None:
        raise DataError(problems)
    return policy


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The shipped default policy (cached: it is immutable)."""
    policy, problems = parse_policy_text(default_policy_text(), DEFAULT_POLICY_NAME)
    if policy is None:  # pragma: no cover - guarded by tests
        raise DataError(problems)
    return policy


def policy_document(policy: Policy) -> dict[str, Any]:
    """The policy as plain JSON-able data (Decimals as numbers where exact)."""
    return json.loads(policy.model_dump_json())


def export_policy(policy: Policy, fmt: str) -> str:
    """The policy as JSON or YAML text that ``read_policy_file`` accepts back."""
    doc = policy_document(policy)
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
