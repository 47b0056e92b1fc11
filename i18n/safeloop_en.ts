<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="11" />
        <source>SafeLoop 安全巡检</source>
        <translation>SafeLoop Safety Inspection</translation>
    </message>
</context>
<context>
    <name>PassFailNa</name>
    <message>
        <location filename="../qml/components/PassFailNa.qml" line="31" />
        <source>符合</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../qml/components/PassFailNa.qml" line="32" />
        <source>不符合</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../qml/components/PassFailNa.qml" line="33" />
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="35" />
        <source>上传中</source>
        <translation>Uploading</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="36" />
        <source>已上传</source>
        <translation>On server</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="38" />
        <source>待上传</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="42" />
        <source>精度未知</source>
        <translation>Acc. unknown</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="43" />
        <source>±%1 米</source>
        <translation>±%1 m</translation>
    </message>
    <message>
        <location filename="../qml/components/PhotoStrip.qml" line="69" />
        <source>＋ 拍照</source>
        <translation>+ Photo</translation>
    </message>
</context>
<context>
    <name>RiskGradeBadge</name>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="13" />
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="14" />
        <source>较大</source>
        <translation>High</translation>
    </message>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="15" />
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="16" />
        <source>低</source>
        <translation>Low</translation>
    </message>
    <message>
        <location filename="../qml/components/RiskGradeBadge.qml" line="18" />
        <source>未评级</source>
        <translation>Not graded</translation>
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
        <location filename="../qml/components/StatusChip.qml" line="15" />
        <source>待整改</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="16" />
        <source>整改中</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="17" />
        <source>待复查</source>
        <translation>Awaiting re-check</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="18" />
        <source>已退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="20" />
        <source>已销号</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="21" />
        <source>已上报</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="23" />
        <source>未知状态</source>
        <translation>Unknown status</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusChip.qml" line="25" />
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
    <message numerus="yes">
        <location filename="../qml/components/SyncBar.qml" line="49" />
        <source>%n 条待上传</source>
        <translation><numerusform>%n record waiting</numerusform><numerusform>%n records waiting</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="50" />
        <source>已全部同步</source>
        <translation>All synced</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="54" />
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../qml/components/SyncBar.qml" line="55" />
        <source>重新登录</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/pages/WelcomePage.qml" line="22" />
        <source>安全巡检</source>
        <translation>Safety Inspection</translation>
    </message>
    <message>
        <location filename="../qml/pages/WelcomePage.qml" line="30" />
        <source>现场检查 · 隐患整改 · 离线可用</source>
        <translation>On-site inspection · Hazard rectification · Works offline</translation>
    </message>
    <message>
        <location filename="../qml/pages/WelcomePage.qml" line="52" />
        <source>版本 %1</source>
        <translation>Version %1</translation>
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
        <location filename="../app/positionprovider.cpp" line="82" />
        <source>没有定位权限</source>
        <translation>No permission to use location</translation>
    </message>
    <message>
        <location filename="../app/positionprovider.cpp" line="83" />
        <source>定位失败，请到开阔处再试</source>
        <translation>No location fix. Move to open sky and try again</translation>
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
