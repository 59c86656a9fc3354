"""How two entities are connected, and who is near one: paths with their evidence.

Entities are named by id (``gazprom``, ``kge:gazprom`` or the full IRI),
label or alias, case-insensitively; an unknown name gets close matches
(rapidfuzz) in the error. Paths follow ties in either direction: "how are
A and B connected" does not care who holds a stake in whom; each hop lists
the ties between its two ends with the sentence, source and date behind them.
"""

from __future__ import annotations

from itertools import islice, pairwise
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process

from kg.centrality import undirected_weighted
from kg.errors import UsageError
from kg.ids import ENTITY
from kg.projection import Projection


class UnknownEntityError(UsageError):
    """A name that matches no entity; the message suggests close matches."""


def resolve_name(projection: Projection, name: str) -> str:
    """The entity id that ``name`` stands for.

    Raises :class:`UnknownEntityError` with suggestions when nothing matches,
    and a :class:`UsageError` listing the ids when a label is ambiguous.
    """
    graph = projection.graph
    key = name.strip()
    for prefix in (ENTITY, "kge:"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    if key in graph:
        return str(key)
    folded = key.casefold()
    by_label = sorted(
        v for v, label in graph.nodes(data="label") if str(label).casefold() == folded
    )
    if not by_label:
        by_label = sorted(
            str(v)
            for v, aliases in projection.aliases.items()
            if v in graph and any(a.casefold() == folded for a in aliases)
        )
    if len(by_label) == 1:
        return str(by_label[0])
    if len(by_label) > 1:
        raise UsageError(
            f"{name!r} names {len(by_label)} entities: {', '.join(by_label)}",
            hint="give the id instead",
        )
    raise UnknownEntityError(f"unknown entity {name!r}", hint=_suggest(projection, name))


def _suggest(projection: Projection, name: str) -> str:
    shown: list[str] = []
    names: list[str] = []
    for v, label in projection.graph.nodes(data="label"):
        entity = f"{label} ({v})"
        for alias in (str(label), v, *projection.aliases.get(v, ())):
            shown.append(entity)
            names.append(alias)
    # score every way of naming an entity, keep the best per entity
    best: dict[str, float] = {}
    for _, score, i in process.extract(name, names, scorer=fuzz.WRatio, limit=50, score_cutoff=60):
        best[shown[i]] = max(best.get(shown[i], 0), score)
    found = sorted(best, key=lambda s: (-best[s], s))[:5]
    if not found:
        return "no entity has a similar name; list entities with `kg export --format csv`"
    return "did you mean: " + "; ".join(found)


def _evidence(projection: Projection, claim_ids: str) -> list[dict[str, Any]]:
    out = []
    for cid in claim_ids.split():
        c = projection.claims.get(cid)
        if c is None:
            continue
        out.append(
            {
                "claim": cid,
                "sentence": " ".join(c.evidence.split()),
                "source": c.source,
                "date": c.date,
                "title": c.title,
                "url": c.url,
                "rule": c.rule,
            }
        )
    return sorted(out, key=lambda e: (e["date"] or "", e["claim"]))


def hop_ties(projection: Projection, a: str, b: str) -> list[dict[str, Any]]:
    """Every tie between ``a`` and ``b``, in either direction, with its evidence."""
    graph = projection.graph
    ties = []
    seen: set[tuple[str, str, str]] = set()
    pairs = [(a, b), (b, a)] if graph.is_directed() else [(a, b)]
    for s, o in pairs:
        for key, attrs in sorted((graph.get_edge_data(s, o) or {}).items()):
            if attrs.get("symmetric"):
                s2, o2 = sorted((s, o))
            else:
                s2, o2 = s, o
            if (s2, key, o2) in seen:
                continue
            seen.add((s2, key, o2))
            tie = {
                "subject": s2,
                "predicate": attrs.get("predicate", key),
                "object": o2,
                "sources": attrs.get("sources", 0),
                "evidence": _evidence(projection, attrs.get("claim_ids", "")),
            }
            for extra in ("percent", "as_of", "status", "start_date"):
                if extra in attrs:
                    tie[extra] = attrs[extra]
            ties.append(tie)
    return ties


def _describe(projection: Projection, v: str) -> dict[str, Any]:
    attrs = projection.graph.nodes[v]
    return {"id": v, "label": attrs.get("label", v), "type": attrs.get("type", "Entity")}


def find_paths(
    projection: Projection, a: str, b: str, *, max_hops: int | None = None, limit: int = 20
) -> dict[str, Any]:
    """Shortest paths from ``a`` to ``b`` (and, with ``max_hops``, every simple path up to it).

    Returns ``{"from", "to", "shortest", "paths": [...]}`` where each path is
    a list of hops; an empty ``paths`` means the two are not connected.
    """
    if limit < 1:
        raise UsageError("--limit must be 1 or more")
    if max_hops is not None and max_hops < 1:
        raise UsageError("--max-hops must be 1 or more")
    src, dst = resolve_name(projection, a), resolve_name(projection, b)
    if src == dst:
        raise UsageError(f"{a!r} and {b!r} are the same entity ({src})", hint="name two entities")
    u = undirected_weighted(projection.graph)
    found: list[list[str]] = []
    shortest = None
    if nx.has_path(u, src, dst):
        shortest = nx.shortest_path_length(u, src, dst)
        found = sorted(islice(nx.all_shortest_paths(u, src, dst), limit))
        if max_hops is not None and max_hops > shortest:
            longer = islice(nx.all_simple_paths(u, src, dst, cutoff=max_hops), 100 * limit)
            more = sorted((p for p in longer if len(p) - 1 > shortest), key=lambda p: (len(p), p))
            found += more[: max(0, limit - len(found))]
    paths = [
        [
            {
                "from": _describe(projection, x),
                "to": _describe(projection, y),
                "ties": hop_ties(projection, x, y),
            }
            for x, y in pairwise(p)
        ]
        for p in found
    ]
    return {
        "from": _describe(projection, src),
        "to": _describe(projection, dst),
        "shortest": shortest,
        "max_hops": max_hops,
        "paths": paths,
    }


def find_neighbors(projection: Projection, a: str, *, hops: int = 1) -> dict[str, Any]:
    """Entities within ``hops`` ties of ``a`` (either direction), nearest first."""
    if hops < 1:
        raise UsageError("--hops must be 1 or more")
    centre = resolve_name(projection, a)
    u = undirected_weighted(projection.graph)
    dist = nx.single_source_shortest_path_length(u, centre, cutoff=hops)
    rows = []
    for v, d in dist.items():
        if v == centre:
            continue
        row = _describe(projection, v)
        row["hops"] = d
        if d == 1:
            row["ties"] = hop_ties(projection, centre, v)
        else:
            via = sorted(w for w in u[v] if dist.get(w) == d - 1)
            row["via"] = via[0]
        rows.append(row)
    rows.sort(key=lambda r: (r["hops"], str(r["label"]).casefold(), r["id"]))
    return {"entity": _describe(projection, centre), "hops": hops, "neighbors": rows}
