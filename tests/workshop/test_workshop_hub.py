"""deploy/jupyterhub_config.py under a real JupyterHub: couples reach the app and nothing else.

The config is loaded as JupyterHub loads it (a traitlets Config) for the settings, and then run
for real: JupyterHub (from PyPI) in demo mode with configurable-http-proxy (from npm; `make
hub-deps` installs it into .cache/chp), two couples logging in with the room password, each
landing on its own app, every REST path refused, the other couple's server out of reach.
"""

from __future__ import annotations

import os
import re
import runpy
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PASSWORD = "a room password"
ADMIN_PASSWORD = "the facilitator's own, longer passphrase for admins"


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
        REPAIRBOOK_HUB_PASSWORD=PASSWORD,
        REPAIRBOOK_HUB_USERS="table-1,table-2",
        REPAIRBOOK_HUB_ADMINS="sam",
    )
    assert c.Spawner.default_url == "/voila/render/app.ipynb"
    assert c.JupyterHub.default_url.endswith("/voila/render/app.ipynb")
    assert c.Authenticator.allowed_users == {"table-1", "table-2", "sam"}
    assert c.Authenticator.allow_all is False
    assert "mem_limit" not in c.Spawner  # nothing enforces it with these spawners: no claim
    args = " ".join(c.Spawner.args)
    for needed in (
        "--VoilaConfiguration.template=repairbook",
        "--ServerApp.authorizer_class=repairbook.hub.AppOnlyAuthorizer",
        "allowed_message_types",
        "'jupyterlab': False",
    ):
        assert needed in args
    spawner = SimpleNamespace(user=SimpleNamespace(name="table-1"), environment={})
    c.Spawner.pre_spawn_hook(spawner)
    folder = tmp_path / "users" / "table-1"
    nb = nbformat.read(folder / "app" / "app.ipynb", as_version=4)
    assert "rb.app()" in nb.cells[0].source
    assert spawner.environment["REPAIRBOOK_WORKBOOK"] == str(folder / "workbook")
    assert c.Spawner.notebook_dir == str(tmp_path / "users" / "{username}" / "app")
    assert stat.S_IMODE((folder / "workbook").stat().st_mode) == 0o700


def test_system_config_uses_accounts_and_their_own_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _load(
        monkeypatch,
        REPAIRBOOK_HUB_ROOT=str(tmp_path),
        REPAIRBOOK_HUB_USERS="a,b",
        REPAIRBOOK_HUB_ADMINS="f",
    )
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.Authenticator.allowed_users == {"a", "b", "f"}
    assert c.Authenticator.admin_users == {"f"}


def test_the_authorizer_lets_a_couple_use_only_its_page_channels() -> None:
    from repairbook.hub import couple_may

    assert couple_may("kernels", "execute")
    for resource in ("kernels", "contents", "sessions", "terminals", "kernelspecs", "nbconvert"):
        for action in ("read", "write"):
            assert not couple_may(resource, action), (resource, action)


# -- a real hub ---------------------------------------------------------------------------------


def _proxy() -> str | None:
    found = shutil.which("configurable-http-proxy")
    local = ROOT / ".cache" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
    return found or (str(local) if local.exists() else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    pytest.importorskip("jupyterhub")
    proxy = _proxy()
    assert proxy, "configurable-http-proxy is missing: run `make hub-deps`"
    root = tmp_path_factory.mktemp("hub")
    port, hub_port, api_port = _free_port(), _free_port(), _free_port()
    wrapper = root / "config.py"
    wrapper.write_text(
        f"load_subconfig({str(CONFIG)!r})\n"
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{hub_port}'\n"
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'\n"
        "c.Spawner.cmd = ["
        + repr(str(Path(sys.executable).with_name("jupyterhub-singleuser")))
        + "] if __import__('os').path.exists("
        + repr(str(Path(sys.executable).with_name("jupyterhub-singleuser")))
        + ") else ['jupyterhub-singleuser']\n",
        encoding="utf-8",
    )
    env = dict(
        os.environ,
        REPAIRBOOK_HUB_MODE="demo",
        REPAIRBOOK_HUB_ROOT=str(root),
        REPAIRBOOK_HUB_URL=f"http://127.0.0.1:{port}",
        REPAIRBOOK_HUB_PASSWORD=PASSWORD,
        REPAIRBOOK_HUB_ADMIN_PASSWORD=ADMIN_PASSWORD,
        REPAIRBOOK_HUB_USERS="alex,kim",
        REPAIRBOOK_HUB_ADMINS="sam",
        REPAIRBOOK_HUB_PROXY=proxy,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    log = (root / "hub.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(wrapper)],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    import requests

    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{url}/hub/api", timeout=2).status_code == 200:
                break
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    else:  # pragma: no cover - a hub that never answered
        pass
    if proc.poll() is not None:
        pytest.fail(
            "JupyterHub stopped:\n" + (root / "hub.log").read_text(errors="replace")[-3000:]
        )
    try:
        yield SimpleNamespace(url=url, root=root, log=root / "hub.log")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:  # pragma: no cover
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def _login(hub: SimpleNamespace, name: str, password: str = PASSWORD) -> tuple[object, str]:
    """Log in and follow the redirects to where the hub lands the user; (session, final url)."""
    import requests

    s = requests.Session()
    page = s.get(f"{hub.url}/hub/login", timeout=30)
    xsrf = s.cookies.get("_xsrf") or re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = s.post(
        f"{hub.url}/hub/login?next=",
        data={"username": name, "password": password, "_xsrf": xsrf},
        timeout=120,
    )
    # the spawn may take a while: follow the hub's pending page until the server is up
    for _ in range(120):
        if "/voila/render/" in r.url or r.status_code >= 400:
            break
        time.sleep(0.5)
        r = s.get(r.url, timeout=120)
    return s, r.url


@pytest.mark.slow
def test_a_real_hub_gives_each_couple_its_app_and_nothing_else(hub: SimpleNamespace) -> None:
    alex, landed = _login(hub, "alex")
    assert landed.endswith("/user/alex/voila/render/app.ipynb"), hub.log.read_text()[-3000:]
    page = alex.get(landed, timeout=120)  # type: ignore[attr-defined]
    assert page.status_code == 200 and "voila" in page.text.lower()
    kim, landed_kim = _login(hub, "kim")
    assert landed_kim.endswith("/user/kim/voila/render/app.ipynb")
    # each couple its own workbook folder, outside the server's root
    assert (hub.root / "users" / "alex" / "app" / "app.ipynb").is_file()
    assert (hub.root / "users" / "kim" / "workbook").is_dir()

    base = f"{hub.url}/user/alex"
    token = alex.cookies.get("_xsrf", path="/user/alex/") or ""  # type: ignore[attr-defined]
    refused = {
        "GET /api/kernels": alex.get(f"{base}/api/kernels", timeout=30),  # type: ignore[attr-defined]
        "POST /api/kernels": alex.post(  # type: ignore[attr-defined]
            f"{base}/api/kernels",
            json={"name": "python3"},
            headers={"X-XSRFToken": token},
            timeout=30,
        ),
        "GET /api/contents": alex.get(f"{base}/api/contents", timeout=30),  # type: ignore[attr-defined]
        "GET /api/sessions": alex.get(f"{base}/api/sessions", timeout=30),  # type: ignore[attr-defined]
        "GET /api/terminals": alex.get(f"{base}/api/terminals", timeout=30),  # type: ignore[attr-defined]
        "GET /files/app.ipynb": alex.get(f"{base}/files/app.ipynb", timeout=30),  # type: ignore[attr-defined]
        "GET /lab": alex.get(f"{base}/lab", timeout=30, allow_redirects=False),  # type: ignore[attr-defined]
    }
    for what, r in refused.items():
        assert r.status_code in (403, 404), (what, r.status_code, r.text[:200])
        assert "workbook" not in r.text.lower() or r.status_code == 404, what
    # the other couple's server: not with alex's login
    other = alex.get(
        f"{hub.url}/user/kim/voila/render/app.ipynb", timeout=30, allow_redirects=False
    )  # type: ignore[attr-defined]
    assert other.status_code in (302, 403, 404)
    if other.status_code == 302:
        assert "/user/kim/voila" not in other.headers.get("Location", "").split("?")[0]
    api = alex.get(f"{hub.url}/user/kim/api/contents", timeout=30, allow_redirects=False)  # type: ignore[attr-defined]
    assert api.status_code in (302, 403, 404)


@pytest.mark.slow
def test_only_listed_couples_and_admins_log_in(hub: SimpleNamespace) -> None:
    import requests

    s = requests.Session()
    page = s.get(f"{hub.url}/hub/login", timeout=30)
    xsrf = s.cookies.get("_xsrf") or re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = s.post(
        f"{hub.url}/hub/login",
        data={"username": "stranger", "password": PASSWORD, "_xsrf": xsrf},
        timeout=30,
        allow_redirects=False,
    )
    assert r.status_code == 403 or "/hub/login" in r.headers.get("Location", "/hub/login")
    admin, landed = _login(hub, "sam", ADMIN_PASSWORD)
    assert "/user/sam/" in landed
    assert admin.get(f"{hub.url}/hub/admin", timeout=30).status_code == 200  # type: ignore[attr-defined]
