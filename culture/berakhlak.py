"""The BerAKHLAK core values of the ASN with their behaviour statements, as SE MenPANRB Nomor 20 Tahun 2021
(Implementasi Core Values dan Employer Branding Aparatur Sipil Negara) words them. Loaded by a data migration.
"""

SOURCE = "SE MenPANRB Nomor 20 Tahun 2021"

# (code, name, definition, (behaviour 1, behaviour 2, behaviour 3))
VALUES = (
    (
        "berorientasi-pelayanan",
        "Berorientasi Pelayanan",
        "Komitmen memberikan pelayanan prima demi kepuasan masyarakat",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    (
        "akuntabel",
        "Akuntabel",
        "Bertanggung jawab atas kepercayaan yang diberikan",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    (
        "kompeten",
        "Kompeten",
        "Terus belajar dan mengembangkan kapabilitas",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    (
        "harmonis",
        "Harmonis",
        "Saling peduli dan menghargai perbedaan",
        (
            "Menghargai setiap orang apa pun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    (
        "loyal",
        "Loyal",
        "Berdedikasi dan mengutamakan kepentingan bangsa dan negara",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
            "setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    (
        "adaptif",
        "Adaptif",
        "Terus berinovasi dan antusias dalam menggerakkan ataupun menghadapi perubahan",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    (
        "kolaboratif",
        "Kolaboratif",
        "Membangun kerja sama yang sinergis",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ),
    ),
)


def load(core_value_model, behaviour_model) -> None:
    """Creates or updates the seven values and their statements (models passed in, for migrations)."""
    for order, (code, name, definition, behaviours) in enumerate(VALUES, start=1):
        value, _created = core_value_model.objects.update_or_create(
            code=code, defaults={"name": name, "definition": definition, "order": order}
        )
        for number, text in enumerate(behaviours, start=1):
            behaviour_model.objects.update_or_create(value=value, number=number, defaults={"text": text})
