"""Start Voilà on the app notebook with safe settings.

What this guarantees, each covered by a test:

- it listens on 127.0.0.1 unless told otherwise (the workshop server may bind wider);
- an unguessable token is part of the one URL printed; requests without it are refused;
- no Python traceback reaches the page (``show_tracebacks`` off);
- the notebook folder is a fresh private temporary folder that holds only the app
  notebook, and ``/voila/files`` serves nothing (an empty allow-list), so no workbook byte
  can be fetched; the workbook path reaches the kernel through the environment;
- our own page template (``repairbook``) extends Voilà's lab template without its
  CDN stylesheets: the page asks nothing of any host but this server;
- kernels are preheated when Voilà supports it, and idle kernels are culled.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

#: our Voilà template and static files live here (a JUPYTER_PATH entry)
DATA_DIR = Path(__file__).parent / "serve_data"
TEMPLATE = "repairbook"

APP_SOURCE = """import repairbook.ui as rb
rb.app()"""


def app_notebook(source: str = APP_SOURCE) -> nbformat.NotebookNode:
    """The app notebook: two lines that call the package."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    return nb


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@dataclass
class ServeOptions:
    workbook: Path
    port: int = 8866
    host: str = "127.0.0.1"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    preheat: bool = True
    pool_size: int = 1
    cull_interval: int = 60
    cull_idle_timeout: int = 900
    notebook_source: str = APP_SOURCE
    extra_env: dict[str, str] = field(default_factory=dict)
    extra_args: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("127.0.0.1", "localhost") else self.host
        return f"http://{host}:{self.port}/?token={self.token}"


def voila_command(opts: ServeOptions, notebook: Path) -> list[str]:
    args = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--port={opts.port}",
        f"--Voila.ip={opts.host}",
        f"--token={opts.token}",
        f"--template={TEMPLATE}",
        "--show_tracebacks=False",
        "--VoilaConfiguration.file_allowlist=[]",
        "--VoilaConfiguration.file_denylist=['.*']",
        "--VoilaConfiguration.extension_denylist=['@voila-dashboards/jupyterlab-preview', 'jupyterlab_pygments']",
        "--VoilaConfiguration.show_margins=False",
        "--VoilaConfiguration.strip_sources=True",
        f"--MappingKernelManager.cull_interval={opts.cull_interval}",
        f"--MappingKernelManager.cull_idle_timeout={opts.cull_idle_timeout}",
        "--MappingKernelManager.cull_connected=False",
        "--Voila.tornado_settings={'headers': {'X-Frame-Options': 'DENY', "
        "'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff'}}",
    ]
    if opts.preheat and opts.pool_size > 0:
        args += ["--preheat_kernel=True", f"--pool_size={opts.pool_size}"]
    return args + list(opts.extra_args)


def voila_env(opts: ServeOptions) -> dict[str, str]:
    env = dict(os.environ)
    jp = [str(DATA_DIR)]
    if env.get("JUPYTER_PATH"):
        jp.append(env["JUPYTER_PATH"])
    # Voilà's own templates live in the prefix it was installed into; in a virtual
    # environment made with --system-site-packages that is the base interpreter's
    for prefix in dict.fromkeys((sys.prefix, sys.base_prefix)):
        jp.append(str(Path(prefix) / "share" / "jupyter"))
    env["JUPYTER_PATH"] = os.pathsep.join(jp)
    env["REPAIRBOOK_WORKBOOK"] = str(opts.workbook)
    env["MPLBACKEND"] = "Agg"
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # never inherit a passphrase into the kernel
    env.pop("REPAIRBOOK_PASSPHRASE", None)
    env.update(opts.extra_env)
    return env


class Server:
    """A running Voilà process serving the app; use as a context manager."""

    def __init__(self, opts: ServeOptions, *, quiet: bool = False):
        self.opts = opts
        self.quiet = quiet
        self.folder = Path(tempfile.mkdtemp(prefix="repairbook-app-"))
        os.chmod(self.folder, 0o700)
        self.notebook = self.folder / "repairbook.ipynb"
        nbformat.write(app_notebook(opts.notebook_source), self.notebook)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        out = subprocess.DEVNULL if self.quiet else None
        self.proc = subprocess.Popen(
            voila_command(self.opts, self.notebook),
            env=voila_env(self.opts),
            cwd=self.folder,
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
        return self

    def wait(self) -> int:
        assert self.proc is not None
        try:
            return self.proc.wait()
        except KeyboardInterrupt:
            self.stop()
            return 0

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
