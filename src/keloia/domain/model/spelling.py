"""A name typed in a hurry: one letter dropped or two neighbours swapped ("srikndi",
"sriknadi" for Srikandi). Only long names are read so, and never with their first or last
letter changed: a short name slipped is too often another word."""

from __future__ import annotations

import functools

SLIPS_FROM = 7  # letters a name needs before its slips are read as it


@functools.lru_cache(maxsize=256)
def slips_of(name: str) -> frozenset[str]:
    """The ways `name` is mistyped by one slip of the thumb; empty for a short name or one
    that is not a single word of letters."""
    word = name.lower()
    if len(word) < SLIPS_FROM or not word.isalpha():
        return frozenset()
    # Inside the word only: its first and last letters kept ("selama" is no slip of a bus
    # Selamat, "nirwan" none of Nirwana).
    dropped = {word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)}
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 2)}
    return frozenset((dropped | swapped) - {word})
