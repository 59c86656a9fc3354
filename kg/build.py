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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, Dataset, Literal, URIRef

from kg.errors import ModelError
from kg.ids import CLAIM, TIE, WIKIDATA, article_iri, digest, entity_iri
from kg.model import SYMMETRIC, TIE_CLASSES, Article, Claim, Entity
from kg.vocab import term

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


class Lit(NamedTuple):
    """A literal object: its lexical form and datatype IRI (None: a plain string)."""

    text: str
    datatype: str | None = None


#: A triple of an article's graph: subject and predicate IRIs, an IRI or a literal.
Triple = tuple[str, str, "str | Lit"]

_TYPE = str(RDF.type)
_LABEL, _ALT, _EXACT = str(RDFS.label), str(SKOS.altLabel), str(SKOS.exactMatch)
_XSD_DATES = {n: str(t) for n, t in _DATE_TYPES.items()}
_XSD_DECIMAL, _XSD_INTEGER = str(XSD.decimal), str(XSD.integer)


@cache
def _term(name: str) -> str:
    """The ontology term called ``name`` (AttributeError if it lacks one), as an IRI."""
    return str(term(name))


def _date(value: str) -> Lit:
    return Lit(value, _XSD_DATES[len(value)])


def _decimal(value: float, places: int = 6) -> Lit:
    return Lit(str(decimal_literal(value, places)), _XSD_DECIMAL)


def _entity_triples(entity: Entity) -> list[Triple]:
    node = entity_iri(entity.id)
    out: list[Triple] = [(node, _TYPE, _term(entity.type))]
    if entity.subclass:
        out.append((node, _TYPE, _term(entity.subclass)))
    out.append((node, _LABEL, Lit(entity.label)))
    out += [(node, _ALT, Lit(alias)) for alias in entity.aliases]
    if entity.wikidata:
        out.append((node, _EXACT, WIKIDATA + entity.wikidata))
    if entity.iso3166:
        out.append((node, _term("isoCode"), Lit(entity.iso3166)))
    return out


def _article_triples(article: Article) -> list[Triple]:
    node = article_iri(article.id)
    out: list[Triple] = [
        (node, _TYPE, _term("Article")),
        (node, _TYPE, str(PROV.Entity)),
        (node, str(DCTERMS.identifier), Lit(article.id)),
    ]
    if article.title:
        out.append((node, str(DCTERMS.title), Lit(article.title)))
    if article.date:
        out.append((node, str(DCTERMS.issued), _date(article.date)))
    if article.source:
        out.append((node, str(DCTERMS.publisher), Lit(article.source)))
    if article.url:
        out.append((node, str(DCTERMS.source), article.url))
    if article.path:
        out.append((node, _term("sourceKey"), Lit(article.path)))
    return out


def _oriented(claim: Claim) -> tuple[str, str]:
    """Symmetric ties are stored once, with the ends in id order."""
    if claim.predicate in SYMMETRIC and claim.object < claim.subject:
        return claim.object, claim.subject
    return claim.subject, claim.object


def _dates(out: list[Triple], node: str, claim: Claim) -> None:
    for value, prop in (
        (claim.date, "date"),
        (claim.valid_from, "validFrom"),
        (claim.valid_to, "validTo"),
    ):
        if value:
            out.append((node, _term(prop), _date(value)))


def _tie_triples(out: list[Triple], claim: Claim, subject: str, obj: str, article: Article) -> str:
    kind = TIE_CLASSES[claim.predicate]
    tie = TIE + digest(
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
    out.append((tie, _TYPE, _term(kind)))
    out.append((tie, _TYPE, _term("Tie")))
    _dates(out, tie, claim)
    if kind == "Stake":
        out.append((tie, _term("holder"), subject))
        out.append((tie, _term("asset"), obj))
        if claim.percent is not None:
            out.append((tie, _term("percent"), _decimal(claim.percent)))
        as_of = claim.date or article.date
        if as_of:
            out.append((tie, _term("asOf"), _date(as_of)))
        if claim.status:
            status = "Announced" if claim.status == "announced" else "Completed"
            out.append((tie, _term("status"), _term(status)))
    elif kind == "Sanction":
        out.append((tie, _term("imposer"), subject))
        out.append((tie, _term("target"), obj))
        if claim.reason:
            out.append((tie, _term("reason"), entity_iri(claim.reason)))
        if claim.legal_basis:
            out.append((tie, _term("legalBasis"), Lit(claim.legal_basis)))
        if claim.valid_from or claim.date:
            out.append((tie, _term("startDate"), _date(claim.valid_from or claim.date or "")))
    else:
        out.append((tie, _term("participant"), subject))
        out.append((tie, _term("event"), obj))
        if claim.role:
            out.append((tie, _term("role"), Lit(claim.role)))
    return tie


def claim_id(claim: Claim) -> str:
    """The hashed id of a claim: the same statement from the same span is one claim."""
    subject, obj = _oriented(claim)
    return digest(
        claim.article_id, subject, claim.predicate, obj, claim.start, claim.end, claim.rule
    )


def article_triples(
    article: Article, claims: Iterable[Claim], entities: Mapping[str, Entity]
) -> tuple[list[Triple], int, int, int]:
    """The triples of one article's named graph, and its (entities, claims, ties) counts.

    The one description of the graph model: :func:`add_article` turns the
    triples into rdflib terms, :func:`article_nquads` into N-Quads text.
    A triple may come twice (an entity two claims name); a graph holds it once.
    """
    out = _article_triples(article)
    source = article_iri(article.id)
    reported = _date(article.date) if article.date else None
    used: set[str] = set()
    ties: set[str] = set()
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
        subject, obj = entity_iri(s_id), entity_iri(o_id)
        predicate = _term(claim.predicate)
        out.append((subject, predicate, obj))
        node = CLAIM + claim_id(claim)
        n_claims += 1
        out += [
            (node, _TYPE, _term("Claim")),
            (node, _TYPE, str(RDF.Statement)),
            (node, str(RDF.subject), subject),
            (node, str(RDF.predicate), predicate),
            (node, str(RDF.object), obj),
            (node, _term("evidence"), Lit(claim.evidence)),
            (node, _term("startChar"), Lit(str(claim.start), _XSD_INTEGER)),
            (node, _term("endChar"), Lit(str(claim.end), _XSD_INTEGER)),
            (node, _term("rule"), Lit(claim.rule)),
            (node, _term("confidence"), _decimal(claim.confidence, places=3)),
            (node, str(PROV.wasDerivedFrom), source),
        ]
        if reported is not None:
            out.append((node, _term("reportedOn"), reported))
        _dates(out, node, claim)
        if claim.predicate in TIE_CLASSES:
            tie = _tie_triples(out, claim, subject, obj, article)
            ties.add(tie)
            out.append((node, _term("tie"), tie))
    for entity_id in sorted(used):
        out += _entity_triples(entities[entity_id])
    return out, len(used), n_claims, len(ties)


def _rdflib(obj: str | Lit) -> URIRef | Literal:
    if isinstance(obj, Lit):
        return Literal(obj.text, datatype=URIRef(obj.datatype) if obj.datatype else None)
    return URIRef(obj)


def add_article(
    dataset: Dataset, article: Article, claims: Iterable[Claim], entities: Mapping[str, Entity]
) -> tuple[int, int, int]:
    """Write one article's named graph; returns (entities, claims, ties) written."""
    g = dataset.graph(URIRef(article_iri(article.id)))
    triples, n_entities, n_claims, n_ties = article_triples(article, claims, entities)
    for s, p, o in triples:
        g.add((URIRef(s), URIRef(p), _rdflib(o)))
    return n_entities, n_claims, n_ties


def _escape(text: str) -> str:
    # as rdflib's N-Quads writer escapes a literal's lexical form
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")


def article_nquads(
    article: Article, claims: Iterable[Claim], entities: Mapping[str, Entity]
) -> tuple[list[str], int, int, int]:
    """One article's named graph as N-Quads lines (no newline, unsorted, maybe repeated),
    and its (entities, claims, ties) counts; the same quads as :func:`add_article` writes."""
    triples, n_entities, n_claims, n_ties = article_triples(article, claims, entities)
    graph = f"<{article_iri(article.id)}> ."
    lines = []
    for s, p, o in triples:
        if isinstance(o, Lit):
            text = _escape(o.text)
            obj = f'"{text}"^^<{o.datatype}>' if o.datatype else f'"{text}"'
        else:
            obj = f"<{o}>"
        lines.append(f"<{s}> <{p}> {obj} {graph}")
    return lines, n_entities, n_claims, n_ties


def sorted_nquads(lines: Iterable[str]) -> bytes:
    """N-Quads lines, each once, sorted, UTF-8: what :func:`to_nquads` writes for them."""
    unique = sorted(set(lines))
    try:
        return "".join(line + "\n" for line in unique).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: rdflib writes "?" for it, then sorts
        data = {line.encode("utf-8", "replace") for line in unique}
        return b"".join(line + b"\n" for line in sorted(data))


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
    dataset = Dataset()
    total = [0, 0, 0, 0]
    for article, its in _grouped(articles, claims):
        total[0] += 1
        for i, n in enumerate(add_article(dataset, article, its, entities), start=1):
            total[i] += n
    return BuildResult(dataset, *total)


def _grouped(
    articles: Iterable[Article], claims: Iterable[Claim]
) -> Iterator[tuple[Article, list[Claim]]]:
    """Each article with its claims; an article twice, or a claim of none, raises ModelError."""
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise ModelError(f"article id {article.id!r} occurs twice")
        seen.add(article.id)
        yield article, by_article.pop(article.id, [])
    if by_article:
        raise ModelError(f"claims refer to unknown article(s): {', '.join(sorted(by_article))}")


@dataclass(frozen=True)
class NQuadsResult:
    data: bytes  # sorted N-Quads, each quad once
    articles: int
    entities: int
    claims: int
    ties: int


def build_nquads(
    articles: Iterable[Article], claims: Iterable[Claim], entities: Mapping[str, Entity]
) -> NQuadsResult:
    """The bytes ``to_nquads(build_dataset(articles, claims, entities).dataset)`` gives,
    written straight from the triples: no rdflib graph, many times faster.

    >>> from kg.model import Article
    >>> result = build_nquads([Article("a1", "Nothing to see.")], [], {})
    >>> result.articles, result.data.decode().splitlines()[0].split()[1:3]
    (1, ['<http://purl.org/dc/terms/identifier>', '"a1"'])
    """
    lines: list[str] = []
    total = [0, 0, 0, 0]
    for article, its in _grouped(articles, claims):
        total[0] += 1
        quads, *counts = article_nquads(article, its, entities)
        lines += quads
        for i, n in enumerate(counts, start=1):
            total[i] += n
    return NQuadsResult(sorted_nquads(lines), *total)


def to_nquads(dataset: Dataset) -> bytes:
    """Sorted N-Quads: the same dataset always gives the same bytes."""
    data = dataset.serialize(format="nquads", encoding="utf-8")
    lines = sorted(set(line for line in data.splitlines() if line.strip()))
    return b"".join(line + b"\n" for line in lines)
