"""Module 10: connection rituals. The weekly repair check-in, the weekly fun date, the daily
small act of care, and standing up for each other in public; streaks shown gently."""

from __future__ import annotations

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.entries import Ritual, Settings
from repairbook.progress import progress_report
from repairbook.ui.module_page import ModulePage
from repairbook.ui.widgets import (
    Status,
    button,
    calendar_link,
    card,
    esc,
    heading,
    html_box,
    when,
)

RITUALS = {
    "repair_checkin": ["minutes", "facts", "feelings", "progress"],
    "fun_date": ["note"],
    "care_act": ["note"],
    "public_support": ["note"],
}


class RitualsPage(ModulePage):
    number = 10

    def body(self) -> list[w.Widget]:
        x = self.x
        today = self.session.today()
        parts: list[w.Widget] = [self.streaks()]
        for ritual, fields in RITUALS.items():
            form = self.form(
                "ritual",
                fields,
                title=x[ritual],
                intro=x.get(f"{ritual}_help", ""),
                private="never",
                fixed={"ritual": ritual, "day": today},
                name=f"ritual-{ritual.replace('_', '-')}",
            )
            if ritual == "fun_date":
                ideas = "".join(
                    f"<li>{esc(i)}</li>" for i in x["fun_ideas"].split("|") if i.strip()
                )
                # the ideas sit inside the fun date's card, above its button
                box = html_box(
                    f"<p><strong>{esc(x['fun_ideas_title'])}</strong></p><ul>{ideas}</ul>"
                )
                form.extra.children = [box]
            parts.append(form.widget)
        parts.append(self.listing(Ritual, self.render, limit=20))
        parts.append(self.rhythms())
        return parts

    def rhythms(self) -> w.Widget:
        """The times you chose for your rhythms, and a calendar file that carries them."""
        days = dict(
            zip(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), S.DAY_NAMES, strict=True)
        )
        form = self.form(
            "settings",
            [
                "checkin_time",
                "repair_checkin_day",
                "repair_checkin_time",
                "fun_date_day",
                "fun_date_time",
                "timezone",
            ],
            title=S.RHYTHMS_TITLE,
            intro=S.RHYTHMS_INTRO,
            private="never",
            load=self.session.latest(Settings),
            choice_labels={"repair_checkin_day": days, "fun_date_day": days},
            save=S.RHYTHMS_SAVE,
            name="rhythms",
        )
        out = w.VBox([])
        status = Status("rhythms-ics-status")

        def ics() -> None:
            link = calendar_link(self.session, status, "rhythms-ics")
            if link is not None:
                out.children = [link]

        form.footer.children = [
            w.HBox(
                [
                    button(MODULES[9].extra["add_to_calendar"], "rhythms-make-ics", on=ics),
                    status.widget,
                ]
            ),
            out,
        ]
        return form.widget

    def streaks(self) -> w.Widget:
        x = self.x
        report = progress_report(
            self.session.entries(Ritual),
            self.session.partners,
            today=self.session.today(),
            zone=self.session.zone(),
        )
        lines = []
        last_any = None
        for row in report.streaks.itertuples():
            if row.total == 0:
                continue
            last_any = max(last_any, row.last) if last_any and row.last else (row.last or last_any)
            current = f" · {esc(x['streak'].format(n=row.current))}" if row.current >= 2 else ""
            lines.append(
                f"<li><strong>{esc(x.get(row.ritual, row.ritual))}</strong>: "
                f"{row.total}{current}</li>"
            )
        parts: list[w.Widget] = [heading(self.text.title, level=3)]
        if last_any is not None and (self.session.today() - last_any).days >= 3:
            parts.append(self.note(x["welcome_back"]))
        parts.append(
            html_box(
                f"<ul>{''.join(lines)}</ul>"
                if lines
                else f"<p class='rb-muted'>{esc(self.text.empty)}</p>"
            )
        )
        return card(*parts, cls="rb-streaks")

    def render(self, e: Ritual) -> str:
        x = self.x
        bits = [
            esc(getattr(e, k)) for k in ("facts", "feelings", "progress", "note") if getattr(e, k)
        ]
        mins = f" · {e.minutes} min" if e.minutes else ""
        return (
            f'<span class="rb-badge">{esc(x.get(e.ritual, e.ritual))}</span> '
            f"{esc(when(e.day))}{mins}<br>{'<br>'.join(bits)}"
        )


PAGE = RitualsPage
