"""Take the README's screenshot of the page: python tools/screenshot.py [docs/screenshot.png]

Starts `invite-lint serve --http` on a free port, pastes the platform's default invitation,
fills in what the user knows of the recipient, hovers a highlighted passage, and saves the
page as seen by headless Chromium (Debian's /usr/bin/chromium, or INVITE_LINT_CHROMIUM)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = tempfile.mkdtemp()
    server = subprocess.Popen([sys.executable, "-m", "invite_lint", "serve", "--http", f"127.0.0.1:{port}",
                               "--socket", os.path.join(folder, "s.sock")])
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(1800):
            try:
                urllib.request.urlopen(url + "health", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        executable = os.environ.get("INVITE_LINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="fr-FR")
            page.goto(url)
            page.fill("#draft", "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.")
            page.wait_for_selector('#verdict[data-verdict="rewrite"]')
            page.fill("#name", "Karine")
            page.fill("#about", "votre article sur la qualité de vie au travail")
            page.wait_for_selector("#openers button.use")
            page.locator("#marked mark[data-rules~='default-invitation-text']").first.hover()
            page.screenshot(path=str(target), full_page=False)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
