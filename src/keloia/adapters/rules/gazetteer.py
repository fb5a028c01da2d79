"""Indonesian cities, regencies and tourist destinations a charter bus goes to, with the
short forms people type. Used to tell a place from any other word after "ke" / "dari".

To add a place: put its lower-case name (and any alias) in PLACES; multi-word names work.
Route values are copied from the text as written, so an alias needs no canonical form here.
"""

from __future__ import annotations

import re

from keloia.adapters.rules.text import words

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
surabaya sby sidoarjo gresik lamongan wbl tuban bojonegoro ngawi madiun magetan ponorogo pacitan
trenggalek tulungagung blitar kediri nganjuk jombang mojokerto pasuruan probolinggo malang mlg
batu lumajang jember bondowoso situbondo banyuwangi bwi ketapang bromo ijen kawah ijen madura
bangkalan
sampang pamekasan sumenep trawas pacet selecta coban rondo kota batu baluran pantai papuma
balekambang
bali denpasar dps kuta ubud sanur nusa dua bedugul kintamani tanah lot gilimanuk singaraja
tabanan gianyar karangasem klungkung jimbaran seminyak
lombok mataram senggigi sumbawa bima labuan bajo kupang flores
lampung bandar lampung bakauheni palembang jambi bengkulu padang bukittinggi pekanbaru medan
parapat danau toba berastagi aceh banda aceh batam
siantar pematangsiantar tarutung sidikalang balige samosir tuktuk kabanjahe prapat nias
batusangkar sawahlunto maninjau singkarak painan tangkahan
pontianak banjarmasin balikpapan samarinda makassar manado
pangandaran green canyon tangkuban perahu ciwidey kawah putih dufan ancol tmii taman mini
kebun raya monas bandara soetta soekarno hatta tanjung priok ragunan
pekalongan wonosobo gombong cepu tayu juwana welahan mranggen kartasura delanggu
ngawen sukorejo weleri kaliwungu boja gunungpati sidomukti umbul sidomukti goa pindul
ambarrukmo kalasan godean
lasem mojokerto pare kepanjen singosari lawang pandaan prigen tretes

ambarawa bawen tuntang banyubiru getasan sumowono jambu secang grabag mertoyudan kajoran
salaman borobudur sawangan dukun srumbung tempel pakem turi cangkringan depok mlati gamping
godean moyudan minggir seyegan berbah prambanan piyungan imogiri dlingo pundong kretek sanden
srandakan pajangan kasihan sewon banguntapan playen paliyan semanu karangmojo ponjong
wonosari nglipar patuk gedangsari semin rongkop tepus tanjungsari saptosari panggang purwosari
sentolo nanggulan kalibawang samigaluh girimulyo kokap temon galur lendah panjatan
delanggu ceper pedan cawas bayat wedi gantiwarno prambanan jogonalan manisrenggo kemalang
tulung jatinom polanharjo juwiring wonosari trucuk kalikotes kebonarum
kartasura grogol baki gatak mojolaban polokarto bendosari nguter weru tawangsari bulu
colomadu gondangrejo jaten kebakkramat tasikmadu matesih jumapolo jumantono karangpandan
ngargoyoso jenawi kerjo mojogedang jatipuro jatiyoso
gemolong kalijambe masaran sidoharjo tangen gesi sukodono sumberlawang mondokan plupuh
ampel cepogo musuk mojosongo teras sawit banyudono sambi ngemplak nogosari simo klego andong
karanggede kemusu wonosamudro juwangi
baturetno pracimantoro giritontro eromoko wuryantoro manyaran selogiri jatisrono purwantoro
slogohimo tirtomoyo batuwarno ngadirojo sidoharjo girimarto
kopeng selo tlogo ketep magelang mungkid muntilan candimulyo tegalrejo windusari bandongan
parakan ngadirejo kledung bulu kandangan kaloran kranggan pringsurat
sumowono bandungan ungaran boja sukorejo weleri limbangan patean plantungan
batur pejawaran karangkobar wanayasa kalibening punggelan
sikunang sembungan telaga warna telaga menjer kalianda garung kertek kalikajar sapuran
kaliwiro leksono selomerto
gombong karanganyar kebumen karangsambung ayah petanahan puring rowokele
sokaraja ajibarang wangon kroya sumpiuh banyumas baturaden purwokerto rawalo jatilawang
bobotsari bukateja kalimanah kutasari karangreja mrebet
majenang sidareja gandrungmangu kesugihan adipala maos nusakambangan
slawi adiwerna bumijawa guci kramat dukuhturi lebaksiu balapulang margasari
brebes bumiayu tanjung losari ketanggungan larangan salem
comal moga randudongkal belik petarukan ulujami taman
kajen kedungwuni wiradesa bojong doro karanganyar paninggaran petungkriyono
batang subah gringsing limpung bandar blado bawang dieng
kendal kaliwungu boja weleri pegandon cepiring patebon kangkung
demak mranggen karangawen sayung bonang wedung gajah
kudus jekulo dawe mejobo bae gebog undaan kaliwungu colo muria
jepara mlonggo bangsri keling kembang pecangaan kalinyamatan welahan tahunan
pati juwana tayu margoyoso trangkil wedarijaksa gabus kayen sukolilo winong
rembang lasem sluke sarang kragan pamotan sulang sedan
blora cepu randublatung kunduran ngawen jepon jiken todanan
purwodadi grobogan godong gubug kradenan wirosari toroh geyer
sragen tawangmangu
surabaya gresik sidoarjo mojokerto jombang kediri blitar tulungagung trenggalek ponorogo
madiun magetan ngawi nganjuk bojonegoro tuban lamongan pasuruan probolinggo lumajang jember
banyuwangi situbondo bondowoso malang batu kepanjen pandaan prigen tretes trawas pacet
sarangan tawangmangu songgoriti selecta wlingi kesamben pare kandangan ngantang pujon
jatim park batu night spectacular bns museum angkut jodipan
ciwidey pangalengan lembang cimahi soreang majalaya cicalengka rancaekek jatinangor sumedang
garut cipanas darajat cikajang tasik singaparna ciamis kawali banjar pangandaran batukaras
cijulang kuningan linggarjati cirebon majalengka jatiwangi indramayu subang ciater sari ater
purwakarta wanayasa karawang cikampek bekasi cibitung cikarang bogor cibinong puncak cisarua
cipanas cianjur sukabumi pelabuhanratu ujunggenteng sawarna cisolok
serang cilegon anyer carita labuan pandeglang tangerang serpong bsd bintaro ciputat
pamulang cibubur depok cileungsi jonggol
jakarta monas ancol tmii ragunan kota tua pik pantai indah kapuk pluit kemayoran
bali denpasar kuta legian seminyak canggu ubud tegallalang kintamani bedugul tabanan
gilimanuk negara singaraja lovina amed candidasa padangbai sanur nusa penida uluwatu
jimbaran garuda wisnu kencana gwk tanjung benoa
lombok mataram senggigi kuta mandalika gili trawangan
medan binjai pematangsiantar sibolga berastagi brastagi padang bukittinggi payakumbuh solok pariaman
pekanbaru dumai jambi palembang prabumulih lubuklinggau baturaja pagaralam lahat muara enim
metro pringsewu kotabumi
bengkulu lhokseumawe pontianak singkawang banjarbaru martapura palangkaraya sampit
bontang tarakan maros parepare palopo toraja tomohon bitung gorontalo palu kendari ambon
ternate jayapura sorong ende maumere kalimantan sumatra sulawesi
jawa timur jawa tengah jawa barat
gresik babat tuban rembang cepu
"""

# Words of multi-word names that are no place on their own ("nusa dua", "taman mini").
_NOT_ALONE = words(
    """dki pusat selatan timur barat utara pelabuhan ratu tanjung lesung ujung kulon gunung kidul
    progo kawah coban rondo kota nusa dua tanah lot labuan bandar banda danau green canyon
    tangkuban perahu taman mini kebun raya monas bandara soekarno hatta priok pantai goa umbul
    baduy andong angkut ater ayah bae baki bawang belik bonang bulu colo doro dukun gabus gajah
    garuda gatak gili indah jambu jatim kapuk kasihan kembang kencana kramat larangan museum
    negara night park pik sambi sarang sari sedan selo teras telaga tempel tua tulung turi
    warna wisnu menjer penida spectacular benoa kerjo musuk moga klego bns bsd sluke kuta
    tanjung bandar labuan taman grogol"""
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
    # Provinces, said of pilgrimages and tours ("ziarah wali ke Jawa Timur").
    "jawa timur",
    "jawa tengah",
    "jawa barat",
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
    "tebing tinggi",
    "padang panjang",
    "bukit lawang",
    "green canyon",
    "tangkuban perahu",
    "taman mini",
    "kebun raya",
    "tanjung priok",
    "goa pindul",
    "gua pindul",
    "pagar alam",
    "batu karas",
    "pantai batu karas",
    "umbul sidomukti",
    "dki jakarta",
    "candi borobudur",
    "candi prambanan",
    "gunung bromo",
    "telaga sarangan",
    "sarangan",
    "wisata bahari lamongan",
    "wbl lamongan",
    "jatim park",
    "museum angkut",
    "nusa penida",
    "gili trawangan",
    "tanjung benoa",
    "telaga warna",
    "telaga menjer",
    "kota tua",
    "pantai indah kapuk",
    "garuda wisnu kencana",
    "batu night spectacular",
    "sari ater",
    "kuta bali",
    "kuta lombok",
    "gembira loka",
    "ketep pass",
    # Bali's and Lombok's airports, by their names ("jemput ngurah rai ke ubud").
    "bandara ngurah rai",
    "ngurah rai",
)

# "pantai Klayar", "curug Sewu", "candi Ijo", "taman pintar": a kind of destination and its name.
_DEST_HEADS = (
    r"pantai|candi|goa|gua|curug|telaga|kawah|gunung|danau|air\s+terjun|umbul|bukit|pulau"
    r"|desa\s+wisata|kampung\s+wisata|puncak|grojogan|waduk|bendungan|keraton|kraton|makam"
    # "taman pintar", "taman safari", "taman lalu lintas": a park and its name.
    r"|kebun\s+teh|kebun\s+binatang|kebun\s+raya|taman"
)
_NOT_A_DEST_WORD = (
    r"(?!(?:ke|k|dari|dr|tgl|tanggal|jam|bus|bis|elf|hdd|dan|sama|sm|pp|brkt|hari|besok|bsk|lusa"
    r"|harga|dp|buat|untuk|utk|naik|terus|trus|lalu|lanjut|yg|yang|di|itu|ini|aja|saja|ya"
    r"|sabtu|minggu|senin|selasa|rabu|kamis|jumat|pulang|plg|balik|berangkat|via|lewat"
    # "ke pantai indrayanti pake bus 04", "pantai baron bus 03 sopir joko": the next detail.
    r"|pake|pakai|pk|sopir|supir|sopire|driver|kernet|armada|unit|orang|org|pax|peserta"
    r"|rombongan|dengan|dgn|mau|minta|tapi|tp|juga|jg|wae|ae|deh|dong|sekalian|nginep"
    r"|menginap|jemput|jemputnya|kumpul|kumpulnya|ngumpul|pagi|siang|sore|malam|malem"
    # "trip ke danau toba kemarin untung brp": the day and what is asked of the trip.
    r"|kemarin|kemaren|kmrn|kmarin|tadi|td|skrg|sekarang|kapan|kpn|brp|berapa|untung"
    r"|untungnya|rugi|labanya|laba)\b)"
)
# The name's second word follows its first at one space (or two, typed): a wider gap is a
# value blanked by the reader ("pantai baron [jam 6] kumpul di ..."), never part of the
# name. After the head a blank may be the name itself ("makam [gus dur] jombang").
DEST_RE = (
    f"(?:{_DEST_HEADS})\\s+{_NOT_A_DEST_WORD}[a-z]{{3,}}"
    f"(?:[ \\t]{{1,2}}{_NOT_A_DEST_WORD}[a-z]{{3,}})?"
)

PLACE_RE = re.compile(
    r"\b(?:"
    + DEST_RE
    + "|"
    + "|".join(
        re.escape(p).replace(r"\ ", r"\s+")
        for p in sorted(set(MULTI_WORD_PLACES) | PLACES, key=len, reverse=True)
    )
    + r")\b"
)


def is_place(word: str) -> bool:
    return " ".join(word.lower().split()) in PLACES | set(MULTI_WORD_PLACES)
