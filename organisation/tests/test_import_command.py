"""The import_employees management command: counts on success, line errors and a failure exit otherwise."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from organisation.management.commands.import_employees import Command as ImportCommand
from organisation.models import Employee, Membership

NIP_A = "198001012005011001"
NIP_B = "198502152010122002"
GOOD = f"NIP;NAMA;POKJA;PERAN\n{NIP_A};Ani Lestari;PDK;\n{NIP_B};Budi Santoso;PAK, PIA;anggota\n"
BAD = f"NIP,NAMA,POKJA\n{NIP_A},Ani,PDK\n123,Salah,PDK\n{NIP_B},,XYZ\n"


pytestmark = pytest.mark.usefixtures("english_messages")


def write(tmp_path: Path, text: str, name: str = "pegawai.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_employees", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_file_and_prints_the_counts(demo_unit, tmp_path):
    out, _err = run(write(tmp_path, GOOD), "--unit", "inka", "--from", "2024-07-01")

    assert "2 employees created, 0 updated, 0 unchanged; 3 memberships from 2024-07-01" in out
    assert set(
        Membership.objects.filter(employee__nip__in=[NIP_A, NIP_B]).values_list("pokja__code", "valid_from")
    ) == {
        ("PDK", datetime.date(2024, 7, 1)),
        ("PAK", datetime.date(2024, 7, 1)),
        ("PIA", datetime.date(2024, 7, 1)),
    }


def test_it_writes_nothing_on_a_dry_run(demo_unit, tmp_path):
    out, _err = run(write(tmp_path, GOOD), "--unit", "inka", "--dry-run")

    assert "Dry run, nothing written" in out and "2 employees created" in out
    assert not Employee.objects.filter(nip__in=[NIP_A, NIP_B]).exists()


def test_it_prints_every_line_error_to_stderr_and_exits_non_zero(demo_unit, tmp_path, capsys, monkeypatch):
    employees = Employee.objects.count()
    command = ImportCommand()
    # run_from_argv is how manage.py runs it (errors to stderr, exit status); it closes the database
    # connections at the end, which would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    with pytest.raises(SystemExit) as exit_info:
        command.run_from_argv(["manage.py", "import_employees", write(tmp_path, BAD), "--unit", "inka"])

    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert "line 3: NIP must be exactly 18 digits (found 3 characters)." in err
    assert "line 4: The name is empty." in err
    assert "line 4: There is no pokja XYZ in this unit." in err
    assert "3 errors in pegawai.csv; nothing was imported." in err
    assert Employee.objects.count() == employees
    assert not Employee.objects.filter(nip=NIP_A).exists()  # line 2 was fine, and still not written


def test_it_reports_a_missing_required_column_on_the_header_line(demo_unit, tmp_path):
    err = StringIO()

    with pytest.raises(CommandError, match="1 error in pegawai.csv; nothing was imported."):
        call_command("import_employees", write(tmp_path, "NAMA\nAni\n"), "--unit", "inka", stderr=err)

    assert err.getvalue() == "line 1: Required column missing: NIP (the header row must name them).\n"


def test_it_names_an_unknown_unit(demo_unit, tmp_path):
    with pytest.raises(CommandError, match="There is no unit with the slug nope."):
        run(write(tmp_path, GOOD), "--unit", "nope")


def test_it_names_a_missing_file(demo_unit, tmp_path):
    with pytest.raises(CommandError, match="There is no file .*missing.csv"):
        run(str(tmp_path / "missing.csv"), "--unit", "inka")


def test_it_rejects_a_malformed_start_date(demo_unit, tmp_path):
    with pytest.raises(CommandError, match="--from must be a date as YYYY-MM-DD, not 1/7/2024."):
        run(write(tmp_path, GOOD), "--unit", "inka", "--from", "1/7/2024")
