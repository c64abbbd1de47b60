"""A department's pages: its workbook, its uploads and their problems, its drafts and 定稿.

Every view takes the department from the login, never from the address: an upload is found by its
number among the department's own, so another department's id, number or file name finds nothing."""

from __future__ import annotations

import io
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from generator.docx.pdf import find_soffice
from generator.errors import DocumentUnreadable, OutputProblem
from generator.web.accounts import department_required
from generator.web.forms import FinalUpload, WorkbookUpload
from generator.web.models import Department, Final, Upload
from generator.web.storage import audit, numbered, sha256, store_bytes, stored_path
from generator.web.work import current_collection, process, state_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _page(request: HttpRequest, department: Department, **extra: object) -> HttpResponse:
    collection = current_collection(department)
    if collection is None:
        return render(
            request, "web/message.html", {"title": "尚未开始收集", "text": "司法局还没有把本单位加入任何年度的收集。"}
        )
    uploads = department.uploads.filter(collection=collection).order_by("-number")
    finals = department.finals.filter(collection=collection).order_by("-number")
    context = {
        "department": department,
        "collection": collection,
        "state": state_of(department, collection),
        "uploads": uploads,
        "finals": finals,
        "upload_form": WorkbookUpload(),
        "final_form": FinalUpload(),
        "pdf_available": find_soffice() is not None,
        **extra,
    }
    return render(request, "web/department.html", context, status=400 if extra.get("form_error") else 200)


@require_GET
@department_required
def home(request: HttpRequest, department: Department) -> HttpResponse:
    return _page(request, department)


@require_GET
@department_required
def blank(request: HttpRequest, department: Department) -> HttpResponse:
    from generator.workbook.blank import blank_workbook

    collection = current_collection(department)
    if collection is None:
        raise Http404
    buffer = io.BytesIO()
    blank_workbook().save(buffer)
    audit(request, "下载空白工作簿", department=department)
    name = f"{department.name} {collection.year}年度数据.xlsx"
    return FileResponse(io.BytesIO(buffer.getvalue()), as_attachment=True, filename=name, content_type=XLSX)


@require_POST
@department_required
def upload(request: HttpRequest, department: Department) -> HttpResponse:
    collection = current_collection(department)
    form = WorkbookUpload(request.POST, request.FILES)
    if collection is None or not form.is_valid():
        return _page(request, department, upload_form=form, form_error=True)
    sent = form.cleaned_data["workbook"]
    data = sent.read()
    stored = store_bytes(department, data, ".xlsx")
    row = numbered(
        Upload,
        department,
        collection=collection,
        file=stored,
        original_name=str(sent.name)[:255],
        size=len(data),
        sha256=sha256(data),
    )
    audit(request, "上传工作簿", f"第{row.number}次：{row.original_name}", department)
    process(row)
    return HttpResponseRedirect(f"/department/uploads/{row.number}/")


def _own_upload(department: Department, number: int) -> Upload:
    return get_object_or_404(Upload, department=department, number=number)


@require_GET
@department_required
def upload_page(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    row = _own_upload(department, number)
    return _page(request, department, shown=row)


def _send(
    request: HttpRequest, department: Department, relative: str, name: str, kind: str, what: str, inline: bool = False
) -> HttpResponse:
    if not relative:
        raise Http404
    audit(request, f"下载{what}", name, department)
    file = stored_path(relative).open("rb")
    return FileResponse(file, as_attachment=not inline, filename=name, content_type=kind)


@require_GET
@department_required
def workbook_file(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    row = _own_upload(department, number)
    name = f"{department.name} 第{row.number}次上传.xlsx"
    return _send(request, department, row.file, name, XLSX, "工作簿")


@require_GET
@department_required
def draft_file(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    row = _own_upload(department, number)
    name = f"{department.name} {row.collection.year}年度法治政府建设报告 初稿（第{row.number}次）.docx"
    return _send(request, department, row.draft, name, DOCX, "初稿")


@require_GET
@department_required
def draft_pdf(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    """The draft as a PDF, made by LibreOffice the first time it is asked for, then kept."""
    from generator.pipeline import pdf_bytes

    row = _own_upload(department, number)
    if not row.draft:
        raise Http404
    if not row.pdf:
        try:
            data, _notes = pdf_bytes(stored_path(row.draft).read_bytes(), Path("初稿.pdf"))
        except OutputProblem as exc:
            return render(request, "web/message.html", {"title": "无法生成 PDF", "text": str(exc)}, status=503)
        row.pdf = store_bytes(department, data, ".pdf")
        row.save(update_fields=["pdf"])
    name = f"{department.name} {row.collection.year}年度法治政府建设报告 初稿（第{row.number}次）.pdf"
    return _send(request, department, row.pdf, name, "application/pdf", "PDF", inline=True)


@require_POST
@department_required
def final_upload(request: HttpRequest, department: Department) -> HttpResponse:
    from generator.docx.props import read_docx

    collection = current_collection(department)
    form = FinalUpload(request.POST, request.FILES)
    if collection is None or not form.is_valid():
        return _page(request, department, final_form=form, form_error=True)
    sent = form.cleaned_data["final"]
    data = sent.read()
    try:
        read_docx(data, str(sent.name))  # the bounded reader `check` uses: a Word document, within bounds
    except DocumentUnreadable as exc:
        form.add_error("final", str(exc))
        return _page(request, department, final_form=form, form_error=True)
    stored = store_bytes(department, data, ".docx")
    row = numbered(Final, department, collection=collection, file=stored, original_name=str(sent.name)[:255])
    audit(request, "上传定稿", f"第{row.number}次：{row.original_name}", department)
    return HttpResponseRedirect("/department/")


@require_GET
@department_required
def final_file(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    row = get_object_or_404(Final, department=department, number=number)
    name = f"{department.name} 定稿（第{row.number}次）.docx"
    return _send(request, department, row.file, name, DOCX, "定稿")
