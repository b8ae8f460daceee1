"""Private -> Research: each partner's own research consent, revocable at any time."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.content import research as R
from repairbook.content import shared as S
from repairbook.couple import StoreError
from repairbook.ui.widgets import Status, button, card, esc, heading, html_box, para, yes_no


def research_card(page: Any) -> w.Widget:
    """Each kind of data is a yes/no that starts unchosen (until the partner has decided
    once); giving consent needs a choice for each."""
    s = page.session
    me = s.me
    state = s.consent_state()
    options = {
        "numeric": R.OPTION_NUMERIC,
        "scrubbed_text": R.OPTION_SCRUBBED_TEXT,
        "private_numeric": R.OPTION_PRIVATE_NUMERIC,
    }
    boxes: dict[str, w.ToggleButtons] = {}
    rows: list[w.Widget] = []
    for k, label in options.items():
        tb = yes_no(getattr(state, k) if state.recorded else None)
        tb.description = label
        tb.style.description_width = "initial"
        tb.add_class(f"rb-consent-{k.replace('_', '-')}")
        boxes[k] = tb
        row = w.VBox([tb])
        row.add_class("rb-field")
        rows.append(row)
    status = Status("consent-status")
    now_line = html_box(f"<p><strong>{esc(state.describe())}</strong></p>", "rb-consent-state")

    def give() -> None:
        choices = {k: b.value for k, b in boxes.items()}
        if any(v is None for v in choices.values()):
            status.problem(S.CONSENT_CHOOSE)
            return
        try:
            new = s.give_consent(
                numeric=bool(choices["numeric"]),
                scrubbed_text=bool(choices["scrubbed_text"]),
                private_numeric=bool(choices["private_numeric"]),
            )
        except StoreError as err:
            status.problem(str(err))
            return
        now_line.value = f"<p><strong>{esc(new.describe())}</strong></p>"
        status.saved(R.GIVEN_SAVED.format(name=me))

    def revoke() -> None:
        try:
            new = s.revoke_consent()
        except StoreError as err:
            status.problem(str(err))
            return
        now_line.value = f"<p><strong>{esc(new.describe())}</strong></p>"
        status.saved(R.REVOKED_SAVED.format(name=me))

    actions = w.HBox(
        [
            button(R.GIVE_BUTTON, "consent-give", primary=True, on=give),
            button(R.REVOKE_BUTTON, "consent-revoke", on=revoke),
            status.widget,
        ],
        layout=w.Layout(align_items="center", flex_flow="row wrap"),
    )
    return card(
        heading(R.CONSENT_TITLE, level=3),
        html_box(para(R.CONSENT_TEXT)),
        now_line,
        *rows,
        actions,
        private=True,
        cls="rb-research",
    )


def facilitator_card(page: Any) -> w.Widget:
    """In a workshop: whether the facilitator's group view may show this partner's numbers
    (its own choice, apart from research consent). Starts unchosen until decided once."""
    s = page.session
    tb = yes_no(s.facilitator_share())
    tb.description = R.OPTION_FACILITATOR
    tb.style.description_width = "initial"
    tb.add_class("rb-facilitator-share")
    status = Status("facilitator-status")

    def save() -> None:
        if tb.value is None:
            status.problem(S.CONSENT_CHOOSE)
            return
        why = s.set_facilitator_share(bool(tb.value))
        if why:
            status.problem(why)
            return
        status.saved(S.FACILITATOR_SAVED_YES if tb.value else S.FACILITATOR_SAVED_NO)

    row = w.VBox([tb])
    row.add_class("rb-field")
    return card(
        heading(S.FACILITATOR_TITLE, level=3),
        html_box(para(S.FACILITATOR_INTRO)),
        row,
        w.HBox(
            [button(S.FACILITATOR_SAVE, "facilitator-save", primary=True, on=save), status.widget],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        ),
        private=True,
        cls="rb-facilitator",
    )
