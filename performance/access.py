"""Access checks for the performance app, one helper per object type.

Everyone in the agency reads; a member of a pokja responsible for an indicator reports its realisasi; that
pokja's ketua or wakil submits; the unit head or an agency admin reviews and edits the PK and its plan.
An object the user may not see is a 404; P2/P3 add their helpers at the end of this file.
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from organisation.access import can_manage_unit, get_unit_for_user
from organisation.models import Membership, Unit
from organisation.selectors import today
from performance.models import Dialogue, Evidence, FollowUp, Indicator, PerformanceAgreement, RoleResult


@dataclass(frozen=True)
class IndicatorRights:
    """What a user may do with an indicator's realisasi and plan."""

    can_report: bool = False  # a member of a responsible pokja: drafts, edits, evidence
    can_submit: bool = False  # the ketua or wakil of a responsible pokja
    can_review: bool = False  # the unit head or an agency admin: returns, accepts, edits targets and activities


def indicator_rights(user, indicator: Indicator, unit: Unit | None = None) -> IndicatorRights:
    """The user's rights on ``indicator`` from their memberships in force today (one query)."""
    if user is None or not user.is_authenticated:
        return IndicatorRights()
    unit = unit or indicator.agreement.unit
    review = can_manage_unit(user, unit)
    employee = getattr(user, "employee", None)
    roles: set[str] = set()
    if employee is not None and employee.agency_id == unit.agency_id:
        roles = set(
            Membership.objects.at(today())
            .filter(employee=employee, pokja__indicators=indicator)
            .values_list("role", flat=True)
        )
    return IndicatorRights(
        can_report=bool(roles),
        can_submit=bool(roles & set(Membership.LEADING_ROLES)),
        can_review=review,
    )


def get_agreement_for_user(user, slug: str, year: int) -> tuple[Unit, PerformanceAgreement, bool]:
    """The unit, its PK of ``year`` and whether the user may edit it (unit head or agency admin)."""
    unit, can_manage = get_unit_for_user(user, slug)
    agreement = get_object_or_404(PerformanceAgreement.objects.visible_to(user), unit=unit, year=year)
    agreement.unit = unit
    return unit, agreement, can_manage


def get_indicator_for_user(user, slug: str, year: int, code: str) -> tuple[Unit, Indicator, IndicatorRights]:
    """The unit, the indicator ``code`` of its PK ``year`` and the user's rights on it."""
    unit, can_manage = get_unit_for_user(user, slug)
    indicator = (
        Indicator.objects.visible_to(user)
        .select_related("agreement", "objective", "parent")
        .filter(agreement__unit=unit, agreement__year=year, code=code)
        .first()
    )
    if indicator is None:
        raise Http404
    indicator.agreement.unit = unit
    return unit, indicator, indicator_rights(user, indicator, unit)


def get_evidence_for_user(user, slug: str, pk: int) -> tuple[Unit, Evidence, IndicatorRights]:
    """An evidence item of the unit (404 otherwise) and the user's rights on its indicator."""
    unit, _can_manage = get_unit_for_user(user, slug)
    evidence = (
        Evidence.objects.visible_to(user)
        .select_related("realisasi__indicator__agreement")
        .filter(pk=pk, realisasi__indicator__agreement__unit=unit)
        .first()
    )
    if evidence is None:
        raise Http404
    indicator = evidence.realisasi.indicator
    indicator.agreement.unit = unit
    return unit, evidence, indicator_rights(user, indicator, unit)


# Teamwork (P3): role results, dialogues and follow-ups ------------------------------------------------------


def get_role_result_for_user(user, agreement: PerformanceAgreement, pk: int) -> tuple[RoleResult, bool]:
    """A role result of the agreement (404 otherwise) and whether the user may change it."""
    queryset = RoleResult.objects.visible_to(user).filter(indicator__agreement=agreement)
    role_result = get_object_or_404(queryset.select_related("indicator"), pk=pk)
    role_result.indicator.agreement = agreement
    return role_result, can_manage_unit(user, agreement.unit)


def get_dialogue_for_user(user, slug: str, pk: int) -> tuple[Unit, Dialogue, bool]:
    """The unit, one of its dialogues (404 otherwise) and whether the user may manage it (head or admin)."""
    unit, can_manage = get_unit_for_user(user, slug)
    dialogue = get_object_or_404(
        Dialogue.objects.visible_to(user).filter(unit=unit).select_related("pokja", "employee"), pk=pk
    )
    dialogue.unit = unit
    return unit, dialogue, can_manage


def get_follow_up_for_user(user, slug: str, pk: int) -> tuple[Unit, FollowUp, bool]:
    """The unit, a follow-up of one of its dialogues (404 otherwise) and whether the user may mark it done:
    its owner, the unit head or an agency admin."""
    unit, can_manage = get_unit_for_user(user, slug)
    follow_up = get_object_or_404(
        FollowUp.objects.visible_to(user).filter(dialogue__unit=unit).select_related("dialogue"), pk=pk
    )
    follow_up.dialogue.unit = unit
    employee = getattr(user, "employee", None)
    return unit, follow_up, can_manage or (employee is not None and employee.pk == follow_up.owner_id)
