"""The built 订阅 page in Chromium: copy buttons only with JavaScript, no sideways scroll at 320 px."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("javascript", [True, False])
def test_subscribe_page_at_320_px(sample_site_url, page_factory, javascript):
    from tests.support.axe import axe_check, format_violations, no_horizontal_scroll

    page = page_factory(viewport_width=320, javascript=javascript)
    page.goto(sample_site_url + "subscribe/")
    page.wait_for_load_state("load")
    buttons = page.locator("button[data-qq-copy]")
    assert buttons.count() > 0
    assert buttons.first.is_visible() == javascript
    # The address itself is always readable text.
    assert page.locator("code", has_text="/feeds/all.atom.xml").first.is_visible()
    assert no_horizontal_scroll(page)
    if javascript:  # axe is injected as a script, which a page without JavaScript never runs
        # Only this page's own content is ours to answer for; the header belongs to the theme.
        violations = [
            v
            for v in axe_check(page)
            if any(
                page.evaluate("(s) => !!document.querySelector(s)?.closest('article')", t)
                for t in v["targets"]
            )
        ]
        assert not violations, format_violations(violations)
