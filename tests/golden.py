"""A small fixture for the builder, and its golden sorted N-Quads.

``python -m tests.golden`` (``make golden``) rewrites ``tests/golden/mini.nq``;
review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

from kg.model import Article, Claim, Entity

GOLDEN = Path(__file__).parent / "golden" / "mini.nq"

TEXT = (
    "Alibaba will hold 48 percent of AliExpress Russia, and MegaFon 24 percent. "
    "The EU has sanctioned Russia since 2014. "
    "Putin attended the Eastern Economic Forum in Vladivostok."
)

ENTITIES = {
    e.id: e
    for e in [
        Entity(
            "alibaba-group", "Alibaba Group", "Company", aliases=("Alibaba",), wikidata="Q1359568"
        ),
        Entity("megafon", "MegaFon", "Company"),
        Entity("aliexpress-russia", "AliExpress Russia", "Company", subclass="JointVenture"),
        Entity(
            "european-union",
            "European Union",
            "Organization",
            subclass="IntergovernmentalOrganization",
            aliases=("EU",),
            wikidata="Q458",
        ),
        Entity("russia", "Russia", "State", wikidata="Q159", iso3166="RU"),
        Entity("vladimir-putin", "Vladimir Putin", "Person", aliases=("Putin",)),
        Entity("eastern-economic-forum", "Eastern Economic Forum", "Event", subclass="Forum"),
        Entity("vladivostok", "Vladivostok", "Place", subclass="City"),
    ]
}

ARTICLE = Article(
    id="mini-1",
    text=TEXT,
    title="A <b>mini</b> story",
    date="2018-09-11",
    url="https://news.example.org/mini?id=1&lang=en",
    source="Example News",
)


def _span(sentence: str) -> tuple[str, int, int]:
    start = TEXT.index(sentence)
    return sentence, start, start + len(sentence)


S1 = _span("Alibaba will hold 48 percent of AliExpress Russia, and MegaFon 24 percent.")
S2 = _span("The EU has sanctioned Russia since 2014.")
S3 = _span("Putin attended the Eastern Economic Forum in Vladivostok.")

CLAIMS = [
    Claim(
        "alibaba-group",
        "ownsStakeIn",
        "aliexpress-russia",
        "mini-1",
        *S1,
        rule="stake.percent.v1",
        confidence=0.9,
        percent=48,
        status="announced",
    ),
    Claim(
        "megafon",
        "ownsStakeIn",
        "aliexpress-russia",
        "mini-1",
        *S1,
        rule="stake.list.v1",
        confidence=0.85,
        percent=24,
        status="announced",
    ),
    Claim(
        "megafon", "partnerOf", "alibaba-group", "mini-1", *S1, rule="partner.jv.v1", confidence=0.7
    ),
    Claim(
        "european-union",
        "sanctions",
        "russia",
        "mini-1",
        *S2,
        rule="sanction.active.v1",
        confidence=0.8,
        valid_from="2014",
    ),
    Claim(
        "vladimir-putin",
        "participatedIn",
        "eastern-economic-forum",
        "mini-1",
        *S3,
        rule="participation.attend.v1",
        confidence=0.8,
        role="attendee",
    ),
    Claim(
        "eastern-economic-forum",
        "locatedIn",
        "vladivostok",
        "mini-1",
        *S3,
        rule="location.in.v1",
        confidence=0.75,
    ),
]


def build_bytes() -> bytes:
    from kg.build import build_dataset, to_nquads

    return to_nquads(build_dataset([ARTICLE], CLAIMS, ENTITIES).dataset)


if __name__ == "__main__":
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_bytes(build_bytes())
    print(f"wrote {GOLDEN}")
