"""Tickets, their conversation, attachments and change history."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpdesk.models.setup import Category
from organisation.models import Agency, Employee, Pokja, Unit, User
from organisation.scoping import ScopedQuerySet

TOKEN_BYTES = 24  # 192 bits: a tracking link cannot be guessed


def new_tracking_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def ticket_reference(number: int | None) -> str:
    """What people quote: ``HD-000123``."""
    return f"HD-{number:06d}" if number else ""


class TicketCounter(models.Model):
    """The last ticket number given in an agency; its row is locked while the next number is taken."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.last_number}"


class TicketQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Staff see their agency's tickets; an external stakeholder sees the tickets they submitted."""
        if user is not None and user.is_authenticated and getattr(user, "role", None) == User.Role.STAKEHOLDER:
            return self.filter(requester_user=user)
        return super().visible_to(user)

    def for_staff(self, user):
        """Like ``visible_to`` but never for stakeholders: the staff pages show internal notes."""
        return super().visible_to(user)

    def open(self):
        return self.filter(status__in=Ticket.OPEN_STATUSES)


class Ticket(models.Model):
    """A request from a stakeholder, numbered per agency, handled by one employee of the category's pokja."""

    class Status(models.TextChoices):
        BARU = "baru", _("new")
        DIPROSES = "diproses", _("in progress")
        MENUNGGU = "menunggu", _("waiting for the requester")
        SELESAI = "selesai", _("resolved")
        DITUTUP = "ditutup", _("closed")

    # The only moves a ticket may make; "reopen" is the way back from selesai/ditutup to diproses.
    TRANSITIONS = {
        Status.BARU: (Status.DIPROSES,),
        Status.DIPROSES: (Status.MENUNGGU, Status.SELESAI),
        Status.MENUNGGU: (Status.DIPROSES, Status.SELESAI),
        Status.SELESAI: (Status.DITUTUP, Status.DIPROSES),
        Status.DITUTUP: (Status.DIPROSES,),
    }
    OPEN_STATUSES = (Status.BARU, Status.DIPROSES, Status.MENUNGGU)
    DONE_STATUSES = (Status.SELESAI, Status.DITUTUP)

    # No index of their own for the agency, the unit, the pokja and the assignee: the unique (agency, number) and the
    # indexes of Meta start with them, and every new ticket then writes four index entries fewer.
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="tickets", db_index=False
    )
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="tickets")
    pokja = models.ForeignKey(
        Pokja, verbose_name=_("pokja"), on_delete=models.PROTECT, related_name="tickets", db_index=False
    )
    number = models.PositiveIntegerField(_("number"))
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    requester_name = models.CharField(_("name"), max_length=120)
    requester_agency = models.CharField(_("agency"), max_length=200)
    requester_email = models.EmailField(_("e-mail"))
    requester_phone = models.CharField(_("phone"), max_length=30, blank=True)
    requester_user = models.ForeignKey(
        User, verbose_name=_("account"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    tracking_token = models.CharField(max_length=64, unique=True, default=new_tracking_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.BARU)
    assignee = models.ForeignKey(
        Employee,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        db_index=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    first_response_due = models.DateTimeField(_("first response due"))
    resolution_due = models.DateTimeField(_("resolution due"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    breach_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Subject, description, requester and reference in one column: what the staff search reads.
    search_text = models.TextField(blank=True, editable=False)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "agency", "-created_at"], name="helpdesk_ticket_unit"),
            models.Index(fields=["unit", "-created_at"], name="helpdesk_ticket_unit_created"),
            models.Index(fields=["pokja", "status", "-created_at"], name="helpdesk_ticket_pokja"),
            models.Index(fields=["assignee", "status", "-created_at"], name="helpdesk_ticket_assignee"),
            models.Index(fields=["unit", "status", "resolution_due"], name="helpdesk_ticket_unit_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number"],
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_("This agency already has a ticket with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["baru", "diproses", "menunggu", "selesai", "ditutup"]),
                name="%(app_label)s_%(class)s_known_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """The columns a ticket derives from others: its unit's agency and the text that search reads."""
        self.agency_id = self.unit.agency_id
        self.search_text = " ".join(
            [self.reference, self.subject, self.description, self.requester_name, self.requester_agency]
            + [self.requester_email]
        )

    @property
    def reference(self) -> str:
        return ticket_reference(self.number)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE_STATUSES

    def allowed_statuses(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.Status(self.status)]

    def can_move_to(self, status: str) -> bool:
        return status in self.allowed_statuses()


class Message(models.Model):
    """One entry of the conversation: a public reply (the requester sees it) or an internal note."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("public reply")
        INTERNAL = "internal", _("internal note")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages", db_index=False)  # see Meta
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PUBLIC)
    by_requester = models.BooleanField(_("from the requester"), default=False)
    author_user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(_("author"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="helpdesk_message_ticket")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="internal", by_requester=True),
                name="%(app_label)s_%(class)s_requester_writes_public",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ticket.reference} {self.author_name}"

    def save(self, *args, **kwargs):
        self.agency_id = self.ticket.agency_id
        super().save(*args, **kwargs)

    @property
    def is_internal(self) -> bool:
        return self.kind == self.Kind.INTERNAL


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random stored name: the requester's file name never reaches the file system."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"helpdesk/{instance.agency_id}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class Attachment(models.Model):
    """A file sent with a ticket or a message; its type was checked by its content."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.agency_id = self.ticket.agency_id
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.message_id is None or not self.message.is_internal


class TicketEvent(models.Model):
    """One change of a ticket (created, assigned, status), kept as its history."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        ASSIGNED = "assigned", _("assigned")
        STATUS = "status", _("status changed")
        WARNED = "warned", _("SLA warning sent")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events", db_index=False)  # see Meta
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    from_status = models.CharField(max_length=10, blank=True, choices=Ticket.Status.choices)
    to_status = models.CharField(max_length=10, blank=True, choices=Ticket.Status.choices)
    assignee = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="helpdesk_event_ticket")]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind}"

    def save(self, *args, **kwargs):
        self.agency_id = self.ticket.agency_id
        super().save(*args, **kwargs)
