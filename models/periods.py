"""The text forms of months and rating periods, for field validation (parsed in weimin.core)."""

MONTH_PATTERN = r"^(\d{4})-(0[1-9]|1[0-2])$"
PERIOD_PATTERN = r"^(\d{4})(?:-Q([1-4]))?$"
