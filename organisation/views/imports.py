"""Employee import views (to be written)."""

from django.http import HttpResponse


def import_employees(request, slug):
    return HttpResponse(status=501)
