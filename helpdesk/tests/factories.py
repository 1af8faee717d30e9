"""Helpers that build helpdesk data through the services, so that tests see what users would."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk import services
from helpdesk.models import Agent, Category, Ticket
from organisation.models import Employee, Membership
from organisation.selectors import today

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "surat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def office(name: str, folder: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<x/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def make_ticket(category: Category, **fields) -> Ticket:
    values = {
        "subject": "Sinkronisasi data SIASN gagal",
        "description": "Data riwayat jabatan tidak tersinkron sejak kemarin.",
        "requester_name": "Budi Operator",
        "requester_agency": "Pemerintah Kabupaten Badung",
        "requester_email": "budi@badung.example",
        "requester_phone": "0812000000",
    }
    values.update(fields)
    return services.create_ticket(category=category, **values)


def form_data(category, **overrides) -> dict:
    """What a requester types into the portal's form for ``category``."""
    data = {
        "category": category.pk,
        "subject": "Sinkronisasi gagal",
        "description": "Riwayat jabatan tidak tersinkron.",
        "requester_name": "Budi Operator",
        "requester_agency": "Pemkab Badung",
        "requester_email": "budi@badung.example",
        "requester_phone": "0812",
        "website": "",
    }
    data.update(overrides)
    return data


def members(pokja) -> list[Employee]:
    """The pokja's current members, by name."""
    return [
        m.employee
        for m in Membership.objects.at(today())
        .filter(pokja=pokja)
        .select_related("employee")
        .order_by("employee__name")
    ]


def only_available(pokja, keep: Employee) -> None:
    """Marks every other member of ``pokja`` unavailable, so routing must pick ``keep``."""
    for employee in members(pokja):
        Agent.objects.update_or_create(
            employee=employee, defaults={"is_available": employee == keep, "agency_id": employee.agency_id}
        )
