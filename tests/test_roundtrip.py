"""Every export format is read back by an independent parser.

kg writes exports with Oxigraph, so rdflib reads them back; the builder
writes with rdflib, so Oxigraph reads that back.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.term import Node

import kg
from kg.rdfio import FORMATS

RDFLIB_NAMES = {
    "turtle": "turtle",
    "trig": "trig",
    "ntriples": "nt",
    "nquads": "nquads",
    "jsonld": "json-ld",
}
DATASET_FORMATS = {"trig", "nquads", "jsonld"}


def _canon(term: Node) -> Node:
    # rdflib's JSON-LD parser rewrites "48.0"^^xsd:decimal as "48": the same
    # value in another lexical form. Compare decimals by value.
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return Literal(str(Decimal(str(term)).normalize()), datatype=XSD.decimal)
    return term


def _graphs(ds: Dataset) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    for g in ds.graphs():
        if len(g):
            copy = Graph()
            for s, p, o in g:
                copy.add((s, p, _canon(o)))
            out[str(g.identifier)] = copy
    return out


def _union(ds: Dataset, canon: bool = True) -> Graph:
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, _canon(o) if canon else o))
    return union


@pytest.fixture
def store(tmp_path: Path, golden_file: Path) -> Path:
    kg.load([golden_file], store=tmp_path / "s")
    return tmp_path / "s"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_read_back_by_rdflib(fmt: str, store: Path, golden_file: Path) -> None:
    original = Dataset()
    original.parse(golden_file, format="nquads")
    exported = kg.export(fmt, store=store).data
    assert exported
    parsed = Dataset()
    parsed.parse(data=exported, format=RDFLIB_NAMES[fmt])
    if fmt in DATASET_FORMATS:
        want, got = _graphs(original), _graphs(parsed)
        assert want.keys() == got.keys()
        for name in want:
            assert isomorphic(want[name], got[name]), name
    else:
        assert isomorphic(_union(original), _union(parsed))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rdflib_output_is_read_back_by_oxigraph(fmt: str, golden_file: Path) -> None:
    original = Dataset()
    original.parse(golden_file, format="nquads")
    source = (
        original if fmt in DATASET_FORMATS else _union(original, canon=False)
    )  # triples-only formats
    written = source.serialize(format=RDFLIB_NAMES[fmt], encoding="utf-8")
    quads = list(ox.parse(written, format=FORMATS[fmt]))
    expected = list(ox.parse(golden_file.read_bytes(), format=ox.RdfFormat.N_QUADS))

    def key(q: ox.Quad, with_graph: bool) -> str:
        obj = q.object
        if isinstance(obj, ox.Literal) and obj.datatype.value == str(XSD.decimal):
            obj = ox.Literal(
                str(Decimal(obj.value).normalize()), datatype=obj.datatype
            )  # 48.0 == 48
        return f"{q.subject} {q.predicate} {obj}" + (f" {q.graph_name}" if with_graph else "")

    with_graph = fmt in DATASET_FORMATS
    assert {key(q, with_graph) for q in quads} == {key(q, with_graph) for q in expected}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_deterministic_and_written_atomically(
    fmt: str, store: Path, tmp_path: Path
) -> None:
    out = tmp_path / f"graph.{fmt}"
    kg.export(fmt, store=store, out=out)
    first = out.read_bytes()
    assert first == kg.export(fmt, store=store).data
    kg.export(fmt, store=store, out=out)
    assert out.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
