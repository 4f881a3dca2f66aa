package io.leadflow.operations;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of LeadFlow's own API, served by springdoc at
 * {@code /api/openapi.json} (and {@code .yaml}) to logged-in users, like the API it describes.
 * Every operation lists the errors it can answer as RFC 9457 problems
 * ({@code application/problem+json}, schema {@code Problem}, with {@code errors} naming each bad
 * field), which springdoc cannot see in the code.
 */
@Configuration
class ApiDescription {

  static final String PROBLEM = "Problem";

  /** The error answers of every operation, as docs/api.md ("Errors") describes them. */
  static final Map<String, String> ERRORS = errors();

  private static Map<String, String> errors() {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("400", "Invalid fields, values, parameters or a body that is not JSON; `errors`"
        + " names each field by its JSON path and says what is wrong");
    errors.put("401", "No or wrong credentials (HTTP Basic or X-API-Key)");
    errors.put("403", "Not allowed; for the directory `errors` names each refused field");
    errors.put("404", "No such lead, team, rep or key");
    errors.put("409", "The lead's state or a rule refuses it, or a concurrent change");
    errors.put("415", "A body that is not application/json");
    errors.put("500", "Anything unexpected; the server log has the details");
    errors.put("503", "The database is out of reach; nothing was saved. Try again after"
        + " Retry-After seconds");
    return errors;
  }

  @Bean
  OpenAPI leadFlowApi() {
    return new OpenAPI()
        .info(new Info().title("LeadFlow API").version("1")
            .description("Leads in, routed and followed up. Every call and its rules:"
                + " docs/api.md. Camunda's own REST API is under /engine-rest.")
            .license(new License().name("Open source")))
        .components(new Components()
            .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("basic").description("A Camunda user"))
            .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                .description("An integration key: POST /api/leads and .../activities only")))
        .addSecurityItem(new SecurityRequirement().addList("basic"))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }

  /** Runs after springdoc made the schemas of the code: Problem is added to them. */
  @Bean
  OpenApiCustomizer problemBodiesOnEveryOperation() {
    return api -> {
      api.getComponents().addSchemas(PROBLEM, problem());
      api.getPaths().values().forEach(path -> path.readOperations()
          .forEach(ApiDescription::addProblems));
    };
  }

  static Schema<?> problem() {
    Schema<?> fieldError = new ObjectSchema()
        .addProperty("field", new StringSchema().example("activities[0].type"))
        .addProperty("message", new StringSchema().example("must be one of [WEBSITE_FORM, ...]"));
    return new ObjectSchema()
        .description("An RFC 9457 problem; never a stack trace")
        .addProperty("type", new StringSchema().example("about:blank"))
        .addProperty("title", new StringSchema().example("Bad Request"))
        .addProperty("status", new IntegerSchema().example(400))
        .addProperty("detail", new StringSchema().example("The request has invalid fields"))
        .addProperty("instance", new StringSchema().example("/api/leads"))
        .addProperty("errors", new ArraySchema().items(fieldError));
  }

  private static void addProblems(Operation operation) {
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses()
        : operation.getResponses();
    ERRORS.forEach((status, description) -> {
      ApiResponse response = new ApiResponse().description(description)
          .content(new Content().addMediaType("application/problem+json",
              new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
      if ("503".equals(status)) {
        response.addHeaderObject("Retry-After", new Header().description("seconds")
            .schema(new IntegerSchema()));
      }
      responses.addApiResponse(status, response);
    });
    operation.setResponses(responses);
  }
}
