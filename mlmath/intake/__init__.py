"""Intake: turning files downloaded from a learning-management system into nbgrader's `submitted/` tree."""
