"""The integrated monitoring dashboard (per SS, IKU, pokja and person), its trend charts and share links."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.replica import reads_from_replica
from organisation.access import get_unit_for_user
from organisation.models import Pokja, Unit
from organisation.views.orbit import htmx_partial
from performance import groupings, selectors
from performance.access import get_agreement_for_user
from performance.models import Indicator, PerformanceAgreement, ShareLink
from performance.services import share_links
from performance.trend_chart import period_label, trend_svg

VIEWS = {
    "ss": gettext_lazy("Per strategic objective"),
    "iku": gettext_lazy("Per indicator"),
    "pokja": gettext_lazy("Per pokja"),
    "person": gettext_lazy("Per person"),
}
DEFAULT_SHARE_DAYS = 30
INDICATORS_PER_PAGE = 20  # the "iku" view: a table and a chart each


class ShareLinkForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Label"), max_length=100, required=False)
    expires_on = forms.DateField(
        label=gettext_lazy("Valid through"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


@dataclass
class Dashboard:
    """What one dashboard request shows: the agreement, the chosen view and filters, and the computed rows."""

    unit: Unit
    agreement: PerformanceAgreement
    url: str
    public: bool = False
    view: str = "ss"
    pokja_code: str = ""
    month: int | None = None
    pokja_options: list[Pokja] = field(default_factory=list)
    rows: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    charts: list = field(default_factory=list)  # (row, svg, period labels) in the "iku" view
    page: Page | None = None  # of the "iku" view

    @property
    def page_links(self) -> list[tuple[int, str]]:
        if self.page is None or self.page.paginator.num_pages < 2:
            return []
        return [(n, f"{self.url}?{self.query(page=n)}") for n in self.page.paginator.page_range]

    def query(self, **changes) -> str:
        params = {"view": self.view, "pokja": self.pokja_code, "month": self.month or ""}
        params.update(changes)
        return urlencode({key: value for key, value in params.items() if value})

    @property
    def tabs(self) -> list[tuple[str, str, str]]:
        """(key, label, url) of each view, keeping the filters."""
        return [(key, label, f"{self.url}?{self.query(view=key)}") for key, label in VIEWS.items()]

    @property
    def months(self):
        return list(MONTHS.items())


class BadFilter(Exception):
    pass


def read_filters(params, unit: Unit) -> tuple[str, str, int | None, list[Pokja]]:
    """?view=ss|iku|pokja|person, ?pokja=<code> (narrows the indicators), ?month=1-12 (cumulative to it)."""
    view = params.get("view") or "ss"
    if view not in VIEWS:
        raise BadFilter(_("Unknown view “%(view)s”.") % {"view": view})
    raw_month = params.get("month") or ""
    month = None
    if raw_month:
        if not raw_month.isdigit() or not 1 <= int(raw_month) <= 12:
            raise BadFilter(_("“%(value)s” is not a month (1-12).") % {"value": raw_month})
        month = int(raw_month)
    pokja = list(Pokja.objects.filter(unit=unit).order_by("order", "code"))
    code = (params.get("pokja") or "").strip()
    if code and not any(p.code.upper() == code.upper() for p in pokja):
        raise BadFilter(_("This unit has no pokja with the code “%(code)s”.") % {"code": code})
    return view, code, month, pokja


def chart(row: selectors.IndicatorRow):
    cells = row.periods
    return trend_svg(
        f"{row.indicator.code} {row.indicator.name}",
        [cell.period for cell in cells],
        [cell.target for cell in cells],
        [cell.realisasi for cell in cells],
        row.indicator.period_count,
    )


def build(dashboard: Dashboard, params) -> Dashboard:
    """Computes the dashboard's rows and groups: a fixed number of queries whatever the number of indicators."""
    dashboard.view, dashboard.pokja_code, dashboard.month, dashboard.pokja_options = read_filters(
        params, dashboard.unit
    )
    agreement = dashboard.agreement
    narrowed = None
    if dashboard.pokja_code:
        narrowed = Indicator.objects.filter(agreement=agreement, pokja__code__iexact=dashboard.pokja_code)
    rows = selectors.indicator_table(agreement, up_to_month=dashboard.month, indicators=narrowed)
    dashboard.rows = rows
    if dashboard.view == "ss":
        dashboard.groups = groupings.by_objective(agreement, rows)
    elif dashboard.view == "pokja":
        dashboard.groups = groupings.by_pokja(dashboard.pokja_options, rows)
    elif dashboard.view == "person":
        at = min(timezone.localdate(), datetime.date(agreement.year, 12, 31))
        people = groupings.members(dashboard.unit, at, dashboard.pokja_options)
        dashboard.groups = groupings.by_person(people, rows)
    else:
        dashboard.page = Paginator(rows, INDICATORS_PER_PAGE).get_page(params.get("page"))
        labels = {count: [period_label(n, count) for n in range(1, count + 1)] for count in (4, 12)}
        dashboard.charts = [(row, chart(row), labels[row.indicator.period_count]) for row in dashboard.page]
    return dashboard


def render_dashboard(request, dashboard: Dashboard, extra: dict | None = None):
    try:
        build(dashboard, request.GET)
    except BadFilter as error:
        return HttpResponseBadRequest(str(error))
    context = {"dash": dashboard, "unit": dashboard.unit, "agreement": dashboard.agreement, **(extra or {})}
    if htmx_partial(request):
        return render(request, "performance/partials/dashboard_body.html", context)
    return render(request, "performance/dashboard.html", context)


def manager_context(request, unit: Unit, agreement: PerformanceAgreement) -> dict:
    links = [
        (link, request.build_absolute_uri(reverse("performance_share", args=[share_links.signed_token(link)])))
        for link in agreement.share_links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
    ]
    expires = timezone.localdate() + datetime.timedelta(days=DEFAULT_SHARE_DAYS)
    return {"share_links": links, "share_form": ShareLinkForm(initial={"expires_on": expires})}


@login_required
@reads_from_replica
def dashboard_latest(request, slug):
    """The dashboard of the unit's latest PK; a page that says so when the unit has none yet."""
    unit, can_manage = get_unit_for_user(request.user, slug)
    agreement = PerformanceAgreement.objects.visible_to(request.user).filter(unit=unit).order_by("-year").first()
    if agreement is None:
        return render(request, "performance/dashboard_empty.html", {"unit": unit})
    return dashboard(request, slug, agreement.year)


@login_required
@reads_from_replica
def dashboard(request, slug, year):
    unit, agreement, can_manage = get_agreement_for_user(request.user, slug, year)
    years = list(
        PerformanceAgreement.objects.visible_to(request.user)
        .filter(unit=unit)
        .order_by("-year")
        .values_list("year", flat=True)
    )
    url = reverse("performance_dashboard", args=[unit.slug, agreement.year])
    extra = {"years": years, "can_manage": can_manage}
    if can_manage and not htmx_partial(request):
        extra.update(manager_context(request, unit, agreement))
    return render_dashboard(request, Dashboard(unit, agreement, url), extra)


@login_required
@require_POST
def share_link_create(request, slug, year):
    unit, agreement, can_manage = get_agreement_for_user(request.user, slug, year)
    if not can_manage:
        raise PermissionDenied
    form = ShareLinkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("performance_dashboard", slug=unit.slug, year=agreement.year)
    try:
        link = share_links.create_share_link(
            actor=request.user, agreement=agreement, label=form.cleaned_data["label"],
            expires_on=form.cleaned_data["expires_on"],
        )  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Share link “%(label)s” created.") % {"label": link.label or _("without a label")})
    return redirect("performance_dashboard", slug=unit.slug, year=agreement.year)


@login_required
@require_POST
def share_link_revoke(request, slug, year, pk):
    unit, agreement, can_manage = get_agreement_for_user(request.user, slug, year)
    link = get_object_or_404(ShareLink.objects.visible_to(request.user), pk=pk, agreement=agreement)
    if not can_manage:
        raise PermissionDenied
    share_links.revoke_share_link(actor=request.user, link=link)
    messages.success(request, _("Share link “%(label)s” revoked.") % {"label": link.label or link.pk})
    return redirect("performance_dashboard", slug=unit.slug, year=agreement.year)


@reads_from_replica
def shared_dashboard(request, token):
    """The read-only dashboard behind a share link, without signing in."""
    try:
        link = share_links.resolve(token)
    except ShareLink.DoesNotExist as error:
        raise Http404 from error
    except share_links.LinkGone as gone:
        response = render(request, "performance/share_gone.html", {"link": gone.link}, status=410)
    else:
        agreement = link.agreement
        url = reverse("performance_share", args=[token])
        response = render_dashboard(request, Dashboard(agreement.unit, agreement, url, public=True), {"link": link})
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
