"""The head's journey in a real Chromium: edit a profile, run the optimiser, edit the proposal, publish it,
and see the new structure on the orbit."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisation.selectors import today
from placement.demo import load_placement_demo
from placement.models import CompetencyLevel, PlacementRun
from placement.services import runs
from placement.services.instance import placeable_employees

pytestmark = pytest.mark.browser


@pytest.fixture
def placement_demo(demo_unit):
    load_placement_demo()
    return demo_unit


def test_profile_run_edit_publish_and_the_orbit_shows_it(signed_in_page, live_server, placement_demo, artifacts_dir):
    page = signed_in_page("kepala")
    base = live_server.url
    try:
        # 1. Profile: the head raises a level; it is saved as confirmed.
        someone = placeable_employees(placement_demo)[3]
        page.goto(base + reverse("placement_profile", args=["inka", someone.nip]))
        page.select_option("#id_level_statistik", "4")
        page.click("#profile-save")
        expect(page.locator(".messages li")).to_have_count(1)
        level = CompetencyLevel.objects.get(profile__employee=someone, competency__code="statistik")
        assert level.level == 4 and level.is_confirmed

        # 2. Run: from today, with rolling; the page shows the finished progress and the proposal.
        page.goto(base + reverse("placement_run_new", args=["inka"]))
        page.fill("#id_period_start", today().isoformat())
        page.fill("#id_churn_limit", "")
        page.click("#run-start")
        expect(page.locator("#run-progress")).to_have_attribute("data-progress", "100")
        expect(page.locator("#plan-summary")).to_have_attribute("data-status", "optimal")
        score_before = page.get_attribute("#plan-summary", "data-objective")
        page.screenshot(path=f"{artifacts_dir}/placement-proposal.png", full_page=True)

        # 3. Edit: an anggota of PDI who leads nowhere becomes its ketua.
        run = PlacementRun.objects.get()
        plan, instance = runs.plan_of(run), runs.instance_of(run)
        leading = {a.person for a in plan.assignments if a.role != "anggota"}
        previous = {p.id: p.previous_roles for p in instance.people}
        nip = next(
            a.person
            for a in plan.assignments
            if a.pokja == "PDI"
            and a.role == "anggota"
            and a.person not in leading
            and previous[a.person].get("PDI") != "ketua"
        )
        page.select_option("#id_nip", nip)
        page.select_option("#id_pokja", "PDI")
        page.select_option("#id_role", "ketua")
        page.click("#edit-apply")
        expect(page.locator(f'tr[data-nip="{nip}"][data-pokja="PDI"]')).to_have_attribute("data-role", "ketua")
        assert page.get_attribute("#plan-summary", "data-objective") != score_before
        expect(page.locator("#plan-violations")).to_have_count(0)

        # 4. Publish: the orbit of the period shows the new ketua of PDI.
        page.click("#publish")
        page.wait_for_url("**/orbit/**")
        expect(page.locator(f'.orbit-diagram .link.ketua[data-pokja="PDI"][data-nip="{nip}"]')).to_have_count(1)
        expect(page.locator(".orbit-diagram .link.ketua")).to_have_count(7)
        page.screenshot(path=f"{artifacts_dir}/placement-published-orbit.png", full_page=True)
        page.goto(base + reverse("orbit", args=["inka"]))
        expect(page.locator(f'.orbit-diagram .link.ketua[data-pokja="PDI"][data-nip="{nip}"]')).to_have_count(1)
    except Exception:
        page.screenshot(path=f"{artifacts_dir}/placement-journey-failure.png", full_page=True)
        raise
