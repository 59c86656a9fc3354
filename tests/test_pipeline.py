"""The pipeline behind `kg extract`, `kg build` and `kg eval`, end to end on small articles."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg import pipeline
from kg.errors import InputError, UsageError
from kg.ids import ARTICLE, ENTITY, article_id_for_text, article_iri
from kg.model import EVAL_PREDICATES, Article
from kg.scoring import check_gold, read_gold, score_document
from kg.store import open_store

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "eval" / "seeds"

# Short texts (under 20 words) skip language detection, which keeps the suite fast.
GLENCORE = "Glencore owns a 20 percent stake in Rosneft. Igor Sechin, chief executive of Rosneft."
ZORBLAT = (
    "Zorblat Holdings owns a 30 percent stake in Rosneft. Zorblat Holdings is based in Cyprus."
)
ZORBLAT_EDITED = ZORBLAT.replace("30 percent", "35 percent")
ZORBLATT = "Zorblatt Holdings bought a 10 percent stake in Glencore."
EVIL = (
    "Glencore <script>alert(1)</script> owns a 20 percent stake in Rosneft "
    "} ; DROP GRAPH <https://w3id.org/kg/article/x> ."
)
EVIL_TITLE = "<script>alert('t')</script> } ; DROP GRAPH <x>"
EXTRAS = {"entities": {"id"}, "relations": {"evidence", "rule", "confidence", "date"}}


def write(folder: Path, name: str, text: str, date: str = "2020-01-02", title: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    head = f"---\ndate: {date}\n" + (f"title: {json.dumps(title)}\n" if title else "") + "---\n"
    path.write_text(head + text + "\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write(folder, "glencore", GLENCORE)
    write(folder, "zorblat", ZORBLAT)
    return folder


def export(store: Path) -> bytes:
    data = kg.export("nquads", store=store).data
    assert data is not None
    return data


def graphs(store: Path) -> dict[str, set[bytes]]:
    """The N-Quads lines of each named graph."""
    out: dict[str, set[bytes]] = {}
    for line in export(store).splitlines():
        graph = line.rsplit(b" ", 2)[-2].decode()
        out.setdefault(graph.strip("<>"), set()).add(line)
    return out


# --------------------------------------------------------------------------- extract


def test_extract_writes_eval_documents(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "nested"
    report = pipeline.extract([corpus], out=out)
    assert (report.articles, report.skipped) == (2, ())
    assert [p.name for p in report.written] == ["glencore.json", "zorblat.json"]
    assert report.claims >= 3
    doc = json.loads((out / "zorblat.json").read_text(encoding="utf-8"))
    assert doc["document"] == "zorblat.txt"
    by_name = {e["name"]: e for e in doc["entities"]}
    assert by_name["Zorblat Holdings"]["id"] == "zorblat-holdings"
    assert by_name["Zorblat Holdings"]["type"] == "Company"
    assert "NK Rosneft" in by_name["Rosneft"]["aliases"]  # registry aliases are included
    stake = next(r for r in doc["relations"] if r["predicate"] == "ownsStakeIn")
    assert (stake["subject"], stake["object"], stake["percent"]) == (
        "Zorblat Holdings",
        "Rosneft",
        30,
    )
    assert stake["evidence"] == "Zorblat Holdings owns a 30 percent stake in Rosneft."
    assert stake["date"] == "2020-01-02"
    assert stake["rule"] and 0 < stake["confidence"] <= 1
    assert all("percent" not in r for r in doc["relations"] if r["predicate"] != "ownsStakeIn")
    assert all(r["predicate"] in EVAL_PREDICATES for r in doc["relations"])
    assert doc["entities"] == sorted(doc["entities"], key=lambda e: (e["name"], e["type"]))
    # Without the extras it is a gold file; with them any FORMAT.md scorer reads it.
    plain = {
        "document": doc["document"],
        "entities": [
            {k: v for k, v in e.items() if k not in EXTRAS["entities"]} for e in doc["entities"]
        ],
        "relations": [
            {k: v for k, v in r.items() if k not in EXTRAS["relations"]} for r in doc["relations"]
        ],
    }
    assert check_gold(plain) is None
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(plain), encoding="utf-8")
    assert read_gold(gold) == plain
    full = tmp_path / "predicted.json"
    full.write_text(json.dumps(doc), encoding="utf-8")
    assert read_gold(full, strict=False) == doc  # the extras are allowed in predictions
    assert check_gold(doc) is not None  # but not in a gold file
    score = score_document(plain, doc)
    assert score.entities.f1 == score.relations.f1 == 1.0


def test_extract_is_byte_identical_on_rerun(corpus: Path, tmp_path: Path) -> None:
    first = pipeline.extract([corpus], out=tmp_path / "one")
    second = pipeline.extract([corpus], out=tmp_path / "two")
    for a, b in zip(first.written, second.written, strict=True):
        assert a.read_bytes() == b.read_bytes()
        assert a.read_bytes().endswith(b"}\n")
    again = pipeline.extract([corpus], out=tmp_path / "one")
    assert [p.read_bytes() for p in again.written] == [p.read_bytes() for p in second.written]
    assert not list((tmp_path / "one").glob(".*"))  # no temporary files left


def test_extract_refuses_two_articles_with_one_name() -> None:
    one = Article("a1", "x", path="a/x.txt", name="x")
    two = Article("a2", "y", path="b/x.txt", name="x")
    with pytest.raises(InputError, match=r"b/x\.txt.*'x'.*a/x\.txt"):
        pipeline._check_names([one, two])


def test_extract_out_must_be_a_folder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "file"
    out.write_text("x")
    with pytest.raises(kg.KgError, match="not a folder"):
        pipeline.extract([corpus], out=out)


def test_extract_never_overwrites_gold_beside_its_text(corpus: Path) -> None:
    gold = corpus / "zorblat.json"
    gold.write_text("{}", encoding="utf-8")
    with pytest.raises(kg.KgError, match=r"beside its source zorblat\.txt"):
        pipeline.extract([corpus], out=corpus)
    assert gold.read_text(encoding="utf-8") == "{}"
    assert not (corpus / "glencore.json").exists()


def test_an_uninstalled_spacy_model_is_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such installed spaCy pipeline"):
        pipeline.extract([corpus], out=tmp_path / "out", spacy_model="xx_not_installed_sm")
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- build


def test_build_validates_and_counts(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    seen: list[tuple[int, int]] = []
    report = pipeline.build([corpus], store=store, progress=lambda d, t: seen.append((d, t)))
    assert (report.articles, report.new, report.replaced, report.unchanged) == (2, 2, 0, 0)
    assert report.claims >= 3 and report.entities >= 4
    assert seen == [(1, 2), (2, 2)]
    result = kg.validate(store=store)
    assert result.conforms, result.report()
    stats = kg.stats(store=store)
    assert stats["claims"] == report.claims
    assert stats["articles"] == 2


def test_build_twice_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build([corpus], store=store)
    before = export(store)
    again = pipeline.build([corpus], store=store)
    assert (again.new, again.replaced, again.unchanged, again.claims) == (0, 0, 2, 0)
    assert export(store) == before


def test_edited_article_replaces_its_graph(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build([corpus], store=store)
    before = graphs(store)
    old_iri, new_iri = (
        article_iri(article_id_for_text(ZORBLAT)),
        article_iri(article_id_for_text(ZORBLAT_EDITED)),
    )
    write(corpus, "zorblat", ZORBLAT_EDITED)
    report = pipeline.build([corpus], store=store)
    assert (report.new, report.replaced, report.unchanged) == (0, 1, 1)
    after = graphs(store)
    assert old_iri in before and old_iri not in after
    assert new_iri in after
    untouched = article_iri(article_id_for_text(GLENCORE))
    assert after[untouched] == before[untouched]
    assert set(after) == set(before) - {old_iri} | {new_iri}
    assert b'"35"^^<http://www.w3.org/2001/XMLSchema#decimal>' in b"".join(after[new_iri])
    assert kg.validate(store=store).conforms


def test_new_article_adds_only_its_graph(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build([corpus], store=store)
    before = graphs(store)
    write(corpus, "zorblatt", ZORBLATT)
    report = pipeline.build([corpus], store=store)
    assert (report.new, report.replaced, report.unchanged) == (1, 0, 2)
    after = graphs(store)
    added = set(after) - set(before)
    assert added == {article_iri(article_id_for_text(ZORBLATT))}
    assert all(after[g] == lines for g, lines in before.items())
    # The typo in the new article resolves to the entity an earlier run created.
    new_graph = b"".join(after[added.pop()])
    assert f"<{ENTITY}zorblat-holdings> <https://w3id.org/kg/ontology#ownsStakeIn>".encode() in (
        new_graph
    )
    assert f"{ENTITY}zorblatt-holdings".encode() not in new_graph


def test_workers_give_the_same_store(corpus: Path, tmp_path: Path) -> None:
    write(corpus, "zorblatt", ZORBLATT)
    write(corpus, "evil", EVIL)
    pipeline.build([corpus], store=tmp_path / "one")
    pipeline.build([corpus], store=tmp_path / "two", workers=2)
    assert export(tmp_path / "one") == export(tmp_path / "two")


def test_markup_and_queries_in_text_are_plain_literals(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write(folder, "glencore", GLENCORE)
    write(folder, "evil", EVIL, title=EVIL_TITLE)
    store = tmp_path / "store"
    report = pipeline.build([folder], store=store)
    assert report.new == 2
    assert kg.validate(store=store).conforms
    with open_store(store, "r") as handle:
        evidence = {
            q.object.value
            for q in handle.store.quads_for_pattern(
                None, ox.NamedNode("https://w3id.org/kg/ontology#evidence"), None
            )
            if isinstance(q.object, ox.Literal)
        }
        titles = {
            q.object.value
            for q in handle.store.quads_for_pattern(
                None, ox.NamedNode("http://purl.org/dc/terms/title"), None
            )
            if isinstance(q.object, ox.Literal)
        }
        names = {str(g.value) for g in handle.store.named_graphs() if isinstance(g, ox.NamedNode)}
    assert EVIL in evidence
    assert titles == {EVIL_TITLE}
    assert names == {
        article_iri(article_id_for_text(GLENCORE)),
        article_iri(article_id_for_text(EVIL)),
    }
    assert not any(n.endswith("/x") for n in names)
    assert all(n.startswith(ARTICLE) for n in names)


def test_build_refuses_zero_workers(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="workers"):
        pipeline.build([corpus], store=tmp_path / "store", workers=0)


# --------------------------------------------------------------------------- evaluate


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed gold set is not here")
def test_evaluate_seeds() -> None:
    report = pipeline.evaluate(SEEDS)
    assert report.documents == 2
    assert report.errors == ()
    assert report.entities.f1 > 0.5
    assert report.relations.tp > 0
    detailed = pipeline.evaluate(SEEDS, show_errors=True)
    assert detailed.relations == report.relations
    assert detailed.errors


def test_evaluate_strips_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "doc", ZORBLAT)
    gold = {
        "document": "doc.txt",
        "entities": [
            {"name": "Zorblat Holdings", "type": "Company"},
            {"name": "Rosneft", "type": "Company"},
            {"name": "Cyprus", "type": "State"},
        ],
        "relations": [
            {
                "subject": "Zorblat Holdings",
                "predicate": "ownsStakeIn",
                "object": "Rosneft",
                "percent": 30,
            }
        ],
    }
    (tmp_path / "doc.json").write_text(json.dumps(gold), encoding="utf-8")
    report = pipeline.evaluate(tmp_path)
    assert report.documents == 1
    assert report.entities.fn == 0
    assert report.relations.tp == 1
    assert report.percent_accuracy == 1.0
