"""Words of another tongue read as the Indonesian the rules know, one word at a time: the
shape every language step shares (ngoko, krama, English, Sundanese). A word right after a
title is a name ("pak Dadi", "bu Wulan", "mas Free") and stays as written, unless it is a
word no one is named ("pak sepurane" is "pak, maaf")."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from keloia.adapters.rules.spelling import after_title

_WORD_RE = re.compile(r"(?<![\w'])[a-z]+(?![\w'])", re.IGNORECASE)


def read_in_place(m: re.Match[str], said: str) -> str:
    """A word read by its place ("ka BCA", "awak ga bisa"), unless it follows a title: then
    it is a name and stays as typed."""
    return m.group() if after_title(m) else said


@dataclass(frozen=True)
class WordTable:
    words: Mapping[str, str]
    # Words read even after a title: no one is named so.
    never_named: frozenset[str] = frozenset()
    # A word the table does not hold, read by its form (krama's "-ipun", "-aken"), or None.
    by_form: Callable[[str], str | None] = field(default=lambda word: None)

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
