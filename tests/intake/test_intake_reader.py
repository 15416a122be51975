"""Files that are not a township's .xlsx are refused with one clear diagnostic, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest
from intake_helpers import ENTITY_BOMB, QUARTER, TODAY, encrypted, lie_about_size, ole2, rezip

from xingxian_cli.io.xlsx_reader import MAX_SHEET_CELLS, read_workbook
from xingxian_cli.services.validate import annotate_files, validate_files


@pytest.fixture
def refused(tmp_path, policy, registry):
    """Validate raw bytes saved under a name; return the file's single diagnostic."""

    def run(data: bytes, name: str = "蔚汾镇_2022Q3.xlsx"):
        path = tmp_path / name
        path.write_bytes(data)
        result = validate_files([path], policy=policy, registry=registry, quarter=QUARTER, today=TODAY)
        (f,) = result.files
        assert f.submission is None and not f.readable and not result.valid
        assert len(f.diagnostics) == 1
        done = annotate_files(result, tmp_path / "out")
        assert (done.paths, done.failed, done.kept) == ([None], [], [])
        return f.diagnostics[0]

    return run


def test_clean_workbook_is_read(clean_xlsx):
    book, problem = read_workbook(clean_xlsx, file="x.xlsx")
    assert problem is None and book is not None
    assert "村干部名册" in book.sheets and book.sheets["村干部名册"][0][:3] == ["村(社区)", "姓名", "身份证号"]


def test_old_xls_is_refused_with_save_as_hint(refused):
    d = refused(ole2("Workbook"), "蔚汾镇_2022Q3.xls")
    assert d.code == "file-not-xlsx" and "97-2003" in d.message and "另存为" in d.hint


def test_a_wps_et_file_is_named_as_such_with_the_save_as_hint(refused):
    d = refused(ole2("Workbook"), "蔚汾镇_2022Q3.et")
    assert d.code == "file-not-xlsx" and "WPS 表格 (.et)" in d.message and "另存为" in d.hint


@pytest.mark.parametrize("head", [b"Rar!\x1a\x07\x01\x00", b"7z\xbc\xaf\x27\x1c\x00\x04"])
def test_rar_and_7z_archives_are_refused_saying_to_unzip_them(refused, head):
    d = refused(head + bytes(64), "报送表.rar")
    assert d.code == "file-archive" and "压缩包" in d.message and "请先解压" in d.hint


def test_other_ole2_file_is_refused(refused):
    d = refused(ole2("WordDocument"), "蔚汾镇_2022Q3.xls")  # a Word 97-2003 file: no "save it as .xlsx"
    assert d.code == "file-not-a-table" and "Word" in d.message and "不是 Excel" in d.message
    d = refused(ole2("PowerPoint Document"), "蔚汾镇_2022Q3.xls")
    assert d.code == "file-not-xlsx" and "不是 Excel" in d.message


def test_password_protected_workbook_is_refused(refused, clean_xlsx):
    d = refused(encrypted(clean_xlsx))
    assert d.code == "file-encrypted" and "密码" in d.hint


def test_html_saved_as_xls_is_refused(refused):
    html = "<html><head><meta charset='utf-8'></head><body><table><tr><td>乡镇</td></tr></table></body></html>"
    d = refused(html.encode("utf-8"), "蔚汾镇_2022Q3.xls")
    assert d.code == "file-not-xlsx" and "HTML" in d.message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_renamed_xlsx_is_refused(refused, encoding):
    d = refused("村(社区),姓名,身份证号\n城东社区,张三,141123198001010014\n".encode(encoding))
    assert d.code == "file-not-xlsx" and "CSV" in d.message


def test_empty_file_is_refused(refused):
    assert refused(b"").code == "file-corrupt"


def test_truncated_workbook_is_refused(refused, clean_xlsx):
    d = refused(clean_xlsx[: len(clean_xlsx) // 2])
    assert d.code == "file-corrupt" and "不完整" in d.message


def test_damaged_member_is_refused(refused, clean_xlsx):
    zf = zipfile.ZipFile(io.BytesIO(clean_xlsx))
    info = zf.getinfo("xl/workbook.xml")
    data = bytearray(clean_xlsx)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 5, start + 25):
        data[k] ^= 0x5A
    assert refused(bytes(data)).code == "file-corrupt"


def test_word_document_is_refused(refused):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    d = refused(out.getvalue())
    assert d.code == "file-not-a-table" and "Word" in d.message and "xx template" in d.hint


def test_entity_bomb_in_a_sheet_is_refused(refused, clean_xlsx):
    zf = zipfile.ZipFile(io.BytesIO(clean_xlsx))
    sheet = "xl/worksheets/sheet3.xml"
    body = zf.read(sheet).split(b"?>", 1)[-1]
    d = refused(rezip(clean_xlsx, replace={sheet: ENTITY_BOMB + body}))
    assert d.code == "file-unsafe" and sheet in d.message


def test_doctype_after_a_long_comment_is_still_found(refused, clean_xlsx):
    zf = zipfile.ZipFile(io.BytesIO(clean_xlsx))
    part = "xl/workbook.xml"
    body = zf.read(part).split(b"?>", 1)[-1]
    padded = b'<?xml version="1.0"?><!--' + b"x" * 200_000 + b"-->" + ENTITY_BOMB.split(b"\n", 1)[1] + body
    assert refused(rezip(clean_xlsx, replace={part: padded})).code == "file-unsafe"


def test_highly_compressed_member_is_refused_as_zip_bomb(refused, clean_xlsx):
    d = refused(rezip(clean_xlsx, add={"xl/media/image1.bin": b"\0" * (12 * 1024 * 1024)}))
    assert d.code == "file-too-large" and "压缩炸弹" in d.message


def test_member_lying_about_its_size_is_refused(refused, clean_xlsx):
    d = refused(lie_about_size(clean_xlsx, "xl/worksheets/sheet3.xml", 1000))
    assert d.code == "file-too-large" and "超出声明" in d.message


def test_sheet_reaching_the_last_excel_cell_is_refused_before_loading(refused, clean_xlsx):
    zf = zipfile.ZipFile(io.BytesIO(clean_xlsx))
    sheet = "xl/worksheets/sheet3.xml"
    xml = zf.read(sheet).replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    )
    d = refused(rezip(clean_xlsx, replace={sheet: xml}))
    assert d.code == "file-too-large" and f"{MAX_SHEET_CELLS}" in d.message and "XFD1048576" in d.message


def test_missing_file_is_reported(tmp_path, policy, registry):
    result = validate_files([tmp_path / "无此文件.xlsx"], policy=policy, registry=registry, quarter=QUARTER)
    assert [d.code for d in result.errors] == ["file-not-found"]


def test_hidden_columns_are_reported_by_the_reader(county, township, policy, registry, tmp_path):
    from xingxian_cli.sample.generator import BookStyle, book_from_submission, write_book

    b = book_from_submission(county[township], policy)
    b.style = BookStyle(hidden_column=True)
    path = write_book(b, tmp_path / "x.xlsx", policy=policy, registry=registry)
    book, _ = read_workbook(path.read_bytes(), file="x.xlsx")
    assert book is not None and book.hidden_columns["村干部名册"] == frozenset({3})


def test_value_that_crashes_the_fast_reader_is_reported_at_its_cell(check, book):
    # calamine panics on a large negative number in a date-formatted cell (found by the fuzz test)
    book.sheets["roster"][2][4] = -10**16
    result = check(book)
    assert [(d.sheet, d.row, d.column, d.code) for d in result.errors] == [("村干部名册", 4, "E", "date-invalid")]


def test_a_text_formula_whose_saved_result_is_empty_is_read_as_blank_not_as_unsaved():
    from xingxian_cli.io.xlsx_reader import _unsaved_formulas

    xml = (b'<worksheet><sheetData><row r="2"><c r="C2" t="str"><f>IF(A2="","",1)</f><v></v></c>'
           b'<c r="D2"><f>B2*0.3+C2*0.7</f><v/></c><c r="E2"><f t="shared" si="0"/></c>'
           b'<c r="F2"><f>1+1</f><v>2</v></c><c r="G2" t="e"><f>NA()</f><v>#N/A</v></c>'
           # (review R48) a text formula with no result saved at all: told to save it, not to fill it in
           + '<c r="H2" t="str"><f>VLOOKUP(A2,名单!A:B,2,0)&amp;""</f></c></row></sheetData></worksheet>'.encode())
    assert _unsaved_formulas(xml) == {(1, 3): "=B2*0.3+C2*0.7", (1, 4): "=…", (1, 7): '=VLOOKUP(A2,名单!A:B,2,0)&""'}


def test_a_workbook_saved_as_strict_open_xml_has_its_merged_cells_and_hidden_columns_read(check, book, tmp_path):
    # Excel's "Strict Open XML" names the same parts under other namespaces: a village merged
    # down its cadres' rows was read blank there, and the file refused
    from xingxian_cli.sample.generator import BookStyle

    book.style = BookStyle(merged_villages=True, hidden_column=True)
    first = check(book)
    assert first.valid
    path = first.files[0].path
    strict = {
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    }
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist() if n.endswith(".xml") and not n.startswith(("_rels", "xl/_rels"))}
    for name, xml in parts.items():
        for old, new in strict.items():
            xml = xml.replace(old, new)
        parts[name] = xml
    strict_path = tmp_path / "strict" / path.name
    strict_path.parent.mkdir()
    strict_path.write_bytes(rezip(path.read_bytes(), replace=parts))
    result = check(strict_path)
    assert result.valid, result.errors
    assert facts_of(result) == facts_of(first)


def facts_of(result):
    sub = result.files[0].submission
    return [(c.person_id, c.village, c.position, c.start_date) for c in sub.cadres]


def test_a_cell_whose_shared_string_is_struck_through_while_editing_is_found(clean_xlsx, book, policy, registry,
                                                                             tmp_path):
    # Excel and WPS keep a strike set inside the cell's text as the shared string's runs
    from xingxian_cli.io.template_writer import RichText
    from xingxian_cli.sample.generator import write_book

    village = book.sheets["roster"][1][0]  # A3
    book.sheets["roster"][1][0] = RichText(((village, True),))
    path = write_book(book, tmp_path / "x.xlsx", policy=policy, registry=registry)
    with zipfile.ZipFile(path) as z:
        assert b"<strike/>" in z.read("xl/sharedStrings.xml")
    struck, _ = read_workbook(path.read_bytes(), file="x.xlsx")
    assert struck.sheets["村干部名册"][2][0] == village and struck.struck_cells["村干部名册"] == {2: frozenset({0})}
    clean, _ = read_workbook(clean_xlsx, file="x.xlsx")
    assert clean.sheets["村干部名册"][2][0] == village and not clean.struck_cells


def test_struck_and_hidden_rows_are_found_in_a_sheet_written_with_a_namespace_prefix():
    from xingxian_cli.io.xlsx_reader import _hidden_rows, _struck_cells

    xml = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
           b'<x:row r="2"><x:c r="A2" s="3"><x:v>1</x:v></x:c></x:row>'
           b'<x:row r="3" hidden="1"><x:c r="B3" t="inlineStr"><x:is><x:r><x:rPr><x:strike/></x:rPr><x:t>a</x:t>'
           b'</x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>')
    assert _struck_cells(xml, frozenset({3})) == {1: frozenset({0}), 2: frozenset({1})}
    assert _hidden_rows(xml) == frozenset({2})


def test_a_strike_outside_a_runs_properties_is_no_struck_text():
    from xingxian_cli.io.xlsx_reader import _struck_cells, _struck_strings

    xml = (b'<worksheet><sheetData><row r="3"><c r="B3" t="inlineStr"><f>A1<strike/></f><is><t>x</t></is></c>'
           b'<c r="C3" t="inlineStr"><is><r><rPr><b/><strike/></rPr><t>y</t></r></is></c></row></sheetData></worksheet>')
    assert _struck_cells(xml, frozenset()) == {2: frozenset({2})}
    sst = (b'<sst><si><t>a</t><strike/></si><si><r><rPr><strike val="0"/></rPr><t>b</t></r></si>'
           b'<si><r><t>c</t></r><r><rPr><strike/></rPr><t>d</t></r></si></sst>')
    assert _struck_strings({"xl/sharedStrings.xml": sst}) == frozenset({2})  # only the third has struck text


def test_a_slip_in_the_reader_itself_is_not_blamed_on_the_townships_file(clean_xlsx, monkeypatch):
    """A wrong name in our own code (no file's content raises NameError) surfaces as the bug it
    is, not as "工作簿已损坏" sent back to a township whose file is fine."""
    import xingxian_cli.io.xlsx_reader as reader

    monkeypatch.delattr(reader, "sheet_parts")  # the reader's own code now names what is not there
    with pytest.raises(NameError):
        read_workbook(clean_xlsx, file="蔚汾镇_2022Q3.xlsx")


def test_a_name_error_a_librarys_code_raises_on_a_file_refuses_that_file_only(clean_xlsx, monkeypatch):
    import xingxian_cli.io.xlsx_reader as reader

    def library_slip(*_args, **_kwargs):  # as a bug inside a reader library met on one odd file
        raise NameError("name 'cell' is not defined")

    monkeypatch.setattr(reader, "sheet_parts", library_slip)
    book, problem = read_workbook(clean_xlsx, file="蔚汾镇_2022Q3.xlsx")
    assert book is None and problem.code == "file-corrupt" and problem.message.endswith("无法解析工作簿内容")
    assert "NameError" not in problem.message  # (review R130) no class name a clerk cannot read
