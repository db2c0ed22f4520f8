import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import selectinload

from ..auth import services
from ..auth.fresh import require_fresh_token
from ..auth.models import User
from ..codes import Role
from ..extensions import db
from ..i18n_codes import Literal_of
from ..records import fields_of
from . import bp
from .core import Body, PageQuery, operation, page_schema, paginate, require_user
from .schemas import USER


def user_json(user: User) -> dict:
    return (fields_of(user, ("id", "username", "display_name", "email", "role"))
            | {"zones": user.zone_codes, "company_ids": user.company_ids}
            | fields_of(user, ("locale", "active", "version")))


class UserCreate(Body):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)
    role: Literal_of(Role)
    display_name: str = Field("", max_length=200)
    email: str = Field("", max_length=200)
    zones: list[str] = Field(default_factory=list, max_length=50)
    company_ids: list[int] = Field(default_factory=list, max_length=500)
    locale: Literal_of(("zh", "en")) | None = None
    active: bool = True


class UserChange(Body):
    version: int | None = None  # checked when sent
    password: str | None = Field(None, min_length=1, max_length=200)
    role: Literal_of(Role) | None = None
    display_name: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=200)
    zones: list[str] | None = Field(None, max_length=50)
    company_ids: list[int] | None = Field(None, max_length=500)
    locale: Literal_of(("zh", "en")) | None = None
    active: bool | None = None


@operation(bp, "/users", "POST", summary="Create a user (admin; a token from the last 10 minutes)",
           tag="users", body=UserCreate,
           response=USER, status=201, errors=(403, 422),
           permission=("users", "edit"))
def create_user(body: UserCreate):
    require_fresh_token()
    user = services.create_user(**body.model_dump())
    return user_json(user), 201


@operation(bp, "/users", "GET", summary="List users (admin)", tag="users", query=PageQuery,
           response=page_schema(USER), paginated=True, permission=("users", "view"))
def list_users(query: PageQuery):
    statement = sa.select(User).options(  # a row shows the zones and companies
        selectinload(User.zones), selectinload(User.companies)).order_by(User.username)
    return paginate(statement, query, lambda rows: [user_json(u) for u in rows])


@operation(bp, "/users/<int:user_id>", "GET", summary="Read a user (admin)", tag="users",
           response=USER, errors=(404,), permission=("users", "view"))
def get_user(user_id: int):
    return user_json(db.get_or_404(User, user_id))


@operation(bp, "/users/<int:user_id>", "PATCH",
           summary="Change a user (admin; a token from the last 10 minutes); active=false ends "
           "their sessions and tokens",
           tag="users", body=UserChange, response=USER, errors=(403, 404, 409, 422),
           permission=("users", "edit"))
def change_user(user_id: int, body: UserChange):
    acting = require_user()
    require_fresh_token()
    user = db.get_or_404(User, user_id)
    changes = body.model_dump(exclude_unset=True)
    version = changes.pop("version", None)
    return user_json(services.change_user(user, version, changes, acting))
