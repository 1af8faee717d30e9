"""The orbit diagram: the page, and the same drawing as SVG, PNG and PDF downloads."""

from dataclasses import dataclass
from urllib.parse import urlencode

import cairosvg
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from organisation import orbit_layout
from organisation.access import get_unit_for_user
from organisation.models import Pokja, Unit
from organisation.selectors import Structure, structure, today

PNG_SCALE = 1.5


def htmx_partial(request) -> bool:
    """Answer with the drawing alone: an htmx swap, not a boosted page or a history restore."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


@dataclass
class Drawing:
    """What the request asks to draw; ``error`` and ``status`` say when it cannot be drawn."""

    unit: Unit
    at_text: str
    code: str
    structure: Structure | None = None
    error: str = ""
    status: int = 200

    @property
    def svg(self) -> str:
        return orbit_layout.orbit_svg(self.structure, self.code or None)

    def query(self) -> str:
        params = {"at": self.structure.at.isoformat()}
        if self.code:
            params["pokja"] = self.code
        return urlencode(params)

    def filename(self, extension: str) -> str:
        parts = ["orbit", self.unit.slug, slugify(self.code), self.structure.at.isoformat()]
        return "-".join(part for part in parts if part) + f".{extension}"


def prepare(request, slug: str) -> Drawing:
    """The unit (404 if not visible), the date (?at=, default today) and the pokja filter (?pokja=)."""
    unit, _can_write = get_unit_for_user(request.user, slug)
    at_text = request.GET.get("at", "").strip()
    code = request.GET.get("pokja", "").strip()
    try:
        at = parse_date(at_text) if at_text else today()
    except ValueError:  # well formed but impossible, e.g. 2026-02-30
        at = None
    if at is None:
        error = _("“%(value)s” is not a valid date; use the form YYYY-MM-DD.") % {"value": at_text}
        return Drawing(unit, at_text, code, error=error, status=400)
    current = structure(unit, at)
    if code and orbit_layout.find_pokja(current, code) is None:
        error = _("This unit has no pokja with the code “%(code)s”.") % {"code": code}
        return Drawing(unit, at_text, code, current, error=error, status=404)
    return Drawing(unit, at.isoformat(), code, current)


@login_required
def orbit_page(request, slug):
    drawing = prepare(request, slug)
    context = {"unit": drawing.unit, "drawing": drawing, "at_value": drawing.at_text}
    if drawing.status == 200:
        query = drawing.query()
        context["svg"] = mark_safe(drawing.svg)  # built by orbit_layout, which escapes every text
        context["downloads"] = [
            (label, f"{reverse(name, args=[drawing.unit.slug])}?{query}")
            for label, name in (("SVG", "orbit_svg"), ("PNG", "orbit_png"), ("PDF", "orbit_pdf"))
        ]
    if htmx_partial(request):
        return render(request, "organisation/partials/orbit_svg.html", context, status=drawing.status)
    if drawing.structure is not None:
        pokja = [view.pokja for view in drawing.structure.pokja]
    else:
        pokja = list(Pokja.objects.filter(unit=drawing.unit).order_by("order", "code"))
    context["pokja_options"] = pokja
    return render(request, "organisation/orbit.html", context, status=drawing.status)


@login_required
def orbit_svg(request, slug):
    return download(request, slug, "svg")


@login_required
def orbit_png(request, slug):
    return download(request, slug, "png")


@login_required
def orbit_pdf(request, slug):
    return download(request, slug, "pdf")


def download(request, slug: str, extension: str) -> HttpResponse:
    """The drawing as a file: a bad date is a 400, an unknown pokja a 404."""
    drawing = prepare(request, slug)
    if drawing.status == 400:
        return HttpResponseBadRequest(drawing.error, content_type="text/plain; charset=utf-8")
    if drawing.status == 404:
        raise Http404(drawing.error)
    svg = drawing.svg
    filename = drawing.filename(extension)
    if extension == "svg":
        response = HttpResponse(f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}\n', content_type="image/svg+xml")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
    if extension == "png":
        content, content_type = cairosvg.svg2png(bytestring=svg.encode(), scale=PNG_SCALE), "image/png"
    else:
        content, content_type = cairosvg.svg2pdf(bytestring=svg.encode()), "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
