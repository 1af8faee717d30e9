"""The SLA clock: time counted in working hours only.

Working hours are those of a central-government office in WITA (Asia/Makassar), from the five-day week
of Perpres 21/2023 (37.5 hours): Monday-Thursday 07:30-16:00 and Friday 07:30-16:30. The lunch break is
not taken off (requests are answered through it). Weekends, Indonesian public holidays and the joint
leave days of the civil service (cuti bersama, the ``government`` category of the ``holidays`` package)
are not working days, and neither are the unit's own extra days off.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

WITA = ZoneInfo("Asia/Makassar")
OPENING = datetime.time(7, 30)
WORKING_HOURS: Mapping[int, tuple[datetime.time, datetime.time]] = {
    0: (OPENING, datetime.time(16, 0)),
    1: (OPENING, datetime.time(16, 0)),
    2: (OPENING, datetime.time(16, 0)),
    3: (OPENING, datetime.time(16, 0)),
    4: (OPENING, datetime.time(16, 30)),
}
HOLIDAY_CATEGORIES = ("public", "government")
# A calendar without any working day would make the clock run forever; ten years is far beyond any SLA.
MAX_DAYS = 3660
ZERO = datetime.timedelta(0)


@lru_cache(maxsize=64)
def national_days_off(year: int) -> frozenset[datetime.date]:
    """Indonesian public holidays and cuti bersama of one year."""
    return frozenset(holidays.country_holidays("ID", years=year, categories=HOLIDAY_CATEGORIES))


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days and hours of one unit; ``days_off`` are the unit's extra days off."""

    days_off: frozenset[datetime.date] = field(default_factory=frozenset)
    hours: Mapping[int, tuple[datetime.time, datetime.time]] = field(default_factory=lambda: WORKING_HOURS)
    tz: ZoneInfo = WITA

    @classmethod
    def with_days_off(cls, days: Iterable[datetime.date]) -> "WorkingCalendar":
        return cls(days_off=frozenset(days))

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() in self.hours and day not in national_days_off(day.year) and day not in self.days_off

    def window(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
        """Opening and closing time of ``day`` (aware), or None when it is not a working day."""
        if not self.is_working_day(day):
            return None
        opening, closing = self.hours[day.weekday()]
        return (
            datetime.datetime.combine(day, opening, tzinfo=self.tz),
            datetime.datetime.combine(day, closing, tzinfo=self.tz),
        )

    def add(self, start: datetime.datetime, duration: datetime.timedelta) -> datetime.datetime:
        """The moment ``duration`` of working time after ``start``.

        Work that ends exactly at closing time ends then, not at the next opening; a start outside
        working hours counts from the next opening.
        """
        if duration < ZERO:
            raise ValueError("duration must not be negative")
        cursor = start.astimezone(self.tz)
        remaining = duration
        day = cursor.date()
        for _offset in range(MAX_DAYS):
            window = self.window(day)
            if window is not None:
                opening, closing = window
                begin = max(cursor, opening)
                if begin <= closing:
                    available = closing - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            day += datetime.timedelta(days=1)
        raise ValueError("no working time in the calendar")

    def add_hours(self, start: datetime.datetime, hours: float) -> datetime.datetime:
        return self.add(start, datetime.timedelta(hours=hours))

    def elapsed(self, start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
        """Working time between ``start`` and ``end``; zero when ``end`` is not after ``start``."""
        start, end = start.astimezone(self.tz), end.astimezone(self.tz)
        total = ZERO
        if end <= start:
            return total
        day = start.date()
        while day <= end.date():
            window = self.window(day)
            if window is not None:
                begin, finish = max(start, window[0]), min(end, window[1])
                if finish > begin:
                    total += finish - begin
            day += datetime.timedelta(days=1)
        return total
