"""Plain-language texts for reasons, rule violations and conflicts, kept as (code, params) until shown.

The model and the solver run outside Django too (the command line, the benchmark), so they store a code
and its parameters; ``Message.text()`` renders it with Django's gettext in the active language when Django
is configured, and in English otherwise.
"""

from dataclasses import dataclass, field


def gettext_noop(text: str) -> str:
    """Marks a text for makemessages without touching Django's settings (this module runs without them)."""
    return text


TEXTS = {
    # Reasons for one placement.
    "fit": gettext_noop("competency fit %(percent)d%% (%(details)s)"),
    "fit_none": gettext_noop("fills a seat (competency fit %(percent)d%%)"),
    "interest_pokja": gettext_noop("asked to work in this pokja"),
    "interest_competency": gettext_noop("interested in %(competencies)s"),
    "development": gettext_noop("development: a first leading role (level %(level).1f allows it)"),
    "leader_fit": gettext_noop("the strongest competency fit in this pokja"),
    "critical": gettext_noop("covers critical competency %(competencies)s"),
    "pinned": gettext_noop("pinned by the head"),
    "continues": gettext_noop("continues from the previous period"),
    "rotated_in": gettext_noop("rotation: new in this role"),
    # Hard rules (a plan that breaks one, or a check before solving).
    "ketua_count": gettext_noop("pokja %(pokja)s has %(count)d ketua; it needs exactly one"),
    "wakil_count": gettext_noop("pokja %(pokja)s has %(count)d wakil; it needs exactly one"),
    "pokja_size": gettext_noop("pokja %(pokja)s has %(count)d members; it needs between %(min)d and %(max)d"),
    "person_range": gettext_noop("%(person)s is in %(count)d pokja; the range is %(min)d to %(max)d"),
    "leads_two": gettext_noop("%(person)s leads %(count)d pokja (%(pokja)s); nobody may lead two"),
    "two_roles": gettext_noop("%(person)s has two roles in pokja %(pokja)s"),
    "critical_cover": gettext_noop(
        "pokja %(pokja)s has %(count)d members at level %(level)d or more in critical competency '%(competency)s'; "
        "it needs %(needed)d"
    ),
    "unavailable": gettext_noop("%(person)s is marked unavailable but is placed in %(pokja)s"),
    "pin_broken": gettext_noop("the pin %(person)s as %(role)s of %(pokja)s is not kept"),
    "rolling": gettext_noop("%(person)s would be ketua of %(pokja)s two periods running"),
    "churn": gettext_noop("%(count)d memberships change; the churn limit allows %(limit)d"),
    "unknown_person": gettext_noop("unknown person %(person)s"),
    "unknown_pokja": gettext_noop("unknown pokja %(pokja)s"),
    # Conflicts found before solving (necessary conditions).
    "pokja_range_empty": gettext_noop("pokja %(pokja)s needs at least %(min)d members but allows at most %(max)d"),
    "pokja_too_small": gettext_noop("pokja %(pokja)s allows at most %(max)d members, too few for a ketua and a wakil"),
    "pokja_too_few_people": gettext_noop(
        "pokja %(pokja)s needs at least %(min)d members but only %(available)d people are available"
    ),
    "leaders_exceed_people": gettext_noop(
        "leaders needed 2×%(pokja)d = %(needed)d exceed the %(available)d available people (nobody leads two pokja)"
    ),
    "critical_holders": gettext_noop(
        "critical competency '%(competency)s' has %(holders)d holder(s) at level %(level)d or more among available "
        "people; pokja %(pokja)s needs %(needed)d"
    ),
    "critical_seats": gettext_noop(
        "critical competency '%(competency)s' is critical in %(count)d pokja, needing %(needed)d places, but its "
        "%(holders)d holder(s) can take only %(seats)d"
    ),
    "seats_short": gettext_noop(
        "the pokja minimums need %(needed)d places but the available people can take at most %(seats)d"
    ),
    "seats_over": gettext_noop("people must take at least %(needed)d places but the pokja allow at most %(seats)d"),
    "person_needs_more_pokja": gettext_noop(
        "%(person)s must be in at least %(min)d pokja but the unit has only %(count)d"
    ),
    "pin_unavailable": gettext_noop("%(person)s is pinned to %(pokja)s but marked unavailable"),
    "pin_duplicate_role": gettext_noop("pokja %(pokja)s has %(count)d pins as %(role)s"),
    "pin_leads_two": gettext_noop("%(person)s is pinned to lead %(count)d pokja"),
    "pin_two_roles": gettext_noop("%(person)s is pinned with two roles in pokja %(pokja)s"),
    "pin_over_person_max": gettext_noop("%(person)s is pinned to %(count)d pokja, above their maximum of %(max)d"),
    "pin_over_pokja_max": gettext_noop("pokja %(pokja)s has %(count)d pins, above its maximum of %(max)d members"),
    "churn_forced": gettext_noop(
        "at least %(needed)d memberships must change (%(reasons)s) but the churn limit of %(percent)s%% allows "
        "%(limit)d"
    ),
    "churn_forced_unavailable": gettext_noop("%(count)d of unavailable people"),
    "churn_forced_rolling": gettext_noop("%(count)d ketua rotated"),
    "rule_group": gettext_noop("the rules on %(group)s conflict with the others: without them a plan exists"),
    "rule_groups_together": gettext_noop("no single rule group explains it: several rules conflict together"),
    # What a plan says about itself.
    "statement_optimal": gettext_noop(
        "Proven optimal: the score %(objective).2f equals the best bound %(bound).2f (gap %(gap).3f%%)."
    ),
    "statement_feasible": gettext_noop("Score %(objective).2f; the best bound is %(bound).2f, a gap of %(gap).2f%%."),
    "statement_infeasible": gettext_noop("No plan satisfies every rule."),
    "statement_heuristic": gettext_noop(
        "Found by the fallback heuristic because the solver gave no answer; score %(objective).2f, "
        "without a proof of optimality."
    ),
    "statement_edited": gettext_noop(
        "Edited by hand: score %(objective).2f (the solver's plan scored %(original).2f)."
    ),
    "stop_time_limit": gettext_noop("The solver stopped at its time limit of %(seconds)g s."),
    "stop_gap_limit": gettext_noop("The solver stopped once the gap was below the requested %(gap)g%%."),
    "stop_no_solution": gettext_noop("The solver found no plan within its time limit of %(seconds)g s."),
    "stop_solver_error": gettext_noop("The solver failed: %(error)s."),
    "stop_candidates": gettext_noop(
        "The plan was searched among the %(pairs)d most promising person-pokja pairs; the bound is the LP "
        "relaxation over all pairs."
    ),
    "stop_interrupted": gettext_noop("The solver was interrupted."),
    # Rule groups, for the relaxation diagnosis.
    "group_leaders": gettext_noop("leaders (one ketua and one wakil per pokja, nobody leads two)"),
    "group_pokja_size": gettext_noop("pokja sizes"),
    "group_person_range": gettext_noop("the pokja range per person"),
    "group_critical": gettext_noop("critical-competency coverage"),
    "group_pins": gettext_noop("pins"),
    "group_rolling": gettext_noop("rolling of ketua"),
    "group_churn": gettext_noop("the churn limit"),
}


def translate(text: str) -> str:
    """Django's gettext once Django is set up (settings and apps), the English text before that."""
    from django.apps import apps
    from django.conf import settings

    if settings.configured and apps.ready:
        from django.utils.translation import gettext

        return gettext(text)
    return text


@dataclass(frozen=True)
class Message:
    """A code from ``TEXTS`` with its parameters; ``text()`` is what a person reads."""

    code: str
    params: dict = field(default_factory=dict)

    def text(self) -> str:
        params = dict(self.params)
        if self.code == "rule_group":
            params["group"] = translate(TEXTS[f"group_{params['group']}"])
        if self.code == "churn_forced":
            params["reasons"] = ", ".join(translate(TEXTS[code]) % {"count": n} for code, n in params["reasons"])
        return translate(TEXTS[self.code]) % params

    def to_json(self) -> dict:
        return {"code": self.code, "params": self.params, "text": self.text()}

    @classmethod
    def from_json(cls, data: dict) -> "Message":
        return cls(data["code"], data.get("params", {}))

    def __str__(self) -> str:
        return self.text()
