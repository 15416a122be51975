"""The workspace: a folder with a config file, the policy copy, the archive and the database."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from xingxian_cli.errors import UsageError
from xingxian_cli.messages import common as M

CONFIG_NAME = "xx.yaml"
POLICY_NAME = "policy.yaml"
DB_NAME = "xx.sqlite3"
ARCHIVE_DIR = "archive"
POLICIES_DIR = "policies"  # the policy files `xx init --policy` replaced, each kept as it was
ENV_WORKSPACE = "XX_WORKSPACE"
ENV_DATABASE_URL = "XX_DATABASE_URL"


class WorkspaceNotFound(Exception):
    """No workspace at the given place or above the current folder."""

    def __init__(self, searched: Path, explicit: bool, from_env: bool = False):
        super().__init__(str(searched))
        self.searched = searched
        self.explicit = explicit
        self.from_env = from_env  # the place came from XX_WORKSPACE
        # a place given that is a workspace's subfolder or file (its archive, its xx.yaml): that
        # workspace, not a new one inside it (review R142)
        self.inside: Path | None = None
        self.is_file = False
        self.exists = False
        if explicit:
            with contextlib.suppress(OSError):
                self.is_file, self.exists = searched.is_file(), searched.exists()
                self.inside = next((f for f in searched.resolve().parents if (f / CONFIG_NAME).is_file()), None)


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: dict[str, Any]

    @property
    def policy_path(self) -> Path:
        return self.root / POLICY_NAME

    @property
    def archive_dir(self) -> Path:
        return self.root / ARCHIVE_DIR

    @property
    def county(self) -> str:
        return str(self.config.get("county_code") or self.config.get("county") or "default")

    @property
    def county_code(self) -> str | None:
        """The county's six-digit 区划代码 as xx.yaml gives it; None where it gives none (an old
        or broken xx.yaml: ``county`` is then a name or ``default``)."""
        code = self.county
        return code if len(code) == 6 and code.isdigit() else None

    @property
    def county_name(self) -> str:
        return str(self.config.get("county") or "")

    @property
    def database_url(self) -> str:
        """The database: a workspace on a server uses ``XX_DATABASE_URL`` when set (it carries
        the password that xx.yaml should not), else the config's ``database_url``; a
        workspace of its own uses its SQLite file, whatever ``XX_DATABASE_URL`` says, so
        ``xx demo`` or a local workspace never writes into a county's server.

        A workspace made before this rule with ``XX_DATABASE_URL`` and no ``--db`` has no
        address in its config and no SQLite file: it keeps using the variable's server.
        """
        url = self.config.get("database_url")
        env = os.environ.get(ENV_DATABASE_URL)
        if url and not str(url).startswith("sqlite"):
            if env and not _same_server(env, str(url)):
                # the variable carries the password for xx.yaml's database, not another one (review R56)
                raise UsageError(M.ERR_ENV_OTHER_DATABASE.format(env=ENV_DATABASE_URL, path=self.root / CONFIG_NAME))
            return str(env or url)
        if url:
            return str(url)
        if env and not self.config.get("local_database") and not (self.root / DB_NAME).exists():
            return env  # made by an older xx on the variable's server
        return self.local_database_url

    @property
    def local_database_url(self) -> str:
        """The workspace's own SQLite file."""
        # The address is a URL: a % (兴县%20考核) or ? in a folder's name would be read as
        # an escape or the start of options, and the file sought elsewhere.
        path = (self.root / DB_NAME).resolve().as_posix()
        return "sqlite:///" + path.replace("%", "%25").replace("?", "%3F")


def _same_server(a: str, b: str) -> bool:
    """Whether two server addresses name one database (host, port and name; the user when both say)."""
    (host_a, db_a, user_a), (host_b, db_b, user_b) = _server_of(a), _server_of(b)
    return (host_a, db_a) == (host_b, db_b) and (not user_a or not user_b or user_a == user_b)


def _server_of(url: str) -> tuple[str, str, str]:
    """(host and port, database, user) a server address names, the password left out."""
    from urllib.parse import urlsplit

    try:
        u = urlsplit(url)
        netloc = u.netloc.rsplit("@", 1)
        user = netloc[0].split(":", 1)[0] if len(netloc) == 2 else ""
        host = netloc[-1].lower()
        for local in ("localhost", "[::1]"):  # one machine, however named (review R57)
            host = host.replace(local, "127.0.0.1", 1) if host.startswith(local) else host
        return (host, u.path.strip("/"), user)
    except ValueError:
        return (url, "", "")


def read_config(root: Path) -> dict[str, Any]:
    """The workspace's xx.yaml; UsageError naming what is wrong (an officer may edit it)."""
    path = root / CONFIG_NAME

    def bad(reason: str) -> UsageError:
        return UsageError(M.ERR_CONFIG.format(path=path, reason=reason) + "\n" + M.ERR_CONFIG_HINT)

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError:
        raise bad(M.ERR_CONFIG_ENCODING) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise bad(M.ERR_CONFIG_YAML.format(line=mark.line + 1 if mark is not None else "?")) from None
    if not isinstance(data, dict):
        raise bad(M.ERR_CONFIG_SHAPE)
    code = data.get("county_code")
    if code is None:
        # Every xx.yaml xx writes names the county's code, which keys its data: one emptied
        # or cut down by hand would open an empty county and import into a hidden one.
        raise bad(M.ERR_CONFIG_NO_CODE)
    if not re.fullmatch(r"\d{6}", str(code)):
        raise bad(M.ERR_CONFIG_CODE.format(value=code))
    return data


def write_config(root: Path, config: dict[str, Any]) -> None:
    """Write ``xx.yaml``; one holding a database password (--db given with it) is readable by
    its owner alone where the system has such modes (review R85: other logins could read it)."""
    from xingxian_cli.io.store import without_password

    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    tmp = root / (CONFIG_NAME + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    url = config.get("database_url")
    if isinstance(url, str) and without_password(url) != url and os.name == "posix":
        tmp.chmod(0o600)
    tmp.replace(root / CONFIG_NAME)


def find_workspace(explicit: Path | None = None, cwd: Path | None = None, *, any_config: bool = False) -> Workspace:
    """Find the workspace: ``explicit``, then ``XX_WORKSPACE``, then cwd and its parents.

    With ``any_config`` a config that cannot be read counts as the default one (a
    workspace-local SQLite database): restore replaces it, and must not be stopped by it.
    """
    given = explicit or (Path(os.environ[ENV_WORKSPACE]) if os.environ.get(ENV_WORKSPACE) else None)
    if given is not None:
        if (given / CONFIG_NAME).is_file():
            return Workspace(given.resolve(), _config(given.resolve(), any_config))
        raise WorkspaceNotFound(given, explicit=True, from_env=explicit is None)
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return Workspace(folder, _config(folder, any_config))
    raise WorkspaceNotFound(start, explicit=False)


def _config(root: Path, any_config: bool) -> dict[str, Any]:
    try:
        return read_config(root)
    except UsageError:
        if any_config:
            return {}
        raise


def new_config(county: str, county_code: str, database_url: str | None) -> dict[str, Any]:
    config: dict[str, Any] = {
        "county": county,
        "county_code": county_code,
        "database_url": database_url,
    }
    if database_url is None:
        # Its own SQLite file, always (xx.sqlite3 lost is then said, never taken for a server's
        # workspace of an older xx that followed XX_DATABASE_URL).
        config["local_database"] = True
    config["created_at"] = datetime.now().isoformat(timespec="seconds")
    return config
