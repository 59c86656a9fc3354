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
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from kg.errors import UsageError
from kg.extract.mentions import STATE_TITLES, TYPE_LETTER, Found
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
#: a name in a skeleton ("@12c"), by its mention's number
_NAME = re.compile(r"(?<!\S)[@#](\d+)")
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

    items: list[str]  # the sentence's skeleton, item by item
    slots: dict[int, Slot]  # by position
    pairs: list[tuple[int, int, int, int]]  # (subject, object, subject pos, object pos)

    @cached_property
    def tokens(self) -> list[str]:
        """The items as the model reads them (see :func:`_token`)."""
        return [_token(t) for t in self.items]

    @cached_property
    def words(self) -> list[str]:
        """The sentence's words that say what it is about, once each."""
        return sorted(set(filter(_topical, self.tokens)))


def sentence_pairs(
    skeleton: str,
    mentions: Sequence[Found],
    cluster_types: Sequence[str | None],
    tied: Container[tuple[int, int]] = (),
) -> SentencePairs | None:
    """The candidates of a sentence as the rules read it (its skeleton), leaving out the
    pairs in ``tied``; None when there is none."""
    # most sentences name one entity twice, or two the rules tied: skip them unsplit
    named = {mentions[int(k)].cluster for k in _NAME.findall(skeleton)}
    named.discard(-1)
    if len(named) < 2 or all(pair in tied for pair in itertools.permutations(named, 2)):
        return None
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
    run_of = _list_runs(items, order)
    best: dict[tuple[int, int], tuple[int, int]] = {}
    for k, i in enumerate(order):
        for j in order[k + 1 : k + 2 + MAX_BETWEEN]:
            if j - i > MAX_GAP:
                break
            ci, cj = cluster_at[i], cluster_at[j]
            if ci == cj:
                continue
            if run_of.get(i, -1) == run_of.get(j, -2):
                continue  # two items of a plain list: "Brazil, Russia, India and China"
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
    pairs = [(ca, cb, i, j) for (ca, cb), (i, j) in best.items()]
    return SentencePairs(items, slots, pairs)


#: the words that may join the items of a plain list of names
_LIST_JOINS = frozenset({",", "and", "or", "the", ";"})
#: the fewest names a plain list has ("A and B" is often a pair of parties)
_LIST_MIN = 3


def _list_runs(items: Sequence[str], names: Sequence[int]) -> dict[int, int]:
    """The plain lists of ``items``: each name's position (of ``names``, in order) in a
    run of at least _LIST_MIN names with only commas, "and", "or" and "the" between
    them, mapped to the run's first position. The pair model reads no tie between two
    items of such a list: the sentence says nothing of how they stand to each other."""
    out: dict[int, int] = {}
    run: list[int] = []
    for pos in names:
        if run and not all(t in _LIST_JOINS for t in items[run[-1] + 1 : pos]):
            if len(run) >= _LIST_MIN:
                out.update(dict.fromkeys(run, run[0]))
            run = []
        run.append(pos)
    if len(run) >= _LIST_MIN:
        out.update(dict.fromkeys(run, run[0]))
    return out


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


#: the word features, in the order of a word's rows (see _Tables)
_WORD_FAMILIES = ("B", "L1", "L2", "R1", "R2", "BF", "BL")
_W = {name: 2 * k for k, name in enumerate(_WORD_FAMILIES)}  # + 0 forward, + 1 reversed
_BIGRAM_FAMILIES = ("BB", "BF2", "BL2")
_G = {name: 2 * k for k, name in enumerate(_BIGRAM_FAMILIES)}


class _Tables:
    """The model's words, numbered, with the rows of their features.

    Each skeleton item maps to a number in the vocabulary (``code``): 0 for a
    word the model has no weight for, 1 for such a name. ``words[code]`` holds
    the rows of the word's features (``_WORD_FAMILIES``, forward and reversed),
    ``sentence[code]`` the row of its sentence feature, ``name[code]`` whether
    it is a name. The word pairs with a weight are kept as ``first * size +
    second`` in ``pair_keys`` (sorted), with their rows in ``pair_rows``.
    """

    def __init__(self, vocabulary: dict[str, int], size: int) -> None:
        self.vocabulary = vocabulary
        self.size = size
        self.words = np.zeros((size, 2 * len(_WORD_FAMILIES)), dtype=np.intp)
        self.sentence = np.zeros(size, dtype=np.intp)
        self.name = np.zeros(size, dtype=np.intp)
        self.name[1] = 1
        for token, k in vocabulary.items():
            self.name[k] = token[:1] in "@#"
        self.pair_keys = np.zeros(0, dtype=np.intp)
        self.pair_rows = np.zeros((0, 2 * len(_BIGRAM_FAMILIES)), dtype=np.intp)
        self._codes: dict[str, int] = {}

    @classmethod
    def of(cls, index: dict[str, int]) -> _Tables:
        words: list[tuple[str, int, int]] = []  # token, column, row
        sentence: list[tuple[str, int]] = []
        pairs: list[tuple[str, int, int]] = []  # "first_second", column, row
        for feature, row in index.items():
            family, _, rest = feature.partition(":")
            if family == "S":
                sentence.append((rest, row))
                continue
            d, _, key = rest.partition(":")
            if family in _W:
                words.append((key, _W[family] + (d == "r"), row))
            elif family in _G:
                pairs.append((key, _G[family] + (d == "r"), row))
        # "a_b_c" is the pair (a_b, c) and the pair (a, b_c) alike: the model meets both
        splits = {
            key: [(key[:k], key[k + 1 :]) for k, c in enumerate(key) if c == "_"]
            for key in {key for key, _, _ in pairs}
        }
        tokens = {t for t, _, _ in words} | {t for t, _ in sentence}
        tokens |= {t for found in splits.values() for pair in found for t in pair}
        vocabulary = {t: k for k, t in enumerate(sorted(tokens), 2)}
        self = cls(vocabulary, len(vocabulary) + 2)
        for token, col, row in words:
            self.words[vocabulary[token], col] = row
        for token, row in sentence:
            self.sentence[vocabulary[token]] = row
        by_key: dict[int, np.ndarray] = {}
        for key, col, row in pairs:
            for first, second in splits[key]:
                code = vocabulary[first] * self.size + vocabulary[second]
                by_key.setdefault(code, np.zeros(self.pair_rows.shape[1], dtype=np.intp))[col] = row
        order = sorted(by_key)
        self.pair_keys = np.asarray(order, dtype=np.intp)
        if order:
            self.pair_rows = np.stack([by_key[k] for k in order])
        return self

    def code(self, item: str) -> int:
        """The number of a skeleton item in the vocabulary (0 or 1 when it has none)."""
        code = self._codes.get(item)
        if code is None:
            token = _token(item)
            code = self.vocabulary.get(token, 1 if token[:1] in "@#" else 0)
            if len(self._codes) > 1 << 18:
                self._codes.clear()
            self._codes[item] = code
        return code

    def bigrams(self, tok: np.ndarray, sentence: np.ndarray) -> np.ndarray:
        """The rows of the word pair that starts at each item (none at a sentence's end)."""
        out = np.zeros((len(tok), self.pair_rows.shape[1]), dtype=np.intp)
        if len(tok) < 2 or not len(self.pair_keys):
            return out
        keys = tok[:-1] * self.size + tok[1:]
        at = np.minimum(np.searchsorted(self.pair_keys, keys), len(self.pair_keys) - 1)
        hit = (self.pair_keys[at] == keys) & (sentence[:-1] == sentence[1:])
        out[:-1][hit] = self.pair_rows[at[hit]]
        return out

    def sentence_sums(
        self, weights: np.ndarray, tok: np.ndarray, sentence: np.ndarray, count: int
    ) -> np.ndarray:
        """The summed weights of each sentence's words (each word once): (count, predicates)."""
        out = np.zeros((count, weights.shape[1]))
        rows = self.sentence[tok]
        has = rows > 0
        keys = np.unique(sentence[has] * self.size + tok[has])
        np.add.at(out, keys // self.size, weights[self.sentence[keys % self.size]])
        return out


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
    # the rows of the features of each name and type pair, as the model meets them
    _slots: dict[tuple[str, str], tuple[int, int, int, int]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _types: dict[tuple[int, str, str], int] = field(default_factory=dict, compare=False, repr=False)

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

    @cached_property
    def tables(self) -> _Tables:
        """The rows of the features of each word and word pair, by word."""
        return _Tables.of(self.index)

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

    def pair_scores(self, sentences: Sequence[SentencePairs]) -> np.ndarray:
        """The probabilities of the pairs of ``sentences`` (in order): the weights of the
        features :func:`pair_features` gives, summed without spelling them out.

        The sentences' words stand in one row of positions, each as its number in
        the model's vocabulary; the weights of the words and word pairs between
        two names come from running sums over that row.
        """
        n_pred = len(self.predicates)
        tables = self.tables
        code = tables.code
        codes: list[int] = []
        fixed: list[tuple[int, ...]] = []  # per pair: its types and its names' rows
        where: list[tuple[int, int, int, int, int]] = []  # lo, hi, r, start, end
        lengths: list[int] = []
        for sp in sentences:
            start = len(codes)
            codes += [code(t) for t in sp.items]
            end = len(codes)
            lengths.append(end - start)
            for _ca, _cb, i, j in sp.pairs:
                a, b = sp.slots[i], sp.slots[j]
                lo, hi, r = (i, j, 0) if i < j else (j, i, 1)
                sa, sb = self._slot_rows(a), self._slot_rows(b)
                fixed.append((self._type_row(r, a.type, b.type), sa[0], sa[1], sb[2], sb[3]))
                where.append((start + lo, start + hi, r, start, end))
        if not where:
            return np.zeros((0, n_pred))
        w = self.weights
        tok = np.asarray(codes, dtype=np.intp)
        sentence = np.repeat(np.arange(len(lengths), dtype=np.intp), lengths)
        words = tables.words[tok]
        bigrams = tables.bigrams(tok, sentence)
        names = np.concatenate([[0], np.cumsum(tables.name[tok])])  # names before each item
        lo, hi, r, start, end = np.asarray(where, dtype=np.intp).T
        gap = hi - lo - 1
        pair_sentence = sentence[lo]
        z = w[np.asarray(fixed, dtype=np.intp)].sum(axis=1) + self.bias
        z += w[self._shape_table[r, np.minimum(gap, 21)]]
        z += w[self._names_table[np.minimum(names[hi] - names[lo + 1], 3)]]
        z += tables.sentence_sums(w, tok, sentence, len(lengths))[pair_sentence]

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
                mine = (r == d) & ok
                if not mine.any():
                    continue
                sums = np.concatenate([zero, np.cumsum(w[table[:, col + d]], axis=0)])
                z[mine] += sums[upper[mine]] - sums[lower[mine]]
        z += rows(words, lo + 1, _W["BF"], gap >= 1) + rows(words, hi - 1, _W["BL"], gap >= 1)
        z += rows(bigrams, lo + 1, _G["BF2"], gap >= 2) + rows(bigrams, hi - 2, _G["BL2"], gap >= 2)
        z += rows(words, lo - 1, _W["L1"], lo - 1 >= start)
        z += rows(words, lo - 2, _W["L2"], lo - 2 >= start)
        z += rows(words, hi + 1, _W["R1"], hi + 1 < end)
        z += rows(words, hi + 2, _W["R2"], hi + 2 < end)
        return _sigmoid(z)

    def _type_row(self, r: int, a: str, b: str) -> int:
        key = (r, a, b)
        row = self._types.get(key)
        if row is None:
            row = self._types[key] = self._row(f"T:{'fr'[r]}:{a}{b}")
        return row

    @cached_property
    def _shape_table(self) -> np.ndarray:
        """The row of the distance feature by direction and gap (up to 21)."""
        return np.asarray(
            [[self._row(f"D:{d}:{_bucket(gap)}") for gap in range(22)] for d in "fr"],
            dtype=np.intp,
        )

    @cached_property
    def _names_table(self) -> np.ndarray:
        """The row of the names-between feature by count (up to 3)."""
        return np.asarray([self._row(f"M:{n}") for n in range(4)], dtype=np.intp)

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
    vetoed: Iterable[tuple[int, int]] = (),
) -> list[RawClaim]:
    """The ties the model finds in the sentences ``read`` ((sentence, skeleton) pairs)
    between entities no claim in ``claims`` ties by the same predicate; nor between
    the pairs of clusters in ``vetoed``, which a rule read and found untied."""
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
    tied |= {pair for a, b in vetoed for pair in ((a, b), (b, a))}
    for sent, skel in read:
        sp = sentence_pairs(skel, mentions, types, tied)
        if sp is not None:
            found.append((sent, sp))
    probs = model.pair_scores([sp for _, sp in found])
    where = [(sent, sp, pair) for sent, sp in found for pair in sp.pairs]
    # who heads a state already: a person heads one state at most
    rulers = {
        c.subject
        for c in claims
        if c.predicate == "headOf" and c.object in at and types[at[c.object]] == "State"
    }
    # who runs a firm: "X, chief executive of Italy's Eni" heads no state
    bosses = {
        c.subject
        for c in claims
        if c.predicate == "headOf" and c.object in at and types[at[c.object]] in _FIRMS
    }
    out: list[RawClaim] = []
    for row, col in np.argwhere(probs >= model.thresholds):
        sent, sp, (subject, obj, i, j) = where[row]
        predicate = model.predicates[col]
        if predicate == "sanctions" and "demonym" in (sp.slots[i].kind, sp.slots[j].kind):
            continue  # "sanctioned 12 Iranian firms": the firms, not their state
        if predicate == "headOf" and _state_titled(sp.items, i) and types[obj] == "Company":
            continue  # "a firm close to President Vladimir Putin": he heads a state
        if predicate == "headOf" and types[obj] == "State":
            if keys[subject] in rulers or keys[subject] in bosses:
                continue  # "a pipeline from Russia, Chancellor Olaf Scholz": he has his state
            rulers.add(keys[subject])
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


#: the last words of the titles of those who head states ("prime minister": "minister")
_STATE_TITLE_WORDS = frozenset(title.rsplit(" ", 1)[-1] for title in STATE_TITLES)


def _state_titled(items: list[str], pos: int) -> bool:
    """Whether the name at ``pos`` follows a head of state's title that no body's name
    comes before ("President X", but not "Alibaba president X")."""
    return (
        pos >= 1
        and items[pos - 1] in _STATE_TITLE_WORDS
        and not (pos >= 2 and items[pos - 2][:1] == "@" and items[pos - 2][-1:] in "CFOU")
    )


_ACTORS = frozenset({"Company", "Fund", "State", "Organization", "Person"})
_FIRMS = frozenset({"Company", "Fund"})
_BODIES = frozenset({"Company", "Fund", "State", "Organization"})
_PLACES = frozenset({"State", "Place"})
#: the types each predicate's subject and object may have (FORMAT.md); an untyped name
#: may fill any slot
_DOMAIN: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "ownsStakeIn": (_ACTORS, frozenset({"Company", "Fund", "Product"})),
    "subsidiaryOf": (_BODIES - {"State"}, _BODIES - {"State"}),
    "partnerOf": (_ACTORS, _ACTORS),
    "headOf": (frozenset({"Person"}), _BODIES),
    "sanctions": (frozenset({"State", "Organization"}), _ACTORS),
    "participatedIn": (_ACTORS, frozenset({"Event"})),
    "locatedIn": (frozenset({"Event", "Place", "Product"}), _PLACES),
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
