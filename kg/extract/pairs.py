"""A learned second opinion: which ties a sentence states between two names the rules missed.

Every two entities named in one sentence are a candidate pair. A linear
model (one logistic regression per predicate, trained on the gold articles
by ``python -m kg.extract.train``) scores each pair from general evidence:

* the words between the two names (with the names and percents between
  them reduced to their type), the word pairs between close names, and the
  two words either side;
* the types of the two ends, which comes first, how far apart they are and
  how many names lie between;
* the sentence's other words, and the last word and kind of each name.

The rules stay the first source: the model only adds ties they did not
find, each with the sentence it came from and its probability as
confidence. Its weights are data (``data/models/pairs.json``), versioned
like the rule files.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from kg.errors import UsageError
from kg.extract.mentions import TYPE_LETTER, Found
from kg.extract.sentences import Sentence
from kg.model import SYMMETRIC, RawClaim

#: the farthest apart (in skeleton items) two names of a pair may be
MAX_GAP = 40
#: the most names that may stand between the two of a pair
MAX_BETWEEN = 1
#: close names also give the word pairs between them
_BIGRAM_GAP = 10
#: "a company wholly owned by the Hungarian state": the model's stake is all of it
_WHOLLY = re.compile(r"\b(?:wholly|fully|entirely)[ -]owned\b", re.I)
_BUCKETS = ((1, "0"), (2, "1"), (3, "2"), (6, "3-5"), (11, "6-10"), (21, "11-20"))


def _stem(word: str) -> str:
    """A crude stem, enough to join "sanctioned", "sanctions" and "sanction"."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 16)
def _token(item: str) -> str:
    """A skeleton item as the model reads it: names by type, percents as one sign."""
    head = item[:1]
    if head in "@#" and len(item) > 1 and item[1].isdigit():
        return head + item[-1]
    if head == "%":
        return "%"
    return _stem(item)


@lru_cache(maxsize=1 << 16)
def _topical(token: str) -> bool:
    """Whether a word may say what its sentence is about (not a name, figure or stopword)."""
    return len(token) > 3 and token.isalpha()


def _bucket(gap: int) -> str:
    for top, name in _BUCKETS:
        if gap < top:
            return name
    return "21+"


@dataclass(frozen=True)
class Slot:
    """One end of a candidate pair: where it stands in the sentence and what it is."""

    pos: int  # index in the skeleton's items
    type: str  # type letter
    kind: str  # name, acronym, anaphor, demonym ...
    head: str  # its last word, lowercased


@dataclass
class SentencePairs:
    """The candidate pairs of one sentence: every two entities it names (as clusters) at
    their closest mentions, with no more than MAX_BETWEEN other names between them."""

    tokens: list[str]
    words: list[str]  # the sentence's words that say what it is about (one each)
    slots: dict[int, Slot]  # by position
    pairs: list[tuple[int, int, int, int]]  # (subject, object, subject pos, object pos)


def sentence_pairs(
    skeleton: str,
    mentions: Sequence[Found],
    cluster_types: Sequence[str | None],
    tied: Container[tuple[int, int]] = (),
) -> SentencePairs | None:
    """The candidates of a sentence as the rules read it (its skeleton), leaving out the
    pairs in ``tied``; None when there is none."""
    items = skeleton.split()
    cluster_at: dict[int, int] = {}  # position -> cluster
    for pos, item in enumerate(items):
        if item[0] in "@#" and len(item) > 2 and item[1].isdigit():
            cluster = mentions[int(item[1:-1])].cluster
            if cluster >= 0:
                cluster_at[pos] = cluster
    if len(cluster_at) < 2:
        return None
    order = list(cluster_at)
    best: dict[tuple[int, int], tuple[int, int]] = {}
    for k, i in enumerate(order):
        for j in order[k + 1 : k + 2 + MAX_BETWEEN]:
            if j - i > MAX_GAP:
                break
            ci, cj = cluster_at[i], cluster_at[j]
            if ci == cj:
                continue
            for pair, where in (((ci, cj), (i, j)), ((cj, ci), (j, i))):
                old = best.get(pair)
                if (old is None or j - i < abs(old[0] - old[1])) and pair not in tied:
                    best[pair] = where
    if not best:
        return None
    slots: dict[int, Slot] = {}
    for pos in {p for pair in best.values() for p in pair}:
        item = items[pos]
        m = mentions[int(item[1:-1])]
        type_ = cluster_types[m.cluster]
        letter = TYPE_LETTER.get(type_, "U") if type_ else item[-1]
        slots[pos] = Slot(pos, letter, m.kind, m.text.rsplit(None, 1)[-1].lower())
    tokens = [_token(t) for t in items]
    words = sorted(set(filter(_topical, tokens)))
    pairs = [(ca, cb, i, j) for (ca, cb), (i, j) in best.items()]
    return SentencePairs(tokens, words, slots, pairs)


def pair_features(sp: SentencePairs, i: int, j: int) -> list[str]:
    """The features of the pair whose subject stands at ``i`` and object at ``j``.

    :meth:`PairModel.scores` sums the weights of exactly these, faster.
    """
    tokens = sp.tokens
    a, b = sp.slots[i], sp.slots[j]
    lo, hi = min(i, j), max(i, j)
    d = "f" if i < j else "r"
    between = tokens[lo + 1 : hi]
    gap = len(between)
    feats = [
        f"T:{d}:{a.type}{b.type}",
        f"D:{d}:{_bucket(gap)}",
        f"M:{min(sum(1 for t in between if t[:1] in '@#'), 3)}",
        f"HA:{a.head}",
        f"HB:{b.head}",
        f"KA:{a.kind}",
        f"KB:{b.kind}",
    ]
    feats += [f"B:{d}:{t}" for t in between]
    if between:  # the words next to each name say most
        feats += [f"BF:{d}:{between[0]}", f"BL:{d}:{between[-1]}"]
        if gap > 1:
            feats += [f"BF2:{d}:{between[0]}_{between[1]}", f"BL2:{d}:{between[-2]}_{between[-1]}"]
    if gap <= _BIGRAM_GAP:
        feats += [f"BB:{d}:{x}_{y}" for x, y in itertools.pairwise(between)]
    for k in (1, 2):
        if lo - k >= 0:
            feats.append(f"L{k}:{d}:{tokens[lo - k]}")
        if hi + k < len(tokens):
            feats.append(f"R{k}:{d}:{tokens[hi + k]}")
    feats += [f"S:{w}" for w in sp.words]
    return feats


@dataclass
class Candidate:
    """Two entities (cluster indexes) named in one sentence, with the pair's features."""

    subject: int
    object: int
    features: list[str]


def candidates(
    skeleton: str, mentions: Sequence[Found], cluster_types: Sequence[str | None]
) -> Iterator[Candidate]:
    """The candidate pairs of a sentence with their features (for training)."""
    sp = sentence_pairs(skeleton, mentions, cluster_types)
    if sp is not None:
        for ca, cb, i, j in sp.pairs:
            yield Candidate(ca, cb, pair_features(sp, i, j))


#: the word features, in the order of a word's rows (see PairModel._word_rows)
_WORD_FAMILIES = ("B", "L1", "L2", "R1", "R2", "BF", "BL")
_W = {name: 2 * k for k, name in enumerate(_WORD_FAMILIES)}  # + 0 forward, + 1 reversed
_BIGRAM_FAMILIES = ("BB", "BF2", "BL2")
_G = {name: 2 * k for k, name in enumerate(_BIGRAM_FAMILIES)}


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


@dataclass(frozen=True)
class PairModel:
    """The trained weights: for each predicate, a weight per feature, a bias and a threshold."""

    version: str
    predicates: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (features, predicates)
    bias: np.ndarray  # (predicates,)
    thresholds: np.ndarray  # (predicates,)
    # what the features of each word and word pair weigh, as the model meets them
    _words: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    _bigrams: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    _slots: dict[tuple[str, str], tuple[int, int, int, int]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _shapes: dict[tuple[int, str, str, int, int], tuple[int, int, int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def rule_id(self) -> str:
        return f"model.pairs.{self.version}"

    def scores(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """The probability of each predicate for each feature list: (pairs, predicates)."""
        ids: list[int] = []
        offsets: list[int] = []
        index = self.index
        for feats in features:
            offsets.append(len(ids))
            ids += [k for k in (index.get(f) for f in feats) if k is not None]
            ids.append(0)  # row 0 is all zeros: no pair is empty
        return self._probabilities(ids, offsets)

    def _probabilities(self, ids: list[int], offsets: list[int]) -> np.ndarray:
        return _sigmoid(np.add.reduceat(self.weights[ids], offsets, axis=0) + self.bias)

    def _row(self, feature: str) -> int:
        return self.index.get(feature, 0)

    def _family_rows(
        self, cache: dict[str, tuple[int, ...]], families: Sequence[str], key: str
    ) -> tuple[int, ...]:
        """The rows of a word (or word pair) in each of ``families``, forward and reversed."""
        rows = cache.get(key)
        if rows is None:
            rows = tuple(self._row(f"{family}:{d}:{key}") for family in families for d in "fr")
            cache[key] = rows
        return rows

    def _word_rows(self, token: str) -> tuple[int, ...]:
        return self._family_rows(self._words, _WORD_FAMILIES, token)

    def _bigram_rows(self, first: str, second: str) -> tuple[int, ...]:
        return self._family_rows(self._bigrams, _BIGRAM_FAMILIES, f"{first}_{second}")

    def _slot_rows(self, slot: Slot) -> tuple[int, int, int, int]:
        """The rows of a name as subject (head, kind) and as object (head, kind)."""
        key = (slot.head, slot.kind)
        rows = self._slots.get(key)
        if rows is None:
            row = self._row
            rows = (
                row(f"HA:{slot.head}"),
                row(f"KA:{slot.kind}"),
                row(f"HB:{slot.head}"),
                row(f"KB:{slot.kind}"),
            )
            self._slots[key] = rows
        return rows

    def _shape_rows(self, r: int, a: str, b: str, gap: int, names: int) -> tuple[int, int, int]:
        """The rows of the pair's types (a, b), gap and names between, forward (r 0) or not."""
        key = (r, a, b, min(gap, 21), min(names, 3))
        rows = self._shapes.get(key)
        if rows is None:
            d = "fr"[r]
            row = self._row
            rows = (row(f"T:{d}:{a}{b}"), row(f"D:{d}:{_bucket(gap)}"), row(f"M:{key[4]}"))
            self._shapes[key] = rows
        return rows

    def pair_scores(self, sentences: Sequence[SentencePairs]) -> np.ndarray:
        """The probabilities of the pairs of ``sentences`` (in order): the weights of the
        features :func:`pair_features` gives, summed without spelling them out.

        The sentences' words stand in one row of positions; the weights of the words
        and word pairs between two names come from running sums over it.
        """
        n_pred = len(self.predicates)
        word_rows: list[tuple[int, ...]] = []
        bigram_rows: list[tuple[int, ...]] = []
        shared: list[int] = []  # each sentence's words
        shared_offsets: list[int] = []
        fixed: list[tuple[int, ...]] = []  # per pair: shape and name rows
        where: list[tuple[int, int, int, int, int, int]] = []  # lo, hi, r, start, end, sentence
        none = (0,) * len(_BIGRAM_FAMILIES) * 2
        for k, sp in enumerate(sentences):
            tokens = sp.tokens
            start = len(word_rows)
            end = start + len(tokens)
            word_rows += [self._word_rows(t) for t in tokens]
            bigram_rows += [self._bigram_rows(x, y) for x, y in itertools.pairwise(tokens)]
            bigram_rows.append(none)
            shared_offsets.append(len(shared))
            shared += [self._row(f"S:{w}") for w in sp.words]
            shared.append(0)
            names = [0]  # names before each position
            for t in tokens:
                names.append(names[-1] + (t[:1] in "@#"))
            for _ca, _cb, i, j in sp.pairs:
                a, b = sp.slots[i], sp.slots[j]
                lo, hi, r = (i, j, 0) if i < j else (j, i, 1)
                shape = self._shape_rows(r, a.type, b.type, hi - lo - 1, names[hi] - names[lo + 1])
                sa, sb = self._slot_rows(a), self._slot_rows(b)
                fixed.append((*shape, sa[0], sa[1], sb[2], sb[3]))
                where.append((start + lo, start + hi, r, start, end, k))
        if not where:
            return np.zeros((0, n_pred))
        w = self.weights
        words = np.asarray(word_rows, dtype=np.intp)
        bigrams = np.asarray(bigram_rows, dtype=np.intp)
        lo, hi, r, start, end, sent = np.asarray(where, dtype=np.intp).T
        gap = hi - lo - 1
        z = w[np.asarray(fixed, dtype=np.intp)].sum(axis=1) + self.bias
        z += np.add.reduceat(w[shared], shared_offsets, axis=0)[sent]

        def rows(table: np.ndarray, at: np.ndarray, col: int, ok: np.ndarray) -> np.ndarray:
            """The weights of column ``col + r`` of ``table`` at ``at``, where ``ok``."""
            picked = table[np.where(ok, at, 0), col + r]
            return w[np.where(ok, picked, 0)]

        zero = np.zeros((1, n_pred))
        for family, table, upper, lower, ok in (
            ("B", words, hi, lo + 1, gap >= 0),
            ("BB", bigrams, np.maximum(hi - 1, lo + 1), lo + 1, gap <= _BIGRAM_GAP),
        ):
            col = (_W if family == "B" else _G)[family]
            for d in (0, 1):
                table_w = w[table[:, col + d]]
                sums = np.concatenate([zero, np.cumsum(table_w, axis=0)])
                mine = (r == d) & ok
                z[mine] += sums[upper[mine]] - sums[lower[mine]]
        z += rows(words, lo + 1, _W["BF"], gap >= 1) + rows(words, hi - 1, _W["BL"], gap >= 1)
        z += rows(bigrams, lo + 1, _G["BF2"], gap >= 2) + rows(bigrams, hi - 2, _G["BL2"], gap >= 2)
        z += rows(words, lo - 1, _W["L1"], lo - 1 >= start)
        z += rows(words, lo - 2, _W["L2"], lo - 2 >= start)
        z += rows(words, hi + 1, _W["R1"], hi + 1 < end)
        z += rows(words, hi + 2, _W["R2"], hi + 2 < end)
        return _sigmoid(z)

    def to_json(self) -> dict[str, object]:
        names = sorted(self.index, key=self.index.__getitem__)
        return {
            "version": self.version,
            "predicates": list(self.predicates),
            "bias": [round(float(x), 3) for x in self.bias],
            "thresholds": [round(float(x), 4) for x in self.thresholds],
            "weights": {
                name: [round(float(x), 3) for x in self.weights[self.index[name]]]
                for name in names
                if name
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, object], where: str = "model") -> PairModel:
        try:
            predicates = tuple(str(p) for p in data["predicates"])  # type: ignore[attr-defined]
            weights: dict[str, list[float]] = data["weights"]  # type: ignore[assignment]
            names = ["", *sorted(weights)]
            matrix = np.zeros((len(names), len(predicates)))
            for k, name in enumerate(names[1:], 1):
                matrix[k] = weights[name]
            return cls(
                version=str(data["version"]),
                predicates=predicates,
                index={name: k for k, name in enumerate(names) if name},
                weights=matrix,
                bias=np.asarray(data["bias"], dtype=float),
                thresholds=np.asarray(data["thresholds"], dtype=float),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise UsageError(
                f"{where}: not a pair model ({err})",
                hint="retrain it with `python -m kg.extract.train`",
            ) from None


def load_model(path: Path) -> PairModel | None:
    """The model at ``path``; None when there is none (extraction then uses rules alone)."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UsageError(f"{path}: cannot read the pair model ({err})") from None
    return PairModel.from_json(data, str(path))


class ClusterLike(Protocol):
    key: str
    type: str | None


def model_claims(
    model: PairModel,
    read: Sequence[tuple[Sentence, str]],
    mentions: Sequence[Found],
    clusters: Sequence[ClusterLike],
    claims: Sequence[RawClaim],
) -> list[RawClaim]:
    """The ties the model finds in the sentences ``read`` ((sentence, skeleton) pairs)
    between entities no claim in ``claims`` ties by the same predicate."""
    types = [c.type for c in clusters]
    keys = [c.key for c in clusters]
    known = {_key(c.subject, c.predicate, c.object) for c in claims}
    found: list[tuple[Sentence, SentencePairs]] = []
    # pairs the rules tie already (by any predicate): the model adds nothing there
    at = {key: k for k, key in enumerate(keys)}
    tied = {
        pair
        for c in claims
        if c.subject in at and c.object in at
        for pair in ((at[c.subject], at[c.object]), (at[c.object], at[c.subject]))
    }
    for sent, skel in read:
        sp = sentence_pairs(skel, mentions, types, tied)
        if sp is not None:
            found.append((sent, sp))
    probs = model.pair_scores([sp for _, sp in found])
    where = [(sent, sp, pair) for sent, sp in found for pair in sp.pairs]
    out: list[RawClaim] = []
    for row, col in np.argwhere(probs >= model.thresholds):
        sent, sp, (subject, obj, i, j) = where[row]
        predicate = model.predicates[col]
        if predicate == "sanctions" and "demonym" in (sp.slots[i].kind, sp.slots[j].kind):
            continue  # "sanctioned 12 Iranian firms": the firms, not their state
        wholly = predicate == "ownsStakeIn" and _WHOLLY.search(sent.text)
        if predicate == "ownsStakeIn" and not wholly:
            # the model gives no percent, and a stake the text gives one for elsewhere
            # would be scored wrong without it: stakes are the rules' but for "wholly owned"
            continue
        key = _key(keys[subject], predicate, keys[obj])
        if key in known or not _fits(predicate, types[subject], types[obj]):
            continue
        known.add(key)
        claim = RawClaim.said_in(*key, sent, model.rule_id, _confidence(float(probs[row, col])))
        if wholly:
            claim = replace(claim, percent=100.0)
        out.append(claim)
    return out


_ACTORS = frozenset({"Company", "Fund", "State", "Organization", "Person"})
_BODIES = frozenset({"Company", "Fund", "State", "Organization"})
_PLACES = frozenset({"State", "Place"})
#: the types each predicate's subject and object may have (FORMAT.md); an untyped name
#: may fill any slot
_DOMAIN: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "ownsStakeIn": (_ACTORS, frozenset({"Company", "Fund", "Product"})),
    "subsidiaryOf": (_BODIES - {"State"}, _BODIES),
    "partnerOf": (_ACTORS, _ACTORS),
    "headOf": (frozenset({"Person"}), _BODIES),
    "sanctions": (frozenset({"State", "Organization"}), _ACTORS),
    "participatedIn": (_ACTORS, frozenset({"Event"})),
    "locatedIn": (frozenset({"Event", "Place", "Company", "Product"}), _PLACES),
    "basedIn": (_BODIES - {"State"} | {"Product", "Person"}, _PLACES),
    "cooperatesWith": (_BODIES, _BODIES),
    "inConflictWith": (_BODIES, _BODIES),
    "memberOf": (_ACTORS, frozenset({"Organization"})),
}


def _fits(predicate: str, subject: str | None, obj: str | None) -> bool:
    """Whether entities of these types may be the predicate's subject and object."""
    allowed = _DOMAIN.get(predicate)
    if allowed is None:
        return True
    return (subject is None or subject in allowed[0]) and (obj is None or obj in allowed[1])


def _key(subject: str, predicate: str, obj: str) -> tuple[str, str, str]:
    if predicate in SYMMETRIC and obj < subject:
        return obj, predicate, subject
    return subject, predicate, obj


def _confidence(p: float) -> float:
    """A model tie's confidence: below the rules' (0.3 to 0.8), rising with its probability."""
    return round(0.3 + 0.5 * p, 3)
