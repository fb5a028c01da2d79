"""Indonesian cities, regencies and tourist destinations a charter bus goes to, with the
short forms people type. Used to tell a place from any other word after "ke" / "dari".

To add a place: put its lower-case name (and any alias) in PLACES; multi-word names work.
Route values are copied from the text as written, so an alias needs no canonical form here.
"""

from __future__ import annotations

import re

_PLACES = """
jakarta jkt dki jakarta jakarta pusat jakarta selatan jaksel jakarta timur jaktim jakarta barat
jakbar jakarta utara jakut bogor bgr depok tangerang tgr tangsel tangerang selatan bekasi bks
cikarang karawang purwakarta subang bandung bdg cimahi lembang sumedang garut tasikmalaya tasik
ciamis banjar pangandaran cirebon crb kuningan majalengka indramayu sukabumi cianjur puncak
pelabuhan ratu pelabuhanratu serang cilegon anyer carita pandeglang lebak rangkasbitung merak
tanjung lesung ujung kulon baduy
semarang smg ungaran salatiga ambarawa bandungan kendal batang pekalongan pemalang tegal slawi
brebes purwokerto pwt banyumas baturraden baturaden purbalingga banjarnegara cilacap kebumen
purworejo magelang mgl borobudur muntilan temanggung wonosobo dieng ketep kopeng kudus pati
jepara karimunjawa rembang blora grobogan purwodadi demak solo surakarta slo sukoharjo karanganyar
tawangmangu sragen boyolali klaten wonogiri
jogja yogya yogyakarta jogjakarta yk jogya djogja diy sleman bantul wonosari gunungkidul
gunung kidul kulon progo kulonprogo wates kaliurang parangtritis prambanan malioboro
kalibiru pantai indrayanti pindul
surabaya sby sidoarjo gresik lamongan tuban bojonegoro ngawi madiun magetan ponorogo pacitan
trenggalek tulungagung blitar kediri nganjuk jombang mojokerto pasuruan probolinggo malang mlg
batu lumajang jember bondowoso situbondo banyuwangi bwi bromo ijen kawah ijen madura bangkalan
sampang pamekasan sumenep trawas pacet selecta coban rondo kota batu baluran pantai papuma
bali denpasar dps kuta ubud sanur nusa dua bedugul kintamani tanah lot gilimanuk singaraja
tabanan gianyar karangasem klungkung jimbaran seminyak
lombok mataram senggigi sumbawa bima labuan bajo kupang flores
lampung bandar lampung bakauheni palembang jambi bengkulu padang bukittinggi pekanbaru medan
parapat danau toba berastagi aceh banda aceh batam
pontianak banjarmasin balikpapan samarinda makassar manado
pangandaran green canyon tangkuban perahu ciwidey kawah putih dufan ancol tmii taman mini
kebun raya monas bandara soetta soekarno hatta tanjung priok ragunan
pekalongan wonosobo gombong cepu tayu juwana welahan mranggen kartasura delanggu
ngawen sukorejo weleri kaliwungu boja gunungpati sidomukti umbul sidomukti goa pindul
ambarrukmo kalasan godean
lasem mojokerto pare kepanjen singosari lawang pandaan prigen tretes
gresik babat tuban rembang cepu
"""

# Words of multi-word names that are no place on their own ("nusa dua", "taman mini").
_NOT_ALONE = frozenset(
    """dki pusat selatan timur barat utara pelabuhan ratu tanjung lesung ujung kulon gunung kidul
    progo kawah coban rondo kota nusa dua tanah lot labuan bandar banda danau green canyon
    tangkuban perahu taman mini kebun raya monas bandara soekarno hatta priok pantai goa umbul
    baduy""".split()
)
PLACES: frozenset[str] = frozenset(_PLACES.split()) - _NOT_ALONE
# Multi-word places are listed explicitly, longest first when matching.
MULTI_WORD_PLACES: tuple[str, ...] = (
    "jakarta pusat",
    "jakarta selatan",
    "jakarta timur",
    "jakarta barat",
    "jakarta utara",
    "tangerang selatan",
    "pelabuhan ratu",
    "tanjung lesung",
    "ujung kulon",
    "gunung kidul",
    "kulon progo",
    "pantai parangtritis",
    "pantai indrayanti",
    "pantai pangandaran",
    "pantai papuma",
    "kawah ijen",
    "kawah putih",
    "coban rondo",
    "kota batu",
    "nusa dua",
    "tanah lot",
    "labuan bajo",
    "bandar lampung",
    "banda aceh",
    "danau toba",
    "green canyon",
    "tangkuban perahu",
    "taman mini",
    "kebun raya",
    "tanjung priok",
    "goa pindul",
    "umbul sidomukti",
    "dki jakarta",
    "candi borobudur",
    "candi prambanan",
    "gunung bromo",
    "telaga sarangan",
    "sarangan",
    "wisata bahari lamongan",
    "jatim park",
    "museum angkut",
)

PLACE_RE = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(p).replace(r"\ ", r"\s+")
        for p in sorted(set(MULTI_WORD_PLACES) | PLACES, key=len, reverse=True)
    )
    + r")\b"
)


def is_place(word: str) -> bool:
    return " ".join(word.lower().split()) in PLACES | set(MULTI_WORD_PLACES)
