"""deploy/nginx.conf.j2 rendered: for the local fleet (tools/fleet.py) and for
compose.yaml (deploy/nginx.compose.conf, the rendering of COMPOSE_NGINX)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from config import ProductionConfig
from site_app.middleware.security_headers import SECURITY_HEADERS

PROJECT_ROOT = Path(__file__).resolve().parent.parent


# The values compose.yaml's nginx runs with (deploy/nginx.compose.conf is this
# rendering; a test checks it is current: python -m tools.fleet compose-nginx).
COMPOSE_NGINX = {
    "user": "nginx",
    "run_dir": "/var/cache/nginx",
    "error_log": "/dev/stderr",
    "access_log": "/dev/stdout",
    "static_log": "/dev/stdout",
    "max_body_size": "1m",
    # Docker's DNS gives every replica's address for the service's name.
    "app_addresses": ["app:8000"],
    "drained": [],
    "http_listen": "80",
    "https_listen": "443",
    "https_port_suffix": "",
    # The nginx image fills it in from compose's environment when it starts (envsubst).
    "server_names": "${SERVER_NAME}",
    "certificate": "/etc/nginx/tls/cert.pem",
    "certificate_key": "/etc/nginx/tls/key.pem",
    "static_dir": "/srv/site_app/static",
}


COMPOSE_NGINX_HEADER = (
    "# compose.yaml's nginx configuration, rendered from deploy/nginx.conf.j2 by\n"
    "#   python -m tools.fleet compose-nginx > deploy/nginx.compose.conf\n"
    "# Edit the template, not this file (tests/test_compose.py checks they agree).\n\n"
)


def nginx_config(values: dict[str, object]) -> str:
    """deploy/nginx.conf.j2 with ``values`` filled in; a missing one is an error. The
    security headers of nginx's own answers are the app's (and its production HSTS)."""
    template = Environment(  # noqa: S701 (an nginx configuration, not HTML)
        loader=FileSystemLoader(PROJECT_ROOT / "deploy"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    ).get_template("nginx.conf.j2")
    hsts = f"max-age={ProductionConfig.HSTS_SECONDS}; includeSubDomains"
    return template.render(
        values,
        app_security_headers=SECURITY_HEADERS,
        hsts=hsts,
        # Flask's session cookie, which config.py keeps: nginx's cache passes it by.
        session_cookie="session",
    )
