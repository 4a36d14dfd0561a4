"""Deterministic demo data: areas, organisations, volunteers, sign-ins, demands, service records.

Built in two parts, each validated in memory before it is bulk-inserted: the areas, people and
staff sign-ins (so people can sign in early), then the demands and records. A bad row stops its
part before anything of it is written; the district, written last, marks the demo complete, and
a later run refuses to mix with a half-written one. The same seed gives the same data; only the
dates move with the current month.

The big collections (demands, service records, volunteers, visits) are too many to validate
one by one at every start (a fifth of the loading time): their builders give each document the
shape its model's clean() gives it, tests/test_demo_documents.py validates every document of
every collection with the models, and here a sample of them is validated in full.
"""

from datetime import UTC, datetime

from models import (
    Application,
    Community,
    Counter,
    Demand,
    District,
    Fund,
    FundMotion,
    Grid,
    LedgerEntry,
    Organisation,
    OutboxMessage,
    PanelScore,
    PurchaseCall,
    PurchaseContract,
    PurchaseObjection,
    ServiceRecord,
    Street,
    Topic,
    User,
    Visit,
    Volunteer,
    memo,
)
from seeds.demo_areas import build_areas
from seeds.demo_build import Build, _actor
from seeds.demo_messages import build_messages
from seeds.demo_names import DISTRICT
from seeds.demo_store import insert
from seeds.demo_topics import build_topics
from weimin.store import audit

SIZES = {
    "full": {
        "streets": 4,
        "communities_per_street": 5,
        "organisations": 60,
        "volunteers": 2000,
        "demands": 20000,
        "records": 10000,
        "months": 12,
    },
    "small": {
        "streets": 2,
        "communities_per_street": 2,
        "organisations": 10,
        "volunteers": 50,
        "demands": 300,
        "records": 200,
        "months": 12,
    },
}
# Collections validated by sample at start (see above): the first document and every SAMPLE-th.
SAMPLED = {"demands", "service_records", "volunteers", "visits"}
SAMPLE = 20
# Insertion order: what is referenced first; the district last, as the "already seeded" mark.
COLLECTIONS = (
    ("streets", Street),
    ("communities", Community),
    ("grids", Grid),
    ("organisations", Organisation),
    ("volunteers", Volunteer),
    ("users", User),
    ("demands", Demand),
    ("visits", Visit),
    ("service_records", ServiceRecord),
    ("funds", Fund),
    ("ledger_entries", LedgerEntry),
    ("fund_motions", FundMotion),
    ("outbox_messages", OutboxMessage),
    ("topics", Topic),
    ("purchase_calls", PurchaseCall),
    ("applications", Application),
    ("panel_scores", PanelScore),
    ("purchase_contracts", PurchaseContract),
    ("purchase_objections", PurchaseObjection),
    ("counters", Counter),
    ("districts", District),
)


def generate_demo(size="full", seed=2026, progress=None):
    """Create the demo data set unless it is there already; return the documents created.

    The sign-ins and the areas they belong to are written first, so people can sign in while
    the demands and records are still being built. `progress(share)` hears how far it got.
    """
    progress = progress or (lambda share: None)
    if District.objects(code=DISTRICT[0]).first():
        return {name: 0 for name, _model in COLLECTIONS}
    spec = SIZES[size]
    _district, streets, communities, _compounds = build_areas(spec)
    codes = [doc.code for doc in streets + communities]
    if Street.objects(code__in=codes).first() or Community.objects(code__in=codes).first():
        raise RuntimeError(
            f"streets or communities with the demo codes ({codes[0]}…) exist without the demo "
            f"district {DISTRICT[0]}: an earlier demo seeding stopped half-way, or the codes "
            "are in use; seed the demo into an empty database"
        )
    now = datetime.now(UTC).replace(microsecond=0)
    builder = Build(spec, seed, now)
    counts = {name: 0 for name, _model in COLLECTIONS}
    counts.update(_write(builder.people(), seed))
    progress(0.1)
    activity = builder.activity(lambda share: progress(0.1 + 0.6 * share))
    counts.update(_write(activity, seed))
    funds = builder.funds(activity["demands"])
    counts.update(_write(funds, seed))
    counts.update(_write(_topics(builder, activity["demands"], funds["funds"]), seed))
    counts.update(_write(builder.purchase(activity["demands"]), seed))
    messages = build_messages(activity["demands"], activity["service_records"], now)
    counts.update(_write({"outbox_messages": messages}, seed))
    progress(0.85)
    # The district last: it marks the demo as complete.
    counts.update(_write({"counters": builder.counters, "districts": [builder.district]}, seed))
    progress(1.0)
    return counts


def _topics(builder, demands, funds):
    """Deliberation topics at every step in every community (seeds.demo_topics)."""
    actor = _actor(builder.streets, builder.communities)
    return {"topics": build_topics(builder.stage("topics"), builder.now, builder.communities,
                                   demands, funds, actor)}  # fmt: skip


def _write(docs, seed):
    """Validate, then bulk-insert, documents keyed by collection; the counts written."""
    if "users" in docs:  # existing sign-ins keep their passwords: only missing ones are added
        names = [u.username for u in docs["users"]]
        taken = set(User.objects(username__in=names).distinct("username"))
        docs["users"] = [user for user in docs["users"] if user.username not in taken]
    for name, _model in COLLECTIONS:
        for doc in checked(name, docs.get(name, ())):
            doc.validate()
    for name, model in COLLECTIONS:
        if not docs.get(name):
            continue
        insert(model, docs[name])
        memo.forget()  # bulk inserts bypass the signals that keep models.memo true
        # Bulk inserts bypass the document signals, so the audit trail is told here.
        if model.__name__ not in audit.UNAUDITED:
            audit.record("bulk", name, count=len(docs[name]), summary=f"demo data, seed {seed}")
    return {name: len(found) for name, found in docs.items()}


def checked(name, docs):
    """The documents of a collection validated at start: all, or a sample (SAMPLED)."""
    return docs[::SAMPLE] if name in SAMPLED else docs
