"""Content-Security-Policy: every answer carries it, scripts run only from our static files, and no template
brings back an inline script, an on*= handler or a style attribute (styles allow only two hashed <style> texts)."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from organisation.orbit_layout import CSS
from organisation.tests.conftest import demo_unit, head_user  # noqa: F401

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    path
    for path in ROOT.glob("**/templates/**/*.html")
    # PDF templates are drawn by WeasyPrint, never sent to a browser.
    if ".venv" not in path.parts and "pdf" not in path.parts and not path.stem.endswith("_pdf")
)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_it_sends_the_policy_with_every_page(client, head_user):  # noqa: F811
    client.force_login(head_user)

    directives = policy(client.get(reverse("unit_detail", args=["inka"])))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["style-src"][0] == "'self'"
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


def test_it_sends_the_policy_with_the_login_page_and_the_svg(client, head_user):  # noqa: F811
    assert "script-src 'self'" in client.get(reverse("login"))["Content-Security-Policy"]
    client.force_login(head_user)
    assert "script-src 'self'" in client.get(reverse("orbit_svg", args=["inka"]))["Content-Security-Policy"]


def test_it_allows_exactly_the_orbit_diagrams_style_element(client, head_user):  # noqa: F811
    client.force_login(head_user)
    page = client.get(reverse("orbit", args=["inka"])).content.decode()

    inline_styles = re.findall(r"<style>(.*?)</style>", page, flags=re.DOTALL)

    assert inline_styles == [CSS]
    assert sha256(CSS) in policy(client.get(reverse("orbit", args=["inka"])))["style-src"], (
        f"organisation.orbit_layout.CSS changed: put {sha256(CSS)} in settings.CSP_STYLE_HASHES"
    )


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_it_keeps_scripts_handlers_and_style_attributes_out_of_templates(template):
    text = template.read_text()

    assert not re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>: move it to a static .js file"
    assert not re.findall(r"\son[a-z]+\s*=", text), "on*= handler: bind it in a static .js file"
    assert not re.findall(r"""\sstyle\s*=\s*["']""", text), "style attribute: use a class in a static .css file"
    assert "<style" not in text, "<style> element: use a static .css file"
    assert "javascript:" not in text.lower()
