"""Dialog kinerja in a real Chromium: the head schedules a dialogue with a pokja and adds a follow-up for a
member (htmx); the member finds it on "my follow-ups", marks it done, and it is gone."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisation.models import Pokja, User
from performance.models import FollowUp

pytestmark = pytest.mark.browser


def test_a_follow_up_travels_from_the_dialogue_to_the_owner_until_done(
    signed_in_page, live_server, demo_unit, artifacts_dir
):
    pdk = Pokja.objects.get(unit=demo_unit, code="PDK")  # the demo anggota is a member of PDK
    member = User.objects.get(username="anggota").employee
    due = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()

    page = signed_in_page("kepala")
    try:
        page.goto(f"{live_server.url}{reverse('dialogue_list', args=['inka'])}")
        page.fill("#id_scheduled_at", "2026-12-01T09:00")
        page.select_option("#id_pokja", str(pdk.pk))
        page.fill("#id_topic", "Capaian triwulan III PDK")
        page.click("#dialogue-schedule-submit")
        expect(page.locator("#dialogue-facts [data-pokja]")).to_have_attribute("data-pokja", "PDK")

        dialogue_url = page.url
        page.fill("#id_description", "Lengkapi bukti dukung IKU 6.1")
        page.select_option("#id_owner", str(member.pk))
        page.fill("#id_due_date", due)
        page.click("#follow-up-submit")
        row = page.locator(f'#follow-up-table tr[data-owner="{member.nip}"]')
        expect(row).to_contain_text("Lengkapi bukti dukung IKU 6.1")
        assert page.url == dialogue_url  # swapped in by htmx, no page load
        page.screenshot(path=f"{artifacts_dir}/dialogue-follow-up-added.png", full_page=True)

        page = signed_in_page("anggota")
        page.goto(f"{live_server.url}{reverse('my_follow_ups', args=['inka'])}")
        mine = page.locator("#my-follow-ups tr[data-follow-up]")
        expect(mine).to_have_count(1)
        expect(mine.first).to_contain_text("Lengkapi bukti dukung IKU 6.1")
        expect(mine.first).to_contain_text("Capaian triwulan III PDK")
        page.screenshot(path=f"{artifacts_dir}/my-follow-ups.png", full_page=True)
        mine.first.locator("button.mark-done").click()
        expect(page.locator("#my-follow-ups tr[data-follow-up]")).to_have_count(0)
        expect(page.locator("#no-follow-ups")).to_be_visible()
        assert FollowUp.objects.get().done_at is not None
        page.screenshot(path=f"{artifacts_dir}/my-follow-ups-done.png", full_page=True)
    except Exception:
        page.screenshot(path=f"{artifacts_dir}/dialogue-failure.png", full_page=True)
        raise
