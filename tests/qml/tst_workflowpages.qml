import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

/// The inspector's pages on a real device store with the demo data: search, enterprise,
/// checklist taps, hazard sheet fields, re-inspection. Writes 400×800 pictures to /tmp.
TestCase {
    id: testCase
    name: "WorkflowPages"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component { id: searchComponent; EnterpriseSearchPage { width: 400; height: 800 } }
    Component { id: enterpriseComponent; EnterprisePage { width: 400; height: 800 } }
    Component { id: inspectionComponent; InspectionPage { width: 400; height: 800 } }
    Component { id: hazardsComponent; HazardListPage { width: 400; height: 800 } }
    Component { id: reinspectionComponent; ReinspectionPage { width: 400; height: 800 } }

    property string hengtai

    function initTestCase() {
        const opened = DeviceStore.openDemo("")
        console.log("openDemo", opened, DeviceStore.ready, DeviceStore.lastError)
        verify(opened, "openDemo: " + DeviceStore.lastError)
        const search = createTemporaryObject(searchComponent, testCase)
        search.query = "恒泰"
        tryVerify(() => search.model.count === 1)
        testCase.hengtai = search.model.get(0).uscc
    }

    function shot(item, name) {
        waitForRendering(item)
        let saved = false
        item.grabToImage(result => { saved = result.saveToFile("/tmp/safeloop-workflow-" + name + ".png") })
        tryVerify(() => saved)
    }

    function findText(item, text) {
        if (item.text !== undefined && String(item.text).indexOf(text) >= 0 && item.visible)
            return item
        const kids = item.children || []
        for (let i = 0; i < kids.length; ++i) {
            const f = findText(kids[i], text)
            if (f)
                return f
        }
        if (item.contentItem && kids.indexOf(item.contentItem) < 0) {
            const f2 = findText(item.contentItem, text)
            if (f2)
                return f2
        }
        return null
    }

    function test_1_searchByStreetListsEnterprises() {
        const page = createTemporaryObject(searchComponent, testCase)
        const field = findChild(page, "enterpriseSearchField")
        mouseClick(field)
        keyClick(Qt.Key_Q) // nothing matches a lone "q"
        tryVerify(() => page.model.count === 0)
        page.query = "青松街道"
        tryVerify(() => page.model.count === 2)
        shot(page, "search")
    }

    function test_2_enterprisePageShowsDetailsAndOpenHazards() {
        const search = createTemporaryObject(searchComponent, testCase)
        search.query = "北辰"
        tryVerify(() => search.model.count === 1)
        const page = createTemporaryObject(enterpriseComponent, testCase, { enterpriseId: search.model.get(0).uscc })
        tryVerify(() => page.controller.details.name === "北辰精密铸造厂")
        tryVerify(() => page.controller.hazards.count === 1)
        verify(findText(page, "熔炼炉旁冷却水管路") !== null)
        shot(page, "enterprise")
    }

    function test_3_checklistTapsAndHazardSheet() {
        const page = createTemporaryObject(inspectionComponent, testCase, { enterpriseId: testCase.hengtai })
        tryVerify(() => page.controller.templateOptions.length > 0)
        shot(page, "inspection-setup")
        mouseClick(findChild(page, "startInspectionButton"))
        tryVerify(() => page.stage === "run", 10000)
        verify(page.controller.totalCount > 0)
        shot(page, "checklist")
        const buttons = findChild(page, "answerButtons")
        mouseClick(findChild(buttons, "answer_fail"))
        tryVerify(() => page.controller.answeredCount === 1)
        compare(page.controller.checklist.get(0).result, "fail")
        const hazardButton = findChild(page, "recordHazardButton")
        tryVerify(() => hazardButton.visible)
        mouseClick(hazardButton)
        tryVerify(() => page.stage === "hazard")
        let place = null
        tryVerify(() => (place = findChild(page, "hazardPlace")) !== null)
        const description = findChild(page, "hazardDescription")
        verify(description.text.length > 0) // pre-filled from the item
        verify(findChild(page, "hazardDeadline").text.length === 10)
        mouseClick(place)
        keyClick(Qt.Key_A)
        keyClick(Qt.Key_2)
        compare(place.text, "A2")
        shot(page, "hazard-sheet")
        mouseClick(findChild(page, "saveHazardButton"))
        tryVerify(() => page.controller.hazardCount === 1, 10000)
        tryVerify(() => page.stage === "run")
        compare(page.controller.checklist.get(0).hazardId.length > 0, true)
    }

    function test_4_finishWithoutSignatureShowsTheRefusal() {
        const page = createTemporaryObject(inspectionComponent, testCase, { enterpriseId: testCase.hengtai })
        tryVerify(() => page.controller.templateOptions.length > 0)
        mouseClick(findChild(page, "startInspectionButton"))
        tryVerify(() => page.stage === "run", 10000)
        page.stage = "finish"
        mouseClick(findChild(page, "finishButton"))
        tryVerify(() => page.controller.errorCode === "items_unanswered")
        verify(findText(page, "未作答") !== null)
        shot(page, "finish-refused")
    }

    function test_5_enforcementWithOneInspectorIsRefusedInPlainWords() {
        const page = createTemporaryObject(inspectionComponent, testCase, { enterpriseId: testCase.hengtai })
        tryVerify(() => page.controller.templateOptions.length > 0)
        mouseClick(findChild(page, "modeEnforcement"))
        mouseClick(findChild(page, "startInspectionButton"))
        tryVerify(() => page.controller.errorCode === "too_few_inspectors")
        compare(page.stage, "setup")
        verify(findText(page, "至少两名") !== null)
    }

    function test_6_reinspectionRejectNeedsReasonThenVerifyCloses() {
        const list = createTemporaryObject(hazardsComponent, testCase, { statuses: ["submitted"] })
        tryVerify(() => list.model.count === 1)
        shot(list, "hazards")
        const page = createTemporaryObject(reinspectionComponent, testCase, { hazardId: list.model.get(0).id })
        tryVerify(() => page.controller.canDecide)
        compare(page.controller.afterPhotos.length, 1)
        shot(page, "reinspection")
        mouseClick(findChild(page, "rejectButton"))
        tryVerify(() => page.controller.errorCode === "reason_required")
        mouseClick(findChild(page, "verifyButton"))
        tryVerify(() => page.controller.status === "verified")
    }
}
