"""``xx score`` shows an unchanged quarter from its stored run, and scores afresh as soon as
anything the result follows from changes."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from xingxian_cli.domain.period import Quarter
from xingxian_cli.services import scoring
from xingxian_cli.services.context import open_context
from xingxian_cli.services.scoring import ranked_table, score_quarter, score_table

Q4 = Quarter(2022, 4)


def _fresh(ctx, quarter: Quarter, township: str | None = None):
    return ranked_table(score_quarter(ctx, quarter, store=False), township=township, limit=0)


def _same(got, want) -> None:
    assert got.rows == want.rows
    assert (got.summary, got.missing) == (want.summary, want.missing)


def _no_scoring(*_a, **_k):
    raise AssertionError("scored again although nothing changed")


def test_an_unchanged_quarter_is_shown_from_its_stored_run_exactly_as_a_fresh_score(copy_ws, monkeypatch):
    with open_context(copy_ws) as ctx:
        fresh = score_quarter(ctx, Q4, store=False)
        wanted = {t: ranked_table(fresh, township=t, limit=0) for t in (None, *ctx.registry.townships)}
        monkeypatch.setattr(scoring, "score_quarter", _no_scoring)
        for township, want in wanted.items():
            got = score_table(ctx, Q4, township=township, limit=0)
            assert got.unchanged and got.stored
            _same(got, want)
        top = score_table(ctx, Q4, township=None, limit=7)
    assert top.rows == wanted[None].rows[:7] and top.summary == wanted[None].summary
    assert any(r.change_kind for r in wanted[None].rows)  # Q4's list carries its changes against Q3


def test_the_table_is_the_same_from_the_stored_run_and_from_a_fresh_score(xx, copy_ws):
    # The whole of one township's list, as printed: 蔚汾镇's has rated, unrated and vetoed cadres
    # and every kind of change but one. The county's whole list, stored and fresh, is compared
    # row by row above (every township and the county, limit 0); printing 1,534 rows twice
    # here took seconds of CI time (rich measuring each cell) to show the same.
    first = xx("-w", copy_ws, "score", "-q", "2022Q4", "--limit", "0", "--township", "蔚汾镇")
    with open_context(copy_ws) as ctx:
        ctx.store.save_score_run("2022Q4", ctx.policy.version, "0" * 64, [], {})  # the stored list no longer fits
    again = xx("-w", copy_ws, "score", "-q", "2022Q4", "--limit", "0", "--township", "蔚汾镇")
    assert first.code == again.code == 0
    assert "结果未变" in first.out and "结果已保存" in again.out
    listed = first.out[:first.out.index("人：定星")]  # the rows this covers, above the sums
    assert all(s in listed for s in ("未定星", "取消评星", "首次定星", "↑", "↓"))
    assert first.out.splitlines()[:-1] == again.out.splitlines()[:-1]


def test_a_policy_change_keeps_a_stored_quarter_until_the_officer_rescores_it(xx, copy_ws):
    doc = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)["summary"]
    old_total = Decimal(str(doc["total_pay"])) + Decimal(str(doc["total_bonus"]))
    before = Decimal(str(doc["total_pay"]))  # score_pay's figure, from the same document
    policy = copy_ws / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    assert "书记兼主任: 42000" in text
    policy.write_text(text.replace("书记兼主任: 42000", "书记兼主任: 48000"), encoding="utf-8")
    # a paid quarter stays as paid, and the officer is told which policy it follows and how to rescore
    kept = xx("-w", copy_ws, "score", "-q", "2022Q4")
    assert kept.code == 0 and "结果未变" in kept.out and score_pay(xx, copy_ws) == before
    note = kept.err.replace("\n", "")
    assert "版本号相同但内容已改动" in note and "xx score --quarter 2022Q4 --rescore" in note
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--rescore")
    assert r.code == 0 and "结果已保存" in r.out and "--rescore" not in r.err.replace("\n", "")
    assert score_pay(xx, copy_ws) > before
    # an officer who paid by the stored result hears that the figures moved, once
    said = r.err.replace("\n", "")
    assert "全县的结果与" in said and f"发放合计 {old_total:,} →" in said
    # and whose: every 书记兼主任 is paid more (named up to ten, the rest counted)
    n = sum(1 for c in json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)["cadres"]
            if c["position"] == "书记兼主任")
    assert f"其中星级或报酬有变化的 {n} 人" in said and f"另有 {n - 10} 人" in said
    import re

    assert len(re.findall(r"（\S+ \S+）(?:\d★|未定星|取消评星) [\d,]+ 元 → (?:\d★|未定星|取消评星) [\d,]+ 元", said)) == 10
    after = xx("-w", copy_ws, "score", "-q", "2022Q4")  # now bound to the policy it was rescored by
    assert "全县的结果与" not in after.err and "--rescore" not in after.err.replace("\n", "")


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
@pytest.mark.parametrize("ask", [("-f", "json"), ("--explain", "张满仓", "-t", "蔚汾镇")], ids=["json", "explain"])
def test_the_json_or_explain_that_first_scores_a_changed_quarter_also_says_the_figures_moved(xx, copy_ws, ask):
    policy = copy_ws / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("书记兼主任: 42000", "书记兼主任: 48000"),
                      encoding="utf-8")
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--rescore", *ask)
    assert r.code == 0, r
    said = r.err.replace("\n", "")
    assert "全县的结果与" in said and "核对差额" in said
    if ask[0] == "-f":
        json.loads(r.out)  # stdout stays one JSON document
    assert "全县的结果与" not in xx("-w", copy_ws, "score", "-q", "2022Q4").err  # said once
    with open_context(copy_ws) as ctx:
        _same(score_table(ctx, Q4, township=None, limit=0), _fresh(ctx, Q4))


def score_pay(xx, ws) -> Decimal:
    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "-f", "json").out)
    return Decimal(str(doc["summary"]["total_pay"]))


@pytest.mark.parametrize("quarter", ["2022Q3", "2022Q4"])
def test_a_new_version_of_a_township_this_quarter_or_before_scores_afresh(xx, copy_ws, tmp_path, policy, registry,
                                                                          quarter):
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    xx("-w", copy_ws, "score", "-q", "2022Q4")
    sub = generate_county(policy, registry, Quarter.parse(quarter), seed=2022)["蔚汾镇"]
    first = sub.scores[0]
    sub.scores[0] = dataclasses.replace(first, scores={k: Decimal(100) for k in first.scores})
    for d in sub.deductions:  # history: a deduction reported in Q3 still counts in Q4
        d.person_id, d.name = first.person_id, first.name
    f = write_book(book_from_submission(sub, policy), tmp_path / f"蔚汾镇_{quarter}_更正.xlsx", policy=policy,
                   registry=registry)
    assert xx("-w", copy_ws, "import", f, "--quarter", quarter).code == 0
    with open_context(copy_ws) as ctx:
        got = score_table(ctx, Q4, township="蔚汾镇", limit=0)
        assert not got.unchanged
        _same(got, _fresh(ctx, Q4, "蔚汾镇"))


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_star_changes_compare_with_the_previous_quarter_with_data_scored_or_not(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    for q in ("2022Q3", "2022Q4"):
        assert xx("-w", ws, "import", sample_dir / q, "--quarter", q).code == 0
    assert xx("-w", ws, "score", "-q", "2022Q4").code == 0  # 2022Q3 never scored: compared all the same
    with open_context(ws) as ctx:
        first = score_table(ctx, Q4, township=None, limit=0)
        assert any(r.change_kind in ("up", "down") for r in first.rows)
    assert xx("-w", ws, "score", "-q", "2022Q3").code == 0  # scoring it since changes nothing for 2022Q4
    with open_context(ws) as ctx:
        got = score_table(ctx, Q4, township=None, limit=0)
        assert got.unchanged and got.rows == first.rows
        _same(got, _fresh(ctx, Q4))


def test_a_change_to_the_tools_code_scores_afresh(copy_ws, monkeypatch):
    # a corrected rule need not come with a new version number
    monkeypatch.setattr(scoring, "code_fingerprint", lambda: "another build")
    with open_context(copy_ws) as ctx:
        assert not score_table(ctx, Q4, township=None, limit=5).unchanged


def test_the_code_fingerprint_follows_every_source_file_and_the_version(tmp_path, monkeypatch):
    import shutil

    import xingxian_cli

    pkg = tmp_path / "xingxian_cli"
    shutil.copytree(Path(xingxian_cli.__file__).parent, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    before = scoring.code_fingerprint.__wrapped__(pkg)
    assert scoring.code_fingerprint.__wrapped__(pkg) == before
    rule = pkg / "domain" / "scoring.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# corrected\n", encoding="utf-8")
    edited = scoring.code_fingerprint.__wrapped__(pkg)
    assert edited != before
    monkeypatch.setattr(xingxian_cli, "__version__", "9.9.9")
    assert scoring.code_fingerprint.__wrapped__(pkg) != edited


def test_an_unchanged_quarters_json_comes_from_its_stored_run_byte_for_byte_as_a_fresh_one(copy_ws, monkeypatch):
    from xingxian_cli.io.jsondoc import json_bytes
    from xingxian_cli.services.scoring import outcome_document, score_document

    with open_context(copy_ws) as ctx:
        fresh = score_quarter(ctx, Q4, store=False)
        views = [(t, unmask) for t in (None, *ctx.registry.townships[:3]) for unmask in (False, True)]
        wanted = {v: json_bytes(outcome_document(fresh, unmask=v[1], township=v[0]), indent=True) for v in views}
        monkeypatch.setattr(scoring, "score_quarter", _no_scoring)
        for (township, unmask), want in wanted.items():
            doc = score_document(ctx, Q4, township=township, unmask=unmask)
            assert doc.pop("stored") == "unchanged" and json_bytes(doc, indent=True) == want
    assert b"**********" in wanted[(None, False)] and b"**********" not in wanted[(None, True)]


def test_a_json_score_scored_afresh_shows_the_document_it_stored_as_a_fresh_one_would_be(copy_ws, monkeypatch):
    # the document built to store is the one shown (masked, per township) rather than built twice
    from xingxian_cli.io.jsondoc import json_bytes
    from xingxian_cli.services.scoring import outcome_document, score_document

    with open_context(copy_ws) as ctx:
        fresh = score_quarter(ctx, Q4, store=False)
        views = [(None, False), (ctx.registry.townships[1], True)]  # masked and whole; one township's, unmasked
        wanted = {v: json_bytes(outcome_document(fresh, unmask=v[1], township=v[0]), indent=True) for v in views}
        built = []
        monkeypatch.setattr(scoring, "outcome_document", lambda o, **k: built.append(k) or outcome_document(o, **k))
        monkeypatch.setattr(ctx.store, "stored_result", lambda *_a: None)  # as after an import: scored afresh
        monkeypatch.setattr(ctx.store, "latest_score_run", lambda *_a, **_k: None)  # … and stored
        for (township, unmask), want in wanted.items():
            doc = score_document(ctx, Q4, township=township, unmask=unmask)
            assert doc.pop("stored") == "stored" and json_bytes(doc, indent=True) == want
    assert built == [{"unmask": True}] * len(views)  # once each: the stored one, nothing more


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_json_score_after_a_change_is_scored_afresh_and_stored(xx, copy_ws):
    stored = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
    policy = copy_ws / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("书记兼主任: 42000", "书记兼主任: 48000"),
                      encoding="utf-8")
    kept = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
    assert stored.pop("stored") in ("stored", "unchanged") and kept.pop("stored") == "unchanged"
    assert kept["workspace_policy"] and kept | {"workspace_policy": None} == stored  # as stored, and says so
    first = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json", "--rescore").out)
    again = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
    assert (first.pop("stored"), again.pop("stored")) == ("stored", "unchanged")
    assert first == again and first["inputs_hash"] != "" and first["summary"]["total_pay"] > stored["summary"]["total_pay"]
    assert again["workspace_policy"] is None
    with open_context(copy_ws) as ctx:
        assert ctx.store.stored_result("2022Q4", first["inputs_hash"]) is not None


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_an_explanation_from_the_stored_run_is_the_one_scoring_afresh_gives(copy_ws, monkeypatch):
    from xingxian_cli.domain.ids import mask_id
    from xingxian_cli.services.scoring import explain_cadre

    with open_context(copy_ws) as ctx:
        assert ctx.store.stored_result("2022Q4", scoring._current_inputs_hash(ctx, Q4)[0]) is not None
        outcome = score_quarter(ctx, Q4, store=False)
        cadres = outcome.cadres
        # a few of each kind make the point (each explanation read from the stored run costs a
        # query and a decode of the run): the top ones, the unrated, the vetoed, those with a bonus
        picked = (cadres[:3] + [c for c in cadres if c.status == "unrated"][:2]
                  + [c for c in cadres if c.status == "vetoed"][:1] + [c for c in cadres if c.bonus][:2])
        assert {c.status for c in picked} == {"rated", "unrated", "vetoed"}
        asks = [(c.person_id, unmask) for c in picked for unmask in (False, True)] + [(mask_id(c.person_id), False) for c in picked[:3]]
        stored = {a: explain_cadre(ctx, Q4, a[0], unmask=a[1]) for a in asks}
        monkeypatch.setattr(ctx.store, "stored_result", lambda *_a: None)  # as if nothing were stored
        monkeypatch.setattr(scoring, "score_quarter", lambda *_a, **_k: outcome)  # scored once, not per question
        fresh = {a: explain_cadre(ctx, Q4, a[0], unmask=a[1]) for a in asks}
        assert explain_cadre(ctx, Q4, "141123190001010000", unmask=False).cadre is None
    assert stored == fresh
    assert all(e.cadre is not None and e.cadre["rules"] for e in stored.values())
    assert str(stored[(picked[0].person_id, False)].composite) == str(picked[0].composite)  # 90.00, not 90


def test_explain_names_a_cadre_by_a_masked_id_from_the_stored_run(xx, copy_ws):
    doc = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
    first = doc["cadres"][0]
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--explain", first["id"])
    assert r.code == 0 and first["name"] in r.out and first["id"] in r.out and "来源" in r.out
    assert xx("-w", copy_ws, "score", "-q", "2022Q4", "--explain", "141123190001010000").code == 2


def _expected_changes(ctx) -> dict:
    """Q4's changes computed straight from both quarters' facts, nothing stored used."""
    from xingxian_cli.domain.scoring import changes, score_cadres

    def scored(q: Quarter):
        return score_cadres(ctx.policy, q, *scoring._facts_args(ctx.store.quarter_facts(str(q))))

    return changes(scored(Q4), scored(Quarter(2022, 3)))


def _facts_read(ctx, monkeypatch) -> list[str]:
    read: list[str] = []
    original = ctx.store.quarter_facts
    monkeypatch.setattr(ctx.store, "quarter_facts", lambda q: read.append(q) or original(q))
    return read


def test_changes_take_the_previous_quarters_stars_from_its_stored_run_without_reading_its_facts(copy_ws, monkeypatch):
    with open_context(copy_ws) as ctx:
        want = _expected_changes(ctx)
        read = _facts_read(ctx, monkeypatch)
        got = score_quarter(ctx, Q4, store=False)
    assert read == ["2022Q4"]
    assert got.changes == want
    kinds = {c.kind for c in want.values()}
    assert {"new", "left", "same"} <= kinds and kinds & {"up", "down"}


def test_changes_score_the_previous_quarter_afresh_when_its_stored_run_no_longer_fits(copy_ws, monkeypatch):
    monkeypatch.setattr(scoring, "code_fingerprint", lambda: "another build")  # a corrected rule, say
    with open_context(copy_ws) as ctx:
        want = _expected_changes(ctx)
        read = _facts_read(ctx, monkeypatch)
        got = score_quarter(ctx, Q4)
    assert got.changes == want and got.stored
    assert read == ["2022Q4", "2022Q3"]  # Q3 scored afresh from its facts


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_quarter_rescored_by_a_new_policy_compares_with_the_previous_quarters_stars_as_paid(copy_ws, monkeypatch):
    from xingxian_cli.services.context import for_quarter

    with open_context(copy_ws) as ctx:
        before = score_quarter(ctx, Q4, store=False).changes
    policy = copy_ws / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    assert text.count("threshold: 90") == 1
    policy.write_text(text.replace("threshold: 90", "threshold: 80"), encoding="utf-8")  # more stars, both quarters
    with open_context(copy_ws) as ctx:
        new_rule = _expected_changes(ctx)  # Q3 too under the new rule: not what was paid for Q3
        read = _facts_read(ctx, monkeypatch)
        got = score_quarter(for_quarter(ctx, Q4, rescore=True), Q4)
        q3 = score_table(ctx, Quarter(2022, 3), township=None, limit=0)
    assert got.stored and got.policy_kept is None
    assert {p: c.before for p, c in got.changes.items()} == {p: c.before for p, c in before.items()}
    assert {p: c.before for p, c in new_rule.items()} != {p: c.before for p, c in before.items()}
    assert {p: c.after for p, c in got.changes.items()} == {p: c.after for p, c in new_rule.items()}
    assert read == ["2022Q4"]  # Q3's stars from its stored run, kept to its own policy
    assert q3.unchanged  # and Q3 itself is still shown as stored


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_correction_that_moves_only_rates_says_no_ones_pay_changed(xx, copy_ws, sample_dir, tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(sample_dir / "2022Q4" / "蔚汾镇_2022Q4.xlsx")
    sheet = book["任务进度"]
    header = next(r for r in sheet.iter_rows(max_row=10) if any(c.value == "完成状态" for c in r))
    col = next(c.column for c in header if c.value == "完成状态")
    changed = 0
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[col - 1].value in ("未启动", "推进中"):
            row[col - 1].value = "已完成"
            changed += 1
    assert changed
    fixed = tmp_path / "蔚汾镇_2022Q4.xlsx"
    book.save(fixed)
    assert xx("-w", copy_ws, "import", fixed, "-q", "2022Q4").code == 0
    r = xx("-w", copy_ws, "score", "-q", "2022Q4")
    said = r.err.replace("\n", "")
    assert r.code == 0 and "每名村干部的星级和报酬都没有变化" in said and "核对差额" not in said
    assert "蔚汾镇" in said  # its rate and rank moved, and the note names it


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_cadres_of_a_township_that_sent_late_are_said_to_be_new_to_the_result_not_off_the_roster(
        xx, tmp_path, sample_dir):
    # (review R92) they were on their roster all along: only the provisional result lacked them
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))
    late = next(f for f in files if f.name.startswith("东会乡"))
    assert xx("-w", ws, "import", *[f for f in files if f != late], "-q", "2022Q3").code == 0
    assert xx("-w", ws, "score", "-q", "2022Q3", "--allow-missing").code == 0
    assert xx("-w", ws, "import", late, "-q", "2022Q3").code == 0
    said = xx("-w", ws, "score", "-q", "2022Q3").err.replace("\n", "")
    assert "（东会乡 " in said and "（原结果中没有此人） →" in said and "不在册" not in said, said


def _warned(policy, registry, township, scored, path):
    """The sample's 2022Q3 workbook of ``township`` with a 警告 dated in the quarter added for a
    cadre with stars in ``scored`` (id -> cadre, unmasked): written to ``path``; and their name."""
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    county = generate_county(policy, registry, Quarter(2022, 3), seed=2022)
    book = book_from_submission(county[township], policy)
    pid, name = next((r[2], r[1]) for r in book.sheets["roster"] if scored.get(r[2], {}).get("stars"))
    measure, situation, outcome = next(d[2:5] for sub in county.values() for d in book_from_submission(sub, policy)
                                       .sheets["deductions"] if d[4] == "警告")
    book.sheets["deductions"].append([pid, name, measure, situation, outcome, "2022-09-01", "兴纪〔2022〕99号"])
    return write_book(book, path, policy=policy, registry=registry), name


def test_a_correction_after_a_provisional_result_is_said_against_it_by_score_and_report_that_do_not_store(
        xx, tmp_path, sample_dir, policy, registry):
    # (review R104) a provisional result (--allow-missing) may have been paid by: a plain score or
    # report, storing nothing while a township is missing, still says whose figures moved

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    # three townships sent: provisional all the same as with one missing, at a fifth of the import and scoring
    files = [sample_dir / "2022Q3" / f"{t}_2022Q3.xlsx" for t in ("蔚汾镇", "魏家滩镇", "康宁镇")]
    assert xx("-w", ws, "import", *files, "-q", "2022Q3").code == 0
    paid = {c["id"]: c for c in json.loads(xx("-w", ws, "score", "-q", "2022Q3", "--allow-missing", "-f", "json",
                                                 "--unmask").out)["cadres"]}
    fixed, name = _warned(policy, registry, "蔚汾镇", paid, tmp_path / "蔚汾镇_2022Q3.xlsx")
    dry = xx("-w", ws, "import", fixed, "-q", "2022Q3", "--dry-run").out.replace("\n", "")
    assert "注意：2022Q3 已保存了评分结果：导入后，下次运行 xx score 或 xx report 时会重新评分" in dry, dry
    r = xx("-w", ws, "import", fixed, "-q", "2022Q3")
    assert r.code == 0 and "注意：2022Q3 已保存了评分结果，它没有包括本次导入的报送" in r.out.replace("\n", ""), r
    for said in (xx("-w", ws, "score", "-q", "2022Q3").err, xx("-w", ws, "report", "-q", "2022Q3", "-o",
                                                                  tmp_path / "r.xlsx").err):
        said = said.replace("\n", "")
        assert "的不同" in said and "现在的结果未保存，数据库里仍是" in said and "请核对差额" in said, said
        assert f"{name}（蔚汾镇 " in said and "保存那次结果之后导入的报送：蔚汾镇 2022Q3 第 2 版" in said, said
    # the provisional result stays stored until the officer stores another
    again = xx("-w", ws, "score", "-q", "2022Q3", "--allow-missing").err.replace("\n", "")
    assert "现在的结果已保存；如已按旧结果发放，请核对差额" in again and f"{name}（蔚汾镇 " in again, again
    assert "的不同" not in xx("-w", ws, "score", "-q", "2022Q3").err


def test_a_correction_to_an_earlier_quarter_says_it_will_change_later_stored_results_and_they_name_it(
        xx, copy_ws, tmp_path, policy, registry):
    # (review R92) a 警告 added to 2022Q3 costs a star in 2022Q4, already scored and paid

    q4 = {c["id"]: c for c in json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json", "--unmask").out)["cadres"]}
    fixed, name = _warned(policy, registry, "东会乡", q4, tmp_path / "东会乡_2022Q3_更正.xlsx")
    dry = xx("-w", copy_ws, "import", fixed, "-q", "2022Q3", "--dry-run")  # (R93) said before it is done too
    assert dry.code == 0 and "注意：2022Q4 已保存了评分结果" in dry.out.replace("\n", "") and "导入后" in dry.out, dry
    r = xx("-w", copy_ws, "import", fixed, "-q", "2022Q3")
    assert r.code == 0 and "注意：2022Q4 已保存了评分结果" in r.out.replace("\n", ""), r
    said = xx("-w", copy_ws, "score", "-q", "2022Q4").err.replace("\n", "")
    assert "保存那次结果之后导入的报送：东会乡 2022Q3 第 2 版" in said and f"{name}（东会乡 " in said, said
