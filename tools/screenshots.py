"""Take the README's screenshots of the built book with Debian chromium (no download).

    .venv/bin/python tools/screenshots.py [_build/html] [docs/screenshots]

Desktop (1280 px) and phone (390 px) views of four chapters, and of the Chinese edition's
overview and energy chapter (``zh-…``), served from localhost.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from reportbook.pdf import CHROMIUM, CHROMIUM_ARGS

PAGES = ["overview", "economy", "energy", "industry"]
ZH_PAGES = ["overview", "energy"]  # the Chinese edition's, under zh/
SHOTS = [("", p) for p in PAGES] + [("zh/", p) for p in ZH_PAGES]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(argv: list[str]) -> int:
    html = Path(argv[0] if argv else "_build/html").resolve()
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(Quiet, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, viewport, height in (
            ("desktop", {"width": 1280, "height": 900}, 1700),
            ("phone", {"width": 390, "height": 844}, 2400),
        ):
            # The window is as tall as the picture: a full-page capture resizes the window
            # while it draws, and the theme then slides its sidebar half out of view.
            ctx = browser.new_context(
                viewport={"width": viewport["width"], "height": height}, device_scale_factor=1
            )
            page = ctx.new_page()
            for folder, chapter in SHOTS:
                page.goto(f"{base}/{folder}book/{chapter}.html", wait_until="networkidle")
                page.wait_for_function(
                    "[...document.querySelectorAll('.rb-chart')]"
                    ".every(e => e.dataset.embedded === 'yes')"
                )
                prefix = folder.replace("/", "-")
                page.screenshot(path=str(out / f"{prefix}{chapter}-{name}.png"))
            ctx.close()
        browser.close()
    server.shutdown()
    print(f"wrote {len(SHOTS) * 2} screenshots to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
