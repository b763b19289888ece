"""Agency names: normalisation across years and spellings, type and level."""
from __future__ import annotations

import pytest
from conftest import load_truth

from ingest.agencies import RENAMES, agency_level, agency_type, normalise_agency


@pytest.mark.parametrize("raw, norm", [
    ("厦门市 同安区城市管理局", "厦门市同安区城市管理局"),
    ("  天津市蓟州区人民政府\u3000", "天津市蓟州区人民政府"),
    ("ＸＸ县卫生健康局", "XX县卫生健康局"),                      # full-width letters
    ("南平市(延平区)财政局", "南平市（延平区）财政局"),
    ("平潭综合实验区管委会", "平潭综合实验区管理委员会"),
    ("平潭综合实验区管理委员会", "平潭综合实验区管理委员会"),
    ("赤门乡政府", "赤门乡人民政府"),
    ("天津市蓟州区政府", "天津市蓟州区人民政府"),
    ("同安区政府办公室", "同安区人民政府办公室"),
    ("鼓浪屿街道", "鼓浪屿街道办事处"),
    ("鼓浪屿街道办", "鼓浪屿街道办事处"),
    ("河北省科学技术厅", "河北省科学技术厅"),
])
def test_normalise_spelling(raw, norm):
    assert normalise_agency(raw) == norm


@pytest.mark.parametrize("old, new", [
    ("厦门市同安区卫生和计划生育局", "厦门市同安区卫生健康局"),
    ("河北省卫生和计划生育委员会", "河北省卫生健康委员会"),
    ("河北省国土资源厅", "河北省自然资源厅"),
    ("蓟县国土资源局", "蓟县自然资源局"),
    ("赛罕区安全生产监督管理局", "赛罕区应急管理局"),
    ("平潭县环境保护局", "平潭县生态环境局"),
    ("平潭县工商行政管理局", "平潭县市场监督管理局"),
    ("河北省农业厅", "河北省农业农村厅"),
    ("河北省科技厅", "河北省科学技术厅"),
    ("同安区发改局", "同安区发展和改革局"),
])
def test_renamed_department_keeps_one_name(old, new):
    assert normalise_agency(old) == new
    assert normalise_agency(new) == new          # idempotent on the current name


def test_rename_applies_to_the_end_of_the_name_only():
    # 农业局 inside a longer name is not the department of that name.
    assert normalise_agency("农业局机关服务中心") == "农业局机关服务中心"


def test_every_rename_target_is_stable():
    for old, new in RENAMES.items():
        assert normalise_agency("某县" + old) == "某县" + normalise_agency(new)
        assert normalise_agency("某县" + new) == "某县" + normalise_agency(new)


def test_same_body_across_years_in_the_dev_set(dev_dir):
    truth = load_truth(dev_dir)
    by_body: dict[str, set[str]] = {}
    for t in truth.values():
        by_body.setdefault(t["source_file"].split("_")[1] + t["source_file"].split("_")[2],
                           set()).add(normalise_agency(t["agency_name"]))
    assert by_body["hebeisti"] == {"河北省科学技术厅"}
    assert by_body["hebeiiit"] == {"河北省工业和信息化厅"}
    assert by_body["ptxzsp"] == {"平潭综合实验区行政审批局"}


@pytest.mark.parametrize("name, kind", [
    ("天津市蓟州区人民政府", "government"),
    ("天津市蓟州区政府", "government"),
    ("河北省人民政府", "government"),
    ("大兴安岭地区行政公署", "government"),
    ("赤门乡人民政府", "township"),
    ("赤门乡政府", "township"),
    ("城关镇人民政府", "township"),
    ("鼓浪屿街道办事处", "township"),
    ("鼓浪屿街道", "township"),
    ("平潭综合实验区管委会", "development_zone"),
    ("苏州工业园区管理委员会", "development_zone"),
    ("长春经济技术开发区管理委员会", "development_zone"),
    ("平潭综合实验区", "development_zone"),
    ("平潭综合实验区行政审批局", "department"),
    ("厦门市同安区城市管理局", "department"),
    ("河北省科学技术厅", "department"),
    ("同安区人民政府办公室", "department"),
    ("益阳市大通湖区政务中心", "department"),
    ("赛罕区应急管理局", "department"),
])
def test_agency_type(name, kind):
    assert agency_type(name) == kind


def test_agency_type_of_the_truth_files(seeds_dir, dev_dir):
    kinds = {t["agency_name"]: agency_type(t["agency_name"])
             for d in (seeds_dir, dev_dir) for t in load_truth(d).values()}
    assert kinds["赤门乡人民政府"] == "township"
    assert kinds["天津市蓟州区人民政府"] == "government"
    assert kinds["河北省科学技术厅"] == "department"
    assert set(kinds.values()) <= {"government", "department", "township", "development_zone"}


@pytest.mark.parametrize("code, level", [
    ("130000", "province"), ("350200", "prefecture"), ("350212", "county"),
    ("430971", "county"), ("350702202", "township"),
])
def test_agency_level(code, level):
    assert agency_level(code) == level


def test_agency_level_unknown():
    assert agency_level(None) is None
    assert agency_level("") is None
