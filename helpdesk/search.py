"""Ticket search: full-text search over an indexed expression on PostgreSQL, an FTS5 index on SQLite (migration
0004), a plain ``icontains`` on a SQLite built without FTS5."""

import re
import sqlite3
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Func, Q
from django.db.models.expressions import RawSQL

WORD = re.compile(r"\w+", re.UNICODE)
NUMBER = re.compile(r"^(?:HD-?)?0*(\d{1,9})$", re.IGNORECASE)
FTS_TABLE = "helpdesk_ticket_fts"


class TicketDocument(Func):
    """Exactly the expression indexed by migration 0002, so that PostgreSQL uses the GIN index.

    "simple": no stemming, which suits Indonesian text (PostgreSQL ships no Indonesian dictionary).
    """

    template = "to_tsvector('simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


@cache
def sqlite_has_fts5() -> bool:
    """Whether this process's SQLite has the FTS5 module (the same library Django's SQLite backend uses)."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.Error:
        return False
    return True


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
    elif connection.vendor == "sqlite" and sqlite_has_fts5():
        # Each word a quoted prefix ("word"*), all of them required; \w+ words hold no quote to escape.
        query = " ".join(f'"{word}"*' for word in words)
        found = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query])
        matches = queryset.filter(pk__in=found)
    else:
        condition = Q()
        for word in words:
            condition &= Q(search_text__icontains=word)
        matches = queryset.filter(condition)
    if number is not None:
        return queryset.filter(Q(number=number) | Q(pk__in=matches.values("pk")))
    return matches
