"""A SPARQL tokenizer, just enough to read a query's keywords safely.

pyoxigraph parses and runs a query in one step and exposes no syntax tree,
so the few things kg must know before running one come from the tokens:
whether it calls ``SERVICE`` (refused by ``kg serve``), whether it is an
update, and where its WHERE group opens (to bind parameters with a VALUES
block). Comments, string literals and IRIs are whole tokens, so a
``SERVICE`` inside ``"..."``, ``<...>`` or after ``#`` is never a keyword,
and ``ex:service`` or ``?service`` are names, not keywords.

>>> [t.text for t in tokens('SELECT * { ?s ?p "SERVICE" } # SERVICE')]
['SELECT', '*', '{', '?s', '?p', '"SERVICE"', '}']
>>> calls_service('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }')
True
>>> calls_service('SELECT * { ?s <http://x/SERVICE> "SERVICE" } # SERVICE')
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<name>[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\-.\u00b7\u00c0-\uffff]*(?::[^\s{}()\[\];,]*)?
              |:[^\s{}()\[\];,]*)
    | (?P<punct><=|>=|!=|&&|\|\||\^\^|[{}()\[\];,.*=<>!+\-/|^@a-z0-9])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}
)
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


def tokens(query: str) -> list[Token]:
    """The query's tokens, without whitespace and comments."""
    out = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        out.append(Token(kind, m.group(), m.start()))
    return out


def _keywords(query: str) -> list[tuple[int, Token]]:
    # A keyword is a bare name (no colon), upper-cased; its brace depth rides along.
    found = []
    depth = 0
    for tok in tokens(query):
        if tok.text == "{":
            depth += 1
        elif tok.text == "}":
            depth -= 1
        elif tok.kind == "name" and ":" not in tok.text:
            found.append((depth, Token("keyword", tok.text.upper(), tok.start)))
    return found


def calls_service(query: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (a call to another endpoint)."""
    return any(tok.text == "SERVICE" for _, tok in _keywords(query))


def is_update(query: str) -> bool:
    """Whether the text is a SPARQL Update rather than a query."""
    for _, tok in _keywords(query):
        if tok.text in QUERY_FORMS:
            return False
        if tok.text in UPDATE_KEYWORDS:
            return True
    return False


def where_brace(query: str) -> int:
    """Offset just after the ``{`` that opens the query's outer WHERE group.

    That is the first ``{`` after the first WHERE keyword; a SELECT or ASK
    may leave WHERE out, and then it is the first ``{`` of the query.
    """
    toks = tokens(query)
    form = next(
        (t.text.upper() for t in toks if t.kind == "name" and t.text.upper() in QUERY_FORMS), None
    )
    seen_where = False
    for tok in toks:
        if tok.kind == "name" and tok.text.upper() == "WHERE":
            seen_where = True
        elif tok.text == "{" and (seen_where or form in ("SELECT", "ASK")):
            return tok.start + 1
    raise QueryError(
        "cannot find the query's WHERE group to bind parameters",
        hint="write the query with an explicit WHERE { ... }",
    )


def with_values(query: str, bindings: dict[str, str]) -> str:
    """The query with ``VALUES`` binding each variable, first thing in its WHERE group.

    ``bindings`` maps a variable name to a term already in N-Triples syntax,
    as ``str()`` of a parsed pyoxigraph term gives it (so quotes and angle
    brackets inside a value are escaped, and a value cannot end the block).

    >>> with_values('SELECT ?x WHERE { ?x ?p ?o }', {"o": '"a\\\\"b"'})
    'SELECT ?x WHERE { VALUES ?o { "a\\\\"b" } ?x ?p ?o }'
    """
    if not bindings:
        return query
    at = where_brace(query)
    block = "".join(f" VALUES ?{name} {{ {term} }}" for name, term in sorted(bindings.items()))
    return query[:at] + block + query[at:]
