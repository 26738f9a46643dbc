"""The three petition pages (form, lookup, statistics) and their script and style, for the site build."""

from __future__ import annotations

from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Any

from generator import urls
from generator.compile.contributor import Contributor, NavEntry
from generator.output import OutputFile, Page
from generator.petitions import html
from generator.petitions.chinese import chinese_month, chinese_time
from generator.petitions.states import ROUTES

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

ASSET_DIR = "assets/qinqing"
ASSETS = {"petitions.js": "text/javascript", "petitions.css": "text/css"}


def _assets_tags(src_uri: str) -> str:
    """Script and style links relative to the page (petitions/x.md is served at petitions/x/)."""
    depth = src_uri.count("/") + (0 if src_uri.endswith("index.md") else 1)
    prefix = "../" * depth
    return (
        f'<link rel="stylesheet" href="{prefix}{ASSET_DIR}/petitions.css">\n'
        f'<script src="{prefix}{ASSET_DIR}/petitions.js" defer></script>'
    )


LIMIT_LABELS = ("确认受理", *ROUTES.values())
STAT_KEYS = ("received", "finished", "on_time_percent", "median_workdays", "satisfied_percent")
STAT_LABELS = ("收到", "办结", "按时办结率", "办理用时中位数（工作日）", "满意率")


def _limits_table(site: SiteConfig) -> str:
    head = "".join(f'<th scope="col">{escape(label)}</th>' for label in LIMIT_LABELS)
    rows = []
    for category in site.petitions.categories.values():
        limits = category.limits
        cells = (limits.acknowledge, limits.local, limits.escalate, limits.decline)
        rows.append(
            f'<tr><th scope="row">{escape(category.name)}</th>'
            + "".join(
                f'<td class="qq-num" data-label="{escape(label)}">{n}</td>'
                for label, n in zip(LIMIT_LABELS, cells, strict=True)
            )
            + "</tr>"
        )
    return (
        '<div class="qq-table-wrap">\n<table class="qq-limits">\n<caption>办理时限（单位：工作日；自收到次日起算，法定节假日不计）</caption>\n'
        f'<thead><tr><th scope="col">诉求类别</th>{head}</tr></thead>\n<tbody>{"".join(rows)}</tbody>\n</table>\n</div>'
    )


def _page(src_uri: str, title: str, intro: str, blocks: list[str], description: str) -> Page:
    # Top-level HTML blocks separated by blank lines: Markdown passes each through unchanged.
    content = "\n\n".join([intro, *blocks, _assets_tags(src_uri)]) + "\n"
    meta = {"title": title, "description": description, "qinqing_petitions": True}
    return Page(src_uri=src_uri, title=title, content=content, meta=meta, in_nav=True)


def _figure(label: str, key: str, value: str) -> str:
    return f'<div><dt>{escape(label)}</dt><dd data-stat="{key}">{escape(value)}</dd></div>'


def _show(value: Any, suffix: str = "") -> str:
    return "—" if value is None else f"{value}{suffix}"


def _stat_rows(rows: list[dict[str, Any]], first: str) -> str:
    if not rows:
        return f'<tr class="qq-stats-table__empty"><td colspan="{len(STAT_LABELS) + 1}">暂无数据</td></tr>'
    out = []
    for row in rows:
        cells = (
            _show(row["received"]), _show(row["finished"]), _show(row["on_time_percent"], "%"),
            _show(row["median_workdays"]), _show(row["satisfied_percent"], "%"),
        )  # fmt: skip
        heading = chinese_month(row[first]) if first == "month" else str(row[first])
        out.append(
            f'<tr><th scope="row">{escape(heading)}</th>'
            + "".join(
                f'<td class="qq-num" data-label="{escape(label)}">{escape(c)}</td>'
                for label, c in zip(STAT_LABELS, cells, strict=True)
            )
            + "</tr>"
        )
    return "".join(out)


def _stat_table(
    caption: str, first: str, key: str, rows: list[dict[str, Any]], first_key: str
) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in (first, *STAT_LABELS))
    return (
        f'<div class="qq-table-wrap">\n<table class="qq-stats-table">\n<caption>{caption}</caption>\n'
        f'<thead><tr>{head}</tr></thead>\n<tbody data-stat-rows="{key}">{_stat_rows(rows, first_key)}</tbody>\n</table>\n</div>'
    )


def stats_block(site: SiteConfig, snapshot: dict[str, Any] | None) -> str:
    """The figures as static HTML from the build-time snapshot; the script refreshes them."""
    url = f"{html.api_base(site)}/stats"
    data = snapshot or {}
    figures = "\n".join(
        [
            _figure("收到诉求", "received", _show(data.get("received"))),
            _figure("已办结", "finished", _show(data.get("finished"))),
            _figure("按时办结率", "on_time_percent", _show(data.get("on_time_percent"), "%")),
            _figure(
                "办理用时中位数（工作日）", "median_workdays", _show(data.get("median_workdays"))
            ),
            _figure(
                "满意率（满意与基本满意）",
                "satisfied_percent",
                _show(data.get("satisfied_percent"), "%"),
            ),
        ]
    )
    # Every category has a row, figures or not, so the live figures replace rows in place.
    by_category = data.get("by_category") or [
        {"name": c.name, **dict.fromkeys(STAT_KEYS)} for c in site.petitions.categories.values()
    ]
    empty = "" if snapshot else ' data-stats-empty=""'
    as_of = escape(chinese_time(str(data.get("generated_at", "")), site.zone))
    note = (
        f'<p class="qq-stats__as-of">以下为网站生成时（{as_of}）的数据；可以连接服务时自动更新为最新数据。</p>'
        if snapshot
        else f'<p class="qq-stats__as-of"{empty}>诉求办理系统启用后，这里将显示收到、办结和按时办结等数据。</p>'
    )
    return html.block(
        [
            f'<div class="qq-stats" data-qq-stats data-stats-url="{escape(url)}" data-zone="{escape(site.timezone)}">',
            note,
            f'<dl class="qq-stats__figures">\n{figures}\n</dl>',
            _stat_table("按诉求类别", "类别", "by_category", by_category, "name"),
            _stat_table("按月份", "月份", "by_month", data.get("by_month", []), "month"),
            "</div>",
        ]
    )


def petition_pages(site: SiteConfig, stats_snapshot: dict[str, Any] | None) -> list[Page]:
    """提交诉求, 办理查询 and 诉求办理情况 as Markdown pages holding raw HTML blocks."""
    form = _page(
        "petitions/index.md",
        "提交诉求",
        "企业在政策咨询、生产经营、政务服务等方面的诉求，可以在此提交。我们在时限内确认受理、办理并答复，"
        "全程记录留痕。提交后请保存受理编号和查询码，用于[查询办理进度](lookup/)；"
        "收到和办结情况见[诉求办理情况](stats/)。",
        [_limits_table(site), html.petition_form(site)],
        "向晋江市工业和信息化局提交企业诉求",
    )
    lookup = _page(
        "petitions/lookup.md",
        "办理查询",
        "输入提交诉求时获得的受理编号和查询码，查看办理状态、期限、办理记录和答复；办结后可以评价办理结果。"
        "全部诉求的办理情况见[诉求办理情况](../stats/)。",
        [html.lookup_form(site)],
        "查询企业诉求的办理进度和答复",
    )
    stats = _page(
        "petitions/stats.md",
        "诉求办理情况",
        "企业诉求的收到、办结、按时办结和满意度情况（不含任何个人信息）。"
        "[提交诉求](../)　[办理查询](../lookup/)",
        [stats_block(site, stats_snapshot)],
        "企业诉求办理情况统计",
    )
    return [form, lookup, stats]


def petition_assets() -> list[OutputFile]:
    """The script and style the petition pages load, under assets/qinqing/."""
    folder = resources.files("generator.petitions") / "assets"
    return [
        OutputFile(f"{ASSET_DIR}/{name}", (folder / name).read_bytes(), media_type)
        for name, media_type in ASSETS.items()
    ]


# The build reads no database: the statistics page starts empty and its script fetches the
# figures from the handler.
CONTRIBUTOR = Contributor(
    name="petitions",
    pages=lambda ctx: petition_pages(ctx.index.site, None),
    files=lambda ctx: petition_assets(),
    nav=(
        NavEntry(
            "企业诉求",
            f"{urls.PETITIONS_PATH}index.md",
            card=("企业诉求", "咨询政策、反映困难、提出建议或投诉举报"),
        ),
    ),
)
