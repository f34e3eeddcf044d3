"""Loading the shipped program templates from their data file, idempotently."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from footwork.core.datafile import DataFileError, read_yaml
from footwork.exercises.domain import Problem
from footwork.exercises.models import Exercise, ExerciseLink, LinkKind
from footwork.programs.domain import ExerciseFacts, ProgramError, ProgramSpec, parse_programs
from footwork.programs.models import Phase, Prescription, Program, ProgramSession


@dataclass
class ProgramLoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def exercise_facts() -> dict[str, ExerciseFacts]:
    with_progression = set(
        ExerciseLink.objects.filter(kind=LinkKind.PROGRESSION).values_list("source__slug", flat=True)
    )
    return {
        slug: ExerciseFacts(per_side=per_side, has_progression=slug in with_progression)
        for slug, per_side in Exercise.objects.filter(owner__isnull=True, retired=False).values_list(
            "slug", "per_side"
        )
    }


def read_programs_file(path: Path) -> list[ProgramSpec]:
    try:
        data = read_yaml(path)
    except DataFileError as error:
        raise ProgramError([Problem(str(path), "(file)", str(error))]) from error
    return parse_programs(data, exercise_facts())


def _build_tree(program: Program, spec: ProgramSpec) -> None:
    exercises = {item.slug: item for item in Exercise.objects.filter(owner__isnull=True)}
    program.phases.all().delete()
    for p_index, phase_spec in enumerate(spec.phases):
        phase = Phase.objects.create(
            program=program,
            position=p_index,
            name=phase_spec.name,
            weeks=phase_spec.weeks,
            weekdays="".join(str(day) for day in phase_spec.weekdays),
            every_days=phase_spec.every_days,
            notes=phase_spec.notes,
        )
        for s_index, session_spec in enumerate(phase_spec.sessions):
            session = ProgramSession.objects.create(
                phase=phase, position=s_index, name=session_spec.name, minutes=session_spec.minutes
            )
            for r_index, item in enumerate(session_spec.prescriptions):
                Prescription.objects.create(
                    session=session,
                    position=r_index,
                    exercise=exercises[item.exercise],
                    sets=item.sets,
                    kind=item.kind,
                    amount=item.amount,
                    per_side=item.per_side,
                    load_kg=item.load_kg,
                    load_note=item.load,
                    tempo=item.tempo,
                    rest_seconds=item.rest_seconds,
                    notes=item.notes,
                    progression=asdict(item.progression) if item.progression else None,
                )


def _fingerprint(spec: ProgramSpec) -> str:
    return hashlib.sha256(json.dumps(asdict(spec), sort_keys=True).encode()).hexdigest()


@transaction.atomic
def load_programs(path: Path | None = None) -> ProgramLoadReport:
    """Load the shipped program templates idempotently; a bad file is refused whole and nothing changes."""
    specs = read_programs_file(path or Path(settings.FOOTWORK_PROGRAMS_PATH))
    report = ProgramLoadReport()
    for spec in specs:
        program = Program.objects.filter(slug=spec.slug, is_template=True).first()
        if program is not None and program.owner_id is not None:
            raise ProgramError([Problem(spec.slug, "slug", "is already used by a coach's own program")])
        fingerprint = _fingerprint(spec)
        if program is not None and program.fingerprint == fingerprint:
            report.unchanged.append(spec.slug)
            continue
        (report.updated if program else report.created).append(spec.slug)
        program = program or Program(slug=spec.slug, is_template=True)
        for name in ("name", "goal", "audience", "description", "duration_weeks"):
            setattr(program, name, getattr(spec, name))
        program.fingerprint = fingerprint
        program.save()
        _build_tree(program, spec)
    return report
