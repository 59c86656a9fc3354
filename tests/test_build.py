"""The builder: golden N-Quads, determinism, the graph model's invariants."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.build import build_dataset, build_nquads, claim_id, to_nquads
from kg.errors import ModelError
from kg.extract.extractor import Extractor
from kg.ingest import read_articles
from kg.model import Article, Claim, Entity
from kg.registry import load_registry
from kg.resolve import resolve, to_claims
from tests import golden

ROOT = Path(__file__).resolve().parents[1]


def _graph(data: bytes) -> Graph:
    # Quads into one graph of (s, p, o, g)-encoding triples is lossy; compare
    # per named graph instead.
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    return ds


def test_matches_golden_nquads() -> None:
    produced = Dataset()
    produced.parse(data=golden.build_bytes(), format="nquads")
    expected = Dataset()
    expected.parse(golden.GOLDEN, format="nquads")
    names = sorted(str(g.identifier) for g in expected.graphs() if len(g))
    assert names == sorted(str(g.identifier) for g in produced.graphs() if len(g))
    for name in names:
        want, got = expected.graph(name), produced.graph(name)
        if not isomorphic(want, got):
            _both, only_want, only_got = graph_diff(to_isomorphic(want), to_isomorphic(got))
            diff = "\n".join(
                [f"- {' '.join(t.n3() for t in tr)}" for tr in sorted(only_want)]
                + [f"+ {' '.join(t.n3() for t in tr)}" for tr in sorted(only_got)]
            )
            pytest.fail(f"graph {name} differs from {golden.GOLDEN} (make golden):\n{diff}")


def test_same_input_same_bytes_whatever_the_order() -> None:
    first = golden.build_bytes()
    shuffled = list(golden.CLAIMS)
    random.Random(7).shuffle(shuffled)
    again = to_nquads(build_dataset([golden.ARTICLE], shuffled, golden.ENTITIES).dataset)
    assert first == again
    assert first == golden.GOLDEN.read_bytes()


def test_counts_and_one_graph_per_article() -> None:
    result = build_dataset([golden.ARTICLE], golden.CLAIMS, golden.ENTITIES)
    assert (result.articles, result.claims, result.ties) == (1, 6, 4)
    graphs = [g for g in result.dataset.graphs() if len(g)]
    assert [str(g.identifier) for g in graphs] == ["https://w3id.org/kg/article/mini-1"]


def test_symmetric_ties_are_stored_once_in_id_order() -> None:
    claim = golden.CLAIMS[2]  # megafon partnerOf alibaba-group
    flipped = Claim(
        claim.object,
        claim.predicate,
        claim.subject,
        claim.article_id,
        claim.evidence,
        claim.start,
        claim.end,
        claim.rule,
        claim.confidence,
    )
    assert claim_id(claim) == claim_id(flipped)
    data = to_nquads(build_dataset([golden.ARTICLE], [claim], golden.ENTITIES).dataset).decode()
    assert (
        "<https://w3id.org/kg/entity/alibaba-group> <https://w3id.org/kg/ontology#partnerOf> "
        "<https://w3id.org/kg/entity/megafon>" in data
    )
    assert "megafon> <https://w3id.org/kg/ontology#partnerOf>" not in data


def test_text_from_articles_stays_a_literal() -> None:
    hostile = 'Acme <script>alert(1)</script> " } ; DROP GRAPH <x> . INSERT DATA { <a> <b> <c> }'
    art = golden.ARTICLE
    claim = Claim(
        "megafon", "partnerOf", "alibaba-group", art.id, hostile, 0, 10, "partner.jv.v1", 0.5
    )
    ds = build_dataset([art], [claim], golden.ENTITIES).dataset
    reparsed = Dataset()
    reparsed.parse(data=to_nquads(ds), format="nquads")
    literals = {str(o) for _s, _p, o, _g in reparsed.quads((None, None, None, None))}
    assert hostile in literals
    assert len(reparsed) == len(ds)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"subject": "nobody"}, "unknown entity 'nobody'"),
        ({"article_id": "other"}, "belongs to other"),
    ],
)
def test_rejects_claims_that_do_not_fit(change: dict[str, str], message: str) -> None:
    base = golden.CLAIMS[0]
    fields = {f: getattr(base, f) for f in base.__dataclass_fields__}
    fields.update(change)
    with pytest.raises(ModelError, match=message):
        if change.get("article_id"):
            from kg.build import add_article

            add_article(Dataset(), golden.ARTICLE, [Claim(**fields)], golden.ENTITIES)
        else:
            build_dataset([golden.ARTICLE], [Claim(**fields)], golden.ENTITIES)


def _both(articles: list[Article], claims: list[Claim], entities: dict[str, Entity]) -> bytes:
    """The N-Quads written straight from the triples, checked against rdflib's."""
    fast = build_nquads(articles, claims, entities)
    slow = build_dataset(articles, claims, entities)
    assert fast.data == to_nquads(slow.dataset)
    assert (fast.articles, fast.entities, fast.claims, fast.ties) == (
        slow.articles,
        slow.entities,
        slow.claims,
        slow.ties,
    )
    return fast.data


def test_nquads_written_directly_are_rdflibs_bytes() -> None:
    assert _both([golden.ARTICLE], golden.CLAIMS, golden.ENTITIES) == golden.GOLDEN.read_bytes()
    odd = 'quote " back\\slash \\n new\nline \r tab\t <x> é 中 \U0001f600 \u2028 \x0b end'
    art = replace(golden.ARTICLE, title=odd, source=odd, path=odd)
    claims = [
        replace(c, evidence=odd + c.evidence, legal_basis=odd, role=odd, valid_to="2019-02")
        for c in golden.CLAIMS
    ]
    entity = golden.ENTITIES["megafon"]
    entities = {**golden.ENTITIES, "megafon": replace(entity, aliases=(odd, "x\\"))}
    _both([art], claims, entities)
    # a lone surrogate (JSON input can carry one) is written as "?", as rdflib writes it
    lone = [replace(golden.CLAIMS[0], evidence="bad \ud800 text")]
    assert b'"bad ? text"' in _both([golden.ARTICLE], lone, golden.ENTITIES)


def test_nquads_written_directly_match_rdflib_on_the_sample_corpus() -> None:
    articles = list(read_articles([ROOT / "data/corpus", ROOT / "data/devset"]).articles)
    extractions = Extractor(load_registry()).extract_many(articles)
    resolution = resolve(extractions, load_registry())
    claims = [c for x in extractions for c in to_claims(resolution, x)]
    data = _both(articles, claims, resolution.entities)
    assert len(data.splitlines()) > 5000


def test_nquads_written_directly_reject_what_rdflib_rejects() -> None:
    with pytest.raises(ModelError, match="occurs twice"):
        build_nquads([golden.ARTICLE, golden.ARTICLE], [], golden.ENTITIES)
    with pytest.raises(ModelError, match="unknown article"):
        build_nquads([], golden.CLAIMS, golden.ENTITIES)
    with pytest.raises(ModelError, match="unknown entity 'nobody'"):
        build_nquads([golden.ARTICLE], [replace(golden.CLAIMS[0], subject="nobody")], {})
