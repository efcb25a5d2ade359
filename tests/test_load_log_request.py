"""What a load log may carry (pure): every field bounded, error text clipped."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jupyter_tutor.errors import InvalidRequest
from jupyter_tutor.packages.request import (
    LOG_TEXT,
    MAX_ERROR_CHARS,
    MAX_LOAD_TIME_MS,
    parse_load_logs,
)
from jupyter_tutor.store.models import PackageLoadLog

LOG = {
    "package": "scikit-learn",
    "load_time_ms": 1200,
    "success": True,
    "kernel_name": "python3",
    "python_version": "3.12.1",
    "pyodide_version": "0.27.2",
    "module_slug": "intro-to-numpy",
    "notebook_path": "learning-modules/Intro to NumPy.ipynb",
}


def test_a_real_log_passes_unchanged():
    assert parse_load_logs({"logs": [LOG]}) == [LOG]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("package", "x" * 101),
        ("package", "numpy\n"),
        ("package", "-numpy"),
        ("kernel_name", "python 3"),
        ("kernel_name", "k" * 101),
        ("python_version", "3.12; rm -rf /"),
        ("python_version", "1" * 51),
        ("pyodide_version", ""),
        ("module_slug", "Intro"),
        ("module_slug", "a" * 101),
        ("notebook_path", "p" * 1001),
        ("notebook_path", "a\x00b.ipynb"),
        ("notebook_path", ""),
        ("load_time_ms", -1),
        ("load_time_ms", MAX_LOAD_TIME_MS + 1),
        ("load_time_ms", 2**40),
    ],
)
def test_out_of_bounds_fields_are_refused_with_the_rule(key: str, value: Any):
    with pytest.raises(InvalidRequest) as refused:
        parse_load_logs({"logs": [{**LOG, key: value}]})
    assert f"logs[0].{key} must be" in refused.value.message


def test_error_text_is_clipped_not_refused():
    long_error = "\x00Traceback: " + "x" * (3 * MAX_ERROR_CHARS)
    (parsed,) = parse_load_logs({"logs": [{**LOG, "success": False, "error": long_error}]})
    assert len(parsed["error"]) == MAX_ERROR_CHARS
    assert parsed["error"].startswith("Traceback: ")


def test_the_bounds_fit_the_columns():
    for key, rule in LOG_TEXT.items():
        length = PackageLoadLog.__table__.c[key].type.length
        assert length is None or rule.max_length <= length, key


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.integers(0, 2100).map(lambda n: "p" * n),  # around each length bound
    st.lists(st.integers(), max_size=2),
)
logs = st.dictionaries(st.sampled_from([*LOG, "error", "extra"]), values, max_size=10) | st.builds(
    lambda changes: {**LOG, **changes},
    st.dictionaries(st.sampled_from([*LOG, "error"]), values, max_size=3),
)


@given(st.lists(logs, min_size=1, max_size=3))
def test_whatever_is_sent_is_refused_or_fits_the_table(sent: list[dict[str, Any]]):
    try:
        parsed = parse_load_logs({"logs": sent})
    except InvalidRequest:
        return
    for log in parsed:
        for key, rule in LOG_TEXT.items():
            value = log.get(key)
            assert value is None or (isinstance(value, str) and rule.accepts(value))
        assert isinstance(log["load_time_ms"], int) and 0 <= log["load_time_ms"] <= MAX_LOAD_TIME_MS
        error = log.get("error")
        assert error is None or (len(error) <= MAX_ERROR_CHARS and "\x00" not in error)


@pytest.mark.parametrize("key", ["package", "load_time_ms", "success", "kernel_name"])
def test_a_required_field_sent_as_null_is_missing(key: str):
    with pytest.raises(InvalidRequest) as refused:
        parse_load_logs({"logs": [{**LOG, key: None}]})
    assert f"missing {key}" in refused.value.message
