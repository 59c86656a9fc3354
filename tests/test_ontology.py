"""The ontology, its generated namespace, and the model's constants agree."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg import vocab, vocabgen
from kg.ids import ONTOLOGY
from kg.model import ENTITY_TYPES, EVAL_PREDICATES, PREDICATES, SUBCLASSES, SYMMETRIC, TIE_CLASSES
from kg.resources import ontology_path, shapes_path
from kg.vocab import KG


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def test_generated_namespace_is_up_to_date() -> None:
    expected = vocabgen.generate(ontology_path())
    assert Path(vocab.__file__).read_text(encoding="utf-8") == expected, "run `make vocab`"


def test_a_misspelt_term_fails() -> None:
    assert str(KG.ownsStakeIn) == ONTOLOGY + "ownsStakeIn"
    with pytest.raises(AttributeError):
        _ = KG.ownsStakeInn


def test_every_term_has_a_label_and_a_comment(onto: Graph) -> None:
    terms = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY)}
    assert len(terms) > 70
    for term in terms:
        assert onto.value(term, RDFS.label), term
        assert onto.value(term, RDFS.comment), term


def test_eval_predicates_are_object_properties_with_domain_and_range(onto: Graph) -> None:
    for name in PREDICATES:
        term = KG[name]
        assert (term, RDF.type, OWL.ObjectProperty) in onto, name
        assert onto.value(term, RDFS.domain) is not None, name
        assert onto.value(term, RDFS.range) is not None, name
        assert ((term, RDF.type, OWL.SymmetricProperty) in onto) == (name in SYMMETRIC), name
    assert len(EVAL_PREDICATES) == 11


def test_model_types_and_subclasses_are_in_the_ontology(onto: Graph) -> None:
    for name in ENTITY_TYPES:
        assert (KG[name], RDFS.subClassOf, KG.Entity) in onto
        for sub in SUBCLASSES.get(name, ()):
            assert (KG[sub], RDFS.subClassOf, KG[name]) in onto, sub
    for cls in TIE_CLASSES.values():
        assert (KG[cls], RDFS.subClassOf, KG.Tie) in onto


def test_alignment_to_external_vocabularies_is_stated(onto: Graph) -> None:
    text = ontology_path().read_text(encoding="utf-8")
    for ns in (
        "http://www.w3.org/ns/prov#",
        "http://www.w3.org/ns/org#",
        "http://semanticweb.cs.vu.nl/2009/11/sem/",
        "https://schema.org/",
        "http://www.wikidata.org/entity/",
    ):
        assert ns in text
    external = {
        str(o) for _s, _p, o in onto if isinstance(o, URIRef) and not str(o).startswith(ONTOLOGY)
    }
    assert any(o.startswith("http://www.w3.org/ns/org#") for o in external)
    assert any(o.startswith("http://semanticweb.cs.vu.nl/2009/11/sem/") for o in external)


@pytest.mark.parametrize("path", [ontology_path(), shapes_path()], ids=["kg.ttl", "shapes.ttl"])
def test_both_files_parse_with_oxigraph_too(path: object) -> None:
    assert list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def test_shapes_use_only_declared_terms(onto: Graph) -> None:
    shapes = Graph().parse(shapes_path(), format="turtle")
    used = {
        t
        for triple in shapes
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY)
    }
    declared = {s for s in onto.subjects(RDFS.label, None)}
    assert used and used <= declared, sorted(str(u) for u in used - declared)
