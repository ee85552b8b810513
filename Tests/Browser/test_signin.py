"""Each role signs in through the login page and lands on its home page."""
from harness import *  # noqa: F401,F403


def main():
    d = browser()
    open_page(d, "/office")
    expect("/login" in d.current_url, "a signed-out visitor is sent to the login page")
    shot(d, "signin-01-login")
    d.find_element(By.NAME, "username").send_keys("tanghe")
    d.find_element(By.NAME, "password").send_keys("wrong-password")
    follow(d, d.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    wait_text(d, "账号或密码不对")
    shot(d, "signin-02-wrong-password")
    expect("账号或密码不对" in text(d), "a wrong password is refused in Chinese")
    # After a wrong password the visitor is still at the login page and can try again.
    reached = login(d, "tanghe")
    expect(reached.endswith("/county/411328"), "唐河县's clerk lands on 唐河县's page")
    open_page(d, "/county/411326")
    expect("找不到页面" in text(d), "唐河县's clerk gets 找不到页面 for 淅川县")
    shot(d, "signin-03-other-county-404")
    return d


run(main)
