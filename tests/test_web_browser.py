"""The web app in a real browser: Debian's chromium driven by Playwright against a real server on loopback.

The reader's path: open the home page, audit the example article by pasting it, open the document, toggle
flags off and on, open a claim, add a note, reject a flag, find it in search, see the MEK's entity page.
Every page visited passes axe-core with no serious or critical violation. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLE, EXAMPLE_TITLE, ROOT, need

pytestmark = [pytest.mark.slow, pytest.mark.browser]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serving(tmp_path_factory.mktemp("browser") / "dossier.sqlite")


@pytest.fixture(scope="module")
def corpus_server(corpus_dossier: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serving(Path(shutil.copy(corpus_dossier, tmp_path_factory.mktemp("browser") / "corpus.sqlite")))


def serving(db: Path) -> Iterator[str]:
    import uvicorn

    from claimscope.settings import Settings
    from claimscope.web import WebSettings, create_app

    app = create_app(WebSettings(settings=Settings(db=db), pack="mek-iraq"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    chromium = need(Path(shutil.which("chromium") or "/usr/bin/chromium"))
    need(AXE)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def check_accessibility(page) -> None:  # type: ignore[no-untyped-def]
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['html'][:120]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{page.url}: " + "; ".join(serious)


def test_a_reader_audits_reads_reviews_and_searches(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1300, "height": 1800})  # axe is injected
    page = context.new_page()
    page.goto(server + "/")
    check_accessibility(page)

    # audit the example article by pasting it
    page.fill("#text", EXAMPLE.read_text())
    page.click("form[action='/audit'] button[type=submit]")
    page.wait_for_url("**/documents/*")
    assert page.locator("h1").inner_text() == EXAMPLE_TITLE
    assert page.locator(".crumbs li").all_inner_texts()[0] == "Home"
    check_accessibility(page)
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)

    # toggle flags off and on: the marks lose and regain their styling, the words stay
    flag = page.locator("mark.flag-start", has_text="various").first
    shown = flag.evaluate("e => getComputedStyle(e).backgroundColor")
    page.uncheck("input[data-toggle=flags]")
    assert flag.evaluate("e => getComputedStyle(e).backgroundColor") != shown
    assert flag.evaluate("e => e.tabIndex") == -1  # a hidden mark is no tab stop
    assert "various Western" in page.locator("#doc-text").inner_text()
    page.check("input[data-toggle=flags]")
    assert flag.evaluate("e => getComputedStyle(e).backgroundColor") == shown
    assert flag.evaluate("e => e.tabIndex") == 0
    assert flag.get_attribute("aria-label").startswith("“various Western governments”")  # the words, then the note
    # entity mentions are not tab stops (the summary lists the entities); a skip link passes the text
    assert page.locator("#doc-text a.mention").first.evaluate("e => e.tabIndex") == -1
    assert page.locator("details.named a").count() > 5
    assert page.locator('a.skip[href="#summary-h"]').count() == 1

    # a flag's note shows on keyboard focus
    flag.focus()
    assert "Weasel words" in flag.get_attribute("data-note")

    # open a claim from its badge, add a note, reject one of its flags
    page.locator("p", has_text="various Western governments").locator("a.claim-badge").click()
    page.wait_for_url("**/claims/*")
    assert "various Western governments" in page.locator(".claim-text").inner_text()
    check_accessibility(page)
    page.fill("#note-author", "Ana")
    page.select_option("#note-target", label="flag: various Western governments")
    page.fill("#note-text", "Which Western governments? None is named.")
    page.click("#notes button[type=submit]")
    page.wait_for_load_state()
    assert "on flag “various Western governments”: Which Western governments? None is named." in \
        page.locator("ul.notes").inner_text()
    weasel = page.locator("ul.flags li", has_text="various Western governments")
    weasel.locator("button[value=rejected]").click()
    page.wait_for_load_state()
    assert "rejected by Ana" in page.locator("ul.flags li", has_text="various Western governments").inner_text()
    page.screenshot(path=str(ARTIFACTS / "claim.png"), full_page=True)

    # the rejected flag no longer marks the document's text
    page.goto(page.locator(".meta a").first.get_attribute("href") and server + page.locator(".meta a").first
              .get_attribute("href"))
    assert page.locator("mark.flag", has_text="various").count() == 0

    # find the claim in search
    page.fill("#top-q", "Western governments")
    page.press("#top-q", "Enter")
    page.wait_for_url("**/search?*")
    assert page.locator("ol.hits li").count() >= 1
    check_accessibility(page)

    # the MEK's entity page, reached from a mention in the text
    page.go_back()
    page.locator("a.mention", has_text="MEK").first.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text().startswith("People's Mojahedin Organization of Iran")
    assert page.locator("ul.mentions li").count() >= 10
    check_accessibility(page)

    page.goto(server + "/timeline")
    assert "23 September (year unknown)" in page.locator("table.timeline").inner_text()  # EDTF on hover
    assert page.locator('table.timeline span[title="EDTF XXXX-09-23"]').count() >= 1
    figure = page.locator(".timeline-figure img")  # the chart is drawn and loads under the page's CSP
    assert figure.evaluate("img => img.complete && img.naturalWidth") > 300
    check_accessibility(page)
    for path in ("/entities", "/documents", "/sources", "/propositions"):
        page.goto(server + path)
        check_accessibility(page)
    context.close()


def test_everything_works_from_the_keyboard(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Tab through the home page until the first document link, then open it with Enter
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.startswith("/documents/"):
            break
    else:
        pytest.fail("no document link reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/*")
    page.close()


def test_published_site_works_from_disk(published_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}")
            if request.resource_type not in ("xhr", "fetch") else None)  # axe fetches stylesheets: no file://
    page.on("pageerror", lambda error: failed.append(str(error)))
    page.goto((published_site / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "Dossier"
    page.get_by_role("link", name="Documents", exact=True).click()
    page.wait_for_url("**/documents.html")
    check_accessibility(page)
    page.get_by_role("link", name=EXAMPLE_TITLE).click()
    page.wait_for_url("**/documents/*.html")
    assert page.locator("#doc-text .claim").count() > 10  # the text with its marks, styled by the local CSS
    assert page.evaluate("getComputedStyle(document.querySelector('mark.flag')).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.uncheck("input[data-toggle=flags]")  # the local script runs: marks toggle off
    assert "hide-flags" in page.evaluate("document.body.className")
    page.locator("nav.crumbs a").last.click()  # the breadcrumb leads to the documents of the same topic
    page.wait_for_url("**/documents.html#topic-*")
    page.get_by_role("link", name="Sources", exact=True).click()
    page.wait_for_url("**/sources.html")
    check_accessibility(page)
    page.locator("table.sources-table a").first.click()
    page.wait_for_url("**/documents/*.html#source-1")
    page.goto((published_site / "timeline.html").as_uri())
    assert page.locator(".timeline-figure img").evaluate("img => img.naturalWidth") > 300
    page.screenshot(path=str(ARTIFACTS / "published-timeline.png"), full_page=False)
    assert failed == []
    page.close()


def test_a_proposition_page_with_its_review_form(corpus_server: str, browser) -> None:  # type: ignore[no-untyped-def]
    """The pages a reviewer works on: accessible, and as wide as the screen whatever their options' lengths."""
    for viewport in ({"width": 1280, "height": 900}, {"width": 375, "height": 812}):
        context = browser.new_context(bypass_csp=True, viewport=viewport)  # axe is injected
        page = context.new_page()
        page.goto(corpus_server + "/propositions")
        page.locator("main a[href^='/propositions/p-']").first.click()
        page.wait_for_url("**/propositions/p-*")
        assert page.locator("#suggested-h").count() == 1 and page.locator("select#add option").count() > 1
        # the stance map's words stay whole on a phone (the table scrolls in its box): one line per header
        heights = page.evaluate("[...document.querySelectorAll('table.timeline th')].map(th => th.offsetHeight)")
        line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('table.timeline th')).lineHeight)")
        assert heights and max(heights) < 2.5 * line, (viewport, heights, line)
        for step in range(2):  # the proposition page, then the page of a claim it offers (which offers it back)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{page.url} is {width} px wide on a {viewport['width']} px screen"
            check_accessibility(page)
            if step == 0:
                page.locator("section[aria-labelledby='suggested-h'] a").first.click()
                page.wait_for_url("**/claims/*")
                assert page.locator("#homes-h").count() == 1 and page.locator("select#join-to option").count() >= 1
        context.close()


def test_pages_fit_a_phone_screen(corpus_server: str, browser) -> None:  # type: ignore[no-untyped-def]
    server = corpus_server
    context = browser.new_context(viewport={"width": 360, "height": 812}, is_mobile=True, bypass_csp=True)
    page = context.new_page()
    page.goto(server + "/documents")
    documents = page.eval_on_selector_all("main a[href^='/documents/']", "links => links.map(a => a.href)")
    for url in [server + path for path in ("/", "/documents", "/entities", "/sources", "/timeline",
                                           "/propositions", "/search?q=MEK", "/docs")] + documents[:1]:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{url} is {width} px wide on a 360 px screen"  # /search was 386 (its select)
    check_accessibility(page)  # /docs: its table scrolls, so it must take the keyboard's focus
    page.goto(documents[0])
    mark = page.locator("mark.flag-start").first
    if mark.count():  # a flag's note, shown on focus, stays on the screen (it ran past the right edge)
        mark.focus()
        box = page.evaluate("""() => { const s = getComputedStyle(document.activeElement, '::after');
                                       return [s.position, parseFloat(s.left), parseFloat(s.width)]; }""")
        assert box[0] == "fixed" and box[1] + box[2] <= 360, box
    # the stance map is a card per row on a phone: every stance is on the screen, each row a readable height
    page.goto(server + "/propositions")
    page.click("main a[href^='/propositions/p-']")
    cells = page.eval_on_selector_all("table.stance-map td[data-label='Stance']", """cells => cells.map(c => {
        const r = c.getBoundingClientRect(); return [r.left, r.right]; })""")
    assert cells and all(left >= 0 and right <= 360 for left, right in cells), cells  # was off to the right
    rows = page.eval_on_selector_all("table.stance-map tbody tr", "rows => rows.map(r => r.offsetHeight)")
    assert max(rows) < 450, rows  # a row was 683 px tall, its words squeezed into a 114 px column
    label = page.evaluate("getComputedStyle(document.querySelector('.stance-map td'), '::before').content")
    assert label == '"Document: "', label
    check_accessibility(page)
    # so are the entities, sources and timeline tables: their last columns were off the screen
    for path in ("/entities", "/sources", "/timeline"):
        page.goto(server + path)
        cells = page.eval_on_selector_all("table.cards td[data-label]", """cells => cells.map(c => {
            const r = c.getBoundingClientRect(); return [c.dataset.label, r.left, r.right]; })""")
        assert cells and all(left >= 0 and right <= 360 for _, left, right in cells), (path, cells)
        check_accessibility(page)  # the timeline's figure scrolls: it takes the keyboard's focus
    context.close()


def test_a_long_unbroken_note_wraps(corpus_server: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(corpus_server + "/documents")
    page.click("main a[href^='/documents/']")
    claim = page.eval_on_selector("a.claim-badge", "a => a.href")
    page.goto(claim)
    page.fill("textarea[name=text]", "Archived: https://web.archive.org/web/20120928000000/" + "AbCdEfGh12" * 12)
    page.fill("form:has(textarea[name=text]) input[name=author]", "Ana")
    page.click("form:has(textarea[name=text]) button[type=submit]")
    for url in (claim, page.url.split("#")[0]):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1400, url  # it made the page 1744 px wide
    context.close()
