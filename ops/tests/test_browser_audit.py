"""In a real Chromium: an agency admin links one more function (tusi) to a pokja in the admin, then finds the
change on the unit's audit page with their name and the function numbers before → after."""

import pytest

from organisation.models import Function, Pokja, User

pytestmark = pytest.mark.browser


def test_an_admin_links_a_function_to_a_pokja_and_finds_it_in_the_audit(signed_in_page, live_server, demo_unit):
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")
    wanted = [str(Function.objects.get(unit=demo_unit, number=n).pk) for n in (9, 11, 12)]
    admin = User.objects.get(username="admin")

    page = signed_in_page("admin")
    page.goto(f"{live_server.url}/admin/organisation/pokja/{pak.pk}/change/")
    page.select_option("#id_functions", wanted)
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/organisation/pokja/")
    page.goto(f"{live_server.url}/units/inka/audit/?kind=structure")

    row = page.locator(".audit-entry", has=page.locator(".new", has_text="9, 11, 12")).first
    assert "PAK" in row.locator(".audit-subject").inner_text()
    assert row.locator(".audit-who").inner_text() == (admin.get_full_name() or admin.username)
    assert row.locator(".old").inner_text() == "9, 11"
    assert sorted(pak.functions.values_list("number", flat=True)) == [9, 11, 12]
