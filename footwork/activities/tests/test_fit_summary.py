"""The summary messages (file_id, sport, session, developer field descriptions) decoded in bulk, against fitdecode:
the fields the import reads, from every fixture and from generated files, and what the bulk decoder leaves to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# fitdecode ships no type information.
import fitdecode  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footwork.activities.importers import ImportRefused, fit, fit_bulk, fit_fitdecode
from footwork.activities.importers.fit_fitdecode import FitContent
from footwork.activities.tests import test_fit_decoder as decoder


def fitdecode_summaries(data: bytes) -> list[tuple[int, dict]]:
    """Every summary message of the first file, fitdecode's values of the fields the import reads."""
    found = []
    for frame in fit_fitdecode.frames(data, check_crc=True):
        if frame.frame_type == fitdecode.FIT_FRAME_CRC:
            break
        if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.global_mesg_num in (0, 12, 18, 206):
            kept = fit_fitdecode.SUMMARY_FIELDS[frame.global_mesg_num]
            values = {field.name: field.value for field in frame.fields}
            found.append(
                (frame.global_mesg_num, {name: value for name, value in values.items() if name in kept})
            )
    return found


def bulk_summaries(data: bytes) -> list[tuple[int, dict]]:
    """The same, from the bulk decoder's summary pass."""
    recorded: list[tuple[int, dict]] = []

    class Recording(FitContent):
        def add_summary(self, number, values):
            recorded.append((number, dict(values)))
            super().add_summary(number, values)

    end = data[0] + int.from_bytes(data[4:8], "little")
    definitions = fit_bulk.walk.walk_messages(data, data[0], end)
    fit_bulk.summary.add_summaries(Recording(), data, definitions)
    return recorded


@pytest.mark.parametrize(
    "path", [p for p in decoder.FIT_FIXTURES if p.name not in decoder.DECLINED], ids=lambda path: path.name
)
def test_every_fixtures_summary_fields_decode_as_fitdecode_decodes_them(path):
    data = decoder.fixture_bytes(path)
    bulk = bulk_summaries(data)
    assert bulk == fitdecode_summaries(data)
    # Every fixture the import takes has its file type and, but for two, its sessions: the check compares something.
    assert any(number == 0 and values for number, values in bulk)


@pytest.mark.parametrize("path", decoder.FIT_FIXTURES, ids=lambda path: path.name)
def test_keeping_only_the_summary_fields_the_import_reads_changes_no_parsed_activity(path, monkeypatch):
    def parse() -> object:
        try:
            return fit.parse_fit(decoder.fixture_bytes(path), sha256="")
        except ImportRefused as refusal:
            return refusal.reason

    def decline(_data: bytes) -> Iterator[FitContent]:
        raise fit_bulk.FitNotBulk("test")

    monkeypatch.setattr(fit_bulk, "iter_files", decline)
    kept = parse()

    class Everything:
        def __contains__(self, _name: object) -> bool:
            return True

    monkeypatch.setattr(
        fit_fitdecode, "SUMMARY_FIELDS", dict.fromkeys(fit_fitdecode.SUMMARY_MESSAGES, Everything())
    )
    assert parse() == kept


# session field number -> (name, base type, struct code, invalid value), as the profile has them
SESSION_FIELDS = {
    2: (0x86, "I", 0xFFFFFFFF),  # start_time
    5: (0x00, "B", 0xFF),  # sport
    6: (0x00, "B", 0xFF),  # sub_sport
    7: (0x86, "I", 0xFFFFFFFF),  # total_elapsed_time
    8: (0x86, "I", 0xFFFFFFFF),  # total_timer_time
    9: (0x86, "I", 0xFFFFFFFF),  # total_distance
    14: (0x84, "H", 0xFFFF),  # avg_speed (not read: its component enhanced_avg_speed neither)
    16: (0x02, "B", 0xFF),  # avg_heart_rate
    17: (0x02, "B", 0xFF),  # max_heart_rate
    18: (0x02, "B", 0xFF),  # avg_cadence, avg_running_cadence when the sport is running (1)
    22: (0x84, "H", 0xFFFF),  # total_ascent
    59: (0x86, "I", 0xFFFFFFFF),  # total_moving_time
    92: (0x02, "B", 0xFF),  # avg_fractional_cadence
    254: (0x84, "H", 0xFFFF),  # message_index (not read)
}
# Other base types a device may write a field with: fitdecode reads it as written, with that type's invalid value.
OTHER_TYPES = [(0x8C, "I", 0), (0x85, "i", 0x7FFFFFFF), (0x0A, "B", 0), (0x88, "f", float("nan"))]


@st.composite
def session_messages(draw: st.DrawFn) -> decoder.Message:
    numbers = draw(st.lists(st.sampled_from(sorted(SESSION_FIELDS)), unique=True, min_size=1))
    fields = []
    for number in numbers:
        base_type, code, _invalid = draw(
            st.one_of(st.just(SESSION_FIELDS[number]), st.sampled_from(OTHER_TYPES))
        )
        fields.append((number, base_type, code))

    def value(base_type: int, code: str) -> st.SearchStrategy[Any]:
        invalid = next(
            spec[2] for spec in (*SESSION_FIELDS.values(), *OTHER_TYPES) if spec[:2] == (base_type, code)
        )
        if code == "f":
            return st.one_of(st.just(invalid), st.floats(width=32, allow_nan=False))
        low, high = decoder.RANGES[code]
        # Sports 0-3 and times on both sides of 0x10000000 (seconds since power-on below it) are the cases.
        cases = [st.just(invalid), st.integers(0, 3), st.integers(low, high)]
        if high > 0x10000010:
            cases.append(st.integers(0x0FFFFFF0, 0x10000010))
        return st.one_of(*cases)

    rows = draw(st.lists(st.tuples(*(value(b, c) for _, b, c in fields)).map(list), min_size=1, max_size=3))
    return decoder.Message(18, fields, rows)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(session_messages(), min_size=1, max_size=3),
    st.sampled_from([0, 1, 2, 11]),  # sport message: generic, running, cycling, walking
    st.sampled_from([4, 5, 0xFF]),  # file type: activity, monitoring, invalid
    st.booleans(),
)
def test_generated_summary_messages_decode_as_fitdecode_decodes_them(sessions, sport, file_type, big_endian):
    records = decoder.Message(20, [(253, 0x86, "I")], [[1_000_000_000], [1_000_000_001]])
    messages = [
        decoder.Message(0, [(0, 0x00, "B")], [[file_type]]),
        decoder.Message(12, [(0, 0x00, "B")], [[sport]]),
        *sessions,
    ]
    data = decoder.build_fit([*messages, records], big_endian=big_endian)
    try:
        reference: object = fitdecode_summaries(data)
    except ImportRefused as refusal:
        reference = refusal.reason
    try:
        bulk = bulk_summaries(data)
    except fit_bulk.FitNotBulk:
        # Declined (a float time out of datetime's range, say): the import takes fitdecode's decoding instead.
        return
    assert bulk == reference
    (content,) = fit_bulk.iter_files(data)
    decoder.assert_same_content(content, next(fit_fitdecode.iter_files(data)))


def test_avg_cadence_of_a_run_is_its_running_cadence_sub_field():
    session = decoder.Message(18, [(5, 0x00, "B"), (18, 0x02, "B")], [[1, 85], [2, 70]])
    data = decoder.build_fit([decoder.ACTIVITY_FILE_ID, session])
    assert [values for number, values in bulk_summaries(data) if number == 18] == [
        {"sport": "running", "avg_running_cadence": 85},
        {"sport": "cycling", "avg_cadence": 70},
    ]
    assert bulk_summaries(data) == fitdecode_summaries(data)


def summary_developer_file(field_name: str, *, declared: bool = True) -> bytes:
    name = field_name.encode().ljust(16, b"\x00")
    developer = [decoder.Message(207, [(3, 0x02, "B")], [[0]])] if declared else []
    return decoder.build_fit(
        [
            decoder.ACTIVITY_FILE_ID,
            *developer,
            decoder.Message(206, [(0, 0x02, "B"), (1, 0x02, "B"), (2, 0x02, "B"), (3, 0x07, "16s")], [[0, 0, 2, name]]),
            decoder.Message(18, [(9, 0x86, "I"), (16, 0x02, "B")], [[1_000_000, 150]],
                    developer_fields=[(0, 1, 0)], developer_rows=[b"\x5a"]),
            decoder.Message(20, [(253, 0x86, "I")], [[1_000_000_000], [1_000_000_001]]),
        ]
    )  # fmt: skip


def test_a_developer_field_named_like_a_summary_field_goes_to_fitdecode():
    data = summary_developer_file("avg_heart_rate")
    with pytest.raises(fit_bulk.FitNotBulk, match="named like a summary field"):
        list(fit_bulk.iter_files(data))
    # fitdecode lets the developer field replace avg_heart_rate, and parse_fit follows it.
    assert fit.first_activity(data).sessions[0]["avg_heart_rate"] == 90


def test_other_developer_fields_of_a_session_are_skipped_in_bulk():
    data = summary_developer_file("doughnuts")
    (content,) = fit_bulk.iter_files(data)
    assert content.sessions == [{"total_distance": 10_000.0, "avg_heart_rate": 150}]
    assert content.developer_field_names == {"doughnuts"}
    decoder.assert_same_content(content, next(fit_fitdecode.iter_files(data)))


def test_a_field_description_of_an_undeclared_developer_goes_to_fitdecode():
    data = summary_developer_file("doughnuts", declared=False)
    with pytest.raises(fit_bulk.FitNotBulk, match="undeclared developer"):
        list(fit_bulk.iter_files(data))
    # fitdecode refuses it too.
    with pytest.raises(ImportRefused, match="corrupt FIT file"):
        fit.first_activity(data)


def test_an_array_summary_field_goes_to_fitdecode():
    session = decoder.Message(18, [(9, 0x86, "2I")], [[1_000_000, 2_000_000]])
    data = decoder.build_fit([decoder.ACTIVITY_FILE_ID, session])
    with pytest.raises(fit_bulk.FitNotBulk, match="array"):
        list(fit_bulk.iter_files(data))


def test_components_expanding_into_a_field_read_are_found():
    # No session field expands into one the import reads (checked on each file); avg_speed expands into 124.
    assert fit_fitdecode.component_sources(18, set(fit_fitdecode.summary_fields(18))) == frozenset()
    assert fit_fitdecode.component_sources(18, {124}) == {14}
