import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "StatusChip"

    Component {
        id: chipComponent
        StatusChip {
        }
    }

    // A hazard's status arrives as a HazardStatus value; the chip says it in words.
    function test_words_data() {
        return [{
                "tag": "open",
                "status": HazardStatus.Open,
                "label": "待整改",
                "enterpriseLabel": "待整改"
            }, {
                "tag": "submitted",
                "status": HazardStatus.Submitted,
                "label": "待复查",
                "enterpriseLabel": "已提交待复查"
            }, {
                "tag": "rejected",
                "status": HazardStatus.Rejected,
                "label": "已退回",
                "enterpriseLabel": "被退回"
            }, {
                "tag": "verified",
                "status": HazardStatus.Verified,
                "label": "已销号",
                "enterpriseLabel": "已销号"
            }, {
                "tag": "escalated",
                "status": HazardStatus.Escalated,
                "label": "已上报",
                "enterpriseLabel": "已上报"
            }, {
                "tag": "unknown",
                "status": HazardStatus.Unknown,
                "label": "未知状态",
                "enterpriseLabel": "未知状态"
            }];
    }

    function test_words(data) {
        const chip = createTemporaryObject(chipComponent, testCase, {
                "status": data.status
            });
        compare(chip.label, data.label);
        const enterprise = createTemporaryObject(chipComponent, testCase, {
                "status": data.status,
                "enterpriseWords": true
            });
        compare(enterprise.label, data.enterpriseLabel);
    }

    function test_noStatusIsUnknown() {
        const chip = createTemporaryObject(chipComponent, testCase);
        compare(chip.status, HazardStatus.Unknown);
        compare(chip.label, "未知状态");
        verify(Qt.colorEqual(chip.color, Theme.textMuted));
    }

    function test_overdueAddsWordAndBorder() {
        const chip = createTemporaryObject(chipComponent, testCase, {
                "status": HazardStatus.Open,
                "overdue": true
            });
        compare(chip.label, "待整改 · 已逾期");
        verify(chip.border.width > 0);
        const onTime = createTemporaryObject(chipComponent, testCase, {
                "status": HazardStatus.Open
            });
        compare(onTime.border.width, 0);
    }

    function test_coloursDifferByStatus() {
        const open = createTemporaryObject(chipComponent, testCase, {
                "status": HazardStatus.Open
            });
        const verified = createTemporaryObject(chipComponent, testCase, {
                "status": HazardStatus.Verified
            });
        verify(!Qt.colorEqual(open.color, verified.color));
        verify(Qt.colorEqual(verified.color, Theme.statusVerified));
    }
}
