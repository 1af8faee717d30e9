"""E-mails that background tasks send once per key, even when a task runs again after a worker died.

``send_once`` claims the key, sends, then marks it sent:

1. Claim: insert ``SentMail(key)`` in its own transaction (tasks run outside one); the unique key lets only one
   run in. A key already there is skipped when it was sent, or when its claim is younger than ``CLAIM_TIMEOUT``
   (another run is sending it right now). An older claim that was never marked sent belongs to a run that died:
   one conditional update takes it over, so only one of several runs wins.
2. Send. If sending fails, the claim is released so that a later run sends the mail.
3. Mark: ``sent_at`` = now.

A run that dies between 1 and 2 leaves a claim that the re-queued task (``manage.py requeue_stale_tasks``, after
60 minutes by default) takes over: the mail goes out once. Only a death between 2 and 3 sends it twice, because
the rerun cannot know whether the mail left; sending it again beats losing it.
"""

import datetime
from collections.abc import Sequence

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from ops.models import SentMail

CLAIM_TIMEOUT = datetime.timedelta(minutes=15)


def _claim(key: str, now: datetime.datetime) -> bool:
    try:
        with transaction.atomic():
            SentMail.objects.create(key=key, claimed_at=now)
        return True
    except IntegrityError:
        pass
    abandoned = SentMail.objects.filter(key=key, sent_at__isnull=True, claimed_at__lt=now - CLAIM_TIMEOUT)
    return abandoned.update(claimed_at=now) == 1


def send_once(key: str, subject: str, body: str, recipients: Sequence[str], *, from_email: str | None = None) -> bool:
    """Sends the mail unless the one with ``key`` was sent or is being sent; True when this call sent it."""
    if not _claim(key, timezone.now()):
        return False
    try:
        send_mail(subject, body, from_email, list(recipients))
    except Exception:
        SentMail.objects.filter(key=key, sent_at__isnull=True).delete()
        raise
    SentMail.objects.filter(key=key).update(sent_at=timezone.now())
    return True
