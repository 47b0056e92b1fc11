import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

/// 我的's logout dialog lays itself out without a binding loop: any "Binding loop" warning
/// while the page is created in the shell and the dialog opens, shows its question and closes
/// fails the test.
TestCase {
    id: testCase
    name: "MePage"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: shellComponent
        RoleShell {
            role: "inspector"
            width: testCase.width
            height: testCase.height
        }
    }

    function init() {
        failOnWarning(/Binding loop/);
    }

    function test_logoutDialogOpensWithoutABindingLoop() {
        verify(DeviceStore.openDemo(""), "openDemo: " + DeviceStore.lastError);
        // In the shell, as the app shows it: the page is laid out from nothing to its width.
        const shell = createTemporaryObject(shellComponent, testCase);
        verify(shell.showTab("me"));
        const me = shell.pageFor("me");
        for (const pending of [0, 3]) {
            SyncCenter.setPending(pending, 0);
            me.requestLogout();
            tryVerify(() => me.logoutDialog.opened);
            const question = findChild(me.logoutDialog.contentItem, "logoutQuestion");
            verify(question !== null && question.visible);
            compare(question.text, me.logoutQuestion);
            // The question wraps inside the dialog instead of widening it.
            verify(question.width <= me.logoutDialog.availableWidth + 0.5, question.width + " > " + me.logoutDialog.availableWidth);
            verify(question.lineCount >= 1);
            me.logoutDialog.reject();
            tryVerify(() => !me.logoutDialog.visible);
        }
        SyncCenter.setPending(0, 0);
    }
}
