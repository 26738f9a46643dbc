"""Create a new, working content repository for another office: settings, examples, CI, hooks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import click

from generator.cli.options import today_option
from generator.content.placeholders import PLACEHOLDER_URL, placeholder
from generator.content.workdays import WorkCalendar
from generator.credit_code import check_character
from generator.models.instants import local_today
from generator.templating import text_environment

TEMPLATE_DIR = Path(__file__).parent / "templates" / "init"
# The theme overrides mkdocs.yml names (`custom_dir`); packaged, or at the project root.
THEME_DIRS = (
    Path(__file__).parents[1] / "site_overrides",
    Path(__file__).resolve().parents[2] / "site_overrides",
)
THEME_TARGET = "site_overrides"

# destination in the new repository -> template file; `.j2` files are rendered, others copied.
FILES = {
    "mkdocs.yml": "mkdocs.yml.j2",
    "content/site.yaml": "site.yaml.j2",
    "content/policies/example-policy.md": "policy.md.j2",
    "content/funds/example-fund.md": "fund.md.j2",
    "content/guides/example-guide.md": "guide.md.j2",
    "content/announcements/example-announcement.md": "announcement.md.j2",
    "content/consultations/example-consultation.md": "consultation.md.j2",
    ".github/workflows/site.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".gitignore": "gitignore.j2",
    "README.md": "README.md.j2",
    "Makefile": "Makefile.j2",
    "requirements.txt": "requirements.txt.j2",
}
APPLICATION_FORM = "content/attachments/example-application-form.pdf"
RECIPIENTS_CSV = "content/attachments/example-recipients.csv"

PLACEHOLDER_OFFICE = placeholder("某某局")


class InitError(Exception):
    """The target cannot take a new site (it already holds files)."""


@dataclass(frozen=True)
class InitOptions:
    """What the new site is called and which qinqing it installs; placeholders by default."""

    office: str = PLACEHOLDER_OFFICE
    short_name: str = placeholder("简称")
    department: str = "office"
    base_url: str = PLACEHOLDER_URL
    pip_spec: str = "qinqing"

    @property
    def title(self) -> str:
        return f"{self.office} 政策公开"


def example_dates(today: dt.date) -> dict[str, str]:
    """Dates of the examples, relative to the day of `init`, so each shows a live status."""
    day = dt.timedelta(days=1)
    calendar = WorkCalendar()
    publicity_start = today - day
    # Seven working days after the start: comfortably over the 5-day minimum.
    publicity_end = calendar.add_workdays(publicity_start, 7).date
    signed = today - 65 * day
    values = {
        "year": today.year,
        "policy_year": signed.year,
        "policy_signed": signed,
        "policy_published": today - 60 * day,
        "policy_expires": dt.date(today.year + 3, 12, 31),
        "fund_published": today - 15 * day,
        "fund_opens": today - 14 * day,
        "fund_closes": today + 30 * day,
        "guide_published": today - 60 * day,
        "guide_reviewed": today - 30 * day,
        "announcement_published": publicity_start,
        "publicity_start": publicity_start,
        "publicity_end": publicity_end,
        "consultation_published": today - 5 * day,
        "consultation_opens": today - 5 * day,
        "consultation_closes": today + 25 * day,
    }
    return {k: str(v) for k, v in values.items()}


def _credit_code(seed: int) -> str:
    first = f"91350000MA{seed:07d}"
    return first + check_character(first)


def recipients_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "credit_code", "amount", "project"])
    writer.writerow(["示例甲科技有限公司", _credit_code(1), "300000", "生产线数字化改造"])
    writer.writerow(["示例乙制造有限公司", _credit_code(2), "150000", "智能仓储系统"])
    return out.getvalue()


def minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF showing `text` (ASCII), as a stand-in for a real form."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def yaml_text(value: str) -> str:
    """A YAML scalar for `value`: as written when plain text is safe, else double-quoted."""
    if re.fullmatch(r"[^\s:#'\"{}\[\],&*!|>%@`-][^:#'\"{}\[\]]*", value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def theme_dir() -> Path:
    for candidate in THEME_DIRS:
        if (candidate / "main.html").is_file():
            return candidate
    raise InitError("找不到网站主题文件 site_overrides/：qinqing 安装不完整")


def render_files(options: InitOptions, today: dt.date) -> dict[str, bytes]:
    """Every file of the new repository, by path relative to its root."""
    env = text_environment(TEMPLATE_DIR)
    env.filters["yaml"] = yaml_text
    env.globals["placeholder"] = placeholder
    values = {
        "office": options.office,
        "short_name": options.short_name,
        "title": options.title,
        "department": options.department,
        "base_url": options.base_url,
        "pip_spec": options.pip_spec,
        **example_dates(today),
    }
    files: dict[str, bytes] = {}
    for target, name in FILES.items():
        if name.endswith(".j2"):
            text = env.get_template(name).render(values)
        else:
            text = (TEMPLATE_DIR / name).read_text(encoding="utf-8")
        files[target] = text.encode("utf-8")
    files[APPLICATION_FORM] = minimal_pdf("Application form (example)")
    files[RECIPIENTS_CSV] = recipients_csv().encode("utf-8")
    theme = theme_dir()
    for path in sorted(theme.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            files[f"{THEME_TARGET}/{path.relative_to(theme).as_posix()}"] = path.read_bytes()
    return files


def init_site(target: Path, options: InitOptions, today: dt.date) -> list[Path]:
    """Write a new site into `target` (absent, empty, or holding only `.git`); return the files."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} 已存在且不是目录")
    if target.is_dir() and any(p.name != ".git" for p in target.iterdir()):
        raise InitError(f"{target} 不是空目录：为避免覆盖已有文件，请指定一个新目录或空目录")
    written = []
    for rel, data in render_files(options, today).items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


# -- command -------------------------------------------------------------------------------


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--office", default=PLACEHOLDER_OFFICE, help="单位全称（默认为待填写的占位）")
@click.option("--short-name", default=placeholder("简称"), help="单位简称")
@click.option(
    "--department", default="office", show_default=True, help="本单位在 site.yaml 中的机构代码"
)
@click.option("--base-url", default=PLACEHOLDER_URL, show_default=True, help="站点正式网址")
@click.option(
    "--pip-spec",
    default="qinqing",
    show_default=True,
    help="requirements.txt 中安装 qinqing 的写法（发布到 PyPI 前可写 git+https://… 地址）",
)
@today_option("示例条目日期的基准日，格式 YYYY-MM-DD（默认今天）")
def init(
    directory: Path,
    office: str,
    short_name: str,
    department: str,
    base_url: str,
    pip_spec: str,
    today: dt.date | None,
) -> None:
    """Create a new site in DIRECTORY: settings with placeholders, one example per collection,
    CI workflows, a pre-commit hook, a README for editors."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", department):
        raise click.BadParameter("只能用小写英文字母、数字、- 和 _", param_hint="--department")
    if not re.fullmatch(r"https?://\S+/", base_url):
        raise click.BadParameter(
            "应以 http:// 或 https:// 开头、以 / 结尾", param_hint="--base-url"
        )
    day = today or local_today()
    options = InitOptions(office, short_name, department, base_url, pip_spec)
    try:
        written = init_site(directory, options, day)
    except InitError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已在 {directory} 创建新站点（{len(written)} 个文件）。下一步：")
    click.echo(f"  1. cd {directory}，按 README.md 安装 qinqing；")
    click.echo("  2. 运行 make serve 预览，再把 qinqing check 列出的【待填写】占位内容逐项改好；")
    click.echo("  3. 再运行 qinqing check：通过后即可发布。")
