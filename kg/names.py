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
