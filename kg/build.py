"""Turn articles, entities and claims into an RDF dataset.

One named graph per article, named by the article's IRI and describing the
article with PROV-O and Dublin Core. Inside it: the entities the article's
claims use, a plain shortcut triple per tie (``kge:a kg:ownsStakeIn kge:b``),
an n-ary node for stakes, sanctions and participations, and a claim node
per statement carrying its sentence, offsets, rule and confidence. Every id
is a slug or a content hash, so the same input gives the same graph; the
graph model is described in ``docs/graph-model.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef

from kg.errors import ModelError
from kg.ids import CLAIM, TIE, WIKIDATA, article_iri, digest, entity_iri
from kg.model import SYMMETRIC, TIE_CLASSES, Article, Claim, Entity
from kg.vocab import KG, term

_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def date_literal(value: str) -> Literal:
    """A partial ISO date as a typed literal.

    >>> date_literal("2018-09").datatype == XSD.gYearMonth
    True
    """
    return Literal(value, datatype=_DATE_TYPES[len(value)])


def decimal_literal(value: float, places: int = 6) -> Literal:
    """A number as an ``xsd:decimal`` in the form Oxigraph stores it back.

    No exponent and no trailing zeros, so a graph read back from the store
    is byte-identical to the one built.

    >>> str(decimal_literal(48)), str(decimal_literal(19.5)), str(decimal_literal(0.00001))
    ('48', '19.5', '0.00001')
    """
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return Literal(text or "0", datatype=XSD.decimal)


@dataclass(frozen=True)
class BuildResult:
    dataset: Dataset
    articles: int
    entities: int
    claims: int
    ties: int


def _describe_entity(g: Graph, entity: Entity) -> None:
    node = URIRef(entity_iri(entity.id))
    g.add((node, RDF.type, term(entity.type)))
    if entity.subclass:
        g.add((node, RDF.type, term(entity.subclass)))
    g.add((node, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        g.add((node, SKOS.altLabel, Literal(alias)))
    if entity.wikidata:
        g.add((node, SKOS.exactMatch, URIRef(WIKIDATA + entity.wikidata)))
    if entity.iso3166:
        g.add((node, KG.isoCode, Literal(entity.iso3166)))


def _describe_article(g: Graph, article: Article) -> URIRef:
    node = URIRef(article_iri(article.id))
    g.add((node, RDF.type, KG.Article))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, DCTERMS.identifier, Literal(article.id)))
    if article.title:
        g.add((node, DCTERMS.title, Literal(article.title)))
    if article.date:
        g.add((node, DCTERMS.issued, date_literal(article.date)))
    if article.source:
        g.add((node, DCTERMS.publisher, Literal(article.source)))
    if article.url:
        g.add((node, DCTERMS.source, URIRef(article.url)))
    if article.path:
        g.add((node, KG.sourceKey, Literal(article.path)))
    return node


def _oriented(claim: Claim) -> tuple[str, str]:
    """Symmetric ties are stored once, with the ends in id order."""
    if claim.predicate in SYMMETRIC and claim.object < claim.subject:
        return claim.object, claim.subject
    return claim.subject, claim.object


def _dates(g: Graph, node: URIRef, claim: Claim) -> None:
    for value, prop in (
        (claim.date, KG.date),
        (claim.valid_from, KG.validFrom),
        (claim.valid_to, KG.validTo),
    ):
        if value:
            g.add((node, prop, date_literal(value)))


def _add_tie(g: Graph, claim: Claim, subject: URIRef, obj: URIRef, article: Article) -> URIRef:
    kind = TIE_CLASSES[claim.predicate]
    tie = URIRef(
        TIE
        + digest(
            article.id,
            claim.predicate,
            claim.subject,
            claim.object,
            claim.percent,
            claim.date,
            claim.valid_from,
            claim.valid_to,
            claim.status,
            claim.role,
            claim.reason,
            claim.legal_basis,
        )
    )
    g.add((tie, RDF.type, term(kind)))
    g.add((tie, RDF.type, KG.Tie))
    _dates(g, tie, claim)
    if kind == "Stake":
        g.add((tie, KG.holder, subject))
        g.add((tie, KG.asset, obj))
        if claim.percent is not None:
            g.add((tie, KG.percent, decimal_literal(claim.percent)))
        as_of = claim.date or article.date
        if as_of:
            g.add((tie, KG.asOf, date_literal(as_of)))
        if claim.status:
            g.add((tie, KG.status, KG.Announced if claim.status == "announced" else KG.Completed))
    elif kind == "Sanction":
        g.add((tie, KG.imposer, subject))
        g.add((tie, KG.target, obj))
        if claim.reason:
            g.add((tie, KG.reason, URIRef(entity_iri(claim.reason))))
        if claim.legal_basis:
            g.add((tie, KG.legalBasis, Literal(claim.legal_basis)))
        if claim.valid_from or claim.date:
            g.add((tie, KG.startDate, date_literal(claim.valid_from or claim.date or "")))
    else:
        g.add((tie, KG.participant, subject))
        g.add((tie, KG.event, obj))
        if claim.role:
            g.add((tie, KG.role, Literal(claim.role)))
    return tie


def claim_id(claim: Claim) -> str:
    """The hashed id of a claim: the same statement from the same span is one claim."""
    subject, obj = _oriented(claim)
    return digest(
        claim.article_id, subject, claim.predicate, obj, claim.start, claim.end, claim.rule
    )


def add_article(
    dataset: Dataset, article: Article, claims: Iterable[Claim], entities: Mapping[str, Entity]
) -> tuple[int, int, int]:
    """Write one article's named graph; returns (entities, claims, ties) written."""
    g = dataset.graph(URIRef(article_iri(article.id)))
    source = _describe_article(g, article)
    used: set[str] = set()
    ties: set[URIRef] = set()
    n_claims = 0
    for claim in claims:
        if claim.article_id != article.id:
            raise ModelError(
                f"claim {claim_id(claim)} belongs to {claim.article_id}, not {article.id}"
            )
        ends = [claim.subject, claim.object] + ([claim.reason] if claim.reason else [])
        for entity_id in ends:
            if entity_id not in entities:
                raise ModelError(f"article {article.id}: claim names unknown entity {entity_id!r}")
        used.update(ends)
        s_id, o_id = _oriented(claim)
        subject, obj = URIRef(entity_iri(s_id)), URIRef(entity_iri(o_id))
        predicate = term(claim.predicate)
        g.add((subject, predicate, obj))
        node = URIRef(CLAIM + claim_id(claim))
        n_claims += 1
        g.add((node, RDF.type, KG.Claim))
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, subject))
        g.add((node, RDF.predicate, predicate))
        g.add((node, RDF.object, obj))
        g.add((node, KG.evidence, Literal(claim.evidence)))
        g.add((node, KG.startChar, Literal(claim.start)))
        g.add((node, KG.endChar, Literal(claim.end)))
        g.add((node, KG.rule, Literal(claim.rule)))
        g.add((node, KG.confidence, decimal_literal(claim.confidence, places=3)))
        g.add((node, PROV.wasDerivedFrom, source))
        if article.date:
            g.add((node, KG.reportedOn, date_literal(article.date)))
        _dates(g, node, claim)
        if claim.predicate in TIE_CLASSES:
            tie = _add_tie(g, claim, subject, obj, article)
            ties.add(tie)
            g.add((node, KG.tie, tie))
    for entity_id in sorted(used):
        _describe_entity(g, entities[entity_id])
    return len(used), n_claims, len(ties)


def build_dataset(
    articles: Iterable[Article], claims: Iterable[Claim], entities: Mapping[str, Entity]
) -> BuildResult:
    """Build the dataset of ``articles`` from their ``claims``.

    >>> from kg.model import Article, Claim, Entity
    >>> ents = {e.id: e for e in [Entity("alibaba-group", "Alibaba Group", "Company"),
    ...                           Entity("aliexpress-russia", "AliExpress Russia", "Company")]}
    >>> art = Article("a1", "Alibaba will hold 48 percent.", date="2018-09-11")
    >>> c = Claim("alibaba-group", "ownsStakeIn", "aliexpress-russia", "a1",
    ...           "Alibaba will hold 48 percent.", 0, 29, "stake.percent.v1", 0.9, percent=48)
    >>> result = build_dataset([art], [c], ents)
    >>> result.claims, result.ties
    (1, 1)
    """
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    dataset = Dataset()
    seen: set[str] = set()
    total = [0, 0, 0]
    n_articles = 0
    for article in articles:
        if article.id in seen:
            raise ModelError(f"article id {article.id!r} occurs twice")
        seen.add(article.id)
        n_articles += 1
        for i, n in enumerate(
            add_article(dataset, article, by_article.pop(article.id, []), entities)
        ):
            total[i] += n
    if by_article:
        raise ModelError(f"claims refer to unknown article(s): {', '.join(sorted(by_article))}")
    return BuildResult(dataset, n_articles, total[0], total[1], total[2])


def to_nquads(dataset: Dataset) -> bytes:
    """Sorted N-Quads: the same dataset always gives the same bytes."""
    data = dataset.serialize(format="nquads", encoding="utf-8")
    lines = sorted(set(line for line in data.splitlines() if line.strip()))
    return b"".join(line + b"\n" for line in lines)
