"""`invite-lint lsp` latency: from didChange sent to publishDiagnostics received, against
`Linter.lint` on the same text, both measured in this run on this machine.

    pip install -e ".[lsp]"
    python bench/lsp.py [--repeats 60] [--debounce 0]

Two drafts: a 300-character LinkedIn note and a 3,000-character e-mail (written for this
benchmark). The server runs as editors run it (`python -m invite_lint lsp`, stdio), with
the given debounce (0: the time the server itself adds; an editor's default of 0.15 s adds
that much by design). Each change alternates between two versions of the text so that
every lint is real work. The ratio is the server's median over Linter.lint's median.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from invite_lint import Linter  # noqa: E402

NOTE = ("Bonjour Claire, j'ai lu votre article sur la logistique urbaine à Lyon et la partie sur les "
        "livraisons à vélo m'a fait réfléchir : nous testons la même chose à Nantes depuis mars. "
        "Comment avez-vous convaincu les commerçants du centre ? Je serais ravi d'en parler, au plaisir ! Julien Moreau, Nantes")
PARAGRAPH = ("Nous avons lancé l'an dernier un service de livraison à vélo cargo dans le centre de Nantes, "
             "avec une vingtaine de commerçants et deux entrepôts de quartier. Votre article décrit "
             "précisément les difficultés que nous rencontrons : les horaires d'accès, le stationnement "
             "et la coordination entre les tournées. ")
EMAIL = ("Subject: Votre article sur la logistique urbaine à Lyon\n\nBonjour Claire,\n\n"
         + "\n\n".join(PARAGRAPH for _ in range(9))
         + "\n\nAuriez-vous vingt minutes la semaine prochaine pour en parler ?\n\nBien à vous,\nJulien Moreau\n")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def latencies(linter: Linter, text: str, repeats: int, debounce: float) -> tuple[list[float], list[float]]:
    """(server, Linter.lint) times, interleaved change by change so that the load of a
    shared machine weighs on both alike."""
    client = LanguageClient("bench", "1")
    received: dict[int, float] = {}
    arrived = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: lsp.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            received[params.version] = time.perf_counter()
            arrived.set()

    await client.start_io(sys.executable, "-m", "invite_lint", "lsp")
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                       initialization_options={"debounce": debounce}))
    client.initialized(lsp.InitializedParams())
    folder = Path(tempfile.mkdtemp())
    uri = (folder / "draft.txt").as_uri()

    async def until(version: int) -> None:
        while version not in received:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 300)

    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "plaintext", 1, text)))
    await until(1)  # the model is loaded
    out: list[float] = []
    direct: list[float] = []
    for version in range(2, repeats + 4):
        body = text if version % 2 else text.rstrip() + "\n"
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [lsp.TextDocumentContentChangeWholeDocument(body)]))
        await until(version)
        start = time.perf_counter()
        linter.lint(body)
        if version > 3:  # two warm-up rounds
            out.append(received[version] - sent)
            direct.append(time.perf_counter() - start)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return out, direct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--debounce", type=float, default=0.0)
    args = parser.parse_args()
    linter = Linter()
    linter.warm_up(("fr",))
    print(f"didChange -> publishDiagnostics (debounce {args.debounce} s) vs Linter.lint, {args.repeats} changes each")
    print("| draft | chars | server median | server p99 | Linter.lint median | Linter.lint p99 | ratio (medians) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, text in (("LinkedIn note", NOTE), ("e-mail", EMAIL)):
        served, direct = asyncio.run(latencies(linter, text, args.repeats, args.debounce))
        ms = 1000
        print(f"| {name} | {len(text)} | {statistics.median(served) * ms:.1f} ms | {percentile(served, 0.99) * ms:.1f} ms "
              f"| {statistics.median(direct) * ms:.1f} ms | {percentile(direct, 0.99) * ms:.1f} ms "
              f"| {statistics.median(served) / statistics.median(direct):.2f}x |")


if __name__ == "__main__":
    main()
