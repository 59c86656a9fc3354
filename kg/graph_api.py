"""The functions behind ``kg report``, ``kg path``, ``kg neighbors`` and ``kg view``.

Each has its command's name and options (``kg.report`` is ``kg report``);
the projection options are shared: ``predicates``, ``as_of``, ``since``,
``min_sources``, ``symmetric_undirected``, ``undirected`` (see
:func:`kg.projection.project`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.centrality import Settings
from kg.errors import UsageError
from kg.graphio import write_files_atomic
from kg.paths import find_neighbors, find_paths
from kg.projection import Projection, project
from kg.reporting import analyse, render_files


@dataclass(frozen=True)
class ReportResult:
    out: Path
    files: tuple[Path, ...]
    data: dict[str, Any]


def report(
    *,
    out: Path | str,
    store: Path | str | None = None,
    predicates: Sequence[str] | None = None,
    as_of: str | None = None,
    since: str | None = None,
    min_sources: int = 0,
    symmetric_undirected: bool = True,
    undirected: bool = False,
    seed: int = 42,
    exact_limit: int = 5000,
    samples: int = 256,
) -> ReportResult:
    """Write ``report.md``, ``report.html``, ``centrality.csv`` and ``report.json`` into ``out``.

    Betweenness is exact up to ``exact_limit`` entities, else estimated from
    ``samples`` pivots drawn with ``seed`` (which also seeds Louvain).
    """
    if samples < 2:
        raise UsageError("--samples must be 2 or more")
    projection = project(
        store=store,
        predicates=predicates,
        as_of=as_of,
        since=since,
        min_sources=min_sources,
        symmetric_undirected=symmetric_undirected,
        undirected=undirected,
    )
    settings = Settings(seed=seed, exact_limit=exact_limit, samples=samples)
    data = analyse(projection.graph, settings, projection.options)
    files = write_files_atomic(Path(out), render_files(data))
    return ReportResult(Path(out), tuple(files), data)


def _projection(
    store: Path | str | None,
    predicates: Sequence[str] | None,
    as_of: str | None,
    since: str | None,
    min_sources: int,
) -> Projection:
    return project(
        store=store, predicates=predicates, as_of=as_of, since=since, min_sources=min_sources
    )


def path(
    a: str,
    b: str,
    *,
    max_hops: int | None = None,
    limit: int = 20,
    store: Path | str | None = None,
    predicates: Sequence[str] | None = None,
    as_of: str | None = None,
    since: str | None = None,
    min_sources: int = 0,
) -> dict[str, Any]:
    """Shortest paths between two entities (and all simple ones up to ``max_hops``).

    Each hop lists its ties with the evidence sentence, source and date; an
    empty ``paths`` list means no connection.
    """
    projection = _projection(store, predicates, as_of, since, min_sources)
    return find_paths(projection, a, b, max_hops=max_hops, limit=limit)


def neighbors(
    a: str,
    *,
    hops: int = 1,
    store: Path | str | None = None,
    predicates: Sequence[str] | None = None,
    as_of: str | None = None,
    since: str | None = None,
    min_sources: int = 0,
) -> dict[str, Any]:
    """Entities within ``hops`` ties of ``a``, nearest first, with the direct ties' evidence."""
    projection = _projection(store, predicates, as_of, since, min_sources)
    return find_neighbors(projection, a, hops=hops)


@dataclass(frozen=True)
class ViewFileResult:
    out: Path
    nodes: int
    edges: int
    total_nodes: int
    message: str | None


def view(
    *,
    out: Path | str,
    store: Path | str | None = None,
    focus: str | None = None,
    hops: int = 2,
    top: int = 2000,
    size_by: str = "pagerank",
    predicates: Sequence[str] | None = None,
    as_of: str | None = None,
    since: str | None = None,
    min_sources: int = 0,
) -> ViewFileResult:
    """Write the self-contained HTML explorer to ``out`` (works with no network).

    ``focus`` draws the ``hops`` neighbourhood of one entity; a graph (or
    neighbourhood) larger than ``top`` entities shows its ``top`` most
    central ones by ``size_by``, and ``message`` says so.
    """
    from kg.explorer import build_view
    from kg.rdfio import write_atomic

    projection = _projection(store, predicates, as_of, since, min_sources)
    result = build_view(projection, focus=focus, hops=hops, top=top, size_by=size_by)
    write_atomic(Path(out), result.html.encode("utf-8"))
    return ViewFileResult(Path(out), result.nodes, result.edges, result.total_nodes, result.message)
