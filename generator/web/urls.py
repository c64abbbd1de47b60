"""The addresses of the pages."""

from django.urls import path

from generator.web import accounts, department, last_year, office

urlpatterns = [
    path("", accounts.home),
    path("login/", accounts.login_view),
    path("logout/", accounts.logout_view),
    path("department/", department.home),
    path("department/blank.xlsx", department.blank),
    path("department/upload/", department.upload),
    path("department/final/", department.final_upload),
    path("department/uploads/<int:number>/", department.upload_page),
    path("department/uploads/<int:number>/workbook.xlsx", department.workbook_file),
    path("department/uploads/<int:number>/draft.docx", department.draft_file),
    path("department/uploads/<int:number>/draft.pdf", department.draft_pdf),
    path("department/uploads/<int:number>/changes/", department.changes),
    path("department/uploads/<int:number>/tracked.docx", department.tracked),
    path("department/finals/<int:number>.docx", department.final_file),
    path("department/import/", last_year.start),
    path("department/imports/<int:number>/", last_year.result),
    path("department/imports/<int:number>/workbook.xlsx", last_year.workbook_file),
    path("office/", office.home),
    path("office/audit/", office.audit_log),
    path("office/<int:year>/", office.collection_page),
    path("office/<int:year>/add/", office.add_department),
    path("office/<int:year>/import/", office.import_departments),
    path("office/<int:year>/drafts.zip", office.drafts_zip),
    path("office/<int:year>/problems.xlsx", office.problems_xlsx),
    path("office/<int:year>/summary.xlsx", office.summary_xlsx),
    path("office/<int:year>/departments/<int:department_id>/", office.department_page),
    path("office/departments/<int:department_id>/reset/", office.reset_password),
    path("office/uploads/<int:upload_id>/<str:kind>", office.office_file),
]
