"""Word to pass on to a teammate: "tolong kabarin pak budi sy telat 30 menit", "bilangin joko
jemputnya jam 5 ya", "sampaikan ke admin: bus 03 ban bocor". Whom (as written) and what, in
the sender's words. Not the notice of a trip ("kabari wahyu trip malang tgl 2", "kasih tau
joko soal trip ke bandung": the assistant sends that notice itself), nor the speaker's own
promise ("nanti sy kabari"), nor a bare "tolong sampaikan ke pak budi" (nothing to pass on)."""

from __future__ import annotations

import functools
import re
from typing import Any

from keloia.adapters.rules.names import could_be_first_name
from keloia.adapters.rules.text import STOP_WORDS, words
from keloia.adapters.rules.times import find_times
from keloia.adapters.rules.vocabulary import (
    AFTER_TOMORROW,
    ALL,
    AND,
    DEPART,
    NO,
    NOT_YET,
    SLIP,
    SLIP_OPENED,
    SORRY,
    TEAM_TITLE,
    TO_WHOM,
    TODAY,
    TOMORROW,
)
from keloia.domain.model.clients import name_key
from keloia.domain.model.intents import ExtractionContext, Intent
from keloia.domain.model.moves import MONTH_RE
from keloia.domain.model.tenants import Role
from keloia.domain.services.assistant.crew_answers import TOLD_RE
from keloia.domain.services.assistant.relay import (
    COLLECT_ALL_RE,
    PASS_ON,
    collect_only,
    lists_who_owes,
)

# A teammate's title before the name, as said to a colleague: "mbak sari", "bpk. joko".
_TITLED = rf"(?:{TEAM_TITLE})\.?\s+"
# Word already passed on is news, not a request: "sy td udh bilang ke joko jemputnya jam 5",
# "tadi sudah kabarin wahyu", "barusan bilangin slamet".
_ALREADY_SAID = (
    "".join(
        rf"(?<!\b{w} )" for w in ("udh", "udah", "sudah", "sdh", "dah", "wis", "wes", "td", "tadi")
    )
    + r"(?<!\bbarusan )"
)
_VERB_RE = re.compile(
    r"(?<!\bsaya )(?<!\bsy )(?<!\baku )(?<!\bnanti )(?<!\bntar )(?<!\bnti )(?<!\btak )"
    + _ALREADY_SAID
    + rf"\b(?:{PASS_ON}"
    rf"|bilang(?=\s+(?:{TO_WHOM})\s)|infokan|infoin|teruskan|terusin|beritahu"
    # "info ke pak joko, ...", "broadcast ke semua sopir: ...": the noun used as the verb,
    # only with whom it goes to ("minta info ke admin" asks for word, "info dari" brings it).
    r"|(?<!\bminta )(?<!\bmnt )(?:info|broadcast|bc)(?=\s+(?:ke|kpd|kepada)\s)"
    r"|beritahukan|beri\s+tahu|kasih\s+tau|kasi\s+tau|kasih\s+tahu|ingetin|ingatkan"
    r"|titip\s+pesan"
    # Sundanese "bejakeun" (bilangin) and "wartosan" (kabarin), read where a record keeps
    # the words typed.
    r"|bejakeun|wartosan"
    # "pesenin pak budi ...", "pesanin ke joko ...": word left with someone; "pesenin tiket
    # kapal" orders something, no one is told.
    rf"|(?:pesenin|pesanin)(?=\s+(?:pesan|pesen|ke|sama|sm|kpd|kepada|{TEAM_TITLE})\b))"
    r"(?:\s+(?:pesan|pesen)(?:nya)?)?"
    r"\s+(?:(?:ke|sama|sm|kpd|kepada|buat|utk|untuk)\s+)?"
    r"(?P<who>(?:dua\W*duanya|dua2nya|keduanya|kedua\W*nya)"
    rf"|(?:{_TITLED})?[a-z]+)\b"
)
# Words after the verb that are nobody of the team by name.
_NOBODY = words(
    """
    semua smua semuanya orang orangnya klien kliennya customer tamu tamunya rombongan crew
    kru krunya kernet kernetnya anak anak2 tim
    sy saya aku aq gw gue gua ane kami kita terima caranya cara
    """
)
# Everyone of a role: "semua sopir", "smua admin". A bare "sopir" is every driver too (or
# the driver of the trip just talked about), which the assistant says in its proposal.
_EVERYONE_OF_RE = re.compile(rf"(?:{ALL})\s+(?P<role>sopir|supir|driver|admin)\b")
# Every driver, or the driver of the trip just talked about ("bilangin sopirnya ...").
_DRIVERS = words("sopir supir driver sopirnya supirnya drivernya")
# The co-driver of a trip, told as its driver is ("kabarin kernet bus 01 besok bawa terpal");
# bare, "kernet" is nobody's name (`_NOBODY`).
_KERNETS = words("kernet kernetnya kenek keneknya")
# Whose driver: a client by title ("sopir pak hendra"), a bus ("sopir bus 01"), or a driver
# by name ("sopir joko", checked against the team).
_OF_WHOM_RE = re.compile(
    r"\s+(?P<name>bus\s*\d{1,2}"
    rf"|(?P<title>{_TITLED})?[a-z]+)\b"
)
_CREW = _DRIVERS | _KERNETS
# "sopir sm kernet": the other seat of a trip's crew said with the first.
_BOTH_SEATS_RE = re.compile(
    r"\s+(?:dan|sama|sm|&)\s+(?:kernet|kernetnya|kenek|keneknya|knek|sopir|sopirnya|supir|driver)\b"
)
# "bilangin sopir semua ...": every driver, as "semua sopir".
_ALL_AFTER_RE = re.compile(rf"\s+(?:{ALL})\b")
# What comes between the person and the message: "kalau", "bahwa", a colon; where the
# person is, set apart by a comma ("kabarin mbok ayu di kantor, tamu minta ..."), and a
# "ya" said to the assistant ("kabarin bli putu ya, tamu ...").
_LEAD_RE = re.compile(
    r"^[\s,:;\-–—]*(?:(?:ya|yaa|yah|nggih|ngih|njih)\s*[,:][\s,:]*)?"
    r"(?:(?:di|yg\s+di|yang\s+di)\s+[a-z]+(?:\s+[a-z]+)?\s*,[\s,:]*)?"
    r"(?:(?:kalau|kalo|klo|kl|klw|bahwa|bhw|bahwasanya)\b[\s,:]*)?[\"“']?"
)
# A "kalo" that is "if", not "that": a condition follows ("kalo ga bisa ditambal pake ban
# serep aja", "klo udah sampe langsung telp sy"). Without it the message would say the tyre
# cannot be patched: the "kalo" is passed on with it.
_IF_RE = re.compile(r"^\W*(?:kalau|kalo|klo|kl|klw)\b")
_CONDITION_RE = re.compile(
    r"\b(?:ga|gak|nggak|ngga|enggak|tidak|tdk|ndak|blm|belum|udah|udh|sudah|sdh|sampe|sampai"
    r"|smp|hujan|ketemu|telat|macet|penuh|bisa|jadi|jd)\b"
)
# A polite ending addressed to the assistant, not part of the message.
_TAIL_RE = re.compile(
    # ("wahyu wis oke": a word said, not a closing "ok".)
    r"(?:[\s,.!🙏]*\b(?:ya|yaa|yah|yak|y|yo|ye|nah|rek|nggih|ngih|njih"
    r"|(?<!wis )(?<!wes )(?<!udh )(?<!udah )(?<!sudah )(?<!sdh )(?:ok|oke)"
    r"|makasih|mksh|mks|thx|tks|trims"
    r"|terima\s+kasih|pak|mas|mbak|mba|bu|min|kak|dong|deh"
    # Sundanese "nya" (ya) closing a time said: "jam 5 subuh nya".
    r"|(?:(?<=subuh\s)|(?<=pagi\s)|(?<=siang\s)|(?<=sore\s)|(?<=malam\s)|(?<=\d\s))nya)\b)*"
    r"[\s,.!🙏\"”']*$"
)
# The notice of a trip, which the assistant sends itself (crew_answers.tell).
# "surat jalan buat bsk blm sy terima": a paper not come, word to pass on.
_NOT_RECEIVED_RE = re.compile(
    r"\b(?:blm|belum|ga|gak|tidak|tdk)\s+(?:sy\s+|saya\s+)?(?:terima|dapet|dapat|masuk|nyampe)"
)
_TRIP_NOTICE_RE = re.compile(
    r"^(?:(?:soal|tentang|ttg|mengenai|untuk|utk|buat)\s+)?(?:trip|tripnya|jadwal|jadwalnya"
    r"|tugas|tugasnya|info\s+trip|notif|pemberitahuan|surat\s+jalan)\b"
)
# A teammate told to do something: "suruh sari tagih sisanya", "sari suruh tagih sisanya ke
# pak hendra" (the name first, as said to the assistant). Only a teammate by name or role:
# "pak hendra suruh jemput jam 5" is what a client asked for, and "pak budi suruh sy ke
# kantor" what the speaker was told.
_ORDER_RES = (
    re.compile(r"\bsuruh\s+(?P<who>[a-z]+)\s+"),
    re.compile(r"^\W*(?:(?:tolong|tlg|mas|mbak|min)\s+)?(?P<who>[a-z]+)\s+(?:suruh|disuruh)\s+"),
)
_OWN_RE = re.compile(r"^\W*(?:sy|saya|aku|aq|gw|gue|kami|kita)\b")
# A question for a teammate, asked of the assistant to pass on: "tanya joko udh brgkt blm",
# "tolong tanyain sopir bus 03 udh sampe mana", "tanyain ke admin bu dewi udh tf blm".
# Only as a request opening the message or a clause: "mau tanya ...", "tak tanya pak budi
# dulu", "bu sri tanya ..." are the sender's own asking, or a client's.
_ASK_RE = re.compile(
    r"(?:^|[.,;!?\n])\W*(?:(?:tolong|tlg|coba|cb|mohon|mhn)\s+)?"
    # (Javanese "takokke", "takoni": ask him.)
    r"(?:tanya|tanyain|tanyakan|tanyai|nanyain|takokke|takokno|takonke|takoni|takokna)\s+"
    rf"(?:(?:{TO_WHOM})\s+)?(?:{_TITLED})?(?P<who>[a-z]+)(?:\s*,\s*|\s+)"
)
# "sopir bus 04 besok kumpul jam 6", "driver pak hendra standby di pool jam 4": word for the
# driver of a bus's or a client's trip with no verb of passing on. The role word opens the
# message, whose trip follows, a day or two words may come next, then what he is to do
# (gather, stand by, come, bring, not forget, pick up or leave at an hour: "sopir bus 04
# besok jemput jam 6" is said to him, never a client named "Jemput"). The trip's own
# pickup time is changed only when said of the trip ("bsk pkk jemputnya ganti jam 6").
_TO_DO = (
    r"kumpul|ngumpul|kumpulnya|standby|stand\s+by|stanby|siaga|stay|dateng|datang|hadir"
    r"|merapat|bawa|jangan\s+lupa|jgn\s+lupa|isi\s+solar|cuci|ditunggu|tunggu|nunggu"
    r"|jemput(?=\s+(?:jam|jm|pukul|pkl|di|ke|dr|dari)\b)"
    rf"|(?:{DEPART}|bgkt|otw)(?=\s+(?:jam|jm|pukul|pkl|dr|dari)\b)"
)
_DRIVER_TOLD_RE = re.compile(
    r"^\W*(?:(?:tolong|tlg|mohon)\s+)?(?P<who>(?:sopir|supir|driver)(?:nya)?\s+"
    rf"(?:bus\s*\d{{1,2}}|{_TITLED}[a-z]+))"
    rf"(?:\s+[a-z0-9]+){{0,2}}?\s+(?:{_TO_DO})\b"
)
_ROLES = words("admin mimin bos boss owner pemilik juragan")
# "bilangin sopir srikandi besok brgkt jam 5": a word no rule knows between the role and the
# day is whose driver (a bus's name or a driver's, not in the records read here).
_DAY_AFTER_RE = re.compile(rf"\s+(?:{TOMORROW}|{AFTER_TOMORROW}|{TODAY}|nanti|ntar|nti)\b")


def _named_before_day(lower: str, whose: re.Match[str]) -> bool:
    name = whose.group("name")
    return (
        name not in STOP_WORDS
        and could_be_first_name(name)
        and _DAY_AFTER_RE.match(lower, whose.end()) is not None
    )


# Word for a trip's driver that only gives the trip's own time ("besok berangkat jam 6 aja",
# "bsk jemput jam 6 pagi ya"): the time of the trip, which the assistant changes when the
# record says otherwise (the change tells the crew). Anything more ("dr pool", "di balai
# desa", "kumpul jam 6") is word of its own.
_TRIP_TIME_VERBS = words(
    """
    jemput jemputnya berangkat berangkatnya brangkat brgkt bgkt brkt budal mangkat otw start
    startnya
    """
)
_TRIP_TIME_OTHERS = words(
    """
    besok bsk besuk sesuk sesok lusa hari ini nanti nti ntar aja saja aj wae ae ya yaa yah ok oke
    dong deh
    pak mas min ganti diganti jadi jd maju majuin dimajuin mundur mundurin dimundurin
    senin selasa rabu kamis jumat sabtu minggu
    """
)
# "tgl 24", "tgl 24 april": the day (a month's name with it), never the verb after it.
_A_DAY_RE = re.compile(rf"\b(?:tgl|tanggal)\.?\s*\d{{1,2}}(?:\s+{MONTH_RE})?")


# "..., bukan setengah 6": the hour it was, called wrong, closing the word.
_CALLED_WRONG_RE = re.compile(
    r"[,.]?\s*\b(?:bukan|bkn|bkan)\s+(?:jam\s+|pukul\s+)?(?:setengah\s+)?\d{1,2}(?:[.:]\d{2})?"
    r"(?:\s+(?:pagi|siang|sore|malam|malem|subuh))?(?:\s+(?:ya|yo|aja|pak|mas|dong|deh|ding))*\W*$"
)


def trip_time(message: str) -> str | None:
    """ "HH:MM" when word for a trip's driver says only when the trip leaves or picks up
    ("besok berangkat jam 6 aja"); None otherwise."""
    lower = message.lower()
    times = find_times(lower)
    if times and (wrong := _CALLED_WRONG_RE.search(lower, times[0].end)) is not None:
        # "bsk brgkt jam 5 aja, bukan setengah 6": the time it was, called wrong, closing it.
        lower = lower[: wrong.start()]
        times = [t for t in times if t.end <= wrong.start()]
    if len(times) != 1:
        return None
    rest = _A_DAY_RE.sub(" ", lower[: times[0].start] + " " + lower[times[0].end :])
    said = re.findall(r"[a-z0-9]+", rest)
    verbs = [w for w in said if w in _TRIP_TIME_VERBS]
    if not verbs or any(w not in _TRIP_TIME_VERBS | _TRIP_TIME_OTHERS for w in said):
        return None
    return times[0].value


# A teammate spoken to by name, as if to a colleague in the same chat: "sari, tolong tagih
# bu rina", "mbak sari tolong ...", "..., tolong tagih ya sar". Said by the owner or an
# admin, and only when the assistant has nothing else to make of it ("mbak sari, bus 04
# kapan terakhir servis?" is asked of the assistant); the relay is proposed, never sent
# unasked. A question about what a teammate did, "sari td udh nagih bu rina blm?", that
# the assistant could make nothing of is hers to answer: it is offered to be asked of her
# (one it can answer, "wahyu udah dapet kabar blm?", never gets here).
_TITLE = rf"(?:(?:{TEAM_TITLE})\s+)?"
_PLEASE = r"tolong|tlg|coba|mohon"
_ADDRESSED_RES = (
    re.compile(rf"^\W*{_TITLE}(?P<who>[a-z]+)\s*,\s*"),
    re.compile(rf"^\W*{_TITLE}(?P<who>[a-z]+)\s+(?=(?:{_PLEASE})\b)"),
)
# A question about what the teammate did: "sari td udh nagih bu rina blm?".
_ASKED_ABOUT_RE = re.compile(
    rf"^\W*{_TITLE}(?P<who>[a-z]+)\s+"
    rf"(?=.*(?:\?|\b(?:{NOT_YET}|{NO}|apa\s+ngga)\W*)$)"
)
# A task of the road asked of a teammate by name ("jok tolong besok jemput pak hendra jam 5",
# "slamet tlg bsk kumpul di pool jam 4"): only a driver or kernet does it, so it is word for
# him whatever else it names (never a change of the client's pickup), unlike "sari tolong
# dicatat ...", which asks the assistant to record.
_ROAD_TASK_RE = re.compile(
    r"^(?:(?:besok|bsk|besuk|lusa|nanti|nti|ntar|pagi|siang|sore|malam|mlm|hari\s+ini)\s+)*"
    r"(?:jemput|jmput|antar|anter|nganter|ngantar|berangkat|brangkat|brgkt|brkt|kumpul|ngumpul"
    r"|standby|stand\s+by|stanby|siaga|bawa|cuci|isi\s+solar|panasin|manasin|ambil\s+bus)\b"
)
_WHOSE_DAY_RE = re.compile(r"^(?:yg|yang)\s+(?:tgl|tanggal)\s*\d{1,2}\s+(?=\w)", re.IGNORECASE)
# "..., tolong tagih ya sar": the name (or its first letters) after a closing "ya".
_ADDRESSED_AT_END_RE = re.compile(rf"[\s,]+(?:ya|yaa|yah)\s+{_TITLE}(?P<who>[a-z]{{3,}})\W*$")


# "joko karo wahyu", "joko sm slamet": a second teammate told the same.
_AND_MATE_RE = re.compile(
    rf"\s+(?:{AND}|&|karo|lan)\s+(?:(?:pak|mas|mbak|mba|bu|ibu|bapak)\s+)?(?P<mate>[a-z]{{3,}})\b"
    # ("bilangin wahyu karo slamet sesuk sing nyopir": one word about both; "tlg kabarin
    # pak budi karo bu sari" closing the message: both, of the word before.)
    r"(?=\s*[,:.]|\s*$)"
)


def _may_be_mate(word: str, team: tuple[str, ...]) -> bool:
    """The word names one of the PO's people (any name-like word when they are not known)."""
    if team:
        return word in {name_key(p).split()[0] for p in team if name_key(p)}
    return word not in STOP_WORDS and word not in _NOBODY and word not in _things_told()


def addressed_request(text: str, team: tuple[str, ...]) -> dict[str, Any] | None:
    """{"recipient", "message"} when the message speaks to a teammate by name; else None."""
    lower = text.lower()
    firsts = {name_key(p).split()[0]: p.split()[0] for p in team if name_key(p)}
    found: tuple[str, int, int] | None = None
    for pattern in _ADDRESSED_RES:
        m = pattern.search(lower)
        if m and (whose := _called(m.group("who"), firsts)) is not None:
            found = whose, m.end(), len(lower)
            break
    m = _ASKED_ABOUT_RE.search(lower)
    # "wahyu udah dikabarin blm?" is the assistant's to answer: it knows what it told whom.
    if found is None and m and m.group("who") in firsts and not TOLD_RE.search(lower):
        found = firsts[m.group("who")], m.end(), len(lower)
    m = _ADDRESSED_AT_END_RE.search(lower)
    if found is None and m is not None and (whose := _called(m.group("who"), firsts)):
        found = whose, 0, m.start()
    if found is None:
        return None
    recipient, said_from, said_to = found
    said = " ".join(text[said_from:said_to].split()).strip(" ,.;:-")
    if not re.search(r"[a-zA-Z0-9]", said):
        return None
    return {"recipient": recipient, "message": said[:1000]}


# Words that open a message and are no teammate's short name, though a name begins with
# them ("wah, bus 03 mogok" is no word for Wahyu).
_NOT_SHORT = words("wah waduh sip siap jos pak bos sal")


def road_task_for(text: str, team: tuple[str, ...]) -> dict[str, Any] | None:
    """{"recipient", "message"} when a teammate named ("jok tolong ...") is asked to do a
    task of the road, not a question; else None."""
    addressed = addressed_request(text, team)
    if addressed is None or "?" in text or not _ADDRESSED_RES[1].search(text.lower()):
        return None
    asked = re.sub(rf"^(?:{_PLEASE})\s+", "", addressed["message"].lower())
    return addressed if _ROAD_TASK_RE.search(asked) else None


def called(said: str, team: tuple[str, ...]) -> str | None:
    """The teammate a name as said calls ("jok": Joko), by _called; None when unsure."""
    firsts = {name_key(p).split()[0]: p.split()[0] for p in team if name_key(p)}
    return _called(name_key(said), firsts) if name_key(said) else None


def _called(said: str, firsts: dict[str, str]) -> str | None:
    """The teammate a word calls: their first name ("sari"), or its first letters as said
    to a colleague ("sar", "jok"), when they begin one name only; else None."""
    if said in firsts:
        return firsts[said]
    if len(said) < 3 or said in _NOT_SHORT or said in STOP_WORDS:
        return None
    whose = {full for first, full in firsts.items() if first.startswith(said)}
    return whose.pop() if len(whose) == 1 else None


def collect_asked(text: str, context: ExtractionContext) -> dict[str, Any] | None:
    """ "tolong ditagih", "sisanya tagih ya" from the owner right after a client's balance was
    shown: word to the admin to collect it (the assistant says whose and how much, and asks
    which admin when there are several). The owner collects through the admins; an admin
    saying it to the assistant names no one to pass it on to."""
    topic = context.topic
    if context.role is not Role.OWNER or context.pending is not None or topic is None:
        return None
    # After one client's balance, word to collect alone; after the list of who owes, "semua"
    # too ("tolong ditagih semua": everyone it showed).
    if topic.intent is Intent.QUERY_OUTSTANDING and topic.fields.client_name:
        if not collect_only(text):
            return None
    elif not (lists_who_owes(topic) and collect_only(text, COLLECT_ALL_RE)):
        return None
    said = _TAIL_RE.sub("", " ".join(text.split())).strip(" ,.")
    return {"recipient": "admin", "message": said[:1000]} if said else None


# "pak budi, ...", or the greeting followed by an apology ("pak budi ngapunten tgl 13 ...").
_ADDRESS_AT_START_RE = re.compile(
    # "pak budi di sini eh keloia ...": the teammate saying who speaks, by voice.
    # ("nuwun sewu pak budi, kula mboten saged ...": an apology first; never a greeting,
    # "pagi pak joko, bsk brgkt jam 5" is said to Joko.)
    r"^\W*(?:(?:nuwun\s+sewu|nyuwun\s+sewu|ngapunten|mohon\s+maaf|mhn\s+maaf)\W+)?"
    rf"{_TITLE}(?P<who>[a-z]+)(?:\s*,\s*|\s+(?:di\s*sini|dsni)\b[\s,.!]*"
    rf"|\s+(?=(?:(?:mohon\s+|mhn\s+)?(?:{SORRY})|ngapunten"
    r"|nyuwun\s+sewu|punten|permisi)\b))"
)
# Only after a comma: "sopir pak hendra ganti pak joko" ends with a name that is no greeting.
_ADDRESS_AT_END_RE = re.compile(rf"\s*,\s*{_TITLE}(?P<who>[a-z]+)\W*$")


def unaddressed(text: str, team: tuple[str, ...]) -> str:
    """A message without the teammate it greets ("pak budi, sy telat 30 menit", "... ban
    bocor, mbak sari", "mbak sari, siapa aja yg blm lunas?"): read the same whoever it
    names."""
    firsts = {name_key(p).split()[0] for p in team if name_key(p)}
    lower = text.lower()
    m = _ADDRESS_AT_START_RE.match(lower)
    if m and m.group("who") in firsts:
        text, lower = text[m.end() :], lower[m.end() :]
    m = _ADDRESS_AT_END_RE.search(lower)
    if m and m.group("who") in firsts and m.start() > 0 and not _PUT_RIGHT_RE.match(lower):
        text = text[: m.start()]
    return text


# "eh bukan slamet, wahyu": the name closing a slip put right is the one meant, never a
# teammate greeted.
_PUT_RIGHT_RE = re.compile(
    # ("eh salah, bukan joko, slamet": the slip owned, then the name called wrong.)
    rf"^{SLIP_OPENED}(?:[\s,]+(?:bukan|bkn))?[\s,]+\S+\s*,?\s*\S+\W*$"
)


def _ordered(lower: str, team: tuple[str, ...]) -> tuple[int, int, int] | None:
    """Where the teammate told to do something is named, and where what to do begins."""
    known = {w.casefold() for person in team for w in person.split()[:1]} | _ROLES
    for pattern in _ORDER_RES:
        m = pattern.search(lower)
        if m and m.group("who") in known and not _OWN_RE.match(lower[m.end() :]):
            return m.start("who"), m.end("who"), m.end()
    return None


def _asked(lower: str, team: tuple[str, ...]) -> tuple[int, int, int] | None:
    """Where the teammate (by name or role) a question is for is named, and where the
    question begins."""
    m = _ASK_RE.search(lower)
    if m is None or _OWN_RE.match(lower[m.end() :]):
        return None
    who = m.group("who")
    firsts = {name_key(p).split()[0]: p.split()[0] for p in team if name_key(p)}
    if who in _ROLES | _CREW or _called(who, firsts) is not None:
        return m.start("who"), m.end("who"), m.end()
    return None


@functools.cache
def _things_told() -> frozenset[str]:
    """Words a message passed on may open with, never part of whom it goes to (kept out of
    the module's word lists, which coverage counts as said)."""
    return words("kwitansi kuitansi invoice nota surat jadwal dp sisa tagihan bus")


_WHO_TOLD_RE = re.compile(r"\b(?:yg|yang|sing)\s+$")
_WHO_RE = re.compile(r"\b(?:siapa|sapa|sopo|sp|sinten)\b")


def relay_request(
    text: str,
    team: tuple[str, ...] = (),
    recent: tuple[str, ...] = (),
    buses: tuple[str, ...] = (),
) -> dict[str, Any] | None:
    """{"recipient", "message"} when the message asks to pass word on to someone named;
    None otherwise. `team`: the PO's people by name, who may be told to do something;
    `recent`: the conversation's last turns, oldest first ("dua-duanya": the two of them);
    `buses`: the fleet's names ("sopir srikandi": the driver of that bus)."""
    lower = text.lower()
    m = _VERB_RE.search(lower)
    if m is not None and _WHO_TOLD_RE.search(lower, 0, m.start()) and _WHO_RE.search(lower):
        return None  # "yg kabarin bu dewi siapa?", "sing kandani ... sopo": who told, asked
    if m is not None:
        start, end, said_from = m.start("who"), m.end("who"), m.end()
    elif (ordered := _ordered(lower, team) or _asked(lower, team)) is not None:
        start, end, said_from = ordered
    elif (told := _DRIVER_TOLD_RE.match(lower)) is not None:
        # "sopir bus 04 besok kumpul jam 6": as "bilangin sopir bus 04 besok kumpul jam 6".
        start, end, said_from = told.start("who"), told.end("who"), told.end("who")
    else:
        return None
    said_words = lower[start:end].split()
    if len(said_words) == 2 and said_words[1] in _things_told():
        # "bilangin ning kwitansi dp ... dikirim": Ning (a name or a title) is told of the
        # receipt; a paper is nobody's name.
        end = said_from = start + len(said_words[0])
    everyone = _EVERYONE_OF_RE.match(lower, start)
    if everyone is not None:
        # "bilangin semua sopir besok rapat jam 8": everyone of that role.
        end = said_from = everyone.end()
    who = lower[start:end]
    if who in _CREW and (both := _BOTH_SEATS_RE.match(lower, end)) is not None:
        # "kabarin sopir sm kernet bus 03 ...": both seats of that trip's crew.
        end = said_from = both.end()
        who = lower[start:end]
    if who in _DRIVERS and (all_of := _ALL_AFTER_RE.match(lower, end)) is not None:
        said_from = all_of.end()
    elif (
        who.split()[0] in _DRIVERS | _KERNETS
        and (whose := _OF_WHOM_RE.match(lower, end)) is not None
    ):
        # "kasih tau sopir pak hendra jemput jam 5": the driver of that client's trip (or of
        # that bus); "bilangin sopir joko ...": Joko himself.
        firsts = {name_key(p).split()[0] for p in team if name_key(p)}
        own = whose.group("name").split()[-1]
        if own in firsts:
            start = whose.start("name")
        elif (
            whose.group("title") is None
            and not whose.group("name").startswith("bus")
            # "sopir srikandi": the driver of a bus called by its name.
            and whose.group("name") not in {b.lower() for b in buses}
            and not _named_before_day(lower, whose)
        ):
            whose = None
        if whose is not None:
            end = said_from = whose.end()
            who = lower[start:end]
    mate = _AND_MATE_RE.match(lower, end) if everyone is None and m is not None else None
    if mate is not None and _may_be_mate(mate.group("mate"), team):
        # "kabari joko karo wahyu, ...": word for both of them.
        end = said_from = mate.end()
        who = lower[start:end]
    if everyone is None and (
        (who.split()[-1] in _NOBODY and who.split()[0] not in _CREW)
        or (who in STOP_WORDS and who not in _DRIVERS)
    ):
        return None
    rest = text[said_from:]
    conditional = _IF_RE.match(rest.lower()) and _CONDITION_RE.search(rest.lower())
    if not conditional:
        rest = rest[_LEAD_RE.match(rest.lower()).end() :]  # type: ignore[union-attr]
    tail = _TAIL_RE.search(rest)
    said = rest[: tail.start()] if tail else rest
    said = as_typed(said)
    if m is not None and not re.search(r"[a-zA-Z0-9]", said):
        # "pulange molor pak, ... jam 9 mlm. tolong kabarin mbak sari": the request closing
        # the message, the word to pass on said before it.
        said = _said_before(text, m.start())
    not_received = _NOT_RECEIVED_RE.search(said.lower())
    if not re.search(r"[a-zA-Z0-9]", said) or (
        _TRIP_NOTICE_RE.match(said.lower()) and not not_received
    ):
        return None
    recipient = text[start:end]
    if everyone is not None and not everyone.group().startswith(("semua", "smua")):
        # "kabari kabeh sopir ...": everyone of the role, as "semua sopir".
        recipient = f"semua {everyone.group('role')}"
    if _BOTH_RE.fullmatch(who):
        # "bilangin dua-duanya ...": the two teammates the last message named; else left as
        # said, and the assistant asks who they are (never a person called "Dua").
        recipient = _two_named(recent, team) or recipient
    # "kernet bus 02 yg tgl 2 kumpul di garasi ...": the day naming the trip whose crew is
    # meant (its ref_date), no part of the word passed on.
    said = _WHOSE_DAY_RE.sub("", said, count=1) or said
    # In the sender's words, as written ("sy telat 30 menit"): the teammate reads them
    # under the sender's name.
    return {"recipient": recipient, "message": said[:1000]}


_BOTH_RE = re.compile(r"dua\W*duanya|dua2nya|keduanya|kedua\W*nya")

_MONEY_SAID_RE = re.compile(r"\d\s*(?:jt|juta|rb|ribu|k)\b|\brp\.?\s*\d")
# The asking before a closing request: "... jam 9 mlm. tolong", "..., mohon".
_ASKING_BEFORE_RE = re.compile(r"(?P<end>[.,;!\n])[\s]*(?:(?:tolong|tlg|mohon|minta|pak|mas)\s+)*$")


def as_typed(said: str) -> str:
    """The word to pass on as typed: its lines kept ("bsk jemput ...\nbawa bus 04"), the
    spaces within a line made one."""
    lines = [" ".join(line.split()) for line in said.split("\n")]
    return "\n".join(lines).strip(" ,.;:-\n")


def _said_before(text: str, verb: int) -> str:
    """The words before a request closing the message, cut from it by a stop or a comma
    ("" when the request does not stand apart)."""
    asking = _ASKING_BEFORE_RE.search(text[:verb].lower())
    if asking is None or _MONEY_SAID_RE.search(text[:verb].lower()):
        # "bu rina udh tf 2jt, tolong kabarin pak budi": money is read as money (recorded,
        # or passed on as cash a driver holds), not as mere word.
        return ""
    return " ".join(text[: asking.start("end")].split()).strip(" ,.;:-")


def _two_named(recent: tuple[str, ...], team: tuple[str, ...]) -> str | None:
    """ "Joko dan Slamet" when the last turn naming any teammate (the bot's answer, else the
    sender's message before it) names exactly two of them; None otherwise."""
    for turn in reversed(recent[-2:]):
        said = set(re.findall(r"[a-z]+", turn.lower()))
        named = [p for p in team if name_key(p) and name_key(p).split()[0] in said]
        if named:
            return " dan ".join(named) if len(named) == 2 else None
    return None


# The answer to "Ke Sari atau ke Rina?": a teammate's name, a title and a "ke"/"aja" around.
_ANSWER_WORDS = words(
    """
    ke sama sm kpd kepada buat utk untuk yg yang aja saja ya yaa dong deh pak bu bapak ibu
    mas mbak mba bang kang om kak min
    """
)


def recipient_answer(text: str, member: str | None) -> str | None:
    """`member` (the teammate the message names) when the message is only that name, as an
    answer to whom word is passed on to ("ke rina aja", "sari"); None otherwise."""
    if member is None:
        return None
    said = re.findall(r"[a-z]+", text.lower())
    own = set(member.lower().split())
    if said and all(w in own or w in _ANSWER_WORDS for w in said) and own & set(said):
        return member
    return None


# "eh bukan pak budi, ke bu rina aja" while word for Pak Budi waits: the one it is for,
# put right.
# "ke sana aja", "ke kantor aja": a place, never the one word is for.
_PLACE_WORDS = words("sana sini situ kantor pool garasi rumah grup group")
_RECIPIENT_PUT_RIGHT_RE = re.compile(
    rf"^{SLIP_OPENED}(?:\s+(?:ke\s+|buat\s+)?{_TITLE}(?P<was>[a-z]+))?\W+"
    rf"(?:(?:tapi|tp)\s+)?(?:bilang(?:nya|ne)?\s+(?:{TO_WHOM})"
    rf"|(?:{PASS_ON})(?:nya|ne)?(?:\s+(?:{TO_WHOM}))?|{TO_WHOM}|buat|utk|untuk)\s+(?P<who>(?P<title>{_TITLE})(?P<name>[a-z]+))"
    r"(?:\s+(?:aja|saja|ya|yaa|deh|dong))*\W*$"
)


def recipient_put_right(text: str, team: tuple[str, ...], was: str | None = None) -> str | None:
    """The one word is for, put right: someone titled ("ke bu rina aja"), of the team
    ("ke sari"), or anyone once the waiting recipient `was` is the one taken back ("bukan
    joko, bilangnya ke slamet"); never "ke sana aja", "buat saya aja", "buat bsk aja"."""
    m = _RECIPIENT_PUT_RIGHT_RE.match(text.lower())
    if m is None or m["name"] in STOP_WORDS | _PLACE_WORDS:
        return None
    firsts = {name_key(p).split()[0] for p in team if name_key(p)}
    taken_back = bool(was and m["was"] and name_key(was).split()[-1:] == [m["was"]])
    known = m["title"] or m["name"] in firsts or m["name"] in _ROLES
    return m["who"] if known or taken_back else None


# Around the one word is for, put right instead of another: "salah orang, harusnya ke
# wawan", "eh ... pak, ke bu sari aja", "itu buat semua sopir".
_INSTEAD_FILLER = words(
    "eh oh sori sorry maaf mf salah orang harusnya hrsnya mestinya ke buat utk untuk sama sm"
    " itu aja saja ya yaa deh dong ding pak bu mas mbak tp tapi kirim kirimnya bilang"
    " bilangnya kabarin kabari infoin bang min"
)
_INSTEAD_WHO_RE = re.compile(
    rf"((?:{ALL}|seluruh)\s+(?:sopir|supir|driver|admin|kernet|kru)\b)"
    r"|(\b(?:sopir|supir|kernet)\s+bus\s+\w+)"
    rf"|(\b(?:{TEAM_TITLE})\.?\s+[a-z]{{3,}})"
    r"|(\b[a-z]{3,}\b)"  # (groups unnamed: a name is no keyword)
)


def recipient_instead(text: str, was: str | None) -> str | None:
    """The one word is for when the waiting recipient `was` is taken back and another put
    in its place, with nothing else said: "bkn semua sopir, semua admin aja", "salah orang,
    harusnya ke wawan bukan wahyu", "kernet bus 05 bkn bus 02"."""
    lower = text.lower()
    was_words = name_key(was or "").split()
    if not was_words or "?" in lower:
        return None
    # The waiting one taken back, whole or by its last words ("bkn bus 02" for "kernet
    # bus 02", "bukan pak budi" for "pak Budi").
    tails = [r"\s+".join(map(re.escape, was_words[i:])) for i in range(len(was_words))]
    taken = re.compile(
        rf"\b(?:{SLIP})\s+(?:(?:cm|cuma|cuman|hanya|ke|buat|utk|sama|sm)\s+)*"
        rf"(?:(?:{TEAM_TITLE})\.?\s+)?(?:{'|'.join(tails)})\b"
    )
    rest, n = taken.subn(" ", lower, count=1)
    if n == 0:
        return None
    found = [m for m in _INSTEAD_WHO_RE.finditer(rest) if not (m[4] and m[4] in _INSTEAD_FILLER)]
    if len(found) != 1:
        return None
    m = found[0]
    left = re.findall(r"[a-z]+", rest[: m.start()] + " " + rest[m.end() :])
    if any(w not in _INSTEAD_FILLER for w in left):
        return None
    if m[4] and m[4] in STOP_WORDS | _PLACE_WORDS:
        return None
    return m.group(0)


def recipients_answer(text: str, team: tuple[str, ...]) -> str | None:
    """ "Joko dan Slamet" when the message is only two or more teammates' names ("ke joko
    dan slamet", "joko, slamet"), as an answer to whom word is passed on to; else None."""
    said = re.findall(r"[a-z]+", text.lower())
    firsts = {name_key(p).split()[0]: p for p in team if name_key(p)}
    named = list(dict.fromkeys(firsts[w] for w in said if w in firsts))
    if len(named) < 2 or not all(w in firsts or w in _ANSWER_WORDS | _AND for w in said):
        return None
    return " dan ".join(named)


_AND = words("dan sama sm")


# The answer "dua-duanya" / "semua" / "dua2nya aja" to "Ke Sari atau ke Rina?": everyone of
# the role the word was for.
_ALL_ANSWER_RE = re.compile(
    r"^\W*(?:(?:ke|sama|sm|buat|utk|untuk|kirim)\s+)*"
    r"(?:dua\W*duanya|dua2nya|dua2|duanya|keduanya|kedua\W*nya|semua|smua|semuanya|smuanya"
    r"|sekalian|dua\W*dua)"
    r"(?:\W+(?:aja|saja|aj|ya|yaa|dong|deh|admin|adminnya|sekalian|pak|bu|mas|mbak|min|kak))*\W*$"
)


def all_of_role(text: str, recipient: str | None) -> str | None:
    """ "semua admin" when the message answers "dua-duanya" / "semua" while word for a role
    ("bilangin admin ...") waits to be sent; None otherwise."""
    role = (recipient or "").strip().lower()
    if role not in _ROLES or not _ALL_ANSWER_RE.match(text.lower()):
        return None
    return f"semua {role}"
