"""The orbit drawing itself: what the SVG shows, its exports, and a layout that holds 60 people and 12 pokja."""

import datetime
import io
import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from PIL import Image

from organisation import demo, orbit_layout
from organisation.models import Employee, Membership, Pokja, Unit
from organisation.selectors import PokjaView, Structure, today
from organisation.tests.factories import EmployeeFactory, MembershipFactory, valid_nip

SVG = "{http://www.w3.org/2000/svg}"
DEMO_CODES = [seed.code for seed in demo.POKJA]
ON_THE_DAY = "2024-06-01"


@pytest.fixture
def head_client(client, head_user):
    client.force_login(head_user)
    return client


def get_svg(client, **params) -> ET.Element:
    response = client.get(reverse("orbit_svg", args=["inka"]), params)
    assert response.status_code == 200, response.content[:300]
    return ET.fromstring(response.content)


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in el.get("class", "").split()]


def pairs(elements) -> list[tuple[str, str]]:
    return sorted((el.get("data-pokja"), el.get("data-nip")) for el in elements)


def staff_nips(unit: Unit) -> set[str]:
    return set(
        Employee.objects.filter(unit=unit, is_active=True).exclude(pk=unit.head_id).values_list("nip", flat=True)
    )


def test_it_draws_one_satellite_per_active_staff_employee_and_none_for_the_head(head_client, demo_unit):
    retired = EmployeeFactory(unit=demo_unit, name="Pensiunan", is_active=False)
    root = get_svg(head_client)
    nips = [el.get("data-nip") for el in with_class(root, "satellite")]
    assert len(nips) == 25 and len(set(nips)) == 25
    assert set(nips) == staff_nips(demo_unit)
    assert demo_unit.head.nip not in nips and retired.nip not in nips


def test_it_draws_an_employee_without_pokja_unlinked(head_client, demo_unit):
    newcomer = EmployeeFactory(unit=demo_unit, name="Pegawai Baru")
    root = get_svg(head_client)
    assert newcomer.nip in [el.get("data-nip") for el in with_class(root, "satellite")]
    assert not [el for el in with_class(root, "link") if el.get("data-nip") == newcomer.nip]


def test_it_puts_the_head_in_the_centre(head_client, demo_unit):
    root = get_svg(head_client)
    (head,) = with_class(root, "head")
    (disc,) = with_class(head, "head-body")
    assert (float(disc.get("cx")), float(disc.get("cy"))) == (orbit_layout.CX, orbit_layout.CY)
    drawn = " ".join(text.text for text in head.iter(f"{SVG}text"))
    assert "Dr. Wisnu" in drawn and "M.Si." in drawn and "Kepala Bidang" in drawn
    (anchor,) = [a for a in root.iter(f"{SVG}a") if a.get("class") == "head-link"]
    assert anchor.get("href") == reverse("employee_detail", args=["inka", demo_unit.head.nip])


def test_it_draws_one_ring_per_pokja_in_order(head_client, demo_unit):
    rings = with_class(get_svg(head_client), "ring")
    assert [ring.get("data-pokja") for ring in rings] == DEMO_CODES
    radii = [float(ring.get("r")) for ring in rings]
    assert radii == sorted(radii) and len(set(radii)) == 7
    assert len({ring.get("stroke") for ring in rings}) == 7
    labels = with_class(get_svg(head_client), "ring-label")
    assert [label.find(f"{SVG}text").text for label in labels] == DEMO_CODES


def test_it_draws_exactly_the_memberships_in_force(head_client, demo_unit):
    ended = Membership.objects.filter(pokja__code="PAK", role="anggota").first()
    ended.valid_to = datetime.date(2024, 5, 31)
    ended.save()
    root = get_svg(head_client, at=ON_THE_DAY)
    in_force = Membership.objects.at(datetime.date(2024, 6, 1)).filter(pokja__unit=demo_unit)
    expected = sorted((m.pokja.code, m.employee.nip) for m in in_force.select_related("pokja", "employee"))
    assert len(expected) == 58  # the demo's 59, less the one that ended the day before
    assert pairs(with_class(root, "link")) == expected
    assert pairs(with_class(root, "dock")) == expected
    assert ("PAK", ended.employee.nip) not in pairs(with_class(root, "link"))


def test_it_marks_each_ketua_and_wakil(head_client, demo_unit):
    root = get_svg(head_client)
    staff = {i: demo.demo_nip(i, person[1]) for i, person in enumerate(demo.STAFF)}
    ketua = {(code, staff[p]) for p, code in enumerate(DEMO_CODES)}
    wakil = {(code, staff[7 + p]) for p, code in enumerate(DEMO_CODES)}
    links = with_class(root, "link")
    assert set(pairs(el for el in links if "ketua" in el.get("class"))) == ketua
    assert set(pairs(el for el in links if "wakil" in el.get("class"))) == wakil
    leaders = {el.get("data-nip"): el for el in with_class(root, "satellite") if "leader" in el.get("class")}
    assert set(leaders) == {nip for _code, nip in ketua | wakil}
    komang = leaders[staff[0]]  # ketua of PAK, wakil of nothing
    assert [text.text for text in komang.iter(f"{SVG}text")][1] == "K"
    assert [text.text for text in leaders[staff[7]].iter(f"{SVG}text")][1] == "W"


def test_it_is_byte_for_byte_the_same_twice(head_client, demo_unit):
    url = reverse("orbit_svg", args=["inka"])
    assert head_client.get(url, {"at": ON_THE_DAY}).content == head_client.get(url, {"at": ON_THE_DAY}).content


def test_it_shows_no_links_before_the_structure_started(head_client, demo_unit):
    before = demo.STRUCTURE_START - datetime.timedelta(days=1)
    root = get_svg(head_client, at=before.isoformat())
    assert with_class(root, "link") == [] and with_class(root, "dock") == []
    assert len(with_class(root, "satellite")) == 25 and len(with_class(root, "ring")) == 7


def test_it_filters_to_one_pokja(head_client, demo_unit):
    root = get_svg(head_client, pokja="pdi")
    members = set(
        Membership.objects.at(today())
        .filter(pokja__unit=demo_unit, pokja__code="PDI")
        .values_list("employee__nip", flat=True)
    )
    assert [ring.get("data-pokja") for ring in with_class(root, "ring")] == ["PDI"]
    assert {el.get("data-nip") for el in with_class(root, "satellite")} == members
    assert pairs(with_class(root, "link")) == sorted(("PDI", nip) for nip in members)


def test_it_answers_404_for_an_unknown_pokja_and_400_for_a_bad_date(head_client, demo_unit):
    url = reverse("orbit_svg", args=["inka"])
    assert head_client.get(url, {"pokja": "NOPE"}).status_code == 404
    response = head_client.get(url, {"at": "2024-02-30"})
    assert response.status_code == 400 and "2024-02-30" in response.content.decode()


def test_it_escapes_names(head_client, demo_unit):
    odd = EmployeeFactory(unit=demo_unit, name='Budi <b>&</b> "Tan"')
    MembershipFactory(employee=odd, pokja=Pokja.objects.get(unit=demo_unit, code="PDK"))
    response = head_client.get(reverse("orbit_svg", args=["inka"]))
    assert b"<b>" not in response.content
    root = ET.fromstring(response.content)  # would raise on a stray & or <
    (satellite,) = [el for el in with_class(root, "satellite") if el.get("data-nip") == odd.nip]
    assert [t.text for t in satellite.iter(f"{SVG}text") if "name" in t.get("class", "")] == ['Budi <b>&</b> "Tan"']


def test_it_links_each_satellite_to_the_profile_with_a_title(head_client, demo_unit):
    root = get_svg(head_client)
    anchors = [a for a in root.iter(f"{SVG}a") if a.get("class") == "satellite-link"]
    assert len(anchors) == 25
    komang = demo.demo_nip(0, "2")
    (anchor,) = [a for a in anchors if a.find(f"{SVG}g").get("data-nip") == komang]
    assert anchor.get("href") == reverse("employee_detail", args=["inka", komang])
    assert anchor.get("tabindex") == "0"
    title = anchor.find(f"{SVG}title").text
    assert "Komang Ayu Larasati" in title and komang in title and "PAK" in title


def test_it_is_a_standalone_accessible_svg_with_its_own_style(head_client, demo_unit):
    response = head_client.get(reverse("orbit_svg", args=["inka"]))
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and "Bidang Informasi" in root.get("aria-label")
    assert "Bidang Informasi" in root.find(f"{SVG}title").text
    assert ".has-active" in root.find(f"{SVG}style").text
    legend = " ".join(t.text for t in with_class(root, "legend")[0].iter(f"{SVG}text"))
    assert all(seed.code in legend and seed.name[:20] in legend for seed in demo.POKJA)


def test_it_exports_a_png(head_client, demo_unit):
    response = head_client.get(reverse("orbit_png", args=["inka"]), {"at": ON_THE_DAY})
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="orbit-inka-2024-06-01.png"'
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (2190, 1650)
    assert len(image.convert("RGB").getcolors(maxcolors=100_000) or range(100_000)) > 50  # a drawing, not a blank


def test_it_exports_a_one_page_pdf(head_client, demo_unit):
    response = head_client.get(reverse("orbit_pdf", args=["inka"]), {"pokja": "PAK"})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="orbit-inka-pak-{today().isoformat()}.pdf"'
    assert response.content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", response.content)) == 1


LONG_POKJA = "Pengelolaan dan Pemeliharaan Sistem Informasi Kepegawaian di Wilayah Kerja Kantor Regional"


def synthetic_structure(people: int, groups: int) -> Structure:
    """A unit held in memory: ``people`` staff with long names, each in two or three of ``groups`` pokja."""
    unit = Unit(pk=1, name="Unit Sintetis", slug="sintetis")
    unit.head = Employee(pk=1, unit=unit, nip=valid_nip(1), name="Kepala Unit Sintetis", position="Kepala")
    staff = [
        Employee(pk=i + 2, unit=unit, nip=valid_nip(i + 2), name=f"Ni Luh Putu Sekar Arumsari Wibisana {i:02d}")
        for i in range(people)
    ]
    views = [
        PokjaView(Pokja(pk=g + 1, unit=unit, code=f"PK{g:02d}", name=f"Pokja {g} {LONG_POKJA}", order=g))
        for g in range(groups)
    ]
    for i, person in enumerate(staff):
        for g in sorted({i % groups, (i * 5 + 3) % groups, (i * 7 + 1) % groups if i % 2 else i % groups}):
            role = "ketua" if i == g else "wakil" if i == g + groups else "anggota"
            views[g].memberships.append(Membership(employee=person, pokja=views[g].pokja, role=role))
    return Structure(unit=unit, at=datetime.date(2024, 6, 1), pokja=views, employees=[unit.head, *staff])


def test_a_layout_of_sixty_people_and_twelve_pokja_keeps_everyone_apart_and_on_the_canvas():
    layout = orbit_layout.build_layout(synthetic_structure(60, 12))
    satellites = layout.satellites
    assert len(satellites) == 60 and len(layout.rings) == 12
    assert len({ring.colour for ring in layout.rings}) == 12
    radius = satellites[0].radius
    closest = min(math.dist(a.centre, b.centre) for i, a in enumerate(satellites) for b in satellites[i + 1 :])
    assert closest >= 2 * radius + 8
    labels = min(math.dist(a.label_at, b.label_at) for i, a in enumerate(satellites) for b in satellites[i + 1 :])
    assert labels >= orbit_layout.LABEL_FONT * 2
    for satellite in satellites:
        x, y = satellite.centre
        assert radius <= x <= orbit_layout.WIDTH - radius and radius <= y <= orbit_layout.HEIGHT - radius
        far_x, far_y = orbit_layout.polar(satellite.label_reach, satellite.angle)
        assert 0 <= far_x < orbit_layout.LEGEND_X - 10 and 0 <= far_y <= orbit_layout.HEIGHT
        assert len(satellite.label) <= orbit_layout.LABEL_MAX_CHARS
        for badge in satellite.badges:
            assert (
                min(math.dist(badge.centre, other.centre) for other in satellites if other is not satellite)
                > radius + 6
            )
    root = ET.fromstring(orbit_layout.render_svg(layout, profile_url=lambda nip: f"/p/{nip}/"))
    assert len(with_class(root, "satellite")) == 60 and len(with_class(root, "link")) == len(layout.links)
    legend_bottom = max(float(text.get("y")) for text in with_class(root, "legend")[0].iter(f"{SVG}text"))
    assert legend_bottom < orbit_layout.HEIGHT - 10


def test_it_draws_a_unit_without_head_or_pokja():
    unit = Unit(pk=1, name="Unit Baru", slug="baru")
    people = [Employee(pk=i, unit=unit, nip=valid_nip(i), name=f"Pegawai {i}") for i in range(1, 4)]
    layout = orbit_layout.build_layout(Structure(unit=unit, at=datetime.date(2024, 6, 1), pokja=[], employees=people))
    root = ET.fromstring(orbit_layout.render_svg(layout, profile_url=lambda nip: f"/p/{nip}/"))
    assert len(with_class(root, "satellite")) == 3 and not with_class(root, "ring") and not with_class(root, "link")
    assert "Unit Baru" in " ".join(text.text for text in with_class(root, "head")[0].iter(f"{SVG}text"))


def test_it_links_the_head_from_the_centre_when_the_head_is_a_member(head_client, demo_unit):
    MembershipFactory(employee=demo_unit.head, pokja=Pokja.objects.get(unit=demo_unit, code="PAK"))
    root = get_svg(head_client)
    (link,) = [el for el in with_class(root, "link") if el.get("data-nip") == demo_unit.head.nip]
    assert link.get("data-pokja") == "PAK" and len(with_class(root, "link")) == 60
    start = (float(link.get("x1")), float(link.get("y1")))
    assert math.dist(start, (orbit_layout.CX, orbit_layout.CY)) == pytest.approx(orbit_layout.HEAD_RADIUS, abs=0.1)
    assert len(with_class(root, "satellite")) == 25
