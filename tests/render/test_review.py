"""The review page (`--format html`) in a real browser: Debian's headless Chromium driven by Playwright.

Each test opens the page from disk and checks what an editor sees: selecting a fact highlights its
quote in the source, nothing is fetched, nothing logs an error, and article markup never runs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from summarizer import summarize
from summarizer.commands.cli import main
from summarizer.core.article import Article
from summarizer.render import to_html
from tests.helpers import EXAMPLES, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags from the machine notes: without the background-networking ones Chromium tries Google's hosts.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
def browser():
    """Opens pages in Chromium, started at the first page: Playwright's sync API holds an event loop
    while it runs, so every brief a test needs is made before its first page opens."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("SUMMARIZER_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    running = {}

    def open_page(path: Path, width: int = 1280) -> Page:
        if not running:
            running["p"] = sync_playwright().start()
            running["b"] = running["p"].chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        return Page(running["b"], path, width)

    yield open_page
    if running:
        running["b"].close()
        running["p"].stop()


class Page:
    """A page opened from a file, with every request and console error it made."""

    def __init__(self, browser, path: Path, width: int = 1280):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def select(self, link) -> str:
        """Click a fact's source link; the highlighted words, which must be visible on screen."""
        link.click()
        mark = self.page.locator("mark.hl")
        assert mark.count() == 1 and mark.is_visible()
        box, view = mark.bounding_box(), self.page.viewport_size
        assert box and 0 <= box["y"] < view["height"] and box["x"] < view["width"]
        return mark.text_content()

    def close(self):
        self.page.close()


@pytest.fixture
def crocus_page(model_url, tmp_path, browser):
    out, brief = tmp_path / "brief.html", tmp_path / "brief.json"
    assert main(["brief", str(EXAMPLES), "--format", "html", "-o", str(out), "-q"]) == 0
    assert main(["brief", str(EXAMPLES), "-o", str(brief), "-q"]) == 0
    page = browser(out)
    yield page, json.loads(brief.read_text(encoding="utf-8"))
    page.close()


@pytest.mark.default_cassette("crocus.yaml")
@pytest.mark.vcr
def test_selecting_a_fact_highlights_its_quote_in_the_source(crocus_page):
    page, brief = crocus_page
    best = brief["casualties"]["killed"]["best"]
    assert page.page.locator("#fig-killed h3").inner_text().startswith("Killed: at least 137")
    checked = 0
    for section in ("#fig-killed", "#responsibility", "#statements", "#contradictions"):
        links = page.page.locator(f"{section} a.ev")
        assert links.count() > 0, section
        for i in range(min(links.count(), 6)):
            link = links.nth(i)
            src, quote = link.get_attribute("data-src"), link.get_attribute("title")
            assert page.select(link) == quote
            # The highlighted words are the brief's quote, inside the right article.
            assert page.page.locator(f"article[id='src-{src}'] mark.hl").count() == 1
            checked += 1
    assert best["evidence"][0]["quote"] in page.page.locator("#fig-killed").inner_text() or best["as_stated"]
    assert checked >= 12
    assert page.requests == [page.url], page.requests  # the file itself, nothing else
    assert page.errors == []


@pytest.mark.default_cassette("crocus.yaml")
@pytest.mark.vcr
def test_each_article_is_shown_exactly_as_the_offsets_address_it(crocus_page):
    page, brief = crocus_page
    for s in brief["sources"]:
        assert page.page.locator(f"[id='text-{s['id']}']").text_content() == s["text"]
    assert page.page.locator("svg.chart circle").count() >= 3  # the disputed toll drawn over time


@pytest.mark.default_cassette("crocus.yaml")
@pytest.mark.vcr
def test_screenshots_on_a_laptop_and_a_phone(model_url, tmp_path, browser):
    """Writes docs/review.png and docs/review-phone.png (the README's pictures) when
    SUMMARIZER_SCREENSHOTS=1, else into a temporary folder."""
    out = tmp_path / "brief.html"
    assert main(["brief", str(EXAMPLES), "--format", "html", "-o", str(out), "-q"]) == 0
    folder = ROOT / "docs" if os.environ.get("SUMMARIZER_SCREENSHOTS") else tmp_path
    for width, name in ((1280, "review.png"), (390, "review-phone.png")):
        page = browser(out, width)
        overflow = page.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is wider than a {width}px screen by {overflow}px"
        page.select(page.page.locator("#fig-killed a.ev").first)
        page.page.evaluate("window.scrollTo(0, 0)") if width > 800 else None
        page.page.screenshot(path=str(folder / name))
        assert (folder / name).stat().st_size > 10_000 and page.errors == []
        page.close()


# Made up for this test: not a real event. Markup and scripts in an article are its text.
HOSTILE = (
    "Fire at Lindqvist Depot kills 4\n\n"
    "😀🔥 A fire at the Lindqvist Depot in Harnby killed 4 people on Monday, police said. "
    "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> "
    "<a href=\"javascript:window.__pwned = 3\">more</a> <style>body { display: none }</style> "
    "<iframe src=\"https://example.com/\"></iframe>\n\n"
    "\"Smoke <and> flames & 'sparks' — пожар начался ночью,\" said fire chief Mira Holm. "
    "Two depot workers were injured, the regional health office said."
)


def test_markup_in_an_article_is_shown_as_text_and_never_runs(browser, tmp_path):
    article = Article(
        id="x1",
        text=HOSTILE,
        published_at="2031-02-04",
        title="<b onmouseover=alert(1)>Depot fire</b>",
        outlet="Harnby <i>Post</i>",
        url="javascript:alert(document.domain)",
    )
    brief = summarize([article], answers="rules", cache=False)
    path = tmp_path / "hostile.html"
    path.write_text(to_html(brief), encoding="utf-8")
    page = browser(path)
    p = page.page
    for i in range(p.locator("a.ev").count()):  # every fact selected once
        page.select(p.locator("a.ev").nth(i))
    assert p.evaluate("window.__pwned") is None
    assert (
        p.locator("script").count() == 1 and p.locator("img, iframe, style").count() == 1
    )  # the page's own style
    assert p.locator("a[href^='javascript:']").count() == 0
    text = p.locator("[id='text-x1']").text_content()
    assert text == HOSTILE and "<script>window.__pwned = 1</script>" in p.locator("body").inner_text()
    assert p.locator("body").is_visible()
    statement = next(s for s in brief.statements if "пожар" in s.quote)
    link = p.locator("#statements a.ev").first
    assert page.select(link) == statement.evidence[0].quote  # after a non-BMP emoji: offsets in UTF-16
    assert page.requests == [page.url] and page.errors == []
    page.close()
