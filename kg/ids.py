"""Stable identifiers: slugs for entities, content hashes for everything else.

Entity IRIs come from canonical registry ids, never from a raw mention;
article, claim and tie ids are hashes of what they are, so the same input
always gets the same id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

BASE = "https://w3id.org/kg/"
ONTOLOGY = BASE + "ontology#"
ENTITY = BASE + "entity/"
ARTICLE = BASE + "article/"
CLAIM = BASE + "claim/"
TIE = BASE + "tie/"
WIKIDATA = "http://www.wikidata.org/entity/"

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ARTICLE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")


def slugify(text: str) -> str:
    """Turn a name into an id slug: ASCII, lowercase, single hyphens.

    >>> slugify("Mail.Ru Group")
    'mail-ru-group'
    >>> slugify("Türkiye's  State-Owned Fund")
    'turkiye-s-state-owned-fund'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def digest(*parts: object, length: int = 16) -> str:
    """Hash the parts into ``length`` hex digits; parts are joined unambiguously.

    >>> digest("a", "b") != digest("ab", "")
    True
    >>> len(digest("x"))
    16
    """
    h = hashlib.sha256()
    for part in parts:
        data = repr(part).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:length]


def article_id_for_text(text: str) -> str:
    """The id of an article whose source gives none: a hash of its text.

    >>> article_id_for_text("Hello") == article_id_for_text("Hello")
    True
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def is_slug(value: str) -> bool:
    """True when ``value`` is a valid entity id.

    >>> is_slug("alibaba-group"), is_slug("Alibaba"), is_slug("a--b")
    (True, False, False)
    """
    return bool(SLUG_RE.match(value))


def entity_iri(entity_id: str) -> str:
    """The IRI of an entity id.

    >>> entity_iri("russia")
    'https://w3id.org/kg/entity/russia'
    """
    return ENTITY + entity_id


def article_iri(article_id: str) -> str:
    """The IRI of an article, which also names its graph.

    >>> article_iri("0f3c")
    'https://w3id.org/kg/article/0f3c'
    """
    return ARTICLE + article_id
