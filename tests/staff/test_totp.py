"""RFC 6238 codes: the current step and one either side, each step once; recovery codes."""

from __future__ import annotations

import base64

import pyotp

from generator.staff import totp

NOW = 1_795_658_400.0  # a multiple of 30


def test_rfc6238_sha1_vector():
    # RFC 6238 appendix B: secret "12345678901234567890", T = 59 s -> 94287082 (8 digits).
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert pyotp.TOTP(secret, digits=8).at(59) == "94287082"


def test_the_window_is_one_step_either_side():
    secret = totp.new_secret()
    code = pyotp.TOTP(secret)
    step = int(NOW // 30)
    assert totp.matching_step(secret, code.at(NOW), NOW, 0) == step
    assert totp.matching_step(secret, code.at(NOW - 30), NOW, 0) == step - 1
    assert totp.matching_step(secret, code.at(NOW + 30), NOW, 0) == step + 1
    assert totp.matching_step(secret, code.at(NOW - 60), NOW, 0) is None
    assert totp.matching_step(secret, code.at(NOW + 60), NOW, 0) is None


def test_a_step_at_or_before_the_last_used_one_is_refused():
    secret = totp.new_secret()
    code = pyotp.TOTP(secret).at(NOW)
    step = totp.matching_step(secret, code, NOW, 0)
    assert totp.matching_step(secret, code, NOW, step) is None
    assert totp.matching_step(secret, pyotp.TOTP(secret).at(NOW - 30), NOW, step) is None


def test_malformed_codes_never_match():
    secret = totp.new_secret()
    for code in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦", "12 34 5"):
        assert totp.matching_step(secret, code, NOW, 0) is None, code
    right = pyotp.TOTP(secret).at(NOW)
    assert totp.matching_step(secret, " ".join(right), NOW, 0) is not None
    full_width = "".join(chr(ord(d) + 0xFEE0) for d in right)  # typed with a Chinese IME
    assert totp.matching_step(secret, full_width, NOW, 0) is not None


def test_recovery_codes():
    codes = totp.new_recovery_codes()
    assert len(set(codes)) == 10 and all(len(c) == 11 and c[5] == "-" for c in codes)
    assert totp.normalize_recovery(" ABCDE-fghjk ") == "abcdefghjk"
    assert "otpauth://totp/" in totp.provisioning_uri(totp.new_secret(), "lin", "工作台")
