package dev.haven.node;

/**
 * A virtual file server: the unit that owns file systems and shares and listens on its own address.
 *
 * @param name the section name, {@code [virtual-server NAME]}
 * @param listen the address to bind
 * @param port the SMB port; 0 picks a free one
 * @param encryptData [MS-SMB2] 3.3.1.5 EncryptData: every 3.x session is encrypted
 * @param requireSigning [MS-SMB2] 3.3.1.5 RequireMessageSigning
 */
public record VirtualServerConfig(String name, String listen, int port, boolean encryptData,
        boolean requireSigning) {
    /** This virtual server on another address or port. */
    public VirtualServerConfig withAddress(String newListen, int newPort) {
        return new VirtualServerConfig(name, newListen, newPort, encryptData, requireSigning);
    }
}
