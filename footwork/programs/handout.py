"""The printable program handout: one HTML page, also rendered to PDF with WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from footwork.accounts.models import User
from footwork.core.clock import today_for
from footwork.exercises.models import Exercise
from footwork.programs.models import Plan
from footwork.programs.selectors import plan_document


def handout_context(plan: Plan) -> dict[str, Any]:
    document = plan_document(plan)
    slugs = {
        item["exercise"]
        for phase in document["program"]["phases"]
        for session in phase["sessions"]
        for item in session["prescriptions"]
    }
    exercises = {item.slug: item for item in Exercise.objects.filter(slug__in=slugs)}
    return {"plan": plan, "document": document, "exercises": exercises, "printed_on": today_for(plan.runner)}


def handout_html(plan: Plan, *, pdf: bool = False) -> str:
    # The page links its stylesheet; WeasyPrint is handed the file itself (handout_pdf).
    return render_to_string("programs/handout.html", handout_context(plan) | {"pdf": pdf})


def handout_pdf(plan: Plan) -> bytes:
    """The handout as PDF. WeasyPrint needs Pango (Debian: libpango-1.0-0), imported only when a PDF is asked for."""
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find("footwork/handout.css"))
    pdf: bytes = HTML(string=handout_html(plan, pdf=True)).write_pdf(stylesheets=[stylesheet])
    return pdf


def current_plan(runner: User) -> Plan | None:
    return Plan.objects.filter(runner=runner, status="active").select_related("program").first()
