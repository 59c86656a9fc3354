"""The extraction lexicon (``lexicon.toml``): cue words, loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import InputError

LEXICON = Path(__file__).with_name("lexicon.toml")


@dataclass(frozen=True)
class Lexicon:
    suffix: dict[str, str]  # word or phrase -> type
    descriptor: dict[str, str]
    head_titles: frozenset[str]
    other_titles: frozenset[str]
    not_names: frozenset[str]
    titles: frozenset[str] = frozenset()  # head and other titles, computed once
    titles_longest_first: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        titles = self.head_titles | self.other_titles
        object.__setattr__(self, "titles", titles)
        object.__setattr__(
            self, "titles_longest_first", tuple(sorted(titles, key=len, reverse=True))
        )


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for type_, words in table.items():
        for word in words:
            out.setdefault(word, type_)
    return out


@cache
def load_lexicon(path: Path = LEXICON) -> Lexicon:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(path, f"cannot read the lexicon: {exc}") from None
    return Lexicon(
        suffix=_invert(data["suffix"]),
        descriptor=_invert(data["descriptor"]),
        head_titles=frozenset(data["titles"]["head"]),
        other_titles=frozenset(data["titles"]["other"]),
        not_names=frozenset(data["not_names"]["words"]),
    )
