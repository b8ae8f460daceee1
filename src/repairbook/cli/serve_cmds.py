"""`repairbook serve`: the couple's app on this machine."""

from __future__ import annotations

import click

from repairbook.cli.common import State, UserError, pass_ctx


@click.command()
@click.option("--port", default=8866, show_default=True, help="Port on 127.0.0.1.")
@click.option("--no-preheat", is_flag=True, help="Start a kernel only when the page opens.")
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
    state: State, port: int, no_preheat: bool, cull_interval: int, cull_idle_timeout: int
) -> None:
    """Serve the app on 127.0.0.1 and print the one private URL to open.

    The workbook is created on the first visit if it does not exist yet. Ctrl-C stops it."""
    from repairbook.serve import ServeOptions, Server, free_port

    if not 0 <= port <= 65535:
        raise UserError("--port is between 1 and 65535.")
    if cull_interval < 1 or cull_idle_timeout < 1:
        raise UserError("--cull-interval and --cull-idle-timeout are whole seconds from 1.")
    if port == 0:
        port = free_port()
    opts = ServeOptions(
        workbook=state.path,
        port=port,
        preheat=not no_preheat,
        cull_interval=cull_interval,
        cull_idle_timeout=cull_idle_timeout,
    )
    server = Server(opts, quiet=True)
    server.start()
    click.echo(f"repairbook is ready for the workbook at {state.path}")
    click.echo(
        "Open this address in your browser (it includes a private key; keep it to yourself):"
    )
    click.echo(f"    {opts.url}")
    click.echo("Press Ctrl-C to stop.")
    code = server.wait()
    server.stop()
    if code not in (0, None, -2, -15, 130):
        raise UserError(
            f"The app server stopped unexpectedly (exit {code}). Is port {port} already in use?"
        )
    click.echo("Stopped. Your workbook is saved.")


def register(group: click.Group) -> None:
    group.add_command(serve)
