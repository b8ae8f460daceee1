"""JupyterHub for repairbook: many rooms, one single-user server per couple, Voilà as its app.

One ``repairbook workshop serve`` process suits one room. A clinic or a programme with many
rooms uses JupyterHub, the established multi-user engine, instead: each couple logs in,
gets its own single-user Jupyter server (its own process, or container), and lands on the
couple's app rendered by Voilà's server extension at ``/user/<name>/voila/render/app.ipynb``.

Run it with::

    jupyterhub -f deploy/jupyterhub_config.py

Settings come from the environment, so this file stays as it is:

``REPAIRBOOK_HUB_ROOT``      where couples' folders live in ``demo`` mode (default /srv/repairbook)
``REPAIRBOOK_HUB_URL``       the address the hub listens on (default http://127.0.0.1:8000);
                             put a TLS proxy in front, or set ``c.JupyterHub.ssl_cert/ssl_key``
``REPAIRBOOK_HUB_MODE``      ``system`` (default): every couple is a system account (PAM login),
                             its server runs as that account, so couples cannot read each
                             other's files; ``demo``: a trial on one machine with one shared
                             password and every server running as the hub's own user (the
                             files are NOT isolated by the system: only for trying it out)
``REPAIRBOOK_HUB_USERS``     comma-separated couples' user names: only they (and the admins)
                             may log in, in both modes
``REPAIRBOOK_HUB_PASSWORD``  the couples' shared password in ``demo`` mode (8+ characters)
``REPAIRBOOK_HUB_ADMINS``    comma-separated admin (facilitator) user names
``REPAIRBOOK_HUB_ADMIN_PASSWORD``  the admins' password in ``demo`` mode (32+ characters)
``REPAIRBOOK_HUB_PROXY``     the configurable-http-proxy command, when it is not on PATH

What a couple reaches on its own server: the app, and nothing else. Voilà is the only
front end; :class:`repairbook.hub.AppOnlyAuthorizer` refuses ``/api/kernels``,
``/api/contents``, ``/api/sessions``, ``/api/terminals``, ``/files`` and ``/lab`` (403), and
``MappingKernelManager.allowed_message_types`` lets only widget messages through the page's
kernel channel, so no code can be sent to a kernel. Memory: the spawners used here
(LocalProcessSpawner, SimpleLocalProcessSpawner) enforce no memory limit; idle kernels are
culled and an unused server stops itself. For a hard limit per couple use a spawner that
enforces one (systemdspawner, DockerSpawner, KubeSpawner) and set ``c.Spawner.mem_limit``.

Each couple's folder holds ``app/app.ipynb`` (the two-line app notebook; the server's root,
so nothing else is reachable under ``/files``) and ``workbook/`` (the couple's workbook,
outside the server's root), passed to the kernel as ``REPAIRBOOK_WORKBOOK``.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path
from typing import Any

c: Any = get_config()  # type: ignore[name-defined]  # noqa: F821 - JupyterHub provides it

MODE = os.environ.get("REPAIRBOOK_HUB_MODE", "system")
ROOT = Path(os.environ.get("REPAIRBOOK_HUB_ROOT", "/srv/repairbook"))
APP_DIR = "app"
WORKBOOK_DIR = "workbook"

# -- the hub --------------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("REPAIRBOOK_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.cookie_secret_file = str(ROOT / "jupyterhub_cookie_secret")
c.JupyterHub.db_url = f"sqlite:///{ROOT / 'jupyterhub.sqlite'}"
c.JupyterHub.pid_file = str(ROOT / "jupyterhub.pid")
if os.environ.get("REPAIRBOOK_HUB_PROXY"):
    c.ConfigurableHTTPProxy.command = os.environ["REPAIRBOOK_HUB_PROXY"].split()


def _names(var: str) -> set[str]:
    return {u.strip() for u in os.environ.get(var, "").split(",") if u.strip()}


ADMINS = _names("REPAIRBOOK_HUB_ADMINS")
COUPLES = _names("REPAIRBOOK_HUB_USERS")
c.Authenticator.admin_users = ADMINS
# only the listed couples and the admins log in, in every mode
c.Authenticator.allow_all = False
c.Authenticator.allowed_users = COUPLES | ADMINS
# the couple lands on its app, never on the hub's home page or a file browser
c.JupyterHub.default_url = "/hub/user-redirect/voila/render/app.ipynb"
c.Spawner.default_url = "/voila/render/app.ipynb"
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120

if MODE == "demo":
    # one shared password for the room (at least 8 characters)
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ.get("REPAIRBOOK_HUB_PASSWORD", "")
    if os.environ.get("REPAIRBOOK_HUB_ADMIN_PASSWORD"):
        c.SharedPasswordAuthenticator.admin_password = os.environ["REPAIRBOOK_HUB_ADMIN_PASSWORD"]
    c.JupyterHub.spawner_class = "simple"  # every server runs as the hub's user: not isolated
    c.Spawner.notebook_dir = str(ROOT / "users" / "{username}" / APP_DIR)
else:
    # system accounts: PAM login, each server runs as the couple's own account
    c.JupyterHub.authenticator_class = "pam"
    c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.notebook_dir = "~/repairbook/" + APP_DIR


def couple_folder(spawner: Any) -> Path:
    """The couple's folder: under ROOT in demo mode, ~/repairbook for a system account."""
    if MODE == "demo":
        return ROOT / "users" / spawner.user.name
    return Path(pwd.getpwnam(spawner.user.name).pw_dir) / "repairbook"


def prepare(spawner: Any) -> None:
    """Before each start: the app notebook in place, the workbook path in the environment."""
    import nbformat

    from repairbook.serve import DATA_DIR, app_notebook

    folder = couple_folder(spawner)
    app = folder / APP_DIR
    app.mkdir(parents=True, exist_ok=True)
    (folder / WORKBOOK_DIR).mkdir(exist_ok=True)
    nbformat.write(app_notebook(), app / "app.ipynb")
    if MODE != "demo":
        user = pwd.getpwnam(spawner.user.name)
        for p in (folder, app, folder / WORKBOOK_DIR, app / "app.ipynb"):
            os.chown(p, user.pw_uid, user.pw_gid)
    for p in (folder, folder / WORKBOOK_DIR):
        os.chmod(p, 0o700)
    spawner.environment.update(
        {
            "REPAIRBOOK_WORKBOOK": str(folder / WORKBOOK_DIR),
            # our Voilà template "repairbook" first, then whatever the hub was given
            "JUPYTER_PATH": os.pathsep.join(
                p for p in (str(DATA_DIR), os.environ.get("JUPYTER_PATH", "")) if p
            ),
            "MPLBACKEND": "Agg",
            # the admins the couple's server lets through (repairbook.hub)
            "REPAIRBOOK_HUB_ADMINS": ",".join(sorted(ADMINS)),
        }
    )


c.Spawner.pre_spawn_hook = prepare

# -- each couple's single-user server: Voilà with repairbook serve's safe settings ---------------
c.Spawner.args = [
    # Voilà only: no JupyterLab or notebook front end on a couple's server
    "--ServerApp.jpserver_extensions={'voila': True, 'jupyterlab': False, 'notebook': False, "
    "'notebook_shim': False, 'jupyter_server_terminals': False}",
    "--ServerApp.terminals_enabled=False",
    # a couple reaches the app only: every other API refused, no code sent to a kernel
    "--ServerApp.authorizer_class=repairbook.hub.AppOnlyAuthorizer",
    "--MappingKernelManager.allowed_message_types="
    "['comm_msg', 'comm_info_request', 'kernel_info_request', 'comm_close']",
    "--VoilaConfiguration.template=repairbook",
    "--VoilaConfiguration.show_tracebacks=False",
    "--VoilaConfiguration.file_allowlist=[]",
    "--VoilaConfiguration.file_denylist=['.*']",
    "--VoilaConfiguration.strip_sources=True",
    "--VoilaConfiguration.show_margins=False",
    # a page left alone gives its memory back; an unused server stops itself
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_idle_timeout=900",
    "--MappingKernelManager.cull_connected=False",
    "--ServerApp.shutdown_no_activity_timeout=3600",
]
if MODE == "demo" and hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--ServerApp.allow_root=True")  # a demo run as root (containers, CI)
# No c.Spawner.mem_limit: the spawners above do not enforce one (see the top of this file).
