package jp.madoguchi.platform.paging;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the paging convention on every operation that takes {@link PageParams}: its 200 answer carries
 * {@code X-Total-Count} and {@code Link}, and a bad {@code page} or {@code size} answers 400. One place, so no list
 * endpoint can forget it.
 */
public class PagingOpenApiFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters == null || parameters.stream().noneMatch(p -> "size".equals(p.getName()))
                || parameters.stream().noneMatch(p -> "page".equals(p.getName()))) {
            return operation;
        }
        String note = "Paged: `page` (0-based) and `size` (default " + PageParams.DEFAULT_SIZE + ", at most "
                + PageParams.MAX_SIZE + "). The body is the page's items; `X-Total-Count` counts them all and `Link` "
                + "points to the first, previous, next and last pages (no `next` on the last page).";
        operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
        if (operation.getResponses() != null) {
            APIResponse ok = operation.getResponses().getAPIResponse("200");
            if (ok != null) {
                ok.addHeader(Paged.TOTAL_COUNT, OASFactory.createHeader()
                        .description("How many items the whole list has")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
                ok.addHeader("Link", OASFactory.createHeader()
                        .description("RFC 8288 links to the first, prev, next and last pages (relative to the service)")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
            if (operation.getResponses().getAPIResponse("400") == null) {
                operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                        .description("`page` or `size` out of range or not a number (problem+json; `violations` names it)"));
            }
        }
        return operation;
    }
}
