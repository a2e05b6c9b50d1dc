package dev.haven.admin.api;

/** An authenticated SMB session ({@code sessionId} in hex, as [MS-SMB2] tools show it). */
public record SessionView(String virtualServer, String sessionId, String user, String client, String dialect,
        String since) {}
