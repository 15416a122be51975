"""Builders for the intake tests: fault injection into generated books, hostile files."""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date
from pathlib import Path

from stdnum.cn import ric

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.period import Quarter
from xingxian_cli.messages.workbook import SHEETS
from xingxian_cli.sample.generator import Book

QUARTER = Quarter(2022, 3)
TODAY = date(2022, 10, 15)

ROSTER = SHEETS["roster"]
HONOURS = SHEETS["honours"]
SCORES = SHEETS["scores"]
DEDUCTIONS = SHEETS["deductions"]
PROGRESS = SHEETS["progress"]
ECONOMY = SHEETS["economy"]
INFO = SHEETS["info"]
ID_SHEETS = ("roster", "honours", "scores", "deductions")


def where(diags: list[Diagnostic]) -> list[tuple[str | None, int | None, str | None, str]]:
    """The compact projection a user reads: (sheet, row, column, code)."""
    return [(d.sheet, d.row, d.column, d.code) for d in diags]


def excel_row(i: int) -> int:
    """Excel row of the i-th data row of a plain generated sheet (header on row 1)."""
    return i + 2


def col(book: Book, key: str, label: str) -> int:
    return book.headers[key].index(label)


def id_col(book: Book, key: str) -> int:
    return col(book, key, "身份证号")


def rows_with(book: Book, key: str, pid: str) -> list[int]:
    j = id_col(book, key)
    return [i for i, r in enumerate(book.sheets[key]) if r[j] == pid]


def replace_id(book: Book, old: str, new: object) -> None:
    """Give a person another ID (as a cell value) on every sheet."""
    for key in ID_SHEETS:
        j = id_col(book, key)
        for r in book.sheets[key]:
            if r[j] == old:
                r[j] = new


def remove_person(book: Book, pid: str) -> None:
    for key in ID_SHEETS:
        j = id_col(book, key)
        book.sheets[key] = [r for r in book.sheets[key] if r[j] != pid]


def with_check_digit(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def person_without_facts(book: Book) -> tuple[int, str]:
    """(roster index, ID) of a cadre with no honours and no deductions."""
    busy = {r[id_col(book, k)] for k in ("honours", "deductions") for r in book.sheets[k]}
    j = id_col(book, "roster")
    for i, r in enumerate(book.sheets["roster"]):
        if r[j] not in busy:
            return i, r[j]
    raise AssertionError("every cadre has facts")


# --- hostile and foreign files ------------------------------------------------------------


def ole2(stream_name: str = "Workbook", payload: bytes = b"\x09\x08" * 2048) -> bytes:
    """A minimal valid OLE2 compound file holding one stream (an old .xls when 'Workbook')."""
    sector = 512
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    data = payload.ljust(max(4096, -(-len(payload) // sector) * sector), b"\0")
    n_data = len(data) // sector
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    difat = [0] + [free] * 108
    struct.pack_into("<109I", header, 76, *difat)
    fat = [fat_sect, end] + [i + 3 for i in range(1, n_data)] + [end]
    fat += [free] * (sector // 4 - len(fat))
    fat_bytes = struct.pack(f"<{sector // 4}I", *fat)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        e = bytearray(128)
        raw = (name + "\0").encode("utf-16-le") if name else b""
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, nostream, nostream, child)
        struct.pack_into("<II", e, 116, start, size)
        return bytes(e)

    directory = (
        entry("Root Entry", 5, 1, end, 0)
        + entry(stream_name, 2, nostream, 2, len(payload))
        + entry("", 0, nostream, 0, 0) * 2
    )
    return bytes(header) + fat_bytes + directory + data


def encrypted(xlsx: bytes, password: str = "123456") -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx)).encrypt(password, out)
    return out.getvalue()


def rezip(xlsx: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The package with some members replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = (replace or {}).get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, content)
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def with_external_link(xlsx: bytes, target: str) -> bytes:
    """The package with an external link to ``target`` (a file:/// URL), as Excel saves one
    when a formula takes a value from another open workbook: formulas name it [1]."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    types = src.read("[Content_Types].xml").replace(b"</Types>", (
        b'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>'))
    rels = src.read("xl/_rels/workbook.xml.rels").replace(b"</Relationships>", (
        b'<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>'))
    workbook = src.read("xl/workbook.xml").replace(
        b"</sheets>", b'</sheets><externalReferences><externalReference r:id="rIdX1"/></externalReferences>', 1)
    link = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/>'
            b"</sheetNames></externalBook></externalLink>")
    link_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                 'openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
                 f'Target="{target}" TargetMode="External"/></Relationships>').encode()
    return rezip(xlsx, replace={"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels,
                                "xl/workbook.xml": workbook},
                 add={"xl/externalLinks/externalLink1.xml": link,
                      "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels})


def lie_about_size(xlsx: bytes, member: str, declared: int) -> bytes:
    """Patch a member's declared uncompressed size (and CRC) down: the classic zip bomb."""
    import zlib

    src = zipfile.ZipFile(io.BytesIO(xlsx))
    info = src.getinfo(member)
    crc = zlib.crc32(src.read(member)[:declared])
    data = bytearray(xlsx)
    struct.pack_into("<I", data, info.header_offset + 14, crc)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    name = member.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        assert pos >= 0, "central directory entry not found"
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + n]) == name:
            struct.pack_into("<I", data, pos + 16, crc)
            struct.pack_into("<I", data, pos + 24, declared)
            return bytes(data)
        pos += 4


ENTITY_BOMB = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)


def edited_copy(check, book, tmp_path, sheet: str, edit) -> Path:
    """``book`` written by the project's generator, then one sheet changed with openpyxl as a
    clerk or an office suite would (``edit(worksheet)``); the path of the changed copy."""
    import openpyxl

    path = check(book).files[0].path
    wb = openpyxl.load_workbook(path)
    edit(wb[sheet])
    out = tmp_path / "edited" / path.name
    out.parent.mkdir(exist_ok=True)
    wb.save(out)
    return out


def above(*cells: tuple[str, object]):
    """An edit inserting a row above a sheet's first row and filling ``cells`` (ref, value)."""
    def edit(ws) -> None:
        ws.insert_rows(1)
        for ref, value in cells:
            ws[ref] = value
    return edit


def drop_column(book, sheet: str, label: str) -> None:
    """Take the column headed ``label`` out of a generator book's sheet, as a clerk deleting it."""
    j = book.headers[sheet].index(label)
    del book.headers[sheet][j]
    for row in book.sheets[sheet]:
        del row[j]
