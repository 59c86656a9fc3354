"""The SHACL shapes accept the graph model and catch the mistakes that matter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import PROV, RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef

import kg
from kg.errors import ValidationRunError
from kg.resources import shapes_path
from kg.shacl import load_shapes, validate_graph
from kg.vocab import KG
from tests import golden

E = "https://w3id.org/kg/entity/"
ALIBABA = URIRef(E + "alibaba-group")
RUSSIA = URIRef(E + "russia")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(shapes_path())


@pytest.fixture
def data() -> Graph:
    ds = Dataset()
    ds.parse(data=golden.build_bytes(), format="nquads")
    g = Graph()
    for s, p, o, _graph in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    assert len(g) > 80
    return g


def _one(g: Graph, cls: URIRef) -> URIRef:
    node = sorted(g.subjects(RDF.type, cls))[0]
    assert isinstance(node, URIRef)
    return node


def _set(g: Graph, cls: URIRef, prop: URIRef, value: Literal | URIRef | None) -> None:
    node = _one(g, cls)
    g.remove((node, prop, None))
    if value is not None:
        g.add((node, prop, value))


#: Each mistake, and a term its report must name.
MISTAKES: dict[str, Callable[[Graph], None]] = {
    "percent over 100": lambda g: _set(
        g, KG.Stake, KG.percent, Literal("150", datatype=XSD.decimal)
    ),
    "negative percent": lambda g: _set(
        g, KG.Stake, KG.percent, Literal("-1", datatype=XSD.decimal)
    ),
    "claim without source": lambda g: _set(g, KG.Claim, PROV.wasDerivedFrom, None),
    "claim without evidence": lambda g: _set(g, KG.Claim, KG.evidence, None),
    "claim without rule": lambda g: _set(g, KG.Claim, KG.rule, None),
    "malformed rule id": lambda g: _set(g, KG.Claim, KG.rule, Literal("Stake Percent")),
    "confidence over 1": lambda g: _set(
        g, KG.Claim, KG.confidence, Literal("1.5", datatype=XSD.decimal)
    ),
    "tie without a claim": lambda g: g.add((ALIBABA, KG.cooperatesWith, RUSSIA)),
    "entity without label": lambda g: g.remove((ALIBABA, RDFS.label, None)),
    "entity without type": lambda g: g.remove((ALIBABA, RDF.type, None)),
    "person and company at once": lambda g: g.add((ALIBABA, RDF.type, KG.Person)),
    "sanction without target": lambda g: _set(g, KG.Sanction, KG.target, None),
    "sanction without imposer": lambda g: _set(g, KG.Sanction, KG.imposer, None),
    "stake without holder": lambda g: _set(g, KG.Stake, KG.holder, None),
    "impossible date": lambda g: _set(
        g, KG.Stake, KG.asOf, Literal("2018-13-45", datatype=XSD.date)
    ),
    "date as plain text": lambda g: _set(g, KG.Stake, KG.asOf, Literal("September 2018")),
    "bad year": lambda g: _set(g, KG.Sanction, KG.startDate, Literal("20140", datatype=XSD.gYear)),
    "unknown stake status": lambda g: _set(g, KG.Stake, KG.status, KG.Stake),
    "n-ary node no claim points to": lambda g: (
        [g.remove((c, KG.tie, None)) for c in list(g.subjects(KG.tie, None))] and None
    ),
}


EXPECTED = {
    "percent over 100": "kg:percent",
    "negative percent": "kg:percent",
    "claim without source": "prov:wasDerivedFrom",
    "claim without evidence": "kg:evidence",
    "claim without rule": "kg:rule",
    "malformed rule id": "kg:rule",
    "confidence over 1": "kg:confidence",
    "tie without a claim": "No kg:Claim backs",
    "entity without label": "rdfs:label",
    "entity without type": "kg:Person",
    "person and company at once": "base type",
    "sanction without target": "kg:target",
    "sanction without imposer": "kg:imposer",
    "stake without holder": "kg:holder",
    "impossible date": "kg:asOf",
    "date as plain text": "kg:asOf",
    "bad year": "kg:startDate",
    "unknown stake status": "kg:status",
    "n-ary node no claim points to": "^kg:tie",
}


def test_the_model_conforms(data: Graph, shapes: Graph) -> None:
    result = validate_graph(data, shapes)
    assert result.conforms, result.report()
    assert result.violations == ()
    assert result.triples == len(data) > 80


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_caught(mistake: str, data: Graph, shapes: Graph) -> None:
    MISTAKES[mistake](data)
    result = validate_graph(data, shapes)
    assert not result.conforms
    assert result.violations
    assert all(v.message for v in result.violations)
    assert EXPECTED[mistake] in result.report()


def test_validate_on_a_store_and_a_broken_shapes_file(tmp_path: Path, golden_file: Path) -> None:
    kg.load([golden_file], store=tmp_path / "s")
    assert kg.validate(store=tmp_path / "s").conforms
    broken = tmp_path / "shapes.ttl"
    broken.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle", encoding="utf-8"
    )
    with pytest.raises(ValidationRunError):
        kg.validate(store=tmp_path / "s", shapes=broken)
