"""Private -> Research: each partner's own research consent, revocable at any time."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from repairbook.content import research as R
from repairbook.research.consent import consent_status, give_consent, revoke_consent
from repairbook.store import StoreError
from repairbook.ui.widgets import Status, button, card, esc, heading, html_box, para


def research_card(page: Any) -> w.Widget:
    s = page.session
    me = s.me
    state = consent_status(s.workbook)[me]
    boxes = {
        "numeric": w.Checkbox(
            value=state.numeric or not state.recorded, description=R.OPTION_NUMERIC, indent=False
        ),
        "scrubbed_text": w.Checkbox(
            value=state.scrubbed_text, description=R.OPTION_SCRUBBED_TEXT, indent=False
        ),
        "private_numeric": w.Checkbox(
            value=state.private_numeric, description=R.OPTION_PRIVATE_NUMERIC, indent=False
        ),
        "facilitator": w.Checkbox(
            value=state.facilitator, description=R.OPTION_FACILITATOR, indent=False
        ),
    }
    for k, b in boxes.items():
        b.add_class(f"rb-consent-{k.replace('_', '-')}")
    status = Status("consent-status")
    now_line = html_box(f"<p><strong>{esc(state.describe())}</strong></p>", "rb-consent-state")

    def give() -> None:
        try:
            new = give_consent(s.workbook, me, **{k: b.value for k, b in boxes.items()})
        except StoreError as err:
            status.problem(str(err))
            return
        now_line.value = f"<p><strong>{esc(new.describe())}</strong></p>"
        status.saved(R.GIVEN_SAVED.format(name=me))

    def revoke() -> None:
        try:
            new = revoke_consent(s.workbook, me)
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
        *boxes.values(),
        actions,
        private=True,
        cls="rb-research",
    )
