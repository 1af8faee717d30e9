"""Small instances for the model tests: a hand-written builder and a hypothesis strategy."""

from hypothesis import strategies as st

from placement.model import ANGGOTA, KETUA, ROLES, WAKIL, Instance, Person, Pin, Pokja, Rules

COMPETENCIES = ["arsip", "jaringan", "statistik"]


def person(pid: str, **fields) -> Person:
    fields.setdefault("levels", {"arsip": 2, "jaringan": 2, "statistik": 2})
    return Person(id=pid, name=fields.pop("name", f"Person {pid}"), **fields)


def pokja(code: str, **fields) -> Pokja:
    fields.setdefault("weights", {"arsip": 1.0})
    fields.setdefault("min_members", 2)
    fields.setdefault("max_members", 6)
    return Pokja(code=code, name=f"Pokja {code}", **fields)


def simple_instance(people: int = 8, group_count: int = 2, **rules) -> Instance:
    """``people`` people with mixed levels in ``groups`` pokja, every one weighted on all three competencies."""
    persons = [
        person(
            f"p{i}",
            levels={"arsip": i % 5, "jaringan": (i * 3) % 5, "statistik": (i * 7 + 1) % 5},
            interest_pokja=[f"K{i % group_count}"],
        )
        for i in range(people)
    ]
    weights = {"arsip": 2.0, "jaringan": 1.0, "statistik": 1.0}
    groups = [pokja(f"K{j}", weights=weights, max_members=max(6, people)) for j in range(group_count)]
    return Instance(persons, groups, Rules(**rules))


@st.composite
def instances(draw, roomy: bool = False) -> Instance:
    """Random small units: 3-12 people, 1-3 pokja, levels, availability, caps, a current structure, pins,
    rolling and a churn limit. Most are infeasible (and must say why); ``roomy`` ones (8-14 people, higher
    levels, looser churn) are mostly feasible (and must keep every rule)."""
    group_count = draw(st.integers(1, 3))
    people_count = draw(st.integers(8, 14) if roomy else st.integers(3, 12))
    lowest_level = 1 if roomy else 0
    groups = []
    for j in range(group_count):
        low = draw(st.integers(2, 4) if roomy else st.integers(2, 5))
        weights = draw(st.dictionaries(st.sampled_from(COMPETENCIES), st.integers(1, 3).map(float), min_size=1))
        critical = draw(st.lists(st.sampled_from(COMPETENCIES), max_size=1))
        extra = draw(st.integers(4, 10) if roomy else st.integers(0, 6))
        groups.append(pokja(f"K{j}", min_members=low, max_members=low + extra, weights=weights, critical=critical))
    codes = [g.code for g in groups]
    people = []
    for i in range(people_count):
        previous = draw(st.dictionaries(st.sampled_from(codes), st.sampled_from(ROLES), max_size=group_count))
        people.append(
            person(
                f"p{i}",
                levels=draw(st.fixed_dictionaries({c: st.integers(lowest_level, 4) for c in COMPETENCIES})),
                interest_pokja=draw(st.lists(st.sampled_from(codes), max_size=2, unique=True)),
                interest_competencies=draw(st.lists(st.sampled_from(COMPETENCIES), max_size=2, unique=True)),
                available=draw(st.booleans()) if i % (7 if roomy else 4) == 1 else True,
                max_pokja=draw(st.one_of(st.none(), st.integers(1, 3))),
                previous_roles=previous,
                has_led=draw(st.booleans()),
            )
        )
    pins = draw(
        st.lists(
            st.builds(Pin, st.sampled_from([p.id for p in people]), st.sampled_from(codes), st.sampled_from(ROLES)),
            max_size=2,
            unique=True,
        )
    )
    rules = Rules(
        min_pokja=draw(st.integers(0, 1) if roomy else st.integers(0, 2)),
        max_pokja=draw(st.integers(2, 3)),
        pins=pins,
        rolling=draw(st.booleans()),
        churn_limit=draw(st.one_of(st.none(), st.integers(50 if roomy else 0, 100).map(float))),
        time_limit=10.0,
    )
    return Instance(people, groups, rules)


__all__ = ["ANGGOTA", "KETUA", "WAKIL", "instances", "person", "pokja", "simple_instance"]
