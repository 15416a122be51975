"""Which files a command takes from its arguments: folders, wildcards, the same file twice."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from xingxian_cli.errors import UsageError
from xingxian_cli.services.importing import expand_paths

# Files on disk: the database engine plays no part (one run, on SQLite).
pytestmark = pytest.mark.sqlite_only

FEW = ("蔚汾镇", "康宁镇", "东会乡")


@pytest.fixture
def inbox(tmp_path):
    box = tmp_path / "收件箱 2022"
    box.mkdir()
    for name in ("蔚汾镇_2022Q3.xlsx", "东会乡_2022Q3.XLSX", "~$蔚汾镇_2022Q3.xlsx", "说明.txt"):
        (box / name).write_bytes(b"x")
    return box


def test_a_wildcard_left_unexpanded_by_the_shell_is_expanded_as_windows_needs(inbox):
    # cmd.exe and PowerShell pass 收件箱/*.xlsx on as it is
    got = expand_paths([inbox / "*_2022Q3.*"])
    assert [p.name for p in got] == ["东会乡_2022Q3.XLSX", "蔚汾镇_2022Q3.xlsx"]  # Excel's ~$ lock file left out


def test_a_wildcard_that_matches_nothing_says_so(inbox):
    with pytest.raises(UsageError, match="没有与 .*2023Q1.* 匹配的文件"):
        expand_paths([inbox / "*_2023Q1.xlsx"])


def test_a_folder_named_like_a_workbook_is_not_opened_by_a_wildcard_naming_workbooks(inbox):
    (inbox / "备份_2022Q3.xlsx").mkdir()  # a folder: neither read nor a reason to stop the run
    (inbox / "备份_2022Q3.xlsx" / "蔚汾镇_旧.xlsx").write_bytes(b"x")
    (inbox / "空文件夹").mkdir()
    assert [p.name for p in expand_paths([inbox / "*_2022Q3.*"])] == ["东会乡_2022Q3.XLSX", "蔚汾镇_2022Q3.xlsx"]
    # a wildcard naming folders opens those holding something to read, passes an empty one by,
    # and never opens one named like a workbook
    got = expand_paths([inbox / "*"])
    assert sorted(p.name for p in got) == ["东会乡_2022Q3.XLSX", "蔚汾镇_2022Q3.xlsx", "说明.txt"]
    for day in ("2022.10.8", "2022.10.9"):  # folders named by date (review R26): a dot, and still folders
        (inbox.parent / day).mkdir()
        (inbox.parent / day / f"{day}_东会乡_2022Q3.xlsx").write_bytes(b"x")
    assert len(expand_paths([inbox.parent / "2022.10.*"])) == 2


def test_a_wildcard_leaves_out_the_files_windows_keeps_in_a_folder_but_not_a_pdf_sent_instead(inbox):
    # (review R60) 收件箱/* took in Thumbs.db, desktop.ini and a shortcut: refused as files of no
    # township, one listed under 蔚汾镇 as 另有送来的文件被拒收 until its next version came;
    # (review R61) a PDF sent instead of the workbook is still taken, to be refused by name
    before = expand_paths([inbox / "*"])
    (inbox / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (inbox / "desktop.ini").write_text("[.ShellClassInfo]\n", encoding="utf-8")
    (inbox / "蔚汾镇_2022Q3.xlsx - 快捷方式.lnk").write_bytes(b"L\x00\x00\x00" + bytes(72))
    assert expand_paths([inbox / "*"]) == before
    (inbox / "罗峪口镇_2022Q3.pdf").write_bytes(b"%PDF-1.4\n")
    assert [p.name for p in expand_paths([inbox / "罗峪口镇*"])] == ["罗峪口镇_2022Q3.pdf"]


def test_a_file_named_twice_is_taken_once(inbox, monkeypatch):
    monkeypatch.chdir(inbox.parent)
    f = inbox / "蔚汾镇_2022Q3.xlsx"
    got = expand_paths([inbox, f, inbox.parent / "收件箱 2022" / "." / "蔚汾镇_2022Q3.xlsx"])
    assert sorted(p.name for p in got) == ["东会乡_2022Q3.XLSX", "蔚汾镇_2022Q3.xlsx"]


def test_a_missing_file_is_named(inbox):
    with pytest.raises(UsageError, match="找不到文件或目录"):
        expand_paths([inbox / "没有这个.xlsx"])


def test_a_wildcard_inside_a_folder_whose_name_has_brackets_finds_its_files(tmp_path):
    box = tmp_path / "收件箱[2022Q3]"
    box.mkdir()
    (box / "蔚汾镇_2022Q3.xlsx").write_bytes(b"x")
    assert [p.name for p in expand_paths([box / "*.xlsx"])] == ["蔚汾镇_2022Q3.xlsx"]


def test_output_redirected_on_a_chinese_windows_is_written_in_utf8_not_a_crash(xx, tmp_path):
    """cmd's `xx validate … > 结果.txt` gets the ANSI code page (GBK), which has no ›."""
    import os
    import subprocess
    import sys

    bad = tmp_path / "蔚汾镇_2022Q3.xlsx"
    bad.write_text("乡镇,村(社区)\n", encoding="utf-8")  # a CSV named .xlsx: refused with file › …
    assert xx("init", tmp_path / "ws").code == 0
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    r = subprocess.run([sys.executable, "-m", "xingxian_cli", "-w", str(tmp_path / "ws"), "validate", str(bad)],
                       capture_output=True, env=env,
                       timeout=60, cwd=tmp_path)
    text = r.stdout.decode("utf-8") + r.stderr.decode("utf-8")
    assert r.returncode == 1, text
    assert "蔚汾镇_2022Q3.xlsx" in text and "内部错误" not in text and "Traceback" not in text
    # a usage message before any table: the same stream in one encoding, not GBK then UTF-8
    r = subprocess.run([sys.executable, "-m", "xingxian_cli", "-w", str(tmp_path / "ws"), "score", "--bogus"],
                       capture_output=True, env=env, timeout=60, cwd=tmp_path)
    assert r.returncode == 2 and "用法：xx score" in r.stderr.decode("utf-8") and "--bogus" in r.stderr.decode("utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs a device that is always full (/dev/full)")
@pytest.mark.parametrize("args", [("status", "-q", "2022Q3", "-f", "json"), ("score", "-q", "2022Q9", "-f", "json")])
def test_json_redirected_to_a_full_disk_is_said_on_stderr_with_exit_2_not_a_traceback(xx, tmp_path, args):
    # (review R69) the error document was written again to the full stdout: a traceback, exit 1
    import subprocess
    import sys

    assert xx("init", tmp_path / "ws").code == 0
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "xingxian_cli", "-w", str(tmp_path / "ws"), *args], stdout=full,
                           stderr=subprocess.PIPE, timeout=60, cwd=tmp_path)
    said = r.stderr.decode("utf-8")
    assert r.returncode == 2 and "Traceback" not in said and "Exception ignored" not in said, said
    # (review R79: either message was once accepted for either command)
    assert ("磁盘空间不足" if args[0] == "status" else "季度“2022Q9”写得不对") in said


def test_a_report_whose_name_is_near_the_systems_limit_is_still_written_whole(tmp_path):
    from xingxian_cli.io.atomic import written_whole

    target = tmp_path / ("兴县村干部星级化管理考核" * 6 + "二〇二二年第三季度汇总" + ".xlsx")  # 83 characters, 254 bytes
    assert len(target.name.encode("utf-8")) <= 255
    with written_whole(target) as draft:
        draft.write_bytes(b"PK")
    assert target.read_bytes() == b"PK" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_target_that_cannot_be_replaced_is_named_not_the_draft(tmp_path):
    from xingxian_cli.io.atomic import written_whole

    target = tmp_path / "报表.xlsx"
    target.mkdir()  # as if open elsewhere: cannot be replaced
    with pytest.raises(OSError) as caught, written_whole(target) as draft:
        draft.write_bytes(b"PK")
    assert caught.value.filename == str(target) and list(tmp_path.iterdir()) == [target]


def test_a_stale_xx_workspace_is_named_as_the_cause(xx, tmp_path, monkeypatch):
    assert xx("init", tmp_path / "here").code == 0
    monkeypatch.chdir(tmp_path / "here")
    monkeypatch.setenv("XX_WORKSPACE", str(tmp_path / "旧考核"))
    r = xx("status", "--quarter", "2022Q3")
    assert r.code == 2 and "XX_WORKSPACE" in r.err and "旧考核" in r.err


def test_xx_workspace_set_with_cmds_quotes_is_told_to_be_set_without_them(xx, tmp_path, monkeypatch):
    # cmd's `set XX_WORKSPACE="D:\兴县考核"` keeps the quotes in the value
    assert xx("init", tmp_path / "兴县考核").code == 0
    monkeypatch.setenv("XX_WORKSPACE", f'"{tmp_path / "兴县考核"}"')
    r = xx("status", "--quarter", "2022Q3")
    said = r.err.replace("\n", "").replace("│", "").replace(" ", "")
    assert r.code == 2 and f"setXX_WORKSPACE={tmp_path / '兴县考核'}（".replace(" ", "") in said and "引号" in said
    assert "那里没有工作区" not in said  # (review R130) there is one there, without the quotes
    # (review R132) cmd's `set XX_WORKSPACE= "D:\兴县考核"`: the space before the quote is no path
    monkeypatch.setenv("XX_WORKSPACE", f' "{tmp_path / "兴县考核"}" ')
    said = xx("status", "--quarter", "2022Q3").err.replace("\n", "").replace("│", "").replace(" ", "")
    assert f"setXX_WORKSPACE={tmp_path / '兴县考核'}（".replace(" ", "") in said, said
    monkeypatch.setenv("XX_WORKSPACE", f'"{tmp_path / "兴县考核"}"')
    # (review R130) nor does xx init, making another, say the commands without -w will use it
    made = xx("init", tmp_path / "另一个").out.replace("\n", "").replace(" ", "")
    assert "带着引号，不加-w的命令会找不到工作区" in made and f"setXX_WORKSPACE={tmp_path / '兴县考核'}".replace(" ", "") in made
    monkeypatch.setenv("XX_WORKSPACE", str(tmp_path / "旧考核"))
    assert "引号" not in xx("status", "--quarter", "2022Q3").err


def test_a_read_only_database_is_told_in_chinese_not_an_internal_error(capsys):
    import sqlite3

    from xingxian_cli.cli.errors import handle

    code = handle(sqlite3.OperationalError("attempt to write a readonly database"))
    assert code == 2 and "只读" in capsys.readouterr().err


def test_a_folder_that_cannot_be_written_or_made_is_not_called_a_file_open_in_excel(tmp_path, capsys):
    # (review R72) template -o 只读/sub said "正被其他程序占用 … 请先关闭", and called the folder a file
    import errno

    from xingxian_cli.cli.errors import handle

    code = handle(PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "只读" / "sub")))
    said = capsys.readouterr().err.replace("\n", "")
    assert code == 2 and "无法创建" in said and "文件夹可以写入" in said and "Excel" not in said
    code = handle(PermissionError(errno.EACCES, "Permission denied", str(tmp_path)))
    said = capsys.readouterr().err.replace("\n", "")
    assert code == 2 and "无法写入文件夹" in said and "Excel" not in said
    (tmp_path / "报表.xlsx").write_bytes(b"x")  # a file there that cannot be written: open in Excel, likely
    handle(PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "报表.xlsx")))
    assert "Excel" in capsys.readouterr().err


def test_templates_are_replaced_all_or_none_when_one_is_still_open_in_excel(xx, copy_ws, tmp_path, monkeypatch):
    import builtins

    out = tmp_path / "模板"
    # two of the fifteen written before (-t: one workbook each, where --all writes 15): the run
    # below has one to replace, one it cannot, and thirteen to add, and must do none of it
    for town in ("蔚汾镇", "康宁镇"):
        assert xx("-w", copy_ws, "template", "-q", "2023Q1", "-t", town, "-o", out).code == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    assert len(before) == 2
    stuck = out / "康宁镇_2023Q1.xlsx"
    real_open = builtins.open

    def open_as_windows_does(file, mode="r", *args, **kwargs):  # a file open in Excel cannot be written
        if Path(file) == stuck and mode != "rb":
            raise PermissionError(13, "The process cannot access the file", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_as_windows_does)
    r = xx("-w", copy_ws, "template", "-q", "2023Q1", "--all", "-o", out)
    # the machine's part, not the data's: exit code 2 as README says (review R60)
    assert r.code == 2 and "康宁镇_2023Q1.xlsx" in r.err.replace("\n", "") and "Traceback" not in r.err
    assert "Excel" in r.err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before  # none replaced, nothing left over


def test_output_folders_named_like_a_workbook_are_refused_not_made(xx, copy_ws, sample_dir, tmp_path):
    one = sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx"
    r = xx("-w", copy_ws, "validate", one, "--annotate", tmp_path / "退回件.xlsx")
    assert r.code == 2 and "蔚汾镇_2022Q3_校验结果.xlsx" in r.err.replace("\n", "")
    r = xx("-w", copy_ws, "report", "-q", "2022Q3", "--per-township", tmp_path / "乡镇汇总.xlsx")
    assert r.code == 2 and "须指定目录" in r.err
    assert not (tmp_path / "退回件.xlsx").exists() and not (tmp_path / "乡镇汇总.xlsx").exists()


def test_a_report_is_not_written_over_a_township_workbook_but_over_an_earlier_report(xx, few_ws, sample_dir, tmp_path):
    import shutil

    # (three townships imported: the whole county's reports are refused and written over the same
    # way, at four times the cost)
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    submission = shutil.copy(sample_dir / "2022Q4" / "蔚汾镇_2022Q4.xlsx", inbox)
    data = Path(submission).read_bytes()
    r = xx("-w", few_ws, "report", "-q", "2022Q3", "-o", submission)
    assert r.code == 2 and "不是考核结果报表" in r.err and Path(submission).read_bytes() == data
    report = tmp_path / "汇总.xlsx"
    assert xx("-w", few_ws, "report", "-q", "2022Q3", "-o", report).code == 0
    assert xx("-w", few_ws, "report", "-q", "2022Q4", "-o", report).code == 0  # last quarter's, replaced


def test_a_report_with_a_sheet_the_officer_added_is_not_written_over(xx, few_ws, tmp_path):
    # (review R119) the officer's 领导批示 sheet added to last week's report was lost when the
    # report was written again to the same name (three townships' report: opening and saving it
    # in openpyxl takes a fifth of the whole county's, and three workbooks per township, not 15)
    import openpyxl

    report = tmp_path / "汇总.xlsx"
    assert xx("-w", few_ws, "report", "-q", "2022Q3", "-o", report).code == 0
    as_written = report.read_bytes()
    book = openpyxl.load_workbook(report)
    book.create_sheet("领导批示")["A1"] = "请各乡镇对照整改"
    book.save(report)
    kept = report.read_bytes()
    again = xx("-w", few_ws, "report", "-q", "2022Q3", "-o", report)
    said = again.err.replace("\n", "")
    assert again.code == 2 and "领导批示" in said and "没有覆盖" in said and report.read_bytes() == kept
    report.write_bytes(as_written)  # 领导批示 moved elsewhere: the report is written over, as before
    assert xx("-w", few_ws, "report", "-q", "2022Q3", "-o", report).code == 0
    folder = tmp_path / "各乡镇"
    assert xx("-w", few_ws, "report", "-q", "2022Q3", "--per-township", folder).code == 0
    mine = folder / "康宁镇_2022Q3_考核结果.xlsx"
    book = openpyxl.load_workbook(mine)
    book.create_sheet("整改台账")
    book.save(mine)
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = xx("-w", few_ws, "report", "-q", "2022Q3", "--per-township", folder)
    said = again.err.replace("\n", "")
    assert again.code == 2 and "整改台账" in said and "康宁镇_2022Q3_考核结果.xlsx" in said
    assert "换一个文件夹（--per-township" in said and "（-o）" not in said  # its names are fixed (review R120)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps  # none written over


def test_a_file_where_an_output_folder_should_be_is_named_as_such(xx, copy_ws, tmp_path):
    blocker = tmp_path / "名录.xlsx"
    blocker.write_bytes(b"x")
    r = xx("-w", copy_ws, "report", "-q", "2022Q3", "-o", blocker / "汇总.xlsx")
    said = r.err.replace("\n", "")
    assert r.code == 2 and "路径中有一段不是文件夹" in said and "文件已存在" not in said
    assert "Excel" not in said and "请核对 -o" in said  # nothing is open anywhere: the path is the fault


def test_annotated_copies_of_names_differing_only_in_case_do_not_overwrite_each_other(xx, copy_ws, sample_dir,
                                                                                         tmp_path):
    import shutil

    for sub, name in (("第一次", "蔚汾镇_2022Q3.xlsx"), ("重报", "蔚汾镇_2022q3.xlsx")):
        (tmp_path / sub).mkdir()
        shutil.copy(sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", tmp_path / sub / name)
    out = tmp_path / "退回"
    xx("-w", copy_ws, "validate", tmp_path / "第一次" / "蔚汾镇_2022Q3.xlsx", tmp_path / "重报" / "蔚汾镇_2022q3.xlsx",
       "--annotate", out)
    names = sorted(p.name.casefold() for p in out.iterdir())
    assert len(names) == len(set(names)) == 2  # on Windows, two names equal but for case are one file


def test_an_inbox_sorted_into_subfolders_is_refused_naming_them(tmp_path):
    (tmp_path / "收件箱" / "蔚汾镇").mkdir(parents=True)
    (tmp_path / "收件箱" / "蔚汾镇" / "蔚汾镇_2022Q3.xlsx").write_bytes(b"x")
    with pytest.raises(UsageError) as caught:
        expand_paths([tmp_path / "收件箱"])
    assert "没有找到 .xlsx 文件" in str(caught.value) and "子文件夹 蔚汾镇" in str(caught.value)


def test_an_inbox_whose_returns_sit_two_folders_down_names_that_folder_quoted_to_be_typed(tmp_path):
    # (review R119) a folder per month, then one per township: "没有找到 .xlsx 文件" and no hint;
    # the example path held spaces and was not quoted
    deep = tmp_path / "收件箱 （各乡镇）" / "2022-10" / "瓦塘镇 （更正）"
    deep.mkdir(parents=True)
    (deep / "瓦塘镇_2022Q3.xlsx").write_bytes(b"x")
    with pytest.raises(UsageError) as caught:
        expand_paths([tmp_path / "收件箱 （各乡镇）"])
    said = str(caught.value)
    assert "子文件夹 2022-10/瓦塘镇 （更正） 中" in said.replace("\\", "/")
    assert f'如 "{deep}"' in said
    # (review R120) beside the other townships' returns, read: the one down there is named as unread
    from xingxian_cli.services.importing import unread_in

    (tmp_path / "收件箱 （各乡镇）" / "蔚汾镇_2022Q3.xlsx").write_bytes(b"x")
    assert [(u.path, u.files) for u in unread_in([tmp_path / "收件箱 （各乡镇）"])] == [(deep, 1)]


def test_a_path_cmd_ended_with_its_closing_quote_says_to_leave_out_the_trailing_backslash(xx, tmp_path):
    # (review R119) cmd passes "D:\收件箱\" -q 2022Q3 as one argument, D:\收件箱" -q 2022Q3:
    # "找不到文件或目录" / "缺少必填的选项 --quarter", with nothing on the quote
    xx("init", tmp_path / "ws")
    box = tmp_path / "收件箱 （各乡镇）"
    box.mkdir()
    checked = xx("-w", tmp_path / "ws", "validate", f'{box}"')
    flat = "".join(checked.err.replace("│", "").split())  # the panel wraps the long path
    assert checked.code == 2 and "引号前面的反斜杠" in flat and "".join(f'如 "{box}"'.split()) in flat
    imported = xx("-w", tmp_path / "ws", "import", f'{box}" -q 2022Q3')
    said = "".join(imported.err.replace("│", "").split())
    assert imported.code == 2 and "缺少必填的选项--quarter" in said and "引号前面的反斜杠" in said


def test_an_output_path_cmd_ended_with_its_closing_quote_is_refused_before_anything_is_written(xx, tmp_path):
    # (review R120) -o "D:\报表\" reaches us as D:\报表": a folder Windows cannot make,
    # with --unmask swallowed into the name; said as the input paths' quote is, nothing written
    xx("init", tmp_path / "ws")
    out = tmp_path / "报表"
    for args in (["report", "-q", "2022Q3", "-o", f'{out}" --unmask'], ["report", "-q", "2022Q3", "--per-township", f'{out}"'],
                 ["validate", tmp_path, "--annotate", f'{out}"'], ["template", "-q", "2022Q4", "-o", f'{out}"']):
        said = xx("-w", tmp_path / "ws", *args)
        flat = "".join(said.err.replace("│", "").split())
        assert said.code == 2 and "引号前面的反斜杠" in flat and "".join(f"如 {out}".split()) in flat, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]


def test_an_output_file_named_as_an_existing_folder_is_a_usage_error_before_any_work(xx, copy_ws, tmp_path):
    (tmp_path / "汇总.xlsx").mkdir()
    r = xx("-w", copy_ws, "report", "-q", "2022Q3", "-o", tmp_path / "汇总.xlsx")
    assert r.code == 2 and "是一个文件夹" in r.err
    for fmt in (("-f", "yaml"), ()):  # (review R137) without --format json, no JSON error on stdout either
        r = xx("policy", "export", "-o", tmp_path, *fmt)
        assert r.code == 2 and "是一个文件夹" in r.err and r.out == "", r


def test_excels_owner_file_named_by_the_shells_wildcard_is_left_out(inbox):
    # bash, Git Bash and WSL expand 收件箱/*.xlsx themselves: the ~$ owner file is named too
    named = sorted(inbox.glob("*.xlsx"))
    assert "~$蔚汾镇_2022Q3.xlsx" in [p.name for p in named]
    assert [p.name for p in expand_paths(named)] == ["蔚汾镇_2022Q3.xlsx"]


def test_a_folder_gives_suffixless_workbooks_and_names_its_subfolders_and_archives_not_read(tmp_path):
    import zipfile

    from xingxian_cli.services.importing import unread_in

    box = tmp_path / "收件箱"
    (box / "已导入").mkdir(parents=True)
    (box / "已导入" / "蔚汾镇_2022Q3.xlsx").write_bytes(b"PK\x03\x04")
    (box / "退回").mkdir()  # annotated copies the officer wrote into the inbox: nothing to import
    (box / "退回" / "蔚汾镇_2022Q3_校验结果.xlsx").write_bytes(b"PK\x03\x04")
    (box / "康宁镇_2022Q3").write_bytes(b"PK\x03\x04")  # a WeChat download without its suffix
    (box / "瓦塘镇报送表2022.9.30").write_bytes(b"PK\x03\x04")  # a date's dots taken for a suffix
    (box / "~$康宁镇_2022Q3.xlsx").write_bytes(b"owner")  # Excel's owner file of an open workbook
    (box / "说明").write_bytes(b"plain text")
    with zipfile.ZipFile(box / "报送表.zip", "w") as z:  # its 康宁镇 workbook is in the folder already
        z.writestr("报送表/康宁镇_2022Q3", b"x")
        z.writestr("报送表/东会乡_2022Q3.xlsx", b"x")
    with zipfile.ZipFile(box / "已解压.zip", "w") as z:
        z.writestr("康宁镇_2022Q3", b"x")
    assert [p.name for p in expand_paths([box])] == ["康宁镇_2022Q3", "瓦塘镇报送表2022.9.30"]
    assert [(u.path.name, u.files) for u in unread_in([box])] == [("已导入", 1), ("报送表.zip", 1)]
    assert unread_in([box, box / "已导入"])[0].path.name == "报送表.zip"  # a subfolder given is read


def test_an_owner_file_given_alone_is_said_to_be_one(inbox):
    with pytest.raises(UsageError, match="临时文件"):
        expand_paths([inbox / "~$蔚汾镇_2022Q3.xlsx"])


def test_an_archive_and_a_subfolder_in_the_inbox_are_said_not_read_without_refusing_anything(xx, tmp_path,
                                                                                            sample_dir):
    import zipfile

    box = tmp_path / "收件箱"
    (box / "已导入").mkdir(parents=True)
    with zipfile.ZipFile(box / "报送表.zip", "w") as z:
        z.write(sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", "报送表/蔚汾镇_2022Q3.xlsx")
    (box / "已导入" / "东会乡_2022Q3.xlsx").write_bytes((sample_dir / "2022Q3" / "东会乡_2022Q3.xlsx").read_bytes())
    (box / "魏家滩镇_2022Q3.xlsx").write_bytes((sample_dir / "2022Q3" / "魏家滩镇_2022Q3.xlsx").read_bytes())
    assert xx("init", tmp_path / "ws").code == 0
    r = xx("-w", tmp_path / "ws", "import", box, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 0 and "导入 1 个" in said and "拒收 0 个" in said
    assert "压缩包没有打开：报送表.zip（其中 1 个工作簿不在本次读取的文件中）" in said and "请先解压" in said
    assert "子文件夹中的文件没有读取：已导入（1 个文件）" in said
    (box / "魏家滩镇_2022Q3.xlsx").unlink()
    r = xx("-w", tmp_path / "ws", "import", box, "-q", "2022Q3")  # only the archive and the subfolder left
    assert r.code == 2 and "报送表.zip" in r.err and "请先解压" in r.err


def test_a_long_file_name_still_gets_its_annotated_copy_under_a_shortened_name(xx, tmp_path, sample_dir):
    long_name = "兴县蔚汾镇" + "关于报送2022年第三季度村干部星级化管理考核材料的报告" * 3 + "最终.xlsx"  # legal: < 255 bytes
    assert len(long_name.encode()) < 255
    src = tmp_path / long_name
    src.write_bytes((sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx").read_bytes())
    assert xx("init", tmp_path / "ws").code == 0
    r = xx("-w", tmp_path / "ws", "validate", src, "-q", "2022Q3", "--annotate", tmp_path / "退回")
    assert r.code == 0, r.out + r.err
    (copy,) = (tmp_path / "退回").iterdir()
    assert copy.name.startswith("兴县蔚汾镇关于报送") and copy.name.endswith("的报告最终_校验结果.xlsx")  # its end kept


def test_files_without_a_workbooks_suffix_are_read_only_when_they_hold_a_workbook(tmp_path):
    import io
    import zipfile

    def zipped(*names: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for n in names:
                z.writestr(n, b"x")
        return buf.getvalue()

    box = tmp_path / "收件箱"
    box.mkdir()
    (box / "03.交楼申乡报送表").write_bytes(zipped("xl/workbook.xml"))  # a dot in the name, no suffix
    (box / "康宁镇报送表压缩包").write_bytes(zipped("康宁镇_2022Q3.xlsx"))  # a zip of files: not a workbook
    (box / "工作说明").write_bytes(zipped("word/document.xml"))  # a Word file
    assert [p.name for p in expand_paths([box])] == ["03.交楼申乡报送表"]


def test_an_archive_made_on_chinese_windows_is_listed_by_its_names_and_a_wildcard_notes_it(tmp_path):

    from xingxian_cli.services.importing import unread_in

    box = tmp_path / "收件箱"
    box.mkdir()
    (box / "蔚汾镇_2022Q3.xlsx").write_bytes(b"PK\x03\x04")
    # names in GBK, without the UTF-8 flag, as Windows' own zip writes them on a Chinese system
    _zip_named(box / "蔚汾镇.zip", "蔚汾镇_2022Q3.xlsx", "gbk")
    assert unread_in([box]) == []  # its workbook is beside it
    assert [p.name for p in expand_paths([box / "*.*"])] == ["蔚汾镇_2022Q3.xlsx"]  # not refused as an archive
    (box / "蔚汾镇_2022Q3.xlsx").unlink()
    assert [(u.path.name, u.files) for u in unread_in([box / "*.*"])] == [("蔚汾镇.zip", 1)]


def test_owner_files_alone_are_said_to_be_excels_temporary_files(inbox, tmp_path):
    (inbox / "~$东会乡_2022Q3.xlsx").write_bytes(b"owner")
    with pytest.raises(UsageError, match="临时文件"):
        expand_paths([inbox / "~$蔚汾镇_2022Q3.xlsx", inbox / "~$东会乡_2022Q3.xlsx"])


def test_a_name_whose_dots_are_a_date_keeps_them_in_its_annotated_copy():
    from xingxian_cli.io.annotate import annotated_name

    assert annotated_name("固贤乡报送表2022.9.30") == "固贤乡报送表2022.9.30_校验结果.xlsx"
    assert annotated_name("固贤乡_2022Q3.xlsx") == "固贤乡_2022Q3_校验结果.xlsx"


def test_archives_named_among_workbooks_are_noted_and_the_tools_own_output_folders_are_not_announced(xx, tmp_path,
                                                                                                    sample_dir):
    import json
    import zipfile

    box = tmp_path / "收件箱"
    (box / "反馈").mkdir(parents=True)  # xx report --per-township wrote here
    (box / "反馈" / "蔚汾镇_2022Q3_考核结果.xlsx").write_bytes(b"PK\x03\x04")
    good = box / "魏家滩镇_2022Q3.xlsx"
    good.write_bytes((sample_dir / "2022Q3" / "魏家滩镇_2022Q3.xlsx").read_bytes())
    with zipfile.ZipFile(box / "东会乡报送.zip", "w") as z:
        z.writestr("东会乡_2022Q3.xlsx", b"x")
    assert xx("init", tmp_path / "ws").code == 0
    # bash expands 收件箱/*.* itself: the archive arrives named, beside the workbook
    r = xx("-w", tmp_path / "ws", "validate", good, box / "东会乡报送.zip", "-q", "2022Q3", "-f", "json")
    doc = json.loads(r.out)
    assert r.code == 0 and [f["file"] for f in doc["files"]] == ["魏家滩镇_2022Q3.xlsx"]
    assert [(u["kind"], u["files"]) for u in doc["unread"]] == [("archive", 1)]
    said = xx("-w", tmp_path / "ws", "validate", box, "-q", "2022Q3").out.replace("\n", "")
    assert "东会乡报送.zip" in said and "反馈" not in said


def test_an_archive_named_beside_a_workbook_is_noted_against_the_files_read_and_a_workbook_named_zip_is_read(tmp_path):
    import io
    import zipfile

    from xingxian_cli.services.importing import unread_in

    down, inbox = tmp_path / "Downloads", tmp_path / "收件箱"
    down.mkdir()
    inbox.mkdir()
    with zipfile.ZipFile(down / "蔚汾镇.zip", "w") as z:
        z.writestr("蔚汾镇_2022Q3.xlsx", b"x")
    (down / "蔚汾镇_2022Q3.xlsx").write_bytes(b"PK\x03\x04")  # extracted there, but that folder is not read
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", b"x")
    (inbox / "瓦塘镇_2022Q3.zip").write_bytes(buf.getvalue())  # a workbook saved under .zip
    (inbox / "魏家滩镇_2022Q3.xlsx").write_bytes(b"PK\x03\x04")
    args = [down / "蔚汾镇.zip", inbox / "瓦塘镇_2022Q3.zip", inbox / "魏家滩镇_2022Q3.xlsx"]
    assert [p.name for p in expand_paths(args)] == ["瓦塘镇_2022Q3.zip", "魏家滩镇_2022Q3.xlsx"]
    assert [(u.path.name, u.files) for u in unread_in(args)] == [("蔚汾镇.zip", 1)]
    assert [p.name for p in expand_paths([down / "蔚汾镇.zip"])] == ["蔚汾镇.zip"]  # alone: refused, saying to unzip


def test_a_zip_with_utf8_names_without_the_flag_is_listed_by_its_names(tmp_path):

    from xingxian_cli.services.importing import unread_in

    box = tmp_path / "收件箱"
    box.mkdir()
    (box / "蔚汾镇_2022Q3.xlsx").write_bytes(b"PK\x03\x04")
    _zip_named(box / "报送.zip", "蔚汾镇_2022Q3.xlsx", "utf-8")  # Linux's zip: UTF-8 names, no flag
    assert unread_in([box]) == []
    (box / "蔚汾镇—终稿.xlsx").write_bytes(b"PK\x03\x04")  # a dash and no flag: still UTF-8
    _zip_named(box / "终稿.zip", "蔚汾镇—终稿.xlsx", "utf-8")
    assert unread_in([box]) == []


def test_a_damaged_zip_is_noted_a_workbook_saved_as_zip_is_read_and_an_archive_alone_is_not_noted_twice(tmp_path):
    import io
    import zipfile

    from xingxian_cli.services.importing import unread_in

    box = tmp_path / "收件箱"
    box.mkdir()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", b"x" * 4000)
    (box / "康宁镇_2022Q3.zip").write_bytes(buf.getvalue())  # a workbook saved under .zip
    (box / "补报.zip").write_bytes(buf.getvalue()[:300])  # cut short: an archive that cannot be opened
    files = io.BytesIO()
    with zipfile.ZipFile(files, "w") as z:
        z.writestr("康宁镇_2022Q3.xlsx", b"x")
    (box / "康宁镇报送2022.9.30").write_bytes(files.getvalue())  # a WeChat zip of workbooks, no suffix
    assert [p.name for p in expand_paths([box])] == ["康宁镇_2022Q3.zip"]
    assert {u.path.name for u in unread_in([box])} == {"补报.zip", "康宁镇报送2022.9.30"}
    assert [p.name for p in expand_paths([box / "*.*"])] == ["康宁镇_2022Q3.zip"]  # the same by a wildcard
    assert unread_in([box / "补报.zip"]) == []  # alone it is refused, not noted as well


def _zip_named(path: Path, name: str, encoding: str) -> None:
    """A zip holding one member called ``name``, encoded in ``encoding`` without the UTF-8 flag."""
    import zipfile

    raw = name.encode(encoding)
    stand_in = "A" * len(raw)  # ASCII of the same length: zipfile sets no flag for it
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(stand_in, b"x")
    path.write_bytes(path.read_bytes().replace(stand_in.encode(), raw))


def test_templates_pre_filled_with_full_ids_are_logged_and_not_written_when_the_log_cannot_be(xx, copy_ws, tmp_path,
                                                                                           monkeypatch):
    import json

    from xingxian_cli.io.store import Store
    from xingxian_cli.services.context import open_context

    out = tmp_path / "模板"
    assert xx("-w", copy_ws, "template", "-q", "2023Q1", "--township", "蔚汾镇", "-o", out).code == 0
    with open_context(copy_ws) as ctx:
        entry = ctx.store.audit_entries()[-1]
    detail = json.loads(entry["detail"])
    assert entry["action"] == "roster-ids" and detail["quarter"] == "2023Q1" and detail["cadres"] > 0
    assert detail["files"] == [str((out / "蔚汾镇_2023Q1.xlsx").resolve())]

    def refused(self, action, detail):
        raise OSError("the database is read-only")

    monkeypatch.setattr(Store, "audit", refused)
    other = tmp_path / "其他"
    assert xx("-w", copy_ws, "template", "-q", "2023Q1", "--township", "蔚汾镇", "-o", other).code != 0
    assert not other.exists() or not list(other.iterdir())  # nothing written, no staging folder left


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="names of undecodable bytes: Linux and Samba only")
def test_a_refused_file_whose_name_is_not_utf8_is_told_not_a_crash(xx, tmp_path, sample_dir):
    """A Windows zip unpacked on Linux keeps GBK bytes in its names: the import, status and
    JSON name such a file (escaped), and the good file beside it is told as imported."""
    import json
    import shutil

    inbox = tmp_path / "收件"
    inbox.mkdir()
    shutil.copy(sample_dir / "2022Q4" / "康宁镇_2022Q4.xlsx", inbox)
    with open(os.path.join(os.fsencode(inbox), "瓦塘镇_2022Q4.csv".encode("gbk")), "wb") as f:
        f.write(b"a,b\n1,2\n")
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "import", ws / ".." / inbox.name, "-q", "2022Q4")
    assert r.code == 1 and "内部错误" not in r.err and "导入 1 个" in r.out and "\\xcd" in r.out
    status = xx("-w", ws, "status", "-q", "2022Q4")
    assert status.code == 0 and "\\xcd" in status.out
    assert str(inbox) in status.out.replace("\n", "") and ".." not in status.out  # the path as the officer finds it
    doc = json.loads(xx("-w", ws, "validate", inbox, "-q", "2022Q4", "-f", "json").out)
    assert any("\\xcd" in f["path"] for f in doc["files"])


def test_a_scan_a_photo_or_an_unfinished_download_in_the_inbox_is_named_not_read_and_not_refused(xx, tmp_path,
                                                                                                sample_dir):
    # (review R72) a township's PDF, photo or .crdownload was passed over without a word: a
    # township that sent only a scan showed as not sent, and nobody told it what to send;
    # (review R74) refusing them made a good inbox fail for the county's notice and a stamp's photo
    box = tmp_path / "收件箱"
    box.mkdir()
    (box / "蔚汾镇_2022Q3.xlsx").write_bytes((sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx").read_bytes())
    (box / "魏家滩镇_2022Q3.pdf").write_bytes(b"%PDF-1.4\n%scan\n")
    (box / "IMG_20221009_蔚汾镇盖章页.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    (box / "东会乡_2022Q3.xlsx.crdownload").write_bytes((sample_dir / "2022Q3" / "东会乡_2022Q3.xlsx").read_bytes()[:3000])
    (box / "通知.docx").write_bytes(b"PK\x03\x04 not a submission")  # named as no submission: not listed
    assert xx("init", tmp_path / "ws").code == 0
    for dry in (["--dry-run"], []):
        r = xx("-w", tmp_path / "ws", "import", box, "-q", "2022Q3", *dry)
        said = r.out.replace("\n", "")
        assert r.code == 0 and ("拒收 0 个" in said or "0 个会被拒收" in said), said
        assert "不是工作簿、没有读取的文件" in said and "魏家滩镇_2022Q3.pdf" in said
        assert "IMG_20221009_蔚汾镇盖章页.jpg" in said and "东会乡_2022Q3.xlsx.crdownload" in said
        assert "通知" not in said
    status = xx("-w", tmp_path / "ws", "status", "-q", "2022Q3").out
    assert "拒收" not in status


def test_a_path_too_long_for_the_system_is_told_in_chinese_not_a_traceback(xx, tmp_path, sample_dir):
    # (review R133) Path.is_dir() raises on ENAMETOOLONG, and did again inside the error handler
    long = "长" * 90  # 270 bytes: past the 255 of one name
    assert xx("init", tmp_path / "ws").code == 0
    for args in (("validate", tmp_path / f"{long}.xlsx"), ("report", "-q", "2022Q3", "-o", tmp_path / f"{long}.xlsx"),
                 ("validate", sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", "--annotate", tmp_path / long)):
        r = xx("-w", tmp_path / "ws", *args)
        said = r.err.replace("\n", "").replace("│", "")
        assert r.code == 2 and "路径或文件名太长" in said and "改短" in said and "Traceback" not in r.out + r.err, args
    r = xx("-w", tmp_path / long, "status", "-q", "2022Q3")
    assert r.code == 2 and "路径或文件名太长" in r.err.replace("\n", "").replace("│", "")


def test_a_folder_bearing_the_name_of_a_file_to_write_is_told_to_be_renamed_not_closed_in_excel(xx, tmp_path,
                                                                                                 sample_dir):
    # (review R133) "如该文件正在 Excel 或 WPS 中打开，请关闭" of a folder, and "请确认这个文件夹可以写入"
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    (tmp_path / "退回" / "康宁镇_2022Q3_评分错误_校验结果.xlsx").mkdir(parents=True)
    (tmp_path / "模板" / "蔚汾镇_2022Q3.xlsx").mkdir(parents=True)
    for args in (("validate", sample_dir / "faulty" / "康宁镇_2022Q3_评分错误.xlsx", "--annotate", tmp_path / "退回"),
                 ("template", "-q", "2022Q3", "--all", "-o", tmp_path / "模板")):
        said = xx("-w", ws, *args).err.replace("\n", "").replace("│", "").replace(" ", "")
        assert "请把这个文件夹改名或移走" in said and "Excel" not in said and "可以写入" not in said, said
