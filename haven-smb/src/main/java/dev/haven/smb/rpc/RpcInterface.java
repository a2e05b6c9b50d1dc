package dev.haven.smb.rpc;

/** One RPC interface served over a named pipe: its abstract syntax and its operations by opnum. */
interface RpcInterface {
    /** The interface UUID and version a bind must name. */
    SyntaxId syntax();

    /** Runs operation {@code opnum} on NDR20 input {@code stub} and returns the output stub. */
    byte[] call(int opnum, byte[] stub) throws RpcFaultException;
}
