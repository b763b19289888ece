"""Who files the report: real place names (as facts) and the bodies that report.

Provinces, prefectures, counties and one township or sub-district of each county; no
region codes (the record leaves region_code None and gives the names as region_hint).
"""
from __future__ import annotations

import random

PLACES = (
    ("福建省", "南平市", "延平区", "赤门乡"),
    ("福建省", "福州市", "闽侯县", "上街镇"),
    ("福建省", "泉州市", "晋江市", "安海镇"),
    ("福建省", "厦门市", "同安区", "大同街道"),
    ("浙江省", "杭州市", "余杭区", "良渚街道"),
    ("浙江省", "温州市", "瑞安市", "塘下镇"),
    ("江苏省", "苏州市", "昆山市", "周庄镇"),
    ("江苏省", "南京市", "江宁区", "秣陵街道"),
    ("山东省", "济南市", "历城区", "港沟街道"),
    ("河南省", "郑州市", "中牟县", "官渡镇"),
    ("湖南省", "长沙市", "浏阳市", "大瑶镇"),
    ("湖北省", "武汉市", "江夏区", "纸坊街道"),
    ("广东省", "广州市", "番禺区", "市桥街道"),
    ("广东省", "佛山市", "顺德区", "大良街道"),
    ("河北省", "石家庄市", "正定县", "正定镇"),
    ("河北省", "保定市", "涿州市", "松林店镇"),
    ("安徽省", "合肥市", "肥东县", "店埠镇"),
    ("江西省", "赣州市", "瑞金市", "象湖镇"),
    ("陕西省", "西安市", "长安区", "韦曲街道"),
    ("广西壮族自治区", "桂林市", "阳朔县", "兴坪镇"),
    ("山西省", "太原市", "小店区", "北格镇"),
    ("甘肃省", "兰州市", "榆中县", "城关镇"),
    ("内蒙古自治区", "呼和浩特市", "赛罕区", "巴彦街道"),
    ("四川省", "成都市", "郫都区", "犀浦街道"),
)

# Department names by era: bodies created or renamed in the 2018 reform only after it.
DEPTS_COMMON = ("财政局", "教育局", "民政局", "司法局", "审计局", "统计局", "水利局", "商务局",
                "人力资源和社会保障局", "住房和城乡建设局", "城市管理局", "发展和改革局")
DEPTS_NEW = ("应急管理局", "市场监督管理局", "自然资源局", "生态环境局", "交通运输局",
             "卫生健康局", "农业农村局", "文化和旅游局", "医疗保障局", "退役军人事务局",
             "行政审批局", "政务服务中心")
DEPTS_OLD = ("安全生产监督管理局", "工商行政管理局", "质量技术监督局", "国土资源局",
             "环境保护局", "交通局", "卫生局", "农业局", "人口和计划生育局", "文化体育局",
             "食品药品监督管理局", "林业局")
PROVINCE_DEPTS = ("科学技术厅", "工业和信息化厅", "教育厅", "民政厅", "财政厅", "水利厅",
                  "交通运输厅", "商务厅", "审计厅", "统计局")


def _self(dept: str) -> str:
    """How a department's report calls itself: 我局, 我厅, 我委, 我中心."""
    return "我" + ("中心" if dept.endswith("中心") else dept[-1])


def draw_agency(rng: random.Random, year: int) -> dict:
    """Agency name, scope, level, title form and how the report calls itself."""
    province, city, county, town = PLACES[rng.randrange(len(PLACES))]
    depts = DEPTS_COMMON + (DEPTS_NEW if year >= 2019 else DEPTS_OLD)
    r = rng.random()
    if r < 0.16:                                    # county government
        return {"name": f"{city}{county}人民政府", "scope": "jurisdiction", "level": "county",
                "title": f"{city}{county}", "self": "我区" if county.endswith("区") else "全县"
                if county.endswith("县") else "全市", "place": (province, city, county)}
    if r < 0.30:                                    # township / sub-district
        if town.endswith("街道"):
            name = f"{county}{town}办事处"
        else:
            name = f"{county}{town}人民政府" if rng.random() < 0.5 else f"{town}人民政府"
        return {"name": name, "scope": "jurisdiction", "level": "township",
                "title": name.removesuffix("人民政府"),
                "self": "我街道" if town.endswith("街道") else "我" + town[-1],
                "place": (province, city, county, town)}
    if r < 0.38:                                    # provincial department
        dept = PROVINCE_DEPTS[rng.randrange(len(PROVINCE_DEPTS))]
        name = province + dept
        return {"name": name, "scope": "agency", "level": "province_dept", "title": name,
                "self": _self(dept), "place": (province,)}
    if r < 0.55:                                    # prefecture department
        dept = depts[rng.randrange(len(depts))]
        name = city + dept
        return {"name": name, "scope": "agency", "level": "city_dept", "title": name,
                "self": _self(dept), "place": (province, city)}
    dept = depts[rng.randrange(len(depts))]         # county department
    name = (city + county + dept) if rng.random() < 0.4 else (county + dept)
    return {"name": name, "scope": "agency", "level": "county_dept", "title": name,
            "self": _self(dept), "place": (province, city, county)}
