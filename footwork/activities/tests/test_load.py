"""Running-load metrics: hand-computed series at every rule's boundary, the CSV parser, the document, properties.

No database. The arithmetic each expected value comes from is written beside it.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from footwork.activities.load import (
    ACWR_CAVEAT,
    DailyMetrics,
    DayLoad,
    InvalidTimeConstant,
    LoadReport,
    Session,
    TimeConstants,
    compute,
    daily_loads,
    parse_daily_csv,
    report_document,
    warnings_for,
    weekly_totals,
)
from footwork.core.rules import (
    ACWR_ACUTE_DAYS,
    ACWR_CHRONIC_DAYS,
    ACWR_SPIKE,
    FATIGUE_DAYS,
    FITNESS_DAYS,
    LONG_RUN_LOOKBACK_DAYS,
    LONG_RUN_RISE_PERCENT,
    WEEKLY_DISTANCE_RISE_PERCENT,
)

MONDAY = date(2025, 1, 6)  # ISO week 2025-W02 starts on it
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "daily.csv"


def test_rules_are_the_documented_defaults():
    # The hand computations below assume these values (CLINICAL.md section A).
    assert (ACWR_ACUTE_DAYS, ACWR_CHRONIC_DAYS, ACWR_SPIKE) == (7, 28, 1.5)
    assert (FITNESS_DAYS, FATIGUE_DAYS) == (42, 7)
    assert (WEEKLY_DISTANCE_RISE_PERCENT, LONG_RUN_RISE_PERCENT, LONG_RUN_LOOKBACK_DAYS) == (130, 110, 30)


def series(loads, start=MONDAY, distances=None) -> list[DayLoad]:
    """A gap-free daily series; distance 0 unless given (then each non-zero distance is one run)."""
    distances = distances or [0.0] * len(loads)
    return [
        DayLoad(start + timedelta(days=i), km, 0.0, load, 1 if km else 0, km)
        for i, (load, km) in enumerate(zip(loads, distances, strict=True))
    ]


def day(report: LoadReport, number: int) -> DailyMetrics:
    """Day `number` of the series, counting the first day as day 1."""
    return report.daily[number - 1]


def kinds(report: LoadReport, kind: str) -> list[date]:
    return [w.date for w in report.warnings if w.kind == kind]


# --- A flat month ---------------------------------------------------------------------------------------------------


def test_flat_month_ratios_are_undefined_for_27_days_then_one():
    report = compute(series([100.0] * 30))
    for number in range(1, 28):
        m = day(report, number)
        assert (m.acwr_rolling, m.acwr_uncoupled, m.acwr_ewma) == (None, None, None)
    for number in (28, 29, 30):
        # (7 × 100 / 7) / (28 × 100 / 28) = 100 / 100; uncoupled (700 / 7) / (2100 / 21) = 100 / 100.
        assert day(report, number).acwr_rolling == 1.0
        assert day(report, number).acwr_uncoupled == 1.0


def test_flat_month_ewma_ratio_on_day_28_by_hand():
    # From 0, a constant load L gives EWMA_t = L·(1 − (1 − λ)^t) (a geometric series).
    # Acute λ = 2/8 = 0.25: 100 × (1 − 0.75^28) = 100 × (1 − 0.000317479) = 99.968252.
    # Chronic λ = 2/29: 100 × (1 − (27/29)^28) = 100 × (1 − 0.135220) = 86.477984.
    # Ratio = 99.968252 / 86.477984 = 1.155997: not 1.0, because the chronic EWMA still carries its start at 0.
    acute = 100 * (1 - 0.75**28)
    chronic = 100 * (1 - (27 / 29) ** 28)
    assert acute == pytest.approx(99.968252, abs=1e-6)
    assert chronic == pytest.approx(86.477984, abs=1e-6)
    assert day(compute(series([100.0] * 30)), 28).acwr_ewma == pytest.approx(1.155997, abs=1e-6)


def test_flat_month_fitness_fatigue_form_first_three_days():
    report = compute(series([100.0] * 30))
    # fitness: 0 + (100 − 0)/42 = 2.380952; + (100 − 2.380952)/42 = 4.705215;
    #          + (100 − 4.705215)/42 = 4.705215 + 2.268924 = 6.974139
    # fatigue: 0 + 100/7 = 14.285714; + (100 − 14.285714)/7 = 26.530612; + (100 − 26.530612)/7 = 37.026239
    # form: 0 on day 1; 2.380952 − 14.285714 = −11.904762; 4.705215 − 26.530612 = −21.825397
    expected = [
        (2.380952, 14.285714, 0.0),
        (4.705215, 26.530612, -11.904762),
        (6.974139, 37.026239, -21.825397),
    ]
    for number, (fitness, fatigue, form) in enumerate(expected, start=1):
        m = day(report, number)
        assert m.fitness == pytest.approx(fitness, abs=1e-6)
        assert m.fatigue == pytest.approx(fatigue, abs=1e-6)
        assert m.form == pytest.approx(form, abs=1e-6)


def test_too_short_a_series_has_no_ratios():
    report = compute(series([100.0] * 27))
    assert all(m.acwr_rolling is None and m.acwr_ewma is None for m in report.daily)
    assert compute([]) == LoadReport((), (), ())


# --- Spikes ---------------------------------------------------------------------------------------------------------


def test_sudden_doubling_rolling_and_uncoupled_on_day_35():
    report = compute(series([100.0] * 28 + [200.0] * 7))
    # Rolling: mean(7 × 200) / mean(21 × 100 + 7 × 200) = 200 / (3500 / 28) = 200 / 125 = 1.6
    assert day(report, 35).acwr_rolling == pytest.approx(1.6)
    # Uncoupled: mean(7 × 200) / mean(days 8..28 = 21 × 100) = 200 / 100 = 2.0
    assert day(report, 35).acwr_uncoupled == pytest.approx(2.0)
    # Day 29: (6 × 100 + 200)/7 ÷ (27 × 100 + 200)/28 = 114.285714 / 103.571429 = 1.103448
    assert day(report, 29).acwr_rolling == pytest.approx(1.103448, abs=1e-6)


def test_sudden_doubling_stays_under_the_ewma_spike_line():
    # The EWMA ratio of a doubling never passes 1.5: the acute EWMA needs days to climb to 200.
    # Day 29: acute 0.25 × 200 + 0.75 × 99.968252 = 124.976189; chronic 2/29 × 200 + 27/29 × 86.477984 = 94.307088;
    # ratio 1.325205. It peaks on day 32 at 168.349330 / 114.701153 = 1.467721, then falls.
    report = compute(series([100.0] * 28 + [200.0] * 7))
    assert day(report, 29).acwr_ewma == pytest.approx(1.325205, abs=1e-6)
    assert day(report, 32).acwr_ewma == pytest.approx(1.467721, abs=1e-6)
    assert max(m.acwr_ewma or 0 for m in report.daily) == day(report, 32).acwr_ewma
    assert kinds(report, "acwr_spike") == []


def test_sudden_tripling_warns_once_on_the_first_day_above_the_line():
    report = compute(series([100.0] * 28 + [300.0] * 7))
    # Day 29: acute 0.25 × 300 + 0.75 × 99.968252 = 149.976189; chronic 2/29 × 300 + 27/29 × 86.477984 = 101.203613;
    # ratio 1.481925, not above 1.5. Day 30: 187.482142 / 114.913709 = 1.631503, above: the first day.
    assert day(report, 29).acwr_ewma == pytest.approx(1.481925, abs=1e-6)
    assert day(report, 30).acwr_ewma == pytest.approx(1.631503, abs=1e-6)
    assert all((day(report, n).acwr_ewma or 0) > ACWR_SPIKE for n in range(30, 36))
    assert kinds(report, "acwr_spike") == [day(report, 30).date]  # one spike, one warning
    message = report.warnings[0].message
    assert "large spike: check" in message
    assert "1.63" in message
    assert "not a predictor" in message


def test_a_second_spike_after_settling_warns_again():
    loads = [100.0] * 28 + [300.0] * 7 + [100.0] * 60 + [600.0] * 3
    report = compute(series(loads))
    assert len(kinds(report, "acwr_spike")) == 2


def test_caveat_names_the_coupling_and_the_missing_predictive_value():
    assert "uncoupled" in ACWR_CAVEAT
    assert "no predictive value" in ACWR_CAVEAT
    # People read it: findings in words, no authors or years (the sources are in the module's comments).
    assert not re.search(r"\b(19|20)\d\d\b|Lolli|Impellizzeri", ACWR_CAVEAT)
    assert ACWR_CAVEAT.count(". ") == 1  # two sentences


# --- Rest ----------------------------------------------------------------------------------------------------------


def test_a_quiet_month_after_the_first_record_has_none_not_infinity():
    report = compute(series([100.0] + [0.0] * 40 + [100.0] * 14))
    # Day 28: 28 days of history; the acute week is rest: 0 ÷ (100 / 28) = 0.0, a real ratio.
    assert day(report, 28).acwr_rolling == 0.0
    # Day 29: the 28-day window (days 2..29) is all rest: 0 / 0 is undefined, not infinite.
    assert day(report, 29).acwr_rolling is None
    # Day 42, running again: acute (100/7) ÷ chronic (100/28) = 4.0; the uncoupled window (days 15..35) is all rest.
    assert day(report, 42).acwr_rolling == pytest.approx(4.0)
    assert day(report, 42).acwr_uncoupled is None
    # Uncoupled stays undefined until day 42 enters its window t-27..t-7: on day 49.
    assert day(report, 48).acwr_uncoupled is None
    # Day 49: mean(7 × 100) / mean(20 × 0 + 100) = 100 / (100 / 21) = 21.0
    assert day(report, 49).acwr_uncoupled == pytest.approx(21.0)


def test_rest_after_training_gives_zero_then_none():
    report = compute(series([100.0] * 28 + [0.0] * 28))
    # Day 35: a rest week: 0 / mean(21 × 100 + 7 × 0) = 0.0, a real ratio, not undefined.
    assert day(report, 35).acwr_rolling == 0.0
    assert day(report, 35).acwr_uncoupled == 0.0
    # Day 56: the whole 28-day window is rest: denominator 0 → None.
    assert day(report, 56).acwr_rolling is None
    assert day(report, 56).acwr_uncoupled is None
    # The chronic EWMA decays but never reaches 0: its ratio stays defined and finite.
    ewma = day(report, 56).acwr_ewma
    assert ewma is not None
    assert math.isfinite(ewma)


def test_daily_loads_fills_rest_days_and_sums_sessions():
    sessions = [
        Session(MONDAY, 10.0, 60.0, 5.0),
        Session(MONDAY, 0.0, 30.0, 7.0, is_run=False),  # strength: load and minutes, no distance, not a run
        Session(MONDAY, 4.0, 20.0, None),  # no RPE: distance counts, load does not
        Session(MONDAY + timedelta(days=3), 12.0, 70.0, 4.0),
    ]
    days = daily_loads(sessions)
    assert [d.date for d in days] == [MONDAY + timedelta(days=i) for i in range(4)]
    # Monday: 5 × 60 + 7 × 30 = 510; 14 km in 2 runs, longest 10; 110 minutes of sessions.
    assert days[0] == DayLoad(MONDAY, 14.0, 110.0, 510.0, 2, 10.0)
    assert days[1] == DayLoad(MONDAY + timedelta(days=1), 0.0, 0.0, 0.0, 0, 0.0)
    assert days[3].load == 280.0


def test_daily_loads_range_and_errors():
    sessions = [Session(MONDAY + timedelta(days=2), 5.0, 30.0, 3.0)]
    days = daily_loads(sessions, start=MONDAY, end=MONDAY + timedelta(days=4))
    assert [d.load for d in days] == [0.0, 0.0, 90.0, 0.0, 0.0]
    assert (
        daily_loads(sessions, start=MONDAY + timedelta(days=3)) == []
    )  # start after the only session: empty
    assert daily_loads([]) == []
    assert len(daily_loads([], start=MONDAY, end=MONDAY + timedelta(days=6))) == 7
    with pytest.raises(ValueError, match="after end"):
        daily_loads(sessions, start=MONDAY + timedelta(days=1), end=MONDAY)
    with pytest.raises(ValueError, match="rpe"):
        daily_loads([Session(MONDAY, 5.0, 30.0, 11.0)])
    with pytest.raises(ValueError, match="distance_km"):
        daily_loads([Session(MONDAY, -1.0, 30.0, 3.0)])


def test_compute_refuses_gaps_and_disorder():
    days = series([100.0] * 3)
    with pytest.raises(ValueError, match="consecutive"):
        compute([days[0], days[2]])
    with pytest.raises(ValueError, match="consecutive"):
        compute([days[1], days[0]])
    with pytest.raises(ValueError, match="≥ 0"):
        compute([DayLoad(MONDAY, 0.0, 0.0, -5.0, 0, 0.0)])


# --- Weekly distance (Nielsen 2014) ---------------------------------------------------------------------------------


def weeks_of_runs(*weeks: list[float], start=MONDAY) -> list[DayLoad]:
    """Whole ISO weeks from a Monday; each week's runs go on Tuesday, Thursday, Saturday, Sunday."""
    distances: list[float] = []
    for runs in weeks:
        week = [0.0] * 7
        for slot, km in zip((1, 3, 5, 6), runs, strict=False):
            week[slot] = km
        distances += week
    return series([km * 6 for km in distances], start=start, distances=distances)


def test_weekly_distance_above_130_percent_warns_on_the_day_it_is_crossed():
    report = compute(weeks_of_runs([10, 10, 10], [10, 10, 10], [10, 10, 10, 10]))
    # 40 km > 130 % of mean(30, 30) = 39 km: crossed by Sunday's run (30 → 40), not before.
    sunday = MONDAY + timedelta(days=20)
    assert kinds(report, "weekly_distance") == [sunday]
    message = next(w.message for w in report.warnings if w.kind == "weekly_distance")
    assert "40.0 km" in message
    assert "133.3 %" in message
    assert "30.0 km" in message


def test_distance_warnings_read_again_in_miles():
    weekly = compute(weeks_of_runs([10, 10, 10], [10, 10, 10], [10, 10, 10, 10])).warnings
    warning = next(w for w in weekly if w.kind == "weekly_distance")
    assert warning.message_in("km") == warning.message
    in_miles = warning.message_in("mi")
    assert "24.9 mi" in in_miles
    assert "18.6 mi" in in_miles
    assert "133.3 %" in in_miles
    assert "km" not in in_miles
    long_run = next(w for w in compute(one_long_run_then(22.5)).warnings if w.kind == "long_run")
    assert "A 14.0 mi run" in long_run.message_in("mi")
    assert "(12.4 mi)" in long_run.message_in("mi")


def test_weekly_distance_at_exactly_130_percent_does_not_warn():
    report = compute(weeks_of_runs([10, 10, 10], [10, 10, 10], [10, 10, 10, 9]))
    # 39 km is 130 % of 30 km: not more than 130 %.
    assert kinds(report, "weekly_distance") == []


def test_weekly_distance_warns_once_a_week():
    report = compute(weeks_of_runs([10, 10, 10], [10, 10, 10], [20, 20, 20, 20]))
    # 20 + 20 = 40 > 39 on Thursday; Saturday and Sunday add more but the week has its warning.
    assert kinds(report, "weekly_distance") == [MONDAY + timedelta(days=17)]


def test_weekly_distance_needs_two_whole_previous_weeks_with_distance():
    # Starting on a Wednesday, the first ISO week is cut: it is not a reference.
    cut = weeks_of_runs([10, 10, 10], [10, 10, 10], [20, 20, 20, 20])[2:]
    assert kinds(compute(cut), "weekly_distance") == []
    # Two weeks of rest before: their mean is 0, nothing to compare with.
    assert kinds(compute(weeks_of_runs([], [], [10, 10])), "weekly_distance") == []


def test_weekly_distance_float_sums_do_not_cross_the_line():
    # 12.8 + 19.6 + 6.6 = 39.0 km written out, 39.00000000000001 as floats: still exactly 130 % of 30, no warning.
    assert 12.8 + 19.6 + 6.6 > 39.0
    report = compute(weeks_of_runs([10, 10, 10], [10, 10, 10], [12.8, 19.6, 6.6]))
    assert kinds(report, "weekly_distance") == []


# --- Long runs (Frandsen 2025) ---------------------------------------------------------------------------------------


def one_long_run_then(km: float, after_days: int = 14) -> list[DayLoad]:
    distances = [0.0] * 40
    distances[0] = 20.0
    distances[after_days] = km
    return series([d * 6 for d in distances], distances=distances)


def test_long_run_above_110_percent_warns():
    days = one_long_run_then(22.5)
    report = compute(days)
    # 22.5 / 20 = 112.5 % > 110 %.
    assert kinds(report, "long_run") == [days[14].date]
    message = next(w.message for w in report.warnings if w.kind == "long_run")
    assert "22.5 km" in message
    assert "112.5 %" in message
    assert "20.0 km" in message


def test_long_run_at_exactly_110_percent_does_not_warn():
    # 22 / 20 = 110 %: not more than 110 %.
    assert kinds(compute(one_long_run_then(22.0)), "long_run") == []


def test_long_run_lookback_is_the_previous_30_days():
    # Day 30 after the 20 km run is still within the previous 30 days (t−30..t−1); day 31 is not, and with no other
    # run in the window there is nothing to compare with.
    assert kinds(compute(one_long_run_then(25.0, after_days=30)), "long_run") != []
    assert kinds(compute(one_long_run_then(25.0, after_days=31)), "long_run") == []


def test_first_run_of_the_series_never_warns():
    assert kinds(compute(series([60.0], distances=[30.0])), "long_run") == []


def test_warnings_for_needs_matching_metrics():
    days = series([100.0] * 3)
    with pytest.raises(ValueError, match="same dates"):
        warnings_for(days, compute(days).daily[:2])


# --- Weeks ----------------------------------------------------------------------------------------------------------


def test_weekly_totals_by_iso_week_with_elevation():
    sessions = [
        Session(date(2024, 12, 30), 10.0, 60.0, 5.0, elevation_m=100.0),  # Monday of ISO week 2025-W01
        Session(date(2025, 1, 5), 8.0, 50.0, 4.0, elevation_m=50.0),  # its Sunday
        Session(date(2025, 1, 6), 0.0, 30.0, 6.0, is_run=False),  # 2025-W02
    ]
    weeks = weekly_totals(daily_loads(sessions), sessions)
    assert [w.week for w in weeks] == ["2025-W01", "2025-W02"]
    assert weeks[0].start == date(2024, 12, 30)
    assert (weeks[0].distance_km, weeks[0].duration_min, weeks[0].load, weeks[0].runs) == (
        18.0,
        110.0,
        500.0,
        2,
    )
    assert weeks[0].elevation_m == 150.0
    assert (weeks[1].runs, weeks[1].load, weeks[1].elevation_m) == (0, 180.0, 0.0)


# --- CSV ------------------------------------------------------------------------------------------------------------


def test_csv_rows_become_sessions_and_missing_days_rest():
    text = "date,distance_km,duration_min,rpe\n2025-01-06,10,60,5\n2025-01-06,0,30,7\n\n2025-01-09,12.5,70,\n"
    sessions = parse_daily_csv(text)
    assert sessions == [
        Session(date(2025, 1, 6), 10.0, 60.0, 5.0),
        Session(date(2025, 1, 6), 0.0, 30.0, 7.0, is_run=False),  # 0 km: not a run
        Session(date(2025, 1, 9), 12.5, 70.0, None),  # empty rpe: no load
    ]
    days = daily_loads(sessions)
    assert [(d.load, d.distance_km, d.runs) for d in days] == [
        (510.0, 10.0, 1),
        (0.0, 0.0, 0),
        (0.0, 0.0, 0),
        (0.0, 12.5, 1),
    ]


def test_csv_header_columns_may_come_in_any_order():
    sessions = parse_daily_csv("\ufeffrpe,date,duration_min,distance_km\n3,2025-01-06,40,8\n")
    assert sessions == [Session(date(2025, 1, 6), 8.0, 40.0, 3.0)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("date,distance_km,duration_min\n2025-01-06,10,60\n", "line 1, column 'rpe'"),
        ("", "line 1"),
        (
            "date,distance_km,duration_min,rpe\n2025-01-06,10,60,5\n2025-13-01,10,60,5\n",
            "line 3, column 'date'",
        ),
        ("date,distance_km,duration_min,rpe\n06/01/2025,10,60,5\n", "line 2, column 'date'"),
        ("date,distance_km,duration_min,rpe\n2025-02-30,10,60,5\n", "line 2, column 'date'"),
        ("date,distance_km,duration_min,rpe\n2025-01-06,-3,60,5\n", "line 2, column 'distance_km'"),
        ("date,distance_km,duration_min,rpe\n2025-01-06,ten,60,5\n", "line 2, column 'distance_km'"),
        ("date,distance_km,duration_min,rpe\n2025-01-06,nan,60,5\n", "line 2, column 'distance_km'"),
        ("date,distance_km,duration_min,rpe\n2025-01-06,10,,5\n", "line 2, column 'duration_min'"),
        ("date,distance_km,duration_min,rpe\n2025-01-06,10,60,11\n", "line 2, column 'rpe'"),
        ("date,distance_km,duration_min,rpe\n2025-01-06,10,60,-1\n", "line 2, column 'rpe'"),
        ("date,distance_km,duration_min,rpe\n\n2025-01-06,10,60\n", "line 3, column 'rpe'"),
        ("date,distance_km,duration_min,rpe\n2025-01-06,10,60,5,x\n", "line 2"),
    ],
)
def test_csv_errors_name_the_line_and_column(text, where):
    with pytest.raises(ValueError, match=f"^{where}"):
        parse_daily_csv(text)


def test_example_csv_parses_and_computes():
    sessions = parse_daily_csv(EXAMPLE.read_text(encoding="utf-8"))
    days = daily_loads(sessions)
    assert 50 <= len(days) <= 63  # about 8 weeks
    report = compute(days)
    assert len(report.weekly) == 8
    assert any(m.acwr_ewma is not None for m in report.daily)
    json.dumps(report_document(report), allow_nan=False)


# --- Document -------------------------------------------------------------------------------------------------------


def test_report_document_shape_keys_and_rounding():
    days = weeks_of_runs([10, 10, 10], [10, 10, 10], [10, 10, 10, 10], [10.123, 10], [10])
    document = report_document(compute(days))
    assert list(document) == ["daily", "weekly", "warnings"]
    daily = document["daily"]
    weekly = document["weekly"]
    warnings = document["warnings"]
    assert isinstance(daily, list)
    assert isinstance(weekly, list)
    assert isinstance(warnings, list)
    assert list(daily[0]) == [
        "date",
        "load",
        "distance_km",
        "acwr_rolling",
        "acwr_uncoupled",
        "acwr_ewma",
        "fitness",
        "fatigue",
        "form",
    ]
    assert daily[0] == {
        "date": "2025-01-06",
        "load": 0.0,
        "distance_km": 0.0,
        "acwr_rolling": None,
        "acwr_uncoupled": None,
        "acwr_ewma": None,
        "fitness": 0.0,
        "fatigue": 0.0,
        "form": 0.0,
    }
    assert daily[22]["distance_km"] == 10.12  # 10.123 to 2 decimals
    assert daily[22]["load"] == 60.74  # 60.738
    # The first run is on Tuesday (day 2): its 28th day of history, the first ratio, is day 29.
    assert daily[27]["acwr_rolling"] is None
    ratio = daily[28]["acwr_rolling"]
    assert ratio is not None
    assert ratio == round(ratio, 3)
    assert list(weekly[0]) == ["week", "distance_km", "load", "runs"]
    assert weekly[2] == {"week": "2025-W04", "distance_km": 40.0, "load": 240.0, "runs": 4}
    assert list(warnings[0]) == ["date", "kind", "message"]
    assert warnings[0]["kind"] == "weekly_distance"
    text = json.dumps(document, allow_nan=False)
    assert "-0.0" not in text


def test_report_document_turns_non_finite_numbers_into_null():
    metrics = DailyMetrics(MONDAY, math.nan, math.inf, math.inf, math.nan, None, -math.inf, 0.0, -0.0)
    document = report_document(LoadReport((metrics,), (), ()))
    row = document["daily"][0]  # type: ignore[index]
    assert row["load"] is None
    assert row["acwr_rolling"] is None
    assert row["fitness"] is None
    assert row["form"] == 0.0
    assert math.copysign(1, row["form"]) == 1  # -0.0 printed as 0.0
    json.dumps(document, allow_nan=False)


# --- Properties -----------------------------------------------------------------------------------------------------

loads_strategy = st.lists(
    st.one_of(st.just(0.0), st.floats(min_value=0, max_value=5000, allow_nan=False)), min_size=1, max_size=120
)


@settings(max_examples=150, deadline=None)
@given(loads=loads_strategy)
def test_properties_of_random_loads(loads):
    days = series(loads)
    report = compute(days)
    top = max(loads)
    for m in report.daily:
        for ratio in (m.acwr_rolling, m.acwr_uncoupled, m.acwr_ewma):
            assert ratio is None or (math.isfinite(ratio) and ratio >= 0)
        assert 0 <= m.fitness <= top
        assert 0 <= m.fatigue <= top
    assert compute(days) == report  # deterministic
    json.dumps(report_document(report), allow_nan=False)


# Realistic loads (RPE × minutes is never subnormal): a 1e-320 load would underflow a mean to 0 and make "undefined"
# disagree with "the window has load", which is float arithmetic, not the rule.
realistic_loads = st.lists(
    st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=5000)), min_size=1, max_size=120
)


@settings(max_examples=100, deadline=None)
@given(loads=realistic_loads)
@example(loads=[0.0] * 5 + [100.0] * 40)
def test_defined_ratios_are_exactly_where_history_and_denominators_allow(loads):
    report = compute(series(loads))
    # History starts on the first day with load (series() records nothing else on a day without it).
    start = next((i for i, load in enumerate(loads) if load > 0), len(loads))
    for t, m in enumerate(report.daily):
        if t < start + ACWR_CHRONIC_DAYS - 1:
            assert (m.acwr_rolling, m.acwr_uncoupled, m.acwr_ewma) == (None, None, None)
        else:
            chronic_window = loads[t - ACWR_CHRONIC_DAYS + 1 : t + 1]
            assert (m.acwr_rolling is None) == (sum(chronic_window) == 0)
            assert (m.acwr_ewma is None) == (sum(loads[: t + 1]) == 0)


def test_settable_time_constants_by_hand():
    report = compute(series([100.0, 100.0, 0.0]), TimeConstants(fitness_days=4, fatigue_days=2))
    # fitness: 100/4 = 25; 25 + (100 − 25)/4 = 43.75; 43.75 − 43.75/4 = 32.8125
    # fatigue: 100/2 = 50; 50 + 50/2 = 75; 75 − 75/2 = 37.5
    # form: 0; 25 − 50 = −25; 43.75 − 75 = −31.25
    assert [(m.fitness, m.fatigue, m.form) for m in report.daily] == [
        (25.0, 50.0, 0.0),
        (43.75, 75.0, -25.0),
        (32.8125, 37.5, -31.25),
    ]
    assert TimeConstants.of() == TimeConstants(FITNESS_DAYS, FATIGUE_DAYS)
    assert TimeConstants.of(fatigue_days=3) == TimeConstants(FITNESS_DAYS, 3)


@pytest.mark.parametrize(
    ("fitness", "fatigue", "field"),
    [(0, None, "fitness_days"), (400, None, "fitness_days"), (None, 42, "fatigue_days"), (10, 0, "fatigue_days"),
     (True, None, "fitness_days"), (42.5, None, "fitness_days")],
)  # fmt: skip
def test_time_constants_out_of_bounds_are_refused(fitness, fatigue, field):
    with pytest.raises(InvalidTimeConstant) as refused:
        TimeConstants.of(fitness, fatigue)
    assert refused.value.field == field


# --- The first recorded day (CLINICAL section A: each warning needs the history its ratio is defined on) -------------


def unrecorded_then(
    loads: list[float], before: int = 60, distances: list[float] | None = None
) -> list[DayLoad]:
    """`before` days with nothing recorded (a series starting before the runner's first record), then the loads."""
    return series([0.0] * before + loads, distances=[0.0] * before + (distances or [0.0] * len(loads)))


def test_the_first_recorded_run_day_never_raises_a_load_spike():
    # Before the fix: EWMA acute 0.25 × 300 ÷ chronic 2/29 × 300 = 3.625 on the first day, a "large spike".
    report = compute(unrecorded_then([300.0], distances=[10.0]))
    assert report.warnings == ()
    assert day(report, 61).acwr_ewma is None


def test_ratios_are_undefined_for_27_days_from_the_first_record_then_defined():
    report = compute(unrecorded_then([100.0] * 30))
    first = 61  # the first recorded day
    for number in range(1, first + ACWR_CHRONIC_DAYS - 1):
        m = day(report, number)
        assert (m.acwr_rolling, m.acwr_uncoupled, m.acwr_ewma) == (None, None, None)
    # Its 28th day of history: (7 × 100 / 7) / (28 × 100 / 28) = 1.0, as for a series starting on it.
    assert day(report, first + ACWR_CHRONIC_DAYS - 1).acwr_rolling == 1.0
    assert day(report, first + ACWR_CHRONIC_DAYS - 1).acwr_ewma == pytest.approx(1.155997, abs=1e-6)


def test_a_strength_session_is_a_record_too():
    strength = DayLoad(MONDAY + timedelta(days=60), 0.0, 30.0, 0.0, 0, 0.0)  # minutes, no RPE, no run
    days = [*series([0.0] * 60), strength, *series([100.0] * 30, start=MONDAY + timedelta(days=61))]
    assert day(compute(days), 61 + ACWR_CHRONIC_DAYS - 1).acwr_rolling is not None
    assert day(compute(days), 61 + ACWR_CHRONIC_DAYS - 2).acwr_rolling is None


def test_a_spike_after_28_days_of_history_still_warns():
    # The tripling of test_sudden_tripling_warns_once_on_the_first_day_above_the_line, after 60 unrecorded days.
    report = compute(unrecorded_then([100.0] * 28 + [300.0] * 7))
    assert kinds(report, "acwr_spike") == [day(report, 60 + 30).date]


def test_weekly_distance_needs_both_previous_weeks_with_a_record():
    # Week 1 nothing recorded, week 2 a first run on Sunday, week 3 runs: no reference yet.
    first_weeks = weeks_of_runs([], [0, 0, 0, 10], [10, 10])
    assert kinds(compute(first_weeks), "weekly_distance") == []
    # One run in week 1 makes it a week with a record: (2 + 10) / 2 = 6 km; week 3's Tuesday 10 km is above 7.8.
    recorded = weeks_of_runs([0, 0, 0, 2], [0, 0, 0, 10], [10, 10])
    assert kinds(compute(recorded), "weekly_distance") == [MONDAY + timedelta(days=15)]


def test_the_first_long_run_after_unrecorded_days_never_warns():
    days = unrecorded_then([0.0] * 10, distances=[20.0] + [0.0] * 8 + [25.0])
    report = compute(days)
    # 25 km against 20 km nine days earlier: 125 %, the only long-run warning; the first run has nothing before it.
    assert kinds(report, "long_run") == [days[-1].date]
