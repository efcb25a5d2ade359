"""Any value given as a policy is parsed or refused with a short reason, never a crash;
a valid policy always yields a rule at any instant."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from jupyter_tutor.policy.rules import in_force, parse_policy, strict_policy

CLOCKS = st.one_of(
    st.sampled_from(["09:00", "23:59", "00:00", "2026-12-10T09:00", "2027-03-28T02:30"]),
    st.text(max_size=20),
)
WINDOW = st.fixed_dictionaries(
    {
        "mode": st.sampled_from(["off", "hints", "full", "maybe"]),
        "from": CLOCKS,
        "until": CLOCKS,
        "timezone": st.sampled_from(["UTC", "Europe/Berlin", "Asia/Tokyo", "Mars/X", "../x"]),
    },
    optional={"reason": st.text(max_size=250), "max_level": st.integers(-1, 6)},
)
ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)
POLICY = st.fixed_dictionaries(
    {},
    optional={
        "mode": st.sampled_from(["off", "hints", "full", "x"]),
        "windows": st.lists(WINDOW | ANY, max_size=4),
        "exercises": st.dictionaries(st.sampled_from(["a", "b-1", "Bad"]), ANY, max_size=3),
    },
)
INSTANT = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@given(POLICY | ANY, INSTANT)
def test_any_policy_is_parsed_or_its_problems_named(raw, now):
    policy, problems = parse_policy(raw)
    assert all(isinstance(p, str) and len(p) < 300 for p in problems)
    assert in_force(policy, "a", now).rule.mode in ("off", "hints", "full")


@given(POLICY | ANY)
def test_strict_refuses_exactly_what_has_problems(raw):
    _, problems = parse_policy(raw)
    try:
        strict_policy(raw)
    except ValueError as error:
        assert problems and str(error)
    else:
        assert problems == []
