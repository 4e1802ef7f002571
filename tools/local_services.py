"""Servers as plain local processes on loopback, for ``make fleet``: starting them so
they outlive the command that started them, watching them, and stopping them by pid.

PostgreSQL and Redis are Debian's binaries (make services installs them). PostgreSQL
refuses to run as root, so as root it runs as the postgres user.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tools.production_server import free_port, wait_until_listening

DATABASE = "site_app"

# The servers this process started, by pid, kept so that stopping one can wait for it
# (and reap it) rather than leave a zombie; a later process stops them by pid alone.
STARTED: dict[int, subprocess.Popen[bytes]] = {}


def keep(process: subprocess.Popen[bytes]) -> int:
    STARTED[process.pid] = process
    return process.pid


def postgres_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start_postgres(log_dir: Path) -> tuple[int, str, Path]:
    """A new PostgreSQL cluster with a database named site_app: the server's pid, the
    database's SQLAlchemy URL and the cluster's folder (the caller removes it).

    The folder is made under the system's temporary folder, where the postgres user can
    reach it even when the caller's own folders are closed to others."""
    binaries = postgres_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL is missing (Debian's postgresql package).")
    data = Path(tempfile.mkdtemp(prefix="site-app-fleet-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    initdb = [str(binaries / "initdb"), "-D", str(data), "-U", DATABASE, "-A", "trust"]
    subprocess.run(as_server_user(initdb), check=True, capture_output=True)
    port = free_port()
    with (log_dir / "postgres.log").open("ab") as log:
        server = subprocess.Popen(
            as_server_user(
                [
                    str(binaries / "postgres"),
                    "-D", str(data),
                    "-p", str(port),
                    "-k", str(data),
                    "-c", "listen_addresses=127.0.0.1",
                ]
            ),
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )  # fmt: skip
    try:
        wait_until_listening(port, timeout=30)
        wait_until_ready(binaries, port, DATABASE)
        createdb = [str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", DATABASE]
        subprocess.run([*createdb, DATABASE], check=True, capture_output=True)
    except BaseException:
        # A start that failed half-way leaves nothing running and no folder behind.
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
        raise
    return keep(server), f"postgresql+psycopg://{DATABASE}@127.0.0.1:{port}/{DATABASE}", data


def wait_until_ready(binaries: Path, port: int, user: str, timeout: float = 30) -> None:
    """Return once the server accepts sessions, not only connections: a port that
    listens can still answer "the database system is starting up". pg_isready answers
    at once, so it is asked again until it says yes."""
    command = [str(binaries / "pg_isready"), "-h", "127.0.0.1", "-p", str(port), "-U", user]
    deadline = time.monotonic() + timeout
    while subprocess.run([*command, "-d", "postgres"], capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL on port {port} is not ready after {timeout} s")
        time.sleep(0.1)


# The two parts the site keeps in Redis, each in a server of its own, so that neither
# can push the other out (docs/deploy.md): the rate limits' counters, never evicted (a
# full store refuses new counts rather than forgetting old ones), and the shared page
# cache, bounded, the pages read longest ago making room. compose.yaml runs the same.
REDIS_ROLES: dict[str, list[str]] = {
    "limits": ["--maxmemory", "64mb", "--maxmemory-policy", "noeviction"],
    "cache": ["--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"],
}


def start_redis(log_dir: Path, role: str, password: str) -> tuple[int, str]:
    """A Redis for ``role`` that keeps nothing on disk and wants ``password``: its pid
    and its URL (add /0, /1, ...)."""
    port = free_port()
    with (log_dir / f"redis-{role}.log").open("ab") as log:
        server = subprocess.Popen(
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--port", str(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--requirepass", password,
                *REDIS_ROLES[role],
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    wait_until_listening(port)
    return keep(server), f"redis://:{password}@127.0.0.1:{port}"


def spawn(name: str, command: list[str], log_dir: Path, **options: object) -> int:
    """Start a process that outlives this one (its own session), logging to
    ``log_dir/<name>.log``; return its pid."""
    with (log_dir / f"{name}.log").open("ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **options,  # type: ignore[call-overload]
        )
    return keep(process)


def executable(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        raise SystemExit(f"{name} is missing (make services installs it).")
    return found


def end(pid: int, timeout: float = 30) -> None:
    """Stop one process (SIGTERM, SIGKILL after ``timeout``) and wait for it to go."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if process := STARTED.pop(pid, None):  # started by this process: wait and reap
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return
    deadline = time.monotonic() + timeout
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if running(pid):
        os.kill(pid, signal.SIGKILL)


def wait_until_closed(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            return
        time.sleep(0.1)


def running(pid: int) -> bool:
    """True while ``pid`` runs: a zombie (exited, not yet reaped) counts as gone."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"
