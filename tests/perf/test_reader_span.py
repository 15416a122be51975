"""The reader's bound on a sheet's size, checked faster, also sees every way a far cell is written."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from xingxian_cli.domain.period import Quarter
from xingxian_cli.io.xlsx_reader import MAX_SHEET_CELLS, read_workbook
from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

ROSTER = "xl/worksheets/sheet3.xml"


@pytest.fixture(scope="module")
def clean_xlsx(tmp_path_factory, policy, registry) -> bytes:
    sub = next(iter(generate_county(policy, registry, Quarter(2022, 3), seed=3).values()))
    path = tmp_path_factory.mktemp("book") / sub.file
    return write_book(book_from_submission(sub, policy), path, policy=policy, registry=registry).read_bytes()


def _with_rows(xlsx: bytes, rows: bytes) -> bytes:
    return _repackage(xlsx, rows=rows)


@pytest.mark.parametrize(
    "rows",
    [
        b"<row r=\"5\"><c s=\"1\" r='XFD1048576' t=\"n\"><v>1</v></c></row>",  # single quotes, r not first
        b'<row r="5"><c r="A99999999" t="n"><v>1</v></c></row>',  # more row digits than Excel has
        b'<row r="5"><c r="xfd1048576" t="n"><v>1</v></c></row>',  # lower-case column letters
        b'<row r="5"><c\tr="XFD1048576" t="n"><v>1</v></c></row>',  # a tab before the attribute
        b'<row r="1048576"><c r="A1048576"/>' + b"<c/>" * 40 + b"</row>",  # cells without a reference
        b'<row r="5"><x:c r="XFD1048576" t="n"><v>1</v></x:c></row>',  # a namespace prefix
        b'<row><:c r="XFD1048576"><v>1</v></:c></row>',  # an empty one
        b'<row r="1048576"><c><v>1</v></c><c><v>1</v></c></row>',  # cells placed by their row's r
        b'<row r="4000000000"><c><v>1</v></c></row>',
        b'<row r="1048576"><a:b:row r="1"><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></a:b:row></row>',
        b'<row r="1000000"><c><v>1</v></c><c><v>1</v></c>' * 3 + b"</row>" * 3,  # rows nested, ended late
        b'<row r="1">' * 1000 + b"</row>" * 1000 + b"<c><v>1</v></c>" * 3000,  # cells after every row ended
        # Only an attribute named r places a cell: the others follow the cell before them.
        b'<row r="1"><c r="A1000000"><v>1</v></c><c x:r="A1"><v>1</v></c><c x:r="A1"><v>1</v></c></row>',
        b'<row r="9999"><c r="Z9999"><v>1</v></c></row><row r="1048576"><c r="AA1048576"><v>1</v></c></row>',
        b'<row r="5"><c r="Z5"><v>1</v></c></row><row r="99999"><c r="T99999"><v>1</v></c></row>',  # each plain bound
        b'<row r="5"><c r="XFD1048576"><f>1+1</f></c></row>',  # a formula, even without its value
        # an empty cell far right, then one without r that calamine places after it
        b'<row r="450000"><c r="XFD450000" s="0"/><c><v>1</v></c></row>',
    ],
)
def test_a_cell_far_from_a1_is_refused_before_loading_however_it_is_written(clean_xlsx, rows):
    book, refused = read_workbook(_with_rows(clean_xlsx, rows), file="x.xlsx")
    assert book is None and refused is not None
    assert refused.code == "file-too-large" and str(MAX_SHEET_CELLS) in refused.message


@pytest.mark.parametrize("rows", [
    b'<row r="1"><c r="XFD1" s="1" t="n"/></row>',  # a fill on an empty cell far right, as Excel writes it
    b'<row r="1048576"><c r="H1048576" s="2"/></row>',  # a border on the sheet's last row
    b'<row r="70000"><c r="AZ70000" s="1"></c></row>',  # written open and closed
])
def test_an_empty_cell_with_only_a_format_far_from_the_data_does_not_refuse_the_file(clean_xlsx, rows):
    plain, _ = read_workbook(clean_xlsx, file="x.xlsx")
    book, refused = read_workbook(_with_rows(clean_xlsx, rows), file="x.xlsx")
    assert refused is None and book is not None  # calamine loads no cell there: nothing to bound
    assert book.sheets["村干部名册"] == plain.sheets["村干部名册"]


def test_the_generated_workbook_itself_reads(clean_xlsx):
    book, refused = read_workbook(clean_xlsx, file="x.xlsx")
    assert refused is None and book is not None and len(book.sheets["村干部名册"]) > 10


@pytest.mark.parametrize(
    "rows",
    [
        b'<row r="5"><c r="A5" r="XFD1048576" t="n"><v>1</v></c></row>',  # calamine takes the last r
        b'<row r="5"><c r="A5" t="a>b" r="XFD1048576"><v>1</v></c></row>',  # ">" inside a value
        b"<row r=\"5\"><c r='A5'\tr = 'XFD1048576'><v>1</v></c></row>",  # any quotes and spacing
        # Tags a lenient reader takes for cells, which are not XML.
        b'<row><1:c r="XFD1048576"><v>1</v></1:c></row>',
        b'<row><a/:c r="XFD1048576"><v>1</v></a/:c></row>',
        b"<row><c a'b=\"1\">x=\"y\" r=\"XFD1048576\" q'=\"v\"><v>1</v></c></row>",  # a quote in a name
        # Row numbers and references no spreadsheet program writes, each reader reading them its own way.
        b'<row r="A1048576"><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>',
        b'<row r="5"><c r="ZZZ5 "><v>1</v></c></row><row r="1"><c s="1" r="A1"/></row>',
    ],
)
def test_a_sheet_a_lenient_reader_could_place_otherwise_is_refused_as_corrupt(clean_xlsx, rows):
    book, refused = read_workbook(_with_rows(clean_xlsx, rows), file="x.xlsx")
    assert book is None and refused is not None
    assert refused.code == "file-corrupt" and "村干部名册" in refused.message


@pytest.mark.parametrize(("cell", "rows", "col"), [("Z9999", 9999, 25), ("T99999", 99999, 19)])
def test_a_plain_sheet_up_to_its_bound_reads(clean_xlsx, cell, rows, col):
    book, refused = read_workbook(
        _with_rows(clean_xlsx, f'<row r="{rows}"><c r="{cell}" t="n"><v>7</v></c></row>'.encode()), file="x.xlsx")
    assert refused is None and book is not None
    grid = book.sheets["村干部名册"]
    assert len(grid) == rows and grid[-1][col] == 7


def _repackage(xlsx: bytes, *, rename: dict[str, str] | None = None, edit: dict[str, tuple[bytes, bytes]] | None = None,
               rows: bytes = b"") -> bytes:
    """The package with members renamed, text replaced in members, and rows added to the roster."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == ROSTER:
                content = content.replace(b"</sheetData>", rows + b"</sheetData>")
            for old, new in [(edit or {}).get(info.filename, (b"", b""))]:
                content = content.replace(old, new) if old else content
            dst.writestr((rename or {}).get(info.filename, info.filename), content)
    return out.getvalue()


RELS = "xl/_rels/workbook.xml.rels"
FAR = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'


def test_a_sheet_stored_under_another_extension_is_checked_all_the_same(clean_xlsx):
    data = _repackage(clean_xlsx, rename={ROSTER: "xl/worksheets/sheet3.dat"}, rows=FAR,
                      edit={RELS: (b"/xl/worksheets/sheet3.xml", b"/xl/worksheets/sheet3.dat")})
    book, refused = read_workbook(data, file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-too-large"


def test_a_sheet_reached_through_dot_steps_is_checked_all_the_same(clean_xlsx):
    data = _repackage(clean_xlsx, rows=FAR,
                      edit={RELS: (b"/xl/worksheets/sheet3.xml", b"worksheets/../worksheets/sheet3.xml")})
    book, refused = read_workbook(data, file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-too-large"


def test_a_sheet_with_bytes_before_its_xml_under_another_name_is_refused(clean_xlsx):
    # a lenient reader skips the junk; the check must not skip the part
    src = zipfile.ZipFile(io.BytesIO(clean_xlsx)).read(ROSTER).replace(b"</sheetData>", FAR + b"</sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(clean_xlsx)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in z.infolist():
            content = b"x" + src if info.filename == ROSTER else z.read(info.filename)
            if info.filename == RELS:
                content = content.replace(b"/xl/worksheets/sheet3.xml", b"/xl/worksheets/s.bin")
            dst.writestr("xl/worksheets/s.bin" if info.filename == ROSTER else info.filename, content)
    book, refused = read_workbook(out.getvalue(), file="x.xlsx")
    assert book is None and refused is not None and refused.code in ("file-corrupt", "file-too-large")


def test_a_sheet_name_given_twice_is_refused(clean_xlsx):
    wb = zipfile.ZipFile(io.BytesIO(clean_xlsx)).read("xl/workbook.xml")
    names = re.findall(rb'<sheet name="([^"]+)"', wb)
    data = _repackage(clean_xlsx, edit={"xl/workbook.xml": (b'name="' + names[3] + b'"', b'name="' + names[2] + b'"')})
    book, refused = read_workbook(data, file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-corrupt" and "村干部名册" in refused.message


def test_the_fallback_reader_is_held_to_the_same_bound(clean_xlsx):
    # calamine cannot read the row number "3e6"; openpyxl reads it as row 3,000,000 and pads the gap
    book, refused = read_workbook(_with_rows(clean_xlsx, b'<row r="3e6"/>'), file="x.xlsx")
    assert book is None and refused is not None and refused.code == "file-too-large"


def _with_merges(xlsx: bytes, refs: list[str]) -> bytes:
    merges = f'<mergeCells count="{len(refs)}">'.encode() + b"".join(
        f'<mergeCell ref="{r}"/>'.encode() for r in refs) + b"</mergeCells>"
    return _repackage(xlsx, edit={ROSTER: (b"</sheetData>", b"</sheetData>" + merges)})


def test_merged_areas_far_larger_than_the_sheet_are_filled_only_within_it(clean_xlsx):
    import time

    plain, _ = read_workbook(clean_xlsx, file="x.xlsx")
    before = plain.sheets["村干部名册"]
    # thousands of areas each over a million rows; then more areas than any township sheet has
    for count in (5_000, 200_000):
        data = _with_merges(clean_xlsx, ["A2:XFD1048576"] * count)
        started = time.perf_counter()
        book, refused = read_workbook(data, file="x.xlsx")
        assert time.perf_counter() - started < 5
        assert refused is None and book is not None
        grid = book.sheets["村干部名册"]
        assert len(grid) == len(before) and [len(r) for r in grid] == [len(r) for r in before]


def test_a_merged_area_running_past_the_last_row_leaves_the_empty_rows_empty(clean_xlsx):
    plain, _ = read_workbook(clean_xlsx, file="x.xlsx")
    last = len(plain.sheets["村干部名册"])  # Excel row of the last cadre
    note = f'<row r="{last + 3}"><c r="A{last + 3}" t="inlineStr"><is><t>注：以上由各村核实</t></is></c></row>'
    data = _repackage(_with_merges(clean_xlsx, [f"G2:G{last + 2}"]), rows=note.encode())
    book, _ = read_workbook(data, file="x.xlsx")
    grid = book.sheets["村干部名册"]
    assert grid[last + 2][0] == "注：以上由各村核实"
    assert all(v in (None, "") for row in grid[last:last + 2] for v in row)  # still blank rows


@pytest.mark.parametrize("body", [b'<c r="A1">' + b"<f/>" * 40_000 + b"</c>", b"<f/></c>" * 40_000,
                                  b'<c r="A1"><f/></c>' * 40_000])
def test_formula_tags_in_bulk_are_looked_at_in_time_linear_in_the_sheet(body):
    # many <f/> in one cell, or cells of nothing else: each costs its own few bytes
    import time

    from xingxian_cli.io.xlsx_reader import _unsaved_formulas

    xml = b'<worksheet><sheetData><row r="1">' + body + b"</row></sheetData></worksheet>"
    started = time.perf_counter()
    _unsaved_formulas(xml)
    assert time.perf_counter() - started < 0.5


def test_a_file_past_the_size_limit_is_refused_unread_and_the_others_are_checked(tmp_path, clean_xlsx, policy,
                                                                              registry, monkeypatch):
    # (review R72) a 5 GB file was read whole before its size was looked at: on a small laptop
    # the import stopped out of memory (exit 3) and the good files beside it went in neither
    from pathlib import Path

    from xingxian_cli.io.xlsx_reader import MAX_FILE_BYTES
    from xingxian_cli.services.validate import validate_files

    big = tmp_path / "东会乡_2022Q3.xlsx"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk written
    good = tmp_path / "good" / "蔚汾镇_2022Q3.xlsx"
    good.parent.mkdir()
    good.write_bytes(clean_xlsx)
    whole = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == big.name:
            raise MemoryError  # what reading it whole did on a small laptop
        return whole(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = validate_files([big, good], policy=policy, registry=registry, quarter=Quarter(2022, 3), workers=0)
    first, second = result.files
    assert [d.code for d in first.diagnostics] == ["file-too-large"] and "50" in first.diagnostics[0].message
    assert first.sha256 and second.submission is not None


def test_checking_millions_of_plain_shared_strings_keeps_memory_flat():
    # (review R72) 4.3 million unused shared strings (an 11 MB file) took 1.9 GB to check: the
    # pattern kept backtracking state for every item
    import subprocess
    import sys

    script = (
        "import resource\n"
        "from xingxian_cli.io.xlsx_reader import _plain_shared_strings\n"
        "n = 1_000_000\n"
        "c = (b'<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">'"
        " + b''.join(b'<si><t>s%d</t></si>' % i for i in range(n)) + b'</sst>')\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "lengths, blank = _plain_shared_strings(c)\n"
        "assert len(lengths) == n and lengths[12345] == 6 and not blank\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) < 100  # MB more than the part itself (250 before)
