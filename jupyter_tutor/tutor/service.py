"""One tutor turn: pick the hint level, answer (model or offline), guard, record."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..contract import constant
from ..errors import InvalidRequest
from ..exercises.service import ExerciseService
from ..progress.service import ProgressService
from ..store.models import ChatMessage, LearningModule, utcnow
from .exercise_context import AskedExercise, asked_exercise
from .frames import (
    EndFrame,
    ErrorFrame,
    Frame,
    delta_frame,
    end_frame,
    error_frame,
    replace_frame,
    start_frame,
)
from .history import NewMessage, TutorHistory
from .limits import LimitReached, completion_tokens_bound, prompt_tokens_bound
from .llm import LanguageModel, ModelFailure, Usage
from .offline.provider import offline_guard_settings, offline_hint
from .pedagogy.escalation import asks_for_more_help, next_level
from .pedagogy.guardrail import StreamGuard, guard
from .pedagogy.levels import HintLevel, level
from .pedagogy.links import LinkPolicy
from .pedagogy.prompt import ModuleContext, rewrite_prompt, system_prompt
from .pedagogy.settings import TutorSettings, parse_tutor_settings
from .request import Ask
from .similarity.local_embedding import embed as local_embedding
from .similarity.same_problem import cosine, same_failing_check, turn_text
from .usage import Reservation, UsageLedger

if TYPE_CHECKING:
    from ..policy.service import PolicyService

Send = Callable[[Frame], Awaitable[None]]

# Visible conversation the model sees besides the system prompt.
CONVERSATION_MESSAGES: int = constant("CONVERSATION_MESSAGES")


@dataclass(frozen=True)
class Turn:
    """The question being answered, at which level, with what the model may see."""

    content: str
    cell_code: str
    error_output: str
    level: HintLevel
    same_problem: bool
    # Earlier visible messages then this question; hidden context goes in the prompt.
    conversation: list[dict[str, str]]
    embedding: list[float] | None = None
    # The exercise asked about, and the check failing when it was asked.
    exercise_id: str | None = None
    failed_check: int | None = None
    # What the server knows of that exercise (statement, check result, solution).
    asked: AskedExercise | None = None


@dataclass
class Answer:
    """What has been said so far: raw from the model, and as the student saw it."""

    raw: str = ""
    shown: str = ""
    usage: Usage = field(default_factory=Usage)


def module_settings(module: LearningModule) -> TutorSettings:
    try:
        return parse_tutor_settings(module.tutor_settings)
    except ValueError:  # reported when the module was synced; fall back to the defaults
        return TutorSettings()


def _visible(messages: list[ChatMessage]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages if not m.partial]


def _unanswered(recent: list[ChatMessage]) -> Turn:
    """The last question again, if its answer failed or was cut off."""
    if recent and recent[-1].role == "assistant" and recent[-1].partial:
        recent = recent[:-1]
    if not recent or recent[-1].role != "user":
        raise InvalidRequest("There is no unanswered question to retry.")
    question = recent[-1]
    return Turn(
        question.content,
        question.cell_code,
        question.error_output,
        level(question.level or 1),
        bool(question.same_problem),
        _visible(recent),
        exercise_id=question.exercise_id,
        failed_check=question.failed_check,
    )


def _solution(turn: Turn) -> str:
    """The reference solution the guard keeps out of this answer (server-side only)."""
    return turn.asked.exercise.solution if turn.asked else ""


class TutorService:
    def __init__(
        self,
        history: TutorHistory,
        progress: ProgressService,
        model: LanguageModel | None,
        usage: UsageLedger,
        same_problem_threshold: float,
        log: logging.Logger,
        *,
        rewrite: bool = True,
        links: LinkPolicy | None = None,
        exercises: ExerciseService | None = None,
        policy: "PolicyService | None" = None,
    ) -> None:
        self.history = history
        self._progress = progress
        self._model = model
        self._usage = usage
        self._threshold = same_problem_threshold
        self._log = log
        self._rewrite_enabled = rewrite
        self._links = links or LinkPolicy()
        self._exercises = exercises
        self._policy = policy

    async def close(self) -> None:
        if self._model:
            await self._model.close()

    @property
    def provider(self) -> str:
        return "llm" if self._model else "offline"

    async def answer(self, user_id: str, module: LearningModule, ask: Ask, send: Send) -> None:
        """Answer one question, sending start / delta / replace / end or error frames.

        The question is admitted first: it reserves its place in the per-minute limit and
        the tokens its answer may use (offline hints count for the minute only), so
        parallel questions cannot pass the limits together. Besides that, only what
        decides the hint level happens before the model is asked. The question, the
        answer and the usage are stored before the last frame goes out, so a panel that
        reloads right after it finds the whole conversation.
        """
        settings = module_settings(module)
        session_id = await self.history.session_id(user_id, module.id)
        await self.history.refresh(session_id)
        policy = await self._policy.of_module(module) if self._policy else None
        recent, _ = await self.history.recent(session_id, CONVERSATION_MESSAGES)
        retried = _unanswered(recent) if ask.retry else None
        exercise_id = retried.exercise_id if retried else ask.exercise_id
        if policy is not None:
            allowed = policy.allows(settings, exercise_id, utcnow())
            if isinstance(allowed, str):  # switched off: said politely, the model not asked
                await send(error_frame(ask.id, "tutor_off", allowed))
                return
            settings = allowed
        exercise = await self._asked_exercise(user_id, module, retried, ask)
        needed = self._tokens_needed(module, settings, ask, retried, recent, exercise)
        try:
            reservation = await self._usage.reserve(user_id, module.id, self.provider, needed)
        except LimitReached as limit:
            await send(
                error_frame(
                    ask.id,
                    limit.code,
                    limit.message,
                    retryable=limit.retryable,
                    reset_at=limit.reset_at,
                )
            )
            return
        answer = Answer()
        try:
            if retried:
                turn = replace(retried, asked=exercise)
            else:
                turn = await self._ask(session_id, ask, settings, exercise)
            last = await self._turn(
                user_id, module, settings, session_id, ask, turn, reservation, answer, send
            )
        finally:  # a Stop, a failure: the reservation still becomes the real usage
            await self._usage.settle(reservation, answer.usage)
        await send(last)

    async def _asked_exercise(
        self, user_id: str, module: LearningModule, retried: Turn | None, ask: Ask
    ) -> AskedExercise | None:
        exercise_id = retried.exercise_id if retried else ask.exercise_id
        if self._exercises is None or exercise_id is None:
            return None
        return await asked_exercise(self._exercises, user_id, module, exercise_id)

    async def _turn(
        self,
        user_id: str,
        module: LearningModule,
        settings: TutorSettings,
        session_id: int,
        ask: Ask,
        turn: Turn,
        reservation: Reservation,
        answer: Answer,
        send: Send,
    ) -> EndFrame | ErrorFrame:
        """Answer ``turn`` and store it; the frame that ends it."""
        await send(
            start_frame(
                ask.id,
                turn.level,
                max_level=settings.max_level,
                same_problem=turn.same_problem,
                provider=self.provider,
            )
        )
        guard_settings = settings if self._model else offline_guard_settings(settings)
        stream_guard = StreamGuard(
            turn.level, guard_settings, turn.cell_code, self._links, solution=_solution(turn)
        )
        try:
            if self._model:
                await self._from_model(
                    module, settings, turn, stream_guard, answer, reservation, ask.id, send
                )
            else:
                text = offline_hint(
                    turn.level.number,
                    turn.cell_code,
                    turn.error_output,
                    turn.asked.failing_message if turn.asked else None,
                )
                answer.shown = stream_guard.feed(text) + stream_guard.finish()
                await send(delta_frame(ask.id, answer.shown))
            if not ask.retry:
                await self._store_question(session_id, turn)
            saved = await self._save_answer(session_id, turn, answer.shown, partial=False)
            await self._progress.increment_attempt(user_id, module)
            return self._end(ask.id, answer, stream_guard, stopped=False, message_id=saved.id)
        except ModelFailure as failure:
            partial = await self._keep_partial(
                session_id, turn, not ask.retry, stream_guard, answer, ask.id, send
            )
            return error_frame(
                ask.id,
                failure.code,
                failure.message,
                retryable=failure.retryable,
                partial=partial,
            )
        except asyncio.CancelledError:  # the student pressed Stop
            await self._keep_partial(
                session_id, turn, not ask.retry, stream_guard, answer, ask.id, send
            )
            return self._end(ask.id, answer, stream_guard, stopped=True, message_id=None)

    def _tokens_needed(
        self,
        module: LearningModule,
        settings: TutorSettings,
        ask: Ask,
        retried: Turn | None,
        recent: list[ChatMessage],
        exercise: AskedExercise | None,
    ) -> int:
        """The most the model may use to answer: prompt and answer, before the level is
        known (so the longest of the module's levels' prompts). Offline hints use none."""
        if not self._model:
            return 0
        if retried is not None:
            prompts = [self._prompt(module, settings, replace(retried, asked=exercise))]
            conversation = [message["content"] for message in retried.conversation]
        else:
            question = Turn(
                ask.content, ask.cell_code, ask.error_output, level(1), False, [], asked=exercise
            )
            prompts = [
                self._prompt(module, settings, replace(question, level=level(number)))
                for number in range(1, settings.max_level + 1)
            ]
            conversation = [m["content"] for m in _visible(recent)] + [ask.content]
        longest = max(prompts, key=lambda prompt: len(prompt.encode()))
        return prompt_tokens_bound([longest, *conversation]) + completion_tokens_bound(
            self._model.settings.max_tokens
        )

    @staticmethod
    def _prompt(module: LearningModule, settings: TutorSettings, turn: Turn) -> str:
        return system_prompt(
            ModuleContext(module.title, module.description),
            settings,
            turn.level,
            turn.cell_code,
            turn.error_output,
            turn.asked.context(turn.level.number) if turn.asked else None,
        )

    @staticmethod
    def _end(
        ask_id: str,
        answer: Answer,
        stream_guard: StreamGuard,
        *,
        stopped: bool,
        message_id: int | None,
    ) -> EndFrame:
        return end_frame(
            ask_id,
            answer.usage,
            message_id=message_id,
            guarded=bool(stream_guard.violations),
            stopped=stopped,
        )

    async def _ask(
        self, session_id: int, ask: Ask, settings: TutorSettings, exercise: AskedExercise | None
    ) -> Turn:
        recent, previous_embedding = await self.history.recent(session_id, CONVERSATION_MESSAGES)
        previous = next((m for m in reversed(recent) if m.role == "user"), None)
        vector = await self._embed(turn_text(ask.content, ask.cell_code, ask.error_output))
        failing = (exercise.exercise.slug, exercise.failing_check) if exercise else (None, None)
        same = bool(
            previous_embedding and cosine(previous_embedding, vector) >= self._threshold
        ) or bool(
            previous and same_failing_check((previous.exercise_id, previous.failed_check), failing)
        )
        number = next_level(
            previous.level if previous else None,
            same_problem=same,
            more_help=ask.more_help or asks_for_more_help(ask.content),
            max_level=settings.max_level,
        )
        return Turn(
            ask.content,
            ask.cell_code,
            ask.error_output,
            level(number),
            same,
            [*_visible(recent), {"role": "user", "content": ask.content}],
            vector,
            *failing,
            asked=exercise,
        )

    async def _store_question(self, session_id: int, turn: Turn) -> None:
        await self.history.add(
            session_id,
            NewMessage(
                role="user",
                content=turn.content,
                cell_code=turn.cell_code,
                error_output=turn.error_output,
                level=turn.level.number,
                same_problem=turn.same_problem,
                provider=self.provider,
                embedding=turn.embedding,
                exercise_id=turn.exercise_id,
                failed_check=turn.failed_check,
            ),
        )

    async def _embed(self, text: str) -> list[float]:
        if self._model and self._model.settings.embedding_model:
            try:
                return await self._model.embed(text)
            except ModelFailure as failure:
                self._log.warning(
                    "jupyter-tutor: embedding failed (%s); using the local one", failure.code
                )
        return local_embedding(text).tolist()

    async def _from_model(
        self,
        module: LearningModule,
        settings: TutorSettings,
        turn: Turn,
        stream_guard: StreamGuard,
        answer: Answer,
        reservation: Reservation,
        ask_id: str,
        send: Send,
    ) -> None:
        assert self._model is not None
        prompt = self._prompt(module, settings, turn)
        messages = [{"role": "system", "content": prompt}, *turn.conversation]
        async for piece in self._model.stream(messages):
            if isinstance(piece, Usage):
                answer.usage = piece
                continue
            answer.raw += piece
            safe = stream_guard.feed(piece)
            if safe:
                answer.shown += safe
                await send(delta_frame(ask_id, safe))
        await self._flush(stream_guard, answer, ask_id, send)
        if stream_guard.violations and self._rewrite_enabled:
            await self._rewrite(settings, turn, answer, reservation, ask_id, send)

    async def _flush(
        self, stream_guard: StreamGuard, answer: Answer, ask_id: str, send: Send
    ) -> None:
        """Send what the guard still holds back (the end of the last line)."""
        tail = stream_guard.finish()
        if tail:
            answer.shown += tail
            await send(delta_frame(ask_id, tail))

    async def _rewrite(
        self,
        settings: TutorSettings,
        turn: Turn,
        answer: Answer,
        reservation: Reservation,
        ask_id: str,
        send: Send,
    ) -> None:
        """The CodeHelp-style second pass; the already-guarded text stays if it fails
        or would not fit today's token allowance."""
        assert self._model is not None
        instructions = rewrite_prompt(turn.level, settings)
        needed = prompt_tokens_bound([instructions, answer.raw]) + completion_tokens_bound(
            self._model.settings.max_tokens
        )
        if not await self._usage.reserve_more(reservation, needed):
            self._log.info("jupyter-tutor: rewrite pass skipped: over the token allowance")
            return
        try:
            text, usage = await self._model.complete(
                [
                    {"role": "system", "content": instructions},
                    {"role": "user", "content": answer.raw},
                ]
            )
        except ModelFailure as failure:
            self._log.warning("jupyter-tutor: rewrite pass failed (%s)", failure.code)
            return
        answer.usage = Usage(
            answer.usage.prompt_tokens + usage.prompt_tokens,
            answer.usage.completion_tokens + usage.completion_tokens,
        )
        cleaned, _ = guard(text, turn.level, settings, turn.cell_code, self._links, _solution(turn))
        if cleaned.strip():
            answer.shown = cleaned
            await send(replace_frame(ask_id, cleaned))

    async def _keep_partial(
        self,
        session_id: int,
        turn: Turn,
        new_question: bool,
        stream_guard: StreamGuard,
        answer: Answer,
        ask_id: str,
        send: Send,
    ) -> bool:
        """After a failure or Stop: show and store what was said; the question stays asked."""
        await self._flush(stream_guard, answer, ask_id, send)
        if new_question:
            await self._store_question(session_id, turn)
        if answer.shown:
            await self._save_answer(session_id, turn, answer.shown, partial=True)
        return bool(answer.shown)

    async def _save_answer(
        self, session_id: int, turn: Turn, text: str, *, partial: bool
    ) -> ChatMessage:
        return await self.history.add(
            session_id,
            NewMessage(
                role="assistant",
                content=text,
                level=turn.level.number,
                same_problem=turn.same_problem,
                provider=self.provider,
                partial=partial,
            ),
        )
