from culture.models.awards import AwardPeriod, Nomination, NominationValue, Stakeholder
from culture.models.calendar import BirthdayOptOut, CalendarToken, Event, EventAttendee, EventValue
from culture.models.dialogue_tags import DialogueValueTag
from culture.models.pacts import Pact, PactSignature, PactSigner, PactVersion
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
    "EventAttendee",
    "EventValue",
    "Nomination",
    "NominationValue",
    "Pact",
    "PactSignature",
    "PactSigner",
    "PactVersion",
    "PosDocument",
    "PosVersion",
    "Stakeholder",
]
