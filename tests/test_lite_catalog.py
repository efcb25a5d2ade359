"""The JupyterLite site's build-time catalog, from the same code the server uses (no build)."""

import json
from pathlib import Path

import pytest
from conftest import fixture_notebook

from jupyter_tutor.lite.site_catalog import build_site_catalog
from jupyter_tutor.modules.catalog import shipped_modules_dir
from jupyter_tutor.packages.catalog import build_catalog, load_curated
from jupyter_tutor.packages.entry_rules import message
from jupyter_tutor.packages.lock import load_lock, lock_version
from jupyter_tutor.packages.package_list import DEFAULT_PACKAGES
from jupyter_tutor.packages.routes import package_json, set_json
from jupyter_tutor.store.models import PackageSet, PythonPackage

CATALOG = build_catalog(load_lock(), load_curated())


def online(notebooks: Path, **options) -> dict:
    return build_site_catalog(
        notebooks, CATALOG, mode="online", pyodide_version=lock_version(), **options
    )


def test_the_shipped_course_is_listed_with_its_package_lists():
    catalog = online(shipped_modules_dir())
    assert catalog["format"] == 2
    assert catalog["working_copy_dir"] == "learning-modules"
    assert catalog["mode"] == "online"
    assert catalog["pyodide_version"] == lock_version()
    assert catalog["problems"] == []
    assert [(m["id"], m["order"], m["notebook_path"]) for m in catalog["modules"]] == [
        ("intro-to-numpy", 1, "course/module_01_intro_to_numpy.ipynb"),
        ("linear-algebra-basics", 2, "course/module_02_linear_algebra.ipynb"),
        ("interpolation-methods", 3, "course/module_03_interpolation.ipynb"),
    ]
    for module in catalog["modules"]:
        assert module["packages"] == [{"name": "numpy", "required": True}]
        assert module["packages_is_default"] is False
        assert module["package_problems"] == []
        assert module["tutor_settings"] is None
        assert module["title"] and module["description"]
    # Online nothing is known about offline availability.
    assert {p["available_offline"] for p in catalog["packages"]} == {None}


def test_packages_have_the_server_fields_plus_offline_availability():
    catalog = online(shipped_modules_dir())
    entry = CATALOG[0]
    server_fields = package_json(PythonPackage(**{**entry.__dict__, "imports": []}))
    assert set(catalog["packages"][0]) == {*server_fields, "available_offline"}
    by_name = {p["name"]: p for p in catalog["packages"]}
    assert by_name["numpy"]["install_via_micropip"] is False
    assert by_name["numpy"]["version"]
    assert by_name["tabulate"]["install_via_micropip"] is True
    assert len(by_name) == len(CATALOG)


def test_a_bad_notebook_is_a_problem_and_a_bad_list_entry_is_skipped(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{ not json")
    no_order = fixture_notebook("no-order", "No order", 1)
    del no_order["metadata"]["jupyter_tutor"]["module"]["order"]
    (tmp_path / "no-order.ipynb").write_text(json.dumps(no_order))
    listed = fixture_notebook("listed", "Listed", 2)
    listed["metadata"]["jupyter_tutor"]["packages"] = [
        {"name": "sympy", "version": ">=1.12", "required": False},
        {"name": "not a name"},
    ]
    listed["metadata"]["jupyter_tutor"]["tutor"] = {"max_level": 2}
    (tmp_path / "listed.ipynb").write_text(json.dumps(listed))
    (tmp_path / "default.ipynb").write_text(json.dumps(fixture_notebook("default", "D", 3)))

    catalog = online(tmp_path)

    reasons = {p["notebook_filename"]: p["reason"] for p in catalog["problems"]}
    assert set(reasons) == {"broken.ipynb", "no-order.ipynb"}
    assert "order must be an integer" in reasons["no-order.ipynb"]
    listed_module, default_module = catalog["modules"]
    assert listed_module["packages"] == [{"name": "sympy", "version": ">=1.12", "required": False}]
    assert listed_module["package_problems"] == [
        {"index": 1, "reason": message("bad_name", "not a name")}
    ]
    assert listed_module["tutor_settings"] == {"max_level": 2}
    assert default_module["packages_is_default"] is True
    assert [p["name"] for p in default_module["packages"]] == list(DEFAULT_PACKAGES)
    chosen = online(tmp_path, default_packages=["sympy"])["modules"][1]
    assert chosen["packages"] == [{"name": "sympy", "required": True}]


def test_offline_availability_is_asked_per_package(tmp_path):
    catalog = build_site_catalog(
        tmp_path,
        CATALOG,
        mode="offline",
        pyodide_version="314.0.7",
        available_offline={"sympy", "tabulate"}.__contains__,
    )
    flags = {p["name"]: p["available_offline"] for p in catalog["packages"]}
    assert flags["sympy"] is True and flags["tabulate"] is True
    assert flags["numpy"] is False
    with pytest.raises(ValueError, match="offline mode"):
        online(tmp_path, available_offline=lambda _: True)


def test_package_sets_are_checked_and_shaped_like_the_server_s(tmp_path):
    sets = [
        {"name": "Scientific", "is_default": True, "packages": [{"name": "numpy"}]},
        {"name": "Symbolic", "description": "Exact maths", "packages": [{"name": "sympy"}]},
    ]
    catalog = online(tmp_path, package_sets=sets)
    server_fields = set_json(PackageSet(id=1, name="x", description="", is_default=False))
    assert [set(row) for row in catalog["package_sets"]] == [set(server_fields)] * 2
    assert catalog["package_sets"][0] == {
        "id": 1,
        "name": "Scientific",
        "description": "",
        "is_default": True,
        "packages": [{"name": "numpy", "required": True}],
        "updated_by": None,
        "updated_at": None,
    }
    with pytest.raises(ValueError, match="package set 1"):
        online(tmp_path, package_sets=[{"name": "Bad", "packages": [{"name": "no such"}]}])
    with pytest.raises(ValueError, match="one package set"):
        online(tmp_path, package_sets=[{**sets[0]}, {**sets[1], "is_default": True}])
