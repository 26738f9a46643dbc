"""Department resolution: the related item's, else the category's default, else unassigned;
and `check` names a category default that site.yaml does not define."""

from __future__ import annotations

import dataclasses

from generator.content.loader import load_content
from generator.petitions.config import load_site
from generator.petitions.departments import Departments, item_departments
from generator.petitions.service import Petitions
from tests.petitions.conftest import SITE_YAML, make_settings, submit

SITE = SITE_YAML.replace(
    "departments:\n  gxj:\n    name: 晋江市工业和信息化局\n",
    "departments:\n  gxj:\n    name: 晋江市工业和信息化局\n  kjj:\n    name: 晋江市科学技术局\n"
    "    short_name: 科技局\n",
).replace(
    "petitions:\n",
    "petitions:\n  categories:\n    consult: {name: 政策咨询, department: gxj}\n"
    "    request: {name: 困难诉求}\n    report: {name: 投诉举报, anonymous: true}\n",
)
FUND = "---\ntitle: 技改资金\ndepartment: kjj\npublished: 2026-01-05\n---\n正文\n"


def content(tmp_path, site=SITE):
    (tmp_path / "site.yaml").write_text(site, encoding="utf-8")
    (tmp_path / "funds").mkdir()
    (tmp_path / "funds" / "tech-fund-2026.md").write_text(FUND, encoding="utf-8")
    (tmp_path / "funds" / "broken.md").write_text("---\n: [\n---\n", encoding="utf-8")
    return tmp_path


def test_related_item_then_category_then_unassigned(tmp_path):
    root = content(tmp_path)
    departments = Departments(load_site(root / "site.yaml"), root)
    assert item_departments(root) == {"tech-fund-2026": "kjj"}
    assert departments.resolve("request", "tech-fund-2026") == "kjj"
    assert departments.resolve("consult", "no-such-item") == "gxj"
    assert departments.resolve("request", None) is None


def test_item_of_an_unknown_department_falls_back(tmp_path):
    root = content(tmp_path)
    (root / "funds" / "tech-fund-2026.md").write_text(FUND.replace("kjj", "gone"), "utf-8")
    departments = Departments(load_site(root / "site.yaml"), root)
    assert departments.resolve("consult", "tech-fund-2026") == "gxj"


def test_submission_records_the_department(tmp_path, store, database_url, clock):
    root = content(tmp_path)
    settings = dataclasses.replace(
        make_settings(load_site(root / "site.yaml"), database_url, "off"), content_dir=root
    )
    desk = Petitions(settings, store, clock)
    by_item = submit(desk, related="tech-fund-2026")
    by_category = submit(desk, category="consult")
    unassigned = submit(desk)
    assert store.get(by_item).events[0].data == {"department": "kjj"}
    assert store.get(by_category).state.department == "gxj"
    assert store.get(unassigned).state.department is None


def test_check_names_an_unknown_category_department(tmp_path):
    root = content(tmp_path, SITE.replace("department: gxj}", "department: nowhere}"))
    (root / "funds" / "broken.md").unlink()
    problems = [p for p in load_content(root).problems if p.code == "unknown_petition_department"]
    assert len(problems) == 1
    found = problems[0]
    assert (
        found.path.endswith("site.yaml") and found.key == "petitions.categories.consult.department"
    )
    assert (
        found.line
        == SITE.replace("department: gxj}", "department: nowhere}")
        .splitlines()
        .index("    consult: {name: 政策咨询, department: nowhere}")
        + 1
    )
    assert "nowhere" in found.message("zh") and "gxj" in found.message("zh")
