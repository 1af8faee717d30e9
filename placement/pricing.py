"""Pricing for large instances: the LP relaxation over candidate pairs, grown until no left-out pair could
raise it, at which point its optimum is the LP optimum over all pairs (a valid bound for every plan).

New pairs are added to the loaded HiGHS model as columns (and their own pair row), so each round restarts
the simplex from the previous basis instead of solving from scratch.
"""

import numpy as np

from placement.milp import Model, load_highs, run_loaded
from placement.model import ANGGOTA, KETUA, WAKIL, Assignment, Instance, Scores

CANDIDATE_POKJA, CANDIDATE_LEADERS = 8, 12
PRICE_TOLERANCE = 1e-7


def candidate_pairs(instance: Instance, scores: Scores, start: list[Assignment]) -> np.ndarray:
    """Each person's best pokja, each pokja's best leaders, current pairs, pins and the starting plan."""
    n, m = len(scores.people), len(instance.pokja)
    pairs = np.zeros((n, m), dtype=bool)
    top = min(CANDIDATE_POKJA, m)
    best = np.argpartition(-scores.value[ANGGOTA], top - 1, axis=1)[:, :top]
    pairs[np.arange(n)[:, None], best] = True
    leaders = min(CANDIDATE_LEADERS, n)
    for role in (KETUA, WAKIL):
        best = np.argpartition(-scores.value[role], leaders - 1, axis=0)[:leaders, :]
        pairs[best, np.arange(m)[None, :]] = True
    named = [(a.person, a.pokja) for a in instance.current()] + [(p.person, p.pokja) for p in instance.rules.pins]
    named += [(a.person, a.pokja) for a in start]
    for person, code in named:
        i, j = scores.person_index.get(person), scores.pokja_index.get(code)
        if i is not None and j is not None:
            pairs[i, j] = True
    return pairs


def price(model: Model, duals: np.ndarray) -> np.ndarray:
    """Pairs whose three columns could raise the LP optimum: y + max(0, k, w) has a positive reduced cost
    (the pair's own row k + w - y <= 0 takes any non-negative dual, so that is the exact condition)."""
    scores = model.scores

    def dual(kind):
        first, count = model.rows.get(kind, (0, 0))
        return duals[first : first + count] if count else None

    rc_y = scores.value[ANGGOTA].copy()
    size, lead, critical = dual("size"), dual("lead"), dual("critical")
    if size is not None:
        rc_y -= size[None, :]
    rc_y -= dual("count")[:, None]
    for r, (j, competency) in enumerate(model.critical_rows):
        holder = scores.levels[:, scores.competency_index[competency]] >= model.instance.rules.critical_level
        rc_y[:, j] -= critical[r] * holder
    lead = np.zeros(model.n) if lead is None else lead
    rc_k = scores.value[KETUA] - scores.value[ANGGOTA] - dual("ketua")[None, :] - lead[:, None]
    rc_w = scores.value[WAKIL] - scores.value[ANGGOTA] - dual("wakil")[None, :] - lead[:, None]
    return rc_y + np.maximum(0.0, np.maximum(rc_k, rc_w)) > PRICE_TOLERANCE


class PricedLp:
    """The LP relaxation over a growing set of pairs, kept loaded in HiGHS between rounds."""

    def __init__(self, instance: Instance, scores: Scores, pairs: np.ndarray, penalty: float, threads: int, time_limit):
        self.model = Model(instance, scores, pairs, penalty=penalty)
        self.pairs = pairs.copy()
        self.h = load_highs(self.model, time_limit, 0.0, threads, lp=True)
        self.extra: list[tuple[int, int, int]] = []  # (i, j, first column) of pairs added by pricing

    def solve(self):
        return run_loaded(self.h, lp=True)

    def add(self, missing: np.ndarray) -> None:
        """Adds the pairs of ``missing`` as columns y, k, w in the existing rows, plus one pair row each."""
        model, scores = self.model, self.model.scores
        rows = model.rows
        first_col = self.h.getNumCol()
        level = model.instance.rules.critical_level
        critical_of: dict[int, list[tuple[int, int]]] = {}
        for r, (j, competency) in enumerate(model.critical_rows):
            critical_of.setdefault(j, []).append((rows["critical"][0] + r, scores.competency_index[competency]))
        starts, index, costs = [], [], []
        for offset, (i, j) in enumerate(zip(*np.nonzero(missing), strict=True)):
            self.extra.append((int(i), int(j), first_col + 3 * offset))
            y_rows = [rows["count"][0] + i]
            if "size" in rows:
                y_rows.append(rows["size"][0] + j)
            y_rows += [row for row, c in critical_of.get(j, []) if scores.levels[i, c] >= level]
            for role, entries in ((ANGGOTA, y_rows), (KETUA, [rows["ketua"][0] + j]), (WAKIL, [rows["wakil"][0] + j])):
                if role != ANGGOTA and "lead" in rows:
                    entries = [*entries, rows["lead"][0] + i]
                starts.append(len(index))
                index.extend(entries)
                base = scores.value[ANGGOTA][i, j]
                costs.append(base if role == ANGGOTA else scores.value[role][i, j] - base)
        count = len(costs)
        self.h.addCols(
            count,
            np.array(costs),
            np.zeros(count),
            np.ones(count),
            len(index),
            np.array(starts, dtype=np.int32),
            np.array(index, dtype=np.int32),
            np.ones(len(index)),
        )
        pair_count = count // 3
        columns = np.arange(first_col, first_col + count, dtype=np.int32).reshape(pair_count, 3)
        self.h.addRows(
            pair_count,
            np.full(pair_count, -np.inf),
            np.zeros(pair_count),
            3 * pair_count,
            np.arange(0, 3 * pair_count, 3, dtype=np.int32),
            columns[:, [1, 2, 0]].ravel(),
            np.tile([1.0, 1.0, -1.0], pair_count),
        )
        self.pairs |= missing

    def slack_used(self, x: np.ndarray) -> bool:
        slack = x[len(self.model.cost) : len(self.model.cost) + len(self.model.slack_columns())]
        return bool(np.any(slack > 1e-6))

    def integral_assignments(self, x: np.ndarray) -> list[Assignment] | None:
        """The plan of an integral LP solution, or None when some binary is fractional."""
        model = self.model
        base = x[: 3 * len(model.I)]
        extra = np.array([x[c : c + 3] for _i, _j, c in self.extra]).ravel()
        binaries = np.concatenate([base, extra])
        if np.any(np.minimum(binaries, 1 - binaries) > 1e-6):
            return None
        found = model.assignments(x)
        people, pokja = model.scores.people, model.instance.pokja
        for i, j, c in self.extra:
            if x[c] > 0.5:
                role = KETUA if x[c + 1] > 0.5 else WAKIL if x[c + 2] > 0.5 else ANGGOTA
                found.append(Assignment(people[i].id, pokja[j].code, role))
        return found
