package jp.madoguchi.platform.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter that does not read as its type (a date that is no date, a state that does not exist, a year
 * far outside the service's range, a page number out of bounds). A {@link BadRequestException}, so JAX-RS hands it on as it is instead of
 * answering 404; {@link ProblemMappers} turns it into a 400 problem naming the parameter.
 */
public class BadParameterException extends BadRequestException {

    private final String parameter;
    private final String expected;

    public BadParameterException(String parameter, String expected) {
        super("query parameter " + parameter + " must be " + expected);
        this.parameter = parameter;
        this.expected = expected;
    }

    public String parameter() {
        return parameter;
    }

    public String expected() {
        return expected;
    }
}
