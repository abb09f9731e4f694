"""The review page in a real headless Chromium (Selenium on the system browser and driver):
load an article, accept one suggestion, reject another, check the corrected text and the
stored decisions; hostile text is shown as text and never runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests._live_server import call, live_server

pytestmark = pytest.mark.browser

ARTICLE = ('Poutine said the deal was done ; Or so he claimed. <script>window.pwned = 1</script> '
           '"><img src=x onerror="window.pwned = 2"> The rate rose to 2,8 %.')
ARTIFACTS = Path(os.environ.get("MTCHECK_TEST_ARTIFACTS", Path(__file__).resolve().parents[1] / "artifacts"))


@pytest.fixture
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("headless Chromium and chromedriver not installed (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def test_review_page_accept_reject_and_hostile_text(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with live_server(tmp_path) as base:
        browser.get(base + "/")
        browser.find_element(By.ID, "article").send_keys(ARTICLE)
        browser.find_element(By.ID, "check").click()
        wait = WebDriverWait(browser, 30)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#text mark"))
        text = browser.find_element(By.ID, "text").text
        assert "<script>window.pwned = 1</script>" in text and 'onerror="window.pwned = 2"' in text
        assert browser.execute_script("return window.pwned === undefined")
        assert not browser.find_elements(By.CSS_SELECTOR, "#text script, #text img")

        marks = browser.find_elements(By.CSS_SELECTOR, "#text mark")
        first = next(m for m in marks if m.text == "Poutine")
        first.click()
        wait.until(lambda d: "Poutine" in d.find_element(By.ID, "d-instead").text)
        assert "Putin" in browser.find_element(By.ID, "d-instead").text
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys("a")  # accept the exonym fix; moves to the next finding
        wait.until(lambda d: d.find_element(By.ID, "corrected").get_attribute("value").startswith("Putin said"))
        current = browser.find_element(By.CSS_SELECTOR, "mark.current").text
        body.send_keys("r")  # reject the next finding
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "mark.rejected"))
        corrected = browser.find_element(By.ID, "corrected").get_attribute("value")
        assert corrected.startswith("Putin said the deal was done") and current in corrected
        explained = browser.find_element(By.ID, "d-instead").text
        assert "nats" not in explained
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "review-page.png"))

        reviews = call(base, "GET", "/v1/reviews")[1]["reviews"]
        stored = call(base, "GET", "/v1/reviews/" + reviews[0]["id"])[1]
        kinds = sorted(d["decision"] for d in stored["decisions"].values())
        assert kinds == ["accept", "reject"]
        assert stored["corrected_text"] == corrected
