/**
 * SMB 2.0.2 to 3.1.1 on Netty. The wire knows nothing of storage: requests are translated into
 * calls on the protocol-neutral file service, and its errors into NTSTATUS in one table.
 */
package dev.haven.smb;
