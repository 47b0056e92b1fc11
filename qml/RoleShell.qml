import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.Ui

/// The signed-in user's home: bottom navigation with the role's tabs (UX.md "Structure by role").
Page {
    id: root

    /// "inspector", "enterprise" or "supervisor".
    required property string role
    /// The role's tabs in order: key (for the tour and deep links), title, page component.
    readonly property var tabs: {
        switch (root.role) {
        case "enterprise":
            return [{
                    "key": "tasks",
                    "title": qsTr("整改任务"),
                    "page": tasksPage
                }, {
                    "key": "completed",
                    "title": qsTr("已完成"),
                    "page": completedPage
                }, {
                    "key": "selfchecks",
                    "title": qsTr("自查"),
                    "page": selfChecksPage
                }, {
                    "key": "info",
                    "title": qsTr("企业信息"),
                    "page": enterpriseInfoPage
                }, {
                    "key": "me",
                    "title": qsTr("我的"),
                    "page": mePage
                }];
        case "supervisor":
            return [{
                    "key": "overview",
                    "title": qsTr("概览"),
                    "page": overviewPage
                }, {
                    "key": "map",
                    "title": qsTr("地图"),
                    "page": mapPage
                }, {
                    "key": "inspectors",
                    "title": qsTr("检查员"),
                    "page": inspectorsPage
                }, {
                    "key": "devices",
                    "title": qsTr("设备"),
                    "page": devicesPage
                }, {
                    "key": "draws",
                    "title": qsTr("双随机"),
                    "page": drawsPage
                }, {
                    "key": "me",
                    "title": qsTr("我的"),
                    "page": mePage
                }];
        }
        return [{
                "key": "today",
                "title": qsTr("今日"),
                "page": todayPage
            }, {
                "key": "enterprises",
                "title": qsTr("企业"),
                "page": enterprisesPage
            }, {
                "key": "hazards",
                "title": qsTr("隐患"),
                "page": hazardsPage
            }, {
                "key": "me",
                "title": qsTr("我的"),
                "page": mePage
            }];
    }
    property int currentIndex: 0
    /// Keys of the tabs, in order (tests, tour).
    readonly property var tabKeys: root.tabs.map(tab => tab.key)

    /// Selects the tab with `key`; false when the role has no such tab.
    function showTab(key: string): bool {
        const index = root.tabKeys.indexOf(key);
        if (index < 0)
            return false;
        root.currentIndex = index;
        return true;
    }
    /// The page item of the tab with `key` (null when absent).
    function pageFor(key: string): Item {
        const index = root.tabKeys.indexOf(key);
        if (index < 0)
            return null;
        return (pages.itemAt(index) as Loader).item as Item;
    }

    objectName: "roleShell"

    Connections {
        target: Navigator
        function onTabRequested(key: string) {
            root.showTab(key);
        }
    }

    /// From Theme.wideBreakpoint on (tablet, desktop) the tabs are a rail down the left side;
    /// stretched over 1,280 px a bottom bar puts its buttons far from the hand and each other.
    readonly property bool wide: root.width >= Theme.wideBreakpoint

    // On a phone the labels keep their size: when they do not fit side by side (six English
    // labels at 400 px) the bar scrolls sideways instead of shrinking them to an unreadable size.
    footer: TabBar {
        id: bar
        objectName: "tabBar"
        visible: !root.wide
        currentIndex: root.currentIndex
        onCurrentIndexChanged: root.currentIndex = bar.currentIndex
        Repeater {
            model: root.tabs
            delegate: TabButton {
                id: tabButton
                required property var modelData
                objectName: "tab-" + tabButton.modelData.key
                implicitHeight: Theme.largeTarget
                width: Math.max(tabButton.implicitWidth, tabButton.TabBar.tabBar.width / Math.max(1, tabButton.TabBar.tabBar.count))
                leftPadding: Theme.spacing
                rightPadding: Theme.spacing
                text: Navigator.tabLabel(tabButton.modelData)
                font.pixelSize: Theme.fontBody
                font.capitalization: Font.MixedCase
                font.bold: tabButton.checked
                contentItem: Text {
                    text: tabButton.text
                    font: tabButton.font
                    color: tabButton.checked ? Theme.accent : Theme.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }
    }

    Rectangle {
        id: rail
        objectName: "navigationRail"
        visible: root.wide
        width: root.wide ? 136 : 0
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        color: Theme.surface

        Rectangle {
            anchors.right: parent.right
            width: 1
            height: parent.height
            color: Theme.border
        }

        ListView {
            id: railList
            anchors.fill: parent
            anchors.topMargin: Theme.spacing
            spacing: 2
            interactive: false
            model: root.tabs
            currentIndex: root.currentIndex
            onCurrentIndexChanged: root.currentIndex = railList.currentIndex
            delegate: ItemDelegate {
                id: railButton
                required property var modelData
                required property int index
                readonly property bool current: railButton.ListView.isCurrentItem
                objectName: "rail-" + railButton.modelData.key
                width: railButton.ListView.view.width
                implicitHeight: Theme.largeTarget
                highlighted: railButton.current
                leftPadding: Theme.margin
                rightPadding: Theme.margin
                text: Navigator.tabLabel(railButton.modelData)
                font.pixelSize: Theme.fontBody
                font.bold: railButton.current
                Accessible.role: Accessible.PageTab
                onClicked: railButton.ListView.view.currentIndex = railButton.index
                contentItem: Text {
                    text: railButton.text
                    font: railButton.font
                    color: railButton.current ? Theme.accent : Theme.text
                    verticalAlignment: Text.AlignVCenter
                    elide: Text.ElideRight
                }
            }
        }
    }

    StackLayout {
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.left: rail.right
        anchors.right: parent.right
        currentIndex: root.currentIndex
        Repeater {
            id: pages
            model: root.tabs
            delegate: Loader {
                required property var modelData
                sourceComponent: modelData.page
            }
        }
    }

    Component {
        id: todayPage
        TodayPage {
        }
    }
    Component {
        id: enterprisesPage
        EnterprisesPage {
        }
    }
    Component {
        id: hazardsPage
        HazardsPage {
        }
    }
    Component {
        id: tasksPage
        TasksPage {
        }
    }
    Component {
        id: completedPage
        CompletedPage {
        }
    }
    Component {
        id: selfChecksPage
        SelfChecksPage {
        }
    }
    Component {
        id: enterpriseInfoPage
        EnterpriseInfoPage {
        }
    }
    Component {
        id: overviewPage
        OverviewPage {
        }
    }
    Component {
        id: mapPage
        MapPage {
        }
    }
    Component {
        id: inspectorsPage
        InspectorsPage {
        }
    }
    Component {
        id: devicesPage
        DevicesPage {
        }
    }
    Component {
        id: drawsPage
        DrawsPage {
        }
    }
    Component {
        id: mePage
        MePage {
        }
    }
}
