package dev.recsys.embedded;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.ServerSocketFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Binds each listener's socket on the loopback interface before the broker starts, then hands that very
 * socket to the broker. Picking a "free" port, closing it and letting the broker bind it later races with
 * every other process on the machine; holding the socket does not. The controller's port must be known
 * before start-up anyway, since it is part of the quorum voter list.
 */
final class LoopbackSockets implements ServerSocketFactory, AutoCloseable {

    // IPv4 on purpose, even where the JVM prefers IPv6: a listener string cannot carry an unbracketed IPv6
    // literal, and 127.0.0.1 means the same to every client.
    static final InetAddress LOOPBACK = ipv4Loopback();

    private final Map<String, ServerSocketChannel> unclaimed = new HashMap<>();

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("A 4-byte address is always valid", e);
        }
    }

    /** Binds {@code listener} to the given loopback port (0 = any free one) and returns the bound port. */
    synchronized int bind(String listener, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketFactory.INSTANCE.openServerSocket(
                listener, new InetSocketAddress(LOOPBACK, port), -1, -1);
        unclaimed.put(listener, channel);
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @Override
    public synchronized ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress address,
                                                             int listenBacklogSize, int recvBufferSize)
            throws IOException {
        ServerSocketChannel channel = unclaimed.remove(listenerName);
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        return ServerSocketFactory.INSTANCE.openServerSocket(listenerName, address, listenBacklogSize, recvBufferSize);
    }

    /** Closes the sockets the broker never claimed (claimed ones are closed by the broker's SocketServer). */
    @Override
    public synchronized void close() {
        unclaimed.values().forEach(channel -> Utils.closeQuietly(channel, "unclaimed listener socket"));
        unclaimed.clear();
    }
}
