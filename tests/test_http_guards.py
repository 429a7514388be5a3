"""The guards around the app, over raw sockets to a live server: a write's key and a body's
size are checked before the body is read, and an unexpected error is a logged 500 on a
connection that stays open."""

from conftest import EXTRA, SEED, serve

KEY = "test-key-0123456789"


def _raw(url: str, request: bytes, responses: int = 1, timeout: float = 5.0) -> bytes:
    """Send raw bytes to a live server; what it sends back until `responses` have begun,
    or it closes, or `timeout` passes."""
    import socket
    import time

    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as conn:
        conn.sendall(request)
        received, deadline = b"", time.monotonic() + timeout
        while received.count(b"HTTP/1.1 ") < responses and time.monotonic() < deadline:
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            received += chunk
        time.sleep(0.2)
        conn.setblocking(False)
        try:
            received += conn.recv(65536)
        except (BlockingIOError, OSError):
            pass
        return received


def test_key_and_size_are_checked_before_the_body_is_read(build):
    """A 100 MB upload announced without a key is refused from its headers alone: the
    server answers at once, before one byte of the body has been sent."""
    app, corpus = build(api_keys=KEY, max_upload_mb=1)
    with serve(app) as url:
        head = (b"POST /letters HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                b"boundary=b\r\nContent-Length: 104857600\r\n")
        no_key = _raw(url, head + b"\r\n")
        assert no_key.startswith(b"HTTP/1.1 401") and b'"unauthorized"' in no_key
        too_big = _raw(url, head + f"Authorization: Bearer {KEY}\r\n\r\n".encode())
        assert too_big.startswith(b"HTTP/1.1 413") and b'"too_large"' in too_big
        ask = _raw(url, b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 50000000\r\n\r\n")
        assert ask.startswith(b"HTTP/1.1 413")
        # a body that does not say its length is cut off at the limit
        form = (b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n'
                b"Content-Type: text/plain\r\n\r\n" + b"Dear A,\n\n" + b"x" * 1_400_000
                + b"\r\n--b--\r\n")
        chunks = [form[i : i + 65536] for i in range(0, len(form), 65536)]
        chunked = (b"POST /letters HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                   b"Content-Type: multipart/form-data; boundary=b\r\n"
                   + f"Authorization: Bearer {KEY}\r\n\r\n".encode()
                   + b"".join(f"{len(c):x}\r\n".encode() + c + b"\r\n" for c in chunks)
                   + b"0\r\n\r\n")
        assert _raw(url, chunked).startswith(b"HTTP/1.1 413")
    assert sorted(p.name for p in corpus.iterdir()) == sorted([SEED, EXTRA])


def test_an_unexpected_error_is_a_logged_500_and_the_connection_stays_open(build, caplog,
                                                                            monkeypatch):
    app, _ = build()
    assistant = app.state.assistant

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(assistant, "search", broken)
    with serve(app) as url, caplog.at_level("INFO", logger="missive"):
        both = _raw(url, b"GET /search?q=bridge HTTP/1.1\r\nHost: x\r\n\r\n"
                         b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n", responses=2)
    assert both.startswith(b"HTTP/1.1 500") and b'"internal_error"' in both
    assert b"a bug" not in both and b"Traceback" not in both
    assert b"HTTP/1.1 200" in both.split(b"HTTP/1.1 500", 1)[1]  # answered on the same connection
    logged = [r.getMessage() for r in caplog.records if r.name == "missive.access"]
    assert any('"status": 500' in line for line in logged)
    assert any("a bug" in (r.exc_text or "") or "unexpected error" in r.getMessage()
               for r in caplog.records if r.name == "missive.http")
