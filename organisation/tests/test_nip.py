"""NIP rules: 18 digits = birth date, TMT CPNS month, sex digit, sequence."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from organisation.nip import FEMALE, MALE, nip_errors, parse_nip

TODAY = datetime.date(2026, 11, 28)


pytestmark = pytest.mark.usefixtures("english_messages")


def test_messages_are_in_indonesian_by_default():
    with translation.override("id"):
        assert "NIP harus" in nip_errors("123", today=TODAY)[0]


def test_it_accepts_a_valid_nip_and_derives_birth_date_and_sex():
    info = parse_nip("198503122010012004", today=TODAY)
    assert info.birth_date == datetime.date(1985, 3, 12)
    assert info.tmt_cpns == datetime.date(2010, 1, 1)
    assert info.sex == FEMALE
    assert info.sequence == 4


def test_it_accepts_the_spaces_people_type_between_parts():
    assert parse_nip("19850312 201001 1 004", today=TODAY).sex == MALE


@pytest.mark.parametrize(
    ("nip", "part"),
    [
        ("19850312201001100", "18 digits"),
        ("1985031220100110041", "18 digits"),
        ("19850312201001100A", "18 digits"),
        ("198502302010011004", "Digits 1-8"),  # 30 February
        ("198513012010011004", "Digits 1-8"),  # month 13
        ("198503122010131004", "Digits 9-14"),  # TMT month 13
        ("198503122010001004", "Digits 9-14"),  # TMT month 00
        ("198503122002121004", "18th birthday"),  # TMT at 17
        ("198503122027011004", "future"),  # TMT after today
        ("198503122010013004", "Digit 15"),
        ("198503122010010004", "Digit 15"),
        ("198503122010011000", "Digits 16-18"),
    ],
)
def test_it_names_the_part_that_is_wrong(nip, part):
    errors = nip_errors(nip, today=TODAY)
    assert len(errors) >= 1
    assert any(part in message for message in errors), errors


def test_it_reports_every_broken_part_at_once():
    errors = nip_errors("198502302010133000", today=TODAY)
    assert [e.split(" ")[0:2] for e in errors] == [
        ["Digits", "1-8"],
        ["Digits", "9-14"],
        ["Digit", "15"],
        ["Digits", "16-18"],
    ]


def test_tmt_in_the_month_of_the_18th_birthday_is_accepted_and_the_month_before_is_not():
    assert nip_errors("198503122003031001", today=TODAY) == []
    assert nip_errors("198503122003021001", today=TODAY) != []


def test_tmt_in_the_current_month_is_accepted():
    assert nip_errors("198503122026111001", today=TODAY) == []
    assert nip_errors("198503122026121001", today=TODAY) != []


def test_parse_raises_a_validation_error_with_all_messages():
    with pytest.raises(ValidationError) as caught:
        parse_nip("198502302010011000", today=TODAY)
    assert len(caught.value.messages) == 2


@st.composite
def valid_parts(draw):
    birth = draw(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2006, 12, 31)))
    earliest = (birth.year + 18) * 12 + birth.month - 1
    latest = TODAY.year * 12 + TODAY.month - 1
    month_index = draw(st.integers(min_value=earliest, max_value=latest))
    tmt = datetime.date(month_index // 12, month_index % 12 + 1, 1)
    sex = draw(st.sampled_from("12"))
    sequence = draw(st.integers(min_value=1, max_value=999))
    return birth, tmt, sex, sequence


@given(valid_parts())
def test_every_well_formed_nip_parses_back_to_its_parts(parts):
    birth, tmt, sex, sequence = parts
    nip = f"{birth:%Y%m%d}{tmt:%Y%m}{sex}{sequence:03d}"
    info = parse_nip(nip, today=TODAY)
    assert (info.birth_date, info.tmt_cpns, info.sequence) == (birth, tmt, sequence)
    assert info.sex == (MALE if sex == "1" else FEMALE)


@given(valid_parts(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789"))
def test_changing_one_digit_either_keeps_it_valid_or_yields_a_message(parts, position, digit):
    birth, tmt, sex, sequence = parts
    nip = f"{birth:%Y%m%d}{tmt:%Y%m}{sex}{sequence:03d}"
    mutated = nip[:position] + digit + nip[position + 1 :]
    errors = nip_errors(mutated, today=TODAY)
    if errors:
        assert all(("Digit" in e or "NIP" in e) for e in errors)
    else:
        parse_nip(mutated, today=TODAY)


@given(st.text(max_size=25).filter(lambda s: len("".join(s.split())) != 18 or not "".join(s.split()).isdigit()))
def test_anything_that_is_not_18_digits_is_rejected_with_a_length_message(text):
    errors = nip_errors(text, today=TODAY)
    assert len(errors) == 1 and "18 digits" in errors[0]
