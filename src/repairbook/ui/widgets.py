"""Building blocks every page uses: escaped text, cards, labelled fields, a form derived
from an entry model, the status line, a list of entries, downloads.

Every control gets a stable class of ours (``rb-<name>``) and a visible label, so the
browser tests and screen readers find them by name, not by layout.
"""

from __future__ import annotations

import base64
import contextlib
import html
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo
from typing import Any, Literal

import ipywidgets as w
from annotated_types import Ge, Le, MaxLen

from repairbook.content import shared as S
from repairbook.content.model import FieldText
from repairbook.couple import Couple, SaveResult
from repairbook.entries import KINDS, Entry
from repairbook.ui.busy import GRACE, guarded_click

LONG_TEXT_LIMIT = 10_000


def esc(text: object) -> str:
    """Escape anything a person typed before it goes into an HTML widget."""
    return html.escape(str(text), quote=True)


def para(text: str, cls: str = "") -> str:
    """Paragraphs from plain text (escaped), blank lines split paragraphs."""
    parts = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return "".join(f'<p class="{cls}">{esc(p)}</p>' for p in parts)


def html_box(content: str, *classes: str) -> w.HTML:
    h = w.HTML(content)
    for c in classes:
        h.add_class(c)
    return h


def card(*children: w.Widget, cls: str = "", private: bool = False) -> w.VBox:
    box = w.VBox(list(children))
    box.add_class("rb-card")
    if cls:
        for c in cls.split():
            box.add_class(c)
    if private:
        box.add_class("rb-private")
    return box


def heading(title: str, sub: str = "", level: int = 2) -> w.HTML:
    body = f"<h{level}>{esc(title)}</h{level}>"
    if sub:
        body += f'<p class="rb-muted">{esc(sub)}</p>'
    return w.HTML(body)


def button(
    label: str,
    name: str,
    *,
    primary: bool = False,
    on: Callable[[], None] | None = None,
    tooltip: str = "",
) -> w.Button:
    b = w.Button(description=label, tooltip=tooltip or label)
    b.add_class(f"rb-{name}")
    if primary:
        b.button_style = "primary"
    b.layout.width = "auto"
    if on is not None:
        # a sign of work on a slow action, and a second press meanwhile is ignored
        guarded_click(b, lambda _b: on(), grace=_click_grace())
    return b


def _click_grace() -> float:
    """Seconds after an action during which another press is taken as the same press
    (``REPAIRBOOK_CLICK_GRACE``; the widget tests set 0 to press twice on purpose)."""
    import os

    try:
        return max(0.0, float(os.environ.get("REPAIRBOOK_CLICK_GRACE", GRACE)))
    except ValueError:
        return GRACE


class Status:
    """The one status line of the app, next to a button or under a form: 'saved' fades
    after a few seconds; problems stay."""

    def __init__(self, name: str = "status"):
        self.widget = w.HTML("")
        self.widget.add_class("rb-status")
        self.widget.add_class(f"rb-{name}")
        self._n = 0

    def saved(self, text: str = "") -> None:
        self._n += 1  # a new value restarts the fade even for the same words
        self.widget.value = (
            f'<span class="rb-saved" role="status" data-n="{self._n}">{esc(text or S.SAVED)}</span>'
        )

    def problem(self, text: str) -> None:
        self.widget.value = f'<span class="rb-problem" role="alert">{esc(text)}</span>'

    def failed(self, result: SaveResult, *, fields_shown: bool = False) -> None:
        """Why a save did not happen, in one line: the store's sentence, else the
        problems (unless each is already shown next to its field), else 'not saved'."""
        detail = "" if fields_shown else " ".join(result.problems.values())
        self.problem(result.error or detail or S.SAVE_FAILED)

    def clear(self) -> None:
        self.widget.value = ""


# --- fields ------------------------------------------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, optional?) for X | None."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _bounds(info: Any) -> tuple[int | None, int | None, int | None]:
    """(minimum, maximum, max length) from a field's constraints, also inside X | None."""
    metadata = list(getattr(info, "metadata", []))
    inner, _ = _unwrap(info.annotation)
    if typing.get_origin(inner) is typing.Annotated:
        for extra in typing.get_args(inner)[1:]:
            metadata.extend(getattr(extra, "metadata", [extra]))
    lo = hi = maxlen = None
    for m in metadata:
        if isinstance(m, Ge):
            lo = int(m.ge)  # type: ignore[call-overload]
        elif isinstance(m, Le):
            hi = int(m.le)  # type: ignore[call-overload]
        elif isinstance(m, MaxLen):
            maxlen = m.max_length
    return lo, hi, maxlen


class Field:
    """One labelled control with its help, slider ends and its own error line."""

    def __init__(
        self,
        name: str,
        control: w.Widget,
        text: FieldText,
        *,
        to_value: Callable[[Any], Any] | None = None,
        from_value: Callable[[Any], Any] | None = None,
        css: str = "",
    ):
        self.name = name
        self.control = control
        self.to_value = to_value or (lambda v: v)
        self.from_value = from_value or (lambda v: v)
        control.add_class(f"rb-f-{css or name}")
        # the control's own description is a real <label> tied to it: its accessible name
        control.description = text.label
        control.style.description_width = "initial"
        self.label_text = text.label
        parts: list[w.Widget] = [control]
        if text.low or text.high:
            ends = w.HTML(f"<span>{esc(text.low)}</span><span>{esc(text.high)}</span>")
            ends.add_class("rb-ends")
            parts.append(ends)
        if text.help:
            hp = w.HTML(esc(text.help))
            hp.add_class("rb-help")
            parts.append(hp)
        self.error = w.HTML("")
        self.error.add_class("rb-error")
        self.error.add_class(f"rb-error-{css or name}")
        parts.append(self.error)
        self.box = w.VBox(parts)
        self.box.add_class("rb-field")
        self.box.add_class(f"rb-field-{css or name}")

    @property
    def value(self) -> Any:
        return self.to_value(self.control.value)

    @value.setter
    def value(self, v: Any) -> None:
        self.control.value = self.from_value(v)

    def show_error(self, msg: str) -> None:
        self.error.value = esc(msg) if msg else ""


#: the rating control's first stop: nothing chosen yet (stored as null, never as a number)
UNANSWERED = -1


def rating_field(name: str, text: FieldText, lo: int, hi: int, *, css: str = "") -> Field:
    """A 0-10 rating that starts unanswered and says so: its first stop reads "not
    answered", one tab stop, arrows change it. Untouched, it gives ``None``."""
    ctl = w.SelectionSlider(
        options=_unanswered_options(lo, hi),
        value=UNANSWERED,
        continuous_update=False,
        readout=True,
    )
    ctl.add_class("rb-rating")
    # the lowest number, so the page's keyboard code can turn a typed digit into a stop
    ctl.add_class(f"rb-rating-from-{lo}")
    return _unanswered_field(name, ctl, text, css)


def choice_count_field(name: str, text: FieldText, lo: int, hi: int, *, css: str = "") -> Field:
    """A whole number from ``lo`` to ``hi`` that starts unanswered (``None``)."""
    ctl = w.Dropdown(options=_unanswered_options(lo, hi), value=UNANSWERED)
    ctl.add_class("rb-count")
    return _unanswered_field(name, ctl, text, css)


def _unanswered_options(lo: int, hi: int) -> list[tuple[str, int]]:
    return [(S.RATING_UNANSWERED, UNANSWERED)] + [(str(i), i) for i in range(lo, hi + 1)]


def _unanswered_field(name: str, ctl: w.Widget, text: FieldText, css: str) -> Field:
    """A field whose first choice means "not answered": it reads and writes ``None``."""
    return Field(
        name,
        ctl,
        text,
        to_value=lambda v: None if v == UNANSWERED else v,
        from_value=lambda v: UNANSWERED if v is None else v,
        css=css,
    )


def yes_no(value: bool | None = None) -> w.ToggleButtons:
    tb = w.ToggleButtons(options=[(S.YES, True), (S.NO, False)], value=value)
    tb.style.button_width = "88px"
    return tb


def _local_naive(v: datetime | None, zone: Any = None) -> datetime | None:
    """A stored time as the picker shows it: in the couple's zone (``zone``; this
    machine's when None), without a zone."""
    if v is None:
        return None
    return v.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0) if v.tzinfo else v


def _aware_local(v: datetime | None, zone: Any = None) -> datetime | None:
    """A picked time read in the couple's zone (``zone``; this machine's when None)."""
    if v is None:
        return None
    if v.tzinfo is not None:
        return v
    return v.replace(tzinfo=zone) if zone is not None else v.astimezone()


def make_field(kind: str, name: str, text: FieldText | None = None, **kw: Any) -> Field:
    """A control chosen from the entry model's field type and range."""
    model = KINDS[kind]
    info = model.model_fields[name]
    text = text or FieldText(label=info.title or name.replace("_", " ").capitalize())
    ann, optional = _unwrap(info.annotation)
    if typing.get_origin(ann) is typing.Annotated:
        ann = typing.get_args(ann)[0]
    origin = typing.get_origin(ann)
    lo, hi, maxlen = _bounds(info)
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    css = kw.pop("css", "") or name
    if ann is bool:
        return Field(name, yes_no(default if isinstance(default, bool) else None), text, css=css)
    if ann is int:
        if lo is not None and hi is not None and hi - lo <= 10:
            return rating_field(name, text, lo, hi, css=css)
        ctl = w.BoundedIntText(
            value=default if isinstance(default, int) else (lo or 0),
            min=lo if lo is not None else 0,
            max=hi if hi is not None else 10**6,
        )
        if optional and lo is not None and hi is not None and hi - lo <= 100:
            # a small count that may stay unanswered: a list that starts at "not answered"
            return choice_count_field(name, text, lo, hi, css=css)
        if optional:
            ctl = w.Text(
                value="" if default is None else str(default), placeholder=text.placeholder
            )
            return Field(
                name,
                ctl,
                text,
                to_value=lambda v: (
                    int(v) if str(v).strip().isdigit() else (None if not str(v).strip() else v)
                ),
                from_value=lambda v: "" if v is None else str(v),
                css=css,
            )
        return Field(name, ctl, text, css=css)
    if ann is date:
        ctl = w.DatePicker(value=default if isinstance(default, date) else None)
        return Field(name, ctl, text, css=css)
    if ann is datetime:
        zone = kw.pop("zone", None)
        ctl = w.NaiveDatetimePicker(value=None)
        return Field(
            name,
            ctl,
            text,
            to_value=lambda v: _aware_local(v, zone),
            from_value=lambda v: _local_naive(v, zone),
            css=css,
        )
    if origin is Literal:
        choices = typing.get_args(ann)
        labels = kw.pop("choice_labels", {}) or {}
        opts = [(labels.get(c, str(c).replace("_", " ").capitalize()), c) for c in choices]
        ctl = w.Dropdown(options=opts, value=default if default in choices else choices[0])
        return Field(name, ctl, text, css=css)
    if origin is list:
        ctl = w.Textarea(value="\n".join(default or []), placeholder=text.placeholder, rows=3)
        return Field(
            name,
            ctl,
            text,
            to_value=lambda v: [ln.strip() for ln in str(v).splitlines() if ln.strip()],
            from_value=lambda v: "\n".join(v or []),
            css=css,
        )
    # text
    long = maxlen is None or maxlen > 2000 or kw.pop("long", False)
    if long:
        ctl = w.Textarea(value=default or "", placeholder=text.placeholder, rows=3)
    else:
        ctl = w.Text(value=default or "", placeholder=text.placeholder)
    return Field(name, ctl, text, css=css)


class EntryForm:
    """A form for one kind of entry, built from its model and its words.

    ``values()`` gives the data to save; ``show(problems)`` puts each message next to its
    field and leaves every typed value in place.
    """

    def __init__(
        self,
        kind: str,
        fields: Iterable[str],
        texts: dict[str, FieldText] | None = None,
        *,
        choice_labels: dict[str, dict[Any, str]] | None = None,
        zone: Any = None,
    ):
        self.kind = kind
        texts = texts or {}
        self.fields: dict[str, Field] = {}
        for name in fields:
            self.fields[name] = make_field(
                kind,
                name,
                texts.get(name),
                choice_labels=(choice_labels or {}).get(name),
                zone=zone,
            )
        self.form_error = w.HTML("")
        self.form_error.add_class("rb-error")
        self.form_error.add_class("rb-form-error")
        self.box = w.VBox([f.box for f in self.fields.values()] + [self.form_error])
        self.box.add_class("rb-form")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, f in self.fields.items():
            v = f.value
            if v is None or v == "":
                info = KINDS[self.kind].model_fields[name]
                if not info.is_required():
                    continue
                if v == "" and info.annotation is not str:
                    continue
            out[name] = v
        return out

    def show(self, problems: dict[str, str]) -> None:
        leftover = []
        for name, f in self.fields.items():
            f.show_error(problems.get(name, ""))
        for key, msg in problems.items():
            if key not in self.fields:
                leftover.append(msg)
        self.form_error.value = esc(" ".join(leftover))

    def clear_errors(self) -> None:
        self.show({})

    def reset(self) -> None:
        fresh = EntryForm(self.kind, list(self.fields), None)
        for name, f in self.fields.items():
            f.control.value = fresh.fields[name].control.value
        close_tree(fresh.box)
        self.clear_errors()

    def raw(self) -> dict[str, Any]:
        """Every control's value as it stands (typed, not saved)."""
        return {name: f.control.value for name, f in self.fields.items()}

    def restore(self, raw: dict[str, Any]) -> None:
        """Put back values from :meth:`raw`; a value a control no longer takes is skipped."""
        for name, value in raw.items():
            if name in self.fields:
                with contextlib.suppress(Exception):
                    self.fields[name].control.value = value

    def load(self, entry: Entry) -> None:
        for name, f in self.fields.items():
            if hasattr(entry, name):
                f.value = getattr(entry, name)

    def __getitem__(self, name: str) -> Field:
        return self.fields[name]


def download_link(data: bytes, filename: str, mime: str, name: str) -> w.HTML:
    """A real download made in the browser from the bytes: no file is served."""
    b64 = base64.b64encode(data).decode("ascii")
    return w.HTML(
        f'<a class="rb-download rb-{name}" download="{esc(filename)}" '
        f'href="data:{mime};base64,{b64}">⬇ {esc(S.SAVE_FILE.format(name=filename))}</a>'
    )


def calendar_link(session: Couple, status: Status, name: str) -> w.HTML | None:
    """The couple's rhythms as a calendar file, offered as a download link (None, with a
    friendly line in ``status``, if it cannot be made)."""
    try:
        data = session.rhythm_calendar()
    except Exception as err:  # noqa: BLE001 - one friendly line
        status.problem(str(err) or S.FRIENDLY_ERROR)
        return None
    return download_link(data, "repairbook-rhythms.ics", "text/calendar", name)


def close_tree(widget: w.Widget) -> None:
    """Close a widget and everything inside it, so nothing it showed stays in the page."""
    for child in list(getattr(widget, "children", ()) or ()):
        close_tree(child)
    with contextlib.suppress(Exception):  # closing twice is harmless
        widget.close()


def when(dt: datetime | date | None, zone: tzinfo | None = None) -> str:
    """A date, or a time in ``zone`` (the couple's, ``session.zone()``; default: this
    machine's)."""
    if dt is None:
        return ""
    if isinstance(dt, datetime):
        return dt.astimezone(zone).strftime("%a %d %b %Y, %H:%M")
    return dt.strftime("%a %d %b %Y")


def entry_item(
    entry: Entry,
    body: str,
    *,
    extra: Iterable[w.Widget] = (),
    meta: str = "",
    zone: tzinfo | None = None,
) -> w.VBox:
    """One entry in a list: escaped body text, who and when (in ``zone``), optional buttons."""
    lock = "🔒 " if entry.visibility == "private" else ""
    info = meta or f"{lock}{esc(entry.author)} · {esc(when(entry.created, zone))}"
    head = w.HTML(f'<div class="rb-meta">{info}</div><div>{body}</div>')
    box = w.VBox([head, *extra])
    box.add_class("rb-item")
    box.add_class(f"rb-item-{entry.kind}")
    return box


def entry_list(items: list[w.Widget], empty: str, name: str) -> w.VBox:
    if not items:
        e = w.HTML(esc(empty))
        e.add_class("rb-empty")
        items = [e]
    box = w.VBox(items)
    box.add_class("rb-list")
    box.add_class(f"rb-list-{name}")
    return box
