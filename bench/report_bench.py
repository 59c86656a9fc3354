"""Speed of the centrality report on synthetic networks of 10k and 100k entities.

The graph is built directly as a networkx multigraph in the projection's
shape (random ties with preferential attachment), then goes through the same
code as ``kg report`` (:func:`kg.reporting.analyse` and :func:`render_files`).
Run: ``python -m bench.report_bench 10000 100000`` (one JSON line a size);
``make bench`` runs it through ``bench/run.py``, each size in its own process
so that peak memory is that size's own.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time

import networkx as nx

from kg.centrality import Settings, undirected_weighted
from kg.reporting import analyse, render_files

TYPES = ["Company", "Fund", "State", "Person", "Organization", "Event", "Place", "Product"]
PREDS = ["ownsStakeIn", "partnerOf", "sanctions", "participatedIn", "basedIn", "headOf"]


def synthetic(n: int, ties_per_node: int = 3, seed: int = 42) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"e{i:06d}", label=f"Entity {i}", type=TYPES[i % len(TYPES)])
    targets: list[int] = [0]
    for i in range(1, n):
        for _ in range(ties_per_node):
            j = rng.choice(targets) if rng.random() < 0.7 else rng.randrange(i)
            p = PREDS[rng.randrange(len(PREDS))]
            g.add_edge(
                f"e{i:06d}", f"e{j:06d}", key=p, predicate=p, weight=float(rng.randint(1, 3))
            )
            targets.append(j)
        targets.append(i)
    return g


def measure(n: int) -> dict[str, float]:
    g = synthetic(n)
    t = time.perf_counter()
    data = analyse(g)
    files = render_files(data)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "edges": g.number_of_edges(),
        "seconds": seconds,
        "peak_mib": peak,
        "bytes": sum(len(b) for b in files.values()),
    }


def networkx_slow(n: int, k: int = 256, seed: int = 42) -> dict[str, float]:
    """networkx alone on the two slowest measures: sampled betweenness and Louvain.

    The same calls as :data:`kg.centrality.RECIPES` with the report's settings,
    for comparison with the whole report (which uses igraph above
    ``Settings.networkx_limit`` entities).
    """
    g = synthetic(n)
    s = Settings(seed=seed, samples=k)
    t = time.perf_counter()
    nx.betweenness_centrality(g, k=min(k, n), seed=s.seed, normalized=True)
    betweenness = time.perf_counter() - t
    u = undirected_weighted(g)
    t = time.perf_counter()
    nx.community.louvain_communities(u, weight="weight", resolution=s.resolution, seed=s.seed)
    louvain = time.perf_counter() - t
    return {"n": n, "betweenness_s": betweenness, "louvain_s": louvain}


def markdown(runs: list[dict[str, float]], slow: dict[str, float] | None) -> list[str]:
    """The "Network report" section of bench/RESULTS.md."""
    lines = [
        "## Network report",
        "",
        "`kg report`'s analysis and rendering (`kg.reporting.analyse` + `render_files`) on",
        "synthetic networks in the projection's shape (`bench/report_bench.py`: preferential",
        "attachment, 3 ties an entity, seed 42); building the graph is not timed. Above 2,000",
        "entities the measures run on igraph; above 5,000 betweenness is sampled (k=256) and",
        "closeness covers the 500 entities of highest degree. Each size runs in its own process.",
        "",
        "| entities | ties | seconds | peak MiB | output bytes |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in runs:
        lines.append(
            f"| {r['n']:,.0f} | {r['edges']:,.0f} | {r['seconds']:.1f} | {r['peak_mib']:,.0f} "
            f"| {r['bytes']:,.0f} |"
        )
    if slow is not None:
        total = slow["betweenness_s"] + slow["louvain_s"]
        ours = next((r["seconds"] for r in runs if r["n"] == slow["n"]), None)
        lines += [
            "",
            f"For comparison, networkx alone at {slow['n']:,.0f} entities takes "
            f"{slow['betweenness_s']:.1f} s for sampled betweenness (k=256) and "
            f"{slow['louvain_s']:.1f} s for Louvain: {total:.1f} s for those two measures"
            + (f", {total / ours:.1f}x the whole report above ({ours:.1f} s)." if ours else "."),
        ]
    return lines


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--networkx":
        for arg in args[1:]:
            print(json.dumps(networkx_slow(int(arg))), flush=True)
    else:
        for arg in args:
            print(json.dumps(measure(int(arg))), flush=True)
