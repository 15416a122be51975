"""Hostile files through the whole CLI: clear Chinese message, exit 1, bounded time and memory,
nothing stored."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import create_engine, text

from xingxian_cli.cli.app import main


def _skeleton() -> bytes:
    wb = Workbook()
    wb.active.title = "村干部名册"
    wb.active.append(["村(社区)", "姓名", "身份证号"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _replace(member: str, data: bytes | str, *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(_skeleton()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compress) as z:
        for info in src.infolist():
            z.writestr(info.filename, data if info.filename == member else src.read(info.filename))
    return out.getvalue()


def _million_rows() -> bytes:
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 1_000_001))
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')
    return _replace("xl/worksheets/sheet1.xml", xml)


ENTITY_BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
               '&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
               '&lol2;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>')
XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
       '<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')

HOSTILE = {
    "entity-bomb": lambda: _replace("xl/worksheets/sheet1.xml", ENTITY_BOMB),
    "external-entity": lambda: _replace("xl/styles.xml", XXE),
    "zip-bomb": lambda: _replace("xl/worksheets/sheet1.xml", b"<" + b" " * 400_000_000 + b">"),
    "million-rows": _million_rows,
    "html-as-xls": lambda: "<html><body><table><tr><td>村干部</td></tr></table></body></html>".encode(),
    "csv-as-xlsx": lambda: "乡镇,村\n蔚汾镇,城关村\n".encode("gbk"),
    "old-xls": lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4096,
    "truncated": lambda: _skeleton()[:700],
    "empty": lambda: b"",
}


# Runs the CLI and reports its own peak memory. VmHWM belongs to the new process image,
# unlike ru_maxrss, which Linux carries over from the forked (pytest) parent across exec.
_MEASURED = (
    "import sys\n"
    "from xingxian_cli.cli.app import main\n"
    "code = main(sys.argv[1:])\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "print('MAXRSS_KB=' + hwm, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory read from /proc")


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "ws"
    assert main(["init", str(root)]) == 0
    return root


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_file_is_refused_quickly_in_bounded_memory_and_stores_nothing(kind, ws, tmp_path):
    data = HOSTILE[kind]()
    suffix = ".xls" if kind in ("html-as-xls", "old-xls") else ".xlsx"
    # a name with spaces, Chinese characters, reached through ../
    folder = tmp_path / "收件 箱"
    folder.mkdir()
    path = folder / f"蔚汾镇 {kind}{suffix}"
    path.write_bytes(data)
    via_parent = folder / ".." / "收件 箱" / path.name
    start = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", _MEASURED, "-w", str(ws), "import", str(via_parent),
                        "--quarter", "2022Q3"], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "COLUMNS": "200"})
    elapsed = time.perf_counter() - start
    peak_kb = int(r.stderr.rsplit("MAXRSS_KB=", 1)[1])
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    assert "拒收" in r.stdout and path.name in r.stdout
    assert elapsed < 10
    assert peak_kb < 500 * 1024
    eng = create_engine("sqlite:///" + (ws / "xx.sqlite3").as_posix())
    with eng.connect() as c:
        assert c.execute(text("select count(*) from submission")).scalar() == 0
        assert c.execute(text("select count(*) from cadre")).scalar() == 0
    eng.dispose()


def test_a_cell_calamine_panics_on_prints_no_rust_text_and_is_refused_in_chinese(tmp_path, capfd, monkeypatch,
                                                                                 policy, registry):
    # (review R128) -1e20 in a date cell: calamine's Rust panic printed "thread '<unnamed>'
    # panicked at …" (and, with RUST_BACKTRACE set, a page of backtrace) before the result
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.io.xlsx_reader import read_workbook
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    monkeypatch.setenv("RUST_BACKTRACE", "1")
    county = generate_county(policy, registry, Quarter(2022, 3))
    township = min(county, key=lambda t: len(county[t].cadres))
    book = book_from_submission(county[township], policy)
    book.sheets["roster"][0][4] = -1e20  # 任职起始日期, a date-formatted column
    path = write_book(book, tmp_path / f"{township}_2022Q3.xlsx", policy=policy, registry=registry)
    capfd.readouterr()
    values, refused = read_workbook(path.read_bytes(), file=path.name)
    said = capfd.readouterr()
    assert "panicked" not in said.err + said.out and "rust" not in (said.err + said.out).lower()
    assert refused is not None or values is not None  # the file is read or refused, never a crash
    print("marker")  # standard output and error work again afterwards
    import sys

    sys.stderr.write("after\n")
    said = capfd.readouterr()
    assert "marker" in said.out and "after" in said.err
    # (review R130) a file too large to look for the cell through openpyxl: refused naming the sheet
    # and what to look for, not "无法解析工作簿内容（PanicException）" and "re-save it", which cannot help
    from xingxian_cli.io import xlsx_reader

    monkeypatch.setattr(xlsx_reader, "MAX_FALLBACK_TAGS", 10)
    values, refused = read_workbook(path.read_bytes(), file=path.name)
    assert values is None and refused is not None and refused.code == "file-value-unreadable", refused
    assert "“村干部名册”" in refused.message and "####" in refused.hint and "Exception" not in refused.message


def test_a_large_workbook_with_a_value_no_reader_finds_is_not_called_unreadable_by_annotate(xx, tmp_path, monkeypatch,
                                                                                           policy, registry):
    # (review R132) its refusal names the sheet and what to look for; the --annotate line said
    # "不是可读的 .xlsx", of a file that opens in Excel
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.io import xlsx_reader
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    county = generate_county(policy, registry, Quarter(2022, 3))
    township = min(county, key=lambda t: len(county[t].cadres))
    book = book_from_submission(county[township], policy)
    book.sheets["roster"][0][4] = -1e20
    path = write_book(book, tmp_path / f"{township}_2022Q3.xlsx", policy=policy, registry=registry)
    monkeypatch.setattr(xlsx_reader, "MAX_FALLBACK_TAGS", 10)  # too large for openpyxl to look for the cell
    monkeypatch.setenv("XX_WORKERS", "0")
    assert xx("init", tmp_path / "ws").code == 0
    said = xx("-w", tmp_path / "ws", "validate", path, "--annotate", tmp_path / "退回").out.replace("\n", "")
    assert "读不出的值找不到是哪一格，未生成标注文件" in said and "不是可读的 .xlsx" not in said, said[-400:]
