"""A greedy construction with a short local search: the fallback when the solver gives no answer, and the
solver's starting plan. It tries to keep every hard rule; ``checks.check_plan`` says whether it did."""

import time

import numpy as np

from placement.model import ANGGOTA, KETUA, WAKIL, Assignment, Instance, Scores

NONE, MEMBER, HEAD, DEPUTY = 0, 1, 2, 3  # role codes in the state matrix
CODE = {ANGGOTA: MEMBER, KETUA: HEAD, WAKIL: DEPUTY}
ROLE = {MEMBER: ANGGOTA, HEAD: KETUA, DEPUTY: WAKIL}
SEARCH_SECONDS = 1.0


class State:
    def __init__(self, instance: Instance, scores: Scores):
        self.instance, self.scores = instance, scores
        n, m = len(scores.people), len(instance.pokja)
        self.role = np.zeros((n, m), dtype=np.int8)
        self.fixed = np.zeros((n, m), dtype=bool)  # pinned
        self.value = {code: scores.value[ROLE[code]] for code in (MEMBER, HEAD, DEPUTY)}
        ranges = np.array([instance.person_range(p) for p in scores.people], dtype=int).reshape(n, 2)
        self.low, self.high = ranges[:, 0], ranges[:, 1]
        self.min = np.array([k.min_members for k in instance.pokja])
        self.max = np.array([k.max_members for k in instance.pokja])
        self.no_ketua = np.zeros((n, m), dtype=bool)
        if instance.rules.rolling:
            for i, person in enumerate(scores.people):
                for code, role in person.previous_roles.items():
                    if role == KETUA and code in scores.pokja_index:
                        self.no_ketua[i, scores.pokja_index[code]] = True
        level = instance.rules.critical_level
        self.critical = [
            (j, scores.levels[:, scores.competency_index[c]] >= level)
            for j, group in enumerate(instance.pokja)
            for c in group.critical
        ]

        self.count = np.zeros(n, dtype=int)
        self.size = np.zeros(m, dtype=int)
        self.leading = np.zeros(n, dtype=bool)

    def place(self, i, j, code):
        """Sets person i's role in pokja j (NONE removes them), keeping the counts up to date."""
        before = int(self.role[i, j])
        change = int(code > 0) - int(before > 0)
        self.count[i] += change
        self.size[j] += change
        if before >= HEAD:
            self.leading[i] = False
        if code >= HEAD:
            self.leading[i] = True
        self.role[i, j] = code

    def assignments(self) -> list[Assignment]:
        people, pokja = self.scores.people, self.instance.pokja
        rows, cols = np.nonzero(self.role)
        return [
            Assignment(people[i].id, pokja[j].code, ROLE[int(self.role[i, j])])
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        ]


def plan(instance: Instance, scores: Scores | None = None, seconds: float = SEARCH_SECONDS) -> list[Assignment]:
    """A plan built greedily, then improved by single moves until no move helps or time runs out."""
    scores = scores or Scores(instance)
    state = State(instance, scores)
    if not scores.people or not instance.pokja:
        return []
    _pins(state)
    if instance.churn_allowance() is not None:
        _current(state)
    for code in (HEAD, DEPUTY):
        _leaders(state, code)
    _critical(state)
    _minimums(state)
    _fill(state)
    _search(state, time.monotonic() + seconds)
    return state.assignments()


def _pins(state: State):
    for pin in state.instance.rules.pins:
        if pin.person in state.scores.person_index:
            i, j = state.scores.person_index[pin.person], state.scores.pokja_index[pin.pokja]
            state.place(i, j, CODE[pin.role])
            state.fixed[i, j] = True


def _current(state: State):
    """Under a churn limit, start from the current structure (rolling demotes last period's ketua)."""
    for i, person in enumerate(state.scores.people):
        for code, role in person.previous_roles.items():
            j = state.scores.pokja_index.get(code)
            if j is None or state.role[i, j]:
                continue
            if state.count[i] < state.high[i] and state.size[j] < state.max[j]:
                state.place(i, j, MEMBER if state.no_ketua[i, j] else CODE[role])
    for j in range(state.role.shape[1]):  # a pinned leader replaces the current one
        for code in (HEAD, DEPUTY):
            holders = np.flatnonzero(state.role[:, j] == code)
            for i in holders[~state.fixed[holders, j]][: max(0, len(holders) - 1)]:
                state.place(i, j, MEMBER)


def _leaders(state: State, code: int):
    for j in np.argsort([-(state.role[:, j] == code).sum() for j in range(state.role.shape[1])]):
        if (state.role[:, j] == code).any():
            continue
        count, size = state.count, state.size
        member = (state.role[:, j] == MEMBER) & ~state.fixed[:, j]
        free = (state.role[:, j] == NONE) & (count < state.high) & (size[j] < state.max[j])
        ok = (member | free) & ~state.leading
        if code == HEAD:
            ok &= ~state.no_ketua[:, j]
        gain = np.where(member, state.value[code][:, j] - state.value[MEMBER][:, j], state.value[code][:, j])
        gain = np.where(ok, gain + member * 0.5, -np.inf)  # prefer a leader who is already a member
        if np.isfinite(gain.max()):
            state.place(int(gain.argmax()), j, code)


def _critical(state: State):
    need = state.instance.rules.critical_holders
    for j, holders in state.critical:
        while ((state.role[:, j] > 0) & holders).sum() < need:
            candidates = holders & (state.role[:, j] == NONE) & (state.count < state.high)
            if not candidates.any():
                break
            i = int(np.where(candidates, state.value[MEMBER][:, j], -np.inf).argmax())
            if state.size[j] >= state.max[j] and not _drop_weakest(state, j, keep=holders):
                break
            state.place(i, j, MEMBER)


def _drop_weakest(state: State, j: int, keep) -> bool:
    removable = (state.role[:, j] == MEMBER) & ~state.fixed[:, j] & ~keep & (state.count > state.low)
    if not removable.any():
        return False
    state.place(int(np.where(removable, state.value[MEMBER][:, j], np.inf).argmin()), j, NONE)
    return True


def _minimums(state: State):
    for j in range(state.role.shape[1]):
        while state.size[j] < state.min[j]:
            candidates = (state.role[:, j] == NONE) & (state.count < state.high)
            if not candidates.any():
                break
            behind = state.count < state.low
            state.place(
                int(np.where(candidates, state.value[MEMBER][:, j] + 100 * behind, -np.inf).argmax()), j, MEMBER
            )
    for i in np.flatnonzero(state.count < state.low):
        while state.count[i] < state.low[i]:
            room = (state.role[i] == NONE) & (state.size < state.max)
            if not room.any():
                break
            state.place(i, int(np.where(room, state.value[MEMBER][i], -np.inf).argmax()), MEMBER)


def _fill(state: State):
    """Adds the most valuable memberships while people and pokja have room (and the churn limit allows).
    Each person's few best pokja are enough: more than 3×their maximum never gets a turn."""
    allowance = state.instance.churn_allowance()
    budget = None if allowance is None else allowance - _changes(state)
    values = np.where(state.role == NONE, state.value[MEMBER], -np.inf)
    top = min(values.shape[1], 3 * int(state.high.max(initial=1)))
    best = np.argpartition(-values, top - 1, axis=1)[:, :top]
    people = np.repeat(np.arange(values.shape[0]), top)
    pokja = best.ravel()
    chosen = values[people, pokja]
    order = np.argsort(-chosen, kind="stable")
    for i, j, value in zip(people[order].tolist(), pokja[order].tolist(), chosen[order].tolist(), strict=True):
        if value <= 0 or (budget is not None and budget <= 0):
            break
        if state.count[i] < state.high[i] and state.size[j] < state.max[j]:
            state.place(i, j, MEMBER)
            if budget is not None:
                budget -= 0 if state.scores.people[i].previous_roles.get(state.instance.pokja[j].code) else 1


def _changes(state: State) -> int:
    from placement.model import churn

    return churn(state.instance, state.assignments())


def _search(state: State, deadline: float):
    """Replaces an anggota by a better outsider, one pokja at a time, while it helps and time remains."""
    if state.instance.churn_allowance() is not None:
        return  # every swap would spend churn; the start already respects it as far as it can
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        count = state.count
        for j in range(state.role.shape[1]):
            if time.monotonic() > deadline:
                return
            inside = (state.role[:, j] == MEMBER) & ~state.fixed[:, j] & (count > state.low)
            outside = (state.role[:, j] == NONE) & (count < state.high)
            if not inside.any() or not outside.any():
                continue
            out_i = int(np.where(inside, state.value[MEMBER][:, j], np.inf).argmin())
            in_i = int(np.where(outside, state.value[MEMBER][:, j], -np.inf).argmax())
            if state.value[MEMBER][in_i, j] <= state.value[MEMBER][out_i, j] + 1e-9:
                continue
            if any(
                h[out_i] and not h[in_i] and ((state.role[:, k] > 0) & h).sum() <= state.instance.rules.critical_holders
                for k, h in state.critical
                if k == j
            ):
                continue
            state.place(out_i, j, NONE)
            state.place(in_i, j, MEMBER)
            improved = True
