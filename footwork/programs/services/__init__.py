"""Writes to programs and plans: loading templates, enrolling, pausing, resuming, ending, tailoring, moving and skipping."""

from __future__ import annotations

from footwork.programs.services.building import (
    add_phase,
    add_prescription,
    add_session,
    create_program,
    current_session,
    remove_item,
    set_phase_days,
    start_own_plan,
)
from footwork.programs.services.loading import (
    ProgramLoadReport,
    exercise_facts,
    load_programs,
    read_programs_file,
)
from footwork.programs.services.plans import (
    end_plan,
    end_temporary_plan,
    enroll,
    enroll_through,
    pause_for_flare_up,
    pause_plan,
    record_change,
    resume_after_flare_up,
    resume_plan,
)
from footwork.programs.services.tailoring import (
    PRESCRIPTION_FIELDS,
    editable_program,
    move_session,
    skip_session,
    update_prescription,
)

__all__ = [
    "PRESCRIPTION_FIELDS",
    "ProgramLoadReport",
    "add_phase",
    "add_prescription",
    "add_session",
    "create_program",
    "current_session",
    "editable_program",
    "end_plan",
    "end_temporary_plan",
    "enroll",
    "enroll_through",
    "exercise_facts",
    "load_programs",
    "move_session",
    "pause_for_flare_up",
    "pause_plan",
    "read_programs_file",
    "record_change",
    "remove_item",
    "resume_after_flare_up",
    "resume_plan",
    "set_phase_days",
    "skip_session",
    "start_own_plan",
    "update_prescription",
]
