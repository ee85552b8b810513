"""A trainer on a phone (390×844): signs in, sees the coming engagements,
opens the itinerary PDF, creates the calendar subscription and fetches it."""
import os
import re
import subprocess
import urllib.request

from harness import *  # noqa: F401,F403

# T011 has work before and after the fixture's today (2019-09-01) in the
# demo's plan, so the office gives T011 an account, as it would with the CLI.
ME = "T011"
BINARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "debug", "xiangxing")


def phone(d, height=844):
    """A real 390 px viewport (headless Chromium's windows are at least 500 px wide), as a phone has."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": height, "deviceScaleFactor": 1, "mobile": True})


def phone_shot(d, name):
    """The whole page at the phone's width."""
    height = d.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    phone(d, min(max(height, 844), 6000))
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, name + ".png")
    d.save_screenshot(path)
    print("screenshot", path)
    phone(d)


def main():
    subprocess.run([BINARY, "user", "add", "t011", "--role", "trainer", "--trainer", ME, "--db", os.environ["XIANGXING_DB"]],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    d = browser(390, 844)
    phone(d)
    reached = login(d, "t011")
    expect(reached.endswith(f"/trainer/{ME}"), "the trainer lands on their engagements")
    body = text(d)
    expect("的行程" in body, "the page names the trainer")
    expect("即将进行的任务" in body, "the coming engagements come first")
    cards = d.find_elements(By.CSS_SELECTOR, "ol.engagements > li.engagement:not(.past)")
    expect(len(cards) > 0, f"{len(cards)} coming engagement(s) shown")
    first = cards[0].text
    expect(re.search(r"\d{4}年\d{1,2}月\d{1,2}日（星期.）", first) is not None, "dates read 2019年9月10日（星期二）")
    expect("同行讲师" in first and ("去程" in first or "转场" in first), "co-trainers and the road are on the card")
    width = d.execute_script("return document.documentElement.scrollWidth")
    viewport = d.execute_script("return window.innerWidth")
    expect(viewport == 390 and width <= 390, f"nothing wider than the phone (page {width} px in {viewport} px)")
    past = d.find_element(By.CSS_SELECTOR, "details.engagements-past")
    expect(past.get_attribute("open") is None, "past engagements are folded")
    phone_shot(d, "trainer-01-engagements-phone")

    # A class the trainer teaches: head count and townships, no one's ID or phone.
    # The trainer's coming work may all be tour stops; then the class is among
    # the past ones, and the trainer unfolds them to reach it.
    link = f"a[href^='/trainer/{ME}/sessions/']"
    links = d.find_elements(By.CSS_SELECTOR, f"ol.engagements > li.engagement:not(.past) {link}")
    if not links:
        past.find_element(By.TAG_NAME, "summary").click()
        expect(past.get_attribute("open") is not None, "a tap on the summary unfolds the past engagements")
        links = past.find_elements(By.CSS_SELECTOR, link)
    expect(len(links) > 0, "a class links to its page")
    follow(d, links[0])
    wait_text(d, "报名人数")
    body = text(d)
    expect(re.search(r"\d{17}[\dX]|1[3-9]\d{9}", body) is None, "the class page shows no ID or phone")
    phone_shot(d, "trainer-02-class-phone")

    # The itinerary PDF, with the browser's session.
    status, ctype, data = fetch(d, f"/trainer/{ME}/itinerary.pdf")
    expect(status == 200 and ctype == "application/pdf" and data.startswith(b"%PDF-"), "the itinerary PDF downloads")

    # The calendar subscription: create it, read the URL, fetch it as a phone calendar (no cookie).
    open_page(d, f"/trainer/{ME}/calendar")
    phone_shot(d, "trainer-03-calendar-none")
    follow(d, d.find_element(By.XPATH, "//button[contains(., '创建订阅地址')]"))
    wait_text(d, "您的订阅地址")
    url = d.find_element(By.CSS_SELECTOR, ".calendar-url input").get_attribute("value")
    expect(re.fullmatch(r"https://[^/]+/calendar/[A-Za-z0-9_-]{43}\.ics", url) is not None, "the secret URL is shown")
    phone_shot(d, "trainer-04-calendar-made")
    path = url[url.index("/calendar/"):]
    with urllib.request.urlopen(URL + path, timeout=60) as r:
        feed = r.read().decode("utf-8")
        expect(r.headers.get("Content-Type") == "text/calendar; charset=utf-8", "the feed is text/calendar")
    expect(feed.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in feed, "the feed answers without a login")

    # Revoke and replace: the old URL answers 404, the new one works.
    follow(d, d.find_element(By.XPATH, "//button[contains(., '换一个新地址')]"))
    WebDriverWait(d, 30, ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(lambda x: x.find_element(By.CSS_SELECTOR, ".calendar-url input").get_attribute("value") != url)
    fresh = d.find_element(By.CSS_SELECTOR, ".calendar-url input").get_attribute("value")
    try:
        urllib.request.urlopen(URL + path, timeout=60)
        expect(False, "the revoked URL should answer 404")
    except urllib.error.HTTPError as e:
        expect(e.code == 404, "the revoked URL answers 404")
    with urllib.request.urlopen(URL + fresh[fresh.index("/calendar/"):], timeout=60) as r:
        expect(r.status == 200, "the new URL works")
    phone_shot(d, "trainer-05-calendar-replaced")
    return d


run(main)
