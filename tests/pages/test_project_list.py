from crm.money import Money


def test_pinyin_search_finds_chinese_name(client, make_user, login, company, project):
    make_user("mia", "manager")
    acme = company()
    project(acme, name_zh="嘉兴工厂", name_en="")
    project(acme, name_zh="海宁仓库", name_en="Haining warehouse")
    login("mia")
    for q in ("jxgc", "jiaxinggongchang", "嘉兴"):
        html = client.get("/projects", query_string={"q": q}).get_data(as_text=True)
        assert "嘉兴工厂" in html, q
        assert "Haining warehouse" not in html, q
    html = client.get("/projects", query_string={"q": "warehouse"}).get_data(as_text=True)
    assert "Haining warehouse" in html and "嘉兴工厂" not in html


def test_filters_show_labels_and_narrow_the_list(client, make_user, login, company, project):
    make_user("mia", "manager")
    acme = company()
    big = project(acme, name_en="Big plant", name_zh="", zone="jsetdz", criteria=["high"],
                  total_investment=Money.parse("150000000", "USD"))
    project(acme, name_en="Small shop", name_zh="", zone="jxetdz")
    login("mia")
    html = client.get("/projects", query_string={"flag": "mega"}).get_data(as_text=True)
    assert "Big plant" in html and "Small shop" not in html
    assert "Over US$100M" in html and "Shuangbai candidate" in html
    assert "High-tech" in html  # criterion label, not the code
    assert "US$150.0M" in html
    html = client.get("/projects", query_string={"zone": "jxetdz"}).get_data(as_text=True)
    assert "Small shop" in html and "Big plant" not in html
    html = client.get("/projects", query_string={"criteria": "high"}).get_data(as_text=True)
    assert "Big plant" in html and "Small shop" not in html
    html = client.get("/projects", query_string={"country": "DE", "sort": "investment"}
                      ).get_data(as_text=True)
    assert html.index("Big plant") < html.index("Small shop")
    assert f'/projects/{big.id}"' in html


def test_staff_sees_only_own_zones(client, make_user, login, company, project):
    make_user("sam", "staff", zones=["jxetdz"])
    acme = company()
    project(acme, name_en="Mine", name_zh="", zone="jxetdz")
    project(acme, name_en="Theirs", name_zh="", zone="jsetdz")
    login("sam")
    html = client.get("/projects").get_data(as_text=True)
    assert "Mine" in html and "Theirs" not in html
    # the zone filter offers only the staff member's zones
    assert 'value="jxetdz"' in html and 'value="jsetdz"' not in html


def test_pagination_fifty_per_page(client, make_user, login, company, project):
    make_user("mia", "manager")
    acme = company()
    for n in range(52):
        project(acme, name_en=f"Project {n:02d}", name_zh="")
    login("mia")
    html = client.get("/projects", query_string={"sort": "name"}).get_data(as_text=True)
    assert "1–50 of 52" in html
    assert html.count('href="/projects/') >= 50
    html = client.get("/projects", query_string={"sort": "name", "page": 2}).get_data(as_text=True)
    assert "51–52 of 52" in html


def test_partner_cannot_reach_staff_pages(client, make_user, login):
    make_user("pat", "partner")
    login("pat")
    for url in ("/projects", "/projects/board", "/projects/new", "/companies", "/reference"):
        assert client.get(url).status_code == 403, url


def test_pages_need_sign_in(client):
    response = client.get("/projects")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
