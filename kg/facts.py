"""Curated facts: hand-written statements compiled into the graph model.

A facts file (``data/facts/*.json``) lists curated sources; each source has
facts, and each fact is one sentence we wrote plus the claims it states::

    {"articles": [{"id": "curated-...", "title": "...", "date": "2018-09-11",
                   "source": "kg curators",
                   "facts": [{"text": "Alibaba Group is to hold 48 percent of ...",
                              "claims": [{"subject": "alibaba-group",
                                          "predicate": "ownsStakeIn",
                                          "object": "aliexpress-russia",
                                          "percent": 48, "status": "announced"}]}]}]}

The source's text is its fact sentences joined by newlines, so every claim
has a real sentence and offsets, like an extracted one. Entity ids must be
in the registry. ``python -m kg.facts FILE.json`` writes ``FILE.trig``
beside it (``make facts``); that TriG is what ``kg load`` reads.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.build import build_dataset, to_nquads
from kg.errors import InputError, KgError, ModelError
from kg.model import Article, Claim
from kg.rdfio import serialize_quads, write_atomic
from kg.registry import Registry, load_registry

RULE = "curated.v1"
_CLAIM_KEYS = {
    "subject",
    "predicate",
    "object",
    "percent",
    "date",
    "valid_from",
    "valid_to",
    "status",
    "role",
    "reason",
    "legal_basis",
}


def _compile_article(raw: dict[str, Any], where: str) -> tuple[Article, list[Claim]]:
    facts = raw.get("facts")
    if not isinstance(facts, list) or not facts:
        raise ModelError(f"{where}: 'facts' must be a non-empty list")
    text_parts: list[str] = []
    claims: list[Claim] = []
    offset = 0
    for i, fact in enumerate(facts):
        sentence = fact.get("text", "")
        if not isinstance(sentence, str) or not sentence.strip() or "\n" in sentence:
            raise ModelError(f"{where} fact {i}: 'text' must be one non-empty line")
        for j, spec in enumerate(fact.get("claims", [])):
            unknown = set(spec) - _CLAIM_KEYS
            if unknown:
                raise ModelError(f"{where} fact {i} claim {j}: unknown key(s) {sorted(unknown)}")
            claims.append(
                Claim(
                    article_id=raw["id"],
                    evidence=sentence,
                    start=offset,
                    end=offset + len(sentence),
                    rule=RULE,
                    confidence=1.0,
                    **spec,
                )
            )
        text_parts.append(sentence)
        offset += len(sentence) + 1
    article = Article(
        id=raw["id"],
        text="\n".join(text_parts),
        title=raw.get("title"),
        date=raw.get("date"),
        url=raw.get("url"),
        source=raw.get("source"),
    )
    return article, claims


def compile_facts(path: Path, registry: Registry) -> bytes:
    """The TriG of a facts file, sorted and deterministic."""
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(path, f"cannot read facts: {exc}") from None
    articles: list[Article] = []
    claims: list[Claim] = []
    try:
        for k, raw in enumerate(spec["articles"]):
            article, article_claims = _compile_article(raw, f"article {k}")
            articles.append(article)
            claims.extend(article_claims)
        result = build_dataset(articles, claims, registry.entities)
    except (KeyError, TypeError) as exc:
        raise InputError(path, f"malformed facts file: {exc}") from None
    except ModelError as exc:
        raise InputError(path, exc.message) from None
    quads = ox.parse(to_nquads(result.dataset), format=ox.RdfFormat.N_QUADS)
    return serialize_quads(quads, ox.RdfFormat.TRIG)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    registry = load_registry()
    try:
        for name in args:
            path = Path(name)
            write_atomic(path.with_suffix(".trig"), compile_facts(path, registry))
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
