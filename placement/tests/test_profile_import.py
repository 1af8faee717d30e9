"""Profile XLSX import: all rows or none, with the line of every error."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from organisation import demo
from placement.models import CompetencyLevel, EmployeeProfile
from placement.services.profile_import import import_profiles

KOMANG = demo.demo_nip(0, "2")
GEDE = demo.demo_nip(1, "1")
HEADER = [
    "NIP",
    "education",
    "max_pokja",
    "available",
    "interest_pokja",
    "interest_competencies",
    "jaringan",
    "Statistik",
]


def workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(actor, unit, data: bytes):
    return import_profiles(actor=actor, unit=unit, file_name="profil.xlsx", data=data)


def test_it_imports_every_row_and_leaves_changed_levels_unconfirmed(placement_unit, head_user):
    data = workbook(
        [KOMANG, "S2 Ilmu Komputer", 3, "ya", "PDI, pjd", "statistik", 4, 3],
        [GEDE, "", "", "tidak", "", "", "", 2],
    )
    result = run(head_user, placement_unit, data)
    assert result.ok and result.profiles == 2
    komang = EmployeeProfile.objects.get(employee__nip=KOMANG)
    assert (komang.education, komang.max_pokja, komang.available) == ("S2 Ilmu Komputer", 3, True)
    assert set(komang.interest_pokja.values_list("code", flat=True)) == {"PDI", "PJD"}
    jaringan = komang.levels.get(competency__code="jaringan")
    assert jaringan.level == 4 and not jaringan.is_confirmed
    gede = EmployeeProfile.objects.get(employee__nip=GEDE)
    assert gede.available is False and gede.education  # an empty cell keeps what was there
    assert gede.levels.get(competency__code="statistik").level == 2


def test_one_bad_row_means_nothing_is_written_and_each_error_has_its_line(placement_unit, head_user):
    before = list(CompetencyLevel.objects.values_list("pk", "level", "confirmed_at"))
    data = workbook(
        [KOMANG, "S2", 3, "ya", "PDI", "", 4, 3],
        ["199001012015011999", "", "", "", "", "", "", ""],
        [GEDE, "", 12, "mungkin", "XYZ", "sulap", 7, ""],
    )
    result = run(head_user, placement_unit, data)
    assert not result.ok and result.profiles == 0
    lines = {line for line, _message in result.errors}
    assert lines == {3, 4}
    texts = " ".join(message for _line, message in result.errors)
    for fragment in ("199001012015011999", "max_pokja", "mungkin", "XYZ", "sulap", "Jaringan Komputer"):
        assert fragment in texts
    assert list(CompetencyLevel.objects.values_list("pk", "level", "confirmed_at")) == before
    assert EmployeeProfile.objects.get(employee__nip=KOMANG).education != "S2"


def test_it_rejects_an_unknown_column_before_reading_rows(placement_unit, head_user):
    book = Workbook()
    book.active.append(["nip", "hobby"])
    book.active.append([KOMANG, "catur"])
    buffer = BytesIO()
    book.save(buffer)
    result = run(head_user, placement_unit, buffer.getvalue())
    assert result.errors == [(1, "Unknown column “hobby”: neither a profile field nor a competency.")]


def test_only_managers_import(placement_unit, anggota_user):
    with pytest.raises(PermissionDenied):
        run(anggota_user, placement_unit, workbook())
