"""`qinqing serve`'s composition: /staff/ reaches the workbench through the site and API
dispatcher with SCRIPT_NAME set, and `--staff-from` is checked before anything starts."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli.main import main
from generator.petitions.serve import static_and_api
from generator.workbench.app import LOOPBACK, StaffApp
from tests.petitions.conftest import make_settings
from tests.workbench.test_wsgi import _call


def test_staff_is_mounted_beside_the_site_and_the_api(site, store, database_url, clock, tmp_path):
    (tmp_path / "index.html").write_text("网站首页", encoding="utf-8")
    workbench = StaffApp(make_settings(site, database_url, "off"), store, clock, LOOPBACK)
    app = static_and_api(lambda e, s: [b"api"], tmp_path, {"/staff": workbench})
    status, _, body = _call(app, "/staff/sign-in", script_name="")
    assert status == 200 and 'action="/staff/sign-in"' in body
    status, headers, _ = _call(app, "/staff", script_name="")
    assert status == 301 and headers["Location"] == "/staff/"
    status, headers, _ = _call(app, "/staff/", script_name="")
    assert status == 303 and headers["Location"] == "/staff/sign-in"
    status, _, body = _call(app, "/staff/sign-in", script_name="", remote="192.168.1.9")
    assert status == 403
    assert _call(app, "/", script_name="")[2] == "网站首页"
    assert _call(app, "/staffing", script_name="")[0] == 404  # not under the mount


def test_a_bad_staff_network_is_refused_before_starting():
    result = CliRunner().invoke(main, ["serve", "--staff-from", "everyone"])
    assert result.exit_code == 2 and "--staff-from" in result.output and "everyone" in result.output
