"""Unit templates: a unit's structure as a JSON document without personal data, read back to create a new unit.

The format is documented in docs/template-format.md. ``export_unit`` writes it, ``parse_template`` reads an
untrusted file (every problem named by its JSON path), ``create_unit`` creates the unit in one transaction.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from organisation.models import Agency, Function, Pokja, PokjaTask, Unit
from performance.models import Indicator, PerformanceAgreement, StrategicObjective
from placement.catalogue import catalogue_for
from placement.models import Competency, PokjaRequirement, RequiredCompetency
from replication.checks import Problems, Reader, load_json
from replication.reading import FORMAT, MAX_YEAR, MIN_YEAR, VERSION, read_document

RESERVED_SLUGS = {"new-from-template"}


class TemplateError(Exception):
    """A template (or the unit to create from it) that cannot be used; ``messages`` say where and why."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Template:
    """A checked template: the document's content with defaults filled in and targets as Decimal."""

    data: dict

    @property
    def unit(self) -> dict:
        return self.data["unit"]

    @property
    def functions(self) -> list[dict]:
        return self.data["functions"]

    @property
    def pokja(self) -> list[dict]:
        return self.data["pokja"]

    @property
    def competencies(self) -> list[dict]:
        return self.data["competencies"]

    @property
    def performance(self) -> dict | None:
        return self.data["performance"]

    @property
    def source(self) -> dict:
        return self.data["source"]


# --- export -------------------------------------------------------------------------------------------------


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def export_unit(unit: Unit) -> dict:
    """The unit's structure as a template: pokja, tusi, competency requirements and its latest PK's IKU.

    Nothing about people: no employees, memberships, head, users, realisasi or evidence.
    """
    functions = list(Function.objects.filter(unit=unit).order_by("number"))
    requirements = PokjaRequirement.objects.prefetch_related(
        Prefetch(
            "competencies",
            queryset=RequiredCompetency.objects.select_related("competency").order_by(
                "-weight", "competency__name", "competency__code"
            ),
        )
    )
    pokja = list(
        Pokja.objects.filter(unit=unit)
        .order_by("order", "code")
        .prefetch_related(
            Prefetch("tasks", queryset=PokjaTask.objects.order_by("number")),
            Prefetch("functions", queryset=Function.objects.order_by("number")),
            Prefetch("requirement", queryset=requirements),
        )
    )
    agreement = PerformanceAgreement.objects.filter(unit=unit).order_by("-year").first()
    indicators, objectives = [], []
    links: dict[int, list[str]] = {}
    if agreement is not None:
        objectives = list(agreement.objectives.order_by("order", "code"))
        indicators = list(
            agreement.indicators.select_related("objective", "parent")
            .prefetch_related(Prefetch("pokja", queryset=Pokja.objects.only("pk")))
            .order_by("order", "code")
        )
        for indicator in indicators:
            for group in indicator.pokja.all():
                links.setdefault(group.pk, []).append(indicator.code)
    required = RequiredCompetency.objects.filter(requirement__pokja__unit=unit).values("competency_id")
    competencies = (catalogue_for(unit) | Competency.objects.filter(pk__in=required)).order_by(
        "kind", "order", "name", "code"
    )

    def requirement_of(group: Pokja) -> dict | None:
        requirement = getattr(group, "requirement", None)
        if requirement is None:
            return None
        return {
            "min_members": requirement.min_members,
            "max_members": requirement.max_members,
            "competencies": [
                {"code": need.competency.code, "weight": need.weight, "critical": need.critical}
                for need in requirement.competencies.all()
            ],
        }

    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "source": {"unit": unit.name, "agency": unit.agency.name},
        "unit": {
            "name": unit.name,
            "min_pokja_per_employee": unit.min_pokja_per_employee,
            "max_pokja_per_employee": unit.max_pokja_per_employee,
        },
        "functions": [
            {"number": f.number, "description": f.description, "legal_basis": f.legal_basis} for f in functions
        ],
        "pokja": [
            {
                "code": group.code,
                "name": group.name,
                "aliases": group.aliases,
                "purpose": group.purpose,
                "order": group.order,
                "tasks": [task.text for task in group.tasks.all()],
                "functions": [f.number for f in group.functions.all()],
                "indicators": links.get(group.pk, []),
                "requirement": requirement_of(group),
            }
            for group in pokja
        ],
        "competencies": [
            {"code": c.code, "name": c.name, "kind": c.kind, "description": c.description} for c in competencies
        ],
        "performance": None
        if agreement is None
        else {
            "year": agreement.year,
            "objectives": [{"code": o.code, "name": o.name, "perspective": o.perspective} for o in objectives],
            "indicators": [
                {
                    "code": i.code,
                    "name": i.name,
                    "objective": i.objective.code,
                    "parent": i.parent.code if i.parent_id else None,
                    "unit_of_measure": i.unit_of_measure,
                    "target": _number(i.target),
                    "target_upper": _number(i.target_upper),
                    "polarity": i.polarity,
                    "aggregation": i.aggregation,
                    "periodicity": i.periodicity,
                }
                for i in indicators
            ],
        },
    }


def dump(document: dict) -> bytes:
    """The template file's bytes: UTF-8 JSON, indented so that people can read and diff it."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


# --- reading ------------------------------------------------------------------------------------------------


def parse_template(raw: bytes, *, max_bytes: int | None = None) -> Template:
    """Checks an uploaded template; raises TemplateError listing every problem with its JSON path."""
    problems = Problems()
    document = load_json(raw, max_bytes or settings.ORBIT_IMPORT_MAX_BYTES, problems)
    data = None if problems else read_document(document, Reader(problems))
    if problems or data is None:
        raise TemplateError(problems.summary())
    return Template(data)


# --- creating -----------------------------------------------------------------------------------------------


def may_create_in(user, agency: Agency) -> bool:
    """Operators and the agency's own admins create units from templates."""
    return user.is_authenticated and (user.is_superuser or (user.is_agency_admin and user.agency_id == agency.pk))


def check_target(*, agency: Agency, name: str, slug: str, year: int | None) -> dict[str, list[str]]:
    """What is wrong with the new unit's name, address (slug) and PK year, by field; empty when nothing."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("Give the new unit a name."))
    elif len(name) > 200:
        errors.setdefault("name", []).append(_("The name is too long (at most 200 characters)."))
    elif Unit.objects.filter(agency=agency, name__iexact=name).exists():
        errors.setdefault("name", []).append(_("The agency already has a unit with this name."))
    try:
        validate_slug(slug or "")
        valid = len(slug) <= 60
    except ValidationError:
        valid = False
    if not valid:
        errors.setdefault("slug", []).append(
            _("The address may hold only letters, digits, hyphens and underscores (at most 60).")
        )
    elif slug in RESERVED_SLUGS or Unit.objects.filter(slug__iexact=slug).exists():
        errors.setdefault("slug", []).append(_("The address %(slug)s is already taken.") % {"slug": slug})
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        errors.setdefault("year", []).append(
            _("The year must be between %(minimum)d and %(maximum)d.") % {"minimum": MIN_YEAR, "maximum": MAX_YEAR}
        )
    return errors


@dataclass
class Plan:
    """What creating a unit from a template adds, for the preview."""

    functions: int
    pokja: int
    tasks: int
    requirements: int
    objectives: int
    indicators: int
    year: int | None
    new_competencies: list[dict]
    reused_competencies: list[dict]


def plan(template: Template, *, agency: Agency, year: int | None) -> Plan:
    existing = set(
        Competency.objects.filter(agency=agency, code__in=[c["code"] for c in template.competencies]).values_list(
            "code", flat=True
        )
    )
    performance = template.performance
    return Plan(
        functions=len(template.functions),
        pokja=len(template.pokja),
        tasks=sum(len(p["tasks"]) for p in template.pokja),
        requirements=sum(1 for p in template.pokja if p["requirement"]),
        objectives=len(performance["objectives"]) if performance else 0,
        indicators=len(performance["indicators"]) if performance else 0,
        year=(year or timezone.localdate().year) if performance else None,
        new_competencies=[c for c in template.competencies if c["code"] not in existing],
        reused_competencies=[c for c in template.competencies if c["code"] in existing],
    )


def create_unit(template: Template, *, agency: Agency, name: str, slug: str, user, year: int | None = None) -> Unit:
    """Creates a unit of ``agency`` from the template: all of it or, on any problem, nothing.

    ``user`` is the acting person (None for the command line, the system acting); competencies the agency
    already has (by code) are used as they are.
    """
    if user is not None and not may_create_in(user, agency):
        raise PermissionDenied(_("Only an admin of the agency may create units from templates."))
    year = year or timezone.localdate().year
    name = (name or "").strip()
    errors = check_target(agency=agency, name=name, slug=slug, year=year)
    if errors:
        raise TemplateError([message for messages in errors.values() for message in messages])
    try:
        with transaction.atomic():
            return _create(template, agency=agency, name=name, slug=slug, user=user, year=year)
    except IntegrityError as error:
        # Another unit took the address meanwhile, or a row broke a database rule the checks did not foresee.
        raise TemplateError(
            [_("The unit could not be saved: its address or name was taken meanwhile, or the template breaks a rule "
               "of the database. Nothing was created.")]
        ) from error  # fmt: skip


def _create(template: Template, *, agency: Agency, name: str, slug: str, user, year: int) -> Unit:
    unit = Unit(
        agency=agency,
        name=name,
        slug=slug,
        min_pokja_per_employee=template.unit["min_pokja_per_employee"],
        max_pokja_per_employee=template.unit["max_pokja_per_employee"],
    )
    unit._history_user = user  # simple-history's audit row names who created it
    unit.save()

    functions = bulk_create_with_history(
        [Function(agency=agency, unit=unit, **f) for f in template.functions], Function, default_user=user
    )
    function_of = {f.number: f for f in functions}
    groups = bulk_create_with_history(
        [
            Pokja(
                agency=agency,
                unit=unit,
                code=p["code"],
                name=p["name"],
                aliases=p["aliases"],
                purpose=p["purpose"],
                order=p["order"],
            )
            for p in template.pokja
        ],
        Pokja,
        default_user=user,
    )
    pokja_of = {group.code: group for group in groups}
    PokjaTask.objects.bulk_create(
        PokjaTask(pokja=pokja_of[p["code"]], number=number, text=text)
        for p in template.pokja
        for number, text in enumerate(p["tasks"], start=1)
    )
    Pokja.functions.through.objects.bulk_create(
        Pokja.functions.through(pokja_id=pokja_of[p["code"]].pk, function_id=function_of[number].pk)
        for p in template.pokja
        for number in p["functions"]
    )
    _create_requirements(template, agency=agency, unit=unit, pokja_of=pokja_of)
    if template.performance is not None:
        _create_agreement(
            template.performance, unit=unit, year=year, user=user, pokja=template.pokja, pokja_of=pokja_of
        )
    return unit


def _create_requirements(template: Template, *, agency: Agency, unit: Unit, pokja_of: dict[str, Pokja]) -> None:
    competency_of = {c.code: c for c in Competency.objects.filter(agency=agency)}
    Competency.objects.bulk_create(
        Competency(
            agency=agency,
            # The ASN standard is agency-wide; a technical competency belongs to the unit that defines it.
            unit=unit if c["kind"] == Competency.Kind.TECHNICAL else None,
            code=c["code"],
            name=c["name"],
            kind=c["kind"],
            description=c["description"],
            order=order,
        )
        for order, c in enumerate(template.competencies, start=1)
        if c["code"] not in competency_of
    )
    competency_of = {c.code: c for c in Competency.objects.filter(agency=agency)}
    with_requirement = [p for p in template.pokja if p["requirement"]]
    requirements = PokjaRequirement.objects.bulk_create(
        PokjaRequirement(
            agency=agency,
            pokja=pokja_of[p["code"]],
            min_members=p["requirement"]["min_members"],
            max_members=p["requirement"]["max_members"],
        )
        for p in with_requirement
    )
    RequiredCompetency.objects.bulk_create(
        RequiredCompetency(
            requirement=requirement, competency=competency_of[n["code"]], weight=n["weight"], critical=n["critical"]
        )
        for requirement, p in zip(requirements, with_requirement, strict=True)
        for n in p["requirement"]["competencies"]
    )


def _create_agreement(
    performance: dict, *, unit: Unit, year: int, user, pokja: list[dict], pokja_of: dict[str, Pokja]
) -> None:
    """The PK for ``year`` with its SS and IKU (parents first) and the pokja links; no targets per period."""
    agreement = PerformanceAgreement.objects.create(unit=unit, year=year)
    objectives = StrategicObjective.objects.bulk_create(
        StrategicObjective(agreement=agreement, code=o["code"], name=o["name"], perspective=o["perspective"], order=n)
        for n, o in enumerate(performance["objectives"], start=1)
    )
    objective_of = {o.code: o for o in objectives}
    order_of = {i["code"]: n for n, i in enumerate(performance["indicators"], start=1)}
    created: dict[str, Indicator] = {}
    pending = list(performance["indicators"])
    while pending:
        ready = [i for i in pending if i["parent"] is None or i["parent"] in created]
        if not ready:  # parse_template refuses cycles; never loop forever on a hand-made Template
            raise TemplateError([_("The parents of the indicators form a cycle.")])
        pending = [i for i in pending if not (i["parent"] is None or i["parent"] in created)]
        level = [
            Indicator(
                agreement=agreement,
                objective=objective_of[i["objective"]],
                parent=created.get(i["parent"]),
                code=i["code"],
                name=i["name"],
                unit_of_measure=i["unit_of_measure"],
                target=i["target"],
                target_upper=i["target_upper"],
                polarity=i["polarity"],
                aggregation=i["aggregation"],
                periodicity=i["periodicity"],
                order=order_of[i["code"]],
            )
            for i in ready
        ]
        created.update((i.code, i) for i in bulk_create_with_history(level, Indicator, default_user=user))
    Indicator.pokja.through.objects.bulk_create(
        Indicator.pokja.through(indicator_id=created[code].pk, pokja_id=pokja_of[p["code"]].pk)
        for p in pokja
        for code in p["indicators"]
    )
