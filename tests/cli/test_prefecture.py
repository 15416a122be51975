"""A registry of several counties' townships (a prefecture's officer): what is said at its scale."""

from __future__ import annotations

import json
from importlib.resources import files

import openpyxl
import pytest

_DEFAULT = files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")


@pytest.mark.sqlite_only  # a registry's words: the store plays no part
def test_a_registry_of_several_other_counties_is_warned_of_as_the_one_county_warning_does(xx, tmp_path):
    # (review R135) every code another county's, of ten counties: loaded silently, every report "兴县"
    lines = _DEFAULT.splitlines()
    other = [lines[0]] + [line.replace(",141123", ",141124") if i % 2 else line.replace(",141123", ",141125")
                          for i, line in enumerate(lines[1:])]
    csv = tmp_path / "十县名录.csv"
    csv.write_text("\n".join(other) + "\n", encoding="utf-8")
    assert xx("init", tmp_path / "ws").code == 0
    r = xx("-w", tmp_path / "ws", "registry", "import", csv)
    said = (r.out + r.err).replace("\n", "").replace("│", "").replace(" ", "")
    assert "名录里的区划代码分属2个县（141124、141125），没有一个是本工作区兴县（141123）的" in said, said
    assert "另建工作区" in said and "--county-code141100" in said
    # (review R136) the workspace the hint asks for takes it without a word; one made without --county is refused
    made = xx("init", tmp_path / "市", "--registry", csv, "--county", "吕梁市", "--county-code", "141100")
    assert made.code == 0 and "分属" not in made.out + made.err, made
    refused = xx("init", tmp_path / "县", "--registry", csv)
    assert refused.code == 2 and "这是几个县一起的名录" in refused.err.replace("\n", "").replace("│", "").replace(" ", "")
    # (review R138) two prefectures': the example is the province that holds them, not one that does not
    csv.write_text(csv.read_text(encoding="utf-8").replace(",141124", ",141024"), encoding="utf-8")
    refused = xx("init", tmp_path / "省", "--registry", csv).err.replace("\n", "").replace("│", "").replace(" ", "")
    assert "--county-code140000" in refused and "141100" not in refused, refused


@pytest.mark.sqlite_only
def test_a_village_of_many_other_townships_names_the_files_own_countys_first_and_counts_the_rest(
        xx, tmp_path, sample_dir):
    # (review R135) the first three of ten, none of the clerk's own county, no count
    extra = [f"清徐县{t},城西社区,社区,1401211000{i:02d}" for i, t in enumerate(("甲镇", "乙镇", "丙镇", "丁镇"))]
    csv = tmp_path / "名录.csv"
    csv.write_text(_DEFAULT.rstrip("\n") + "\n" + "\n".join(extra) + "\n", encoding="utf-8")
    assert xx("init", tmp_path / "ws", "--registry", csv).code == 0
    book = openpyxl.load_workbook(sample_dir / "2022Q3" / "康宁镇_2022Q3.xlsx")
    book["村干部名册"]["A2"] = "城西社区"
    book.save(tmp_path / "康宁镇_2022Q3.xlsx")
    doc = json.loads(xx("-w", tmp_path / "ws", "validate", tmp_path / "康宁镇_2022Q3.xlsx", "-f", "json").out)
    (d,) = [d for d in doc["files"][0]["diagnostics"] if d["row"] == 2 and d["column"] == "A"]
    assert "5 个别的乡镇各有一个同名的村(社区)（蔚汾镇、清徐县" in d["message"] + d["hint"], d


def test_explaining_a_task_names_at_most_twenty_townships_per_status_and_counts_the_rest(capsys, monkeypatch):
    # (review R135) a village-level measure of a prefecture listed all 150 townships, 403 lines
    from decimal import Decimal
    from types import SimpleNamespace

    from xingxian_cli.cli import render

    monkeypatch.setenv("COLUMNS", "200")
    towns = {f"乡镇{i:03d}": 2 for i in range(150)}
    line = SimpleNamespace(measure_id="M39", title="村集体经济收入稳定增长", level="village", weight=Decimal(2),
                           completion=Decimal("0.7"), counts={"已完成": 700, "推进中": 300}, unreported=0,
                           where={"已完成": {"甲镇": 700}, "推进中": towns})
    e = SimpleNamespace(task_id="T16", title="集体经济", area="产业发展", quarter="2022Q3", rate=Decimal("0.7"),
                        decimals=2, missing=[], weighted=Decimal("1.4"), total_weight=Decimal(2), lines=[line])
    render.explain_task(e, 150, 2530)
    said = capsys.readouterr().out.replace("\n", "")
    assert "乡镇019" in said and "乡镇020" not in said and "等 150 个" in said, said
