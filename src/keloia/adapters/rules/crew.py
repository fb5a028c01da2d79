"""The crew of each bus when a booking names several: "bus 01 sopir joko kernet slamet,
bus 02 sopir pak wahyu", "sopir joko bus 01, supir wahyu bus 02", "pak wahyu sopir bus 02",
"bus 01: joko & slamet, bus 03: wahyu".

A crew member is named by a role word ("sopir", "supir", "driver", "kernet", "kenek"...)
with or without an honorific, or just before one ("pak wahyu sopir bus 02"), or right
after a bus and a colon (driver, then kernet: "bus 01: joko & slamet"), or two after one
role word, a bus each in the order the buses were listed ("srikandi sm bus 02, sopir joko
sm slamet"; on one bus, its driver and kernet). Each goes
to a bus of the same clause (the one just before it, else the one after it), or, in a
clause with no bus, to the single bus of the clause before ("bus 01 sopir joko, kernet
slamet"). When any crew member cannot be placed so, the message gives no crew per bus and
the single driver and kernet fields stand alone."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from keloia.adapters.rules.buses import BusMention
from keloia.adapters.rules.gazetteer import is_place
from keloia.adapters.rules.names import ORG_HEADS
from keloia.adapters.rules.reading import CREW_ROLE, NOT_A_NAME, PAIR_JOINER, crew_named
from keloia.adapters.rules.vocabulary import AND, DRIVER, DRIVES, HONORIFIC, KERNET

# Two named together ("joko & slamet", "joko sm slamet"): the first, the joining word, the second.
_FIRST = rf"(?P<first>{crew_named('n1')})"
_DRIVING = rf"{DRIVER}|{DRIVES}"
_SECOND = rf"(?P<second>{crew_named('n2')})"
# "sopir joko", "supir: pak wahyu", "kernetnya slamet".
_ROLE_FIRST_RE = re.compile(rf"\b{CREW_ROLE}\s*:?\s*(?P<who>{crew_named('name')})\b")
# "pak wahyu sopir bus 02", "joko jadi supir di bus 01": the name first, a bus right after.
_NAME_FIRST_RE = re.compile(
    rf"\b(?P<who>{crew_named('name')})\s+(?:jadi\s+|sbg\s+|sebagai\s+)?"
    rf"{CREW_ROLE}\s*(?:di\s+|utk\s+|untuk\s+|nya\s+)?(?=\S)"
)
# "bus 01: joko & slamet": right after a bus and a colon, its driver and then its kernet,
# up to the end of the clause.
# Up to the end of the clause: a comma, a full stop, the message's end.
_CLAUSE_END = r"\s*(?=[,;\n]|\.(?:\s|$)|$)"
_AFTER_COLON_RE = re.compile(rf"\s*:\s*{_FIRST}(?:{PAIR_JOINER}{_SECOND})?{_CLAUSE_END}")
# "bus 03 pak joko kernet anton, bus 06 slamet sm udin": a bus opening its clause, then two
# named to the clause's end, joined or with the kernet's word: its driver, then its kernet.
_BARE_AFTER_BUS_RE = re.compile(
    rf"\s+{_FIRST}(?:{PAIR_JOINER}|\s+(?:{KERNET})\s*:?\s*){_SECOND}{_CLAUSE_END}"
)
# "bus 01 (joko) sama bus 02 (slamet)", "bus 01 (joko & anton)": a bus's crew in brackets.
_IN_BRACKETS_RE = re.compile(
    rf"\s*\(\s*(?:{CREW_ROLE}\s*:?\s*)?{_FIRST}(?:{PAIR_JOINER}|\s*,\s*(?:(?:{KERNET})\s*:?\s*)?)?"
    rf"(?:{_SECOND})?\s*\)"
)
_BUS_OPENS_RE = re.compile(r"(?:^|[,;:\n]|\.\s)\s*(?:dan\s+|trus\s+|terus\s+)?$")
# "srikandi sm bus 02, sopir joko sm slamet": two named after one role word, a bus each in
# the order the buses were listed (or, on one bus, its driver and its kernet).
# "yg nyupir joko sm slamet": the word for driving names drivers as well.
_PAIR_ROLE = rf"(?P<role>{DRIVER}|{DRIVES}|{KERNET})\b"
_PAIR_RE = re.compile(rf"\b{_PAIR_ROLE}\s*:?\s*{_FIRST}{PAIR_JOINER}{_SECOND}\b")
# "sopir pak yusuf joko sm wahyu": the client whose trip it is, then the pair.
_PAIR_OF_CLIENT_RE = re.compile(
    rf"\b{_PAIR_ROLE}\s+(?:{HONORIFIC})\s+(?P<client>[a-z]{{3,15}})\s+{_FIRST}{PAIR_JOINER}{_SECOND}\b"
)
# "sopir srikandi slamet, bus 02 wahyu": a role word, then a bus, then its crew member; the
# clauses after it that name a bus and a name alone keep that role.
# "sopir sma 3 bantul: bus 02 slamet, ...", "sopir pak agung bus 01 joko, ...": the role
# word heading whose trip it is (a client, none of the PO's people: _client_heading).
_ROLE_BEFORE_RE = re.compile(
    rf"\b{CREW_ROLE}(?:\s+[^,;:\n]{{1,40}}:|\s+(?P<client>(?:{HONORIFIC})\s+[a-z]+)|\s*:?)\s*$"
)
_CLAUSE_OPEN_RE = re.compile(r"(?:^|[,;\n]|\.\s)\s*(?:dan\s+|trus\s+|terus\s+)?$")
_NAME_AFTER_BUS_RE = re.compile(rf"\s+(?P<who>{crew_named('name')})\b")
_CLAUSE_RE = re.compile(r"[,;\n]|\.(?=\s)")
# "sopir slamet di bus 02, wahyu di bus 04" (or "di 04", the bare number being a bus:
# buses.py; "wahyu yg bus 02", "wahyu yg pegang bus 02"): a clause of a name and its bus
# alone, after a clause that gave its crew member a role, keeps that role.
_NAME_AT_BUS_RE = re.compile(
    rf"(?:[,;\n]|\.\s|\s(?:{AND}|trus|terus|lalu)\s)\s*(?P<who>{crew_named('name')})\s+"
    r"(?:(?:yg|yang)\s+)?(?:di\s+|utk\s+|untuk\s+|pegang\s+|bawa\s+|nyopir\s+)?"
    r"(?=bus|bis|unit|armada|\d)"
)
# What joins buses named as a list: "bus 01 dan bus 02", "bus 01 & 02".
_LIST_GAP_RE = re.compile(rf"\s*(?:{AND}|&|\+|/|serta)?\s*")
# Words that follow (or come before) a role word without being anyone's name.
_NOT_NAMES = NOT_A_NAME | {
    "bapak", "ibu", "bis", "unit", "sopir", "supir", "di", "sbg", "sebagai", "trip",
    "booking", "harga", "dp", "ada", "buat", "cari", "minta", "tolong", "kasih", "info",
    "dengan", "dgn", "bareng", "terus", "trus", "lalu", "juga", "tapi", "tp", "atau", "itu",
    "ini", "nah", "oke", "ok", "ya", "semua", "masing",
}  # fmt: skip


def _is_driving(role: str) -> bool:
    """ "sopir", "sopir e" (the Suroboyoan "-e" written apart, its word followed by a space
    in the message), "nyupir": a driver's role word, not a kernet's."""
    return re.fullmatch(rf"(?:{_DRIVING})\s?", role + " ") is not None


@dataclass(frozen=True)
class _Member:
    start: int
    who: str  # as written: "pak wahyu", "Joko"
    is_driver: bool
    nth: int | None = None  # of a pair after one role word: first (0) or second (1)
    bus: BusMention | None = None  # said right after it: "wahyu di bus 04"


def _members(
    text: str, lower: str, buses: list[BusMention], team: tuple[str, ...]
) -> list[_Member]:
    found: dict[int, _Member] = {}
    taken: list[tuple[int, int]] = []
    for bus in buses:
        m = _AFTER_COLON_RE.match(lower, bus.end)
        bracketed = _IN_BRACKETS_RE.match(lower, bus.end)
        titled = bracketed and re.match(rf"(?:{HONORIFIC})\b", bracketed["first"])
        if m is None and bracketed and (bracketed["role"] or titled or bracketed["n1"] in team):
            # ("bus 01 (hiace)": a bracketed word is a crew member only so said or known.)
            m = bracketed
        if m is None and _BUS_OPENS_RE.search(lower[: bus.start]):
            m = _BARE_AFTER_BUS_RE.match(lower, bus.end)
        names = [m.group(n) for n in ("n1", "n2") if m and m.group(n)] if m else []
        if not m or any(n in _NOT_NAMES or is_place(n) for n in names):
            continue
        for group, is_driver in (("first", True), ("second", False)):
            if m.group(group):
                found[m.start(group)] = _Member(
                    m.start(group), _as_written(text, m.start(group), m.end(group)), is_driver
                )
                taken.append((m.start(group), m.end(group)))
    for m in _PAIR_RE.finditer(lower):
        if m.group("n1") in _NOT_NAMES or m.group("n2") in _NOT_NAMES:
            continue
        is_driver = _is_driving(m.group("role"))
        for nth, group in enumerate(("first", "second")):
            who = _as_written(text, m.start(group), m.end(group))
            found[m.start(group)] = _Member(m.start(group), who, is_driver, nth)
            taken.append((m.start(group), m.end(group)))
    for member in _after_buses(text, lower, buses, team):
        found[member.start] = member
        taken.append((member.start, member.start + len(member.who)))
    for regex in (_ROLE_FIRST_RE, _NAME_FIRST_RE):
        for m in regex.finditer(lower):
            if m.group("name") in _NOT_NAMES:
                continue
            if m.group("who") == m.group("name") and m.group("name") in ORG_HEADS:
                continue  # "sopir sma 3 bantul: bus 02 slamet, ...": the client's trip
            if any(b.start < m.end("who") and m.start("who") < b.end for b in buses):
                continue  # "sopir srikandi slamet": the bus is nobody's name
            if regex is _NAME_FIRST_RE and not _bus_word_at(lower, m.end()):
                continue
            heading = regex is _ROLE_FIRST_RE and _client_heading(m, team)
            bus_after = re.match(r"\s+(?:bus|bis|unit|armada)\s*\w+", lower[m.end() :])
            if heading and bus_after and _team_right_after(lower, m.end() + bus_after.end(), team):
                continue  # "sopir pak agung bus 01 joko": whose trip, not its driver
            if regex is _NAME_FIRST_RE and _crewed_after(lower, m.end(), buses, taken):
                continue  # "pak hendra sopir bus 01 joko, ...": the client, then the crew
            if any(s < m.end("who") and m.start("who") < e for s, e in taken):
                continue
            who = _as_written(text, m.start("who"), m.end("who"))
            is_driver = _is_driving(m.group("role"))
            found[m.start("who")] = _Member(m.start("who"), who, is_driver)
            taken.append((m.start("who"), m.end("who")))
    for m in _NAME_AT_BUS_RE.finditer(lower):
        if m.group("name") in _NOT_NAMES or is_place(m.group("name")):
            continue
        if any(s < m.end("who") and m.start("who") < e for s, e in taken):
            continue
        earlier = [found[k] for k in sorted(found) if k < m.start("who")]
        at = next((b for b in buses if b.start == m.end()), None)
        if earlier and earlier[-1].nth is None and at is not None:
            who = _as_written(text, m.start("who"), m.end("who"))
            found[m.start("who")] = _Member(m.start("who"), who, earlier[-1].is_driver, bus=at)
    return [found[k] for k in sorted(found)]


def _after_buses(
    text: str, lower: str, buses: list[BusMention], team: tuple[str, ...]
) -> list[_Member]:
    """ "sopir srikandi slamet, bus 02 wahyu": a name right after a bus that a role word
    comes just before, or that opens the clause after such a pair (or follows its name at
    once). With no role word, one of the PO's people right after a bus opening its clause
    drives it ("bus 01 joko, bus 03 slamet, srikandi wahyu")."""
    members: list[_Member] = []
    role: str | None = None
    for bus in sorted(buses, key=lambda b: b.start):
        before = _ROLE_BEFORE_RE.search(lower[: bus.start])
        heads = before is not None and before.group("client") and _client_heading(before, team)
        if (
            before is not None
            and before.group("client")
            and not (heads and _team_right_after(lower, bus.end, team))
        ):
            before = None  # "sopir pak joko bus 01": his bus, said after him
        opens_clause = _CLAUSE_OPEN_RE.search(lower[: bus.start]) is not None
        if not opens_clause and role is not None and members:
            # "sopir bus 01 joko bus 02 wahyu", said without a comma: the next bus right
            # after the name opens the next pair.
            last = members[-1]
            if not lower[last.start + len(last.who) : bus.start].strip():
                opens_clause = True
        if before is not None:
            role = before.group("role")
        elif role is None or not opens_clause:
            role = None
            m = _NAME_AFTER_BUS_RE.match(lower, bus.end)
            if opens_clause and m is not None and m.group("name") in team:
                who = _as_written(text, m.start("who"), m.end("who"))
                members.append(_Member(m.start("who"), who, is_driver=True))
            continue
        m = _NAME_AFTER_BUS_RE.match(lower, bus.end)
        if (
            m is None
            or m.group("name") in _NOT_NAMES
            or is_place(m.group("name"))
            or re.fullmatch(rf"{DRIVER}|{KERNET}", m.group("name"))
            or any(b.start < m.end("who") and m.start("who") < b.end for b in buses)
        ):
            role = None
            continue
        who = _as_written(text, m.start("who"), m.end("who"))
        members.append(_Member(m.start("who"), who, re.fullmatch(DRIVER, role) is not None))
    return members


def _team_right_after(lower: str, pos: int, team: tuple[str, ...]) -> bool:
    """One of the PO's people named right after `pos` (after a bus): "bus 01 joko"."""
    m = re.match(r"\s*:?\s*(?:(?:pak|mas|bang)\s+)?([a-z]+)\b", lower[pos:])
    return m is not None and m.group(1) in team


def _client_heading(m: re.Match[str], team: tuple[str, ...]) -> bool:
    """The one named after the role word is none of the PO's people (whose trip it is),
    when the PO's people are known."""
    named = m.groupdict().get("client") or m.groupdict().get("who") or ""
    first = named.split()[-1] if named.split() else ""
    return bool(team) and bool(first) and first not in team


def _crewed_after(
    lower: str, pos: int, buses: list[BusMention], taken: list[tuple[int, int]]
) -> bool:
    """The bus at `pos` has its crew member named right after it ("sopir bus 01 joko"), so
    the name before the role word is no crew of it."""
    bus = next((b for b in buses if b.start == pos), None)
    after = _NAME_AFTER_BUS_RE.match(lower, bus.end) if bus is not None else None
    return after is not None and any(s == after.start("who") for s, _ in taken)


def _as_written(text: str, start: int, end: int) -> str:
    who = text[start:end]
    if who == who.lower() and " " not in who:
        who = who.title()  # a bare name, as the single fields write it
    return who


def _bus_word_at(lower: str, pos: int) -> bool:
    return re.match(r"(?:bus|bis|unit|armada)\b", lower[pos:]) is not None


def _clauses(lower: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in _CLAUSE_RE.finditer(lower)] + [len(lower) + 1]
    return list(itertools.pairwise(bounds))


def _bus_for(
    pos: int, lower: str, buses: list[BusMention], clauses: list[tuple[int, int]]
) -> BusMention | None:
    n = next(i for i, (s, e) in enumerate(clauses) if s <= pos < e)
    start, end = clauses[n]
    here = [b for b in buses if start <= b.start < end]
    before = [b for b in here if b.start < pos]
    if len(before) > 1 and _LIST_GAP_RE.fullmatch(lower[before[-2].end : before[-1].start]):
        return None  # "bus 01 dan bus 02 sopir joko": whose driver is not said
    if before:
        return before[-1]
    if here:
        return here[0]
    for s, e in reversed(clauses[:n]):
        earlier = [b for b in buses if s <= b.start < e]
        if earlier:
            return earlier[0] if len(earlier) == 1 else None
    return None


def crew_lines(
    text: str, lower: str, buses: list[BusMention], team: tuple[str, ...]
) -> list[dict[str, Any]]:
    """One line per bus that has crew named, in the order of the buses: {"bus", "driver"?,
    "kernet"?}. Empty unless at least two buses are named and every crew member named has
    a bus and a role of its own there, but for the last named alone after the others: a
    line of its own with no bus, for the domain to ask which."""
    if len({b.text.lower() for b in buses}) < 2:
        return []
    members = _members(text, lower, buses, team)
    if not members:
        return []
    clauses = _clauses(lower)
    lines: dict[str, dict[str, Any]] = {}
    order: dict[str, int] = {}
    for b in buses:
        order.setdefault(b.text.lower(), len(order))
    distinct = list({b.text.lower(): b for b in reversed(buses)}.values())[::-1]
    busless: list[dict[str, Any]] = []
    for member in members:
        bus = member.bus or _bus_for(member.start, lower, buses, clauses)
        is_driver = member.is_driver
        if member.nth is not None and bus is None and len(distinct) == 2:
            bus = distinct[member.nth]  # "bus A sm bus B, sopir X sm Y": X on A, Y on B
        elif member.nth == 1:
            is_driver = not is_driver  # "bus 01 sopir joko sama slamet": its other crew
        if bus is None and member.nth is None and member is members[-1] and lines:
            # "bus 02 sama bus 04. supir joko sm slamet. kernet wahyu": the others placed,
            # the last named alone has no bus of its own; kept without one, to be asked
            # which (the domain), not guessed nor the whole crew lost.
            busless.append({"driver" if is_driver else "kernet": member.who})
            continue
        if bus is None:
            return []
        line = lines.setdefault(bus.text.lower(), {"bus": bus.text})
        role = "driver" if is_driver else "kernet"
        if role in line:
            return []  # two drivers for one bus: not a reading to trust
        line[role] = member.who
    return [*sorted(lines.values(), key=lambda line: order[line["bus"].lower()]), *busless]


# "sopirnya joko, slamet sm wahyu": three or more named after one role word, by commas and a
# last joining word.
_LIST_RE = re.compile(
    rf"\b{_PAIR_ROLE}\s*:?\s*(?P<names>{crew_named('n1')}(?:\s*,\s*{crew_named('n')})+"
    rf"(?:\s*,?{PAIR_JOINER}|\s*,\s*){crew_named('n2')})\b"  # "joko, slamet, wahyu" too
)
_LISTED_RE = re.compile(rf"(?:^|,\s*|{PAIR_JOINER}){crew_named('name')}")


def named_list(text: str, lower: str) -> list[dict[str, Any]]:
    """ "sopirnya joko, slamet sm wahyu": one line each, in order and without a bus; [] when
    fewer than three are named so, or a word of them is no name."""
    m = _LIST_RE.search(lower)
    if m is None:
        return []
    role = "driver" if _is_driving(m.group("role")) else "kernet"
    start = m.start("names")
    lines = []
    for said in _LISTED_RE.finditer(m.group("names")):
        name = said.group("name")
        if name in _NOT_NAMES or is_place(name):
            return []
        at = start + said.start("name")
        lines.append({role: _as_written(text, at, at + len(name))})
    return lines


def listed_for_buses(text: str, lower: str, buses: list[BusMention]) -> list[dict[str, Any]]:
    """ "pake bus 01 bus 02 sm srikandi, sopirnya joko, slamet, wahyu": as many named after
    one role word as the buses listed, one each, in order."""
    distinct = list({b.text.lower(): b for b in reversed(buses)}.values())[::-1]
    listed = named_list(text, lower)
    if len(distinct) < 3 or len(listed) != len(distinct):
        return []
    return [{"bus": b.text, **line} for b, line in zip(distinct, listed, strict=True)]


def waiting_crew(text: str, lower: str, bus_count: int) -> list[dict[str, Any]]:
    """ "sopirnya slamet sm joko" for a trip of several buses none of which is chosen yet:
    one line per person named after one role word, without a bus, to be paired with the
    buses in order once they are chosen (on a single bus the two would be its driver and
    kernet: crew_lines). Three or more ("sopirnya joko, slamet sm wahyu") when the trip has
    a bus for each."""
    if bus_count < 2:
        return []
    listed = named_list(text, lower)
    if listed:
        return listed if len(listed) <= bus_count else []
    return named_pair(text, lower)


def named_pair(text: str, lower: str) -> list[dict[str, Any]]:
    """ "sopir pak yusuf joko sm wahyu": the two named after one role word, one line each
    and no bus; a change to a saved booking pairs them with its buses in order (or, on one
    bus, keeps the second out of the record and says so): the reader does not know how many
    buses the booking has."""
    m = _PAIR_RE.search(lower) or _PAIR_OF_CLIENT_RE.search(lower)
    if m is None or any(m.group(n) in _NOT_NAMES or is_place(m.group(n)) for n in ("n1", "n2")):
        return []
    role = "driver" if _is_driving(m.group("role")) else "kernet"
    return [{role: _as_written(text, m.start(g), m.end(g))} for g in ("first", "second")]


def second_driver(text: str, lower: str, fields: dict[str, Any]) -> list[str]:
    """ "sopirnya slamet sm joko" for a trip of one bus: two drivers taking turns, where a
    bus carries one driver in the record. The second is shown as not recorded ("Belum
    tercatat") instead of being dropped; [] when there is none."""
    m = _PAIR_RE.search(lower)
    if m is None or "driver" not in fields or not _is_driving(m.group("role")):
        return []
    if any(m.group(n) in _NOT_NAMES or is_place(m.group(n)) for n in ("n1", "n2")):
        return []
    second = _as_written(text, m.start("second"), m.end("second"))
    placed = {str(fields.get(role, "")).lower() for role in ("driver", "kernet")}
    if second.lower() in placed:
        return []
    return [f"sopir kedua {second} (satu bus dicatat dengan satu sopir)"]
