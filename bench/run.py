"""invite-lint against the spaCy floor and a peer linter, every figure measured in this run.

    pip install -e ".[bench]"
    python bench/run.py [--messages 5000] [--repeats 5] [--write bench/RESULTS.md]

The messages are the French corpus (corpus/fr and corpus/holdout, the floor being the French
model), repeated to --messages. Each figure comes with its floor and the ratio between them:
  (a) cold command line, one French draft (`check --no-daemon --lang fr`), vs
      `python -c "import spacy; spacy.load(...)(text)"`, the two run in turns; also through
      the warm server (`invite-lint serve`), as a pre-commit hook runs it; and the commands
      that need no model (`--help`, `rules list`) vs `python -c "import click"`;
  (b) warm library latency per message (median, p99) vs nlp(text) with the same model
      components (the components the rules need; our own folding step is on our side);
  (c) batch throughput, `invite-lint batch` with 1 process and --jobs 2, vs a script that
      loads the same components and runs nlp.pipe (both timed from start to end), and the
      same in one warm process (no load);
  (d) peak resident memory (the whole process tree);
  (e) proselint on the same messages, warm and cold, as ratios;
  (f) a configuration of regex and metric rules only: no statistical component, and its
      speed against the full rule set.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from invite_lint import Linter, __version__  # noqa: E402
from invite_lint.evaluation.corpus import load_corpus  # noqa: E402
from invite_lint.text.pipeline import FOLD_COMPONENT  # noqa: E402

MODEL = "fr_core_news_sm"
INVITE_LINT = [sys.executable, "-m", "invite_lint"]


def light_rule_ids(linter: Linter) -> list[str]:
    """Regex and metric rules, but not a metric whose `unless` reads lemmas (self-centred
    in French): the configuration that needs no statistical component."""
    rules = linter.rules
    return sorted({r.id for r in rules if r.spec.kind in ("regex", "metric")} - {r.id for r in rules if r.needs})


# -- measuring ----------------------------------------------------------------------------
def run_measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and peak resident memory of a command and all its children (polled)."""
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    return time.perf_counter() - started, peak


def median_run(command: list[str], repeats: int, env: dict[str, str] | None = None) -> tuple[float, int]:
    runs = [run_measured(command, env) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def median_runs(commands: list[list[str]], repeats: int, env: dict[str, str] | None = None) -> list[tuple[float, int]]:
    """Median wall time and peak memory of each command, the commands run in turns so that the
    load of a shared machine falls on all of them alike."""
    runs: list[list[tuple[float, int]]] = [[] for _ in commands]
    for _ in range(repeats):
        for command, own in zip(commands, runs):
            own.append(run_measured(command, env))
    return [(statistics.median(r[0] for r in own), max(r[1] for r in own)) for own in runs]


def latencies(fns: list[Callable[[str], object]], texts: list[str]) -> list[tuple[float, float]]:
    """Median and p99 per function, the functions taking turns on each message so that the
    machine's ups and downs fall on all of them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for text in texts:
        for fn, own in zip(fns, times):
            started = time.perf_counter()
            fn(text)
            own.append(time.perf_counter() - started)
    out = []
    for own in times:
        own.sort()
        out.append((statistics.median(own), own[min(len(own) - 1, int(len(own) * 0.99))]))
    return out


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (f"{cpu}, {psutil.cpu_count()} cores, {memory:.0f} GiB; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}, invite-lint {__version__}")


# -- the run --------------------------------------------------------------------------------
class Bench:
    def __init__(self, messages: int, repeats: int, folder: Path) -> None:
        entries = [e for e in load_corpus(ROOT / "corpus") if e.lang == "fr"]
        base = [e.text for e in entries]
        self.texts = (base * (messages // len(base) + 1))[:messages]
        self.repeats = repeats
        self.folder = folder
        self.rows: list[tuple[str, str, str, str, str, str]] = []  # what, ours, floor, ratio, target, load
        self.draft = folder / "draft.txt"
        self.draft.write_text(base[0], encoding="utf-8")
        self.jsonl = folder / "messages.jsonl"
        with open(self.jsonl, "w", encoding="utf-8") as out:
            for i, text in enumerate(self.texts):
                out.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        self.linter = Linter(plugins=False)
        self.pipeline = self.linter.engine.pipeline("fr")
        self.components = [n for n in self.pipeline.nlp.pipe_names if n != FOLD_COMPONENT]
        excluded = [n for n in spacy.load(MODEL).pipe_names if n not in self.components]
        self.floor_nlp = spacy.load(MODEL, exclude=excluded)
        self.excluded = excluded

    def add(self, what: str, ours: str, floor: str, ratio: float | None, target: str = "") -> None:
        load = "%.2f" % os.getloadavg()[0]  # other developers share the cores: say how busy they were
        self.rows.append((what, ours, floor, f"{ratio:.2f}x" if ratio is not None else "", target, load))
        print(f"  {what}: {ours} | floor {floor} | {self.rows[-1][3]} {target} (load {load})", flush=True)

    def cold(self) -> None:
        text = self.draft.read_text(encoding="utf-8")
        floor_cmd = [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})({text!r})"]
        env = {**os.environ, "INVITE_LINT_SOCKET": str(self.folder / "bench.sock")}
        (floor, floor_rss), (ours, ours_rss) = median_runs(
            [floor_cmd, [*INVITE_LINT, "check", "--no-daemon", "--exit-zero", "--lang", "fr", str(self.draft)]],
            self.repeats, env)
        self.cold_seconds = ours
        self.add("(a) cold CLI, one French draft, `check --no-daemon --lang fr` (median of %d; floor spacy.load of "
                 "the whole model + nlp(text))" % self.repeats, f"{ours:.2f} s", f"{floor:.2f} s", ours / floor,
                 "target <= 0.5x")
        click_cmd = [sys.executable, "-c", "import click"]
        (click_floor, _), (help_time, _), (list_time, _) = median_runs(
            [click_cmd, [*INVITE_LINT, "--help"], [*INVITE_LINT, "rules", "list"]], self.repeats, env)
        self.add("(a) `invite-lint --help` (no spaCy imported)", f"{help_time:.3f} s",
                 f"{click_floor:.3f} s (python -c 'import click')", help_time / click_floor, "target <= 2x")
        self.add("(a) `invite-lint rules list` (no spaCy imported)", f"{list_time:.3f} s",
                 f"{click_floor:.3f} s (python -c 'import click')", list_time / click_floor)
        subprocess.run([*INVITE_LINT, "serve", "--detach", "--idle", "600"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            warm, _ = median_run([*INVITE_LINT, "check", "--exit-zero", str(self.draft)], self.repeats, env)
        finally:
            subprocess.run([*INVITE_LINT, "serve", "--stop"], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        self.add("(a) hook on one draft, warm server running", f"{warm:.3f} s", f"{floor:.2f} s", warm / floor)
        self.add("(a) hook on one draft: with server vs without", f"{warm:.3f} s", f"{ours:.2f} s", warm / ours)
        self.add("(d) peak RSS, cold CLI", f"{ours_rss / 2**20:.0f} MiB", f"{floor_rss / 2**20:.0f} MiB",
                 ours_rss / floor_rss)

    def warm(self) -> None:
        sample = self.texts[: min(len(self.texts), 2000)]
        list(self.linter.iter_lint(self.texts))  # warm caches: first-use costs are not latency
        for text in sample[:50]:
            self.floor_nlp(text)
        ours, given, floor = latencies([self.linter.lint, lambda t: self.linter.lint(t, lang="fr"),
                                        self.floor_nlp], sample)
        components = "+".join(self.components)
        self.add(f"(b) warm latency, median ({len(sample)} msgs; floor nlp() with {components})",
                 f"{ours[0] * 1e3:.2f} ms", f"{floor[0] * 1e3:.2f} ms", ours[0] / floor[0], "target <= 1.3x")
        self.add("(b) warm latency, p99", f"{ours[1] * 1e3:.2f} ms", f"{floor[1] * 1e3:.2f} ms", ours[1] / floor[1])
        self.add("(b) warm latency, median, language given", f"{given[0] * 1e3:.2f} ms", f"{floor[0] * 1e3:.2f} ms",
                 given[0] / floor[0])

    def batch(self) -> None:
        n = len(self.texts)
        script = (f"import json, spacy\nnlp = spacy.load({MODEL!r}, exclude={self.excluded!r})\n"
                  f"texts = [json.loads(l)['text'] for l in open({str(self.jsonl)!r}, encoding='utf-8')]\n"
                  "for doc in nlp.pipe(texts): pass\n")
        floor, floor_rss = run_measured([sys.executable, "-c", script])
        out = self.folder / "out.jsonl"
        env = {**os.environ, "INVITE_LINT_DAEMON": "0"}
        walls = {}
        for jobs in (1, 2):
            wall, rss = run_measured([*INVITE_LINT, "batch", str(self.jsonl), "-o", str(out), "--exit-zero",
                                      "--no-progress", "--jobs", str(jobs)], env)
            self.add(f"(c) batch {n:,} msgs, --jobs {jobs}, start to end", f"{n / wall:.0f} msg/s",
                     f"{n / floor:.0f} msg/s", floor / wall, "target >= 0.85x" if jobs == 1 else "")
            self.add(f"(d) peak RSS, batch --jobs {jobs}", f"{rss / 2**20:.0f} MiB", f"{floor_rss / 2**20:.0f} MiB",
                     rss / floor_rss)
            walls[jobs] = wall
        self.add("(c) batch --jobs 2 against --jobs 1 (2 cores; speed-up)", f"{n / walls[2]:.0f} msg/s",
                 f"{n / walls[1]:.0f} msg/s (--jobs 1)", walls[1] / walls[2], "target >= 1.7x")
        ours = timed(lambda: list(self.linter.iter_lint(self.texts)))
        floor_warm = timed(lambda: list(self.floor_nlp.pipe(self.texts)))
        self.add("(c) throughput in one warm process (iter_lint vs nlp.pipe)", f"{n / ours:.0f} msg/s",
                 f"{n / floor_warm:.0f} msg/s", floor_warm / ours, "target >= 0.85x")
        self.full_rate = n / ours

    def proselint(self) -> None:
        try:
            from proselint.checks import __register__
        except ImportError:  # the peer is in the bench extra: pip install ".[bench]"
            print("(e) proselint rows skipped: proselint is not installed (pip install \".[bench]\")", flush=True)
            return
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile

        CheckRegistry().register_many(__register__)
        sample = self.texts[: min(len(self.texts), 1000)]
        LintFile("<warm>", sample[0]).lint(DEFAULT)
        theirs = timed(lambda: [LintFile("<bench>", t).lint(DEFAULT) for t in sample])
        ours = timed(lambda: list(self.linter.iter_lint(sample)))
        self.add(f"(e) proselint, warm, {len(sample)} msgs (ratio: our time / theirs)",
                 f"{len(sample) / ours:.0f} msg/s", f"{len(sample) / theirs:.0f} msg/s (proselint)", ours / theirs)
        (cold, rss), (ours_cold, _) = median_runs(
            [[sys.executable, "-m", "proselint", "check", str(self.draft)],
             [*INVITE_LINT, "check", "--no-daemon", "--exit-zero", "--lang", "fr", str(self.draft)]],
            self.repeats, {**os.environ, "INVITE_LINT_DAEMON": "0"})
        self.add("(e) proselint, cold CLI, one draft (ratio: our cold check / theirs)", f"{ours_cold:.2f} s",
                 f"{cold:.2f} s, {rss / 2**20:.0f} MiB (proselint)", ours_cold / cold)

    def regex_only(self) -> None:
        ids = light_rule_ids(self.linter)
        light = Linter(plugins=False, select=ids)
        pipeline = light.engine.pipeline("fr")
        statistical = [n for n in pipeline.nlp.pipe_names if n != FOLD_COMPONENT]
        list(light.iter_lint(self.texts[:200]))
        rate = len(self.texts) / timed(lambda: list(light.iter_lint(self.texts)))
        self.add(f"(f) regex + metric rules only ({len(ids)} rules; components: {statistical or 'none'})",
                 f"{rate:.0f} msg/s", f"{self.full_rate:.0f} msg/s (all rules)", rate / self.full_rate,
                 "target >= 10x, no component")

    def table(self) -> str:
        lines = ["| measure | invite-lint | floor | ratio | target | load avg |", "|---|---:|---:|---:|---|---:|"]
        lines += [f"| {w} | {o} | {f} | {r} | {t} | {load} |" for w, o, f, r, t, load in self.rows]
        return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--write", type=Path, help="write the table, date and machine to this Markdown file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench = Bench(args.messages, args.repeats, Path(folder))
        print(f"{len(bench.texts):,} French messages; model components {bench.components}", flush=True)
        for step in (bench.cold, bench.warm, bench.batch, bench.proselint, bench.regex_only):
            step()
    table = bench.table()
    print()
    print(table)
    if args.write:
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        # This run replaces the file's first section; the sections of the other benchmarks stay.
        rest = args.write.read_text(encoding="utf-8") if args.write.is_file() else ""
        rest = rest[rest.index("\n## "):] if "\n## " in rest else "\n"
        args.write.write_text(
            f"# Benchmark results\n\n`python bench/run.py --messages {args.messages} --repeats {args.repeats}`, "
            f"{stamp}.\n\nMachine: {machine()}.\n\n{table}\n{rest}", encoding="utf-8")


if __name__ == "__main__":
    main()
