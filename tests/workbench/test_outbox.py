"""The 通知发送 page: failed messages listed without recipients, retried by a supervisor; handlers refused."""

from __future__ import annotations

from generator.notify.outbox import PENDING, Message, Outbox, Retry


def test_supervisor_sees_and_retries_failed_messages(staff_app, signed_in, clock):
    from generator.petitions.keys import Keyring

    outbox = Outbox(staff_app.store, Keyring(staff_app.settings.secret), Retry(max_attempts=1))
    now = clock().timestamp()
    outbox.put(
        [Message("R1.1.email", "email", "secret-person@example.com", "petition.received", {})], now
    )
    (claimed,) = outbox.claim(now, 10, 60)
    outbox.settle([(claimed, "451 邮件服务器暂不可用")], now)
    client = signed_in("chen", roles={"supervisor"}, departments={"gxj"})
    page = client.get("/staff/outbox")
    assert page.status == 200
    assert (
        "R1.1.email" in page.text
        and "451 邮件服务器暂不可用" in page.text
        and "企业：已收到" in page.text
    )
    assert "secret-person@example.com" not in page.text
    answer = client.post("/staff/outbox/retry", {"key": "R1.1.email"})
    assert answer.status == 303 and outbox.counts() == {PENDING: 1}
    assert "已重新排队 1 条" in client.get(answer.location).text
    forged = client.get("/staff/outbox?done=" + "全部消息已删除，请联系")
    assert (
        forged.status == 200
        and "已重新排队" not in forged.text
        and "全部消息已删除" not in forged.text
    )


def test_a_handler_cannot_see_the_outbox(signed_in):
    client = signed_in("lin", roles={"handler"}, departments={"gxj"})
    assert client.get("/staff/outbox").status == 403
    assert client.post("/staff/outbox/retry", {"key": "all"}).status == 403
