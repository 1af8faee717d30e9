"""load_helpdesk_demo: services for the demo pokja, tickets with surveys, and safe to run twice."""

from django.core.management import call_command

from helpdesk.models import Category, Survey, Ticket
from helpdesk.selectors import ikm_report
from organisation.models import Unit


def test_it_loads_the_demo_helpdesk_once(db):
    call_command("load_helpdesk_demo")
    call_command("load_helpdesk_demo")
    unit = Unit.objects.get(slug="inka")
    assert Category.objects.get(slug="integrasi-siasn").pokja.code == "PIA"
    assert Category.objects.get(slug="permintaan-arsip").pokja.code == "PAK"
    assert Ticket.objects.count() == 8
    assert Survey.objects.count() == 5
    assert set(Ticket.objects.values_list("status", flat=True)) == {
        "baru",
        "diproses",
        "menunggu",
        "selesai",
        "ditutup",
    }
    report = ikm_report(unit)
    assert report.respondents == 5 and report.result.grade in {"A", "B"}
