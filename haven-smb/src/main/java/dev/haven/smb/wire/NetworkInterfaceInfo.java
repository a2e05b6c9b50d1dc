package dev.haven.smb.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.32.5 NETWORK_INTERFACE_INFO, one entry of the FSCTL_QUERY_NETWORK_INTERFACE_INFO
 * output: Next (4), IfIndex (4), Capability (4), Reserved (4), LinkSpeed (8, bits per second),
 * SockAddr_Storage (128: Family (2) then, for IPv4 (0x2), Port (2), IPv4Address (4); for IPv6
 * (0x17), Port (2), FlowInfo (4), IPv6Address (16), ScopeId (4); zero-padded). Next is the offset
 * of the next entry from this one, 0 on the last.
 */
public record NetworkInterfaceInfo(int ifIndex, int capability, long linkSpeed, InetAddress address) {
    /** Capability bit: the interface supports receive-side scaling. */
    public static final int RSS_CAPABLE = 0x1;
    /** Capability bit: the interface supports RDMA. */
    public static final int RDMA_CAPABLE = 0x2;
    /** Size of one entry. */
    public static final int SIZE = 152;
    private static final int FAMILY_IPV4 = 0x2;
    private static final int FAMILY_IPV6 = 0x17;
    private static final int SOCKADDR = 128;

    /** The IOCTL output buffer: the entries chained by Next. */
    public static byte[] encodeAll(List<NetworkInterfaceInfo> entries) {
        WireWriter w = new WireWriter(SIZE * entries.size());
        for (int i = 0; i < entries.size(); i++) {
            NetworkInterfaceInfo e = entries.get(i);
            w.u32(i + 1 < entries.size() ? SIZE : 0).u32(e.ifIndex).u32(e.capability).u32(0).u64(e.linkSpeed);
            int start = w.position();
            if (e.address instanceof Inet4Address v4) {
                w.u16(FAMILY_IPV4).u16(0).bytes(v4.getAddress());
            } else {
                Inet6Address v6 = (Inet6Address) e.address;
                w.u16(FAMILY_IPV6).u16(0).u32(0).bytes(v6.getAddress()).u32(v6.getScopeId());
            }
            w.bytes(new byte[SOCKADDR - (w.position() - start)]);
        }
        return w.toByteArray();
    }

    /** Decodes an output buffer (tests and clients). */
    public static List<NetworkInterfaceInfo> decodeAll(byte[] out) throws MalformedMessageException {
        List<NetworkInterfaceInfo> list = new ArrayList<>();
        int at = 0;
        while (true) {
            WireReader r = new WireReader(out, at, Math.min(SIZE, out.length - at));
            int next = r.u32();
            int index = r.u32();
            int capability = r.u32();
            r.skip(4);
            long speed = r.u64();
            int family = r.u16();
            r.skip(2);
            byte[] addr;
            if (family == FAMILY_IPV4) {
                addr = r.bytes(4);
            } else if (family == FAMILY_IPV6) {
                r.skip(4);
                addr = r.bytes(16);
            } else {
                throw MalformedMessageException.body("address family " + family);
            }
            try {
                list.add(new NetworkInterfaceInfo(index, capability, speed, InetAddress.getByAddress(addr)));
            } catch (UnknownHostException e) {
                throw MalformedMessageException.body(e.getMessage());
            }
            if (next == 0) {
                return list;
            }
            if (next < SIZE || at + (long) next >= out.length) {
                throw MalformedMessageException.body("Next " + next);
            }
            at += next;
        }
    }
}
