import QtQuick
import QtTest
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "EmptyStateAndErrorBanner"
    width: 400
    height: 400
    visible: true
    when: windowShown

    Component {
        id: emptyComponent
        EmptyState {
            width: 400
            title: "今天没有检查计划"
            text: "去“企业”页搜索一家企业，开始一次检查。"
            actionText: "搜索企业"
        }
    }
    Component {
        id: bannerComponent
        ErrorBanner {
            width: 400
            text: "照片没有保存：存储空间已满。"
            actionText: "清理空间"
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }

    function settle(item) {
        tryVerify(() => !isPolishScheduled(item));
        waitForRendering(item);
    }

    function test_emptyStateOneAction() {
        const empty = createTemporaryObject(emptyComponent, testCase);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": empty,
                "signalName": "actionTriggered"
            });
        verify(empty.implicitHeight > Theme.touchTarget);
        settle(empty);
        const action = findChild(empty, "actionButton");
        verify(action.visible, "visible");
        verify(action.height >= Theme.touchTarget, "height " + action.height);
        mouseClick(action);
        compare(spy.count, 1);
    }

    function test_errorBannerOneAction() {
        const banner = createTemporaryObject(bannerComponent, testCase);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": banner,
                "signalName": "actionTriggered"
            });
        verify(banner.height >= Theme.touchTarget);
        settle(banner);
        const action = findChild(banner, "actionButton");
        verify(action.visible, "visible");
        verify(action.height >= Theme.touchTarget, "height " + action.height);
        mouseClick(action);
        compare(spy.count, 1);
    }
}
