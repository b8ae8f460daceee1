"""Shared pieces of the CLI: the workbook in use, passphrases, JSON output."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from repairbook.store import Workbook, resolve_workbook

ENV_PASSPHRASE = "REPAIRBOOK_PASSPHRASE"
ENV_NEW_PASSPHRASE = "REPAIRBOOK_NEW_PASSPHRASE"
#: The most entry JSON read from --json (text, ``-`` or ``@FILE``).
MAX_JSON_BYTES = 1024 * 1024


class UserError(click.ClickException):
    """A mistake the user can fix; printed as one sentence."""


@dataclass
class State:
    workbook_arg: str | None

    @property
    def path(self) -> Path:
        return resolve_workbook(self.workbook_arg)

    def open(self) -> Workbook:
        return Workbook.open(self.path)


pass_ctx = click.make_pass_decorator(State)


def _set_workbook(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(State).workbook_arg = value


#: ``--workbook PATH`` on a command itself (``repairbook check --workbook PATH``), the same
#: as the group's global option. Put it on any command that uses the workbook.
workbook_option = click.option(
    "--workbook",
    type=click.Path(file_okay=False),
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_set_workbook,
    help="The workbook folder (default: $REPAIRBOOK_WORKBOOK, else your user data folder).",
)


def kind_argument(*, required: bool = True) -> Any:
    """A KIND argument checked against the known kinds with a one-sentence error."""

    def check(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        from repairbook.entries import model_for

        model_for(value)  # raises EntryError with the list of kinds
        return value

    return click.argument(
        "kind", required=required, callback=check, metavar="KIND" if required else "[KIND]"
    )


def get_passphrase(name: str, *, confirm: bool = False) -> str:
    """From REPAIRBOOK_PASSPHRASE, else a hidden prompt. Never from the command line."""
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    return str(
        click.prompt(
            f"Passphrase for {plain(name)}", hide_input=True, confirmation_prompt=confirm, err=True
        )
    )


def get_new_passphrase(name: str) -> str:
    """A new passphrase: REPAIRBOOK_NEW_PASSPHRASE, else a hidden prompt asked twice."""
    env = os.environ.get(ENV_NEW_PASSPHRASE)
    if env:
        return env
    return str(
        click.prompt(
            f"New passphrase for {plain(name)}", hide_input=True, confirmation_prompt=True, err=True
        )
    )


#: help text of every ``--json`` that takes an entry's fields
JSON_HELP = (
    "The fields as a JSON object: the text itself, - to read it from standard input, "
    "or @FILE to read it from a file (prefer these for private text: a command line "
    "can be seen by other programs and stays in your shell history)."
)


def read_json_arg(value: str) -> Any:
    """Parse ``--json``: JSON text, ``-`` (standard input) or ``@FILE``. Always one
    sentence on a mistake: too large, unreadable file, invalid JSON."""
    limit = MAX_JSON_BYTES
    from repairbook.content import messages

    if value == "-":
        raw = sys.stdin.buffer.read(limit + 1) if hasattr(sys.stdin, "buffer") else None
        if raw is None:
            raw = sys.stdin.read(limit + 1).encode("utf-8", "surrogatepass")
        text = _decode(raw, "standard input", limit)
    elif value.startswith("@"):
        path = Path(value[1:]).expanduser()
        try:
            with open(path, "rb") as fh:
                raw = fh.read(limit + 1)
        except OSError as err:
            why = (err.strerror or str(err)).lower()
            raise UserError(messages.JSON_FILE.format(path=path, why=why)) from None
        text = _decode(raw, str(path), limit)
    else:
        if len(value.encode("utf-8", "surrogatepass")) > limit:
            raise UserError(messages.JSON_TOO_BIG.format(n=limit // (1024 * 1024)))
        text = value
    return parse_json(text)


def _decode(raw: bytes, where: str, limit: int) -> str:
    from repairbook.content import messages

    if len(raw) > limit:
        raise UserError(messages.JSON_TOO_BIG.format(n=limit // (1024 * 1024)))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(messages.JSON_FILE.format(path=where, why="it is not UTF-8 text")) from None


# -- text for the terminal ---------------------------------------------------------------
#
# Whatever a person typed (entries, names, labels, a roster, a helpline) may hold characters a
# terminal acts on: ESC starts sequences that retitle the window, clear the screen or hide a
# link; C1 controls do the same on some terminals; a carriage return or backspace overwrites
# what came before; direction overrides reorder the line. Every line the CLI prints goes
# through :func:`terminal_text`, which shows those characters as escapes a person can read
# (``\x1b``, ``\u202e``) and leaves ordinary writing (accents, emoji, joined emoji, CJK,
# Arabic, Hebrew) exactly as typed.

#: invisible format characters that hide or reorder text: the zero-width space, direction
#: embeddings, overrides and isolates, the word joiner and invisible operators, the
#: deprecated format controls, the byte-order mark and the interlinear annotation marks.
#: Joiners (U+200C, U+200D), direction marks (U+200E, U+200F, U+061C) and the soft hyphen
#: stay: ordinary writing and emoji need them. Tag characters (U+E0000 to U+E007F) are
#: invisible too; they stay only inside a flag emoji (🏴 tags … cancel tag).
_HIDDEN = frozenset(
    [0x180E, 0x200B, 0xFEFF, *range(0x202A, 0x202F), *range(0x2060, 0x2070)]
    + [*range(0xFFF9, 0xFFFC), *range(0xE0000, 0xE0080)]
)
#: a flag emoji spelt with tag characters, e.g. the flag of Scotland
_TAG_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def _unsafe(ch: str, keep: str) -> bool:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:  # C0, DEL, C1
        return ch not in keep
    # lone surrogates cannot even be written; line and paragraph separators break lines
    return 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029) or code in _HIDDEN


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def terminal_text(text: str, *, lines: bool = False) -> str:
    """``text`` safe to write to a terminal: control, direction-override and hidden
    characters shown as escapes. With ``lines`` newlines and tabs stay (the layout of a
    message of several lines); otherwise they are shown as ``\\n`` and ``\\t`` too."""
    if text.isascii() and text.isprintable():
        return text
    return _escaped(text, "\n\t" if lines else "", _escape)


def _escaped(text: str, keep: str, escape: Callable[[str], str]) -> str:
    """``text`` with every unsafe character but those in ``keep`` replaced by ``escape``;
    flag emoji stay whole."""
    out: list[str] = []
    at = 0
    for flag in _TAG_FLAG.finditer(text) if "\U0001f3f4" in text else ():
        out.extend(escape(ch) if _unsafe(ch, keep) else ch for ch in text[at : flag.start()])
        out.append(flag.group())
        at = flag.end()
    out.extend(escape(ch) if _unsafe(ch, keep) else ch for ch in text[at:])
    return "".join(out)


def plain(text: object, limit: int | None = None) -> str:
    """One value (a name, a label, an entry's text) for a line of output: escaped as in
    :func:`terminal_text`, line breaks included, and cut to ``limit`` characters."""
    text = terminal_text(str(text))
    return text if limit is None or len(text) <= limit else text[: limit - 3] + "..."


def echo(message: object = "", *, err: bool = False) -> None:
    """``click.echo`` for the CLI's lines: the whole line passes through
    :func:`terminal_text`, so a name or an entry quoted in it can never act on the terminal."""
    click.echo(terminal_text(str(message), lines=True), err=err)


def echo_json(data: Any) -> None:
    """JSON on stdout. json escapes C0 controls itself; C1 controls, direction overrides
    and hidden characters are written as \\u escapes too, so text the other partner typed
    cannot retitle, clear or reorder the terminal; JSON readers see the same strings."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    if not text.isascii():
        text = _escaped(text, "\n", _json_escape)
    click.echo(text)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def parse_json(text: str) -> Any:
    from repairbook.content import messages

    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise UserError(messages.BAD_JSON.format(detail=err.msg.lower())) from None
    except RecursionError:
        raise UserError(messages.BAD_JSON.format(detail="it is nested too deeply")) from None
    except ValueError as err:  # a number with thousands of digits, NaN, Infinity
        detail = "a number is far too long" if "digits" in str(err) else str(err)[:80].lower()
        raise UserError(messages.BAD_JSON.format(detail=detail)) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number we can keep")
