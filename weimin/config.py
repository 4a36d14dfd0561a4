"""Default configuration and the environment variables that override it."""

import os

# Variables read from the environment without a prefix; FLASK_* is read too.
ENV_KEYS = (
    "SECRET_KEY",
    "MONGODB_URI",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "CELERY_QUEUE",
    "REDBEAT_REDIS_URL",
    "RATELIMIT_STORAGE_URI",
    "DEFAULT_LOCALE",
    "DEMO_SEED",
    "SESSION_COOKIE_SECURE",
    "EXPORT_SYNC_MAX_ROWS",
    "EXPORT_TTL_HOURS",
    "MIGRATE_ON_START",
    "TRUSTED_PROXIES",
    "NOTIFY_SMS_WEBHOOK_URL",
    "NOTIFY_WECHAT_WEBHOOK_URL",
    "NOTIFY_WEBHOOK_SECRET",
    "NOTIFY_WECHAT_TEMPLATE_ID",
    "NOTIFY_PUBLIC_URL",
    "NOTIFY_CHANNEL",
)

DEFAULTS = {
    "SECRET_KEY": None,
    # No URI: the embedded in-process store (mongomock), seeded with demo data.
    "MONGODB_URI": None,
    "MONGODB_DB": "weimin",
    "DEMO_SEED": True,
    "DEMO_SEED_SIZE": "full",
    "DEFAULT_LOCALE": "zh_Hans_CN",
    "LOCALES": ("zh_Hans_CN", "en"),
    "TIMEZONE": "Asia/Shanghai",
    "DISTRICT_NAME": "示范区",
    "CELERY_BROKER_URL": None,
    "CELERY_RESULT_BACKEND": None,
    "CELERY_QUEUE": "weimin",
    # None: an in-process worker exactly when there is no broker (the embedded demo).
    "JOBS_EMBEDDED_WORKER": None,
    "REDBEAT_REDIS_URL": None,
    "RATELIMIT_STORAGE_URI": "memory://",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
    # Exports of more rows than this are written by a background job into GridFS.
    "EXPORT_SYNC_MAX_ROWS": 5000,
    # How long the download link of a background export stays valid.
    "EXPORT_TTL_HOURS": 24,
    # Run the pending data migrations when the app starts (off under TESTING unless given).
    "MIGRATE_ON_START": True,
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed; 0: none.
    "TRUSTED_PROXIES": 0,
    # The outbox's senders (weimin/notify): none set, messages wait as "pending".
    "NOTIFY_SMS_WEBHOOK_URL": None,
    "NOTIFY_WECHAT_WEBHOOK_URL": None,
    # Signs every webhook call (HMAC-SHA256 of timestamp + body, header X-Weimin-Signature).
    "NOTIFY_WEBHOOK_SECRET": None,
    "NOTIFY_WECHAT_TEMPLATE_ID": "",
    # The public site's address, put before the links in messages (https://weimin.example.cn).
    "NOTIFY_PUBLIC_URL": "",
    # The channel of messages to a phone: "sms" or "wechat" (the gateway maps phone to openid).
    "NOTIFY_CHANNEL": "sms",
    "NOTIFY_MAX_ATTEMPTS": 6,
    "NOTIFY_BACKOFF_SECONDS": 30,
    "NOTIFY_BACKOFF_MAX_SECONDS": 3600,
    "NOTIFY_TIMEOUT_SECONDS": 10,
    # How long before its fulfilment deadline a volunteer hears that a claim is expiring.
    "NOTIFY_CLAIM_WARNING_HOURS": 48,
}
POSITIVE_INTS = ("EXPORT_SYNC_MAX_ROWS", "EXPORT_TTL_HOURS")
COUNTS = ("TRUSTED_PROXIES",)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(RuntimeError):
    """The configuration cannot run the product; the message says what to set."""


def _coerce(key, raw):
    default = DEFAULTS.get(key)
    if isinstance(default, bool):
        low = raw.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ConfigError(f"{key}={raw!r}: expected one of 1/0, true/false, yes/no, on/off")
    if isinstance(default, int):
        try:
            return int(raw.strip())
        except ValueError:
            raise ConfigError(f"{key}={raw!r}: expected a whole number") from None
    return raw


def load(app, config=None):
    """Apply defaults, then the environment, then the explicit test dict."""
    app.config.update(DEFAULTS)
    for key in ENV_KEYS:
        if key in os.environ:
            app.config[key] = _coerce(key, os.environ[key])
    app.config.from_prefixed_env()
    if config:
        app.config.update(config)
    if app.config.get("TESTING") and "MIGRATE_ON_START" not in (config or {}):
        app.config["MIGRATE_ON_START"] = False  # a test asks for it when it tests it
    check(app.config)


def check(cfg):
    """Refuse settings that would run a real store insecurely."""
    if cfg.get("MONGODB_URI") and not cfg.get("SECRET_KEY"):
        raise ConfigError(
            "SECRET_KEY is not set. With MONGODB_URI set the product keeps real data, "
            "so it needs a fixed secret: export SECRET_KEY=<a long random string>. "
            "(未设置 SECRET_KEY：连接真实数据库时必须设置。)"
        )
    if cfg.get("DEFAULT_LOCALE") not in cfg.get("LOCALES", ()):
        raise ConfigError(
            f"DEFAULT_LOCALE={cfg.get('DEFAULT_LOCALE')!r}: expected one of {cfg['LOCALES']}"
        )
    if cfg.get("REMEMBER_COOKIE_REFRESH_EACH_REQUEST"):
        # Flask-Login would then write the session on every request, the API's included,
        # which keeps none (weimin.web.stateless); the product signs in without remember-me.
        raise ConfigError(
            "REMEMBER_COOKIE_REFRESH_EACH_REQUEST: the product has no remember-me sign-in, and "
            "the API keeps no session to refresh; leave it unset. "
            "(本系统不使用“记住我”登录，请勿设置此项。)"
        )
    for key in POSITIVE_INTS:
        value = cfg.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"{key}={value!r}: expected a whole number of at least 1")
    for key in COUNTS:
        value = cfg.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"{key}={value!r}: expected a whole number, 0 or more")
    if not cfg.get("SECRET_KEY"):
        # Embedded demo or tests: a per-process secret; sessions end with the process.
        cfg["SECRET_KEY"] = os.urandom(32).hex()


def embedded(cfg):
    """True when the app runs on the in-process demo store."""
    return not cfg.get("MONGODB_URI")
