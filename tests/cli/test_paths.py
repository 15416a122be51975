"""Which files a command takes from its arguments: folders, wildcards, the same file twice."""

from __future__ import annotations

import pytest

from xingxian_cli.errors import UsageError
from xingxian_cli.services.importing import expand_paths


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
