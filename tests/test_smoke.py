def test_login_page_renders(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert "csrf_token" in response.get_data(as_text=True)


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_sign_in_and_see_overview(login, make_user, client):
    make_user("alice", "manager")
    response = login("alice", follow=True)
    assert response.status_code == 200
    assert "Overview" in response.get_data(as_text=True)
