"""The 政策匹配 page, the funds' rules as JSON for it, and its script and style files."""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from importlib import resources

from generator.compile.actions import fund_actions
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


def _hint(field: str, text: str) -> str:
    return f'<p class="qq-match__hint" id="qq-hint-{field}">{escape(text)}</p>'


def _select(field: str, label: str, options: list[tuple[str, str]], hint: str) -> str:
    rows = "".join(
        f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options
    )
    return (
        f'<div class="qq-match__field"><label for="qq-{field}">{escape(label)}</label>'
        f"{_hint(field, hint)}"
        f'<select id="qq-{field}" name="{field}" aria-describedby="qq-hint-{field}">'
        f'<option value="">不填写</option>{rows}</select></div>'
    )


def _number(field: str, label: str, hint: str, step: str = "any", maximum: str = "") -> str:
    limit = f' max="{maximum}"' if maximum else ""
    return (
        f'<div class="qq-match__field"><label for="qq-{field}">{escape(label)}</label>'
        f"{_hint(field, hint)}"
        f'<input id="qq-{field}" name="{field}" type="number" min="0"{limit} step="{step}" '
        f'inputmode="decimal" aria-describedby="qq-hint-{field}"></div>'
    )


def _qualifications(values: list[str]) -> str:
    boxes = "".join(
        f'<li><label><input type="checkbox" name="qualifications" value="{escape(v)}"> '
        f"{escape(v)}</label></li>"
        for v in values
    )
    boxes += (
        '<li><label><input type="checkbox" name="qualifications_none" value="1"> '
        "以上资质都没有</label></li>"
    )
    return (
        '<fieldset class="qq-match__field"><legend>资质</legend>'
        '<p class="qq-match__hint">勾选本企业持有的资质。一项都不勾选时，涉及资质的条件显示为“需进一步确认”。</p>'
        f'<ul class="qq-match__choices">{boxes}</ul></fieldset>'
    )


def _form(index: ContentIndex) -> str:
    site = index.site
    places = [(p, p) for p in _rule_values(index, "registered_in")]
    industries = [(code, taxon.name) for code, taxon in site.industries.items()]
    sizes = [(code, SIZE_LABELS[code]) for code in SIZES]
    parts = [
        "<fieldset><legend>企业基本情况</legend>",
        _select(
            "registered_in",
            FIELD_LABELS["registered_in"],
            [*places, (NOT_LISTED, "其他地区")],
            "企业工商注册所在地。",
        ),
        _select("industry", FIELD_LABELS["industry"], industries, "按主营业务选择。"),
        _select("size", FIELD_LABELS["size"], sizes, "按国家中小企业划型标准。"),
        _number(
            "years_established", FIELD_LABELS["years_established"], "自成立至今的整年数，如 5。"
        ),
        "</fieldset>",
        "<fieldset><legend>经营数据（上一年度）</legend>",
        _number("annual_revenue", "年营业收入（万元）", "单位为万元，如 2000 万元填 2000。"),
        _number("employees", FIELD_LABELS["employees"], "年末从业人员数，如 120。", step="1"),
        _number(
            "rd_ratio",
            FIELD_LABELS["rd_ratio"],
            "研发费用除以营业收入，如 3.5 表示 3.5%。",
            maximum="100",
        ),
        "</fieldset>",
        _qualifications(_rule_values(index, "qualifications")),
        '<div class="qq-match__field"><label class="qq-match__remember">'
        '<input type="checkbox" name="remember" id="qq-remember"> 在本浏览器中记住我填写的信息</label>'
        '<p class="qq-match__hint">只保存在您自己的浏览器里；取消勾选即删除。</p></div>',
        '<div class="qq-match__actions"><button type="submit" class="qq-button">查看匹配结果</button> '
        '<button type="reset" class="qq-button qq-button--secondary">清空</button></div>',
    ]
    return "".join(parts)


def match_page(index: ContentIndex, today: dt.date) -> Page:
    """政策匹配 at `/match/`: a form answered in the browser from `data/fund-rules.json`."""
    here = MATCH_PATH
    funds_link = relative_from(here, collection_path("funds"))
    content = (
        '<div class="qq-match">'
        f'<link rel="stylesheet" href="{relative_from(here, STYLE_PATH)}">'
        "<p>填写企业的基本情况，即可查看哪些资金项目的申报条件与您相符。所有字段都可以不填；"
        "判断只在您的浏览器中进行，填写的信息不会发送到任何地方。</p>"
        "<p>结果仅供参考，是否符合条件以申报通知原文和主管部门审核为准。"
        f"资金项目信息截至 {today.year} 年 {today.month} 月 {today.day} 日。</p>"
        '<noscript><p class="qq-match__noscript">政策匹配需要在浏览器中启用 JavaScript。'
        f'您也可以直接查看<a href="{funds_link}">全部资金项目</a>，对照各项目的申报条件。</p></noscript>'
        f'<form id="qq-match-form" class="qq-match__form" hidden '
        f'data-rules="{relative_from(here, RULES_PATH)}" data-root="{relative_from(here, "")}">'
        f"{_form(index)}</form>"
        '<section id="qq-match-results" class="qq-match__results" aria-live="polite" hidden>'
        '<h2 id="qq-match-results-title" tabindex="-1">匹配结果</h2>'
        '<p id="qq-match-summary"></p><ol id="qq-match-list" class="qq-match__list"></ol>'
        '<details id="qq-match-closed" class="qq-match__closed" hidden>'
        '<summary>已截止的资金项目（<span id="qq-match-closed-count">0</span> 个）</summary>'
        '<ol id="qq-match-closed-list" class="qq-match__list"></ol></details>'
        "</section>"
        "</div>\n"
        f'<script src="{relative_from(here, SCRIPT_PATH)}" defer></script>\n'
    )
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
