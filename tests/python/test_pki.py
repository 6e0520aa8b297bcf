"""Signed documents through the Python binding (mirrors check_pki.c): the
bureau's root, the city centre and an organization made here; an electronic
certificate signed by its organization, countersigned by the city centre and
verified offline from the bureau's root certificate alone; each refusal."""

import datetime as dt
import pytest

import skillcert

ORG = "91110108MA01ABCD2H"
ORG_B = "91110105MA01CHY00K"

CERT_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<certificate xmlns="urn:skillcert:certificate:1" version="1" issuer="org:91110108MA01ABCD2H" batch="CERT-S000011000001244000001" number="S000011000001244000001" status="issued">
  <title>职业技能等级证书</title>
  <holder name="王芳" id-type="居民身份证" id-number="11010519491231002X" photo="sha256:ab12"/>
  <qualification occupation="4-02-07-10" occupation-name="网约配送员" work-type="--" level="4" level-text="四级/中级工"/>
  <issuer name="北京智训科技有限公司" credit-code="%s" district="110108"/>
  <dates certified="2024-03-10" issued="2024-03-15"/>
  <body>经评价，该同志具备相应职业技能等级水平。</body>
  <query qr-code="S000011000001244000001" certificate-url="http://jndj.osta.org.cn" organization-url="http://pjjg.osta.org.cn"/>
</certificate>
""" % ORG


def party(issuer_key, issuer_cert, name, start=dt.date(2024, 1, 1), end=dt.date(2030, 12, 31)):
    key = skillcert.pki_key_new()
    req = skillcert.pki_request_new(key, name)
    return key, skillcert.pki_certify(issuer_key, issuer_cert, req, start, end)


@pytest.fixture(scope="module")
def pki():
    root_key = skillcert.pki_key_new()
    root = skillcert.pki_certify(root_key, None,
                                 skillcert.pki_request_new(root_key, "city-bureau"),
                                 dt.date(2024, 1, 1), dt.date(2035, 12, 31))
    centre_key, centre = party(root_key, root, "city-centre")
    org_key, org = party(centre_key, centre, "org:" + ORG, end=dt.date(2027, 12, 31))
    orgb_key, orgb = party(centre_key, centre, "org:" + ORG_B, end=dt.date(2027, 12, 31))
    return dict(root=root, root_key=root_key, centre_key=centre_key, centre=centre,
                org_key=org_key, org_chain=org + centre, orgb_key=orgb_key,
                orgb_chain=orgb + centre)


def published(p, doc=CERT_DOC, key="org_key", chain="org_chain"):
    issued = skillcert.xml_sign(doc, p[key], p[chain], "2024-03-15T09:00:00Z")
    return skillcert.xml_sign(issued, p["centre_key"], p["centre"], "2024-04-01T09:00:00Z",
                              "publication")


def test_pki_certificate_offline_from_the_root_alone(pki):
    doc = published(pki)
    # Only the document and the bureau's root certificate: no registry, no network.
    d = skillcert.certificate_verify_document(doc, pki["root"])
    assert d.number == "S000011000001244000001"
    assert d.holder == "王芳"
    assert d.id_number == "11010519491231002X"
    assert d.occupation_name == "网约配送员"
    assert d.level == 4 and d.level_text == "四级/中级工"
    assert d.credit_code == ORG and d.org_name == "北京智训科技有限公司"
    assert d.published == 1 and d.published_at == "2024-04-01T09:00:00Z"
    assert d.signer == "org:" + ORG and d.signed_at == "2024-03-15T09:00:00Z"


def test_pki_certificate_refusals(pki):
    doc = published(pki)
    with pytest.raises(skillcert.ValidationError, match="bad-signature"):
        skillcert.certificate_verify_document(doc.replace('level="4"', 'level="3"'), pki["root"])
    issued = skillcert.xml_sign(CERT_DOC, pki["org_key"], pki["org_chain"],
                                "2024-03-15T09:00:00Z")
    with pytest.raises(skillcert.ValidationError, match="not-countersigned"):
        skillcert.certificate_verify_document(issued, pki["root"])
    with pytest.raises(skillcert.ValidationError, match="wrong-party"):
        skillcert.certificate_verify_document(published(pki, key="orgb_key", chain="orgb_chain"),
                                              pki["root"])
    with pytest.raises(skillcert.ValidationError, match="unsigned"):
        skillcert.certificate_verify_document(CERT_DOC, pki["root"])
    other_key = skillcert.pki_key_new()
    other_root = skillcert.pki_certify(other_key, None,
                                       skillcert.pki_request_new(other_key, "city-bureau"),
                                       dt.date(2024, 1, 1), dt.date(2035, 12, 31))
    with pytest.raises(skillcert.ValidationError, match="unknown-signer"):
        skillcert.certificate_verify_document(doc, other_root)


def test_pki_sign_verify_and_chain(pki):
    doc = skillcert.xml_sign('<r xmlns="urn:x" issuer="org:%s"/>' % ORG, pki["org_key"],
                             pki["org_chain"], "2024-06-01T08:00:00Z")
    v = skillcert.xml_verify(doc, pki["root"])
    assert v.ok == 1 and v.party == "org:" + ORG and len(v.fingerprint) == 64
    late = skillcert.xml_sign('<r xmlns="urn:x"/>', pki["org_key"], pki["org_chain"],
                              "2028-06-01T08:00:00Z")
    with pytest.raises(skillcert.ValidationError, match="expired"):
        skillcert.xml_verify(late, pki["root"])
    c = skillcert.pki_verify_chain(pki["root"], pki["org_chain"], None, dt.date(2025, 1, 1))
    assert c.ok == 1
    c = skillcert.pki_verify_chain(pki["root"], pki["org_chain"], None, dt.date(2029, 1, 1))
    assert c.ok == 0 and skillcert.sig_reason_name(c.reason) == "expired"
    info = skillcert.pki_cert_info(pki["org_chain"])
    assert info.party == "org:" + ORG and info.issuer == "city-centre"


def test_pki_who_certifies_whom(pki):
    req = skillcert.pki_request_new(skillcert.pki_key_new(), "org:" + ORG_B)
    with pytest.raises(skillcert.Error):
        skillcert.pki_certify(pki["root_key"], pki["root"], req, dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    with pytest.raises(skillcert.ValidationError):
        skillcert.pki_request_new(pki["org_key"], "nobody")


def test_pki_doctype_signature_scheme():
    assert (skillcert.doctype_signature_scheme(skillcert.DOC_CANDIDATE_BATCH)
            == skillcert.SIGNATURE_SCHEME_DETACHED)
    assert (skillcert.doctype_signature_scheme(skillcert.DOC_CONFIRMATION)
            == skillcert.SIGNATURE_SCHEME_ENVELOPED)
    assert skillcert.doctype_signature_scheme(999) == skillcert.SIGNATURE_SCHEME_NONE


def test_pki_batch_from_memory_with_its_detached_signature(pki, tmp_path):
    """A candidate batch with its detached signature, from memory, into an anchored
    registry (sc_xml_import_memory_signed); each refusal changes nothing."""
    from test_application import Registry, make_verified
    org_side = Registry(str(tmp_path / "org.db"))
    district = Registry(str(tmp_path / "district.db"))
    try:
        w = district.who
        district.db.pki_anchor_set(w.city, pki["root"])
        make_verified(org_side)
        batch = org_side.db.application_batch_export_memory(org_side.ann, "HD-P-1")
        sig = skillcert.pki_sign_detached(batch, pki["org_key"], pki["org_chain"],
                                          "2024-06-01T08:00:00Z")
        assert sig.startswith("-----BEGIN CMS-----")
        # Unsigned, tampered, signed by another organization: refused, unchanged.
        e = district.refused(skillcert.ValidationError, district.db.import_memory, w.haidian,
                             batch)
        assert "unsigned" in str(e)
        e = district.refused(skillcert.ValidationError, district.db.import_memory_signed,
                             w.haidian, batch.replace('level="5"', 'level="4"'), sig)
        assert "bad-signature" in str(e)
        other = skillcert.pki_sign_detached(batch, pki["orgb_key"], pki["orgb_chain"],
                                            "2024-06-01T08:00:00Z")
        e = district.refused(skillcert.ValidationError, district.db.import_memory_signed,
                             w.haidian, batch, other)
        assert "wrong-party" in str(e)
        # Signed by the organization it names: imported.
        r = district.db.import_memory_signed(w.haidian, batch, sig, "batch.xml")
        assert (r.doctype, r.records) == (skillcert.DOC_CANDIDATE_BATCH, 3)
        assert district.db.import_memory_signed(w.haidian, batch, sig).already_imported
    finally:
        org_side.db.close()
        district.db.close()


def test_pki_development_setting(pki):
    """A new registry imports no unsigned document; the city bureau (only it)
    switches it to development, which then accepts one (issue 12)."""
    city = skillcert.Actor(skillcert.ACTOR_CITY_BUREAU, None, "市人社局")
    centre = skillcert.Actor(skillcert.ACTOR_CITY_CENTRE, None, "中心")
    with skillcert.Database() as source, skillcert.Database() as fresh:
        source.load_notice(city)  # the built-in catalog loads whatever the setting
        catalog = source.export_memory()
        assert fresh.pki_development_get() is False
        with pytest.raises(skillcert.ValidationError, match=r"unsigned.*development registry"):
            fresh.import_memory(city, catalog)
        signed = skillcert.xml_sign(catalog, pki["root_key"], pki["root"])
        with pytest.raises(skillcert.ValidationError, match="no trust anchor"):
            fresh.import_memory(city, signed)
        with pytest.raises(skillcert.DeniedError):
            fresh.pki_development_set(centre, True)
        assert fresh.pki_development_get() is False
        fresh.pki_development_set(city, True)
        assert fresh.pki_development_get() is True
        assert fresh.import_memory(city, catalog).records > 0
        assert list(fresh.audit_entries())[0].action == "pki.development_set"
