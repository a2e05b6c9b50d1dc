package dev.haven.files.service;

/**
 * A change of times and DOS attributes ([MS-FSCC] 2.4.7 FileBasicInformation); a null field is
 * left as it is. Times are 100 ns ticks since 1970.
 */
public record BasicInfo(Long creationTime, Long lastAccessTime, Long lastWriteTime, Long changeTime,
        Integer dosAttributes) {
}
