"""Pokja requirement pages: readable by the agency, editable by the head."""

from django.urls import reverse

from placement.models import PokjaRequirement


def url(name, *args):
    return reverse(name, args=["inka", *args])


def test_everyone_in_the_agency_reads_the_requirements_in_a_fixed_number_of_queries(
    client, placement_unit, anggota_user, django_assert_num_queries
):
    client.force_login(anggota_user)
    # session, user, unit, the user's employee (head?), pokja, requirements, required competencies, competencies
    with django_assert_num_queries(8):
        response = client.get(url("placement_requirements"))
    page = response.content.decode()
    assert page.count("data-pokja=") == 7 and "<strong>Pengelolaan Arsip</strong>" in page
    assert url("placement_requirement", "PAK") not in page  # no edit link for staff


def test_the_head_changes_a_pokjas_size_and_competencies(client, placement_unit, head_user):
    client.force_login(head_user)
    data = {
        "min_members": "5",
        "max_members": "9",
        "weight_statistik": "3",
        "critical_statistik": "on",
        "weight_arsip": "1",
    }
    response = client.post(url("placement_requirement", "PDI"), data)
    assert response.status_code == 302
    requirement = PokjaRequirement.objects.get(pokja__code="PDI")
    assert (requirement.min_members, requirement.max_members) == (5, 9)
    needs = {n.competency.code: (n.weight, n.critical) for n in requirement.competencies.all()}
    assert needs == {"statistik": (3, True), "arsip": (1, False)}


def test_a_critical_competency_needs_a_weight_and_sizes_must_be_ordered(client, placement_unit, head_user):
    client.force_login(head_user)
    response = client.post(
        url("placement_requirement", "PDI"), {"min_members": "6", "max_members": "4", "critical_jaringan": "on"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "weight_jaringan" in errors and "__all__" in errors
    assert PokjaRequirement.objects.get(pokja__code="PDI").min_members == 4


def test_only_the_head_edits_requirements(client, placement_unit, anggota_user, ketua_user, outsider):
    target = url("placement_requirement", "PAK")
    data = {"min_members": "2", "max_members": "3"}
    assert client.post(target, data).status_code == 302
    for user, status in ((outsider, 404), (anggota_user, 403), (ketua_user, 403)):
        client.force_login(user)
        assert client.post(target, data).status_code == status
    assert PokjaRequirement.objects.get(pokja__code="PAK").min_members == 4
