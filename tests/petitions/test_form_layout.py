"""In Chromium: the petition form holds still under the pointer, shows no empty status box, its
time-limit table fits 320 px, and receipts and lookups read in Chinese dates."""

from __future__ import annotations

import re

import pytest

from tests.petitions import test_browser as shell

# The petition pages in a minimal shell, served with the handler (test_browser.py's fixtures).
database_url = shell.database_url
served = shell.served
fill_form = shell.fill_form

pytestmark = pytest.mark.browser

CHINESE_TIME = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}")


def tops(page, selectors: list[str]) -> list[float]:
    """Where each element starts on the page (not in the viewport: focusing may scroll)."""
    return [
        page.eval_on_selector(s, "n => n.getBoundingClientRect().top + window.scrollY")
        for s in selectors
    ]


def test_leaving_a_field_after_a_failed_submit_moves_nothing(served, page_factory):
    page = page_factory()
    page.goto(f"{served.base_url}petitions/")
    page.click("button[type=submit]")
    page.locator("#f-error-summary").wait_for()
    below = ["#f-content", "#f-enterprise", "#f-phone", "#f-email", "button[type=submit]"]
    page.fill("#f-subject", "技改资金申报咨询")
    before = tops(page, below)
    page.locator("#f-content").focus()  # leaves 标题, now valid: its message goes
    assert tops(page, below) == before
    assert page.get_attribute("#f-subject", "aria-invalid") is None
    assert not page.locator("#f-subject-error").is_visible()
    page.fill("#f-content", "请问设备投资额如何计算？")
    page.fill("#f-email", "bad")  # had no message: leaving it adds none (the submit will)
    page.locator("#f-phone").focus()
    page.fill("#f-phone", "123")
    page.locator("#f-email").focus()  # 电话 keeps its room and says what is wrong now
    assert tops(page, below) == before
    assert "有效的手机号码" in page.inner_text("#f-phone-error")
    page.click("button[type=submit]")
    assert "电子邮箱格式不正确" in page.inner_text("#f-email-error")


def test_the_status_line_is_no_empty_box(served, page_factory):
    page = page_factory()
    for path in ("petitions/", "petitions/lookup/"):
        page.goto(served.base_url + path)
        box = page.eval_on_selector(
            "[data-qq-status]",
            "n => { const s = getComputedStyle(n); return [n.offsetHeight, s.borderTopWidth,"
            " s.borderLeftWidth, s.marginTop, s.marginBottom]; }",
        )
        assert box == [0, "0px", "0px", "0px", "0px"], path


def test_the_time_limit_table_fits_320_pixels(served, page_factory):
    page = page_factory(viewport_width=320)
    page.goto(f"{served.base_url}petitions/")
    wrap = page.eval_on_selector(".qq-table-wrap", "w => [w.scrollWidth, w.clientWidth]")
    assert wrap[0] <= wrap[1]
    # The header row is out of sight, so every number shows its label before it.
    labels = page.eval_on_selector_all(
        ".qq-limits tbody tr:first-child td",
        "tds => tds.map(td => getComputedStyle(td, '::before').content)",
    )
    assert labels == ['"确认受理："', '"本级办理："', '"上报："', '"不予受理（告知）："']


def test_receipt_and_lookup_read_in_chinese_dates(served, page_factory):
    page = page_factory()
    page.goto(f"{served.base_url}petitions/")
    page.check("#f-category-consult")
    fill_form(page)
    page.click("button[type=submit]")
    panel = page.locator("[data-qq-receipt]")
    panel.wait_for()
    text = panel.inner_text()
    assert CHINESE_TIME.search(text) and not re.search(r"\d{4}-\d{2}-\d{2}", text)
    receipt, code = panel.locator("code").all_inner_texts()
    page.goto(f"{served.base_url}petitions/lookup/?receipt={receipt}")
    page.fill("#l-code", code)
    page.click("form[data-qq-form='lookup'] button[type=submit]")
    result = page.locator(".qq-result")
    result.wait_for()
    text = result.inner_text()
    assert CHINESE_TIME.search(text) and not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert page.locator(".qq-timeline time").first.get_attribute("datetime").startswith("20")
