"""Where the workbook lives when nobody says: --workbook, REPAIRBOOK_WORKBOOK, or a
per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_WORKBOOK = "REPAIRBOOK_WORKBOOK"


def default_workbook() -> Path:
    return Path(platformdirs.user_data_dir("repairbook", appauthor=False)) / "workbook"


def resolve_workbook(path: str | os.PathLike[str] | None = None) -> Path:
    if path:
        return Path(path).expanduser()
    env = os.environ.get(ENV_WORKBOOK)
    if env:
        return Path(env).expanduser()
    return default_workbook()
