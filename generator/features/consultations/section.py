"""The section of a consultation's page after its draft text, and a policy's link back to it.

While the window is open: the ways to comment, the comment form (a plain HTML form posting
to the handler, so it works without JavaScript) and the number of comments received so far,
which a small script fetches from the handler (a number only, never their content). Once
closed: the 意见采纳情况 block when `feedback` is published.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

from markupsafe import Markup, escape

from generator import urls
from generator.compile import text
from generator.compile.items import SKIP_END, SKIP_START
from generator.content.index import ContentIndex, Item
from generator.markup.editor import render_editor_markdown
from generator.models.consultations import Consultation
from generator.models.policies import Policy
from generator.output import OutputFile
from generator.petitions import html

SCRIPT = "assets/qinqing/consultations.js"


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
    window = f"{text.chinese_date(data.opens)}至{text.chinese_date(data.closes)}"
    lines = ['<section class="qq-consultation" aria-labelledby="comment">']
    lines.append('<h2 id="comment">提出意见</h2>')
    if state == "upcoming":
        lines.append(f"<p>征求意见时间为{escape(window)}，届时可在本页在线提交意见。</p>")
    elif state == "open":
        lines.append(
            f"<p>征求意见时间为{escape(window)}。欢迎企业和社会各界通过以下表单或其他方式提出意见建议。</p>"
        )
        url = f"{html.api_base(index.site)}/consultations/{item.id}/comments/count"
        lines.append(
            f'<p class="qq-comment-count" data-qq-comment-count data-count-url="{escape(url)}" hidden></p>'
        )
        # The form is page furniture for search: left out of the copy Pagefind reads.
        form = html.comment_form(index.site, item.id)
        lines.append(
            f'{SKIP_START}<div class="qq-comment" data-pagefind-ignore>\n{form}\n</div>{SKIP_END}'
        )
        lines.append(f'<link rel="stylesheet" href="{root}assets/qinqing/petitions.css">')
        lines.append(f'<script src="{root}{SCRIPT}" defer></script>')
    elif state == "withdrawn":
        lines.append("<p>本征求意见已撤回，不再接收意见。</p>")
    else:
        lines.append(
            f"<p>本次征求意见已于{escape(text.chinese_date(data.closes))}截止，不再接收意见。</p>"
        )
    if data.ways:
        lines.append("<h3>其他反馈方式</h3>")
        lines.append("<ul>" + "".join(f"<li>{escape(w)}</li>" for w in data.ways) + "</ul>")
    lines.append("</section>")
    return html.block(lines)


def _feedback(feedback) -> str:
    figures = (
        ("收到意见", feedback.received),
        ("采纳", feedback.adopted),
        ("部分采纳", feedback.partly),
        ("未采纳", feedback.declined),
    )
    cells = "".join(f"<div><dt>{label}</dt><dd>{n} 条</dd></div>" for label, n in figures)
    head = html.block(
        [
            '<section class="qq-feedback" aria-labelledby="feedback">',
            '<h2 id="feedback">意见采纳情况</h2>',
            f"<p>反馈日期：{escape(text.chinese_date(feedback.date))}</p>",
            f'<dl class="qq-facts qq-feedback__counts">{cells}</dl>',
        ]
    )
    body = render_editor_markdown(feedback.text).html
    return f"{head}\n{body}\n</section>"


def policy_section(index: ContentIndex, item: Item, today: dt.date) -> str:
    """本文件征求意见情况: the consultations whose draft became this policy."""
    shown = [c for c in index.consultations_of(item.id) if c.published <= today]
    if not shown:
        return ""
    root = urls.relative_from(urls.item_path(item), "")
    lines = ['<section class="qq-consulted" aria-labelledby="consulted">']
    lines.append('<h2 id="consulted">本文件征求意见情况</h2>')
    for consultation in shown:
        data: Consultation = consultation.data
        href = escape(root + urls.item_path(consultation))
        window = f"{text.chinese_date(data.opens)}至{text.chinese_date(data.closes)}"
        summary = f"草案于{window}公开征求意见"
        if data.feedback is not None and data.feedback.date <= today:
            f = data.feedback
            summary += f"，收到意见 {f.received} 条，采纳 {f.adopted} 条、部分采纳 {f.partly} 条、未采纳 {f.declined} 条"
        lines.append(
            f"<p>{escape(summary)}。"
            + str(Markup('<a href="{}">查看征求意见稿和意见采纳情况</a>').format(href))
            + "</p>"
        )
    lines.append("</section>")
    return html.block(lines)
