"""export_unit_template and create_unit_from_template: what they write, and a non-zero exit on every error."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from organisation.models import Pokja, Unit
from performance.models import PerformanceAgreement
from replication.tests.conftest import row_counts

pytestmark = pytest.mark.usefixtures("english_messages")


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return caught.value, err.getvalue()


@pytest.fixture
def template_file(tmp_path, template_bytes):
    path = tmp_path / "inka.json"
    path.write_bytes(template_bytes)
    return path


def test_it_exports_to_standard_output(source_unit):
    out, _err = run("export_unit_template", "inka")

    assert json.loads(out)["source"]["unit"] == "Bidang Informasi Kepegawaian"


def test_it_exports_to_a_file(source_unit, tmp_path):
    target = tmp_path / "inka.json"

    _out, err = run("export_unit_template", "inka", "-o", str(target))

    assert len(json.loads(target.read_bytes())["pokja"]) == 7
    assert str(target) in err


def test_it_exits_non_zero_for_an_unknown_unit(db):
    error, _err = fails("export_unit_template", "tidak-ada")

    assert error.returncode == 1 and "There is no unit with the slug tidak-ada." in str(error)


def test_it_creates_the_unit_in_the_named_agency(template_file, admin_b):
    out, _err = run(
        "create_unit_from_template", str(template_file), "--agency", "kab-contoh", "--name", "Bidang Info",
        "--slug", "kab-info", "--year", "2027",
    )  # fmt: skip

    unit = Unit.objects.get(slug="kab-info")
    assert unit.agency == admin_b.agency and "Unit Bidang Info created (/units/kab-info/)." in out
    assert Pokja.objects.filter(unit=unit).count() == 7
    assert PerformanceAgreement.objects.get(unit=unit).year == 2027
    assert unit.history.get().history_user is None  # the system acted


def test_a_dry_run_reports_and_writes_nothing(template_file, admin_b):
    before = row_counts()

    out, _err = run(
        "create_unit_from_template", str(template_file), "--agency", "kab-contoh", "--name", "Bidang Info",
        "--slug", "kab-info", "--dry-run",
    )  # fmt: skip

    assert "Dry run, nothing written. It would create 7 pokja with 40 tasks, 12 functions" in out
    assert "6 new competencies and 15 indicators" in out
    assert row_counts() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--agency": "tidak-ada"}, "There is no agency with the slug tidak-ada."),
        ({"--slug": "inka"}, "The address inka is already taken."),
        ({"--slug": "bukan slug"}, "The address may hold only letters"),
        ({"--year": "1999"}, "The year must be between 2000 and 2100."),
    ],
)
def test_it_exits_non_zero_and_creates_nothing_on_a_bad_target(template_file, admin_b, change, message):
    options = {"--agency": "kab-contoh", "--name": "Bidang Info", "--slug": "kab-info", **change}
    before = row_counts()

    error, err = fails("create_unit_from_template", str(template_file), *[x for pair in options.items() for x in pair])

    assert error.returncode == 1
    assert message in str(error) + err
    assert row_counts() == before


def test_it_exits_non_zero_for_a_missing_file(admin_b, tmp_path):
    error, _err = fails(
        "create_unit_from_template", str(tmp_path / "hilang.json"), "--agency", "kab-contoh", "--name", "X",
        "--slug", "x",
    )  # fmt: skip

    assert error.returncode == 1 and "There is no file" in str(error)


def test_it_exits_non_zero_for_a_file_above_the_limit(template_file, admin_b, settings):
    settings.ORBIT_IMPORT_MAX_BYTES = 100

    error, _err = fails(
        "create_unit_from_template", str(template_file), "--agency", "kab-contoh", "--name", "X", "--slug", "x"
    )

    assert error.returncode == 1 and "The file is too large" in str(error)
