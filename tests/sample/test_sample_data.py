"""The sample_data folder: two quarters of township workbooks and the faulty ones."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from stdnum.cn import ric

from xingxian_cli.domain.ids import check_id
from xingxian_cli.messages.workbook import SHEETS
from xingxian_cli.sample.__main__ import main
from xingxian_cli.sample.generator import BookStyle, messy_styles

COMMITTED = Path(__file__).resolve().parents[2] / "sample_data"


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "sample_data"
    assert main([str(out), "--seed", "2022"]) == 0
    return out


def _roster(path: Path) -> list[tuple]:
    ws = load_workbook(path)[SHEETS["roster"]]
    return [r for r in ws.iter_rows(min_row=2, values_only=True)]


def test_sample_data_has_15_workbooks_per_quarter_named_by_township(sample_dir, registry):
    for quarter in ("2022Q3", "2022Q4"):
        names = sorted(p.name for p in (sample_dir / quarter).iterdir())
        assert names == sorted(f"{t}_{quarter}.xlsx" for t in registry.townships)
        for p in (sample_dir / quarter).iterdir():
            assert zipfile.is_zipfile(p)
    assert (sample_dir / "README.md").read_text("utf-8").count("2022Q3") >= 2


def test_three_townships_send_messy_but_correct_workbooks(sample_dir, registry):
    styles = messy_styles(registry)
    assert len(styles) == 3
    plain = vars(BookStyle())
    used = {k for s in styles.values() for k, v in vars(s).items() if v != plain[k]}
    assert used == {
        "title_row",
        "note_rows",
        "traditional",
        "alias_headers",
        "blank_rows",
        "hidden_column",
        "date_styles",
    }
    readme = (sample_dir / "README.md").read_text("utf-8")
    assert all(t in readme for t in styles)


def test_faulty_folder_has_each_broken_workbook_and_a_readme_naming_it(sample_dir):
    faulty = sample_dir / "faulty"
    readme = (faulty / "README.md").read_text("utf-8")
    files = sorted(p.name for p in faulty.iterdir() if p.name != "README.md")
    assert len(files) == 7 and all(name in readme for name in files)
    fake = faulty / "某镇_2022Q3.xls"
    assert not zipfile.is_zipfile(fake)
    assert fake.read_bytes().decode("gb18030").startswith("村(社区),姓名,身份证号")


def test_faulty_ids_have_a_wrong_check_digit_and_a_rounded_number(sample_dir):
    rows = _roster(next((sample_dir / "faulty").glob("*身份证号错误.xlsx")))
    ids = [r[2] for r in rows]
    numbers = [i for i in ids if not isinstance(i, str)]
    assert len(numbers) == 1 and f"{numbers[0]:.0f}".endswith("000")
    problems = [check_id(i, date.today()) for i in ids if isinstance(i, str)]
    assert [p[0] for p in problems if p] == ["id-checksum"]


def test_faulty_villages_has_a_foreign_village_and_a_start_before_18(sample_dir, registry):
    path = next((sample_dir / "faulty").glob("*村名和任职日期错误.xlsx"))
    township = path.name.split("_")[0]
    rows = _roster(path)
    assert [r[0] for r in rows if not registry.has_village(township, r[0])] != []
    young = [r for r in rows if (r[4].date() - ric.get_birth_date(r[2])).days < 18 * 365]
    assert len(young) == 1


def test_faulty_scores_quarter_missing_sheet_and_duplicate(sample_dir):
    faulty = sample_dir / "faulty"
    ws = load_workbook(next(faulty.glob("*评分错误.xlsx")))[SHEETS["scores"]]
    values = [v for r in ws.iter_rows(min_row=2, min_col=3, values_only=True) for v in r]
    assert 105 in values and "abc" in values
    info = load_workbook(next(faulty.glob("*季度不符.xlsx")))[SHEETS["info"]]
    assert dict(info.iter_rows(values_only=True))["考核季度"] == "2022Q2"
    assert (
        SHEETS["deductions"]
        not in load_workbook(next(faulty.glob("*缺少降星事项.xlsx"))).sheetnames
    )
    ids = [r[2] for r in _roster(next(faulty.glob("*人员重复.xlsx")))]
    assert len(ids) - len(set(ids)) == 1


def test_committed_sample_data_is_what_the_generator_writes(sample_dir):
    if not any(COMMITTED.rglob("*.xlsx")):
        pytest.skip("sample_data/ not generated in this checkout")
    generated = {
        p.relative_to(sample_dir): p.read_bytes() for p in sample_dir.rglob("*") if p.is_file()
    }
    committed = {
        p.relative_to(COMMITTED): p.read_bytes() for p in COMMITTED.rglob("*") if p.is_file()
    }
    assert sorted(committed) == sorted(generated)
    stale = [str(k) for k in generated if generated[k] != committed[k]]
    assert stale == [], "regenerate with: python -m xingxian_cli.sample sample_data"
