from __future__ import annotations

import factory

from footwork.accounts.models import CoachProfile, Role, RunnerProfile, User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name")
    role = Role.RUNNER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        if self.role == Role.COACH:
            CoachProfile.objects.create(
                user=self, display_name=f"Coach {self.first_name}", profession="Physical therapist"
            )
        else:
            RunnerProfile.objects.create(user=self, coach=kwargs.get("coach"))


def runner(coach: User | None = None, **fields) -> User:
    return UserFactory(role=Role.RUNNER, profile__coach=coach, **fields)


def coach(**fields) -> User:
    return UserFactory(role=Role.COACH, **fields)
