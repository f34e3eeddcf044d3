"""Footwork settings, driven by the environment with safe development defaults."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from footwork.accounts.domain import parse_networks
from footwork.core.bounds import FILES_PER_UPLOAD

# Lets Django's generic classes be subscripted at run time (ModelForm[Model]) for mypy.
django_stubs_ext.monkeypatch()


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = Path(os.environ.get("FOOTWORK_DATA_DIR", PROJECT_DIR / "data")).resolve()

DEBUG = envbool("DEBUG", True)

# Development gets a throw-away key per data directory; production must set SECRET_KEY.
_DEV_KEY_FILE = DATA_DIR / ".dev-secret-key"


def _development_secret_key() -> str:
    """The data directory's development key, made on first use; only its owner may read it (0600)."""
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once never both write; the mode is set as the file is made.
        descriptor = os.open(_DEV_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # A key file from before it was made 0600 is tightened on the way.
        with contextlib.suppress(OSError):
            _DEV_KEY_FILE.chmod(0o600)
        return _DEV_KEY_FILE.read_text().strip()
    except OSError:
        # A read-only data directory: a key for this process only (sessions end with it).
        return get_random_secret_key()
    key = get_random_secret_key()
    with os.fdopen(descriptor, "w") as file:
        file.write(key)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG=0 Footwork needs its own key: set SECRET_KEY to a long random "
            "value (python -c 'import secrets; print(secrets.token_urlsafe(50))') and keep it secret."
        )
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "footwork.core",
    "footwork.accounts",
    "footwork.exercises",
    "footwork.coaching",
    "footwork.programs",
    "footwork.training",
    "footwork.assessments",
    "footwork.progression",
    "footwork.activities",
    "footwork.season",
    "footwork.caseload",
    "footwork.messaging",
    "footwork.workshops",
    "footwork.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "footwork.core.middleware.RefuseNulCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "footwork.core.middleware.DomainErrorMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "footwork.config.urls"
WSGI_APPLICATION = "footwork.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'footwork.sqlite3'}",
        # In production a worker keeps its connection for a minute (checked before reuse) rather than opening one
        # per request, which on PostgreSQL costs more than most pages' queries. The development server starts a
        # thread per request, where a kept connection is never reused: 0 there.
        conn_max_age=envint("DB_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: pages polling an import read while it writes, and a commit (one per imported run) does not wait for the
    # disk twice; synchronous=NORMAL may lose the last commits on power loss, never corrupts the database.
    # IMMEDIATE: a transaction takes the write lock at BEGIN, so writers queue (up to `timeout` seconds) instead of
    # failing with "database is locked" when a read-started transaction cannot upgrade to a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # Tests get a file, one per test process (engineers share a working tree): the concurrency test's threads write
    # at once, and an in-memory database shares itself only through SQLite's shared cache, whose locks never wait.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"footwork-test-{os.getpid()}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters sent apart from the SQL, so psycopg prepares a statement the connection has run five times and
    # PostgreSQL stops planning it anew: about a millisecond a query of the coach's pages, a fifth of their time
    # (bench/coach_bench.py). A pooler in transaction mode (PgBouncer) cannot keep prepared statements: turn it off
    # there with DB_SERVER_SIDE_BINDING=0.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = envbool(
        "DB_SERVER_SIDE_BINDING", True
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "footwork.accounts.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login rate limit: five failures per email and address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Behind a TLS proxy every request comes from the proxy: X-Forwarded-For names the client, but only a proxy we trust
# may say so (anyone else could send the header to lock accounts out from a forged address, or dodge the limit).
FOOTWORK_TRUSTED_PROXIES = parse_networks(os.environ.get("FOOTWORK_TRUSTED_PROXIES", ""))
AXES_CLIENT_IP_CALLABLE = "footwork.accounts.lockout.client_ip"
AXES_USERNAME_CALLABLE = "footwork.accounts.lockout.username"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Development and tests serve static files straight from the apps, with no collectstatic step.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"

# Activity imports: the largest upload accepted (bytes; also the most an archive member or .gz may unpack to).
FOOTWORK_MAX_UPLOAD_BYTES = envint("FOOTWORK_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# The most files one upload may hold (a larger export goes as a zip; default core.bounds.FILES_PER_UPLOAD). Django's
# parser stops at this count before reading the rest, and core.limits words the refusal: 400 in the API and the web.
FOOTWORK_MAX_UPLOAD_FILES = envint("FOOTWORK_MAX_UPLOAD_FILES", int(FILES_PER_UPLOAD.high))
DATA_UPLOAD_MAX_NUMBER_FILES = FOOTWORK_MAX_UPLOAD_FILES
# Background work (django-tasks): the database queue, worked by `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Uploads from the web run the import task in the request instead of queueing it (no worker needed).
FOOTWORK_IMPORT_INLINE = envbool("FOOTWORK_IMPORT_INLINE", DEBUG)
# Processes that parse a large import's files while the importing process writes the runs (1: parse inline).
FOOTWORK_IMPORT_WORKERS = envint("FOOTWORK_IMPORT_WORKERS", os.cpu_count() or 1)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Footwork <footwork@localhost>")
# The SMTP server production mails through (Django's SMTP backend reads these).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# Where people open Footwork: the links in notification mails (which are sent outside any request) start with it.
FOOTWORK_SITE_URL = os.environ.get("FOOTWORK_SITE_URL", "http://localhost:8000").rstrip("/")

SESSION_COOKIE_HTTPONLY = True
# Scripts, styles, images and connections from our own origin only: no inline code (data for scripts travels in
# <script type="application/json"> blocks, which do not run). data: images are the API docs' icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        # Exercise and message videos, served by our own views (footwork/core/mediafiles.py).
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The shipped exercise library, loaded by `footwork library load`.
FOOTWORK_LIBRARY_PATH = PACKAGE_DIR / "exercises" / "data" / "library.yaml"
# The shipped program templates, loaded by `footwork programs load` (and `make run`).
FOOTWORK_PROGRAMS_PATH = PACKAGE_DIR / "programs" / "data" / "programs.yaml"
# The shipped flare-up toolbox (coaches can keep their own version of each area).
FOOTWORK_TOOLBOX_PATH = PACKAGE_DIR / "progression" / "data" / "toolbox.yaml"
# Caps every player timer (hold and rest) at this many seconds; for automated browser tests only.
FOOTWORK_TIMER_CAP_SECONDS = envint("FOOTWORK_TIMER_CAP_SECONDS", 0) or None
# Overdue sessions stay on /today/ for this many days.
FOOTWORK_OVERDUE_DAYS = 2
# How long a coach's invitation link stays valid.
FOOTWORK_INVITATION_DAYS = envint("FOOTWORK_INVITATION_DAYS", 14)
