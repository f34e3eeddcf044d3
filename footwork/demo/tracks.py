"""Watch files for the demo's recent runs: GPX tracks the demo imports through the real import pipeline.

The demo's runs are otherwise entered by hand, which leaves the run page and GET /api/v1/runs/{id} without a track.
The tracks are made here, not copied from the test fixtures (those keep their upstream licences and are test data
only): an out-and-back on Chicago's Lakefront Trail, a point every 5 seconds, pace wandering around the run's
average, heart rate settling in by effort and drifting up, cadence around 172 and the trail's few metres of rise.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

STEP_S = 5
# Lakefront Trail at 31st Street beach, heading north along the shore, then back.
START_LAT, START_LON = 41.8390, -87.6087
HEADING_DEG = 350.0
METRES_PER_DEGREE_LAT = 111_195.0


def watch_gpx(*, name: str, start: datetime, km: float, minutes: float, rpe: int, seed: int) -> bytes:
    """A GPX 1.1 file of one run starting at `start` (aware), `km` long in `minutes`, effort `rpe` (CR-10)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    total_s = int(minutes * 60)
    mean_speed = km * 1000 / total_s
    easy_hr = 128 + 5 * rpe  # an effort of 4 settles near 148 bpm, a 6 near 158
    half = km * 1000 / 2
    points = []
    covered = 0.0
    wander = 0.0
    for second in range(0, total_s + 1, STEP_S):
        # Out to the turn and back the same way: the position follows the distance covered.
        along = covered if covered <= half else 2 * half - covered
        north = along * math.cos(math.radians(HEADING_DEG))
        east = along * math.sin(math.radians(HEADING_DEG))
        lat = START_LAT + north / METRES_PER_DEGREE_LAT
        lon = START_LON + east / (METRES_PER_DEGREE_LAT * math.cos(math.radians(START_LAT)))
        warm = min(1.0, second / 600)  # ten minutes to settle in
        drift = 6 * second / max(total_s, 1)
        heart = round(102 + (easy_hr - 102) * warm + drift + rng.uniform(-2, 2))
        cadence = round(84 + 2 * warm + rng.uniform(-1, 1))  # strides a minute per foot, as watches record it
        elevation = 178 + 2.5 * math.sin(along / 900) + rng.uniform(-0.2, 0.2)
        when = (start + timedelta(seconds=second)).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(
            f'<trkpt lat="{lat:.6f}" lon="{lon:.6f}"><ele>{elevation:.1f}</ele><time>{when}</time>'
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{heart}</gpxtpx:hr>"
            f"<gpxtpx:cad>{cadence}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>"
        )
        wander = max(-0.08, min(0.08, wander + rng.uniform(-0.01, 0.01)))
        covered += mean_speed * (1 + wander) * STEP_S
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="Footwork demo" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<metadata><time>{start.strftime('%Y-%m-%dT%H:%M:%SZ')}</time></metadata>"
        f"<trk><name>{escape(name)}</name><type>running</type><trkseg>{''.join(points)}</trkseg></trk></gpx>\n"
    ).encode()
