"""Words that make a rule step back ("selamat natal" alone is no request, "bsk layat kumpul
dmn" no trip of his, "arisan rt 05 condongcatur" no Karang Taruna Condongcatur). They
explain nothing in a message: coverage.py does not count them as keywords, so a word
here never makes a reading surer."""

from __future__ import annotations

import re

from keloia.adapters.rules.text import words

# What is said around a wish: "mugi2 tambah berkah nggih", "semoga makin lancar ya mbak".
WISH_WORDS = words(
    """pak bu mbak mba mas bos kang bapak ibu ya yaa nggih njih ngih semoga smoga moga mugi
    mugo mugia tambah makin semakin berkah barokah lancar sukses sehat selalu slalu juga jg
    jugak buat untuk utk keluarga kel semua semuanya sekeluarga kita amin aamiin amiin rejeki
    rezeki rejekine jaya damai bahagia tahun taun baru natal mohon maaf lahir batin dan sami
    sama sama2 sugeng wilujeng tim admin kru crew"""
)

# A gathering that is no trip of his, or a trip only supposed: "bsk layat kumpul dmn",
# "bsk servis kumpul dmn", "kalo ada carteran jemput jam brp biasanya".
NOT_A_TRIP_MEET_RE = re.compile(
    r"\b(?:layat|melayat|takziah|takziyah|servis|service|bengkel|kalo|klo|kalau|nek|misal"
    r"|biasanya|biasane|rapat|kondangan|acara|arisan|pengajian|nikahan|kumpulan|latihan)\b"
)

# A party named by what it is ("bsk pkk jemput dmn"): a trip named, maybe not the sender's.
PARTY_KIND_RE = re.compile(
    r"\b(?:pkk|sd|smp|sma|smk|mts|masjid|musholla|rombongan|pengajian|karang|pt|cv|yayasan"
    r"|paguyuban|arisan|kantor|sekolah|kampus|gereja|paroki|majelis|rt|rw|dusun|desa)\b"
)

# The kind of another group said right before a known group's last word: "arisan rt 05
# condongcatur" is no Karang Taruna Condongcatur.
OTHER_GROUP_BEFORE_RE = re.compile(
    r"\b(?P<kind>arisan|rt|rw|pkk|dasawisma|paguyuban|pengajian|majelis|jamaah|jemaah|kelompok"
    r"|komunitas|ikatan|alumni|posyandu|sd|smp|sma|smk|mts|tk|kantor|pt|cv|masjid|gereja|karang)"
    r"(?:\s+[\w.]+){0,2}\s+$"
)

# Malang's "sam" (mas said backwards) before a teammate's name in a swap ("tukeran karo sam
# rizal"): read past, never a word that makes a reading surer.
MALANG_TITLE = r"sam"
