// Connection load against a running safeloop-server (docs/performance.md): holds idle keep-alive
// connections, slow senders (one header line every few seconds, never finishing) and slow
// readers (pipelined requests whose answers are read a byte at a time), then measures
// /api/v1/health on fresh connections and the server's resident memory. Prints JSON lines.
//
//   bench_connections PORT SERVER_PID [IDLE SLOW_SENDERS SLOW_READERS SAMPLES TIMEOUT_MS]
//   (defaults 1000 500 500 200 2000: 2,000 held connections; every connect, send and answer
//   waits at most TIMEOUT_MS, and a health request that fails counts as TIMEOUT_MS)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
int TimeoutMs = 2000;
const std::string Health = "GET /api/v1/health HTTP/1.1\r\nHost: bench\r\n\r\n";

/// A blocking loopback connection with send/receive timeouts, or -1.
int connectTo(int port, int timeoutMs)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv { timeoutMs / 1000, (timeoutMs % 1000) * 1000 };
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool sendAll(int fd, const std::string& bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

/// Reads until a whole answer with a JSON body ("}") arrived; false on timeout or close.
bool readAnswer(int fd)
{
    std::string got;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return false;
        got.append(buffer, static_cast<std::size_t>(n));
        const std::size_t end = got.find("\r\n\r\n");
        if (end != std::string::npos && got.find('}', end) != std::string::npos)
            return got.rfind("HTTP/1.1 200", 0) == 0;
    }
}

double rssMiB(int pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atof(line.c_str() + 6) / 1024.0;
    }
    return -1;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr,
            "usage: bench_connections PORT SERVER_PID [IDLE SLOW_SENDERS SLOW_READERS SAMPLES "
            "TIMEOUT_MS]\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const int pid = std::atoi(argv[2]);
    const int idleCount = argc > 3 ? std::atoi(argv[3]) : 1000;
    const int slowSendCount = argc > 4 ? std::atoi(argv[4]) : 500;
    const int slowReadCount = argc > 5 ? std::atoi(argv[5]) : 500;
    const int samples = argc > 6 ? std::atoi(argv[6]) : 200;
    if (argc > 7)
        TimeoutMs = std::atoi(argv[7]);
    rlimit files {};
    ::getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);

    const double rssBefore = rssMiB(pid);
    const auto started = Clock::now();
    // Idle keep-alive: one answered request each, then silence.
    std::vector<int> held;
    int idleOk = 0;
    for (int i = 0; i < idleCount; ++i) {
        const int fd = connectTo(port, TimeoutMs);
        if (fd < 0)
            continue;
        held.push_back(fd);
        if (sendAll(fd, Health) && readAnswer(fd))
            ++idleOk;
    }
    // Slow senders: a request line, then one header line every 2 s from a helper thread.
    std::vector<int> senders;
    for (int i = 0; i < slowSendCount; ++i) {
        const int fd = connectTo(port, TimeoutMs);
        if (fd >= 0 && sendAll(fd, "GET /api/v1/health HTTP/1.1\r\n"))
            senders.push_back(fd);
    }
    // Slow readers: 64 pipelined requests, answers drained a few bytes at a time.
    std::vector<int> readers;
    std::string pipelined;
    for (int i = 0; i < 64; ++i)
        pipelined += Health;
    for (int i = 0; i < slowReadCount; ++i) {
        const int fd = connectTo(port, TimeoutMs);
        if (fd < 0)
            continue;
        const int small = 1024;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        if (sendAll(fd, pipelined))
            readers.push_back(fd);
    }
    const double setupS = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("{\"bench\":\"connections_setup\",\"idle_answered\":%d,\"idle_open\":%zu,"
                "\"slow_senders\":%zu,\"slow_readers\":%zu,\"setup_s\":%.2f,"
                "\"server_rss_before_mib\":%.1f}\n",
        idleOk, held.size(), senders.size(), readers.size(), setupS, rssBefore);
    std::fflush(stdout);

    std::atomic<bool> done { false };
    std::thread trickle([&] {
        int line = 0;
        while (!done) {
            for (const int fd : senders)
                sendAll(fd, "X-Slow-" + std::to_string(line) + ": 1\r\n");
            for (const int fd : readers) {
                char byte[16];
                (void)::recv(fd, byte, sizeof byte, MSG_DONTWAIT);
            }
            ++line;
            for (int i = 0; i < 20 && !done; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });

    std::vector<double> latencies;
    int answered = 0;
    int failed = 0;
    for (int i = 0; i < samples; ++i) {
        const auto t0 = Clock::now();
        const int fd = connectTo(port, TimeoutMs);
        const bool ok = fd >= 0 && sendAll(fd, Health) && readAnswer(fd);
        if (fd >= 0)
            ::close(fd);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (ok) {
            ++answered;
            latencies.push_back(ms);
        } else {
            ++failed;
            latencies.push_back(std::max<double>(ms, TimeoutMs)); // a failure counts as slow
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const double rssAfter = rssMiB(pid);
    done = true;
    trickle.join();
    std::printf("{\"bench\":\"connections_health\",\"held\":%zu,\"samples\":%d,\"answered\":%d,"
                "\"failed_or_timed_out\":%d,\"p50_ms\":%.2f,\"p95_ms\":%.2f,\"p99_ms\":%.2f,"
                "\"server_rss_mib\":%.1f}\n",
        held.size() + senders.size() + readers.size(), samples, answered, failed,
        percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99),
        rssAfter);
    for (const int fd : held)
        ::close(fd);
    for (const int fd : senders)
        ::close(fd);
    for (const int fd : readers)
        ::close(fd);
    return 0;
}
