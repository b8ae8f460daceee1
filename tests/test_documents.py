"""The repair-contract PDF and the rhythm calendar, checked the way a couple meets them:
the PDF's first page as a picture and as text, the .ics parsed back by a calendar library."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from repairbook import documents
from repairbook.cli import cli
from repairbook.demo import make_demo
from repairbook.entries import Contract, EntryError, Settings, Signature, make_entry
from repairbook.store import EntryNotFound, Workbook

POPPLER = "pdftoppm and pdftotext come with Debian's poppler-utils; install it to run these tests."


# --- helpers ------------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, POPPLER
    return path


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as pdftotext reads it, normalised: Arabic presentation forms folded
    back (NFKC), bidi marks dropped, all whitespace runs one space."""
    src = tmp_path / "doc.pdf"
    src.write_bytes(pdf)
    out = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(src), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode("utf-8")
    text = unicodedata.normalize("NFKC", out).translate(_INVISIBLE)
    return re.sub(r"\s+", " ", text)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s))


def page_png(pdf: bytes, tmp_path: Path, page: int = 1, dpi: int = 60) -> Path:
    src = tmp_path / "page.pdf"
    src.write_bytes(pdf)
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(src),
            str(prefix),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return prefix.with_suffix(".png")


def ink_share(png: Path) -> float:
    """The share of pixels that are not (near) white."""
    from PIL import Image

    img = Image.open(png).convert("L")
    hist = img.histogram()
    return sum(hist[:235]) / (img.width * img.height)


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def contract(names: tuple[str, str] = ("Alex", "Sam"), **fields: object) -> Contract:
    a, b = names
    data: dict[str, object] = {
        "commitments": {
            a: ["Say when I am triggered", "Keep our Sunday check-in", "Ask before assuming"],
            b: ["Share my plans each morning", "Text before I am late", "Answer calmly"],
        },
        "support": "A hand on the shoulder.",
        "breaks": "Lying about where we are.",
        "revisit_on": (date.today() + timedelta(days=30)).isoformat(),
    }
    data.update(fields)
    entry = make_entry("contract", data, author=a)
    assert isinstance(entry, Contract)
    return entry


# --- the PDF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "wb"
    make_demo(folder, days=60, seed=3).close()
    return folder


def test_demo_contract_reads_well_on_page_one(demo: Path, tmp_path: Path) -> None:
    with Workbook.open(demo) as wb:
        latest = documents.latest_contract(wb)
        assert latest is not None
        pdf = documents.contract_pdf_for(wb, latest.id, strict=True)
        version = wb.version(latest.id)
    assert pdf.startswith(b"%PDF")
    assert ink_share(page_png(pdf, tmp_path)) > 0.01, "page 1 looks blank"
    text = pdf_text(pdf, tmp_path)
    assert "Our repair contract" in text
    assert "Alex and Sam" in text
    assert f"Version {version}" in text
    for name, items in latest.commitments.items():
        assert f"{name} commits to" in text
        for item in items:
            assert norm(item) in text
    assert norm(latest.support) in text
    assert norm(latest.breaks) in text
    assert documents.words.long_date(latest.revisit_on) in text
    assert "not a legal document" in text and "not therapy" in text


def test_demo_revised_contract_waits_for_new_signatures(demo: Path, tmp_path: Path) -> None:
    """The demo couple changed their contract after signing version 1."""
    with Workbook.open(demo) as wb:
        latest = documents.latest_contract(wb)
        assert latest is not None
        assert wb.version(latest.id) == 2
        text = pdf_text(documents.contract_pdf_for(wb, latest.id), tmp_path)
    assert "Not yet signed by Alex" in text and "Not yet signed by Sam" in text
    assert "Earlier versions" in text
    assert "Version 2 changed what support looks like" in text


def test_signatures_show_who_signed_and_when(workbook: Workbook, tmp_path: Path) -> None:
    c = contract()
    workbook.add(c)
    signed = datetime(2026, 3, 14, 18, 5, tzinfo=UTC)
    workbook.add(
        make_entry(
            "signature",
            {"contract_id": c.id, "contract_version": 1, "signed_at": signed.isoformat()},
            author="Alex",
        )
    )
    workbook.add(make_entry("settings", {"timezone": "Europe/Berlin"}, author="Sam"))
    text = pdf_text(documents.contract_pdf_for(workbook, c.id), tmp_path)
    assert "Signed by Alex" in text
    assert "on 14 March 2026 at 19:05 CET" in text  # shown in the couple's time zone
    assert "Not yet signed by Sam" in text
    assert "Earlier versions" not in text

    # a change makes version 2: the old signature no longer counts
    workbook.update(c.id, {"support": "A walk after dinner."}, by="Alex")
    text = pdf_text(documents.contract_pdf_for(workbook, c.id), tmp_path)
    assert "Version 2" in text and "A walk after dinner." in text
    assert "Not yet signed by Alex" in text
    assert "Version 1, written" in text


SCRIPTS = {
    "accents": ("Zoë Ångström-Núñez", "Je dirai « je » plutôt que « tu », même fâchée"),
    "cyrillic": ("Юлия Соколова", "Говорить спокойно, когда мне тяжело"),
    "arabic": ("مريم الحسيني", "أن أخبرك بخططي كل صباح"),
    "hebrew": ("נועה כהן", "לספר לך על התוכניות שלי"),
    "chinese": ("王小明", "每天晚上和你一起散步"),
    "japanese": ("田中はるか", "遅れるときは必ず連絡します"),
    "korean": ("김민수", "정직하게 말하기"),
    "greek": ("Ελένη Παπαδοπούλου", "Να λέω την αλήθεια κάθε μέρα"),
}


def test_every_script_has_a_font() -> None:
    everything = "".join(a + b for a, b in SCRIPTS.values())
    missing = documents.uncovered(everything)
    assert not missing, (
        f"no installed font draws {missing!r}; CJK needs Debian's fonts-wqy-microhei"
    )
    assert documents.shaping_available(), (
        "Arabic and Hebrew need HarfBuzz shaping: pip install uharfbuzz"
    )


@pytest.mark.parametrize(
    "pair",
    [("accents", "cyrillic"), ("arabic", "chinese"), ("japanese", "korean"), ("hebrew", "greek")],
    ids=lambda p: "+".join(p),
)
def test_names_and_commitments_in_any_script(pair: tuple[str, str], tmp_path: Path) -> None:
    (a, a_text), (b, b_text) = SCRIPTS[pair[0]], SCRIPTS[pair[1]]
    c = contract(
        (a, b),
        commitments={a: [a_text, "Two", "Three"], b: [b_text, "Two", "Three"]},
        support=f"{a_text} / {b_text}",
    )
    # strict: a glyph missing from every font fails instead of printing an empty box
    pdf = documents.contract_pdf(c, [], [a, b], version=1, strict=True)
    assert ink_share(page_png(pdf, tmp_path)) > 0.01
    text = pdf_text(pdf, tmp_path)
    for needle in (a, b, a_text, b_text):
        assert norm(needle) in text, f"{needle!r} is not in the PDF's text"
    assert "\ufffd" not in text


def test_hostile_text_is_printed_as_plain_text(tmp_path: Path) -> None:
    c = contract(
        support='<b>bold?</b> <script>alert("x")</script> &amp; {{ name }} **not markdown**',
        breaks="before\x00\x07\x1b[31m after\u202eevil\r\nnext\tline",
    )
    pdf = documents.contract_pdf(c, [], ["Alex", "Sam"], version=1, strict=True)
    text = pdf_text(pdf, tmp_path)
    assert '<b>bold?</b> <script>alert("x")</script> &amp; {{ name }} **not markdown**' in text
    assert "before [31m after" in text or "before[31m after" in text
    assert "afterevil" in text  # the right-to-left override was dropped, not obeyed
    assert "next line" in text


def test_very_long_text_flows_over_pages(tmp_path: Path) -> None:
    long_words = ("steady " * 3000)[:20_000]
    one_word = "a" * 20_000
    c = contract(
        support=long_words,
        breaks=one_word,
        commitments={"Alex": ["x" * 1000, "y " * 499, "z"], "Sam": ["1", "2", "3"]},
    )
    pdf = documents.contract_pdf(c, [], ["Alex", "Sam"], version=1, strict=True)
    pages = page_count(pdf)
    assert pages > 3
    text = pdf_text(pdf, tmp_path)
    assert text.count("not a legal document") == pages  # the footer is on every page
    assert f"Page {pages} of {pages}" in text
    assert text.count("steady") == long_words.count("steady")
    assert text.replace(" ", "").count("a" * 500) >= 1
    assert ink_share(page_png(pdf, tmp_path, page=pages)) > 0.005


def test_emoji_and_unknown_characters_do_not_break_the_pdf(tmp_path: Path) -> None:
    hieroglyph = "\U00013000"  # in no font we ship or install
    c = contract(
        support=f"Coffee together ☕🙂 \U0001f9e1 {hieroglyph} every Sunday \uffff\U000e0001"
    )
    assert hieroglyph in documents.uncovered(c.support)
    pdf = documents.contract_pdf(c, [], ["Alex", "Sam"], version=1)
    text = pdf_text(pdf, tmp_path)
    assert "Coffee together" in text and "every Sunday" in text
    assert "\ufffd" in text  # shown as a replacement mark, not as an invisible gap
    assert ink_share(page_png(pdf, tmp_path)) > 0.01
    with pytest.raises(documents.MissingGlyphs, match="U\\+13000"):
        documents.contract_pdf(c, [], ["Alex", "Sam"], version=1, strict=True)


def test_pdf_for_an_entry_that_is_not_a_contract(workbook: Workbook) -> None:
    eid = workbook.add(make_entry("win", {"text": "Laughed", "day": "2026-03-14"}, author="Sam"))
    with pytest.raises(EntryNotFound, match="not a repair contract"):
        documents.contract_pdf_for(workbook, eid)


def test_unknown_time_zone_is_a_clear_error() -> None:
    with pytest.raises(EntryError) as err:
        documents.contract_pdf(contract(), [], ["Alex", "Sam"], version=1, tz="Mars/Olympus")
    assert "Mars/Olympus" in err.value.problems["timezone"]


# --- the calendar ----------------------------------------------------------------------------------


def settings(**fields: object) -> Settings:
    data: dict[str, object] = {
        "checkin_time": "21:15",
        "repair_checkin_day": "sun",
        "repair_checkin_time": "18:30",
        "fun_date_day": "fri",
        "fun_date_time": "19:45",
        "timezone": "Europe/Berlin",
    }
    data.update(fields)
    entry = make_entry("settings", data, author="Alex")
    assert isinstance(entry, Settings)
    return entry


START = date(2026, 3, 2)  # a Monday, shortly before Europe's clocks change


def events(ics: bytes) -> dict[str, list[object]]:
    cal = Calendar.from_ical(ics)
    out: dict[str, list[object]] = {}
    for ev in cal.walk("VEVENT"):
        out.setdefault(str(ev["SUMMARY"]), []).append(ev)
    return out


def test_calendar_holds_every_rhythm_at_the_chosen_times() -> None:
    ics = documents.rhythm_calendar(settings(), contract_revisits=[date(2026, 3, 20)], start=START)
    cal = Calendar.from_ical(ics)
    assert str(cal["VERSION"]) == "2.0"
    assert "repairbook" in str(cal["PRODID"])
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]

    found = events(ics)
    expected = {
        "Daily check-in": ({"FREQ": ["DAILY"]}, START, (21, 15)),
        "Weekly repair check-in": (
            {"FREQ": ["WEEKLY"], "BYDAY": ["SU"]},
            date(2026, 3, 8),
            (18, 30),
        ),
        "Fun date": ({"FREQ": ["WEEKLY"], "BYDAY": ["FR"]}, date(2026, 3, 6), (19, 45)),
        "Look over open promises": (
            {"FREQ": ["WEEKLY"], "BYDAY": ["SU"]},
            date(2026, 3, 8),
            (19, 0),
        ),
        "Revisit our repair contract": ({"FREQ": ["MONTHLY"]}, date(2026, 3, 20), (18, 30)),
    }
    assert set(found) == set(expected)
    for title, (rule, day, (hh, mm)) in expected.items():
        (ev,) = found[title]
        rrule = {k: [str(v) for v in vals] for k, vals in ev["RRULE"].items()}
        assert rrule == rule, title
        start = ev.decoded("DTSTART")
        assert ev["DTSTART"].params["TZID"] == "Europe/Berlin", title
        assert isinstance(start.tzinfo, ZoneInfo) and start.tzinfo.key == "Europe/Berlin"
        assert (start.date(), start.hour, start.minute) == (day, hh, mm), title
        assert ev.decoded("DTEND") > start
        (alarm,) = ev.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") <= timedelta(0)
        assert str(ev["UID"]).endswith("@repairbook")
        assert ev.get("DTSTAMP") is not None


def test_weekly_events_keep_local_time_across_the_clock_change() -> None:
    from dateutil.rrule import rrulestr

    ics = documents.rhythm_calendar(settings(), contract_revisits=[], start=START)
    (ev,) = events(ics)["Weekly repair check-in"]
    start = ev.decoded("DTSTART")
    rule = rrulestr(ev["RRULE"].to_ical().decode(), dtstart=start)
    times = [d for _, d in zip(range(6), rule, strict=False)]
    assert all(d.weekday() == 6 and (d.hour, d.minute) == (18, 30) for d in times)
    offsets = {d.utcoffset() for d in times}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}  # CET, then CEST


def test_contract_revisits_given_then_monthly() -> None:
    revisits = [date(2026, 4, 10), date(2026, 3, 10), date(2026, 1, 5)]
    found = events(documents.rhythm_calendar(settings(), contract_revisits=revisits, start=START))
    visits = found["Revisit our repair contract"]
    single = [ev for ev in visits if "RRULE" not in ev]
    repeating = [ev for ev in visits if "RRULE" in ev]
    # a date before the start is history, not a plan
    assert [ev.decoded("DTSTART").date() for ev in single] == [date(2026, 3, 10)]
    (monthly,) = repeating
    assert monthly.decoded("DTSTART").date() == date(2026, 4, 10)
    assert monthly["RRULE"]["FREQ"] == ["MONTHLY"]
    assert len({str(ev["UID"]) for ev in visits}) == len(visits)


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (
            date(2026, 1, 31),
            [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)],
        ),
        (
            date(2026, 1, 30),
            [date(2026, 1, 30), date(2026, 2, 28), date(2026, 3, 30), date(2026, 4, 30)],
        ),
        (
            date(2026, 1, 15),
            [date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15), date(2026, 4, 15)],
        ),
    ],
)
def test_monthly_revisits_never_skip_a_short_month(first: date, expected: list[date]) -> None:
    from dateutil.rrule import rrulestr

    found = events(documents.rhythm_calendar(settings(), contract_revisits=[first], start=START))
    (ev,) = found["Revisit our repair contract"]
    start = ev.decoded("DTSTART")
    rule = rrulestr(ev["RRULE"].to_ical().decode(), dtstart=start)
    assert [d.date() for _, d in zip(range(4), rule, strict=False)] == expected


def test_leap_day_edges_do_not_break_the_time_zone_block() -> None:
    # 366 days before 1 March 2025 is 29 February 2024
    ics = documents.rhythm_calendar(
        settings(), contract_revisits=[date(2028, 2, 29)], start=date(2025, 3, 1)
    )
    (ev,) = events(ics)["Revisit our repair contract"]
    assert ev.decoded("DTSTART").date() == date(2028, 2, 29)
    assert ev["RRULE"]["FREQ"] == ["MONTHLY"]


def test_no_contract_means_no_revisit_event() -> None:
    found = events(documents.rhythm_calendar(settings(), contract_revisits=[], start=START))
    assert "Revisit our repair contract" not in found
    assert len(found) == 4


def test_uids_are_stable_for_one_workbook() -> None:
    def uids(seed: str, **kw: object) -> list[str]:
        ics = documents.rhythm_calendar(
            settings(**kw), contract_revisits=[date(2026, 4, 1)], start=START, uid_seed=seed
        )
        return [str(ev["UID"]) for ev in Calendar.from_ical(ics).walk("VEVENT")]

    first = uids("one")
    assert len(set(first)) == len(first)
    # new times for the same workbook update the same events
    assert sorted(uids("one", checkin_time="07:30")) == sorted(first)
    assert not set(uids("two")) & set(first)


def test_utc_is_the_default_zone() -> None:
    plain = make_entry("settings", {}, author="Sam")
    assert isinstance(plain, Settings)
    (ev,) = events(documents.rhythm_calendar(plain, contract_revisits=[], start=START))[
        "Daily check-in"
    ]
    start = ev.decoded("DTSTART")
    assert start.utcoffset() == timedelta(0) and (start.hour, start.minute) == (20, 0)


def test_tz_argument_overrides_the_settings() -> None:
    ics = documents.rhythm_calendar(
        settings(), contract_revisits=[], start=START, tz="America/New_York"
    )
    (ev,) = events(ics)["Fun date"]
    assert ev["DTSTART"].params["TZID"] == "America/New_York"
    assert (ev.decoded("DTSTART").hour, ev.decoded("DTSTART").minute) == (19, 45)


@pytest.mark.parametrize(
    ("fields", "field", "needle"),
    [
        ({"timezone": "Nowhere/Atlantis"}, "timezone", "Nowhere/Atlantis"),
        ({"timezone": "../../etc/passwd"}, "timezone", "Europe/Berlin"),
        ({"checkin_time": "25:70"}, "checkin_time", "25:70"),
    ],
)
def test_bad_settings_are_clear_errors(fields: dict[str, str], field: str, needle: str) -> None:
    with pytest.raises(EntryError) as err:
        documents.rhythm_calendar(settings(**fields), contract_revisits=[], start=START)
    assert needle in err.value.problems[field]


def test_calendar_from_the_demo_carries_no_names(demo: Path) -> None:
    with Workbook.open(demo) as wb:
        ics = documents.rhythm_calendar_for(wb)
        latest = documents.latest_contract(wb)
        assert latest is not None
        again = documents.rhythm_calendar_for(wb)
    assert b"Alex" not in ics and b"Sam" not in ics
    found = events(ics)
    assert len(found) == 5
    (daily,) = found["Daily check-in"]
    assert (daily.decoded("DTSTART").hour, daily.decoded("DTSTART").minute) == (21, 0)
    (visit,) = found["Revisit our repair contract"]
    assert visit.decoded("DTSTART").date() == latest.revisit_on
    uid = sorted(str(ev["UID"]) for ev in Calendar.from_ical(again).walk("VEVENT"))
    assert uid == sorted(str(ev["UID"]) for ev in Calendar.from_ical(ics).walk("VEVENT"))


# --- the command line ---------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_calendar(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "rhythms.ics"
    code, stdout, stderr = run("--workbook", str(demo), "calendar", "--out", str(out))
    assert code == 0, stderr
    assert str(out) in stdout
    assert len(events(out.read_bytes())) == 5


def test_cli_contract_pdf_latest_and_by_id(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "contract.pdf"
    code, stdout, stderr = run("--workbook", str(demo), "contract-pdf", "--out", str(out))
    assert code == 0, stderr
    assert "version 2" in stdout
    assert "Alex commits to" in pdf_text(out.read_bytes(), tmp_path)
    with Workbook.open(demo) as wb:
        latest = documents.latest_contract(wb)
        assert latest is not None
    again = tmp_path / "again.pdf"
    code, _, stderr = run(
        "--workbook", str(demo), "contract-pdf", "--id", latest.id, "--out", str(again)
    )
    assert code == 0, stderr
    assert again.read_bytes().startswith(b"%PDF")


def test_cli_without_a_contract_says_how_to_make_one(workbook_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "contract.pdf"
    code, _, stderr = run("--workbook", str(workbook_path), "contract-pdf", "--out", str(out))
    assert code == 1
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert "no repair contract" in stderr and "repairbook add contract" in stderr
    assert not out.exists()
    # the calendar still works: the rhythms do not need a contract
    code, _, stderr = run(
        "--workbook", str(workbook_path), "calendar", "--out", str(tmp_path / "r.ics")
    )
    assert code == 0, stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["contract-pdf", "--id", "nope"], "nope"),
        (["contract-pdf", "--out", "/no/such/folder/c.pdf"], "does not exist"),
        (["calendar", "--out", "/no/such/folder/r.ics"], "does not exist"),
    ],
)
def test_cli_errors_are_one_line(demo: Path, tmp_path: Path, args: list[str], needle: str) -> None:
    if "--out" not in args:
        args = [*args, "--out", str(tmp_path / "c.pdf")]
    code, _, stderr = run("--workbook", str(demo), *args)
    assert code == 1
    assert needle in stderr and stderr.count("\n") == 1 and "Traceback" not in stderr


def test_signature_entries_for_other_versions_are_ignored(tmp_path: Path) -> None:
    c = contract()
    old = Signature(author="Alex", contract_id=c.id, contract_version=1)
    other = Signature(author="Sam", contract_id="someone-else", contract_version=2)
    text = pdf_text(documents.contract_pdf(c, [old, other], ["Alex", "Sam"], version=2), tmp_path)
    assert "Not yet signed by Alex" in text and "Not yet signed by Sam" in text
