"""``xx db move``: a county that outgrew its laptop takes its history to the server (runs on PostgreSQL)."""

from __future__ import annotations

import json
import os
import shutil

import pytest


def _without(doc: dict, *keys: str) -> dict:
    return {k: v for k, v in doc.items() if k not in keys}


def test_a_laptops_workspace_moves_to_the_server_with_its_versions_scores_and_refusals(
        xx, tmp_path, sample_dir, db_backend, monkeypatch):
    if db_backend != "postgresql":
        pytest.skip("needs the test run's PostgreSQL server (XX_DATABASE_URL)")
    url = os.environ["XX_DATABASE_URL"]
    monkeypatch.delenv("XX_DATABASE_URL")  # the laptop: a workspace of its own
    ws = tmp_path / "兴县考核"
    assert xx("init", ws).code == 0
    q3 = sorted((sample_dir / "2022Q3").glob("*.xlsx"))[:3]
    inbox = tmp_path / "收件"
    inbox.mkdir()
    for f in q3:
        shutil.copy(f, inbox / f.name)
    refused = next((sample_dir / "faulty").glob("*评分错误.xlsx"))
    shutil.copy(refused, inbox / refused.name)
    assert xx("-w", ws, "import", inbox, "-q", "2022Q3").code == 1  # three taken, one refused
    args = ("-w", ws, "score", "-q", "2022Q3", "--allow-missing", "-f", "json")
    before = json.loads(xx(*args).out)
    status = json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out)

    def said(r) -> str:
        return (r.out + r.err).replace("\n", "").replace("│", "").replace(" ", "")

    moved = xx("-w", ws, "db", "move", url)
    assert moved.code == 0, moved
    assert "已把兴县的数据搬到" in said(moved) and "3个报送版本" in said(moved) and "工作区从此使用服务器数据库" in said(moved)
    assert not (ws / "xx.sqlite3").exists() and list(ws.glob("xx.sqlite3.before-move-*"))
    assert json.loads(xx("-w", ws, "status", "-q", "2022Q3", "-f", "json").out) == status  # refusal kept
    assert _without(json.loads(xx(*args).out), "inputs_hash") == _without(before, "inputs_hash")
    assert xx("-w", ws, "verify").code == 0

    twice = xx("-w", ws, "db", "move", url)
    assert twice.code == 2 and "已经在使用服务器数据库" in said(twice)
    other = tmp_path / "另一台电脑"  # a colleague's laptop of the same county: not mixed in
    assert xx("init", other).code == 0
    refused_move = xx("-w", other, "db", "move", url)
    assert refused_move.code == 2 and "已有县代码141123的数据" in said(refused_move)
    assert (other / "xx.sqlite3").exists()
