"""The diff page and POST /api/v1/diff through the app (TestClient): both inputs, downloads, errors, escaping."""
from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from tosscan import diff
from tosscan.settings import Settings
from tosscan.web import create_app

from webserver import document_server

OLD = "The company may use the content you upload in any form, in any media or technology.\n"
NEW = "Uploads are solely used to create your digital clone and deleted afterwards.\n"
NO_FILE = ("", b"", "application/octet-stream")  # what a browser sends for an empty file input


@pytest.fixture(scope="module")
def client(scanner):
    with TestClient(create_app(Settings(allow_private_urls=True), scanner=scanner)) as client:
        yield client


def post_page(client, files=None, **fields):
    files = files or {"old_file": NO_FILE, "new_file": NO_FILE}
    return client.post("/diff", data={"lang": "auto", **fields}, files=files)


def test_form_has_two_labelled_inputs_of_each_kind_and_no_script(client):
    page = client.get("/diff").text
    for side in ("old", "new"):
        for field in ("text", "file", "url"):
            assert re.search(rf'<label for="{side}_{field}">', page) and f'id="{side}_{field}"' in page
    assert 'enctype="multipart/form-data"' in page and "<script" not in page
    assert '<a href="/diff">Compare versions</a>' in client.get("/").text  # reachable from every page's menu
    example = client.get("/diff?example=1").text
    assert "in any media or technology" in example and "digital clone" in example


def test_page_compares_pasted_versions(client):
    response = post_page(client, old_text=OLD, new_text=NEW)
    assert response.status_code == 200
    page = response.text
    assert "Better for you" in page and 'href="/diff.css"' in page
    card = re.search(r'<article class="finding change risk status-removed_risk">.*?</article>', page, re.S).group(0)
    assert "critical" in card and f"<del>{OLD.strip()}</del>" in card
    assert re.search(r'class="grade grade-[DE]">[DE]</span>\s*<span class="arrow"', page)


def test_page_compares_an_upload_with_a_url(client):
    body = f"<!doctype html><html><body><main><p>{NEW}</p></main></body></html>".encode()
    with document_server({"/terms": (200, {"Content-Type": "text/html"}, body)}) as docs:
        files = {"old_file": ("old-terms.txt", OLD.encode(), "text/plain"), "new_file": NO_FILE}
        page = post_page(client, files=files, new_url=f"{docs}/terms").text
    assert "old-terms.txt" in page and f"{docs}/terms" in page
    assert "removed risk" in page


def test_downloads_rebuild_the_same_comparison(client):
    page = post_page(client, old_text=OLD, new_text=NEW, lang="en").text
    fields = {name: html.unescape(value)
              for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page)}
    assert fields["old_text"] == OLD and fields["new_text"] == NEW and fields["lang"] == "en"
    download = post_page(client, **fields, format="json")
    assert download.headers["content-disposition"] == 'attachment; filename="tosscan-diff.json"'
    data = download.json()
    assert data == json.loads(diff(OLD, NEW, "en").to_json()) | {"before": data["before"], "after": data["after"]}
    assert data["before"]["source"] == "old version (pasted)"
    markdown = post_page(client, **fields, format="markdown")
    assert markdown.text.startswith("# What changed in these terms")


def test_page_error_names_the_version_and_keeps_the_form(client):
    response = post_page(client, old_text=OLD, new_text="", new_url="")
    assert response.status_code == 422
    page = response.text
    assert re.search(r'role="alert".*new version: nothing to scan', page, re.S)
    assert OLD.strip() in page  # what was typed is still there


def test_versions_in_two_languages_are_refused_with_a_reason(client):
    chinese = "您同意本公司有权以任何形式、任何媒体或技术使用您上传的内容。我们会删除您的照片。"
    response = client.post("/api/v1/diff", json={"old": {"text": OLD}, "new": {"text": chinese}})
    assert response.status_code == 422 and response.json()["error"] == "language_mismatch"
    assert "same language" in response.json()["message"]
    page = post_page(client, old_text=OLD, new_text=chinese)
    assert page.status_code == 422 and "same language" in page.text  # on the form, not a diff of everything


def test_pasted_chinese_versions_are_named_in_chinese(client):
    old = "您同意本公司有权以任何形式、任何媒体或技术使用您上传的内容。"
    new = "您上传的照片仅用于生成数字分身，生成后立即删除。"
    page = post_page(client, old_text=old, new_text=new).text
    shown = re.sub(r'<input type="hidden"[^>]*>', "", page)  # the form's own marker for a re-posted download
    assert "旧版本（粘贴的文本）" in shown and "新版本（粘贴的文本）" in shown
    assert "old version (pasted)" not in shown
    assert "old version (pasted)" in post_page(client, old_text=OLD, new_text=NEW).text


def test_hostile_text_is_escaped(client):
    hostile = '<script>alert("x")</script> "><img src=x onerror=alert(1)>'
    page = post_page(client, old_text=OLD + hostile, new_text=NEW + hostile).text
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page


def test_api_json(client):
    response = client.post("/api/v1/diff", json={"old": {"text": OLD}, "new": {"text": NEW}, "lang": "en"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    data = response.json()
    assert data["schema"] == "tosscan.diff/1" and data["verdict"] == "better"
    assert [c["status"] for c in data["changes"] if c["category"] == "content-license" and c["kind"] == "risk"] == \
        ["removed_risk"]


def test_api_multipart_files(client):
    files = {"old_file": ("old.txt", OLD.encode(), "text/plain"), "new_file": ("new.md", NEW.encode(), "text/markdown")}
    data = client.post("/api/v1/diff", files=files).json()
    assert (data["before"]["source"], data["after"]["source"]) == ("old.txt", "new.md")
    assert data["counts"]["removed_risk"] == 1


@pytest.mark.parametrize("body, status, code", [
    ({"old": {"text": OLD}}, 422, "invalid_body"),
    ({"old": {"text": OLD}, "new": {"text": NEW}, "extra": 1}, 422, "invalid_body"),
    ({"old": {"text": OLD}, "new": {"text": NEW}, "lang": "fr"}, 422, "invalid_body"),
    ({"old": {"text": "  "}, "new": {"text": NEW}}, 422, "empty"),
    ({"old": {"text": OLD, "url": "https://example.com/"}, "new": {"text": NEW}}, 422, "invalid_body"),
])
def test_api_errors(client, body, status, code):
    response = client.post("/api/v1/diff", json=body)
    assert response.status_code == status, response.text
    assert response.json()["error"] == code


def test_api_error_says_which_version(client):
    message = client.post("/api/v1/diff", json={"old": {"text": OLD}, "new": {"text": ""}}).json()["message"]
    assert message.startswith("new version:")
    unsupported = client.post("/api/v1/diff", content=b"old", headers={"content-type": "text/plain"})
    assert unsupported.status_code == 415


def test_api_is_documented(client):
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/v1/diff"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert "tosscan.diff/1" in operation["description"]


def test_diff_css_is_served(client):
    response = client.get("/diff.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert "ins {" in response.text
