"""The OpenAPI 3.1 description of the service: every endpoint, request, reply and error."""

from __future__ import annotations

from . import __version__
from .engine import MAX_HISTORY_TURNS, MAX_QUESTION_CHARS, MAX_TOP_K, QUESTION_PATTERN


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict:
    words = {400: "Bad request: the message says what to change", 401: "No bearer key was sent",
             403: "The key is wrong", 404: "Not found (writing endpoints: off while no QA_API_KEY is set)",
             413: "The body is too large", 415: "The body is not JSON", 429: "Too many requests; see Retry-After",
             503: "No usable index is loaded"}
    return {str(status): _json(_ref("Error"), words[status]) for status in statuses}


_NO_CONTROL = "^(?=.*\\S)[^\\x00-\\x1f\\x7f-\\x9f]+$"
_DAY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_AS_OF = ("The day the question is asked on (yyyy-mm-dd): articles published later are not searched (undated "
          "ones are) and time words such as \"this week\" or \"recently\" are read relative to it. "
          "Default: the newest article's date.")

_SOURCE = {
    "type": "object",
    "required": ["path", "title"],
    "properties": {
        "path": {"type": "string", "description": "Relative to the folder that was indexed."},
        "title": {"type": "string"},
        "outlet": {"type": ["string", "null"]},
        "published": {"type": ["string", "null"]},
    },
}

SCHEMAS = {
    "AskRequest": {
        "type": "object",
        "required": ["question"],
        "properties": {
            "question": {"type": "string", "minLength": 1, "maxLength": MAX_QUESTION_CHARS,
                         "pattern": QUESTION_PATTERN, "description": "Holds at least one letter or digit."},
            "top_k": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_TOP_K, "default": 5},
            "filters": {"oneOf": [_ref("Filters"), {"type": "null"}]},
            "as_of": {"type": ["string", "null"], "format": "date", "pattern": _DAY, "description": _AS_OF},
            "history": {
                "type": ["array", "null"], "maxItems": MAX_HISTORY_TURNS,
                "description": "Earlier turns of the conversation, oldest first.",
                "items": {"type": "object", "required": ["question"], "properties": {
                    "question": {"type": "string"},
                    "answer": {"description": "What it was answered: the text, null, or the reply's answer object.",
                               "oneOf": [{"type": ["string", "null"]},
                                         {"type": "object", "required": ["text"],
                                          "properties": {"text": {"type": "string"}}}]}}},
            },
        },
    },
    "Source": _SOURCE,
    "Filters": {
        "type": "object",
        "additionalProperties": False,
        "description": "Search only articles from these outlets and/or published in this range (inclusive).",
        "properties": {
            "outlet": {"oneOf": [{"type": "string", "pattern": "\\S"}, {"type": "null"},
                                 {"type": "array", "items": {"type": "string", "pattern": "\\S"}, "minItems": 1}]},
            "published_after": {"type": ["string", "null"], "format": "date"},
            "published_before": {"type": ["string", "null"], "format": "date"},
        },
    },
    "Quoted": {
        "allOf": [_ref("Source"), {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string", "description": "The sentence in that article."}}}],
    },
    "Answer": {
        "type": "object",
        "required": ["text", "source", "speaker", "corroboration", "confidence"],
        "properties": {
            "text": {"type": "string", "maxLength": 300, "description": "The answering sentence, verbatim."},
            "source": _ref("Source"),
            "speaker": {"type": ["string", "null"], "description": "Who says the answer, when it is a statement."},
            "corroboration": {"type": "array", "items": _ref("Quoted"),
                              "description": "Every other article that carries the same statement."},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "statements": {"type": "array", "items": _ref("Statement"), "maxItems": 10,
                           "description": "For a question asking what someone said about something: each of "
                                          "their statements on it across the index, oldest first."},
            "statements_more": {"type": "integer", "minimum": 0,
                                "description": "How many more statements there are than are listed."},
            "figures": {"type": "array", "description": "When articles give different figures for the number "
                                                        "asked, each one, oldest first (undated last).",
                        "items": {"allOf": [_ref("Quoted"), {"type": "object", "properties": {
                            "value": {"type": ["string", "null"]}}}]}},
        },
    },
    "Statement": {
        "type": "object",
        "required": ["text", "speaker", "source", "span", "corroboration"],
        "properties": {
            "text": {"type": "string", "description": "The sentence, verbatim."},
            "speaker": {"type": "string"},
            "source": _ref("Source"),
            "span": {"type": "array", "description": "Where the sentence lies in the article's text.",
                     "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
            "corroboration": {"type": "array", "items": _ref("Quoted"),
                              "description": "The other articles carrying the same words."},
        },
    },
    "Passage": {
        "type": "object",
        "required": ["rank", "text", "score", "source", "highlight"],
        "properties": {
            "rank": {"type": "integer", "minimum": 1},
            "text": {"type": "string"},
            "score": {"type": "number", "minimum": 0, "maximum": 1},
            "source": _ref("Source"),
            "highlight": {"type": "array", "description": "Spans of the answer inside this passage's text.",
                          "items": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}},
            "span": {"type": "array", "description": "Where this passage lies in the article's text.",
                     "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
            "also_carried_by": {"type": "array", "items": _ref("Source"),
                                "description": "Other articles carrying the same story, not shown again."},
        },
    },
    "AskReply": {
        "type": "object",
        "required": ["question", "answer", "passages", "took_ms"],
        "properties": {
            "question": {"type": "string"},
            "answer": {"oneOf": [_ref("Answer"), {"type": "null"}],
                       "description": "null when the articles do not answer the question."},
            "passages": {"type": "array", "items": _ref("Passage")},
            "took_ms": {"type": "number"},
            "understood_as": {"type": "string", "description": "A follow-up question completed from history."},
            "note": {"type": "string", "description": "Why there is nothing to show, such as "
                                                      "\"no article matches these filters\"."},
            "as_of": {"type": ["string", "null"], "format": "date",
                      "description": "The day the question was asked as of: the request's as_of, else the newest "
                                     "article's date; absent when neither is known."},
            "period": _ref("Period"),
        },
    },
    "Period": {
        "type": "object",
        "required": ["from", "to", "words", "filtered"],
        "description": "The days the question's time words name, read relative to as_of.",
        "properties": {
            "from": {"type": "string", "format": "date", "description": "First day, inclusive."},
            "to": {"type": "string", "format": "date", "description": "Last day, inclusive."},
            "words": {"type": "string", "description": "The time words read, such as \"this week\"."},
            "filtered": {"type": "boolean",
                         "description": "true: only articles of these days were searched (an explicit range "
                                        "such as \"this week\"); false: they were preferred (\"recently\", "
                                        "or a range whose days hold no matching article)."},
        },
    },
    "Health": {
        "type": "object",
        "required": ["status"],
        "properties": {
            "status": {"type": "string", "enum": ["ready", "unavailable"]},
            "model": {"type": "string"}, "articles": {"type": "integer"}, "chunks": {"type": "integer"},
            "built": {"type": ["string", "null"]}, "reason": {"type": "string"},
        },
    },
    "SourceList": {
        "type": "object",
        "required": ["sources"],
        "properties": {"sources": {"type": "array", "items": {"allOf": [_ref("Source"), {
            "type": "object", "properties": {"chunks": {"type": "integer"}}}]}}},
    },
    "Suggestions": {
        "type": "object",
        "required": ["suggestions"],
        "properties": {"suggestions": {
            "type": "array", "description": "Questions the loaded index answers, from its most-quoted speakers and "
                                            "most-covered topics.",
            "items": {"type": "object", "required": ["question"], "properties": {"question": {"type": "string"}}}}},
    },
    "Article": {
        "allOf": [_ref("Source"), {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"}, "url": {"type": ["string", "null"]}}}],
    },
    "Document": {
        "type": "object",
        "description": "An article: its text and title, or a saved web page (html) to extract them from.",
        "oneOf": [{"required": ["path", "title", "text"]},
                  {"required": ["path", "html"], "not": {"required": ["text"]}}],
        "properties": {"path": {"type": "string", "maxLength": 300, "pattern": _NO_CONTROL,
                                "description": "Not blank, no control characters."},
                       "title": {"type": "string", "pattern": "\\S"}, "text": {"type": "string", "pattern": "\\S"},
                       "html": {"type": "string", "pattern": "\\S", "description": "A saved web page."},
                       "url": {"type": "string"}, "outlet": {"type": "string"},
                       "published": {"type": "string", "format": "date"}},
    },
    "IndexChange": {
        "type": "object",
        "required": ["path", "articles", "chunks"],
        "properties": {"path": {"type": "string"}, "articles": {"type": "integer"}, "chunks": {"type": "integer"},
                       "embedded": {"type": "integer"}},
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "examples": ["bad_question", "bad_request", "not_found"]},
            "message": {"type": "string"}}}},
    },
}

_ASK_ERRORS = (400, 413, 415, 429, 503)
_WRITE_ERRORS = (400, 401, 403, 404, 413)


def spec() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "qa: answers from the news", "version": __version__,
                 "description": "Ask a question about the indexed articles; get the answering sentence, "
                                "its passages and sources."},
        "paths": {
            "/": {"get": {"summary": "The chat page", "operationId": "page",
                          "responses": {"200": {"description": "HTML",
                                                "content": {"text/html": {"schema": {"type": "string"}}}}}}},
            "/ask": {
                "get": {
                    "summary": "Answer a question", "operationId": "askGet",
                    "parameters": [
                        {"name": "q", "in": "query", "required": True,
                         "schema": {"type": "string", "minLength": 1, "maxLength": MAX_QUESTION_CHARS,
                                    "pattern": QUESTION_PATTERN}},
                        {"name": "top_k", "in": "query", "required": False,
                         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_TOP_K}},
                        {"name": "outlet", "in": "query", "required": False,
                         "schema": {"type": "string", "pattern": "\\S"}},
                        {"name": "published_after", "in": "query", "required": False,
                         "schema": {"type": "string", "format": "date"}},
                        {"name": "published_before", "in": "query", "required": False,
                         "schema": {"type": "string", "format": "date"}},
                        {"name": "as_of", "in": "query", "required": False, "description": _AS_OF,
                         "schema": {"type": "string", "format": "date", "pattern": _DAY}},
                    ],
                    "responses": {"200": _json(_ref("AskReply"), "The answer, or null, and passages"),
                                  **_errors(400, 429, 503)},
                },
                "post": {
                    "summary": "Answer a question, with the conversation so far", "operationId": "askPost",
                    "requestBody": {"required": True,
                                    "content": {"application/json": {"schema": _ref("AskRequest")}}},
                    "responses": {"200": _json(_ref("AskReply"), "The answer, or null, and passages"),
                                  **_errors(*_ASK_ERRORS)},
                },
            },
            "/health": {"get": {"summary": "Is an index loaded?", "operationId": "health",
                                "responses": {"200": _json(_ref("Health"), "Ready"),
                                              "503": _json(_ref("Health"), "No usable index; reason says why")}}},
            "/sources": {"get": {"summary": "The indexed articles", "operationId": "sources",
                                 "responses": {"200": _json(_ref("SourceList"), "Every article"),
                                               **_errors(503)}}},
            "/sources/{path}": {"get": {
                "summary": "One indexed article, whole", "operationId": "source",
                "parameters": [{"name": "path", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("Article"), "The article"), **_errors(404, 503)}}},
            "/suggestions": {"get": {"summary": "Questions to suggest for the loaded index",
                                     "operationId": "suggestions",
                                     "responses": {"200": _json(_ref("Suggestions"), "Answered questions"),
                                                   **_errors(503)}}},
            "/documents": {"post": {
                "summary": "Add or replace an article", "operationId": "addDocument", "security": [{"bearer": []}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("Document")}}},
                "responses": {"201": _json(_ref("IndexChange"), "Indexed and served"), **_errors(*_WRITE_ERRORS)}}},
            "/documents/{path}": {"delete": {
                "summary": "Remove an article", "operationId": "deleteDocument", "security": [{"bearer": []}],
                "parameters": [{"name": "path", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("IndexChange"), "Removed"), **_errors(401, 403, 404)}}},
            "/admin/reload": {"post": {
                "summary": "Load the index on disk now (it is also picked up by itself within a second)",
                "operationId": "reload", "security": [{"bearer": []}],
                "responses": {"200": _json(_ref("Health"), "Serving the index on disk"),
                              **_errors(401, 403, 404, 503)}}},
            "/openapi.json": {"get": {"summary": "This document", "operationId": "openapi",
                                      "responses": {"200": {"description": "OpenAPI 3.1",
                                                            "content": {"application/json": {}}}}}},
        },
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                      "description": "The server's QA_API_KEY"}}},
    }
