"""Package catalog, module package lists, load logs, analytics, package sets and roles."""

import json
from pathlib import Path

import pytest
from conftest import payload

from jupyter_tutor.packages.entry_rules import message
from jupyter_tutor.packages.lock import load_lock

ADMIN, INSTRUCTOR, TEACHER_BY_GROUP, LEARNER = "root", "teach", "tess", "lea"


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["TutorApp"].update(
        {
            "admin_users": {ADMIN},
            "instructor_users": {INSTRUCTOR},
            "instructor_groups": {"teachers"},
            "default_packages": ["numpy", "sympy"],
        }
    )
    return jp_server_config


def as_(role: str) -> dict:
    """Request keywords that make the caller have ``role``."""
    return {
        "admin": {"user": ADMIN},
        "instructor": {"user": INSTRUCTOR},
        "group-instructor": {"user": TEACHER_BY_GROUP, "groups": "teachers,physics"},
        "learner": {"user": LEARNER, "groups": "students"},
    }[role]


async def test_roles_come_from_config_and_hub_groups(api):
    roles = {
        r: payload(await api("config", **as_(r)))["role"]
        for r in ("admin", "instructor", "group-instructor", "learner")
    }
    assert roles == {
        "admin": "admin",
        "instructor": "instructor",
        "group-instructor": "instructor",
        "learner": "learner",
    }


async def test_the_catalog_holds_the_whole_lock_and_the_curated_set(api):
    catalog = payload(await api("packages"))
    names = {p["name"] for p in catalog["packages"]}
    locked = {p.name for p in load_lock()}
    assert locked <= names and len(locked) > 250
    assert catalog["pyodide"] == "314.0.7"
    by_name = {p["name"]: p for p in catalog["packages"]}
    numpy = by_name["numpy"]
    assert numpy["display_name"] == "NumPy" and numpy["category"] == "scientific"
    assert numpy["pyodide_compatible"] and not numpy["install_via_micropip"]
    assert numpy["imports"] == ["numpy"] and numpy["version"]
    assert by_name["scikit-learn"]["imports"] == ["sklearn"]
    seaborn = by_name["seaborn"]  # pure Python, not built for Pyodide: micropip
    assert seaborn["install_via_micropip"] and seaborn["version"] is None


async def test_filters(api):
    def names(response):
        return [p["name"] for p in payload(response)["packages"]]

    assert "matplotlib" in names(await api("packages", params={"q": "plots"}))
    assert names(await api("packages", params={"q": "NUMPY"}))[0] == "numpy"
    visual = payload(await api("packages", params={"category": "visualization"}))["packages"]
    assert visual and all(p["category"] == "visualization" for p in visual)
    assert "seaborn" in names(await api("packages", params={"q": "visual", "compatible_only": "1"}))
    assert names(await api("packages", params={"q": "no-such-thing-at-all"})) == []


async def test_admins_add_packages_and_bad_ones_are_refused(api):
    body = {
        "name": "pint",
        "display_name": "Pint",
        "category": "scientific",
        "description": "Units.",
        "docs_url": "https://pint.readthedocs.io/",
    }
    added = await api("packages", method="POST", body=body, **as_("admin"))
    assert added.code == 201 and payload(added)["install_via_micropip"] is True
    assert (await api("packages", method="POST", body=body, **as_("admin"))).code == 409
    for bad, reason in [
        ({"name": "not a name!"}, "not a valid package name"),
        ({"name": "ok", "category": "toys"}, "category must be one of"),
        ({"name": "ok", "docs_url": "ftp://x"}, "docs_url must be"),
        ({"name": "ok", "load_time_estimate": -1}, "load_time_estimate must be a whole number"),
        ({"name": "ok", "size_bytes": True}, "size_bytes must be a whole number"),
    ]:
        response = await api("packages", method="POST", body=bad, **as_("admin"))
        assert response.code == 400 and reason in payload(response)["message"]


async def test_a_module_without_a_list_gets_the_default_set(api):
    listed = payload(await api("modules", "alpha", "packages"))
    assert listed["is_default"] is True
    assert [p["name"] for p in listed["packages"]] == ["numpy", "sympy"]  # configured


async def test_an_instructor_saves_a_module_list_into_the_source_notebook(api, modules_dir: Path):
    packages = [
        {"name": "numpy", "version": ">=1.26", "required": True},
        {"name": "sympy", "required": False},
    ]
    saved = await api(
        "modules",
        "alpha",
        "packages",
        method="PUT",
        body={"packages": packages},
        **as_("instructor"),
    )
    assert saved.code == 200
    notebook = json.loads((modules_dir / "module_01_alpha.ipynb").read_text())
    assert notebook["metadata"]["jupyter_tutor"]["packages"] == packages
    assert notebook["metadata"]["jupyter_tutor"]["module"]["id"] == "alpha"
    assert notebook["cells"][0]["source"] == "# Alpha"
    learner_view = payload(await api("modules", "alpha", "packages", **as_("learner")))
    assert learner_view["packages"] == packages and learner_view["can_edit"] is False


async def test_null_puts_a_module_back_on_the_default_set(api, modules_dir: Path):
    await api(
        "modules",
        "alpha",
        "packages",
        method="PUT",
        body={"packages": [{"name": "sympy"}]},
        **as_("instructor"),
    )
    reset = payload(
        await api(
            "modules",
            "alpha",
            "packages",
            method="PUT",
            body={"packages": None},
            **as_("instructor"),
        )
    )
    assert reset["is_default"] is True
    assert [p["name"] for p in reset["packages"]] == ["numpy", "sympy"]
    notebook = json.loads((modules_dir / "module_01_alpha.ipynb").read_text())
    assert "packages" not in notebook["metadata"]["jupyter_tutor"]
    assert (
        await api("modules", "alpha", "packages", method="PUT", body={}, **as_("instructor"))
    ).code == 400


async def test_invalid_lists_are_refused_with_reasons_and_nothing_is_written(api, modules_dir):
    before = (modules_dir / "module_01_alpha.ipynb").read_text()
    bad = [
        {"name": "numpy"},
        {"name": "bad name"},
        {"name": "scipy", "version": ">>1"},
        {"name": "NumPy"},
        {"name": "x", "required": "yes"},
        "pandas",
    ]
    response = await api(
        "modules", "alpha", "packages", method="PUT", body={"packages": bad}, **as_("admin")
    )
    assert response.code == 400
    reasons = [p["reason"] for p in payload(response)["problems"]]
    assert reasons == [
        message("bad_name", "bad name"),
        message("bad_version", ">>1"),
        message("listed_twice", "NumPy"),
        message("required_not_bool"),
        message("not_an_object"),
    ]
    assert (modules_dir / "module_01_alpha.ipynb").read_text() == before


async def test_a_broken_list_in_a_notebook_is_reported_not_fatal(api, modules_dir):
    path = modules_dir / "module_02_beta.ipynb"
    notebook = json.loads(path.read_text())
    notebook["metadata"]["jupyter_tutor"]["packages"] = [{"name": "numpy"}, {"name": "!!"}]
    path.write_text(json.dumps(notebook))
    listed = payload(await api("modules", "beta", "packages"))
    assert [p["name"] for p in listed["packages"]] == ["numpy"]
    assert listed["problems"] == [{"index": 1, "reason": message("bad_name", "!!")}]


async def test_detect_from_code_maps_imports_through_the_lock(api):
    cells = [
        "import numpy as np\nfrom sklearn.linear_model import LinearRegression\nimport os",
        "%matplotlib inline\nimport matplotlib.pyplot as plt",
        '# /// script\n# dependencies = ["tabulate>=0.9"]\n# ///\nimport tabulate',
        "this is not python (",
    ]
    detected = payload(
        await api(
            "packages",
            "detect",
            method="POST",
            body={"cells": cells, "packages": [{"name": "numpy"}]},
        )
    )
    assert detected["proposed"] == [
        {"name": "scikit-learn", "required": True},
        {"name": "matplotlib", "required": True},
        {"name": "tabulate", "version": ">=0.9", "required": True},
    ]
    assert (await api("packages", "detect", method="POST", body={"cells": "x"})).code == 400


async def test_load_logs_and_analytics(api):
    logs = [
        {"package": "numpy", "load_time_ms": 1000, "success": True, "kernel_name": "python3"},
        {"package": "numpy", "load_time_ms": 3000, "success": True, "kernel_name": "python3"},
        {
            "package": "numpy",
            "load_time_ms": 50,
            "success": False,
            "error": "boom",
            "kernel_name": "python3",
        },
        {
            "package": "nope",
            "load_time_ms": 10,
            "success": False,
            "error": "not found",
            "kernel_name": "pyodide",
            "pyodide_version": "314.0.7",
            "module_slug": "alpha",
            "notebook_path": "learning-modules/module_01_alpha.ipynb",
        },
        {"package": "nope", "load_time_ms": 12, "success": False, "kernel_name": "pyodide"},
    ]
    posted = await api(
        "packages", "load-logs", method="POST", body={"logs": logs}, **as_("learner")
    )
    assert posted.code == 201 and payload(posted)["recorded"] == 5
    analytics = payload(await api("packages", "analytics", **as_("instructor")))
    assert analytics["most_failed"] == [
        {"package": "nope", "failures": 2, "attempts": 2, "failure_rate": 1.0},
        {"package": "numpy", "failures": 1, "attempts": 3, "failure_rate": 0.3333},
    ]
    assert analytics["load_times"] == [{"package": "numpy", "average_ms": 2000.0, "loads": 2}]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({}, "at least one load attempt"),
        ({"logs": [{"package": "x"}]}, "missing load_time_ms, success, kernel_name"),
        (
            {"logs": [{"package": "x", "load_time_ms": "1", "success": True, "kernel_name": "k"}]},
            "logs[0].load_time_ms has the wrong type",
        ),
        (
            {
                "logs": [
                    {
                        "package": "x",
                        "load_time_ms": 1,
                        "success": True,
                        "kernel_name": "k",
                        "user_id": "someone-else",
                    }
                ]
            },
            "unknown user_id",
        ),
    ],
)
async def test_bad_load_logs_are_refused(api, body, reason):
    response = await api("packages", "load-logs", method="POST", body=body)
    assert response.code == 400 and reason in payload(response)["message"]


async def test_package_set_crud(api):
    created = await api(
        "package-sets",
        method="POST",
        **as_("admin"),
        body={
            "name": "Data science basics",
            "description": "For week 1",
            "is_default": True,
            "packages": [{"name": "numpy"}, {"name": "pandas", "version": ">=2"}],
        },
    )
    assert created.code == 201
    data_set = payload(created)
    assert data_set["packages"] == [
        {"name": "numpy", "required": True},
        {"name": "pandas", "version": ">=2", "required": True},
    ]
    second = payload(
        await api(
            "package-sets",
            method="POST",
            **as_("admin"),
            body={"name": "Plotting", "is_default": True, "packages": [{"name": "matplotlib"}]},
        )
    )
    sets = {s["name"]: s for s in payload(await api("package-sets", **as_("learner")))["sets"]}
    assert sets["Plotting"]["is_default"] and not sets["Data science basics"]["is_default"]

    renamed = await api(
        "package-sets",
        str(second["id"]),
        method="PUT",
        **as_("admin"),
        body={"name": "Plots", "packages": [{"name": "matplotlib"}, {"name": "seaborn"}]},
    )
    assert payload(renamed)["name"] == "Plots" and len(payload(renamed)["packages"]) == 2
    duplicate = await api(
        "package-sets", method="POST", **as_("admin"), body={"name": "Plots", "packages": []}
    )
    assert duplicate.code == 409
    bad = await api(
        "package-sets",
        method="POST",
        **as_("admin"),
        body={"name": "X", "packages": [{"name": "!"}]},
    )
    assert bad.code == 400
    assert (
        await api("package-sets", str(second["id"]), method="DELETE", **as_("admin"))
    ).code == 204
    assert (
        await api("package-sets", str(second["id"]), method="DELETE", **as_("admin"))
    ).code == 404
    assert (
        await api(
            "package-sets", "999", method="PUT", **as_("admin"), body={"name": "Y", "packages": []}
        )
    ).code == 404


# Every endpoint that changes something or shows analytics, against every role.
MATRIX = [
    ("POST", ("packages",), {"name": "pint-{role}"}, "admin"),
    ("PUT", ("modules", "alpha", "packages"), {"packages": [{"name": "numpy"}]}, "instructor"),
    ("GET", ("packages", "analytics"), None, "instructor"),
    ("POST", ("package-sets",), {"name": "set-{role}", "packages": []}, "admin"),
    ("PUT", ("package-sets", "{set_id}"), {"name": "renamed-{role}", "packages": []}, "admin"),
    ("DELETE", ("package-sets", "{set_id}"), None, "admin"),
    (
        "POST",
        ("packages", "load-logs"),
        {"logs": [{"package": "numpy", "load_time_ms": 1, "success": True, "kernel_name": "k"}]},
        "learner",
    ),
    ("GET", ("packages",), None, "learner"),
    ("GET", ("package-sets",), None, "learner"),
    ("GET", ("modules", "alpha", "packages"), None, "learner"),
    ("POST", ("packages", "detect"), {"cells": []}, "learner"),
    ("POST", ("packages", "check"), {"packages": []}, "learner"),
]
RANK = ["learner", "instructor", "admin"]


@pytest.mark.parametrize("role", ["learner", "group-instructor", "instructor", "admin"])
@pytest.mark.parametrize(
    ("method", "path", "body", "needed"),
    MATRIX,
    ids=[f"{m} {'/'.join(p)}" for m, p, _, _ in MATRIX],
)
async def test_role_matrix(api, role, method, path, body, needed):
    made = payload(
        await api(
            "package-sets",
            method="POST",
            **as_("admin"),
            body={"name": f"target-{role}-{method}-{len(path)}", "packages": []},
        )
    )
    path = tuple(part.format(set_id=made["id"]) for part in path)
    if body is not None:
        body = json.loads(json.dumps(body).replace("{role}", role))
    response = await api(*path, method=method, body=body, **as_(role))
    effective = "instructor" if role == "group-instructor" else role
    if RANK.index(effective) >= RANK.index(needed):
        assert response.code in (200, 201, 204), (role, path, response.body)
    else:
        assert response.code == 403, (role, path, response.code)
        assert payload(response)["error"] == "forbidden"


async def test_no_learner_request_changes_a_list_a_set_or_the_catalog(api, modules_dir):
    notebook_before = (modules_dir / "module_01_alpha.ipynb").read_text()
    catalog_before = payload(await api("packages"))
    sets_before = payload(await api("package-sets"))
    for index, (method, path, body, needed) in enumerate(MATRIX):
        if needed != "learner":
            made = payload(
                await api(
                    "package-sets",
                    method="POST",
                    **as_("admin"),
                    body={"name": f"target-{index}", "packages": []},
                )
            )
            sets_before = payload(await api("package-sets"))
            target = tuple(part.format(set_id=made["id"]) for part in path)
            filled = json.loads(json.dumps(body).replace("{role}", "l")) if body else body
            assert (await api(*target, method=method, body=filled, **as_("learner"))).code == 403
            assert payload(await api("package-sets")) == sets_before
    assert (modules_dir / "module_01_alpha.ipynb").read_text() == notebook_before
    assert payload(await api("packages")) == catalog_before


async def test_any_notebook_list_is_checked_without_storing_anything(api):
    checked = payload(
        await api(
            "packages",
            "check",
            method="POST",
            body={"packages": [{"name": "numpy", "version": ">=1.26"}, {"name": "no way"}]},
            **as_("learner"),
        )
    )
    assert checked == {
        "packages": [{"name": "numpy", "version": ">=1.26", "required": True}],
        "problems": [{"index": 1, "reason": message("bad_name", "no way")}],
        "is_default": False,
    }
    undeclared = payload(await api("packages", "check", method="POST", body={"packages": None}))
    assert undeclared["is_default"] and [p["name"] for p in undeclared["packages"]] == [
        "numpy",
        "sympy",
    ]
    missing = await api("packages", "check", method="POST", body={"list": []})
    assert missing.code == 400 and "packages" in payload(missing)["message"]


async def test_the_package_list_schema_is_published(api):
    schema = payload(await api("packages", "schema"))
    assert schema["type"] == "array" and schema["items"]["required"] == ["name"]
