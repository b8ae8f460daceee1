"""`repairbook workshop …`: a facilitator's room of couples.

init, address, add-couple (or a roster), remove-couple, rekey, links, handouts, room-help,
handover, share, plan, summary and serve. Each command is a thin layer over
:mod:`repairbook.workshop`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from repairbook.cli.common import UserError, echo, echo_json, plain
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
    """Run a workshop: a roster of couples, a shared link per couple and a personal link per
    partner, a session plan, printable handouts, a consented group view, one server for the
    room, and each couple's workbook to take home at the end."""


folder_arg = click.argument(
    "folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path)
)


def link_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--host, --port and --base-url: where couples reach the room server (default: the
    address kept in the workshop folder)."""
    fn = click.option(
        "--base-url",
        default=None,
        help="The address couples use when a TLS proxy sits in front (e.g. https://room.example/).",
    )(fn)
    fn = click.option(
        "--port", default=None, type=int, help="The room server's port (default: the kept one)."
    )(fn)
    fn = click.option(
        "--host",
        default=None,
        help="The room server's address as couples reach it, e.g. this laptop's address "
        "(default: the one kept in the workshop folder; set it with `workshop address`).",
    )(fn)
    return fn


def _base(ws: Any, host: str | None, port: int | None, base_url: str | None) -> str:
    """The base URL for links: the options given, else the address kept in the folder."""
    from repairbook.workshop import base_url as make_base

    kept = ws.address
    if port is not None and not 1 <= port <= 65535:
        raise UserError(W.BAD_PORT)
    if host is None and port is None and base_url is None:
        return str(kept.url)
    return make_base(
        host if host is not None else kept.host,
        port if port is not None else kept.port,
        base_url,
        insecure_http=kept.insecure_http,
    )


def _open(folder: Path) -> Any:
    from repairbook.workshop import Workshop

    return Workshop.open(folder)


def _write_0600(out: Path, data: bytes) -> None:
    """Write a file only its owner can read (handouts and link lists hold keys)."""
    tmp = out.with_name(f".{out.name}.partial")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, out)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{out} could not be written: {err.strerror}.") from None


# -- init, the address, the roster -----------------------------------------------------------


@workshop.command()
@folder_arg
@click.option("--name", required=True, help="The workshop's name, shown on pages and handouts.")
@click.option("--start", default=None, help="The first session's date (YYYY-MM-DD); weekly after.")
@link_options
@click.option(
    "--insecure-http",
    is_flag=True,
    help="Links say http:// on the room network (the server runs with --insecure-http).",
)
def init(
    folder: Path,
    name: str,
    start: str | None,
    host: str | None,
    port: int | None,
    base_url: str | None,
    insecure_http: bool,
) -> None:
    """Start a workshop in DIR (six weekly sessions planned; change them with `plan`).
    --host/--port/--base-url are kept in DIR for links, handouts and serve."""
    from repairbook.workshop import Workshop, link
    from repairbook.workshop.plan import parse_date

    first = parse_date(start) if start else None
    if port is not None and not 1 <= port <= 65535:
        raise UserError(W.BAD_PORT)
    ws, key = Workshop.create(folder, name, start=first)
    ws.set_address(host=host, port=port, base=base_url, insecure_http=insecure_http)
    echo(W.CREATED.format(name=ws.name, path=folder))
    echo(W.ADDRESS_NOW.format(url=ws.address.url))
    echo(W.FACILITATOR_LINK)
    echo(f"    {link(ws, key, ws.address.url)}")


@workshop.command()
@folder_arg
@link_options
@click.option(
    "--insecure-http/--https",
    "insecure_http",
    default=None,
    help="Whether links say http:// (server run with --insecure-http) or https:// (default).",
)
@click.option("--clear-base-url", is_flag=True, help="Forget the proxy address.")
def address(
    folder: Path,
    host: str | None,
    port: int | None,
    base_url: str | None,
    insecure_http: bool | None,
    clear_base_url: bool,
) -> None:
    """Show or change where couples reach the room (kept in DIR; links, handouts and serve
    use it)."""
    ws = _open(folder)
    unchanged = host is None and port is None and base_url is None and insecure_http is None
    if unchanged and not clear_base_url:
        echo(W.ADDRESS_NOW.format(url=ws.address.url))
        return
    new = ws.set_address(
        host=host,
        port=port,
        base="" if clear_base_url else base_url,
        insecure_http=insecure_http,
    )
    echo(W.ADDRESS_SET.format(url=new.url))


def _partner_lines(ws: Any, label: str, base: str) -> list[str]:
    from repairbook.workshop import link

    pairs = ws.kept_partner_keys() or {}
    out = []
    for i, key in enumerate(pairs.get(label, [None, None])):
        if key:
            out.append(f"{label} · {W.PARTNER_WORD} {i + 1}\t{link(ws, key, base)}")
    return out


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
    help="A CSV file, one couple per line: label[,partner_a,partner_b] (commas or semicolons).",
)
@link_options
def add_couple(
    folder: Path,
    label: str | None,
    partners: tuple[str, ...],
    roster: Path | None,
    host: str | None,
    port: int | None,
    base_url: str | None,
) -> None:
    """Add a couple (or every couple of a roster) and print its links once: the couple's
    shared link and each partner's own."""
    from repairbook.workshop import add_roster, link

    ws = _open(folder)
    base = _base(ws, host, port, base_url)
    if roster is not None:
        if label or partners:
            raise UserError(W.ROSTER_OR_LABEL)
        try:
            text = roster.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise UserError(W.ROSTER_MISSING.format(path=roster)) from None
        added, bad = add_roster(ws, text)
        for line in bad:
            echo(line, err=True)
        for record, key in added:
            echo(f"{record.label}\t{link(ws, key, base)}")
            for line in _partner_lines(ws, record.label, base):
                echo(line)
        echo(W.ROSTER_SUMMARY.format(added=len(added), bad=len(bad)), err=True)
        if not added:
            raise UserError(W.ROSTER_EMPTY)
        return
    if not label:
        raise UserError(W.LABEL_NEEDED)
    record, key = ws.add_couple(label, list(partners) or None)
    where = ws.workbook_path(record)
    if partners:
        echo(W.ADDED_NAMED.format(label=record.label, a=partners[0], b=partners[1], folder=where))
    else:
        echo(W.ADDED.format(label=record.label, folder=where))
    echo(f"    {link(ws, key, base)}")
    for line in _partner_lines(ws, record.label, base):
        echo(f"    {line}")
    echo(W.LINK_ONCE.format(links=ws.links_file))


@workshop.command("remove-couple")
@folder_arg
@click.option("--label", required=True, help="The couple's label.")
@click.option(
    "--delete",
    is_flag=True,
    help="Also erase the couple's workbook folder, backups included (hand it over first).",
)
def remove_couple(folder: Path, label: str, delete: bool) -> None:
    """Revoke a couple's links (its open pages close). Its workbook folder is kept unless
    --delete."""
    ws = _open(folder)
    record = ws.remove_couple(label, delete=delete)
    if delete:
        echo(W.REMOVED_DELETED.format(label=record.label))
    else:
        echo(W.REMOVED.format(label=record.label, folder=ws.workbook_path(record)))


@workshop.command()
@folder_arg
@click.option("--label", default=None, help="The couple's label.")
@click.option(
    "--partner",
    "partner",
    type=int,
    default=None,
    help="Only this partner's own link: 1 or 2 (default: every link of the couple).",
)
@click.option("--facilitator", is_flag=True, help="A new link for your own group view.")
@link_options
def rekey(
    folder: Path,
    label: str | None,
    partner: int | None,
    facilitator: bool,
    host: str | None,
    port: int | None,
    base_url: str | None,
) -> None:
    """Give a couple (or one partner, or your group view) new links; the old ones stop
    working at once and pages open with them close."""
    from repairbook.workshop import link

    ws = _open(folder)
    base = _base(ws, host, port, base_url)
    if facilitator == bool(label):
        raise UserError(W.REKEY_WHICH)
    if facilitator:
        key = ws.rekey_facilitator()
        echo(W.REKEYED_FACILITATOR)
        echo(f"    {link(ws, key, base)}")
        return
    assert label is not None
    if partner is not None:
        if partner not in (1, 2):
            raise UserError(W.BAD_PARTNER_NUMBER)
        key = ws.rekey(label, partner - 1)
        echo(W.REKEYED_PARTNER.format(label=ws.couple(label).label, number=partner))
        echo(f"    {link(ws, str(key), base)}")
        return
    key = ws.rekey(label)
    name = ws.couple(label).label
    echo(W.REKEYED.format(label=name))
    echo(f"    {link(ws, str(key), base)}")
    for line in _partner_lines(ws, name, base):
        echo(f"    {line}")


# -- links, handouts, the room's help --------------------------------------------------------


def _kept_links(
    ws: Any, folder: Path, base: str
) -> tuple[dict[str, str], dict[str, list[str | None]], list[str]]:
    """({label: shared url}, {label: [partner urls]}, [notes for couples with no kept link])."""
    from repairbook.workshop import link

    kept = ws.kept_couple_keys()
    pairs = ws.kept_partner_keys()
    if kept is None or pairs is None:
        raise UserError(W.NO_LINKS_FILE.format(path=folder))
    links: dict[str, str] = {}
    partners: dict[str, list[str | None]] = {}
    notes = []
    for c in ws.couples:
        if c.label in kept:
            links[c.label] = link(ws, kept[c.label], base)
            partners[c.label] = [link(ws, k, base) if k else None for k in pairs[c.label]]
        else:
            notes.append(
                W.NO_LINK_FOR.format(label=c.label, path=folder, label_arg=_quote(c.label))
            )
    return links, partners, notes


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _loopback(base: str) -> bool:
    from urllib.parse import urlsplit

    from repairbook.workshop import is_loopback

    return is_loopback(urlsplit(base).hostname or "")


@workshop.command()
@folder_arg
@link_options
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {label: {"couple": url, "partner-1": url, "partner-2": url}} as JSON.',
)
def links(
    folder: Path, host: str | None, port: int | None, base_url: str | None, as_json: bool
) -> None:
    """Print each couple's shared link and each partner's own (from links.txt, while you
    keep it)."""
    ws = _open(folder)
    if not ws.couples:
        raise UserError(W.NO_COUPLES.format(path=folder))
    base = _base(ws, host, port, base_url)
    found, partners, notes = _kept_links(ws, folder, base)
    for note in notes:
        echo(note, err=True)
    if _loopback(base):
        echo(W.LOOPBACK_LINKS.format(url=base, path=_quote(str(folder))), err=True)
    if as_json:
        out: dict[str, dict[str, str]] = {}
        for label, url in found.items():
            out[label] = {"couple": url}
            for i, purl in enumerate(partners.get(label, [])):
                if purl:
                    out[label][f"partner-{i + 1}"] = purl
        echo_json(out)
        return
    for label, url in found.items():
        echo(f"{label}\t{url}")
        for i, purl in enumerate(partners.get(label, [])):
            if purl:
                echo(f"{label} · {W.PARTNER_WORD} {i + 1}\t{purl}")


@workshop.command()
@folder_arg
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF to write (readable by you alone).",
)
@click.option(
    "--shared-only", is_flag=True, help="Only the couples' shared pages, no partner pages."
)
@link_options
def handouts(
    folder: Path,
    out: Path,
    shared_only: bool,
    host: str | None,
    port: int | None,
    base_url: str | None,
) -> None:
    """Printable pages: per couple its shared link and one page per partner with their own,
    each with a QR code, the plan, the first steps and where the couple's words live."""
    from repairbook.workshop.handouts import handouts_pdf

    ws = _open(folder)
    if not ws.couples:
        raise UserError(W.NO_COUPLES.format(path=folder))
    base = _base(ws, host, port, base_url)
    if _loopback(base):
        raise UserError(W.LOOPBACK_HANDOUTS.format(url=base, path=_quote(str(folder))))
    found, partners, notes = _kept_links(ws, folder, base)
    for note in notes:
        echo(note, err=True)
    if not found:
        raise UserError(W.HANDOUTS_NONE)
    data = handouts_pdf(ws, found, partner_links=None if shared_only else partners)
    _write_0600(out, data)
    pages = len(found) + (0 if shared_only else sum(1 for p in partners.values() for u in p if u))
    echo(W.HANDOUTS_WRITTEN.format(count=pages, out=out))


def _helpline(text: str) -> Any:
    from pydantic import ValidationError

    from repairbook.workshop import Helpline

    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 3 or not parts[0]:
        raise UserError(W.HELPLINE_SHAPE)
    parts += [""] * (3 - len(parts))
    web = parts[2]
    if parts[1].startswith(("http://", "https://")) and not web:
        parts[1], web = "", parts[1]
    try:
        return Helpline(name=parts[0], phone=parts[1], web=web)
    except ValidationError:
        raise UserError(W.BAD_HELPLINE) from None


@workshop.command("room-help")
@folder_arg
@click.option("--emergency", default=None, help="The emergency number where the room is, e.g. 112.")
@click.option(
    "--helpline",
    "helplines",
    multiple=True,
    help='A helpline every couple sees: "Name|phone|web" (phone or web may be left out).',
)
@click.option("--remove-helpline", "remove", multiple=True, help="Remove a helpline by name.")
@click.option("--clear", is_flag=True, help="Remove every helpline first.")
def room_help(
    folder: Path,
    emergency: str | None,
    helplines: tuple[str, ...],
    remove: tuple[str, ...],
    clear: bool,
) -> None:
    """Show or set the room's emergency number and helplines: every couple's Help page,
    safety guidance and module 15 show them."""
    ws = _open(folder)
    if emergency is not None or helplines or remove or clear:
        ws.set_room_help(
            emergency=emergency,
            add=[_helpline(h) for h in helplines],
            remove=list(remove),
            clear=clear,
        )
    h = ws.room_help
    em = W.HELP_EMERGENCY_IS.format(number=h.emergency) if h.emergency else W.HELP_NO_EMERGENCY
    echo(W.HELP_SET.format(emergency=em, count=len(h.helplines)))
    for line in h.helplines:
        contact = " · ".join(v for v in (line.phone, line.web) if v)
        echo(f"    {line.name}: {contact}")


# -- take it home, and the facilitator view's consent ------------------------------------------


@workshop.command()
@folder_arg
@click.option("--label", required=True, help="The couple's label.")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (a .zip; give it to the couple, then erase your copy).",
)
def handover(folder: Path, label: str, out: Path) -> None:
    """Write a couple's whole workbook as one take-home file (private entries stay locked).
    At home: repairbook import FILE."""
    from repairbook.workshop.handover import write_handover

    ws = _open(folder)
    name = ws.couple(label).label
    write_handover(ws, name, out)
    echo(
        W.HANDOVER_WRITTEN.format(
            label=name, out=out, path=_quote(str(folder)), label_arg=_quote(name)
        )
    )


@workshop.command()
@click.option(
    "--workbook",
    "workbook_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The couple's workbook folder.",
)
@click.option("--partner", default=None, help="The partner making the choice.")
@click.option("--give/--take-back", "give", default=None, help="Share numbers, or stop sharing.")
def share(workbook_dir: Path, partner: str | None, give: bool | None) -> None:
    """A partner's choice to let the facilitator see the couple's numbers in the group view
    (its own consent, apart from research consent). Without --give/--take-back: the status.
    A partner with a passphrase is asked for it."""
    from repairbook.cli.common import get_passphrase
    from repairbook.store import Workbook
    from repairbook.workshop.consent import set_share, share_status

    with Workbook.open(workbook_dir) as wb:
        if give is None:
            for s in share_status(wb).values():
                if s.given:
                    echo(W.SHARE_STATUS_YES.format(name=s.partner, on=s.on))
                else:
                    echo(W.SHARE_STATUS_NO.format(name=s.partner))
            return
        if not partner:
            raise UserError(W.SHARE_WHO)
        name = wb.partner(partner)
        if wb.has_passphrase(name):
            wb.unlock(name, get_passphrase(name))
        state = set_share(wb, name, give)
        echo((W.SHARE_GIVEN if state.given else W.SHARE_TAKEN_BACK).format(name=name))


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
            echo(line)
        return
    if remove:
        ws.remove_session(number)
        echo(W.PLAN_REMOVED.format(number=number))
        return
    s = ws.set_session(
        number,
        modules=parse_modules(modules) if modules is not None else None,
        on=parse_date(on) if on else None,
        minutes=minutes,
        clear_date=clear_date,
    )
    echo(W.PLAN_UPDATED.format(number=number, line=session_line(number, s)))


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
    echo(
        W.SUMMARY_HEADER.format(name=ws.name, shared=len(result.shared), count=len(result.couples))
    )
    head, rows = table_rows(result)
    head = [plain(c) for c in head]
    rows = [[plain(c) for c in row] for row in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    for row in [head, *rows]:
        echo("  ".join(str(c).ljust(wd) for c, wd in zip(row, widths, strict=True)).rstrip())


# -- the room server -------------------------------------------------------------------------

ROOM_SOURCE = """import repairbook.ui.workshop_app as wa
wa.room()"""


def room_options(
    folder: Path,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    cull_interval: int = 30,
    cull_idle_timeout: int = 600,
    max_pages: int | None = None,
    public_hosts: list[str] | None = None,
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
        cull_interval=cull_interval,
        cull_idle_timeout=cull_idle_timeout,
        # every couple on two devices, with room for reloads and the group view
        max_kernels=max_pages or 4 * len(ws.couples) + 8,
        public_hosts=list(public_hosts or []),
        notebook_source=ROOM_SOURCE,
        extra_env={"REPAIRBOOK_WORKSHOP": str(root)},
    )


@workshop.command()
@folder_arg
@click.option(
    "--host",
    default=None,
    help="The address to listen on (default: the one kept in the workshop folder, else "
    "127.0.0.1). Anything but 127.0.0.1 is served over HTTPS.",
)
@click.option("--port", default=None, type=int, help="The port (default: the one kept, else 8866).")
@click.option(
    "--insecure-http",
    is_flag=True,
    help="Serve plain HTTP on the room network (anyone on it could read the pages). Not advised.",
)
@click.option(
    "--max-pages",
    default=None,
    type=int,
    help="Pages open at once (default: four per couple and eight more).",
)
@click.option("--no-preheat", is_flag=True, hidden=True, help="Accepted for older scripts.")
@click.option("--pool-size", default=0, hidden=True, help="Accepted for older scripts.")
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
    host: str | None,
    port: int | None,
    insecure_http: bool,
    max_pages: int | None,
    no_preheat: bool,
    pool_size: int,
    cull_interval: int,
    cull_idle_timeout: int,
) -> None:
    """Serve every couple of the workshop from one server; each link opens one workbook.

    Stops completely (every page's kernel with it) on Ctrl-C, SIGTERM or a closed terminal."""
    from urllib.parse import urlsplit

    from repairbook.cli.serve_cmds import (
        choose_host,
        print_certificate,
        serve_until_stopped,
        start_server,
        wants_tls,
    )
    from repairbook.content import server as S
    from repairbook.serve import free_port
    from repairbook.workshop import link

    ws = _open(folder)
    kept = getattr(ws, "address", None)
    if host is None and kept is not None:
        host = kept.host
    if port is None:
        port = kept.port if kept is not None else DEFAULT_PORT
    if not 0 <= port <= 65535:
        raise UserError(W.BAD_PORT)
    if cull_interval < 1 or cull_idle_timeout < 1:
        raise UserError(S.BAD_CULL)
    if max_pages is not None and max_pages < 1:
        raise UserError(S.BAD_MAX_PAGES)
    wildcard = host in ("0.0.0.0", "::")
    listen = str(host) if wildcard else choose_host(host, False)
    proxy = kept.base_url if kept is not None else None
    tls = wants_tls(listen, insecure_http or bool(kept and kept.insecure_http and not proxy))
    if port == 0:
        port = free_port("127.0.0.1" if wildcard else listen)
    public = [urlsplit(proxy).hostname or ""] if proxy else []
    opts = room_options(
        folder,
        host=listen,
        port=port,
        cull_interval=cull_interval,
        cull_idle_timeout=cull_idle_timeout,
        max_pages=max_pages,
        public_hosts=[h for h in public if h],
    )
    cert = None
    if tls:
        from repairbook.tls import ensure_certificate

        cert = ensure_certificate(folder, [listen, *opts.public_hosts])
        opts.certfile, opts.keyfile = cert.cert, cert.key
    server = start_server(opts)
    try:
        shown = proxy or opts.base
        echo(W.SERVE_READY.format(name=ws.name, count=len(ws.couples), url=shown))
        echo(W.SERVE_LINKS.format(path=folder))
        key = ws.kept_facilitator_key()
        if key:
            echo(W.FACILITATOR_LINK)
            echo(f"    {link(ws, key, shown)}")
        if cert is not None:
            print_certificate(cert, folder)
    except BaseException:
        server.stop()  # type: ignore[attr-defined]
        raise
    serve_until_stopped(server, S.STOPPED_ROOM)


def register(group: click.Group) -> None:
    group.add_command(workshop)
