"""docs/editors-neovim.png: Neovim's terminal UI with invite-lint lsp's diagnostics.

    apt-get install neovim tmux; pip install pillow
    python tools/editor_screenshot.py [DRAFT] [--out docs/editors-neovim.png]

Runs Neovim in a detached tmux session (no display needed) with its built-in LSP client on
the draft, waits for the diagnostics, captures the pane with its colours (`tmux
capture-pane -e`) and draws the cells to a PNG with Pillow.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
COLS, ROWS = 110, 20
BASE16 = ["#1d1f21", "#cc6666", "#b5bd68", "#f0c674", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
          "#666666", "#ff7b7b", "#d7e08a", "#ffd98c", "#9ec3e0", "#d0b3d9", "#a8dcd4", "#ffffff"]
SGR = re.compile(r"\x1b\[([0-9;:]*)m")
INIT = """
vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = "yes"
vim.o.wrap = true
vim.o.laststatus = 0
vim.o.shortmess = vim.o.shortmess .. "I"
vim.diagnostic.config({ virtual_text = { prefix = "●" }, signs = true, underline = true })
vim.api.nvim_create_autocmd("VimEnter", { callback = function()  -- once the draft is loaded
  local id = vim.lsp.start_client({ name = "invite-lint", cmd = vim.fn.json_decode(os.getenv("LSP_CMD")),
                                    root_dir = vim.fn.getcwd() })
  vim.lsp.buf_attach_client(0, id)
end })
"""


def colour(n: int) -> str:
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    grey = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (grey, grey, grey)


Cell = tuple[str, str, str, bool, bool]  # character, foreground, background, bold, underlined


def cells(text: str) -> list[list[Cell]]:
    """The captured pane as rows of cells."""
    fg, bg, bold, under = BASE16[7], BASE16[0], False, False
    rows = []
    for line in text.split("\n")[:ROWS]:
        row: list[Cell] = []
        position = 0
        for match in SGR.finditer(line + "\x1b[m"):
            row += [(c, fg, bg, bold, under) for c in line[position:match.start()]]
            position = match.end()
            codes = [int(c) if c.isdigit() else 0 for c in re.split("[;:]", match.group(1) or "0")]
            i = 0
            while i < len(codes):
                code = codes[i]
                if code == 0:
                    fg, bg, bold, under = BASE16[7], BASE16[0], False, False
                elif code == 4:
                    under = True
                    if i + 1 < len(codes) and ":" in (match.group(1) or ""):
                        i += 1  # 4:3, a curly underline
                elif code == 24:
                    under = False
                elif code == 1:
                    bold = True
                elif code == 22:
                    bold = False
                elif 30 <= code <= 37 or 90 <= code <= 97:
                    fg = BASE16[code - 30 if code < 90 else code - 82]
                elif 40 <= code <= 47 or 100 <= code <= 107:
                    bg = BASE16[code - 40 if code < 100 else code - 92]
                elif code == 39:
                    fg = BASE16[7]
                elif code == 49:
                    bg = BASE16[0]
                elif code in (38, 48) and i + 1 < len(codes):
                    if codes[i + 1] == 5 and i + 2 < len(codes):
                        value, i = colour(codes[i + 2]), i + 2
                    elif codes[i + 1] == 2 and i + 4 < len(codes):
                        value, i = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5]), i + 4
                    else:
                        value = fg if code == 38 else bg
                    fg, bg = (value, bg) if code == 38 else (fg, value)
                i += 1
        rows.append(row)
    return rows


def render(rows: list[list[Cell]], out: Path) -> None:
    font = ImageFont.truetype(FONT, 15)
    bold_font = ImageFont.truetype(FONT.replace("Mono.ttf", "Mono-Bold.ttf"), 15)
    width, height = 9, 19
    image = Image.new("RGB", (COLS * width + 24, ROWS * height + 24), BASE16[0])
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(rows):
        for x, (char, fg, bg, bold, under) in enumerate(row[:COLS]):
            left, top = 12 + x * width, 12 + y * height
            if bg != BASE16[0]:
                draw.rectangle([left, top, left + width - 1, top + height - 1], fill=bg)
            if char.strip():
                draw.text((left, top), char, font=bold_font if bold else font, fill=fg)
            if under:
                draw.line([left, top + height - 2, left + width, top + height - 2], fill=fg)
    image.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", default=str(ROOT / "examples" / "default-invitation.fr.txt"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "editors-neovim.png"))
    parser.add_argument("--wait", type=float, default=180)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    init = folder / "init.lua"
    init.write_text(INIT, encoding="utf-8")
    session = f"invite-lint-shot-{int(time.time())}"
    command = json.dumps([sys.executable, "-m", "invite_lint", "lsp"])
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(COLS), "-y", str(ROWS),
                    "-e", f"LSP_CMD={command}", "-e", "TERM=xterm-256color",
                    f"nvim --clean -n -u {init} {args.draft}"], check=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + args.wait
        captured = ""
        while time.monotonic() < deadline:
            time.sleep(1)
            captured = subprocess.run(["tmux", "capture-pane", "-p", "-e", "-t", session],
                                      capture_output=True, text=True, check=True).stdout
            if "●" in captured:
                time.sleep(2)  # every diagnostic drawn; then list them all below the draft
                subprocess.run(["tmux", "send-keys", "-t", session, ":lua vim.diagnostic.setloclist()", "Enter"],
                               check=True)
                subprocess.run(["tmux", "send-keys", "-t", session, ":wincmd p", "Enter"], check=True)
                time.sleep(2)
                captured = subprocess.run(["tmux", "capture-pane", "-p", "-e", "-t", session],
                                          capture_output=True, text=True, check=True).stdout
                break
        else:
            sys.exit("no diagnostics appeared in Neovim")
        render(cells(captured), Path(args.out))
        print(f"wrote {args.out}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


if __name__ == "__main__":
    main()
