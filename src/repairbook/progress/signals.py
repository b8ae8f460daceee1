"""Gentle signals, as a rule registry keyed like :data:`repairbook.content.signals.RULES`.

Each rule is one function, registered under its key with :func:`register`: it reads the
tables and returns the findings (a reason in words, the entries it rests on, whom it is
about). The numbers and the words live in ``repairbook.content.signals``; :func:`group`
turns findings into one :class:`Signal` per name and audience. Adding a rule is adding its
numbers there and one function here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from repairbook.content import signals as S
from repairbook.progress.tables import Tables, day_text, fmt, monday, to_date

SIGNAL_NAMES = S.SIGNAL_NAMES


@dataclass(frozen=True)
class Signal:
    """A gentle signal with the reasons it was raised and the entries it rests on."""

    name: str  #: therapist, pause, forgiveness_rushed, avoidance or ease_off
    title: str
    text: str
    reasons: list[str]
    entry_ids: list[str]
    audience: str  #: "both", or the one partner who may see it
    private: bool
    rules: list[str]  #: the threshold rules (keys of content.signals.RULES) behind it
    partners: list[str] = field(default_factory=list)  #: whom the reasons are about

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "text": self.text,
            "reasons": list(self.reasons),
            "entry_ids": list(self.entry_ids),
            "audience": self.audience,
            "private": self.private,
            "rules": list(self.rules),
            "partners": list(self.partners),
        }


@dataclass
class Finding:
    rule: str
    reason: str
    ids: list[str]
    partner: str | None = None


#: what a rule is: the tables, the two partners and today -> what it found
Rule = Callable[[Tables, Sequence[str], int], list[Finding]]

#: rule key (a key of content.signals.RULES) -> the function that looks for it
RULES: dict[str, Rule] = {}


def register(key: str) -> Callable[[Rule], Rule]:
    """Register the decorated function as the rule ``key`` of content.signals.RULES."""
    if key not in S.RULES:
        raise KeyError(f"{key!r} has no numbers in repairbook.content.signals.RULES.")
    if key in RULES:
        raise KeyError(f"The rule {key!r} is registered twice.")

    def add(fn: Rule) -> Rule:
        RULES[key] = fn
        return fn

    return add


def findings(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """Every rule's findings, in the order of content.signals.RULES."""
    found: list[Finding] = []
    for key in S.RULES:
        find = RULES.get(key)
        if find is not None:
            found.extend(find(t, partners, tday))
    return found


def _rule(key: str) -> dict[str, Any]:
    return dict(S.RULES[key])


def _in_window(df: pd.DataFrame, tday: int, days: int) -> pd.DataFrame:
    return df[(df["day"] > tday - days) & (df["day"] <= tday)]


# --------------------------------------------------------------------------------------------
# therapist
# --------------------------------------------------------------------------------------------


@register("tabled")
def tabled(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """Conversations tabled again and again."""
    r = _rule("tabled")
    plans = _in_window(t["conversation_plan"], tday, r["days"])
    put_off = plans[plans["status"] == "tabled"]
    if len(put_off) < r["count"]:
        return []
    return [
        Finding(
            "tabled",
            fmt(S.REASONS["tabled"], n=len(put_off), weeks=r["days"] // 7),
            list(put_off["id"]),
        )
    ]


@register("unsettled_triggers")
def unsettled_triggers(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """Strong triggers that did not settle."""
    r = _rule("unsettled_triggers")
    tr = _in_window(t["trigger"], tday, r["days"])
    hard = tr[
        (tr["intensity"] >= r["intensity"])
        & (tr["recovery"].isna() | (tr["recovery"] >= r["recovery_minutes"]))
    ]
    if len(hard) < r["count"]:
        return []
    return [
        Finding(
            "unsettled_triggers",
            fmt(
                S.REASONS["unsettled_triggers"],
                n=len(hard),
                intensity=r["intensity"],
                weeks=r["days"] // 7,
                minutes=r["recovery_minutes"],
            ),
            list(hard["id"]),
        )
    ]


@register("not_heard")
def not_heard(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """A partner repeatedly not feeling heard."""
    found: list[Finding] = []
    r = _rule("not_heard")
    oc = _in_window(t["conversation_outcome"], tday, r["days"])
    rs = _in_window(t["apology_response"], tday, r["days"])
    lr = _in_window(t["listening_round"], tday, r["days"])
    for p in partners:
        a = oc[(oc["author"] == p) & ~oc["felt_heard"].astype(bool)]
        b = rs[(rs["author"] == p) & ~rs["felt_heard"].astype(bool)]
        c = lr[(lr["speaker"] == p) & (lr["heard"] <= r["listening_heard_max"])]
        n = len(a) + len(b) + len(c)
        if n >= r["count"]:
            bits = [
                fmt(S.REASONS[key], n=len(df))
                for key, df in (
                    ("not_heard_conversation", a),
                    ("not_heard_apology", b),
                    ("not_heard_listening", c),
                )
                if len(df)
            ]
            found.append(
                Finding(
                    "not_heard",
                    fmt(
                        S.REASONS["not_heard"],
                        name=p,
                        n=n,
                        weeks=r["days"] // 7,
                        parts=", ".join(bits),
                    ),
                    [*a["id"], *b["id"], *c["id"]],
                    p,
                )
            )
    return found


@register("low_safety")
def low_safety(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """Low felt safety over weeks."""
    found: list[Finding] = []
    r = _rule("low_safety")
    ck = t["checkin"]
    weeks_needed = int(r["weeks"])
    this_week = monday(tday)
    for p in partners:
        mine = ck[ck["author"] == p]
        if not len(mine):
            continue
        end = this_week if (mine["week"] == this_week).any() else this_week - 7
        want = np.arange(end - 7 * (weeks_needed - 1), end + 1, 7)
        recent = mine[mine["week"].isin(want)]
        means = recent.groupby("week")["safety"].mean().reindex(want)
        if means.notna().all() and (means <= r["safety_max"]).all():
            values = ", ".join(f"{v:.1f}" for v in means)
            found.append(
                Finding(
                    "low_safety",
                    fmt(S.REASONS["low_safety"], name=p, values=values, weeks=weeks_needed),
                    list(recent["id"]),
                    p,
                )
            )
    return found


@register("intake")
def intake(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """Betrayal or addiction named at intake (the latest safety screen counts)."""
    found: list[Finding] = []
    sc = t["safety_screen"].sort_values(["author", "updated"], kind="stable")
    for _, latest in sc.groupby("author").tail(1).iterrows():
        if bool(latest["betrayal"]):
            found.append(Finding("intake", S.REASONS["intake"], [latest["id"]], latest["author"]))
    return found


# --------------------------------------------------------------------------------------------
# pause
# --------------------------------------------------------------------------------------------


def _answers(t: Tables) -> tuple[pd.DataFrame, dict[Any, Any], pd.DataFrame]:
    """The apologies, when each was last revised, and the answers to apologies we know."""
    ap = t["apology"]
    ap_updated = dict(zip(ap["id"], ap["updated"], strict=True))
    allr = t["apology_response"]
    known = allr[allr["apology_id"].isin(ap_updated)]
    return ap, ap_updated, known


@register("apology_not_heard")
def apology_not_heard(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """Apologies not taken up: answered "not heard", and no new version followed."""
    found: list[Finding] = []
    _, ap_updated, known = _answers(t)
    if len(known):
        revised = known["apology_id"].map(ap_updated).astype("float64") > known["created"]
        unmet = known[~known["felt_heard"].astype(bool) & ~revised]
    else:
        unmet = known
    r = _rule("apology_not_heard")
    recent_unmet = _in_window(unmet, tday, r["days"])
    for p in partners:
        mine = recent_unmet[recent_unmet["author"] == p]
        if mine["apology_id"].nunique() >= r["count"]:
            ids = [*mine["id"], *mine["apology_id"].unique()]
            found.append(
                Finding(
                    "apology_not_heard",
                    fmt(
                        S.REASONS["apology_not_heard"],
                        name=p,
                        n=mine["apology_id"].nunique(),
                        weeks=r["days"] // 7,
                    ),
                    ids,
                    p,
                )
            )
    return found


@register("apology_unanswered")
def apology_unanswered(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """Responsibility not taken up for weeks after an answer said something was missing."""
    found: list[Finding] = []
    ap, ap_updated, known = _answers(t)
    ap_author = dict(zip(ap["id"], ap["author"], strict=True))
    r = _rule("apology_unanswered")
    if len(known):
        latest = known.sort_values("created", kind="stable").groupby("apology_id").tail(1)
        latest = latest[~latest["felt_heard"].astype(bool)]
        latest = latest[latest["apology_id"].map(ap_updated).astype("float64") <= latest["created"]]
        age = tday - latest["day"]
        latest = latest[(age >= r["days"]) & (age <= r["max_days"])]
        for row in latest.itertuples(index=False):
            # a newer apology from the same partner since then also answers it
            author = ap_author[row.apology_id]
            newer = ap[(ap["author"] == author) & (ap["updated"] > row.created)]
            if len(newer):
                continue
            found.append(
                Finding(
                    "apology_unanswered",
                    fmt(S.REASONS["apology_unanswered"], days=tday - row.day, name=row.author),
                    [row.id, row.apology_id],
                    str(row.author),
                )
            )
    return found


# --------------------------------------------------------------------------------------------
# forgiveness rushed, avoidance, ease off
# --------------------------------------------------------------------------------------------


@register("forgiveness")
def forgiveness(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """A leaning-to-forgive reflection while felt safety is low."""
    found: list[Finding] = []
    r = _rule("forgiveness")
    ck = t["checkin"]
    fr = _in_window(t["forgiveness_reflection"], tday, r["recent_days"])
    fr = fr[fr["readiness"] >= r["min_readiness"]]
    for p in partners:
        mine = fr[fr["author"] == p]
        for row in mine.iloc[::-1].itertuples(index=False):
            before = ck[
                (ck["author"] == p)
                & (ck["day"] <= row.day)
                & (ck["day"] > row.day - r["lookback_days"])
            ]
            if len(before) and before["safety"].mean() <= r["safety_max"]:
                found.append(
                    Finding(
                        "forgiveness",
                        fmt(
                            S.REASONS["forgiveness"],
                            day=day_text(to_date(row.day)),
                            readiness=row.readiness,
                            safety=f"{before['safety'].mean():.1f}",
                        ),
                        [row.id, *before["id"]],
                        p,
                    )
                )
                break
    return found


@register("avoidance")
def avoidance(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """No check-in for a week."""
    found: list[Finding] = []
    r = _rule("avoidance")
    ck = t["checkin"]
    if not len(ck):
        return found
    last = ck.groupby("author")["day"].max()
    quiet = [p for p in partners if p in last.index and tday - int(last[p]) >= r["days"]]
    if len(quiet) == len(partners) or (len(quiet) and len(last) < len(partners)):
        d = int(last.max())
        ids = list(ck.loc[ck["day"] == d, "id"])
        found.append(
            Finding(
                "avoidance",
                fmt(S.REASONS["avoidance_both"], day=day_text(to_date(d)), days=tday - d),
                ids,
            )
        )
    else:
        for p in quiet:
            d = int(last[p])
            ids = list(ck.loc[(ck["author"] == p) & (ck["day"] == d), "id"])
            found.append(
                Finding(
                    "avoidance",
                    fmt(
                        S.REASONS["avoidance"],
                        name=p,
                        day=day_text(to_date(d)),
                        days=tday - d,
                    ),
                    ids,
                    p,
                )
            )
    return found


@register("ease_off")
def ease_off(t: Tables, partners: Sequence[str], tday: int) -> list[Finding]:
    """Several steady weeks."""
    r = _rule("ease_off")
    ck = t["checkin"]
    n = int(r["weeks"])
    this_week = monday(tday)
    want = np.arange(this_week - 7 * n, this_week, 7)
    recent = ck[ck["week"].isin(want)]
    if not len(recent):
        return []
    g = recent.groupby(["week", "author"]).agg(
        n=("day", "count"), trust=("trust", "mean"), safety=("safety", "mean")
    )
    full = pd.MultiIndex.from_product([want, list(partners)], names=["week", "author"])
    g = g.reindex(full)
    steady = (
        (g["n"] >= r["min_checkin_days"])
        & (g["trust"] >= r["trust_min"])
        & (g["safety"] >= r["safety_min"])
    ).all()
    args = recent.groupby(["week", "day"])["same_argument"].any().groupby("week").sum()
    tr_recent = t["trigger"][t["trigger"]["week"].isin(want)]
    calm = (args <= r["max_argument_days"]).all() and not (
        tr_recent["intensity"] > r["max_trigger_intensity"]
    ).any()
    if not (steady and calm):
        return []
    return [
        Finding(
            "ease_off",
            fmt(S.REASONS["ease_off"], weeks=n, level=int(r["trust_min"])),
            list(recent["id"]),
        )
    ]


# --------------------------------------------------------------------------------------------
# findings -> signals
# --------------------------------------------------------------------------------------------


def group(found: list[Finding], private_ids: set[str], owner: str | None) -> list[Signal]:
    """One signal per name (and per audience): shared findings for both, private ones for
    their author only."""
    buckets: dict[tuple[str, str], list[Finding]] = {}
    for f in found:
        name = str(S.RULES[f.rule]["signal"])
        audience = owner if (owner and any(i in private_ids for i in f.ids)) else "both"
        buckets.setdefault((name, audience), []).append(f)
    out = []
    for name in SIGNAL_NAMES:
        for audience in ("both", *([owner] if owner else [])):
            items = buckets.get((name, audience or "both"))
            if not items:
                continue
            ids: list[str] = []
            for f in items:
                ids.extend(i for i in f.ids if i not in ids)
            words = S.SIGNALS[name]
            reasons = [f.reason for f in items]
            private = audience != "both"
            out.append(
                Signal(
                    name=name,
                    title=words["title"],
                    text=words["text"],
                    reasons=reasons,
                    entry_ids=ids,
                    audience=str(audience),
                    private=private,
                    rules=[f.rule for f in items],
                    partners=sorted({f.partner for f in items if f.partner}),
                )
            )
    return out
