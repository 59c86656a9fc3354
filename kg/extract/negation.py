"""Ties a sentence denies: "Turkey, which has refused to join Western sanctions on
Moscow, ..." says Turkey does not sanction Russia; "Modi skipped the summit" says
he took no part in it. The rules and the pair model read word patterns and would
find the tie; this step drops such claims after both have run.

A claim is dropped when a denial of its predicate stands between its subject and
its object: the subject is named before the denial starts and the object after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Protocol

from kg.model import RawClaim

_NOT = (
    r"(?:refused|refuses|refuse|declined|declines|decline|rejected|rejects|reject|"
    r"(?:has|have|had|did|does|do|will|would|could|can) not|(?:has|have|had|did|does|do|wo|"
    r"would|could|ca)n['\u2019]t|never|not yet|no longer|has yet|have yet)"
)
#: a denial of each predicate, over the sentence's own text (case-folded)
DENIALS: Mapping[str, re.Pattern[str]] = {
    "sanctions": re.compile(
        rf"\b{_NOT} (?:to )?(?:\w+ )?(?:join|joined|impose|imposed|adopt|adopted|follow|"
        r"followed|back|backed|apply|applied|enforce|enforced|support|supported|sign up to|"
        r"signed up to|align with|aligned with)\b(?: \S+){0,4}? sanctions\b"
        r"|\bstayed out of (?:\S+ ){0,3}sanctions\b|\bopposed (?:\S+ ){0,3}sanctions\b"
    ),
    "participatedIn": re.compile(
        rf"\b{_NOT} (?:to )?(?:attend|attended|join|joined|take part|taken part|took part|"
        r"participate|participated|go|went|come|came)\b"
        r"|\b(?:skipped|skips|skip|boycotted|boycotts|boycott|stayed away from|pulled out of|"
        r"withdrew from|was absent from|were absent from)\b"
    ),
}


class _Named(Protocol):
    label: str
    forms: set[str]


def _positions(text: str, names: Iterable[str]) -> list[int]:
    """Where any of ``names`` stands in ``text`` as whole words."""
    out: list[int] = []
    for name in names:
        if not name:
            continue
        out += [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return sorted(out)


def drop_denied(claims: list[RawClaim], clusters: Mapping[str, _Named]) -> list[RawClaim]:
    """``claims`` less those whose sentence denies them (see the module's text)."""
    kept: list[RawClaim] = []
    for c in claims:
        denial = DENIALS.get(c.predicate)
        if denial is None or c.subject not in clusters or c.object not in clusters:
            kept.append(c)
            continue
        # most sentences deny nothing: look for the names only where one does
        starts = [m.start() for m in denial.finditer(c.evidence.lower())]
        denied = False
        if starts:
            subject, obj = clusters[c.subject], clusters[c.object]
            at_s = _positions(c.evidence, {subject.label, *subject.forms})
            at_o = _positions(c.evidence, {obj.label, *obj.forms})
            denied = bool(at_s and at_o) and any(at_s[0] < k < at_o[-1] for k in starts)
        if not denied:
            kept.append(c)
    return kept
