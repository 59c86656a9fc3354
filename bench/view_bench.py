"""Time to the explorer's first drawn frame in headless Chromium.

The page comes from :func:`kg.explorer.build_view` on a synthetic network
(:func:`bench.report_bench.synthetic`) of ``n`` entities; the explorer sets
``window.kgFirstDraw`` (``performance.now()``, milliseconds since navigation)
on the first frame drawn after the layout has stabilised. Chromium is driven
by the tests' DevTools driver (tests/browser.py) with networking shut off.
Run: ``python -m bench.view_bench 2000`` (one JSON line a size).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bench.report_bench import synthetic
from kg.explorer import build_view
from kg.projection import Projection
from tests.browser import chromium


def measure(n: int) -> dict[str, float]:
    result = build_view(Projection(graph=synthetic(n)), top=n)
    with tempfile.TemporaryDirectory(prefix="kg-view-bench-") as tmp:
        page_file = Path(tmp) / "view.html"
        page_file.write_text(result.html, encoding="utf-8")
        with chromium() as page:
            page.call("Page.navigate", url=page_file.as_uri())
            first_draw = float(page.wait_for("window.kgFirstDraw", timeout=300))
    return {
        "n": result.nodes,
        "edges": result.edges,
        "first_draw_ms": first_draw,
        "html_bytes": len(result.html.encode("utf-8")),
    }


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(json.dumps(measure(int(arg))), flush=True)
