"""Every star and yuan is explained: which rule fired, in Chinese, from which cell."""

from __future__ import annotations

from datetime import date

import pytest

from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.scoring import score_cadres
from xingxian_cli.messages.scoring import RULE_TITLES, STATUS


def test_each_rule_hit_cites_the_cell_it_came_from(policy, make):
    cadre = make.cadre(start=date(2012, 9, 30))
    row = make.scores("P1", (95, 80, 80, 80, 80, 80), policy)
    honour = make.honour(on=date(2021, 3, 1), title="优秀党务工作者")
    event = make.deduction(measure="负面情形", situation="越级上访", on=date(2022, 4, 2))
    (r,) = score_cadres(policy, Quarter(2022, 3), [cadre], {"P1": row}, [honour], [event], {})
    cells = {h.rule: h.source for h in r.rules}
    assert cells == {
        "tenure": str(cadre.source),
        "achievement": str(honour.source),
        "system": str(row.source),
        "deduction": str(event.source),
        "base-cap": None,  # 3 tenure + 1 achievement, capped: a policy rule, no cell
        "stars": None,
        "pay": str(cadre.source),
    }
    assert str(cadre.source) == f"蔚汾镇_2022Q3.xlsx › 村干部名册 › 第{cadre.source.row}行"


def test_a_whole_score_reads_as_the_clerk_typed_it_whether_the_cell_held_a_number_or_text(policy, make):
    # Excel keeps a 95 typed into a number cell as 95.0; WPS users often leave it as text "95"
    cadre = make.cadre(start=date(2012, 9, 30))
    texts = []
    for values in ((95.0, 92.0, 90.5, 80, 80, 80), ("95", "92", "90.50", "80", "80", "80")):
        (r,) = score_cadres(policy, Quarter(2022, 3), [cadre], {"P1": make.scores("P1", values, policy)}, [], [], {})
        texts.append(next(h.text for h in r.rules if h.rule == "system"))
    assert "党建引领 95、集体经济 92" in texts[0] and "党建引领 95、集体经济 92" in texts[1]
    assert "95.0" not in texts[0] and "网格治理 90.5）" in texts[0] and "网格治理 90.50）" in texts[1]  # as written


def test_explanations_state_the_numbers_in_chinese(policy, make):
    cadre = make.cadre(start=date(2012, 9, 30))
    honour = make.honour(on=date(2021, 3, 1), title="优秀党务工作者")
    event = make.deduction(measure="负面情形", situation="越级上访", on=date(2022, 4, 2))
    r = make.one(
        policy,
        "2022Q3",
        cadre,
        honours=[honour],
        deductions=[event],
        default_scores=(95, 80, 80, 80, 80, 80),
    )
    text = {h.rule: h.text for h in r.rules}
    assert "满 10 年" in text["tenure"] and "3 星" in text["tenure"]
    assert "县级荣誉“优秀党务工作者”（2021-03-01）" in text["achievement"]
    assert "党建引领 95" in text["system"] and "82.50" in text["system"]
    assert (
        "负面情形“越级上访”（2022-04-02）" in text["deduction"] and "降 1 星" in text["deduction"]
    )
    assert text["stars"] == "最终星级 = 基础 3 + 加星 1 − 降星 1 = 3 星"
    assert "8,280 元" in text["pay"]  # amounts written as the headline writes them


def test_facts_that_do_not_count_are_still_explained(policy, make):
    cadre = make.cadre(start=date(2015, 1, 1))
    r = make.one(
        policy,
        "2022Q3",
        cadre,
        honours=[make.honour(on=date(2018, 1, 1)), make.honour(on=date(2023, 1, 1), title="后来")],
        deductions=[make.deduction(on=date(2020, 1, 1))],
    )
    texts = [(h.rule, h.delta, h.text) for h in r.rules if h.rule in ("achievement", "deduction")]
    assert [(rule, delta) for rule, delta, _t in texts] == [
        ("achievement", 0),
        ("achievement", 0),
        ("deduction", 0),
    ]
    assert "不在考核期末前 36 个月内" in texts[0][2]
    assert "晚于考核期末" in texts[1][2]
    assert "不在考核期末前 12 个月内" in texts[2][2]


def test_unrated_and_vetoed_cadres_are_explained(policy, make):
    new = make.cadre("N", start=date(2022, 1, 1))
    bad = make.cadre("B", start=date(2010, 1, 1))
    veto = make.deduction("B", measure="违纪违法", outcome="开除党籍", on=date(2022, 7, 1))
    results = {r.person_id: r for r in make.score(policy, "2022Q3", [new, bad], deductions=[veto])}
    unrated = [h.text for h in results["N"].rules if h.rule == "unrated"]
    assert unrated and "未定星" in unrated[0]
    vetoed = [h for h in results["B"].rules if h.rule == "veto"]
    assert "一票否决" in vetoed[0].text and vetoed[0].source == str(veto.source)
    assert results["B"].veto_reason.startswith("违纪违法：开除党籍（2022-07-01）")


def test_every_rule_code_and_status_has_a_chinese_title(policy, make):
    cadres = [
        make.cadre("A", start=date(2000, 1, 1), position="书记"),
        make.cadre("B", start=date(2022, 6, 1), position="主任"),
        make.cadre("C", start=date(2021, 1, 1), position="书记兼主任"),
    ]
    results = make.score(
        policy,
        "2022Q4",
        cadres,
        scores={"A": (99, 99, 99, 99, 99, 99)},
        honours=[make.honour("A")],
        deductions=[
            make.deduction("C", measure="违纪违法", outcome="严重警告"),
            make.deduction("B", measure="违纪违法", outcome="留党察看", doc_no="x"),
        ],
        economy=make.economy("10", "20"),
    )
    rules = {h.rule for r in results for h in r.rules}
    assert rules >= {"tenure", "achievement", "base-cap", "system", "system-cap", "deduction"}
    assert rules >= {"veto", "clamp", "pay", "bonus"}
    assert rules <= set(RULE_TITLES)
    assert {r.status for r in results} <= set(STATUS)


@pytest.mark.parametrize("written", ["141123196301195956", "１４１１２３１９６３０１１９５９５６", "141123 19630119 5956",
                                     "141123-19630119-5956", "14112319630119\u00a05956", "141123－19630119－5956",
                                     "141123.19630119.5956", "141123\t19630119\t5956", "141123 1963 0119 5956",
                                     "1411 2319 6301 1959 56", "2022.05.31 141123 19630119 5956",
                                     "0001 141123 19630119 5956", "141123\n196301195956", "141123–19630119–5956",
                                     "141123196301195956Tel", "141123／19630119／5956", "141123\u201119630119\u20115956",
                                     "141123 —— 19630119 —— 5956"],
                         ids=["plain", "full-width", "spaced", "hyphens", "nbsp", "full-width-hyphens", "dots", "tabs",
                              "6-4-4-4", "fours", "after-a-date", "after-four-digits", "alt-enter", "en-dashes",
                              "letters-after", "full-width-slashes", "non-breaking-hyphens", "spaced-dashes"])
def test_an_id_written_in_a_deductions_free_text_is_masked_in_its_explanation(policy, make, written):
    event = make.deduction(measure="违纪违法", outcome="开除党籍", situation=f"信访人{written}反映问题")
    r = make.one(policy, "2022Q3", make.cadre(), deductions=[event])
    texts = [h.text for h in r.rules] + [r.veto_reason]
    assert not any(written in t or "19630119" in t or "196301195956" in t for t in texts)
    assert any("1411**********5956" in t for t in texts)


@pytest.mark.parametrize("written", ["6222 0212 3456 7890 12", "0351-62345678-123456", "141123100201-000001",
                                     "兴纪发〔2022〕9号", "20220101-20221231", "14112319630119",
                                     "6222 0212 3456 7890 123", "1688853000000000", "0351-6234567",
                                     "2138 0013 8000", "1380013800",
                                     "兴办通〔2022〕1411231000000187号", "999999999999999"])
def test_numbers_that_are_not_ids_are_left_as_written_in_free_text(written):
    from xingxian_cli.domain.ids import mask_private_in

    assert mask_private_in(f"备注：{written}。") == f"备注：{written}。"


@pytest.mark.parametrize("written", ["141123630119595", "14112319630119595", "1411231963011959561",
                                     "１４１１２３６３０１１９５９５", "14112198405168310", "1411233198405168310"],
                         ids=["15-digit-id", "17", "19", "15-full-width", "17-slip-in-area", "19-slip-in-date"])
def test_a_number_of_15_to_19_digits_written_whole_in_free_text_is_masked(written):
    # (review R141) an ID of 15 digits (before 1999), one typed a digit short or long, a bank
    # card: each printed in full in 情形 on --explain, the JSON and the report
    from xingxian_cli.domain.ids import mask_private_in

    shown = mask_private_in(f"原身份证{written}作废")
    assert shown == f"原身份证{written[:4]}{'*' * (len(written) - 8)}{written[-4:]}作废"


@pytest.mark.parametrize("written", ["13800138000", "138 0013 8000", "138-0013-8000", "+86 13800138000", "１３８００１３８０００"])
def test_a_mobile_number_written_in_a_deductions_free_text_is_masked_as_the_phone_column_is(policy, make, written):
    # (review R141) the cadre's or a petitioner's mobile typed into 情形 or 说明 was shown in full
    event = make.deduction(measure="违纪违法", outcome="开除党籍", situation=f"信访人电话{written}，已核实")
    r = make.one(policy, "2022Q3", make.cadre(), deductions=[event])
    texts = [h.text for h in r.rules] + [r.veto_reason]
    shown = [t for t in texts if "信访人电话" in t]
    assert shown and not any("0013" in t or "００１３" in t for t in shown)
    assert all("****" in t and ("8000" in t or "８０００" in t) for t in shown)


@pytest.mark.parametrize(("written", "shown"), [("+8613912345678", "+86139****5678"), ("008613800138000", "0086138****8000"),
                                               ("+86 138-0013-8000", "+86 138-****-8000"), ("14112310020", "14112310020"),
                                               ("14512345678", "145****5678"), ("＋8613912345678", "＋86139****5678"),
                                               ("＋８６１３９１２３４５６７８", "＋８６１３９****５６７８")])
def test_a_mobile_after_its_country_code_is_masked_and_a_region_code_a_digit_short_is_not(written, shown):
    # (review R151) +8613912345678 was shown in full; 14112310020, a 区划代码 typed short, was masked
    from xingxian_cli.domain.ids import mask_private_in

    assert mask_private_in(f"电话{written}。") == f"电话{shown}。"
