"""The placement MILP as arrays for HiGHS, over all (person, pokja) pairs or a candidate subset of them.

For every candidate pair q = (i, j) of an available person i and a pokja j there are three binaries:
y_q member (any role), k_q ketua, w_q wakil; with a churn limit, n_i (continuous) counts person i's pokja.

    k_q + w_q - y_q <= 0                 a leader is a member; one role per pokja          (pair rows)
    Σ_i k_ij = 1, Σ_i w_ij = 1           one ketua and one wakil per pokja                  (ketua, wakil)
    min_j <= Σ_i y_ij <= max_j           pokja size, leaders included                       (size)
    low_i <= Σ_j y_ij <= high_i          the pokja range per person, capped by their maximum (count)
    Σ_j (k_ij + w_ij) <= 1               nobody leads two pokja                             (lead)
    Σ_{i: level_ic >= 3} y_ij >= 2       critical competency c of pokja j                   (critical)
    pins fix bounds; rolling sets k_q <= 0 for last period's ketua unless pinned
    Σ_i n_i - Σ_{current pairs} y_q + |current| - Σ_current x_current <= allowance        (churn)

where x_current is k, w or y - k - w for the current role. Rules are grouped (leaders, pokja_size,
person_range, critical, pins, rolling, churn) so that a group can be left out to diagnose infeasibility.
"""

import numpy as np

from placement.model import ANGGOTA, KETUA, WAKIL, Assignment, Instance, Scores

ROLE_OFFSET = {ANGGOTA: 0, KETUA: 1, WAKIL: 2}
ROW_KINDS = ("pair", "ketua", "wakil", "size", "count", "lead", "critical", "churn")


class Model:
    """Rows are kept by kind (``self.rows[kind]`` = first row, row count) so that duals can be read back."""

    def __init__(
        self, instance: Instance, scores: Scores, pairs=None, relax=frozenset(), feasibility=False, penalty=None
    ):
        self.instance, self.scores, self.relax = instance, scores, relax
        self.penalty = penalty  # with a penalty, slack columns keep the LP feasible on too few pairs
        n, m = len(scores.people), len(instance.pokja)
        self.n, self.m = n, m
        mask = np.ones((n, m), dtype=bool) if pairs is None else pairs
        self.I, self.J = (a.astype(np.int64) for a in np.nonzero(mask))
        self.q_of = np.full((n, m), -1, dtype=np.int64)
        self.q_of[self.I, self.J] = np.arange(len(self.I))
        pair_count = len(self.I)
        allowance = None if "churn" in relax else instance.churn_allowance()
        self.with_churn = allowance is not None
        cols = 3 * pair_count + (n if self.with_churn else 0)
        self.lower, self.upper, self.cost = np.zeros(cols), np.ones(cols), np.zeros(cols)
        if not feasibility:
            self.cost[0 : 3 * pair_count : 3] = scores.value[ANGGOTA][self.I, self.J]
            self.cost[1 : 3 * pair_count : 3] = (scores.value[KETUA] - scores.value[ANGGOTA])[self.I, self.J]
            self.cost[2 : 3 * pair_count : 3] = (scores.value[WAKIL] - scores.value[ANGGOTA])[self.I, self.J]
        self.blocks, self.rows, self.critical_rows = [], {}, []
        y, k, w = 3 * np.arange(pair_count), 3 * np.arange(pair_count) + 1, 3 * np.arange(pair_count) + 2
        entries = np.stack([k, w, y], axis=1)
        self._block("pair", entries, np.tile([1.0, 1.0, -1.0], (pair_count, 1)), -np.inf, 0.0, pair_count)
        lead_low = 0.0 if "leaders" in relax else 1.0
        self._grouped("ketua", self.J, k, m, lead_low, 1.0)
        self._grouped("wakil", self.J, w, m, lead_low, 1.0)
        if "pokja_size" not in relax:
            low = np.array([g.min_members for g in instance.pokja], dtype=float)
            high = np.array([g.max_members for g in instance.pokja], dtype=float)
            self._grouped("size", self.J, y, m, low, high)
        ranges = np.array([instance.person_range(p) for p in scores.people], dtype=float).reshape(n, 2)
        if "person_range" in relax:
            ranges = np.tile([0.0, float(m)], (n, 1))
        if self.with_churn:
            count_cols = 3 * pair_count + np.arange(n)
            self.lower[count_cols], self.upper[count_cols] = ranges[:, 0], ranges[:, 1]
            rows = np.concatenate([self.I, np.arange(n)])
            self._grouped(
                "count",
                rows,
                np.concatenate([y, count_cols]),
                n,
                0.0,
                0.0,
                np.concatenate([np.ones(pair_count), -np.ones(n)]),
            )
        else:
            self._grouped("count", self.I, y, n, ranges[:, 0], ranges[:, 1])
        if "leaders" not in relax:
            self._grouped("lead", np.concatenate([self.I, self.I]), np.concatenate([k, w]), n, -np.inf, 1.0)
        if "critical" not in relax:
            self._critical(y)
        if "pins" not in relax:
            self._pins()
        if instance.rules.rolling and "rolling" not in relax:
            self._rolling()
        if self.with_churn:
            self._churn(allowance)
        self.integrality = np.zeros(cols, dtype=np.int32)
        self.integrality[: 3 * pair_count] = 1

    # Building ------------------------------------------------------------------------------------------
    def _block(self, kind, index, value, low, high, count):
        start = sum(len(b[2]) for b in self.blocks)
        self.rows[kind] = (start, count)
        lengths = np.full(count, index.shape[1] if count else 0)
        low, high = np.broadcast_to(low, (count,)).astype(float), np.broadcast_to(high, (count,)).astype(float)
        self.blocks.append((index.ravel(), value.ravel(), lengths, low, high))

    def _grouped(self, kind, row_ids, col_ids, count, low, high, values=None):
        order = np.argsort(row_ids, kind="stable")
        values = np.ones(len(col_ids)) if values is None else values
        lengths = np.bincount(row_ids, minlength=count)
        start = sum(len(b[2]) for b in self.blocks)
        self.rows[kind] = (start, count)
        low, high = np.broadcast_to(low, (count,)).astype(float), np.broadcast_to(high, (count,)).astype(float)
        self.blocks.append((col_ids[order], values[order], lengths, low, high))

    def _critical(self, y):
        rules = self.instance.rules
        rows, cols = [], []
        for j, group in enumerate(self.instance.pokja):
            for competency in group.critical:
                holder = self.scores.levels[:, self.scores.competency_index[competency]] >= rules.critical_level
                chosen = np.flatnonzero(np.equal(self.J, j) & holder[self.I])
                rows.append(np.full(len(chosen), len(self.critical_rows)))
                cols.append(y[chosen])
                self.critical_rows.append((j, competency))
        if self.critical_rows:
            count = len(self.critical_rows)
            self._grouped(
                "critical", np.concatenate(rows), np.concatenate(cols), count, float(rules.critical_holders), np.inf
            )

    def _pins(self):
        for pin in self.instance.rules.pins:
            base = self.col(pin.person, pin.pokja)
            if base is None:
                continue  # unavailable or not a candidate: the checks before solving report it
            self.lower[base] = 1
            if pin.role == ANGGOTA:
                self.upper[base + 1] = self.upper[base + 2] = 0
            else:
                self.lower[base + ROLE_OFFSET[pin.role]] = 1

    def _rolling(self):
        pinned = {(pin.person, pin.pokja) for pin in self.instance.rules.pins if pin.role == KETUA}
        for person in self.scores.people:
            for code, role in person.previous_roles.items():
                base = self.col(person.id, code)
                if role == KETUA and base is not None and (person.id, code) not in pinned:
                    self.upper[base + 1] = 0

    def _churn(self, allowance: int):
        entries: dict[int, float] = {3 * len(self.I) + i: 1.0 for i in range(self.n)}
        current = self.instance.current()
        for a in current:
            base = self.col(a.person, a.pokja)
            if base is None:
                continue
            changes = (-2.0, 1.0, 1.0) if a.role == ANGGOTA else (-1.0, 0.0, 0.0)
            for offset, change in enumerate(changes):
                entries[base + offset] = entries.get(base + offset, 0.0) + change
            if a.role != ANGGOTA:
                entries[base + ROLE_OFFSET[a.role]] -= 1.0
        cols = np.array(list(entries), dtype=np.int64)
        self._block(
            "churn",
            cols[None, :],
            np.array(list(entries.values()))[None, :],
            -np.inf,
            float(allowance - len(current)),
            1,
        )

    # Reading -------------------------------------------------------------------------------------------
    def col(self, person_id: str, code: str) -> int | None:
        i, j = self.scores.person_index.get(person_id), self.scores.pokja_index.get(code)
        if i is None or j is None or self.q_of[i, j] < 0:
            return None
        return 3 * int(self.q_of[i, j])

    def slack_columns(self):
        """(row, coefficient) of one slack per lower-bounded rule row, and the churn row's upper side."""
        entries = []
        for kind in ("ketua", "wakil", "size", "count", "critical", "churn"):
            first, count = self.rows.get(kind, (0, 0))
            entries += [(row, -1.0 if kind == "churn" else 1.0) for row in range(first, first + count)]
        return entries

    def arrays(self):
        index = np.concatenate([b[0] for b in self.blocks]).astype(np.int32)
        value = np.concatenate([b[1] for b in self.blocks]).astype(float)
        lengths = np.concatenate([b[2] for b in self.blocks])
        starts = np.zeros(len(lengths), dtype=np.int32)
        np.cumsum(lengths[:-1], out=starts[1:])
        low = np.concatenate([b[3] for b in self.blocks])
        high = np.concatenate([b[4] for b in self.blocks])
        return index, value, starts, low, high

    def assignments(self, x: np.ndarray) -> list[Assignment]:
        people, pokja = self.scores.people, self.instance.pokja
        chosen = x[: 3 * len(self.I)].reshape(-1, 3) > 0.5
        found = []
        for q in np.flatnonzero(chosen[:, 0]):
            role = KETUA if chosen[q, 1] else WAKIL if chosen[q, 2] else ANGGOTA
            found.append(Assignment(people[self.I[q]].id, pokja[self.J[q]].code, role))
        return found

    def solution_vector(self, assignments: list[Assignment]) -> np.ndarray | None:
        """The column values of a plan, or None when it uses a pair the model does not have."""
        x = np.zeros(len(self.cost))
        for a in assignments:
            base = self.col(a.person, a.pokja)
            if base is None:
                return None
            x[base] = 1
            if a.role != ANGGOTA:
                x[base + ROLE_OFFSET[a.role]] = 1
            if self.with_churn:
                x[3 * len(self.I) + self.scores.person_index[a.person]] += 1
        return x


def load_highs(model: Model, time_limit: float, gap: float, threads: int, lp=False):
    """A HiGHS object holding the model (or its LP relaxation), with slack columns when the model has a penalty."""
    import highspy

    h = highspy.Highs()
    h.silent()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(gap))
    h.setOptionValue("threads", int(threads))
    index, value, starts, low, high = model.arrays()
    integrality = np.zeros_like(model.integrality) if lp else model.integrality
    h.passModel(
        len(model.cost),
        len(starts),
        len(index),
        2,  # row-wise
        -1,  # maximise
        0.0,
        model.cost,
        model.lower,
        model.upper,
        low,
        high,
        starts,
        index,
        value,
        integrality,
    )
    if model.penalty:
        slacks = model.slack_columns()
        count = len(slacks)
        h.addCols(
            count,
            np.full(count, -float(model.penalty)),
            np.zeros(count),
            np.full(count, np.inf),
            count,
            np.arange(count, dtype=np.int32),
            np.array([r for r, _c in slacks], dtype=np.int32),
            np.array([c for _r, c in slacks]),
        )
    return h


def run_loaded(h, lp=False):
    """Runs a loaded HiGHS object; returns (status, x, objective, bound, row duals)."""
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    solution = h.getSolution()
    x = np.array(solution.col_value) if info.primal_solution_status == 2 else None
    duals = np.array(solution.row_dual) if lp and solution.dual_valid else None
    bound = info.objective_function_value if lp else info.mip_dual_bound
    return status, x, info.objective_function_value, bound, duals


def run_highs(model: Model, time_limit: float, gap: float, threads: int, start=None, progress=None, lp=False):
    """Solves the model (or its LP relaxation); returns (status, x, objective, bound, row duals)."""
    import highspy

    h = load_highs(model, time_limit, gap, threads, lp)
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = start.tolist()
        solution.value_valid = True
        h.setSolution(solution)
    if progress is not None:
        h.cbMipImprovingSolution.subscribe(
            lambda e: progress(
                "incumbent",
                {
                    "objective": e.data_out.objective_function_value,
                    "bound": e.data_out.mip_dual_bound,
                    "seconds": e.data_out.running_time,
                },
            )
        )
    return run_loaded(h, lp)
