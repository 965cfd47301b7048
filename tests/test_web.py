"""The HTTP API: the same JSON as the command line, clear 400/413/422 answers, one model
shared safely by concurrent requests, and no 500 whatever the input (schemathesis)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from importlib import resources

import jsonschema
import pytest
import schemathesis
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from invite_lint import Linter
from invite_lint.cli import main
from invite_lint.web.app import create_app

DEFAULT_FR = "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."
SCHEMA = json.loads((resources.files("invite_lint") / "schema" / "report.schema.json").read_text())


@pytest.fixture(scope="module")
def app(linter: Linter):  # type: ignore[no-untyped-def]
    return create_app(linter)


@pytest.fixture(scope="module")
def client(app):  # type: ignore[no-untyped-def]
    return TestClient(app)


def test_lint_answers_what_check_json_answers(client: TestClient, tmp_path) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/v1/lint", json={"text": DEFAULT_FR})
    assert response.status_code == 200
    document = response.json()
    jsonschema.validate(document, SCHEMA)
    draft = tmp_path / "d.txt"
    draft.write_text(DEFAULT_FR, encoding="utf-8")
    cli = json.loads(CliRunner().invoke(main, ["check", "--no-plugins", "--format", "json", str(draft)]).output)
    api_file, cli_file = document["files"][0], cli["files"][0]
    assert api_file["verdict"] == cli_file["verdict"] == "rewrite"
    assert api_file["findings"] == cli_file["findings"]
    assert {k: v for k, v in api_file.items() if k != "path"} == {k: v for k, v in cli_file.items() if k != "path"}


def test_lint_takes_recipient_lang_and_channel(client: TestClient) -> None:
    text = "Hi Sam, I watched your PyCon talk on type hints. How did you get your team to adopt them?"
    response = client.post("/v1/lint", json={"text": text, "lang": "en", "channel": "inmail",
                                             "recipient": {"name": "Sam Lee"}})
    file = response.json()["files"][0]
    assert (file["lang"], file["lang_source"], file["channel"]) == ("en", "given", "inmail")
    assert "missing-recipient-name" not in {f["rule"] for f in file["findings"]}


def test_coach_answers_what_coach_json_answers(client: TestClient) -> None:
    response = client.post("/v1/coach", json={"text": DEFAULT_FR, "recipient": {
        "name": "Karine", "about": "votre article sur la qualité de vie au travail"}})
    assert response.status_code == 200
    suggestions = response.json()
    assert 1 <= len(suggestions) <= 3
    assert all({"text", "template", "facts_used"} <= s.keys() for s in suggestions)
    assert all("Karine" in s["text"] and "qualité de vie au travail" in s["text"] for s in suggestions)


def test_coach_takes_the_kind_and_the_detail(client: TestClient) -> None:
    follow_up = client.post("/v1/coach", json={"text": "Bonjour Marc, ravi d'avoir échangé hier.", "kind":
                                               "follow_up_after_meeting", "recipient": {"met": "au salon Vivatech"}})
    assert follow_up.status_code == 200
    [first, *_] = follow_up.json()
    assert first["kind"] == "follow_up_after_meeting" and first["kind_source"] == "given"
    assert "au salon Vivatech" in first["text"] and "?" in first["text"]
    painter = client.post("/v1/coach", json={"text": "", "lang": "fr", "recipient": {
        "name": "Karine", "about": "votre toile exposée au parc Montsouris", "detail": "les couleurs"}}).json()
    assert "ces couleurs" in painter[0]["text"].split(". ")[-1]
    assert client.post("/v1/coach", json={"text": "x", "kind": "cold_call"}).status_code == 422


def test_rules_health_channels_and_page(client: TestClient, linter: Linter) -> None:
    rules = client.get("/v1/rules").json()
    assert len(rules) == len(linter.rules) and {"id", "rationale", "severity"} <= rules[0].keys()
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/v1/channels").json()["limits"]["linkedin_note"] == 300
    page = client.get("/")
    assert page.status_code == 200 and "<textarea" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing from outside
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "https://" not in script.text


def test_malformed_json_is_400_with_a_message(client: TestClient) -> None:
    response = client.post("/v1/lint", content=b'{"text": ', headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("malformed JSON")


@pytest.mark.parametrize("body", [{"text": 3}, {}, {"text": "x", "channel": "fax"}, {"text": "x", "extra": 1},
                                  {"text": "x", "recipient": {"nom": "Karine"}}])
def test_invalid_requests_are_422_and_name_the_field(client: TestClient, body: dict) -> None:  # type: ignore[type-arg]
    response = client.post("/v1/lint", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid request" and response.json()["details"]


def test_bodies_over_the_limit_are_413(client: TestClient) -> None:
    big = json.dumps({"text": "a" * 150_000})
    assert client.post("/v1/lint", content=big, headers={"content-type": "application/json"}).status_code == 413

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(30):  # no Content-Length: the limit is counted as the body arrives
            yield b" " * 5_000

    streamed = client.post("/v1/lint", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_concurrent_requests_share_the_model_safely(client: TestClient) -> None:
    texts = [DEFAULT_FR, "Hello Sam, I loved your talk on type hints. How do you teach it to juniors?",
             "Bonjour Claire, votre article sur la médiation m'a appris beaucoup. Comment êtes-vous venue à ce métier ?",
             "slt, tu px m'ajouter stp ?"] * 6
    alone = [client.post("/v1/lint", json={"text": t}).json()["files"] for t in texts]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda t: client.post("/v1/lint", json={"text": t}).json()["files"], texts))
    assert together == alone


def test_openapi_document_describes_the_api(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert {"/v1/lint", "/v1/coach", "/v1/rules", "/health"} <= document["paths"].keys()
    assert "Report_finding" in document["components"]["schemas"]


schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Linter(plugins=False)))


@schema.parametrize()
# derandomize: the same inputs on every run, so CI does not fail at random; raise
# max_examples locally to explore (400 per operation passed when this was written)
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_error_on_any_input(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(checks=[not_a_server_error])
