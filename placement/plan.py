"""A placement plan: who goes where in which role, why, its score and what is known about its optimality."""

from dataclasses import dataclass, field

from placement.messages import Message
from placement.model import ROLES, Assignment

OPTIMAL, FEASIBLE, INFEASIBLE, HEURISTIC, FAILED = "optimal", "feasible", "infeasible", "heuristic", "failed"
ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}


@dataclass
class Placement:
    person: str
    pokja: str
    role: str
    value: float = 0.0
    reasons: list[Message] = field(default_factory=list)

    @property
    def assignment(self) -> Assignment:
        return Assignment(self.person, self.pokja, self.role)

    def explanation(self) -> str:
        return "; ".join(reason.text() for reason in self.reasons)

    def to_json(self) -> dict:
        return {
            "person": self.person,
            "pokja": self.pokja,
            "role": self.role,
            "value": round(self.value, 6),
            "reasons": [r.to_json() for r in self.reasons],
            "explanation": self.explanation(),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Placement":
        reasons = [Message.from_json(r) for r in data.get("reasons", [])]
        return cls(data["person"], data["pokja"], data["role"], data.get("value", 0.0), reasons)


@dataclass
class Plan:
    """The answer for an instance. ``status`` is optimal, feasible (a gap remains), infeasible, heuristic
    (the fallback's plan, no proof) or failed."""

    status: str
    solver: str = "highs"
    placements: list[Placement] = field(default_factory=list)
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    stop: Message | None = None
    conflicts: list[Message] = field(default_factory=list)
    violations: list[Message] = field(default_factory=list)
    churn: int | None = None
    original_objective: float | None = None  # set when a person edited the solver's plan

    @property
    def assignments(self) -> list[Assignment]:
        return [p.assignment for p in self.placements]

    @property
    def gap(self) -> float | None:
        """Relative gap to the best bound (0.01 = 1 %), as HiGHS defines it."""
        if self.objective is None or self.bound is None:
            return None
        return abs(self.bound - self.objective) / max(abs(self.objective), 1e-9)

    @property
    def is_optimal(self) -> bool:
        return self.status == OPTIMAL

    def statement(self) -> str:
        """One or two sentences on the score and its optimality."""
        if self.status == INFEASIBLE:
            return Message("statement_infeasible").text()
        if self.status == FAILED or self.objective is None:
            return self.stop.text() if self.stop else Message("statement_infeasible").text()
        if self.original_objective is not None:
            params = {"objective": self.objective, "original": self.original_objective}
            return Message("statement_edited", params).text()
        if self.status == HEURISTIC:
            text = Message("statement_heuristic", {"objective": self.objective}).text()
            return f"{text} {self.stop.text()}" if self.stop else text
        params = {"objective": self.objective, "bound": self.bound, "gap": 100 * (self.gap or 0.0)}
        if self.status == OPTIMAL:
            return Message("statement_optimal", params).text()
        text = Message("statement_feasible", params).text()
        return f"{text} {self.stop.text()}" if self.stop else text

    def sorted_placements(self) -> list[Placement]:
        return sorted(self.placements, key=lambda p: (p.pokja, ROLE_ORDER[p.role], p.person))

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "solver": self.solver,
            "statement": self.statement(),
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": round(self.seconds, 3),
            "stop": self.stop.to_json() if self.stop else None,
            "churn": self.churn,
            "original_objective": self.original_objective,
            "conflicts": [c.to_json() for c in self.conflicts],
            "violations": [v.to_json() for v in self.violations],
            "assignments": [p.to_json() for p in self.sorted_placements()],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Plan":
        return cls(
            status=data["status"],
            solver=data.get("solver", "highs"),
            placements=[Placement.from_json(a) for a in data.get("assignments", [])],
            objective=data.get("objective"),
            bound=data.get("bound"),
            seconds=data.get("seconds", 0.0),
            stop=Message.from_json(data["stop"]) if data.get("stop") else None,
            conflicts=[Message.from_json(c) for c in data.get("conflicts", [])],
            violations=[Message.from_json(v) for v in data.get("violations", [])],
            churn=data.get("churn"),
            original_objective=data.get("original_objective"),
        )
