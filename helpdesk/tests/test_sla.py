"""The working-hours SLA clock: weekends, Friday's longer day, holidays, cuti bersama and unit days off."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.sla import WITA, WorkingCalendar

CLOCK = WorkingCalendar()
HOUR = datetime.timedelta(hours=1)


def at(day: str, clock: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=WITA)


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (at("2025-06-02", "08:00"), 4, at("2025-06-02", "12:00")),  # inside one Monday
        (at("2025-06-02", "15:00"), 1, at("2025-06-02", "16:00")),  # ends exactly at closing time
        (at("2025-06-02", "14:00"), 4, at("2025-06-03", "09:30")),  # 2 h Monday, 2 h Tuesday
        (at("2025-06-02", "06:00"), 1, at("2025-06-02", "08:30")),  # before opening: counts from 07:30
        (at("2025-06-02", "18:00"), 1, at("2025-06-03", "08:30")),  # after hours: counts from tomorrow
        (at("2025-05-23", "15:00"), 2, at("2025-05-26", "08:00")),  # Friday closes 16:30, then the weekend
        (at("2025-05-24", "10:00"), 1, at("2025-05-26", "08:30")),  # submitted on Saturday
        (at("2025-06-02", "07:30"), 17, at("2025-06-03", "16:00")),  # two full days of 8.5 h
        (at("2025-06-02", "10:00"), 0, at("2025-06-02", "10:00")),
    ],
)
def test_it_adds_working_hours(start, hours, due):
    assert CLOCK.add_hours(start, hours) == due


def test_it_skips_eid_and_the_joint_leave_days_around_it():
    # Fri 28 Mar 2025 is cuti bersama (Nyepi); 31 Mar-1 Apr Idul Fitri; 2-4 and 7 Apr cuti bersama.
    start = at("2025-03-27", "15:00")
    assert CLOCK.add_hours(start, 2) == at("2025-04-08", "08:30")


def test_it_skips_a_public_holiday_in_mid_week():
    # Thu 1 May 2025 is Labour Day.
    assert CLOCK.add_hours(at("2025-04-30", "15:00"), 2) == at("2025-05-02", "08:30")


def test_it_skips_the_units_own_days_off():
    clock = WorkingCalendar.with_days_off([datetime.date(2025, 6, 3)])
    assert clock.add_hours(at("2025-06-02", "15:00"), 2) == at("2025-06-04", "08:30")


def test_it_answers_in_wita_whatever_zone_it_is_given():
    start_utc = datetime.datetime(2025, 6, 2, 0, 0, tzinfo=datetime.UTC)  # 08:00 WITA
    due = CLOCK.add_hours(start_utc, 1)
    assert due == at("2025-06-02", "09:00") and due.tzinfo == WITA


def test_it_counts_elapsed_working_time_over_a_weekend():
    assert CLOCK.elapsed(at("2025-05-23", "15:00"), at("2025-05-26", "09:00")) == 3 * HOUR


def test_it_counts_no_working_time_over_a_holiday_week():
    assert CLOCK.elapsed(at("2025-03-28", "08:00"), at("2025-04-07", "17:00")) == datetime.timedelta(0)


def test_it_counts_only_the_hours_inside_the_window():
    assert CLOCK.elapsed(at("2025-06-02", "05:00"), at("2025-06-02", "20:00")) == 8.5 * HOUR
    assert CLOCK.elapsed(at("2025-05-30", "05:00"), at("2025-05-30", "20:00")) == datetime.timedelta(0)  # joint leave
    assert CLOCK.elapsed(at("2025-06-13", "05:00"), at("2025-06-13", "20:00")) == 9 * HOUR  # a plain Friday


def test_it_counts_nothing_backwards():
    assert CLOCK.elapsed(at("2025-06-03", "10:00"), at("2025-06-02", "10:00")) == datetime.timedelta(0)


def test_it_refuses_a_negative_duration():
    with pytest.raises(ValueError):
        CLOCK.add(at("2025-06-02", "10:00"), -HOUR)


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(min_value=datetime.datetime(2024, 1, 1), max_value=datetime.datetime(2026, 12, 31)),
    minutes=st.integers(min_value=0, max_value=60 * 200),
)
def test_adding_then_measuring_gives_back_the_duration(start, minutes):
    start = start.replace(tzinfo=WITA)
    duration = datetime.timedelta(minutes=minutes)
    due = CLOCK.add(start, duration)
    assert due >= start
    assert CLOCK.elapsed(start, due) == duration
