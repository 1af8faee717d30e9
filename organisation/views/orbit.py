"""Orbit diagram views (to be written)."""

from django.http import HttpResponse


def orbit_page(request, slug):
    return HttpResponse(status=501)


orbit_svg = orbit_png = orbit_pdf = orbit_page
