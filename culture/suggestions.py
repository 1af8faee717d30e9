"""Award suggestions: the facts of a period gathered per person, pokja or stakeholder, most facts first."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from culture import facts as fact_sources
from culture.facts import EMPLOYEE, POKJA, Fact, Subject
from culture.models import AwardPeriod, Nomination

LIMIT = 12  # per kind of nominee


def suggested_title(source: str, kind: str) -> str:
    titles = {
        "organisation": _("Collaborative across pokja"),
        "culture": _("Dedicated to the team's work") if kind == EMPLOYEE else _("Well-kept procedures"),
        "performance": _("On target"),
        "helpdesk": _("Excellent service"),
    }
    return titles.get(source, _("Recognition"))


@dataclass
class Suggestion:
    subject: Subject
    facts: list[Fact] = field(default_factory=list)
    nominated: bool = False

    @property
    def score(self) -> tuple[int, int]:
        """More facts first, then larger ones."""
        return len(self.facts), sum(fact.weight for fact in self.facts)

    @property
    def value_codes(self) -> list[str]:
        codes = []
        for fact in self.facts:
            if fact.value and fact.value not in codes:
                codes.append(fact.value)
        return codes

    @property
    def title(self) -> str:
        main = max(self.facts, key=lambda fact: fact.weight)
        return suggested_title(main.source, self.subject.kind)

    @property
    def token(self) -> str:
        """How a nomination form names the suggestion it came from."""
        return f"{self.subject.kind}:{self.subject.key}"


def gather(found: list[Fact]) -> list[Suggestion]:
    by_subject: dict[tuple[str, str], Suggestion] = {}
    for fact in found:
        key = (fact.subject.kind, fact.subject.key)
        by_subject.setdefault(key, Suggestion(fact.subject)).facts.append(fact)
    return sorted(by_subject.values(), key=lambda s: (-s.score[0], -s.score[1], s.subject.label))


def _nominated_keys(period: AwardPeriod) -> set[tuple[str, str]]:
    keys = set()
    for kind, nip, code in Nomination.objects.filter(period=period).values_list("kind", "employee__nip", "pokja__code"):
        keys.add((kind, nip if kind == EMPLOYEE else code))
    return keys


def for_period(period: AwardPeriod, limit: int = LIMIT) -> list[Suggestion]:
    """The suggestions of the period: up to ``limit`` people and ``limit`` pokja, marked when already nominated."""
    found = gather(fact_sources.all_facts(period.unit, period.start, period.end))
    nominated = _nominated_keys(period)
    result, taken = [], {EMPLOYEE: 0, POKJA: 0}
    for suggestion in found:
        kind = suggestion.subject.kind
        if taken.get(kind, 0) >= limit:
            continue
        taken[kind] = taken.get(kind, 0) + 1
        suggestion.nominated = (kind, suggestion.subject.key) in nominated
        result.append(suggestion)
    return result


def find(period: AwardPeriod, token: str) -> Suggestion | None:
    """The suggestion a nomination form names, recomputed from the data (never taken from the form)."""
    kind, _sep, key = token.partition(":")
    found = gather(fact_sources.all_facts(period.unit, period.start, period.end))
    return next((s for s in found if s.subject.kind == kind and s.subject.key == key), None)
