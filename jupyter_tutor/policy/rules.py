"""An AI policy document and the policy in force at an instant (pure, no server).

A policy is ``{mode?, max_level?, windows?, exercises?}``: ``mode`` is ``off``, ``hints``
(the module's tutor settings, optionally capped lower by ``max_level``) or ``full`` (every
level, code included). A window is ``{mode, from, until, timezone, reason?, max_level?}``:
``from``/``until`` are local wall-clock times, either a date and time
(``2026-12-10T09:00``, once) or a time of day (``09:00``, every day; ``until`` before
``from`` crosses midnight). Local times are read in ``timezone`` with zoneinfo: an
ambiguous time (clocks going back) is its first occurrence, a time that does not exist
(clocks jumping forward) is read with the offset before the jump (so it falls an hour
later on the new clock).

Precedence at an instant: the exercise's window in force, then the module's window in
force, then the exercise's mode, then the module's mode, then ``hints``.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..contract import fields, names
from ..tutor.pedagogy.levels import MAX_LEVEL

MODES: tuple[str, ...] = names("AiPolicyMode")
DEFAULT_MODE = "hints"
MAX_WINDOWS = 50
MAX_REASON = 200
MAX_EXERCISES = 200
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
LOCAL_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
TIME_OF_DAY = re.compile(r"\d{2}:\d{2}")
TIMEZONE = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*")
# How far ahead the next change of a daily window is looked for.
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    """What the tutor may do: a mode and, for ``hints``, an optional lower cap."""

    mode: str
    max_level: int | None = None


@dataclass(frozen=True)
class Window:
    rule: Rule
    start: str
    end: str
    zone: tzinfo
    timezone: str
    reason: str = ""

    @property
    def daily(self) -> bool:
        return TIME_OF_DAY.fullmatch(self.start) is not None

    def spans_around(self, now: datetime) -> list[tuple[datetime, datetime]]:
        """The window's occurrences (UTC) that could hold ``now`` or come next."""
        if not self.daily:
            return [(_instant(self.start, self.zone), _instant(self.end, self.zone))]
        today = now.astimezone(self.zone).date()
        spans = []
        for offset in (-1, 0, 1):
            day = today + timedelta(days=offset)
            start = _on_day(day, self.start, self.zone)
            end_day = day + DAY if self.end <= self.start else day
            spans.append((start, _on_day(end_day, self.end, self.zone)))
        return spans

    def active_until(self, now: datetime) -> datetime | None:
        """The end of the occurrence holding ``now`` (from included, until excluded)."""
        return next((end for start, end in self.spans_around(now) if start <= now < end), None)

    def changes_after(self, now: datetime) -> list[datetime]:
        return [edge for span in self.spans_around(now) for edge in span if edge > now]


@dataclass(frozen=True)
class Scope:
    """The policy of a module, or of one exercise (no ``exercises`` of its own)."""

    rule: Rule | None = None
    windows: tuple[Window, ...] = ()


@dataclass(frozen=True)
class Policy:
    module: Scope = field(default_factory=Scope)
    exercises: dict[str, Scope] = field(default_factory=dict)


@dataclass(frozen=True)
class InForce:
    """The rule in force now, what set it, and until when."""

    rule: Rule
    until: datetime | None = None
    reason: str = ""
    # The window's time zone name, to say ``until`` in it.
    timezone: str = ""
    # The next instant the answer may change (a window starting or ending), or None.
    next_change: datetime | None = None


def _instant(local: str, zone: tzinfo) -> datetime:
    # fold=0: the first of an ambiguous time; the pre-jump offset for a missing one.
    return datetime.fromisoformat(local).replace(tzinfo=zone).astimezone(UTC)


def _on_day(day: date, clock: str, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), zone).astimezone(UTC)


def _level(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_LEVEL:
        raise ValueError(f"{where}.max_level must be a whole number from 1 to {MAX_LEVEL}")
    return value


def _rule(raw: dict[str, Any], where: str) -> Rule | None:
    mode = raw.get("mode")
    if mode is None:
        if "max_level" in raw:
            raise ValueError(f"{where}.max_level needs mode 'hints'")
        return None
    if mode not in MODES:
        raise ValueError(f"{where}.mode must be one of {', '.join(MODES)}")
    if "max_level" in raw:
        if mode != "hints":
            raise ValueError(f"{where}.max_level only applies to mode 'hints'")
        return Rule(mode, _level(raw["max_level"], where))
    return Rule(mode)


def _zone(name: Any, where: str) -> tzinfo:
    if not isinstance(name, str) or not TIMEZONE.fullmatch(name) or len(name) > 64:
        raise ValueError(f"{where}.timezone must be a time zone name like 'Europe/Berlin'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{where}.timezone {name!r} is not a known time zone") from None


def _clock(value: Any, where: str) -> str:
    """A local date-time or time of day, checked to be a real one."""
    if isinstance(value, str) and LOCAL_DATETIME.fullmatch(value):
        try:
            datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    elif isinstance(value, str) and TIME_OF_DAY.fullmatch(value):
        try:
            time.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise ValueError(
        f"{where} must be a local date and time like '2026-12-10T09:00' or a time of day "
        "like '09:00'"
    )


def parse_window(raw: Any, where: str) -> Window:
    if not isinstance(raw, dict):
        raise ValueError(f"{where} must be an object")
    unknown = sorted(str(name)[:40] for name in set(raw) - fields("AiPolicyWindow"))
    if unknown:
        raise ValueError(f"{where} has unknown field(s): {', '.join(unknown[:5])}")
    rule = _rule(raw, where)
    if rule is None:
        raise ValueError(f"{where} needs a mode")
    start = _clock(raw.get("from"), f"{where}.from")
    end = _clock(raw.get("until"), f"{where}.until")
    if (TIME_OF_DAY.fullmatch(start) is None) != (TIME_OF_DAY.fullmatch(end) is None):
        raise ValueError(f"{where}: from and until must both be dates and times, or both times")
    zone = _zone(raw.get("timezone"), where)
    window = Window(rule, start, end, zone, raw["timezone"], _reason(raw.get("reason"), where))
    if window.daily and start == end:
        raise ValueError(f"{where}: until must differ from from")
    if not window.daily and _instant(end, zone) <= _instant(start, zone):
        raise ValueError(f"{where}: until must be after from")
    return window


def _reason(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > MAX_REASON:
        raise ValueError(f"{where}.reason must be text of at most {MAX_REASON} characters")
    return value.strip()


def _scope(raw: Any, where: str, problems: list[str], allowed: frozenset[str]) -> Scope:
    if not isinstance(raw, dict):
        raise ValueError(f"{where} must be an object")
    unknown = sorted(str(name)[:40] for name in set(raw) - allowed)
    if unknown:
        raise ValueError(f"{where} has unknown field(s): {', '.join(unknown[:5])}")
    rule = _rule(raw, where)
    windows_raw = raw.get("windows", [])
    if not isinstance(windows_raw, list) or len(windows_raw) > MAX_WINDOWS:
        raise ValueError(f"{where}.windows must be a list of at most {MAX_WINDOWS} windows")
    windows = []
    for index, window in enumerate(windows_raw):
        try:
            windows.append(parse_window(window, f"{where}.windows[{index}]"))
        except ValueError as error:
            problems.append(f"{error} (window skipped)")
    return Scope(rule, tuple(windows))


def parse_policy(raw: Any, where: str = "policy") -> tuple[Policy, list[str]]:
    """A policy and what was wrong with it: a broken window or exercise entry is skipped
    (and reported); a broken module-level field empties the module's part."""
    problems: list[str] = []
    if raw is None:
        return Policy(), problems
    try:
        module = _scope(raw, where, problems, fields("AiPolicyBlock"))
    except ValueError as error:
        return Policy(), [f"{error} (policy ignored)"]
    exercises: dict[str, Scope] = {}
    entries = raw.get("exercises", {})
    if not isinstance(entries, dict) or len(entries) > MAX_EXERCISES:
        problems.append(f"{where}.exercises must be an object of at most {MAX_EXERCISES} entries")
        entries = {}
    for slug, entry in entries.items():
        place = f"{where}.exercises.{str(slug)[:40]}"
        try:
            if not SLUG.fullmatch(slug):
                raise ValueError(f"{place}: the key must be an exercise id")
            exercises[slug] = _scope(entry, place, problems, fields("AiPolicyScope"))
        except ValueError as error:
            problems.append(f"{error} (entry skipped)")
    return Policy(module, exercises), problems


def strict_policy(raw: Any) -> Policy:
    """For a write: the whole policy is valid, or ``ValueError`` with the first problem."""
    policy, problems = parse_policy(raw)
    if problems:
        raise ValueError(problems[0].rsplit(" (", 1)[0])
    return policy


def overlay(base: Any, override: Any) -> Any:
    """The stored override over the notebook's policy: its fields win, exercises by id."""
    if not isinstance(override, dict):
        return base
    if not isinstance(base, dict):
        return override
    merged = {**base, **{k: v for k, v in override.items() if k != "exercises"}}
    base_entries = base.get("exercises")
    entries = {
        **(base_entries if isinstance(base_entries, dict) else {}),
        **override.get("exercises", {}),
    }
    if entries:
        merged["exercises"] = entries
    if "mode" in override and "max_level" not in override:
        merged.pop("max_level", None)
    return merged


def _window_in_force(windows: tuple[Window, ...], now: datetime) -> InForce | None:
    for window in windows:
        until = window.active_until(now)
        if until is not None:
            return InForce(window.rule, until, window.reason, window.timezone)
    return None


def in_force(policy: Policy, exercise: str | None, now: datetime) -> InForce:
    """The rule at ``now`` (an aware datetime) for the module or one of its exercises."""
    scope = policy.exercises.get(exercise, Scope()) if exercise else Scope()
    windows = scope.windows + policy.module.windows
    found = (
        _window_in_force(scope.windows, now)
        or _window_in_force(policy.module.windows, now)
        or InForce(scope.rule or policy.module.rule or Rule(DEFAULT_MODE))
    )
    edges = [edge for window in windows for edge in window.changes_after(now)]
    return replace(found, next_change=min(edges, default=None))
