#include "faultproxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace safeloop::test {

namespace {

sockaddr_in loopback(int port)
{
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

void resetAndClose(int fd)
{
    linger hard { 1, 0 };
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    ::close(fd);
}

bool sendAll(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

FaultProxy::FaultProxy(int targetPort)
    : m_targetPort(targetPort)
{
}

FaultProxy::~FaultProxy()
{
    stop();
}

bool FaultProxy::start()
{
    // A free port first, then the listener bound to it by number: a socket bound to an explicit
    // port keeps it while it stops listening (a cut network) and listens again (setMode).
    const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
    if (probe < 0)
        return false;
    sockaddr_in addr = loopback(0);
    socklen_t len = sizeof addr;
    const bool found = ::bind(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0
        && ::getsockname(probe, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    ::close(probe);
    if (!found)
        return false;
    m_port = ntohs(addr.sin_port);
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_listener < 0)
        return false;
    int one = 1;
    ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0
        || ::listen(m_listener, 64) != 0) {
        ::close(m_listener);
        m_listener = -1;
        return false;
    }
    m_running = true;
    m_acceptor = std::thread([this] { acceptLoop(); });
    return true;
}

void FaultProxy::stop()
{
    if (!m_running.exchange(false))
        return;
    ::shutdown(m_listener, SHUT_RDWR);
    ::close(m_listener);
    m_listener = -1;
    if (m_acceptor.joinable())
        m_acceptor.join();
    {
        std::lock_guard lock(m_mutex);
        for (const int fd : m_openSockets)
            ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& worker : m_workers) {
        if (worker.joinable())
            worker.join();
    }
    m_workers.clear();
}

void FaultProxy::setMode(Mode mode, std::size_t limit, std::chrono::milliseconds delay)
{
    std::lock_guard lock(m_mutex);
    m_settings = { mode, limit, delay };
    ++m_generation;
    if (m_down)
        ::listen(m_listener, 64); // the network is back: connections are accepted again
    m_down = false;
}

std::pair<FaultProxy::Settings, int> FaultProxy::current()
{
    std::lock_guard lock(m_mutex);
    return { m_settings, m_generation };
}

void FaultProxy::acceptLoop()
{
    while (m_running) {
        if (std::lock_guard lock(m_mutex); m_down) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        pollfd pfd { m_listener, POLLIN, 0 };
        if (::poll(&pfd, 1, 100) <= 0)
            continue;
        const int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0)
            continue;
        ++m_connections;
        {
            std::lock_guard lock(m_mutex);
            if (m_down) {
                resetAndClose(client);
                continue;
            }
            m_openSockets.push_back(client);
        }
        m_workers.emplace_back([this, client] { serve(client); });
    }
}

void FaultProxy::serve(int client)
{
    auto forget = [this](int fd) {
        std::lock_guard lock(m_mutex);
        m_openSockets.erase(
            std::remove(m_openSockets.begin(), m_openSockets.end(), fd), m_openSockets.end());
    };

    const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in target = loopback(m_targetPort);
    if (upstream < 0
        || ::connect(upstream, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
        if (upstream >= 0)
            ::close(upstream);
        forget(client);
        resetAndClose(client);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_openSockets.push_back(upstream);
    }

    auto [settings, generation] = current();
    const int born = generation;
    std::size_t passed = 0;
    bool cut = false;
    std::array<char, 16384> buffer {};
    while (m_running && !cut) {
        std::array<pollfd, 2> fds { pollfd { client, POLLIN, 0 }, pollfd { upstream, POLLIN, 0 } };
        if (::poll(fds.data(), 2, 100) <= 0)
            continue;
        bool closed = false;
        for (std::size_t i = 0; i < 2 && !cut && !closed; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            // A new mode applies from the next chunk on, with a fresh byte budget.
            if (auto [now, gen] = current(); gen != generation) {
                settings = now;
                generation = gen;
                passed = 0;
            }
            const int from = i == 0 ? client : upstream;
            const int to = i == 0 ? upstream : client;
            const ssize_t n = ::recv(from, buffer.data(), buffer.size(), 0);
            if (n <= 0) {
                closed = true;
                break;
            }
            if (settings.mode == Mode::Blackhole
                || (settings.mode == Mode::BlackholeExisting && generation != born))
                continue; // swallowed: nothing is forwarded either way
            std::size_t size = static_cast<std::size_t>(n);
            const bool cutting
                = settings.mode == Mode::CutAfterBytes || settings.mode == Mode::ResetAfterBytes;
            if (cutting && passed + size >= settings.limit) {
                size = settings.limit - passed;
                cut = true;
            }
            if (settings.mode == Mode::Latency)
                std::this_thread::sleep_for(settings.delay);
            // Counted before they are sent: a reader that has received them sees them counted
            // (counting after the send raced the client, which could measure an exchange short).
            passed += size;
            m_forwarded += size;
            if (size > 0 && !sendAll(to, buffer.data(), size)) {
                closed = true;
                break;
            }
        }
        if (closed)
            break;
    }

    forget(client);
    forget(upstream);
    if (cut) {
        std::lock_guard lock(m_mutex);
        if (generation == m_generation && !m_down) {
            // The network is gone: the listener stops listening, so a new connection is refused
            // at once (a Qt client treats an accepted-then-reset connection as an idle
            // keep-alive close and can wait for its idle timeout instead).
            m_down = true;
            ::shutdown(m_listener, SHUT_RD);
        }
    }
    if (cut && settings.mode == Mode::ResetAfterBytes) {
        resetAndClose(client);
        resetAndClose(upstream);
    } else {
        ::close(client);
        ::close(upstream);
    }
}

} // namespace safeloop::test
