"""The sample site under content/: every feed parses, every link lands on a page, every deadline is there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from generator.content.loader import load_content
from generator.features.feeds import build_subscription_files
from generator.urls import absolute
from tests.features.feeds.conftest import read_front_matter

SAMPLE = Path(__file__).resolve().parents[3] / "content"
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def sample():
    result = load_content(SAMPLE, TODAY)
    assert result.ok, "the sample content under content/ does not load cleanly"
    files = {f.path: f.data for f in build_subscription_files(result.index, TODAY)}
    return result.index, files


def _feed_links(files) -> set[str]:
    return {
        entry.link
        for path, data in files.items()
        if path.startswith("feeds/")
        for entry in feedparser.parse(data).entries
    }


def test_sample_feeds_parse_and_link_to_existing_items(sample):
    index, files = sample
    content = read_front_matter(SAMPLE)
    feeds = [p for p in files if p.startswith("feeds/")]
    assert feeds
    for path in feeds:
        assert feedparser.parse(files[path]).bozo == 0, path
    base = absolute(index.site, "")
    for link in _feed_links(files):
        collection, item_id = link.removeprefix(base).rstrip("/").split("/")
        assert content[item_id][0] == collection


def test_sample_calendar_holds_every_deadline(sample):
    index, files = sample
    cal = Calendar.from_ical(files["calendar/deadlines.ics"])
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    host = index.site.base_url.host
    for item_id, (collection, fm) in read_front_matter(SAMPLE).items():
        if fm["published"] > TODAY:
            continue
        if collection == "funds":
            assert f"{item_id}-closes@{host}" in uids
        elif collection == "announcements":
            assert f"{item_id}-publicity@{host}" in uids


def test_sample_feed_links_resolve_in_a_real_build(sample, sample_site):
    index, files = sample
    base = absolute(index.site, "")
    for link in _feed_links(files):
        assert (sample_site / link.removeprefix(base) / "index.html").is_file(), link
    for path in files:
        assert (sample_site / path).is_file(), path


def test_industry_feeds_follow_the_eligibility_rules_too(sample):
    """Two sample funds admit `medical` by rule only: a medical firm's feed carries them."""
    index, files = sample
    by_rule = {
        item.id
        for item in index.collection("funds")
        if "medical" not in item.data.industries
        and any(
            c.rule and c.rule.field == "industry" and "medical" in c.rule.value
            for c in item.data.eligibility
        )
    }
    assert len(by_rule) == 2
    links = {e.link for e in feedparser.parse(files["feeds/industry-medical.atom.xml"]).entries}
    assert {absolute(index.site, f"funds/{fund_id}/") for fund_id in by_rule} <= links
