"""xx demo runs the whole cycle and ends with the paths of the two reports."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

# The demo always works on a SQLite file of its own, whatever database the shell names.
pytestmark = pytest.mark.sqlite_only


def test_demo_generates_the_sample_when_none_is_found_and_runs_both_quarters_to_two_reports(xx, tmp_path,
                                                                                           monkeypatch):
    # An install without the repository, in a shell set up for the county's server: the demo
    # makes its own sample and keeps to a database of its own. (One run: a demo takes seconds.)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XX_DATABASE_URL", "postgresql://xx:s3cret@127.0.0.1:1/county")
    monkeypatch.delenv("XX_WORKERS")  # as installed: the files are checked by a pool of workers
    demo = tmp_path / "demo"
    r = xx("demo", "--dir", demo)
    assert r.code == 0, r
    assert "已用生成器生成示例数据" in r.out and str(demo / "sample_data") in "".join(r.out.split())
    assert (demo / "workspace" / "xx.sqlite3").is_file()
    assert "导入 15 个" in r.out and "演示完成" in r.out
    reports = sorted(demo.glob("*.xlsx"))
    assert [p.name for p in reports] == ["兴县_2022Q3_考核汇总.xlsx", "兴县_2022Q4_考核汇总.xlsx"]
    for p in reports:
        assert str(p) in r.out
        assert "村干部星级" in load_workbook(p, read_only=True).sheetnames
    # the cycle starts as the officer's does: templates out, faulty returns checked and marked
    assert len(list((demo / "模板").glob("*.xlsx"))) == 15
    marked = list((demo / "退回").glob("*_校验结果.xlsx"))
    faulty = list((demo / "sample_data" / "faulty").glob("*.xlsx"))
    assert faulty and len(marked) == len(faulty) and "缺少工作表“降星事项”" in r.out


def test_demo_finds_the_sample_folder_from_a_subfolder_and_only_with_both_quarters(tmp_path):
    from xingxian_cli.services.demo import locate_sample

    repo = tmp_path / "仓库"
    deep = repo / "docs" / "草稿"
    deep.mkdir(parents=True)
    (repo / "sample_data" / "2022Q3").mkdir(parents=True)
    (repo / "sample_data" / "2022Q3" / "蔚汾镇_2022Q3.xlsx").write_bytes(b"")
    assert locate_sample(deep) is None  # a sample without its second quarter is not the sample
    (repo / "sample_data" / "2022Q4").mkdir()
    assert locate_sample(deep) is None  # (review R145) nor one whose quarter holds no workbook
    (repo / "sample_data" / "2022Q4" / "~$蔚汾镇_2022Q4.xlsx").write_bytes(b"")  # Excel's lock file alone: none (R146)
    assert locate_sample(deep) is None
    (repo / "sample_data" / "2022Q4" / "蔚汾镇_2022Q4.XLSX").write_bytes(b"")
    assert locate_sample(deep) == (repo / "sample_data").resolve()


def test_demo_with_a_sample_folder_without_both_quarters_is_refused_before_anything_is_made(xx, tmp_path):
    # (review R142) a workspace and 15 templates were made, then "找不到文件或目录：empty/2022Q3"
    (tmp_path / "empty" / "2022Q3").mkdir(parents=True)
    (tmp_path / "empty" / "2022Q4").mkdir()  # (review R145: the folders alone, no workbook in them)
    r = xx("demo", "--sample", tmp_path / "empty", "--dir", tmp_path / "d1")
    said = "".join(r.err.replace("│", "").split())
    assert r.code == 2 and "2022Q3、2022Q4两个季度的文件夹" in said and "--sample" in said, r
    assert not (tmp_path / "d1").exists()
