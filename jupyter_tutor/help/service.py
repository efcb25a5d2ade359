"""The help queue in the database: students ask, instructors answer and resolve."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..errors import Conflict, NotFound, TooManyRequests
from ..exercises.service import ExerciseService
from ..store.models import ChatMessage, ChatSession, HelpRequest, LearningModule, as_utc, utcnow
from ..tutor.exercise_context import asked_exercise
from ..tutor.history import SESSION_TYPE
from ..tutor.retention import Retention
from ..tutor.usage import UsageLedger
from .request import HelpAsk
from .retention import help_cutoff, kept, prune_in
from .rows import queued_json, request_json

# What an instructor reads of the conversation with a request; the newest messages.
CONVERSATION_SHOWN = 20
# The most requests a list holds (newest first).
LISTED = 200


@dataclass(frozen=True)
class HelpSettings:
    open_per_module: int = 3  # a student's requests waiting for an answer; 0: no limit
    max_age: timedelta | None = None  # None: kept forever


class HelpService:
    def __init__(
        self,
        sessions: async_sessionmaker,
        exercises: ExerciseService,
        settings: HelpSettings,
        conversations: Retention,
    ) -> None:
        self._sessions = sessions
        self._exercises = exercises
        self.settings = settings
        self._conversations = conversations

    def _cutoff(self) -> datetime | None:
        return help_cutoff(self.settings.max_age, utcnow())

    async def ask(self, user_id: str, module: LearningModule, ask: HelpAsk) -> dict[str, Any]:
        """Store a request, with the exercise's latest check result as the server has it."""
        exercise = await asked_exercise(self._exercises, user_id, module, ask.exercise_id)
        now = utcnow()
        async with self._sessions.begin() as db:
            await prune_in(db, self._cutoff())
            if self.settings.open_per_module:
                await self._check_open(db, user_id, module)
            row = HelpRequest(
                user_id=user_id,
                module_id=module.id,
                question=ask.question,
                cell_code=ask.cell_code,
                error_output=ask.error_output,
                exercise_id=exercise.exercise.slug if exercise else None,
                check_result=_storable(exercise.status.as_json()) if exercise else None,
                status="open",
                created_at=now,
            )
            db.add(row)
            await db.flush()
            return request_json(row, module.slug)

    async def _check_open(self, db: AsyncSession, user_id: str, module: LearningModule) -> None:
        # The student's lock row first: parallel requests take turns, so none slips past.
        await UsageLedger.take_turn(db, user_id, utcnow())
        waiting = await db.scalar(
            select(func.count()).where(
                HelpRequest.user_id == user_id,
                HelpRequest.module_id == module.id,
                HelpRequest.status == "open",
                kept(self._cutoff()),
            )
        )
        limit = self.settings.open_per_module
        if (waiting or 0) >= limit:
            raise TooManyRequests(
                f"You have {waiting} question(s) to your instructor about this module "
                f"waiting for an answer (the limit is {limit}). Ask again once one is "
                "answered.",
                limit=limit,
            )

    async def mine(self, user_id: str, module: LearningModule) -> list[dict[str, Any]]:
        async with self._sessions() as db:
            rows = await db.scalars(
                select(HelpRequest)
                .where(
                    HelpRequest.user_id == user_id,
                    HelpRequest.module_id == module.id,
                    kept(self._cutoff()),
                )
                .order_by(HelpRequest.created_at.desc(), HelpRequest.id.desc())
                .limit(LISTED)
            )
            return [request_json(row, module.slug) for row in rows]

    async def one_of(self, user_id: str, request_id: int) -> dict[str, Any]:
        """The student's own request; another's is simply not there (404)."""
        async with self._sessions() as db:
            row, slug = await self._find(db, request_id)
        if row.user_id != user_id:
            raise _missing(request_id)
        return request_json(row, slug)

    async def queue(self, module: LearningModule, status: str | None) -> list[dict[str, Any]]:
        query = (
            select(HelpRequest)
            .where(HelpRequest.module_id == module.id, kept(self._cutoff()))
            .order_by(HelpRequest.created_at.desc(), HelpRequest.id.desc())
            .limit(LISTED)
        )
        if status is not None:
            query = query.where(HelpRequest.status == status)
        async with self._sessions() as db:
            rows = list(await db.scalars(query))
            return [
                queued_json(row, module.slug, await self._conversation(db, row)) for row in rows
            ]

    async def answer(self, request_id: int, instructor: str, text: str) -> dict[str, Any]:
        async with self._sessions.begin() as db:
            row, slug = await self._find(db, request_id)
            if row.status == "resolved":
                raise Conflict("This request is resolved; it takes no more answers.")
            row.answer = text
            row.answered_by = instructor
            row.answered_at = utcnow()
            row.status = "answered"
            await db.flush()
            return queued_json(row, slug, await self._conversation(db, row))

    async def resolve(self, request_id: int) -> dict[str, Any]:
        async with self._sessions.begin() as db:
            row, slug = await self._find(db, request_id)
            if row.status != "resolved":
                row.status = "resolved"
                row.resolved_at = utcnow()
            await db.flush()
            return queued_json(row, slug, await self._conversation(db, row))

    async def _find(self, db: AsyncSession, request_id: int) -> tuple[HelpRequest, str]:
        found = (
            await db.execute(
                select(HelpRequest, LearningModule.slug)
                .join(LearningModule, LearningModule.id == HelpRequest.module_id)
                .where(HelpRequest.id == request_id, kept(self._cutoff()))
            )
        ).one_or_none()
        if found is None:
            raise _missing(request_id)
        return found[0], found[1]

    async def _conversation(self, db: AsyncSession, row: HelpRequest) -> list[ChatMessage]:
        """The student's tutor conversation about the module up to the request, as the
        server holds it (never what a browser sends)."""
        query = (
            select(ChatMessage)
            .join(ChatSession, ChatSession.id == ChatMessage.session_id)
            .where(
                ChatSession.user_id == row.user_id,
                ChatSession.session_type == SESSION_TYPE,
                ChatSession.module_id == row.module_id,
                ChatMessage.created_at <= row.created_at,
            )
            .order_by(ChatMessage.id.desc())
            .limit(CONVERSATION_SHOWN)
        )
        since = self._conversations.cutoff(utcnow())
        if since is not None:
            query = query.where(ChatMessage.created_at >= since)
        return list(reversed(list(await db.scalars(query))))


def _missing(request_id: int) -> NotFound:
    return NotFound(f"There is no help request {request_id}.")


def _storable(value: dict[str, Any]) -> dict[str, Any]:
    """The standing's times as the API writes them: the JSON column holds no datetimes."""
    return {
        key: as_utc(item).isoformat().replace("+00:00", "Z") if isinstance(item, datetime) else item
        for key, item in value.items()
    }
