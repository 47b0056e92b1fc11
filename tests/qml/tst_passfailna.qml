import QtQuick
import QtTest
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "PassFailNa"
    width: 400
    height: 200
    visible: true
    when: windowShown

    Component {
        id: selectorComponent
        PassFailNa {
            width: 380
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

    function test_tapFailChoosesFail() {
        const selector = createTemporaryObject(selectorComponent, testCase);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": selector,
                "signalName": "chosen"
            });
        settle(selector);
        const fail = findChild(selector, "answer_fail");
        verify(fail !== null);
        mouseClick(fail);
        compare(selector.value, "fail");
        compare(spy.count, 1);
        compare(spy.signalArguments[0][0], "fail");
    }

    function test_threeLargeButtons() {
        const selector = createTemporaryObject(selectorComponent, testCase, {
                "value": "pass"
            });
        for (const answer of ["pass", "fail", "na"]) {
            const button = findChild(selector, "answer_" + answer);
            verify(button !== null, answer);
            verify(button.height >= Theme.touchTarget, answer);
            verify(button.width >= Theme.touchTarget, answer);
        }
        verify(findChild(selector, "answer_pass").text.indexOf("符合") >= 0);
        compare(findChild(selector, "answer_pass").selected, true);
        compare(findChild(selector, "answer_na").selected, false);
    }
}
