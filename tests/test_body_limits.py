"""Bodies are bounded before they are read, and large saves are parsed off the event loop."""

import asyncio
import json
from typing import Any

from conftest import fixture_notebook, payload

from jupyter_tutor.web.off_loop import INLINE_BYTES

REQUEST_LIMIT = 1024 * 1024
NOTEBOOK_LIMIT = 20 * 1024 * 1024


async def raw_request(
    port: int, head: str, body_chunks: Any = (), *, token: str
) -> tuple[int, dict[str, Any], int]:
    """Send a request by hand; its status, JSON body and how many body bytes went out."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        (
            head + f"Host: 127.0.0.1\r\nAuthorization: token {token}\r\nX-Test-User: ada\r\n\r\n"
        ).encode()
    )
    sent = 0
    response = asyncio.ensure_future(reader.read(64 * 1024))
    try:
        for chunk in body_chunks:
            if response.done():
                break
            writer.write(chunk)
            sent += len(chunk)
            await writer.drain()
            # Let the answer be read as it arrives, before the closed connection resets.
            await asyncio.sleep(0.005)
    except ConnectionError:
        pass  # the server stopped reading: what we want
    raw = await asyncio.wait_for(response, 30)
    writer.close()
    status_line, _, rest = raw.partition(b"\r\n")
    body = rest.split(b"\r\n\r\n", 1)[1]
    if b"Transfer-Encoding: chunked" in rest.split(b"\r\n\r\n", 1)[0]:
        body = body.split(b"\r\n", 1)[1].rsplit(b"\r\n0\r\n", 1)[0]
    return int(status_line.split()[1]), json.loads(body), sent


def chunked(total: int, size: int = 64 * 1024) -> Any:
    for _ in range(total // size):
        yield f"{size:x}\r\n".encode() + b"x" * size + b"\r\n"


async def test_a_declared_100_mb_body_is_refused_before_it_is_read(
    jp_serverapp, jp_base_url, jp_http_port, http_server_client, tutor
):
    head = (
        f"PUT {jp_base_url}jupyter-tutor/api/progress/alpha HTTP/1.1\r\n"
        "Content-Type: application/json\r\nContent-Length: 100000000\r\n"
    )
    token = jp_serverapp.identity_provider.token
    status, error, sent = await raw_request(jp_http_port, head, token=token)
    assert status == 413 and sent == 0
    assert error["error"] == "too_large" and error["max_bytes"] == NOTEBOOK_LIMIT
    assert "100,000,000 bytes" in error["message"]


async def test_an_undeclared_body_is_cut_off_at_the_limit(
    jp_serverapp, jp_base_url, jp_http_port, http_server_client, tutor
):
    head = (
        f"POST {jp_base_url}jupyter-tutor/api/packages/check HTTP/1.1\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
    )
    token = jp_serverapp.identity_provider.token
    status, error, sent = await raw_request(jp_http_port, head, chunked(100_000_000), token=token)
    assert status == 413 and error["max_bytes"] == REQUEST_LIMIT
    # The server answered once the limit was passed, not after reading all of it.
    assert sent < 20 * REQUEST_LIMIT


def large_notebook(source: str) -> dict[str, Any]:
    notebook = fixture_notebook("alpha", "Alpha", 1, source=source)
    notebook["cells"][1]["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": "y" * (2 * INLINE_BYTES)}
    ]
    return notebook


async def test_a_large_save_is_parsed_in_the_worker_and_reads_back(api, tutor):
    saved = await api(
        "progress", "alpha", method="PUT",
        body={"notebook_state": large_notebook("x = 'big'"), "base_version": 0},
    )  # fmt: skip
    assert saved.code == 200, saved.body
    back = payload(await api("progress", "alpha"))
    assert back["version"] == 1
    assert back["notebook_state"]["cells"][1]["source"] == "x = 'big'"
    assert back["notebook_state"]["cells"][1]["outputs"][0]["text"] == "y" * (2 * INLINE_BYTES)


async def test_a_large_invalid_save_gets_its_reason_from_the_worker(api, tutor):
    notebook = large_notebook("x = 1")
    notebook["cells"][1]["outputs"][0]["output_type"] = "shell"
    refused = await api(
        "progress", "alpha", method="PUT", body={"notebook_state": notebook, "base_version": 0}
    )
    assert refused.code == 400
    assert "not a valid notebook" in payload(refused)["message"]
    assert payload(await api("progress", "alpha"))["version"] == 0
