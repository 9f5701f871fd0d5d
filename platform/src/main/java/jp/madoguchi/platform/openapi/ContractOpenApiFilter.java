package jp.madoguchi.platform.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

import jp.madoguchi.platform.paging.PagingOpenApiFilter;

/**
 * What every service's OpenAPI document says the same way, in one place (MicroProfile OpenAPI takes one filter):
 * the paging convention, the problem answers, and which properties may be null.
 */
public class ContractOpenApiFilter implements OASFilter {

    private final PagingOpenApiFilter paging = new PagingOpenApiFilter();

    @Override
    public Operation filterOperation(Operation operation) {
        return paging.filterOperation(operation);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ProblemResponses.document(openAPI);
        NullableProperties.declare(openAPI);
    }
}
