"""activities.series: thinning, pace and the chart document, without a database."""

from __future__ import annotations

import json
import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from footwork.activities.importers.track import MOVING_SPEED_MS, Track
from footwork.activities.series import MAX_POINTS, SERIES, pace_s_per_km, thin, track_document

NAN = float("nan")


def steady(count: int, speed_ms: float = 3.0, *, step_s: float = 1.0) -> Track:
    seconds = np.arange(count) * step_s
    return Track(
        seconds=seconds,
        distance_m=seconds * speed_ms,
        altitude_m=100 + np.sin(seconds / 60),
        heart_rate=np.full(count, 150.4),
        cadence=np.full(count, 171.6),
    )


@given(count=st.integers(0, 20_000), cap=st.integers(2, 3_000))
def test_thinning_keeps_at_most_the_cap_in_order_with_first_and_last(count, cap):
    kept = thin(count, cap)
    assert len(kept) == min(count, cap)
    assert np.all(np.diff(kept) > 0)
    if count:
        assert kept[0] == 0
        assert kept[-1] == count - 1


def test_thinning_needs_room_for_first_and_last():
    with pytest.raises(ValueError, match="first and last"):
        thin(10, 1)


# Times that rise (as a recording's do), with gaps of up to two minutes.
rising_times = st.lists(st.floats(0.2, 120.0), min_size=1, max_size=4_000).map(
    lambda steps: np.cumsum(np.array(steps, dtype=np.float32))
)


@given(seconds=rising_times, full=st.booleans())
def test_document_never_exceeds_the_cap_keeps_first_and_last_and_time_rises(seconds, full):
    count = len(seconds)
    track = Track(
        seconds=seconds,
        distance_m=np.cumsum(np.full(count, 2.5)),
        altitude_m=np.full(count, NAN),
        heart_rate=np.full(count, 140.0),
        cadence=np.full(count, NAN),
    )
    document = track_document(track, full=full)
    elapsed = document["series"]["elapsed_s"]
    assert document["total_points"] == count
    assert document["points"] == len(elapsed) == (count if full else min(count, MAX_POINTS))
    assert document["downsampled"] is (document["points"] < count)
    assert elapsed[0] == round(float(seconds[0]), 1)
    assert elapsed[-1] == round(float(seconds[-1]), 1)
    assert all(later >= earlier for earlier, later in pairwise(elapsed))
    assert all(
        len(values) == document["points"] for values in document["series"].values() if values is not None
    )


def test_full_returns_every_point_of_a_long_run():
    track = steady(3_600)
    thinned, full = track_document(track), track_document(track, full=True)
    assert (thinned["points"], thinned["total_points"], thinned["downsampled"]) == (1_000, 3_600, True)
    assert (full["points"], full["total_points"], full["downsampled"]) == (3_600, 3_600, False)
    assert full["series"]["elapsed_s"] == [float(second) for second in range(3_600)]


def test_series_are_rounded_plain_numbers():
    document = track_document(steady(30))
    series = document["series"]
    assert list(series) == list(SERIES)
    assert series["heart_rate"][0] == 150
    assert isinstance(series["heart_rate"][0], int)
    assert series["cadence"][0] == 172
    assert series["distance_m"][:3] == [0.0, 3.0, 6.0]
    # 3 m/s is 333.3 s per km.
    assert set(series["pace_s_per_km"]) == {333.3}
    assert series["elevation_m"][0] == 100.0
    assert all(value == round(value, 1) for value in series["elevation_m"])


def test_absent_channels_are_null_and_missing_samples_null_never_nan():
    count = 20
    heart = np.full(count, 150.0)
    heart[5] = NAN
    distance = np.arange(count) * 3.0
    distance[7] = NAN
    track = Track(
        seconds=np.arange(count, dtype=np.float64),
        distance_m=distance,
        altitude_m=np.full(count, NAN),
        heart_rate=heart,
        cadence=np.full(count, NAN),
    )
    series = track_document(track)["series"]
    assert series["elevation_m"] is None
    assert series["cadence"] is None
    assert series["heart_rate"][5] is None
    assert series["distance_m"][7] is None
    assert series["pace_s_per_km"][7] is None
    assert series["pace_s_per_km"][8] == pytest.approx(333.3)
    # Strict JSON: no NaN or Infinity anywhere.
    json.dumps(series, allow_nan=False)


def test_pace_is_null_while_standing_still():
    seconds = np.arange(120.0)
    # Runs 3 m/s for a minute, stands for a minute (GPS drifting a few centimetres a second).
    distance = np.where(seconds < 60, seconds * 3.0, 180.0 + (seconds - 60) * 0.05)
    pace = pace_s_per_km(seconds, distance)
    assert pace[:55] == pytest.approx(1000 / 3)
    assert np.isnan(pace[66:]).all()
    assert np.nanmax(pace) <= 1000 / MOVING_SPEED_MS


def test_pace_is_smoothed_over_the_window():
    seconds = np.arange(60.0)
    # GPS noise: alternate steps of 2 m and 4 m, 3 m/s on average.
    distance = np.cumsum(np.where(seconds % 2 == 0, 2.0, 4.0)) - 2.0
    pace = pace_s_per_km(seconds, distance)
    assert pace[5:-5] == pytest.approx(1000 / 3, rel=0.05)


def test_pace_of_sparse_smart_recording_uses_the_neighbours():
    # A point every 20 s (wider than the window): each pace still comes from the points either side.
    seconds = np.arange(0.0, 600.0, 20.0)
    pace = pace_s_per_km(seconds, seconds * 2.5)
    assert pace == pytest.approx(400.0)


def test_no_distance_no_pace():
    seconds = np.arange(10.0)
    assert np.isnan(pace_s_per_km(seconds, np.full(10, NAN))).all()
    assert np.isnan(pace_s_per_km(seconds[:1], seconds[:1])).all()


@given(
    values=st.lists(
        st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=32), st.just(NAN)),
        min_size=2,
        max_size=50,
    )
)
def test_any_sample_values_give_strict_json(values):
    column = np.array(values, dtype=np.float32)
    track = Track(
        seconds=np.arange(len(values), dtype=np.float64),
        distance_m=column,
        altitude_m=column,
        heart_rate=column,
        cadence=column,
    )
    document = track_document(track, full=True)
    text = json.dumps(document, allow_nan=False)
    assert "NaN" not in text
    for name in ("distance_m", "elevation_m"):
        numbers = document["series"][name]
        assert numbers is None or all(value is None or math.isfinite(value) for value in numbers)
