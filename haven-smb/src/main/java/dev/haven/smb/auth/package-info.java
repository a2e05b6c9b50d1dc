/**
 * Server-side SMB authentication: SPNEGO ([MS-SPNG], RFC 4178) wrapping NTLMSSP ([MS-NLMP]),
 * the user directory it checks against, and the logon throttle. It owns nothing on the wire
 * beyond the SESSION_SETUP security buffer and hands the session key to the caller.
 */
package dev.haven.smb.auth;
