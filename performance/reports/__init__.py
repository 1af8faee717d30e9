"""Laporan Kinerja (the quarterly and annual performance report) as PDF and XLSX.

Every number comes from ``performance.selectors.indicator_table``; nothing here computes a capaian.
"""

from performance.reports.data import PERIODS, Report, ReportPeriod, build_report, parse_period

__all__ = ["PERIODS", "Report", "ReportPeriod", "build_report", "parse_period"]
