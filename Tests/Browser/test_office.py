"""The office's main task: a trainer who teaches on a date is recorded as
unavailable on it, the office re-plans, reads the proposal's cost, publishes
it and sees the new version with who must be told."""
import os
import sqlite3

from harness import *  # noqa: F401,F403
from selenium.webdriver.support.ui import Select


def a_taught_day():
    """A class of version 1 and its first trainer and day, read from the store (read-only)."""
    db = sqlite3.connect("file:" + os.environ["XIANGXING_DB"] + "?mode=ro", uri=True)
    row = db.execute("""
        SELECT t.session, t.trainer, MIN(d.day) FROM plan_session_trainer t
        JOIN plan_session_date d ON d.version = t.version AND d.session = t.session
        WHERE t.version = 1 AND t.session NOT LIKE '%@%'
        GROUP BY t.session, t.trainer ORDER BY MIN(d.day), t.session LIMIT 1""").fetchone()
    db.close()
    return row


def set_value(driver, name, value, form):
    field = form.find_element(By.NAME, name)
    driver.execute_script("arguments[0].value = arguments[1]", field, value)


def main():
    session, trainer, day = a_taught_day()
    print("absence:", trainer, "on", day, "teaching", session)
    d = browser()
    reached = login(d, "office")
    expect(reached.endswith("/office"), "the office lands on 全年概况")
    wait_text(d, "各县区排课情况")
    expect("唐河县" in text(d), "the overview lists 唐河县")
    expect(len(d.find_elements(By.CSS_SELECTOR, "svg.progress-chart")) == 2, "two progress charts are drawn")
    shot(d, "office-01-overview")

    open_page(d, "/office/changes")
    form = d.find_element(By.CSS_SELECTOR, "#unavailable form")
    Select(form.find_element(By.NAME, "trainer")).select_by_value(trainer)
    set_value(d, "from", day, form)
    set_value(d, "to", day, form)
    form.find_element(By.NAME, "reason").send_keys("病假")
    shot(d, "office-02-change-form")
    follow(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_text(d, "已记录")
    expect("web:office" in text(d), "the change log names the account")
    shot(d, "office-03-change-recorded")

    open_page(d, "/office/replan")
    expect("上一版本以来登记的变动" in text(d), "the re-plan page lists the change")
    shot(d, "office-04-replan-start")
    follow(d, d.find_element(By.XPATH, "//button[contains(., '开始重新排课')]"))
    wait_text(d, "发布为新版本", timeout=180)
    body = text(d)
    expect("方案：第2版" in body and "尚未保存" in body, "the proposal is shown before anything is saved")
    expect("需通知的讲师" in body and "讲师路程" in body and "未安排" in body, "its cost: trainers to tell, km, unscheduled")
    expect(session in body, f"the moved class {session} is listed")
    shot(d, "office-05-proposal-cost")

    follow(d, d.find_element(By.XPATH, "//button[contains(., '发布为新版本')]"))
    wait_text(d, "第1版 → 第2版")
    expect("/office/versions/1/diff/2" in d.current_url, "publishing leads to the diff with version 1")
    expect("需通知的讲师" in text(d), "the diff says who must be told")
    shot(d, "office-06-published-diff")

    open_page(d, "/office/versions")
    expect("第2版（最新）" in text(d), "version 2 is the latest")
    shot(d, "office-07-versions")

    open_page(d, "/office/sessions/" + session)
    expect(session in text(d), "explain answers for the moved class")
    shot(d, "office-08-explain")

    open_page(d, "/office/downloads")
    status, kind, data = fetch(d, "/office/downloads/rosters?county=411328")
    expect(status == 200 and data[:4] == b"%PDF", "唐河县's sign-in sheets download as a PDF")
    shot(d, "office-09-downloads")

    d.set_window_size(390, 844)
    open_page(d, "/office")
    shot(d, "office-10-overview-phone")
    return d


run(main)
