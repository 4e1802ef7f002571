"""``python -m site_app.cli.healthcheck``: exit 0 when the local server answers /healthz.

For a container's HEALTHCHECK, which has no curl in a slim image. It asks for the first
TRUSTED_HOSTS name, so the check passes the same host check real visitors do.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request


def is_healthy(port: int | str, host: str) -> bool:
    """True when the server on loopback ``port`` answers /healthz with status ok."""
    # A fixed http:// URL on loopback: nothing a caller can point elsewhere.
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310
            return bool(json.load(response) == {"status": "ok"})
    except (OSError, ValueError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return False


def main() -> int:
    port = os.environ.get("PORT", "8000")
    first_trusted_host = os.environ.get("TRUSTED_HOSTS", "").split(",")[0].strip()
    # A leading dot allows a domain and its subdomains: the domain itself will do.
    host = first_trusted_host.lstrip(".") or f"127.0.0.1:{port}"
    return 0 if is_healthy(port, host) else 1


if __name__ == "__main__":
    sys.exit(main())
