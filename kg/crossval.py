"""Cross-validate the whole extractor (rules and pair model) on gold articles.

    python -m kg.crossval GOLD_DIR... [--json]

The bundled pair model is trained on every gold article, so ``kg eval`` on
those articles flatters it. Here each of the held-out folds that
:mod:`kg.extract.train` tunes its thresholds on (runs of six articles in file
order, one writer's batch) is extracted with a model trained without it, and
scored by the FORMAT.md rules as ``kg eval`` scores; the rules alone are
scored on the same folds. The rules themselves were written with these
articles in view, so this is an upper bound on what new text gets, though a
far closer one than the in-sample figure. Same gold, same figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from kg.errors import KgError
from kg.extract.extractor import Extractor
from kg.extract.pairs import PairModel
from kg.extract.train import FOLDS, examples, fold_of, train
from kg.pipeline import GoldArticle, read_gold_articles, score_extractions
from kg.registry import Registry, load_registry
from kg.resolve import Judgements
from kg.scoring import EvalReport, combine


def _score(
    docs: Sequence[GoldArticle], registry: Registry, model: PairModel | Literal[False]
) -> EvalReport:
    """Extract ``docs`` with ``model`` (False: the rules alone) and score them together,
    as ``kg eval`` scores a folder."""
    extractor = Extractor(registry, pair_model=model)
    extractions = [extractor.extract(article) for article, _, _ in docs]
    return score_extractions(docs, extractions, registry, Judgements.load(None))


def crossval(folders: Sequence[Path], registry: Registry) -> tuple[EvalReport, EvalReport]:
    """The held-out scores of the rules with the pair model, and of the rules alone."""
    ex = examples(folders, registry)
    docs = [doc for folder in folders for doc in read_gold_articles(folder)]
    with_model: list[EvalReport] = []
    rules_alone: list[EvalReport] = []
    for fold in range(FOLDS):
        held = [a for a in range(len(docs)) if fold_of(a) == fold]
        if not held:
            continue
        rest = [a for a in range(len(docs)) if fold_of(a) != fold]
        model = train(ex.subset(rest))
        fold_docs = [docs[a] for a in held]
        with_model.append(_score(fold_docs, registry, model))
        rules_alone.append(_score(fold_docs, registry, False))
    return combine(with_model), combine(rules_alone)


def _line(label: str, report: EvalReport) -> str:
    r = report.relations
    return (
        f"{label}: relation P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f} "
        f"(tp {r.tp} fp {r.fp} fn {r.fn}); entity F1 {report.entities.f1:.3f}, "
        f"typed {report.typed_entities.f1:.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.crossval", description=__doc__)
    parser.add_argument("gold", nargs="+", type=Path, help="gold folders (NAME.txt + NAME.json)")
    parser.add_argument("--json", action="store_true", help="print the two reports as JSON")
    args = parser.parse_args(argv)
    try:
        model, rules = crossval(args.gold, load_registry())
    except KgError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"model": model.to_json(), "rules": rules.to_json()}, indent=2))
    else:
        print(_line("rules and pair model", model))
        print(_line("rules alone", rules))
    return 0


if __name__ == "__main__":
    sys.exit(main())
