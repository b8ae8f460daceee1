"""Workbook commands: init, passphrase, add, edit, list, show, kinds, backup, restore, check, demo."""

from __future__ import annotations

import sys

import click

from repairbook.cli.common import (
    JSON_HELP,
    State,
    UserError,
    echo,
    echo_json,
    get_new_passphrase,
    get_passphrase,
    kind_argument,
    pass_ctx,
    plain,
    read_json_arg,
    workbook_option,
)
from repairbook.couple import SaveResult
from repairbook.entries import EntryError, kinds_schema, make_entry, model_for
from repairbook.store import (
    Workbook,
    check_workbook,
    entry_to_json,
    list_backups,
    restore,
)
from repairbook.store.crypto import passphrase_hint

#: kinds an entry of which speaks for its author: the CLI asks the author's passphrase
SPEAKS_FOR = frozenset({"signature", "consent"})


def _unlock(wb: Workbook, name: str) -> str:
    name = wb.partner(name)
    if not wb.has_passphrase(name):
        return name
    wb.unlock(name, get_passphrase(name))
    return name


@click.command()
@click.option(
    "--partner", "partners", multiple=True, required=True, help="A partner's name (twice)."
)
@workbook_option
@pass_ctx
def init(state: State, partners: tuple[str, ...]) -> None:
    """Create a new workbook for two partners."""
    wb = Workbook.create(state.path, list(partners))
    echo(f"Created a workbook for {' and '.join(wb.partners)} at {wb.folder}")
    wb.close()


@click.command()
@click.option("--partner", required=True, help="Whose passphrase to set.")
@click.option(
    "--change",
    is_flag=True,
    help="Change it: asks for the current one, then the new one (or "
    "REPAIRBOOK_PASSPHRASE and REPAIRBOOK_NEW_PASSPHRASE). Every private entry is "
    "sealed again under the new one, all at once.",
)
@click.option(
    "--by",
    "set_by",
    default=None,
    help="Who is typing, when it is the other partner: the passphrase is then marked "
    "as set for them, and they are asked to replace it with their own.",
)
@workbook_option
@pass_ctx
def passphrase(state: State, partner: str, change: bool, set_by: str | None) -> None:
    """Set a partner's passphrase for private entries (from a prompt or REPAIRBOOK_PASSPHRASE).

    A forgotten passphrase cannot be recovered: private entries stay locked without it."""
    with state.open() as wb:
        name = wb.partner(partner)
        if change:
            current = get_passphrase(name)
            new = get_new_passphrase(name)
            _hint(new, wb)
            n = wb.change_passphrase(name, current, new)
            entries = "entry" if n == 1 else "entries"
            echo(
                f"{name}'s passphrase is changed; {n} private {entries} (with their "
                "history) now open with the new one only."
            )
            return
        phrase = get_passphrase(name, confirm=True)
        _hint(phrase, wb)
        wb.set_passphrase(name, phrase, set_by=set_by)
        by = wb.passphrase_set_by_other(name)
        extra = f" {name} will be asked to replace it with their own." if by else ""
        echo(f"{name}'s passphrase is set. Private entries can now be kept.{extra}")


def _hint(phrase: str, wb: Workbook) -> None:
    """A strength hint on stderr; it never stops anything."""
    hint = passphrase_hint(phrase, names=tuple(wb.partners))
    if hint:
        echo(f"Hint: {hint}", err=True)


@click.command()
@kind_argument()
@click.option("--author", required=True, help="The partner writing the entry.")
@click.option("--json", "json_text", required=True, metavar="JSON|-|@FILE", help=JSON_HELP)
@click.option("--private", is_flag=True, help="Keep it private (needs the author's passphrase).")
@workbook_option
@pass_ctx
def add(state: State, kind: str, author: str, json_text: str, private: bool) -> None:
    """Add an entry of KIND and print its id.

    For private text, pass --json - (standard input) or --json @FILE: text on the
    command line can be read by other programs on this computer while the command
    waits for the passphrase, and stays in your shell history."""
    from repairbook.couple import Couple

    data = read_json_arg(json_text)
    if not isinstance(data, dict):
        raise UserError("The entry needs to be a JSON object.")
    model = model_for(kind)
    with Couple.as_partner(state.path, author) as couple:
        # the same service the page uses: the entry is checked before any passphrase is asked
        make_entry(kind, data, author=couple.me, visibility="private" if private else None)
        # private text, and what speaks for a partner (a signature, a consent), need that
        # partner's passphrase when they have one
        if private or model.private_only or kind in SPEAKS_FOR:
            _unlock(couple.workbook, couple.me)
        _echo_saved(couple.save(kind, data, visibility="private" if private else None))


def _echo_saved(res: SaveResult) -> None:
    """The saved entry's id, or the service's sentences as the CLI's error."""
    if not res.ok:
        if res.problems:
            raise EntryError(res.problems)
        raise UserError(res.error)
    assert res.entry is not None
    echo(res.entry.id)


@click.command()
@click.argument("entry_id")
@click.option("--author", required=True, help="The partner making the change.")
@click.option("--json", "json_text", required=True, metavar="JSON|-|@FILE", help=JSON_HELP)
@workbook_option
@pass_ctx
def edit(state: State, entry_id: str, author: str, json_text: str) -> None:
    """Save a new version of an entry (earlier versions stay in its history).

    --json - and --json @FILE keep private text off the command line."""
    changes = read_json_arg(json_text)
    if not isinstance(changes, dict):
        raise UserError("The changes need to be a JSON object.")
    from repairbook.couple import Couple

    with Couple.as_partner(state.path, author) as couple:
        _unlock(couple.workbook, couple.me)
        _echo_saved(couple.update(entry_id, changes))


@click.command("list")
@kind_argument(required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--partner", default=None, help="Also show this partner's private entries.")
@workbook_option
@pass_ctx
def list_(state: State, kind: str | None, as_json: bool, partner: str | None) -> None:
    """List entries (shared ones; add --partner for that partner's private ones too)."""
    with state.open() as wb:
        viewer = _unlock(wb, partner) if partner else None
        problems: list[str] = []
        items = wb.list(kind, viewer=viewer, problems=problems)
        for p in problems:  # stderr: stdout stays the good entries (and valid JSON)
            echo(f"repairbook: {p}", err=True)
        if as_json:
            echo_json([entry_to_json(e) for e in items])
            return
        if not items:
            echo("No entries yet.")
        for e in items:
            lock = " (private)" if e.visibility == "private" else ""
            echo(
                f"{e.id}  {e.created:%Y-%m-%d}  {e.kind:<22} {plain(e.author)}{lock}: "
                f"{plain(e.summary(), 60)}"
            )


@click.command()
@click.argument("entry_id")
@click.option("--partner", default=None, help="Needed to show that partner's private entry.")
@click.option("--history", is_flag=True, help="Show every version.")
@workbook_option
@pass_ctx
def show(state: State, entry_id: str, partner: str | None, history: bool) -> None:
    """Print one entry as JSON."""
    with state.open() as wb:
        viewer = _unlock(wb, partner) if partner else None
        if history:
            problems: list[str] = []
            versions = wb.history(entry_id, viewer=viewer, problems=problems)
            for p in problems:
                echo(f"repairbook: {p}", err=True)
            echo_json([entry_to_json(e) for e in versions])
        else:
            echo_json(entry_to_json(wb.get(entry_id, viewer=viewer)))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print {kind: JSON Schema}.")
def kinds(as_json: bool) -> None:
    """Every kind of entry with its fields and ranges."""
    schemas = kinds_schema()
    if as_json:
        echo_json(schemas)
        return
    for kind, schema in schemas.items():
        private = " (always private)" if schema.get("x-private-only") else ""
        echo(f"{kind}{private}")
        envelope = {"id", "author", "created", "updated", "visibility", "schema_version"}
        required = set(schema.get("required", []))
        for name, prop in schema["properties"].items():
            if name in envelope:
                continue
            rng = ""
            lo, hi = _bounds(prop)
            if lo is not None or hi is not None:
                rng = f" [{'' if lo is None else lo}..{'' if hi is None else hi}]"
            req = "" if name in required else " (optional)"
            echo(f"  {name}: {_type(prop)}{rng}{req}  {prop.get('title', '')}")


def _bounds(prop: dict) -> tuple[object, object]:
    for p in [prop, *prop.get("anyOf", [])]:
        if "minimum" in p or "maximum" in p:
            return p.get("minimum"), p.get("maximum")
    return None, None


def _type(prop: dict) -> str:
    if "enum" in prop:
        return "|".join(map(str, prop["enum"]))
    if "anyOf" in prop:
        return " or ".join(_type(p) for p in prop["anyOf"])
    t = prop.get("type", "object")
    fmt = prop.get("format")
    return f"{t} ({fmt})" if fmt else str(t)


@click.command()
@click.option("--keep", default=10, show_default=True, help="How many backups to keep.")
@click.option("--list", "list_only", is_flag=True, help="List the backups instead.")
@workbook_option
@pass_ctx
def backup(state: State, keep: int, list_only: bool) -> None:
    """Copy the workbook into its backups/ folder (keeps the newest --keep)."""
    if list_only:
        for p in list_backups(state.path):
            echo(p.name)
        return
    with state.open() as wb:
        echo(wb.backup(keep=keep))


@click.command("restore")
@click.argument("backup_name", required=False)
@workbook_option
@pass_ctx
def restore_(state: State, backup_name: str | None) -> None:
    """Bring back a backup (the newest if none is named). The current file is kept aside.

    Refused while the workbook is open anywhere (a page, `repairbook serve`, another
    command); the message says where."""
    source = restore(state.path, backup_name)
    echo(f"Restored {source.name}. The file it replaced was kept beside it.")


@click.command()
@click.option("--partner", "partners", multiple=True, help="Also test this partner's passphrase.")
@click.option("--json", "as_json", is_flag=True)
@workbook_option
@pass_ctx
def check(state: State, partners: tuple[str, ...], as_json: bool) -> None:
    """Check the workbook: integrity, format version, counts; exits 1 on any fault."""
    phrases = {p: get_passphrase(p) for p in partners}
    report = check_workbook(state.path, phrases)
    if as_json:
        echo_json(
            {
                "ok": report.ok,
                "schema_version": report.schema_version,
                "integrity": report.integrity,
                "partners": report.partners,
                "counts": report.counts,
                "passphrase_ok": report.passphrase_ok,
                "problems": report.problems,
            }
        )
    else:
        echo(f"Workbook: {state.path}")
        echo(f"Integrity: {report.integrity}")
        echo(f"Format version: {report.schema_version}")
        if report.partners:
            echo(f"Partners: {' and '.join(report.partners)}")
        for kind, n in report.counts.items():
            echo(f"  {kind}: {n}")
        for name, ok in report.passphrase_ok.items():
            echo(
                f"Passphrase for {name}: "
                + ("opens every private entry" if ok else "does not open every private entry")
            )
        for p in report.problems:
            echo(f"Problem: {p}", err=True)
        echo("All good." if report.ok else "The workbook has a problem (see above).")
    if not report.ok:
        sys.exit(1)


@click.command()
@click.option("--days", default=120, show_default=True, help="How many days of history.")
@click.option("--seed", default=7, show_default=True, help="Random seed (same seed, same couple).")
@click.option("--force", is_flag=True, help="Replace an existing demo workbook.")
@workbook_option
@pass_ctx
def demo(state: State, days: int, seed: int, force: bool) -> None:
    """Make a demo workbook: a made-up couple using every kind of entry."""
    from repairbook.demo import DEMO_PASSPHRASES, make_demo

    if days < 1 or days > 3650:
        raise UserError("--days is between 1 and 3650.")
    wb = make_demo(state.path, days=days, seed=seed, force=force)
    counts = wb.counts()
    echo(f"Demo workbook for {' and '.join(wb.partners)} at {wb.folder}")
    echo(f"{sum(counts.values())} entries over {days} days, {len(counts)} kinds.")
    phrases = ", ".join(f"{k}: {v}" for k, v in DEMO_PASSPHRASES.items())
    echo(f"Demo passphrases (made up, for trying the private pages): {phrases}")
    wb.close()


def register(group: click.Group) -> None:
    for cmd in (init, passphrase, add, edit, list_, show, kinds, backup, restore_, check, demo):
        group.add_command(cmd)
