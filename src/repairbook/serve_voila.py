"""Voilà as repairbook runs it: the process that `repairbook serve` and
`repairbook workshop serve` start (``python -m repairbook.serve_voila NOTEBOOK ...``).

It is Voilà's own application with the few things a couple's server needs and stock Voilà
does not do; each is covered by a test:

- **The token never on a command line.** It arrives in the environment variable
  ``REPAIRBOOK_SERVE_TOKEN``, which is removed from this process's environment before any
  kernel starts.
- **Each page's kernel is bound to the browser that opened the page.** When a page starts
  its kernel, the answer sets an HttpOnly cookie scoped to that kernel's paths; the kernel's
  websocket, its REST model and its shutdown route are refused without that cookie. Holding
  the token (every couple in a room holds the room's) and learning another page's kernel id
  is not enough to read or press anything on that page.
- **Warm kernels, not Voilà's preheat.** Voilà's preheat hand-off (``/voila/query/<id>``)
  is a websocket without authentication whose close handler can drop another kernel's
  waiter, and it left pages blank under a burst of loads; that route does not exist here.
  Instead the server keeps ``warm_kernels`` kernels started ahead of any visitor with only
  the notebook's leading imports run (no workbook opened, nothing of anyone's). A page
  takes one, receives its request's variables over the kernel's own signed channel, runs
  the notebook, and another kernel starts warming behind it. A warm kernel belongs to no
  page: it is refused to every browser, never culled, and does not count against the cap.
- **Only the addresses it serves.** A request whose ``Host`` is not one of the addresses the
  server was started for is answered 404 (no DNS rebinding from another site).
- **A cap on kernels.** When ``max_kernels`` page kernels are alive, a new page load gets a
  calm page instead of another kernel.
- **HTTPS** when given a certificate and key (:mod:`repairbook.tls` makes them).
- **One port, and said so.** A port in use ends the process with exit code 3; it never moves
  to another port.
- **Clean stops.** SIGINT, SIGTERM and SIGHUP stop every kernel and remove the server's
  temporary folder; so does the parent going away (a watchdog thread; the parent also asks
  the kernel for PR_SET_PDEATHSIG). Kernels watch this process in turn (ipykernel's parent
  poller), so nothing keeps serving.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import contextvars
import errno
import hmac
import html
import json
import logging
import os
import re
import secrets
import shutil
import signal
import ssl
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import tornado.web
from jupyter_core.utils import ensure_async, run_sync
from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.services.kernels.handlers import KernelHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import ApiPath
from traitlets import Integer, Unicode
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

ENV_TOKEN = "REPAIRBOOK_SERVE_TOKEN"
#: the exit code when the port is taken
EXIT_PORT_TAKEN = 3
#: written into the server folder once the port is listening
READY_FILE = "ready"
#: the ids of the warm kernels ready for a page, one a line (rewritten as they change)
WARM_FILE = "warm"
#: the cookie for a kernel's own routes, and the one for its "page closing" route
_log = logging.getLogger("repairbook.serve")
COOKIE_PREFIX = "rbk-"
SHUTDOWN_COOKIE_PREFIX = "rbs-"

#: kernel id -> the secret its page's browser holds
_BINDINGS: dict[str, str] = {}
#: set while a page request runs, so the kernel manager can tell it which kernel it started
_PAGE: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "repairbook_page", default=None
)


def kernel_is_bound_to(
    handler: tornado.web.RequestHandler, kernel_id: str, prefix: str = COOKIE_PREFIX
) -> bool:
    """Whether this request carries the cookie of the page that started ``kernel_id``."""
    expected = _BINDINGS.get(kernel_id)
    given = handler.get_cookie(prefix + kernel_id)
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


@dataclass(frozen=True)
class WarmSpec:
    """How the warm kernels start: what a page's kernel would get, minus the request."""

    count: int
    kernel_name: str
    path: str
    env: dict[str, str]
    #: the notebook's leading imports; nothing that opens a workbook or shows a page
    code: str


def leading_imports(source: str) -> str:
    """The import statements a notebook's code starts with (the rest is left for the page)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    out = []
    for node in tree.body:
        if not isinstance(node, ast.Import | ast.ImportFrom):
            break
        out.append(ast.unparse(node))
    return "\n".join(out)


def request_variables_code(variables: dict[str, str]) -> str:
    """Code that sets a page request's variables in a warm kernel's environment. The values
    travel as one JSON string literal: nothing in them is ever run as code."""
    data = json.dumps(variables, sort_keys=True)
    return f"__import__('os').environ.update(__import__('json').loads({data!r}))"


class BoundKernelManager(AsyncMappingKernelManager):
    """Records which page request started which kernel; forgets a kernel when it goes;
    keeps warm kernels ready for the next page (see the module's docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._warm_spec: WarmSpec | None = None
        #: warm kernels ready for a page, oldest first
        self._warm: list[str] = []
        #: every kernel the pool started that no page has taken yet (ready or warming)
        self._pooled: set[str] = set()
        self._warming = 0
        self._tasks: set[asyncio.Future[None]] = set()
        self._closing = False
        #: told whenever the list of ready warm kernels changes
        self.on_warm_change: Callable[[list[str]], None] | None = None

    # -- the page's kernel ----------------------------------------------------------------

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        page = _PAGE.get()
        kernel_id = None
        if page is not None and "kernel_id" not in page:
            kernel_id = await self._take_warm(dict(kwargs.get("env") or {}))
        if kernel_id is None:
            kernel_id = str(await super().start_kernel(*args, **kwargs))
        if page is not None and "kernel_id" not in page:
            page["kernel_id"] = kernel_id
            _BINDINGS[kernel_id] = page["secret"]
        self._refill()
        return kernel_id

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        _BINDINGS.pop(kernel_id, None)
        self._pooled.discard(kernel_id)
        was_warm = kernel_id in self._warm
        if was_warm:
            self._warm.remove(kernel_id)
            self._warm_changed()
        await super().shutdown_kernel(kernel_id, *args, **kwargs)
        if was_warm:  # a warm kernel that went (it failed): another takes its place
            self._refill()

    async def shutdown_all(self, now: bool = False) -> None:  # type: ignore[override]
        self._closing = True
        # a kernel still warming is stopped with the rest, not left to start after them
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await super().shutdown_all(now=now)

    def remove_kernel(self, kernel_id: str) -> Any:
        """Also when a kernel died on its own (the manager removes it without a shutdown):
        a warm kernel that died is replaced."""
        km = super().remove_kernel(kernel_id)
        _BINDINGS.pop(kernel_id, None)
        self._pooled.discard(kernel_id)
        if kernel_id in self._warm:
            self._warm.remove(kernel_id)
            self._warm_changed()
            self._refill()
        return km

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        if kernel_id in self._pooled:  # waiting for a page is not being idle on one
            return
        await super().cull_kernel_if_idle(kernel_id)

    def page_kernel_count(self) -> int:
        """Kernels behind pages (warm kernels waiting for a page are not counted)."""
        return sum(1 for k in self.list_kernel_ids() if k not in self._pooled)

    # -- the warm pool --------------------------------------------------------------------

    def keep_warm(self, spec: WarmSpec) -> None:
        """Start keeping ``spec.count`` kernels warm."""
        self._warm_spec = spec
        self._refill()

    def _warm_changed(self) -> None:
        if self.on_warm_change is not None:
            self.on_warm_change(list(self._warm))

    def _refill(self) -> None:
        spec = self._warm_spec
        if spec is None or self._closing:
            return
        while len(self._warm) + self._warming < spec.count:
            self._warming += 1
            task = asyncio.ensure_future(self._warm_one(spec))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _warm_one(self, spec: WarmSpec) -> None:
        # the id is known (and not a page's) before the kernel exists, so the cap never
        # counts a kernel that is still warming
        kernel_id = str(uuid.uuid4())
        self._pooled.add(kernel_id)
        try:
            if self._closing:
                return
            await super().start_kernel(
                kernel_id=kernel_id,
                kernel_name=spec.kernel_name,
                path=ApiPath(spec.path),
                env=spec.env,
            )
            if spec.code:
                await self._run(kernel_id, spec.code)
            if self._closing or kernel_id not in self:
                raise RuntimeError("the server is stopping")
            self._warm.append(kernel_id)
            self._warm_changed()
        except (Exception, asyncio.CancelledError) as err:
            # a kernel that would not warm (or the server stopping) is not offered
            if not isinstance(err, asyncio.CancelledError):
                _log.warning("a warm kernel could not be prepared", exc_info=True)
            if kernel_id in self:
                await self.shutdown_kernel(kernel_id, now=True)
            if isinstance(err, asyncio.CancelledError):
                raise
        finally:
            self._warming -= 1
            if kernel_id not in self._warm:
                self._pooled.discard(kernel_id)

    async def _take_warm(self, env: dict[str, str]) -> str | None:
        """A warm kernel with this request's variables set, or None (then a page starts its
        own kernel, as it would without a pool)."""
        spec = self._warm_spec
        while spec is not None and self._warm:
            kernel_id = self._warm.pop(0)
            self._warm_changed()
            if kernel_id not in self:
                self._pooled.discard(kernel_id)
                continue
            changed = {k: v for k, v in env.items() if spec.env.get(k) != v}
            try:
                await self._run(kernel_id, request_variables_code(changed))
            except Exception:  # noqa: BLE001 - never hand a page a kernel in doubt
                _log.warning("a warm kernel did not take its page's request", exc_info=True)
                await self.shutdown_kernel(kernel_id, now=True)
                continue
            self._pooled.discard(kernel_id)
            return kernel_id
        return None

    async def _run(self, kernel_id: str, code: str) -> None:
        """Run ``code`` quietly in a kernel over its own (signed) channels."""
        client = self.get_kernel(kernel_id).client()
        client.start_channels()
        try:
            await ensure_async(client.wait_for_ready(timeout=120))
            reply = await ensure_async(
                client.execute_interactive(
                    code,
                    silent=True,
                    store_history=False,
                    timeout=120,
                    output_hook=lambda _msg: None,
                )
            )
            if reply["content"].get("status") != "ok":
                raise RuntimeError(
                    f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
                )
        finally:
            client.stop_channels()


class BoundKernelAuthorizer(Authorizer):
    """Kernels only, and a kernel only for the browser its page was opened in."""

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        if resource != "kernels":
            return False
        kwargs = dict(getattr(handler, "path_kwargs", None) or {})
        args = list(getattr(handler, "path_args", None) or [])
        kernel_id = kwargs.get("kernel_id") or getattr(handler, "kernel_id", None)
        if not kernel_id and args:
            kernel_id = args[0]
        return bool(kernel_id) and kernel_is_bound_to(handler, str(kernel_id))


class BoundShutdownHandler(VoilaShutdownKernelHandler):
    """Voilà's "the page is closing" route, for the page's own kernel only."""

    def check_xsrf_cookie(self) -> None:
        """The page's closing request carries no XSRF token; what guards this route is the
        kernel's own binding cookie (HttpOnly, SameSite=Strict): another site cannot send
        it, so the check in :meth:`post` is the cross-site protection."""
        return None

    @tornado.web.authenticated
    async def post(self, kernel_id: str) -> None:
        if not kernel_is_bound_to(self, kernel_id, SHUTDOWN_COOKIE_PREFIX):
            raise tornado.web.HTTPError(403)
        await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
        self.set_status(204)
        self.finish()


def busy_page(title: str, body: str) -> str:
    """A small page with no script that tries again by itself after a minute."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="refresh" content="60">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;background:#faf7f2;color:#2b2b2b;"
        "margin:0}main{max-width:560px;margin:12vh auto;padding:24px;background:#fff;"
        "border-radius:12px;border:1px solid #e6dfd3;line-height:1.5}</style></head>"
        f'<body><main class="rb-busy"><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(body)}</p></main></body></html>"
    )


class PageHandler(TornadoVoilaHandler):
    """The page: a calm page past the kernel cap, otherwise Voilà's page with the
    kernel-binding cookie set before the first byte goes out."""

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        app: RepairbookVoila = self.settings["repairbook_app"]
        if app.page_would_exceed_cap():
            from repairbook.content import server as S

            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.set_header("Cache-Control", "no-store")
            self.finish(busy_page(S.BUSY_TITLE, S.BUSY_BODY))
            return
        page = {"secret": secrets.token_urlsafe(32)}
        reset = _PAGE.set(page)
        app.pending += 1
        counted = True
        try:
            async for chunk in self.get_generator(path=path):
                if counted and "kernel_id" in page:
                    app.pending -= 1
                    counted = False
                    self._bind(page["kernel_id"], page["secret"], app.tls)
                self.write(chunk)
                self.flush()
        finally:
            if counted:
                app.pending -= 1
            _PAGE.reset(reset)

    def _bind(self, kernel_id: str, secret: str, tls: bool) -> None:
        base = self.base_url.rstrip("/")
        for prefix, scope in (
            (COOKIE_PREFIX, f"{base}/api/kernels/{kernel_id}"),
            (SHUTDOWN_COOKIE_PREFIX, f"{base}/voila/api/shutdown/{kernel_id}"),
        ):
            self.set_cookie(
                prefix + kernel_id,
                secret,
                path=scope,
                httponly=True,
                secure=tls,
                samesite="Strict",
            )


class RepairbookVoila(Voila):
    """Voilà with the settings above (see the module's docstring)."""

    name = "repairbook-voila"
    certfile = Unicode("", config=True, help="TLS certificate (PEM); HTTPS when set.")
    keyfile = Unicode("", config=True, help="TLS private key (PEM).")
    allowed_hosts = Unicode("", config=True, help="Host names and addresses served (commas).")
    max_kernels = Integer(0, config=True, help="Page kernels alive at once (0: no cap).")
    parent_pid = Integer(0, config=True, help="Stop when this process is gone.")
    server_folder = Unicode("", config=True, help="Removed when the server stops.")
    warm_kernels = Integer(0, config=True, help="Kernels kept started ahead of the next page.")

    pending = 0

    @property
    def tls(self) -> bool:
        return bool(self.certfile)

    def page_would_exceed_cap(self) -> bool:
        if self.max_kernels <= 0:
            return False
        return self.kernel_manager.page_kernel_count() + self.pending >= self.max_kernels

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        token = os.environ.pop(ENV_TOKEN, None)
        if token:
            self.token = token
        self.port_retries = 0
        # never preheat: see the module's docstring
        self.voila_configuration.preheat_kernel = False
        self.voila_configuration.multi_kernel_manager_class = BoundKernelManager
        self.authorizer_class = BoundKernelAuthorizer
        if self.server_folder:
            self.connection_dir_root = self.server_folder

    def init_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = super().init_settings()
        settings["repairbook_app"] = self
        return settings

    def init_handlers(self) -> list[Any]:
        swap = {
            TornadoVoilaHandler: PageHandler,
            VoilaShutdownKernelHandler: BoundShutdownHandler,
        }
        out = []
        for rule in super().init_handlers():
            pattern, handler, *rest = rule
            out.append((pattern, swap.get(handler, handler), *rest))
        assert any(h is PageHandler for _p, h, *_r in out)
        assert any(h in (KernelHandler, VoilaKernelWebsocketHandler) for _p, h, *_r in out)
        return out

    def _write_warm(self, ids: list[str]) -> None:
        with contextlib.suppress(OSError):
            Path(self.server_folder, WARM_FILE).write_text("".join(k + "\n" for k in ids))

    def warm_spec(self) -> WarmSpec:
        """A page's kernel as the page handler would start it, minus the request's variables
        (a page sets those when it takes the kernel)."""
        nb = nbformat.read(self.notebook_path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        env = dict(os.environ)
        env.update(
            VOILA_PREHEAT="False",
            VOILA_BASE_URL=self.base_url,
            VOILA_SERVER_URL=self.server_url or "/",
        )
        return WarmSpec(
            count=self.warm_kernels,
            kernel_name=nb.metadata.get("kernelspec", {}).get("name", "python3"),
            path=os.path.dirname(os.path.abspath(self.notebook_path)),
            env=env,
            code=leading_imports(code),
        )

    def host_pattern(self) -> str:
        hosts = {h.strip().strip("[]").lower() for h in self.allowed_hosts.split(",") if h.strip()}
        if not hosts:
            hosts = {"127.0.0.1", "localhost"}
        names = sorted(hosts) + [f"[{h}]" for h in sorted(hosts) if ":" in h]
        return "^(" + "|".join(re.escape(n) for n in names) + ")$"

    def start(self) -> None:
        self._install_stops()
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = tornado.web.Application(**settings)
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(self.host_pattern(), self.init_handlers())
        self.listen()

    def listen(self) -> None:
        ssl_ctx = None
        if self.certfile:
            ssl_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ssl_ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            ssl_ctx.load_cert_chain(self.certfile, self.keyfile)
        try:
            self.app.listen(self.port, self.ip, ssl_options=ssl_ctx)
        except OSError as err:
            self._remove_folders()
            if err.errno == errno.EADDRINUSE:
                self.log.critical("The port %i is already in use.", self.port)
                sys.exit(EXIT_PORT_TAKEN)
            raise
        if self.server_folder:
            Path(self.server_folder, READY_FILE).write_text(str(os.getpid()))
        self.ioloop = tornado.ioloop.IOLoop.current()
        self._start_watchdog()
        if self.warm_kernels > 0:
            if self.server_folder:
                self.kernel_manager.on_warm_change = self._write_warm
            self.ioloop.add_callback(self.kernel_manager.keep_warm, self.warm_spec())
        try:
            self.ioloop.start()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        try:
            run_sync(self.kernel_manager.shutdown_all)()
        finally:
            self._remove_folders()

    def _remove_folders(self) -> None:
        shutil.rmtree(getattr(self, "connection_dir", "") or "/nonexistent", ignore_errors=True)
        if self.server_folder:
            shutil.rmtree(self.server_folder, ignore_errors=True)

    def _install_stops(self) -> None:
        def stop(signum: int, frame: object) -> None:
            loop = getattr(self, "ioloop", None)
            if loop is None:  # not listening yet: nothing to shut down but the folders
                self._remove_folders()
                os._exit(128 + signum)
            loop.add_callback_from_signal(loop.stop)

        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, stop)

    def _start_watchdog(self) -> None:
        parent = self.parent_pid or os.getppid()
        loop = self.ioloop

        def watch() -> None:
            while True:
                time.sleep(0.5)
                if os.getppid() != parent:
                    loop.add_callback(loop.stop)
                    return

        threading.Thread(target=watch, name="repairbook-parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    RepairbookVoila.launch_instance(argv)


if __name__ == "__main__":
    # import the module under its own name, so the handlers, the kernel manager and the
    # bindings they share are one module's, not a copy in __main__
    from repairbook.serve_voila import main as _main

    _main()
