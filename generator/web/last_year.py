"""从去年的报告开始: a department uploads last year's report and gets this year's workbook made from
it by :func:`generator.imports.api.import_report`, in the request like the builds.

Only the workbook made is kept (a new file each time, never over another), with the lines saying
what was recognised; the report itself is read and let go.  A file the reader refuses (empty, a
PDF, a password, not a report …) gets the reader's message on the page and stores nothing.  Like
the uploads, a workbook is found by its number among the logged-in department's own."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from generator.docx.pdf import find_soffice
from generator.errors import ReportError
from generator.imports.api import import_report
from generator.web.account_info import fit_to_account
from generator.web.accounts import department_required
from generator.web.department import XLSX, send_file
from generator.web.forms import ReportUpload
from generator.web.models import Collection, Department, ImportedWorkbook
from generator.web.storage import audit, numbered, sha256, store_bytes
from generator.web.work import current_collection


def _page(
    request: HttpRequest, department: Department, collection: Collection, status: int = 200, **extra: object
) -> HttpResponse:
    context = {
        "department": department,
        "collection": collection,
        "import_form": ReportUpload(),
        "imports": department.imports.filter(collection=collection).order_by("-number"),
        "soffice": find_soffice() is not None,
        **extra,
    }
    return render(request, "web/last_year.html", context, status=status)


def _not_collecting(request: HttpRequest) -> HttpResponse:
    text = "司法局还没有把本单位加入任何年度的收集。"
    return render(request, "web/message.html", {"title": "尚未开始收集", "text": text}, status=404)


@require_POST
@department_required
def start(request: HttpRequest, department: Department) -> HttpResponse:
    """Import the uploaded report; store the workbook made and show what was recognised."""
    collection = current_collection(department)
    if collection is None:
        return _not_collecting(request)
    form = ReportUpload(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, department, collection, status=400, import_form=form)
    sent = form.cleaned_data["report"]
    data = sent.read()
    name = str(sent.name)[:255]
    try:
        result = import_report(data, name=name)
    except ReportError as exc:
        return _page(request, department, collection, status=400, refused=str(exc), refused_name=name)
    notes = fit_to_account(result.workbook, department, collection)
    stored = store_bytes(department, result.workbook_bytes(), ".xlsx")
    row = numbered(
        ImportedWorkbook,
        department,
        collection=collection,
        file=stored,
        original_name=name,
        size=len(data),
        sha256=sha256(data),
        summary=result.summary(),
        notes=notes,
    )
    audit(request, "从去年的报告导入", f"第{row.number}次：{name}", department)
    return HttpResponseRedirect(f"/department/imports/{row.number}/")


def _own(department: Department, number: int) -> ImportedWorkbook:
    return get_object_or_404(ImportedWorkbook, department=department, number=number)


@require_GET
@department_required
def result(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    row = _own(department, number)
    return _page(request, department, row.collection, row=row)


@require_GET
@department_required
def workbook_file(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    row = _own(department, number)
    name = f"{department.name} {row.collection.year}年度数据（从去年的报告导入）.xlsx"
    return send_file(request, department, row.file, name, XLSX, "工作簿")
