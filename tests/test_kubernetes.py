"""deploy/kubernetes/: each overlay built with kubectl's own kustomize, every object
validated against the Kubernetes schemas (kubernetes-validate, strict), and the
manifests held to the code, the Dockerfile and compose.yaml.

No cluster runs here: these are the checks that need none.
"""

from __future__ import annotations

import copy
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from site_app import create_app
from tests.processes import PROJECT_ROOT
from tests.test_container import instructions

KUBERNETES = PROJECT_ROOT / "deploy" / "kubernetes"
OVERLAYS = ["base", "overlays/production"]
# The oldest release upstream still maintains on 2026-12-06, and the newest the
# validator knows (its version is pinned in requirements/dev.txt).
VERSIONS = ["1.35.0", kubernetes_validate.latest_version()]
SETTINGS = re.findall(r"^# ([A-Z][A-Z0-9_]*)=", (PROJECT_ROOT / ".env.example").read_text(), re.M)
DEPLOY_DOCS = (PROJECT_ROOT / "docs" / "deploy.md").read_text()
KUBERNETES_DOCS = DEPLOY_DOCS.split("## Kubernetes", 1)[-1].split("\n## ", 1)[0]
COMPOSE = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())
APP_SERVICE = COMPOSE["services"]["app"]


def kustomize(overlay: str, kubernetes: Path = KUBERNETES) -> list[dict[str, Any]]:
    """The objects ``kubectl kustomize`` builds from one overlay of ``kubernetes``."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        message = "kubectl is missing: it builds the Kustomize overlays (kubectl kustomize)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    built = subprocess.run(
        [kubectl, "kustomize", str(kubernetes / overlay)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return [document for document in yaml.safe_load_all(built.stdout) if document]


@pytest.fixture(scope="module", params=OVERLAYS)
def objects(request: pytest.FixtureRequest) -> list[dict[str, Any]]:
    return kustomize(request.param)


def one(objects: list[dict[str, Any]], kind: str, name: str = "site-app") -> dict[str, Any]:
    (found,) = [
        item
        for item in objects
        if item["kind"] == kind and item["metadata"]["name"].startswith(name)
    ]
    return found


def settings(objects: list[dict[str, Any]]) -> dict[str, str]:
    return one(objects, "ConfigMap", "site-app-settings")["data"]


def app_container(objects: list[dict[str, Any]]) -> dict[str, Any]:
    (container,) = one(objects, "Deployment")["spec"]["template"]["spec"]["containers"]
    return container


def secret_keys() -> list[str]:
    """The keys docs/deploy.md's `kubectl create secret` line gives the Secret."""
    command = re.search(r"kubectl create secret generic site-app-secrets.*?\n\n", DEPLOY_DOCS, re.S)
    assert command, "docs/deploy.md creates the Secret with kubectl create secret generic"
    return re.findall(r"--from-literal=([A-Z_]+)=", command.group())


# Built and valid ------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_every_object_is_valid_kubernetes_in_strict_mode(objects, version):
    kinds = []
    for item in objects:
        kubernetes_validate.validate(item, version, strict=True)
        kinds.append(item["kind"])

    assert set(kinds) >= {
        "ConfigMap",
        "Deployment",
        "HorizontalPodAutoscaler",
        "Ingress",
        "Job",
        "PodDisruptionBudget",
        "Service",
    }


def test_strict_validation_refuses_a_misspelt_field(objects):
    """The check above can fail: a field Kubernetes does not know is refused."""
    deployment = copy.deepcopy(one(objects, "Deployment"))
    deployment["spec"]["replica"] = 3

    with pytest.raises(kubernetes_validate.ValidationError, match="replica"):
        kubernetes_validate.validate(deployment, VERSIONS[-1], strict=True)


# The same container as the Dockerfile and compose.yaml ------------------------------------


def test_the_app_runs_the_images_server_as_its_user_on_its_port(objects):
    steps = dict(instructions())
    container = app_container(objects)
    pod = one(objects, "Deployment")["spec"]["template"]["spec"]
    user, group = steps["USER"].split(":")
    # The Dockerfile's CMD migrates, then execs the server: here they are two steps.
    migrate, server = re.fullmatch(r'\["sh", "-c", "(.+) && exec (.+)"\]', steps["CMD"]).groups()
    (job_container,) = one(objects, "Job", "site-app-migrate")["spec"]["template"]["spec"][
        "containers"
    ]

    assert container["command"] == shlex.split(server) == APP_SERVICE["command"]
    assert job_container["command"] == shlex.split(migrate)
    assert job_container["command"] == COMPOSE["services"]["migrate"]["command"]
    assert [port["containerPort"] for port in container["ports"]] == [int(steps["EXPOSE"])]
    assert settings(objects)["BIND"] == f"0.0.0.0:{steps['EXPOSE']}"
    assert pod["securityContext"]["runAsUser"] == int(user)
    assert pod["securityContext"]["runAsGroup"] == int(group)
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["image"] == job_container["image"]


def test_the_app_gets_the_settings_compose_gives_it(objects):
    given = set(settings(objects)) | set(secret_keys())
    compose = APP_SERVICE["environment"]  # its x-app part, by YAML's merge key

    assert set(compose) <= given
    for same in ("APP_ENV", "PROXY_COUNT", "BIND"):
        assert settings(objects)[same] == compose[same], same
    # The two Redis roles are two servers, as in compose.yaml (docs/deploy.md).
    assert {"RATELIMIT_STORAGE_URI", "PAGE_CACHE_URI"} <= set(secret_keys())


def test_every_setting_is_set_or_documented_as_optional(objects):
    given = set(settings(objects)) | set(secret_keys())
    left = [name for name in SETTINGS if name not in given]

    assert given <= set(SETTINGS), "every setting given is one .env.example lists"
    assert {"SECRET_KEY", "TRUSTED_HOSTS", "DATABASE_URL"} <= given
    assert [name for name in left if f"`{name}`" not in KUBERNETES_DOCS] == []


# Probes, releases, secrets -----------------------------------------------------------------


def test_the_probes_ask_for_paths_the_app_serves_by_the_sites_own_name(objects):
    container = app_container(objects)
    app = create_app({"APP_ENV": "testing"}, environ={})
    trusted = settings(objects)["TRUSTED_HOSTS"].split(",")
    probes = {
        kind: container[kind]["httpGet"]
        for kind in ("startupProbe", "livenessProbe", "readinessProbe")
    }

    assert {kind: probe["path"] for kind, probe in probes.items()} == {
        "startupProbe": "/healthz",
        "livenessProbe": "/healthz",
        "readinessProbe": "/readyz",
    }
    for probe in probes.values():
        endpoint, _ = app.url_map.bind("localhost").match(probe["path"])
        assert endpoint.startswith("health."), endpoint
        assert probe["port"] == container["ports"][0]["name"]
        assert probe["httpHeaders"] == [{"name": "Host", "value": trusted[0]}]


def test_the_ingress_serves_the_trusted_name_over_tls(objects):
    ingress = one(objects, "Ingress")["spec"]
    host = settings(objects)["TRUSTED_HOSTS"]

    assert [rule["host"] for rule in ingress["rules"]] == [host]
    assert ingress["tls"][0]["hosts"] == [host]
    assert settings(objects)["SITE_URL"] == f"https://{host}"


def test_a_release_drains_each_pod_within_its_grace_period(objects):
    deployment = one(objects, "Deployment")["spec"]
    container = app_container(objects)
    pause = int(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    graceful = int(
        re.search(
            r"^graceful_timeout = (\d+)$", (PROJECT_ROOT / "gunicorn.conf.py").read_text(), re.M
        )[1]
    )

    assert deployment["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert deployment["template"]["spec"]["terminationGracePeriodSeconds"] > pause + graceful
    assert one(objects, "PodDisruptionBudget")["spec"]["maxUnavailable"] == 1
    assert one(objects, "HorizontalPodAutoscaler")["spec"]["minReplicas"] >= 2


def test_no_secret_value_is_in_the_manifests(objects):
    secret_names = set(secret_keys())
    for item in objects:
        assert item["kind"] != "Secret"
    for name, value in settings(objects).items():
        assert name not in secret_names
        assert not re.search(r"SECRET|PASSWORD|TOKEN|KEY", name), name
        assert "@" not in value, name  # no credentials in an address
    for pod in (
        one(objects, "Deployment")["spec"]["template"]["spec"],
        one(objects, "Job", "site-app-migrate")["spec"]["template"]["spec"],
    ):
        for container in pod["containers"]:
            assert "env" not in container  # every value comes from the ConfigMap or Secret
            assert {"secretRef": {"name": "site-app-secrets"}} in container["envFrom"]
