from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

BASE_RECORD: dict[str, Any] = {
    "slug": "double-leg-heel-raise",
    "name": "Double-leg heel raise",
    "summary": "Rise onto the balls of both feet and lower slowly.",
    "category": "strength",
    "targets": ["gastrocnemius", "soleus"],
    "equipment": ["wall"],
    "difficulty": 1,
    "per_side": False,
    "dosage": {
        "sets": 3,
        "kind": "reps",
        "min": 15,
        "max": 15,
        "per_side": False,
        "unit": "",
        "tempo": "2-1-2",
        "rest_seconds": 60,
        "load": "",
    },
    "instructions": ["Stand tall.", "Rise up.", "Lower slowly."],
    "cue": "Push through the big toe.",
    "safety": "Keep a hand on the wall.",
    "why": "Builds calf capacity.",
    "contraindications": [],
    "progressions": [],
    "regressions": [],
    "evidence": "",
}


def record(**overrides: Any) -> dict[str, Any]:
    """A valid library record, changed by keyword (dosage keys may be given as dosage={...} to merge)."""
    data = copy.deepcopy(BASE_RECORD)
    dosage = overrides.pop("dosage", {})
    data.update(overrides)
    data["dosage"] = {**data["dosage"], **dosage} if isinstance(dosage, dict) else dosage
    return data


def small_library() -> list[dict[str, Any]]:
    """A three-step heel-raise chain and a soleus exercise: enough for services, views and the API."""
    return [
        record(
            progressions=[{"slug": "single-leg-heel-raise", "reason": "When 3x15 is easy."}],
        ),
        record(
            slug="single-leg-heel-raise",
            name="Single-leg heel raise",
            summary="One foot at a time.",
            difficulty=2,
            per_side=True,
            dosage={"per_side": True, "min": 10, "max": 15},
            progressions=[{"slug": "loaded-single-leg-heel-raise", "reason": "When 3x15 each side is easy."}],
            regressions=[{"slug": "double-leg-heel-raise", "reason": "If it hurts above 5/10."}],
        ),
        record(
            slug="loaded-single-leg-heel-raise",
            name="Loaded single-leg heel raise",
            summary="With a backpack.",
            difficulty=3,
            per_side=True,
            equipment=["weight", "step"],
            dosage={"per_side": True, "load": "Backpack, +2 kg a week"},
            regressions=[{"slug": "single-leg-heel-raise", "reason": "If the load is too much."}],
        ),
        record(
            slug="seated-soleus-raise",
            name="Seated soleus raise",
            summary="Bent-knee raise for the soleus.",
            targets=["soleus"],
            equipment=["weight"],
            difficulty=2,
        ),
    ]


def write_library(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump({"version": 1, "exercises": records}, sort_keys=False))
    return path


def shipped_exercises(*slugs: str) -> None:
    """Add bare shipped exercises by slug (for tests that need a few more than the small library)."""
    from footwork.exercises.models import Exercise
    from footwork.exercises.services import ensure_vocabulary

    ensure_vocabulary()
    for slug in slugs:
        if not Exercise.objects.filter(slug=slug).exists():
            exercise = Exercise.objects.create(
                slug=slug, name=slug.replace("-", " ").capitalize(), summary="Test.", category="isometric", difficulty=1,
                per_side=True, sets=3, dose_kind="hold_seconds", dose_min=30, dose_max=45, dose_per_side=True,
                rest_seconds=60, instructions=["Do it."], cue="Cue.", safety="Safe.", why="Why.",
            )  # fmt: skip
            exercise.targets.set(["soleus"])
            exercise.equipment.set(["none"])
