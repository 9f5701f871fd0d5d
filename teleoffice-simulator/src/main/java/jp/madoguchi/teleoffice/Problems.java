package jp.madoguchi.teleoffice;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** RFC 9457 answers of the simulated API (the meeting manager's own, so not Madoguchi's problem catalogue). */
final class Problems {

    private Problems() {
    }

    static WebApplicationException of(int status, String title) {
        return new WebApplicationException(Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status)).build());
    }
}
