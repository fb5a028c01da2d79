"""Makassar and Bugis chat, as a PO in Makassar, Kendari or Parepare types it mixed with
Indonesian, read in Indonesian before the rules: the particles said after a word for their
sound ("masuk bengkel mi", "brp mi itu", "iye ji", "pulang pi", "nah", "di'") dropped, and a
polite "tabe'" (excuse me) opening the message dropped. The titles "daeng" and "puang" are
the domain's (clients.MAKASSAR_TITLES); "-na" written apart is read by sunda.py as "-nya"."""

from __future__ import annotations

import re

# "bengkel mi hari ini", "brp mi itu", "2,4 di' sy lupa", "bawa STNK nah": after a word,
# never opening the message nor a name after a title ("pak ji" is Pak Haji, "bu mi").
_PARTICLE_RE = re.compile(
    r"(?<=[a-z0-9'])(?<!\bpak)(?<!\bbu)(?<!\bmas)(?<!\bmbak)(?<!\bibu)(?<!\bbapak)(?<!\bdaeng)"
    r"\s+(?:mi|ji|pi|nah|di')(?=[\s,.!?]|$)"
)
_EXCUSE_ME_RE = re.compile(r"^\W*tabe'?\W+", re.IGNORECASE)


def in_makassar_read(text: str) -> str:
    """The message with its Makassar particles dropped."""
    return _PARTICLE_RE.sub("", _EXCUSE_ME_RE.sub("", text))
