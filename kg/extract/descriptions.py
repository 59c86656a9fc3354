"""What a description says about the name it stands for.

News often names a firm once and then describes it: "the Indian
conglomerate", "the Moscow-based lender", "the Chinese state-owned group".
The anaphor finder resolves the description to the name; the state a
demonym in it names (or the place before "-based") is where that firm is
based.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from kg.extract.mentions import ClusterLike, Found
from kg.model import RawClaim

_BASED_TYPES = ("Company", "Fund", "Organization")


def description_claims(
    doc: Doc, mentions: Sequence[Found], clusters: Sequence[ClusterLike]
) -> list[RawClaim]:
    """``basedIn`` ties read from the demonyms and "X-based" inside anaphora."""
    out: list[RawClaim] = []
    inner = [m for m in mentions if m.kind != "anaphor"]
    for a in mentions:
        if a.kind != "anaphor" or a.cluster < 0 or clusters[a.cluster].type not in _BASED_TYPES:
            continue
        firm = clusters[a.cluster].key
        for m in inner:
            if not (a.start < m.start and m.end < a.end) or m.cluster < 0:
                continue
            after = doc[m.end].lower_ if m.end < len(doc) else ""
            demonym = m.kind == "demonym" and m.type == "State"
            based = (
                m.type in ("Place", "State")
                and after == "-"
                and m.end + 1 < len(doc)
                and (doc[m.end + 1].lower_ in {"based", "headquartered"})
                and _refers_within_sentence(doc, a)  # "the London-based company's position"
            )
            where = clusters[m.cluster].key
            if (demonym or based) and where != firm:
                sent = doc[a.start].sent
                out.append(
                    RawClaim.said_in(firm, "basedIn", where, sent, "based.description.v1", 0.6)
                )
    return out


def _refers_within_sentence(doc: Doc, a: Found) -> bool:
    ref = next((c for c in a.cues if c.startswith("refers-to:")), None)
    return (
        ref is not None and doc[int(ref[len("refers-to:") :])].sent.start == doc[a.start].sent.start
    )
