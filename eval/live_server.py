"""`missive serve` as a process of its own, for the benchmarks, the soak and the tests that
need a real server: a free port, the process, and the wait until it answers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict, port: int, stderr=subprocess.PIPE) -> subprocess.Popen:
    """`missive serve` on `port` with `env`; its stderr piped (or to the file given)."""
    return subprocess.Popen([sys.executable, "-m", "assistant.interfaces.cli", "serve", "--port", str(port)],
                            env=dict(env, MISSIVE_PORT=str(port)), stdout=subprocess.DEVNULL,
                            stderr=stderr, text=True)


def wait_ready(url: str, server: subprocess.Popen, timeout: float = 180) -> None:
    """Until the server answers /health (it loads the model first); RuntimeError if it exits
    or does not start in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            said = server.stderr.read()[-2000:] if server.stderr else ""
            raise RuntimeError(f"the server exited while starting: {said}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not start in {timeout:g} s")
