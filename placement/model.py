"""The placement model outside Django: an instance (people, pokja, rules), a plan, and the score.

The objective (maximised; see README.md) for person p in pokja k, with fit f = Σ_c w_kc·level_pc / (4·Σ_c w_kc)
in [0, 1] and interest i in [0, 1]:

    anggota  10·f + 3·i
    wakil    10·f + 3·i + 2·f + dev_wakil
    ketua    10·f + 3·i + 4·f + dev_ketua
    + keep_weight when the person keeps the same role in the same pokja as in the current period,
    - keep_weight for a pokja the person is not in now (keep_weight is 0 unless a repair wants stability)

where dev_wakil = 2 and dev_ketua = 1 for a person who has never led and whose weighted level 4·f reaches
``rules.lead_level``, else 0. Interest i is 1 for a pokja the person asked for, otherwise half the share of
the pokja's competency weights the person said they are interested in.
"""

import json
from dataclasses import asdict, dataclass, field

import numpy as np

KETUA, WAKIL, ANGGOTA = "ketua", "wakil", "anggota"
ROLES = (KETUA, WAKIL, ANGGOTA)
LEADING = (KETUA, WAKIL)
MAX_LEVEL = 4

W_FIT, W_INTEREST, W_KETUA, W_WAKIL = 10.0, 3.0, 4.0, 2.0
DEV_KETUA, DEV_WAKIL = 1.0, 2.0


@dataclass
class Person:
    id: str
    name: str = ""
    levels: dict[str, int] = field(default_factory=dict)
    interest_pokja: list[str] = field(default_factory=list)
    interest_competencies: list[str] = field(default_factory=list)
    available: bool = True
    max_pokja: int | None = None
    previous_roles: dict[str, str] = field(default_factory=dict)  # pokja code -> role in the current period
    has_led: bool = False  # ever ketua or wakil (a leading previous role counts too)

    @property
    def never_led(self) -> bool:
        return not self.has_led and not any(role in LEADING for role in self.previous_roles.values())

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass
class Pokja:
    code: str
    name: str = ""
    min_members: int = 3
    max_members: int = 12
    weights: dict[str, float] = field(default_factory=dict)
    critical: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Pin:
    person: str
    pokja: str
    role: str


@dataclass
class Rules:
    min_pokja: int = 2
    max_pokja: int = 4
    pins: list[Pin] = field(default_factory=list)
    rolling: bool = False
    churn_limit: float | None = None  # percent of the current memberships that may change
    critical_level: int = 3
    critical_holders: int = 2
    lead_level: float = 2.0
    keep_weight: float = 0.0
    time_limit: float = 60.0
    mip_gap: float = 1e-4
    threads: int = 1


@dataclass(frozen=True)
class Assignment:
    person: str
    pokja: str
    role: str


@dataclass
class Instance:
    people: list[Person]
    pokja: list[Pokja]
    rules: Rules = field(default_factory=Rules)
    competency_names: dict[str, str] = field(default_factory=dict)

    def person_range(self, person: Person) -> tuple[int, int]:
        """The person's pokja count bounds: the unit's range, capped by the person's own maximum."""
        high = self.rules.max_pokja if person.max_pokja is None else min(self.rules.max_pokja, person.max_pokja)
        return min(self.rules.min_pokja, high), high

    @property
    def available(self) -> list[Person]:
        return [p for p in self.people if p.available]

    def current(self) -> list[Assignment]:
        """The memberships of the current period (the people's previous roles)."""
        return [Assignment(p.id, code, role) for p in self.people for code, role in p.previous_roles.items()]

    def churn_allowance(self) -> int | None:
        """How many memberships may change; None when unlimited or there is nothing yet to churn."""
        current = len(self.current())
        if self.rules.churn_limit is None or current == 0:
            return None
        return int(self.rules.churn_limit * current / 100 + 1e-9)

    def competency_name(self, code: str) -> str:
        return self.competency_names.get(code, code)

    # JSON ------------------------------------------------------------------------------------------
    def to_json(self) -> dict:
        rules = asdict(self.rules)
        rules["pins"] = [asdict(pin) for pin in self.rules.pins]
        return {
            "competencies": [{"code": c, "name": n} for c, n in self.competency_names.items()],
            "people": [asdict(p) for p in self.people],
            "pokja": [asdict(k) for k in self.pokja],
            "rules": rules,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Instance":
        rules = dict(data.get("rules", {}))
        pins = [Pin(**pin) for pin in rules.pop("pins", [])]
        unknown = set(rules) - set(Rules.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown rule(s): {', '.join(sorted(unknown))}")
        return cls(
            people=[Person(**p) for p in data["people"]],
            pokja=[Pokja(**k) for k in data["pokja"]],
            rules=Rules(pins=pins, **rules),
            competency_names={c["code"]: c.get("name", c["code"]) for c in data.get("competencies", [])},
        )

    @classmethod
    def load(cls, path: str) -> "Instance":
        with open(path, encoding="utf-8") as handle:
            return cls.from_json(json.load(handle))


class Scores:
    """Fit, interest and development per (available person, pokja) as arrays, and role values."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.people = instance.available
        self.person_index = {p.id: i for i, p in enumerate(self.people)}
        self.pokja_index = {k.code: j for j, k in enumerate(instance.pokja)}
        competencies = sorted(
            {c for k in instance.pokja for c in k.weights} | {c for k in instance.pokja for c in k.critical}
        )
        self.competency_index = {c: i for i, c in enumerate(competencies)}
        n, m, c = len(self.people), len(instance.pokja), len(competencies)
        self.levels = np.zeros((n, c))
        interest_c = np.zeros((n, c))
        self.interest_pokja = np.zeros((n, m), dtype=bool)
        for i, person in enumerate(self.people):
            for code, level in person.levels.items():
                if code in self.competency_index:
                    self.levels[i, self.competency_index[code]] = level
            for code in person.interest_competencies:
                if code in self.competency_index:
                    interest_c[i, self.competency_index[code]] = 1
            for code in person.interest_pokja:
                if code in self.pokja_index:
                    self.interest_pokja[i, self.pokja_index[code]] = True
        weights = np.zeros((c, m))
        for j, pokja in enumerate(instance.pokja):
            for code, weight in pokja.weights.items():
                weights[self.competency_index[code], j] = weight
        total = weights.sum(axis=0)
        total[total == 0] = 1
        self.weights = weights / total  # column shares
        self.fit = self.levels @ self.weights / MAX_LEVEL
        self.interest = np.where(self.interest_pokja, 1.0, 0.5 * (interest_c @ self.weights))
        never_led = np.array([p.never_led for p in self.people], dtype=bool)[:, None]
        self.develops = never_led & (MAX_LEVEL * self.fit >= instance.rules.lead_level - 1e-9)
        member = W_FIT * self.fit + W_INTEREST * self.interest
        self.value = {
            ANGGOTA: member,
            WAKIL: member + W_WAKIL * self.fit + DEV_WAKIL * self.develops,
            KETUA: member + W_KETUA * self.fit + DEV_KETUA * self.develops,
        }
        keep = instance.rules.keep_weight
        if keep:
            self.value = {role: value - keep for role, value in self.value.items()}  # new pairs pay
            for i, person in enumerate(self.people):
                for code, role in person.previous_roles.items():
                    if code in self.pokja_index:
                        j = self.pokja_index[code]
                        for other in ROLES:  # a current pair does not pay, and keeping its role earns
                            self.value[other][i, j] += keep + (keep if other == role else 0)

    def assignment_value(self, a: Assignment) -> float:
        return float(self.value[a.role][self.person_index[a.person], self.pokja_index[a.pokja]])


def score(instance: Instance, assignments: list[Assignment], scores: Scores | None = None) -> float:
    """The objective of a set of assignments (people who are unavailable or unknown count nothing)."""
    scores = scores or Scores(instance)
    return sum(
        scores.assignment_value(a)
        for a in assignments
        if a.person in scores.person_index and a.pokja in scores.pokja_index and a.role in ROLES
    )


def churn(instance: Instance, assignments: list[Assignment]) -> int:
    """Memberships that change: current ones not kept with the same role, plus new (person, pokja) pairs."""
    current = {(a.person, a.pokja): a.role for a in instance.current()}
    planned = {(a.person, a.pokja): a.role for a in assignments}
    ended_or_changed = sum(1 for pair, role in current.items() if planned.get(pair) != role)
    return ended_or_changed + sum(1 for pair in planned if pair not in current)
