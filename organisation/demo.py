"""The demo unit from the seed document: Bidang Informasi Kepegawaian, Kantor Regional X BKN Denpasar.

Functions (BAB II B), pokja with their function links (Tabel 2.2) and tasks (Tabel 2.3) follow the
document. People are generated: the names are invented and the NIPs are valid but fictitious; no
name from the document is used.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from organisation.models import Agency, Employee, Function, Membership, Pokja, PokjaTask, Unit, User

AGENCY = ("Kantor Regional X BKN Denpasar", "kanreg-x")
UNIT = ("Bidang Informasi Kepegawaian", "inka")
LEGAL_BASIS = "Peraturan BKN Nomor 31 Tahun 2020 tentang Organisasi dan Tata Kerja Kantor Regional"
STRUCTURE_START = datetime.date(2023, 1, 2)
DEMO_PASSWORD = "orbit-demo-2023"

FUNCTIONS = [
    "Pengelolaan dan pemeliharaan jaringan dan basis data kepegawaian Aparatur Sipil Negara",
    "Pengelolaan dan pemeliharaan basis data penilaian kinerja pegawai Aparatur Sipil Negara",
    "Pengelolaan dan pemeliharaan data kepegawaian Aparatur Sipil Negara",
    "Pelaksanaan pengolahan dan diseminasi informasi kepegawaian Aparatur Sipil Negara di wilayah kerjanya",
    "Pelaksanaan penyuntingan dan penyandian data kepegawaian",
    "Pengelolaan dan pemeliharaan aplikasi sistem layanan kepegawaian pegawai Aparatur Sipil Negara",
    "Penyelenggaraan penyajian dan pertukaran informasi",
    "Pengintegrasian sistem aplikasi kinerja pegawai Aparatur Sipil Negara dengan unit pengguna di wilayah kerjanya",
    "Pelaksanaan fasilitasi pengembangan sistem informasi kepegawaian dan sistem pengelolaan arsip kepegawaian",
    "Pelaksanaan pengelolaan dan fasilitasi pemanfaatan teknologi informasi kepegawaian Aparatur Sipil Negara "
    "instansi di wilayah kerjanya",
    "Pengelolaan dan pemeliharaan arsip kepegawaian baik bentuk fisik maupun elektronik",
    "Pelaksanaan pemantauan, evaluasi dan pelaporan bidang informasi kepegawaian di wilayah kerjanya",
]


@dataclass(frozen=True)
class PokjaSeed:
    code: str
    name: str
    purpose: str
    functions: tuple[int, ...]
    tasks: tuple[str, ...]
    aliases: str = ""


POKJA = [
    PokjaSeed(
        "PAK",
        "Pokja Pengelolaan Arsip Kepegawaian",
        "Mengelola arsip kepegawaian fisik dan digital serta melayani pemanfaatannya.",
        (9, 11),
        (
            "Mengelola arsip fisik",
            "Mengelola arsip digital dengan DMS",
            "Melakukan rasionalisasi arsip",
            "Melayani pemanfaatan Takah",
            "Mereview dan update POS PAK",
        ),
    ),
    PokjaSeed(
        "PPA",
        "Pokja Pengembangan/Pembangunan dan Pemanfaatan Aplikasi",
        "Mengembangkan, membangun dan memelihara aplikasi kepegawaian serta mendampingi pemanfaatannya.",
        (6, 9, 10),
        (
            "Mengembangkan aplikasi yang sudah ada",
            "Memelihara aplikasi yang sudah ada",
            "Membangun aplikasi penunjang yang dibutuhkan",
            "Melakukan asistensi dan melayani konsultasi pemanfaatan aplikasi",
            "Mereview dan update POS PPA",
        ),
        # The document's Pokja list (BAB II A) names this pokja "PDA".
        aliases="PDA",
    ),
    PokjaSeed(
        "PDK",
        "Pokja Pengelolaan Data Kepegawaian",
        "Menjaga data kepegawaian ASN di wilayah kerja tetap mutakhir, benar dan termanfaatkan.",
        (3, 4, 10),
        (
            "Melakukan peremajaan data kepegawaian",
            "Melayani konsultasi permasalahan data",
            "Melakukan asistensi pemanfaatan aplikasi kepegawaian (SIASN)",
            "Melakukan rekonsiliasi/clearance data kepegawaian",
            "Melakukan pembinaan pengelolaan data kepegawaian instansi",
            "Mereview dan update POS PDK",
        ),
    ),
    PokjaSeed(
        "PDI",
        "Pokja Penyajian dan Diseminasi Informasi",
        "Menyajikan, menganalisis dan menyebarluaskan data dan informasi kepegawaian.",
        (5, 7),
        (
            "Menyiapkan basis data kepegawaian (data mirror)",
            "Menyajikan data statistik kepegawaian",
            "Melakukan analisis dan interpretasi data statistik",
            "Melakukan analisis dan interpretasi data Elapkin",
            "Menyiapkan data IP ASN",
            "Melakukan pengelolaan website & Buletin",
            "Mereview dan update POS PDI",
        ),
    ),
    PokjaSeed(
        "PJD",
        "Pokja Pemeliharaan Jaringan/Komputer & Penyiapan Media Daring",
        "Menjaga jaringan, komputer dan basis data kepegawaian tetap andal serta menyiapkan media daring.",
        (1,),
        # Tabel 2.3 loses this row at a page break; derived from function 1 and IKU 7.3.
        (
            "Mengelola dan memelihara jaringan dan perangkat komputer",
            "Mengelola dan memelihara basis data kepegawaian ASN",
            "Menyiapkan media daring untuk rapat, layanan dan sosialisasi",
            "Menyusun laporan bulanan pengelolaan dan pemeliharaan jaringan dan basis data kepegawaian",
            "Mereview dan update POS PJD",
        ),
    ),
    PokjaSeed(
        "PLT",
        "Pokja Dukungan Layanan Teknis, Pelaporan & CAT",
        "Memfasilitasi pemanfaatan CAT, mendukung layanan teknis dan mendokumentasikan pelaporan kinerja.",
        (10, 12),
        (
            "Menyiapkan fasilitasi pemanfaatan CAT BKN untuk seleksi",
            "Menyiapkan dukungan pemanfaatan CAT untuk pengembangan",
            "Supporting layanan",
            "Melakukan pemeliharaan fasilitas CAT",
            "Mendokumentasikan pelaporan kinerja",
            "Menjadi admin aplikasi Srikandi",
            "Mereview dan update POS fasilitasi pemanfaatan CAT",
        ),
    ),
    PokjaSeed(
        "PIA",
        "Pokja Integrasi Aplikasi",
        "Mendampingi instansi mengintegrasikan aplikasi kepegawaian dan kinerja dengan SIASN.",
        (2, 8, 10),
        (
            "Melakukan asistensi pemanfaatan Simpegnas dan aplikasi lainnya",
            "Melakukan asistensi integrasi Simpeg Instansi dengan SIASN",
            "Melakukan asistensi pemanfaatan eKinerja BKN",
            "Melakukan asistensi pemanfaatan aplikasi kinerja instansi (jika ada)",
            "Mereview dan update POS PIA",
        ),
    ),
]

# Invented people: (name, sex digit, position, grade).
HEAD = ("Dr. Wisnu Mahardika, S.E., M.Si.", "1", "Kepala Bidang Informasi Kepegawaian", "IV/b")
STAFF = [
    ("Komang Ayu Larasati", "2", "Pranata Komputer Ahli Muda", "III/d"),
    ("Gede Wirawan Saputra", "1", "Pranata Komputer Ahli Muda", "III/c"),
    ("Ni Luh Sekar Arumsari", "2", "Analis Kepegawaian Ahli Muda", "III/d"),
    ("Andi Pratama Nugroho", "1", "Statistisi Ahli Muda", "III/c"),
    ("Siti Rahmawati", "2", "Pranata Komputer Ahli Muda", "III/c"),
    ("Kadek Bayu Mahendra", "1", "Pranata Komputer Ahli Pertama", "III/b"),
    ("Rina Kusumawardani", "2", "Analis Kepegawaian Ahli Muda", "III/d"),
    ("Wayan Surya Dharmaputra", "1", "Arsiparis Ahli Pertama", "III/b"),
    ("Dewi Anggraini Lestari", "2", "Pranata Komputer Ahli Pertama", "III/a"),
    ("Yoga Aditya Permana", "1", "Pranata Komputer Ahli Pertama", "III/b"),
    ("Nyoman Tri Budiarta", "1", "Analis Kepegawaian Ahli Pertama", "III/a"),
    ("Fitri Handayani", "2", "Statistisi Ahli Pertama", "III/a"),
    ("Ketut Arya Wibisana", "1", "Pranata Komputer Terampil", "II/d"),
    ("Ayu Kartika Sari", "2", "Arsiparis Terampil", "II/c"),
    ("Bagus Hendra Kusuma", "1", "Pranata Komputer Terampil", "II/d"),
    ("Lina Marlina Sitorus", "2", "Pengolah Data Kepegawaian", "II/c"),
    ("Made Dwi Antara", "1", "Arsiparis Terampil", "II/c"),
    ("Citra Paramitha", "2", "Pranata Komputer Terampil", "II/d"),
    ("Rudi Setiawan Simanjuntak", "1", "Pengelola Sistem Informasi", "II/b"),
    ("Putri Maharani Utami", "2", "Pengadministrasi Kepegawaian", "II/b"),
    ("Agung Prasetyo Wibowo", "1", "Pranata Komputer Terampil", "II/c"),
    ("Nadia Safitri", "2", "Pengolah Data Kepegawaian", "II/b"),
    ("Eka Saputra Jaya", "1", "Pengelola Arsip", "II/a"),
    ("Intan Permatasari", "2", "Pengadministrasi Umum", "II/a"),
    ("Dimas Ardiansyah", "1", "Teknisi Jaringan", "II/a"),
]

# Demo sign-ins: username -> (role, index into STAFF or "head" or None for the agency admin).
LOGINS = [
    ("admin", User.Role.ADMIN, None, "admin instansi"),
    ("kepala", User.Role.STAFF, "head", "kepala unit"),
    ("ketua", User.Role.STAFF, 0, "ketua pokja PAK"),
    ("anggota", User.Role.STAFF, 20, "anggota pokja"),
]


def demo_nip(index: int, sex: str) -> str:
    """A valid, fictitious NIP: born 1972-1991, TMT CPNS at 23-27, sequence by index."""
    birth = datetime.date(1972 + index % 20, 1 + (index * 5) % 12, 1 + (index * 7) % 28)
    tmt_year, tmt_month = birth.year + 23 + index % 5, 1 + (index * 3) % 12
    return f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{sex}{index + 1:03d}"


def pokja_indexes(staff_index: int) -> list[int]:
    """Every person in two pokja, every third in three: ketua of pokja p is staff p, wakil is staff 7+p."""
    count = len(POKJA)
    indexes = [staff_index % count, (staff_index + 3) % count]
    if staff_index % 3 == 0:
        indexes.append((staff_index + 5) % count)
    return indexes


def role_for(staff_index: int, pokja_index: int) -> str:
    if staff_index == pokja_index:
        return Membership.Role.KETUA
    if staff_index == pokja_index + len(POKJA):
        return Membership.Role.WAKIL
    return Membership.Role.ANGGOTA


@transaction.atomic
def load_demo() -> tuple[Unit, bool]:
    """Creates the demo agency and unit once; returns (unit, created)."""
    existing = Unit.objects.filter(slug=UNIT[1]).first()
    if existing is not None:
        return existing, False

    agency = Agency.objects.create(name=AGENCY[0], slug=AGENCY[1])
    unit = Unit.objects.create(agency=agency, name=UNIT[0], slug=UNIT[1])
    functions = {
        number: Function.objects.create(unit=unit, number=number, description=text, legal_basis=LEGAL_BASIS)
        for number, text in enumerate(FUNCTIONS, start=1)
    }
    pokja = []
    for order, seed in enumerate(POKJA, start=1):
        group = Pokja.objects.create(
            unit=unit, code=seed.code, name=seed.name, purpose=seed.purpose, order=order, aliases=seed.aliases
        )
        group.functions.set([functions[n] for n in seed.functions])
        PokjaTask.objects.bulk_create(
            PokjaTask(pokja=group, number=n, text=text) for n, text in enumerate(seed.tasks, start=1)
        )
        pokja.append(group)

    def employee(index: int, person: tuple[str, str, str, str]) -> Employee:
        name, sex, position, grade = person
        email = name.split(",")[0].replace("Dr. ", "").lower().replace(" ", ".") + "@demo.orbit.test"
        return Employee.objects.create(
            agency=agency,
            unit=unit,
            nip=demo_nip(index, sex),
            name=name,
            position=position,
            grade=grade,
            email=email,
        )

    head = employee(len(STAFF), HEAD)
    unit.head = head
    unit.save(update_fields=["head"])
    staff = [employee(index, person) for index, person in enumerate(STAFF)]
    Membership.objects.bulk_create(
        Membership(employee=person, pokja=pokja[p], role=role_for(i, p), valid_from=STRUCTURE_START)
        for i, person in enumerate(staff)
        for p in pokja_indexes(i)
    )

    for username, role, who, _label in LOGINS:
        person = head if who == "head" else None if who is None else staff[who]
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            agency=agency,
            role=role,
            first_name=person.name if person else "Admin Kanreg X",
            email=person.email if person else "admin@demo.orbit.test",
        )
        if person:
            person.user = user
            person.save(update_fields=["user"])
    return unit, True
