"""A small graph in kg's model for the query, endpoint and push tests.

Two articles from different publishers: they disagree on Alibaba's stake in
AliExpress Russia (48 vs 50 percent), so it is corroborated by two sources
and a conflict; Russia controls a fund that holds a stake; the EU sanctions
Russia; two entities share the label "Mercury".
"""

from __future__ import annotations

from pathlib import Path

import kg

_PREFIXES = """
@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix kge: <https://w3id.org/kg/entity/> .
@prefix kga: <https://w3id.org/kg/article/> .
@prefix kgc: <https://w3id.org/kg/claim/> .
@prefix kgt: <https://w3id.org/kg/tie/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

TRIG = (
    _PREFIXES
    + """
kga:a1 {
  kga:a1 a kg:Article ; dcterms:publisher "Paper A" ; dcterms:issued "2018-09-11"^^xsd:date .
  kge:alibaba-group a kg:Company ; rdfs:label "Alibaba Group" ; skos:altLabel "Alibaba" .
  kge:aliexpress-russia a kg:Company ; rdfs:label "AliExpress Russia" .
  kge:megafon a kg:Company ; rdfs:label "MegaFon" .
  kge:russia a kg:State ; rdfs:label "Russia" .
  kge:rdif a kg:Fund ; rdfs:label "Russian Direct Investment Fund" ; skos:altLabel "RDIF" .
  kge:eu a kg:Organization ; rdfs:label "European Union" .
  kge:eef a kg:Event ; rdfs:label "Eastern Economic Forum" .
  kge:mercury-bank a kg:Company ; rdfs:label "Mercury" .
  kge:mercury-motors a kg:Company ; rdfs:label "Mercury" .

  kge:alibaba-group kg:ownsStakeIn kge:aliexpress-russia .
  kgt:s1 a kg:Stake, kg:Tie ; kg:holder kge:alibaba-group ; kg:asset kge:aliexpress-russia ;
      kg:percent 48.0 ; kg:asOf "2018-09-11"^^xsd:date ; kg:status kg:Announced .
  kgc:c1 a kg:Claim ; rdf:subject kge:alibaba-group ; rdf:predicate kg:ownsStakeIn ;
      rdf:object kge:aliexpress-russia ; kg:tie kgt:s1 ; kg:reportedOn "2018-09-11"^^xsd:date ;
      kg:evidence "Alibaba will hold 48 percent of AliExpress Russia." ;
      prov:wasDerivedFrom kga:a1 .

  kge:megafon kg:ownsStakeIn kge:aliexpress-russia .
  kgt:s2 a kg:Stake, kg:Tie ; kg:holder kge:megafon ; kg:asset kge:aliexpress-russia ;
      kg:percent 24.0 ; kg:asOf "2018-09-11"^^xsd:date .
  kgc:c2 a kg:Claim ; rdf:subject kge:megafon ; rdf:predicate kg:ownsStakeIn ;
      rdf:object kge:aliexpress-russia ; kg:tie kgt:s2 ; kg:reportedOn "2018-09-11"^^xsd:date ;
      kg:evidence "MegaFon will hold 24 percent." ; prov:wasDerivedFrom kga:a1 .

  kge:alibaba-group kg:partnerOf kge:rdif .
  kgc:c3 a kg:Claim ; rdf:subject kge:alibaba-group ; rdf:predicate kg:partnerOf ;
      rdf:object kge:rdif ; kg:date "2017"^^xsd:gYear ; kg:reportedOn "2018-09-11"^^xsd:date ;
      kg:evidence "Alibaba partnered with RDIF in 2017." ; prov:wasDerivedFrom kga:a1 .

  kge:russia kg:controls kge:rdif .
  kgc:c4 a kg:Claim ; rdf:subject kge:russia ; rdf:predicate kg:controls ; rdf:object kge:rdif ;
      kg:reportedOn "2018-09-11"^^xsd:date ; kg:evidence "RDIF is run by the Russian state." ;
      prov:wasDerivedFrom kga:a1 .

  kge:rdif kg:ownsStakeIn kge:aliexpress-russia .
  kgt:s3 a kg:Stake, kg:Tie ; kg:holder kge:rdif ; kg:asset kge:aliexpress-russia ;
      kg:percent 13.0 .
  kgc:c5 a kg:Claim ; rdf:subject kge:rdif ; rdf:predicate kg:ownsStakeIn ;
      rdf:object kge:aliexpress-russia ; kg:tie kgt:s3 ; kg:reportedOn "2018-09-11"^^xsd:date ;
      kg:evidence "RDIF takes 13 percent." ; prov:wasDerivedFrom kga:a1 .

  kge:eu kg:sanctions kge:russia .
  kgc:c6 a kg:Claim ; rdf:subject kge:eu ; rdf:predicate kg:sanctions ; rdf:object kge:russia ;
      kg:reportedOn "2018-09-11"^^xsd:date ; kg:evidence "The EU sanctions Russia." ;
      prov:wasDerivedFrom kga:a1 .

  kge:alibaba-group kg:participatedIn kge:eef .
  kgt:p1 a kg:Participation, kg:Tie ; kg:participant kge:alibaba-group ; kg:event kge:eef ;
      kg:role "announced a joint venture" .
  kgc:c7 a kg:Claim ; rdf:subject kge:alibaba-group ; rdf:predicate kg:participatedIn ;
      rdf:object kge:eef ; kg:tie kgt:p1 ; kg:reportedOn "2018-09-11"^^xsd:date ;
      kg:evidence "Alibaba announced it at the Eastern Economic Forum." ;
      prov:wasDerivedFrom kga:a1 .
}

kga:a2 {
  kga:a2 a kg:Article ; dcterms:publisher "Paper B" ; dcterms:issued "2019-01-20"^^xsd:date .
  kge:alibaba-group a kg:Company ; rdfs:label "Alibaba Group" .
  kge:aliexpress-russia a kg:Company ; rdfs:label "AliExpress Russia" .
  kge:alibaba-group kg:ownsStakeIn kge:aliexpress-russia .
  kgt:s4 a kg:Stake, kg:Tie ; kg:holder kge:alibaba-group ; kg:asset kge:aliexpress-russia ;
      kg:percent 50.0 ; kg:asOf "2019-01-20"^^xsd:date ; kg:status kg:Completed .
  kgc:c8 a kg:Claim ; rdf:subject kge:alibaba-group ; rdf:predicate kg:ownsStakeIn ;
      rdf:object kge:aliexpress-russia ; kg:tie kgt:s4 ; kg:reportedOn "2019-01-20"^^xsd:date ;
      kg:evidence "Alibaba now owns half of AliExpress Russia." ; prov:wasDerivedFrom kga:a2 .
}
"""
)


def _load(folder: Path, name: str, trig: str) -> Path:
    """Write ``trig`` to ``folder/name`` and load it into a new store there; the store path."""
    data = folder / name
    data.write_text(trig, encoding="utf-8")
    store = folder / "store"
    kg.load([data], store=store)
    return store


def make_store(folder: Path) -> Path:
    """Load the graph into a new store under ``folder``; returns the store path."""
    return _load(folder, "graph.trig", TRIG)


#: Edge cases for the rewritten saved queries: a cycle of stakes (x and y own
#: each other), ties and sanctions repeated in several article graphs, one
#: publisher stating a tie twice, and percentages that conflict within and
#: across publishers.
EDGE_TRIG = (
    _PREFIXES
    + """
kga:b1 {
  kga:b1 a kg:Article ; dcterms:publisher "Paper A" .
  kge:x rdfs:label "X" . kge:y rdfs:label "Y" . kge:z rdfs:label "Z" . kge:w rdfs:label "W" .
  kge:eu rdfs:label "EU" . kge:us rdfs:label "US" .
  kge:x kg:ownsStakeIn kge:y . kge:y kg:ownsStakeIn kge:x .
  kge:y kg:controls kge:z . kge:z kg:partnerOf kge:w .
  kge:eu kg:sanctions kge:z . kge:eu kg:sanctions kge:w . kge:us kg:sanctions kge:y .
  kgc:b1c1 rdf:subject kge:y ; rdf:predicate kg:controls ; rdf:object kge:z ;
      prov:wasDerivedFrom kga:b1 .
  kgc:b1c2 rdf:subject kge:eu ; rdf:predicate kg:sanctions ; rdf:object kge:z ;
      prov:wasDerivedFrom kga:b1 .
  kgt:b1s1 kg:holder kge:x ; kg:asset kge:y ; kg:percent 10.0 ; kg:asOf "2020-05-01"^^xsd:date .
  kgc:b1c3 kg:tie kgt:b1s1 ; prov:wasDerivedFrom kga:b1 .
  kgt:b1s2 kg:holder kge:x ; kg:asset kge:y ; kg:percent 30.0 .
  kgc:b1c4 kg:tie kgt:b1s2 ; prov:wasDerivedFrom kga:b1 .
}

kga:b2 {
  kga:b2 a kg:Article ; dcterms:publisher "Paper A" .
  kge:y rdfs:label "Y" . kge:z rdfs:label "Z" . kge:eu rdfs:label "EU" . kge:us rdfs:label "US" .
  kge:y kg:controls kge:z . kge:eu kg:sanctions kge:z . kge:us kg:sanctions kge:y .
  kgc:b2c1 rdf:subject kge:y ; rdf:predicate kg:controls ; rdf:object kge:z ;
      prov:wasDerivedFrom kga:b2 .
  kgt:b2s1 kg:holder kge:x ; kg:asset kge:y ; kg:percent 10.0 ; kg:asOf "2019-01-01"^^xsd:date .
  kgc:b2c3 kg:tie kgt:b2s1 ; prov:wasDerivedFrom kga:b2 .
}

kga:b3 {
  kga:b3 a kg:Article ; dcterms:publisher "Paper B" .
  kge:z rdfs:label "Z" . kge:eu rdfs:label "EU" .
  kge:eu kg:sanctions kge:z .
  kgc:b3c2 rdf:subject kge:eu ; rdf:predicate kg:sanctions ; rdf:object kge:z ;
      prov:wasDerivedFrom kga:b3 .
  kgt:b3s1 kg:holder kge:x ; kg:asset kge:y ; kg:percent 20.0 .
  kgc:b3c3 kg:tie kgt:b3s1 ; prov:wasDerivedFrom kga:b3 .
  kgt:b3s2 kg:holder kge:x ; kg:asset kge:y ; kg:percent 10.0 .
  kgc:b3c4 kg:tie kgt:b3s2 ; prov:wasDerivedFrom kga:b3 .
}
"""
)


def make_edge_store(folder: Path) -> Path:
    """Load the edge-case graph into a new store under ``folder``; returns the store path."""
    return _load(folder, "edge.trig", EDGE_TRIG)
