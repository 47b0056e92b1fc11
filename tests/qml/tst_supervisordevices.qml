import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

/// The supervisor's 设备 page words a device's sync error in Chinese from the reason code the
/// device reports (the words its own user sees), with the device's raw detail below in small
/// type, cut to two lines until tapped; a device of an app that sends no code still says that
/// its sync fails, with the detail as sent; a healthy device shows no error.
TestCase {
    id: testCase
    name: "SupervisorDevices"
    width: 400
    height: 800
    visible: true
    when: windowShown

    readonly property string stuckDetail: "the server's changes could not be applied 3 times (malformed_response: the page does not read as JSON at offset 5121: unknown entity in change 17); this device stops asking for them until the app is updated or a day has passed"

    Component {
        id: devicesComponent
        DevicesPage {
            width: 400
            height: 800
        }
    }

    function initTestCase() {
        verify(DeviceStore.openDemoAs("supervisor", ""), "openDemoAs: " + DeviceStore.lastError);
        const now = new Date().toISOString();
        verify(StoreFixtures.putDevice({
                    "id": "dev-stuck",
                    "client_id": "client-stuck",
                    "user_id": "insp-wang",
                    "app_version": "1.4.0",
                    "last_success": now,
                    "pending_mutations": 0,
                    "pending_blobs": 0,
                    "last_error": testCase.stuckDetail,
                    "last_error_code": "pull_stuck"
                }));
        verify(StoreFixtures.putDevice({
                    "id": "dev-old",
                    "client_id": "client-old",
                    "user_id": "insp-li",
                    "app_version": "1.2.0",
                    "last_success": now,
                    "last_error": "pull page 17 cannot be applied"
                }));
        verify(StoreFixtures.putDevice({
                    "id": "dev-fine",
                    "client_id": "client-fine",
                    "user_id": "insp-zhao",
                    "app_version": "1.5.0",
                    "last_success": now
                }));
    }

    function cleanupTestCase() {
        for (const id of ["dev-stuck", "dev-old", "dev-fine"])
            verify(StoreFixtures.removeDevice(id));
    }

    /// The delegate of the device whose app version is `version`.
    function deviceRow(page, version) {
        for (let i = 0; i < page.devices.count; ++i) {
            const row = findChild(page, "device-" + i);
            if (row && row.appVersion === version)
                return row;
        }
        return null;
    }

    function test_aDeviceErrorIsWordedInChineseWithTheDetailBelow() {
        const page = createTemporaryObject(devicesComponent, testCase);
        tryVerify(() => page.devices.count === 3, 5000, "three devices");
        const row = deviceRow(page, "1.4.0");
        verify(row);
        const error = findChild(row, "syncError");
        verify(error.visible);
        compare(error.text, "⚠ 同步出错，该设备提示：“服务器的部分更新无法在本机应用，本机已暂停接收（本机的记录仍会上传）。请更新应用。”");
        verify(error.text.indexOf("could not be applied") < 0, "no English inside the sentence");
        // The device's own words, smaller, cut to two lines until tapped.
        const detail = findChild(row, "syncErrorDetail");
        verify(detail.visible);
        compare(detail.text, "详情：" + testCase.stuckDetail);
        verify(detail.font.pixelSize < error.font.pixelSize);
        tryVerify(() => detail.truncated, 2000, "the long detail is cut");
        compare(detail.lineCount, 2);
        mouseClick(detail);
        tryVerify(() => !detail.truncated && detail.lineCount > 2, 2000, "the whole detail after a tap");
        mouseClick(detail);
        tryVerify(() => detail.truncated && detail.lineCount === 2, 2000, "cut again after a second tap");
    }

    function test_aDeviceThatSendsNoReasonStillSaysItsSyncFails() {
        const page = createTemporaryObject(devicesComponent, testCase);
        tryVerify(() => page.devices.count === 3, 5000, "three devices");
        const old = deviceRow(page, "1.2.0");
        verify(old);
        compare(findChild(old, "syncError").text, "⚠ 同步出错（该设备的应用版本未说明原因，详情见下）");
        verify(findChild(old, "syncError").visible);
        compare(findChild(old, "syncErrorDetail").text, "详情：pull page 17 cannot be applied");
        verify(findChild(old, "syncErrorDetail").visible);
        const fine = deviceRow(page, "1.5.0");
        verify(fine);
        verify(!findChild(fine, "syncError").visible);
        verify(!findChild(fine, "syncErrorDetail").visible);
    }
}
