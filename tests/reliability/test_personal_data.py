"""Resident IDs and phone numbers never reach a screen, a JSON document or a log unmasked."""

from __future__ import annotations

import re

import pytest

FULL_ID = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def _clean(text: str) -> None:
    assert not FULL_ID.search(text), FULL_ID.search(text).group(0)
    assert not PHONE.search(text), PHONE.search(text).group(0)


@pytest.mark.sqlite_only  # what is shown or written to files: the database engine plays no part (CI time)
def test_no_command_prints_a_full_id_or_phone_without_unmask(xx, copy_ws, sample_dir, tmp_path):
    runs = [
        ("validate", sample_dir / "faulty", "-q", "2022Q3"),
        ("validate", sample_dir / "faulty", "-q", "2022Q3", "-f", "json"),
        ("import", sample_dir / "faulty", "-q", "2022Q3"),
        ("status", "-q", "2022Q3", "-f", "json"),
        ("score", "-q", "2022Q4"),
        ("score", "-q", "2022Q4", "-f", "json", "--limit", "0"),
        ("score", "-q", "2022Q4", "--township", "蔚汾镇", "--limit", "0"),
        ("report", "-q", "2022Q4", "-o", tmp_path / "r.xlsx"),
    ]
    for args in runs:
        r = xx("-w", copy_ws, *args)
        assert r.code in (0, 1), (args, r)
        _clean(r.out + r.err)


def test_debug_tracebacks_and_the_audit_log_hold_no_full_id(xx, copy_ws, tmp_path):
    import json

    doc = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q3", "-f", "json", "--unmask").out)
    pid = doc["cadres"][0]["id"]
    assert FULL_ID.fullmatch(pid)
    # an --explain of an unknown ID fails; its message and any debug output stay masked
    wrong = pid[:-1] + ("0" if pid[-1] != "0" else "1")
    r = xx("--debug", "-w", copy_ws, "score", "-q", "2022Q3", "--explain", wrong)
    assert r.code == 2
    _clean(r.out + r.err)
    # (review R79) an --unmask --explain of a full ID is logged as asked for, the ID masked
    assert xx("-w", copy_ws, "score", "-q", "2022Q3", "--explain", pid, "--unmask").code == 0
    for typo in (pid + "3", pid[:-1]):  # (R81) a digit too many or too few: no such cadre, still masked
        assert xx("-w", copy_ws, "score", "-q", "2022Q3", "--explain", typo, "--unmask").code == 2
    from sqlalchemy import create_engine, text

    eng = create_engine("sqlite:///" + (copy_ws / "xx.sqlite3").as_posix())
    with eng.connect() as c:
        details = " ".join(d for (d,) in c.execute(text("select detail from audit_log")))
    eng.dispose()
    _clean(details)
    assert pid[:-1] not in details  # nor inside a run of digits too long or short to be an ID
