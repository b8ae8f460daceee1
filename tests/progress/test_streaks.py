"""Ritual streaks: current and longest, in gentle words."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from tests.progress.helpers import TODAY, report, ritual


def test_streaks_current_and_best_in_gentle_words():
    care = [ritual("care_act", TODAY - timedelta(days=i)) for i in range(1, 4)]  # 3 to yesterday
    care += [ritual("care_act", TODAY - timedelta(days=20 + i)) for i in range(5)]  # best 5
    weekly = [ritual("repair_checkin", TODAY - timedelta(days=7 * i)) for i in range(4)]
    fun = [ritual("fun_date", TODAY - timedelta(days=35))]
    rep = report(care + weekly + fun)
    s = rep.streaks.set_index("ritual")
    assert (s.loc["care_act", "current"], s.loc["care_act", "best"]) == (3, 5)
    assert (s.loc["repair_checkin", "current"], s.loc["repair_checkin", "best"]) == (4, 4)
    assert (s.loc["fun_date", "current"], s.loc["fun_date", "best"]) == (0, 1)
    text = rep.summaries["rituals"]
    assert "Daily act of care 3 days (longest 5)" in text
    assert "broke" not in text.lower() and "lost" not in text.lower()
    wk = rep.frames["rituals"]
    one = wk[
        (wk["ritual"] == "repair_checkin") & (wk["week"] == pd.Timestamp(TODAY - timedelta(days=2)))
    ]
    assert one["count"].iloc[0] == 1
