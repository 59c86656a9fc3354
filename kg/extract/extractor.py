"""From one article's text to its entities and claims (before cross-article resolution)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Literal

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_suffix_regex

from kg.errors import UsageError
from kg.extract.administrations import administrations, sides
from kg.extract.capitals import LIES_IN, capital_claims, capital_places
from kg.extract.dates import Dates, find_dates
from kg.extract.descriptions import description_claims
from kg.extract.events import event_name_claims, happening
from kg.extract.firm_heads import firm_heads
from kg.extract.forces import force_claims
from kg.extract.government import department_heads, state_sanctions
from kg.extract.groups import group_claims
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import (
    COMPASS,
    LEGAL_FORMS_WRITTEN,
    PERCENT_WORDS,
    STATE_TITLES,
    TYPE_LETTER,
    Found,
    Gazetteer,
    NameFinder,
    Tokens,
    bodies_not_events,
    find_acronyms,
    find_anaphora,
    is_syllable,
    join_demonyms,
    join_routes,
    join_short_forms,
    join_surnames,
    places_before_places,
)
from kg.extract.negation import drop_denied
from kg.extract.pairs import PairModel, load_model, model_claims
from kg.extract.prefilter import Patterns, quick_test
from kg.extract.pronouns import find_pronouns
from kg.extract.roster import roster_claims, unnamed_claims
from kg.extract.routes import route_claims
from kg.extract.rules import Rule, load_rules
from kg.extract.sentences import ROW_MARKS, Sentence, after_word, mark_sentences, sentences
from kg.extract.state_firms import state_home_claims
from kg.extract.summits import joined_events, named_summits, summit_claims
from kg.model import SYMMETRIC, Article, ArticleExtraction, ExtractedEntity, RawClaim
from kg.names import normalize_name
from kg.registry import Registry
from kg.resources import pair_model_path

_NOT_EXACT = {"below", "under", "less", "above", "over", "more", "least", "most", "up"}
#: normalize_name, remembered: the same labels are compared again and again
_normalized = lru_cache(maxsize=1 << 16)(normalize_name)


@lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> tuple[str, ...]:
    """The words of ``normalize_name(name)``, remembered."""
    return tuple(_normalized(name).split())


_quick_test = lru_cache(maxsize=None)(quick_test)


def _search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, skipped where a quick test shows it cannot match."""
    return pattern.search(text) if _quick_test(pattern)(text) else None


#: military ranks written short that spaCy splits at the full stop ("Col", "."),
#: kept whole as it keeps "Gen." and "Adm.": "Lt. Gen. Ko" is two titles and a name
_RANKS = ("Col.", "Lt.", "Maj.", "Brig.", "Sgt.", "Capt.", "Cmdr.", "Cdr.")


def _blank_english() -> Language:
    """``spacy.blank("en")`` that also splits a hyphen after an abbreviation's full
    stop: "U.S.-led" is "U.S." and "-led", as "US-led" is "US" and "-led"; splits
    "74pc" (the per cent of British and South Asian papers) as "74%" is split; and
    keeps the short military ranks whole (:data:`_RANKS`)."""
    nlp = spacy.blank("en")
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Z]\.)-(?=[a-z])"]
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[0-9])(?:pc|pct)$"]
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    for rank in _RANKS:
        tokenizer.add_special_case(rank, [{ORTH: rank}])
    return nlp


#: The type an untyped name takes from the slot it fills.
_SLOT_DEFAULT = {
    ("headOf", "s"): "Person",
    ("participatedIn", "o"): "Event",
    ("locatedIn", "o"): "Place",
    ("basedIn", "o"): "Place",
    ("memberOf", "o"): "Organization",
}


#: spaCy NER labels (OntoNotes) and the entity type each names.
_NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Company",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "PRODUCT": "Product",
}


def _load_trained(name: str) -> Language:
    """An installed trained spaCy pipeline (by package name or path), for its NER."""
    try:
        nlp = spacy.load(name, exclude=["parser", "senter", "lemmatizer", "textcat"])
    except OSError:
        raise UsageError(
            f"--spacy-model {name!r}: no such installed spaCy pipeline",
            hint="install it (pip) or give the path of a saved pipeline; or leave the option out",
        ) from None
    if "ner" not in nlp.pipe_names:
        raise UsageError(f"--spacy-model {name!r} has no 'ner' component to add entities")
    return nlp


@dataclass
class Cluster:
    """The mentions of one entity in one article."""

    key: str
    label: str
    type: str | None
    entity_id: str | None
    forms: set[str] = field(default_factory=set)
    named: int = 0  # mentions by name (not anaphora)
    confidence: float = 1.0


#: "50 percent by A", "30 percent owned by China's B": a share and its holder
_PERCENT_BY = re.compile(
    r"%(\d+(?:\.\d+)?) (?:owned |held |controlled )?by (?:the )?(?:@\d+S 's |#\d+S )?"
    r"(?:[a-z-]+ ){0,3}?@(\d+)[A-Z]"
)


#: demonyms that a compass word makes a continent's part: "North American"
_CONTINENTAL = frozenset({"american", "european"})
_PERCENT_OWNED = re.compile(r"(\d+(?:\.\d+)?)%-(owned|held|controlled)$")


#: words before "half of" that make it no share: "more than half of", "the first half of"
_NOT_A_SHARE = frozenset({"than", "first", "second", "last", "latter", "other"})


def _percent_at(toks: Tokens, i: int, end: int) -> tuple[float, int] | None:
    """A percentage starting at token i: (value, tokens used)."""
    lower = toks.lower
    # "sold half of Hornsea One", "a quarter of Hilton": a share in words; not a part
    # of a year ("the first half of 2023", "the last quarter of 2024")
    share = None
    if lower[i] == "half" and i + 1 < end and lower[i + 1] == "of":
        share = (50.0, 1)
    elif lower[i] == "a" and i + 2 < end and lower[i + 1] == "quarter" and lower[i + 2] == "of":
        share = (25.0, 2)
    if share is not None:
        prev = lower[i - 1] if i > 0 else ""
        return None if prev in _NOT_EXACT or prev in _NOT_A_SHARE else share
    if not toks.like_num[i] or i + 1 >= end:
        return None
    nxt = lower[i + 1]
    if nxt not in PERCENT_WORDS:
        return None
    try:
        value = float(toks.text[i].replace(",", ""))
    except ValueError:
        return None
    used = 3 if nxt == "per" and i + 2 < end and lower[i + 2] == "cent" else 2
    if not 0 <= value <= 100:
        return None
    prev = lower[i - 1] if i > 0 else ""
    if prev in _NOT_EXACT or (i > 1 and lower[i - 2] in {"more", "less"} and prev == "than"):
        return None
    return value, used


class Extractor:
    """Finds entities and ties in articles with rules; build once, use for many articles."""

    def __init__(
        self,
        registry: Registry,
        *,
        nlp: Language | None = None,
        rules: Sequence[Rule] | None = None,
        lexicon: Lexicon | None = None,
        spacy_model: str | None = None,
        pair_model: PairModel | Literal[False] | None = None,
    ) -> None:
        """``pair_model``: the learned pair model that adds ties the rules miss
        (kg/extract/pairs.py); None loads the bundled one, False uses rules alone."""
        self.registry = registry
        self.pair_model = (
            load_model(pair_model_path()) if pair_model is None else pair_model or None
        )
        #: the sentences of the last article that name two entities or more, with their
        #: skeletons (what the pair model reads)
        self.read: list[tuple[Sentence, str]] = []
        #: the pairs of clusters of the last article that a rule read and left untied
        self.vetoed: set[tuple[int, int]] = set()
        #: who acts on the rows of the list being read (see _list_intro)
        self._table_actor: int | None = None
        #: the state each registry person leads, by entity id (see _office_of)
        self._offices: dict[str, str | None] = {}
        if spacy_model is not None and nlp is None:
            nlp = _load_trained(spacy_model)
        self.nlp = nlp or _blank_english()
        if not {"sentencizer", "parser", "senter", "news_sentences"} & set(self.nlp.pipe_names):
            self.nlp.add_pipe("news_sentences", first=True)
        self.lexicon = lexicon or load_lexicon()
        self.rules = tuple(rules) if rules is not None else load_rules()
        orgs = frozenset(w for w, t in self.lexicon.suffix.items() if t != "Place")
        self.gazetteer = Gazetteer(self.nlp, registry, orgs)
        self.names = NameFinder(self.lexicon)
        # every pattern of every rule, in rule order, indexed by what a match must contain
        self._rule_of = [rule for rule in self.rules for _ in rule.patterns]
        self._patterns = Patterns(p for rule in self.rules for p in rule.patterns)
        self._warmed: set[str] = set()  # the chunks the tokenizer has seen alone
        self._last_asset: int | None = None  # the article's last stake asset (a mention index)
        self._last_sanctioner: int | None = None  # who imposed the article's last sanctions
        # the sentences of the last document read, and their first tokens (see _sentences)
        self._sents: tuple[Doc | None, list[Sentence], list[int]] = (None, [], [])
        self._toks: Tokens | None = None  # the tokens of the article being read
        self._common: tuple[Tokens, set[str]] | None = None
        self._the_led: set[int] = set()  # the article's clusters named after "the"

    # -- mentions --------------------------------------------------------

    def mentions(self, doc: Doc, toks: Tokens | None = None) -> list[Found]:
        toks = Tokens(doc) if toks is None else toks
        known = self.gazetteer.find(doc, toks)
        unknown = []
        unnamed = self.names.find(doc, known, toks, self._sentences(doc)[0])
        for m in self._with_ner(doc, known, unnamed):
            if m.cues == ["ner"]:
                unknown.append(m)
                continue
            hit = self.gazetteer.fuzzy(doc, m.start, m.end, m.text)
            if hit is not None:  # a typo of a registry name
                entity = self.registry.entities[hit[0]]
                known.append(Found(m.start, m.end, m.text, entity.type, hit[1], hit[0], 0.85))
            else:
                unknown.append(m)
        unknown = self._regions(doc, known, unknown)
        found = join_short_forms(doc, sorted(known + unknown, key=lambda m: m.start))
        found = join_demonyms(doc, join_surnames(doc, found))
        found = join_routes(found, toks)
        found = capital_places(doc, found, toks.lower, self._registry_place)
        found = sides(administrations(found, toks.lower, self._office_of), toks.lower)
        found = named_summits(doc, joined_events(doc, found), toks.lower)
        bodies_not_events(found, toks.lower)
        places_before_places(found, toks.lower)
        found += find_acronyms(doc, found, toks)
        found = sorted(found, key=lambda m: m.start)
        found += find_anaphora(doc, found, self.lexicon, toks)
        found = sorted(found, key=lambda m: m.start)
        found += find_pronouns(found, *self._sentences(doc), toks)
        return sorted(found, key=lambda m: m.start)

    def _registry_place(self, name: str) -> str | None:
        """The registry's place of this name, if it has one: "Ulaanbaatar" the city."""
        for id_ in self.registry.names.get(_normalized(name), ()):
            if self.registry.entities[id_].type == "Place":
                return id_
        return None

    def _guess_type(self, label: str, index: int = -1) -> str:
        """The type of a name no cue typed: two or three plain words name a person
        (a middle initial aside: "Jose E. Feliciano"), else a firm. A name the
        article writes after "the" (``index``: its cluster) is no person's: "the
        Federal Reserve"."""
        if index in self._the_led:
            return "Company"
        first = label.split(None, 1)[0].lower()
        if (first in COMPASS or first == "far") and " " in label:
            return "Place"  # "North Carolina", "Lower Saxony", "the Far East": no one's name
        words = [w for i, w in enumerate(label.split()) if not (i > 0 and _INITIAL.match(w))]
        lex = self.lexicon
        plain = all(_plain_name(w) for w in words) and len(words[-1]) > 1
        generic = any(w.lower() in lex.suffix or w.lower() in lex.descriptor for w in words)
        numbered = any(w.lower() in _NUMBER_WORDS for w in words)
        # "Carrie Lam Cheng Yuet-ngor": a given name in two syllables ends a person's name
        syllables = "-" in words[-1] and is_syllable(words[-1].rsplit("-", 1)[1])
        person = 2 <= len(words) <= 3 + syllables and plain and not generic and not numbered
        if person and self._common_words().intersection(w.lower() for w in words[1:]):
            # "Etihad Rail", "Baltic Fleet": the article writes a word of it in lower
            # case elsewhere ("the rail link"), so it is no one's name
            return "Company"
        return "Person" if person else "Company"

    def _common_words(self) -> set[str]:
        """The words the article being read writes in lower case (made when first asked)."""
        toks = self._toks
        if toks is None:
            return set()
        if self._common is None or self._common[0] is not toks:
            self._common = (toks, {t for t in toks.text if t.islower() and t.isalpha()})
        return self._common[1]

    def _with_ner(self, doc: Doc, known: list[Found], unknown: list[Found]) -> list[Found]:
        """A trained pipeline's entities, where one is loaded: they replace the rule-found
        unknown names they overlap; registry names always win."""
        if "ner" not in self.nlp.pipe_names or not doc.ents:
            return unknown
        taken = {i for m in known for i in range(m.start, m.end)}
        ner: list[Found] = []
        for ent in doc.ents:
            type_ = _NER_TYPES.get(ent.label_)
            if type_ is None or taken.intersection(range(ent.start, ent.end)):
                continue
            ner.append(
                Found(ent.start, ent.end, ent.text, type_, "unknown", None, 0.8, cues=["ner"])
            )
        spans = {i for m in ner for i in range(m.start, m.end)}
        return [m for m in unknown if not spans.intersection(range(m.start, m.end))] + ner

    @staticmethod
    def _regions(doc: Doc, known: list[Found], unknown: list[Found]) -> list[Found]:
        """ "Western Australia", "East Africa": a compass word and a place name is a region."""
        out = list(unknown)
        for k in list(known):
            if k.kind == "demonym" and k.start > 0 and k.text.lower() in _CONTINENTAL:
                prev = doc[k.start - 1]
                if (prev.lower_ in COMPASS or prev.lower_ == "latin") and prev.text[:1].isupper():
                    # "the North American business", "Eastern European states": a
                    # continent's part, not the United States or the EU
                    known.remove(k)
                    out = [m for m in out if not (m.start <= prev.i < m.end)]
                continue
            if k.type not in ("State", "Place") or k.kind != "name" or k.start == 0:
                continue
            prev = doc[k.start - 1]
            if prev.lower_ in COMPASS and prev.text[:1].isupper() and prev.whitespace_:
                out = [m for m in out if not (m.start <= prev.i < m.end)]
                known.remove(k)
                region = doc[prev.i : k.end].text
                # "Western Australia" lies in Australia
                cues = [LIES_IN + k.entity] if k.type == "State" and k.entity else []
                out.append(Found(prev.i, k.end, region, "Place", "unknown", None, 0.8, cues=cues))
        return out

    def clusters(self, mentions: list[Found]) -> list[Cluster]:
        clusters: list[Cluster] = []
        by_key: dict[str, int] = {}
        by_start = {m.start: m for m in mentions}
        # the clusters whose name starts or ends with a word (see _link_unknown)
        by_word: dict[str, list[int]] = {}

        def add(key: str, m: Found, label: str) -> None:
            if key not in by_key:
                by_key[key] = len(clusters)
                words = _name_words(label)
                for word in {words[0], words[-1]} if words else ():
                    by_word.setdefault(word, []).append(len(clusters))
                core = self._core_word(words, m.type)
                if core is not None:
                    by_word.setdefault(core, []).append(len(clusters))
                clusters.append(Cluster(key, label, m.type, m.entity, confidence=m.confidence))
            c = clusters[by_key[key]]
            m.cluster = by_key[key]
            if m.kind not in ("anaphor", "demonym"):
                c.forms.add(m.text)
                c.named += 1
            elif m.kind == "demonym":
                c.forms.add(m.text)
            if c.type is None and m.type is not None:
                c.type = m.type
            c.confidence = max(c.confidence, m.confidence)

        for m in mentions:
            if m.entity is not None:
                add(m.entity, m, self.registry.entities[m.entity].label)
            elif m.kind in ("acronym", "anaphor"):
                ref = next((c for c in m.cues if ":" in c), "")
                target = by_start.get(int(ref.split(":")[1])) if ref else None
                if target is not None and target.cluster >= 0:
                    add(clusters[target.cluster].key, m, clusters[target.cluster].label)
            else:
                core = self._core_word(_name_words(m.text), m.type)
                key = self._link_unknown(m, clusters, by_word, core)
                add(key, m, m.text if key not in by_key else clusters[by_key[key]].label)
                label = clusters[m.cluster].label
                if core is not None and _name_words(label) == (core,):
                    clusters[m.cluster].label = m.text  # the full name, not "Geely"
                elif (
                    " " in label
                    and label.isupper()
                    and not m.text.isupper()
                    and m.text.lower() == label.lower()
                ):
                    # a dateline's "RIO DE JANEIRO": the name as the text writes it
                    clusters[m.cluster].label = m.text
        return clusters

    def _core_word(self, words: tuple[str, ...], type_: str | None) -> str | None:
        """The second word of a firm's name when only suffixes follow it, which the text
        may write alone: "Geely" in "Zhejiang Geely Holding Group"."""
        if type_ not in (None, "Company", "Fund") or len(words) < 3:
            return None
        if all(w in self.lexicon.suffix for w in words[2:]) and words[1] not in self.lexicon.suffix:
            return words[1]
        return None

    @staticmethod
    def _link_unknown(
        m: Found, clusters: list[Cluster], by_word: dict[str, list[int]], core: str | None = None
    ) -> str:
        """A short form joins the cluster whose name it ends or starts ("Sechin", "Glencore"),
        or a firm's whose second word it is before suffixes ("Geely", see _core_word);
        a firm's full name joins the cluster of its short form written before (``core``,
        its :meth:`_core_word`: "China's Geely", then "Zhejiang Geely Holding Group").

        ``by_word``: the clusters (by index) whose name starts or ends with a word.
        """
        words = _name_words(m.text)
        for k in by_word.get(core or "", []):
            c = clusters[k]
            if _name_words(c.label) == (core,) and c.entity_id is None and c.type != "Person":
                return c.key
        if words:
            near = sorted(set(by_word.get(words[0], []) + by_word.get(words[-1], [])))
            # "Hu" for "Hu Jintao", "Li" for "Li Shufu": a name written family name
            # first; but not where two people share the word ("Mohammed")
            firsts = [
                k
                for k in near
                if clusters[k].type == "Person"
                and _name_words(clusters[k].label)[: len(words)] == words
            ]
            for k in near:
                c = clusters[k]
                if c.type is not None and m.type is not None and c.type != m.type:
                    continue
                label = _name_words(c.label)
                if len(words) < len(label) and (
                    label[-len(words) :] == words
                    or label[: len(words)] == words
                    or (len(words) == 1 and c.type != "Person" and label[1:2] == words)
                ):
                    if c.type == "Person" and label[-len(words) :] != words and len(firsts) > 1:
                        continue  # a first word two people share is neither's
                    return c.key
        return "new:" + " ".join(words)

    # -- relations -------------------------------------------------------

    def skeleton(
        self,
        doc: Doc,
        sent: Span | Sentence,
        mentions: list[Found],
        toks: Tokens | None = None,
        *,
        starts: dict[int, tuple[int, Found]] | None = None,
    ) -> str:
        """The sentence as rules read it (see kg/extract/rules.py).

        ``starts``, when the caller has it: the sentence's mentions by first
        token, each with its index in ``mentions``.
        """
        toks = Tokens(doc) if toks is None else toks
        lower, space = toks.lower, toks.space
        if starts is None:
            starts = {
                m.start: (i, m) for i, m in enumerate(mentions) if sent.start <= m.start < sent.end
            }
        items: list[str] = []
        i = sent.start
        end = sent.end
        while i < end:
            if i in starts:
                idx, m = starts[i]
                letter = TYPE_LETTER.get(m.type, "U")
                items.append(("#" if m.kind == "demonym" else "@") + f"{idx}{letter}")
                i = m.end
                # "the West African Gas Pipeline Company (WAPCo), whose shareholders
                # include ...": an acronym defined in brackets is the same entity
                # again, and the rules read on as if it were not there.
                if (
                    i + 2 < end
                    and lower[i] == "("
                    and lower[i + 2] == ")"
                    and i + 1 in starts
                    and m.cluster >= 0
                    and starts[i + 1][1].cluster == m.cluster
                ):
                    i += 3
                continue
            pct = _percent_at(toks, i, end)
            if pct is not None:
                items.append(f"%{pct[0]:g}")
                i += pct[1]
                continue
            text = lower[i].replace("\u2019", "'")
            # spaCy splits "state-owned" into three tokens; the rules read it whole.
            if (
                text == "-"
                and items
                and not space[i - 1]
                and not space[i]
                and items[-1][:1] not in "@#%"
                and i + 1 < end
                and i + 1 not in starts
            ):
                items[-1] += "-" + lower[i + 1]
                i += 2
                continue
            if text == "):":  # spaCy keeps "):" whole, as an emoticon: "X (Norway): 8.7%"
                items += [")", ":"]
            elif "%-" in text and (owned := _PERCENT_OWNED.match(text)) is not None:
                # spaCy keeps "85%-owned" whole: the rules read "%85 owned"
                items += [f"%{float(owned[1]):g}", owned[2]]
            else:
                items.append(text)
            i += 1
        return " ".join(items) + " "

    def relations(
        self,
        doc: Doc,
        mentions: list[Found],
        clusters: list[Cluster],
        article: Article,
        toks: Tokens | None = None,
    ) -> list[RawClaim]:
        toks = Tokens(doc) if toks is None else toks
        claims: list[RawClaim] = []
        self._last_asset = None
        self._last_sanctioner = None
        sents, firsts = self._sentences(doc)
        self.read = []
        self.vetoed = set()
        self._table_actor = None
        # the mentions of each sentence (by index in ``mentions``), in one pass
        in_sent: list[dict[int, tuple[int, Found]]] = [{} for _ in sents]
        for i, m in enumerate(mentions):
            k = bisect_right(firsts, m.start) - 1
            if k >= 0 and m.start < sents[k].end:
                in_sent[k][m.start] = (i, m)
        for j, (sent, starts) in enumerate(zip(sents, in_sent, strict=True)):
            opens_list = sent.text.rstrip().endswith(":")
            row = sent.text.lstrip().startswith(ROW_MARKS)
            if not opens_list and not row and sent.text.strip():
                self._table_actor = None  # a sentence that is no row ends a list
            if not starts and not opens_list:
                continue
            skel = self.skeleton(doc, sent, mentions, toks, starts=starts)
            if len(starts) > 1:
                self.read.append((sent, skel))
            if opens_list:
                self._list_intro(skel, mentions, toks.lower, in_sent[j - 1] if j else {})
            if not starts:
                continue
            dates: Dates | None = None
            patterns = self._patterns.patterns
            # only the patterns that may match, in rule order (kg/extract/prefilter.py)
            for k in self._patterns.candidates(skel):
                for match in patterns[k].finditer(skel):
                    if dates is None:
                        dates = find_dates(sent.text, article.date)
                    claims.extend(
                        self._claims(self._rule_of[k], match, sent, mentions, clusters, dates)
                    )
            # "OFAC designated 11 people and three entities": the targets come later
            # ("Those named include:"), and they are this actor's
            if "designated" in skel or "sanctioned" in skel or "blacklisted" in skel:
                counted = _DESIGNATED_COUNT.search(skel)
                if counted is not None:
                    self._last_sanctioner = int(counted[1])
        return claims

    def _still_asset(self, skel: str, mentions: list[Found], lower: list[str]) -> bool:
        """Whether "the field" or "the line" of a table's intro is the last stake's
        asset: the word is in its name or follows it ("the Kashagan oilfield")."""
        if self._last_asset is None:
            return False
        noun = _THE_NOUN.search(skel)
        if noun is None:
            return False
        m = mentions[self._last_asset]
        words = [*m.text.lower().split(), *lower[m.end : m.end + 2]]
        return any(w.endswith(noun[1]) for w in words)

    def _list_intro(
        self,
        skel: str,
        mentions: list[Found],
        lower: list[str],
        before: dict[int, tuple[int, Found]],
    ) -> None:
        """Read a sentence that ends in a colon for what the list after it is about
        (``before``: the mentions of the sentence before it)."""
        if (intro := _TABLE_INTRO.search(skel)) is not None:
            # "FGP Topco's remaining shareholders are:" names the asset of the table
            # that follows, whatever stake the article named before
            self._last_asset = int(next(g for g in intro.groups() if g is not None))
        elif _ITS_HOLDERS.search(skel) and (topic := _topic(before)) is not None:
            # "The line is run by Nord Stream AG, a consortium based in Zug. Its
            # shareholders are:" names the asset the sentence before is about
            self._last_asset = topic
        elif _TABLE_WORDS.search(skel) and not self._still_asset(skel, mentions, lower):
            # "the line's owners hold the following interests:" names no asset the
            # rules know: the last stake's asset is no safer a guess, but the sentence
            # before may name the firm its holders are in ("partners in X. The
            # shareholders are:")
            self._last_asset = _held_before(before, lower)
        # "The Treasury's Office of Foreign Assets Control designated:" names who acts
        # on each row of the list that follows
        actor = _ACTOR_INTRO.search(skel) or _BY_ACTOR_INTRO.search(skel)
        if actor is not None:
            self._table_actor = int(actor[1])
        elif _TARGETS_INTRO.search(skel) and not _NOT_TARGETS.search(skel):
            # "Three executives were designated along with the bank:", "Those named
            # were:": the targets of the article's last sanctions' imposer
            self._table_actor = self._last_sanctioner
        else:
            self._table_actor = None

    def _claims(
        self,
        rule: Rule,
        match: re.Match[str],
        sent: Sentence,
        mentions: list[Found],
        clusters: list[Cluster],
        dates: Dates,
    ) -> Iterable[RawClaim]:
        groups = match.groupdict()

        def ids(*names: str) -> list[int]:
            out: list[int] = []
            for name in names:
                value = groups.get(name)
                if value:
                    # a list's items are names; its other markers describe them
                    marker = _LIST_ITEM if name in ("sl", "ol") else _MARKER
                    out += (
                        [int(x) for x in marker.findall(value)]
                        if not value.isdigit()
                        else [int(value)]
                    )
            return out

        subjects = ids("s", "sl", "ds", "ds2", "dl")
        if rule.table_row:
            if self._table_actor is None:
                return
            subjects = [self._table_actor]
        if rule.context_subject and not subjects:
            if self._last_sanctioner is None:
                return
            subjects = [self._last_sanctioner]
        context = self._context_object(rule, mentions, sent) if rule.context_object else None
        if rule.context_object and context is None:
            return
        objects = ids("o", "ol", "o2", "d", "d2", "d3", "d4")
        if rule.predicate == "sanctions" and _where_targets_are(match):
            # "sanctions on four companies in the CAR and Russia": not the states, and
            # the pair model is not to tie them either
            named = {m.cluster for m in mentions if sent.start <= m.start < sent.end}
            self.vetoed.update((c, mentions[o].cluster) for c in named for o in objects)
            return
        if context is not None and not objects:
            objects = [context]
        percent = float(groups["p"]) if groups.get("p") else rule.percent
        pairs: list[tuple[int, int, float | None]] = []
        if groups.get("pairs"):
            found = re.findall(r"@(\d+)[A-Z] \( %(\d+(?:\.\d+)?) \)", groups["pairs"])
            pairs = [(int(m), o, float(v)) for m, v in found for o in objects]
        elif groups.get("pby"):  # "owned 50 percent by A, 25 percent by B"
            found = _PERCENT_BY.findall(groups["pby"])
            pairs = [(int(m), o, float(v)) for v, m in found for o in objects]
        elif groups.get("withp"):  # "owned by A with 58%, B with 30%"
            found = re.findall(r"@(\d+)[A-Z] with %(\d+(?:\.\d+)?)", groups["withp"])
            pairs = [(int(m), o, float(v)) for m, v in found for o in objects]
        elif groups.get("po"):  # "A owns 20% of X, 16.88% of Y and 10% of Z"
            found = _PERCENT_OF.findall(groups["po"])
            pairs = [(s, int(o), float(v)) for v, o in found for s in subjects]
        elif groups.get("sp"):  # "A has 12.5 percent and B 7.5 percent"
            found = _HOLDER_PERCENT.findall(groups["sp"])
            pairs = [(int(m), o, float(v)) for m, v in found for o in objects]
        elif rule.pairwise:
            parties = list(dict.fromkeys(subjects + objects))
            pairs = [(a, b, None) for a, b in combinations(parties, 2)]
        elif groups.get("pof"):  # "the presidents of ...: A of Uruguay, B of Brazil"
            pairs = [(int(p), int(o), None) for p, o in _PERSON_OF.findall(groups["pof"])]
        elif rule.respectively and groups.get("pl"):
            values = [float(v) for v in re.findall(r"%(\d+(?:\.\d+)?)", groups["pl"])]
            if len(values) == len(subjects) >= 2:
                pairs = [(s, o, v) for s, v in zip(subjects, values, strict=True) for o in objects]
        elif rule.respectively:  # "A and B, the prime ministers of X and Y"
            if len(subjects) > len(objects) >= 2 and match.start("sl") > match.start("ol"):
                # "the presidents of X and Y, A and B, and by Z's vice-president C": the
                # list after the states may run on past their leaders
                subjects = subjects[: len(objects)]
            if len(subjects) == len(objects) >= 2:
                pairs = [(s, o, None) for s, o in zip(subjects, objects, strict=True)]
        else:
            pairs = [(s, o, percent) for s in subjects for o in objects]
        for s_idx, o_idx, value in pairs:
            if rule.swap:
                s_idx, o_idx = o_idx, s_idx
            if rule.predicate == "ownsStakeIn" and not rule.state:
                s_idx = self._firm_of_state(s_idx, mentions, clusters)
            sm, om = mentions[s_idx], mentions[o_idx]
            sc, oc = clusters[sm.cluster], clusters[om.cluster]
            if sc.key == oc.key:
                continue
            for cluster, slot in ((sc, "s"), (oc, "o")):
                if cluster.type is None:
                    cluster.type = _SLOT_DEFAULT.get((rule.predicate, slot)) or self._guess_type(
                        cluster.label, (sm if slot == "s" else om).cluster
                    )
            confidence = round(rule.confidence * min(sm.confidence, om.confidence), 3)
            if rule.predicate == "ownsStakeIn" and not rule.context_object and not rule.state:
                self._last_asset = o_idx
            if rule.predicate == "sanctions" and not rule.context_subject:
                self._last_sanctioner = s_idx
            yield RawClaim(
                subject=sc.key,
                predicate=rule.predicate,
                object=oc.key,
                evidence=sent.text,
                start=sent.start_char,
                end=sent.end_char,
                rule=rule.rule_id,
                confidence=confidence,
                percent=value if rule.predicate == "ownsStakeIn" else None,
                date=dates.date,
                valid_from=dates.valid_from,
                valid_to=dates.valid_to,
                status=rule.status,
            )

    def _firm_of_state(self, idx: int, mentions: list[Found], clusters: list[Cluster]) -> int:
        """The firm a state's name follows after "of" ("SoftBank Group of Japan, which
        bought 15 per cent of Uber"): the holder the clause is about; else ``idx``."""
        m = mentions[idx]
        lower = self._toks.lower if self._toks is not None else None
        if (
            lower is None
            or m.start < 2
            or m.cluster < 0
            or clusters[m.cluster].type != "State"
            or lower[m.start - 1] != "of"
        ):
            return idx
        for k in range(idx - 1, max(idx - 4, -1), -1):
            firm = mentions[k]
            if firm.end == m.start - 1 and firm.cluster >= 0:
                if clusters[firm.cluster].type in ("Company", "Fund"):
                    return k
                break
        return idx

    def _head_of_state_claims(
        self, doc: Doc, mentions: list[Found], clusters: list[Cluster], claims: list[RawClaim]
    ) -> list[RawClaim]:
        """ "President X" with no state named: the state the context points to.

        The first state the sentence names, else the state the article names
        most; never a state another person already heads in the article.
        """
        lower = self._toks.lower if self._toks is not None else [t.lower_ for t in doc]
        headed = {c.subject: c.object for c in claims if c.predicate == "headOf"}
        heads_of = {o: s for s, o in headed.items()}
        # a leader the registry knows is taken before anyone is guessed: "President Joe
        # Biden" heads the United States, so "President Emmerson Mnangagwa" does not
        keys = {c.key for c in clusters}
        for c in clusters:
            if c.type == "Person" and c.key not in headed:
                office = self._office_of(c.entity_id)
                if office is not None and office in keys:
                    heads_of.setdefault(office, c.key)
        counts: dict[str, int] = {}
        for m in mentions:
            c = clusters[m.cluster]
            if c.type == "State" and m.kind != "anaphor":
                counts[c.key] = counts.get(c.key, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top = (
            ranked[0][0]
            if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])
            else None
        )
        out: list[RawClaim] = []
        ordered = sorted(mentions, key=lambda k: k.start)
        # where a name that a state may own starts: "Malaysia's Petronas"
        owned_at = {
            k.start
            for k in mentions
            if k.cluster >= 0 and clusters[k.cluster].type not in ("Person", "State")
        }
        by_end = {k.end: k for k in mentions if k.cluster >= 0 and k.kind != "anaphor"}
        # "President Alejandro Giammattei (Guatemala)": the state in brackets after a
        # titled name, anywhere in the article, is the one that person heads
        by_start = {k.start: k for k in mentions if k.cluster >= 0 and k.kind == "name"}
        bracketed: dict[str, str] = {}
        for m in mentions:
            state_m = by_start.get(m.end + 1)
            if (
                m.cluster >= 0
                and clusters[m.cluster].type == "Person"
                and m.end + 1 < len(doc)
                and doc[m.end].text == "("
                and state_m is not None
                and clusters[state_m.cluster].type == "State"
                and state_m.end < len(doc)
                and doc[state_m.end].text == ")"
                and _state_title_before(doc, m.start) is not None
            ):
                bracketed.setdefault(clusters[m.cluster].key, clusters[state_m.cluster].key)
        for m in mentions:
            person = clusters[m.cluster]
            if person.type != "Person" or person.key in headed or m.kind == "anaphor":
                continue
            title = _state_title_before(doc, m.start)
            if title is None:
                continue
            # "then prime minister X" is a former holder: the state is left to the current one
            if m.start >= 3 and doc[m.start - 3].lower_ in _NOT_NOW:
                continue
            sent = self._sentence_at(doc, m.start)
            # "KRG Prime Minister Masrour Barzani": the body named before the title
            body = by_end.get(m.start - len(title.split()))
            if body is not None and clusters[body.cluster].type in ("Organization", "Company"):
                headed[person.key] = clusters[body.cluster].key
                out.append(
                    RawClaim.said_in(
                        person.key,
                        "headOf",
                        clusters[body.cluster].key,
                        sent,
                        "head.title_context.v1",
                        0.55,
                    )
                )
                continue
            # a leader the registry knows heads the state it says, if the article names it
            office = self._office_of(person.entity_id) or bracketed.get(person.key)
            # "Polish President X, Prime Minister Y and ...": Y heads X's state too
            state = (
                self._state_of_list(doc, m, ordered, clusters, headed, sent.start)
                if office is None
                else (office if office in keys else None)
            )
            if state is None and office is None:
                in_sent = [
                    clusters[k.cluster].key
                    for k in ordered
                    if sent.start <= k.start < sent.end
                    and clusters[k.cluster].type == "State"
                    # "a visit to Indonesia", "ties with Moscow": not the person's state
                    and not after_word(lower, k.start, _NOT_ACTOR_BEFORE)
                    # "a bid by Malaysia's Petronas": the firm's state, not the actor
                    and not (
                        k.end + 1 < len(doc)
                        and doc[k.end].lower_ in ("'s", "\u2019s")
                        and k.end + 1 in owned_at
                    )
                ]
                free = [k for k in dict.fromkeys(in_sent) if k not in heads_of]
                # the first state the sentence names is usually the actor ("Norway will
                # ..., Prime Minister X said"); with none, the state whose capital it
                # names ("talks with Prime Minister X in Islamabad"), else the state the
                # article is about
                capital = self._capital_state(ordered, clusters, sent)
                if not free and capital is not None and capital not in heads_of:
                    free = [capital]
                state = free[0] if free else (top if top not in heads_of else None)
            if state is None:
                continue
            headed[person.key] = state
            heads_of[state] = person.key
            out.append(
                RawClaim(
                    person.key,
                    "headOf",
                    state,
                    sent.text,
                    sent.start_char,
                    sent.end_char,
                    "head.title_context.v1",
                    0.55,
                )
            )
        return out

    def _capital_state(
        self, ordered: list[Found], clusters: list[Cluster], sent: Sentence
    ) -> str | None:
        """The state whose capital, written as a place, the sentence names alone
        (the state must be named in the article too)."""
        keys = {c.key for c in clusters}
        states = {
            e.id
            for k in ordered
            if sent.start <= k.start < sent.end
            and k.kind == "name"
            and clusters[k.cluster].type == "Place"
            for e in self.registry.lookup(k.text)
            if e.type == "State" and k.text in e.metonyms and e.id in keys
        }
        return next(iter(states)) if len(states) == 1 else None

    def _office_of(self, entity_id: str | None) -> str | None:
        """The state a registry person leads, as the registry's description says
        ("President of Russia.", "Prime Minister of Japan 2012-2020.")."""
        if entity_id is None:
            return None
        if entity_id not in self._offices:
            entity = self.registry.entities[entity_id]
            said = _OFFICE.match(entity.description or "") if entity.type == "Person" else None
            states = (
                [
                    k
                    for k, kind in self.gazetteer.kinds.get(_normalized(said["state"]), ())
                    if kind == "name" and self.registry.entities[k].type == "State"
                ]
                if said is not None
                else []
            )
            self._offices[entity_id] = states[0] if len(set(states)) == 1 else None
        return self._offices[entity_id]

    @staticmethod
    def _state_of_list(
        doc: Doc,
        m: Found,
        ordered: list[Found],
        clusters: list[Cluster],
        headed: dict[str, str],
        sent_start: int,
    ) -> str | None:
        """The state of the head of state named just before ``m`` in a list of titled
        people ("Polish President X, Prime Minister Y"), if any."""
        before = [k for k in ordered if sent_start <= k.start and k.end <= m.start]
        if not before:
            return None
        prev = before[-1]
        key = clusters[prev.cluster].key
        if clusters[prev.cluster].type != "Person" or key not in headed:
            return None
        between = [t.lower_ for t in doc[prev.end : m.start]]
        if not between or between[0] not in (",", "and") or len(between) > 4:
            return None
        state = headed[key]
        return state if any(c.key == state and c.type == "State" for c in clusters) else None

    _TOGETHER = re.compile(
        r"\b(?:opened|inaugurated|launched|signed|agreed|pledged|gave the (?:order|go-ahead)|"
        r"unveiled|held talks|vowed|reaffirmed|hailed)\b",
        re.I,
    )

    def _leaders_together_claims(
        self, doc: Doc, mentions: list[Found], clusters: list[Cluster], claims: list[RawClaim]
    ) -> list[RawClaim]:
        """Leaders of two states who open, sign or launch something together: they cooperate."""
        heads = {
            c.subject: c.object
            for c in claims
            if c.predicate == "headOf"
            and any(k.key == c.object and k.type == "State" for k in clusters)
        }
        out: list[RawClaim] = []
        if len(set(heads.values())) < 2:
            return out  # no leaders of two states to pair: no sentence needs reading
        for sent in self._sentences(doc)[0]:
            match = _search(self._TOGETHER, sent.text)
            if not match:
                continue
            limit = sent.start_char + match.start()
            states = dict.fromkeys(
                heads[clusters[m.cluster].key]
                for m in mentions
                if sent.start <= m.start < sent.end
                and doc[m.start].idx < limit
                and clusters[m.cluster].key in heads
            )
            out += [
                RawClaim(
                    a,
                    "cooperatesWith",
                    b,
                    sent.text,
                    sent.start_char,
                    sent.end_char,
                    "cooperation.leaders.v1",
                    0.55,
                )
                for a, b in combinations(states, 2)
            ]
        return out

    def _name_origin_claims(
        self, doc: Doc, mentions: list[Found], clusters: list[Cluster]
    ) -> list[RawClaim]:
        """An organisation whose name holds a state's name is based there.

        "China Development Bank", "Export-Import Bank of China", "US Department
        of the Treasury", "Russian Railways": the state in the name, not a guess.
        Intergovernmental bodies ("Bank for International Settlements") are left out.
        """
        out: list[RawClaim] = []
        first: dict[int, Found] = {}
        for m in mentions:
            if m.kind != "anaphor":
                first.setdefault(m.cluster, m)
        by_key = {c.key: i for i, c in enumerate(clusters)}
        for idx, cluster in enumerate(list(clusters)):
            if cluster.type not in ("Company", "Fund", "Organization") or idx not in first:
                continue
            if self._subclass(cluster.entity_id) == "IntergovernmentalOrganization":
                continue
            state = self._state_in_name([cluster.label, *cluster.forms])
            if state is None:
                continue
            entity = self.registry.entities[state]
            if state not in by_key:
                by_key[state] = len(clusters)
                clusters.append(Cluster(state, entity.label, "State", state, {entity.label}, 1))
            sent = self._sentence_at(doc, first[idx].start)
            before = " ".join(
                t.lower_ for t in doc[max(0, first[idx].start - 3) : first[idx].start]
            )
            if any(
                w in before
                for w in (
                    "state-owned",
                    "state-run",
                    "state-controlled",
                    "government-owned",
                    "state - owned",
                    "state - run",
                    "state - controlled",
                )
            ):
                out.append(
                    RawClaim(
                        state,
                        "ownsStakeIn",
                        cluster.key,
                        sent.text,
                        sent.start_char,
                        sent.end_char,
                        "stake.state_named.v1",
                        0.65,
                    )
                )
            out.append(
                RawClaim(
                    cluster.key,
                    "basedIn",
                    state,
                    sent.text,
                    sent.start_char,
                    sent.end_char,
                    "based.name.v1",
                    0.7,
                )
            )
        return out

    def _state_key(self, name: str, clusters: list[Cluster]) -> str | None:
        """The key of the state ``name`` names ("Russian", "US"), added to ``clusters``
        when the article names it only inside another name; None if no state."""
        states = [
            entity_id
            for entity_id, kind in self.gazetteer.kinds.get(_normalized(name), ())
            if self.registry.entities[entity_id].type == "State" and kind in ("name", "demonym")
        ]
        if len(set(states)) != 1:
            return None
        state = states[0]
        if not any(c.key == state for c in clusters):
            entity = self.registry.entities[state]
            clusters.append(Cluster(state, entity.label, "State", state, {entity.label}, 1))
        return state

    def _state_in_name(self, names: list[str]) -> str | None:
        """The one state whose name or demonym is a word sequence of one of the names."""
        found: set[str] = set()
        for name in names:
            words = _normalized(name).split()
            for n in (3, 2, 1):
                for i in range(len(words) - n + 1):
                    for entity_id, kind in self.gazetteer.kinds.get(" ".join(words[i : i + n]), ()):
                        entity = self.registry.entities[entity_id]
                        if (
                            entity.type == "State"
                            and kind in ("name", "demonym")
                            and len(words) > n
                        ):
                            found.add(entity_id)
        return found.pop() if len(found) == 1 else None

    def _subclass(self, entity_id: str | None) -> str | None:
        entity = self.registry.entities.get(entity_id) if entity_id else None
        return entity.subclass if entity else None

    _VENTURE = re.compile(
        r"\b(?:joint[- ]venture|consortium|tie-up|joined hands|joint statement)\b", re.I
    )
    _PARTIES = re.compile(
        r"\b(?:the|all|both) (?:parties|partners|companies|sides|shareholders)\b", re.I
    )

    def _venture_claims(
        self,
        doc: Doc,
        mentions: list[Found],
        clusters: list[Cluster],
        claims: list[RawClaim],
        article: Article,
    ) -> list[RawClaim]:
        """Parties of one joint venture named across sentences: every pair is partners.

        Parties are the firms and funds the venture rules found, the holders
        of stakes in the same asset, and the firms that are the subject of a
        sentence about the venture. "The parties ... at the X Forum" makes
        each party a participant in X.
        """
        venture_sents = [s for s in self._sentences(doc)[0] if _search(self._VENTURE, s.text)]
        if not venture_sents:
            # investors in a firm are not partners unless the article says it is a venture
            return self._coholder_claims(clusters, claims, firms=False)
        firms = {"Company", "Fund"}
        parties: dict[str, None] = {}
        for c in claims:
            if c.rule.startswith("partner.venture"):
                parties.update(dict.fromkeys((c.subject, c.object)))
        holders: dict[str, list[str]] = {}
        for c in claims:
            if c.predicate == "ownsStakeIn":
                holders.setdefault(c.object, []).append(c.subject)
        # a list in the order the article names them: never a set, whose order varies by run
        assets = [a for a, hs in holders.items() if len(set(hs)) >= 2]
        shareholders: set[str] = set()
        if len(assets) == 1:  # the venture's own shareholders
            parties.update(dict.fromkeys(holders[assets[0]]))
            shareholders.update(holders[assets[0]])
        for sent in venture_sents:
            named = [m for m in mentions if sent.start <= m.start < sent.end]
            first = named[0] if named else None
            if first is None or first.kind == "demonym":
                continue
            # "A consortium led by CITIC won tenders for the port": a venture that
            # names neither the venture's asset nor a shareholder is another one
            keys = {clusters[m.cluster].key for m in named if m.cluster >= 0}
            if shareholders and not keys & (shareholders | set(assets)):
                continue
            parties[clusters[first.cluster].key] = None
        by_key = {c.key: c for c in clusters}
        members = [
            k
            for k in parties
            if k not in assets
            # an untyped name is a firm when it holds a share ("QatarEnergy ... keeps 75 percent")
            and (by_key[k].type in firms or (by_key[k].type is None and k in shareholders))
            and self._subclass(by_key[k].entity_id) != "JointVenture"
        ]
        evidence = venture_sents[0]
        out = [
            RawClaim(
                a,
                "partnerOf",
                b,
                evidence.text,
                evidence.start_char,
                evidence.end_char,
                "partner.venture_article.v1",
                0.6,
            )
            for a, b in combinations(members, 2)
        ]
        for sent in self._sentences(doc)[0]:
            if not _search(self._PARTIES, sent.text):
                continue
            events = [m for m in mentions if sent.start <= m.start < sent.end and m.type == "Event"]
            if events and re.search(r"\b(?:at|during|on the sidelines of)\b", sent.text):
                event = clusters[events[0].cluster].key
                out += [
                    RawClaim(
                        k,
                        "participatedIn",
                        event,
                        sent.text,
                        sent.start_char,
                        sent.end_char,
                        "participation.parties.v1",
                        0.6,
                    )
                    for k in members
                ]
        if len(assets) > 1:  # several assets: partners in each, not across them
            out += self._coholder_claims(clusters, claims)
        return out

    def _coholder_claims(
        self, clusters: list[Cluster], claims: list[RawClaim], firms: bool = True
    ) -> list[RawClaim]:
        """Firms and funds that hold stakes in the same asset are partners in it;
        with ``firms`` False, in a company only when both hold 10 percent or more
        (minority investors in a firm are not its partners)."""
        by_key = {c.key: c for c in clusters}
        holders: dict[str, dict[str, RawClaim]] = {}
        for c in claims:
            if c.predicate != "ownsStakeIn" or by_key[c.subject].type not in _HOLDERS:
                continue
            small = c.percent is not None and c.percent < 10
            if firms or not small or by_key[c.object].type not in ("Company", "Organization"):
                holders.setdefault(c.object, {}).setdefault(c.subject, c)
        out = []
        for asset, found in holders.items():
            for (a, ca), (b, cb) in combinations(found.items(), 2):
                if a == asset or b == asset:
                    continue
                first = ca if ca.start <= cb.start else cb
                out.append(
                    RawClaim(
                        a,
                        "partnerOf",
                        b,
                        first.evidence,
                        first.start,
                        first.end,
                        "partner.coholders.v1",
                        0.55,
                    )
                )
        return out

    def _context_object(self, rule: Rule, mentions: list[Found], sent: Sentence) -> int | None:
        """The object a sentence leaves to its context: the last stake's asset, or the
        event the article is about so far."""
        if rule.predicate == "ownsStakeIn":
            if self._last_asset is None:
                # "The consortium is ... Transneft holds 24 percent ... Lukoil has
                # 12.5 percent": the asset goes on until another is named
                self._last_asset = _recent_asset(mentions, sent)
            return self._last_asset
        if rule.predicate == "participatedIn":
            # the event the article has named most so far; of equals, the latest
            count: dict[int, int] = {}
            last: dict[int, int] = {}
            for i, m in enumerate(mentions):
                if m.type == "Event" and m.start < sent.end and not happening(m.text):
                    count[m.cluster] = count.get(m.cluster, 0) + 1
                    last[m.cluster] = i
            if not count:
                return None
            return last[max(count, key=lambda c: (count[c], last[c]))]
        return None

    # -- the whole article ----------------------------------------------

    def _sentences(self, doc: Doc, text: str | None = None) -> tuple[list[Sentence], list[int]]:
        """The sentences of ``doc`` and their first tokens, made once per document."""
        if self._sents[0] is not doc:
            sents = sentences(doc, text)
            self._sents = (doc, sents, [s.start for s in sents])
        return self._sents[1], self._sents[2]

    def _sentence_at(self, doc: Doc, i: int) -> Sentence:
        """The sentence of token ``i``: ``doc[i].sent``."""
        sents, firsts = self._sentences(doc)
        return sents[bisect_right(firsts, i) - 1]

    def extract(self, article: Article) -> ArticleExtraction:
        return self.extract_doc(article, self.parse(article.text))

    def parse(self, text: str) -> Doc:
        """The document the extractor reads of ``text``."""
        return self._parse(text) if self._plain() else self.nlp(text)

    def extract_many(
        self, articles: Sequence[Article], batch_size: int = 64
    ) -> list[ArticleExtraction]:
        if self._plain():
            return [self.extract(a) for a in articles]
        docs = self.nlp.pipe((a.text for a in articles), batch_size=batch_size)
        return [self.extract_doc(a, d) for a, d in zip(articles, docs, strict=True)]

    def _parse(self, text: str) -> Doc:
        """What ``self.nlp(text)`` gives with the default pipeline, made faster."""
        self._warm(text)
        return mark_sentences(self.nlp.make_doc(text), text)

    def _warm(self, text: str) -> None:
        """Let the tokenizer cache the chunks of ``text`` it has not seen yet.

        spaCy's tokenizer caches how it splits each whitespace-separated chunk,
        but after the first special case in a text ("U.S.", "it's") it caches
        nothing more of that text, so most of each article would be split afresh
        every time. Tokenizing each new chunk once on its own caches it; the
        tokens are the same either way.
        """
        tokenizer = self.nlp.tokenizer
        if not isinstance(tokenizer, Tokenizer) or len(self._warmed) >= tokenizer.max_cache_size:
            return  # not spaCy's tokenizer, or its cache is full: it keeps no more
        new = set(text.split()).difference(self._warmed)
        for chunk in sorted(new):
            tokenizer(chunk)
        self._warmed.update(new)

    def _plain(self) -> bool:
        """Whether the pipeline is the tokenizer and ``news_sentences`` alone (the default)."""
        return self.nlp.pipe_names == ["news_sentences"]

    def rule_claims(
        self, article: Article, doc: Doc
    ) -> tuple[list[Found], list[Cluster], list[RawClaim]]:
        """The article's mentions, their entities and the claims the rules make of them;
        ``self.read`` then holds the sentences that name two entities or more."""
        # the article's own text spares rebuilding it from the tokens (when it is the doc's)
        same = len(doc) > 0 and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text)
        text = article.text if same else doc.text
        toks = Tokens(doc, text)
        self._toks = toks
        self._sentences(doc, text)
        mentions = self.mentions(doc, toks)
        clusters = self.clusters(mentions)
        lower = toks.lower
        self._the_led = {
            m.cluster
            for m in mentions
            if m.kind == "unknown"
            and m.cluster >= 0
            and m.start > 0
            and lower[m.start - 1] == "the"
        }
        claims = self.relations(doc, mentions, clusters, article, toks)
        claims += self._venture_claims(doc, mentions, clusters, claims, article)
        claims += self._name_origin_claims(doc, mentions, clusters)
        claims += self._head_of_state_claims(doc, mentions, clusters, claims)
        claims += firm_heads(toks.lower, self._sentences(doc)[0], mentions, clusters, claims)
        claims += self._leaders_together_claims(doc, mentions, clusters, claims)
        claims += department_heads(doc, mentions, clusters)
        claims += state_sanctions(claims, clusters)
        claims += group_claims(doc, self._sentences(doc)[0], mentions, clusters, claims, text)
        claims += summit_claims(doc, self._sentences(doc)[0], mentions, clusters, claims)
        claims += force_claims(toks.lower, self._sentences(doc)[0], mentions, clusters, claims)
        claims += roster_claims(toks.lower, self._sentences(doc)[0], mentions, clusters)
        claims += route_claims(self.read, mentions, clusters, toks.lower)
        claims += unnamed_claims(toks.lower, self._sentences(doc)[0], mentions, clusters, claims)
        claims += description_claims(doc, mentions, clusters)
        claims += capital_claims(
            doc,
            mentions,
            clusters,
            lambda state: self._state_key(self.registry.entities[state].label, clusters),
        )
        claims += event_name_claims(doc, mentions, clusters, lambda n: self._state_key(n, clusters))
        claims += state_home_claims(toks.lower, self._sentences(doc)[0], mentions, clusters, claims)
        return mentions, clusters, claims

    def extract_doc(self, article: Article, doc: Doc) -> ArticleExtraction:
        mentions, clusters, claims = self.rule_claims(article, doc)
        if self.pair_model is not None:
            claims += model_claims(
                self.pair_model, self.read, mentions, clusters, claims, self.vetoed
            )
        claims = drop_denied(_dedupe(claims), {c.key: c for c in clusters})
        used = {c.subject for c in claims} | {c.object for c in claims}
        entities = []
        for index, c in enumerate(clusters):
            if c.named == 0 and not c.forms:
                continue
            if c.type is None:
                if c.key not in used and c.named < 2 and len(c.label.split()) < 2:
                    continue
                c.type = self._guess_type(c.label, index)
            entities.append(
                ExtractedEntity(
                    c.key,
                    c.label,
                    c.type,
                    c.entity_id,
                    tuple(sorted(_with_bare_forms(c.forms) - {c.label})),
                    c.confidence,
                )
            )
        types = {e.key: e.type for e in entities}
        not_blocs = {e.key for e in entities if self._not_a_bloc(e.entity_id)}
        claims = [
            c
            for c in claims
            if c.subject in types
            and c.object in types
            # a person is from a country, not based in it (FORMAT.md: firms, funds, bodies)
            and not (c.predicate == "basedIn" and types[c.subject] == "Person")
            # a state is a member of blocs, not of an agency, a party or an armed group
            and not (
                c.predicate == "memberOf" and types[c.subject] == "State" and c.object in not_blocs
            )
        ]
        return ArticleExtraction(article, tuple(entities), tuple(claims))

    def _not_a_bloc(self, entity_id: str | None) -> bool:
        """Whether the registry knows this entity as an organisation that states do not
        join: one it does not class as intergovernmental (an agency, a party, Hamas)."""
        if entity_id is None:
            return False
        entity = self.registry.entities.get(entity_id)
        return (
            entity is not None
            and entity.type == "Organization"
            and entity.subclass != "IntergovernmentalOrganization"
        )


#: an actor that designates a number of targets it does not name in the sentence
_DESIGNATED_COUNT = re.compile(
    r"@(\d+)[SO] (?:\( @\d+[A-Z] \) )?(?:[^@#%]+ )?(?:designated|sanctioned|blacklisted)"
    r" (?:\d+|[a-z]+) (?:more |other |senior |new |further )?(?:people|individuals|entities"
    r"|companies|officials|executives|firms|persons|vessels|ships|banks|businesses)\b"
)
#: the rows of a list of leaders, each with the state after "of": "A of Uruguay, B of Brazil"
_PERSON_OF = re.compile(r"@(\d+)[PU] of (?:the )?@(\d+)S")
#: a registry description of a head of state or government: "President of Russia."
_OFFICE = re.compile(
    r"^(?:\d+(?:st|nd|rd|th) )?(?:President|Prime Minister|Premier|Chancellor|King|Emir"
    r"|Sultan|Queen|Leader|Supreme Leader) of (?:the )?(?P<state>[A-Z][\w ]+?)"
    r"(?: \d{4}\S*| since .*)?\.$"
)
#: the words before a title that make its holder no head of state now
_NOT_NOW = frozenset({"vice", "deputy", "former", "ex", "then"})

#: words before a state that make it no actor of its sentence: "a visit to Indonesia"
_NOT_ACTOR_BEFORE = frozenset(
    {"to", "in", "into", "from", "with", "between", "against", "toward", "towards", "at", "on"}
)
#: "companies in the", "firms based in": what follows says where the targets are
_TARGETS_IN = re.compile(
    r"(?:companies|firms|entities|individuals|people|banks|businesses|vessels|ships|officials"
    r"|traders|groups|refiners|producers|suppliers|exporters|importers|networks|operators)"
    r" (?:based |registered |located )?(?:in|from) (?:the )?$"
)


def _where_targets_are(match: re.Match[str]) -> bool:
    """Whether the object of a sanctions match only says where the targets are."""
    for group in ("ol", "o"):
        if match.groupdict().get(group):
            return _TARGETS_IN.search(match.string, 0, match.start(group)) is not None
    return False


#: a sentence that introduces a list of targets and names who acts on them: "The
#: Treasury's Office of Foreign Assets Control designated:", "The EU also listed:"
_ACTOR_INTRO = re.compile(
    r"@(\d+)[SOU] (?:\( @\d+[A-Z] \) )?(?:[^@#%:]+ )?(?:designated|sanctioned|blacklisted"
    r"|targeted|listed|added|froze the assets of|imposed sanctions on|sanctions)"
    r"(?: [^@#%:]+)? :\s*$"
)
#: "Those listed by the EU:", "Five officials were sanctioned by the Treasury:"
_BY_ACTOR_INTRO = re.compile(
    r"\b(?:designated|sanctioned|blacklisted|targeted|listed|named|hit) by (?:the )?@(\d+)[SO]"
    r"(?: [^@#%:]+)? :\s*$"
)
#: a list's intro that says its rows were targeted but not by whom: "Three executives
#: were designated along with the bank:", "Those named were:", "The department also
#: blacklisted six entities it described as owned by him:"
_TARGETS_INTRO = re.compile(
    r"(?:^|\s)(?:(?:were|was|are|is|been|also) |those |(?:^|, )(?:it|they|the [a-z]+) "
    r"(?:also |further |separately |additionally |then )?)"
    r"(?:designated|sanctioned|blacklisted|targeted|named|listed)\b(?:[^#%:]+)? :\s*$"
)
#: intros of lists that are not of targets: "Seven nations are listed as participants:"
_NOT_TARGETS = re.compile(
    r"\b(?:participa\w*|attend\w*|members?|shareholders|owners|partners|observers|"
    r"listed (?:in|on)|named (?:as|after|to|for))\b"
)
#: a sentence that introduces a table of holders and names its asset: "X's shareholders
#: are:", "the owners of X hold the following interests:", "X is owned as follows:"
_HOLDERS_WORDS = (
    r"(?:shareholders|owners|investors|stakeholders|holders|partners|shareholding|ownership"
    r"|stakes|interests)"
)
_TABLE_INTRO = re.compile(
    rf"@(\d+)[CFRU] 's (?:[a-z-]+ ){{0,3}}{_HOLDERS_WORDS} "
    rf"|{_HOLDERS_WORDS} (?:[a-z-]+ ){{0,2}}(?:in|of) (?:the )?@(\d+)[CFRU] (?!'s)"
    # "Switzerland-based pipeline company X is owned by:"
    # "The Leviathan field, which started production in December, is owned by:"
    r"|(?:^|, )(?:the )?(?:@\d+[SLP] - [a-z]+ )?(?:[a-z-]+ ){0,2}@(\d+)"
    r"(?:[CFRU] |L (?=field |oilfield |gasfield |mine |block |terminal |port ))(?!of )(?:[^@#%]+ )?"
    r"(?:is|are|was|were|will be) "
    r"(?:now |currently )?(?:owned|held|divided|split|shared) (?:as follows|among|between|by)"
    # "X, a consortium registered in Zug, whose shareholders are:"
    rf"|@(\d+)[CFRU] , (?:[^#%:]*? )?, whose (?:[a-z-]+ ){{0,2}}{_HOLDERS_WORDS} "
    # "Who owns X after the placement:"
    r"|^who (?:now |still |currently )?(?:owns|controls|holds) (?:the )?@(\d+)[CFRU] "
)
#: a table's intro that names its asset by a pronoun: "Its shareholders are:"
_ITS_HOLDERS = re.compile(rf"^(?:its|their) (?:[a-z-]+ ){{0,2}}{_HOLDERS_WORDS} ")
#: a sentence that introduces a table of holders, whether or not it names the asset
_TABLE_WORDS = re.compile(
    rf"\b{_HOLDERS_WORDS} |\b(?:owned|held|divided|split) (?:as follows|among|between)"
)
#: an asset a table's intro names by a common noun: "the field", "the line 's"
_THE_NOUN = re.compile(
    r"\bthe (field|line|pipeline|project|venture|consortium|plant|terminal|mine|company|port"
    r"|refinery|bank|fund)\b"
)
_PERCENT_OF = re.compile(
    r"%(\d+(?:\.\d+)?) (?:\S+ )?(?:of|in) (?:the )?(?:@\d+S 's |#\d+S )?(?:[a-z-]+ ){0,2}@(\d+)"
)
_HOLDER_PERCENT = re.compile(r"@(\d+)[A-Z] (?:\( @\d+[A-Z] \) )?(?:[a-z]+ )?%(\d+(?:\.\d+)?)")
#: what "the consortium" or "the project" before a stake's sentence names
_ASSET_NOUNS = (
    "consortium", "project", "venture", "pipeline", "plant", "field", "terminal", "bank",
    "lender", "company", "firm", "mine", "port", "refinery", "operator", "carrier", "club",
)  # fmt: skip
_RECENT_TOKENS = 70


#: a name written with its owner: "China's Ministry of Commerce"
_OWNED_FORM = re.compile(r"^\S+(?: \S+)?(?:'s|\u2019s) (?P<rest>[A-Z]\S*(?: \S+)+)$")


#: a name written with its legal form: "Elk Valley Resources Ltd.", "Glencore PLC"
_LEGAL_FORM = re.compile(
    r"^(?P<rest>[A-Z][\w.-]*(?: [\w.-]+)*?),? "
    rf"(?:{'|'.join(map(re.escape, LEGAL_FORMS_WRITTEN))})\.?$"
)
#: a body's name written with its state's initials: "U.S. Treasury Department"
_STATE_INITIALS = re.compile(r"^(?:U\.S\.|US|U\.K\.|UK) (?P<rest>[A-Z]\S* [A-Z]\S*(?: \S+)*)$")


def _with_bare_forms(forms: set[str]) -> set[str]:
    """``forms`` and each one written with an owner, a legal form or its state's
    initials without them: the article that writes "China's Ministry of Commerce"
    also names the "Ministry of Commerce", and "Elk Valley Resources Ltd." is
    "Elk Valley Resources"."""
    bare = {
        m["rest"]
        for f in forms
        for pattern in (_OWNED_FORM, _LEGAL_FORM, _STATE_INITIALS)
        if (m := pattern.match(f))
    }
    return forms | bare


def _plain_name(word: str) -> bool:
    """Whether a word may be part of a person's name: "Clark", "Malmström",
    "Faustin-Archange", "al-Nimr", "Mong-joon"."""
    parts = word.split("-")
    if len(parts) > 1 and parts[0] in _PARTICLES:
        parts = parts[1:]
    if len(parts) == 2 and is_syllable(parts[1]):
        parts = parts[:1]  # a given name's second syllable: "Mong-joon", "Yuet-ngor"
    plain = all(p[:1].isupper() and p[1:].islower() and p.isalpha() for p in parts)
    return plain and len(parts) <= 2


def _topic(mentions: dict[int, tuple[int, Found]]) -> int | None:
    """The firm, fund or asset a sentence is about: its first name, when that is
    one ("The Silk Road Fund was set up by Beijing", "The line is run by X")."""
    first = next(((i, m) for i, m in mentions.values() if m.kind != "demonym"), None)
    if first is None or first[1].type not in ("Company", "Fund", "Product", None):
        return None
    return first[0]


#: the words before the firm a sentence's holders are in: "partners in the project company, X"
_HELD_IN = re.compile(
    r"\b(?:shareholders|owners|investors|stakeholders|holders|partners|stakes|stake|interests"
    r"|interest) in (?:the |a |an )?(?:[a-z-]+ ){0,3}(?:, )?(?:\S+ - based )?$"
)


def _held_before(mentions: dict[int, tuple[int, Found]], lower: list[str]) -> int | None:
    """The last firm the sentence of ``mentions`` names as what holders are in:
    "Gazprom's partners in the project company, Amsterdam-based X"."""
    found = None
    for i, m in mentions.values():
        before = " ".join(lower[max(0, m.start - 10) : m.start]) + " "
        if (
            m.type in ("Company", "Product", None)
            and m.kind != "demonym"
            and _HELD_IN.search(before)
        ):
            found = i
    return found


def _recent_asset(mentions: list[Found], sent: Sentence) -> int | None:
    """The asset an anaphor named shortly before ``sent`` (within about two
    sentences): "The consortium is ... Chevron owns 15 percent"."""
    first = sent.start - _RECENT_TOKENS
    best = None
    for i, m in enumerate(mentions):
        if m.start >= sent.start:
            break
        if (
            m.start >= first
            and m.kind == "anaphor"
            and m.type in ("Company", "Product")
            and m.text.lower().endswith(_ASSET_NOUNS)
        ):
            best = i
    return best


_INITIAL = re.compile(r"^[A-Z]\.$")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von"})
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})
_HOLDERS = frozenset({"Company", "Fund", "Person"})  # co-holders who are partners
_MARKER = re.compile(r"[@#](\d+)[A-Z](?! 's)")
#: an item of a list: a name followed by a separator or the list's end ("the Central
#: Asian states of X": "Central Asian" only describes X)
_LIST_ITEM = re.compile(r"(?<!\( )@(\d+)[A-Z](?! 's)(?! ' )(?= ,| and| &| \(| as well|$)")


def _dedupe(claims: list[RawClaim]) -> list[RawClaim]:
    """One claim per (subject, predicate, object, sentence): one that gives a percent,
    else the most confident rule's."""
    best: dict[tuple[str, str, str, int], RawClaim] = {}
    for c in claims:
        s, o = (c.subject, c.object)
        if c.predicate in SYMMETRIC and o < s:
            s, o = o, s
        key = (s, c.predicate, o, c.start)
        old = best.get(key)
        if old is None or (c.percent is not None, c.confidence) > (
            old.percent is not None,
            old.confidence,
        ):
            best[key] = c
    return list(best.values())


def _state_title_before(doc: Doc, start: int) -> str | None:
    """The head-of-state title right before token ``start`` ("President", "Prime
    Minister"), if any."""
    before = " ".join(t.lower_ for t in doc[max(0, start - 2) : start])
    title = next((t for t in STATE_TITLES if before == t or before.endswith(" " + t)), None)
    k = start - len(title.split()) - 1 if title is not None else -1
    if k >= 0 and doc[k].lower_ in _NOT_NOW:
        return None  # "Vice President Mike Pence", "former Prime Minister X": not the head
    return title
