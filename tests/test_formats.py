"""One output interface: every format of the registry renders the same reports (ruff style),
and the SARIF log is valid against the official SARIF 2.1.0 schema (tests/data/sarif/)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from invite_lint import Linter, __version__
from invite_lint.cli import main
from invite_lint.output import registry
from invite_lint.output.base import Context, Formatter, Rendered, Stream

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DRAFT = ("Bonjour Karine,\n\nJe souhaite rejoindre votre réseau  pour échanger avec vous stp.\n\n"
         "Cordialement,\nPaul\n")
ROWS = "id,text\n1,\"Bonjour, je souhaite rejoindre votre réseau.\"\n2,\"Hello, I'd like to add you to my network.\"\n"


@pytest.fixture()
def reports(tmp_path: Path, linter: Linter, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Three reports (a draft file, two rows of a CSV: positions in the message) and an
    input error (a missing file), linted with the built-in rules."""
    monkeypatch.chdir(tmp_path)
    Path("draft.txt").write_text(DRAFT, encoding="utf-8")
    Path("rows.csv").write_text(ROWS, encoding="utf-8")
    results, errors = linter.lint_paths(["draft.txt", "rows.csv", "missing.txt"])
    assert len(results) == 3 and len(errors) == 1
    return results, errors, Context(__version__, linter.rules)


def sarif_validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


def test_the_registry_names_every_format_and_each_is_a_formatter() -> None:
    assert registry.names() == ["text", "json", "jsonl", "github", "sarif"]
    for name in registry.names():
        formatter = registry.get(name)
        assert isinstance(formatter, Formatter) and formatter.name == name and formatter.help
        assert isinstance(formatter.stream(Context(__version__)), Stream)
    with pytest.raises(Exception, match="unknown output format 'xml'"):
        registry.get("xml")


@pytest.mark.parametrize("name", registry.names())
def test_each_format_renders_the_same_reports(name: str, reports) -> None:  # type: ignore[no-untyped-def]
    results, errors, context = reports
    rendered = registry.get(name).render(results, errors, context)
    assert isinstance(rendered, Rendered) and rendered.out.endswith("\n")
    findings = [(r.path, f) for r in results for f in r.report.findings]
    assert len(findings) > 5
    out = rendered.out
    if name == "text":
        assert "invite-lint: error: missing.txt" in rendered.err  # errors for people, on stderr
        for shown, f in [(r.display, f) for r in results for f in r.report.findings]:  # "rows.csv (row 1)"
            assert f"{shown}:{f.line}:{f.column}: {f.severity.value} {f.rule_id}" in out
        assert out.count("verdict ") == 3
    elif name == "json":
        document = json.loads(out)
        assert [f["path"] for f in document["files"]] == ["draft.txt", "rows.csv", "rows.csv"]
        assert sum(len(f["findings"]) for f in document["files"]) == len(findings)
        assert document["errors"][0]["path"] == "missing.txt"
    elif name == "jsonl":
        lines = [json.loads(line) for line in out.splitlines()]
        assert lines[0] == {"path": "missing.txt", "error": "no such file"}
        assert [(e["path"], e.get("row"), e.get("id")) for e in lines[1:]] == \
            [("draft.txt", None, None), ("rows.csv", 1, "1"), ("rows.csv", 2, "2")]
        assert lines[1]["positions"] == "file" and "text" not in lines[1]
        assert sum(len(e["findings"]) for e in lines[1:]) == len(findings)
    elif name == "github":
        lines = out.splitlines()
        assert all(line.startswith("::") for line in lines)
        assert lines[0].startswith("::error file=missing.txt::")
        for r in results:
            for f in r.report.findings:
                if r.positions == "file":
                    assert f"file={r.path},line={f.line},col={f.column},endLine={f.end_line}," \
                           f"endColumn={f.end_column},title={f.rule_id}::" in out
                else:  # a CSV row: the positions are the message's; the row's line, and its label
                    assert f"file={r.path},line={r.unit.line},title={f.rule_id} (row {r.unit.row}%2C id " \
                           f"{r.unit.row_id})::" in out
        assert [r.unit.line for r in results] == [None, 2, 3]
    else:
        log = json.loads(out)
        sarif_validator().validate(log)
        assert len(log["runs"][0]["results"]) == len(findings)
        rows = [res for res in log["runs"][0]["results"] if "label" in res.get("properties", {})]
        assert rows and all(res["locations"][0]["physicalLocation"]["region"]["startLine"] in (2, 3) for res in rows)


def test_sarif_results_rules_and_regions(reports) -> None:  # type: ignore[no-untyped-def]
    results, errors, context = reports
    log = json.loads(registry.get("sarif").render(results, errors, context).out)
    assert log["version"] == "2.1.0" and "sarif-schema-2.1.0.json" in log["$schema"]
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "invite-lint" and driver["version"] == __version__
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and {"sms-language", "unused-suppression"} <= set(ids)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    linked = [r for r in context.rules if r.spec.link]
    for rule in linked:
        assert rules[ids.index(rule.id)]["helpUri"] == rule.spec.link
    assert run["columnKind"] == "unicodeCodePoints"
    file_findings = {(f.rule_id, f.start): f for f in results[0].report.findings}
    in_file = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "draft.txt"]
    assert len(in_file) == len(file_findings)
    for entry in in_file:
        region = entry["locations"][0]["physicalLocation"]["region"]
        finding = file_findings[(entry["ruleId"], region["charOffset"])]
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
        assert entry["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity.value]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == \
               (finding.line, finding.column, finding.end_line, finding.end_column)
        assert DRAFT[region["charOffset"]:region["charOffset"] + region["charLength"]] == finding.text
        assert entry["message"]["text"].startswith(finding.message)
    sms = next(e for e in in_file if e["ruleId"] == "sms-language")
    replacement = sms["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] and replacement["deletedRegion"]["charLength"] == 3
    rows = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "rows.csv"]
    # message positions: the region is the row's line only; the finding's own is in messageRegion
    assert rows and all(r["locations"][0]["physicalLocation"]["region"] in ({"startLine": 2}, {"startLine": 3})
                        for r in rows)
    assert all("messageRegion" in r["properties"] for r in rows)
    assert all(re.match(r"row \d, id \d: ", r["message"]["text"]) for r in rows)
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
           == "missing.txt"
    reports_of = {a["location"]["uri"]: a["properties"]["reports"] for a in run["artifacts"]}
    assert reports_of["draft.txt"][0]["verdict"] == results[0].report.verdict.value
    assert len(reports_of["rows.csv"]) == 2


def test_check_format_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("drafts").mkdir()
    Path("drafts/a.txt").write_text(DRAFT, encoding="utf-8")
    Path(".invite-lint.yaml").write_text("ignore: [no-question]\nseverity:\n  double-space: warning\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "--no-daemon", "drafts", "-"], input="Salut stp\n")
    assert result.exit_code == 1, result.output
    log = json.loads(result.output)
    sarif_validator().validate(log)
    run = log["runs"][0]
    ids = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "no-question" not in ids  # the configuration's rules, as they ran
    assert ids["double-space"]["defaultConfiguration"]["level"] == "warning"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"drafts/a.txt", "stdin"}
    assert all(r["ruleId"] != "no-question" for r in run["results"])


def test_the_schema_check_can_fail(reports) -> None:  # type: ignore[no-untyped-def]
    """The validation is real: a result without its message, or with an unknown level, is refused."""
    results, errors, context = reports
    log = json.loads(registry.get("sarif").render(results, errors, context).out)
    validator = sarif_validator()
    broken = json.loads(json.dumps(log))
    del broken["runs"][0]["results"][0]["message"]
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "info"
    assert not validator.is_valid(broken)


@pytest.mark.parametrize("name", registry.names())
def test_a_stream_writes_what_render_writes(name: str, reports) -> None:  # type: ignore[no-untyped-def]
    """`batch` writes through a format's stream, `check` through its render: the same text."""
    results, errors, context = reports
    whole = registry.get(name).render(results, errors, context)
    stream = registry.get(name).stream(context)
    parts = [stream.error(e) for e in errors] + [stream.add(r) for r in results]
    written = [p.out for p in parts]
    end = stream.close()
    assert "".join(written) + end.out == whole.out
    assert "".join(p.err for p in parts) + end.err == whole.err
    if name in ("json", "sarif"):  # one document: nothing can be written before the end
        assert written == [""] * len(parts)
    else:  # written as it comes: each report as soon as it is added
        assert all(written[len(errors):]) and end.out == ""
