"""deploy/jupyterhub_config.py loads, and its pre-spawn hook prepares a couple's folder.

JupyterHub itself is not a dependency of the suite: the file is run with a plain traitlets
Config as JupyterHub would run it, and its hook with a stand-in spawner. The real login,
spawn and Voilà page were smoke-tested by hand (docs/workshop.md says how).
"""

from __future__ import annotations

import runpy
import stat
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from traitlets.config import Config

CONFIG = Path(__file__).resolve().parents[1] / "deploy" / "jupyterhub_config.py"


def _load(monkeypatch: pytest.MonkeyPatch, **env: str) -> Config:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    c = Config()
    runpy.run_path(str(CONFIG), init_globals={"get_config": lambda: c})
    return c


def test_demo_config_lands_on_the_app_and_prepares_each_couple(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _load(
        monkeypatch,
        REPAIRBOOK_HUB_MODE="demo",
        REPAIRBOOK_HUB_ROOT=str(tmp_path),
        REPAIRBOOK_HUB_PASSWORD="a room password",
    )
    assert c.Spawner.default_url == "/voila/render/app.ipynb"
    assert c.JupyterHub.authenticator_class == "shared-password"
    args = " ".join(c.Spawner.args)
    for needed in (
        "--VoilaConfiguration.template=repairbook",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.file_allowlist=[]",
        "'jupyterlab': False",
        "cull_idle_timeout",
    ):
        assert needed in args
    spawner = SimpleNamespace(user=SimpleNamespace(name="table-1"), environment={})
    c.Spawner.pre_spawn_hook(spawner)
    folder = tmp_path / "users" / "table-1"
    nb = nbformat.read(folder / "app" / "app.ipynb", as_version=4)
    assert "rb.app()" in nb.cells[0].source
    assert spawner.environment["REPAIRBOOK_WORKBOOK"] == str(folder / "workbook")
    assert "serve_data" in spawner.environment["JUPYTER_PATH"]
    # the workbook sits outside the server's root: /files cannot reach it
    assert c.Spawner.notebook_dir == str(tmp_path / "users" / "{username}" / "app")
    assert stat.S_IMODE((folder / "workbook").stat().st_mode) == 0o700


def test_system_config_uses_accounts_and_their_own_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _load(monkeypatch, REPAIRBOOK_HUB_ROOT=str(tmp_path), REPAIRBOOK_HUB_USERS="a,b")
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.Authenticator.allowed_users == {"a", "b"}
    assert c.Spawner.notebook_dir == "~/repairbook/app"
