"""--spacy-model: a trained pipeline's NER adds names the rules miss (a tiny one, trained here)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

from kg.errors import UsageError
from kg.extract.extractor import Extractor
from kg.model import Article
from kg.registry import load_registry

TRAIN = [
    ("Zorblax Quantics opened an office.", [(0, 16, "ORG")]),
    ("Shares in Zorblax Quantics rose.", [(10, 26, "ORG")]),
    ("Investors like Zorblax Quantics now.", [(15, 31, "ORG")]),
    ("Talia Venkmar visited Russia.", [(0, 13, "PERSON")]),
    ("Russia welcomed Talia Venkmar.", [(16, 29, "PERSON")]),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for _text, ents in TRAIN:
        for _s, _e, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(40):
        rng.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path_factory.mktemp("model") / "tiny-ner"
    nlp.to_disk(path)
    return path


def test_the_trained_ner_adds_and_types_names(tiny_model: Path) -> None:
    text = "Zorblax Quantics opened an office. Russia welcomed Talia Venkmar."
    plain = Extractor(load_registry()).extract(Article(id="ner-test", text=text))
    with_ner = Extractor(load_registry(), spacy_model=str(tiny_model)).extract(
        Article(id="ner-test", text=text)
    )
    types = {e.label: e.type for e in with_ner.entities}
    assert types.get("Zorblax Quantics") == "Company"
    assert types.get("Talia Venkmar") == "Person"
    assert types.get("Russia") == "State"  # the registry still wins
    assert {e.label: e.type for e in plain.entities}.get("Zorblax Quantics") != "Company"


def test_an_unknown_model_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no such installed spaCy pipeline"):
        Extractor(load_registry(), spacy_model="xx_no_such_pipeline_sm")


def test_kg_extract_takes_the_model(tiny_model: Path, tmp_path: Path) -> None:
    from tests.conftest import run_kg

    article = tmp_path / "in" / "zorblax.txt"
    article.parent.mkdir()
    article.write_text("Zorblax Quantics opened an office in Moscow.", encoding="utf-8")
    result = run_kg(
        "extract", str(article), "--out", str(tmp_path / "out"), "--spacy-model", str(tiny_model)
    )
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out" / "zorblax.json").read_text(encoding="utf-8")
    assert '"name": "Zorblax Quantics"' in written
