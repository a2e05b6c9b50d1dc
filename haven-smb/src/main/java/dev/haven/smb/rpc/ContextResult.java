package dev.haven.smb.rpc;

/**
 * C706 12.6.3.1 p_result_t: the answer to one proposed presentation context.
 *
 * @param result 0 acceptance, 1 user rejection, 2 provider rejection, 3 negotiate_ack ([MS-RPCE] 2.2.2.4)
 * @param reason the rejection reason, or for negotiate_ack the bind-time features the server supports
 */
public record ContextResult(int result, int reason, SyntaxId transferSyntax) {
    /** p_cont_def_result_t acceptance. */
    public static final int ACCEPTANCE = 0;
    /** p_cont_def_result_t provider_rejection. */
    public static final int PROVIDER_REJECTION = 2;
    /** [MS-RPCE] 2.2.2.4 negotiate_ack. */
    public static final int NEGOTIATE_ACK = 3;
    /** p_provider_reason_t abstract_syntax_not_supported. */
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 1;
    /** p_provider_reason_t proposed_transfer_syntaxes_not_supported. */
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 2;
}
