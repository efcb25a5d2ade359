"""The policy in force at an instant: windows at their edges, time zones with an offset,
a DST day, a daily window crossing midnight, and the precedence of exercise and module."""

from datetime import UTC, datetime, timedelta

import pytest

from jupyter_tutor.policy.rules import in_force, parse_policy

SECOND = timedelta(seconds=1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def mode(raw: dict, moment: datetime, exercise: str | None = None) -> str:
    policy, problems = parse_policy(raw)
    assert problems == []
    return in_force(policy, exercise, moment).rule.mode


EXAM = {
    "mode": "full",
    "windows": [
        {
            "mode": "off",
            "from": "2026-12-10T09:00",
            "until": "2026-12-10T11:00",
            "timezone": "Europe/Berlin",
            "reason": "exam",
        }
    ],
}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at("2026-12-10T09:00+01:00") - SECOND, "full"),
        (at("2026-12-10T09:00+01:00"), "off"),
        (at("2026-12-10T09:00+01:00") + SECOND, "off"),
        (at("2026-12-10T11:00+01:00") - SECOND, "off"),
        (at("2026-12-10T11:00+01:00"), "full"),
        (at("2026-12-10T11:00+01:00") + SECOND, "full"),
        # The same instants written in another offset.
        (at("2026-12-10T08:00+00:00"), "off"),
        (at("2026-12-10T02:59:59-05:00"), "full"),
    ],
)
def test_a_window_holds_from_its_start_up_to_its_end(moment, expected):
    assert mode(EXAM, moment) == expected


def test_the_window_in_force_says_until_when_and_why():
    policy, _ = parse_policy(EXAM)
    found = in_force(policy, None, at("2026-12-10T10:00+01:00"))
    assert found.until == at("2026-12-10T11:00+01:00") and found.reason == "exam"
    before = in_force(policy, None, at("2026-12-10T08:00+01:00"))
    assert before.until is None and before.next_change == at("2026-12-10T09:00+01:00")


NIGHT = {"windows": [{"mode": "off", "from": "22:00", "until": "06:00", "timezone": "Asia/Tokyo"}]}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at("2026-12-10T22:00+09:00") - SECOND, "hints"),
        (at("2026-12-10T22:00+09:00"), "off"),
        (at("2026-12-10T23:59:59+09:00"), "off"),
        (at("2026-12-11T00:00+09:00"), "off"),
        (at("2026-12-11T06:00+09:00") - SECOND, "off"),
        (at("2026-12-11T06:00+09:00"), "hints"),
        (at("2026-12-11T12:00+09:00"), "hints"),
    ],
)
def test_a_daily_window_crosses_midnight(moment, expected):
    assert mode(NIGHT, moment) == expected


def test_a_daily_window_repeats_every_day():
    daily = {"windows": [{"mode": "off", "from": "09:00", "until": "11:00", "timezone": "UTC"}]}
    for day in range(1, 28):
        assert mode(daily, at(f"2027-02-{day:02d}T10:30+00:00")) == "off"
        assert mode(daily, at(f"2027-02-{day:02d}T11:30+00:00")) == "hints"


def test_local_times_follow_the_zone_across_a_dst_change():
    # Berlin: CET (+01:00) before 2027-03-28 02:00, CEST (+02:00) after.
    daily = {
        "windows": [{"mode": "off", "from": "09:00", "until": "11:00", "timezone": "Europe/Berlin"}]
    }
    assert mode(daily, at("2027-03-27T08:30+00:00")) == "off"  # 09:30 CET
    assert mode(daily, at("2027-03-28T08:30+00:00")) == "off"  # 10:30 CEST
    assert mode(daily, at("2027-03-28T09:30+00:00")) == "hints"  # 11:30 CEST


def test_a_missing_local_time_uses_the_offset_before_the_jump():
    # 02:30 does not exist in Berlin on 2027-03-28: read as +01:00, i.e. 03:30 CEST.
    gap = {
        "windows": [
            {
                "mode": "off",
                "from": "2027-03-28T02:30",
                "until": "2027-03-28T04:00",
                "timezone": "Europe/Berlin",
            }
        ]
    }
    assert mode(gap, at("2027-03-28T01:29:59+00:00")) == "hints"
    assert mode(gap, at("2027-03-28T01:30+00:00")) == "off"


def test_an_ambiguous_local_time_is_its_first_occurrence():
    # 02:30 happens twice in Berlin on 2027-10-31: first at +02:00.
    twice = {
        "windows": [
            {
                "mode": "off",
                "from": "2027-10-31T02:30",
                "until": "2027-10-31T05:00",
                "timezone": "Europe/Berlin",
            }
        ]
    }
    assert mode(twice, at("2027-10-31T00:29:59+00:00")) == "hints"
    assert mode(twice, at("2027-10-31T00:30+00:00")) == "off"


def test_exercise_and_module_precedence():
    raw = {
        "mode": "hints",
        "windows": EXAM["windows"],
        "exercises": {
            "free": {"mode": "full"},
            "closed": {
                "windows": [{"mode": "full", "from": "00:00", "until": "23:59", "timezone": "UTC"}]
            },
        },
    }
    outside, inside = at("2026-12-10T12:00+01:00"), at("2026-12-10T10:00+01:00")
    assert mode(raw, outside, "free") == "full"
    assert mode(raw, inside, "free") == "off", "a module window beats an exercise's mode"
    assert mode(raw, inside, "closed") == "full", "the exercise's own window comes first"
    assert mode(raw, outside, "other") == "hints"


@pytest.mark.parametrize(
    ("window", "problem"),
    [
        ({"timezone": "Mars/Olympus"}, "is not a known time zone"),
        ({"until": "2026-12-10T09:00"}, "until must be after from"),
        ({"until": "2026-12-10T08:00"}, "until must be after from"),
        ({"from": "10th of December"}, "must be a local date and time"),
        ({"from": "2026-02-30T09:00"}, "must be a local date and time"),
        ({"from": "09:00"}, "both be dates and times, or both times"),
        ({"mode": "maybe"}, "mode must be one of off, hints, full"),
        ({"mode": "off", "max_level": 2}, "max_level only applies to mode 'hints'"),
        ({"when": "now"}, "unknown field(s): when"),
    ],
)
def test_a_broken_window_is_reported_and_skipped(window, problem):
    good = {"mode": "off", "from": "09:00", "until": "10:00", "timezone": "UTC"}
    broken = {**EXAM["windows"][0], **window}
    policy, problems = parse_policy({"mode": "full", "windows": [broken, good]})
    assert len(problems) == 1 and problem in problems[0] and "window skipped" in problems[0]
    assert policy.module.rule is not None and policy.module.rule.mode == "full"
    assert len(policy.module.windows) == 1
