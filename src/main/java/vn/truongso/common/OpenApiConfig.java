package vn.truongso.common;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI truongSoApi() {
        return new OpenAPI()
                .info(new Info().title("TruongSo API").version("v1")
                        .description("Trường Số: lesson plans, documents, the task inbox and paperless tracking for "
                                + "Vietnamese schools. Errors are RFC 9457 problem details with a stable `code` and "
                                + "a Vietnamese `detail`; times are in Asia/Ho_Chi_Minh (+07:00)."))
                // Either scheme on every operation: Basic, or the bearer token from POST /api/auth/token.
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("POST /api/auth/token (HTTP Basic) answers the token; "
                                        + "DELETE /api/auth/token with it ends it.")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
