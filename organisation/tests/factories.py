"""factory_boy factories for the organisation models; NIPs are valid and unique per sequence."""

import datetime

import factory

from organisation.models import Agency, Employee, Function, Membership, Pokja, Unit, User


def valid_nip(n: int) -> str:
    birth = datetime.date(1970 + n % 25, 1 + n % 12, 1 + n % 28)
    return f"{birth:%Y%m%d}{birth.year + 24:04d}{1 + n % 12:02d}{1 + n % 2}{1 + n % 999:03d}"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Instansi {n}")
    slug = factory.Sequence(lambda n: f"instansi-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")


class FunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Function

    unit = factory.SubFactory(UnitFactory)
    agency = factory.SelfAttribute("unit.agency")
    number = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Fungsi {n}")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    unit = factory.SubFactory(UnitFactory)
    agency = factory.SelfAttribute("unit.agency")
    # Sequence numbers past 999 wrap the 3-digit part; the birth date keeps them distinct enough
    # for tests, and the (agency, nip) constraint catches any clash.
    nip = factory.Sequence(lambda n: valid_nip(n + 1))
    name = factory.Sequence(lambda n: f"Pegawai {n:04d}")
    position = "Pranata Komputer"
    grade = "III/a"
    email = factory.Sequence(lambda n: f"pegawai{n}@example.test")


class PokjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pokja

    unit = factory.SubFactory(UnitFactory)
    agency = factory.SelfAttribute("unit.agency")
    code = factory.Sequence(lambda n: f"PK{n}")
    name = factory.Sequence(lambda n: f"Pokja {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    pokja = factory.SubFactory(PokjaFactory)
    employee = factory.SubFactory(EmployeeFactory, unit=factory.SelfAttribute("..pokja.unit"))
    role = Membership.Role.ANGGOTA
    valid_from = datetime.date(2023, 1, 2)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")
    role = User.Role.STAFF

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()
