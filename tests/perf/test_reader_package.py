"""Packages built to make the checks and the reader see different workbooks are refused, or
read as checked: never loaded past the bound."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xingxian_cli.domain.intake import wanted_sheet
from xingxian_cli.domain.period import Quarter
from xingxian_cli.io import xlsx_reader
from xingxian_cli.io.xlsx_reader import read_workbook
from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

ROSTER = "xl/worksheets/sheet3.xml"
FAR = b'<row r="1048576"><c r="CV1048576" t="n"><v>1</v></c></row>'


@pytest.fixture(scope="module")
def members(tmp_path_factory, policy, registry) -> dict[str, bytes]:
    sub = next(iter(generate_county(policy, registry, Quarter(2022, 3), seed=5).values()))
    path = write_book(book_from_submission(sub, policy), tmp_path_factory.mktemp("pkg") / sub.file,
                      policy=policy, registry=registry)
    z = zipfile.ZipFile(path)
    return {n: z.read(n) for n in z.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


def _with_far_roster(members: dict[str, bytes]) -> dict[str, bytes]:
    return {**members, ROSTER: members[ROSTER].replace(b"</sheetData>", FAR + b"</sheetData>")}


def _two_directories(first: dict[str, bytes], second: dict[str, bytes]) -> bytes:
    """A complete zip of ``first``, then ``second``'s entries under an end record whose
    directory offset is past itself: Python's zipfile reads ``second`` (it trusts the last
    end record and finds the directory before it), the Rust zip crate calamine uses skips
    that record and reads ``first``."""
    head = _zip(first)
    local, entries = b"", []
    for name, content in second.items():
        raw = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = raw.compress(content) + raw.flush()
        n, crc = name.encode(), zlib.crc32(content)
        entries.append((n, crc, len(data), len(content), len(head) + len(local)))
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), len(content), len(n), 0) + n + data
    stated = 0xFFFF0000
    size = sum(46 + len(e[0]) for e in entries)
    shift = len(head) + len(local) - stated  # what Python adds to every entry's offset
    directory = b"".join(
        struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, csize, usize, len(n), 0, 0, 0, 0, 0,
                    (offset - shift) % 2**32) + n
        for n, crc, csize, usize, offset in entries)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), size, stated, 0)
    return head + local + directory + end


def test_a_package_zip_readers_disagree_on_is_read_as_checked(members):
    data = _two_directories(_with_far_roster(members), members)
    book, refused = read_workbook(data, file="x.xlsx")
    # Whatever the verdict, the far sheet is never loaded: the reader gets the parts checked.
    assert refused is not None or max(len(g) for g in book.sheets.values()) < 10_000


@pytest.mark.parametrize("bom", [b"\xff\xfe", b""])
def test_a_sheet_that_is_utf16_to_one_reader_and_markup_to_another_is_refused(members, bom):
    hidden = b'x><sheetData><row r="1048576"><c r="CV1048576"><v>1</v></c></row></sheetData>'
    hidden += b" " * (len(hidden) % 2)
    part = bom + "<worksheet><!--".encode("utf-16-le") + hidden + "--></worksheet>".encode("utf-16-le")
    book, refused = read_workbook(_zip({**members, ROSTER: part}), file="x.xlsx")
    assert book is None and refused is not None and refused.code in ("file-corrupt", "file-too-large")


def test_many_sheet_names_on_one_part_are_held_to_a_bound_for_the_whole_workbook(members):
    wb = members["xl/workbook.xml"]
    rels = members["xl/_rels/workbook.xml.rels"]
    names = ["村干部名册" + " " * k for k in range(1, 31)]  # one sheet to the intake, thirty to a reader
    sheets = b"".join(b'<sheet name="%s" sheetId="%d" r:id="rIdX%d" />' % (n.encode(), 100 + k, k)
                      for k, n in enumerate(names))
    links = b"".join(b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                     b'worksheet" Target="/xl/worksheets/sheet3.xml" Id="rIdX%d" />' % k for k in range(len(names)))
    big = members[ROSTER].replace(b"</sheetData>", b'<row r="99999"><c r="T99999" t="n"><v>1</v></c></row></sheetData>')
    data = _zip({**members, ROSTER: big, "xl/workbook.xml": wb.replace(b"</sheets>", sheets + b"</sheets>"),
                 "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", links + b"</Relationships>")})
    book, refused = read_workbook(data, file="x.xlsx", want=wanted_sheet)
    assert book is None and refused is not None and refused.code == "file-too-large" and "合计" in refused.message


def test_a_macro_part_that_mentions_sheetdata_does_not_stop_a_workbook(members):
    data = _zip({**members, "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 Dim sheetData As Range \x00\x01"})
    book, refused = read_workbook(data, file="x.xlsx")
    assert refused is None and book is not None and "村干部名册" in book.sheets


def test_the_fallback_reader_is_used_only_for_a_package_of_a_townships_size(members, monkeypatch):
    # calamine cannot read the row number "3e2"; openpyxl would read the whole package first
    odd = members[ROSTER].replace(b"</sheetData>", b'<row r="3e2"/></sheetData>')
    data = _zip({**members, ROSTER: odd})
    book, refused = read_workbook(data, file="x.xlsx")
    assert refused is None and book is not None  # read through openpyxl
    monkeypatch.setattr(xlsx_reader, "MAX_FALLBACK_BYTES", 10_000)
    book, refused = read_workbook(data, file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-value-unreadable"


def _names_on_roster(members: dict[str, bytes], roster: bytes, n: int) -> bytes:
    """The package with ``n`` more sheet names (one to the intake) all on the roster part."""
    names = ["村干部名册" + " " * k for k in range(1, n + 1)]
    sheets = b"".join(b'<sheet name="%s" sheetId="%d" r:id="rIdX%d" />' % (nm.encode(), 100 + k, k)
                      for k, nm in enumerate(names))
    links = b"".join(b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                     b'worksheet" Target="/xl/worksheets/sheet3.xml" Id="rIdX%d" />' % k for k in range(n))
    return _zip({**members, ROSTER: roster,
                 "xl/workbook.xml": members["xl/workbook.xml"].replace(b"</sheets>", sheets + b"</sheets>"),
                 "xl/_rels/workbook.xml.rels": members["xl/_rels/workbook.xml.rels"].replace(
                     b"</Relationships>", links + b"</Relationships>")})


def test_one_long_shared_string_in_many_cells_is_refused_before_it_is_copied_into_each(members):
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>' + b"x" * 1_000_000 \
        + b"</t></si></sst>"
    cells = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>' % (k, k) for k in range(200, 1200))
    roster = members[ROSTER].replace(b"</sheetData>", cells + b"</sheetData>")
    book, refused = read_workbook(_zip({**members, ROSTER: roster, "xl/sharedStrings.xml": strings}), file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-too-large" and "共享文字" in refused.message


def test_an_unclosed_run_of_column_tags_is_read_in_linear_time(members):
    import time

    part = members[ROSTER].replace(b"<sheetData>", b"<cols" + b"<col" * 40_000 + b"<sheetData>", 1)
    started = time.perf_counter()
    read_workbook(_zip({**members, ROSTER: part}), file="x.xlsx")
    assert time.perf_counter() - started < 5  # the old pattern took 20 s on this


def test_sheets_read_by_the_fallback_count_toward_the_workbooks_bound(members):
    # calamine cannot read a reference written as a character reference; openpyxl pads to the far
    # row: each sheet stays under its own bound (200,000 rows of the roster's 8 columns), the six
    # sheets on that part together do not
    roster = members[ROSTER].replace(b"</sheetData>", b'<row r="1"><c r="&#65;1"><v>1</v></c></row>'
                                     b'<row r="200000"/></sheetData>')
    book, refused = read_workbook(_names_on_roster(members, roster, 6), file="x.xlsx", want=wanted_sheet)
    assert book is None and refused is not None and refused.code == "file-too-large" and "合计" in refused.message


def _with_strings(members: dict[str, bytes], strings: list[bytes], cells: bytes) -> bytes:
    sst = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + b"".join(b"<si><t>" + t + b"</t></si>" for t in strings) + b"</sst>")
    roster = members[ROSTER].replace(b"</sheetData>", cells + b"</sheetData>")
    return _zip({**members, ROSTER: roster, "xl/sharedStrings.xml": sst})


def test_a_long_note_shown_once_among_many_short_strings_reads(members):
    strings = [b"%d" % k for k in range(3000)] + ["很长的说明。".encode() * 5000]
    cells = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (k + 200, k + 200, k) for k in range(3001))
    book, refused = read_workbook(_with_strings(members, strings, cells), file="x.xlsx")
    assert refused is None and book is not None


def test_the_shared_string_bound_counts_a_string_whole_whatever_its_text_looks_like(members):
    # ":si " inside the text once split the measure of the one long string
    strings = [(b"x" * 1000 + b" :si ") * 1000]
    cells = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>' % (k, k) for k in range(200, 400))
    book, refused = read_workbook(_with_strings(members, strings, cells), file="x.xlsx")
    assert book is None and refused is not None and "共享文字" in refused.message


_PIECES = ["中", "a", " ", "\t", "\r\n", "\r", "\n", "\u3000", "\xa0", "<", "&amp;", "&#20013;", "]]>", "\x01", "\x00",
           "<r><t>b</t></r>", '<t xml:space="preserve">', "</t><t>", "<!-- c -->", "<rPh sb=\"0\" eb=\"1\"><t>p</t></rPh>",
           '<phoneticPr fontId="1" type="noConversion"/>', "</si><si>", "<x:si>"]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6), max_size=5),
       st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n']),
       st.sampled_from(['count="3" uniqueCount="2"', 'count="1"', 'uniqueCount="1" count="1"', 'foo="1"']))
@settings(max_examples=400, deadline=None)
def test_shared_strings_measured_on_their_bytes_measure_as_expat_does(items, prolog, counts):
    # Excel's plain parts are measured with a pattern; whatever the pattern takes gives
    # expat's lengths and blankness, and a part expat refuses is never taken
    body = "".join("<si><t>" + "".join(pieces) + "</t></si>" for pieces in items)
    xml = f'{prolog}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {counts}>{body}</sst>'
    content = xml.encode()
    plain = xlsx_reader._plain_shared_strings(content)
    try:
        exact = xlsx_reader._expat_shared_string_lengths(content, "xl/sharedStrings.xml", "x.xlsx")
    except xlsx_reader._Refused:
        assert plain is None
        return
    assert plain is None or plain == exact
    safe = {"中", "a", " ", "\t", "\r\n", "\r", "\n", "\u3000", "\xa0"}
    if counts != 'foo="1"' and "uniqueCount=\"1\" count" not in counts and all(set(p) <= safe for p in items):
        assert plain == exact  # the pattern takes every part written the plain way


def test_parts_that_each_unpack_a_little_too_much_are_refused_together(members):
    # each part under 10 MB, so no single one counts as a bomb; ten of them do
    junk = {f"xl/junk{k}.xml": b"<a>" + b"<x/>" * 2_400_000 + b"</a>" for k in range(10)}
    started = time.perf_counter()
    book, refused = read_workbook(_zip({**members, **junk}), file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-too-large" and "压缩比" in refused.message
    assert time.perf_counter() - started < 5


def test_sheets_needing_the_exact_check_are_checked_up_to_a_budget_per_workbook(members, monkeypatch):
    # prefixed cells take the exact (expat) check: a real workbook's few MB of them read, more are refused
    prefixed = members[ROSTER].replace(b"</sheetData>", b"".join(
        b'<x:row r="%d"><x:c r="A%d" t="n"><x:v>1</x:v></x:c></x:row>' % (k, k) for k in range(300, 1300))
        + b"</sheetData>")
    book, refused = read_workbook(_zip({**members, ROSTER: prefixed}), file="x.xlsx")
    assert refused is None and book is not None
    monkeypatch.setattr(xlsx_reader, "MAX_EXACT_BYTES", len(prefixed) // 2)
    book, refused = read_workbook(_zip({**members, ROSTER: prefixed}), file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-too-large" and "村干部名册" in refused.message


def test_a_part_with_endless_comments_before_its_root_is_refused_at_once(members):
    part = b"<?xml version='1.0'?>" + b"<!-- -->" * 200 + members["xl/styles.xml"]
    book, refused = read_workbook(_zip({**members, "xl/styles.xml": part}), file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-corrupt"
    part = b"<?xml version='1.0'?><!-- written by hand -->\n" + b" " * 1_000_000 + members["xl/styles.xml"]
    book, refused = read_workbook(_zip({**members, "xl/styles.xml": part}), file="x.xlsx")
    assert refused is None and book is not None


def test_only_as_many_column_declarations_as_a_sheet_has_columns_are_read(members, monkeypatch):
    cols = b"<cols>" + b'<col min="1" max="1" width="9"/>' * 3 + b'<col min="2" max="2" hidden="1"/>'
    part = members[ROSTER].replace(b"<cols>", cols, 1)
    data = _zip({**members, ROSTER: part})
    book, refused = read_workbook(data, file="x.xlsx")
    assert refused is None and book is not None and 1 in book.hidden_columns.get("村干部名册", ())
    monkeypatch.setattr(xlsx_reader, "MAX_COL_TAGS", 3)
    book, refused = read_workbook(data, file="x.xlsx")
    assert refused is None and book is not None and 1 not in book.hidden_columns.get("村干部名册", ())
