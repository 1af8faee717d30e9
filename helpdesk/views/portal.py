"""The public side, no account needed: the portal form, the private tracking page and its survey."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helpdesk import ratelimit, selectors, services
from helpdesk.forms import RequesterReplyForm, SurveyForm, TicketForm
from helpdesk.models import Attachment, Category, Message, Ticket
from organisation.models import Unit, User

# Submissions per window from one network address and for one e-mail address: settings.HELPDESK_SUBMISSIONS_PER_*.
WINDOW_SECONDS = 60 * 60
REPLIES_PER_TICKET = 30


def base_url(request) -> str:
    return request.build_absolute_uri("/")


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _posted_service(request, slug) -> Category | None:
    """On a submission, the chosen active service of the unit with the unit, its helpdesk settings and days off
    (the working-hours targets): one statement for what the portal would otherwise read in three."""
    value = request.POST.get("category", "") if request.method == "POST" else ""
    if not (value.isdigit() and len(value) <= 18):
        return None
    return services.portal_service(slug, int(value))


def portal(request, slug):
    service = _posted_service(request, slug)
    if service is not None:
        unit = service.unit
    else:  # a page view, or a submission without a valid service (the form says so)
        unit = get_object_or_404(services.with_days_off(Unit.objects.select_related("agency", "helpdesk")), slug=slug)
    settings_row = selectors.unit_settings(unit)
    if settings_row is not None and not settings_row.portal_open:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    initial = {}
    if user is not None:
        initial = {"requester_name": user.get_full_name(), "requester_email": user.email}
    if request.GET.get("layanan"):
        initial["category"] = unit.helpdesk_categories.filter(slug=request.GET["layanan"]).first()
    form = TicketForm(request.POST or None, request.FILES or None, unit=unit, initial=initial, category=service)
    status = 200
    if request.method == "POST":
        address = ratelimit.client_address(request)
        email = request.POST.get("requester_email", "").strip().lower()
        per_address, per_email = settings.HELPDESK_SUBMISSIONS_PER_ADDRESS, settings.HELPDESK_SUBMISSIONS_PER_EMAIL
        if not ratelimit.allow("submit-ip", address, per_address, WINDOW_SECONDS) or (
            email and not ratelimit.allow("submit-email", email, per_email, WINDOW_SECONDS)
        ):
            form.add_error(None, _("Too many requests were sent from here. Please try again in an hour."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                ticket = services.create_ticket(
                    category=data["category"],
                    subject=data["subject"],
                    description=data["description"],
                    requester_name=data["requester_name"],
                    requester_agency=data["requester_agency"],
                    requester_email=data["requester_email"],
                    requester_phone=data["requester_phone"],
                    requester_user=user if user is not None and user.role == User.Role.STAKEHOLDER else None,
                    attachments=data["attachments"],
                    base_url=base_url(request),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your request is ticket %(reference)s. Keep this page's address: it is your private link.")
                    % {"reference": ticket.reference},
                )
                return redirect("helpdesk_track", token=ticket.tracking_token)
        if status == 200:
            status = 400
    return render(
        request,
        "helpdesk/portal.html",
        {"unit": unit, "form": form, "introduction": settings_row.introduction if settings_row else ""},
        status=status,
    )


def _ticket_by_token(token: str) -> Ticket:
    ticket = (
        Ticket.objects.select_related("unit__agency", "category", "survey").filter(tracking_token=token).first()
        if len(token) <= 64
        else None
    )
    if ticket is None:
        raise Http404
    return ticket


def track(request, token, reply_form=None, survey_form=None, status=200):
    ticket = _ticket_by_token(token)
    conversation = list(ticket.messages.filter(kind=Message.Kind.PUBLIC))
    files = {}
    for attachment in Attachment.objects.filter(ticket=ticket).exclude(message__kind=Message.Kind.INTERNAL):
        files.setdefault(attachment.message_id, []).append(attachment)
    for message in conversation:
        message.files = files.get(message.pk, [])
    survey = getattr(ticket, "survey", None)  # select_related: no query
    return render(
        request,
        "helpdesk/track.html",
        {
            "ticket": ticket,
            "conversation": conversation,
            "initial_files": files.get(None, []),
            "tracking_url": request.build_absolute_uri(),
            "reply_form": reply_form or RequesterReplyForm(),
            "survey": survey,
            "survey_form": survey_form or (SurveyForm() if ticket.is_done and survey is None else None),
        },
        status=status,
    )


@require_POST
def track_reply(request, token):
    ticket = _ticket_by_token(token)
    form = RequesterReplyForm(request.POST, request.FILES)
    if not ratelimit.allow("reply", ticket.tracking_token, REPLIES_PER_TICKET, WINDOW_SECONDS):
        form.add_error(None, _("Too many messages in a short time. Please try again later."))
        return track(request, token, reply_form=form, status=429)
    if form.is_valid():
        try:
            services.requester_reply(
                ticket=ticket,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
                base_url=base_url(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your answer has been sent."))
            return redirect("helpdesk_track", token=token)
    return track(request, token, reply_form=form, status=400)


@require_POST
def survey(request, token):
    ticket = _ticket_by_token(token)
    form = SurveyForm(request.POST)
    if form.is_valid():
        try:
            services.submit_survey(ticket=ticket, scores=form.scores, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you for rating our service."))
            return redirect(reverse("helpdesk_track", args=[token]) + "#survey")
    return track(request, token, survey_form=form, status=400)


def track_file(request, token, pk):
    ticket = _ticket_by_token(token)
    attachment = get_object_or_404(
        Attachment.objects.filter(ticket=ticket).exclude(message__kind=Message.Kind.INTERNAL), pk=pk
    )
    return file_response(attachment)


def file_response(attachment: Attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_requests(request):
    """A stakeholder's own tickets (any signed-in user: those they submitted while signed in)."""
    tickets = (
        Ticket.objects.filter(requester_user=request.user)
        .select_related("unit", "category")
        .order_by("-created_at", "-id")[:200]
    )
    return render(request, "helpdesk/my_requests.html", {"tickets": tickets})
