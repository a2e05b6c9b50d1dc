package dev.haven.admin;

import java.util.HashMap;
import java.util.Map;

/**
 * One API route: an HTTP method, a path template with {@code {name}} segments, and what answers it.
 *
 * @param method GET, POST or DELETE
 * @param template the path, e.g. {@code /api/v1/filesystems/{fs}/snapshots}
 * @param body the request body's type, or null when it takes none
 */
record Route(String method, String template, Class<?> body, Action action) {

    /** What a route does: returns the response document (null: 204 No Content). */
    interface Action {
        Object run(Call call) throws Exception;
    }

    /** One request's matched path parameters and parsed body. */
    record Call(Map<String, String> params, Object body) {
        String param(String name) {
            return params.get(name);
        }

        <T> T body(Class<T> type) {
            return type.cast(body);
        }
    }

    /** The path parameters when {@code path} matches the template, else null. */
    Map<String, String> match(String path) {
        String[] want = template.split("/");
        String[] got = path.split("/");
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                params.put(want[i].substring(1, want[i].length() - 1), got[i]); // the path is decoded already
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
