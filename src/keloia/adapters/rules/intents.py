"""Which intent a message carries, and how sure the rules are.

The decision is an ordered list of rules over keyword families and what the field finders
saw (a date, an amount, a route, a bus...). Each rule carries the confidence it earned on
the labelled examples: a rule that fired on strong, unambiguous evidence says ~0.9, a
fallback guess says less than 0.75 so that the router asks Claude when a key is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from keloia.domain.model.intents import Intent


def _kw(words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + words + r")\b")


HELP_RE = _kw(
    r"fitur|fiturnya|bisa\s+apa(?:\s+aja)?|bisa\s+ngapain|caranya|cara\s+\w+|help|bantuan|menu"
    r"|panduan|tutorial|perintah\s+apa|contoh\s+format|formatnya|gimana\s+(?:pake|pakai|make)"
    r"|bagaimana\s+(?:cara|pakai)|pake\s+bot|bot\s*nya\s+bisa|apa\s+aja\s+yang\s+bisa"
)
CANCEL_RE = _kw(
    r"batal|batalin|batalkan|dibatalkan|dibatalin|pembatalan|cancel|cancell?ed|dicancel|gak\s+jadi"
    r"|ga\s+jadi|gk\s+jadi|nggak\s+jadi|ngga\s+jadi|enggak\s+jadi|tidak\s+jadi|tdk\s+jadi|gajadi"
    r"|gajd|ga\s+jd|gak\s+jd|urung|diurungkan|hapus\s+(?:booking|pesanan|order)"
)
COMPLETE_RE = _kw(
    r"selesai|kelar|beres|rampung|done|finish|finished|sudah\s+pulang|udah\s+pulang|sdh\s+pulang"
    r"|udh\s+pulang|sudah\s+balik|udah\s+balik|sdh\s+balik|udh\s+balik|sudah\s+sampai|udah\s+sampe"
    r"|sdh\s+sampai|udah\s+sampai|sdh\s+sampe|sudah\s+tiba|sdh\s+tiba|tiba\s+di\s+pool"
    r"|sampai\s+pool|sampe\s+pool|pulang\s+dengan\s+selamat"
)
UPDATE_RE = _kw(
    r"pindah|dipindah|ganti|diganti|gantinya|ubah|diubah|rubah|dirubah|revisi|direvisi|mundur"
    r"|diundur|dimundurin|undur|maju|dimajukan|dimajuin|majuin|naik|turun|nambah|tambah|ditambah"
    r"|jadinya|minta\s+jemput|reschedule|resched|berubah|perubahan|update|koreksi|bukan|bkn"
    r"|lebih\s+pagi|lebih\s+awal|lebih\s+siang|geser|digeser|jadi\s+(?:ke|jam|tgl|tanggal|pake)"
    r"|(?:tujuan|tujuannya|harga|harganya|jam|jamnya|brkt|berangkat|berangkatnya)\s+jadi"
    r"|sopirnya\s+\w+|supirnya\s+\w+|driver\s*nya"
)
CREATE_RE = _kw(
    r"sewa|nyewa|menyewa|disewa|booking|book|booked|order|orderan|pesan|pesen|pesanan|pesenan"
    r"|carter|charter|carteran|borong|jadi\s+ambil|ambil\s+bus|reservasi|job\s+baru|trip\s+baru"
    r"|rombongan\s+baru|mau\s+ke|rental|dp"
)
NEW_BOOKING_RE = _kw(
    r"sewa|nyewa|menyewa|carter|charter|borong|jadi\s+ambil|reservasi|order\s+baru|booking\s+baru"
    r"|pesanan\s+baru|pesenan\s+baru|job\s+baru|trip\s+baru|rental|pesan\s+(?:bus|elf|hdd|shd)"
    r"|order\s+dari|booking\s+dr|booking\s+dari|pesen\s+(?:bus|elf|hdd)|ada\s+booking"
)
PAYMENT_RE = _kw(
    r"bayar|byr|dibayar|bayarnya|membayar|transfer|transferan|ditransfer|tf|trf|lunas|pelunasan"
    r"|dilunasi|dp|dpnya|uang\s+muka|panjar|masuk|terima|diterima|nerima|refund|setor|titip"
    r"|cash|tunai|qris|kirim|dikirim|pembayaran|dibalikin|dikembalikan|pengembalian|nyicil|cicil"
    r"|cicilan|angsuran"
)
OUTSTANDING_RE = _kw(
    r"sisa|sisanya|kurang|kurangnya|kekurangan|belum\s+bayar|blm\s+bayar|belum\s+lunas"
    r"|blm\s+lunas|belum\s+masuk|blm\s+masuk|belum\s+dibayar|blm\s+dibayar|piutang|tagihan"
    r"|hutang|utang|tunggakan|outstanding|nunggak|belum\s+pelunasan|blm\s+pelunasan"
    r"|yg\s+ngutang|yang\s+ngutang|kurang\s+bayar|belum\s+beres|blm\s+beres"
)
SCHEDULE_RE = _kw(
    r"jadwal|jadwalnya|jdwl|agenda|trip|tripnya|keberangkatan|berangkat|brkt|job|jobnya|orderan"
    r"|kemana|ke\s+mana|narik|booking|bookingan|pesanan|jalan|tugas|penugasan|sewaan|rute"
    r"|full|penuh|kosong|free|libur"
)
BUS_QUERY_RE = _kw(
    r"dimana|di\s+mana|dmn|dmna|posisi|posisinya|lokasi|lokasinya|kondisi|kondisinya|status"
    r"|statusnya|keadaan|pool|ready|kosong|nganggur|tersedia|rusak|sehat|aman|armada|unit"
    r"|bengkel|siap|lg\s+apa|lagi\s+apa|ngapain"
)
QUESTION_RE = re.compile(
    r"\?|\b(?:apa|apakah|siapa|brp|berapa|gimana|gmn|gmana|bagaimana|kapan|mana|dimana|dmn"
    r"|kah|ya\s+gak|gak\s+sih|belum|blm|cek|lihat|liat|list|daftar|info|tolong\s+cek|ada\s+ga"
    r"|ada\s+gak|ada\s+yg|ada\s+yang)\b"
)
CHECK_RE = _kw(r"cek|lihat|liat|list|daftar|info|rekap|tampilkan|kasih\s+tau|kasih\s+tahu")

CONFIRM_WORDS = frozenset(
    """ya iya iyaa iyaaa yaa yes yess yup yoi y ok oke okey okay okee okeh okai sip sipp sippp
    siap gas gass gaskan betul bener benar setuju lanjut lanjutkan mantap mantab simpan
    simpen catat dicatat sesuai cocok acc deal fix good pas tepat boleh bisa confirm
    konfirmasi valid lengkap udah sudah sdh udh benarr beneran""".split()
)
FILLER_WORDS = frozenset(
    """pak bu mas mbak bos boss kak om min admin itu aja saja deh dong sudah udah sdh udh
    semua semuanya data nya datanya yg yang ini tsb tersebut kok kak ya lah gan min sih
    langsung tolong silakan silahkan mohon tadi insyaallah alhamdulillah makasih terima
    kasih trims thanks thx nggih njih injih monggo""".split()
)
REJECT_WORDS = frozenset(
    """batal batalin batalkan bukan bkn jangan jgn tidak tdk gak ga gk nggak ngga enggak engga
    no nope hapus cancel salah keliru ndak ora stop gausah urungkan ulang""".split()
)
CORRECTION_RE = _kw(
    r"bukan|bkn|salah|harusnya|seharusnya|mestinya|yang\s+bener|yg\s+bener|yang\s+benar"
    r"|yg\s+benar|koreksi|ralat|maksudnya|maksud\s+saya|eh|ganti|diganti|ubah|jadi|revisi"
)


@dataclass(frozen=True)
class Signals:
    """What the field finders saw in a message, for the intent rules."""

    lower: str
    has_pending: bool = False
    n_dates: int = 0
    n_money: int = 0
    has_time: bool = False
    has_route: bool = False
    has_route_to: bool = False
    has_bus: bool = False
    has_phone: bool = False
    has_client: bool = False
    has_driver: bool = False
    has_method: bool = False
    has_payment_type: bool = False
    has_maintenance_type: bool = False
    has_bus_status: bool = False
    has_notes: bool = False


def _words(lower: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", lower)


def pending_reply(sig: Signals, has_new_values: bool) -> tuple[Intent, float] | None:
    """confirm / reject / correct: only while an action awaits confirmation."""
    words = _words(sig.lower)
    if has_new_values and (CORRECTION_RE.search(sig.lower) or len(words) <= 6):
        return Intent.CORRECT, 0.85
    if has_new_values:
        return None
    for word in words:
        if word in REJECT_WORDS:
            return Intent.REJECT, 0.9
        if word in CONFIRM_WORDS:
            rest = [w for w in words if w not in CONFIRM_WORDS and w not in FILLER_WORDS]
            return Intent.CONFIRM, 0.93 if len(rest) <= 1 else 0.7
    if not words:  # only an emoji: 👍 is a yes, anything else is unclear
        return (Intent.CONFIRM, 0.8) if "👍" in sig.lower or "👌" in sig.lower else None
    return None


def classify(sig: Signals) -> tuple[Intent, float]:
    """The intent and a confidence in [0, 1]; `unknown` when nothing fits."""
    low = sig.lower
    words = _words(low)
    if not words:
        return Intent.UNKNOWN, 0.6
    question = bool(QUESTION_RE.search(low))
    new_booking = bool(NEW_BOOKING_RE.search(low))
    money = sig.n_money > 0
    fleet_only = sig.has_bus and not (sig.has_client or sig.has_route)

    if HELP_RE.search(low) and not money and sig.n_dates == 0:
        return Intent.HELP, 0.88

    if question and not money:
        if OUTSTANDING_RE.search(low) and not SCHEDULE_RE.search(low.replace("sisa", "")):
            return Intent.QUERY_OUTSTANDING, 0.9
        if OUTSTANDING_RE.search(low):
            return Intent.QUERY_OUTSTANDING, 0.72
        if BUS_QUERY_RE.search(low) and not re.search(r"\b(?:jadwal|jdwl|agenda)\b", low):
            return Intent.QUERY_BUS_STATUS, 0.86 if sig.has_bus or "armada" in low else 0.78
        if SCHEDULE_RE.search(low):
            return Intent.QUERY_SCHEDULE, 0.9 if sig.n_dates else 0.8
        if sig.has_bus and not sig.n_dates:
            return Intent.QUERY_BUS_STATUS, 0.65
        if sig.n_dates and CHECK_RE.search(low):
            return Intent.QUERY_SCHEDULE, 0.7

    if CANCEL_RE.search(low) and not sig.has_maintenance_type and not (
        PAYMENT_RE.search(low) and money
    ):
        return Intent.CANCEL_BOOKING, 0.9 if (sig.has_client or sig.n_dates) else 0.7

    if sig.has_bus_status and not money and not sig.has_client and not new_booking:
        return Intent.UPDATE_BUS_STATUS, 0.9 if sig.has_bus else 0.6

    if sig.has_maintenance_type and not new_booking and not sig.has_client and not sig.has_route:
        if money or sig.has_bus:
            return Intent.LOG_MAINTENANCE, 0.9 if money and sig.has_bus else 0.78
        return Intent.LOG_MAINTENANCE, 0.55

    booking_shape = sig.has_route and (sig.n_dates > 0 or sig.has_bus or sig.has_time)
    if PAYMENT_RE.search(low) and money and not new_booking and not booking_shape:
        if sig.has_client or sig.has_method or sig.has_payment_type:
            return Intent.RECORD_PAYMENT, 0.92
        return Intent.RECORD_PAYMENT, 0.7

    if COMPLETE_RE.search(low) and not money and not new_booking:
        if sig.has_client or re.search(r"\b(?:trip|rombongan|tandai|perjalanan|tour)\b", low):
            return Intent.COMPLETE_BOOKING, 0.88
        if fleet_only:
            return Intent.COMPLETE_BOOKING, 0.6

    if UPDATE_RE.search(low) and not new_booking and (sig.has_client or sig.n_dates):
        changes = sum(
            (sig.n_dates > 0, money, sig.has_time, sig.has_route, sig.has_bus, sig.has_driver)
        )
        if changes:
            return Intent.UPDATE_BOOKING, 0.88 if sig.has_client else 0.76
        return Intent.UPDATE_BOOKING, 0.6

    if new_booking or CREATE_RE.search(low) or booking_shape:
        evidence = sum(
            (sig.has_client, sig.has_route, sig.n_dates > 0, money, sig.has_bus, sig.has_phone)
        )
        if evidence >= 3:
            return Intent.CREATE_BOOKING, 0.93
        if evidence == 2:
            return Intent.CREATE_BOOKING, 0.8
        if evidence == 1 and new_booking:
            return Intent.CREATE_BOOKING, 0.65

    if PAYMENT_RE.search(low) and money:
        return Intent.RECORD_PAYMENT, 0.7

    if SCHEDULE_RE.search(low) and (sig.n_dates or CHECK_RE.search(low)) and not money:
        return Intent.QUERY_SCHEDULE, 0.85 if re.search(r"\b(?:jadwal|agenda)\b", low) else 0.7

    if OUTSTANDING_RE.search(low) and not money and (sig.has_client or CHECK_RE.search(low)):
        return Intent.QUERY_OUTSTANDING, 0.7

    if money and sig.has_client:
        return Intent.RECORD_PAYMENT, 0.5
    return Intent.UNKNOWN, 0.7 if len(words) <= 12 else 0.55
