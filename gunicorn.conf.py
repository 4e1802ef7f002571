"""gunicorn settings for site_app, from the environment: ``gunicorn wsgi:app``.

gunicorn reads this file from the directory it starts in, so the plain command needs
nothing else. Every value can still be overridden on the command line.
"""

import atexit
import os
import shutil
import tempfile

# /metrics under several workers (site_app/middleware/metrics.py): each worker keeps its
# numbers in files in this folder, and /metrics adds them up. A new, empty folder for
# each start, unless one is set (it must then be emptied before each start). Set here,
# before anything of the app (and so prometheus_client) is imported.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
        prefix="site_app-metrics-",
        dir="/dev/shm" if os.path.isdir("/dev/shm") else None,  # noqa: S108
    )
    # ...and removed when this process (gunicorn's master, or a --check-config run)
    # ends; not when a forked worker does.
    METRICS_OWNER = os.getpid()

    @atexit.register
    def remove_metrics_folder() -> None:
        if os.getpid() == METRICS_OWNER:
            shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


# config.py sits beside this file, where gunicorn looks for the app. Reading the
# environment through it loads .env, so BIND, PORT and WEB_CONCURRENCY there count here
# as they do for the app. Not named "config": gunicorn reads every top-level name here
# as a setting, and "config" is one.
import config as app_settings
from site_app.settings.checks import check_workers, worker_count

environment = app_settings.load_environment()


def bind_address() -> str:
    if bind := environment.get("BIND"):
        return bind
    if port := environment.get("PORT"):
        # Platforms and containers that set PORT route to it from outside.
        return f"0.0.0.0:{port}"
    return "127.0.0.1:8000"


bind = bind_address()
workers = worker_count(environment)

# Load the app once, in the master, before forking: a settings problem stops start-up
# with one "Error:" line instead of failing every worker, and workers share its memory.
preload_app = True

# Access log to stdout, everything else to stderr: where containers and systemd look.
# Both as JSON lines, like the app's log, with the request id (site_app/web/server_logs.py).
accesslog = "-"
errorlog = "-"
loglevel = "info"
logger_class = "site_app.web.server_logs.JsonLogger"

# A worker silent for this long is killed and replaced; on SIGTERM, requests in flight
# get this long to finish before workers are stopped.
timeout = 30
graceful_timeout = 30
# No keepalive setting: sync workers close the connection after every answer, so it
# would do nothing. Sync workers are the right class behind a buffering proxy (nginx,
# deploy/nginx.conf.j2): the proxy holds slow and idle clients, a worker only ever
# serves whole requests at loopback speed, and the app needs no async-safe code.

# Forwarded headers are the app's business (PROXY_COUNT): gunicorn itself trusts none,
# so a client can never make a plain-HTTP request look like HTTPS.
forwarded_allow_ips = ""

# Worker heartbeats go to memory, not to a disk a container may mount slowly.
# gunicorn writes only its own heartbeat files there.
HEARTBEAT_DIR = "/dev/shm"  # noqa: S108
if os.path.isdir(HEARTBEAT_DIR):
    worker_tmp_dir = HEARTBEAT_DIR

# gunicorn's run-time control socket is not used here: one fewer listening endpoint,
# and no shared ~/.gunicorn/gunicorn.ctl between servers of the same user.
control_socket_disable = True


def child_exit(server, worker) -> None:  # type: ignore[no-untyped-def]
    """A worker that ends: its live numbers go, its counts stay in the sums."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_starting(server) -> None:  # type: ignore[no-untyped-def]
    """Refuse, with one "Error:" line, app settings that break with several workers.

    The app is already loaded (preload_app), so its settings are final here.
    """
    check_workers(server.app.wsgi().config, server.num_workers)
