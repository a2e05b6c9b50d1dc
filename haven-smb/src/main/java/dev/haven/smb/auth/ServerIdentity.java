package dev.haven.smb.auth;

/** The names the server announces in the NTLM CHALLENGE target info ([MS-NLMP] 2.2.2.1). */
public record ServerIdentity(String netbiosName, String netbiosDomain, String dnsName, String dnsDomain) {}
