/**
 * Change notification ([MS-FSA] 2.1.5.10, [MS-SMB2] 3.3.5.19): watches on directory opens, each
 * with a completion filter and a WatchTree flag, and the changes the file service publishes to
 * them through {@link dev.haven.files.notify.ChangePublisher}. A {@link dev.haven.files.notify.Watch}
 * lives on its open: it buffers the changes between two requests up to the size the first request
 * allowed, overflows into "enumerate the directory" and answers waiting requests from any thread.
 * Nothing here knows a wire format beyond the size of [MS-FSCC] 2.4.42 FILE_NOTIFY_INFORMATION,
 * which the buffer limit is measured in.
 */
package dev.haven.files.notify;
