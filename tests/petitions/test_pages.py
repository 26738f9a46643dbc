"""The petition pages survive Markdown (md_in_html) intact and are accessible by construction."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from lxml import html as lxml_html

from generator.features.petitions import petition_assets, petition_pages
from generator.petitions import validation

EXTENSIONS = ["md_in_html", "attr_list", "tables"]


def render(content: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<div>{markdown.markdown(content, extensions=EXTENSIONS)}</div>")


def test_three_pages_with_assets(site):
    pages = {p.src_uri: p for p in petition_pages(site, None)}
    assert set(pages) == {"petitions/index.md", "petitions/lookup.md", "petitions/stats.md"}
    assert [pages[k].title for k in sorted(pages)] == ["提交诉求", "办理查询", "诉求办理情况"]
    assets = {f.path for f in petition_assets()}
    assert assets == {"assets/qinqing/petitions.js", "assets/qinqing/petitions.css"}
    assert 'src="../assets/qinqing/petitions.js"' in pages["petitions/index.md"].content
    assert 'src="../../assets/qinqing/petitions.js"' in pages["petitions/lookup.md"].content


def test_form_survives_markdown_and_every_control_has_a_label(site):
    page = petition_pages(site, None)[0]
    tree = render(page.content)
    form = tree.xpath("//form[@data-qq-form='submit']")[0]
    names = {e.get("name") for e in form.xpath(".//input|.//textarea")}
    rules = {r.name for r in validation.field_rules(site.petitions)}
    assert rules | {"website"} <= names
    for control in form.xpath(".//input[@type!='hidden']|.//textarea"):
        assert tree.xpath(f"//label[@for='{control.get('id')}']"), control.get("name")
    for control in form.xpath(".//*[@aria-describedby]"):
        for ref in control.get("aria-describedby").split():
            assert tree.xpath(f"//*[@id='{ref}']"), ref
    categories = form.xpath(".//input[@name='category']/@value")
    assert categories == list(site.petitions.categories)
    assert site.petitions.notice in tree.text_content()
    assert tree.xpath("//fieldset/legend")


def test_stats_page_embeds_snapshot_or_says_figures_will_appear(site):
    empty = render(petition_pages(site, None)[2].content)
    assert "启用后" in empty.text_content()
    snapshot = {
        "generated_at": "2026-11-26T10:00:00+08:00", "received": 7, "finished": 5,
        "on_time_percent": 80.0, "median_workdays": 3.0, "satisfied_percent": 100.0,
        "by_category": [{"category": "consult", "name": "政策咨询", "received": 7, "finished": 5,
                         "on_time_percent": 80.0, "median_workdays": 3.0, "satisfied_percent": None}],
        "by_month": [],
    }  # fmt: skip
    tree = render(petition_pages(site, snapshot)[2].content)
    assert tree.xpath("string(//*[@data-stat='received'])") == "7"
    assert tree.xpath("string(//*[@data-stat='on_time_percent'])") == "80.0%"
    assert "政策咨询" in tree.xpath("string(//tbody[@data-stat-rows='by_category'])")


def test_script_uses_the_same_patterns_as_the_server():
    script = next(f for f in petition_assets() if f.path.endswith(".js")).data.decode()
    for pattern in (validation.MOBILE, validation.LANDLINE, validation.EMAIL):
        assert f"/{pattern}/" in script, pattern
    server_messages = re.findall(
        r'"([^"]*[\u4e00-\u9fff][^"]*)"', Path(validation.__file__).read_text(encoding="utf-8")
    )
    for message in (
        "请填写有效的手机号码（11 位）或固定电话（区号-号码）",
        "统一社会信用代码校验位不正确，请核对",
    ):
        assert message in server_messages and message in script
