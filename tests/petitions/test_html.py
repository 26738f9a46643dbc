"""The petition fragments escape every value exactly once: parsed back, each reads as given."""

from __future__ import annotations

from lxml import html as lxml_html

from generator.petitions import html

HOSTILE = "<script>alert('x')</script> \"q\" & <b>"


def parse(fragment: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<div>{fragment}</div>")


def test_form_values_and_messages_read_back_as_typed(site):
    values = {"subject": HOSTILE, "content": f"{HOSTILE}\n\n第二段", "enterprise": None}
    fragment = html.petition_form(site, values, [("subject", HOSTILE)], lookup_href=HOSTILE)
    doc = parse(fragment)
    assert "\n\n" not in fragment  # one HTML block for Markdown
    assert not doc.xpath("//script|//b")
    assert doc.get_element_by_id("f-subject").get("value") == HOSTILE
    assert doc.get_element_by_id("f-content").text == f"{HOSTILE}\n\n第二段"
    assert doc.get_element_by_id("f-enterprise").get("value") == ""
    assert doc.xpath("string(//*[@id='f-subject-error'])") == f"错误：{HOSTILE}"
    assert doc.xpath("string(//ul[@class='qq-error-summary__list']/li)") == HOSTILE
    assert doc.xpath("//form/@data-lookup") == [HOSTILE]


def test_lookup_result_and_rating_form_read_back_as_stored(site):
    view = {
        "status_label": HOSTILE, "receipt": HOSTILE, "category_name": HOSTILE,
        "subject": HOSTILE, "received_at": "2026-11-26T10:11:12",
        "timeline": [{"at": "2026-11-26T10:11:12", "note": HOSTILE}],
        "reply": f"{HOSTILE}\n第二行", "can_rate": True,
    }  # fmt: skip
    doc = parse(html.lookup_result(view, site, code=HOSTILE))
    assert not doc.xpath("//script|//b")
    assert doc.xpath("string(//h2)") == f"办理情况：{HOSTILE}"
    assert doc.xpath("string(//ol/li)") == f"2026-11-26 10:11 {HOSTILE}"
    reply = doc.xpath("//div[@class='qq-reply']")[0]
    assert [reply.text, *(br.tail for br in reply)] == [HOSTILE, "第二行"]
    assert doc.xpath("//input[@type='hidden']/@value") == [HOSTILE, HOSTILE]


def test_standalone_pages_escape_title_and_message(site):
    page = html.message_page(site, HOSTILE, HOSTILE)
    doc = lxml_html.document_fromstring(page)
    assert not doc.xpath("//script|//b")
    assert doc.xpath("string(//h1)") == HOSTILE
    assert doc.xpath("string(//main/p[1])") == HOSTILE
    assert page.endswith("</html>\n")
