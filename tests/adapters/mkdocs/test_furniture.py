"""The sample site's footer identity, 网站地图, sitemap.xml and 404 page, from a real build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree, html

from generator.content.check import check_content
from tests.support.builds import SAMPLE_DAY

ROOT = Path(__file__).resolve().parents[3]
PAGE_KINDS = [
    "index.html",
    "funds/index.html",
    "funds/digital-transformation-2026/index.html",
    "petitions/index.html",
    "petitions/stats/index.html",
    "search/index.html",
    "sitemap/index.html",
    "404.html",
]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def index():
    result = check_content(ROOT / "content", dt.date.fromisoformat(SAMPLE_DAY), with_git=True)
    return result.index


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path).read_bytes())


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_footer_shows_the_identity_with_its_lookup_links(sample_site, path):
    footer = page(sample_site, path).xpath("//footer")[0]
    text = footer.text_content()
    assert "主办单位：晋江市工业和信息化局" in text
    assert "网站标识码：3505820099" in text
    links = {a.text_content().strip(): a.get("href") for a in footer.iter("a")}
    assert links["闽ICP备00000000号-1"] == "https://beian.miit.gov.cn/"
    assert links["闽公网安备 35058200000000号"].startswith("https://beian.mps.gov.cn/")
    assert links["闽公网安备 35058200000000号"].endswith("code=35058200000000")
    assert links["党政机关"].startswith("https://bszs.conac.cn/")
    assert "监督电话" in text
    for name in ("网站地图", "诉求办理情况"):
        target = links[name]
        resolved = (sample_site / path).parent / target if not target.startswith("/") else None
        where = resolved if resolved else sample_site / target.lstrip("/")
        assert (where / "index.html").is_file(), f"{path}: {name} → {target}"


def test_sitemap_xml_dates_items_by_updated(sample_site, index):
    assert not (sample_site / "sitemap.xml.gz").exists()
    base = str(index.site.base_url)
    sitemaps = etree.parse(str(sample_site / "sitemap.xml")).findall("s:sitemap/s:loc", NS)
    assert sitemaps, "sitemap.xml is a sitemap index"
    dates = {}
    for loc in sitemaps:
        tree = etree.parse(str(sample_site / loc.text.removeprefix(base)))
        for u in tree.findall("s:url", NS):
            dates[u.findtext("s:loc", namespaces=NS)] = u.findtext("s:lastmod", namespaces=NS)
    for item in index.all_items():
        assert dates[f"{base}{item.collection}/{item.id}/"] == index.updated(item).isoformat()
    built_pages = {p.parent for p in sample_site.rglob("index.html")}
    assert len(dates) == len(built_pages)
    robots = (sample_site / "robots.txt").read_text().splitlines()
    assert robots[-1] == f"Sitemap: {base}sitemap.xml"


def test_404_page_is_chinese_with_search_and_entry_points(sample_site):
    doc = page(sample_site, "404.html")
    assert doc.xpath("//h1")[0].text_content() == "页面不存在"
    assert "Not found" not in doc.text_content()
    form = doc.xpath("//main//form[@role='search'] | //article//form[@role='search']")[0]
    assert form.get("action") == "/search/" and form.xpath(".//input[@name='q']")
    entries = {a.text: a.get("href") for a in doc.xpath("//ul[@class='qq-notfound-links']//a")}
    assert entries["资金项目"] == "/funds/" and entries["企业诉求"] == "/petitions/"
    assert entries["网站地图"] == "/sitemap/"
    for href in entries.values():
        assert (sample_site / href.lstrip("/") / "index.html").is_file()


def test_sitemap_page_lists_every_section(sample_site):
    doc = page(sample_site, "sitemap/index.html")
    assert doc.xpath("//h1")[0].text_content() == "网站地图"
    hrefs = [a.get("href") for a in doc.xpath("//div[@class='qq-sitemap']//a")]
    assert "../petitions/stats/" in hrefs and "../funds/" in hrefs
    for href in hrefs:
        assert (sample_site / "sitemap" / href / "index.html").resolve().is_file(), href


def test_every_item_page_carries_its_own_qr_code(sample_site, index):
    base = str(index.site.base_url)
    for item in index.all_items():
        doc = page(sample_site, f"{item.collection}/{item.id}/index.html")
        figures = doc.xpath("//figure[@class='qq-qr']")
        assert len(figures) == 1, item.id
        assert figures[0].get("data-pagefind-ignore") == "all"
        url = figures[0].xpath("string(.//span[@class='qq-qr__url'])")
        assert url == f"{base}{item.collection}/{item.id}/"
        assert figures[0].xpath(".//svg[@role='img']/@aria-label") == ["本页网址的二维码"]
    assert not page(sample_site, "funds/index.html").xpath("//figure[@class='qq-qr']")


def test_stats_page_has_a_row_per_category_before_the_figures_come(sample_site, index):
    doc = page(sample_site, "petitions/stats/index.html")
    rows = doc.xpath("//tbody[@data-stat-rows='by_category']/tr")
    names = [row.xpath("string(th)") for row in rows]
    assert names == [c.name for c in index.site.petitions.categories.values()]
    assert {td.text for row in rows for td in row.xpath("td")} == {"—"}
    assert doc.xpath("string(//tbody[@data-stat-rows='by_month'])") == "暂无数据"
    links = {a.text: a.get("href") for a in doc.xpath("//article//p/a")}
    assert links["提交诉求"] == "../" and links["办理查询"] == "../lookup/"
