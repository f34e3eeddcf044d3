from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def program_record(**overrides: Any) -> dict[str, Any]:
    """A valid two-week daily program over the small test library."""
    record: dict[str, Any] = {
        "slug": "test-daily",
        "name": "Test daily",
        "goal": "Stronger calves.",
        "audience": "Test runners.",
        "description": "Pain during up to 5/10 is fine.",
        "duration_weeks": 2,
        "phases": [
            {
                "name": "Daily",
                "weeks": 2,
                "days": {"weekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
                "notes": "",
                "sessions": [
                    {
                        "name": "Calves",
                        "minutes": 10,
                        "prescriptions": [
                            {
                                "exercise": "single-leg-heel-raise",
                                "sets": 2,
                                "kind": "reps",
                                "amount": 10,
                                "per_side": True,
                                "load_kg": None,
                                "load": "",
                                "tempo": "2-0-2",
                                "rest_seconds": 30,
                                "notes": "",
                                "progression": {
                                    "add": 2,
                                    "every_weeks": 1,
                                    "up_to": 14,
                                    "then": "next_exercise",
                                },
                            },
                            {
                                "exercise": "seated-soleus-raise",
                                "sets": 1,
                                "kind": "reps",
                                "amount": 15,
                                "per_side": False,
                                "load_kg": 10,
                                "load": "",
                                "tempo": "",
                                "rest_seconds": 30,
                                "notes": "",
                                "progression": None,
                            },
                        ],
                    }
                ],
            }
        ],
    }
    record.update(overrides)
    return record


def write_programs(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump({"version": 1, "programs": records}, sort_keys=False, allow_unicode=True))
    return path
