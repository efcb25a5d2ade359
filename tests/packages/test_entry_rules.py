"""Property tests of the package entry rules: what they let through is safe and real."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from jupyter_tutor.packages.entry_rules import NAME, SPECIFIER
from jupyter_tutor.packages.package_list import PackageRequest, parse_entry

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
entries = st.dictionaries(
    st.sampled_from(["name", "version", "required", "other"]), json_values, max_size=4
)


@given(st.from_regex(SPECIFIER, fullmatch=True).filter(lambda text: len(text) <= 100))
def test_every_specifier_the_rule_accepts_is_pep_440(specifier: str) -> None:
    SpecifierSet(specifier)
    assert parse_entry({"name": "x", "version": specifier}).version == specifier.strip(" ")


@given(st.from_regex(NAME, fullmatch=True).filter(lambda name: len(name) <= 100))
def test_every_name_the_rule_accepts_is_a_pep_508_name(name: str) -> None:
    assert canonicalize_name(Requirement(name).name) == canonicalize_name(name)


@given(st.one_of(json_values, entries))
def test_any_entry_is_kept_as_a_plain_requirement_or_refused_with_a_reason(raw: Any) -> None:
    try:
        entry = parse_entry(raw)
    except ValueError as error:
        assert str(error)
        return
    assert isinstance(entry, PackageRequest)
    requirement = Requirement(entry.name + entry.version)
    assert requirement.name == entry.name and not requirement.url and not requirement.marker
    assert not set(entry.name + entry.version) & set("\n\t;&|$`'\"(){}[]\\#@/")


@given(st.text(max_size=120))
def test_any_text_version_is_a_specifier_or_refused(version: str) -> None:
    try:
        entry = parse_entry({"name": "x", "version": version})
    except ValueError:
        return
    assert str(SpecifierSet(entry.version)) or entry.version == ""
