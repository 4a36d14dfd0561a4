"""Spreadsheet exports of lists and reports, described as plain data and built from it."""
