"""Doc-number matching is linear on hostile input, in Python and in the browser's search.js."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.features.search import docnumber
from generator.features.search.docnumber import parse_doc_number

SEARCH_JS = Path(docnumber.__file__).with_name("assets") / "search.js"
# The fix folds whitespace before the unchanged pattern; the pattern on the raw (NFKC) text
# is the old behaviour, the reference wherever it finishes.
OLD_PATTERN = docnumber._DOC_NUMBER
HOSTILE = [
    "晋政规2025" + " " * 100_000 + "x",
    "晋政规〔2025〕" + " \t" * 50_000 + "号x",
    "晋政规2025年" + "\u3000" * 100_000 + "第",
    "晋" * 100_000 + "2025 5号 x",
    "晋政规" + " " * 100_000 + "2025" + " " * 100_000 + "5" + " " * 100_000 + "x",
]
CPU_BOUND_SECONDS = 1.0


def old_parse(text: str) -> tuple[str, str, str | None] | None:
    import unicodedata

    match = OLD_PATTERN.match(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    number = match["number"]
    return match["issuer"], match["year"], str(int(number)) if number is not None else None


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_doc_number_is_parsed_within_a_second_of_cpu(text):
    started = time.process_time()
    parse_doc_number(text)
    assert time.process_time() - started < CPU_BOUND_SECONDS


# Small inputs from the characters the pattern cares about: the old pattern finishes on
# them, so both must agree exactly.
PIECES = (
    ["晋", "政", "规", "2025", "1999", "5", "50", "年", "第", "号", " ", "  ", "\t", "〔", "〕",
     "[", "]", "【", "】", "(", ")", "x", "0"]
)  # fmt: skip
small = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(small)
def test_rewritten_matching_agrees_with_the_old_pattern(text):
    parsed = parse_doc_number(text)
    assert (parsed and (parsed.issuer, parsed.year, parsed.number)) == (old_parse(text) or None)


ORIGIN = "http://search-js.invalid"  # never resolved: every request is answered by the route
WORKER_DEADLINE_MS = 10_000
# In a worker, so a runaway pattern can be stopped: the worker gets search.js as a blob
# module (its top level looks for the search page's root, absent here) and each input's
# time on the page's own clock; the page terminates it at the deadline.
IN_WORKER = """async (inputs) => {
    const source = await (await fetch("%(origin)s/search.js")).text();
    const module = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const code = `globalThis.document = { querySelector: () => null };
        onmessage = async (e) => {
            const m = await import("${module}");
            postMessage(e.data.map((t) => {
                const start = performance.now(); m.parseDocNumber(t); m.normalizeQuery(t);
                return performance.now() - start; }));
        };`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })), { type: "module" });
    const answer = new Promise((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve(`worker error: ${e.message}`);
    });
    const late = new Promise((resolve) => setTimeout(() => resolve("deadline"), %(deadline)d));
    worker.postMessage(inputs);
    const result = await Promise.race([answer, late]);
    worker.terminate();
    return result;
}"""


def _search_js_page(page_factory):
    """A page on an intercepted origin that serves search.js (and an empty document)."""
    page = page_factory()

    def answer(route) -> None:
        if route.request.url.endswith(".js"):
            route.fulfill(body=SEARCH_JS.read_bytes(), content_type="text/javascript")
        else:
            route.fulfill(body=b"<!doctype html><title>t</title>", content_type="text/html")

    page.route(f"{ORIGIN}/**", answer)
    page.goto(f"{ORIGIN}/")
    return page


def _evaluate_in_chromium(page_factory, script: str, arg):
    """Run `script(module, arg)` with search.js imported as a module in the page."""
    page = _search_js_page(page_factory)
    return page.evaluate(
        f"async (arg) => {{ const m = await import('{ORIGIN}/search.js'); return ({script})(m, arg); }}",
        arg,
    )


def test_browser_parses_hostile_doc_numbers_without_freezing(page_factory):
    page = _search_js_page(page_factory)
    timings = page.evaluate(IN_WORKER % {"origin": ORIGIN, "deadline": WORKER_DEADLINE_MS}, HOSTILE)
    assert timings != "deadline", "search.js did not finish within the deadline"
    assert max(timings) < 1000, timings


def test_browser_cuts_a_query_at_200_characters(page_factory):
    words = _evaluate_in_chromium(
        page_factory,
        "(m, text) => [m.MAX_QUERY, m.normalizeQuery(text).words]",
        "政" * 5000,
    )
    assert words == [200, "政" * 200]


def test_browser_and_python_agree_on_small_inputs(page_factory):
    chooser = random.Random(13)
    texts = ["".join(chooser.choices(PIECES, k=chooser.randint(0, 10))) for _ in range(3000)]
    got = _evaluate_in_chromium(
        page_factory,
        "(m, texts) => texts.map((t) => { const d = m.parseDocNumber(t); return d && [d.issuer, d.year, d.number]; })",
        texts,
    )
    for text, parts in zip(texts, got, strict=True):
        assert parts == (old_parse(text) and list(old_parse(text))), text
