"""`repairbook serve`: the couple's app on this computer, or on the home network over HTTPS."""

from __future__ import annotations

from pathlib import Path

import click

from repairbook.cli.common import State, UserError, echo, pass_ctx
from repairbook.content import server as S


def choose_host(host: str | None, lan: bool) -> str:
    """The address to listen on: --host, this computer's home-network address (--lan), or
    127.0.0.1. One sentence when it cannot be."""
    from repairbook.serve import can_listen_on, lan_address

    if host and lan:
        raise UserError(S.HOST_AND_LAN)
    if lan:
        found = lan_address()
        if not found:
            raise UserError(S.NO_LAN)
        return found
    if not host:
        return "127.0.0.1"
    if not can_listen_on(host):
        raise UserError(S.BAD_HOST.format(host=host))
    return host


def wants_tls(host: str, insecure_http: bool) -> bool:
    """HTTPS everywhere but the default 127.0.0.1; plain HTTP elsewhere only when asked for,
    and refused off loopback without --insecure-http."""
    from repairbook.serve import LOOPBACK_NAMES, is_loopback

    if host in LOOPBACK_NAMES:
        return False
    if insecure_http:
        if not is_loopback(host):
            echo(S.PLAIN_HTTP_WARNING.format(host=host), err=True)
        return False
    return True


def print_certificate(cert: object, folder: Path) -> None:
    from repairbook.tls import Certificate

    assert isinstance(cert, Certificate)
    if cert.made_now:
        echo(S.CERT_MADE.format(folder=cert.cert.parent))
    echo(S.CERT_FINGERPRINT)
    echo(f"    {cert.fingerprint}")
    echo(S.CERT_PHONE_NOTE)


def print_qr(url: str) -> None:
    """A QR code of ``url`` in the terminal (segno), dark modules on a light background."""
    import io

    import segno

    buf = io.StringIO()
    segno.make(url, error="m").terminal(out=buf, compact=True, border=2)
    # our own drawing (block characters, perhaps colour codes): nothing typed is in it
    click.echo(buf.getvalue().rstrip("\n"))


def personal_links(workbook: Path, base_url: str) -> list[tuple[str, str]]:
    """(partner, personal address) lines, when the couple service offers them."""
    import repairbook.couple as couple

    make = getattr(couple, "personal_links", None)
    if make is None:
        return []
    return list(make(workbook, base_url))


def start_server(opts: object) -> object:
    """Start the server and wait until it listens; one sentence if it cannot."""
    from repairbook.serve import PortTaken, ServeError, ServeOptions, Server

    assert isinstance(opts, ServeOptions)
    server = Server(opts, quiet=True)
    try:
        server.start()
    except PortTaken as err:
        raise UserError(S.PORT_TAKEN.format(port=err.port, host=err.host)) from None
    except TimeoutError as err:
        raise UserError(S.NOT_STARTED.format(seconds=int(err.args[0]))) from None
    except ServeError as err:
        raise UserError(S.FAILED.format(code=str(err).removeprefix("exit "))) from None
    return server


def serve_until_stopped(server: object, stopped: str) -> None:
    """Wait for Ctrl-C, SIGTERM or SIGHUP (or the server's own end), then stop everything."""
    from repairbook.serve import Server

    assert isinstance(server, Server)
    echo(S.STOP_HINT)
    code = server.serve_forever()
    if code not in (0, -2, -15, 130, 143):
        raise UserError(S.FAILED.format(code=code))
    echo(stopped)


@click.command()
@click.option(
    "--port", default=8866, show_default=True, help="The port to listen on (0: any free one)."
)
@click.option(
    "--host",
    default=None,
    help="Listen on this address of this computer instead of 127.0.0.1; the pages are then "
    "served over HTTPS with a certificate made here.",
)
@click.option(
    "--lan",
    is_flag=True,
    help="Listen on this computer's home-network address, over HTTPS, so each of you can "
    "use your own phone.",
)
@click.option(
    "--insecure-http",
    is_flag=True,
    help="Serve plain HTTP even on the network (anyone on it could read the pages). Not advised.",
)
@click.option("--qr", is_flag=True, help="Also print each address as a QR code to scan.")
@click.option(
    "--max-pages",
    default=12,
    show_default=True,
    help="Pages open at once; past this a new page waits calmly for one to close.",
)
@click.option(
    "--no-preheat",
    is_flag=True,
    hidden=True,
    help="Accepted for older scripts: every page starts its own kernel now.",
)
@click.option(
    "--cull-interval",
    default=60,
    hidden=True,
    help="Seconds between checks for idle page kernels (advanced; tests shorten it).",
)
@click.option(
    "--cull-idle-timeout",
    default=900,
    hidden=True,
    help="Seconds after which an idle page's kernel is stopped (advanced; tests shorten it).",
)
@pass_ctx
def serve(
    state: State,
    port: int,
    host: str | None,
    lan: bool,
    insecure_http: bool,
    qr: bool,
    max_pages: int,
    no_preheat: bool,
    cull_interval: int,
    cull_idle_timeout: int,
) -> None:
    """Serve the app and print its private address (and, for each partner, a personal one).

    On 127.0.0.1 by default; with --host or --lan, over HTTPS on the home network. The
    workbook is created on the first visit if it does not exist yet. Ctrl-C stops it."""
    from repairbook.serve import ServeOptions, free_port

    if not 0 <= port <= 65535:
        raise UserError(S.BAD_PORT)
    if cull_interval < 1 or cull_idle_timeout < 1:
        raise UserError(S.BAD_CULL)
    if max_pages < 1:
        raise UserError(S.BAD_MAX_PAGES)
    listen = choose_host(host, lan)
    tls = wants_tls(listen, insecure_http)
    workbook = state.path
    if listen != "127.0.0.1" and not (workbook / "workbook.sqlite").exists():
        raise UserError(S.SET_UP_FIRST.format(path=workbook))
    if port == 0:
        port = free_port(listen)
    opts = ServeOptions(
        workbook=workbook,
        host=listen,
        port=port,
        max_kernels=max_pages,
        cull_interval=cull_interval,
        cull_idle_timeout=cull_idle_timeout,
    )
    from repairbook.couple import serve_token

    # the same token on every start: the addresses a couple saved on their phones keep working
    token = serve_token(workbook)
    if token:
        opts.token = token
    cert = None
    if tls:
        from repairbook.tls import ensure_certificate

        cert = ensure_certificate(workbook, [listen])
        opts.certfile, opts.keyfile = cert.cert, cert.key
    server = start_server(opts)
    try:
        echo(S.READY.format(path=workbook))
        echo(S.SHARED_LINK)
        echo(f"    {opts.url}")
        if qr:
            print_qr(opts.url)
        lines = personal_links(workbook, opts.url)
        if lines:
            echo(S.PERSONAL_LINKS)
            for name, url in lines:
                echo(S.PERSONAL_LINE.format(name=name, url=url))
                if qr:
                    print_qr(url)
        if qr:
            echo(S.QR_NOTE)
        if cert is not None:
            print_certificate(cert, workbook)
    except BaseException:
        server.stop()  # type: ignore[attr-defined]
        raise
    serve_until_stopped(server, S.STOPPED)


def register(group: click.Group) -> None:
    group.add_command(serve)
