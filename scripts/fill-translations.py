#!/usr/bin/env python3
"""Fills i18n/safeloop_en.ts from the English glossary below after `lupdate`.

Usage: cmake --build --preset ci --target safeloop_app_lupdate && scripts/fill-translations.py
Strings missing from the glossary are reported and left unfinished, so nothing ships half-done
silently.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

EN = {
    "SafeLoop 安全巡检": "SafeLoop Safety Inspection",
    "符合": "Pass",
    "不符合": "Fail",
    "不适用": "N/A",
    "上传中": "Uploading",
    "已上传": "On server",
    "待上传": "Pending",
    "精度未知": "Acc. unknown",
    "±%1 米": "±%1 m",
    "＋ 拍照": "+ Photo",
    "重大": "Major",
    "较大": "High",
    "一般": "General",
    "低": "Low",
    "未评级": "Not graded",
    "请在此处手写签名": "Sign here by hand",
    "清除": "Clear",
    "确认签名": "Confirm signature",
    "待整改": "Open",
    "整改中": "Rectifying",
    "待复查": "Awaiting re-check",
    "已退回": "Rejected",
    "已销号": "Verified",
    "已上报": "Escalated",
    "未知状态": "Unknown status",
    "%1 · 已逾期": "%1 · Overdue",
    "上次同步 %1": "Last sync %1",
    "尚未同步": "Never synced",
    "正在同步… %1%": "Syncing… %1%",
    "离线 · %n 条待上传，联网后自动同步": (
        "Offline · %n record waiting, syncs when connected",
        "Offline · %n records waiting, sync when connected"),
    "离线 · 数据已保存在本机": "Offline · everything is saved on this device",
    "同步未完成：%1": "Sync not finished: %1",
    "请稍后重试": "please try again later",
    "登录已过期，请重新登录以上传 %n 条记录": (
        "Your login has expired. Log in again to upload %n record",
        "Your login has expired. Log in again to upload %n records"),
    "%n 条待上传": ("%n record waiting", "%n records waiting"),
    "已全部同步": "All synced",
    "重试": "Retry",
    "重新登录": "Log in",
    "安全巡检": "Safety Inspection",
    "现场检查 · 隐患整改 · 离线可用": "On-site inspection · Hazard rectification · Works offline",
    "版本 %1": "Version %1",
    "找不到定位回放文件：%1": "Location replay file not found: %1",
    "无法打开定位回放": "Cannot open the location replay",
    "本设备没有可用的定位服务": "This device has no location service",
    "没有定位权限": "No permission to use location",
    "定位失败，请到开阔处再试": "No location fix. Move to open sky and try again",
    "签名为空，请先签名": "The signature is empty. Please sign first",
    "无法保存签名图片": "Cannot save the signature image",
    # Demo texts of the component gallery (tests/qml/tst_componentgallery.qml).
    "照片没有保存：存储空间已满。": "The photo was not saved: storage is full.",
    "清理空间": "Free up space",
    "企业负责人签名": "Signature of the enterprise's principal",
    "今天没有检查计划": "No inspections planned today",
    "到“企业”页搜索一家企业，开始一次检查。": "Search for an enterprise on the Enterprises tab to start an inspection.",
    "搜索企业": "Search enterprises",
    "没有指定签名图片的保存位置": "No place to save the signature image was given",
}


def main() -> int:
    path = Path(__file__).resolve().parent.parent / "i18n" / "safeloop_en.ts"
    tree = ET.parse(path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        english = EN.get(source)
        if english is None:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = english if isinstance(english, tuple) else (english, english)
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = english if isinstance(english, str) else english[-1]
    tree.write(path, encoding="utf-8", xml_declaration=True)
    text = path.read_text(encoding="utf-8").replace(
        "<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    path.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    for source in missing:
        print(f"untranslated: {source}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
