"""The HTTP API against a real uvicorn on a loopback port: same findings as the CLI, concurrency,
bad requests, limits, the token and the review store."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests._live_server import call, live_server

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "corpus/samples/ft-putin-trump.txt").read_text(encoding="utf-8")
SHORT = "Poutine said Declared that the talks «went well» ; Or not. The rate rose to 2,8 %."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    with live_server(tmp) as base:
        yield base


def cli_json(text: str, tmp: Path) -> dict:
    path = tmp / "article.txt"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mtcheck", "scan", str(path), "--format", "json"],
                         capture_output=True, text=True, cwd=tmp)
    return json.loads(out.stdout)["files"][0]


def test_health(server):
    status, body = call(server, "GET", "/v1/health")
    assert status == 200 and body["status"] == "ok" and body["model_loaded"] is False and body["version"]


@pytest.mark.parametrize("text", [SEED, SHORT, "Clean English text with nothing wrong in it."])
def test_check_matches_the_cli(server, tmp_path, text):
    status, body = call(server, "POST", "/v1/check", {"text": text, "path": "article.txt"})
    assert status == 200
    expected = cli_json(text, tmp_path)
    for key in ("words", "score", "passed", "findings"):
        assert body[key] == expected[key], key


def test_fix_returns_text_and_edits(server):
    status, body = call(server, "POST", "/v1/fix", {"text": SHORT})
    assert status == 200
    assert body["text"].startswith("Putin said that")
    assert any(e["code"] == "U001" and e["replacement"] == "Putin" for e in body["applied"])
    assert all("explanation" in e for e in body["applied"] + body["proposed"])


@pytest.mark.parametrize("raw,status", [
    (b"{not json", 400),
    (b"[1, 2]", 422),
    (b"{}", 422),
    (b'{"text": 5}', 422),
    (b'{"text": "x", "source": []}', 422),
    (b'{"text": "x", "colour": "red"}', 422),
    (b'{"text": "x", "source_lang": "xx"}', 422),
    (b"\xff\xfe", 400),
])
def test_bad_requests_get_one_line_errors_and_the_server_stays_healthy(server, raw, status):
    got, body = call(server, "POST", "/v1/check", raw=raw)
    assert got == status
    assert isinstance(body["error"], str) and "\n" not in body["error"]
    assert call(server, "GET", "/v1/health")[0] == 200


def test_unknown_route_and_method(server):
    assert call(server, "GET", "/v1/nothing")[0] == 404
    assert call(server, "GET", "/v1/check")[0] == 405


def test_openapi_describes_the_api(server):
    status, spec = call(server, "GET", "/openapi.json")
    assert status == 200 and spec["openapi"].startswith("3.")
    assert {"/v1/check", "/v1/fix", "/v1/health"} <= set(spec["paths"])


def test_hundred_requests_sixteen_at_a_time(server):
    texts = [f"Story {i}: Poutine met the chinese president on monday ; talks went well." for i in range(100)]

    def one(text):
        return call(server, "POST", "/v1/check", {"text": text})

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, texts))
    assert all(status == 200 for status, _ in results)
    first = [(f["code"], f["start"] - len("Story 0")) for f in results[0][1]["findings"]]
    for i, (_, body) in enumerate(results):
        shift = len(f"Story {i}") - len("Story 0")
        assert [(f["code"], f["start"] - len("Story 0") - shift) for f in body["findings"]] == first


def test_body_limit_and_token(tmp_path):
    with live_server(tmp_path, "--max-body", "1000", env={"MTCHECK_TOKEN": "s3cret"}) as base:
        assert call(base, "GET", "/v1/health")[0] == 401
        assert call(base, "GET", "/v1/health", headers={"Authorization": "Bearer nope"})[0] == 401
        auth = {"Authorization": "Bearer s3cret"}
        assert call(base, "GET", "/v1/health", headers=auth)[0] == 200
        status, body = call(base, "POST", "/v1/check", {"text": "x" * 2000}, headers=auth)
        assert status == 413 and "limit" in body["error"]
        assert call(base, "POST", "/v1/check", {"text": "Fine."}, headers=auth)[0] == 200


def test_reviews_are_stored_decided_and_exported(server):
    status, review = call(server, "POST", "/v1/reviews", {"text": SHORT, "title": "Short"})
    assert status == 201 and review["title"] == "Short"
    findings = review["report"]["findings"]
    exonym = next(i for i, f in enumerate(findings) if f["code"] == "U001")
    percent = next(i for i, f in enumerate(findings) if f["text"].strip().startswith("2,8"))
    rid = review["id"]
    status, review = call(server, "PUT", f"/v1/reviews/{rid}/decisions/{exonym}", {"decision": "accept"})
    assert status == 200 and review["corrected_text"].startswith("Putin said Declared")
    status, review = call(server, "PUT", f"/v1/reviews/{rid}/decisions/{percent}", {"decision": "reject"})
    assert "2,8" in review["corrected_text"]
    assert call(server, "PUT", f"/v1/reviews/{rid}/decisions/999", {"decision": "accept"})[0] == 404
    assert call(server, "PUT", f"/v1/reviews/{rid}/decisions/0", {"decision": "maybe"})[0] == 422
    listed = call(server, "GET", "/v1/reviews")[1]["reviews"]
    assert any(r["id"] == rid and r["decided"] == 2 for r in listed)
    again = call(server, "GET", f"/v1/reviews/{rid}")[1]
    assert again["decisions"][str(exonym)]["decision"] == "accept"
    exported = call(server, "GET", f"/v1/reviews/{rid}/export")[1]
    assert exported["glossary_terms"] == [findings[percent]["text"].strip()]
    assert len(exported["baseline"]["findings"]) == 1 and exported["baseline"]["tool"] == "mtcheck"
    assert call(server, "GET", "/v1/reviews/nope")[0] == 404


def test_request_timeout_gives_504_and_the_server_stays_healthy(tmp_path):
    long_text = " ".join([SEED] * 4)
    with live_server(tmp_path, "--timeout", "0.1") as base:
        status, body = call(base, "POST", "/v1/check", {"text": long_text})
        assert status == 504 and "longer than" in body["error"]
        assert call(base, "GET", "/v1/health")[0] == 200


def test_check_with_a_source_runs_the_source_aware_rules(server):
    source = "Le plan coûte 3 millions d'euros. Le ministre l'a annoncé mardi."
    target = "The plan costs 30 million euros. The minister announced it on Tuesday."
    status, body = call(server, "POST", "/v1/check", {"text": target, "source": source})
    assert status == 200
    assert any(f["category"] == "mistranslation" and "30" in f["text"] for f in body["findings"])
    plain = call(server, "POST", "/v1/check", {"text": target})[1]
    assert not any(f["category"] == "mistranslation" for f in plain["findings"])
