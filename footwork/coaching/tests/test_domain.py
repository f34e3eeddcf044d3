"""Alerts gathered into events, without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from footwork.coaching.domain import AlertItem, group_events

MORNING = datetime(2026, 12, 3, 7, 0, tzinfo=UTC)


def _alert(
    pk: int, kind: str, runner: int = 1, hours: float = 0, event: str = "", **state: bool
) -> AlertItem:
    moment = MORNING + timedelta(hours=hours)
    return AlertItem(
        id=pk,
        runner=runner,
        kind=kind,
        message=f"{kind} {pk}",
        link="",
        created_at=moment,
        day=moment.date(),
        event=event,
        read=state.get("read", False),
        resolved=state.get("resolved", False),
    )


def test_the_stops_of_one_day_are_one_event_listing_each():
    events = group_events([_alert(1, "stop"), _alert(2, "stop", hours=2), _alert(3, "stop", hours=26)])
    assert [(event.id, [item.id for item in event.items]) for event in events] == [(3, [3]), (1, [1, 2])]
    today = events[1]
    assert today.heading == "Stops: see a clinician (2)"
    assert today.message == today.heading
    assert events[0].message == "stop 3"
    assert today.day == date(2026, 12, 3)


def test_a_stored_key_groups_across_days_and_runners_never_mix():
    events = group_events(
        [
            _alert(1, "red_flag", event="flare:9"),
            _alert(2, "red_flag", hours=30, event="flare:9"),
            _alert(3, "red_flag", runner=2),
        ]
    )
    assert sorted(len(event.items) for event in events) == [1, 2]


def test_red_flags_and_stops_come_first_then_steps_back_and_flare_ups_and_resolved_last():
    events = group_events(
        [
            _alert(1, "flare_up", hours=5),
            _alert(2, "regress", hours=4),
            _alert(3, "stop", hours=1),
            _alert(4, "red_flag", hours=0, resolved=True, read=True),
            _alert(5, "red_flag", runner=2, hours=2),
        ]
    )
    assert [event.kind for event in events] == ["red_flag", "stop", "regress", "flare_up", "red_flag"]
    assert events[-1].resolved
    assert events[-1].read
    assert not events[0].read


def test_an_event_is_read_or_resolved_only_when_all_its_alerts_are():
    (event,) = group_events([_alert(1, "stop", read=True), _alert(2, "stop", hours=1)])
    assert not event.read
    assert not event.resolved
