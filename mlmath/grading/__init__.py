"""Grading: `mlmath grade` autogrades a class's submissions with nbgrader, several at a time."""
