package dev.haven.smb.rpc;

/** A call that fails with a DCE/RPC fault status (C706 appendix E, [MS-RPCE] 3.1.1.5.5). */
final class RpcFaultException extends Exception {
    private final int status;

    RpcFaultException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
