"""The documentation site, built with ``-W`` and opened in a real browser (headless Chromium via selenium).

The site is the one ``.ci/run`` builds (``ALIGNGAMES_DOCS_HTML`` names its folder); without that variable
this test builds it itself, with the command the README gives
(``python -m sphinx -W --keep-going -n -b html docs OUT``), which fails on any warning.

In Chromium (Debian's ``chromium`` and ``chromium-driver``, started with a fresh profile and no network
services), it checks:

* the home page: its title and the four parts of the site (tutorial, how-to, explanation, reference);
* the ``nash_equilibria`` reference page: MathJax (the copy from ``libjs-mathjax``, served with the site)
  has typeset every formula, so no raw ``\\frac`` or ``\\sigma`` is left in the text a reader sees;
* a tutorial page: its figures (the matplotlib output of the executed notebook) have loaded;
* the search page: a search for ``break_even`` lists the function's page.

Screenshots of each page are saved in ``ALIGNGAMES_SCREENSHOTS`` (default ``docs/_build/screenshots``).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60  # seconds for MathJax and the search index on a loaded machine


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    given = os.environ.get("ALIGNGAMES_DOCS_HTML")
    if given:
        html = Path(given).resolve()
        assert (html / "index.html").is_file(), f"ALIGNGAMES_DOCS_HTML={given} holds no built site"
        yield html
        return
    with tempfile.TemporaryDirectory(prefix="aligngames-docs-") as tmp:
        out = Path(tmp) / "html"
        build = subprocess.run(
            [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html", "docs", str(out),
             "-d", str(Path(tmp) / "doctrees")],
            cwd=ROOT, capture_output=True, text=True, timeout=1200)
        assert build.returncode == 0, "the docs build failed or warned:\n" + build.stderr[-4000:]
        yield out


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The site over HTTP on localhost, as a reader's browser gets it (fonts and scripts load as on a server)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    profile = tempfile.mkdtemp(prefix="aligngames-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("ALIGNGAMES_SCREENSHOTS", ROOT / "docs" / "_build" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _screenshot(browser: webdriver.Chrome, shots: Path, name: str) -> Path:
    """A full-page screenshot (the window grown to the page's height)."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(int(height), 800), 6000))
    path = shots / f"{name}.png"
    assert browser.save_screenshot(str(path)), path
    browser.set_window_size(1280, 1000)
    return path


def _typeset(browser: webdriver.Chrome) -> str:
    """Wait until MathJax has typeset the page; the article's visible text, with no TeX source left in it."""
    WebDriverWait(browser, WAIT).until(_mathjax_done)
    # the prose and the rendered outputs, without code listings (a code cell may spell TeX on purpose)
    prose = browser.execute_script(
        "const a = document.querySelector('article').cloneNode(true);"
        "a.querySelectorAll('pre, code, .highlight, script').forEach(e => e.remove());"
        "document.body.appendChild(a); const t = a.innerText; a.remove(); return t;")
    for raw in ("\\(", "\\[", "\\frac", "\\begin{", "\\text{"):
        assert raw not in prose, f"raw TeX {raw!r} shown on {browser.current_url}: " + \
            prose[max(0, prose.find(raw) - 80):prose.find(raw) + 80]
    return str(browser.find_element(By.TAG_NAME, "article").text)


def test_home_page_shows_the_four_parts(browser, server, shots):
    browser.get(f"{server}/index.html")
    assert "aligngames" in browser.title
    nav = browser.find_element(By.CSS_SELECTOR, "nav.bd-header, header").text
    for part in ("Tutorial", "How-to", "Explanation", "Reference"):
        assert part.lower() in nav.lower(), f"{part!r} missing from the navigation bar: {nav!r}"
    body = _typeset(browser)
    assert "22/13" in body  # the doctest on the home page: the Dunbar break-even multiplier
    assert _screenshot(browser, shots, "home").stat().st_size > 10_000


def _mathjax_done(driver: webdriver.Chrome) -> bool:
    """MathJax 2 has started, typeset something and has nothing left in its queue."""
    return bool(driver.execute_script(
        "return !!(window.MathJax && MathJax.Hub && MathJax.Hub.queue && MathJax.Hub.queue.pending === 0"
        " && MathJax.Hub.queue.running === 0 && document.querySelector('.MathJax_CHTML'))"))


def test_nash_equilibria_page_renders_its_math(browser, server, shots):
    browser.get(f"{server}/reference/api/generated/solvers.nash_equilibria.html")
    WebDriverWait(browser, WAIT).until(_mathjax_done)
    article = browser.find_element(By.TAG_NAME, "article")
    text = article.text
    assert "nash_equilibria" in text and "Parameters" in text and "Returns" in text
    # every math node was typeset: the page's formulas (the Nash condition, the 2 x 2 mixed probability)
    # appear as MathJax output, and no TeX source is left in the visible text
    rendered = browser.find_elements(By.CSS_SELECTOR, "article .MathJax_CHTML")
    sources = browser.find_elements(By.CSS_SELECTOR, "article .math")
    assert len(sources) >= 3 and len(rendered) >= len(sources)
    for raw in ("\\frac", "\\sigma", "\\geq", "\\quad"):
        assert raw not in text, f"raw TeX {raw!r} shown on the page"
    # MathJax came from the site itself, not from a CDN
    src = browser.execute_script("return [...document.scripts].map(s => s.src).filter(s => /MathJax/.test(s))")
    assert src and all(s.startswith(server) for s in src), src
    fraction = browser.find_elements(By.CSS_SELECTOR, "article .mjx-mfrac")
    assert fraction, "the fraction p = (b22 - b21) / (...) is not typeset as a fraction"
    assert _screenshot(browser, shots, "nash_equilibria").stat().st_size > 10_000


def test_tutorial_page_shows_its_figures(browser, server, shots):
    browser.get(f"{server}/tutorial/01_individual_incentives.html")
    WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")
    text = _typeset(browser)  # the notebook's LaTeX outputs (games, conditions) rendered as math
    images = browser.find_elements(By.CSS_SELECTOR, "article .cell_output img")
    assert len(images) >= 2, "the executed notebook's figures are missing"
    for img in images:
        loaded = browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)
        assert loaded and loaded > 100, img.get_attribute("src")
    # Markdown tables the notebook displays are tables, not pipes
    tables = browser.find_elements(By.CSS_SELECTOR, "article .cell_output table")
    outputs = browser.execute_script(
        "return [...document.querySelectorAll('article .cell_output')].map(e => e.innerText).join('\\n')")
    assert len(tables) >= 2 and "|---|" not in outputs and "| parameter |" not in outputs
    # the notebook's own printed values (hand-computed in tests/integration/test_notebooks.py):
    # 5 years of Capabilities pay 123,000 x 5 = 615,000; Alignment 35,000 x 5 + 16,250 = 191,250
    assert "615,000" in text and "191,250" in text
    assert _screenshot(browser, shots, "tutorial_01").stat().st_size > 10_000


def test_search_finds_break_even(browser, server, shots):
    browser.get(f"{server}/search.html?q=break_even")
    WebDriverWait(browser, WAIT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results ul.search li"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#search-results li a")]
    assert any(link.split("#")[0].endswith("/solvers.break_even.html") for link in links), links
    assert _screenshot(browser, shots, "search_break_even").stat().st_size > 10_000
