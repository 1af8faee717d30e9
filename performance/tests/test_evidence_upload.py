"""Evidence through the report form: accepted files are stored under a random name and downloaded safely;
a wrong type or a file over the limit is refused with a clear message and nothing is stored at all."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from performance.models import Evidence, Realisasi
from performance.tests.fixtures_agreements import *  # noqa: F403
from performance.tests.test_evidence_checks import PDF, PNG


def stored_files(path: str = "evidence") -> list[str]:
    """Every file the default storage holds under ``path``."""
    try:
        directories, files = default_storage.listdir(path)
    except FileNotFoundError:
        return []
    return [f"{path}/{name}" for name in files] + [f for d in directories for f in stored_files(f"{path}/{d}")]


@pytest.fixture
def url(iku_72):
    return reverse("realisasi_period", args=["inka", 2023, iku_72.code, 4])


@pytest.fixture
def member(client, member_user):
    client.cookies["django_language"] = "en"
    client.force_login(member_user)
    return client


def test_it_stores_files_under_a_random_name_and_links(member, url, iku_72):
    before = set(stored_files())
    response = member.post(
        url,
        {
            "value": "14000",
            "note": "Arsip TW4",
            "files": [SimpleUploadedFile("Berita Acara.pdf", PDF), SimpleUploadedFile("foto.png", PNG)],
            "links": "https://dms.example.go.id/tw4\n",
        },
    )
    assert response.status_code == 302
    realisasi = Realisasi.objects.get(indicator=iku_72, period=4)
    files = {e.name: e for e in realisasi.evidence.exclude(file="")}
    assert set(files) == {"Berita Acara.pdf", "foto.png"}
    assert files["Berita Acara.pdf"].content_type == "application/pdf" and files["foto.png"].size == len(PNG)
    new = set(stored_files()) - before
    assert new == {e.file.name for e in files.values()}
    assert all("Berita" not in name and not name.endswith(".pdf") for name in new)
    assert realisasi.evidence.filter(url="https://dms.example.go.id/tw4").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("laporan.pdf", b"<html>not a pdf</html>"), "laporan.pdf is not an accepted file"),
        (lambda: SimpleUploadedFile("besar.pdf", PDF + b"0" * 2048), "besar.pdf is too large"),
    ],
)
def test_a_refused_file_stores_nothing_and_keeps_what_was_typed(member, url, iku_72, settings, upload, message):
    settings.ORBIT_EVIDENCE_MAX_BYTES = 1024
    before = set(stored_files())
    evidence_count = Evidence.objects.count()
    good = SimpleUploadedFile("ok.pdf", PDF)
    response = member.post(
        url,
        {"value": "14000", "note": "Catatan saya", "files": [good, upload()], "links": "https://dms.example.go.id/x"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'value="14000"' in content and "Catatan saya" in content and "https://dms.example.go.id/x" in content
    assert set(stored_files()) == before
    assert Evidence.objects.count() == evidence_count
    assert not Realisasi.objects.filter(indicator=iku_72, period=4).exists()


def test_a_refused_file_leaves_an_existing_draft_as_it_was(member, url, iku_72):
    member.post(url, {"value": "100", "note": "awal"})
    response = member.post(url, {"value": "200", "files": [SimpleUploadedFile("x.pdf", b"MZ\x90")]})
    assert response.status_code == 400
    realisasi = Realisasi.objects.get(indicator=iku_72, period=4)
    assert realisasi.value == 100 and realisasi.note == "awal" and not realisasi.evidence.exists()


def evidence_of(member, url, name, content) -> Evidence:
    member.post(url, {"value": "1", "files": [SimpleUploadedFile(name, content)]})
    return Evidence.objects.get(name=name)


def test_a_document_downloads_as_an_attachment_under_its_own_name(member, url):
    item = evidence_of(member, url, "Berita Acara.pdf", PDF)
    response = member.get(reverse("evidence_download", args=["inka", item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Berita Acara.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_an_image_is_shown_inline(member, url):
    item = evidence_of(member, url, "foto.png", PNG)
    response = member.get(reverse("evidence_download", args=["inka", item.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_other_agencies_get_404_for_a_download(member, url, outsider, ketua_user):
    item = evidence_of(member, url, "ba.pdf", PDF)
    download = reverse("evidence_download", args=["inka", item.pk])
    client = Client()
    client.force_login(outsider)
    assert client.get(download).status_code == 404
    client.force_login(ketua_user)  # anyone of the agency reads
    assert client.get(download).status_code == 200


def test_a_member_removes_evidence_while_the_realisasi_is_a_draft(
    member, url, anggota_user, django_capture_on_commit_callbacks
):
    item = evidence_of(member, url, "ba.pdf", PDF)
    name = item.file.name
    remove = reverse("evidence_delete", args=["inka", item.pk])
    other = Client()
    other.force_login(anggota_user)  # an anggota of other pokja
    assert other.post(remove).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(remove)
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=item.pk).exists()
    assert not default_storage.exists(name)
