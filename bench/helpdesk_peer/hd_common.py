"""What both sides of bench/helpdesk.py share: the generated tickets and the way a page is timed.

Imported by bench/helpdesk.py (Orbit's virtualenv) and by bench/helpdesk_peer/run_peer.py (django-helpdesk's
virtualenv), so it needs nothing beyond the standard library at import time.
"""

import datetime
import random
import time
from dataclasses import dataclass

# (slug, name, pokja code): one service per Orbit pokja, one queue per service in django-helpdesk.
CATEGORIES = [
    ("siasn", "Integrasi SIASN", "PIA"),
    ("arsip", "Permintaan arsip kepegawaian", "PAK"),
    ("pangkat", "Kenaikan pangkat", "PPA"),
    ("pensiun", "Pensiun dan pemberhentian", "PDK"),
    ("mutasi", "Mutasi dan pindah instansi", "PDI"),
    ("jabatan", "Jabatan fungsional", "PJD"),
    ("formasi", "Formasi dan pengadaan", "PLT"),
]
STAFF = 10  # staff member 0 is the measured user: Orbit's unit head, a staff user in django-helpdesk
STATUSES = ["baru", "diproses", "menunggu", "selesai", "ditutup"]  # Orbit's codes
STATUS_WEIGHTS = [5, 8, 4, 8, 75]  # 17 % open
OPEN = ("baru", "diproses", "menunggu")
# django-helpdesk: 1 open, 2 reopened, 3 resolved, 4 closed; "waiting for the requester" is its on_hold flag.
PEER_STATUS = {"baru": (1, False), "diproses": (1, False), "menunggu": (1, True), "selesai": (3, False),
               "ditutup": (4, False)}  # fmt: skip
SPAN_DAYS = 3 * 365  # the tickets' creation dates spread over three years up to the run
FIRST_RESPONSE = datetime.timedelta(days=1)
RESOLUTION = datetime.timedelta(days=3)


def words(text: str) -> list[str]:
    return text.split()


CITIES = words(
    "Ambon Balikpapan Banda Bandung Banjarbaru Banjarmasin Batam Bekasi Bengkulu Bima Bitung Blitar Bogor "
    "Bontang Bukittinggi Cilegon Cimahi Cirebon Denpasar Depok Dumai Gorontalo Gunungsitoli Jambi Jayapura "
    "Kediri Kendari Kotamobagu Kupang Langsa Lhokseumawe Lubuklinggau Madiun Magelang Makassar Malang Manado "
    "Mataram Medan Metro Mojokerto Padang Padangsidimpuan Pagaralam Palangkaraya Palembang Palopo Palu "
    "Pangkalpinang Parepare Pariaman Pasuruan Payakumbuh Pekalongan Pekanbaru Pematangsiantar Pontianak "
    "Prabumulih Probolinggo Sabang Salatiga Samarinda Sawahlunto Semarang Serang Sibolga Singkawang Solok "
    "Sorong Subulussalam Sukabumi Sungaipenuh Surabaya Surakarta Tangerang Tanjungbalai Tanjungpinang "
    "Tarakan Tasikmalaya Tebingtinggi Tegal Ternate Tidore Tomohon Tual Yogyakarta Baubau Merauke Manokwari "
    "Nabire Biak Timika Ende Maumere Waingapu Atambua Sumbawa Praya Selong Tuban"
)
SEARCH_WORD = "banjarmasin"  # one city of the 100: in about 1 % of the tickets' texts
FIRST_NAMES = words(
    "Agus Budi Citra Dewi Eko Fitri Gita Hadi Indah Joko Kartika Lestari Made Nur Putu Rina Sari Teguh Wahyu Yuni"
)
LAST_NAMES = words(
    "Siregar Nasution Wijaya Saputra Hidayat Pratama Santoso Kusuma Lubis Harahap Simanjuntak Rahman "
    "Setiawan Gunawan Sembiring Tanjung Purba Manurung Daulay Hutapea"
)
SUBJECTS = {
    "siasn": ["Data {what} di SIASN belum sinkron", "Gagal login SIASN untuk {what}", "Riwayat {what} tidak muncul"],
    "arsip": ["Permintaan salinan {what}", "Arsip {what} tidak ditemukan", "Legalisasi {what}"],
    "pangkat": ["Usul kenaikan pangkat {what}", "Status usul pangkat {what}", "Berkas pangkat {what} ditolak"],
    "pensiun": ["Usul pensiun {what}", "SK pensiun {what} belum terbit", "Perhitungan masa kerja {what}"],
    "mutasi": ["Mutasi {what} antar instansi", "Persetujuan pindah {what}", "Nota persetujuan {what}"],
    "jabatan": ["Pengangkatan jabatan fungsional {what}", "Angka kredit {what}", "Uji kompetensi {what}"],
    "formasi": ["Usul formasi {what}", "Penetapan NIP {what}", "Jadwal seleksi {what}"],
}
WHAT = ["pegawai", "guru", "tenaga kesehatan", "penyuluh", "PPPK", "CPNS", "pejabat", "pranata komputer"]
SENTENCES = [
    "Mohon bantuan untuk menindaklanjuti permohonan ini.",
    "Berkas sudah kami unggah melalui aplikasi sejak minggu lalu.",
    "Sampai hari ini belum ada pemberitahuan mengenai status usulan.",
    "Terlampir surat pengantar dari kepala perangkat daerah.",
    "Pegawai yang bersangkutan sudah memenuhi persyaratan masa kerja.",
    "Kami mohon informasi dokumen apa saja yang masih kurang.",
    "Data pada aplikasi berbeda dengan data pada SK terakhir.",
    "Atas perhatian dan kerja samanya kami ucapkan terima kasih.",
]
REPLIES_STAFF = [
    "Terima kasih, permohonan sedang kami verifikasi.",
    "Mohon lengkapi surat pernyataan dan unggah ulang berkasnya.",
    "Data sudah kami perbaiki, silakan dicek kembali.",
    "Usulan sudah kami teruskan ke bidang terkait.",
]
REPLIES_REQUESTER = ["Baik, berkas sudah kami lengkapi.", "Sudah kami cek, terima kasih.", "Mohon info lebih lanjut."]


@dataclass(frozen=True)
class Reply:
    by_requester: bool
    staff: int | None  # the staff member who wrote it
    body: str
    at: datetime.datetime


@dataclass(frozen=True)
class Row:
    number: int  # Orbit's ticket number and django-helpdesk's ticket id
    category: int  # index into CATEGORIES
    subject: str
    description: str
    requester_name: str
    requester_agency: str
    requester_email: str
    requester_phone: str
    status: str  # Orbit's code
    created: datetime.datetime
    assignee: int | None  # index of the staff member
    replies: tuple[Reply, ...]

    @property
    def first_response_due(self) -> datetime.datetime:
        return self.created + FIRST_RESPONSE

    @property
    def resolution_due(self) -> datetime.datetime:
        return self.created + RESOLUTION

    @property
    def last_activity(self) -> datetime.datetime:
        return self.replies[-1].at if self.replies else self.created


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def rows(count: int, seed: int, now: datetime.datetime) -> list[Row]:
    """``count`` tickets, oldest first, the newest created shortly before ``now``."""
    rng = random.Random(seed)
    spacing = SPAN_DAYS * 86400 / count
    start = now - datetime.timedelta(days=SPAN_DAYS)
    result = []
    for number in range(1, count + 1):
        category = rng.randrange(len(CATEGORIES))
        slug = CATEGORIES[category][0]
        city = rng.choice(CITIES)
        subject = rng.choice(SUBJECTS[slug]).format(what=rng.choice(WHAT))
        body = " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))
        description = f"Kami dari perangkat daerah Kabupaten/Kota {city}. {body}"
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        created = start + datetime.timedelta(seconds=(number - 1) * spacing + rng.uniform(0, spacing * 0.9))
        assignee = None if rng.random() < 0.05 else rng.randrange(STAFF)
        replies = []
        if status != "baru":
            at = created
            for turn in range(rng.randint(1, 3)):
                at = at + datetime.timedelta(hours=rng.randint(1, 20))
                by_requester = turn % 2 == 1
                staff = None if by_requester else (assignee if assignee is not None else rng.randrange(STAFF))
                body = rng.choice(REPLIES_REQUESTER if by_requester else REPLIES_STAFF)
                replies.append(Reply(by_requester=by_requester, staff=staff, body=body, at=at))
        name = _person(rng)
        result.append(
            Row(
                number=number,
                category=category,
                subject=subject,
                description=description,
                requester_name=name,
                requester_agency=f"BKPSDM Wilayah {number % 37 + 1}",
                requester_email=f"pemohon{number}@instansi.go.id",
                requester_phone=f"08{rng.randrange(10**9, 10**10)}",
                status=status,
                created=created,
                assignee=assignee,
                replies=tuple(replies),
            )
        )
    return result


def measured_ticket(data: list[Row]) -> Row:
    """The ticket whose page is timed: the first open, assigned one with three messages (else the first)."""
    wanted = (r for r in data if r.status == "diproses" and r.assignee is not None and len(r.replies) == 3)
    return next(wanted, data[0])


def submission(n: int) -> dict:
    """The n-th public request of the throughput run (each from its own e-mail address)."""
    rng = random.Random(n)
    slug = CATEGORIES[n % len(CATEGORIES)][0]
    return {
        "category": n % len(CATEGORIES),
        "subject": rng.choice(SUBJECTS[slug]).format(what=rng.choice(WHAT)),
        "description": " ".join(rng.sample(SENTENCES, 3)),
        "name": _person(rng),
        "agency": "BKPSDM Wilayah 1",
        "email": f"portal{n}@instansi.go.id",
        "phone": "081234567890",
    }


def queries(action) -> int:
    """The SQL statements one run of ``action`` sends."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


class Side:
    """One helpdesk under measure, driven step by step so that the two sides' runs can alternate.

    A subclass sets ``pages`` (name → a callable that fetches the page, checks it and returns what the report
    compares) and defines ``load(rows)`` and ``submit(n)``. Each method answers in JSON-ready values.
    """

    pages: dict

    def __init__(self, data: list[Row], stage: int):
        self.data, self.stage = data, stage

    def load(self, rows: list[Row]) -> None:
        raise NotImplementedError

    def submit(self, n: int) -> None:
        raise NotImplementedError

    def load_rest(self) -> float:
        began = time.perf_counter()
        self.load(self.data[self.stage :])
        return time.perf_counter() - began

    def settle(self) -> None:
        """On PostgreSQL, what autovacuum would soon do after a bulk load: statistics and the visibility map."""
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    def queries(self) -> dict:
        return {name: queries(action) for name, action in self.pages.items()}

    def once(self, page: str) -> float:
        began = time.perf_counter()
        self.pages[page]()
        return time.perf_counter() - began

    def result(self, page: str):
        return self.pages[page]()

    def visitor(self):
        """A new visitor (no cookies) on the side's one test client: as in a server process, the middleware is
        loaded once, not for every request."""
        from django.test import Client

        if getattr(self, "_visitor", None) is None:
            self._visitor = Client()
        self._visitor.cookies.clear()
        return self._visitor

    def submit_batch(self, first: int, count: int) -> float:
        began = time.perf_counter()
        for n in range(first, first + count):
            self.submit(n)
        return time.perf_counter() - began

    def submit_queries(self, n: int) -> int:
        return queries(lambda: self.submit(n))
