"""Groups named by a plural noun and listed later.

News often names a group first and its members later: "The US added 28
Chinese companies to its blacklist. The companies include A, B and C." or
"Eleven producers agreed to cut output. The other participants are A and B."
The sentence rules see the members with no verb. This step reads the article
in order, notes each group that a sanctions sentence introduces ("28 Chinese
companies", with who sanctions them and the state its demonym names), and
gives the members a later sentence lists ("The eight companies include ...",
"Twenty of them are government agencies: ...") the group's ties. A list of
"participants", "signatories", "attendees" or "guests" took part in the article's main
event: the event it names most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.mentions import ClusterLike, Found
from kg.extract.sentences import ROW_MARKS, Sentence
from kg.model import RawClaim

_NUMBER = (
    r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|dozens of|scores of|hundreds of|several|a number of|a further \d+|another \d+)"
)
#: plural nouns for groups, with the entity types their members may have
_MEMBERS = {
    "companies": ("Company", "Organization"),
    "firms": ("Company", "Organization"),
    "businesses": ("Company", "Organization"),
    "banks": ("Company", "Organization"),
    "lenders": ("Company", "Organization"),
    "producers": ("Company", "Organization", "State"),
    "exporters": ("Company", "Organization"),
    "entities": ("Company", "Organization", "Fund", "Person"),
    "bodies": ("Organization", "Company"),
    "agencies": ("Organization",),
    "organisations": ("Organization", "Company"),
    "organizations": ("Organization", "Company"),
    "individuals": ("Person",),
    "people": ("Person",),
    "officials": ("Person",),
    "executives": ("Person",),
    "businessmen": ("Person",),
    "oligarchs": ("Person",),
    "vessels": ("Product",),
    "tankers": ("Product",),
}
_NOUN = "|".join(sorted(_MEMBERS, key=len, reverse=True))
_WORDS = r"(?:[a-z][\w'-]* ){0,4}?"
#: "28 Chinese government bodies and companies"
_INTRO = re.compile(
    rf"\b{_NUMBER} {_WORDS}(?P<noun>{_NOUN})(?: and {_WORDS}(?P<noun2>{_NOUN}))?\b", re.I
)
_SANCTION = re.compile(
    r"\b(?:sanction(?:s|ed|ing)?|blacklist(?:s|ed|ing)?|entity list|designat(?:ed|es|ing)|"
    r"froze|freez(?:e|es|ing)|penalt(?:y|ies)|embargo|export controls?|asset freezes?)\b",
    re.I,
)
#: "The eight companies include", "Those targeted include", "Twenty of them are"
_REFERENCE = re.compile(
    rf"^(?:among )?(?:the |those |these |its )?(?:{_NUMBER} |other |remaining |rest of the )?"
    rf"(?:{_WORDS}(?P<noun>{_NOUN})|(?:those|others) (?:targeted|sanctioned|blacklisted|"
    rf"listed|named|designated|added)|(?P<count>{_NUMBER}) of them|among them|they)"
    r"(?: (?:targeted|sanctioned|blacklisted|listed|named|designated|added))?"
    r" (?:include|includes|included|are|were|comprise|comprised)\b",
    re.I,
)
#: a heading over rows that list a group's members: "The eight names:", "The companies:"
_HEADING = re.compile(
    rf"^(?:the |those |its )?(?:{_NUMBER} )?(?:{_WORDS}(?P<noun>{_NOUN})|(?:new )?(?:names|targets|"
    r"additions|designations))(?: (?:are|include|added|targeted|named|listed))?:$",
    re.I,
)
#: a sanctions sentence that names its targets only as a group: "added eight Chinese
#: companies to its investment blacklist"
_LISTED = re.compile(
    r"\b(?:added|adds|put|puts|placed|places)\b.{0,120}?\b(?:to|on) (?:its|the|a)\b"
    r".{0,80}?\b(?:black ?)?list\b",
    re.I,
)
_PARTICIPANTS = re.compile(
    r"^(?:the )?(?:other |remaining |\w+ other )?"
    r"(?P<noun>participants|signatories|attendees|guests) (?:include|includes|included|are|were)\b",
    re.I,
)
_PARTICIPANT_WORDS = re.compile(r"\b(?:participants|signatories|attendees|guests)\b", re.I)
_NOT_MEMBERS = frozenset({"demonym"})


@dataclass
class _Group:
    nouns: tuple[str, ...]
    sanctioners: tuple[str, ...]
    state: str | None  # the state its demonym names ("28 Chinese companies")
    claim: RawClaim  # the claim that introduced it, for its dates


def group_claims(
    doc: Doc,
    sents: Sequence[Sentence],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    claims: Sequence[RawClaim],
    text: str | None = None,
) -> list[RawClaim]:
    """Ties of the members of groups the article lists (see the module docstring);
    ``sents`` are the sentences of ``doc`` and ``text``, when given, is ``doc.text``."""
    by_sentence: dict[int, list[RawClaim]] = {}
    for c in claims:
        if c.predicate == "sanctions":
            by_sentence.setdefault(c.start, []).append(c)
    event = main_event(mentions, clusters)
    if text is None:
        text = doc.text  # spaCy joins the tokens again each time it is read
    unnamed = _LISTED.search(text) is not None and _INTRO.search(text) is not None
    # most articles have neither a group nor a list of participants: read nothing
    if not by_sentence and event is None and not unnamed:
        return []
    intros = unnamed or any(_INTRO.search(text, c[0].start, c[0].end) for c in by_sentence.values())
    if not intros and (event is None or not _PARTICIPANT_WORDS.search(text)):
        return []
    types = {c.key: c.type for c in clusters}
    based = {
        c.subject: c.object
        for c in claims
        if c.predicate == "basedIn" and types.get(c.object) == "State"
    }
    groups: list[_Group] = []
    out: list[RawClaim] = []
    for at, sent in enumerate(sents):
        said = sent.text.strip()
        ref = _REFERENCE.match(said)
        if ref is not None and groups:
            noun = (ref.group("noun") or "").lower()
            group = next((g for g in reversed(groups) if not noun or noun in g.nouns), None)
            if group is not None:
                listed = _listed(doc, sent, ref.end(), mentions)
                out += _member_claims(sent, listed, clusters, types, group, noun)
        heading = _HEADING.match(said) if groups else None
        if heading is not None:
            noun = (heading.group("noun") or "").lower()
            group = next((g for g in reversed(groups) if not noun or noun in g.nouns), None)
            k = at + 1
            while group is not None and k < len(sents):
                row = sents[k]
                if not row.text.lstrip().startswith(ROW_MARKS):
                    break
                # the row's first name is the member: "- Megvii, the Beijing-based ..."
                head = _listed(doc, row, 1, mentions)[:1]
                out += _member_claims(row, head, clusters, types, group, noun)
                k += 1
        part = _PARTICIPANTS.match(said)
        if part is not None and event is not None:
            for m in _listed(doc, sent, part.end(), mentions):
                key = clusters[m.cluster].key
                if key != event and types.get(key) in (
                    None,
                    "State",
                    "Company",
                    "Organization",
                    "Person",
                ):
                    out.append(_claim(key, "participatedIn", event, sent, "participation.group.v1"))
        intro = _INTRO.search(said)
        sanctions = by_sentence.get(sent.start_char, [])
        if intro is not None and sanctions and _SANCTION.search(said):
            nouns = tuple(n.lower() for n in (intro.group("noun"), intro.group("noun2")) if n)
            state = _demonym_in(doc, sent, intro.start(), intro.end(), mentions, clusters)
            subjects = tuple(dict.fromkeys(c.subject for c in sanctions))
            groups.append(_Group(nouns, subjects, state, sanctions[0]))
        elif intro is not None and not sanctions and _LISTED.search(said):
            actor = _actor(sent, mentions, clusters)
            if actor is not None:
                nouns = tuple(n.lower() for n in (intro.group("noun"), intro.group("noun2")) if n)
                state = _demonym_in(doc, sent, intro.start(), intro.end(), mentions, clusters)
                subjects = (actor, based[actor]) if actor in based else (actor,)
                # no claim introduced the group: one of this sentence carries its dates
                dated = _claim(actor, "sanctions", actor, sent, "sanction.group.v1")
                groups.append(_Group(nouns, subjects, state, dated))
    return out


def _actor(
    sent: Sentence, mentions: Sequence[Found], clusters: Sequence[ClusterLike]
) -> str | None:
    """The state or body that a sentence starts with, its subject: "The U.S. Treasury
    Department on Thursday added ..."."""
    first = next((m for m in mentions if sent.start <= m.start < sent.end), None)
    if first is None or first.cluster < 0 or first.kind in _NOT_MEMBERS:
        return None
    if first.start > sent.start + 2:
        return None
    cluster = clusters[first.cluster]
    return cluster.key if cluster.type in ("State", "Organization") else None


def _member_claims(
    sent: Sentence,
    listed: Sequence[Found],
    clusters: Sequence[ClusterLike],
    types: dict[str, str | None],
    group: _Group,
    noun: str,
) -> list[RawClaim]:
    """The group's ties for the members ``listed`` in ``sent``."""
    allowed = {t for n in (noun,) if n for t in _MEMBERS[n]} or {
        t for n in group.nouns for t in _MEMBERS[n]
    }
    out: list[RawClaim] = []
    for m in listed:
        key = clusters[m.cluster].key
        kind = types.get(key)
        if kind is not None and kind not in allowed:
            continue
        for subject in group.sanctioners:
            if subject != key:
                out.append(_claim(subject, "sanctions", key, sent, "sanction.group.v1", group))
        if group.state is not None and kind != "Person" and group.state != key:
            out.append(_claim(key, "basedIn", group.state, sent, "based.group.v1", group))
    return out


def _listed(doc: Doc, sent: Sentence, after: int, mentions: Sequence[Found]) -> list[Found]:
    """The names in ``sent`` after character ``after`` (of the stripped text), no
    demonyms and no possessors ("its rival", "Hangzhou-based")."""
    offset = sent.start_char + (len(sent.text) - len(sent.text.lstrip())) + after
    out = []
    for m in mentions:
        if not (sent.start <= m.start < sent.end) or doc[m.start].idx < offset:
            continue
        if m.kind in _NOT_MEMBERS or m.type == "Place":
            continue
        if m.end < sent.end and doc[m.end].text in {"'s", "\u2019s", "-"}:
            continue  # "Russia's", "Hangzhou-based"
        if m.start > 0 and doc[m.start - 1].lower_ in {"of", "from"}:
            continue  # "President Erdogan of Turkey": the person is listed, not the state
        out.append(m)
    return out


def _demonym_in(
    doc: Doc,
    sent: Sentence,
    start: int,
    end: int,
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
) -> str | None:
    offset = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    for m in mentions:
        if sent.start <= m.start < sent.end and m.kind == "demonym":
            at = doc[m.start].idx - offset
            if start <= at < end:
                return clusters[m.cluster].key
    return None


def main_event(
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    label: re.Pattern[str] | None = None,
) -> str | None:
    """The event the article names most (only those whose label ``label``
    finds, when given); the first named wins a tie."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.cluster < 0:
            continue
        cluster = clusters[m.cluster]
        if cluster.type == "Event" and (label is None or label.search(cluster.label)):
            counts[cluster.key] = counts.get(cluster.key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _claim(
    subject: str,
    predicate: str,
    obj: str,
    sent: Sentence,
    rule: str,
    group: _Group | None = None,
) -> RawClaim:
    """A claim with this sentence as evidence; a group's carries the dates of
    the sentence that introduced the group."""
    intro = group.claim if group is not None else None
    return RawClaim.said_in(
        subject,
        predicate,
        obj,
        sent,
        rule,
        0.6,
        date=intro.date if intro is not None else None,
        valid_from=intro.valid_from if intro is not None else None,
        valid_to=intro.valid_to if intro is not None else None,
    )
