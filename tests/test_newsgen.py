"""The synthetic news generator of the benchmarks (``bench/newsgen.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import newsgen
from kg import pipeline
from kg.ingest import read_articles
from kg.model import EVAL_PREDICATES
from kg.scoring import EvalReport, check_gold, combine, read_gold, score_document

ARTICLES = 50
#: Short articles keep the extraction test fast; every predicate still shows up.
WORDS = 250


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A 50-article run with gold, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("news")
    words = newsgen.generate(folder, ARTICLES, seed=7, words=WORDS, gold=True)
    return folder, words


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b, c, short = (tmp_path / n for n in ("a", "b", "c", "short"))
    assert newsgen.generate(a, 12, seed=3, gold=True) == newsgen.generate(b, 12, seed=3, gold=True)
    assert _files(a) == _files(b)
    newsgen.generate(c, 12, seed=4, gold=True)
    assert _files(a) != _files(c)
    # An article does not depend on how many follow it.
    newsgen.generate(short, 5, seed=3)
    assert _files(short) == {k: v for k, v in _files(a).items() if k in _files(short)}


@pytest.mark.parametrize(("articles", "words"), [(30, 300), (12, 500)])
def test_count_and_length(tmp_path: Path, articles: int, words: int) -> None:
    kwargs = {"words": words} if words != 500 else {}  # 500 is the default
    total = newsgen.generate(tmp_path, articles, **kwargs)
    texts = sorted(tmp_path.glob("*.txt"))
    assert len(texts) == articles and not list(tmp_path.glob("*.json"))
    counts = [len(_body(p).split()) for p in texts]
    assert sum(counts) == total
    assert all(words - 20 <= n <= words + 60 for n in counts), counts
    assert words - 10 <= total / articles <= words * 1.1


def test_corpus_size(corpus: tuple[Path, int]) -> None:
    folder, total = corpus
    assert len(list(folder.glob("*.txt"))) == len(list(folder.glob("*.json"))) == ARTICLES
    assert (WORDS - 10) * ARTICLES <= total <= WORDS * ARTICLES * 1.15


def test_gold_is_valid_and_covers_every_predicate(corpus: tuple[Path, int]) -> None:
    folder, _ = corpus
    seen: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert check_gold(gold) is None
        assert gold["document"] == path.with_suffix(".txt").name
        names = {e["name"] for e in gold["entities"]}
        assert len(names) == len(gold["entities"])
        text = _body(path.with_suffix(".txt"))
        for entity in gold["entities"]:
            # Every gold entity is named in the text, by its name or an alias.
            assert any(n in text for n in (entity["name"], *entity.get("aliases", ()))), entity
        for relation in gold["relations"]:
            assert relation["subject"] in names and relation["object"] in names
            seen.add(relation["predicate"])
    assert seen == set(EVAL_PREDICATES)


def test_ingest_reads_every_article(corpus: tuple[Path, int]) -> None:
    folder, _ = corpus
    result = read_articles([folder])  # English only, as kg build reads
    assert not result.skipped
    assert len(result.articles) == ARTICLES
    for article in result.articles:
        assert article.title and article.date and article.source == newsgen.SOURCE
        assert not article.text.startswith("---")
        assert article.name is not None and article.name.startswith("news_")


def test_extraction_scores_above_zero(corpus: tuple[Path, int], tmp_path: Path) -> None:
    folder, _ = corpus
    report = pipeline.extract([folder], out=tmp_path)
    assert report.articles == ARTICLES and len(report.written) == ARTICLES
    scores: list[EvalReport] = []
    for gold_path in sorted(folder.glob("*.json")):
        predicted = json.loads((tmp_path / gold_path.name).read_text(encoding="utf-8"))
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        scores.append(score_document(read_gold(gold_path), predicted, text))
    total = combine(scores)
    assert total.documents == ARTICLES
    assert total.entities.f1 > 0
    assert total.typed_entities.f1 > 0
    assert total.relations.f1 > 0


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert newsgen.main([str(tmp_path / "out"), "--articles", "3", "--seed", "9", "--gold"]) == 0
    assert "3 articles" in capsys.readouterr().out
    assert len(list((tmp_path / "out").glob("*.txt"))) == 3
    assert len(list((tmp_path / "out").glob("*.json"))) == 3
