"""The app's pages keep their layers: no import circle inside ``repairbook.ui``, and no
page reaches past the couple service into the store or builds entries itself.

Imports are read from the source (every ``import`` anywhere in a file, also inside
functions), so an import made late to dodge a circle still counts.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

import repairbook.ui

UI = Path(repairbook.ui.__file__).parent
#: what the pages may not touch: the store is the service's, and so is building entries
FORBIDDEN_MODULES = ("repairbook.store",)
FORBIDDEN_NAMES = ("make_entry",)
#: the session's store object, reached as an attribute of the service
FORBIDDEN_ATTRIBUTES = ("wb", "workbook")


def _module_name(path: Path) -> str:
    rel = path.relative_to(UI.parent.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def ui_sources() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text("utf-8")) for p in sorted(UI.rglob("*.py"))}


def imports(tree: ast.Module, here: str, known: set[str]) -> set[str]:
    """Every module ``tree`` imports (``from package import module`` is that module,
    not the package's own names)."""
    out: set[str] = set()
    package = here if here == "repairbook.ui" else here.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package this file is in
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            subs = {f"{base}.{a.name}" for a in node.names} & known
            out.update(subs)
            if len(subs) < len(node.names):  # names from the module itself, not submodules
                out.add(base)
    return out


def ui_graph() -> dict[str, set[str]]:
    sources = ui_sources()
    known = set(sources)
    return {name: imports(tree, name, known) & known for name, tree in sources.items()}


def test_the_scan_sees_the_pages_imports() -> None:
    """The scan itself works: it finds imports made at the top and inside functions."""
    graph = ui_graph()
    assert "repairbook.ui.page" in graph["repairbook.ui.today"]
    assert "repairbook.ui.today" in graph["repairbook.ui.shell"]  # imported inside a method
    assert "repairbook.ui.widgets" in graph["repairbook.ui.parts.privacy"]


def test_no_import_circle_inside_the_ui() -> None:
    graph = ui_graph()
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as err:
        pytest.fail(f"import circle in repairbook.ui: {' -> '.join(err.args[1])}")
    assert set(order) == set(graph)


def test_a_circle_is_caught() -> None:
    """The check above fails on a circle (two made-up modules importing each other)."""
    a = ast.parse("from repairbook.ui.b import x")
    b = ast.parse("def f():\n    import repairbook.ui.a\n")
    known = {"repairbook.ui.a", "repairbook.ui.b"}
    graph = {
        "repairbook.ui.a": imports(a, "repairbook.ui.a", known) & known,
        "repairbook.ui.b": imports(b, "repairbook.ui.b", known) & known,
    }
    with pytest.raises(graphlib.CycleError):
        list(graphlib.TopologicalSorter(graph).static_order())


def test_pages_reach_the_store_only_through_the_couple_service() -> None:
    offenders: list[str] = []
    for name, tree in ui_sources().items():
        for node in ast.walk(tree):
            line = getattr(node, "lineno", 0)
            if isinstance(node, ast.Import | ast.ImportFrom):
                mods = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                names = [a.name for a in node.names] if isinstance(node, ast.ImportFrom) else []
                if isinstance(node, ast.ImportFrom) and node.module == "repairbook":
                    mods += [f"repairbook.{n}" for n in names]
                for m in mods:
                    if any(m == f or m.startswith(f + ".") for f in FORBIDDEN_MODULES):
                        offenders.append(f"{name}:{line} imports {m}")
                offenders += [f"{name}:{line} imports {n}" for n in names if n in FORBIDDEN_NAMES]
            elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
                offenders.append(f"{name}:{line} uses {node.id}")
            elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES:
                offenders.append(f"{name}:{line} uses .{node.attr}")
            elif (
                isinstance(node, ast.Attribute)
                and node.attr in FORBIDDEN_ATTRIBUTES
                and isinstance(node.value, ast.Name | ast.Attribute)
                and (getattr(node.value, "id", "") or getattr(node.value, "attr", "")) == "session"
            ):
                offenders.append(f"{name}:{line} reaches session.{node.attr}")
    assert offenders == []


def test_the_shell_gives_pages_all_they_may_ask_for(tmp_path: Path) -> None:
    """Pages know the shell only as ``page.Host``; the real shell has every part of it."""
    from repairbook.ui.page import Host
    from tests.ui_helpers import make_workbook, start_app

    app = start_app(make_workbook(tmp_path / "wb"))
    wanted = set(Host.__annotations__) | {
        n for n, v in vars(Host).items() if callable(v) and not n.startswith("_")
    }
    assert {"session", "show", "take_draft", "quick_exit"} <= wanted
    assert sorted(n for n in wanted if not hasattr(app, n)) == []
