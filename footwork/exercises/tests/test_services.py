from __future__ import annotations

import pytest

from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.exercises.domain import LibraryError
from footwork.exercises.models import Exercise, ExerciseLink
from footwork.exercises.services import create_private_exercise, load_library, update_private_exercise
from footwork.exercises.tests.factories import record, small_library, write_library

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Exercise.objects.values_list("slug", "name", "dose_min", "dose_max", "retired", "updated_at")),
        sorted(ExerciseLink.objects.values_list("source__slug", "target__slug", "kind", "reason")),
    )


def test_loading_twice_changes_nothing_and_duplicates_nothing(tmp_path):
    path = write_library(tmp_path / "lib.yaml", small_library())
    first = load_library(path)
    assert len(first.created) == 4
    before = snapshot()
    second = load_library(path)
    assert second.created == second.updated == []
    assert len(second.unchanged) == 4
    assert snapshot() == before
    assert Exercise.objects.count() == 4
    assert ExerciseLink.objects.count() == 4


def test_a_changed_record_is_updated_and_links_follow(tmp_path):
    records = small_library()
    load_library(write_library(tmp_path / "lib.yaml", records))
    records[0]["dosage"]["min"] = records[0]["dosage"]["max"] = 20
    records[0]["progressions"] = []
    report = load_library(write_library(tmp_path / "lib.yaml", records))
    assert report.updated == ["double-leg-heel-raise"]
    assert Exercise.objects.get(slug="double-leg-heel-raise").dose_min == 20
    assert not ExerciseLink.objects.filter(source__slug="double-leg-heel-raise").exists()


def test_a_record_removed_from_the_file_is_retired_not_deleted(tmp_path):
    load_library(write_library(tmp_path / "lib.yaml", small_library()))
    report = load_library(write_library(tmp_path / "lib.yaml", small_library()[:3]))
    assert report.retired == ["seated-soleus-raise"]
    assert Exercise.objects.get(slug="seated-soleus-raise").retired


def test_a_bad_file_is_refused_whole_and_nothing_stored_is_lost(tmp_path):
    load_library(write_library(tmp_path / "lib.yaml", small_library()))
    before = snapshot()
    records = small_library()
    records[0]["name"] = "Renamed, but the file is bad"
    records[3]["targets"] = ["wings"]
    with pytest.raises(LibraryError) as caught:
        load_library(write_library(tmp_path / "lib.yaml", records))
    assert str(caught.value) == (
        "seated-soleus-raise: targets: unknown value 'wings'; choose from intrinsic-foot, extrinsic-foot, "
        "gastrocnemius, soleus, achilles, plantar-fascia, tibialis-anterior, tibialis-posterior, peroneals, "
        "glute-max, glute-med, hamstrings, quadriceps, core"
    )
    assert snapshot() == before


def test_malformed_yaml_and_missing_files_are_refused(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("exercises: [unclosed")
    with pytest.raises(LibraryError, match="not valid YAML"):
        load_library(broken)
    with pytest.raises(LibraryError, match="cannot be read"):
        load_library(tmp_path / "missing.yaml")
    assert not Exercise.objects.exists()


def test_a_coach_adds_and_edits_a_private_exercise(cast, library):
    exercise = create_private_exercise(
        actor=cast.coach,
        record=record(
            slug="", name="Towel heel raise", regressions=[{"slug": "seated-soleus-raise", "reason": "x"}]
        ),
    )
    assert exercise.slug == "towel-heel-raise"
    assert exercise.owner == cast.coach
    update_private_exercise(actor=cast.coach, slug=exercise.slug, changes={"dosage": {"min": 8, "max": 12}})
    exercise.refresh_from_db()
    assert (exercise.dose_min, exercise.dose_max, exercise.sets) == (8, 12, 3)


def test_runners_cannot_add_exercises_and_the_shipped_library_is_read_only(cast, library):
    with pytest.raises(NotAllowed):
        create_private_exercise(actor=cast.runner, record=record(slug="", name="Mine"))
    with pytest.raises(NotAllowed):
        update_private_exercise(actor=cast.coach, slug="double-leg-heel-raise", changes={"name": "Hacked"})
    assert Exercise.objects.get(slug="double-leg-heel-raise").name == "Double-leg heel raise"


def test_a_coach_cannot_edit_or_link_to_another_coachs_exercise(cast, library):
    theirs = create_private_exercise(actor=cast.other_coach, record=record(slug="", name="Secret drill"))
    with pytest.raises(NotFound):
        update_private_exercise(actor=cast.coach, slug=theirs.slug, changes={"name": "Mine now"})
    with pytest.raises(InvalidInput, match="unknown exercise 'secret-drill'"):
        create_private_exercise(
            actor=cast.coach,
            record=record(slug="", name="Copy", progressions=[{"slug": theirs.slug, "reason": "x"}]),
        )


def test_a_private_exercise_cannot_close_a_loop_in_the_chain(cast, library):
    with pytest.raises(InvalidInput, match="loops"):
        create_private_exercise(
            actor=cast.coach,
            record=record(
                slug="",
                name="Middle",
                progressions=[{"slug": "double-leg-heel-raise", "reason": "x"}],
                regressions=[{"slug": "loaded-single-leg-heel-raise", "reason": "y"}],
            ),
        )
    assert not Exercise.objects.filter(owner=cast.coach).exists()


def test_an_invalid_edit_changes_nothing(cast, library):
    exercise = create_private_exercise(actor=cast.coach, record=record(slug="", name="Mine"))
    with pytest.raises(InvalidInput, match=r"dosage\.min"):
        update_private_exercise(actor=cast.coach, slug=exercise.slug, changes={"dosage": {"min": -4}})
    exercise.refresh_from_db()
    assert exercise.dose_min == 15


def test_library_load_refuses_a_slug_taken_by_a_private_exercise(cast, tmp_path):
    create_private_exercise(actor=cast.coach, record=record(slug="seated-soleus-raise", name="Mine"))
    with pytest.raises(LibraryError, match="private exercise"):
        load_library(write_library(tmp_path / "lib.yaml", small_library()))
