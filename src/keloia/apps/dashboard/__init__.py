"""The dashboard (keloia.apps.dashboard): the owner's and admin's JSON API and its pages,
mounted beside the webhook by `create_app` as one Litestar plugin."""

from keloia.apps.dashboard.plugin import DashboardPlugin

__all__ = ["DashboardPlugin"]
