"""Where a pipeline runs: the places on its route lie on it (``locatedIn``).

"The pipeline runs from Russia through Belarus to Poland", "... to pump Egyptian
gas to Lebanon through Jordan and Syria along the Arab Gas Pipeline", "the line
crosses Ukraine to reach Slovakia", "the Polish stretch of the Yamal-Europe
pipeline", or a list of legs under an intro ("- from Arish in Egypt's Sinai under
the Gulf of Aqaba to the port of Aqaba"). A pipeline is a product the article
calls a pipeline (its name ends in one, or "pipeline" stands beside one of its
names); "the line" and "the link" speak of the last one named.

Reads the skeletons of the sentences (kg/extract/rules.py) from a route verb or
the pipeline's name forward: each state or place after a route preposition
("from", "through", "via", "across", "under", "to", "into", "between") and the
lists and "in X" that follow it lie on the route. The walk ends at a clause's end,
at another firm or person, or after a few words that are none of these; "bypassing
X" ends it too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from kg.extract.mentions import ClusterLike, Found
from kg.extract.sentences import ROW_MARKS, Sentence
from kg.model import RawClaim

RULE_ID = "location.route.v1"


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, split at white space."""
    return frozenset(text.split())


_CONFIDENCE = 0.6

#: words that make a product a pipeline when they end its name or stand beside it
_PIPE_WORDS = frozenset(
    {"pipeline", "pipelines", "interconnector", "interconnection", "gas pipeline",
     "oil pipeline"}
)  # fmt: skip
#: words that end a pipeline's name ("Power of Siberia 2 line", "Kirkuk-Ceyhan Line")
_NAME_ENDS = frozenset({"pipeline", "pipelines", "interconnector", "line", "spur", "connector"})
#: what an apposition calls a pipeline: "TurkStream, a second Russian export line"
_APPOSED = frozenset({"pipeline", "line", "interconnector", "link", "spur"})
#: "the line", "this link": the last pipeline named
_PIPE_NOUNS = frozenset({"line", "link", "spur", "interconnector", "conduit"})
#: verbs of a route
_VERBS = _words(
    """run runs running ran carry carries carried carrying pump pumps pumped pumping
    cross crosses crossed crossing stretch stretches stretched stretching link links linked
    linking connect connects connected connecting pass passes passed passing snake snakes
    snaked snaking wind winds winding traverse traverses traversed traversing transport
    transports transported transporting ship ships shipped shipping deliver delivers
    delivered delivering supply supplies supplied supplying flow flows flowed flowing bring
    brings brought bringing feed feeds fed feeding transit transits transited transiting
    reach reaches reached reaching branch branches branched branching extend extends
    extended extending travel travels travelled traveled travelling traveling send sends
    sent sending move moves moved moving routed routing lead leads leading go goes
    going went head heads heading enter enters entered entering piped exports exported
    exporting lands landed ashore landfall onward onwards"""
)
#: route verbs whose object is a place on the route: "crosses Ukraine", "links A and B"
_TRANSITIVE = _words(
    """cross crosses crossed crossing traverse traverses traversed traversing link links
    linked linking connect connects connected connecting reach reaches reached reaching
    enter enters entered entering"""
)
#: prepositions of a route
_PREPS = frozenset(
    {"from", "through", "via", "across", "under", "beneath", "to", "into", "towards",
     "toward", "between", "along"}
)  # fmt: skip
#: words that may stand between a route preposition and its place
_FILLERS = _words(
    """the a an its their northern southern eastern western central north south east west
    north-western south-western north-eastern south-eastern northwestern southwestern
    northeastern southeastern far port city town coast coastal region province border
    terminal hub island village area shores shore state oil gas of seaport station
    refinery plant landing point"""
)
#: words that end the walk: a clause's end, or a route that avoids a place
_STOPS = _words(
    """; : . ? ! while whereas but although though because said says told where which who
    whose that without not never no bypass bypasses bypassing bypassed avoid avoids avoiding
    avoided circumvent circumvents circumventing instead except rather than replace replaces
    replacing replaced"""
)
#: words between a relative pronoun and its verb: "that will carry"
_AUXILIARIES = _words(
    "will would can could may might is are was were has have had also now already then"
)
#: parts of a pipeline a state's demonym names: "the Polish stretch of the pipeline"
_PARTS = frozenset(
    {"stretch", "section", "leg", "segment", "part", "portion", "branch", "end", "side"}
)
#: most plain words between an anchor and a preposition or a place
_GAP = 5
_ITEM = re.compile(r"^([@#])(\d+)([A-Z])$")


def route_claims(
    read: Sequence[tuple[Sentence, str]],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    lower: Sequence[str],
) -> list[RawClaim]:
    """Claims that the places on a pipeline's route lie on it, from the sentences
    ``read`` (each with its skeleton) that name two entities or more."""
    pipes = _pipelines(mentions, clusters, lower)
    if not pipes:
        return []
    out: list[RawClaim] = []
    seen: set[tuple[str, str]] = set()
    named = sorted((m.start, m.cluster) for m in mentions if m.cluster in pipes)
    starts = [at for at, _cluster in named]
    for sent, skel in read:
        # the last pipeline named before the sentence: what "the line" speaks of
        k = bisect_left(starts, sent.start)
        last = named[k - 1][1] if k else None
        row = sent.text.lstrip().startswith(ROW_MARKS)
        found = _route(skel.split(), mentions, pipes, last, row)
        for pipe, place in found:
            key = (clusters[pipe].key, clusters[place].key)
            if pipe == place or key in seen:
                continue
            seen.add(key)
            if clusters[place].type is None:
                clusters[place].type = "Place"
            out.append(RawClaim.said_in(key[0], "locatedIn", key[1], sent, RULE_ID, _CONFIDENCE))
    return out


def _pipelines(
    mentions: Sequence[Found], clusters: Sequence[ClusterLike], lower: Sequence[str]
) -> set[int]:
    """The clusters the article calls pipelines."""
    pipes: set[int] = set()
    for m in mentions:
        if m.cluster < 0 or m.cluster in pipes or m.kind == "demonym":
            continue
        c = clusters[m.cluster]
        if c.type not in ("Product", None):
            continue
        last = {c.label.lower().rsplit(" ", 1)[-1], m.text.lower().rsplit(" ", 1)[-1]}
        near = {
            *_upto_break(lower[m.end : m.end + 3]),
            *_upto_break(lower[max(0, m.start - 2) : m.start][::-1]),
        }
        if (
            last & _NAME_ENDS
            or near & _PIPE_WORDS
            or (
                m.end < len(lower)
                and lower[m.end] == ","
                and _APPOSED & set(_upto_break(lower[m.end + 1 : m.end + 7]))
            )
        ):
            pipes.add(m.cluster)
    return pipes


def _upto_break(words: Sequence[str]) -> list[str]:
    """The words up to the first that ends a sentence or a paragraph."""
    out = []
    for word in words:
        if "\n" in word or word in (".", "!", "?", ";"):
            break
        out.append(word)
    return out


def _mention(item: str) -> tuple[str, int, str] | None:
    found = _ITEM.match(item)
    return (found[1], int(found[2]), found[3]) if found else None


def _route(
    items: list[str],
    mentions: Sequence[Found],
    pipes: set[int],
    last: int | None,
    row: bool,
) -> list[tuple[int, int]]:
    """(pipeline, place) pairs of one sentence's skeleton ``items``."""
    # the pipelines the sentence names, by position
    at: dict[int, int] = {}
    for k, item in enumerate(items):
        got = _mention(item)
        if got and got[0] == "@" and mentions[got[1]].cluster in pipes:
            at[k] = mentions[got[1]].cluster
        elif (
            not got
            and item in _PIPE_NOUNS
            and k
            and items[k - 1] in ("the", "this", "that")
            and last is not None
        ):
            at[k] = last
    if not at:
        if row and last is not None and _row_opens_route(items):
            return [(last, place) for place in _walk(items, 0, mentions, pipes)[0]]
        return []
    out: list[tuple[int, int]] = []
    # "the Polish stretch of the Yamal-Europe pipeline"
    for k, pipe in at.items():
        j = k - 1
        while j >= 0 and items[j] == "the":
            j -= 1
        if j >= 2 and items[j] == "of" and items[j - 1] in _PARTS:
            got = _mention(items[j - 2]) or (
                _mention(items[j - 3]) if j >= 3 and items[j - 2] == "'s" else None
            )
            if got and got[2] == "S":
                out.append((pipe, mentions[got[1]].cluster))
    # walks from each route verb, and from a pipeline's name a route follows right away
    # ("the pipeline from A to B", "the Nord Stream 2 pipeline under the Baltic Sea")
    for k in sorted(k for k, item in enumerate(items) if item in _VERBS):
        places, reached = _walk(items, k, mentions, pipes)
        if not places:
            continue
        j = k - 1
        while j > 0 and items[j] in _AUXILIARIES:
            j -= 1
        if j >= 0 and items[j] in ("that", "which"):
            # a relative clause's subject is the name right before it: "the TAP, the last
            # leg of the Southern Gas Corridor that brings gas from ..."
            before = [i for i in range(max(0, j - 7), j) if items[i].startswith("@")]
            subject = at.get(before[-1]) if before else None
        else:
            subject = reached if reached is not None else _pipe_before(items, k, at)
        if subject is not None:
            out += [(subject, place) for place in places]
    for k, pipe in at.items():
        j = k + 1
        while j < len(items) and items[j] in ("pipeline", "gas", "oil", "line"):
            j += 1
        if j < len(items) and items[j] in _PREPS:
            out += [(pipe, place) for place in _walk(items, j - 1, mentions, pipes, "")[0]]
    return out


def _row_opens_route(items: list[str]) -> bool:
    """A row that starts with a route: "- from Arish ...", "- north through Jordan"."""
    words = [w for w in items[:3] if w not in ("-", "*", "\u2022", "\u2013")]
    return bool(words) and (
        words[0] in _PREPS or (len(words) > 1 and words[0] in _FILLERS and words[1] in _PREPS)
    )


def _pipe_before(items: list[str], k: int, at: dict[int, int]) -> int | None:
    """The first pipeline named before the verb at ``k`` in the same clause: "the
    spur branches off the ESPO pipeline ... and runs south to Daqing" is the spur's."""
    for j in sorted(at):
        if j < k and k - j <= 15 and not any(w in _STOPS for w in items[j:k]):
            return at[j]
    return None


def _walk(
    items: list[str], k: int, mentions: Sequence[Found], pipes: set[int], mode: str | None = None
) -> tuple[list[int], int | None]:
    """The places on the route that starts at ``k``, and the pipeline the walk
    reaches ("... through Jordan and Syria along the Arab Gas Pipeline")."""
    places: list[int] = []
    reached: int | None = None
    if mode is None:
        mode = "verb" if items[k] in _TRANSITIVE else ""
    gap = filler = 0
    j = k + 1
    while j < len(items) and j < k + 45:
        item = items[j]
        got = _mention(item)
        if item in _STOPS:
            break
        if got and got[0] == "@":
            cluster = mentions[got[1]].cluster
            if cluster in pipes:
                if reached is not None and reached != cluster:
                    break  # another pipeline's clause
                reached = cluster
                mode, gap = "", 0
            elif (got[2] in "LS" and mode in ("prep", "list", "verb")) or (
                got[2] == "U" and mode in ("prep", "list")
            ):
                places.append(cluster)  # an untyped name on a route is a place
                mode, filler = "list", 0
            elif got[2] in "LS":
                gap += 1
            else:
                break  # a firm, a person, an event: another clause's actor
        elif got:  # a demonym: "the Jordanian port of Aqaba"
            filler += 1
        elif item in _PREPS:
            mode, gap, filler = "prep", 0, 0
        elif item in ("in", "on", "off") and mode == "list":
            mode, filler = "prep", 0  # "to Lubmin in Germany"
        elif item in (",", "and", "or", "'s") and mode == "list":
            pass
        elif item in _VERBS:
            mode = "verb" if item in _TRANSITIVE else ""
            gap = 0
        elif item in _FILLERS and mode in ("prep", "list", "verb"):
            filler += 1
            if filler > 4:
                mode = ""
        else:
            mode = ""
            gap += 1
            if gap > _GAP:
                break
        j += 1
    return places, reached
