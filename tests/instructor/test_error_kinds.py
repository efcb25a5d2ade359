"""Check errors folded to their kind: the name, the message without the particulars."""

from hypothesis import given
from hypothesis import strategies as st

from jupyter_tutor.instructor.error_kinds import MAX_KIND_MESSAGE, ErrorKind, error_kind


def test_names_quoted_in_the_message_are_folded():
    assert error_kind("NameError: name 'evens' is not defined") == ErrorKind(
        "NameError", "name '…' is not defined"
    )
    assert error_kind('KeyError: "grid"') == ErrorKind("KeyError", "'…'")


def test_numbers_and_addresses_are_folded():
    assert error_kind("IndexError: index 10 is out of bounds for axis 0 with size 3") == (
        ErrorKind("IndexError", "index N is out of bounds for axis N with size N")
    )
    assert error_kind("AssertionError: expected 2.5, got -1e3") == ErrorKind(
        "AssertionError", "expected N, got N"
    )
    assert error_kind("TypeError: <function f at 0x7f3a2b> is not iterable") == ErrorKind(
        "TypeError", "<function f at 0x…> is not iterable"
    )


def test_numbers_inside_names_stay():
    assert error_kind("NameError: name x2 is not defined") == ErrorKind(
        "NameError", "name x2 is not defined"
    )


def test_a_bare_name_and_the_pyodide_form():
    assert error_kind("AssertionError") == ErrorKind("AssertionError", "")
    assert error_kind("<class 'ZeroDivisionError'>: division by zero") == ErrorKind(
        "ZeroDivisionError", "division by zero"
    )


def test_text_without_a_name_is_all_message():
    assert error_kind("something   went\nwrong 3 times") == ErrorKind(
        "", "something went wrong N times"
    )


@given(st.text(max_size=2000))
def test_any_text_has_a_bounded_kind_that_folds_to_itself(text):
    kind = error_kind(text)
    assert len(kind.message) <= MAX_KIND_MESSAGE and len(kind.name) <= 100
    assert "\n" not in kind.message
