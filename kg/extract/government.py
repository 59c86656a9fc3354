"""Article-level steps about governments: who heads a named department, and which
state stands behind an agency's sanctions.

Both read what the sentence rules already found (mentions, clusters, claims)
and add claims with their own rule ids and a lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from kg.extract.mentions import ClusterLike, Found
from kg.model import RawClaim

#: "Commerce Secretary", "Finance Minister", "Secretary of State", "Minister of Energy"
_TITLE = re.compile(
    r"(?:\b(?P<w1>[A-Z][a-z]+) (?:Secretary|Minister)|"
    r"\b(?:Secretary|Minister) (?:of|for) (?:the )?(?P<w2>[A-Z][a-z]+))\s*$"
)
_BODY_WORDS = ("department", "ministry", "treasury", "office")
_NOT_A_PORTFOLIO = {"Prime", "First", "Chief", "General", "Deputy", "Vice", "Former", "Foreign"}


def department_heads(
    doc: Doc, mentions: Sequence[Found], clusters: Sequence[ClusterLike]
) -> list[RawClaim]:
    """ "Commerce Secretary X" heads the article's one commerce department or ministry."""
    bodies = [
        c
        for c in clusters
        if c.type == "Organization" and any(w in c.label.lower() for w in _BODY_WORDS)
    ]
    if not bodies:
        return []
    out: list[RawClaim] = []
    for m in mentions:
        person = clusters[m.cluster]
        if person.type != "Person" or m.kind == "anaphor":
            continue
        before = doc[max(0, m.start - 4) : m.start].text
        title = _TITLE.search(before)
        if title is None:
            continue
        word = title.group("w1") or title.group("w2")
        if word in _NOT_A_PORTFOLIO:
            continue
        fits = [b for b in bodies if re.search(rf"\b{word}\b", b.label, re.I)]
        if len(fits) != 1:
            continue  # none, or no telling which
        sent = doc[m.start].sent
        out.append(
            RawClaim.said_in(person.key, "headOf", fits[0].key, sent, "head.department.v1", 0.6)
        )
    return out


def state_sanctions(claims: Sequence[RawClaim], clusters: Sequence[ClusterLike]) -> list[RawClaim]:
    """A state agency's sanctions are its parent body's and its state's: the sanctions
    of the Treasury's Office of Foreign Assets Control are the Treasury's and the
    United States'.

    The parent is the body the article's claims make the agency a unit of; the state
    is the one they base the agency (or a body above it) in.
    """
    types = {c.key: c.type for c in clusters}
    based = {
        c.subject: c.object
        for c in claims
        if c.predicate == "basedIn" and types.get(c.object) == "State"
    }
    parent = {
        c.subject: c.object
        for c in claims
        if c.predicate == "subsidiaryOf" and types.get(c.object) == "Organization"
    }
    out = []
    for c in claims:
        if c.predicate != "sanctions" or types.get(c.subject) != "Organization":
            continue
        bodies = [c.subject]
        while bodies[-1] in parent and parent[bodies[-1]] not in bodies:
            bodies.append(parent[bodies[-1]])
        state = next((based[b] for b in bodies if b in based), None)
        actors = [(b, "sanction.agency_parent.v1") for b in bodies[1:]]
        actors += [(state, "sanction.agency_state.v1")] if state is not None else []
        for actor, rule in actors:
            if actor == c.object:
                continue
            out.append(
                RawClaim(
                    actor,
                    "sanctions",
                    c.object,
                    c.evidence,
                    c.start,
                    c.end,
                    rule,
                    round(c.confidence * 0.9, 3),
                    date=c.date,
                    valid_from=c.valid_from,
                    valid_to=c.valid_to,
                )
            )
    return out
