"""Plain-language reasons for each placement: competency fit, interest, development, pins, continuity."""

from collections import defaultdict

import numpy as np

from placement.messages import Message
from placement.model import LEADING, MAX_LEVEL, Assignment, Instance, Scores
from placement.plan import Placement

TOP_COMPETENCIES = 2


def explain(instance: Instance, scores: Scores, assignments: list[Assignment]) -> list[Placement]:
    """One ``Placement`` per assignment with its value and reasons (assignments of unknown people are kept
    without reasons so that the checks can report them)."""
    pins = {(pin.person, pin.pokja, pin.role) for pin in instance.rules.pins}
    has_current = bool(instance.current())
    members: dict[str, list[int]] = defaultdict(list)
    for a in assignments:
        if a.person in scores.person_index and a.pokja in scores.pokja_index:
            members[a.pokja].append(scores.person_index[a.person])
    placements = []
    for a in assignments:
        if a.person not in scores.person_index or a.pokja not in scores.pokja_index:
            placements.append(Placement(a.person, a.pokja, a.role))
            continue
        i, j = scores.person_index[a.person], scores.pokja_index[a.pokja]
        person, pokja = scores.people[i], instance.pokja[j]
        reasons = []
        if (a.person, a.pokja, a.role) in pins:
            reasons.append(Message("pinned"))
        previous = person.previous_roles.get(a.pokja)
        if previous == a.role:
            reasons.append(Message("continues"))
        elif has_current and a.role in LEADING:
            reasons.append(Message("rotated_in"))
        if a.role in LEADING and scores.develops[i, j]:
            reasons.append(Message("development", {"level": float(MAX_LEVEL * scores.fit[i, j])}))
        if (
            a.role in LEADING
            and len(members[a.pokja]) > 1
            and scores.fit[i, j] >= scores.fit[members[a.pokja], j].max()
        ):
            reasons.append(Message("leader_fit"))
        reasons.append(_fit(instance, scores, i, j))
        if scores.interest_pokja[i, j]:
            reasons.append(Message("interest_pokja"))
        else:
            liked = [c for c in person.interest_competencies if pokja.weights.get(c)]
            if liked:
                names = ", ".join(instance.competency_name(c) for c in liked)
                reasons.append(Message("interest_competency", {"competencies": names}))
        covered = [c for c in pokja.critical if person.levels.get(c, 0) >= instance.rules.critical_level]
        if covered:
            names = ", ".join(instance.competency_name(c) for c in covered)
            reasons.append(Message("critical", {"competencies": names}))
        placements.append(Placement(a.person, a.pokja, a.role, scores.assignment_value(a), reasons))
    return placements


def _fit(instance: Instance, scores: Scores, i: int, j: int) -> Message:
    percent = int(round(100 * scores.fit[i, j]))
    contributions = scores.levels[i] * scores.weights[:, j]
    order = [c for c in np.argsort(-contributions)[:TOP_COMPETENCIES] if contributions[c] > 0]
    if not order:
        return Message("fit_none", {"percent": percent})
    codes = list(scores.competency_index)
    details = ", ".join(f"{instance.competency_name(codes[c])} {int(scores.levels[i, c])}" for c in order)
    return Message("fit", {"percent": percent, "details": details})
