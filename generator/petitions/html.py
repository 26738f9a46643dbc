"""HTML fragments of the petition pages, shared by the static pages and the handler's answers.

The markup lives in templates/*.html.j2, rendered with autoescape so every value is escaped
once. Every fragment is one block without blank lines, so Markdown (md_in_html) passes it
through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from markupsafe import Markup, escape

from generator.petitions.chinese import chinese_date, chinese_time
from generator.petitions.states import RATINGS
from generator.petitions.validation import field_rules
from generator.templating import html_environment

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

Errors = Sequence[tuple[str, str]]
TEMPLATES = Path(__file__).parent / "templates"


def _newlines_as_entities(value: Any) -> Markup:
    # Hack: a blank line in a textarea's value would end the Markdown HTML block.
    return Markup(str(escape(_text(value))).replace("\n", "&#10;"))


def _newlines_as_breaks(value: Any) -> Markup:
    return Markup(str(escape(_text(value))).replace("\n", "<br>"))


def _text(value: Any) -> Any:
    return "" if value is None else value


@cache
def environment() -> Environment:
    """The petitions' own templates, with the settings every page we write has."""
    # An absent value prints as nothing, not "None".
    env = html_environment(TEMPLATES, keep_trailing_newline=True, finalize=_text)
    env.filters.update(
        newlines_as_entities=_newlines_as_entities,
        newlines_as_breaks=_newlines_as_breaks,
        chinese_date=chinese_date,
        chinese_time=chinese_time,
    )
    env.globals["ratings"] = RATINGS
    return env


def render(template: str, **context: Any) -> str:
    """`template` rendered as it is (a whole page)."""
    return environment().get_template(template).render(**context)


def render_block(template: str, **context: Any) -> str:
    """`template` rendered as one HTML block for a Markdown page."""
    return block([render(template, **context)])


def api_base(site: SiteConfig) -> str:
    """The API prefix (`/api`) derived from the petitions endpoint."""
    endpoint = site.petitions.endpoint.rstrip("/")
    return endpoint[: -len("/petitions")] if endpoint.endswith("/petitions") else endpoint


def block(parts: Sequence[str]) -> str:
    """Join lines into one HTML block: no blank line inside, so Markdown keeps it whole."""
    return "\n".join(line for part in parts for line in part.split("\n") if line.strip())


def petition_form(
    site: SiteConfig,
    values: Mapping[str, Any] | None = None,
    errors: Errors = (),
    lookup_href: str = "lookup/",
) -> str:
    """The submission form: categories, fields, the notice to accept, a honeypot."""
    return render_block(
        "petition_form.html.j2",
        site=site,
        values=values or {},
        errors=errors,
        messages=dict(reversed(errors)),  # a field's first message wins
        rules={r.name: r for r in field_rules(site.petitions)},
        lookup_href=lookup_href,
    )


def comment_action(site: SiteConfig, consultation: str) -> str:
    """Where a consultation's comment form posts."""
    return f"{api_base(site)}/consultations/{consultation}/comments"


def comment_form(
    site: SiteConfig,
    consultation: str,
    values: Mapping[str, Any] | None = None,
    errors: Errors = (),
) -> Markup:
    """The comment form of a consultation: clause, text, optional enterprise and contact
    (Markup, so the consultation page's template shows it as it is)."""
    from generator.petitions.comments import comment_rules

    return Markup(
        render_block(
            "comment_form.html.j2",
            site=site,
            action=comment_action(site, consultation),
            values=values or {},
            errors=errors,
            messages=dict(reversed(errors)),
            rules={r.name: r for r in comment_rules()},
        )
    )


def comment_receipt(answer: Mapping[str, Any], back_href: str) -> str:
    return render_block("comment_receipt.html.j2", answer=answer, back_href=back_href)


def receipt_panel(answer: Mapping[str, Any], lookup_href: str) -> str:
    """The receipt and the query code, shown once, with the warning to keep the code."""
    return render_block("receipt.html.j2", answer=answer, lookup_href=lookup_href)


def lookup_form(
    site: SiteConfig, values: Mapping[str, Any] | None = None, errors: Errors = ()
) -> str:
    return render_block(
        "lookup_form.html.j2", site=site, values=values or {}, errors=errors, messages=dict(errors)
    )


def lookup_result(view: Mapping[str, Any], site: SiteConfig, code: str = "") -> str:
    """Status, due date, timeline, reply, and the rating form once closed."""
    return render_block(
        "lookup_result.html.j2", view=view, site=site, receipt=view["receipt"], code=code
    )


def rating_form(site: SiteConfig, receipt: str, code: str) -> str:
    return render_block("rating_form.html.j2", site=site, receipt=receipt, code=code)


def _base(site: SiteConfig) -> str:
    return str(site.base_url).rstrip("/")


def document(site: SiteConfig, title: str, body: str) -> str:
    """A small standalone page for the handler's answers to plain (JavaScript-off) form posts.

    `body` is a fragment of this module, already escaped.
    """
    return render("document.html.j2", site=site, base=_base(site), title=title, body=Markup(body))


def message_page(
    site: SiteConfig,
    title: str,
    message: str,
    back_href: str | None = None,
    back_label: str = "返回诉求表单",
) -> str:
    """A page saying `message`, with a link back (the petition form unless told)."""
    return render(
        "message.html.j2",
        site=site,
        base=_base(site),
        title=title,
        message=message,
        back_href=back_href or f"{_base(site)}/petitions/",
        back_label=back_label,
    )
