"""Residents' own door: the self-service page, its consent, challenge and limits, following."""
