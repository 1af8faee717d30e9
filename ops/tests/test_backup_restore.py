"""manage.py backup / restore: a populated installation round-trips exactly, a bad backup changes nothing."""

import hashlib
import io
import json
import shutil
import zipfile

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from helpdesk.models import Attachment, Ticket
from ops import backup
from organisation.models import Agency, Employee
from performance.models import Evidence, Realisasi

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def media(settings, tmp_path):
    """A file-system default storage in a temporary MEDIA_ROOT, as in production."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


def everything() -> list[dict]:
    """Every row the backup covers, as Python values (datetimes to the microsecond), in a stable order."""
    rows = []
    for model in backup.backed_up_models():
        queryset = model._base_manager.order_by("pk")
        rows.extend(serializers.serialize("python", queryset, use_natural_foreign_keys=True))
    return rows


def file_hashes() -> dict[str, str]:
    hashes = {}
    for name in backup.storage_files():
        with default_storage.open(name, "rb") as handle:
            hashes[name] = hashlib.sha256(handle.read()).hexdigest()
    return hashes


def populate():
    for command in ["load_demo", "load_performance_demo", "load_helpdesk_demo", "load_placement_demo"]:
        call_command(command, verbosity=0, stdout=io.StringIO())
    realisasi = Realisasi.objects.first() or pytest.fail("the performance demo has no realisasi")
    evidence = Evidence(realisasi=realisasi, name="laporan.pdf", content_type="application/pdf", size=len(PDF))
    evidence.file.save("laporan.pdf", ContentFile(PDF))
    ticket = Ticket.objects.first() or pytest.fail("the helpdesk demo has no ticket")
    attachment = Attachment(ticket=ticket, name="foto.png", content_type="image/png", size=len(PNG))
    attachment.file.save("foto.png", ContentFile(PNG))


@pytest.mark.django_db(transaction=True)
def test_it_round_trips_a_populated_installation_into_an_emptied_database(media, tmp_path):
    populate()
    before, hashes_before = everything(), file_hashes()
    models = {row["model"] for row in before}
    assert len(hashes_before) == 2
    assert models >= {"organisation.membership", "performance.realisasi", "helpdesk.ticket"}
    archive = tmp_path / "orbit.zip"
    call_command("backup", str(archive), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert not Agency.objects.exists() and file_hashes() == {}

    call_command("restore", str(archive), stdout=io.StringIO())

    assert everything() == before
    assert file_hashes() == hashes_before
    with default_storage.open(Evidence.objects.get(name="laporan.pdf").file.name, "rb") as handle:
        assert handle.read() == PDF


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_database_that_is_not_empty_unless_forced(media, tmp_path, demo_unit):
    archive = tmp_path / "orbit.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    before = everything()
    Employee.objects.filter(unit=demo_unit).update(position="changed after the backup")

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Employee.objects.filter(position="changed after the backup").exists()

    call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert everything() == before


def rewrite(archive, target, **changes):
    """A copy of the backup with some members replaced."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            copy.writestr(item.filename, changes.get(item.filename, source.read(item.filename)))


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_damaged_file_or_another_schema_and_changes_nothing(media, tmp_path, demo_unit):
    default_storage.save("evidence/x/report.pdf", ContentFile(PDF))
    archive = tmp_path / "orbit.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = json.loads(zipfile.ZipFile(archive).read(backup.MANIFEST))
    assert manifest["files"] == {"evidence/x/report.pdf": hashlib.sha256(PDF).hexdigest()}
    assert manifest["counts"]["organisation.unit"] >= 1 and manifest["format"] == backup.FORMAT_VERSION

    call_command("flush", interactive=False, verbosity=0)
    damaged = tmp_path / "damaged.zip"
    rewrite(archive, damaged, **{"media/evidence/x/report.pdf": b"tampered"})
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), stdout=io.StringIO())

    manifest["migrations"].append("organisation.9999_from_the_future")
    newer = tmp_path / "newer.zip"
    rewrite(archive, newer, **{backup.MANIFEST: json.dumps(manifest)})
    with pytest.raises(CommandError, match="9999_from_the_future"):
        call_command("restore", str(newer), stdout=io.StringIO())

    assert not Agency.objects.exists() and not Employee.objects.exists()
