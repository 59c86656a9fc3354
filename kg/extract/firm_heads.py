"""Who runs the firm an article is about: "Chief executive Jakob Stausholm said ..."
in an article about Rio Tinto.

A business title before a person's name, with no firm named in the title, points
to the firm the article is about: the company or fund it names most, at least twice
as often as any other. Reads what the sentence rules found and adds claims with its
own rule id and a lower confidence; a person the rules already tie as a head is
left alone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from kg.extract.mentions import ClusterLike, Found
from kg.extract.sentences import Sentence
from kg.model import RawClaim

#: the titles of a firm's heads, as the words right before the name, longest first
_FIRM_TITLES = (
    ("chief", "executive", "officer"),
    ("group", "chief", "executive"),
    ("chief", "executive"),
    ("managing", "director"),
    ("ceo",),
    ("chairman",),
    ("chairwoman",),
)
#: words before a title that make it someone else's: "deputy chairman", "former CEO"
_NOT_THE_HEAD = frozenset({"deputy", "vice", "former", "ex", "acting", "interim", "its", "their"})
_FIRMS = frozenset({"Company", "Fund"})
#: what a title's firm cannot be: any other name in the sentence may be it
_NOT_FIRMS = frozenset({"Person", "State", "Place", "Event", "Product"})
RULE_ID = "head.firm_context.v1"


def firm_heads(
    lower: Sequence[str],
    sentences: Sequence[Sentence],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    claims: Sequence[RawClaim],
) -> list[RawClaim]:
    """Claims that the person after a bare business title heads the article's firm."""
    main = _main_firm(mentions, clusters)
    if main is None:
        return []
    firm = main.key
    headed = {c.subject for c in claims if c.predicate == "headOf"}
    out: list[RawClaim] = []
    firsts = [s.start for s in sentences]
    for m in mentions:
        if m.cluster < 0:
            continue  # a mention no cluster took (an anaphor with no antecedent)
        person = clusters[m.cluster]
        if person.type != "Person" or person.key in headed or m.kind == "anaphor":
            continue
        title = next(
            (
                t
                for t in _FIRM_TITLES
                if m.start >= len(t) and tuple(lower[m.start - len(t) : m.start]) == t
            ),
            None,
        )
        if title is None:
            continue
        before = m.start - len(title) - 1
        if before >= 0 and (
            lower[before] in _NOT_THE_HEAD or _named_just_before(mentions, lower, before)
        ):
            continue  # "Glencore chief executive X" is the rules'; "its deputy chairman X"
        sent = sentences[bisect_right(firsts, m.start) - 1]
        others = {
            clusters[k.cluster].key
            for k in mentions
            if sent.start <= k.start < sent.end
            and k.cluster >= 0
            and clusters[k.cluster].type not in _NOT_FIRMS
        }
        if others - {firm}:
            continue  # the sentence names another body the title may be of
        headed.add(person.key)
        if main.type is None:
            main.type = "Company"  # what a chief executive heads
        out.append(RawClaim.said_in(person.key, "headOf", firm, sent, RULE_ID, 0.5))
    return out


def _main_firm(mentions: Sequence[Found], clusters: Sequence[ClusterLike]) -> ClusterLike | None:
    """The company or fund the article names most, at least twice as often as the next."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.cluster < 0:
            continue
        c = clusters[m.cluster]
        # an untyped name the article repeats is most often the firm it is about
        if (c.type in _FIRMS or c.type is None) and m.kind != "demonym":
            counts[c.key] = counts.get(c.key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return next(c for c in clusters if c.key == ranked[0][0])


def _named_just_before(mentions: Sequence[Found], lower: Sequence[str], i: int) -> bool:
    """Whether token ``i`` is the last of a name, or the "'s" after one ("Glencore chief
    executive X", "Glencore's chief executive X"): the title then has its own firm."""
    possessive = lower[i] in ("'s", "\u2019s")
    return any(m.end == i + 1 or (possessive and m.end == i) for m in mentions)
