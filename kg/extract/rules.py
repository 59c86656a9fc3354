"""Relation rules as data: regular expressions over a sentence skeleton.

A skeleton is the sentence with every mention replaced by a marker that
carries its index and type (``@3C`` is mention 3, a company; ``#5S`` is the
demonym of a state, mention 5; ``%19.5`` a percentage), every other word
lower-cased, tokens joined by single spaces. Rules (``rules/*.toml``) are
patterns over that text written with macros:

===========  ==========================================================
``{S}``      the subject mention; ``{S:CF}`` limits it to those types (and
             to untyped names); ``{S:P!}`` to typed persons only
``{O}``      the object mention, same forms
``{SL}``     a list of subject mentions ("A , B and C"); ``{OL}`` objects
``{D}``      a demonym or possessive state: ``#5S`` or ``@5S 's``
``{DL}``     a list of demonyms as subjects: "Indian and American forces"
``{P}``      a percentage; ``{PL}`` a list of them (respectively)
``{GOV}``    a state or city as owner: "the government of X", "the X government"
             (fills the same groups as ``{DS}``)
``{_}``      up to 4 other words; ``{__}`` up to 10
===========  ==========================================================

Each rule has an id, a version, a predicate, a confidence, and positive and
negative example sentences that the tests run through the whole extractor.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import InputError
from kg.model import PREDICATES

RULES_DIR = Path(__file__).with_name("rules")
_ENT = r"@\d+[A-Z]"
_WORD = r"[^@#%\s]\S*"
_MACROS = {
    "_": rf"(?:{_WORD} ){{0,4}}",
    "__": rf"(?:{_WORD} ){{0,10}}",
    "P": r"%(?P<p>\d+(?:\.\d+)?)",
    "PL": r"(?P<pl>%\d+(?:\.\d+)?(?: (?:,|and|, and) %\d+(?:\.\d+)?)*)",
    "D": r"(?:#(?P<d>\d+)S|@(?P<d2>\d+)S 's)",
    "DS": r"(?:#(?P<ds>\d+)S|@(?P<ds2>\d+)S 's)",
    "DL": r"(?P<dl>#\d+S(?: (?:,|and|, and) #\d+S)*)",
    "GOV": (
        r"the (?:#(?P<ds>\d+)S (?:federal |central |national )?(?:government|state)"
        r"|(?:government|state|city|municipality"
        r"|province|region|emirate|kingdom|republic) of @(?P<ds2>\d+)[SL])"
    ),
}
_CLAUSE = r"(?: , (?:whose|which|who|the|a|an|one of|its|@\d+[A-Z] 's) (?:[^#%\s,]\S* ){1,10},)?"
_SLOT = re.compile(r"\{(S|O|SL|OL)(?::([A-Z]+)(!)?)?\}")
_MACRO = re.compile(r"\{(_|__|P|PL|DS|DL|D|GOV)\}")


@dataclass(frozen=True)
class Rule:
    id: str  # "stake.percent"
    version: int
    predicate: str
    patterns: tuple[re.Pattern[str], ...]
    confidence: float
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    swap: bool = False  # the pattern's S is the predicate's object
    pairwise: bool = False  # every pair in the S list (partners of a venture)
    respectively: bool = False  # zip a subject list with a percent list
    context_object: bool = False  # no object in the sentence: the article's last stake asset
    context_subject: bool = False  # no subject in the sentence: the article's last sanctioner
    # a row of a list under a sentence that ends in a colon ("OFAC designated:"): the
    # subject is the actor that sentence names
    table_row: bool = False
    status: str | None = None
    state: bool = False  # a state's ownership of its firms, not a deal: no context asset
    percent: float | None = None  # the share the words say with no number ("wholly owned")
    source: str = ""

    @property
    def rule_id(self) -> str:
        """The versioned id stored on claims: ``stake.percent.v1``."""
        return f"{self.id}.v{self.version}"


def _slot(match: re.Match[str]) -> str:
    name, types = match.group(1), match.group(2) or "A-Z"
    if types != "A-Z" and set(types) & set("CFOPR") and not match.group(3):
        types += "U"  # an untyped name may fill a slot for an organisation or person
    letters = f"[{types}]"
    group = name.lower()
    # A name followed by 's is a possessor, not the argument ("Russia 's fund"),
    # unless the pattern itself asks for the 's.
    possessive_next = match.string[match.end() :].startswith(" 's")
    not_possessor = "" if possessive_next else r"(?! 's)"
    # Objects may come after "the", a possessor ("Russia 's"), or a demonym.
    # ... but no preposition: "buys Russian gas through TurkStream" names no asset
    word = r"(?!(?:through|via|from|to|into|in|on|at|with|for|by|under|over) )[^@#%\s]\S* "
    the = (
        rf"(?:the )?(?:@\d+[A-Z] 's (?:{word}){{0,3}})?(?:#\d+S (?:{word}){{0,3}})?"
        if name.startswith("O")
        else "(?:the )?"
    )
    if name in ("SL", "OL"):
        # Items may carry a few descriptor words: "A , telecom company B and the fund C".
        # not a state that only says whose a named role is: "the US ambassador for ..."
        roles = r"(?:ambassador|envoy|embassy|consulate|consul|officials?|diplomats?)\b"
        role = rf"(?!(?<=the )@\d+S {roles})"
        item = rf"{role}@\d+{letters}(?: \( @\d+[A-Z] \))?(?! 's)(?! ' )"
        # "..., Singapore 's wealth fund GIC"; "... and the Central Asian states of X"
        # but no clause: "the Baltic Sea , moving to avoid US sanctions" is no list
        clause = r"(?:to|that|which|who|whose|when|while|after|before|if) "
        filler = rf"(?:(?!{clause})[^@%\s]\S* |@\d+S 's |@\d+L ){{0,4}}"
        sep = r"(?:,|and|, and|&|, as well as|as well as)"
        return rf"{the}(?P<{group}>{item}(?: {sep} {filler}{item})*)"
    # A subject may carry a relative clause or an apposition before its verb:
    # "Total , whose chief executive is X , also owns ...".
    skip = "" if name.startswith("O") or possessive_next else _CLAUSE
    return rf"{the}@(?P<{group}>\d+){letters}{not_possessor}{skip}"


def compile_pattern(text: str) -> re.Pattern[str]:
    """Expand the macros of a rule pattern into a regular expression."""
    expanded = _SLOT.sub(_slot, text)
    expanded = _MACRO.sub(lambda m: _MACROS[m.group(1)], expanded)
    return re.compile(expanded)


def _fail(path: Path, rule_id: str, problem: str) -> InputError:
    return InputError(path, f"rule {rule_id!r}: {problem}", hint="fix the rule file")


@cache
def load_rules(folder: Path = RULES_DIR) -> tuple[Rule, ...]:
    """Every rule of every ``*.toml`` file in ``folder``, checked."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(path, f"TOML syntax error: {exc}", hint="fix the rule file") from None
        for raw in data.get("rule", []):
            rule_id = str(raw.get("id", "?"))
            for key in (
                "id",
                "version",
                "predicate",
                "pattern",
                "confidence",
                "positive",
                "negative",
            ):
                if key not in raw:
                    raise _fail(path, rule_id, f"missing key {key!r}")
            if raw["predicate"] not in PREDICATES:
                raise _fail(path, rule_id, f"unknown predicate {raw['predicate']!r}")
            if rule_id in seen:
                raise _fail(path, rule_id, "defined twice")
            seen.add(rule_id)
            patterns = raw["pattern"] if isinstance(raw["pattern"], list) else [raw["pattern"]]
            try:
                compiled = tuple(compile_pattern(p) for p in patterns)
            except re.error as exc:
                raise _fail(path, rule_id, f"bad pattern: {exc}") from None
            rules.append(
                Rule(
                    id=rule_id,
                    version=int(raw["version"]),
                    predicate=raw["predicate"],
                    patterns=compiled,
                    confidence=float(raw["confidence"]),
                    positive=tuple(raw["positive"]),
                    negative=tuple(raw["negative"]),
                    swap=bool(raw.get("swap", False)),
                    pairwise=bool(raw.get("pairwise", False)),
                    respectively=bool(raw.get("respectively", False)),
                    context_object=bool(raw.get("context_object", False)),
                    context_subject=bool(raw.get("context_subject", False)),
                    table_row=bool(raw.get("table_row", False)),
                    status=raw.get("status"),
                    state=bool(raw.get("state", False)),
                    percent=float(raw["percent"]) if "percent" in raw else None,
                    source=str(path),
                )
            )
    return tuple(rules)
