"""The language model behind the tutor: any OpenAI-compatible endpoint, streamed.

Errors are turned into :class:`ModelFailure` with a message fit for a student; the
endpoint's address and key never appear in them (nor in logs).
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import openai
from openai import AsyncOpenAI, AsyncStream
from openai.types.chat import ChatCompletion, ChatCompletionChunk


@dataclass(frozen=True)
class ModelSettings:
    base_url: str | None
    api_key: str | None
    model: str
    embedding_model: str
    timeout_seconds: float
    max_retries: int
    max_tokens: int = 0  # longest answer of one request; 0: the endpoint's own limit


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class ModelFailure(Exception):
    def __init__(self, code: str, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable


def _failure(error: Exception, *, streaming: bool) -> ModelFailure:
    if isinstance(error, openai.APITimeoutError):
        return ModelFailure("llm_timeout", "The AI tutor took too long to answer. Try again.")
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return ModelFailure(
            "llm_auth",
            "The AI tutor's service refused this server's credentials. Tell your "
            "instructor or administrator.",
            retryable=False,
        )
    if isinstance(error, openai.APIConnectionError) and not streaming:
        return ModelFailure(
            "llm_unavailable", "The AI tutor cannot be reached right now. Try again."
        )
    if isinstance(error, openai.APIStatusError):
        return ModelFailure(
            "llm_unavailable",
            f"The AI tutor's service answered with an error ({error.status_code}). Try again.",
        )
    return ModelFailure("stream_cut", "The answer was cut off. Try again.")


def _usage(raw: Any) -> Usage:
    return Usage(getattr(raw, "prompt_tokens", 0) or 0, getattr(raw, "completion_tokens", 0) or 0)


class LanguageModel:
    def __init__(self, settings: ModelSettings) -> None:
        self.settings = settings
        self._client = AsyncOpenAI(
            base_url=settings.base_url or None,
            # Local servers (Ollama, vLLM) need no key, but the client insists on one.
            api_key=settings.api_key or "no-key",
            timeout=settings.timeout_seconds,
            max_retries=settings.max_retries,
        )

    def _request(self, messages: list[dict[str, str]], *, stream: bool) -> dict[str, Any]:
        request: dict[str, Any] = {"model": self.settings.model, "messages": messages}
        if self.settings.max_tokens:
            request["max_tokens"] = self.settings.max_tokens
        if stream:
            request.update(stream=True, stream_options={"include_usage": True})
        return request

    async def _chat(self, messages: list[dict[str, str]], *, stream: bool) -> Any:
        # The request is built in its wire form here, so it is posted as it is: the typed
        # ``chat.completions.create`` re-walks every message against its parameter types
        # (about 0.15 ms a message, most of the tutor's own time to first word).
        return await self._client.post(
            "/chat/completions",
            body=self._request(messages, stream=stream),
            cast_to=ChatCompletion,
            stream=stream,
            stream_cls=AsyncStream[ChatCompletionChunk],
        )

    async def stream(self, messages: list[dict[str, str]]) -> AsyncIterator[str | Usage]:
        """Text deltas, then one :class:`Usage`; raises :class:`ModelFailure`."""
        started = False
        finished = False
        try:
            stream = await self._chat(messages, stream=True)
            async for chunk in stream:
                if chunk.usage is not None:
                    yield _usage(chunk.usage)
                for choice in chunk.choices:
                    if choice.delta and choice.delta.content:
                        started = True
                        yield choice.delta.content
                    if choice.finish_reason:
                        finished = True
        except openai.OpenAIError as error:
            raise _failure(error, streaming=started) from None
        except Exception as error:  # the transport's own errors, e.g. a reset connection
            code = "stream_cut" if started else "llm_unavailable"
            raise ModelFailure(code, "The connection to the AI tutor broke. Try again.") from error
        if not finished:
            raise ModelFailure("stream_cut", "The answer was cut off. Try again.")

    async def complete(self, messages: list[dict[str, str]]) -> tuple[str, Usage]:
        try:
            response = await self._chat(messages, stream=False)
        except openai.OpenAIError as error:
            raise _failure(error, streaming=False) from None
        text = response.choices[0].message.content or "" if response.choices else ""
        return text, _usage(response.usage)

    async def embed(self, text: str) -> list[float]:
        try:
            response = await self._client.embeddings.create(
                model=self.settings.embedding_model, input=text
            )
        except openai.OpenAIError as error:
            raise _failure(error, streaming=False) from None
        return list(response.data[0].embedding)

    async def close(self) -> None:
        await self._client.close()
