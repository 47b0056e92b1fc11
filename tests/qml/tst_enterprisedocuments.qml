import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

/// An inspector's and a supervisor's enterprise page list the enterprise's documents as the
/// enterprise's own 企业信息 does (one InspectionDocumentList): none before any arrived, then
/// the demo inspection of 恒泰's 现场检查记录 and 责令限期整改指令书 as their devices pull them, each
/// opening in the document viewer; another enterprise's page lists none of them.
TestCase {
    id: testCase
    name: "EnterpriseDocuments"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: enterpriseComponent
        EnterprisePage {
            width: 400
            height: 800
        }
    }
    SignalSpy {
        id: pageRequests
        target: Navigator
        signalName: "pageRequested"
    }

    /// The page's document rows, in the order shown.
    function documentRows(page) {
        const rows = [];
        const list = findChild(page, "enterpriseDocuments");
        const walk = item => {
            for (let i = 0; i < item.children.length; ++i) {
                const c = item.children[i];
                if (c.objectName === "receivedDocument")
                    rows.push(c);
                else
                    walk(c);
            }
        };
        walk(list);
        return rows;
    }

    /// Scrolls the page's Flickable so that `item` is inside its viewport, and returns once it
    /// stays there (the hazards and the inspection that came with the documents load on their
    /// own and push the list down after the scroll).
    function scrollTo(item) {
        let flick = item.parent;
        while (flick && flick.contentY === undefined)
            flick = flick.parent;
        verify(flick, "the page scrolls");
        let last = NaN;
        tryVerify(() => {
                const y = item.mapToItem(flick.contentItem, 0, 0).y;
                const wanted = Math.max(0, Math.min(y - flick.height / 2, flick.contentHeight - flick.height));
                if (flick.contentY !== wanted)
                    flick.contentY = wanted;
                const top = item.mapToItem(flick, 0, 0).y;
                const inView = top >= 0 && top + item.height <= flick.height;
                const onScreen = item.mapToItem(null, 0, 0).y;
                const settled = inView && onScreen === last;
                last = onScreen;
                return settled;
            }, 5000, "the item is scrolled into view and stays there");
    }

    function seesTheEnterprisesDocuments(role) {
        verify(DeviceStore.openDemoAs(role, ""), "openDemoAs: " + DeviceStore.lastError);
        compare(DeviceStore.userRole, role);
        const hengtai = StoreFixtures.demoEnterpriseIds()[0];
        const page = createTemporaryObject(enterpriseComponent, testCase, {
                "enterpriseId": hengtai
            });
        tryVerify(() => (page.details.name ?? "").length > 0, 5000, "恒泰's register data");
        // Nothing has arrived yet: the section says so.
        compare(findChild(page, "documentsHeader").text, "检查文书（0）");
        verify(findChild(page, "documentsHeader").visible);
        verify(findChild(page, "noDocuments").visible);
        compare(documentRows(page).length, 0);

        // The inspection's documents arrive as the device pulls them.
        compare(StoreFixtures.addEnterpriseInspectionDocuments(), hengtai);
        tryVerify(() => documentRows(page).length === 2, 5000, "the record and the order");
        compare(findChild(page, "documentsHeader").text, "检查文书（2）");
        verify(!findChild(page, "noDocuments").visible);
        const rows = documentRows(page);
        const year = /〔(\d{4})〕/.exec(rows[0].text)[1];
        const date = findChild(findChild(page, "enterpriseDocuments"), "receivedInspectionDate");
        verify(date.visible);
        const issuedOn = date.text.replace(" 检查", "");
        verify(issuedOn.length > 0);
        compare(rows[0].text, "现场检查记录 · (青)应急检记〔" + year + "〕15号 · " + issuedOn);
        compare(rows[1].text, "责令限期整改指令书 · (青)应急责改〔" + year + "〕8号 · " + issuedOn);
        verify(rows[0].visible && rows[0].enabled && rows[1].enabled);

        // A tap opens the order in the app's document viewer.
        pageRequests.clear();
        scrollTo(rows[1]);
        mouseClick(rows[1]);
        compare(pageRequests.count, 1, "a tap on the order opens it");
        verify(String(pageRequests.signalArguments[0][0]).endsWith("DocumentPage.qml"));
        compare(pageRequests.signalArguments[0][1].title, "责令限期整改指令书 (青)应急责改〔" + year + "〕8号");
        verify(String(pageRequests.signalArguments[0][1].source).length > 0);

        // Another enterprise's page lists none of 恒泰's documents.
        const other = createTemporaryObject(enterpriseComponent, testCase, {
                "enterpriseId": StoreFixtures.demoEnterpriseIds()[1]
            });
        tryVerify(() => (other.details.name ?? "").length > 0, 5000, "the other enterprise");
        compare(findChild(other, "documentsHeader").text, "检查文书（0）");
        verify(findChild(other, "noDocuments").visible);
        compare(documentRows(other).length, 0);
    }

    function test_1_anInspectorSeesTheEnterprisesDocuments() {
        seesTheEnterprisesDocuments("inspector");
    }

    function test_2_aSupervisorSeesTheEnterprisesDocuments() {
        seesTheEnterprisesDocuments("supervisor");
    }
}
