"""What the bot says. Every word a person reads is built here from validated records,
never copied from a language model's text."""

from __future__ import annotations

import re
from datetime import date, time

from keloia.domain.model.conversation import PendingAction
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.messages import (
    MAX_BUTTON_TITLE,
    Button,
    InboundMedia,
    MessageKind,
    OutboundMessage,
)
from keloia.domain.model.money import CostCategory
from keloia.domain.model.payments import PaymentType, format_rupiah
from keloia.domain.model.tenants import ROLE_LABELS, Role, Tenant, User
from keloia.domain.model.text import SHORT_MONTHS, as_written, day_label, format_km
from keloia.domain.model.undo import RecordKind

# The most lines one answer lists (a PO's trips, buses or papers); the dashboard has the rest.
MAX_LIST_LINES = 30
# The longest period one chat answer covers ("jadwal smp akhir bulan" said on 30 Nov runs to
# 31 Des); longer is the dashboard's.
MAX_ASKED_DAYS = 62

CONFIRM_PREFIX = "ya:"
EDIT_PREFIX = "ubah:"
CANCEL_PREFIX = "batal:"
PICK_PREFIX = "pilih:"
PENDING_PREFIXES = frozenset({CONFIRM_PREFIX, EDIT_PREFIX, CANCEL_PREFIX, PICK_PREFIX})

# Said under a proposal read with little confidence.
UNSURE_READING = "_Saya kurang yakin membaca pesan ini: mohon periksa rinciannya dulu._"
ONLY_TEXT = "Maaf, untuk saat ini Keloia baru bisa membaca pesan teks. Silakan ketik pesannya."
VOICE_NOTE = (
    "Terima kasih, pesan suaranya sudah kami terima. Maaf, Keloia belum bisa mendengarkan "
    "pesan suara. Mohon ketik pesannya, ya."
)
MEDIA_KEPT = (
    "Terima kasih, {what} sudah kami simpan. Kalau ini bukti pembayaran, kirim ulang dengan "
    'keterangan, misalnya: "bukti tf dp bu wati 1,5jt".'
)
ASK_INVITE = (
    "Halo! Nomor ini belum terdaftar di Keloia. Kalau Anda sudah mendapat kode undangan "
    "dari pemilik PO, kirim kodenya di sini (contoh: KODE AB12CD34)."
)
NO_PHONE = (
    "Halo! Nomor WhatsApp Anda tidak terlihat oleh sistem kami, jadi belum bisa didaftarkan. "
    "Mohon hubungi pemilik PO untuk didaftarkan dengan nomor telepon."
)
RATE_LIMITED = (
    "Pesan Anda banyak sekali dalam waktu singkat. Sisanya saya proses sebentar lagi, "
    "mohon tunggu, ya."
)
FAILED = (
    "Maaf, pesan Anda barusan gagal kami proses karena gangguan di sistem kami. "
    "Mohon kirim ulang dengan kalimat lain, atau hubungi admin PO."
)
INACTIVE = "Nomor ini sudah terdaftar tetapi sedang dinonaktifkan. Silakan hubungi pemilik PO."
STILL_PENDING = "Catatan sebelumnya masih menunggu konfirmasi: balas *ya* atau tulis koreksinya."
NOTHING_PENDING = "Baik 👍 Saat ini tidak ada yang menunggu konfirmasi."
NOTED = "Baik 👍"
NOTHING_TO_CALL_OFF = (
    "Baik 👍 Saat ini tidak ada yang menunggu konfirmasi, jadi tidak ada yang perlu "
    "dibatalkan. Kalau yang mau dibatalkan sudah tercatat, tulis *hapus yang barusan* (untuk "
    "catatan Anda hari ini)"
)
ALREADY_DONE = "Yang itu sudah tercatat sebelumnya, tidak dicatat dua kali."
DROPPED = "Baik, dibatalkan. Tidak ada yang dicatat."
TOO_LATE_TO_DROP = (
    "Yang tadi sudah tercatat. Kalau perlu diubah atau dibatalkan, tulis saja, misalnya: "
    '"batalkan booking Pak Agus tgl 15".'
)
NO_UNDO_OF_UNDO = (
    "Yang tadi sudah dibatalkan dan tidak bisa dikembalikan lewat chat. Kalau ternyata benar, "
    "silakan catat ulang."
)
ASK_CORRECTION = 'Silakan tulis yang perlu diubah, misalnya: "bukan tgl 15, tgl 16".'
SUPERSEDED = (
    "Tombol itu untuk usulan sebelumnya yang sudah diganti dengan koreksi Anda, jadi tidak "
    "dicatat. Silakan periksa usulan terbaru dan tekan *Ya, catat* di sana."
)
REFUSED_NOT_SAVED = (
    "Yang tadi belum dicatat karena bentrok. Sebutkan bus lain, misalnya: *pake bus 04 aja*, "
    "atau ketik *batal*."
)
CREW_REFUSED_NOT_SAVED = (
    "Yang tadi belum dicatat karena sopir/kernetnya bentrok. Sebutkan sopir atau kernet lain "
    "yang kosong, misalnya: *sopirnya ... aja*, atau ketik *batal*."
)
CLIENT_UNKNOWN_NOT_SAVED = (
    "Yang tadi belum dicatat karena bookingnya tidak ditemukan. Sebutkan nama klien yang "
    "benar, misalnya: *maksudnya pak hendra*, atau ketik *batal*."
)
REFUSED_DROPPED = "Baik, yang tadi tidak dicatat."
NOT_YOUR_BUTTON = "Tombol itu sudah tidak berlaku atau bukan untuk Anda; tidak ada yang saya ubah."
CALLED_OFF = "Usulan itu sudah dibatalkan tadi, jadi tidak ada yang dicatat."
NO_LONGER_WAITING = "Usulan itu sudah tidak menunggu konfirmasi, jadi tidak ada yang dicatat."
EXPIRED = "Konfirmasi sebelumnya sudah lewat 30 menit, jadi tidak dicatat. Silakan kirim ulang."
NOT_UNDERSTOOD = (
    "Maaf, saya belum menangkap maksudnya. Contoh yang bisa saya catat:\n"
    "• Pak Agus booking 15 Maret Jogja–Semarang bus 01, 15 jt, DP 5 jt\n"
    "• Bu Rina transfer pelunasan 10 jt BCA\n"
    "• jadwal besok?\n"
    "Ketik *bantuan* untuk daftar lengkap."
)
# A driver is shown what a driver can do (never bookings or money).
DRIVER_NOT_UNDERSTOOD = (
    "Maaf, saya belum menangkap maksudnya. Contoh yang bisa saya catat:\n"
    "• trip hari ini sudah selesai\n"
    "• bus 03 km 201.350\n"
    "• rem bus 02 bunyi, perlu dicek\n"
    "• jadwal besok?\n"
    "Ketik *bantuan* untuk daftar lengkap."
)


def nothing_to_call_off(role: Role) -> str:
    """ "batal" with nothing waiting: what is already saved is taken back another way."""
    if role is Role.DRIVER:
        return NOTHING_TO_CALL_OFF + "."
    return NOTHING_TO_CALL_OFF + " atau misalnya *batalkan booking Pak Agus tgl 15*."


def not_understood(role: Role) -> str:
    return DRIVER_NOT_UNDERSTOOD if role is Role.DRIVER else NOT_UNDERSTOOD


def amount_for_what(amount: int, role: Role) -> str:
    """A bare amount ("3500000"): what it is for is asked; the next message says it."""
    examples = (
        "*solar*, *tol*, atau *parkir*"
        if role is Role.DRIVER
        else "*DP Pak Agus*, *pelunasan Bu Rina*, atau *solar bus 01*"
    )
    return f"{format_rupiah(amount)} ini untuk apa? Tulis misalnya {examples}."


STALE = "Pesan Anda dari {when} baru sampai ke kami. Mohon dicek: apakah masih berlaku?"

# Owner and admin are offered the same list.
MANAGER_HELP = (
    "Yang bisa saya bantu:\n"
    '• Catat booking: "Pak Agus 15 Maret Jogja–Semarang bus 01, 15 jt, DP 5 jt"\n'
    '• Ubah/batal: "Pak Agus tgl 15 ganti bus 03", "batalin pesanan Bu Rina lusa"\n'
    '• Pembayaran: "Pak Agus pelunasan 10 jt tf BCA"\n'
    '• Armada: "bus 02 masuk bengkel", "bus 01 ganti oli 850rb"\n'
    '• Tanya: "jadwal besok?", "siapa yang belum lunas?", "status bus?"\n'
    '• Rekap keuangan: "rekap bulan ini" (uang masuk dan pengeluaran); lengkapnya di '
    "dashboard, halaman Keuangan (/keuangan)\n"
    '• Salah catat: "hapus yang barusan", "koreksi dp Pak Agus 1,5jt bukan 1jt"\n'
    "• Anggota tim baru: pemilik membuat kode undangan di dashboard, halaman Tim (/tim); "
    "orangnya mengirim kode itu ke nomor ini\n"
    "Setiap catatan saya tanyakan dulu sebelum disimpan."
)
HELP = {
    Role.OWNER: MANAGER_HELP,
    Role.ADMIN: MANAGER_HELP,
    Role.DRIVER: (
        "Yang bisa saya bantu:\n"
        '• Jadwal Anda: "jadwal besok?"\n'
        '• Lapor selesai: "trip Pak Agus sudah selesai"\n'
        '• Lapor bus: "bus 02 ganti oli 850rb", "bus 03 masuk bengkel"\n'
        '• Salah catat: "hapus yang barusan", "koreksi km nya 120.500"\n'
        "Setiap laporan saya tanyakan dulu sebelum disimpan."
    ),
}

# How one kind of record is written, asked ("klo mau nyatet booking baru caranya gmn"):
# what to put in the message, with an example the reader takes as it is.
HOW_TO = {
    RecordKind.BOOKING: (
        "Untuk mencatat booking, tulis dalam satu pesan: nama klien, tanggal, rute, bus, "
        "harga, dan DP kalau sudah ada. Contoh:\n"
        '"Pak Agus 15 Des Jogja–Semarang bus 01, 15 jt, DP 5 jt"\n'
        "Yang belum diketahui boleh menyusul. Sebelum disimpan, saya tanyakan dulu."
    ),
    RecordKind.PAYMENT: (
        "Untuk mencatat pembayaran, tulis nama klien, jenisnya (DP atau pelunasan), "
        'jumlahnya, dan caranya. Contoh: "Pak Agus pelunasan 10 jt tf BCA". Sebelum '
        "disimpan, saya tanyakan dulu."
    ),
    RecordKind.MAINTENANCE: (
        "Untuk mencatat perawatan, tulis busnya, pekerjaannya, dan biayanya. Contoh: "
        '"bus 01 ganti oli 850rb". Sebelum disimpan, saya tanyakan dulu.'
    ),
    RecordKind.ODOMETER: (
        'Untuk mencatat kilometer, tulis busnya dan angka odometernya. Contoh: "bus 03 km '
        '201.350". Sebelum disimpan, saya tanyakan dulu.'
    ),
    RecordKind.TRIP_COST: (
        "Untuk mencatat biaya perjalanan, tulis jenisnya, jumlahnya, dan tripnya. Contoh: "
        '"solar 1,2 jt trip Pak Agus". Sebelum disimpan, saya tanyakan dulu.'
    ),
    RecordKind.DOCUMENT: (
        "Untuk mencatat surat bus (KIR, STNK, izin, asuransi) atau SIM sopir, tulis jenisnya, "
        "bus atau nama sopirnya, dan tanggal habisnya (yang baru, kalau sudah diperpanjang). "
        'Contoh: "KIR bus 02 habis 15 Mar 2027". Sebelum disimpan, saya tanyakan dulu.'
    ),
}
# What a driver records himself; any other how-to gets his whole menu.
DRIVER_RECORDS = frozenset({RecordKind.MAINTENANCE, RecordKind.ODOMETER, RecordKind.TRIP_COST})


# "dilaporin lewat sini nggih?", "bisa via wa ini?": whether it is done in this chat, asked.
_HERE_ASKED_RE = re.compile(
    r"\b(?:lewat|lwt|via|di|dr|dari)\s*(?:sini|chat\s+ini|wa\s+ini|whatsapp\s+ini|bot\s+ini)\b"
)


def help_for(role: Role, topic: RecordKind | None, text: str = "") -> str:
    """The help asked: how one kind of record is written when that is what was asked (and
    the sender may write it), else the whole menu of the sender's role. Asked whether it
    is done here ("lewat sini nggih?"), the how-to says yes first."""
    if topic is not None and (role is not Role.DRIVER or topic in DRIVER_RECORDS):
        yes = "Bisa, lewat chat ini. " if _HERE_ASKED_RE.search(text.lower()) else ""
        return yes + HOW_TO[topic]
    return HELP[role]


def media_without_text(media: InboundMedia | None, kept: bool) -> str:
    """A photo, file or voice note with nothing written: a kind answer asking for text.
    It says the file was kept only when it was."""
    if media is None:
        return ONLY_TEXT
    if media.kind == "audio":
        return VOICE_NOTE
    what = {"image": "fotonya", "document": "berkasnya", "video": "videonya"}.get(media.kind)
    return MEDIA_KEPT.format(what=what) if what and kept else ONLY_TEXT


PENDING_LABELS = {
    Intent.CREATE_BOOKING: "Booking baru",
    Intent.UPDATE_BOOKING: "Perubahan booking",
    Intent.CANCEL_BOOKING: "Pembatalan booking",
    Intent.CONFIRM_BOOKING: "Konfirmasi booking",
    Intent.WAIVE_CANCELLATION_FEE: "Pembebasan biaya batal",
    Intent.COMPLETE_BOOKING: "Trip selesai",
    Intent.RECORD_PAYMENT: "Pembayaran",
    Intent.LOG_MAINTENANCE: "Perawatan",
    Intent.UPDATE_BUS_STATUS: "Status bus",
    Intent.RECORD_TRIP_COST: "Biaya perjalanan",
    Intent.RECORD_ODOMETER: "Kilometer",
    Intent.RECORD_DOCUMENT: "Dokumen",
    Intent.ADD_BUS: "Bus baru",
    Intent.UPDATE_BUS: "Perubahan data bus",
    Intent.UNDO_LAST: "Penghapusan catatan",
    Intent.CORRECT_LAST: "Koreksi",
    Intent.RELAY_MESSAGE: "Pesan untuk",
}
NOT_A_YES = "Belum saya catat."


def lead_answer(tenant_name: str) -> str:
    return (
        f"Halo, terima kasih sudah menghubungi *{tenant_name}*. Pesan Anda sudah kami "
        "teruskan ke pemilik PO; Anda akan segera dihubungi. Kalau Anda anggota tim PO dan "
        "punya kode undangan, kirim kodenya di sini (contoh: KODE AB12CD34)."
    )


def lead_again(tenant_name: str) -> str:
    return (
        f"Terima kasih. Pemilik *{tenant_name}* sudah kami kabari tentang nomor Anda hari ini "
        "dan akan segera menghubungi Anda."
    )


WRONG_NUMBER = "Baik, tidak apa-apa. Terima kasih 🙏"


def lead_for_owner(who: str, said: str) -> str:
    quoted = said.strip()[:300] or "(tanpa teks)"
    # Most are customers, yet one may be a passenger of a group already booked or a
    # supplier: "mungkin", never a claim.
    return (
        f'📩 Pesan dari nomor baru {who} (mungkin calon pelanggan):\n"{quoted}"\n'
        "Mohon dihubungi, ya."
    )


def lead_passed_on(tenant_name: str) -> str:
    return f"Terima kasih, pesan Anda sudah kami teruskan juga ke pemilik *{tenant_name}*."


def lead_follow_up(who: str, said: str) -> str:
    quoted = said.strip()[:300] or "(tanpa teks)"
    return f'📩 Nomor baru {who} menulis lagi:\n"{quoted}"'


def joiner_answer(tenant_name: str) -> str:
    return (
        f"Halo, terima kasih sudah menghubungi *{tenant_name}*. Untuk bergabung dengan tim, "
        "Anda perlu kode undangan dari pemilik PO. Mohon minta kodenya ke pemilik, lalu "
        "kirim di sini (contoh: KODE AB12CD34)."
    )


# Where the owner makes an invite code (the one who may: permissions.py, Resource.INVITE).
MAKE_INVITE = "buat kode undangannya di dashboard (halaman Tim, /tim)"


def joiner_for_owner(who: str, role: str, said: str) -> str:
    quoted = said.strip()[:300] or "(tanpa teks)"
    return (
        f'👤 Nomor {who} mengaku {role} baru di tim Anda:\n"{quoted}"\n'
        f"Saya minta ia mengirim kode undangan. Kalau benar anggota tim Anda, {MAKE_INVITE}."
    )


def not_in_team(role_word: str, named: str, may_invite: bool) -> str:
    """A crew member named who is not on the team: the owner makes the invite himself, the
    others ask him for it."""
    said = f'{role_word} "{as_written(named)}" belum terdaftar di tim.'
    if may_invite:
        return f"{said} Kalau ia baru, {MAKE_INVITE}, lalu minta ia mengirim kodenya ke nomor ini."
    return f"{said} Kalau ia baru, mohon minta pemilik membuat kode undangannya."


def dropped(extraction: Extraction) -> str:
    """What waited is let go: a cancellation said so, so it never reads as done."""
    if extraction.intent is Intent.CANCEL_BOOKING:
        who = as_written(extraction.fields.client_name or "")
        booking = f"booking {who}" if who else "bookingnya"
        return f"Baik, {booking} tidak jadi dibatalkan. Tidak ada yang dicatat."
    return DROPPED


def share_later(extraction: Extraction) -> str:
    """The other client's share of a payment just corrected ("yg 2jt itu buat bu dewi"):
    said to be proposed next, so nothing is taken as recorded yet."""
    f = extraction.fields
    who = as_written(f.client_name) if f.client_name else "klien lain"
    amount = format_rupiah(f.amount) if f.amount is not None else "sisanya"
    return f"Yang {amount} untuk {who} saya ajukan sesudah ini."


def payment_later(extraction: Extraction, day: str) -> str:
    """A waiting payment said to come later ("ok kata bos, besok aja"): money that has not
    moved is not recorded, so what waited is let go, and the person is told when to say it
    again."""
    label = pending_label(extraction)
    if extraction.fields.payment_type is PaymentType.REFUND:
        moves, moved = "dikembalikan", "dikembalikan"
    else:
        moves, moved = "masuk", "diterima"
    return (
        f"Baik, {label[:1].lower()}{label[1:]} belum saya catat karena uangnya baru {moves} "
        f"{day}. Kabari saya lagi setelah uangnya {moved}, nanti saya catat."
    )


def trip_said(f: ExtractedFields, today: date | None = None) -> str:
    """ " (Minggu, 20 Des, Jogja – Solo)": a new booking's day and route said back, so it is
    known which one is meant ("tgl 20 Des" without `today`); "" when neither is said."""
    said = []
    if f.depart_date is not None:
        d = f.depart_date
        said.append(day_label(d, today) if today else f"tgl {d.day} {SHORT_MONTHS[d.month - 1]}")
    route = " – ".join(as_written(p) for p in (f.route_from, f.route_to) if p)
    said += [route] if route else []
    return f" ({', '.join(said)})" if said else ""


def pending_label(extraction: Extraction) -> str:
    """ "Booking baru Pak Heru": what waits, in a few words."""
    f = extraction.fields
    label = PENDING_LABELS.get(extraction.intent, "Catatan")
    if extraction.intent is Intent.RECORD_PAYMENT and f.payment_type is PaymentType.REFUND:
        label = "Refund"  # money going back is no payment: "Refund pak hendra Rp2.000.000"
    who = f.client_name or f.bus or f.recipient
    if who and label.endswith(" bus") and who.casefold().startswith("bus"):
        label = label.removesuffix(" bus")  # "Status Bus 05", never "Status bus Bus 05"
    label = f"{label} {as_written(who)}" if who else label
    if not who and f.ref_date:
        # "bsk pkk jemputnya jam 6" names only its day: "Perubahan booking tgl 1 Des".
        label += f" tgl {f.ref_date.day} {SHORT_MONTHS[f.ref_date.month - 1]}"
    if extraction.intent is Intent.RECORD_PAYMENT and f.amount:
        # Two payments of one client wait apart: "Pembayaran pak hendra Rp2.000.000".
        label += f" {format_rupiah(f.amount)}"
    if extraction.intent is Intent.RECORD_TRIP_COST and f.amount:
        # "Biaya perjalanan masjid (BBM Rp900.000)": which cost waits behind another.
        lines = [(c.cost_type, c.amount) for c in f.costs or []]
        kind = f.cost_type or CostCategory.OTHER
        said = [f"{k.label} {format_rupiah(n)}" for k, n in lines or [(kind, f.amount)]]
        label += f" ({', '.join(said)})"
    if extraction.intent is Intent.RECORD_ODOMETER and f.odometer_km is not None:
        label += f" {format_km(f.odometer_km)}"  # "Kilometer Bus 01 121.300 km"
    if extraction.intent is Intent.LOG_MAINTENANCE and f.maintenance_type:
        # "Perawatan Bus 03 (ganti oli)", "Perawatan Bus 01 (perpanjang KIR, Rp450.000)": the
        # cost said, so a list's each line can be checked before its turn.
        work = f.description if f.maintenance_type.value == "other" and f.description else None
        said = [work or f.maintenance_type.label]
        said += [format_rupiah(f.cost)] if f.cost else []
        label += f" ({', '.join(said)})"
    if extraction.intent is Intent.CREATE_BOOKING:
        # "Booking baru (tgl 12 Des, Jogja – Solo)": which new trip, when one waits behind
        # another action or is dropped.
        label += trip_said(f)
    if extraction.intent is Intent.UPDATE_BOOKING:
        # "Perubahan booking Bu Dewi (sopir Wahyu)": the crew said is named, not only "a change".
        # ("... (Bus 03, sopir Slamet)": the bus said with the crew is named too.)
        crew = [as_written(f.bus)] if f.bus and not f.swap_client else []
        crew += [
            f"{role} {as_written(who)}"
            for role, who in (("sopir", f.driver), ("kernet", f.kernet))
            if who
        ]
        # ("... (pindah ke Minggu, 13 Des)": the new day, or how far it moves.)
        if f.depart_date is not None:
            d = f.depart_date
            crew.append(f"pindah ke tgl {d.day} {SHORT_MONTHS[d.month - 1]}")
        elif f.shift_days:
            crew.append(f"{'mundur' if f.shift_days > 0 else 'maju'} {abs(f.shift_days)} hari")
        # "Perubahan booking pak hendra (tukar bus dengan bu dewi)": both trips it touches.
        if f.swap_client:
            crew.append(f"tukar bus dengan {as_written(f.swap_client)}")
        # "Perubahan booking Karang Taruna (jemput jam 06.00 di Balai Desa)": the pickup.
        at = f" jam {clock(f.depart_time)}" if f.depart_time is not None else ""
        where = f" di {as_written(f.pickup_place)}" if f.pickup_place else ""
        if at or where:
            crew.append(f"jemput{at}{where}")
        label += f" ({', '.join(crew)})" if crew else ""
    return label


# Taking a record back is said as such: "ya" removes or puts right, it records nothing new.
_YES_WORDING = {
    Intent.UNDO_LAST: ("membatalkannya", "Ya, batalkan"),
    Intent.CORRECT_LAST: ("membetulkannya", "Ya, betulkan"),
    Intent.RELAY_MESSAGE: ("mengirimnya", "Ya, kirim"),
}


def yes_wording(extraction: Extraction) -> tuple[str, str]:
    """What a "ya" does to what waits, and its button: ("mencatat", "Ya, catat")."""
    return _YES_WORDING.get(extraction.intent, ("mencatat", "Ya, catat"))


def hold_wording(extraction: Extraction) -> tuple[str, str, str]:
    """What waits is not done yet, what a "ya" does to it, and its button, while something
    else is asked: ("belum dicatat", "mencatatnya", "Ya, catat"); a message to pass on is
    not yet sent, a record to take back not yet taken back."""
    verb, button = yes_wording(extraction)
    if extraction.intent is Intent.RELAY_MESSAGE:
        return "belum dikirim", verb, button
    if extraction.intent in _YES_WORDING:
        return "belum dijalankan", verb, button
    return "belum dicatat", "mencatatnya", button


def still_waiting(pending: PendingAction) -> str:
    """The short reminder of what waits, under an answer to something else: a yes, or the
    pick or the answer it still lacks (a "ya" there saves nothing)."""
    label = pending_label(pending.extraction)
    if pending.choices:
        return f"_{label} masih menunggu pilihan booking: balas nomornya atau *batal*._"
    if pending.asked:
        return f"_{label} masih menunggu jawaban: {pending.asked} (atau balas *batal*)._"
    verb = yes_wording(pending.extraction)[0]
    return f"_{label} masih menunggu: balas *ya* untuk {verb} atau *batal*._"


def text(to: str, body: str) -> OutboundMessage:
    return OutboundMessage(to=to, body=body)


def confirmation(to: str, body: str, pending_id: str, yes: str = "Ya, catat") -> OutboundMessage:
    return OutboundMessage(
        to=to,
        kind=MessageKind.BUTTONS,
        body=body,
        buttons=(
            Button(id=CONFIRM_PREFIX + pending_id, title=yes),
            Button(id=EDIT_PREFIX + pending_id, title="Ubah"),
            Button(id=CANCEL_PREFIX + pending_id, title="Batal"),
        ),
    )


def clock(value: time | str | None) -> str:
    """05.30: how Indonesians write the time."""
    if value is None:
        return ""
    text_value = value if isinstance(value, str) else value.strftime("%H:%M")
    return text_value.replace(":", ".")


def capitalized(label: str) -> str:
    """'pelunasan' -> 'Pelunasan', 'DP' stays 'DP'."""
    return label[:1].upper() + label[1:]


def short(title: str) -> str:
    return title if len(title) <= MAX_BUTTON_TITLE else title[: MAX_BUTTON_TITLE - 1] + "…"


def membership(user: User, tenant: Tenant) -> str:
    """Who a person now is in which PO, as told when they join."""
    return f"{user.name} terdaftar sebagai {ROLE_LABELS[user.role]} di {tenant.name}."
