"""Synthetic annual reports (政府信息公开工作年度报告), each with the record a perfect parser prints.

Every report is drawn from its own seeded random stream, ``Random(seed, index)``, so the same
``(seed, index)`` always gives the same bytes and any slice of a large run can be regenerated
alone. A report is built in three steps:

1. *figures*: the grids of the parse record (applications, reviews, proactive, legacy
   indicators), drawn so that they obey the reports' arithmetic (vocabulary.md, 勾稽关系);
   a small fraction is deliberately broken and the record then carries ``findings``;
2. *document*: title, prose paragraphs and tables (rows of cells with colspan/rowspan), in
   the gb2019, gb2021 or legacy template;
3. *layout*: the document rendered the way scraped reports arrive - one cell per line,
   ``|``-separated cells, blank-line-separated cells, markdown, ``pdftotext -layout``
   columns, an HTML portal page, or text flattened with no separators at all - with
   hazards (split header cells, dropped characters, page chrome, the page printed twice ...)
   and an encoding (UTF-8, UTF-8 with BOM, GBK, GB18030).

The record's cells follow ../shared/spec/vocabulary.md: absent cells are absent, printed
blanks/dashes are ``None``, money is in yuan. Where a layout makes a cell uncertain (a
flattened row of multi-digit numbers has no unique split), the cell is left out of the
record, as the hand-made truth files do.

Usage::

    python -m ingest.synth --out DIR --n 10000 --seed 7     # DIR/landing + DIR/truth
    python -m ingest.synth --samples                        # rewrite samples/
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, NamedTuple

from ingest.vocabulary import (
    APPLICANTS,
    ORG_APPLICANTS,
    OUTCOME_ROWS,
    PROACTIVE_MEASURES,
    RESULT_PARTS,
    SIGNED_MEASURES,
)

TEMPLATES = ("gb2019", "gb2021", "legacy")
LEGACY_KINDS = ("local_cumulative", "local_period", "national_2014", "narrative_only")
LAYOUTS = ("lines", "pipe", "blank", "markdown", "pdftotext", "html", "flat")
HAZARDS = (
    "split_header",      # header cells broken across lines: 本年新 / 制作数量, 总 / 计
    "truncated_header",  # header cell cut short: 本年新 (制作数量 lost)
    "dropped_chars",     # 年 lost in dates, quotes and opening brackets lost in labels
    "duplicate_page",    # the whole page printed twice
    "page_chrome",       # site chrome before and after the report
    "change_words",      # 增11 / 减4 instead of 11 / -4
    "null_cells",        # blank, -, —, / or 无 in value cells (null, not zero)
    "missing_row",       # a template row the report does not print (absent in the record)
    "wrapped_labels",    # pdftotext: long row labels wrapped onto a second line
    "split_spans",       # html: numbers split across <span>s, &nbsp;/<br/> padding
    "subtotal_column",   # table 3 with an added 法人或其他组织 小计 column (org_subtotal)
    "crlf",              # Windows line endings
    "cites_notice",      # the intro cites a format notice, not always the one it follows
)
# Hazards that only exist where their cells do.
TEMPLATE_HAZARDS = {"change_words": ("gb2019",), "truncated_header": ("gb2019",),
                    "split_header": ("gb2019", "gb2021"), "null_cells": ("gb2019", "gb2021"),
                    "missing_row": ("gb2019", "gb2021"), "subtotal_column": ("gb2019", "gb2021"),
                    "cites_notice": ("gb2019", "gb2021")}
ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030")
BREAK_KINDS = ("column_total", "flow_balance", "outcome_sum", "review_total")

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
SAMPLES_SEED = 20240601


@dataclass(frozen=True)
class SyntheticReport:
    filename: str
    data: bytes
    truth: dict = field(repr=False)


# --------------------------------------------------------------------------------------
# Places and agencies. Real place names as facts (province, prefecture, county, and a
# township or sub-district of that county); no region codes: the record leaves
# region_code None (the region resolver is tested on its own data).

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


def _agency(rng: random.Random, year: int) -> dict:
    """Agency name, scope, title form and how the report calls itself."""
    province, city, county, town = PLACES[rng.randrange(len(PLACES))]
    depts = DEPTS_COMMON + (DEPTS_NEW if year >= 2019 else DEPTS_OLD)
    r = rng.random()
    if r < 0.16:                                    # county government
        return {"name": f"{city}{county}人民政府", "scope": "jurisdiction",
                "title": f"{city}{county}", "self": "我区" if county.endswith("区") else "全县"
                if county.endswith("县") else "全市", "place": (province, city, county)}
    if r < 0.30:                                    # township / sub-district
        if town.endswith("街道"):
            name = f"{county}{town}办事处"
        else:
            name = f"{county}{town}人民政府" if rng.random() < 0.5 else f"{town}人民政府"
        return {"name": name, "scope": "jurisdiction", "title": name.removesuffix("人民政府"),
                "self": "我街道" if town.endswith("街道") else "我" + town[-1],
                "place": (province, city, county, town)}
    if r < 0.38:                                    # provincial department
        dept = PROVINCE_DEPTS[rng.randrange(len(PROVINCE_DEPTS))]
        name = province + dept
        return {"name": name, "scope": "agency", "title": name, "self": "我" + dept[-1],
                "place": (province,)}
    if r < 0.55:                                    # prefecture department
        dept = depts[rng.randrange(len(depts))]
        name = city + dept
        return {"name": name, "scope": "agency", "title": name, "self": "我" + dept[-1],
                "place": (province, city)}
    dept = depts[rng.randrange(len(depts))]         # county department
    name = (city + county + dept) if rng.random() < 0.4 else (county + dept)
    return {"name": name, "scope": "agency", "title": name, "self": "我" + dept[-1],
            "place": (province, city, county)}


# --------------------------------------------------------------------------------------
# Template labels (the State Council forms; the labels are the forms' own words).

T3_LABELS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld_state_secret": "1.属于国家秘密",
    "withheld_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "withheld_security_stability": "3.危及“三安全一稳定”",
    "withheld_third_party_rights": "4.保护第三方合法权益",
    "withheld_internal_affairs": "5.属于三类内部事务信息",
    "withheld_process_info": "6.属于四类过程性信息",
    "withheld_enforcement_file": "7.属于行政执法案卷",
    "withheld_admin_query": "8.属于行政查询事项",
    "unavailable_not_held": "1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear": "3.补正后申请内容仍不明确",
    "rejected_petition": "1.信访举报投诉类申请",
    "rejected_duplicate": "2.重复申请",
    "rejected_publication": "3.要求提供公开出版物",
    "rejected_excessive": "4.无正当理由大量反复申请",
    "rejected_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other_overdue_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_overdue_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_misc": "3.其他",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
T3_GROUPS = (  # (group label, rows) in printed order under 三、本年度办理结果
    (None, ("granted",)),
    (None, ("partially_granted",)),
    ("（三）不予公开", tuple(k for k in OUTCOME_ROWS["gb2019"] if k.startswith("withheld_"))),
    ("（四）无法提供", ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")),
    ("（五）不予处理", tuple(k for k in OUTCOME_ROWS["gb2019"] if k.startswith("rejected_"))),
)
APPLICANT_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

T2_SECTIONS = {
    "gb2019": (
        ("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
         (("规章", "rules"), ("规范性文件", "normative_documents"))),
        ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
         (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services"))),
        ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
         (("行政处罚", "penalty"), ("行政强制", "enforcement"))),
        ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), (("行政事业性收费", "fees"),)),
        ("第二十条第（九）项", ("采购项目数量", "采购总金额"), (("政府集中采购", "procurement"),)),
    ),
    "gb2021": (
        ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
         (("规章", "rules"), ("行政规范性文件", "normative_documents"))),
        ("第二十条第（五）项", ("本年处理决定数量",), (("行政许可", "licensing"),)),
        ("第二十条第（六）项", ("本年处理决定数量",),
         (("行政处罚", "penalty"), ("行政强制", "enforcement"))),
        ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("行政事业性收费", "fees"),)),
    ),
}
T4_RESULT_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
GB_PROCEEDINGS = ("review", "litigation_direct", "litigation_after_review")

# Legacy local 附表 (2008-2013 style): label, unit, code it maps to (year column only).
LOCAL_ROWS = (
    ("主动公开文件数", "条", None),
    ("其中：1.政府网站公开数", "条", None),
    ("2.政府公报公开数", "条", None),
    ("受理政府信息公开申请总数", "件", ("applications", "new_received")),
    ("其中：1.当面申请数", "件", None),
    ("2.网络申请数", "件", None),
    ("3.信函、传真申请数", "件", None),
    ("对申请的答复总数", "件", ("applications", "total_processed")),
    ("其中：1.同意公开答复数", "件", ("applications", "granted")),
    ("2.同意部分公开答复数", "件", ("applications", "partially_granted")),
    ("3.不予公开答复数", "件", ("applications", "withheld_unspecified")),
    ("4.其他类型答复数", "件", ("applications", "other")),
    ("接受行政申诉、举报数", "件", None),
    ("行政复议数", "件", ("reviews", "review")),
    ("行政诉讼数", "件", ("reviews", "litigation_unspecified")),
)
LOCAL_PERIOD_HEADERS = (("本年", "历年累计"), ("{year}年度", "历年累计"), ("本期实际", "本年累计"))

# The national 《政府信息公开情况统计表》 (国办发〔2014〕32号): label, unit, key.
NATIONAL_ROWS = (
    ("一、主动公开情况", None, None),
    ("（一）主动公开政府信息数", "条", "pro"),
    ("其中：主动公开规范性文件数", "条", "pro_norm"),
    ("制发规范性文件总数", "件", "norm_made"),
    ("（二）通过不同渠道和方式公开政府信息的情况", None, None),
    ("1.政府公报公开政府信息数", "条", "ch_gazette"),
    ("2.政府网站公开政府信息数", "条", "ch_web"),
    ("3.政务微博公开政府信息数", "条", "ch_weibo"),
    ("4.政务微信公开政府信息数", "条", "ch_wechat"),
    ("5.其他方式公开政府信息数", "条", "ch_other"),
    ("二、回应解读情况", None, None),
    ("（一）回应公众关注热点或重大舆情数", "次", "resp"),
    ("（二）通过不同渠道和方式回应解读的情况", None, None),
    ("1.参加或举办新闻发布会总次数", "次", "press"),
    ("其中：主要负责同志参加新闻发布会次数", "次", "press_lead"),
    ("2.政府网站在线访谈次数", "次", "talk"),
    ("其中：主要负责同志参加政府网站在线访谈次数", "次", "talk_lead"),
    ("3.政策解读稿件发布数", "篇", "interp"),
    ("4.微博微信回应事件数", "次", "weibo_resp"),
    ("5.其他方式回应事件数", "次", "other_resp"),
    ("三、依申请公开情况", None, None),
    ("（一）收到申请数", "件", "recv"),
    ("1.当面申请数", "件", "recv_person"),
    ("2.传真申请数", "件", "recv_fax"),
    ("3.网络申请数", "件", "recv_net"),
    ("4.信函申请数", "件", "recv_letter"),
    ("（二）申请办结数", "件", "done"),
    ("1.按时办结数", "件", "done_ontime"),
    ("2.延期办结数", "件", "done_late"),
    ("（三）申请答复数", "件", "ans"),
    ("1.属于已主动公开范围数", "件", "ans_already"),
    ("2.同意公开答复数", "件", "ans_granted"),
    ("3.同意部分公开答复数", "件", "ans_partial"),
    ("4.不同意公开答复数", "件", "ans_refused"),
    ("其中：涉及国家秘密", "件", "ref_secret"),
    ("涉及商业秘密", "件", "ref_business"),
    ("涉及个人隐私", "件", "ref_privacy"),
    ("危及国家安全、公共安全、经济安全和社会稳定", "件", "ref_security"),
    ("不是《条例》所指政府信息", "件", "ref_notgov"),
    ("法律法规规定的其他情形", "件", "ref_law"),
    ("5.不属于本行政机关公开数", "件", "ans_notours"),
    ("6.申请信息不存在数", "件", "ans_notexist"),
    ("7.告知作出更改补充数", "件", "ans_amend"),
    ("8.告知通过其他途径办理数", "件", "ans_redirect"),
    ("四、行政复议数量", "件", "rev"),
    ("（一）维持具体行政行为数", "件", "rev_up"),
    ("（二）被依法纠错数", "件", "rev_corr"),
    ("（三）其他情形数", "件", "rev_other"),
    ("五、行政诉讼数量", "件", "lit"),
    ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "lit_up"),
    ("（二）被依法纠错数", "件", "lit_corr"),
    ("（三）其他情形数", "件", "lit_other"),
    ("六、举报投诉数量", "件", "comp"),
    ("（一）维持具体行政行为数", "件", "comp_up"),
    ("（二）被依法纠错数", "件", "comp_corr"),
    ("（三）其他情形数", "件", "comp_other"),
    ("七、依申请公开信息收取的费用", "万元", "fee"),
    ("八、机构建设和保障经费情况", None, None),
    ("（一）政府信息公开工作专门机构数", "个", "org_units"),
    ("（二）设置政府信息公开查阅点数", "个", "reading_points"),
    ("（三）从事政府信息公开工作人员数", "人", "staff"),
    ("1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", "staff_full"),
    ("2.兼职人员数", "人", "staff_part"),
    ("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
     "万元", "budget"),
    ("九、政府信息公开会议和培训情况", None, None),
    ("（一）召开政府信息公开工作会议或专题会议数", "次", "meetings"),
    ("（二）举办各类培训班数", "次", "trainings"),
    ("（三）接受培训人员数", "人次", "trainees"),
)
# national_2014 key -> the code its year value maps to (vocabulary: legacy lines that map).
NATIONAL_MAP = {
    "recv": ("applications", "new_received", "total"),
    "ans": ("applications", "total_processed", "total"),
    "ans_granted": ("applications", "granted", "total"),
    "ans_partial": ("applications", "partially_granted", "total"),
    "ref_secret": ("applications", "withheld_state_secret", "total"),
    "ref_business": ("applications", "withheld_third_party_rights", "total"),
    "ref_privacy": ("applications", "withheld_third_party_rights", "total"),
    "ref_security": ("applications", "withheld_security_stability", "total"),
    "ref_law": ("applications", "withheld_prohibited_by_law", "total"),
    "ans_notours": ("applications", "unavailable_not_held", "total"),
    "ans_notexist": ("applications", "unavailable_not_held", "total"),
    "rev": ("reviews", "review", "total"),
    "rev_up": ("reviews", "review", "upheld"),
    "rev_corr": ("reviews", "review", "corrected"),
    "rev_other": ("reviews", "review", "other"),
    "lit": ("reviews", "litigation_unspecified", "total"),
    "lit_up": ("reviews", "litigation_unspecified", "upheld"),
    "lit_corr": ("reviews", "litigation_unspecified", "corrected"),
    "lit_other": ("reviews", "litigation_unspecified", "other"),
}


# --------------------------------------------------------------------------------------
# Figures.

def _sized(rng: random.Random, scale: float) -> int:
    """A count around `scale`, heavy-tailed, often zero for small bodies."""
    if scale <= 0:
        return 0
    x = rng.expovariate(1.0 / scale)
    return int(x)


def _split(rng: random.Random, total: int, weights: tuple[float, ...]) -> list[int]:
    """Split `total` into len(weights) non-negative parts (random, weighted)."""
    n = len(weights)
    parts = [0] * n
    if total <= 0:
        return parts
    if total <= 12:
        for i in rng.choices(range(n), weights, k=total):
            parts[i] += 1
        return parts
    noisy = [w * (0.3 + rng.random()) for w in weights]
    s = sum(noisy)
    acc = 0
    for i, w in enumerate(noisy):
        parts[i] = int(total * w / s)
        acc += parts[i]
    parts[max(range(n), key=noisy.__getitem__)] += total - acc
    return parts


OUTCOME_WEIGHTS = {
    "granted": 40, "partially_granted": 8, "withheld_state_secret": 0.3,
    "withheld_prohibited_by_law": 1.5, "withheld_security_stability": 0.3,
    "withheld_third_party_rights": 2, "withheld_internal_affairs": 1.5,
    "withheld_process_info": 2, "withheld_enforcement_file": 1, "withheld_admin_query": 1,
    "unavailable_not_held": 22, "unavailable_needs_creation": 3, "unavailable_unclear": 2,
    "rejected_petition": 3, "rejected_duplicate": 2, "rejected_publication": 0.5,
    "rejected_excessive": 0.7, "rejected_confirmation": 0.5, "other": 6,
    "other_overdue_correction": 2, "other_overdue_fee": 0.3, "other_misc": 4,
}
COLUMN_SHARE = (0.82, 0.09, 0.01, 0.015, 0.04, 0.025)  # natural person vs. the organisations


def _applications(rng: random.Random, template: str, scale: float) -> dict:
    """Table 3 grid obeying flow_balance, outcome_sum and column_total."""
    outcomes = OUTCOME_ROWS[template]
    weights = tuple(OUTCOME_WEIGHTS[k] for k in outcomes)
    new_total = _sized(rng, scale)
    cols = _split(rng, new_total, COLUMN_SHARE) if new_total else [0] * 6
    grid: dict[str, list[int]] = {k: [0] * 6 for k in ("new_received", "carried_over",
                                                       *outcomes, "total_processed",
                                                       "carried_forward")}
    for c in range(6):
        new = cols[c]
        carried = _sized(rng, new * 0.05) if new and rng.random() < 0.3 else 0
        forward = _sized(rng, (new + carried) * 0.04) if new and rng.random() < 0.35 else 0
        forward = min(forward, new + carried)
        done = new + carried - forward
        grid["new_received"][c] = new
        grid["carried_over"][c] = carried
        grid["carried_forward"][c] = forward
        grid["total_processed"][c] = done
        for k, v in zip(outcomes, _split(rng, done, weights)):
            grid[k][c] = v
    return {k: {**dict(zip(APPLICANTS, v)), "total": sum(v)} for k, v in grid.items()}


def _reviews(rng: random.Random, scale: float, proceedings=GB_PROCEEDINGS) -> dict:
    out = {}
    for p in proceedings:
        n = _sized(rng, scale * (0.03 if p == "review" else 0.01)) if rng.random() < 0.5 else 0
        parts = _split(rng, n, (5, 2, 1.5, 2))
        out[p] = {**dict(zip(RESULT_PARTS, parts)), "total": n}
    return out


def _money_yuan(rng: random.Random, items: int) -> int:
    """A procurement sum in whole yuan (hundreds), 0 when nothing was bought."""
    if not items:
        return 0
    return int(items * rng.uniform(2e3, 4e5)) // 100 * 100 + 100


def _proactive(rng: random.Random, template: str, scale: float) -> dict:
    big = max(scale, 1.0)
    if template == "gb2019":
        out = {}
        for cat in ("rules", "normative_documents"):
            made = _sized(rng, big * (0.02 if cat == "rules" else 0.3))
            published = made if rng.random() < 0.8 else min(made, _sized(rng, made + 1))
            out[cat] = {"new_made": made, "new_published": published,
                        "total_published": published + _sized(rng, big * 2)}
        for cat in ("licensing", "other_services", "penalty", "enforcement"):
            prev = _sized(rng, big * 3)
            change = int(rng.gauss(0, 3 + prev * 0.05)) if rng.random() < 0.6 else 0
            change = max(change, -prev)
            out[cat] = {"items_prev_year": prev, "items_change": change,
                        "decisions": _sized(rng, big * 20)}
        prev = _sized(rng, 6)
        out["fees"] = {"items_prev_year": prev,
                       "items_change": max(-prev, int(rng.gauss(0, 1.2)))}
        items = _sized(rng, big * 0.6)
        out["procurement"] = {"procurement_items": items,
                              "procurement_amount_yuan": _money_yuan(rng, items)}
        return out
    out = {}
    for cat in ("rules", "normative_documents"):
        issued = _sized(rng, big * (0.02 if cat == "rules" else 0.2))
        repealed = _sized(rng, issued * 0.5 + 0.3)
        out[cat] = {"issued": issued, "repealed": repealed,
                    "in_force": issued + _sized(rng, big * 0.8)}
    for cat in ("licensing", "penalty", "enforcement"):
        out[cat] = {"decisions": _sized(rng, big * 25)}
    fee = 0 if rng.random() < 0.6 else int(rng.uniform(1e3, 5e6))
    out["fees"] = {"fee_amount_yuan": fee}
    return out


# --------------------------------------------------------------------------------------
# Printed forms of numbers.

NULL_TEXTS_ANY = ("", "-", "—", "/", "无")
NULL_TEXTS_VISIBLE = ("-", "—", "/", "无")


def _wan(yuan: int) -> str:
    """Yuan as 万元 with up to four decimals: 7390766 -> '739.0766'."""
    s = f"{yuan // 10000}.{yuan % 10000:04d}".rstrip("0").rstrip(".")
    return s


def _change_text(rng: random.Random, v: int, words: bool) -> str:
    if words:
        return f"增{v}" if v > 0 else (f"减{-v}" if v < 0 else "0")
    return (f"+{v}" if rng.random() < 0.3 else str(v)) if v > 0 else str(v)


def _procurement_text(rng: random.Random, yuan: int) -> tuple[str, str, float | int | None]:
    """(header, printed cell, value in yuan) for 采购总金额; the unit is sometimes lost."""
    r = rng.random()
    if yuan == 0:
        return "采购总金额", "0", 0
    if r < 0.25:
        cents = yuan * 100 + rng.randrange(100)
        return "采购总金额", f"{cents // 100}.{cents % 100:02d}元", cents / 100
    if r < 0.45:
        return "采购总金额", _wan(yuan) + "万元", yuan
    if r < 0.55 and yuan >= 10**8:
        y = yuan // 10**6 * 10**6
        return "采购总金额", (f"{y // 10**8}.{(y % 10**8) // 10**6:02d}".rstrip("0").rstrip(".")
                          + "亿" + ("元" if rng.random() < 0.5 else "")), y
    if r < 0.7:
        return "采购总金额（万元）", _wan(yuan), yuan
    if r < 0.85:
        return "采购总金额（元）", str(yuan), yuan
    # No unit anywhere: the amount cannot be known (vocabulary: raw text kept, null amount).
    return "采购总金额", str(yuan), None


# --------------------------------------------------------------------------------------
# The document: blocks are paragraphs (str) or filled tables. A table *skeleton* holds the
# labels and layout of a table, with SLOT where a value goes; it depends only on a few
# discrete choices (template, brackets, dropped characters, split headers ...), so it is
# built, and rendered for each layout, once per run and cached; a report only fills in
# its values. That keeps bulk generation fast without making reports alike: the numbers,
# prose, agency, chrome and per-cell blanks differ in every report.

SLOT = "\x00"  # a value cell in a skeleton (never part of a real report)
DROPS = {  # dropped_chars: what scraped pages lose (quotes, opening brackets, 减)
    "“三安全一稳定”": "三安全一稳定",
    "（二）部分公开": "二）部分公开",
    "（五）不予处理": "五）不予处理",
    "本年增/减": "本年增/",
}
# Where narrow header cells break (word boundaries, as in the scraped pages).
HEADER_BREAKS = {
    "本年新制作数量": "本年新\n制作数量", "本年新公开数量": "本年新\n公开数量",
    "对外公开总数量": "对外公开\n总数量", "上一年项目数量": "上一年\n项目数量",
    "本年增/减": "本年\n增/减", "处理决定数量": "处理决定\n数量", "采购总金额": "采购\n总金额",
    "本年制发件数": "本年制发\n件数", "本年废止件数": "本年废止\n件数",
    "现行有效件数": "现行有效\n件数", "自然人": "自\n然\n人", "商业企业": "商业\n企业",
    "科研机构": "科研\n机构", "社会公益组织": "社会\n公益\n组织", "法律服务机构": "法律\n服务\n机构",
    "总计": "总\n计", "结果维持": "结果\n维持", "结果纠正": "结果\n纠正", "其他结果": "其他\n结果",
    "尚未审结": "尚未\n审结",
}


class Table(NamedTuple):
    """A table skeleton: rows of cells (text, colspan, rowspan, key), key None for labels."""
    key: tuple        # the builder arguments: identifies the skeleton in the render cache
    rows: tuple
    slots: tuple      # the key of every value cell, in reading order
    groups: tuple     # per row with values: (slot indices, the next row starts with a digit)
    record_rows: tuple  # (table, row, columns) of every row with values, in slot order
    slot_index: dict    # slot key -> its position


def _finish(key: tuple, rows: list) -> Table:
    slots, groups = [], []
    out_rows = []
    for r, row in enumerate(rows):
        cells, idx = [], []
        for text, cs, rs, k in row:
            if k is not None:
                idx.append(len(slots))
                slots.append(k)
                cells.append((SLOT, cs, rs, k))
            else:
                cells.append((text, cs, rs, None))
        out_rows.append(tuple(cells))
        if idx:
            nxt = rows[r + 1][0] if r + 1 < len(rows) else None
            digit = bool(nxt and nxt[3] is None and nxt[0][:1] in "0123456789.．")
            groups.append((tuple(idx), digit))
    record_rows = {}
    for t, row, col in (k[:3] for k in slots):
        record_rows.setdefault((t, row), []).append(col)
    return Table(key, tuple(out_rows), tuple(slots), tuple(groups),
                 tuple((t, row, tuple(cols)) for (t, row), cols in record_rows.items()),
                 {k: i for i, k in enumerate(slots)})


def _lab(style: tuple, text: str) -> str:
    """A label as this report prints it: (ascii brackets?, dropped strings)."""
    ascii_brackets, drops = style
    for k in drops:
        if k in text:
            text = text.replace(k, DROPS[k])
    if ascii_brackets:
        text = text.replace("（", "(").replace("）", ")")
    return text


def _hdr(text: str, split: bool, trunc: bool = False) -> str:
    if split and text in HEADER_BREAKS:
        return HEADER_BREAKS[text]
    if trunc and text.startswith("本年新"):
        return "本年新"
    return text


@functools.lru_cache(maxsize=None)
def _t2(template: str, style: tuple, split: bool, trunc: bool, proc_head: str,
        drop_rules: bool) -> Table:
    rows: list = []
    for sec, heads, cats in T2_SECTIONS[template]:
        rows.append([(_lab(style, sec), 4, 1, None)])
        heads = list(heads)
        if cats[0][1] == "procurement":
            heads[1] = proc_head
        hrow = [(_lab(style, "信息内容"), 1, 1, None)]
        if len(heads) == 1:
            hrow.append((_lab(style, heads[0]), 3, 1, None))
        elif len(heads) == 2:
            hrow += [(_hdr(_lab(style, heads[0]), split, trunc), 1, 1, None),
                     (_hdr(_lab(style, heads[1]), split, trunc), 2, 1, None)]
        else:
            hrow += [(_hdr(_lab(style, h), split, trunc), 1, 1, None) for h in heads]
        rows.append(hrow)
        for label, cat in cats:
            if cat == "rules" and drop_rules:
                continue
            measures = PROACTIVE_MEASURES[template][cat]
            row = [(_lab(style, label), 1, 1, None)]
            for i, m in enumerate(measures):
                span = 3 if len(measures) == 1 else (2 if len(measures) == 2 and i == 1 else 1)
                row.append(("", span, 1, ("proactive", cat, m)))
            rows.append(row)
    return _finish(("t2", template, style, split, trunc, proc_head, drop_rules), rows)


T3_COLUMNS = {False: APPLICANTS, True: (*APPLICANTS[:6], "org_subtotal", "total")}


@functools.lru_cache(maxsize=None)
def _t3(template: str, style: tuple, split: bool, subtotal: bool) -> Table:
    lab = functools.partial(_lab, style)
    cols = T3_COLUMNS[subtotal]
    n_org = 6 if subtotal else 5
    rows: list = [
        [(lab(T3_NOTE), 3, 3, None), (lab("申请人情况"), len(cols), 1, None)],
        [(_hdr("自然人", split), 1, 2, None), (lab("法人或其他组织"), n_org, 1, None),
         (_hdr("总计", split), 1, 2, None)],
        [(_hdr(t, split), 1, 1, None) for t in APPLICANT_LABELS[1:6]]
        + ([("小计", 1, 1, None)] if subtotal else []),
    ]

    def values(item: str) -> list:
        return [("", 1, 1, ("applications", item, col)) for col in cols]

    rows.append([(lab(T3_LABELS["new_received"]), 3, 1, None), *values("new_received")])
    rows.append([(lab(T3_LABELS["carried_over"]), 3, 1, None), *values("carried_over")])
    groups = list(T3_GROUPS)
    if template == "gb2019":
        groups.append((None, ("other",)))
    else:
        groups.append(("（六）其他处理", ("other_overdue_correction", "other_overdue_fee",
                                     "other_misc")))
    groups.append((None, ("total_processed",)))
    n_rows = sum(len(g[1]) for g in groups)
    first = True
    for group, items in groups:
        for j, item in enumerate(items):
            row = []
            if first:
                row.append((lab("三、本年度办理结果"), 1, n_rows, None))
                first = False
            if group is None:
                row.append((lab(T3_LABELS[item]), 2, 1, None))
            else:
                if j == 0:
                    g = lab(group)
                    if split and group == "（三）不予公开":
                        g = g[:-2] + "\n" + g[-2:]          # （三）不予 / 公开
                    row.append((g, 1, len(items), None))
                row.append((lab(T3_LABELS[item]), 1, 1, None))
            row += values(item)
            rows.append(row)
    rows.append([(lab(T3_LABELS["carried_forward"]), 3, 1, None), *values("carried_forward")])
    return _finish(("t3", template, style, split, subtotal), rows)


@functools.lru_cache(maxsize=None)
def _t4(style: tuple, split: bool) -> Table:
    h = [(_hdr(t, split), 1, 1, None) for t in T4_RESULT_LABELS]
    rows = [
        [(_lab(style, "行政复议"), 5, 1, None), (_lab(style, "行政诉讼"), 10, 1, None)],
        [(t, c, 2, k) for t, c, _, k in h] + [("未经复议直接起诉", 5, 1, None),
                                               ("复议后起诉", 5, 1, None)],
        h + h,
        [("", 1, 1, ("reviews", p, r)) for p in GB_PROCEEDINGS for r in (*RESULT_PARTS, "total")],
    ]
    return _finish(("t4", style, split), rows)


@functools.lru_cache(maxsize=None)
def _t_local(heads: tuple, show_units: bool) -> Table:
    rows = [[("指标名称", 1, 1, None), ("单位", 1, 1, None), (heads[0], 1, 1, None),
             (heads[1], 1, 1, None)]]
    for i, (label, unit, code) in enumerate(LOCAL_ROWS):
        mapped = (code[0], code[1], "total") if code else None
        u = unit if show_units else None
        rows.append([(label, 1, 1, None), (u or "", 1, 1, None),
                     ("", 1, 1, ("legacy", 2 * i, mapped, label, u, "year")),
                     ("", 1, 1, ("legacy", 2 * i + 1, None, label, u, "cumulative"))])
    return _finish(("local", heads, show_units), rows)


@functools.lru_cache(maxsize=None)
def _t_national(style: tuple) -> Table:
    rows = [[("统计指标", 1, 1, None), ("单位", 1, 1, None), ("统计数", 1, 1, None)]]
    n = 0
    for label, unit, key in NATIONAL_ROWS:
        label = _lab(style, label)
        if key is None:
            rows.append([(label, 1, 1, None), ("", 1, 1, None), ("", 1, 1, None)])
            continue
        rows.append([(label, 1, 1, None), (unit, 1, 1, None),
                     ("", 1, 1, ("legacy", n, NATIONAL_MAP.get(key), label, unit, "year"))])
        n += 1
    return _finish(("national", style), rows)


NATIONAL_KEYS = tuple(k for _, _, k in NATIONAL_ROWS if k)


class Ctx:
    """Per-report drawing state: the random stream, the hazards and the label style."""

    def __init__(self, rng: random.Random, hazards: set[str], layout: str):
        self.rng = rng
        self.hazards = hazards
        self.layout = layout
        # A truly empty cell only where the layout still shows the cell (a <td>, a | |).
        self.null_texts = NULL_TEXTS_ANY if layout in ("html", "markdown") else NULL_TEXTS_VISIBLE
        self.nulls_left = rng.randint(1, 5) if "null_cells" in hazards else 0
        drops = ()
        if "dropped_chars" in hazards:   # not every drop in every report
            drops = tuple(k for k in DROPS if rng.random() < 0.6)
        self.dropped = bool(drops) or "dropped_chars" in hazards
        self.style = (rng.random() < 0.3, drops)
        split = "split_header" in hazards
        mask = rng.randrange(1, 4) if split else 0
        self.split2, self.split34 = bool(mask & 1), bool(mask & 2)
        self.layout_variant = rng.random() < 0.5
        self.html_style = rng.randrange(4)
        self.plain_cells = "split_spans" not in hazards and rng.random() < 0.5

    def label(self, text: str) -> str:
        return _lab(self.style, text)

    def date(self, y: int, m: int, d: int) -> str:
        if self.dropped and self.rng.random() < 0.7:
            return f"{y}{m}月{d}日"
        return f"{y}年{m}月{d}日"

    def null(self, v) -> bool:
        """Print this zero as a blank/dash (null_cells hazard)?"""
        if self.nulls_left and v == 0 and self.rng.random() < 0.08:
            self.nulls_left -= 1
            return True
        return False


def _fill_gb(ctx: Ctx, table: Table, figures: dict, rec: dict, special: dict) -> list[str]:
    """Value texts of a gb table in slot order; the record gets the values as printed."""
    if not ctx.nulls_left:      # the common case, kept fast for bulk runs
        texts: list[str] = []
        for t, row, cols in table.record_rows:      # the rows in slot order
            src = figures[t][row]
            out = rec[t][row] = {c: src[c] for c in cols}
            texts += map(str, out.values())
        pos = table.slot_index
        for key, (text, v) in special.items():
            i = pos.get(key)
            if i is not None:
                texts[i] = text
                rec[key[0]][key[1]][key[2]] = v
        return texts
    texts = []
    add = texts.append
    nulls = ctx.nulls_left
    rng = ctx.rng
    for key in table.slots:
        t, row, col = key
        v = figures[t][row][col]
        out = rec[t].get(row)
        if out is None:
            out = rec[t][row] = {}
        if nulls and ctx.null(v):
            add(ctx.null_texts[rng.randrange(len(ctx.null_texts))])
            out[col] = None
            continue
        if key in special:
            text, v = special[key]
        else:
            text = str(v)
        add(text)
        out[col] = v
    return texts


def _fill_legacy(ctx: Ctx, table: Table, values: list, rec: dict) -> list[str]:
    texts = []
    inds = rec["legacy_indicators"]
    for _, idx, mapped, label, unit, period in table.slots:
        v = values[idx]
        texts.append(f"{v:g}" if isinstance(v, float) else str(v))
        inds.append({"label": label, "value": v, "unit": unit, "period": period})
        if mapped:
            t, row, col = mapped
            cell = rec[t].setdefault(row, {})
            cell[col] = cell.get(col, 0) + v
    return texts


# --------------------------------------------------------------------------------------
# Prose. Our own sentences, assembled from a few patterns per section.

OPENINGS = (
    "本报告依据《中华人民共和国政府信息公开条例》和上级关于做好政府信息公开工作年度报告的要求编写，"
    "由{agency}负责编制。",
    "按照《中华人民共和国政府信息公开条例》的规定，{agency}编制并向社会公布本年度政府信息公开工作年度报告。",
    "{agency}根据《中华人民共和国政府信息公开条例》第五十条的要求，编制本年度政府信息公开工作年度报告。",
)
PERIOD = "报告所列数据的统计期限为{d1}至{d2}。"
# The notices on the report format; a report may cite one and print the other's tables
# (vocabulary.md: neither the year nor the notice decides the template).
NOTICES = ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告"
           "格式（试行）〉的通知》（国办公开办函〔2019〕60号）",
           "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告"
           "格式〉的通知》（国办公开办函〔2021〕30号）")
CONTACT = ("对报告内容如有疑问，请与{agency}办公室联系（联系电话：0{area}-{tel}）。",
           "如对本报告有疑问，可向{agency}综合科咨询，电话0{area}-{tel}。")
GENERAL = (
    "{year}年，{self}把政务公开作为转变作风、提升服务的一项基础工作来抓，调整了政务公开工作小组，"
    "明确一名分管负责同志牵头，各股室确定一名信息员，形成了分工明确、逐级审核的工作格局。",
    "围绕年度重点任务，{self}持续完善主动公开目录，对机构职能、规划计划、财政预决算、行政执法等栏目"
    "逐项核对更新，删除过期链接，补齐缺失内容，栏目内容的完整性有了明显改善。",
    "在依申请公开方面，{self}坚持登记、承办、审核、答复、归档全流程留痕，对每一件申请明确承办人和"
    "答复时限，做到按时答复、答复有据。",
    "{self}注重政策解读与文件同步起草、同步审核、同步发布，对涉及群众切身利益的文件采用图表、问答等"
    "方式进行解读，便于群众理解和运用。",
    "在平台建设上，{self}依托政府门户网站政务公开专栏集中发布信息，同时通过政务新媒体转发重要通知和"
    "办事提醒，拓宽了公众获取信息的渠道。",
    "{self}严格落实公开前保密审查制度，拟公开信息须经承办股室初审、分管领导复审后方可发布，全年未"
    "发生因信息公开引发的泄密事件。",
    "结合“双随机、一公开”监管和行政执法公示制度，{self}及时公开执法主体、执法依据和执法结果，"
    "主动接受社会监督。",
)
PROBLEMS = (
    "{self}的政府信息公开工作仍存在一些不足：一是部分栏目更新不够及时；二是政策解读形式还比较单一；"
    "三是工作人员多为兼职，业务能力有待提高。",
    "对照上级要求，{self}在公开内容的深度、解读回应的及时性等方面还有差距，基层公开事项的标准化程度"
    "仍需提高。",
)
IMPROVE = (
    "下一步，{self}将加强业务培训，完善信息发布审核流程，定期检查栏目内容，推动政务公开工作"
    "更加规范、高效。",
    "下一步，{self}将围绕群众关注的热点问题扩大公开范围，丰富解读形式，并把政务公开工作纳入年度"
    "考核，压实各股室责任。",
)
OTHER_MATTERS = (
    "本年度{self}未收取信息处理费。",
    "{self}本年度没有依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。",
    "无其他需要报告的事项。",
)
LEGACY_GENERAL = (
    "{year}年，{self}认真贯彻落实《中华人民共和国政府信息公开条例》，明确办公室为政府信息公开工作的"
    "日常机构，配备兼职工作人员，建立了信息公开登记、审核和发布制度。",
    "{self}按照“公开为原则、不公开为例外”的要求，对本单位产生的政府信息进行梳理，编制了政府信息"
    "公开目录和公开指南，并在门户网站予以公布。",
    "{self}在办公场所设置了政府信息公开查阅点，放置公开指南和相关文件，方便群众就近查阅。",
)
LEGACY_PROBLEMS = (
    "目前{self}政府信息公开工作还存在信息更新不够及时、公开内容不够丰富等问题，今后将进一步健全"
    "制度、充实内容，不断提高政府信息公开工作水平。",
    "{self}将继续加强对工作人员的培训，规范依申请公开的办理程序，提高答复质量。",
)
SECTIONS_GB = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
               "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
               "六、其他需要报告的事项")


def _pick(rng: random.Random, seq, k: int) -> list:
    return rng.sample(seq, min(k, len(seq)))


def _title(rng: random.Random, ag: dict, year: int) -> str:
    return f"{ag['title']}{year}年{'度' if rng.random() < 0.5 else ''}政府信息公开工作年度报告"


def _intro(ctx: Ctx, ag: dict, year: int) -> list[str]:
    rng = ctx.rng
    fmt = {"agency": ag["name"], "self": ag["self"], "year": year,
           "area": rng.randint(371, 999), "tel": rng.randint(2000000, 8999999)}
    text = OPENINGS[rng.randrange(len(OPENINGS))]
    if "cites_notice" in ctx.hazards:
        # usually the notice whose tables follow, sometimes the other one
        wanted = 1 if year >= 2021 else 0
        notice = NOTICES[wanted if rng.random() < 0.7 else 1 - wanted]
        text += "报告格式参照" + notice.replace("{", "{{").replace("}", "}}") + "。"
    text += (PERIOD.format(d1=ctx.date(year, 1, 1), d2=ctx.date(year, 12, 31))
             + CONTACT[rng.randrange(len(CONTACT))])
    return [text.format(**fmt)]


def _signature(ctx: Ctx, ag: dict, year: int) -> list[str]:
    rng = ctx.rng
    return [ag["name"], ctx.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))]


# --------------------------------------------------------------------------------------
# Documents.

def _gb_document(ctx: Ctx, ag: dict, year: int, template: str, figures: dict,
                 rec: dict) -> list:
    rng = ctx.rng
    fmt = {"self": ag["self"], "year": year}
    apps, pro = figures["applications"], figures["proactive"]
    hz = ctx.hazards
    # Cells printed other than as a plain count: changes, money.
    special: dict = {}
    words = "change_words" in hz
    proc_head = "采购总金额"
    if template == "gb2019":
        for cat in ("licensing", "other_services", "penalty", "enforcement", "fees"):
            v = pro[cat]["items_change"]
            special[("proactive", cat, "items_change")] = (_change_text(rng, v, words), v)
        amount = pro["procurement"]["procurement_amount_yuan"]
        proc_head, text, amount = _procurement_text(rng, amount)
        special[("proactive", "procurement", "procurement_amount_yuan")] = (text, amount)
    else:
        v = pro["fees"]["fee_amount_yuan"]
        special[("proactive", "fees", "fee_amount_yuan")] = (_wan(v), v)
    drop_rules = "missing_row" in hz
    t2 = _t2(template, ctx.style, ctx.split2, "truncated_header" in hz, proc_head, drop_rules)
    subtotal = "subtotal_column" in hz
    if subtotal:   # the report's own 小计 of the five organisation columns
        for row in apps.values():
            row["org_subtotal"] = sum(row[c] for c in ORG_APPLICANTS)
    t3 = _t3(template, ctx.style, ctx.split34, subtotal)
    t4 = _t4(ctx.style, ctx.split34)

    blocks: list = [_title(rng, ag, year)]
    blocks += _intro(ctx, ag, year)
    blocks.append(ctx.label(SECTIONS_GB[0]))
    blocks += [p.format(**fmt) for p in _pick(rng, GENERAL, rng.randint(2, 4))]
    n = apps["new_received"]["total"]
    blocks.append(f"{year}年，{ag['self']}共收到政府信息公开申请{n}件，均在法定期限内办理答复。"
                  if n else f"{year}年，{ag['self']}未收到政府信息公开申请。")
    blocks.append(ctx.label(SECTIONS_GB[1]))
    blocks.append((t2, _fill_gb(ctx, t2, figures, rec, special)))
    blocks.append(ctx.label(SECTIONS_GB[2]))
    blocks.append((t3, _fill_gb(ctx, t3, figures, rec, special)))
    blocks.append(ctx.label(SECTIONS_GB[3]))
    blocks.append((t4, _fill_gb(ctx, t4, figures, rec, special)))
    blocks.append(ctx.label(SECTIONS_GB[4]))
    blocks.append(PROBLEMS[rng.randrange(len(PROBLEMS))].format(**fmt))
    blocks.append(IMPROVE[rng.randrange(len(IMPROVE))].format(**fmt))
    blocks.append(ctx.label(SECTIONS_GB[5]))
    blocks.append(OTHER_MATTERS[rng.randrange(len(OTHER_MATTERS))].format(**fmt))
    blocks += _signature(ctx, ag, year)
    return blocks


def _legacy_figures(rng: random.Random, scale: float) -> dict:
    """Consistent legacy counts: channels sum to requests, replies split into outcomes."""
    recv = _sized(rng, scale * 0.5)
    channels = _split(rng, recv, (2, 5, 3))
    answered = recv - (1 if recv and rng.random() < 0.2 else 0)
    granted, partial, withheld, other = _split(rng, answered, (8, 2, 1, 2))
    pro = _sized(rng, scale * 12) + 1
    web = pro - _sized(rng, pro * 0.05)
    return {"pro": pro, "web": web, "gazette": pro - web, "recv": recv, "channels": channels,
            "ans": answered, "granted": granted, "partial": partial, "withheld": withheld,
            "other": other, "complaints": _sized(rng, 0.4),
            "rev": _sized(rng, 0.6) if rng.random() < 0.3 else 0,
            "lit": _sized(rng, 0.4) if rng.random() < 0.15 else 0}


def _local_values(rng: random.Random, figs: dict, scheme: str) -> list:
    """本年 / 历年累计 (or 本期实际 / 本年累计) pairs for the LOCAL_ROWS, flattened."""
    year_vals = (figs["pro"], figs["web"], figs["gazette"], figs["recv"], *figs["channels"],
                 figs["ans"], figs["granted"], figs["partial"], figs["withheld"],
                 figs["other"], figs["complaints"], figs["rev"], figs["lit"])
    out = []
    for v in year_vals:
        cum = v + (_sized(rng, v * 3 + 1) if scheme == "local_period" else _sized(rng, v * 6 + 2))
        out += (v, cum)
    return out


def _national_values(rng: random.Random, figs: dict) -> list:
    r = rng.randint
    refused = _split(rng, figs["withheld"], (1, 2, 3, 1, 2, 2))
    rev_parts = _split(rng, figs["rev"], (3, 1, 1))
    lit_parts = _split(rng, figs["lit"], (3, 1, 1))
    comp = figs["complaints"]
    comp_parts = _split(rng, comp, (3, 1, 1))
    ans_parts = _split(rng, figs["ans"] - figs["withheld"] - figs["granted"] - figs["partial"],
                       (1, 3, 2, 1, 1))
    channels = _split(rng, figs["recv"], (2, 1, 5, 3))
    late = min(figs["ans"], r(0, 1))
    pro = figs["pro"]
    norm = _sized(rng, 3)
    ch = _split(rng, pro, (1, 10, 2, 2, 1))
    press, talk = r(0, 6), r(0, 3)
    staff_full, staff_part = r(0, 3), r(1, 5)
    vals = {
        "pro": pro, "pro_norm": norm, "norm_made": norm + r(0, 2),
        "ch_gazette": ch[0], "ch_web": ch[1], "ch_weibo": ch[2], "ch_wechat": ch[3],
        "ch_other": ch[4], "resp": r(0, 20), "press": press, "press_lead": min(press, r(0, 2)),
        "talk": talk, "talk_lead": min(talk, r(0, 1)), "interp": r(0, 15),
        "weibo_resp": r(0, 10), "other_resp": r(0, 5),
        "recv": figs["recv"], "recv_person": channels[0], "recv_fax": channels[1],
        "recv_net": channels[2], "recv_letter": channels[3],
        "done": figs["ans"], "done_ontime": figs["ans"] - late, "done_late": late,
        "ans": figs["ans"], "ans_already": ans_parts[0], "ans_granted": figs["granted"],
        "ans_partial": figs["partial"], "ans_refused": figs["withheld"],
        "ref_secret": refused[0], "ref_business": refused[1], "ref_privacy": refused[2],
        "ref_security": refused[3], "ref_notgov": refused[4], "ref_law": refused[5],
        "ans_notours": ans_parts[1], "ans_notexist": ans_parts[2], "ans_amend": ans_parts[3],
        "ans_redirect": ans_parts[4],
        "rev": figs["rev"], "rev_up": rev_parts[0], "rev_corr": rev_parts[1],
        "rev_other": rev_parts[2], "lit": figs["lit"], "lit_up": lit_parts[0],
        "lit_corr": lit_parts[1], "lit_other": lit_parts[2], "comp": comp,
        "comp_up": comp_parts[0], "comp_corr": comp_parts[1], "comp_other": comp_parts[2],
        "fee": 0, "org_units": 1, "reading_points": r(1, 4), "staff": staff_full + staff_part,
        "staff_full": staff_full, "staff_part": staff_part,
        "budget": r(1, 40) / 10 if rng.random() < 0.5 else 0,
        "meetings": r(0, 6), "trainings": r(0, 4), "trainees": r(0, 80),
    }
    return [vals[k] for k in NATIONAL_KEYS]


def _legacy_document(ctx: Ctx, ag: dict, year: int, scheme: str, scale: float,
                     rec: dict) -> list:
    rng = ctx.rng
    fmt = {"self": ag["self"], "year": year}
    figs = _legacy_figures(rng, scale)
    blocks: list = [_title(rng, ag, year)]
    blocks += _intro(ctx, ag, year)
    blocks.append("一、概述")
    blocks += [p.format(**fmt) for p in _pick(rng, LEGACY_GENERAL, rng.randint(1, 3))]
    blocks.append("二、主动公开政府信息的情况")
    narrative = scheme == "narrative_only"
    blocks.append(f"{year}年度，{ag['self']}共主动公开政府信息{figs['pro']}条，其中通过门户网站公开"
                  f"{figs['web']}条。" if not narrative else
                  f"{year}年度，{ag['self']}共主动公开政府信息{figs['pro']}条。")
    blocks.append("三、依申请公开政府信息的情况")
    recv = figs["recv"]
    blocks.append(f"本年度{ag['self']}共收到政府信息公开申请{recv}件，均已按规定时限答复。" if recv
                  else f"本年度{ag['self']}收到政府信息公开申请0件。")
    blocks.append("四、因政府信息公开申请提起行政复议、行政诉讼的情况")
    rev, lit = figs["rev"], figs["lit"]
    if rev or lit:
        blocks.append(f"本年度因政府信息公开申请提起行政复议{rev}件、行政诉讼{lit}件。")
    else:
        blocks.append("本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。")
    blocks.append("五、政府信息公开的收费及减免情况")
    blocks.append(f"本年度{ag['self']}未收取政府信息公开相关费用，也未发生减免情况。")
    blocks.append("六、存在的主要问题和改进措施")
    blocks.append(LEGACY_PROBLEMS[rng.randrange(len(LEGACY_PROBLEMS))].format(**fmt))
    if narrative:
        rec["legacy_indicators"].append({"label": "主动公开政府信息", "value": figs["pro"],
                                         "unit": "条", "period": "year"})
        rec["applications"]["new_received"] = {"total": recv}
        rec["reviews"]["review"] = {"total": rev}
        rec["reviews"]["litigation_unspecified"] = {"total": lit}
        blocks += _signature(ctx, ag, year)
        return blocks
    blocks.append("七、附表" if scheme != "national_2014" else "七、政府信息公开情况统计表")
    if scheme == "national_2014":
        table = _t_national(ctx.style)
        values = _national_values(rng, figs)
    else:
        heads = LOCAL_PERIOD_HEADERS[2] if scheme == "local_period" else \
            LOCAL_PERIOD_HEADERS[rng.randrange(2)]
        heads = tuple(h.format(year=year) for h in heads)
        table = _t_local(heads, rng.random() < 0.7)
        values = _local_values(rng, figs, scheme)
    blocks.append((table, _fill_legacy(ctx, table, values, rec)))
    blocks += _signature(ctx, ag, year)
    return blocks


# --------------------------------------------------------------------------------------
# Layouts. A table skeleton is rendered once per layout (with SLOT marks) and cached as
# fragments; a report's table is the fragments interleaved with its value texts.

def _cell_text(text: str) -> str:
    return text.replace("\n", "")


def _table_lines(rows: tuple, style: str, variant: bool) -> str:
    """One cell per line; style 'pipe' adds ' |' and filler rows, 'blank' blank lines."""
    out: list[str] = []
    add = out.append
    for row in rows:
        fill = 0
        last = row[-1][3]
        if style == "pipe" and variant and last and last[0] == "applications":
            # the value cells of a row on one line, the 总计 cell on the next (as scraped)
            for text, cs, _, k in row:
                if not k:
                    add(text + " |")
                    fill += cs - 1
            vals = [c[0] for c in row if c[3]]
            add(" | ".join(vals[:-1]) + " |")
            add(vals[-1] + " |" + (" " + "|" * fill if fill else ""))
            continue
        for text, cs, _, _ in row:
            if style == "pipe":
                add((text + " |") if text else "|")
                fill += cs - 1
            elif text:
                add(text)
                if style == "blank":
                    add("")
        if fill:
            add("|" * fill)
    return "\n".join(out) + "\n"


def _grid(rows: tuple) -> list[list]:
    """Expand spans: a rectangle of cells, spanned positions None."""
    width = max(sum(c[1] for c in row) for row in rows)
    grid: list[list] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for row in rows:
        line: list = [None] * width
        col = 0
        covered = {c for c, left in pending.items() if left > 0}
        for cell in row:
            while col in covered:
                col += 1
            if col >= width:
                break
            line[col] = cell
            if cell[2] > 1:
                for j in range(cell[1]):
                    pending[col + j] = cell[2]
            col += cell[1]
        for c in list(pending):
            pending[c] -= 1
            if pending[c] <= 0:
                del pending[c]
        grid.append(line)
    return grid


def _table_markdown(rows: tuple) -> str:
    out: list[str] = []
    for i, line in enumerate(_grid(rows)):
        out.append("| " + " | ".join((_cell_text(c[0]) if c else "") for c in line) + " |")
        if i == 0:
            out.append("|" + "---|" * len(line))
    return "\n".join(out) + "\n\n"


def _dwidth(s: str) -> int:
    """Display width: two columns for a CJK character (its GBK byte length, computed in C)."""
    return len(s.encode("gbk", "replace"))


def _table_pdftotext(rows: tuple, wrap: bool) -> str:
    """Whitespace columns as `pdftotext -layout` prints them (numbers right-aligned)."""
    grid = _grid(rows)
    ncol = len(grid[0])
    widths = [1] * ncol
    for line in grid:
        for c, cell in enumerate(line):
            if cell and cell[1] == 1:
                w = _dwidth(cell[0])
                if w > widths[c]:
                    widths[c] = min(w, 30)
    for c in range(ncol):   # room for numbers of a few digits
        widths[c] = max(widths[c], 4)
    starts = [0] * (ncol + 1)
    for c in range(ncol):
        starts[c + 1] = starts[c] + widths[c] + 3
    out = [""]
    for line in grid:
        parts, cont = [], []
        pos = 0
        for c, cell in enumerate(line):
            if cell is None:
                continue
            start = starts[c]
            text = _cell_text(cell[0])
            if wrap and not cell[3] and len(text) > 14 and c < 3:
                cont.append((start, text[12:]))
                text = text[:12]
            pad = start - pos
            if parts and pad < 2:
                pad = 2
            elif pad < 0:
                pad = 0
            w = _dwidth(text)
            if cell[3]:  # numbers right-aligned in their column
                room = starts[c + cell[1]] - start - 3 - w
                if room > 0:
                    pad += room
            parts.append(" " * pad + text)
            pos += pad + w
        out.append("".join(parts).rstrip())
        if cont:
            s, p = "", 0
            for start, text in cont:
                s += " " * max(start - p, 1) + text
                p = start + _dwidth(text)
            out.append(s.rstrip())
    return "\n".join(out) + "\n\n"


def _table_flat(rows: tuple) -> str:
    return "".join(c[0] for row in rows for c in row)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


TD_STYLES = (
    ' style="border: 1px solid #000000; padding: 2px;"',
    ' width="60" valign="center" style="border-width: 1px; border-style: solid;"',
    ' class="xl65"',
    "",
)
CELL_FORMS = (
    "<p>{}</p>",
    '<p style="text-align: center;"><span style="font-size: 14px;">{}</span></p>',
    '<p align="center"><span style="font-family: 仿宋_GB2312;">{}</span></p>',
    "<span>{}</span>",
)


def _table_html(rows: tuple, style: int, plain: bool) -> str:
    td_attr = TD_STYLES[style]
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse: collapse;">'
           "<tbody>"]
    n = 0
    for row in rows:
        tds = []
        for text, cs, rs, key in row:
            attrs = td_attr
            if cs > 1:
                attrs += f' colspan="{cs}"'
            if rs > 1:
                attrs += f' rowspan="{rs}"'
            n += 1
            if "\n" in text:
                inner = "".join(f"<p>{_esc(t)}</p>" for t in text.split("\n"))
            elif plain or not text:
                inner = f"<p>{_esc(text)}</p>" if text else "<p><br/></p>"
            else:
                inner = CELL_FORMS[(n * 7 + style) % 5 % 4].format(_esc(text))
            tds.append(f"<td{attrs}>{inner}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>\n")
    return "\n".join(out)


_FRAGMENTS: dict = {}


def _fragments(table: Table, layout: str, ctx: Ctx) -> list[str]:
    """The rendered skeleton of `table` in `layout`, split at its value slots (cached)."""
    if layout == "html":
        opts = (ctx.html_style, ctx.plain_cells)
    elif layout == "pipe":
        opts = ctx.layout_variant
    elif layout == "pdftotext":
        opts = "wrapped_labels" in ctx.hazards
    else:
        opts = None
    key = (table.key, layout, opts)
    frags = _FRAGMENTS.get(key)
    if frags is None:
        if layout in ("lines", "pipe", "blank"):
            text = _table_lines(table.rows, layout, bool(opts))
        elif layout == "markdown":
            text = _table_markdown(table.rows)
        elif layout == "pdftotext":
            text = _table_pdftotext(table.rows, bool(opts))
        elif layout == "flat":
            text = _table_flat(table.rows)
        else:
            text = _table_html(table.rows, *opts)
        frags = text.split(SLOT)
        assert len(frags) == len(table.slots) + 1
        _FRAGMENTS[key] = frags
    return frags


def _fill(frags: list[str], texts: list[str]) -> str:
    parts = [""] * (2 * len(texts) + 1)
    parts[0::2] = frags
    parts[1::2] = texts
    return "".join(parts)


def _fill_aligned(frags: list[str], texts: list[str]) -> str:
    """pdftotext: a number wider than its slot takes the spaces in front of it."""
    frags = list(frags)
    for i, t in enumerate(texts):
        extra = _dwidth(t) - 1
        if extra > 0:
            f = frags[i]
            stripped = f.rstrip(" ")
            spaces = len(f) - len(stripped)
            keep = 0 if (not stripped or stripped.endswith("\n")) else 2
            take = min(extra, spaces - keep)
            if take > 0:
                frags[i] = f[:-take]
    return _fill(frags, texts)


def _html_values(texts: list[str], ctx: Ctx) -> list[str]:
    """Word-pasted cells: a number split across <span>s, padding around it."""
    rng = ctx.rng
    out = []
    for t in texts:
        r = rng.random()
        if len(t) > 1 and r < 0.3:
            cut = rng.randrange(1, len(t))
            t = (f'<span style="font-family: 仿宋_GB2312;">{t[:cut]}</span>'
                 f'<span style="font-family: 仿宋_GB2312;">{t[cut:]}</span>')
        elif r > 0.9:     # padding around the number (it stays the cell's only digit run)
            t = f"&nbsp;<br/>{t}<br/>&nbsp;"
        out.append(t)
    return out


def _flat_uncertain(table: Table, texts: list[str]) -> set:
    """Rows whose run of digits does not split one way (left out of the record)."""
    out = set()
    for idx, next_digit in table.groups:
        vals = [texts[i] for i in idx]
        if all(len(t) == 1 and t.isdigit() for t in vals):
            continue      # one digit per cell: the split is certain
        if len(vals) == 1 and not next_digit:
            continue      # a lone number, and the next label does not start with a digit
        out.update(table.slots[i] for i in idx)
    return out


def _wrap40(text: str) -> list[str]:
    """A paragraph as a PDF body prints it: about 40 characters a line, first line indented."""
    return [("    " if i == 0 else "") + text[i:i + 40] for i in range(0, len(text), 40)]


def _render_text(blocks: list, ctx: Ctx, layout: str) -> tuple[str, set]:
    """Every layout but HTML; returns the text and the cells left uncertain (flat)."""
    out: list[str] = []
    add = out.append
    uncertain: set = set()
    para_end = {"lines": "\n", "pipe": "\n", "blank": "\n\n", "markdown": "\n\n",
                "flat": ""}.get(layout)
    for n, b in enumerate(blocks):
        if isinstance(b, str):
            if layout == "pdftotext":
                add(" " * 12 + b + "\n" if n == 0 else "\n".join(_wrap40(b)) + "\n")
            else:
                add(b + para_end)
            continue
        table, texts = b
        frags = _fragments(table, layout, ctx)
        if layout == "pdftotext":
            add(_fill_aligned(frags, texts))
        else:
            add(_fill(frags, texts))
            if layout == "flat":
                uncertain |= _flat_uncertain(table, texts)
    text = "".join(out)
    if layout == "pdftotext":    # pdftotext separates pages with a form feed
        lines = text.split("\n")
        for i in range(60, len(lines), 60):
            lines[i] = "\f" + lines[i]
        text = "\n".join(lines)
    return text, uncertain


HTML_NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本地", "专题专栏")


def _render_html(blocks: list, ctx: Ctx, ag: dict, year: int, charset: str) -> str:
    rng = ctx.rng
    title = blocks[0]
    body: list[str] = []
    add = body.append
    spans = "split_spans" in ctx.hazards
    for b in blocks[1:]:
        if isinstance(b, str):
            if rng.random() < 0.2 and len(b) > 20:   # Word-pasted paragraph with runs
                cut = rng.randrange(5, len(b) - 5)
                add(f'<p style="text-indent: 2em;"><span style="font-family: 仿宋;">{_esc(b[:cut])}'
                    f'</span><span style="font-family: 仿宋;">{_esc(b[cut:])}</span></p>\n')
            else:
                add(f'<p style="text-indent: 2em;">{_esc(b)}</p>\n')
            continue
        table, texts = b
        add(_fill(_fragments(table, "html", ctx), _html_values(texts, ctx) if spans else texts))
    nav = "".join(f'<li><a href="/{i}/">{t}</a></li>' for i, t in enumerate(HTML_NAV))
    host = f"www.{('gov', 'zw', 'xxgk')[rng.randrange(3)]}{rng.randint(10, 99)}.gov.cn"
    pub = f"{year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f"<title>{_esc(title)}_{_esc(ag['name'])}</title>\n"
        '<link rel="stylesheet" href="/css/common.css">\n'
        "<script type=\"text/javascript\">var _hmt = _hmt || []; (function(){var hm = "
        "document.createElement('script'); hm.src = '/js/stat.js'; "
        "if (1 < 2 && document.body) { document.body.appendChild(hm); }})();</script>\n"
        "<style>.TRS_Editor p{line-height:2em;} td{font-size:14px;}</style>\n"
        "</head>\n<body>\n"
        f'<div class="top"><ul class="nav">{nav}</ul></div>\n'
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> '
        '&gt; 政府信息公开年报</div>\n'
        f'<div class="article"><h1 class="title">{_esc(title)}</h1>\n'
        f'<div class="info">发布时间：{pub} 来源：{_esc(ag["name"])} 浏览次数：'
        f'<span id="hits">{rng.randint(10, 999)}</span></div>\n'
        '<div class="TRS_Editor">' + "".join(body) + "</div>\n</div>\n"
        '<div class="share">分享到：<a href="javascript:void(0)">微信</a> '
        '<a href="javascript:void(0)">微博</a> <a href="javascript:window.print()">打印本页</a> '
        '<a href="javascript:window.close()">关闭窗口</a></div>\n'
        f'<div class="footer"><p>主办单位：{_esc(ag["name"])}　网站标识码：{rng.randint(10**9, 10**10 - 1)}</p>'
        f'<p>ICP备{rng.randint(10**7, 10**8 - 1)}号　公网安备 {rng.randint(10**13, 10**14 - 1)}号</p>'
        f'<p>地址：{_esc("".join(ag["place"]))}　网址：{host}</p></div>\n'
        '<script src="/js/jquery.min.js"></script>\n'
        "<script>$(function(){ $('.nav li').hover(function(){ $(this).addClass('on'); }); "
        "if (window.location.href.indexOf('print') > 0) { window.print(); } });</script>\n"
        "</body>\n</html>\n"
    )


CHROME_TOP = (
    "首页 > 政务公开 > 政府信息公开 > 政府信息公开年报",
    "当前位置：首页 > 信息公开 > 年度报告",
    "【字体：大 中 小】 【打印本页】 【关闭窗口】",
)


def _chrome(rng: random.Random, ag: dict, year: int) -> tuple[str, str]:
    top = CHROME_TOP[rng.randrange(len(CHROME_TOP))] + "\n"
    if rng.random() < 0.5:
        top += (f"索引号：{rng.randint(10**8, 10**9 - 1)}/{year + 1}-{rng.randint(1, 999):05d}　"
                f"发布机构：{ag['name']}\n发布日期：{year + 1}-{rng.randint(1, 3):02d}-"
                f"{rng.randint(1, 28):02d}\n")
    bottom = ""
    if rng.random() < 0.6:
        bottom += "扫一扫在手机上查看当前页面\n"
    bottom += (f"主办单位：{ag['place'][-1] if len(ag['place']) > 1 else ag['place'][0]}人民政府办公室"
               f"　地址：{''.join(ag['place'])}\n"
               f"ICP备{rng.randint(10**7, 10**8 - 1)}号　政府网站标识码：{rng.randint(10**9, 10**10 - 1)}\n")
    if rng.random() < 0.4:
        bottom += "（建议使用谷歌、火狐等新版浏览器访问本网站）\n"
    return top, bottom


# --------------------------------------------------------------------------------------
# Reconciliation rules, as the parser must report them (docs/record.md, findings).

_NUMBER_TYPES = (int, float)


def _nums(values) -> bool:
    """True when every value is a number (a null or absent cell stops a rule)."""
    for v in values:
        if type(v) not in _NUMBER_TYPES:
            return False
    return True


def check_rules(record: dict) -> list[dict]:
    """Findings of the per-report rules over the printed cells of a record.

    A rule is checked only where every cell it needs is present and a number.
    """
    out: list[dict] = []
    apps = record.get("applications") or {}
    template = record.get("template")
    empty: dict = {}

    def f(rule, table, item, column, left, right, detail):
        out.append({"rule": rule, "table": table, "item": item, "column": column,
                    "left": left, "right": right, "detail": detail})

    if template in OUTCOME_ROWS:
        outcomes = OUTCOME_ROWS[template]
        flow = [apps.get(k, empty) for k in ("new_received", "carried_over", "total_processed",
                                              "carried_forward")]
        outcome_rows = [apps.get(k, empty) for k in outcomes]
        for col in APPLICANTS:
            cells = [r.get(col) for r in flow]
            if _nums(cells):
                a, b, c, d = cells
                if a + b != c + d:
                    f("flow_balance", "applications", None, col, a + b, c + d,
                      f"{a}+{b} != {c}+{d}")
            total = cells[2]
            parts = [r.get(col) for r in outcome_rows]
            if type(total) in _NUMBER_TYPES and _nums(parts) and total != sum(parts):
                f("outcome_sum", "applications", "total_processed", col, total, sum(parts),
                  f"{total} != " + "+".join(str(v) for v in parts))
    six_cols = APPLICANTS[:-1]
    for item, row in apps.items():
        total = row.get("total")
        if type(total) not in _NUMBER_TYPES:
            continue
        six = [row.get(c) for c in six_cols]
        if _nums(six) and total != sum(six):
            f("column_total", "applications", item, "total", total, sum(six),
              "+".join(str(v) for v in six) + f" != {total}")
    for proc, row in (record.get("reviews") or {}).items():
        total = row.get("total")
        if type(total) not in _NUMBER_TYPES:
            continue
        parts = [row.get(r) for r in RESULT_PARTS]
        if _nums(parts) and total != sum(parts):
            f("review_total", "reviews", proc, "total", total, sum(parts),
              f"{total} != " + "+".join(str(v) for v in parts))
    for table in ("applications", "reviews", "proactive"):
        for row, cols in (record.get(table) or {}).items():
            for col, v in cols.items():
                if type(v) in _NUMBER_TYPES and v < 0 and col not in SIGNED_MEASURES:
                    f("non_negative", table, row, col, v, 0, f"{v} < 0")
    return out


def _break(rng: random.Random, figures: dict, template: str) -> str:
    """Make the printed figures break one rule, as real reports do; returns the kind."""
    apps, revs = figures["applications"], figures["reviews"]
    kind = BREAK_KINDS[rng.randrange(len(BREAK_KINDS))]
    d = rng.choice((1, 1, 2, 5, -1))
    if kind == "column_total":
        item = rng.choice(("new_received", "granted", "total_processed", "unavailable_not_held"))
        apps[item]["total"] += abs(d)     # a total added up wrong
    elif kind == "flow_balance":
        # the carried-forward figure is written down wrong in one column and its total
        col = rng.choice(("natural_person", "natural_person", "commercial_enterprise"))
        apps["carried_forward"][col] += abs(d)
        apps["carried_forward"]["total"] += abs(d)
    elif kind == "outcome_sum":
        col = "natural_person"
        item = rng.choice(("granted", "unavailable_not_held", "partially_granted"))
        apps[item][col] += abs(d)
        apps[item]["total"] += abs(d)
    else:
        proc = rng.choice(GB_PROCEEDINGS)
        row = revs[proc]
        part = rng.choice(RESULT_PARTS)
        row[part] += abs(d)          # the total is not updated: 1+0+0+0 against 0
    return kind


# --------------------------------------------------------------------------------------
# One report.

def _choose(rng: random.Random, options: tuple, weights: tuple) -> str:
    return rng.choices(options, weights)[0]


def _prune(rec: dict, keys: set) -> None:
    """Leave uncertain cells out of the record (and what they map to)."""
    drop_inds = set()
    for key in list(keys):
        if key[0] == "legacy":
            drop_inds.add(key[1])
            if key[2]:
                keys.add(key[2])
    rec["legacy_indicators"] = [x for i, x in enumerate(rec["legacy_indicators"])
                                if i not in drop_inds]
    for key in keys:
        if key[0] == "legacy":
            continue
        table, row, col = key
        cells = rec[table].get(row)
        if cells is not None:
            cells.pop(col, None)
            if not cells:
                del rec[table][row]


HAZARD_RATES = {"subtotal_column": 0.04, "split_header": 0.3, "truncated_header": 0.08,
                "dropped_chars": 0.15, "duplicate_page": 0.05, "page_chrome": 0.35,
                "change_words": 0.3,
                "null_cells": 0.12, "missing_row": 0.05, "wrapped_labels": 0.5,
                "split_spans": 0.4, "crlf": 0.06, "cites_notice": 0.3}
LAYOUT_HAZARDS = {"wrapped_labels": ("pdftotext",), "split_spans": ("html",),
                  "split_header": ("lines", "pipe", "blank", "html"),
                  "truncated_header": ("lines", "pipe", "blank"),
                  "duplicate_page": ("lines", "pipe", "blank", "pdftotext"),
                  "page_chrome": ("lines", "pipe", "blank", "markdown", "pdftotext", "flat"),
                  "crlf": ("lines", "pipe", "blank", "markdown", "pdftotext", "flat"),
                  "null_cells": ("lines", "pipe", "blank", "markdown", "pdftotext", "html")}


def make_report(seed: int, index: int, *, template: str | None = None,
                legacy_scheme: str | None = None, layout: str | None = None,
                encoding: str | None = None, hazards: set[str] | frozenset | None = None,
                broken: bool | None = None, break_rate: float = 0.03,
                year: int | None = None, prefix: str = "") -> SyntheticReport:
    """The report number `index` of the run `seed`. Keyword arguments force a choice."""
    rng = random.Random(seed * 1_000_003 + index)
    template = template or _choose(rng, TEMPLATES, (0.33, 0.42, 0.25))
    if template == "legacy":
        scheme = legacy_scheme or _choose(rng, LEGACY_KINDS, (0.35, 0.1, 0.3, 0.25))
        if year is None:
            lo = 2014 if scheme == "national_2014" else 2008
            hi = 2013 if scheme in ("local_cumulative", "local_period") else 2018
            year = rng.randint(lo, hi)
    else:
        scheme = None
        if year is None:
            year = (rng.choice((2019, 2020, 2020, 2020, 2021, 2022)) if template == "gb2019"
                    else rng.randint(2021, 2025))
    layout = layout or _choose(rng, LAYOUTS, (0.17, 0.13, 0.13, 0.1, 0.12, 0.25, 0.1))
    if hazards is None:
        hazards = {h for h, p in HAZARD_RATES.items()
                   if layout in LAYOUT_HAZARDS.get(h, LAYOUTS) and rng.random() < p}
    hazards = {h for h in hazards if template in TEMPLATE_HAZARDS.get(h, TEMPLATES)}
    if broken is None:
        broken = template != "legacy" and layout != "flat" and rng.random() < break_rate
    if broken:   # a blank in a broken row would hide the break from every rule
        hazards.discard("null_cells")
    encoding = encoding or _choose(rng, ENCODINGS, (0.8, 0.04, 0.1, 0.06))

    ag = _agency(rng, year)
    scale = {"jurisdiction": 60.0, "agency": 12.0}[ag["scope"]]
    if "乡" in ag["name"] or "镇" in ag["name"] or "街道" in ag["name"]:
        scale = 2.0
    if layout == "flat":
        scale = min(scale, 3.0)   # flattened reports come from small bodies with small tables
    scale *= rng.uniform(0.2, 2.5)

    ctx = Ctx(rng, hazards, layout)
    rec: dict = {"applications": {}, "reviews": {}, "proactive": {}, "legacy_indicators": []}
    break_kind = None
    if template == "legacy":
        blocks = _legacy_document(ctx, ag, year, scheme, scale, rec)
    else:
        figures = {"applications": _applications(rng, template, scale),
                   "reviews": _reviews(rng, scale),
                   "proactive": _proactive(rng, template, scale)}
        if broken:
            break_kind = _break(rng, figures, template)
        blocks = _gb_document(ctx, ag, year, template, figures, rec)

    uncertain: set = set()
    if layout == "html":
        charset = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "gbk": "gb2312",
                   "gb18030": "gb18030"}[encoding]
        text = _render_html(blocks, ctx, ag, year, charset)
        ext = "html"
    else:
        text, uncertain = _render_text(blocks, ctx, layout)
        if "page_chrome" in hazards:
            top, bottom = _chrome(rng, ag, year)
            text = top + text + ("\n" if not text.endswith("\n") else "") + bottom
        if "duplicate_page" in hazards:
            text = text + text
        if "crlf" in hazards:
            text = text.replace("\n", "\r\n")
        ext = "md" if layout == "markdown" else "txt"
    if uncertain:
        _prune(rec, uncertain)

    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:          # a character GBK lacks: the page was saved as GB18030
        encoding = "gb18030"
        data = text.encode(encoding)
    name = f"{prefix}{index:06d}_{rng.getrandbits(32):08x}.{ext}"
    truth = {
        "source_file": name,
        "year": year,
        "template": template,
        "legacy_scheme": scheme,
        "agency_name": ag["name"],
        "report_scope": ag["scope"],
        # The place the agency belongs to, by name (as the corpus truth files give it); the
        # code is left to the region resolver and its own tests, never invented here.
        "region_hint": " ".join(ag["place"]),
        "region_code": None,
        "applications": rec["applications"],
        "reviews": rec["reviews"],
        "proactive": rec["proactive"],
        "legacy_indicators": rec["legacy_indicators"],
    }
    # Unbroken figures obey every rule by construction (nulls and left-out cells only stop
    # rules from being checked), so only a broken report needs the checker.
    truth["findings"] = check_rules(truth) if break_kind else []
    notes = [f"Synthetic ({layout} layout, {encoding})."]
    if hazards:
        notes.append("Hazards: " + ", ".join(sorted(hazards)) + ".")
    if uncertain:
        notes.append(f"{len(uncertain)} cells of flattened multi-digit rows left out as uncertain.")
    if break_kind:
        notes.append(f"Deliberately breaks {break_kind}; numbers kept as printed.")
    truth["notes"] = " ".join(notes)
    truth["synth"] = {"seed": seed, "index": index, "layout": layout, "encoding": encoding,
                      "hazards": sorted(hazards), "broken": break_kind}
    return SyntheticReport(name, data, truth)


def generate(n: int, seed: int, *, start: int = 0, break_rate: float = 0.03,
             prefix: str = "", **force) -> Iterator[SyntheticReport]:
    """Reports start .. start+n-1 of run `seed` (same seed, same bytes)."""
    for i in range(start, start + n):
        yield make_report(seed, i, break_rate=break_rate, prefix=prefix, **force)


# --------------------------------------------------------------------------------------
# Damaged files, for fuzzing: what a crawler also delivers. A parser must give each one
# record (parsed, partial or quarantined) and never raise; no truth is claimed for them.

CORRUPTIONS = ("truncated", "bit_flips", "lines_dropped", "nul_bytes", "utf16", "binary_pdf",
               "empty", "whitespace", "html_soup", "huge_line", "mislabelled_charset")


def corrupt(data: bytes, rng: random.Random, kind: str | None = None) -> tuple[bytes, str]:
    """A damaged copy of a report's bytes, and the kind of damage."""
    kind = kind or CORRUPTIONS[rng.randrange(len(CORRUPTIONS))]
    n = len(data)
    if kind == "truncated":              # often in the middle of a multi-byte character
        return data[:rng.randrange(1, max(2, n))], kind
    if kind == "bit_flips":
        b = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            i = rng.randrange(n)
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b), kind
    if kind == "lines_dropped":
        lines = data.split(b"\n")
        drop = {rng.randrange(len(lines))} | {i for i in range(len(lines)) if rng.random() < 0.2}
        return b"\n".join(ln for i, ln in enumerate(lines) if i not in drop), kind
    if kind == "nul_bytes":
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            b.insert(rng.randrange(len(b) + 1), 0)
        return bytes(b), kind
    if kind == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16"), kind
    if kind == "binary_pdf":
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.getrandbits(8) for _ in range(512)), kind
    if kind == "empty":
        return b"", kind
    if kind == "whitespace":
        return b" \r\n\t " * rng.randint(1, 50), kind
    if kind == "html_soup":              # unclosed tags, scripts with table-like text
        soup = (b"<html><body><script>document.write('<table><tr><td>1</td>');</script>"
                + b"<table>" * rng.randint(1, 200) + b"<tr><td rowspan=999999 colspan=-3>"
                + data[: n // 2] + b"<td><td><p><span>" * rng.randint(1, 200))
        return soup, kind
    if kind == "huge_line":
        return data[: n // 2] + b"0" * rng.randint(10_000, 200_000) + data[n // 2:], kind
    # mislabelled_charset: GBK bytes in a page that declares UTF-8 (or the other way round)
    try:
        text = data.decode("utf-8")
        return text.encode("gb18030"), kind
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace").encode("utf-8"), kind


# --------------------------------------------------------------------------------------
# Writing.

def _truth_json(truth: dict, pretty: bool) -> str:
    if pretty:
        return json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
    return json.dumps(truth, ensure_ascii=False, separators=(",", ":")) + "\n"


def _write_all(out_dir: Path, reports, pretty: bool) -> int:
    landing, truth_dir = out_dir / "landing", out_dir / "truth"
    landing.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for rep in reports:
        stem = rep.filename.rsplit(".", 1)[0]
        for path, data in ((landing / rep.filename, rep.data),
                           (truth_dir / f"{stem}.json",
                            _truth_json(rep.truth, pretty).encode("utf-8"))):
            fd = os.open(path, flags, 0o644)
            try:
                view = memoryview(data)
                while view:                  # os.write may write less than asked
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
        count += 1
    return count


def _write_slice(args: tuple) -> int:
    out_dir, start, n, seed, break_rate, prefix = args
    return _write_all(Path(out_dir), generate(n, seed, start=start, break_rate=break_rate,
                                              prefix=prefix), pretty=False)


def write(out_dir: str | os.PathLike, n: int, seed: int, *, break_rate: float = 0.03,
          prefix: str = "", jobs: int = 1) -> int:
    """Write n reports to out_dir/landing and their truth to out_dir/truth; returns n.

    With jobs > 1 the run is split into slices written by worker processes (jobs=0: one per
    CPU for large runs); the files are the same as with jobs=1 (every report has its own
    random stream).
    """
    out_dir = Path(out_dir)
    if jobs <= 0:   # automatic: worker processes only where they pay for their start-up
        jobs = (os.cpu_count() or 1) if n >= 2000 else 1
    if jobs <= 1 or n < 2 * jobs:
        return _write_all(out_dir, generate(n, seed, break_rate=break_rate, prefix=prefix),
                          pretty=False)
    import multiprocessing

    step = -(-n // (jobs * 4))
    slices = [(str(out_dir), s, min(step, n - s), seed, break_rate, prefix)
              for s in range(0, n, step)]
    (out_dir / "landing").mkdir(parents=True, exist_ok=True)
    (out_dir / "truth").mkdir(parents=True, exist_ok=True)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return sum(pool.map(_write_slice, slices))


# The bundled samples: every template and layout at least once, HTML, hazards, one report
# that breaks a rule. (template, legacy scheme, layout, encoding, hazards, broken)
SAMPLE_PLAN = (
    ("gb2019", None, "lines", "utf-8", {"split_header", "change_words", "page_chrome"}, False),
    ("gb2019", None, "pipe", "utf-8", {"split_header", "page_chrome"}, False),
    ("gb2019", None, "blank", "gbk", {"dropped_chars", "page_chrome"}, True),
    ("gb2019", None, "html", "utf-8", {"split_spans", "change_words"}, False),
    ("gb2019", None, "flat", "utf-8", {"cites_notice"}, False),
    ("gb2019", None, "pipe", "utf-8", {"truncated_header", "duplicate_page", "page_chrome"}, False),
    ("gb2021", None, "html", "gb18030", {"split_header", "null_cells"}, False),
    ("gb2021", None, "markdown", "utf-8", {"null_cells", "subtotal_column"}, False),
    ("gb2021", None, "pdftotext", "utf-8", {"wrapped_labels"}, False),
    ("gb2021", None, "flat", "utf-8-sig", set(), False),
    ("gb2021", None, "lines", "utf-8", {"missing_row", "page_chrome", "crlf", "cites_notice"},
     True),
    ("gb2021", None, "html", "utf-8", set(), True),
    ("legacy", "local_cumulative", "blank", "utf-8", {"page_chrome", "dropped_chars"}, False),
    ("legacy", "national_2014", "html", "gbk", set(), False),
    ("legacy", "national_2014", "pdftotext", "utf-8", set(), False),
    ("legacy", "local_period", "markdown", "utf-8", set(), False),
    ("legacy", "narrative_only", "lines", "utf-8", {"dropped_chars"}, False),
    ("legacy", "narrative_only", "html", "utf-8", set(), False),
)


def sample_reports(seed: int = SAMPLES_SEED) -> list[SyntheticReport]:
    out = []
    for i, (template, scheme, layout, enc, hazards, broken) in enumerate(SAMPLE_PLAN):
        out.append(make_report(seed, i, template=template, legacy_scheme=scheme, layout=layout,
                               encoding=enc, hazards=frozenset(hazards), broken=broken,
                               prefix="sample_"))
    return out


def write_samples(root: str | os.PathLike = SAMPLES_DIR) -> int:
    """Rewrite samples/landing and samples/truth (old files removed first)."""
    root = Path(root)
    for sub in ("landing", "truth"):
        d = root / sub
        if d.is_dir():
            for p in d.iterdir():
                if p.is_file():
                    p.unlink()
    return _write_all(root, sample_reports(), pretty=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m ingest.synth",
        description="Write synthetic annual reports (landing/) with their truth records (truth/).")
    ap.add_argument("--out", help="output folder (gets landing/ and truth/)")
    ap.add_argument("--n", type=int, default=100, help="number of reports (default 100)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--break-rate", type=float, default=0.03,
                    help="fraction of gb reports that break a reconciliation rule (default 0.03)")
    ap.add_argument("--jobs", type=int, default=0,
                    help="worker processes (default 0: one per CPU); the files do not depend on it")
    ap.add_argument("--samples", action="store_true",
                    help=f"rewrite the bundled samples in {SAMPLES_DIR}")
    args = ap.parse_args(argv)
    if args.samples:
        n = write_samples(Path(args.out) if args.out else SAMPLES_DIR)
        print(f"wrote {n} sample reports to {args.out or SAMPLES_DIR}")
        return 0
    if not args.out:
        ap.error("--out is required (or --samples)")
    if args.n < 0:
        ap.error("--n must be >= 0")
    t0 = time.perf_counter()
    n = write(args.out, args.n, args.seed, break_rate=args.break_rate, jobs=args.jobs)
    dt = time.perf_counter() - t0
    print(f"wrote {n} reports to {args.out} in {dt:.2f} s ({n / dt if dt else 0:.0f} reports/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
