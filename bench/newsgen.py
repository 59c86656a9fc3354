"""Synthetic news articles for extraction and build benchmarks.

The world is random but seeded: a few hundred invented firms ("Norvex
Holdings", "Baltic Meridian Energy PJSC", "Kestrel Capital"), their units
and joint ventures, invented funds, people with titles, cities, blocs,
forums, military exercises and pipelines, set among the real states of the
bundled registry (``data/registry/states.jsonl``: names, demonyms, capitals).
The world holds facts (who owns what, who heads what, who sanctions whom...);
each article tells a story around a few of them in sentences drawn from many
templates, padded with market news, quotes and background, so the text reads
like news rather than a list.

Every fact a sentence states is recorded, so ``--gold`` writes beside each
``NAME.txt`` the ``NAME.json`` of ``../shared/eval/FORMAT.md``: the entities
named in the text and the relations the templates state. The same arguments
always give the same bytes; article ``i`` does not depend on how many follow.

    python -m bench.newsgen OUT_DIR --articles 1000 [--seed 7] [--words 500] [--gold]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kg.names import normalize_name
from kg.resources import registry_dir

__all__ = ["generate", "main"]

SOURCE = "kg newsgen (synthetic)"

# --------------------------------------------------------------------------- name pools


def _w(text: str) -> list[str]:
    """A word list written as one string."""
    return text.split()


FIRST_NAMES = _w(
    "Arman Leila Tomas Irena Dmitri Amira Karim Elena Viktor Nadia Omar Sofia Rustam Mira "
    "Pavel Yasmin Anders Katya Farid Lina Marek Zara Oleg Ines Timur Dana Stefan Aliya Jonas "
    "Rania Boris Hana Emil Selin Goran Nora Ilya Maya Kamal Vera Nikolai Aigerim Lukas Dilnoza "
    "Matteo Saida Andrei Freya Hassan Ksenia Tariq Lena Yusuf Marta Erik Alina Rafael Zeynep "
    "Anton Olga Samir Petra Daniyar Greta Ruslan Layla Felix Milena Aziz Sanna Bekzat Ingrid"
)
_SUR_ONSET = _w("B D G K L M N P R S T V Z Br Dr Kr St Gr Tr Sh Ch Kh Sv")
_SUR_VOWEL = _w("a e i o u ar el or an")
_SUR_MID = _w("k l m n r s t v d g sh z")
_SUR_END = _w(
    "ov ev enko ski sson sen ardi elli ez akis oglu yan idze ani berg mann ovic escu in ich "
    "ler ini ari ek"
)
_ROOT_HEAD = _w(
    "Nor Tal Ves Kor Bal Mar Zel Dra Ost Vel Kal Sar Tor Lum Ber Cas Dor Fen Gal Hal Jor Ket "
    "Lor Mir Nev Pol Quin Ren Sol Tem Var Wes Yar Zan Ar Ol Ul El"
)
_ROOT_TAIL = _w(
    "vex ora tis gen dex lon mar tek nor via sta ria ton ix ant ell ex ar um ico enta ova ano is"
)
_CITY_TAIL = _w("opol ograd abad sk ovo ara port burg stad ino ista mir kent ora avan")
GEO = _w(
    "Baltic Caspian Pacific Atlantic Aral Amber Steppe Silk Polar Northern Eastern Southern "
    "Western Central Golden Azure Highland Coastal"
)
NOUNS = _w(
    "Meridian Horizon Crescent Gateway Frontier Harbor Beacon Compass Anchor Keystone Pinnacle "
    "Vanguard Citadel Lodestar"
)
ANIMALS = _w("Kestrel Osprey Falcon Heron Lynx Condor Sable Ibex Merlin Harrier Marten Gannet")
LEGAL = ["Holdings", "Group", "PJSC", "plc", "AG", "SA", "Ltd", "LLC", "JSC", "NV", "ASA"]

#: sector: (words that end a firm name, descriptor nouns, what the firm does)
SECTORS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "energy": (
        ["Energy", "Petroleum", "Oil", "Gas", "Power", "LNG"],
        ["oil producer", "gas producer", "energy company", "utility", "refiner"],
        ["gas supplies", "crude exports", "refining capacity", "power generation"],
    ),
    "mining": (
        ["Mining", "Metals", "Resources", "Copper", "Nickel"],
        ["miner", "mining company", "metals producer"],
        ["copper output", "ore shipments", "smelting capacity"],
    ),
    "finance": (
        ["Bank", "Capital", "Securities", "Partners"],
        ["lender", "bank", "investment firm"],
        ["trade finance", "corporate lending", "bond issuance"],
    ),
    "telecom": (
        ["Telecom", "Networks", "Technologies", "Systems", "Communications"],
        ["telecom operator", "technology company", "network operator"],
        ["5G networks", "data centres", "fibre-optic links"],
    ),
    "transport": (
        ["Shipping", "Logistics", "Ports", "Railways", "Airlines"],
        ["shipping group", "logistics company", "port operator", "carrier"],
        ["container traffic", "freight routes", "port capacity"],
    ),
    "industry": (
        ["Industries", "Chemicals", "Steel", "Aerospace", "Motors"],
        ["manufacturer", "chemicals maker", "steel producer", "conglomerate"],
        ["fertiliser plants", "steel mills", "assembly lines"],
    ),
    "trading": (
        ["Trading", "Commodities"],
        ["commodities trader", "trader"],
        ["grain trading", "metals trading", "oil trading"],
    ),
}
FUND_KINDS = [
    ("{r} Investment Authority", True, True),
    ("{r} Wealth Fund", False, True),
    ("{r} Investment Corporation", True, True),
    ("{r} Pension Fund", False, False),
    ("{g} {n} Fund", False, False),
]
BLOC_WORDS = ["Economic", "Energy", "Security", "Trade", "Customs", "Development"]
BLOC_KINDS = ["Council", "Union", "Alliance", "Organisation", "Commission"]
FEDERATIONS = {
    "energy": "Gas Producers Federation",
    "mining": "Metals Producers Council",
    "transport": "Shipowners Union",
    "telecom": "Telecom Operators Federation",
}
FORUM_THEMES = ["Dialogue", "Economic", "Investment", "Energy", "Security", "Connectivity"]
FORUM_KINDS = ["Forum", "Forum", "Summit", "Conference"]
DRILL_WORDS = _w("Shield Sword Thunder Guardian Resolve Watch Arrow Bastion Sentinel Spear")
PIPE_WORDS = ["Stream", "Link", "Corridor", "Connector", "Line"]
TOPICS = [
    "energy",
    "trade",
    "security",
    "transport",
    "customs",
    "nuclear energy",
    "agriculture",
    "defence",
]
WEEKDAYS = _w("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _w("January February March April May June July August September October November December")


# --------------------------------------------------------------------------- the world


@dataclass(eq=False)
class Ent:
    """One thing of the invented world, or a real state."""

    name: str
    type: str
    short: str | None = None  # later mentions ("Norvex", "Velikov")
    acronym: str | None = None  # "TIA", introduced in brackets
    the: bool = False  # takes "the" ("the Talvora Investment Authority")
    state: Ent | None = None  # home state
    city: Ent | None = None  # home city
    kind: str = ""  # descriptor noun ("oil producer")
    sector: str = ""
    title: str = ""  # a person's title ("chief executive", "President")
    org: Ent | None = None  # what a person heads or works for
    role: str = ""  # person: head, minister, analyst
    head: Ent | None = None  # who heads it
    demonym: str = ""
    capital: str = ""
    sovereign: bool = False  # a state fund
    dest: Ent | None = None  # where a pipeline ends
    suffix: str = ""  # a name form with a suffix: "exercises", "pipeline"
    facts: list[Fact] = field(default_factory=list)


@dataclass(eq=False)
class Fact:
    kind: str  # stake, sub, head, based, sanction, coop, conflict, member, partner, jv, city
    a: Ent
    b: Ent
    pct: float | None = None
    extra: list[Ent] = field(default_factory=list)


@dataclass(eq=False)
class Series:
    """A forum or exercise held every year: the 2019 edition is its own event."""

    name: str  # "Northern Dialogue Forum" or "Steppe Shield"
    drill: bool
    host: Ent  # the host state
    city: Ent
    editions: dict[int, Ent] = field(default_factory=dict)

    def edition(self, year: int) -> Ent:
        if year not in self.editions:
            if self.drill:
                event = Ent(f"{self.name} {year}", "Event", suffix="exercises")
            else:
                event = Ent(f"{year} {self.name}", "Event", the=True)
            self.editions[year] = event
        return self.editions[year]


def _states() -> list[dict[str, Any]]:
    rows = []
    path = registry_dir() / "states.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def _registry_names() -> set[str]:
    names: set[str] = set()
    for path in sorted(registry_dir().glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            for name in (row["label"], *row.get("aliases", ()), *row.get("metonyms", ())):
                names.add(normalize_name(name))
            for name in row.get("demonyms", ()):
                names.add(normalize_name(name))
    return names


class World:
    """The invented world of one seed: entities and the facts among them."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"newsgen-world:{seed}")
        self.rng = rng
        self.taken = _registry_names()
        self.states: list[Ent] = []
        for row in _states():
            label = row["label"]
            if not row.get("demonyms") or not row.get("metonyms"):
                continue
            if any(c in label for c in ",()") or " and " in label:
                continue
            self.states.append(
                Ent(
                    label,
                    "State",
                    the=label in _THE_STATES,
                    demonym=row["demonyms"][0],
                    capital=row["metonyms"][0],
                )
            )
        rng.shuffle(self.states)
        self.powers = [s for s in self.states if s.name in _POWERS][:8]  # they sanction others
        rest = [s for s in self.states if s not in self.powers]
        # The first 40 states, the powers among them, are those the news is mostly about.
        active = self.powers + rest[: 40 - len(self.powers)]
        rng.shuffle(active)
        self.states = active + rest[40 - len(self.powers) : 80 - len(self.powers)]
        self.cities: dict[int, list[Ent]] = {}
        self.eu = Ent("European Union", "Organization", short="EU", the=True)
        self.unsc = Ent(
            "United Nations Security Council", "Organization", short="UN Security Council", the=True
        )
        self.persons: list[Ent] = []
        self.firms: list[Ent] = []
        self.units: list[Ent] = []
        self.ventures: list[Ent] = []
        self.funds: list[Ent] = []
        self.blocs: list[Ent] = []
        self.pipelines: list[Ent] = []
        self.forums: list[Series] = []
        self.drills: list[Series] = []
        self.ministers: dict[int, list[Ent]] = {}
        self.analysts: list[Ent] = []
        self._build()
        self.everyone = self.firms + self.units + self.ventures
        #: stakes in firms with a percent, held by firms or funds: deal stories
        self.deals = [
            f
            for e in self.firms
            for f in e.facts
            if f.kind == "stake" and f.b is e and f.pct is not None and f.a.type != "State"
        ]
        self.conflicts = [
            f for s in self.states for f in s.facts if f.kind == "conflict" and f.a is s
        ]

    # -- names ------------------------------------------------------------

    def _try(
        self, make: Callable[[], str], also: Sequence[str] = (), tries: int = 1000
    ) -> str | None:
        """A name from ``make`` that no registry entry or earlier name has (nor its ``also``)."""
        for _ in range(tries):
            name = make()
            keys = [normalize_name(name)] + [normalize_name(a.format(name)) for a in also]
            if not any(k in self.taken for k in keys):
                self.taken.update(keys)
                return name
        return None

    def _fresh(self, make: Callable[[], str], also: Sequence[str] = ()) -> str:
        name = self._try(make, also)
        if name is None:
            raise RuntimeError("newsgen: name pool exhausted")
        return name

    def _root(self) -> str:
        rng = self.rng
        return self._fresh(lambda: rng.choice(_ROOT_HEAD) + rng.choice(_ROOT_TAIL))

    def _surname(self) -> str:
        rng = self.rng

        def make() -> str:
            return (
                rng.choice(_SUR_ONSET)
                + rng.choice(_SUR_VOWEL)
                + rng.choice(_SUR_MID)
                + rng.choice(_SUR_END)
            )

        return self._fresh(make)

    def person(self, role: str, title: str, org: Ent | None) -> Ent:
        last = self._surname()
        first = self.rng.choice(FIRST_NAMES)
        p = Ent(f"{first} {last}", "Person", short=last, title=title, org=org, role=role)
        self.persons.append(p)
        return p

    def city(self, state: Ent) -> Ent:
        cities = self.cities.setdefault(id(state), [])
        if len(cities) < 3 and (not cities or self.rng.random() < 0.4):
            rng = self.rng
            name = self._fresh(
                lambda: rng.choice(_ROOT_HEAD) + rng.choice("aeio") + rng.choice(_CITY_TAIL)
            )
            city = Ent(name, "Place", state=state)
            city.facts.append(Fact("city", city, state))
            cities.append(city)
        return self.rng.choice(cities)

    # -- the world --------------------------------------------------------

    def _firm(self, sector: str, state: Ent, name: str | None = None) -> Ent:
        rng = self.rng
        words, kinds, _ = SECTORS[sector]
        short: str | None
        if name is None:
            style = rng.random()
            if style < 0.35:
                short = self._root()
                name = f"{short} {rng.choice(words)}"
            elif style < 0.55:
                short = self._root()
                name = f"{short} {rng.choice(['Holdings', 'Group'])}"
            elif style < 0.8:
                short = self._fresh(lambda: f"{rng.choice(GEO)} {rng.choice(NOUNS)}")
                name = f"{short} {rng.choice(words)}"
            else:
                short = self._try(lambda: rng.choice(ANIMALS), tries=3) or self._root()
                name = f"{short} {rng.choice(words)}"
            if rng.random() < 0.3 and not name.endswith(("Holdings", "Group")):
                name += " " + rng.choice(LEGAL[2:])
            self.taken.add(normalize_name(name))
        else:
            short = None
        firm = Ent(name, "Company", short=short, state=state, sector=sector)
        firm.kind = rng.choice(kinds)
        firm.city = self.city(state)
        firm.facts.append(Fact("based", firm, state))
        head = self.person("head", rng.choice(_FIRM_TITLES), firm)
        firm.head = head
        self._fact("head", head, firm)
        return firm

    def _fact(self, kind: str, a: Ent, b: Ent, pct: float | None = None) -> Fact:
        f = Fact(kind, a, b, pct)
        a.facts.append(f)
        if b is not a:
            b.facts.append(f)
        return f

    def _pcts(self, n: int, total: float) -> list[float]:
        rng = self.rng
        cuts = sorted(rng.uniform(5, total - 5) for _ in range(n - 1))
        parts = [b - a for a, b in zip([0.0, *cuts], [*cuts, total], strict=True)]
        out = []
        for p in parts:
            p = max(1.0, p)
            out.append(float(round(p)) if rng.random() < 0.7 else round(p, 1))
        return out

    def _build(self) -> None:
        rng = self.rng
        states = self.states
        active = states[:40]  # most news is about these
        for s in states:
            title = rng.choice(["President", "President", "Prime Minister"])
            s.head = self.person("head", title, s)
            self._fact("head", s.head, s)
            for office in rng.sample(["Foreign", "Energy", "Finance", "Economy", "Defence"], 2):
                self.person("minister", f"{office} Minister", s)
        sectors = list(SECTORS)
        for _ in range(260):
            self.firms.append(self._firm(rng.choice(sectors), rng.choice(active)))
        # Units: a parent's arm, often named after it.
        for parent in rng.sample(self.firms, 70):
            sector = rng.choice(sectors)
            name = None
            if parent.short and rng.random() < 0.6:
                word = rng.choice(SECTORS[sector][0])
                if not parent.name.startswith(f"{parent.short} {word}"):
                    name = f"{parent.short} {word}"
                    self.taken.add(normalize_name(name))
            unit = self._firm(sector, parent.state or rng.choice(active), name)
            unit.kind = f"{_SECTOR_ADJ[sector]} {rng.choice(['unit', 'arm', 'subsidiary'])}"
            self._fact("sub", unit, parent)
            self.units.append(unit)
        # Funds: sovereign ones are owned by their state.
        for _ in range(40):
            template, acronym, sovereign = rng.choice(FUND_KINDS)
            state = rng.choice(active)
            if "{r}" in template:
                name = template.format(r=self._root())
                self.taken.add(normalize_name(name))
            else:
                name = self._fresh(
                    lambda t=template: t.format(g=rng.choice(GEO), n=rng.choice(NOUNS))
                )
            acr = "".join(w[0] for w in name.split()) if acronym else None
            if acr and normalize_name(acr) in self.taken:
                acr = None
            if acr:
                self.taken.add(normalize_name(acr))
            fund = Ent(name, "Fund", acronym=acr, the=True, state=state, sovereign=sovereign)
            fund.kind = "sovereign wealth fund" if sovereign else "investment fund"
            fund.city = self.city(state)
            fund.facts.append(Fact("based", fund, state))
            fund.head = self.person("head", rng.choice(_FUND_TITLES), fund)
            self._fact("head", fund.head, fund)
            if sovereign:
                self._fact("stake", state, fund)
            self.funds.append(fund)
        # Shareholders of firms: funds, other firms, states.
        holders: list[Ent] = self.funds + self.firms
        for firm in self.firms:
            r = rng.random()
            owners: list[Ent] = []
            if r < 0.15 and firm.state is not None:
                owners.append(firm.state)
            if r < 0.65:
                n = rng.randint(1, 3)
                owners += [h for h in rng.sample(holders, n + 1) if h is not firm][:n]
            # Percents add up to less than 100: the rest is held by others.
            for owner, pct in zip(owners, self._pcts(len(owners) + 1, 100), strict=False):
                self._fact("stake", owner, firm, pct if rng.random() < 0.8 else None)
        # Joint ventures: two or three parents that share it out.
        for _ in range(30):
            parents = rng.sample(self.firms, rng.randint(2, 3))
            sector = parents[0].sector
            jv = self._firm(sector, parents[0].state or rng.choice(active))
            jv.kind = "joint venture"
            fact = self._fact("jv", jv, parents[0])
            fact.extra = parents
            for p in parents[1:]:
                p.facts.append(fact)
            for parent, pct in zip(parents, self._pcts(len(parents), 100), strict=True):
                self._fact("stake", parent, jv, pct)
            self.ventures.append(jv)
        # Partners by contract, and firms at odds.
        everyone = self.firms + self.units + self.ventures
        for _ in range(220):
            a, b = rng.sample(everyone, 2)
            self._fact("partner", a, b)
        for _ in range(40):
            a, b = rng.sample(everyone, 2)
            self._fact("fight", a, b)
        # Pipelines and their owners.
        energy = [f for f in everyone if f.sector == "energy"] or everyone
        for _ in range(25):
            name = self._fresh(
                lambda: rng.choice(
                    [
                        f"{rng.choice(GEO)} {rng.choice(PIPE_WORDS)}",
                        f"{rng.choice(_ROOT_HEAD)}{rng.choice(_ROOT_TAIL)} "
                        + rng.choice(PIPE_WORDS),
                        f"Trans-{rng.choice(GEO)}",
                    ]
                ),
                also=("{} pipeline",),
            )
            a, b = rng.sample(active, 2)
            pipe = Ent(name, "Product", suffix="pipeline", state=a, dest=b)
            n = rng.randint(2, 4)
            owners = rng.sample(energy + self.funds, n)
            for owner, pct in zip(owners, self._pcts(n, 100), strict=True):
                self._fact("stake", owner, pipe, pct)
            self.pipelines.append(pipe)
        # States: sanctions, cooperation, conflict.
        targets = everyone + self.funds + [f.head for f in everyone if f.head] + active
        for _ in range(200):
            imposer = rng.choice([*self.powers, self.eu, self.eu, self.unsc])
            target = rng.choice(targets)
            if target is imposer or target in self.powers:
                continue
            self._fact("sanction", imposer, target)
        pairs: set[tuple[int, int]] = set()
        for kind, count in (("coop", 100), ("conflict", 60)):
            for _ in range(count):
                a, b = rng.sample(active, 2)
                key = (min(id(a), id(b)), max(id(a), id(b)))
                if key not in pairs:
                    pairs.add(key)
                    self._fact(kind, a, b)
        # Blocs of states and federations of firms.
        for _ in range(16):
            name = self._fresh(
                lambda: f"{rng.choice(GEO)} {rng.choice(BLOC_WORDS)} {rng.choice(BLOC_KINDS)}"
            )
            acr = "".join(w[0] for w in name.split())
            bloc = Ent(name, "Organization", the=True)
            if normalize_name(acr) not in self.taken and rng.random() < 0.6:
                bloc.acronym = acr
                self.taken.add(normalize_name(acr))
            home = rng.choice(active)
            bloc.state, bloc.city = home, self.city(home)
            bloc.facts.append(Fact("based", bloc, home))
            bloc.head = self.person("head", "secretary-general", bloc)
            self._fact("head", bloc.head, bloc)
            for member in rng.sample(states, rng.randint(3, 8)):
                self._fact("member", member, bloc)
            self.blocs.append(bloc)
        for sector, words in FEDERATIONS.items():
            name = self._fresh(lambda w=words: f"{rng.choice(GEO)} {w}")
            fed = Ent(name, "Organization", the=True)
            home = rng.choice(active)
            fed.state, fed.city = home, self.city(home)
            fed.facts.append(Fact("based", fed, home))
            members = [f for f in self.firms if f.sector == sector]
            for member in rng.sample(members, min(len(members), rng.randint(3, 6))):
                self._fact("member", member, fed)
            self.blocs.append(fed)
        # Forums and exercises, held each year in the same place.
        for _ in range(30):
            host = rng.choice(active)
            name = self._fresh(
                lambda: f"{rng.choice(GEO)} {rng.choice(FORUM_THEMES)} {rng.choice(FORUM_KINDS)}"
            )
            self.forums.append(Series(name, False, host, self.city(host)))
        for _ in range(15):
            host = rng.choice(active)
            name = self._fresh(
                lambda: f"{rng.choice(GEO + NOUNS)} {rng.choice(DRILL_WORDS)}",
                also=("{} exercises",),
            )
            self.drills.append(Series(name, True, host, self.city(host)))
        for p in self.persons:
            if p.role == "minister" and p.org is not None:
                self.ministers.setdefault(id(p.org), []).append(p)
        banks = [f for f in self.firms if f.sector == "finance"] or self.firms
        for _ in range(40):
            self.analysts.append(self.person("analyst", "analyst", rng.choice(banks)))


_FIRM_TITLES = [
    "chief executive",
    "chief executive",
    "chief executive",
    "chairman",
    "managing director",
    "president",
]
_SECTOR_ADJ = {
    "energy": "energy",
    "mining": "mining",
    "finance": "investment",
    "telecom": "telecom",
    "transport": "logistics",
    "industry": "industrial",
    "trading": "trading",
}
_POWERS = frozenset(
    {"United States", "United Kingdom", "China", "Russia", "Japan", "Canada", "Australia"}
    | {"France", "Germany", "India", "Turkey", "Switzerland"}
)
_THE_STATES = frozenset(
    {"Bahamas", "Gambia", "Maldives", "Marshall Islands", "Netherlands", "Philippines"}
    | {"Solomon Islands", "Czech Republic", "United Arab Emirates", "United Kingdom"}
    | {"United States"}
)
_FUND_TITLES = ["chief executive", "managing director", "chairman", "head"]


# --------------------------------------------------------------------------- templates
# Slots: {a} an entity (full name at first mention, short form later), {a.full},
# {a.pos} ("X's"), {a.dem} a state's demonym, {a.any} a state's name or capital,
# {a.bare} the name alone, {a.kind} a descriptor, {a.title} a person's title; other
# slots are plain text (a percentage, a sum, a day).

STAKE_PCT = [
    "{a} holds a {p} stake in {b}.",
    "{a} owns {p} of {b}, according to the company's latest annual report.",
    "{a} has agreed to buy a {p} stake in {b} for {money}.",
    "{a} will acquire {p} of {b} once regulators approve the deal, the buyer said.",
    "{b}, {p} of which is owned by {a}, said the sale would not affect its dividend.",
    "Through the purchase, {a} takes a {p} interest in {b}.",
    "{a} already controls {p} of {b} and has an option to buy more.",
    "{a} paid {money} for its {p} stake in {b} in {year}.",
    "{a} now holds {p} of {b}, filings showed on {weekday}.",
    "Regulators cleared the purchase by {a} of a {p} stake in {b} on {weekday}.",
    "{a} bought a {p} holding in {b} from its founders in {year}.",
]
STAKE_PLAIN = [
    "{a} already owns a stake in {b}.",
    "{a} is the biggest shareholder in {b}.",
    "{b} is controlled by {a}.",
    "{a} has held a minority stake in {b} since {year}.",
    "{a} bought a controlling stake in {b} in {year}.",
    "{b} is majority owned by {a}.",
    "{a} is also a shareholder in {b}.",
]
STAKE_STATE = [
    "{b}, which is controlled by the {a.dem} state, has not commented.",
    "The {a.dem} government owns {p} of {b}.",
    "{a} remains the largest shareholder of {b}.",
    "The government of {a} holds a {p} stake in {b}.",
]
STATE_OWNED_INTRO = [
    "{a.dem} state-owned {b.kind} {b.full} said on {weekday} that {topic_news}.",
    "{a.dem} state-controlled {b.full} has been cutting costs since {year}.",
]
FUND_OF_STATE = [
    "{b}, {a.pos} sovereign wealth fund, manages about {money} in assets.",
    "{a.dem} sovereign wealth fund {b.bare} was set up in {year}.",
    "{b} is the state investment vehicle of {a} and is wholly owned by its government.",
]
SHAREHOLDERS = [
    "The shareholders of {b} are {pairs}.",
    "{b} is owned by {pairs}.",
    "{b.pos} current shareholders are {pairs}.",
]
RESPECTIVELY = [
    "{holders} hold {pcts} of {b} respectively.",
    "{holders} own {pcts} of {b}, respectively.",
]
#: Stakes of the partners in their joint venture: they are partners, too.
SHAREHOLDERS_JV = ["The partners in the joint venture {b.full} are {pairs}."]
RESPECTIVELY_JV = ["{holders} hold {pcts} of their joint venture {b.full}, respectively."]
SUBSIDIARY = [
    "{a}, a unit of {b}, said it would expand {b_work}.",
    "{a} is a subsidiary of {b}.",
    "{b.pos} {a.kind} {a.full} will lead the project.",
    "{a}, the {a.kind} of {b}, has not commented.",
    "{a} is a wholly owned subsidiary of {b}.",
    "{a}, an arm of {b}, reported higher sales in the {quarter}.",
    "{a} operates as a division of {b}.",
]
HEAD = [
    "{x}, {x.title} of {o}, said the company {outlook}.",
    "{o} is led by {x.title} {x.full}.",
    "{x} has been {x.title} of {o} since {year}.",
    "{o} named {x.full} as its {x.title} in {month}.",
    "{x}, who heads {o}, said {outlook_inner}.",
    "{o} {x.title} {x.full} told reporters the company {outlook}.",
    "\u201cWe are in no hurry,\u201d said {x}, the {x.title} of {o}.",
]
HEAD_STATE = [
    "{o.dem} {x.title} {x.full} welcomed the decision.",
    "{x}, the {x.lowtitle} of {o}, has made closer ties a priority.",
    "{x.title} {x.full} of {o} called the agreement {milestone}.",
    "{o.pos} {x.lowtitle}, {x.full}, is due to visit the region next month.",
]
HEAD_BLOC = [
    "{x}, secretary-general of {o}, said members would meet again in {month}.",
    "{o} secretary-general {x.full} called for calm.",
    "{o} is headed by secretary-general {x.full}.",
]
BASED = [
    "{a} is based in {c}, {s}.",
    "{a}, which is headquartered in {c}, {s}, employs about {staff} people.",
    "{c.bare}-based {a.full} said it would keep {work} at current levels.",
    "{a} is headquartered in {c}.",
    "{a} is registered in {s}.",
    "{a}, {s.pos} largest {a.kind}, {did}.",
    "{s.dem} {a.kind} {a.full} {did}.",
    "{a}, a {a.kind} based in {s}, {did}.",
]
BASED_FUND = [
    "{a} is based in {c}, {s}.",
    "{a}, which is headquartered in {c}, manages about {money}.",
    "{s.dem} fund {a.bare} manages about {money}.",
]
BASED_BLOC = [
    "{a} is headquartered in {c}, {s}.",
    "{a}, which is based in {c}, was founded in {year}.",
]
CITY = [
    "{c}, a port city in {s}, is expected to benefit most.",
    "The company runs a plant in the {s.dem} city of {c}.",
    "{c}, in {s}, has become a regional logistics hub.",
]
SANCTION_ANY = [
    "{i} imposed sanctions on {t} on {weekday}, citing {reason}.",
    "{i} added {t} to its sanctions list in {month}.",
    "{t} has been under {i.adj} sanctions since {year}.",
    "{i} extended its sanctions against {t} for another six months.",
    "{i} blacklisted {t} last year over {reason}.",
]
_SANCTION_FIRM = [
    "{i} froze the assets of {t} in {year}.",
    "{t} is subject to {i.adj} sanctions that bar it from raising long-term debt.",
    "Sanctions imposed on {t} by {i} have cut it off from western lenders.",
    "{i.any} slapped an export ban on {t} in {year}.",
]
_SANCTION_BY_TYPE = {
    "Person": [
        "{i} froze the assets of {t} in {year}.",
        "{i} imposed a travel ban and an asset freeze on {t} in {month}.",
    ],
    "State": [
        "{i.any} slapped an embargo on {t} in {year}.",
        "{i} imposed sweeping sanctions on {t} over {reason}.",
    ],
}
SANCTION_MANY = [
    "{i} imposed sanctions on {ts} on {weekday}, citing {reason}.",
    "{i} added {ts} to its sanctions list in {month}.",
    "{i} blacklisted {ts} over {reason}.",
]
PARTNER = [
    "{a} signed a {n}-year supply agreement with {b} on {weekday}.",
    "{a} and {b} struck a deal to develop {work} together.",
    "{a} has teamed up with {b} to expand {work}.",
    "{a} and {b} signed a memorandum on {work} in {month}.",
    "{a} and {b} are partners in a {money} project to upgrade {work}.",
    "{a} inked a contract with {b} worth {money}.",
]
FIGHT = [
    "{a} is locked in a legal dispute with {b} over unpaid fees.",
    "The dispute between {a} and {b} over {work} went to arbitration in {month}.",
    "{a} has been in a long-running feud with {b}.",
]
JV = [
    "{a} and {b} agreed to set up a joint venture, {v.full}, to develop {work}.",
    "{a} formed a joint venture with {b}, called {v.full}, in {year}.",
    "The joint venture {v.full} brings together {parties}.",
    "{parties} created {v.full} as a joint venture in {year}.",
]
COOP = [
    "{a} and {b} have been building closer economic ties.",
    "{a} signed a cooperation agreement on {topic} with {b} on {weekday}.",
    "Relations between {a} and {b} have warmed since {year}.",
    "{a.any} and {b.any} agreed to deepen {topic} cooperation.",
    "{a} and {b} pledged to cooperate on {topic}.",
    "{a} and {b} signed a treaty on {topic} in {year}.",
    "{a} has long sided with {b} on regional issues.",
    "Ties between {a} and {b} have grown stronger since {year}.",
]
CONFLICT = [
    "The trade dispute between {a} and {b} shows no sign of easing.",
    "{a} and {b} remain locked in a border dispute.",
    "Tensions between {a} and {b} have risen since {year}.",
    "{a} imposed tariffs on {b} in {month}, deepening the trade war.",
    "{a.any} accused {b} of {accusation}.",
    "The conflict between {a} and {b} has hit trade across the region.",
    "{a} has been waging a tariff war against {b} since {year}.",
]
MEMBER_ONE = [
    "{s} is a member of {o}.",
    "{s} joined {o} in {year}.",
    "{s} became a full member of {o} in {year}.",
    "{s} has been a member of {o} since {year}.",
]
MEMBER_MANY = [
    "{o} groups {ss}.",
    "Members of {o} include {ss}.",
    "{ss} are members of {o}.",
    "{o}, whose members include {ss}, meets twice a year.",
]
HELD = [
    "{e} was held in {c} this week.",
    "{e} opened in {c} on {weekday}.",
    "{e} took place in {c}, {s}.",
    "{e}, held in the {s.dem} city of {c}, drew about {n2} delegates.",
]
HELD_DRILL = [
    "{e} took place near {c}, {s}.",
    "{e} were held near the {s.dem} city of {c}.",
    "{e} began near {c} on {weekday}.",
]
ATTEND = [
    "{a} attended {e}.",
    "{a} took part in {e}.",
    "{a} spoke at {e} on {weekday}.",
    "{a} was among the speakers at {e}.",
    "{a} addressed {e}, urging investors to look east.",
]
ATTEND_MANY = [
    "{aa} attended {e}.",
    "{aa} took part in {e}.",
    "Delegations from {aa} took part in {e}.",
]
HOST = [
    "{a} hosted {e}.",
    "{e} was hosted by {a}.",
    "{a} hosted {e} for the {nth} time.",
]
STAGE = [
    "{a} staged {e}.",
    "{a} hosted {e}.",
    "{a} staged {e}, its largest drills in years.",
]
TROOPS = [
    "{a.dem} troops took part in {e}.",
    "{a.dem} forces joined {e} for the first time.",
    "Troops from {aa} took part in {e}.",
    "{aa} staged {e} together.",
]
SIDELINES = [
    "{a} and {b} signed the agreement on the sidelines of {e}.",
    "On the sidelines of {e}, {a} and {b} signed an accord on {topic}.",
]

FILLER = [
    "Oil prices have fallen by more than a third since the summer, squeezing budgets.",
    "The value of the transaction was not disclosed.",
    "The deal still needs the approval of competition regulators.",
    "Analysts said the move reflected a broader push to diversify export routes.",
    "Trading volumes were thin ahead of a public holiday.",
    "Regional currencies weakened against the dollar in early trading.",
    "Freight rates have doubled since the start of the year.",
    "The announcement came as the region braces for a slowdown in demand.",
    "Officials gave no timetable for the next round of talks.",
    "Borrowing costs across the region have risen sharply this year.",
    "The central bank left its key rate unchanged at {rate} percent last month.",
    "Exports of grain and fertiliser rose {small} percent in the first half.",
    "Investors have grown wary of the sector after a string of defaults.",
    "A decision on the second phase is expected by the end of {month}.",
    "The project has been delayed several times since it was first proposed in {year}.",
    "Gas demand in the region is expected to grow by about {small} percent a year.",
    "Details of the financing were not made public.",
    "The agreement runs for {n} years and can be extended.",
    "The talks took place behind closed doors.",
    "Shipping through the straits was disrupted for several days in {month}.",
    "Inflation slowed to {rate} percent in {month}, official data showed.",
    "The government expects the economy to grow by {small} percent this year.",
    "The move is likely to be followed by similar steps elsewhere, analysts said.",
    "Several banks have already scaled back lending in the region.",
    "Construction is due to begin next spring and take about {n} years.",
    "The first shipments are expected in the {quarter}.",
    "Industry data show output fell {small} percent in the year to {month}.",
    "Critics say the plan does little to address the region's dependence on imports.",
    "Local media reported the news earlier on {weekday}.",
    "The figures were in line with market expectations.",
]
FILLER_FIRM = [
    "Shares in {a} rose {small} percent on {weekday}.",
    "Shares in {a} fell {small} percent in morning trading.",
    "{a} reported a {small} percent rise in {quarter} net profit to {money}.",
    "A spokesman for {a} declined to comment.",
    "{a} said it would publish more details later this year.",
    "{a} has been expanding {work} since {year}.",
    "{a} posted revenue of {money} last year.",
    "{a} employs about {staff} people.",
    "{a} plans to spend {money} on {work} over the next {n} years.",
    "{a} did not respond to a request for comment.",
]
FILLER_PERSON = [
    "\u201cThis is a long-term commitment,\u201d {x} told reporters.",
    "{x} declined to comment on the talks.",
    "\u201cWe expect demand to keep growing,\u201d {x} said in a statement.",
    "{x} said the company was {adjective} about the outlook.",
    "\u201cNothing has been decided yet,\u201d {x} said.",
    "{x} said more agreements could follow before the end of the year.",
]
FILLER_ANALYST = [
    "\u201cThe market had expected this for months,\u201d said {x}, an analyst at {o}.",
    "{x}, an analyst at {o}, said the price looked {price}.",
    "\u201cIt is a bold bet,\u201d said {x}, who covers the sector at {o}.",
]
FILLER_STATE = [
    "{a} relies on energy exports for about {small} percent of its budget revenue.",
    "The economy of {a} grew {small} percent last year.",
    "{a} has been trying to attract foreign investors since {year}.",
    "{a.dem} officials declined to comment.",
    "{a} holds parliamentary elections next year.",
]
FILLER_EVENT = [
    "{e} drew about {n2} participants from {n} countries.",
    "Organisers said {e} would be held again next year.",
    "Security was tight around {e}.",
]
FILLER_MINISTER = [
    "{x} said the government was {adjective} about the talks.",
    "\u201cWe will protect our interests,\u201d {x} told reporters.",
]
FILLER_BLOC_HEAD = [
    "{x} said members were {adjective} about the talks.",
    "\u201cThe door remains open,\u201d {x} told reporters.",
]
_HEAD_QUOTES = {"State": FILLER_MINISTER, "Organization": FILLER_BLOC_HEAD}
PARAMS: dict[str, list[str]] = {
    "reason": [
        "human rights abuses",
        "its role in the conflict",
        "money laundering",
        "sanctions evasion",
        "cyber attacks",
        "arms sales",
        "election interference",
    ],
    "accusation": [
        "dumping steel on its market",
        "violating the ceasefire",
        "blocking transit shipments",
        "stealing gas from the pipeline",
        "interfering in its elections",
    ],
    "outlook": [
        "expected higher output next year",
        "would keep investing despite the slowdown",
        "saw strong demand from Asian buyers",
        "had no plans to cut jobs",
    ],
    "outlook_inner": [
        "talks with buyers were going well",
        "the company would pay a higher dividend",
        "the slowdown would be short-lived",
    ],
    "adjective": ["cautiously optimistic", "encouraged", "realistic", "confident", "upbeat"],
    "price": ["cheap", "full", "reasonable", "steep", "fair"],
    "milestone": ["historic", "an important step", "a turning point", "overdue"],
    "did": [
        "said on {weekday} that it would raise its dividend",
        "reported a record profit for the {quarter}",
        "plans to list its shares next year",
        "is cutting about {staff} jobs",
    ],
    "topic_news": [
        "it would raise output next year",
        "its chief executive would step down",
        "it had repaid a {money} loan early",
    ],
    "quarter": ["first quarter", "second quarter", "third quarter", "fourth quarter"],
}


def _pct_text(rng: random.Random, value: float, short: bool = False) -> str:
    v = f"{value:g}"
    if short:
        return f"{v}%"
    return rng.choice([f"{v} percent", f"{v} percent", f"{v} per cent", f"{v}%"])


_AN = re.compile(r"\b([Aa]) (?=(?!uni|use|uti|eu|Eu|one)[aeiouAEIOU])")
_SLOT = re.compile(r"\{(\w+)(?:\.(\w+))?\}")


# --------------------------------------------------------------------------- one article


class Writer:
    """Writes one article about the world, keeping the gold of what it says."""

    def __init__(self, world: World, rng: random.Random, day: date) -> None:
        self.w = world
        self.rng = rng
        self.day = day
        self.year = day.year
        self.order: list[Ent] = []  # entities in order of first mention
        self.forms: dict[int, set[str]] = {}
        self.acronym_done: set[int] = set()
        self.rels: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.said: set[int] = set()  # ids of facts stated
        self.used: set[str] = set()  # filler templates used
        self.analysts = rng.sample(world.analysts, 2)
        self.quotes = 0  # analyst quotes so far

    # -- gold ---------------------------------------------------------------

    def _seen(self, e: Ent, form: str | None = None) -> None:
        if id(e) not in self.forms:
            self.forms[id(e)] = set()
            self.order.append(e)
        if form:
            self.forms[id(e)].add(form)

    def rel(self, s: Ent, predicate: str, o: Ent, pct: float | None = None) -> None:
        a, b = s.name, o.name
        if predicate in ("partnerOf", "cooperatesWith", "inConflictWith") and b < a:
            a, b = b, a
        key = (a, predicate, b)
        old = self.rels.get(key)
        if old is None:
            old = self.rels[key] = {"subject": s.name, "predicate": predicate, "object": o.name}
        if pct is not None and predicate == "ownsStakeIn":
            old["percent"] = int(pct) if float(pct).is_integer() else pct

    def gold(self, document: str) -> dict[str, Any]:
        entities = []
        for e in self.order:
            entry: dict[str, Any] = {"name": e.name, "type": e.type}
            aliases = sorted(self.forms[id(e)] - {e.name})
            if aliases:
                entry["aliases"] = aliases
            entities.append(entry)
        return {"document": document, "entities": entities, "relations": list(self.rels.values())}

    # -- mentions -----------------------------------------------------------

    def ref(self, e: Ent, intro: bool = True, short: bool = True, force: bool = False) -> str:
        """A mention of ``e``; a first mention may introduce it with what it is.

        Later mentions may use a short form ("Norvex", "Velikov", "TIA") unless
        ``short`` is false. ``force`` introduces a person with the title always.
        """
        rng = self.rng
        first = id(e) not in self.forms
        self._seen(e)
        the = "the " if e.the else ""
        if e.type == "Person":
            if (
                first
                and intro
                and e.org is not None
                and (force or e.role == "minister" or rng.random() < 0.6)
            ):
                org = e.org
                if e.role == "head" and org.type == "State":
                    self.rel(e, "headOf", org)
                    return f"{self.dem(org)} {e.title} {e.name}"
                if e.role == "head":
                    self.rel(e, "headOf", org)
                    return f"{self.ref(org, intro=False)} {e.title} {e.name}"
                if e.role == "minister":
                    return f"{self.dem(org)} {e.title} {e.name}"
            if not first and e.short and short:
                self._seen(e, e.short)
                return e.short
            return e.name
        if e.type == "Company":
            if first and intro and e.state is not None and rng.random() < 0.25:
                self.rel(e, "basedIn", e.state)
                return f"{self.dem(e.state)} {e.kind} {e.name}"
            if not first and e.short and short and rng.random() < 0.6:
                self._seen(e, e.short)
                return e.short
            return e.name
        if e.type in ("Fund", "Organization") and (e.acronym or e.short) and short:
            if e.acronym and id(e) in self.acronym_done:
                self._seen(e, e.acronym)
                return e.acronym
            if e.acronym and first and intro and rng.random() < 0.6:
                self.acronym_done.add(id(e))
                self._seen(e, e.acronym)
                return f"{the}{e.name} ({e.acronym})"
            if e.short and not first and rng.random() < 0.7:
                self._seen(e, e.short)
                return f"{the}{e.short}"
            return f"{the}{e.name}"
        if e.suffix:
            if e.suffix == "exercises" or first or rng.random() < 0.5:
                self._seen(e, f"{e.name} {e.suffix}")
                return f"the {e.name} {e.suffix}"
            return f"{the}{e.name}"
        return f"{the}{e.name}"

    def dem(self, state: Ent) -> str:
        self._seen(state, state.demonym)
        return state.demonym

    def slot(self, value: Any, form: str | None) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, list):
            return self.join([self.ref(v, force=form == "intro") for v in value])
        e: Ent = value
        if form is None:
            return self.ref(e)
        if form == "full":
            return self.ref(e, intro=False, short=False)
        if form == "pos":
            return self.ref(e, intro=False) + "'s"
        if form == "bare":
            self._seen(e)
            return e.name
        if form == "dem":
            return self.dem(e)
        if form == "adj":  # "US sanctions", "EU sanctions"
            if e.type == "State":
                return self.dem(e)
            self._seen(e, e.short)
            return e.short or e.name
        if form == "any":
            if e.type == "State" and self.rng.random() < 0.35:
                self._seen(e, e.capital)
                return e.capital
            return self.ref(e)
        if form == "kind":
            return e.kind
        if form == "title":
            return e.title
        if form == "lowtitle":
            return e.title.lower()
        raise KeyError(form)

    @staticmethod
    def join(items: Sequence[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + " and " + items[-1]

    def param(self, name: str) -> str:
        rng = self.rng
        if name in PARAMS:
            return self.fill(rng.choice(PARAMS[name]), cap=False)
        if name == "money":
            if rng.random() < 0.5:
                amount = f"{rng.randint(11, 99) / 10:g} billion"
            else:
                amount = f"{rng.randint(2, 95) * 10} million"
            return rng.choice(["${}", "${}", "{} euros", "{} dollars"]).format(amount)
        if name == "year":
            return str(rng.randint(self.year - 12, self.year - 1))
        if name == "month":
            return rng.choice(MONTHS)
        if name == "weekday":
            return rng.choice(WEEKDAYS)
        if name == "small":
            return f"{rng.randint(1, 9)}.{rng.randint(1, 9)}"
        if name == "rate":
            return f"{rng.randint(3, 17)}.{rng.choice([0, 25, 5, 75])}".rstrip("0").rstrip(".")
        if name == "n":
            return str(rng.randint(3, 15))
        if name == "nth":
            return rng.choice(["second", "third", "fourth", "fifth", "sixth"])
        if name == "n2":
            return f"{rng.randint(2, 15) * 500:,}"
        if name == "staff":
            return f"{rng.randint(2, 60) * 500:,}"
        if name == "topic":
            return rng.choice(TOPICS)
        if name == "work":
            return rng.choice(SECTORS[rng.choice(list(SECTORS))][2])
        raise KeyError(name)

    def fill(self, template: str, cap: bool = True, **slots: Any) -> str:
        def sub(m: re.Match[str]) -> str:
            name, form = m.group(1), m.group(2)
            if name in slots:
                return self.slot(slots[name], form)
            if name.endswith("_work"):
                firm = slots[name[:-5]]
                return self.rng.choice(SECTORS[firm.sector][2]) if firm.sector else "its business"
            return self.param(name)

        text = _SLOT.sub(sub, template)
        return text[:1].upper() + text[1:] if cap else text

    # -- facts to sentences ------------------------------------------------

    def pct(self, value: float) -> str:
        return _pct_text(self.rng, value)

    def say(self, fact: Fact) -> str | None:
        """A sentence stating ``fact`` (and maybe facts like it); None if it cannot be said."""
        rng = self.rng
        self.said.add(id(fact))
        kind, a, b = fact.kind, fact.a, fact.b
        if kind == "stake":
            return self.say_stake(fact)
        if kind == "sub":
            self.rel(a, "subsidiaryOf", b)
            text = self.fill(rng.choice(SUBSIDIARY), a=a, b=b)
            if "wholly owned" in text:
                self.rel(b, "ownsStakeIn", a)
            return text
        if kind == "head":
            return self.say_head(a, b)
        if kind == "based":
            return self.say_based(a)
        if kind == "city":
            self.rel(a, "locatedIn", b)
            return self.fill(rng.choice(CITY), c=a, s=b)
        if kind == "sanction":
            targets = [b]
            if rng.random() < 0.4:
                more = [
                    f
                    for f in a.facts
                    if f.kind == "sanction" and f.a is a and id(f) not in self.said
                ]
                for f in more[: rng.randint(1, 2)]:
                    self.said.add(id(f))
                    targets.append(f.b)
            for t in targets:
                self.rel(a, "sanctions", t)
            if len(targets) > 1:
                return self.fill(rng.choice(SANCTION_MANY), i=a, ts=targets)
            pool = SANCTION_ANY + _SANCTION_BY_TYPE.get(b.type, _SANCTION_FIRM)
            return self.fill(rng.choice(pool), i=a, t=b)
        if kind == "coop":
            self.rel(a, "cooperatesWith", b)
            return self.fill(rng.choice(COOP), a=a, b=b)
        if kind == "conflict":
            self.rel(a, "inConflictWith", b)
            return self.fill(rng.choice(CONFLICT), a=a, b=b)
        if kind == "fight":
            self.rel(a, "inConflictWith", b)
            return self.fill(rng.choice(FIGHT), a=a, b=b)
        if kind == "partner":
            self.rel(a, "partnerOf", b)
            return self.fill(rng.choice(PARTNER), a=a, b=b)
        if kind == "member":
            members = [a]
            if rng.random() < 0.5:
                for f in b.facts:
                    if len(members) >= 4:
                        break
                    if f.kind == "member" and f.b is b and f.a is not a and id(f) not in self.said:
                        self.said.add(id(f))
                        members.append(f.a)
            for m in members:
                self.rel(m, "memberOf", b)
            if len(members) > 1:
                return self.fill(rng.choice(MEMBER_MANY), o=b, ss=members)
            return self.fill(rng.choice(MEMBER_ONE), s=a, o=b)
        if kind == "jv":
            parents = fact.extra
            for i, x in enumerate(parents):
                for y in parents[i + 1 :]:
                    self.rel(x, "partnerOf", y)
            template = rng.choice(JV if len(parents) == 2 else JV[2:])
            return self.fill(template, a=parents[0], b=parents[1], v=a, parties=parents)
        return None

    def say_stake(self, fact: Fact) -> str:
        rng = self.rng
        holder, asset, pct = fact.a, fact.b, fact.pct
        if holder.type == "State" and asset.type == "Fund":
            self.rel(holder, "ownsStakeIn", asset)
            self.rel(asset, "basedIn", holder)
            return self.fill(rng.choice(FUND_OF_STATE), a=holder, b=asset)
        others = [
            f
            for f in asset.facts
            if f.kind == "stake" and f.b is asset and f.pct is not None and f is not fact
        ]
        if pct is not None and others and rng.random() < 0.5:
            group = [fact, *others][:4]
            for f in group:
                self.said.add(id(f))
                self.rel(f.a, "ownsStakeIn", asset, f.pct)
            venture = asset.kind == "joint venture"
            if venture:
                for i, f in enumerate(group):
                    for g in group[i + 1 :]:
                        self.rel(f.a, "partnerOf", g.a)
            if rng.random() < 0.6:
                pairs = self.join(
                    [f"{self.ref(f.a)} ({_pct_text(rng, f.pct or 0, True)})" for f in group]
                )
                pool = SHAREHOLDERS_JV if venture else SHAREHOLDERS
                return self.fill(rng.choice(pool), b=asset, pairs=pairs)
            holders = self.join([self.ref(f.a) for f in group])
            pcts = self.join([_pct_text(rng, f.pct or 0) for f in group])
            if rng.random() < 0.5:
                pcts = self.join([f"{f.pct:g} percent" for f in group])
            pool = RESPECTIVELY_JV if venture else RESPECTIVELY
            return self.fill(rng.choice(pool), holders=holders, pcts=pcts, b=asset)
        self.rel(holder, "ownsStakeIn", asset, pct)
        if holder.type == "State":
            if id(asset) not in self.forms and asset.type == "Company" and rng.random() < 0.5:
                self.rel(asset, "basedIn", holder)
                return self.fill(rng.choice(STATE_OWNED_INTRO), a=holder, b=asset)
            options = [t for t in STAKE_STATE if ("{p}" in t) == (pct is not None)]
            return self.fill(rng.choice(options), a=holder, b=asset, p=self.pct(pct or 0))
        if pct is None:
            return self.fill(rng.choice(STAKE_PLAIN), a=holder, b=asset)
        return self.fill(rng.choice(STAKE_PCT), a=holder, b=asset, p=self.pct(pct))

    def say_head(self, x: Ent, o: Ent) -> str:
        rng = self.rng
        self.rel(x, "headOf", o)
        pool = HEAD_STATE if o.type == "State" else HEAD_BLOC if o.type == "Organization" else HEAD
        # The full name with the title: never "Velikov, chief executive of ...".
        return self.fill(rng.choice(pool).replace("{x}", "{x.full}"), x=x, o=o)

    def say_based(self, a: Ent) -> str:
        rng = self.rng
        s, c = a.state, a.city
        assert s is not None and c is not None
        pool = BASED if a.type == "Company" else BASED_FUND if a.type == "Fund" else BASED_BLOC
        template = rng.choice(pool)
        if "{c}" in template or "{c." in template:
            self.rel(a, "basedIn", c)
            if "{s" in template:
                self.rel(c, "locatedIn", s)
        if "{s" in template:
            self.rel(a, "basedIn", s)
        return self.fill(template, a=a, c=c, s=s)

    # -- fillers ------------------------------------------------------------

    def pick(self, templates: Sequence[str]) -> str:
        """A template not used yet in this article, if one is left."""
        fresh = [t for t in templates if t not in self.used]
        template = self.rng.choice(fresh or templates)
        self.used.add(template)
        return template

    def filler(self) -> str:
        """A sentence of colour: markets, quotes, background; it states no relation."""
        rng = self.rng
        pick = rng.random()
        recent = self.order[-10:]
        if pick < 0.55 and recent:
            e = rng.choice(recent)
            if e.type == "Company":
                return self.fill(self.pick(FILLER_FIRM), a=e)
            if e.type == "Person" and e.role == "head" and e.org is not None:
                pool = _HEAD_QUOTES.get(e.org.type, FILLER_PERSON)
                return self.fill(self.pick(pool), x=e)
            if e.type == "State":
                minister = self.minister(e)
                if minister is not None and rng.random() < 0.4:
                    return self.fill(self.pick(FILLER_MINISTER), x=minister)
                return self.fill(self.pick(FILLER_STATE), a=e)
            if e.type == "Event":
                return self.fill(self.pick(FILLER_EVENT), e=e)
        if pick < 0.62 and self.quotes < 2:
            self.quotes += 1
            analyst = rng.choice(self.analysts)
            if analyst.org is not None:
                return self.fill(self.pick(FILLER_ANALYST), x=analyst, o=analyst.org)
        return self.fill(self.pick(FILLER))

    def minister(self, state: Ent) -> Ent | None:
        ministers = self.w.ministers.get(id(state))
        return ministers[0] if ministers else None


# --------------------------------------------------------------------------- stories


class Story:
    """The plan of one article: a lead around a theme, then what its cast brings."""

    THEMES = (
        ("deal", 22),
        ("venture", 10),
        ("sanctions", 14),
        ("summit", 14),
        ("drill", 8),
        ("pipeline", 10),
        ("dispute", 10),
        ("corporate", 12),
    )

    def __init__(self, world: World, number: int, seed: int, words: int) -> None:
        self.w = world
        self.rng = random.Random(f"newsgen-article:{seed}:{number}")
        start = date(2012, 1, 1)
        self.day = start + timedelta(days=self.rng.randrange(13 * 365))
        self.out = Writer(world, self.rng, self.day)
        self.words = words
        self.sentences: list[str] = []
        self.count = 0
        self.title = ""

    def add(self, sentence: str | None) -> None:
        if sentence:
            sentence = _AN.sub(r"\1n ", re.sub(r",\s*([.,])", r"\1", sentence))
            self.sentences.append(sentence)
            self.count += len(sentence.split())

    def write(self) -> tuple[str, str, int]:
        rng = self.rng
        names = [t for t, _ in self.THEMES]
        weights = [w for _, w in self.THEMES]
        theme = rng.choices(names, weights)[0]
        getattr(self, f"lead_{theme}")()
        self.expand()
        body = self.paragraphs()
        return self.title, body, self.count

    def paragraphs(self) -> str:
        rng = self.rng
        out: list[str] = []
        i = 0
        first = True
        while i < len(self.sentences):
            n = rng.randint(1, 2) if first else rng.randint(2, 4)
            out.append(" ".join(self.sentences[i : i + n]))
            i += n
            first = False
        return "\n\n".join(out)

    def expand(self) -> None:
        """Tell more about the entities named so far, with fillers between, up to length.

        Facts come from the story's first entities and its latest ones; once the
        cast is large, mostly facts among entities already named are told.
        """
        rng = self.rng
        out = self.out
        known = out.forms
        while self.count < self.words - 8:
            if rng.random() < 0.3:
                self.add(out.filler())
                continue
            order = out.order
            sources = order[:6] + order[-6:]
            for _ in range(4):
                e = rng.choice(sources)
                facts = [f for f in e.facts if id(f) not in out.said]
                inside = [
                    f
                    for f in facts
                    if id(f.a) in known
                    and id(f.b) in known
                    and all(id(x) in known for x in f.extra)
                ]
                full = len(order) >= 22 and rng.random() < 0.7
                if full or (inside and rng.random() < 0.5):
                    facts = inside
                if facts:
                    self.add(out.say(rng.choice(facts)))
                    break
            else:
                self.add(out.filler())

    # -- leads --------------------------------------------------------------

    def lead_deal(self) -> None:
        rng, out = self.rng, self.out
        fact = rng.choice(self.w.deals)
        buyer, target, pct = fact.a, fact.b, fact.pct or 0
        out.said.add(id(fact))
        out.rel(buyer, "ownsStakeIn", target, pct)
        lead = rng.choice(
            [
                "{a} has agreed to buy a {p} stake in {b} for {money}, the companies said on "
                "{weekday}.",
                "{a} said on {weekday} it would acquire {p} of {b} in a deal worth {money}.",
                "{a} will take a {p} stake in {b}, the two sides announced on {weekday}, "
                "in one of the largest deals in the sector this year.",
            ]
        )
        self.add(out.fill(lead, a=buyer, b=target, p=out.pct(pct)))
        self.title = f"{buyer.short or buyer.name} to buy {pct:g}% of {target.short or target.name}"
        self.add(out.say(next(f for f in target.facts if f.kind == "based")))
        if target.head is not None:
            self.add(out.fill(rng.choice(FILLER_PERSON), x=target.head))

    def lead_venture(self) -> None:
        rng, out = self.rng, self.out
        jv = rng.choice(self.w.ventures)
        fact = next(f for f in jv.facts if f.kind == "jv")
        self.add(out.say(fact))
        self.title = f"{fact.extra[0].short or fact.extra[0].name} and partners form {jv.name}"
        for f in jv.facts:
            if f.kind == "stake" and f.b is jv and id(f) not in out.said:
                self.add(out.say(f))
                break
        if rng.random() < 0.5:
            series = rng.choice(self.w.forums)
            event = series.edition(self.day.year)
            a, b = fact.extra[0], fact.extra[1]
            out.rel(a, "participatedIn", event)
            out.rel(b, "participatedIn", event)
            out.rel(a, "partnerOf", b)
            self.add(out.fill(rng.choice(SIDELINES), a=a, b=b, e=event))
            self.add(self.held(series, event))

    def lead_sanctions(self) -> None:
        rng, out = self.rng, self.out
        imposer = rng.choice([*self.w.powers, self.w.eu])
        facts = [f for f in imposer.facts if f.kind == "sanction" and f.a is imposer]
        if not facts:
            self.lead_deal()
            return
        fact = rng.choice(facts)
        self.add(out.say(fact))
        target = fact.b
        self.title = f"{imposer.short or imposer.name} sanctions {target.short or target.name}"
        self.add(out.fill(rng.choice(FILLER)))
        for f in target.facts:
            if f.kind in ("based", "head", "sub") and id(f) not in out.said:
                self.add(out.say(f))
                break

    def held(self, series: Series, event: Ent) -> str:
        out, rng = self.out, self.rng
        out.rel(event, "locatedIn", series.city)
        template = rng.choice(HELD_DRILL if series.drill else HELD)
        if "{s" in template:
            out.rel(series.city, "locatedIn", series.host)
        return out.fill(template, e=event, c=series.city, s=series.host)

    def lead_summit(self) -> None:
        rng, out = self.rng, self.out
        series = rng.choice(self.w.forums)
        event = series.edition(self.day.year)
        guests = rng.sample(self.w.states[:40], rng.randint(2, 4))
        heads = [s.head for s in guests if s.head is not None]
        for h in heads:
            out.rel(h, "participatedIn", event)
        lead = rng.choice(
            [
                "{aa.intro} attended {e} on {weekday}, as the region's leaders sought new "
                "investment.",
                "Leaders including {aa.intro} gathered on {weekday} for {e}.",
            ]
        )
        self.add(out.fill(lead, aa=heads, e=event))
        self.title = f"Leaders meet at {event.name}"
        self.add(self.held(series, event))
        out.rel(series.host, "participatedIn", event)
        self.add(out.fill(rng.choice(HOST), a=series.host, e=event))
        a, b = guests[0], guests[1]
        out.rel(a, "cooperatesWith", b)
        out.rel(a, "participatedIn", event)
        out.rel(b, "participatedIn", event)
        self.add(out.fill(rng.choice(SIDELINES), a=a, b=b, e=event))
        firms = rng.sample(self.w.firms, 2)
        for f in firms:
            out.rel(f, "participatedIn", event)
        self.add(out.fill(rng.choice(ATTEND_MANY), aa=firms, e=event))
        speaker = rng.choice(self.w.funds).head
        if speaker is not None:
            out.rel(speaker, "participatedIn", event)
            self.add(out.fill(rng.choice(ATTEND), a=speaker, e=event))

    def lead_drill(self) -> None:
        rng, out = self.rng, self.out
        series = rng.choice(self.w.drills)
        event = series.edition(self.day.year)
        host = series.host
        out.rel(host, "participatedIn", event)
        self.add(out.fill(rng.choice(STAGE), a=host, e=event))
        self.title = f"{host.name} stages {event.name} exercises"
        self.add(self.held(series, event))
        allies = [
            f.b if f.a is host else f.a for f in host.facts if f.kind == "coop"
        ] or rng.sample(self.w.states[:40], 2)
        allies = allies[: 1 if rng.random() < 0.5 else 3]
        for ally in allies:
            out.rel(ally, "participatedIn", event)
        if len(allies) == 1:
            self.add(out.fill(rng.choice(TROOPS[:2]), a=allies[0], e=event))
        else:
            self.add(out.fill(rng.choice(TROOPS[2:]), aa=allies, e=event))
        rivals = [f for f in host.facts if f.kind == "conflict"]
        if rivals:
            self.add(out.say(rng.choice(rivals)))
        blocs = [f for f in host.facts if f.kind == "member"]
        if blocs:
            self.add(out.say(rng.choice(blocs)))

    def lead_pipeline(self) -> None:
        rng, out = self.rng, self.out
        pipe = rng.choice(self.w.pipelines)
        stakes = [f for f in pipe.facts if f.kind == "stake"]
        self.title = f"Partners agree on {pipe.name} pipeline"
        self.add(out.say(stakes[0]))
        a, b = pipe.state, pipe.dest
        assert a is not None and b is not None
        self.add(
            out.fill(
                "{p} will carry gas about {n2} kilometres from {a} to {b}.",
                p=pipe,
                a=a,
                b=b,
            )
        )
        for f in stakes[1:]:
            if id(f) not in out.said:
                self.add(out.say(f))
        coop = [f for f in a.facts if f.kind in ("coop", "conflict")]
        if coop:
            self.add(out.say(rng.choice(coop)))

    def lead_dispute(self) -> None:
        rng = self.rng
        fact = rng.choice(self.w.conflicts)
        self.add(self.out.say(fact))
        self.title = f"{fact.a.name} and {fact.b.name} trade accusations"
        for side in (fact.a, fact.b):
            options = [f for f in side.facts if f.kind in ("coop", "member", "head")]
            if options:
                self.add(self.out.say(rng.choice(options)))

    def lead_corporate(self) -> None:
        rng, out = self.rng, self.out
        firm = rng.choice(self.w.units if rng.random() < 0.4 else self.w.firms)
        head = firm.head
        assert head is not None
        out.rel(head, "headOf", firm)
        fact = next(f for f in firm.facts if f.kind == "head")
        out.said.add(id(fact))
        lead = rng.choice(
            [
                "{o} named {x.full} as its new {x.title} on {weekday}, as the {o.kind} "
                "seeks to revive growth.",
                "{x.full}, {x.title} of {o}, said on {weekday} the company would {plan}.",
            ]
        )
        plan = rng.choice(["sell non-core assets", "double its dividend", "cut costs"])
        self.add(out.fill(lead, x=head, o=firm, plan=plan))
        self.title = f"{firm.short or firm.name} {rng.choice(['shake-up', 'plans', 'outlook'])}"
        for kind in ("sub", "based"):
            for f in firm.facts:
                if f.kind == kind and f.a is firm and id(f) not in out.said:
                    self.add(out.say(f))
                    break


# --------------------------------------------------------------------------- files


def article(world: World, number: int, seed: int, words: int) -> tuple[str, dict[str, Any], int]:
    """The text (front matter and body) of article ``number``, its gold and its word count."""
    story = Story(world, number, seed, words)
    title, body, count = story.write()
    name = f"news_{number:05d}"
    text = f"---\ntitle: {title}\ndate: {story.day.isoformat()}\nsource: {SOURCE}\n---\n\n{body}\n"
    return text, story.out.gold(f"{name}.txt"), count


def generate(
    folder: Path, articles: int, seed: int = 7, words: int = 500, *, gold: bool = False
) -> int:
    """Write ``articles`` news-style ``.txt`` files into ``folder``; return the words written.

    Each file is front matter (title, date, source) and a body of about
    ``words`` words. With ``gold``, ``NAME.json`` beside each holds the
    entities and relations its sentences state (``../shared/eval/FORMAT.md``).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    world = World(seed)
    total = 0
    for number in range(1, articles + 1):
        text, doc, count = article(world, number, seed, words)
        name = f"news_{number:05d}"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="\n")
        if gold:
            data = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
            (folder / f"{name}.json").write_text(data, encoding="utf-8", newline="\n")
        total += count
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=500, help="about this many words each")
    parser.add_argument("--gold", action="store_true", help="write NAME.json gold beside each")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    total = generate(args.out, args.articles, args.seed, args.words, gold=args.gold)
    seconds = time.perf_counter() - started
    print(f"{args.articles:,} articles, {total:,} words in {args.out} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
