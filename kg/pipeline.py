"""The functions behind ``kg extract``, ``kg build`` and ``kg eval``.

Each has the name and options of its command; the CLI only parses options,
calls one of these and prints the report it returns.

* :func:`extract` reads articles, extracts and resolves their entities and
  ties, and writes one ``NAME.json`` per article in the eval format of
  ``../shared/eval/FORMAT.md`` (plus ids, evidence, rule, confidence, date).
* :func:`build` adds articles to the store incrementally: an article whose
  graph is already there is left alone, an edited one (same source path, new
  text) replaces its old graph, a new one is added; all in one transaction.
* :func:`evaluate` scores the extractor on a gold folder of ``NAME.txt`` and
  ``NAME.json`` pairs.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import math
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, cast

import pyoxigraph as ox

from kg.build import NQuadsResult, build_nquads
from kg.errors import InputError, ModelError, OutputError, StoreError, UsageError
from kg.extract.extractor import Extractor
from kg.ids import ARTICLE, ENTITY, ONTOLOGY, article_iri, is_slug
from kg.ingest import Skipped, read_articles
from kg.model import (
    ENTITY_TYPES,
    EVAL_PREDICATES,
    SUBCLASSES,
    Article,
    ArticleExtraction,
    Claim,
    Entity,
)
from kg.rdfio import write_atomic
from kg.registry import Registry, load_registry, registry_files
from kg.resolve import Judgements, Resolution, resolve, to_claims
from kg.scoring import EvalReport, combine, load_gold_dir, read_gold, score_document
from kg.store import DB, MARKER, default_store, open_store, transaction

__all__ = [
    "BuildReport",
    "ExtractReport",
    "article_document",
    "build",
    "document_bytes",
    "evaluate",
    "extract",
]

Progress = Callable[[int, int], None]
#: Articles whose graphs are built together before being written out.
_BUILD_CHUNK = 200

#: Source files whose name is the article's document name in the eval format.
_WHOLE_FILE_SUFFIXES: Final = frozenset({".txt", ".md", ".html", ".htm"})
#: Articles per task sent to a worker process.
_MAX_CHUNK: Final = 16

_PREFIXES: Final = {
    "kg": ONTOLOGY,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
_ARTICLE_GRAPHS: Final = """
SELECT ?g ?key WHERE { GRAPH ?g { ?a a kg:Article . OPTIONAL { ?a kg:sourceKey ?key } } }
"""
# One property per query: joining them over the union of graphs multiplies the rows.
_TYPE_ROWS: Final = f"""
SELECT DISTINCT ?e ?type WHERE {{
  ?e a ?type . FILTER(STRSTARTS(STR(?e), "{ENTITY}") && STRSTARTS(STR(?type), "{ONTOLOGY}"))
}}
"""
_LABEL_ROWS: Final = f"""
SELECT DISTINCT ?e ?label WHERE {{ ?e rdfs:label ?label . FILTER(STRSTARTS(STR(?e), "{ENTITY}")) }}
"""
_ALIAS_ROWS: Final = f"""
SELECT DISTINCT ?e ?alias WHERE {{
  ?e skos:altLabel ?alias . FILTER(STRSTARTS(STR(?e), "{ENTITY}"))
}}
"""


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class ExtractReport:
    """What :func:`extract` did: counts, the inputs skipped and the files written."""

    articles: int
    entities: int
    claims: int
    skipped: tuple[Skipped, ...]
    written: list[Path]
    decisions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BuildReport:
    """What :func:`build` did to the store.

    ``new``, ``replaced`` and ``unchanged`` count the articles read;
    ``entities`` and ``claims`` are those of the graphs written now.
    """

    articles: int
    new: int
    replaced: int
    unchanged: int
    entities: int
    claims: int
    warnings: list[str]
    skipped: tuple[Skipped, ...]
    store: Path | None = None
    decisions: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- shared tools


def _registry_stamp(path: Path | None) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """The registry folder and its files' sizes and times: a cache key that notices edits."""
    from kg.resources import registry_dir

    folder = Path(path) if path is not None else registry_dir()
    stamps = []
    for file in registry_files(folder):
        try:
            info = file.stat()
        except OSError as exc:
            raise InputError(file, f"cannot read: {exc.strerror}") from None
        stamps.append((str(file), info.st_mtime_ns, info.st_size))
    return str(folder), tuple(stamps)


@functools.lru_cache(maxsize=4)
def _cached_registry(stamp: tuple[str, tuple[tuple[str, int, int], ...]]) -> Registry:
    return load_registry(Path(stamp[0]))


@functools.lru_cache(maxsize=4)
def _cached_extractor(
    stamp: tuple[str, tuple[tuple[str, int, int], ...]], spacy_model: str | None
) -> Extractor:
    registry = _cached_registry(stamp)
    if spacy_model is None:
        return Extractor(registry)
    # Through Any: the keyword exists only in an extractor that supports it.
    make: Any = Extractor
    return cast(Extractor, make(registry, spacy_model=spacy_model))


def _check_spacy_model(spacy_model: str | None) -> None:
    if spacy_model is not None and "spacy_model" not in inspect.signature(Extractor).parameters:
        raise UsageError(
            f"--spacy-model {spacy_model!r} is not supported yet",
            hint="the extractor runs on a blank English pipeline; leave the option out",
        )


def _registry(path: Path | None) -> Registry:
    return _cached_registry(_registry_stamp(path))


def _extractor(path: Path | None, spacy_model: str | None = None) -> Extractor:
    """One extractor per registry (and spaCy model), built once per process."""
    _check_spacy_model(spacy_model)
    return _cached_extractor(_registry_stamp(path), spacy_model)


_WORKER: dict[str, Extractor] = {}


def _init_worker(registry: str | None, spacy_model: str | None) -> None:
    """Process-pool initializer: build this process's one extractor."""
    _WORKER["extractor"] = _extractor(Path(registry) if registry else None, spacy_model)


def _extract_chunk(articles: list[Article]) -> list[ArticleExtraction]:
    extractor = _WORKER["extractor"]
    return [extractor.extract(article) for article in articles]


def _pool(workers: int, registry: Path | None, spacy_model: str | None) -> ProcessPoolExecutor:
    """``workers`` processes, each with its own extractor."""
    _check_spacy_model(spacy_model)
    return ProcessPoolExecutor(
        max_workers=workers,
        initializer=_init_worker,
        initargs=(str(registry) if registry is not None else None, spacy_model),
    )


def _extract_all(
    articles: Sequence[Article],
    *,
    registry: Path | None,
    spacy_model: str | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> list[ArticleExtraction]:
    """Extract every article, in input order; ``workers > 1`` uses that many processes
    (those of ``pool`` when given)."""
    total = len(articles)
    done: list[ArticleExtraction] = []
    if workers <= 1 or total < 2:
        extractor = _extractor(registry, spacy_model)
        for article in articles:
            done.append(extractor.extract(article))
            if progress is not None:
                progress(len(done), total)
        return done
    size = max(1, min(_MAX_CHUNK, math.ceil(total / (workers * 4))))
    chunks = [list(articles[i : i + size]) for i in range(0, total, size)]
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(_pool(min(workers, len(chunks)), registry, spacy_model))
        for extracted in pool.map(_extract_chunk, chunks):  # results in input order
            done.extend(extracted)
            if progress is not None:
                progress(len(done), total)
    return done


def _read(
    paths: Iterable[Path | str], skip_bad: bool, parallel: bool = False
) -> tuple[list[Article], tuple[Skipped, ...]]:
    given = [Path(p) for p in paths]
    if not given:
        raise UsageError("no articles given", hint="give one or more files or folders")
    result = read_articles(given, skip_bad=skip_bad, parallel=parallel)
    return list(result.articles), result.skipped


# --------------------------------------------------------------------------- extract


def _document_name(article: Article) -> str:
    """``NAME.txt``, or the source file's own name when the article is a whole file."""
    if article.path:
        source = Path(article.path)
        if source.suffix.lower() in _WHOLE_FILE_SUFFIXES:
            return source.name
    return f"{article.name or article.id}.txt"


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def article_document(extraction: ArticleExtraction, resolution: Resolution) -> dict[str, Any]:
    """One article's entities and ties in the eval format, with extras.

    Entities carry ``id``; relations carry ``evidence``, ``rule``,
    ``confidence`` and ``date`` (the stated date, else the article's), and
    ``percent`` only when known. Relation ends are entity names (labels), so
    any FORMAT.md scorer can read the document. Aliases are the registry's
    aliases and the surface forms seen; lists are sorted.
    """
    article = extraction.article
    forms: dict[str, set[str]] = {}
    for found in extraction.entities:
        entity_id = resolution.ids[(article.id, found.key)]
        forms.setdefault(entity_id, set()).update((found.label, *found.aliases))
    entities: list[dict[str, Any]] = []
    for entity_id, seen in forms.items():
        entity = resolution.entities[entity_id]
        aliases = sorted((set(entity.aliases) | seen) - {entity.label})
        entities.append(
            {"name": entity.label, "type": entity.type, "aliases": aliases, "id": entity_id}
        )
    entities.sort(key=lambda e: (e["name"], e["type"], e["id"]))
    relations: dict[str, dict[str, Any]] = {}
    for claim in to_claims(resolution, extraction):
        if claim.predicate not in EVAL_PREDICATES:
            continue
        relation = _relation(claim, resolution, article)
        relations[json.dumps(relation, sort_keys=True)] = relation
    ordered = sorted(relations.values(), key=_relation_order)
    return {"document": _document_name(article), "entities": entities, "relations": ordered}


def _relation(claim: Claim, resolution: Resolution, article: Article) -> dict[str, Any]:
    relation: dict[str, Any] = {
        "subject": resolution.entities[claim.subject].label,
        "predicate": claim.predicate,
        "object": resolution.entities[claim.object].label,
        "evidence": claim.evidence,
        "rule": claim.rule,
        "confidence": claim.confidence,
    }
    if claim.percent is not None:
        relation["percent"] = _number(claim.percent)
    date = claim.date or claim.valid_from or article.date
    if date:
        relation["date"] = date
    return relation


def _relation_order(relation: dict[str, Any]) -> tuple[Any, ...]:
    percent = relation.get("percent")
    return (
        relation["subject"],
        relation["predicate"],
        relation["object"],
        percent is None,
        percent or 0,
        relation["evidence"],
        relation["rule"],
        relation.get("date") or "",
        relation["confidence"],
    )


def document_bytes(document: dict[str, Any]) -> bytes:
    """The stable bytes of an eval document: sorted keys, two-space indent, UTF-8."""
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _check_names(articles: Sequence[Article]) -> None:
    first: dict[str, Article] = {}
    for article in articles:
        name = article.name or article.id
        if name in first:
            other = first[name]
            raise InputError(
                article.path or article.id,
                f"article name {name!r} is also the name of {other.path or other.id}",
                hint="two articles would write the same NAME.json; rename one of them",
            )
        first[name] = article


def _check_not_beside_sources(folder: Path, articles: Sequence[Article]) -> None:
    """Refuse to overwrite a ``NAME.json`` that sits beside its source ``NAME.txt``: a gold file."""
    here = folder.resolve()
    for article in articles:
        if not article.path:
            continue
        source = Path(article.path)
        target = folder / f"{article.name or article.id}.json"
        if source.parent.resolve() == here and source.stem == target.stem and target.exists():
            raise OutputError(
                target,
                f"would overwrite the file beside its source {source.name} (a gold file?)",
                hint="write the predictions to another --out folder",
            )


def _out_folder(out: Path) -> Path:
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(out, "exists and is not a folder", hint="give a folder with --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out, f"cannot create the folder: {exc.strerror}") from None
    return out


def extract(
    paths: Sequence[Path | str],
    *,
    out: Path,
    registry: Path | None = None,
    skip_bad: bool = False,
    spacy_model: str | None = None,
    judgements: Path | None = None,
) -> ExtractReport:
    """Extract entities and ties from articles; write one ``NAME.json`` per article into ``out``.

    The files are in the eval format (``../shared/eval/FORMAT.md``) with
    extras, written through a temporary file and a rename; the same input
    always gives the same bytes. Entities are resolved across all the
    articles given. ``judgements`` defaults to ``data/judgements.jsonl``.
    Two articles with the same NAME raise :class:`InputError`.
    """
    _check_spacy_model(spacy_model)
    _extractor(registry, spacy_model)  # a bad registry or model fails before any output
    reg = _registry(registry)
    judged = Judgements.load(judgements)
    articles, skipped = _read(paths, skip_bad)
    _check_names(articles)
    folder = _out_folder(out)
    _check_not_beside_sources(folder, articles)
    extractions = _extract_all(articles, registry=registry, spacy_model=spacy_model)
    resolution = resolve(extractions, reg, judged)
    written: list[Path] = []
    claims = 0
    for extraction in extractions:
        document = article_document(extraction, resolution)
        claims += len(to_claims(resolution, extraction))
        target = folder / f"{extraction.article.name or extraction.article.id}.json"
        write_atomic(target, document_bytes(document))
        written.append(target)
    used = {resolution.ids[(x.article.id, e.key)] for x in extractions for e in x.entities}
    return ExtractReport(
        articles=len(articles),
        entities=len(used),
        claims=claims,
        skipped=skipped,
        written=written,
        decisions=resolution.decisions,
    )


# --------------------------------------------------------------------------- build


@dataclass(frozen=True)
class _StoreState:
    graphs: dict[str, str | None]  # article graph IRI -> source key
    known: tuple[Entity, ...]  # entities in the store that the registry lacks
    warnings: tuple[str, ...] = ()


def _rows(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    result = store.query(query, prefixes=_PREFIXES, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _article_graphs(store: ox.Store) -> dict[str, str | None]:
    graphs: dict[str, str | None] = {}
    for row in _rows(store, _ARTICLE_GRAPHS):
        graph, key = row["g"], row["key"]
        if not isinstance(graph, ox.NamedNode) or not graph.value.startswith(ARTICLE):
            continue
        value = key.value if isinstance(key, ox.Literal) else None
        old = graphs.get(graph.value)
        graphs[graph.value] = (
            min(v for v in (old, value) if v is not None) if old or value else None
        )
    return graphs


def _known_entities(store: ox.Store, registry: Registry) -> tuple[list[Entity], list[str]]:
    """Entities described in the store that the registry lacks: earlier runs' new entities."""
    types: dict[str, set[str]] = {}
    for row in _rows(store, _TYPE_ROWS):
        iri, kind = row["e"], row["type"]
        assert isinstance(iri, ox.NamedNode) and isinstance(kind, ox.NamedNode)
        entity_id = iri.value[len(ENTITY) :]
        if entity_id not in registry:
            types.setdefault(entity_id, set()).add(kind.value[len(ONTOLOGY) :])
    labels: dict[str, set[str]] = {}
    for row in _rows(store, _LABEL_ROWS):
        iri, label = row["e"], row["label"]
        assert isinstance(iri, ox.NamedNode)
        entity_id = iri.value[len(ENTITY) :]
        if entity_id in types and isinstance(label, ox.Literal):
            labels.setdefault(entity_id, set()).add(label.value)
    aliases: dict[str, set[str]] = {}
    for row in _rows(store, _ALIAS_ROWS):
        iri, alias = row["e"], row["alias"]
        if isinstance(iri, ox.NamedNode) and isinstance(alias, ox.Literal):
            aliases.setdefault(iri.value[len(ENTITY) :], set()).add(alias.value)
    entities: list[Entity] = []
    warnings: list[str] = []
    for entity_id in sorted(labels):
        base = [t for t in ENTITY_TYPES if t in types[entity_id]]
        if not is_slug(entity_id) or not base:
            continue
        kind = base[0]
        sub = sorted(t for t in types[entity_id] if t in SUBCLASSES.get(kind, ()))
        label = min(labels[entity_id])
        if len(base) > 1 or len(labels[entity_id]) > 1:
            warnings.append(
                f"store entity {entity_id} has several types or labels; taken as {label!r} ({kind})"
            )
        try:
            entities.append(
                Entity(
                    entity_id,
                    label,
                    kind,
                    sub[0] if sub else None,
                    tuple(sorted(aliases.get(entity_id, set()) - {label})),
                )
            )
        except ModelError as exc:
            warnings.append(f"store entity {entity_id} ignored: {exc.message}")
    return entities, warnings


def _store_state(path: Path, registry: Registry) -> _StoreState:
    """The article graphs and extra entities of the store at ``path`` (empty if none yet)."""
    if not path.exists():
        return _StoreState({}, ())
    if path.is_dir() and (
        not any(path.iterdir()) or ((path / MARKER).is_file() and not (path / DB).exists())
    ):
        return _StoreState({}, ())
    with open_store(path, "r") as handle:
        graphs = _article_graphs(handle.store)
        known, warnings = _known_entities(handle.store, registry)
    return _StoreState(graphs, tuple(known), tuple(warnings))


def build(
    paths: Sequence[Path | str],
    *,
    store: Path | None = None,
    registry: Path | None = None,
    skip_bad: bool = False,
    workers: int = 1,
    progress: Progress | None = None,
    judgements: Path | None = None,
) -> BuildReport:
    """Extract, resolve and add articles to the store, incrementally and all at once.

    An article whose graph (named by its content hash) is in the store
    already is unchanged and not extracted again. An article whose source
    path (``kg:sourceKey``) names a graph of other text is an edit: that old
    graph is removed. Only changed and new articles are extracted; their new
    entities are resolved against the registry and the new entities already
    in the store, so ids stay stable across runs. With ``workers`` > 1, the
    work done article by article (extraction, then writing each article's
    graph as N-Quads) runs in that many processes, and languages are detected
    on all cores at once; this process reads, resolves (which needs every
    article) and bulk-loads the store. The store is the same for any number
    of workers. Removals and additions happen in one
    transaction: if anything fails, the store is left as it was. When
    nothing changed the store is not written at all. ``progress(done, total)``
    is called as articles are extracted.
    """
    if workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {workers}")
    store_path = Path(store) if store is not None else default_store()
    reg = _registry(registry)
    judged = Judgements.load(judgements)
    articles, skipped = _read(paths, skip_bad, parallel=workers > 1)
    state = _store_state(store_path, reg)
    warnings = list(state.warnings)

    input_iris = {article_iri(a.id) for a in articles}
    by_key: dict[str, list[str]] = {}
    for iri, key in state.graphs.items():
        if key is not None:
            by_key.setdefault(key, []).append(iri)
    todo: list[Article] = []
    remove: set[str] = set()
    unchanged = replaced = 0
    for article in articles:
        if article_iri(article.id) in state.graphs:
            unchanged += 1
            continue
        todo.append(article)
        old = [i for i in by_key.get(article.path or "", []) if i not in input_iris]
        if old:
            replaced += 1
            remove.update(old)
            if len(old) > 1:
                warnings.append(f"{article.path}: replaces {len(old)} earlier versions")
    report = functools.partial(
        BuildReport,
        articles=len(articles),
        new=len(todo) - replaced,
        replaced=replaced,
        unchanged=unchanged,
        skipped=skipped,
        store=store_path,
    )
    if not todo:
        return report(entities=0, claims=0, warnings=warnings)

    used: set[str] = set()
    n_claims = 0
    with contextlib.ExitStack() as stack:
        # one pool for both steps that work article by article: extraction, then N-Quads
        pool = stack.enter_context(_pool(workers, registry, None)) if workers > 1 else None
        extractions = _extract_all(
            todo, registry=registry, workers=workers, progress=progress, pool=pool
        )
        resolution = resolve(extractions, reg, judged, known=state.known)
        warnings += [d for d in resolution.decisions if d.startswith("judgement unsure")]
        jobs = []
        for start in range(0, len(extractions), _BUILD_CHUNK):
            chunk = extractions[start : start + _BUILD_CHUNK]
            claims = [claim for x in chunk for claim in to_claims(resolution, x)]
            n_claims += len(claims)
            used.update(end for claim in claims for end in (claim.subject, claim.object))
            jobs.append(_graph_job(chunk, claims, resolution.entities))
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-build-"))
        # Each chunk's graphs are written to the file as they come, so memory
        # stays flat however many articles there are.
        nquads = Path(tmp) / "new.nq"
        with nquads.open("wb") as out:
            results = pool.map(_graph_chunk, jobs) if pool else map(_graph_chunk, jobs)
            for built in results:  # in input order
                out.write(built.data)
        if pool is not None:
            pool.shutdown()  # the workers' memory back before the store loads
        del jobs, extractions
        with transaction(store_path) as handle:
            if _article_graphs(handle.store) != state.graphs:
                raise StoreError(
                    store_path,
                    "another process changed the store during the build",
                    hint="run the build again",
                )
            for iri in sorted(remove):
                handle.store.remove_graph(ox.NamedNode(iri))
            # the transaction works on a copy of the store, so the bulk loader is safe here
            handle.store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    return report(
        entities=len(used), claims=n_claims, warnings=warnings, decisions=resolution.decisions
    )


_GraphJob = tuple[list[Article], list[Claim], dict[str, Entity]]


def _graph_job(
    chunk: Sequence[ArticleExtraction], claims: list[Claim], entities: Mapping[str, Entity]
) -> _GraphJob:
    """What a worker needs to write the graphs of ``chunk``: no article text (the graph
    holds none but the claims' sentences), only the entities the claims name."""
    articles = [replace(x.article, text="") for x in chunk]
    names = {e for c in claims for e in (c.subject, c.object, c.reason) if e}
    return articles, claims, {e: entities[e] for e in names if e in entities}


def _graph_chunk(job: _GraphJob) -> NQuadsResult:
    """The sorted N-Quads of some articles' graphs (run in a worker process)."""
    return build_nquads(*job)


# --------------------------------------------------------------------------- evaluate


#: an article of a gold folder, its gold document and the name it is scored under
GoldArticle = tuple[Article, dict[str, Any], str]


def read_gold_articles(gold_dir: Path) -> list[GoldArticle]:
    """The articles of a gold folder, read as ingest reads them (front matter
    stripped, every language kept), each with its gold document and name."""
    docs: list[GoldArticle] = []
    for _name, text_path, gold_path in load_gold_dir(gold_dir):
        gold = read_gold(gold_path)
        result = read_articles([text_path], languages=())
        if not result.articles:
            reason = result.skipped[0].reason if result.skipped else "no article text"
            raise InputError(text_path, f"cannot be read as an article: {reason}")
        docs.append((result.articles[0], gold, str(gold.get("document") or text_path.name)))
    return docs


def score_extractions(
    docs: Sequence[GoldArticle],
    extractions: Sequence[ArticleExtraction],
    registry: Registry,
    judged: Judgements,
) -> EvalReport:
    """Resolve the extractions of ``docs`` together, as :func:`extract` does, and
    score each against its gold file (:func:`kg.scoring.score_document`)."""
    resolution = resolve(extractions, registry, judged)
    return combine(
        score_document(
            gold,
            article_document(extraction, resolution),
            extraction.article.text,
            name=name,
        )
        for (_article, gold, name), extraction in zip(docs, extractions, strict=True)
    )


def evaluate(
    gold_dir: Path | str,
    *,
    registry: Path | None = None,
    show_errors: bool = False,
    judgements: Path | None = None,
) -> EvalReport:
    """Score extraction on a gold folder of ``NAME.txt`` / ``NAME.json`` pairs.

    Each text is read as ingest reads it (front matter stripped, every
    language kept), all texts are extracted and resolved together as
    :func:`extract` does, and each document is scored against its gold file
    (:func:`kg.scoring.score_document`); the result is the micro-average.
    The per-item errors are kept only with ``show_errors``.
    """
    docs = read_gold_articles(Path(gold_dir))
    extractions = _extract_all([article for article, _, _ in docs], registry=registry)
    combined = score_extractions(
        docs, extractions, _registry(registry), Judgements.load(judgements)
    )
    return combined if show_errors else replace(combined, errors=())
