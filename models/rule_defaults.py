"""The shipped default of every rule parameter (RULES.md); seeds/rules.py seeds these.

A rule set in the store overrides them; the parsers in models/rule_params.py fill in what a
stored rule set leaves out from here, and from nowhere else.
"""

HANDLING_ORDER = ("routine", "general", "major")

DEADLINE = {
    "levels": {
        "routine": {"deadline_days": 3, "response_hours": 24},
        "general": {"deadline_days": 15, "response_hours": 24},
        "major": {"deadline_days": 30, "response_hours": 24},
    },
    "wish": {"claim_window_days": 10, "fulfil_working_days": 15, "claim_limit": 3},
    # An overdue micro-affair goes one step along this order (常规 → 一般 → 联席).
    "escalation": list(HANDLING_ORDER),
}

CLEARANCE = {
    "weights": {"response_rate": 0.1, "resolution_rate": 0.5, "satisfaction_rate": 0.4},
    "basically_satisfied_factor": 0.9,
    "red_list_size": 5,
    "black_list_size": 5,
}

RATING = {
    "period": "year",
    "scale": 1000,
    "criteria": {
        "on_time_rate": 0.25,
        "satisfaction_rate": 0.25,
        "resolution_rate": 0.2,
        "projects_accepted": 0.1,
        "volunteer_hours": 0.1,
        "volume_handled": 0.1,
    },
    "bands": [
        {"stars": 5, "min": 900},
        {"stars": 4, "min": 800},
        {"stars": 3, "min": 700},
        {"stars": 2, "min": 600},
        {"stars": 1, "min": 500},
    ],
    "rewards": {"5": 60000, "4": 40000, "3": 20000, "2": 0, "1": 0},
    "unrated_periods_to_flag": 2,
    "basically_satisfied_factor": 0.9,
    # Yearly amounts that earn a counted criterion's full points; a quarter needs a quarter.
    "targets": {
        "projects_accepted": 4,
        "volunteer_hours": 1000,
        "volume_handled": 100,
        "funds_raised": 20000,  # yuan a year; only counts where a rule set weights it
    },
    # Days the published ratings stand on the bulletin for objections (公示) before they hold.
    "objection_days": 7,
}

VOLUNTEER_STARS = {"thresholds": [100, 300, 600, 1000, 1500], "cap_hours_per_activity": None}

DEFAULTS = {
    "deadline": DEADLINE,
    "clearance": CLEARANCE,
    "rating": RATING,
    "volunteer_stars": VOLUNTEER_STARS,
}
