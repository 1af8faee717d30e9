"""Tenant isolation: every page and API endpoint, as every persona, with the status each may get.

Routes come from the URL resolver, their parameters from real rows of agency A (the demo unit "inka").
Agency B's admin must get 404 for every A object and never see an A marker (unit name, NIPs, names).
"""

from html import escape

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from organisation.scoping import ScopedQuerySet

SKIPPED_PREFIXES = ("admin/", "i18n/", "accounts/")
# Reachable without signing in by design: the portal, tracking links, share links, calendar feeds, API docs.
PUBLIC = {
    "home",
    "api:schema",
    "api:docs",
    "performance_share",
    "helpdesk_portal",
    "helpdesk_track",
    "helpdesk_track_file",
    "helpdesk_survey",
    "culture_feed",
}
PERSONAS = ("anonymous", "stakeholder", "anggota", "ketua", "kepala", "admin", "agency_b")
AGENCY_A_ROLES = ("anggota", "ketua", "kepala", "admin")
# GET answers of agency A's roles (anggota, ketua, kepala, admin) where not every one of them gets 200.
ROLE_TABLE = {
    "import_employees": (403, 403, 200, 200),
    "unit_audit": (403, 403, 200, 200),  # the audit history is for the head (and admins)
    "plan_edit": (403, 403, 200, 200),
    "role_result_edit": (403, 403, 200, 200),
    "my_contributions": (302, 302, 302, 200),  # redirects a person to their own page
    "placement_profiles": (403, 403, 200, 200),
    "placement_profile_import": (403, 403, 200, 200),
    "placement_profile": (200, 403, 200, 200),  # the anggota's own profile
    "placement_person": (200, 403, 200, 200),
    "placement_requirement": (403, 403, 200, 200),
    "placement_run_new": (403, 403, 200, 200),
    "placement_run": (403, 403, 200, 200),
    "placement_whatif": (403, 403, 200, 200),
    "culture_pos_new": (403, 403, 200, 200),  # the ketua leads another pokja than PIA
    "culture_event_new": (403, 200, 200, 200),  # a ketua may plan lembur
    "culture_signature_pdf": (200, 404, 200, 200),  # the anggota's own signature
    "replication_template": (403, 403, 200, 200),  # the whole structure as a file: for those who manage it
}
# Whole rows (all seven personas, in PERSONAS order) for the routes the rules below do not describe.
SPECIAL = {
    "home": (302,) * 7,
    "unit_list": (302, 200, 200, 200, 200, 200, 200),  # each sees the units of their own agency (or none)
    "helpdesk_my_requests": (302, 200, 200, 200, 200, 200, 200),
    "replication_new_unit": (302, 403, 403, 403, 403, 200, 200),  # agency admins, each into their own agency
    "api:token": (405,) * 7,
    "helpdesk_track_reply": (405,) * 7,
    "helpdesk_survey": (405,) * 7,
}
# POST routes an anggota may use (the service then decides, answering with a message or a form error).
ANGGOTA_MAY_POST = {
    "realisasi_return",
    "evidence_delete",
    "follow_up_done",
    "helpdesk_reply",
    "helpdesk_status",
    "culture_nominate",
    "culture_birthday",
    "culture_feed_reset",
    "culture_pact_sign",
}


def collect_routes() -> list[tuple[str, list[str], str]]:
    """(name, parameter names, pattern) for every named route, without format-suffix duplicates."""
    routes = []

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and entry.name:
                pattern = prefix + str(entry.pattern)
                names = list(entry.pattern.regex.groupindex)
                if pattern.startswith(SKIPPED_PREFIXES) or "format" in names:
                    continue
                routes.append((f"{namespace}:{entry.name}" if namespace else entry.name, names, pattern))

    walk(get_resolver().url_patterns, "", "")
    return routes


def test_it_collects_every_app_route():
    names = {name for name, _params, _pattern in collect_routes()}
    assert {"unit_detail", "api:unit-detail", "helpdesk_ticket", "culture_pact", "placement_run"} <= names
    assert len(names) > 100


@pytest.fixture
def clients(demo_data, agency_b, stakeholder_user, client):
    from django.test import Client

    result = {"anonymous": client}
    users = {**demo_data.users, "agency_b": agency_b, "stakeholder": stakeholder_user}
    for persona in PERSONAS[1:]:
        result[persona] = Client()
        result[persona].force_login(users[persona])
    return result


QUERY = {"performance_report_pdf": "?period=year", "performance_report_xlsx": "?period=year"}


def url_of(demo_data, name, params, pattern):
    if pattern.startswith("api/v1/^"):
        resource = pattern.removeprefix("api/v1/^").split("/(?P")[0]
        kwargs = {key: demo_data.unit.slug if key == "slug" else demo_data.api_ids[resource] for key in params}
        return reverse(name, kwargs=kwargs)
    url = reverse(name, kwargs=demo_data.kwargs_for(name.split(":")[-1], params)) if params else reverse(name)
    return url + QUERY.get(name, "")


def is_api(pattern: str) -> bool:
    return pattern.startswith("api/")


def expected_get(name: str, params: list[str], pattern: str, post_only: bool) -> dict[str, int]:
    """The status each persona must get for a GET of the route."""
    if name in SPECIAL:
        return dict(zip(PERSONAS, SPECIAL[name], strict=True))
    if name in PUBLIC:
        return dict.fromkeys(PERSONAS, 200)
    if post_only:
        return {persona: (401 if is_api(pattern) else 302) if persona == "anonymous" else 405 for persona in PERSONAS}
    if is_api(pattern):
        outside = 404 if params else 200  # lists answer with the caller's own (here: no) rows
        expected = {"anonymous": 401, "stakeholder": outside, "agency_b": outside}
    else:
        expected = {"anonymous": 302, "stakeholder": 404, "agency_b": 404}
    expected.update(zip(AGENCY_A_ROLES, ROLE_TABLE.get(name.split(":")[-1], (200,) * 4), strict=True))
    return expected


def markers(demo_data) -> list[str]:
    names = [e.name for e in demo_data.employees]
    return [demo_data.unit.name, *(e.nip for e in demo_data.employees), *names, *(escape(n) for n in names)]


@pytest.mark.django_db
def test_it_gives_each_persona_the_status_of_the_table_and_agency_b_nothing_of_agency_a(demo_data, clients):
    secrets = markers(demo_data)
    wrong, leaks = [], []
    for name, params, pattern in collect_routes():
        url = url_of(demo_data, name, params, pattern)
        answers = {persona: clients[persona].get(url) for persona in PERSONAS}
        post_only = name not in SPECIAL and answers["admin"].status_code == 405
        expected = expected_get(name, params, pattern, post_only)
        got = {persona: response.status_code for persona, response in answers.items()}
        if got != expected:
            wrong.append(f"{name} {url}: got {got}, expected {expected}")
        if got["anonymous"] == 302 and name not in SPECIAL:
            assert answers["anonymous"]["Location"].startswith("/accounts/login/"), url
        if name == "unit_detail":
            # The markers are what A's own people see: the unit name and their names are on the unit page.
            page = answers["admin"].content.decode()
            assert demo_data.unit.name in page and escape(demo_data.head.employee.name) in page
        if name in PUBLIC:
            continue  # reachable by link by design: the portal, tracking/share links and feeds show A's data
        for persona in ("agency_b", "stakeholder"):
            body = answers[persona].content.decode(errors="replace")
            leaks += [f"{persona} {url}: {marker}" for marker in secrets if marker in body]
    assert not wrong, "\n".join(wrong)
    assert not leaks, "\n".join(leaks)


@pytest.mark.django_db
def test_it_refuses_each_mutating_route_to_who_may_not_use_it(demo_data, clients):
    wrong = []
    for name, params, pattern in collect_routes():
        url = url_of(demo_data, name, params, pattern)
        api_create = pattern.startswith("api/v1/^") and not params
        if name in PUBLIC or name in SPECIAL or not (api_create or clients["admin"].get(url).status_code == 405):
            continue
        got = {p: clients[p].post(url, {}).status_code for p in ("anonymous", "stakeholder", "agency_b", "anggota")}
        if is_api(pattern):
            # B's admin may write to their own agency: an empty body is a 400 there, a 404 on A's rows;
            # read-only endpoints refuse the method.
            expected = {"anonymous": 401, "stakeholder": 403, "agency_b": (404,) if params else (400, 405)}
            expected["anggota"] = 403
            ok = got["anonymous"] == 401 and got["stakeholder"] == 403 and got["agency_b"] in expected["agency_b"]
            ok = ok and got["anggota"] == 403
        else:
            ok = got["anonymous"] == 302 and got["stakeholder"] == 404 and got["agency_b"] == 404
            name = name.split(":")[-1]
            ok = ok and (got["anggota"] in (302, 400) if name in ANGGOTA_MAY_POST else got["anggota"] == 403)
        if not ok:
            wrong.append(f"POST {name} {url}: got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_it_answers_agency_b_with_its_own_rows_only_in_the_api_lists(demo_data, agency_b, clients):
    response = clients["agency_b"].get("/api/v1/units/")
    assert [row["slug"] for row in response.json()["results"]] == ["unit-b"]
    response = clients["agency_b"].get("/api/v1/helpdesk/categories/")
    assert [row["slug"] for row in response.json()["results"]] == ["layanan-b"]
    assert clients["agency_b"].get("/api/v1/employees/").json()["count"] == 1


# Reference data shared by every agency: no agency column on purpose.
REFERENCE_DATA = {"culture.corevalue", "culture.corebehaviour"}
# simple_history's audit rows: read only through ``obj.history`` of an object already got through visible_to.
AUDIT_HISTORY = {
    "organisation.historicalunit",
    "organisation.historicalfunction",
    "organisation.historicalemployee",
    "organisation.historicalpokja",
    "organisation.historicalmembership",
    "performance.historicalindicator",
    "performance.historicalperiodtarget",
    "performance.historicalrealisasi",
}
ORBIT_APPS = ("organisation", "performance", "helpdesk", "placement", "culture")


def test_it_reaches_every_agency_model_through_visible_to():
    unscoped = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label not in ORBIT_APPS or label in REFERENCE_DATA | AUDIT_HISTORY:
            continue
        manager = model._default_manager
        if not (hasattr(manager, "visible_to") and issubclass(manager._queryset_class, ScopedQuerySet)):
            unscoped.append(label)
            continue
        # The agency path must lead to an agency: a wrong one fails here, not in the first request.
        str(manager.for_agency(1).query)
    assert not unscoped, f"Default managers without visible_to: {unscoped}"


def test_it_keeps_the_allow_lists_to_models_that_exist():
    labels = {model._meta.label_lower for model in apps.get_models()}
    assert labels >= REFERENCE_DATA | AUDIT_HISTORY


@pytest.mark.django_db
def test_it_shows_rows_whose_author_account_was_deleted(demo_data, clients):
    # Regression: "{{ x.get_full_name|default:x.username }}" raised (a 500) once the account was deleted
    # and the foreign key set to null: the placement runs, nominations and POS versions lists.
    from culture.models import Nomination, PosVersion
    from placement.models import PlacementRun

    PlacementRun.objects.filter(unit=demo_data.unit).update(created_by=None)
    Nomination.objects.filter(period__unit=demo_data.unit).update(nominated_by=None)
    PosVersion.objects.filter(document__pokja__unit=demo_data.unit).update(uploaded_by=None)
    for name in ("placement_home", "culture_award_period", "culture_pos_document", "indicator_detail"):
        route = next(route for route in collect_routes() if route[0] == name)
        response = clients["kepala"].get(url_of(demo_data, *route))
        assert response.status_code == 200, name
        assert "—" in response.content.decode(), name
