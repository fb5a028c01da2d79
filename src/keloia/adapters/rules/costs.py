"""Trip costs as people name them: "solar", "tol", "uang jalan", "premi kernet"; several
in one message ("solar 1,2jt, tol 450rb, parkir 50rb") are read line by line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from keloia.adapters.rules.money import NOT_MONEY_AFTER_RE, MoneyMention
from keloia.adapters.rules.text import said_first, word_patterns
from keloia.adapters.rules.vocabulary import (
    AND,
    CLIENT_PAID,
    DRIVER_WORD_RE,
    JAVANESE_HUNDREDS_RE,
    KERNET_WORD_RE,
    MEANT,
    NO_BEFORE_VERB,
    OOPS,
    SLIP,
    SORRY,
    number_in_words,
    word_re,
)
from keloia.domain.model.money import CostCategory

_WASH = r"(?:cuci|nyuci|nyuciin|steam)"
# The bus washed: "cuci bus", "nyuci elf" (a trip's cost, or a job of the fleet's).
BUS_WASHED = rf"{_WASH}\s+(?:bus|bis|mobil|armada|unit|elf)"
# A wash after a trip, the bus perhaps named between ("nyuci srikandi abis trip").
WASHED_AFTER_TRIP = (
    rf"{_WASH}\s+(?:[a-z0-9]+\s+){{0,2}}"
    r"(?:abis|habis|sehabis|setelah|stlh|sesudah|sepulang|plg|pulang)\s+trip"
)
# What a trip's money went on, by the words drivers and admins use ("solat" is solar as
# autocorrect writes it, "mkn" makan typed short: only ever read beside a cost's amount).
COST_WORDS: tuple[tuple[CostCategory, str], ...] = (
    (CostCategory.UANG_JALAN, r"uang\s+jalan|uj|sangu"),
    (CostCategory.PREMI_KERNET, r"premi\s+(?:kernet|kenek|knek|co\s*driver)"),
    (CostCategory.PREMI_SOPIR, r"premi(?:\s+(?:sopir|supir|driver|crew))?"),
    (
        CostCategory.BBM,
        r"solar|solat|slr|bbm|bensin|pertalite|pertamax|dexlite|biosolar|isi\s+minyak",
    ),
    (CostCategory.TOL, r"tol|e-?toll|etol"),
    (CostCategory.PARKIR, r"parkir|parkiran"),
    # (Sundanese "tuang", to eat, only of the crew: "tuang kru 90rb".)
    (
        CostCategory.MAKAN,
        r"makan|mkn|konsumsi|mamin|ngopi|maem|mangan|dahar"
        r"|tuang(?=\s+(?:kru|crew|sopir|supir|kernet|kenek|driver))",
    ),
    (CostCategory.PENGINAPAN, r"penginapan|hotel|losmen|homestay|mess|nginep|menginap"),
    # The ferry a trip crosses on: "tiket kapal ketapang 2,1jt", "biaya penyebrangan".
    (
        CostCategory.OTHER,
        r"tiket\s+(?:kapal|ferry|feri|penyeberangan|penyebrangan)|penyeberangan|penyebrangan"
        # The bus washed after a trip ("ongkos cuci bus 75rb trip sdn 1"), a site's levy.
        rf"|{BUS_WASHED}|retribusi"
        # The tow truck a trip's broken-down bus needed ("biaya derek 1,5jt trip masjid");
        # never "diderek" (the bus towed, said of its repair) nor the krama "nderek".
        r"|derek|derekan|towing"
        # A tyre patched on the road, paid with the trip's fuel ("tambal ban 75rb karo solar
        # 600rb"; alone, "tambal ban bus 03 75rb" is work on the bus).
        r"|(?:tambal|tambel|nambal|nambel)\s+ban"
        # "nyuci srikandi abis trip 150rb": the bus washed after its trip, for that trip.
        rf"|{WASHED_AFTER_TRIP}",
    ),
)
# "parkirnya 175rb": the word with its -nya (Javanese "-e": "parkire") is the same cost.
_COST_RES = word_patterns((kind, f"(?:{words})(?:nya|e)?") for kind, words in COST_WORDS)


# A message that opens with a cost's word: "uang jalan joko bsk 500rb, parkir 50rb".
COST_OPENS_RE = re.compile(
    # (Only words no client's name or trip opens with: never "hotel", "makan", "nginep".)
    r"^\W*(?:(?:biaya|ongkos)\s+)?(?:uang\s+jalan|uj|sangu|solar|bbm|bensin|tol|e-?toll|parkir"
    r"|premi)(?:nya|e)?\b"
)


# A cost said not to have been had: "ga nginep", "gak jadi makan", "tdk pake tol".
_NOT_HAD_RE = re.compile(
    rf"\b(?:{NO_BEFORE_VERB})\s+(?:(?:jadi|jd|pake|pakai|usah|perlu|ada)\s+)?"
    rf"(?:{'|'.join(words for _, words in COST_WORDS)})(?:nya)?\b"
)


def find_cost_type(lower: str) -> CostCategory | None:
    """The first cost word in the text, or None; of two at the same place the longer; a
    cost said not had is none ("ga nginep. cuma makan 45rb" is the meal)."""
    found = said_first(_COST_RES, _NOT_HAD_RE.sub(lambda m: " " * len(m.group(0)), lower))
    return found[2] if found else None


def cost_types(lower: str) -> list[CostCategory]:
    """Every kind of cost named, once each, in the order said ("tol sama parkir brp": the
    toll, then the parking); a cost said not had is none."""
    kept = _NOT_HAD_RE.sub(lambda m: " " * len(m.group(0)), lower)
    named = _named(kept, bool(_PREMI_RE.search(kept)))
    return list(dict.fromkeys(kind for _, _, kind in named))


# "isi solar 650", "tol 85": a short bare number right after a cost word is in thousands,
# as drivers type it (a count of people, days or nights after it is no money).
SHORT_AMOUNT_RE = re.compile(
    rf"\b(?:{'|'.join(words for _, words in COST_WORDS)})\b(?:nya)?\s*:?\s*"
    r"(?P<num>[1-9]\d{1,3})(?![\w.,/])"
)


# "parkir satus seket", "tol rongatus": the same in Javanese words, its "ewu" left out.
_SHORT_WORDS_RE = re.compile(
    rf"\b(?:{'|'.join(words for _, words in COST_WORDS)})\b(?:nya|ne|e)?\s*:?\s*"
    rf"(?P<num>(?:{JAVANESE_HUNDREDS_RE}|seket|selawe|sewidak)"
    rf"(?:\s+(?:seket|selawe|sewidak|(?:{JAVANESE_HUNDREDS_RE})))?)"
    # (never litres, minutes or metres: "solar satus liter", "parkir telungpuluh menit")
    r"\b(?!\s*(?:ewu|ribu|rb|rebu|juta|jt|yuta|k|liter|litre|ltr|lt|l|menit|mnt|meter|m|km"
    r"|kilo|jam|orang|org|hari|dino)\b)"
)


def find_short_amounts(lower: str) -> list[MoneyMention]:
    """Amounts in thousands said the short way after a cost word ("solar 650", "parkir
    satus seket")."""
    found = [
        MoneyMention(m.start("num"), m.end("num"), int(m.group("num")) * 1000)
        for m in SHORT_AMOUNT_RE.finditer(lower)
        if not NOT_MONEY_AFTER_RE.match(lower, m.end())
    ]
    found += [
        MoneyMention(m.start("num"), m.end("num"), number_in_words(m.group("num")) * 1000)
        for m in _SHORT_WORDS_RE.finditer(lower)
        if not NOT_MONEY_AFTER_RE.match(lower, m.end())
    ]
    return sorted(found, key=lambda mo: mo.start)


# "total 1,7jt" sums the lines before it: it is not one more cost.
TOTAL_RE = re.compile(
    # ("totale kurang 300rb": what the money fell short by, no cost either.)
    r"\b(?:total|totalnya|totale|semua|semuanya|jumlah|jumlahnya|jumlahe|jadi)(?:\s+kurang)?\W*$"
)


# "sisa uang jalan 120rb sy balikin ke mbak sari": money left over and handed back is no
# cost of the trip (before the amount in its clause, or its giving back after it).
_LEFT_OVER_RE = re.compile(
    r"\b(?:sisa|sisanya|sisane|kembalian|kembaliannya|kembaliane)\b[^,;\n]*$"
)
_GIVEN_BACK_RE = re.compile(
    r"[^,;.\n]*?\b(?:balikin|dibalikin|balikke|kembaliin|dikembaliin|kembalikan|dikembalikan"
    r"|setor|setorin|disetor|disetorin|sy\s+serahin|diserahin|diserahkan)\b"
)


def given_back(lower: str, start: int, mo: MoneyMention) -> bool:
    """Whether an amount is money left over or handed back ("sisa uang jalan 120rb sy
    balikin"), not spent."""
    return bool(_LEFT_OVER_RE.search(lower, start, mo.start)) or bool(
        _GIVEN_BACK_RE.match(lower, mo.end)
    )


# "premi sopir sm kernet masing2 300rb": one amount said for each cost named.
EACH_RE = word_re(r"masing2|masing-masing|masing\s+masing|msg2|msg-msg|tiap2|per\s*orang|sendiri2")
# The crew's role named alone after "premi" ("premi sopir 300rb kernet 200rb", "premi sopir
# sm kernet"): the premi of that role.
_PREMI_RE = re.compile(r"\bpremi\b")
_ROLE_RES = (
    (CostCategory.PREMI_KERNET, KERNET_WORD_RE),
    (CostCategory.PREMI_SOPIR, DRIVER_WORD_RE),
)


def _named(text: str, premi_said: bool) -> list[tuple[int, int, CostCategory]]:
    """Every cost named in the text: its span and kind, the longer of two at one place."""
    hits = [(m.start(), m.end(), kind) for kind, regex in _COST_RES for m in regex.finditer(text)]
    roles: set[tuple[int, int]] = set()
    if premi_said:
        said = [
            (m.start(), m.end(), kind) for kind, regex in _ROLE_RES for m in regex.finditer(text)
        ]
        roles = {(start, end) for start, end, _ in said}
        hits += said
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    kept: list[tuple[int, int, CostCategory]] = []
    for hit in hits:
        if (
            kept
            and hit[2] is CostCategory.PENGINAPAN
            and kept[-1][2] is not CostCategory.PENGINAPAN
            and _WHERE_RE.fullmatch(text, kept[-1][1], hit[0])
        ):
            continue  # "parkir hotel 40rb", "makan di hotel": where it was, not a night
        if (
            kept
            and (hit[0], hit[1]) in roles
            and kept[-1][2] not in _PREMI_KINDS
            and _OF_WHOM_RE.fullmatch(text, kept[-1][1], hit[0])
        ):
            continue  # "penginapan sopir 300rb", "makan sopir+kernet": whose lodging or meal
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


_PREMI_KINDS = (CostCategory.PREMI_SOPIR, CostCategory.PREMI_KERNET)
# Between a cost and the crew it was for: "penginapan sopir", "makan sopir+kernet".
_OF_WHOM_RE = re.compile(r"\s+|\s*\+\s*")


# Between a cost and the lodging it was had at: "parkir hotel", "makan di hotel".
_WHERE_RE = re.compile(r"\s+(?:(?:di|dkt|deket|dekat)\s+)?")


_MAKES_RE = re.compile(r"\s*=\s*")
# Money the client pays, said in its own clause before an amount no cost word names: "bu
# dewi dp 2jt blm masuk, uang jalan 750rb" lists no DP among the trip's costs.
_CLIENT_PAID_RE = re.compile(rf"\b(?:{CLIENT_PAID})\b[^,;\n]*$")
# "2x @25rb", "3 org @50rb", "2 x 25rb": a price said for each of several.
_TIMES_RE = re.compile(r"@|\b\d+\s*x\b|\bx\s*\d")
_JOINED_RE = re.compile(rf"\s*(?:{AND}|kalih|karo|&|\+)\s*")


# "hotel sopir 2 malem @200rb": how many, then the price of each (said with no total).
_COUNT_EACH_RE = re.compile(
    r"\b(?P<n>\d{1,2})\s*(?:x|kali|malam|malem|mlm|hari|hr|dino|org|orang|porsi|kamar|bungkus"
    r"|box|kotak)\s*@\s*$"
)


def _count_of_each(segment: str) -> int:
    said = _COUNT_EACH_RE.search(segment)
    return int(said.group("n")) if said is not None and int(said.group("n")) > 0 else 1


# The next leg of the road, of the cost just said: "..., terus ngawi-malang".
_NEXT_LEG_RE = re.compile(
    r"[\s,.;]*(?:terus|trus|trs|lanjut|lalu|sambung)\s+[a-z]+\s*-\s*[a-z]+\s*"
)


def cost_lines(lower: str, money: Sequence[MoneyMention]) -> list[tuple[CostCategory, int]]:
    """Each amount with the cost word said with it. People write the word first ("solar
    1,2jt, tol 450rb") or after ("1,2jt solar, 450rb tol"): the first amount tells which.
    An amount without a cost word of its own is `other`, so nothing said is dropped; a
    total is skipped. One amount said for each of several costs ("premi sopir sm kernet
    masing2 300rb") is a line for each."""
    premi_said = bool(_PREMI_RE.search(lower))
    if len(money) == 1 and EACH_RE.search(lower):
        kinds = list(dict.fromkeys(kind for _, _, kind in _named(lower, premi_said)))
        if len(kinds) > 1:
            return [(kind, money[0].value) for kind in kinds]
    if len(money) > 1 and not _named(lower[money[0].start :], premi_said):
        # "tol sm parkir trip masjid 325rb sm 50rb": the costs listed, then their amounts in
        # the same order.
        listed = _named(lower[: money[0].start], premi_said)
        totals = any(TOTAL_RE.search(lower[: mo.start]) for mo in money)
        if len(listed) == len(money) and not totals:
            return [(kind, mo.value) for (_, _, kind), mo in zip(listed, money, strict=True)]
    # (Money collected before the costs, "sisa 2,3jt dibayar cash ke sy ... td solar 700rb tol
    # 90rb", is no cost: the first cost's amount tells whether its word is said before it.)
    spent = [
        mo for i, mo in enumerate(money) if not given_back(lower, money[i - 1].end if i else 0, mo)
    ]
    first = spent[0] if spent else (money[0] if money else None)
    word_after = first is not None and _last_word(lower[: first.start], premi_said) is None
    lines: list[tuple[CostCategory, int]] = []
    carried: CostCategory | None = None
    for i, mo in enumerate(money):
        start = money[i - 1].end if i else 0
        end = money[i + 1].start if i + 1 < len(money) else len(lower)
        segment = lower[start : mo.start]
        # ("tol kabeh 487rb, solar 900rb": all of one cost, said with its word, is that cost.)
        summed = TOTAL_RE.search(segment) and _last_word(segment, premi_said) is None
        # ("solar 400rb, parkir 20rb, tips dr rombongan 200rb": a tip received is no cost.)
        tip = re.search(r"\b(?:tips|tip|tipsnya|persenan)\b", segment) and not re.search(
            r"\b(?:tukang|juru|jukir|kasih|ngasih|buat|utk)\b", segment
        )
        if summed or tip or (len(money) > 1 and given_back(lower, start, mo)):
            continue
        kind = _last_word(lower[start : mo.start], premi_said) or carried
        if carried is None and i and _MAKES_RE.fullmatch(lower, money[i - 1].end, mo.start):
            continue  # "solar 800rb + tol 200rb = 1jt": what they add up to
        carried = None
        if (
            i + 1 < len(money)
            and _MAKES_RE.fullmatch(lower, mo.end, money[i + 1].start)
            and _TIMES_RE.search(lower, start, mo.start)
        ):
            # "parkir 2x @25rb = 50rb": the price of one, then what they make together.
            carried = kind
            continue
        if kind is None and not word_after:
            # "solar 800rb sm 650rb tol": the word after names it; "solar 800rb kalih
            # 650rb": two amounts of the one cost named before them. Only a word closing its
            # clause names the amount before it ("650rb tol 200rb": the toll is 200rb).
            after = re.split(r"[,;\n]", lower[mo.end : end])
            closes = len(after) > 1 or i + 1 == len(money)
            kind = find_cost_type(after[0]) if closes else None
            if (
                kind is None
                and lines
                and i
                and _JOINED_RE.fullmatch(lower, money[i - 1].end, mo.start)
            ):
                kind = lines[-1][0]
        if word_after:
            # The word before belongs to the previous amount unless a new clause began.
            own = re.split(rf"[,;\n]|\b(?:{AND}|terus|trus)\b", lower[start : mo.start])
            kind = find_cost_type(re.split(r"[,;\n]", lower[mo.end : end])[0]) or (
                _last_word(own[-1], premi_said) if len(own) > 1 else None
            )
        if kind is None and lines and _NEXT_LEG_RE.fullmatch(segment):
            kind = lines[-1][0]  # "tol jogja-ngawi 285rb, terus ngawi-malang 310rb"
        if kind is None and _CLIENT_PAID_RE.search(re.split(r"[,;\n]", segment)[-1]):
            continue
        if lines and said_again(lower, money[i - 1], mo, lines[-1][0]):
            lines.pop()  # "tol 150rb eh tolnya 200rb": the first toll taken back
        elif lines and kind is None and amount_put_right(lower, money[i - 1], mo):
            kind = lines.pop()[0]  # "bbm 650rb ..., eh 700rb pak, salah liat nota"
        lines.append((kind or CostCategory.OTHER, mo.value * _count_of_each(segment)))
    return lines


# "tol 150rb eh tolnya 200rb", "parkir 20rb eh salah parkirnya 25rb ding": the startled
# word, the same cost named again (its own word only), then its amount: the amount before
# is taken back for the one after.
_OOPS_RE = re.compile(rf"[\s,.]*(?:(?:{OOPS}|{SORRY})\b[\s,.]*)+(?:(?:{SLIP}|{MEANT})\b[\s,.]*)*")
_NAMED_AGAIN_END_RE = re.compile(
    r"(?:\s+(?:jadi|jd|harusnya|hrsnya|sebenarnya|sebenernya|yg\s+bener|yang\s+bener))?"
    r"[\s,.:=]*"
)


def costs_taken_back(lower: str, money: Sequence[MoneyMention]) -> list[tuple[int, int]]:
    """Where a cost's amount is taken back for the same cost said again ("tol 150rb eh
    salah tolnya 175rb"): the words between the two amounts, which put right a value of
    this message, never a record saved before."""
    spans = []
    for i in range(1, len(money)):
        start = money[i - 2].end if i > 1 else 0
        kind = _last_word(lower[start : money[i - 1].start])
        if kind is not None and said_again(lower, money[i - 1], money[i], kind):
            spans.append((money[i - 1].end, money[i].start))
    return spans


# "bbm 650rb trip masjid, eh 700rb pak, salah liat nota": a bare amount after a startled
# word, owned as a slip after it: the amount before, put right.
_BARE_OOPS_BEFORE_RE = re.compile(r"[^.?!\d]*[\s,.](?:eh|ehh|eh\s+salah|salah|sori|maaf)[\s,.]+$")
_BARE_OOPS_AFTER_RE = re.compile(
    r"(?:\s+(?:pak|bu|mas|mbak|bos))?[\s,.]*(?:salah|keliru|ding|deng|dink)\b"
)


def amount_put_right(lower: str, before: MoneyMention, mo: MoneyMention) -> bool:
    return bool(
        _BARE_OOPS_BEFORE_RE.fullmatch(lower, before.end, mo.start)
        and _BARE_OOPS_AFTER_RE.match(lower, mo.end)
    )


def said_again(lower: str, before: MoneyMention, mo: MoneyMention, kind: CostCategory) -> bool:
    """Whether the cost said with `before` (of `kind`) is named again at once, after a
    startled word, with `mo` as its amount: the amount before taken back."""
    oops = _OOPS_RE.match(lower, before.end, mo.start)
    if oops is None:
        return False
    rest = lower[oops.end() : mo.start]
    named = _named(rest, premi_said=False)
    return (
        len(named) == 1
        and named[0][0] == 0
        and named[0][2] is kind
        and _NAMED_AGAIN_END_RE.fullmatch(rest, named[0][1]) is not None
    )


def _last_word(text: str, premi_said: bool = False) -> CostCategory | None:
    """The cost word said last; of two read at the same place the longer ("premi kernet" is
    no "premi" of the driver), never the one whose name sorts last."""
    named = _named(text, premi_said)
    return named[-1][2] if named else None


def kind_said_after(lower: str, end: int) -> CostCategory | None:
    """The kind of cost said right after `end` ("harusnya tol", "harusnya itu parkir"), or
    None: never one said later in the clause ("harusnya 900rb udh sama tol")."""
    m = re.match(r"\s*(?:(?:itu|yg|yang|jadi|jd|dadi|kan)\s+)?(\w+(?:\s+\w+)?)", lower[end:])
    if m is None:
        return None
    return find_cost_type(m.group(1))
