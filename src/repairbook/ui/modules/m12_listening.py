"""Module 12: listening practice. The speaker writes, the listener paraphrases, the speaker
rates feeling heard 1-5 and may say what was missed; then roles swap."""

from __future__ import annotations

import ipywidgets as w

from repairbook.entries import ListeningRound
from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import button, card, esc, heading


class ListeningPage(ModulePage):
    number = 12

    def body(self) -> list[w.Widget]:
        x = self.x
        speaker = self.params.get("speaker") or self.session.me
        listener = self.session.other if speaker == self.session.me else self.session.me
        turn = card(
            heading(x["speaker_turn"].format(name=speaker), x.get("speaker_help", ""), level=3),
            heading(x["listener_turn"].format(name=listener), x.get("listener_help", ""), level=3),
            button(
                x["swap"],
                "listening-swap",
                on=lambda: self.app.show("module", number=12, speaker=listener),
            ),
        )
        return [
            turn,
            self.form(
                "listening_round",
                ["speaker_text", "paraphrase", "heard", "missed"],
                private="never",
                fixed={"speaker": speaker, "listener": listener},
                name="listening",
            ).widget,
            self.listing(ListeningRound, self.render, limit=20),
        ]

    def render(self, e: ListeningRound) -> str:
        f = self.text.fields
        return (
            f"<p><strong>{esc(e.speaker)}</strong>: {esc(e.speaker_text)}</p>"
            f"<p><strong>{esc(e.listener)}</strong>: {esc(e.paraphrase)}</p>"
            f'<span class="rb-badge">{esc(f["heard"].label)} {e.heard}/5</span>'
            + (f"<p>{esc(e.missed)}</p>" if e.missed else "")
        )


PAGE = ListeningPage
