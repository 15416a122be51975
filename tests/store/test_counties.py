"""Several counties in one database: each officer sees and changes only their own county."""

from __future__ import annotations

import json
import shutil

from sqlalchemy import text


def _status(xx, ws, q="2022Q3"):
    r = xx("-w", ws, "status", "-q", q, "-f", "json")
    assert r.code == 0, r
    return json.loads(r.out)


def test_two_counties_on_one_database_never_see_each_others_data(xx, make_ws, sample_dir, tmp_path):
    a = make_ws("兴县", "141123", "兴县")
    b = make_ws("临县", "141124", "临县")
    assert xx("-w", a, "import", sample_dir / "2022Q3", "--quarter", "2022Q3").code == 0
    assert xx("-w", a, "score", "-q", "2022Q3", "-f", "json").code == 0

    # B sees nothing of A: no submissions, nothing to score, nothing to verify.
    st = _status(xx, b)
    assert st["submitted"] == 0 and len(st["missing"]) == 15
    r = xx("-w", b, "score", "-q", "2022Q3")
    assert r.code == 1 and "还没有导入任何报送表" in r.err, r
    r = xx("-w", b, "verify")
    assert r.code == 0 and "0 份报送原件" in r.out, r

    # The same file imported in B is B's version 1: no clash with A's version 1.
    f = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    r = xx("-w", b, "import", f, "--quarter", "2022Q3")
    assert r.code == 0 and "第 1 版" in r.out, r
    st_b = _status(xx, b)
    assert st_b["submitted"] == 1
    st_a = _status(xx, a)
    assert st_a["submitted"] == 15 and all(t["version"] == 1 and t["versions"] == 1 for t in st_a["townships"])

    # B's registry import leaves A's registry alone. It drops 蔚汾镇, which B has data for
    # (refused unless forced); A's fifteen townships with data are not B's concern.
    reg = tmp_path / "临县名录.csv"
    reg.write_text("乡镇,村(社区),类型\n临泉镇,城关村,村\n临泉镇,东关社区,社区\n", encoding="utf-8")
    r = xx("-w", b, "registry", "import", reg)
    assert r.code == 1 and "蔚汾镇" in r.err and "东会乡" not in r.err, r
    assert xx("-w", b, "registry", "import", reg, "--force").code == 0
    shown_a, shown_b = xx("-w", a, "registry", "show").out, xx("-w", b, "registry", "show").out
    assert "蔚汾镇" in shown_a and "临泉镇" not in shown_a
    assert "临泉镇" in shown_b and "蔚汾镇" not in shown_b
    assert _status(xx, a)["submitted"] == 15


def test_verify_in_one_county_does_not_report_anothers_broken_rows(xx, make_ws, sample_dir, ws_engine):
    a = make_ws("a", "141123")
    b = make_ws("b", "141124", "临县")
    f = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    assert xx("-w", a, "import", f, "--quarter", "2022Q3").code == 0
    assert xx("-w", b, "import", f, "--quarter", "2022Q3").code == 0
    # Break A: a second current version of its township, and its archived original lost.
    with ws_engine(a).begin() as c:
        c.execute(text(
            "INSERT INTO submission (county, township, quarter, version, is_current, sha256, file_name, archive_path, "
            "imported_at, n_cadres, n_rows, n_warnings) SELECT county, township, quarter, version + 1, is_current, "
            "sha256, file_name, archive_path, imported_at, 0, 0, 0 FROM submission WHERE county = '141123'"))
    shutil.rmtree(a / "archive")
    ra, rb = xx("-w", a, "verify"), xx("-w", b, "verify")
    assert ra.code == 1 and "2 个当前版本" in ra.err and "原件已丢失" in ra.err  # its own import: lost, or another workspace's
    assert rb.code == 0 and "1 份报送原件完好" in rb.out, rb


def test_a_colleagues_imports_are_not_reported_as_lost_originals_and_importing_the_file_keeps_it_here(
        xx, make_ws, sample_dir, monkeypatch):
    import getpass

    mine, theirs = make_ws("我的", "141123"), make_ws("同事的", "141123")  # two officers of one county
    files = sorted((sample_dir / "2022Q3").glob("*.xlsx"))
    assert xx("-w", mine, "import", files[0], "--quarter", "2022Q3").code == 0
    me = getpass.getuser()
    monkeypatch.setattr(getpass, "getuser", lambda: "wangfang")  # the colleague, at their own login
    assert xx("-w", theirs, "import", files[1], "--quarter", "2022Q3").code == 0
    monkeypatch.setattr(getpass, "getuser", lambda: me)
    r = xx("-w", mine, "verify")
    said = r.out.replace("\n", "")
    assert r.code == 0, r
    assert "1 份报送的原件不在本工作区" in said and f"{files[1].name}（wangfang 导入）" in said
    assert "1 份报送原件完好" in said
    # the colleague's file imported here too: identical, nothing stored, but its original kept here
    r = xx("-w", mine, "import", files[1], "--quarter", "2022Q3")
    assert r.code == 0 and "完全相同" in r.out.replace("\n", ""), r
    r = xx("-w", mine, "verify")
    assert r.code == 0 and "不在本工作区" not in r.out and "2 份报送原件完好" in r.out, r


def test_each_county_reads_only_its_own_audit_log(make_ws):
    from xingxian_cli.services.context import open_context

    a = make_ws("a", "141123")
    b = make_ws("b", "141124", "临县")
    with open_context(a) as ctx:
        ctx.store.audit("unmask", {"command": "test", "who": "A"})
    with open_context(b) as ctx:
        ctx.store.audit("unmask", {"command": "test", "who": "B"})
        entries = ctx.store.audit_entries()
    assert [json.loads(e["detail"])["who"] for e in entries] == ["B"]
    assert {e["county"] for e in entries} == {"141124"}
