"""Who took part in the exercise an article is about: its navies, air forces and ships.

An article about a military exercise names the forces and the ships that take
part in it, often sentences away from the exercise's name: "The Indian Navy
fielded the destroyer INS Ranvijay ..." in a report on Malabar 2020. Every
armed force (a name that ends in Navy, Air Force, Fleet, Army, Marine Corps ...)
and every ship (a name after a ship prefix such as INS, USS or HMAS) the
article names took part in its exercise, unless the force belongs to a state
the rules found taking part in nothing of the kind while others did ("Russia's
Baltic Fleet" in a report on a NATO exercise); a force the rules tie to its
state brings that state along. The exercise is the event the article names most
that a drill word marks, or, in an article that speaks of drills throughout,
the event it names most that no word marks as a summit, a war or the like.
Reads what the sentence rules found and adds claims with its own rule id and a
lower confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from kg.extract.mentions import SHIP_PREFIXES, ClusterLike, Found
from kg.extract.sentences import Sentence
from kg.model import RawClaim

RULE_ID = "participation.forces.v1"

#: the last words of an armed force's name: "Indian Navy", "U.S. 3rd Fleet"
_FORCE = re.compile(
    r"(?:\bnavy|\bair force|\bair and space force|\bfleet|\barmy|\bmarine corps|\bmarines"
    r"|\bcoast guard|\bguard corps|\bself-defen[cs]e forces?|\bnaval forces(?: \S+)?"
    r"|\bspace force|\bliberation army|\barmed forces"
    r"|\bdivision|\bbrigade|\bregiment|\bbattalion|\bsquadron)$",
    re.I,
)
#: the words that make an event an exercise
_DRILL_WORDS = frozenset(
    {"exercise", "exercises", "drill", "drills", "wargames", "manoeuvres", "maneuvers"}
)


#: words of an event's name that make it something other than an exercise
_NOT_DRILL = re.compile(
    r"\b(?:war|wars|summit|forum|conference|crisis|covid|covid-19|pandemic|agreement|treaty"
    r"|accords?|declaration|invasion|festival|olympics|games|talks|dialogue|meeting|election"
    r"|elections|revolution|operation|pact|initiative"
    r"|army|navy|fleet|force|forces|command)\b"
)


def force_claims(
    lower: Sequence[str],
    sentences: Sequence[Sentence],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    claims: Sequence[RawClaim],
) -> list[RawClaim]:
    """Claims that the forces and ships an exercise report names took part in it."""
    exercise = _main_exercise(lower, mentions, clusters)
    if exercise is None:
        return []
    taking_part = {c.subject for c in claims if c.predicate == "participatedIn"}
    states = {c.key for c in clusters if c.type == "State"}
    states_in = {
        c.subject
        for c in claims
        if c.predicate == "participatedIn" and c.object == exercise and c.subject in states
    }
    home = {
        c.subject: c.object
        for c in claims
        if c.predicate in ("basedIn", "subsidiaryOf") and c.object in states
    }
    firsts = [s.start for s in sentences]
    seen: set[str] = set()
    out: list[RawClaim] = []
    for m in mentions:
        if m.cluster < 0 or m.kind == "anaphor":
            continue
        unit = clusters[m.cluster]
        if unit.key in seen or unit.key == exercise:
            continue
        ship = m.text.split(" ", 1)[0] in SHIP_PREFIXES and " " in m.text
        force = unit.type in (None, "Organization", "Company") and _FORCE.search(unit.label)
        if not (ship or force):
            continue
        seen.add(unit.key)
        if unit.key in taking_part:
            continue  # the rules already say what it took part in
        state = home.get(unit.key)
        if state is not None and states_in and state not in states_in:
            continue  # a force of a state that is not in the exercise
        if ship and unit.type is None:
            unit.type = "Product"
        elif force and unit.type is None:
            unit.type = "Organization"
        sent = sentences[bisect_right(firsts, m.start) - 1]
        out.append(RawClaim.said_in(unit.key, "participatedIn", exercise, sent, RULE_ID, 0.5))
        if state is not None and state not in taking_part:
            # "the Indian Navy has committed three ships": India takes part too
            out.append(RawClaim.said_in(state, "participatedIn", exercise, sent, RULE_ID, 0.45))
            taking_part.add(state)
    return out


def _main_exercise(
    lower: Sequence[str], mentions: Sequence[Found], clusters: Sequence[ClusterLike]
) -> str | None:
    """The exercise the article names most: an event one of whose mentions has a drill
    word right before or after it ("the Malabar 2020 naval exercise", "Exercise Pitch
    Black"), named at least twice."""
    counts: dict[str, int] = {}
    drills: set[str] = set()
    for m in mentions:
        if m.cluster < 0:
            continue
        c = clusters[m.cluster]
        if c.type != "Event":
            continue
        counts[c.key] = counts.get(c.key, 0) + 1
        near = {*lower[m.end : m.end + 3], *lower[max(0, m.start - 1) : m.start]}
        if lower[m.end : m.end + 1] == [","]:
            # an apposition: "Tiger Triumph, the first exercise between the two"
            k = m.end + 1
            while k < min(len(lower), m.end + 7) and lower[k] not in (",", ".", ";"):
                near.add(lower[k])
                k += 1
        if near & _DRILL_WORDS or m.text.lower().split(" ", 1)[0] in _DRILL_WORDS:
            drills.add(c.key)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < 2:
        return None
    if ranked[0][0] in drills:
        return ranked[0][0]
    # an article that speaks of drills throughout ("the exercise", "the drills") is
    # about the event it names most that no word marks as something else
    if sum(lower.count(w) for w in _DRILL_WORDS) < 3:
        return None
    labels = {c.key: c.label.lower() for c in clusters}
    for key, n in ranked:
        if n >= 2 and not _NOT_DRILL.search(labels.get(key, "")):
            return key
    return None
