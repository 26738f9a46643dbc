"""Real Chromium, no CSP: pages built from hostile content run no script, whatever the reader does."""

from __future__ import annotations

import markdown
import pytest

from generator.markup.editor import EXTENSION_CONFIGS, MARKDOWN_EXTENSIONS
from tests.security.hostile import HostileBuild, hostile_body

# Real navigations are cancelled (the test stays on the page); a javascript: URL is not,
# so it would run if a link still had one.
INIT_SCRIPT = """
window.__pwned = undefined;
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[href]");
  if (link && /^(https?|mailto|tel|webcal):/i.test(link.href)) event.preventDefault();
}, true);
"""
# Every event an inline handler could wait for, on every element of the page.
EXERCISE_SCRIPT = """
() => {
  const events = ["mouseover", "mouseenter", "mousemove", "pointerenter", "pointerover",
                  "mousedown", "mouseup", "click", "dblclick", "focus", "focusin", "blur",
                  "keydown", "input", "change", "animationstart", "transitionend"];
  const all = Array.from(document.querySelectorAll("body *")).slice(0, 3000);
  for (const element of all) {
    if (element.focus) element.focus();
    for (const type of events) element.dispatchEvent(new Event(type, {bubbles: true}));
    if (element.tagName === "A" || element.tagName === "IMG") element.click();
  }
  return all.length;
}
"""
PAGES = ("policies/hostile-policy/", "policies/", "")


def _visit(page_factory, url: str) -> tuple[object, list[str]]:
    page = page_factory()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    origin = url.split("/", 3)[:3]
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.split("/", 3)[:3] == origin else route.abort()
        ),
    )
    page.add_init_script(INIT_SCRIPT)
    page.goto(url, wait_until="load")
    touched = page.evaluate(EXERCISE_SCRIPT)
    assert touched > 0
    for _ in range(40):  # real focus moves: autofocus, tabindex
        page.keyboard.press("Tab")
    for locator in page.locator("article a, article img, article h2").all()[:60]:
        if locator.is_visible():
            locator.hover(timeout=2000)
            locator.click(timeout=2000, no_wait_after=True)
    page.wait_for_load_state("load")
    return page, dialogs


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs_on_pages_built_from_hostile_content(
    hostile_build: HostileBuild, serve_dir, page_factory, path: str
):
    base = serve_dir(hostile_build.site)  # a plain static server: no CSP header
    page, dialogs = _visit(page_factory, base + path)
    assert page.url == base + path  # still on the page: every interaction ran here
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_the_same_content_without_the_sanitizer_runs_script(tmp_path, serve_dir, page_factory):
    # The harness above can see a script run: the vectors, converted by Python-Markdown
    # alone, do run in this browser.
    html = markdown.markdown(
        hostile_body(), extensions=list(MARKDOWN_EXTENSIONS), extension_configs=EXTENSION_CONFIGS
    )
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html><head><meta charset="utf-8"></head><body><article>{html}'
        "</article></body></html>",
        encoding="utf-8",
    )
    page, dialogs = _visit(page_factory, serve_dir(tmp_path))
    assert page.evaluate("window.__pwned") == 1 or dialogs
