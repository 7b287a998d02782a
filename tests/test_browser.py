"""The chat page in a real browser (Debian's chromium driven by Playwright) against the real app."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from qa.app import create_app

from .conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which(CHROMIUM) and not os.environ.get("CI"), reason="chromium not installed"),
]


@pytest.fixture(scope="module")
def base_url(real_engine, real_settings):
    server = make_server("127.0.0.1", 0, create_app(real_settings, engine=real_engine), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


def test_ask_read_the_answer_and_open_its_source(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.goto(base_url)
    page.wait_for_selector("#status:has-text('articles')")
    page.fill("#question", "What did Lavrov say about preconditions?")
    page.press("#question", "Enter")
    answer = page.wait_for_selector(".turn.bot .answer mark", timeout=20000)
    assert "precondition" in answer.inner_text().lower()
    byline = page.inner_text(".turn.bot .byline")
    assert "Lavrov" in byline or "Russia" in byline
    page.click(".turn.bot .answer .cite")
    page.wait_for_selector("#source-text mark.in-article")
    assert page.is_visible("#source-panel") and page.is_visible("#source-title")
    assert "precondition" in page.inner_text("#source-text mark.in-article mark").lower()
    assert len(page.inner_text("#source-text")) > 1000, "the whole article is shown"
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    page.screenshot(path=str(docs / "chat.png"))
    assert Path(docs / "chat.png").stat().st_size > 10000


def test_follow_up_keeps_the_conversation_and_shift_enter_adds_a_line(browser, base_url):
    page = browser.new_page()
    sent = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/ask") else None)
    page.goto(base_url)
    page.fill("#question", "Who will Lavrov hold talks with in London?")
    page.press("#question", "Enter")
    page.wait_for_selector(".turn.bot .answer")
    page.type("#question", "And what did he say")
    page.press("#question", "Shift+Enter")
    page.type("#question", "about Assad?")
    assert page.input_value("#question") == "And what did he say\nabout Assad?"
    page.press("#question", "Enter")
    page.locator(".turn.bot:not(.loading)").nth(1).wait_for()
    assert sent[-1]["history"][0]["question"] == "Who will Lavrov hold talks with in London?"
    assert "William Hague" in sent[-1]["history"][0]["answer"]
    assert "Understood as: " in page.inner_text(".turn.bot >> nth=1") and "Lavrov" in page.inner_text(
        ".turn.bot >> nth=1 >> .understood")


def test_speaker_and_other_outlets_are_shown(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    page.fill("#question", "Who did Lavrov say should decide who leads Syria?")
    page.press("#question", "Enter")
    page.wait_for_selector(".turn.bot .answer")
    assert "Sergei Lavrov" in page.inner_text(".turn.bot .byline")
    assert "Also reported by" in page.inner_text(".turn.bot .corroboration h3")
    assert page.locator(".turn.bot .corroboration li").count() >= 2


def test_unanswerable_and_server_errors_are_said_plainly(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    page.fill("#question", "What is the boiling point of mercury?")
    page.press("#question", "Enter")
    assert "don't say" in page.wait_for_selector(".turn.bot .none").inner_text()
    page.fill("#question", "x" * 1000 + "y")  # the box stops at 1,000 characters
    assert len(page.input_value("#question")) == 1000
    page.evaluate("document.getElementById('question').removeAttribute('maxlength')")
    page.fill("#question", "x" * 1001)
    page.press("#question", "Enter")
    error = page.wait_for_selector(".turn.bot.error")
    assert "1000" in error.inner_text() or "1,000" in error.inner_text()
    page.route("**/ask", lambda route: route.abort())
    page.fill("#question", "Is the server there?")
    page.press("#question", "Enter")
    assert "could not be reached" in page.wait_for_selector(".turn.bot.error >> nth=1").inner_text()


def test_phone_width_fits_and_the_article_opens_full_screen(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url)
    page.fill("#question", "Who will Lavrov hold talks with in London?")
    page.click("#ask-button")
    page.wait_for_selector(".turn.bot .answer")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click(".turn.bot .answer .cite")
    page.wait_for_selector("#source-text mark.in-article")
    box = page.locator("#source-panel").bounding_box()
    assert box["width"] >= 380
    page.keyboard.press("Escape")
    assert page.is_hidden("#source-panel")
    assert page.evaluate("document.activeElement.id") == "question"


def test_article_html_is_shown_as_text_and_never_runs(browser, tmp_path, fake_embedder):
    from qa.config import Settings
    from qa.engine import Engine
    from qa.indexer import build_index

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        "Zeppelin <b>news</b>\n"
        'The zeppelin council met <script>window.pwned = 1</script> on Monday to vote.\n'
        'Its chair said <img src=x onerror="window.pwned = 2"> the zeppelin vote would pass.\n')
    settings = Settings(model="fake", index=str(tmp_path / "index"), rate_limit="")
    build_index([folder], settings.index, settings, lambda: fake_embedder)
    server = make_server("127.0.0.1", 0, create_app(settings, engine=Engine(settings, embedder=fake_embedder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}")
        page.fill("#question", "What did the zeppelin chair say about the vote?")
        page.press("#question", "Enter")
        page.wait_for_selector(".turn.bot .answer")
        page.click(".turn.bot .answer .cite")
        page.wait_for_selector("#source-text mark")
        assert "<img src=x onerror" in page.inner_text(".turn.bot") or "<script>" in page.inner_text("#source-text")
        assert "<script>window.pwned = 1</script>" in page.inner_text("#source-text")
        assert page.locator("#transcript img, #source-panel img, #transcript script, #source-panel script").count() == 0
        assert page.evaluate("window.pwned") is None
    finally:
        server.shutdown()


def test_filters_narrow_what_the_page_searches(browser, tmp_path, fake_embedder):
    from qa.config import Settings
    from qa.engine import Engine
    from qa.indexer import build_index

    from .conftest import FIXTURES

    settings = Settings(model="fake", index=str(tmp_path / "index"), rate_limit="")
    build_index([FIXTURES / "news"], settings.index, settings, lambda: fake_embedder)
    server = make_server("127.0.0.1", 0, create_app(settings, engine=Engine(settings, embedder=fake_embedder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        sent = []
        page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/ask") else None)
        page.goto(f"http://127.0.0.1:{server.server_port}")
        page.click(".filters summary")
        page.wait_for_selector("#filter-outlet option[value='Wire']", state="attached")
        page.select_option("#filter-outlet", "Wire")
        page.fill("#filter-after", "2014-01-01")
        page.fill("#question", "What happened at the Geneva talks?")
        page.press("#question", "Enter")
        page.locator(".turn.bot:not(.loading)").first.wait_for()
        assert sent[-1]["filters"] == {"outlet": "Wire", "published_after": "2014-01-01"}
        assert "Wire" in page.inner_text(".turn.bot")
        assert "BBC" not in page.inner_text(".turn.bot")
    finally:
        server.shutdown()
