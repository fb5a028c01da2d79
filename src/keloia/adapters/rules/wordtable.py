"""Words of another tongue read as the Indonesian the rules know, one word at a time: the
shape every language step shares (ngoko, krama, ngapak, Sundanese, Medan and Minang,
English). A word right after a
title is a name ("pak Dadi", "bu Wulan", "mas Free") and stays as written, unless it is a
word no one is named ("pak sepurane" is "pak, maaf").

Each tongue's words are data, kept in its own file, tongues/<tongue>.toml: a `[words]` table
(the word as typed, lower case, and its Indonesian reading), and `never_named`, the words read
even after a title. The rules reading a tongue's words by their place stay in its module."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from keloia.adapters.rules.spelling import after_title

_WORD_RE = re.compile(r"(?<![\w'])[a-z]+(?![\w'])", re.IGNORECASE)
_TONGUES = Path(__file__).parent / "tongues"


def read_in_place(m: re.Match[str], said: str) -> str:
    """A word read by its place ("ka BCA", "awak ga bisa"), unless it follows a title: then
    it is a name and stays as typed."""
    return m.group() if after_title(m) else said


@dataclass(frozen=True)
class WordTable:
    words: Mapping[str, str]
    # Words read even after a title: no one is named so.
    never_named: frozenset[str]
    # A word the table does not hold, read by its form (krama's "-ipun", "-aken"), or None.
    by_form: Callable[[str], str | None]

    def said(self, word: str) -> str | None:
        """The Indonesian of one word (lower case), or None when it is not of this tongue."""
        low = word.lower()
        return self.words[low] if low in self.words else self.by_form(low)

    def in_place(self, m: re.Match[str], word: str | None = None) -> str:
        """What the matched word (or `word` of it) is read as, where it stands."""
        typed = m.group() if word is None else word
        said = self.said(typed)
        if said is None or (typed.lower() not in self.never_named and after_title(m)):
            return typed
        return said

    def read(self, text: str) -> str:
        """The text with every word of the table read in Indonesian."""
        return _WORD_RE.sub(self.in_place, text)


def _no_form(word: str) -> str | None:
    return None


def tongue_table(tongue: str, by_form: Callable[[str], str | None] = _no_form) -> WordTable:
    """The table of one tongue ("ngoko", "krama", ...), as tongues/<tongue>.toml holds it."""
    with (_TONGUES / f"{tongue}.toml").open("rb") as file:
        data = tomllib.load(file)
    return WordTable(data["words"], frozenset(data.get("never_named", ())), by_form)
