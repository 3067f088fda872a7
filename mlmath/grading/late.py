"""The late-submission penalty, as an nbgrader plugin.

course_config.py selects it with `c.AssignLatePenalties.plugin_class = "mlmath.grading.late.LatePenalty"`,
so stock `nbgrader autograde` and `mlmath grade` apply the same penalty; the due dates come from
`c.MlmathGrade.due_dates`, which `mlmath grade` writes into the gradebook before grading.
"""

from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

SECONDS_PER_DAY = 24 * 60 * 60


def penalty(score: float, seconds_late: float, percent_per_day: float, max_percent: float) -> float:
    """Points lost: `percent_per_day` of the score for every started day late, at most `max_percent`."""
    if seconds_late <= 0:
        return 0.0
    days = math.ceil(seconds_late / SECONDS_PER_DAY)
    return score * min(max_percent, percent_per_day * days) / 100.0


class LatePenalty(LateSubmissionPlugin):
    """A percentage of the notebook's score per started day late (`c.LatePenalty.percent_per_day`)."""

    percent_per_day = Float(10.0, help="Percent of the score lost per started day late.").tag(config=True)
    max_percent = Float(100.0, help="The most a late submission can lose, in percent.").tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float:
        lost = penalty(score, total_seconds_late, self.percent_per_day, self.max_percent)
        if lost:
            self.log.warning("%s is %.0f s late: penalty %.2f of %.2f points", student_id, total_seconds_late,
                             lost, score)
        return lost
