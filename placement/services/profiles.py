"""Profile writes: the head (or an agency admin) edits a profile and confirms levels; an employee edits their
own interests and development needs."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.access import can_manage_unit
from organisation.models import Employee, Pokja
from placement.models import Competency, CompetencyLevel, EmployeeProfile

PROFILE_FIELDS = ("education", "certifications", "development_needs", "max_pokja", "available", "unavailable_reason")


def is_self(user, employee: Employee) -> bool:
    return user.is_authenticated and getattr(user, "employee", None) is not None and user.employee.pk == employee.pk


def can_edit_interests(user, employee: Employee) -> bool:
    return is_self(user, employee) or can_manage_unit(user, employee.unit)


def profile_for(employee: Employee) -> EmployeeProfile:
    """The employee's profile, created empty the first time."""
    profile, _created = EmployeeProfile.objects.get_or_create(employee=employee)
    return profile


@transaction.atomic
def save_profile(
    *,
    actor,
    employee: Employee,
    fields: dict,
    pokja: list[Pokja],
    competencies: list[Competency],
    levels: dict[Competency, int | None],
) -> EmployeeProfile:
    """Writes a whole profile. Levels the head sets are confirmed by them; ``None`` removes a level."""
    if not can_manage_unit(actor, employee.unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may change levels and limits."))
    profile = profile_for(employee)
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    profile.full_clean()
    profile.save()
    profile.interest_pokja.set(pokja)
    profile.interest_competencies.set(competencies)
    existing = {lv.competency_id: lv for lv in profile.levels.all()}
    now = timezone.now()
    for competency, level in levels.items():
        current = existing.get(competency.pk)
        if level is None:
            if current:
                current.delete()
            continue
        if current is None:
            CompetencyLevel.objects.create(
                profile=profile, competency=competency, level=level, confirmed_by=actor, confirmed_at=now
            )
        elif current.level != level or not current.is_confirmed:
            current.level, current.confirmed_by, current.confirmed_at = level, actor, now
            current.save(update_fields=["level", "confirmed_by", "confirmed_at"])
    return profile


@transaction.atomic
def save_interests(
    *, actor, employee: Employee, pokja: list[Pokja], competencies: list[Competency], development_needs: str
) -> EmployeeProfile:
    """An employee's own wishes: the pokja and competencies they want, and what they want to learn."""
    if not can_edit_interests(actor, employee):
        raise PermissionDenied(_("You may change only your own interests."))
    profile = profile_for(employee)
    profile.development_needs = development_needs
    profile.save(update_fields=["development_needs", "updated_at"])
    profile.interest_pokja.set(pokja)
    profile.interest_competencies.set(competencies)
    return profile


def confirm_levels(*, actor, employee: Employee) -> int:
    """The head agrees to every level of the employee not yet confirmed; returns how many."""
    if not can_manage_unit(actor, employee.unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may confirm levels."))
    return CompetencyLevel.objects.filter(profile__employee=employee, confirmed_at__isnull=True).update(
        confirmed_by=actor, confirmed_at=timezone.now()
    )
