"""The dashboard as a Litestar plugin: its controllers, dependencies (`Provide` map),
templates, static files and error translation, added to the app `create_app` builds."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from litestar import Request
from litestar.config.app import AppConfig
from litestar.datastructures import CacheControlHeader
from litestar.di import Provide
from litestar.exceptions import (
    HTTPException,
    ValidationException,
)
from litestar.plugins import InitPluginProtocol
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Response, Template
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig
from pydantic import ValidationError

from keloia.apps.dashboard.controllers.alerts import AlertsController
from keloia.apps.dashboard.controllers.assets import AssetsController
from keloia.apps.dashboard.controllers.auth import AuthController
from keloia.apps.dashboard.controllers.money import MoneyController
from keloia.apps.dashboard.controllers.papers import PapersController
from keloia.apps.dashboard.controllers.schedule import ScheduleController
from keloia.apps.dashboard.controllers.settings import SettingsController
from keloia.apps.dashboard.pages.activity import ActivityPages
from keloia.apps.dashboard.pages.alerts import AlertPages
from keloia.apps.dashboard.pages.assets import AssetPages
from keloia.apps.dashboard.pages.auth import LoginPages
from keloia.apps.dashboard.pages.common import provide_visit
from keloia.apps.dashboard.pages.money import MoneyPages
from keloia.apps.dashboard.pages.papers import PaperPages
from keloia.apps.dashboard.pages.schedule import SchedulePages
from keloia.apps.dashboard.pages.settings import SettingsPages
from keloia.apps.dashboard.security import provide_auth, provide_user
from keloia.bootstrap import Keloia
from keloia.domain.errors import DomainError
from keloia.domain.services.deps import Deps
from keloia.domain.services.validation import FIELD_LABELS

HERE = Path(__file__).parent
PAGE_CONTROLLERS = [
    LoginPages,
    SchedulePages,
    AssetPages,
    MoneyPages,
    AlertPages,
    ActivityPages,
    SettingsPages,
    PaperPages,
]

API_CONTROLLERS = [
    AuthController,
    ScheduleController,
    AssetsController,
    MoneyController,
    AlertsController,
    SettingsController,
    PapersController,
]


def invalid_request(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A request the schemas refuse: 400 with which field to look at, in Indonesian."""
    keys: list[str] = []
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list):
        keys = [str(e.get("key", "")) for e in exc.extra if isinstance(e, dict)]
    elif isinstance(exc, ValidationError):
        keys = [str(e["loc"][0]) if e["loc"] else "" for e in exc.errors()]
    labels = [FIELD_LABELS.get(k.split(".")[-1], k.split(".")[-1]) for k in keys if k]
    detail = "Data tidak valid" + (
        f": periksa {', '.join(dict.fromkeys(labels))}." if labels else "."
    )
    return Response({"status_code": 400, "detail": detail}, status_code=400)


# The dashboard's own pages; anything else answers errors as JSON (the API, the webhook,
# the simulator, file links) unless a browser asks for a page that does not exist.
PAGE_PREFIXES = (
    "masuk",
    "keluar",
    "jadwal",
    "booking",
    "armada",
    "keuangan",
    "peringatan",
    "aktivitas",
    "tim",
    "pengaturan",
    "mulai",
)


def is_page(request: Request[Any, Any, Any]) -> bool:
    """A browser's page (HTML), not the JSON API or another app's route."""
    first = request.url.path.strip("/").split("/")[0]
    if first in PAGE_PREFIXES or first == "":
        return True
    known_json = ("api", "schema", "webhook", "simulator", "healthz", "files", "static")
    return first not in known_json and "text/html" in request.headers.get("accept", "")


def error_page(request: Request[Any, Any, Any], status: int, message: str) -> Response[Any]:
    if status == 401:
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return Redirect(path=f"/masuk?next={target}", status_code=303)
    titles = {403: "Tidak diizinkan", 404: "Tidak ditemukan", 429: "Terlalu banyak percobaan"}
    return Template(
        template_name="error.html",
        context={
            "title": titles.get(status, "Ada yang perlu diperiksa"),
            "message": message,
            "home": "/jadwal",
            "back": "/jadwal",
            "back_label": "Jadwal",
        },
        status_code=status,
    )


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    if is_page(request):
        message = exc.detail if exc.status_code < 500 else "Halaman ini sedang bermasalah."
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = "Halaman yang Anda cari tidak ada."
        return error_page(request, exc.status_code, message)
    return Response(
        {"status_code": exc.status_code, "detail": exc.detail}, status_code=exc.status_code
    )


class DashboardPlugin(InitPluginProtocol):
    def __init__(self, keloia: Keloia) -> None:
        self.keloia = keloia

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        keloia = self.keloia

        def provide_deps() -> Deps:
            return keloia.deps

        app_config.state["keloia"] = keloia
        app_config.route_handlers.extend(API_CONTROLLERS)
        app_config.dependencies.update(
            {
                "deps": Provide(provide_deps, sync_to_thread=False),
                "auth": Provide(provide_auth),
                "user": Provide(provide_user),
                "visit": Provide(provide_visit),
            }
        )
        json_domain_error = app_config.exception_handlers.get(DomainError)

        def domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
            answer: Response[Any] = json_domain_error(request, exc)  # type: ignore[misc]
            if is_page(request):
                return error_page(request, answer.status_code or 400, exc.message)
            return answer

        def invalid(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
            answer = invalid_request(request, exc)
            if is_page(request):
                return error_page(request, 400, "Alamat halaman tidak valid.")
            return answer

        app_config.exception_handlers.update(
            {
                ValidationException: invalid,
                ValidationError: invalid,
                HTTPException: http_error,
                DomainError: domain_error,
            }
        )
        app_config.route_handlers.extend(PAGE_CONTROLLERS)
        app_config.route_handlers.append(
            create_static_files_router(
                path="/static",
                directories=[HERE / "static"],
                cache_control=CacheControlHeader(max_age=3600),
            )
        )
        app_config.template_config = TemplateConfig(
            directory=HERE / "templates", engine=JinjaTemplateEngine
        )
        return app_config
