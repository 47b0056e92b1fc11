import QtQuick
import QtTest
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "RiskGradeBadge"

    Component {
        id: badgeComponent
        RiskGradeBadge {
        }
    }

    function test_words_data() {
        return [{
                "tag": "red",
                "grade": "red",
                "label": "重大"
            }, {
                "tag": "orange",
                "grade": "orange",
                "label": "较大"
            }, {
                "tag": "yellow",
                "grade": "yellow",
                "label": "一般"
            }, {
                "tag": "blue",
                "grade": "blue",
                "label": "低"
            }, {
                "tag": "unknown",
                "grade": "purple",
                "label": "未评级"
            }];
    }

    function test_words(data) {
        const badge = createTemporaryObject(badgeComponent, testCase, {
                "grade": data.grade
            });
        verify(badge !== null);
        compare(badge.label, data.label);
    }

    function test_colourFollowsGrade() {
        const red = createTemporaryObject(badgeComponent, testCase, {
                "grade": "red"
            });
        const blue = createTemporaryObject(badgeComponent, testCase, {
                "grade": "blue"
            });
        verify(!Qt.colorEqual(red.color, blue.color));
        verify(Qt.colorEqual(red.color, Theme.gradeRed));
    }

    function test_sizeFitsTheWord() {
        const badge = createTemporaryObject(badgeComponent, testCase, {
                "grade": "orange"
            });
        verify(badge.implicitWidth > 0);
        verify(badge.implicitHeight >= 16);
    }
}
