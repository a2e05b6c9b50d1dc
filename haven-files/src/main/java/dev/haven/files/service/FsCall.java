package dev.haven.files.service;

import dev.haven.fs.FsException;

/** A HavenFS call whose {@link FsException} becomes a FileServiceException through {@link FsFailure}. */
@FunctionalInterface
interface FsCall<T> {
    T call() throws FsException;

    static <T> T run(FsCall<T> c) {
        try {
            return c.call();
        } catch (FsException e) {
            throw FsFailure.of(e);
        }
    }
}
