"""Cheap tests that rule a relation pattern out before it runs over a skeleton.

Running every rule's regular expression over every sentence skeleton was
most of the extractor's time, and most patterns cannot match most
sentences: a pattern about stakes needs the word "stake" or "share", one
with a subject and an object needs two mention markers. :func:`prefilter`
reads such needs off the compiled pattern itself (its parse tree), so rules
stay plain data with no hand-written triggers:

* ``facts``: sets of strings; every match contains at least one string of
  each set (``{" stake ", " stakes ", " holding ", ...}``);
* ``grams``: the same for runs of one or two whole words (space-separated
  in the skeleton): every match covers one run of each set, so a skeleton
  without any of them is ruled out by set operations (:func:`grams`);
* ``markers``: every match has at least this many ``@`` or ``#`` characters
  (mention markers); ``percents``: this many ``%``.

Facts hold for the skeleton with each run of digits written as one
:data:`DIGITS` (:func:`normalize`), so that ``@\\d+S`` gives the fact
``@<DIGITS>S`` (a state mention) whatever the mention's number.

The tests are necessary conditions only: a pattern that passes still runs,
and one that fails could not have matched, so the matches are the same as
from running every pattern. A construct the analysis does not know (a back
reference, a case-insensitive flag) gives no fact, never a wrong one.
:class:`Patterns` runs the tests of all rules' patterns at once (one
Aho-Corasick pass over the skeleton for the strings of every gram set and
fact), so that a skeleton looks only at the patterns it may match.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import ahocorasick

#: The most strings an exact set may hold before the analysis stops expanding it.
_LIMIT = 64
#: What a run of digits becomes in a normalised skeleton.
DIGITS = "\x00"
_DIGIT_RUN = re.compile(r"\d+")
_MARKERS = frozenset("@#")
_SPACE = frozenset(" ")
_NOTHING: frozenset[str] = frozenset()
_DIGIT_CHARS = frozenset(DIGITS)
_EMPTY_STRING = frozenset({""})

Chars = frozenset[str] | None  # a set of characters; None: any character


@dataclass(frozen=True)
class Prefilter:
    """What every match of a pattern needs (see the module docstring)."""

    facts: tuple[frozenset[str], ...] = ()
    grams: tuple[frozenset[str], ...] = ()
    markers: int = 0
    percents: int = 0

    def admits(self, skel: str) -> bool:
        """Whether the pattern could match ``skel``."""
        if skel.count("@") + skel.count("#") < self.markers or skel.count("%") < self.percents:
            return False
        norm = normalize(skel)
        skel_grams = grams(norm)
        for fact in self.grams:
            if fact.isdisjoint(skel_grams):
                return False
        return all(any(s in norm for s in fact) for fact in self.facts)


def normalize(skel: str) -> str:
    """``skel`` with each run of digits written as :data:`DIGITS`."""
    return _DIGIT_RUN.sub(DIGITS, skel)


#: The longest run of words a gram set holds.
GRAM = 2


def grams(skel: str) -> set[str]:
    """The words of ``skel`` and the pairs of adjacent words, joined by one space."""
    words = skel.split()
    out = set(words)
    out.update(map(" ".join, pairwise(words)))
    return out


@dataclass
class _Info:
    exact: frozenset[str] | None  # every string the node can match, when few
    facts: list[frozenset[str]] = field(default_factory=list)
    markers: int = 0
    percents: int = 0
    first: Chars = None  # the characters a non-empty match can start with
    last: Chars = None  # ... and end with
    nullable: bool = True  # whether the node can match the empty string


_UNKNOWN = _Info(None)
_ZERO_WIDTH = _Info(_EMPTY_STRING, first=_NOTHING, last=_NOTHING)


def _union(a: Chars, b: Chars) -> Chars:
    return None if a is None or b is None else a | b


def _useful(strings: frozenset[str] | None) -> bool:
    return strings is not None and bool(strings) and "" not in strings


def _score(fact: frozenset[str]) -> tuple[int, int, list[str]]:
    """Longer and fewer strings make a more telling fact (then any fixed order)."""
    return min(map(len, fact)), -len(fact), sorted(fact)


def _best(info: _Info) -> frozenset[str] | None:
    candidates = list(info.facts)
    if info.exact is not None and _useful(info.exact):
        candidates.append(info.exact)
    return max(candidates, key=_score) if candidates else None


def _join(a: str, b: str) -> str:
    # two runs of digits side by side are one run
    return a + b[1:] if a[-1:] == DIGITS and b[:1] == DIGITS else a + b


def _product(left: Iterable[str], right: Iterable[str]) -> frozenset[str]:
    return frozenset(_join(a, b) for a in left for b in right)


def _plain(char: str) -> bool:
    """Whether a character stands for itself in a normalised skeleton (it is no digit)."""
    return char != DIGITS and not _DIGIT_RUN.match(char)


class _Analyser:
    def __init__(self, sre: Any) -> None:
        self.c = sre  # re._parser, which has the op codes of re._constants

    def seq(self, items: Any) -> _Info:
        infos = [self.node(op, av) for op, av in items]
        n = len(infos)
        # What is sure to come right before item k and right after item k - 1,
        # within the match (None at the ends: the text around is not known).
        before: list[Chars] = [None] * (n + 1)
        for k, info in enumerate(infos):
            before[k + 1] = _union(info.last, before[k]) if info.nullable else info.last
        after: list[Chars] = [None] * (n + 1)
        for k in range(n - 1, -1, -1):
            info = infos[k]
            after[k] = _union(info.first, after[k + 1]) if info.nullable else info.first
        facts: list[frozenset[str]] = []
        complete = True

        def start(k: int) -> frozenset[str]:
            return _SPACE if before[k] == _SPACE else _EMPTY_STRING

        def flush(run: frozenset[str], k: int) -> None:
            if after[k] == _SPACE:
                run = _product(run, _SPACE)
            if _useful(run):
                facts.append(run)

        run = start(0)
        for k, info in enumerate(infos):
            facts.extend(info.facts)
            if info.exact is None:
                complete = False
                flush(run, k)
                run = start(k + 1)
            elif len(run) * len(info.exact) > _LIMIT:
                complete = False
                flush(run, k)
                run = _product(start(k), info.exact)
            else:
                run = _product(run, info.exact)
        flush(run, n)
        first: Chars = _NOTHING
        for info in infos:
            first = _union(first, info.first)
            if not info.nullable:
                break
        last: Chars = _NOTHING
        for info in reversed(infos):
            last = _union(last, info.last)
            if not info.nullable:
                break
        return _Info(
            run if complete else None,
            facts,
            sum(i.markers for i in infos),
            sum(i.percents for i in infos),
            first,
            last,
            all(i.nullable for i in infos),
        )

    def node(self, op: Any, av: Any) -> _Info:
        c = self.c
        if op is c.LITERAL:
            char = chr(av)
            if not _plain(char):
                return _Info(None, nullable=False)
            one = frozenset(char)
            return _Info(one, [], int(char in _MARKERS), int(char == "%"), one, one, False)
        if op is c.IN:
            chars: set[str] = set()
            for item_op, item_av in av:
                if item_op is c.LITERAL:
                    chars.add(chr(item_av))
                elif item_op is c.RANGE and item_av[1] - item_av[0] < _LIMIT:
                    chars.update(map(chr, range(item_av[0], item_av[1] + 1)))
                else:
                    return _Info(None, nullable=False)
            if len(chars) > _LIMIT or not all(map(_plain, chars)):
                return _Info(None, nullable=False)
            one = frozenset(chars)
            return _Info(one, [], int(one <= _MARKERS), int(one == {"%"}), one, one, False)
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return _ZERO_WIDTH  # adds nothing to the matched text
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return _UNKNOWN
            return self.seq(sub)
        if op is c.ATOMIC_GROUP:
            return self.seq(av)
        if op is c.BRANCH:
            return self.branch([self.seq(alt) for alt in av[1]])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return self.repeat(*av)
        if op in (c.ANY, c.NOT_LITERAL):
            return _Info(None, nullable=False)
        return _UNKNOWN  # GROUPREF, GROUPREF_EXISTS, ...

    def branch(self, infos: list[_Info]) -> _Info:
        exact: frozenset[str] | None = None
        if all(i.exact is not None for i in infos):
            union = frozenset().union(*(i.exact for i in infos if i.exact is not None))
            exact = union if len(union) <= _LIMIT else None
        facts: list[frozenset[str]] = []
        bests = [_best(i) for i in infos]
        if all(b is not None for b in bests):
            facts.append(frozenset().union(*(b for b in bests if b is not None)))
        first: Chars = _NOTHING
        last: Chars = _NOTHING
        for i in infos:
            first, last = _union(first, i.first), _union(last, i.last)
        return _Info(
            exact,
            facts,
            min(i.markers for i in infos),
            min(i.percents for i in infos),
            first,
            last,
            any(i.nullable for i in infos),
        )

    def repeat(self, low: int, high: int, sub: Any) -> _Info:
        if high == 0:
            return _ZERO_WIDTH
        if list(sub) == [(self.c.IN, [(self.c.CATEGORY, self.c.CATEGORY_DIGIT)])]:
            # \d+, \d{1,3}: a run of digits (or part of one, next to more digits)
            digits = frozenset({DIGITS, ""} if low == 0 else {DIGITS})
            return _Info(digits, first=_DIGIT_CHARS, last=_DIGIT_CHARS, nullable=low == 0)
        child = self.seq(sub)
        exact: frozenset[str] | None = None
        if child.exact is not None and high <= 4:
            strings: set[str] = set()
            power = _EMPTY_STRING
            for count in range(high + 1):
                if count >= low:
                    strings |= power
                power = _product(power, child.exact)
                if len(strings) + len(power) > _LIMIT:
                    strings = set()
                    break
            exact = frozenset(strings) if strings else None
        facts: list[frozenset[str]] = []
        if low >= 1:
            facts = list(child.facts)
            if child.exact is not None and _useful(child.exact):
                facts.append(child.exact)
        return _Info(
            exact,
            facts,
            low * child.markers,
            low * child.percents,
            child.first,
            child.last,
            low == 0 or child.nullable,
        )


def _grams(fact: frozenset[str]) -> frozenset[str] | None:
    """Word runs one of which every match covers, if ``fact`` tells any.

    A word of a fact string counts when whitespace is on both sides of it
    within the string: a skeleton that holds the string has it as a word.
    Of each string, the run of up to :data:`GRAM` such words with the most
    letters is taken.
    """
    chosen: set[str] = set()
    for s in fact:
        words = s.split()
        inner = words[(0 if s[:1].isspace() else 1) : (None if s[-1:].isspace() else -1)]
        if not inner:
            return None
        n = min(GRAM, len(inner))
        runs = [" ".join(inner[k : k + n]) for k in range(len(inner) - n + 1)]
        chosen.add(max(runs, key=len))
    return frozenset(chosen)


def prefilter(pattern: re.Pattern[str], facts: int = 3) -> Prefilter:
    """The needs of every match of ``pattern``, with its ``facts`` most telling string sets."""
    try:
        parser: Any = importlib.import_module("re._parser")
        tree = parser.parse(pattern.pattern, pattern.flags)
        if tree.state.flags & (re.IGNORECASE | re.LOCALE | re.ASCII):
            return Prefilter()
        info = _Analyser(parser).seq(tree)
    except Exception:  # an unknown construct: no shortcut
        return Prefilter()
    found = set(info.facts)
    if info.exact is not None and _useful(info.exact):
        found.add(info.exact)
    best = sorted(found, key=_score, reverse=True)
    gram_sets = {g for g in map(_grams, best) if g}
    return Prefilter(
        tuple(best[:facts]),
        tuple(sorted(gram_sets, key=_score, reverse=True)),
        info.markers,
        info.percents,
    )


class Patterns:
    """Patterns to run over skeletons, each looked at only where it may match."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], facts: int = 3) -> None:
        self.patterns = tuple(patterns)
        self.filters = tuple(prefilter(p, facts) for p in self.patterns)
        # All the tests of all patterns at once. A pattern's gram sets and facts
        # are its conditions (numbered by level: gram sets first, then facts),
        # each met when the skeleton holds one of its strings (a gram as a word
        # run between spaces). One Aho-Corasick pass finds every such string in
        # the skeleton; each string carries, as a bit set (a Python int), bit
        # ``level * n + k`` for each condition ``level`` of pattern ``k`` it
        # meets, and the levels a pattern has no condition for are always met.
        n = len(self.patterns)
        grams_at = max((len(f.grams) for f in self.filters), default=0)
        self._n = n
        self._levels = grams_at + max((len(f.facts) for f in self.filters), default=0)
        self._all = (1 << n) - 1
        bits: dict[str, int] = {}
        met = 0
        for k, f in enumerate(self.filters):
            conditions: dict[int, list[str]] = {}
            for level, gram_set in enumerate(f.grams):
                conditions[level] = [f" {gram} " for gram in gram_set]
            for level, fact in enumerate(f.facts, grams_at):
                if all(map(_single_spaced, fact)):
                    conditions[level] = list(fact)
            for level in range(self._levels):
                bit = 1 << (level * n + k)
                if level not in conditions:
                    met |= bit
                for string in conditions.get(level, ()):
                    bits[string] = bits.get(string, 0) | bit
        self._met = met
        self._automaton = ahocorasick.Automaton()
        for string, bit in bits.items():
            self._automaton.add_word(string, bit)
        if bits:
            self._automaton.make_automaton()
        # the patterns that need no more mention markers (percent signs) than a count
        most = max((f.markers for f in self.filters), default=0)
        self._by_markers = [
            sum(1 << k for k, f in enumerate(self.filters) if f.markers <= c)
            for c in range(most + 1)
        ]
        most = max((f.percents for f in self.filters), default=0)
        self._by_percents = [
            sum(1 << k for k, f in enumerate(self.filters) if f.percents <= c)
            for c in range(most + 1)
        ]

    def candidates(self, skel: str) -> list[int]:
        """The indices (ascending) of the patterns that may match ``skel``.

        The strings are looked for in the normalised skeleton with its runs of
        whitespace written as one space and a space at either end: a string of
        single-spaced words that the skeleton holds is in that text too (and a
        gram is a word run there exactly when it is one of the skeleton's), so
        the tests stay necessary conditions (see :func:`_single_spaced`).
        """
        met = self._met
        if self._automaton.kind == ahocorasick.AHOCORASICK:
            for _end, bit in self._automaton.iter(normalize(" " + " ".join(skel.split()) + " ")):
                met |= bit
        n = self._n
        ok = self._all
        for level in range(self._levels):
            ok &= met >> (level * n)
        markers = skel.count("@") + skel.count("#")
        ok &= self._by_markers[min(markers, len(self._by_markers) - 1)]
        ok &= self._by_percents[min(skel.count("%"), len(self._by_percents) - 1)]
        out = []
        while ok:
            low = ok & -ok
            ok ^= low
            out.append(low.bit_length() - 1)
        return out


def _single_spaced(string: str) -> bool:
    """Whether the only whitespace in ``string`` is single spaces: then a skeleton
    that holds it still holds it with its whitespace runs made single spaces."""
    return "  " not in string and all(c == " " or not c.isspace() for c in string)


def _finder(fact: frozenset[str]) -> Any:
    """A function that finds one of the strings of ``fact`` in a text, or returns None."""
    if len(fact) == 1:
        (string,) = fact
        return re.compile(re.escape(string)).search
    return re.compile(any_of(sorted(fact))).search


def any_of(strings: list[str]) -> str:
    """A regular expression that finds any of ``strings`` (sorted), common prefixes taken once.

    For finding whether there is a match, not which string: a match ends as
    soon as one of the strings ends.

    >>> any_of(["stake", "stakes", "state"])
    'sta(?:ke|te)'
    """
    if not strings:
        return "(?!)"  # nothing
    if "" in strings:
        return ""
    groups: dict[str, list[str]] = {}
    for string in strings:
        groups.setdefault(string[0], []).append(string[1:])
    alternatives = [re.escape(first) + any_of(rest) for first, rest in groups.items()]
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def quick_test(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test ``may_match(text)`` that is False only where ``pattern`` cannot match ``text``.

    For a case-insensitive pattern written in lower case: an ASCII text is
    lower-cased and looked through for the strings every match holds (the
    facts of the pattern read case-sensitively, see :func:`prefilter`); a text
    that holds none of one fact's strings cannot match. Any other pattern or
    text may match.

    >>> may = quick_test(re.compile(r"\\b(?:joint venture|consortium)\\b", re.I))
    >>> may("A Joint Venture was set up."), may("They agreed."), may("Ein Konsortium.")
    (True, False, False)
    """
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or source != source.lower():
        return _anything
    facts = prefilter(re.compile(source, pattern.flags & ~re.IGNORECASE)).facts
    if not facts:
        return _anything
    # a digit run is one DIGITS character in a fact (see normalize)
    digits = any(c.isdigit() or c == DIGITS for fact in facts for s in fact for c in s)
    finders = tuple(map(_finder, facts))

    def may_match(text: str) -> bool:
        if not text.isascii():
            return True
        low = normalize(text.lower()) if digits else text.lower()
        return all(find(low) is not None for find in finders)

    if len(finders) == 1 and not digits:  # the usual case, without a loop
        (find,) = finders

        def may_match_one(text: str) -> bool:
            return not text.isascii() or find(text.lower()) is not None

        return may_match_one
    return may_match


def _anything(text: str) -> bool:
    return True
