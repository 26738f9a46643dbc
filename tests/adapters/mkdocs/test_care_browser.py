"""关怀模式 in Chromium on the built sample site: on and off with and without JavaScript,
remembered, axe-clean and 320 px wide on every page kind; the item QR code reads back."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.adapters.mkdocs.test_every_page_kind import PAGE_KINDS
from tests.support.axe import axe_check, format_violations, no_horizontal_scroll

pytestmark = pytest.mark.browser

CARE = "#qq-care"
ITEM = "funds/digital-transformation-2026/"


def body_px(page) -> float:
    return page.eval_on_selector(
        "article.md-typeset", "n => parseFloat(getComputedStyle(n).fontSize)"
    )


def switch_text(page) -> str:
    return page.locator(".qq-care-switch a:visible").inner_text()


def test_without_javascript_the_url_turns_it_on_and_the_switch_off(page_factory, sample_site_url):
    page = page_factory(viewport_width=375, javascript=False)
    page.goto(sample_site_url + ITEM)
    normal = body_px(page)
    assert switch_text(page) == "关怀模式"
    page.click(".qq-care-switch a:visible")  # the link is the switch: #qq-care
    assert page.url.endswith(CARE)
    assert body_px(page) >= max(25, 1.4 * normal)
    assert switch_text(page) == "退出关怀模式"
    page.click(".qq-care-switch a:visible")
    assert body_px(page) == normal and switch_text(page) == "关怀模式"
    page.goto(sample_site_url + "funds/" + CARE)  # the URL form on any page
    assert body_px(page) >= 25


def test_with_javascript_the_switch_is_remembered(page_factory, sample_site_url):
    page = page_factory(viewport_width=1280)
    page.goto(sample_site_url)
    normal = body_px(page)
    page.click("text=关怀模式")
    assert page.evaluate("document.documentElement.classList.contains('qq-care')")
    assert page.url.rstrip("/") + "/" == sample_site_url  # no fragment: the class decides
    assert body_px(page) >= max(25, 1.4 * normal)
    page.goto(sample_site_url + ITEM)
    assert body_px(page) >= 25 and switch_text(page) == "退出关怀模式"
    page.click("text=退出关怀模式")
    assert body_px(page) < 25
    page.reload()
    assert body_px(page) < 25 and switch_text(page) == "关怀模式"
    page.goto(sample_site_url + "guides/" + CARE)  # the URL form turns it on and stays
    page.goto(sample_site_url + "policies/")
    assert body_px(page) >= 25


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_care_mode_fits_320px_and_is_axe_clean(page_factory, sample_site_url, path):
    page = page_factory(viewport_width=320)
    page.goto(sample_site_url + CARE)  # remembered from here on
    page.goto(sample_site_url + path)
    assert page.evaluate("document.documentElement.classList.contains('qq-care')")
    assert no_horizontal_scroll(page)
    violations = axe_check(page)
    assert violations == [], format_violations(violations)


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_care_mode_without_javascript_fits_320px(page_factory, sample_site_url, path):
    page = page_factory(viewport_width=320, javascript=False)
    page.goto(sample_site_url + path + CARE)
    assert body_px(page) >= 25
    assert no_horizontal_scroll(page)


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_item_qr_code_reads_back_as_the_page_address(
    page_factory, sample_site_url, tmp_path, media
):
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "no zbarimg: tools/test-services installs zbar-tools"
    page = page_factory(viewport_width=1280)
    page.goto(sample_site_url + ITEM)
    page.emulate_media(media=media)
    shot = tmp_path / f"qr-{media}.png"
    page.locator(".qq-qr__code").screenshot(path=str(shot))
    done = subprocess.run(
        [zbarimg, "--quiet", "--raw", str(shot)], capture_output=True, text=True, timeout=60
    )
    canonical = page.get_attribute("link[rel=canonical]", "href")
    assert done.stdout.strip() == canonical == f"https://jjgxj.example.gov.cn/{ITEM}"


def test_the_qr_code_is_not_shown_on_a_phone(page_factory, sample_site_url):
    page = page_factory(viewport_width=375)
    page.goto(sample_site_url + ITEM)
    assert page.locator(".qq-qr").count() == 1 and not page.locator(".qq-qr").is_visible()


@pytest.mark.parametrize(
    "path", ["funds/", "policies/", "announcements/tech-renovation-2026-h1-results/"]
)
def test_care_mode_tables_fit_a_tablet(page_factory, sample_site_url, path):
    page = page_factory(viewport_width=768, javascript=False)
    page.goto(sample_site_url + path + CARE)
    assert no_horizontal_scroll(page)
