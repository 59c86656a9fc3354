"""Time to the explorer's first drawn frame in headless Chromium.

The page comes from :func:`kg.explorer.build_view` with its default cap
(:data:`kg.explorer.MAX_NODES`) on a synthetic network
(:func:`bench.report_bench.synthetic`) of ``n`` entities. The explorer sets
``window.kgFirstDraw`` (``performance.now()``, milliseconds since navigation
started, so parsing the page counts) on its first drawn frame, and
``window.kgStabilizedAt`` when the physics run after it has stopped. Each
load is in a fresh Chromium driven by the tests' DevTools driver
(tests/browser.py) with networking shut off.
Run: ``python -m bench.view_bench 200 2000`` (one JSON line a size);
``make bench`` runs it through ``bench/run.py`` (``--only view``).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.report_bench import synthetic
from kg.explorer import MAX_NODES, build_view
from kg.projection import Projection
from tests.browser import CHROMIUM, chromium

TARGET_MS = 5000  # issue 5: first render under 5 s for 2,000 nodes
WAIT_S = 60  # a load that draws nothing in this time counts as a miss


def load_once(page_file: Path) -> tuple[float | None, float | None]:
    """(first frame, physics stopped) in ms since navigation; None where it did not happen."""
    with chromium() as page:
        page.call("Page.navigate", url=page_file.as_uri())
        try:
            first = float(page.wait_for("window.kgFirstDraw", timeout=WAIT_S))
        except TimeoutError:
            return None, None
        try:
            stopped = float(page.wait_for("window.kgStabilizedAt", timeout=WAIT_S))
        except TimeoutError:
            return first, None
    return first, stopped


def measure(n: int, runs: int = 3) -> dict[str, Any]:
    graph = synthetic(n)
    t = time.perf_counter()
    result = build_view(Projection(graph=graph))
    build_s = time.perf_counter() - t
    loads = []
    with tempfile.TemporaryDirectory(prefix="kg-view-bench-") as tmp:
        page_file = Path(tmp) / "view.html"
        page_file.write_text(result.html, encoding="utf-8")
        for _ in range(runs):
            loads.append(load_once(page_file))
    firsts = [f for f, _ in loads]
    stops = [s for _, s in loads]
    return {
        "n": n,
        "shown": result.nodes,
        "edges": result.edges,
        "message": result.message,
        "html_bytes": len(result.html.encode("utf-8")),
        "build_s": build_s,
        "first_draw_ms": firsts,
        "stopped_ms": stops,
    }


def browser_version() -> str:
    if CHROMIUM is None:
        return "no Chromium"
    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip() or "Chromium, version unknown"


def _ms(values: list[float | None]) -> str:
    if any(v is None for v in values):
        return f">{WAIT_S} s in {sum(v is None for v in values)} of {len(values)}"
    done = [v for v in values if v is not None]
    return f"{statistics.median(done):,.0f} (max {max(done):,.0f})"


def markdown(rows: list[dict[str, Any]]) -> list[str]:
    """The "Explorer first render" section of bench/RESULTS.md."""
    runs = max((len(r["first_draw_ms"]) for r in rows), default=0)
    lines = [
        "## Explorer first render",
        "",
        "Written by `python -m bench.run --only view` (`bench/view_bench.py`): `kg view`'s page",
        f"(`kg.explorer.build_view`, default cap {MAX_NODES:,} entities) for synthetic networks",
        "(`bench/report_bench.py`'s generator, 3 ties an entity, seed 42), loaded in a fresh",
        f"headless Chromium {runs} times a size, with no network ({browser_version()}).",
        "First frame: `performance.now()` at vis-network's first `afterDrawing`, counted from",
        "navigation start (parsing the page included); physics stopped: when the bounded",
        "physics run after the first frame ended.",
        "Milliseconds, median (max). Build: Python time for the page (centrality, top-N, layout).",
        f"Target (issue 5): first render under {TARGET_MS / 1000:g} s for 2,000 entities.",
        "",
        "| entities | drawn | ties drawn | page MB | build s | first frame ms "
        "| physics stopped ms | < 5 s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for r in rows:
        firsts = r["first_draw_ms"]
        ok = all(f is not None and f < TARGET_MS for f in firsts)
        lines.append(
            f"| {r['n']:,} | {r['shown']:,} | {r['edges']:,} | {r['html_bytes'] / 1e6:.1f} "
            f"| {r['build_s']:.1f} | {_ms(firsts)} | {_ms(r['stopped_ms'])} "
            f"| {'yes' if ok else 'NO'} |"
        )
    capped = [r for r in rows if r["message"]]
    for r in capped:
        lines += ["", f"At {r['n']:,} entities the page says: “{r['message']}”"]
    return lines


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(json.dumps(measure(int(arg))), flush=True)
