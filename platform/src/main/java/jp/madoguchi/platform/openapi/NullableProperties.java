package jp.madoguchi.platform.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The services write an absent value as {@code null} (Jackson's default, which the front ends read), so a property a
 * schema does not require may be null, and the document says so: OpenAPI 3.0 refuses a null that is not declared.
 * A property whose type is a shared scalar schema (a date-time, an enumeration) gets that schema written in place with
 * null allowed: beside a {@code $ref}, 3.0 would wrap it in {@code allOf}, where the null still has to match the
 * referenced schema. A reference to an object schema stays as it is.
 */
final class NullableProperties {

    private static final String PREFIX = "#/components/schemas/";

    private NullableProperties() {
    }

    static void declare(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> shared = openAPI.getComponents().getSchemas();
        List.copyOf(shared.values()).forEach(schema -> declare(schema, shared));
    }

    private static void declare(Schema schema, Map<String, Schema> shared) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            declare(property, shared);
            if (!required.contains(name)) {
                nullable(property, shared);
            }
        });
    }

    private static void nullable(Schema property, Map<String, Schema> shared) {
        String ref = property.getRef();
        if (ref != null) {
            Schema target = ref.startsWith(PREFIX) ? shared.get(ref.substring(PREFIX.length())) : null;
            if (target == null || !scalar(target)) {
                return;
            }
            property.setRef(null);
            property.setType(new ArrayList<>(target.getType()));
            property.setFormat(target.getFormat());
            property.setPattern(target.getPattern());
            property.setEnumeration(target.getEnumeration() == null ? null : new ArrayList<>(target.getEnumeration()));
            if (property.getExample() == null && property.getExamples() == null) {
                property.setExample(target.getExample());
                property.setExamples(target.getExamples());
            }
            if (property.getDescription() == null) {
                property.setDescription(target.getDescription());
            }
        }
        if (property.getType() == null || property.getType().isEmpty() || property.getType().contains(SchemaType.NULL)) {
            return;
        }
        List<SchemaType> types = new ArrayList<>(property.getType());
        types.add(SchemaType.NULL);
        property.setType(types);
        if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
            // 3.0.3: a nullable enumeration lists null among its values
            List<Object> values = new ArrayList<>(property.getEnumeration());
            values.add(null);
            property.setEnumeration(values);
        }
    }

    private static boolean scalar(Schema schema) {
        return schema.getType() != null && !schema.getType().isEmpty() && schema.getProperties() == null
                && schema.getType().stream().noneMatch(t -> t == SchemaType.OBJECT || t == SchemaType.ARRAY);
    }
}
