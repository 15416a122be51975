"""Problems between the files of one run, and against what is already imported."""

from __future__ import annotations

from intake_helpers import ROSTER, excel_row, where

from xingxian_cli.sample.generator import book_from_submission


def _other_township(county, township):
    return next(t for t in county if t != township)


def _also_listed_by_another_township(book, county, township, policy):
    """Another township's book listing ``book``'s first cadre too: (that township, its book)."""
    other = _other_township(county, township)
    other_book = book_from_submission(county[other], policy)
    moved = list(book.sheets["roster"][0])
    moved[0] = other_book.sheets["roster"][0][0]  # a village of the other township
    other_book.sheets["roster"].append(moved)
    other_book.sheets["scores"].append(list(book.sheets["scores"][0]))
    return other, other_book


def test_validate_refuses_person_in_two_townships(check, book, county, township, policy):
    other, other_book = _also_listed_by_another_township(book, county, township, policy)
    result = check(book, other_book)
    first, second = result.files
    assert where(first.errors) == [(ROSTER, 2, "C", "person-in-two-townships")]
    assert where(second.errors) == [(ROSTER, excel_row(len(other_book.sheets["roster"]) - 1), "C",
                                     "person-in-two-townships")]
    assert other in first.errors[0].message and township in second.errors[0].message
    assert "其他表中此人的行一并删除" in first.errors[0].hint  # (review R83) else a second round
    assert first.submission is None and second.submission is None


def _also_listed_by_another_township_with_another_error(book, county, township, policy):
    """As :func:`_also_listed_by_another_township`, with a score of 105 (an unrelated error)
    in the other book."""
    other, other_book = _also_listed_by_another_township(book, county, township, policy)
    other_book.sheets["scores"][0][2] = 105
    return other, other_book


def test_a_file_refused_for_another_error_still_meets_the_others_so_both_hear_of_the_person_in_two_townships(
        check, book, county, township, policy):
    _other, other_book = _also_listed_by_another_township_with_another_error(book, county, township, policy)
    result = check(book, other_book)
    first, second = result.files
    assert where(first.errors) == [(ROSTER, 2, "C", "person-in-two-townships")]  # refused in the same pass
    assert "person-in-two-townships" in [d.code for d in second.errors]  # told now, with the score
    assert "score-out-of-range" in [d.code for d in second.errors]
    assert first.submission is None and not result.valid


def test_import_refuses_the_good_file_whose_person_is_also_in_a_file_refused_for_another_error(
        xx, tmp_path, county, township, policy, registry):
    from xingxian_cli.sample.generator import write_book

    book = book_from_submission(county[township], policy)
    other, other_book = _also_listed_by_another_township_with_another_error(book, county, township, policy)
    files = [write_book(b, tmp_path / f"{t}_2022Q3.xlsx", policy=policy, registry=registry)
             for b, t in ((book, township), (other_book, other))]
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "import", *files, "-q", "2022Q3")
    assert r.code == 1 and "导入 0 个" in r.out.replace("\n", ""), r  # as validate says: neither


def test_a_good_file_beside_a_refused_copy_of_its_township_is_not_a_second_submission(check, book, county, township,
                                                                                       policy):
    broken = book_from_submission(county[township], policy)
    broken.sheets["scores"][0][2] = 105  # an older, wrong copy sent along by mistake
    result = check(book, broken, names=[f"{township}_2022Q3.xlsx", f"{township}_2022Q3_旧.xlsx"])
    good, old = result.files
    assert good.valid and not good.errors
    assert [d.code for d in old.errors] == ["score-out-of-range"]


def test_validate_refuses_same_township_twice_in_one_run(check, book, county, township, policy):
    again = book_from_submission(county[township], policy)
    again.sheets["scores"][0][2] = 91  # two versions: which one stands is the township's to say
    result = check(book, again)
    assert [where(f.errors) for f in result.files] == [[(None, None, None, "duplicate-submission")]] * 2
    assert not result.valid


def test_of_two_copies_of_one_file_the_first_is_taken_and_the_second_named_its_copy(check, book, county, township,
                                                                                   policy):
    # (review R48) both were refused, and the township imported nothing, though the bytes leave no doubt
    again = book_from_submission(county[township], policy)  # the same bytes, downloaded twice
    result = check(book, again, names=[f"{township}_2022Q3.xlsx", f"{township}_2022Q3(1).xlsx"])
    assert [where(f.errors) for f in result.files] == [[], [(None, None, None, "duplicate-copy")]]
    (said,) = result.files[1].errors
    assert "完全相同" in said.message and f"{township}_2022Q3.xlsx" in said.message and "只读取" in said.hint


def test_a_copy_beside_a_file_of_other_data_is_a_copy_and_the_choice_is_between_the_two_different_files(
        check, book, county, township, policy):
    # (review R136) the copy was offered as a third file to choose from
    again = book_from_submission(county[township], policy)  # downloaded twice
    other = book_from_submission(county[township], policy)
    other.sheets["scores"][0][2] = 91  # and a version of other figures
    names = [f"{township}_2022Q3.xlsx", f"{township}_2022Q3(1).xlsx", f"{township}_2022Q3_更正.xlsx"]
    result = check(book, again, other, names=names)
    assert [[d.code for d in f.errors] for f in result.files] == [
        ["duplicate-submission"], ["duplicate-copy"], ["duplicate-submission"]]
    first, copy, corrected = (f.errors[0] for f in result.files)
    assert names[2] in first.message and names[1] not in first.message
    assert names[0] in corrected.message and names[1] not in corrected.message
    assert names[0] in copy.message


def test_validate_refuses_person_already_imported_from_another_township(check, book, county, township):
    other = _other_township(county, township)
    pid = book.sheets["roster"][3][2]
    result = check(book, existing={pid: (other, f"{other}_2022Q3.xlsx")})
    assert where(result.errors) == [(ROSTER, 5, "C", "already-imported")]
    assert other in result.errors[0].message
    assert f"如此人已调入本乡镇，请把{other}删去此人后的更正报送表与本文件一起导入" in result.errors[0].hint


def test_a_person_already_imported_in_a_file_named_for_a_later_quarter_is_told_to_mend_the_quarter_first(
        check, book, county, township):
    # (review R108) 基本信息 says 2022Q3 in the township's Q4 file: a cadre who moved in Q4 was
    # told to get the other township to delete them, the one cell to mend being the quarter
    other = _other_township(county, township)
    pid = book.sheets["roster"][3][2]
    result = check(book, existing={pid: (other, f"{other}_2022Q3.xlsx")}, names=[f"{township}_2022Q4.xlsx"])
    (said,) = [d for d in result.errors if d.code == "already-imported"]
    assert "请先把基本信息的考核季度改为 2022Q4，此人这一行就不用改" in said.hint
    assert f"如确是 2022Q3 的表：如此人已调入本乡镇，请把{other}删去此人" in said.hint
    # named for its own quarter: the hint as before
    plain = check(book, existing={pid: (other, f"{other}_2022Q3.xlsx")}, names=[f"{township}_2022Q3.xlsx"])
    assert "考核季度" not in next(d for d in plain.errors if d.code == "already-imported").hint


def test_person_already_imported_from_the_same_township_is_a_new_version_not_a_problem(check, book, township):
    pid = book.sheets["roster"][3][2]
    assert check(book, existing={pid: (township, "旧版本.xlsx")}).valid


def test_ids_in_messages_are_masked(check, book, county, township):
    other = _other_township(county, township)
    pid = book.sheets["roster"][3][2]
    (d,) = check(book, existing={pid: (other, "x.xlsx")}).errors
    assert pid not in d.message and pid[:4] + "**********" + pid[-4:] in d.message


def test_a_person_who_left_a_township_in_its_new_file_of_the_same_run_may_join_another():
    from xingxian_cli.domain.intake import FileRoster, cross_file_problems

    existing = {"p1": ("甲镇", "甲镇_旧.xlsx"), "p2": ("甲镇", "甲镇_旧.xlsx")}
    left = FileRoster("甲镇_更正.xlsx", "甲镇", [("p2", "村干部名册", 2)])
    joined = FileRoster("乙镇.xlsx", "乙镇", [("p1", "村干部名册", 7)])
    assert cross_file_problems([left, joined], existing) == []
    # Two new files of 甲镇 are both refused: the store keeps p1 in 甲镇, so 乙镇's is refused too.
    again = FileRoster("甲镇_更正2.xlsx", "甲镇", [("p2", "村干部名册", 2), ("p3", "村干部名册", 3)])
    found = {(d.file, d.code) for d in cross_file_problems([left, again, joined], existing)}
    assert found == {("甲镇_更正.xlsx", "duplicate-submission"), ("甲镇_更正2.xlsx", "duplicate-submission"),
                     ("乙镇.xlsx", "already-imported")}
    # 甲镇's new file still listing p1 keeps them there.
    kept = FileRoster("甲镇_更正.xlsx", "甲镇", [("p1", "村干部名册", 2)])
    assert {(d.file, d.code) for d in cross_file_problems([kept, joined], existing)} == {
        ("甲镇_更正.xlsx", "person-in-two-townships"), ("乙镇.xlsx", "person-in-two-townships"),
        ("乙镇.xlsx", "already-imported")}


def test_a_file_refused_for_taking_a_person_refuses_the_move_it_made_room_for():
    from xingxian_cli.domain.intake import FileRoster, cross_file_problems

    # 乙镇 lets p2 go to 丙镇 but takes p1, whom 甲镇 (not sent again) still lists: 乙镇's file is
    # refused, so p2 stays in 乙镇 and 丙镇's file is refused too.
    existing = {"p1": ("甲镇", "甲镇.xlsx"), "p2": ("乙镇", "乙镇.xlsx")}
    second = FileRoster("乙镇_更正.xlsx", "乙镇", [("p1", "村干部名册", 4)])
    third = FileRoster("丙镇.xlsx", "丙镇", [("p2", "村干部名册", 5)])
    found = {(d.file, d.code) for d in cross_file_problems([second, third], existing)}
    assert found == {("乙镇_更正.xlsx", "already-imported"), ("丙镇.xlsx", "already-imported")}
