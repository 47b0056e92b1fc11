// Certificates for the device's HTTPS tests, made with openssl in a directory:
//   ca.pem / ca.der   a test CA (PEM and DER of the same certificate)
//   good.pem          localhost / 127.0.0.1, signed by the CA (a server certificate, not a CA)
//   other.pem         elsewhere.example, signed by the CA
//   self.pem          localhost, self-signed
//   old.pem           localhost, signed by the CA, expired in 2024
//   oldca.pem         a CA certificate signed by the test CA that expired in 2024
//   futureca.pem      a CA certificate signed by the test CA, valid from 2099
//   both.pem          ca.pem and oldca.pem in one file
//   junk.pem          text that is no certificate
// with the keys (*.key) beside them. The expired and future ones are signed through
// `openssl ca`, which takes explicit dates (`openssl x509 -days` cannot go negative).
#pragma once

#include <QProcess>
#include <QString>

namespace safeloop::test {

inline const char* const MakeDeviceCertificates = R"(set -e
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }
key ca.key
openssl req -x509 -new -key ca.key -days 2 -subj "/CN=SafeLoop device test CA/O=SafeLoop test district" -out ca.pem
openssl x509 -in ca.pem -outform DER -out ca.der
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >here.ext
printf 'subjectAltName=DNS:elsewhere.example\nextendedKeyUsage=serverAuth\n' >elsewhere.ext
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' >subca.ext
for name in good other old oldca futureca; do key $name.key; done
openssl req -new -key good.key -subj "/CN=localhost" -out good.csr
openssl x509 -req -in good.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile here.ext -out good.pem 2>/dev/null
openssl req -new -key other.key -subj "/CN=elsewhere.example" -out other.csr
openssl x509 -req -in other.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile elsewhere.ext -out other.pem 2>/dev/null
key self.key
openssl req -x509 -new -key self.key -days 2 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -out self.pem
mkdir -p issued && : >issued/index.txt && echo 01 >issued/serial
printf '[ca]\ndefault_ca = test\n[test]\ndatabase = issued/index.txt\nnew_certs_dir = issued\nserial = issued/serial\ndefault_md = sha256\npolicy = any\nunique_subject = no\n[any]\ncommonName = supplied\n' >ca.cnf
openssl req -new -key old.key -subj "/CN=localhost" -out old.csr
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -startdate 20240101000000Z -enddate 20240102000000Z -extfile here.ext -notext -in old.csr -out old.pem 2>/dev/null
openssl req -new -key oldca.key -subj "/CN=SafeLoop expired test CA" -out oldca.csr
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -startdate 20240101000000Z -enddate 20240102000000Z -extfile subca.ext -notext -in oldca.csr -out oldca.pem 2>/dev/null
openssl req -new -key futureca.key -subj "/CN=SafeLoop future test CA" -out futureca.csr
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -startdate 20990101000000Z -enddate 20990102000000Z -extfile subca.ext -notext -in futureca.csr -out futureca.pem 2>/dev/null
cat ca.pem oldca.pem >both.pem
echo 'not a certificate' >junk.pem
)";

/// Makes the certificates above in `dir`; false with openssl's output in `log` on failure.
inline bool makeDeviceCertificates(const QString& dir, QString* log = nullptr)
{
    QProcess make;
    make.setWorkingDirectory(dir);
    make.setProcessChannelMode(QProcess::MergedChannels);
    make.start(QStringLiteral("sh"),
        { QStringLiteral("-c"), QString::fromLatin1(MakeDeviceCertificates) });
    const bool ok = make.waitForFinished(60000) && make.exitStatus() == QProcess::NormalExit
        && make.exitCode() == 0;
    if (log)
        *log = QString::fromLocal8Bit(make.readAll());
    return ok;
}

} // namespace safeloop::test
