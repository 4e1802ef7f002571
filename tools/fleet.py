"""``make fleet`` / ``make fleet-stop``: the production topology as plain processes.

nginx terminates TLS (a throwaway certificate, made at start), serves the
static files and balances over two gunicorn instances, which share one PostgreSQL and
two Redis servers (the limits; the page cache). Everything listens on 127.0.0.1 and
lives under .fleet/ (state in fleet.json, logs in logs/); stop ends exactly the
processes start began, by pid.

    python -m tools.fleet start     # prints the HTTPS address once the site answers
    python -m tools.fleet restart   # every app instance in turn, losing no request
    python -m tools.fleet stop

Why no process manager (supervisord, honcho): what one would take over is spawning
and ending processes by pid, about 60 lines of tools/local_services.py. The rest stays
whatever runs the processes: the certificate, initdb and createdb, free ports, nginx's
configuration rendered with those ports, the migration before the first instance, the
waits for readiness, and the rolling restart, which takes one instance out of nginx's
upstream, restarts it and puts it back. honcho runs in the foreground and stops every
process when one ends, so it can neither return once the site answers nor restart one
instance; supervisord can, but adds a daemon, its socket and a configuration written at
start (the ports are chosen then), for a file no shorter. Start, restart and stop are one
lifecycle over one record (the Fleet below, saved in fleet.json), so they share this
module; single processes are started and ended in tools/local_services.py, the nginx
template is in tools/nginx_config.py.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tools.local_services import (
    STARTED,
    end,
    executable,
    postgres_binaries,
    running,
    spawn,
    start_postgres,
    start_redis,
    wait_until_closed,
)
from tools.nginx_config import COMPOSE_NGINX, COMPOSE_NGINX_HEADER, nginx_config
from tools.production_server import free_port, wait_until_listening

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_PORT = 8443
DEFAULT_HTTP_PORT = 8080
INSTANCES = 2
WORKERS_PER_INSTANCE = 2


@dataclass
class Fleet:
    """What a started fleet is made of: enough to reach, restart and stop each part."""

    directory: str
    https_port: int
    http_port: int
    database_url: str
    limits_redis_url: str
    cache_redis_url: str
    app_ports: list[int]
    secret_key: str
    postgres_data: str = ""
    # Instances nginx sends nothing to, while they restart (rolling_restart).
    drained: list[int] = field(default_factory=list)
    pids: dict[str, int] = field(default_factory=dict)
    # More app settings (ADMIN_PASSWORD_HASH, API_WRITE_LIMIT, ...) for every instance.
    settings: dict[str, str] = field(default_factory=dict)
    # The project the instances run and nginx serves the static files of.
    project: str = str(PROJECT_ROOT)

    @property
    def address(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def certificate(self) -> Path:
        """The server's certificate, for nginx."""
        return Path(self.directory) / "tls" / "cert.pem"

    @property
    def authority(self) -> Path:
        """The certificate authority that signed it: what a client trusts."""
        return Path(self.directory) / "tls" / "ca.pem"

    def save(self) -> None:
        (Path(self.directory) / "fleet.json").write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, directory: Path) -> Fleet | None:
        state = directory / "fleet.json"
        return cls(**json.loads(state.read_text())) if state.exists() else None

    def app_environment(self, index: int) -> dict[str, str]:
        """An instance's settings: production, behind one trusted proxy on loopback."""
        environment = {
            key: value for key, value in os.environ.items() if not key.startswith("FLASK_")
        }
        environment.update(
            APP_ENV="production",
            SECRET_KEY=self.secret_key,
            TRUSTED_HOSTS="127.0.0.1,localhost",
            PROXY_COUNT="1",
            TRUSTED_PROXIES="127.0.0.1/32",
            DATABASE_URL=self.database_url,
            RATELIMIT_STORAGE_URI=self.limits_redis_url + "/0",
            PAGE_CACHE_URI=self.cache_redis_url + "/0",
            BIND=f"127.0.0.1:{self.app_ports[index]}",
            WEB_CONCURRENCY=str(WORKERS_PER_INSTANCE),
        )
        environment.update(self.settings)
        return environment


def logs(directory: Path) -> Path:
    path = directory / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def make_certificate(directory: Path) -> None:
    """A throwaway certificate authority (tls/ca.pem, what clients trust) and the
    server's certificate it signs (tls/cert.pem), as a real deployment has them: TLS
    checkers validate the chain, which a lone self-signed certificate is not."""
    tls = directory / "tls"
    tls.mkdir(parents=True, exist_ok=True)
    openssl = executable("openssl")
    (tls / "server.ext").write_text(
        "basicConstraints = critical, CA:FALSE\n"
        "keyUsage = critical, digitalSignature, keyEncipherment\n"
        "extendedKeyUsage = serverAuth\n"
        "subjectAltName = IP:127.0.0.1, DNS:localhost\n"
    )
    for command in (
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(tls / "ca-key.pem"), "-out", str(tls / "ca.pem"),
            "-subj", "/CN=site_app fleet certificate authority",
            "-addext", "basicConstraints = critical, CA:TRUE",
            "-addext", "keyUsage = critical, keyCertSign, cRLSign",
        ],
        [
            openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", str(tls / "key.pem"), "-out", str(tls / "cert.csr"),
        ],
        [
            openssl, "x509", "-req", "-in", str(tls / "cert.csr"), "-days", "2",
            "-CA", str(tls / "ca.pem"), "-CAkey", str(tls / "ca-key.pem"), "-CAcreateserial",
            "-extfile", str(tls / "server.ext"), "-out", str(tls / "cert.pem"),
        ],
    ):  # fmt: skip
        subprocess.run(command, check=True, capture_output=True)


def render_nginx(fleet: Fleet) -> Path:
    directory = Path(fleet.directory)
    run_dir = directory / "nginx"
    run_dir.mkdir(parents=True, exist_ok=True)
    log_dir = logs(directory)
    config = nginx_config(
        {
            # Workers run as whoever started the fleet, so they can read the project where
            # that user keeps it (a server of your own uses www-data).
            "user": "root" if os.geteuid() == 0 else None,
            "run_dir": run_dir,
            "error_log": log_dir / "nginx-error.log",
            "access_log": log_dir / "nginx-access.log",
            "static_log": log_dir / "nginx-static.log",
            "max_body_size": "1m",
            "app_addresses": [f"127.0.0.1:{port}" for port in fleet.app_ports],
            "drained": [f"127.0.0.1:{port}" for port in fleet.drained],
            "http_listen": f"127.0.0.1:{fleet.http_port}",
            "https_listen": f"127.0.0.1:{fleet.https_port}",
            "https_port_suffix": f":{fleet.https_port}",
            "server_names": "127.0.0.1 localhost",
            "certificate": fleet.certificate,
            "certificate_key": fleet.certificate.with_name("key.pem"),
            "static_dir": Path(fleet.project) / "site_app" / "static",
        }
    )
    path = run_dir / "nginx.conf"
    path.write_text(config)
    return path


def start_instance(fleet: Fleet, index: int) -> int:
    """Start (or start again) app instance ``index``; return its gunicorn master's pid."""
    directory = Path(fleet.directory)
    name = f"app-{index}"
    # A previous run of this instance that has ended (killed, say) is reaped.
    if (previous := STARTED.get(fleet.pids.get(name, 0))) and previous.poll() is not None:
        del STARTED[previous.pid]
    # Its /metrics numbers live in the fleet's folder, emptied for each start, so
    # even a killed instance leaves nothing behind once the fleet is stopped.
    metrics = directory / "metrics" / name
    shutil.rmtree(metrics, ignore_errors=True)
    metrics.mkdir(parents=True)
    environment = {**fleet.app_environment(index), "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    pid = spawn(
        name,
        [str(BIN / "gunicorn"), "wsgi:app"],
        logs(directory),
        cwd=fleet.project,
        env=environment,
    )
    fleet.pids[name] = pid
    fleet.save()
    return pid


def migrate(fleet: Fleet) -> None:
    """The schema, once, before any instance starts: as a deploy does."""
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "--no-debug", "db", "upgrade"],
        cwd=fleet.project,
        env=fleet.app_environment(0),
        check=True,
        capture_output=True,
    )


def start(
    directory: Path,
    https_port: int,
    http_port: int,
    settings: dict[str, str] | None = None,
    project: Path = PROJECT_ROOT,
) -> Fleet:
    """Start the fleet in ``directory``, running ``project`` (this one by default)."""
    if Fleet.load(directory) is not None:
        raise SystemExit(f"A fleet is running from {directory}: stop it with make fleet-stop.")
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    make_certificate(directory)
    postgres_pid, database_url, postgres_data = start_postgres(logs(directory))
    redis_password = secrets.token_urlsafe(24)
    limits_pid, limits_url = start_redis(logs(directory), "limits", redis_password)
    cache_pid, cache_url = start_redis(logs(directory), "cache", redis_password)
    fleet = Fleet(
        directory=str(directory),
        https_port=https_port,
        http_port=http_port,
        database_url=database_url,
        limits_redis_url=limits_url,
        cache_redis_url=cache_url,
        app_ports=[free_port() for _ in range(INSTANCES)],
        secret_key=secrets.token_hex(32),
        postgres_data=str(postgres_data),
        pids={"postgres": postgres_pid, "redis-limits": limits_pid, "redis-cache": cache_pid},
        settings=settings or {},
        project=str(project),
    )
    fleet.save()
    try:
        migrate(fleet)
        for index in range(INSTANCES):
            start_instance(fleet, index)
        for port in fleet.app_ports:
            wait_until_listening(port, timeout=30)
        config = render_nginx(fleet)
        fleet.pids["nginx"] = spawn(
            "nginx", [executable("nginx"), "-c", str(config), "-g", "daemon off;"], logs(directory)
        )
        fleet.save()
        wait_until_answering(fleet)
    except BaseException:
        stop(directory)
        raise
    return fleet


def reload_nginx(fleet: Fleet) -> None:
    """Apply a changed configuration: nginx starts new workers with it, and the old ones
    finish the requests they hold before they go."""
    render_nginx(fleet)
    os.kill(fleet.pids["nginx"], signal.SIGHUP)
    # The new workers take over within moments; the old ones drain their requests.
    time.sleep(1)


def rolling_restart(fleet: Fleet) -> None:
    """Restart every instance in turn with no request lost: nginx stops sending it
    requests first, it finishes those it has (SIGTERM is graceful), starts again, and
    takes traffic once it listens. One instance answers all along."""
    for index, port in enumerate(fleet.app_ports):
        fleet.drained = [port]
        reload_nginx(fleet)
        end(fleet.pids[f"app-{index}"])
        start_instance(fleet, index)
        wait_until_listening(port, timeout=30)
        fleet.drained = []
        reload_nginx(fleet)
    fleet.save()


def wait_until_answering(fleet: Fleet, timeout: float = 30) -> None:
    """Return once /readyz answers 200 over HTTPS through nginx."""
    context = ssl.create_default_context(cafile=str(fleet.authority))
    deadline = time.monotonic() + timeout
    while True:
        for name, pid in fleet.pids.items():
            if not running(pid):
                log = logs(Path(fleet.directory)) / f"{name}.log"
                raise RuntimeError(f"{name} stopped at start: see {log}")
        connection = http.client.HTTPSConnection(
            "127.0.0.1", fleet.https_port, context=context, timeout=5
        )
        try:
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        if time.monotonic() > deadline:
            raise RuntimeError(f"The fleet does not answer at {fleet.address}.")
        time.sleep(0.2)


def stop(directory: Path) -> bool:
    """Stop every process the fleet in ``directory`` started; False if none was."""
    fleet = Fleet.load(directory)
    if fleet is None:
        return False
    # nginx first (no new requests), then the instances, then what they use.
    order = ["nginx", *sorted(name for name in fleet.pids if name.startswith("app-"))]
    for name in [*order, "redis-limits", "redis-cache", "postgres"]:
        if name in fleet.pids:
            end(fleet.pids[name])
    # As root, the pid is runuser's: it returns while PostgreSQL still shuts down.
    wait_until_closed(urlsplit(fleet.database_url).port or 5432)
    if fleet.postgres_data:
        shutil.rmtree(fleet.postgres_data, ignore_errors=True)
    (directory / "fleet.json").unlink()
    return True


def main(argv: list[str]) -> int:
    directory = Path(os.environ.get("FLEET_DIR", PROJECT_ROOT / ".fleet"))
    if argv[1:] == ["start"]:
        if postgres_binaries() is None or not shutil.which("nginx"):
            raise SystemExit("make fleet needs nginx and PostgreSQL (make fleet installs them).")
        https_port = int(os.environ.get("FLEET_PORT", DEFAULT_PORT))
        http_port = int(os.environ.get("FLEET_HTTP_PORT", DEFAULT_HTTP_PORT))
        fleet = start(directory, https_port, http_port)
        print(f"The fleet answers at {fleet.address}/ (trust {fleet.authority})")
        print("Stop it with: make fleet-stop")
        return 0
    if argv[1:] == ["restart"]:
        fleet = Fleet.load(directory)
        if fleet is None:
            raise SystemExit("No fleet is running: start one with make fleet.")
        rolling_restart(fleet)
        print(f"Every instance restarted in turn; the fleet answers at {fleet.address}/")
        return 0
    if argv[1:] == ["compose-nginx"]:
        print(COMPOSE_NGINX_HEADER + nginx_config(COMPOSE_NGINX), end="")
        return 0
    if argv[1:] == ["stop"]:
        print("Fleet stopped." if stop(directory) else "No fleet is running.")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
