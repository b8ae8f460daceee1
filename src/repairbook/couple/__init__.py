"""The one service every surface calls for what a couple does.

Pages (``repairbook.ui``), the CLI and the notebooks are thin adapters over
:class:`Couple`; it calls the store and owns no widgets.
"""

from repairbook.couple.links import (
    make_link,
    partner_for_key,
    personal_links,
    revoke_link,
    serve_token,
)
from repairbook.couple.service import (
    DANGER_QUESTIONS,
    DEFAULT_EMERGENCY,
    Couple,
    Emergency,
    SaveResult,
    ScreenOutcome,
)
from repairbook.store import StoreError

#: the name the first version used for the page's state
Session = Couple

__all__ = [
    "DANGER_QUESTIONS",
    "DEFAULT_EMERGENCY",
    "Couple",
    "Emergency",
    "SaveResult",
    "ScreenOutcome",
    "Session",
    "StoreError",
    "make_link",
    "partner_for_key",
    "personal_links",
    "revoke_link",
    "serve_token",
]
