"""唐河县's clerk: uploads an enrolment file (a bad one first, refused with
its line; then a good one), prints a class's sign-in sheet, and records a
class day's attendance. Desktop 1366×768, screenshots at each step."""
import os
import tempfile

from harness import *  # noqa: F401,F403
from county_fixtures import bad_csv, good_csv, PEOPLE

COUNTY = "/county/411328"


def shot(driver, name):
    """What a county PC's 1366×768 screen shows first (SHOTS/name.png)."""
    os.makedirs(SHOTS, exist_ok=True)
    driver.set_window_size(1366, 768)
    path = os.path.join(SHOTS, name + ".png")
    driver.save_screenshot(path)
    print("screenshot", path)
    return path


def main():
    d = browser(1366, 768)
    reached = login(d, "tanghe")
    expect(reached.endswith(COUNTY), "唐河县's clerk lands on 唐河县's page")
    wait_text(d, "培训班")
    expect("星期" in text(d), "the classes' dates are Chinese dates with the weekday")
    shot(d, "county-01-home")

    folder = tempfile.mkdtemp(prefix="xiangxing-county-")
    bad = os.path.join(folder, "唐河县报名-有误.csv")
    good = os.path.join(folder, "唐河县报名.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(bad_csv())
    with open(good, "w", encoding="utf-8") as f:
        f.write(good_csv())

    open_page(d, COUNTY + "/enrolment/awareness")
    wait_text(d, "上传报名表")
    before = text(d)
    shot(d, "county-02-enrolment")
    d.find_element(By.CSS_SELECTOR, "form[action$='/upload'] input[type=file]").send_keys(bad)
    follow(d, d.find_element(By.CSS_SELECTOR, "form[action$='/upload'] button[type=submit]"))
    wait_text(d, "未能完成")
    page = text(d)
    expect("唐河县报名-有误.csv:3" in page, "the bad file's problem is located at its line 3")
    expect("校验位" in page, "the problem says the check character is wrong")
    shot(d, "county-03-upload-refused")

    open_page(d, COUNTY + "/enrolment/awareness")
    expect("韩立新" not in text(d), "nothing of the refused file was stored")
    d.find_element(By.CSS_SELECTOR, "form[action$='/upload'] input[type=file]").send_keys(good)
    follow(d, d.find_element(By.CSS_SELECTOR, "form[action$='/upload'] button[type=submit]"))
    wait_text(d, "已从上传的文件报名 3 人")
    page = text(d)
    for person in PEOPLE:
        expect(person[2] in page, f"{person[2]} is enrolled")
    expect("重新排班" in page, "the page says late enrolments wait for the next re-plan")
    shot(d, "county-04-uploaded")

    open_page(d, COUNTY)
    link = d.find_element(By.CSS_SELECTOR, "table.list a[href*='/classes/']")
    class_path = link.get_attribute("href").replace(URL, "")
    follow(d, link)
    wait_text(d, "学员名单")
    shot(d, "county-05-class")
    status, kind, body = fetch(d, class_path + "/sheet.pdf")
    expect(status == 200 and body[:4] == b"%PDF", "the class's sign-in sheet downloads as a PDF")
    expect("pdf" in kind, "it is sent as application/pdf")

    day_link = d.find_element(By.CSS_SELECTOR, "ul.days a")
    follow(d, day_link)
    wait_text(d, "全部到场")
    boxes = d.find_elements(By.CSS_SELECTOR, "table.grid input[type=checkbox]")
    expect(len(boxes) > 0, "the day's grid lists the class's people")
    shot(d, "county-06-grid")
    follow(d, d.find_element(By.CSS_SELECTOR, "button[value=all]"))
    wait_text(d, "全部到场")
    boxes = d.find_elements(By.CSS_SELECTOR, "table.grid input[type=checkbox]")
    expect(all(b.is_selected() for b in boxes), "全部到场 ticks everyone")
    boxes[0].click()
    follow(d, d.find_element(By.CSS_SELECTOR, "button[value=save]"))
    wait_text(d, "已保存")
    expect(f"到场 {len(boxes) - 1} / {len(boxes)} 人" in text(d), "the saved day counts everyone but the one unticked")
    shot(d, "county-07-saved")
    return d


run(main)
