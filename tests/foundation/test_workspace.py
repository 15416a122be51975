"""Workspace creation and discovery."""

from __future__ import annotations

import pytest

from xingxian_cli.io.workspace import CONFIG_NAME


def test_init_creates_config_policy_and_database(xx, tmp_path):
    ws = tmp_path / "兴县考核"
    r = xx("init", ws)
    assert r.code == 0, r
    assert (ws / CONFIG_NAME).is_file() and (ws / "policy.yaml").is_file() and (ws / "xx.sqlite3").is_file()
    assert "15 个乡镇" in r.out and "253" in r.out


def test_init_on_existing_workspace_keeps_its_data(xx, tmp_path):
    ws = tmp_path / "ws"
    xx("init", ws)
    (ws / "policy.yaml").write_text((ws / "policy.yaml").read_text(encoding="utf-8") + "\n# 本县修改\n", encoding="utf-8")
    db_before = (ws / "xx.sqlite3").stat().st_size
    r = xx("init", ws)
    assert r.code == 0 and "已存在" in r.out
    assert "# 本县修改" in (ws / "policy.yaml").read_text(encoding="utf-8")
    assert (ws / "xx.sqlite3").stat().st_size >= db_before


def test_init_on_existing_workspace_applies_a_policy_given_with_its_own_county_spelt_otherwise(xx, tmp_path):
    ws = tmp_path / "ws"
    xx("init", ws)
    other = tmp_path / "别的方案.yaml"
    other.write_text((ws / "policy.yaml").read_text(encoding="utf-8").replace('version: "2022.1"', 'version: "2023.1"'),
                     encoding="utf-8")
    r = xx("init", ws, "--policy", other, "--county", "山西省兴县", "--county-code", "141123")
    assert r.code == 0 and "已换用 --policy" in r.out and "2023.1" in r.out
    assert "不能改" not in r.out + r.err
    assert 'version: "2023.1"' in (ws / "policy.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("asked", [["--county", "临县", "--county-code", "141124"], ["--county-code", "141124"],
                                   ["--county", "临县"], ["--db", "sqlite:///别处.sqlite3"]])
def test_init_on_an_existing_workspace_of_another_county_or_database_changes_nothing_and_says_where_to_make_one(
        xx, tmp_path, asked):
    # (review R142) the options were ignored with a note and exit 0 — and a --policy given with them,
    # meant for a new 临县 workspace typed into 兴县's folder, replaced 兴县's policy
    ws = tmp_path / "ws"
    xx("init", ws)
    before = (ws / "policy.yaml").read_bytes(), (ws / "xx.yaml").read_bytes()
    other = tmp_path / "临县方案.yaml"
    other.write_text((ws / "policy.yaml").read_text(encoding="utf-8").replace('version: "2022.1"', 'version: "2023.1"'),
                     encoding="utf-8")
    r = xx("init", ws, "--policy", other, *asked)
    said = " ".join((r.out + r.err).split())
    assert r.code == 2 and "兴县（区划代码 141123）" in said and "什么也没有改动" in said
    assert asked[-1].split("///")[-1] in said and "新目录" in said
    assert ((ws / "policy.yaml").read_bytes(), (ws / "xx.yaml").read_bytes()) == before
    assert not (tmp_path / "别处.sqlite3").exists()


def test_a_policy_put_in_keeps_the_one_it_replaces_and_names_what_an_open_quarter_holds_outside_it(
        xx, copy_ws, tmp_path, policy, registry):
    # (review R118) the old policy.yaml was overwritten, no copy kept, and the open quarter's data it
    # no longer covers was found only at the next xx score ("加回 M47", with the file gone)
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    county = generate_county(policy, registry, Quarter(2023, 1), seed=7)
    sent = write_book(book_from_submission(county["蔚汾镇"], policy), tmp_path / "蔚汾镇_2023Q1.xlsx",
                      policy=policy, registry=registry)
    assert xx("-w", copy_ws, "import", sent, "-q", "2023Q1").code == 0  # 2023Q1: one township in, open
    before = (copy_ws / "policy.yaml").read_bytes()
    text = before.decode("utf-8")
    dropped = next(line for line in text.splitlines() if "id: M47," in line)
    other = tmp_path / "新方案.yaml"
    other.write_text(text.replace(dropped + "\n", "").replace("measures: 85}", "measures: 84}"), encoding="utf-8")
    r = xx("-w", copy_ws, "init", "--policy", other)
    assert r.code == 0, r.err
    (kept,) = (copy_ws / "policies").glob("policy_*.yaml")
    assert kept.read_bytes() == before and kept.name in r.out.replace("\n", "")
    said = r.out.replace("\n", "")
    assert "2023Q1 已导入的报送" in said and "M47" in said and "无法评分" in said
    assert "2022Q4 已导入的报送" not in said  # closed: it keeps the policy it was scored by
    # put back as the note says, from any folder: it names the workspace (review R120)
    assert f"要换回原方案：xx init {copy_ws} --policy {kept}" in said
    assert xx("init", copy_ws, "--policy", kept).code == 0
    assert (copy_ws / "policy.yaml").read_bytes() == before


def test_init_with_a_registry_that_drops_a_township_with_data_changes_nothing(xx, copy_ws, tmp_path):
    policy_before = (copy_ws / "policy.yaml").read_bytes()
    other = tmp_path / "新方案.yaml"
    other.write_text(policy_before.decode("utf-8").replace('version: "2022.1"', 'version: "2023.1"'), encoding="utf-8")
    reg = tmp_path / "名录.csv"
    reg.write_text("乡镇,村(社区),类型\n甲镇,一村,村\n", encoding="utf-8")
    r = xx("init", copy_ws, "--registry", reg, "--policy", other)
    assert r.code == 1 and "蔚汾镇" in r.err
    assert (copy_ws / "policy.yaml").read_bytes() == policy_before  # not half-applied


def test_init_with_a_broken_policy_writes_nothing(xx, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    ws = tmp_path / "ws"
    r = xx("init", ws, "--policy", bad)
    assert r.code == 1 and "Traceback" not in r.err
    assert not (ws / CONFIG_NAME).exists()


def test_commands_find_the_workspace_from_a_subfolder(xx, tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    xx("init", ws)
    sub = ws / "收件" / "十月"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert xx("registry", "show").code == 0


def test_commands_find_the_workspace_from_the_environment(xx, tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    xx("init", ws)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XX_WORKSPACE", str(ws))
    assert xx("registry", "show").code == 0


def test_missing_workspace_says_how_to_create_one(xx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = xx("registry", "show")
    assert r.code == 2
    assert "xx init" in r.err and "Traceback" not in r.err


def test_init_records_the_county_name_and_code(xx, tmp_path):
    import yaml

    ws = tmp_path / "临县"
    r = xx("init", ws, "--county", "临县", "--county-code", "141124")
    assert r.code == 0 and "临县（区划代码 141124）" in r.out
    cfg = yaml.safe_load((ws / "xx.yaml").read_text(encoding="utf-8"))
    assert cfg["county"] == "临县" and cfg["county_code"] == "141124"


def test_init_refuses_a_malformed_county_code(xx, tmp_path):
    r = xx("init", tmp_path / "ws", "--county-code", "14112")
    assert r.code == 2 and "6 位数字" in r.err
    assert not (tmp_path / "ws").exists()


def test_init_of_another_county_without_its_code_is_refused_so_it_cannot_share_xing_countys_rows(xx, tmp_path):
    r = xx("init", tmp_path / "ws", "--county", "临县")
    assert r.code == 2 and "--county-code" in r.err and "141123" in r.err
    assert not (tmp_path / "ws").exists()


UNREACHABLE = "postgresql://xx:s3cret@127.0.0.1:1/nowhere"  # a server that would refuse any command


def test_a_workspace_of_its_own_keeps_its_sqlite_file_whatever_xx_database_url_says(xx, tmp_path, monkeypatch):
    monkeypatch.delenv("XX_DATABASE_URL", raising=False)
    ws = tmp_path / "ws"
    r = xx("init", ws)
    assert r.code == 0 and "工作区内的 SQLite 文件" in r.out
    elsewhere = tmp_path / "别处.sqlite3"
    r = xx("init", tmp_path / "ws2", "--db", "sqlite:///" + elsewhere.as_posix())
    assert r.code == 0 and "工作区内的" not in r.out and "别处.sqlite3" in r.out.replace("\n", "")
    monkeypatch.setenv("XX_DATABASE_URL", UNREACHABLE)  # an officer's shell set up for the county's server
    r = xx("-w", ws, "db", "status")
    assert r.code == 0, r
    assert "SQLite" in r.out and "nowhere" not in r.out


def test_a_database_address_that_cannot_be_read_never_shows_its_password(xx, tmp_path, monkeypatch):
    from xingxian_cli.io.store import BadDatabaseUrl, make_engine

    bad = "postgresql://xx:p@ss:w@rd@127.0.0.1:notaport/xx"  # a password with @ and :, not %-encoded
    with pytest.raises(BadDatabaseUrl) as caught:
        make_engine(bad)
    said = str(caught.value)
    assert "ss:w" not in said and "w@rd" not in said and "%40" in said
    r = xx("init", tmp_path / "ws", "--db", bad)
    assert r.code == 2 and "ss:w" not in r.out + r.err and "w@rd" not in r.out + r.err
    # one that parses, the password's tail taken for the host: refused the same way, not "host not found"
    with pytest.raises(BadDatabaseUrl) as caught:
        make_engine("postgresql://xx:Xx@2022@127.0.0.1:5432/xxdb")
    assert "2022" not in str(caught.value) and "%40" in str(caught.value)
    # (review R128) libpq's key=value form, no URL: refused, its password not shown either
    for dsn in ("host=127.0.0.1 port=1 dbname=x user=u password=Se1cret", "host=h password='Se1 cret' user=u"):
        r = xx("--debug", "init", tmp_path / "ws2", "--db", dsn)
        assert r.code == 2 and "Se1" not in r.out + r.err and "password=***" in "".join(r.err.split()), r.err
        # (review R130) and told the form to write, not to escape its @ and :
        assert "postgresql://用户名@主机:端口/数据库" in "".join(r.err.split()) and "%40" not in r.err, r.err
    for dsn in ("Server=db;Database=xx;Uid=kh;Pwd=Se1cret", "host=h passwd=Se1cret"):  # (review R132) ODBC's words too
        r = xx("init", tmp_path / "ws3", "--db", dsn)
        assert r.code == 2 and "Se1" not in r.out + r.err and "libpq" not in r.err, r.err


@pytest.mark.parametrize("server_named", [False, True], ids=["no-variable", "variable-set"])
def test_a_workspace_whose_database_file_is_gone_says_so_and_makes_no_empty_one(xx, tmp_path, monkeypatch,
                                                                               server_named):
    monkeypatch.delenv("XX_DATABASE_URL", raising=False)
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    before = (ws / "xx.yaml").read_text(encoding="utf-8")
    (ws / "xx.sqlite3").unlink()
    if server_named:  # the county's server in the officer's shell: this workspace is not on it
        county = tmp_path / "county.sqlite3"
        assert xx("init", tmp_path / "c", "--db", "sqlite:///" + county.as_posix()).code == 0
        monkeypatch.setenv("XX_DATABASE_URL", "sqlite:///" + county.as_posix())
    r = xx("-w", ws, "status", "-q", "2022Q3")
    assert r.code == 2 and "不见了" in r.err and "xx restore" in r.err, r
    assert "XX_DATABASE_URL" not in r.err  # a workspace of its own: the variable is no way back
    assert not (ws / "xx.sqlite3").exists()  # the next run says the same, not "an empty county"
    assert (ws / "xx.yaml").read_text(encoding="utf-8") == before  # not pointed anywhere else


def test_a_workspace_made_by_an_older_xx_on_the_server_named_by_the_variable_keeps_to_that_server(
        xx, tmp_path, monkeypatch, sample_dir):
    import yaml

    from xingxian_cli.io.workspace import new_config, write_config

    server = "sqlite:///" + (tmp_path / "server.sqlite3").as_posix()  # stands in for the county's server
    monkeypatch.setenv("XX_DATABASE_URL", server)
    ws = tmp_path / "ws"
    assert xx("init", tmp_path / "setup", "--db", server).code == 0  # the server's tables
    ws.mkdir()
    (ws / "archive").mkdir()
    older = new_config("兴县", "141123", None)
    del older["local_database"]  # as older xx wrote it: no address, no SQLite file
    write_config(ws, older)
    (ws / "policy.yaml").write_text((tmp_path / "setup" / "policy.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    f = next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx"))
    assert xx("-w", ws, "import", f, "-q", "2022Q3").code == 0
    assert yaml.safe_load((ws / "xx.yaml").read_text(encoding="utf-8"))["database_url"] == server
    monkeypatch.delenv("XX_DATABASE_URL")  # a new terminal without the variable
    r = xx("-w", ws, "status", "-q", "2022Q3", "-f", "json")
    assert r.code == 0 and '"submitted":1' in r.out.replace(" ", ""), r
    assert not (ws / "xx.sqlite3").exists()


def test_a_workspace_folder_whose_name_holds_a_percent_sign_keeps_its_database_inside(xx, tmp_path):
    (tmp_path / "兴县 考核").mkdir()  # what 兴县%20考核 would decode to
    ws = tmp_path / "兴县%20考核"
    assert xx("init", ws).code == 0
    assert (ws / "xx.sqlite3").is_file() and not (tmp_path / "兴县 考核" / "xx.sqlite3").exists()
    assert xx("-w", ws, "status", "-q", "2022Q3").code == 0


def test_a_missing_password_is_told_where_the_password_belongs_not_called_a_wrong_one():
    # (review R47) fe_sendauth read as 用户名或口令不对, with no word of pgpass or XX_DATABASE_URL
    from xingxian_cli.io.store import driver_reason

    said = driver_reason(RuntimeError("fe_sendauth: no password supplied"))
    assert "没有口令" in said and "pgpass" in said and "XX_DATABASE_URL" in said and "口令不对" not in said
    assert "口令不对" in driver_reason(RuntimeError('password authentication failed for user "xx"'))


def test_a_password_given_as_a_parameter_of_the_address_is_masked_and_left_out_like_one_after_the_user():
    # (review R127) postgresql://xx@host/db?password=… was shown on screen and written to xx.yaml
    from xingxian_cli.io.store import safe_url, without_password

    url = "postgresql://xx@127.0.0.1:5432/county?sslmode=require&password=Pw9%21"
    assert "Pw9" not in safe_url(url) and "password=***" in safe_url(url) and "sslmode=require" in safe_url(url)
    bare = without_password(url)
    assert "Pw9" not in bare and "password" not in bare and "sslmode=require" in bare
    assert without_password("postgresql://xx:Pw9@127.0.0.1/county") == "postgresql://xx@127.0.0.1/county"
    assert without_password("postgresql://xx@127.0.0.1/county") == "postgresql://xx@127.0.0.1/county"


def test_init_on_an_existing_workspace_naming_its_own_database_file_is_no_other_database(xx, tmp_path):
    # (review R151) --db naming the workspace's own xx.sqlite3 was refused as another database
    ws = tmp_path / "ws"
    xx("init", ws)
    assert xx("init", ws, "--db", f"sqlite:///{(ws / 'xx.sqlite3').as_posix()}").code == 0


def test_init_on_an_existing_workspace_given_a_path_for_a_database_says_how_to_write_one(xx, tmp_path):
    # (review R152) it was "another database", with a suggested command that failed the same way
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("init", ws, "--db", str(ws / "xx.sqlite3"))
    assert r.code != 0 and "无法识别" in r.err and "sqlite:///" in r.err.replace("\n", "") and "新工作区" not in r.err
