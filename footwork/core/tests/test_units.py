"""core.units: km and miles, paces and their words. Pure: no database."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footwork.core import bounds, units
from footwork.core.templatetags import footwork as tags

distances = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)
paces = st.floats(min_value=60.0, max_value=3600.0, allow_nan=False, allow_infinity=False)


def test_a_mile_is_exactly_1609_344_metres():
    assert units.to_km(1.0, "mi") == 1.609344
    assert units.from_km(1.609344, "mi") == 1.0
    assert units.from_km(42.195, "km") == 42.195
    # A marathon is 26.2 miles.
    assert units.distance_text(42.195, "mi") == "26.2 mi"


@given(distances, st.sampled_from(units.UNITS))
def test_distances_go_there_and_back(km, chosen):
    assert math.isclose(units.to_km(units.from_km(km, chosen), chosen), km, rel_tol=1e-12, abs_tol=1e-12)


@given(distances)
def test_miles_are_fewer_than_kilometres(km):
    assert units.from_km(km, "mi") <= km


@given(paces, distances)
def test_pace_times_distance_is_the_same_time_in_either_unit(seconds_per_km, km):
    minutes_km = seconds_per_km * km
    minutes_mi = units.pace_from_s_per_km(seconds_per_km, "mi") * units.from_km(km, "mi")
    assert math.isclose(minutes_km, minutes_mi, rel_tol=1e-9, abs_tol=1e-9)


def test_words():
    assert units.distance_text(8.2, "km") == "8.2 km"
    assert units.distance_text(8.2, "mi") == "5.1 mi"
    assert units.distance_text(None, "mi") == "—"
    assert units.pace_text(332, "km") == "5:32 /km"
    # 5:32 /km is 8:54 /mi.
    assert units.pace_text(332, "mi") == "8:54 /mi"
    assert units.pace_text(None, "km") == "—"
    assert units.pace_text(3725, "km") == "1:02:05 /km"
    assert (units.pace_unit("mi"), units.unit_name("mi"), units.unit_name("km")) == (
        "min/mi",
        "miles",
        "kilometres",
    )
    assert dict(units.CHOICES) == {"km": "Kilometres (km, min/km)", "mi": "Miles (mi, min/mi)"}


@pytest.mark.parametrize(
    ("value", "expected"), [("mi", "mi"), ("km", "km"), ("", "km"), (None, "km"), ("x", "km")]
)
def test_an_unknown_setting_reads_as_kilometres(value, expected):
    assert units.units_or_km(value) == expected


def test_a_distance_in_miles_is_checked_against_the_km_range_and_refused_in_miles():
    # ACTIVITY_DISTANCE is 0 to 1,000 km: 621.4 miles.
    assert units.distance_problem(621.0, "mi", bounds.ACTIVITY_DISTANCE) is None
    assert (
        units.distance_problem(622.0, "mi", bounds.ACTIVITY_DISTANCE) == "distance 622 mi is above 621.4 mi"
    )
    assert units.distance_problem(-1.0, "mi", bounds.ACTIVITY_DISTANCE) == "distance -1 mi is below 0 mi"
    assert (
        units.distance_problem(1001.0, "km", bounds.ACTIVITY_DISTANCE)
        == "distance 1,001 km is above 1,000 km"
    )
    assert units.distance_problem(float("nan"), "mi", bounds.ACTIVITY_DISTANCE) == "distance is not a number"
    assert units.distance_problem(311.0, "mi", bounds.WEEKLY_DISTANCE_KM) == (
        "weekly distance 311 mi is above 310.7 mi"
    )


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(units.UNITS))
def test_miles_are_refused_exactly_when_their_km_are(distance, chosen):
    in_km = units.to_km(distance, chosen) if math.isfinite(distance) else distance
    refused_in_km = (
        bounds.ACTIVITY_DISTANCE.check(in_km * 1000 if math.isfinite(in_km) else in_km) is not None
    )
    assert (units.distance_problem(distance, chosen, bounds.ACTIVITY_DISTANCE) is not None) == refused_in_km


def test_template_filters():
    assert tags.distance(8200, "mi") == "5.1 mi"
    assert tags.km_distance("62.0", "km") == "62.0 km"
    assert tags.km_distance(None, "mi") == "—"
    assert tags.in_units(1.609344, "mi") == 1.0
    assert tags.pace(332, "mi") == "8:54 /mi"
    assert (tags.distance_unit("mi"), tags.pace_unit("km"), tags.unit_name("mi")) == ("mi", "min/km", "miles")
