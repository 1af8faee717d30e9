"""Gives every existing agency the ASN competency standard (new agencies get it from a signal)."""

from django.db import migrations

ASN_STANDARD = [
    ("integritas", "Integritas", "managerial"),
    ("kerja_sama", "Kerja Sama", "managerial"),
    ("komunikasi", "Komunikasi", "managerial"),
    ("orientasi_hasil", "Orientasi pada Hasil", "managerial"),
    ("pelayanan_publik", "Pelayanan Publik", "managerial"),
    ("pengembangan_diri", "Pengembangan Diri dan Orang Lain", "managerial"),
    ("mengelola_perubahan", "Mengelola Perubahan", "managerial"),
    ("pengambilan_keputusan", "Pengambilan Keputusan", "managerial"),
    ("perekat_bangsa", "Perekat Bangsa", "socio_cultural"),
]


def seed(apps, schema_editor):
    Agency = apps.get_model("organisation", "Agency")
    Competency = apps.get_model("placement", "Competency")
    for agency in Agency.objects.all():
        have = set(Competency.objects.filter(agency=agency).values_list("code", flat=True))
        Competency.objects.bulk_create(
            Competency(agency=agency, code=code, name=name, kind=kind, order=order)
            for order, (code, name, kind) in enumerate(ASN_STANDARD, start=1)
            if code not in have
        )


class Migration(migrations.Migration):
    dependencies = [("placement", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
