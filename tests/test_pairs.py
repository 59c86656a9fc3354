"""The learned pair model (kg/extract/pairs.py) and its training (kg/extract/train.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kg.errors import UsageError
from kg.extract.extractor import Extractor
from kg.extract.pairs import PairModel, load_model, pair_features, sentence_pairs
from kg.extract.train import examples, train, write_model
from kg.model import EVAL_PREDICATES, Article
from kg.registry import load_registry
from kg.resources import pair_model_path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "eval" / "seeds"
GOLD = [SEEDS, REPO / "data" / "corpus", REPO / "data" / "devset"]


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return load_registry()


def _model(bias: dict[str, float], weights: dict[str, dict[str, float]] | None = None) -> PairModel:
    """A hand-made model: every predicate at -20 unless given, threshold 0.5."""
    names = sorted({f for w in (weights or {}).values() for f in w})
    data = {
        "version": "t1",
        "predicates": list(EVAL_PREDICATES),
        "bias": [bias.get(p, -20.0) for p in EVAL_PREDICATES],
        "thresholds": [0.5] * len(EVAL_PREDICATES),
        "weights": {
            f: [(weights or {}).get(p, {}).get(f, 0.0) for p in EVAL_PREDICATES] for f in names
        },
    }
    return PairModel.from_json(data)


def test_fast_scores_are_the_sums_of_the_spelt_out_features(registry) -> None:  # type: ignore[no-untyped-def]
    """pair_scores (running sums over the sentence) gives exactly what summing the weights of
    pair_features gives, on real articles with the bundled model."""
    model = load_model(pair_model_path())
    assert model is not None
    ext = Extractor(registry, pair_model=False)
    texts = sorted((REPO / "data" / "devset").glob("*.txt"))[:12]
    pairs = 0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        mentions, clusters, _ = ext.rule_claims(Article(id="t", text=text), ext.parse(text))
        types = [c.type for c in clusters]
        found = [sentence_pairs(skel, mentions, types) for _, skel in ext.read]
        sps = [sp for sp in found if sp is not None]
        fast = model.pair_scores(sps)
        slow = model.scores([pair_features(sp, i, j) for sp in sps for *_, i, j in sp.pairs])
        assert fast.shape == slow.shape
        np.testing.assert_allclose(fast, slow, atol=1e-9)
        pairs += len(slow)
    assert pairs > 200


def test_pairs_are_near_names_and_skip_tied_ones(registry) -> None:  # type: ignore[no-untyped-def]
    ext = Extractor(registry, pair_model=False)
    text = "Gazprom and Rosneft signed a deal with Sinopec, CNPC and Lukoil in Beijing."
    mentions, clusters, _ = ext.rule_claims(Article(id="t", text=text), ext.parse(text))
    (_, skel), *_ = ext.read
    types = [c.type for c in clusters]
    sp = sentence_pairs(skel, mentions, types)
    assert sp is not None
    label = {k: c.label for k, c in enumerate(clusters)}
    got = {(label[a], label[b]) for a, b, *_ in sp.pairs}
    assert ("Gazprom", "Rosneft") in got and ("Rosneft", "Gazprom") in got
    # at most one other name between the two of a pair
    assert not any({"Gazprom", "Lukoil"} == {a, b} for a, b in got)
    tied = {(a, b) for a, b, *_ in sp.pairs if {label[a], label[b]} == {"Gazprom", "Rosneft"}}
    again = sentence_pairs(skel, mentions, types, tied)
    assert again is not None
    assert not any({label[a], label[b]} == {"Gazprom", "Rosneft"} for a, b, *_ in again.pairs)


def test_no_pair_between_the_items_of_a_plain_list(registry) -> None:  # type: ignore[no-untyped-def]
    """Three names or more joined by commas and "and" say nothing of how they stand to
    each other: no candidate pairs them. Two names ("Norway and Chile agreed") and a
    name outside the list still pair."""
    ext = Extractor(registry, pair_model=False)
    text = "The bloc's members, Brazil, Russia, India and China, met Iran and Egypt in Kazan."
    mentions, clusters, _ = ext.rule_claims(Article(id="t", text=text), ext.parse(text))
    (_, skel), *_ = ext.read
    sp = sentence_pairs(skel, mentions, [c.type for c in clusters])
    assert sp is not None
    label = {k: c.label for k, c in enumerate(clusters)}
    got = {frozenset((label[a], label[b])) for a, b, *_ in sp.pairs}
    listed = ("Brazil", "Russia", "India", "China")
    assert not any({a, b} <= set(listed) for a, b in map(tuple, got))
    assert frozenset(("China", "Iran")) in got
    assert frozenset(("Iran", "Egypt")) in got


def test_model_makes_no_firms_boss_a_head_of_state(registry) -> None:  # type: ignore[no-untyped-def]
    """A person the rules make head of a firm is not made head of a state by the model."""
    model = _model({"headOf": 5.0})
    text = "Claudio Descalzi, chief executive of Italy's Eni, signed the deal in Algiers."
    result = Extractor(registry, pair_model=model).extract(Article(id="t", text=text))
    label = {e.key: e.label for e in result.entities}
    heads = {(label[c.subject], label[c.object]) for c in result.claims if c.predicate == "headOf"}
    assert ("Claudio Descalzi", "Eni") in heads
    assert ("Claudio Descalzi", "Italy") not in heads


def test_model_adds_ties_the_rules_miss_within_the_types(registry) -> None:  # type: ignore[no-untyped-def]
    """A model that calls every pair cooperating: ties come only between bodies (never a
    person), once per pair, with the sentence and the model's rule id; pairs the rules
    tie are left to them."""
    model = _model({"cooperatesWith": 5.0})
    text = (
        "Norway and Chile agreed on Monday to widen their fisheries talks. "
        "Prime Minister Jonas Gahr Store welcomed the step."
    )
    ext = Extractor(registry, pair_model=model)
    result = ext.extract(Article(id="t", text=text))
    label = {e.key: e.label for e in result.entities}
    added = [c for c in result.claims if c.rule == "model.pairs.t1"]
    assert [(label[c.subject], label[c.object]) for c in added] in (
        [("Chile", "Norway")],
        [("Norway", "Chile")],
    )
    assert added[0].evidence.startswith("Norway and Chile agreed")
    assert 0.3 < added[0].confidence <= 0.8
    rules_only = Extractor(registry, pair_model=False).extract(Article(id="t", text=text))
    assert not any(c.rule.startswith("model.") for c in rules_only.claims)


def test_model_makes_no_state_a_parent_company(registry) -> None:  # type: ignore[no-untyped-def]
    """subsidiaryOf ends at a company, fund or organisation (the shapes'), never a state."""
    model = _model({"subsidiaryOf": 5.0})
    text = "SoftBank Vision Fund, the investment arm, is run from Japan and from Toyota Motor."
    result = Extractor(registry, pair_model=model).extract(Article(id="t", text=text))
    types = {e.key: e.type for e in result.entities}
    added = [c for c in result.claims if c.rule == "model.pairs.t1"]
    assert added, "the model ties the firms"
    assert all(types[c.object] != "State" and types[c.subject] != "State" for c in added)


def test_model_gives_no_stake_without_wholly_owned(registry) -> None:  # type: ignore[no-untyped-def]
    model = _model({"ownsStakeIn": 5.0})
    ext = Extractor(registry, pair_model=model)
    plain = ext.extract(Article(id="t", text="Gazprom backs Novatek in the Arctic."))
    assert not [c for c in plain.claims if c.rule.startswith("model.")]
    text = "Gazprom keeps Novatek wholly owned after the deal."
    found = [
        c for c in ext.extract(Article(id="t", text=text)).claims if c.rule == "model.pairs.t1"
    ]
    assert found and all(c.predicate == "ownsStakeIn" and c.percent == 100.0 for c in found)


def test_weights_decide(registry) -> None:  # type: ignore[no-untyped-def]
    """A word between the names moves the probability: "ally" makes allies, others not."""
    model = _model({}, {"cooperatesWith": {"B:f:ally": 25.0}})
    ext = Extractor(registry, pair_model=model)
    yes = ext.extract(Article(id="t", text="Poland is a close ally of Lithuania."))
    no = ext.extract(Article(id="t", text="Poland is a close rival of Lithuania."))
    assert [c.predicate for c in yes.claims if c.rule.startswith("model.")] == ["cooperatesWith"]
    assert not [c for c in no.claims if c.rule.startswith("model.")]


def test_bad_model_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "pairs.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match=r"pairs\.json"):
        load_model(bad)
    bad.write_text(json.dumps({"version": "v1"}), encoding="utf-8")
    with pytest.raises(UsageError, match="not a pair model"):
        load_model(bad)
    assert load_model(tmp_path / "absent.json") is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/eval/seeds is not beside the repo")
def test_bundled_model_is_what_training_on_the_gold_gives(registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """data/models/pairs.json is exactly `make model`'s output: no hand edits, no stale
    weights after the rules or the gold change (retrain with `make model`)."""
    ex = examples(GOLD, registry)
    assert ex.articles >= 70
    assert sum(1 for labels in ex.labels if labels) > 1000
    out = tmp_path / "pairs.json"
    write_model(train(ex), out)
    assert out.read_bytes() == pair_model_path().read_bytes()


def test_threshold_is_the_lowest_with_the_best_f1() -> None:
    from collections import Counter

    from kg.extract.train import Examples, _best_threshold

    # one article, four candidate pairs; gold ties (0, 1) and (0, 2); the rules found none
    ex = Examples(
        keys=[(0, 0, 1), (0, 0, 2), (0, 0, 3), (0, 1, 3)],
        percent=[False] * 4,
        truth=[{"sanctions": {(0, 1), (0, 2)}}],
        ruled=[{}],
        unreachable=Counter(),
    )
    # from 0.35 to 0.6 both gold ties and no false one: F1 1.0; at 0.3 a false one
    # (F1 0.8); at 0.95 one tie (F1 0.67): of the best, the lowest
    probs = np.array([0.96, 0.6, 0.3, 0.2])
    assert _best_threshold(ex, "sanctions", probs) == 0.35
    probs = np.array([0.96, 0.9, 0.1, 0.1])
    assert _best_threshold(ex, "sanctions", probs) == 0.15


def test_a_subset_of_examples_keeps_its_articles_renumbered(registry) -> None:  # type: ignore[no-untyped-def]
    corpus = sorted((REPO / "data" / "corpus").glob("*.txt"))[:3]
    folder = Path(corpus[0]).parent
    ex = examples([folder], registry)
    part = ex.subset([2, 0])
    assert part.articles == 2
    assert part.truth == [ex.truth[2], ex.truth[0]]
    assert part.missed == [ex.missed[2], ex.missed[0]]
    # every candidate of articles 2 and 0, and no other, now numbered 0 and 1
    expected = [k for k, a in enumerate(ex.article) if a == 2] + [
        k for k, a in enumerate(ex.article) if a == 0
    ]
    assert sorted(part.features) == sorted(ex.features[k] for k in expected)
    assert set(part.article) == {0, 1}
    assert all(key[0] == art for key, art in zip(part.keys, part.article, strict=True))


def test_cross_validation_scores_each_article_once_held_out(  # type: ignore[no-untyped-def]
    registry, tmp_path: Path
) -> None:
    from kg.crossval import crossval, main
    from kg.scoring import load_gold_dir, read_gold

    # eight articles: a fold of six and a fold of two, each scored by a model trained
    # on the other
    for _name, text, gold in load_gold_dir(REPO / "data" / "corpus")[:8]:
        (tmp_path / text.name).write_bytes(text.read_bytes())
        (tmp_path / gold.name).write_bytes(gold.read_bytes())
    gold_ties = sum(len(read_gold(g)["relations"]) for _n, _t, g in load_gold_dir(tmp_path))
    with_model, rules = crossval([tmp_path], registry)
    for report in (with_model, rules):
        assert report.documents == 8
        assert report.relations.tp + report.relations.fn == gold_ties
        assert report.relations.tp > 0
    assert main([str(tmp_path / "missing")]) == 2
