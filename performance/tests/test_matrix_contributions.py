""" "What I contribute to": a person's role results and the indicators of their pokja."""

import pytest
from django.urls import reverse

from performance.services import role_results as service
from performance.tests.factories_teamwork import member_of, small_pk

MINE = reverse("my_contributions", args=["inka", 2023])


@pytest.fixture
def pk2023(demo_unit):
    return small_pk(demo_unit, 2023)


def page_of(nip):
    return reverse("contributions", args=["inka", 2023, nip])


def test_it_sends_an_anonymous_visitor_to_sign_in(client, pk2023):
    assert "/accounts/login/" in client.get(MINE)["Location"]


def test_it_sends_the_signed_in_employee_to_their_own_page(client, anggota_user, pk2023):
    client.force_login(anggota_user)
    assert client.get(MINE)["Location"] == page_of(anggota_user.employee.nip)


def test_it_lists_my_role_results_and_my_pokja_indicators(client, anggota_user, head_user, pk2023):
    service.add_role_result(
        actor=head_user, indicator=pk2023.indicators.get(code="IKU.1"), employee=anggota_user.employee,
        result="Membantu digitalisasi arsip", target="40 dokumen",
    )  # fmt: skip
    client.force_login(anggota_user)
    page = client.get(page_of(anggota_user.employee.nip)).content.decode()
    role_results = page[page.index('id="my-role-results"') : page.index('id="pokja-indicators"')]
    assert 'data-indicator="IKU.1"' in role_results and "Membantu digitalisasi arsip" in role_results
    assert "40 dokumen" in role_results
    indicators = page[page.index('id="pokja-indicators"') :]
    # the anggota is in PIA and PDK: only IKU.2.1 is theirs through PDK
    assert 'data-indicator="IKU.2.1"' in indicators and 'data-indicator="IKU.1"' not in indicators


def test_a_colleague_may_read_another_persons_contributions(client, anggota_user, pk2023):
    ketua = member_of("PAK", "ketua")
    client.force_login(anggota_user)
    page = client.get(page_of(ketua.nip)).content.decode()
    assert ketua.name in page and 'data-indicator="IKU.1"' in page and 'data-indicator="IKU.2"' in page


def test_it_answers_404_for_an_unknown_nip_or_another_agency(client, anggota_user, outsider, other_unit, pk2023):
    client.force_login(anggota_user)
    assert client.get(page_of(other_unit.employees.first().nip)).status_code == 404
    client.force_login(outsider)
    assert client.get(page_of(anggota_user.employee.nip)).status_code == 404
    assert client.get(MINE).status_code == 404


def test_it_tells_an_admin_without_an_employee_there_is_nothing(client, admin_user, pk2023):
    client.force_login(admin_user)
    response = client.get(MINE)
    assert response.status_code == 200 and 'id="no-employee"' in response.content.decode()


def test_it_reads_a_persons_page_in_a_fixed_number_of_queries(
    client, anggota_user, head_user, pk2023, django_assert_num_queries
):
    # session, user, unit (+agency, head), the user's employee (head?), agreement, the person, the role
    # results, the memberships, the pokja indicators and their pokja (prefetch)
    client.force_login(anggota_user)
    url = page_of(anggota_user.employee.nip)
    with django_assert_num_queries(10):
        client.get(url)
    for indicator in pk2023.indicators.all():
        service.add_role_result(actor=head_user, indicator=indicator, employee=anggota_user.employee, result="R")
    with django_assert_num_queries(10):
        client.get(url)
