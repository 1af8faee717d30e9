"""factory_boy factories for the performance models (P2/P3 keep theirs in factories_<area>.py)."""

from decimal import Decimal

import factory

from organisation.tests.factories import UnitFactory
from performance.models import Indicator, PerformanceAgreement, PeriodTarget, Realisasi, StrategicObjective


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceAgreement

    unit = factory.SubFactory(UnitFactory)
    agency = factory.SelfAttribute("unit.agency")
    year = 2023
    title = factory.LazyAttribute(lambda o: f"PK {o.year}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicObjective

    agreement = factory.SubFactory(AgreementFactory)
    code = factory.Sequence(lambda n: f"SS.{n + 1}")
    name = factory.Sequence(lambda n: f"Sasaran strategis {n + 1}")
    perspective = StrategicObjective.Perspective.CUSTOMER


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    objective = factory.SubFactory(ObjectiveFactory)
    agreement = factory.SelfAttribute("objective.agreement")
    code = factory.Sequence(lambda n: f"IKU.{n + 1}")
    name = factory.Sequence(lambda n: f"Indikator {n + 1}")
    unit_of_measure = "Laporan"
    target = Decimal(12)
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def pokja(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.pokja.set(extracted)


class PeriodTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeriodTarget

    indicator = factory.SubFactory(IndicatorFactory)
    period = 1
    target = Decimal(3)


class RealisasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Realisasi

    indicator = factory.SubFactory(IndicatorFactory)
    period = 1
    value = Decimal(3)
    status = Realisasi.Status.DRAFT
