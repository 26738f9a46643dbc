"""The section of a consultation's page after its draft text, and a policy's link back to it.

While the window is open: the ways to comment, the comment form (a plain HTML form posting
to the handler, so it works without JavaScript) and the number of comments received so far,
which a small script fetches from the handler (a number only, never their content). Once
closed: the 意见采纳情况 block when `feedback` is published. The HTML comes from the
autoescaping templates beside this module.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from generator import urls
from generator.compile import text
from generator.compile.items import SKIP_END, SKIP_START
from generator.compile.render import environment
from generator.content.index import ContentIndex, Item
from generator.markup.editor import render_editor_markdown
from generator.models.consultations import Consultation, Feedback
from generator.models.policies import Policy
from generator.output import OutputFile
from generator.petitions import html

SCRIPT = "assets/qinqing/consultations.js"
TEMPLATES = Path(__file__).parent / "templates"


def _render(template: str, **context) -> str:
    # Not squeezed (render_html): the feedback's Markdown may hold a <pre> block.
    return environment(TEMPLATES).get_template(template).render(**context)


def count_script() -> list[OutputFile]:
    source = resources.files("generator.features.consultations") / "consultations.js"
    return [OutputFile(SCRIPT, source.read_bytes(), "text/javascript")]


def item_section(index: ContentIndex, item: Item, today: dt.date) -> str:
    data = item.data
    if isinstance(data, Consultation):
        return consultation_section(index, item, today)
    if isinstance(data, Policy):
        return policy_section(index, item, today)
    return ""


def _markdown(heading: str, anchor: str, body: str) -> str:
    return render_editor_markdown(f"## {heading} {{#{anchor}}}\n\n{body.strip()}").html


def consultation_section(index: ContentIndex, item: Item, today: dt.date) -> str:
    data: Consultation = item.data
    root = urls.relative_from(urls.item_path(item), "")
    status = index.status(item, today)
    parts: list[str] = []
    if data.explanation:
        parts.append(_markdown("起草说明", "explanation", data.explanation))
    state = status.code if status and not item.withdrawn else "withdrawn"
    parts.append(_ways(index, item, state, root))
    feedback = data.feedback
    if feedback is not None and feedback.date <= today:
        parts.append(_feedback(feedback))
    return "\n".join(p for p in parts if p)


def _ways(index: ContentIndex, item: Item, state: str, root: str) -> str:
    data: Consultation = item.data
    form = ""
    if state == "open":
        form = html.comment_form(index.site, item.id)
    return html.block(
        [
            _render(
                "ways.html.j2",
                state=state,
                data=data,
                window=f"{text.chinese_date(data.opens)}至{text.chinese_date(data.closes)}",
                count_url=f"{html.api_base(index.site)}/consultations/{item.id}/comments/count",
                form=form,
                skip_start=Markup(SKIP_START),
                skip_end=Markup(SKIP_END),
                root=root,
                script=SCRIPT,
            )
        ]
    )


def _feedback(feedback: Feedback) -> str:
    figures = (
        ("收到意见", feedback.received),
        ("采纳", feedback.adopted),
        ("部分采纳", feedback.partly),
        ("未采纳", feedback.declined),
    )
    body = Markup(render_editor_markdown(feedback.text).html)
    return _render("feedback.html.j2", feedback=feedback, figures=figures, body=body)


def policy_section(index: ContentIndex, item: Item, today: dt.date) -> str:
    """本文件征求意见情况: the consultations whose draft became this policy."""
    shown = [c for c in index.consultations_of(item.id) if c.published <= today]
    if not shown:
        return ""
    root = urls.relative_from(urls.item_path(item), "")
    entries = []
    for consultation in shown:
        data: Consultation = consultation.data
        answered = data.feedback is not None and data.feedback.date <= today
        entries.append((root + urls.item_path(consultation), data, answered))
    return _render("consulted.html.j2", entries=entries)
