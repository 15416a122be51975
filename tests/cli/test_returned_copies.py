"""A township's original and its marked copy in one folder: one workbook, one list to send back."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

pytestmark = pytest.mark.sqlite_only  # files checked: no database engine plays a part


def _lists(out: str) -> dict[str, str]:
    """The summary's list of files to send back, and of those not to send back on their own."""
    lines = ["".join(line.split()) for line in out.splitlines()]
    back = next((line for line in lines if line.startswith("有错误的文件")), "")
    apart = next((line for line in lines if line.startswith("不必单独退回的")), "")
    return {"back": back, "apart": apart}


def test_an_original_beside_its_marked_copy_sent_back_with_errors_still_is_not_sent_back_twice(xx, tmp_path,
                                                                                                 sample_dir):
    # (review R126) the township fixed the marked cell but made another slip: the stale
    # original was listed to send back as well, two error lists for one workbook
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    original = shutil.copy(sample_dir / "faulty" / "康宁镇_2022Q3_评分错误.xlsx", inbox / "康宁镇_2022Q3.xlsx")
    assert xx("-w", ws, "validate", original, "-q", "2022Q3", "--annotate", tmp_path / "退回").code == 1
    (marked,) = (tmp_path / "退回").glob("*.xlsx")
    unchanged = shutil.copy(marked, tmp_path / "未改.xlsx")
    book = openpyxl.load_workbook(marked)
    scores = book["六大体系评分"]
    for row in range(2, 12):  # every score of the first rows in range again, but one slip
        for col in "CDEFGH":
            scores[f"{col}{row}"] = 80
    scores["D7"] = 200
    book.save(inbox / marked.name)
    r = xx("-w", ws, "validate", inbox, "-q", "2022Q3", "--annotate", tmp_path / "再退回")
    lists = _lists(r.out)
    assert r.code == 1 and marked.name in lists["back"] and "康宁镇_2022Q3.xlsx" not in lists["back"], lists
    assert f"康宁镇_2022Q3.xlsx（另见{marked.name}）" in lists["apart"], lists
    # (review R128) each file's own line says the same: the stale original's marked file is not to go back
    said = "".join(r.out.split())
    assert said.count("已写出标注文件") == 2 and said.count("（有错误，退回乡镇改正）") == 1, said
    assert f"是改正前的原件：乡镇已送回它的标注副本{marked.name}，" in said, said
    # and so does each marked file's own verdict, the one the officer would mail back
    verdicts = {h.split("：", 1)[0]: h for h in (openpyxl.load_workbook(p)["校验结果"]["A1"].value
                                                 for p in (tmp_path / "再退回").glob("*.xlsx"))}
    assert f"这是改正前的原件：乡镇已送回它的标注副本 {marked.name}" in verdicts["康宁镇_2022Q3.xlsx"], verdicts
    assert "有错误，本文件不能导入" in verdicts[marked.name], verdicts
    # (review R135) and the marked files to mail back are named together at the end
    assert said.endswith(f"要寄回乡镇改正的标注文件1个（在{tmp_path / '再退回'}中）：{marked.name}".replace(" ", "")), said[-300:]
    # (review R130) the one to mail back keeps the plain name; the stale original's is the _2
    plain = openpyxl.load_workbook(tmp_path / "再退回" / marked.name)["校验结果"]["A1"].value
    assert plain.startswith(f"{marked.name}：") and f"再退回/{marked.stem}_2.xlsx（是改正前的原件" in said.replace("\\", "/"), said
    # the marked copy put back unchanged beside its original: one of the two is sent back
    (inbox / marked.name).unlink()
    shutil.copy(unchanged, inbox / marked.name)
    lists = _lists(xx("-w", ws, "validate", inbox, "-q", "2022Q3").out)
    (sent,) = [n for n in ("康宁镇_2022Q3.xlsx", marked.name) if n in lists["back"]]
    other = next(n for n in ("康宁镇_2022Q3.xlsx", marked.name) if n != sent)
    assert f"{other}（另见{sent}）" in lists["apart"], lists
