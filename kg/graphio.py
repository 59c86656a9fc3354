"""Write a projection as GraphML, GEXF or two CSV files (nodes and edges).

Every write goes through temporary files and renames, so a failed export
leaves nothing half-written. The node ids are the entity ids of the graph
model; the same ids appear in ``report.json``.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import OutputError, UsageError
from kg.projection import project
from kg.rdfio import write_atomic

GRAPH_FORMATS = ("graphml", "gexf", "csv")
NODE_COLUMNS = ("id", "label", "type", "subtype", "wikidata", "iri")
EDGE_COLUMNS = (
    "source",
    "target",
    "predicate",
    "weight",
    "sources",
    "articles",
    "claims",
    "percent",
    "as_of",
    "status",
    "start_date",
    "valid_from",
    "valid_to",
    "first_reported",
    "last_reported",
    "symmetric",
    "claim_ids",
)


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GraphML with the nodes and edges in sorted order (same graph, same bytes)."""
    buf = io.BytesIO()
    nx.write_graphml(graph, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (Gephi's format)."""
    buf = io.BytesIO()
    # GEXF names edges by id; the predicate key is not unique across pairs.
    g = graph.copy()
    for n, (u, v, k) in enumerate(g.edges(keys=True)):
        g.edges[u, v, k]["id"] = str(n)
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def csv_files(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    """``nodes.csv`` and ``edges.csv`` as bytes, by file name."""
    nodes = [{"id": n, **attrs} for n, attrs in graph.nodes(data=True)]
    edges = [{"source": u, "target": v, **attrs} for u, v, attrs in graph.edges(data=True)]
    return {"nodes.csv": _csv(nodes, NODE_COLUMNS), "edges.csv": _csv(edges, EDGE_COLUMNS)}


def write_files_atomic(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write several files into ``folder``: all of them, or none.

    Each is written to a temporary name first; they are renamed into place
    only when all have been written.
    """
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(
            folder, f"cannot create the folder: {exc.strerror}", hint="choose a writable --out"
        ) from None
    if not folder.is_dir():
        raise OutputError(folder, "is not a folder", hint="give a folder with --out")
    temps: list[tuple[Path, Path]] = []
    try:
        for name, data in sorted(files.items()):
            final = folder / name
            tmp = folder / f".{name}.{os.getpid()}.tmp"
            temps.append((tmp, final))
            tmp.write_bytes(data)
        for tmp, final in temps:
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise OutputError(
            folder, f"cannot write: {exc.strerror}", hint="choose a writable --out"
        ) from None
    return [final for _, final in temps]


def serialize_graph(graph: nx.MultiDiGraph, format: str) -> bytes:
    """One-file formats: ``graphml`` or ``gexf``."""
    if format == "graphml":
        return graphml_bytes(graph)
    if format == "gexf":
        return gexf_bytes(graph)
    raise UsageError(
        f"format {format!r} is not a one-file graph format", hint="use graphml or gexf"
    )


def export_graph(
    format: str,
    *,
    out: Path | str | None = None,
    store: Path | str | None = None,
    predicates: Sequence[str] | None = None,
    as_of: str | None = None,
    since: str | None = None,
    min_sources: int = 0,
    symmetric_undirected: bool = True,
    undirected: bool = False,
) -> tuple[bytes | None, int, int]:
    """``kg export --format graphml|gexf|csv``: the projection, written atomically.

    Returns the bytes (None when written to ``out``) and the node and edge counts.
    """
    if format == "csv" and out is None:
        raise UsageError("--format csv writes two files", hint="give a folder with --out DIR")
    graph = project(
        store=store,
        predicates=predicates,
        as_of=as_of,
        since=since,
        min_sources=min_sources,
        symmetric_undirected=symmetric_undirected,
        undirected=undirected,
    ).graph
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    if format == "csv":
        assert out is not None
        write_files_atomic(Path(out), csv_files(graph))
        return None, n, m
    data = serialize_graph(graph, format)
    if out is None:
        return data, n, m
    write_atomic(Path(out), data)
    return None, n, m
