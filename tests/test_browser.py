"""The chat page in a real browser (Debian's chromium driven by Playwright) against the real app, at a desktop
width and at 390 px, in light and dark. Screenshots go to build/screenshots/ and are listed at the end."""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from qa.app import create_app
from qa.suggestions import suggestions

from .conftest import FIXTURES, SCREENSHOTS, SCREENSHOTS_DIR, SEEDS, FakeEmbedder

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which(CHROMIUM) and not os.environ.get("CI"),
                       reason=f"chromium is not installed at {CHROMIUM} (apt-get install chromium)"),
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}
LOOKS = [("desktop", "light"), ("desktop", "dark"), ("phone", "light"), ("phone", "dark")]


def _serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def base_url(real_engine, real_settings):
    server = _serve(create_app(real_settings, engine=real_engine))
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def news_url(tmp_path_factory, fake_answer_model):
    """Seeds and dated articles from named outlets, on the fake embedder."""
    from qa.config import Settings
    from qa.engine import Engine
    from qa.indexer import build_index

    folder = tmp_path_factory.mktemp("news") / "articles"
    shutil.copytree(SEEDS, folder)
    shutil.copytree(FIXTURES / "news", folder / "news")
    embedder = FakeEmbedder()
    settings = Settings(model="fake", index=str(folder.parent / "index"), rate_limit="",
                        answer_model=fake_answer_model)
    build_index([folder], settings.index, settings, lambda: embedder)
    server = _serve(create_app(settings, engine=Engine(settings, embedder=embedder)))
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


@pytest.fixture(params=LOOKS, ids=[f"{width}-{scheme}" for width, scheme in LOOKS])
def look(request) -> tuple[str, str]:
    return request.param


@pytest.fixture
def open_page(browser, look):
    """Opens the page at the test's width and colour scheme, once the index status is shown."""
    contexts = []

    def opener(url, permissions=()):
        width, scheme = look
        context = browser.new_context(viewport=VIEWPORTS[width], color_scheme=scheme)
        if permissions:
            context.grant_permissions(list(permissions), origin=url)
        contexts.append(context)
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(url)
        page.wait_for_selector("#status:has-text('articles')")
        return page

    yield opener
    for context in contexts:
        context.close()


def shot(page, name: str, look: tuple[str, str]) -> Path:
    path = SCREENSHOTS_DIR / f"{name}-{look[0]}-{look[1]}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    SCREENSHOTS.append(path)
    print(f"screenshot: {path}")
    return path


def ask(page, question: str):
    """Sends a question and waits for its reply; the reply's turn."""
    answered = page.locator(".turn.bot").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    replied(page, answered)
    return page.locator(".turn.bot").nth(answered)


def replied(page, number: int) -> None:
    """Waits until reply `number` (from 0) is on the page."""
    page.wait_for_function("n => { const t = document.querySelectorAll('.turn.bot')[n];"
                           " return t && !t.classList.contains('loading'); }", arg=number)


def requests_to(page, path: str) -> list[dict]:
    sent = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith(path) else None)
    return sent


def check_look(page, look):
    """The theme follows the colour scheme; at phone width nothing scrolls sideways and Filters is in view."""
    width, scheme = look
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = map(int, re.findall(r"\d+", background)[:3])
    luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
    assert luminance < 0.2 if scheme == "dark" else luminance > 0.85, f"{scheme} theme, background {background}"
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[width]["width"]
    summary = page.locator("#filters summary").bounding_box()
    assert summary and summary["y"] + summary["height"] <= VIEWPORTS[width]["height"], "Filters is in view"


def test_the_answer_is_the_sentence_with_its_speaker_and_source_beside_it(open_page, base_url, look, real_engine):
    question = "What did Lavrov say about preconditions?"
    reply = real_engine.ask(question)
    home = next(p for p in reply["passages"] if p["highlight"])
    page = open_page(base_url)
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    turn = ask(page, question)

    quote = turn.locator(".answer-text")
    assert quote.inner_text().startswith(reply["answer"]["text"])
    assert quote.locator(".cite").inner_text() == f"[{home['rank']}]", "the answer cites its passage's number"
    assert float(quote.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 19, "the answer is large"
    byline = turn.locator(".answer figcaption")
    assert turn.locator(".answer .speaker").inner_text() == "Sergei Lavrov"
    title = byline.locator(".title")
    assert title.inner_text() == home["source"]["title"] and title.get_attribute("title") == home["source"]["path"]
    quote_box, byline_box = quote.bounding_box(), byline.bounding_box()
    if look[0] == "desktop":
        assert byline_box["x"] >= quote_box["x"] + quote_box["width"], "speaker and source beside the answer"
    else:
        assert byline_box["y"] >= quote_box["y"] + quote_box["height"] - 1, "speaker and source under the answer"

    folds = turn.locator("details.fold")
    assert folds.count() == 2 and not any(folds.nth(i).get_attribute("open") is not None for i in range(2))
    for i in range(2):
        folds.nth(i).locator("summary").click()
    assert folds.nth(0).locator("summary").inner_text().endswith(f"[{home['rank']}]")
    assert "precondition" in folds.nth(0).locator("mark").inner_text().lower()
    others = folds.nth(1).locator(".cite").all_inner_texts()
    assert others == [f"[{p['rank']}]" for p in reply["passages"] if p is not home], "one number per passage"
    for shown in turn.locator(".source .title").all_inner_texts():
        assert not shown.endswith(".txt"), "a source shows its title, not its file name"
    check_look(page, look)
    shot(page, "answer", look)

    quote.locator(".cite").click()
    page.wait_for_selector("#source-text mark.in-article")
    assert page.inner_text("#source-title") == home["source"]["title"]
    assert "precondition" in page.inner_text("#source-text mark.in-article mark").lower()
    page.eval_on_selector("#source-text", "e => { e.scrollTop = 0; }")
    head, text = page.locator(".source-head").bounding_box(), page.locator("#source-text").bounding_box()
    assert text["y"] >= head["y"] + head["height"] - 1, "the article's first line is not under its title"
    if look[0] == "phone":
        assert page.locator("#source-panel").bounding_box()["width"] >= 380
    page.locator("#source-text mark.in-article").scroll_into_view_if_needed()
    shot(page, "article", look)
    page.keyboard.press("Escape")
    assert page.is_hidden("#source-panel") and page.evaluate("document.activeElement.id") == "question"
    assert all(url.startswith(base_url) for url in fetched), "nothing is fetched from elsewhere"


def test_suggested_questions_on_the_empty_screen_and_after_an_unanswered_one(open_page, base_url, look, real_engine):
    expected = suggestions(real_engine)
    page = open_page(base_url)
    page.wait_for_selector("#intro .suggestion")
    assert page.locator("#intro .suggestion").all_inner_texts() == expected
    assert page.get_attribute("#question", "placeholder") == f"e.g. {expected[0]}"
    check_look(page, look)
    shot(page, "empty", look)

    turn = ask(page, "What is the boiling point of mercury?")
    assert "don't say" in turn.locator(".none").inner_text()
    assert turn.locator(".suggestion").all_inner_texts() == expected
    assert page.get_attribute("#question", "placeholder") == f"e.g. {expected[1 % len(expected)]}"
    shot(page, "unanswered", look)
    turn.locator(".suggestion").nth(1).click()
    page.wait_for_selector(".turn.bot >> nth=1 >> .answer-text")
    assert page.locator(".turn.user .said").nth(1).inner_text() == expected[1]


def test_an_empty_question_shows_a_hint(open_page, base_url, look):
    page = open_page(base_url)
    page.wait_for_selector("#intro .suggestion")  # the hint points at the suggestions once they are shown
    page.click("#ask-button")
    hint = page.locator("#ask-hint")
    assert hint.is_visible() and hint.inner_text() == "Type a question first, or pick one of the suggestions."
    assert page.get_attribute("#question", "aria-invalid") == "true"
    assert page.locator(".turn.user").count() == 0
    check_look(page, look)
    shot(page, "empty-question", look)
    page.type("#question", "W")
    assert hint.inner_text().startswith("Enter sends")


def test_new_conversation_starts_afresh(open_page, base_url, look):
    page = open_page(base_url)
    sent = requests_to(page, "/ask")
    ask(page, "Who will Lavrov hold talks with in London?")
    assert page.is_enabled("#copy-conversation")
    page.click("#new-conversation")
    assert page.locator("#transcript > li").count() == 1 and page.is_visible("#intro .suggestion >> nth=0")
    assert page.is_disabled("#copy-conversation")
    check_look(page, look)
    shot(page, "new-conversation", look)
    ask(page, "What did he say about Assad?")
    assert sent[-1]["history"] == [], "nothing of the earlier conversation is sent"


def test_copy_conversation_as_markdown_with_linked_citations(open_page, base_url, look, real_engine):
    question = "What did Lavrov say about preconditions?"
    reply = real_engine.ask(question)
    home = next(p for p in reply["passages"] if p["highlight"])
    page = open_page(base_url, permissions=("clipboard-read", "clipboard-write"))
    ask(page, question)
    ask(page, "What is the boiling point of mercury?")
    page.click("#copy-conversation")
    page.wait_for_selector("#copy-conversation:has-text('Copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith(f"**Q:** {question}\n\n> ")
    assert f"[[{home['rank']}]]({base_url}/sources/{home['source']['path']})" in text
    assert "> — Sergei Lavrov, " in text
    for passage in reply["passages"]:
        source = passage["source"]
        assert f"\n{passage['rank']}. [{source['title']}]({base_url}/sources/{source['path']})" in text
    assert "**Q:** What is the boiling point of mercury?\n\nThe articles don't say." in text
    check_look(page, look)


def test_filters_show_on_their_turn_dates_are_iso_and_an_empty_result_says_so(open_page, news_url, look):
    page = open_page(news_url)
    sent = requests_to(page, "/ask")
    check_look(page, look)
    page.click("#filters summary")
    page.wait_for_selector("#filter-outlet option[value='Wire']", state="attached")
    assert page.get_attribute("#filter-after", "placeholder") == "yyyy-mm-dd"
    page.fill("#filter-after", "01/01/2014")
    page.fill("#question", "What did Berg tell reporters?")
    page.press("#question", "Enter")
    assert "yyyy-mm-dd" in page.inner_text("#ask-hint") and not sent, "a date not written yyyy-mm-dd is not sent"

    page.fill("#filter-after", "2014-01-01")
    page.select_option("#filter-outlet", "Wire")
    turn = ask(page, "What did Berg tell reporters?")
    assert sent[-1]["filters"] == {"outlet": "Wire", "published_after": "2014-01-01"}
    assert page.locator(".turn.user .chip").all_inner_texts() == ["Outlet: Wire", "From 2014-01-01"]
    assert turn.locator(".answer .speaker").inner_text() == "Anna Berg"
    caption = turn.locator(".answer figcaption").inner_text()
    assert "Wire" in caption and "2014-01-23" in caption, "outlet and date beside the answer"
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", page.inner_text("#transcript")), "dates are yyyy-mm-dd"
    assert turn.locator(".corroboration h3").inner_text() == "Also reported by BBC"
    turn.locator(".corroboration .link").first.click()
    page.wait_for_selector("#source-text mark.in-article")
    assert page.inner_text("#source-title") == "Leaders meet in Geneva"
    assert page.inner_text("#source-meta") == "BBC · 2014-01-22"
    page.click("#source-close")

    page.select_option("#filter-outlet", "BBC")
    page.fill("#filter-after", "2020-01-01")
    turn = ask(page, "What did Berg tell reporters?")
    assert turn.locator(".note").inner_text().startswith("No article matches these filters.")
    assert page.locator(".turn.user").nth(1).locator(".chip").all_inner_texts() == ["Outlet: BBC", "From 2020-01-01"]
    assert page.locator(".turn.user").nth(0).locator(".chip").all_inner_texts() == ["Outlet: Wire", "From 2014-01-01"]
    shot(page, "filters", look)
    turn.locator(".retry").click()
    replied(page, 2)
    assert sent[-1]["filters"] is None and page.locator(".turn.user").nth(2).locator(".chip").count() == 0
    assert page.locator(".turn.bot").nth(2).locator(".answer .speaker").inner_text() == "Anna Berg"


def test_time_words_show_as_a_chip_that_asks_again_without_them(browser, news_url):
    page = browser.new_page()
    sent = requests_to(page, "/ask")
    page.goto(news_url)
    turn = ask(page, "What did Berg tell reporters this week?")
    chip = turn.locator(".chips.period .chip")
    assert chip.inner_text().startswith("this week: 2015-08-10 to 2015-08-17"), "read as of the newest article"
    chip.locator(".remove").click()
    replied(page, 1)
    assert sent[-1]["question"] == "What did Berg tell reporters?"
    assert page.locator(".turn.bot").nth(1).locator(".chips.period").count() == 0
    page.close()


def test_speaker_and_other_outlets_are_shown(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    turn = ask(page, "Who did Lavrov say should decide who leads Syria?")
    assert turn.locator(".answer .speaker").inner_text() == "Sergei Lavrov"
    assert turn.locator(".corroboration h3").inner_text().startswith("Also reported by")
    assert turn.locator(".corroboration li").count() >= 2
    page.close()


def test_everything_the_speaker_said_on_the_topic_is_listed(open_page, base_url, look):
    page = open_page(base_url)
    turn = ask(page, "What did Lavrov say about preconditions?")
    quotes = turn.locator(".statements q").all_inner_texts()
    assert turn.locator(".statements h3").inner_text() == f"Everything Sergei Lavrov said on this ({len(quotes)})"
    assert len(quotes) >= 5
    assert any("pre-condition for negotiations" in q for q in quotes) and any("prerequisite" in q for q in quotes)
    # a statement that opens with its own quotation marks is not wrapped in a second pair
    marks = turn.locator(".statements q").evaluate_all(
        "qs => qs.map(q => [q.textContent[0], getComputedStyle(q, '::before').content])")
    assert {mark for first, mark in marks if first == '"'} == {"none"}
    assert all(mark != "none" for first, mark in marks if first != '"')
    check_look(page, look)
    shot(page, "statements", look)
    turn.locator(".statements .link").first.click()
    page.wait_for_selector("#source-text mark.in-article")
    assert page.inner_text("#source-text mark.in-article") == quotes[0]
    page.click("#source-close")


def test_follow_up_keeps_the_conversation_and_shift_enter_adds_a_line(browser, base_url):
    page = browser.new_page()
    sent = requests_to(page, "/ask")
    page.goto(base_url)
    ask(page, "Who will Lavrov hold talks with in London?")
    page.type("#question", "And what did he say")
    page.press("#question", "Shift+Enter")
    page.type("#question", "about Assad?")
    assert page.input_value("#question") == "And what did he say\nabout Assad?"
    page.press("#question", "Enter")
    replied(page, 1)
    assert sent[-1]["history"][0]["question"] == "Who will Lavrov hold talks with in London?"
    assert "William Hague" in sent[-1]["history"][0]["answer"]
    assert "Lavrov" in page.inner_text(".turn.bot >> nth=1 >> .understood")
    page.close()


def test_unanswerable_and_server_errors_are_said_plainly(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    assert "don't say" in ask(page, "What is the boiling point of mercury?").locator(".none").inner_text()
    page.fill("#question", "x" * 1000 + "y")  # the box stops at 1,000 characters
    assert len(page.input_value("#question")) == 1000
    page.evaluate("document.getElementById('question').removeAttribute('maxlength')")
    error = ask(page, "x" * 1001)
    assert "error" in error.get_attribute("class") and "1000" in error.inner_text()
    page.route("**/ask", lambda route: route.abort())
    assert "could not be reached" in ask(page, "Is the server there?").inner_text()
    page.close()


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
    server = _serve(create_app(settings, engine=Engine(settings, embedder=fake_embedder)))
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}")
        ask(page, "What did the zeppelin chair say about the vote?")
        page.click(".turn.bot .answer-text .cite")
        page.wait_for_selector("#source-text mark")
        assert "<img src=x onerror" in page.inner_text(".turn.bot") or "<script>" in page.inner_text("#source-text")
        assert "<script>window.pwned = 1</script>" in page.inner_text("#source-text")
        assert page.locator("#transcript img, #source-panel img, #transcript script, #source-panel script").count() == 0
        assert page.evaluate("window.pwned") is None
        page.close()
    finally:
        server.shutdown()
