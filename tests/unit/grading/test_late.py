"""The late penalty: a percentage of the score per started day late, capped."""

from __future__ import annotations

import pytest

from mlmath.grading.late import SECONDS_PER_DAY, LatePenalty, penalty


@pytest.mark.parametrize(("seconds_late", "lost"), [
    (-3600, 0.0),  # early
    (0, 0.0),  # exactly on time
    (1, 1.0),  # one second late starts a day
    (SECONDS_PER_DAY, 1.0),  # a whole day is still one started day
    (SECONDS_PER_DAY + 1, 2.0),
    (3.5 * SECONDS_PER_DAY, 4.0),
])
def test_every_started_day_costs_the_percentage(seconds_late, lost):
    assert penalty(10.0, seconds_late, percent_per_day=10, max_percent=100) == pytest.approx(lost)


def test_the_penalty_stops_at_the_maximum():
    assert penalty(10.0, 30 * SECONDS_PER_DAY, percent_per_day=10, max_percent=50) == pytest.approx(5.0)
    assert penalty(10.0, 30 * SECONDS_PER_DAY, percent_per_day=10, max_percent=100) == pytest.approx(10.0)


def test_a_zero_score_loses_nothing():
    assert penalty(0.0, 5 * SECONDS_PER_DAY, percent_per_day=10, max_percent=100) == 0.0


def test_the_plugin_uses_its_configured_rates():
    plugin = LatePenalty(percent_per_day=25.0, max_percent=60.0)
    assert plugin.late_submission_penalty("s1", 8.0, 2 * SECONDS_PER_DAY - 5) == pytest.approx(4.0)
    assert plugin.late_submission_penalty("s1", 8.0, 9 * SECONDS_PER_DAY) == pytest.approx(4.8)
    assert plugin.late_submission_penalty("s1", 8.0, 0) == 0
