"""Name normalisation shared by the registry, resolution and scoring.

The rules are those of ``../shared/eval/FORMAT.md``: Unicode NFKC, casefold,
``&`` read as ``and``, punctuation dropped, whitespace collapsed, a leading
"the" dropped.
"""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Normalise a name for comparison.

    >>> normalize_name("  The Mail.Ru   Group ")
    'mailru group'
    >>> normalize_name("AT&T")
    'at and t'
    >>> normalize_name("Türkiye") == normalize_name("TÜRKIYE")
    True
    """
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    text = _PUNCT.sub("", text).replace("_", " ")
    text = _SPACE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def numbers(norm: str) -> list[str]:
    """The numbers a name holds, in order: names that differ in one are not one name."""
    return re.findall(r"\d+", norm)


def not_one_name(a: str, b: str, suffixes: frozenset[str] = frozenset()) -> bool:
    """Whether two normalised names that look alike are told apart by what they say,
    not misspelt: they differ in a number ("nord stream ag", "nord stream 2 ag";
    "zapad 2017", "zapad 2021") or in the number of a word other than ``suffixes``
    ("northern territory", "northern territories"; but "qatar holding" is "qatar
    holdings" misspelt when "holding" is a suffix).

    >>> not_one_name("zapad 2017", "zapad 2021")
    True
    >>> not_one_name("northern territory", "northern territories")
    True
    >>> not_one_name("qatar holding", "qatar holdings", frozenset({"holding", "holdings"}))
    False
    >>> not_one_name("bejing", "beijing")
    False
    """
    if numbers(a) != numbers(b):
        return True
    left, right = a.split(), b.split()
    return len(left) == len(right) and any(
        x != y and x not in suffixes and y not in suffixes and _singular(x) == _singular(y)
        for x, y in zip(left, right, strict=True)
    )


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[-3:-2] in ("s", "x", "z", "h"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
