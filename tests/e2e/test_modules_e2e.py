"""The journey modules in the browser, walked as a couple would: two partners taking turns
on one page, switching with the partner switch. After each step the workbook is read from
disk (by this process, not the server's) to check what was stored."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from repairbook.content.modules import MODULES
from tests.e2e.helpers import PASSPHRASES, Driver, fresh_workbook, on_disk

pytestmark = pytest.mark.e2e

JOURNAL_SECRET = "QUOKKA-JOURNAL-CANARY-5521 the night I could not sleep"
FORGIVE_SECRET = "forgiveness-canary-8841 not yet, and that is fine"


def local(dt: datetime) -> str:
    """What a datetime-local input takes."""
    return dt.strftime("%Y-%m-%dT%H:%M")


def due_later_today() -> datetime:
    """A due time later today (waits past midnight in the last minutes of a day)."""
    now = datetime.now()
    if now.hour == 23 and now.minute >= 55:
        import time

        time.sleep((60 - now.minute) * 60 - now.second + 1)
        now = datetime.now()
    end = now.replace(hour=23, minute=59, second=0, microsecond=0)
    return min(now.replace(second=0, microsecond=0) + timedelta(minutes=90), end)


def test_modules_1_to_8_as_a_couple(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    folder = fresh_workbook(tmp_path / "wb")
    srv = served(folder)
    d = Driver(new_page()).open(srv.url)
    page = d.page
    page.wait_for_selector(".rb-checkin-save")  # Today, as Alex

    d.nav("journey")
    assert d.count(".rb-grid .rb-tile") == 16
    d.shoot("journey")

    # module 0 is the welcome, reachable from the journey
    d.module(0)
    d.shoot("module_00_welcome")

    # -- 1. what safety means to me: side by side only once both have answered ----------
    d.module(1)
    d.check(".rb-helps-0 input")
    d.check(".rb-helps-2 input")
    d.check(".rb-harder-1 input")
    d.fill("rb-safety-helps-own", "A text when plans change")
    d.click("rb-safety-need-save")
    page.wait_for_selector(".rb-module-1")
    assert d.count(".rb-side-by-side") == 0
    assert "Sam" in d.text(".rb-page-module")  # waiting for Sam, said plainly
    with on_disk(folder) as wb:
        (alex_need,) = wb.list("safety_need")
        assert alex_need.author == "Alex"
        assert "A text when plans change" in alex_need.helps
        assert len(alex_need.helps) == 3 and len(alex_need.harder) == 1

    d.switch("Sam")
    page.wait_for_selector(".rb-module-1")
    assert d.count(".rb-side-by-side") == 0  # Sam has not answered: nothing of Alex's yet
    assert "A text when plans change" not in d.text(".rb-page-module")
    d.check(".rb-helps-1 input")
    d.check(".rb-harder-0 input")
    d.click("rb-safety-need-save")
    page.wait_for_selector(".rb-side-by-side")
    side = d.text(".rb-side-by-side")
    assert "Alex" in side and "Sam" in side and "A text when plans change" in side
    d.shoot("module_01_safety_needs")
    with on_disk(folder) as wb:
        assert {e.author for e in wb.list("safety_need")} == {"Alex", "Sam"}

    # -- 2. the honest conversation --------------------------------------------------------
    d.switch("Alex")
    d.module(2)
    when = (datetime.now() + timedelta(days=1)).replace(hour=19, minute=30)
    d.fill("rb-f-topic", "The weekend away")
    d.fill("rb-f-when", local(when))
    d.click("rb-plan-save")
    page.wait_for_selector(".rb-list-conversation-plan .rb-item")
    with on_disk(folder) as wb:
        (plan,) = wb.list("conversation_plan")
        assert plan.topic == "The weekend away" and plan.status == "planned"
        assert plan.when.astimezone().replace(tzinfo=None) == when.replace(second=0, microsecond=0)
        assert plan.goal == "understanding"
    d.fill("rb-f-text", "You always ignore me", scope=".rb-form-i-statement")
    page.wait_for_selector(".rb-coach-i-statement .rb-flag-blaming_absolute")
    assert "You always" in d.text(".rb-coach-i-statement mark")
    good = (
        "When plans change without a message, I feel anxious, "
        "and I need a text if you're running late."
    )
    d.fill("rb-f-text", good, scope=".rb-form-i-statement")
    page.wait_for_selector(".rb-coach-i-statement .rb-coach-clean")
    assert d.count(".rb-coach-i-statement .rb-flag") == 0
    assert "I-statement" in d.text(".rb-i-statement-save")
    d.click("rb-i-statement-save")
    page.wait_for_selector(f".rb-list-conversation-plan li:has-text('{good[:30]}')")
    # it runs over: table it, with the default return time (tomorrow evening)
    d.click("rb-table-it")
    page.wait_for_selector(".rb-list-conversation-plan .rb-badge:has-text('Tabled')")
    d.shoot("module_02_conversation")
    with on_disk(folder) as wb:
        (plan,) = wb.list("conversation_plan")
        assert plan.status == "tabled" and plan.return_at is not None
        assert plan.return_at > plan.when and plan.return_at.astimezone().hour == 19
        (stmt,) = wb.list("i_statement")
        assert stmt.text == good and stmt.plan_id == plan.id and stmt.author == "Alex"

    # -- 3. ownership and apology: Sam apologises, Alex answers, Sam writes again --------
    d.switch("Sam")
    d.module(3)
    form = ".rb-form-apology"
    d.fill("rb-f-act", "I am sorry you felt hurt about the messages.", scope=form)
    page.wait_for_selector(".rb-coach-apology .rb-flag-non_apology")
    assert "sorry you felt" in d.text(".rb-coach-apology mark").lower()
    d.fill("rb-f-impact", "You stopped trusting what I say, and you slept badly.", scope=form)
    d.fill("rb-f-responsibility", "It was my choice to hide them.", scope=form)
    d.fill("rb-f-plan", "I will show you new messages from him on the day.", scope=form)
    d.click("rb-apology-save")
    page.wait_for_selector(".rb-form-apology .rb-apology-save:has-text('new version')")
    with on_disk(folder) as wb:
        (apology,) = wb.list("apology")
        assert apology.author == "Sam" and "sorry you felt" in apology.act
        assert wb.version(apology.id) == 1

    d.switch("Alex")
    page.wait_for_selector(".rb-form-apology-response")
    assert "sorry you felt" in d.text(".rb-page-module")  # Alex reads Sam's apology
    d.yes_no("rb-f-felt_heard", False, scope=".rb-form-apology-response")
    d.fill("rb-f-missing", "That you hid them on purpose.", scope=".rb-form-apology-response")
    d.click("rb-apology-response-save")
    page.wait_for_selector(".rb-list-apology-response .rb-item")
    assert "That you hid them on purpose." in d.text(".rb-list-apology-response")
    with on_disk(folder) as wb:
        (resp,) = wb.list("apology_response")
        assert resp.author == "Alex" and resp.felt_heard is False
        assert resp.apology_id == apology.id and resp.missing == "That you hid them on purpose."

    d.switch("Sam")
    page.wait_for_selector(".rb-form-apology .rb-apology-save")
    assert "That you hid them on purpose." in d.text(".rb-list-apology-response")
    second = "I hid the messages on purpose, and I am sorry I did."
    d.fill("rb-f-act", second, scope=form)
    page.wait_for_selector(".rb-coach-apology .rb-coach-clean")
    d.click("rb-apology-save")
    page.wait_for_selector(".rb-apology-versions")
    versions = d.text(".rb-apology-versions")
    assert "sorry you felt" in versions and second in versions  # both stay readable
    d.shoot("module_03_apology")
    with on_disk(folder) as wb:
        (apology,) = wb.list("apology")
        assert apology.act == second and wb.version(apology.id) == 2
        assert [v.act for v in wb.history(apology.id)][0].startswith("I am sorry you felt")

    # -- 4. from blame to understanding ----------------------------------------------------
    d.module(4)
    d.fill("rb-f-feeling", "Scared of losing you, and ashamed.")
    d.fill("rb-f-needing", "To feel I mattered.")
    d.click("rb-reflection-save")
    page.wait_for_selector(".rb-list-reflection .rb-item")
    d.shoot("module_04_understanding")
    with on_disk(folder) as wb:
        (refl,) = wb.list("reflection")
        assert refl.author == "Sam" and refl.needing == "To feel I mattered."

    # -- 5. transparency: an offer with a review date ---------------------------------------
    d.module(5)
    review = date.today() + timedelta(days=21)
    d.fill("rb-f-item", "I share my calendar with you for three weeks.")
    d.choose("rb-f-category", "Shared plans")
    d.yes_no("rb-f-offered_freely", True)
    d.fill("rb-f-review_on", review.isoformat())
    d.click("rb-offer-save")
    page.wait_for_selector(".rb-list-transparency-offer .rb-item")
    assert "Active" in d.text(".rb-list-transparency-offer")
    d.shoot("module_05_transparency")
    with on_disk(folder) as wb:
        (offer,) = wb.list("transparency_offer")
        assert offer.author == "Sam" and offer.review_on == review
        assert offer.category == "shared_plans" and offer.offered_freely is True

    # -- 6. a promise due later today: on Today as due, then kept ---------------------------
    d.module(6)
    due = due_later_today()
    d.fill("rb-f-text", "Text you when I leave work", scope=".rb-form-promise")
    d.fill("rb-f-due", local(due))
    d.click("rb-promise-save")
    page.wait_for_selector(".rb-list-promise .rb-promise-kept")
    with on_disk(folder) as wb:
        (promise,) = wb.list("promise")
        assert promise.status == "open" and promise.author == "Sam"
        assert promise.due.astimezone().replace(tzinfo=None) == due
    d.nav("today")
    page.wait_for_selector(".rb-list-due .rb-item:has-text('Text you when I leave work')")
    assert "Due today" in d.text(".rb-list-due")
    d.click("rb-due-open-promises")
    page.wait_for_selector(".rb-module-6")
    d.click("rb-promise-kept")
    page.wait_for_selector(".rb-list-promise .rb-badge:has-text('Kept')")
    d.shoot("module_06_promises")
    with on_disk(folder) as wb:
        (promise,) = wb.list("promise")
        assert promise.status == "kept" and promise.resolved_at is not None
    d.nav("today")
    assert "Text you when I leave work" not in d.text(".rb-due")

    # -- 7. triggers: the breathing timer, a trigger with its intensity, the code word -------
    d.module(7)
    assert d.count(".rb-breathe-start:visible") == 0  # step one first: name it
    d.click("rb-routine-next")
    d.click("rb-breathe-start")
    circle = page.wait_for_selector(".rb-breath .rb-circle")
    assert circle is not None
    anim = circle.evaluate("e => getComputedStyle(e).animationName")
    assert anim == "rb-breathe"
    assert circle.evaluate("e => getComputedStyle(e).animationPlayState") == "running"
    d.fill("rb-f-what_happened", "A message arrived late at night and I froze.")
    d.slide("rb-f-intensity", 9)  # from "not answered" to 8
    assert d.text(".rb-f-intensity .widget-readout").strip() == "8"
    d.fill("rb-f-recovery_minutes", "25")
    d.yes_no("rb-f-grounding_done", True)
    d.click("rb-trigger-save")
    page.wait_for_selector(".rb-list-trigger .rb-item")
    assert "8/10" in d.text(".rb-list-trigger")
    with on_disk(folder) as wb:
        (trig,) = wb.list("trigger")
        assert trig.intensity == 8 and trig.recovery_minutes == 25
        assert trig.grounding_done is True
    assert "code word asks for" in d.text(".rb-form-code-word .rb-f-reassurance label")
    assert "code word" in d.text(".rb-code-word-save")
    d.fill("rb-f-word", "lighthouse", scope=".rb-form-code-word")
    d.fill("rb-f-reassurance", "A hug and five quiet minutes.", scope=".rb-form-code-word")
    d.click("rb-code-word-save")
    page.wait_for_selector(".rb-list-trigger")
    d.click("rb-routine-next")
    d.click("rb-breathe-start")
    page.wait_for_selector(".rb-breath .rb-circle")
    d.shoot("module_07_triggers")
    with on_disk(folder) as wb:
        (code,) = wb.list("code_word")
        assert code.word == "lighthouse"
    d.nav("today")
    page.wait_for_selector(".rb-codeword-use:has-text('lighthouse')")
    d.click("rb-codeword-use")
    page.wait_for_selector(".rb-codeword-status .rb-saved")
    with on_disk(folder) as wb:
        (use,) = wb.list("code_word_use")
        assert use.author == "Sam"

    # -- 8. agreements: vague is flagged, a specific one is accepted by both ---------------
    d.module(8)
    d.choose("rb-f-area", "Communication")
    d.fill("rb-f-text", "be more honest", scope=".rb-form-agreement")
    page.wait_for_selector(".rb-coach-agreement .rb-flag-vague")
    specific = "We tell each other within 24 hours when an ex gets in touch."
    d.fill("rb-f-text", specific, scope=".rb-form-agreement")
    page.wait_for_selector(".rb-coach-agreement .rb-coach-clean")
    assert d.count(".rb-coach-agreement .rb-flag") == 0
    d.click("rb-agreement-save")
    page.wait_for_selector(".rb-list-agreement .rb-item")
    assert "Waiting for Alex" in d.text(".rb-list-agreement")
    with on_disk(folder) as wb:
        (agr,) = wb.list("agreement")
        assert agr.text == specific and agr.accepted_by == ["Sam"] and not agr.active
    d.switch("Alex")
    d.click("rb-agreement-accept")
    page.wait_for_selector(".rb-list-agreement .rb-item:has-text('Active')")
    assert d.count(".rb-agreement-accept") == 0
    d.shoot("module_08_agreements")
    with on_disk(folder) as wb:
        (agr,) = wb.list("agreement")
        assert set(agr.accepted_by) == {"Alex", "Sam"} and agr.active

    # nothing went wrong on the way
    assert "Traceback" not in page.content()
    assert d.count(".rb-problem") == 0

    # the same app on a phone
    phone = Driver(new_page(width=390, height=844)).open(srv.url)
    phone.page.wait_for_selector(".rb-checkin-save")
    phone.shoot("today_390")
    phone.module(6)
    phone.page.wait_for_selector(".rb-list-promise .rb-item")
    phone.shoot("module_06_promises_390")
    assert phone.page.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_modules_9_to_15_contract_pdf_calendar_private(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    import icalendar
    from PIL import Image

    folder = fresh_workbook(tmp_path / "wb")
    srv = served(folder)
    d = Driver(new_page()).open(srv.url)
    page = d.page
    page.wait_for_selector(".rb-checkin-save")

    # -- 9. the repair contract: written once, signed by both ------------------------------
    d.module(9)
    commitments = {
        "Alex": [
            "I tell you where I am when plans change.",
            "I ask before I check your phone, and I stop when you say no.",
            "I name it when I feel triggered: café talk, not shouting.",
        ],
        "Sam": [
            "I answer your questions about that year honestly.",
            "I show you messages from him on the day they come.",
            "Я держу слово: I keep the Friday check-in.",
        ],
    }
    for i, name in enumerate(("Alex", "Sam"), start=1):
        for k, text in enumerate(commitments[name], start=1):
            d.fill(f"rb-commitment-{i}-{k}", text)
    d.fill("rb-contract-support", "A hand on the shoulder and a quiet walk.")
    d.fill("rb-contract-breaks", "Hiding things again, or checking in secret.")
    d.click("rb-contract-save")
    page.wait_for_selector(".rb-contract-current .rb-contract-sign")
    with on_disk(folder) as wb:
        (contract,) = wb.list("contract")
        assert contract.commitments == commitments
        assert contract.revisit_on == date.today() + timedelta(days=30)
    # a signature speaks for its partner: on the shared page it needs their passphrase
    _unlock_then(d, "Alex", 9)
    d.click("rb-contract-sign")
    page.wait_for_selector(".rb-signatures li:has-text('Signed by Alex')")
    assert d.count(".rb-contract-sign") == 0
    d.switch("Sam")
    _unlock_then(d, "Sam", 9)
    d.click("rb-contract-sign")
    page.wait_for_selector(".rb-signatures li:has-text('Signed by Sam')")
    assert "Signed by both of you" in d.text(".rb-contract-current")
    with on_disk(folder) as wb:
        sigs = wb.list("signature")
        assert {s.author for s in sigs} == {"Alex", "Sam"}
        assert all(s.contract_id == contract.id and s.contract_version == 1 for s in sigs)

    # the PDF: downloaded from the page, rendered, read back
    d.click("rb-make-pdf")
    with page.expect_download() as dl:
        page.locator("a.rb-contract-pdf").click()
    pdf = tmp_path / "contract.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (png,) = list(tmp_path.glob("p*.png"))
    img = Image.open(png).convert("L")
    inked = sum(img.histogram()[:200])  # pixels darker than light grey
    assert inked > img.width * img.height * 0.005, "page 1 of the contract PDF looks blank"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for name, items in commitments.items():
        assert name in flat
        for item in items:
            assert " ".join(item.split()[:4]) in flat, item
    assert "café" in flat and "Я держу слово" in flat

    # the calendar: downloaded and read back with icalendar
    d.click("rb-make-ics")
    with page.expect_download() as dl:
        page.locator("a.rb-calendar-ics").click()
    ics = tmp_path / "rhythms.ics"
    dl.value.save_as(ics)
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) >= 2
    assert all("RRULE" in e for e in events)
    freqs = {str(e.decoded("RRULE")["FREQ"][0]) for e in events}
    assert {"DAILY", "WEEKLY", "MONTHLY"} <= freqs, freqs
    event_starts = [e.decoded("DTSTART") for e in events]
    days = [s.date() if isinstance(s, datetime) else s for s in event_starts]
    assert contract.revisit_on in days  # the first revisit, repeating monthly
    d.shoot("module_09_contract")

    # -- 10. a ritual: the daily small act of care -------------------------------------------
    d.switch("Alex")
    d.module(10)
    care = ".rb-form-ritual-care-act"
    d.fill("rb-f-note", "Made Sam tea before the early shift.", scope=care)
    d.click("rb-ritual-care-act-save")
    page.wait_for_selector(".rb-list-ritual .rb-item:has-text('Made Sam tea')")
    d.shoot("module_10_rituals")
    with on_disk(folder) as wb:
        (rit,) = wb.list("ritual")
        assert rit.ritual == "care_act" and rit.day == date.today() and rit.author == "Alex"

    # -- 11. processing the past: a window, and the private journal --------------------------
    d.module(11)
    starts = (datetime.now() + timedelta(days=2)).replace(hour=18, minute=0)
    d.fill("rb-f-starts_at", local(starts))
    d.fill("rb-f-minutes", "40")
    d.click("rb-window-save")
    page.wait_for_selector(".rb-list-processing-window .rb-item")
    with on_disk(folder) as wb:
        (win,) = wb.list("processing_window")
        assert win.minutes == 40 and win.weekly is True
        assert win.starts_at.astimezone().replace(tzinfo=None) == starts.replace(
            second=0, microsecond=0
        )
    # the journal is locked until Alex's passphrase opens it, right on the page
    assert d.count(".rb-form-journal") == 0
    d.fill("rb-unlock-passphrase", PASSPHRASES["Alex"], scope=".rb-journal")
    d.click("rb-unlock", scope=".rb-journal")
    d.fill("rb-f-text", JOURNAL_SECRET, scope=".rb-form-journal")
    d.click("rb-journal-save")
    page.wait_for_selector(f".rb-list-journal .rb-item:has-text('{JOURNAL_SECRET[:20]}')")
    d.shoot("module_11_processing")
    with on_disk(folder) as wb:
        assert wb.list("journal") == []  # nobody reads it without the passphrase
        assert wb.private_count("Alex", "journal") == 1
    with on_disk(folder, unlock="Alex") as wb:
        (j,) = wb.list("journal", viewer="Alex")
        assert j.text == JOURNAL_SECRET and j.visibility == "private"

    # -- 12. listening practice: Alex speaks, Sam paraphrases, Alex rates -------------------
    d.module(12)
    alex_speaks = MODULES[12].extra["speaker_turn"].format(name="Alex")
    assert alex_speaks in d.text(".rb-page-module h3")  # Alex speaks first
    d.fill("rb-f-speaker_text", "I get scared when the phone goes face down.")
    d.fill("rb-f-paraphrase", "You feel scared when my phone is turned over.")
    d.slide("rb-f-heard", 4)  # from "not answered" to 4
    d.fill("rb-f-missed", "That it is about that year, not the phone.")
    d.click("rb-listening-save")
    page.wait_for_selector(".rb-list-listening-round .rb-item")
    assert "4/5" in d.text(".rb-list-listening-round")
    with on_disk(folder) as wb:
        (rnd,) = wb.list("listening_round")
        assert (rnd.speaker, rnd.listener, rnd.heard) == ("Alex", "Sam", 4)
    d.click("rb-listening-swap")
    sam_speaks = MODULES[12].extra["speaker_turn"].format(name="Sam")
    page.wait_for_selector(f".rb-page-module h3:has-text('{sam_speaks}')")
    d.shoot("module_12_listening")

    # -- 13. a lesson, then its habit as a promise --------------------------------------------
    d.module(13)
    d.fill("rb-f-what_went_wrong", "I stopped saying where I was.")
    d.fill("rb-f-lesson", "Silence feels like hiding to you.")
    d.fill("rb-f-habit", "Send one line when I leave work.")
    d.click("rb-lesson-save")
    page.wait_for_selector(".rb-list-lesson .rb-lesson-promise")
    d.click("rb-lesson-promise")
    page.wait_for_selector(".rb-list-lesson .rb-saved")
    d.shoot("module_13_lessons")
    with on_disk(folder) as wb:
        (lesson,) = wb.list("lesson")
        assert lesson.habit == "Send one line when I leave work."
        (prom,) = wb.list("promise")
        assert prom.text == lesson.habit and prom.author == "Alex" and prom.status == "open"

    # -- 14. forgiveness: a private reflection (still unlocked from module 11) --------------
    d.module(14)
    d.slide("rb-f-readiness", 4)  # from "not answered" to 3
    d.fill("rb-f-text", FORGIVE_SECRET, scope=".rb-form-forgiveness")
    d.click("rb-forgiveness-save")
    page.wait_for_selector(f".rb-page-module .rb-item:has-text('{FORGIVE_SECRET[:16]}')")
    d.shoot("module_14_forgiveness")
    with on_disk(folder) as wb:
        assert wb.list("forgiveness_reflection") == []
        assert wb.private_count("Alex", "forgiveness_reflection") == 1
    with on_disk(folder, unlock="Alex") as wb:
        (fr,) = wb.list("forgiveness_reflection", viewer="Alex")
        assert fr.readiness == 3 and fr.text == FORGIVE_SECRET

    # -- 15. outside help: a resource the couple keeps ------------------------------------
    d.module(15)
    d.fill("rb-f-name", "Dr. Rivera, couples therapy")
    d.choose("rb-f-role", "Couples therapist")
    d.fill("rb-f-phone", "+44 20 7946 0000")
    d.fill("rb-f-web", "https://example.org/rivera")
    d.click("rb-resource-save")
    page.wait_for_selector(".rb-list-resource .rb-item:has-text('Dr. Rivera')")
    d.shoot("module_15_outside_help")
    with on_disk(folder) as wb:
        (res,) = wb.list("resource")
        assert res.role == "couples_therapist" and res.phone == "+44 20 7946 0000"

    # Sam switches in: Alex's private words are nowhere on Sam's pages
    d.switch("Sam")
    for n in (11, 14):
        d.module(n)
        assert JOURNAL_SECRET not in page.content()
        assert FORGIVE_SECRET not in page.content()
    assert "Traceback" not in page.content()
    srv.stop()

    # private words never reach the workbook folder in plain text, in any file
    for secret in (JOURNAL_SECRET, FORGIVE_SECRET):
        needles = [secret.encode(), secret.encode("utf-16-le"), secret[:20].encode()]
        for f in folder.rglob("*"):
            if f.is_file():
                raw = f.read_bytes()
                assert not any(n in raw for n in needles), f"{secret[:12]}… in {f}"


def _unlock_then(d: Driver, name: str, module: int) -> None:
    """Unlock ``name`` on Private (when not unlocked yet), then open ``module`` again."""
    d.nav("private")
    if d.count(".rb-unlock-passphrase") and not d.count(".rb-lock-now"):
        d.fill("rb-unlock-passphrase", PASSPHRASES[name])
        d.click("rb-unlock")
        d.page.wait_for_selector(".rb-lock-now")
    d.module(module)
