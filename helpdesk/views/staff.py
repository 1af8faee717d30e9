"""Staff pages: the ticket lists (mine, my pokja's queue, all open for the head) and the ticket page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helpdesk import access, selectors, services
from helpdesk.forms import ReassignForm, ReplyForm, StatusForm, TicketFilterForm
from helpdesk.models import Attachment, Category, Ticket
from helpdesk.search import search_tickets
from helpdesk.views.portal import base_url, file_response
from organisation.models import Employee, Membership
from organisation.selectors import today
from organisation.views.orbit import htmx_partial

PAGE_SIZE = 25
VIEWS = ("mine", "pokja", "all")
# What a row of the list shows (helpdesk/templatetags/helpdesk_list.py), read as plain values: 25 rows of four
# models each cost more to build as objects than the rest of the query.
ROW_FIELDS = (
    *("number", "subject", "requester_name", "requester_agency", "status", "created_at", "resolution_due"),
    *("category__name", "pokja__code", "assignee__name"),
)


def _filtered(request, unit, can_manage):
    """The list's queryset from the view (tab) and the filter form; the form and the tab for the page."""
    categories = Category.objects.filter(unit=unit).order_by("order", "name")
    categories = list(categories.values_list("slug", "name", "pokja__code", "pokja_id"))
    pokja = {code: pokja_id for _slug, _name, code, pokja_id in categories}
    form = TicketFilterForm(
        request.GET or None,
        pokja_choices=[(code, code) for code in sorted(pokja)],
        category_choices=[(slug, name) for slug, name, _code, _pokja_id in categories],
    )
    view = request.GET.get("view") or ("all" if can_manage else "mine")
    if view not in VIEWS or (view == "all" and not can_manage):
        view = "mine"
    tickets = access.staff_tickets(request.user).filter(unit=unit)
    if view == "mine":
        tickets = tickets.filter(assignee__user=request.user)
    elif view == "pokja":
        mine = Membership.objects.at(today()).filter(employee__user=request.user).values("pokja_id")
        tickets = tickets.filter(pokja_id__in=mine)
    status = form.value("status")
    if status == "":
        tickets = tickets.open()
    elif status != "all":
        tickets = tickets.filter(status=status)
    if form.value("pokja") in pokja:
        tickets = tickets.filter(pokja_id=pokja[form.value("pokja")])
    if form.value("category"):
        tickets = tickets.filter(category__slug=form.value("category"))
    tickets = search_tickets(tickets, form.value("q"))
    order = TicketFilterForm.SORTS.get(form.value("sort") or "-created")
    return tickets.order_by(*order), form, view


def _page(request, tickets) -> Page:
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    # The count reads the tickets alone; the page's rows also need the names their joins bring.
    page.object_list = page.object_list.values(*ROW_FIELDS)
    return page


def _search_page(request, tickets) -> Page:
    """A search's page, its matches counted in the rows' own query (a window count): one pass over the matches,
    where a count and then a walk through the unit's tickets in date order would read far more rows."""
    try:
        number = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        number = 1
    counted = tickets.annotate(matches=Window(Count("pk"))).values(*ROW_FIELDS, "matches")
    rows = list(counted[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    if not rows and number > 1:  # past the last page: the last page, as Paginator.get_page gives
        number = max(1, -(-tickets.count() // PAGE_SIZE))
        rows = list(counted[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    paginator = Paginator(tickets, PAGE_SIZE)
    paginator.count = rows[0]["matches"] if rows else 0  # known: Paginator need not count again
    page = paginator.page(number)
    page.object_list = rows
    return page


@login_required
def ticket_list(request, slug):
    unit = access.get_unit(request.user, slug)
    can_manage = access.manages(request.user, unit)
    tickets, form, view = _filtered(request, unit, can_manage)
    page = _search_page(request, tickets) if form.value("q") else _page(request, tickets)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "unit": unit,
        "can_manage": can_manage,
        "form": form,
        "view": view,
        "views": [v for v in VIEWS if v != "all" or can_manage],
        "page": page,
        "query": query.urlencode(),
        "now": timezone.now(),
    }
    if htmx_partial(request):
        return render(request, "helpdesk/partials/ticket_rows.html", context)
    return render(request, "helpdesk/ticket_list.html", context)


def _ticket_page(request, ticket, rights, forms=None, status=200):
    """The ticket page; ``forms`` holds a form sent back with its errors. Messages, files and events are read as
    values and their markup built by helpdesk/templatetags/helpdesk_ticket.py (a template node per field before)."""
    conversation, files = selectors.ticket_conversation(ticket)
    forms = forms or {}
    context = {
        "unit": ticket.unit,
        "can_manage": access.manages(request.user, ticket.unit),
        "ticket": ticket,
        "rights": rights,
        "conversation": conversation,
        "files": files,
        "events": selectors.ticket_history(ticket),
        "canned": selectors.canned_replies(ticket.pokja_id) if rights.can_handle else [],
        "reply_form": forms.get("reply") or ReplyForm(),
        "status_form": forms.get("status"),  # only a sent one: its errors
        "reassign_form": forms.get("reassign") or ReassignForm(members=rights.members),
        "transitions": [Ticket.Status(s) for s in ticket.allowed_statuses()],
        "now": timezone.now(),
    }
    return render(request, "helpdesk/ticket_detail.html", context, status=status)


@login_required
def ticket_detail(request, slug, number):
    ticket = access.get_ticket_for_user(request.user, slug, number)
    return _ticket_page(request, ticket, access.rights(request.user, ticket))


def _act(request, slug, number, form_name, form, action):
    """Runs ``action`` for a valid form; a refused one shows the ticket page again with the reason."""
    ticket = access.get_ticket_for_user(request.user, slug, number)
    rights = access.rights(request.user, ticket)
    if not rights.can_handle:
        raise PermissionDenied
    if form.is_valid():
        try:
            note = action(ticket, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, note)
            return redirect("helpdesk_ticket", slug=slug, number=number)
    return _ticket_page(request, ticket, rights, {form_name: form}, status=400)


@login_required
@require_POST
def reply(request, slug, number):
    def send(ticket, data):
        services.reply(
            actor=request.user,
            ticket=ticket,
            body=data["body"],
            internal=data["internal"],
            attachments=data["attachments"],
            base_url=base_url(request),
        )
        return _("Internal note added.") if data["internal"] else _("Reply sent to the requester.")

    return _act(request, slug, number, "reply", ReplyForm(request.POST, request.FILES), send)


@login_required
@require_POST
def change_status(request, slug, number):
    def move(ticket, data):
        services.change_status(actor=request.user, ticket=ticket, status=data["status"], base_url=base_url(request))
        return _("The ticket is now “%(status)s”.") % {"status": ticket.get_status_display()}

    return _act(request, slug, number, "status", StatusForm(request.POST), move)


@login_required
@require_POST
def reassign(request, slug, number):
    ticket = access.get_ticket_for_user(request.user, slug, number)
    rights = access.rights(request.user, ticket)
    if not rights.can_reassign:
        raise PermissionDenied
    form = ReassignForm(request.POST, members=rights.members)
    if form.is_valid():
        employee = get_object_or_404(
            Employee.objects.filter(unit__agency=ticket.agency_id), pk=form.cleaned_data["assignee"]
        )
        try:
            services.reassign(actor=request.user, ticket=ticket, assignee=employee, base_url=base_url(request))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Assigned to %(name)s.") % {"name": employee.name})
            return redirect("helpdesk_ticket", slug=slug, number=number)
    return _ticket_page(request, ticket, rights, {"reassign": form}, status=400)


@login_required
def attachment(request, slug, pk):
    unit = access.get_unit(request.user, slug)
    found = get_object_or_404(
        Attachment.objects.visible_to(request.user).filter(ticket__unit=unit).select_related("ticket"), pk=pk
    )
    return file_response(found)
