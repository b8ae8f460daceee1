"""Start the app's server (Voilà, as :mod:`repairbook.serve_voila` runs it) and stop it
completely: one lifecycle for `repairbook serve` and `repairbook workshop serve`.

What this guarantees, each covered by a test:

- it listens on 127.0.0.1 unless told otherwise, on exactly the port asked for: a port in
  use is reported as taken (:class:`PortTaken`), never swapped for another one;
- an unguessable token is part of the one URL printed; requests without it are refused; the
  token reaches Voilà in its environment, never on a command line (``ps`` shows no token);
- each page's kernel answers only the browser that opened the page, and a request for a
  host name the server does not serve is refused (see :mod:`repairbook.serve_voila`);
- no Python traceback reaches the page (``show_tracebacks`` off);
- the notebook folder is a fresh private temporary folder that holds only the app
  notebook, and ``/voila/files`` serves nothing (an empty allow-list), so no workbook byte
  can be fetched; the workbook path reaches the kernel through the environment;
- our own page template (``repairbook``) extends Voilà's lab template without its
  CDN stylesheets: the page asks nothing of any host but this server;
- HTTPS with the certificate of :mod:`repairbook.tls` when one is given;
- SIGINT, SIGTERM or SIGHUP to the command stop Voilà and every kernel and remove the
  temporary folder; if the command itself is killed, Voilà notices (PR_SET_PDEATHSIG and a
  watchdog) and stops the same way; idle kernels are culled, and a cap on open pages holds.
"""

from __future__ import annotations

import contextlib
import ctypes
import ipaddress
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import nbformat

from repairbook.serve_voila import ENV_TOKEN, EXIT_PORT_TAKEN, READY_FILE

#: our Voilà template and static files live here (a JUPYTER_PATH entry)
DATA_DIR = Path(__file__).parent / "serve_data"
TEMPLATE = "repairbook"

APP_SOURCE = """import repairbook.ui as rb
rb.app()"""

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: the signals that stop a server
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class ServeError(Exception):
    """The server could not start; the message is for the person who ran the command."""


class PortTaken(ServeError):
    def __init__(self, host: str, port: int):
        super().__init__(f"port {port} on {host} is in use")
        self.host = host
        self.port = port


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


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def lan_address() -> str | None:
    """This computer's address on the home network, or None.

    Asks the kernel which local address it would use to reach a documentation-only address
    (TEST-NET-1): connecting a UDP socket only picks a route, no packet is sent."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))
            addr = str(s.getsockname()[0])
        except OSError:
            return None
    ip = ipaddress.ip_address(addr)
    if ip.is_loopback or ip.is_unspecified or not (ip.is_private or ip.is_link_local):
        return None
    return addr


def can_listen_on(host: str) -> bool:
    """Whether ``host`` is an address of this computer (a wildcard counts)."""
    try:
        infos = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False
    for family, kind, proto, _name, addr in infos:
        with socket.socket(family, kind, proto) as s:
            try:
                s.bind((addr[0], 0))
                return True
            except OSError:
                continue
    return False


@dataclass
class ServeOptions:
    workbook: Path
    port: int = 8866
    host: str = "127.0.0.1"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    cull_interval: int = 60
    cull_idle_timeout: int = 900
    #: page kernels alive at once; past it a visitor gets a calm "a moment, please" page
    max_kernels: int = 12
    #: kernels kept started ahead of the next page (its imports done, nobody's data)
    warm_kernels: int = 1
    notebook_source: str = APP_SOURCE
    #: TLS certificate and key (PEM files); HTTPS when both are set
    certfile: Path | None = None
    keyfile: Path | None = None
    #: the host names couples type (besides ``host``), e.g. a proxy's or a printed address's
    public_hosts: list[str] = field(default_factory=list)
    extra_env: dict[str, str] = field(default_factory=dict)
    extra_args: list[str] = field(default_factory=list)

    @property
    def scheme(self) -> str:
        return "https" if self.certfile else "http"

    @property
    def shown_host(self) -> str:
        if self.host in ("127.0.0.1", "localhost", ""):
            return "127.0.0.1"
        if self.host in ("0.0.0.0", "::") and self.public_hosts:
            return self.public_hosts[0]
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.shown_host}:{self.port}/"

    @property
    def url(self) -> str:
        return f"{self.base}?token={self.token}"

    def allowed_hosts(self) -> list[str]:
        """Every name a browser may put in the Host header for this server."""
        hosts = {self.host, *self.public_hosts}
        if is_loopback(self.host) or self.host in ("", "0.0.0.0", "::"):
            hosts |= {"127.0.0.1", "localhost"}
        if self.host in ("", "0.0.0.0", "::"):
            hosts |= set(_local_addresses())
        return sorted(h for h in hosts if h and h not in ("0.0.0.0", "::"))


def _local_addresses() -> list[str]:
    out = {"127.0.0.1"}
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None):
            out.add(str(info[4][0]))
    lan = lan_address()
    if lan:
        out.add(lan)
    return sorted(out)


def voila_command(opts: ServeOptions, notebook: Path, folder: Path | None = None) -> list[str]:
    """Voilà's command line. It carries no secret: the token goes in the environment."""
    args = [
        sys.executable,
        "-m",
        "repairbook.serve_voila",
        str(notebook),
        "--no-browser",
        f"--port={opts.port}",
        f"--Voila.ip={opts.host}",
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
        f"--RepairbookVoila.max_kernels={opts.max_kernels}",
        f"--RepairbookVoila.warm_kernels={opts.warm_kernels}",
        f"--RepairbookVoila.allowed_hosts={','.join(opts.allowed_hosts())}",
        f"--RepairbookVoila.parent_pid={os.getpid()}",
    ]
    if folder is not None:
        args.append(f"--RepairbookVoila.server_folder={folder}")
    if opts.certfile and opts.keyfile:
        args += [
            f"--RepairbookVoila.certfile={opts.certfile}",
            f"--RepairbookVoila.keyfile={opts.keyfile}",
        ]
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
    env[ENV_TOKEN] = opts.token
    return env


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """In Voilà's process, before it starts: SIGTERM when the command that started it dies."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class _Stop(Exception):
    pass


class Server:
    """A running app server; use as a context manager, or start() then serve_forever()."""

    def __init__(self, opts: ServeOptions, *, quiet: bool = False):
        self.opts = opts
        self.quiet = quiet
        self.folder = Path(tempfile.mkdtemp(prefix="repairbook-app-"))
        os.chmod(self.folder, 0o700)
        self.notebook = self.folder / "repairbook.ipynb"
        nbformat.write(app_notebook(opts.notebook_source), self.notebook)
        self.proc: subprocess.Popen[bytes] | None = None
        self.stop_signal: int | None = None

    def start(self, *, wait: bool = True, timeout: float = 90) -> Server:
        """Start Voilà; with ``wait``, return once it listens (PortTaken if the port is in use)."""
        out = subprocess.DEVNULL if self.quiet else None
        self.proc = subprocess.Popen(
            voila_command(self.opts, self.notebook, self.folder),
            env=voila_env(self.opts),
            cwd=self.folder,
            stdout=out,
            stderr=out,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        if wait:
            self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 90) -> None:
        assert self.proc is not None
        end = time.monotonic() + timeout
        ready = self.folder / READY_FILE
        while time.monotonic() < end:
            if ready.exists():
                return
            code = self.proc.poll()
            if code is not None:
                self.stop()
                if code == EXIT_PORT_TAKEN:
                    raise PortTaken(self.opts.host, self.opts.port)
                raise ServeError(f"exit {code}")
            time.sleep(0.1)
        self.stop()
        raise TimeoutError(timeout)

    def serve_forever(self) -> int:
        """Wait until a stop signal (or Voilà's own end); stop everything; return Voilà's exit
        code, or 0 after a stop signal."""
        assert self.proc is not None

        def on_signal(signum: int, frame: FrameType | None) -> None:
            self.stop_signal = signum
            raise _Stop

        previous = {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}
        code: int | None = None
        try:
            code = self.proc.wait()
        except (_Stop, KeyboardInterrupt):
            code = 0
        finally:
            # a second signal while stopping must not cut the stop short
            for sig in STOP_SIGNALS:
                signal.signal(sig, signal.SIG_IGN)
            self.stop()
            for sig, old in previous.items():
                signal.signal(sig, old)
        return 0 if self.stop_signal else int(code or 0)

    def wait(self) -> int:
        """Kept for callers of the earlier API: the same as :meth:`serve_forever`."""
        return self.serve_forever()

    def stop(self, timeout: float = 15) -> None:
        """Stop Voilà and its kernels (Voilà shuts them down on SIGTERM), then remove the
        temporary folder. Safe to call twice."""
        proc = self.proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if proc is not None:
            _stop_kernels_of(self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _stop_kernels_of(folder: Path) -> None:
    """Kernels whose connection file is in ``folder`` (if Voilà could not stop them)."""
    mark = str(folder).encode()
    try:
        entries = os.listdir("/proc")
    except OSError:  # no /proc (not Linux): Voilà's own stop and the kernels' watch suffice
        return
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmd = fh.read()
        except OSError:
            continue
        if b"ipykernel" in cmd and mark in cmd:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(entry), signal.SIGKILL)
