"""Hard rules, checked two ways: on a finished plan (every rule, independently of the solver) and on an
instance before solving (necessary conditions, each named so that a person can fix the input)."""

from collections import Counter, defaultdict

from placement.messages import Message
from placement.model import KETUA, LEADING, ROLES, WAKIL, Assignment, Instance, churn


def check_plan(instance: Instance, assignments: list[Assignment]) -> list[Message]:
    """Every hard rule the assignments break; an empty list means the plan is valid."""
    rules = instance.rules
    people = {p.id: p for p in instance.people}
    pokja = {k.code: k for k in instance.pokja}
    problems: list[Message] = []
    by_pokja: dict[str, list[Assignment]] = defaultdict(list)
    by_person: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        if a.person not in people:
            problems.append(Message("unknown_person", {"person": a.person}))
        elif a.pokja not in pokja or a.role not in ROLES:
            problems.append(Message("unknown_pokja", {"pokja": a.pokja}))
        else:
            by_pokja[a.pokja].append(a)
            by_person[a.person].append(a)
    for code, group in pokja.items():
        members = by_pokja[code]
        roles = Counter(a.role for a in members)
        for role, rule in ((KETUA, "ketua_count"), (WAKIL, "wakil_count")):
            if roles[role] != 1:
                problems.append(Message(rule, {"pokja": code, "count": roles[role]}))
        if not group.min_members <= len(members) <= group.max_members:
            params = {"pokja": code, "count": len(members), "min": group.min_members, "max": group.max_members}
            problems.append(Message("pokja_size", params))
        for competency in group.critical:
            holders = sum(1 for a in members if people[a.person].levels.get(competency, 0) >= rules.critical_level)
            if holders < rules.critical_holders:
                params = {
                    "pokja": code,
                    "competency": instance.competency_name(competency),
                    "count": holders,
                    "level": rules.critical_level,
                    "needed": rules.critical_holders,
                }
                problems.append(Message("critical_cover", params))
    for person in instance.people:
        mine = by_person[person.id]
        label = person.label
        if not person.available:
            problems.extend(Message("unavailable", {"person": label, "pokja": a.pokja}) for a in mine)
            continue
        low, high = instance.person_range(person)
        if not low <= len(mine) <= high:
            problems.append(Message("person_range", {"person": label, "count": len(mine), "min": low, "max": high}))
        led = sorted(a.pokja for a in mine if a.role in LEADING)
        if len(led) > 1:
            problems.append(Message("leads_two", {"person": label, "count": len(led), "pokja": ", ".join(led)}))
        for code, count in Counter(a.pokja for a in mine).items():
            if count > 1:
                problems.append(Message("two_roles", {"person": label, "pokja": code}))
        if rules.rolling:
            pinned = {(pin.pokja, pin.role) for pin in rules.pins if pin.person == person.id}
            for a in mine:
                again = a.role == KETUA and person.previous_roles.get(a.pokja) == KETUA
                if again and (a.pokja, KETUA) not in pinned:
                    problems.append(Message("rolling", {"person": label, "pokja": a.pokja}))
    planned = set(assignments)
    for pin in rules.pins:
        if Assignment(pin.person, pin.pokja, pin.role) not in planned:
            label = people[pin.person].label if pin.person in people else pin.person
            problems.append(Message("pin_broken", {"person": label, "pokja": pin.pokja, "role": pin.role}))
    allowance = instance.churn_allowance()
    if allowance is not None:
        changes = churn(instance, assignments)
        if changes > allowance:
            problems.append(Message("churn", {"count": changes, "limit": allowance}))
    return problems


def diagnose(instance: Instance) -> list[Message]:
    """Conditions every plan needs and this instance cannot meet; empty does not promise a plan exists."""
    rules = instance.rules
    available = instance.available
    people = {p.id: p for p in instance.people}
    codes = {k.code for k in instance.pokja}
    problems = [Message("unknown_pokja", {"pokja": pin.pokja}) for pin in rules.pins if pin.pokja not in codes]
    problems += [Message("unknown_person", {"person": pin.person}) for pin in rules.pins if pin.person not in people]
    if problems:
        return problems
    for group in instance.pokja:
        if group.min_members > group.max_members:
            problems.append(
                Message("pokja_range_empty", {"pokja": group.code, "min": group.min_members, "max": group.max_members})
            )
        elif group.max_members < 2:
            problems.append(Message("pokja_too_small", {"pokja": group.code, "max": group.max_members}))
        if max(group.min_members, 2) > len(available):
            params = {"pokja": group.code, "min": max(group.min_members, 2), "available": len(available)}
            problems.append(Message("pokja_too_few_people", params))
    if 2 * len(instance.pokja) > len(available):
        params = {"pokja": len(instance.pokja), "needed": 2 * len(instance.pokja), "available": len(available)}
        problems.append(Message("leaders_exceed_people", params))
    problems += _critical_conditions(instance)
    ranges = {p.id: instance.person_range(p) for p in available}
    seats = sum(high for _low, high in ranges.values())
    needed = sum(max(k.min_members, 2) for k in instance.pokja)
    if needed > seats:
        problems.append(Message("seats_short", {"needed": needed, "seats": seats}))
    low_total, capacity = sum(low for low, _high in ranges.values()), sum(k.max_members for k in instance.pokja)
    if low_total > capacity:
        problems.append(Message("seats_over", {"needed": low_total, "seats": capacity}))
    for person in available:
        if ranges[person.id][0] > len(instance.pokja):
            params = {"person": person.label, "min": ranges[person.id][0], "count": len(instance.pokja)}
            problems.append(Message("person_needs_more_pokja", params))
    problems += _pin_conditions(instance, ranges)
    problems += _churn_conditions(instance)
    return problems


def _critical_conditions(instance: Instance) -> list[Message]:
    rules = instance.rules
    problems = []
    critical_in: dict[str, list[str]] = defaultdict(list)
    for group in instance.pokja:
        for competency in group.critical:
            critical_in[competency].append(group.code)
    for competency, groups in critical_in.items():
        holders = [p for p in instance.available if p.levels.get(competency, 0) >= rules.critical_level]
        name = instance.competency_name(competency)
        if len(holders) < rules.critical_holders:
            params = {
                "competency": name,
                "holders": len(holders),
                "level": rules.critical_level,
                "pokja": ", ".join(groups),
                "needed": rules.critical_holders,
            }
            problems.append(Message("critical_holders", params))
            continue
        seats = sum(instance.person_range(p)[1] for p in holders)
        needed = rules.critical_holders * len(groups)
        if needed > seats:
            params = {"competency": name, "count": len(groups), "needed": needed, "holders": len(holders)}
            problems.append(Message("critical_seats", {**params, "seats": seats}))
    return problems


def _pin_conditions(instance: Instance, ranges: dict[str, tuple[int, int]]) -> list[Message]:
    people = {p.id: p for p in instance.people}
    pokja = {k.code: k for k in instance.pokja}
    pins = instance.rules.pins
    problems = []
    for pin in pins:
        if not people[pin.person].available:
            problems.append(Message("pin_unavailable", {"person": people[pin.person].label, "pokja": pin.pokja}))
    for (code, role), count in Counter((pin.pokja, pin.role) for pin in pins if pin.role in LEADING).items():
        if count > 1:
            problems.append(Message("pin_duplicate_role", {"pokja": code, "role": role, "count": count}))
    by_person: dict[str, list] = defaultdict(list)
    for pin in pins:
        by_person[pin.person].append(pin)
    for person_id, mine in by_person.items():
        label = people[person_id].label
        leading = {pin.pokja for pin in mine if pin.role in LEADING}
        if len(leading) > 1:
            problems.append(Message("pin_leads_two", {"person": label, "count": len(leading)}))
        for code, count in Counter(pin.pokja for pin in mine).items():
            if count > 1:
                problems.append(Message("pin_two_roles", {"person": label, "pokja": code}))
        high = ranges.get(person_id, (0, 0))[1]
        pokja_count = len({pin.pokja for pin in mine})
        if people[person_id].available and pokja_count > high:
            problems.append(Message("pin_over_person_max", {"person": label, "count": pokja_count, "max": high}))
    for code, count in Counter(pin.pokja for pin in set(pins)).items():
        if count > pokja[code].max_members:
            problems.append(
                Message("pin_over_pokja_max", {"pokja": code, "count": count, "max": pokja[code].max_members})
            )
    return problems


def _churn_conditions(instance: Instance) -> list[Message]:
    allowance = instance.churn_allowance()
    if allowance is None:
        return []
    unavailable = sum(len(p.previous_roles) for p in instance.people if not p.available)
    pinned_ketua = {(pin.person, pin.pokja) for pin in instance.rules.pins if pin.role == KETUA}
    rotated = 0
    if instance.rules.rolling:
        rotated = sum(
            1
            for p in instance.available
            for code, role in p.previous_roles.items()
            if role == KETUA and (p.id, code) not in pinned_ketua
        )
    if unavailable + rotated <= allowance:
        return []
    reasons = [
        (code, n) for code, n in (("churn_forced_unavailable", unavailable), ("churn_forced_rolling", rotated)) if n
    ]
    params = {"needed": unavailable + rotated, "reasons": reasons, "percent": f"{instance.rules.churn_limit:g}"}
    return [Message("churn_forced", {**params, "limit": allowance})]
