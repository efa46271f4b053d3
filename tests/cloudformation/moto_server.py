"""A moto server on the loopback address: a local stand-in for AWS's
CloudFormation and EC2 APIs, started and stopped by the test session."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
START_TIMEOUT_SECONDS = 30
STOP_TIMEOUT_SECONDS = 10


class MotoServer:
    """`moto_server` from the virtualenv that runs the tests, on a free port
    of 127.0.0.1, with its output in a log file.

    Use it as a context manager: entering starts it and waits until it
    answers, leaving stops it.
    """

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> "MotoServer":
        executable = Path(sys.executable).parent / "moto_server"
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                [executable, "-H", HOST, "-p", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_until_answering()
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, *exception) -> None:
        self._stop()

    def _wait_until_answering(self) -> None:
        """Polls the server until it answers HTTP, for a bounded time."""
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"moto_server exited with {self._process.returncode}:\n"
                    + self.log()
                )
            if answers_http(self.url):
                return
            time.sleep(0.2)
        raise RuntimeError(
            f"moto_server did not answer on {self.url} within"
            f" {START_TIMEOUT_SECONDS} s:\n" + self.log()
        )

    def _stop(self) -> None:
        """Stops the server, killing it if it does not stop in time."""
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def log(self) -> str:
        """What the server has printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A TCP port of the loopback address that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def answers_http(url: str) -> bool:
    """Whether anything answers HTTP at the URL, whatever the status.

    The request goes straight to the URL, never through a proxy.
    """
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with direct.open(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
