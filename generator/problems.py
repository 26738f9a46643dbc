"""Problems found in content: values until the edge, sorted, and formatted for people or tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.messages import render_message

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where (path relative to the content's parent, 1-based line and column), what, how bad."""

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    code: str = field(compare=True)
    key: str = field(default="", compare=True)
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def message(self, lang: str = "zh") -> str:
        return render_message(self.code, self.params, lang)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    unique: dict[tuple, Problem] = {}
    for p in problems:
        unique.setdefault(
            (p.path, p.line, p.column, p.code, p.key, repr(sorted(p.params.items()))), p
        )
    return sorted(unique.values())


_SEVERITY_WORD = {
    "zh": {"error": "错误", "warning": "警告"},
    "en": {"error": "error", "warning": "warning"},
}


def format_text(problems: list[Problem], lang: str = "zh") -> str:
    lines = []
    for p in problems:
        key = f" [{p.key}]" if p.key else ""
        lines.append(f"{p.path}:{p.line}:{p.column}: {p.severity}: {p.message(lang)}{key}")
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if lang == "zh":
        lines.append(
            f"共 {errors} 个错误，{warnings} 个警告。" if problems else "检查通过：没有发现问题。"
        )
    else:
        lines.append(
            f"{errors} error(s), {warnings} warning(s)." if problems else "No problems found."
        )
    return "\n".join(lines)


def format_json(problems: list[Problem], lang: str = "zh") -> str:
    return json.dumps(
        [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "code": p.code,
                "key": p.key,
                "message": p.message(lang),
            }
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )


def _escape_github(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: list[Problem], lang: str = "zh") -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`."""
    lines = []
    for p in problems:
        title = _escape_github(p.key or p.code, property_value=True)
        path = _escape_github(p.path, property_value=True)
        lines.append(
            f"::{p.severity} file={path},line={p.line},col={p.column},title={title}::"
            f"{_escape_github(p.message(lang))}"
        )
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}


def format_problems(problems: list[Problem], fmt: str = "text", lang: str = "zh") -> str:
    return FORMATTERS[fmt](problems, lang)
