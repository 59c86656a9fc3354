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
_FIRMS = frozenset({"Company", "Fund", None})


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
    firsts = [s.start for s in sentences]
    out: list[RawClaim] = []
    for m in mentions:
        if m.cluster < 0 or m.kind in ("demonym", "anaphor"):
            continue
        firm = clusters[m.cluster]
        if firm.type not in _FIRMS or firm.key in owned or len(homes.get(firm.key, ())) != 1:
            continue
        if not _described_state_owned(lower, m.start, ends):
            continue
        (state,) = homes[firm.key]
        owned.add(firm.key)
        sent = sentences[bisect_right(firsts, m.start) - 1]
        out.append(RawClaim.said_in(state, "ownsStakeIn", firm.key, sent, RULE_ID, 0.6))
    return out


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
        if not (lower[k].isalpha() or lower[k] == "-"):
            return False
    return False
