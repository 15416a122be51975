"""``xx report`` end to end: imported sample county -> workbooks, summary, audit, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime

import openpyxl
import pytest
from xlsx_values import load_values

from xingxian_cli.domain.period import Quarter
from xingxian_cli.services.context import open_context


def _rows(ws, *, totals: bool = False):
    """A table's rows as {header: value}; the 合计 row under some of them only with ``totals``."""
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[1], r, strict=False)) for r in rows[2:]
            if totals or not any(isinstance(v, str) and v.startswith("合计") for v in r[:2])]


FEW = ("蔚汾镇", "东会乡", "圪垯上乡")


@pytest.fixture(scope="module")
def county_q3_report(imported_ws, tmp_path_factory):
    """The whole county's 2022Q3 report (``xx report -o``, from a copy of ``imported_ws``), written
    once for the tests that only read it (SQLite: the tests using it are sqlite_only)."""
    from xingxian_cli.cli.app import main

    root = tmp_path_factory.mktemp("q3_report")
    shutil.copytree(imported_ws, root / "ws")
    out = root / "兴县_2022Q3.xlsx"
    assert main(["-w", str(root / "ws"), "report", "-q", "2022Q3", "-o", str(out)]) == 0
    return out


@pytest.mark.sqlite_only  # a file on disk: the database engine plays no part
def test_a_report_written_before_its_check_code_was_renamed_is_still_known_by_it(county_q3_report, tmp_path):
    # (review R129) 输入指纹 became 数据核对码 on 总览: a report written by the tool before still
    # says which figures it shows, so writing over it keeps it when they differ
    import zipfile

    from xingxian_cli.io.report_writer import earlier_report

    now = earlier_report(county_q3_report)
    assert now is not None and now[2] == "2022Q3" and len(now[0]) == 64
    old = tmp_path / "旧报表.xlsx"  # the label as an older xx wrote it (the shared string, in place)
    with zipfile.ZipFile(county_q3_report) as src, zipfile.ZipFile(old, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/sharedStrings.xml":
                assert data.count("<t>数据核对码</t>".encode()) == 1
                data = data.replace("<t>数据核对码</t>".encode(), "<t>输入指纹</t>".encode())
            dst.writestr(item, data)
    assert earlier_report(old) == now


@pytest.mark.sqlite_only  # what the report shows: the database engine plays no part (CI time)
def test_report_command_writes_the_workbook_and_prints_a_summary(xx, copy_ws, tmp_path):
    out = tmp_path / "报表" / "兴县_2022Q4.xlsx"
    r = xx("--workspace", copy_ws, "report", "--quarter", "2022Q4", "-o", out)
    assert r.code == 0, r
    assert "完成率前 3 名乡镇" in r.out and "完成率后 3 名乡镇" in r.out
    assert "星级分布：5★" in r.out and "季度报酬合计" in r.out
    assert "报表已保存" in r.out and out.name in r.out.replace("\n", "")
    wb = load_values(out)
    assert wb.sheetnames[0] == "总览"
    score = json.loads(xx("--workspace", copy_ws, "score", "--quarter", "2022Q4", "--format", "json").out)
    cadres = _rows(wb["村干部星级"])
    assert [(c["县排名"], c["姓名"]) for c in cadres] == [(c["rank_county"], c["name"]) for c in score["cadres"]]
    # a 未定星 cadre has no stars, so none added or deducted either; the others show theirs
    unrated = [c for c in cadres if c["状态"] == "未定星"]
    assert unrated and all((c["基础星"], c["加星"], c["降星"]) == (None, None, None) for c in unrated)
    assert all(isinstance(c["降星"], int) for c in cadres if c["状态"] == "已定星")
    (total,) = [r for r in _rows(wb["报酬发放表"], totals=True) if r["乡镇"] == "合计"]
    assert total["季度报酬(元)"] == score["summary"]["total_pay"]
    # deductions carry the cell they came from, the sheet named as the township wrote it
    sources = [row["来源"] for row in _rows(wb["降星与否决"])]
    assert sources and all(re.fullmatch(r".+_2022Q[34]\.xlsx › 降星事[项項] › 第\d+行", s) for s in sources)
    # and so do the rules behind every other star and yuan (review R73): the roster's and the scores' rows
    basis = _rows(wb["评星依据"])
    tenure = [r["来源"] for r in basis if r["规则"] == "工龄赋星"]
    assert len(tenure) == len(cadres) and all(re.fullmatch(r".+_2022Q4\.xlsx › .+ › 第\d+行", s) for s in tenure)
    assert all(re.search("[评評]分", r["来源"]) for r in basis if r["规则"] == "六大体系加星" and r["来源"])
    # each township's figures name the file (and version) they come from, as xx status lists it
    status = json.loads(xx("--workspace", copy_ws, "status", "--quarter", "2022Q4", "--format", "json").out)
    files = {t["township"]: (t["file"], t["version"]) for t in status["townships"]}
    assert {r["乡镇"]: r["报送文件"] for r in _rows(wb["乡镇排名"]) if r["乡镇"]} == {
        t: f"{f}（第{v}版）" for t, (f, v) in files.items()}


@pytest.mark.sqlite_only  # what is shown or written to files: the database engine plays no part (CI time)
def test_report_per_township_writes_one_workbook_per_township(xx, copy_ws, tmp_path):
    folder = tmp_path / "乡镇"
    r = xx("--workspace", copy_ws, "report", "-q", "2022Q3", "--per-township", folder)
    assert r.code == 0, r
    files = sorted(p.name for p in folder.glob("*.xlsx"))
    assert len(files) == 15 and "蔚汾镇_2022Q3_考核结果.xlsx" in files
    wb = load_values(folder / "蔚汾镇_2022Q3_考核结果.xlsx")
    assert {row["乡镇"] for row in _rows(wb["村干部星级"])} == {"蔚汾镇"}
    # (review R94) it goes to a township, which runs no xx: no commands or fingerprints in it
    texts = [str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not [t for t in texts if "xx " in t or "--unmask" in t or "指纹" in t or "核对码" in t]


@pytest.mark.sqlite_only  # files on disk: the database engine plays no part
def test_per_township_reports_are_replaced_all_or_none(xx, few_ws, tmp_path):
    # three townships' workbooks (two to be replaced, one that cannot be) make the point as 15 do (CI time)
    folder = tmp_path / "乡镇"
    assert xx("--workspace", few_ws, "report", "-q", "2022Q3", "--per-township", folder).code == 0
    assert len(list(folder.iterdir())) == len(FEW)
    stuck = folder / "圪垯上乡_2022Q3_考核结果.xlsx"
    stuck.unlink()
    stuck.mkdir()  # a target that cannot be replaced, as a file still open in WPS
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    county = tmp_path / "全县.xlsx"
    r = xx("--workspace", few_ws, "report", "-q", "2022Q3", "--per-township", folder, "-o", county)
    said = r.err.replace("\n", "").replace("│", "").replace(" ", "")
    assert r.code == 2 and "圪垯上乡_2022Q3_考核结果.xlsx" in said
    assert "文件夹改名或移走" in said and "Excel" not in said  # (R105) no advice to close a folder in WPS
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before  # none replaced, nothing left over
    assert county.is_file() and "全县报表已写出" in said and "全县.xlsx" in said  # what was written is said


@pytest.mark.sqlite_only  # what is shown or written to files: the database engine plays no part (CI time)
def test_import_warnings_reach_the_county_report_and_their_township_only(xx, few_ws, tmp_path):
    from xingxian_cli.services.scoring import score_quarter

    with open_context(few_ws) as ctx:
        warnings = score_quarter(ctx, Quarter(2022, 3), store=False).warnings
    # the sample county has a few (e.g. a village without a secretary): each of the three townships
    # imported has some, so the first's workbook must leave out the others' (three do, not 15: CI time)
    assert {d.file.split("_")[0] for d in warnings} == set(FEW)
    r = xx("--workspace", few_ws, "report", "-q", "2022Q3", "-o", tmp_path / "r.xlsx", "--per-township", tmp_path)
    assert r.code == 0, r
    rows = _rows(load_values(tmp_path / "r.xlsx")["校验问题"])
    assert [(w["文件"], w["类别"], w["问题"]) for w in rows] == [(d.file, d.title, d.message) for d in warnings]
    town = warnings[0].file.split("_")[0]
    mine = _rows(load_values(tmp_path / f"{town}_2022Q3_考核结果.xlsx")["校验问题"])
    assert [w["问题"] for w in mine] == [d.message for d in warnings if d.file == warnings[0].file]


def _audit(ws) -> list[dict]:
    with open_context(ws) as ctx:
        return ctx.store.audit_entries()


@pytest.mark.both_engines  # PostgreSQL too: the audit log
def test_unmask_is_written_to_the_audit_log_with_who_when_and_what(xx, copy_ws, tmp_path):
    before = len(_audit(copy_ws))  # the shared workspace may already hold entries of other tests
    out = tmp_path / "full.xlsx"
    r = xx("--workspace", copy_ws, "report", "-q", "2022Q4", "-o", out, "--unmask")
    assert r.code == 0, r
    assert "审计日志" in r.out
    new = _audit(copy_ws)[before:]
    assert [e["action"] for e in new] == ["unmask"]
    entry = new[0]
    detail = json.loads(entry["detail"])
    assert detail["command"] == "report" and detail["quarter"] == "2022Q4"
    assert detail["files"] == [str(out.resolve())]
    # every sheet that carries a full ID is named, and only those
    full_id = re.compile(r"\d{17}[\dX]")
    wb = load_values(out)
    holding = [ws.title for ws in wb.worksheets
               if any(isinstance(v, str) and full_id.fullmatch(v) for row in ws.iter_rows(values_only=True) for v in row)]
    assert holding and sorted(detail["sheets"]) == sorted(holding)
    assert entry["user"] and datetime.fromisoformat(entry["at"])


@pytest.mark.sqlite_only  # what the entry says: the test above has the log on both engines
def test_each_unmasked_score_is_logged_with_what_was_shown_to_whom(xx, copy_ws, q3_county):
    # (review R141) one township's three rows and the whole county's JSON left the same entry
    pid = q3_county["蔚汾镇"].cadres[0].person_id
    before = len(_audit(copy_ws))
    for args in (["-t", "蔚汾镇", "--limit", "3"], ["-f", "json"], ["--explain", f" {pid[:6]} {pid[6:]}"]):
        assert xx("-w", copy_ws, "score", "-q", "2022Q3", "--unmask", *args).code == 0
    table, doc, person = (json.loads(e["detail"]) for e in _audit(copy_ws)[before:])
    assert (table["township"], table["format"], table["limit"]) == ("蔚汾镇", "table", 3)
    assert (doc["township"], doc["format"], doc["limit"]) == (None, "json", None)
    # the log holds nothing an ID could be got back from (self-review: a digest beside the mask was
    # reversed in a second)
    assert person == {"command": "score", "quarter": "2022Q3", "township": None, "format": "table", "limit": None,
                      "explain": pid[:4] + "*" * 10 + pid[-4:]}
    # (review R146) an ID typed in groups with a wrong check digit was logged in full
    xx("-w", copy_ws, "score", "-q", "2022Q3", "--unmask", "--explain", "141123 19630119 5957")
    assert json.loads(_audit(copy_ws)[-1]["detail"])["explain"] == "1411**********5957"


def test_a_masked_report_leaves_no_unmask_entry(xx, few_ws, tmp_path):
    # (three townships' report: the whole county's leaves its log the same way, at four times the cost)
    before = len(_audit(few_ws))
    assert xx("--workspace", few_ws, "report", "-q", "2022Q3", "-o", tmp_path / "r.xlsx").code == 0
    assert not [e for e in _audit(few_ws)[before:] if e["action"] == "unmask"]


def test_report_of_a_quarter_with_nothing_imported_exits_1_and_says_so(xx, copy_ws, tmp_path):
    r = xx("--workspace", copy_ws, "report", "-q", "2023Q1", "-o", tmp_path / "r.xlsx")
    assert r.code == 1
    assert "2023Q1 还没有导入任何报送表" in r.err and "Traceback" not in r.err
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("args", [
    ("-q", "2022Q3"),  # neither -o nor --per-township
    ("-q", "2022Q3", "-o", "report.csv"),
    ("-q", "2022年秋", "-o", "r.xlsx"),
])
def test_report_usage_errors_exit_2(xx, copy_ws, tmp_path, args):
    r = xx("--workspace", copy_ws, "report", *[tmp_path / a if a.endswith((".csv", ".xlsx")) else a for a in args])
    assert r.code == 2, r
    assert "Traceback" not in r.err


def test_a_report_that_cannot_be_written_exits_2_with_a_hint(xx, copy_ws, tmp_path):
    # the machine's part, not the data's: README's exit code 2 (review R60: was 1, "the data has errors")
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("x", encoding="utf-8")
    r = xx("--workspace", copy_ws, "report", "-q", "2022Q3", "-o", blocker / "r.xlsx")
    assert r.code == 2, r
    assert "无法写入" in r.err and "not_a_dir" in r.err and "Traceback" not in r.err


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.sqlite_only  # files on disk: the database engine plays no part
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed: PDF rendering not checked")
def test_report_renders_to_pdf_with_libreoffice(xx, copy_ws, tmp_path):
    # One township's workbook has every sheet of the county report and converts in seconds.
    folder = tmp_path / "乡镇"
    assert xx("--workspace", copy_ws, "report", "-q", "2022Q3", "--per-township", folder).code == 0
    out = next(folder.glob("赵家坪乡_*.xlsx"))
    subprocess.run([_soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=300)
    pdf = (tmp_path / out.with_suffix(".pdf").name).read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 8  # at least one page per sheet


def test_report_summary_shows_every_township_tied_at_the_cut_off(xx, sample_dir, tmp_path):
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    files = sorted((sample_dir / "2022Q4").glob("*.xlsx"))
    silent = {"蔡家崖乡", "孟家坪乡", "奥家湾乡", "高家村镇"}  # four townships send nothing: all 0 %, rank 12
    sent = [f for f in files if f.name.split("_")[0] not in silent]
    assert len(sent) == 11
    assert xx("--workspace", ws, "import", *sent, "--quarter", "2022Q4").code == 0
    r = xx("--workspace", ws, "report", "-q", "2022Q4", "-o", tmp_path / "r.xlsx")
    assert r.code == 0, r
    bottom = r.out[r.out.index("完成率后 4 名乡镇"):r.out.index("村干部 ")]
    assert all(name in bottom for name in silent) and bottom.count("12") >= 4


@pytest.mark.sqlite_only  # what is shown or written to files: the database engine plays no part (CI time)
def test_bonus_sheet_shows_each_village_figures_rule_and_cell_and_adds_up_to_the_payroll(xx, copy_ws, tmp_path,
                                                                                          county_q3_report):
    out = tmp_path / "r.xlsx"
    assert xx("--workspace", copy_ws, "report", "-q", "2022Q4", "-o", out).code == 0
    wb = load_values(out)
    rows = _rows(wb["集体经济奖励"])
    (total,) = [r for r in _rows(wb["报酬发放表"], totals=True) if r["乡镇"] == "合计"]
    assert sum(r["奖励合计(元)"] for r in rows) == total["集体经济奖励(元)"] > 0
    paid = [r for r in rows if r["奖励合计(元)"]]
    assert paid and all(r["奖励合计(元)"] == r["每人奖励(元)"] * r["领取人数"] for r in paid)
    assert all(re.fullmatch(r".+_2022Q4\.xlsx › 村集[体體][经經][济濟] › 第\d+行", r["来源"]) for r in rows if r["领取人数"])
    # every village has its row, also one without a cadre who could receive it
    score = json.loads(xx("--workspace", copy_ws, "score", "--quarter", "2022Q4", "--format", "json").out)
    eligible = {(c["township"], c["village"]) for c in score["cadres"] if c["position"] in ("书记", "书记兼主任", "主任")}
    listed = {(r["乡镇"], r["村(社区)"]) for r in rows}
    assert eligible <= listed and len(listed) == len(rows) == 253
    assert all(r["村(社区)"] in r["计算"] and "万元" in r["计算"] for r in rows)
    # per payroll line: a village's receivers get its amount
    payroll = [r for r in _rows(wb["报酬发放表"]) if r["序号"]]
    for r in paid[:5]:
        got = [p["集体经济奖励(元)"] for p in payroll if (p["乡镇"], p["村(社区)"]) == (r["乡镇"], r["村(社区)"])
               and p["集体经济奖励(元)"]]
        assert got == [r["每人奖励(元)"]] * r["领取人数"]
    # the third quarter pays no bonus: no such sheet
    assert "集体经济奖励" not in load_values(county_q3_report).sheetnames


def test_two_townships_files_of_one_name_keep_their_own_warnings_in_their_reports(xx, tmp_path, sample_dir):
    import shutil

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    for town in ("蔚汾镇", "魏家滩镇"):  # each sends 报送表.xlsx, in runs of its own
        (tmp_path / town).mkdir()
        shutil.copy(sample_dir / "2022Q3" / f"{town}_2022Q3.xlsx", tmp_path / town / "报送表.xlsx")
        assert xx("-w", ws, "import", tmp_path / town / "报送表.xlsx", "-q", "2022Q3").code == 0
    out = tmp_path / "乡镇报表"
    assert xx("-w", ws, "report", "-q", "2022Q3", "--per-township", out).code == 0
    for town in ("蔚汾镇", "魏家滩镇"):
        want = len(json.loads(xx("-w", ws, "validate", sample_dir / "2022Q3" / f"{town}_2022Q3.xlsx", "-q", "2022Q3",
                                 "-f", "json").out)["files"][0]["diagnostics"])
        rows = _rows(load_values(out / f"{town}_2022Q3_考核结果.xlsx")["校验问题"])
        assert len(rows) == want and {w["文件"] for w in rows} == {f"报送表.xlsx（{town} 2022Q3）"}, town


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
def test_a_report_of_ours_put_in_the_inbox_is_skipped_not_refused_and_charged_to_no_township(xx, few_ws, tmp_path,
                                                                                           sample_dir):
    # (review R95) it was refused with eight missing sheets, and xx status listed 东会乡 as having
    # sent a refused file (three townships imported, 东会乡 among them: three workbooks written, not 15)
    assert xx("-w", few_ws, "report", "-q", "2022Q4", "--per-township", tmp_path / "反馈").code == 0
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    shutil.copy(tmp_path / "反馈" / "东会乡_2022Q4_考核结果.xlsx", inbox)
    shutil.copy(next((sample_dir / "2022Q4").glob("东会乡*.xlsx")), inbox)
    checked = xx("-w", few_ws, "validate", inbox, "-q", "2022Q4", "-f", "json")
    doc = json.loads(checked.out)
    assert checked.code == 0 and doc["summary"]["skipped_files"] == 1
    (report,) = [f for f in doc["files"] if f["file"] == "东会乡_2022Q4_考核结果.xlsx"]
    assert [d["code"] for d in report["diagnostics"]] == ["file-is-report"]
    r = xx("-w", few_ws, "import", inbox, "-q", "2022Q4")
    said = r.out.replace("\n", "")
    assert r.code == 0 and "跳过 东会乡_2022Q4_考核结果.xlsx：这是 xx report 生成的考核结果" in said, said
    assert "拒收 0 个" in said and "另跳过本工具生成的考核结果 1 个" in said
    assert "被拒收" not in xx("-w", few_ws, "status", "-q", "2022Q4").out
    # (review R97) no marked copy of it to send back; one edited by hand (a sheet deleted) is still ours
    marked = xx("-w", few_ws, "validate", inbox, "-q", "2022Q4", "--annotate", tmp_path / "标注")
    assert marked.code == 0 and sorted(p.name for p in (tmp_path / "标注").glob("*.xlsx")) == ["东会乡_2022Q4_校验结果.xlsx"]
    edited = openpyxl.load_workbook(inbox / "东会乡_2022Q4_考核结果.xlsx")
    del edited["报酬发放表"]
    edited.save(inbox / "东会乡_2022Q4_考核结果.xlsx")
    r = xx("-w", few_ws, "import", inbox, "-q", "2022Q4")
    assert r.code == 0 and "跳过 东会乡_2022Q4_考核结果.xlsx" in r.out.replace("\n", ""), r


def test_a_township_whose_file_was_refused_is_shown_as_refused_not_as_never_sent(xx, tmp_path, sample_dir):
    ws, inbox = tmp_path / "ws", tmp_path / "收件"
    inbox.mkdir()
    for p in (sample_dir / "2022Q3").glob("*.xlsx"):
        if not p.name.startswith(("康宁镇", "东会乡")):
            shutil.copy(p, inbox / p.name)
    shutil.copy(sample_dir / "faulty" / "康宁镇_2022Q3_评分错误.xlsx", inbox)  # 东会乡 sends nothing
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 1  # the faulty file is refused
    out = tmp_path / "r.xlsx"
    r = xx("-w", ws, "report", "-q", "2022Q3", "-o", out, "--per-township", tmp_path / "乡镇")
    assert r.code == 0
    assert [line for line in r.out.splitlines() if "康宁镇" in line and "已拒收" in line]  # the summary says so too
    wb = load_values(out)
    sent = {r["乡镇"]: r["报送情况"] for r in _rows(wb["乡镇排名"]) if r["乡镇"]}
    assert (sent["康宁镇"], sent["东会乡"], sent["蔚汾镇"]) == ("已拒收", "未报送", "已报送")
    overview = {r[0]: r[1] for r in wb["总览"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert overview["其中报送表被拒收、待重报"] == "1 个：康宁镇" and "东会乡" in overview["未报送乡镇"]
    # the titles and the printed summary do not call a township that sent a refused file one that did not send
    assert wb["乡镇排名"]["A1"].value.endswith("（2 个乡镇未报送或报送表被拒收，暂行结果）")
    said = r.out.replace("\n", "")
    assert "2 个乡镇未报送或报送表被拒收" in said and "康宁镇（已拒收）" in said and "东会乡（" not in said
    # (review R94) the issue sheet says why 康宁镇 has no result, naming its refused file's first error;
    # no zero-yuan payroll ready to sign is written for the two townships without a result
    issues = wb["校验问题"]
    assert "被拒收的报送表在前" in issues["A1"].value
    first = _rows(issues)[0]
    assert first["文件"] == "康宁镇_2022Q3_评分错误.xlsx" and first["类别"] == "报送表被拒收"
    assert "康宁镇的报送表有 2 处错误" in first["问题"] and "第一处：六大体系评分 › 第" in first["问题"]
    assert "--annotate" in first["建议"]
    assert not (tmp_path / "乡镇" / "康宁镇_2022Q3_考核结果.xlsx").exists()
    assert not (tmp_path / "乡镇" / "东会乡_2022Q3_考核结果.xlsx").exists()
    assert (tmp_path / "乡镇" / "蔚汾镇_2022Q3_考核结果.xlsx").exists()
    assert "康宁镇、东会乡 本季度没有结果（未报送或报送表被拒收），没有生成分乡镇报表" in said
    assert "以前生成的" not in said
    # a workbook an earlier run wrote for 东会乡 (a result since withdrawn) is named as not this run's, and kept;
    # (review R103) one under a name the registry no longer has (a township renamed or merged) too
    # (both in one run: each run writes the 13 townships' workbooks again)
    earlier = tmp_path / "乡镇" / "东会乡_2022Q3_考核结果.xlsx"
    renamed = tmp_path / "乡镇" / "东会镇_2022Q3_考核结果.xlsx"
    shutil.copy(tmp_path / "乡镇" / "蔚汾镇_2022Q3_考核结果.xlsx", earlier)
    shutil.copy(earlier, renamed)
    r = xx("-w", ws, "report", "-q", "2022Q3", "--per-township", tmp_path / "乡镇")
    said = r.out.replace("\n", "")
    assert r.code == 0 and earlier.is_file() and renamed.is_file()
    assert ("文件夹里还有以前生成的 2 个分乡镇报表：东会乡_2022Q3_考核结果.xlsx、东会镇_2022Q3_考核结果.xlsx" in said
            and "请勿下发" in said), said


def test_an_unmasked_report_whose_log_entry_cannot_be_written_is_not_written(copy_ws, tmp_path, monkeypatch):
    from xingxian_cli.io.store import Store
    from xingxian_cli.services.report import make_report

    def refused(self, action, detail):
        raise OSError("the database is read-only")  # as a read-only or busy database refuses the entry

    monkeypatch.setattr(Store, "audit", refused)
    out, folder = tmp_path / "full.xlsx", tmp_path / "towns"
    with open_context(copy_ws) as ctx, pytest.raises(OSError):
        make_report(ctx, Quarter(2022, 3), output=out, per_township=folder, unmask=True)
    assert not out.exists() and not (folder.exists() and list(folder.glob("*.xlsx")))


@pytest.mark.sqlite_only  # a SQLite file in a folder
def test_unmask_in_a_read_only_workspace_says_why_no_report_was_written_and_how_to_get_one(xx, few_ws, tmp_path,
                                                                                         monkeypatch):
    # (review R111) a generic "数据库文件是只读的" with a hint to clear the file's attribute
    # (three townships imported: the masked report it points to is written at a quarter of the whole county's cost)
    import os

    from xingxian_cli.io import store

    real = os.access
    monkeypatch.setattr(store.os, "access", lambda p, mode: real(p, mode) and not (mode == os.W_OK and p == few_ws))
    r = xx("-w", few_ws, "report", "-q", "2022Q3", "--unmask", "-o", tmp_path / "full.xlsx")
    said = r.err.replace("│", "").replace("\n", "").replace(" ", "")
    assert r.code != 0 and "工作区是只读的" in said and "不加--unmask可照常运行" in said, r
    assert not (tmp_path / "full.xlsx").exists()
    assert xx("-w", few_ws, "report", "-q", "2022Q3", "-o", tmp_path / "masked.xlsx").code == 0
    # (review R140) score --unmask said only that the database was read-only
    r = xx("-w", few_ws, "score", "-q", "2022Q3", "--unmask", "--limit", "1")
    said = r.err.replace("│", "").replace("\n", "").replace(" ", "")
    assert r.code != 0 and "工作区是只读的" in said and "不加--unmask可照常运行" in said and not r.out, r


@pytest.mark.sqlite_only  # what is written to the workbook: the database engine plays no part (CI time)
def test_a_rule_quoting_a_situation_longer_than_a_cell_keeps_its_stars_and_says_what_was_left_out(
        xx, tmp_path, policy, registry):
    # (review R67) a 情形 of 32,767 characters quoted in its rule: the cell was cut at Excel's
    # limit, silently, and the rule's end (：降 1 星) was lost
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    county = generate_county(policy, registry, Quarter(2022, 3), seed=2022)
    book = book_from_submission(county["蔚汾镇"], policy)
    row = next(r for r in book.sheets["deductions"] if r[2] != "一票否决")
    row[3] = "长" * 32_767
    path = write_book(book, tmp_path / "收件箱" / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", path, "-q", "2022Q3").code == 0
    out = tmp_path / "r.xlsx"
    assert xx("-w", ws, "report", "-q", "2022Q3", "-o", out).code == 0
    cells = [c for r in load_values(out)["降星与否决"].iter_rows(values_only=True) for c in r
             if isinstance(c, str) and "长长长" in c]
    assert cells and all(len(c) <= 32_767 for c in cells)
    assert all("略去" in c and "xx score --explain" in c and re.search(r"降 \d 星", c[-60:]) for c in cells), cells[0][-80:]


@pytest.mark.sqlite_only  # files written and kept: the database engine plays no part (CI time)
def test_a_report_written_over_one_of_other_figures_keeps_that_one_and_says_it_replaces_it(xx, copy_ws, tmp_path,
                                                                                            sample_dir, county_q3_report):
    # (review R125) a correction imported after the leaders signed the report: the same -o wrote
    # the new figures over it, and nothing in the new report said it replaced another
    out = tmp_path / "报表" / "兴县_2022Q4_考核汇总.xlsx"
    assert xx("-w", copy_ws, "report", "-q", "2022Q4", "-o", out).code == 0
    again = xx("-w", copy_ws, "report", "-q", "2022Q4", "-o", out)  # the same figures: no copy
    assert again.code == 0 and sorted(p.name for p in out.parent.iterdir()) == [out.name]
    signed = out.read_bytes()
    first = dict(r for r in load_values(out)["总览"].iter_rows(max_col=2, values_only=True) if r[0])
    from sample_edits import corrected_copy

    fixed = corrected_copy(sample_dir, tmp_path)
    assert xx("-w", copy_ws, "import", fixed, "-q", "2022Q4").code == 0
    r = xx("-w", copy_ws, "report", "-q", "2022Q4", "-o", out)
    (kept,) = [p for p in out.parent.iterdir() if p != out]
    assert r.code == 0 and kept.read_bytes() == signed and "".join(f"已另存为{kept}".split()) in "".join(r.out.split())
    totals = "".join(r.err.split()).split("发放合计", 1)[1].split("。", 1)[0]  # what moved, only that (R125)
    assert "元" in totals and "定星" not in totals and "取消评星" not in totals, totals
    now = dict(r for r in load_values(out)["总览"].iter_rows(max_col=2, values_only=True) if r[0])
    assert now["数据核对码"] != first["数据核对码"]
    assert now["取代的报表"] == (f"{first['生成时间']} 生成的报表（数据核对码 {first['数据核对码']}），其后输入有变化，内容可能与本表不同；"
                            f"原表已另存为 {kept.name}")
    assert xx("-w", copy_ws, "report", "-q", "2022Q4", "-o", out).code == 0  # kept once
    assert len(list(out.parent.iterdir())) == 2
    # (R125) 总览 names the sheets the workbook has: 集体经济奖励 only in the quarter paying it
    assert "“集体经济奖励”" in now["逐人计算依据"]
    wb = load_values(county_q3_report)  # the same county's 2022Q3, written once for this module
    said = dict(r for r in wb["总览"].iter_rows(max_col=2, values_only=True) if r[0])["逐人计算依据"]
    assert "集体经济奖励" not in wb.sheetnames and "集体经济奖励" not in said and "“降星与否决”各表" in said
