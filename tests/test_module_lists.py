"""An instructor's save of a module's package list changes that list and nothing else."""

import json
from pathlib import Path

import pytest

from jupyter_tutor.packages.module_lists import read_module_list, write_module_list
from jupyter_tutor.store.models import LearningModule

NUMPY = [{"name": "numpy", "version": ">=1.26", "required": True}]


def notebook() -> dict:
    return {
        "cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Wärme"]}],
        "metadata": {"jupyter_tutor": {"module": {"id": "heat", "title": "Heat"}}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


@pytest.mark.parametrize(
    "layout",
    [
        {"indent": 1, "ensure_ascii": False},  # nbformat's own
        {"indent": 2, "ensure_ascii": False},
        {"indent": "\t", "ensure_ascii": True},
        {"indent": 4, "ensure_ascii": True, "newline": False},
    ],
)
def test_the_file_keeps_its_layout(tmp_path: Path, layout: dict):
    newline = layout.pop("newline", True)
    path = tmp_path / "module_01_heat.ipynb"
    path.write_text(json.dumps(notebook(), **layout) + ("\n" if newline else ""), "utf-8")
    module = LearningModule(slug="heat", notebook_filename=path.name)

    write_module_list(tmp_path, module, NUMPY)

    expected = notebook()
    expected["metadata"]["jupyter_tutor"]["packages"] = NUMPY
    text = path.read_text("utf-8")
    assert text == json.dumps(expected, **layout) + ("\n" if newline else "")
    assert read_module_list(tmp_path, module) == NUMPY
    write_module_list(tmp_path, module, None)
    assert path.read_text("utf-8") == json.dumps(notebook(), **layout) + ("\n" if newline else "")
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
