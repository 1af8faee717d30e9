"""The employee importer: parse, check every row, write all or nothing."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.importer import import_employees
from organisation.models import Employee, Membership
from organisation.tests.factories import EmployeeFactory, MembershipFactory, PokjaFactory, UnitFactory

START = datetime.date(2024, 7, 1)
HEADER = ["NIP", "NAMA", "JABATAN", "GOLONGAN", "EMAIL", "POKJA", "PERAN"]
NIP_A = "198001012005011001"
NIP_B = "198502152010122002"
NIP_C = "199003032015031003"


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_whole_number(data: bytes, nip: str) -> bytes:
    """The sheet as an exporter that keeps every digit writes it: openpyxl itself rounds to 16 digits."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(f"<v>{int(nip):.16g}</v>".encode(), f"<v>{nip}</v>".encode())
            target.writestr(item, content)
    return out.getvalue()


def run(unit, data, file_name="pegawai.csv", start=START, dry_run=False, actor=None):
    return import_employees(actor=actor, unit=unit, file_name=file_name, data=data, start=start, dry_run=dry_run)


def roles(unit, day=START) -> set[tuple[str, str, str]]:
    return {
        (m.employee.nip, m.pokja.code, m.role)
        for m in Membership.objects.at(day).filter(pokja__unit=unit).select_related("employee", "pokja")
    }


def snapshot(unit) -> tuple:
    """Everything an import may change, to prove a refused import changed nothing."""
    return (
        sorted(Employee.objects.values_list("nip", "name", "position", "grade", "email", "unit_id", "is_active")),
        sorted(Membership.objects.values_list("employee_id", "pokja_id", "role", "valid_from", "valid_to")),
    )


pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def unit(db):
    unit = UnitFactory(name="Bidang Uji", slug="bidang-uji")
    PokjaFactory(unit=unit, code="PDK", order=1)
    PokjaFactory(unit=unit, code="PPA", aliases="PDA", order=2)
    PokjaFactory(unit=unit, code="PAK", order=3)
    return unit


def test_it_imports_a_good_csv_with_employees_and_roles(unit):
    data = csv_bytes(
        [
            [NIP_A, "Ani Lestari", "Pranata Komputer", "III/c", "ani@example.test", "PDK", "ketua"],
            [NIP_A, "Ani Lestari", "Pranata Komputer", "III/c", "ani@example.test", "PAK", ""],
            ["19850215 201012 2 002", "Budi Santoso", "Arsiparis", "III/a", "", "PDK; PAK", "Wakil"],
            [NIP_C, "Citra Dewi", "", "", "", "", ""],
        ]
    )

    result = run(unit, data)

    assert result.errors == []
    assert (result.created, result.updated, result.memberships, result.ended) == (3, 0, 4, 0)
    ani = Employee.objects.get(nip=NIP_A)
    assert (ani.name, ani.position, ani.grade, ani.email, ani.unit, ani.agency) == (
        "Ani Lestari",
        "Pranata Komputer",
        "III/c",
        "ani@example.test",
        unit,
        unit.agency,
    )
    assert Employee.objects.filter(unit=unit).count() == 3
    assert roles(unit) == {
        (NIP_A, "PDK", "ketua"),
        (NIP_A, "PAK", "anggota"),
        (NIP_B, "PDK", "wakil"),
        (NIP_B, "PAK", "wakil"),
    }
    assert set(Membership.objects.values_list("valid_from", "valid_to")) == {(START, None)}


def test_it_imports_a_good_xlsx_with_siasn_headers_and_nip_as_number(unit):
    header = ["No", "NIP BARU", "Nama", "Jabatan_Nama", "GOL AKHIR NAMA", "E-Mail", "Pokja", "Role"]
    data = xlsx_bytes(
        [
            [1, int(NIP_A), "Ani Lestari", "Pranata Komputer", "III/c", "ani@example.test", "pdk", "KETUA"],
            [None, None, None, None, None, None, None, None],
            [2, NIP_B, "Budi Santoso", "Arsiparis", "III/a", None, "PAK", None],
        ],
        header=header,
    )
    data = write_whole_number(data, NIP_A)

    result = run(unit, data, file_name="siasn.xlsx")

    assert result.errors == []
    assert result.created == 2
    assert Employee.objects.get(nip=NIP_A).grade == "III/c"
    assert roles(unit) == {(NIP_A, "PDK", "ketua"), (NIP_B, "PAK", "anggota")}
    assert [row.line for row in result.preview] == [2, 4]


def test_it_writes_nothing_when_one_row_among_good_ones_is_bad(unit):
    existing = EmployeeFactory(unit=unit, nip=NIP_A, name="Ani Lama", position="Lama")
    before = snapshot(unit)
    data = csv_bytes(
        [
            [NIP_A, "Ani Baru", "Jabatan Baru", "IV/a", "", "PDK", "ketua"],
            [NIP_B, "Budi", "", "", "", "PAK", ""],
            ["19800101200501100", "Salah Satu", "", "", "", "PAK", ""],
            [NIP_C, "Citra", "", "", "", "PPA", ""],
        ]
    )

    result = run(unit, data)

    assert result.errors == [(4, "NIP must be exactly 18 digits (found 17 characters).")]
    assert snapshot(unit) == before
    existing.refresh_from_db()
    assert (existing.name, existing.position) == ("Ani Lama", "Lama")
    assert not Employee.objects.filter(nip__in=[NIP_B, NIP_C]).exists()


def test_it_reports_every_bad_row_with_its_spreadsheet_line(unit):
    before = snapshot(unit)
    data = csv_bytes(
        [
            [NIP_A, "Ani", "", "", "", "PDK", ""],  # line 2: fine
            ["", "", "", "", "", "", ""],  # line 3: blank, skipped but counted
            ["199913312015031000", "Tanggal Salah", "", "", "", "", ""],  # line 4
            [NIP_B, "", "", "", "bukan-email", "XYZ", "bos"],  # line 5
            [NIP_C, "Citra", "", "", "", "", "ketua"],  # line 6
        ]
    )

    result = run(unit, data)

    assert result.errors == [
        (4, "Digits 1-8 of the NIP (birth date, YYYYMMDD) are not a real date: 19991331."),
        (4, "Digits 16-18 of the NIP (sequence number) must be 001-999, not 000."),
        (5, "The name is empty."),
        (5, "The e-mail address bukan-email is not valid."),
        (5, "There is no pokja XYZ in this unit."),
        (5, "The role bos is not one of ketua, wakil, anggota."),
        (6, "The role ketua needs a pokja."),
    ]
    assert snapshot(unit) == before


def test_it_reports_a_missing_required_column_once(unit):
    data = csv_bytes([["Ani", "PDK"]], header=["NAMA LENGKAP", "POKJA"])

    result = run(unit, data)

    assert result.errors == [(1, "Required column missing: NIP, NAMA (the header row must name them).")]


def test_it_reports_a_file_without_employee_rows(unit):
    assert run(unit, csv_bytes([])).errors == [(None, "The file has a header row but no employees.")]
    assert run(unit, b"").errors == [(None, "The file is empty: it needs a header row and at least one employee.")]


def test_it_rejects_a_second_ketua_for_a_pokja_in_the_file(unit):
    data = csv_bytes(
        [
            [NIP_A, "Ani", "", "", "", "PDK", "ketua"],
            [NIP_B, "Budi", "", "", "", "PAK", "ketua"],
            [NIP_C, "Citra", "", "", "", "PDK", "KETUA"],
        ]
    )

    result = run(unit, data)

    assert result.errors == [(4, "Pokja PDK has a second ketua in this file (the first is on line 2).")]
    assert not Employee.objects.filter(unit=unit).exists()


def test_it_rejects_a_ketua_when_the_pokja_has_another_in_force_and_names_them(demo_unit):
    holder = Membership.objects.at(START).get(pokja__unit=demo_unit, pokja__code="PDK", role="ketua").employee
    data = csv_bytes([[NIP_A, "Ani", "", "", "", "PDK", "ketua"]])

    result = run(demo_unit, data)

    assert result.errors == [
        (2, f"Pokja PDK already has {holder.name} (NIP {holder.nip}) as ketua on 2024-07-01."),
    ]
    assert not Employee.objects.filter(nip=NIP_A).exists()


def test_it_lets_a_new_ketua_take_over_when_the_file_moves_the_old_one(demo_unit):
    pokja_ketua = Membership.objects.at(START).get(pokja__unit=demo_unit, pokja__code="PDK", role="ketua")
    old = pokja_ketua.employee
    data = csv_bytes(
        [
            [NIP_A, "Ani", "", "", "", "PDK", "ketua"],
            [old.nip, old.name, "", "", "", "PDK", "anggota"],
        ]
    )

    result = run(demo_unit, data)

    assert result.errors == []
    assert (NIP_A, "PDK", "ketua") in roles(demo_unit)
    assert (old.nip, "PDK", "anggota") in roles(demo_unit)
    pokja_ketua.refresh_from_db()
    assert pokja_ketua.valid_to == START - datetime.timedelta(days=1)


def test_it_reads_the_alias_pda_as_pokja_ppa(demo_unit):
    data = csv_bytes([[NIP_A, "Ani", "", "", "", "pda", ""]])

    result = run(demo_unit, data)

    assert result.errors == []
    assert (NIP_A, "PPA", "anggota") in roles(demo_unit)


def test_it_rejects_a_nip_that_excel_rounded_to_a_float(unit):
    data = xlsx_bytes([[1.98001012005011e17, "Ani", "", "", "", "", ""]])

    result = run(unit, data, file_name="pegawai.xlsx")

    assert len(result.errors) == 1
    line, message = result.errors[0]
    assert line == 2
    assert "rounded number" in message and "format the NIP column as text" in message
    assert not Employee.objects.exists()


def test_it_rejects_a_nip_that_a_csv_holds_in_scientific_notation(unit):
    result = run(unit, csv_bytes([["1.98001E+17", "Ani", "", "", "", "", ""]]))

    assert [line for line, _message in result.errors] == [2]
    assert "rounded number" in result.errors[0][1]


def test_it_reads_a_utf8_bom_csv_with_semicolons_and_commas_in_names(unit):
    data = csv_bytes(
        [[NIP_A, "Dr. Ani Lestari, S.Kom., M.T.", "Pranata Komputer", "IV/a", "", "PDK, PAK", "anggota"]],
        delimiter=";",
        bom=True,
    )

    result = run(unit, data)

    assert result.errors == []
    assert Employee.objects.get(nip=NIP_A).name == "Dr. Ani Lestari, S.Kom., M.T."
    assert roles(unit) == {(NIP_A, "PDK", "anggota"), (NIP_A, "PAK", "anggota")}


def test_it_is_idempotent_when_the_same_file_is_imported_again(unit):
    data = csv_bytes(
        [
            [NIP_A, "Ani", "Pranata", "III/c", "ani@example.test", "PDK", "ketua"],
            [NIP_B, "Budi", "Arsiparis", "III/a", "", "PDK;PAK", ""],
        ]
    )
    run(unit, data)
    before = snapshot(unit)

    again = run(unit, data, start=START + datetime.timedelta(days=30))

    assert again.errors == []
    assert (again.created, again.updated, again.unchanged, again.memberships, again.ended) == (0, 0, 2, 0, 0)
    assert snapshot(unit) == before


def test_it_ends_the_old_membership_the_day_before_a_role_change(unit):
    employee = EmployeeFactory(unit=unit, nip=NIP_A, name="Ani")
    old = MembershipFactory(employee=employee, pokja=unit.pokja.get(code="PDK"), valid_from=datetime.date(2023, 1, 2))
    data = csv_bytes([[NIP_A, "Ani", "", "", "", "PDK", "wakil"]])

    result = run(unit, data)

    assert (result.memberships, result.ended) == (1, 1)
    old.refresh_from_db()
    assert (old.role, old.valid_from, old.valid_to) == (
        "anggota",
        datetime.date(2023, 1, 2),
        datetime.date(2024, 6, 30),
    )
    assert roles(unit) == {(NIP_A, "PDK", "wakil")}
    assert roles(unit, START - datetime.timedelta(days=1)) == {(NIP_A, "PDK", "anggota")}
    assert Membership.objects.filter(employee=employee).count() == 2


def test_it_rolls_everything_back_when_the_database_guard_refuses_a_membership(unit):
    # A membership that only starts after the import's start date is not "in force" for the checks,
    # but the new open-ended one would overlap it: the guard trigger refuses, and the whole import goes.
    employee = EmployeeFactory(unit=unit, nip=NIP_A, name="Ani")
    MembershipFactory(
        employee=employee, pokja=unit.pokja.get(code="PDK"), valid_from=START + datetime.timedelta(days=10)
    )
    before = snapshot(unit)
    data = csv_bytes([[NIP_B, "Budi", "", "", "", "PAK", ""], [NIP_A, "Ani", "", "", "", "PDK", ""]])

    result = run(unit, data)

    assert result.errors == [(None, "This employee is already a member of this pokja in that period.")]
    assert snapshot(unit) == before


def test_it_updates_changed_details_of_existing_employees_but_keeps_what_a_cell_leaves_empty(unit):
    employee = EmployeeFactory(unit=unit, nip=NIP_A, name="Ani", position="Lama", email="ani@example.test")
    data = csv_bytes([[NIP_A, "Ani Lestari", "Baru", "", "", "", ""]])

    result = run(unit, data)

    assert (result.created, result.updated) == (0, 1)
    employee.refresh_from_db()
    assert (employee.name, employee.position, employee.grade, employee.email) == (
        "Ani Lestari",
        "Baru",
        "III/a",
        "ani@example.test",
    )


def test_it_rejects_a_nip_that_belongs_to_another_unit_of_the_agency(unit):
    elsewhere = UnitFactory(agency=unit.agency, name="Bidang Lain")
    EmployeeFactory(unit=elsewhere, nip=NIP_A, name="Ani Lain")
    data = csv_bytes([[NIP_B, "Budi", "", "", "", "", ""], [NIP_A, "Ani", "", "", "", "", ""]])

    result = run(unit, data)

    assert result.errors == [(3, f"NIP {NIP_A} belongs to Ani Lain in another unit (Bidang Lain).")]
    assert not Employee.objects.filter(nip=NIP_B).exists()


def test_it_allows_a_nip_that_only_another_agency_uses(unit, other_unit):
    nip = other_unit.employees.get().nip
    result = run(unit, csv_bytes([[nip, "Orang Sama", "", "", "", "", ""]]))

    assert result.errors == []
    assert Employee.objects.filter(nip=nip).count() == 2


def test_it_rejects_a_repeated_nip_with_other_details(unit):
    data = csv_bytes(
        [
            [NIP_A, "Ani", "Pranata", "", "", "PDK", ""],
            [NIP_A, "Ani", "Arsiparis", "", "", "PAK", ""],
        ]
    )

    result = run(unit, data)

    assert result.errors == [(3, f"NIP {NIP_A} is on line 2 with other details (JABATAN).")]


def test_it_rejects_a_file_over_the_size_limit(unit, settings):
    settings.ORBIT_IMPORT_MAX_BYTES = 50
    data = csv_bytes([[NIP_A, "Ani", "", "", "", "", ""]])

    result = run(unit, data)

    assert result.errors == [(None, f"The file is too large ({len(data)} bytes; at most 50).")]
    assert not Employee.objects.exists()


def test_it_rejects_a_file_that_is_not_a_workbook(unit):
    result = run(unit, b"PK\x03\x04 not really a zip", file_name="pegawai.xlsx")

    assert result.errors == [(None, "The file could not be read as an XLSX workbook.")]


def test_it_writes_nothing_on_a_dry_run_but_previews_every_change(unit):
    EmployeeFactory(unit=unit, nip=NIP_A, name="Ani")
    data = csv_bytes([[NIP_A, "Ani Lestari", "", "", "", "PDK", "ketua"], [NIP_B, "Budi", "", "", "", "PAK", ""]])
    before = snapshot(unit)

    result = run(unit, data, dry_run=True)

    assert snapshot(unit) == before
    assert (result.created, result.updated, result.memberships) == (1, 1, 2)
    ani, budi = result.preview
    assert (ani.line, ani.action, ani.changed, ani.name) == (2, "update", ["name"], "Ani Lestari")
    assert [(m.code, m.role, m.action) for m in ani.memberships] == [("PDK", "ketua", "add")]
    assert (budi.action, [(m.code, m.role) for m in budi.memberships]) == ("create", [("PAK", "anggota")])


def test_it_refuses_an_actor_who_may_not_manage_the_unit(anggota_user, demo_unit):
    with pytest.raises(PermissionDenied):
        run(demo_unit, csv_bytes([[NIP_A, "Ani", "", "", "", "", ""]]), actor=anggota_user)
    assert not Employee.objects.filter(nip=NIP_A).exists()


def test_it_lets_the_unit_head_import(head_user, demo_unit):
    result = run(demo_unit, csv_bytes([[NIP_A, "Ani", "", "", "", "PAK", ""]]), actor=head_user)

    assert result.created == 1


def test_it_uses_the_same_number_of_queries_for_ten_rows_as_for_a_hundred(unit):
    def import_rows(count: int, first: int) -> int:
        rows = [[_nip(first + n), f"Pegawai {n}", "", "", "", "PDK", ""] for n in range(count)]
        with CaptureQueriesContext(connection) as queries:
            result = run(unit, csv_bytes(rows))
        assert result.created == count
        return len(queries)

    # 10 queries whatever the size (below one 500-row batch): savepoint, lock the unit's pokja rows,
    # pokja, employees by NIP, memberships in force, savepoint, insert employees, insert memberships,
    # release, release.
    assert import_rows(10, 0) == import_rows(100, 10) == 10


def _nip(n: int) -> str:
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n)
    return f"{birth:%Y%m%d}{birth.year + 25}{1 + n % 12:02d}{1 + n % 2}{1 + n % 999:03d}"
