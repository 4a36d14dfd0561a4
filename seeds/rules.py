"""Default rule sets (RULES.md); every number here is configuration, versioned in the store."""

DEFAULT_RULE_SETS = (
    {
        "kind": "deadline",
        "code": "default",
        "name": "默认办理时限",
        "params": {
            "levels": {
                "routine": {"deadline_days": 3, "response_hours": 24},
                "general": {"deadline_days": 15, "response_hours": 24},
                "major": {"deadline_days": 30, "response_hours": 24},
            },
            "wish": {"claim_window_days": 10, "fulfil_working_days": 15},
            "escalation": ["routine", "general", "major"],
        },
    },
    {
        "kind": "clearance",
        "code": "default",
        "name": "月月清零考核权重",
        "params": {
            "weights": {"response_rate": 0.1, "resolution_rate": 0.5, "satisfaction_rate": 0.4},
            "basically_satisfied_factor": 0.9,
            "red_list_size": 5,
            "black_list_size": 5,
        },
    },
    {
        "kind": "rating",
        "code": "default",
        "name": "星级评定标准",
        "params": {
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
        },
    },
    {
        "kind": "volunteer_stars",
        "code": "default",
        "name": "志愿者星级（累计时长）",
        "params": {"thresholds": [100, 300, 600, 1000, 1500], "cap_hours_per_activity": None},
    },
)
