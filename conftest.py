"""Browser-test set-up: Debian's Chromium driven by Playwright against Django's live server."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = os.path.join(os.path.dirname(__file__), "test-artifacts")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}: apt-get install -y chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def artifacts_dir():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def signed_in_page(page, live_server):
    """Returns a function that signs a demo user in through the login form and returns the page."""

    def sign_in(username: str, password: str | None = None):
        from organisation.demo import DEMO_PASSWORD

        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password or DEMO_PASSWORD)
        page.click("#sign-in")
        page.wait_for_load_state()
        return page

    return sign_in


@pytest.fixture
def context(context):
    # A loaded CI machine can take longer than Playwright's 30 s default for a page with charts.
    context.set_default_timeout(60_000)
    context.set_default_navigation_timeout(60_000)
    return context


@pytest.fixture
def english_messages():
    """Messages asserted by their English text (the msgids), whatever translations exist."""
    from django.utils import translation

    with translation.override("en"):
        yield
