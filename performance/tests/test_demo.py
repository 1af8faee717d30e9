"""The demo PK follows Tabel 2.1 and 2.2 of the seed, and loading it twice changes nothing."""

from decimal import Decimal

from django.core.management import call_command

from performance import capaian, demo
from performance.models import Activity, Indicator, PerformanceAgreement, PeriodTarget, Realisasi

TABLE_2_1 = {
    "IKU.3": ("Indeks", 91), "IKU.4": ("Indeks", 90), "IKU.4.1": ("Laporan", 17), "IKU.4.2": ("Laporan", 1),
    "IKU.6": ("Persentase", 100), "IKU.6.1": ("Data", 8000), "IKU.6.2": ("Persentase", 100),
    "IKU.6.3": ("Instansi", 13), "IKU.7": ("Persentase", 100), "IKU.7.1": ("Aplikasi", 4),
    "IKU.7.2": ("Dokumen", 56000), "IKU.7.3": ("Laporan", 12), "IKU.7.4": ("Laporan", 12),
    "IKU.7.5": ("Dokumen", 12), "IKU.7.6": ("Persentase", 100),
}  # fmt: skip


def test_it_loads_once_from_the_command(db, capsys):
    call_command("load_performance_demo")
    call_command("load_performance_demo")
    assert sorted(PerformanceAgreement.objects.values_list("year", flat=True)) == [demo.YEAR, demo.CURRENT_YEAR]
    assert Indicator.objects.count() == 2 * len(TABLE_2_1)
    assert "already loaded" in capsys.readouterr().out


def test_it_has_every_row_of_table_2_1(db):
    agreement, created = demo.load_performance_demo()
    assert created
    indicators = {i.code: i for i in agreement.indicators.select_related("objective", "parent")}
    assert {code: (i.unit_of_measure, int(i.target)) for code, i in indicators.items()} == TABLE_2_1
    assert indicators["IKU.4.1"].parent.code == "IKU.4"
    assert indicators["IKU.7.6"].parent.code == "IKU.7"
    assert indicators["IKU.3"].parent is None
    assert indicators["IKU.6.2"].objective.code == "SS.4"
    assert {o.code: o.perspective for o in agreement.objectives.all()} == {
        "SS.2": "customer",
        "SS.4": "internal_process",
        "SS.5": "internal_process",
    }


def test_it_links_the_pokja_of_table_2_2(db):
    agreement, _ = demo.load_performance_demo()
    pak = set(agreement.indicators.filter(pokja__code="PAK").values_list("code", flat=True))
    assert pak == {"IKU.3", "IKU.4", "IKU.4.2", "IKU.7.2"}
    plt = set(agreement.indicators.filter(pokja__code="PLT").values_list("code", flat=True))
    assert plt == {"IKU.3", "IKU.4", "IKU.4.1", "IKU.4.2", "IKU.7.6"}
    assert agreement.indicators.get(code="IKU.3").pokja.count() == 7


def test_quarter_targets_add_up_to_the_year_for_counts_and_repeat_for_indices(db):
    agreement, _ = demo.load_performance_demo()
    for indicator in agreement.indicators.all():
        targets = list(PeriodTarget.objects.filter(indicator=indicator).values_list("target", flat=True))
        assert len(targets) == 4
        if indicator.aggregation == Indicator.Aggregation.SUM:
            assert sum(targets) == indicator.target, indicator.code
        else:
            assert set(targets) == {indicator.target}, indicator.code
    assert Activity.objects.filter(indicator__agreement=agreement).count() == len(demo.ACTIVITIES)


def test_realisasi_are_accepted_for_three_quarters_with_a_few_in_review(db):
    agreement, _ = demo.load_performance_demo()
    rows = Realisasi.objects.filter(indicator__agreement=agreement)
    assert set(rows.values_list("period", flat=True)) == {1, 2, 3}
    assert rows.filter(status="accepted").count() == 3 * len(TABLE_2_1) - 2
    assert rows.get(indicator__code="IKU.6.3", period=3).status == "returned"
    assert rows.get(indicator__code="IKU.7.4", period=3).status == "submitted"
    assert rows.get(indicator__code="IKU.3", period=1).history.count() == 1
    # IKU.3 Q1: 89.2 of 91 is at risk with the default thresholds (100 / 80).
    value = capaian.capaian(Decimal("89.2"), Decimal(91), capaian.HIGHER)
    assert agreement.status_for(value) == "at_risk"


def test_the_current_year_is_a_copy_with_its_own_realisasi(db):
    demo.load_performance_demo()
    current = PerformanceAgreement.objects.get(year=demo.CURRENT_YEAR)
    assert current.indicators.count() == len(TABLE_2_1)
    assert current.indicators.get(code="IKU.7.2").pokja.get().code == "PAK"
    rows = Realisasi.objects.filter(indicator__agreement=current)
    assert not rows.filter(indicator__code="IKU.7.1", period=3).exists()
    assert rows.get(indicator__code="IKU.7.5", period=3).status == "draft"
    assert rows.filter(status="accepted", period__in=[1, 2]).count() == 2 * len(TABLE_2_1)
