"""Formatting shared by the renderers."""

from __future__ import annotations

from framing.render.text import date_range, day


def test_iso_timestamps_show_as_days_and_other_dates_as_given() -> None:
    assert day("2025-03-05 08:15:00") == "2025-03-05"
    assert day("2025-03-05T08:15:00+01:00") == "2025-03-05"
    assert day("2025-03-05") == "2025-03-05"
    assert day("5 March 2025") == "5 March 2025"
    assert date_range("2025-03-05 08:15:00", "2025-03-14") == "2025-03-05 to 2025-03-14"
    assert date_range("2025-03-05 08:15:00", "2025-03-05T23:00") == "2025-03-05"
    assert date_range("", "") == ""
