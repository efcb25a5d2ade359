"""The per-cell schema check accepts exactly the notebooks nbformat's own validator accepts."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nbformat.validator import get_validator

from jupyter_tutor.progress.notebook_schema import notebook_schema

OMIT = object()
wrong = st.sampled_from([3, None, "x", [], {}, True, [3], {"a": 3}])
lines = st.text(max_size=8) | st.lists(st.text(max_size=8), max_size=3)
plain = st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=4)
values = st.recursive(
    plain,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


def usually(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a valid value (so that many notebooks pass); now and then missing or wrong."""
    return st.sampled_from(["valid"] * 30 + ["missing", "wrong"]).flatmap(
        lambda roll: {"valid": valid, "missing": st.just(OMIT), "wrong": wrong}[roll]
    )


def rarely(valid: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.sampled_from([True] * 9 + [False]).flatmap(lambda usual: valid if usual else odd)


def members(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """An object of these fields (each usually valid), now and then with an unknown one."""
    extra = st.dictionaries(st.sampled_from(["extra", "id", "attachments", "text"]), values)
    return st.tuples(
        st.fixed_dictionaries({name: usually(rule) for name, rule in fields.items()}),
        rarely(st.just({}), extra),
    ).map(lambda pair: {**pair[1], **{k: v for k, v in pair[0].items() if v is not OMIT}})


bundles = st.dictionaries(
    st.sampled_from(["text/plain", "image/png", "application/json", "text/html"]),
    lines | values,
    max_size=2,
)
metadata = st.just({}) | st.dictionaries(
    st.sampled_from(["collapsed", "tags", "jupyter", "scrolled", "name", "format", "custom"]),
    values,
    max_size=2,
)
outputs = st.one_of(
    members(output_type=st.just("stream"), name=st.sampled_from(["stdout", "stderr"]), text=lines),
    members(
        output_type=st.just("execute_result"),
        execution_count=st.none() | st.integers(-1, 9),
        data=bundles,
        metadata=metadata,
    ),
    members(output_type=st.just("display_data"), data=bundles, metadata=metadata),
    members(
        output_type=st.just("error"),
        ename=st.text(max_size=4),
        evalue=st.text(max_size=4),
        traceback=st.lists(st.text(max_size=4), max_size=2),
    ),
)
unknown_outputs = members(output_type=st.sampled_from(["strem", "", "code"]), text=lines)
ids = rarely(st.sampled_from(["c1", "a-b_2"]), st.sampled_from(["", "not valid!", "x" * 65]))
known_cells = st.one_of(
    members(
        id=ids,
        cell_type=st.just("code"),
        metadata=metadata,
        source=lines,
        execution_count=st.none() | st.integers(-1, 9),
        outputs=st.lists(rarely(outputs, unknown_outputs), max_size=3),
    ),
    members(id=ids, cell_type=st.just("markdown"), metadata=metadata, source=lines),
    members(id=ids, cell_type=st.just("raw"), metadata=metadata, source=lines),
)
unknown_cells = members(cell_type=st.sampled_from(["cod", "heading", ""]) | wrong, source=lines)
cells = rarely(known_cells, unknown_cells)
notebooks = members(
    nbformat=st.just(4),
    nbformat_minor=st.just(5),
    metadata=st.just({})
    | st.fixed_dictionaries(
        {},
        optional={
            "kernelspec": members(name=st.text(max_size=4), display_name=st.text(max_size=4)),
            "language_info": members(
                name=st.text(max_size=4), codemirror_mode=rarely(st.text(max_size=4), values)
            ),
            "authors": rarely(st.lists(values, max_size=2), values),
        },
    ),
    cells=st.lists(cells, max_size=4),
)


@pytest.mark.parametrize("minor", range(6))
@settings(max_examples=300)
@given(notebook=notebooks)
def test_accepts_what_nbformat_accepts(minor: int, notebook: dict[str, Any]) -> None:
    expected = not list(get_validator(version=4, version_minor=minor).iter_errors(notebook))
    problem = notebook_schema(minor).problem(notebook)
    assert (problem is None) == expected, problem


def test_a_refusal_names_the_cell_and_output() -> None:
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"id": "a", "cell_type": "markdown", "metadata": {}, "source": "# Hi"},
            {
                "id": "b",
                "cell_type": "code",
                "metadata": {},
                "source": "print(1)",
                "execution_count": 1,
                "outputs": [{"output_type": "strem", "name": "stdout", "text": "1"}],
            },
        ],
    }
    assert notebook_schema(5).problem(notebook) == (
        "data.cells[1].outputs[0].output_type must be one of execute_result, display_data, "
        "stream, error"
    )
    notebook["cells"][1]["cell_type"] = "cod"
    assert notebook_schema(5).problem(notebook) == (
        "data.cells[1].cell_type must be one of raw, markdown, code"
    )
