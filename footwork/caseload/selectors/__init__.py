"""The caseload's reads: the roster (roster.py), a runner's workspace (workspace.py), the coach's private notes
(notes.py) and the timeline of everything dated (timeline.py)."""

from __future__ import annotations

from footwork.caseload.selectors.notes import NO_NOTE, note_document, note_for, notes_about, runner_for_notes
from footwork.caseload.selectors.roster import Decisions, roster, roster_document
from footwork.caseload.selectors.timeline import entry_document, timeline, timeline_window

__all__ = [
    "NO_NOTE",
    "Decisions",
    "entry_document",
    "note_document",
    "note_for",
    "notes_about",
    "roster",
    "roster_document",
    "runner_for_notes",
    "timeline",
    "timeline_window",
]
