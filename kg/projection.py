"""The RDF graph seen as a network: entities are nodes, ties are typed edges.

:func:`project` reads the store with fixed SPARQL queries (no user text is
spliced into them) and returns a :class:`Projection`: a networkx
``MultiDiGraph`` (``MultiGraph`` when ``undirected``) whose node keys are the
entity ids of the graph model (``kge:{id}``) and whose edges are keyed by
predicate, plus the claims behind each edge (evidence sentence, article,
source, date) for paths and tooltips.

Each edge carries ``predicate``, ``weight`` (the number of independent
sources, at least 1), ``sources``, ``articles``, ``claims``, ``claim_ids``
(space-separated), the first and last dates it was reported, and what its
n-ary tie says (``percent``, ``as_of``, ``status``, ``start_date``,
``valid_from``, ``valid_to``). Missing values are left out (GraphML has no
null), so every attribute is a plain string, number or bool.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.errors import ModelError, UsageError
from kg.ids import ENTITY, ONTOLOGY, WIKIDATA
from kg.model import ENTITY_TYPES, PREDICATES, SUBCLASSES, SYMMETRIC, check_date
from kg.store import default_store, open_store

_PREFIXES = {
    "kg": ONTOLOGY,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}
_SUBTYPE_OF = {sub: base for base, subs in SUBCLASSES.items() for sub in subs}

_ENTITIES = (
    "SELECT DISTINCT ?e ?type WHERE { VALUES ?type { "
    + " ".join(f"kg:{t}" for t in (*ENTITY_TYPES, *_SUBTYPE_OF))
    + ' } ?e a ?type . FILTER(STRSTARTS(STR(?e), "'
    + ENTITY
    + '")) }'
)
_LABELS = "SELECT DISTINCT ?e ?label WHERE { ?e rdfs:label ?label }"
_ALIASES = "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_WIKIDATA = (
    'SELECT DISTINCT ?e ?wd WHERE { ?e skos:exactMatch ?wd . FILTER(STRSTARTS(STR(?wd), "'
    + WIKIDATA
    + '")) }'
)
_SHORTCUTS = (
    "SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { "
    + " ".join(f"kg:{p}" for p in PREDICATES)
    + " } ?s ?p ?o }"
)
_CLAIMS = """
SELECT ?c ?s ?p ?o ?evidence ?reported ?date ?article ?publisher ?title ?url ?rule ?tie WHERE {
  ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?c kg:evidence ?evidence }
  OPTIONAL { ?c kg:reportedOn ?reported }
  OPTIONAL { ?c kg:date ?date }
  OPTIONAL { ?c kg:rule ?rule }
  OPTIONAL { ?c kg:tie ?tie }
  OPTIONAL { ?c prov:wasDerivedFrom ?article
             OPTIONAL { ?article dcterms:publisher ?publisher }
             OPTIONAL { ?article dcterms:title ?title }
             OPTIONAL { ?article dcterms:source ?url } }
}
"""
_TIES = """
SELECT ?t ?percent ?asOf ?status ?start ?from ?to WHERE {
  ?t a kg:Tie .
  OPTIONAL { ?t kg:percent ?percent }
  OPTIONAL { ?t kg:asOf ?asOf }
  OPTIONAL { ?t kg:status ?status }
  OPTIONAL { ?t kg:startDate ?start }
  OPTIONAL { ?t kg:validFrom ?from }
  OPTIONAL { ?t kg:validTo ?to }
}
"""


@dataclass(frozen=True)
class ClaimInfo:
    """Where one statement of a tie comes from."""

    id: str
    subject: str
    predicate: str
    object: str
    evidence: str
    date: str | None
    article: str | None
    source: str | None
    title: str | None
    url: str | None
    rule: str | None


@dataclass
class Projection:
    """The network and the claims behind its edges (``claims`` by claim id)."""

    graph: nx.MultiDiGraph
    claims: dict[str, ClaimInfo] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)


def _local(term: object, base: str) -> str | None:
    if isinstance(term, ox.NamedNode) and term.value.startswith(base):
        return term.value[len(base) :]
    return None


def _text(term: object) -> str | None:
    if isinstance(term, ox.Literal | ox.NamedNode):
        return term.value
    return None


def _rows(store: ox.Store, query: str) -> Iterable[ox.QuerySolution]:
    result = store.query(query, prefixes=_PREFIXES, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return result


def _check_options(
    predicates: Sequence[str] | None, as_of: str | None, since: str | None, min_sources: int
) -> tuple[str, ...]:
    chosen = tuple(PREDICATES) if not predicates else tuple(dict.fromkeys(predicates))
    for p in chosen:
        if p not in PREDICATES:
            raise UsageError(
                f"unknown predicate {p!r}", hint=f"use one or more of: {', '.join(PREDICATES)}"
            )
    for value, name in ((as_of, "--as-of"), (since, "--since")):
        try:
            check_date(value, name)
        except ModelError as exc:
            raise UsageError(
                str(exc), hint="give a date like 2018, 2018-09 or 2018-09-11"
            ) from None
    if as_of and since and since > as_of:
        raise UsageError(f"--since {since} is after --as-of {as_of}", hint="swap them")
    if min_sources < 0:
        raise UsageError("--min-sources must be 0 or more")
    return chosen


def _in_window(day: str | None, as_of: str | None, since: str | None) -> bool:
    if as_of is None and since is None:
        return True
    if day is None:
        return False  # an undated claim cannot be placed in a window
    # Partial dates (2018, 2018-09) compare as their first day, which is
    # what ISO strings do when compared as text.
    return (as_of is None or day <= as_of) and (since is None or day >= since)


def read_claims(store: ox.Store) -> dict[str, ClaimInfo]:
    """Every claim in the store, by claim id (the last part of its IRI)."""
    claims: dict[str, ClaimInfo] = {}
    for row in _rows(store, _CLAIMS):
        cid = str(row["c"].value).rsplit("/", 1)[-1]
        s, p, o = _local(row["s"], ENTITY), _local(row["p"], ONTOLOGY), _local(row["o"], ENTITY)
        if s is None or p is None or o is None:
            continue
        info = ClaimInfo(
            id=cid,
            subject=s,
            predicate=p,
            object=o,
            evidence=_text(row["evidence"]) or "",
            date=_text(row["date"]) or _text(row["reported"]),
            article=_text(row["article"]),
            source=_text(row["publisher"]),
            title=_text(row["title"]),
            url=_text(row["url"]),
            rule=_text(row["rule"]),
        )
        # OPTIONALs with two values give two rows: keep the smallest, so the
        # choice does not depend on the store's order.
        old = claims.get(cid)
        if old is None or _claim_key(info) < _claim_key(old):
            claims[cid] = info
    return claims


def _claim_key(c: ClaimInfo) -> tuple[str, ...]:
    return (c.evidence, c.date or "", c.article or "", c.source or "", c.rule or "")


def _read_ties(store: ox.Store) -> dict[str, dict[str, Any]]:
    ties: dict[str, dict[str, Any]] = {}
    for row in _rows(store, _TIES):
        tid = str(row["t"].value)
        values: dict[str, Any] = {}
        if row["percent"] is not None:
            values["percent"] = float(row["percent"].value)
        for var, key in (
            ("asOf", "as_of"),
            ("start", "start_date"),
            ("from", "valid_from"),
            ("to", "valid_to"),
        ):
            if row[var] is not None:
                values[key] = row[var].value
        if row["status"] is not None:
            values["status"] = str(row["status"].value).rsplit("#", 1)[-1].lower()
        old = ties.setdefault(tid, {})
        for k, v in values.items():
            if k not in old or str(v) < str(old[k]):
                old[k] = v
    return ties


def _read_tie_links(store: ox.Store) -> dict[str, str]:
    links: dict[str, str] = {}
    query = "SELECT ?c ?t WHERE { ?c a kg:Claim ; kg:tie ?t }"
    for row in _rows(store, query):
        cid = str(row["c"].value).rsplit("/", 1)[-1]
        t = str(row["t"].value)
        if cid not in links or t < links[cid]:
            links[cid] = t
    return links


def _read_nodes(store: ox.Store) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[str, ...]]]:
    types: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _ENTITIES):
        eid = _local(row["e"], ENTITY)
        t = _local(row["type"], ONTOLOGY)
        if eid and t:
            types[eid].add(t)
    labels: dict[str, str] = {}
    for row in _rows(store, _LABELS):
        eid = _local(row["e"], ENTITY)
        if eid in types:
            label = row["label"].value
            if eid not in labels or label < labels[eid]:
                labels[eid] = label
    wikidata: dict[str, str] = {}
    for row in _rows(store, _WIKIDATA):
        eid = _local(row["e"], ENTITY)
        qid = _local(row["wd"], WIKIDATA)
        if eid in types and qid and (eid not in wikidata or qid < wikidata[eid]):
            wikidata[eid] = qid
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _ALIASES):
        eid = _local(row["e"], ENTITY)
        if eid in types:
            aliases[eid].add(row["alias"].value)
    nodes: dict[str, dict[str, Any]] = {}
    for eid in sorted(types):
        found = types[eid]
        base: str | None = next((t for t in ENTITY_TYPES if t in found), None)
        subs = sorted(t for t in found if t in _SUBTYPE_OF)
        if base is None and subs:
            base = _SUBTYPE_OF[subs[0]]
        attrs: dict[str, Any] = {"label": labels.get(eid, eid), "type": base or "Entity"}
        if subs:
            attrs["subtype"] = subs[0]
        if eid in wikidata:
            attrs["wikidata"] = wikidata[eid]
        attrs["iri"] = ENTITY + eid
        nodes[eid] = attrs
    return nodes, {e: tuple(sorted(a)) for e, a in aliases.items()}


def project(
    *,
    store: Path | str | None = None,
    predicates: Sequence[str] | None = None,
    as_of: str | None = None,
    since: str | None = None,
    min_sources: int = 0,
    symmetric_undirected: bool = True,
    undirected: bool = False,
) -> Projection:
    """Read the store into a networkx multigraph of entities and typed ties.

    ``predicates`` keeps only those relation types; ``as_of`` / ``since``
    keep only ties stated (``kg:date``, else the article's date) in that
    window, and a stake's percent is the latest one as of then;
    ``min_sources`` drops ties with fewer independent sources (publishers);
    ``symmetric_undirected`` gives a symmetric tie (``partnerOf``,
    ``cooperatesWith``, ``inConflictWith``) an edge each way; ``undirected``
    makes the whole graph undirected. Entities with no tie left are kept.
    """
    chosen = _check_options(predicates, as_of, since, min_sources)
    with open_store(Path(store) if store else default_store(), "r") as db:
        nodes, aliases = _read_nodes(db.store)
        shortcuts = [
            (s, p, o)
            for row in _rows(db.store, _SHORTCUTS)
            if (s := _local(row["s"], ENTITY))
            and (p := _local(row["p"], ONTOLOGY))
            and (o := _local(row["o"], ENTITY))
        ]
        claims = read_claims(db.store)
        ties = _read_ties(db.store)
        links = _read_tie_links(db.store)
    options = {
        "predicates": list(chosen),
        "as_of": as_of,
        "since": since,
        "min_sources": min_sources,
        "symmetric_undirected": symmetric_undirected,
        "undirected": undirected,
    }
    graph = build_graph(
        nodes,
        shortcuts,
        claims,
        ties,
        links,
        predicates=chosen,
        as_of=as_of,
        since=since,
        min_sources=min_sources,
        symmetric_undirected=symmetric_undirected,
        undirected=undirected,
    )
    used = {c for _, _, ids in graph.edges(data="claim_ids") for c in (ids or "").split()}
    kept = {cid: claims[cid] for cid in sorted(used)}
    return Projection(graph, kept, aliases, options)


def build_graph(
    nodes: dict[str, dict[str, Any]],
    shortcuts: Iterable[tuple[str, str, str]],
    claims: dict[str, ClaimInfo],
    ties: dict[str, dict[str, Any]],
    links: dict[str, str],
    *,
    predicates: Sequence[str] = PREDICATES,
    as_of: str | None = None,
    since: str | None = None,
    min_sources: int = 0,
    symmetric_undirected: bool = True,
    undirected: bool = False,
) -> nx.MultiDiGraph:
    """Assemble the multigraph from what the store holds (pure; see :func:`project`)."""
    wanted = set(predicates)
    by_edge: dict[tuple[str, str, str], list[ClaimInfo]] = defaultdict(list)
    for c in claims.values():
        if c.predicate in wanted and _in_window(c.date, as_of, since):
            by_edge[(c.subject, c.predicate, c.object)].append(c)
    edges = set(by_edge)
    if as_of is None and since is None:
        # a tie stated with no claim behind it (hand-loaded RDF) still counts
        edges |= {e for e in shortcuts if e[1] in wanted}
    graph: nx.MultiDiGraph = nx.MultiGraph() if undirected else nx.MultiDiGraph()
    for eid in sorted(nodes):
        graph.add_node(eid, **nodes[eid])
    for s, p, o in sorted(edges):
        if s not in nodes or o not in nodes:
            continue
        attrs = _edge_attrs(p, by_edge.get((s, p, o), []), ties, links, as_of)
        if attrs["sources"] < min_sources:
            continue
        ends = [(s, o)]
        if p in SYMMETRIC:
            attrs["symmetric"] = True
            if symmetric_undirected and not undirected:
                ends.append((o, s))
        for u, v in ends:
            if graph.has_edge(u, v, key=p):
                _merge(graph.edges[u, v, p], attrs)
            else:
                graph.add_edge(u, v, key=p, **attrs)
    return graph


def _edge_attrs(
    predicate: str,
    claims: list[ClaimInfo],
    ties: dict[str, dict[str, Any]],
    links: dict[str, str],
    as_of: str | None,
) -> dict[str, Any]:
    sources = {c.source or c.article or c.id for c in claims}
    articles = {c.article or c.id for c in claims}
    dates = sorted(c.date for c in claims if c.date)
    attrs: dict[str, Any] = {
        "predicate": predicate,
        "weight": float(max(1, len(sources))),
        "sources": len(sources),
        "articles": len(articles),
        "claims": len(claims),
        "claim_ids": " ".join(sorted(c.id for c in claims)),
    }
    if dates:
        attrs["first_reported"], attrs["last_reported"] = dates[0], dates[-1]
    tie_values = [ties[links[c.id]] for c in claims if c.id in links and links[c.id] in ties]
    if tie_values:
        # the latest stake (by as-of date) speaks for the edge
        def order(t: dict[str, Any]) -> tuple[str, str]:
            return (str(t.get("as_of", "")), str(t.get("percent", "")))

        dated = [t for t in tie_values if as_of is None or str(t.get("as_of", "")) <= as_of]
        latest = max(dated or tie_values, key=order)
        for key in ("percent", "as_of", "status", "start_date", "valid_from", "valid_to"):
            if key in latest:
                attrs[key] = latest[key]
    return attrs


def _merge(old: dict[str, Any], new: dict[str, Any]) -> None:
    # Two symmetric ties stored in opposite orders land on one undirected edge.
    ids = sorted(set(old["claim_ids"].split()) | set(new["claim_ids"].split()))
    old["claim_ids"] = " ".join(ids)
    old["claims"] = len(ids)
    for key in ("sources", "articles"):
        old[key] = max(old[key], new[key])
    old["weight"] = max(old["weight"], new["weight"])


def entity_ids(graph: nx.MultiDiGraph) -> list[str]:
    """The node ids, sorted (the GraphML node ids)."""
    return sorted(graph.nodes)
