"""The centrality report: ``report.md``, ``report.html``, ``centrality.csv``, ``report.json``.

:func:`analyse` turns a projection into plain data (the content of
``report.json``); :func:`render_files` writes that data in four formats.
Labels come from article text, so the HTML escapes every one of them, the
Markdown escapes the characters Markdown and HTML give meaning to, and the
charts escape matplotlib's mathtext dollars.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from kg.centrality import Measures, Settings, compute, undirected_weighted
from kg.errors import UsageError

MEASURES = (
    "degree",
    "in_degree",
    "out_degree",
    "weighted_degree",
    "pagerank",
    "betweenness",
    "closeness",
    "eigenvector",
)
TOP = 15


def _check_graph(graph: nx.MultiDiGraph) -> None:
    if graph.number_of_edges() == 0:
        raise UsageError(
            f"the graph is empty: {graph.number_of_nodes()} entities and no ties to report on",
            hint="load data with `kg load` / `kg build`, or loosen --predicate/--since/--as-of",
        )


def analyse(
    graph: nx.MultiDiGraph, settings: Settings | None = None, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Compute the report's data for ``graph`` (what ``report.json`` holds)."""
    _check_graph(graph)
    m = compute(graph, settings)
    community = m.community_of()
    measures = [name for name in MEASURES if name in m.values]
    nodes = []
    for v in sorted(graph.nodes):
        attrs = graph.nodes[v]
        row: dict[str, Any] = {
            "id": v,
            "label": str(attrs.get("label", v)),
            "type": str(attrs.get("type", "Entity")),
        }
        for name in measures:
            row[name] = m.values[name][v]
        row["community"] = community[v]
        nodes.append(row)
    by_id = {row["id"]: row for row in nodes}
    ranked = sorted(nodes, key=lambda r: (-r["pagerank"], r["id"]))
    u = undirected_weighted(graph)
    communities = [
        {
            "id": i,
            "size": len(members),
            "members": members,
            "top": [r["id"] for r in ranked if r["community"] == i][:5],
        }
        for i, members in enumerate(m.communities)
    ]
    data: dict[str, Any] = {
        "parameters": {**(options or {}), **m.parameters, "measures": measures},
        "summary": _summary(graph, u, m),
        "nodes": nodes,
        "communities": communities,
        "brokers": _brokers(nodes),
        "bridges": _bridges(u, community),
        "leaders": _leaders(ranked),
    }
    data["reading"] = _reading(data, by_id, ranked)
    return data


def _summary(graph: nx.MultiDiGraph, u: nx.Graph, m: Measures) -> dict[str, Any]:
    components = sorted((len(c) for c in nx.connected_components(u)), reverse=True)
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "pairs": u.number_of_edges(),
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "isolated": sum(1 for c in components if c == 1),
        "communities": len(m.communities),
        "modularity": m.modularity,
        "types": dict(sorted(Counter(t for _, t in graph.nodes(data="type")).items())),
        "predicates": dict(sorted(Counter(p for _, _, p in graph.edges(data="predicate")).items())),
    }


def _brokers(nodes: list[dict[str, Any]], top: int = 10) -> dict[str, Any]:
    """High betweenness, low degree: most shortest paths per tie."""
    chosen = sorted(
        (r for r in nodes if r["betweenness"] > 0 and r["degree"] > 0),
        key=lambda r: (-r["betweenness"] / r["degree"], r["id"]),
    )[:top]
    return {
        "rule": "betweenness > 0, ranked by betweenness divided by degree",
        "nodes": [r["id"] for r in chosen],
    }


def _bridges(u: nx.Graph, community: dict[str, int], top: int = 10) -> list[dict[str, Any]]:
    """Community pairs joined by ties, heaviest first, each with its strongest ties."""
    pairs: dict[tuple[int, int], list[tuple[float, str, str]]] = defaultdict(list)
    for a, b, w in u.edges(data="weight"):
        ca, cb = community[a], community[b]
        if ca != cb:
            x, y = (a, b) if ca < cb else (b, a)
            pairs[(min(ca, cb), max(ca, cb))].append((float(w), x, y))
    rows: list[dict[str, Any]] = []
    for (ca, cb), edges in pairs.items():
        edges.sort(key=lambda e: (-e[0], e[1], e[2]))
        rows.append(
            {
                "communities": [ca, cb],
                "ties": len(edges),
                "weight": sum(e[0] for e in edges),
                "strongest": [[x, y] for _, x, y in edges[:3]],
            }
        )
    rows.sort(key=lambda r: (-r["weight"], r["communities"]))
    return rows[:top]


def _leaders(ranked: list[dict[str, Any]], top: int = 3) -> dict[str, list[str]]:
    leaders: dict[str, list[str]] = {}
    for r in ranked:
        group = leaders.setdefault(r["type"], [])
        if len(group) < top:
            group.append(r["id"])
    return dict(sorted(leaders.items()))


def _reading(
    data: dict[str, Any], by_id: dict[str, dict[str, Any]], ranked: list[dict[str, Any]]
) -> list[str]:
    """A few plain sentences generated from the numbers (plain text, escaped when shown)."""
    s = data["summary"]
    p = data["parameters"]

    def name(v: Any) -> str:
        return f"{by_id[v]['label']} ({by_id[v]['type']})"

    out = [
        f"The graph holds {s['nodes']} entities and {s['edges']} ties "
        f"between {s['pairs']} pairs; it falls into {s['components']} connected "
        f"parts, the largest with {s['largest_component']} entities"
        f" ({100 * s['largest_component'] / s['nodes']:.0f}%)."
    ]
    top = [r["id"] for r in ranked[:3]]
    if top and ranked[0]["pagerank"] > 0:
        rest = " and ".join(name(v) for v in top[1:])
        out.append(
            f"By PageRank the most central entity is {name(top[0])}"
            + (f", followed by {rest}." if rest else ".")
        )
    most = max(data["nodes"], key=lambda r: (r["degree"], r["id"]))
    if most["degree"] > 0:
        out.append(f"{name(most['id'])} has the most ties: {most['degree']:.0f}.")
    brokers = data["brokers"]["nodes"]
    if brokers:
        b = by_id[brokers[0]]
        out.append(
            f"The clearest broker is {name(b['id'])}: it lies on the most shortest paths "
            f"for its {b['degree']:.0f} ties (betweenness {b['betweenness']:.4f})."
        )
    if data["communities"]:
        c = data["communities"][0]
        out.append(
            f"Louvain finds {s['communities']} communities (modularity {s['modularity']:.2f}); "
            f"the largest has {c['size']} members, led by {name(c['top'][0])}."
        )
    if data["bridges"]:
        br = data["bridges"][0]
        x, y = br["strongest"][0]
        out.append(
            f"The strongest link between communities joins {name(x)} and {name(y)} "
            f"(communities {br['communities'][0]} and {br['communities'][1]}, "
            f"{br['ties']} ties between them)."
        )
    out.append(
        "Betweenness is exact."
        if p["betweenness_k"] is None
        else f"Betweenness is estimated from {p['betweenness_k']} pivots (seed {p['seed']}), "
        f"as the graph has more than {p['exact_limit']} entities."
    )
    return out


# --- rendering -------------------------------------------------------------


def _md(text: str) -> str:
    """Escape text for a Markdown table cell (also neutralises raw HTML)."""
    escaped = html.escape(str(text), quote=False)
    for ch in "\\`*_[]|#":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped.replace("\n", " ")


def _fmt(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and not x.is_integer():
        return f"{x:.4f}"
    return f"{x:.0f}" if isinstance(x, float) else str(x)


def _tables(data: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for each table, shared by the Markdown and the HTML."""
    by_id = {r["id"]: r for r in data["nodes"]}
    ranked = sorted(data["nodes"], key=lambda r: (-r["pagerank"], r["id"]))
    cols = ["pagerank", "betweenness", "eigenvector", "closeness", "degree", "weighted_degree"]
    top = [
        [r["label"], r["type"], *(_fmt(r[c]) for c in cols), str(r["community"])]
        for r in ranked[:TOP]
    ]
    brokers = [
        [
            by_id[v]["label"],
            by_id[v]["type"],
            _fmt(by_id[v]["betweenness"]),
            _fmt(by_id[v]["degree"]),
        ]
        for v in data["brokers"]["nodes"]
    ]
    comms = [
        [str(c["id"]), str(c["size"]), ", ".join(by_id[v]["label"] for v in c["top"])]
        for c in data["communities"][:TOP]
    ]
    bridges = [
        [
            f"{b['communities'][0]} - {b['communities'][1]}",
            str(b["ties"]),
            _fmt(b["weight"]),
            "; ".join(f"{by_id[x]['label']} - {by_id[y]['label']}" for x, y in b["strongest"]),
        ]
        for b in data["bridges"]
    ]
    leaders = [[t, ", ".join(by_id[v]["label"] for v in ids)] for t, ids in data["leaders"].items()]
    return [
        ("Most central entities (PageRank)", ["entity", "type", *cols, "community"], top),
        (
            "Brokers: high betweenness, low degree",
            ["entity", "type", "betweenness", "degree"],
            brokers,
        ),
        ("Communities (Louvain)", ["community", "size", "top members"], comms),
        (
            "Bridges between communities",
            ["communities", "ties", "weight", "strongest ties"],
            bridges,
        ),
        ("Leaders by entity type (PageRank)", ["type", "leaders"], leaders),
    ]


def _settings_lines(data: dict[str, Any]) -> list[str]:
    p = data["parameters"]
    return [
        f"backend: {p['backend']}; directed: {p['directed']}; edge weight: `weight` "
        "(independent sources)",
        f"betweenness: {p['betweenness']}",
        f"closeness: {p['closeness']}",
        f"eigenvector: largest connected component ({p['eigenvector_component']} entities)",
        f"communities: Louvain, seed {p['seed']}, resolution {p['resolution']}",
    ]


def markdown(data: dict[str, Any]) -> str:
    lines = ["# kg centrality report", ""]
    lines += [_md(s) for s in data["reading"]]
    lines += ["", "## Settings", ""]
    lines += [f"- {_md(s)}" for s in _settings_lines(data)]
    for title, header, rows in _tables(data):
        lines += ["", f"## {title}", ""]
        if not rows:
            lines.append("(none)")
            continue
        lines.append("| " + " | ".join(header) + " |")
        lines.append("| " + " | ".join("---" for _ in header) + " |")
        lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _chart_label(text: str) -> str:
    return text.replace("$", r"\$")[:40]


def charts(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, base64 PNG) for each chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out: list[tuple[str, str]] = []

    def save(fig: Any, title: str) -> None:
        buf = io.BytesIO()
        fig.tight_layout()
        fig.savefig(buf, format="png", dpi=90, metadata={"Software": None})
        plt.close(fig)
        out.append((title, base64.b64encode(buf.getvalue()).decode("ascii")))

    ranked = sorted(data["nodes"], key=lambda r: (-r["pagerank"], r["id"]))[:TOP][::-1]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.barh([_chart_label(r["label"]) for r in ranked], [r["pagerank"] for r in ranked])
    ax.set_xlabel("PageRank")
    save(fig, "Top entities by PageRank")

    degrees = Counter(int(r["degree"]) for r in data["nodes"])
    fig, ax = plt.subplots(figsize=(7, 3.5))
    xs = sorted(degrees)
    ax.bar([str(x) for x in xs][:40], [degrees[x] for x in xs][:40])
    ax.set_xlabel("degree (ties)")
    ax.set_ylabel("entities")
    save(fig, "Degree distribution")

    sizes = [c["size"] for c in data["communities"][:30]]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.bar([str(i) for i in range(len(sizes))], sizes)
    ax.set_xlabel("community")
    ax.set_ylabel("members")
    save(fig, "Community sizes (largest 30)")
    return out


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .5em}"
    "th{background:#f3f3f3}img{max-width:100%}"
)


def html_page(data: dict[str, Any]) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>kg centrality report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>kg centrality report</h1>",
        "<section>" + "".join(f"<p>{e(s)}</p>" for s in data["reading"]) + "</section>",
        "<h2>Settings</h2><ul>" + "".join(f"<li>{e(s)}</li>" for s in _settings_lines(data)),
        "</ul>",
    ]
    for title, b64 in charts(data):
        parts.append(f"<h2>{e(title)}</h2>")
        parts.append(f'<img alt="{e(title)}" src="data:image/png;base64,{b64}">')
    for title, header, rows in _tables(data):
        parts.append(f"<h2>{e(title)}</h2>")
        if not rows:
            parts.append("<p>(none)</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def centrality_csv(data: dict[str, Any]) -> str:
    measures = data["parameters"]["measures"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "label", "type", *measures, "community"])
    for r in sorted(data["nodes"], key=lambda r: (-r["pagerank"], r["id"])):
        writer.writerow(
            [
                r["id"],
                r["label"],
                r["type"],
                *(("" if r[m] is None else repr(r[m])) for m in measures),
                r["community"],
            ]
        )
    return buf.getvalue()


def render_files(data: dict[str, Any]) -> dict[str, bytes]:
    """The four report files, by name."""
    return {
        "report.json": (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
        "report.md": markdown(data).encode("utf-8"),
        "report.html": html_page(data).encode("utf-8"),
        "centrality.csv": centrality_csv(data).encode("utf-8"),
    }
