"""The public portal: no account, service choice, attachments, honeypot, per-address and per-e-mail limits."""

from django.urls import reverse

from helpdesk.models import Ticket, UnitHelpdesk
from helpdesk.tests.factories import form_data, pdf

URL = "/helpdesk/inka/"


def test_anyone_sees_the_active_services(client, siasn, arsip):
    arsip.is_active = False
    arsip.save()
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Integrasi SIASN" in page and "Permintaan arsip" not in page
    assert 'name="website"' in page and 'class="hp"' in page


def test_a_stakeholder_submits_with_an_attachment_and_lands_on_the_tracking_page(client, siasn):
    response = client.post(URL, form_data(siasn, attachments=[pdf("surat.pdf")]), follow=True)
    ticket = Ticket.objects.get()
    assert response.redirect_chain == [(reverse("helpdesk_track", args=[ticket.tracking_token]), 302)]
    page = response.content.decode()
    assert ticket.reference in page and ticket.tracking_token in page
    assert ticket.attachments.get().name == "surat.pdf"
    assert ticket.requester_user is None


def test_the_honeypot_refuses_a_bot(client, siasn):
    response = client.post(URL, form_data(siasn, website="http://spam.example"))
    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_a_disguised_file_is_refused_and_nothing_is_created(client, siasn):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("surat.pdf", b"<?php system($_GET['x']); ?>")
    response = client.post(URL, form_data(siasn, attachments=[fake]))
    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_missing_fields_show_the_form_again(client, siasn):
    response = client.post(URL, form_data(siasn, requester_email="bukan-email", subject=""))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"requester_email", "subject"}


def test_one_address_is_limited(client, siasn, settings):
    settings.HELPDESK_SUBMISSIONS_PER_ADDRESS = 2
    for n in range(2):
        assert client.post(URL, form_data(siasn, requester_email=f"a{n}@x.example")).status_code == 302
    response = client.post(URL, form_data(siasn, requester_email="a9@x.example"))
    assert response.status_code == 429
    assert Ticket.objects.count() == 2
    other = client.post(URL, form_data(siasn, requester_email="b@x.example"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_one_email_address_is_limited_from_any_network(client, siasn, settings):
    settings.HELPDESK_SUBMISSIONS_PER_EMAIL = 1
    assert client.post(URL, form_data(siasn), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert (
        client.post(URL, form_data(siasn, requester_email="BUDI@badung.example"), REMOTE_ADDR="10.0.0.2").status_code
        == 429
    )


def test_a_signed_in_stakeholder_owns_the_ticket(client, siasn, stakeholder):
    client.force_login(stakeholder)
    client.post(URL, form_data(siasn))
    assert Ticket.objects.get().requester_user == stakeholder


def test_a_closed_portal_or_unknown_unit_is_404(client, siasn, demo_unit):
    assert client.get("/helpdesk/nope/").status_code == 404
    UnitHelpdesk.objects.create(unit=demo_unit, portal_open=False)
    assert client.get(URL).status_code == 404


def test_the_portal_page_is_light(client, siasn, django_assert_num_queries):
    # The unit with its agency and helpdesk settings, the active categories.
    with django_assert_num_queries(2):
        client.get(URL)


def test_a_service_of_another_unit_an_inactive_one_or_a_junk_value_is_refused_and_the_text_kept(
    client, siasn, arsip, other_unit
):
    from helpdesk.models import Category

    foreign = Category.objects.create(unit=other_unit, pokja=other_unit.pokja.get(), name="Lain", slug="lain")
    arsip.is_active = False
    arsip.save()
    client.cookies["django_language"] = "en"
    for n, value in enumerate([foreign.pk, arsip.pk, "9" * 40, "abc", ""]):
        # A new address each time: the per-e-mail limit is not what this test is about.
        data = {
            **form_data(siasn, subject="Tolong dibantu", requester_email=f"budi{n}@badung.example"),
            "category": value,
        }
        response = client.post(URL, data)

        assert response.status_code == 400, value
        page = response.content.decode()
        assert "Select a valid choice" in page or "This field is required" in page, value
        assert 'value="Tolong dibantu"' in page, value
    assert not Ticket.objects.exists()
    # The same unit's active service still goes through.
    assert client.post(URL, form_data(siasn)).status_code == 302
