"""The browser tests' shared part: a real Chromium (headless) driven by
Selenium 4 against a running `xiangxing serve`.

A Swift test (Tests/XiangxingWebTests/BrowserTests.swift) starts the server
on a fresh copy of the demo store and runs each test_<role>.py with:
  XIANGXING_URL          the server, e.g. http://127.0.0.1:41234
  XIANGXING_PASSWORD     the password of the fixture's accounts
  XIANGXING_SCREENSHOTS  where screenshots go (look at them)
A script exits 0 when its role's task worked end to end; it prints what it
checked and raises (exit 1) at the first thing that did not.
"""
import http.cookiejar
import os
import shutil
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ.get("XIANGXING_URL", "http://127.0.0.1:8080")
PASSWORD = os.environ.get("XIANGXING_PASSWORD", "乡行-test-2019")
SHOTS = os.environ.get("XIANGXING_SCREENSHOTS", "screenshots")


def browser(width=1366, height=768):
    """A headless Chromium of that window size (a county PC; 390×844 for a phone)."""
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=zh-CN", "--hide-scrollbars"):
        options.add_argument(arg)
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(path):
            options.binary_location = path
            break
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(120)
    return driver


def open_page(driver, path):
    driver.get(URL + path)
    return driver


def login(driver, username, password=PASSWORD):
    """Signs in through the login form, as a person does; returns the page reached."""
    open_page(driver, "/login")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    WebDriverWait(driver, 30).until(lambda d: "/login" not in d.current_url)
    return driver.current_url


def shot(driver, name):
    """Saves a screenshot of the whole page (SHOTS/name.png)."""
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, name + ".png")
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, min(max(height + 120, 600), 6000))
    driver.save_screenshot(path)
    print("screenshot", path)
    return path


def text(driver):
    """The page's text; while a click's new page replaces the old one the
    body found can go stale, so it is looked up again (a few times)."""
    for attempt in range(20):
        try:
            return driver.find_element(By.TAG_NAME, "body").text
        except (StaleElementReferenceException, NoSuchElementException):
            time.sleep(0.25)
    return driver.find_element(By.TAG_NAME, "body").text


def expect(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok:", what)


def follow(driver, element, timeout=180):
    """Clicks a link or a form's button and waits until the browser has left
    the page (its old <html> is gone), so nothing after reads the old page."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, timeout).until(lambda _: gone(old))


def gone(element):
    """Whether the page holding `element` has been replaced. Chromium answers
    a node of a page being torn down with "does not belong to the document"
    rather than a stale reference: that is gone too."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as e:
        if "does not belong to the document" in str(e):
            return True
        raise


def wait_text(driver, needle, timeout=60):
    """Waits until the page holds needle; a body gone stale in mid-navigation
    (the form's answer replacing the page) is looked up again, not a failure."""
    WebDriverWait(driver, timeout,
                  ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)
                  ).until(lambda d: needle in d.find_element(By.TAG_NAME, "body").text)


def fetch(driver, path):
    """GETs a path with the browser's session cookie (a download the page
    links to): (status, content type, bytes)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(URL + path, headers={"Cookie": cookie})
    try:
        with opener.open(request, timeout=120) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def run(main):
    """Runs a role's task; a screenshot of the page where it failed, exit 1."""
    driver = None
    try:
        driver = main()
    except Exception as e:  # noqa: BLE001 — the test's report is the point
        print("FAILED:", repr(e), file=sys.stderr)
        if isinstance(e, AssertionError) is False:
            import traceback
            traceback.print_exc()
        sys.exit(1)
    finally:
        if driver is not None:
            driver.quit()
