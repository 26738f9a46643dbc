"""Every kind of page of the built sample site, in Chromium: one look, 320 px, accessibility."""

from __future__ import annotations

import pytest

from tests.support.axe import axe_check, format_violations, no_horizontal_scroll

pytestmark = pytest.mark.browser

PAGE_KINDS = [
    "",
    "guides/",
    "funds/",
    "funds/sort/published/",
    "funds/digital-transformation-2026/",
    "funds/specialized-smes-award-2026/",
    "policies/qinqing-relations-2017/",
    "guides/tech-renovation-filing/",
    "announcements/tech-renovation-2026-h1-results/",
    "petitions/",
    "petitions/lookup/",
    "petitions/stats/",
    "answers/",
    "match/",
    "subscribe/",
    "search/?q=技术改造",
]


def header_look(page) -> tuple[str, str]:
    return page.eval_on_selector(
        "header.qq-header",
        "h => [getComputedStyle(h).backgroundColor, getComputedStyle(h).color]",
    )


def test_every_page_wears_the_same_header(page_factory, sample_site_url):
    page = page_factory()
    page.goto(sample_site_url)
    home = header_look(page)
    for path in PAGE_KINDS[1:]:
        page.goto(sample_site_url + path)
        assert header_look(page) == home, f"{path} restyles the site header"


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_fits_320px_and_has_no_serious_accessibility_violation(page_factory, sample_site_url, path):
    page = page_factory(viewport_width=320)
    page.goto(sample_site_url + path)
    assert no_horizontal_scroll(page)
    violations = axe_check(page)
    assert violations == [], format_violations(violations)
