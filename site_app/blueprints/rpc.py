"""JSON-RPC: POST /api/rpc, JSON-RPC 2.0 calls to the same incomes as the REST API.

A blueprint of its own, beside the REST API's, so that its protocol's rule is its hook:
every HTTP error is a JSON-RPC error object. Only calls to methods that write need a
token, each one counted (site_app/api/rpc.py holds the methods and both rules).
Other sites may send to it, as to the REST API: a write carries its token in a header no
other site can make a browser send.
"""

from __future__ import annotations

from flask import Blueprint
from werkzeug.exceptions import HTTPException

from site_app.api.rpc import http_error_answer, rpc_view
from site_app.web.cross_origin import accept_writes_from_other_sites

bp = Blueprint("rpc", __name__, url_prefix="/api")
accept_writes_from_other_sites(bp)
# POST only: another method gets the API's JSON 405, as any address under /api/ does.
bp.add_url_rule("/rpc", "call", rpc_view, methods=["POST"])
bp.register_error_handler(HTTPException, http_error_answer)
