"""Projection, export and the report: every number in report.json is networkx's."""

from __future__ import annotations

import csv
import json
import math
import random
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.centrality import Settings, compute
from kg.errors import KgError
from tests.conftest import run_kg

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated seed-story facts: a real graph in kg's model (loads in a second)."""
    store = tmp_path_factory.mktemp("store") / "s"
    kg.load([REPO / "data" / "facts"], store=store)
    return store


def _close(a: float | None, b: float | None, rel: float = 1e-9) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def _recompute(g: nx.MultiDiGraph, params: dict) -> dict[str, dict]:
    """The measures, from the GraphML alone, as the report's recipes say."""
    k = params["betweenness_k"]
    out: dict[str, dict] = {
        "degree": dict(g.degree()),
        "in_degree": dict(g.in_degree()),
        "out_degree": dict(g.out_degree()),
        "weighted_degree": dict(g.degree(weight="weight")),
        "pagerank": nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000),
        "betweenness": nx.betweenness_centrality(g, k=k, seed=params["seed"], normalized=True),
        "closeness": nx.closeness_centrality(g),
    }
    u = nx.Graph()
    u.add_nodes_from(g)
    for a, b, w in g.edges(data="weight"):
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    comps = sorted((sorted(c) for c in nx.connected_components(u)), key=lambda c: (-len(c), c[0]))
    eig = nx.eigenvector_centrality_numpy(u.subgraph(comps[0]), weight="weight")
    out["eigenvector"] = {v: eig.get(v, 0.0) for v in g}
    parts = nx.community.louvain_communities(u, weight="weight", seed=params["seed"])
    out["_communities"] = sorted((sorted(p) for p in parts), key=lambda c: (-len(c), c[0]))
    out["_modularity"] = nx.community.modularity(u, out["_communities"], weight="weight")
    return out


def test_report_numbers_equal_networkx_on_the_exported_graphml(
    sample_store: Path, tmp_path: Path
) -> None:
    graphml = tmp_path / "g.graphml"
    kg.export("graphml", out=graphml, store=sample_store)
    result = kg.report(out=tmp_path / "rep", store=sample_store)
    assert sorted(p.name for p in result.files) == [
        "centrality.csv",
        "report.html",
        "report.json",
        "report.md",
    ]
    data = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    g = nx.read_graphml(graphml, force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted(r["id"] for r in data["nodes"]) == sorted(g.nodes)
    assert data["parameters"]["backend"] == "networkx"
    expected = _recompute(g, data["parameters"])
    for row in data["nodes"]:
        assert row["label"] == g.nodes[row["id"]]["label"]
        assert row["type"] == g.nodes[row["id"]]["type"]
        for name in data["parameters"]["measures"]:
            assert _close(row[name], expected[name][row["id"]]), (name, row)
    assert [c["members"] for c in data["communities"]] == expected["_communities"]
    assert _close(data["summary"]["modularity"], expected["_modularity"])
    csv_rows = list(csv.DictReader((tmp_path / "rep" / "centrality.csv").open(encoding="utf-8")))
    assert len(csv_rows) == len(data["nodes"])
    by_id = {r["id"]: r for r in data["nodes"]}
    assert all(float(r["pagerank"]) == by_id[r["id"]]["pagerank"] for r in csv_rows)


def test_igraph_backend_agrees_with_networkx_including_sampling(sample_store: Path) -> None:
    g = kg.project(store=sample_store).graph
    for undirected in (False, True):
        graph = g.to_undirected() if undirected else g
        s = {"exact_limit": 5, "samples": 8, "closeness_limit": 5, "closeness_top": 6}
        a = compute(graph, Settings(backend="networkx", **s))
        b = compute(graph, Settings(backend="igraph", **s))
        assert a.parameters["betweenness_k"] == 8
        for name, values in a.values.items():
            for v, x in values.items():
                assert _close(x, b.values[name][v], rel=1e-6), (name, v, x, b.values[name][v])
        assert sum(x is not None for x in a.values["closeness"].values()) == 6
        # communities differ in detail between implementations; their quality agrees
        assert b.modularity == pytest.approx(a.modularity, abs=0.05)


def test_igraph_agrees_on_random_disconnected_graphs() -> None:
    rng = random.Random(7)
    g = nx.MultiDiGraph()
    for i in range(120):
        g.add_node(f"n{i:03d}", label=f"N{i}", type="Company")
    for _ in range(200):
        a, b = rng.randrange(60), rng.randrange(60)  # nodes 60+ are isolated
        if a != b:
            g.add_edge(f"n{a:03d}", f"n{b:03d}", key="partnerOf", weight=float(rng.randint(1, 3)))
    a = compute(g, Settings(backend="networkx", exact_limit=50, samples=20))
    b = compute(g, Settings(backend="igraph", exact_limit=50, samples=20))
    for name, values in a.values.items():
        for v, x in values.items():
            assert _close(x, b.values[name][v], rel=1e-6), (name, v)
    assert a.values["closeness"]["n100"] == 0.0 and a.values["eigenvector"]["n100"] == 0.0


def test_export_formats_and_filters(sample_store: Path, tmp_path: Path) -> None:
    full = kg.project(store=sample_store).graph
    assert full.number_of_nodes() > 10 and full.number_of_edges() > 10
    edge = next(d for _, _, d in full.edges(data=True) if d["predicate"] == "ownsStakeIn")
    assert edge["claims"] >= 1 and edge["weight"] >= 1 and edge["claim_ids"]
    assert all("weight" in d for _, _, d in full.edges(data=True))
    stakes = kg.project(store=sample_store, predicates=["ownsStakeIn"]).graph
    assert {d["predicate"] for _, _, d in stakes.edges(data=True)} == {"ownsStakeIn"}
    assert any("percent" in d for _, _, d in stakes.edges(data=True))
    early = kg.project(store=sample_store, as_of="1990").graph
    assert early.number_of_edges() < full.number_of_edges()
    one_way = kg.project(store=sample_store, symmetric_undirected=False).graph
    n_sym = sum(1 for _, _, d in one_way.edges(data=True) if d.get("symmetric"))
    assert full.number_of_edges() == one_way.number_of_edges() + n_sym
    assert kg.project(store=sample_store, undirected=True).graph.is_directed() is False
    gexf = kg.export("gexf", store=sample_store).data
    assert gexf is not None and nx.read_gexf(__import__("io").BytesIO(gexf)).number_of_nodes()
    res = run_kg(
        "export", "--format", "csv", "--out", str(tmp_path / "csv"), "--store", str(sample_store)
    )
    assert res.returncode == 0, res.stderr
    nodes = list(csv.DictReader((tmp_path / "csv" / "nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((tmp_path / "csv" / "edges.csv").open(encoding="utf-8")))
    assert len(nodes) == full.number_of_nodes() and len(edges) == full.number_of_edges()
    assert run_kg("export", "--format", "trig", "--store", str(sample_store)).returncode == 0
    a = kg.export("graphml", store=sample_store).data
    assert a == kg.export("graphml", store=sample_store).data  # deterministic


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "--format", "csv"], "give a folder with --out DIR"),
        (["export", "--format", "trig", "--since", "2018"], "apply to graphml, gexf and csv"),
        (["export", "--format", "graphml", "--since", "2018-13"], "--since '2018-13'"),
        (["export", "--format", "graphml", "-p", "owns"], "unknown predicate 'owns'"),
        (["report", "--out", "{tmp}/no/such/dir/rep"], "cannot create the folder"),
        (["report", "--out", "{tmp}/r", "--since", "2999"], "the graph is empty"),
        (["path", "Alibaba Grop", "mail-ru-group"], "did you mean: Alibaba Group (alibaba-group)"),
        (["neighbors", "nobody-at-all", "--hops", "2"], "unknown entity 'nobody-at-all'"),
        (["view", "--out", "{tmp}/nope/v.html"], "cannot write"),
    ],
)
def test_bad_input_is_one_clear_line(
    sample_store: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_kg(*[a.format(tmp=tmp_path) for a in args], "--store", str(sample_store))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0], lines
    assert not (tmp_path / "no").exists() and not (tmp_path / "nope").exists()


def test_report_on_an_empty_store_graph_is_an_error(tmp_path: Path, ttl_file: Path) -> None:
    store = tmp_path / "s"
    kg.load([ttl_file], store=store)
    with pytest.raises(KgError, match="the graph is empty"):
        kg.report(out=tmp_path / "r", store=store, predicates=["sanctions"])
    assert not (tmp_path / "r").exists()
