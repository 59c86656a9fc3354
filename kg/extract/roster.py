"""Lists of who took part: a line that ends in a colon and says who takes part
in an event introduces rows whose states, people and bodies took part in it.

"Taking part in Talisman Sabre 2023:" followed by "- Canada, France and Japan",
or "Among those at the table:" followed by "- Chinese President Xi Jinping".
The event is the one the intro names, or else the first one the article's
opening names.
A row's demonyms ("Chinese") only say whose the person is, and anaphors are
left to the sentence rules. Reads the article's sentences and adds claims with
its own rule id.

A sentence that says who takes part without naming the event ("Norway, Denmark
and Poland are also taking part", "Troops from the US and the UK are among the
foreign contingents") speaks of the event of the article's opening:
:func:`unnamed_claims` ties the states and bodies listed right before the verb to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.events import HAPPENINGS, happening
from kg.extract.mentions import ClusterLike, Found
from kg.extract.sentences import ROW_MARKS, Sentence, after_word
from kg.model import RawClaim

RULE_ID = "participation.list.v1"

#: an intro that says who takes part: "Taking part in X:", "Among those at the table:"
_INTRO = re.compile(
    r"\b(?:tak(?:ing|e|es) part|took part|participa(?:nts?|ting|ted|te)"
    r"|attend(?:ing|ed|ees)|delegations|among those (?:at|attending|present|taking|in)"
    r"|(?:send(?:ing|s)?|sent|contribut(?:ing|es?|ed)|deploy(?:ing|s|ed)?)"
    r" (?:\w+ )?(?:forces|troops|contingents|observers|units|ships|warships|aircraft"
    r"|personnel|sailors|soldiers)"
    r"|(?:at|around) the (?:table|summit|talks|meeting|gathering|drills?|exercises?))\b",
    re.I,
)
#: an intro of those who stayed away
_AWAY = re.compile(
    r"\b(?:not|never|no longer|absent|absentees|skipp\w+|stay(?:ed|ing)? away|boycott\w*"
    r"|withdr[ae]w\w*|pulled out)\b",
    re.I,
)
#: who takes part
_TAKERS = frozenset({"State", "Person", "Organization", "Company", "Fund"})
#: an intro of what was agreed or done there: "unveiled another round of measures:"
_MEASURES = re.compile(
    r"\b(?:measures|sanctions|steps|restrictions|curbs|penalties|commitments|pledges|deals"
    r"|agreements|outcomes|points|highlights)\b",
    re.I,
)
#: the last words of events that happen or are signed rather than gather people
_NOT_GATHERINGS = HAPPENINGS | frozenset(
    {"sanctions", "declaration", "agreement", "accord", "treaty", "deal", "pact", "initiative",
     "plan", "act", "law", "charter", "protocol", "memorandum", "programme", "program"}
)  # fmt: skip
#: the sentences of an article's opening
_OPENING = 3


def roster_claims(
    lower: Sequence[str],
    sentences: Sequence[Sentence],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
) -> list[RawClaim]:
    """Claims that the states, people and bodies in the rows of a list of who took
    part in an event took part in it (see the module docstring); ``lower`` holds the
    article's words in lower case."""
    out: list[RawClaim] = []
    k = 0
    while k < len(sentences):
        intro = sentences[k]
        k += 1
        said = intro.text.strip()
        if (
            not said.endswith(":")
            or not _INTRO.search(said)
            or _AWAY.search(said)
            or _MEASURES.search(said)
        ):
            continue
        event = _event_in(intro, mentions, clusters) or _event_in(
            sentences[min(_OPENING, len(sentences)) - 1], mentions, clusters, sentences[0]
        )
        while k < len(sentences) and sentences[k].text.lstrip().startswith(ROW_MARKS):
            row = sentences[k]
            k += 1
            if event is None:
                continue
            inside = [m for m in mentions if row.start <= m.start < row.end and m.cluster >= 0]
            # "their allies in the CSTO (CSTO)": whose allies they are, in any form
            whose = {m.cluster for m in inside if after_word(lower, m.start, ("in", "of"))}
            for m in inside:
                cluster = clusters[m.cluster]
                if (
                    m.kind not in ("demonym", "anaphor")
                    and cluster.type in _TAKERS
                    and cluster.key != event
                    and m.cluster not in whose
                ):
                    out.append(
                        RawClaim.said_in(cluster.key, "participatedIn", event, row, RULE_ID, 0.6)
                    )
    return out


def _event_in(
    last: Sentence,
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    first: Sentence | None = None,
) -> str | None:
    """The first event that gathers people that the sentences from ``first`` (or
    ``last`` alone) to ``last`` name."""
    start = last.start if first is None else first.start
    for m in mentions:
        if start <= m.start < last.end and m.cluster >= 0:
            cluster = clusters[m.cluster]
            if cluster.type == "Event" and not happening(cluster.label, _NOT_GATHERINGS):
                return cluster.key
    return None


UNNAMED_RULE_ID = "participation.unnamed.v1"
#: "are (also) taking part", "took part", "are among the foreign contingents"
_TAKE_PART = (
    ("are", "taking", "part"),
    ("is", "taking", "part"),
    ("were", "taking", "part"),
    ("are", "also", "taking", "part"),
    ("is", "also", "taking", "part"),
    ("were", "also", "taking", "part"),
    ("are", "participating"),
    ("is", "participating"),
    ("were", "participating"),
    ("are", "also", "participating"),
    ("is", "also", "participating"),
    ("took", "part"),
    ("take", "part"),
    ("takes", "part"),
    ("will", "take", "part"),
    ("are", "among", "the"),
    ("were", "among", "the"),
)
_TAKE_PART_WORDS = re.compile(r"\b(?:part|participating|among the)\b", re.I)
#: the nouns "are among the (foreign) ..." must end in to say who takes part
_AMONG = frozenset({"contingents", "participants", "participating", "forces", "delegations"})
#: the words of a list of names: "the US, the UK and France"
_LIST_WORDS = frozenset({",", "and", "the", "also", "as", "well"})
#: what may follow the verb when no event is named: the clause ends, or the event's noun
_DRILL_NOUNS = frozenset({"exercise", "exercises", "drills", "manoeuvres", "maneuvers", "games"})


def unnamed_claims(
    lower: Sequence[str],
    sentences: Sequence[Sentence],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    claims: Sequence[RawClaim],
) -> list[RawClaim]:
    """Claims that the states and bodies a sentence says take part, without naming
    the event, took part in the event of the article's opening (see the module
    docstring); ``claims`` are those found so far, which this does not repeat."""
    opening = sentences[: min(_OPENING, len(sentences))]
    if not opening:
        return []
    event = _event_in(opening[-1], mentions, clusters, opening[0])
    if event is None:
        return []
    # who takes part already, and the event itself
    known = {c.subject for c in claims if c.predicate == "participatedIn" and c.object == event}
    known.add(event)
    out: list[RawClaim] = []
    for sent in sentences:
        if _TAKE_PART_WORDS.search(sent.text) is None or _AWAY.search(sent.text):
            continue  # most sentences: no word of taking part
        inside = [m for m in mentions if sent.start <= m.start < sent.end]
        inside.sort(key=lambda m: m.start)
        if any(m.cluster >= 0 and clusters[m.cluster].type == "Event" for m in inside):
            continue
        verb = _take_part_at(lower, sent.start, sent.end)
        if verb is None:
            continue
        for m in _listed_before(lower, inside, verb):
            cluster = clusters[m.cluster]
            if cluster.type in ("State", "Organization") and cluster.key not in known:
                known.add(cluster.key)
                claim = RawClaim.said_in(
                    cluster.key, "participatedIn", event, sent, UNNAMED_RULE_ID, 0.6
                )
                out.append(claim)
    return out


def _take_part_at(lower: Sequence[str], start: int, end: int) -> int | None:
    """Where, in tokens ``start`` to ``end``, a verb of taking part starts that names
    no event after it."""
    for i in range(start, end):
        for cue in _TAKE_PART:
            j = i + len(cue)
            if tuple(lower[i:j]) != cue:
                continue
            if cue[-1] == "the":  # "are among the (foreign) contingents"
                if not (
                    (j < end and lower[j] in _AMONG) or (j + 1 < end and lower[j + 1] in _AMONG)
                ):
                    continue
                return i
            after = lower[j] if j < end else "."
            if after in {",", ".", ";", "alongside", "with", "as", "too"} or (
                after in ("in", "at")
                and j + 2 < end
                and lower[j + 1] == "the"
                and lower[j + 2] in _DRILL_NOUNS
            ):
                return i
    return None


def _listed_before(lower: Sequence[str], inside: Sequence[Found], verb: int) -> list[Found]:
    """The names listed right before token ``verb``: "Norway, Denmark and Poland
    are", "Troops from the US and the UK are"."""
    out: list[Found] = []
    edge = verb
    if edge > 0 and lower[edge - 1] == "also":
        edge -= 1
    for m in reversed(inside):
        if m.end > edge:
            continue
        if any(w not in _LIST_WORDS for w in lower[m.end : edge]) or m.cluster < 0:
            break
        if m.kind not in ("demonym", "anaphor"):
            out.append(m)
        edge = m.start
    return out[::-1]
