"""增资扩产 (DOMAIN.md, 不重复统计): an expansion links the project it expands (``expands_id``:
same company, visible, not itself, no loop), its amount is the added investment only, the
project pages link both ways, and the reports count each by its own amount, once."""

from tests.api.conftest import error_of, ok, usd

URL = "/api/v1/projects"
READY = {"owner": "admin", "likelihood": "high", "estimated_land_date": "2030-01-01",
         "signed_on": "2024-01-02"}


def signed(admin, project, **fields):
    made = project(**READY, **fields)
    return ok(admin.post(f"{URL}/{made['id']}/stage", json={"stage": "signed"}))


def test_an_expansion_links_its_project_and_counts_its_added_amount_once(admin, project,
                                                                         company):
    acme = company(name_en="Acme Plant Co")
    first = signed(admin, project, company_id=acme["id"], name_en="First plant",
                   total_investment=usd("100000000.00"))
    added = signed(admin, project, company_id=acme["id"], name_en="Second line",
                   kind="expansion", expands_id=first["id"],
                   total_investment=usd("30000000.00"))
    assert added["expands_id"] == first["id"] and first["expands_id"] is None
    funnel = {row["stage"]: row for row in ok(admin.get("/api/v1/reports/funnel"))["stages"]}
    # the company's earlier capital is not counted again: 100M + 30M, not 100M + 130M
    assert (funnel["signed"]["reached"], funnel["signed"]["usd"]) == (2, "130000000.00")
    league = {z["zone"]: z for z in ok(admin.get("/api/v1/reports/league"))["zones"]}
    assert (league["jxetdz"]["signed"], league["jxetdz"]["signed_usd"],
            league["jxetdz"]["mega"]) == (2, "130000000.00", 1)
    expansions = ok(admin.get("/api/v1/reports/funnel?kind=expansion"))["stages"]
    assert expansions[3]["usd"] == "30000000.00"


def test_the_link_is_checked(admin, api, project, company):
    acme, other = company(name_en="Acme Plant Co"), company(name_en="Other Works")
    first = project(company_id=acme["id"], name_en="First plant")
    elsewhere = project(company_id=other["id"], name_en="Elsewhere")

    def refused(response, words):
        error = error_of(response, 422)
        assert words in " ".join(error["fields"]["expands_id"]), error
        return error

    body = {"company_id": acme["id"], "zone": "jxetdz", "name_en": "Second line"}
    refused(admin.post(URL, json=body | {"expands_id": first["id"]}), "Only a capital increase")
    refused(admin.post(URL, json=body | {"kind": "expansion", "expands_id": elsewhere["id"]}),
            "same company")
    refused(admin.post(URL, json=body | {"kind": "expansion", "expands_id": 999999}),
            "No such project")
    made = ok(admin.post(URL, json=body | {"kind": "expansion", "expands_id": first["id"]}),
              201)
    refused(admin.patch(f"{URL}/{made['id']}", json={"version": made["version"],
                                                      "expands_id": made["id"]}), "itself")
    # the first project may not in turn expand its own expansion
    refused(admin.patch(f"{URL}/{first['id']}", json={
        "version": first["version"], "kind": "expansion", "expands_id": made["id"]}),
        "already expands")
    # an officer of jxetdz does not see a project of jsetdz, so may not link it
    hidden = project(company_id=acme["id"], zone="jsetdz", name_en="Haining plant")
    staff = api("jx", "staff")
    refused(staff.post(URL, json=body | {"kind": "expansion", "expands_id": hidden["id"]}),
            "No such project")
    ok(staff.post(URL, json=body | {"kind": "expansion", "expands_id": first["id"]}), 201)
    # the link is cleared with null; a kind other than expansion is refused while linked
    refused(admin.patch(f"{URL}/{made['id']}", json={"version": made["version"],
                                                      "kind": "new"}), "Only a capital")
    cleared = ok(admin.patch(f"{URL}/{made['id']}", json={"version": made["version"],
                                                           "expands_id": None}))
    assert cleared["expands_id"] is None


def test_the_pages_link_both_ways_and_the_form_says_the_amount_is_the_added_one(
        admin, project, company, client, login):
    acme = company(name_en="Acme Plant Co")
    first = project(company_id=acme["id"], name_en="First plant")
    added = project(company_id=acme["id"], name_en="Second line", kind="expansion",
                    expands_id=first["id"])
    login("admin")
    page = client.get(f"/projects/{first['id']}?lang=en").get_data(as_text=True)
    assert f'href="/projects/{added["id"]}" data-link="expanded-by">Second line' in page
    page = client.get(f"/projects/{added['id']}?lang=en").get_data(as_text=True)
    assert f'href="/projects/{first["id"]}" data-link="expands">First plant' in page
    form = client.get(f"/projects/{added['id']}/edit?lang=en").get_data(as_text=True)
    assert "enter the added investment only" in form and 'name="expands_id"' in form
    zh = client.get(f"/projects/{added['id']}/edit?lang=zh").get_data(as_text=True)
    assert "只填写新增投资额" in zh
