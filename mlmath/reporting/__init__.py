"""Reporting: feedback for students, grade exports for the LMS, and a report for the teaching team."""
