"""How much of a message a reading explains. A reading that leaves content words of the
message unaccounted for is not sure of it: "trip PT sinar abadi untungnya brp?" read with
the client "PT sinar" leaves "abadi"; a driver's "tgl 20 sy ga bisa narik ... bisa diganti
joko ga?" read as a question of the schedule leaves "joko". Such a reading is capped under
the Claude threshold, so with a key Claude reads the message and offline the proposal
says it is not sure (docs/nlu.md, **Confidence**).

A word is explained when it is
- part of a value the finders read (blanked out in `Found.masked`: dates, money, times,
  buses, people, places, phones...),
- a word of a value the reading keeps (a pickup place, a stop, the crew, a relayed message,
  a problem as written...),
- a keyword some rule looks for (every word of the keyword modules' patterns and word
  lists: the families of `vocabulary.py`, the intent rules, the field roles...), or
- talk around a request: fillers, politeness, pronouns, connectives (`FILLERS`).
What is left are the words no rule and no value accounts for: a name cut short, a month
not read, a reason the reading ignored."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from keloia.adapters.rules import dates, fields, gazetteer, hearsay, intents, names, vocabulary
from keloia.adapters.rules.buses import BusMention
from keloia.adapters.rules.money import MoneyMention
from keloia.adapters.rules.reading import Found
from keloia.adapters.rules.text import words
from keloia.adapters.rules.vocabulary import word_re
from keloia.domain.model import news
from keloia.domain.model.intents import ACTION_INTENTS, INTENTS, Extraction, Intent

# A reading leaving this many content words unexplained is capped at UNSURE.
UNEXPLAINED_AT_MOST = 0
UNSURE = 0.7

_WORD_RE = re.compile(r"[a-z]{2,}")
# A number as written: "25", "1,5", "120.500", "0813-2233-4455".
_NUMBER_RE = re.compile(r"\b\d+(?:[.,\-]\d+)*\b")
# A number that counts something no field keeps ("2 hari 1 malam", "ganti 4 ban", "1 bus")
# or the value a correction rejects ("12jt bukan 15") is said, not missed.
_COUNTING_RE = re.compile(
    rf"\s*(?:{vocabulary.COUNTED}|{vocabulary.BUS}|{vocabulary.MONTH_UNIT}|{vocabulary.WEEK_UNIT}"
    r"|h|m|mlm|biji|buah|bh|pcs|ban|kali|x)\b"
)
# ("jgn slamet deh, wahyu aja", "ojo joko, slamet wae": the one refused by a don't too.)
_REJECTED_RE = re.compile(rf"\b(?:{vocabulary.NOT_THIS}|jgn|jangan|ojo)\s*$")
# The one whose place is taken: "gantiin joko", "nggantike (pak) joko".
_STOOD_IN_FOR_RE = re.compile(
    r"\b(?:gantiin|nggantiin|gantikan|menggantikan|gantike|nggantike|nggantosi)\s+(?:(?:pak|mas)\s+)?$"
)
# Endings, particles and verb prefixes around a word the rules know ("habisnya", "kirnya",
# "ngebatalin", "ngubah", "dikurangi").
_SUFFIX_RE = re.compile(r"(?:nya|ne|lah|kah|pun|in|kan|i)$")
_PREFIX_RE = re.compile(r"^(?:nge|ng|di|ter)")

# Talk around a request, in Indonesian, Javanese and chat spelling: greetings, politeness,
# pronouns, particles, connectives. None of them says what is asked.
FILLERS = words(
    """
    ya yaa iya iyaa y yg yang ini itu tsb tersebut nih tuh sih deh dong donk dunk kok kan
    lah lho loh toh tho wkwk wkwkwk hehe hehehe haha hihi wah wahh waduh aduh lha la lo
    pak bu pk bpk bapak ibu mas mbak mba kak kakak bang bos boss gan sis om min admin si
    dik dek adek mbakyu mase mbake bro sob
    saya sy aku aq gue gw gua kami kita kamu anda dia beliau mereka orangnya
    tolong tlg mohon minta please pls plis silakan silahkan monggo
    makasih makasi mksh trims terima kasih thanks thx tq suwun matur nuwun maturnuwun
    nyuwun sewu ngapunten punten
    nggih ngih njih injih inggih enggih sampun nggeh geh yo ae wae mawon
    iki iku kuwi kae arep to kulo kula
    aja ajah saja doang sj udh udah sdh sudah dah wis uwis
    ok oke okey okay sip siap baik
    halo hallo hai hi assalamualaikum salam selamat pagi siang sore malam met
    insyaallah alhamdulillah bismillah amin aamiin
    dan sama sm serta atau tapi tp terus trus trs lalu terus abis habis habis itu
    juga jg pun lagi lg masih msh tadi td barusan nanti ntar entar memang emang emg mmg
    di ke dari dr dri untuk utk buat bwt dengan dgn pada pd oleh sbg sebagai
    mau mo pengen pingin ingin bisa bs tau tahu
    ada sudah belum blm udah gak ga nggak ngga enggak tidak tdk ndak
    apa apakah gimana gmn bagaimana kenapa knp mana
    kalau kalo klo kl karena krn soalnya
    tadi nanti sekarang skrg
    biar supaya agar namun tetapi kita ap aj
    sebesar seharga melalui menggunakan informasi info hub hubungi pemesan fwd fw forward
    sedikit dikit sementara ternyata kasian kasihan lancar resmi layak jauh nego done
    protes komplain complain keberatan sekolahe sekolahnya
    langganan pelanggan setia
    bgt banget bngt
    seminggu sebulan setahun tahun ulang disepakati sepakat ajarin jelasin melihat
    jadwalkan dijadwalkan dijadwalin diantar on the way po
    oya oiya
    """
)
# What a request may say beside its fields: what the trip is for, which part of a bus, who
# travels ("warga"), the receipt kept ("nota tak fotokan", "struk sy simpen").
# Said or not, the reading is the same.
ASIDES = words(
    """
    nikahan wisuda arisan pengajian kunjungan industri piknik liburan wisata outbound
    reuni takziah kondangan hajatan lamaran wali songo study tour
    filter saringan udara serep kabin karet wiper lampu kaca spion bohlam sein
    depan belakang blkg samping kanan kiri
    warga nota notanya struk struknya kuitansi spbu fotokan difotoin difoto simpen disimpen
    """
)

# Every rule module, found in the package so that a new one counts by itself; not the
# gazetteer (a list of places: values, not keywords) nor what reads with the rules.
# (Nor the bank lines' reader: its words, "berita", "rek", "dana", are a bank's, and explain
# nothing said in a chat.)
_NOT_KEYWORDS = frozenset(
    {"coverage", "english", "extractor", "gazetteer", "guards", "phones", "statement"}
)
_KEYWORD_MODULES: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"{__package__}.{module.name}")
    for module in pkgutil.iter_modules([str(Path(__file__).parent)])
    if module.name not in _NOT_KEYWORDS
)
# Words of values, not of keywords, though the finders name them: a month, or a word of a
# shop's or a person's name, left unread is what a reading missed ("PT sinar abadi" read
# "PT sinar"). Those some other rule looks for ("bengkel", "servis", "hari") stay keywords.
_VALUE_TABLES = names.SHOP_WORDS | names.NAMES_LIKE_WORDS | names.COMPOUND_FIRST_NAMES


def _words_of(value: Any) -> Iterator[str]:
    """Every word written in a rule's pattern, word list or table."""
    if isinstance(value, re.Pattern):
        yield from _WORD_RE.findall(value.pattern)
    elif isinstance(value, str):
        yield from _WORD_RE.findall(value.lower())
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _words_of(key)
            yield from _words_of(item)
    elif isinstance(value, (frozenset, set, tuple, list)):
        for item in value:
            yield from _words_of(item)


def _keywords(modules: Iterable[ModuleType]) -> frozenset[str]:
    """The words the rules look for: those of the modules' patterns and word lists."""
    found: set[str] = set()
    for module in modules:
        for name, value in vars(module).items():
            if not name.startswith("__"):
                found.update(_words_of(value))
    return frozenset(found)


_VALUE_WORDS = frozenset(dates.MONTHS) | (
    _VALUE_TABLES - _keywords(m for m in _KEYWORD_MODULES if m not in (dates, names))
)
KEYWORDS = (_keywords(_KEYWORD_MODULES) - _VALUE_WORDS) | gazetteer.PLACES | FILLERS | ASIDES


def _known(word: str, kept: frozenset[str]) -> bool:
    """The word, or its stem, is a keyword or a value kept."""
    bare = _SUFFIX_RE.sub("", word)
    stems = {word, bare, _PREFIX_RE.sub("", word), _PREFIX_RE.sub("", bare)}
    return any(s in KEYWORDS or s in kept for s in stems if len(s) >= 2)


def _kept_words(extraction: Extraction) -> frozenset[str]:
    """The words of the values the reading (and the requests riding with it) keeps."""
    kept: set[str] = set()
    for one in (extraction, *extraction.more):
        kept.update(_words_of(one.fields.stated()))
    return frozenset(kept)


# Words that say a value of one field: a keyword, but explained only by a reading that
# keeps that field ("minta bus 45 seat" read as a change of a booking, which has no seats);
# not in the readings where the word is a part of the bus ("air netes ke kursi penumpang").
_TELLING = (
    (
        word_re(vocabulary.SEAT),
        frozenset({"seats", "passengers"}),
        frozenset({Intent.REPORT_PROBLEM, Intent.LOG_MAINTENANCE}),
    ),
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text).lstrip("0")


_RUPIAH_RE = re.compile(r"(?<=Rp)\d+(?:\.\d{3})*")


def _kept_numbers(extraction: Extraction) -> frozenset[str]:
    """The numbers written in the values the reading keeps, as bare digits. A problem
    report's description is the message as written: a number in it (a km, a cost) is kept
    only when a field of its own holds it."""
    kept: set[str] = set()
    for one in (extraction, *extraction.more):
        stated = one.fields.stated()
        if one.intent is Intent.REPORT_PROBLEM:
            stated.pop("description", None)
        for value in _words_of_values(stated):
            # Each part ("2026-03-25": the 25th) and the whole (a phone) of a value.
            kept.update(part.lstrip("0") for part in re.findall(r"\d+", value))
            kept.update(_digits(n) for n in _NUMBER_RE.findall(value))
            # An amount the reading wrote in rupiah ("perkiraan biaya Rp1.500.000").
            kept.update(_digits(n) for n in _RUPIAH_RE.findall(value))
    return frozenset(kept)


def _words_of_values(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _words_of_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _words_of_values(item)
    else:
        yield str(value)


def _numbers_missed(said: str, kept: frozenset[str]) -> list[str]:
    """The numbers of the message no finder read, no value keeps (a phone written 0812...
    is kept as +62812...), that count nothing and that no correction rejects."""
    missed = []
    for match in _NUMBER_RE.finditer(said):
        bare = _digits(match.group())
        if not bare or bare in kept or (len(bare) >= 8 and any(k.endswith(bare) for k in kept)):
            continue
        if _COUNTING_RE.match(said, match.end()) or _REJECTED_RE.search(said, 0, match.start()):
            continue
        missed.append(match.group())
    return missed


def values_missed(found: Found, extraction: Extraction) -> list[str]:
    """Values the finders read that no field of the reading keeps: an amount ("harga jd
    12jt, sekalian dia tf 2jt" read as the price alone), a km reading, a client named. A
    blanked-out value is no word left over, yet the reading may still have dropped it."""
    if extraction.intent in _REPLIES:
        return []
    numbers = _kept_numbers(extraction)
    kept = _kept_words(extraction)
    # The whole said with the payments it is made of: "pelunasan 2,2jt, 1jt cash 1,2jt tf".
    whole = sum(line.amount or 0 for line in extraction.fields.payments or ())
    # "tf 1jt, besok mau tf lg 800rb": beside money paid, money only promised is no payment
    # (docs/contracts.md), nor is the day it is promised for.
    promised = [
        m
        for m in found.money
        if extraction.intent is Intent.RECORD_PAYMENT
        and str(m.value) not in numbers
        and fields.promised_money(found, m, dated=True)
        and any(str(o.value) in numbers for o in found.money)
    ]
    # A fee let go keeps no amount: any amount said beside it ("jadi 10jt aja, ga usah kena
    # potongan dp") is a term the reading did not take.
    asides = extraction.intent is not Intent.WAIVE_CANCELLATION_FEE
    missed = [
        f"{m.value}"
        for m in found.money
        if m not in promised
        and str(m.value) not in numbers
        and m.value != whole
        and not _REJECTED_RE.search(found.lower, 0, m.start)
        and not (asides and _MONEY_ASIDE_RE.search(found.lower, 0, m.start))
        and not (asides and _SAID_AFTER_RE.match(found.lower, m.end))
    ]
    if extraction.intent in _DATED:
        # A payment or cost said of another day ("tf 2jt tgl 5", "mau tf besok") read as
        # today's: the day is no trip's and no payment's in the reading.
        days = {
            v
            for one in (extraction, *extraction.more)
            for v in _words_of_values(one.fields.stated())
        }
        missed += [
            found.lower[d.start : d.end]
            for d in found.dates
            if not d.vague
            and d.date.isoformat() not in days
            and not any(_in_clause_of(found, d.start, m) for m in promised)
            and not fields.trip_gone_by_place(found, d)
        ]
    if found.odometer_km is not None and str(found.odometer_km) not in numbers:
        missed.append(f"{found.odometer_km} km")
    if extraction.intent is Intent.RECORD_PAYMENT and found.buses and not _bus_kept(extraction):
        # A payment carries no bus: one said beside it is a change the reading left out
        # ("dp 2jt cash, sekalian bus nya ganti bus 01" read as the payment alone).
        missed += [b.text for b in found.buses]
    if extraction.intent is not Intent.RECORD_PAYMENT and not _swap_said_again(found, extraction):
        missed += [
            b.text
            for b in found.buses
            if _named_as_a_bus(found, b)
            and not _this_bus_kept(b.text, kept, numbers)
            and not _REJECTED_RE.search(found.lower, 0, b.start)
        ]
    if extraction.fields.route_to:
        # "tegal - dieng, sabtu ngarep, Bima, 5jt": a capitalised place standing alone in a
        # trip that already goes somewhere, kept by no field, is a value the reading
        # dropped (a bus named after a place), never the trip's way.
        missed += [
            m.group(1)
            for m in _LONE_PLACE_RE.finditer(found.text)
            if m.group(1)[0].isupper()
            and m.group(1).lower() in gazetteer.PLACES
            and m.group(1).lower() not in kept
        ]
    if extraction.intent is Intent.CREATE_BOOKING and not extraction.fields.route_to:
        # "nyewo srikandi tgl 27 des neng pacitan": a place the trip goes to or is at, kept
        # by no field (where it goes is the reader's guess, so it is asked, not dropped).
        missed += [
            m.group(1)
            for m in _AT_PLACE_RE.finditer(found.lower)
            if m.group(1) in gazetteer.PLACES and m.group(1) not in kept
        ]
    for person in found.people:
        said = _WORD_RE.findall(person.text.lower())
        unknown = said and not all(_known_value(w, kept) for w in said)
        if unknown and _crews_own_pay(found, extraction, person.start, said):
            continue
        if unknown and not _contact_of_kept_phone(found, person, numbers):
            missed.append(person.text)
    return missed


# The crew's pay named before whose it is: "uang jalan wahyu", "premi slamet".
_CREW_PAY_BEFORE_RE = re.compile(
    rf"\b(?:{news.CREW_PAY}|makan|penginapan)(?:\s+(?:sopir|supir|kernet))?\s+$"
)


def _crews_own_pay(found: Found, extraction: Extraction, at: int, said: list[str]) -> bool:
    """ "uang jalan wahyu trip malang 1,5jt": one of the PO's people after a word of the
    crew's pay is whose pay it is; the cost is of the trip, no value left unread."""
    return (
        any(one.intent is Intent.RECORD_TRIP_COST for one in (extraction, *extraction.more))
        and len(said) == 1
        and said[0] in found.team
        and _CREW_PAY_BEFORE_RE.search(found.lower[:at]) is not None
    )


# Whom the client's money went through: "lunasin cash ke slamet pas jemput", "dp nya
# dititipin sm joko".
_THROUGH_RE = re.compile(
    r"\b(?:ke|sm|sama|lewat|via|titip|nitip|dititip|dititipin|dititipkan)\s+(?:(?:pak|mas|bang)\s+)?$"
)


def _paid_through(found: Found, extraction: Extraction, at: int, word: str) -> bool:
    """ "td pagi mereka lunasin cash ke slamet pas jemput": the teammate the client handed
    the money to is how it came, no value left unread."""
    return (
        extraction.intent is Intent.RECORD_PAYMENT
        and word in found.team
        and _THROUGH_RE.search(found.lower[:at]) is not None
    )


# A word standing alone between commas: "..., pp sehari, Bima, 5jt".
_LONE_PLACE_RE = re.compile(r"(?:^|,)\s*([A-Za-z]+)\s*(?=,|$)")
_AT_PLACE_RE = re.compile(r"\b(?:di|neng|teng|ing|nang)\s+([a-z]+)")
_CONTACT_BEFORE_RE = re.compile(rf"\b(?:{vocabulary.CONTACT})\s*[:=]?\s*$")
_BEFORE_NUMBER_RE = re.compile(r"[\s:=(-]*$")


def _contact_of_kept_phone(found: Found, person: Any, numbers: frozenset[str]) -> bool:
    """ "booking baru: PT Mitra Karya ... cp bu meta 0813-2200-4517": the person who answers
    for the booking, named after a contact word right before the number kept, is said with
    the number, not a client the reading dropped."""
    if not _CONTACT_BEFORE_RE.search(found.lower, 0, person.start):
        return False
    return any(
        _digits(phone.e164) in numbers
        and phone.start >= person.end
        and _BEFORE_NUMBER_RE.fullmatch(found.lower[person.end : phone.start]) is not None
        for phone in found.phones
    )


def _in_clause_of(found: Found, at: int, money: MoneyMention) -> bool:
    """`at` is in the clause of `money` ("besok mau tf lg 800rb", "mau tf 800rb besok")."""
    before = fields.CLAUSE_END_RE.split(found.lower[: money.start])[-1]
    after = fields.CLAUSE_END_RE.split(found.lower[money.end :])[0]
    return money.start - len(before) <= at < money.end + len(after)


# Readings whose day is when money moved: a day said and not kept is a day misread.
_DATED = frozenset({Intent.RECORD_PAYMENT, Intent.RECORD_TRIP_COST})
# Replies to what waits and corrections of it: judged against what waits, not here.
_REPLIES = frozenset({Intent.CORRECT, Intent.CONFIRM, Intent.REJECT})
# An amount said beside the one recorded: what is left or the whole ("sisa 4,2jt dibayar
# pas brkt", "total 3,5jt"), what was paid before a refund ("dp 3jt dibalikin 2jt"), or a
# price per bus ("2x 4jt", "9jt per bus").
_MONEY_ASIDE_RE = re.compile(
    rf"\b(?:{vocabulary.BALANCE}|total|totalnya|jadi|jd|\d+\s*x|per\s*(?:bus|unit))"
    r"\s*(?:rp\.?\s*)?$"
)
_SAID_AFTER_RE = re.compile(rf"\s*(?:/\s*bus|per\s*(?:bus|unit|b\b)|(?:{vocabulary.REFUND})\b)")


_GIVEN_BEFORE_RE = re.compile(r"\b(?:pake|pakai|pk|jd|jadi|dapet|dapat)\s*$")


def _swap_said_again(found: Found, extraction: Extraction) -> bool:
    """ "tuker bus pak hendra sm bu dewi, pak hendra pake bus 04 bu dewi pake bus 02": the two
    buses a swap leaves each client with, said again (never a third bus, nor one said
    without what it is given to: "..., bu dewi bus 05")."""
    if not any(one.fields.swap_client for one in (extraction, *extraction.more)):
        return False
    said = {b.text.lower() for b in found.buses}
    given = [b for b in found.buses if _GIVEN_BEFORE_RE.search(found.lower, 0, b.start)]
    return len(said) == 2 and len(given) == len(found.buses)


def _named_as_a_bus(found: Found, bus: BusMention) -> bool:
    """A bus the message names for sure: written as read ("bus 02", not the "2" of "ganti 2
    ban") and numbered or one of the PO's own (not "busnya dituker")."""
    said = bus.text.lower()
    if found.lower[bus.start : bus.start + len(said)] != said:
        return False
    return any(c.isdigit() for c in said) or said in found.fleet


def _this_bus_kept(said: str, kept: frozenset[str], numbers: frozenset[str]) -> bool:
    """A bus named in the message is among the values the reading keeps ("bus 01 sm bus
    02" read with Bus 01 alone drops Bus 02)."""
    digits = [d.lstrip("0") or "0" for d in re.findall(r"\d+", said)]
    names = [w for w in _WORD_RE.findall(said.lower()) if w not in _BUS_KINDS]
    return all(d in numbers for d in digits) and all(w in kept for w in names)


_BUS_KINDS = frozenset({"bus", "bis", "unit", "armada", "hiace", "elf", "no", "nomor"})


def _bus_kept(extraction: Extraction) -> bool:
    """Whether the reading, or a request riding with it, keeps any bus."""
    for one in (extraction, *extraction.more):
        f = one.fields
        if f.bus or f.buses or f.replaced_bus or any(line.bus for line in f.crew or ()):
            return True
    return False


def _known_value(word: str, kept: frozenset[str]) -> bool:
    return word in kept or word in FILLERS


def unexplained(found: Found, extraction: Extraction) -> list[str]:
    """The content words and numbers of the message that neither a value read, a value
    kept, a rule's keyword nor talk around a request accounts for, in order. A number no
    finder read and no value keeps is a count, a date or an amount the reading missed
    ("tgl 24 sm 25" read as the 24th alone)."""
    kept = _kept_words(extraction)
    said = found.masked or found.lower
    if {"shift_days", "depart_date"} & extraction.fields.stated().keys():
        # "dimajukan sehari (jd tgl 6)": the count of a shift, kept or said with its day.
        said = dates.SHIFT_RE.sub(" ", said)
    # "bukan slamet, hendra" put right: the name it rejects is said, not missed.
    rejects = extraction.intent is Intent.CORRECT
    # "sopo sing iso nggantike joko tgl 7-9": whose place is asked, said, not missed.
    stands_in = extraction.intent is Intent.QUERY_FREE_BUSES
    left = [
        m.group()
        for m in _WORD_RE.finditer(said)
        if not _known(m.group(), kept)
        and not (rejects and _REJECTED_RE.search(said, 0, m.start()))
        and not (stands_in and _STOOD_IN_FOR_RE.search(said, 0, m.start()))
        and not _crews_own_pay(found, extraction, m.start(), [m.group()])
        and not _paid_through(found, extraction, m.start(), m.group())
    ]
    left += _numbers_missed(said, _kept_numbers(extraction))
    stated = {key for one in (extraction, *extraction.more) for key in one.fields.stated()}
    for pattern, keys, parts in _TELLING:
        if not keys & stated and extraction.intent not in parts:
            left += pattern.findall(said)
    return left


# Readings a cap does not concern: a yes or no to what waits is trusted by the router
# whatever its confidence, and `unknown` is never trusted.
_NOT_CAPPED = frozenset({Intent.CONFIRM, Intent.REJECT, Intent.UNKNOWN})


# Words that ask for a request of their own, and the readings that account for them: a
# payment read from "batal, dp nya 500rb hangus", "booking bu lilis dikonfirmasi, udh dp
# 2jt" or "trip pak agus beres, pelunasan 2jt" leaves the cancellation, the confirmation
# or the end of the trip unread, though every word is a keyword.
_OWN_REQUEST_WORDS: tuple[tuple[re.Pattern[str], frozenset[Intent]], ...] = (
    (
        intents.CANCEL_RE,
        frozenset(
            {
                Intent.CANCEL_BOOKING,
                Intent.WAIVE_CANCELLATION_FEE,
                Intent.QUERY_CANCELLATION_FEE,
                Intent.UNDO_LAST,
                Intent.CORRECT_LAST,
                Intent.UPDATE_BOOKING,
                Intent.DECLINE_TRIP,
                Intent.RETRACT_DECLINE,
            }
        ),
    ),
    (intents.CONFIRM_BOOKING_RE, frozenset({Intent.CONFIRM_BOOKING})),
    (intents.COMPLETE_RE, frozenset({Intent.COMPLETE_BOOKING, Intent.RECORD_ODOMETER})),
)
# The readings such words may ride beside unread: a payment is the one that swallows them.
_SWALLOWING = frozenset({Intent.RECORD_PAYMENT, Intent.RECORD_TRIP_COST})


def requests_unread(found: Found, extraction: Extraction) -> list[str]:
    """Words of a request of its own that the reading does not make."""
    read = {one.intent for one in (extraction, *extraction.more)}
    if extraction.intent not in _SWALLOWING:
        return []
    return [
        match.group()
        for pattern, accounting in _OWN_REQUEST_WORDS
        if not read & accounting and (match := pattern.search(found.lower))
    ]


# What the study of the blind sets found (docs/nlu.md, "Is the confidence worth anything?"):
# on text nobody had tuned against, a reading trusted while wrong had mostly dropped or
# mislaid something the finders had read. The two checks below say so in general terms;
# neither looks at a message's own words.

# A value the finders read, by the field that keeps it: said, and of a kind the reading's
# own request carries, it is missed when no field keeps it ("sisa" of "tf 750rb buat sisa"
# read as a payment of no type; the one bus of "booking 1 bus"; the bank of "sekalian dia
# tf 2jt bca" read as a price change alone).
_FOUND_FIELDS = (
    ("method", "method"),
    ("payment_type", "payment_type"),
    ("bus_count", "bus_count"),
    ("added_buses", "added_buses"),
    ("kernet", "kernet"),
    ("passengers", "passengers"),
    ("document_kind", "document_kind"),
    ("maintenance_type", "maintenance_type"),
    ("bus_status", "bus_status"),
)
# Values a request of that kind says by being made: a stay at the workshop is the bus in
# maintenance, and a DP named in a cancellation is what was paid before (kept as forfeited,
# a fee or a refund), no payment's type.
_IMPLIED = frozenset(
    {(Intent.LOG_MAINTENANCE, "bus_status"), (Intent.CANCEL_BOOKING, "payment_type")}
)
_LINES = ("payments", "costs", "documents", "crew")


def _keeps(one: Extraction, name: str) -> bool:
    stated = one.fields.stated()
    return name in stated or any(name in line for key in _LINES for line in stated.get(key, ()))


def _paid_as_before(extraction: Extraction, name: str, value: object) -> bool:
    """ "itu yg pak hendra salah, baru tf 2jt kok bkn 3jt": a transfer of no bank named
    beside the amount put right tells how the money came, as recorded, not a new method."""
    return (
        extraction.intent is Intent.CORRECT_LAST
        and name == "method"
        and value == "transfer"
        and extraction.fields.amount is not None
    )


def attributes_missed(found: Found, extraction: Extraction) -> list[str]:
    """What a request to record leaves out of what it was told: a value the finders read
    whose field the request carries and no field of the reading keeps, and a ranking said
    ("yg nunggak paling lama siapa") by a question that ranks but keeps none. A question
    names what it asks about, so only a ranking concerns it."""
    ones = (extraction, *extraction.more)
    missed = []
    if extraction.intent in ACTION_INTENTS:
        for attribute, name in _FOUND_FIELDS:
            value = getattr(found, attribute)
            carried = [
                one
                for one in ones
                if name in INTENTS[one.intent].fields and (one.intent, name) not in _IMPLIED
            ]
            if value in (None, "") or not carried or _paid_as_before(extraction, name, value):
                continue
            if not any(_keeps(o, name) for o in ones):
                missed.append(f"{name} {value}")
    ranks = any("rank" in INTENTS[one.intent].fields for one in ones)
    if ranks and not any(_keeps(o, "rank") for o in ones) and fields.debt_rank(found.lower):
        missed.append("rank")
    return missed


def lines_uneven(extraction: Extraction) -> list[str]:
    """Several payments or costs read from one breath that treat a word said once unevenly:
    the method kept on some lines and not others, or the bank kept on one transfer and not
    its neighbour ("bayar 5jt sama 3jt, tf bsi"; "cash smua" kept on the last payment
    alone), or two costs of one kind ("premi sopir 500rb, premi kernet 300rb" as two
    driver's premiums: the second word was misread, two of the same kind are rarely said
    in one line)."""
    out = []
    for one in (extraction, *extraction.more):
        stated = one.fields.stated()
        for key in ("payments", "costs"):
            methods = [line.get("method") for line in stated.get(key, ())]
            said = {m for m in methods if m}
            bare = {m for m in said if "_" not in m}
            if said and (None in methods or any(m.startswith(f"{b}_") for m in said for b in bare)):
                out.append(f"{key} method {methods}")
        kinds = [line.get("cost_type") for line in stated.get("costs", ())]
        if len(kinds) != len(set(kinds)):
            out.append(f"costs {kinds}")
    return out


def capped(found: Found, extraction: Extraction) -> tuple[Extraction, list[str]]:
    """The reading, under the Claude threshold when it leaves words or values unexplained,
    and what is left."""
    if extraction.intent in _NOT_CAPPED or extraction.confidence <= UNSURE:
        return extraction, []
    left = unexplained(found, extraction) + requests_unread(found, extraction)
    left += values_missed(found, extraction) + hearsay.reported(found, extraction)
    left += attributes_missed(found, extraction) + lines_uneven(extraction)
    if found.bus_or_person and _bus_kept(extraction):
        left.append(f"bus or teammate {found.bus_or_person}")
    if len(left) <= UNEXPLAINED_AT_MOST:
        return extraction, left
    # What is proposed after it was read in the same breath: no surer than the whole.
    more = tuple(
        m.model_copy(update={"confidence": min(m.confidence, UNSURE)}) for m in extraction.more
    )
    return extraction.model_copy(update={"confidence": UNSURE, "more": more}), left
