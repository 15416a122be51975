"""What the tool tells the officer to type next works as printed, and what it names is readable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_the_init_hint_quotes_a_folder_with_a_space_and_gives_the_workspace_by_its_full_path(xx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = xx("init", "兴县 考核")
    assert r.code == 0
    assert 'cd "兴县 考核"' in r.out and f'-w "{(tmp_path / "兴县 考核").resolve()}"' in r.out.replace("\n", "")


def test_init_with_w_and_no_folder_works_on_the_workspace_w_names_not_the_folder_typed_in(xx, tmp_path, monkeypatch):
    from xingxian_cli.io.policy_io import default_policy_text

    policy_file = tmp_path / "临县方案2024.yaml"
    policy_file.write_text(default_policy_text().replace('version: "2022.1"', 'version: "2024.1"'), encoding="utf-8")
    ws = tmp_path / "临县考核"
    assert xx("init", ws).code == 0
    elsewhere = tmp_path / "收件箱"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    r = xx("-w", ws, "init", "--policy", policy_file)
    assert r.code == 0 and str(ws.resolve()) in r.out.replace("\n", "") and "2024.1" in r.out
    assert not (elsewhere / "xx.yaml").exists()  # no second workspace where the officer stood


def test_another_countys_registry_without_its_county_code_is_refused_before_anything_is_made(xx, tmp_path):
    reg = tmp_path / "临县行政区划名录.csv"
    reg.write_text("乡镇,村(社区),类型,区划代码\n临泉镇,城内社区,社区,141124100001\n临泉镇,西关村,村,141124100201\n"
                   "三交镇,三交村,村,141124105201\n", encoding="gbk")
    r = xx("init", tmp_path / "临县考核", "--registry", reg)
    assert r.code == 2 and "141124" in r.err and "--county-code" in r.err
    assert not (tmp_path / "临县考核").exists()
    ok = xx("init", tmp_path / "临县考核", "--registry", reg, "--county", "临县", "--county-code", "141124")
    assert ok.code == 0 and "临县（区划代码 141124）" in ok.out
    # the county's own registry again: no word; another county's into it: told
    again = xx("-w", tmp_path / "临县考核", "registry", "import", reg)
    assert again.code == 0 and "另一个县" not in again.err and "区划代码都以" not in again.err
    other = tmp_path / "兴县.csv"
    other.write_text(reg.read_text(encoding="gbk").replace("141124", "141123"), encoding="utf-8")
    # (review R142) refused, before what it would drop is said, and the registry kept
    told = xx("-w", tmp_path / "临县考核", "registry", "import", other)
    said = "".join(told.err.split())
    assert told.code == 2 and "都以141123开头" in said and "临县（141124）" in said and "没有导入" in said, told
    assert "临泉镇" in xx("-w", tmp_path / "临县考核", "registry", "show").out
    forced = xx("-w", tmp_path / "临县考核", "registry", "import", other, "--force")
    assert forced.code == 0 and "141123" in forced.err and "临县（141124）" in forced.err.replace("\n", "")


def test_init_with_w_and_another_folder_is_refused_naming_both(xx, tmp_path):
    r = xx("-w", tmp_path / "甲", "init", tmp_path / "乙")
    assert r.code == 2 and "甲" in r.err and "乙" in r.err
    assert not (tmp_path / "甲").exists() and not (tmp_path / "乙").exists()


@pytest.mark.sqlite_only  # what is printed: the database engine plays no part
def test_the_import_warning_hint_names_the_workspace_only_when_typed_where_it_is_not_found(xx, tmp_path, sample_dir,
                                                                                        monkeypatch):
    ws = (tmp_path / "兴县 考核").resolve()
    assert xx("init", ws).code == 0
    town = next(p for p in sorted((sample_dir / "2022Q3").glob("*.xlsx"))
                if "另有" in xx("-w", ws, "import", p, "-q", "2022Q3", "--dry-run").out)
    monkeypatch.chdir(tmp_path)  # outside the workspace: the hint says which one
    said = xx("-w", ws, "import", town, "-q", "2022Q3", "--dry-run").out.replace("\n", "")  # long lines wrap
    assert f'查看：xx -w "{ws}" validate {town} --quarter 2022Q3' in said
    monkeypatch.chdir(ws)  # inside it, the hint works as it is
    said = xx("import", town, "-q", "2022Q3", "--dry-run").out.replace("\n", "")
    assert f"查看：xx validate {town}" in said


@pytest.mark.sqlite_only  # a SQLite file's path
def test_db_status_names_the_sqlite_file_by_its_path_not_percent_encoded(xx, tmp_path):
    ws = tmp_path / "兴县 考核"
    assert xx("init", ws).code == 0
    r = xx("-w", ws, "db", "status")
    assert r.code == 0 and str((ws / "xx.sqlite3").resolve()) in r.out and "%E5" not in r.out


def test_a_county_code_without_the_countys_name_is_refused_before_anything_is_made(xx, tmp_path):
    r = xx("init", tmp_path / "临县", "--county-code", "141124")
    assert r.code == 2 and "--county" in r.err and "141124" in r.err
    assert not (tmp_path / "临县" / "xx.yaml").exists()
    r = xx("init", tmp_path / "临县", "--county", "临县", "--county-code", "141123")  # 兴县's own code
    assert r.code == 2 and "--county-code" in r.err and not (tmp_path / "临县" / "xx.yaml").exists()


@pytest.mark.parametrize("args", [("policy", "check"), ("registry", "import")])
def test_a_folder_given_where_a_file_is_wanted_is_said_to_be_a_folder(xx, tmp_path, args):
    (tmp_path / "我县 方案").mkdir()
    r = xx("-w", tmp_path, *args, tmp_path / "我县 方案")
    assert r.code == 2 and "是目录" in r.err and "找不到" not in r.err


def test_a_workspace_made_inside_another_says_it_now_hides_that_one(xx, tmp_path):
    outer = tmp_path / "兴县考核"
    assert xx("init", outer).code == 0
    r = xx("init", outer / "收件箱")
    assert r.code == 0 and "工作区" in r.err and str(outer.resolve()) in r.err.replace("\n", "")
    r = xx("init", tmp_path / "别处")
    assert r.code == 0 and not r.err


@pytest.mark.sqlite_only  # no workspace involved
def test_an_argument_the_locale_cannot_decode_is_echoed_in_the_message_not_a_crash(tmp_path):
    # LC_ALL=C with UTF-8 mode off: Python holds the Chinese argument's bytes as surrogates
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    name = "没有这个方案.yaml"
    r = subprocess.run([sys.executable, "-m", "xingxian_cli", "policy", "check", name], cwd=tmp_path, env=env,
                       capture_output=True, timeout=60)
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert name.encode() in r.stderr  # the bytes as typed


def test_a_path_a_shell_would_expand_inside_double_quotes_is_given_in_single_quotes():
    from xingxian_cli.cli.render import shell_arg

    assert [shell_arg(p) for p in ("兴县考核", "兴县 考核", "q$1", "a!b", "it's $x")] == [
        "兴县考核", '"兴县 考核"', "'q$1'", "'a!b'", '"it\'s $x"']


def test_with_xx_workspace_naming_another_workspace_the_init_hint_gives_the_new_one_by_w(xx, tmp_path, monkeypatch):
    outer = tmp_path / "兴县考核"
    assert xx("init", outer).code == 0
    monkeypatch.setenv("XX_WORKSPACE", str(outer))
    r = xx("init", outer / "收件箱")
    assert r.code == 0 and f"xx -w {(outer / '收件箱').resolve()} template" in r.out and "XX_WORKSPACE" in r.out
    assert "cd " not in r.out and not r.err  # no claim that commands typed there use the new one


def test_init_typed_in_a_sub_folder_of_a_workspace_is_not_taken_for_a_new_empty_workspace(xx, tmp_path, monkeypatch):
    # (review R60) README: 在工作区里 xx init --policy 明年方案.yaml. Typed in the workspace's 方案
    # folder it made an empty workspace there (15 townships 未报送 from then on), the real one unchanged
    from xingxian_cli.io.policy_io import default_policy_text

    ws = tmp_path / "兴县 考核"
    assert xx("init", ws).code == 0
    folder = ws / "方案"
    folder.mkdir()
    (folder / "明年方案.yaml").write_text(default_policy_text().replace('version: "2022.1"', 'version: "2023.1"'),
                                       encoding="utf-8")
    monkeypatch.chdir(folder)
    r = xx("init", "--policy", "明年方案.yaml")
    said = r.err.replace("\n", "")
    assert r.code == 2 and f'xx -w "{ws.resolve()}" init --policy' in said and "xx init ." in said
    assert not (folder / "xx.yaml").exists() and "2023.1" not in (ws / "policy.yaml").read_text(encoding="utf-8")
    done = xx("-w", ws, "init", "--policy", "明年方案.yaml")  # as the message says
    assert done.code == 0 and "2023.1" in (ws / "policy.yaml").read_text(encoding="utf-8")
    nested = xx("init", ".")  # asked for in so many words: made, and the officer warned
    assert nested.code == 0 and (folder / "xx.yaml").is_file() and "目录之内" in nested.err.replace("\n", "")


@pytest.mark.sqlite_only  # a message: the database engine plays no part
def test_init_of_the_current_folder_does_not_say_cd_into_it(xx, tmp_path, monkeypatch):
    # (review R78) xx init . printed "下一步：cd .，然后 xx template …"
    here = tmp_path / "兴县 考核"
    here.mkdir()
    monkeypatch.chdir(here)
    r = xx("init", ".")
    said = r.out.replace("\n", "")
    assert r.code == 0 and "下一步：xx template --quarter" in said and "cd ." not in said
    elsewhere = xx("init", tmp_path / "另一个").out.replace("\n", "")
    assert "下一步：cd " in elsewhere


@pytest.mark.sqlite_only  # a message: the database engine plays no part
def test_init_with_the_shipped_registry_says_its_villages_are_samples_and_to_import_the_countys_first(xx, tmp_path):
    # (review R95) a newcomer following "下一步" sent templates listing made-up villages
    said = xx("init", tmp_path / "默认").out.replace("\n", "")
    assert "村(社区)是示例" in said and "registry import 名录文件" in said
    assert said.index("registry import") < said.index("下一步：")
    from importlib.resources import files

    own = tmp_path / "本县名录.csv"
    own.write_text(files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")
                   + "康宁镇,新建村,村,\n", encoding="utf-8")
    said = xx("init", tmp_path / "本县", "--registry", own).out.replace("\n", "")
    assert "村(社区)是示例" not in said and "registry import" not in said


@pytest.mark.sqlite_only  # a policy file alone: no database
def test_policy_check_names_the_numbers_a_file_leaves_to_the_tools_defaults(xx, tmp_path):
    # (review R79) a policy without score_max or composite_decimals passed the check and was
    # scored by 100 and 2 from the code, without a word
    import re

    from xingxian_cli.io.policy_io import default_policy_text

    text = default_policy_text()
    assert re.search(r"\n\s*score_max:", text) and re.search(r"\n\s*composite_decimals:", text)
    text = re.sub(r"\n\s*score_max:[^\n]*", "", text, count=1)
    text = re.sub(r"\n\s*composite_decimals:[^\n]*", "", text, count=1).replace(", weight: 1}", "}")
    path = tmp_path / "方案.yaml"
    path.write_text(text, encoding="utf-8")
    r = xx("policy", "check", path)
    said = r.out.replace("\n", "")
    assert r.code == 0 and "按本工具的默认值计的数" in said
    assert "star_rules.systems.score_max = 100" in said and "star_rules.composite_decimals = 2" in said
    assert re.search(r"measures\[\]\.weight = 1（\d+ 项）", said)
    shipped = tmp_path / "默认.yaml"
    shipped.write_text(default_policy_text(), encoding="utf-8")
    r = xx("policy", "check", shipped)
    assert r.code == 0 and "默认值" not in r.out  # the shipped policy writes every number out


@pytest.mark.sqlite_only  # a file's check: no database
def test_a_broken_policy_file_is_titled_as_the_policy_not_as_data(xx, tmp_path):
    # (review R118) "数据有误" over a policy file's own mistake
    from xingxian_cli.io.policy_io import default_policy_text

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    (ws / "policy.yaml").write_text(default_policy_text().replace("书记: 36000", "书记: -36000", 1), encoding="utf-8")
    r = xx("-w", ws, "policy", "show")
    assert r.code == 1 and "考核方案有误" in r.err and "数据有误" not in r.err
    assert "policies文件夹" in r.err.replace("\n", "").replace("│", "").replace(" ", "")  # export fails here


def test_warnings_sharing_a_hint_are_printed_together_with_their_hint_under_them():
    # (review R117) every warning first, then every hint, nothing tying a hint to its warning
    from rich.console import Console

    from xingxian_cli.cli.console import warning_lines
    from xingxian_cli.domain.diagnostics import Diagnostic, Severity

    def w(message: str, hint: str) -> Diagnostic:
        return Diagnostic(code="x", severity=Severity.WARNING, message=message, hint=hint)

    console = Console(record=True, width=200)
    warning_lines([w("甲一", "提示甲"), w("乙", "提示乙"), w("甲二", "提示甲")], console)
    lines = [line.strip() for line in console.export_text().splitlines() if line.strip()]
    assert [line.split("：")[-1] for line in lines] == ["甲一", "甲二", "提示甲", "乙", "提示乙"]
