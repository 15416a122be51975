"""Township workbooks written over after a correction: the ones sent before are kept."""

from __future__ import annotations

from datetime import datetime

from xingxian_cli.io.report_writer import report_content, write_report


def test_a_township_workbook_written_again_on_the_same_figures_has_the_same_content(tmp_path, outcome_q3, policy,
                                                                                   registry):
    township = outcome_q3.submitted[0]
    first, again = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_report(outcome_q3, policy, registry, first, township=township, generated_at=datetime(2022, 10, 8, 9, 30))
    write_report(outcome_q3, policy, registry, again, township=township, generated_at=datetime(2022, 10, 9, 16, 5))
    (at_first, said_first), (at_again, said_again) = report_content(first), report_content(again)
    assert at_first != at_again and said_first == said_again  # only the time it was made differs
    other = tmp_path / "c.xlsx"
    write_report(outcome_q3, policy, registry, other, township=outcome_q3.submitted[1],
                 generated_at=datetime(2022, 10, 8, 9, 30))
    assert report_content(other)[1] != said_first
    (tmp_path / "d.xlsx").write_bytes(b"not a workbook")
    assert report_content(tmp_path / "d.xlsx") is None


def test_township_workbooks_written_over_after_a_correction_are_kept_under_their_time(xx, copy_ws, tmp_path,
                                                                                      sample_dir):
    # (R125, left over) the workbooks sent to the townships were written over silently when a
    # correction came in: what 赵家坪乡 was sent could no longer be shown
    folder = tmp_path / "反馈"
    assert xx("-w", copy_ws, "report", "-q", "2022Q4", "--per-township", folder).code == 0
    sent = (folder / "赵家坪乡_2022Q4_考核结果.xlsx").read_bytes()
    from sample_edits import corrected_copy

    fixed = corrected_copy(sample_dir, tmp_path)
    assert xx("-w", copy_ws, "import", fixed, "-q", "2022Q4").code == 0
    r = xx("-w", copy_ws, "report", "-q", "2022Q4", "--per-township", folder)
    assert r.code == 0, r
    (kept_folder,) = [p for p in folder.iterdir() if p.is_dir()]
    assert kept_folder.name.startswith("此前生成_")
    kept = kept_folder / "赵家坪乡_2022Q4_考核结果.xlsx"
    assert kept.read_bytes() == sent and (folder / kept.name).read_bytes() != sent
    said = "".join(r.out.split())
    assert "与此前生成的内容不同" in said and "赵家坪乡_2022Q4_考核结果.xlsx" in said and kept_folder.name in said
    # the townships' folder itself still holds one workbook per township, none of them stale
    assert "以前生成的" not in said and len(list(folder.glob("*.xlsx"))) == 15


def test_a_report_written_over_last_quarters_under_the_same_name_says_it_was_another_quarters(xx, copy_ws, tmp_path):
    # (review R126) the same -o each quarter: Q4's report kept Q3's, blaming "其后导入了更正"
    from xlsx_values import load_values

    out = tmp_path / "考核汇总.xlsx"
    assert xx("-w", copy_ws, "report", "-q", "2022Q3", "-o", out).code == 0
    r = xx("-w", copy_ws, "report", "-q", "2022Q4", "-o", out)
    (kept,) = [p for p in tmp_path.iterdir() if p.suffix == ".xlsx" and p != out]
    said = "".join(r.out.split())
    assert r.code == 0 and "2022Q3的报表，不是本季度的" in said and "更正" not in said, said
    overview = {row[0]: row[1] for row in load_values(out)["总览"].iter_rows(values_only=True) if row and row[0]}
    assert "2022Q3 的报表" in overview["取代的报表"] and kept.name in overview["取代的报表"]
    assert load_values(kept)["总览"]["B3"].value.endswith("（2022Q3）")
