"""Pakta integritas: publishing pact texts in versions, signing the current version, and who has not signed."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from culture import access
from culture.models import Pact, PactSignature, PactVersion
from culture.models.pacts import text_digest
from organisation.models import Employee, Unit


def _require_manager(actor, unit: Unit) -> None:
    if not access.can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may manage integrity pacts."))


def create_pact(
    *,
    actor,
    unit: Unit,
    purpose: str,
    title: str,
    text: str,
    year: int | None = None,
    signers: Iterable[Employee] = (),
) -> Pact:
    """A new pact with its first version."""
    _require_manager(actor, unit)
    if not text.strip():
        raise ValidationError({"text": _("Write the text of the pact.")})
    signers = list(signers)
    if any(person.unit_id != unit.pk for person in signers):
        raise ValidationError({"signers": _("Every signer must be an employee of this unit.")})
    pact = Pact(unit=unit, agency=unit.agency, purpose=purpose, title=title.strip(), year=year)
    pact.full_clean()
    with transaction.atomic():
        pact.save()
        pact.signers.set(signers)
        PactVersion.objects.create(pact=pact, number=1, text=text.strip(), published_by=actor)
    return pact


def current_version(pact: Pact) -> PactVersion | None:
    return pact.versions.order_by("-number").first()


def revise_pact(*, actor, pact: Pact, text: str) -> PactVersion:
    """Publishes a changed text as the next version: everyone has to sign again."""
    _require_manager(actor, pact.unit)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the text of the pact.")})
    with transaction.atomic():
        Pact.objects.select_for_update().filter(pk=pact.pk).first()
        latest = current_version(pact)
        if latest is not None and latest.digest == text_digest(text):
            raise ValidationError({"text": _("The text has not changed; no new version is needed.")})
        return PactVersion.objects.create(
            pact=pact, number=(latest.number if latest else 0) + 1, text=text, published_by=actor
        )


def required_signers(pact: Pact):
    """The people who must sign: those named on the pact, or every active employee of the unit."""
    named = Employee.objects.filter(pk__in=pact.signers.values("pk"))
    if named.exists():
        return named.order_by("name", "pk")
    return Employee.objects.filter(unit=pact.unit, is_active=True).order_by("name", "pk")


def sign_pact(*, actor, pact: Pact) -> PactSignature:
    """The actor signs the current version of the pact, for themselves."""
    employee = access.employee_of(actor)
    if employee is None or employee.agency_id != pact.agency_id:
        raise PermissionDenied(_("Only employees can sign an integrity pact."))
    if not required_signers(pact).filter(pk=employee.pk).exists():
        raise PermissionDenied(_("You are not among the signers of this pact."))
    version = current_version(pact)
    if version is None:
        raise ValidationError(_("This pact has no text yet."))
    try:
        with transaction.atomic():
            return PactSignature.objects.create(
                version=version, employee=employee, signed_by=actor, digest=version.digest, agency=pact.agency
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already signed this version.")) from error


@dataclass
class SignerStatus:
    employee: Employee
    signature: PactSignature | None  # of the current version
    earlier: PactSignature | None  # of an older version, when the current one is not signed

    @property
    def signed(self) -> bool:
        return self.signature is not None


def signing_status(pact: Pact, version: PactVersion | None) -> list[SignerStatus]:
    """Every required signer with their signature of the current version or of an earlier one: three queries."""
    people = list(required_signers(pact))
    latest: dict[int, PactSignature] = {}
    signatures = (
        PactSignature.objects.filter(version__pact=pact, employee__in=[p.pk for p in people])
        .select_related("version")
        .order_by("employee_id", "-version__number")
    )
    for signature in signatures:
        latest.setdefault(signature.employee_id, signature)
    rows = []
    for person in people:
        found = latest.get(person.pk)
        current = found if found and version and found.version_id == version.pk else None
        rows.append(SignerStatus(person, current, None if current else found))
    return rows
