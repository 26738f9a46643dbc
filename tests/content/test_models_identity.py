"""site.yaml's `identity` (主办单位, 网站标识码, 备案号): accepted forms, lookup links, check errors."""

from __future__ import annotations

import yaml
from click.testing import CliRunner
from conftest import SITE

from generator.cli.main import main
from generator.models.identity import Identity

GOOD = {
    "sponsor": "晋江市工业和信息化局",
    "site_code": 3505820001,
    "icp": "闽ICP备12345678号-1",
    "police": "闽公网安备 35058202000123号",
    "conac_id": "ABC123",
}


def test_good_identity_gives_the_lookup_links():
    identity = Identity.model_validate(GOOD)
    assert identity.site_code == "3505820001"  # unquoted digits are kept as written
    assert identity.police_url == "https://beian.mps.gov.cn/#/query/webSearch?code=35058202000123"
    assert identity.conac_url == "https://bszs.conac.cn/sitename?method=show&id=ABC123"


def test_ministry_site_code_and_no_space_in_police_record():
    identity = Identity.model_validate(
        {**GOOD, "site_code": "bm01000001", "police": "闽公网安备35058202000123号"}
    )
    assert identity.police_url.endswith("=35058202000123")


def test_only_the_sponsor_is_required():
    identity = Identity.model_validate({"sponsor": "某某局"})
    assert identity.police_url is None and identity.conac_url is None


def check(site_tree, identity: dict) -> str:
    site = {**SITE, "identity": identity}
    root = site_tree({"site.yaml": yaml.safe_dump(site, allow_unicode=True)})
    result = CliRunner().invoke(
        main, ["check", "--content", str(root), "--today", "2026-11-26"], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    return result.output


def test_malformed_numbers_are_check_errors_that_say_the_right_form(site_tree):
    output = check(
        site_tree,
        {
            "sponsor": "某某局",
            "site_code": "35058",
            "icp": "ICP备12345678号",
            "police": "闽公网安备 123号",
            "conac_id": "id with spaces",
        },
    )
    assert "site.yaml" in output
    assert "不是网站标识码：应为 10 位数字" in output and "[identity.site_code]" in output
    assert "不是 ICP 备案号" in output and "[identity.icp]" in output
    assert "不是公安机关备案号" in output and "[identity.police]" in output
    assert "不是党政机关网站标识编号" in output and "[identity.conac_id]" in output


def test_missing_sponsor_is_named(site_tree):
    output = check(site_tree, {"icp": "闽ICP备12345678号"})
    assert "sponsor" in output and "[identity.sponsor]" in output


def test_every_collection_has_a_chinese_name_and_every_name_a_collection():
    from generator.models.collection_labels import COLLECTION_LABELS
    from generator.models.items import COLLECTIONS

    assert list(COLLECTION_LABELS) == list(COLLECTIONS)
