package dev.haven.smb.rpc;

import java.util.List;

/** C706 12.6.3.1 p_cont_elem_t: one presentation context a bind proposes. */
public record ContextElement(int contextId, SyntaxId abstractSyntax, List<SyntaxId> transferSyntaxes) {
    /** Copies the list. */
    public ContextElement {
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }
}
