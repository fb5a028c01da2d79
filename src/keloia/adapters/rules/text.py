"""Small text helpers shared by the rule modules: lower-casing that keeps offsets,
masking of consumed spans, and the stop words that end a name or a bus name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from keloia.adapters.rules.vocabulary import word_re

K = TypeVar("K")


def lower_keep_offsets(text: str) -> str:
    """Lower-case without changing the length (a few Unicode letters grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def mask(text: str, start: int, end: int) -> str:
    """Blank out text[start:end] so later finders cannot reuse it; offsets stay valid."""
    return text[:start] + " " * (end - start) + text[end:]


def words(blob: str) -> frozenset[str]:
    """A word list written as one readable block of text."""
    return frozenset(blob.split())


def word_patterns(table: Iterable[tuple[K, str]]) -> tuple[tuple[K, re.Pattern[str]], ...]:
    """Each kind of a table with the words that name it (a regex alternation), compiled to
    match them as whole words."""
    return tuple((kind, word_re(words)) for kind, words in table)


def first_listed(table: Iterable[tuple[K, re.Pattern[str]]], text: str) -> K | None:
    """The first kind of the table whose pattern occurs in `text`: the table's order is the
    priority among kinds said together."""
    return next((kind for kind, pattern in table if pattern.search(text)), None)


def said_first(table: Iterable[tuple[K, re.Pattern[str]]], text: str) -> tuple[int, int, K] | None:
    """The kind of the table named earliest in `text`, with its span; of two named at the
    same place the longer ("kampas kopling" is no "kampas", "premi kernet" no "premi"), and
    of two the same, the one listed first."""
    best: tuple[int, int, K] | None = None
    for kind, pattern in table:
        m = pattern.search(text)
        if m and (best is None or (m.start(), -m.end()) < (best[0], -best[1])):
            best = (m.start(), m.end(), kind)
    return best


WORD_RE = re.compile(r"[A-Za-z0-9'’]+")

# Words that can never be part of a person's or an organisation's name, nor a bus name.
# They end a name ("pak sigit batalin ...") and stop "bus <word>" from reading a verb.
STOP_WORDS = words(
    """
    ada adalah aja ajah akan aku ambil anak antar apa atas atau bahwa baik balik bandara
    banget bapak bareng baru br batal batalin bayar bayarnya beli belum beres berangkat berapa
    besok bisa biaya bilang bkn blm bln bo bos booking brkt brp bsk buat bukan bulan bus byr
    cancel cash cek dah dalam dan dapat dari datang dengan depan dgn di dia diganti dipake
    dipakai dibatalkan dibayar dong dp dr dri dulu dpt emang engga enggak habis hari harga
    hrg hrs hari ini itu iya jadi jadwal jam jan jangan jgn jngn ojo dudu jd jg juga jumat kabar
    kalau kali kamis maksud mksd maksudnya
    kan kapan karena kasih katanya ke kelar kemana kemarin kemaren kmarin kembali kmrn kmren kok
    kosong ku kurang
    lagi lah lalu langsung lg lho lunas lusa mau masih msh masi masuk mau minggu minta mohon mulai
    naik nanti nih nya nyewa ok oke order pake pakai pas pelunasan pergi pesan pesanan pesen
    pesenan plg pukul pulang pun rabu ready rombongan rute sabtu saja sama sampai sd sdh
    sebelum sekalian selasa selesai senin sewa sih siap sisa sj skrg sm sopir sopirnya
    sudah supir tadi tanggal tapi tp tpi tgl tf tidak tlg tolong trf transfer trip trus tujuan
    tujuannya udah udh uang untuk utk via wa ya yang yg ok okey jalan ganti batalkan
    nyewa carter charter borong pindah mundur maju diundur dimajukan refund lewat ke
    dipindah dipindahin dipindahkan pindahin jamaah jamaahnya jemaah jemaahnya
    tanya kak buat bu pak mas mbak om ibu sdr harganya dpnya dp-nya kena total dengan
    juta jt rb ribu rp mobil unit armada di dlm sudah telah lagi sedang lg dan serta
    dibalikin dikembalikan transfer tf konfirmasi confirm fix jadinya ngambil td barusan
    brgkt brangkat berangkatnya pulangnya pulange plgnya jemputnya baliknya skalian sklian
    kpn kpan kapn kmn dmn dimana gmn gimana brapa
    kernet kernetnya kernete kenek keneknya sopire supirnya supire driver drivernya siapa sapa
    boking bokin bokking bookingan
    revenue revenues cost costs profit profits
    sing sopo sinten nopo wonten durung gurung dereng mbayar piye pundi endi mboten kate kape
    nomornya nomore nomernya nomere
    sesuk sesok kulo saged teng budal mangkat
    nawar nawarnya menawar ditawar tawar nego negoin dinego nyang
    klo kalo kl jika smp sampe sampai nyampe nyampai abis setelah stlh sesudah ssdh sehabis
    mereka mrk beliau orangnya tetep tetap ttp mana ngendi gantine gantinya simku tinggal tinggale
    tinggalnya
    nambah tambah ditambah tambahan mampir singgah dimajuin majuin dimundurin mundurin
    dipercepat percepat butuh perlu prlu ditunda tunda tundain ditundain dipending
    bebaskan dibebaskan bebasin dibebasin gratiskan digratiskan gratisin digratisin
    bebaske dibebaske bebasno dibebasno gratiske digratiske
    selesaikan diselesaikan selesaiin diselesaiin
    ikhlaskan diikhlaskan ikhlasin diikhlasin relakan direlakan dihapus dihapusin hapusin
    tglnya tanggalnya tgle tanggale hrgnya hargane jamnya jame busnya bisnya rutenya
    rincian rinciannya perincian perinciannya detail detailnya detil detilnya
    mah euy teu kagak kaga aye berape nanya nanyain
    tak ra
    libur liburan leres sampun
    """
)
