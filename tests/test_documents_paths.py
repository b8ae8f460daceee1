"""The couple's time zone in what they take away (issue 18): a tabled conversation's
return time is in the calendar file, and the contract PDF shows times in the couple's
zone, this machine's when no settings are stored yet (never UTC by accident)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from repairbook import documents
from repairbook.entries import make_entry
from repairbook.store import Workbook
from tests.test_documents import contract, pdf_text

TOPIC = "TOPIC-canary-money-talk"


def test_a_tabled_conversation_comes_back_in_the_calendar(workbook: Workbook) -> None:
    workbook.add(make_entry("settings", {"timezone": "Europe/Berlin"}, author="Sam"))
    when = datetime.now(UTC) + timedelta(days=1)
    plan = make_entry("conversation_plan", {"topic": TOPIC, "when": when}, author="Alex")
    workbook.add(plan)
    back = (when + timedelta(days=2)).replace(second=0, microsecond=0)
    workbook.update(plan.id, {"status": "tabled", "return_at": back}, by="Alex")
    ics = documents.rhythm_calendar_for(workbook, viewer="Alex")
    assert TOPIC.encode() not in ics  # the topic stays out of the file
    found = [
        ev
        for ev in Calendar.from_ical(ics).walk("VEVENT")
        if str(ev["SUMMARY"]) == "Back to a tabled conversation"
    ]
    assert len(found) == 1
    start = found[0].decoded("DTSTART")
    assert start == back and str(start.tzinfo) == "Europe/Berlin"
    # held, it leaves the calendar
    workbook.update(plan.id, {"status": "held"}, by="Sam")
    assert b"Back to a tabled conversation" not in documents.rhythm_calendar_for(workbook)


def test_contract_times_are_in_this_machines_zone_before_any_settings(
    workbook: Workbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
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
    local = signed.astimezone(ZoneInfo("America/New_York"))
    text = pdf_text(documents.contract_pdf_for(workbook, c.id), tmp_path)
    assert f"at {local:%H:%M} {local.tzname()}" in text  # 14:05 EDT, not 18:05 UTC
    assert "UTC" not in text
