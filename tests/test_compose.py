"""compose.yaml: valid by the Compose specification's own schema, and the same topology
as make fleet (tools/fleet.py).

The schema is compose/config/compose_spec.json from the docker-compose 1.29.2 package
on PyPI, kept in tests/data/ (its SHA-256 below) so the check runs without a network.
"""

from __future__ import annotations

import hashlib
import json

import jsonschema_rs
import yaml

from tools import fleet, nginx_config
from tools.fleet import PROJECT_ROOT
from tools.local_services import REDIS_ROLES

SCHEMA = PROJECT_ROOT / "tests" / "data" / "compose_spec.json"
SCHEMA_SHA256 = "0dc04bd346dcfee1b1419628fff79937bbf076925f298f272a2b490e2b112bac"
COMPOSE = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())


def test_the_schema_is_the_one_docker_compose_ships():
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256


def test_compose_yaml_follows_the_compose_specification():
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text()))

    assert [error.message for error in validator.iter_errors(COMPOSE)] == []


def test_it_runs_the_fleets_parts():
    services = COMPOSE["services"]

    assert set(services) == {"db", "redis-limits", "redis-cache", "migrate", "app", "nginx"}
    assert services["app"]["deploy"]["replicas"] == fleet.INSTANCES
    # The schema is migrated once, before any replica starts.
    assert services["migrate"]["command"] == ["flask", "--app", "wsgi", "db", "upgrade"]
    assert services["app"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert services["nginx"]["depends_on"]["app"] == {"condition": "service_healthy"}
    for name in ("db", "redis-limits", "redis-cache", "nginx"):
        assert "healthcheck" in services[name], name


# A fleet's record as tools/fleet.py keeps it, with fixed ports and addresses.
LOCAL_FLEET = fleet.Fleet(
    directory="/unused",
    https_port=8443,
    http_port=8080,
    database_url="postgresql+psycopg://site_app@127.0.0.1:5432/site_app",
    limits_redis_url="redis://:password@127.0.0.1:6379",
    cache_redis_url="redis://:password@127.0.0.1:6380",
    app_ports=[8001, 8002],
    secret_key="unused",
)


def test_the_app_is_set_up_as_the_fleets_instances_are():
    app = COMPOSE["services"]["app"]["environment"]
    local = LOCAL_FLEET.app_environment(0)

    for name in ("APP_ENV", "PROXY_COUNT"):
        assert app[name] == local[name], name
    # The limits and the page cache in Redis servers of their own, in both.
    assert app["RATELIMIT_STORAGE_URI"].endswith("@redis-limits:6379/0")
    assert app["PAGE_CACHE_URI"].endswith("@redis-cache:6379/0")
    assert local["RATELIMIT_STORAGE_URI"] == "redis://:password@127.0.0.1:6379/0"
    assert local["PAGE_CACHE_URI"] == "redis://:password@127.0.0.1:6380/0"
    assert app["DATABASE_URL"].startswith("postgresql://site_app:${POSTGRES_PASSWORD")


def test_each_redis_plays_its_role_as_in_the_fleet_and_wants_the_password():
    """Limits never evicted, the page cache bounded (tools/local_services.REDIS_ROLES);
    neither answers without REDIS_PASSWORD, which only .env holds."""
    for role in ("limits", "cache"):
        service = COMPOSE["services"][f"redis-{role}"]
        command = service["command"]
        assert command[-len(REDIS_ROLES[role]) :] == REDIS_ROLES[role], role
        password = command[command.index("--requirepass") + 1]
        assert password == "${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}", role
        assert service["environment"]["REDISCLI_AUTH"] == password, role
    for setting in ("RATELIMIT_STORAGE_URI", "PAGE_CACHE_URI"):
        assert "${REDIS_PASSWORD:?" in COMPOSE["x-app"]["environment"][setting]


def test_secrets_come_from_env_only():
    settings = [
        name for service in COMPOSE["services"].values() for name in service.get("environment", {})
    ]

    assert "SECRET_KEY" not in settings
    assert "ADMIN_PASSWORD_HASH" not in settings
    assert COMPOSE["x-app"]["env_file"] == ".env"
    assert COMPOSE["services"]["db"]["environment"]["POSTGRES_PASSWORD"].startswith(
        "${POSTGRES_PASSWORD"
    )


def test_nginx_runs_the_template_rendered_for_compose():
    mounted = COMPOSE["services"]["nginx"]["volumes"][0]
    committed = (PROJECT_ROOT / "deploy" / "nginx.compose.conf").read_text()

    assert mounted == "./deploy/nginx.compose.conf:/etc/nginx/templates/nginx.conf.template:ro"
    # The image writes the template out to /etc/nginx/nginx.conf, with SERVER_NAME alone
    # filled in: nginx's own $variables stay as they are.
    environment = COMPOSE["services"]["nginx"]["environment"]
    assert environment["NGINX_ENVSUBST_OUTPUT_DIR"] == "/etc/nginx"
    assert environment["NGINX_ENVSUBST_FILTER"] == "^SERVER_NAME$$"
    assert environment["SERVER_NAME"] == "${SERVER_NAME:?set SERVER_NAME in .env}"
    assert "server_name ${SERVER_NAME};" in committed
    assert committed == nginx_config.COMPOSE_NGINX_HEADER + nginx_config.nginx_config(
        nginx_config.COMPOSE_NGINX
    )
