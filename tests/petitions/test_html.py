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
    assert doc.xpath("string(//ol/li)") == f"2026年11月26日 10:11 {HOSTILE}"
    reply = doc.xpath("//div[@class='qq-reply']")[0]
    assert [reply.text, *(br.tail for br in reply)] == [HOSTILE, "第二行"]
    assert doc.xpath("//input[@type='hidden']/@value") == [HOSTILE, HOSTILE]


def test_receipt_and_lookup_show_chinese_dates_in_the_site_zone(site):
    receipt = parse(
        html.receipt_panel(
            {"receipt": "R", "code": "C", "received_at": "2026-12-01T09:05:30+08:00",
             "acknowledge_by": "2026-12-02"},
            "lookup/",
        )
    )  # fmt: skip
    text = receipt.text_content()
    assert "2026年12月1日 09:05" in text and "2026年12月2日" in text
    assert "2026-12" not in text
    assert receipt.xpath("//time/@datetime") == ["2026-12-01T09:05:30+08:00"]
    view = {
        "status_label": "办理中", "receipt": "R", "category_name": "政策咨询", "subject": "S",
        "received_at": "2026-12-01T01:05:30+00:00", "due": "2026-12-15",
        "timeline": [{"at": "2026-12-01T16:30:00+00:00", "note": "已受理"}],
    }  # fmt: skip
    text = parse(html.lookup_result(view, site)).text_content()
    # UTC instants (as a database may hand them back) read in the site's zone (UTC+8).
    assert "2026年12月1日 09:05" in text and "2026年12月2日 00:30 已受理" in text
    assert "2026年12月15日" in text and "T" not in text.replace("Tel", "")


def test_standalone_pages_escape_title_and_message(site):
    page = html.message_page(site, HOSTILE, HOSTILE)
    doc = lxml_html.document_fromstring(page)
    assert not doc.xpath("//script|//b")
    assert doc.xpath("string(//h1)") == HOSTILE
    assert doc.xpath("string(//main/p[1])") == HOSTILE
    assert page.endswith("</html>\n")
