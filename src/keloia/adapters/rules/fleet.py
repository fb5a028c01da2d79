"""Work done on a bus (maintenance type) and a bus's state (available / maintenance /
retired), from the words mechanics and drivers use."""

from __future__ import annotations

import re

from keloia.adapters.rules.text import STOP_WORDS, said_first, words
from keloia.adapters.rules.vocabulary import (
    ALREADY,
    AND,
    HONORIFIC,
    NO,
    NOT_THIS,
    NOT_YET,
    YESTERDAY,
    word_re,
)
from keloia.domain.model.fleet import BusStatus, MaintenanceType

# What may follow a wiper before its fault: its "nya" ("wipere"), and the bus.
_WIPER_OF = r"(?:nya|ne|e)?(?:\s+(?:bus|bis)\s*\d{1,2})?"
# Its rubber worn down: "karete wis gundul".
_RUBBER_WORN = (
    r"\s+karet\w*\s+(?:(?:wis|wes|udh|udah|sdh|sudah|dah)\s+)?(?:gundul|aus|getas|sobek|robek)\b"
)
# Specific work first; the earliest match in the text wins among these.
MAINTENANCE_WORDS: tuple[tuple[MaintenanceType, str], ...] = (
    (MaintenanceType.OIL_CHANGE, r"oli|oil|pelumas|olie"),
    (MaintenanceType.TIRE, r"ban|vulkanisir|velg|spooring|spooring balancing|balancing|tambal ban"),
    # Braking is the brakes: "bunyi kalo ngerem", "pas direm narik ke kiri", "pengereman".
    (
        MaintenanceType.BRAKE,
        r"rem|kampas|brake|minyak rem|tromol|master rem|ngerem|ngrem|direm|pengereman|mengerem",
    ),
    (MaintenanceType.AC, r"ac|freon|kompresor|compressor|extra fan|evaporator|blower|pendingin"),
    (
        MaintenanceType.ELECTRICAL,
        # ("lampu check engine nyala": the engine's warning, no lamp's fault.)
        r"aki|accu|alternator|dinamo|dynamo|kabel|lampu(?!\s+(?:check|cek)\s+engine)|bohlam"
        r"|kelistrikan|listrik|starter|sekring"
        r"|spedometer|speedometer|spidometer|klakson|wiring|elektrik|sein"
        # "wiper bus 03 mati total", "wipere macet": a wiper that will not move, its motor.
        rf"|wiper(?={_WIPER_OF}\s+(?:mati\s+total|macet))",
    ),
    (
        MaintenanceType.BODY,
        r"body|bodi|kaca|cat|pengecatan|dicat|penyok|spion|bumper|dempul|las|karoseri"
        # (Never "ok jok tunggu", "jok, tolong ...": Joko called by the first letters.)
        r"|jok(?<!ok jok)(?<!ya jok)(?<!ap jok)(?!\s*(?:,|tolong|tlg|gantiin|sabar|kamu|km)\b)"
        r"(?!\s+tunggu\s+(?:di|disitu|disana|sebentar|bentar|dulu|dl|ya)\b)"
        rf"|interior|pintu|wiper(?!{_WIPER_OF}{_RUBBER_WORN})|lecet|baret|atap|plafon|jendela",
    ),
    (
        MaintenanceType.ENGINE,
        # ("overhaul rem": the brakes overhauled, not the engine.)
        r"mesin|overhaul(?!\s+(?:rem|ac|bodi|body))|turun mesin|piston|kopling"
        r"|kampas kopling|plat kopling|gearbox"
        r"|transmisi|radiator|radiatornya|injektor|injector"
        r"|turbo|head cylinder|timing belt|v-belt|fan belt|van belt|vanbelt|fanbelt|gardan"
        r"|kruk as|klep|per daun|per depan|per belakang|shock"
        # ("ganti per": the leaf spring; never "per bus", "per hari".)
        r"|(?<=ganti\s)per(?!\s+(?:bus|bis|unit|hari|hr|orang|org|jam|minggu|bulan|km|liter))"
        r"|shockbreaker|suspensi|bearing|laher|knalpot"
        # What a driver sees of the engine: "ngebul item pas nanjak", "overheat", "brebet"
        # (never "dapur tetep ngebul", a living made, nor smoke of the party's cigarettes).
        r"|ngebul item|ngebul hitam|overheat|brebet|check engine|cek engine",
    ),
    (
        MaintenanceType.GENERAL_SERVICE,
        r"servis|service|serpis|diservis|diservice|servis berkala|service berkala|tune up|tune-up"
        r"|tuneup|perawatan"
        r"|maintenance rutin|cek rutin|berkala",
    ),
    (
        MaintenanceType.OTHER,
        r"kir|uji kir|cuci|salon|pajak|stnk|asuransi|derek|towing"
        # "wiper bus 04 karete wis gundul": the wiper's rubber worn, no part of the body.
        rf"|wiper(?={_WIPER_OF}{_RUBBER_WORN})",
    ),
)
# A part named with its "nya" (Javanese "ne", "e" after a consonant) is the part: "remnya
# agak blong", "acnya mati", "lampune putus", "wipere mati".
_COMPILED = tuple(
    (kind, re.compile(rf"\b(?:{alternation})(?:nya|ne|(?<=[bcdfghjklmnpqrstvwxz])e)?\b"))
    for kind, alternation in MAINTENANCE_WORDS
)
# The specific jobs, and the general service that names a job only when none of them is.
_SPECIFIC = tuple((k, p) for k, p in _COMPILED if k is not MaintenanceType.GENERAL_SERVICE)
_GENERAL = dict(_COMPILED)[MaintenanceType.GENERAL_SERVICE]
_PARTS = tuple((k, p) for k, p in _SPECIFIC if k is not MaintenanceType.OTHER)


_WORN_WIPER_RE = re.compile(rf"\bwiper{_WIPER_OF}{_RUBBER_WORN}")


def worn_wiper(lower: str) -> bool:
    """ "wiper bus 04 karete wis gundul": the wiper's rubber worn (no other part at fault,
    though the glass it leaves dirty is named)."""
    return _WORN_WIPER_RE.search(lower) is not None


def find_maintenance_type(lower: str) -> MaintenanceType | None:
    found = find_work(lower)
    return found[2] if found else None


def find_work(lower: str) -> tuple[int, int, MaintenanceType] | None:
    """The job named in `lower` ("kopling", "ganti oli"): its span and kind; a specific job
    before a general service ("ganti oli + servis": the oil names it; "servis AC" too)."""
    found = said_first(_SPECIFIC, lower)
    if found is not None and found[2] is MaintenanceType.OTHER and not worn_wiper(lower):
        # "bus 03 wis tak cuci. ban mburi gundul": the wash is told in passing; the part
        # with the fault or the work names the job.
        found = said_first(_PARTS, lower) or found
    if found is None and (general := _GENERAL.search(lower)):
        return general.start(), general.end(), MaintenanceType.GENERAL_SERVICE
    return found


_ROUTINE_RE = re.compile(r"\s+(?:rutin|berkala)\b")
_ALONGSIDE_RE = re.compile(r"\b(?:sekalian|skalian|sklian|sekaligus|sambil)\b")


def service_of_works(lower: str, works: list[tuple[int, int, MaintenanceType]]) -> bool:
    """ "servis rutin bus 02:\n- ganti oli mesin\n- cek & setel rem": a service named with
    jobs of several kinds is the general service they make up ("servis, ganti oli & filter"
    stays the oil: one kind of job; "servis ac sama ganti ban" names the AC's service). A
    routine service with a job done alongside it is the service ("servis rutin bus 05 udh
    beres, skalian ganti oli")."""
    routine = any(_ROUTINE_RE.match(lower, g.end()) for g in _GENERAL.finditer(lower))
    if works and routine and _ALONGSIDE_RE.search(lower):
        return True
    if len({kind for _, _, kind in works}) < 2:
        return False
    return any(
        not any(0 <= start - general.end() <= 1 for start, _, _ in works)
        for general in _GENERAL.finditer(lower)
    )


def find_works(lower: str) -> list[tuple[int, int, MaintenanceType]]:
    """Every specific job named in `lower` with its span, in the order said ("ganti kampas
    rem sama oli": the brake, then the oil); a phrase inside a longer one ("kampas" of
    "kampas kopling") is not a job of its own, nor a kind named twice."""
    spans = sorted(
        (m.start(), -(m.end() - m.start()), kind)
        for kind, regex in _SPECIFIC
        for m in regex.finditer(lower)
    )
    works: list[tuple[int, int, MaintenanceType]] = []
    end = -1
    for start, negative_length, kind in spans:
        if start < end:
            continue
        # "ganti oli mesin", "oli gardan": one job named by two words; a second job is
        # joined to the one before ("kampas rem sama oli", "wiper + lampu").
        joined = not works or _JOINER_RE.search(lower, works[-1][1], start) is not None
        end = start - negative_length
        if not joined:
            works[-1] = (works[-1][0], end, works[-1][2])  # "lampu rem": the job goes on
        elif kind not in [w[2] for w in works]:
            works.append((start, end, kind))
    return works


# A new line joins jobs as a comma does ("- ganti oli\n- ganti kampas rem").
_JOINER_RE = re.compile(rf"[,+&\n]|\b(?:{AND}|plus|juga|jg|serta|sekalian|skalian)\b")


# Waiting, for a part or at the workshop ("nunggu sparepart", "ngenteni onderdil").
_WAIT = "nunggu|nungguin|tunggu|menunggu|ngenteni|nunggoni"
# The verb before a job ("ganti kopling", "servis ac", "benerin rem"), kept in its note.
_WORK_VERB_RE = re.compile(
    # ("dicek acnya", "diganti kampasnya": the verb with its "di-".)
    r"\b(?:di)?(?:ganti|gnti|servis|service|perbaikan|perbaiki|benerin|betulin|cek|pasang|tambal"
    r"|las|overhaul|bongkar|setel|stel)\s+(?:\w+\s+)?$"
    # "nunggu sparepart kopling": waiting for the part is what the stay is for.
    rf"|\b(?:{_WAIT})\s+(?:\w+\s+)?$"
)
# Where a job's words end: the clause's end, a date, or a blanked value.
_WORK_END_RE = re.compile(
    r"[,.;\n]|\b(?:tgl|tanggal|mulai|sampai|sampe|smp|dari|dr|besok|lusa|hari|trus|terus"
    # ("ganti kopling neng bengkel pak man": where, Javanese; "... jadi jangan dijadwalkan
    # dulu": what follows from it.)
    r"|neng|nang|ning|teng|jadi|jd|jangan|jgn|soalnya|soale|karena|krn"
    rf"|lalu|{AND}|di|ke|ya)\b|\s{{2,}}"
)


def work_note(text: str, masked: str) -> str:
    """The job a bus goes to the workshop for, as written ("ganti kopling"): kept as the
    stay's note, so it is not dropped. `masked`: `text` lowercased with its values
    blanked (same offsets)."""
    found = find_work(masked)
    if found is None:
        # "nunggu sparepart dr semarang": no job named, the part it waits for is why.
        # (Where from is part of it: "dr semarang" is kept.)
        waiting = _WAITING_PART_RE.search(masked)
        if waiting is None:
            return ""
        stop = _WAITING_END_RE.search(masked, waiting.end())
        return text[waiting.start() : stop.start() if stop else len(text)].strip(" ,.-")
    start, end, _ = found
    verb = _WORK_VERB_RE.search(masked[max(0, start - 20) : start])
    if verb:
        start -= len(masked[max(0, start - 20) : start]) - verb.start()
    stop = _WORK_END_RE.search(masked, end)
    while stop and (more := _job_joined(masked, stop)):
        stop = _WORK_END_RE.search(masked, more)  # "ganti ban sama spooring": both jobs
    return text[start : stop.start() if stop else len(text)].strip(" ,.-")


_WAITING_PART_RE = re.compile(
    rf"\b(?:{_WAIT})\s+"
    r"(?:spare\s?part|sparepart|part|onderdil|suku\s+cadang)\w*"
)
_WAITING_END_RE = re.compile(
    r"[,.;\n]|\b(?:tgl|tanggal|mulai|sampai|sampe|smp|besok|lusa|hari|trus|terus|lalu|ya)\b"
    r"|\s{2,}"
)
_AND_RE = re.compile(rf"(?:{AND})$")
# At most one word (a verb: "sm ganti ban depan") between the joining word and the job;
# single spaces, so never a blanked value ("sama bus 03 ganti ban": another bus's job).
_ONE_WORD_RE = re.compile(r" ?(?:\w+ )?")


def _job_joined(masked: str, stop: re.Match[str]) -> int | None:
    """Where a second job joined to the first by "sama"/"dan" ends ("ganti ban sama
    spooring"), or None when what follows the word is no job ("ganti oli sama bus 03")."""
    if not _AND_RE.match(stop.group(0)):
        return None
    rest = masked[stop.end() :]
    job = find_work(rest)
    if job is None or not _ONE_WORD_RE.fullmatch(rest[: job[0]]):
        return None
    return stop.end() + job[1]


def works_note(text: str, masked: str, works: list[tuple[int, int, MaintenanceType]]) -> str:
    """The jobs done, as written from the first to the last ("ganti kampas rem sama oli"):
    a record of one of them keeps the others in its note."""
    start, end = works[0][0], works[-1][1]
    verb = _WORK_VERB_RE.search(masked[max(0, start - 20) : start])
    if verb:
        start -= len(masked[max(0, start - 20) : start]) - verb.start()
    return text[start:end].strip(" ,.-")


RETIRED_RE = word_re(
    r"pensiun|dipensiunkan|pensiunkan|dipensiunin|pensiunin|dijual|terjual|didol|laku|afkir"
    r"|diafkir|retired|retire"
    r"|scrap|rongsok|nonaktif"
    # "ga dipake lg", "tdk dioperasikan lagi": out of use for good.
    rf"|(?:{NO})\s+(?:di)?(?:pake|pakai|operasikan|operasiin)\s+(?:lagi|lg|maneh|meneh)"
    # "mau sy jual", "rencananya kami jual": to be sold; "sudah saya jual": sold.
    r"|(?:mau|mo|akan|arep|rencana|rencananya|pengen|pingin|sudah|udah|udh|sdh|dah|telah)"
    r"\s+(?:sy|saya|kami|aku|tak|dak)\s+jual"
    r"|non\s*aktif|dihapus\s+dari\s+armada|keluar\s+dari\s+armada"
    # Javanese: "bus 06 tak dol, ra dienggo meneh" (sold, not used any more).
    r"|(?:tak|dak|wis|arep)\s+dol|diedol|kedol|(?:ra|ora|gak|ga)\s+dienggo\s+(?:meneh|maneh|lagi)"
)
AVAILABLE_RE = word_re(
    r"available|ready|redi|siap\s+jalan|siap\s+dipakai|siap\s+dipake|siap\s+operasi"
    r"|bisa\s+jalan|bisa\s+dipake|bisa\s+dipakai|bisa\s+operasi|normal\s+lagi|aktif\s+lagi"
    r"|aktifkan|jalan\s+lagi|udah\s+sehat|sdh\s+sehat"
    # Javanese "wis iso mlaku maneh" (can run again).
    r"|(?:iso|isa)\s+(?:mlaku|jalan)|mlaku\s+(?:maneh|meneh)"
    # Out of the workshop: "keluar bengkel", "kelar dr bengkel", Javanese "wis metu bengkel".
    r"|(?:keluar|kluar|metu|medal)\s+(?:(?:dari|dr|seko|soko|saka)\s+)?bengkel"
    # "bus 05 udh balik dr bengkel": back from it.
    r"|(?:udh|udah|sudah|sdh|wis|wes)\s+(?:balik|pulang|mulih|kembali)\s+(?:dari|dr|seko|soko|saka)\s+bengkel"
    r"|(?:kelar|selesai|rampung)\s+(?:dari|dr)\s+bengkel"
    # "kemarin masih diservis, skrg udh keluar": out again, said done.
    r"|(?:sudah|udah|sdh|udh|wis|wes)\s+(?:keluar|kluar|metu)"
    r"|sudah\s+sehat|sehat\s+lagi|beroperasi\s+lagi|set\s+available|set\s+aktif|siap\s+tempur"
    r"|(?:sudah|udah|sdh|udh)\s+(?:normal|bener|beres|baik)|nganggur|standby|stand\s+by|free|bisa\s+dipakai\s+lagi|tersedia|menjadi\s+tersedia"
)
# A bus that broke down ("mogok", "rusak"): said with what is wrong ("radiatornya bocor"),
# it is a problem reported, not the bus sent to the workshop (intents._problem).
# The longer "rusak berat" first: an alternation takes the first that fits.
_BREAKDOWN = r"mogok|rusak\s+berat|rusak|trouble|breakdown"
BREAKDOWN_RE = word_re(_BREAKDOWN)
# Before a workshop verb: not told to keep the bus out ("ojo", "ra usah", "rasah", "jgn").
_NOT_KEPT_OUT = (
    r"(?<!ojo\s)(?<!jgn\s)(?<!jangan\s)(?<!usah\s)(?<!sah\s)(?<!rasah\s)(?<!gausah\s)"
    r"(?<!ga\s)(?<!gak\s)(?<!ora\s)(?<!ra\s)"
)
MAINTENANCE_RE = word_re(
    r"(?:masuk|msk|mlebu|nginep|nginap|menginap|inap)\s+(?:di\s+)?bengkel|di\s*bengkel|dibengkel|ke\s+bengkel|ngandang|dikandangin|dikandangkan"
    # "bus 04 bengkel sesuk smp kamis": the bus's number, then "bengkel" as the verb and when.
    r"|(?<=\d\s)bengkel(?=\s+(?:besok|bsk|sesuk|lusa|mulai|tgl|tanggal|hari\s+ini|hr\s+ini"
    r"|senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b)"
    # Put in by someone: "tak masukin bengkel", "dimasukkan ke bengkel", "mlebokke bengkel".
    r"|(?:di)?(?:masukin|masukkin|masukkan|masukan|mlebokke|lebokke)\s+(?:ke\s+)?bengkel"
    # Javanese "tak masuke bengkel" (never "ojo dimasukke", "ra usah dimasukno").
    rf"|{_NOT_KEPT_OUT}(?:di)?(?:masuke|masukke|masukno)\s+(?:ke\s+)?bengkel"
    # Taken there by the sender, "ke" left out: "tak gowo bengkel saiki", "sy bawa bengkel"
    # (never done before, "udh tak kirim bengkel", or a paper sent, "kirim bengkel nomer").
    r"|(?<!udh\s)(?<!udah\s)(?<!sudah\s)(?<!wis\s)(?<!wes\s)(?<!kmrn\s)(?<!td\s)(?<!tadi\s)"
    r"(?:tak|sy|saya|aku|kulo)\s+(?:gowo|bawa|kirim)\s+bengkel"
    r"(?!\s+(?:alamat|nomer|nomor|no|foto|fotone|plat|surat|nota|data|lokasi|share|pesan)\w*)"
    # Told to be taken now: "bus 02 gowo bengkel saiki wae" (never "ojo gowo bengkel saiki").
    rf"|{_NOT_KEPT_OUT}\b(?:gowo|bawa)\s+bengkel\s+"
    r"(?:saiki|sekarang|skrg|dino\s+iki|hari\s+ini|hr\s+ini)\b"
    # Javanese "tak bengkelke" (I put it in the workshop), "dibengkelke".
    # ("bus 02 jgn dibengkelin dulu", "ojo dibengkelke sik": kept out of it.)
    r"|(?<!jgn\s)(?<!jangan\s)(?<!ojo\s)(?<!usah\s)(?<!ga\s)(?<!gak\s)(?<!ndak\s)"
    r"(?:di)?(?:bengkelke|bengkelkke|bengkelno|bengkelne|bengkelin)"
    rf"|maintenance|perbaikan|{_BREAKDOWN}|masuk\s+karoseri|off\s+dulu|off"
    r"|gak\s+bisa\s+jalan|ga\s+bisa\s+jalan|tidak\s+bisa\s+jalan|nggak\s+bisa\s+jalan"
    r"|(?:lagi|lg|sedang|sdg|masih|msh)\s+(?:di)?(?:servis|service)|sedang\s+diperbaiki|diperbaiki"
    r"|opname"
    # Going in to be serviced: "bus 02 mau diservis", "arep diservis" (a stay to come).
    r"|(?:mau|akan|mo|arep|meh|rencana)\s+(?:di)?(?:servis|service|servise)"
    r"|turun\s+mesin|istirahat\s+dulu"
    r"|set\s+maintenance|tidak\s+aktif|jangan\s+dijadwalkan|jangan\s+dipake|workshop"
    # The stay moved to a day said: "bengkel e bus 04 diundur dadi tgl 5", "bengkelnya
    # dimajuin tgl 3" (never "diundur minggu depan", no day to set).
    r"|bengkel(?:nya|ne|e)?\s+(?:[\w]+\s+){0,3}?(?:di)?(?:undur|mundur|maju|majuin|majukan|pindah"
    r"|geser)\w*\s+(?:(?:dadi|jadi|jd|ke|mulai)\s+)?(?:tgl|tanggal|\d)"
    r"|not\s+working"
)


# "tak kirim bus 02 buat gantiin", "diganti bus 02", "ganti pake bus 02": another bus sent
# in place of one that broke down.
SENT_IN_PLACE_RE = re.compile(
    r"\b(?:buat|untuk|utk|bwt|biar)\s+(?:n?gantii?n|gantikan|menggantikan|ganti|nggantikan)\b"
    r"|\b(?:di)?ganti(?:in|kan)?\s+(?:(?:pake|pakai|pk|dgn|dengan|sama|sm)\s+)?(?:bus|bis)\b"
    r"|\b(?:kirim|ngirim|dikirim)\w*\s+(?:bus|bis)\b"
)


# "bus 03 brgkt ke muntilan gantiin bus 01": the bus named first goes in place of the one
# right after the verb (never "digantiin bus 03": that bus is the new one).
IN_PLACE_OF_RE = re.compile(
    r"\b(?:gantiin|gantikan|gantiken|ngegantiin|nggantiin|nggantikan|menggantikan|gantiake|nggantiake)"
    r"\s+(?=(?:bus|bis)\b)"
)


# "kirim bus 02 ke secang buat lanjutin rombongan masjid": a bus sent to carry on a trip
# under way (its bus broke down); where it is sent is where the party waits.
CARRIES_ON_RE = re.compile(
    r"\b(?:kirim|kirimin|ngirim|dikirim|tak\s+kirim|sy\s+kirim|brgktin|berangkatin)\b.*"
    r"\b(?:buat|bwt|untuk|utk|kanggo|nggo)\s+(?:(?:lanjutin|nglanjutin|ngelanjutin|melanjutkan"
    r"|lanjutkan|lanjutke|nerusin|neruske|nerusake|terusin|meneruskan|bawa\s+lagi)\s+)?"
    r"(?:rombongan|trip|perjalanan|tamu|peserta)"
)


def broken_down_replaced(lower: str) -> re.Match[str] | None:
    """ "bus 01 ... mogok di secang, radiatornya bocor. tak kirim bus 02 buat gantiin": a bus
    broken down and another sent in its place (the match: the breakdown word)."""
    broken = BREAKDOWN_RE.search(lower)
    if broken is None or SENT_IN_PLACE_RE.search(lower, broken.end()) is None:
        return None
    return broken


def breakdown_only(lower: str) -> bool:
    """The only workshop words said are of a breakdown ("bus 01 mogok di muntilan"), none
    of the bus taken off the road ("masuk bengkel", "off dulu", "set maintenance")."""
    said = [m.group(0) for m in MAINTENANCE_RE.finditer(lower)]
    return (
        bool(said)
        and not AVAILABLE_RE.search(lower)
        and all(BREAKDOWN_RE.fullmatch(word) for word in said)
    )


# "td pagi", "kemarin", "udh": work said done, not a stay to come or under way.
_DONE_RE = word_re(rf"tadi|td|barusan|brusan|{YESTERDAY}|{ALREADY}|abis|habis|kelar|selesai")
# "lagi di bengkel", "masih di bengkel", "udh di bengkel": the bus there now.
_THERE_NOW_RE = re.compile(rf"\b(?:lagi|lg|sedang|masih|msh|{ALREADY})\s+$")


def work_done_at_workshop(lower: str) -> bool:
    """ "bus 02 td pagi ganti oli di bengkel", "kemarin servis di bengkel pak amin": work
    done, the workshop only where it was done; no stay said ("masuk bengkel", "lagi di
    bengkel", "off dulu"). The caller knows the work is named."""
    said = list(MAINTENANCE_RE.finditer(lower))
    return (
        bool(said)
        and _DONE_RE.search(lower) is not None
        and not AVAILABLE_RE.search(lower)
        and all(
            re.fullmatch(r"di\s*bengkel", m.group(0))
            and not _THERE_NOW_RE.search(lower[max(0, m.start() - 12) : m.start()])
            for m in said
        )
    )


# "ga bisa jalan", "belum ready": a negated "usable" word says the opposite.
NEGATION_RE = re.compile(rf"\b(?:{NO}|{NOT_YET}|{NOT_THIS})\s+$")


# "masih bisa jalan", "tetep bisa dipake": usable still, said of a fault (the bus never left
# the road, so its status does not change).
STILL_RE = re.compile(r"\b(?:masih|msh|masi|tetap|tetep|ttp|tetp)\s+$")
# "tolong dicek sebelum jalan lagi": when the bus is to be usable again, not that it is.
BEFORE_RE = re.compile(r"\b(?:sebelum|sblm|sebelom|sblum)\s+$")


def find_bus_status(lower: str) -> BusStatus | None:
    retired = [m for m in RETIRED_RE.finditer(lower) if not _DONT_RE.search(lower, 0, m.start())]
    if retired:
        return BusStatus.RETIRED
    negated = False
    # "available lagi" after a workshop stay mentions both: being usable again wins.
    for m in AVAILABLE_RE.finditer(lower):
        if STILL_RE.search(lower, 0, m.start()):
            continue  # "retak ..., msh bisa jalan tp perlu dicek": never off the road
        if BEFORE_RE.search(lower, 0, m.start()):
            continue  # "sebelum jalan lagi": not back on the road yet
        if _FORECAST_RE.search(lower, max(0, m.start() - 30), m.start()):
            continue  # "masuk bengkel ..., paling kamis udah keluar": when it is to be out
        if not NEGATION_RE.search(lower[max(0, m.start() - 10) : m.start()]):
            return BusStatus.AVAILABLE
        negated = True
    in_workshop = any(
        not _NOT_TAKEN_RE.search(lower[max(0, m.start() - 30) : m.start()])
        for m in MAINTENANCE_RE.finditer(lower)
    )
    if negated or in_workshop:
        return BusStatus.MAINTENANCE
    return None


_FORECAST_RE = re.compile(
    r"\b(?:paling|palingan|mungkin|kira2|kira-kira|kayaknya|kayane|perkiraan|estimasi|target"
    r"|insya\s*allah|insyaallah|rencana\w*)\b"
)
# "jangan pensiun, masuk bengkel aja": a status refused.
_DONT_RE = re.compile(r"\b(?:jangan|jgn|jngn|ojo|ojok|ga\s+usah|gak\s+usah|gausah)\s+(?:di)?$")


# A bus a trip is given ("pindah ke bus 03", "pake bus 03", "ganti bus 03"): never the one
# whose status is said beside it.
_GIVEN_BUS_RE = re.compile(
    r"\b(?:ke|pake|pakai|pk|ganti|diganti|gantinya|jadi|jd|kasih|pasang)\s+(?:(?:bus|bis)\s+)?$"
)
# Where a clause ends: a mark, or a word that gives a reason or goes on to the next thing.
_CLAUSE_END_RE = re.compile(
    r"[,;.!?\n]|\b(?:trus|terus|trs|lalu|soalnya|karena|krn|soale|sekalian|tapi|tp)\b"
)


def status_bus(lower: str, status: str, spans: list[tuple[int, int]]) -> int | None:
    """Of several buses named, the index in `spans` of the one whose status the message
    says: the one in the clause of the status word, the nearest before it first ("pindah ke
    bus 03 aja, bus 02 mau tak masukin bengkel": Bus 02, never the bus the trip is moved
    to). None when nothing tells."""
    said = AVAILABLE_RE if status == BusStatus.AVAILABLE.value else MAINTENANCE_RE
    word = said.search(lower)
    if word is None or len(spans) < 2:
        return None
    ends = [m.start() for m in _CLAUSE_END_RE.finditer(lower)]
    begin = max((e for e in ends if e < word.start()), default=0)
    end = min((e for e in ends if e >= word.end()), default=len(lower))
    own = [i for i, (start, _) in enumerate(spans) if not _GIVEN_BUS_RE.search(lower[:start][-20:])]
    inside = [i for i in own if begin <= spans[i][0] < end]
    before = [i for i in inside if spans[i][0] < word.start()]
    if before:
        return before[-1]
    if inside:
        return inside[0]
    return own[0] if own and len(own) < len(spans) else None


# "belum saya bawa ke bengkel", "ga sempet masuk bengkel": not in the workshop.
_NOT_TAKEN_RE = re.compile(rf"\b(?:{NO}|{NOT_YET})\s+(?:[a-z]+\s+){{0,2}}$")


# "di bengkel pak man", "bengkel jaya motor 450rb": who did the work, a place and no client.
WORKSHOP_RE = re.compile(
    rf"\bbengkel(?:nya)?\s+(?P<name>(?:(?:{HONORIFIC})\s+)?[a-z][\w'&.-]*(?:\s+[\w'&.-]+){{0,3}})"
)
# Words that end a workshop's name: the talk after it ("bengkel dulu", "bengkel mulai tgl
# 3", "di bengkel ganti oli"); "pinggir jalan" describes one.
# "di bengkel deket sini", "bengkel terdekat": where it is, no workshop's name.
_NOT_WORKSHOP = (
    STOP_WORDS
    | words("sampe smpe terus trs kok msh masih kah nggih")
    | words("deket dekat dkt sini situ sana terdekat sebelah samping pinggir seberang")
    # "masuk bengkel turun mesin": the work it goes in for, no workshop's name.
    | words("turun ganti servis service cek overhaul perbaikan benerin dibenerin spooring")
    # "dibawa ke bengkel dicek": what is done there, no workshop's name.
    | words("dicek diperiksa periksa diservis dibetulin betulin diganti dilihat diliat")
    # "masuk bengkel sehari", "bengkel seminggu": how long, no workshop's name.
    | words("sehari seminggu sebulan sedino seminggon semalam sewengi beberapa bbrp")
    # "di bengkel nunggu onderdil": waiting there, no workshop's name.
    | words(_WAIT.replace("|", " "))
) - words(f"{HONORIFIC.replace('|', ' ')} jalan")


_NOT_A_NAME_WORD_RE = re.compile(r"\d|(?:km|kilometer|odo|odometer)(?:nya)?$")


def find_workshop(text: str, lower: str) -> tuple[int, int, str] | None:
    """The workshop named after "bengkel" in `lower` (values already blanked): its span
    and its name as written ("Bengkel Jaya Motor"), or None for "masuk bengkel dulu". The
    first "bengkel" may name none ("msk bengkel tgl 3 smp tgl 5 ... di bengkel pak man")."""
    m = WORKSHOP_RE.search(lower)
    while m is not None:
        named = _workshop_named(text, lower, m)
        if named is not None:
            return named
        m = WORKSHOP_RE.search(lower, m.start("name"))  # the name may hold the next one
    return None


def _workshop_named(text: str, lower: str, m: re.Match[str]) -> tuple[int, int, str] | None:
    end = m.start("name")
    # "masuk bengkel besok s/d tgl 4": a day (blanked) right after "bengkel", then the
    # talk; a workshop's name follows the word itself, and "s/d" is "sampai".
    if re.match(r"[a-z]/", lower[end:]) or text[m.start() : end].split()[1:]:
        return None
    honorific = re.match(rf"(?:{HONORIFIC})\s+", lower[end:])
    for n, word in enumerate(re.finditer(r"[\w'&.-]+", lower[m.start("name") : m.end("name")])):
        # "bengkel tgl 20 sampe 22 ya. ket: ...": a word closing a sentence is still talk.
        if word.group(0).rstrip(".") in _NOT_WORKSHOP and not (honorific and n == 1):
            break
        at = m.start("name") + word.start()
        if _NOT_A_NAME_WORD_RE.match(word.group(0)) or text[end:at].strip() or "\n" in text[end:at]:
            break  # "di bengkel pak man 650rb kilometernya ...": the cost (blanked) ends it
        end = m.start("name") + word.end()
    name = text[m.start("name") : end].strip(" .-")
    # "masih di bengkel pak": the person spoken to, no workshop's name.
    if not name or re.fullmatch(rf"(?:{HONORIFIC})(?:\s+(?:{HONORIFIC}))*", name.lower()):
        return None
    return m.start(), end, "Bengkel " + (name.title() if name.islower() else name)
