"""An inbox holds what WeChat and e-mail made of the townships' files: a copy of the version
already imported beside a corrected one, or a person in the current version of another
township's file sent again. The file already imported is what the store holds: it is not
refused, and the new one is refused naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xingxian_cli.sample.generator import book_from_submission, write_book

TOWNS = ("蔚汾镇", "魏家滩镇")


def _imported(xx, tmp_path, county, policy, registry):
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    files = {t: write_book(book_from_submission(county[t], policy), inbox / f"{t}_2022Q3.xlsx", policy=policy,
                           registry=registry) for t in TOWNS}
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 0
    return county, inbox, files, ws


@pytest.mark.sqlite_only  # which file is refused: the store's queries are those of every import
def test_a_corrected_file_beside_the_imported_one_is_refused_naming_it_and_status_names_the_new_file(
        xx, tmp_path, policy, registry, q3_county):
    county, inbox, _files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    fixed = book_from_submission(county["蔚汾镇"], policy)
    fixed.sheets["scores"][0][2] = 95
    write_book(fixed, inbox / "蔚汾镇_2022Q3(1).xlsx", policy=policy, registry=registry)
    for args in (("validate", inbox, "-q", "2022Q3"), ("validate", inbox), ("import", inbox, "-q", "2022Q3", "--dry-run")):
        said = xx("-w", ws, *args).out.replace("\n", "")
        assert "蔚汾镇_2022Q3(1).xlsx" in said and "与已导入的当前版本相同" in said, args
    r = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 1 and "导入 0 个，未变化 2 个，拒收 1 个" in said
    assert "移出文件夹" in said
    status = xx("-w", ws, "status", "-q", "2022Q3").out
    assert "蔚汾镇_2022Q3(1).xlsx" in status and "蔚汾镇：蔚汾镇_2022Q3.xlsx" not in status
    # (review R130) a file the officer is to choose, not a refusal of the township's work nor a copy to drop
    assert "或与当前版本的文件同时送来）而没有导入的乡镇" in status.replace("\n", "") and "被拒收" not in status, status
    told = xx("-w", ws, "validate", inbox, "-q", "2022Q3", "--annotate", tmp_path / "标注").out.replace("\n", "")
    assert "蔚汾镇_2022Q3(1)_校验结果.xlsx（同一乡镇的多份文件之一" in told and "重复的副本" not in told, told
    (inbox / "蔚汾镇_2022Q3.xlsx").unlink()  # as the hint says: the correction is then the new version
    assert "导入 1 个" in xx("-w", ws, "import", inbox, "-q", "2022Q3").out.replace("\n", "")


@pytest.mark.sqlite_only
def test_an_old_copy_of_a_version_replaced_since_is_refused_as_that_old_version(
        xx, tmp_path, policy, registry, q3_county):
    # version 1 stays in the inbox; the correction, imported since from another folder, is
    # saved beside it: version 1 is known to be old, so no "which of the two is newer?"
    county, inbox, _files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    fixed = book_from_submission(county["蔚汾镇"], policy)
    fixed.sheets["scores"][0][2] = 95
    elsewhere = write_book(fixed, tmp_path / "更正" / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    assert xx("-w", ws, "import", elsewhere, "-q", "2022Q3").code == 0  # version 2, current
    (inbox / "蔚汾镇_2022Q3(1).xlsx").write_bytes(elsewhere.read_bytes())
    for args in (("validate", inbox, "-q", "2022Q3"), ("validate", inbox), ("import", inbox, "-q", "2022Q3", "--dry-run")):
        said = xx("-w", ws, *args).out.replace("\n", "")
        assert "与蔚汾镇已导入的第 1 版完全相同" in said and "这是旧版本" in said, args
        assert "无法判断" not in said, args
    # (review R55) its marked copy is not one to send back to the township for correcting
    annotated = xx("-w", ws, "validate", inbox / "蔚汾镇_2022Q3.xlsx", "-q", "2022Q3", "--annotate", tmp_path / "退回")
    said = annotated.out.replace("\n", "")
    assert "不用退回乡镇，请从收件箱移出" in said and "退回乡镇改正" not in said
    r = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 1 and "导入 0 个，未变化 2 个，拒收 1 个" in said and "第 1 版" in said
    assert "被拒收" not in xx("-w", ws, "status", "-q", "2022Q3").out  # an old copy is no news of 蔚汾镇
    # a new third file beside the old copy: the old copy is named as old, the new one waits for it to go
    newer = book_from_submission(county["蔚汾镇"], policy)
    newer.sheets["scores"][0][2] = 96
    (inbox / "蔚汾镇_2022Q3(1).xlsx").unlink()
    write_book(newer, inbox / "蔚汾镇_2022Q3(2).xlsx", policy=policy, registry=registry)
    said = xx("-w", ws, "import", inbox, "-q", "2022Q3").out.replace("\n", "")
    assert "与蔚汾镇已导入的第 1 版完全相同" in said and "蔚汾镇_2022Q3(2).xlsx" in said and "导入 0 个" in said
    # on its own it is still the old version, refused: it would quietly undo the correction
    (inbox / "蔚汾镇_2022Q3(2).xlsx").unlink()
    old = inbox / "蔚汾镇_2022Q3.xlsx"
    for args in (("validate", old, "-q", "2022Q3"), ("import", old, "-q", "2022Q3", "--dry-run"),
                 ("import", old, "-q", "2022Q3")):
        r = xx("-w", ws, *args)
        said = r.out.replace("\n", "")
        assert r.code == 1 and "这是旧版本" in said and "--revert" in said and "导入 1 个" not in said, args
    assert "2/2" in xx("-w", ws, "status", "-q", "2022Q3").out  # version 2 is still the current one
    # with --revert, as the hint says, the old version comes back as the current one
    said = xx("-w", ws, "import", old, "-q", "2022Q3", "--revert").out.replace("\n", "")
    assert "导入 1 个" in said and "已改回" in said and "第 1 版完全相同" in said and "第 3 版" in said
    assert "3/3" in xx("-w", ws, "status", "-q", "2022Q3").out


@pytest.mark.sqlite_only
def test_a_person_in_a_new_file_and_in_an_unchanged_copy_of_another_townships_file_refuses_only_the_new_one(
        xx, tmp_path, policy, registry, q3_county):
    county, inbox, files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    mover = county["蔚汾镇"].cadres[0]
    book = book_from_submission(county["魏家滩镇"], policy)
    book.sheets["roster"].append([book.sheets["roster"][0][0], mover.name, mover.person_id, "委员", mover.start_date,
                                  None, None, None])
    book.sheets["scores"].append([mover.person_id, mover.name, *([80] * len(policy.systems))])
    write_book(book, files["魏家滩镇"], policy=policy, registry=registry)  # 魏家滩镇 lists 蔚汾镇's cadre too
    r = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 1 and "未变化 1 个，拒收 1 个" in said
    assert "已拒收 魏家滩镇_2022Q3.xlsx" in said and "已拒收 蔚汾镇_2022Q3.xlsx" not in said
    import json

    for args in (("-q", "2022Q3"), ()):  # the unchanged file is the store's, with the quarter named or not
        doc = json.loads(xx("-w", ws, "validate", inbox, *args, "-f", "json").out)
        (d,) = [d for f in doc["files"] for d in f["diagnostics"] if d["severity"] == "error"]
        assert d["file"] == "魏家滩镇_2022Q3.xlsx" and "请把蔚汾镇删去此人后的更正报送表" in d["hint"], args


@pytest.mark.sqlite_only
def test_a_file_named_for_one_township_holding_anothers_is_listed_refused_under_both(xx, tmp_path, sample_dir):
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    data = (sample_dir / "2022Q3" / "罗峪口镇_2022Q3.xlsx").read_bytes()
    (inbox / "罗峪口镇_2022Q3.xlsx").write_bytes(data)
    (inbox / "康宁镇_2022Q3.xlsx").write_bytes(data)  # 康宁镇's clerk sent the neighbour's table
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 1
    status = xx("-w", ws, "status", "-q", "2022Q3").out
    assert "康宁镇：康宁镇_2022Q3.xlsx" in status and "罗峪口镇：康宁镇_2022Q3.xlsx" in status


def _moved(county, policy, registry, folder, *, broken: bool = False):
    """蔚汾镇's corrected file without its first cadre (with a score of 105 if ``broken``) and
    魏家滩镇's with them: (cadre, files)."""
    from dataclasses import replace

    left = county["蔚汾镇"]
    mover = left.cadres[0]

    def others(items):
        return [x for x in items if x.person_id != mover.person_id]

    left = replace(left, cadres=others(left.cadres), honours=others(left.honours), scores=others(left.scores),
                   deductions=others(left.deductions))
    joined = book_from_submission(county["魏家滩镇"], policy)
    joined.sheets["roster"].append([joined.sheets["roster"][0][0], mover.name, mover.person_id, "委员",
                                    mover.start_date, None, None, None])
    joined.sheets["scores"].append([mover.person_id, mover.name, *([80] * len(policy.systems))])
    folder.mkdir()
    books = {"蔚汾镇": book_from_submission(left, policy), "魏家滩镇": joined}
    if broken:
        books["蔚汾镇"].sheets["scores"][0][2] = 105
    return mover, {t: write_book(b, folder / f"{t}_2022Q3_更正.xlsx", policy=policy, registry=registry)
                   for t, b in books.items()}


@pytest.mark.sqlite_only
def test_a_cadre_moved_between_townships_is_taken_when_both_corrected_files_come_in_one_run(
        xx, tmp_path, policy, registry, q3_county):
    import json

    county, _inbox, _files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    mover, files = _moved(county, policy, registry, tmp_path / "更正")
    for args in (("validate", tmp_path / "更正", "-q", "2022Q3"), ("validate", tmp_path / "更正"),
                 ("import", tmp_path / "更正", "-q", "2022Q3", "--dry-run")):
        r = xx("-w", ws, *args)
        assert r.code == 0 and "本季度已有该人员" not in r.out, (args, r.out)
    r = xx("-w", ws, "import", tmp_path / "更正", "-q", "2022Q3")
    assert r.code == 0 and "导入 2 个" in r.out.replace("\n", ""), r.out
    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q3", "-f", "json", "--unmask").out)
    (row,) = [c for c in doc["cadres"] if c["id"] == mover.person_id]
    assert row["township"] == "魏家滩镇"


@pytest.mark.sqlite_only
def test_a_cadre_moved_in_is_still_refused_when_the_file_they_left_is_refused(
        xx, tmp_path, policy, registry, q3_county):
    import json

    county, _inbox, _files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    _moved(county, policy, registry, tmp_path / "更正", broken=True)  # the store keeps the cadre in 蔚汾镇
    r = xx("-w", ws, "import", tmp_path / "更正", "-q", "2022Q3")
    assert r.code == 1 and "导入 0 个" in r.out.replace("\n", ""), r.out
    said = []
    for args in (("-q", "2022Q3"), ()):  # validate with the quarter named, or read from each file
        doc = json.loads(xx("-w", ws, "validate", tmp_path / "更正", *args, "-f", "json").out)
        said.append({f["file"]: [d for d in f["diagnostics"] if d["severity"] == "error"] for f in doc["files"]})
    assert said[0] == said[1]
    (d,) = said[0]["魏家滩镇_2022Q3_更正.xlsx"]
    assert d["code"] == "already-imported" and "蔚汾镇_2022Q3.xlsx" in d["message"] and d["column"] == "C"
    assert "蔚汾镇这次送来的 蔚汾镇_2022Q3_更正.xlsx 没有导入，此人仍在蔚汾镇" in d["hint"]


@pytest.mark.sqlite_only
def test_an_earlier_refused_attempt_of_the_township_left_beside_its_good_file_does_not_hold_the_cadre_back(
        xx, tmp_path, policy, registry, q3_county):
    import json

    county, _inbox, _files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    mover, files = _moved(county, policy, registry, tmp_path / "更正")
    stale = book_from_submission(county["蔚汾镇"], policy)  # still lists the cadre, and has an error
    stale.sheets["scores"][0][2] = 105
    write_book(stale, tmp_path / "更正" / "蔚汾镇_2022Q3_第一次.xlsx", policy=policy, registry=registry)
    r = xx("-w", ws, "import", tmp_path / "更正", "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 1 and "导入 2 个" in said and "拒收 1 个" in said, said
    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q3", "-f", "json", "--unmask").out)
    assert [c["township"] for c in doc["cadres"] if c["id"] == mover.person_id] == ["魏家滩镇"]


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_two_copies_of_a_new_file_are_told_as_two_copies_not_as_an_old_version(
        xx, tmp_path, policy, registry, q3_county):
    county, inbox, _files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    fixed = book_from_submission(county["蔚汾镇"], policy)
    fixed.sheets["scores"][0][2] = 95
    new = tmp_path / "新" / "蔚汾镇_2022Q3.xlsx"
    write_book(fixed, new, policy=policy, registry=registry)
    (new.parent / "蔚汾镇_2022Q3(1).xlsx").write_bytes(new.read_bytes())  # downloaded twice
    checked = xx("-w", ws, "validate", new.parent, "-q", "2022Q3")  # (review R91) as import will take it
    said = checked.out.replace("\n", "")
    assert checked.code == 0 and "1 个通过，0 个有错误" in said and "另有 1 个导入时会跳过、不必退回" in said, said
    doc = json.loads(xx("-w", ws, "validate", new.parent, "-q", "2022Q3", "-f", "json").out)
    assert doc["valid"] and doc["summary"]["skipped_files"] == 1 \
        and {f["file"]: f["skipped"] for f in doc["files"]} == {new.name: False, "蔚汾镇_2022Q3(1).xlsx": True}
    r = xx("-w", ws, "import", new.parent, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 0 and "同一文件收到了两份" in said and "导入 1 个" in said and "跳过重复的副本 1 个" in said, said
    assert "旧版本" not in said and "第 2 版完全相同" not in said
    assert "被拒收" not in xx("-w", ws, "status", "-q", "2022Q3").out
    again = xx("-w", ws, "import", new.parent, "-q", "2022Q3")  # both now the current version's bytes
    assert again.code == 0 and "未变化 2 个" in again.out.replace("\n", "")


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_the_refused_file_left_beside_its_correction_is_no_fresh_refusal_when_the_folder_comes_again(
        xx, tmp_path, policy, registry, q3_county):
    # (review R50) the inbox keeps the file sent back and its corrected copy: importing the
    # folder again refused the old bytes once more, exit 1, and xx status called it a new refusal
    county = q3_county
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    bad = book_from_submission(county["蔚汾镇"], policy)
    bad.sheets["scores"][0][2] = 105
    write_book(bad, inbox / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 1
    write_book(book_from_submission(county["蔚汾镇"], policy), inbox / "蔚汾镇_2022Q3_校验结果.xlsx", policy=policy,
               registry=registry)
    r = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 0 and "导入 1 个" in said and "拒收 0 个" in said and "跳过 蔚汾镇_2022Q3.xlsx" in said, said
    status = xx("-w", ws, "status", "-q", "2022Q3").out
    assert "被拒收" not in status
    # a correction refused after the good version is still news
    worse = book_from_submission(county["蔚汾镇"], policy)
    worse.sheets["scores"][1][2] = 106
    write_book(worse, inbox / "蔚汾镇_2022Q3_再改.xlsx", policy=policy, registry=registry)
    again = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    assert again.code == 1 and "拒收 1 个" in again.out.replace("\n", "")
    # and when the folder comes yet again, in the same second or not (review R52): still news
    once_more = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    assert once_more.code == 1 and "蔚汾镇_2022Q3_再改.xlsx" in once_more.out.replace("\n", "")
    assert "蔚汾镇_2022Q3_再改.xlsx" in xx("-w", ws, "status", "-q", "2022Q3").out.replace("\n", "")


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_dry_run_describes_the_folder_as_the_import_then_does(xx, tmp_path, policy, registry, q3_county):
    # (round 22) a dry run called every file imported before "可以导入", a second download a
    # refusal and the old copy of a file sent back a fresh refusal: the import then said
    # otherwise (未变化, 跳过), and an officer checking first was told of refusals that were not
    county = q3_county
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for t in TOWNS:
        write_book(book_from_submission(county[t], policy), inbox / f"{t}_2022Q3.xlsx", policy=policy, registry=registry)
    bad = book_from_submission(county["康宁镇"], policy)
    bad.sheets["scores"][0][2] = 105
    write_book(bad, inbox / "康宁镇_2022Q3.xlsx", policy=policy, registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 1
    write_book(book_from_submission(county["康宁镇"], policy), inbox / "康宁镇_2022Q3_改.xlsx", policy=policy,
               registry=registry)
    new = write_book(book_from_submission(county["瓦塘镇"], policy), inbox / "瓦塘镇_2022Q3.xlsx", policy=policy,
                     registry=registry)
    (inbox / "瓦塘镇_2022Q3(1).xlsx").write_bytes(new.read_bytes())  # downloaded twice

    def told(r):
        return r.code, r.out.replace("\n", "")

    # the old 康宁镇 file is skipped beside its correction, by the dry run as by the import
    code, dry = told(xx("-w", ws, "import", inbox, "-q", "2022Q3", "--dry-run"))
    assert code == 0 and "2 个可以导入，2 个与已导入的相同，0 个会被拒收" in dry and "另跳过重复的副本 1 个" in dry, dry
    assert "跳过 康宁镇_2022Q3.xlsx：与以前拒收的文件内容完全相同，康宁镇本次另有文件可以导入" in dry
    assert "蔚汾镇_2022Q3.xlsx 与已导入的第 1 版完全相同" in dry
    code, real = told(xx("-w", ws, "import", inbox, "-q", "2022Q3"))
    assert code == 0 and "导入 2 个，未变化 2 个，拒收 0 个" in real and "另跳过重复的副本 1 个" in real, real
    assert "跳过 康宁镇_2022Q3.xlsx：与以前拒收的文件内容完全相同，康宁镇此后已导入第 1 版" in real
    # now the old one is no news, and the two downloads are both the current version's bytes
    code, dry = told(xx("-w", ws, "import", inbox, "-q", "2022Q3", "--dry-run"))
    assert code == 0 and "0 个可以导入，5 个与已导入的相同，0 个会被拒收" in dry, dry
    assert "另跳过以前已拒收的旧文件 1 个" in dry and "跳过 康宁镇_2022Q3.xlsx" in dry
    code, real = told(xx("-w", ws, "import", inbox, "-q", "2022Q3"))
    assert code == 0 and "导入 0 个，未变化 5 个，拒收 0 个" in real and "另跳过以前已拒收的旧文件 1 个" in real, real


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_draft_imported_after_its_correction_is_said_to_be_filled_in_earlier(
        xx, tmp_path, policy, registry, q3_county):
    # (round 22) a draft found in another folder and imported after the correction became the
    # current version without a word, though its 填报日期 was days before the one it replaced
    from datetime import date

    county, _inbox, _files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    fixed = book_from_submission(county["蔚汾镇"], policy)
    fixed.info["fill_date"] = date(2022, 10, 12)
    fixed.sheets["scores"][0][2] = 95
    corrected = write_book(fixed, tmp_path / "更正" / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    r = xx("-w", ws, "import", corrected, "-q", "2022Q3")
    assert r.code == 0 and "第 2 版" in r.out and "填报日期" not in r.out
    draft = book_from_submission(county["蔚汾镇"], policy)
    draft.info["fill_date"] = date(2022, 10, 3)
    draft.sheets["scores"][0][2] = 80
    old = write_book(draft, tmp_path / "草稿" / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    dry = xx("-w", ws, "import", old, "-q", "2022Q3", "--dry-run").out.replace("\n", "")
    assert "这个文件的填报日期 2022-10-03 早于它替换的第 2 版（2022-10-12）" in dry, dry  # told before, too
    r = xx("-w", ws, "import", old, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 0 and "第 3 版" in said, said
    assert "这个文件的填报日期 2022-10-03 早于它替换的第 2 版（2022-10-12）" in said and "--revert" in said
    # what it says to do works: the correction is current again
    dry = xx("-w", ws, "import", corrected, "-q", "2022Q3", "--revert", "--dry-run").out.replace("\n", "")
    assert "改回（--revert）：这个文件与第 2 版完全相同，导入后它重新成为当前版本，替换第 3 版" in dry, dry
    back = xx("-w", ws, "import", corrected, "-q", "2022Q3", "--revert")
    assert back.code == 0 and "第 4 版" in back.out and "填报日期" not in back.out.split("已改回")[0]


def _bad(county, policy, township, score=105):
    book = book_from_submission(county[township], policy)
    book.sheets["scores"][0][2] = score
    return book


def test_a_refused_csv_is_old_news_once_its_townships_good_file_is_in(xx, tmp_path, policy, registry, q3_county):
    # (review R65) a file with no readable 基本信息 is refused under the township its name gives:
    # once that township's good file was in, every later import still refused the CSV anew
    county = q3_county
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    (inbox / "瓦塘镇_2022Q3.csv").write_text("乡镇,瓦塘镇\n", encoding="utf-8")
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 1
    write_book(book_from_submission(county["瓦塘镇"], policy), inbox / "瓦塘镇_2022Q3.xlsx", policy=policy,
               registry=registry)
    for args in (("--dry-run",), (), ()):
        r = xx("-w", ws, "import", inbox, "-q", "2022Q3", *args)
        said = r.out.replace("\n", "")
        assert r.code == 0 and "跳过 瓦塘镇_2022Q3.csv：与以前拒收的文件内容完全相同" in said and "已拒收 瓦塘镇" not in said, said
    assert "被拒收" not in xx("-w", ws, "status", "-q", "2022Q3").out


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_second_download_of_a_refused_file_is_one_refusal_of_the_file_as_sent(
        xx, tmp_path, policy, registry, q3_county):
    # (review R65) X.xlsx and X(1).xlsx, both with a score of 105: two refusals, and X(1) taken
    # as the file sent (it sorts first), X.xlsx as its copy
    county = q3_county
    inbox = tmp_path / "收件箱"
    sent = write_book(_bad(county, policy, "蔚汾镇"), inbox / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    (inbox / "蔚汾镇_2022Q3(1).xlsx").write_bytes(sent.read_bytes())
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 1 and "拒收 1 个" in said and "另跳过重复的副本 1 个" in said, said
    assert "已拒收 蔚汾镇_2022Q3.xlsx" in said and "跳过 蔚汾镇_2022Q3(1).xlsx：与本次的 蔚汾镇_2022Q3.xlsx" in said
    st = xx("-w", ws, "status", "-q", "2022Q3").out.replace("\n", "")
    assert "蔚汾镇：蔚汾镇_2022Q3.xlsx" in st and "内容完全相同" not in st, st


def test_a_misnamed_refused_file_leaves_status_once_the_township_it_holds_has_sent(
        xx, tmp_path, policy, registry, q3_county):
    # (review R65) 罗峪口镇_2022Q3.xlsx holding 蔡家会镇's data: skipped by the import once 蔡家会镇's
    # good file is in, but xx status went on listing it as 罗峪口镇's refusal
    county = q3_county
    inbox = tmp_path / "收件箱"
    write_book(_bad(county, policy, "蔡家会镇"), inbox / "罗峪口镇_2022Q3.xlsx", policy=policy, registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 1
    st = xx("-w", ws, "status", "-q", "2022Q3").out.replace("\n", "")
    assert "罗峪口镇：罗峪口镇_2022Q3.xlsx" in st and "蔡家会镇：罗峪口镇_2022Q3.xlsx" in st
    write_book(book_from_submission(county["蔡家会镇"], policy), inbox / "蔡家会镇_2022Q3.xlsx", policy=policy,
               registry=registry)
    r = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    assert r.code == 0 and "跳过 罗峪口镇_2022Q3.xlsx" in r.out.replace("\n", "")
    assert "被拒收" not in xx("-w", ws, "status", "-q", "2022Q3").out
    # but a file 罗峪口镇 sends itself says nothing of 蔡家会镇's: no township's news is lost
    write_book(_bad(county, policy, "罗峪口镇", 106), inbox / "罗峪口镇_2022Q3_新.xlsx", policy=policy, registry=registry)
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 1
    assert "罗峪口镇：罗峪口镇_2022Q3_新.xlsx" in xx("-w", ws, "status", "-q", "2022Q3").out.replace("\n", "")


@pytest.mark.sqlite_only  # the refusal's time is set to the version's second in the SQLite file
def test_a_file_refused_in_the_same_second_as_the_version_before_it_is_still_news_in_status(
        xx, tmp_path, policy, registry, q3_county, ws_engine):
    # (review R65) xx status told by the clock: a refusal in the same second as the good
    # version imported just before it was dropped, while the import counts by versions stored
    from sqlalchemy import text

    county = q3_county
    good = write_book(book_from_submission(county["康宁镇"], policy), tmp_path / "A" / "康宁镇_2022Q3.xlsx",
                      policy=policy, registry=registry)
    bad = write_book(_bad(county, policy, "康宁镇"), tmp_path / "B" / "康宁镇_2022Q3_改.xlsx", policy=policy,
                     registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", good, "-q", "2022Q3").code == 0
    assert xx("-w", ws, "import", bad, "-q", "2022Q3").code == 1
    with ws_engine(ws).begin() as c:
        at = c.execute(text("select imported_at from submission")).scalar()
        c.execute(text("update audit_log set at = :at where action = 'import-refused'"), {"at": at})
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    kangning = next(t for t in doc["townships"] if t["township"] == "康宁镇")
    assert kangning["submitted"] and kangning["refused"]["file"] == bad.name
    again = xx("-w", ws, "import", bad, "-q", "2022Q3")
    assert again.code == 1 and f"这个文件 {at.replace('T', ' ')} 已经拒收过一次" in again.out.replace("\n", "")
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    assert next(t for t in doc["townships"] if t["township"] == "康宁镇")["refused"]["at"] == at


def test_an_invisible_control_character_from_an_export_is_dropped_on_either_database(
        xx, tmp_path, policy, registry, q3_county):
    # (review R67) a 情形 exported by another system held a NUL (_x0000_ in the file): SQLite
    # stored it, PostgreSQL's import stopped with an internal error
    county = q3_county
    book = book_from_submission(county["蔚汾镇"], policy)
    assert book.sheets["deductions"], "the sample township has deductions"
    row = book.sheets["deductions"][0]
    row[3] = "季度考核\x00排名\x1f末位"
    path = write_book(book, tmp_path / "收件箱" / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "import", path, "-q", "2022Q3")
    assert r.code == 0, r.out
    shown = xx("-w", ws, "score", "-q", "2022Q3", "--allow-missing", "--explain", row[0], "--unmask")
    assert shown.code == 0 and "季度考核排名末位" in shown.out.replace("\n", ""), shown.out


def test_two_townships_identical_broken_downloads_are_both_refused(xx, tmp_path):
    # (review R68) two empty downloads have the same bytes: one was skipped as a copy of the
    # other, and its township was never told its file was unreadable
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for t in ("蔚汾镇", "康宁镇"):
        (inbox / f"{t}_2022Q3.xlsx").write_bytes(b"")
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 1 and "拒收 2 个" in said and "跳过" not in said, said
    st = xx("-w", ws, "status", "-q", "2022Q3").out.replace("\n", "")
    assert "蔚汾镇：蔚汾镇_2022Q3.xlsx" in st and "康宁镇：康宁镇_2022Q3.xlsx" in st


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_dry_run_after_an_upgrade_of_the_reading_rules_says_unchanged_as_the_import_does(
        xx, tmp_path, policy, registry, q3_county, ws_engine):
    # (review R68) every stored version read by the previous rules: the dry run said each file
    # "可以导入", the import then "未变化" (read again to the same facts)
    from sqlalchemy import text

    county = q3_county
    path = write_book(book_from_submission(county["蔚汾镇"], policy), tmp_path / "收件箱" / "蔚汾镇_2022Q3.xlsx",
                      policy=policy, registry=registry)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", path, "-q", "2022Q3").code == 0
    with ws_engine(ws).begin() as c:
        c.execute(text("update submission set reader = reader - 1"))
    dry = xx("-w", ws, "import", path, "-q", "2022Q3", "--dry-run").out.replace("\n", "")
    assert "0 个可以导入，1 个与已导入的相同" in dry and "较早版本的读取规则" in dry, dry
    real = xx("-w", ws, "import", path, "-q", "2022Q3").out.replace("\n", "")
    assert "导入 0 个，未变化 1 个" in real, real


def test_two_copies_of_a_townships_first_file_make_version_1(xx, tmp_path, policy, registry, q3_county, ws_engine):
    # (review R69) both copies were staged (versions 1 and 2), the copy taken out again: the
    # township's only version was 第 2 版, and xx status showed 2/1
    from sqlalchemy import text

    county = q3_county
    inbox = tmp_path / "收件箱"
    sent = write_book(book_from_submission(county["东会乡"], policy), inbox / "东会乡_2022Q3.xlsx", policy=policy,
                      registry=registry)
    (inbox / "东会乡_2022Q3(1).xlsx").write_bytes(sent.read_bytes())
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    assert r.code == 0 and "东会乡 2022Q3 第 1 版" in r.out.replace("\n", ""), r.out
    with ws_engine(ws).connect() as c:
        assert c.execute(text("select version from submission")).scalars().all() == [1]
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    dong = next(t for t in doc["townships"] if t["township"] == "东会乡")
    assert (dong["version"], dong["versions"]) == (1, 1)


@pytest.mark.sqlite_only  # service logic shown: the store's part (ImportSession.same_facts) is in tests/store
def test_a_resaved_copy_of_a_new_file_beside_it_is_skipped_as_a_copy_and_a_different_file_is_not(
        xx, tmp_path, policy, registry, q3_county):
    # (review R98) the clerk's corrected file and the copy they saved again in Excel before
    # sending both came: other bytes, the same data. Both were refused as two submissions.
    import openpyxl

    county, _inbox, _files, ws = _imported(xx, tmp_path, q3_county, policy, registry)
    fixed = book_from_submission(county["蔚汾镇"], policy)
    fixed.sheets["scores"][0][2] = 95
    box = tmp_path / "新"
    new = write_book(fixed, box / "蔚汾镇_2022Q3.xlsx", policy=policy, registry=registry)
    book = openpyxl.load_workbook(new)
    book.save(box / "蔚汾镇_2022Q3 - 副本.xlsx")
    assert (box / "蔚汾镇_2022Q3 - 副本.xlsx").read_bytes() != new.read_bytes()
    doc = json.loads(xx("-w", ws, "validate", box, "-q", "2022Q3", "-f", "json").out)
    assert doc["valid"] and doc["summary"]["skipped_files"] == 1
    assert {f["file"]: f["skipped"] for f in doc["files"]} == {new.name: False, "蔚汾镇_2022Q3 - 副本.xlsx": True}
    for args in (("--dry-run",), ()):
        r = xx("-w", ws, "import", box, "-q", "2022Q3", *args)
        said = r.out.replace("\n", "")
        assert r.code == 0 and "所填数据完全相同（同一文件另存或标注过的副本）" in said, said
    assert "导入 1 个" in said and "跳过重复的副本 1 个" in said and "第 2 版" in said, said
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    town = next(t for t in doc["townships"] if t["township"] == "蔚汾镇")
    assert (town["version"], town["versions"], town["file"]) == (2, 2, new.name)
    # two corrections that differ are still two submissions: which one is meant is the officer's call
    fixed.sheets["scores"][0][2] = 96
    other = tmp_path / "再" / "蔚汾镇_2022Q3.xlsx"
    write_book(fixed, other, policy=policy, registry=registry)
    fixed.sheets["scores"][0][2] = 97
    book = openpyxl.load_workbook(write_book(fixed, tmp_path / "另" / other.name, policy=policy, registry=registry))
    book.save(other.parent / "蔚汾镇_2022Q3(1).xlsx")
    r = xx("-w", ws, "import", other.parent, "-q", "2022Q3")
    assert r.code == 1 and "同时提交了同一乡镇的多个文件" in r.out.replace("\n", "") and "跳过" not in r.out, r.out


@pytest.mark.sqlite_only  # service logic shown: the store's part (ImportSession.same_facts) is in tests/store
def test_of_a_file_and_its_marked_copy_the_townships_own_file_is_the_one_kept(xx, tmp_path, sample_dir):
    # (review R98) the marked copy xx validate --annotate wrote was archived as the township's file
    import shutil

    sent = next((sample_dir / "2022Q3").glob("东会乡*.xlsx"))
    box = tmp_path / "收件箱"
    box.mkdir()
    received = shutil.copy(sent, box / "东会乡_2022Q3(1).xlsx")  # as WeChat saved it
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "validate", received, "-q", "2022Q3", "--annotate", tmp_path / "退回").code == 0
    marked = shutil.copy(next((tmp_path / "退回").glob("*_校验结果.xlsx")), box)  # put beside it by hand
    r = xx("-w", ws, "import", box, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 0 and f"跳过 {Path(marked).name}" in said and "所填数据完全相同" in said, said
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    town = next(t for t in doc["townships"] if t["township"] == "东会乡")
    assert town["file"] == "东会乡_2022Q3(1).xlsx"


@pytest.mark.sqlite_only  # service logic shown: the refusals' store part is checked on both engines (tests/store)
@pytest.mark.parametrize("workers", ["0", "2"])  # (review R102) the key was lost crossing from a worker process
def test_a_resaved_copy_of_a_refused_file_is_that_refused_file_in_the_run_and_once_its_correction_is_in(
        xx, tmp_path, policy, registry, q3_county, monkeypatch, workers):
    # (review R98) a re-saved copy of a refused file was refused again on every import, after the
    # correction too, and xx status kept listing it; a byte copy was skipped
    import openpyxl

    monkeypatch.setenv("XX_WORKERS", workers)

    county = q3_county
    bad = book_from_submission(county["东会乡"], policy)
    bad.sheets["scores"][0][2] = 105
    box = tmp_path / "收件箱"
    sent = write_book(bad, box / "东会乡_2022Q3.xlsx", policy=policy, registry=registry)
    openpyxl.load_workbook(sent).save(box / "东会乡_2022Q3(1).xlsx")
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "import", box, "-q", "2022Q3")
    said = r.out.replace("\n", "")
    assert r.code == 1 and "拒收 1 个" in said and "跳过 东会乡_2022Q3(1).xlsx" in said, said
    assert "所填数据完全相同" in said
    fixed = write_book(book_from_submission(county["东会乡"], policy), box / "东会乡_2022Q3_更正.xlsx",
                       policy=policy, registry=registry)
    assert fixed.exists()
    r = xx("-w", ws, "import", box, "-q", "2022Q3")
    assert "已导入 东会乡_2022Q3_更正.xlsx" in r.out.replace("\n", ""), r.out
    again = xx("-w", ws, "import", box, "-q", "2022Q3")  # the folder as it stands, imported again
    said = again.out.replace("\n", "")
    assert again.code == 0 and "拒收 0 个" in said and "已拒收 " not in said, said
    assert "跳过 东会乡_2022Q3(1).xlsx：与以前拒收的文件内容完全相同" in said, said
    doc = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)
    town = next(t for t in doc["townships"] if t["township"] == "东会乡")
    assert town["file"] == "东会乡_2022Q3_更正.xlsx" and not town.get("refused_files"), town


@pytest.mark.sqlite_only  # what validate says of two copies: no store involved
def test_a_second_download_of_a_file_does_not_count_its_warnings_again(xx, tmp_path, sample_dir):
    # (review R119) the skipped copy's 18 warnings were counted again in "警告 36 处"
    import json
    import shutil

    ws, inbox = tmp_path / "ws", tmp_path / "收件箱"
    xx("init", ws)
    inbox.mkdir()
    one = shutil.copy(sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", inbox)
    alone = json.loads(xx("-w", ws, "validate", one, "-q", "2022Q3", "-f", "json").out)["summary"]["warnings"]
    shutil.copy(one, inbox / "蔚汾镇_2022Q3(1).xlsx")
    both = xx("-w", ws, "validate", inbox, "-q", "2022Q3", "-f", "json")
    summary = json.loads(both.out)["summary"]
    assert summary["skipped_files"] == 1 and summary["warnings"] == alone
    said = xx("-w", ws, "validate", inbox, "-q", "2022Q3").out.replace("\n", "")
    assert f"警告 {alone} 处" in said
    # the copy is said in a line, as skipped: not as an 错误 to correct, nor with its warnings again
    assert "蔚汾镇_2022Q3(1).xlsx：导入时跳过，不必退回。与本次一同提交的 蔚汾镇_2022Q3.xlsx 内容完全相同" in said
    assert "蔚汾镇_2022Q3(1).xlsx ›" not in said and "│ 错误 │" not in said


@pytest.mark.sqlite_only  # a file named on the command line: no store involved
def test_an_excel_owner_file_given_as_the_registry_is_named_as_such(xx, tmp_path):
    # (review R119) "文件不是有效的 .xlsx 工作簿", where validate and import name the owner file
    ws = tmp_path / "ws"
    xx("init", ws)
    owner = tmp_path / "~$名录.xlsx"
    owner.write_bytes(b"\x05Excel owner")
    r = xx("-w", ws, "registry", "import", owner)
    assert r.code == 2 and "临时文件" in r.err and "~$" in r.err


@pytest.mark.sqlite_only  # files beside the workbooks: the store plays no part
def test_a_workbook_still_open_in_excel_or_wps_is_read_as_last_saved_and_said_so(xx, tmp_path, sample_dir):
    # (review R119) the clerk's edits made since the last save were not imported, and nothing said
    # that the file was open (its owner file was beside it)
    import shutil

    ws, inbox = tmp_path / "ws", tmp_path / "收件箱"
    xx("init", ws)
    inbox.mkdir()
    for name in ("蔚汾镇_2022Q3.xlsx", "康宁镇_2022Q3.xlsx"):
        shutil.copy(sample_dir / "2022Q3" / name, inbox)
    (inbox / "~$康宁镇_2022Q3.xlsx").write_bytes(b"\x05Excel owner")  # Excel has 康宁镇's file open
    checked = json.loads(xx("-w", ws, "validate", inbox, "-q", "2022Q3", "-f", "json").out)
    assert [Path(p).name for p in checked["open_in_office"]] == ["康宁镇_2022Q3.xlsx"]
    imported = xx("-w", ws, "import", inbox, "-q", "2022Q3")
    said = imported.out.replace("\n", "")
    assert imported.code == 0 and "正在 Excel 或 WPS 中打开的文件：康宁镇_2022Q3.xlsx。导入的是文件上次保存的内容" in said
    (inbox / "~$康宁镇_2022Q3.xlsx").unlink()  # closed: nothing to say
    assert "正在 Excel" not in xx("-w", ws, "validate", inbox, "-q", "2022Q3").out.replace("\n", "")
