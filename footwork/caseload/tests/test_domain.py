"""The roster's rules without a database: adherence windows, the worst light, attention and its reasons, sorting."""

from __future__ import annotations

from datetime import date, timedelta

from footwork.caseload.domain import (
    NextRace,
    RosterFilter,
    RosterRow,
    Scheduled,
    Signals,
    attention,
    filter_rows,
    missed_in_a_row,
    sort_rows,
    window_adherence,
    windows,
    worst_light,
)
from footwork.core import rules

TODAY = date(2026, 12, 3)


def _days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_adherence_is_done_over_scheduled_in_the_window_with_today_counted_once_logged():
    schedule = [
        Scheduled(_days_ago(1), "done"),
        Scheduled(_days_ago(2), "partial"),
        Scheduled(_days_ago(3), "missed"),
        Scheduled(_days_ago(4), "skipped"),
        Scheduled(TODAY, "due"),
        Scheduled(TODAY + timedelta(days=1), "upcoming"),
        Scheduled(_days_ago(40), "done"),
    ]
    start, end = windows(TODAY)["short"]
    # 4 scheduled so far (skipped still counts, today not yet), 1 done.
    assert window_adherence(schedule, start, end, TODAY) == 25
    logged_today = [*schedule, Scheduled(TODAY, "done")]
    assert window_adherence(logged_today, start, end, TODAY) == 40
    assert window_adherence([], start, end, TODAY) is None


def test_the_windows_are_7_and_30_days_with_today_and_the_30_before():
    span = windows(TODAY)
    assert span["short"] == (_days_ago(rules.ROSTER_ADHERENCE_SHORT_DAYS - 1), TODAY)
    assert span["long"] == (_days_ago(29), TODAY)
    assert span["previous"] == (_days_ago(59), _days_ago(30))


def test_missed_days_count_back_from_yesterday_until_a_logged_day_and_skips_do_not_break_the_run():
    schedule = [
        Scheduled(_days_ago(1), "missed"),
        Scheduled(_days_ago(2), "skipped"),
        Scheduled(_days_ago(3), "missed"),
        Scheduled(_days_ago(3), "missed"),
        Scheduled(_days_ago(5), "missed"),
        Scheduled(_days_ago(7), "partial"),
        Scheduled(_days_ago(8), "missed"),
        Scheduled(TODAY, "due"),
    ]
    assert missed_in_a_row(schedule, TODAY) == 3
    assert missed_in_a_row([Scheduled(_days_ago(1), "done")], TODAY) == 0
    assert missed_in_a_row([], TODAY) == 0


def test_the_worst_light_wins():
    assert worst_light(["green", "red", "amber"]) == "red"
    assert worst_light(["green", "amber"]) == "amber"
    assert worst_light(["", "green"]) == "green"
    assert worst_light([]) is None


def _codes(signals: Signals) -> list[str]:
    return [reason.code for reason in attention(signals)]


def test_nothing_needs_attention_on_a_quiet_week():
    assert (
        attention(Signals(today=TODAY, adherence_30d=90, adherence_previous_30d=95, missed_in_a_row=2)) == ()
    )


def test_safety_comes_first_and_every_reason_is_worded():
    signals = Signals(
        today=TODAY,
        red_flag=True,
        stop=True,
        regress=True,
        adherence_30d=50,
        adherence_previous_30d=80,
        missed_in_a_row=4,
        load_warnings=("Weekly distance 40 km is 160 % of the two weeks before",),
        unanswered_hours=30.0,
    )
    reasons = attention(signals)
    assert [reason.code for reason in reasons] == [
        "red_flag", "stop", "regress", "missed_days", "adherence_drop", "load_spike", "unanswered_message",
    ]  # fmt: skip
    words = [reason.words for reason in reasons]
    assert "No session on the last 4 training days" in words
    assert "Adherence down 30 points on the 30 days before" in words
    assert "Load warning: Weekly distance 40 km is 160 % of the two weeks before" in words
    # Plain words: no codes or underscores in what the coach reads.
    assert not any("_" in text for text in words)


def test_the_thresholds_are_the_rules_settings():
    drop = rules.ATTENTION_ADHERENCE_DROP_POINTS
    assert _codes(Signals(today=TODAY, adherence_30d=60, adherence_previous_30d=60 + drop)) == [
        "adherence_drop"
    ]
    assert _codes(Signals(today=TODAY, adherence_30d=61, adherence_previous_30d=60 + drop)) == []
    assert _codes(Signals(today=TODAY, adherence_30d=None, adherence_previous_30d=100)) == []
    days = rules.ATTENTION_MISSED_SCHEDULED_DAYS
    assert _codes(Signals(today=TODAY, missed_in_a_row=days)) == ["missed_days"]
    assert _codes(Signals(today=TODAY, missed_in_a_row=days - 1)) == []
    hours = 24 * rules.ATTENTION_UNANSWERED_MESSAGE_DAYS
    assert _codes(Signals(today=TODAY, unanswered_hours=hours)) == ["unanswered_message"]
    assert _codes(Signals(today=TODAY, unanswered_hours=hours - 1)) == []


def _row(name: str, *codes: str, light: str | None = None, phase: str | None = None) -> RosterRow:
    reasons = tuple(reason for reason in attention(_signals_for(codes)) if reason.code in codes)
    race = NextRace(1, "Chicago Marathon", "Chicago", TODAY + timedelta(days=9), 9) if phase else None
    return RosterRow(
        runner=hash(name) % 1000,
        name=name,
        about="",
        today=TODAY,
        last_session=None,
        adherence_7d=None,
        adherence_30d=None,
        light=light,
        load_warnings=(),
        next_race=race,
        phase=phase,
        unread=None,
        reasons=reasons,
    )


def _signals_for(codes: tuple[str, ...]) -> Signals:
    return Signals(
        today=TODAY,
        red_flag="red_flag" in codes,
        regress="regress" in codes,
        missed_in_a_row=5 if "missed_days" in codes else 0,
    )


def test_rows_needing_attention_come_first_the_most_urgent_first_then_by_name():
    rows = [
        _row("Ann"),
        _row("Bea", "missed_days"),
        _row("Cy", "red_flag"),
        _row("abe"),
        _row("Dan", "regress"),
    ]
    assert [row.name for row in sort_rows(rows)] == ["Cy", "Dan", "Bea", "abe", "Ann"]


def test_filters_keep_the_light_phase_attention_and_name_asked_for():
    rows = [
        _row("Maya Rossi", "red_flag", light="red", phase="taper"),
        _row("Priya Shah", light="green", phase="base"),
        _row("Tom Maye", light="amber"),
    ]
    assert [row.name for row in filter_rows(rows, RosterFilter(light="red"))] == ["Maya Rossi"]
    assert [row.name for row in filter_rows(rows, RosterFilter(phase="base"))] == ["Priya Shah"]
    assert [row.name for row in filter_rows(rows, RosterFilter(attention=True))] == ["Maya Rossi"]
    assert [row.name for row in filter_rows(rows, RosterFilter(query=" MAY"))] == ["Maya Rossi", "Tom Maye"]
    assert filter_rows(rows, RosterFilter()) == rows
