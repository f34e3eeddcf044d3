"""The demo's photo: Alex's demonstration of the isometric calf hold in Maya's Achilles plan, drawn here with Pillow
(no image file is kept in the repository) and added through the exercise services.

Idempotent: a coach who has any photo on that exercise gets none added.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image, ImageDraw

from footwork.accounts.models import User
from footwork.exercises.models import Exercise, ExerciseMedia
from footwork.exercises.services import add_media

DEMO_EXERCISE = "isometric-calf-hold"
CAPTION = "Heels high, knee straight, hold still: a wall for balance, not for weight."


def demonstration_photo() -> bytes:
    """A 480 × 320 drawing of a runner on the balls of one foot by a wall, as a PNG."""
    image = Image.new("RGB", (480, 320), (244, 246, 248))
    draw = ImageDraw.Draw(image)
    draw.rectangle((380, 20, 400, 300), fill=(180, 186, 194))  # the wall
    draw.line((20, 300, 460, 300), fill=(90, 96, 104), width=4)  # the floor
    draw.ellipse((225, 40, 265, 80), fill=(40, 90, 160))  # head
    draw.line((245, 80, 245, 190), fill=(40, 90, 160), width=10)  # body
    draw.line((245, 110, 380, 120), fill=(40, 90, 160), width=8)  # arm to the wall
    draw.line((245, 190, 250, 282), fill=(40, 90, 160), width=10)  # standing leg, knee straight
    draw.line((250, 282, 275, 296), fill=(40, 90, 160), width=8)  # foot on its ball, heel high
    draw.line((245, 190, 215, 240), fill=(40, 90, 160), width=10)  # the other leg, bent away
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def add_demo_media(*, coach: str, say: Callable[[str], None] = print) -> None:
    """The coach's demonstration photo of DEMO_EXERCISE, if the library holds it and the coach has none there yet."""
    alex = User.objects.select_related("coach_profile").get(email=coach)
    exercise = Exercise.objects.filter(slug=DEMO_EXERCISE, owner__isnull=True).first()
    if exercise is None or ExerciseMedia.objects.filter(exercise=exercise, owner=alex).exists():
        return
    add_media(actor=alex, slug=DEMO_EXERCISE, data=demonstration_photo(), caption=CAPTION)
    say(f"  {alex.display_name}'s demonstration photo on “{exercise.name}”")
