"""The HTML report in a real browser: headless Chromium renders it, we read the page back.

The browser is Debian's ``chromium`` package. ``.ci/run`` installs it; so does this test on
a Debian machine where it runs as root (or with password-less sudo), so that the README's test
command needs nothing else. Where it cannot be installed the test fails, rather than skips.
"""

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from PIL import Image

from malstyrning import evaluate, examples
from malstyrning.cli import main
from malstyrning.report import follow_up

PLAN = "jamtland-harjedalen-2019"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _installed():
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )


def _install():
    if not shutil.which("apt-get"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run([*sudo, *step], env=environment, check=False).returncode:
            return


def chromium():
    found = _installed()
    if not found:
        _install()
        found = _installed()
    assert found, "the browser test needs Debian's chromium package (apt-get install chromium)"
    return found


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def flat(text):
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "r.html"
    old = os.getcwd()
    os.chdir(folder)
    try:
        # The command, word for word.
        result = CliRunner().invoke(
            main,
            ["report", PLAN, "--period", "2019-T1", "--format", "html", "-o", "r.html"],
        )
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    browser = chromium()
    profile = folder / "profile"
    url = page.as_uri()
    dom = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    shot = folder / "r.png"
    subprocess.run(
        [
            browser,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--hide-scrollbars",
            "--window-size=1280,1600",
            f"--screenshot={shot}",
            url,
        ],
        capture_output=True,
        timeout=60,
        check=True,
    )
    return dom, shot


def test_the_browser_shows_every_strategy_and_result_goal_with_target_and_status(rendered):
    dom, _ = rendered
    assert dom.lstrip().lower().startswith(("<html", "<!doctype")), dom[:200]
    parser = Text()
    parser.feed(dom)
    page = flat(" ".join(parser.parts))
    report = follow_up(evaluate(examples.load(PLAN), period="2019-T1"), locale="sv")
    for area in report.areas:
        assert flat(f"{area.level}: {area.title}") in page
    for row in report.rows():
        # Each result goal with its target values / assignments and its status, in order.
        pieces = [row.title, *(line.text for line in row.targets), row.status.text]
        pattern = r".*?".join(re.escape(flat(piece)) for piece in pieces)
        assert re.search(pattern, page), row.node_id
    assert "Sammanställning" in page
    assert "Totalt 6 2 4 22 34" in page


def test_the_screenshot_is_not_blank(rendered):
    _, shot = rendered
    with Image.open(shot) as image:
        assert image.size == (1280, 1600)
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1 << 20)
    assert colours is not None
    assert len(colours) > 50  # text, badges and rules, not a flat page
    white = max(count for count, colour in colours if colour == (255, 255, 255))
    assert white < 0.97 * 1280 * 1600
    # The green status badge (#2e7d32) is painted.
    assert any(
        abs(r - 0x2E) < 12 and abs(g - 0x7D) < 12 and abs(b - 0x32) < 12 for _, (r, g, b) in colours
    )
