"""The demo's grids (3–6 per community), their grid workers and a year of visit logs, some of
which became the demands taken in on the grid and home-visit channels."""

from datetime import timedelta

from bson import ObjectId

from models import Grid, User, Visit
from models.visit import place_key
from weimin.core.periods import bounds, month_of, shift_month

NUMERALS = "一二三四五六七八九十"
# (tags, what was found, follow-up needed) of an ordinary visit, by how often each is written.
FINDINGS = (
    ((), "家中一切正常，宣传了反诈知识", False, 30),
    ((), "了解近况，居民对社区服务表示满意", False, 20),
    (("elderly_alone",), "独居老人身体尚可，提醒按时服药，留下联系卡", False, 12),
    (("elderly_alone",), "独居老人行动不便，希望有人定期上门陪伴", True, 4),
    (("hardship",), "家庭收入困难，孩子上学费用紧张，咨询救助政策", True, 4),
    (("safety",), "楼道电动车充电飞线，已当场劝导", False, 5),
    (("safety",), "厨房燃气软管老化，建议尽快更换", True, 3),
    (("sanitation",), "单元门口垃圾堆放，已联系物业清理", False, 5),
    (("dispute",), "楼上楼下因漏水发生矛盾，需要调解", True, 3),
    (("disability",), "残疾人家庭需要办理辅具申领", True, 2),
    (("other_finding",), "反映小区路灯损坏，夜间出行不便", True, 2),
)
VISITS_A_MONTH = (4, 7)  # each grid worker's visits a month, before holidays and leave


def build_grids(rng, communities, compounds):
    """3–6 grids per community, each drawn over eight buildings of one of its compounds;
    returns the grids and {grid id: (compound, first building)}."""
    grids, places = [], {}
    for community in communities:
        count = rng.randint(3, 6)
        for n in range(1, count + 1):
            compound = compounds[community.id][(n - 1) % 2]
            first = (n - 1) // 2 * 8 + 1
            grids.append(Grid(
                id=ObjectId(), code=f"G{n:02d}", name=f"{community.name}第{NUMERALS[n - 1]}网格",
                street=community.street, community=community, buildings=8,
                households=rng.randint(10, 16) * 8,
                boundary=f"{compound}{first}–{first + 7}幢，东至小区围墙，西至{compound}中心路",
            ))  # fmt: skip
            places[grids[-1].id] = (compound, first)
    return grids, places


def build_grid_workers(grids, people, first_grid_user):
    """One community worker per grid (the demo's grid worker has the very first grid)."""
    workers = {grids[0].id: first_grid_user}
    for grid in grids[1:]:
        workers[grid.id] = User(
            id=ObjectId(), username=f"{grid.community.code.lower()}.{grid.code.lower()}",
            name=people.name(people.rng.choice(("male", "female"))), role="community_worker",
            street=grid.street, community=grid.community, grid=grid,
            password_hash=first_grid_user.password_hash,
        )  # fmt: skip
    return workers


def _households(grid, compound, first):
    """The grid's households as addresses: its buildings, two units, floors and rooms."""
    per_building = grid.households // grid.buildings
    return [f"{compound}{first + b}幢{1 + r % 2}单元{1 + r // 4}0{1 + r % 4}室"
            for b in range(grid.buildings) for r in range(per_building)]  # fmt: skip


def build_visits(rng, people, grids, places, workers, demands, start, now):
    """A year of visits per grid, and a visit behind each demand of the grid and home-visit
    channels (linked both ways)."""
    visits, weights = [], [f[3] for f in FINDINGS]
    by_community = {}
    for grid in grids:
        by_community.setdefault(grid.community.id, []).append(grid)
        households, worker = _households(grid, *places[grid.id]), workers[grid.id]
        day = start
        while day < now:
            month_end = min(_next_month(day), now)
            for _ in range(rng.randint(*VISITS_A_MONTH)):
                at = day + timedelta(seconds=rng.randrange(int((month_end - day).total_seconds())))
                tags, text, follow, _w = rng.choices(FINDINGS, weights)[0]
                visits.append(_visit(grid, worker, at, rng.choice(households), tags, text,
                                     follow, people))  # fmt: skip
            day = month_end
    for demand in demands:
        if demand.channel not in ("grid", "visit") or rng.random() > 0.4:
            continue
        grid = rng.choice(by_community[demand.community.id])
        at = demand.received_at - timedelta(minutes=rng.randint(30, 600))
        if at < start:
            continue
        visit = _visit(grid, workers[grid.id], at, demand.resident_address or grid.name,
                       (), demand.description, True, people, demand.resident_name)  # fmt: skip
        visit.met_phone, visit.demand = demand.resident_phone, demand
        demand.grid, demand.visit = grid, visit
        visits.append(visit)
    return visits


def _visit(grid, worker, at, place, tags, text, follow, people, met=None):
    return Visit(
        id=ObjectId(), street=grid.street, community=grid.community, grid=grid, worker=worker,
        worker_name=worker.name, visited_at=at, place_kind="household", place=place,
        place_key=place_key(place), met=met or people.name(people.rng.choice(("male", "female"))),
        findings=text, tags=list(tags), follow_up=follow, created_at=at,
    )  # fmt: skip


def _next_month(moment):
    return bounds(shift_month(month_of(moment), 1))[0]
