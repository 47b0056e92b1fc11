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
        compare(spy.count, 1);
        compare(spy.signalArguments[0][0], "fail");
    }

    Component {
        id: boundComponent
        Item {
            property string result
            readonly property PassFailNa selector: boundSelector
            PassFailNa {
                id: boundSelector
                width: 380
                value: parent.result
            }
        }
    }

    // The checklist binds `value` to the current item's result. A tap must not break that
    // binding, or the next (unanswered) item shows the previous item's answer.
    function test_aTapKeepsTheBindingSoTheNextItemShowsNoAnswer() {
        const host = createTemporaryObject(boundComponent, testCase);
        settle(host.selector);
        mouseClick(findChild(host.selector, "answer_pass"));
        host.result = "pass"; // the owner stored the answer
        compare(host.selector.value, "pass");
        verify(findChild(host.selector, "answer_pass").text.indexOf("✓") === 0);
        host.result = ""; // the next item, not answered yet
        compare(host.selector.value, "");
        for (const answer of ["pass", "fail", "na"]) {
            compare(findChild(host.selector, "answer_" + answer).selected, false, answer);
            verify(findChild(host.selector, "answer_" + answer).text.indexOf("✓") < 0, answer);
        }
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
