/**
 * The JSON documents of the admin API ({@code /api/v1/}), one immutable record each, shared by
 * the server and its client ({@code haven} CLI). Times are ISO-8601 strings in UTC; sizes are
 * bytes. The API's description is {@code openapi.json} next to these classes' server.
 */
package dev.haven.admin.api;
