from culture.models.awards import AwardPeriod, Nomination, Stakeholder
from culture.models.calendar import BirthdayOptOut, CalendarToken, Event
from culture.models.dialogue_tags import DialogueValueTag
from culture.models.pacts import Pact, PactSignature, PactVersion
from culture.models.pos import PosDocument, PosVersion
from culture.models.values import CoreBehaviour, CoreValue

__all__ = [
    "AwardPeriod",
    "BirthdayOptOut",
    "CalendarToken",
    "CoreBehaviour",
    "CoreValue",
    "DialogueValueTag",
    "Event",
    "Nomination",
    "Pact",
    "PactSignature",
    "PactVersion",
    "PosDocument",
    "PosVersion",
    "Stakeholder",
]
