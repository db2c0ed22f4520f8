"""An officer's day in Chinese, in the browser: a company, a project, a meeting with a
follow-up, the project dragged along the board, and the plan's refusal at `signed` for a
两高一低 project shown on screen; then the same pages at phone width."""

import re

import pytest
from flask_babel import force_locale

from crm import clock
from crm.projects import rules
from tests import factories

pytestmark = pytest.mark.e2e


def drag_to(tab, project_id: int, stage: str, note: str) -> None:
    """Drag the project's card to the column of ``stage``, write the note the move asks for
    and send it: the board comes back."""
    page = tab.page
    card = page.locator(f".card-item[data-project='{project_id}']")
    page.drag_and_drop(f".card-item[data-project='{project_id}'] .title",
                       f".board-col[data-stage='{stage}'] .board-col-head")
    # the drop opened the card's own Move form in the new column, the stage chosen
    moved = page.locator(f".board-col[data-stage='{stage}'] .card-item[data-project='{project_id}']")
    assert moved.count() == 1
    assert card.locator("select[name=stage]").input_value() == stage
    textarea = card.locator("textarea[name=note]")
    assert textarea.evaluate("e => e === document.activeElement")
    textarea.fill(note)
    with page.expect_navigation():
        card.locator("details.move [type=submit]").click()
    assert page.url.endswith("/projects/board")


def drag_far(tab, project_id: int, stage: str) -> None:
    """Drag the card to a column off screen: held at the board's right edge, the board scrolls
    until the column is in reach, and the card is dropped there."""
    page = tab.page
    card = page.locator(f".card-item[data-project='{project_id}'] .title").bounding_box()
    board = page.locator(".board").bounding_box()
    page.mouse.move(card["x"] + 5, card["y"] + 5)
    page.mouse.down()
    y = card["y"] + 40
    page.mouse.move(board["x"] + board["width"] - 8, y, steps=10)
    head = page.locator(f".board-col[data-stage='{stage}'] .board-col-head")
    for _ in range(200):
        if head.bounding_box()["x"] + 20 < board["x"] + board["width"]:
            break
        page.mouse.move(board["x"] + board["width"] - 6, y)  # the browser's dragover, again
        page.mouse.move(board["x"] + board["width"] - 8, y)
    target = head.bounding_box()
    page.mouse.move(target["x"] + 10, target["y"] + 10, steps=5)
    page.mouse.up()


def column_of(tab, project_id: int) -> str:
    return tab.page.locator(f".card-item[data-project='{project_id}']").get_attribute("data-stage")


def test_officer_in_chinese(app, tabs):
    factories.user("officer", "staff", zones=["jxetdz"], locale="zh", display_name="王官员")
    today = clock.today()
    with force_locale("zh"):
        refusal = rules.forbidden_reason(True, "signed")

    tab = tabs.open("zh-CN")
    tab.sign_in("officer", factories.PASSWORD)
    page = tab.page
    assert page.get_attribute("html", "lang") == "zh-CN"

    # a company
    tab.goto("/companies/new")
    tab.check_axe()
    page.fill("input[name=name_zh]", "嘉兴测试精工有限公司")
    page.fill("input[name=name_en]", "Testing Precision Ltd")
    page.select_option("select[name=country]", "DE")
    tab.submit()
    company_id = int(re.search(r"/companies/(\d+)$", page.url).group(1))
    assert "嘉兴测试精工有限公司" in page.inner_text("h1")

    # a project of it, marked 两高一低
    tab.goto("/projects/new")
    tab.check_axe()
    page.fill("input[name=name_zh]", "测试印染项目")
    page.fill("input[name=name_en]", "Dyeing works")
    page.select_option("select[name=company_id]", str(company_id))
    page.select_option("select[name=zone]", "jxetdz")
    page.check("input[name=two_high_one_low]")
    tab.submit()
    project_id = int(re.search(r"/projects/(\d+)$", page.url).group(1))
    assert "测试印染项目" in page.inner_text("h1")

    # a meeting about it, with a follow-up
    tab.goto("/meetings/new")
    tab.check_axe()
    page.fill("input[name=subject]", "厂房选址洽谈")
    page.fill("input[name=occurred_on]", today.isoformat())
    page.select_option("select[name=project_ids]", str(project_id))
    page.fill("input[name='follow_ups-0-title']", "寄送用地方案")
    page.fill("input[name='follow_ups-0-due_on']", today.isoformat())
    owner = "select[name='follow_ups-0-owner']"
    page.select_option(owner, page.eval_on_selector(
        owner, "s => [...s.options].find(o => o.text.includes('王官员')).value"))
    tab.submit()
    assert re.search(r"/meetings/\d+$", page.url)
    assert "寄送用地方案" in page.inner_text("main")
    tab.goto("/follow-ups")
    assert "寄送用地方案" in page.inner_text("main")

    # along the board by drag and drop
    tab.goto("/projects/board")
    tab.check_axe()
    assert column_of(tab, project_id) == "lead"
    drag_to(tab, project_id, "contacted", "首次接触")
    assert column_of(tab, project_id) == "contacted"
    assert page.locator(".flash-success").count() == 1

    # refused at signed: the plan's message on screen, the card back where it was
    drag_to(tab, project_id, "signed", "试图签约")
    assert refusal in tab.flashes()[0]
    assert page.locator(".flash-error").count() == 1
    assert column_of(tab, project_id) == "contacted"

    # a drop on a far column (the board scrolls along), then cancelled: the card goes back and
    # nothing is sent
    drag_far(tab, project_id, "lost")
    card = page.locator(f".card-item[data-project='{project_id}']")
    assert column_of(tab, project_id) == "contacted"  # its stage until the move is sent
    assert page.locator(f".board-col[data-stage='lost'] .card-item[data-project='{project_id}']").count() == 1
    assert card.locator("select[name=stage]").input_value() == "lost"
    card.locator(".move-cancel").click()
    assert page.locator(f".board-col[data-stage='contacted'] .card-item[data-project='{project_id}']").count() == 1
    assert card.locator("select[name=stage]").input_value() != "lost"
    assert not card.locator("details.move").evaluate("e => e.open")

    # on the road: the same pages on a phone
    phone = tabs.open("zh-CN", phone=True)
    phone.sign_in("officer", factories.PASSWORD)
    for path in ["/", "/projects/board", f"/projects/{project_id}", "/meetings/new", "/follow-ups"]:
        phone.goto(path)
        phone.fits_phone()
    phone.goto("/projects/board")
    phone.page.locator(".nav-toggle").click()
    assert phone.page.locator("#site-menu").is_visible()
