#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace safeloop::test {

/// A TCP proxy on 127.0.0.1 that sits between a client and a server under test and breaks the
/// connection in controlled ways: cut after N bytes, reset, delay, or swallow everything.
class FaultProxy {
public:
    enum class Mode {
        Pass, ///< forward both directions untouched
        /// Close both sides once `limit` bytes (both directions together) passed, then refuse
        /// every new connection until the next setMode: the network is gone mid-transfer.
        CutAfterBytes,
        ResetAfterBytes, ///< like CutAfterBytes but with a TCP RST (SO_LINGER 0)
        Latency, ///< hold every chunk for `delay` before forwarding it
        Blackhole, ///< accept connections, read and discard, never forward or answer
        /// Connections open before this mode was set swallow everything (as Blackhole); new
        /// ones pass: the device moved to another network and its kept-alive connections died
        /// silently (a NAT or access point forgot them).
        BlackholeExisting,
    };

    /// Forwards to 127.0.0.1:targetPort.
    explicit FaultProxy(int targetPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    /// Binds a free port and starts accepting; false if the socket could not be set up.
    bool start();
    /// Closes the listener and every open connection, and joins the threads.
    void stop();
    int port() const { return m_port; }

    /// Applies at once, to open connections too; a byte limit counts from this call.
    void setMode(Mode mode, std::size_t limit = 0,
        std::chrono::milliseconds delay = std::chrono::milliseconds(0));

    /// Connections accepted so far.
    int connections() const { return m_connections.load(); }
    /// Bytes forwarded so far (both directions), counted before they are sent: once a side
    /// has received bytes, they are in this count.
    std::size_t bytesForwarded() const { return m_forwarded.load(); }

private:
    struct Settings {
        Mode mode = Mode::Pass;
        std::size_t limit = 0;
        std::chrono::milliseconds delay { 0 };
    };
    void acceptLoop();
    void serve(int client);
    /// The current settings and their generation (bumped by every setMode).
    std::pair<Settings, int> current();

    int m_targetPort;
    int m_port = 0;
    int m_listener = -1;
    std::atomic<bool> m_running { false };
    std::atomic<int> m_connections { 0 };
    std::atomic<std::size_t> m_forwarded { 0 };
    std::mutex m_mutex;
    Settings m_settings;
    int m_generation = 0;
    bool m_down = false; ///< a cut happened; new connections are refused until setMode
    std::vector<int> m_openSockets;
    std::vector<std::thread> m_workers;
    std::thread m_acceptor;
};

} // namespace safeloop::test
