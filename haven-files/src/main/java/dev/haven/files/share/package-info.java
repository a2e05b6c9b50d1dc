/**
 * Share modes and delete-on-close: which opens of a file may coexist ([MS-FSA] 2.1.5.1.2.2) and
 * when a file marked for deletion is finally unlinked ([MS-FSA] 2.1.5.4). Owns
 * {@link dev.haven.files.share.ShareModeTable}; keyed by {@link dev.haven.files.FileKey} and
 * {@link dev.haven.files.OpenId}, no I/O.
 */
package dev.haven.files.share;
