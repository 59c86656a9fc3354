"""Sentence boundaries for news text, as a spaCy component.

spaCy's rule-based sentencizer ends a sentence at every full stop, so names
such as "Mail.Ru" and abbreviations such as "U.S." split sentences. Here a
sentence ends at ``.``, ``!`` or ``?`` followed by whitespace and a word that
can start a sentence, or at a blank line; never after a known abbreviation
or a middle initial ("Jose E. Feliciano").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START, SPACY
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

#: how a row of a list starts ("- Canada, France and Japan")
ROW_MARKS = ("-", "*", "\u2022", "\u2013")


def after_word(lower: Sequence[str], i: int, words: Collection[str]) -> bool:
    """Whether token ``i`` comes right after one of ``words`` (or after one and "the");
    ``lower`` holds the text's tokens in lower case."""
    j = i - 1
    if j >= 0 and lower[j] == "the":
        j -= 1
    return j >= 0 and lower[j] in words


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
#: abbreviations that end names, not titles before them: a sentence may end with them
_NAME_ENDS = frozenset({"ltd.", "inc.", "corp.", "co.", "u.s.", "u.k.", "u.n.", "e.u."})
#: words that start a sentence after such an abbreviation ("... Resources Ltd. The U.S. ..."),
#: and seldom a name's second part
_OPENING_WORDS = frozenset(
    {"The", "It", "Its", "He", "She", "His", "Her", "They", "Their", "We", "This", "That"}
    | {"These", "Those", "But", "In", "On", "At", "A", "An", "Shares", "Officials"}
)


#: Whether a sentence can start after a token that ends in a character (see _start),
#: by code point; the last entry, False, stands for all higher code points.
_ENDERS = [ord(c) for c in ".!?\u2026\"\u201d'"]
_BEFORE_START = numpy.zeros(max(_ENDERS) + 2, dtype=bool)
_BEFORE_START[_ENDERS] = True


def _initial(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a middle initial: "E." in "Jose E. Feliciano"."""
    text = doc[i].text
    return (
        len(text) == 2
        and text[0].isupper()
        and text[1] == "."
        and i > 0
        and doc[i - 1].text[:1].isupper()
        and doc[i - 1].is_alpha
    )


def _start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` (> 0) starts a sentence."""
    token = doc[i]
    if token.is_space:
        return False
    prev = doc[i - 1]
    if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
        return True
    if (
        prev.text in _ENDS
        or (
            prev.text[-1:] in _ENDS
            and prev.lower_ not in ABBREVIATIONS
            and prev.text.count(".") < 2
            and not _initial(doc, i - 1)
        )
        # "... of Zorblat Resources Ltd. The U.S. Treasury said"
        or (prev.lower_ in _NAME_ENDS and token.text in _OPENING_WORDS)
    ) and prev.whitespace_:
        return (
            token.text[:1].isupper()
            or token.text[:1].isdigit()
            or token.text[:1] in "\"'\u201c\u2018("
        )
    if (
        prev.text in {'"', "\u201d", "'"}
        and i >= 2
        and doc[i - 2].text in _ENDS
        and prev.whitespace_
    ):
        return token.text[:1].isupper()
    return False


@Language.component("news_sentences")
def news_sentences(doc: Doc) -> Doc:
    """Mark sentence starts (see the module docstring)."""
    return mark_sentences(doc)


def mark_sentences(doc: Doc, text: str | None = None) -> Doc:
    """Give every token of ``doc`` ``is_sent_start`` True or False; ``text`` is ``doc.text``.

    Only a token after a space token, or after a token that ends in ``.``,
    ``!``, ``?``, ``\u2026`` or a closing quote and has a space after it, can
    start a sentence: array operations find those few, :func:`_start` judges
    them one by one, and all starts are written at once (setting
    ``Token.is_sent_start`` token by token scans the whole document each time).
    Passing ``text``, when the caller has it, saves rebuilding it from the tokens.
    """
    n = len(doc)
    if n == 0:
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)
    attrs = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE]).astype(numpy.int64)[:-1]
    codes = numpy.frombuffer((doc.text if text is None else text).encode("utf-32-le"), "<u4")
    last = numpy.minimum(codes[attrs[:, 0] + attrs[:, 1] - 1], len(_BEFORE_START) - 1)
    maybe = (attrs[:, 3] != 0) | ((attrs[:, 2] != 0) & _BEFORE_START[last])
    starts = numpy.full(n, -1, dtype=numpy.int64)
    starts[0] = 1
    for i in (numpy.flatnonzero(maybe) + 1).tolist():
        if _start(doc, i):
            starts[i] = 1
    doc.from_array([SENT_START], cast(Any, starts.astype(numpy.uint64)))
    return doc


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: what the extractor reads of ``doc.sents``, made once.

    spaCy makes a new ``Span`` for every sentence each time ``doc.sents`` is
    read, and ``Span.text`` joins the span's tokens again on every call;
    the rules read the sentences of an article many times.
    """

    start: int  # the first token
    end: int  # after the last token
    start_char: int
    end_char: int
    text: str  # ``Span.text``: without the last token's trailing whitespace


def sentences(doc: Doc, text: str | None = None) -> list[Sentence]:
    """The sentences of ``doc``, as ``doc.sents`` gives them; ``text`` is ``doc.text``.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> [s.text for s in sentences(mark_sentences(nlp.make_doc("It rose. Oil fell.  ")))]
    ['It rose.', 'Oil fell.  ']
    """
    string = doc.text if text is None else text
    if "sents" in doc.user_hooks or not len(doc):
        out = []
        for span in doc.sents:
            start_char, end_char = span.start_char, span.end_char
            out.append(
                Sentence(span.start, span.end, start_char, end_char, string[start_char:end_char])
            )
        return out
    if not doc.has_annotation("SENT_START"):
        raise ValueError(Errors.E030)
    # what ``doc.sents`` does, from one array: a sentence starts at token 0 and at
    # every token whose sentence start is 1 (``doc.sents`` builds a Span per sentence
    # and reads every token through Python)
    attrs = doc.to_array([SENT_START, IDX, LENGTH])
    firsts = [0, *(numpy.flatnonzero(attrs[1:, 0] == 1) + 1).tolist()]
    idx, length = attrs[:, 1].tolist(), attrs[:, 2].tolist()
    ends = [*firsts[1:], len(doc)]
    out = []
    for start, end in zip(firsts, ends, strict=True):
        start_char, end_char = idx[start], idx[end - 1] + length[end - 1]
        out.append(Sentence(start, end, start_char, end_char, string[start_char:end_char]))
    return out
