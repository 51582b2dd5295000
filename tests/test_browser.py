"""The report in a real browser: headless Chromium opens it from the file system, every image
loads, and the key headings are there. A screenshot is kept under build/screenshots/."""

import shutil

import pytest

from conftest import ROOT

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Chromium and ChromeDriver are not installed (Debian packages chromium, chromium-driver)")
SHOTS = ROOT / "build/screenshots"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,2000", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def open_page(browser, name: str) -> None:
    browser.get((ROOT / "reports" / name).resolve().as_uri())
    browser.execute_script("return document.readyState")


def images_loaded(browser) -> tuple[int, list[str]]:
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.currentSrc.slice(-60), i.complete && i.naturalWidth > 0])")
    return len(images), [src for src, loaded in images if not loaded]


def test_index_opens_with_its_headings_and_every_image(browser):
    open_page(browser, "index.html")
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "index.png"))
    assert browser.find_element("tag name", "h1").text == "How the news counts North Korean human trafficking"
    headings = [h.text for h in browser.find_elements("tag name", "h2")]
    assert headings == ["Notebooks", "Figures", "Data", "Every estimate"]
    count, broken = images_loaded(browser)
    assert count >= 10 and broken == []


@pytest.mark.parametrize("page, heading, answers", [
    ("04-tracing-the-claims-student.html", "04 · Tracing the claims", False),
    ("04-tracing-the-claims-teacher.html", "04 · Tracing the claims", True),
    ("02-how-estimates-vary.html", "02 · How the estimates vary", False),
])
def test_notebook_pages_render(browser, page, heading, answers):
    open_page(browser, page)
    browser.save_screenshot(str(SHOTS / page.replace(".html", ".png")))
    assert browser.find_element("tag name", "h1").text.startswith(heading)
    assert ("Worked answers" in browser.page_source) == answers
    count, broken = images_loaded(browser)
    assert count >= 1 and broken == []
