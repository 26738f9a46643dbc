"""`serve_api`: the named WSGI application answers the API paths of the preview, nothing else."""

from __future__ import annotations

import pytest

from generator.adapters.mkdocs.preview_api import ApiNameError, api_prefix, load_wsgi, with_api


def test_the_prefix_comes_from_the_form_endpoint():
    assert api_prefix("/api/petitions") == "/api/"
    assert api_prefix("/gov/api/petitions/") == "/gov/api/"
    assert api_prefix("/petitions") == "/"
    assert api_prefix("https://other.example.gov.cn/api/petitions") is None
    assert api_prefix("//other.example.gov.cn/api/petitions") is None


def test_paths_under_the_prefix_go_to_the_api():
    def named(name):
        return lambda environ, start_response: [name]

    app = with_api(named(b"site"), named(b"api"), "/api/")
    assert app({"PATH_INFO": "/api/petitions"}, None) == [b"api"]
    assert app({"PATH_INFO": "/apis/"}, None) == [b"site"]
    assert app({"PATH_INFO": "/petitions/"}, None) == [b"site"]


def test_the_handler_is_found_by_its_wsgi_name():
    from generator.petitions.wsgi import application

    assert load_wsgi("generator.petitions.wsgi:application") is application


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("generator.petitions.wsgi", "模块:对象"),
        ("generator.nowhere:application", "找不到"),
        ("generator.petitions.wsgi:nothing", "找不到"),
        ("generator.petitions.wsgi:log", "不是 WSGI 应用"),
    ],
)
def test_a_wrong_name_says_what_is_wrong(name, says):
    with pytest.raises(ApiNameError, match=says):
        load_wsgi(name)
