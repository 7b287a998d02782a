"""Errors that reach a caller: each knows its HTTP status and a stable code."""

from __future__ import annotations


class QAError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}


class BadRequest(QAError):
    status = 400
    code = "bad_request"


class BadQuestion(BadRequest):
    code = "bad_question"


class Unauthorized(QAError):
    status = 401
    code = "unauthorized"


class Forbidden(QAError):
    status = 403
    code = "forbidden"


class UnsupportedMediaType(QAError):
    status = 415
    code = "unsupported_media_type"


class NotFound(QAError):
    status = 404
    code = "not_found"


class IndexNotReady(QAError):
    status = 503
    code = "index_not_ready"


class IndexUnusable(QAError):
    """The index on disk cannot be used: missing, damaged, or built with other settings."""

    status = 503
    code = "index_unusable"


class NoArticles(QAError):
    status = 400
    code = "no_articles"


class OutOfTime(QAError):
    """A request or a step of indexing ran past its time budget."""

    status = 503
    code = "timed_out"


class AnswerModelUnusable(QAError):
    """The answer model file is missing, damaged, or fitted on other features."""

    status = 503
    code = "answer_model_unusable"
