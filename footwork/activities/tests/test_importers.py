"""Activity-file import: real FIT, GPX and TCX files, the ways files go wrong, archives and the compact track.

Pure: bytes in, parsed activities out; no database. Fixtures are real public files (fixtures/README.md).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import pickle
import tracemalloc
import zipfile
import zlib
from datetime import UTC
from pathlib import Path

# fitdecode ships no type information.
import fitdecode  # type: ignore[import-untyped]
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footwork.activities.importers import (
    MAX_FILE_BYTES,
    ArchiveItem,
    ImportRefused,
    ParsedActivity,
    Track,
    iter_strava_archive,
    parse_bytes,
)
from footwork.activities.importers.archive import unsafe_path
from footwork.activities.importers.track import elevation_gain, moving_seconds
from footwork.activities.tests.archives import zipped

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(path: str) -> bytes:
    return (FIXTURES / path).read_bytes()


def parse_fixture(path: str) -> ParsedActivity:
    return parse_bytes(Path(path).name, fixture(path))


def refusal(name: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse_bytes(name, data, **kwargs)
    return caught.value.reason


def fitdecode_session(data: bytes) -> dict:
    """The first session message as fitdecode reads it: the reference our totals must match."""
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "session":
                return {field.name: field.value for field in frame.fields}
    raise AssertionError("no session")


def close(actual: float, expected: float, *, percent: float = 1.0, floor: float = 1.0) -> bool:
    """Within percent of expected, or within floor (seconds or metres) for very short activities."""
    return abs(actual - expected) <= max(abs(expected) * percent / 100, floor)


# file, sport, first-to-last record seconds from SOURCES.md
FIT_RUNS = [
    ("fit/Fr955v19.28andStryd.fit", "running", 3117),
    ("fit/3386684871.fit", "running", 1440),
    ("fit/10kUNLP2014-Garmin15.fit", "running", 2224),
    ("fit/2013-02-06-12-11-14.fit", "running", 2624),
    ("fit/Activity.fit", "running", 13),
    ("fit/HRV-Data.fit", "running", 4241),
    ("fit/Move_2020_01_15_19_27_16_Running.fit", "running", 1478),
    ("fit/activity-small-fenix2-run.fit", "running", 2833),
    ("fit/developer-types-sample.fit", "running", 3423),
    ("fit/garmin-fenix-5-run.fit", "running", 57),
]


@pytest.mark.parametrize(("path", "sport", "record_seconds"), FIT_RUNS)
def test_fit_run_matches_fitdecode_session_totals(path, sport, record_seconds):
    activity = parse_fixture(path)
    session = fitdecode_session(fixture(path))
    assert (activity.sport, activity.is_run, activity.source_format) == (sport, True, "fit")
    assert close(activity.distance_m, session["total_distance"])
    assert close(activity.elapsed_s, session["total_elapsed_time"])
    assert close(activity.elapsed_s, record_seconds)
    assert activity.moving_s <= activity.elapsed_s
    assert activity.start == session["start_time"]
    assert activity.start.tzinfo is not None
    assert activity.start.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    ("path", "sport"),
    [
        ("fit/14582164182.fit.gz", "cycling"),
        ("fit/garmin-fenix-5-bike.fit", "cycling"),
        ("fit/20170518-191602-1740899583.fit", "rowing"),
        ("fit/event_timestamp.fit", "swimming"),
        ("fit/garmin-fenix-5-walk.fit", "walking"),
        ("fit/sample_mulitple_header.fit", "multisport"),
    ],
)
def test_fit_other_sports_are_not_runs(path, sport):
    activity = parse_fixture(path)
    assert (activity.sport, activity.is_run) == (sport, False)


def test_typical_run_carries_every_figure():
    data = fixture("fit/Fr955v19.28andStryd.fit")
    activity = parse_bytes("run.fit", data)
    session = fitdecode_session(data)
    assert activity.sha256 == hashlib.sha256(data).hexdigest()
    assert activity.elevation_gain_m == session["total_ascent"]
    assert (activity.avg_hr, activity.max_hr) == (session["avg_heart_rate"], session["max_heart_rate"])
    # FIT running cadence counts one foot: the app shows steps per minute.
    per_foot = session["avg_running_cadence"] + (session.get("avg_fractional_cadence") or 0)
    assert activity.avg_cadence == pytest.approx(2 * per_foot)
    assert len(activity.track) == 3118
    assert np.nanmedian(activity.track.cadence) > 140


def test_gzipped_fit_is_hashed_as_uploaded():
    data = fixture("fit/14582164182.fit.gz")
    activity = parse_bytes("14582164182.fit.gz", data)
    assert activity.sha256 == hashlib.sha256(data).hexdigest()
    assert close(activity.elapsed_s, 2759)
    assert activity.avg_hr == 108


def test_multisport_sums_its_sessions():
    activity = parse_fixture("fit/sample_mulitple_header.fit")
    assert close(activity.distance_m, 1644.71 + 141.7 + 40909.42 + 31.93 + 9805.92)
    assert activity.avg_cadence is None


@pytest.mark.parametrize(
    "path",
    [
        "fit/activity-activity-filecrc.fit",
        "fit/activity-settings-corruptheader.fit",
        "fit/activity-settings-nodata.fit",
    ],
)
def test_chained_fit_takes_the_first_activity(path):
    first = parse_fixture("fit/Activity.fit")
    activity = parse_fixture(path)
    assert (activity.start, activity.distance_m, len(activity.track)) == (first.start, first.distance_m, 14)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("fit/activity-unexpected-eof.fit", "truncated FIT file (unexpected end of data)"),
        ("fit/nick.fit", "truncated FIT file (unexpected end of data)"),
        ("fit/activity-filecrc.fit", "corrupt FIT file (checksum mismatch)"),
        ("fit/strava-android-app-201.10-b1218918.fit", "corrupt FIT file (local message 11 not defined)"),
        ("fit/Settings.fit", "not an activity file (settings)"),
        ("fit/MonitoringFile.fit", "not an activity file (monitoring_b)"),
        ("fit/WorkoutIndividualSteps.fit", "not an activity file (workout)"),
        ("fit/fittrackee-example.fit", "not an activity file (course)"),
        ("fit/antfs-dump.63.fit", "FIT file has no clock time (the device's clock was not set)"),
        ("fit/2012_02_05_09_03_59.fit", "empty track"),
        ("gpx/MetadataOnly.gpx", "empty track (the file has no track points)"),
        ("gpx/route.gpx", "empty track (the file has no track points)"),
        ("gpx/cerknicko-without-times.gpx", "GPX points have no times"),
        ("gpx/A_ride_mapped_on_11_22_2011.gpx", "GPX points have no times"),
        ("gpx/Mojstrovka.gpx", "no duration (every point has the same time)"),
        ("gpx/track-with-less-sec-time.gpx", "no duration (every point has the same time)"),
    ],
)
def test_bad_files_are_refused_with_their_reason(path, reason):
    assert refusal(Path(path).name, fixture(path)) == reason


@pytest.mark.parametrize(
    ("name", "source", "reason"),
    [
        ("run.gpx", "fit/Activity.fit", "not a GPX file: the content is a FIT file"),
        ("run.tcx", "fit/Activity.fit", "not a TCX file: the content is a FIT file"),
        ("run.fit", "gpx/fittrackee-e2e-test.gpx", "not a FIT file: the content is a GPX file"),
        ("run.gpx", "tcx/tcxparser-test.tcx", "not a GPX file: the content is a TCX file"),
        ("run.tcx", "gpx/fittrackee-e2e-test.gpx", "not a TCX file: the content is a GPX file"),
        ("run.gpx", "fit/14582164182.fit.gz", "not a GPX file: the content is gzip-compressed data"),
        ("run.fit.gz", "fit/Activity.fit", "not a gzip file: the content is a FIT file"),
        ("run.gpx", "archive/gpx_test.zip", "not a GPX file: the content is a zip archive"),
    ],
)
def test_content_must_match_the_extension(name, source, reason):
    assert refusal(name, fixture(source)) == reason


def test_unsupported_extension_and_garbage():
    assert refusal("notes.doc", b"hello").startswith("unsupported file type (.doc)")
    assert refusal("run.gpx", b"").startswith("not a GPX file")
    assert refusal("run.gpx", b"<gpx><trk><trkseg><trkpt").startswith("malformed GPX file (XML error:")
    assert (
        refusal("run.fit", b"\x0e\x10" + bytes(6) + b".FIT" + bytes(2))
        == "truncated FIT file (unexpected end of data)"
    )


def test_xml_entity_bomb_is_refused_before_expansion():
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE gpx [{entities}]><gpx><trk><name>&lol9;</name></trk></gpx>'
    for name in ("bomb.gpx", "bomb.tcx"):
        assert "entity declarations are not allowed" in refusal(name, bomb.encode())


def test_external_entity_is_refused():
    xxe = b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]><gpx>&x;</gpx>'
    assert "not allowed" in refusal("x.gpx", xxe)


def test_upload_over_the_limit_is_refused():
    data = fixture("fit/Activity.fit")
    assert refusal("run.fit", data, max_bytes=500) == "the file is 771 bytes, more than the 500 bytes limit"
    assert MAX_FILE_BYTES == 50 * 1024 * 1024


def gzip_of_zeros(size: int) -> bytes:
    """Gzip of size zero bytes, built a megabyte at a time so the test itself stays small."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1024 * 1024)
    return b"".join([*(packer.compress(chunk) for _ in range(size // len(chunk))), packer.flush()])


def test_gzip_bomb_is_stopped_at_the_cap_without_unpacking_it():
    bomb = gzip_of_zeros(200 * 1024 * 1024)
    assert len(bomb) < 300_000
    tracemalloc.start()
    try:
        reason = refusal("bomb.gpx.gz", bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert reason.startswith("file unpacks to more than 50 MB")
    assert peak < 2 * MAX_FILE_BYTES


def test_truncated_gzip_is_refused():
    data = fixture("fit/14582164182.fit.gz")
    assert refusal("x.fit.gz", data[: len(data) // 2]) == "truncated gzip file (unexpected end of data)"


# --- GPX and TCX -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "distance_m", "elapsed_s", "sport"),
    [
        # distances checked against gpxpy 1.6.2's length_2d (it uses a slightly different earth model)
        ("gpx/fittrackee-e2e-test.gpx", 317.2, 250, "other"),
        ("gpx/cerknicko-jezero.gpx", 4580.1, 7190, "other"),
        # no <type>: the creating app, "Urban Biker", names the sport
        ("gpx/UrbanBiker2019-04-18_16-12.gpx", 21140.0, 3851, "cycling"),
        # the timed active log only: the saved copy of the track has no times and is left out
        ("gpx/korita-zbevnica.gpx", 6261.5, 13381, "other"),
    ],
)
def test_gpx_distance_and_duration(path, distance_m, elapsed_s, sport):
    activity = parse_fixture(path)
    assert close(activity.distance_m, distance_m)
    assert close(activity.elapsed_s, elapsed_s)
    assert (activity.source_format, activity.sport, activity.is_run) == ("gpx", sport, False)
    # Walking pace, whatever the labels say: never assumed a run.
    assert not activity.sport_assumed
    assert 0 < activity.moving_s <= activity.elapsed_s


def test_gpx_heart_rate_from_garmin_extension():
    activity = parse_fixture("gpx/UrbanBiker2019-04-18_16-12.gpx")
    assert activity.avg_hr is not None
    assert 100 < activity.avg_hr < 180
    assert activity.max_hr == np.nanmax(activity.track.heart_rate)
    assert activity.elevation_gain_m is not None
    assert activity.elevation_gain_m > 100


def synthetic_gpx(*, prefix: str = "ns3", sport: str = "running", cadence: int = 85) -> bytes:
    points = "".join(
        f'<trkpt lat="{45 + i * 0.0001:.5f}" lon="14.0"><ele>{300 + i}</ele>'
        f"<time>2024-05-01T06:00:{i * 5:02d}Z</time><extensions><{prefix}:TrackPointExtension>"
        f"<{prefix}:hr>{140 + i}</{prefix}:hr><{prefix}:cad>{cadence}</{prefix}:cad>"
        f"</{prefix}:TrackPointExtension></extensions></trkpt>"
        for i in range(12)
    )
    return (
        f'<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:{prefix}="urn:any"><trk><type>{sport}</type>'
        f"<trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def test_gpx_extensions_are_matched_by_local_name_and_run_cadence_doubled():
    activity = parse_bytes("morning.gpx", synthetic_gpx())
    assert (activity.sport, activity.is_run) == ("running", True)
    assert activity.max_hr == 151
    assert activity.avg_cadence == pytest.approx(170)
    assert close(activity.distance_m, 11 * 11.12, percent=0.5)
    assert activity.elapsed_s == 55
    assert activity.elevation_gain_m == 11


def test_gpx_gzipped_parses_like_plain():
    data = fixture("gpx/fittrackee-e2e-test.gpx")
    plain = parse_bytes("a.gpx", data)
    packed = parse_bytes("a.GPX.gz", gzip.compress(data))
    assert packed.track == plain.track
    assert packed.distance_m == plain.distance_m


def test_tcx_twin_of_fit_agrees():
    tcx = parse_fixture("tcx/10kUNLP2014-Garmin15.tcx")
    fit = parse_fixture("fit/10kUNLP2014-Garmin15.fit")
    assert (tcx.sport, tcx.is_run, tcx.source_format) == ("running", True, "tcx")
    assert close(tcx.distance_m, fit.distance_m)
    assert close(tcx.elapsed_s, fit.elapsed_s)
    assert tcx.start == fit.start


def test_tcx_run_with_heart_rate():
    activity = parse_fixture("tcx/tcxparser-test.tcx")
    # python-tcxparser's own test for this file: 4686.31 m, 1992.78 s
    assert close(activity.distance_m, 4686.31)
    assert close(activity.elapsed_s, 1992.78)
    assert activity.avg_hr is not None
    assert activity.max_hr == 189
    assert activity.is_run


def test_tcx_with_several_activities_takes_the_first():
    activity = parse_fixture("tcx/activity_165850259_multi-session.tcx")
    assert (activity.sport, activity.start.isoformat()) == ("running", "2011-11-29T12:12:00+00:00")
    assert close(activity.distance_m, 7651.03)
    assert close(activity.elapsed_s, 3601.84)


def test_tcx_other_sport_is_not_a_run():
    activity = parse_fixture("tcx/sup_activity_1.tcx")
    assert (activity.sport, activity.is_run) == ("other", False)


# --- Archives ----------------------------------------------------------------------------------------------


def items_of(data: bytes, **kwargs) -> dict[str, ArchiveItem]:
    return {item.name: item for item in iter_strava_archive(io.BytesIO(data), **kwargs)}


def test_plain_zip_fixtures_parse_every_activity_file():
    items = items_of(fixture("archive/gpx_test.zip"))
    assert {name for name, item in items.items() if item.activity} == {
        "test_1.gpx",
        "test_2.gpx",
        "test_3.gpx",
    }
    assert items["fichier.doc"].skipped == "not an activity file (FIT, GPX or TCX)"
    folder = items_of(fixture("archive/gpx_test_folder.zip"))
    assert sum(item.activity is not None for item in folder.values()) == 3
    incorrect = items_of(fixture("archive/gpx_test_incorrect.zip"))
    assert incorrect["test_1.gpx"].activity is not None
    assert incorrect["test_4.gpx"].refused == "empty track (the file has no track points)"
    mixed = items_of(fixture("archive/gpx_multiple_extensions.zip"))
    assert [name for name, item in mixed.items() if item.activity] == ["test_1.gpx"]


def test_path_traversal_is_refused_per_member_and_the_rest_imports():
    good = fixture("gpx/fittrackee-e2e-test.gpx")
    items = items_of(zipped({"../evil.gpx": good, "/abs.gpx": good, "ok/good.gpx": good}))
    assert "leads outside its folder" in (items["../evil.gpx"].refused or "")
    assert "is absolute" in (items["/abs.gpx"].refused or "")
    assert items["ok/good.gpx"].activity is not None
    assert unsafe_path("C:/x.gpx") is not None
    assert unsafe_path("a\\..\\b.gpx") is not None
    assert unsafe_path("activities/123.fit.gz") is None


def test_zip_bombs_are_refused_per_member():
    zeros = bytes(60 * 1024 * 1024)
    items = items_of(
        zipped(
            {
                "big.gpx": zeros,
                "dense.gpx": zeros[: 10 * 1024 * 1024],
                "ok.gpx": fixture("gpx/fittrackee-e2e-test.gpx"),
            }
        )
    )
    assert items["big.gpx"].refused.startswith("unpacks to 60 MB, more than the 50 MB limit")
    assert "over the 100× limit" in (items["dense.gpx"].refused or "")
    assert items["ok.gpx"].activity is not None


def test_a_member_whose_header_understates_its_size_is_stopped():
    honest = zipped({"liar.gpx": bytes(5 * 1024 * 1024)})
    info = zipfile.ZipFile(io.BytesIO(honest)).getinfo("liar.gpx")
    # Rewrite the uncompressed size in the local header and central directory to claim 1000 bytes.
    real = info.file_size.to_bytes(4, "little")
    lying = honest.replace(real, (1000).to_bytes(4, "little"))
    assert lying.count((1000).to_bytes(4, "little")) >= 2
    item = items_of(lying)["liar.gpx"]
    assert item.activity is None
    assert item.refused is not None


# Strava's header repeats "Elapsed Time" and "Distance"; row 104 is a run entered by hand, 105's file is missing.
STRAVA_CSV = """\
Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,\
Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Elapsed Time,Distance
101,"Feb 19, 2024, 5:05:52 AM",Morning Run,Run,"Easy, with
a line break",1441,4.92,,,false,,,activities/101.fit.gz,1441.0,4922.7
102,"Feb 20, 2024, 8:00:00 AM",Commute,Ride,,600,5.0,,,true,,,activities/102.gpx,600.0,5000.0
103,"Feb 21, 2024, 12:44:45 PM",Hills,Run,,250,0.32,,,false,,,activities/103.gpx,250.0,317.0
104,"Feb 22, 2024, 6:00:00 PM",Treadmill,Run,,1800,5.0,,,false,,,,1800.0,5000.0
105,"Feb 23, 2024, 6:00:00 PM",Lost,Run,,1800,5.0,,,false,,,activities/105.tcx,1800.0,5000.0
"""


def strava_export() -> bytes:
    return zipped(
        {
            "activities.csv": STRAVA_CSV.encode(),
            "activities/101.fit.gz": gzip.compress(fixture("fit/3386684871.fit")),
            # Never parsed: a ride is skipped on the CSV's word, so its broken content does not matter.
            "activities/102.gpx": b"not even xml",
            "activities/103.gpx": fixture("gpx/fittrackee-e2e-test.gpx"),
            "media/photo.jpg": b"\xff\xd8",
            "profile.json": b"{}",
        }
    )


def test_strava_export_takes_runs_and_lists_the_rest():
    items = items_of(strava_export())
    run = items["activities/101.fit.gz"].activity
    assert run is not None
    assert (run.sport, run.is_run, run.source_format) == ("running", True, "fit")
    assert items["activities/102.gpx"].skipped == "Ride (not a run)"
    # The GPX has no <type>: Strava's own label makes it a run.
    labelled = items["activities/103.gpx"].activity
    assert labelled is not None
    assert (labelled.sport, labelled.is_run) == ("running", True)
    assert items["activities.csv: activity 104"].skipped == "run without a file (entered by hand)"
    assert items["activities/105.tcx"].refused == "the file named in activities.csv is not in the archive"
    assert set(items) == {
        "activities/101.fit.gz",
        "activities/102.gpx",
        "activities/103.gpx",
        "activities.csv: activity 104",
        "activities/105.tcx",
    }


def test_not_a_zip_is_refused():
    with pytest.raises(ImportRefused, match="not a zip archive"):
        list(iter_strava_archive(io.BytesIO(b"plain text")))


# --- The compact track -------------------------------------------------------------------------------------


def test_track_round_trips_and_is_compact():
    track = parse_fixture("fit/Fr955v19.28andStryd.fit").track
    stored = track.to_bytes()
    again = Track.from_bytes(stored)
    assert again == track
    for name in ("seconds", "distance_m", "altitude_m", "heart_rate", "cadence"):
        np.testing.assert_array_equal(getattr(again, name), getattr(track, name))
        assert getattr(again, name).dtype == np.float32
    points = [
        {"t": float(t), "d": float(d), "alt": float(a), "hr": float(h), "cad": float(c)}
        for t, d, a, h, c in zip(
            track.seconds, track.distance_m, track.altitude_m, track.heart_rate, track.cadence, strict=True
        )
    ]
    assert len(stored) * 4 < len(pickle.dumps(points))


def test_track_keeps_nan_where_a_channel_is_absent():
    track = parse_fixture("fit/10kUNLP2014-Garmin15.fit").track
    assert np.isnan(track.heart_rate).all()
    assert Track.from_bytes(track.to_bytes()) == track


def test_track_refuses_foreign_bytes():
    with pytest.raises(ValueError, match="not track data"):
        Track.from_bytes(b"PK\x03\x04 something else")
    stored = parse_fixture("fit/Activity.fit").track.to_bytes()
    with pytest.raises(ValueError, match="corrupt"):
        Track.from_bytes(stored[:-5])
    with pytest.raises(ValueError, match="differ in length"):
        Track(np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(3))


def test_moving_time_skips_pauses_and_standing():
    seconds = np.array([0, 10, 20, 60, 70, 80], dtype=float)
    # 10 s at 3 m/s, 10 s at 3 m/s, a 40 s gap, 10 s standing still, 10 s at 3 m/s
    distance = np.array([0, 30, 60, 200, 200, 230], dtype=float)
    assert moving_seconds(seconds, distance) == 30


def test_elevation_gain_ignores_noise_below_the_hysteresis():
    assert elevation_gain(np.array([100, 101, 100, 101.5, 100, 101], dtype=float)) == 0
    assert elevation_gain(np.array([100, 102, 104, 103, 110], dtype=float)) == 10
    assert elevation_gain(np.full(3, np.nan)) is None


def test_start_is_utc():
    activity = parse_fixture("tcx/tcxparser-test.tcx")
    assert activity.start.tzinfo == UTC


# --- Whatever the bytes, the answer is an activity or a refusal --------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=600), name=st.sampled_from(["a.fit", "a.gpx", "a.tcx", "a.fit.gz", "a.gpx.gz"])
)
def test_any_bytes_parse_or_are_refused(data, name):
    reason = "parsed"
    try:
        parse_bytes(name, data)
    except ImportRefused as refused:
        reason = refused.reason
    assert reason


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=0, max_value=770), flip=st.integers(min_value=0, max_value=770))
def test_damaged_fit_is_refused(cut, flip):
    data = bytearray(fixture("fit/Activity.fit"))
    data[flip] ^= 0xFF
    with pytest.raises(ImportRefused):
        parse_bytes("a.fit", bytes(data[: max(cut, 1)]) if cut < 770 else bytes(data))


def test_strava_label_we_do_not_know_lets_the_file_decide():
    csv_text = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"
        '201,"Mar 1, 2024",Sortie,Course à pied,activities/201.fit\n'
        '202,"Mar 2, 2024",Vélo,Sortie à vélo,activities/202.fit\n'
        '203,"Mar 3, 2024",Yoga,Yoga,\n'
    )
    items = items_of(
        zipped(
            {
                "activities.csv": csv_text.encode(),
                "activities/201.fit": fixture("fit/3386684871.fit"),
                "activities/202.fit": fixture("fit/garmin-fenix-5-bike.fit"),
            }
        )
    )
    run = items["activities/201.fit"].activity
    assert run is not None
    assert (run.sport, run.is_run) == ("running", True)
    ride = items["activities/202.fit"].activity
    assert ride is not None
    assert (ride.sport, ride.is_run) == ("cycling", False)  # the import lists it as skipped
    assert items["activities.csv: activity 203"].skipped == "Yoga (not a run)"


def test_a_reader_bug_refuses_that_file_only(monkeypatch, caplog):
    from footwork.activities.importers import files

    real = parse_bytes

    def buggy(name: str, data: bytes, **kwargs):
        if name == "bug.fit":
            raise TypeError("a reader bug")
        return real(name, data, **kwargs)

    monkeypatch.setattr(files, "parse_bytes", buggy)
    data = fixture("fit/3386684871.fit")
    bug = files.parse_file(files.ActivityFile("bug.fit", data))
    assert bug.refused == f"{files.UNREADABLE} (TypeError)"
    assert "parsing bug.fit failed" in caplog.text
    assert files.parse_file(files.ActivityFile("fine.fit", data)).activity is not None
