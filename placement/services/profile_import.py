"""Bulk profile import from XLSX (or CSV): every row checked first, then all written or nothing.

Columns: ``nip`` (required), ``education``, ``certifications`` (separated by ";"), ``development_needs``,
``max_pokja``, ``available`` (ya/tidak, yes/no, 1/0), ``interest_pokja`` and ``interest_competencies``
(codes separated by commas), and one column per competency, headed by its code or name, holding a level
0-4. An empty cell leaves what Orbit knows. Imported levels that change wait for the head's confirmation.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from organisation import nip as nip_rules
from organisation.access import can_manage_unit
from organisation.importer import SheetError, read_sheet
from organisation.models import Employee, Pokja, Unit
from placement.catalogue import catalogue_for
from placement.models import CompetencyLevel
from placement.services.profiles import profile_for

FIELDS = ("nip", "education", "certifications", "development_needs", "max_pokja", "available")
LISTS = ("interest_pokja", "interest_competencies")
YES, NO = {"ya", "y", "yes", "1", "true", "benar"}, {"tidak", "t", "no", "n", "0", "false", "salah"}
MAX_POKJA_LIMIT = 10


@dataclass
class ProfileImportResult:
    errors: list[tuple[int | None, str]] = field(default_factory=list)
    profiles: int = 0
    levels: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _key(text) -> str:
    return re.sub(r"[\s_]+", "", str(text or "")).lower()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def import_profiles(*, actor, unit: Unit, file_name: str, data: bytes) -> ProfileImportResult:
    """Checks every row; writes all of them in one transaction only when none has an error."""
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may import profiles."))
    result = ProfileImportResult()
    try:
        rows = read_sheet(file_name, data)
    except SheetError as error:
        result.errors.append((None, str(error)))
        return result
    if not rows:
        result.errors.append((None, _("The file is empty.")))
        return result
    competencies = {}
    for competency in catalogue_for(unit):
        competencies[_key(competency.code)] = competencies[_key(competency.name)] = competency
    _line, header = rows[0]
    columns: dict[int, str | object] = {}
    for index, title in enumerate(header):
        key = _key(title)
        if not key:
            continue
        known = next((name for name in FIELDS + LISTS if _key(name) == key), None)
        if known is None and key not in competencies:
            result.errors.append(
                (1, _("Unknown column “%(title)s”: neither a profile field nor a competency.") % {"title": title})
            )
        columns[index] = known or competencies.get(key)
    if "nip" not in columns.values():
        result.errors.append((1, _("The column “nip” is missing.")))
    if result.errors:
        return result
    employees = {e.nip: e for e in Employee.objects.filter(unit=unit, is_active=True)}
    pokja = {p.code.upper(): p for p in Pokja.objects.filter(unit=unit)}
    planned, seen = [], set()
    for line, cells in rows[1:]:
        row = {columns[i]: cells[i] for i in columns if i < len(cells)}
        entry = _check(line, row, employees, pokja, competencies, result)
        if entry is None:
            continue
        if entry["employee"].nip in seen:
            result.errors.append((line, _("NIP %(nip)s appears twice.") % {"nip": entry["employee"].nip}))
        seen.add(entry["employee"].nip)
        planned.append(entry)
    if result.ok:
        _write(planned, result)
    return result


def _check(line, row, employees, pokja, competencies, result) -> dict | None:
    errors_before = len(result.errors)

    def error(message: str):
        result.errors.append((line, message))

    nip = nip_rules.normalise(_text(row.get("nip")))
    employee = employees.get(nip)
    if employee is None:
        error(_("NIP %(nip)s is not an active employee of this unit.") % {"nip": nip or "—"})
    entry = {"employee": employee, "fields": {}, "levels": {}, "lists": {}}
    for name in ("education", "certifications", "development_needs"):
        text = _text(row.get(name))
        if text:
            entry["fields"][name] = (
                "\n".join(part.strip() for part in text.split(";")) if name == "certifications" else text
            )
    text = _text(row.get("max_pokja"))
    if text:
        if not text.isdigit() or not 1 <= int(text) <= MAX_POKJA_LIMIT:
            error(
                _("max_pokja must be a whole number from 1 to %(limit)d, not “%(value)s”.")
                % {"limit": MAX_POKJA_LIMIT, "value": text}
            )
        else:
            entry["fields"]["max_pokja"] = int(text)
    text = _text(row.get("available")).lower()
    if text:
        if text not in YES | NO:
            error(_("available must be ya or tidak, not “%(value)s”.") % {"value": text})
        entry["fields"]["available"] = text in YES
    codes = [c.strip() for c in _text(row.get("interest_pokja")).split(",") if c.strip()]
    unknown = [c for c in codes if c.upper() not in pokja]
    if unknown:
        error(_("Unknown pokja: %(codes)s.") % {"codes": ", ".join(unknown)})
    if codes:
        entry["lists"]["interest_pokja"] = [pokja[c.upper()] for c in codes if c.upper() in pokja]
    names = [c.strip() for c in _text(row.get("interest_competencies")).split(",") if c.strip()]
    unknown = [c for c in names if _key(c) not in competencies]
    if unknown:
        error(_("Unknown competencies: %(codes)s.") % {"codes": ", ".join(unknown)})
    if names:
        entry["lists"]["interest_competencies"] = [competencies[_key(c)] for c in names if _key(c) in competencies]
    for column, value in row.items():
        if isinstance(column, str):
            continue
        text = _text(value)
        if not text:
            continue
        if text not in {"0", "1", "2", "3", "4"}:
            error(
                _("The level of %(competency)s must be 0 to 4, not “%(value)s”.")
                % {"competency": column.name, "value": text}
            )
        else:
            entry["levels"][column] = int(text)
    return entry if len(result.errors) == errors_before else None


@transaction.atomic
def _write(planned: list[dict], result: ProfileImportResult) -> None:
    for entry in planned:
        profile = profile_for(entry["employee"])
        for name, value in entry["fields"].items():
            setattr(profile, name, value)
        profile.save()
        if "interest_pokja" in entry["lists"]:
            profile.interest_pokja.set(entry["lists"]["interest_pokja"])
        if "interest_competencies" in entry["lists"]:
            profile.interest_competencies.set(entry["lists"]["interest_competencies"])
        existing = {lv.competency_id: lv for lv in profile.levels.all()}
        for competency, level in entry["levels"].items():
            current = existing.get(competency.pk)
            if current is None:
                CompetencyLevel.objects.create(profile=profile, competency=competency, level=level)
            elif current.level != level:
                current.level, current.confirmed_by, current.confirmed_at = level, None, None
                current.save(update_fields=["level", "confirmed_by", "confirmed_at"])
            else:
                continue
            result.levels += 1
        result.profiles += 1
