"""Impossible values never enter through a file (issue 11, sections 2 and 5), and no real run is lost or zeroed.

A file whose activity cannot have happened is refused with the reason; one impossible value inside a plausible
activity is dropped and the report says so. The files are written here, small, one defect each.
"""

from __future__ import annotations

import dataclasses
import io
import math
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footwork.activities import services
from footwork.activities.importers import (
    ASSUMED_RUN_NOTE,
    ActivityFile,
    ImportRefused,
    ParsedActivity,
    ParsedFile,
    fit,
    iter_strava_archive,
    parse_bytes,
    parse_file,
    read_upload,
)
from footwork.activities.importers.fit_bulk import iter_files
from footwork.activities.models import ImportBatch, Run
from footwork.activities.selectors import load_sessions
from footwork.activities.tests.archives import zipped
from footwork.core import bounds
from footwork.core.errors import InvalidInput

FIXTURES = Path(__file__).parent / "fixtures"
START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
# 3 m/s (5:33 /km) northwards: one degree of latitude is 111.2 km.
STEP_S, STEP_DEG = 5, 15 / 111_195


def gpx(
    n: int = 60,
    *,
    sport: str | None = "running",
    start: datetime = START,
    step_s: float = STEP_S,
    step_deg: float = STEP_DEG,
    point: dict[int, dict[str, str]] | None = None,
    head: str = "",
) -> bytes:
    """A GPX track of n points; point[i] replaces point i's lat, lon, ele, hr or time (text as written)."""
    rows = []
    for i in range(n):
        values = {
            "lat": f"{45 + i * step_deg:.7f}",
            "lon": "14.0",
            "ele": f"{300 + i % 5}",
            "hr": "150",
            "time": (start + timedelta(seconds=i * step_s)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            **(point or {}).get(i, {}),
        }
        rows.append(
            f'<trkpt lat="{values["lat"]}" lon="{values["lon"]}"><ele>{values["ele"]}</ele>'
            f"<time>{values['time']}</time><extensions><gpxtpx:TrackPointExtension>"
            f"<gpxtpx:hr>{values['hr']}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>"
        )
    kind = f"<type>{sport}</type>" if sport is not None else ""
    return (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="urn:tpx" creator="test">'
        f"{head}<trk>{kind}<trkseg>{''.join(rows)}</trkseg></trk></gpx>"
    ).encode()


def tcx(
    n: int = 60,
    *,
    sport: str = "Running",
    distance: dict[int, str] | None = None,
    hr: dict[int, str] | None = None,
    lap: str = "<TotalTimeSeconds>295</TotalTimeSeconds><DistanceMeters>885</DistanceMeters>",
    with_distance: bool = True,
) -> bytes:
    """A TCX activity of n points at 3 m/s; distance[i] and hr[i] replace point i's values (text as written)."""
    points = []
    for i in range(n):
        when = (START + timedelta(seconds=i * STEP_S)).strftime("%Y-%m-%dT%H:%M:%SZ")
        metres = (distance or {}).get(i, f"{i * 15.0:.1f}")
        beat = (hr or {}).get(i, "150")
        moved = f"<DistanceMeters>{metres}</DistanceMeters>" if with_distance else ""
        points.append(
            f"<Trackpoint><Time>{when}</Time>{moved}<HeartRateBpm><Value>{beat}</Value></HeartRateBpm></Trackpoint>"
        )
    return (
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{START.isoformat()}</Id>'
        f'<Lap StartTime="{START.isoformat()}">{lap}<Track>{"".join(points)}</Track></Lap>'
        "</Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse_bytes(name, data)
    return caught.value.reason


def in_bounds(activity: ParsedActivity) -> None:
    """Every stored number of the activity within its bound (NaN only where a channel is absent)."""
    track = activity.track
    for column, bound in (
        (track.altitude_m, bounds.ELEVATION),
        (track.heart_rate, bounds.HEART_RATE),
        (track.cadence, bounds.CADENCE),
        (track.distance_m, bounds.ACTIVITY_DISTANCE),
    ):
        present = column[~np.isnan(column)].astype(np.float64)
        assert all(bound.contains(float(value)) for value in present), (bound.name, present.max())
    assert bounds.ACTIVITY_DISTANCE.contains(activity.distance_m)
    assert bounds.ACTIVITY_DURATION.contains(activity.elapsed_s)
    assert 0 <= activity.moving_s <= activity.elapsed_s
    assert bounds.check_start(activity.start) is None
    for value, bound in (
        (activity.avg_hr, bounds.HEART_RATE),
        (activity.max_hr, bounds.HEART_RATE),
        (activity.avg_cadence, bounds.CADENCE),
        (activity.elevation_gain_m, bounds.ELEVATION_GAIN),
    ):
        assert value is None or bound.contains(value)


# --- The bounds module -------------------------------------------------------------------------------------------


def test_bounds_word_their_refusals_and_refuse_nan_and_infinity():
    assert bounds.HEART_RATE.check(140) is None
    assert bounds.HEART_RATE.check(900) == "heart rate 900 bpm is above 250 bpm"
    assert bounds.ACTIVITY_DISTANCE.check(-5) == "distance -5 m is below 0 m"
    assert bounds.ACTIVITY_DISTANCE.check(math.inf) == "distance is infinite"
    assert bounds.ELEVATION.check(math.nan) == "elevation is not a number"
    assert bounds.ELEVATION.check(1e308) == "elevation 1e+308 m is above 9,000 m"
    assert bounds.ACTIVITY_DURATION.check(0) == "duration 0 s is not more than 0 s"
    assert bounds.ACTIVITY_DURATION.check(100 * 86400) == "duration 100 days is above 48 hours"
    assert bounds.RPE.check(3.5) == "effort (RPE) 3.5 is not a whole number"
    assert bounds.HEART_RATE.check(900, "average heart rate") == "average heart rate 900 bpm is above 250 bpm"


def test_dates_are_bounded_by_1970_and_the_callers_today():
    today = date(2026, 12, 2)
    assert bounds.ACTIVITY_DATE.check(today, today=today) is None
    assert (
        bounds.ACTIVITY_DATE.check(date(1969, 12, 31), today=today)
        == "date Wed 31 Dec 1969 is before Thu 1 Jan 1970"
    )
    assert bounds.ACTIVITY_DATE.check(date(2026, 12, 3), today=today) == "date Thu 3 Dec is in the future"
    assert (
        bounds.RACE_DATE.check(date(2032, 1, 1), today=today)
        == "race date Thu 1 Jan 2032 is after Mon 1 Dec 2031"
    )
    now = datetime(2026, 12, 2, 12, tzinfo=UTC)
    # A day of slack for the runner's zone and a fast device clock, no more.
    assert bounds.check_start(now + timedelta(hours=23), now=now) is None
    assert bounds.check_start(now + timedelta(hours=25), now=now) == "it starts on 2026-12-03, in the future"


# --- Impossible activities are refused with the reason -----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        (datetime(2035, 6, 1, tzinfo=UTC), "impossible activity: it starts on 2035-06-01, in the future"),
        (datetime(9999, 1, 1, tzinfo=UTC), "impossible activity: it starts on 9999-01-01, in the future"),
        (datetime(1900, 1, 1, tzinfo=UTC), "impossible activity: it starts on 1900-01-01, before 1970-01-01"),
    ],
)
def test_a_gpx_dated_in_the_future_or_before_1970_is_refused(start, reason):
    assert refusal("run.gpx", gpx(start=start)) == reason


def test_ten_thousand_km_in_ten_seconds_is_refused():
    # Two points, a quarter of the earth apart, 10 s apart.
    reason = refusal("run.gpx", gpx(2, step_s=10, step_deg=-90))
    assert reason.startswith("impossible activity: 1 of its 1 moves between points are faster than 15 m/s")
    assert "(the fastest: 10,007.6 km in 10 s)" in reason


def test_a_hundred_day_run_is_refused():
    reason = refusal("run.gpx", gpx(10, step_s=100 * 86400 / 9, step_deg=0.0001))
    assert reason == "impossible activity: duration 100 days is above 48 hours"


def test_a_run_faster_than_any_runner_is_refused():
    # 14 m/s steady: no step is a GPS jump, but nobody runs that fast for five minutes.
    reason = refusal("run.gpx", gpx(60, step_deg=70 / 111_195))
    assert reason == "impossible activity: a run's average speed 14 m/s is above 12 m/s"
    # 20 m/s: every step is a jump.
    reason = refusal("run.gpx", gpx(60, step_deg=100 / 111_195))
    assert reason.startswith("impossible activity: 59 of its 59 moves between points are faster than 15 m/s")


def test_a_gpx_whose_points_are_all_off_the_map_is_refused():
    off = {i: {"lat": "95"} for i in range(60)}
    assert refusal("run.gpx", gpx(point=off)).startswith(
        "impossible activity: 60 of its 60 positions are off the map"
    )


def test_a_tcx_with_negative_or_infinite_distance_everywhere_is_refused():
    negative = refusal("run.tcx", tcx(distance={i: f"{-i * 15}" for i in range(1, 60)}, lap=""))
    assert negative.startswith(
        "impossible activity: 59 of its 60 distance samples are outside 0 m to 1,000 km"
    )
    infinite = refusal("run.tcx", tcx(distance=dict.fromkeys(range(60), "INF"), lap=""))
    assert infinite.startswith("impossible activity: 60 of its 60 distance samples are outside")


def test_a_tcx_lap_of_ten_thousand_km_is_left_out_and_a_track_that_far_refused():
    far = tcx(lap="<TotalTimeSeconds>295</TotalTimeSeconds><DistanceMeters>1e10</DistanceMeters>")
    activity = parse_bytes("run.tcx", far)
    assert activity.distance_m == pytest.approx(885)
    assert activity.notes == (
        "ignored the laps' distance (a lap's distance 10,000,000 km is above 1,000 km)",
    )


# --- One impossible value inside a plausible activity is dropped and named -----------------------------------------


@pytest.mark.parametrize(
    ("point", "note"),
    [
        ({"lat": "95"}, "dropped 1 position off the map"),
        ({"lat": "NaN", "lon": "NaN"}, "dropped 1 position off the map"),
        ({"ele": "1e308"}, "dropped 1 elevation sample above 9,000 m"),
        ({"ele": "NaN"}, "dropped 1 elevation sample (not a number)"),
        ({"hr": "900"}, "dropped 1 heart-rate sample above 250 bpm"),
        ({"hr": "inf"}, "dropped 1 heart-rate sample (not a number)"),
        ({"lat": "46.0"}, "dropped 2 moves between points faster than 15 m/s"),
    ],
)
def test_one_impossible_gpx_value_is_dropped_and_noted(point, note):
    activity = parse_bytes("run.gpx", gpx(point={30: point}))
    assert [text for text in activity.notes if text.startswith(note)] != [], activity.notes
    in_bounds(activity)
    # The rest of the run is whole: 59 steps of 15 m, less the one or two the dropped point took part in.
    assert 56 * 15 <= activity.distance_m <= 59 * 15 + 1
    assert activity.max_hr == 150


def test_one_900_bpm_sample_in_a_tcx_is_dropped():
    activity = parse_bytes("run.tcx", tcx(hr={10: "900"}))
    assert activity.notes == ("dropped 1 heart-rate sample above 250 bpm",)
    assert activity.max_hr == 150
    assert np.nanmax(activity.track.heart_rate) == 150


def test_one_negative_or_infinite_tcx_distance_sample_is_dropped():
    activity = parse_bytes("run.tcx", tcx(distance={10: "-5", 20: "Infinity"}, lap=""))
    assert set(activity.notes) == {
        "dropped 1 distance sample below 0 m",
        "dropped 1 distance sample (not a number)",
    }
    assert activity.distance_m == pytest.approx(59 * 15)


def test_a_spike_in_a_devices_distance_is_dropped_without_shrinking_the_rest():
    # 1,000 m written for 15 m at point 20, then the count goes on: no point may end up below zero or behind.
    activity = parse_bytes("run.tcx", tcx(distance={20: "1000"}, lap=""))
    assert activity.notes == ("dropped 1 move between points faster than 15 m/s",)
    column = activity.track.distance_m
    assert (np.diff(column) >= 0).all()
    assert 56 * 15 <= activity.distance_m <= 59 * 15


def test_fit_values_are_bounded_after_decoding_whichever_decoder(monkeypatch):
    data = (FIXTURES / "fit" / "Fr955v19.28andStryd.fit").read_bytes()
    content = next(iter_files(data))
    columns = dict(content.columns)
    columns["hr"] = columns["hr"].copy()
    columns["hr"][100] = 900.0
    columns["altitude"] = columns["altitude"].copy()
    columns["altitude"][200] = 1e308
    session = {**content.sessions[0], "avg_heart_rate": 900}
    broken = dataclasses.replace(content, columns=columns, sessions=[session])
    monkeypatch.setattr(fit, "first_activity", lambda _data: broken)
    activity = parse_bytes("run.fit", data)
    assert set(activity.notes) == {
        "dropped 1 heart-rate sample above 250 bpm",
        "dropped 1 elevation sample above 9,000 m",
        "ignored the file's average heart rate 900 bpm is above 250 bpm",
    }
    in_bounds(activity)


def parsed_or_refused(name: str, data: bytes) -> None:
    """The file parses to an activity within every bound, or is refused with a reason: nothing else."""
    try:
        activity = parse_bytes(name, data)
    except ImportRefused as refused:
        reason = refused.reason
    else:
        in_bounds(activity)
        return
    assert reason


FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    ["NaN", "inf", "-inf", "1e308", "-0"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(["lat", "lon", "ele", "hr"]),
    values=st.lists(FLOATS, min_size=1, max_size=4),
    where=st.lists(st.integers(0, 19), min_size=1, max_size=4),
)
def test_any_float_in_a_gpx_never_crashes_and_never_stores_an_impossible_value(field, values, where):
    point = {index: {field: str(value)} for index, value in zip(where, values, strict=False)}
    parsed_or_refused("run.gpx", gpx(20, point=point))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(["distance", "hr", "lap"]),
    values=st.lists(FLOATS, min_size=1, max_size=4),
    where=st.lists(st.integers(0, 19), min_size=1, max_size=4),
)
def test_any_float_in_a_tcx_never_crashes_and_never_stores_an_impossible_value(field, values, where):
    changed = {index: str(value) for index, value in zip(where, values, strict=False)}
    if field == "lap":
        data = tcx(
            20,
            lap=f"<TotalTimeSeconds>{values[0]}</TotalTimeSeconds><DistanceMeters>{values[-1]}</DistanceMeters>",
        )
    elif field == "distance":
        data = tcx(20, distance=changed)
    else:
        data = tcx(20, hr=changed)
    parsed_or_refused("run.tcx", data)


# --- No real run is lost or zeroed ---------------------------------------------------------------------------------


def test_an_unlabelled_gps_track_at_running_speed_is_an_assumed_run():
    activity = parse_bytes("suunto.gpx", gpx(sport=None))
    assert (activity.sport, activity.is_run, activity.sport_assumed) == ("running", True, True)
    parsed = parse_file(ActivityFile("suunto.gpx", gpx(sport=None)))
    assert parsed.activity is not None
    assert parsed.activity.sport_assumed


def test_an_unlabelled_walk_is_still_not_a_run():
    walk = gpx(sport=None, step_deg=6 / 111_195)  # 1.2 m/s
    assert parse_file(ActivityFile("walk.gpx", walk)).skipped == "other (not a run)"


@pytest.mark.parametrize(
    ("head", "sport"),
    [
        # The creator's own sport field (trails.io writes one), a Strava-style track name, the creating app.
        ("<metadata><extensions><trailsio:activity xmlns:trailsio='urn:t'>Cycling</trailsio:activity>"
         "</extensions></metadata>", "cycling"),
        ("<metadata><name>x</name></metadata>", "running"),
    ],
)  # fmt: skip
def test_the_files_own_sport_field_decides_before_the_speed(head, sport):
    activity = parse_bytes("track.gpx", gpx(sport=None, head=head))
    assert activity.sport == sport
    named = gpx(sport=None).replace(b"<trk>", b"<trk><name>Afternoon Ride</name>")
    assert (parse_bytes("ride.gpx", named).sport, parse_bytes("ride.gpx", named).sport_assumed) == (
        "cycling",
        False,
    )


def test_a_skipped_file_names_the_sport_the_file_gave():
    paddle = parse_file(ActivityFile("sup.gpx", gpx(sport="StandUpPaddleboarding")))
    assert paddle.skipped == "stand-up paddleboarding (not a run)"
    ride = parse_file(ActivityFile("ride.gpx", gpx(sport="Ride")))
    assert ride.skipped == "cycling (not a run)"


def test_a_treadmill_tcx_with_heart_rate_only_keeps_its_minutes():
    lap = "<TotalTimeSeconds>1800</TotalTimeSeconds><DistanceMeters>5000</DistanceMeters>"
    # Half an hour of heart rate every 5 s, and nothing else.
    activity = parse_bytes("treadmill.tcx", tcx(361, lap=lap, with_distance=False))
    assert (activity.moving_s, activity.distance_m) == (1800, 5000)
    no_lap_distance = parse_bytes(
        "treadmill.tcx", tcx(361, lap="<TotalTimeSeconds>1800</TotalTimeSeconds>", with_distance=False)
    )
    assert (no_lap_distance.moving_s, no_lap_distance.distance_m) == (1800, 0)
    no_laps = parse_bytes("treadmill.tcx", tcx(361, lap="", with_distance=False))
    assert no_laps.moving_s == no_laps.elapsed_s == 1800


# --- Section 5: sizes, empty zips, UTF-16 --------------------------------------------------------------------------


def test_a_too_large_file_is_worded_with_its_real_size(tmp_path):
    big = tmp_path / "big.fit"
    with big.open("wb") as out:
        # Sparse: 61.2 MB on paper, nothing on disk or in memory.
        out.truncate(int(61.2 * 1024 * 1024))
    with big.open("rb") as stream:
        entry = read_upload("big.fit", stream)
    assert isinstance(entry, ParsedFile)
    assert entry.refused == "the file is 61.2 MB, more than the 50 MB limit"


def test_an_empty_zip_says_it_held_no_activity():
    with pytest.raises(ImportRefused) as caught:
        list(iter_strava_archive(io.BytesIO(zipped({}))))
    assert caught.value.reason == "the zip is empty: it holds no activity files"
    only_csv = zipped({"activities.csv": b"Activity ID,Activity Type,Filename\n"})
    with pytest.raises(ImportRefused) as caught:
        list(iter_strava_archive(io.BytesIO(only_csv)))
    assert caught.value.reason == "activities.csv lists no activities: the export holds none"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_gpx_is_read_and_named_as_what_it_is(encoding):
    text = '<?xml version="1.0" encoding="UTF-16"?>' + gpx().decode()
    activity = parse_bytes("run.gpx", text.encode(encoding))
    assert activity.distance_m == pytest.approx(59 * 15, rel=0.01)
    # The wrong extension names the content, UTF-16 or not.
    assert refusal("run.tcx", text.encode(encoding)) == "not a TCX file: the content is a GPX file"


# --- Through the import: the report and the stored run -------------------------------------------------------------


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.FOOTWORK_IMPORT_INLINE = True


@pytest.mark.django_db
def test_the_report_names_what_was_dropped_and_assumed(cast, data_dir):
    files = [
        ("strap.tcx", tcx(hr={10: "900"})),
        ("suunto.gpx", gpx(sport=None, start=START + timedelta(days=1))),
    ]
    report = services.import_files(actor=cast.runner, files=files)
    notes = {outcome.name: outcome.notes for outcome in report.imported}
    assert notes == {
        "strap.tcx": ("dropped 1 heart-rate sample above 250 bpm",),
        "suunto.gpx": (ASSUMED_RUN_NOTE,),
    }
    assert report.as_document()["imported"][0]["notes"] == ("dropped 1 heart-rate sample above 250 bpm",)
    assumed = Run.objects.get(source_name="suunto.gpx")
    assert (assumed.sport, assumed.sport_assumed) == ("running", True)
    assert Run.objects.get(source_name="strap.tcx").max_hr == 150


@pytest.mark.django_db
def test_impossible_files_are_refused_in_the_report_and_none_stored(cast, data_dir):
    files = [("future.gpx", gpx(start=datetime(2035, 1, 1, tzinfo=UTC))), ("empty.zip", zipped({}))]
    report = services.import_files(actor=cast.runner, files=files)
    assert [(outcome.name, outcome.reason) for outcome in report.refused] == [
        ("future.gpx", "impossible activity: it starts on 2035-01-01, in the future"),
        ("empty.zip", "the zip is empty: it holds no activity files"),
    ]
    assert not Run.objects.exists()


@pytest.mark.django_db
def test_a_too_large_upload_is_reported_with_its_size(cast, data_dir, settings):
    settings.FOOTWORK_MAX_UPLOAD_BYTES = 1000
    report = services.import_files(actor=cast.runner, files=[("run.tcx", io.BytesIO(tcx()))])
    assert report.refused[0].reason == f"the file is {len(tcx())} bytes, more than the 1000 bytes limit"


@pytest.mark.django_db
def test_a_treadmill_run_is_stored_with_its_minutes_and_load(cast, data_dir):
    lap = "<TotalTimeSeconds>1800</TotalTimeSeconds><DistanceMeters>5000</DistanceMeters>"
    services.import_files(
        actor=cast.runner, files=[("treadmill.tcx", tcx(361, lap=lap, with_distance=False))]
    )
    run = Run.objects.get()
    assert run.moving_s == 1800
    (session,) = load_sessions(cast.runner, run.local_date, run.local_date)
    assert session.duration_min == 30


@pytest.mark.django_db
def test_the_runner_says_an_assumed_run_was_a_walk_and_it_leaves_the_load(cast, data_dir, client):
    services.import_files(actor=cast.runner, files=[("suunto.gpx", gpx(sport=None))])
    run = Run.objects.get()
    client.force_login(cast.runner)
    page = client.get(f"/runs/{run.pk}/").content.decode()
    assert "took it for a run by its speed" in page
    response = client.post(f"/runs/{run.pk}/sport/", {"sport": "walking"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.sport, run.sport_assumed) == ("walking", False)
    assert load_sessions(cast.runner, run.local_date, run.local_date) == []
    assert "not counted in running load" in client.get(f"/runs/{run.pk}/").content.decode()
    with pytest.raises(InvalidInput):
        services.set_run_sport(actor=cast.runner, run_id=run.pk, sport="flying")
    back = client.patch(f"/api/v1/runs/{run.pk}", {"sport": "running"}, content_type="application/json")
    assert back.status_code == 200, back.content
    assert (back.json()["sport"], back.json()["sport_assumed"]) == ("running", False)
    assert len(load_sessions(cast.runner, run.local_date, run.local_date)) == 1
    wrong = client.patch(f"/api/v1/runs/{run.pk}", {"sport": "flying"}, content_type="application/json")
    assert wrong.status_code == 422


@pytest.mark.django_db
def test_the_import_page_shows_the_notes(cast, data_dir, client):
    client.force_login(cast.runner)
    upload = io.BytesIO(tcx(hr={10: "900"}))
    upload.name = "strap.tcx"
    response = client.post("/runs/import/", {"files": [upload]})
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/runs/import/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "dropped 1 heart-rate sample above 250 bpm" in page
