package dev.haven.smb.server;

import dev.haven.files.durable.DurableHandle;
import dev.haven.files.durable.HandleFactory;
import dev.haven.files.durable.PersistedOpen;
import dev.haven.files.service.Open;
import dev.haven.smb.wire.Smb2FileId;

/**
 * The SMB front-end's side of persistent opens after a restart ([MS-SMB2] 3.3.7.1 with
 * Open.IsPersistent): the file service re-established the open; this makes it the SMB open it
 * was, preserved and waiting for a DH2C reconnect with the same FileId and CreateGuid. Its
 * FileId's persistent part is the stored durable id; the volatile part is given anew at
 * reconnect, as for every durable reconnect.
 */
public final class PersistentHandles implements HandleFactory {
    /** The protocol name SMB's records carry in the store. */
    public static final String PROTOCOL = "smb2";

    @Override
    public DurableHandle restored(Open open, PersistedOpen record) {
        SmbOpen o = new SmbOpen(new Smb2FileId(record.durableId(), 0), open, 0,
                String.join("\\", record.path().components()));
        PersistedOpen.Owner who = record.who();
        o.durable(new DurableContexts.Granted(who.timeout(), who.createGuid(), who.client(), who.leaseKey(), true, false));
        return o;
    }
}
