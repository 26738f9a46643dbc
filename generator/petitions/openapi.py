"""The OpenAPI 3.1 document of the petition API, built from the same field rules the handler uses.

`python -m generator.petitions.openapi > schemas/petitions.openapi.json` regenerates the file;
a test fails when it is stale.
"""

from __future__ import annotations

import json
from typing import Any

from generator.petitions.endpoints import ENDPOINTS
from generator.petitions.states import RATINGS, ROUTES, STATUS_LABELS
from generator.petitions.validation import EMAIL, FieldRule, field_rules


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }


RETRY = {"Retry-After": {"description": "秒数", "schema": {"type": "integer"}}}
COMMON_ERRORS = {
    "400": _error(
        "无法解析：JSON 或 UTF-8 错误（含过长的数字、单独的代理项、过深的嵌套），Content-Length 无效，或请求路径无效"
    ),
    "403": _error("来源不被允许（Origin / Sec-Fetch-Site）"),
    "411": _error("缺少 Content-Length"),
    "413": _error("请求内容超过 64 KB"),
    "415": _error("Content-Type 不是 application/json 或表单"),
    "422": _error("字段错误，逐项说明"),
    "429": {**_error("频率限制；见 Retry-After"), "headers": RETRY},
    "503": _error("存储暂时不可用"),
}


def _field_schema(rule: FieldRule, categories: list[str]) -> dict[str, Any]:
    if rule.kind == "bool":
        schema: dict[str, Any] = {"type": "boolean"}
    elif rule.kind == "choice":
        schema = {"type": "string", "enum": categories}
    else:
        schema = {"type": ["string", "null"] if not rule.required else "string"}
        if rule.max_length:
            schema["maxLength"] = rule.max_length
        if rule.pattern:
            schema["pattern"] = rule.pattern
        if rule.name == "email":
            schema["pattern"] = EMAIL
    if rule.name == "consent":
        schema["const"] = True
    description = rule.label + (f"；{rule.hint}" if rule.hint else "")
    if rule.needs_identity:
        description += "（匿名提交时可不填）"
    return {**schema, "description": description}


def _json_body(ref: str) -> dict[str, Any]:
    return {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": ref}},
            "application/x-www-form-urlencoded": {"schema": {"$ref": ref}},
        },
    }


CONSULTATION_PARAMETER = {
    "name": "consultation",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$"},
    "description": "意见征集的 id（content/consultations/<id>.md）",
}


def _comment_schemas() -> dict[str, Any]:
    """A comment, its receipt and the public count (generator/petitions/comments.py)."""
    from generator.petitions.comments import comment_rules

    rules = comment_rules()
    properties = {r.name: _field_schema(r, []) for r in rules}
    properties["consent"] = {"type": "boolean", "description": "填写联系方式时须为 true"}
    return {
        "Comment": {
            "type": "object",
            "additionalProperties": False,
            "required": [r.name for r in rules if r.required],
            "properties": properties
            | {"website": {"type": "string", "maxLength": 0, "description": "蜜罐字段，必须留空"}},
        },
        "CommentReceipt": {
            "type": "object",
            "required": ["number", "consultation", "title", "received_at", "closes"],
            "properties": {
                "number": {"type": "string", "pattern": "^YJ[0-9]{8}-[2-9A-HJ-NP-Z]{5}$"},
                "consultation": {"type": "string"},
                "title": {"type": "string"},
                "received_at": {"type": "string", "format": "date-time"},
                "closes": {"type": "string", "format": "date"},
            },
        },
        "CommentCount": {
            "type": "object",
            "required": ["consultation", "received", "state"],
            "properties": {
                "consultation": {"type": "string"},
                "received": {"type": "integer", "minimum": 0},
                "state": {"type": "string", "enum": ["upcoming", "open", "closed"]},
            },
        },
    }


def _comment_operations() -> dict[str, dict[str, Any]]:
    unknown = _error("没有这个意见征集，或它不接收网上意见")
    return {
        "commentOnConsultation": {
            "description": "征求意见期间（开始日 0 时至截止日 24 时，站点时区）接收意见；不逐条答复。",
            "parameters": [CONSULTATION_PARAMETER],
            "requestBody": _json_body("#/components/schemas/Comment"),
            "responses": {
                "201": {
                    "description": "已收到（回执不含意见内容和联系方式）",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/CommentReceipt"}
                        }
                    },
                },
                "404": unknown,
                "409": _error("征求意见尚未开始或已截止"),
                **COMMON_ERRORS,
            },
        },
        "consultationCommentCount": {
            "parameters": [CONSULTATION_PARAMETER],
            "responses": {
                "200": {
                    "description": "已收到的意见数",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/CommentCount"}
                        }
                    },
                },
                "404": unknown,
            },
        },
    }


def build_openapi() -> dict[str, Any]:
    """The document for the default petition settings (field limits are per site)."""
    from generator.models.site import PetitionSettings

    settings = PetitionSettings()
    rules = field_rules(settings)
    categories = list(settings.categories)
    submission = {
        "type": "object",
        "additionalProperties": False,
        "required": [r.name for r in rules if r.required and not r.needs_identity],
        "properties": {r.name: _field_schema(r, categories) for r in rules}
        | {"website": {"type": "string", "maxLength": 0, "description": "蜜罐字段，必须留空"}},
    }
    credentials = {
        "receipt": {"type": "string", "maxLength": 40, "examples": ["20261126-K7Q2M"]},
        "code": {"type": "string", "maxLength": 40, "description": "8 位查询码"},
    }
    view = {
        "type": "object",
        "required": ["receipt", "category", "status", "received_at", "due", "timeline", "reply"],
        "properties": {
            "receipt": {"type": "string"},
            "category": {"type": "string", "enum": categories},
            "category_name": {"type": "string"},
            "subject": {"type": "string"},
            "status": {"type": "string", "enum": list(STATUS_LABELS)},
            "status_label": {"type": "string"},
            "received_at": {"type": "string", "format": "date-time"},
            "due": {"type": ["string", "null"], "format": "date"},
            "due_provisional": {"type": "boolean"},
            "overdue": {"type": "boolean"},
            "timeline": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["at", "status", "note"],
                    "properties": {
                        "at": {"type": "string", "format": "date-time"},
                        "status": {"type": "string"},
                        "note": {"type": "string"},
                    },
                },
            },
            "reply": {"type": ["string", "null"]},
            "rating": {"type": ["string", "null"], "enum": [*RATINGS, None]},
            "can_rate": {"type": "boolean"},
        },
    }
    figures = {
        "received": {"type": "integer"},
        "finished": {"type": "integer"},
        "on_time_percent": {"type": ["number", "null"]},
        "median_workdays": {"type": ["number", "null"]},
        "satisfied_percent": {"type": ["number", "null"]},
        "satisfaction": {"type": "object", "additionalProperties": {"type": "integer"}},
    }
    ok_view = {
        "description": "办理情况",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LookupView"}}},
    }
    not_found = _error("受理编号或查询码不正确（两者无法区分）")
    # What each endpoint (generator/petitions/endpoints.py) takes and answers.
    operations: dict[str, dict[str, Any]] = {
        "submitPetition": {
            "parameters": [
                {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string", "maxLength": 200},
                    "description": "重试时带同一个键：同样内容返回第一次的回执；不同内容返回 422",
                },
            ],  # fmt: skip
            "requestBody": _json_body("#/components/schemas/Submission"),
            "responses": {
                "201": {
                    "description": "已接收",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}
                    },
                },
                **COMMON_ERRORS,
            },
        },
        "lookupPetition": {
            "requestBody": _json_body("#/components/schemas/Credentials"),
            "responses": {"200": ok_view, "404": not_found, **COMMON_ERRORS},
        },
        "ratePetition": {
            "requestBody": _json_body("#/components/schemas/Rating"),
            "responses": {
                "200": ok_view,
                "404": not_found,
                "409": _error("尚未办结或已评价"),
                **COMMON_ERRORS,
            },
        },
        "petitionStats": {
            "responses": {
                "200": {
                    "description": "统计",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}
                    },
                }
            },
        },
        "health": {
            "responses": {"200": {"description": "正常"}, "503": _error("存储不可用")},
        },
        **_comment_operations(),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "亲清 企业诉求接口",
            "version": "1",
            "description": "提交、查询、评价企业诉求，公开的办理统计，以及对征求意见稿提出意见。办理方式："
            + "、".join(f"{k} {v}" for k, v in ROUTES.items()),
        },
        "paths": {
            endpoint.path: {
                endpoint.method.lower(): {
                    "summary": endpoint.summary,
                    "operationId": endpoint.operation_id,
                    **operations[endpoint.operation_id],
                }
            }
            for endpoint in ENDPOINTS
        },
        "components": {
            "schemas": {
                "Submission": submission,
                "Receipt": {
                    "type": "object",
                    "required": ["receipt", "code", "received_at", "acknowledge_by"],
                    "properties": {
                        "receipt": {"type": "string", "pattern": "^[0-9]{8}-[2-9A-HJ-NP-Z]{5}$"},
                        "code": {
                            "type": "string",
                            "pattern": "^[2-9A-HJ-NP-Z]{8}$",
                            "description": "只返回这一次",
                        },
                        "received_at": {"type": "string", "format": "date-time"},
                        "acknowledge_by": {"type": "string", "format": "date"},
                        "provisional": {
                            "type": "boolean",
                            "description": "节假日数据缺失时为暂定日期",
                        },
                    },
                },
                "Credentials": {
                    "type": "object",
                    "required": ["receipt", "code"],
                    "properties": credentials,
                },
                "Rating": {
                    "type": "object",
                    "required": ["receipt", "code", "rating"],
                    "properties": credentials
                    | {
                        "rating": {
                            "type": "string",
                            "enum": list(RATINGS),
                            "description": "、".join(RATINGS.values()),
                        },
                        "comment": {"type": "string", "maxLength": 500},
                    },
                },
                "LookupView": view,
                **_comment_schemas(),
                "Stats": {
                    "type": "object",
                    "properties": {
                        "generated_at": {"type": "string", "format": "date-time"},
                        **figures,
                        "by_category": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "category": {"type": "string"},
                                    "name": {"type": "string"},
                                    **figures,
                                },
                            },
                        },
                        "by_month": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {"month": {"type": "string"}, **figures},
                            },
                        },
                    },
                },
                "Errors": {
                    "type": "object",
                    "required": ["errors"],
                    "properties": {
                        "errors": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["field", "message"],
                                "properties": {
                                    "field": {"type": "string"},
                                    "message": {"type": "string"},
                                },
                            },
                        }
                    },
                },
            }
        },
    }


def render_openapi() -> str:
    return json.dumps(build_openapi(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(render_openapi(), end="")
