"""The collecting office's pages: the year's collection, its departments and their states, the
accounts, every department's files, the zip of drafts, the list of problems and the audit log."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from generator.web.accounts import office_required
from generator.web.forms import CollectionForm, DepartmentForm, DepartmentList
from generator.web.models import AuditEntry, Collection, Department, Upload
from generator.web.storage import audit, stored_path
from generator.web.work import state_of

STATES = ("未提交", "生成中", "有错误", "已生成", "已定稿")
PASSWORD_CHARS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I


def new_password() -> str:
    return get_random_string(12, PASSWORD_CHARS)


def _rows(collection: Collection) -> list[dict[str, object]]:
    today = timezone.localdate()
    rows = []
    for department in collection.departments.order_by("id"):
        state = state_of(department, collection)
        late = state.label in ("未提交", "有错误") and today > collection.deadline
        rows.append({"department": department, "state": state, "late": late})
    return rows


@require_http_methods(["GET", "POST"])
@office_required
def home(request: HttpRequest) -> HttpResponse:
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        year, deadline = form.cleaned_data["year"], form.cleaned_data["deadline"]
        collection, made = Collection.objects.get_or_create(year=year, defaults={"deadline": deadline})
        if not made:
            collection.deadline = deadline
            collection.save(update_fields=["deadline"])
        audit(request, "开始收集" if made else "修改截止日期", f"{year}年度，截止{deadline}")
        return HttpResponseRedirect(f"/office/{year}/")
    latest = Collection.objects.first()
    if latest is not None and request.method == "GET":
        return HttpResponseRedirect(f"/office/{latest.year}/")
    return render(request, "web/office_start.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
@office_required
def collection_page(request: HttpRequest, year: int, **extra: object) -> HttpResponse:
    collection = get_object_or_404(Collection, year=year)
    rows = _rows(collection)
    context = {
        "collection": collection,
        "rows": rows,
        "late": [r for r in rows if r["late"]],
        "counts": {
            label: sum(r["state"].label == label for r in rows) for label in ("未提交", "有错误", "已生成", "已定稿")
        },
        "form": extra.pop("form", None) or DepartmentForm(),
        "list_form": extra.pop("list_form", None) or DepartmentList(),
        "collections": Collection.objects.all(),
        **extra,
    }
    refused = context["form"].errors or context["list_form"].errors or context.get("list_problems")
    return render(request, "web/office.html", context, status=400 if refused else 200)


def _add(request: HttpRequest, collection: Collection, name: str, self_name: str, recipient: str) -> str | None:
    """Add a department to the collection; its new account's password, or None when it had one."""
    department = Department.objects.filter(name=name).first()
    password = None
    with transaction.atomic():
        if department is None:
            password = new_password()
            user = get_user_model().objects.create_user(username=name, password=password)
            department = Department.objects.create(name=name, self_name=self_name, recipient=recipient, user=user)
        else:
            department.self_name = self_name or department.self_name
            department.recipient = recipient or department.recipient
            department.save()
        department.collections.add(collection)
    audit(request, "添加部门", f"{collection.year}年度", department)
    return password


@require_POST
@office_required
def add_department(request: HttpRequest, year: int) -> HttpResponse:
    collection = get_object_or_404(Collection, year=year)
    form = DepartmentForm(request.POST)
    if not form.is_valid():
        request.method = "GET"
        return collection_page(request, year, form=form)
    data = form.cleaned_data
    password = _add(request, collection, data["name"].strip(), data["self_name"].strip(), data["recipient"].strip())
    request.method = "GET"
    return collection_page(request, year, given=[(data["name"].strip(), password)])


@require_POST
@office_required
def import_departments(request: HttpRequest, year: int) -> HttpResponse:
    """Add every department of an uploaded list (机关名称, 机关自称, 主送机关)."""
    import tempfile

    from generator.errors import InputProblems, ReportError
    from generator.read.roster import read_roster
    from generator.web.work import as_rows

    collection = get_object_or_404(Collection, year=year)
    form = DepartmentList(request.POST, request.FILES)
    request.method = "GET"
    if not form.is_valid():
        return collection_page(request, year, list_form=form)
    sent = form.cleaned_data["departments"]
    shown = str(sent.name)
    with tempfile.TemporaryDirectory(prefix="report-draft-list-") as tmp:
        path = Path(tmp) / "list.xlsx"
        path.write_bytes(sent.read())
        try:
            entries = read_roster(path, shown)
        except InputProblems as exc:
            return collection_page(request, year, list_problems=as_rows(exc.problems, path, shown))
        except ReportError as exc:
            said = str(exc).replace(str(path), shown)
            return collection_page(request, year, list_problems=[{"severity": "错误", "where": shown, "message": said}])
    given = [(e.name, _add(request, collection, e.name, e.self_name, e.recipient)) for e in entries]
    return collection_page(request, year, given=given)


@require_POST
@office_required
def reset_password(request: HttpRequest, department_id: int) -> HttpResponse:
    department = get_object_or_404(Department, pk=department_id)
    password = new_password()
    department.user.set_password(password)
    department.user.save()
    audit(request, "重置密码", "", department)
    collection = department.collections.order_by("-year").first()
    request.method = "GET"
    if collection is None:
        return HttpResponseRedirect("/office/")
    return collection_page(request, collection.year, given=[(department.name, password)])


@require_GET
@office_required
def department_page(request: HttpRequest, year: int, department_id: int) -> HttpResponse:
    collection = get_object_or_404(Collection, year=year)
    department = get_object_or_404(Department, pk=department_id, collections=collection)
    context = {
        "collection": collection,
        "department": department,
        "state": state_of(department, collection),
        "uploads": department.uploads.filter(collection=collection).order_by("-number"),
        "finals": department.finals.filter(collection=collection).order_by("-number"),
    }
    return render(request, "web/office_department.html", context)


@require_GET
@office_required
def office_file(request: HttpRequest, upload_id: int, kind: str) -> HttpResponse:
    row = get_object_or_404(Upload, pk=upload_id)
    relative = row.draft if kind == "draft" else row.file
    if not relative:
        return HttpResponseRedirect("/office/")
    suffix = ".docx" if kind == "draft" else ".xlsx"
    name = f"{row.department.name} 第{row.number}次{'初稿' if kind == 'draft' else '上传'}{suffix}"
    audit(request, "下载" + ("初稿" if kind == "draft" else "工作簿"), name, row.department)
    return FileResponse(stored_path(relative).open("rb"), as_attachment=True, filename=name)


@require_GET
@office_required
def drafts_zip(request: HttpRequest, year: int) -> HttpResponse:
    """Every department's latest draft, named by 机关名称 (its 定稿 where it has one after it)."""
    collection = get_object_or_404(Collection, year=year)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for row in _rows(collection):
            state, name = row["state"], row["department"].name
            if state.label == "已定稿" and state.final is not None:
                archive.write(stored_path(state.final.file), f"{name} {year}年度法治政府建设报告（定稿）.docx")
            elif state.last is not None and state.last.draft and not state.last.errors:
                archive.write(stored_path(state.last.draft), f"{name} {year}年度法治政府建设报告（初稿）.docx")
    audit(request, "下载全部初稿", f"{year}年度")
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=f"{year}年度 各部门法治政府建设报告.zip")


@require_GET
@office_required
def problems_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    """Every department's problems in its latest upload, one row each, to send back."""
    from openpyxl import Workbook

    collection = get_object_or_404(Collection, year=year)
    wb = Workbook()
    ws = wb.active
    ws.title = "问题清单"
    ws.append(["机关名称", "状态", "第几次上传", "严重程度", "位置", "单元格中的值", "说明"])
    for row in _rows(collection):
        state, name = row["state"], row["department"].name
        if state.last is None:
            ws.append([name, state.label, "", "", "", "", "尚未上传工作簿"])
            continue
        for p in state.last.problems:
            ws.append(
                [name, state.label, state.last.number, p["severity"], p["where"], p.get("value", ""), p["message"]]
            )
    for column, width in zip("ABCDEFG", (24, 8, 10, 8, 18, 16, 80), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    audit(request, "下载问题清单", f"{year}年度")
    return FileResponse(buffer, as_attachment=True, filename=f"{year}年度 各部门工作簿问题清单.xlsx")


@require_GET
@office_required
def summary_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    """The county's 汇总 of every department's latest workbook without errors (generator.summary)."""
    from generator.pipeline import load
    from generator.summary import summarize, summary_bytes

    collection = get_object_or_404(Collection, year=year)
    entries = []
    for row in _rows(collection):
        last = row["state"].last
        if last is not None and not last.errors and last.checked_at is not None:
            entries.append((row["department"].name, load(stored_path(last.file))))
    data = summary_bytes(summarize(entries))
    audit(request, "下载汇总表", f"{year}年度，{len(entries)} 个部门")
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=f"{year}年度 各部门数据汇总.xlsx")


@require_GET
@office_required
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("department")[:500]
    return render(request, "web/audit.html", {"entries": entries})
