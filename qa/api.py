"""HTTP endpoints: /ask and /health."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from .errors import BadRequest, IndexNotReady

api = Blueprint("api", __name__)


def _engine():
    engine = current_app.extensions.get("qa_engine")
    if engine is None:
        error = current_app.extensions.get("qa_error")
        raise IndexNotReady(error.message if error else "no index is loaded")
    return engine


@api.get("/health")
def health():
    engine = current_app.extensions.get("qa_engine")
    if engine is None:
        error = current_app.extensions.get("qa_error")
        return jsonify({"status": "unavailable", "reason": error.message if error else "no index"}), 503
    return jsonify(engine.health())


@api.route("/ask", methods=["GET", "POST"])
def ask():
    if request.method == "GET":
        question = request.args.get("q")
        top_k = _int_arg(request.args.get("top_k"))
    else:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise BadRequest('send a JSON object like {"question": "..."} with Content-Type: application/json')
        question = body.get("question")
        top_k = body.get("top_k")
    if question is None:
        raise BadRequest("question is missing: send ?q=... or a JSON body with \"question\"")
    return jsonify(_engine().ask(question, top_k))


def _int_arg(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise BadRequest("top_k must be a whole number from 1 to 20") from None
