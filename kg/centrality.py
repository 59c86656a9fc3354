"""Centrality measures and communities of a projection, with networkx or igraph.

Every measure is defined as the networkx function named in :data:`RECIPES`
applied to the projection (the graph written by ``kg export --format
graphml``). Small graphs are computed with networkx itself; large ones with
igraph, whose results agree with networkx (tests compare them): networkx's
sampled betweenness and Louvain take minutes at 100k nodes, igraph seconds.

- degree, in/out degree and weighted degree count the multigraph's edges.
- PageRank: ``nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000)``
  (a tolerance tight enough that the power iteration and igraph's exact
  solver agree to about 1e-9).
- betweenness (hops, directed as the graph is, normalised): exact up to
  ``exact_limit`` nodes, else ``k=samples`` pivots drawn with ``seed``
  exactly as ``nx.betweenness_centrality(G, k=..., seed=...)`` draws them.
- closeness (hops, incoming distance, Wasserman-Faust for disconnected
  graphs): every node up to ``closeness_limit`` nodes, else the
  ``closeness_top`` nodes of highest degree (the others are null).
- eigenvector and communities use the undirected simple graph ``U`` whose
  edge weight is the sum of the weights of every edge between the two nodes
  (:func:`undirected_weighted`). Eigenvector: ``nx.eigenvector_centrality_numpy``
  on the largest connected component of ``U`` (0 elsewhere; a disconnected
  graph has no single principal eigenvector). Communities: Louvain with
  ``seed`` (igraph's multilevel for large graphs), modularity by
  ``nx.community.modularity(U, communities, weight="weight")``.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import networkx as nx

Backend = Literal["auto", "networkx", "igraph"]

RECIPES = {
    "degree": "G.degree()",
    "in_degree": "G.in_degree()",
    "out_degree": "G.out_degree()",
    "weighted_degree": 'G.degree(weight="weight")',
    "pagerank": 'nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000)',
    "betweenness": "nx.betweenness_centrality(G, k=k, seed=seed, normalized=True)",
    "closeness": "nx.closeness_centrality(G, u=node)",
    "eigenvector": 'nx.eigenvector_centrality_numpy(U.subgraph(largest), weight="weight")',
    "community": 'nx.community.louvain_communities(U, weight="weight", seed=seed)',
}


@dataclass(frozen=True)
class Settings:
    """How the measures are computed; recorded in ``report.json``."""

    seed: int = 42
    exact_limit: int = 5000
    samples: int = 256
    closeness_limit: int = 5000
    closeness_top: int = 500
    backend: Backend = "auto"
    networkx_limit: int = 2000
    alpha: float = 0.85
    resolution: float = 1.0


@dataclass
class Measures:
    """Per-node values by measure name, communities and what was done."""

    nodes: list[str]
    values: dict[str, dict[str, float | None]]
    communities: list[list[str]]
    modularity: float
    parameters: dict[str, Any] = field(default_factory=dict)

    def community_of(self) -> dict[str, int]:
        return {n: i for i, members in enumerate(self.communities) for n in members}


def undirected_weighted(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph: weight = sum of all edge weights between two nodes."""
    u = nx.Graph()
    u.add_nodes_from(graph.nodes)
    for a, b, w in graph.edges(data="weight", default=1.0):
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    return u


def largest_component(u: nx.Graph) -> list[str]:
    """The largest connected component; ties go to the one with the smallest node id."""
    if u.number_of_nodes() == 0:
        return []
    comps = [sorted(c) for c in nx.connected_components(u)]
    return min(comps, key=lambda c: (-len(c), c[0]))


def sample_pivots(nodes: list[str], k: int, seed: int) -> list[str]:
    """The pivots ``nx.betweenness_centrality(G, k=k, seed=seed)`` draws from ``list(G)``."""
    return random.Random(seed).sample(nodes, k)


def _order_communities(parts: list[set[str]] | list[list[str]]) -> list[list[str]]:
    return sorted((sorted(p) for p in parts), key=lambda c: (-len(c), c[0]))


def compute(graph: nx.MultiDiGraph, settings: Settings | None = None) -> Measures:
    """Compute every measure of the module docstring for ``graph``."""
    s = settings or Settings()
    n = graph.number_of_nodes()
    backend = s.backend
    if backend == "auto":
        backend = "networkx" if n <= s.networkx_limit else "igraph"
    directed = graph.is_directed()
    nodes = list(graph.nodes)
    values: dict[str, dict[str, float | None]] = {}
    values["degree"] = {v: float(d) for v, d in graph.degree()}
    if directed:
        values["in_degree"] = {v: float(d) for v, d in graph.in_degree()}
        values["out_degree"] = {v: float(d) for v, d in graph.out_degree()}
    values["weighted_degree"] = {v: float(d) for v, d in graph.degree(weight="weight")}
    k = None if n <= s.exact_limit else min(s.samples, n)
    if n <= s.closeness_limit:
        closeness_nodes = nodes
    else:
        degree = {v: float(d) for v, d in graph.degree()}
        by_degree = sorted(nodes, key=lambda v: (-degree[v], v))
        closeness_nodes = by_degree[: s.closeness_top]
    u = undirected_weighted(graph)
    largest = largest_component(u)
    if backend == "networkx":
        computed = _with_networkx(graph, u, largest, k, closeness_nodes, s)
    else:
        from kg import fastgraph

        computed = fastgraph.measures(graph, u, largest, k, closeness_nodes, s)
    pagerank, betweenness, closeness, eigenvector, parts = computed
    values["pagerank"] = pagerank
    values["betweenness"] = betweenness
    values["closeness"] = {v: closeness.get(v) for v in nodes}
    values["eigenvector"] = {v: eigenvector.get(v, 0.0) for v in nodes}
    communities = _order_communities(parts)
    modularity = nx.community.modularity(u, communities, weight="weight") if u.size() else 0.0
    parameters = {
        **asdict(s),
        "backend": backend,
        "directed": directed,
        "weight": "weight",
        "nodes": n,
        "edges": graph.number_of_edges(),
        "betweenness": "exact" if k is None else f"sampled: k={k} pivots, seed={s.seed}",
        "betweenness_k": k,
        "closeness": "all nodes"
        if n <= s.closeness_limit
        else f"the {len(closeness_nodes)} nodes of highest degree",
        "eigenvector_component": len(largest),
        "recipes": RECIPES,
    }
    return Measures(nodes, values, communities, float(modularity), parameters)


_Computed = tuple[
    dict[str, float | None],
    dict[str, float | None],
    dict[str, float | None],
    dict[str, float],
    list[set[str]] | list[list[str]],
]


def eigenvector_numpy(u: nx.Graph, largest: list[str]) -> dict[str, float]:
    """Eigenvector centrality on the largest component (0 elsewhere)."""
    sub = u.subgraph(largest)
    if sub.number_of_edges() == 0:
        return {}
    if len(largest) < 3:  # ARPACK needs three nodes; two tied nodes share equally
        return {v: 1 / math.sqrt(len(largest)) for v in largest}
    result: dict[str, float] = nx.eigenvector_centrality_numpy(sub, weight="weight")
    return result


def _with_networkx(
    graph: nx.MultiDiGraph,
    u: nx.Graph,
    largest: list[str],
    k: int | None,
    closeness_nodes: list[str],
    s: Settings,
) -> _Computed:
    n = graph.number_of_nodes()
    pagerank = (
        nx.pagerank(graph, alpha=s.alpha, weight="weight", tol=1e-10, max_iter=1000) if n else {}
    )
    betweenness = nx.betweenness_centrality(graph, k=k, seed=s.seed, normalized=True)
    if len(closeness_nodes) == n:
        closeness = nx.closeness_centrality(graph)
    else:
        closeness = {v: nx.closeness_centrality(graph, u=v) for v in closeness_nodes}
    eigen = eigenvector_numpy(u, largest)
    parts = (
        nx.community.louvain_communities(u, weight="weight", resolution=s.resolution, seed=s.seed)
        if n
        else []
    )
    return pagerank, betweenness, closeness, eigen, parts
