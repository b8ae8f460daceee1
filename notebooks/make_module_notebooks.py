"""Write the sixteen module notebooks in notebooks/modules/ from the package, so they stay
thin and alike: a title, a papermill ``parameters`` cell, and one call into repairbook.ui.

Run it after a module's title changes (``python notebooks/make_module_notebooks.py``);
tests/test_notebooks.py fails when the committed notebooks differ from what it writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from repairbook.content.modules import MODULES
from repairbook.ui.journey import MODULE_FILES

HERE = Path(__file__).resolve().parent
OUT = HERE / "modules"

WORKBOOK = "workbook = None  # a workbook folder; None uses $REPAIRBOOK_WORKBOOK (or the default)"
PARTNER = 'partner = None  # who uses the page, e.g. "Sam"; None is the first partner'
PARTNER_WELCOME = "partner = None  # not used here: the welcome asks each partner in turn"
COUPLE = (
    'couple = None  # a couple\'s label in a workshop, e.g. "Room 2, table 3" (instead of workbook)\n'
    "workshop = None  # the workshop folder; None uses $REPAIRBOOK_WORKSHOP"
)


def filename(number: int) -> str:
    """``00_welcome.ipynb``, ``02_conversation.ipynb``, ...: the slug of the module's page."""
    slug = "welcome" if number == 0 else MODULE_FILES[number].split("_", 1)[1]
    return f"{number:02d}_{slug}.ipynb"


def call(number: int) -> str:
    if number == 0:
        # welcome & safety is the first run of the whole app, for each partner in turn
        return "import repairbook.ui as rb\nrb.app(workbook, couple=couple, workshop=workshop)"
    return (
        "import repairbook.ui as rb\n"
        f"rb.module({number}, workbook, partner=partner, couple=couple, workshop=workshop)"
    )


def notebook(number: int) -> nbformat.NotebookNode:
    text = MODULES[number]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    title = nbformat.v4.new_markdown_cell(f"# {number}. {text.title}\n\n{text.purpose}")
    params = nbformat.v4.new_code_cell(
        WORKBOOK + "\n" + (PARTNER_WELCOME if number == 0 else PARTNER) + "\n" + COUPLE
    )
    params.metadata["tags"] = ["parameters"]
    page = nbformat.v4.new_code_cell(call(number))
    # stable cell ids, so writing again changes nothing
    for i, cell in enumerate((title, params, page)):
        cell["id"] = f"m{number:02d}-{('title', 'parameters', 'page')[i]}"
    nb.cells = [title, params, page]
    return nb


def render(number: int) -> str:
    return nbformat.writes(notebook(number)) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write every module notebook; ``--check`` only reports the ones that differ."""
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    OUT.mkdir(exist_ok=True)
    stale = []
    for n in sorted(MODULES):
        target = OUT / filename(n)
        text = render(n)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target.name)
        if not check:
            target.write_text(text, encoding="utf-8")
    if check and stale:
        print("out of date: " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
