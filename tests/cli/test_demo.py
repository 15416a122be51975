"""xx demo runs the whole cycle and ends with the paths of the two reports."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

# The demo always works on a SQLite file of its own, whatever database the shell names.
pytestmark = pytest.mark.sqlite_only


def test_demo_runs_both_quarters_and_writes_two_reports(xx, tmp_path, sample_dir, monkeypatch):
    # An officer's shell set up for the county's server: the demo keeps to a database of its own.
    monkeypatch.setenv("XX_DATABASE_URL", "postgresql://xx:s3cret@127.0.0.1:1/county")
    r = xx("demo", "--sample", sample_dir, "--dir", tmp_path / "demo")
    assert r.code == 0, r
    assert (tmp_path / "demo" / "workspace" / "xx.sqlite3").is_file()
    assert "导入 15 个" in r.out and "演示完成" in r.out
    reports = sorted((tmp_path / "demo").glob("*.xlsx"))
    assert [p.name for p in reports] == ["兴县_2022Q3_考核汇总.xlsx", "兴县_2022Q4_考核汇总.xlsx"]
    for p in reports:
        assert str(p) in r.out
        assert "村干部星级" in load_workbook(p, read_only=True).sheetnames
    # the cycle starts as the officer's does: templates out, faulty returns checked and marked
    assert len(list((tmp_path / "demo" / "模板").glob("*.xlsx"))) == 15
    marked = list((tmp_path / "demo" / "退回").glob("*_校验结果.xlsx"))
    assert len(marked) == len(list((sample_dir / "faulty").glob("*.xlsx"))) and "缺少工作表“降星事项”" in r.out


def test_demo_generates_the_sample_when_none_is_found(xx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = xx("demo", "--dir", tmp_path / "demo")
    assert r.code == 0, r
    assert "已用生成器生成示例数据" in r.out
    assert len(list((tmp_path / "demo").glob("*.xlsx"))) == 2
