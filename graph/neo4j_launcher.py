"""Start and stop a real Neo4j 5.26 server on this machine, for tests and CI without Docker.

The server is the small Maven project in ``graph/neo4j_server``: an embedded Neo4j with the Bolt
connector on 127.0.0.1, no authentication. This module builds its jar when it is missing or older than
its sources, starts the JVM on a free port with a data directory of the caller's choosing, waits until
the server prints its READY line *and* answers ``RETURN 1`` through the Python driver, and guarantees the
JVM is stopped: by :meth:`Neo4jProcess.stop`, by the context manager, at interpreter exit, and (through
the watched standard input) even when this Python process is killed.

Command line: ``python -m graph.neo4j_launcher build`` builds the jar;
``python -m graph.neo4j_launcher run DATA_DIR [--port N]`` runs a server until Ctrl-C.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import fcntl
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

SERVER_DIR = Path(__file__).resolve().parent / "neo4j_server"
JAR_PATH = SERVER_DIR / "target" / "zwgk-neo4j-server.jar"
READY_PREFIX = "NEO4J READY "
# A 2-core, 24 GB machine also runs the test suite: a modest heap is plenty for test-sized graphs, and
# the quick C1 compiler alone halved start-up, load and query times there (the optimising C2 compiler
# competes with the tests for the two cores and only pays off in long runs).
DEFAULT_JAVA_OPTS: tuple[str, ...] = (
    "-Xms256m",
    "-Xmx1g",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:TieredStopAtLevel=1",
)
DEFAULT_PAGE_CACHE_MB = 128
_LOG_TAIL_LINES = 60


class Neo4jLaunchError(RuntimeError):
    """The embedded Neo4j server could not be built or started; the message says what to do next."""


def _require_tool(name: str, hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise Neo4jLaunchError(f"`{name}` was not found on PATH: {hint}")
    return path


def _jar_is_stale() -> bool:
    """True when the jar or its copied dependencies are missing, or a source is newer than the jar."""
    if not JAR_PATH.is_file() or not (JAR_PATH.parent / "lib").is_dir():
        return True
    built = JAR_PATH.stat().st_mtime
    sources = [SERVER_DIR / "pom.xml", *(SERVER_DIR / "src").rglob("*")]
    return any(path.is_file() and path.stat().st_mtime > built for path in sources)


def build_server_jar(*, force: bool = False) -> Path:
    """Build the server jar with Maven unless it is up to date; return its path.

    A file lock makes concurrent test processes wait for one build instead of racing in ``target/``.
    """
    if not force and not _jar_is_stale():
        return JAR_PATH
    mvn = _require_tool(
        "mvn", "install Maven 3.8+ (e.g. `apt-get install -y maven`) or run scripts/neo4j-build.sh"
    )
    _require_tool("java", "install a JDK 17+ (e.g. `apt-get install -y openjdk-17-jdk-headless`)")
    JAR_PATH.parent.mkdir(parents=True, exist_ok=True)
    with open(JAR_PATH.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if force or _jar_is_stale():
            result = subprocess.run(
                [mvn, "-q", "-B", "-Dstyle.color=never", "package"],
                cwd=SERVER_DIR,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0 or not JAR_PATH.is_file():
                output = (result.stdout + result.stderr).strip()
                raise Neo4jLaunchError(
                    f"building the Neo4j server jar failed (`mvn -q -B package` in {SERVER_DIR}, "
                    f"exit {result.returncode}):\n{output[-4000:]}"
                )
    return JAR_PATH


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _read_log(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _tail(path: Path, lines: int = _LOG_TAIL_LINES) -> str:
    return "\n".join(_read_log(path).splitlines()[-lines:]) or "(the JVM wrote nothing)"


@dataclass
class Neo4jProcess:
    """A running embedded Neo4j JVM; ``uri`` is its Bolt address (no authentication)."""

    uri: str
    port: int
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the JVM cleanly (SIGTERM runs its shutdown hook); kill it if it does not exit in time."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        atexit.unregister(self.stop)

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        """The last lines of the JVM's output, for error messages."""
        return _tail(self.log_path, lines)


def _bolt_answers(uri: str) -> bool:
    from neo4j import GraphDatabase  # lazy: the driver costs nothing until a server is used
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        with GraphDatabase.driver(uri, auth=None, connection_timeout=5) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            return bool(records) and records[0]["one"] == 1
    except (DriverError, Neo4jError, OSError):
        return False


def _launch(
    jar: Path, data_dir: Path, port: int, java: str, java_opts: tuple[str, ...], page_cache_mb: int
) -> Neo4jProcess:
    log_path = data_dir / "neo4j-jvm.log"
    command = [
        java,
        *java_opts,
        "-Dzwgk.neo4j.watchStdin=true",
        "-jar",
        str(jar),
        str(data_dir),
        str(port),
        str(page_cache_mb),
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT)
    server = Neo4jProcess(f"bolt://127.0.0.1:{port}", port, data_dir, log_path, process)
    atexit.register(server.stop)
    return server


def _wait_until_ready(server: Neo4jProcess, deadline: float) -> str | None:
    """Wait for the READY line, then for a query over Bolt; return None when ready, else the reason."""
    ready_line = f"{READY_PREFIX}{server.uri}"
    while time.monotonic() < deadline:
        if not server.running:
            return f"the JVM exited with code {server.process.returncode}"
        if ready_line in _read_log(server.log_path):
            break
        time.sleep(0.1)
    else:
        return "no READY line before the time-out"
    while time.monotonic() < deadline:
        if _bolt_answers(server.uri):
            return None
        if not server.running:
            return f"the JVM exited with code {server.process.returncode}"
        time.sleep(0.2)
    return "Bolt did not answer `RETURN 1` before the time-out"


def start_embedded_neo4j(
    data_dir: Path,
    port: int | None = None,
    timeout: float = 120,
    *,
    java_opts: tuple[str, ...] = DEFAULT_JAVA_OPTS,
    page_cache_mb: int = DEFAULT_PAGE_CACHE_MB,
) -> Neo4jProcess:
    """Build the jar if needed, start Neo4j on ``data_dir`` and return once ``RETURN 1`` succeeds.

    With ``port=None`` a free port is picked (and another one tried if it was taken meanwhile).
    Raises :class:`Neo4jLaunchError` with the tail of the JVM log when the server does not come up.
    """
    java = _require_tool("java", "install a JDK 17+ (e.g. `apt-get install -y openjdk-17-jdk-headless`)")
    jar = build_server_jar()
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    attempts = 3 if port is None else 1
    for attempt in range(1, attempts + 1):
        server = _launch(jar, data_dir, port or free_port(), java, java_opts, page_cache_mb)
        try:
            problem = _wait_until_ready(server, deadline)
        except BaseException:  # Ctrl-C or a test time-out while waiting: leave no JVM behind
            server.stop()
            raise
        if problem is None:
            return server
        server.stop()
        log = server.log_tail()
        port_taken = "Address already in use" in log or "BindException" in log
        if not (port_taken and attempt < attempts and time.monotonic() < deadline):
            raise Neo4jLaunchError(
                f"Neo4j did not start on {server.uri} ({problem}); data dir {data_dir}, "
                f"JVM log {server.log_path}, Neo4j log {data_dir / 'logs' / 'debug.log'}. "
                f"Last lines of the JVM log:\n{log}"
            )
    raise AssertionError("unreachable")  # pragma: no cover


class EmbeddedNeo4j(contextlib.AbstractContextManager["Neo4jProcess"]):
    """``with EmbeddedNeo4j(tmp_path) as server: ...`` starts Neo4j and always stops it on exit."""

    def __init__(self, data_dir: Path, port: int | None = None, timeout: float = 120) -> None:
        self._args = (Path(data_dir), port, timeout)
        self._server: Neo4jProcess | None = None

    def __enter__(self) -> Neo4jProcess:
        self._server = start_embedded_neo4j(*self._args)
        return self._server

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m graph.neo4j_launcher", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the server jar (skipped when up to date)")
    build.add_argument("--force", action="store_true", help="rebuild even when up to date")
    run = commands.add_parser("run", help="run a server until Ctrl-C")
    run.add_argument("data_dir", type=Path)
    run.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            print(build_server_jar(force=args.force))
            return 0
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the server as cleanly as Ctrl-C
        with EmbeddedNeo4j(args.data_dir, args.port) as server:
            print(f"Neo4j ready at {server.uri} (data in {server.data_dir}); Ctrl-C stops it", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                server.process.wait()
        return 0
    except Neo4jLaunchError as error:
        print(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
