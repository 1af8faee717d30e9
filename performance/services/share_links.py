"""Read-only share links to a unit's monitoring dashboard ("satu link pemantauan") for leadership.

The public URL carries the link's random token signed with Django's signing (salt below), so a URL that was
not issued here is rejected before any lookup; the ShareLink row then decides: revoked or expired links no
longer work.
"""

import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.access import can_manage_unit
from performance.models import PerformanceAgreement, ShareLink

SALT = "performance.share-link"
MAX_DAYS = 366


class LinkGone(Exception):
    """The link existed but was revoked or has expired."""

    def __init__(self, link: ShareLink):
        super().__init__(str(link))
        self.link = link


def signed_token(link: ShareLink) -> str:
    return signing.dumps(link.token, salt=SALT, compress=False)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The link works through its expiry date, in the site's time zone."""
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start)


def _require_manager(actor, agreement: PerformanceAgreement) -> None:
    if not can_manage_unit(actor, agreement.unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may manage share links."))


@transaction.atomic
def create_share_link(*, actor, agreement: PerformanceAgreement, label: str, expires_on: datetime.date) -> ShareLink:
    """A new link to the agreement's dashboard, valid through ``expires_on``."""
    _require_manager(actor, agreement)
    today = timezone.localdate()
    if expires_on < today:
        raise ValidationError({"expires_on": _("The expiry date must not be in the past.")})
    if expires_on > today + datetime.timedelta(days=MAX_DAYS):
        raise ValidationError(
            {"expires_on": _("A share link may be valid for at most %(days)d days.") % {"days": MAX_DAYS}}
        )
    link = ShareLink(agreement=agreement, label=label.strip(), expires_at=end_of_day(expires_on), created_by=actor)
    link.full_clean(exclude=["agency", "created_by"])
    link.save()
    return link


@transaction.atomic
def revoke_share_link(*, actor, link: ShareLink) -> ShareLink:
    """Stops the link at once; revoking twice keeps the first time."""
    link = ShareLink.objects.select_for_update().select_related("agreement__unit").get(pk=link.pk)
    _require_manager(actor, link.agreement)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def resolve(signed: str) -> ShareLink:
    """The usable link behind a public URL; ShareLink.DoesNotExist for a forged or unknown one, LinkGone when it
    was revoked or has expired."""
    try:
        token = signing.loads(signed, salt=SALT)
    except signing.BadSignature as error:
        raise ShareLink.DoesNotExist from error
    link = ShareLink.objects.select_related("agreement__unit__agency").get(token=token)
    if not link.is_usable():
        raise LinkGone(link)
    return link
