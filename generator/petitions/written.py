"""The checks on free text a person writes (a petition field, a staff reply, a published
answer, a template): control characters, length, presence, with one wording each, and
nothing more."""

from __future__ import annotations

from generator.petitions.characters import has_unsafe_characters
from generator.petitions.states import Refused


def text_problem(text: str, label: str, multiline: bool) -> str | None:
    """The message for free text holding control or bidi characters, else None."""
    if has_unsafe_characters(text, multiline):
        allowed = "（换行和制表符除外）" if multiline else ""
        return f"{label}含有不可见的控制字符或文字方向控制符{allowed}，请删除后重新提交"
    return None


def length_problem(text: str, label: str, limit: int) -> str | None:
    """The message for text longer than `limit` characters, else None."""
    if len(text) > limit:
        return f"{label}不能超过 {limit} 个字（现有 {len(text)} 个）"
    return None


def required_text(value: str, label: str, limit: int, multiline: bool) -> str:
    """`value` with line ends made LF and trimmed; Refused (Chinese) when empty, too long or
    holding control characters."""
    text = value.replace("\r\n", "\n").strip()
    if not text:
        raise Refused(f"请填写{label}")
    problem = length_problem(text, label, limit) or text_problem(text, label, multiline)
    if problem:
        raise Refused(problem)
    return text
