"""The extractor's shortcuts give exactly what the plain ways give.

Sentence marks written at once, token attributes read from lists, relation
patterns ruled out by their needs, the tokenizer's cache filled word by
word: each is checked here against the straightforward way, on tricky and
random input, so that a speed-up never changes what is extracted.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import spacy
from rapidfuzz import fuzz
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extractor import Extractor
from kg.extract.mentions import Tokens, _is_cap
from kg.extract.prefilter import Patterns, normalize, prefilter, quick_test
from kg.extract.rules import load_rules
from kg.extract.sentences import (
    _ENDS,
    _NAME_ENDS,
    _OPENING_WORDS,
    ABBREVIATIONS,
    mark_sentences,
    sentences,
)
from kg.model import Article
from kg.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
PIECES = [
    *"aA. !?\u2026\"\u201d'\u201c\u2018(\n\t 1Uu.S\u00c9\u4e2d\u2028\U0001f600-%@#",
    *["Mr.", "U.S.", "Mail.Ru", "Inc.", "...", "  ", "\n\n", "co.", "e.g.", "no.", "It's"],
    *["Rosneft", "Russia's", "state-owned", "19.5", "per cent", "(QIA)", "the fund", "Sechin"],
]


def _random_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60))) for _ in range(n)]


def _sample_texts() -> list[str]:
    texts = []
    for folder in ("data/corpus", "data/devset"):
        for path in sorted((ROOT / folder).glob("*.txt"))[:6]:
            texts.append(path.read_text(encoding="utf-8"))
    for rule in load_rules():
        texts += [case["text"] for case in rule.positive if isinstance(case, dict)]
        texts += [text for text in rule.negative if isinstance(text, str)]
    return texts


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


def _reference_sentences(doc: Doc) -> list[int]:
    """Sentence starts as the component first set them, token by token."""
    starts = []
    for i, token in enumerate(doc):
        if i == 0:
            starts.append(1)
            continue
        prev = doc[i - 1]
        start = False
        if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
            start = True
        elif (
            (
                prev.text in _ENDS
                or (
                    prev.text[-1:] in _ENDS
                    and prev.lower_ not in ABBREVIATIONS
                    and prev.text.count(".") < 2
                    # not a middle initial: "Jose E. Feliciano"
                    and not (
                        re.fullmatch(r"[A-Z]\.", prev.text)
                        and i >= 2
                        and doc[i - 2].is_alpha
                        and doc[i - 2].text[:1].isupper()
                    )
                )
                # a name's abbreviation, then a word that opens sentences: "Ltd. The"
                or (prev.lower_ in _NAME_ENDS and token.text in _OPENING_WORDS)
            )
            and prev.whitespace_
        ):
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
        starts.append(1 if start else -1)
    return starts


def test_sentence_starts_are_those_of_the_token_by_token_rules(nlp: Language) -> None:
    for text in _sample_texts() + _random_texts(3000):
        want = _reference_sentences(nlp.make_doc(text))
        for given in (None, text):
            doc = mark_sentences(nlp.make_doc(text), given)
            got = [int(x) for x in doc.to_array([SENT_START]).astype("int64")]
            assert got == want, repr(text)


def test_news_sentences_component_keeps_names_with_dots_whole(nlp: Language) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("news_sentences")
    doc = nlp("Mail.Ru Group and the U.S. firm agreed. Alibaba will hold 48 percent.")
    assert [s.text for s in doc.sents] == [
        "Mail.Ru Group and the U.S. firm agreed.",
        "Alibaba will hold 48 percent.",
    ]


def test_sentences_hold_what_spacy_sentences_say(nlp: Language) -> None:
    for text in _sample_texts()[:20] + _random_texts(500):
        doc = mark_sentences(nlp.make_doc(text))
        want = [(s.start, s.end, s.start_char, s.end_char, s.text) for s in doc.sents]
        for got in (sentences(doc), sentences(doc, text)):
            assert [(s.start, s.end, s.start_char, s.end_char, s.text) for s in got] == want


def test_token_lists_hold_what_spacy_tokens_say(nlp: Language) -> None:
    for text in _sample_texts()[:20] + _random_texts(500):
        doc = nlp.make_doc(text)
        for toks in (Tokens(doc), Tokens(doc, text)):
            assert toks.text == [t.text for t in doc]
            assert toks.lower == [t.lower_ for t in doc]
            assert [bool(x) for x in toks.space] == [bool(t.whitespace_) for t in doc]
            assert [bool(x) for x in toks.like_num] == [t.like_num for t in doc]
            assert toks.cap == [_is_cap(t) for t in doc]
            spans = [(a, b) for a in range(0, len(doc), 3) for b in range(a + 1, len(doc) + 1, 5)]
            assert [toks.span_text(a, b) for a, b in spans] == [doc[a:b].text for a, b in spans]


def _skeletons(extractor: Extractor, texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        doc = extractor.nlp(text)
        toks = Tokens(doc)
        mentions = extractor.mentions(doc, toks)
        for sent in doc.sents:
            if any(sent.start <= m.start < sent.end for m in mentions):
                out.append(extractor.skeleton(doc, sent, mentions, toks))
    return out


def _shuffled(skeletons: list[str], n: int, seed: int = 3) -> list[str]:
    """Skeleton-like strings: words of real skeletons in random order, numbers changed."""
    rng = random.Random(seed)
    words = [w for s in skeletons for w in s.split()]
    out = []
    for _ in range(n):
        picked = [rng.choice(words) for _ in range(rng.randint(2, 30))]
        text = " ".join(picked) + " "
        out.append(re.sub(r"\d+", lambda m: str(rng.randint(0, 120)), text))
    return out


def test_patterns_rule_out_only_what_cannot_match() -> None:
    extractor = Extractor(load_registry())
    skeletons = _skeletons(extractor, _sample_texts())
    skeletons += _shuffled(skeletons, 3000)
    patterns = Patterns(p for rule in load_rules() for p in rule.patterns)
    matched = 0
    for skel in skeletons:
        candidates = patterns.candidates(skel)
        assert candidates == sorted(set(candidates))
        for k, pattern in enumerate(patterns.patterns):
            if pattern.search(skel):
                matched += 1
                assert k in candidates, (pattern.pattern, skel)
                assert patterns.filters[k].admits(skel)
    assert matched > 100  # the examples do match


def test_typo_search_leaves_out_only_names_too_far_in_length() -> None:
    gazetteer = Extractor(load_registry(), pair_model=False).gazetteer
    names = sorted(k for k in gazetteer.kinds if len(k) >= 5)
    rng = random.Random(3)
    for name in rng.sample(names, 40):
        # a typo: a letter dropped, doubled or changed, or two words more
        k = rng.randrange(len(name))
        for key in (
            name[:k] + name[k + 1 :],
            name[:k] + name[k] + name[k:],
            name + "xy",
            "ab" + name,
        ):
            near = set(gazetteer._near(len(key)))
            assert near <= set(names)
            for other in names:
                if fuzz.ratio(key, other) >= 88:
                    assert other in near, (key, other)


#: Patterns with the constructs the analysis reads, and some it must not trust,
#: each with a text it matches (random changes to that text are tried too).
TRICKY = [
    (
        r"(?:the )?@(?P<s>\d+)[CF](?! 's) (?:\S+ ){0,2}?(?:stake|stakes) (?:in|of) @(?P<o>\d+)[CU]",
        "x @1C holds a stake in @22U now ",
    ),
    (
        r"(?:#(?P<d>\d+)S|@(?P<d2>\d+)S 's) (?:state-owned |oil )*@(?P<s>\d+)[A-Z]",
        "the #3S state-owned oil @4C and @5S 's @6F ",
    ),
    (r"(?<!, )(?<!and )@\d+L , @\d+[LS] (?!, |and )", "in @7L , @8S said "),
    (r"(?:^|in |, )@(?P<s>\d+)S (?:[^@#%\s]\S* |, ){0,3}owned", "@1S , oil owned in @2S x owned"),
    (r"%(?P<p>\d+(?:\.\d+)?) (?:percent|per cent)", "a %19.5 per cent and %20 percent "),
    (r"a\d+2", "a12 a2 a32x"),
    (r"a\d*b", "ab a1b a12b"),
    (r"x\d+\d+y", "x12y x1y"),
    (r"1\d+ @", "12 @ 1 @ 123 @"),
    (r"(?i)Stake in @\d+", "stake in @1 STAKE IN @2"),
    (r"(a|b)c\1", "aca bcb acb"),
    (r"(?:ab|ac|a)d", "abd acd ad"),
    (r"[0-9]+ units? of @\d+", "12 units of @3 1 unit of @2"),
    (r"\d{2,3} ?%", "12% 123 % 1%"),
    (r"(?:the|a) (?:\S+ )+fund", "the big state fund a x fund"),
    (r"q\x00r", "q\x00r"),
    (r"", "anything"),
]


@pytest.mark.parametrize("source, seed", TRICKY, ids=[p for p, _ in TRICKY])
def test_needs_read_off_a_pattern_are_needed(source: str, seed: str) -> None:
    pattern = re.compile(source)
    needs = prefilter(pattern)
    rng = random.Random(source)
    pieces = [*"ab12@#%SCFLUxyq\x00 ", " 's", ", ", "and ", "in ", "the ", "12", "@3S "]
    texts = [seed]
    for _ in range(5000):
        text = seed
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(text))
            cut = rng.choice([0, 0, 1, 2])
            text = text[:at] + rng.choice(["", *pieces]) + text[at + cut :]
        texts.append(text)
    found = 0
    for text in texts:
        if pattern.search(text):
            found += 1
            assert needs.admits(text), (source, text, needs)
    assert found > 100


def test_needs_of_typical_patterns() -> None:
    stake = prefilter(re.compile(TRICKY[0][0]))
    assert stake.markers == 2
    assert any(all("stake" in gram for gram in grams) for grams in stake.grams)
    state = prefilter(re.compile(TRICKY[1][0]))
    assert frozenset({"#\x00S ", "@\x00S 's "}) in state.facts
    assert not prefilter(re.compile(r"(?i)stake")).facts  # no shortcut under IGNORECASE
    assert normalize("@12C holds %19.5 of @3S ") == "@\x00C holds %\x00.\x00 of @\x00S "


def test_fast_extraction_is_the_component_pipeline() -> None:
    """extract_many (tokenizer cache filled word by word, starts marked at once)
    gives what the spaCy pipeline with the news_sentences component gives."""
    registry = load_registry()
    fast = Extractor(registry)
    plain = Extractor(registry)
    articles = [
        Article(id=f"a{i}", text=text, date="2019-06-01")
        for i, text in enumerate(_sample_texts() + _random_texts(200, seed=11))
    ]
    got = fast.extract_many(articles) + [fast.extract(a) for a in articles[:20]]
    want = [plain.extract_doc(a, plain.nlp(a.text)) for a in articles]
    want += want[:20]
    assert got == want
    for article in articles[:20]:
        doc = fast.nlp.make_doc(article.text)
        fresh = spacy.blank("en").make_doc(article.text)
        assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in fresh]


def test_quick_tests_rule_out_only_what_cannot_match() -> None:
    rng = random.Random(5)
    texts = [line for text in _sample_texts() for line in text.split(".")] + _random_texts(500)
    words = ["joint venture", "Joint-Venture", "CONSORTIUM", "tie-up", "signed", "Held Talks"]
    words += ["the Parties", "both SIDES", "gave the go-ahead", "r\u00e9affirmed", "Vowed"]
    for _ in range(2000):
        picked = [rng.choice(words + PIECES) for _ in range(rng.randint(1, 12))]
        texts.append(" ".join(picked))
    extractor = Extractor(load_registry())
    patterns = [extractor._TOGETHER, extractor._VENTURE, extractor._PARTIES]
    patterns += [re.compile(r"\bfoo(?:bar|baz)\b", re.I), re.compile(r"\d+ percent", re.I)]
    for pattern in patterns:
        may_match = quick_test(pattern)
        matched = ruled_out = 0
        for text in texts:
            if pattern.search(text):
                matched += 1
                assert may_match(text), (pattern.pattern, text)
            elif not may_match(text):
                ruled_out += 1
        assert ruled_out > 0 and (matched > 0 or "foo" in pattern.pattern)
