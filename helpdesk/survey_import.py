"""Imports IKM answers collected on paper from a CSV or XLSX sheet into a unit, all rows or none.

Columns (header row, any case): ``tanggal`` (YYYY-MM-DD), ``U1`` … ``U9`` (integers 1-4), and optionally
``pokja`` (a pokja code of the unit), ``layanan`` (a service category, by name or slug) and ``komentar``.
Line numbers are those a spreadsheet shows: the header is line 1.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from helpdesk.models import ELEMENT_FIELDS, Category, Survey
from organisation.importer import SheetError, read_sheet
from organisation.models import Pokja, Unit

REQUIRED = ("tanggal", *(name.upper() for name in ELEMENT_FIELDS))
OPTIONAL = ("pokja", "layanan", "komentar")


@dataclass
class SurveyImportResult:
    created: int = 0
    errors: list[tuple[int | None, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value))
    except ValueError:
        return None


def _score(value) -> int | None:
    text = _text(value)
    return int(text) if text in {"1", "2", "3", "4"} else None


def _columns(header: list) -> tuple[dict[str, int], list[str]]:
    positions = {_text(cell).lower(): index for index, cell in enumerate(header) if _text(cell)}
    missing = [name for name in REQUIRED if name.lower() not in positions]
    return positions, missing


def import_surveys(*, unit: Unit, file_name: str, data: bytes, dry_run: bool = False) -> SurveyImportResult:
    """Checks every row; writes them all in one transaction only when none has an error."""
    result = SurveyImportResult()
    if len(data) > settings.ORBIT_IMPORT_MAX_BYTES:
        result.errors.append((None, _("The file is too large.")))
        return result
    try:
        rows = read_sheet(file_name, data)
    except SheetError as error:
        result.errors.append((None, str(error)))
        return result
    if not rows:
        result.errors.append((None, _("The file is empty.")))
        return result
    (_header_line, header), body = rows[0], rows[1:]
    positions, missing = _columns(header)
    if missing:
        result.errors.append((1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}))
        return result
    pokja = {p.code.upper(): p for p in Pokja.objects.filter(unit=unit)}
    for p in list(pokja.values()):
        for alias in p.alias_list:
            pokja.setdefault(alias, p)
    categories = {}
    for category in Category.objects.filter(unit=unit).select_related("pokja"):
        categories[category.name.lower()] = categories[category.slug.lower()] = category

    def cell(cells, name):
        index = positions.get(name.lower())
        return cells[index] if index is not None and index < len(cells) else None

    surveys = []
    for line, cells in body:
        errors = []
        date = _date(cell(cells, "tanggal"))
        if date is None:
            errors.append(_("“tanggal” must be a date as YYYY-MM-DD."))
        scores = {}
        for name in ELEMENT_FIELDS:
            score = _score(cell(cells, name.upper()))
            if score is None:
                errors.append(_("%(column)s must be a whole number from 1 to 4.") % {"column": name.upper()})
            scores[name] = score
        code, service = _text(cell(cells, "pokja")).upper(), _text(cell(cells, "layanan")).lower()
        group = pokja.get(code) if code else None
        if code and group is None:
            errors.append(_("The unit has no pokja “%(code)s”.") % {"code": code})
        category = categories.get(service) if service else None
        if service and category is None:
            errors.append(_("The unit has no service “%(name)s”.") % {"name": _text(cell(cells, "layanan"))})
        if category is not None and group is not None and category.pokja_id != group.pk:
            errors.append(
                _("The service “%(name)s” belongs to pokja %(code)s.")
                % {"name": category.name, "code": category.pokja.code}
            )
        if errors:
            result.errors.extend((line, message) for message in errors)
            continue
        survey = Survey(
            unit=unit,
            pokja=group or (category.pokja if category else None),
            category=category,
            date=date,
            comment=_text(cell(cells, "komentar")),
            source=Survey.Source.IMPORT,
            **scores,
        )
        survey.agency_id = unit.agency_id
        surveys.append(survey)
    if not surveys and not result.errors:
        result.errors.append((None, _("The file has no answers below its header.")))
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        Survey.objects.bulk_create(surveys, batch_size=500)
    result.created = len(surveys)
    return result
