"""The wording coach's notes under a field: gentle, each with the flagged words marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from repairbook.ui.widgets import esc, html_box


def flag_widgets(flags: Sequence[Any], source: str, clean: str = "") -> list[w.Widget]:
    """Coach flags shown as gentle notes, each with the flagged words marked; with no
    flag and some text, the ``clean`` line (when given)."""
    out: list[w.Widget] = []
    for f in flags:
        start, end = getattr(f, "start", 0), getattr(f, "end", 0)
        span = esc(source[start:end]) if 0 <= start < end <= len(source) else ""
        mark = f"<mark>{span}</mark> " if span else ""
        h = html_box(
            f"{mark}{esc(getattr(f, 'message', ''))} <em>{esc(getattr(f, 'suggestion', ''))}</em>",
            "rb-flag",
        )
        h.add_class(f"rb-flag-{getattr(f, 'kind', 'note')}")
        out.append(h)
    if not flags and clean and source.strip():
        out.append(html_box(f'<p class="rb-muted">✓ {esc(clean)}</p>', "rb-coach-clean"))
    return out
