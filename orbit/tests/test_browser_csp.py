"""The Content-Security-Policy in a real Chromium: the main page of every app loads without a single violation,
and the htmx interactions (orbit filter, dashboard views) still work under it. Signing in goes through the form
with django-axes switched on."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from helpdesk.demo import load_helpdesk_demo
from organisation.tests.conftest import demo_unit  # noqa: F401
from performance.demo import load_performance_demo
from placement.demo import load_placement_demo

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_unit")]

# Registered before any page script: every violation the browser reports lands in window.cspViolations.
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""
PAGES = [
    "/units/inka/",
    "/units/inka/orbit/",
    "/units/inka/health/",
    "/units/inka/matrix/",
    "/units/inka/performance/2023/",
    "/units/inka/performance/2023/dashboard/",
    "/units/inka/helpdesk/",
    "/helpdesk/inka/",
    "/units/inka/culture/",
    "/units/inka/placement/",
    "/api/docs/",  # Swagger UI, started by drf-spectacular's script file
]


@pytest.fixture
def watched(page):
    """The page, with CSP violations collected from both the DOM event and the console."""
    console = []
    page.add_init_script(LISTEN)
    page.on("console", lambda message: console.append(message.text))
    page.console_messages_about_csp = lambda: [text for text in console if "Content Security Policy" in text]
    return page


def violations(page) -> list[str]:
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.cspViolations") + page.console_messages_about_csp()


@pytest.fixture
def all_apps():
    load_performance_demo()
    load_helpdesk_demo()
    load_placement_demo()


@override_settings(AXES_ENABLED=True)
def test_it_loads_the_main_page_of_every_app_without_a_csp_violation(watched, live_server, signed_in_page, all_apps):
    watched.goto(f"{live_server.url}/accounts/login/")
    assert violations(watched) == []
    signed_in_page("kepala")
    assert watched.url.rstrip("/") != f"{live_server.url}/accounts/login"  # signed in with axes on

    for path in PAGES:
        response = watched.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        if not path.startswith("/api/"):  # the API docs are Swagger UI's own page
            assert watched.evaluate("typeof htmx") == "object", f"htmx did not load on {path}"
        assert violations(watched) == [], path


def test_it_keeps_the_orbit_filter_working_under_the_policy(watched, live_server, signed_in_page):
    signed_in_page("kepala")
    watched.goto(f"{live_server.url}/units/inka/orbit/")
    expect(watched.locator(".orbit-diagram .ring")).to_have_count(7)
    watched.evaluate("window.stayedOnPage = true")

    watched.select_option("#orbit-pokja", "PDI")

    expect(watched.locator(".orbit-diagram .ring")).to_have_count(1)
    assert watched.evaluate("window.stayedOnPage") is True  # swapped by htmx, not a full page load
    assert "pokja=PDI" in watched.url
    watched.hover(".orbit-diagram .satellite .body >> nth=0")  # orbit.js still highlights
    expect(watched.locator(".orbit-diagram.has-active")).to_have_count(1)
    assert violations(watched) == []


def test_it_keeps_the_dashboard_views_working_under_the_policy(watched, live_server, signed_in_page, all_apps):
    signed_in_page("kepala")
    watched.goto(f"{live_server.url}/units/inka/performance/2023/dashboard/")
    watched.evaluate("window.stayedOnPage = true")

    watched.click('.dashboard-tabs a[data-view="pokja"]')
    expect(watched.locator('[data-dashboard-view="pokja"]')).to_be_visible()
    watched.click('.dashboard-tabs a[data-view="person"]')
    expect(watched.locator('[data-dashboard-view="person"]')).to_be_visible()

    assert watched.evaluate("window.stayedOnPage") is True
    assert "view=person" in watched.url
    assert violations(watched) == []
