"""Demo sign-ins, one per role; printed by `make run` (embedded demo store only)."""

DEMO_PASSWORD = "Demo@2026"

# username, display name, role, scope: street index / community index into the demo areas
DEMO_ACCOUNTS = (
    ("district", "王区管", "district_admin", None),
    ("street", "李街道", "street_admin", "street"),
    ("worker", "张社工", "community_worker", "community"),
    ("volunteer", "刘志愿", "volunteer", "volunteer"),
    ("supervisor", "陈督导", "supervisor", None),
    # A community worker with a grid: the phone pages at /grid/ (民情日志).
    ("gridworker", "赵网格", "community_worker", "grid"),
)

# The demo organisation's sign-in (服务购买): made with the organisations (seeds/demo_purchase.py).
ORG_ACCOUNT = ("org", "周社工")
