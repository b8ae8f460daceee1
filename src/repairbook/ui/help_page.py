"""Help: what this is and is not, privacy, keyboard use, outside help, safety now, backups."""

from __future__ import annotations

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.workshop import where_words_live
from repairbook.ui.page import Page
from repairbook.ui.widgets import button, card, esc, heading, html_box, para


class HelpPage(Page):
    name = "help"

    def build(self) -> w.Widget:
        from repairbook.ui.parts.safety import emergency_line

        em = self.session.emergency()
        words = self.session.where_words_live()  # true for this mode: home or workshop
        home = where_words_live("home")
        sections = []
        for h, body in S.HELP_SECTIONS:
            body = body.replace(home.where, words.where).replace(home.backup, words.backup)
            extra = ""
            if "{emergency}" in body:
                body = body.format(emergency=em.number)
                extra = emergency_line(self.session) if em.is_default else ""
            sections.append(html_box(f"<h3>{esc(h)}</h3>{para(body)}{extra}", "rb-help-section"))
        where = html_box(
            f'<p class="rb-muted">{esc(S.WORKBOOK_LOCATION.format(path=self.session.path))}</p>'
        )
        outside = button(
            S.OPEN_OUTSIDE_HELP, "help-outside", on=lambda: self.app.show("module", number=15)
        )
        parts = [heading(S.HELP_TITLE), *sections, where]
        fp = self.session.certificate_fingerprint()
        if fp:
            parts.append(
                html_box(
                    f"<h3>{esc(S.HELP_CERT_TITLE)}</h3>{para(S.HELP_CERT_BODY)}"
                    f'<p class="rb-fingerprint"><code>{esc(fp)}</code></p>',
                    "rb-help-section",
                    "rb-help-certificate",
                )
            )
        return card(*parts, outside)
