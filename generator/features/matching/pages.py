"""The 政策匹配 page, the funds' rules as JSON for it, and its script and style files."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

from generator.compile.actions import fund_actions
from generator.compile.render import render_html
from generator.content.index import ContentIndex, Item
from generator.features.feeds.calendar import calendar_links
from generator.features.matching.evaluate import VERDICT_LABELS
from generator.models.funds import Fund
from generator.models.instants import as_datetime_pair
from generator.models.rules import FIELD_LABELS, SIZE_LABELS, SIZES
from generator.output import OutputFile, Page
from generator.urls import DATA_DIR, MATCH_PATH, absolute, collection_path, item_path, relative_from

RULES_PATH = f"{DATA_DIR}fund-rules.json"
SCRIPT_PATH = "assets/qinqing/match.js"
STYLE_PATH = "assets/qinqing/match.css"
PAGE_SRC = f"{MATCH_PATH}index.md"  # served at /match/, like the other feature pages
PAGE_TITLE = "政策匹配"
NOT_LISTED = "（以上都不是）"
TEMPLATES = Path(__file__).parent / "templates"


def _static(name: str) -> bytes:
    return resources.files("generator.features.matching").joinpath("static", name).read_bytes()


def action_links(index: ContentIndex, item: Item, today: dt.date) -> dict:
    """The fund page's action-block links, site-relative (the page's script adds its root)."""
    actions = fund_actions(index, item, today, "", calendar_links(index, item))
    assert actions is not None
    return {
        "apply": actions.apply_url,
        "apply_note": actions.apply_note,
        "automatic": actions.automatic,
        "calendar": actions.calendar,
        "guide": list(actions.guide) if actions.guide else None,
        "downloads": [[d.name, d.href] for d in actions.downloads],
        "results": [list(r) for r in actions.results],
    }


def rules_data(index: ContentIndex, today: dt.date) -> dict:
    """What the page's script needs: each fund that is not withdrawn, its window and its rules."""
    site = index.site
    funds = []
    for item in sorted(index.collection("funds"), key=lambda i: i.id):
        fund = item.data
        if item.withdrawn or not isinstance(fund, Fund):
            continue
        opens, closes = as_datetime_pair(fund.opens, fund.closes, site.zone)
        status = index.status(item, today)
        assert status is not None
        funds.append(
            {
                "id": item.id,
                "title": item.title,
                "path": item_path(item),
                "url": absolute(site, item_path(item)),
                "opens": opens.isoformat(),
                "closes": closes.isoformat(),
                "status": status.code,
                "status_label": status.label,
                "actions": action_links(index, item, today),
                "conditions": [
                    {
                        "text": c.text,
                        "rule": c.rule.model_dump(mode="json") if c.rule else None,
                    }
                    for c in fund.eligibility
                ],
            }
        )
    return {
        "version": 1,
        "built": today.isoformat(),
        "timezone": site.timezone,
        "fields": FIELD_LABELS,
        "sizes": SIZE_LABELS,
        "verdicts": VERDICT_LABELS,
        "industries": {code: taxon.name for code, taxon in site.industries.items()},
        "funds": funds,
    }


def rules_file(index: ContentIndex, today: dt.date) -> OutputFile:
    """`data/fund-rules.json`, fetched by the 政策匹配 page."""
    text = json.dumps(rules_data(index, today), ensure_ascii=False, separators=(",", ":"))
    return OutputFile(RULES_PATH, (text + "\n").encode("utf-8"), "application/json")


rules_json = rules_file  # the name ARCHITECTURE.md gives it


def asset_files() -> list[OutputFile]:
    """The page's script (the browser evaluator and form logic) and its style sheet."""
    return [
        OutputFile(SCRIPT_PATH, _static("match.js"), "text/javascript"),
        OutputFile(STYLE_PATH, _static("match.css"), "text/css"),
    ]


def match_files(index: ContentIndex, today: dt.date) -> list[OutputFile]:
    return [rules_file(index, today), *asset_files()]


def _rule_values(index: ContentIndex, field: str) -> list[str]:
    """Every text a rule on `field` names, in first-seen order: the choices the form offers."""
    seen: dict[str, None] = {}
    for item in sorted(index.collection("funds"), key=lambda i: i.id):
        fund = item.data
        if item.withdrawn or not isinstance(fund, Fund):
            continue
        for condition in fund.eligibility:
            rule = condition.rule
            if rule is None or rule.field != field:
                continue
            for value in rule.value if isinstance(rule.value, list) else [rule.value]:
                seen.setdefault(value, None)
    return list(seen)


def match_page(index: ContentIndex, today: dt.date) -> Page:
    """政策匹配 at `/match/`: a form answered in the browser from `data/fund-rules.json`."""
    here = MATCH_PATH
    places = [(p, p) for p in _rule_values(index, "registered_in")]
    html = render_html(
        "page.html.j2",
        templates=TEMPLATES,
        today=today,
        style=relative_from(here, STYLE_PATH),
        script=relative_from(here, SCRIPT_PATH),
        rules=relative_from(here, RULES_PATH),
        root=relative_from(here, ""),
        funds_link=relative_from(here, collection_path("funds")),
        labels=FIELD_LABELS,
        places=[*places, (NOT_LISTED, "其他地区")],
        industries=[(code, taxon.name) for code, taxon in index.site.industries.items()],
        sizes=[(code, SIZE_LABELS[code]) for code in SIZES],
        qualifications=_rule_values(index, "qualifications"),
    )
    content = html + "\n"
    return Page(
        src_uri=PAGE_SRC,
        title=PAGE_TITLE,
        content=content,
        meta={
            "title": PAGE_TITLE,
            "description": "填写企业情况，查看可以申报的资金项目（在浏览器中判断，不上传信息）",
        },
        in_nav=True,
    )
