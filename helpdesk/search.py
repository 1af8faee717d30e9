"""Ticket search: PostgreSQL full-text search over an indexed expression, a plain ``icontains`` elsewhere."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Func, Q

WORD = re.compile(r"\w+", re.UNICODE)
NUMBER = re.compile(r"^(?:HD-?)?0*(\d{1,9})$", re.IGNORECASE)


class TicketDocument(Func):
    """Exactly the expression indexed by migration 0002, so that PostgreSQL uses the GIN index.

    "simple": no stemming, which suits Indonesian text (PostgreSQL ships no Indonesian dictionary).
    """

    template = "to_tsvector('simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def ticket_number(text: str) -> int | None:
    """``123``, ``HD-000123`` or ``hd123`` → 123."""
    match = NUMBER.match(text.strip())
    return int(match.group(1)) if match else None


def search_tickets(queryset, text: str):
    """Tickets whose number is ``text`` or whose words start with every word of ``text``."""
    text = text.strip()
    if not text:
        return queryset
    number = ticket_number(text)
    words = WORD.findall(text.lower())
    if not words:
        return queryset.none() if number is None else queryset.filter(number=number)
    if connection.vendor == "postgresql":
        query = SearchQuery(" & ".join(f"{word}:*" for word in words), config="simple", search_type="raw")
        matches = queryset.alias(document=TicketDocument("search_text")).filter(document=query)
    else:
        condition = Q()
        for word in words:
            condition &= Q(search_text__icontains=word)
        matches = queryset.filter(condition)
    if number is not None:
        return queryset.filter(Q(number=number) | Q(pk__in=matches.values("pk")))
    return matches
