"""kg path and kg neighbors: names, evidence on every hop, no-path and bad names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg
from kg.errors import KgError
from tests.conftest import run_kg

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paths") / "s"
    kg.load([REPO / "data" / "facts"], store=path)
    return path


def test_path_by_label_and_alias_with_evidence(store: Path) -> None:
    result = kg.path("Alibaba Group", "Mail.Ru Group", store=store)
    assert result["from"]["id"] == "alibaba-group" and result["paths"]
    for hop in result["paths"][0]:
        assert hop["ties"]
        for tie in hop["ties"]:
            for ev in tie["evidence"]:
                assert ev["sentence"] and ev["source"] and ev["date"]
    assert len(result["paths"][0]) == result["shortest"]
    longer = kg.path("alibaba-group", "mail-ru-group", max_hops=4, store=store)
    assert len(longer["paths"]) >= len(result["paths"])
    assert all(len(p) <= 4 for p in longer["paths"])


def test_no_path_exits_1_with_a_clear_message(store: Path) -> None:
    # two entities of the seed story that share no chain of ties once only stakes count
    proj = kg.project(store=store, predicates=["ownsStakeIn"]).graph
    import networkx as nx

    comps = sorted(nx.weakly_connected_components(proj), key=lambda c: (-len(c), min(c)))
    a, b = min(comps[0]), min(comps[1])
    result = run_kg("path", a, b, "-p", "ownsStakeIn", "--store", str(store))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("kg: no path between ") and "not connected" in result.stderr
    ok = run_kg("path", "alibaba-group", "mail-ru-group", "--json", "--store", str(store))
    assert ok.returncode == 0 and json.loads(ok.stdout)["paths"]


def test_neighbors(store: Path) -> None:
    one = kg.neighbors("alibaba-group", hops=1, store=store)
    assert one["neighbors"] and all(r["hops"] == 1 and r["ties"] for r in one["neighbors"])
    two = kg.neighbors("alibaba-group", hops=2, store=store)
    assert {r["id"] for r in one["neighbors"]} < {r["id"] for r in two["neighbors"]}
    assert all("via" in r for r in two["neighbors"] if r["hops"] == 2)
    text = run_kg("neighbors", "Alibaba Group", "--store", str(store))
    assert text.returncode == 0 and "ownsStakeIn" in text.stdout


def test_unknown_names_suggest_close_matches(store: Path) -> None:
    with pytest.raises(
        KgError, match=r"unknown entity 'Alibaba Grop'.*did you mean: Alibaba Group"
    ):
        kg.path("Alibaba Grop", "mail-ru-group", store=store)
    with pytest.raises(KgError, match="same entity"):
        kg.path("alibaba-group", "kge:alibaba-group", store=store)
