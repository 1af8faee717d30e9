"""Small builders shared by the culture tests."""

import datetime
import io
import zipfile
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from culture.models import Event
from organisation.models import PokjaTask, Unit

MAKASSAR = zoneinfo.ZoneInfo("Asia/Makassar")


def at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=MAKASSAR)


def lembur(unit: Unit, code: str, task_number: int, start: datetime.datetime, hours: int, attendees, **extra) -> Event:
    task = PokjaTask.objects.get(pokja__unit=unit, pokja__code=code, number=task_number)
    event = Event.objects.create(
        unit=unit,
        kind=Event.Kind.LEMBUR,
        title=extra.pop("title", f"Lembur {code}"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        task=task,
        **extra,
    )
    event.attendees.set(attendees)
    return event


def pdf_upload(name="pos.pdf", size_padding=0) -> SimpleUploadedFile:
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * size_padding
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_upload(name="pos.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")
