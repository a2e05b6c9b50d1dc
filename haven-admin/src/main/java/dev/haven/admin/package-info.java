/**
 * The admin HTTP layer of a running node, on Jetty: the JSON REST API under {@code /api/v1/}
 * (bearer token from the data directory's {@code admin.token}, mode 600), {@code /health} and
 * {@code /metrics} (Prometheus text, no token, no secrets), the OpenAPI description and the web
 * console (static HTML/JS/CSS that calls the API with the same token). It only translates: every
 * operation is a call on {@link dev.haven.node.Node}.
 */
package dev.haven.admin;
