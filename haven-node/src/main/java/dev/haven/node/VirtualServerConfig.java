package dev.haven.node;

import java.util.List;

/**
 * A virtual file server: the unit that owns file systems and shares and listens on its own address.
 *
 * @param name the section name, {@code [virtual-server NAME]}
 * @param listen the addresses to bind (one SMB listener each, all on {@code port})
 * @param port the SMB port; 0 picks a free one
 * @param encryptData [MS-SMB2] 3.3.1.5 EncryptData: every 3.x session is encrypted
 * @param requireSigning [MS-SMB2] 3.3.1.5 RequireMessageSigning
 * @param anonymous null (anonymous) sessions are accepted; they reach IPC$ only
 */
public record VirtualServerConfig(String name, List<String> listen, int port, boolean encryptData,
        boolean requireSigning, boolean anonymous) {
    /** Copies the address list. */
    public VirtualServerConfig {
        listen = List.copyOf(listen);
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("a virtual server needs a listen address");
        }
    }

    /** This virtual server on other addresses and port. */
    public VirtualServerConfig withAddress(List<String> newListen, int newPort) {
        return new VirtualServerConfig(name, newListen, newPort, encryptData, requireSigning, anonymous);
    }
}
