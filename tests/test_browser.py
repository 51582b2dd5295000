"""The report in a real browser: headless Chromium opens every page from the file system at a
phone's width (390 px), and every kind of page at a laptop's (1280 px: the index, each notebook's
page, a figure's and an article's, whose layouts are those of the others of their kind); no page
scrolls sideways, every image loads, the key headings are there, and the estimates table sorts
and filters. Screenshots are kept under build/screenshots/ for a person to look at."""

import pytest

from conftest import NEEDS_CHROMIUM, ROOT

pytestmark = [NEEDS_CHROMIUM, pytest.mark.xdist_group("browser")]  # one browser (conftest), in one worker
SHOTS = ROOT / "build/screenshots"
REPORTS = ROOT / "reports"
PAGES = sorted(p.relative_to(REPORTS).as_posix() for p in REPORTS.rglob("*.html"))
PAGE_KINDS = [page for page in PAGES if "/" not in page] + [
    next(page for page in PAGES if page.startswith(folder)) for folder in ("figures/", "articles/")]
SCREENS = [(page, 390) for page in PAGES] + [(page, 1280) for page in PAGE_KINDS]  # phone first: fewer resizes


def open_page(browser, name: str, width: int = 1280) -> None:
    browser.set_window_size(width, 1600)
    browser.get((REPORTS / name).resolve().as_uri())
    browser.execute_script("return document.readyState")


def images_loaded(browser) -> tuple[int, list[str]]:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_script("Array.from(document.images).forEach(i => i.scrollIntoView())")  # lazy ones too
    done = "return Array.from(document.images).every(i => i.complete)"
    WebDriverWait(browser, 30).until(lambda b: b.execute_script(done))
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.currentSrc.slice(-60), i.complete && i.naturalWidth > 0])")
    return len(images), [src for src, loaded in images if not loaded]


@pytest.mark.parametrize("page, width", SCREENS)
def test_page_fits_the_screen_and_every_image_loads(browser, page, width):
    open_page(browser, page, width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{page.replace('/', '_').removesuffix('.html')}-{width}.png"))
    inner = browser.execute_script("return document.documentElement.clientWidth")
    scrolled = browser.execute_script("return document.documentElement.scrollWidth")
    assert scrolled <= inner, f"{page} scrolls sideways at {width} px ({scrolled} > {inner})"
    clipped = browser.execute_script(
        "return Array.from(document.querySelectorAll('.jp-OutputArea-output, .jp-RenderedHTMLCommon, dl, li'))"
        ".filter(e => !e.querySelector('table') && e.scrollWidth > e.clientWidth + 1).length")
    assert clipped == 0, f"{page}: {clipped} boxes hide text that runs past their right edge at {width} px"
    count, broken = images_loaded(browser)
    assert broken == []
    narrow = browser.execute_script(  # a chart on a phone is drawn wide enough to read its labels
        "return Array.from(document.querySelectorAll('.chart img')).filter(i => i.clientWidth < 600).length")
    assert narrow == 0, f"{page}: {narrow} charts drawn too small to read at {width} px"
    if page == "index.html" or page.startswith(("figures/", "02-", "03-", "04-")):
        assert count >= 1


def test_index_opens_with_its_headings(browser):
    open_page(browser, "index.html")
    assert browser.find_element("tag name", "h1").text == "How the news counts North Korean human trafficking"
    headings = [h.text for h in browser.find_elements("tag name", "h2")]
    assert headings == ["Contents", "Notebooks", "Articles", "Figures", "Every estimate", "Data"]


def test_estimates_table_filters_and_sorts(browser):
    open_page(browser, "index.html")
    rows = lambda: browser.execute_script(
        "return Array.from(document.querySelectorAll('#estimates-table tbody tr')).filter(r => !r.hidden).length")
    total = rows()
    browser.find_element("css selector", ".controls input").send_keys("Boston Globe")
    assert 0 < rows() < total
    browser.find_element("css selector", ".controls input").clear()
    browser.execute_script("document.querySelector('.controls input').dispatchEvent(new Event('input'))")
    assert rows() == total
    header = browser.find_elements("css selector", "#estimates-table th button")[0]
    header.click()
    dates = browser.execute_script(
        "return Array.from(document.querySelectorAll('#estimates-table tbody tr td:first-child'))"
        ".map(c => c.getAttribute('data-sort'))")
    assert dates == sorted(dates)


@pytest.mark.parametrize("page, heading, answers", [
    ("04-tracing-the-claims-student.html", "04 · Tracing the claims (student version)", False),
    ("04-tracing-the-claims-teacher.html", "04 · Tracing the claims (teacher version)", True),
    ("02-how-estimates-vary.html", "02 · How the estimates vary", False),
])
def test_notebook_pages_render(browser, page, heading, answers):
    open_page(browser, page)
    assert browser.find_element("tag name", "h1").text.startswith(heading)
    assert ("Worked answers" in browser.page_source) == answers
