"""The senders: an SMS gateway and a WeChat template-message gateway, each an HTTP webhook.

Every call is a JSON POST signed with the shared secret: header X-Weimin-Timestamp (Unix
seconds) and X-Weimin-Signature = "sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>". The
message's key goes in Idempotency-Key, so a gateway can drop a message it has already taken
(a sender that dies after the gateway answered sends it once more).
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from flask import current_app

from weimin.notify.links import absolute


class SendError(Exception):
    """The gateway did not take the message; the text says why (kept as the last error)."""


def signature(secret, timestamp, body):
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


class WebhookSender:
    config_key = ""

    def __init__(self, url, secret, timeout):
        self.url, self.secret, self.timeout = url, secret, timeout

    def payload(self, message):
        raise NotImplementedError

    def send(self, message):
        """Hand the message to the gateway; SendError unless it answers 2xx."""
        body = json.dumps(self.payload(message), ensure_ascii=False).encode()
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": message.key,
            "X-Weimin-Timestamp": stamp,
        }
        if self.secret:
            headers["X-Weimin-Signature"] = signature(self.secret, stamp, body)
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                answer.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:200].decode("utf-8", "replace")
            raise SendError(f"HTTP {exc.code}: {detail}".strip()) from None
        except (urllib.error.URLError, OSError) as exc:
            raise SendError(f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}") from None


class SmsSender(WebhookSender):
    config_key = "NOTIFY_SMS_WEBHOOK_URL"

    def payload(self, message):
        link = absolute(message.link)
        text = f"{message.text} {link}" if link else message.text
        return {"key": message.key, "phone": message.recipient_phone, "text": text}


class WechatSender(WebhookSender):
    """A template message; the gateway finds the follower's openid from the phone."""

    config_key = "NOTIFY_WECHAT_WEBHOOK_URL"

    def payload(self, message):
        return {
            "key": message.key,
            "phone": message.recipient_phone,
            "template_id": current_app.config.get("NOTIFY_WECHAT_TEMPLATE_ID") or "",
            "url": absolute(message.link),
            "data": {
                "first": {"value": message.text},
                "keyword1": {"value": message.ticket_no or ""},
                "keyword2": {"value": message.event},
            },
        }


SENDERS = {"sms": SmsSender, "wechat": WechatSender}


def sender_for(channel):
    """The configured sender of a channel, or None when its webhook is not set."""
    cls = SENDERS.get(channel)
    url = current_app.config.get(cls.config_key) if cls else None
    if not url:
        return None
    cfg = current_app.config
    return cls(url, cfg.get("NOTIFY_WEBHOOK_SECRET"), cfg.get("NOTIFY_TIMEOUT_SECONDS", 10))


def configured_channels():
    """The channels that have a sender now."""
    return [channel for channel in SENDERS if sender_for(channel) is not None]
