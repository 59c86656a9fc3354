"""Model objects refuse malformed values at creation."""

from __future__ import annotations

from typing import Any

import pytest

from kg.errors import ModelError
from kg.model import Article, Claim, Entity, Mention

GOOD: dict[str, Any] = dict(
    subject="a",
    predicate="ownsStakeIn",
    object="b",
    article_id="x",
    evidence="A owns B.",
    start=0,
    end=9,
    rule="stake.percent.v1",
    confidence=0.9,
)


def test_a_good_claim_is_accepted() -> None:
    assert Claim(**GOOD, percent=19.5, date="2016-12", status="completed").percent == 19.5


@pytest.mark.parametrize(
    "change, message",
    [
        ({"predicate": "owns"}, "unknown predicate"),
        ({"subject": "Alibaba Group"}, "not an entity id"),
        ({"evidence": "  "}, "empty evidence"),
        ({"start": 5, "end": 5}, "bad evidence span"),
        ({"rule": "Stake Percent"}, "rule id"),
        ({"confidence": 1.5}, "outside 0..1"),
        ({"percent": 150.0}, "outside 0..100"),
        ({"percent": -1.0}, "outside 0..100"),
        ({"predicate": "partnerOf", "percent": 10.0}, "belongs to a stake"),
        ({"date": "2018-13"}, "is not YYYY"),
        ({"valid_from": "September 2018"}, "is not YYYY"),
        ({"status": "rumoured"}, "status"),
    ],
)
def test_bad_claims_are_refused(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        Claim(**{**GOOD, **change})


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(id="Russia", label="Russia", type="State"), "not a slug"),
        (dict(id="russia", label=" ", type="State"), "empty label"),
        (dict(id="russia", label="Russia", type="Country"), "unknown type"),
        (
            dict(id="rdif", label="RDIF", type="Company", subclass="SovereignWealthFund"),
            "not a kind of",
        ),
        (dict(id="russia", label="Russia", type="State", wikidata="159"), "wikidata"),
        (dict(id="russia", label="Russia", type="State", iso3166="RUS"), "ISO"),
    ],
)
def test_bad_entities_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        Entity(**kwargs)


def test_articles_and_mentions_check_their_fields() -> None:
    assert Article("a-1", "text", date="2018-09-11").date == "2018-09-11"
    with pytest.raises(ModelError, match="date"):
        Article("a-1", "text", date="11/09/2018")
    with pytest.raises(ModelError, match="url"):
        Article("a-1", "text", url="javascript:alert(1)")
    with pytest.raises(ModelError, match="article id"):
        Article("../etc/passwd", "text")
    with pytest.raises(ModelError, match="bad span"):
        Mention("a-1", 4, 2, "x", "Person")
