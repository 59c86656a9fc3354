"""The functions behind the commands: ``kg.load``, ``kg.export``, ``kg.validate``, ``kg.stats``.

Each has the name and options of its command; the CLI only parses options,
calls one of these and prints the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.counts import compute_stats
from kg.errors import UsageError
from kg.graphio import GRAPH_FORMATS, export_graph
from kg.rdfio import (
    collect_files,
    format_named,
    format_of,
    serialize_quads,
    write_atomic,
)
from kg.resources import shapes_path
from kg.shacl import ValidationResult, load_shapes, union_graph, validate_graph
from kg.store import default_store, load_files, open_store


@dataclass(frozen=True)
class LoadReport:
    files: tuple[Path, ...]
    quads_added: int
    quads_total: int
    store: Path


def load(
    paths: Sequence[Path | str],
    *,
    store: Path | str | None = None,
    format: str | None = None,
    graph: str | None = None,
) -> LoadReport:
    """Load RDF files (or folders of them) into the store, all or nothing.

    The format comes from each file's extension unless ``format`` is given.
    Triples outside a named graph go to the default graph, or to ``graph``.
    If any file is missing, empty, not UTF-8 or malformed, nothing is loaded.
    """
    files = collect_files([Path(p) for p in paths], format)
    if not files:
        raise UsageError("no files to load", hint="give one or more RDF files or folders")
    plan = [(f, format_of(f, format)) for f in files]
    store_path = Path(store) if store else default_store()
    target = None
    if graph:
        try:
            target = ox.NamedNode(graph)
        except ValueError:
            raise UsageError(
                f"--graph {graph!r} is not an absolute IRI", hint="e.g. https://example.org/g"
            ) from None
    added, total = load_files(store_path, plan, target)
    return LoadReport(tuple(files), added, total, store_path)


@dataclass(frozen=True)
class ExportResult:
    data: bytes | None
    out: Path | None
    quads: int
    nodes: int | None = None  # graph formats (graphml, gexf, csv)
    edges: int | None = None


def export(
    format: str = "trig",
    *,
    out: Path | str | None = None,
    store: Path | str | None = None,
    predicates: Sequence[str] | None = None,
    as_of: str | None = None,
    since: str | None = None,
    min_sources: int = 0,
    symmetric_undirected: bool = True,
    undirected: bool = False,
) -> ExportResult:
    """Serialise the whole store, sorted so the same graph gives the same bytes.

    With ``out`` the file is written through a temporary file and a rename;
    without it the bytes are returned. Turtle and N-Triples hold no named
    graphs, so they get the union of all graphs. ``graphml``, ``gexf`` and
    ``csv`` write the network projection (:func:`kg.projection.project`, whose
    options the other arguments are); ``csv`` needs ``out``, a folder that
    gets ``nodes.csv`` and ``edges.csv``.
    """
    if format in GRAPH_FORMATS:
        data, nodes, edges = export_graph(
            format,
            out=out,
            store=store,
            predicates=predicates,
            as_of=as_of,
            since=since,
            min_sources=min_sources,
            symmetric_undirected=symmetric_undirected,
            undirected=undirected,
        )
        return ExportResult(data, None if out is None else Path(out), 0, nodes, edges)
    if predicates or as_of or since or min_sources or undirected or not symmetric_undirected:
        raise UsageError(
            f"the projection options apply to graphml, gexf and csv, not {format}",
            hint="drop them, or choose --format graphml|gexf|csv",
        )
    fmt = format_named(format)
    with open_store(Path(store) if store else default_store(), "r") as db:
        dumped = db.store.dump(format=ox.RdfFormat.N_QUADS) or b""
    # Native dump, then sorted lines: much faster than sorting Python quads.
    lines = sorted(line for line in dumped.split(b"\n") if line)
    count = len(lines)
    if fmt == ox.RdfFormat.N_QUADS:
        data = b"".join(line + b"\n" for line in lines)
    else:
        quads = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS)
        data = serialize_quads(quads, fmt)
    if out is None:
        return ExportResult(data, None, count)
    write_atomic(Path(out), data)
    return ExportResult(None, Path(out), count)


def validate(
    *, store: Path | str | None = None, shapes: Path | str | None = None
) -> ValidationResult:
    """Check the store against the SHACL shapes (default ``ontology/shapes.ttl``)."""
    shape_graph = load_shapes(Path(shapes) if shapes else shapes_path())
    with open_store(Path(store) if store else default_store(), "r") as db:
        data = union_graph(db.store)
    return validate_graph(data, shape_graph)


def stats(*, store: Path | str | None = None) -> dict[str, Any]:
    """Counts by entity type, predicate and source (see :func:`kg.counts.compute_stats`)."""
    with open_store(Path(store) if store else default_store(), "r") as db:
        return compute_stats(db.store)
