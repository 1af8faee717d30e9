"""Writes on a PK and its rencana aksi: copying a PK to the next year, period targets and activities.

Every function takes an explicit acting user, checks that they manage the unit and runs in one transaction.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from organisation.access import can_manage_unit
from organisation.models import Employee, Pokja, Unit
from performance.models import Activity, Indicator, PerformanceAgreement, PeriodTarget, StrategicObjective


def _require_manager(actor, unit: Unit) -> None:
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may change the performance agreement."))


def _shift(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def copy_agreement(*, agreement: PerformanceAgreement, actor, year: int | None = None) -> PerformanceAgreement:
    """Copies a PK to the next year (or ``year``): SS, IKU with their parents and pokja, period targets and
    activities. Realisasi are not copied. Refused when the unit already has a PK for that year.
    """
    unit = agreement.unit
    _require_manager(actor, unit)
    year = year or agreement.year + 1
    exists_message = _("The unit already has a performance agreement for %(year)d; nothing was copied.") % {
        "year": year
    }
    with transaction.atomic():
        if PerformanceAgreement.objects.filter(unit=unit, year=year).exists():
            raise ValidationError(exists_message)
        title = agreement.title.replace(str(agreement.year), str(year))
        try:
            with transaction.atomic():
                copy = PerformanceAgreement.objects.create(
                    unit=unit,
                    year=year,
                    title=title,
                    on_track_from=agreement.on_track_from,
                    at_risk_from=agreement.at_risk_from,
                )
        except IntegrityError as error:  # created meanwhile by someone else
            raise ValidationError(exists_message) from error

        objectives = {}
        for objective in agreement.objectives.order_by("order", "code"):
            objectives[objective.pk] = StrategicObjective.objects.create(
                agreement=copy,
                code=objective.code,
                name=objective.name,
                perspective=objective.perspective,
                order=objective.order,
            )

        # Parents first, whatever the depth of the tree.
        pending = list(agreement.indicators.prefetch_related("pokja").order_by("order", "code"))
        indicators: dict[int, Indicator] = {}
        while pending:
            ready = [i for i in pending if i.parent_id is None or i.parent_id in indicators]
            if not ready:  # a cycle cannot be saved, but never loop forever
                raise ValidationError(_("The indicator tree of this agreement is inconsistent."))
            for old in ready:
                new = Indicator(
                    agreement=copy,
                    objective=objectives[old.objective_id],
                    parent=indicators.get(old.parent_id),
                    code=old.code,
                    name=old.name,
                    unit_of_measure=old.unit_of_measure,
                    target=old.target,
                    target_upper=old.target_upper,
                    polarity=old.polarity,
                    aggregation=old.aggregation,
                    periodicity=old.periodicity,
                    order=old.order,
                )
                new._history_user = actor
                new.save()
                new.pokja.set(old.pokja.all())
                indicators[old.pk] = new
            pending = [i for i in pending if i.pk not in indicators]

        for target in PeriodTarget.objects.filter(indicator__agreement=agreement).order_by("indicator", "period"):
            new_target = PeriodTarget(
                indicator=indicators[target.indicator_id],
                period=target.period,
                target=target.target,
                target_upper=target.target_upper,
            )
            new_target._history_user = actor
            new_target.save()

        activities = Activity.objects.filter(indicator__agreement=agreement).prefetch_related("responsible")
        for activity in activities.order_by("indicator", "period", "pk"):
            new_activity = Activity.objects.create(
                indicator=indicators[activity.indicator_id],
                period=activity.period,
                description=activity.description,
                pokja_id=activity.pokja_id,
                due_date=_shift(activity.due_date, year - agreement.year),
            )
            new_activity.responsible.set(activity.responsible.all())
    return copy


def set_period_targets(
    *,
    indicator: Indicator,
    targets: Mapping[int, tuple[Decimal | None, Decimal | None]],
    actor,
) -> list[PeriodTarget]:
    """Sets the rencana aksi targets of an indicator: {period: (target, upper)}; a None target removes it."""
    _require_manager(actor, indicator.agreement.unit)
    errors = []
    for period, (target, upper) in sorted(targets.items()):
        if not 1 <= period <= indicator.period_count:
            errors.append(_("Period %(period)d does not exist for this indicator.") % {"period": period})
        elif target is None:
            continue
        elif indicator.polarity == Indicator.Polarity.RANGE and upper is None:
            errors.append(_("Period %(period)d: a range target needs an upper bound.") % {"period": period})
        elif upper is not None and upper < target:
            errors.append(_("Period %(period)d: the upper bound must not be below the target.") % {"period": period})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
        existing = {t.period: t for t in PeriodTarget.objects.filter(indicator=indicator)}
        for period, (target, upper) in sorted(targets.items()):
            row = existing.get(period)
            if target is None:
                if row is not None:
                    row._history_user = actor
                    row.delete()
                continue
            if indicator.polarity != Indicator.Polarity.RANGE:
                upper = None
            if row is None:
                row = PeriodTarget(indicator=indicator, period=period)
            elif row.target == target and row.target_upper == upper:
                continue
            row.target, row.target_upper = target, upper
            row._history_user = actor
            row.save()
    return list(PeriodTarget.objects.filter(indicator=indicator).order_by("period"))


def add_activity(
    *,
    indicator: Indicator,
    actor,
    description: str,
    period: int | None = None,
    pokja: Pokja | None = None,
    responsible: Iterable[Employee] = (),
    due_date: datetime.date | None = None,
) -> Activity:
    """Adds a planned activity to an indicator's rencana aksi."""
    unit = indicator.agreement.unit
    _require_manager(actor, unit)
    responsible = list(responsible)
    errors = []
    if not description.strip():
        errors.append(_("Describe the activity."))
    if period is not None and not 1 <= period <= indicator.period_count:
        errors.append(_("Period %(period)d does not exist for this indicator.") % {"period": period})
    if pokja is not None and pokja.unit_id != unit.pk:
        errors.append(_("The pokja belongs to another unit."))
    if any(person.agency_id != unit.agency_id for person in responsible):
        errors.append(_("A responsible person belongs to another agency."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        activity = Activity.objects.create(
            indicator=indicator, period=period, description=description.strip(), pokja=pokja, due_date=due_date
        )
        activity.responsible.set(responsible)
    return activity


def delete_activity(*, activity: Activity, actor) -> None:
    """Removes a planned activity."""
    _require_manager(actor, activity.indicator.agreement.unit)
    with transaction.atomic():
        activity.delete()
