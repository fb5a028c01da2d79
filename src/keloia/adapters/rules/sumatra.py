"""The Medan (Batak) and Minang words a PO in North and West Sumatra mixes into Indonesian,
read in Indonesian before the rules, the way Sundanese and ngoko are: "awak ga bisa narik"
(saya ga bisa narik), "ambo terima panjar" (saya terima), "awak bisa pigi ke sibolga"
(pergi), "caranya cemana?" (gimana), "udah kau tf?" (kamu), "nanti kukabari" (nanti saya
kabarin), "blm ada yg ngabari" (ngabarin), "indak bisa" (ga bisa), "bisuak" (besok).

A word no Indonesian writes ("pigi", "cemana", "kukabari", "bisuak") is read wherever it
stands; the words a PO also writes in Indonesian or in a name are read only by their
place: "awak" is "saya" ("awak besok narik kemana", "kereta awak bocor"), never the crew of
"awak bus" or "para awak"; "ambo" is "saya" only in lower case ("Ambo" is a Bugis name);
"bah" is dropped when it closes what is said ("PO kita bah"). A word right after a title
is a name ("Lae Pardosi", "Uni Rahmi", "bang jhon") and stays as written. The titles
themselves (Lae, Ito, Amang, Inang, Uda, Uni) are the domain's
(clients.SUMATRAN_TITLES)."""

from __future__ import annotations

import re

from keloia.adapters.rules.wordtable import read_in_place, tongue_table

# The words of its own (tongues/sumatra.toml), read wherever they stand but after a title.
_TABLE = tongue_table("sumatra")
# "awak" as "saya": never "awak bus", "awak kapal", "para awak" (the crew).
_I_RE = re.compile(
    r"(?<!para\s)(?<!semua\s)(?<![\w'-])awak(?![\w'-])"
    r"(?!\s+(?:bus|bis|kendaraan|kapal|pesawat|armada|kabin|media)\b)",
    re.IGNORECASE,
)
# "ambo" as "saya", in lower case only ("Ambo Upe" is a name).
_AMBO_RE = re.compile(r"(?<![\w'-])ambo(?![\w'-])")
# "bah" closing what is said: "PO kita bah", "mantap bah!".
_BAH_RE = re.compile(r"(?<=[a-z])\s+bah(?=\s*(?:[,.!?]|$))", re.IGNORECASE)
# "macam mana", "kek mana": "gimana".
_HOW_RE = re.compile(r"\b(?:macam|kek|cem)\s+mana\b", re.IGNORECASE)


def in_sumatra_read(text: str) -> str:
    """The message with its Medan and Minang words read in Indonesian."""
    text = _I_RE.sub(lambda m: read_in_place(m, "saya"), text)
    text = _AMBO_RE.sub(lambda m: read_in_place(m, "saya"), text)
    text = _HOW_RE.sub(lambda m: read_in_place(m, "gimana"), text)
    return _TABLE.read(_BAH_RE.sub("", text))
