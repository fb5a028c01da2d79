"""Terbilang against an independent reference, over every amount up to 10^12."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from keloia.domain.model.papers import rupiah_in_words, terbilang

DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
GROUP_NAMES = ["", "ribu", "juta", "miliar", "triliun"]


def reference(amount: int) -> str:
    """A different algorithm: the number's decimal string, cut in groups of three digits
    from the right, each group read digit by digit (ratus, puluh, satuan) with the "se-"
    and "belas" forms applied as textual rules afterwards."""
    if amount == 0:
        return "nol"
    text = str(amount)
    text = text.zfill((len(text) + 2) // 3 * 3)
    groups = [text[i : i + 3] for i in range(0, len(text), 3)]
    words: list[str] = []
    for index, group in enumerate(groups):
        scale = GROUP_NAMES[len(groups) - 1 - index]
        h, t, u = (int(c) for c in group)
        if h == t == u == 0:
            continue
        part: list[str] = []
        if h:
            part += ["seratus"] if h == 1 else [DIGITS[h], "ratus"]
        if t == 1:
            part += ["sepuluh"] if u == 0 else ["sebelas"] if u == 1 else [DIGITS[u], "belas"]
        else:
            if t:
                part += [DIGITS[t], "puluh"]
            if u:
                part.append(DIGITS[u])
        if scale == "ribu" and part == ["satu"]:
            part = ["seribu"]
        elif scale:
            part.append(scale)
        words += part
    return " ".join(words)


def test_known_amounts() -> None:
    assert rupiah_in_words(15_000_000) == "lima belas juta rupiah"
    assert terbilang(1_500_000) == "satu juta lima ratus ribu"
    assert terbilang(1_000) == "seribu"
    assert terbilang(111) == "seratus sebelas"
    assert terbilang(2_011_000) == "dua juta sebelas ribu"
    assert terbilang(10**12) == "satu triliun"
    assert terbilang(0) == "nol"
    assert terbilang(1_001_000_001) == "satu miliar satu juta satu"


@given(st.integers(min_value=0, max_value=10**12))
def test_terbilang_matches_reference(amount: int) -> None:
    assert terbilang(amount) == reference(amount)


@given(st.integers(min_value=0, max_value=999_999))
def test_small_amounts_match_reference(amount: int) -> None:
    # Small amounts are where the irregular forms (se-, belas) bunch up.
    assert terbilang(amount) == reference(amount)
