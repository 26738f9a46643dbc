"""The closed rule language of fund eligibility: which fields exist and which operators fit each."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict

RuleField = Literal[
    "registered_in",
    "industry",
    "size",
    "annual_revenue",
    "employees",
    "rd_ratio",
    "qualifications",
    "years_established",
]
RuleOp = Literal["in", "not_in", ">=", "<=", "has"]
OP_LABELS = {"in": "属于", "not_in": "不属于", ">=": "不小于", "<=": "不大于", "has": "具有"}

SIZES = ("micro", "small", "medium", "large")
NUMERIC_FIELDS = frozenset({"annual_revenue", "employees", "rd_ratio", "years_established"})
LIST_FIELDS = frozenset({"registered_in", "industry", "size"})
SET_FIELDS = frozenset({"qualifications"})

# field -> operators that make sense for it.
OPERATORS: dict[str, tuple[str, ...]] = {
    **{f: ("in", "not_in") for f in LIST_FIELDS},
    **{f: (">=", "<=") for f in NUMERIC_FIELDS},
    "qualifications": ("has", "in", "not_in"),
}

FIELD_LABELS = {
    "registered_in": "注册地",
    "industry": "所属行业",
    "size": "企业规模",
    "annual_revenue": "年营业收入（元）",
    "employees": "从业人数",
    "rd_ratio": "研发投入占营收比例（%）",
    "qualifications": "资质",
    "years_established": "成立年限",
}
SIZE_LABELS = {"micro": "微型", "small": "小型", "medium": "中型", "large": "大型"}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


class Rule(Strict):
    """机器规则: `{field, op, value}` checked against an enterprise profile."""

    field: RuleField = Field(..., title="字段", description="企业画像字段，如 size、annual_revenue")
    op: RuleOp = Field(
        ..., title="运算", description="in / not_in / >= / <= / has，须与字段类型相符"
    )
    value: Any = Field(
        ..., title="取值", description="列表（in、not_in）、数字（>=、<=）或文本（has）"
    )

    @field_validator("op")
    @classmethod
    def _op_fits_field(cls, op: str, info) -> str:
        field = info.data.get("field")
        if field is not None and op not in OPERATORS[field]:
            raise PydanticCustomError(
                "qq_rule_op",
                "operator {op} does not fit field {field} (use {allowed})",
                {
                    "op": op,
                    "field": field,
                    "allowed": " ".join(OPERATORS[field]),
                    "allowed_zh": "、".join(f"{o}（{OP_LABELS[o]}）" for o in OPERATORS[field]),
                },
            )
        return op

    @field_validator("value")
    @classmethod
    def _value_fits(cls, value: Any, info) -> Any:
        field, op = info.data.get("field"), info.data.get("op")
        if field is None or op is None:
            return value
        if op in ("in", "not_in") and isinstance(value, list):
            # Region and industry codes are often digits, written without quotes.
            value = [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
        if op in (">=", "<="):
            ok, expected = _is_number(value) and value >= 0, "number"
        elif op == "has":
            ok, expected = isinstance(value, str) and bool(value), "text"
        else:
            ok, expected = _is_text_list(value), "list"
            if ok and field == "size":
                ok, expected = all(v in SIZES for v in value), "sizes"
        if not ok:
            raise PydanticCustomError(
                f"qq_rule_value_{expected}",
                "value {value!r} does not fit {field} {op}",
                {"value": value, "field": field, "op": op},
            )
        return value
