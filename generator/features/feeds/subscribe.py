"""The 订阅 page: every feed, calendar and data file with its address, and how to use them."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from markupsafe import Markup

from generator.content.index import COLLECTION_ORDER, ContentIndex
from generator.features.feeds.calendar import DEADLINES_PATH
from generator.features.feeds.catalog import FORMATS, feed_items, feed_specs
from generator.features.feeds.data_parts import DataPart, data_parts
from generator.features.feeds.signup import signup_form
from generator.models.collection_labels import COLLECTION_LABELS
from generator.models.opendata import INDEX_PATH
from generator.output import Page
from generator.urls import SUBSCRIBE_PATH, absolute

SRC_URI = f"{SUBSCRIBE_PATH}index.md"

# Progressive enhancement: the addresses are plain text; with JS each gets a working copy button.
COPY_SCRIPT = """<script>
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-qq-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var label = button.textContent;
      navigator.clipboard.writeText(button.getAttribute("data-qq-copy")).then(function () {
        button.textContent = "已复制";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
</script>"""

URL_STYLE = "overflow-wrap:anywhere;word-break:break-all"
# Inline, and with no `display`: the theme's button classes set display and would defeat `hidden`.
BUTTON_STYLE = (
    "margin-left:.4em;padding:.15em .7em;min-height:1.8em;border:1px solid currentColor;"
    "border-radius:.2em;color:var(--md-primary-fg-color, #1a4d8f);background:none;cursor:pointer"
)


def _address(url: str, what: str) -> Markup:
    """A URL as visible, selectable text, followed by a labelled copy button (hidden without JS)."""
    return Markup(
        '<code style="{style}">{url}</code> '
        '<button type="button" class="qq-copy" style="{button}" data-qq-copy="{url}" hidden '
        'aria-label="复制{what}的地址">复制</button>'
    ).format(style=URL_STYLE, button=BUTTON_STYLE, url=url, what=what)


def _feed_block(index: ContentIndex, spec, count: int) -> Markup:
    site = index.site
    rows = Markup("").join(
        Markup("<dt>{label}</dt><dd>{address}</dd>").format(
            label=label, address=_address(absolute(site, spec.path(fmt)), f"“{spec.title}”{label} ")
        )
        for fmt, _type, label in FORMATS
    )
    # An empty feed stays offered (its address keeps working), but says it is empty today.
    note = (
        Markup('<p class="qq-feed__count">现有 {count} 条。</p>').format(count=count)
        if count
        else Markup(
            '<p class="qq-feed__count qq-feed__count--empty">目前还没有内容。'
            "订阅后，一有相关内容发布，您的阅读器就会收到。</p>"
        )
    )
    return Markup(
        '<div class="qq-feed" data-qq-feed-count="{count}"><h4>{title}</h4><p>{blurb}</p>{note}'
        "<dl>{rows}</dl></div>"
    ).format(title=spec.title, blurb=spec.blurb, note=note, rows=rows, count=count)


GROUP_INTROS = {
    "全站": "关注全站动态，或只关注正在申报的资金项目。",
    "栏目": "只关注某一类内容。",
    "发布机构": "只关注某个部门发布的内容。",
    "行业": "只关注与本企业所在行业有关的内容。",
    "主题": "按主题关注。",
}


def _feeds_section(index: ContentIndex, today: dt.date) -> Markup:
    parts = [
        Markup(
            '<h2 id="feeds">订阅源（RSS / Atom）</h2>'
            "<p>每个订阅源都提供 RSS 和 Atom 两种格式，内容相同，任选其一。每次新发布、重要变更、"
            "撤回或废止都会出现在订阅源中；条目标题和摘要写明状态（如【申报中】【已撤回】）。"
            "每个订阅源保留最近更新的 50 条。</p>"
        )
    ]
    for group, specs in groupby(feed_specs(index, today), key=lambda s: s.group):
        specs = list(specs)
        blocks = Markup("").join(
            _feed_block(index, spec, len(feed_items(index, spec, today))) for spec in specs
        )
        intro = GROUP_INTROS[group]
        if group == "全站":  # the two most wanted stay in view; the long lists fold away
            parts.append(Markup("<h3>{g}</h3><p>{i}</p>{b}").format(g=group, i=intro, b=blocks))
            continue
        parts.append(
            Markup(
                '<details class="qq-feed-group"><summary>按{g}订阅（{n} 个订阅源）</summary>'
                "<p>{i}</p>{b}</details>"
            ).format(g=group, n=len(specs), i=intro, b=blocks)
        )
    return Markup("").join(parts)


def _calendar_section(index: ContentIndex) -> Markup:
    url = absolute(index.site, DEADLINES_PATH)
    webcal = "webcal://" + url.split("://", 1)[1]
    return Markup(
        '<h2 id="calendar">日历订阅</h2>'
        "<p>把所有资金项目的申报开始、申报截止和结果公示的公示期加入您的日历（今年及以后的日期），"
        "新增或变更的日期会随日历自动更新。</p>"
        "<dl><dt>日历地址</dt><dd>{address}</dd></dl>"
        '<p>在手机上也可以直接打开 <a href="{webcal}">订阅日历</a>。'
        "每个资金项目页面顶部的“申报办理”一栏还有“加入日历”链接，只添加这一项的日期。</p>"
    ).format(address=_address(url, "申报截止与公示期日历"), webcal=webcal)


def _year_links(index: ContentIndex, parts: list[DataPart], path_of) -> Markup:
    """One link a file, labelled by its year (and part): a list that grows by a year a year."""
    return Markup(" · ").join(
        Markup('<a href="{href}">{label}</a>').format(
            href=absolute(index.site, path_of(part)),
            label=f"{part.year}" if part.parts == 1 else f"{part.year}（{part.part}）",
        )
        for part in parts
    )


def _data_section(index: ContentIndex) -> Markup:
    site = index.site
    parts = data_parts(index)
    rows = [
        Markup("<dt>{label}</dt><dd>{address}</dd>").format(
            label="文件清单（JSON）", address=_address(absolute(site, INDEX_PATH), "文件清单")
        )
    ]
    for collection in COLLECTION_ORDER:
        mine = [part for part in parts if part.collection == collection]
        if mine:
            rows.append(
                Markup("<dt>{label}（JSON，按发布年份）</dt><dd>{links}</dd>").format(
                    label=COLLECTION_LABELS[collection],
                    links=_year_links(index, mine, lambda part: part.path),
                )
            )
    notices = [part for part in parts if part.collection == "announcements"]
    if notices:
        rows.append(
            Markup(
                "<dt>结果公示名单（CSV，可用 Excel 打开，按公示发布年份）</dt><dd>{links}</dd>"
            ).format(links=_year_links(index, notices, lambda part: part.recipients_path))
        )
    return Markup(
        '<h2 id="data">开放数据</h2>'
        "<p>本站全部内容也以数据文件公开，每个栏目按发布年份各一个文件，每天随网站更新。"
        "文件清单列出每个文件的地址、条数、大小和 SHA-256 校验值；字段说明见各文件中的 JSON Schema 链接。</p>"
        "<dl>{rows}</dl>"
    ).format(rows=Markup("").join(rows))


# Only services that work in mainland China: a reader or calendar app on the reader's own
# device fetches the feed from this site directly. Services that fetch through servers
# abroad (Feedly, Inoreader, Google Calendar, Blogtrottr) are blocked or unreliable there.
HOW_TO = Markup(
    '<h2 id="how">如何使用</h2>'
    "<dl>"
    "<dt>用 RSS 阅读器</dt>"
    "<dd>在电脑或手机上的 RSS 阅读器中选择“添加订阅”，粘贴上面的订阅地址即可。"
    "阅读器直接从本站读取更新，不经过境外服务器，例如：Thunderbird（电脑，邮件客户端内置订阅功能）、"
    "NetNewsWire（苹果电脑、iPhone、iPad）、Fluent Reader（Windows、苹果电脑，开源免费）。</dd>"
    "<dt>和邮件一起看</dt>"
    "<dd>Thunderbird 可以同时收邮件和订阅：在 Thunderbird 中新建“订阅源账户”，"
    "粘贴订阅地址，更新会像邮件一样出现在收件箱旁边。</dd>"
    "<dt>在日历中订阅</dt>"
    "<dd>订阅后，新增或变更的日期会自动更新："
    "iPhone、iPad：设置 → 日历 → 账户 → 添加账户 → 其他 → 添加已订阅的日历，粘贴日历地址；"
    "苹果电脑：日历 → 文件 → 新建日历订阅；"
    "Outlook（电脑版或网页版）：添加日历 → 从 Internet 订阅，粘贴日历地址。"
    "其他支持“订阅日历 / 从网址添加（iCalendar）”的日历应用也可以使用。</dd>"
    "<dt>导入手机日历</dt>"
    "<dd>安卓手机（华为、小米、OPPO、vivo 等）的系统日历一般可以导入 .ics 文件："
    "在资金项目页面点“加入日历”下载文件，用系统日历打开即可导入该项目的申报开始和截止日期。"
    "导入的是下载时的日期，日期如有变更需要重新导入。</dd>"
    "</dl>"
    "<p>订阅不需要注册，也不会收集您的任何信息。</p>"
)


def subscribe_page(index: ContentIndex, today: dt.date) -> Page:
    """The 订阅 page (served at `subscribe/`)."""
    content = Markup("\n").join(
        [
            Markup("<h1>订阅更新</h1>"),
            signup_form(index.site),  # 订阅提醒 by email (issue 17) leads the page
            Markup(
                "<p>不用天天查看网站：订阅后，新政策、新的资金项目、结果公示和申报截止提醒会自动送到您的"
                "阅读器、邮箱或日历。</p>"
            ),
            Markup(
                '<p><a href="#feeds">订阅源</a> · <a href="#calendar">日历订阅</a> · '
                '<a href="#data">开放数据</a> · <a href="#how">如何使用</a></p>'
            ),
            _feeds_section(index, today),
            _calendar_section(index),
            _data_section(index),
            HOW_TO,
            Markup(COPY_SCRIPT),
        ]
    )
    meta = {
        "title": "订阅",
        "description": "通过 RSS、Atom、日历和开放数据文件接收本站更新。",
        "page_kind": "other",
    }
    return Page(src_uri=SRC_URI, title="订阅", content=str(content), meta=meta, in_nav=True)
