from helpdesk.models.setup import Agent, CannedReply, Category, DayOff, UnitHelpdesk
from helpdesk.models.surveys import ELEMENT_FIELDS, Survey
from helpdesk.models.tickets import Attachment, Message, Ticket, TicketCounter, TicketEvent

__all__ = [
    "ELEMENT_FIELDS",
    "Agent",
    "Attachment",
    "CannedReply",
    "Category",
    "DayOff",
    "Message",
    "Survey",
    "Ticket",
    "TicketCounter",
    "TicketEvent",
    "UnitHelpdesk",
]
