"""Seeded random instances for the benchmark and the tests: a unit with a current structure to roll from."""

import random

from placement.model import ANGGOTA, KETUA, WAKIL, Instance, Person, Pokja, Rules

TECHNICAL = ["arsip", "manajemen_data", "jaringan", "pengembangan_aplikasi", "statistik", "administrasi_cat"]


def competencies(count: int) -> list[str]:
    return TECHNICAL[:count] + [f"kompetensi_{i}" for i in range(max(0, count - len(TECHNICAL)))]


def random_instance(
    people: int,
    pokja: int,
    seed: int = 1,
    rolling: bool = False,
    churn_limit: float | None = None,
    with_current: bool = True,
) -> Instance:
    """``people`` × ``pokja`` with 3 weighted competencies per pokja and a critical one in every other pokja."""
    rng = random.Random(seed)
    codes = competencies(max(6, min(40, pokja // 2 + 4)))
    groups = []
    low = max(3, int(0.8 * 2 * people / pokja))
    high = max(low + 2, int(1.1 * 3 * people / pokja) + 2)
    for j in range(pokja):
        chosen = rng.sample(codes, 3)
        weights = {c: float(rng.randint(1, 3)) for c in chosen}
        critical = [chosen[0]] if j % 2 == 0 else []
        groups.append(
            Pokja(
                code=f"P{j + 1:03d}",
                name=f"Pokja {j + 1}",
                min_members=low,
                max_members=high,
                weights=weights,
                critical=critical,
            )
        )
    persons = []
    for i in range(people):
        known = rng.sample(codes, min(len(codes), rng.randint(3, 7)))
        levels = {c: rng.choices([1, 2, 3, 4], weights=[2, 4, 3, 1])[0] for c in known}
        persons.append(
            Person(
                id=f"E{i + 1:05d}",
                name=f"Pegawai {i + 1}",
                levels=levels,
                interest_pokja=[g.code for g in rng.sample(groups, min(pokja, rng.randint(0, 2)))],
                interest_competencies=rng.sample(codes, rng.randint(0, 2)),
                available=rng.random() > 0.04,
                max_pokja=3 if rng.random() < 0.15 else None,
                has_led=rng.random() < 0.3,
            )
        )
    if with_current:
        _current_structure(rng, persons, groups)
    rules = Rules(rolling=rolling, churn_limit=churn_limit)
    return Instance(persons, groups, rules, {c: c.replace("_", " ") for c in codes})


def _current_structure(rng: random.Random, persons: list[Person], groups: list[Pokja]):
    """Every person in two or three pokja; each pokja led by two different people who lead nothing else."""
    members: dict[str, list[Person]] = {g.code: [] for g in groups}
    for person in persons:
        for group in rng.sample(groups, min(len(groups), rng.choice([2, 2, 3]))):
            person.previous_roles[group.code] = ANGGOTA
            members[group.code].append(person)
    leading: set[str] = set()
    for group in groups:
        free = [p for p in members[group.code] if p.id not in leading]
        for role, person in zip((KETUA, WAKIL), rng.sample(free, min(2, len(free))), strict=False):
            person.previous_roles[group.code] = role
            leading.add(person.id)
