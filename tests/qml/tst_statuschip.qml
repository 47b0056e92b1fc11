import QtQuick
import QtTest
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "StatusChip"

    Component {
        id: chipComponent
        StatusChip {
        }
    }

    function test_words_data() {
        return [{
                "tag": "open",
                "status": "open",
                "label": "待整改"
            }, {
                "tag": "submitted",
                "status": "submitted",
                "label": "待复查"
            }, {
                "tag": "rejected",
                "status": "rejected",
                "label": "已退回"
            }, {
                "tag": "verified",
                "status": "verified",
                "label": "已销号"
            }, {
                "tag": "escalated",
                "status": "escalated",
                "label": "已上报"
            }, {
                "tag": "unknown",
                "status": "bogus",
                "label": "未知状态"
            }];
    }

    function test_words(data) {
        const chip = createTemporaryObject(chipComponent, testCase, {
                "status": data.status
            });
        compare(chip.label, data.label);
    }

    function test_overdueAddsWordAndBorder() {
        const chip = createTemporaryObject(chipComponent, testCase, {
                "status": "open",
                "overdue": true
            });
        compare(chip.label, "待整改 · 已逾期");
        verify(chip.border.width > 0);
        const onTime = createTemporaryObject(chipComponent, testCase, {
                "status": "open"
            });
        compare(onTime.border.width, 0);
    }

    function test_coloursDifferByStatus() {
        const open = createTemporaryObject(chipComponent, testCase, {
                "status": "open"
            });
        const verified = createTemporaryObject(chipComponent, testCase, {
                "status": "verified"
            });
        verify(!Qt.colorEqual(open.color, verified.color));
        verify(Qt.colorEqual(verified.color, Theme.statusVerified));
    }
}
