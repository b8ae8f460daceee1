"""The notebooks and the hub configuration, as shipped with the package.

In a wheel they sit inside the package (``repairbook/_shipped/``, put there by
``[tool.hatch.build.targets.wheel.force-include]``); in a source checkout (an editable
install) they are read from the repository's ``notebooks/`` and ``deploy/`` folders.
``repairbook notebooks --out DIR`` writes them out with :func:`write_shipped`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: what is shipped, relative to the shipped root
PATTERNS = ("notebooks/*.ipynb", "notebooks/modules/*.ipynb", "notebooks/README.md")
HUB_CONFIG = "deploy/jupyterhub_config.py"


def shipped_root() -> Path:
    """The folder holding ``notebooks/`` and ``deploy/`` for this installation."""
    inside = Path(__file__).resolve().parent / "_shipped"
    if (inside / "notebooks").is_dir():
        return inside
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "notebooks").is_dir() and (checkout / HUB_CONFIG).is_file():
        return checkout
    raise FileNotFoundError("The notebooks are missing from this installation of repairbook.")


def shipped_files() -> list[Path]:
    """Every shipped file, relative to :func:`shipped_root`, in a stable order."""
    root = shipped_root()
    found = {p.relative_to(root) for pattern in PATTERNS for p in root.glob(pattern)}
    found.add(Path(HUB_CONFIG))
    return sorted(found)


def write_shipped(out: str | os.PathLike[str], *, force: bool = False) -> list[Path]:
    """Copy the notebooks and the hub configuration into ``out``; returns the files written.
    Refuses (FileExistsError) to replace a file unless ``force``."""
    root, out = shipped_root(), Path(out)
    files = shipped_files()
    if not force:
        for rel in files:
            if (out / rel).exists():
                raise FileExistsError(0, "exists", str(out / rel))
    written = []
    for rel in files:
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, dest)
        written.append(dest)
    return written


__all__ = ["HUB_CONFIG", "shipped_files", "shipped_root", "write_shipped"]
