/**
 * The admin API's client, as the {@code haven} CLI uses it: it finds the node running on a data
 * directory (the directory's lock is held and {@code admin.url} says where the API listens), reads
 * the token, and calls the API with the documents of {@link dev.haven.admin.api}.
 */
package dev.haven.admin.client;
