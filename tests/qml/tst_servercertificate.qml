import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

// The login page's server certificate: picking the district's CA shows what to compare, a file
// that is no usable CA is refused in plain words, removal asks first; the sync bar says why a
// sync failed in the user's language.
TestCase {
    id: testCase
    name: "ServerCertificate"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: panelComponent
        ServerCertificatePanel {
            width: testCase.width
            expanded: true
        }
    }
    Component {
        id: loginComponent
        LoginPage {
            width: testCase.width
            height: testCase.height
        }
    }
    Component {
        id: barComponent
        AppSyncBar {
            width: testCase.width
        }
    }

    function init() {
        ServerTrust.removePin();
        ServerTrust.clearError();
    }

    function cleanup() {
        ServerTrust.removePin();
        ServerTrust.clearError();
        TlsFixtures.succeedSync();
        Localization.setLanguage("zh_CN");
    }

    function findByName(item, name) {
        if (item.objectName === name)
            return item;
        for (let i = 0; i < item.children.length; ++i) {
            const found = findByName(item.children[i], name);
            if (found)
                return found;
        }
        return null;
    }

    function settle(item) {
        tryVerify(() => !isPolishScheduled(item));
        waitForRendering(item);
    }

    function test_theLoginPageOffersTheServerCertificateFolded() {
        const page = createTemporaryObject(loginComponent, testCase);
        const panel = findByName(page, "serverCertificate");
        verify(panel && panel.visible);
        const toggle = findByName(panel, "certificateToggle");
        compare(toggle.text, "▸ 服务器证书：未固定");
        verify(!findByName(panel, "pickCertificateButton").visible, "folded at first");
        verify(toggle.height >= Theme.touchTarget);
        panel.expanded = true;
        verify(findByName(panel, "pickCertificateButton").visible);
        compare(toggle.text, "▾ 服务器证书：未固定");
        panel.pick(TlsFixtures.certificate("ca.pem"));
        compare(toggle.text, "▾ 服务器证书：已固定");
    }

    function test_pickingTheCaShowsWhatToCompare() {
        const panel = createTemporaryObject(panelComponent, testCase);
        const details = findByName(panel, "certificateDetails");
        const source = findByName(panel, "certificateSource");
        verify(!details.visible);
        verify(!findByName(panel, "removeCertificateButton").visible);
        compare(source.text, "未固定证书：只信任系统自带的证书。如果服务器使用本区自己的证书，请选择 IT 部门提供的 CA 证书文件。");
        compare(findByName(panel, "pickCertificateButton").text, "选择 CA 证书文件");
        panel.pick(TlsFixtures.certificate("ca.pem"));
        verify(details.visible);
        verify(!findByName(panel, "certificateError").visible);
        compare(findByName(panel, "certificateSubject").text, "CN=SafeLoop device test CA, O=SafeLoop test district");
        compare(findByName(panel, "certificateIssuer").text, "CN=SafeLoop device test CA, O=SafeLoop test district");
        const fingerprint = TlsFixtures.caFingerprint();
        verify(fingerprint.length === 95, fingerprint);
        compare(findByName(panel, "certificateFingerprint").text, fingerprint);
        compare(findByName(panel, "certificateValidity").text, Localization.formatDate(ServerTrust.validFrom) + " 至 " + Localization.formatDate(ServerTrust.validUntil));
        verify(findByName(panel, "certificateValidity").text.indexOf("年") > 0);
        compare(source.text, "已固定在本机，重启后仍然有效。请把指纹与 IT 部门提供的逐位核对。");
        verify(findByName(panel, "removeCertificateButton").visible);
        compare(findByName(panel, "pickCertificateButton").text, "更换证书");
    }

    function test_whatIsNoUsableCaIsRefusedInPlainWords() {
        const panel = createTemporaryObject(panelComponent, testCase);
        panel.pick(TlsFixtures.certificate("ca.pem"));
        const fingerprint = findByName(panel, "certificateFingerprint").text;
        const error = findByName(panel, "certificateError");
        const cases = [["junk.pem", "这个文件不是证书。请选择 IT 部门提供的 CA 证书文件（.pem、.crt、.cer 或 .der）。"], ["good.pem", "这是服务器自己的证书，不是 CA 证书，不能用来固定。请选择颁发它的 CA 证书。"], ["oldca.pem", "这个 CA 证书已过期，不能使用。请向 IT 部门索取新的 CA 证书。"]];
        for (const [file, words] of cases) {
            panel.pick(TlsFixtures.certificate(file));
            verify(error.visible, file);
            compare(error.text, words);
            // Nothing changed: the CA picked before is still the one shown and trusted.
            compare(findByName(panel, "certificateFingerprint").text, fingerprint);
            verify(findByName(panel, "certificateDetails").visible);
        }
        panel.pick(TlsFixtures.certificate("ca.der"));
        verify(!error.visible, "a good pick clears the refusal");
    }

    function test_removingThePinAsksFirst() {
        const panel = createTemporaryObject(panelComponent, testCase);
        panel.pick(TlsFixtures.certificate("ca.pem"));
        settle(panel);
        mouseClick(findByName(panel, "removeCertificateButton"));
        const dialog = findChild(panel, "removeCertificateDialog");
        verify(dialog !== null);
        tryVerify(() => dialog.opened);
        verify(ServerTrust.pinned, "nothing is removed before the user confirms");
        verify(findByName(panel, "certificateDetails").visible);
        const confirm = findByName(dialog.footer, "confirmRemoveCertificateButton");
        verify(confirm !== null);
        settle(confirm);
        mouseClick(confirm);
        tryVerify(() => !findByName(panel, "certificateDetails").visible);
        verify(!ServerTrust.pinned);
        verify(!findByName(panel, "removeCertificateButton").visible);
        compare(findByName(panel, "certificateSource").text, "未固定证书：只信任系统自带的证书。如果服务器使用本区自己的证书，请选择 IT 部门提供的 CA 证书文件。");
    }

    function test_theSyncBarSaysAnUntrustedCertificateInTheUsersLanguage() {
        const bar = createTemporaryObject(barComponent, testCase);
        TlsFixtures.failSync("certificate_untrusted");
        compare(bar.message, "同步未完成：服务器证书不受信任，已拒绝连接。如果服务器使用本区自己的证书，请在“服务器证书”中选择 IT 部门提供的 CA 证书；否则请联系管理员。");
        compare(bar.actionText, "重试");
        const shown = findByName(bar, "syncMessage");
        settle(bar);
        compare(shown.text, bar.message);
        verify(!shown.truncated, "the user reads what to do, not an ellipsis");
        verify(Localization.setLanguage("en"));
        compare(bar.message, "Sync not finished: The server's certificate is not trusted; the connection was refused. If the server uses the district's own certificate, pick the CA certificate from the district's IT under \"Server certificate\"; otherwise contact the administrator.");
        verify(Localization.setLanguage("zh_CN"));
        TlsFixtures.failSync("failed", "validation_failed");
        compare(bar.message, "同步未完成：同步出错（validation_failed），稍后自动重试。");
        TlsFixtures.failSync("busy", "", 30);
        compare(bar.message, "同步未完成：服务器繁忙，30 秒后自动重试。");
    }
}
