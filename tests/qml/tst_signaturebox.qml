import QtQuick
import QtTest
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "SignatureBox"
    width: 400
    height: 400
    visible: true
    when: windowShown

    Component {
        id: boxComponent
        SignatureBox {
            width: 400
            height: 320
            signerLabel: "企业负责人：王某"
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

    function test_drawThenClear() {
        const box = createTemporaryObject(boxComponent, testCase);
        settle(box);
        verify(box.isEmpty);
        verify(!findChild(box, "confirmButton").enabled);
        const pad = box.pad;
        verify(pad.width > 300 && pad.height > 200);
        mousePress(pad, 20, 40);
        for (let i = 1; i <= 10; ++i)
            mouseMove(pad, 20 + i * 30, 40 + i * 15);
        mouseRelease(pad, 320, 190);
        verify(!box.isEmpty);
        compare(pad.strokeCount, 1);
        verify(findChild(box, "confirmButton").enabled);
        mouseClick(findChild(box, "clearButton"));
        verify(box.isEmpty);
    }

    function test_confirmWithoutPathReportsFailure() {
        const box = createTemporaryObject(boxComponent, testCase);
        box.pad.addStroke([Qt.point(10, 10), Qt.point(200, 100)]);
        const failed = createTemporaryObject(spyComponent, testCase, {
                "target": box,
                "signalName": "failed"
            });
        box.confirm();
        compare(failed.count, 1);
        verify(failed.signalArguments[0][0].length > 0);
    }
}
