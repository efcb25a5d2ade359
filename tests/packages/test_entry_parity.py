"""Package list entries are judged the same by the server and the browser.

``entries.json`` holds lists and what the check makes of them: the entries kept (as stored)
and the problems (index and reason). These tests hold the Python side to it; ``jlpm test``
holds the browser's check (labextension/src/backend/lite/packageListCheck.ts, with
labextension/src/packages/entryRules.ts) to the same file. After changing the rules on
purpose, rewrite the expectations with ``python tests/packages/test_entry_parity.py`` and
review the diff.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from jupyter_tutor.packages.package_list import parse_package_list

FIXTURE = Path(__file__).with_name("entries.json")

# Shell and IPython syntax in every field, encodings, lookalikes, and ordinary lists.
CASES: list[tuple[str, Any]] = [
    ("ordinary", [{"name": "numpy", "version": ">=1.26"}, {"name": "sympy", "required": False}]),
    ("specifier forms", [
        {"name": "a", "version": "==2.*"}, {"name": "b", "version": "~=1.4.2"},
        {"name": "c", "version": ">=1.2, <2"}, {"name": "d", "version": "!=1.0.post1"},
        {"name": "e", "version": " >= 1.0rc1 "}, {"name": "f", "version": "<3.0.dev4"},
        {"name": "g", "version": ""}, {"name": "h", "version": None},
    ]),
    ("names", [
        {"name": "scikit-learn"}, {"name": "zope.interface"}, {"name": "typing_extensions"},
        {"name": "A1"}, {"name": "x"}, {"name": "-x"}, {"name": "x-"}, {"name": ".x"},
        {"name": "a" * 100}, {"name": "a" * 101}, {"name": ""},
    ]),
    ("duplicates by canonical name", [
        {"name": "NumPy"}, {"name": "numpy"},
        {"name": "Zope_Interface"}, {"name": "zope.interface"},
    ]),
    ("shell in versions", [
        {"name": "x", "version": "===`touch${IFS}/tmp/jt-marker`"},
        {"name": "x", "version": ">=1; touch /tmp/jt-marker"},
        {"name": "x", "version": ">=1 && touch /tmp/jt-marker"},
        {"name": "x", "version": "$(touch /tmp/jt-marker)"},
        {"name": "x", "version": "==1|sh"},
        {"name": "x", "version": ">=1\ntouch /tmp/jt-marker"},
        {"name": "x", "version": "==1' \"; touch m"},
        {"name": "x", "version": "===1"},
        {"name": "x", "version": "==1.0+local"},
        {"name": "x", "version": "--index-url=http://evil"},
    ]),
    ("IPython syntax in versions", [
        {"name": "x", "version": "=={__import__('os').system('touch m')}"},
        {"name": "x", "version": "==$HOME"},
        {"name": "x", "version": ">=1!!ls"},
    ]),
    ("shell and options in names", [
        {"name": "x;touch m"}, {"name": "$(touch m)"}, {"name": "`id`"}, {"name": "numpy\n"},
        {"name": "\nnumpy"}, {"name": "-r/etc/passwd"}, {"name": "--upgrade"}, {"name": "x y"},
        {"name": "{os.system('id')}"}, {"name": "numpy@https://evil/x.whl"},
        {"name": "numpy[extra]"}, {"name": "numpy>=1"}, {"name": "numpy==1"},
    ]),
    ("encodings and lookalikes", [
        {"name": "nump\u0443"}, {"name": "\uff4e\uff55\uff4d\uff50\uff59"}, {"name": "num\u200bpy"},
        {"name": "x", "version": ">=\uff11"}, {"name": "x", "version": ">=\u0661"},
        {"name": "x", "version": ">=1\u00a0"}, {"name": "x", "version": "\u2003>=1"},
        {"name": "\ud800"}, {"name": "caf\u00e9"}, {"name": "x\u0000"},
    ]),
    ("wrong types", [
        "numpy", 1, None, ["numpy"], {"name": 1}, {"name": None}, {"name": ["numpy"]},
        {"name": "x", "version": 1}, {"name": "x", "version": [">=1"]},
        {"name": "x", "version": {}}, {"name": "x", "required": "yes"},
        {"name": "x", "required": None}, {"name": "x", "required": 1},
        {"name": "x", "extra": True}, {"name": "x", "url": "https://evil", "zzz": 1},
        {"version": ">=1"}, {},
    ]),
    ("long specifiers", [
        {"name": "x", "version": ">=1" + ",>=1" * 24},
        {"name": "x", "version": ">=1" + ",>=1" * 40},
    ]),
    ("not a list: object", {"name": "numpy"}),
    ("not a list: text", "numpy"),
]  # fmt: skip


def decide(raw: Any) -> dict[str, Any]:
    entries, problems = parse_package_list(raw)
    return {
        "packages": [entry.as_json() for entry in entries],
        "problems": [{"index": p.index, "reason": p.reason} for p in problems],
    }


def load_fixture() -> list[dict[str, Any]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["lists"]


@pytest.mark.parametrize("case", load_fixture(), ids=lambda case: case["title"])
def test_the_server_decides_as_the_fixture_says(case: dict[str, Any]) -> None:
    assert decide(case["raw"]) == case["expected"]


async def test_the_check_route_answers_every_list_as_the_fixture(api):
    """``POST packages/check``, the route the browser's check stands in for in a Lite site."""
    from conftest import payload
    from contract_shapes import conform

    for case in load_fixture():
        response = await api("packages", "check", method="POST", body={"packages": case["raw"]})
        checked = payload(response)
        if "\\u0000" in json.dumps(case["raw"]):  # no request body may carry one (web/body.py)
            assert (response.code, checked["error"]) == (400, "bad_request"), case["title"]
            continue
        conform("CheckedPackageList", checked)
        assert checked == {**case["expected"], "is_default": False}, case["title"]


def test_the_fixture_covers_every_case() -> None:
    assert [case["title"] for case in load_fixture()] == [title for title, _ in CASES]


def test_no_kept_entry_carries_a_character_of_shell_or_python_syntax() -> None:
    syntax = set("\t\n;&|$`'\"(){}[]\\#@/")
    for case in load_fixture():
        for entry in case["expected"]["packages"]:
            assert not set(entry["name"]) & (syntax | {" "}), entry
            assert not set(entry.get("version", "")) & syntax, entry


if __name__ == "__main__":
    lists = [{"title": title, "raw": raw, "expected": decide(raw)} for title, raw in CASES]
    FIXTURE.write_text(
        json.dumps({"lists": lists}, indent=1, ensure_ascii=True) + "\n", encoding="utf-8"
    )
