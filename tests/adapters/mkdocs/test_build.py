"""Real builds: strict, warning-free, byte-identical, nothing written into the repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.builds import REPO


def _files(root: Path) -> dict[str, bytes]:
    # Everything, the Pagefind bundle included (generator/adapters/mkdocs/canonical.py makes its
    # filter files stable).
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_sample_builds_without_warnings(sample_build):
    assert "WARNING" not in sample_build.output
    assert (sample_build.site / "index.html").is_file()
    for collection in ("policies", "funds", "guides", "announcements", "consultations"):
        items = list((REPO / "content" / collection).glob("*.md"))
        built = list((sample_build.site / collection).glob("*/index.html"))
        assert len(built) == len(items) > 0


def test_fixture_builds_strict_without_warnings(fixture_site):
    assert "WARNING" not in fixture_site.output


def test_two_builds_are_byte_identical(fixture_site, fixture_site_again):
    first, second = _files(fixture_site.site), _files(fixture_site_again.site)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert any(name.startswith("pagefind/filter/") for name in first)


def test_nothing_is_written_into_the_repository(sample_site):
    docs_dir = REPO / "site_overrides" / "docs"
    assert sorted(p.name for p in docs_dir.iterdir()) == [".gitkeep"]
    status = subprocess.run(
        ["git", "status", "--porcelain", "--", "content", "site_overrides/docs"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


def test_item_pages_stay_small_and_out_of_the_nav(fixture_site):
    for page in fixture_site.site.glob("*/*/index.html"):
        assert page.stat().st_size < 60_000, page
    home = fixture_site.page("")
    nav = [a.text_content().strip() for a in home.cssselect(".qq-nav a")]
    assert nav[:5] == ["首页", "政策文件", "资金项目", "办事指南", "结果公示"]
    item_titles = {
        a.text_content().strip() for a in fixture_site.page("funds").cssselect("tbody a")
    }
    assert not item_titles & set(nav)


def test_attachments_are_copied(fixture_site):
    copied = fixture_site.site / "attachments" / "policy.pdf"
    assert copied.read_bytes() == (fixture_site.content / "attachments" / "policy.pdf").read_bytes()
