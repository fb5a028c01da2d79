"""One question asked of two buses or two people at once ("sim slamet sm wahyu gmn", "bus
02 sm bus 03?" after one bus's takings, "jadwal joko sama slamet besok"): read whole, the
second is dropped. Each is asked on its own instead, the second as a further request of
the same message."""

from __future__ import annotations

import re

from keloia.adapters.rules.vocabulary import AND
from keloia.domain.model.clients import name_key
from keloia.domain.model.fleet import bus_number
from keloia.domain.model.intents import INTENTS, Extraction, ExtractionContext, IntentKind

_JOINED = rf"\s*(?:,|&|\+|\b(?:{AND}|karo|ro|kalih|and)\b)\s*"
_NUMBERED = r"bus\s*\d{1,2}"
# "bus 02 sm 03": the second bus by its number only.
_NUMBER_ONLY = r"(?:bus\s*)?\d{1,2}"


def _alternatives(names: tuple[str, ...]) -> str:
    spelt = sorted({name_key(n) for n in names if name_key(n)}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, n.split())) for n in spelt)


def _firsts(names: tuple[str, ...]) -> tuple[str, ...]:
    """Teammates by first name ("Pak Budi Santoso" is "budi"): as people type them."""
    return tuple(key.split()[0] for key in map(name_key, names) if key)


def each_of_two(text: str, context: ExtractionContext) -> tuple[str, str, str, str] | None:
    """The message said of the first subject alone and of the second alone, with the two
    subjects; None when it does not name two buses or two people joined by "and"."""
    lower = text[:500].lower()
    buses = _alternatives(context.bus_names)
    people = _alternatives(_firsts(context.team_names))
    kinds = []
    if buses:
        kinds.append((rf"{_NUMBERED}|{buses}", rf"{_NUMBER_ONLY}|{buses}"))
    else:
        kinds.append((_NUMBERED, _NUMBER_ONLY))
    if people:
        kinds.append((people, people))
    for first, second in kinds:
        m = re.search(rf"\b(?P<a>{first})(?:{_JOINED})(?P<b>{second})\b", lower)
        if m is None:
            continue
        a, b = m.group("a"), m.group("b")
        if b.isdigit():
            if not re.fullmatch(_NUMBERED, a):
                continue
            b = f"bus {b}"
        if _same(a, b):
            return None
        return (
            lower[: m.start()] + a + lower[m.end() :],
            lower[: m.start()] + b + lower[m.end() :],
            a,
            b,
        )
    return None


def _same(a: str, b: str) -> bool:
    number_a, number_b = bus_number(a), bus_number(b)
    if number_a is not None and number_b is not None:
        return number_a == number_b
    return name_key(a) == name_key(b)


def asked_of(reading: Extraction, subject: str) -> bool:
    """A question, asked of that bus or that person (and of nothing else besides: "yg bu
    ningsih busnya bus 01 sm bus 04" gives her trip its buses)."""
    if INTENTS[reading.intent].kind is not IntentKind.QUERY or reading.more:
        return False
    if reading.fields.client_name or reading.fields.route_to:
        return False
    said = [v for v in (reading.fields.bus, reading.fields.driver) if v]
    return len(said) == 1 and _same(said[0], subject)
