"""The Django application of the web pages."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "generator.web"
    label = "web"
    verbose_name = "法治政府建设年度报告收集"
    default_auto_field = "django.db.models.BigAutoField"
