<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CameraCapture</name>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="98" />
        <source>这台设备没有可用的相机。可以从相册选择照片。</source>
        <translation>This device has no camera available. You can choose a photo from the gallery.</translation>
    </message>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="107" />
        <source>从相册选择</source>
        <translation>Choose from gallery</translation>
    </message>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="121" />
        <source>拍照失败：%1</source>
        <translation>Taking the photo failed: %1</translation>
    </message>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="134" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="146" />
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="159" />
        <source>切换相机</source>
        <translation>Switch camera</translation>
    </message>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="177" />
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="186" />
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../qml/components/CameraCapture.qml" line="186" />
        <source>使用</source>
        <translation>Use photo</translation>
    </message>
</context>
<context>
    <name>CompletedPage</name>
    <message>
        <location filename="../qml/pages/enterprise/CompletedPage.qml" line="17" />
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/enterprise/CompletedPage.qml" line="35" />
        <source>%n 项隐患已整改销号</source>
        <translation><numerusform>%n hazard rectified and verified</numerusform><numerusform>%n hazards rectified and verified</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/CompletedPage.qml" line="42" />
        <source>还没有销号的隐患</source>
        <translation>No verified hazards yet</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/CompletedPage.qml" line="43" />
        <source>检查人员复查合格后，任务会移到这里，并注明销号日期和复查人员。</source>
        <translation>When an inspector accepts the rectification, the task moves here with the date and the inspector.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/CompletedPage.qml" line="70" />
        <source>【重大】%1</source>
        <translation>[Major] %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/CompletedPage.qml" line="82" />
        <source>%1 由 %2 复查销号</source>
        <translation>Verified %1 by %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/CompletedPage.qml" line="82" />
        <source>已销号</source>
        <translation>Verified</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../qml/components/DateField.qml" line="79" />
        <source>今天</source>
        <translation>today</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/DateField.qml" line="80" />
        <location filename="../qml/components/DateField.qml" line="150" />
        <source>%n 天后</source>
        <translation><numerusform>in %n day</numerusform><numerusform>in %n days</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/DateField.qml" line="80" />
        <source>%n 天前</source>
        <translation><numerusform>%n day ago</numerusform><numerusform>%n days ago</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="94" />
        <source>选择日期</source>
        <translation>Choose a date</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="94" />
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="164" />
        <source>上个月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="178" />
        <source>%1年%2月</source>
        <translation>%2/%1</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="189" />
        <source>下个月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="208" />
        <source>一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="208" />
        <source>二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="208" />
        <source>三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="208" />
        <source>四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="208" />
        <source>五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="208" />
        <source>六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../qml/components/DateField.qml" line="208" />
        <source>日</source>
        <translation>Sun</translation>
    </message>
</context>
<context>
    <name>DeviceStore</name>
    <message>
        <location filename="../app/devicestore.cpp" line="249" />
        <source>执法检查需要至少两名检查人员，请再添加一名持证检查人员。</source>
        <translation>An enforcement inspection needs at least two inspectors; add another inspector with a badge.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="252" />
        <source>执法检查的每名检查人员都需要执法证号，有人尚未登记证号。</source>
        <translation>Every inspector on an enforcement inspection needs a badge number; someone has none registered.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="255" />
        <source>完成检查需要企业负责人签名，或记录拒绝签名的情况。</source>
        <translation>Finishing needs the enterprise representative's signature, or a note that they refused to sign.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="258" />
        <source>执法检查需要两名检查人员分别签名：请第二名检查人员选择本人姓名后签名。</source>
        <translation>An enforcement inspection needs the signatures of two inspectors: the second inspector picks their name and signs.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="261" />
        <source>签名的检查人员不是本次检查的检查人员。</source>
        <translation>The signing inspector is not an inspector of this inspection.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="263" />
        <source>还有检查项未作答，请逐项选择符合、不符合或不适用。</source>
        <translation>Some items are unanswered; choose Pass, Fail or N/A for each.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="266" />
        <source>本机的文书编号已用完，请联网同步领取新的编号后再完成。</source>
        <translation>This device has no document numbers left; sync to receive new numbers, then finish.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="269" />
        <source>退回整改需要填写原因，企业会看到这条原因。</source>
        <translation>Rejecting needs a reason; the enterprise will see it.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="271" />
        <source>新的整改期限须是今天以后的日期。</source>
        <translation>The new deadline must be a day after today.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="273" />
        <source>整改期限不能早于今天。</source>
        <translation>The deadline cannot be before today.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="274" />
        <source>还有必填内容未填写：%1</source>
        <translation>A required field is empty: %1</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="276" />
        <source>这次检查已经完成，不能再修改。</source>
        <translation>This inspection is finished and cannot change.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="278" />
        <source>这条隐患当前的状态不允许这样操作。</source>
        <translation>The hazard's current status does not allow this.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="279" />
        <source>您没有权限执行这项操作。</source>
        <translation>You are not allowed to do this.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="280" />
        <source>请至少选择一张检查表。</source>
        <translation>Choose at least one checklist.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="282" />
        <source>无法读取这张照片，请重新选择。</source>
        <translation>This photo cannot be read; choose it again.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="284" />
        <source>提交整改需要至少一张整改后照片或一段整改说明，检查人员据此复查。</source>
        <translation>A submission needs at least one after-photo or a note; the inspector re-checks against it.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="286" />
        <source>完成日期不能晚于今天。</source>
        <translation>The completion date cannot be after today.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="288" />
        <source>完成日期格式不对，请按 年-月-日 填写。</source>
        <translation>The completion date is not valid; write it as year-month-day.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="290" />
        <source>整改资金请填写不小于 0 的金额（元），最多两位小数。</source>
        <translation>Enter the cost as an amount in yuan, 0 or more, with at most two decimals.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="292" />
        <source>内容过长：%1</source>
        <translation>Too long: %1</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="294" />
        <source>找不到这份文书的文件，它可能还没有在本设备生成或已被删除。</source>
        <translation>The document's file cannot be found: it may not have been made on this device, or it was deleted.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="297" />
        <source>这份文书的文件已损坏或不是 PDF，无法显示。</source>
        <translation>The document's file is damaged or not a PDF and cannot be shown.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="299" />
        <source>这份文书设有密码，无法在应用内显示。</source>
        <translation>The document is password protected and cannot be shown in the app.</translation>
    </message>
    <message>
        <location filename="../app/devicestore.cpp" line="300" />
        <source>这份文书没有这一页。</source>
        <translation>The document has no such page.</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="20" />
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="35" />
        <source>共 %n 台设备，</source>
        <translation><numerusform>%n device, </numerusform><numerusform>%n devices, </numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="35" />
        <source>%n 台超过 3 天未同步</source>
        <translation><numerusform>%n not synced for more than 3 days</numerusform><numerusform>%n not synced for more than 3 days</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="43" />
        <source>设备列表</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="50" />
        <source>还没有设备信息</source>
        <translation>No device information yet</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="51" />
        <source>同步后，这里列出全区每台设备的最近同步时间和待上传数量。</source>
        <translation>After a sync, every device of the district is listed here with its last sync and what it still has to send.</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="89" />
        <source>%1 · 版本 %2</source>
        <translation>%1 · version %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="89" />
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="97" />
        <source>⚠ 从未成功同步</source>
        <translation>⚠ Never synced successfully</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="97" />
        <source>⚠ %n 天未同步（最近一次 %1）</source>
        <translation><numerusform>⚠ Not synced for %n day(s) (last %1)</numerusform><numerusform>⚠ Not synced for %n day(s) (last %1)</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="97" />
        <source>最近同步 %1</source>
        <translation>Last sync %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="104" />
        <source>待上传：%n 条记录，</source>
        <translation><numerusform>To send: %n record, </numerusform><numerusform>To send: %n records, </numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="104" />
        <source>%n 张照片</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="113" />
        <source>⚠ 同步出错，该设备提示：“%1”</source>
        <translation>⚠ Sync fails; the device says: “%1”</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="113" />
        <source>⚠ 同步出错（该设备的应用版本未说明原因，详情见下）</source>
        <translation>⚠ Sync fails (this device's app version does not say why; details below)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DevicesPage.qml" line="121" />
        <source>详情：%1</source>
        <translation>Details: %1</translation>
    </message>
</context>
<context>
    <name>DocumentCard</name>
    <message>
        <location filename="../qml/components/DocumentCard.qml" line="18" />
        <source>查看全文</source>
        <translation>View all</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentCard.qml" line="73" />
        <source>%1（共 %2 页）</source>
        <translation>%1 (%2 pages)</translation>
    </message>
</context>
<context>
    <name>DocumentPage</name>
    <message>
        <location filename="../qml/pages/DocumentPage.qml" line="22" />
        <source>文书</source>
        <translation>Document</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="116" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="199" />
        <source>第 %1 页无法显示</source>
        <translation>Page %1 cannot be shown</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="199" />
        <source>正在显示第 %1 页…</source>
        <translation>Showing page %1…</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="252" />
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="270" />
        <source>正在打开文书…</source>
        <translation>Opening the document…</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="282" />
        <source>没有要显示的文书</source>
        <translation>No document to show</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="282" />
        <source>无法显示这份文书</source>
        <translation>This document cannot be shown</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="284" />
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="303" />
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="313" />
        <source>适合宽度 (%1%)</source>
        <translation>Fit width (%1%)</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="313" />
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../qml/components/DocumentViewer.qml" line="323" />
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
</context>
<context>
    <name>DrawsPage</name>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="24" />
        <source>双随机</source>
        <translation>Random</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="57" />
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="223" />
        <source>登记回避</source>
        <translation>Record a conflict</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="63" />
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="74" />
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="77" />
        <source>企业（名称或统一社会信用代码）</source>
        <translation>Enterprise (name or credit code)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="85" />
        <source>输入企业名称查找</source>
        <translation>Type a name to search</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="102" />
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="110" />
        <source>回避原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="119" />
        <source>如：近亲属在该企业任职</source>
        <translation>e.g. a close relative works there</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="133" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="142" />
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="157" />
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="266" />
        <source>撤销回避</source>
        <translation>Withdraw the conflict of interest</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="170" />
        <source>撤销后，%1 可以再被抽中检查 %2。撤销记录保留在服务器上。</source>
        <translation>Once withdrawn, %1 can be drawn to inspect %2 again. The withdrawal stays on record on the server.</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="182" />
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="374" />
        <source>下达检查计划</source>
        <translation>Issue as planned inspections</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="191" />
        <source>将为抽中的 %n 家企业各下达一项检查计划，派给抽中的两名检查人员。他们的设备同步后，在“今日”的计划检查中看到。</source>
        <translation><numerusform>A planned inspection will be issued for the %n drawn enterprise, assigned to its two drawn inspectors. They see it under Today's planned inspections after their devices sync.</numerusform><numerusform>A planned inspection will be issued for each of the %n drawn enterprises, assigned to their two drawn inspectors. They see them under Today's planned inspections after their devices sync.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="217" />
        <source>回避（%n 条）</source>
        <translation><numerusform>Conflicts of interest (%n)</numerusform><numerusform>Conflicts of interest (%n)</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="232" />
        <source>与企业有利害关系的检查人员不会被抽中检查该企业。</source>
        <translation>An inspector with a conflict of interest is never drawn to inspect that enterprise.</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="251" />
        <source>%1 回避 %2</source>
        <translation>%1 must not inspect %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="258" />
        <source>%1 · 登记于 %2</source>
        <translation>%1 · recorded on %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="279" />
        <source>抽查范围（不选即全部街道）</source>
        <translation>Streets to draw from (none ticked = all streets)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="307" />
        <source>抽取企业数</source>
        <translation>Enterprises to draw</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="322" />
        <source>重大、较大风险企业必查</source>
        <translation>Always include major and high-risk enterprises</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="327" />
        <source>随机种子（公开，可复核）</source>
        <translation>Random seed (published, re-runnable)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="347" />
        <source>开始抽取</source>
        <translation>Draw</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="358" />
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="363" />
        <source>双随机抽查结果</source>
        <translation>Random draw</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="364" />
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="364" />
        <source>导出失败：无法写入 %1</source>
        <translation>Export failed: cannot write to %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="374" />
        <source>已下达检查计划</source>
        <translation>Issued as planned inspections</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="386" />
        <source>有计划未能下达：%1</source>
        <translation>Some plans were not issued: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="392" />
        <source>已下达 %n 项检查计划，检查人员同步后可见。</source>
        <translation><numerusform>%n planned inspection issued; the inspectors see it after their sync.</numerusform><numerusform>%n planned inspections issued; the inspectors see them after their sync.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="407" />
        <source>种子 %1：从 %2 家企业中抽取，共 %3 家（含必查）</source>
        <translation>Seed %1: drawn from %2 enterprises, %3 in all (including mandatory ones)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="428" />
        <source>%1. %2%3</source>
        <translation>%1. %2%3</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="428" />
        <source>（必查）</source>
        <translation> (mandatory)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="435" />
        <source>%1 · 检查人员：%2、%3</source>
        <translation>%1 · inspectors: %2, %3</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/DrawsPage.qml" line="446" />
        <source>抽取结果请导出后按程序公示。</source>
        <translation>Export the draw and publish it as the procedure requires.</translation>
    </message>
</context>
<context>
    <name>EnterpriseInfoPage</name>
    <message>
        <location filename="../qml/pages/enterprise/EnterpriseInfoPage.qml" line="13" />
        <source>企业信息</source>
        <translation>Company</translation>
    </message>
</context>
<context>
    <name>EnterprisePage</name>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="42" />
        <source>企业详情</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="56" />
        <source>开始检查</source>
        <translation>Start inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="95" />
        <source>统一社会信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="96" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="97" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="98" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="99" />
        <source>主要负责人</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="100" />
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="101" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="127" />
        <source>未销号隐患（%1）</source>
        <translation>Open hazards (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="133" />
        <source>没有未销号的隐患。</source>
        <translation>No open hazards.</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="148" />
        <source>企业自查（%1）</source>
        <translation>Self-checks (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="155" />
        <source>企业还没有自查记录。</source>
        <translation>The enterprise has no self-check on record yet.</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="170" />
        <source>%1 · %2 · 发现隐患 %3 条，未销号 %4 条</source>
        <translation>%1 · %2 · %3 hazards found, %4 not closed</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="171" />
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="182" />
        <source>检查记录（%1）</source>
        <translation>Inspections (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="189" />
        <source>还没有检查记录。</source>
        <translation>No inspections yet.</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="189" />
        <source>还没有收到检查文书，检查结束并同步后显示在这里。</source>
        <translation>No documents received yet; they appear here once an inspection is finished and synced.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/EnterprisePage.qml" line="202" />
        <source>%1 · %2 · 隐患 %n 条</source>
        <translation><numerusform>%1 · %2 · %n hazard</numerusform><numerusform>%1 · %2 · %n hazards</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="216" />
        <source>检查文书（%1）</source>
        <translation>Inspection documents (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="223" />
        <source>本机还没有这家企业的检查文书，检查结束并同步后显示在这里。</source>
        <translation>This device holds no documents of this enterprise yet; they appear here once an inspection is finished and synced.</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="171" />
        <location filename="../qml/pages/EnterprisePage.qml" line="203" />
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterprisePage.qml" line="203" />
        <source>草稿，点此继续</source>
        <translation>draft, tap to continue</translation>
    </message>
</context>
<context>
    <name>EnterpriseSearchPage</name>
    <message>
        <location filename="../qml/pages/EnterpriseSearchPage.qml" line="45" />
        <source>搜索企业名称、信用代码或街道</source>
        <translation>Search name, credit code or street</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterpriseSearchPage.qml" line="50" />
        <source>未定位，按名称排序</source>
        <translation>No location fix; sorted by name</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterpriseSearchPage.qml" line="50" />
        <source>按距离排序，最近的在前</source>
        <translation>Nearest first</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterpriseSearchPage.qml" line="58" />
        <source>没有找到企业</source>
        <translation>No enterprise found</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterpriseSearchPage.qml" line="58" />
        <source>本机还没有企业名录</source>
        <translation>No enterprises on this device yet</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterpriseSearchPage.qml" line="59" />
        <source>换一个关键词试试，或同步后再搜索。</source>
        <translation>Try another word, or search again after a sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterpriseSearchPage.qml" line="60" />
        <source>登录并同步后，辖区内的企业会出现在这里。</source>
        <translation>After you log in and sync, the enterprises in your area appear here.</translation>
    </message>
    <message>
        <location filename="../qml/pages/EnterpriseSearchPage.qml" line="98" />
        <source>%1 · %2 米</source>
        <translation>%1 · %2 m</translation>
    </message>
</context>
<context>
    <name>EnterprisesPage</name>
    <message>
        <location filename="../qml/pages/inspector/EnterprisesPage.qml" line="31" />
        <source>企业</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/EnterprisesPage.qml" line="70" />
        <source>选择一家企业后，这里显示它的信息、未销号隐患和检查记录，并可开始检查。</source>
        <translation>Once you select an enterprise, its details, open hazards and inspections appear here, and you can start an inspection.</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/EnterprisesPage.qml" line="69" />
        <source>选择企业查看详情</source>
        <translation>Select an enterprise to see its details</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <location filename="../qml/components/ExportButton.qml" line="17" />
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportButton.qml" line="19" />
        <source>列表</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportButton.qml" line="36" />
        <source>导出失败：无法写入 %1</source>
        <translation>Export failed: cannot write to %1</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportButton.qml" line="36" />
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportButton.qml" line="50" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>HazardDetailPage</name>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="67" />
        <source>发现隐患</source>
        <translation>Hazard found</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="68" />
        <source>下达整改指令</source>
        <translation>Rectification order issued</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="69" />
        <source>企业提交整改</source>
        <translation>Enterprise submitted evidence</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="70" />
        <source>复查不合格，退回整改</source>
        <translation>Re-inspection failed, sent back</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="71" />
        <source>复查合格，销号</source>
        <translation>Verified, close</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="72" />
        <source>上报处理</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="233" />
        <source>整改复查</source>
        <translation>Re-inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="92" />
        <source>◷ 整改材料仅在本设备上，下次同步时发送给检查人员。</source>
        <translation>◷ The evidence is only on this device; it goes to the inspector at the next sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="93" />
        <source>✓ 整改材料已送达服务器，检查人员同步后复查。</source>
        <translation>✓ The evidence is on the server; the inspector re-checks it after syncing.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="94" />
        <source>检查人员已复查：不合格，请按退回原因重新整改后再提交。</source>
        <translation>Re-checked and rejected: rectify again as the reason says, then submit again.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="95" />
        <source>检查人员已复查合格，隐患已销号。</source>
        <translation>Re-checked and accepted: the hazard is closed.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="100" />
        <source>整改资金 %1 元</source>
        <translation>Cost: %1 yuan</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="104" />
        <source>◷ 待上传</source>
        <translation>◷ Waiting to upload</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="107" />
        <source>✓ 已同步</source>
        <translation>✓ Synced</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="113" />
        <source>整改期限：%1 · 已销号</source>
        <translation>Deadline: %1 · closed</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="117" />
        <source>整改期限：%1 · 今天到期</source>
        <translation>Deadline: %1 · due today</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="123" />
        <source>没有 GPS 定位。</source>
        <translation>No GPS fix.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="124" />
        <source>GPS：%1, %2</source>
        <translation>GPS: %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="126" />
        <source>精度 ±%1 米</source>
        <translation>accuracy ±%1 m</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="128" />
        <source>精度未知</source>
        <translation>Acc. unknown</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="130" />
        <source>距企业 %1 米</source>
        <translation>%1 m from the enterprise</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="140" />
        <source>隐患已修改。完成检查并同步后，企业看到修改后的内容。</source>
        <translation>Hazard changed. The enterprise sees the change after you finish the inspection and sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="144" />
        <source>期限已延至 %1。企业在下次同步后看到新期限。</source>
        <translation>Deadline extended to %1. The enterprise sees it after the next sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="153" />
        <source>隐患详情</source>
        <translation>Hazard</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/HazardDetailPage.qml" line="180" />
        <source>+%n 天</source>
        <translation><numerusform>+%n day</numerusform><numerusform>+%n days</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="197" />
        <source>修改隐患</source>
        <translation>Edit hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="208" />
        <source>取消延期</source>
        <translation>Keep deadline</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="208" />
        <source>延长期限</source>
        <translation>Extend deadline</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="223" />
        <source>重新提交整改</source>
        <translation>Submit again</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="223" />
        <source>提交整改</source>
        <translation>Submit rectification</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="266" />
        <source>正在读取隐患…</source>
        <translation>Reading the hazard…</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="267" />
        <source>这条隐患不在本设备上时，同步后会显示。</source>
        <translation>If this hazard is not on this device yet, it appears after a sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="303" />
        <source>重大隐患</source>
        <translation>Major hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="303" />
        <source>一般隐患</source>
        <translation>General hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="340" />
        <source>复查不合格，退回原因：%1</source>
        <translation>Rejected at re-inspection: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="372" />
        <source>隐患描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="386" />
        <location filename="../qml/pages/HazardDetailPage.qml" line="441" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="404" />
        <source>重大事故隐患</source>
        <translation>Major hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="413" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="426" />
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="441" />
        <source>未分类</source>
        <translation>Uncategorised</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="379" />
        <location filename="../qml/pages/HazardDetailPage.qml" line="442" />
        <source>部位</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="443" />
        <source>依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="393" />
        <location filename="../qml/pages/HazardDetailPage.qml" line="444" />
        <source>整改措施</source>
        <translation>Corrective measure</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="445" />
        <source>检查项</source>
        <translation>Checklist item</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="485" />
        <source>所属企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="575" />
        <source>查看指令书</source>
        <translation>View the order</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="581" />
        <source>责令限期整改指令书 %1</source>
        <translation>Rectification order %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="640" />
        <source>⚠ 定位精度差于 %1 米，位置仅供参考。</source>
        <translation>⚠ GPS accuracy worse than %1 m; the position is approximate.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="641" />
        <source>⚠ 定位距企业登记地址超过 %1 米，请核实现场。</source>
        <translation>⚠ More than %1 m from the enterprise's registered address; check the site.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/HazardDetailPage.qml" line="651" />
        <source>整改前（%n 张）</source>
        <translation><numerusform>Before (%n photo)</numerusform><numerusform>Before (%n photos)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/HazardDetailPage.qml" line="666" />
        <source>整改后（企业提交，%n 张）</source>
        <translation><numerusform>After (submitted by the enterprise, %n photo)</numerusform><numerusform>After (submitted by the enterprise, %n photos)</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="491" />
        <source>企业不在本设备上</source>
        <translation>Enterprise not on this device</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="105" />
        <source>⚠ 合并时有冲突，请核对内容</source>
        <translation>⚠ A merge conflict: check the values</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/HazardDetailPage.qml" line="115" />
        <source>整改期限：%1 · 已逾期 %n 天</source>
        <translation><numerusform>Deadline: %1 · %n day overdue</numerusform><numerusform>Deadline: %1 · %n days overdue</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/HazardDetailPage.qml" line="118" />
        <source>整改期限：%1 · 剩 %n 天</source>
        <translation><numerusform>Deadline: %1 · %n day left</numerusform><numerusform>Deadline: %1 · %n days left</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="445" />
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="519" />
        <source>来源检查</source>
        <translation>Found in inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="526" />
        <source>检查记录不在本设备上</source>
        <translation>Inspection not on this device</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="526" />
        <source>不是在检查中发现的</source>
        <translation>Not found in an inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="527" />
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="529" />
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="529" />
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="543" />
        <source>责令限期整改指令书</source>
        <translation>Rectification order</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="543" />
        <location filename="../qml/pages/HazardDetailPage.qml" line="594" />
        <source>安全检查指导意见</source>
        <translation>Safety inspection guidance opinion</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="552" />
        <source>本设备尚未收到指令书</source>
        <translation>No order has reached this device yet</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="553" />
        <source>指导服务不下达指令书，指导意见不编号</source>
        <translation>Guidance issues no order; the guidance opinion has no number</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="554" />
        <source>已在检查时出具，本设备没有副本</source>
        <translation>Issued at the inspection; no copy on this device</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="556" />
        <source>由检查人员出具，本设备没有副本</source>
        <translation>Issued by the inspector; no copy on this device</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="557" />
        <source>检查完成签名后出具</source>
        <translation>Issued when the inspection is signed and finished</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="565" />
        <source>指令书文件尚未下载，联网同步后可在此查看</source>
        <translation>The order's file is not downloaded yet; after a sync it opens here</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="588" />
        <source>查看指导意见</source>
        <translation>View the guidance opinion</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="601" />
        <source>查看复查意见书</source>
        <translation>View the re-inspection opinion</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="607" />
        <source>整改复查意见书 %1</source>
        <translation>Re-inspection opinion %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="616" />
        <source>现场定位</source>
        <translation>Location on site</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="667" />
        <source>整改后：企业尚未提交整改。</source>
        <translation>After: the enterprise has not submitted evidence yet.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="684" />
        <source>企业说明：%1</source>
        <translation>Enterprise's note: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="703" />
        <source>整改过程</source>
        <translation>Rectification history</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="768" />
        <source>指令书 %1</source>
        <translation>Order %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="776" />
        <source>退回原因：%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="783" />
        <source>完成于 %1</source>
        <translation>Completed %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="784" />
        <source>责任人 %1</source>
        <translation>Responsible: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/HazardDetailPage.qml" line="793" />
        <source>%n 张照片</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="805" />
        <source>评论（%1）</source>
        <translation>Comments (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardDetailPage.qml" line="811" />
        <source>没有评论。</source>
        <translation>No comments.</translation>
    </message>
</context>
<context>
    <name>HazardListPage</name>
    <message numerus="yes">
        <location filename="../qml/pages/HazardListPage.qml" line="39" />
        <source>%n 条未销号，逾期的在前</source>
        <translation><numerusform>%n open hazard, overdue first</numerusform><numerusform>%n open hazards, overdue first</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardListPage.qml" line="46" />
        <source>没有待处理的隐患</source>
        <translation>No hazards to handle</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardListPage.qml" line="47" />
        <source>检查中发现的隐患会按整改期限列在这里。</source>
        <translation>Hazards found in inspections are listed here by deadline.</translation>
    </message>
</context>
<context>
    <name>HazardRow</name>
    <message>
        <location filename="../qml/components/HazardRow.qml" line="37" />
        <source>【重大】%1</source>
        <translation>[Major] %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/HazardRow.qml" line="55" />
        <source>已提交 %n 天，等待复查</source>
        <translation><numerusform>Submitted %n day ago, awaiting re-inspection</numerusform><numerusform>Submitted %n days ago, awaiting re-inspection</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/HazardRow.qml" line="57" />
        <source>待复查 · 企业已提交 %n 天 · 复查已超期</source>
        <translation><numerusform>To re-inspect · submitted %n day ago · re-inspection late</numerusform><numerusform>To re-inspect · submitted %n days ago · re-inspection late</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/HazardRow.qml" line="58" />
        <source>待复查 · 企业已提交 %n 天</source>
        <translation><numerusform>To re-inspect · submitted %n day ago</numerusform><numerusform>To re-inspect · submitted %n days ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/HazardRow.qml" line="60" />
        <source>期限 %1 · 已逾期 %n 天</source>
        <translation><numerusform>Due %1 · %n day overdue</numerusform><numerusform>Due %1 · %n days overdue</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/HazardRow.qml" line="61" />
        <source>期限 %1 · 剩 %n 天</source>
        <translation><numerusform>Due %1 · %n day left</numerusform><numerusform>Due %1 · %n days left</numerusform></translation>
    </message>
</context>
<context>
    <name>HazardSheet</name>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="83" />
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="84" />
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="116" />
        <source>记录隐患</source>
        <translation>Record hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="128" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="137" />
        <source>保存隐患</source>
        <translation>Save hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="180" />
        <source>当前位置距企业登记地址约 %1 米（超过 %2 米），可以继续，位置提示会随隐患一并记录。</source>
        <translation>You are about %1 m from the enterprise's registered address (over %2 m). You can continue; the warning is recorded with the hazard.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="181" />
        <source>定位精度低于 %1 米，可以继续，精度提示会随隐患一并记录。</source>
        <translation>Location accuracy is worse than %1 m. You can continue; the warning is recorded with the hazard.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="183" />
        <source>隐患描述（现场发现的问题）</source>
        <translation>Hazard description (what was found on site)</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="198" />
        <source>整改指令书会写明这段描述。请写清现场发现了什么（例如“二车间配电箱未设置警示标志”），核对后勾选下面一项，或直接修改。</source>
        <translation>The rectification order prints this description. Write what was found on site (e.g. "no warning sign on the distribution box in workshop 2"); check it and tick below, or edit it.</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="205" />
        <source>已核对：描述写的是现场发现的问题</source>
        <translation>Checked: the description states what was found on site</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="271" />
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/HazardSheet.qml" line="290" />
        <source>已带入检查项的 %n 张照片</source>
        <translation><numerusform>%n photo from the checklist item</numerusform><numerusform>%n photos from the checklist item</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="207" />
        <source>部位</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="221" />
        <source>如：冲压二车间</source>
        <translation>e.g. stamping shop 2</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="221" />
        <source>选择本企业用过的部位，或输入</source>
        <translation>Pick a place used at this enterprise, or type one</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="226" />
        <source>隐患等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="232" />
        <source>一般隐患</source>
        <translation>General hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="232" />
        <source>重大隐患</source>
        <translation>Major hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="235" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="244" />
        <source>依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="264" />
        <source>整改措施</source>
        <translation>Corrective measure</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="279" />
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="160" />
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="166" />
        <source>正在定位…（没有定位也可以保存）</source>
        <translation>Locating… (you can save without a fix)</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="167" />
        <source>%1，%2 · %3 · %4 · 来源 %5</source>
        <translation>%1, %2 · %3 · %4 · source %5</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="169" />
        <source>精度 %1 米</source>
        <translation>accuracy %1 m</translation>
    </message>
    <message>
        <location filename="../qml/pages/HazardSheet.qml" line="169" />
        <source>精度未知</source>
        <translation>Acc. unknown</translation>
    </message>
</context>
<context>
    <name>HazardsPage</name>
    <message>
        <location filename="../qml/pages/inspector/HazardsPage.qml" line="31" />
        <source>隐患</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/HazardsPage.qml" line="71" />
        <source>选择一条隐患后，这里显示照片、依据和整改过程；企业提交整改后可从这里复查。</source>
        <translation>Once you select a hazard, its photos, legal basis and history appear here; re-inspect from here after the enterprise submits its rectification.</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/HazardsPage.qml" line="70" />
        <source>选择隐患查看详情</source>
        <translation>Select a hazard to see its details</translation>
    </message>
</context>
<context>
    <name>InspectionDocumentList</name>
    <message>
        <location filename="../qml/components/InspectionDocumentList.qml" line="32" />
        <source>现场检查记录</source>
        <translation>On-site inspection record</translation>
    </message>
    <message>
        <location filename="../qml/components/InspectionDocumentList.qml" line="34" />
        <source>责令限期整改指令书</source>
        <translation>Rectification order</translation>
    </message>
    <message>
        <location filename="../qml/components/InspectionDocumentList.qml" line="36" />
        <source>整改复查意见书</source>
        <translation>Re-inspection opinion</translation>
    </message>
    <message>
        <location filename="../qml/components/InspectionDocumentList.qml" line="55" />
        <source>%1 检查</source>
        <translation>Inspection of %1</translation>
    </message>
    <message>
        <location filename="../qml/components/InspectionDocumentList.qml" line="69" />
        <source>%1 · %2 · %3
文件尚未下载，联网同步后可在此查看</source>
        <translation>%1 · %2 · %3
Not downloaded yet; it can be viewed here after the next sync</translation>
    </message>
    <message>
        <location filename="../qml/components/InspectionDocumentList.qml" line="69" />
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>InspectionDocumentsStage</name>
    <message>
        <location filename="../qml/pages/inspection/InspectionDocumentsStage.qml" line="29" />
        <source>检查已完成。文书会在下次同步后上传，企业在同步后能看到整改要求。</source>
        <translation>Inspection finished. The documents upload with the next sync; the enterprise sees the order after it syncs.</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionDocumentsStage.qml" line="37" />
        <source>现场检查记录 %1</source>
        <translation>On-site inspection record %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionDocumentsStage.qml" line="39" />
        <source>查看检查记录</source>
        <translation>View the inspection record</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionDocumentsStage.qml" line="49" />
        <source>责令限期整改指令书 %1</source>
        <translation>Rectification order %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionDocumentsStage.qml" line="51" />
        <source>查看整改指令书</source>
        <translation>View the rectification order</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionDocumentsStage.qml" line="61" />
        <source>安全检查指导意见</source>
        <translation>Safety inspection guidance opinion</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionDocumentsStage.qml" line="63" />
        <source>查看指导意见</source>
        <translation>View the guidance opinion</translation>
    </message>
</context>
<context>
    <name>InspectionFinishStage</name>
    <message numerus="yes">
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="82" />
        <source>已答 %1 / %2 项，发现隐患 %n 条。</source>
        <translation><numerusform>%1 / %2 answered, %n hazard found.</numerusform><numerusform>%1 / %2 answered, %n hazards found.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="91" />
        <source>企业负责人签名：%1</source>
        <translation>Enterprise representative signs: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="99" />
        <source>检查人员签名：%1</source>
        <translation>Inspector signs: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="105" />
        <source>执法检查由两名检查人员签名。第二名检查人员请选择本人姓名后签名：</source>
        <translation>An enforcement inspection is signed by two inspectors. Second inspector: pick your name, then sign:</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="115" />
        <source>%1（执法证 %2）</source>
        <translation>%1 (badge %2)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="116" />
        <source>选择第二名检查人员（本人）</source>
        <translation>Pick the second inspector (yourself)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="126" />
        <source>检查人员签名：%1（执法证 %2）</source>
        <translation>Inspector's signature: %1 (badge %2)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="126" />
        <source>检查人员签名：请先选择姓名</source>
        <translation>Inspector's signature: pick the name first</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="134" />
        <source>企业负责人拒绝签名时，在此记录情况</source>
        <translation>If the representative refuses to sign, record it here</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionFinishStage.qml" line="139" />
        <source>返回检查表</source>
        <translation>Back to checklist</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="69" />
        <source>所有检查项都已作答，可以签名了。</source>
        <translation>Every item is answered; you can sign now.</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="116" />
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="117" />
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="127" />
        <source>现场检查</source>
        <translation>Inspection</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/InspectionPage.qml" line="137" />
        <source>已答 %1 / %2 项 · 隐患 %n 条 · 每项已自动保存</source>
        <translation><numerusform>%1 / %2 answered · %n hazard · every answer is saved</numerusform><numerusform>%1 / %2 answered · %n hazards · every answer is saved</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="149" />
        <source>逐项</source>
        <translation>One by one</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="154" />
        <source>分节列表</source>
        <translation>By section</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="175" />
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="199" />
        <source>开始检查</source>
        <translation>Start inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="208" />
        <source>上一项</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="219" />
        <source>下一项</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="219" />
        <source>去签名</source>
        <translation>To signatures</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="232" />
        <source>下一个未答项</source>
        <translation>Next unanswered</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="244" />
        <source>完成检查并签名</source>
        <translation>Finish and sign</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="350" />
        <source>隐患已保存。完成检查并同步后，企业会看到整改要求。</source>
        <translation>Hazard saved. The enterprise sees the order after you finish and sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/InspectionPage.qml" line="253" />
        <source>完成检查，生成文书</source>
        <translation>Finish and create documents</translation>
    </message>
</context>
<context>
    <name>InspectionRunStage</name>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="49" />
        <source>第 %1 / %2 项 · %3</source>
        <translation>Item %1 of %2 · %3</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="63" />
        <source>依据：%1</source>
        <translation>Basis: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="71" />
        <source>不符合即构成重大事故隐患</source>
        <translation>Failing this item is a major hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="85" />
        <source>已记录隐患</source>
        <translation>Hazard recorded</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="85" />
        <source>记录隐患</source>
        <translation>Record hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="94" />
        <source>备注（可不填）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="109" />
        <source>检查表进度（点击跳转）</source>
        <translation>Checklist progress (tap to jump)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="117" />
        <source>下一个未答项</source>
        <translation>Next unanswered</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="130" />
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionRunStage.qml" line="21" />
        <source>完成检查并签名</source>
        <translation>Finish and sign</translation>
    </message>
</context>
<context>
    <name>InspectionSectionList</name>
    <message>
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="82" />
        <source>%1 · 已答 %2 / %3</source>
        <translation>%1 · %2 / %3 answered</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="93" />
        <source>本节全部符合</source>
        <translation>All in this section comply</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="103" />
        <source>本节不适用</source>
        <translation>Section not applicable</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="134" />
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="144" />
        <source>不符合即构成重大事故隐患</source>
        <translation>Failing this item is a major hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="162" />
        <source>已记录隐患</source>
        <translation>Hazard recorded</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="162" />
        <source>记录隐患</source>
        <translation>Record hazard</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="195" />
        <source>%1：%n 项已标为不适用</source>
        <translation><numerusform>%1: %n item marked not applicable</numerusform><numerusform>%1: %n items marked not applicable</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="196" />
        <source>%1：%n 项已标为符合</source>
        <translation><numerusform>%1: %n item marked compliant</numerusform><numerusform>%1: %n items marked compliant</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSectionList.qml" line="202" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
</context>
<context>
    <name>InspectionSetupStage</name>
    <message>
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="59" />
        <source>执行计划：%1</source>
        <translation>Plan: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="65" />
        <source>检查类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="82" />
        <source>检查方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="115" />
        <source>执法检查需要至少两名持执法证的检查人员。</source>
        <translation>Enforcement needs at least two inspectors with badges.</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="118" />
        <source>同行检查人员</source>
        <translation>Fellow inspectors</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="129" />
        <source>%1（执法证 %2）</source>
        <translation>%1 (badge %2)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="129" />
        <source>%1（无执法证号）</source>
        <translation>%1 (no badge number)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="139" />
        <source>检查表（已按行业推荐）</source>
        <translation>Checklists (suggested by industry)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/inspection/InspectionSetupStage.qml" line="149" />
        <source>%1 · %n 项</source>
        <translation><numerusform>%1 · %n item</numerusform><numerusform>%1 · %n items</numerusform></translation>
    </message>
</context>
<context>
    <name>InspectorsPage</name>
    <message>
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="18" />
        <source>检查员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="33" />
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="33" />
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="33" />
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="50" />
        <source>检查员工作量</source>
        <translation>Inspector workload</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="58" />
        <source>本期还没有完成的检查</source>
        <translation>No finished inspections in this period</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="59" />
        <source>检查员完成检查并同步后，这里列出每人的检查次数、发现隐患和文书完整率。</source>
        <translation>Once inspectors finish inspections and sync, each one's inspections, hazards found and document completeness are listed here.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="93" />
        <source>检查 %n 次</source>
        <translation><numerusform>%n inspection</numerusform><numerusform>%n inspections</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="93" />
        <source>发现隐患 %n 条（每次 %1）</source>
        <translation><numerusform>%n hazard (%1 each)</numerusform><numerusform>%n hazards (%1 each)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="93" />
        <source>文书 %n 份</source>
        <translation><numerusform>%n document</numerusform><numerusform>%n documents</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/InspectorsPage.qml" line="93" />
        <source>记录完整率 %1%</source>
        <translation>%1% complete records</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../qml/Labels.qml" line="13" />
        <source>计划检查</source>
        <translation>Planned</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="16" />
        <source>双随机抽查</source>
        <translation>Random draw</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="19" />
        <source>包保走访</source>
        <translation>Baobao visit</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="22" />
        <source>举报投诉核查</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="25" />
        <source>专项检查</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="28" />
        <source>整改复查</source>
        <translation>Re-inspection</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="43" />
        <source>指导服务</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="45" />
        <source>执法检查</source>
        <translation>Enforcement</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="55" />
        <source>服务器地址必须以 https:// 开头，不加密的 http:// 只能用于本机服务器。</source>
        <translation>The server address must start with https://. Unencrypted http:// is only allowed for a server on this device.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="57" />
        <source>服务器证书不受信任，已拒绝连接。如果服务器使用本区自己的证书，请在“服务器证书”中选择 IT 部门提供的 CA 证书；否则请联系管理员。</source>
        <translation>The server's certificate is not trusted; the connection was refused. If the server uses the district's own certificate, pick the CA certificate from the district's IT under "Server certificate"; otherwise contact the administrator.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="59" />
        <source>证书与服务器地址不符，已拒绝连接。请检查服务器地址。</source>
        <translation>The certificate does not match the server address; the connection was refused. Please check the server address.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="61" />
        <source>服务器证书已过期，已拒绝连接。请联系管理员。</source>
        <translation>The server's certificate has expired; the connection was refused. Please contact the administrator.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="76" />
        <source>连接不上服务器，记录已保存在本机，联网后自动同步。</source>
        <translation>Cannot reach the server; records are kept on this device and sync when the connection is back.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="78" />
        <source>登录已过期，请重新登录。本机上的记录不会丢失。</source>
        <translation>The login has expired; please sign in again. Nothing on this device is lost.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="80" />
        <source>应用版本太旧，请先更新应用再同步。</source>
        <translation>This app version is too old; please update the app to sync.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Labels.qml" line="82" />
        <source>服务器繁忙，%n 秒后自动重试。</source>
        <translation><numerusform>The server is busy; retrying in %n second.</numerusform><numerusform>The server is busy; retrying in %n seconds.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="84" />
        <source>同步编号已修复，正在重试。</source>
        <translation>Sync numbering was repaired; retrying.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="86" />
        <source>服务器的部分更新无法在本机应用，本机已暂停接收（本机的记录仍会上传）。请更新应用。</source>
        <translation>Some changes from the server cannot be applied on this device, so it no longer receives them (its own records are still sent). Please update the app.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="88" />
        <source>无法打开本机数据库。请重启应用；仍不行请联系管理员。</source>
        <translation>The device database cannot be opened. Restart the app; if that does not help, contact the administrator.</translation>
    </message>
    <message>
        <location filename="../qml/Labels.qml" line="90" />
        <source>同步出错（%1），稍后自动重试。</source>
        <translation>Sync failed (%1); retrying later.</translation>
    </message>
</context>
<context>
    <name>Localization</name>
    <message>
        <location filename="../app/localization.cpp" line="69" />
        <source>汽车零部件及配件制造</source>
        <translation>Motor vehicle parts and accessories</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="70" />
        <source>黑色金属铸造</source>
        <translation>Ferrous metal casting</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="71" />
        <source>机械零部件加工</source>
        <translation>Machined mechanical parts</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="72" />
        <source>金属表面处理及热处理加工</source>
        <translation>Metal surface and heat treatment</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="73" />
        <source>木质家具制造</source>
        <translation>Wooden furniture</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="74" />
        <source>普通初中教育</source>
        <translation>Junior secondary schools</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="75" />
        <source>群众文体活动</source>
        <translation>Community arts and sports</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="76" />
        <source>家具制造业</source>
        <translation>Furniture manufacturing</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="77" />
        <source>金属制品业</source>
        <translation>Fabricated metal products</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="78" />
        <source>通用设备制造业</source>
        <translation>General-purpose machinery</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="79" />
        <source>汽车制造业</source>
        <translation>Motor vehicle manufacturing</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="80" />
        <source>房屋建筑业</source>
        <translation>Building construction</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="81" />
        <source>批发业</source>
        <translation>Wholesale trade</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="82" />
        <source>装卸搬运和仓储业</source>
        <translation>Handling and warehousing</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="83" />
        <source>教育</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../app/localization.cpp" line="84" />
        <source>文化艺术业</source>
        <translation>Culture and arts</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="18" />
        <source>用户名或密码错误，请重新输入。</source>
        <translation>Wrong user name or password. Please try again.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="19" />
        <source>请填写用户名和密码。</source>
        <translation>Please enter your user name and password.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="20" />
        <source>连接不上服务器。请检查网络和服务器地址，稍后再试。</source>
        <translation>Cannot reach the server. Check the network and the server address, then try again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/LoginPage.qml" line="23" />
        <source>尝试次数过多，请 %n 分钟后再试。</source>
        <translation><numerusform>Too many attempts. Try again in %n minute.</numerusform><numerusform>Too many attempts. Try again in %n minutes.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/LoginPage.qml" line="24" />
        <source>尝试次数过多，请 %n 秒后再试。</source>
        <translation><numerusform>Too many attempts. Try again in %n second.</numerusform><numerusform>Too many attempts. Try again in %n seconds.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/LoginPage.qml" line="25" />
        <source>服务器繁忙，请 %n 秒后再试。</source>
        <translation><numerusform>The server is busy. Try again in %n second.</numerusform><numerusform>The server is busy. Try again in %n seconds.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="26" />
        <source>这个账号已停用，请联系管理员。</source>
        <translation>This account is disabled. Please contact your administrator.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="27" />
        <source>服务器版本太旧，无法登录。请联系管理员升级服务器。</source>
        <translation>The server is too old for this app. Ask your administrator to update the server.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="28" />
        <source>应用版本太旧，请先更新应用再登录。</source>
        <translation>This app is too old. Please update it, then log in.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="29" />
        <source>请填写正确的服务器地址，例如 http://192.168.1.10:8470</source>
        <translation>Enter a valid server address, e.g. http://192.168.1.10:8470</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="36" />
        <source>服务器地址已更改，请重新登录。尚未同步的记录仍保存在这台设备上，用同一账号登录后会继续同步。</source>
        <translation>The server address changed, so please sign in again. Records not yet synced stay on this device and sync once you sign in with the same account.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="38" />
        <source>登录没有成功，请稍后再试。</source>
        <translation>Login did not succeed. Please try again later.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="44" />
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="45" />
        <source>企业安全员</source>
        <translation>Enterprise safety officer</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="46" />
        <source>监管人员</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="89" />
        <source>安全巡检</source>
        <translation>Safety Inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="98" />
        <source>现场检查 · 隐患整改 · 离线可用</source>
        <translation>On-site inspection · Hazard rectification · Works offline</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="112" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="122" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="132" />
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="142" />
        <source>本机名称</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="158" />
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="158" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="169" />
        <source>演示账号：点一下填入用户名和密码</source>
        <translation>Demo accounts: tap one to fill in the user name and password</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="186" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="205" />
        <source>首次登录后，本机会记住账号，没有网络也能继续工作。</source>
        <translation>After the first login this device remembers you and keeps working without a network.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LoginPage.qml" line="213" />
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="57" />
        <source>SafeLoop 安全巡检</source>
        <translation>SafeLoop Safety Inspection</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="20" />
        <source>地图</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="43" />
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="50" />
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="56" />
        <source>全区</source>
        <translation>Whole district</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="78" />
        <source>已检查 %1</source>
        <translation>%1 inspected</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="91" />
        <source>未检查 %1</source>
        <translation>%1 not inspected</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="102" />
        <source>有重大隐患未销号 %1</source>
        <translation>%1 with an open major hazard</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/MapPage.qml" line="108" />
        <source>%n 家企业没有坐标，未在图上</source>
        <translation><numerusform>%n enterprise has no coordinates and is not on the map</numerusform><numerusform>%n enterprises have no coordinates and are not on the map</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="116" />
        <source>地图企业</source>
        <translation>Enterprises on the map</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="193" />
        <source>还没有可显示的企业</source>
        <translation>No enterprises to show yet</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="194" />
        <source>本机的企业都没有坐标。</source>
        <translation>None of the enterprises on this device has coordinates.</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="194" />
        <source>同步后，辖区企业会显示在这里。</source>
        <translation>After a sync, the district's enterprises appear here.</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/MapPage.qml" line="200" />
        <source>点按企业标记查看企业；拖动平移，双指或滚轮缩放。街道轮廓为该街道企业所围范围。</source>
        <translation>Tap a marker to open the enterprise; drag to pan, pinch or scroll to zoom. A street's outline is the area its enterprises span.</translation>
    </message>
</context>
<context>
    <name>MePage</name>
    <message>
        <location filename="../qml/pages/MePage.qml" line="13" />
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="14" />
        <source>企业安全员</source>
        <translation>Enterprise safety officer</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="15" />
        <source>监管人员</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="16" />
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/MePage.qml" line="22" />
        <source>还有 %n 条未同步记录，退出后将保留在本机，下次登录继续上传</source>
        <translation><numerusform>%n record is not synced yet. It stays on this device and uploads after your next login.</numerusform><numerusform>%n records are not synced yet. They stay on this device and upload after your next login.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="23" />
        <source>退出后需要重新登录才能同步。本机保存的数据不会删除。</source>
        <translation>After logging out you must log in again to sync. Data saved on this device is kept.</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="32" />
        <source>我的</source>
        <translation>Me</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="86" />
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="87" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="88" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="92" />
        <source>执法证号</source>
        <translation>Badge no.</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="93" />
        <source>服务器未提供</source>
        <translation>Not provided by the server</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="96" />
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="97" />
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="98" />
        <source>本机名称</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="100" />
        <source>待上传</source>
        <translation>Pending</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/MePage.qml" line="101" />
        <source>%n 条</source>
        <translation><numerusform>%n record</numerusform><numerusform>%n records</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="104" />
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="131" />
        <location filename="../qml/pages/MePage.qml" line="192" />
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="147" />
        <source>SafeLoop 版本 %1</source>
        <translation>SafeLoop version %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="161" />
        <source>退出登录？</source>
        <translation>Log out?</translation>
    </message>
    <message>
        <location filename="../qml/pages/MePage.qml" line="182" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NavHeader</name>
    <message>
        <location filename="../qml/components/NavHeader.qml" line="38" />
        <location filename="../qml/components/NavHeader.qml" line="41" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="29" />
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="37" />
        <source>与上期持平</source>
        <translation>Same as the previous period</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="39" />
        <source>%1 个百分点</source>
        <translation>%1 percentage points</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="40" />
        <source>比上期 %1 %2%3</source>
        <translation>%1 %2 on the previous period%3</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="40" />
        <source>（变差）</source>
        <translation> (worse)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="56" />
        <source>重大风险</source>
        <translation>Major risk</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="58" />
        <source>较大风险</source>
        <translation>High risk</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="60" />
        <source>一般风险</source>
        <translation>Moderate risk</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="62" />
        <source>低风险</source>
        <translation>Low risk</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="64" />
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="68" />
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="78" />
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="216" />
        <source>概览报告</source>
        <translation>Overview report</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="147" />
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="395" />
        <source>%1：未覆盖的企业</source>
        <translation>%1: enterprises not inspected</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="171" />
        <source>%1 / %2 · %3</source>
        <translation>%1 / %2 · %3</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="206" />
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="218" />
        <source>导出 PDF 报告</source>
        <translation>Export PDF report</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="234" />
        <source>检查覆盖率</source>
        <translation>Inspection coverage</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="236" />
        <source>%1 / %2 家企业已检查</source>
        <translation>%1 / %2 enterprises inspected</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="241" />
        <source>重点企业未覆盖</source>
        <translation>Key enterprises not inspected</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="243" />
        <source>重大、较大风险企业本期尚未检查</source>
        <translation>Major and high-risk enterprises not yet inspected this period</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="249" />
        <source>计划检查完成</source>
        <translation>Planned inspections done</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="250" />
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="251" />
        <source>待完成 %1 · 逾期 %2</source>
        <translation>%1 due · %2 overdue</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="256" />
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="350" />
        <source>发现隐患</source>
        <translation>Hazard found</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="258" />
        <source>其中重大隐患 %1 条</source>
        <translation>%1 of them major</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="263" />
        <source>整改率</source>
        <translation>Rectification rate</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="265" />
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="272" />
        <source>%1 / %2 条已销号</source>
        <translation>%1 / %2 closed</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="270" />
        <source>重大隐患整改率</source>
        <translation>Major-hazard rectification rate</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="277" />
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="348" />
        <source>逾期未整改</source>
        <translation>Overdue rectifications</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="279" />
        <source>占发现隐患的 %1</source>
        <translation>%1 of the hazards found</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="285" />
        <source>整改用时中位数</source>
        <translation>Median days to close</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="286" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="286" />
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="287" />
        <source>从发现到销号</source>
        <translation>From finding to closure</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="292" />
        <source>10 天内复查</source>
        <translation>Re-inspected within 10 days</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="294" />
        <source>%1 / %2 次复查</source>
        <translation>%1 / %2 re-inspections</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="299" />
        <source>企业自查</source>
        <translation>Self-checks</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="300" />
        <source>%1 次</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="301" />
        <source>%1 家企业完成自查</source>
        <translation>%1 enterprises checked themselves</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="308" />
        <source>本期发现的隐患现在怎样</source>
        <translation>Where this period's hazards stand</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="328" />
        <source>已整改销号 %1</source>
        <translation>Rectified and closed %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="334" />
        <source>整改期限内 %1</source>
        <translation>Within deadline %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="340" />
        <source>逾期未整改 %1</source>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="346" />
        <source>已整改销号</source>
        <translation>Rectified and closed</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="357" />
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="402" />
        <source>各街道覆盖率</source>
        <translation>Coverage by street</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="422" />
        <source>按风险等级覆盖率</source>
        <translation>Coverage by risk grade</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="428" />
        <source>按行业</source>
        <translation>By industry</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="436" />
        <source>未登记行业</source>
        <translation>No industry registered</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="442" />
        <source>按行业覆盖率</source>
        <translation>Coverage by industry</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="468" />
        <source>%n 家（重点 %1）</source>
        <translation><numerusform>%n enterprise (%1 key)</numerusform><numerusform>%n enterprises (%1 key)</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="468" />
        <source>已检查 %1</source>
        <translation>%1 inspected</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="468" />
        <source>重大隐患未销号 %n</source>
        <translation><numerusform>%n open major hazard</numerusform><numerusform>%n open major hazards</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="468" />
        <source>逾期 %1</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="49" />
        <source>未登记街道</source>
        <translation>Street not recorded</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="380" />
        <source>已检查</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="387" />
        <source>未检查</source>
        <translation>Not inspected</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="395" />
        <source>%1：已覆盖的企业</source>
        <translation>%1: enterprises covered</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="408" />
        <source>按风险等级</source>
        <translation>By risk grade</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="448" />
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="478" />
        <source>领导包保</source>
        <translation>Leaders' key enterprises (包保)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="462" />
        <source>未分配</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="486" />
        <source>统计口径见《指标定义》（docs/metrics.md）；数据来自本设备上次同步的全区数据。</source>
        <translation>Definitions in docs/metrics.md; figures come from the district data of this device's last sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="510" />
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="517" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="543" />
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../qml/pages/supervisor/OverviewPage.qml" line="543" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>OverviewReport</name>
    <message>
        <location filename="../app/overviewreport.cpp" line="31" />
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="38" />
        <source>与上期持平</source>
        <translation>Same as the previous period</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="41" />
        <source>%1 个百分点</source>
        <translation>%1 percentage points</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="43" />
        <source>比上期 %1 %2%3</source>
        <translation>%1 %2 on the previous period%3</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="44" />
        <source>（变差）</source>
        <translation> (worse)</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="90" />
        <source>安全生产监管概览</source>
        <translation>Work safety supervision overview</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="91" />
        <source>（辖区名称未同步）</source>
        <translation>(district name not synced yet)</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="93" />
        <source>统计期间：%1 至 %2（Asia/Shanghai）</source>
        <translation>Period: %1 to %2 (Asia/Shanghai)</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="96" />
        <source>主要指标</source>
        <translation>Key figures</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="99" />
        <source>检查覆盖率</source>
        <translation>Inspection coverage</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="100" />
        <source>%1 / %2 家企业已检查</source>
        <translation>%1 / %2 enterprises inspected</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="102" />
        <source>重点企业未覆盖</source>
        <translation>Key enterprises not inspected</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="103" />
        <source>重大、较大风险企业本期尚未检查</source>
        <translation>Major and high-risk enterprises not yet inspected this period</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="104" />
        <source>计划检查完成</source>
        <translation>Planned inspections done</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="105" />
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="106" />
        <source>待完成 %1 · 逾期 %2</source>
        <translation>%1 due · %2 overdue</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="108" />
        <source>发现隐患</source>
        <translation>Hazard found</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="109" />
        <source>其中重大隐患 %1 条</source>
        <translation>%1 of them major</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="111" />
        <source>整改率</source>
        <translation>Rectification rate</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="112" />
        <location filename="../app/overviewreport.cpp" line="115" />
        <source>%1 / %2 条已销号</source>
        <translation>%1 / %2 closed</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="114" />
        <source>重大隐患整改率</source>
        <translation>Major-hazard rectification rate</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="117" />
        <source>逾期未整改</source>
        <translation>Overdue rectifications</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="118" />
        <source>占发现隐患的 %1</source>
        <translation>%1 of the hazards found</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="120" />
        <source>整改用时中位数</source>
        <translation>Median days to close</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="121" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="121" />
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="122" />
        <source>从发现到销号</source>
        <translation>From finding to closure</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="123" />
        <source>10 天内复查</source>
        <translation>Re-inspected within 10 days</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="125" />
        <source>%1 / %2 次复查</source>
        <translation>%1 / %2 re-inspections</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="128" />
        <source>企业自查</source>
        <translation>Self-checks</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="128" />
        <source>%1 次</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="129" />
        <source>%1 家企业完成自查</source>
        <translation>%1 enterprises checked themselves</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="134" />
        <source>本期发现的隐患现在怎样</source>
        <translation>Where this period's hazards stand</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="136" />
        <source>已整改销号 %1</source>
        <translation>Rectified and closed %1</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="137" />
        <source>整改期限内 %1</source>
        <translation>Within deadline %1</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="138" />
        <source>逾期未整改 %1</source>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="140" />
        <source>各街道覆盖率</source>
        <translation>Coverage by street</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="141" />
        <source>已检查</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="142" />
        <source>未检查</source>
        <translation>Not inspected</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="146" />
        <source>未登记街道</source>
        <translation>Street not recorded</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="149" />
        <source>指标定义</source>
        <translation>Definitions</translation>
    </message>
    <message>
        <location filename="../app/overviewreport.cpp" line="159" />
        <source>生成于 %1 %2（Asia/Shanghai）；数据来自本设备上次同步的全区数据。</source>
        <translation>Made on %1 %2 (Asia/Shanghai) from the district data this device last synced.</translation>
    </message>
</context>
<context>
    <name>PassFailNa</name>
    <message>
        <location filename="../qml/components/PassFailNa.qml" line="32" />
        <source>符合</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../qml/components/PassFailNa.qml" line="33" />
        <source>不符合</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../qml/components/PassFailNa.qml" line="34" />
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
</context>
<context>
    <name>PeriodButtons</name>
    <message>
        <location filename="../qml/components/PeriodButtons.qml" line="30" />
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../qml/components/PeriodButtons.qml" line="30" />
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../qml/components/PeriodButtons.qml" line="30" />
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../qml/components/PeriodButtons.qml" line="30" />
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../qml/components/PeriodButtons.qml" line="78" />
        <source>第一天</source>
        <translation>First day</translation>
    </message>
    <message>
        <location filename="../qml/components/PeriodButtons.qml" line="88" />
        <source>最后一天</source>
        <translation>Last day</translation>
    </message>
    <message>
        <location filename="../qml/components/PeriodButtons.qml" line="104" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/components/PeriodButtons.qml" line="110" />
        <source>查看</source>
        <translation>Show</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="47" />
        <source>上传中</source>
        <translation>Uploading</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="48" />
        <source>已上传</source>
        <translation>On server</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="50" />
        <source>待上传</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="54" />
        <source>精度未知</source>
        <translation>Acc. unknown</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="55" />
        <source>±%1 米</source>
        <translation>±%1 m</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="104" />
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="109" />
        <source>从相册选择</source>
        <translation>Choose from gallery</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="118" />
        <source>无照片</source>
        <translation>No photos</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="143" />
        <source>＋ 拍照</source>
        <translation>+ Photo</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="143" />
        <source>＋ 照片</source>
        <translation>＋ Photo</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../qml/components/PhotoViewer.qml" line="102" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoViewer.qml" line="109" />
        <source>第 %1 / %2 张</source>
        <translation>Photo %1 of %2</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoViewer.qml" line="138" />
        <source>拍摄于 %1</source>
        <translation>Taken %1</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoViewer.qml" line="140" />
        <source>定位精度 ±%1 米</source>
        <translation>Location accuracy ±%1 m</translation>
    </message>
</context>
<context>
    <name>RectificationPage</name>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="49" />
        <source>选择整改后照片</source>
        <translation>Choose after-photos</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="50" />
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="89" />
        <source>提交整改？</source>
        <translation>Submit the rectification?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/RectificationPage.qml" line="93" />
        <source>提交后不能修改。检查人员复查时会看到整改说明和 %n 张照片。</source>
        <translation><numerusform>It cannot be changed afterwards. The inspector will see your note and %n photo.</numerusform><numerusform>It cannot be changed afterwards. The inspector will see your note and %n photos.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="104" />
        <location filename="../qml/pages/RectificationPage.qml" line="121" />
        <source>提交整改</source>
        <translation>Submit rectification</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="121" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="130" />
        <source>返回任务</source>
        <translation>Back to tasks</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="161" />
        <source>要求：%1</source>
        <translation>Required: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="177" />
        <source>上次提交被退回：%1</source>
        <translation>Your last submission was rejected: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="194" />
        <source>已保存在本设备上。下次同步时发送；检查人员同步后即可看到并复查，复查结果会在您的下一次同步后显示。</source>
        <translation>Saved on this device. It is sent at the next sync; the inspector sees it after syncing, and the result appears here after your next sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="212" />
        <source>整改情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="220" />
        <source>做了什么、怎样整改的</source>
        <translation>What was fixed, and how</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="231" />
        <source>完成日期</source>
        <translation>Completed on</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="241" />
        <source>年-月-日</source>
        <translation>yyyy-mm-dd</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="247" />
        <source>整改责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="261" />
        <source>整改资金（元，可不填）</source>
        <translation>Cost in yuan (optional)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/RectificationPage.qml" line="275" />
        <source>整改后照片（%n 张）</source>
        <translation><numerusform>After-photos (%n)</numerusform><numerusform>After-photos (%n)</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="303" />
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="311" />
        <source>照片会记录拍摄时间和定位（精度 ±%1 米）。</source>
        <translation>Photos record the time and the location (accuracy ±%1 m).</translation>
    </message>
    <message>
        <location filename="../qml/pages/RectificationPage.qml" line="311" />
        <source>照片会记录拍摄时间；当前没有定位。</source>
        <translation>Photos record the time; there is no location fix now.</translation>
    </message>
</context>
<context>
    <name>ReinspectionPage</name>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="47" />
        <source>选择复查照片</source>
        <translation>Choose re-check photos</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="48" />
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="78" />
        <source>整改复查</source>
        <translation>Re-inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="78" />
        <source>隐患详情</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="118" />
        <source>部位：%1 · 期限：%2</source>
        <translation>Place: %1 · deadline: %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="127" />
        <source>整改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="133" />
        <source>整改后（企业提交）</source>
        <translation>After (from the enterprise)</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="141" />
        <source>企业说明：%1</source>
        <translation>Enterprise's note: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="141" />
        <source>企业没有填写说明。</source>
        <translation>The enterprise left no note.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="150" />
        <source>已销号。企业和监管人员在下次同步后看到复查结果。</source>
        <translation>Closed. The enterprise and supervisors see the result after the next sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="151" />
        <source>已退回整改。企业在下次同步后看到退回原因。</source>
        <translation>Sent back. The enterprise sees your reason after the next sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="161" />
        <source>整改复查意见书 %1</source>
        <translation>Re-inspection opinion %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="163" />
        <source>查看复查意见书</source>
        <translation>View the re-inspection opinion</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="172" />
        <source>企业提交整改后才能复查。</source>
        <translation>Re-inspection is possible once the enterprise submits its rectification.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="178" />
        <source>复查照片</source>
        <translation>Re-check photos</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="194" />
        <source>企业没有提交整改后照片：销号前请拍摄复查照片，或在复查意见中写明核实的情况。</source>
        <translation>The enterprise sent no after-photos: before closing, take re-check photos or write what you confirmed in the opinion.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="201" />
        <source>退回时的新整改期限（可不选，沿用原期限）</source>
        <translation>New deadline when sending back (optional; the current one stays otherwise)</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="219" />
        <source>复查意见；退回时必须写明原因</source>
        <translation>Re-inspection note; a rejection needs a reason</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="229" />
        <source>退回整改</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReinspectionPage.qml" line="237" />
        <source>复查合格，销号</source>
        <translation>Verified, close</translation>
    </message>
</context>
<context>
    <name>RiskGradeBadge</name>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="14" />
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="16" />
        <source>较大</source>
        <translation>High</translation>
    </message>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="18" />
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="20" />
        <source>低</source>
        <translation>Low</translation>
    </message>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="22" />
        <source>未评级</source>
        <translation>Not graded</translation>
    </message>
</context>
<context>
    <name>RoleShell</name>
    <message>
        <location filename="../qml/RoleShell.qml" line="18" />
        <source>整改任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="22" />
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="26" />
        <source>自查</source>
        <translation>Self-checks</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="30" />
        <source>企业信息</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="34" />
        <location filename="../qml/RoleShell.qml" line="60" />
        <location filename="../qml/RoleShell.qml" line="78" />
        <source>我的</source>
        <translation>Me</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="40" />
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="44" />
        <source>地图</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="48" />
        <source>检查员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="52" />
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="56" />
        <source>双随机</source>
        <translation>Random</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="66" />
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="70" />
        <source>企业</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <location filename="../qml/RoleShell.qml" line="74" />
        <source>隐患</source>
        <translation>Hazards</translation>
    </message>
</context>
<context>
    <name>SelfCheckHazardPage</name>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="35" />
        <source>已自查销号，下次同步后检查人员可以看到。</source>
        <translation>Closed by your self-check; inspectors see it after the next sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="35" />
        <source>整改情况已保存，复核无误后请销号。</source>
        <translation>Rectification saved; close it once re-checked.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="41" />
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="42" />
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="54" />
        <source>自查隐患</source>
        <translation>Self-check hazard</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="99" />
        <source>整改期限 %1 · 企业自查发现</source>
        <translation>Deadline %1 · found in a self-check</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="115" />
        <source>这条自查隐患已销号。</source>
        <translation>This self-check hazard is closed.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="124" />
        <source>复核整改结果，写明复核情况或拍照后销号。</source>
        <translation>Re-check the rectification, write what you found or take photos, then close it.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="124" />
        <source>写明整改情况或拍摄整改后照片。</source>
        <translation>Write what was done or take after-photos.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="133" />
        <source>整改或复核情况</source>
        <translation>What was done or re-checked</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="147" />
        <source>保存整改情况</source>
        <translation>Save the rectification</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckHazardPage.qml" line="155" />
        <source>复核合格，销号</source>
        <translation>Re-checked, close it</translation>
    </message>
</context>
<context>
    <name>SelfCheckPage</name>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="71" />
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="72" />
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="84" />
        <source>企业自查</source>
        <translation>Self-checks</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="94" />
        <source>已答 %1 / %2 项 · 发现隐患 %3 条 · 每项已保存在本机</source>
        <translation>%1 / %2 answered · %3 hazards found · each answer saved on this device</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="117" />
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="135" />
        <source>开始自查</source>
        <translation>Start a self-check</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="144" />
        <source>上一项</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="155" />
        <source>下一项</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="155" />
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="207" />
        <source>完成自查</source>
        <translation>Finish the self-check</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="181" />
        <source>选择自查用的检查表。自查发现的隐患由本企业整改、复核并销号，检查人员同步后可以看到自查记录。</source>
        <translation>Choose the checklist to check yourselves against. Hazards you find are rectified, re-checked and closed by your enterprise; inspectors see the record after a sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="192" />
        <source>%1（%2 项）</source>
        <translation>%1 (%2 items)</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="226" />
        <source>自查已完成：%1 项，发现隐患 %2 条。</source>
        <translation>Self-check finished: %1 items, %2 hazards found.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="233" />
        <source>记录保存在本机，下次同步后检查人员可以看到。发现的隐患请在“自查”中整改并销号。</source>
        <translation>The record is saved on this device; inspectors see it after the next sync. Rectify and close the hazards found under Self-checks.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="240" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfCheckPage.qml" line="256" />
        <source>隐患已记录为自查隐患，请按期整改。</source>
        <translation>Hazard recorded as found in your self-check; rectify it by the deadline.</translation>
    </message>
</context>
<context>
    <name>SelfChecksPage</name>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="18" />
        <source>自查</source>
        <translation>Self-checks</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="42" />
        <source>开始自查</source>
        <translation>Start a self-check</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="52" />
        <source>自查发现的隐患（%1）</source>
        <translation>Hazards found in self-checks (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="58" />
        <source>自查还没有发现隐患。</source>
        <translation>No self-check has found a hazard yet.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="74" />
        <source>%1 · 期限 %2</source>
        <translation>%1 · due %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="91" />
        <source>自查记录（%1）</source>
        <translation>Self-check record (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="97" />
        <source>还没有自查记录。</source>
        <translation>No self-check yet.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="110" />
        <source>%1 · %2 · 发现隐患 %3 条，未销号 %4 条</source>
        <translation>%1 · %2 · %3 hazards found, %4 not closed</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="110" />
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/SelfChecksPage.qml" line="110" />
        <source>进行中，点此继续</source>
        <translation>In progress, tap to continue</translation>
    </message>
</context>
<context>
    <name>ServerCertificatePanel</name>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="24" />
        <source>无法读取这个文件。请确认文件完整，再选一次。</source>
        <translation>This file cannot be read. Check that it is complete and pick it again.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="26" />
        <source>这个文件不是证书。请选择 IT 部门提供的 CA 证书文件（.pem、.crt、.cer 或 .der）。</source>
        <translation>This file is not a certificate. Pick the CA certificate file from the district's IT (.pem, .crt, .cer or .der).</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="28" />
        <source>这个文件里有多个证书。请只选 IT 部门提供的那一个 CA 证书。</source>
        <translation>This file holds several certificates. Pick only the one CA certificate from the district's IT.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="30" />
        <source>这是服务器自己的证书，不是 CA 证书，不能用来固定。请选择颁发它的 CA 证书。</source>
        <translation>This is a server's own certificate, not a CA certificate, and cannot be pinned. Pick the CA certificate that issued it.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="32" />
        <source>这个 CA 证书已过期，不能使用。请向 IT 部门索取新的 CA 证书。</source>
        <translation>This CA certificate has expired and cannot be used. Ask the district's IT for a new one.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="34" />
        <source>这个 CA 证书还没有生效。请检查本机日期和时间，或向 IT 部门确认。</source>
        <translation>This CA certificate is not valid yet. Check this device's date and time, or ask the district's IT.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="36" />
        <source>无法移除证书：本机存储不可写。</source>
        <translation>The certificate cannot be removed: this device's storage is not writable.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="38" />
        <source>这个证书不能使用。</source>
        <translation>This certificate cannot be used.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="41" />
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="46" />
        <source>已固定在本机，重启后仍然有效。请把指纹与 IT 部门提供的逐位核对。</source>
        <translation>Pinned on this device; it stays after a restart. Compare the fingerprint with the one from the district's IT, character by character.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="48" />
        <source>由启动参数 --ca-file 指定（另有 %n 个证书），只能由管理员更改。</source>
        <translation><numerusform>Set by the start option --ca-file (with %n more certificate); only the administrator can change it.</numerusform><numerusform>Set by the start option --ca-file (with %n more certificates); only the administrator can change it.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="48" />
        <source>由启动参数 --ca-file 指定，只能由管理员更改。</source>
        <translation>Set by the start option --ca-file; only the administrator can change it.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="50" />
        <source>未固定证书：只信任系统自带的证书。如果服务器使用本区自己的证书，请选择 IT 部门提供的 CA 证书文件。</source>
        <translation>No certificate pinned: only the system's certificates are trusted. If the server uses the district's own certificate, pick the CA certificate file from the district's IT.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="62" />
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="161" />
        <source>选择 CA 证书文件</source>
        <translation>Choose CA certificate file</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="63" />
        <source>证书 (*.pem *.crt *.cer *.der)</source>
        <translation>Certificates (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="63" />
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="71" />
        <source>服务器证书：已固定</source>
        <translation>Server certificate: pinned</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="71" />
        <source>服务器证书：未固定</source>
        <translation>Server certificate: not pinned</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="95" />
        <source>主题</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="108" />
        <source>颁发者</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="121" />
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="134" />
        <source>SHA-256 指纹</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="161" />
        <source>更换证书</source>
        <translation>Replace certificate</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="171" />
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="214" />
        <source>移除证书</source>
        <translation>Remove certificate</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="186" />
        <source>移除服务器证书？</source>
        <translation>Remove the server certificate?</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="192" />
        <source>移除后，本机不再信任这个 CA：使用它颁发的证书的服务器将无法登录和同步，直到重新选择证书。本机上的记录不受影响。</source>
        <translation>After removal this device no longer trusts this CA: a server whose certificate it issued cannot be used to sign in or sync until a certificate is picked again. Records on this device are not affected.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ServerCertificatePanel.qml" line="204" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignatureBox</name>
    <message>
        <location filename="../qml/components/SignatureBox.qml" line="61" />
        <source>请在此处手写签名</source>
        <translation>Sign here by hand</translation>
    </message>
    <message>
        <location filename="../qml/components/SignatureBox.qml" line="86" />
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../qml/components/SignatureBox.qml" line="96" />
        <source>确认签名</source>
        <translation>Confirm signature</translation>
    </message>
</context>
<context>
    <name>StatusChip</name>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="19" />
        <source>待整改</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="21" />
        <source>待复查</source>
        <translation>Awaiting re-check</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="21" />
        <source>已提交待复查</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="23" />
        <source>已退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="23" />
        <source>被退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="25" />
        <source>已销号</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="27" />
        <source>已上报</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="29" />
        <source>未知状态</source>
        <translation>Unknown status</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="31" />
        <source>%1 · 已逾期</source>
        <translation>%1 · Overdue</translation>
    </message>
</context>
<context>
    <name>SyncBar</name>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="33" />
        <source>上次同步 %1</source>
        <translation>Last sync %1</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="34" />
        <source>尚未同步</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="38" />
        <source>正在同步… %1%</source>
        <translation>Syncing… %1%</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/SyncBar.qml" line="41" />
        <source>离线 · %n 条待上传，联网后自动同步</source>
        <translation><numerusform>Offline · %n record waiting, syncs when connected</numerusform><numerusform>Offline · %n records waiting, sync when connected</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="42" />
        <source>离线 · 数据已保存在本机</source>
        <translation>Offline · everything is saved on this device</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="44" />
        <source>同步未完成：%1</source>
        <translation>Sync not finished: %1</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="44" />
        <source>请稍后重试</source>
        <translation>please try again later</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/SyncBar.qml" line="46" />
        <source>登录已过期，请重新登录以上传 %n 条记录</source>
        <translation><numerusform>Your login has expired. Log in again to upload %n record</numerusform><numerusform>Your login has expired. Log in again to upload %n records</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="48" />
        <source>应用版本太旧，请先更新应用再同步。</source>
        <translation>This app version is too old; please update the app to sync.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/components/SyncBar.qml" line="51" />
        <source>%n 条待上传</source>
        <translation><numerusform>%n record waiting</numerusform><numerusform>%n records waiting</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="52" />
        <source>已全部同步</source>
        <translation>All synced</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="56" />
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="57" />
        <source>重新登录</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="52" />
        <source>新任务</source>
        <translation>New task</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="54" />
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="251" />
        <source>被退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="56" />
        <source>已销号</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="58" />
        <source>挂牌督办</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="64" />
        <source>整改任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="126" />
        <source>需要尽快处理：%1 项已逾期，%2 项 3 天内到期</source>
        <translation>Needs attention: %1 overdue, %2 due within 3 days</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="145" />
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="145" />
        <source>已逾期 %n 天</source>
        <translation><numerusform>%n day overdue</numerusform><numerusform>%n days overdue</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="145" />
        <source>剩 %n 天</source>
        <translation><numerusform>%n day left</numerusform><numerusform>%n days left</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="175" />
        <source>新消息</source>
        <translation>What's new</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="197" />
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="230" />
        <source>退回原因：%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="248" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="249" />
        <source>待整改</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="250" />
        <source>已提交待复查</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="252" />
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="267" />
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="277" />
        <source>没有待办的整改任务</source>
        <translation>No open tasks</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="277" />
        <source>没有符合条件的任务</source>
        <translation>No tasks match</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="278" />
        <source>检查人员下达的整改任务会在同步后按期限列在这里。</source>
        <translation>Tasks issued by inspectors are listed here by deadline after a sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="278" />
        <source>换一个筛选条件看看。</source>
        <translation>Try another filter.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="317" />
        <source>选择一项任务后，这里显示问题、依据、照片和整改过程，并可提交整改。</source>
        <translation>Choose a task to see the finding, the legal basis, photos and the history, and to submit the rectification.</translation>
    </message>
    <message>
        <location filename="../qml/pages/enterprise/TasksPage.qml" line="316" />
        <source>选择任务查看详情</source>
        <translation>Select a task to see its details</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="37" />
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="75" />
        <source>（已收起）</source>
        <translation> (folded)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="88" />
        <source>展开</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="88" />
        <source>收起</source>
        <translation>Fold</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="118" />
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="127" />
        <source>开始新的检查</source>
        <translation>Start a new inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="134" />
        <source>今日计划（%1）</source>
        <translation>Planned inspections (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="139" />
        <source>今年的检查计划里没有待您检查的企业。监管人员下达的计划会在同步后列在这里。</source>
        <translation>No enterprise in this year's plans is waiting for you. Plans your supervisor issues appear here after a sync.</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="140" />
        <source>今年计划中尚未检查的企业，风险高的在前。</source>
        <translation>Enterprises in this year's plans not yet inspected, highest risk first.</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="188" />
        <source>上次检查 %1</source>
        <translation>Last inspected %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="189" />
        <source>从未检查</source>
        <translation>Never inspected</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="190" />
        <source>有未完成的检查</source>
        <translation>Unfinished inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="202" />
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="202" />
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="218" />
        <source>待复查（%1，其中 %2 项已超过 10 天）</source>
        <translation>To re-inspect (%1, %2 waiting over 10 days)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="219" />
        <source>待复查（%1）</source>
        <translation>Waiting for re-inspection (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="223" />
        <source>企业提交整改后，待复查的隐患会出现在这里。</source>
        <translation>Hazards appear here once an enterprise submits its rectification.</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="238" />
        <source>已逾期未整改（%1）</source>
        <translation>Overdue, not rectified (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="242" />
        <source>没有逾期的隐患。</source>
        <translation>No overdue hazards.</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="257" />
        <source>未完成的检查（%1）</source>
        <translation>Unfinished inspections (%1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/inspector/TodayPage.qml" line="261" />
        <source>离开检查页时，已作答的内容会保存为草稿，列在这里。</source>
        <translation>When you leave an inspection, your answers are kept as a draft and listed here.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/inspector/TodayPage.qml" line="288" />
        <source>%1 开始 · 隐患 %n 条 · 点此继续</source>
        <translation><numerusform>Started %1 · %n hazard · tap to continue</numerusform><numerusform>Started %1 · %n hazards · tap to continue</numerusform></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/pages/WelcomePage.qml" line="26" />
        <source>安全巡检</source>
        <translation>Safety Inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/WelcomePage.qml" line="34" />
        <source>现场检查 · 隐患整改 · 离线可用</source>
        <translation>On-site inspection · Hazard rectification · Works offline</translation>
    </message>
    <message>
        <location filename="../qml/pages/WelcomePage.qml" line="58" />
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
</context>
<context>
    <name>safeloop::app::CoverageMap</name>
    <message>
        <location filename="../app/supervisortables.cpp" line="165" />
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="165" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="165" />
        <source>风险等级</source>
        <translation>Risk grade</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="165" />
        <source>地图标记</source>
        <translation>Map marker</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="172" />
        <source>有重大隐患未销号</source>
        <translation>Open major hazard</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="173" />
        <source>已检查</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="174" />
        <source>未检查</source>
        <translation>Not inspected</translation>
    </message>
</context>
<context>
    <name>safeloop::app::DeviceHealthModel</name>
    <message>
        <location filename="../app/supervisortables.cpp" line="186" />
        <source>使用人</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="186" />
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="186" />
        <source>最近同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="186" />
        <source>未同步天数</source>
        <translation>Days without sync</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="187" />
        <source>待上传记录</source>
        <translation>Records to send</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="187" />
        <source>待上传照片</source>
        <translation>Photos to send</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="187" />
        <source>同步错误</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="190" />
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="191" />
        <source>从未成功同步</source>
        <translation>Never synced</translation>
    </message>
</context>
<context>
    <name>safeloop::app::EvidenceController</name>
    <message>
        <location filename="../app/evidencecontroller.cpp" line="30" />
        <source>无法读取照片“%1”：文件不存在或不是图片。</source>
        <translation>The photo “%1” cannot be read: the file is missing or not an image.</translation>
    </message>
    <message>
        <location filename="../app/evidencecontroller.cpp" line="47" />
        <source>现场拍摄</source>
        <translation>Taken on site</translation>
    </message>
</context>
<context>
    <name>safeloop::app::HazardDetail</name>
    <message>
        <location filename="../app/hazarddetail.cpp" line="464" />
        <location filename="../app/hazarddetail.cpp" line="494" />
        <source>找不到这条隐患。</source>
        <translation>This hazard cannot be found.</translation>
    </message>
    <message>
        <location filename="../app/hazarddetail.cpp" line="468" />
        <source>请选择新的整改期限。</source>
        <translation>Choose the new deadline.</translation>
    </message>
    <message>
        <location filename="../app/hazarddetail.cpp" line="471" />
        <source>延期后的期限必须晚于原期限 %1。</source>
        <translation>The new deadline must be later than the current one, %1.</translation>
    </message>
    <message>
        <location filename="../app/hazarddetail.cpp" line="497" />
        <source>整改指令书已出具，隐患内容不能再修改；可以延长期限，或在复查意见中说明。</source>
        <translation>The rectification order has been issued, so the finding can no longer change; extend the deadline or explain in the re-inspection note.</translation>
    </message>
    <message>
        <location filename="../app/hazarddetail.cpp" line="508" />
        <source>隐患描述不能为空。</source>
        <translation>The description cannot be empty.</translation>
    </message>
    <message>
        <location filename="../app/hazarddetail.cpp" line="511" />
        <source>隐患等级只能是一般或重大。</source>
        <translation>The level must be general or major.</translation>
    </message>
</context>
<context>
    <name>safeloop::app::InspectionController</name>
    <message>
        <location filename="../app/inspectioncontroller.cpp" line="149" />
        <source>整节只能答“符合”或“不适用”；不符合的项请逐项作答并记录隐患。</source>
        <translation>A whole section can only be answered "complies" or "not applicable"; answer failing items one by one and record their hazards.</translation>
    </message>
    <message>
        <location filename="../app/inspectioncontroller.cpp" line="161" />
        <source>找不到这张检查表。</source>
        <translation>This checklist cannot be found.</translation>
    </message>
    <message>
        <location filename="../app/inspectioncontroller.cpp" line="163" />
        <source>本节各项都已作答。</source>
        <translation>Every item in this section is answered.</translation>
    </message>
    <message>
        <location filename="../app/inspectioncontroller.cpp" line="400" />
        <location filename="../app/inspectioncontroller.cpp" line="547" />
        <location filename="../app/inspectioncontroller.cpp" line="593" />
        <location filename="../app/inspectioncontroller.cpp" line="1084" />
        <source>数据尚未就绪，请重新登录。</source>
        <translation>Data is not ready; sign in again.</translation>
    </message>
    <message>
        <location filename="../app/inspectioncontroller.cpp" line="620" />
        <location filename="../app/inspectioncontroller.cpp" line="668" />
        <location filename="../app/inspectioncontroller.cpp" line="677" />
        <location filename="../app/inspectioncontroller.cpp" line="694" />
        <location filename="../app/inspectioncontroller.cpp" line="712" />
        <source>找不到这个检查项。</source>
        <translation>This item cannot be found.</translation>
    </message>
    <message>
        <location filename="../app/inspectioncontroller.cpp" line="146" />
        <location filename="../app/inspectioncontroller.cpp" line="815" />
        <location filename="../app/inspectioncontroller.cpp" line="953" />
        <location filename="../app/inspectioncontroller.cpp" line="1015" />
        <source>请先开始一次检查。</source>
        <translation>Start an inspection first.</translation>
    </message>
</context>
<context>
    <name>safeloop::app::PhotoCapture</name>
    <message>
        <location filename="../app/photocapture.cpp" line="72" />
        <source>无法暂存照片，请检查存储空间。</source>
        <translation>Could not hold the photo; check the free storage.</translation>
    </message>
    <message>
        <location filename="../app/photocapture.cpp" line="97" />
        <source>无法读取刚拍的照片。</source>
        <translation>Could not read the photo just taken.</translation>
    </message>
    <message>
        <location filename="../app/photocapture.cpp" line="116" />
        <source>还没有拍照。</source>
        <translation>No photo taken yet.</translation>
    </message>
    <message>
        <location filename="../app/photocapture.cpp" line="120" />
        <location filename="../app/photocapture.cpp" line="143" />
        <source>本机数据尚未打开。</source>
        <translation>The data on this device is not open yet.</translation>
    </message>
</context>
<context>
    <name>safeloop::app::PositionProvider</name>
    <message>
        <location filename="../app/positionprovider.cpp" line="40" />
        <source>找不到定位回放文件：%1</source>
        <translation>Location replay file not found: %1</translation>
    </message>
    <message>
        <location filename="../app/positionprovider.cpp" line="47" />
        <source>无法打开定位回放</source>
        <translation>Cannot open the location replay</translation>
    </message>
    <message>
        <location filename="../app/positionprovider.cpp" line="63" />
        <source>本设备没有可用的定位服务</source>
        <translation>This device has no location service</translation>
    </message>
    <message>
        <location filename="../app/positionprovider.cpp" line="83" />
        <source>没有定位权限</source>
        <translation>No permission to use location</translation>
    </message>
    <message>
        <location filename="../app/positionprovider.cpp" line="84" />
        <source>定位失败，请到开阔处再试</source>
        <translation>No location fix. Move to open sky and try again</translation>
    </message>
    <message>
        <location filename="../app/positionprovider.cpp" line="169" />
        <source>定位回放</source>
        <translation>Location replay</translation>
    </message>
    <message>
        <location filename="../app/positionprovider.cpp" line="171" />
        <source>卫星定位</source>
        <translation>Satellite positioning</translation>
    </message>
    <message>
        <location filename="../app/positionprovider.cpp" line="172" />
        <source>系统定位</source>
        <translation>Device location service</translation>
    </message>
</context>
<context>
    <name>safeloop::app::RandomDraw</name>
    <message>
        <location filename="../app/supervisoroverview.cpp" line="399" />
        <source>随机种子须是一个非负整数。</source>
        <translation>The random seed must be a whole number of 0 or more.</translation>
    </message>
    <message>
        <location filename="../app/supervisoroverview.cpp" line="487" />
        <source>%1年双随机抽查（种子 %2）</source>
        <translation>Random inspection %1 (seed %2)</translation>
    </message>
    <message>
        <location filename="../app/supervisoroverview.cpp" line="507" />
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="206" />
        <source>随机种子</source>
        <translation>Random seed</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="206" />
        <source>抽取范围（企业数）</source>
        <translation>Drawn from (enterprises)</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="207" />
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="207" />
        <source>统一社会信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="207" />
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="207" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="208" />
        <source>风险等级</source>
        <translation>Risk grade</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="208" />
        <source>检查人员甲</source>
        <translation>Inspector A</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="208" />
        <source>检查人员乙</source>
        <translation>Inspector B</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="208" />
        <source>必查</source>
        <translation>Forced in</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="216" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="216" />
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>safeloop::app::RectificationController</name>
    <message>
        <location filename="../app/rectificationcontroller.cpp" line="57" />
        <source>找不到这项整改任务。</source>
        <translation>This task is not on the device.</translation>
    </message>
</context>
<context>
    <name>safeloop::app::Recusals</name>
    <message>
        <location filename="../app/recusals.cpp" line="119" />
        <source>请选择需要回避的检查人员。</source>
        <translation>Choose the inspector who must stay away.</translation>
    </message>
    <message>
        <location filename="../app/recusals.cpp" line="124" />
        <source>请选择企业。</source>
        <translation>Choose the enterprise.</translation>
    </message>
    <message>
        <location filename="../app/recusals.cpp" line="129" />
        <source>请填写回避原因。</source>
        <translation>Give the reason.</translation>
    </message>
    <message>
        <location filename="../app/recusals.cpp" line="152" />
        <source>这条回避记录已不存在。</source>
        <translation>This conflict of interest is no longer on record.</translation>
    </message>
</context>
<context>
    <name>safeloop::app::ReinspectionController</name>
    <message>
        <location filename="../app/enterprisecontroller.cpp" line="218" />
        <source>企业这次提交没有整改后照片。销号前请拍摄复查照片，或写明复查时核实的情况。</source>
        <translation>This submission has no after-photos. Before closing the hazard, take re-check photos or write what the re-inspection confirmed.</translation>
    </message>
    <message>
        <location filename="../app/enterprisecontroller.cpp" line="289" />
        <source>找不到这条隐患。</source>
        <translation>This hazard cannot be found.</translation>
    </message>
</context>
<context>
    <name>safeloop::app::SelfCheckHazardController</name>
    <message>
        <location filename="../app/selfcheckcontroller.cpp" line="41" />
        <source>找不到这条隐患。</source>
        <translation>This hazard cannot be found.</translation>
    </message>
    <message>
        <location filename="../app/selfcheckcontroller.cpp" line="43" />
        <source>这条隐患现在不能这样处理。</source>
        <translation>This hazard cannot be handled this way now.</translation>
    </message>
    <message>
        <location filename="../app/selfcheckcontroller.cpp" line="45" />
        <source>请写明整改情况或拍摄整改后照片。</source>
        <translation>Write what was done or take after-photos.</translation>
    </message>
</context>
<context>
    <name>safeloop::app::SignaturePad</name>
    <message>
        <location filename="../app/signaturepad.cpp" line="189" />
        <source>签名为空，请先签名</source>
        <translation>The signature is empty. Please sign first</translation>
    </message>
    <message>
        <location filename="../app/signaturepad.cpp" line="191" />
        <source>没有指定签名图片的保存位置</source>
        <translation>No place to save the signature image was given</translation>
    </message>
    <message>
        <location filename="../app/signaturepad.cpp" line="196" />
        <source>无法保存签名图片</source>
        <translation>Cannot save the signature image</translation>
    </message>
</context>
<context>
    <name>safeloop::app::SupervisorOverview</name>
    <message>
        <location filename="../app/supervisortables.cpp" line="35" />
        <source>重大风险</source>
        <translation>Major risk</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="37" />
        <source>较大风险</source>
        <translation>High risk</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="39" />
        <source>一般风险</source>
        <translation>Moderate risk</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="41" />
        <source>低风险</source>
        <translation>Low risk</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="42" />
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="50" />
        <source>隐患描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="50" />
        <location filename="../app/supervisortables.cpp" line="57" />
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="57" />
        <location filename="../app/supervisortables.cpp" line="69" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="57" />
        <location filename="../app/supervisortables.cpp" line="71" />
        <source>风险等级</source>
        <translation>Risk grade</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="70" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="72" />
        <source>已检查企业</source>
        <translation>Enterprises inspected</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="72" />
        <location filename="../app/supervisortables.cpp" line="91" />
        <source>企业数</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="72" />
        <source>覆盖率</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="75" />
        <source>未登记街道</source>
        <translation>Street not recorded</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="77" />
        <source>未登记行业</source>
        <translation>No industry registered</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="78" />
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="91" />
        <source>包保领导</source>
        <translation>Responsible leader</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="91" />
        <source>重点企业数</source>
        <translation>Key enterprises</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="91" />
        <source>已检查</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="92" />
        <source>重大隐患未销号</source>
        <translation>Open major hazards</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="92" />
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="96" />
        <source>未分配</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="106" />
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="106" />
        <source>检查次数</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="106" />
        <source>发现隐患</source>
        <translation>Hazard found</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="107" />
        <source>每次检查隐患数</source>
        <translation>Hazards per inspection</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="107" />
        <source>文书份数</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../app/supervisortables.cpp" line="107" />
        <source>记录完整率</source>
        <translation>Complete records</translation>
    </message>
</context>
<context>
    <name>tst_componentgallery</name>
    <message>
        <location filename="../tests/qml/tst_componentgallery.qml" line="52" />
        <source>照片没有保存：存储空间已满。</source>
        <translation>The photo was not saved: storage is full.</translation>
    </message>
    <message>
        <location filename="../tests/qml/tst_componentgallery.qml" line="53" />
        <source>清理空间</source>
        <translation>Free up space</translation>
    </message>
    <message>
        <location filename="../tests/qml/tst_componentgallery.qml" line="83" />
        <source>企业负责人签名</source>
        <translation>Signature of the enterprise's principal</translation>
    </message>
    <message>
        <location filename="../tests/qml/tst_componentgallery.qml" line="88" />
        <source>今天没有检查计划</source>
        <translation>No inspections planned today</translation>
    </message>
    <message>
        <location filename="../tests/qml/tst_componentgallery.qml" line="89" />
        <source>到“企业”页搜索一家企业，开始一次检查。</source>
        <translation>Search for an enterprise on the Enterprises tab to start an inspection.</translation>
    </message>
    <message>
        <location filename="../tests/qml/tst_componentgallery.qml" line="90" />
        <source>搜索企业</source>
        <translation>Search enterprises</translation>
    </message>
</context>
</TS>
