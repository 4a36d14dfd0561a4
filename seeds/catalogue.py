"""District-wide catalogue templates drawn from the public 微民生 sources.

Each category: (code, name, [(item code, name, kind, handling level, deadline days or None)]).
None means the rule set's default for the handling level; response times and wish claim
windows are left to the rule set too.
"""

CATEGORIES = (
    (
        "ZL",
        "助老",
        (
            ("ZL01", "独居老人上门探访", "affair", "routine", 3),
            ("ZL02", "老人助餐送餐", "affair", "general", None),
            ("ZL03", "老年人智能手机教学", "wish", "routine", None),
            ("ZL04", "适老化改造", "project", "major", None),
        ),
    ),
    (
        "ZC",
        "助残",
        (
            ("ZC01", "残疾人出行陪护", "affair", "routine", 3),
            ("ZC02", "康复辅具申领协助", "affair", "general", None),
            ("ZC03", "残疾人居家无障碍改造", "project", "major", None),
        ),
    ),
    (
        "ZK",
        "助困",
        (
            ("ZK01", "困难家庭生活物资", "wish", "routine", None),
            ("ZK02", "临时救助申请协办", "affair", "general", None),
            ("ZK03", "困难家庭儿童微心愿", "wish", "routine", None),
        ),
    ),
    (
        "ZX",
        "助学",
        (
            ("ZX01", "四点半课堂", "project", "general", None),
            ("ZX02", "学习用品心愿", "wish", "routine", None),
            ("ZX03", "课业辅导结对", "affair", "general", None),
        ),
    ),
    (
        "HJ",
        "环境整治",
        (
            ("HJ01", "楼道堆物清理", "affair", "routine", 3),
            ("HJ02", "路灯维修报修", "affair", "routine", 3),
            ("HJ03", "垃圾分类督导", "affair", "general", None),
            ("HJ04", "小区微更新", "project", "major", None),
        ),
    ),
    (
        "WT",
        "文体活动",
        (
            ("WT01", "社区文艺演出", "project", "general", None),
            ("WT02", "健身器材维护", "affair", "routine", None),
            ("WT03", "兴趣课堂开设", "wish", "general", None),
        ),
    ),
    (
        "FL",
        "法律服务",
        (
            ("FL01", "法律咨询预约", "affair", "routine", 3),
            ("FL02", "法律援助申请协办", "affair", "general", None),
        ),
    ),
    (
        "LL",
        "邻里纠纷",
        (
            ("LL01", "噪音扰民调解", "affair", "routine", None),
            ("LL02", "漏水纠纷调解", "affair", "general", None),
            ("LL03", "停车纠纷联合调处", "affair", "major", None),
        ),
    ),
)

# Subsidy cap for micro-projects (1万–10万 each in the public sources).
PROJECT_SUBSIDY_MAX = 100000
