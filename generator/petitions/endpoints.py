"""The petition API's endpoints, one table that the handler and the OpenAPI builder both read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Endpoint:
    """One path: its method (OPTIONS is always allowed too), the handler's method name on
    `PetitionApp`, and its OpenAPI summary and operation id."""

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
)
BY_PATH: dict[str, Endpoint] = {endpoint.path: endpoint for endpoint in ENDPOINTS}
