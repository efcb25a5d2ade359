"""Reading module declarations from notebook metadata (no server)."""

import json
from pathlib import Path

import pytest
from conftest import fixture_notebook

from jupyter_tutor.modules.catalog import parse_declaration, scan, shipped_modules_dir


def write(folder: Path, name: str, notebook: dict) -> None:
    (folder / name).write_text(json.dumps(notebook))


def test_notebooks_without_a_declaration_are_not_modules(tmp_path):
    write(tmp_path, "scratch.ipynb", {"metadata": {}, "cells": []})
    write(tmp_path, "a.ipynb", fixture_notebook("a", "A", 2))
    write(tmp_path, "b.ipynb", fixture_notebook("b", "B", 1))
    catalog = scan(tmp_path)
    assert [m.slug for m in catalog.modules] == ["b", "a"]
    assert catalog.problems == []


@pytest.mark.parametrize(
    ("declaration", "reason"),
    [
        ("intro", "must be an object"),
        ({"id": "Intro NumPy", "title": "T", "order": 1}, "id must be a slug"),
        ({"id": "intro", "title": " ", "order": 1}, "title must be a non-empty string"),
        ({"id": "intro", "title": "T", "order": "1"}, "order must be an integer"),
        ({"id": "intro", "title": "T", "order": True}, "order must be an integer"),
        ({"id": "intro", "title": "T", "order": 1, "description": 3}, "description must be"),
    ],
)
def test_bad_declarations_say_what_is_wrong(declaration, reason):
    with pytest.raises(ValueError, match=reason):
        parse_declaration("x.ipynb", declaration)


def test_broken_files_and_duplicate_ids_are_reported_not_fatal(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{ not json")
    write(tmp_path, "a.ipynb", fixture_notebook("same", "First", 1))
    write(tmp_path, "b.ipynb", fixture_notebook("same", "Second", 2))
    bad = fixture_notebook("bad", "Bad", 3)
    bad["metadata"]["jupyter_tutor"]["module"]["order"] = "three"
    write(tmp_path, "c.ipynb", bad)
    catalog = scan(tmp_path)
    assert [m.title for m in catalog.modules] == ["First"]
    reasons = {p.notebook_filename: p.reason for p in catalog.problems}
    assert set(reasons) == {"broken.ipynb", "b.ipynb", "c.ipynb"}
    assert "already used by a.ipynb" in reasons["b.ipynb"]
    assert "order must be an integer" in reasons["c.ipynb"]


def test_the_shipped_course_has_the_three_modules():
    catalog = scan(shipped_modules_dir())
    assert catalog.problems == []
    assert [(m.slug, m.title, m.notebook_filename) for m in catalog.modules] == [
        ("intro-to-numpy", "Introduction to NumPy", "module_01_intro_to_numpy.ipynb"),
        ("linear-algebra-basics", "Linear Algebra Basics", "module_02_linear_algebra.ipynb"),
        ("interpolation-methods", "Interpolation Methods", "module_03_interpolation.ipynb"),
    ]


def test_tutor_settings_are_validated_with_the_module(tmp_path):
    good = fixture_notebook("good", "Good", 1)
    good["metadata"]["jupyter_tutor"]["tutor"] = {"max_level": 3, "avoid": ["polyfit"]}
    bad = fixture_notebook("bad", "Bad", 2)
    bad["metadata"]["jupyter_tutor"]["tutor"] = {"max_level": 9}
    write(tmp_path, "good.ipynb", good)
    write(tmp_path, "bad.ipynb", bad)
    catalog = scan(tmp_path)
    assert [(m.slug, m.tutor_settings) for m in catalog.modules] == [
        ("good", {"max_level": 3, "avoid": ["polyfit"]}),
        ("bad", None),
    ]
    assert "max_level must be a whole number from 1 to 4" in catalog.problems[0].reason
    assert "tutor defaults used" in catalog.problems[0].reason
