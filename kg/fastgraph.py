"""The measures of :mod:`kg.centrality` computed with igraph, for large graphs.

Each function reproduces the networkx definition named in
:data:`kg.centrality.RECIPES` (tests compare the two on small graphs):
parallel edges are merged with their weights summed, as networkx's matrix
and shortest-path code sees them; sampled betweenness uses the same pivots
networkx draws, and the same rescaling.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

import igraph as ig
import networkx as nx

from kg.centrality import sample_pivots

if TYPE_CHECKING:
    from kg.centrality import Settings, _Computed


def to_igraph(graph: nx.Graph, directed: bool) -> ig.Graph:
    """A simple igraph graph on ``graph``'s nodes (in order); weights summed per pair."""
    index = {v: i for i, v in enumerate(graph.nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges()]
    weights = [float(w) for _, _, w in graph.edges(data="weight", default=1.0)]
    g = ig.Graph(n=len(index), edges=edges, directed=directed, edge_attrs={"weight": weights})
    g.simplify(multiple=True, loops=False, combine_edges={"weight": "sum"})
    return g


def _betweenness(
    g: ig.Graph, nodes: list[str], k: int | None, seed: int, directed: bool
) -> dict[str, float | None]:
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    big_n = n - 1  # endpoints excluded, as networkx's default
    if k is None:
        raw = g.betweenness(directed=directed)
        # networkx counts ordered pairs; igraph counts an undirected pair once
        factor = (1.0 if directed else 2.0) / (big_n * (big_n - 1))
        return {v: raw[i] * factor for i, v in enumerate(nodes)}
    index = {v: i for i, v in enumerate(nodes)}
    pivots = sample_pivots(nodes, k, seed)
    sources = sorted(index[p] for p in pivots)
    # igraph's subset betweenness from the pivots to every node is networkx's
    # sum of Brandes dependencies over the pivots
    raw = g.betweenness(directed=directed, sources=sources, targets=None)
    if not directed:  # igraph halves undirected counts; networkx keeps ordered pairs
        raw = [2.0 * r for r in raw]
    pivot_set = set(sources)
    scale_source = 1 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
    scale_other = 1 / (k * (big_n - 1))
    return {
        v: raw[i] * (scale_source if i in pivot_set else scale_other) for i, v in enumerate(nodes)
    }


def _closeness(
    g: ig.Graph, nodes: list[str], chosen: list[str], directed: bool
) -> dict[str, float | None]:
    n = len(nodes)
    if n < 2:
        return dict.fromkeys(chosen, 0.0)
    index = {v: i for i, v in enumerate(nodes)}
    vids = [index[v] for v in chosen]
    mode = "in" if directed else "all"  # networkx: distances *to* the node
    inverse_mean = g.closeness(vertices=vids, mode=mode, weights=None, normalized=True)
    reach = g.neighborhood_size(vertices=vids, order=n, mode=mode)
    out: dict[str, float | None] = {}
    for v, c, r in zip(chosen, inverse_mean, reach, strict=True):
        reached = r - 1
        if reached == 0 or c is None or math.isnan(c):
            out[v] = 0.0
        else:
            out[v] = c * reached / (n - 1)  # Wasserman-Faust, as networkx
    return out


def _eigenvector(u: nx.Graph, largest: list[str]) -> dict[str, float]:
    from kg.centrality import eigenvector_numpy

    if len(largest) < 3:
        return eigenvector_numpy(u, largest)
    sub = u.subgraph(largest)
    g = to_igraph(sub, directed=False)
    vec = g.eigenvector_centrality(weights="weight")
    norm = math.sqrt(sum(x * x for x in vec))
    return {v: x / norm for v, x in zip(sub.nodes, vec, strict=True)}


def _louvain(u: nx.Graph, seed: int, resolution: float) -> list[list[str]]:
    nodes = list(u.nodes)
    if not nodes:
        return []
    g = to_igraph(u, directed=False)
    ig.set_random_number_generator(random.Random(seed))
    try:
        parts = g.community_multilevel(weights="weight", resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
    return [[nodes[i] for i in members] for members in parts]


def measures(
    graph: nx.MultiDiGraph,
    u: nx.Graph,
    largest: list[str],
    k: int | None,
    closeness_nodes: list[str],
    s: Settings,
) -> _Computed:
    nodes = list(graph.nodes)
    directed = graph.is_directed()
    g = to_igraph(graph, directed=directed)
    pr = g.pagerank(directed=directed, damping=s.alpha, weights="weight") if nodes else []
    pagerank: dict[str, float | None] = dict(zip(nodes, pr, strict=True))
    betweenness = _betweenness(g, nodes, k, s.seed, directed)
    closeness = _closeness(g, nodes, closeness_nodes, directed)
    return (
        pagerank,
        betweenness,
        closeness,
        _eigenvector(u, largest),
        _louvain(u, s.seed, s.resolution),
    )
