"""The pronoun "it" for an organisation, where the antecedent is unambiguous.

Two places are read, the ones where news writes "it" for the firm, fund or body
the text is about:

- a sentence that starts with "It" (or "In 2019, it"): the subject of the
  sentence before, when that is an organisation ("Alrosa mines diamonds in
  Siberia. It holds 41% of Catoca.");
- "it" after a verb of saying: the subject of the same sentence ("Rosneft said
  on Monday that it had bought 49% of Essar Oil").

The subject is the sentence's first name; a state written as a possessive before
a firm gives way to the firm ("Russia's Gazprom said it ..."). Subjects joined by
"and" ("A and B said it") are ambiguous and left alone, and so is the "it" of
"it is clear that", "it was not until", "it was a mistake".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from kg.extract.mentions import Found, Tokens
from kg.extract.sentences import Sentence

#: the types "it" may stand for; a state, a person or an event is left alone
_ORG_TYPES = frozenset({"Company", "Fund", "Organization", None})
_SAYING = frozenset(
    {
        "said",
        "says",
        "announced",
        "announces",
        "added",
        "stated",
        "confirmed",
        "explained",
        "noted",
        "disclosed",
        "reported",
        "told",
    }
)
_BE = frozenset({"is", "was", "'s", "\u2019s", "will", "would", "has", "had", "remains", "may"})
#: what follows "it is" in "it is clear that", "it was not until", "it is time to"
_EXPLETIVE = frozenset(
    {
        "clear",
        "unclear",
        "likely",
        "unlikely",
        "expected",
        "possible",
        "impossible",
        "understood",
        "believed",
        "thought",
        "hoped",
        "estimated",
        "reported",
        "said",
        "time",
        "true",
        "important",
        "difficult",
        "hard",
        "easy",
        "until",
        "that",
        "to",
        "whether",
        "worth",
        "known",
        "feared",
        "argued",
        "seen",
        "rare",
        "first",
    }
)
#: "it was nothing to be proud of", "it is a mistake": "it" is a thing
_WHAT_IT_IS = frozenset({"a", "an", "the", "nothing", "something", "one", "too", "very", "no"})
_MAX_LEAD = 6  # the words an "It" may follow in its sentence: "In 2019, it"


def find_pronouns(
    mentions: list[Found], sents: list[Sentence], firsts: list[int], toks: Tokens
) -> list[Found]:
    """The "it"s that stand for an organisation, as anaphor mentions of it.

    ``mentions`` are sorted by start; ``firsts`` are the sentences' first tokens.
    """
    lower = toks.lower
    its = [i for i, w in enumerate(lower) if w == "it"]
    if not its:
        return []
    starts = [m.start for m in mentions]
    out: list[Found] = []
    for i in its:
        j = bisect_right(firsts, i) - 1
        sent = sents[j]
        if i >= sent.end or _expletive(lower, i, sent.end):
            continue
        before = mentions[bisect_left(starts, sent.start) : bisect_left(starts, i)]
        antecedent = None
        if _opens(lower, sent.start, i) and not before and j > 0:
            antecedent = _subject(_within(mentions, starts, sents[j - 1]), lower)
        elif _after_saying(lower, sent.start, i):
            antecedent = _subject([m for m in before if m.end <= i], lower)
        if antecedent is not None:
            out.append(
                Found(
                    i,
                    i + 1,
                    toks.text[i],
                    antecedent.type,
                    "anaphor",
                    antecedent.entity,
                    antecedent.confidence * 0.8,
                    cues=[f"refers-to:{antecedent.start}"],
                )
            )
    return out


def _within(mentions: list[Found], starts: list[int], sent: Sentence) -> list[Found]:
    """The names of ``sent`` (``starts``: the mentions' first tokens, sorted)."""
    return mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]


def _opens(lower: list[str], start: int, i: int) -> bool:
    """Whether the "it" at ``i`` opens its sentence, or follows only a short
    lead that ends in a comma ("In 2019, it", "Separately, it")."""
    if i == start:
        return True
    return i - start <= _MAX_LEAD and lower[i - 1] == ","


def _after_saying(lower: list[str], start: int, i: int) -> bool:
    """ "said it", "said that it", "said on Monday it", "told reporters it"."""
    for k in range(i - 1, max(start, i - 5) - 1, -1):
        if lower[k] in _SAYING:
            return True
        if lower[k] in (",", ".", ";", ":", "and", "but", "which", "who"):
            return False
    return False


def _expletive(lower: list[str], i: int, end: int) -> bool:
    """ "it is clear that", "it was not until", "it is time to", "it seems"."""
    nxt = lower[i + 1 : min(end, i + 5)]
    if not nxt:
        return True
    if nxt[0] in ("seems", "seemed", "appears", "appeared", "emerged", "took", "takes"):
        return True
    if nxt[0] not in _BE:
        return False
    if nxt[0] in ("is", "was", "'s", "\u2019s") and nxt[1:2] and nxt[1] in _WHAT_IT_IS:
        return True  # "said it was a mistake": "it" is what was said about
    words = [w for w in nxt[1:] if w not in ("not", "be", "been", "also", "still", "now")]
    return bool(words) and words[0] in _EXPLETIVE


def _subject(mentions: list[Found], lower: list[str]) -> Found | None:
    """A sentence's subject, when it is a lone organisation (``mentions``: the
    sentence's names, in order)."""
    names = [m for m in mentions if m.kind != "demonym"]
    if not names:
        return None
    first = names[0]
    # "Russia's Gazprom said it": the possessive state describes the firm
    if (
        len(names) > 1
        and first.type in ("State", "Place")
        and lower[first.end : first.end + 1] in (["'s"], ["\u2019s"])
        and names[1].start == first.end + 1
    ):
        first = names[1]
    # "The refiner most exposed is MOL. It owns ...": a description's own
    # antecedent is a guess already, and the copula may name another firm; a
    # description that owns what the sentence is about is the topic ("The
    # Russian miner's reach extends beyond Siberia. It holds 41% of Catoca.")
    if first.type not in _ORG_TYPES or (
        first.kind == "anaphor" and lower[first.end : first.end + 1] not in (["'s"], ["\u2019s"])
    ):
        return None
    nxt = lower[first.end : first.end + 1]
    if nxt in (["and"], ["&"], ["or"]):
        return None  # "Total and CNPC said it ...": which one?
    return first
