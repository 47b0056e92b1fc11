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

    footer: TabBar {
        id: bar
        objectName: "tabBar"
        currentIndex: root.currentIndex
        onCurrentIndexChanged: root.currentIndex = bar.currentIndex
        Repeater {
            model: root.tabs
            delegate: TabButton {
                id: tabButton
                required property var modelData
                objectName: "tab-" + tabButton.modelData.key
                implicitHeight: Theme.largeTarget
                leftPadding: 2
                rightPadding: 2
                readonly property int badge: Number(Navigator.badges[tabButton.modelData.key] ?? 0)
                text: tabButton.badge > 0 ? qsTr("%1 (%2)").arg(tabButton.modelData.title).arg(tabButton.badge) : tabButton.modelData.title
                font.pixelSize: Theme.fontBody
                font.capitalization: Font.MixedCase
                font.bold: tabButton.checked
                // Six tabs on a phone: shrink the label to fit rather than cut it off.
                contentItem: Text {
                    text: tabButton.text
                    font: tabButton.font
                    color: tabButton.checked ? Theme.accent : Theme.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: 10
                }
            }
        }
    }

    StackLayout {
        anchors.fill: parent
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
