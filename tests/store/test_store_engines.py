"""The store behaves the same on SQLite and PostgreSQL: types, long text, versions, snapshots."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import inspect, select

from xingxian_cli.domain.period import Quarter
from xingxian_cli.io.store import Store, submission

Q3 = Quarter(2022, 3)


@pytest.fixture(scope="module")
def county(policy, registry):
    from xingxian_cli.sample.generator import generate_county

    return generate_county(policy, registry, Q3, seed=2022)


def _add(store: Store, sub, tag: str = "") -> tuple[int, int]:
    return store.add_submission(sub, sha256=(sub.township + tag).encode().hex()[:64].ljust(64, "0"),
                                file_name=f"{sub.township}_{sub.quarter}{tag}.xlsx",
                                archive_path=f"archive/{sub.township}{tag}.xlsx",
                                warnings=[])


@pytest.fixture
def store(db_url):
    s = Store(db_url, "141123")
    s.create_schema()
    yield s
    s.close()


def test_dates_flags_and_ids_come_back_as_they_went_in(store, county):
    first, second = list(county.values())[:2]
    id1, v1 = _add(store, first)
    id2, v2 = _add(store, second)
    assert (v1, v2) == (1, 1) and id2 > id1
    facts = store.quarter_facts(str(Q3))
    assert [m.is_current for m in facts.submissions] == [True, True]
    assert all(type(m.is_current) is bool for m in facts.submissions)
    by_id = {c.person_id: c for c in facts.cadres}
    for c in first.cadres + second.cadres:
        got = by_id[c.person_id]
        assert type(got.start_date) is date and got.start_date == c.start_date
        assert (got.name, got.village, got.position) == (c.name, c.village, c.position)
    assert {(h.person_id, h.date) for h in facts.honours} == {(h.person_id, h.date) for h in first.honours + second.honours}
    assert facts.scores[first.scores[0].person_id].scores == first.scores[0].scores  # Decimal, exact


def test_the_database_declares_real_booleans_and_dates(store):
    cols = {c["name"]: c["type"] for c in inspect(store.engine).get_columns("submission")}
    if store.dialect == "postgresql":
        assert cols["is_current"].__class__.__name__ == "BOOLEAN"
        assert cols["fill_date"].__class__.__name__ == "DATE"


def test_free_text_longer_than_any_old_column_limit_is_stored_whole(store, county):
    sub = next(iter(county.values()))
    long_name = "欧阳" * 40
    cadre = replace(sub.cadres[0], name=long_name, politics="中共党员" * 20, education="研究生" * 30)
    sub = replace(sub, filler="王" * 300, phone="0358-" + "1" * 60, cadres=[cadre, *sub.cadres[1:]])
    _add(store, sub, "_" + "很长的文件名" * 60)
    facts = store.quarter_facts(str(Q3))
    assert facts.cadres[0].name == long_name and facts.cadres[0].education == "研究生" * 30
    assert facts.submissions[0].file_name.startswith(f"{sub.township}_{sub.quarter}_很长的文件名")
    assert len(facts.submissions[0].file_name) > 255


def test_six_simultaneous_versions_of_one_township_get_versions_1_to_6(db_url, county):
    sub = next(iter(county.values()))
    Store(db_url, "141123").create_schema()
    barrier = threading.Barrier(6)
    results: list[tuple[int, int]] = []
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        s = Store(db_url, "141123")  # an engine per "officer", as in separate processes
        try:
            barrier.wait()
            results.append(_add(s, sub, f"_{i}"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert sorted(v for _, v in results) == [1, 2, 3, 4, 5, 6]
    s = Store(db_url, "141123")
    try:
        hist = s.history(str(Q3))
        assert [m.version for m in hist] == [1, 2, 3, 4, 5, 6]
        assert [m.version for m in hist if m.is_current] == [max(v for _, v in results)]
        assert len(s.quarter_facts(str(Q3)).cadres) == len(sub.cadres)
    finally:
        s.close()


def test_a_score_reading_while_an_import_commits_sees_only_the_old_data(db_url, county, monkeypatch):
    """Between the reads of ``quarter_facts`` another officer stores a new version with an
    extra honour: the reader must not mix the old roster with the new honours."""
    subs = list(county.values())
    old = subs[0]
    reader, writer = Store(db_url, "141123"), Store(db_url, "141123")
    reader.create_schema()
    _add(writer, old, "_v1")
    extra = replace(old.honours[0] if old.honours else None, title="插入的新荣誉") if old.honours else None
    assert extra is not None, "the sample township needs an honour"
    new = replace(old, honours=[*old.honours, extra])

    done = threading.Event()
    original = Store._meta_rows
    calls = {"n": 0}

    def meta_rows_then_import(self, c, *conds):
        rows = original(self, c, *conds)
        calls["n"] += 1
        if self is reader and calls["n"] == 1:
            t = threading.Thread(target=lambda: (_add(writer, new, "_v2"), done.set()))
            t.start()
            # A reader takes no write lock (a plain BEGIN on SQLite, REPEATABLE READ on
            # PostgreSQL): the import commits while the reader is mid-way.
            t.join(timeout=60)
            assert done.is_set()
            calls["thread"] = t
        return rows

    monkeypatch.setattr(Store, "_meta_rows", meta_rows_then_import)
    facts = reader.quarter_facts(str(Q3))
    calls["thread"].join(timeout=60)
    assert done.is_set()
    assert [m.version for m in facts.submissions] == [1]
    assert "插入的新荣誉" not in {h.title for h in facts.honours}
    assert {h.source.file for h in facts.honours} == {f"{old.township}_{old.quarter}_v1.xlsx"}
    after = reader.quarter_facts(str(Q3))
    assert [m.version for m in after.submissions] == [2] and "插入的新荣誉" in {h.title for h in after.honours}
    reader.close()
    writer.close()


def test_the_unique_version_rule_is_enforced_by_the_database(store, county):
    from sqlalchemy.exc import IntegrityError

    sub = next(iter(county.values()))
    sid, _ = _add(store, sub)
    with pytest.raises(IntegrityError), store.engine.begin() as c:
        row = dict(c.execute(select(submission).where(submission.c.id == sid)).mappings().one())
        row.pop("id")
        c.execute(submission.insert().values(**row))


def test_a_stored_score_run_reads_back_whole_at_a_fraction_of_its_json(store):
    import json

    from sqlalchemy import func

    from xingxian_cli.io.store import score_run

    doc = {"quarter": "2022Q3", "cadres": [{"name": "张三", "township": "蔚汾镇", "rules": [{"text": "任职满 3 年 +1★"}]}
                                           for _ in range(2000)]}
    store.save_score_run("2022Q3", "2022.1", "a" * 64, ["魏家滩镇"], doc)
    run = store.latest_score_run("2022Q3", with_result=True)
    assert run["result"] == doc and run["missing"] == ["魏家滩镇"]
    with store.engine.connect() as c:
        stored = c.execute(select(func.length(score_run.c.result_gz))).scalar_one()
    assert stored * 10 < len(json.dumps(doc, ensure_ascii=False).encode())
