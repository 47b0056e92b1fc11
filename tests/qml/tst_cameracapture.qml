import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

/// Photos by camera where one exists, else the file picker: the add button's two paths, the
/// camera page without a camera, and the shot's preview / 重拍 / 使用 flow driven through the
/// page's C++ half with synthetic images (the test machine has no camera).
TestCase {
    id: testCase
    name: "CameraCapture"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: stripComponent
        PhotoStrip {
            width: 400
            model: []
        }
    }
    Component {
        id: cameraComponent
        CameraCapture {
            width: 400
            height: 800
        }
    }
    Component {
        id: searchComponent
        EnterpriseSearchPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: inspectionComponent
        InspectionPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    Component {
        id: sceneComponent
        Rectangle {
            width: 320
            height: 240
            gradient: Gradient {
                GradientStop {
                    position: 0
                    color: "#0d47a1"
                }
                GradientStop {
                    position: 1
                    color: "#e65100"
                }
            }
        }
    }

    property string hengtai

    function initTestCase() {
        verify(DeviceStore.openDemo(""), "openDemo: " + DeviceStore.lastError);
        const search = createTemporaryObject(searchComponent, testCase);
        search.query = "恒泰";
        tryVerify(() => search.model.count === 1);
        testCase.hengtai = search.model.get(0).uscc;
    }

    function settle(item) {
        tryVerify(() => !isPolishScheduled(item));
        waitForRendering(item);
    }

    /// A synthetic camera frame (QImage) grabbed from a gradient.
    function syntheticShot() {
        const scene = createTemporaryObject(sceneComponent, testCase);
        let image = null;
        scene.grabToImage(result => {
                image = result.image;
            });
        tryVerify(() => image !== null);
        return image;
    }

    function test_withoutCameraTheAddButtonOpensThePickerDirectly() {
        const strip = createTemporaryObject(stripComponent, testCase);
        const pick = createTemporaryObject(spyComponent, testCase, {
                "target": strip,
                "signalName": "addPhotoRequested"
            });
        const take = createTemporaryObject(spyComponent, testCase, {
                "target": strip,
                "signalName": "takePhotoRequested"
            });
        settle(strip);
        verify(!strip.cameraAvailable, "the test machine has no camera");
        const add = findChild(strip, "addPhotoButton");
        compare(add.text, "＋ 照片");
        mouseClick(add);
        compare(pick.count, 1);
        compare(take.count, 0);
        verify(!findChild(strip, "photoSourceMenu").visible);
    }

    function test_withCameraTheAddButtonOffersCameraOrFiles() {
        const strip = createTemporaryObject(stripComponent, testCase, {
                "cameraAvailable": true
            });
        const pick = createTemporaryObject(spyComponent, testCase, {
                "target": strip,
                "signalName": "addPhotoRequested"
            });
        const take = createTemporaryObject(spyComponent, testCase, {
                "target": strip,
                "signalName": "takePhotoRequested"
            });
        settle(strip);
        const add = findChild(strip, "addPhotoButton");
        compare(add.text, "＋ 拍照");
        const menu = findChild(strip, "photoSourceMenu");
        mouseClick(add);
        tryVerify(() => menu.opened);
        compare(pick.count, 0);
        mouseClick(findChild(strip, "takePhotoItem"));
        compare(take.count, 1);
        tryVerify(() => !menu.visible);
        mouseClick(add);
        tryVerify(() => menu.opened);
        mouseClick(findChild(strip, "pickPhotoItem"));
        compare(pick.count, 1);
        compare(take.count, 1);
    }

    function test_cameraPageWithoutCameraReportsUnavailableAndOffersPicker() {
        const page = createTemporaryObject(cameraComponent, testCase);
        const pick = createTemporaryObject(spyComponent, testCase, {
                "target": page,
                "signalName": "pickFileRequested"
            });
        settle(page);
        verify(!page.available);
        verify(findChild(page, "cameraUnavailable").visible);
        verify(!findChild(page, "cameraShutterButton").visible);
        compare(page.viewfinder, null, "no capture pipeline without a camera");
        mouseClick(findChild(page, "cameraPickFileButton"));
        compare(pick.count, 1);
    }

    function test_shotIsPreviewedThenRetakenThenUsed() {
        const page = createTemporaryObject(cameraComponent, testCase);
        const used = createTemporaryObject(spyComponent, testCase, {
                "target": page,
                "signalName": "photoUsed"
            });
        settle(page);
        verify(page.capture.acceptImage(syntheticShot()));
        compare(page.capture.state, PhotoCapture.Preview);
        compare(page.capture.photoSize, Qt.size(320, 240));
        const preview = findChild(page, "cameraPreview");
        verify(preview.visible);
        tryVerify(() => preview.status === Image.Ready);
        verify(!findChild(page, "cameraUnavailable").visible);
        mouseClick(findChild(page, "cameraRetakeButton"));
        compare(page.capture.state, PhotoCapture.Empty);
        verify(!preview.visible);
        compare(used.count, 0);
        verify(page.capture.acceptImage(syntheticShot()));
        const id = page.capture.photoId;
        compare(id.length, 64);
        mouseClick(findChild(page, "cameraUseButton"));
        tryVerify(() => used.count === 1, 10000);
        const attachment = used.signalArguments[0][0];
        compare(attachment.id, id);
        compare(attachment.mime, "image/jpeg");
        verify(attachment.captured_at.length > 0);
        compare(page.capture.state, PhotoCapture.Used);
    }

    function test_inspectionPageAddsACameraShotToTheItem() {
        const page = createTemporaryObject(inspectionComponent, testCase, {
                "enterpriseId": testCase.hengtai
            });
        tryVerify(() => page.controller.templateOptions.length > 0);
        mouseClick(findChild(page, "startInspectionButton"));
        tryVerify(() => page.stage === "run", 10000);
        const strip = findChild(page, "itemPhotoStrip");
        strip.cameraAvailable = true;
        settle(page);
        mouseClick(findChild(strip, "addPhotoButton"));
        tryVerify(() => findChild(strip, "photoSourceMenu").opened);
        mouseClick(findChild(strip, "takePhotoItem"));
        const loader = findChild(page, "cameraLoader");
        tryVerify(() => loader.status === Loader.Ready);
        verify(loader.item.capture.acceptImage(syntheticShot()));
        const id = loader.item.capture.photoId;
        mouseClick(findChild(loader.item, "cameraUseButton"));
        tryVerify(() => loader.item === null, 10000);
        tryVerify(() => page.controller.checklist.get(page.current).photoIds.indexOf(id) >= 0, 10000);

        // Cancel closes the camera without a photo.
        mouseClick(findChild(strip, "addPhotoButton"));
        tryVerify(() => findChild(strip, "photoSourceMenu").opened);
        mouseClick(findChild(strip, "takePhotoItem"));
        tryVerify(() => loader.status === Loader.Ready);
        mouseClick(findChild(loader.item, "cameraCloseButton"));
        tryVerify(() => loader.item === null);
        compare(page.controller.checklist.get(page.current).photoIds.length, 1);
    }

    function test_hazardSheetAddsACameraShotToTheHazard() {
        const page = createTemporaryObject(inspectionComponent, testCase, {
                "enterpriseId": testCase.hengtai
            });
        tryVerify(() => page.controller.templateOptions.length > 0);
        mouseClick(findChild(page, "startInspectionButton"));
        tryVerify(() => page.stage === "run", 10000);
        page.controller.answer(page.controller.checklist.get(0).code, "fail");
        tryVerify(() => page.controller.checklist.get(0).result === "fail");
        const hazardButton = findChild(page, "recordHazardButton");
        tryVerify(() => hazardButton.visible);
        mouseClick(hazardButton);
        let strip = null;
        tryVerify(() => (strip = findChild(page, "hazardPhotoStrip")) !== null);
        strip.cameraAvailable = true;
        settle(page);
        compare(strip.count, 0);
        // The strip sits below the fold of the sheet: its button's action, then the menu item's.
        strip.requestPhoto();
        const menu = findChild(strip, "photoSourceMenu");
        tryVerify(() => menu.opened);
        findChild(strip, "takePhotoItem").triggered();
        menu.close();
        const loader = findChild(page, "hazardCameraLoader");
        tryVerify(() => loader.status === Loader.Ready);
        verify(loader.item.capture.acceptImage(syntheticShot()));
        mouseClick(findChild(loader.item, "cameraUseButton"));
        tryVerify(() => loader.item === null, 10000);
        tryVerify(() => strip.count === 1, 10000);
        findChild(page, "findingConfirmed").checked = true;
        mouseClick(findChild(page, "saveHazardButton"));
        tryVerify(() => page.controller.hazardCount === 1, 10000);
    }
}
