"""The one-page brief for a visit, in both languages."""

from datetime import date, timedelta

import pytest

from crm import clock
from crm.money import Money


@pytest.fixture
def group(company, project, meeting, eur_rate):
    holding = company(name_en="Bosch Group", name_zh="博世集团")
    bosch = company(name_en="Bosch China", name_zh="博世中国", parent_id=holding.id)
    plant = project(bosch, name_en="Battery plant", name_zh="电池工厂",
                    total_investment=Money.parse("25000000", "EUR"))
    project(bosch, name_en="R&D centre", name_zh="研发中心")
    for day in range(1, 8):
        meeting(subject=f"Meeting number {day}", occurred_on=date(2026, 1, day),
                company_ids=[bosch.id], zone="jxetdz", notes="Talked about land." * 5,
                follow_ups=[{"title": f"Follow-up {day}", "due_on": clock.today()
                             + timedelta(days=day - 5), "done": day == 7}])
    return bosch, plant


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_brief_in_both_languages(client, make_user, login, group, lang):
    bosch, plant = group
    make_user("sam", "staff", zones=["jxetdz"])
    login("sam")
    response = client.get(f"/companies/{bosch.id}/brief", query_string={"lang": lang})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in html
    names = {"en": ("Bosch China", "Bosch Group", "Battery plant", "R&amp;D centre"),
             "zh": ("博世中国", "博世集团", "电池工厂", "研发中心")}[lang]
    for name in names:
        assert name in html, name
    assert ("EUR 25.0M" if lang == "en" else "2500万欧元") in html
    # the last five meetings, newest first, and the open follow-ups of those five
    shown = [n for n in range(1, 8) if f"Meeting number {n}<" in html]
    assert shown == [3, 4, 5, 6, 7]
    assert html.index("Meeting number 7") < html.index("Meeting number 3")
    follow_ups = [n for n in range(1, 8) if f"Follow-up {n}<" in html]
    assert follow_ups == [3, 4, 5, 6]  # 7 is done; 1 and 2 belong to older meetings
    assert html.count("badge-danger") == 2  # 3 and 4 are overdue


def test_brief_of_a_hidden_company_is_404_for_partners(client, make_user, login, company):
    make_user("pat", "partner")
    bosch = company()
    login("pat")
    assert client.get(f"/companies/{bosch.id}/brief").status_code in (403, 404)
