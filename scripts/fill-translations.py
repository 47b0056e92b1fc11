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
    # App shell: login, role tabs, Me page (qml/pages, qml/RoleShell.qml).
    "用户名或密码错误，请重新输入。": "Wrong user name or password. Please try again.",
    "请填写用户名和密码。": "Please enter your user name and password.",
    "连接不上服务器。请检查网络和服务器地址，稍后再试。": "Cannot reach the server. Check the network and the server address, then try again.",
    "尝试次数过多，请 %n 分钟后再试。": ("Too many attempts. Try again in %n minute.", "Too many attempts. Try again in %n minutes."),
    "尝试次数过多，请 %n 秒后再试。": ("Too many attempts. Try again in %n second.", "Too many attempts. Try again in %n seconds."),
    "服务器繁忙，请 %n 秒后再试。": ("The server is busy. Try again in %n second.", "The server is busy. Try again in %n seconds."),
    "这个账号已停用，请联系管理员。": "This account is disabled. Please contact your administrator.",
    "服务器版本太旧，无法登录。请联系管理员升级服务器。": "The server is too old for this app. Ask your administrator to update the server.",
    "应用版本太旧，请先更新应用再登录。": "This app is too old. Please update it, then log in.",
    "请填写正确的服务器地址，例如 http://192.168.1.10:8470": "Enter a valid server address, e.g. http://192.168.1.10:8470",
    "登录没有成功，请稍后再试。": "Login did not succeed. Please try again later.",
    "用户名": "User name",
    "密码": "Password",
    "服务器地址": "Server address",
    "本机名称": "Device name",
    "正在登录…": "Logging in…",
    "登录": "Log in",
    "首次登录后，本机会记住账号，没有网络也能继续工作。": "After the first login this device remembers you and keeps working without a network.",
    "今日": "Today",
    "企业": "Enterprises",
    "隐患": "Hazards",
    "我的": "Me",
    "整改任务": "Tasks",
    "已完成": "Completed",
    "企业信息": "Company",
    "概览": "Overview",
    "地图": "Map",
    "检查员": "Inspectors",
    "设备": "Devices",
    "双随机": "Random",
    "检查人员": "Inspector",
    "企业安全员": "Enterprise safety officer",
    "监管人员": "Supervisor",
    "管理员": "Administrator",
    "还有 %n 条未同步记录，退出后将保留在本机，下次登录继续上传": (
        "%n record is not synced yet. It stays on this device and uploads after your next login.",
        "%n records are not synced yet. They stay on this device and upload after your next login."),
    "退出后需要重新登录才能同步。本机保存的数据不会删除。": "After logging out you must log in again to sync. Data saved on this device is kept.",
    "账号": "Account",
    "姓名": "Name",
    "角色": "Role",
    "执法证号": "Badge no.",
    "服务器未提供": "Not provided by the server",
    "同步": "Sync",
    "服务器": "Server",
    "待上传": "Pending",
    "%n 条": ("%n record", "%n records"),
    "语言 / Language": "Language / 语言",
    "退出登录": "Log out",
    "SafeLoop 版本 %1": "SafeLoop version %1",
    "退出登录？": "Log out?",
    "取消": "Cancel",
    "今日计划将在下一版本显示": "Today's plan arrives in the next version",
    "检查计划、逾期复查和未完成的草稿会列在这里。这一版本还不能开始检查；可先在“我的”确认账号、服务器和同步状态。": "Planned inspections, overdue re-inspections and unfinished drafts will be listed here. This version cannot start inspections yet; check your account, server and sync status under Me.",
    "已完成的整改尚未接入": "Completed rectifications are not available yet",
    "通过复查并销号的整改记录会在下一版本列在这里。": "Rectifications that passed re-inspection and were closed will be listed here in the next version.",
    "企业信息尚未接入": "Company details are not available yet",
    "下一版本会在这里显示本企业的名称、信用代码、地址和联系人。": "The next version shows your company's name, credit code, address and contacts here.",
    "概览尚未接入": "The overview is not available yet",
    "检查覆盖率、整改率和逾期数量的统计卡片将在下一版本显示，每张卡片都可查看明细。": "Tiles for inspection coverage, rectification rate and overdue hazards arrive in the next version; each opens its list.",
    "检查覆盖地图尚未接入": "The coverage map is not available yet",
    "下一版本会在地图上标出已检查和未检查的企业。": "The next version marks inspected and uninspected enterprises on a map.",
    "设备同步状态尚未接入": "Device sync health is not available yet",
    "各台设备的最近同步时间和待上传数量会在下一版本列在这里。": "Each device's last sync and pending records will be listed here in the next version.",
    "双随机抽取尚未接入": "Random selection is not available yet",
    "下一版本可在这里随机抽取检查对象和检查人员，并保留抽取记录。": "The next version draws enterprises and inspectors at random here and keeps a record of each draw.",
    "企业名录尚未接入": "The enterprise directory is not available yet",
    "下一版本会在这里按名称或信用代码搜索企业，并列出附近的企业。": "The next version searches enterprises by name or credit code here and lists those nearby.",
    "选择企业查看详情": "Select an enterprise to see its details",
    "选择一家企业后，这里显示它的信息和检查记录。": "Once you select an enterprise, its details and inspections appear here.",
    "隐患列表尚未接入": "The hazard list is not available yet",
    "辖区内未销号的隐患将在下一版本按整改期限排在这里，逾期的在最前。": "Open hazards in your area will be listed here by deadline in the next version, overdue first.",
    "选择隐患查看详情": "Select a hazard to see its details",
    "选择一条隐患后，这里显示照片、依据和整改进度。": "Once you select a hazard, its photos, legal basis and rectification progress appear here.",
    "整改任务尚未接入": "Rectification tasks are not available yet",
    "检查人员下达的整改任务将在下一版本按期限列在这里，逾期的在最前，并可提交整改照片。": "Tasks ordered by inspectors will be listed here by deadline in the next version, overdue first, with before/after photos to submit.",
    "选择任务查看详情": "Select a task to see its details",
    "选择一项任务后，这里显示问题、依据、照片和剩余天数。": "Once you select a task, the finding, legal basis, photos and days left appear here.",
    "检查员工作量尚未接入": "Inspector workload is not available yet",
    "每位检查员的检查次数和未结隐患将在下一版本列在这里。": "Each inspector's inspections and open hazards will be listed here in the next version.",
    "选择检查员查看详情": "Select an inspector to see details",
    "选择一位检查员后，这里显示其检查记录。": "Once you select an inspector, their inspections appear here.",
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
