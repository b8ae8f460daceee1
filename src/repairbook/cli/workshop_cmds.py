"""`repairbook workshop …`: a facilitator's room of couples.

init, add-couple (or a roster), remove-couple, rekey, links, handouts, plan, summary and
serve. Each command is a thin layer over :mod:`repairbook.workshop`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from repairbook.cli.common import UserError, echo_json
from repairbook.content import workshop as W

DEFAULT_PORT = 8866
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class WorkshopGroup(click.Group):
    """Turns a WorkshopError into the CLI's one-line error."""

    def invoke(self, ctx: click.Context) -> Any:
        from repairbook.workshop import WorkshopError

        try:
            return super().invoke(ctx)
        except WorkshopError as err:
            raise UserError(str(err)) from None


@click.group(cls=WorkshopGroup)
def workshop() -> None:
    """Run a workshop: a roster of couples, one private link each, a session plan,
    printable handouts, a consented group view and one server for the room."""


folder_arg = click.argument(
    "folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path)
)


def link_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--host, --port and --base-url: where couples reach the room server."""
    fn = click.option(
        "--base-url",
        default=None,
        help="The address couples use when a TLS proxy sits in front (e.g. https://room.example/).",
    )(fn)
    fn = click.option(
        "--port", default=DEFAULT_PORT, show_default=True, help="The room server's port."
    )(fn)
    fn = click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help="The room server's address as couples reach it (e.g. this laptop's address).",
    )(fn)
    return fn


def _base(host: str, port: int, base_url: str | None) -> str:
    from repairbook.workshop import base_url as make_base

    if not 1 <= port <= 65535:
        raise UserError(W.BAD_PORT)
    return make_base(host, port, base_url)


def _open(folder: Path) -> Any:
    from repairbook.workshop import Workshop

    return Workshop.open(folder)


# -- init / roster ---------------------------------------------------------------------------


@workshop.command()
@folder_arg
@click.option("--name", required=True, help="The workshop's name, shown on pages and handouts.")
@click.option("--start", default=None, help="The first session's date (YYYY-MM-DD); weekly after.")
@link_options
def init(
    folder: Path, name: str, start: str | None, host: str, port: int, base_url: str | None
) -> None:
    """Start a workshop in DIR (six weekly sessions planned; change them with `plan`)."""
    from repairbook.workshop import Workshop, link
    from repairbook.workshop.plan import parse_date

    first = parse_date(start) if start else None
    ws, key = Workshop.create(folder, name, start=first)
    click.echo(W.CREATED.format(name=ws.name, path=folder))
    click.echo(W.FACILITATOR_LINK)
    click.echo(f"    {link(ws, key, _base(host, port, base_url))}")


@workshop.command("add-couple")
@folder_arg
@click.option("--label", default=None, help="Your label for the couple (no real names needed).")
@click.option(
    "--partner",
    "partners",
    multiple=True,
    help="A partner's name (twice), to set up the workbook now.",
)
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A CSV file, one couple per line: label[,partner_a,partner_b].",
)
@link_options
def add_couple(
    folder: Path,
    label: str | None,
    partners: tuple[str, ...],
    roster: Path | None,
    host: str,
    port: int,
    base_url: str | None,
) -> None:
    """Add a couple (or every couple of a roster) and print its link once."""
    from repairbook.workshop import add_roster, link

    ws = _open(folder)
    base = _base(host, port, base_url)
    if roster is not None:
        if label or partners:
            raise UserError("Give either --roster or --label, not both.")
        try:
            text = roster.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise UserError(W.ROSTER_MISSING.format(path=roster)) from None
        added, bad = add_roster(ws, text)
        for line in bad:
            click.echo(line, err=True)
        for record, key in added:
            click.echo(f"{record.label}\t{link(ws, key, base)}")
        click.echo(W.ROSTER_SUMMARY.format(added=len(added), bad=len(bad)), err=True)
        if not added:
            raise UserError(W.ROSTER_EMPTY)
        return
    if not label:
        raise UserError("Give --label LABEL (or --roster FILE).")
    record, key = ws.add_couple(label, list(partners) or None)
    where = ws.workbook_path(record)
    if partners:
        click.echo(
            W.ADDED_NAMED.format(label=record.label, a=partners[0], b=partners[1], folder=where)
        )
    else:
        click.echo(W.ADDED.format(label=record.label, folder=where))
    click.echo(f"    {link(ws, key, base)}")
    click.echo(W.LINK_ONCE.format(links=ws.links_file))


@workshop.command("remove-couple")
@folder_arg
@click.option("--label", required=True, help="The couple's label.")
@click.option("--delete", is_flag=True, help="Also delete the couple's workbook folder.")
def remove_couple(folder: Path, label: str, delete: bool) -> None:
    """Revoke a couple's link. Its workbook folder is kept unless --delete."""
    ws = _open(folder)
    record = ws.remove_couple(label, delete=delete)
    if delete:
        click.echo(W.REMOVED_DELETED.format(label=record.label))
    else:
        click.echo(W.REMOVED.format(label=record.label, folder=ws.workbook_path(record)))


@workshop.command()
@folder_arg
@click.option("--label", default=None, help="The couple's label.")
@click.option("--facilitator", is_flag=True, help="A new link for your own group view.")
@link_options
def rekey(
    folder: Path,
    label: str | None,
    facilitator: bool,
    host: str,
    port: int,
    base_url: str | None,
) -> None:
    """Give a couple (or your group view) a new link; the old one stops working at once."""
    from repairbook.workshop import link

    ws = _open(folder)
    base = _base(host, port, base_url)
    if facilitator == bool(label):
        raise UserError("Give --label LABEL or --facilitator.")
    if facilitator:
        key = ws.rekey_facilitator()
        click.echo(W.REKEYED_FACILITATOR)
    else:
        assert label is not None
        key = ws.rekey(label)
        click.echo(W.REKEYED.format(label=ws.couple(label).label))
    click.echo(f"    {link(ws, key, base)}")


# -- links and handouts ----------------------------------------------------------------------


def _kept_links(ws: Any, folder: Path, base: str) -> tuple[dict[str, str], list[str]]:
    """({label: url} for couples whose key is kept, [notes for the others])."""
    from repairbook.workshop import link

    kept = ws.kept_couple_keys()
    if kept is None:
        raise UserError(W.NO_LINKS_FILE.format(path=folder))
    links, notes = {}, []
    for c in ws.couples:
        if c.label in kept:
            links[c.label] = link(ws, kept[c.label], base)
        else:
            notes.append(
                W.NO_LINK_FOR.format(label=c.label, path=folder, label_arg=_quote(c.label))
            )
    return links, notes


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


@workshop.command()
@folder_arg
@link_options
@click.option("--json", "as_json", is_flag=True, help="Print {label: url} as JSON.")
def links(folder: Path, host: str, port: int, base_url: str | None, as_json: bool) -> None:
    """Print each couple's link (from links.txt, while you keep it)."""
    ws = _open(folder)
    if not ws.couples:
        raise UserError(W.NO_COUPLES.format(path=folder))
    found, notes = _kept_links(ws, folder, _base(host, port, base_url))
    for note in notes:
        click.echo(note, err=True)
    if as_json:
        echo_json(found)
        return
    for label, url in found.items():
        click.echo(f"{label}\t{url}")


@workshop.command()
@folder_arg
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF to write.",
)
@link_options
def handouts(folder: Path, out: Path, host: str, port: int, base_url: str | None) -> None:
    """One printable page per couple: its link, a QR code, the plan and the first steps."""
    from repairbook.workshop.handouts import handouts_pdf

    ws = _open(folder)
    if not ws.couples:
        raise UserError(W.NO_COUPLES.format(path=folder))
    found, notes = _kept_links(ws, folder, _base(host, port, base_url))
    for note in notes:
        click.echo(note, err=True)
    if not found:
        raise UserError(W.HANDOUTS_NONE)
    data = handouts_pdf(ws, found)
    try:
        out.write_bytes(data)
    except OSError as err:
        raise UserError(f"{out} could not be written: {err.strerror}.") from None
    click.echo(W.HANDOUTS_WRITTEN.format(count=len(found), out=out))


# -- the plan and the group view -------------------------------------------------------------


@workshop.command()
@folder_arg
@click.option(
    "--session", "number", type=int, default=None, help="The session to change (1, 2, …)."
)
@click.option("--modules", default=None, help="Journey modules, e.g. 2,3.")
@click.option("--date", "on", default=None, help="The session's date, YYYY-MM-DD.")
@click.option("--minutes", type=int, default=None, help="How long the session is.")
@click.option("--clear-date", is_flag=True, help="Remove the session's date.")
@click.option("--remove", is_flag=True, help="Remove the session.")
def plan(
    folder: Path,
    number: int | None,
    modules: str | None,
    on: str | None,
    minutes: int | None,
    clear_date: bool,
    remove: bool,
) -> None:
    """Show the session plan, or change one session (a number one past the last adds one)."""
    from repairbook.workshop.plan import parse_date, parse_modules, plan_lines, session_line

    ws = _open(folder)
    if number is None:
        if modules or on or minutes or clear_date or remove:
            raise UserError("Say which session with --session N.")
        for line in plan_lines(ws.plan):
            click.echo(line)
        return
    if remove:
        ws.remove_session(number)
        click.echo(W.PLAN_REMOVED.format(number=number))
        return
    s = ws.set_session(
        number,
        modules=parse_modules(modules) if modules is not None else None,
        on=parse_date(on) if on else None,
        minutes=minutes,
        clear_date=clear_date,
    )
    click.echo(W.PLAN_UPDATED.format(number=number, line=session_line(number, s)))


@workshop.command()
@folder_arg
@click.option("--json", "as_json", is_flag=True, help="Print every weekly number as JSON.")
@click.option("--today", default=None, hidden=True, help="Look back from this day (tests).")
def summary(folder: Path, as_json: bool, today: str | None) -> None:
    """Numeric progress per couple and for the group, only where both partners share it."""
    from repairbook.workshop.plan import parse_date
    from repairbook.workshop.summary import group_summary, table_rows

    ws = _open(folder)
    result = group_summary(ws, parse_date(today) if today else None)
    if as_json:
        echo_json(result.to_json())
        return
    click.echo(
        W.SUMMARY_HEADER.format(name=ws.name, shared=len(result.shared), count=len(result.couples))
    )
    head, rows = table_rows(result)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    for row in [head, *rows]:
        click.echo("  ".join(str(c).ljust(wd) for c, wd in zip(row, widths, strict=True)).rstrip())


# -- the room server -------------------------------------------------------------------------

ROOM_SOURCE = """import repairbook.ui.workshop_app as wa
wa.room()"""


def room_options(
    folder: Path,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    preheat: bool = True,
    pool_size: int = 1,
    cull_interval: int = 30,
    cull_idle_timeout: int = 600,
) -> Any:
    """The ServeOptions of the room server: repairbook serve's safe settings, the room
    notebook, the room token, and the workshop folder in the kernel's environment."""
    from repairbook.serve import ServeOptions

    ws = _open(folder)
    root = folder.resolve()
    return ServeOptions(
        workbook=root,
        host=host,
        port=port,
        token=ws.room_token,
        preheat=preheat,
        pool_size=pool_size,
        cull_interval=cull_interval,
        cull_idle_timeout=cull_idle_timeout,
        notebook_source=ROOM_SOURCE,
        extra_env={"REPAIRBOOK_WORKSHOP": str(root)},
    )


@workshop.command()
@folder_arg
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, help="The port to listen on.")
@click.option("--no-preheat", is_flag=True, help="Start a kernel only when a page opens.")
@click.option(
    "--pool-size", default=2, show_default=True, help="Kernels kept warm for the next visitors."
)
@click.option(
    "--cull-interval", default=30, show_default=True, help="Seconds between idle-kernel checks."
)
@click.option(
    "--cull-idle-timeout",
    default=600,
    show_default=True,
    help="Seconds after which a page nobody has open gives its memory back.",
)
def serve(
    folder: Path,
    host: str,
    port: int,
    no_preheat: bool,
    pool_size: int,
    cull_interval: int,
    cull_idle_timeout: int,
) -> None:
    """Serve every couple of the workshop from one server; each link opens one workbook."""
    from repairbook.serve import Server, free_port
    from repairbook.workshop import base_url, link

    if not 0 <= port <= 65535:
        raise UserError(W.BAD_PORT)
    if cull_interval < 1 or cull_idle_timeout < 1 or pool_size < 0:
        raise UserError("The cull settings are whole seconds from 1, the pool size from 0.")
    if port == 0:
        port = free_port(host if host not in ("", "0.0.0.0", "::") else "127.0.0.1")
    ws = _open(folder)
    opts = room_options(
        folder,
        host=host,
        port=port,
        preheat=not no_preheat,
        pool_size=pool_size,
        cull_interval=cull_interval,
        cull_idle_timeout=cull_idle_timeout,
    )
    if host not in LOOPBACK:
        click.echo(W.TLS_WARNING.format(host=host), err=True)
    server = Server(opts, quiet=True)
    server.start()
    shown = base_url(host, port)
    click.echo(W.SERVE_READY.format(name=ws.name, count=len(ws.couples), url=shown))
    click.echo(W.SERVE_LINKS.format(path=folder))
    key = ws.kept_facilitator_key()
    if key:
        click.echo(W.FACILITATOR_LINK)
        click.echo(f"    {link(ws, key, shown)}")
    click.echo(W.SERVE_STOP)
    code = server.wait()
    server.stop()
    if code not in (0, None, -2, -15, 130):
        raise UserError(W.SERVE_FAILED.format(code=code, port=port))
    click.echo(W.SERVE_STOPPED)


def register(group: click.Group) -> None:
    group.add_command(workshop)
