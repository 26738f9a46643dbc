"""`generator.petitions.wsgi:staff_application`: configured from the environment like
`application`, mounted through SCRIPT_NAME, a bad setting answered 503 naming it."""

from __future__ import annotations

import io

from generator.petitions import wsgi
from tests.petitions.conftest import SECRET
from tests.workbench.conftest import StaffClient


def _call(app, path_info: str, script_name: str = "/staff", remote: str = "127.0.0.1"):
    environ = {
        "REQUEST_METHOD": "GET", "SCRIPT_NAME": script_name, "PATH_INFO": path_info,
        "QUERY_STRING": "", "REMOTE_ADDR": remote, "wsgi.input": io.BytesIO(b""),
    }  # fmt: skip
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = int(status.split()[0]), dict(headers)

    body = b"".join(app(environ, start_response)).decode()
    return seen["status"], seen["headers"], body


def _environment(monkeypatch, site_path, database_url):
    monkeypatch.setenv("QINQING_CONFIG", str(site_path))
    monkeypatch.setenv("QINQING_DATABASE_URL", database_url)
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    monkeypatch.setattr(wsgi, "_apps", {})


def test_staff_application_from_the_environment(monkeypatch, site_path, database_url):
    _environment(monkeypatch, site_path, database_url)
    monkeypatch.setenv("QINQING_STAFF_FROM", "127.0.0.1, 10.0.0.0/8")
    try:
        status, headers, body = _call(wsgi.staff_application, "/")
        assert status == 303 and headers["Location"] == "/staff/sign-in"
        for script_name, path_info in (("/staff", ""), ("", "/staff")):  # no trailing slash
            status, headers, _ = _call(wsgi.staff_application, path_info, script_name)
            assert status == 301 and headers["Location"] == "/staff/"
        status, _, body = _call(wsgi.staff_application, "/sign-in", remote="10.1.2.3")
        assert status == 200 and 'action="/staff/sign-in"' in body
        assert 'href="/staff/assets/staff.css"' in body
        # Mounted elsewhere, the links follow SCRIPT_NAME.
        status, _, body = _call(wsgi.staff_application, "/sign-in", script_name="/office")
        assert status == 200 and 'action="/office/sign-in"' in body
        status, _, body = _call(wsgi.staff_application, "/sign-in", remote="203.0.113.9")
        assert status == 403 and "只接受本机或单位内网" in body
    finally:
        for app in wsgi._apps.values():
            app.store.close()


def test_a_bad_network_setting_answers_503_naming_it(monkeypatch, site_path, database_url):
    _environment(monkeypatch, site_path, database_url)
    monkeypatch.setenv("QINQING_STAFF_FROM", "10.0.0.0/8,intranet")
    status, _, body = _call(wsgi.staff_application, "/sign-in")
    assert status == 503 and "QINQING_STAFF_FROM" in body and "intranet" in body
    assert wsgi.main() == 1  # the deployment check names it too


def test_the_style_sheet_and_the_desk_script_are_served(staff_app):
    client = StaffClient(staff_app)
    css, script = client.get("/staff/assets/staff.css"), client.get("/staff/assets/desk.js")
    assert css.status == 200 and css.header("Content-Type") == "text/css; charset=utf-8"
    assert ".stack" in css.text
    assert script.status == 200 and script.header("Content-Type").startswith("text/javascript")
    assert "reply-template" in script.text
