"""Words that stand for a state's government: a leader's administration, a side.

"The Trump administration imposed sanctions", "the Modi government said": the
words stand for the state the leader heads, as "Moscow said" stands for Russia.
Which state a known leader heads comes from the registry (the extractor's
``_office_of``); a name the registry does not know is left as it is. "The
Russian side will hold 26%": a state's demonym before "side" is the state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kg.extract.mentions import Found

#: the words after a leader's name that make it the government
_GOVERNMENT = frozenset({"administration", "government"})


def administrations(
    found: list[Found], lower: Sequence[str], office_of: Callable[[str | None], str | None]
) -> list[Found]:
    """``found`` with each known leader's name that "administration" or "government"
    follows ("the Trump administration") turned into a mention of the state the
    leader heads (``office_of``: a person's registry id to the state's), the noun
    included."""
    out: list[Found] = []
    for m in found:
        after = lower[m.end] if m.end < len(lower) else ""
        state = office_of(m.entity) if m.type == "Person" and after in _GOVERNMENT else None
        if state is None:
            out.append(m)
            continue
        out.append(Found(m.start, m.end + 1, f"{m.text} {after}", "State", "metonym", state))
    return out


def sides(found: list[Found], lower: Sequence[str]) -> list[Found]:
    """``found`` with each state's demonym between "the" and "side" ("the Russian
    side will hold 26%", "talks with the Chinese side") turned into a mention of
    the state, the noun included."""
    out: list[Found] = []
    for m in found:
        if (
            m.kind == "demonym"
            and m.type == "State"
            and m.start > 0
            and lower[m.start - 1] == "the"
            and lower[m.end : m.end + 1] == ["side"]
            # "on the Egyptian side (of the border)" is a place
            and lower[max(0, m.start - 2) : m.start - 1] != ["on"]
        ):
            # the demonym stays its text: "Russian side" is no alias of Russia
            m = Found(m.start, m.end + 1, m.text, "State", "metonym", m.entity)
        out.append(m)
    return out
