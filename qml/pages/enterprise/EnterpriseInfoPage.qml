import QtQuick
import SafeLoop.App
import SafeLoop.Ui

/// 企业信息: the enterprise's register data as the district holds it (credit code, address,
/// street, industry, risk grade, contacts), its open hazards and its inspection history.
ShellPage {
    id: root

    readonly property EnterprisePage details: page

    objectName: "enterpriseInfoPage"
    pageTitle: qsTr("企业信息")

    EnterprisePage {
        id: page
        anchors.fill: parent
        embedded: true
        ownEnterprise: true
        enterpriseId: DeviceStore.userEnterpriseId
    }
}
