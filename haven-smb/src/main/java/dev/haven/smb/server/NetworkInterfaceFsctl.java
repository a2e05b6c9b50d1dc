package dev.haven.smb.server;

import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.NetworkInterfaceInfo;
import dev.haven.smb.wire.NtStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * [MS-SMB2] 3.3.5.15.5 FSCTL_QUERY_NETWORK_INTERFACE_INFO: the addresses the server listens on,
 * one entry each: its one listen address when bound to one (loopback here), otherwise every
 * address of every interface that is up, loopback included. Link speed and
 * receive-side scaling come from Linux's /sys/class/net when it says (speed in Mb/s; RSS when
 * the interface has more than one receive queue); otherwise 10 Gb/s and no RSS, which is what a
 * virtual or loopback interface is.
 */
final class NetworkInterfaceFsctl {
    private static final long DEFAULT_SPEED = 10_000_000_000L;
    private static final Path SYS = Path.of("/sys/class/net");

    Reply handle(RequestContext ctx, IoctlRequest req) throws SmbStatusException {
        for (byte b : req.fileId()) {
            if (b != (byte) 0xFF) {
                // [MS-SMB2] 3.3.5.15: this FSCTL names no file; any other FileId is invalid.
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "FileId is not all ones");
            }
        }
        byte[] out = NetworkInterfaceInfo.encodeAll(interfaces(ctx.server().listenHost()));
        if (Integer.toUnsignedLong(req.maxOutputResponse()) < out.length) {
            // 3.3.5.15.5: the list does not fit the caller's buffer.
            throw new SmbStatusException(NtStatus.BUFFER_TOO_SMALL, "interface list of " + out.length + " bytes");
        }
        return Reply.ok(new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], out));
    }

    /** The entries for a server listening on {@code listenHost} (null or a wildcard: everywhere). */
    static List<NetworkInterfaceInfo> interfaces(String listenHost) {
        List<NetworkInterfaceInfo> list = new ArrayList<>();
        try {
            InetAddress only = listenHost == null ? null : InetAddress.getByName(listenHost);
            if (only != null && !only.isAnyLocalAddress()) {
                NetworkInterface ni = NetworkInterface.getByInetAddress(only);
                return List.of(ni == null ? new NetworkInterfaceInfo(0, 0, DEFAULT_SPEED, only) : entry(ni, only));
            }
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp()) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        list.add(entry(ni, a));
                    }
                }
            }
        } catch (IOException e) {
            // No interface list: nothing to report, the client keeps its one channel.
            return List.of();
        }
        return list;
    }

    private static NetworkInterfaceInfo entry(NetworkInterface ni, InetAddress a) {
        int capability = receiveQueues(ni.getName()) > 1 ? NetworkInterfaceInfo.RSS_CAPABLE : 0;
        return new NetworkInterfaceInfo(ni.getIndex(), capability, speed(ni.getName()), a);
    }

    private static long speed(String name) {
        try {
            long mbps = Long.parseLong(Files.readString(SYS.resolve(name).resolve("speed")).trim());
            return mbps > 0 ? mbps * 1_000_000L : DEFAULT_SPEED;
        } catch (IOException | NumberFormatException | SecurityException e) {
            return DEFAULT_SPEED;
        }
    }

    private static long receiveQueues(String name) {
        try (var s = Files.list(SYS.resolve(name).resolve("queues"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("rx-")).count();
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }
}
