"""JSON documents as UTF-8 bytes, fast: orjson, with the standard library for what it refuses.

A province's scores are a 230 MB document; the standard library takes about ten seconds to
write it indented (indenting falls back to its Python encoder) and two compact, orjson half
a second either way, byte for byte the same as ``json.dumps(doc, ensure_ascii=False, …)``.
"""

from __future__ import annotations

import json
from typing import Any


def json_bytes(doc: Any, *, indent: bool = False) -> bytes:
    """``doc`` as UTF-8 JSON: indented by two spaces, or compact (no spaces). Values JSON
    has no type for (Decimal, date, Path) are written as their text."""
    import orjson

    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    try:
        return orjson.dumps(doc, default=str, option=option)
    except TypeError:
        # Text that is not valid Unicode — a file name whose bytes were not, kept by Python
        # as surrogates — which orjson refuses: escaped, so it reads back as it was.
        return json.dumps(doc, default=str, indent=2 if indent else None,
                          separators=None if indent else (",", ":")).encode("ascii")


def json_loads(data: bytes) -> Any:
    """A document :func:`json_bytes` wrote (orjson; the standard library for the escaped
    surrogates of its fallback, which orjson refuses)."""
    import orjson

    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)
