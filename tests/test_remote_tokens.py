"""Student tokens: issued once in clear, kept only as a hash, revocable from the CLI."""

import hashlib

import pytest
from service_cli import run_cli
from sqlalchemy import text

from jupyter_tutor.errors import InvalidRequest


async def test_only_the_hash_is_stored_and_revoked_tokens_are_told_apart(tutor):
    tokens = tutor.student_tokens
    token, issued = await tokens.issue("alice", ["instructors", "instructors", "tas"])
    assert token.startswith("jtt_") and len(token) > 40
    assert issued.groups == ("instructors", "tas")

    async with tutor.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT * FROM student_tokens"))).all()
    assert len(rows) == 1
    assert token not in " ".join(str(value) for value in rows[0])
    assert rows[0].token_hash == hashlib.sha256(token.encode()).hexdigest()

    assert (await tokens.resolve(token)).username == "alice"
    assert await tokens.resolve(token + "x") is None
    await tokens.revoke(issued.id)
    assert (await tokens.resolve(token)).revoked_at is not None
    assert await tokens.list_tokens() == []
    assert [t.id for t in await tokens.list_tokens(include_revoked=True)] == [issued.id]


async def test_a_users_tokens_are_revoked_together_and_names_are_checked(tutor):
    tokens = tutor.student_tokens
    first, _ = await tokens.issue("bob")
    second, _ = await tokens.issue("bob")
    kept, _ = await tokens.issue("carol")
    assert await tokens.revoke_user("bob") == 2
    assert (await tokens.resolve(first)).revoked_at and (await tokens.resolve(second)).revoked_at
    assert (await tokens.resolve(kept)).revoked_at is None
    with pytest.raises(InvalidRequest):
        await tokens.issue("bob smith")
    with pytest.raises(InvalidRequest):
        await tokens.issue("bob", ["a group"])


def test_the_cli_issues_once_lists_and_revokes(tmp_path):
    # The store itself is tested on both databases above; this is about the command.
    database_url = f"sqlite:///{tmp_path / 'tutor.db'}"
    added = run_cli(database_url, tmp_path, "token", "add", "alice", "--group", "instructors")
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert token.startswith("jtt_") and "shown only this once" in added.stderr

    listed = run_cli(database_url, tmp_path, "token", "list")
    assert "alice" in listed.stdout and "instructors" in listed.stdout
    assert token not in listed.stdout

    revoked = run_cli(database_url, tmp_path, "token", "revoke", "--user", "alice")
    assert revoked.returncode == 0 and "Revoked 1 token" in revoked.stdout
    everything = run_cli(database_url, tmp_path, "token", "list", "--all").stdout
    assert "alice" in everything and "revoked" in everything

    unknown = run_cli(database_url, tmp_path, "token", "revoke", "999")
    assert unknown.returncode == 1 and "no token with id 999" in unknown.stderr
