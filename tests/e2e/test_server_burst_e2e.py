"""A room that loads: a burst of page loads at the same moment, every one showing its own
couple's names. (With Voilà's preheated kernels, 11 such loads left pages blank; the
servers no longer preheat. bench/room_bench.py measures 30.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from repairbook.serve import free_port
from tests.e2e.conftest import launch
from tests.e2e.room_burst import burst, make_room

pytestmark = pytest.mark.e2e

LOADS = 12


def test_a_burst_of_page_loads_all_render(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    root, links = make_room(tmp_path, couples=4)
    port = free_port()
    srv = launch(["workshop", "serve", str(root), "--port", str(port)], tmp_path)
    try:
        assert srv.proc.poll() is None, srv.log.read_text()
        base = f"http://127.0.0.1:{port}/"
        result = burst(browser, base, links, LOADS)
        assert result.failed == [], result.failed
        assert len(result.rendered) == LOADS
    finally:
        srv.kill()
