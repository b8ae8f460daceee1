"""Today: the day's prompt, the daily check-in (under a minute), and what is due.

The check-in takes at most eight interactions: three sliders, two yes/no answers, the
affection count, the urge slider, and Save. Today's check-in can be edited: the form
opens with it, and saving makes a new version.
"""

from __future__ import annotations

import ipywidgets as w

from repairbook.content import shared as S
from repairbook.content.modules import MODULES
from repairbook.entries import Checkin, CodeWord, Ritual, Settings
from repairbook.ui.page import Page
from repairbook.ui.parts.solo import solo_link
from repairbook.ui.parts.steps import hopes_card, next_step_card, summary_ask_card
from repairbook.ui.widgets import (
    EntryForm,
    Status,
    button,
    card,
    entry_item,
    entry_list,
    esc,
    heading,
    html_box,
    when,
)

#: the check-in's items (the entry model says which), then the note
CHECKIN_FIELDS = (*Checkin.ITEMS, "note")


class TodayPage(Page):
    name = "today"

    def build(self) -> w.Widget:
        s = self.session
        me = s.me
        gap = s.days_since_last_checkin()
        greeting = S.WELCOME_BACK if gap is not None and gap >= 3 else S.TODAY_GREETING
        prompt = html_box(
            f'<div class="rb-muted">{esc(S.PROMPT_TITLE)}</div>'
            f'<p class="rb-q">{esc(s.prompt_of_the_day())}</p>',
            "rb-prompt",
        )
        parts: list[w.Widget] = [
            heading(greeting.format(name=me), s.today().strftime("%A %d %B"), level=2),
            prompt,
        ]
        plan = self.session_plan()
        if plan is not None:
            parts.append(plan)
        top = card(*parts)
        self.partner_line = html_box("", "rb-partner-checkin")
        self.partner_line.value = self.partner_checkin_html()
        cards = [top, self.checkin_card(), self.partner_line, self.due_card()]
        # the way on alone, the next journey step and (now and then) the hopes: issue 18
        cards[1:1] = self.path_cards(gap)
        cards[1:1] = self.passphrase_cards()  # issue 19
        if s.paused():
            from repairbook.ui.parts.safety import paused_card

            cards.insert(0, paused_card(self.app, brief=True))
        return w.VBox(cards)

    def path_cards(self, gap: int | None) -> list[w.Widget]:
        """Going on alone (when the partner here is), the next journey step, and the hopes
        written at the welcome: on the first day, once a week after, and on coming back."""
        s = self.session
        out: list[w.Widget] = []
        alone = solo_link(self.app)
        if alone is not None:
            out.append(alone)
        ask = summary_ask_card(self.app)
        if ask is not None:
            out.append(ask)
        step = next_step_card(self.app)
        if step is not None:
            out.append(step)
        weekly = (s.today() - s.start_day()).days % 7 == 0
        if weekly or (gap is not None and gap >= 3):
            hopes = hopes_card(s)
            if hopes is not None:
                out.append(hopes)
        return out

    def passphrase_cards(self) -> list[w.Widget]:
        """A small card when someone else set this partner's passphrase (they choose their
        own, or keep it, under Private), and a quiet line when damaged entries are left out."""
        from repairbook.ui.parts.privacy import damaged_note

        s = self.session
        out: list[w.Widget] = []
        by = s.passphrase_set_by()
        if by:
            go = button(
                S.PASSPHRASE_BY_OTHER_OPEN, "claim-open", on=lambda: self.app.show("private")
            )
            out.append(
                card(
                    html_box(f"<p>{esc(S.PASSPHRASE_BY_OTHER_TODAY.format(by=by))}</p>"),
                    go,
                    cls="rb-claim-today",
                )
            )
        note = damaged_note(s)
        if note is not None:
            out.append(note)
        return out

    # -- the check-in ----------------------------------------------------------------------
    def checkin_card(self) -> w.Widget:
        s = self.session
        self.existing = s.todays_checkin()
        self.form = EntryForm("checkin", CHECKIN_FIELDS, S.CHECKIN_FIELDS)
        if self.existing is not None:
            self.form.load(self.existing)
        self.private_note = w.Checkbox(value=False, description=S.NOTE_PRIVATE, indent=False)
        self.private_note.add_class("rb-checkin-note-private")
        if not s.has_passphrase():
            self.private_note.disabled = True
            self.private_note.description = S.NOTE_PRIVATE_NEEDS_PASSPHRASE
        note_field = self.form["note"].box
        note_field.children = (
            *note_field.children[:-1],
            self.private_note,
            note_field.children[-1],
        )
        self.status = Status("checkin-status")
        self.save_btn = button(
            S.CHECKIN_EDIT if self.existing else S.CHECKIN_SAVE,
            "checkin-save",
            primary=True,
            on=self.save,
        )
        intro = S.CHECKIN_EDIT_INTRO if self.existing else S.CHECKIN_INTRO
        return card(
            heading(S.CHECKIN_TITLE, intro),
            self.form.box,
            w.HBox(
                [self.save_btn, self.status.widget],
                layout=w.Layout(align_items="center", flex_flow="row wrap"),
            ),
            cls="rb-checkin",
        )

    def save(self) -> None:
        s = self.session
        # every item as it stands: an item left (or set back to) unanswered is null
        data = {k: self.form[k].value for k in CHECKIN_FIELDS}
        data["note"] = data["note"] or ""
        private_note = bool(self.private_note.value and str(data["note"]).strip())
        res = s.save_checkin(data, note_private=private_note)
        if not res.ok:
            # nothing was stored; everything typed stays in place for another try
            self.form.show(res.problems)
            whole = " ".join(m for k, m in res.problems.items() if k not in CHECKIN_FIELDS)
            self.status.problem(res.error or whole or S.SAVE_FAILED)
            return
        if private_note:
            self.form["note"].value = ""
            self.private_note.value = False
        self.form.clear_errors()
        self.existing = res.entry
        self.save_btn.description = S.CHECKIN_EDIT
        self.status.saved(S.CHECKIN_SAVED if not private_note else S.CHECKIN_SAVED_PRIVATE_NOTE)
        self.partner_line.value = self.partner_checkin_html()

    # -- each answers alone, then they see each other's ------------------------------------
    def partner_checkin_html(self) -> str:
        s = self.session
        other = s.other
        theirs = s.others_checkin_today()
        if theirs is not None:
            items = [
                f"{esc(S.CHECKIN_FIELDS[k].label)}: <strong>{esc(self._shown(getattr(theirs, k)))}</strong>"
                for k in CHECKIN_FIELDS
                if k != "note" and getattr(theirs, k) is not None
            ]
            note = f"<p>{esc(theirs.note)}</p>" if theirs.note else ""
            return (
                f'<div class="rb-card"><h3>{esc(S.PARTNER_TODAY.format(name=other))}</h3>'
                f"<p>{' · '.join(items)}</p>{note}</div>"
            )
        if s.other_checked_in_today():
            return (
                f'<p class="rb-muted" role="status">{esc(S.PARTNER_WAITING.format(name=other))}</p>'
            )
        return ""

    @staticmethod
    def _shown(v: object) -> str:
        if isinstance(v, bool):
            return S.YES if v else S.NO
        return str(v)

    def changed(self) -> None:
        """The other partner saved something: update what Today shows of them (never the
        form, so nothing typed is touched)."""
        self.partner_line.value = self.partner_checkin_html()

    # -- what is due ----------------------------------------------------------------------------
    def due_card(self) -> w.Widget:
        s = self.session
        items: list[w.Widget] = []
        now = s.today()
        zone = s.zone()
        for p in s.due_promises():
            overdue = p.due.astimezone(zone).date() < now or p.is_overdue
            tag = MODULES[6].extra.get("overdue" if overdue else "due_today", "")
            body = (
                f'<span class="rb-badge">{esc(tag)}</span> {esc(p.text)} · {esc(when(p.due, zone))}'
            )
            mark = (
                [
                    button(
                        MODULES[6].extra.get("mark_as", "Mark"),
                        "due-open-promises",
                        on=lambda: self.app.show("module", number=6),
                    )
                ]
                if s.may_mark(p)
                else []
            )
            items.append(entry_item(p, body, extra=mark))
        code = s.latest(CodeWord)
        extra: list[w.Widget] = []
        if code is not None:
            self.code_status = Status("codeword-status")
            extra.append(
                w.HBox(
                    [
                        button(
                            MODULES[7].extra["code_word_button"].format(word=code.word),
                            "codeword-use",
                            on=self.use_code_word,
                        ),
                        self.code_status.widget,
                    ],
                    layout=w.Layout(align_items="center", flex_flow="row wrap"),
                )
            )
        rituals = self.rituals_due()
        return card(
            heading(S.DUE_TODAY_TITLE),
            entry_list(items + rituals, S.NOTHING_DUE, "due"),
            *extra,
            cls="rb-due",
        )

    def rituals_due(self) -> list[w.Widget]:
        """Today's rituals not yet recorded: the daily act of care, and the weekly ones on their day."""
        s = self.session
        today = s.today()
        done = {e.ritual for e in s.entries(Ritual) if e.day == today}
        settings = s.latest(Settings)
        days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        wd = days[today.weekday()]
        want = ["care_act"]
        if settings is not None:
            if settings.repair_checkin_day == wd:
                want.append("repair_checkin")
            if settings.fun_date_day == wd:
                want.append("fun_date")
        out: list[w.Widget] = []
        X = MODULES[10].extra
        for r in want:
            if r in done:
                continue
            label = X.get(r, r)
            h = html_box(f'<span class="rb-badge">{esc(S.RITUAL_TAG)}</span> {esc(label)}')
            b = button(S.OPEN, f"due-ritual-{r}", on=lambda: self.app.show("module", number=10))
            box = w.HBox(
                [h, b],
                layout=w.Layout(
                    justify_content="space-between", align_items="center", flex_flow="row wrap"
                ),
            )
            box.add_class("rb-item")
            out.append(box)
        return out

    def use_code_word(self) -> None:
        res = self.session.save("code_word_use", {})
        if res.ok:
            self.code_status.saved(MODULES[7].extra["code_word_logged"])
        else:
            self.code_status.problem(res.error or S.SAVE_FAILED)

    def session_plan(self) -> w.Widget | None:
        """The facilitator's session plan, when this workbook belongs to a workshop:
        ``plan_for_workbook(path)`` gives (title, lines) or None."""
        try:
            from repairbook.workshop.plan import plan_for_workbook
        except ImportError:
            return None
        try:
            plan = plan_for_workbook(self.session.path)
        except Exception:  # noqa: BLE001 - a missing or damaged plan never breaks Today
            return None
        if not plan:
            return None
        title, lines = plan
        items = "".join(f"<li>{esc(line)}</li>" for line in lines)
        return html_box(f"<h3>{esc(title)}</h3><ul>{items}</ul>", "rb-plan")
