"""Ritual streaks: current and longest, counted in days or weeks, never "broken"."""

from __future__ import annotations

import numpy as np
import pandas as pd

from repairbook.progress.tables import monday, to_date

STREAK_RITUALS = {"care_act": "day", "repair_checkin": "week", "fun_date": "week"}


def runs(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(run start unit, run length) for sorted unique integer units."""
    if not len(units):
        return np.array([], dtype="int64"), np.array([], dtype="int64")
    breaks = np.flatnonzero(np.diff(units) != 1) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(units)]])
    return units[starts], ends - starts


def ritual_streaks(rt: pd.DataFrame, tday: int) -> pd.DataFrame:
    """Current and longest streak per ritual. A streak is still current if it was kept
    in the present unit or the one before (today is not over yet)."""
    rows = []
    for ritual, cadence in STREAK_RITUALS.items():
        days = np.unique(rt.loc[rt["ritual"] == ritual, "day"].to_numpy(dtype="int64"))
        if cadence == "day":
            units, now = days, tday
        else:
            units, now = np.unique(monday(days) // 7), monday(tday) // 7
        _, lengths = runs(units)
        best = int(lengths.max()) if len(lengths) else 0
        current = int(lengths[-1]) if len(units) and units[-1] >= now - 1 else 0
        rows.append(
            {
                "ritual": ritual,
                "cadence": cadence,
                "current": current,
                "best": best,
                "total": int(len(units)),
                "last": to_date(days[-1]) if len(days) else None,
            }
        )
    return pd.DataFrame(rows, columns=["ritual", "cadence", "current", "best", "total", "last"])
