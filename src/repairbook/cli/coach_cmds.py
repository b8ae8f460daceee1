"""`repairbook coach …`: the wording coaches on the command line.

Flags are advice, not errors: a command that finds something to flag still exits 0.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

import click

from repairbook import checkers
from repairbook.cli.common import UserError, echo, echo_json
from repairbook.content import coach as words

_CONTEXT = 60


def _read(text: str | None) -> str | None:
    if text == "-":
        return sys.stdin.read()
    return text


def _marked(text: str, start: int, end: int) -> str:
    """The text around a flag, with the flagged words between [ and ]."""
    if start == end:
        return ""
    lo = max(0, start - _CONTEXT)
    hi = min(len(text), end + _CONTEXT)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    flagged = text[start:end]
    if len(flagged) > 3 * _CONTEXT:
        flagged = flagged[:_CONTEXT] + " … " + flagged[-_CONTEXT:]
    return " ".join(f"{before}[{flagged}]{after}".split())


def _emit(
    flags: Sequence[checkers.Flag], source: str | Mapping[str, str | None], as_json: bool
) -> None:
    if as_json:
        data = checkers.flags_to_dicts(flags, source)
        echo_json(data)
        return
    if not flags:
        echo(words.NOTHING_TO_FLAG)
        return
    n = len(flags)
    echo((words.FLAG_COUNT if n == 1 else words.FLAG_COUNT_MANY).format(n=n))
    for i, flag in enumerate(flags, 1):
        text = source if isinstance(source, str) else (source.get(flag.part or "") or "")
        where = f" ({flag.part})" if flag.part else ""
        echo("")
        echo(f"{i}. {flag.label}{where}")
        shown = _marked(text, flag.start, flag.end)
        if shown and flag.end - flag.start < len(text.strip()):
            echo(f"   {shown}")
        echo(f"   {flag.message}")
        echo("   " + words.TRY.format(suggestion=flag.suggestion))


def _need_text(text: str | None) -> str:
    if text is None or not text.strip():
        raise UserError(words.EMPTY_TEXT)
    return text


_json_option = click.option("--json", "as_json", is_flag=True, help="Print the flags as JSON.")


@click.group()
def coach() -> None:
    """Gentle wording coaches: flags blame, non-apologies, vague agreements and surveillance.

    TEXT is the words to check; - reads them from standard input. Flags are suggestions,
    never errors: the command exits 0 either way."""


@coach.command("i-statement")
@click.argument("text")
@_json_option
def i_statement(text: str, as_json: bool) -> None:
    """Check an I-statement ("When …, I feel …, and I need …")."""
    text = _need_text(_read(text))
    _emit(checkers.check_i_statement(text), text, as_json)


@coach.command("apology")
@click.argument("text", required=False)
@click.option("--act", help="What I did.")
@click.option("--impact", help="How it affected you.")
@click.option("--responsibility", help="What I take responsibility for.")
@click.option("--plan", help="What I will do to make amends and change.")
@_json_option
def apology(
    text: str | None,
    act: str | None,
    impact: str | None,
    responsibility: str | None,
    plan: str | None,
    as_json: bool,
) -> None:
    """Check an apology: as one TEXT, or as its four parts (--act, --impact, --responsibility, --plan)."""
    parts = {"act": act, "impact": impact, "responsibility": responsibility, "plan": plan}
    given = any(v is not None for v in parts.values())
    if text is not None and given:
        raise UserError(words.TEXT_AND_PARTS)
    if given:
        _emit(checkers.check_apology(**parts), parts, as_json)
        return
    text = _need_text(_read(text))
    _emit(checkers.check_apology(text), text, as_json)


@coach.command("agreement")
@click.argument("text")
@_json_option
def agreement(text: str, as_json: bool) -> None:
    """Check an agreement for vague wording, demands and surveillance."""
    text = _need_text(_read(text))
    _emit(checkers.check_agreement(text), text, as_json)


@coach.command("transparency")
@click.argument("text")
@_json_option
def transparency(text: str, as_json: bool) -> None:
    """Check a transparency offer: offered freely, not surveillance, with an end or review date."""
    text = _need_text(_read(text))
    _emit(checkers.check_transparency(text), text, as_json)


def register(group: click.Group) -> None:
    group.add_command(coach)
