"""Entity resolution: typos, homonyms, types, judgements, ids that do not depend on order."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.model import Article, ArticleExtraction, ExtractedEntity, RawClaim
from kg.registry import Registry, load_registry
from kg.resolve import (
    Judgement,
    Judgements,
    Resolution,
    default_judgements_path,
    resolve,
    to_claims,
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def new(label: str, kind: str = "Company", *aliases: str) -> ExtractedEntity:
    """An entity the extractor did not find in the registry."""
    key = "new:" + " ".join(label.lower().replace(".", "").split())
    return ExtractedEntity(key, label, kind, None, tuple(aliases), 0.85)


def known(entity_id: str, label: str, kind: str, *aliases: str) -> ExtractedEntity:
    """An entity the extractor linked to the registry by name."""
    return ExtractedEntity(entity_id, label, kind, entity_id, tuple(aliases), 1.0)


def article(
    article_id: str, *entities: ExtractedEntity, claims: tuple[RawClaim, ...] = ()
) -> ArticleExtraction:
    text = f"Text of {article_id}."
    return ArticleExtraction(Article(article_id, text), tuple(entities), claims)


def raw(subject: ExtractedEntity, predicate: str, obj: ExtractedEntity) -> RawClaim:
    return RawClaim(subject.key, predicate, obj.key, "Some sentence.", 0, 14, "test.rule.v1", 0.9)


def id_of(resolution: Resolution, article_id: str, entity: ExtractedEntity) -> str:
    return resolution.ids[(article_id, entity.key)]


def judge(*items: tuple[str, str, str]) -> Judgements:
    return Judgements(tuple(Judgement(a, b, verdict) for a, b, verdict in items))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- automatic rules


def test_registry_keys_map_to_themselves(registry: Registry) -> None:
    rosneft = known("rosneft", "Rosneft", "Company")
    result = resolve([article("a1", rosneft)], registry)
    assert id_of(result, "a1", rosneft) == "rosneft"
    assert result.entities["rosneft"] == registry.entities["rosneft"]


def test_typo_merges_across_articles(registry: Registry) -> None:
    right, typo = new("Zorblat Holdings"), new("Zorblatt Holdings")
    result = resolve([article("a1", right), article("a2", typo), article("a3", right)], registry)
    ids = {id_of(result, "a1", right), id_of(result, "a2", typo), id_of(result, "a3", right)}
    assert ids == {"zorblat-holdings"}  # the most frequent spelling names it
    entity = result.entities["zorblat-holdings"]
    assert (entity.label, entity.type, entity.aliases) == (
        "Zorblat Holdings",
        "Company",
        ("Zorblatt Holdings",),
    )
    assert any("typo" in line and "Zorblatt Holdings" in line for line in result.decisions)


def test_names_that_differ_in_a_number_are_not_typos(registry: Registry) -> None:
    plain = new("Nord Stream AG")  # the registry has "Nord Stream 2 AG"
    result = resolve([article("a1", plain)], registry)
    assert id_of(result, "a1", plain) != "nord-stream-2-ag"
    a, b = new("Zorblat Drill 2017", "Event"), new("Zorblat Drill 2021", "Event")
    result = resolve([article("a1", a), article("a2", b)], registry)
    assert id_of(result, "a1", a) != id_of(result, "a2", b)


def test_short_names_do_not_merge_by_similarity(registry: Registry) -> None:
    a, b = new("Zorbq"), new("Zorbv")  # under six characters: no typo matching
    result = resolve([article("a1", a), article("a2", b)], registry)
    assert id_of(result, "a1", a) != id_of(result, "a2", b)


def test_homonyms_with_different_types_stay_apart(registry: Registry) -> None:
    firm, person = new("Mercury Lane", "Company"), new("Mercury Lane", "Person")
    result = resolve([article("a1", firm), article("a2", person)], registry)
    # Person sorts before Company in the type order, so it gets the plain slug.
    assert id_of(result, "a2", person) == "mercury-lane"
    assert id_of(result, "a1", firm) == "mercury-lane-company"
    assert result.entities["mercury-lane-company"].type == "Company"
    assert any("homonyms" in line for line in result.decisions)


def test_a_person_never_merges_with_a_company(registry: Registry) -> None:
    person, firm = new("Zorblat Holdings", "Person"), new("Zorblatt Holdings", "Company")
    result = resolve([article("a1", person), article("a2", firm)], registry)
    assert id_of(result, "a1", person) != id_of(result, "a2", firm)
    # Nor does a person take a company's registry id because the names are alike.
    rosneft_person = new("Rosneft", "Person")
    result = resolve([article("a1", rosneft_person)], registry)
    assert id_of(result, "a1", rosneft_person) == "rosneft-person"


def test_typo_of_a_registry_name_resolves_to_it(registry: Registry) -> None:
    typo = new("Rosnefft")
    result = resolve([article("a1", typo)], registry)
    assert id_of(result, "a1", typo) == "rosneft"
    assert result.entities["rosneft"] == registry.entities["rosneft"]


def test_collision_suffixes(registry: Registry) -> None:
    person = new("Rosneft", "Person")  # rosneft is the registry's company
    person_2 = new("Rosneft Person", "Person")  # its slug is the person's id
    place = new("Rosneft", "Place")
    result = resolve(
        [article("a1", person), article("a2", person_2), article("a3", place)], registry
    )
    assert id_of(result, "a1", person) == "rosneft-person"
    assert id_of(result, "a3", place) == "rosneft-place"
    assert id_of(result, "a2", person_2) == "rosneft-person-2"
    assert any("is taken by a registry entity" in line for line in result.decisions)


def test_ids_do_not_depend_on_article_order(registry: Registry) -> None:
    names = [
        ("Zorblat Holdings", "Company"),
        ("Zorblatt Holdings", "Company"),
        ("Mercury Lane", "Company"),
        ("Mercury Lane", "Person"),
        ("Rosneft", "Person"),
        ("Rosnefft", "Company"),
        ("Quellmark Partners", "Fund"),
        ("Quelmark Partners", "Fund"),
    ]
    extractions = [
        article(f"a{i}", new(label, kind), known("glencore", "Glencore", "Company"))
        for i, (label, kind) in enumerate(names * 2)
    ]
    first = resolve(extractions, registry)
    for seed in range(5):
        shuffled = list(extractions)
        random.Random(seed).shuffle(shuffled)
        again = resolve(shuffled, registry)
        assert again.ids == first.ids
        assert again.entities == first.entities
        assert again.decisions == first.decisions


def test_known_entities_keep_their_ids(registry: Registry) -> None:
    from kg.model import Entity

    earlier = Entity("zorblat-holdings", "Zorblat Holdings", "Company", aliases=("ZH",))
    typo, person = new("Zorblatt Holdings"), new("Zorblat Holdings", "Person")
    result = resolve([article("a1", typo, person)], registry, known=[earlier])
    assert id_of(result, "a1", typo) == "zorblat-holdings"
    assert result.entities["zorblat-holdings"].aliases == ("ZH", "Zorblatt Holdings")
    assert id_of(result, "a1", person) == "zorblat-holdings-person"


# --------------------------------------------------------------------------- claims


def test_to_claims_maps_ids_and_drops_self_ties(registry: Registry) -> None:
    right, typo = new("Zorblat Holdings"), new("Zorblatt Holdings")
    rosneft = known("rosneft", "Rosneft", "Company")
    extraction = article(
        "a1",
        right,
        typo,
        rosneft,
        claims=(raw(right, "ownsStakeIn", rosneft), raw(typo, "partnerOf", right)),
    )
    result = resolve([extraction], registry)
    claims = to_claims(result, extraction)
    merged = id_of(result, "a1", right)
    assert merged == id_of(result, "a1", typo)
    assert [(c.subject, c.predicate, c.object) for c in claims] == [
        (merged, "ownsStakeIn", "rosneft")
    ]
    assert claims[0].article_id == "a1"


# --------------------------------------------------------------------------- judgements


def test_judged_same_forces_a_merge(registry: Registry) -> None:
    bejing = new("Bejing")  # the extractor guessed Company; the reviewer says China
    acme, act = new("Acme Trading"), new("ACT Group")
    result = resolve(
        [article("a1", bejing, acme), article("a2", act)],
        registry,
        judge(("Bejing", "china", "same"), ("Acme Trading", "ACT Group", "same")),
    )
    assert id_of(result, "a1", bejing) == "china"
    assert result.entities["china"] == registry.entities["china"]
    assert id_of(result, "a1", acme) == id_of(result, "a2", act)


def test_judged_not_same_forbids_a_merge(registry: Registry) -> None:
    right, typo, rosnefft = new("Zorblat Holdings"), new("Zorblatt Holdings"), new("Rosnefft")
    result = resolve(
        [article("a1", right, rosnefft), article("a2", typo)],
        registry,
        judge(
            ("Zorblat Holdings", "Zorblatt Holdings", "not_same"),
            ("Rosnefft", "rosneft", "not_same"),
        ),
    )
    assert id_of(result, "a1", right) != id_of(result, "a2", typo)
    assert id_of(result, "a1", rosnefft) == "rosnefft"
    assert any("kept" in line and "not_same" in line for line in result.decisions)


def test_not_same_undoes_an_extractor_typo_link(registry: Registry) -> None:
    linked = ExtractedEntity(
        "kirill-dmitriev", "Kirill Dmitriev", "Person", "kirill-dmitriev", ("Kirill Dmitrev",), 0.85
    )
    verdicts = judge(("Kirill Dmitrev", "kirill-dmitriev", "not_same"))
    result = resolve([article("a1", linked)], registry, verdicts)
    assert id_of(result, "a1", linked) == "kirill-dmitrev"
    # Without the judgement the extractor's link stands.
    assert id_of(resolve([article("a1", linked)], registry), "a1", linked) == "kirill-dmitriev"


def test_judged_unsure_is_reported_only(registry: Registry) -> None:
    right, typo = new("Zorblat Holdings"), new("Zorblatt Holdings")
    extractions = [article("a1", right), article("a2", typo)]
    plain = resolve(extractions, registry)
    unsure = resolve(
        extractions, registry, judge(("Zorblat Holdings", "Zorblatt Holdings", "unsure"))
    )
    assert unsure.ids == plain.ids
    assert any(line.startswith("judgement unsure") for line in unsure.decisions)


def test_judgements_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    lines = [
        {"a": "Bejing", "b": "china", "judgement": "same", "note": "a typo"},
        {"a": "Europe", "b": "european-union", "judgement": "unsure"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    loaded = Judgements.load(path)
    assert [(j.a, j.b, j.judgement) for j in loaded] == [
        ("Bejing", "china", "same"),
        ("Europe", "european-union", "unsure"),
    ]
    assert loaded.items[0].where == f"{path}:1"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "invalid JSON"),
        ('["a", "b"]', "JSON object"),
        ('{"a": "X", "b": "Y", "judgement": "maybe"}', "judgement"),
        ('{"a": "X", "judgement": "same"}', "'b' is required"),
        ('{"a": "X", "b": "Y", "judgement": "same", "why": "?"}', "unknown key 'why'"),
        ('{"a": "X", "b": "the x", "judgement": "same"}', "the same thing"),
        ('{"a": "Y", "b": "X", "judgement": "not_same"}', "contradicts"),
    ],
)
def test_bad_judgements_line_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text('{"a": "X", "b": "Y", "judgement": "same"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Judgements.load(path)
    assert f"{path}:2" in str(caught.value)
    assert problem in str(caught.value)


def test_missing_judgements_file_given_explicitly(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        Judgements.load(tmp_path / "nope.jsonl")


def test_shipped_judgements_are_reviewable(registry: Registry) -> None:
    shipped = Judgements.load()
    assert default_judgements_path().name == "judgements.jsonl"
    assert 2 <= len(shipped) <= 5
    for item in shipped:
        assert item.note.strip(), item
        ids = [side for side in (item.a, item.b) if side.islower() and "-" in side]
        assert all(side in registry for side in ids), item
