"""Speed of the centrality report on synthetic networks of 10k and 100k entities.

The graph is built directly as a networkx multigraph in the projection's
shape (random ties with preferential attachment), then goes through the same
code as ``kg report`` (:func:`kg.reporting.analyse` and :func:`render_files`).
Run: ``python -m bench.report_bench 10000 100000``.
"""

from __future__ import annotations

import random
import resource
import sys
import time

import networkx as nx

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


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(measure(int(arg)), flush=True)
