package dev.haven.smb.server;

import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.NetworkInterfaceInfo;
import dev.haven.smb.wire.NtStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * [MS-SMB2] 3.3.5.15.5 FSCTL_QUERY_NETWORK_INTERFACE_INFO: one entry per address of every
 * interface that is up (the server listens on all of them), loopback included. Link speed and
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
        byte[] out = NetworkInterfaceInfo.encodeAll(interfaces());
        if (Integer.toUnsignedLong(req.maxOutputResponse()) < out.length) {
            // 3.3.5.15.5: the list does not fit the caller's buffer.
            throw new SmbStatusException(NtStatus.BUFFER_TOO_SMALL, "interface list of " + out.length + " bytes");
        }
        return Reply.ok(new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], out));
    }

    static List<NetworkInterfaceInfo> interfaces() {
        List<NetworkInterfaceInfo> list = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                int capability = receiveQueues(ni.getName()) > 1 ? NetworkInterfaceInfo.RSS_CAPABLE : 0;
                long speed = speed(ni.getName());
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    list.add(new NetworkInterfaceInfo(ni.getIndex(), capability, speed, a));
                }
            }
        } catch (SocketException e) {
            // No interface list: nothing to report, the client keeps its one channel.
            return List.of();
        }
        return list;
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
