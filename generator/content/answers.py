"""Read the 答复选登 snapshot (content/answers.json) into validated answers, and nothing more.

The file is optional: without it the site publishes an empty 答复选登 page. JSON is YAML, so
the snapshot is read like site.yaml and its mistakes are reported at their line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.content.sources import read_yaml_mapping
from generator.content.validation import validate
from generator.models.answers import AnswersSnapshot, PublishedAnswer
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

ANSWERS_FILE = "answers.json"


def load_answers(
    content_dir: Path, rel: str, site: SiteConfig | None
) -> tuple[tuple[PublishedAnswer, ...], list[Problem]]:
    """The answers of `content_dir/answers.json` (`rel`: its path in messages) and the problems;
    codes are checked against `site` when it validated."""
    path = content_dir / ANSWERS_FILE
    if not path.exists() and not path.is_symlink():
        return (), []
    doc, problems = read_yaml_mapping(path, rel)
    if doc is None:
        return (), problems
    snapshot, found = validate(AnswersSnapshot, doc)
    problems += found
    if snapshot is None:
        return (), problems
    kept = []
    for n, answer in enumerate(snapshot.answers):
        unknown = [
            (key, code)
            for key, code, known in (
                ("category", answer.category, site.petitions.categories if site else None),
                ("department", answer.department, site.departments if site else None),
            )
            if known is not None and code not in known
        ]
        for key, code in unknown:
            pos = doc.positions.locate(("answers", n, key))
            problems.append(
                Problem(
                    rel,
                    pos.line,
                    pos.column,
                    "error",
                    "answer_unknown_code",
                    f"answers.{n}.{key}",
                    {"code": code},
                )
            )
        if not unknown:
            kept.append(answer)
    return tuple(kept), problems
