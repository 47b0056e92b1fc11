import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

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

    function init() {
        // A binding loop (e.g. a dialog's height following a wrapped label whose width follows
        // the page's) is a defect of the page, not noise: it fails the test that shows the page.
        TestWarnings.failOnWarning("Binding loop detected");
    }

    function test_loginFocusesTheUserNameNotTheServerAddress() {
        const page = createTemporaryObject(loginComponent, testCase);
        const user = findByName(page, "usernameField");
        const password = findByName(page, "passwordField");
        const wanted = user.text.length > 0 ? password : user;
        tryVerify(() => wanted.activeFocus, 2000, "typing goes to the " + wanted.objectName);
        verify(!findByName(page, "serverField").activeFocus);
    }

    function test_loginOffersTheDemoAccountsAndOneTapFillsThem() {
        const page = createTemporaryObject(loginComponent, testCase);
        const offer = findByName(page, "demoAccounts");
        verify(offer.visible);
        const enterprise = findByName(page, "demoAccount-enterprise");
        verify(enterprise && enterprise.visible);
        compare(enterprise.text, "企业安全员 · demo.enterprise");
        verify(enterprise.height >= Theme.touchTarget);
        verify(findByName(page, "demoAccount-inspector") !== null);
        tryVerify(() => !isPolishScheduled(page));
        waitForRendering(page);
        mouseClick(enterprise);
        compare(findByName(page, "usernameField").text, "demo.enterprise");
        compare(findByName(page, "passwordField").text, "Demo-pass-2");
        verify(findByName(page, "loginButton").activeFocus, "the next tap logs in");
        mouseClick(findByName(page, "demoAccount-inspector"));
        compare(findByName(page, "usernameField").text, "demo.inspector");
        compare(findByName(page, "passwordField").text, "Demo-pass-1");
    }

    function test_loginToAPlainHttpServerElsewhereSaysHttpsIsNeeded() {
        const page = createTemporaryObject(loginComponent, testCase);
        const before = SessionController.serverUrl;
        const error = findByName(page, "loginError");
        verify(!error.visible);
        findByName(page, "serverField").text = "http://192.0.2.1:8470";
        findByName(page, "usernameField").text = "demo.inspector";
        findByName(page, "passwordField").text = "Demo-pass-1";
        tryVerify(() => !isPolishScheduled(page));
        waitForRendering(page);
        mouseClick(findByName(page, "loginButton"));
        tryVerify(() => error.visible, 2000);
        compare(error.text, "服务器地址必须以 https:// 开头，不加密的 http:// 只能用于本机服务器。");
        verify(!SessionController.signedIn);
        SessionController.serverUrl = before;
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
                "keys": ["tasks", "completed", "selfchecks", "info", "me"],
                "titles": ["整改任务", "已完成", "自查", "企业信息", "我的"]
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

    function test_phoneTabLabelsKeepTheirSizeInEnglish() {
        verify(Localization.setLanguage("en"));
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": "supervisor"
            });
        tryVerify(() => !isPolishScheduled(shell));
        waitForRendering(shell);
        verify(!shell.wide);
        verify(findByName(shell, "tabBar").visible);
        verify(!findByName(shell, "navigationRail").visible);
        for (const key of shell.tabKeys) {
            const button = findByName(shell, "tab-" + key);
            const label = button.contentItem;
            // Full body size, never shrunk to fit, and the whole word inside its button.
            compare(label.font.pixelSize, Theme.fontBody, key);
            verify(label.fontSizeMode === Text.FixedSize, key);
            verify(button.width >= label.implicitWidth + button.leftPadding + button.rightPadding, key + ": " + button.width + " < " + label.implicitWidth);
        }
        // Six English labels do not fit in 400 px: the bar scrolls to the last one.
        const bar = findByName(shell, "tabBar");
        const last = findByName(shell, "tab-me");
        verify(bar.contentWidth > bar.width, "the labels need more than one screen");
        verify(shell.showTab("me"));
        verify(last.checked);
        tryVerify(() => last.mapToItem(bar, 0, 0).x + last.width <= bar.width + 1, 3000, "the chosen tab scrolls into view");
    }

    function test_wideScreensNavigateFromASideRail() {
        const shell = createTemporaryObject(shellComponent, testCase, {
                "role": "supervisor"
            });
        shell.width = 1280;
        tryVerify(() => shell.wide);
        tryVerify(() => !isPolishScheduled(shell));
        waitForRendering(shell);
        verify(!findByName(shell, "tabBar").visible, "no bottom bar stretched over 1,280 px");
        const rail = findByName(shell, "navigationRail");
        verify(rail.visible);
        verify(rail.width < 240);
        for (let i = 0; i < shell.tabKeys.length; ++i) {
            const button = findByName(rail, "rail-" + shell.tabKeys[i]);
            verify(button && button.visible, shell.tabKeys[i]);
            verify(button.height >= Theme.touchTarget);
            compare(button.text, shell.tabs[i].title);
        }
        mouseClick(findByName(rail, "rail-devices"));
        compare(shell.currentIndex, shell.tabKeys.indexOf("devices"));
        const page = shell.pageFor("devices");
        verify(page.visible);
        // The page sits beside the rail, not under it.
        verify(page.mapToItem(shell, 0, 0).x >= rail.width);
        verify(findByName(rail, "rail-devices").highlighted);
        verify(!findByName(rail, "rail-overview").highlighted);
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
