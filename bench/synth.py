"""Synthetic graphs in kg's graph model, for benchmarks.

The world is random but seeded: the same arguments give the same bytes.
Each article graph holds the article, a few entities, shortcut triples,
claim nodes and n-ary ties, in the same shape as the builder's output,
written straight as N-Quads so that generating 1M triples takes seconds.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

E = "https://w3id.org/kg/entity/"
ONT = "https://w3id.org/kg/ontology#"
A = "https://w3id.org/kg/article/"
C = "https://w3id.org/kg/claim/"
T = "https://w3id.org/kg/tie/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPES = ["Company", "Fund", "State", "Person", "Organization", "Event", "Place", "Product"]
PREDICATES = ["ownsStakeIn", "partnerOf", "sanctions", "participatedIn", "basedIn", "headOf"]


def _article_quads(rng: random.Random, n: int, n_entities: int) -> Iterator[str]:
    g = f"<{A}synth-{n}>"
    art = f"<{A}synth-{n}>"
    date = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    yield f"{art} <{RDF}type> <{ONT}Article> {g} ."
    yield f'{art} <{DCT}identifier> "synth-{n}" {g} .'
    yield f'{art} <{DCT}title> "Synthetic story number {n}" {g} .'
    yield f'{art} <{DCT}issued> "{date}"^^<{XSD}date> {g} .'
    yield f'{art} <{DCT}publisher> "Source {n % 50}" {g} .'
    for k in range(4):
        a, b = rng.randrange(n_entities), rng.randrange(n_entities)
        pred = PREDICATES[(n + k) % len(PREDICATES)]
        for x in (a, b):
            yield f"<{E}e{x}> <{RDF}type> <{ONT}{TYPES[x % len(TYPES)]}> {g} ."
            yield f'<{E}e{x}> <{RDFS}label> "Entity {x}" {g} .'
        yield f"<{E}e{a}> <{ONT}{pred}> <{E}e{b}> {g} ."
        claim = f"<{C}{n:08x}{k:08x}>"
        yield f"{claim} <{RDF}type> <{ONT}Claim> {g} ."
        yield f"{claim} <{RDF}subject> <{E}e{a}> {g} ."
        yield f"{claim} <{RDF}predicate> <{ONT}{pred}> {g} ."
        yield f"{claim} <{RDF}object> <{E}e{b}> {g} ."
        yield f'{claim} <{ONT}evidence> "Entity {a} and entity {b} are tied, sentence {k}." {g} .'
        yield f'{claim} <{ONT}rule> "synth.rule.v1" {g} .'
        yield f'{claim} <{ONT}confidence> "0.{rng.randint(5, 9)}"^^<{XSD}decimal> {g} .'
        yield f"{claim} <{PROV}wasDerivedFrom> {art} {g} ."
        if pred == "ownsStakeIn":
            tie = f"<{T}{n:08x}{k:08x}>"
            yield f"{claim} <{ONT}tie> {tie} {g} ."
            yield f"{tie} <{RDF}type> <{ONT}Stake> {g} ."
            yield f"{tie} <{ONT}holder> <{E}e{a}> {g} ."
            yield f"{tie} <{ONT}asset> <{E}e{b}> {g} ."
            yield f'{tie} <{ONT}percent> "{rng.randint(1, 99)}"^^<{XSD}decimal> {g} .'


def write_nquads(path: Path, triples: int, seed: int = 42) -> int:
    """Write about ``triples`` quads to ``path``; returns the number written."""
    rng = random.Random(seed)
    n_entities = max(100, triples // 20)
    written = 0
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < triples:
            lines = list(_article_quads(rng, n, n_entities))
            fh.write("\n".join(lines) + "\n")
            written += len(lines)
            n += 1
    return written


def write_registry(path: Path, entries: int, seed: int = 42) -> None:
    """A registry folder with ``entries`` plausible entities in one JSONL file."""
    rng = random.Random(seed)
    path.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(entries):
        kind = TYPES[i % len(TYPES)]
        entry: dict[str, object] = {
            "id": f"entity-{i:06d}",
            "label": f"Entity {i} {kind}",
            "type": kind,
            "aliases": [f"E{i}", f"Entity Number {i}"],
        }
        if kind == "State":
            entry["iso3166"] = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(2))
            entry["demonyms"] = [f"Demonym{i}"]
            entry["metonyms"] = [f"Capital{i}"]
        if i % 3 == 0:
            entry["wikidata"] = f"Q{100000 + i}"
        lines.append(json.dumps(entry))
    (path / "synthetic.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
