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
    "执法检查需要至少两名检查人员，请再添加一名持证检查人员。": "An enforcement inspection needs at least two inspectors; add another inspector with a badge.",
    "执法检查的每名检查人员都需要执法证号，有人尚未登记证号。": "Every inspector on an enforcement inspection needs a badge number; someone has none registered.",
    "完成检查需要企业负责人签名，或记录拒绝签名的情况。": "Finishing needs the enterprise representative's signature, or a note that they refused to sign.",
    "还有检查项未作答，请逐项选择符合、不符合或不适用。": "Some items are unanswered; choose Pass, Fail or N/A for each.",
    "本机的文书编号已用完，请联网同步领取新的编号后再完成。": "This device has no document numbers left; sync to receive new numbers, then finish.",
    "退回整改需要填写原因，企业会看到这条原因。": "Rejecting needs a reason; the enterprise will see it.",
    "整改期限不能早于今天。": "The deadline cannot be before today.",
    "还有必填内容未填写：%1": "A required field is empty: %1",
    "这次检查已经完成，不能再修改。": "This inspection is finished and cannot change.",
    "这条隐患当前的状态不允许这样操作。": "The hazard's current status does not allow this.",
    "您没有权限执行这项操作。": "You are not allowed to do this.",
    "请至少选择一张检查表。": "Choose at least one checklist.",
    "无法读取这张照片，请重新选择。": "This photo cannot be read; choose it again.",
    "开始检查": "Start inspection",
    "统一社会信用代码": "Credit code",
    "地址": "Address",
    "街道": "Street",
    "行业": "Industry",
    "主要负责人": "Principal",
    "联系人": "Contact",
    "电话": "Phone",
    "未销号隐患（%1）": "Open hazards (%1)",
    "没有未销号的隐患。": "No open hazards.",
    "检查记录（%1）": "Inspections (%1)",
    "还没有检查记录。": "No inspections yet.",
    "%1 · %2 · 隐患 %3 条": "%1 · %2 · %3 hazards",
    "已完成": "Finished",
    "草稿": "Draft",
    "搜索企业名称、信用代码或街道": "Search name, credit code or street",
    "按距离排序": "Nearest first",
    "未定位，按名称排序": "No location fix; sorted by name",
    "没有找到企业": "No enterprise found",
    "换一个关键词试试，或同步后再搜索。": "Try another word, or search again after a sync.",
    "%1 · %2 米": "%1 · %2 m",
    "没有待处理的隐患": "No hazards to handle",
    "检查中发现的隐患会按整改期限列在这里。": "Hazards found in inspections are listed here by deadline.",
    "【重大】%1": "[Major] %1",
    "期限 %1 · 已逾期 %2 天": "Due %1 · %2 days overdue",
    "期限 %1 · 剩 %2 天": "Due %1 · %2 days left",
    "选择照片": "Choose photo",
    "图片 (*.jpg *.jpeg *.png)": "Images (*.jpg *.jpeg *.png)",
    "记录隐患": "Record hazard",
    "取消": "Cancel",
    "保存隐患": "Save hazard",
    "隐患描述": "Description",
    "部位": "Place",
    "如：冲压二车间": "e.g. stamping shop 2",
    "隐患等级": "Level",
    "一般隐患": "General hazard",
    "重大隐患": "Major hazard",
    "类别": "Category",
    "如：设备设施": "e.g. equipment",
    "依据": "Legal basis",
    "整改措施": "Corrective measure",
    "整改期限（年-月-日）": "Deadline (YYYY-MM-DD)",
    "照片": "Photos",
    "已带入检查项的 %1 张照片": "%1 photos taken over from the item",
    "位置": "Location",
    "正在定位…（没有定位也可以保存）": "Locating… (you can save without a fix)",
    "%1，%2 · %3 · %4 · 来源 %5": "%1, %2 · %3 · %4 · source %5",
    "精度 %1 米": "accuracy %1 m",
    "精度未知": "accuracy unknown",
    "当前位置距企业登记地址约 %1 米（超过 500 米），可以继续，位置提示会随隐患一并记录。": "You are about %1 m from the enterprise's registered address (over 500 m). You can continue; the warning is recorded with the hazard.",
    "定位精度低于 50 米，可以继续，精度提示会随隐患一并记录。": "Location accuracy is worse than 50 m. You can continue; the warning is recorded with the hazard.",
    "现场检查": "Inspection",
    "已答 %1 / %2 项 · 隐患 %3 条": "%1 of %2 answered · %3 hazards",
    "知道了": "OK",
    "检查类型": "Kind",
    "计划检查": "Planned",
    "双随机抽查": "Random draw",
    "包保走访": "Baobao visit",
    "举报投诉核查": "Complaint",
    "专项检查": "Campaign",
    "整改复查": "Re-inspection",
    "检查方式": "Mode",
    "指导服务": "Guidance",
    "执法检查": "Enforcement",
    "执法检查需要至少两名持执法证的检查人员。": "Enforcement needs at least two inspectors with badges.",
    "同行检查人员": "Fellow inspectors",
    "%1（执法证 %2）": "%1 (badge %2)",
    "%1（无执法证号）": "%1 (no badge number)",
    "检查表（已按行业推荐）": "Checklists (suggested by industry)",
    "%1 · %2 项": "%1 · %2 items",
    "%1 %2/%3": "%1 %2/%3",
    "第 %1 / %2 项 · %3": "Item %1 of %2 · %3",
    "依据：%1": "Basis: %1",
    "不符合即构成重大事故隐患": "Failing this item is a major hazard",
    "备注（可不填）": "Note (optional)",
    "已记录隐患": "Hazard recorded",
    "上一项": "Previous",
    "下一项": "Next",
    "去签名": "To signatures",
    "完成检查并签名": "Finish and sign",
    "已答 %1 / %2 项，发现隐患 %3 条。": "%1 of %2 items answered, %3 hazards found.",
    "企业负责人签名：%1": "Enterprise representative signs: %1",
    "检查人员签名：%1": "Inspector signs: %1",
    "企业负责人拒绝签名时，在此记录情况": "If the representative refuses to sign, record it here",
    "完成检查，生成文书": "Finish and create documents",
    "返回检查表": "Back to checklist",
    "检查已完成。文书会在下次同步后上传，企业在同步后能看到整改要求。": "Inspection finished. The documents upload with the next sync; the enterprise sees the order after it syncs.",
    "现场检查记录 %1": "On-site inspection record %1",
    "打开或分享检查记录": "Open or share the record",
    "责令限期整改指令书 %1": "Rectification order %1",
    "打开或分享整改指令书": "Open or share the order",
    "部位：%1 · 期限：%2": "Place: %1 · deadline: %2",
    "整改前": "Before",
    "整改后（企业提交）": "After (from the enterprise)",
    "企业说明：%1": "Enterprise's note: %1",
    "企业没有填写说明。": "The enterprise left no note.",
    "复查意见；退回时必须写明原因": "Re-inspection note; a rejection needs a reason",
    "退回整改": "Reject",
    "复查合格，销号": "Verified, close",
    "数据尚未就绪，请重新登录。": "Data is not ready; sign in again.",
    "找不到这个检查项。": "This item cannot be found.",
    "请先开始一次检查。": "Start an inspection first.",
    "找不到这条隐患。": "This hazard cannot be found.",
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
