package jp.madoguchi.platform.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import org.jboss.resteasy.reactive.RestQuery;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads dates and enum states given as query parameters, so that a malformed one answers 400 naming the parameter
 * (JAX-RS alone answers a query parameter it cannot convert with 404, as if the resource did not exist). The
 * parameter must be named in its annotation ({@code @RestQuery("from")}): the converter knows no Java names.
 *
 * <p>Dates are held to a sane window, {@value #YEARS} years either side of today: nothing this service keeps lies
 * further off, and a year such as +999999999 would otherwise overflow the arithmetic on it.
 */
@Provider
public class QueryParameterConverters implements ParamConverterProvider {

    static final int YEARS = 10;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) new Dates(name);
        }
        if (rawType.isEnum()) {
            return new States(name, (Class) rawType);
        }
        return null;
    }

    private static String queryName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof RestQuery q && !q.value().isEmpty()) {
                return q.value();
            }
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }

    private record Dates(String name) implements ParamConverter<LocalDate> {
        @Override
        public LocalDate fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new BadParameterException(name, "a date (YYYY-MM-DD)");
            }
            LocalDate today = LocalDate.now(JAPAN);
            if (date.isBefore(today.minusYears(YEARS)) || date.isAfter(today.plusYears(YEARS))) {
                throw new BadParameterException(name, "a date within " + YEARS + " years of today");
            }
            return date;
        }

        @Override
        public String toString(LocalDate value) {
            return value == null ? null : value.toString();
        }
    }

    private record States<E extends Enum<E>>(String name, Class<E> type) implements ParamConverter<E> {
        @Override
        public E fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadParameterException(name, "one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        @Override
        public String toString(E value) {
            return value == null ? null : value.name();
        }
    }
}
