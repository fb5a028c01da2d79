"""Trip costs as people name them: "solar", "tol", "uang jalan", "premi kernet"."""

from __future__ import annotations

import re

from keloia.domain.model.money import CostCategory

# What a trip's money went on, by the words drivers and admins use.
COST_WORDS: tuple[tuple[CostCategory, str], ...] = (
    (CostCategory.UANG_JALAN, r"uang\s+jalan|uj|sangu"),
    (CostCategory.PREMI_KERNET, r"premi\s+(?:kernet|kenek|knek|co\s*driver)"),
    (CostCategory.PREMI_SOPIR, r"premi(?:\s+(?:sopir|supir|driver|crew))?"),
    (CostCategory.BBM, r"solar|bbm|bensin|pertalite|pertamax|dexlite|biosolar|isi\s+minyak"),
    (CostCategory.TOL, r"tol|e-?toll|etol"),
    (CostCategory.PARKIR, r"parkir|parkiran"),
    (CostCategory.MAKAN, r"makan|konsumsi|mamin|ngopi"),
    (CostCategory.PENGINAPAN, r"penginapan|hotel|losmen|homestay|mess|nginep|menginap"),
)
_COST_RES = tuple((kind, re.compile(rf"\b(?:{words})\b")) for kind, words in COST_WORDS)


def find_cost_type(lower: str) -> CostCategory | None:
    """The first cost word in the text, or None."""
    hits = [(m.start(), kind) for kind, regex in _COST_RES if (m := regex.search(lower))]
    return min(hits)[1] if hits else None
