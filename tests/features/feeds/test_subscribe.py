"""The 订阅 page: every feed and file is listed with its address and a labelled copy button."""

from __future__ import annotations

from lxml import html

from generator.features.feeds import build_subscription_files, subscribe_page
from tests.features.feeds.conftest import HOST, TODAY, load


def test_lists_every_feed_calendar_and_data_file(write_tree, items):
    index = load(write_tree(items))
    page = subscribe_page(index, TODAY)
    assert page.src_uri == "subscribe/index.md" and page.title == "订阅"
    doc = html.fragment_fromstring(page.content, create_parent="div")
    shown = {code.text_content() for code in doc.iter("code")}
    built = {
        f"https://{HOST}/{f.path}"
        for f in build_subscription_files(index, TODAY)
        if f.path.startswith("feeds/") or f.path == "calendar/deadlines.ics"
    }
    assert built <= shown
    assert f"https://{HOST}/data/recipients.csv" in shown


def test_copy_buttons_are_labelled_and_hidden_until_script_runs(write_tree, items):
    page = subscribe_page(load(write_tree(items)), TODAY)
    doc = html.fragment_fromstring(page.content, create_parent="div")
    buttons = doc.findall(".//button[@data-qq-copy]")  # the copy buttons (not the signup form's)
    assert buttons
    for button in buttons:
        assert button.get("type") == "button"
        assert button.get("hidden") is not None
        assert button.get("aria-label", "").startswith(button.text_content())
        # The address the button copies is the visible text right before it.
        assert button.getprevious().text_content() == button.get("data-qq-copy")
    assert "\n\n" not in page.content  # one raw HTML block for Markdown
    assert "navigator.clipboard" in page.content


def test_explains_readers_email_and_calendars(write_tree, items):
    text = subscribe_page(load(write_tree(items)), TODAY).content
    for phrase in ("RSS 阅读器", "电子邮件", "日历"):
        assert phrase in text
