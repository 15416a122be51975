"""Cell values the way townships type them: dates, numbers and IDs."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from intake_helpers import TODAY

from xingxian_cli.domain.intake_cells import cell_date, cell_decimal, cell_id, cell_text

MARCH_1 = date(2015, 3, 1)


@pytest.mark.parametrize(
    "value",
    [
        MARCH_1, datetime(2015, 3, 1, 8, 30), "2015-03-01", "2015-3-1", "2015/3/1", "2015/03/01", "2015.3.1",
        "2015.3", "2015.03", "2015年3月", "2015年03月", "2015年3月1日", "2015年3月1号", "201503", "20150301",
        "２０１５年３月", " 2015-03-01 ", "2015-03-01 00:00:00", "2015/3/1 0:00", 42064, 42064.0, 42064.75,
        20150301, 201503, "2015-3", 2015.3, 2015.03,  # 2015.3 typed into a General cell is kept as a number
        "2015年3月份", "2015.03.01.", "2015/3/1 星期日", "2015年3月1日 周日", "2015。3。1", "2015,3,1", "2015、3",
        "2015-03-01（周日）", "42064",  # the weekday in brackets; a date's serial kept as text
        "2015\u201003\u201001", "2015\u201303\u201301", "2015\u221203\u221201",  # dashes that look like hyphens
        "2015\u201503\u201501", "2015——03——01",  # GBK's 破折号, and a Chinese input method's doubled dash
        "2015年3月1日", "2015年三月", "二〇一五年三月一日", "2015年三月一号",  # Chinese numerals (review R86)
    ],
)
def test_every_date_form_reads_as_the_first_of_march(value):
    assert cell_date(value) == MARCH_1


@pytest.mark.parametrize(
    "value", ["2015", 2015, "2015-13-01", "2015-02-30", "明年三月", "3/1/2015", True, time(8, 0), "", "1800-01-01",
              float("nan"), 5, "20151301", 2015.13, 2015.123, 2015.0, "2015年十三月", "2015年二月三十日"],
)
def test_what_is_not_a_date_is_not_guessed(value):
    assert cell_date(value) is None


def test_a_year_and_month_kept_as_a_number_reads_unless_it_lost_its_month():
    from xingxian_cli.domain.intake_cells import month_lost_by_number

    assert [cell_date(v) for v in (2015.11, 2015.12, 2015.01)] == [date(2015, 11, 1), date(2015, 12, 1), date(2015, 1, 1)]
    # "2015.10" and "2015.1" are one number: neither month is guessed
    assert cell_date(2015.1) is None and month_lost_by_number(2015.1)
    assert not month_lost_by_number(2015.3) and not month_lost_by_number("2015.1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(95, "95"), (95.5, "95.5"), (86.06, "86.06"), ("95", "95"), ("９５．５", "95.5"), (" 90分", "90"),
     ("1,234.5", "1234.5"), ("-3", "-3"), ("1 250", "1250"), ("1,000,000", "1000000"), ("95 分", "95"),
     ("95，", "95"), ("88.5。", "88.5"), ("95分，", "95"), ("+90", "90"), ("95.", "95"), (".5", "0.5")],
)
def test_numbers_are_read_exactly(value, expected):
    assert cell_decimal(value, ("分",)) == Decimal(expected)


@pytest.mark.parametrize("value", ["优", "NaN", "Infinity", float("inf"), True, "", "#N/A", "=A1+1", date(2022, 1, 1),
                                   "12,5", "12，5", "9 5", "1,2345", "12,50",
                                   # review R115: what Python's Decimal takes, no clerk types
                                   "1e2", "1E+2", "١٠٠", "1_000", "0x10"])
def test_what_is_not_a_number_is_refused(value):
    assert cell_decimal(value) is None


def test_id_with_lower_case_x_and_spaces_is_normalised():
    assert cell_id(" 14232519660705144x ", TODAY) == ("14232519660705144X", None)


@pytest.mark.parametrize("x", ["\u00d7", "\u03a7", "\u0425", "\u0445"])  # ×, Greek Χ, Cyrillic Х and х
def test_an_id_ending_in_a_character_that_looks_like_x_is_read_with_x(x):
    assert cell_id("14232519660705144" + x, TODAY) == ("14232519660705144X", None)


@pytest.mark.parametrize(("written", "pos", "char"), [("1423251966O705144X", 11, "O"), ("14232519660705144Y", 18, "Y"),
                                                     ("1423251966０7051４4X", None, None)])
def test_an_id_with_a_letter_for_a_digit_names_its_place_and_character(written, pos, char):
    _text, problem = cell_id(written, TODAY)
    if pos is None:  # full-width digits are digits
        assert problem is None
    else:
        assert problem == ("id-bad-char", {"pos": pos, "char": char})


def test_id_in_full_width_digits_is_normalised():
    full = "１４２３２５１９６６０７０５１４４Ｘ"
    assert cell_id(full, TODAY) == ("14232519660705144X", None)


def test_id_written_in_parts_with_dashes_is_read_and_a_dashed_wrong_length_still_refused():
    assert cell_id("141123-19700916-2326", TODAY) == ("141123197009162326", None)
    assert cell_id("142325-19660705-144x", TODAY) == ("14232519660705144X", None)
    assert cell_id("141123-1970091-2326", TODAY)[1][0] == "id-invalid-length"


def test_id_with_a_zero_width_space_pasted_inside_is_read():
    assert cell_id("141123197\u200b009162326", TODAY) == ("141123197009162326", None)


def test_id_with_apostrophe_prefix_is_accepted():
    assert cell_id("'141123197009162326", TODAY) == ("141123197009162326", None)


@pytest.mark.parametrize(("written", "read"), [
    ("'84", Decimal(84)), ("‘92.5", Decimal("92.5")), ("＇34.96", Decimal("34.96")),  # Excel's text mark, pasted in
])
def test_a_number_pasted_with_excels_text_mark_is_read_as_the_number(written, read):
    assert cell_decimal(written) == read


def test_a_date_pasted_with_excels_text_mark_is_read_as_the_date():
    assert cell_date("'2013-09-01") == date(2013, 9, 1) and cell_date("’2015.3") == date(2015, 3, 1)


def test_a_serial_of_a_date_before_1970_is_still_a_date():
    assert cell_date(25000) == cell_date("25000") == date(1968, 6, 11)  # a start in a General cell


@pytest.mark.parametrize("typed", ["20227", "20153", 20227, 20153.0])
def test_a_year_and_month_typed_without_a_dot_is_not_read_as_a_1955_serial(typed):
    assert cell_date(typed) is None


def test_an_old_15_digit_id_stored_as_a_number_is_told_as_the_old_15_digit_id_not_as_rounded():
    text, problem = cell_id(141123800101021.0, TODAY)
    assert text == "141123800101021" and problem is not None and problem[0] == "id-old-15"


def test_an_old_15_digit_id_and_two_ids_in_one_cell_are_said_as_such():
    assert cell_id("141123800101021", TODAY)[1][0] == "id-old-15"
    assert cell_id("141123197009162326、14232519660705144X", TODAY)[1][0] == "id-two-in-cell"
    assert cell_id("1411231970091623261", TODAY)[1][0] == "id-invalid-length"  # one digit too many: no two IDs


def test_a_rounded_id_is_shown_with_the_digits_excel_shows():
    # not 141123197009162000's binary float, 141123197009161984
    assert cell_id(1.41123197009162e17, TODAY)[0] == "141123197009162000"


@pytest.mark.parametrize("value", [141123197009162326, 1.41123197009162e17, "1.41123E+17"])
def test_id_turned_into_a_number_is_reported_rounded(value):
    _text, problem = cell_id(value, TODAY)
    assert problem is not None and problem[0] == "id-number-rounded"


@pytest.mark.parametrize(
    ("value", "code"),
    [("14112319700916232", "id-invalid-length"), ("14112319700916232A", "id-bad-char"),
     ("141123197009162325", "id-checksum"), ("١٤١١٢٣١٩٧٠٠٩١٦٢٣٢٦", "id-bad-char"), (True, "id-invalid-format"),
     # (review R62) born 30 February, and so a check digit that cannot agree: the date is the mistake
     ("141123197002302326", "id-birth-date")],
)
def test_bad_ids_name_their_problem(value, code):
    _text, problem = cell_id(value, TODAY)
    assert problem is not None and problem[0] == code


def test_cell_text_shows_numbers_as_excel_does():
    assert [cell_text(v) for v in (13912345678.0, 85.5, " 张三 ", "", None, date(2022, 1, 2))] == [
        "13912345678", "85.5", "张三", None, None, "2022-01-02"]


@pytest.mark.parametrize(("days", "read"), [(41548, date(2013, 10, 1)), (201503, date(2015, 3, 1)),
                                            (2015.3, date(2015, 3, 1)), (201367, None), (2015.1, None)])
def test_a_date_cell_in_an_elapsed_time_format_is_read_as_its_date_or_as_the_number_typed(days, read):
    from datetime import timedelta

    from xingxian_cli.domain.intake_cells import month_lost_by_number

    assert cell_date(timedelta(days=days)) == read
    assert month_lost_by_number(timedelta(days=days)) == (days == 2015.1)


def test_yuanyue_is_january():
    assert cell_date("1997年元月") == date(1997, 1, 1) and cell_date("2023年元月6日") == date(2023, 1, 6)


@pytest.mark.parametrize(("written", "units", "read"), [("90（良好）", ("分",), "90"), ("9.13（万元）", ("万元", "万"), "9.13"),
                                                       ("6.95万（含光伏收益）", ("万元", "万"), "6.95"),
                                                       ("12（亿）", ("万元", "万"), None), ("85（满分100）", ("分",), None),
                                                       ("90（扣分前）", ("分",), None), ("9.13（亏损）", ("万元", "万"), None),
                                                       ("90（百分制）", ("分",), "90")])
def test_a_number_with_a_note_of_words_after_it_is_the_number_but_not_with_another_unit(written, units, read):
    got = cell_decimal(written, units)
    assert (None if got is None else str(got)) == read
