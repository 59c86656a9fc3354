"""Tests of the extraction scorer (kg.scoring) against FORMAT.md's rules."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from kg.errors import InputError
from kg.model import EVAL_PREDICATES
from kg.scoring import (
    PRF,
    EvalReport,
    combine,
    load_gold_dir,
    read_gold,
    score_document,
    split_sentences,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"

Doc = dict[str, Any]


def ent(name: str, type: str | list[str] = "Company", *aliases: str, **extra: Any) -> Doc:
    item: Doc = {"name": name, "type": type, **extra}
    if aliases:
        item["aliases"] = list(aliases)
    return item


def rel(s: str, p: str, o: str, percent: float | None = None, **extra: Any) -> Doc:
    item: Doc = {"subject": s, "predicate": p, "object": o, **extra}
    if percent is not None:
        item["percent"] = percent
    return item


def doc(entities: list[Doc], relations: list[Doc] | None = None) -> Doc:
    return {"document": "x.txt", "entities": entities, "relations": relations or []}


def counts(prf: PRF) -> tuple[int, int, int]:
    return (prf.tp, prf.fp, prf.fn)


GOLD = doc(
    [
        ent("Alibaba Group", "Company", "Alibaba", "BABA"),
        ent("AliExpress Russia", "Company"),
        ent("Russia", "State", "Russian Federation"),
        ent("China", "State", "PRC"),
        ent("Mir", ["Product", "Company"]),
    ],
    [
        rel("Alibaba Group", "ownsStakeIn", "AliExpress Russia", 48),
        rel("Russia", "cooperatesWith", "China"),
        rel("AliExpress Russia", "basedIn", "Russia"),
    ],
)

TEXT = (
    "Alibaba will hold a 48 percent stake in AliExpress Russia. "
    "Russia and China have been building closer ties.\n"
    "The Mir payment system is Russian. AliExpress Russia is based in Moscow."
)


# --------------------------------------------------------------------------- PRF


def test_prf_scores_and_zero_division() -> None:
    assert PRF(0, 0, 0).precision == PRF(0, 0, 0).recall == PRF(0, 0, 0).f1 == 0.0
    assert PRF(0, 0, 5).precision == 0.0
    assert PRF(0, 3, 0).recall == 0.0
    prf = PRF(2, 2, 0)
    assert (prf.precision, prf.recall) == (0.5, 1.0)
    assert prf.f1 == pytest.approx(2 / 3)


# --------------------------------------------------------------------------- entities


def test_exact_match_is_perfect() -> None:
    report = score_document(GOLD, copy.deepcopy(GOLD), TEXT)
    assert counts(report.entities) == (5, 0, 0)
    assert counts(report.typed_entities) == (5, 0, 0)
    assert counts(report.relations) == (3, 0, 0)
    assert report.entities.f1 == report.relations.f1 == 1.0
    assert report.percent_accuracy == 1.0
    assert report.errors == ()
    assert report.documents == 1


def test_names_are_normalised() -> None:
    gold = doc([ent("The Mail.Ru Group"), ent("AT&T")])
    pred = doc([ent("mail ru group"), ent("  AT and T ")])
    # "mail ru group" keeps a space that "mailru group" does not have: no match.
    report = score_document(gold, pred)
    assert counts(report.entities) == (1, 1, 1)
    pred = doc([ent("MAIL.RU GROUP"), ent("at and t")])
    assert counts(score_document(gold, pred).entities) == (2, 0, 0)


def test_predicted_label_matches_gold_alias() -> None:
    pred = doc([ent("BABA")])
    report = score_document(doc([ent("Alibaba Group", "Company", "BABA")]), pred)
    assert counts(report.entities) == (1, 0, 0)


def test_predicted_alias_matches_gold_name_and_alias() -> None:
    gold = doc([ent("Alibaba Group", "Company", "BABA"), ent("Russia", "State", "RF")])
    pred = doc([ent("Alibaba Holding", "Company", "Alibaba Group"), ent("Rossiya", "State", "rf")])
    assert counts(score_document(gold, pred).entities) == (2, 0, 0)


def test_gold_entity_matched_at_most_once() -> None:
    gold = doc([ent("Alibaba Group", "Company", "Alibaba")])
    pred = doc([ent("Alibaba"), ent("Alibaba Group")])
    report = score_document(gold, pred)
    assert counts(report.entities) == (1, 1, 0)
    fps = [e for e in report.errors if e.kind == "fp" and e.what == "entity"]
    assert [e.item for e in fps] == ["Alibaba"]  # the exact label wins the gold entity


def test_matching_is_maximum_not_greedy() -> None:
    # A greedy pass taking "Alibaba" for the first gold entity would strand "BABA".
    gold = doc([ent("Alibaba Group", "Company", "Alibaba"), ent("BABA Holding", "Company", "BABA")])
    pred = doc([ent("BABA", "Company", "Alibaba"), ent("Alibaba")])
    for entities in (pred["entities"], pred["entities"][::-1]):
        report = score_document(gold, doc(entities))
        assert counts(report.entities) == (2, 0, 0)


def test_list_order_does_not_change_results() -> None:
    gold = doc(
        [
            ent("Alibaba Group", "Company", "Alibaba", "BABA"),
            ent("Ant Group", "Company", "Alibaba"),
            ent("Russia", "State", "Moscow"),
            ent("Moscow", "Place"),
            ent("China", "State"),
        ],
        [
            rel("Alibaba Group", "basedIn", "China"),
            rel("Ant Group", "subsidiaryOf", "Alibaba Group"),
            rel("Russia", "inConflictWith", "China"),
            rel("Moscow", "locatedIn", "Russia"),
        ],
    )
    pred = doc(
        [
            ent("Alibaba", "Company"),
            ent("Alibaba", "Fund"),
            ent("Moscow", "State"),
            ent("Moscow", "Place"),
            ent("China", "State"),
            ent("Ant", "Company"),
        ],
        [
            rel("Alibaba", "basedIn", "China"),
            rel("China", "inConflictWith", "Moscow"),
            rel("Moscow", "locatedIn", "Moscow"),
            rel("Alibaba", "subsidiaryOf", "Alibaba"),
            rel("Alibaba", "basedIn", "China", evidence="x"),
        ],
    )
    first = score_document(gold, pred, TEXT).to_json()
    rng = random.Random(7)
    for _ in range(25):
        g, p = copy.deepcopy(gold), copy.deepcopy(pred)
        for d in (g, p):
            rng.shuffle(d["entities"])
            rng.shuffle(d["relations"])
        assert score_document(g, p, TEXT).to_json() == first


def test_typed_vs_untyped() -> None:
    gold = doc([ent("Alibaba Group", "Company"), ent("Russia", "State")])
    pred = doc([ent("Alibaba Group", "Fund"), ent("Russia", "State")])
    report = score_document(gold, pred)
    assert counts(report.entities) == (2, 0, 0)
    assert counts(report.typed_entities) == (1, 1, 1)
    typed = sorted((e.kind, e.item) for e in report.errors if e.what == "typed_entity")
    assert typed == [("fn", "Alibaba Group [Company]"), ("fp", "Alibaba Group [Fund]")]


def test_type_lists_accept_any_listed_type() -> None:
    gold = doc([ent("Mir", ["Product", "Company"]), ent("Europe", ["Organization", "Place"])])
    pred = doc([ent("Mir", "Company"), ent("Europe", "State")])
    report = score_document(gold, pred)
    assert counts(report.typed_entities) == (1, 1, 1)
    # A predicted list is right only when every type in it is accepted.
    pred = doc([ent("Mir", ["Product", "Company"]), ent("Europe", ["Place", "State"])])
    assert counts(score_document(gold, pred).typed_entities) == (1, 1, 1)


def test_missing_predicted_type_is_wrong_when_typed() -> None:
    pred = doc([{"name": "Russia"}])
    report = score_document(doc([ent("Russia", "State")]), pred)
    assert counts(report.entities) == (1, 0, 0)
    assert counts(report.typed_entities) == (0, 1, 1)


# --------------------------------------------------------------------------- relations


def test_symmetric_reversed_matches_asymmetric_does_not() -> None:
    gold = doc(
        [ent("Russia", "State"), ent("China", "State"), ent("Gazprom")],
        [rel("Russia", "partnerOf", "China"), rel("Gazprom", "basedIn", "Russia")],
    )
    pred = doc(
        gold["entities"],
        [rel("China", "partnerOf", "Russia"), rel("Russia", "basedIn", "Gazprom")],
    )
    report = score_document(gold, pred)
    assert counts(report.relations) == (1, 1, 1)
    assert counts(report.per_predicate["partnerOf"]) == (1, 0, 0)
    assert counts(report.per_predicate["basedIn"]) == (0, 1, 1)
    for symmetric in ("cooperatesWith", "inConflictWith"):
        g = doc(gold["entities"], [rel("Russia", symmetric, "China")])
        p = doc(gold["entities"], [rel("China", symmetric, "Russia")])
        assert counts(score_document(g, p).relations) == (1, 0, 0)


def test_duplicate_predicted_relations_count_once() -> None:
    gold = doc(
        [ent("Alibaba Group", "Company", "Alibaba"), ent("China", "State", "PRC")],
        [rel("Alibaba Group", "basedIn", "China")],
    )
    pred = doc(
        gold["entities"],
        [
            rel("Alibaba Group", "basedIn", "China"),
            rel("Alibaba", "basedIn", "PRC", evidence="Alibaba is Chinese."),
            rel("alibaba group", "basedIn", "china"),
            rel("Alibaba", "basedIn", "Russia"),
            rel("Alibaba Group", "basedIn", "Russia"),
        ],
    )
    report = score_document(gold, pred)
    assert counts(report.relations) == (1, 1, 0)
    # Symmetric duplicates in both orders also count once.
    gold = doc(gold["entities"], [rel("Alibaba", "partnerOf", "China")])
    pred = doc(
        gold["entities"],
        [rel("China", "partnerOf", "Alibaba"), rel("PRC", "partnerOf", "Alibaba Group")],
    )
    assert counts(score_document(gold, pred).relations) == (1, 0, 0)


def test_duplicate_gold_relations_count_once() -> None:
    gold = doc(
        [ent("Alibaba Group", "Company", "Alibaba"), ent("China", "State")],
        [rel("Alibaba Group", "basedIn", "China"), rel("Alibaba", "basedIn", "China")],
    )
    assert counts(score_document(gold, doc([])).relations) == (0, 0, 1)


def test_relation_ends_resolve_through_predicted_alias() -> None:
    gold = doc(
        [ent("Alibaba Group", "Company"), ent("China", "State")],
        [rel("Alibaba Group", "basedIn", "China")],
    )
    # "Ali" and "Zhongguo" are no gold names: they resolve through the predicted
    # entities that carry them, which were matched to the gold entities.
    pred = doc(
        [ent("Alibaba Group", "Company", "Ali"), ent("Zhongguo", "State", "China")],
        [rel("Ali", "basedIn", "Zhongguo")],
    )
    report = score_document(gold, pred)
    assert counts(report.relations) == (1, 0, 0)
    # Without the predicted entities the names resolve to nothing.
    assert counts(score_document(gold, doc([], pred["relations"])).relations) == (0, 1, 1)


def test_relation_ends_resolve_through_gold_alias_without_predicted_entities() -> None:
    gold = doc(
        [ent("Alibaba Group", "Company", "BABA"), ent("China", "State", "PRC")],
        [rel("Alibaba Group", "basedIn", "China")],
    )
    pred = doc([], [rel("BABA", "basedIn", "PRC")])
    assert counts(score_document(gold, pred).relations) == (1, 0, 0)


def test_relation_ends_may_name_a_predicted_entity_id() -> None:
    gold = doc(
        [ent("Alibaba Group", "Company"), ent("China", "State")],
        [rel("Alibaba Group", "basedIn", "China")],
    )
    pred = doc(
        [ent("Alibaba Group", id="alibaba-group"), ent("China", "State", id="china")],
        [rel("alibaba-group", "basedIn", "china")],
    )
    assert counts(score_document(gold, pred).relations) == (1, 0, 0)


def test_names_that_normalise_alike_stay_apart() -> None:
    # "OPEC+" normalises to "opec", like "OPEC": the exact spelling decides.
    gold = doc(
        [
            ent("OPEC", "Organization"),
            ent("OPEC+", "Organization", "OPEC Plus"),
            ent("Russia", "State"),
        ],
        [rel("Russia", "memberOf", "OPEC+"), rel("Russia", "cooperatesWith", "OPEC")],
    )
    report = score_document(gold, copy.deepcopy(gold))
    assert counts(report.relations) == (2, 0, 0)
    pred = doc(gold["entities"], [rel("Russia", "memberOf", "OPEC Plus")])
    assert counts(score_document(gold, pred).relations) == (1, 0, 1)


def test_unknown_predicates_and_extra_keys_are_ignored() -> None:
    gold = doc([ent("Rosneft"), ent("Russia", "State")], [rel("Rosneft", "basedIn", "Russia")])
    pred = doc(
        [ent("Rosneft", id="rosneft", confidence=0.9), ent("Russia", "State", id="russia")],
        [
            rel("Rosneft", "basedIn", "Russia", rule="based.in.v1", confidence=0.8, date="2019"),
            rel("Russia", "controls", "Rosneft"),
        ],
    )
    report = score_document(gold, pred)
    assert counts(report.relations) == (1, 0, 0)
    assert counts(report.entities) == (2, 0, 0)


def test_per_predicate_counts() -> None:
    gold = doc(
        [ent("A"), ent("B"), ent("C"), ent("Xi Jinping", "Person"), ent("China", "State")],
        [
            rel("A", "ownsStakeIn", "B", 10),
            rel("A", "ownsStakeIn", "C"),
            rel("Xi Jinping", "headOf", "China"),
            rel("A", "basedIn", "China"),
        ],
    )
    pred = doc(
        gold["entities"],
        [
            rel("A", "ownsStakeIn", "B", 10),
            rel("B", "ownsStakeIn", "C"),
            rel("Xi Jinping", "headOf", "China"),
            rel("B", "partnerOf", "C"),
        ],
    )
    report = score_document(gold, pred)
    assert list(report.per_predicate) == list(EVAL_PREDICATES)
    assert counts(report.per_predicate["ownsStakeIn"]) == (1, 1, 1)
    assert counts(report.per_predicate["headOf"]) == (1, 0, 0)
    assert counts(report.per_predicate["basedIn"]) == (0, 0, 1)
    assert counts(report.per_predicate["partnerOf"]) == (0, 1, 0)
    assert counts(report.per_predicate["memberOf"]) == (0, 0, 0)
    assert counts(report.relations) == (2, 2, 2)


# --------------------------------------------------------------------------- percent


def _stake_docs(gold_pct: float | None, pred_pct: float | None) -> tuple[Doc, Doc]:
    ents = [ent("Alibaba Group", "Company", "Alibaba"), ent("AliExpress Russia")]
    gold = doc(ents, [rel("Alibaba Group", "ownsStakeIn", "AliExpress Russia", gold_pct)])
    pred = doc(ents, [rel("Alibaba", "ownsStakeIn", "AliExpress Russia", pred_pct)])
    return gold, pred


@pytest.mark.parametrize(
    ("gold_pct", "pred_pct", "correct", "total"),
    [
        (48, 48.0, 1, 1),
        (48.5, 48.51, 1, 1),
        (48, 48.01, 1, 1),
        (48, 49, 0, 1),
        (48, 48.02, 0, 1),
        (48, None, 0, 1),
        (None, 48, 0, 0),
        (None, None, 0, 0),
    ],
)
def test_percent_accuracy(
    gold_pct: float | None, pred_pct: float | None, correct: int, total: int
) -> None:
    gold, pred = _stake_docs(gold_pct, pred_pct)
    report = score_document(gold, pred, TEXT)
    assert counts(report.relations) == (1, 0, 0)  # the percent never affects the match
    assert (report.percent_correct, report.percent_total) == (correct, total)
    assert report.percent_accuracy == (correct / total if total else None)
    percent_errors = [e for e in report.errors if e.what == "percent"]
    assert len(percent_errors) == total - correct
    if total - correct:
        error = percent_errors[0]
        assert error.kind == ("fn" if pred_pct is None else "fp")
        assert error.sentence is not None and "48 percent" in error.sentence


def test_percent_counts_only_matched_stakes() -> None:
    gold, _ = _stake_docs(48, None)
    pred = doc(gold["entities"], [rel("AliExpress Russia", "ownsStakeIn", "Alibaba", 48)])
    report = score_document(gold, pred)
    assert (report.percent_correct, report.percent_total) == (0, 0)
    assert report.percent_accuracy is None


def test_percent_of_duplicate_predictions_must_all_agree() -> None:
    gold, pred = _stake_docs(48, 48)
    pred["relations"].append(rel("Alibaba Group", "ownsStakeIn", "AliExpress Russia", 24))
    report = score_document(gold, pred)
    assert counts(report.relations) == (1, 0, 0)
    assert (report.percent_correct, report.percent_total) == (0, 1)
    pred["relations"][-1].pop("percent")  # a duplicate without a percent does not spoil it
    assert score_document(gold, pred).percent_correct == 1


# --------------------------------------------------------------------------- totals


def test_zero_predictions() -> None:
    report = score_document(GOLD, {"entities": [], "relations": []}, TEXT)
    assert counts(report.entities) == (0, 0, 5)
    assert counts(report.relations) == (0, 0, 3)
    assert report.entities.precision == report.entities.recall == report.entities.f1 == 0.0
    assert report.percent_accuracy is None
    assert (report.percent_correct, report.percent_total) == (0, 0)
    empty = score_document(GOLD, {})
    assert counts(empty.entities) == (0, 0, 5)


def test_empty_gold_and_prediction() -> None:
    report = score_document(doc([]), doc([]))
    assert report.entities.f1 == 0.0 and report.errors == ()


def test_combine_micro_averages_and_differs_from_macro() -> None:
    big_gold = doc([ent(f"Company {i}") for i in range(9)])
    big = score_document(big_gold, big_gold, name="big")  # 9/9
    small = score_document(doc([ent("Lone")]), doc([ent("Other")]), name="small")  # 0/1
    total = combine([big, small])
    assert total.documents == 2
    assert counts(total.entities) == (9, 1, 1)
    micro = total.entities.f1
    macro = (big.entities.f1 + small.entities.f1) / 2
    assert micro == pytest.approx(0.9)
    assert macro == pytest.approx(0.5)
    assert micro != pytest.approx(macro)
    assert [e.document for e in total.errors] == ["small", "small"]
    assert total.per_predicate.keys() == big.per_predicate.keys()


def test_combine_nothing() -> None:
    report = combine([])
    assert report.documents == 0
    assert report.percent_accuracy is None
    assert report.to_json()["entities"]["f1"] == 0.0


def test_to_json_shape() -> None:
    gold, pred = _stake_docs(48, 49)
    data = score_document(gold, pred, TEXT, name="doc-1").to_json()
    assert list(data) == [
        "documents",
        "entities",
        "typed_entities",
        "relations",
        "per_predicate",
        "percent",
        "errors",
    ]
    assert list(data["entities"]) == ["precision", "recall", "f1", "tp", "fp", "fn"]
    assert list(data["per_predicate"]) == list(EVAL_PREDICATES)
    assert data["percent"] == {"accuracy": 0.0, "correct": 0, "total": 1}
    assert data["errors"][0] == {
        "document": "doc-1",
        "kind": "fp",
        "what": "percent",
        "item": "Alibaba Group ownsStakeIn AliExpress Russia (predicted 49%, gold 48%)",
        "sentence": "Alibaba will hold a 48 percent stake in AliExpress Russia.",
    }
    json.dumps(data)  # serialisable


# --------------------------------------------------------------------------- errors


def test_error_items_carry_sentences() -> None:
    pred = doc(
        [ent("Alibaba", "Company"), ent("Russia", "State"), ent("China", "State"), ent("Moscow")],
        [
            rel("Alibaba", "ownsStakeIn", "AliExpress Russia", 48),
            rel("Moscow", "locatedIn", "Russia"),
            rel("China", "sanctions", "Russia", evidence="China sanctions Russia."),
        ],
    )
    report = score_document(GOLD, pred, TEXT, name="doc")
    found = {(e.kind, e.what, e.item): e.sentence for e in report.errors}
    assert found[("fn", "relation", "Russia cooperatesWith China")] == (
        "Russia and China have been building closer ties."
    )
    # Both ends are named in two sentences: the first of them is shown.
    assert found[("fn", "relation", "AliExpress Russia basedIn Russia")] == (
        "Alibaba will hold a 48 percent stake in AliExpress Russia."
    )
    assert found[("fp", "relation", "China sanctions Russia")] == "China sanctions Russia."
    assert found[("fp", "relation", "Moscow locatedIn Russia")] == (
        "AliExpress Russia is based in Moscow."
    )
    assert found[("fn", "entity", "Mir")] == "The Mir payment system is Russian."
    assert found[("fn", "entity", "AliExpress Russia")] is not None
    assert found[("fp", "entity", "Moscow")] == "AliExpress Russia is based in Moscow."
    assert all(e.document == "doc" for e in report.errors)
    # No sentence names it: None.
    lone = score_document(doc([ent("Gazprom")]), doc([]), TEXT)
    assert lone.errors[0].sentence is None
    assert score_document(doc([ent("Gazprom")]), doc([])).errors[0].document == "x.txt"


def test_entity_evidence_is_the_false_positive_sentence() -> None:
    pred = doc([ent("Gazprom", evidence="Gazprom said so.")])
    report = score_document(doc([]), pred, TEXT)
    assert report.errors[0].sentence == "Gazprom said so."


def test_split_sentences() -> None:
    text = (
        'Mr. Putin spoke. "We agree," he said. Talks went on!\n'
        "A new line\n\nU.S. firms left. it ends"
    )
    assert split_sentences(text) == [
        "Mr.",
        "Putin spoke.",
        '"We agree," he said.',
        "Talks went on!",
        "A new line",
        "U.S. firms left. it ends",
    ]


def test_name_search_is_case_insensitive_on_word_edges() -> None:
    gold = doc([ent("US", "State", "United States")])
    text = "Focus groups met. The united states agreed."
    assert score_document(gold, doc([]), text).errors[0].sentence == "The united states agreed."


# --------------------------------------------------------------------------- gold files


def _write(path: Path, data: Any) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_read_gold_accepts_a_valid_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.json", GOLD)
    assert read_gold(path) == GOLD


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"entities": []}, "missing key 'relations'"),
        ({"relations": []}, "missing key 'entities'"),
        ([], "must be a JSON object"),
        ({"entities": {}, "relations": []}, "'entities' must be a list"),
        ({"entities": [], "relations": [], "extra": 1}, "unknown key 'extra'"),
        ({"entities": [{"type": "State"}], "relations": []}, "entities[0]: missing key 'name'"),
        ({"entities": [{"name": "X"}], "relations": []}, "entities[0]: missing key 'type'"),
        (
            {"entities": [{"name": "X", "type": "Country"}], "relations": []},
            "entities[0].type: unknown entity type 'Country'",
        ),
        (
            {"entities": [{"name": "X", "type": ["State", "Ship"]}], "relations": []},
            "unknown entity type 'Ship'",
        ),
        ({"entities": [{"name": "X", "type": []}], "relations": []}, "empty list of types"),
        ({"entities": [{"name": "X", "type": 3}], "relations": []}, "must be a type name"),
        ({"entities": [{"name": "", "type": "State"}], "relations": []}, ".name: must be"),
        (
            {"entities": [{"name": "X", "type": "State", "aliases": "Y"}], "relations": []},
            ".aliases: must be a list",
        ),
        (
            {"entities": [{"name": "X", "type": "State", "alias": ["Y"]}], "relations": []},
            "unknown key 'alias'",
        ),
        (
            {"entities": [], "relations": [rel("A", "owns", "B")]},
            "relations[0].predicate: unknown predicate 'owns'",
        ),
        (
            {"entities": [], "relations": [rel("A", "controls", "B")]},
            "unknown predicate 'controls'",
        ),
        ({"entities": [], "relations": [{"subject": "A", "predicate": "basedIn"}]}, "'object'"),
        (
            {"entities": [], "relations": [{**rel("A", "ownsStakeIn", "B"), "percent": "48%"}]},
            ".percent: must be a number",
        ),
        (
            {"entities": [], "relations": [rel("A", "ownsStakeIn", "B", 148)]},
            "outside 0..100",
        ),
        (
            {"entities": [], "relations": [rel("A", "basedIn", "B", 10)]},
            "only an ownsStakeIn relation carries a percent",
        ),
    ],
)
def test_read_gold_rejects_bad_files(tmp_path: Path, data: Any, problem: str) -> None:
    path = _write(tmp_path / "bad.json", data)
    with pytest.raises(InputError) as info:
        read_gold(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)
    assert info.value.path == path


def test_read_gold_names_the_line_of_a_syntax_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "broken.json", '{\n  "entities": [],\n  "relations": [,]\n}\n')
    with pytest.raises(InputError) as info:
        read_gold(path)
    assert info.value.line == 3
    assert f"{path}:3:" in str(info.value)
    assert "invalid JSON" in str(info.value)


def test_read_gold_rejects_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_gold(tmp_path / "missing.json")
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"entities": [{"name": "T\xfcrkiye"}]}')
    with pytest.raises(InputError, match="not UTF-8"):
        read_gold(path)


def test_load_gold_dir_pairs_sorted(tmp_path: Path) -> None:
    for name in ("b", "a", "c"):
        (tmp_path / f"{name}.txt").write_text("x", encoding="utf-8")
        _write(tmp_path / f"{name}.json", doc([]))
    (tmp_path / "README.md").write_text("ignored", encoding="utf-8")
    pairs = load_gold_dir(tmp_path)
    assert [n for n, _, _ in pairs] == ["a", "b", "c"]
    assert pairs[0] == ("a", tmp_path / "a.txt", tmp_path / "a.json")


def test_load_gold_dir_pairing_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no gold pairs"):
        load_gold_dir(tmp_path)
    with pytest.raises(InputError, match="not a folder"):
        load_gold_dir(tmp_path / "nowhere")
    _write(tmp_path / "lonely.json", doc([]))
    with pytest.raises(InputError, match=r"lonely\.txt is missing") as info:
        load_gold_dir(tmp_path)
    assert info.value.path == tmp_path / "lonely.json"
    (tmp_path / "lonely.json").unlink()
    (tmp_path / "orphan.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"orphan\.json is missing") as info:
        load_gold_dir(tmp_path)
    assert info.value.path == tmp_path / "orphan.txt"


# --------------------------------------------------------------------------- real gold sets


def _gold_dirs() -> list[Path]:
    dirs = [SHARED / "eval" / "seeds", REPO / "data" / "corpus", REPO / "data" / "devset"]
    return [d for d in dirs if d.is_dir()]


def _gold_pairs() -> list[tuple[str, Path, Path]]:
    return [pair for folder in _gold_dirs() for pair in load_gold_dir(folder)]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared folder is not here")
def test_seed_gold_set_is_present() -> None:
    assert load_gold_dir(SHARED / "eval" / "seeds")


@pytest.mark.parametrize(("name", "text", "gold"), _gold_pairs(), ids=lambda v: str(v))
def test_gold_scores_perfectly_against_itself(name: str, text: Path, gold: Path) -> None:
    data = read_gold(gold)
    shuffled = copy.deepcopy(data)
    rng = random.Random(name)
    rng.shuffle(shuffled["entities"])
    rng.shuffle(shuffled["relations"])
    for predicted in (copy.deepcopy(data), shuffled):
        report: EvalReport = score_document(
            data, predicted, text.read_text(encoding="utf-8"), name=name
        )
        assert report.entities.f1 == 1.0
        assert report.typed_entities.f1 == 1.0
        assert report.relations.f1 == 1.0
        assert report.percent_accuracy in (1.0, None)
        assert report.errors == ()


def test_gold_sets_have_stakes_with_percents() -> None:
    if not _gold_dirs():
        pytest.skip("no gold sets here")
    reports = [score_document(read_gold(g), read_gold(g), name=n) for n, _, g in _gold_pairs()]
    total = combine(reports)
    assert total.percent_total > 0
    assert total.percent_accuracy == 1.0
    assert total.entities.f1 == total.typed_entities.f1 == total.relations.f1 == 1.0
