"""What the server keeps: the year's collections, the departments and their accounts, every upload
and draft (never overwritten), the 定稿, the workbooks made from last year's reports, the login
attempts and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Collection(models.Model):
    """One year's collection of reports, with its deadline."""

    year = models.PositiveIntegerField("年度", unique=True)
    deadline = models.DateField("截止日期")
    opened_at = models.DateTimeField("开始时间", auto_now_add=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年度"


class Department(models.Model):
    """A department that reports, and its account (its login name is its 机关名称)."""

    name = models.CharField("机关名称", max_length=100, unique=True)
    self_name = models.CharField("机关自称", max_length=20, blank=True)
    recipient = models.CharField("主送机关", max_length=100, blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="department")
    collections = models.ManyToManyField(Collection, related_name="departments")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Upload(models.Model):
    """One workbook a department uploaded, kept whole; ``number`` counts its uploads in order."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="uploads")
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="uploads")
    number = models.PositiveIntegerField("第几次上传")
    file = models.CharField(max_length=200)  # the stored file, relative to the data folder; made from ids
    original_name = models.CharField("上传的文件名", max_length=255)  # shown only, never a path
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # [{"severity", "where", "message"}]
    draft = models.CharField(max_length=200, blank=True)  # the draft built from it, if any
    pdf = models.CharField(max_length=200, blank=True)  # its PDF, made when first asked for
    built_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)  # None: stored, not yet validated (or cut short)

    class Meta:
        ordering = ["department", "-number"]
        constraints = [models.UniqueConstraint(fields=["department", "number"], name="uploads_in_order")]


class Final(models.Model):
    """A reviewed Word draft a department uploaded as its 定稿."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="finals")
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="finals")
    number = models.PositiveIntegerField()
    file = models.CharField(max_length=200)
    original_name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["department", "-number"]
        constraints = [models.UniqueConstraint(fields=["department", "number"], name="finals_in_order")]


class LoginAttempt(models.Model):
    """A failed login, for throttling."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class AuditEntry(models.Model):
    """Every upload, download and account change, for the office to read."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT)
    action = models.CharField(max_length=40)
    detail = models.CharField(max_length=500, blank=True)
    address = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]


class ImportedWorkbook(models.Model):
    """This year's workbook made from last year's report a department uploaded (``从去年的报告开始``);
    only the workbook is kept, with what was recognised (``summary``: lines to show)."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="imports")
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="imports")
    number = models.PositiveIntegerField("第几次导入")
    file = models.CharField(max_length=200)  # the workbook made, relative to the data folder
    original_name = models.CharField("上传的报告文件名", max_length=255)  # shown only, never a path
    size = models.PositiveIntegerField()  # of the report uploaded
    sha256 = models.CharField(max_length=64)  # of the report uploaded
    made_at = models.DateTimeField(auto_now_add=True)
    summary = models.JSONField(default=list)  # [line, …]: what was recognised, in Chinese
    notes = models.JSONField(default=list)  # [line, …]: where the report and the account disagree

    class Meta:
        ordering = ["department", "-number"]
        constraints = [models.UniqueConstraint(fields=["department", "number"], name="imports_in_order")]
