"""Every relation rule's own positive and negative sentences, through the whole extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract.extractor import Extractor
from kg.extract.rules import Rule, load_rules
from kg.model import Article
from kg.names import normalize_name
from kg.registry import load_registry

RULES = load_rules()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_registry())


CASES = [(r, i) for r in RULES for i in range(len(r.positive))]


@pytest.mark.parametrize("rule, i", CASES, ids=[f"{r.rule_id}-{i}" for r, i in CASES])
def test_positive_examples(extractor: Extractor, rule: Rule, i: int) -> None:
    case = rule.positive[i]
    assert isinstance(case, dict)
    ex = extractor.extract(Article(id="rule-test", text=case["text"]))
    names = {e.key: {normalize_name(e.label), *map(normalize_name, e.aliases)} for e in ex.entities}
    want_s, want_o = normalize_name(case["subject"]), normalize_name(case["object"])
    found = [
        c
        for c in ex.claims
        if c.rule == rule.rule_id
        and want_s in names.get(c.subject, set())
        and want_o in names.get(c.object, set())
    ]
    assert found, (
        f"{rule.rule_id} missed: {case['text']!r}; "
        f"got {[(c.subject, c.predicate, c.object, c.rule) for c in ex.claims]}"
    )
    if "percent" in case:
        assert any(c.percent == pytest.approx(case["percent"]) for c in found)


NEG = [(r, i) for r in RULES for i in range(len(r.negative))]


@pytest.mark.parametrize("rule, i", NEG, ids=[f"{r.rule_id}-neg{i}" for r, i in NEG])
def test_negative_examples(extractor: Extractor, rule: Rule, i: int) -> None:
    text = rule.negative[i]
    ex = extractor.extract(Article(id="rule-test", text=text))
    assert not [c for c in ex.claims if c.rule == rule.rule_id], f"{rule.rule_id} fired on {text!r}"


def test_every_rule_has_examples_and_a_versioned_id() -> None:
    assert len(RULES) >= 15
    predicates = {r.predicate for r in RULES}
    assert len(predicates - {"controls"}) == 11
    for rule in RULES:
        assert rule.positive and rule.negative, rule.id
        assert rule.rule_id.endswith(f".v{rule.version}")


def test_a_rule_file_with_a_syntax_error_names_file_and_rule(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[[rule]]\nid = "x.y"\nversion = 1\npredicate = "owns"\n'
        'pattern = "{S} owns {O}"\nconfidence = 0.5\npositive = []\n'
        "negative = []\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"bad\.toml.*rule 'x\.y'.*unknown predicate"):
        load_rules(tmp_path)
    (tmp_path / "bad.toml").write_text('[[rule]\nid = "x.y"\n', encoding="utf-8")
    with pytest.raises(InputError, match="TOML syntax error"):
        load_rules(tmp_path)
    (tmp_path / "bad.toml").write_text(
        '[[rule]]\nid = "x.z"\nversion = 1\npredicate = "memberOf"\n'
        'pattern = "{S} (joins {O}"\nconfidence = 0.5\npositive = []\n'
        "negative = []\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"rule 'x\.z': bad pattern"):
        load_rules(tmp_path)
