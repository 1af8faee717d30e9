"""What-if: the pokja that lose a leader, their minimum or a critical competency, and a minimal repair."""

import datetime

from organisation.models import Membership
from placement.models import PokjaRequirement
from placement.services.whatif import what_if

AT = datetime.date(2026, 12, 1)


def open_memberships(**filters):
    return Membership.objects.filter(valid_to__isnull=True, **filters).select_related("employee", "pokja")


def test_it_names_the_pokja_that_lose_their_ketua_and_their_minimum(placement_unit):
    ketua = open_memberships(pokja__code="PAK", role="ketua").get()
    size = open_memberships(pokja__code="PAK").count()
    PokjaRequirement.objects.filter(pokja__code="PAK").update(min_members=size, max_members=size + 2)
    result = what_if(unit=placement_unit, nips=[ketua.employee.nip], at=AT)
    pak = next(impact for impact in result.hit if impact.code == "PAK")
    assert pak.lost_ketua == ketua.employee.name and not pak.lost_wakil
    assert (pak.members_before, pak.members_after, pak.below_minimum) == (size, size - 1, True)
    untouched = {m.pokja.code for m in open_memberships()} - {
        m.pokja.code for m in open_memberships(employee=ketua.employee)
    }
    assert not untouched & {impact.code for impact in result.hit}


def test_it_names_a_critical_competency_that_would_be_lost(placement_unit):
    holders = [
        m.employee.nip
        for m in open_memberships(pokja__code="PAK")
        if m.employee.placement_profile.levels.filter(competency__code="arsip", level__gte=3).exists()
    ]
    assert holders
    result = what_if(unit=placement_unit, nips=holders, at=AT)
    assert next(i for i in result.impacts if i.code == "PAK").critical_lost == ["Pengelolaan Arsip"]


def test_the_repair_keeps_every_rule_and_changes_little(placement_unit):
    ketua = open_memberships(pokja__code="PDK", role="ketua").get()
    result = what_if(unit=placement_unit, nips=[ketua.employee.nip], at=AT)
    assert result.repair.status == "optimal" and result.repair.violations == []
    leaving = [c for c in result.changes if c.nip == ketua.employee.nip]
    assert leaving and all(c.after == "" for c in leaving)
    assert any(c.pokja == "PDK" and c.after == "ketua" for c in result.changes)  # someone takes over
    others = [c for c in result.changes if c.nip != ketua.employee.nip]
    assert len(others) <= 2 * len(leaving) + 2  # the repair keeps what may stay
