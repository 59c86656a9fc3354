"""Every relation rule's own positive and negative sentences, through the whole extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract.extractor import Extractor
from kg.extract.rules import Rule, load_rules
from kg.model import Article, ExtractedEntity
from kg.names import normalize_name
from kg.registry import load_registry

RULES = load_rules()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_registry())


CASES = [(r, i) for r in RULES for i in range(len(r.positive))]


@pytest.mark.parametrize("rule, i", CASES, ids=[f"{r.rule_id}-{i}" for r, i in CASES])
def test_positive_examples(extractor: Extractor, rule: Rule, i: int) -> None:
    case = rule.positive[i]
    assert isinstance(case, dict)
    ex = extractor.extract(Article(id="rule-test", text=case["text"]))
    names = {e.key: {normalize_name(e.label), *map(normalize_name, e.aliases)} for e in ex.entities}
    want_s, want_o = normalize_name(case["subject"]), normalize_name(case["object"])
    found = [
        c
        for c in ex.claims
        if c.rule == rule.rule_id
        and want_s in names.get(c.subject, set())
        and want_o in names.get(c.object, set())
    ]
    assert found, (
        f"{rule.rule_id} missed: {case['text']!r}; "
        f"got {[(c.subject, c.predicate, c.object, c.rule) for c in ex.claims]}"
    )
    if "percent" in case:
        assert any(c.percent == pytest.approx(case["percent"]) for c in found)


NEG = [(r, i) for r in RULES for i in range(len(r.negative))]


@pytest.mark.parametrize("rule, i", NEG, ids=[f"{r.rule_id}-neg{i}" for r, i in NEG])
def test_negative_examples(extractor: Extractor, rule: Rule, i: int) -> None:
    text = rule.negative[i]
    ex = extractor.extract(Article(id="rule-test", text=text))
    assert not [c for c in ex.claims if c.rule == rule.rule_id], f"{rule.rule_id} fired on {text!r}"


def test_every_rule_has_examples_and_a_versioned_id() -> None:
    assert len(RULES) >= 15
    predicates = {r.predicate for r in RULES}
    assert len(predicates - {"controls"}) == 11
    for rule in RULES:
        assert rule.positive and rule.negative, rule.id
        assert rule.rule_id.endswith(f".v{rule.version}")


def test_a_rule_file_with_a_syntax_error_names_file_and_rule(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[[rule]]\nid = "x.y"\nversion = 1\npredicate = "owns"\n'
        'pattern = "{S} owns {O}"\nconfidence = 0.5\npositive = []\n'
        "negative = []\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"bad\.toml.*rule 'x\.y'.*unknown predicate"):
        load_rules(tmp_path)
    (tmp_path / "bad.toml").write_text('[[rule]\nid = "x.y"\n', encoding="utf-8")
    with pytest.raises(InputError, match="TOML syntax error"):
        load_rules(tmp_path)
    (tmp_path / "bad.toml").write_text(
        '[[rule]]\nid = "x.z"\nversion = 1\npredicate = "memberOf"\n'
        'pattern = "{S} (joins {O}"\nconfidence = 0.5\npositive = []\n'
        "negative = []\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"rule 'x\.z': bad pattern"):
        load_rules(tmp_path)


def _triples(
    extractor: Extractor, text: str, rules_only: bool = False
) -> set[tuple[str, str, str, float | None]]:
    """The (subject, predicate, object, percent) of the claims; ``rules_only`` leaves out
    the pair model's."""
    ex = extractor.extract(Article(id="rule-test", text=text))
    label = {e.key: e.label for e in ex.entities}
    return {
        (label[c.subject], c.predicate, label[c.object], c.percent)
        for c in ex.claims
        if not (rules_only and c.rule.startswith("model."))
    }


def _ties(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    """The (subject, predicate, object) labels of the claims, percents left out."""
    return {(s, p, o) for s, p, o, _ in _triples(extractor, text)}


def _rule_ties(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    """The (subject, predicate, object) labels of the claims the rules make, not the model."""
    return {(s, p, o) for s, p, o, _ in _triples(extractor, text, rules_only=True)}


def _by_label(extractor: Extractor, text: str) -> dict[str, ExtractedEntity]:
    """The text's entities, by label."""
    return {e.label: e for e in extractor.extract(Article(id="t", text=text)).entities}


def _types(extractor: Extractor, text: str) -> dict[str, str | None]:
    """The type of each entity, by label."""
    return {label: e.type for label, e in _by_label(extractor, text).items()}


def test_the_plant_is_the_asset_named_before_not_the_actor(extractor: Extractor) -> None:
    text = (
        "The Yamal LNG plant shipped its first cargo. France's Total helped. "
        "Novatek controls the plant with a 50.1 per cent stake."
    )
    got = _triples(extractor, text)
    assert ("Novatek", "ownsStakeIn", "Yamal LNG", 50.1) in got
    assert not [t for t in got if t[1] == "ownsStakeIn" and t[2] in ("Novatek", "Total")]


def test_coholders_of_one_asset_are_partners_but_not_across_assets(extractor: Extractor) -> None:
    text = (
        "Novatek holds 50.1 percent of Yamal LNG, and Total 20 percent. "
        "Separately, CNPC bought 10 percent of Arctic LNG 2, and Mitsui 10 percent."
    )
    partners = {frozenset((s, o)) for s, p, o, _ in _triples(extractor, text) if p == "partnerOf"}
    assert frozenset(("Novatek", "Total")) in partners
    assert frozenset(("China National Petroleum Corporation", "Mitsui")) in partners
    assert frozenset(("Novatek", "Mitsui")) not in partners


def test_a_demonym_inside_a_list_is_not_an_item(extractor: Extractor) -> None:
    text = (
        "The buyers - Snam, Italian gas company Eni and Glencore - "
        "will take their stake in Yamal LNG."
    )
    holders = {s for s, p, o, _ in _triples(extractor, text) if p == "ownsStakeIn"}
    assert {"Snam", "Eni", "Glencore"} <= holders
    assert "Italy" not in holders


def test_an_agency_sanctions_for_its_state(extractor: Extractor) -> None:
    text = "The US Treasury Department imposed sanctions on Rosneft on Monday."
    got = _triples(extractor, text)
    assert ("United States", "sanctions", "Rosneft", None) in got


def test_a_portfolio_title_heads_the_matching_department(extractor: Extractor) -> None:
    text = (
        "The Commerce Department added Huawei to its Entity List. "
        "Commerce Secretary Wilbur Ross said the move protects national security. "
        "Prime Minister Theresa May met him."
    )
    heads = {(s, o) for s, p, o, _ in _triples(extractor, text) if p == "headOf"}
    assert ("Wilbur Ross", "US Department of Commerce") in heads
    assert not [h for h in heads if h[0] == "Theresa May" and "Department" in h[1]]


def test_an_invasion_named_as_an_event_gives_its_sides(extractor: Extractor) -> None:
    text = "Finland applied to join NATO months after the start of the Russian invasion of Ukraine."
    got = _ties(extractor, text)
    assert ("Russia", "inConflictWith", "Ukraine") in got
    assert ("Russia", "participatedIn", "Russian invasion of Ukraine") in got
    assert ("Russian invasion of Ukraine", "locatedIn", "Ukraine") in got


def test_a_trade_war_named_as_an_event_has_two_parties(extractor: Extractor) -> None:
    text = "Soybean prices fell as the US-China trade war dragged on."
    got = _ties(extractor, text)
    assert {
        ("United States", "participatedIn", "US-China trade war"),
        ("China", "participatedIn", "US-China trade war"),
    } <= got
    assert ("China", "inConflictWith", "United States") in got or (
        "United States",
        "inConflictWith",
        "China",
    ) in got


def test_names_after_a_dash_and_with_a_plural_possessive_stay_whole(extractor: Extractor) -> None:
    text = (
        "The buyers - Global Infrastructure Partners and Ontario Teachers' Pension Plan - "
        "will pay. Walter is the Dodgers' controlling owner. Global demand fell."
    )
    labels = _types(extractor, text)
    assert "Global Infrastructure Partners" in labels
    assert labels.get("Ontario Teachers' Pension Plan") == "Fund"
    assert not [x for x in labels if x.startswith("Dodgers'") or x.startswith("Global demand")]


def test_a_listed_group_takes_the_ties_of_the_group_a_sanction_named(extractor: Extractor) -> None:
    text = (
        "The US Treasury sanctioned 12 Iranian firms and banks on Monday, including "
        "Bank Mellat. The other firms include shipping line Irisl Group and Tidewater "
        "Company. The banks were welcomed by analysts."
    )
    got = _ties(extractor, text)
    for firm in ("Irisl Group", "Tidewater Company"):
        assert ("United States", "sanctions", firm) in got
        assert (firm, "basedIn", "Iran") in got
    # a plural noun with no list after it adds nothing; persons are not firms
    assert not [t for t in got if t[1] == "sanctions" and t[2] == "Iran"]


def test_listed_participants_took_part_in_the_main_event(extractor: Extractor) -> None:
    text = (
        "Leaders gathered in Astana for the Astana International Forum on Monday. "
        "India and Pakistan sent ministers to the forum. "
        "Other participants were Kazakhstan, Kyrgyzstan and Tajikistan."
    )
    got = _ties(extractor, text)
    event = next(o for s, p, o in got if p == "participatedIn")
    for state in ("Kazakhstan", "Kyrgyzstan", "Tajikistan"):
        assert (state, "participatedIn", event) in got


def test_long_descriptions_and_ports_are_anaphora(extractor: Extractor) -> None:
    text = (
        "Sri Lanka leased the port of Hambantota to China Merchants Port Holdings. "
        "The Hong Kong-listed Chinese state-controlled company will hold a 70 percent "
        "stake in the port. China Merchants paid $1.1 billion."
    )
    got = _triples(extractor, text)
    assert ("China Merchants Port Holdings", "ownsStakeIn", "Hambantota", 70.0) in got
    labels = {e.label for e in extractor.extract(Article(id="t", text=text)).entities}
    assert "Merchants" not in labels  # "China Merchants" is the firm's short form


def test_an_apposition_is_not_an_anaphor_of_an_earlier_firm(extractor: Extractor) -> None:
    text = (
        "Gazprom also runs TurkStream. Nord Stream 2 AG, the Zug-based company, "
        "is wholly owned by Gazprom."
    )
    got = _ties(extractor, text)
    assert ("Gazprom", "ownsStakeIn", "Nord Stream 2 AG") in got
    assert not [t for t in got if t[0] == "TurkStream" or t[2] == "TurkStream"]


def test_names_joined_by_and_city_prefixes_and_initials(extractor: Extractor) -> None:
    text = (
        "Clearlake Capital, co-founded by Behdad Eghbali and Jose E. Feliciano, will share "
        "control. Data specialist Xiamen Meiya Pico and Yixin Science and Technology were "
        "also named, as was the Guangdong Provincial People's Government Security Bureau."
    )
    labels = _types(extractor, text)
    assert labels.get("Behdad Eghbali") == "Person"
    assert labels.get("Jose E. Feliciano") == "Person"
    assert labels.get("Xiamen Meiya Pico") == "Company"
    assert "Yixin Science and Technology" in labels
    assert "Guangdong Provincial People's Government Security Bureau" in labels
    heads = {s for s, p, o, _ in _triples(extractor, text) if p == "headOf"}
    assert {"Behdad Eghbali", "Jose E. Feliciano"} <= heads


def test_a_head_before_of_types_the_name(extractor: Extractor) -> None:
    text = "Ministers signed the Declaration of Cooperation in Vienna on Saturday."
    labels = _types(extractor, text)
    assert labels.get("Declaration of Cooperation") == "Event"


def test_a_capital_written_as_a_city_is_a_place_in_its_state(extractor: Extractor) -> None:
    text = (
        "The line links the port of Mombasa with the capital Nairobi. "
        "Nairobi said the loan was affordable."
    )
    types = _types(extractor, text)
    assert types.get("Nairobi") == "Place"
    got = _ties(extractor, text)
    assert ("Nairobi", "locatedIn", "Kenya") in got
    # "Nairobi said": the government, so Kenya is named too
    assert types.get("Kenya") == "State"


def test_a_capital_used_as_its_government_stays_the_state(extractor: Extractor) -> None:
    text = "Moscow said the sanctions would fail. Talks held in Moscow ended on Friday."
    ex = extractor.extract(Article(id="rule-test", text=text))
    types = {e.label: e.type for e in ex.entities}
    assert types.get("Russia") == "State"
    assert types.get("Moscow") == "Place"
    assert not [c for c in ex.claims if c.predicate == "locatedIn"]  # not called a capital


def test_leaders_placed_at_a_summit_took_part_in_it(extractor: Extractor) -> None:
    text = (
        "Leaders of the bloc met for a two-day summit in the Kazakh capital on Thursday. "
        "The Astana summit opened with a speech by Kazakh President Kassym-Jomart Tokayev. "
        "Chinese President Xi Jinping held talks with Russian President Vladimir Putin. "
        "Indian Prime Minister Narendra Modi did not attend the talks. "
        "Other guests included Turkish President Recep Tayyip Erdogan and "
        "President Alexander Lukashenko of Belarus."
    )
    got = _ties(extractor, text)
    summit = "Astana summit"  # "the X summit" names the event with its lower-case noun
    for leader in ("Kassym-Jomart Tokayev", "Xi Jinping", "Vladimir Putin"):
        assert (leader, "participatedIn", summit) in got
    for guest in ("Recep Tayyip Erdoğan", "Alexander Lukashenko"):
        assert (guest, "participatedIn", summit) in got  # listed guests, persons included
    assert ("Narendra Modi", "participatedIn", summit) not in got  # stayed away
    assert ("India", "participatedIn", summit) not in got  # nor did the state he heads
    # "of Belarus" names the guest's state, no guest of its own
    assert ("Belarus", "participatedIn", summit) not in _rule_ties(extractor, text)


def test_leaders_in_an_article_about_no_summit_take_part_in_nothing(extractor: Extractor) -> None:
    text = (
        "Chinese President Xi Jinping held talks with Russian President Vladimir Putin "
        "in Moscow on Monday. The two leaders met again at dinner."
    )
    got = {p for _, p, _, _ in _triples(extractor, text)}
    assert "participatedIn" not in got


def test_holders_that_each_took_a_share_of_the_project_are_partners(extractor: Extractor) -> None:
    text = (
        "Shell won a 6.25 percent interest in Qatar's North Field East project. "
        "State-owned QatarEnergy, which will keep 75 percent of the expansion, picked "
        "ExxonMobil and TotalEnergies, which also received 6.25 percent each, and "
        "ConocoPhillips and Eni, which took 3.125 percent apiece. Each partner holds "
        "its interest through a joint venture with QatarEnergy."
    )
    got = _triples(extractor, text)
    asset = "North Field East"
    assert ("QatarEnergy", "ownsStakeIn", asset, 75.0) in got
    assert ("Eni", "ownsStakeIn", asset, 3.125) in got
    pairs = {(s, o) for s, p, o, _ in got if p == "partnerOf"}
    assert ("QatarEnergy", "Eni") in pairs or ("Eni", "QatarEnergy") in pairs


def test_a_description_naming_a_state_finds_the_firm_of_that_state(extractor: Extractor) -> None:
    text = (
        "Commodities trader Glencore, which is based in Baar, Switzerland, bought a stake "
        "in Rosneft, Russia's largest oil producer. The purchase deepens the Swiss group's "
        "ties with Russia. Separately, Google's Android maker cut off Huawei Technologies, "
        "after Washington blacklisted the Chinese company. Shell chief executive Ben van "
        "Beurden said the deal would strengthen the London-based company's position."
    )
    got = _ties(extractor, text)
    assert ("Glencore", "basedIn", "Switzerland") in got
    assert ("Rosneft", "basedIn", "Switzerland") not in got
    assert ("Huawei", "basedIn", "China") in got  # not the possessor Google
    assert ("Google", "basedIn", "China") not in got
    assert ("Royal Dutch Shell", "basedIn", "London") in got


def test_names_joined_by_hyphens_before_a_meeting_word_are_one_event(
    extractor: Extractor,
) -> None:
    text = (
        "Leaders from 43 countries attended the Russia-Africa Summit in Sochi. "
        "Xi Jinping later went to the first China-Central Asia summit."
    )
    types = _types(extractor, text)
    assert types.get("Russia-Africa Summit") == "Event"
    assert types.get("China-Central Asia summit") == "Event"
    assert "Africa Summit" not in types
    triples = _triples(extractor, text)
    assert ("Russia", "participatedIn", "Russia-Africa Summit", None) in triples
    assert ("China", "participatedIn", "China-Central Asia summit", None) in triples
    assert ("Russia-Africa Summit", "locatedIn", "Sochi", None) in triples
    # a border or a war between two names is no meeting
    border = extractor.extract(Article(id="rule-test", text="The Russia-Ukraine border is shut."))
    assert not [e for e in border.entities if e.type == "Event"]


def test_untyped_names_are_guessed_from_their_words(extractor: Extractor) -> None:
    guess = extractor._guess_type
    assert guess("Nimr al-Nimr") == "Person"
    assert guess("Faustin-Archange Touadera") == "Person"
    assert guess("Cecilia Malmström") == "Person"
    assert guess("Wang Yi") == "Person"
    assert guess("Hualong One") == "Company"  # a number word names no one
    assert guess("Sizewell C") == "Company"  # nor does a single letter at the end
    assert guess("Ford Motor") == "Company"


def test_places_are_typed_by_what_comes_before_a_list_of_them(extractor: Extractor) -> None:
    text = (
        "COSCO holds stakes in terminals in Rotterdam, Antwerp and Zeebrugge. "
        "Greg Clark, the business and energy secretary, approved the plant in "
        "the south of Sakhalin Island."
    )
    types = _types(extractor, text)
    assert [types.get(n) for n in ("Rotterdam", "Antwerp", "Zeebrugge")] == ["Place"] * 3
    assert types.get("Greg Clark") == "Person"  # a title in the apposition wins over "business"
    assert types.get("Sakhalin Island") == "Place"


def test_a_demonym_a_few_words_before_a_firm_gives_its_state(extractor: Extractor) -> None:
    text = (
        "A consortium of Adani Ports and Israeli chemicals and logistics group Gadot won "
        "the tender. Under the bid, the Indian company will own 70 per cent of Haifa Port "
        "Company, and Gadot the remaining 30 per cent."
    )
    triples = _triples(extractor, text)
    assert ("Adani Ports", "ownsStakeIn", "Haifa Port Company", 70.0) in triples
    assert ("Gadot", "ownsStakeIn", "Haifa Port Company", 30.0) in triples
    assert ("Gadot", "ownsStakeIn", "Haifa Port Company", 70.0) not in triples


def test_titles_and_honorifics_are_not_part_of_names(extractor: Extractor) -> None:
    text = (
        "UN Secretary-General Antonio Guterres attended. UAE President Sheikh Mohamed bin "
        "Zayed Al Nahyan and Brazilian President Joao Inacio da Silveira spoke. Chief "
        "executive Sultan Ahmed Al Jaber said the deal was done."
    )
    labels = {e.label for e in extractor.extract(Article(id="t", text=text)).entities}
    assert {"Antonio Guterres", "Mohamed bin Zayed Al Nahyan"} <= labels
    assert "Joao Inacio da Silveira" in labels
    assert "Sultan Ahmed Al Jaber" in labels  # one title stripped; "Sultan" is his name


def test_a_name_written_with_its_owner_has_the_bare_name_as_alias(
    extractor: Extractor,
) -> None:
    text = "China's Ministry of Commerce said the duties would end."
    ex = extractor.extract(Article(id="t", text=text))
    ministry = next(e for e in ex.entities if e.type == "Organization")
    assert "Ministry of Commerce" in ministry.aliases


def test_in_a_list_of_people_a_title_belongs_to_the_name_before_it(extractor: Extractor) -> None:
    text = (
        "It was signed by Mele Kyari, group chief executive of Rosneft, "
        "Amina Benkhadra, director general of the agency, and others."
    )
    ties = _ties(extractor, text)
    assert ("Mele Kyari", "headOf", "Rosneft") in ties
    assert ("Amina Benkhadra", "headOf", "Rosneft") not in ties


def test_rules_read_past_an_acronym_defined_in_brackets(extractor: Extractor) -> None:
    text = (
        "The existing pipeline is run by the West African Gas Pipeline Company (WAPCo), "
        "whose shareholders include Chevron, NNPC and Shell."
    )
    ex = extractor.extract(Article(id="t", text=text))
    wapco = next(e for e in ex.entities if e.label == "West African Gas Pipeline Company")
    assert "WAPCo" in wapco.aliases
    ties = _ties(extractor, text)
    assert ("Chevron", "ownsStakeIn", "West African Gas Pipeline Company") in ties


def test_a_known_name_inside_a_longer_name_is_part_of_it(extractor: Extractor) -> None:
    text = (
        "The joint venture, Huajin Aramco Petrochemical, will start in 2024. "
        "Rosneft-Shell Caspian Ventures, a venture between Rosneft and Shell, holds 7.5 percent."
    )
    labels = set(_types(extractor, text))
    assert {"Huajin Aramco Petrochemical", "Rosneft-Shell Caspian Ventures"} <= labels
    assert not labels & {"Huajin", "Aramco Petrochemical", "Shell Caspian Ventures"}
    assert {"Rosneft", "Royal Dutch Shell"} <= labels  # named again on their own


def test_a_name_given_with_known_as_is_the_same_entity(extractor: Extractor) -> None:
    text = (
        "YMTC counts the China Integrated Circuit Industry Investment Fund, known as "
        "the Big Fund, among its shareholders. The Big Fund declined to comment. "
        "The Rim of the Pacific exercise, known as RIMPAC, began on Wednesday. "
        "RIMPAC 2022 is hosted by the U.S."
    )
    ex = extractor.extract(Article(id="t", text=text))
    fund = next(e for e in ex.entities if e.label.startswith("China Integrated Circuit"))
    assert "Big Fund" in fund.aliases
    labels = {e.label for e in ex.entities}
    assert not labels & {"Big Fund", "RIMPAC", "RIMPAC 2022"}


def test_a_merged_name_is_typed_by_its_last_two_words(extractor: Extractor) -> None:
    types = _types(extractor, "The Kuwait Investment Authority bought a stake in Rosneft.")
    assert types["Kuwait Investment Authority"] == "Fund"


def test_an_acronym_that_spells_a_longer_run_makes_it_one_name(extractor: Extractor) -> None:
    text = "Three Gorges bid for Energias de Portugal (EDP). EDP's shareholders rejected it."
    ex = extractor.extract(Article(id="t", text=text))
    edp = next(e for e in ex.entities if e.label == "Energias de Portugal")
    assert "EDP" in edp.aliases
    assert "Portugal" not in {e.label for e in ex.entities}


def test_a_title_inside_a_capitalised_run_starts_a_person(extractor: Extractor) -> None:
    text = (
        "Modi was represented by External Affairs Minister Subrahmanyam Jaishankar. "
        "Foxconn Chairman Young Liu spoke, and Vice Admiral Thomas Ishee, commander of "
        "the Estonian Navy, agreed."
    )
    types = _types(extractor, text)
    assert types["Subrahmanyam Jaishankar"] == "Person"
    assert types["Young Liu"] == "Person"
    assert types["Foxconn"] == "Company"  # what comes before the title is a name of its own
    assert types["Estonian Navy"] == "Organization"
    assert "External Affairs" not in types
    assert ("Thomas Ishee", "headOf", "Estonian Navy") in _ties(extractor, text)


def test_places_joined_by_hyphens_before_a_route_are_one_product(extractor: Extractor) -> None:
    types = _types(extractor, "The Baku-Tbilisi-Ceyhan pipeline carries Caspian crude.")
    assert types["Baku-Tbilisi-Ceyhan pipeline"] == "Product"
    assert not {"Baku", "Tbilisi"} & set(types)


def test_for_joins_a_name_only_after_an_organisational_word(extractor: Extractor) -> None:
    text = (
        "Jets flew to the Northern Territory for Exercise Pitch Black 2022. "
        "The Japan Organization for Metals invested."
    )
    types = _types(extractor, text)
    assert types["Exercise Pitch Black 2022"] == "Event"
    assert "Japan Organization for Metals" in types


def test_an_agencys_sanctions_are_its_parent_bodys_and_its_states(extractor: Extractor) -> None:
    text = (
        "The US Treasury's Office of Foreign Assets Control (OFAC) designated:\n"
        "- Diamville SAU, a gold trader;\n"
        "- Meroe Gold, a mining firm.\n"
    )
    ties = _ties(extractor, text)
    for actor in ("Office of Foreign Assets Control", "US Department of the Treasury"):
        assert (actor, "sanctions", "Meroe Gold") in ties
    assert ("United States", "sanctions", "Diamville SAU") in ties


def test_a_bare_business_title_heads_the_firm_the_article_is_about(
    extractor: Extractor,
) -> None:
    text = (
        "Rio Tinto approved the Simandou project. Rio Tinto will spend $6 billion. "
        "Chief executive Jakob Stausholm said the project was transformative."
    )
    assert ("Jakob Stausholm", "headOf", "Rio Tinto") in _ties(extractor, text)
    # with another firm in the sentence, the title may be that firm's: no guess
    other = text.replace("said the project", "said Glencore's bid")
    assert ("Jakob Stausholm", "headOf", "Rio Tinto") not in _ties(extractor, other)


def test_a_title_after_by_in_an_apposition_is_not_the_names(extractor: Extractor) -> None:
    text = (
        "The refiner most exposed is MOL, the Budapest-based group run by chairman Zsolt Hernadi."
    )
    assert _types(extractor, text)["MOL"] != "Person"
    text = "For ADQ, chief executive Mohamed Alsuwaidi said the deal was a step forward."
    assert _types(extractor, text)["ADQ"] != "Person"  # the title is the next name's
    text = "Greg Clark, the business secretary of Britain, said so."
    assert _types(extractor, text)["Greg Clark"] == "Person"


def test_of_the_joins_a_name_only_before_a_gatherings_noun(extractor: Extractor) -> None:
    text = (
        "The Rim of the Pacific exercise, known as RIMPAC, began on Wednesday. "
        "President Touadera of the Central African Republic spoke."
    )
    ex = extractor.extract(Article(id="t", text=text))
    event = next(e for e in ex.entities if e.label == "Rim of the Pacific")
    assert event.type == "Event"
    assert "RIMPAC" in event.aliases
    assert {"Touadera", "Central African Republic"} <= {e.label for e in ex.entities}


def test_a_family_name_written_first_is_the_person(extractor: Extractor) -> None:
    text = (
        "Chinese President Hu Jintao opened the pipeline. Hu said it was historic. "
        "Foreign Minister Wang Yi met Commerce Minister Wang Wentao. Wang said talks went well."
    )
    ex = extractor.extract(Article(id="t", text=text))
    hu = next(e for e in ex.entities if e.label == "Hu Jintao")
    assert "Hu" in hu.aliases
    # a first word two people share is neither's
    for e in ex.entities:
        assert "Wang" not in e.aliases


def test_a_legal_word_after_a_known_name_makes_a_firm(extractor: Extractor) -> None:
    text = "The deal was signed by Qatar Holding and by Nord Stream AG, the Zug-based operator."
    types = _types(extractor, text)
    assert types["Qatar Holding"] == "Company"
    assert types["Nord Stream AG"] == "Company"
    assert "AG" not in types and "Holding" not in types


def test_an_editions_number_is_part_of_the_events_name(extractor: Extractor) -> None:
    text = "Cyril Ramaphosa hosted the three-day 15th BRICS Summit at the Sandton centre."
    assert ("Cyril Ramaphosa", "participatedIn", "15th BRICS Summit") in _ties(extractor, text)


def test_a_name_after_in_is_a_place_unless_a_stake_or_money_is_in_it(
    extractor: Extractor,
) -> None:
    text = (
        "Clashes broke out in Ladakh in June. PIF will invest $1.5 billion in Jio Platforms. "
        "The junta brought in Wagner fighters."
    )
    types = _types(extractor, text)
    assert types["Ladakh"] == "Place"
    assert types["Jio Platforms"] != "Place"
    assert types.get("Wagner") != "Place"  # a one-word place is kept even if unused


def test_a_then_leader_leaves_the_state_to_the_current_one(extractor: Extractor) -> None:
    text = (
        "Ties soured when Australia barred Huawei and the government of then prime minister "
        "Scott Morrison called for an inquiry. Prime Minister Anthony Albanese said "
        "Australia welcomed the decision, as did the United States."
    )
    ties = _ties(extractor, text)
    assert ("Anthony Albanese", "headOf", "Australia") in ties
    assert ("Anthony Albanese", "headOf", "United States") not in ties


def test_two_plain_words_the_article_writes_in_lower_case_are_no_persons_name(
    extractor: Extractor,
) -> None:
    text = (
        "The fund owns Etihad Rail, said the report. The rail network will link the emirates. "
        "Etihad Rail is growing."
    )
    assert _types(extractor, text)["Etihad Rail"] != "Person"


def test_the_forces_and_ships_of_an_exercise_report_took_part_in_it(
    extractor: Extractor,
) -> None:
    text = (
        "Warships from India, the United States, Japan and Australia began the Malabar 2020 "
        "naval exercise on Tuesday. The Indian Navy fielded the destroyer INS Ranvijay, and "
        "the U.S. Pacific Fleet sent USS John S. McCain. Russia's Baltic Fleet watched from "
        "afar. Malabar 2020 ends on Friday."
    )
    ex = extractor.extract(Article(id="t", text=text))
    label = {e.key: e.label for e in ex.entities}
    types = {e.label: e.type for e in ex.entities}
    took_part = {
        label[c.subject]
        for c in ex.claims
        if c.predicate == "participatedIn" and c.rule == "participation.forces.v1"
    }
    assert {"Indian Navy", "INS Ranvijay", "U.S. Pacific Fleet", "USS John S. McCain"} <= took_part
    assert "Baltic Fleet" not in took_part  # Russia takes part in no part of it
    assert types["INS Ranvijay"] == "Product"
    # an article about no exercise gives its forces nothing to take part in
    text = "The Indian Navy ordered INS Ranvijay to sea. The Malabar 2020 summit was held."
    ex = extractor.extract(Article(id="t", text=text))
    assert not [c for c in ex.claims if c.rule == "participation.forces.v1"]


def test_a_states_name_after_a_firms_name_ends_it(extractor: Extractor) -> None:
    text = (
        "Beas Rovuma Energy Mozambique, a venture of two Indian firms, holds 10 percent. "
        "ONGC Videsh and Oil India bought stakes."
    )
    labels = set(_types(extractor, text))
    assert "Beas Rovuma Energy Mozambique" in labels
    assert "ONGC Videsh and Oil India" not in labels  # a list, not one name
    # a headline in title case keeps its state apart
    assert "Huawei Sues US" not in set(_types(extractor, "Huawei Sues US Over Ban"))


def test_a_state_that_owns_a_firm_in_the_sentence_is_not_the_leaders(
    extractor: Extractor,
) -> None:
    text = (
        "Canada approved two deals. Prime Minister Stephen Harper approved a bid by "
        "Malaysia's Petronas for a Canadian gas producer."
    )
    ties = _ties(extractor, text)
    assert ("Stephen Harper", "headOf", "Malaysia") not in ties
    assert ("Stephen Harper", "headOf", "Canada") in ties


def test_after_a_comma_and_ends_a_list_item(extractor: Extractor) -> None:
    text = "The case accused Chinese producers such as Suntech, Yingli and Trina Solar of dumping."
    labels = set(_types(extractor, text))
    assert {"Yingli", "Trina Solar"} <= labels
    assert "Yingli and Trina Solar" not in labels


def test_the_rows_of_a_list_of_who_took_part_took_part(extractor: Extractor) -> None:
    text = (
        "Exercise Cobra Gold 2024 opened in Thailand on Tuesday.\n\n"
        "Taking part in Cobra Gold 2024:\n"
        "- Thailand and the United States (co-hosts)\n"
        "- Japan, Singapore and South Korea\n\n"
        "Officials said the drills would last two weeks."
    )
    ties = _ties(extractor, text)
    for state in ("Thailand", "United States", "Japan", "Singapore", "South Korea"):
        assert (state, "participatedIn", "Exercise Cobra Gold 2024") in ties
    # a summit's list names its leaders; their demonyms only say whose they are
    text = (
        "The BRICS summit in Kazan closed on Thursday.\n\n"
        "Among those at the table:\n"
        "- Chinese President Xi Jinping\n"
        "- Indian Prime Minister Narendra Modi\n"
    )
    ties = _ties(extractor, text)
    assert ("Xi Jinping", "participatedIn", "BRICS summit") in ties
    assert ("China", "participatedIn", "BRICS summit") not in ties
    # a list of who stayed away, or of who owns what, says nobody took part
    for intro in ("Not taking part in Cobra Gold 2024:", "Cobra Gold 2024's sponsors are:"):
        text = (
            "Exercise Cobra Gold 2024 opened in Thailand on Tuesday.\n\n"
            f"{intro}\n- Japan\n- Singapore\n"
        )
        assert ("Japan", "participatedIn", "Exercise Cobra Gold 2024") not in _ties(extractor, text)


def test_titled_names_hold_no_and_nor_a_titles_of(extractor: Extractor) -> None:
    text = (
        "Secretary of State Antony Blinken and Defense Secretary Lloyd Austin met "
        "Foreign Minister Penny Wong and Marles in Brisbane. Executives of Procter and "
        "Gamble were there. Taking part in the talks, Wong said little."
    )
    labels = set(_types(extractor, text))
    assert {"Antony Blinken", "Lloyd Austin", "Penny Wong", "Procter and Gamble"} <= labels
    assert not {n for n in labels if n.startswith(("of ", "Taking")) or " and M" in n}


def test_an_edition_after_in_is_no_place_nor_a_plural_a_typo(extractor: Extractor) -> None:
    text = (
        "Troops took part in Talisman Sabre 2023 in Queensland and the Northern Territory. "
        "Talisman Sabre 2023 is held every two years."
    )
    types = _types(extractor, text)
    assert types["Talisman Sabre 2023"] != "Place"
    ex = extractor.extract(Article(id="t", text=text))
    territory = next(e for e in ex.entities if e.label == "Northern Territory")
    # the Australian territory, not the Kuril Islands' "Northern Territories"
    assert territory.entity_id == "northern-territory"


def test_a_leader_the_registry_knows_heads_the_state_it_says(extractor: Extractor) -> None:
    text = (
        "The US and the EU imposed sanctions on Rosneft and its chief executive Igor "
        "Sechin, a close ally of President Vladimir Putin. Russia called them illegal."
    )
    ties = _ties(extractor, text)
    assert ("Vladimir Putin", "headOf", "Russia") in ties
    assert ("Vladimir Putin", "headOf", "United States") not in ties
    # a state the article does not name is no tie of it
    text = "The US imposed sanctions on Rosneft, a firm close to President Vladimir Putin."
    assert not {t for t in _ties(extractor, text) if t[:2] == ("Vladimir Putin", "headOf")}


def test_a_state_owned_name_is_a_firm(extractor: Extractor) -> None:
    types = _types(extractor, "The state-run Ferro Carril said no. State-owned Banco Nacion lent.")
    assert types["Ferro Carril"] == types["Banco Nacion"] == "Company"  # not two persons
    ties = _ties(extractor, "State-owned Turkmengaz holds 85% of TAPI Pipeline Company Limited.")
    assert ("Turkmengaz", "ownsStakeIn", "TAPI Pipeline Company Limited") in ties


def test_a_states_name_with_a_firms_word_is_a_national_firm(extractor: Extractor) -> None:
    text = (
        "Shares of Oil India rose, and Air India bought jets. China Huadian and Japan Tobacco "
        "signed with Reliance Power India. The US Navy and the U.S. Congress were told."
    )
    types = _types(extractor, text)
    firms = ("Oil India", "Air India", "China Huadian", "Japan Tobacco", "Reliance Power India")
    for firm in firms:
        assert types[firm] == "Company", firm
    # a state's bodies are not its firms
    assert types.get("US Navy") != "Company"
    assert types.get("U.S. Congress") != "Company"
    # a headline in title case keeps its state apart
    assert "China Bans" not in _types(extractor, "China Bans Exports Of Gallium")


def test_a_name_ending_in_a_year_is_an_edition_of_an_event(extractor: Extractor) -> None:
    text = (
        "Thailand and the United States opened Cobra Gold 2023 on Tuesday. "
        "Singapore and Indonesia also sent troops to the exercises."
    )
    assert _types(extractor, text)["Cobra Gold 2023"] == "Event"
    ties = _ties(extractor, text)
    assert ("Indonesia", "participatedIn", "Cobra Gold 2023") in ties


def test_the_last_descriptor_of_an_apposition_types_the_name(extractor: Extractor) -> None:
    text = "Zorblat, the port operator that is majority-owned by the city of Hamburg, said no."
    assert _types(extractor, text)["Zorblat"] == "Company"  # "port" alone would be a place
    assert ("Hamburg", "ownsStakeIn", "Zorblat") in _ties(extractor, text)


def test_a_firm_described_as_a_giant_is_referred_to(extractor: Extractor) -> None:
    text = (
        "Warsaw put Gazprom on its sanctions list, freezing the Russian gas giant's "
        "48% holding in EuRoPol GAZ."
    )
    assert ("Gazprom", "ownsStakeIn", "EuRoPol GAZ", 48.0) in _triples(extractor, text)


def test_it_after_an_organisations_sentence_is_that_organisation(extractor: Extractor) -> None:
    text = "Zorblat Mining digs diamonds in Siberia. It holds 41% of Catoca."
    assert ("Zorblat Mining", "ownsStakeIn", "Catoca", 41.0) in _triples(extractor, text)
    text = "Rosneft said on Monday that it had bought 49% of Zorblat Oil."
    assert ("Rosneft", "ownsStakeIn", "Zorblat Oil", 49.0) in _triples(extractor, text)
    # a person, a state, two subjects, "it is": no antecedent
    for text in (
        "Igor Sechin met bankers in Moscow. It holds 41% of Catoca.",
        "Russia sent troops to Syria. It holds 41% of Catoca.",
        "Zorblat Mining and Rosneft met in Moscow. It holds 41% of Catoca.",
        "Zorblat Mining said it was a 41% rise for Catoca.",
    ):
        assert not [t for t in _ties(extractor, text) if t[1] == "ownsStakeIn"], text


def test_a_table_named_by_its_or_who_owns_gives_each_row_a_stake(extractor: Extractor) -> None:
    text = (
        "The line is run by Zorblat Pipeline AG, a consortium based in Zug. Its shareholders "
        "are:\n- Gazprom, the Russian gas producer: 51%\n- France's Engie: 9% (up from 5%)"
    )
    triples = _triples(extractor, text)
    assert ("Gazprom", "ownsStakeIn", "Zorblat Pipeline AG", 51.0) in triples
    assert ("Engie", "ownsStakeIn", "Zorblat Pipeline AG", 9.0) in triples


def test_hyphenated_given_names_months_and_currencies(extractor: Extractor) -> None:
    text = (
        "Washington sanctioned Carrie Lam Cheng Yuet-ngor and Chung Mong-joon on Oct. 8, "
        "when UBS sold CHF 13 billion of notes to the Russia-based fund."
    )
    types = _types(extractor, text)
    assert types["Carrie Lam Cheng Yuet-ngor"] == types["Chung Mong-joon"] == "Person"
    assert not {"Oct. 8", "CHF 13", "Oct", "CHF", "Russia-based"} & set(types)


def test_a_waters_name_that_ends_in_a_states_is_one_place(extractor: Extractor) -> None:
    types = _types(extractor, "The ship sailed through the Gulf of Finland to the Gulf of Oman.")
    assert types["Gulf of Finland"] == types["Gulf of Oman"] == "Place"
    assert "Finland" not in types


def test_a_state_owned_firm_with_no_state_named_is_its_home_states(extractor: Extractor) -> None:
    text = (
        "Gazprom cut off state-owned importer Zorblat Gas in May. "
        "The Finnish company Zorblat Gas said it would sue."
    )
    assert ("Finland", "ownsStakeIn", "Zorblat Gas") in _ties(extractor, text)
    # no home state, or a name in between whose description it is: no owner
    for text in (
        "Gazprom cut off state-owned importer Zorblat Gas in May.",
        "The state-owned unit of Rosneft, Zorblat Gas, is Finnish.",
    ):
        assert not [t for t in _ties(extractor, text) if t[1] == "ownsStakeIn"], text


def test_a_state_firm_named_in_an_apposition_or_as_state_company(extractor: Extractor) -> None:
    for text in (
        "Zorblat Rail, a state-owned rail company, is based in India.",
        "Zorblat Oil (ZOC), the state oil company, is based in Turkey.",
        "Tebboune ordered state energy company Zorblat Gas, based in Algeria, to stop.",
    ):
        owners = [t[0] for t in _ties(extractor, text) if t[1] == "ownsStakeIn"]
        assert owners and set(owners) <= {"India", "Turkey", "Algeria"}, text
    # the apposition describes another firm, or the state is a possessor
    for text in (
        "Zorblat Bank, a unit of state-owned Rosneft, is based in Russia.",
        "Zorblat Bank, the state's biggest lender, is based in Russia.",
    ):
        assert ("Russia", "ownsStakeIn", "Zorblat Bank") not in _ties(extractor, text), text


def test_a_stake_of_a_percent_and_owned_lists_with_descriptions(extractor: Extractor) -> None:
    text = "Once the notes convert, GIC would hold a stake of about 9% in UBS."
    triples = _triples(extractor, text)
    assert ("GIC", "ownsStakeIn", "UBS", 9.0) in triples
    text = "De Beers, which is 85%-owned by Rio Tinto and 15% by the government of Botswana, grew."
    triples = _triples(extractor, text)
    assert ("Rio Tinto", "ownsStakeIn", "De Beers", 85.0) in triples
    assert ("Botswana", "ownsStakeIn", "De Beers", 15.0) in triples


def test_a_name_repeated_in_brackets_stays_an_entity(extractor: Extractor) -> None:
    types = _types(extractor, "Swiss bank UBS (UBS) sold notes. UBS said the Federal Reserve met.")
    assert "UBS" in types
    assert types.get("Federal Reserve") != "Person"  # "the" comes before no one's name


def test_a_description_names_the_firm_the_text_called_by_its_noun(extractor: Extractor) -> None:
    text = (
        "The EU added Zorblat, the state-controlled miner, to its list. "
        "Its shares trade on the Moscow Exchange. "
        "The Russian miner's reach extends beyond Siberia. It holds 41% of Catoca."
    )
    assert ("Zorblat", "ownsStakeIn", "Catoca", 41.0) in _triples(extractor, text)


def test_state_owned_belongs_to_the_nearest_state_of_a_list(extractor: Extractor) -> None:
    text = (
        "The sale went to investors including the Qatar Investment Authority, Japan's "
        "Zorblat Bank, China Development Bank and Singapore's state-owned Temasek Holdings."
    )
    owners = {t[0] for t in _ties(extractor, text) if t[1] == "ownsStakeIn"}
    assert owners == {"Singapore"}


def test_continental_adjectives_and_portfolios_name_no_one(extractor: Extractor) -> None:
    text = "Barclays bought the North American business of Zorblat Holdings in 2008."
    ties = _ties(extractor, text)
    assert ("Barclays", "ownsStakeIn", "North") not in ties
    assert "United States" not in _types(extractor, text)
    text = "Zorblat Petroleum bought 10% of the field. Petroleum Minister Tarek El Molla spoke."
    assert ("Tarek El Molla", "headOf", "Zorblat Petroleum") not in _ties(extractor, text)
    text = "China suspended all imports of seafood from Japan on Thursday."
    assert ("China", "sanctions", "Japan") in _ties(extractor, text)


def test_hyphenated_names_and_a_second_consortium(extractor: Extractor) -> None:
    text = (
        "The line's owner, the South-East Zorblat Pipeline Co., is split as follows:\n"
        "- CNPC, 50.9%\n- POSCO Daewoo, 25.04%\n"
        "A consortium led by CITIC Group won tenders for the port."
    )
    ties = _ties(extractor, text)
    cnpc = "China National Petroleum Corporation"
    assert (cnpc, "ownsStakeIn", "South-East Zorblat Pipeline Co.") in ties
    assert (cnpc, "partnerOf", "POSCO Daewoo") in ties
    assert not [t for t in ties if t[1] == "partnerOf" and "CITIC Group" in t]


def test_headed_by_after_a_name_makes_the_later_name_the_head(extractor: Extractor) -> None:
    text = "SOCAR, headed by Rovnag Abdullayev, is also the driving force behind the corridor."
    ties = _ties(extractor, text)
    assert ("Rovnag Abdullayev", "headOf", "SOCAR") in ties
    assert ("SOCAR", "headOf", "Rovnag Abdullayev") not in ties
    text = (
        "Surgutneftegas, the Surgut-based producer in Western Siberia that has been run by "
        "Vladimir Bogdanov for four decades, was named."
    )
    assert ("Vladimir Bogdanov", "headOf", "Surgutneftegas") in _ties(extractor, text)


def test_a_then_title_glued_by_a_hyphen_leaves_no_name(extractor: Extractor) -> None:
    text = "Then-Prime Minister Justin Trudeau announced the measures in Halifax."
    types = _types(extractor, text)
    assert types["Justin Trudeau"] == "Person"
    assert not [name for name in types if name.startswith("-") or "Prime" in name]


def test_a_measured_description_is_the_asset_a_table_is_about(extractor: Extractor) -> None:
    text = (
        "The Zorblat Natural Gas Pipeline was inaugurated on Tuesday.\n\n"
        "The 1,850-kilometre pipeline crosses Anatolia from Ardahan to Edirne. "
        "It is owned by a consortium in which:\n"
        "- Turkey's state pipeline operator BOTAS holds 30%;\n"
        "- London-based energy major BP holds 12%."
    )
    triples = _triples(extractor, text)
    assert ("BOTAS", "ownsStakeIn", "Zorblat Natural Gas Pipeline", 30.0) in triples
    assert ("BP", "ownsStakeIn", "Zorblat Natural Gas Pipeline", 12.0) in triples
    assert not [t for t in triples if t[1] == "ownsStakeIn" and t[2] == "Anatolia"]


def test_a_state_named_before_state_in_an_apposition_owns_the_firm(
    extractor: Extractor,
) -> None:
    text = "Sinosure, the Chinese state insurer, covered the loans."
    assert ("China", "ownsStakeIn", "Sinosure") in _ties(extractor, text)
    text = "Sinosure, the Chinese insurer, covered the loans."
    assert ("China", "ownsStakeIn", "Sinosure") not in _ties(extractor, text)
    text = "Lower Saxony sold shares in Zorblat Bank, the German state of Hesse's lender."
    assert not [t for t in _ties(extractor, text) if t[1] == "ownsStakeIn"]


def test_a_title_inside_a_name_parts_the_firm_from_its_head(extractor: Extractor) -> None:
    text = "Zorblat Chief Executive Dieter Quenz said the carmaker had won an anchor investor."
    types = _types(extractor, text)
    assert types["Dieter Quenz"] == "Person"
    assert ("Dieter Quenz", "headOf", "Zorblat") in _ties(extractor, text)
    text = "Quenbridge President Xiao Lumin said the holding was a long-term investment."
    assert ("Xiao Lumin", "headOf", "Quenbridge") in _ties(extractor, text)
    # a title word before an organisational word names a body, not a person
    types = _types(extractor, "The Zorblat Executive Council met on Monday.")
    assert "Zorblat Executive Council" in types
    assert "Person" not in types.values()


def test_a_sentence_that_denies_a_tie_gives_none(extractor: Extractor) -> None:
    text = (
        "Turkey, a NATO member that has refused to join Western sanctions on Moscow, "
        "buys Russian gas through TurkStream."
    )
    ties = _ties(extractor, text)
    assert not [t for t in ties if t[1] == "sanctions"]
    # the preposition ends what a demonym describes: TurkStream is no Russian asset
    assert not [t for t in ties if t[1] == "ownsStakeIn"]
    text = (
        "The United States imposed sanctions on Turkey, which has not joined sanctions on Russia."
    )
    ties = _ties(extractor, text)
    assert ("United States", "sanctions", "Turkey") in ties
    assert ("Turkey", "sanctions", "Russia") not in ties
    text = "Indian Prime Minister Narendra Modi skipped the Zorblat Summit in Johannesburg."
    assert ("Narendra Modi", "participatedIn", "Zorblat Summit") not in _ties(extractor, text)
    text = "Indian Prime Minister Narendra Modi attended the Zorblat Summit in Johannesburg."
    assert ("Narendra Modi", "participatedIn", "Zorblat Summit") in _ties(extractor, text)


def test_members_of_a_forum_belong_to_a_body(extractor: Extractor) -> None:
    text = (
        "Egypt and Israel are both founding members of the East Mediterranean Zorblat Forum, "
        "launched in Cairo a year ago."
    )
    assert _types(extractor, text)["East Mediterranean Zorblat Forum"] == "Organization"
    ties = _ties(extractor, text)
    assert ("Egypt", "memberOf", "East Mediterranean Zorblat Forum") in ties
    assert ("Israel", "memberOf", "East Mediterranean Zorblat Forum") in ties
    text = "Egypt and Israel took part in the East Mediterranean Zorblat Forum in Cairo."
    assert _types(extractor, text)["East Mediterranean Zorblat Forum"] == "Event"


def test_a_field_named_before_a_table_of_holders_is_its_asset(extractor: Extractor) -> None:
    text = (
        "Cairo hopes the gas will be shipped to Europe.\n\n"
        "The Zorblat field, which started production on December 31, is owned by:\n"
        "- Delek Drilling, 45.34 percent\n"
        "- Noble Energy, the operator, 39.66 percent\n"
    )
    triples = _triples(extractor, text)
    assert ("Delek Drilling", "ownsStakeIn", "Zorblat", 45.34) in triples
    assert ("Noble Energy", "ownsStakeIn", "Zorblat", 39.66) in triples
    assert _types(extractor, text)["Delek Drilling"] == "Company"


def test_names_joined_by_and_when_one_holds_an_ampersand(extractor: Extractor) -> None:
    said = "Quorvel Arms and Zentrix Missiles & Defense would be barred from import and export"
    types = _types(extractor, f"The ministry said {said} activities related to China.")
    assert "Quorvel Arms" in types and "Zentrix Missiles & Defense" in types
    ties = _ties(extractor, f"China's Ministry of Commerce said on Friday that {said} activities.")
    assert ("Ministry of Commerce of China", "sanctions", "Zentrix Missiles & Defense") in ties


def test_central_banks_waters_hotels_and_committees_get_their_types(
    extractor: Extractor,
) -> None:
    text = (
        "Separately, the Central Bank of Zorblatia held rates, and the Quenland Reserve Bank "
        "cut them. The carrier sailed into the Norwegian Sea. Leaders met at the Quorvel Hotel. "
        "The Cabinet Committee on Energy in February approved the plan."
    )
    types = _types(extractor, text)
    assert types["Central Bank of Zorblatia"] == "Organization"
    assert types["Quenland Reserve Bank"] == "Organization"
    assert types["Norwegian Sea"] == "Place"
    assert types["Quorvel Hotel"] == "Place"
    assert types["Cabinet Committee on Energy"] == "Organization"
    # a day after "on" ends the name
    assert "Zorblat Commission" in _types(extractor, "The Zorblat Commission on Thursday met.")


def test_an_owner_in_an_apposition_does_not_type_the_name(extractor: Extractor) -> None:
    text = (
        "Russia will test missiles near where NATO is staging Zorblat Juncture, "
        "the alliance's largest military exercise since the Cold War."
    )
    assert _types(extractor, text)["Zorblat Juncture"] == "Event"


def test_a_word_that_opens_sentences_stays_in_a_name_used_elsewhere(
    extractor: Extractor,
) -> None:
    text = (
        "Lisbon chose State Quenco Corporation to buy a 25 percent stake in power and gas "
        "grid operator Zorblat. State Quenco, the largest utility, will pay 387 million euros. "
        "Airline Quorvair and airports operator Zentra are next."
    )
    types = _types(extractor, text)
    # the short form is the firm's, not a name "Quenco"
    assert "State Quenco Corporation" in types and "Quenco" not in types
    assert types["Quorvair"] == "Company" and "Airline Quorvair" not in types
    assert ("State Quenco Corporation", "ownsStakeIn", "Zorblat", 25.0) in _triples(extractor, text)


def test_a_descriptor_before_a_list_types_each_name(extractor: Extractor) -> None:
    text = (
        "The fund had built smaller positions in U.S. publishers Quorvel Blizzard, "
        "Zentrix Arts and Take-Two Quenteractive."
    )
    types = _types(extractor, text)
    assert types["Quorvel Blizzard"] == types["Zentrix Arts"] == "Company"
    assert types["Take-Two Quenteractive"] == "Company"


def test_products_of_their_makers(extractor: Extractor) -> None:
    text = "Shares rose at Quorvel, the Osaka-based publisher of Zentrix Evil and Quen Fighter."
    types = _types(extractor, text)
    assert types["Zentrix Evil"] == types["Quen Fighter"] == "Product"
    ties = _ties(extractor, text)
    assert ("Quorvel", "ownsStakeIn", "Zentrix Evil") in ties
    assert ("Quorvel", "basedIn", "Osaka") in ties
    assert ("Zentrix Evil", "basedIn", "Osaka") not in ties
    types = _types(extractor, "Taipei ordered Zorblat missile systems and Quenbar tanks.")
    assert types["Zorblat"] == types["Quenbar"] == "Product"


def test_a_head_of_government_in_a_capital_heads_its_state(extractor: Extractor) -> None:
    text = (
        "Iranian President Ebrahim Raisi ended a visit to Pakistan and India on Wednesday. "
        "Raisi held talks with Prime Minister Quorvel Zentar in Islamabad."
    )
    assert ("Quorvel Zentar", "headOf", "Pakistan") in _ties(extractor, text)
    # a number word after a name is no part of it
    text = "Pakistan hit back with strikes in Iran's Sistan-Zorblat two days later."
    assert "Sistan-Zorblat" in _types(extractor, text)


def test_a_person_of_a_firm_and_a_given_name_before_a_state(extractor: Extractor) -> None:
    text = (
        "The rescue was announced by Finance Minister Karin Keller-Sutter, "
        "Quorvel National Bank chairman Thomas Jordan, Zentar Holm of Credit Quenbar "
        "and Colm Vastrel of Zorblat Bank."
    )
    types = _types(extractor, text)
    assert types["Thomas Jordan"] == "Person"  # not Thomas and the state Jordan
    assert "Jordan" not in types
    for name in ("Zentar Holm", "Credit Quenbar", "Colm Vastrel", "Zorblat Bank"):
        assert name in types  # "X of Y" is a person of a firm, not one name
    assert ("Thomas Jordan", "headOf", "Quorvel National Bank") in _ties(extractor, text)
    # ... but a body's name keeps its "of"
    types = _types(extractor, "The International Chamber of Commerce and the Rim of the Pacific.")
    assert "International Chamber of Commerce" in types


def test_titles_end_at_a_word_and_portfolios_stay_in_a_ministry_name(
    extractor: Extractor,
) -> None:
    text = (
        "Ships loaded in Queensland waited. Kingsley Vastrel of Fitch Ratings spoke. "
        "Seoul's Ministry of Trade, Industry and Energy said the tariffs were unfair. "
        "The Ministry of Energy, Novatek and Zorblat Holdings met."
    )
    types = _types(extractor, text)
    assert types.get("Queensland") != "Person"  # "queen" is no title inside a word
    assert types["Fitch Ratings"] == "Company"
    assert "Ministry of Trade, Industry and Energy" in types
    assert {"Ministry of Energy", "Zorblat Holdings"} <= set(types)  # a list, not a ministry
    assert "WHAT THE MEASURES DO" not in _types(extractor, "Rusal was hit.\nWHAT THE MEASURES DO\n")
    assert "Zentar Vastrel" in _types(extractor, "House Speaker Zentar Vastrel said no.")


def test_a_summit_elsewhere_is_not_the_article_summit(extractor: Extractor) -> None:
    text = (
        "A Group of Seven summit in La Malbaie ended in disarray on Sunday. "
        "US President Donald Trump left early for his summit with North Korean leader "
        "Kim Jong Un in Singapore. "
        "Also at the table were German Chancellor Angela Merkel and Japanese Prime Minister "
        "Shinzo Abe. "
        "Meanwhile in China, President Xi Jinping hosted Russia's Vladimir Putin at a "
        "Shanghai Cooperation Organisation summit in Qingdao."
    )
    got = _ties(extractor, text)
    g7 = "Group of Seven summit"
    for leader in ("Angela Merkel", "Shinzo Abe"):
        assert (leader, "participatedIn", g7) in got
    for leader in ("Kim Jong Un", "Xi Jinping", "Vladimir Putin"):
        assert (leader, "participatedIn", g7) not in got


def test_a_fund_named_by_its_state_and_a_field_before_its_commodity(extractor: Extractor) -> None:
    text = (
        "The Public Investment Fund is Saudi Arabia's fund. The Qatar Investment Authority "
        "invests abroad. Qatar's sovereign wealth fund has been a shareholder since 2008."
    )
    got = _ties(extractor, text)
    assert ("Qatar", "ownsStakeIn", "Qatar Investment Authority") in got
    assert ("Qatar", "ownsStakeIn", "Public Investment Fund") not in got
    text = "The consortium developing Azerbaijan's giant Zorblat Deniz gas field chose a route."
    assert _types(extractor, text)["Zorblat Deniz"] == "Product"  # an asset, not a firm


def test_a_group_a_sanctions_sentence_names_is_listed_in_the_rows_after_a_heading(
    extractor: Extractor,
) -> None:
    text = (
        "The U.S. Treasury Department on Thursday added three Chinese technology companies "
        "to its investment blacklist.\n\nThe three names:\n"
        "- Quenbar Robotics, the Shenzhen-based maker of drones\n"
        "- Vastrel Vision, a facial recognition company\n"
        "- Zorblat Cloud, a provider of cloud computing\n\n"
        "Beijing said it firmly opposed the move."
    )
    got = _ties(extractor, text)
    for firm in ("Quenbar Robotics", "Vastrel Vision", "Zorblat Cloud"):
        assert ("United States", "sanctions", firm) in got
        assert (firm, "basedIn", "China") in got
    # without the group sentence, a list is only a list
    got = _ties(extractor, text.split("\n\n", 1)[1])
    assert not {t for t in got if t[1] == "sanctions"}


def test_who_takes_part_in_the_article_exercise_without_naming_it(extractor: Extractor) -> None:
    text = (
        "Sweden's largest military exercise in 25 years got under way on Monday. "
        "Zorblat 23, which runs until May 11, is being staged across the country. "
        "Troops from the United States and the United Kingdom are among the foreign "
        "contingents. Norway, Denmark and Poland are also taking part, among others. "
        "Finland is taking part in talks on a fence with Russia."
    )
    assert _types(extractor, text)["Zorblat 23"] == "Event"  # an edition, in an exercise story
    got = _ties(extractor, text)
    for state in ("United States", "United Kingdom", "Norway", "Denmark", "Poland"):
        assert (state, "participatedIn", "Zorblat 23") in got
    assert ("Finland", "participatedIn", "Zorblat 23") not in got  # it names what it joins
    assert _types(extractor, "The Zorblat 23 shares rose.").get("Zorblat 23") != "Event"


def test_names_at_a_row_start_before_a_title_and_before_a_suffix(extractor: Extractor) -> None:
    text = (
        "Key points:\n- The Ministry of Foreign Affairs summoned Russian Deputy Ambassador "
        "Zentar Vastrel.\nClimate Minister Colm Quenbar said households would not feel it. "
        "Malaysian refiner MSM Malaysia Holdings bought sugar. On the sidelines of the "
        "Kuala Lumpur Summit, leaders met. Tension grew in the Asia-Pacific region."
    )
    types = _types(extractor, text)
    assert {"Ministry of Foreign Affairs", "Zentar Vastrel", "Colm Quenbar"} <= set(types)
    assert not {"Key", "Climate", "The Ministry of Foreign Affairs", "Pacific"} & set(types)
    assert types["MSM Malaysia Holdings"] == "Company"
    assert types["Kuala Lumpur Summit"] == "Event"
    assert types["Asia-Pacific"] == "Place"
    # a bank named after a state is one name, and "chair" is a head's title
    text = (
        "Bank of Quenbaria chief executive Zentar Vastrel met Federal Reserve Chair Colm Quenbar."
    )
    got = _ties(extractor, text.replace("Quenbaria", "America"))
    assert ("Zentar Vastrel", "headOf", "Bank of America") in got
    assert ("Colm Quenbar", "headOf", "Federal Reserve") in got


def test_a_leaders_administration_and_a_us_led_alliance_name_states(extractor: Extractor) -> None:
    text = (
        "The outgoing Trump administration imposed sanctions on the Zorblat barge. "
        "Moscow accused the U.S.-led NATO alliance of massing forces."
    )
    got = _ties(extractor, text)
    assert ("United States", "sanctions", "Zorblat") in got
    assert ("United States", "memberOf", "NATO") in got
    assert not any(s == "Donald Trump" for s, _, _ in got)
    # a leader the registry does not know stays a person
    types = _types(extractor, "The Zentar Vastrel administration said no.")
    assert "United States" not in types


def test_names_a_body_adjective_opens_a_ticker_in_a_list_and_a_verb_after_a_name(
    extractor: Extractor,
) -> None:
    text = (
        'Xi unveiled a "Global Zorblat Initiative" on Monday. The General Administration of '
        "Customs agreed. Shares of German carmakers Zorblat (ZOR3), Quenbar and Vastrel fell. "
        "Zentar Holding Group, the auto group founded by billionaire Colm Quenbarov, would raise "
        "its holding. Chinese Vice Premier He Lifeng met National Security Adviser Zentar Vastrel."
    )
    types = _types(extractor, text)
    assert types["Global Zorblat Initiative"] == "Event"
    assert types["General Administration of Customs"] == "Organization"
    assert types["Quenbar"] == types["Vastrel"] == "Company"
    assert types.get("Colm Quenbarov") != "Company"  # "would raise its holding" is no apposition
    assert types["He Lifeng"] == types["Zentar Vastrel"] == "Person"


def test_known_as_names_no_prepositions_object_and_a_firms_core_word_is_its_short_form(
    extractor: Extractor,
) -> None:
    text = (
        "They were taken under a 2017 law aimed at Russia, known as CAATSA. Zhejiang Zorblat "
        "Holding Group bought 17% of Quenbar Motors. Zorblat said the deal would close soon."
    )
    ex = extractor.extract(Article(id="t", text=text))
    russia = next(e for e in ex.entities if e.label == "Russia")
    assert "CAATSA" not in russia.aliases
    labels = {e.label for e in ex.entities}
    assert "Zorblat" not in labels  # the firm's short form


def test_short_ranks_a_portfolio_after_for_and_co_ceos_are_titles(extractor: Extractor) -> None:
    text = (
        "Military chief Gen. Zentar Vastrel and Lt. Gen. Colm Quenbar met Minister for Energy "
        "Zorblat Hanid. Vantage will be led by co-CEOs Rafa Quen and Dara Vost. "
        "OSLO, March 14 - About 30,000 troops began a winter exercise."
    )
    types = _types(extractor, text)
    for person in ("Zentar Vastrel", "Colm Quenbar", "Zorblat Hanid", "Rafa Quen"):
        assert types[person] == "Person"
    assert not {"Gen. Zentar Vastrel", "Energy Zorblat Hanid", "CEOs Rafa Quen"} & set(types)
    assert "About 30,000" not in types


def test_per_cent_written_pc_and_a_states_side_hold_stakes(extractor: Extractor) -> None:
    text = (
        "Pakistan and Russia agreed to build the Zorblat Stream Gas Pipeline. Under the terms, "
        "Pakistan will hold 74pc of the project, while the Russian side will hold 26pc."
    )
    got = _triples(extractor, text)
    assert ("Pakistan", "ownsStakeIn", "Zorblat Stream Gas Pipeline", 74.0) in got
    assert ("Russia", "ownsStakeIn", "Zorblat Stream Gas Pipeline", 26.0) in got
    # "on the Egyptian side" is a place, not the state acting
    ex = extractor.extract(Article(id="t", text="On the Egyptian side, Quenbar Holdings does it."))
    egypt = next(e for e in ex.entities if e.label == "Egypt")
    assert "Egyptian side" not in egypt.aliases


def test_a_law_or_forum_whose_name_holds_a_states_is_one_name(extractor: Extractor) -> None:
    text = (
        "The deal was cleared under the Investment Canada Act. The Caesar Syria Civilian "
        "Protection Act took effect. Leaders met at the Forum on China-Africa Cooperation."
    )
    types = _types(extractor, text)
    assert types["Investment Canada Act"] == types["Caesar Syria Civilian Protection Act"]
    assert types["Investment Canada Act"] in ("Product", "Event")
    assert types["Forum on China-Africa Cooperation"] == "Event"
    assert not {"Investment Canada", "Caesar Syria", "Forum"} & set(types)


def test_a_stakes_asset_described_is_not_its_holder(extractor: Extractor) -> None:
    text = (
        "Zorblat has completed its purchase of a 10 per cent stake in Quenbar Powertrain, the "
        "petrol-engine and hybrid-drivetrain maker that France's Vastrel Group and China's Hanid "
        "set up last year. With the deal closed, Vastrel and Zhejiang Hanid Holding Group each "
        "own 45 per cent of the London-based company. Its plants in Spain used to belong to the "
        "French carmaker. Bank of Zorblat owns 30 per cent of the holding company that runs it."
    )
    got = _triples(extractor, text)
    assert ("Vastrel Group", "ownsStakeIn", "Quenbar Powertrain", 45.0) in got
    assert ("Zhejiang Hanid Holding Group", "ownsStakeIn", "Quenbar Powertrain", 45.0) in got
    assert not [t for t in got if t[1] == "ownsStakeIn" and t[2] != "Quenbar Powertrain"]
    assert ("Zorblat", "basedIn", "France", None) not in got  # the carmaker is Vastrel
    # the short form written first is the same firm as the full name after it
    labels = {e.label for e in extractor.extract(Article(id="t", text=text)).entities}
    assert "Hanid" not in labels


def test_legal_forms_and_state_initials_give_short_aliases(extractor: Extractor) -> None:
    text = (
        "Japan's Nippon Steel Corp. holds 20 per cent of Zorblat Resources Ltd. The U.S. "
        "Treasury Department sanctioned Quenbar Holdings on Monday."
    )
    by_label = _by_label(extractor, text)
    assert by_label["Zorblat Resources Ltd."].aliases == ("Zorblat Resources",)
    assert "Treasury Department" in by_label["U.S. Treasury Department"].aliases
    nippon = next(e for e in by_label.values() if "Nippon Steel Corp." in (e.label, *e.aliases))
    assert nippon.entity_id is not None  # the registry's firm, written with its legal form


def _route(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    ex = extractor.extract(Article(id="t", text=text))
    label = {e.key: e.label for e in ex.entities}
    return {
        (label[c.subject], label[c.object])
        for c in ex.claims
        if c.predicate == "locatedIn" and c.rule == "location.route.v1"
    }


def test_the_places_on_a_pipelines_route_lie_on_it(extractor: Extractor) -> None:
    text = (
        "The Druzhba pipeline carries Russian crude through Belarus and Ukraine to Hungary. "
        "Ministers agreed to pump gas to Lebanon through Jordan and Syria along the Arab Gas "
        "Pipeline. Warsaw froze the Polish stretch of the Yamal-Europe pipeline. The TurkStream "
        "pipeline runs under the Black Sea from Anapa in Russia to Kiyikoy in Turkey."
    )
    route = _route(extractor, text)
    assert {
        # "the Druzhba pipeline": an unknown line's name keeps its noun
        ("Druzhba pipeline", "Belarus"),
        ("Druzhba pipeline", "Ukraine"),
        ("Druzhba pipeline", "Hungary"),
        ("Arab Gas Pipeline", "Lebanon"),
        ("Arab Gas Pipeline", "Jordan"),
        ("Arab Gas Pipeline", "Syria"),
        ("Yamal-Europe pipeline", "Poland"),
        ("TurkStream", "Black Sea"),
        ("TurkStream", "Anapa"),
        ("TurkStream", "Russia"),
        ("TurkStream", "K\u0131y\u0131k\u00f6y"),
        ("TurkStream", "Turkey"),
    } <= route
    # the relative clause's pipeline, not the one named first
    text = (
        "Sanctions target vessels laying Nord Stream 2 and TurkStream, a second export line "
        "that runs under the Black Sea to Turkey."
    )
    assert _route(extractor, text) == {("TurkStream", "Black Sea"), ("TurkStream", "Turkey")}


def test_a_route_that_avoids_a_place_does_not_lie_in_it(extractor: Extractor) -> None:
    text = (
        "The TurkStream pipeline opened a route that brings gas to Turkey without crossing "
        "Ukraine. The Nord Stream pipeline bypasses Poland. The Druzhba pipeline was built "
        "by Gazprom, a company from Russia."
    )
    route = _route(extractor, text)
    assert not {p for p in route if p[1] in ("Ukraine", "Poland", "Russia")}, route


def test_a_list_of_the_countries_sending_forces_took_part(extractor: Extractor) -> None:
    text = (
        "Bright Star 2023 began in Egypt on Thursday.\n\n"
        "Countries sending forces or observers include:\n"
        "- Saudi Arabia, Jordan and Qatar\n"
        "- India and Japan\n"
    )
    ex = extractor.extract(Article(id="t", text=text))
    label = {e.key: e.label for e in ex.entities}
    took_part = {
        label[c.subject]
        for c in ex.claims
        if c.predicate == "participatedIn" and c.rule == "participation.list.v1"
    }
    assert {"Saudi Arabia", "Jordan", "Qatar", "India", "Japan"} <= took_part


def test_a_name_before_state_after_a_countrys_possessive_is_a_place(
    extractor: Extractor,
) -> None:
    text = (
        "Nayara Energy, a refiner in India's Gujarat state that is 49% owned by Rosneft, had "
        "already been hit by European Union sanctions in July."
    )
    assert _types(extractor, text)["Gujarat"] == "Place"


def test_and_between_two_names_splits_them(extractor: Extractor) -> None:
    text = (
        "Two other shareholders, Mikhail Fridman and Alexey Kuzmichov, were added to the list. "
        "Zorblat chief executive Carlos Tavares and Leapmotor's founder Zhu Jiangming presented "
        "the deal. The line crosses Río Negro and La Pampa on its way to Buenos Aires."
    )
    labels = set(_types(extractor, text))
    assert {"Mikhail Fridman", "Alexey Kuzmichov", "Carlos Tavares", "Zhu Jiangming"} <= labels
    assert {"Río Negro", "La Pampa"} <= labels
    assert not any(" and " in label for label in labels)
    # a state's own name keeps its "and"
    assert "Trinidad and Tobago" in _types(extractor, "Trinidad and Tobago signed the deal.")


def test_a_name_before_a_place_after_a_comma_is_a_place(extractor: Extractor) -> None:
    text = (
        "Its plants are:\n- Dresden, Germany, a former chip site\n"
        "A further fab at East Fishkill, New York, is being handed over. "
        "Stakes were sold by Zorblat Holding, Germany and France."
    )
    types = _types(extractor, text)
    assert types["Dresden"] == "Place"
    assert types["East Fishkill"] == "Place"
    assert types["Zorblat Holding"] == "Company"
    ties = _ties(extractor, text)
    assert ("Dresden", "locatedIn", "Germany") in ties
    assert ("East Fishkill", "locatedIn", "New York") in ties


def test_a_hyphenated_edition_names_an_exercise(extractor: Extractor) -> None:
    text = (
        "Some 31,000 soldiers began Anakonda-16 across Poland on Tuesday. Britain has sent "
        "roughly 1,000 to the exercise. Doctors fought COVID-19 near the base. Su-35 jets flew."
    )
    types = _types(extractor, text)
    assert types["Anakonda-16"] == "Event"
    assert types.get("COVID-19") != "Event"
    assert types.get("Su-35") != "Event"
    ties = _ties(extractor, text)
    assert ("Anakonda-16", "locatedIn", "Poland") in ties
    assert ("United Kingdom", "participatedIn", "Anakonda-16") in ties


def test_forces_of_listed_states_that_open_an_exercise_take_part(extractor: Extractor) -> None:
    text = "Indian and American forces formally opened Tiger Triumph, the first such exercise."
    ties = _ties(extractor, text)
    assert ("India", "participatedIn", "Tiger Triumph") in ties
    assert ("United States", "participatedIn", "Tiger Triumph") in ties


def test_an_untyped_word_before_a_demonym_starts_a_firms_name(extractor: Extractor) -> None:
    text = "Private producers including Pan American Energy and Tecpetrol pump the gas."
    types = _types(extractor, text)
    assert types["Pan American Energy"] == "Company"
    assert "Energy" not in types


def test_a_firm_controlled_by_a_group_is_its_subsidiary(extractor: Extractor) -> None:
    text = (
        "Tenaris, the steel tube maker controlled by the Techint group, rolled the pipe. "
        "Rusal, founded by Oleg Deripaska and controlled by a tycoon, was listed."
    )
    ties = _ties(extractor, text)
    assert ("Tenaris", "subsidiaryOf", "Techint") in ties
    assert not any(p == "subsidiaryOf" and s == "Oleg Deripaska" for s, p, _ in ties)


def test_a_compass_word_starts_a_places_name_not_a_persons(extractor: Extractor) -> None:
    text = (
        "Zorblat Holding opened plants in North Carolina and Lower Saxony, and an office on "
        "Wall Street."
    )
    types = _types(extractor, text)
    assert types["North Carolina"] == "Place"
    assert types["Lower Saxony"] == "Place"
    assert types["Wall Street"] == "Place"


def test_a_name_after_at_or_between_from_and_in_is_a_place(extractor: Extractor) -> None:
    text = (
        "The drills ended at Korvatsk on Friday. The talks were held at Villa Grangeon. "
        "The line runs from Taldomir in eastern "
        "Russia to Velmora, and a spur runs from Ostrava to Brenk. An analyst at Vantor "
        "Capital said so."
    )
    types = _types(extractor, text)
    assert types["Korvatsk"] == "Place"
    assert types["Villa Grangeon"] == "Place"
    assert types["Taldomir"] == "Place"
    assert types["Ostrava"] == "Place"
    assert types["Brenk"] == "Place"
    assert types["Vantor Capital"] == "Company"  # a suffix types it before "at" does


def test_heads_for_and_company_words_type_unknown_names(extractor: Extractor) -> None:
    text = (
        "The Committee for Safeguarding Zorblat Security met the Caspian Flotilla. Olam "
        "International and Grivna Materials joined the Southern Velmora Corridor."
    )
    types = _types(extractor, text)
    assert types["Committee for Safeguarding Zorblat Security"] == "Organization"
    assert types["Caspian Flotilla"] == "Organization"
    assert types["Olam International"] == "Company"  # not a person's name
    assert types["Grivna Materials"] == "Company"
    assert types["Southern Velmora Corridor"] == "Product"


def test_a_sum_in_a_currency_is_no_name(extractor: Extractor) -> None:
    types = _types(extractor, "Zorblat Holding paid S$1.1 billion and HK$4.5 billion for it.")
    assert not [label for label in types if "$" in label]


def test_a_description_opening_a_sentence_takes_up_the_last_subject(
    extractor: Extractor,
) -> None:
    text = (
        "Mitsubishi Corporation will buy 20 per cent of Olam International. "
        "The Japanese company said the deal would help it."
    )
    ties = _ties(extractor, text)
    assert ("Mitsubishi Corporation", "basedIn", "Japan") in ties
    assert ("Olam International", "basedIn", "Japan") not in ties


def test_a_state_owned_description_ties_the_firm_to_its_state(extractor: Extractor) -> None:
    ties = _ties(
        extractor,
        "Gazprom halted deliveries to Poland, the first time the Russian state-controlled "
        "energy giant has cut off a customer.",
    )
    assert ("Russia", "ownsStakeIn", "Gazprom") in ties
    apposed = _ties(
        extractor, "Gasunie, the Netherlands' state-owned gas network operator, was named."
    )
    assert ("Netherlands", "ownsStakeIn", "Gasunie") in apposed


def test_the_government_or_the_state_holding_a_stake_is_the_articles_state(
    extractor: Extractor,
) -> None:
    text = (
        "Saudi Arabia listed Saudi Aramco in Riyadh. Aramco raised $25.6 billion, more than "
        "Alibaba Group did. For now the government keeps 98.5 percent of the Dhahran-based "
        "company."
    )
    got = _triples(extractor, text)
    assert ("Saudi Arabia", "ownsStakeIn", "Saudi Aramco", 98.5) in got
    assert not [t for t in got if t[1] == "ownsStakeIn" and t[2] == "Alibaba Group"]
    # not a holder: "the government said", nor the state a demonym names
    said = _triples(extractor, "Norway listed Equinor. The government said it would sell.")
    assert not [t for t in said if t[1] == "ownsStakeIn"]
    named = _triples(
        extractor,
        "Canada sued. Equinor, the group in which the Norwegian state holds 67 percent, said so.",
    )
    assert ("Norway", "ownsStakeIn", "Equinor", 67.0) in named
    held = _triples(
        extractor, "Norway listed Equinor. The state held 67 per cent of the company then."
    )
    assert ("Norway", "ownsStakeIn", "Equinor", 67.0) in held
    assert not [t for t in named if t[0] == "Canada" and t[1] == "ownsStakeIn"]


def test_a_state_in_brackets_after_a_titled_name_is_the_one_it_heads(
    extractor: Extractor,
) -> None:
    text = (
        "President Andrés Manuel López Obrador said he would not attend because the host "
        "had not invited Cuba.\n"
        "- Stayed away: President López Obrador (Mexico), President Alejandro Giammattei "
        "(Guatemala), President Xiomara Castro (Honduras)\n"
    )
    ties = _ties(extractor, text)
    heads = {(s, o) for s, p, o in ties if p == "headOf"}
    assert ("Andrés Manuel López Obrador", "Mexico") in heads
    assert ("Alejandro Giammattei", "Guatemala") in heads
    assert ("Xiomara Castro", "Honduras") in heads
    assert ("Andrés Manuel López Obrador", "Cuba") not in heads


def test_compound_and_deputy_titles(extractor: Extractor) -> None:
    ties = _ties(
        extractor, "Olam's co-founder and chief executive, Sunny Verghese, said it would help."
    )
    assert ("Sunny Verghese", "headOf", "Olam") in ties
    deputy = _ties(
        extractor,
        "He is joined by Sergei Kiriyenko, the first deputy chief of the Kremlin "
        "administration, who oversees politics.",
    )
    assert not [t for t in deputy if t[1] == "headOf"]


def test_a_summit_hosted_by_a_state_lies_there(extractor: Extractor) -> None:
    ties = _ties(
        extractor,
        "RIO DE JANEIRO - The BRICS summit hosted by Brazil closed in Rio de Janeiro on Monday.",
    )
    assert ("BRICS summit", "locatedIn", "Brazil") in ties
    # the dateline's capitals give way to the name as the text writes it
    assert ("BRICS summit", "locatedIn", "Rio de Janeiro") in ties


def test_a_list_of_targets_with_no_actor_named_is_the_last_sanctioners(
    extractor: Extractor,
) -> None:
    text = (
        "The US Treasury Department's Office of Foreign Assets Control put Bank Rossiya on its "
        "sanctions list on Wednesday.\n"
        "Three executives were designated along with the bank:\n"
        "- Nikolay Kosov, a Russian citizen and the bank's former chairman\n"
        "- Georgy Potapov and Imre Laszloczki, its deputy chairmen\n"
        "Those listed by the European Union:\n"
        "- Zhu Hailun, a former deputy party secretary\n"
        "Seven nations are listed as full participants:\n"
        "- Thailand and Japan\n"
    )
    ties = _ties(extractor, text)
    ofac = "Office of Foreign Assets Control"
    sanctioned = {o for s, p, o in ties if p == "sanctions" and s == ofac}
    assert {"Nikolay Kosov", "Georgy Potapov", "Imre Laszloczki"} <= sanctioned
    assert ("European Union", "sanctions", "Zhu Hailun") in ties
    assert (ofac, "sanctions", "Zhu Hailun") not in ties
    assert not [t for t in ties if t[1] == "sanctions" and t[2] in ("Thailand", "Japan")]


def test_its_shareholders_hold_stakes_in_the_asset_but_are_no_partners(
    extractor: Extractor,
) -> None:
    text = (
        "The International Investment Bank was set up in 1970. "
        "In 2019 the bank moved its seat to Budapest. "
        "Russia holds 45.4% of its capital and Hungary 25.3%. "
        "Its other remaining shareholders are Cuba, Mongolia and Vietnam."
    )
    got = _triples(extractor, text)
    assert ("Russia", "ownsStakeIn", "International Investment Bank", 45.4) in got
    assert ("Hungary", "ownsStakeIn", "International Investment Bank", 25.3) in got
    assert ("Cuba", "ownsStakeIn", "International Investment Bank", None) in got
    assert not [t for t in got if t[1] == "partnerOf"]


def test_a_city_after_a_states_capital_and_a_comma_lies_in_it(extractor: Extractor) -> None:
    text = (
        "The exercise opened at the Five Hills Training Area outside the Mongolian capital, "
        "Ulaanbaatar, on Monday. Venture capital, Moscow said, was scarce."
    )
    ties = _ties(extractor, text)
    assert ("Ulaanbaatar", "locatedIn", "Mongolia") in ties
    types = _types(extractor, text)
    assert types["Five Hills Training Area"] == "Place"
    assert types["Ulaanbaatar"] == "Place"
    assert "Moscow" not in types  # still the state, Russia


def test_a_noun_before_a_comma_and_a_name_describes_that_name(extractor: Extractor) -> None:
    text = (
        "Putin also promised to raise supplies through the Blue Stream pipeline. The "
        "cancellation leaves Gazprom's European partners in the project company, "
        "Amsterdam-based South Stream Transport, with stakes in a venture. The shareholders are:\n"
        "- Gazprom: 50%\n- Eni (Italy): 20%"
    )
    got = _triples(extractor, text)
    assert ("Gazprom", "ownsStakeIn", "South Stream Transport", 50.0) in got
    assert ("Eni", "ownsStakeIn", "South Stream Transport", 20.0) in got
    assert not [t for t in got if t[2] == "Blue Stream"]
    assert "European" not in _types(extractor, text)


def test_adjectives_of_regions_and_parties_name_nothing(extractor: Extractor) -> None:
    text = (
        "Gazprom's Asian customers pay less. China would impose sanctions on Republican "
        "senators Marco Rubio and Ted Cruz, Sam Brownback, the US ambassador for religious "
        "freedom, and Human Rights Watch."
    )
    types = _types(extractor, text)
    assert "Asian" not in types and "Republican" not in types
    ties = _ties(extractor, text)
    assert ("China", "sanctions", "Ted Cruz") in ties
    assert ("China", "sanctions", "Sam Brownback") in ties
    # "the US ambassador" names a person's post, not a target
    assert ("China", "sanctions", "United States") not in ties


def test_a_number_before_a_units_name_is_part_of_it(extractor: Extractor) -> None:
    text = "Soldiers of the 2nd Brigade of the 11th Airborne Division are training at Auli."
    types = _types(extractor, text)
    assert types["11th Airborne Division"] == "Organization"
    assert types["2nd Brigade"] == "Organization"
    assert "Airborne Division" not in types


def test_forces_in_a_report_on_drills_take_part_in_its_exercise(extractor: Extractor) -> None:
    # the exercise is named in an apposition, then the forces sentences away
    text = (
        "Indian and American forces formally opened Tiger Triumph, the first exercise between "
        "the two countries, on Thursday. Tiger Triumph runs for nine days along the coast. The "
        "Indian Navy has committed the landing ship INS Airavat. Troops of the 11th Airborne "
        "Division arrived on Wednesday."
    )
    ties = _ties(extractor, text)
    for force in ("Indian Navy", "INS Airavat", "11th Airborne Division"):
        assert (force, "participatedIn", "Tiger Triumph") in ties
    # no drill word next to the name, but an article about drills throughout
    text = (
        "Japan and the United States began Keen Sword 25, the biggest edition so far of their "
        "biennial joint field exercise, on Wednesday. The drills run until Friday. Keen Sword "
        "25 involves 45,000 personnel, and the exercise is watched closely by China. The "
        "U.S. Marine Corps has sent 5,000 marines."
    )
    assert ("U.S. Marine Corps", "participatedIn", "Keen Sword 25") in _ties(extractor, text)


def test_officials_at_a_summit_take_part_but_not_those_they_stand_in_for(
    extractor: Extractor,
) -> None:
    text = (
        "The APEC summit closed in Port Moresby on Sunday without a joint declaration. "
        "US Vice President Mike Pence, attending the APEC summit in place of President "
        "Donald Trump, said tariffs would stay. Chinese President Xi Jinping met Prime "
        "Minister Peter O'Neill of Papua New Guinea on the sidelines."
    )
    ties = _rule_ties(extractor, text)
    assert ("Mike Pence", "participatedIn", "APEC summit") in ties
    assert ("Donald Trump", "participatedIn", "APEC summit") not in ties
    assert ("Mike Pence", "headOf", "United States") not in ties  # a vice president
    # a head of state at the summit takes part; the state is left to the text
    assert ("Xi Jinping", "participatedIn", "APEC summit") in ties
    assert ("China", "participatedIn", "APEC summit") not in ties


def test_a_firms_name_after_to_a_supplier_is_no_place(extractor: Extractor) -> None:
    text = (
        "Gotion is a cell supplier to Volkswagen in China. The line runs from Taishet in "
        "eastern Siberia to the coast."
    )
    types = _types(extractor, text)
    assert types["Volkswagen"] != "Place"
    assert types["Taishet"] == "Place"


def test_a_place_named_with_a_particle_between_hyphens_is_one_name(extractor: Extractor) -> None:
    text = "The Southern Military District, headquartered in Rostov-on-Don, sent tank units."
    types = _types(extractor, text)
    assert types["Rostov-on-Don"] == "Place"
    assert "Rostov" not in types and "Don" not in types
    # a military district is a command, not a place
    assert types["Southern Military District"] == "Organization"
    assert ("Southern Military District", "basedIn", "Rostov-on-Don") in _rule_ties(extractor, text)


def test_an_unknown_pipelines_name_keeps_its_noun(extractor: Extractor) -> None:
    text = (
        "Gas kept flowing through the Dolphin pipeline from Qatar. Dolphin carries about "
        "2 billion cubic feet a day. Enbridge's Line 5 pipeline was shut."
    )
    by_label = _by_label(extractor, text)
    assert by_label["Dolphin pipeline"].type == "Product"
    assert "Dolphin" in by_label["Dolphin pipeline"].aliases  # the bare name is the same line
    # an owner's line: its name stops before the noun
    assert "Line 5" in by_label and "Line 5 pipeline" not in by_label


def test_states_that_sever_ties_are_in_conflict_not_cooperating(extractor: Extractor) -> None:
    text = "Saudi Arabia, Bahrain and Egypt severed diplomatic and transport ties with Qatar."
    ties = _rule_ties(extractor, text)
    assert {
        ("Saudi Arabia", "inConflictWith", "Qatar"),
        ("Bahrain", "inConflictWith", "Qatar"),
        ("Egypt", "inConflictWith", "Qatar"),
    } <= ties
    assert not {t for t in ties if t[1] == "cooperatesWith"}


def test_a_person_is_never_based_in_a_state(extractor: Extractor) -> None:
    text = "Kamlesh Pattni, a Kenyan businessman, and Luis Lacalle Pou of Uruguay were named."
    triples = _triples(extractor, text)
    assert not {t for t in triples if t[1] == "basedIn"}


def test_a_state_is_no_member_of_a_party_or_an_armed_group(extractor: Extractor) -> None:
    text = (
        "Turkey accuses Sweden of harbouring members of the Kurdistan Workers' Party (PKK). "
        "Sweden is a member of NATO, and Spain belongs to Hamas."
    )
    ties = _rule_ties(extractor, text)
    assert ("Sweden", "memberOf", "NATO") in ties
    assert not {t for t in ties if t[1] == "memberOf" and t[2] != "NATO"}


def test_a_capitals_name_that_starts_a_persons_is_no_state(extractor: Extractor) -> None:
    text = "The presidents met: Javier Milei of Argentina and Santiago Peña of Paraguay."
    types = _types(extractor, text)
    assert types["Santiago Peña"] == "Person"
    assert "Chile" not in types
    ties = _rule_ties(extractor, text)
    assert ("Santiago Peña", "headOf", "Paraguay") in ties
    assert ("Javier Milei", "headOf", "Argentina") in ties


def test_a_demonym_before_a_lone_generic_word_is_part_of_the_name(extractor: Extractor) -> None:
    text = "Ankara will work with the Palestinian Authority. Georgian Railway runs the line."
    types = _types(extractor, text)
    assert types["Palestinian Authority"] == "Organization"
    assert types["Georgian Railway"] == "Company"
    assert "Authority" not in types and "Railway" not in types


def test_a_route_named_before_its_acronym_keeps_its_noun(extractor: Extractor) -> None:
    text = "The Baku-Tbilisi-Kars (BTK) railway opened on Monday. The BTK line carries freight."
    by_label = _by_label(extractor, text)
    assert by_label["Baku-Tbilisi-Kars railway"].type == "Product"
    assert "BTK" in by_label["Baku-Tbilisi-Kars railway"].aliases
    assert "Kars" not in by_label


def test_targets_listed_after_a_count_are_the_designators(extractor: Extractor) -> None:
    text = (
        "The Treasury's Office of Foreign Assets Control (OFAC) designated 11 people and "
        "three entities on Monday.\n\nThose named include:\n"
        "- Mnangagwa and first lady Auxillia Mnangagwa\n"
        "- Vice President Constantino Chiwenga\n"
    )
    ties = _rule_ties(extractor, text)
    assert ("Office of Foreign Assets Control", "sanctions", "Auxillia Mnangagwa") in ties
    assert ("Office of Foreign Assets Control", "sanctions", "Constantino Chiwenga") in ties


def test_half_of_a_firm_is_a_fifty_percent_stake(extractor: Extractor) -> None:
    triples = _triples(
        extractor, "Zorblat Partners bought half of Hornsea One from Orsted.", rules_only=True
    )
    assert ("Zorblat Partners", "ownsStakeIn", "Hornsea One", 50.0) in triples
    quarter = _triples(
        extractor, "Zorblat Hotels agreed to buy a quarter of Hilton.", rules_only=True
    )
    assert ("Zorblat Hotels", "ownsStakeIn", "Hilton", 25.0) in quarter
    more = _triples(extractor, "More than half of Orsted's output goes abroad.", rules_only=True)
    assert not {t for t in more if t[1] == "ownsStakeIn"}


def test_a_firm_of_a_state_is_the_holder_its_clause_speaks_of(extractor: Extractor) -> None:
    text = "SoftBank Group of Japan, which bought roughly 15 per cent of Uber, backs Grab."
    triples = _triples(extractor, text, rules_only=True)
    assert ("SoftBank Group", "ownsStakeIn", "Uber", 15.0) in triples
    assert not {t for t in triples if t[0] == "Japan" and t[1] == "ownsStakeIn"}


def test_first_level_divisions_are_places(extractor: Extractor) -> None:
    text = "The mine lies in Saskatchewan, and the wind farm lies off England's Yorkshire coast."
    types = _types(extractor, text)
    assert types["Saskatchewan"] == types["England"] == types["Yorkshire"] == "Place"


def test_a_ministerial_meeting_named_after_its_city_is_an_event(extractor: Extractor) -> None:
    text = "Timo Soini, who presided over the Rovaniemi ministerial meeting, said it went well."
    assert _types(extractor, text)["Rovaniemi ministerial meeting"] == "Event"
    ties = _rule_ties(extractor, text)
    assert ("Timo Soini", "participatedIn", "Rovaniemi ministerial meeting") in ties


def test_a_state_the_registry_says_a_leader_heads_is_no_guess_for_another(
    extractor: Extractor,
) -> None:
    text = (
        "The United States has replaced its programme with measures against President "
        "Emmerson Mnangagwa. President Joe Biden signed the order on Monday."
    )
    ties = _rule_ties(extractor, text)
    assert ("Joe Biden", "headOf", "United States") in ties
    assert ("Emmerson Mnangagwa", "headOf", "United States") not in ties


def test_a_half_of_a_year_is_no_share(extractor: Extractor) -> None:
    text = "Zorblat Energy bought oil in the first half of 2023 and the other half of Orsted."
    triples = _triples(extractor, text, rules_only=True)
    assert not {t for t in triples if t[1] == "ownsStakeIn"}
