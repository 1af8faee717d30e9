"""Small helpers shared by the culture views."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.text import slugify

from organisation.selectors import today


def add_errors(form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form: on its field when the form has one, else on the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def pdf_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.pdf"'
    return response


def parse_day(value: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def year_bounds(day: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    day = day or today()
    return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
