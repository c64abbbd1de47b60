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
from generator.web.forms import FinalUpload, ReportUpload, WorkbookUpload
from generator.web.models import Collection, Department, Final, Upload
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
        "import_form": ReportUpload(),
        "imports": department.imports.filter(collection=collection).order_by("-number"),
        "pdf_available": find_soffice() is not None,
        **extra,
    }
    shown = context.get("shown") or context["state"].last
    against = _against(shown) if isinstance(shown, Upload) and shown.draft else None
    context["final_against"] = against[1] if against and "定稿" in against[1] else ""
    return render(request, "web/department.html", context, status=400 if extra.get("form_error") else 200)


@require_GET
@department_required
def home(request: HttpRequest, department: Department) -> HttpResponse:
    return _page(request, department)


def last_years_workbook(department: Department, collection: Collection) -> Path | None:
    """The department's latest workbook without errors in last year's collection on this server."""
    row = (
        department.uploads.filter(collection__year=collection.year - 1, errors=0, checked_at__isnull=False)
        .order_by("-number")
        .first()
    )
    return stored_path(row.file) if row is not None else None


@require_GET
@department_required
def blank(request: HttpRequest, department: Department) -> HttpResponse:
    """This year's workbook, holding the department's 基本信息 and last year's figures as 上年 when
    it reported last year here."""
    from generator.errors import InputProblems
    from generator.pipeline import prefill

    collection = current_collection(department)
    if collection is None:
        raise Http404
    info = {
        "机关名称": department.name,
        "机关自称": department.self_name,
        "主送机关": department.recipient,
        "报告年度": collection.year,
    }
    info = {label: value for label, value in info.items() if value}
    last = last_years_workbook(department, collection)
    try:
        made = prefill(last, info)
    except InputProblems:  # last year's workbook no longer validates: this year's without its figures
        made = prefill(None, info)
    buffer = io.BytesIO()
    made.workbook.save(buffer)
    audit(request, "下载工作簿", f"上年数据 {made.carried} 项" if last else "", department)
    name = f"{department.name} {collection.year}年度数据.xlsx"
    return FileResponse(io.BytesIO(buffer.getvalue()), as_attachment=True, filename=name, content_type=XLSX)


def _previous(row: Upload) -> Upload | None:
    """The upload before ``row`` whose workbook had no error, to compare with."""
    return (
        Upload.objects.filter(department=row.department, number__lt=row.number, errors=0, checked_at__isnull=False)
        .order_by("-number")
        .first()
    )


def _against(row: Upload) -> tuple[Path, str] | None:
    """What this upload's draft is marked against: the latest 定稿 before it, else the previous draft."""
    finals = row.department.finals.filter(collection=row.collection, uploaded_at__lte=row.uploaded_at)
    latest = finals.order_by("-number").first()
    if latest is not None:
        return stored_path(latest.file), f"对照第{latest.number}次定稿"
    before = _previous(row)
    if before is not None and before.draft:
        return stored_path(before.draft), f"对照第{before.number}次初稿"
    return None


@require_GET
@department_required
def changes(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    """What changed since the previous upload: the cells, and the draft's sentences with them."""
    from generator.changes import compare
    from generator.errors import ReportError

    row = _own_upload(department, number)
    before = _previous(row)
    against = _against(row)
    context: dict[str, object] = {
        "department": department,
        "row": row,
        "before": before,
        "against": against[1] if against else "",
    }
    if before is not None and not row.errors:
        try:
            context["comparison"] = compare(stored_path(before.file), stored_path(row.file))
        except ReportError as exc:
            context["refused"] = str(exc)
    return render(request, "web/changes.html", context)


@require_GET
@department_required
def tracked(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    """This upload's draft as tracked changes against the latest 定稿 before it, else against the
    previous draft: the reviewed text is never replaced, only marked."""
    from generator.pipeline import draft

    row = _own_upload(department, number)
    against = _against(row)
    if against is None or not row.draft:
        raise Http404
    made = draft(stored_path(row.file), against=against[0])
    what = against[1]
    audit(request, "下载修订稿", f"第{row.number}次，{what}", department)
    name = f"{department.name} {row.collection.year}年度报告 第{row.number}次（修订，{what}）.docx"
    return FileResponse(io.BytesIO(made.docx), as_attachment=True, filename=name, content_type=DOCX)


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


def send_file(
    request: HttpRequest, department: Department, relative: str, name: str, kind: str, what: str, inline: bool = False
) -> HttpResponse:
    """A stored file of the department's, downloaded under ``name`` (Django writes it as RFC 5987
    ``filename*``, the Chinese kept), and the download in the audit log."""
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
    return send_file(request, department, row.file, name, XLSX, "工作簿")


@require_GET
@department_required
def draft_file(request: HttpRequest, department: Department, number: int) -> HttpResponse:
    row = _own_upload(department, number)
    name = f"{department.name} {row.collection.year}年度法治政府建设报告 初稿（第{row.number}次）.docx"
    return send_file(request, department, row.draft, name, DOCX, "初稿")


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
    return send_file(request, department, row.pdf, name, "application/pdf", "PDF", inline=True)


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
    return send_file(request, department, row.file, name, DOCX, "定稿")
