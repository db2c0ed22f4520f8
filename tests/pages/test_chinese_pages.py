from datetime import date

from crm.money import Money
from tests import factories


def test_every_page_renders_in_chinese(client, make_user, login, company, project, eur_rate):
    make_user("root", "admin", locale="zh")
    acme = company(name_en="Acme", name_zh="阿克米")
    record = project(acme, name_zh="嘉兴工厂", total_investment=Money.parse("3000000", "EUR"),
                     estimated_land_date=date(2030, 1, 1), criteria=["large"])
    factories.move(record, "contacted", note="见面")
    login("root")
    pages = {
        "/projects": "嘉兴工厂",
        "/projects/board": "嘉兴工厂",
        f"/projects/{record.id}": "300万欧元（约324万美元）",
        f"/projects/{record.id}/edit": "嘉兴工厂",
        "/projects/new": "csrf_token",
        "/companies": "阿克米",
        f"/companies/{acme.id}": "德国",
        "/companies/new": "csrf_token",
        f"/companies/{acme.id}/edit": "阿克米",
        "/reference": "/reference/rates",
        "/reference/global500": "csrf_token",
        "/reference/rates": "EUR",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.get_data(as_text=True), url
