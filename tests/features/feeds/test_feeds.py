"""RSS and Atom feeds, parsed back: validity, ids, dates, links, item sets, order, updates."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from lxml import etree

from generator.features.feeds import build_feed_files, feed_links_for_page
from tests.features.feeds.conftest import (
    HOST,
    SITE,
    TODAY,
    as_date,
    by_name,
    load,
    read_front_matter,
)

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = f"https://{HOST}/"


@pytest.fixture
def files(tree):
    return by_name(build_feed_files(load(tree), TODAY))


def entry_ids(files, name):
    return [e.id for e in feedparser.parse(files[f"feeds/{name}.atom.xml"]).entries]


def linked_ids(files, name):
    """Item ids named by the entry links of a feed (links are /collection/id/)."""
    return {e.link.rstrip("/").rsplit("/", 1)[1] for e in feedparser.parse(files[name]).entries}


def test_every_feed_parses_without_errors(files):
    assert len(files) == 2 * (2 + 5 + 2 + 2 + 2)
    for path, data in files.items():
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("atom10" if path.endswith(".atom.xml") else "rss20"), path


def test_atom_files_carry_every_required_element(files):
    for path, data in files.items():
        if not path.endswith(".atom.xml"):
            continue
        feed = etree.fromstring(data)
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert (feed.findtext(f"{ATOM}{name}") or "").strip(), (path, name)
        assert feed.find(f"{ATOM}author/{ATOM}name") is not None
        self_links = [link.get("href") for link in feed.findall(f"{ATOM}link[@rel='self']")]
        assert self_links == [BASE + path]
        for entry in feed.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated", "summary"):
                assert (entry.findtext(f"{ATOM}{name}") or "").strip(), (path, name)
            links = entry.findall(f"{ATOM}link")
            assert any(link.get("rel", "alternate") == "alternate" for link in links)


def test_entry_ids_are_unique_tag_uris_and_dates_carry_the_offset(files):
    for path, data in files.items():
        parsed = feedparser.parse(data)
        ids = [e.id for e in parsed.entries]
        assert len(ids) == len(set(ids)), path
        assert all(i.startswith(f"tag:{HOST},") for i in ids)
        if path.endswith(".atom.xml"):
            root = etree.fromstring(data)
            stamps = [el.text for el in root.iter(f"{ATOM}updated", f"{ATOM}published")]
        else:
            root = etree.fromstring(data)
            stamps = [el.text for el in root.iter("pubDate", "lastBuildDate")]
            stamps += [el.text for el in root.iter("{http://purl.org/dc/elements/1.1/}date")]
        assert stamps, path
        assert all(s.endswith(("+08:00", "+0800")) for s in stamps), (path, stamps)


def test_links_point_at_item_pages_of_existing_items(tree, files):
    existing = read_front_matter(tree)
    for data in files.values():
        for entry in feedparser.parse(data).entries:
            collection, item_id = entry.link.removeprefix(BASE).rstrip("/").split("/")
            assert existing[item_id][0] == collection, entry.link


def _announced(front: dict) -> bool:
    return as_date(front["published"]) <= TODAY


def test_collection_department_and_taxonomy_feeds_hold_exactly_their_items(tree, files):
    content = read_front_matter(tree)
    announced = {i: (c, fm) for i, (c, fm) in content.items() if _announced(fm)}
    for collection in ("policies", "funds", "guides", "announcements", "consultations"):
        expected = {i for i, (c, _) in announced.items() if c == collection}
        assert linked_ids(files, f"feeds/{collection}.rss.xml") == expected, collection
        assert linked_ids(files, f"feeds/{collection}.atom.xml") == expected, collection
    for code in SITE["departments"]:
        expected = {i for i, (_, fm) in announced.items() if fm["department"] == code}
        assert expected, code  # the fixture gives every department something
        assert linked_ids(files, f"feeds/dept-{code}.atom.xml") == expected
    for kind, key in (("industry", "industries"), ("topic", "topics")):
        for code in SITE[key]:
            expected = {i for i, (_, fm) in announced.items() if code in fm.get(key, [])}
            assert linked_ids(files, f"feeds/{kind}-{code}.atom.xml") == expected
    assert linked_ids(files, "feeds/all.atom.xml") == set(announced)
    assert "future-policy" in content and "future-policy" not in announced


def test_open_funds_feed_holds_the_funds_open_on_the_day(tree, files):
    content = read_front_matter(tree)
    with_results = {
        fm.get("fund")
        for c, fm in content.values()
        if c == "announcements" and _announced(fm) and "withdrawn" not in fm
    }
    expected = set()
    for item_id, (collection, fm) in content.items():
        if collection != "funds" or "withdrawn" in fm or item_id in with_results:
            continue
        opens, closes = fm["opens"], fm["closes"]
        opens = opens.date() if isinstance(opens, dt.datetime) else as_date(opens)
        closes = closes.date() if isinstance(closes, dt.datetime) else as_date(closes)
        if opens <= TODAY <= closes:
            expected.add(item_id)
    assert expected == {"open-fund"}
    assert linked_ids(files, "feeds/funds-open.rss.xml") == expected
    entry = feedparser.parse(files["feeds/funds-open.atom.xml"]).entries[0]
    assert "申报中" in [t.term for t in entry.tags]
    assert "【申报中】" in entry.summary


def test_entries_are_newest_first_and_the_feed_is_as_new_as_its_newest_entry(files):
    for path, data in files.items():
        parsed = feedparser.parse(data)
        stamps = [e.updated_parsed for e in parsed.entries]
        assert stamps == sorted(stamps, reverse=True), path
        if stamps:
            assert parsed.feed.updated_parsed == stamps[0], path


def test_limit_keeps_the_newest_entries(tree):
    index = load(tree)
    full = by_name(build_feed_files(index, TODAY))
    short = by_name(build_feed_files(index, TODAY, limit=2))
    assert entry_ids(short, "all") == entry_ids(full, "all")[:2]


def test_categories_name_collection_department_taxonomies_and_status(files):
    entries = {e.link: e for e in feedparser.parse(files["feeds/all.atom.xml"]).entries}
    fund = entries[BASE + "funds/open-fund/"]
    terms = [t.term for t in fund.tags]
    for name in (
        "资金项目",
        "测试市工业和信息化局",
        "纺织服装",
        "食品饮料",
        "数字化转型",
        "申报中",
    ):
        assert name in terms
    assert "申报时间：2026-11-01 至 2026-12-31 17:00" in fund.summary


def test_summary_falls_back_to_a_plain_text_excerpt(files):
    entries = {e.link: e for e in feedparser.parse(files["feeds/all.atom.xml"]).entries}
    guide = entries[BASE + "guides/digital-guide/"]
    assert "为推动数字化转型，制定本措施" in guide.summary
    assert "**" not in guide.summary and "](" not in guide.summary and "##" not in guide.summary


def test_repealed_policy_entry_says_so(files):
    entries = {e.link: e for e in feedparser.parse(files["feeds/policies.atom.xml"]).entries}
    old = entries[BASE + "policies/old-policy/"]
    assert old.title == "【已废止】旧的技术改造办法"
    assert "关于推动数字化转型的若干措施" in old.summary  # names its replacement
    assert old.updated.startswith("2026-06-01")


def _entry(files, name, link):
    return next(e for e in feedparser.parse(files[name]).entries if e.link == link)


def test_changing_the_title_keeps_the_entry_id(write_tree, items):
    before = by_name(build_feed_files(load(write_tree(items)), TODAY))
    items["funds/open-fund.md"]["title"] = "2026年数字化转型专项资金（第二批）"
    after = by_name(build_feed_files(load(write_tree(items)), TODAY))
    link = BASE + "funds/open-fund/"
    for name in ("feeds/all.atom.xml", "feeds/funds.rss.xml"):
        old, new = _entry(before, name, link), _entry(after, name, link)
        assert old.id == new.id
        assert new.title == "2026年数字化转型专项资金（第二批）" != old.title


def test_withdrawing_an_item_updates_its_entry(write_tree, items):
    link = BASE + "funds/open-fund/"
    before = _entry(
        by_name(build_feed_files(load(write_tree(items)), TODAY)), "feeds/funds.atom.xml", link
    )
    items["funds/open-fund.md"]["withdrawn"] = {
        "date": dt.date(2026, 11, 25),
        "reason": "政策调整，另行发布",
    }
    files = by_name(build_feed_files(load(write_tree(items)), TODAY))
    after = _entry(files, "feeds/funds.atom.xml", link)
    assert after.id == before.id
    assert after.updated_parsed > before.updated_parsed
    assert after.updated.startswith("2026-11-25")
    assert "已撤回" in after.title and "已撤回" in after.summary
    assert "政策调整，另行发布" in after.summary
    rss = _entry(files, "feeds/funds.rss.xml", link)
    assert rss.updated_parsed == after.updated_parsed  # dc:date carries it in RSS
    # A withdrawn fund is no longer open; its update still reaches the all feed, first.
    assert link not in {
        e.link for e in feedparser.parse(files["feeds/funds-open.atom.xml"]).entries
    }
    assert feedparser.parse(files["feeds/all.atom.xml"]).entries[0].link == link


def test_minor_changes_do_not_reannounce_but_major_ones_do(write_tree, items):
    link = BASE + "guides/digital-guide/"

    def updated(changes):
        items["guides/digital-guide.md"]["changes"] = changes
        files = by_name(build_feed_files(load(write_tree(items)), TODAY))
        return _entry(files, "feeds/guides.atom.xml", link).updated

    minor = [{"date": dt.date(2026, 10, 1), "note": "更正错别字", "major": False}]
    major = [{"date": dt.date(2026, 10, 1), "note": "办理地点变更"}]
    assert updated([]).startswith("2026-01-05")
    assert updated(minor).startswith("2026-01-05")
    assert updated(major).startswith("2026-10-01")


def test_bytes_do_not_depend_on_the_clock_or_the_run(tree):
    first = build_feed_files(load(tree), TODAY)
    second = build_feed_files(load(tree), TODAY)
    assert [(f.path, f.data) for f in first] == [(f.path, f.data) for f in second]


def test_an_empty_feed_is_valid_and_dated_from_content(write_tree, items):
    site = {**SITE, "industries": {**SITE["industries"], "paper": {"name": "纸制品"}}}
    files = by_name(build_feed_files(load(write_tree(items, site)), TODAY))
    parsed = feedparser.parse(files["feeds/industry-paper.atom.xml"])
    assert parsed.bozo == 0 and parsed.entries == []
    newest = feedparser.parse(files["feeds/all.atom.xml"]).entries[0]
    assert parsed.feed.updated == newest.updated


def test_page_links_name_feeds_that_exist(tree):
    index = load(tree)
    built = {f.path: f.media_type for f in build_feed_files(index, TODAY)}
    fund = index.get("open-fund")
    cases = [
        ("home", None, {"all", "funds-open"}),
        ("other", None, {"all"}),
        ("list", "funds", {"all", "funds"}),
        ("item", fund, {"all", "funds", "dept-gxj"}),
    ]
    for kind, obj, names in cases:
        links = feed_links_for_page(index, kind, obj)
        assert {href.split("/")[1].split(".")[0] for _, href, _ in links} == names
        for title, href, media_type in links:
            assert built[href] == media_type and title
