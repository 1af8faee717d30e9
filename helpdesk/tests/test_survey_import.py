"""Importing paper IKM answers (CSV/XLSX) by service and by command: all rows or none, spreadsheet line numbers."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from helpdesk.models import Survey
from helpdesk.selectors import ikm_report
from helpdesk.survey_import import import_surveys

HEADER = "tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9;pokja;layanan;komentar\n"


def csv_bytes(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


def test_it_imports_every_row_with_pokja_and_service(demo_unit, siasn):
    data = csv_bytes(
        "2025-03-01;4;4;4;4;4;4;4;4;4;PIA;;Bagus",
        "2025-03-02;3;3;3;3;3;3;3;3;3;;Integrasi SIASN;",
        "2025-03-03;2;3;2;3;2;3;2;3;2;PDK;;",
    )
    result = import_surveys(unit=demo_unit, file_name="ikm.csv", data=data)
    assert result.ok and result.created == 3
    rows = list(Survey.objects.order_by("date"))
    assert [r.pokja.code for r in rows] == ["PIA", "PIA", "PDK"]
    assert rows[1].category == siasn and rows[0].comment == "Bagus"
    assert all(r.source == Survey.Source.IMPORT and r.ticket is None for r in rows)


def test_a_bad_row_imports_nothing_and_names_its_line(demo_unit, siasn):
    data = csv_bytes(
        "2025-03-01;4;4;4;4;4;4;4;4;4;PIA;;",
        "",
        "2025-02-30;4;4;4;4;4;4;4;4;4;;;",
        "2025-03-04;4;5;4;4;4;4;4;4;x;XYZ;;",
        "2025-03-05;4;4;4;4;4;4;4;4;4;PAK;Integrasi SIASN;",
    )
    result = import_surveys(unit=demo_unit, file_name="ikm.csv", data=data)
    assert not result.ok and result.created == 0
    assert not Survey.objects.exists()
    lines = [line for line, _message in result.errors]
    # Header is line 1, the blank line 3 still counts.
    assert lines == [4, 5, 5, 5, 6]


def test_it_reports_missing_columns(demo_unit):
    result = import_surveys(unit=demo_unit, file_name="ikm.csv", data=b"tanggal;U1;U2\n2025-01-01;4;4\n")
    assert result.errors and result.errors[0][0] == 1 and "U3" in result.errors[0][1]


def test_it_reads_xlsx_with_real_dates_and_numbers(demo_unit):
    book = Workbook()
    sheet = book.active
    sheet.append(["Tanggal", *[f"U{i}" for i in range(1, 10)], "Komentar"])
    sheet.append([datetime.date(2025, 4, 1), *[4.0] * 9, "Puas"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_surveys(unit=demo_unit, file_name="ikm.xlsx", data=buffer.getvalue())
    assert result.ok and Survey.objects.get().scores == [4] * 9


def test_imported_answers_count_in_the_ikm(demo_unit):
    import_surveys(unit=demo_unit, file_name="ikm.csv", data=csv_bytes("2025-03-01;4;4;4;4;4;4;4;4;4;;;"))
    report = ikm_report(demo_unit)
    assert report.respondents == 1 and report.result.grade == "A" and report.population == 1


def test_the_command_imports_a_file(demo_unit, tmp_path, capsys):
    path = tmp_path / "ikm.csv"
    path.write_bytes(csv_bytes("2025-03-01;4;3;4;3;4;3;4;3;4;;;"))
    call_command("import_survey", str(path), "--unit", "inka")
    assert Survey.objects.count() == 1


def test_the_command_fails_on_errors_and_writes_nothing(demo_unit, tmp_path, capsys):
    path = tmp_path / "ikm.csv"
    path.write_bytes(csv_bytes("2025-03-01;4;3;4;3;4;3;4;3;4;;;", "kemarin;4;3;4;3;4;3;4;3;4;;;"))
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_survey", str(path), "--unit", "inka")
    assert "line 3: “tanggal” must be a date" in capsys.readouterr().err
    assert not Survey.objects.exists()


def test_the_command_refuses_an_unknown_unit(db, tmp_path):
    path = tmp_path / "ikm.csv"
    path.write_bytes(csv_bytes())
    with pytest.raises(CommandError):
        call_command("import_survey", str(path), "--unit", "nope")
