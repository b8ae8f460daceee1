"""Each partner on their own phone: two browser contexts at 390 px on the two personal
links of one `repairbook serve`. They check in at the same moment; neither sees the
other's answers before both saved, then both do (without a reload); both sign the
contract; reloads stay each partner's own; no control acts as the other; an altered key
and a revoked key get the neutral page, and a revoked page closes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from repairbook.content import shared as S
from repairbook.couple import personal_links
from repairbook.entries import make_entry
from tests.e2e.conftest import shoot
from tests.e2e.helpers import Driver, fresh_workbook, on_disk

pytestmark = pytest.mark.e2e

CONTRACT = make_entry(
    "contract",
    {
        "commitments": {
            "Alex": ["I call at lunch.", "I say when I am late.", "I ask before I look."],
            "Sam": ["I answer honestly.", "I keep Friday free.", "I name what I feel."],
        },
        "support": "A walk together.",
        "breaks": "Hiding things again.",
        "revisit_on": (date.today() + timedelta(days=30)).isoformat(),
    },
    author="Alex",
)


def _open(d: Driver, url: str) -> Driver:
    d.page.goto(url)
    d.page.wait_for_selector(".rb-checkin-save", timeout=90_000)
    d.settle(d.seq, timeout=60)
    return d


def test_two_phones_on_their_personal_links(tmp_path: Path, new_page, served) -> None:  # type: ignore[no-untyped-def]
    folder = fresh_workbook(tmp_path / "wb")
    with on_disk(folder) as wb:  # a contract both have written, waiting to be signed
        wb.add(CONTRACT)
    srv = served(folder)
    links = dict(personal_links(folder, srv.url))
    alex = _open(Driver(new_page(390, 844)), links["Alex"])
    sam = _open(Driver(new_page(390, 844)), links["Sam"])
    for d, me, _other in ((alex, "Alex", "Sam"), (sam, "Sam", "Alex")):
        assert d.count(".rb-partner-switch") == 0  # no way to act as the other
        assert d.count(".rb-who-1") == 0
        assert S.TODAY_GREETING.format(name=me).split(",")[0] in d.text(".rb-page-today")
    shoot(alex.page, "phone_today", width=390)

    # Sam answers first: Alex's page learns that Sam checked in, not what he said
    sam.slide("rb-f-trust", 4)  # "not answered" -> 3
    sam.fill("rb-f-note", "Sam's words for today")
    sam.click("rb-checkin-save")
    sam.page.wait_for_selector(".rb-checkin-status .rb-saved")
    alex.page.wait_for_selector(".rb-partner-checkin .rb-muted", timeout=20_000)
    assert "Sam has checked in" in alex.text(".rb-partner-checkin")
    assert "Sam's words" not in alex.page.inner_text("body")
    assert "Alex today" not in sam.text(".rb-page-today")

    # Alex checks in: both now see each other's, each on their own page
    alex.slide("rb-f-trust", 8)  # -> 7
    alex.click("rb-checkin-save")
    alex.page.wait_for_selector(".rb-partner-checkin h3")
    assert "Sam's words for today" in alex.text(".rb-partner-checkin")
    sam.page.wait_for_selector(".rb-partner-checkin h3", timeout=20_000)
    assert "Alex today" in sam.text(".rb-partner-checkin")

    # the same moment: both save an edit at once; nothing lost, nothing doubled
    alex.fill("rb-f-note", "Alex again")
    sam.fill("rb-f-note", "Sam again")
    alex.loc(".rb-checkin-save").click()
    sam.loc(".rb-checkin-save").click()
    want = [("Alex", "Alex again"), ("Sam", "Sam again")]
    notes: list[tuple[str, str]] = []
    for _ in range(200):  # until both saves are on disk (the "saved" line was already shown)
        with on_disk(folder) as wb:
            notes = sorted((c.author, c.note) for c in wb.list("checkin"))
        if notes == want:
            break
        alex.page.wait_for_timeout(100)
    assert notes == want  # nothing lost, nothing doubled

    # a reload opens each as themselves again
    for d, me in ((alex, "Alex"), (sam, "Sam")):
        _open(d, links[me])
        assert d.count(".rb-page-who") == 0
        assert f"{me} again" in d.loc(".rb-f-note textarea").input_value()

    # both sign the contract, each on their own phone: the personal link is the proof,
    # so no passphrase is asked, and neither page offers to sign for the other
    for d, me in ((alex, "Alex"), (sam, "Sam")):
        d.module(9)
        d.page.wait_for_selector(".rb-contract-current .rb-contract-sign")
        assert me in d.text(".rb-contract-sign")
        d.click("rb-contract-sign")
        d.page.wait_for_selector(f".rb-signatures li:has-text('Signed by {me}')")
    with on_disk(folder) as wb:
        assert sorted(sig.author for sig in wb.list("signature")) == ["Alex", "Sam"]


@pytest.mark.parametrize("how", ["altered", "revoked"])
def test_an_altered_or_revoked_key_gets_the_neutral_page(
    how: str, tmp_path: Path, new_page, served
) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from repairbook.cli import cli
    from tests.e2e.helpers import PASSPHRASES

    folder = fresh_workbook(tmp_path / "wb")
    srv = served(folder)
    links = dict(personal_links(folder, srv.url))
    if how == "altered":
        url = links["Alex"][:-2] + ("xy" if not links["Alex"].endswith("xy") else "zz")
        page = new_page(390, 844)
        page.goto(url)
        page.wait_for_selector(".rb-invalid-link", timeout=90_000)
        assert "Alex" not in page.inner_text("body")
        return
    d = _open(Driver(new_page(390, 844)), links["Alex"])
    res = CliRunner().invoke(
        cli,
        ["--workbook", str(folder), "link", "--partner", "Alex", "--revoke"],
        env={"REPAIRBOOK_PASSPHRASE": PASSPHRASES["Alex"]},
    )
    assert res.exit_code == 0, res.output
    # the open page closes by itself
    d.page.wait_for_selector(".rb-invalid-link", timeout=20_000)
    assert d.count(".rb-checkin-save") == 0
    # and the link opens nothing any more
    page = new_page(390, 844)
    page.goto(links["Alex"])
    page.wait_for_selector(".rb-invalid-link", timeout=90_000)
