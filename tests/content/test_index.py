"""Cross-references, history and update dates of the content index."""

from __future__ import annotations

import datetime as dt
import subprocess

from conftest import TODAY, item_with

from generator.content.loader import load_content

D = dt.date


def test_cross_references_in_both_directions(site_tree):
    index = load_content(site_tree(), today=TODAY).index
    assert [f.id for f in index.funds_based_on("base-policy")] == ["digital-fund"]
    assert [a.id for a in index.announcements_of("digital-fund")] == ["digital-results"]
    assert index.guide_of("digital-fund").id == "digital-guide"
    assert [f.id for f in index.funds_with_guide("digital-guide")] == ["digital-fund"]
    assert {i.id for i in index.related("digital-fund")} == {
        "base-policy",
        "digital-guide",
        "digital-results",
    }
    assert {i.id for i in index.related("base-policy")} == {"digital-fund"}


def test_fund_with_published_results(site_tree):
    index = load_content(site_tree(), today=TODAY).index
    fund = index.get("digital-fund")
    assert index.status(fund, TODAY).label == "已公示结果"
    assert index.status(fund, D(2026, 11, 19)).label == "申报中"


def test_repeal_links_both_ways(site_tree):
    newer = item_with(
        "policies/base-policy.md",
        doc_number="晋政规〔2026〕1号",
        published="2026-01-01",
        signed="2026-01-01",
    )
    older = item_with(
        "policies/base-policy.md", repealed={"date": "2026-01-01", "by": "newer-policy"}
    )
    index = load_content(
        site_tree({"policies/newer-policy.md": newer, "policies/base-policy.md": older}),
        today=TODAY,
    ).index
    assert index.replaced_by("base-policy").id == "newer-policy"
    assert [p.id for p in index.replaces("newer-policy")] == ["base-policy"]
    assert not index.is_current(index.get("base-policy"), TODAY)


def test_updated_prefers_field_then_major_changes(site_tree):
    changes = [
        {"date": "2026-02-01", "note": "调整条件", "major": True},
        {"date": "2026-03-01", "note": "改错字", "major": False},
    ]
    index = load_content(
        site_tree(
            {"guides/digital-guide.md": item_with("guides/digital-guide.md", changes=changes)}
        ),
        today=TODAY,
    ).index
    guide = index.get("digital-guide")
    assert index.updated(guide) == D(2026, 2, 1)
    assert [h.note for h in index.history(guide)] == ["改错字", "调整条件"]
    assert index.feed_updated(guide) == D(2026, 2, 1)


def git(cwd, *args, date=None):
    env = {
        "GIT_AUTHOR_NAME": "编辑",
        "GIT_AUTHOR_EMAIL": "e@x",
        "GIT_COMMITTER_NAME": "编辑",
        "GIT_COMMITTER_EMAIL": "e@x",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "HOME": str(cwd),
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_git_history_and_shallow_clone(site_tree, tmp_path):
    root = site_tree()
    repo = root.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "首次发布", date="2026-01-10T09:00:00+08:00")
    (root / "guides" / "digital-guide.md").write_text(
        item_with("guides/digital-guide.md", title="新标题"), encoding="utf-8"
    )
    git(repo, "commit", "-qam", "更新指南标题", date="2026-06-02T10:00:00+08:00")

    index = load_content(root, with_git=True).index
    guide = index.get("digital-guide")
    assert [(h.date, h.note) for h in index.history(guide)] == [
        (D(2026, 6, 2), "更新指南标题"),
        (D(2026, 1, 10), "首次发布"),
    ]
    assert index.updated(guide) == D(2026, 6, 2)
    assert not index.git.shallow and index.git.head

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    shallow = load_content(clone / "content", with_git=True).index
    assert shallow.git.shallow
    # The cut-off commit is not the files' real date: no git dates are claimed.
    assert shallow.history(shallow.get("digital-guide")) == []
    assert shallow.updated(shallow.get("digital-guide")) == D(2026, 1, 5)
