"""A simple model of the entries (a dict) and the real store must agree after any
sequence of add (shared/private), edit, list, backup and close-and-reopen."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from repairbook.store import Workbook, list_backups
from tests.conftest import PASSPHRASES, TEST_SCRYPT_N, make_checkin

PARTNERS = ("Alex", "Sam")
ratings = st.integers(0, 10)
notes = st.text(max_size=20)


class WorkbookMachine(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="rb-stateful-"))
        self.folder = self.tmp / "wb"
        self.wb = Workbook.create(
            self.folder, list(PARTNERS), passphrases=PASSPHRASES, scrypt_n=TEST_SCRYPT_N
        )
        # model: id -> (author, private, [versions of (trust, note)])
        self.model: dict[str, tuple[str, bool, list[tuple[int, str]]]] = {}
        self.unlocked = set(PARTNERS)
        self.backups = 0

    def teardown(self) -> None:
        self.wb.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    @rule(
        target=ids,
        author=st.sampled_from(PARTNERS),
        private=st.booleans(),
        trust=ratings,
        note=notes,
    )
    def add(self, author: str, private: bool, trust: int, note: str) -> str:
        if private and author not in self.unlocked:
            self.wb.unlock(author, PASSPHRASES[author])
            self.unlocked.add(author)
        eid = self.wb.add(make_checkin(author, private=private, trust=trust, note=note))
        self.model[eid] = (author, private, [(trust, note)])
        return eid

    @rule(eid=ids, trust=ratings, note=notes)
    def edit(self, eid: str, trust: int, note: str) -> None:
        author, private, versions = self.model[eid]
        if private and author not in self.unlocked:
            self.wb.unlock(author, PASSPHRASES[author])
            self.unlocked.add(author)
        self.wb.update(eid, {"trust": trust, "note": note}, by=author)
        versions.append((trust, note))

    @rule(viewer=st.sampled_from([None, *PARTNERS]))
    def list_agrees(self, viewer: str | None) -> None:
        got = {e.id: (e.trust, e.note) for e in self.wb.list("checkin", viewer=viewer)}  # type: ignore[attr-defined]
        want = {
            eid: versions[-1]
            for eid, (author, private, versions) in self.model.items()
            if not private or (viewer == author and author in self.unlocked)
        }
        assert got == want

    @rule(eid=ids)
    def history_agrees(self, eid: str) -> None:
        author, private, versions = self.model[eid]
        if private and author not in self.unlocked:
            return
        hist = self.wb.history(eid, viewer=author)
        assert [(e.trust, e.note) for e in hist] == versions  # type: ignore[attr-defined]

    @rule()
    def backup(self) -> None:
        self.wb.backup(keep=2)
        self.backups += 1
        assert len(list_backups(self.folder)) == min(self.backups, 2)

    @rule(unlock=st.sets(st.sampled_from(PARTNERS)))
    def reopen(self, unlock: set[str]) -> None:
        self.wb.close()
        self.wb = Workbook.open(self.folder)
        for name in unlock:
            self.wb.unlock(name, PASSPHRASES[name])
        self.unlocked = set(unlock)

    @invariant()
    def counts_agree(self) -> None:
        n = len(self.model)
        assert self.wb.counts() == ({"checkin": n} if n else {})

    @invariant()
    def shared_view_never_holds_private(self) -> None:
        shared: list[Any] = self.wb.list()
        assert all(e.visibility == "shared" for e in shared)


WorkbookMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestWorkbookMachine = WorkbookMachine.TestCase
