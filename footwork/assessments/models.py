from __future__ import annotations

from typing import ClassVar

from django.db import models

from footwork.accounts.models import User


class Assessment(models.Model):
    """A test session: results of some or all tests of the battery on one day."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField()
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    notes = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"Tests of {self.runner} on {self.date}"


class TestResult(models.Model):
    __test__ = False  # a model, not a pytest test class

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    test = models.SlugField(max_length=60)
    left = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    right = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    leg_length_cm = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["assessment", "test"], name="one_result_per_test_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.test}: {self.left} / {self.right}"


class QuestionnaireResponse(models.Model):
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="questionnaires")
    instrument = models.CharField(max_length=20)
    date = models.DateField()
    answers = models.JSONField()
    score = models.DecimalField(max_digits=5, decimal_places=1)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.instrument} {self.score} on {self.date}"
