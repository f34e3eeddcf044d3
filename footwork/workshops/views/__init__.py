"""The workshops' web pages: the coach's (coach.py), the public landing page and joining (public.py), and a
participant's own (runner.py)."""
