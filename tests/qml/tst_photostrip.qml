import QtQuick
import QtTest
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "PhotoStrip"
    width: 400
    height: 200
    visible: true
    when: windowShown

    ListModel {
        id: photos
        ListElement {
            source: ""
            syncState: "pending"
            capturedAt: "2026-11-25T10:42:00"
            accuracyM: 8
        }
        ListElement {
            source: ""
            syncState: "uploading"
            capturedAt: "2026-11-25T10:43:00"
            accuracyM: -1
        }
        ListElement {
            source: ""
            syncState: "uploaded"
            capturedAt: "2026-11-25T10:44:00"
            accuracyM: 65
        }
    }
    Component {
        id: stripComponent
        PhotoStrip {
            width: 400
            model: photos
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

    function test_syncWordsAndSymbols() {
        const strip = createTemporaryObject(stripComponent, testCase);
        compare(strip.syncSymbol("pending"), "◷");
        compare(strip.syncSymbol("uploading"), "↑");
        compare(strip.syncSymbol("uploaded"), "✓");
        compare(strip.syncWord("uploaded"), "已上传");
    }

    function test_unknownAccuracyIsNeverZero() {
        const strip = createTemporaryObject(stripComponent, testCase);
        compare(strip.accuracyText(NaN), "精度未知");
        compare(strip.accuracyText(-1), "精度未知");
        compare(strip.accuracyText(7.6), "±8 米");
    }

    function test_addButtonIsLargeAndEmits() {
        const strip = createTemporaryObject(stripComponent, testCase);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": strip,
                "signalName": "addPhotoRequested"
            });
        settle(strip);
        const add = findChild(strip, "addPhotoButton");
        verify(add.width >= Theme.touchTarget && add.height >= Theme.touchTarget);
        mouseClick(add);
        compare(spy.count, 1);
    }

    function test_aReadOnlyStripWithoutPhotosSaysSo() {
        const empty = createTemporaryObject(stripComponent, testCase, {
                "model": [],
                "canAdd": false
            });
        settle(empty);
        const label = findChild(empty, "noPhotos");
        verify(label.visible);
        compare(label.text, "无照片");
        const withPhotos = createTemporaryObject(stripComponent, testCase, {
                "canAdd": false
            });
        settle(withPhotos);
        verify(!findChild(withPhotos, "noPhotos").visible);
    }

    function test_tapOnPhotoReportsIndex() {
        const strip = createTemporaryObject(stripComponent, testCase);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": strip,
                "signalName": "photoClicked"
            });
        settle(strip);
        const tiles = findChild(strip, "photoTile_1");
        verify(tiles !== null);
        compare(tiles.width, Theme.thumbnail);
        compare(tiles.syncState, "uploading");
        mouseClick(tiles);
        compare(spy.count, 1);
        compare(spy.signalArguments[0][0], 1);
    }
}
