/**
 * SMB2/3 session cryptography ([MS-SMB2] 3.1.4.x): key derivation, message signing,
 * TRANSFORM_HEADER encryption and preauthentication integrity hashing. No I/O, no Netty.
 */
package dev.haven.smb.crypto;
