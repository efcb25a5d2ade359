"""The AI policy of a module: the notebook's, the instructor's stored override over it,
and what is in force at an instant (the server's clock)."""

import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..exercises.service import exercises_of
from ..modules.service import MODULE_CACHE_SECONDS
from ..store.models import AiPolicyOverride, LearningModule, utcnow
from ..store.upsert import insert_or_update
from ..tutor.pedagogy.levels import MAX_LEVEL
from ..tutor.pedagogy.settings import TutorSettings
from . import rules
from .rules import InForce, Policy, overlay, parse_policy, strict_policy


def notebook_policy(module: LearningModule) -> Any:
    """``metadata.jupyter_tutor.tutor.policy`` as synced (None: none declared)."""
    settings = module.tutor_settings
    return settings.get("policy") if isinstance(settings, dict) else None


def capped(settings: TutorSettings, found: InForce) -> TutorSettings:
    """The tutor settings the rule in force allows (``off`` never reaches the model)."""
    rule = found.rule
    if rule.mode == "full":
        return replace(settings, max_level=MAX_LEVEL)
    if rule.mode == "hints" and rule.max_level is not None:
        return replace(settings, max_level=min(settings.max_level, rule.max_level))
    return settings


def off_message(found: InForce, set_by: str | None) -> str:
    """The tutor's polite answer while it is switched off."""
    who = "your instructor" if set_by else "your course"
    text = f"The tutor is switched off for this work by {who}"
    if found.until is not None:
        local = found.until.astimezone(ZoneInfo(found.timezone or "UTC"))
        text += f" until {local:%Y-%m-%d %H:%M} ({found.timezone or 'UTC'})"
    if found.reason:
        text += f" ({found.reason})"
    return text + ". Your notebook and its checks keep working."


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


@dataclass(frozen=True)
class ModulePolicy:
    """The policy of one module with where it came from."""

    notebook: Any
    override: AiPolicyOverride | None
    policy: Policy
    problems: list[str]

    @property
    def set_by(self) -> str | None:
        return self.override.set_by if self.override else None

    def in_force(self, exercise: str | None, now: datetime) -> InForce:
        return rules.in_force(self.policy, exercise, now)

    def allows(
        self, settings: TutorSettings, exercise: str | None, now: datetime
    ) -> TutorSettings | str:
        """The settings the tutor may answer with now, or why it is switched off."""
        found = self.in_force(exercise, now)
        if found.rule.mode == "off":
            return off_message(found, self.set_by)
        return capped(settings, found)

    def now_json(self, settings: TutorSettings, exercise: str | None, now: datetime) -> dict:
        found = self.in_force(exercise, now)
        allowed = capped(settings, found)
        return {
            "mode": found.rule.mode,
            "max_level": 0 if found.rule.mode == "off" else allowed.max_level,
            "code_allowed_level": allowed.code_allowed_level,
            "until": _iso(found.until),
            "reason": found.reason,
            "set_by": self.set_by,
            "next_change": _iso(found.next_change),
        }

    def learner_json(
        self, module: LearningModule, settings: TutorSettings, now: datetime
    ) -> dict[str, Any]:
        return {
            "module_id": module.slug,
            "now": now.astimezone(UTC).isoformat(),
            "module": self.now_json(settings, None, now),
            "exercises": {
                exercise.slug: self.now_json(settings, exercise.slug, now)
                for exercise in exercises_of(module)
            },
        }

    def instructor_json(
        self, module: LearningModule, settings: TutorSettings, now: datetime
    ) -> dict[str, Any]:
        override = self.override
        return {
            "module_id": module.slug,
            "notebook": self.notebook if isinstance(self.notebook, dict) else None,
            "override": {
                "policy": override.policy,
                "set_by": override.set_by,
                "set_at": _iso(override.set_at),
            }
            if override
            else None,
            "problems": self.problems,
            "in_force": self.learner_json(module, settings, now),
        }


# Every answer reads its module's policy. An override stored in this process applies at
# once; one stored through another service process on the same database, after at most
# as long as a re-synced notebook policy takes (the module cache's window).
OVERRIDE_CACHE_SECONDS = MODULE_CACHE_SECONDS


class PolicyService:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions
        # module id -> (its override, when it was read): at most one per module.
        self._overrides: dict[int, tuple[AiPolicyOverride | None, float]] = {}
        self._stored = 0  # overrides stored by this process: a read begun before is stale

    async def of_module(self, module: LearningModule) -> ModulePolicy:
        override = await self._override(module.id)
        notebook = notebook_policy(module)
        merged = overlay(notebook, override.policy if override else None)
        policy, problems = parse_policy(merged)
        return ModulePolicy(notebook, override, policy, problems)

    async def _override(self, module_id: int) -> AiPolicyOverride | None:
        cached = self._overrides.get(module_id)
        if cached is not None and time.monotonic() - cached[1] < OVERRIDE_CACHE_SECONDS:
            return cached[0]
        stored = self._stored
        async with self._sessions() as db:
            override = await db.scalar(
                select(AiPolicyOverride).where(AiPolicyOverride.module_id == module_id)
            )
        if stored == self._stored:
            self._overrides[module_id] = (override, time.monotonic())
        return override

    async def set_override(self, module: LearningModule, raw: Any, set_by: str) -> ModulePolicy:
        """Store (or with ``None`` remove) the override; ``ValueError`` writes nothing."""
        if raw is not None:
            strict_policy(raw)
            declared = {exercise.slug for exercise in exercises_of(module)}
            unknown = sorted(set(raw.get("exercises", {})) - declared)
            if unknown:
                raise ValueError(f"module {module.slug!r} declares no exercise {unknown[0]!r}")
        async with self._sessions.begin() as db:
            if raw is None:
                await db.execute(
                    delete(AiPolicyOverride).where(AiPolicyOverride.module_id == module.id)
                )
            else:
                table = AiPolicyOverride.__table__
                statement = insert_or_update(db.bind.dialect.name, table).values(
                    module_id=module.id, policy=raw, set_by=set_by, set_at=utcnow()
                )
                await db.execute(
                    statement.on_conflict_do_update(
                        index_elements=["module_id"],
                        set_={
                            "policy": statement.excluded.policy,
                            "set_by": statement.excluded.set_by,
                            "set_at": statement.excluded.set_at,
                        },
                    )
                )
        self._stored += 1
        self._overrides.pop(module.id, None)
        return await self.of_module(module)
