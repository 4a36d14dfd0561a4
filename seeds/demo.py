"""Deterministic demo data (to be completed)."""


def generate_demo(size="full", seed=2026):
    return {}
