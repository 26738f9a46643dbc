"""The three petition pages (form, lookup, statistics) and their script and style, for the site build."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from generator import urls
from generator.compile.contributor import Contributor, NavEntry
from generator.compile.render import render_html
from generator.output import OutputFile, Page
from generator.petitions import html
from generator.petitions.chinese import chinese_month, chinese_time
from generator.petitions.states import ROUTES

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

ASSET_DIR = "assets/qinqing"
ASSETS = {"petitions.js": "text/javascript", "petitions.css": "text/css"}
TEMPLATES = Path(__file__).parent / "templates"


def _assets_tags(src_uri: str) -> Markup:
    """Script and style links relative to the page (petitions/x.md is served at petitions/x/)."""
    here = urls.page_path(src_uri)
    return Markup('<link rel="stylesheet" href="{}">\n<script src="{}" defer></script>').format(
        urls.relative_from(here, f"{ASSET_DIR}/petitions.css"),
        urls.relative_from(here, f"{ASSET_DIR}/petitions.js"),
    )


LIMIT_LABELS = ("确认受理", *ROUTES.values())
STAT_KEYS = ("received", "finished", "on_time_percent", "median_workdays", "satisfied_percent")
STAT_LABELS = ("收到", "办结", "按时办结率", "办理用时中位数（工作日）", "满意率")


def _limits_table(site: SiteConfig) -> str:
    rows = []
    for category in site.petitions.categories.values():
        limits = category.limits
        cells = (limits.acknowledge, limits.local, limits.escalate, limits.decline)
        rows.append((category.name, list(zip(LIMIT_LABELS, cells, strict=True))))
    return render_html(
        "petition_limits.html.j2", templates=TEMPLATES, labels=LIMIT_LABELS, rows=rows
    )


def _page(src_uri: str, title: str, intro: str, blocks: list[str], description: str) -> Page:
    # Top-level HTML blocks separated by blank lines: Markdown passes each through unchanged.
    content = "\n\n".join([intro, *blocks, _assets_tags(src_uri)]) + "\n"
    meta = {"title": title, "description": description, "qinqing_petitions": True}
    return Page(src_uri=src_uri, title=title, content=content, meta=meta, in_nav=True)


def _show(value: Any, suffix: str = "") -> str:
    return "—" if value is None else f"{value}{suffix}"


def _stat_rows(rows: list[dict[str, Any]], first: str) -> list[tuple[str, list]]:
    """(heading, [(label, figure)]) of each row of a statistics table."""
    out = []
    for row in rows:
        cells = (
            _show(row["received"]), _show(row["finished"]), _show(row["on_time_percent"], "%"),
            _show(row["median_workdays"]), _show(row["satisfied_percent"], "%"),
        )  # fmt: skip
        heading = chinese_month(row[first]) if first == "month" else str(row[first])
        out.append((heading, list(zip(STAT_LABELS, cells, strict=True))))
    return out


def stats_block(site: SiteConfig, snapshot: dict[str, Any] | None) -> str:
    """The figures as static HTML from the build-time snapshot; the script refreshes them."""
    data = snapshot or {}
    figures = [
        ("收到诉求", "received", _show(data.get("received"))),
        ("已办结", "finished", _show(data.get("finished"))),
        ("按时办结率", "on_time_percent", _show(data.get("on_time_percent"), "%")),
        ("办理用时中位数（工作日）", "median_workdays", _show(data.get("median_workdays"))),
        (
            "满意率（满意与基本满意）",
            "satisfied_percent",
            _show(data.get("satisfied_percent"), "%"),
        ),
    ]
    # Every category has a row, figures or not, so the live figures replace rows in place.
    by_category = data.get("by_category") or [
        {"name": c.name, **dict.fromkeys(STAT_KEYS)} for c in site.petitions.categories.values()
    ]
    return render_html(
        "petition_stats.html.j2",
        templates=TEMPLATES,
        url=f"{html.api_base(site)}/stats",
        zone=site.timezone,
        from_snapshot=bool(snapshot),
        as_of=chinese_time(str(data.get("generated_at", "")), site.zone),
        figures=figures,
        labels=STAT_LABELS,
        by_category=_stat_rows(by_category, "name"),
        by_month=_stat_rows(data.get("by_month", []), "month"),
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
        "向本机构提交企业诉求：政策咨询、困难反映、意见建议和投诉举报",
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
