"""Analyses over a small synthetic cohort, the scrubber, and the researcher notebook."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repairbook.research import analysis as A
from repairbook.research import build_dataset, synth_cohort
from repairbook.research.scrub import scrub

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "researcher.ipynb"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("analysis")
    synth_cohort(30, 70, 11, root / "exports", progress=False)
    build_dataset([root / "exports"], root / "ds", cohort="c1", progress=False)
    return root / "ds"


def test_trajectories_rise_over_the_weeks_with_a_ci(dataset: Path) -> None:
    traj = A.weekly_trajectories(dataset)
    assert set(traj["outcome"]) == {"trust", "safety"}
    trust = traj[traj["outcome"] == "trust"].set_index("week")
    assert trust.loc[trust.index.max(), "mean"] > trust.loc[0, "mean"]  # synthetic arcs improve
    assert (trust["ci_low"] <= trust["mean"]).all() and (trust["mean"] <= trust["ci_high"]).all()
    assert trust["couples"].max() <= 30
    with pytest.raises(KeyError):
        A.weekly_trajectories(dataset, ("mood",))


def test_follow_through_recovery_and_tidy_frame(dataset: Path) -> None:
    pf = A.promise_follow_through(dataset)
    assert ((pf["mean"] >= 0) & (pf["mean"] <= 1)).all() and pf["due"].sum() > 0
    tr = A.trigger_recovery(dataset)
    assert tr["triggers"].sum() == len(A.load(dataset, "trigger"))
    tidy = A.tidy_frame(dataset, cohort="c1")
    assert list(tidy.columns[:4]) == ["cohort", "couple_id", "partner_id", "week"]
    assert tidy["couple_id"].nunique() == 30
    assert not tidy.duplicated(["couple_id", "partner_id", "week"]).any()
    assert tidy["checkins"].sum() == len(A.load(dataset, "checkin"))
    assert len(A.tidy_frame(dataset, cohort="nope")) == 0
    for fig in (
        A.plot_trajectories(A.weekly_trajectories(dataset)),
        A.plot_follow_through(pf),
        A.plot_trigger_recovery(tr),
    ):
        assert A.figure_png(fig).startswith(b"\x89PNG")


def test_not_a_dataset_says_so(tmp_path: Path) -> None:
    from repairbook.research import DatasetError

    with pytest.raises(DatasetError, match="already holds other files|Pick an empty folder"):
        A.summary(tmp_path)


def test_researcher_notebook_runs_on_a_synthetic_cohort(dataset: Path) -> None:
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:  # committed without outputs
        assert not cell.get("outputs") and not cell.get("execution_count")
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    params[0].source = f"dataset = {str(dataset)!r}\ncohort = None"
    NotebookClient(nb, timeout=180, kernel_name="python3").execute()
    text = "\n".join(
        str(o.get("data", {}).get("text/plain", "")) for c in nb.cells for o in c.get("outputs", [])
    )
    assert "couple_id" in text and "c1" in text
    streams = "\n".join(str(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "Cohort c1: synthetic data, 30 couples" in streams  # the notebook names its cohort
    assert "MixedLM" in streams and "couple_id Var" in streams and "partner Var" in streams
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 3


# -- the scrubber -------------------------------------------------------------------------


def test_scrub_replaces_contacts_names_places_dates_and_numbers() -> None:
    text = (
        "Last Tuesday Robin saw Alex's messages to jo@example.com and called +1 (555) 123-4567 "
        "from Lake Garda. Then we read www.help.org/page, met at 9:30pm on 2024-03-12 "
        "(12 March) in London and talked for 3 hours."
    )
    out = scrub(text, ["Alex", "Sam"])
    for gone in (
        "Robin",
        "Alex",
        "jo@",
        "555",
        "Garda",
        "help.org",
        "9:30",
        "2024",
        "March",
        "London",
        "3 hours",
        "Tuesday",
    ):
        assert gone not in out, gone
    for kept in ("saw", "messages", "talked for"):
        assert kept in out
    assert out.startswith("Last [DATE] [NAME] saw [NAME] messages to [EMAIL]")
    assert scrub("", ["A"]) == ""


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", categories=["L", "Zs", "P"]), max_size=40),
    st.sampled_from(
        [
            "ann.lee@mail.example",
            "+49 30 1234 5678",
            "https://x.example/a?b=c",
            "2031-07-14",
            "Quillonbert",
            "QUILLONBERT's",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", categories=["L", "Zs", "P"]), max_size=40),
)
def test_scrub_never_lets_a_known_secret_through(before: str, secret: str, after: str) -> None:
    out = scrub(f"{before} {secret} {after}", ["Quillonbert", "Marisadora"])
    core = secret.strip("'s").lower()
    assert core not in out.lower()
