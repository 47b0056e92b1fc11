import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "RoleShells"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: shellComponent
        RoleShell {
            width: testCase.width
            height: testCase.height
        }
    }
    Component {
        id: listDetailComponent
        ListDetailLayout {
            height: 400
            list: Rectangle {
                objectName: "theList"
            }
            detail: Rectangle {
                objectName: "theDetail"
            }
        }
    }

    Component {
        id: loginComponent
        LoginPage {
            width: testCase.width
            height: testCase.height
        }
    }

    function test_loginFocusesTheUserNameNotTheServerAddress() {
        const page = createTemporaryObject(loginComponent, testCase);
        const user = findByName(page, "usernameField");
        const password = findByName(page, "passwordField");
        const wanted = user.text.length > 0 ? password : user;
        tryVerify(() => wanted.activeFocus, 2000, "typing goes to the " + wanted.objectName);
        verify(!findByName(page, "serverField").activeFocus);
    }

    function cleanup() {
        SyncCenter.setPending(0, 0);
        Localization.setLanguage("zh_CN");
    }

    function findByName(item, name) {
        if (item.objectName === name)
            return item;
        for (let i = 0; i < item.children.length; ++i) {
            const found = findByName(item.children[i], name);
            if (found)
                return found;
        }
        return null;
    }

    function tabTitles(shell) {
        return shell.tabs.map(tab => tab.title);
    }

    function test_tabsPerRole_data() {
        return [{
                "tag": "inspector",
                "role": "inspector",
                "keys": ["today", "enterprises", "hazards", "me"],
                "titles": ["今日", "企业", "隐患", "我的"]
            }, {
                "tag": "enterprise",
                "role": "enterprise",
                "keys": ["tasks", "completed", "info", "me"],
                "titles": ["整改任务", "已完成", "企业信息", "我的"]
            }, {
                "tag": "supervisor",
                "role": "supervisor",
                "keys": ["overview", "map", "inspectors", "devices", "draws", "me"],
                "titles": ["概览", "地图", "检查员", "设备", "双随机", "我的"]
            }];
    }

    function test_tabsPerRole(data) {
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": data.role
            });
        compare(shell.tabKeys, data.keys);
        compare(tabTitles(shell), data.titles);
        // Every tab is a real, labelled button of at least 48 px.
        for (const key of data.keys) {
            const button = findByName(shell, "tab-" + key);
            verify(button, key);
            verify(button.height >= Theme.touchTarget, key);
        }
        verify(!shell.showTab("no-such-page"));
    }

    function test_everyPageHasTitleAndSyncBar_data() {
        return test_tabsPerRole_data();
    }

    function test_everyPageHasTitleAndSyncBar(data) {
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": data.role
            });
        for (let i = 0; i < data.keys.length; ++i) {
            verify(shell.showTab(data.keys[i]));
            const page = shell.pageFor(data.keys[i]);
            verify(page, data.keys[i]);
            compare(page.pageTitle, data.titles[i]);
            const bar = findByName(page.header, "syncBar");
            verify(bar, "sync bar on " + data.keys[i]);
            verify(bar.visible);
        }
    }

    function test_syncBarFollowsTheRealSyncStatus() {
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": "inspector"
            });
        const bar = findByName(shell.pageFor("today").header, "syncBar");
        SyncCenter.setPending(2, 1);
        compare(bar.pendingCount, 3);
        verify(bar.message.indexOf("3 条待上传") === 0, bar.message);
    }

    function test_tappingATabShowsItsPage() {
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": "inspector"
            });
        tryVerify(() => !isPolishScheduled(shell));
        waitForRendering(shell);
        const button = findByName(shell, "tab-hazards");
        mouseClick(button);
        compare(shell.currentIndex, 2);
        verify(shell.pageFor("hazards").visible);
        verify(!shell.pageFor("today").visible);
    }

    function test_titlesFollowTheLanguage() {
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": "inspector"
            });
        verify(Localization.setLanguage("en"));
        compare(tabTitles(shell), ["Today", "Enterprises", "Hazards", "Me"]);
    }

    function test_meLogoutAsksWithTheUnsyncedCount() {
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": "inspector"
            });
        verify(shell.showTab("me"));
        const me = shell.pageFor("me");
        SyncCenter.setPending(2, 1);
        tryVerify(() => !isPolishScheduled(shell));
        waitForRendering(shell);
        const logout = findByName(me, "logoutButton");
        verify(logout.height >= Theme.touchTarget);
        mouseClick(logout);
        tryVerify(() => me.logoutDialog.opened);
        compare(me.logoutQuestion, "还有 3 条未同步记录，退出后将保留在本机，下次登录继续上传");
        const question = findByName(me.logoutDialog.contentItem, "logoutQuestion");
        verify(question && question.visible);
        compare(question.text, me.logoutQuestion);
        me.logoutDialog.reject();
        tryVerify(() => !me.logoutDialog.visible);
    }

    function test_meLogoutWithNothingPendingSaysDataStays() {
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": "inspector"
            });
        const me = shell.pageFor("me");
        SyncCenter.setPending(0, 0);
        compare(me.logoutQuestion, "退出后需要重新登录才能同步。本机保存的数据不会删除。");
    }

    function test_listAndDetailSideBySideFrom900px() {
        const wide = createTemporaryObject(listDetailComponent, testCase, {
                "width": 1280
            });
        verify(wide.wide);
        verify(wide.listItem.visible && wide.detailItem.visible);
        verify(wide.detailItem.mapToItem(wide, 0, 0).x >= wide.listItem.width);
        const narrow = createTemporaryObject(listDetailComponent, testCase, {
                "width": 400
            });
        verify(!narrow.wide);
        compare(narrow.listItem.width, 400);
        verify(narrow.listItem.parent.visible);
        verify(!narrow.detailItem.parent.visible);
        narrow.detailShown = true;
        verify(!narrow.listItem.parent.visible);
        verify(narrow.detailItem.parent.visible);
    }
}
