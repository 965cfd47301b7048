"""The page in a real browser (headless Chromium driven by Playwright), against a server
started by the test with `invite-lint serve --http`: paste the platform's default text and
see it marked and judged `rewrite`; say who the recipient is, take an opener, see `ready`;
write a personal draft and see its specifics marked and listed.

Chromium comes from the system (Debian's package: /usr/bin/chromium; the test set-up in
conftest.py installs it when it can); set INVITE_LINT_CHROMIUM to use another. Without it the
run stops with one line saying what to install: these tests never skip."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM_NEEDED, find_chromium
from playwright.sync_api import Browser, Page, expect, sync_playwright

# How long the page may take to show a verdict: a deadline, not a speed check (the CI
# machine's two cores are often shared); the assertion is what the page shows.
PAGE_WAIT_MS = 60_000

DEFAULT_FR = "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."
PERSONAL_FR = ("Bonjour Claire, ancienne de l'INSA Lyon moi aussi. J'ai lu que BlaBlaCar venait de dépasser "
               "les 100 millions de membres : qu'est-ce qui a le plus changé pour votre équipe data ?")
KINDS_FR = {"their-work": "œuvre/travail", "entity": "nom", "fact": "fait", "shared-context": "contexte partagé",
            "meeting": "rencontre"}
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    found = find_chromium()  # the set-up (conftest.py) installed it, or stopped the run
    assert found, CHROMIUM_NEEDED
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("web")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "invite_lint", "serve", "--http", f"127.0.0.1:{port}",
                                "--socket", str(folder / "s.sock")],
                               stdout=subprocess.DEVNULL, stderr=open(folder / "server.log", "wb"))
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "health", timeout=1):
                break
        except OSError:
            assert process.poll() is None, (folder / "server.log").read_text()
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.goto(server)
    yield opened
    context.close()
    assert errors == [], errors


def test_default_invitation_is_marked_and_rewrite(page: Page) -> None:
    page.fill("#draft", DEFAULT_FR)
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "rewrite", timeout=PAGE_WAIT_MS)
    expect(page.locator("#verdict")).to_have_text("à réécrire")
    marks = page.locator("#marked mark.error")
    expect(marks.first).to_be_visible()
    assert "aimerait rejoindre votre réseau" in " ".join(marks.all_inner_texts())
    page.locator("#marked mark[data-rules~='default-invitation-text']").first.hover()
    tooltip = page.locator("#tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("default-invitation-text")
    expect(tooltip).to_contain_text("Suggestion")
    expect(page.locator("#findings li[data-rule='default-invitation-text']")).to_have_count(1)
    expect(page.locator("#counter")).to_contain_text("/ 300")


def test_keyboard_reaches_the_marks_and_their_explanation(page: Page) -> None:
    page.fill("#draft", DEFAULT_FR)
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "rewrite", timeout=PAGE_WAIT_MS)
    first_mark = page.locator("#marked mark").first
    first_mark.focus()
    expect(page.locator("#tooltip")).to_be_visible()
    assert first_mark.get_attribute("aria-describedby") == "tooltip"
    page.keyboard.press("Tab")
    expect(page.locator("#marked mark").nth(1)).to_be_focused()


def test_recipient_facts_give_an_opener_that_is_ready(page: Page) -> None:
    page.fill("#draft", DEFAULT_FR)
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "rewrite", timeout=PAGE_WAIT_MS)
    page.fill("#name", "Karine")
    page.fill("#about", "votre article sur la qualité de vie au travail")
    page.fill("#met", "la conférence RH de Lyon")
    use = page.locator("#openers button.use").first
    expect(use).to_be_visible(timeout=PAGE_WAIT_MS)
    opener = page.locator("#openers li").first.locator("p").first.inner_text()
    assert "Karine" in opener and "qualité de vie au travail" in opener
    use.click()
    expect(page.locator("#draft")).to_have_value(opener)
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "ready", timeout=PAGE_WAIT_MS)
    expect(page.locator("#marked mark.error")).to_have_count(0)


def test_interface_follows_the_message_language_and_counts_against_the_limit(page: Page) -> None:
    page.fill("#draft", "Hi Sam, I watched your PyCon talk on type hints and loved the part on legacy code. "
                        "How did you get your whole team to adopt them? " * 3)
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "needs-work", timeout=PAGE_WAIT_MS)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#coach-title")).to_have_text("An opener for this person")
    expect(page.locator("#counter")).to_have_class("counter over")
    expect(page.locator("#findings li[data-rule='too-long-for-channel']")).to_have_count(1)


def lint_json(server: str, text: str) -> dict[str, object]:
    request = urllib.request.Request(server + "v1/lint", data=json.dumps({"text": text}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["files"][0]  # type: ignore[no-any-return]


def test_specifics_are_highlighted_by_kind_and_listed(page: Page, server: str) -> None:
    # What the engine calls each specific is the engine's business (tested there); the page must
    # show exactly what the API returns, so the API is the expectation here.
    specifics = lint_json(server, PERSONAL_FR)["specifics"]
    assert isinstance(specifics, list)
    blablacar = next(s for s in specifics if "BlaBlaCar" in s["text"])
    kind = blablacar["kind"]
    assert kind in KINDS_FR
    page.fill("#draft", PERSONAL_FR)
    items = page.locator("#specifics li[data-kind]")
    expect(items).to_have_count(len(specifics), timeout=PAGE_WAIT_MS)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#personal h2")).to_have_text("Ce qui le rend personnel")

    spans = page.locator(f"#marked .specific[data-kind~='{kind}']")
    expect(spans.first).to_be_visible()
    assert blablacar["text"] in "".join(spans.all_inner_texts())
    expect(spans.first).to_have_attribute("title", f"détail personnel\u00a0: {KINDS_FR[kind]}")
    expect(spans.first).to_have_attribute("aria-label", re.compile(f"^détail personnel\u00a0: {KINDS_FR[kind]}"))
    # not colour alone: a dotted underline, unlike the findings' solid bar
    assert spans.first.evaluate("e => getComputedStyle(e).textDecorationStyle") == "dotted"
    # its own colour: none of the findings' marks' backgrounds
    backgrounds = page.evaluate("""() => ["error", "warning", "info"].map((severity) => {
        const mark = document.createElement("mark");
        mark.className = severity;
        document.getElementById("marked").append(mark);
        const colour = getComputedStyle(mark).backgroundColor;
        mark.remove();
        return colour;
    })""")
    own = spans.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert own not in backgrounds and own != "rgba(0, 0, 0, 0)", (own, backgrounds)

    item = page.locator(f"#specifics li[data-kind='{kind}']").filter(has_text="BlaBlaCar")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"({KINDS_FR[kind]})")
    expect(item).to_contain_text("100 millions de membres")
    for specific in specifics:
        expect(page.locator(f"#specifics li[data-kind='{specific['kind']}']").first).to_contain_text(
            f"({KINDS_FR[specific['kind']]})")
