"""Counts that tell what a store holds: by entity type, predicate and source."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.ids import ONTOLOGY
from kg.model import ENTITY_TYPES, PREDICATES

_PREFIXES = {
    "kg": ONTOLOGY,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}

_TYPES = (
    "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { VALUES ?type { "
    + " ".join(f"kg:{t}" for t in ENTITY_TYPES)
    + " } ?e a ?type } GROUP BY ?type"
)

# Distinct (subject, object) pairs: the same tie from many articles counts once.
_TIES = (
    "SELECT ?p (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { "
    + " ".join(f"kg:{p}" for p in PREDICATES)
    + " } ?s ?p ?o } } } GROUP BY ?p"
)

_CLAIMS = """
SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:Claim ; rdf:predicate ?p } GROUP BY ?p
"""

_SOURCES = """
SELECT ?source (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?c) AS ?claims) WHERE {
  ?a a kg:Article .
  OPTIONAL { ?a dcterms:publisher ?p }
  OPTIONAL { ?c prov:wasDerivedFrom ?a }
  BIND(COALESCE(STR(?p), "(unknown)") AS ?source)
} GROUP BY ?source
"""

_COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {} }}"


def _rows(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    result = store.query(query, prefixes=_PREFIXES, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _int(term: object) -> int:
    assert isinstance(term, ox.Literal)
    return int(term.value)


def _local(term: object) -> str:
    assert isinstance(term, ox.NamedNode)
    return term.value.rsplit("#", 1)[-1]


def compute_stats(store: ox.Store) -> dict[str, Any]:
    """Counts of quads, graphs, articles, entities, claims and ties, and breakdowns.

    Every key is always present (zero when absent), so scripts can rely on it.
    """
    entities_by_type = dict.fromkeys(ENTITY_TYPES, 0)
    for row in _rows(store, _TYPES):
        entities_by_type[_local(row["type"])] = _int(row["n"])
    ties = {p: {"ties": 0, "claims": 0} for p in PREDICATES}
    for row in _rows(store, _TIES):
        ties[_local(row["p"])]["ties"] = _int(row["n"])
    for row in _rows(store, _CLAIMS):
        name = _local(row["p"])
        if name in ties:
            ties[name]["claims"] = _int(row["n"])
    sources = {
        str(row["source"].value): {"articles": _int(row["articles"]), "claims": _int(row["claims"])}
        for row in _rows(store, _SOURCES)
    }

    def count(cls: str) -> int:
        return _int(_rows(store, _COUNT.format(cls))[0]["n"])

    return {
        "quads": len(store),
        "graphs": sum(1 for _ in store.named_graphs()),
        "articles": count("kg:Article"),
        "entities": sum(entities_by_type.values()),
        "claims": count("kg:Claim"),
        "ties": count("kg:Tie"),
        "entity_types": entities_by_type,
        "predicates": ties,
        "sources": dict(sorted(sources.items())),
    }
