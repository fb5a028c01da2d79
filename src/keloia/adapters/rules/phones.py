"""Indonesian phone numbers to E.164, validated by `phonenumbers`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keloia.adapters.phones import to_e164

# A loose candidate: 08.., 628.., +62 8.., with spaces, dashes or dots between groups.
CANDIDATE_RE = re.compile(r"(?<![\w.,])(?:\+\s?62|62|0)[\s.-]?8\d(?:[\s.-]?\d){6,11}(?![\w])")


@dataclass(frozen=True)
class PhoneMention:
    start: int
    end: int
    e164: str


def find_phones(text: str) -> list[PhoneMention]:
    found: list[PhoneMention] = []
    for m in CANDIDATE_RE.finditer(text):
        e164 = to_e164(m.group(0))
        if e164:
            found.append(PhoneMention(m.start(), m.end(), e164))
    return found
