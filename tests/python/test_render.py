"""The rendered certificate through the Python binding (render.h): the QR
code's content and Database.certificate_render (mirrors test-render.sh)."""

import pytest

import skillcert
from test_certificate import Registry


@pytest.fixture
def fx():
    with skillcert.Database() as db:
        yield Registry(db)


def test_render_qr_text():
    text = skillcert.certificate_qr_text("s000011000001244000001", "王芳",
                                         "https://verify.example.org/")
    assert text == ("https://verify.example.org/?v=1&number=S000011000001244000001"
                    "&name=%E7%8E%8B%E8%8A%B3")
    assert skillcert.certificate_qr_text("S000011000001244000001", "A b").startswith(
        skillcert.VERIFY_URL_DEFAULT + "/?v=1&")
    assert skillcert.certificate_qr_text("S000011000001244000001", "A b").endswith("name=A%20b")
    for number, name, url in (("S1", "王芳", None), ("S000011000001244000001", "", None),
                              ("S000011000001244000001", "王芳", "ftp://x"),
                              ("S000011000001244000001", "王芳", "http://x/\"<script>")):
        with pytest.raises(skillcert.ValidationError):
            skillcert.certificate_qr_text(number, name, url)


def test_render_files(fx, tmp_path):
    s = fx.passed(1, 2)
    number = fx.valid(s, 1)
    for name, magic in (("c.pdf", b"%PDF-"), ("c.svg", b"<?xml"), ("c.png", b"\x89PNG")):
        path = tmp_path / name
        fx.db.certificate_render(number, str(path), "https://verify.example.org")
        assert path.read_bytes().startswith(magic), name
    # Only issued certificates are drawn; unknown numbers are not found.
    reported = fx.report(s, 2)
    with pytest.raises(skillcert.ConstraintError):
        fx.db.certificate_render(reported, str(tmp_path / "r.pdf"))
    assert not (tmp_path / "r.pdf").exists()
    with pytest.raises(skillcert.NotFoundError):
        fx.db.certificate_render("S000011000001244000099", str(tmp_path / "n.pdf"))
    with pytest.raises(skillcert.Error):
        fx.db.certificate_render(number, str(tmp_path / "no-dir" / "x.pdf"))
