"""Benchmark: the wording coaches' quality on our labelled corpus, and their speed.

For each coach (I-statement, apology, agreement, transparency):

* precision and recall on the corpus by kind (``tests/coach_corpus/kinds``): on its held-out
  split (goal >= 0.9 both; written before the rules changed, never tuned on) and on its dev
  split (the one the rules are tuned on);
* precision and recall on the first corpus, ``tests/coach_corpus/<coach>.csv`` (goal >= 0.9
  both), and on its small held-out set ``holdout_<coach>.csv``;
* the same figures for a baseline measured in the same run: ``str.lower()`` and ``in`` over
  the plain phrases the brief names ("you always", "sorry you felt", "be more honest" …);
* throughput: texts checked per second by the coach, as a ratio to the baseline's, plus the
  coach's flags per second;
* one 1 MB text (the corpus repeated, with curly quotes), seconds for the coach and as a
  ratio to the baseline on the same text.

    python bench/coach_bench.py [--quick] [--kinds]

``--kinds`` also prints precision and recall per coach and per kind of sentence, on each split.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from repairbook.checkers import (
    COACHES,
    Example,
    Labelled,
    evaluate_corpus,
    evaluate_labelled,
    load_corpus,
    load_labelled,
)

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "coach_corpus"
KINDS = CORPUS / "kinds"
FILES = {
    "i-statement": "i_statement",
    "apology": "apology",
    "agreement": "agreement",
    "transparency": "transparency",
}

# The plain phrases a first attempt would scan for: the examples named in the issue.
BASELINE_PHRASES: dict[str, tuple[str, ...]] = {
    "i-statement": (
        "you always",
        "you never",
        "you make me",
        "every time you",
        "you don't care",
        "you are selfish",
        "you ruined",
        "yeah right",
        "oh great",
        "sure, whatever",
        "/s",
        "as if",
        "i feel that you",
    ),
    "apology": (
        "sorry you felt",
        "sorry if",
        "mistakes were made",
        "i'm sorry but",
        " but ",
        "if you hadn't",
        "you made me",
        "because you",
        "it was only",
        "it's not a big deal",
        "just a",
    ),
    "agreement": ("be more honest", "try harder", "communicate better"),
    "transparency": (
        "you must",
        "your password",
        "check your phone",
        "track your location",
        "forever",
        "always",
    ),
}


def _baseline(coach: str) -> Callable[[str], list[str]]:
    phrases = BASELINE_PHRASES[coach]

    def scan(text: str) -> list[str]:
        low = text.lower()
        return [p for p in phrases if p in low]

    return scan


def _baseline_score(coach: str, examples: Sequence[Example]) -> tuple[float, float]:
    scan = _baseline(coach)
    tp = fp = fn = 0
    for ex in examples:
        hit = bool(scan(ex.text))
        if ex.label == "good":
            fp += hit
        elif hit:
            tp += 1
        else:
            fn += 1
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def _timed(fn: Callable[[str], list], texts: Sequence[str], repeats: int) -> tuple[float, int]:
    best = float("inf")
    found = 0
    for _ in range(repeats):
        found = 0
        t = time.perf_counter()
        for text in texts:
            found += len(fn(text))
        best = min(best, time.perf_counter() - t)
    return best, found


def run(quick: bool = False) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    repeats = 2 if quick else 5
    copies = 2 if quick else 10
    size = 200_000 if quick else 1_000_000
    splits = {split: load_labelled(KINDS / split) for split in ("holdout", "dev")}
    for coach, stem in FILES.items():
        for split, labelled in splits.items():
            score = evaluate_labelled(coach, labelled)
            n = sum(1 for r in labelled if coach in r.flag)
            what = "held-out" if split == "holdout" else "dev (tuned on)"
            goal = ">= 0.9" if split == "holdout" else "report"
            for figure, value in (("precision", score.precision), ("recall", score.recall)):
                rows.append(
                    {
                        "benchmark": f"coach {coach}",
                        "figure": f"corpus by kind, {what} {figure} (n={n})",
                        "value": value,
                        "goal": goal,
                    }
                )
        examples = load_corpus(CORPUS / f"{stem}.csv")
        holdout = load_corpus(CORPUS / f"holdout_{stem}.csv")
        score = evaluate_corpus(coach, examples)
        held = evaluate_corpus(coach, holdout)
        base_p, base_r = _baseline_score(coach, examples)
        name = f"coach {coach}"
        rows += [
            {"benchmark": name, "figure": "precision", "value": score.precision, "goal": ">= 0.9"},
            {"benchmark": name, "figure": "recall", "value": score.recall, "goal": ">= 0.9"},
            {
                "benchmark": name,
                "figure": f"held-out precision (n={len(holdout)})",
                "value": held.precision,
                "goal": "report",
            },
            {
                "benchmark": name,
                "figure": f"held-out recall (n={len(holdout)})",
                "value": held.recall,
                "goal": "report",
            },
            {
                "benchmark": name,
                "figure": "baseline (lower + in) precision",
                "value": base_p,
                "goal": "report",
            },
            {
                "benchmark": name,
                "figure": "baseline (lower + in) recall",
                "value": base_r,
                "goal": "report",
            },
        ]
        texts = [ex.text for ex in examples] * copies
        coach_fn = COACHES[coach]
        t_coach, flags = _timed(coach_fn, texts, repeats)
        t_base, _ = _timed(_baseline(coach), texts, repeats)
        rows += [
            {
                "benchmark": name,
                "figure": "throughput vs lower + in baseline (texts/s ratio)",
                "value": t_base / t_coach,
                "goal": ">= 0.005x",
            },
            {
                "benchmark": name,
                "figure": "flags per second",
                "value": flags / t_coach,
                "goal": "report",
            },
        ]
        big = ("\n".join(ex.text for ex in examples).replace("'", "’") * 200)[:size]
        t_big, _ = _timed(coach_fn, [big], 1)
        t_big_base, _ = _timed(_baseline(coach), [big], 1)
        rows += [
            {
                "benchmark": name,
                "figure": f"{size // 1000} kB text, seconds",
                "value": t_big,
                "goal": "< 5 s",
            },
            {
                "benchmark": name,
                "figure": f"{size // 1000} kB text, coach / baseline time",
                "value": t_big / t_big_base,
                "goal": "report",
            },
        ]
    return rows


def _cell(coach: str, rows: Sequence[Labelled]) -> str:
    """ "P 0.96 · R 1.00 (caught 24 of 24, wrongly flagged 1 of 12)"; "-" where undefined."""
    if not rows:
        return "-"
    s = evaluate_labelled(coach, rows)
    bad = s.true_pos + s.false_neg
    good = len(rows) - bad
    p = f"{s.precision:.2f}" if s.true_pos + s.false_pos else "-"
    r = f"{s.recall:.2f}" if bad else "-"
    return f"P {p} · R {r} (caught {s.true_pos} of {bad}, wrongly flagged {s.false_pos} of {good})"


def per_kind() -> str:
    """A Markdown table: precision and recall per kind of sentence and coach, on each split."""
    lines = ["| kind | coach | held-out | dev (tuned on) |", "| --- | --- | --- | --- |"]
    splits = {split: load_labelled(KINDS / split) for split in ("holdout", "dev")}
    kinds = sorted({r.kind for rows in splits.values() for r in rows})
    for kind in kinds:
        for coach in FILES:
            cells = [
                _cell(coach, [r for r in splits[split] if r.kind == kind and coach in r.flag])
                for split in ("holdout", "dev")
            ]
            if cells != ["-", "-"]:
                lines.append(f"| {kind} | {coach} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['value']:>12.3f}  {row['benchmark']}: {row['figure']}  (goal {row['goal']})")
    if "--kinds" in sys.argv:
        print()
        print(per_kind())
