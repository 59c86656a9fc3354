"""An offline, self-contained HTML explorer of the network, drawn by pyvis (vis-network).

pyvis 0.3.2's templates do not escape (see DESIGN.md), so nothing from
article text reaches them as markup: no heading, no select menu; labels are
drawn on the canvas; tooltips travel as a ``tip`` field that a script of
ours copies into vis-network's ``title`` as plain text (vis shows string
titles as text). Our own panel (legend, search, filters, messages) is built
with ``html.escape`` and reads its data from JSON with ``<``, ``>`` and
``&`` escaped. Positions are computed in Python (igraph, seeded), so the
first frame is drawn at once with physics off; then physics runs a short,
bounded stabilisation and is switched off again (see ``_options``).
"""

from __future__ import annotations

import html
import json
import math
import random
import re
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.centrality import undirected_weighted
from kg.errors import UsageError
from kg.paths import resolve_name
from kg.projection import Projection

COLORS = {
    "Person": "#e15759",
    "Company": "#4e79a7",
    "Fund": "#59a14f",
    "State": "#f28e2b",
    "Organization": "#b07aa1",
    "Place": "#76b7b2",
    "Event": "#edc948",
    "Product": "#9c755f",
}
SHAPES = {
    "Person": "dot",
    "Company": "square",
    "Fund": "diamond",
    "State": "star",
    "Organization": "hexagon",
    "Place": "triangle",
    "Event": "triangleDown",
    "Product": "dot",
}
SIZE_MEASURES = ("pagerank", "degree", "weighted_degree", "betweenness", "eigenvector")
MAX_NODES = 2000


@dataclass(frozen=True)
class ViewResult:
    html: str
    nodes: int
    edges: int
    total_nodes: int
    message: str | None


def _measure(graph: nx.MultiDiGraph, size_by: str) -> dict[str, float]:
    if size_by == "degree":
        return {v: float(d) for v, d in graph.degree()}
    if size_by == "weighted_degree":
        return {v: float(d) for v, d in graph.degree(weight="weight")}
    if size_by == "pagerank":
        from kg import fastgraph

        g = fastgraph.to_igraph(graph, directed=graph.is_directed())
        pr = g.pagerank(directed=graph.is_directed(), weights="weight")
        return dict(zip(graph.nodes, pr, strict=True))
    from kg.centrality import compute

    values = compute(graph).values[size_by]
    return {v: float(x or 0.0) for v, x in values.items()}


def _select(
    projection: Projection,
    focus: str | None,
    hops: int,
    top: int,
    measure: dict[str, float],
) -> tuple[list[str], str | None]:
    graph = projection.graph
    message = None
    if focus is not None:
        centre = resolve_name(projection, focus)
        u = undirected_weighted(graph)
        chosen = list(nx.single_source_shortest_path_length(u, centre, cutoff=hops))
        if len(chosen) > top:
            keep = sorted(chosen, key=lambda v: (v != centre, -measure[v], v))[:top]
            message = (
                f"The {hops}-hop neighbourhood of {graph.nodes[centre]['label']} has "
                f"{len(chosen)} entities; showing the {top} most central."
            )
            chosen = keep
        return sorted(chosen), message
    nodes = list(graph.nodes)
    if len(nodes) > top:
        keep = sorted(nodes, key=lambda v: (-measure[v], v))[:top]
        message = (
            f"The graph has {len(nodes)} entities; showing the top {top} by "
            "centrality. Use --focus ENTITY --hops N for a neighbourhood, or --top N."
        )
        return sorted(keep), message
    return sorted(nodes), None


def _layout(sub: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    from kg import fastgraph

    nodes = list(sub.nodes)
    if not nodes:
        return {}
    import igraph as ig

    g = fastgraph.to_igraph(sub, directed=False)
    ig.set_random_number_generator(random.Random(seed))
    try:
        layout = g.layout_fruchterman_reingold(niter=300, grid="auto")
    finally:
        ig.set_random_number_generator(random)
    coords = layout.coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = 60 * math.sqrt(len(nodes)) / span
    return {
        v: (round((x - min(xs)) * scale, 1), round((y - min(ys)) * scale, 1))
        for v, (x, y) in zip(nodes, coords, strict=True)
    }


def _tooltip_edge(projection: Projection, attrs: dict[str, Any], s: str, o: str) -> str:
    g = projection.graph
    lines = [f"{g.nodes[s]['label']} {attrs.get('predicate')} {g.nodes[o]['label']}"]
    if "percent" in attrs:
        lines[0] += f" ({attrs['percent']:g}%)"
    lines.append(f"{attrs.get('sources', 0)} source(s)")
    for cid in attrs.get("claim_ids", "").split()[:5]:
        c = projection.claims.get(cid)
        if c is not None:
            sentence = " ".join(c.evidence.split())
            lines.append(f"“{sentence}” — {c.source or 'unknown source'}, {c.date or 'undated'}")
    return "\n".join(lines)


def _safe_json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def build_view(
    projection: Projection,
    *,
    focus: str | None = None,
    hops: int = 2,
    top: int = MAX_NODES,
    size_by: str = "pagerank",
    title: str = "kg explorer",
    seed: int = 42,
) -> ViewResult:
    """The explorer's HTML for ``projection`` (see the module docstring)."""
    from pyvis.network import Network

    graph = projection.graph
    if graph.number_of_edges() == 0:
        raise UsageError(
            f"the graph is empty: {graph.number_of_nodes()} entities and no ties to draw",
            hint="load data with `kg load` / `kg build`, or loosen --predicate/--since/--as-of",
        )
    if size_by not in SIZE_MEASURES:
        raise UsageError(f"unknown --size-by {size_by!r}", hint=f"use {', '.join(SIZE_MEASURES)}")
    if hops < 1 or top < 1:
        raise UsageError("--hops and --top must be 1 or more")
    measure = _measure(graph, size_by)
    chosen, message = _select(projection, focus, hops, top, measure)
    sub = graph.subgraph(chosen)
    pos = _layout(undirected_weighted(sub), seed)
    hi = max((measure[v] for v in chosen), default=1.0) or 1.0
    net = Network(
        height="100vh", width="100%", directed=graph.is_directed(), cdn_resources="in_line"
    )
    for v in chosen:
        attrs = graph.nodes[v]
        kind = str(attrs.get("type", "Entity"))
        tip = [f"{attrs.get('label', v)} ({kind})", f"id: {v}", f"{size_by}: {measure[v]:.4g}"]
        if "wikidata" in attrs:
            tip.append(f"Wikidata: {attrs['wikidata']}")
        x, y = pos[v]
        net.nodes.append(
            {
                "id": v,
                "label": str(attrs.get("label", v)),
                "tip": "\n".join(tip),
                "group": kind,
                "kind": kind,
                "color": COLORS.get(kind, "#bab0ac"),
                "shape": SHAPES.get(kind, "dot"),
                "size": float(8 + 30 * math.sqrt(measure[v] / hi)),
                "x": float(x),
                "y": float(y),
            }
        )
        net.node_ids.append(v)
    predicates = set()
    done: set[tuple[str, str, str]] = set()
    for s, o, key, attrs in sorted(sub.edges(keys=True, data=True)):
        symmetric = bool(attrs.get("symmetric"))
        ends = tuple(sorted((s, o))) if symmetric else (s, o)
        if (ends[0], ends[1], key) in done:
            continue  # a symmetric tie is drawn once, without an arrow
        done.add((ends[0], ends[1], key))
        predicates.add(str(key))
        net.edges.append(
            {
                "from": ends[0],
                "to": ends[1],
                "label": str(key),
                "predicate": str(key),
                "tip": _tooltip_edge(projection, attrs, ends[0], ends[1]),
                "width": float(1 + math.log2(float(attrs.get("weight", 1.0)))),
                "arrows": "" if symmetric or not graph.is_directed() else "to",
            }
        )
    net.set_options(json.dumps(_options(seed)))
    page = net.generate_html()
    # the template loads bootstrap from a CDN whatever cdn_resources says;
    # the explorer does not use it, and it must not reach for the network
    page = re.sub(r"<link\s[^>]*https://cdn[^>]*/>\s*", "", page)
    page = re.sub(r"<script\s[^>]*src=\"https://cdn[^>]*>\s*</script>\s*", "", page)
    page = page.replace("<html>", '<!DOCTYPE html>\n<html lang="en">', 1)
    types = sorted({str(graph.nodes[v].get("type", "Entity")) for v in chosen})
    panel = _panel(
        title,
        types,
        sorted(predicates),
        message,
        len(chosen),
        graph.number_of_nodes(),
        _physics_iterations(len(chosen)),
    )
    page = _hook(page, panel)
    return ViewResult(page, len(chosen), len(net.edges), graph.number_of_nodes(), message)


def _physics_iterations(n: int) -> int:
    """Iterations of the physics run after the first frame.

    The layout from Python is already relaxed, so a few iterations suffice;
    fewer for bigger graphs keeps the run short (measured on 2 cores: 30
    iterations at 2,000 nodes took 1.1 s; at 5,000, 5.4 s).
    """
    return max(10, min(100, 60_000 // max(n, 1)))


def _options(seed: int) -> dict[str, Any]:
    """vis-network options: straight edges, no physics until the first frame is drawn.

    Physics is off when the network is created, so vis-network draws the first
    frame at once at the positions computed in Python; stabilising first (vis
    blocks drawing while it stabilises) cost 68 s for 1,000 nodes with pyvis's
    defaults. ``kgNetwork`` (``_PANEL_JS``) then runs a bounded stabilisation
    and switches physics off again.
    """
    return {
        "physics": {
            "enabled": False,
            "solver": "barnesHut",
            "stabilization": {"enabled": True, "updateInterval": 10, "fit": True},
        },
        "edges": {"smooth": False, "font": {"size": 9, "align": "middle"}},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": True},
        "layout": {"randomSeed": seed, "improvedLayout": False},
    }


#: pyvis's template creates the network in this line; ``_hook`` routes it
#: through ``kgNetwork`` so that our handlers are on the network before its
#: first frame (a script after pyvis's runs too late: the HTML parser yields
#: between scripts, and vis draws or stabilises in between).
_CREATE = "network = new vis.Network(container, data, options);"
_DRAW_SCRIPT = '<script type="text/javascript">'


def _hook(page: str, panel: str) -> str:
    """``page`` with ``panel`` before pyvis's drawing script and the network made by kgNetwork."""
    body = page.find("<body>")
    at = page.find(_DRAW_SCRIPT, body)
    if body < 0 or at < 0 or page.count(_CREATE) != 1:
        raise RuntimeError("pyvis's page template is not the one kg.explorer was written for")
    page = page.replace(_CREATE, "network = kgNetwork(container, data, options);", 1)
    return page[:at] + panel + "\n" + page[at:]


_PANEL_JS = """
(function () {
  var cfg = JSON.parse(document.getElementById("kg-config").textContent);
  var info = document.getElementById("kg-selected");
  window.kgStabilized = false;
  // pyvis's drawing script creates the network through this (see _hook)
  window.kgNetwork = function (container, data, options) {
    // tooltips: plain text, which vis-network shows as text, never as markup;
    // set before the network exists, so that vis does the work once
    data.nodes.update(data.nodes.get().map(function (n) { return {id: n.id, title: n.tip}; }));
    data.edges.update(data.edges.get().map(function (e) { return {id: e.id, title: e.tip}; }));
    var net = new vis.Network(container, data, options);
    net.on("selectNode", function (p) {
      var n = data.nodes.get(p.nodes[0]);
      info.textContent = n ? n.tip : "";
    });
    net.once("afterDrawing", function () {
      window.kgFirstDraw = performance.now();
      // then a short physics run from the precomputed layout, which stops
      setTimeout(function () {
        net.once("stabilizationIterationsDone", function () {
          net.setOptions({physics: {enabled: false}});
          window.kgStabilized = true;
          window.kgStabilizedAt = performance.now();
        });
        net.setOptions({physics: {enabled: true}});
        net.stabilize(cfg.iterations);
      }, 0);
    });
    return net;
  };
  var hiddenTypes = {}, hiddenPreds = {};
  function applyFilters() {
    nodes.update(nodes.get().map(function (n) {
      return {id: n.id, hidden: !!hiddenTypes[n.kind]};
    }));
    edges.update(edges.get().map(function (e) {
      return {id: e.id, hidden: !!hiddenPreds[e.predicate]};
    }));
  }
  document.querySelectorAll("#kg-panel input[data-type]").forEach(function (box) {
    box.addEventListener("change", function () {
      hiddenTypes[box.dataset.type] = !box.checked; applyFilters();
    });
  });
  document.querySelectorAll("#kg-panel input[data-predicate]").forEach(function (box) {
    box.addEventListener("change", function () {
      hiddenPreds[box.dataset.predicate] = !box.checked; applyFilters();
    });
  });
  window.kgSearch = function (text) {
    var q = text.trim().toLowerCase();
    var found = q ? nodes.get({filter: function (n) {
      return n.label.toLowerCase().indexOf(q) >= 0 || String(n.id).indexOf(q) >= 0;
    }}).map(function (n) { return n.id; }) : [];
    network.selectNodes(found);
    if (found.length) { network.focus(found[0], {scale: 1.2}); }
    info.textContent = found.length + " match(es)";
    return found;
  };
  document.getElementById("kg-search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { window.kgSearch(ev.target.value); }
  });
}());
"""

_PANEL_CSS = (
    "#kg-panel{position:fixed;top:8px;left:8px;z-index:10;background:#fffe;"
    "border:1px solid #ccc;padding:8px;font:13px system-ui,sans-serif;max-width:20em;"
    "max-height:90vh;overflow:auto}#kg-panel h2{font-size:15px;margin:0 0 4px}"
    "#kg-selected{white-space:pre-wrap}.kg-swatch{display:inline-block;width:10px;"
    "height:10px;margin-right:4px}"
)


def _panel(
    title: str,
    types: list[str],
    predicates: list[str],
    message: str | None,
    shown: int,
    total: int,
    iterations: int,
) -> str:
    e = html.escape
    legend = "".join(
        f'<label><input type="checkbox" checked data-type="{e(t)}">'
        f'<span class="kg-swatch" style="background:{COLORS.get(t, "#bab0ac")}"></span>'
        f"{e(t)} ({e(SHAPES.get(t, 'dot'))})</label><br>"
        for t in types
    )
    preds = "".join(
        f'<label><input type="checkbox" checked data-predicate="{e(p)}">{e(p)}</label><br>'
        for p in predicates
    )
    note = f'<p id="kg-message">{e(message)}</p>' if message else ""
    config = _safe_json({"iterations": iterations, "shown": shown, "total": total})
    return (
        f"<style>{_PANEL_CSS}</style>"
        f'<div id="kg-panel"><h2>{e(title)}</h2>'
        f"<p>{shown} of {total} entities</p>{note}"
        '<input id="kg-search" type="search" placeholder="search entities (Enter)">'
        f"<h3>Entity types</h3>{legend}<h3>Ties</h3>{preds}"
        '<h3>Selected</h3><div id="kg-selected"></div></div>'
        f'<script type="application/json" id="kg-config">{config}</script>'
        f"<script>{_PANEL_JS}</script>"
    )
