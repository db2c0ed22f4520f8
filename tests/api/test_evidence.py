"""/projects/{id}/evidence (API.md "After signing"): managers and admins add, list and download
a verification's files; the content decides the type; staff and partners are refused."""

import io

from tests import factories

PDF = b"%PDF-1.7\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def test_managers_add_list_and_download_evidence(api):
    manager = api("mia", "manager")
    project = factories.registered_project()
    added = manager.call("POST", f"/api/v1/projects/{project.id}/evidence",
                         data={"file": (io.BytesIO(JPEG), "licence.png")},
                         content_type="multipart/form-data")
    assert added.status_code == 201, added.get_json()
    body = added.get_json()
    # the type from the content (a JPEG named .png), the name as sent
    assert {k: body[k] for k in ("filename", "content_type", "size", "by")} == {
        "filename": "licence.png", "content_type": "image/jpeg", "size": len(JPEG), "by": "mia"}
    assert body["at"] and body["id"]
    listed = manager.get(f"/api/v1/projects/{project.id}/evidence").get_json()
    assert [e["id"] for e in listed] == [body["id"]]
    download = manager.get(f"/api/v1/projects/{project.id}/evidence/{body['id']}")
    assert download.status_code == 200 and download.data == JPEG
    assert download.headers["Content-Type"] == "image/jpeg"
    download.close()
    assert manager.get(f"/api/v1/projects/{project.id}/evidence/{body['id'] + 1}") \
        .status_code == 404


def test_refusals_write_nothing(api):
    admin = api("admin", "admin")
    project = factories.registered_project()
    url = f"/api/v1/projects/{project.id}/evidence"
    for content, name in ((b"GIF89a....", "scan.gif"), (b"", "empty.pdf")):
        refused = admin.call("POST", url, data={"file": (io.BytesIO(content), name)},
                             content_type="multipart/form-data")
        assert refused.status_code == 422, name
        assert "file" in refused.get_json()["error"]["fields"]
    assert admin.call("POST", url, data={}, content_type="multipart/form-data").status_code \
        == 422
    assert admin.get(url).get_json() == []
    for role in ("staff", "partner"):
        other = api(f"x-{role}", role)
        assert other.get(url).status_code == 403
        assert other.call("POST", url, data={"file": (io.BytesIO(PDF), "a.pdf")},
                          content_type="multipart/form-data").status_code == 403
    assert admin.get(url).get_json() == []
