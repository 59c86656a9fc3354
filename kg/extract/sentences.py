"""Sentence boundaries for news text, as a spaCy component.

spaCy's rule-based sentencizer ends a sentence at every full stop, so names
such as "Mail.Ru" and abbreviations such as "U.S." split sentences. Here a
sentence ends at ``.``, ``!`` or ``?`` followed by whitespace and a word that
can start a sentence, or at a blank line; never after a known abbreviation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

ABBREVIATIONS = frozenset(
    {
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "st.",
        "gen.",
        "sen.",
        "rep.",
        "gov.",
        "lt.",
        "col.",
        "sgt.",
        "capt.",
        "prof.",
        "jr.",
        "sr.",
        "co.",
        "corp.",
        "inc.",
        "ltd.",
        "no.",
        "vs.",
        "u.s.",
        "u.k.",
        "u.n.",
        "e.u.",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
        "approx.",
        "est.",
        "dept.",
        "univ.",
    }
)
_ENDS = frozenset({".", "!", "?", "...", "\u2026"})


@Language.component("news_sentences")
def news_sentences(doc: Doc) -> Doc:
    """Mark sentence starts (see the module docstring)."""
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
            continue
        prev = doc[i - 1]
        start = False
        if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
            start = True
        elif (
            prev.text in _ENDS
            or (
                prev.text[-1:] in _ENDS
                and prev.lower_ not in ABBREVIATIONS
                and prev.text.count(".") < 2
            )
        ) and prev.whitespace_:
            start = (
                token.text[:1].isupper()
                or token.text[:1].isdigit()
                or token.text[:1] in "\"'\u201c\u2018("
            )
        elif (
            prev.text in {'"', "\u201d", "'"}
            and i >= 2
            and doc[i - 2].text in _ENDS
            and prev.whitespace_
        ):
            start = token.text[:1].isupper()
        if token.is_space:
            start = False
        token.is_sent_start = start
    return doc
