"""Imports employees and their pokja memberships from a SIASN-style CSV or XLSX sheet, all or nothing.

Every row is checked first; any error means nothing is written. A clean file is written in one
transaction with bulk operations, so a sheet of 10,000 rows takes a fixed handful of queries per 500 rows.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from organisation import nip as nip_rules
from organisation.access import can_manage_unit
from organisation.models import Employee, Membership, Pokja, Unit
from organisation.services import integrity_message

# Field -> the headers a SIASN export (or a person) uses for it; the first one is the template's.
COLUMNS = {
    "nip": ("NIP", "NIP BARU"),
    "name": ("NAMA",),
    "position": ("JABATAN", "JABATAN NAMA"),
    "grade": ("GOLONGAN", "GOL", "GOL AKHIR NAMA"),
    "email": ("EMAIL", "E-MAIL"),
    "pokja": ("POKJA",),
    "role": ("PERAN", "ROLE"),
}
REQUIRED = ("nip", "name")
DETAILS = ("name", "position", "grade", "email")
TEMPLATE_HEADER = [aliases[0] for aliases in COLUMNS.values()]
TEMPLATE_EXAMPLE = [
    "19800101 200501 1 001",
    "Nama Pegawai",
    "Pranata Komputer Ahli Muda",
    "III/c",
    "",
    "PDK",
    "anggota",
]
BATCH = 500
# Integers above 2**53 do not survive a float: an 18-digit NIP stored as a number has lost its last digits.
EXACT_FLOAT_LIMIT = 2**53
SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE]\+?\d+$")
ROLES = {choice.value: choice for choice in Membership.Role}

LineError = tuple[int | None, str]


class SheetError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class PlannedMembership:
    code: str
    role: str
    action: str  # "add", "change" (ends the previous role) or "keep"
    previous_role: str = ""


@dataclass
class PreviewRow:
    line: int
    nip: str
    name: str
    position: str
    grade: str
    email: str
    action: str  # "create", "update" or "unchanged"
    changed: list[str] = field(default_factory=list)
    memberships: list[PlannedMembership] = field(default_factory=list)


@dataclass
class ImportResult:
    dry_run: bool = True
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    memberships: int = 0  # opened (or re-roled) from the start date
    ended: int = 0  # ended the day before because the role changed
    preview: list[PreviewRow] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Person:
    line: int
    nip: str
    values: dict[str, str]
    roles: dict[int, tuple[str, int]] = field(default_factory=dict)  # pokja id -> (role, line)


@dataclass
class _Plan:
    result: ImportResult
    new_employees: list[Employee] = field(default_factory=list)
    changed_employees: list[Employee] = field(default_factory=list)
    ended: list[Membership] = field(default_factory=list)
    retagged: list[Membership] = field(default_factory=list)
    new_memberships: list[tuple[str, int, str]] = field(default_factory=list)  # (nip, pokja id, role)
    employee_ids: dict[str, int] = field(default_factory=dict)


def import_employees(
    *, actor, unit: Unit, file_name: str, data: bytes, start: datetime.date, dry_run: bool
) -> ImportResult:
    """Checks the sheet and, when every row is clean and ``dry_run`` is false, writes it in one transaction.

    ``actor`` None is the system (the management command); anyone else must manage the unit.
    """
    if actor is not None and not can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may import employees."))
    result = ImportResult(dry_run=dry_run)
    limit = settings.ORBIT_IMPORT_MAX_BYTES
    if len(data) > limit:
        result.errors.append(
            (
                None,
                _("The file is too large (%(size)d bytes; at most %(limit)d).") % {"size": len(data), "limit": limit},
            )
        )
        return result
    try:
        rows = read_sheet(file_name, data)
    except SheetError as error:
        result.errors.append((None, str(error)))
        return result
    if dry_run:
        return _plan(unit, rows, start, result).result
    with transaction.atomic():
        # Two imports (or an import and a manual change) into the same unit queue up here.
        list(Pokja.objects.select_for_update().filter(unit=unit).order_by("pk").values_list("pk", flat=True))
        plan = _plan(unit, rows, start, result)
        if plan.result.errors:
            return plan.result
        try:
            with transaction.atomic():
                _write(plan, unit, start)
        except IntegrityError as error:
            result.errors.append((None, integrity_message(error)))
    return result


# Reading ---------------------------------------------------------------------------------------


def read_sheet(file_name: str, data: bytes) -> list[tuple[int, list]]:
    """Every non-blank row with its line number as a spreadsheet counts it (the first row is line 1)."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension == "xls":
        raise SheetError(_("Old .xls workbooks are not supported: save the sheet as .xlsx or CSV."))
    if extension in ("xlsx", "xlsm") or (extension != "csv" and data[:2] == b"PK"):
        rows = _xlsx_rows(data)
    else:
        rows = _csv_rows(data)
    return [(line, cells) for line, cells in enumerate(rows, start=1) if any(_text(cell) for cell in cells)]


def _xlsx_rows(data: bytes) -> list[list]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SheetError(_("The file could not be read as an XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        # Some exporters write a wrong size into the sheet; read every row that is there.
        sheet.reset_dimensions()
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8” and upload it again.")) from error
    # Spreadsheets in Indonesian locales write semicolons; names hold commas, so sniff the header only.
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise SheetError(_("The CSV file could not be read: %(reason)s.") % {"reason": error}) from error


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _key(header: str) -> str:
    return re.sub(r"[\s_]+", "", header).lower()


def _nip_text(value) -> tuple[str, str | None]:
    """The NIP as digits, or an error when a spreadsheet turned it into a rounded number."""
    rounded = (isinstance(value, float) and (abs(value) >= EXACT_FLOAT_LIMIT or not value.is_integer())) or (
        isinstance(value, str) and SCIENTIFIC.match(value.strip())
    )
    if rounded:
        return "", _(
            "The NIP %(value)s arrived as a rounded number and has lost digits: format the NIP column as text "
            "in the spreadsheet and export it again."
        ) % {"value": value}
    return nip_rules.normalise(_text(value)), None


# Checking --------------------------------------------------------------------------------------


def _plan(unit: Unit, rows: list[tuple[int, list]], start: datetime.date, result: ImportResult) -> _Plan:
    plan = _Plan(result=result)
    errors = result.errors
    if not rows:
        errors.append((None, _("The file is empty: it needs a header row and at least one employee.")))
        return plan
    header_line, header = rows[0]
    lookup = {_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = lookup.get(_key(_text(cell)))
        if name and name not in columns:
            columns[name] = index
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in columns]
    if missing:
        errors.append(
            (
                header_line,
                _("Required column missing: %(columns)s (the header row must name them).")
                % {"columns": ", ".join(missing)},
            )
        )
        return plan

    if len(rows) == 1:
        errors.append((None, _("The file has a header row but no employees.")))
        return plan
    pokja_list = list(Pokja.objects.filter(unit=unit))
    pokja_by_id = {p.pk: p for p in pokja_list}
    pokja_by_code = {alias: p for p in pokja_list for alias in p.alias_list}
    pokja_by_code.update({p.code.upper(): p for p in pokja_list})

    people: dict[str, _Person] = {}
    claims: dict[tuple[int, str], tuple[str, int]] = {}  # (pokja id, leading role) -> (nip, line)
    for line, cells in rows[1:]:
        cell = {name: cells[index] if index < len(cells) else None for name, index in columns.items()}
        nip, values, groups, role, row_errors = _check_row(cell, pokja_by_code)
        if row_errors:
            errors.extend((line, message) for message in row_errors)
            continue

        person = people.get(nip)
        if person is None:
            person = people[nip] = _Person(line=line, nip=nip, values=values)
        else:
            differing = [
                COLUMNS[name][0]
                for name, value in values.items()
                if value and person.values.get(name) and value != person.values[name]
            ]
            if differing:
                errors.append(
                    (
                        line,
                        _("NIP %(nip)s is on line %(first)d with other details (%(columns)s).")
                        % {"nip": nip, "first": person.line, "columns": ", ".join(differing)},
                    )
                )
                continue
            person.values.update({name: value for name, value in values.items() if value})
        for group in groups:
            earlier = person.roles.get(group.pk)
            if earlier and earlier[0] != role:
                errors.append(
                    (
                        line,
                        _("NIP %(nip)s is already in pokja %(code)s as %(role)s on line %(first)d.")
                        % {"nip": nip, "code": group.code, "role": ROLES[earlier[0]].label, "first": earlier[1]},
                    )
                )
                continue
            claim = claims.get((group.pk, role))
            if role in Membership.LEADING_ROLES and claim and claim[0] != nip:
                errors.append(
                    (
                        line,
                        _("Pokja %(code)s has a second %(role)s in this file (the first is on line %(first)d).")
                        % {"code": group.code, "role": role.label, "first": claim[1]},
                    )
                )
                continue
            if role in Membership.LEADING_ROLES:
                claims[(group.pk, role)] = (nip, line)
            person.roles.setdefault(group.pk, (role, line))

    existing = _existing_employees(unit, list(people))
    for nip, person in people.items():
        employee = existing.get(nip)
        if employee is not None and employee.unit_id != unit.pk:
            errors.append(
                (
                    person.line,
                    _("NIP %(nip)s belongs to %(name)s in another unit (%(unit)s).")
                    % {"nip": nip, "name": employee.name, "unit": employee.unit.name},
                )
            )

    in_force = list(Membership.objects.at(start).filter(pokja__unit=unit).select_related("employee"))
    current = {(m.employee.nip, m.pokja_id): m for m in in_force}
    holders = {(m.pokja_id, m.role): m for m in in_force if m.role in Membership.LEADING_ROLES}
    for (pokja_id, role), (nip, line) in claims.items():
        holder = holders.get((pokja_id, role))
        if holder is None or holder.employee.nip == nip:
            continue
        stays = people.get(holder.employee.nip) is None or pokja_id not in people[holder.employee.nip].roles
        if stays:
            errors.append(
                (
                    line,
                    _("Pokja %(code)s already has %(holder)s (NIP %(nip)s) as %(role)s on %(date)s.")
                    % {
                        "code": pokja_by_id[pokja_id].code,
                        "holder": holder.employee.name,
                        "nip": holder.employee.nip,
                        "role": ROLES[role].label,
                        "date": start.isoformat(),
                    },
                )
            )
    if errors:
        errors.sort(key=lambda error: error[0] or 0)
        return plan
    _plan_writes(plan, unit, start, people, existing, current, pokja_by_id)
    return plan


def _check_row(cell: dict, pokja_by_code: dict[str, Pokja]) -> tuple[str, dict, list[Pokja], str, list[str]]:
    """One row's own rules: (nip, details, pokja, role, every message the row earns)."""
    errors = []
    nip, nip_error = _nip_text(cell["nip"])
    if nip_error:
        errors.append(nip_error)
    elif not nip:
        errors.append(_("The NIP is empty."))
    else:
        errors += nip_rules.nip_errors(nip)
    values = {name: _text(cell[name]) for name in DETAILS if name in cell}
    if not values["name"]:
        errors.append(_("The name is empty."))
    for name, value in values.items():
        limit = Employee._meta.get_field(name).max_length
        if len(value) > limit:
            errors.append(
                _("%(column)s is longer than %(limit)d characters.") % {"column": COLUMNS[name][0], "limit": limit}
            )
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(_("The e-mail address %(email)s is not valid.") % {"email": values["email"]})
    codes = [code.strip().upper() for code in re.split(r"[,;]", _text(cell.get("pokja"))) if code.strip()]
    groups = []
    for code in codes:
        if code in pokja_by_code:
            groups.append(pokja_by_code[code])
        else:
            errors.append(_("There is no pokja %(code)s in this unit.") % {"code": code})
    role = ROLES.get(_text(cell.get("role")).lower() or Membership.Role.ANGGOTA)
    if role is None:
        errors.append(_("The role %(role)s is not one of ketua, wakil, anggota.") % {"role": _text(cell.get("role"))})
    elif role in Membership.LEADING_ROLES and not codes:
        errors.append(_("The role %(role)s needs a pokja.") % {"role": role.label})
    return nip, values, groups, role, errors


def _existing_employees(unit: Unit, nips: list[str]) -> dict[str, Employee]:
    found = {}
    for offset in range(0, len(nips), BATCH):
        chunk = nips[offset : offset + BATCH]
        for employee in Employee.objects.filter(agency_id=unit.agency_id, nip__in=chunk).select_related("unit"):
            found[employee.nip] = employee
    return found


def _plan_writes(plan, unit, start, people, existing, current, pokja_by_id) -> None:
    result = plan.result
    for nip, person in people.items():
        employee = existing.get(nip)
        if employee is None:
            employee = Employee(agency_id=unit.agency_id, unit=unit, nip=nip, **person.values)
            plan.new_employees.append(employee)
            action, changed = "create", []
        else:
            plan.employee_ids[nip] = employee.pk
            # An empty cell leaves what Orbit already knows (an export often lacks e-mails).
            changed = [name for name, value in person.values.items() if value and value != getattr(employee, name)]
            for name in changed:
                setattr(employee, name, person.values[name])
            if not employee.is_active:
                employee.is_active = True
                changed.append("is_active")
            if changed:
                plan.changed_employees.append(employee)
            action = "update" if changed else "unchanged"
        row = PreviewRow(
            line=person.line,
            nip=nip,
            name=employee.name,
            position=employee.position,
            grade=employee.grade,
            email=employee.email,
            action=action,
            changed=[str(Employee._meta.get_field(name).verbose_name) for name in changed],
        )
        for pokja_id, (role, _line) in sorted(person.roles.items(), key=lambda item: pokja_by_id[item[0]].order):
            code = pokja_by_id[pokja_id].code
            membership = current.get((nip, pokja_id))
            if membership is not None and membership.role == role:
                row.memberships.append(PlannedMembership(code, role, "keep"))
                continue
            previous = membership.role if membership is not None else ""
            if membership is None:
                plan.new_memberships.append((nip, pokja_id, role))
                result.memberships += 1
            elif membership.valid_from == start:
                # It began on the same day: correcting the role loses no history.
                membership.role = role
                plan.retagged.append(membership)
                result.memberships += 1
            else:
                membership.valid_to = start - datetime.timedelta(days=1)
                plan.ended.append(membership)
                plan.new_memberships.append((nip, pokja_id, role))
                result.memberships += 1
                result.ended += 1
            row.memberships.append(PlannedMembership(code, role, "change" if previous else "add", previous))
        result.preview.append(row)
    result.created = len(plan.new_employees)
    result.updated = len(plan.changed_employees)
    result.unchanged = len(people) - result.created - result.updated


# Writing ---------------------------------------------------------------------------------------


def _write(plan: _Plan, unit: Unit, start: datetime.date) -> None:
    Employee.objects.bulk_create(plan.new_employees, batch_size=BATCH)
    Employee.objects.bulk_update(
        plan.changed_employees, ["name", "position", "grade", "email", "is_active"], batch_size=BATCH
    )
    # Old roles end (and leaders step down) before anyone takes their place.
    Membership.objects.bulk_update(plan.ended, ["valid_to"], batch_size=BATCH)
    stepping_down = [m for m in plan.retagged if m.role == Membership.Role.ANGGOTA]
    Membership.objects.bulk_update(stepping_down, ["role"], batch_size=BATCH)
    Membership.objects.bulk_update(
        [m for m in plan.retagged if m.role != Membership.Role.ANGGOTA], ["role"], batch_size=BATCH
    )
    ids = plan.employee_ids
    ids.update({e.nip: e.pk for e in plan.new_employees if e.pk})
    if any(e.pk is None for e in plan.new_employees):
        # A database that cannot return ids from a bulk insert: read them back.
        ids.update(dict(Employee.objects.filter(unit=unit).values_list("nip", "pk")))
    Membership.objects.bulk_create(
        (
            # The pokja are the unit's: their agency is known, no query needed to copy it.
            Membership(employee_id=ids[nip], pokja_id=pokja_id, agency_id=unit.agency_id, role=role, valid_from=start)
            for nip, pokja_id, role in plan.new_memberships
        ),
        batch_size=BATCH,
    )
