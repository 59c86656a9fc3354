"""Core types that pass between the pipeline's stages.

Frozen dataclasses, validated on creation so a malformed object never
reaches the graph. Entity types and predicates are the closed sets of
``../shared/eval/FORMAT.md``; subclasses are those of ``ontology/kg.ttl``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from typing import Final, Literal, Protocol

from kg.errors import ModelError
from kg.ids import ARTICLE_ID_RE, SLUG_RE

ENTITY_TYPES: Final = (
    "Person",
    "Company",
    "Fund",
    "State",
    "Organization",
    "Place",
    "Event",
    "Product",
)

SUBCLASSES: Final[dict[str, tuple[str, ...]]] = {
    "Company": ("JointVenture", "Bank", "StateOwnedEnterprise", "MediaOutlet"),
    "Fund": ("SovereignWealthFund", "PensionFund"),
    "Organization": (
        "IntergovernmentalOrganization",
        "GovernmentAgency",
        "PoliticalParty",
        "NonGovernmentalOrganization",
    ),
    "Place": ("City", "Region", "Territory", "BodyOfWater", "Continent"),
    "Event": (
        "Forum",
        "Summit",
        "MilitaryExercise",
        "ArmedConflict",
        "Crisis",
        "TradeWar",
        "Incident",
        "DealSigning",
        "SanctionsRegime",
    ),
    "Product": ("Platform", "PaymentSystem", "Pipeline", "WeaponSystem", "Brand"),
}

#: The 11 predicates of the eval format, in its order.
EVAL_PREDICATES: Final = (
    "ownsStakeIn",
    "subsidiaryOf",
    "partnerOf",
    "headOf",
    "sanctions",
    "participatedIn",
    "locatedIn",
    "basedIn",
    "cooperatesWith",
    "inConflictWith",
    "memberOf",
)
#: Control is kept apart from ownership; it is not an eval predicate.
PREDICATES: Final = (*EVAL_PREDICATES, "controls")
SYMMETRIC: Final = frozenset({"partnerOf", "cooperatesWith", "inConflictWith"})

#: Predicates whose ties are also n-ary nodes, and the node's class.
TIE_CLASSES: Final = {
    "ownsStakeIn": "Stake",
    "sanctions": "Sanction",
    "participatedIn": "Participation",
}

Status = Literal["announced", "completed"]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_RULE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.v[0-9]+$")


def check_date(value: str | None, what: str) -> None:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a real calendar date).

    >>> check_date("2018-09", "date")
    >>> check_date("2018-02-30", "date")
    Traceback (most recent call last):
    kg.errors.ModelError: date '2018-02-30' is not YYYY, YYYY-MM or YYYY-MM-DD
    """
    if value is None:
        return
    m = _PARTIAL_DATE.match(value)
    ok = m is not None
    if m:
        year, month, day = m.groups()
        try:
            _date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            ok = False
    if not ok:
        raise ModelError(f"{what} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical thing in the world: a registry entry or a resolved new one."""

    id: str
    label: str
    type: str
    subclass: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    iso3166: str | None = None
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    description: str | None = None

    def __post_init__(self) -> None:
        if not SLUG_RE.match(self.id):
            raise ModelError(f"entity id {self.id!r} is not a slug (a-z, 0-9, single hyphens)")
        if not self.label.strip():
            raise ModelError(f"entity {self.id!r} has an empty label")
        if self.type not in ENTITY_TYPES:
            raise ModelError(f"entity {self.id!r}: unknown type {self.type!r}")
        if self.subclass is not None and self.subclass not in SUBCLASSES.get(self.type, ()):
            raise ModelError(f"entity {self.id!r}: {self.subclass!r} is not a kind of {self.type}")
        if self.wikidata is not None and not re.match(r"^Q[1-9]\d*$", self.wikidata):
            raise ModelError(f"entity {self.id!r}: wikidata id {self.wikidata!r} is not Q<number>")
        if self.iso3166 is not None and not re.match(r"^[A-Z]{2}$", self.iso3166):
            raise ModelError(f"entity {self.id!r}: ISO code {self.iso3166!r} is not two letters")


@dataclass(frozen=True, slots=True)
class Article:
    """One source document and its metadata."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    name: str | None = None
    """A file-name-safe stem for per-article outputs (``NAME.json``)."""

    def __post_init__(self) -> None:
        if self.name is not None and not ARTICLE_ID_RE.match(self.name):
            raise ModelError(f"article name {self.name!r} is not a safe file stem")
        if not ARTICLE_ID_RE.match(self.id):
            raise ModelError(f"article id {self.id!r} must be 1-128 letters, digits, '_', '.', '-'")
        check_date(self.date, f"article {self.id}: date")
        if self.url is not None and not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", self.url):
            raise ModelError(f"article {self.id}: url {self.url!r} is not an http(s) URL")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of article text that names an entity."""

    article_id: str
    start: int
    end: int
    text: str
    type: str
    entity_id: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ModelError(f"mention {self.text!r}: bad span {self.start}..{self.end}")
        if self.type not in ENTITY_TYPES:
            raise ModelError(f"mention {self.text!r}: unknown type {self.type!r}")


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement, with the sentence and the rule it came from.

    ``start``/``end`` are character offsets of the evidence in the article
    text (end exclusive). Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``:
    ``date`` is a point stated in the sentence, ``valid_from``/``valid_to``
    bound the tie.
    """

    subject: str
    predicate: str
    object: str
    article_id: str
    evidence: str
    start: int
    end: int
    rule: str
    confidence: float
    percent: float | None = None
    date: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    status: Status | None = None
    role: str | None = None
    reason: str | None = None
    legal_basis: str | None = None

    def __post_init__(self) -> None:
        where = f"claim {self.subject} {self.predicate} {self.object}"
        if self.predicate not in PREDICATES:
            raise ModelError(f"{where}: unknown predicate {self.predicate!r}")
        for end in (self.subject, self.object) + ((self.reason,) if self.reason else ()):
            if not SLUG_RE.match(end):
                raise ModelError(f"{where}: {end!r} is not an entity id")
        if not self.evidence.strip():
            raise ModelError(f"{where}: empty evidence")
        if not 0 <= self.start < self.end:
            raise ModelError(f"{where}: bad evidence span {self.start}..{self.end}")
        if not _RULE_RE.match(self.rule):
            raise ModelError(f"{where}: rule id {self.rule!r} is not like 'stake.percent.v1'")
        if not 0.0 <= self.confidence <= 1.0:
            raise ModelError(f"{where}: confidence {self.confidence} is outside 0..1")
        if self.percent is not None:
            if self.predicate not in ("ownsStakeIn", "controls"):
                raise ModelError(f"{where}: a percent belongs to a stake")
            if not 0.0 <= self.percent <= 100.0:
                raise ModelError(f"{where}: percent {self.percent} is outside 0..100")
        for name in ("date", "valid_from", "valid_to"):
            check_date(getattr(self, name), f"{where}: {name}")
        if self.status not in (None, "announced", "completed"):
            raise ModelError(f"{where}: status {self.status!r} is not announced or completed")


# -- what extraction hands to resolution ---------------------------------------


class SentenceLike(Protocol):
    """A sentence of an article: a spaCy span or the extractor's ``Sentence``."""

    @property
    def text(self) -> str: ...
    @property
    def start_char(self) -> int: ...
    @property
    def end_char(self) -> int: ...


@dataclass(frozen=True)
class RawClaim:
    """A claim as extraction finds it: ends are article-level entity keys, not ids yet."""

    subject: str  # cluster key
    predicate: str
    object: str
    evidence: str
    start: int
    end: int
    rule: str
    confidence: float
    percent: float | None = None
    date: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    status: str | None = None

    @classmethod
    def said_in(
        cls,
        subject: str,
        predicate: str,
        obj: str,
        sent: SentenceLike,
        rule: str,
        confidence: float,
        *,
        date: str | None = None,
        valid_from: str | None = None,
        valid_to: str | None = None,
    ) -> RawClaim:
        """A claim whose evidence is the whole sentence ``sent``."""
        return cls(
            subject,
            predicate,
            obj,
            sent.text,
            sent.start_char,
            sent.end_char,
            rule,
            confidence,
            date=date,
            valid_from=valid_from,
            valid_to=valid_to,
        )


@dataclass(frozen=True)
class ExtractedEntity:
    key: str
    label: str
    type: str
    entity_id: str | None
    aliases: tuple[str, ...]
    confidence: float


@dataclass(frozen=True)
class ArticleExtraction:
    article: Article
    entities: tuple[ExtractedEntity, ...]
    claims: tuple[RawClaim, ...]
