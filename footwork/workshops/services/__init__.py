"""The workshops' writes: a coach's publishing, lessons, codes and announcements (publishing.py); a runner's joining,
sharing and reading (joining.py)."""

from __future__ import annotations

from footwork.workshops.services.joining import (
    WRONG_CODE,
    join_workshop,
    mark_lesson_read,
    share_data,
    share_source,
)
from footwork.workshops.services.publishing import (
    DEFAULT_JOIN_WINDOW_DAYS,
    EDITABLE_FIELDS,
    LESSON_FIELDS,
    add_lesson,
    edit_lesson,
    make_codes,
    post_announcement,
    publish_workshop,
    remove_lesson,
    republish_workshop,
    set_cover,
    set_lesson_media,
    unpublish_workshop,
    update_workshop,
)

__all__ = [
    "DEFAULT_JOIN_WINDOW_DAYS",
    "EDITABLE_FIELDS",
    "LESSON_FIELDS",
    "WRONG_CODE",
    "add_lesson",
    "edit_lesson",
    "join_workshop",
    "make_codes",
    "mark_lesson_read",
    "post_announcement",
    "publish_workshop",
    "remove_lesson",
    "republish_workshop",
    "set_cover",
    "set_lesson_media",
    "share_data",
    "share_source",
    "unpublish_workshop",
    "update_workshop",
]
