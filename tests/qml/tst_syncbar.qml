import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "SyncBar"
    width: 400
    height: 200
    visible: true
    when: windowShown

    Component {
        id: barComponent
        SyncBar {
            width: 400
        }
    }

    function cleanup() {
        Localization.setLanguage("zh_CN");
    }

    function settle(item) {
        tryVerify(() => !isPolishScheduled(item));
        waitForRendering(item);
    }

    function test_pendingAndLastSync() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "pendingCount": 3,
                "lastSyncTime": new Date(2026, 10, 25, 10, 42)
            });
        compare(bar.message, "3 条待上传 · 上次同步 10:42");
        compare(bar.actionText, "");
        verify(!bar.needsAction);
    }

    function test_nothingPendingNeverSynced() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "pendingCount": 0
            });
        compare(bar.message, "已全部同步 · 尚未同步");
    }

    function test_offlineIsCalm() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "syncState": SyncState.Offline,
                "pendingCount": 2
            });
        compare(bar.message, "离线 · 2 条待上传，联网后自动同步");
        verify(!bar.needsAction);
    }

    function test_syncingShowsProgress() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "syncState": SyncState.Syncing,
                "progress": 0.42
            });
        compare(bar.message, "正在同步… 42%");
    }

    function test_needsLoginIsOneSentenceAndOneAction() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "syncState": SyncState.NeedsLogin,
                "pendingCount": 3
            });
        compare(bar.message, "登录已过期，请重新登录以上传 3 条记录");
        compare(bar.actionText, "重新登录");
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": bar,
                "signalName": "loginRequested"
            });
        bar.triggerAction();
        compare(spy.count, 1);
    }

    function test_errorOffersRetry() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "syncState": SyncState.Error,
                "errorText": "服务器暂时不可用"
            });
        compare(bar.message, "同步未完成：服务器暂时不可用");
        compare(bar.actionText, "重试");
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": bar,
                "signalName": "syncRequested"
            });
        bar.triggerAction();
        compare(spy.count, 1);
    }

    function test_tapEmitsClicked() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "pendingCount": 1
            });
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": bar,
                "signalName": "clicked"
            });
        settle(bar);
        mouseClick(bar, 20, bar.height / 2);
        compare(spy.count, 1);
    }

    function test_touchTargetHeight() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "syncState": SyncState.Error
            });
        verify(bar.height >= Theme.touchTarget);
    }

    function test_switchesToEnglishAtRuntime() {
        const bar = createTemporaryObject(barComponent, testCase, {
                "pendingCount": 3,
                "lastSyncTime": new Date(2026, 10, 25, 10, 42)
            });
        verify(Localization.setLanguage("en"));
        compare(Localization.language, "en");
        compare(bar.message, "3 records waiting · Last sync 10:42");
        verify(Localization.setLanguage("zh_CN"));
        compare(bar.message, "3 条待上传 · 上次同步 10:42");
    }

    function test_dateFormatFollowsLanguage() {
        compare(Localization.formatDate(new Date(2026, 10, 25)), "2026年11月25日");
        Localization.setLanguage("en");
        compare(Localization.formatDate(new Date(2026, 10, 25)), "2026-11-25");
    }

    Component {
        id: spyComponent
        SignalSpy {
        }
    }
}
