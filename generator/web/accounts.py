"""Logging in and out, with failed attempts throttled; who may see which pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from generator.web.models import Department, LoginAttempt
from generator.web.storage import audit, client_address

WINDOW = timedelta(minutes=15)
MAX_FAILURES_A_NAME = 5  # then the name waits out the window
MAX_FAILURES_AN_ADDRESS = 30
THROTTLED = "登录失败次数过多，请 15 分钟后再试；忘记密码请联系司法局重置。"


def throttled(username: str, address: str) -> bool:
    since = timezone.now() - WINDOW
    recent = LoginAttempt.objects.filter(at__gte=since)
    return (
        recent.filter(username=username).count() >= MAX_FAILURES_A_NAME
        or recent.filter(address=address).count() >= MAX_FAILURES_AN_ADDRESS
    )


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    error = ""
    username = ""
    if request.method == "POST":
        username = request.POST.get("username", "").strip()[:150]
        password = request.POST.get("password", "")
        address = client_address(request)
        if throttled(username, address):
            error = THROTTLED
        else:
            user = authenticate(request, username=username, password=password)
            if user is None:
                LoginAttempt.objects.create(username=username, address=address)
                error = "用户名或密码不对。用户名是本单位的机关名称（司法局开通账号时给出）。"
            else:
                login(request, user)
                audit(request, "登录")
                return HttpResponseRedirect("/")
    return render(request, "web/login.html", {"error": error, "username": username}, status=200 if not error else 401)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit(request, "退出")
    logout(request)
    return HttpResponseRedirect("/login/")


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseRedirect("/login/")
    return HttpResponseRedirect("/office/" if request.user.is_staff else "/department/")


def department_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view gets the logged-in department; nobody else passes (the office has its own pages)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"/login/?next={request.path}")
        try:
            department = request.user.department
        except Department.DoesNotExist:
            return forbidden(request)
        return view(request, department, *args, **kwargs)

    return wrapped


def office_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"/login/?next={request.path}")
        if not request.user.is_staff:
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "web/message.html", {"title": "无权访问", "text": "这个页面不属于您的账号。"}, status=403)
