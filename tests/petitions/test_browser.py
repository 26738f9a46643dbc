"""In Chromium: submit with JavaScript on and off, then look the petition up; 320px wide works."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import markdown
import pytest

from generator.features.petitions import petition_assets, petition_pages
from tests.support.env import missing_resource

pytestmark = pytest.mark.browser


def write_pages(site, root: Path) -> None:
    """Render the pages into a minimal HTML shell (the real site build belongs to the site helper)."""
    for page in petition_pages(site, None):
        body = markdown.markdown(page.content, extensions=["md_in_html", "attr_list", "tables"])
        target = root / page.src_uri.removesuffix(".md").removesuffix("index")
        target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{page.title}</title>'
            f"</head><body><main><h1>{page.title}</h1>{body}</main></body></html>",
            encoding="utf-8",
        )
    for file in petition_assets():
        (root / file.path).parent.mkdir(parents=True, exist_ok=True)
        (root / file.path).write_bytes(file.data)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The browser flow does not depend on storage: SQLite only."""
    return f"sqlite:///{tmp_path / 'petitions.db'}"


@pytest.fixture
def served(site, serve_petitions, tmp_path):
    root = tmp_path / "site"
    write_pages(site, root)
    client = serve_petitions(rate="off", static_dir=root)
    origin = client.base_url.rstrip("/")
    client.app.settings = dataclasses.replace(
        client.app.settings, allowed_origins=client.app.settings.allowed_origins | {origin}
    )
    return client


def fill_form(page) -> None:
    page.fill("#f-subject", "技改资金申报咨询")
    page.fill("#f-content", "请问今年技改资金的申报条件中，设备投资额如何计算？")
    page.fill("#f-enterprise", "晋江市某某纺织有限公司")
    page.fill("#f-contact_name", "王先生")
    page.fill("#f-phone", "13905951234")
    page.check("#f-consent")


def test_submit_with_javascript_then_look_up(served, page_factory):
    page = page_factory()
    page.goto(f"{served.base_url}petitions/?related=tech-upgrade-2026&category=objection")
    assert page.input_value("#f-related") == "tech-upgrade-2026"
    assert page.is_checked("#f-category-objection")
    page.click("button[type=submit]")
    summary = page.locator("#f-error-summary")
    assert summary.is_visible()
    assert "请填写标题" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "f-error-summary"
    assert page.get_attribute("#f-subject", "aria-invalid") == "true"
    page.fill("#f-phone", "123")
    page.locator("#f-phone").blur()
    assert "有效的手机号码" in page.inner_text("#f-phone-error")
    fill_form(page)
    page.click("button[type=submit]")
    panel = page.locator("[data-qq-receipt]")
    panel.wait_for()
    values = panel.locator("code").all_inner_texts()
    receipt, code = values[0], values[1]
    assert re.fullmatch(r"\d{8}-[A-Z2-9]{5}", receipt) and len(code) == 8
    assert "只显示这一次" in panel.inner_text()
    assert panel.locator("[data-qq-copy]").is_visible()
    assert not page.is_visible("form[data-qq-form='submit']")
    stored = served.app.store.all()
    assert (
        len(stored) == 1
        and stored[0].related == "tech-upgrade-2026"
        and stored[0].category == "objection"
    )

    page.goto(f"{served.base_url}petitions/lookup/?receipt={receipt}")
    assert page.input_value("#l-receipt") == receipt
    page.fill("#l-code", "WRONGCOD")
    page.click("form[data-qq-form='lookup'] button[type=submit]")
    page.locator("#l-error-summary").wait_for()
    assert "不正确" in page.inner_text("#l-error-summary")
    page.fill("#l-code", code)
    page.click("form[data-qq-form='lookup'] button[type=submit]")
    page.locator(".qq-result").wait_for()
    assert "已接收" in page.inner_text(".qq-result")


def test_submit_without_javascript_then_look_up(served, page_factory):
    page = page_factory(javascript=False)
    page.goto(f"{served.base_url}petitions/")
    page.check("#f-category-request")
    page.fill("#f-related", "tech-upgrade-2026")
    fill_form(page)
    page.fill("#f-phone", "12")
    page.click("button[type=submit]")
    assert "请填写有效的手机号码" in page.inner_text("#f-error-summary")
    assert page.input_value("#f-subject") == "技改资金申报咨询"
    page.fill("#f-phone", "0595-85661234")
    page.check("#f-consent")
    page.click("button[type=submit]")
    text = page.inner_text("[data-qq-receipt]")
    receipt, code = page.locator("[data-qq-receipt] code").all_inner_texts()
    assert "诉求已提交" in text and receipt in text
    assert served.app.store.get(receipt).related == "tech-upgrade-2026"

    page.goto(f"{served.base_url}petitions/lookup/")
    page.fill("#l-receipt", receipt)
    page.fill("#l-code", code)
    page.click("form[data-qq-form='lookup'] button[type=submit]")
    assert "办理情况：已接收" in page.inner_text("main")


def test_pages_pass_axe_including_error_and_receipt_states(served, page_factory):
    from tests.support.axe import AXE_SCRIPT, axe_check, format_violations

    if not AXE_SCRIPT.exists():
        missing_resource("axe-core is not installed (npm ci)")
    page = page_factory()
    for path in ("petitions/", "petitions/lookup/", "petitions/stats/"):
        page.goto(served.base_url + path)
        assert not (found := axe_check(page)), format_violations(found)
    page.goto(served.base_url + "petitions/")
    page.click("button[type=submit]")
    assert not (found := axe_check(page)), format_violations(found)
    page.check("#f-category-consult")
    fill_form(page)
    page.click("button[type=submit]")
    page.locator("[data-qq-receipt]").wait_for()
    assert not (found := axe_check(page)), format_violations(found)


def test_form_fits_320_pixels(served, page_factory):
    page = page_factory(viewport_width=320)
    for path in ("petitions/", "petitions/lookup/", "petitions/stats/"):
        page.goto(served.base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
