"""What an event's own name says: "Russian invasion of Ukraine", "US-China trade war".

The name of a conflict holds its sides: the invader and the invaded, or the
two parties of a war or dispute. Each side took part in the event, the sides
are in conflict, and an invasion takes place in the invaded state. The
states a meeting is named after ("the Russia-Africa Summit", "the
China-Central Asia Summit") took part in it. A
forum or summit named after its city ("St Petersburg International Economic
Forum", "the Samarkand summit") is held in that city when the article names
the city as a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from kg.extract.mentions import ClusterLike, Found
from kg.model import RawClaim

#: the last words of events that happen rather than gather people: no list of
#: participants is about "the Cold War" or "the COVID-19 pandemic"
HAPPENINGS = frozenset(
    {"war", "wars", "crisis", "pandemic", "conflict", "invasion", "revolution", "coup",
     "dispute", "mentality", "outbreak", "uprising", "annexation", "blockade"}
)  # fmt: skip


def happening(name: str, words: frozenset[str] = HAPPENINGS) -> bool:
    """Whether the event ``name`` ends in one of ``words`` ("the Cold War")."""
    return name.rsplit(None, 1)[-1].lower() in words


_INVASION = re.compile(
    r"^(?:the )?(?:\d{4} )?(?P<a>.+?)(?:'s|\u2019s)? (?:full-scale |military )?"
    r"(?:invasion|annexation|occupation|blockade) of (?P<b>.+)$",
    re.I,
)
_PAIR = re.compile(
    r"^(?:the )?(?:\d{4} )?(?P<a>[^\s\u2013-][^\u2013-]*?)\s?[\u2013-]\s?(?P<b>[^\u2013-]+?) "
    r"(?:trade war|tariff war|war|conflict|dispute|border dispute|standoff|border clash)$",
    re.I,
)

#: a meeting named after its sides: "Russia-Africa Summit", "India-Africa Forum Summit"
_MEETING = re.compile(
    r"^(?:the )?(?:\d{4} )?(?P<sides>[^\s\u2013-][^\u2013-]*(?:[\u2013-][^\u2013-]+)+?) "
    r"(?:(?:business |economic |leaders' )?(?:forum )?(?:summit|forum|dialogue|conference))$",
    re.I,
)


def event_name_claims(
    doc: Doc,
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    state_key: Callable[[str], str | None],
) -> list[RawClaim]:
    """Claims read from the names of the article's events.

    ``state_key`` turns a name or demonym ("Russian", "US") into the key of
    the state's cluster in this article (adding it when the state is named
    only inside the event's name), or None when it names no state.
    """
    first: dict[int, Found] = {}
    for m in mentions:
        if m.kind != "anaphor":
            first.setdefault(m.cluster, m)
    out: list[RawClaim] = []
    for idx, event in enumerate(list(clusters)):
        if event.type != "Event" or idx not in first:
            continue
        sides = None
        for name in sorted({event.label, *event.forms}):
            for pattern, kind in ((_INVASION, "invasion"), (_PAIR, "pair")):
                match = pattern.match(name.strip())
                if match:
                    a, b = state_key(match["a"]), state_key(match["b"])
                    if a and b and a != b:
                        sides = (a, b, kind)
                        break
            if sides:
                break
        if sides is None:
            out += _host_city(doc, event, first[idx], clusters)
            out += _meeting_sides(doc, event, first[idx], state_key)
            continue
        a, b, kind = sides
        sent = doc[first[idx].start].sent
        triples = [
            (a, "inConflictWith", b, "conflict.event_name.v1"),
            (a, "participatedIn", event.key, "participation.event_name.v1"),
            (event.key, "locatedIn", b, "location.event_name.v1")
            if kind == "invasion"
            else (b, "participatedIn", event.key, "participation.event_name.v1"),
        ]
        out += [RawClaim.said_in(s, p, o, sent, rule, 0.6) for s, p, o, rule in triples]
    return out


def _meeting_sides(
    doc: Doc, event: ClusterLike, first: Found, state_key: Callable[[str], str | None]
) -> list[RawClaim]:
    """The states a meeting's name joins took part in it."""
    match = _MEETING.match(event.label.strip())
    if match is None:
        return []
    sides = re.split(r"[\u2013-]", match["sides"])
    keys = dict.fromkeys(k for side in sides if (k := state_key(side.strip())))
    sent = doc[first.start].sent
    rule = "participation.event_name.v1"
    return [RawClaim.said_in(k, "participatedIn", event.key, sent, rule, 0.6) for k in keys]


_HOSTED = re.compile(r"\b(?:forum|summit|conference|games|olympics|expo|dialogue|meeting)$", re.I)


def _host_city(
    doc: Doc, event: ClusterLike, first: Found, clusters: Sequence[ClusterLike]
) -> list[RawClaim]:
    """The event is held in the place its name starts with."""
    if not _HOSTED.search(event.label):
        return []
    name = event.label.lower()
    for place in clusters:
        if place.type != "Place":
            continue
        city = place.label.lower()
        if name.startswith(city + " ") and len(city) < len(name):
            sent = doc[first.start].sent
            rule = "location.event_name.v1"
            return [RawClaim.said_in(event.key, "locatedIn", place.key, sent, rule, 0.6)]
    return []
