"""A page's kernel imports only what the page being shown needs.

Run in a fresh interpreter, as a page's kernel would: the app notebook's two lines with the
request's query string in the environment, then Today for the first partner. Neither the
Jupyter server (that ``voila.utils`` pulls in: seconds and tens of megabytes per page) nor
the libraries that only a chart, a PDF, a calendar or an export needs may load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from repairbook.demo import make_demo

HEAVY = (
    "voila",
    "jupyter_server",
    "jsonschema",
    "pandas",
    "matplotlib",
    "pyarrow",
    "duckdb",
    "fpdf",
    "icalendar",
    "statsmodels",
)

PAGE = """
import json, sys
import repairbook.ui as rb
app = rb.app()
app.use_as(app.session.partners[0])
assert app.current[0] == "today", app.current
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_today_loads_none_of_the_heavy_libraries(tmp_path: Path) -> None:
    make_demo(tmp_path / "wb", days=60).close()
    env = {
        **os.environ,
        "REPAIRBOOK_WORKBOOK": str(tmp_path / "wb"),
        "QUERY_STRING": "token=abc",
        "MPLBACKEND": "Agg",
    }
    out = subprocess.run(
        [sys.executable, "-c", PAGE], capture_output=True, text=True, env=env, check=True
    )
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "ipywidgets" in loaded and "repairbook" in loaded  # it did build the page
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
