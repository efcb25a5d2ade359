"""``jupyter tutor-server token add|list|revoke``: the admin's side of student tokens."""

import sys
from typing import Any, ClassVar

from jupyter_core.application import JupyterApp, base_flags
from sqlalchemy.ext.asyncio import async_sessionmaker
from traitlets import Bool, List, Unicode

from ..app import TutorApp
from ..errors import TutorError
from .command import ServiceCommand
from .tokens import StudentTokens, TokenInfo


def describe(info: TokenInfo) -> str:
    groups = ",".join(info.groups) or "-"
    state = f"revoked {info.revoked_at:%Y-%m-%d %H:%M}" if info.revoked_at else "active"
    return f"{info.id:>5}  {info.username:<24} {groups:<20} {info.created_at:%Y-%m-%d}  {state}"


class TokenCommand(ServiceCommand):
    async def run(self, sessions: async_sessionmaker, settings: TutorApp) -> None:
        await self.run_with(StudentTokens(sessions))

    async def run_with(self, tokens: StudentTokens) -> None:
        raise NotImplementedError


class TokenAddApp(TokenCommand):
    name = "jupyter-tutor-server-token-add"
    description = "Issue a personal token for a student; it is printed once, only its hash is kept."
    examples = (
        "jupyter tutor-server token add alice\n"
        "jupyter tutor-server token add bob --group instructors"
    )
    groups = List(Unicode(), config=True, help="Groups of the user (for roles); repeatable.")
    aliases: ClassVar[dict[str, Any]] = {**TokenCommand.aliases, "group": "TokenAddApp.groups"}

    async def run_with(self, tokens: StudentTokens) -> None:
        if len(self.extra_args) != 1:
            raise TutorError("Give one user name: jupyter tutor-server token add <username>")
        token, info = await tokens.issue(self.extra_args[0], list(self.groups))
        groups = f" (groups: {', '.join(info.groups)})" if info.groups else ""
        print(
            f"Token {info.id} for {info.username}{groups}. It is shown only this once:",
            file=sys.stderr,
        )
        print(token)


class TokenListApp(TokenCommand):
    name = "jupyter-tutor-server-token-list"
    description = "List issued tokens (never the tokens themselves)."
    include_revoked = Bool(False, config=True, help="Also list revoked tokens.")
    flags: ClassVar[dict[str, Any]] = {
        **base_flags,
        "all": ({"TokenListApp": {"include_revoked": True}}, "Also list revoked tokens."),
    }

    async def run_with(self, tokens: StudentTokens) -> None:
        print(f"{'id':>5}  {'user':<24} {'groups':<20} {'issued':<10}  state")
        for info in await tokens.list_tokens(include_revoked=self.include_revoked):
            print(describe(info))


class TokenRevokeApp(TokenCommand):
    name = "jupyter-tutor-server-token-revoke"
    description = "Revoke tokens by id, or all of a user's tokens with --user."
    examples = (
        "jupyter tutor-server token revoke 12\njupyter tutor-server token revoke --user alice"
    )
    user = Unicode("", config=True, help="Revoke every active token of this user.")
    aliases: ClassVar[dict[str, Any]] = {**TokenCommand.aliases, "user": "TokenRevokeApp.user"}

    async def run_with(self, tokens: StudentTokens) -> None:
        if bool(self.user) == bool(self.extra_args):
            raise TutorError("Give token ids or --user <username>, not both.")
        if self.user:
            count = await tokens.revoke_user(self.user)
            print(f"Revoked {count} token(s) of {self.user}.")
        for token_id in self.extra_args:
            if not token_id.isdigit():
                raise TutorError(f"{token_id!r} is not a token id (see: token list).")
            print(f"Revoked: {describe(await tokens.revoke(int(token_id)))}")


class TokenApp(JupyterApp):
    name = "jupyter-tutor-server-token"
    description = "Manage the personal tokens students sign in to the tutor service with."
    subcommands: ClassVar[dict[str, Any]] = {
        "add": (TokenAddApp, TokenAddApp.description),
        "list": (TokenListApp, TokenListApp.description),
        "revoke": (TokenRevokeApp, TokenRevokeApp.description),
    }

    def start(self) -> None:
        if self.subapp is None:
            print("Give a subcommand: add, list or revoke (see --help).", file=sys.stderr)
            self.exit(1)
        super().start()
