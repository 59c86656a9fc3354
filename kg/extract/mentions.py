"""Finding the names in a document: registry names, unknown names, acronyms, anaphora.

Registry names come from a PhraseMatcher fed with every label, alias,
metonym ("Moscow" for Russia) and demonym ("Russian"). Names that are in no
registry are found by general evidence, never by listing them: capitalised
spans typed by an organisational suffix ("... Holding", "... PJSC"), a title
before a person ("President ..."), a descriptor noun before or after
("telecom company ...", "..., a Chinese lender,"). Acronyms defined in
brackets and simple anaphora ("the company", "the fund") point back to a
name found before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz, process
from spacy.attrs import IDX, LENGTH, LIKE_NUM, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from kg.extract.dates import DAY_NAMES, MONTH_NAMES
from kg.extract.lexicon import Lexicon
from kg.extract.sentences import ROW_MARKS, Sentence, sentences
from kg.names import normalize_name, not_one_name
from kg.registry import Registry

#: normalize_name, remembered: the same names come back in article after article
_normalized = lru_cache(maxsize=1 << 16)(normalize_name)

#: One letter per type, used in sentence skeletons. U: not typed yet.
TYPE_LETTER = {
    "Person": "P",
    "Company": "C",
    "Fund": "F",
    "State": "S",
    "Organization": "O",
    "Place": "L",
    "Event": "E",
    "Product": "R",
    None: "U",
}
LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "to", "from", "into", "across", "around", "of"}
)
#: months written short: "Oct. 8", "Sept 2020"
_MONTHS_SHORT = frozenset(
    m + dot
    for m in ("jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
    for dot in ("", ".")
)
#: currency codes written before an amount: "CHF 13 billion", "Rs 8 a litre"
_MONEY = frozenset(
    {"chf", "rs", "rs.", "usd", "eur", "gbp", "rmb", "cny", "jpy", "inr", "rub", "sfr", "aed"}
    | {"sar", "krw", "brl", "zar", "kes", "ngn", "egp", "dkk", "nok", "sek", "hk$", "us$", "a$"}
    | {"c$", "s$", "nt$", "r$"}
)
#: words no name starts with, wherever they stand ("on Monday Rosneft said", "CHF 13")
_CALENDAR = frozenset((*DAY_NAMES, *MONTH_NAMES, *_MONTHS_SHORT, *_MONEY, "mr", "mrs", "ms", "dr"))
# what glues two words of a name: "Mail.Ru", "Rolls-Royce", "AT&T"
_GLUE = frozenset({".", "-", "&"})
#: lower-case words inside hyphenated place names ("Rostov-on-Don", "Frankfurt-am-Main")
_HYPHEN_PARTICLES = frozenset({"on", "upon", "am", "sur", "en", "le", "la", "les", "de", "du"})
#: what follows a hyphen in an adjective, not in a name: "Russia-based", "US-made"
_HYPHEN_WORDS = frozenset(
    {"based", "led", "run", "made", "born", "era", "style", "free", "wide", "level", "class"}
    | {"owned", "backed", "linked", "listed", "built", "held", "bound", "scale", "term"}
    | {"range", "sized", "like", "type", "old", "only", "area", "zone", "bloc", "day", "year"}
)
_PLACE_BEFORE = frozenset(
    {
        "based in",
        "headquartered in",
        "located in",
        "held in",
        "port of",
        "city of",
        "town of",
        "capital of",
        "province of",
        "region of",
        "village of",
        "island of",
        "near",
        "outside",
        "lies in",
        "located at",
        "terminal in",
        "terminals in",
        "plant in",
        "plants in",
        "port in",
        "ports in",
        "refinery in",
        "factory in",
        "headquarters in",
        "embassy in",
        "consulate in",
        "arrived in",
        "registered in",
        "talks in",
        "summit in",
        "ground in",
        "resort of",
    }
)
COMPASS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "southeast",
        "northeast",
        "southwest",
        "northwest",
        "upper",
        "lower",
        "greater",
    }
)
CONNECTORS = frozenset(
    {"of", "and", "&", "for", "de", "du", "la", "al", "el", "bin", "von", "van", "der", "di", "y"}
    | {"es"}  # "Dar es Salaam"
    | {"da", "dos", "das", "del", "della"}  # "Luiz Inacio Lula da Silva"
)
#: nouns after a name that make it a product's: "the F-16 fighter jets"
_PRODUCT_AFTER = frozenset(
    {"jets", "jet", "fighter", "fighters", "missile", "missiles", "tank", "tanks", "drone"}
    | {"drones", "console", "consoles", "series", "franchise", "helicopter", "helicopters"}
    | {"smartphone", "smartphones", "handsets", "app", "vaccine", "airliner", "airliners"}
)
#: a word between a product's name and its noun: "Patriot missile systems"
_PRODUCT_MODIFIERS = frozenset({"missile", "fighter", "air", "defence", "defense", "game", "video"})
#: what comes before a product's name: "the maker of the F-16", "publisher of Resident Evil"
_MAKER_OF = frozenset(
    {"maker of", "maker of the", "publisher of", "developer of", "manufacturer of"}
    | {"manufacturer of the", "developer of the", "creator of", "creator of the", "behind the"}
)
#: prefixes that make an adjective of a name: "post-Soviet"
_PREFIXES = frozenset({"post", "pre", "anti", "pro", "non", "neo", "pan"})
#: descriptor nouns that open a sentence before a name but start no name
_LEAD_DESCRIPTORS = frozenset(
    {"airline", "carrier", "lender", "miner", "insurer", "retailer", "chipmaker", "carmaker"}
    | {"automaker", "steelmaker", "planemaker", "broadcaster", "refiner", "conglomerate"}
    | {"operator", "producer", "exporter", "developer", "supplier", "manufacturer", "trader"}
    | {"publisher", "shipper", "shipbuilder", "utility", "startup", "regulator", "watchdog"}
)
#: the bodies and texts whose names go on after "on": "Committee on Foreign Investment"
_BODIES_ON = frozenset(
    {"committee", "commission", "council", "conference", "treaty", "convention", "court"}
    | {"agreement", "dialogue", "forum", "panel", "subcommittee", "working"}
)
#: honorifics that never belong to a name, even after a title ("UAE President Sheikh ...")
_HONORIFICS = frozenset({"sheikh", "sheikha", "ayatollah", "prince", "princess"})
#: titles that only qualify the title after them: "Deputy Ambassador Maxim Volkov"
_TITLE_MODIFIERS = frozenset({"deputy", "vice", "acting", "former", "interim", "senior"})
# all capitals ("RDIF", "ONHYM"), or two capitals or more among small letters ("WAPCo")
_ACRONYM = re.compile(r"^[A-Z](?:[A-Z0-9&.\-]{1,9}|(?=.*[A-Z])[A-Za-z0-9&.\-]{1,9})$")


@dataclass
class Found:
    """A mention found in a document (token offsets, end exclusive)."""

    start: int
    end: int
    text: str
    type: str | None
    kind: str  # name | metonym | demonym | acronym | unknown | anaphor
    entity: str | None = None  # registry id
    confidence: float = 1.0
    cluster: int = -1  # index of the article-level cluster, set by clustering
    cues: list[str] = field(default_factory=list)


class ClusterLike(Protocol):
    """What the article-level steps read of a cluster (``extractor.Cluster``)."""

    key: str
    label: str
    type: str | None
    forms: set[str]


class Gazetteer:
    """Registry names matched in text, case-sensitively and, for capitalised names, not."""

    def __init__(
        self, nlp: Language, registry: Registry, suffixes: frozenset[str] = frozenset()
    ) -> None:
        """``suffixes``: the words that end organisations' names ("Holding", "Group"),
        which a name may write in the singular or the plural and stay one name."""
        self.registry = registry
        self._suffixes = suffixes
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[str, list[tuple[str, str]]] = {}
        self._choices: list[str] | None = None
        self._fuzzy: dict[str, str | None] = {}
        self._by_length: dict[int, list[str]] = {}  # see _near
        exact: dict[str, set[str]] = {}
        lower: dict[str, set[str]] = {}
        for entity in registry:
            names = [(entity.label, "name")] + [(a, "name") for a in entity.aliases]
            names += [(m, "metonym") for m in entity.metonyms]
            names += [(d, "demonym") for d in entity.demonyms]
            # "Americans", "Israelis", "Cypriots": a state's people are no name of their own
            names += [
                (d + "s", "demonym")
                for d in entity.demonyms
                if not d.endswith(("sh", "ch", "ese", "s"))  # not "Chinese", "French", "Swiss"
            ]
            for name, kind in names:
                key = normalize_name(name)
                if not key:
                    continue
                entry = (entity.id, kind)
                if entry not in self.kinds.setdefault(key, []):
                    self.kinds[key].append(entry)
                exact.setdefault(key, set()).add(name)
                if len(name) >= 4 and name != name.lower() and not name.isupper():
                    lower.setdefault(key, set()).add(name)
        for key, names_ in exact.items():
            self.exact.add(key, [nlp.make_doc(n) for n in sorted(names_)])
        for key, names_ in lower.items():
            self.lower.add(key, [nlp.make_doc(n) for n in sorted(names_)])

    def fuzzy(
        self, doc: Doc, start: int, end: int, text: str | None = None
    ) -> tuple[str, str] | None:
        """A registry name within a typo of the span ("Bejing", "Kirill Dmitrev").

        Homonyms ("Beijing" the city and China's metonym) are chosen from context
        as for exact matches. ``text``, when the caller has it, is ``doc[start:end].text``.
        """
        key = _normalized(doc[start:end].text if text is None else text)
        if len(key) < 5 or key in self.kinds:
            return None
        head, _, form = key.rpartition(" ")
        full = f"{head} {_LEGAL_WORDS[form]}" if form in _LEGAL_WORDS else None
        if key not in self._fuzzy and full in self.kinds:
            # a legal form written short: "China Investment Corp." for "... Corporation"
            self._fuzzy[key] = full
        if key not in self._fuzzy:  # the registry name a key is a typo of, remembered
            hit = process.extractOne(key, self._near(len(key)), scorer=fuzz.ratio, score_cutoff=88)
            ok = (
                hit is not None
                and hit[0][0] == key[0]
                and len(hit[0].split()) == len(key.split())
                # "Northern Territory" is no typo of "Northern Territories"
                and not not_one_name(hit[0], key, self._suffixes)
            )
            self._fuzzy[key] = hit[0] if hit is not None and ok else None
        name = self._fuzzy[key]
        if name is None:
            return None
        options = [o for o in self.kinds[name] if o[1] != "demonym"]
        if not options:
            return None
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        return self._choose(options, before, after)

    def _near(self, length: int) -> list[str]:
        """The registry keys (of 5 characters or more, in registry order) that a key of
        ``length`` characters may be a typo of: ``fuzz.ratio`` is at most
        ``200 * min(a, b) / (a + b)`` for lengths ``a`` and ``b``, so the others
        score below the cutoff (88; 87 here, to be safe from rounding)."""
        near = self._by_length.get(length)
        if near is None:
            if self._choices is None:
                self._choices = [k for k in self.kinds if len(k) >= 5]
            near = [k for k in self._choices if 200 * min(length, len(k)) >= 87 * (length + len(k))]
            self._by_length[length] = near
        return near

    def find(self, doc: Doc, toks: Tokens | None = None) -> list[Found]:
        """The registry names in ``doc`` (longest first where they overlap)."""
        toks = Tokens(doc) if toks is None else toks
        text, lower = toks.text, toks.lower
        matches = [(start, end, match_id) for match_id, start, end in self.exact(doc)]
        matches += [
            (start, end, match_id)
            for match_id, start, end in self.lower(doc)
            if text[start][:1].isupper()
        ]
        strings = doc.vocab.strings
        found = []
        for start, end, match_id in _longest(matches):
            before = lower[start - 1] if start > 0 else ""
            after = lower[end] if end < len(lower) else ""
            choice = self._choose(self.kinds[strings[match_id]], before, after)
            if choice is None:
                continue
            entity_id, kind = choice
            entity = self.registry.entities[entity_id]
            found.append(
                Found(start, end, toks.span_text(start, end), entity.type, kind, entity_id)
            )
        return found

    def _choose(
        self, options: list[tuple[str, str]], before: str, after: str
    ) -> tuple[str, str] | None:
        """Of a name's registry entries, the one its neighbours (lower-cased) point to."""
        if len(options) == 1:
            return options[0]
        places = [o for o in options if self.registry.entities[o[0]].type == "Place"]
        metonyms = [o for o in options if o[1] == "metonym"]
        # "held in Moscow" is the city; "Moscow said", "Moscow's troops" the state.
        if places and metonyms:
            return places[0] if before in LOCATIVE or after == "-" else metonyms[0]
        names = [o for o in options if o[1] == "name"]
        states = [o for o in names if self.registry.entities[o[0]].type == "State"]
        return (states or names or options)[0]


#: the words before a place: "in Ladakh", "off Hawaii"
_WHERE = frozenset({"in", "near", "off", "across", "around", "throughout", "outside"})
#: what a firm is "in": "a stake in Uber", "invested in Grab"
_STAKE_IN = frozenset(
    {"stake", "stakes", "interest", "interests", "holding", "holdings", "share", "shares",
     "invest", "invests", "invested", "investing", "investment", "investments", "%",
     "percent", "cent", "role", "position", "positions", "equity", "bid", "rise", "fall",
     "jobs", "job", "involved", "participation", "partner", "partners", "buy", "bought",
     "part", "participate", "participates", "participated", "participating",
     "$", "billion", "million", "bn", "mln", "rupees", "yuan", "euros", "dollars", "pounds"}
)  # fmt: skip

#: what does not follow a place after "in": "in Tesla's", "brought in Wagner fighters"
_NOT_PLACE_AFTER = frozenset(
    {"'s", "\u2019s", "'", "fighters", "troops", "forces", "mercenaries", "officials",
     "executives", "shares", "employees", "staff", "soldiers", "personnel", "contractors"}
)  # fmt: skip

#: the prefixes of warships' names: "INS Shivalik", "USS Nimitz", "JS Onami"
SHIP_PREFIXES = frozenset(
    {"INS", "USS", "HMS", "HMAS", "HMCS", "HMNZS", "JS", "ROKS", "KRI", "BRP", "HNLMS", "FGS",
     "ITS", "ESPS", "TCG", "NRP", "RSS", "KD", "HTMS", "PNS", "IRIS", "FS", "HDMS", "HNoMS",
     "HSwMS", "ORP", "ENS", "USNS", "RFS", "BNS", "SLNS", "HMMS", "RoKS"}
)  # fmt: skip

#: a word that opens a sentence as a verb, not a name: "Headquartered", "Taking"
_OPENING_VERB = re.compile(r"^[a-z]{3,}(?:ed|ing)$")
#: what follows such a verb: "Headquartered in", "Taking part in", "Backed by"
_AFTER_OPENING_VERB = frozenset(
    {"in", "at", "on", "to", "by", "with", "from", "for", "part", "over", "after", "about",
     "up", "out", "into", "off", "as"}
)  # fmt: skip

#: the nouns after a place's name: "Shandong province" (not "the Simfer mine" or "the
#: Kashagan oilfield": those are assets stakes are held in, and the rules read them so)
_PLACE_AFTER = frozenset(
    {"province", "region", "oblast", "prefecture", "county", "district", "governorate",
     "peninsula", "island"}
)  # fmt: skip

#: words after "X state" that end a place's phrase: "in India's Gujarat state that is ..."
_WHERE_END = frozenset({"that", "which", "where", "and", "or", "in", "on", "of"})

#: bodies whose names may list their portfolios: "Ministry of Economy, Trade and Industry"
_PORTFOLIO_BODIES = frozenset({"ministry", "department", "committee"})
#: the words of a ministry's portfolios
_PORTFOLIOS = frozenset(
    {"economy", "economic", "trade", "industry", "energy", "land", "infrastructure", "transport",
     "tourism", "food", "rural", "affairs", "environment", "agriculture", "forestry", "fisheries",
     "health", "labour", "labor", "welfare", "education", "culture", "sport", "sports",
     "science", "technology", "communications", "digital", "development", "planning", "finance",
     "foreign", "internal", "justice", "housing", "urban", "water", "resources", "mines",
     "mineral", "petroleum", "climate", "business", "innovation", "youth", "family", "social",
     "security", "employment", "investment", "commerce", "cooperation", "integration", "natural",
     "information", "media", "arts", "heritage", "local", "public", "works", "gas", "oil",
     "power", "industrial", "strategy", "regional", "international", "budget", "treasury",
     "defence", "defense", "interior", "communities", "cohesion", "competitiveness"}
)  # fmt: skip
#: words between a site's name and its noun: "the Shah Deniz gas field"
_COMMODITIES = frozenset(
    {"gas", "oil", "natural", "crude", "lng", "condensate", "offshore", "onshore", "coal",
     "copper", "iron", "ore", "gold", "lithium", "nickel", "export", "import"}
)  # fmt: skip
#: a site's noun after its name and commodity words
_SITE_NOUNS = frozenset({"field", "fields", "project", "pipeline", "pipelines"})

#: an edition's number: "15th", "2nd"
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")

#: the types an organisational suffix may give a name
_ORG_TYPES = frozenset({"Company", "Fund", "Organization"})


def _longest(matches: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, id) matches, longest first, then earliest."""
    chosen: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        start, end, _ = match
        if not taken.intersection(range(start, end)):
            chosen.append(match)
            taken.update(range(start, end))
    return sorted(chosen, key=lambda m: m[0])


def is_syllable(word: str) -> bool:
    """A given name's second syllable, in lower case after a hyphen: "joon", "ngor"."""
    return (
        word.isascii()
        and word.isalpha()
        and word.islower()
        and len(word) <= 5
        and not word.endswith("ed")
        and word not in _HYPHEN_WORDS
    )


def _cap(text: str) -> bool:
    return (
        bool(text)
        and (text[0].isupper() or (text[0].isalpha() and any(c.isupper() for c in text[1:])))
        # "S$1.1 billion", "HK$4.5": a sum in a currency, not a name
        and not _CURRENCY_SUM.match(text)
    )


_CURRENCY_SUM = re.compile(r"[A-Z]{1,3}\$")


def _is_cap(token: Token) -> bool:
    return _cap(token.text)


class Tokens:
    """What the finders read of every token of one document, as plain lists.

    Reading an attribute of a spaCy token builds a ``Token`` object and looks a
    string up each time; these lists are made once per document. ``lower[i]``
    is ``doc[i].lower_``, ``space[i]`` whether ``doc[i].whitespace_``,
    ``cap[i]`` whether the token is capitalised, ``idx[i]`` ``doc[i].idx``.
    """

    __slots__ = ("cap", "idx", "like_num", "lower", "space", "string", "text")

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        """``text``, when given, must be ``doc.text`` (rebuilding it is slow)."""
        string = doc.text if text is None else text
        attrs = doc.to_array([IDX, LENGTH, SPACY, LIKE_NUM])
        columns: list[list[int]] = attrs.T.tolist() if len(doc) else [[], [], [], []]
        idx, lengths, self.space, self.like_num = columns
        self.string, self.idx = string, idx
        self.text = [string[i : i + n] for i, n in zip(idx, lengths, strict=True)]
        self.lower = [t.lower() for t in self.text]
        # an ASCII word that lower() leaves alone has no capital: no need to look
        self.cap = [
            (t != low or not t.isascii()) and _cap(t)
            for t, low in zip(self.text, self.lower, strict=True)
        ]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` for ``start < end``, sliced from the document's text."""
        return self.string[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]


def _named_mid_sentence(doc: Doc, toks: Tokens | None, start: int, end: int) -> bool:
    """Whether the capitalised run ``doc[start:end]`` that opens a sentence with
    a word like "State" or "Global" stands elsewhere in the text inside a sentence,
    where its first word can only be part of the name: "State Grid, the utility, ..."
    after "chose State Grid Corporation of China"."""
    if end - start < 2 or doc[start].is_stop:
        return False
    toks = Tokens(doc) if toks is None else toks
    text = toks.string  # not doc.text: spaCy joins every token again to make it
    span = toks.span_text(start, end)
    at = toks.idx[start]
    k = text.find(span)
    while k >= 0:
        j = k - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if k != at and j >= 0 and (text[j].islower() or text[j] in ",;("):
            return True
        k = text.find(span, k + 1)
    return False


def _list_start(lower: list[str], words: list[str], start: int) -> int:
    """Where the list of names that ``start`` ends begins: "in Rotterdam, Antwerp and
    Zeebrugge" reads Zeebrugge as following "in"."""
    k = start
    for _ in range(6):
        # a ticker or acronym in brackets after an item: "Volkswagen (VOW3), BMW and ..."
        if (
            k >= 5
            and lower[k - 1] == ","
            and lower[k - 2] == ")"
            and lower[k - 4] == "("
            and words[k - 5][:1].isupper()
        ):
            k -= 4
        elif k < 2 or lower[k - 1] not in {",", "and"} or not words[k - 2][:1].isupper():
            break
        else:
            k -= 1
        while k > 0 and words[k - 1][:1].isupper() and lower[k - 1] not in {",", "and"}:
            k -= 1
    return k


def _clause_before(lower: list[str], end: int, n: int) -> list[str]:
    """The ``n`` words before token ``end``, from the start of its sentence at most."""
    words = lower[max(0, end - n) : end]
    stop = max((k for k, w in enumerate(words) if w in (".", "!", "?", ";", "\n")), default=-1)
    return words[stop + 1 :]


def _phrase_before(
    lower: list[str], start: int, table: dict[str, str] | frozenset[str], max_words: int = 3
) -> str | None:
    """The longest lexicon phrase that ends right before token ``start`` (``lower``: the
    document's lower-cased tokens)."""
    for n in range(max_words, 0, -1):
        if start - n < 0:
            continue
        words = " ".join(lower[start - n : start])
        if words in table:
            return words
    return None


class NameFinder:
    """Names that are in no registry, from capitalisation and cue words."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._lower: list[str] = []
        self._text: list[str] = []
        self._toks: Tokens | None = None
        self._drills: bool | None = None  # whether this document speaks of exercises
        # the lengths titles come in, longest first: a text's title is one of its prefixes
        self._title_lengths = sorted({len(t) for t in lexicon.titles}, reverse=True)
        # the first two letters of every title: none if a title is shorter
        self._title_heads: frozenset[str] | None = (
            frozenset(t[:2] for t in lexicon.titles)
            if all(len(t) >= 2 for t in lexicon.titles)
            else None
        )
        # the plural firm descriptors ("Italian energy groups Eni and Enel"): plurals of
        # the lexicon's singular ones
        self._plural_firms = frozenset(
            word
            for word, type_ in lexicon.descriptor.items()
            if type_ == "Company"
            and (
                (word.endswith("s") and word[:-1] in lexicon.descriptor)
                or (word.endswith("ies") and word[:-3] + "y" in lexicon.descriptor)
            )
        )
        # words that may head a body's name before "of" ("Grand Duchy of ..." aside):
        # organisational and place words, descriptors and the words of titles
        self._of_heads = frozenset(
            {*lexicon.suffix, *lexicon.descriptor, *_WATERS, *_WATERS_FIRST}
            | {w for t in lexicon.titles for w in t.split()}
        )

    def _about_drills(self) -> bool:
        """Whether the document being read speaks of military exercises."""
        if self._drills is None:
            self._drills = not _DRILL_WORDS.isdisjoint(self._lower)
        return self._drills

    def find(
        self,
        doc: Doc,
        known: list[Found],
        toks: Tokens | None = None,
        sents: Sequence[Sentence] | None = None,
    ) -> list[Found]:
        """``sents``, when the caller has them: ``sentences(doc)``."""
        toks = Tokens(doc) if toks is None else toks
        self._lower = toks.lower  # for the cue look-ups of this document
        self._drills = None
        self._text = toks.text
        self._toks = toks
        cap, text, lower, space, like_num = (
            toks.cap,
            toks.text,
            toks.lower,
            toks.space,
            toks.like_num,
        )
        covered = {i for f in known for i in range(f.start, f.end)}
        by_end = {f.end: f for f in known}
        by_start = {f.start: f for f in known}
        out: list[Found] = []
        for sent in sentences(doc) if sents is None else sents:
            i = sent.start
            end = sent.end
            if _shouted(text[i:end]):
                continue  # a subheading in capitals: "WHAT THE MEASURES DO"
            while i < end:
                if i in covered or not cap[i]:
                    i += 1
                    continue
                j = i + 1
                while j < end and j not in covered:
                    # "Mail.Ru", "Rolls-Royce", "AT&T"; not a full stop ("... and Zeebrugge.")
                    glued = (
                        not space[j - 1]
                        and text[j] in _GLUE
                        and (text[j] != "." or (not space[j] and j + 1 < end))
                    )
                    # particles: "Bank of China", "Khalid al-Falih", "Mohammed bin Salman"
                    particle = (
                        (
                            lower[j] in CONNECTORS
                            # "Cabinet Committee on Energy", "Conference on Disarmament"
                            or (
                                lower[j] == "on"
                                and lower[j - 1] in _BODIES_ON
                                and j + 1 < end
                                and lower[j + 1] not in _CALENDAR  # "... Council on Tuesday"
                            )
                        )
                        # "Organization for Metals", "Institute for China Studies"; not
                        # "the Northern Territory for Exercise Pitch Black"
                        # "Minister for Energy Hammad Azhar": a title's portfolio
                        and (
                            lower[j] != "for"
                            or self.lex.suffix.get(lower[j - 1]) not in _NOT_ORG
                            or lower[j - 1] in self.lex.titles
                        )
                        and j + 1 < end
                        and j + 1 not in covered
                        and (
                            cap[j + 1]
                            or (text[j + 1] == "-" and not space[j] and j + 2 < end and cap[j + 2])
                            # two particles: "Ursula von der Leyen"
                            or (
                                lower[j + 1] in CONNECTORS
                                and lower[j] != "and"
                                and j + 2 < end
                                and j + 2 not in covered
                                and cap[j + 2]
                            )
                        )
                    )
                    # a plural possessive inside a name: "Ontario Teachers' Pension Plan",
                    # "People's Government", "People's Bank"
                    plural = (
                        (
                            (text[j] in {"'", "\u2019"} and lower[j - 1].endswith("s"))
                            or (lower[j] in {"'s", "\u2019s"} and lower[j - 1] == "people")
                        )
                        and not space[j - 1]
                        and j + 1 < end
                        and j + 1 not in covered
                        and cap[j + 1]
                    )
                    # a number after a name is part of it ("Zapad 2017"), unless it is a
                    # share, or the name is a month or a currency ("Oct. 8", "CHF 13")
                    number = (
                        like_num[j]
                        and text[j][:1].isdigit()  # not "Sistan-Baluchestan two days later"
                        and cap[j - 1]
                        and not (j + 1 < end and lower[j + 1] in PERCENT_WORDS)
                        and lower[j - 1] not in _CALENDAR
                        and lower[j - 1] not in self.lex.not_names  # "About 30,000 troops"
                    )
                    # the syllable after a hyphen in a Korean or Cantonese given name:
                    # "Chung Mong-joon", "Carrie Lam Cheng Yuet-ngor", "John Lee Ka-chiu"
                    syllable = (
                        text[j - 1] == "-"
                        and j - 3 >= i
                        and cap[j - 2]
                        and cap[j - 3]
                        and not space[j - 2]
                        and not space[j - 1]
                        and is_syllable(text[j])
                    )
                    # a particle between hyphens: "Rostov-on-Don", "Stratford-upon-Avon"
                    hyphened = (
                        lower[j] in _HYPHEN_PARTICLES
                        and text[j - 1] == "-"
                        and not space[j - 1]
                        and not space[j]
                        and j + 2 < end
                        and text[j + 1] == "-"
                        and cap[j + 2]
                    )
                    if cap[j] or number or glued or particle or plural or syllable or hyphened:
                        j += 1
                    elif self._event_of_the(j, end, covered):
                        j += 3  # "the Rim of the Pacific exercise"
                    else:
                        break
                j = self._portfolio_list(i, j, end, covered)
                of = by_start.get(j + 1) if j + 1 < end and lower[j] == "of" else None
                if (
                    of is not None
                    and lower[j - 1] in _HEADS_OF_PLACE
                    and of.kind == "name"
                    and of.type in ("State", "Place")
                    and of in known
                ):
                    # "the Gulf of Finland", "Bank of America": the state's or place's
                    # name ends a place's or a body's
                    known.remove(of)
                    j = of.end
                found: list[Found] = []
                for a, b in self._split_lists(doc, i, j):
                    found += self._candidates(doc, a, b, sent.start)
                firm = self._national_firm(doc, found, j, by_start, known)
                if firm is not None:
                    out.extend([*(f for f in found if f.end < j), firm])
                    i = firm.end
                    continue
                found = self._merge_known(doc, found, i, by_end, known, sent)
                if found and found[0].start < i:  # a known name began a longer one
                    found[0] = self._extend_back(doc, found[0], out, by_end, known)
                if found and found[-1].end == j:
                    found[-1] = self._with_state_after(doc, found[-1], by_start, known, sent)
                if (
                    found
                    and (
                        found[0].type == "Event"
                        or (found[0].type in ("Organization", None) and lower[j - 1] in _UNITS)
                    )
                    and found[0].start > sent.start
                    and found[0].start - 1 not in covered
                    and _ORDINAL.match(lower[found[0].start - 1])
                ):
                    # "the 15th BRICS Summit": the edition is part of the event's name;
                    # "the 11th Airborne Division": the number is part of a unit's
                    f = found[0]
                    found[0] = replace(
                        f,
                        start=f.start - 1,
                        text=doc[f.start - 1 : f.end].text,
                        type=f.type or "Organization",
                    )
                out.extend(found)
                i = j
        return self._suffix_joined(doc, out, by_end, known)

    def _suffix_joined(
        self, doc: Doc, out: list[Found], by_end: dict[int, Found], known: list[Found]
    ) -> list[Found]:
        """``out`` with a lone organisational or event word that follows a name made
        the end of that name: "MSM Malaysia Holdings" (a firm whose name holds a
        state's), "the Kuala Lumpur Summit" (an event a place names); a known name
        so joined leaves ``known``."""
        space = self._toks.space if self._toks is not None else []
        res: list[Found] = []
        for b in out:
            firm = res[-1] if res and res[-1].end == b.start else None
            if (
                b.kind == "unknown"
                and b.type in ("Event", "Product")
                and self.lex.suffix.get(self._lower[b.end - 1]) == b.type
                and firm is not None
                and firm.kind == "unknown"
                and firm.type in (None, "Company")
                and not firm.cues
                and space[firm.end - 1]
            ):
                # a law or pact whose name holds a state's, which split the run:
                # "Caesar Syria Civilian Protection Act", "Investment Canada Act"
                text = doc[firm.start : b.end].text
                res[-1] = replace(firm, end=b.end, text=text, type=b.type, confidence=b.confidence)
                continue
            body = res[-1] if res and res[-1].end == b.start - 1 else None
            if (
                body is not None
                and self._lower[b.start - 1] == "on"
                and self._lower[body.end - 1] in _BODIES_ON
                and body.kind == b.kind == "unknown"
                and b.type in (None, "Company")
                and not body.cues
            ):
                # a known name inside split the run: "the Forum on China-Africa Cooperation"
                text = doc[body.start : b.end].text
                type_ = self.lex.suffix.get(self._lower[body.end - 1], body.type)
                res[-1] = replace(body, end=b.end, text=text, type=type_, confidence=0.85)
                continue
            kind = self.lex.suffix.get(self._lower[b.start])
            if b.end - b.start != 1 or b.kind != "unknown" or b.type is not None or kind is None:
                res.append(b)
                continue
            place = by_end.get(b.start)
            if (
                kind in ("Company", "Product")
                and firm is not None
                and firm.type == "Company"
                and firm.kind == "unknown"
                and space[firm.end - 1]
            ):
                text = doc[firm.start : b.end].text
                res[-1] = replace(firm, end=b.end, text=text, type=kind)
            elif (
                kind == "Event"
                and place is not None
                and place in known
                and place.kind in ("name", "metonym")
                and place.type in ("Place", "State")
                and space[place.end - 1]
            ):
                known.remove(place)
                text = doc[place.start : b.end].text
                res.append(Found(place.start, b.end, text, "Event", "unknown", None, 0.8))
            else:
                res.append(b)
        return res

    def _national_firm(
        self, doc: Doc, found: list[Found], j: int, by_start: dict[int, Found], known: list[Found]
    ) -> Found | None:
        """ "Oil India", "Air India": an industry word that ends a capitalised run
        (``found`` are its names) and a state's name right after it are a national
        firm, not the state; the state's mention leaves ``known``. A longer name
        before the state ("Reliance Power India") is left to _with_state_after."""
        state = by_start.get(j)
        toks = self._toks
        if (
            toks is None
            or toks.lower[j - 1] not in _NATIONAL_FIRM_FIRST
            or state is None
            or state.type != "State"
            or state.kind != "name"
            or state not in known
            or not toks.space[j - 1]
            or any(f.end == j and f.start < j - 1 for f in found)
        ):
            return None
        known.remove(state)
        text = doc[j - 1 : state.end].text
        return Found(j - 1, state.end, text, "Company", "unknown", None, 0.7)

    def _with_state_after(
        self,
        doc: Doc,
        name: Found,
        by_start: dict[int, Found],
        known: list[Found],
        sent: Sentence,
    ) -> Found:
        """An unknown firm's name that a state's name ends: "Beas Rovuma Energy
        Mozambique" (not in a list, nor in a headline written in title case). A known
        name before the state ("Shell Nigeria") is left to :meth:`_merge_known`'s rules."""
        state = by_start.get(name.end)
        toks = self._toks
        if (
            toks is None
            or state is None
            or state.kind != "name"
            or state.type != "State"
            or state not in known
            or name.type not in (None, "Company")
            or name.cues
            or not toks.space[name.end - 1]
            or " and " in name.text  # "ONGC Videsh and Oil India": a list, not one name
            or name.text.endswith(".")  # "... Resources Corp. Canada said": a full stop
        ):
            return name
        if self._title_case(sent):
            return name  # a headline in title case: "Huawei Sues US Over Ban"
        known.remove(state)
        return Found(
            name.start,
            state.end,
            doc[name.start : state.end].text,
            "Company",
            "unknown",
            None,
            0.7,
        )

    def _portfolio_list(self, i: int, j: int, end: int, covered: set[int]) -> int:
        """Where a ministry's name that lists its portfolios ends: "Ministry of
        Economy, Trade and Industry", "Department for Environment, Food and Rural
        Affairs" go on past the commas to the "and" item; ``j`` is where the name
        would end at its first comma."""
        lower, text, cap = self._lower, self._text, self._toks.cap if self._toks else []
        if not (
            j < end
            and text[j] == ","
            and lower[i] in _PORTFOLIO_BODIES
            and i + 1 < j
            and lower[i + 1] in ("of", "for")
        ):
            return j
        k = j
        while k + 1 < end and text[k] == "," and cap[k + 1] and k + 1 not in covered:
            k += 1
            closed = False
            while k < end and k not in covered:
                if cap[k] and lower[k] in _PORTFOLIOS:
                    k += 1
                elif lower[k] in ("and", "&") and k + 1 < end and cap[k + 1]:
                    closed = True
                    k += 1
                else:
                    break
            if closed:
                return k
        return j

    def _title_case(self, sent: Sentence) -> bool:
        """Whether a sentence is a headline in title case: no long lower-case word."""
        text = self._text
        return not any(len(t) > 3 and t.islower() for t in text[sent.start : sent.end])

    def _event_of_the(self, j: int, end: int, covered: set[int]) -> bool:
        """Whether "of the" at ``j`` goes on with an event's name: "the Rim of the
        Pacific exercise" (a capitalised run, then a gathering's noun)."""
        lower, cap = self._lower, self._toks.cap if self._toks else []
        if not (
            j + 2 < end
            and lower[j] == "of"
            and lower[j + 1] == "the"
            and cap[j + 2]
            and j + 2 not in covered
        ):
            return False
        k = j + 2
        while k < end and cap[k] and k not in covered:
            k += 1
        return k < end and lower[k] in _EVENT_WORDS

    def _merge_known(
        self,
        doc: Doc,
        found: list[Found],
        i: int,
        by_end: dict[int, Found],
        known: list[Found],
        sent: Sentence | None = None,
    ) -> list[Found]:
        """A known name followed by more capitalised words is part of another name.

        "Gazprom Neft" (a firm, then more words); "China Merchants Port
        Holdings", "Santiago Stock Exchange" (a state or place, then words
        that end in an organisational suffix); "Xiamen Meiya Pico" (a city,
        then words that no cue typed: a firm).
        """
        before = by_end.get(i)
        if not found or before is None or found[0].start != i or not doc[i - 1].whitespace_:
            return found
        if found[0].cues or before.kind not in ("name", "metonym") or before not in known:
            return found
        firm = before.type in ("Company", "Fund", "Organization")
        words = self._lower[found[0].start : found[0].end]
        if before.type == "Company" and all(w.rstrip(".") in _LEGAL_FORMS for w in words):
            # "Japan's Nippon Steel Corp.": the firm the registry knows, written in full
            known[known.index(before)] = replace(
                before, end=found[0].end, text=doc[before.start : found[0].end].text
            )
            return found[1:]
        suffixed = found[0].confidence >= 0.85 and found[0].type not in (None, "Person")
        # only a legal or organisational word after a known name: "Nord Stream AG",
        # "Qatar Holding", "Power of Siberia LLC"
        suffixed = suffixed or (
            len(words) <= 2
            and before.type != "Person"
            and all(self.lex.suffix.get(w) in _ORG_TYPES for w in words)
        )
        # a city's name starts many firms' names: "Xiamen Meiya Pico", "Los Angeles Dodgers"
        placed = before.type == "Place" and before.kind == "name" and not suffixed
        # and a state's: "China Huadian", "Japan Tobacco", "Korea Zinc"; not in a
        # headline in title case ("China Bans Exports")
        national = (
            before.type == "State"
            and before.kind == "name"
            and found[0].type is None
            and len(words) <= 2
            and words[-1] not in _STATE_NOT_FIRM
            and sent is not None
            and not self._title_case(sent)
        )
        if not (
            firm
            or placed
            or national
            or (before.type in ("State", "Place", "Product") and suffixed)
        ):
            return found
        type_ = found[0].type or self.lex.suffix.get(words[-1]) or before.type
        if national:
            type_ = "Company"
        if placed:
            # "Sakhalin Island", "Hamburg Port Authority": the last word tells
            type_ = self.lex.suffix.get(self._lower[found[0].end - 1], "Company")
        # the merged name's last two words may tell more than the part's last
        # word: "Kuwait Investment Authority" is a fund, not an authority
        last_two = " ".join(self._lower[found[0].end - 2 : found[0].end])
        if found[0].end - before.start > 2 and last_two in self.lex.suffix:
            type_ = self.lex.suffix[last_two]
        merged = Found(
            before.start,
            found[0].end,
            doc[before.start : found[0].end].text,
            type_,
            "unknown",
            None,
            0.7,
        )
        known.remove(before)
        return [merged, *found[1:]]

    def _extend_back(
        self,
        doc: Doc,
        merged: Found,
        out: list[Found],
        by_end: dict[int, Found],
        known: list[Found],
    ) -> Found:
        """A merged name takes in the name right before it: "Huajin Aramco
        Petrochemical" (an unknown word, then a firm's name and more words),
        "Rosneft-Shell Caspian Ventures" (a known name and a hyphen)."""
        if self._toks is None:  # only called from find, which sets it
            return merged
        s, space, text = merged.start, self._toks.space, self._text
        start = None
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == s
            and space[s - 1]
            and not prev.cues
            and prev.type != "Person"
        ):
            out.pop()
            start = prev.start
        elif s >= 2 and text[s - 1] == "-" and not space[s - 2] and not space[s - 1]:
            left = by_end.get(s - 1)
            if left is not None and left.kind == "name" and left in known:
                known.remove(left)
                start = left.start
            elif (
                prev is not None
                and prev.end == s - 1
                and not prev.cues
                and prev.type in (None, "Company")
            ):
                # "South-East Asia Gas Pipeline Co.": a word and a hyphen before
                out.pop()
                start = prev.start
        if start is None:
            return merged
        return Found(
            start,
            merged.end,
            doc[start : merged.end].text,
            merged.type,
            "unknown",
            None,
            merged.confidence,
        )

    def _split_lists(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """Split "KKR and BlackRock" or "Megvii Technology and Yitu Technology" in two."""
        parts: list[tuple[int, int]] = []
        a = start
        last = end  # "Amazon and Walmart-owned": the hyphen ends the run, not a name
        while last > start and self._text[last - 1] in _GLUE:
            last -= 1
        # a capitalised word glued before the run (a demonym: "German Khan and
        # Alexey Kuzmichov") is the first word of its first name
        glued = int(
            start > 0
            and self._text[start - 1][:1].isupper()
            and self._text[start - 1].isalpha()
            and self._lower[start - 1] not in self.lex.not_names  # "The", "In"
        )
        # "Suntech, Yingli and Trina Solar": after a comma, "and" ends a list's item
        listed = start > glued and self._text[start - 1 - glued] == ","
        # an ampersand joins the words of a name, so "and" joins names
        amp = "&" in self._text[start:end]
        for k in range(start + 1, end - 1):
            if self._lower[k] == "of":
                # "Axel Lehmann of Credit Suisse": two names; "A and B of C": three
                b = next((q + 1 for q in range(k - 1, a - 1, -1) if self._lower[q] == "and"), a)
                if self._person_of(b, k):
                    if b > a:
                        parts.append((a, b - 1))
                    parts.append((b, k))
                    a = k + 1
                continue
            if doc[k].lower_ != "and" or k - a < 1:
                continue
            left, right = doc[k - 1], doc[k + 1]
            if (
                listed
                or amp  # "Lockheed Martin and Raytheon Missiles & Defense"
                or left.lower_ in self.lex.suffix
                or left.is_upper
                or right.is_upper
                # "Kuka and Midea", "West Fraser and Tolko", "Tata Steel and Corus": a name of
                # one word on either side; longer runs may be one name ("Department of
                # Trade and Industry", "Hong Kong and Shanghai Banking Corporation"), and
                # so may a run after "the" ("the Competition and Markets Authority"),
                # unless a plural says it is two ("the Atyrau and Pavlodar refineries")
                or (
                    min(k - a, last - k - 1) == 1
                    and max(k - a, last - k - 1) <= 2
                    and self.lex.suffix.get(self._lower[last - 1]) not in _ORG_TYPES
                    and (
                        a > start
                        or start == 0
                        or self._lower[start - 1] != "the"
                        or (end < len(doc) and _PLURAL_NOUN.match(self._text[end]) is not None)
                    )
                )
                or self._two_names(doc, a, k, last, glued if a == start else 0)
            ):
                parts.append((a, k))
                a = k + 1
        parts.append((a, end))
        return parts

    def _person_of(self, a: int, k: int) -> bool:
        """Whether "of" at ``k`` follows a person's name that starts at ``a``: two or
        more capitalised words, none a body's, place's or title's word ("Axel
        Lehmann of Credit Suisse"), not a body's name ("Bank of England", "Islamic
        Republic of Iran", "Federal Reserve Bank of New York")."""
        lower, text = self._lower, self._text
        return (
            k - a >= 2
            and all(t[:1].isupper() and t.isalpha() and not t.isupper() for t in text[a:k])
            and not any(
                w in self._of_heads or w in self.lex.not_names or w in _BODY_ADJECTIVES
                for w in lower[a:k]
            )
        )

    def _two_names(self, doc: Doc, a: int, k: int, end: int, before: int = 0) -> bool:
        """Whether "and" at ``k`` joins two names of two words or more (``before``: words
        of the first glued before ``a``), neither with a particle: "Behdad Eghbali and
        Jose E. Feliciano", "Río Negro and La Pampa" (a capital "La" starts a name), not
        "Department of Energy and Climate Change" or "Yixin Science and Technology"."""
        nxt = next((j for j in range(k + 1, end) if doc[j].lower_ == "and"), end)
        left, right = doc[a:k], doc[k + 1 : nxt]
        return (
            len(left) + before >= 2
            and len([t for t in right if t.is_alpha]) >= 2
            and not any(t.text in CONNECTORS for t in (*left, *right))
        )

    def _orgish(self, words: list[str]) -> bool:
        return bool(words) and self.lex.suffix.get(words[-1], "Place") != "Place"

    def _candidates(self, doc: Doc, start: int, end: int, sent_start: int) -> list[Found]:
        lex = self.lex
        lower, words = self._lower, self._text  # doc[i].lower_ and doc[i].text, as lists
        # Strip words that start sentences or are titles; a title is a person cue.
        cues: list[str] = []
        while start < end:
            two = " ".join(lower[start : min(start + 3, end)])
            # the longest title ``two`` starts with (lex.titles_longest_first, read faster)
            title = (
                next(
                    (
                        t
                        for n in self._title_lengths
                        if n <= len(two)
                        and (n == len(two) or two[n] in " .")  # "Queensland" is no queen
                        and (t := two[:n]) in lex.titles
                        and len(t.split()) <= end - start
                    ),
                    None,
                )
                if self._title_heads is None or two[:2] in self._title_heads
                else None
            )
            # One title is enough: "chief executive Sultan Ahmed Al Jaber" keeps "Sultan";
            # and "Premier League" is an organisation, not a title and a name.
            before = _phrase_before(self._lower, start, lex.titles)
            titled = before is not None and before not in _TITLE_MODIFIERS
            # ... nor is "General" before "Administration of Customs": the head before
            # "of" may say it is a body's name as well as its last word
            inside = lower[start + 1 : end - 1]
            of_at = start + 1 + inside.index("of") if "of" in inside else 0
            org_end = lex.suffix.get(lower[end - 1]) not in (None, "Place") or (
                of_at > start + 1 and lex.suffix.get(lower[of_at - 1]) not in (None, "Place")
            )
            # a hyphenated title, three tokens: "Secretary-General Antonio Guterres"
            hyphenated = "-".join(lower[start : start + 3 : 2])
            if (
                start + 3 < end
                and lower[start + 1] == "-"
                and hyphenated in lex.titles
                and not org_end
            ):
                cues.append("title:" + hyphenated)
                start += 3
                continue
            if (
                title
                and (title.count(" ") + 1) < end - start
                # a rank written short is never a name's: "military chief Gen. Andika Perkasa"
                and (not titled or title in _HONORIFICS or title.endswith("."))
                and not org_end
            ):
                cues.append("title:" + title)
                start += title.count(" ") + 1
                continue
            # "Minister of Foreign Affairs Wang Yi": a portfolio after a title's "of",
            # then the person; "Chairman of Procter and Gamble": what the title is of
            if cues and lower[start] in ("of", "for"):
                start += 1
                k = start
                while k < end - 1 and lower[k] in _PORTFOLIO:
                    k += 1
                if k == start:
                    cues = []
                start = k
                continue
            # Sentence and quote openers ("However", "Global") are not part of a name;
            # after a comma or a dash ("the buyers - Global Infrastructure Partners")
            # they are; mid-sentence only days and months never are ("on Monday").
            at_start = (
                start == sent_start
                or words[start - 1] in _OPENERS
                or (start - 1 == sent_start and words[start - 1] in ROW_MARKS)  # "- The"
            )
            # "Headquartered in Nijmegen, ...", "Speaking in Delhi, ...": an opening verb
            verb = (
                at_start
                and end - start == 1
                and _OPENING_VERB.match(lower[start]) is not None
                # "Kunming is ...", "Nanjing, the capital": names that end like verbs
                and (end >= len(lower) or lower[end] in _AFTER_OPENING_VERB)
            )
            if (
                (
                    at_start
                    and (lower[start] in lex.not_names or doc[start].is_stop)
                    and not _named_mid_sentence(doc, self._toks, start, end)
                    # a body's adjective before a body's last word: "Global
                    # Infrastructure Partners", "Global Governance Initiative"
                    and not (
                        lower[start] in _BODY_ADJECTIVES
                        and lex.suffix.get(lower[end - 1]) not in (None, "Place")
                    )
                )
                or verb
                # "Airline TAP and airports operator ANA are next": a descriptor
                or (at_start and lower[start] in _LEAD_DESCRIPTORS)
                or lower[start] in _CALENDAR
                # what an opener glued to the name leaves: "Then-Prime Minister X"
                or words[start] in _GLUE
            ):
                start += 1
                continue
            break
        while end > start and (lower[end - 1] in CONNECTORS or words[end - 1] in _GLUE):
            end -= 1
        # "Shares of Oil India": what an opener leaves is no name's start
        while start < end and lower[start] in _NO_START:
            start += 1
        if start >= end:
            return []
        if (
            end - start == 1
            and lower[start] in _REGIONAL_ADJECTIVES
            and end < len(lower)
            and words[end].isalpha()
            and words[end].islower()
        ):
            return []  # "Gazprom's European partners": an adjective, no name
        # a title inside the name starts a person's name: "External Affairs Minister
        # Subrahmanyam Jaishankar", "Foxconn Chairman Young Liu"; what comes before it
        # is a name of its own unless it only says the portfolio
        inner = next(
            (
                k
                for k in range(start + 1, end - 1)
                if lower[k] in _INNER_TITLES
                and lower[k + 1] not in CONNECTORS
                # "the Hong Kong Executive Council": no person's name after the title
                # (but "Prime Minister Gordon Brown and Treasury" holds one)
                and (lex.suffix.get(lower[end - 1]) is None or "and" in lower[k + 1 : end])
            ),
            None,
        )
        # "Daimler Chief Executive Dieter Zetsche", "KRG Prime Minister Masrour Barzani":
        # the title's first words belong to it
        while inner is not None and inner - 1 > start and lower[inner - 1] in _TITLE_LEADS:
            inner -= 1
        if inner is not None:
            head = (
                []
                if set(lower[start:inner]) <= _PORTFOLIO
                else self._candidates(doc, start, inner, sent_start)
            )
            return head + self._candidates(doc, inner, end, sent_start)
        # a person's name holds no "and": "Foreign Minister Penny Wong and Marles",
        # "Antony Blinken and Defense Secretary Lloyd Austin"
        titled = bool(cues) or (end < len(lower) and lower[end] in _INNER_TITLES)
        if "and" in lower[start + 1 : end - 1] and (
            titled or _phrase_before(lower, start, lex.titles)  # "chief executive X and Y"
        ):
            k = lower.index("and", start + 1, end - 1)
            rest = (
                []
                if set(lower[k + 1 : end]) <= _PORTFOLIO
                else self._candidates(doc, k + 1, end, sent_start)
            )
            return self._candidates_titled(doc, start, k, cues) + rest
        return self._candidates_titled(doc, start, end, cues)

    def _candidates_titled(self, doc: Doc, start: int, end: int, cues: list[str]) -> list[Found]:
        """The name ``doc[start:end]``, with the titles before it as ``cues``, unless
        it is a number, a word that names nothing, or a title."""
        lex = self.lex
        lower, words = self._lower, self._text
        text = self._toks.span_text(start, end) if self._toks else doc[start:end].text
        if len(text) < 2 or not any(c.isalpha() for c in text):
            return []
        if end - start == 1 and (
            words[start][:1].isdigit()  # "The 52nd edition": a number is no name
            or lower[start] in lex.not_names
            or lower[start] in lex.titles
            or re.match(r"^[A-Z]{2,}s$", words[start])
        ):
            return []
        if " ".join(lower[start:end]) in lex.titles:
            return []
        # "post-Soviet republics", "anti-Western": a prefix makes an adjective
        if start >= 2 and words[start - 1] == "-" and lower[start - 2] in _PREFIXES:
            return []
        type_, confidence = self._type(doc, start, end, cues)
        return [Found(start, end, text, type_, "unknown", None, confidence, cues=cues)]

    def _type(self, doc: Doc, start: int, end: int, cues: list[str]) -> tuple[str | None, float]:
        lex = self.lex
        low, txt = self._lower, self._text  # doc[i].lower_ and doc[i].text, as lists
        n_doc = len(low)
        words = low[start:end]
        # 0. a central bank is a state's body, not a lender: "Central Bank of Russia",
        # "Reserve Bank of India", "the European Central Bank"
        if "bank" in words and any(w in _CENTRAL_BANKS for w in words):
            return "Organization", 0.85
        # 1. the head before "of" or "on" gives the type: "Bank of China"
        inner = next((w for w in ("of", "on", "for") if w in words[1:-1]), None)
        if inner is not None:  # "Committee on Foreign Investment", "Office for ..."
            head = words[words.index(inner) - 1]
            if head in lex.suffix and (lex.suffix[head] != "Place" or head in _WATERS):
                return lex.suffix[head], 0.85
        # 1b. or an organisational suffix ends the name
        for n in (2, 1):
            if len(words) > n and " ".join(words[-n:]) in lex.suffix:
                return lex.suffix[" ".join(words[-n:])], 0.85
        # 1b'. a warship: "INS Shivalik", "USS John S. McCain"
        if len(words) > 1 and txt[start] in SHIP_PREFIXES:
            return "Product", 0.85
        # 1c. a geographic word starts it: "Lake Albert", "Mount Kenya"
        if len(words) > 1 and words[0] in _WATERS_FIRST:
            return "Place", 0.8
        # 1d. "Exercise Pitch Black 2022", "Operation Sea Guardian"
        if len(words) > 1 and words[0] in ("exercise", "operation"):
            return "Event", 0.85
        # 1e. "the 52nd edition of Baltic Operations"
        if _phrase_before(low, start, _EDITION_OF, 2):
            return "Event", 0.8
        if len(words) >= 2 and words[-1].isdigit() and len(words[-1]) == 4 and start > 0:
            after = low[end] if end < n_doc else ""
            if after in lex.suffix and lex.suffix[after] == "Event":
                return "Event", 0.85
        # 2. "Hangzhou-based", "based in Saskatoon", "the port of X": a place
        after2 = " ".join(self._lower[end : end + 2])
        placed = after2 in {"- based", "- headquartered", "- listed", "- registered"}
        if placed and not self._orgish(words):
            return "Place", 0.8
        first = _list_start(self._lower, self._text, start)
        if _phrase_before(self._lower, first, _PLACE_BEFORE, 4) and not self._orgish(words):
            return "Place", 0.75
        # 2. a title right before: a person
        title = _phrase_before(self._lower, start, lex.titles) or next(
            (c[6:] for c in cues if c.startswith("title:")), None
        )
        if title:
            return "Person", 0.85
        # 2b. a field or pipeline noun after, past commodity words: "Azerbaijan's giant
        # Shah Deniz gas field", "the Power of Siberia gas pipeline"
        k = end
        while k < n_doc and k - end < 2 and low[k] in _COMMODITIES:
            k += 1
        if end < k < n_doc and low[k] in _SITE_NOUNS:
            return "Product", 0.75  # an asset, which stakes are held in
        # 3. a descriptor noun right before ("telecom company X", "the fund X")
        # ... or before the list it is in: "U.S. publishers Activision Blizzard,
        # Electronic Arts and Take-Two Interactive"
        at = start
        desc = _phrase_before(self._lower, start, lex.descriptor)
        if desc is None and first < start:
            at, desc = first, _phrase_before(self._lower, first, lex.descriptor)
        if desc and (at < 2 or low[at - 2] not in {"of", "by"}):
            return lex.descriptor[desc], 0.8
        # 3b. "state-owned Turkmengaz", "the state-run X": a state's firm
        if (
            start >= 3
            and low[start - 2] == "-"
            and low[start - 3] in ("state", "government")
            and low[start - 1] in ("owned", "run", "controlled", "backed")
        ):
            return "Company", 0.75
        # 4. the word after is a suffix-like noun ("the Nord Stream 2 pipeline", "the X Forum")
        after_words = {
            "pipeline",
            "platform",
            "system",
            "project",
            "exercises",
            "drills",
            "summit",
            "forum",
            "fund",
            "field",
            "port",
            "exercise",
            "drill",
            "games",
            "group",  # "the Techint group"
            "conglomerate",
        }
        if end < n_doc and low[end] in after_words:
            return lex.descriptor.get(low[end], "Event"), 0.75
        # ... or a product's: "the F-16 fighter jets", "Patriot missile systems", "the
        # Dynasty Warriors series"; or a maker comes before: "the publisher of Resident Evil"
        if end < n_doc and (
            low[end] in _PRODUCT_AFTER
            or (
                low[end] in _PRODUCT_MODIFIERS
                and end + 1 < n_doc
                and low[end + 1] in _PRODUCT_AFTER
            )
        ):
            return "Product", 0.75
        if _phrase_before(low, first, _MAKER_OF, 3):
            return "Product", 0.7
        # ... or a place's: "China's Shandong province"
        if end < n_doc and low[end] in _PLACE_AFTER:
            return "Place", 0.75
        # ... "India's Gujarat state, ...": a state of a country, when no firm's noun follows
        if (
            end < n_doc
            and low[end] == "state"
            and first > 0
            and low[first - 1] == "'s"
            and (end + 1 >= n_doc or not txt[end + 1][:1].isalpha() or low[end + 1] in _WHERE_END)
        ):
            return "Place", 0.7
        # ... or an event noun after one modifier: "the Malabar 2020 naval exercise"
        if (
            end + 1 < n_doc
            and low[end] in _EVENT_MODIFIERS
            and low[end + 1] in {"exercise", "exercises", "drills", "games", "summit"}
        ):
            return "Event", 0.75
        # 5. an apposition after: "X, Russia's largest oil producer," / "X, a Chinese lender,"
        if end + 1 < n_doc and txt[end] == "," and low[end + 1] not in _NOT_APPOSITION:
            k = end + 1
            # eight words; a hyphen joins two ("the petrol-engine and hybrid-drivetrain maker")
            limit = min(n_doc, k + 8 + low[k : k + 12].count("-"))
            described: str | None = None
            described_at = -2
            # a title anywhere in it makes a person: "Greg Clark, the business secretary,"
            while k < limit and txt[k] not in {",", ".", ";"}:
                word = low[k]
                if word in _CLAUSE_STARTS:
                    break  # "X, the group run by chairman Y": the title is Y's
                if word in lex.head_titles or word in lex.other_titles:
                    if _name_follows(txt, k + 1, min(k + 4, n_doc)):
                        break  # "ADQ, chief executive Mohamed Alsuwaidi": his title
                    return "Person", 0.75
                if word in {"'s", "\u2019s"} and described_at == k - 1:
                    # "X, the alliance's largest exercise": the owner is not the head
                    described, described_at = None, -2
                if (
                    (described is None or described_at == k - 1)
                    and word in lex.descriptor
                    and not txt[k][:1].isupper()
                    # "X, one of the largest zinc producers", "X, a coalition of
                    # European manufacturers": a class X is in, or its members
                    and not (word in self._plural_firms and "of" in low[end + 1 : k])
                ):
                    # the last of a run is the head: "the port operator" is a firm
                    described, described_at = lex.descriptor[word], k
                k += 1
            if described is not None:
                return described, 0.7
        # 6. a person's name followed by "said"/"told"
        if (
            end < n_doc
            and low[end] in {"said", "says", "told", "added", "noted"}
            and len(words) in (2, 3)
        ):
            return "Person", 0.7
        if start >= 1 and low[start - 1] in {"said", "says"} and len(words) in (2, 3):
            return "Person", 0.7
        # 7. "in Ladakh", "across the Indo-Pacific": a place, unless a stake or an
        # investment is in it ("a stake in Uber") or it owns what follows ("in Tesla's")
        k = start - 1 if start >= 1 and low[start - 1] == "the" else start
        if (
            k >= 1
            and low[k - 1] in _WHERE
            # "invest $1.5 billion in Jio Platforms": a firm
            and _STAKE_IN.isdisjoint(_clause_before(low, k - 1, 7))
            and (end >= n_doc or low[end] not in _NOT_PLACE_AFTER)
            and len(words) <= 3
            and not txt[end - 1].isdigit()  # "in Talisman Sabre 2023": an edition
        ):
            return "Place", 0.6
        # 8. a name that ends in a year is an edition of something: "Cobra Gold 2023",
        # or in its last two digits in an article about exercises: "Aurora 23"
        if len(words) >= 2 and (
            _is_year(words[-1]) or (_is_short_year(words[-1]) and self._about_drills())
        ):
            return "Event", 0.6
        # ... or joined to it by a hyphen: "Tsentr-2019", "Anakonda-16", "Joint Sword-2024A"
        # (not "COVID-19", a disease, nor "Su-35", a jet: a word of four letters or more)
        head, _, tail = txt[end - 1].rpartition("-")
        tail = tail.rstrip("ABCD")
        if (
            len(head) >= 4
            and head.isalpha()
            and not head.isupper()
            and (_is_year(tail) or (_is_short_year(tail) and self._about_drills()))
        ):
            return "Event", 0.6
        return None, 0.5


#: the nouns of gatherings: "the ... exercise, known as RIMPAC"
_EVENT_WORDS = frozenset(
    {"exercise", "exercises", "drills", "games", "summit", "forum", "conference", "talks"}
)
_KNOWN_AS = (("known", "as"), ("also", "known", "as"), ("dubbed",), ("nicknamed",))
_KNOWN_AS_FIRST = frozenset(words[0] for words in _KNOWN_AS)
#: prepositions whose object is not what a following "known as" names
_OBJECT_OF = frozenset({"at", "against", "on", "to", "from", "with", "over", "toward", "towards"})


def bodies_not_events(found: list[Found], lower: list[str]) -> None:
    """Retype, in place, an unknown "event" one is a member of: "founding members
    of the East Mediterranean Gas Forum" names a body, not a gathering."""
    for m in found:
        if (
            m.kind == "unknown"
            and m.type == "Event"
            and _phrase_before(lower, m.start, _MEMBERS_OF, 3)
        ):
            m.type = "Organization"


#: a plural noun in lower case: "fields", "refineries"
_PLURAL_NOUN = re.compile(r"^[a-z]{3,}s$")
#: the last words of a military unit's name, which a number before it belongs to
_UNITS = frozenset(
    {"division", "brigade", "regiment", "battalion", "squadron", "fleet", "army", "corps",
     "wing", "flotilla", "group"}
)  # fmt: skip
#: adjectives of a region, a culture or a party that name no entity of their own
_REGIONAL_ADJECTIVES = frozenset(
    {"european", "asian", "arab", "nordic", "scandinavian", "balkan", "slavic", "islamic",
     "caucasian", "transatlantic", "western", "eastern", "northern", "southern",
     "republican", "democratic", "democrat"}
)  # fmt: skip
#: the words before a name that a place's "in" follows: "from Taishet in eastern Siberia"
_TO_OR_FROM = frozenset({"from", "to", "at", "through", "via", "near", "into"})
#: the words before "to" that a firm, not a place, follows: "a supplier to X in China"
_TO_A_FIRM = frozenset(
    {"supplier", "suppliers", "sold", "sell", "sells", "selling", "sale", "sales", "lent",
     "lend", "lending", "loan", "loans", "licensed", "licence", "license", "credit", "rival"}
)  # fmt: skip
#: what may stand between "in" and a place it names: "in northeastern Greece"
_REGION_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    | {f"{p}{c}{e}" for p in ("north", "south") for c in ("east", "west") for e in ("", "ern")}
    | {"central", "coastal", "rural", "neighbouring", "neighboring", "far"}
)
#: who or what is "at" a firm rather than a place: "an analyst at X", "aimed at X"
_AT_NOT_PLACE = frozenset(
    {"analyst", "analysts", "economist", "economists", "strategist", "strategists",
     "executive", "executives", "director", "manager", "managers", "partner", "partners",
     "official", "officials", "staff", "workers", "employees", "engineers", "unions", "union",
     "department", "head", "chief", "chairman", "boss", "jobs", "job", "role", "stake",
     "worked", "works", "working", "aimed", "aim", "aiming", "directed", "targeted", "looked",
     "look", "looking", "shares", "customers", "investors", "shareholders"}
)  # fmt: skip

#: what may end "Dresden, Germany" for the first name to be the second's place
_PLACE_APPOSITION_END = frozenset({",", ".", ";", ":", ")", "\n"})


def places_before_places(found: list[Found], lower: list[str]) -> None:
    """Type, in place, an unknown name that no cue typed as a place when a known
    state's or place's name follows it after a comma and ends the phrase: "Dresden,
    Germany, a former AMD site", "a fab at East Fishkill, New York". Not within a
    list ("Eni, France and Spain"), nor when a title or suffix typed the name.

    An unknown name no cue typed at all is a place after "at" ("drills at
    Chebarkul"; not "an analyst at X"), before "in" and a known state or place
    after "from", "to" and the like ("from Taishet in eastern Siberia"), and in
    "from X to Y" (both)."""
    for k in range(len(found) - 1):
        m, n = found[k], found[k + 1]
        if (
            m.kind == "unknown"
            and (m.type is None or (m.type == "Person" and m.confidence < 0.85))
            and not m.cues
            and n.kind == "name"
            and n.type in ("State", "Place")
            and n.start == m.end + 1
            and lower[m.end] == ","
            and (n.end >= len(lower) or lower[n.end] in _PLACE_APPOSITION_END)
            and (m.start == 0 or lower[m.start - 1] not in (",", "and", "or"))
        ):
            m.type = "Place"
    for k, m in enumerate(found):
        if m.kind != "unknown" or m.type is not None or m.cues or m.start == 0:
            continue
        before, after = lower[m.start - 1], lower[m.end] if m.end < len(lower) else ""
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (
            before == "at"
            and after not in ("'s", "\u2019s", "-")
            and (m.start < 2 or lower[m.start - 2] not in _AT_NOT_PLACE)
        ):
            # "drills at Chebarkul", "a refinery at Daesan", "talks at Filoli": a place
            m.type = "Place"
        elif (
            before in _TO_OR_FROM
            and after == "in"
            and nxt is not None
            # "a cell supplier to Volkswagen in China", "sold to X in Y": a firm
            and (before != "to" or m.start < 2 or lower[m.start - 2] not in _TO_A_FIRM)
        ):
            # "from Taishet in eastern Siberia", "to Almeria in southern Spain": a
            # known state or place, or a region of one, a few words on
            words = lower[m.end + 1 : nxt.start]
            if (
                nxt.type in ("State", "Place")
                and len(words) <= 2
                and all(w in _REGION_WORDS or w == "the" for w in words)
            ):
                m.type = "Place"
        elif (
            before == "from"
            and after == "to"
            and nxt is not None
            and nxt.start == m.end + 1
            and nxt.type in ("State", "Place", None)
            and nxt.kind in ("name", "unknown")
        ):
            # "runs from Chayanda to Blagoveshchensk", "from Neuburg to Singapore"
            m.type = "Place"
            if nxt.type is None and not nxt.cues:
                nxt.type = "Place"


def _is_year(word: str) -> bool:
    return len(word) == 4 and word[:2] in ("19", "20") and word.isdigit()


def _is_short_year(word: str) -> bool:
    """ "23" in "Aurora 23", "BALTOPS 24": a year's last two digits, from 2010 on."""
    return len(word) == 2 and word.isdigit() and "10" <= word <= "39"


_DRILL_WORDS = frozenset({"exercise", "exercises", "drills", "manoeuvres", "maneuvers", "wargames"})


def _unyeared(name: str) -> str:
    """A name without the year that ends it: "RIMPAC 2022" is RIMPAC."""
    head, _, year = name.rpartition(" ")
    return head if head and len(year) == 4 and year.isdigit() else name


def _known_as(mentions: list[Found], lower: list[str]) -> dict[str, Found]:
    """Names given as another name's: "the China Integrated Circuit Industry
    Investment Fund, known as the Big Fund"; "the Rim of the Pacific exercise,
    known as RIMPAC". Each unknown name so given, by its text, and the mention
    whose name it is."""
    out: dict[str, Found] = {}
    if _KNOWN_AS_FIRST.isdisjoint(lower):  # most articles give no name so
        return out
    by_start = {m.start: m for m in mentions}
    for a in mentions:
        # "a law aimed at Russia, known as CAATSA": the law is known so, not the
        # object of a preposition in its description
        if a.kind == "demonym" or (a.start >= 1 and lower[a.start - 1] in _OBJECT_OF):
            continue
        # a few common words may end the description: "the ... exercise, known as"
        i = a.end
        while i < min(a.end + 3, len(lower)) and i not in by_start and lower[i].isalpha():
            if lower[i] in _KNOWN_AS_FIRST:
                break
            i += 1
        i += i < len(lower) and lower[i] == ","
        for words in _KNOWN_AS:
            if tuple(lower[i : i + len(words)]) != words:
                continue
            k = i + len(words)
            k += k < len(lower) and lower[k] == "the"
            b = by_start.get(k)
            if b is None or b.kind != "unknown" or b.text == a.text:
                continue
            if a.type in ("Place", "State") and set(lower[a.end : i]) & _EVENT_WORDS:
                # "the Rim of the Pacific exercise, known as RIMPAC": the exercise is
                # known as RIMPAC, not the Pacific; the name is an event of its own
                b.type = "Event"
                continue
            out.setdefault(b.text, a)
    return out


def find_acronyms(doc: Doc, mentions: list[Found], toks: Tokens | None = None) -> list[Found]:
    """``Long Name (LN)`` defines LN; every LN, the bracketed one included, is that entity.

    An unknown single-word name that is a defined acronym is replaced in
    ``mentions`` (it is the same entity, not a new one); registry names stay.
    """
    tokens = Tokens(doc) if toks is None else toks
    text = tokens.text
    by_end = {m.end: m for m in mentions}
    defined: dict[str, Found] = {}
    for i in range(1, len(text) - 2):
        if text[i] == "(" and text[i + 2] == ")" and i in by_end:
            acronym = text[i + 1]
            # "UBS (UBS)" repeats a name (a ticker, say): no definition
            if (
                _ACRONYM.match(acronym)
                and by_end[i].kind != "demonym"
                and by_end[i].text != acronym
            ):
                defined[acronym] = by_end[i] = _spelled_out(mentions, tokens, acronym, by_end[i])
    named = _known_as(mentions, tokens.lower)
    if not defined and not named:
        return []
    stale = [
        m
        for m in mentions
        if m.kind == "unknown"
        and ((m.end - m.start == 1 and m.text in defined) or _unyeared(m.text) in named)
    ]
    for m in stale:
        mentions.remove(m)
    out = [
        _alias(m.start, m.end, m.text, target)
        for m in stale
        if (target := named.get(_unyeared(m.text))) is not None and m.text not in defined
    ]
    covered = {k for m in [*mentions, *out] for k in range(m.start, m.end)}
    for i, word in enumerate(text):
        target = defined.get(word)
        if target is not None and i not in covered:
            out.append(_alias(i, i + 1, word, target))
    return out


#: small words an acronym may spell or skip: "Energias de Portugal (EDP)"
_ACRONYM_PARTICLES = frozenset({"de", "do", "da", "du", "des", "of", "for", "and", "&", "the"})


def _spelled_out(mentions: list[Found], tokens: Tokens, acronym: str, before: Found) -> Found:
    """The name an acronym spells: ``before`` (the mention right before the bracket),
    or a longer capitalised run that ends with it and whose initials are the
    acronym ("Energias de Portugal (EDP)", where Portugal alone is a state). The
    longer run replaces the mentions inside it in ``mentions``."""
    text, end = tokens.text, before.end
    letters = "".join(c for c in acronym.upper() if c.isalpha())
    start = None
    for k in range(before.start - 1, max(-1, before.start - 7), -1):
        word = text[k]
        if not (word[:1].isupper() or word.lower() in _ACRONYM_PARTICLES):
            break
        words = text[k:end]
        spelled = {
            "".join(w[0] for w in words).upper(),
            "".join(w[0] for w in words if w[:1].isupper()).upper(),
        }
        if word[:1].isupper() and letters in spelled:
            start = k
            break
    if start is None or any(m.start < start < m.end for m in mentions):
        return before
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    if any(m.kind == "demonym" for m in inside):
        return before
    typed = [m.type for m in inside if m.kind == "unknown" and m.type in _NAMED_TYPES]
    merged = Found(
        start, end, tokens.span_text(start, end), typed[0] if typed else None, "unknown", None, 0.8
    )
    for m in inside:
        mentions.remove(m)
    mentions.append(merged)
    mentions.sort(key=lambda m: m.start)
    return merged


#: the types a name typed by its own words may pass to a longer name it is part of
_NAMED_TYPES = frozenset({"Company", "Organization", "Fund"})


def _alias(start: int, end: int, text: str, target: Found) -> Found:
    """A mention of ``target``'s entity under another name (an acronym, a "known as")."""
    return Found(
        start,
        end,
        text,
        target.type,
        "acronym",
        target.entity,
        target.confidence,
        cues=[f"acronym-of:{target.start}"],
    )


def _plain_words(text: str) -> bool:
    return all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in text.split())


def _shouted(words: list[str]) -> bool:
    """Whether a sentence is written in capitals, three words or more, none of
    them a lower-case word: a subheading, not a list of acronyms."""
    count, long_word = 0, False
    for w in words:  # most sentences stop at their first word
        if w.isalpha():
            if not w.isupper():
                return False
            count += 1
            long_word = long_word or len(w) > 4
    return count >= 3 and long_word


def join_surnames(doc: Doc, found: list[Found]) -> list[Found]:
    """A person's given name that a title typed, then a state's or place's
    one-word name, are one person: "chairman Thomas Jordan", "Senator Tom
    Georgia". ``found`` is sorted by start."""
    out: list[Found] = []
    for m in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "unknown"
            and prev.type == "Person"
            and prev.end == m.start
            and m.end == m.start + 1
            and m.kind == "name"
            and m.type in ("State", "Place")
            and doc[prev.end - 1].whitespace_
            and doc[m.start].text[:1].isupper()
            and not doc[m.start].is_upper
        ):
            out[-1] = replace(prev, end=m.end, text=doc[prev.start : m.end].text)
            continue
        out.append(m)
    return out


def join_demonyms(doc: Doc, found: list[Found]) -> list[Found]:
    """A demonym that starts an organisation's unknown name belongs to it:
    "Saudi Basic Industries Corp.", "Danish Energy Agency", "Indian Navy". The
    name must be typed by its own words (a suffix) or be two words or more, so
    "Danish Maersk" stays a demonym and a name. ``found`` is sorted by start."""
    out: list[Found] = []
    for m in found:
        prev = out[-1] if out else None
        named = _DEMONYM_NAMES.get(m.text.lower())  # "Estonian Navy", "British Airways"
        # "Pan American Energy": untyped words either side of the demonym make one name
        first = out[-2] if len(out) > 1 else None
        sandwich = (
            first is not None
            and prev is not None
            and first.end == prev.start
            and first.kind == "unknown"
            and first.type is None
            and " " not in first.text
        )
        if (
            prev is not None
            and prev.kind == "demonym"
            and prev.end == m.start
            and doc[prev.start].text[:1].isupper()
            and m.kind == "unknown"
            and (
                (
                    m.type in ("Company", "Organization", "Fund")
                    and (" " in m.text or m.confidence >= 0.85)
                )
                # untyped, but no person's name: "Basic Industries Corp.", "Grape & Wine"
                or (m.type is None and (len(m.text.split()) > 3 or not _plain_words(m.text)))
                or named is not None
                or (sandwich and m.type in (None, "Company"))
            )
        ):
            text = doc[prev.start : m.end].text
            start = prev.start
            # "the Royal Australian Air Force"
            if (
                named == "Organization"
                and len(out) > 1
                and out[-2].end == start
                and out[-2].text in _CROWNS
            ):
                start = out[-2].start
                text = doc[start : m.end].text
                out.pop(-2)
            elif sandwich and first is not None:
                start = first.start
                text = doc[start : m.end].text
                out.pop(-2)
            out[-1] = Found(
                start,
                m.end,
                text,
                named or m.type,
                "unknown",
                None,
                0.85 if named else m.confidence,
                cues=m.cues,
            )
            continue
        out.append(m)
    return out


#: what a route between places is: "the Baku-Tbilisi-Ceyhan pipeline"
_ROUTES = frozenset(
    {"pipeline", "railway", "railroad", "corridor", "interconnector", "line", "highway", "cable",
     "spur", "link"}
)  # fmt: skip

#: the route nouns that end a route's name after a single word: "the Dolphin pipeline"
_PIPES = frozenset({"pipeline", "interconnector"})

#: what a route carries: "the China-Myanmar oil pipeline"
_CARGO = frozenset({"gas", "oil", "crude", "natural", "power", "rail", "freight", "water"})


def join_routes(found: list[Found], toks: Tokens) -> list[Found]:
    """Places joined by hyphens before a route noun name one route: "the
    Baku-Tbilisi-Ceyhan pipeline" is a product, not three places. ``found`` is
    sorted by start."""
    out: list[Found] = []
    k = 0
    while k < len(found):
        chain = [found[k]]
        while (
            k + len(chain) < len(found)
            and chain[-1].end + 1 == (nxt := found[k + len(chain)]).start
            and toks.text[chain[-1].end] == "-"
            and not toks.space[chain[-1].end - 1]
            and not toks.space[chain[-1].end]
        ):
            chain.append(nxt)
        end = chain[-1].end
        # the places' names, one of them perhaps new ("Yamal-Europe")
        places = all(m.type in ("Place", "State", None) for m in chain[:-1]) and any(
            m.type in ("Place", "State") for m in chain
        )
        # past commodity words: "the Iran-Pakistan gas pipeline"
        while end < len(toks.lower) - 1 and end - chain[-1].end < 2 and toks.lower[end] in _CARGO:
            end += 1
        # an acronym in brackets before the noun: "the Baku-Tbilisi-Kars (BTK) railway"
        bracket = (
            end == chain[-1].end
            and end + 3 < len(toks.lower)
            and toks.text[end] == "("
            and toks.text[end + 2] == ")"
            and toks.text[end + 1].isupper()
            and toks.lower[end + 3] in _ROUTES
        )
        if len(chain) > 1 and places and end < len(toks.lower) and toks.lower[end] in _ROUTES:
            start = chain[0].start
            text = toks.span_text(start, end + 1)
            out.append(Found(start, end + 1, text, "Product", "unknown", None, 0.85))
        elif len(chain) > 1 and places and bracket:
            # the name ends before the bracket, so the acronym in it is read as its alias
            start = chain[0].start
            text = f"{toks.span_text(start, end)} {toks.text[end + 3]}"
            out.append(Found(start, end, text, "Product", "unknown", None, 0.85))
        elif (
            len(chain) == 1
            and chain[0].kind == "unknown"
            and chain[0].type in ("Product", None)
            and end == chain[0].end  # not "the Line 3 oil pipeline"
            and end < len(toks.lower)
            and toks.lower[end] in _PIPES
            # an owner's: "Enbridge's Line 5 pipeline" names the line, then what it is
            and toks.lower[chain[0].start - 1 : chain[0].start] not in (["'s"], ["\u2019s"])
        ):
            # "the Dolphin pipeline": the noun is part of the route's name
            m = chain[0]
            text = toks.span_text(m.start, end + 1)
            out.append(Found(m.start, end + 1, text, "Product", "unknown", None, m.confidence))
        else:
            out.extend(chain)
        k += len(chain)
    return out


def join_short_forms(doc: Doc, found: list[Found]) -> list[Found]:
    """A state's name and the unknown word after it, when the two begin a longer
    name the article writes: "China Merchants" for "China Merchants Port Holdings";
    and an organisation named after its state: "National Olympic Committee of Belarus".

    ``found`` is sorted by start; the joined mention takes the unknown one's type.
    """
    longer = [
        m.text.split()
        for m in found
        if m.kind == "unknown" and m.type in (None, "Company", "Organization", "Fund")
    ]
    out: list[Found] = []
    i = 0
    while i < len(found):
        m = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        # "National Olympic Committee of Belarus": an organisation of a state or place
        if (
            nxt is not None
            and m.kind == "unknown"
            and m.type in ("Organization", "Company", "Fund")
            and m.confidence >= 0.85
            and nxt.start == m.end + 1
            and doc[m.end].lower_ == "of"
            and nxt.kind == "name"
            and nxt.type in ("State", "Place")
        ):
            text = doc[m.start : nxt.end].text
            out.append(Found(m.start, nxt.end, text, m.type, "unknown", None, m.confidence))
            i += 2
            continue
        if (
            nxt is not None
            and m.type == "State"
            and m.kind == "name"
            and nxt.kind == "unknown"
            and nxt.start == m.end
        ):
            words = doc[m.start : nxt.end].text.split()
            if any(len(w) > len(words) and w[: len(words)] == words for w in longer):
                out.append(
                    Found(
                        m.start,
                        nxt.end,
                        doc[m.start : nxt.end].text,
                        nxt.type,
                        "unknown",
                        None,
                        nxt.confidence,
                        cues=["short-form"],
                    )
                )
                i += 2
                continue
        # "Santiago Peña", "Beijing Daxing": a capital's name that starts a longer one
        if (
            nxt is not None
            and m.kind == "metonym"
            and nxt.kind == "unknown"
            and nxt.start == m.end
            and doc[m.start].text[:1].isupper()
        ):
            text = doc[m.start : nxt.end].text
            out.append(
                Found(
                    m.start, nxt.end, text, nxt.type, "unknown", None, nxt.confidence, cues=nxt.cues
                )
            )
            i += 2
            continue
        out.append(m)
        i += 1
    return out


#: words after a comma that start a clause, not an apposition ("X, while General Y ...")
_NOT_APPOSITION = frozenset(
    {"while", "whereas", "and", "but", "or", "which", "who", "as", "after", "before", "when",
     "although", "though", "because", "since", "with", "said", "says", "according", "if",
     # a preposition starts no apposition: "Marles, for the annual AUSMIN talks"
     "for", "including", "in", "at", "on", "from", "to", "by", "during", "under", "over",
     # a participle starts a clause: "11% of Xstrata, making the state the miner's ..."
     "making", "giving", "leaving", "bringing", "taking", "raising", "lifting", "putting",
     # a verb goes on with the sentence: "... founded by Li Shufu, would raise its holding"
     "would", "will", "could", "should", "may", "might", "can", "must", "is", "was", "are",
     "were", "has", "had", "have", "did", "does"}
)  # fmt: skip
_EVENT_MODIFIERS = frozenset(
    {"naval", "military", "joint", "annual", "air", "army", "war", "leaders", "trilateral",
     "bilateral", "regional", "multinational", "maritime", "nuclear", "economic"}
)  # fmt: skip
#: place words that head a name before "of" ("Bay of Bengal", "Strait of Hormuz")
_WATERS = frozenset(
    {"bay", "gulf", "sea", "strait", "straits", "lake", "island", "islands", "coast"}
)
#: the words before "of" and a state's or place's name that make one name with it:
#: waters ("the Gulf of Finland") and bodies ("Bank of America", "University of Tokyo")
_HEADS_OF_PLACE = _WATERS | frozenset({"bank", "university", "college", "academy", "institute"})
#: words that start bodies' names, not people's ("International Chamber of Commerce")
_BODY_ADJECTIVES = frozenset(
    {"international", "national", "royal", "federal", "grand", "general", "central", "united",
     "supreme", "high", "higher", "joint", "islamic", "arab", "democratic", "world", "global",
     "state", "imperial", "republican", "popular", "socialist", "economic", "special", "new"}
)  # fmt: skip
#: words that make a bank's name a central bank's
_CENTRAL_BANKS = frozenset({"central", "reserve", "people"})
#: place words that start a name ("Lake Albert", "Mount Kenya")
_WATERS_FIRST = frozenset({"lake", "mount", "cape"})
#: words that make the number before them a share ("12.5 percent")
PERCENT_WORDS = frozenset({"percent", "per", "%", "pct", "pc", "percentage"})


def _name_follows(text: list[str], start: int, end: int) -> bool:
    """Whether a capitalised word comes in ``text[start:end]`` after nothing but the
    rest of a title ("chief executive Mohamed ..."): the title is that name's."""
    for word in text[start:end]:
        if word[:1].isupper():
            return True
        if word not in _TITLE_TAILS:
            return False
    return False


#: words that end a title ("chief executive", "chief executive officer")
_TITLE_TAILS = frozenset({"executive", "officer", "director", "minister", "secretary", "general"})


#: words after which an apposition goes on about someone else
_CLAUSE_STARTS = frozenset({"by", "which", "that", "who", "whose", "whom", "where"})
#: what an event's name follows: "the 52nd edition of Baltic Operations"
_EDITION_OF = frozenset({"edition of", "editions of", "iteration of"})
#: words that after a demonym name a national firm: "British Airways", "Indian Oil"
_FIRM_HEADS = frozenset(
    {"airways", "airlines", "petroleum", "oil", "telecom", "railways", "steel", "shipping"}
)
#: words before a demonym that are part of a service's name: "Royal Australian Navy"
_CROWNS = frozenset({"Royal", "Imperial"})
#: the suffix types of a word after which "for" does not go on with the name
_NOT_ORG = frozenset({None, "Place", "Event"})
#: legal forms written short, and in full
_LEGAL_WORDS = {"corp": "corporation", "co": "company", "ltd": "limited", "inc": "incorporated"}
#: legal forms as a firm's name is written with them ("Ltd." or "Ltd"; see
#: extractor._LEGAL_FORM, which gives the name without them as an alias)
LEGAL_FORMS_WRITTEN = (
    *("Corp", "Inc", "Ltd", "Co", "PLC", "plc", "LLC", "AG", "SA", "S.A", "NV", "N.V", "SE"),
    *("PJSC", "OJSC", "JSC", "GmbH", "Limited"),
)
#: the legal forms that end a firm's name, lower case and without full stops
_LEGAL_FORMS = frozenset(w.lower().replace(".", "") for w in LEGAL_FORMS_WRITTEN) | {
    *("corporation", "incorporated", "bhd", "tbk", "spa", "bv", "ab", "asa"),
}
#: armed services, named by their state's demonym: "the Estonian Navy", "German Air Force"
_BRANCHES = frozenset(
    {"navy", "army", "air force", "coast guard", "marine corps", "armed forces", "national guard"}
)
#: last words of what a state's name starts that are no firm: "US Navy", "U.S. Congress",
#: "Niger Delta", "Canada Day", "Korea Strait"
_STATE_NOT_FIRM = frozenset(
    {"navy", "army", "forces", "guard", "corps", "military", "congress", "parliament", "senate"}
    | {"government", "cabinet", "council", "treasury", "ministry", "delta", "strait", "straits"}
    | {"peninsula", "basin", "gulf", "sea", "day", "war", "crisis", "policy", "act", "law"}
    | {"republic", "studies"}
)
#: connectors that never start a name
_NO_START = frozenset({"of", "and", "&", "for"})
#: industry words that, before a state's name, make a national firm's: "Oil India", "Air India"
_NATIONAL_FIRM_FIRST = frozenset({"oil", "air", "gas", "coal", "power", "steel", "telecom"})
#: the type of a name a demonym starts, by the word after it
_DEMONYM_NAMES = {
    **{word: "Organization" for word in _BRANCHES},
    **{word: "Company" for word in _FIRM_HEADS},
    # "the Norwegian Sea", "the Arabian Peninsula": a demonym names waters and lands
    **{word: "Place" for word in ("sea", "ocean", "gulf", "peninsula", "coast", "plateau")},
    # "the Palestinian Authority", "Georgian Railway": a lone generic word is no name
    "authority": "Organization",
    "railway": "Company",
}
#: titles that, inside a capitalised run, start a person's name (see _candidates)
_INNER_TITLES = frozenset(
    {
        "minister", "secretary", "ambassador", "commissioner", "spokesman", "spokeswoman",
        "spokesperson", "chairman", "chairwoman", "ceo", "governor", "envoy",
        "president", "executive", "director", "founder", "co-founder",
    }
)  # fmt: skip
#: the titles of those who head states and governments: "President X" with no body
#: named before it heads a state
STATE_TITLES = (
    "prime minister",
    "president",
    "premier",
    "chancellor",
    "king",
    "emir",
    "supreme leader",
    "sultan",
    "queen",
)
#: what a stake is of: "17.2% of the company's equity"
_EQUITY_WORDS = frozenset({"equity", "shares", "capital", "stock"})
#: what comes before a body one belongs to: "members of the X Forum"
_MEMBERS_OF = frozenset(
    f"{w} of{the}" for w in ("member", "members", "membership") for the in ("", " the")
)
#: words that start a title written inside a name: "Chief Executive", "Managing Director"
_TITLE_LEADS = frozenset(
    {"chief", "managing", "vice", "deputy", "executive", "non-executive", "prime", "first"}
)
#: words that only say which portfolio a title is for ("Foreign Minister", "Trade Secretary")
_PORTFOLIO = frozenset(
    {
        "external", "foreign", "affairs", "finance", "defence", "defense", "trade", "energy",
        "economy", "economic", "interior", "home", "commerce", "treasury", "state", "deputy",
        "prime", "vice", "first", "acting", "former", "industry", "oil", "health", "justice",
        "culture", "transport", "agriculture", "environment", "security", "national", "cabinet",
        "chief", "general", "senior", "junior", "shadow", "&", "and", "of", "the", "investment",
        "digital", "development", "labour", "labor", "education", "science", "technology",
        "staff", "police", "petroleum", "gas", "mines", "mining", "power", "electricity",
        "water", "housing", "tourism", "communications", "information", "planning",
        "climate", "fisheries", "welfare", "employment", "infrastructure", "sports",
        "europe", "european", "budget", "resources", "natural", "land", "public", "works",
    }
)  # fmt: skip
_OPENERS = frozenset({'"', "\u201c", "'", "\u2018", ":", ";", "(", "["})
_ANAPHOR_STARTS = frozenset({"the", "sovereign", "wealth", "state"})
_ASSET_TYPES = ("Company", "Product")


def _asset_antecedent(
    ordered: list[Found], lower: list[str], noun: str, before: int
) -> Found | None:
    """What "the plant" or "the project" names: the last name written with that
    noun before ("the Yamal LNG plant", "the port of Hambantota"), else the last
    product named; never a name in the anaphor's own sentence, which is most
    often its actor."""
    earlier = [m for m in ordered if m.end <= before and m.kind not in ("demonym", "anaphor")]
    for m in reversed(earlier):
        if m.type not in _ASSET_TYPES and m.type not in ("Place", None):
            continue
        # "the Yamal LNG plant", "the port of Hambantota", "Caspian Pipeline Consortium"
        if (
            (m.end < len(lower) and lower[m.end] == noun)
            or lower[max(0, m.start - 2) : m.start] == [noun, "of"]
            or (m.end - m.start > 1 and lower[m.end - 1] == noun)
        ):
            return m
    return next((m for m in reversed(earlier) if m.type == "Product"), None)


#: words that may stand between "the" and an anaphor's noun ("the state-run lender")
_MODIFIERS = frozenset(
    {
        "state-owned", "state-run", "state-controlled", "state-backed", "government-owned",
        "new", "joint", "listed", "privately", "private", "public", "national", "largest",
        "biggest", "second-largest", "oil", "gas", "energy", "telecom", "telecoms", "mining",
        "investment", "technology", "tech", "steel", "shipping", "defence", "defense",
        "nuclear", "chip", "power", "sovereign", "wealth", "state", "holding", "parent",
        "chemical", "chemicals", "petrochemical", "petrochemicals", "plastics", "aluminium",
        "aluminum", "solar", "appliance", "media", "internet", "retail", "property", "auto",
        "drug", "pharmaceutical", "engineering", "construction", "food", "metals",
    }
)  # fmt: skip


def _skip_modifiers(
    doc: Doc,
    k: int,
    covered: set[int],
    starts: dict[int, Found],
    lower: list[str],
    nouns: dict[str, str],
) -> int:
    """The index after the modifiers that follow "the": demonyms, known words,
    hyphenated words ("Moscow-based", "Hong Kong - listed") and capitalised
    words that are no names, at most nine tokens."""
    first = k
    while k < len(doc) and k - first < 9:
        word = lower[k]
        if k in covered:
            m = starts.get(k)
            if m is None:
                break
            if m.kind == "demonym":
                k = m.end
                continue
            # a place in a compound modifier: "Moscow-based", "Hong Kong - listed"
            if m.type in ("Place", "State") and m.end < len(doc) and lower[m.end] == "-":
                k = m.end
                continue
            break
        if word == "-" and k > first and k + 1 < len(doc) and doc[k + 1].is_lower:
            k += 2
            continue
        # a measure: "the 1,850-kilometre pipeline", "the 40-year-old plant"
        if doc[k].like_num and k + 2 < len(doc) and lower[k + 1] == "-" and doc[k + 2].is_lower:
            k += 3
            continue
        if word in _MODIFIERS or ("-" in word and doc[k].is_lower):
            k += 1
            continue
        if doc[k].text[:1].isupper() and word not in nouns:
            k += 1
            continue
        break
    return k


def _home_key(m: Found) -> str:
    return m.entity or m.text.lower()


def _home_of(m: Found, homes: dict[str, str]) -> str | None:
    """The state :func:`_homes` ties ``m`` to; a name the registry does not know,
    written short, takes the home of the longer name it is a word of ("Renault"
    after "France's Renault Group")."""
    key = _home_key(m)
    if key in homes or m.entity is not None or " " in key:
        return homes.get(key)
    return next((state for name, state in homes.items() if key in name.split()), None)


def _homes(ordered: list[Found], lower: list[str]) -> dict[str, str]:
    """The state the text ties each name to where it names it: "Chinese oil
    giant CNOOC", "China's CNOOC", "QatarEnergy" (keyed by :func:`_home_key`)."""
    homes: dict[str, str] = {}
    states = [m for m in ordered if m.type == "State" and m.entity]
    previous_end = 0  # where the name before ``m`` ends
    for m in ordered:
        if m.type in ("State", "Place") or m.kind == "anaphor":
            previous_end = max(previous_end, m.end)
            continue
        for s in states:
            if s.end > m.start:
                break
            gap = m.start - s.end
            possessive = gap >= 1 and lower[s.end] in {"'s", "\u2019s"} and gap <= 4
            # "Israeli chemicals and logistics group Gadot": no other name between
            described = s.kind == "demonym" and (gap <= 3 or (gap <= 5 and s.end >= previous_end))
            if described or possessive:
                homes.setdefault(_home_key(m), s.entity or "")
        # "Rosneft, Russia's largest oil producer", "Glencore, which is based in Baar, Switzerland"
        after = lower[m.end : m.end + 8]
        if after[:1] == [","]:
            near = [s for s in states if m.end < s.start <= m.end + 8]
            for s in near:
                between = lower[m.end + 1 : s.start]
                owner = s.kind != "demonym" and lower[s.end : s.end + 1] in (["'s"], ["\u2019s"])
                if (len(between) <= 1 and (s.kind == "demonym" or owner)) or (
                    "based" in between or "headquartered" in between
                ):
                    homes.setdefault(_home_key(m), s.entity or "")
                    break
        text = m.text.lower()
        named = next((s.entity for s in states if s.entity and s.entity in text), None)
        if named:
            homes.setdefault(_home_key(m), named)
        previous_end = max(previous_end, m.end)
    return homes


#: the nouns of descriptions that name an earlier name ("the company"), with its type
_ANAPHOR_NOUNS = {
    "company": "Company",
    "firm": "Company",
    "group": "Company",
    "operator": "Company",
    "lender": "Company",
    "bank": "Company",
    "club": "Company",
    "producer": "Company",
    "fund": "Fund",
    "country": "State",
    "nation": "State",
    # only as a stake's holder: "the government keeps 98.5 percent of the company"
    "government": "State",
    "state": "State",
    "kingdom": "State",
    "bloc": "Organization",
    "alliance": "Organization",
    "organisation": "Organization",
    "organization": "Organization",
    "forum": "Event",
    "summit": "Event",
    "gathering": "Event",
    "plant": "Asset",
    "project": "Asset",
    "venture": "Asset",
    "consortium": "Asset",
    "port": "Asset",
    "terminal": "Asset",
    "facility": "Asset",
    "refinery": "Asset",
    "mine": "Asset",
    "meeting": "Event",
    "exercise": "Event",
    "exercises": "Event",
    "drills": "Event",
    "manoeuvres": "Event",
    "maneuvers": "Event",
    "games": "Event",
    "conference": "Event",
    "ceremony": "Event",
    "pipeline": "Product",
    "platform": "Product",
    "city": "Place",
    "agency": "Organization",
    "ministry": "Organization",
    "regulator": "Organization",
    "carrier": "Company",
    "miner": "Company",
    "insurer": "Company",
    "conglomerate": "Company",
    "giant": "Company",
    "heavyweight": "Company",
    "powerhouse": "Company",
    "behemoth": "Company",
    "major": "Company",
    "monopoly": "Company",
    "exporter": "Company",
    "refiner": "Company",
    "trader": "Company",
    "utility": "Company",
    "chipmaker": "Company",
    "planemaker": "Company",
    "shipbuilder": "Company",
    "steelmaker": "Company",
    "manufacturer": "Company",
    "carmaker": "Company",
    "automaker": "Company",
    "retailer": "Company",
    "airline": "Company",
    "supplier": "Company",
    "billionaire": "Person",
    "tycoon": "Person",
    "oligarch": "Person",
    "businessman": "Person",
    "businesswoman": "Person",
}


_WIDE_NOUNS = frozenset({"company", "firm", "group", "operator", "giant", "major"})


def _described(ordered: list[Found], lower: list[str]) -> dict[str, set[str]]:
    """The names the text calls by each noun where it names them: "Alrosa, the
    state-controlled miner", "miner Alrosa" (noun -> keys, see :func:`_home_key`)."""
    out: dict[str, set[str]] = {}
    for m in ordered:
        if m.kind in ("anaphor", "demonym") or m.type in ("State", "Place"):
            continue
        words = lower[max(0, m.start - 2) : m.start]  # "state lender VTB"
        if lower[m.end : m.end + 1] == [","] and lower[m.end + 1 : m.end + 2] in (
            ["the"],
            ["a"],
            ["an"],
        ):
            for w in lower[m.end + 2 : m.end + 10]:  # "X, the Moscow-based lender,"
                if w in (",", ".", ";", "(", "which", "that", "who", "whose"):
                    break
                words.append(w)
        for w in words:
            if w in _ANAPHOR_NOUNS:
                out.setdefault(w, set()).add(_home_key(m))
    return out


#: anaphor nouns read only as the holder of a stake the clause states
_HOLDER_ONLY = frozenset({"government", "state"})
_HOLD_VERBS = frozenset(
    {"holds", "held", "hold", "owns", "owned", "own", "keeps", "kept", "keep", "retains",
     "retained", "retain", "controls", "controlled", "control"}
)  # fmt: skip
#: what may stand before the verb: "the state will keep", "the government still holds"
_HOLD_AUXILIARIES = frozenset(
    {"has", "had", "have", "will", "would", "still", "now", "already", "also", "currently"}
)
_PERCENT_WORDS = frozenset({"%", "percent", "per", "pc", "pct"})


def _holds_a_stake(lower: list[str], at: int) -> bool:
    """Whether a holding verb comes next (from token ``at``) and a percent within the
    six words after it: "the state holds 51 per cent", "the government will keep 98.5%"."""
    k = at
    while k < len(lower) and lower[k] in _HOLD_AUXILIARIES:
        k += 1
    if k >= len(lower) or lower[k] not in _HOLD_VERBS:
        return False
    return any(w in _PERCENT_WORDS for w in lower[k + 1 : k + 7])


def _most_named_first(candidates: list[Found]) -> list[Found]:
    """``candidates`` (latest first) with the name written most often so far moved to
    the front: "the government keeps 98.5% of the Dhahran-based company" is the
    firm the article is about, not one it named in passing since."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in candidates:
        if m.kind == "name":
            key = _home_key(m)
            counts[key] = counts.get(key, 0) + 1
            first[key] = min(first.get(key, m.start), m.start)
    if not counts or max(counts.values()) < 2:
        return candidates
    # a tie goes to the name written first: the article's subject
    top = min(counts, key=lambda key: (-counts[key], first[key]))
    best = next(m for m in candidates if m.kind == "name" and _home_key(m) == top)
    return [best, *(m for m in candidates if m is not best)]


def _subject_first(candidates: list[Found], ordered: list[Found], doc: Doc, at: int) -> list[Found]:
    """``candidates`` (latest first) with the previous sentence's first name moved to
    the front when it is one of them: a description that opens a sentence ("The
    Japanese company said ...") takes up the last sentence's subject, not the last
    name in it ("Mitsubishi will buy 20% of Olam.")."""
    start = doc[at].sent.start
    if start == 0:
        return candidates
    before = doc[start - 1].sent
    first = next(
        (m for m in ordered if before.start <= m.start < before.end and m.kind != "demonym"),
        None,
    )
    if first is None or first not in candidates or first is candidates[0]:
        return candidates
    return [first, *(m for m in candidates if m is not first)]


def _by_state(
    candidates: list[Found],
    first: int,
    end: int,
    starts: dict[int, Found],
    get_homes: Callable[[], dict[str, str]],
    lower: list[str],
    called: Sequence[Found] = (),
) -> Found | None:
    """The latest candidate, unless the description names a state ("the Qatari
    company"): then the latest candidate the text ties to that state, else the
    latest tied to no other state. ``called``: the candidates the text called by
    the description's noun ("the Russian miner"), typed or not, which go first."""
    state = next(
        (
            starts[i].entity
            for i in range(first, end)
            if i in starts and starts[i].type == "State" and starts[i].entity
        ),
        None,
    )
    typed = [m for m in candidates if m.type is not None]
    if state is None or not candidates:
        return called[0] if called else typed[0] if typed else None
    # an untyped name may be the firm the description names: "the Qatari company"
    homes = get_homes()
    tied = [m for m in [*called, *candidates] if _home_of(m, homes) == state]
    if tied:
        return tied[0]
    free = [m for m in [*called, *typed] if _home_of(m, homes) is None]
    # a possessor ("Google's Android") is seldom what a description names
    return next(
        (m for m in free if lower[m.end : m.end + 1] not in (["'s"], ["\u2019s"])),
        free[0] if free else None,
    )


#: words that make what follows "of" or "in" a stake's asset: "45% of the company"
_STAKE_CUES = frozenset({"%", "percent", "cent", "pc", "pct", "stake", "stakes", "shares"})
#: words that end the clause a stake's holder stands in
_CLAUSE_ENDS = frozenset({"said", "says", "that", "which", "who", ";", ":", ",", "while", "after"})


def _stake_clause(lower: list[str], at: int, start: int) -> bool:
    """Whether the description at ``at`` is a stake's asset: "of" or "in" before
    it, and a stake's word among the four words before that, none before ``start``."""
    if at < 1 or lower[at - 1] not in ("of", "in"):
        return False
    return any(w in _STAKE_CUES for w in lower[max(at - 5, start, 0) : at - 1])


def _not_holders(
    candidates: list[Found], lower: list[str], at: int, sent_start: int
) -> list[Found]:
    """``candidates`` less the holders of the stake whose asset is the description
    at ``at`` (see :func:`_stake_clause`), and their other names: in "Renault and
    Geely each own 45 per cent of the London-based company" the company is
    neither of them."""
    k = at - 1
    while k > sent_start and lower[k] not in _CLAUSE_ENDS:
        k -= 1
    holders = [m for m in candidates if k <= m.start and m.end <= at]
    if not holders:
        return candidates
    # their other names: "Renault Group" for "Renault", "Geely" for "Zhejiang Geely
    # Holding Group" (a first word, or a word alone); not "Horse Group" for "Renault Group"
    keys = [_home_key(m).split() for m in holders]
    firsts = {words[0] for words in keys}
    every = {w for words in keys for w in words}

    def other_name(m: Found) -> bool:
        words = _home_key(m).split()
        return m.entity is None and (words[0] in firsts or (len(words) == 1 and words[0] in every))

    return [m for m in candidates if m not in holders and not other_name(m)]


def _names_next(lower: Sequence[str], i: int, starts: dict[int, Found]) -> bool:
    """Whether a comma at ``i`` opens an apposition that names what the noun before it
    describes: "the project company, Amsterdam-based X", "the operator, Nord Stream 2 AG"."""
    if i + 1 >= len(lower) or lower[i] != ",":
        return False
    j = i + 1
    place = starts.get(j)
    if (
        place is not None
        and place.type in ("Place", "State")
        and lower[place.end : place.end + 2] == ["-", "based"]
    ):
        j = place.end + 2  # "Amsterdam-based"
    named = starts.get(j)
    return named is not None and named.type in ("Company", "Fund", "Product", None)


def find_anaphora(
    doc: Doc, mentions: list[Found], lexicon: Lexicon, toks: Tokens | None = None
) -> list[Found]:
    """``the company``, ``the fund``, ``the Chinese firm``: the last name that fits."""
    ordered = sorted(mentions, key=lambda m: m.start)
    covered = {k for m in mentions for k in range(m.start, m.end)}
    out: list[Found] = []
    funds = [m for m in ordered if m.type == "Fund" and m.kind != "anaphor"]
    states = {m.end: m for m in mentions if m.type == "State"}
    starts = {m.start: m for m in mentions}
    lower = (Tokens(doc) if toks is None else toks).lower
    homes: list[dict[str, str]] = []  # computed at the first description that names a state
    nouns_of: list[dict[str, set[str]]] = []  # computed at the first description

    def get_homes() -> dict[str, str]:
        if not homes:
            homes.append(_homes(ordered, lower))
        return homes[0]

    def get_called() -> dict[str, set[str]]:
        if not nouns_of:
            nouns_of.append(_described(ordered, lower))
        return nouns_of[0]

    # only the words an anaphor can start with; building every spaCy token is slow
    for tok in (doc[i] for i, w in enumerate(lower) if w in _ANAPHOR_STARTS):
        # "Russia's sovereign wealth fund", "the Russian wealth fund": the fund the article names
        if funds and tok.lower_ in {"sovereign", "wealth", "state"} and tok.i not in covered:
            k = tok.i
            while k < len(doc) and doc[k].lower_ in {"sovereign", "wealth", "state", "investment"}:
                k += 1
            owner = states.get(tok.i) or (
                states.get(tok.i - 1) if doc[tok.i - 1].lower_ in {"'s", "\u2019s"} else None
            )
            if (
                k < len(doc)
                and doc[k].lower_ == "fund"
                and k > tok.i
                and owner is not None
                and not (k + 1 < len(doc) and _is_cap(doc[k + 1]))
            ):
                # the fund the text ties to that state, if any: "Qatar's sovereign
                # wealth fund" is not the Saudi fund named nearer
                own = [f for f in funds if get_homes().get(_home_key(f)) == owner.entity]
                target = min(own or funds, key=lambda m: abs(m.start - tok.i))
                out.append(
                    Found(
                        tok.i,
                        k + 1,
                        doc[tok.i : k + 1].text,
                        "Fund",
                        "anaphor",
                        target.entity,
                        target.confidence * 0.85,
                        cues=[f"refers-to:{target.start}"],
                    )
                )
                covered.update(range(tok.i, k + 1))
                continue
        if tok.lower_ != "the" or tok.i in covered:
            continue
        if tok.i >= 2 and lower[tok.i - 1] == "," and tok.i - 2 in covered:
            continue  # an apposition describes the name before it: "X, the Zug-based company"
        k = _skip_modifiers(doc, tok.i + 1, covered, starts, lower, _ANAPHOR_NOUNS)
        if (
            k - 1 > tok.i
            and lower[k - 1] in _HOLDER_ONLY
            and (k >= len(doc) or (lower[k] not in _ANAPHOR_NOUNS and lower[k] != "-"))
        ):
            k -= 1  # "the state holds 51%": "state" is read as a modifier ("the state oil firm")
        if k >= len(doc) or doc[k].lower_ not in _ANAPHOR_NOUNS or k in covered:
            continue
        while k + 1 < len(doc) and lower[k + 1] in _ANAPHOR_NOUNS and k + 1 not in covered:
            k += 1  # "the project company", "the joint venture company": the last noun says
        if k + 1 < len(doc) and (
            _is_cap(doc[k + 1])
            or doc[k + 1].lower_ == "of"
            # "the company's" is left alone; "the London-based company's" describes one
            or (
                doc[k + 1].lower_ in {"'s", "\u2019s"}
                and _ANAPHOR_NOUNS[doc[k].lower_] != "Person"
                and k == tok.i + 1
                # "17.2% of the company's equity" is a stake in the firm named before
                and not (k + 2 < len(doc) and lower[k + 2] in _EQUITY_WORDS)
            )
        ):
            continue  # "the fund X", "the company's", "the group of ..." are not anaphora
        if _names_next(lower, k + 1, starts):
            continue  # "the project company, Amsterdam-based X": the noun describes X
        if doc[k].lower_ in _HOLDER_ONLY and (
            not _holds_a_stake(lower, k + 1) or any(i in covered for i in range(tok.i + 1, k))
        ):
            continue  # "the Norwegian state holds 67%": the demonym says which state
        type_ = _ANAPHOR_NOUNS[doc[k].lower_]
        # "the plant", "the project": a company or product named in an earlier
        # sentence, never the actor of this one ("Novatek controls the plant").
        asset = type_ == "Asset"
        if asset:
            antecedent = _asset_antecedent(ordered, lower, doc[k].lower_, tok.sent.start)
        else:
            candidates = [
                m
                for m in reversed(ordered)
                if m.end <= tok.i
                and (m.type == type_ or (m.type is None and type_ == "Company"))
                # "Saudi ... the government keeps 98.5%": a demonym names a holder state
                and (m.kind != "demonym" or doc[k].lower_ in _HOLDER_ONLY)
                # an article is often about one event: "the forum" reaches further back
                and tok.i - m.end < (400 if type_ == "Event" else 120)
            ]
            if type_ in ("Company", "Fund") and _stake_clause(lower, tok.i, tok.sent.start):
                if lower[k + 1 : k + 2] == ["that"]:
                    continue  # a clause says which firm: "35% of the holding company that ..."
                candidates = _not_holders(candidates, lower, tok.i, tok.sent.start)
                candidates = _most_named_first(candidates)
            if tok.i == tok.sent.start and candidates:
                candidates = _subject_first(candidates, ordered, doc, tok.i)
            # "the Russian miner": the name the text called a miner, if it did (a
            # noun as wide as "company" tells no firm from another)
            called: list[Found] = []
            if doc[k].lower_ not in _WIDE_NOUNS:
                keys = get_called().get(doc[k].lower_, set())
                called = [m for m in candidates if _home_key(m) in keys]
            antecedent = _by_state(candidates, tok.i + 1, k, starts, get_homes, lower, called)
        if antecedent is not None:
            out.append(
                Found(
                    tok.i,
                    k + 1,
                    doc[tok.i : k + 1].text,
                    # a place named as an asset ("the port of X") is the object of a deal here
                    {"Place": "Product", None: "Company"}.get(antecedent.type, antecedent.type)
                    if asset
                    else type_,
                    "anaphor",
                    antecedent.entity,
                    antecedent.confidence * 0.85,
                    cues=[f"refers-to:{antecedent.start}"],
                )
            )
    return out
