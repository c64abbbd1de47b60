"""The pages' forms (Django forms: their fields, limits and Chinese messages)."""

from __future__ import annotations

from django import forms

from generator.web.settings import MAX_UPLOAD_BYTES

_MB = MAX_UPLOAD_BYTES // (1024 * 1024)


class ChineseForm(forms.Form):
    """A form whose labels end in a full-width colon."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "：")
        super().__init__(*args, **kwargs)


class BoundedFile(forms.FileField):
    """A file no larger than the server takes, with a suffix it expects ("": any, the reader tells
    the kinds apart by their bytes)."""

    def __init__(self, suffix: str, **kwargs: object) -> None:
        self.suffix = suffix
        super().__init__(**kwargs)

    def clean(self, data: object, initial: object = None) -> object:
        data = super().clean(data, initial)
        if data is None:
            return data
        if data.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件有 {data.size // (1024 * 1024)} MB，超过了 {_MB} MB 的上限。")
        if self.suffix and not str(data.name).lower().endswith(self.suffix):
            raise forms.ValidationError(f"请上传 {self.suffix} 文件（Excel 或 WPS 表格另存为 {self.suffix}）。")
        return data


class WorkbookUpload(ChineseForm):
    workbook = BoundedFile(".xlsx", label="工作簿", error_messages={"required": "请选择要上传的工作簿。"})


class FinalUpload(ChineseForm):
    final = BoundedFile(".docx", label="定稿", error_messages={"required": "请选择审定后的 Word 文件。"})


class ReportUpload(ChineseForm):
    """Last year's report, to start this year's workbook from: Word, WPS, text or a web page."""

    report = BoundedFile(
        "",
        label="去年的报告",
        allow_empty_file=True,  # an empty file gets the reader's message, naming it
        error_messages={"required": "请选择去年的年度报告文件。"},
    )


class CollectionForm(ChineseForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    deadline = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))


class DepartmentForm(ChineseForm):
    name = forms.CharField(label="机关名称", max_length=100)
    self_name = forms.CharField(label="机关自称", max_length=20, required=False, help_text="如“我局”，可不填")
    recipient = forms.CharField(label="主送机关", max_length=100, required=False)


class DepartmentList(ChineseForm):
    departments = BoundedFile(".xlsx", label="部门名单")
