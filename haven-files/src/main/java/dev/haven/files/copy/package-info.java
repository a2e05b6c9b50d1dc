/**
 * Server-side copy: resume keys that name a source open without revealing it
 * ({@link dev.haven.files.copy.ResumeKeys}) and the copy of chunks from one open to another
 * through the file service's access and byte-range lock checks
 * ({@link dev.haven.files.copy.ServerSideCopy}). Protocol-neutral: SMB's FSCTL_SRV_COPYCHUNK and
 * an NFSv4.2 COPY both land here.
 */
package dev.haven.files.copy;
