"""The Flask application factory: loads the index once, answers JSON, errors as JSON."""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from .config import Settings
from .errors import QAError


def create_app(settings: Settings | None = None, engine=None) -> Flask:
    """An app serving `settings.index`; pass `engine` to reuse one that is already loaded."""
    from . import security
    from .admin import admin
    from .api import api
    from .serving import Served
    from .web import web

    settings = settings or Settings.from_env()
    app = Flask(__name__, static_folder=None)  # the page serves its own assets (qa/web)
    app.json.sort_keys = False
    app.url_map.merge_slashes = False  # an article path is matched as sent, never redirected
    app.config["QA_SETTINGS"] = settings
    served = Served(settings, engine=engine)  # never raises: without an index it says why on /health
    if served.error:
        app.logger.error("index not loaded: %s", served.error.message)
    app.extensions["qa"] = served
    app.register_blueprint(api)
    app.register_blueprint(admin)
    app.register_blueprint(web)
    security.init_app(app, settings)

    @app.errorhandler(QAError)
    def qa_error(exc: QAError):
        return jsonify(exc.to_json()), exc.status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        response = jsonify({"error": {"code": code, "message": exc.description}})
        for name, value in exc.get_headers():  # Allow on 405, Retry-After on 429, ...
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, exc.code

    return app
