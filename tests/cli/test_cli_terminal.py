"""Text a person typed can never act on the terminal it is printed to.

Hostile text (a title change, a screen clear, a hidden hyperlink, C1 controls, direction
overrides) goes into entries, partner names, couple labels, a workshop's name and a
helpline; every command that prints it must show it as readable escapes, while accents,
emoji, joined emoji and Arabic come out exactly as typed. CliRunner runs with color=True,
as on a real terminal (otherwise click would strip part of the ANSI codes itself).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from repairbook.cli import cli

#: ordinary writing that must come out unchanged (accents, an emoji, a joined family emoji,
#: the flag of Scotland spelt with tag characters, Arabic and Hebrew letters)
FRIENDLY = "Café 😊 👨‍👩‍👧 \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f مرحبا שלום"

#: a window title, a screen clear, a hidden hyperlink, C1 controls, a bell, DEL, a
#: backspace, a carriage return and direction overrides and isolates
HOSTILE = (
    "\x1b]0;owned\x07 \x1b[2J \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ "
    "\x85\x9b1m \x7f\x08\r \u202eevil\u202c \u2066iso\u2069"
)
#: what a person sees of HOSTILE on a text line
HOSTILE_SHOWN = [
    r"\x1b]0;owned\x07",
    r"\x1b[2J",
    r"\x1b]8;;http://evil\x1b\link\x1b]8;;\x1b\ ",
    r"\x85\x9b1m",
    r"\x7f\x08\r",
    r"\u202eevil\u202c",
    r"\u2066iso\u2069",
]
#: the same in JSON output
HOSTILE_JSON = [r"\u001b]0;owned\u0007", r"\u001b[2J", r"\u0085\u009b1m", r"\u202eevil\u202c"]

#: labels, workshop names and helplines refuse C0/C1 controls, but not direction overrides
BIDI = "\u202eevil\u202c \u2066iso\u2069"
BIDI_SHOWN = [r"\u202eevil\u202c", r"\u2066iso\u2069"]

#: what must never reach the terminal raw: C0 controls but newline and tab, DEL, C1
#: controls, direction embeddings, overrides and isolates
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

DAY = (date.today() - timedelta(days=1)).isoformat()
SOON = (date.today() + timedelta(days=7)).isoformat()
#: a non-apology the coach flags, with hostile text right beside the flagged words
APOLOGY = f"I'm sorry if \x1b]0;owned\x07 \u202eevil\u202c {FRIENDLY}"
PHRASE = {"REPAIRBOOK_PASSPHRASE": "a long test passphrase"}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("REPAIRBOOK_WORKBOOK", "REPAIRBOOK_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, color=True, catch_exceptions=False)


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _workbook(tmp: Path) -> str:
    """A workbook of Alex and Sam whose entries hold the friendly and the hostile text."""
    folder = str(tmp / "wb")
    ok("--workbook", folder, "init", "--partner", "Alex", "--partner", "Sam")
    text = f"{FRIENDLY} {HOSTILE}"
    import json

    for kind, data in (
        ("win", {"text": text, "day": DAY}),
        ("promise", {"text": text, "due": f"{SOON}T12:00:00Z"}),
    ):
        ok("--workbook", folder, "add", kind, "--author", "Alex", "--json", json.dumps(data))
    return folder


def _first_id(folder: str) -> str:
    import json

    return str(json.loads(ok("--workbook", folder, "list", "--json"))[0]["id"])


def _named(tmp: Path) -> str:
    """A workbook whose first partner's name holds the hostile text: names are checked when
    a workbook is made, so this stands for one written by an older version or by hand."""
    folder = str(tmp / "wb")
    ok("--workbook", folder, "init", "--partner", "Alex", "--partner", "Sam")
    db = sqlite3.connect(Path(folder) / "workbook.sqlite")
    with db:
        db.execute("UPDATE partners SET name=? WHERE name='Alex'", (f"{FRIENDLY} {HOSTILE}",))
    db.close()
    return folder


def _workshop(tmp: Path) -> str:
    folder = str(tmp / "ws")
    ok("workshop", "init", folder, "--name", f"{FRIENDLY} {BIDI}")
    ok("workshop", "add-couple", folder, "--label", f"Café 😊 {BIDI}")
    ok("workshop", "room-help", folder, "--helpline", f"{FRIENDLY} {BIDI}|+49 30 1234")
    return folder


Case = tuple[Callable[[Path], str], Callable[[str], list[str]], str, list[str]]

CASES: dict[str, Case] = {
    "list": (_workbook, lambda wb: ["--workbook", wb, "list"], FRIENDLY, HOSTILE_SHOWN[:1]),
    "list-json": (
        _workbook,
        lambda wb: ["--workbook", wb, "list", "--json"],
        FRIENDLY,
        HOSTILE_JSON,
    ),
    "show": (
        _workbook,
        lambda wb: ["--workbook", wb, "show", _first_id(wb)],
        FRIENDLY,
        HOSTILE_JSON,
    ),
    "progress": (  # wrapped as a paragraph: the carriage return becomes a space there
        _workbook,
        lambda wb: ["--workbook", wb, "progress"],
        FRIENDLY,
        [*HOSTILE_SHOWN[:4], r"\x7f\x08", *HOSTILE_SHOWN[5:]],
    ),
    "coach": (
        lambda _t: "",
        lambda _: ["coach", "apology", APOLOGY],
        FRIENDLY,
        [HOSTILE_SHOWN[0], HOSTILE_SHOWN[5]],
    ),
    "check": (_named, lambda wb: ["--workbook", wb, "check"], FRIENDLY, HOSTILE_SHOWN),
    "share-status": (
        _named,
        lambda wb: ["workshop", "share", "--workbook", wb],
        FRIENDLY,
        HOSTILE_SHOWN,
    ),
    "link": (
        _named,
        lambda wb: ["--workbook", wb, "link", "--partner", f"{FRIENDLY} {HOSTILE}"],
        FRIENDLY,
        HOSTILE_SHOWN,
    ),
    "consent-status": (
        _named,
        lambda wb: ["--workbook", wb, "consent", "--status"],
        FRIENDLY,
        HOSTILE_SHOWN,
    ),
    "workshop-links": (_workshop, lambda ws: ["workshop", "links", ws], "Café 😊", BIDI_SHOWN),
    "workshop-summary": (
        _workshop,
        lambda ws: ["workshop", "summary", ws],
        FRIENDLY,
        BIDI_SHOWN,
    ),
    "workshop-room-help": (
        _workshop,
        lambda ws: ["workshop", "room-help", ws],
        FRIENDLY,
        BIDI_SHOWN,
    ),
    "workshop-add-couple": (
        _workshop,
        lambda ws: ["workshop", "add-couple", ws, "--label", f"Olé 👨‍👩‍👧 {BIDI}"],
        "Olé 👨‍👩‍👧",
        BIDI_SHOWN,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_typed_text_is_shown_not_obeyed(tmp_path: Path, name: str) -> None:
    setup, argv, friendly, shown = CASES[name]
    result = run(*argv(setup(tmp_path)))
    assert result.exit_code == 0, result.output
    out = result.stdout + result.stderr
    raw = RAW.findall(out)
    assert not raw, f"raw control characters reach the terminal: {raw!r}\n{out!r}"
    assert friendly in out, out
    for piece in shown:
        assert piece in out, f"{piece!r} is not shown in {out!r}"


def test_an_error_quoting_typed_text_is_escaped_too(tmp_path: Path) -> None:
    """A one-sentence error that repeats what was typed (an unknown partner, and the
    partners' names) shows it escaped on stderr."""
    folder = _named(tmp_path)
    result = run("--workbook", folder, "link", "--partner", f"Zed{HOSTILE}")
    assert result.exit_code == 1
    assert not RAW.findall(result.stderr), repr(result.stderr)
    assert FRIENDLY in result.stderr, result.stderr
    assert result.stderr.count(r"\x1b]0;owned\x07") == 2, result.stderr
