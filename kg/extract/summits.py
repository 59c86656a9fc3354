"""Summits: their names and the leaders at them.

News names a summit by its host or its body with a lower-case noun ("the
Samarkand summit", "the APEC summit", "the G20 summit"): :func:`named_summits`
makes that phrase the event's name, and :func:`joined_events` makes one event of
names joined by hyphens before such a noun ("the Russia-Africa Summit", "the
China-Central Asia summit"). Reports of a summit seldom say "attended"
for each leader; they place the leaders there ("Xi held talks with Putin on
the sidelines", "the two presidents attended the talks", "Modi told Putin").
:func:`summit_claims` reads an article whose opening is about a summit and
ties each head of state or government, and each official named with a
title ("Vice President Mike Pence", "Foreign Minister Wang Yi"), to it in a
sentence that names the summit or meets at it, unless the sentence says the
leader stayed away or someone stood in for them ("in place of President X").
The states they lead are not tied to the summit: a leader there is no sign that
the text treats the state as a party to it (data/ANNOTATION.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from kg.extract.groups import main_event
from kg.extract.mentions import ClusterLike, Found
from kg.extract.sentences import Sentence
from kg.model import RawClaim

_SUMMIT_NOUNS = frozenset({"summit"})
_MINISTERIAL_NOUNS = frozenset({"summit", "meeting"})
_NAMED = ("name", "unknown", "acronym")
_JOINABLE = (*_NAMED, "metonym")
#: the last word of a meeting or exercise that two or more hyphen-joined names start
_JOINED_HEADS = frozenset(
    {
        "summit",
        "forum",
        "dialogue",
        "conference",
        "expo",
        "meeting",
        "talks",
        "exercise",
        "exercises",
        "drills",
        "games",
    }
)


def joined_events(doc: Doc, found: list[Found]) -> list[Found]:
    """``found`` (in text order) with names joined by hyphens, with no space between,
    that end in a meeting or exercise word made one event mention: "Russia-Africa
    Summit" is one event, not Russia and an "Africa Summit"."""
    out: list[Found] = []
    k = 0
    while k < len(found):
        last = k
        while last + 1 < len(found) and _hyphen_between(doc, found[last], found[last + 1]):
            last += 1
        end = found[last].end
        if (
            last > k
            and doc[end - 1].lower_ not in _JOINED_HEADS
            and end < len(doc)
            and doc[end].lower_ in _JOINED_HEADS
            and doc[end - 1].whitespace_
        ):
            end += 1  # "the China-Central Asia summit"
        if last > k and doc[end - 1].lower_ in _JOINED_HEADS and found[k].kind != "anaphor":
            text = doc[found[k].start : end].text
            out.append(Found(found[k].start, end, text, "Event", "unknown", None, 0.8))
            k = last + 1
            continue
        out.append(found[k])
        k += 1
    return out


def _hyphen_between(doc: Doc, a: Found, b: Found) -> bool:
    """Whether ``b`` follows ``a`` after a hyphen, with no space either side."""
    return (
        b.start == a.end + 1
        and doc[a.end].text in {"-", "\u2013"}
        and not doc[a.end - 1].whitespace_
        and not doc[a.end].whitespace_
        and b.kind in _JOINABLE
        and a.kind in _JOINABLE
    )


def named_summits(doc: Doc, found: list[Found], lower: Sequence[str]) -> list[Found]:
    """``found`` with "the X summit" (X a place, a state, a body or an unknown name, the
    noun in lower case) made one event mention "X summit"."""
    out = []
    for m in found:
        end = m.end
        # "the Rovaniemi ministerial meeting": a meeting of ministers is one by its name
        if (
            end + 1 < len(doc)
            and lower[end] == "ministerial"
            and lower[end + 1] in _MINISTERIAL_NOUNS
        ):
            end += 1
        if (
            end < len(doc)
            and (end > m.end or lower[end] in _SUMMIT_NOUNS)
            and doc[end].is_lower
            and (
                (m.kind in _NAMED and m.type in ("Place", "Organization", "Event", "State", None))
                or m.kind == "metonym"  # a capital: "the Beijing summit"
            )
        ):
            text = doc[m.start : end + 1].text
            out.append(Found(m.start, end + 1, text, "Event", "unknown", None, 0.8))
        else:
            out.append(m)
    return out


_EVENT_WORDS = re.compile(r"\b(?:summit|forum|conference|meeting|gathering|congress)\b", re.I)
#: a sentence that places its leaders at the summit without naming it
_AT_SUMMIT = re.compile(
    r"\b(?:the (?:summit|talks|gathering|meeting|forum)|on the (?:sidelines|margins)|"
    r"held talks|talks with|met|meet|meeting|told|host|hosts|hosted|attended|arrived|"
    r"the (?:other |visiting |invited )?leaders|invited|invitees|guests|at the table)\b",
    re.I,
)
_AWAY = re.compile(
    r"\b(?:did not|didn't|will not|won't|would not|not to) (?:attend|travel|go|join|come)|"
    r"\b(?:skipp(?:ed|ing)|absen(?:t|ce)|stayed away|stay away|boycott\w*|instead of)\b",
    re.I,
)
#: who stands in for a leader away: "in place of President Donald Trump"
_IN_PLACE_OF = re.compile(r"\b(?:in place of|on behalf of|standing in for|in lieu of)\b", re.I)
#: the titles of a state's officials, who speak for it at a summit as its leaders do
_OFFICIAL_TITLES = frozenset(
    {"president", "minister", "premier", "chancellor", "secretary", "king", "emir", "sultan",
     "prince", "sheikh"}
)  # fmt: skip
#: a sentence about another meeting: "left early for his summit with Kim"
_OTHER_MEETING = re.compile(
    r"\b(?:his|her|their|a|another|next|upcoming|separate|later) summit with\b",
    re.I,
)


def summit_claims(
    doc: Doc,
    sents: Sequence[Sentence],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    claims: Sequence[RawClaim],
) -> list[RawClaim]:
    """Heads of state or government at the summit the article opens with (see the
    module docstring); ``sents`` are the sentences of ``doc``."""
    if not sents or not any(_EVENT_WORDS.search(s.text) for s in sents[:3]):
        return []
    summit = main_event(mentions, clusters, _EVENT_WORDS)  # the summit, forum or meeting
    if summit is None:
        return []
    types = {c.key: c.type for c in clusters}
    heads = {
        c.subject for c in claims if c.predicate == "headOf" and types.get(c.object) == "State"
    }
    leaders = heads | _officials(doc, mentions, clusters)
    if not leaders:
        return []
    out: list[RawClaim] = []
    for sent in sents:
        inside = [m for m in mentions if sent.start <= m.start < sent.end and m.cluster >= 0]
        names_summit = any(clusters[m.cluster].key == summit for m in inside)
        if not (names_summit or _AT_SUMMIT.search(sent.text)) or _AWAY.search(sent.text):
            continue
        # "Pence, attending the summit in place of President Donald Trump": Trump is away
        base = doc[sent.start].idx
        stand_ins = [base + m.end() for m in _IN_PLACE_OF.finditer(sent.text)]
        inside = [
            m for m in inside if not any(0 <= doc[m.start].idx - end <= 25 for end in stand_ins)
        ]
        if not names_summit and (
            _OTHER_MEETING.search(sent.text)
            or any(  # "Xi hosted Putin at a Shanghai Cooperation Organisation summit"
                clusters[m.cluster].type == "Event" and _EVENT_WORDS.search(m.text) for m in inside
            )
        ):
            continue
        for m in inside:
            key = clusters[m.cluster].key
            if key in leaders and m.kind != "anaphor":
                rule = "participation.summit.v1"
                # an official the rules tie to no state is a less sure participant
                sure = 0.6 if key in heads else 0.5
                out.append(RawClaim.said_in(key, "participatedIn", summit, sent, rule, sure))
    return out


def _officials(doc: Doc, mentions: Sequence[Found], clusters: Sequence[ClusterLike]) -> set[str]:
    """The people the article names with an official's title right before them: "US Vice
    President Mike Pence", "Foreign Minister Sergei Lavrov"."""
    out: set[str] = set()
    for m in mentions:
        if m.cluster < 0 or clusters[m.cluster].type != "Person" or m.kind == "anaphor":
            continue
        titled = any(
            cue.startswith("title:") and set(cue[6:].split()) & _OFFICIAL_TITLES for cue in m.cues
        )
        before = {t.lower_ for t in doc[max(0, m.start - 3) : m.start]}
        if titled or before & _OFFICIAL_TITLES:
            out.add(clusters[m.cluster].key)
    return out
