"""The petition API's endpoints, one table that the handler and the OpenAPI builder both read."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Endpoint:
    """One path: its method (OPTIONS is always allowed too), the handler's method name on
    `PetitionApp`, and its OpenAPI summary and operation id. A `{name}` segment of the path
    is a parameter, passed to the handler by name."""

    path: str
    method: str
    handler: str
    summary: str
    operation_id: str

    @property
    def allowed(self) -> str:
        """The `Allow` header's value."""
        return f"{self.method}, OPTIONS"


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("/api/petitions", "POST", "submit", "提交诉求", "submitPetition"),
    Endpoint("/api/petitions/lookup", "POST", "lookup", "查询办理情况", "lookupPetition"),
    Endpoint("/api/petitions/rate", "POST", "rate", "办结后评价", "ratePetition"),
    Endpoint("/api/stats", "GET", "stats", "办理统计（不含个人信息）", "petitionStats"),
    Endpoint("/api/health", "GET", "health", "存活与存储检查", "health"),
    Endpoint(
        "/api/consultations/{consultation}/comments",
        "POST",
        "comment",
        "对征求意见稿提出意见",
        "commentOnConsultation",
    ),
    Endpoint(
        "/api/consultations/{consultation}/comments/count",
        "GET",
        "comment_count",
        "已收到的意见数（不含内容）",
        "consultationCommentCount",
    ),
)
BY_PATH: dict[str, Endpoint] = {e.path: e for e in ENDPOINTS if "{" not in e.path}
# A parameter is one path segment shaped like a content id (so never "..", "/" or text).
_PARAMETER = re.compile(r"\{(\w+)\}")
PATTERNS: tuple[tuple[re.Pattern[str], Endpoint], ...] = tuple(
    (re.compile("^" + _PARAMETER.sub(r"(?P<\1>[a-z0-9][a-z0-9-]{1,78}[a-z0-9])", e.path) + "$"), e)
    for e in ENDPOINTS
    if "{" in e.path
)


def find(route: str) -> tuple[Endpoint, dict[str, str]] | None:
    """The endpoint serving `route` and its path parameters, or None."""
    endpoint = BY_PATH.get(route)
    if endpoint is not None:
        return endpoint, {}
    for pattern, templated in PATTERNS:
        match = pattern.match(route)
        if match:
            return templated, match.groupdict()
    return None
