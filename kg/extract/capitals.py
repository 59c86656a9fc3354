"""A capital written as a city, not as its government.

"Moscow said" is Russia (a metonym), but in "Abu Dhabi, the capital of the
United Arab Emirates", "the capital Nairobi", "a Beijing-based fund" or "a
forum held in Riyadh" the name is the city: a place. Where the text calls it
a capital, the place lies in its state. Only these explicit wordings turn a
metonym into a place; everywhere else a capital stays its state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from kg.extract.mentions import ClusterLike, Found
from kg.model import RawClaim

#: a mention cued with its state's registry id lies in that state (capitals, regions)
LIES_IN = "lies-in:"
_BEFORE = (
    ("the", "capital"),
    ("the", "capital", "city"),
    ("the", "capital", "city", "of"),
    ("capital", "city"),
    ("'s", "capital"),
    ("\u2019s", "capital"),
    ("the", "port", "city", "of"),
    ("the", "city", "of"),
    ("capital", ","),
)
#: the words before "capital" that make it money, not a city: "venture capital, Moscow"
_NOT_CITY = frozenset({"venture", "private", "working", "human", "share", "equity", "registered"})


#: "held in Riyadh", "based in Oslo": the verb or noun two words before "in"
_IN_AFTER = frozenset(
    {
        "held", "signed", "based", "headquartered", "hosted", "place", "met", "gathered",
        "opened", "convened", "summit", "forum", "talks", "meeting", "listed", "registered",
        "ceremony", "conference", "located", "offices", "office", "headquarters",
    }
)  # fmt: skip


def capital_places(
    doc: Doc,
    found: list[Found],
    lower: Sequence[str],
    registry_place: Callable[[str], str | None] = lambda name: None,
) -> list[Found]:
    """``found`` with the metonyms of states that the text writes as cities turned
    into places: the registry's place of that name (``registry_place`` gives its id)
    or else an unknown name. Where the text calls the city a capital, the place is
    cued with its state's registry id, for :func:`capital_claims`."""
    out = []
    for m in found:
        if m.kind != "metonym" or m.type != "State" or not m.entity or _government(m):
            out.append(m)
            continue
        capital = _called_capital(m, lower)
        if capital or _placed(m, lower):
            cues = [LIES_IN + m.entity] if capital else []
            place = registry_place(m.text)
            kind = "unknown" if place is None else "name"
            out.append(Found(m.start, m.end, m.text, "Place", kind, place, m.confidence, cues=cues))
        else:
            out.append(m)
    return out


def _government(m: Found) -> bool:
    """ "the Kremlin", "the White House": a seat of government, never a city."""
    return m.text.lower().startswith("the ") or (" " in m.text and m.text.split()[0].islower())


def _placed(m: Found, lower: Sequence[str]) -> bool:
    """ "Beijing-based", "held in Riyadh", "headquartered in Oslo"."""
    after = tuple(lower[m.end : m.end + 2])
    if after in {("-", "based"), ("-", "headquartered"), ("-", "listed")}:
        return True
    return m.start >= 2 and lower[m.start - 1] == "in" and lower[m.start - 2] in _IN_AFTER


def _called_capital(m: Found, lower: Sequence[str]) -> bool:
    """ "the capital Nairobi", "Kenya's capital Nairobi", "Abu Dhabi, the capital of"."""
    for words in _BEFORE:
        n = len(words)
        if tuple(lower[max(0, m.start - n) : m.start]) == words:
            # "the Mongolian capital, Ulaanbaatar", but not "venture capital, Moscow"
            before = lower[m.start - n - 1] if m.start > n else ""
            return words[0] != "capital" or before not in _NOT_CITY
    after = tuple(lower[m.end : m.end + 4])
    # "Abu Dhabi, the capital of ...", "Nairobi, the Kenyan capital"
    return after[:3] in {(",", "the", "capital"), (",", "a", "city"), (",", "the", "city")} or (
        after[:2] == (",", "the") and len(after) == 4 and after[3] == "capital"
    )


def capital_claims(
    doc: Doc,
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    state_key: Callable[[str], str | None],
) -> list[RawClaim]:
    """The city lies in its state (``state_key`` maps a registry id to the
    state's cluster key in this article, adding the state when needed)."""
    out: list[RawClaim] = []
    seen: set[str] = set()
    for m in mentions:
        cue = next((c for c in m.cues if c.startswith(LIES_IN)), None)
        if cue is None or m.cluster < 0:
            continue
        city = clusters[m.cluster].key
        state = state_key(cue[len(LIES_IN) :])
        if state is None or city in seen or state == city:
            continue
        seen.add(city)
        sent = doc[m.start].sent
        out.append(RawClaim.said_in(city, "locatedIn", state, sent, "location.capital.v1", 0.8))
    return out
