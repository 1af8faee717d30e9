"""The helpdesk admin: an agency admin manages their own services; tickets are read-only there."""

from django.urls import reverse

from helpdesk.tests.factories import make_ticket


def test_an_agency_admin_sees_their_services_and_tickets_only(client, admin_user, outsider, siasn):
    make_ticket(siasn)
    client.force_login(admin_user)
    page = client.get(reverse("admin:helpdesk_category_changelist")).content.decode()
    assert "Integrasi SIASN" in page
    assert client.get(reverse("admin:helpdesk_ticket_changelist")).status_code == 200
    assert client.get(reverse("admin:helpdesk_ticket_add")).status_code == 403
    client.force_login(outsider)
    assert "Integrasi SIASN" not in client.get(reverse("admin:helpdesk_category_changelist")).content.decode()
