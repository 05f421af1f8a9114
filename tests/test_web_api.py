"""The JSON API: /api/v1/scan (JSON text, JSON url, multipart file), rules, health, and every error status."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tosscan.report import render
from tosscan.settings import Settings
from tosscan.web import create_app

from conftest import make_pdf
from webserver import closed_port, document_server

MIAOYA = "The company may use the content you upload in any form, in any media or technology."
FLAGSHIP = "en-content-license-any-media"


@pytest.fixture(scope="module")
def client(scanner):
    app = create_app(Settings(allow_private_urls=True, fetch_timeout=5.0), scanner=scanner)
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def strict_client(scanner):
    """Default address policy (no private addresses) and small limits, to reach every refusal."""
    app = create_app(Settings(allow_private_urls=False, max_chars=2_000, max_bytes=5_000), scanner=scanner)
    with TestClient(app) as client:
        yield client


def flagship(report: dict) -> dict:
    return next(f for f in report["findings"] if f["rule"] == FLAGSHIP)


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and body["error"] == code
    assert isinstance(body["message"], str) and len(body["message"]) > 10
    return body


def test_scan_text_returns_the_cli_json_report(client, scanner):
    response = client.post("/api/v1/scan", json={"text": MIAOYA})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    data = response.json()
    assert data == json.loads(render(scanner.scan(MIAOYA), "json"))
    finding = flagship(data)
    assert finding["severity"] == "critical" and finding["kind"] == "risk"
    assert data["document"]["text"][finding["start"]:finding["end"]] == finding["text"]


def test_scan_text_with_language(client):
    data = client.post("/api/v1/scan", json={"text": MIAOYA, "lang": "en"}).json()
    assert data["language"] == "en" and flagship(data)


def test_scan_multipart_files(client):
    for name, body, ctype, fmt in [
        ("terms.txt", MIAOYA.encode(), "text/plain", "text"),
        ("terms.md", f"# Terms\n\n{MIAOYA}\n".encode(), "text/markdown", "markdown"),
        ("terms.html", f"<html><body><p>{MIAOYA}</p></body></html>".encode(), "text/html", "html"),
        ("terms.pdf", make_pdf(MIAOYA), "application/pdf", "pdf"),
    ]:
        response = client.post("/api/v1/scan", files={"file": (name, body, ctype)}, data={"lang": "auto"})
        assert response.status_code == 200, (name, response.text)
        data = response.json()
        assert data["document"]["source"] == name and data["document"]["format"] == fmt
        assert flagship(data)["severity"] == "critical"


def test_scan_url(client):
    page = f"<!doctype html><html><body><main><p>{MIAOYA}</p></main></body></html>".encode()
    with document_server({"/terms": (200, {"Content-Type": "text/html"}, page)}) as base:
        data = client.post("/api/v1/scan", json={"url": f"{base}/terms"}).json()
    assert data["document"]["source"] == f"{base}/terms" and flagship(data)


def test_413_too_large(strict_client):
    assert_error(strict_client.post("/api/v1/scan", json={"text": "word " * 1000}), 413, "too_large")
    big_file = {"file": ("terms.txt", b"word " * 2000, "text/plain")}
    assert_error(strict_client.post("/api/v1/scan", files=big_file), 413, "too_large")
    # A body past the request limit is refused from its Content-Length, before it is read.
    huge = b'{"text": "' + b"a" * 100_000 + b'"}'
    assert_error(strict_client.post("/api/v1/scan", content=huge, headers={"content-type": "application/json"}),
                 413, "too_large")


def test_413_for_a_streamed_body_without_length(strict_client):
    def chunks():
        for _ in range(40):
            yield b"a" * 4096

    response = strict_client.post("/api/v1/scan", content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413, "too_large")


def test_415_unsupported_types(client):
    assert_error(client.post("/api/v1/scan", files={"file": ("photo.png", b"\x89PNG\r\n\x1a\n....", "image/png")}),
                 415, "unsupported_type")
    assert_error(client.post("/api/v1/scan", files={"file": ("terms.docx", b"PK\x03\x04....", "application/zip")}),
                 415, "unsupported_type")
    assert_error(client.post("/api/v1/scan", content=MIAOYA, headers={"content-type": "text/plain"}),
                 415, "unsupported_media_type")


@pytest.mark.parametrize("body, code", [
    ({"text": ""}, "empty"),
    ({"text": "  \n\t "}, "empty"),
    ({}, "empty"),
    ({"text": MIAOYA, "url": "https://example.com/terms"}, "invalid_body"),
    ({"text": MIAOYA, "lang": "fr"}, "invalid_body"),
    ({"text": 42}, "invalid_body"),
    ({"txt": MIAOYA}, "invalid_body"),
    (["not", "an", "object"], "invalid_body"),
    ({"text": "\x00\x01\x02 binary"}, "binary"),
])
def test_422_invalid_bodies(client, body, code):
    assert_error(client.post("/api/v1/scan", json=body), 422, code)


def test_422_names_the_field_without_echoing_the_input(client):
    body = assert_error(client.post("/api/v1/scan", json={"text": MIAOYA, "lang": "fr"}), 422, "invalid_body")
    assert "lang" in body["message"] and body["details"][0]["field"] == "lang"
    assert MIAOYA not in json.dumps(body)


def test_422_malformed_json_and_empty_upload(client):
    response = client.post("/api/v1/scan", content=b'{"text": ', headers={"content-type": "application/json"})
    assert_error(response, 422, "invalid_body")
    assert_error(client.post("/api/v1/scan", files={"file": ("empty.txt", b"   ", "text/plain")}), 422, "empty")
    stub = b"<html><body><noscript>Please enable JavaScript to continue.</noscript></body></html>"
    assert_error(client.post("/api/v1/scan", files={"file": ("terms.html", stub, "text/html")}), 422, "needs_javascript")


def test_400_url_problems(client, strict_client):
    png = (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n")
    with document_server({"/logo.png": png}) as base:
        assert_error(client.post("/api/v1/scan", json={"url": f"{base}/logo.png"}), 400, "not_a_document")
        assert_error(client.post("/api/v1/scan", json={"url": f"{base}/missing"}), 400, "http_error")
        # The default policy refuses the same local server: loopback is a forbidden address.
        assert_error(strict_client.post("/api/v1/scan", json={"url": f"{base}/logo.png"}), 400, "forbidden_address")
    assert_error(client.post("/api/v1/scan", json={"url": f"http://127.0.0.1:{closed_port()}/"}), 400, "unreachable")
    assert_error(client.post("/api/v1/scan", json={"url": "http://169.254.169.254/latest/meta-data/"}),
                 400, "forbidden_address")
    assert_error(client.post("/api/v1/scan", json={"url": "file:///etc/passwd"}), 400, "bad_url")


def test_rules_api(client, scanner):
    rules = client.get("/api/v1/rules").json()
    assert len(rules) == len(scanner.ruleset.rules)
    assert {"id", "category", "kind", "severity", "title", "language"} <= set(rules[0])
    assert FLAGSHIP in {r["id"] for r in rules}
    rule = client.get(f"/api/v1/rules/{FLAGSHIP}").json()
    assert rule["severity"] == "critical" and MIAOYA in rule["examples"]["match"]
    assert_error(client.get("/api/v1/rules/en-no-such-rule"), 404, "not_found")


def test_healthz(client, scanner):
    data = client.get("/healthz").json()
    assert data["status"] == "ok" and data["rules"] == len(scanner.ruleset.rules) and "en" in data["languages"]


def test_openapi_documents_the_api(client):
    schema = client.get("/openapi.json").json()
    scan = schema["paths"]["/api/v1/scan"]["post"]
    assert set(scan["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert {"200", "400", "413", "415", "422"} <= set(scan["responses"])
    assert "/api/v1/rules/{rule_id}" in schema["paths"] and "/healthz" in schema["paths"]
    assert "/" not in schema["paths"]  # pages are not part of the API
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs/assets/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower() and "<script>" not in docs.text  # no inline script, nothing remote
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_security_headers_everywhere(client):
    for response in (client.get("/"), client.get("/healthz"), client.get("/api/v1/nothing"),
                     client.post("/api/v1/scan", json={"text": MIAOYA}), client.get("/static/site.css")):
        headers = response.headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp and "script-src" not in csp
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert client.post("/api/v1/scan", json={"text": MIAOYA}).headers["cache-control"] == "no-store"


def test_submitted_text_is_not_logged(client, caplog):
    secret = "Zebra-7781 The company may use the content you upload in any form."
    with caplog.at_level("DEBUG"):
        client.post("/api/v1/scan", json={"text": secret})
        client.post("/api/v1/scan", json={"text": secret, "lang": "xx"})
    assert "Zebra-7781" not in caplog.text


def test_422_for_a_language_without_rules_names_it(client):
    body = assert_error(client.post("/api/v1/scan", json={"text": "Мы можем использовать ваши фотографии в любых "
                                                                     "целях и изменить эти условия в любое время."}),
                        422, "unsupported_language")
    assert "Cyrillic" in json.dumps(body, ensure_ascii=False)

