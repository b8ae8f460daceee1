"""Every notebook under notebooks/ executes with nbclient against temporary data, and every
committed notebook is thin and has no outputs.

One kernel runs all the notebooks in turn (its namespace is reset before each, the way a
fresh kernel starts empty), which keeps the suite fast; the app notebook also runs once in
a kernel of its own, as Voilà runs it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from repairbook.content import shared as S
from repairbook.content.modules import MODULES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

ALL = sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
MODULE_NOTEBOOKS = sorted((NOTEBOOKS / "modules").glob("*.ipynb"))


def _rel(p: Path) -> str:
    return str(p.relative_to(NOTEBOOKS))


# -- what is committed ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL, ids=_rel)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{_rel(path)} has outputs: strip them before committing"
            assert cell.execution_count is None, f"{_rel(path)} has execution counts"
    assert "widgets" not in nb.metadata, f"{_rel(path)} carries saved widget state"


def test_app_notebook_is_the_served_source() -> None:
    from repairbook.serve import APP_SOURCE

    nb = nbformat.read(NOTEBOOKS / "app.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code == [APP_SOURCE]


def test_module_notebooks_are_what_the_generator_writes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_nb", NOTEBOOKS / "make_module_notebooks.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert [p.name for p in MODULE_NOTEBOOKS] == [gen.filename(n) for n in range(16)]
    for n, path in enumerate(MODULE_NOTEBOOKS):
        assert path.read_text(encoding="utf-8") == gen.render(n), (
            f"{path.name} differs: run python notebooks/make_module_notebooks.py"
        )


@pytest.mark.parametrize("path", MODULE_NOTEBOOKS, ids=lambda p: p.name)
def test_module_notebook_is_thin(path: Path) -> None:
    n = int(path.name[:2])
    nb = nbformat.read(path, as_version=4)
    title, params, page = nb.cells
    assert title.cell_type == "markdown" and MODULES[n].title in title.source
    assert params.metadata.get("tags") == ["parameters"]
    ns: dict[str, Any] = {}
    exec(params.source, ns)  # noqa: S102 - our own committed two-line parameters cell
    assert ns["workbook"] is None and ns["partner"] is None
    assert ns["couple"] is None and ns["workshop"] is None
    assert len(page.source.splitlines()) == 2
    call = (
        "rb.app(workbook, couple=couple, workshop=workshop)"
        if n == 0
        else f"rb.module({n}, workbook, partner=partner, couple=couple, workshop=workshop)"
    )
    assert page.source == f"import repairbook.ui as rb\n{call}"


# -- executing them --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A lived-in workbook, a workshop with one couple, and (when the researcher notebook
    is here) a small research dataset."""
    from repairbook.demo import make_demo

    root = tmp_path_factory.mktemp("nbdata")
    out = {"root": root, "workbook": root / "demo"}
    make_demo(out["workbook"], days=30, seed=3).close()
    if (NOTEBOOKS / "facilitator.ipynb").exists():
        from repairbook.workshop.roster import Workshop

        ws, _key = Workshop.create(root / "workshop", "Spring group")
        ws.add_couple("c1", ["Robin", "Kai"])
        out["workshop"] = root / "workshop"
    if (NOTEBOOKS / "researcher.ipynb").exists():
        from repairbook.research import build_dataset, synth_cohort

        synth_cohort(4, 35, 5, root / "exports", progress=False)
        build_dataset([root / "exports"], root / "dataset", cohort="c1", progress=False)
        out["dataset"] = root / "dataset"
    return out


def _env(data: dict[str, Path]) -> dict[str, str]:
    env = {"REPAIRBOOK_WORKBOOK": str(data["workbook"]), "MPLBACKEND": "Agg"}
    if "workshop" in data:
        env["REPAIRBOOK_WORKSHOP"] = str(data["workshop"])
    return env


def _client(nb: nbformat.NotebookNode, cwd: Path) -> Any:
    from nbclient import NotebookClient

    return NotebookClient(
        nb, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(cwd)}}
    )


@pytest.fixture(scope="module")
def kernel(data: dict[str, Path]) -> Iterator[Any]:
    """One running kernel, started with the notebooks' environment variables."""
    with pytest.MonkeyPatch.context() as mp:
        for k, v in _env(data).items():
            mp.setenv(k, v)
        client = _client(nbformat.v4.new_notebook(), data["root"])
        with client.setup_kernel():
            yield client


def _inject(nb: nbformat.NotebookNode, params: dict[str, Any]) -> None:
    """Papermill's way: a cell after the ``parameters`` cell that sets the values."""
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    cell = nbformat.v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in params.items()))
    cell.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(at + 1, cell)


def run(client: Any, path: Path, params: dict[str, Any] | None = None) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` in the shared kernel; a cell that raises fails."""
    nb = nbformat.read(path, as_version=4)
    if params:
        _inject(nb, params)
    client.nb = nb
    client.reset_execution_trackers()
    client.execute_cell(nbformat.v4.new_code_cell("%reset -f"), 0)
    for i, cell in enumerate(nb.cells):
        client.execute_cell(cell, i)
    client.set_widgets_metadata()
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def widget_state_text(nb: nbformat.NotebookNode) -> str:
    return json.dumps(nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}), ensure_ascii=False)


def switch_value(nb: nbformat.NotebookNode) -> str:
    """Who the page is for: the partner switch's selected label in the widget state."""
    models = nb.metadata["widgets"][WIDGET_STATE]["state"].values()
    for m in models:
        st = m["state"]
        if "rb-partner-switch" in st.get("_dom_classes", []):
            return str(st["_options_labels"][st["index"]])
    raise AssertionError("no partner switch in the widget state")


def stderr(nb: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in outputs(nb) if o.get("name") == "stderr")


def assert_shows_app(nb: nbformat.NotebookNode) -> str:
    """The notebook displayed a widget view; returns its widget state as text."""
    views = [o for o in outputs(nb) if WIDGET_VIEW in o.get("data", {})]
    assert views, "no widget view in the outputs"
    state = widget_state_text(nb)
    model = views[-1]["data"][WIDGET_VIEW]["model_id"]
    assert model in state  # the displayed widget's state went along with it
    assert S.FRIENDLY_ERROR not in state
    assert "Traceback" not in stderr(nb) and "failed" not in stderr(nb)
    return state


def test_app_notebook_runs_in_a_fresh_kernel(
    data: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As Voilà runs it: a kernel of its own, the workbook from $REPAIRBOOK_WORKBOOK."""
    for k, v in _env(data).items():
        monkeypatch.setenv(k, v)
    nb = nbformat.read(NOTEBOOKS / "app.ipynb", as_version=4)
    _client(nb, data["root"]).execute()
    state = assert_shows_app(nb)
    assert "Alex &amp; Sam" in state or "Alex & Sam" in state
    assert "rb-app" in state


@pytest.mark.parametrize("path", MODULE_NOTEBOOKS, ids=lambda p: p.name)
def test_module_notebook_runs(kernel: Any, data: dict[str, Path], path: Path) -> None:
    n = int(path.name[:2])
    partner = "Sam" if n % 2 else "Alex"
    nb = run(kernel, path, {"workbook": str(data["workbook"]), "partner": partner})
    state = assert_shows_app(nb)
    if n == 0:
        assert "rb-app" in state
    else:
        assert f"{n}. {MODULES[n].title}" in state
        assert "rb-page-module" in state
        assert switch_value(nb) == partner  # the page is for the partner asked for


def test_module_notebook_runs_with_its_own_defaults(kernel: Any, data: dict[str, Path]) -> None:
    """Parameters left as committed: the workbook comes from $REPAIRBOOK_WORKBOOK and the
    page is for the first partner."""
    nb = run(kernel, NOTEBOOKS / "modules" / "06_promises.ipynb")
    state = assert_shows_app(nb)
    assert f"6. {MODULES[6].title}" in state
    assert switch_value(nb) == "Alex"


def test_other_notebooks_run(kernel: Any, data: dict[str, Path]) -> None:
    """The facilitator's and the researcher's notebooks, with their parameters set."""
    ran = []
    if (NOTEBOOKS / "facilitator.ipynb").exists():
        nb = run(
            kernel,
            NOTEBOOKS / "facilitator.ipynb",
            {"workshop": str(data["workshop"]), "couple": "c1"},
        )
        assert "Spring group" in json.dumps([o for o in outputs(nb)])
        ran.append("facilitator")
    if (NOTEBOOKS / "researcher.ipynb").exists():
        nb = run(
            kernel,
            NOTEBOOKS / "researcher.ipynb",
            {"dataset": str(data["dataset"]), "cohort": None},
        )
        assert any("image/png" in o.get("data", {}) for o in outputs(nb))
        ran.append("researcher")
    known = {"app.ipynb", "facilitator.ipynb", "researcher.ipynb"}
    others = [p for p in NOTEBOOKS.glob("*.ipynb") if p.name not in known]
    for p in others:  # a notebook added later still has to run (with the env vars above)
        run(kernel, p)
    assert ran or not (NOTEBOOKS / "researcher.ipynb").exists()
