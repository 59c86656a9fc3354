"""The state that owns a firm described as state-owned without naming the state:
"Gazprom cut off state-owned importer Gasum" in an article that calls Gasum Finnish.

The sentence rules tie "Finland's state-owned Gasum" to Finland; with no state in
the description, the owner is the one state the article places the firm in (its
``basedIn`` ties). A firm with no such state, or with two, is left alone, and so
is one a state already owns in the article's claims. Adds claims with its own rule
id and a lower confidence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from kg.extract.mentions import ClusterLike, Found
from kg.extract.sentences import Sentence
from kg.model import RawClaim

RULE_ID = "stake.state_home.v1"
_STATE_WORDS = (
    "state-owned",
    "state-run",
    "state-controlled",
    "state-backed",
    "government-owned",
    "government-controlled",
)
_LOOK_BACK = 6  # "state-owned gas network operator X": the words before a name
_LOOK_AHEAD = 6  # "X, the state oil company": the words after a name
_LINKS = frozenset({"of", "by", "to", "with", "for", "from", "and", "or", "in", "at", "whose"})
# what a state firm is called after "state": "state energy company Sonatrach"
_FIRM_NOUNS = frozenset(
    {
        "company",
        "corporation",
        "firm",
        "group",
        "giant",
        "lender",
        "bank",
        "producer",
        "operator",
        "monopoly",
        "exporter",
        "importer",
        "carrier",
        "utility",
        "insurer",
        "miner",
        "refiner",
        "conglomerate",
        "holding",
        "investor",
        "developer",
        "supplier",
        "airline",
        "shipper",
        "champion",
    }
)
_FIRMS = frozenset({"Company", "Fund", None})
_POSSESSIVE = frozenset({"'s", "'", "\u2019s", "\u2019"})


def state_home_claims(
    lower: Sequence[str],
    sentences: Sequence[Sentence],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    claims: Sequence[RawClaim],
) -> list[RawClaim]:
    """Claims that a firm described as state-owned is owned by the state it is based in."""
    types = {c.key: c.type for c in clusters}
    owned = {
        c.object for c in claims if c.predicate == "ownsStakeIn" and types.get(c.subject) == "State"
    }
    homes: dict[str, set[str]] = {}
    for c in claims:
        if c.predicate == "basedIn" and types.get(c.object) == "State":
            homes.setdefault(c.subject, set()).add(c.object)
    ends = {m.end for m in mentions}
    starts = {m.start for m in mentions if m.kind != "anaphor"}
    # where a state's or a place's name or a demonym ends, by where it starts
    homes_at = {
        m.start: m.end for m in mentions if m.kind == "demonym" or m.type in ("State", "Place")
    }
    firsts = [s.start for s in sentences]
    state_starts = {
        m.start: m for m in mentions if m.cluster >= 0 and clusters[m.cluster].type == "State"
    }
    out: list[RawClaim] = []
    for m in mentions:
        if m.cluster < 0 or m.kind == "demonym":
            continue
        firm = clusters[m.cluster]
        if firm.type not in _FIRMS or firm.key in owned:
            continue
        named: list[int] = []  # "X, the Netherlands' state-owned operator": that state
        if m.kind == "anaphor":
            # "the Russian state-controlled energy giant": the description says it
            if not _says_state_owned(lower[m.start : m.end]):
                continue
        elif not (
            _described_state_owned(lower, m.start, ends)
            or _apposed_state_owned(lower, m.end, starts, homes_at, named)
        ):
            continue
        state_at = state_starts.get(named[0]) if named else None
        if state_at is not None:
            state = clusters[state_at.cluster].key
        elif len(homes.get(firm.key, ())) == 1:
            (state,) = homes[firm.key]
        else:
            continue
        owned.add(firm.key)
        sent = sentences[bisect_right(firsts, m.start) - 1]
        out.append(RawClaim.said_in(state, "ownsStakeIn", firm.key, sent, RULE_ID, 0.6))
    return out


def _says_state_owned(words: Sequence[str]) -> bool:
    """Whether a description says "state-owned" in it, or "state" before a firm's
    noun: "the Russian state-controlled energy giant", "the state oil company"."""
    return any(
        _state_owned_from(words, k)
        for k, word in enumerate(words)
        if word in ("state", "government")
    )


def _state_owned_from(words: Sequence[str], k: int) -> bool:
    """Whether "state" or "government" at ``words[k]`` says the firm is a state's:
    "state-owned", "government-controlled" (spaCy splits them in three), or
    "state" before a firm's noun ("state oil company", "state lender")."""
    if "".join(words[k : k + 3]).startswith(_STATE_WORDS):
        return True
    follow: list[str] = []
    for w in words[k + 1 : k + 1 + _LOOK_AHEAD]:
        follow.append(w)
        if _names_a_firm(follow):
            return words[k] == "state"
    return False


def _described_state_owned(lower: Sequence[str], start: int, ends: set[int]) -> bool:
    """Whether the words right before token ``start`` say "state-owned" and name no
    one: "state-owned importer Gasum", "the state-run lender X"."""
    words: list[str] = []
    k = start
    while k > 0 and start - k < _LOOK_BACK:
        if k in ends and k != start:
            return False  # another name in between: its description, not this one's
        k -= 1
        words.append(lower[k])
        # spaCy splits "state-owned" in three: read the words from here on whole
        if lower[k] in ("state", "government") and "".join(reversed(words)).startswith(
            _STATE_WORDS
        ):
            return True
        if lower[k] == "state" and _names_a_firm(words[-2::-1]):
            return True  # "state energy company Sonatrach"
        if not (lower[k].isalpha() or lower[k] == "-"):
            return False
    return False


def _names_a_firm(words: Sequence[str]) -> bool:
    """Whether the words after "state" describe a firm: "oil company", "lender"."""
    return bool(words) and words[-1] in _FIRM_NOUNS and all(w.isalpha() for w in words)


def _apposed_state_owned(
    lower: Sequence[str],
    end: int,
    starts: set[int],
    homes_at: dict[int, int],
    named: list[int] | None = None,
) -> bool:
    """Whether an apposition right after the name (token ``end`` on) says the firm
    is the state's: "X, a state-owned rail company", "X (TPAO), the state oil
    company", "X, the Abu Dhabi state investor" (``homes_at``: the ends of the
    names of states and places and of demonyms, by their starts). A state
    possessive ("the state's biggest lender") is not one. ``named`` gets where the
    state's name starts when the apposition names it."""
    k = end
    if k + 2 < len(lower) and lower[k] == "(" and lower[k + 2] == ")":
        k += 3  # an acronym in brackets
    if k + 2 >= len(lower) or lower[k] != "," or lower[k + 1] not in ("a", "an", "the"):
        return False
    k += 2
    words: list[str] = []
    while k < len(lower) and len(words) < _LOOK_AHEAD:
        if k in starts:
            after = homes_at.get(k)
            if after is not None and after + 1 < len(lower) and lower[after] in _POSSESSIVE:
                after += 1  # "X, the Netherlands' state-owned gas network operator"
            if after is not None and after < len(lower) and lower[after] == "state":
                if named is not None:
                    named.append(k)  # where the state's name or demonym starts
                k = after  # "the Chinese state insurer": whose state the next word says
                continue
            return False  # a name in the apposition: "the state of Lower Saxony"
        word = lower[k]
        if word in ("state", "government"):
            return _state_owned_from(lower, k)
        if not word.isalpha() or word in _LINKS:
            return False  # "X, a unit of state-owned Y" describes Y
        words.append(word)
        k += 1
    return False
