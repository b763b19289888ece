"""The reports' prose: our own sentences, assembled from a few patterns per section."""
from __future__ import annotations

import random

from ingest.synth.tables import Ctx

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


def pick(rng: random.Random, seq, k: int) -> list:
    return rng.sample(seq, min(k, len(seq)))


def report_title(rng: random.Random, ag: dict, year: int) -> str:
    return f"{ag['title']}{year}年{'度' if rng.random() < 0.5 else ''}政府信息公开工作年度报告"


def intro(ctx: Ctx, ag: dict, year: int) -> list[str]:
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


def signature(ctx: Ctx, ag: dict, year: int) -> list[str]:
    rng = ctx.rng
    return [ag["name"], ctx.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))]
